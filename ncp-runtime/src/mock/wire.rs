//! HTTP/1.1 by hand: read one request (Content-Length or chunked body), write one response, or
//! break the connection on purpose. Every connection carries one exchange and is then closed, so
//! each attempt of a client is one connection the gateway can script.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A request as it arrived.
#[derive(Debug, Clone)]
pub(crate) struct RawRequest {
    pub method: String,
    /// Path and query exactly as in the request line.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether the body's media type is `essence` (parameters such as `charset` aside).
    pub fn has_content_type(&self, essence: &str) -> bool {
        self.header("content-type")
            .is_some_and(|ct| ct.starts_with(essence))
    }
}

/// Largest request body the gateway reads (NCP's own limit for uploads is far below).
const MAX_REQUEST: usize = 16 * 1024 * 1024;
/// Largest request head (request line and headers) the gateway reads.
pub(crate) const MAX_HEAD: usize = 64 * 1024;

/// Why no request could be read; all but `Closed` are answered as a real gateway would.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReadFailure {
    /// The connection ended, failed or went idle before a whole request arrived.
    Closed,
    /// Not HTTP/1.1 as the gateway reads it (400).
    Malformed,
    /// A body over [`MAX_REQUEST`], declared or sent (413).
    TooLarge,
    /// A head over [`MAX_HEAD`] (431).
    HeadTooLarge,
}

impl ReadFailure {
    /// The status that answers it, if any.
    pub(crate) fn status(self) -> Option<u16> {
        match self {
            Self::Closed => None,
            Self::Malformed => Some(400),
            Self::TooLarge => Some(413),
            Self::HeadTooLarge => Some(431),
        }
    }
}

type Read<T> = Result<T, ReadFailure>;

/// Reads one request; every read waits at most `idle` for data.
pub(crate) async fn read_request(stream: &mut TcpStream, idle: Duration) -> Read<RawRequest> {
    let mut reader = Reader {
        stream,
        idle,
        buffer: Vec::new(),
    };
    let head_end = reader
        .read_until(b"\r\n\r\n", MAX_HEAD, ReadFailure::HeadTooLarge)
        .await?;
    let head = std::str::from_utf8(&reader.buffer[..head_end])
        .map_err(|_| ReadFailure::Malformed)?
        .to_owned();
    reader.buffer.drain(..head_end + 4);
    let mut request = parse_head(&head)?;
    let header = |name: &str| request.header(name);
    let body = if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        reader.read_chunked().await?
    } else {
        let length = match header("content-length") {
            None => 0,
            Some(text) => text.parse::<u64>().map_err(|_| ReadFailure::Malformed)?,
        };
        if length > MAX_REQUEST as u64 {
            return Err(ReadFailure::TooLarge);
        }
        reader.read_exactly(length as usize).await?
    };
    request.body = body;
    Ok(request)
}

/// Request line and headers (the body still empty); a line that is neither is malformed.
fn parse_head(head: &str) -> Read<RawRequest> {
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap_or_default().split(' ');
    let (Some(method), Some(target), Some(version), None) = (
        request_line.next(),
        request_line.next(),
        request_line.next(),
        request_line.next(),
    ) else {
        return Err(ReadFailure::Malformed);
    };
    if method.is_empty() || !target.starts_with('/') || !version.starts_with("HTTP/1.") {
        return Err(ReadFailure::Malformed);
    }
    let headers = lines
        .map(|line| {
            let (name, value) = line.split_once(':').ok_or(ReadFailure::Malformed)?;
            if name.is_empty() || name.trim() != name {
                return Err(ReadFailure::Malformed);
            }
            Ok((name.to_owned(), value.trim().to_owned()))
        })
        .collect::<Read<Vec<_>>>()?;
    Ok(RawRequest {
        method: method.to_owned(),
        target: target.to_owned(),
        headers,
        body: Vec::new(),
    })
}

/// A connection's bytes as they arrive, read with an idle timeout.
struct Reader<'a> {
    stream: &'a mut TcpStream,
    idle: Duration,
    buffer: Vec<u8>,
}

impl Reader<'_> {
    /// Reads until `needle` is buffered and returns where it starts; more than `limit` bytes
    /// before it fails with `too_long`. Each byte is searched once (a head of megabytes arriving
    /// in small pieces stays linear).
    async fn read_until(
        &mut self,
        needle: &[u8],
        limit: usize,
        too_long: ReadFailure,
    ) -> Read<usize> {
        let mut searched = 0;
        loop {
            if let Some(at) = find(&self.buffer[searched..], needle) {
                return Ok(searched + at);
            }
            searched = self.buffer.len().saturating_sub(needle.len() - 1);
            if self.buffer.len() > limit {
                return Err(too_long);
            }
            self.fill().await?;
        }
    }

    /// Reads `length` bytes of body (the caller checked `length` against the limit).
    async fn read_exactly(&mut self, length: usize) -> Read<Vec<u8>> {
        while self.buffer.len() < length {
            self.fill().await?;
        }
        let mut body = std::mem::take(&mut self.buffer);
        body.truncate(length);
        Ok(body)
    }

    /// A chunked body; each declared size is checked against the limit before it is read.
    async fn read_chunked(&mut self) -> Read<Vec<u8>> {
        let mut body = Vec::new();
        loop {
            let line_end = self
                .read_until(b"\r\n", 1024, ReadFailure::Malformed)
                .await?;
            let size = chunk_size(&self.buffer[..line_end])?;
            self.buffer.drain(..line_end + 2);
            if size > (MAX_REQUEST - body.len()) as u64 {
                return Err(ReadFailure::TooLarge);
            }
            let size = size as usize;
            while self.buffer.len() < size + 2 {
                self.fill().await?;
            }
            if &self.buffer[size..size + 2] != b"\r\n" {
                return Err(ReadFailure::Malformed);
            }
            if size == 0 {
                return Ok(body);
            }
            body.extend_from_slice(&self.buffer[..size]);
            self.buffer.drain(..size + 2);
        }
    }

    /// Appends what the connection has next; waits at most the idle timeout.
    async fn fill(&mut self) -> Read<()> {
        let mut chunk = [0u8; 16 * 1024];
        match tokio::time::timeout(self.idle, self.stream.read(&mut chunk)).await {
            Ok(Ok(n)) if n > 0 => {
                self.buffer.extend_from_slice(&chunk[..n]);
                Ok(())
            }
            _ => Err(ReadFailure::Closed),
        }
    }
}

/// The size of a chunk-size line (hex, extensions ignored), as declared: never trusted as a
/// buffer size before it is checked against the limit.
fn chunk_size(line: &[u8]) -> Read<u64> {
    let text = std::str::from_utf8(line).map_err(|_| ReadFailure::Malformed)?;
    let digits = text.split(';').next().unwrap_or_default().trim();
    u64::from_str_radix(digits, 16).map_err(|_| ReadFailure::Malformed)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Writes a complete response and closes the connection.
pub(crate) async fn write_response(
    stream: &mut TcpStream,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) {
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        reason(status),
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    send_and_close(stream, &head, body).await;
}

/// Promises `declared` bytes, sends `sent`, and closes.
pub(crate) async fn write_truncated(stream: &mut TcpStream, declared: usize, sent: &[u8]) {
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {declared}\r\nConnection: close\r\n\r\n"
    );
    send_and_close(stream, &head, sent).await;
}

/// Answers without a length; the body ends when the connection does.
pub(crate) async fn write_unframed(stream: &mut TcpStream, status: u16, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",
        reason(status)
    );
    send_and_close(stream, &head, body).await;
}

/// Writes a response head and body, then closes. Write errors are ignored: the client may
/// already have given up, which is what some faults test.
async fn send_and_close(stream: &mut TcpStream, head: &str, body: &[u8]) {
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(body).await;
    let _ = stream.shutdown().await;
}

/// Closes with a TCP reset rather than an orderly close.
pub(crate) fn reset(stream: TcpStream) {
    if let Ok(std) = stream.into_std() {
        let _ = socket2::SockRef::from(&std).set_linger(Some(Duration::ZERO));
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        202 => "Accepted",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}
