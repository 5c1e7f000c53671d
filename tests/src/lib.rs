//! Test support: a real HTTP/1.1 server on 127.0.0.1 that records every request exactly as it
//! arrived (method, raw request target, headers, body) and answers with scripted responses, plus
//! an independent check of the signature v2 headers.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use bytes::Bytes;
use hmac::{Hmac, Mac};
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use sha2::Sha256;

/// Access key of the test client.
pub const ACCESS_KEY: &str = "ncp_iam_BPAMKR5TestAccessKey";
/// Secret key of the test client.
pub const SECRET_KEY: &str = "ncp_iam_BPKMKR5TestSecretKeyDoNotLeak";

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Path and query exactly as they appeared in the request line.
    pub target: String,
    pub headers: hyper::HeaderMap,
    pub body: Bytes,
}

impl Recorded {
    /// The value of a header, as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The path, without the query.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    /// The raw query, without `?` (empty when none).
    pub fn query(&self) -> &str {
        self.target.split_once('?').map_or("", |(_, q)| q)
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("the request body is JSON")
    }

    /// Asserts that the three signature v2 headers are present and that the signature,
    /// recomputed here with `hmac` + `sha2` (not with ncp-runtime's signer) over the raw request
    /// target, matches.
    pub fn assert_signed(&self) {
        let timestamp = self
            .header("x-ncp-apigw-timestamp")
            .expect("timestamp header");
        let millis: u128 = timestamp.parse().expect("timestamp is epoch milliseconds");
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis();
        assert!(
            now.abs_diff(millis) < 5 * 60 * 1000,
            "timestamp {timestamp} is not current"
        );
        assert_eq!(self.header("x-ncp-iam-access-key"), Some(ACCESS_KEY));
        let expected = sign(
            SECRET_KEY,
            &self.method,
            &self.target,
            timestamp,
            ACCESS_KEY,
        );
        assert_eq!(
            self.header("x-ncp-apigw-signature-v2"),
            Some(expected.as_str()),
            "signature over `{} {}`",
            self.method,
            self.target
        );
    }
}

/// Signature v2, computed independently of ncp-runtime.
pub fn sign(secret: &str, method: &str, target: &str, timestamp: &str, access_key: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{method} {target}\n{timestamp}\n{access_key}").as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// A scripted response.
#[derive(Debug, Clone)]
pub struct Canned {
    pub status: u16,
    pub content_type: Option<&'static str>,
    pub body: Bytes,
}

impl Canned {
    pub fn json(status: u16, body: serde_json::Value) -> Self {
        Self {
            status,
            content_type: Some("application/json;charset=UTF-8"),
            body: body.to_string().into(),
        }
    }

    pub fn raw(status: u16, content_type: &'static str, body: impl Into<Bytes>) -> Self {
        Self {
            status,
            content_type: Some(content_type),
            body: body.into(),
        }
    }

    pub fn empty(status: u16) -> Self {
        Self {
            status,
            content_type: None,
            body: Bytes::new(),
        }
    }
}

#[derive(Default)]
struct State {
    requests: Vec<Recorded>,
    responses: VecDeque<Canned>,
}

/// The server. It stops when dropped (its task is aborted).
pub struct TestServer {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl TestServer {
    /// Binds 127.0.0.1 on a free port and serves until dropped.
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let state = shared.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                        let state = state.clone();
                        async move {
                            let (parts, body) = req.into_parts();
                            let body = body
                                .collect()
                                .await
                                .map(|b| b.to_bytes())
                                .unwrap_or_default();
                            let target = parts
                                .uri
                                .path_and_query()
                                .map_or("/", |pq| pq.as_str())
                                .to_owned();
                            let mut state = state.lock().unwrap();
                            state.requests.push(Recorded {
                                method: parts.method.to_string(),
                                target,
                                headers: parts.headers,
                                body,
                            });
                            let canned = state.responses.pop_front().unwrap_or_else(|| {
                                Canned::raw(599, "text/plain", "no response scripted")
                            });
                            let mut response = hyper::Response::builder().status(canned.status);
                            if let Some(ct) = canned.content_type {
                                response = response.header("content-type", ct);
                            }
                            Ok::<_, std::convert::Infallible>(
                                response.body(Full::new(canned.body)).unwrap(),
                            )
                        }
                    });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Self { addr, state, task }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Queues a response for the next request.
    pub fn respond(&self, canned: Canned) {
        self.state.lock().unwrap().responses.push_back(canned);
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    /// The only request received; fails when there were more or none.
    pub fn only_request(&self) -> Recorded {
        let requests = self.requests();
        assert_eq!(
            requests.len(),
            1,
            "expected exactly one request, got {requests:#?}"
        );
        requests.into_iter().next().unwrap()
    }

    /// A client with the test credentials whose every request comes here.
    pub fn client(&self) -> ncp_runtime::Client {
        ncp_runtime::Client::builder()
            .credentials(ncp_runtime::Credentials::new(ACCESS_KEY, SECRET_KEY).unwrap())
            .endpoint_override(ncp_runtime::Origin::insecure_http(&self.origin()).unwrap())
            .attempt_timeout(std::time::Duration::from_secs(10))
            .retry_policy(ncp_runtime::RetryPolicy::none())
            .build()
            .unwrap()
    }
}

/// Output captured in memory (a tracing subscriber's writer, say), shared by its clones, to check
/// what was printed.
#[derive(Clone, Default)]
pub struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl Captured {
    /// Everything written so far, as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
