//! The one error type of every ncp-rs call, and the parsing of NCP's error bodies.

use std::time::Duration;

use serde_json::Value;

use crate::credentials::CredentialsError;
use crate::site::InvalidEndpoint;

/// The result of an ncp-rs call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in an ncp-rs call.
///
/// Variants are boxed where large so that `Result<T, Error>` stays small. Nothing in an error
/// holds the secret key or a signature.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// NCP answered with an error status.
    #[error(transparent)]
    Service(Box<ServiceError>),
    /// NCP answered with a success status but the body is not what the operation documents.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// The request was refused before it was sent (a value breaks a documented limit, a path
    /// parameter is empty, ...).
    #[error("{operation}: invalid request: `{field}` {reason}")]
    InvalidRequest {
        /// The operation.
        operation: &'static str,
        /// The field, as NCP names it (e.g. `messages[3].content`).
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// The request did not complete in time: an attempt's timeout or the call's deadline.
    #[error("{operation}: no complete answer within {after:?}{}", attempts_note(*attempts))]
    Timeout {
        /// The operation.
        operation: &'static str,
        /// The timeout that expired.
        after: Duration,
        /// How many attempts were made.
        attempts: u32,
    },
    /// The connection failed, or the response could not be read.
    #[error("{operation}: {message}{}", attempts_note(*attempts))]
    Transport {
        /// The operation.
        operation: &'static str,
        /// What failed, in words.
        message: String,
        /// Whether the connection could not be made at all, so the request was certainly not
        /// sent.
        connect: bool,
        /// How many attempts were made.
        attempts: u32,
        /// The underlying error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A paginator stopped: the server repeated a page, reported a total it never reached, or
    /// kept reporting more pages past the paginator's bound.
    #[error("{operation}: paging stopped at page {page}: {reason}")]
    Pagination {
        /// The operation.
        operation: &'static str,
        /// The page that ended the walk.
        page: i64,
        /// What went wrong.
        reason: String,
    },
    /// A waiter gave up: the resource reached a failure state, or not the awaited state in time.
    #[error("waiting until {waiter}: {reason}")]
    Waiter {
        /// The waiter (`server_instance_running`).
        waiter: &'static str,
        /// The last state seen, when any was.
        last_state: Option<String>,
        /// What ended the wait.
        reason: String,
    },
    /// The response body is larger than the configured cap.
    #[error("{operation}: the response body exceeds the limit of {limit} bytes")]
    ResponseTooLarge {
        /// The operation.
        operation: &'static str,
        /// The configured limit.
        limit: usize,
    },
    /// Credentials are missing or invalid.
    #[error(transparent)]
    Credentials(#[from] CredentialsError),
    /// The endpoint configuration is invalid.
    #[error(transparent)]
    Endpoint(#[from] InvalidEndpoint),
    /// The client could not be built.
    #[error("cannot build the HTTP client: {0}")]
    Config(String),
}

impl Error {
    /// The service error, when NCP answered with an error status.
    pub fn as_service(&self) -> Option<&ServiceError> {
        match self {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }

    /// How many attempts the call made before this error (1 when it was not retried; 0 when
    /// nothing was sent).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Service(e) => e.attempts,
            Error::Decode(e) => e.attempts,
            Error::Timeout { attempts, .. } | Error::Transport { attempts, .. } => *attempts,
            Error::ResponseTooLarge { .. } => 1,
            _ => 0,
        }
    }

    /// Records how many attempts were made.
    pub(crate) fn with_attempts(mut self, count: u32) -> Self {
        match &mut self {
            Error::Service(e) => e.attempts = count,
            Error::Decode(e) => e.attempts = count,
            Error::Timeout { attempts, .. } | Error::Transport { attempts, .. } => {
                *attempts = count
            }
            _ => {}
        }
        self
    }

    /// The HTTP status NCP answered with, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Service(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }
}

/// Which of NCP's error body formats an error response used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorFormat {
    /// API Gateway: `{"error":{"errorCode":"200","message":"...","details":"..."}}`. Web Security
    /// Checker sends `errorCode` as an integer; both are kept as text.
    Gateway,
    /// SENS: `{"status":400,"errorMessage":"...","errors":[...]}`, or `error`/`message` (gov docs).
    Sens,
    /// Action-style APIs: `{"responseError":{"returnCode"|"responseCode", "returnMessage"|"responseMessage"}}`.
    Action,
    /// A success envelope with a failing return code: `{"returnCode":"...","returnMessage":"..."}`.
    ReturnCode,
    /// JSON in none of the known shapes.
    UnknownJson,
    /// Not JSON (an HTML page from a proxy, plain text).
    NotJson,
    /// No body at all.
    Empty,
}

/// NCP answered with an error status.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", self.describe())]
#[non_exhaustive]
pub struct ServiceError {
    /// The operation that failed.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// Which error body format NCP used.
    pub format: ErrorFormat,
    /// NCP's error code (`"200"`, `"901"`, `"1401"`, ...), as text.
    pub code: Option<String>,
    /// NCP's message.
    pub message: Option<String>,
    /// NCP's details, when given.
    pub details: Option<String>,
    /// Further error lines (SENS `errors`).
    pub errors: Vec<String>,
    /// The body as received (lossily decoded as UTF-8).
    pub body: String,
    /// The request id NCP put in the error body (`requestId`, as action-style APIs do), when it
    /// did. The gateway documents no request-id header, so none is read.
    pub request_id: Option<String>,
    /// How long NCP asked to wait before trying again (`Retry-After`), when it said.
    pub retry_after: Option<Duration>,
    /// The gateway's clock (`Date` header), when it sent one.
    pub server_date: Option<std::time::SystemTime>,
    /// Where a redirect (3xx) pointed (`Location`). The client never follows one: the request is
    /// signed for the gateway, and another host must not receive it.
    pub location: Option<String>,
    /// How many attempts the call made; this error answered the last one.
    pub attempts: u32,
}

impl ServiceError {
    /// Parses an error response of `operation`.
    pub fn from_response(operation: &'static str, status: u16, body: &[u8]) -> Self {
        let text = String::from_utf8_lossy(body).into_owned();
        let mut error = ServiceError {
            operation,
            status,
            format: ErrorFormat::Empty,
            code: None,
            message: None,
            details: None,
            errors: Vec::new(),
            body: text,
            request_id: None,
            retry_after: None,
            server_date: None,
            location: None,
            attempts: 1,
        };
        if error.body.trim().is_empty() {
            return error;
        }
        match serde_json::from_slice::<Value>(body) {
            Ok(value) => error.read_json(&value),
            Err(_) => error.format = ErrorFormat::NotJson,
        }
        error
    }

    fn read_json(&mut self, value: &Value) {
        self.format = ErrorFormat::UnknownJson;
        let Some(object) = value.as_object() else {
            return;
        };
        self.request_id = first_text(object, &["requestId"]).or_else(|| {
            object
                .get("responseError")
                .and_then(Value::as_object)
                .and_then(|inner| first_text(inner, &["requestId"]))
        });
        if let Some(inner) = object.get("error").and_then(Value::as_object) {
            self.format = ErrorFormat::Gateway;
            self.code = inner.get("errorCode").and_then(text);
            self.message = inner.get("message").and_then(text);
            self.details = inner.get("details").and_then(text);
        } else if let Some(inner) = object.get("responseError").and_then(Value::as_object) {
            self.format = ErrorFormat::Action;
            self.code = first_text(inner, &["returnCode", "responseCode"]);
            self.message = first_text(inner, &["returnMessage", "responseMessage"]);
        } else if object.contains_key("errorMessage")
            || (object.contains_key("status") && object.contains_key("message"))
            || object.get("error").is_some_and(Value::is_string)
        {
            self.format = ErrorFormat::Sens;
            self.code = first_text(object, &["status"]);
            self.message = first_text(object, &["errorMessage", "message"]);
            self.details = first_text(object, &["error"]);
            self.errors = match object.get("errors") {
                Some(Value::Array(items)) => items.iter().filter_map(text_or_json).collect(),
                Some(other) => text_or_json(other).into_iter().collect(),
                None => Vec::new(),
            };
        } else if object.contains_key("returnCode") {
            self.format = ErrorFormat::ReturnCode;
            self.code = first_text(object, &["returnCode"]);
            self.message = first_text(object, &["returnMessage", "returnDesc"]);
        }
    }

    fn describe(&self) -> String {
        let mut out = format!("{}: NCP answered HTTP {}", self.operation, self.status);
        if let Some(code) = &self.code {
            out.push_str(&format!(", code {code}"));
        }
        if let Some(message) = &self.message {
            out.push_str(&format!(": {message}"));
        }
        if let Some(details) = &self.details {
            out.push_str(&format!(" ({details})"));
        }
        for line in &self.errors {
            out.push_str(&format!("; {line}"));
        }
        if self.is_quota_exceeded() {
            out.push_str(" (the API Gateway quota for this API is spent: retrying does not help until it renews)");
        }
        if let Some(location) = &self.location {
            out.push_str(&format!(" (a redirect to {location}, not followed)"));
        }
        match self.format {
            ErrorFormat::NotJson => out.push_str(" (the body is not JSON)"),
            ErrorFormat::Empty => out.push_str(" (empty body)"),
            _ => {}
        }
        out.push_str(&attempts_note(self.attempts));
        out
    }

    /// Whether NCP documents this answer as transient: HTTP 502/503/504, gateway codes 500
    /// (Endpoint Error) and 510 (Endpoint Timeout), action-style return code 1000.
    pub fn is_transient(&self) -> bool {
        matches!(self.status, 502..=504)
            || (self.format == ErrorFormat::Gateway
                && matches!(self.code.as_deref(), Some("500" | "510")))
            || (self.format == ErrorFormat::Action && self.code.as_deref() == Some("1000"))
    }

    /// Whether this is throttling: HTTP 429, or the API Gateway's codes 410 (Throttle Limited)
    /// and 420 (Rate Limited).
    pub fn is_throttling(&self) -> bool {
        self.status == 429 || self.is_gateway_throttling()
    }

    /// Whether the API Gateway itself throttled the request (codes 410 Throttle Limited, 420 Rate
    /// Limited): it refused it before the product saw it, so sending it again cannot duplicate
    /// anything, even a send.
    pub fn is_gateway_throttling(&self) -> bool {
        self.format == ErrorFormat::Gateway && matches!(self.code.as_deref(), Some("410" | "420"))
    }

    /// Whether the API Gateway's quota for the API is spent (code 400 Quota Exceeded): not
    /// transient, so never retried.
    pub fn is_quota_exceeded(&self) -> bool {
        self.format == ErrorFormat::Gateway && self.code.as_deref() == Some("400")
    }
}

/// " (after N attempts)" when the call was retried.
fn attempts_note(attempts: u32) -> String {
    if attempts > 1 {
        format!(" (after {attempts} attempts)")
    } else {
        String::new()
    }
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn text_or_json(value: &Value) -> Option<String> {
    text(value).or_else(|| (!value.is_null()).then(|| value.to_string()))
}

fn first_text(object: &serde_json::Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| object.get(*k).and_then(text))
}

/// A success response whose body does not match what the operation documents.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{operation}: cannot decode the HTTP {status} response at `{path}`: {message}{}", attempts_note(*attempts))]
#[non_exhaustive]
pub struct DecodeError {
    /// The operation.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// Where in the body decoding failed, as a JSON path (`messages[0].isWide`), or `.` for the
    /// whole body.
    pub path: String,
    /// What was wrong there.
    pub message: String,
    /// The body as received (lossily decoded as UTF-8).
    pub body: String,
    /// How many attempts the call made.
    pub attempts: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(status: u16, body: &str) -> ServiceError {
        ServiceError::from_response("op", status, body.as_bytes())
    }

    #[test]
    fn gateway_error_with_string_or_integer_code() {
        let e = parse(
            401,
            r#"{"error":{"errorCode":"200","message":"Authentication Failed","details":"Invalid authentication information."}}"#,
        );
        assert_eq!(e.format, ErrorFormat::Gateway);
        assert_eq!(e.code.as_deref(), Some("200"));
        assert_eq!(e.message.as_deref(), Some("Authentication Failed"));
        assert_eq!(
            e.to_string(),
            "op: NCP answered HTTP 401, code 200: Authentication Failed (Invalid authentication information.)"
        );
        let wsc = parse(
            400,
            r#"{"error":{"errorCode":901,"message":"API Call Fail"}}"#,
        );
        assert_eq!(wsc.code.as_deref(), Some("901"));
    }

    #[test]
    fn sens_error_both_spellings() {
        let e = parse(
            400,
            r#"{"status":400,"errorMessage":"Invalid parameter","errors":["messages[0].to is empty"]}"#,
        );
        assert_eq!(e.format, ErrorFormat::Sens);
        assert_eq!(e.code.as_deref(), Some("400"));
        assert_eq!(e.message.as_deref(), Some("Invalid parameter"));
        assert_eq!(e.errors, vec!["messages[0].to is empty".to_owned()]);
        let gov = parse(
            404,
            r#"{"status":404,"error":"Not Found","message":"No such request"}"#,
        );
        assert_eq!(gov.format, ErrorFormat::Sens);
        assert_eq!(gov.message.as_deref(), Some("No such request"));
        assert_eq!(gov.details.as_deref(), Some("Not Found"));
    }

    #[test]
    fn action_error_both_spellings() {
        let a = parse(
            400,
            r#"{"responseError":{"returnCode":"1401","returnMessage":"Not found server product."}}"#,
        );
        assert_eq!(
            (a.format, a.code.as_deref()),
            (ErrorFormat::Action, Some("1401"))
        );
        let b = parse(
            400,
            r#"{"responseError":{"responseCode":"1000","responseMessage":"Please try again","requestId":"req-1"}}"#,
        );
        assert_eq!(b.request_id.as_deref(), Some("req-1"));
        assert_eq!(b.message.as_deref(), Some("Please try again"));
    }

    #[test]
    fn html_empty_and_odd_bodies_are_kept_raw() {
        let html = parse(500, "<html><body>Internal Server Error</body></html>");
        assert_eq!(html.format, ErrorFormat::NotJson);
        assert!(html.body.contains("<html>"));
        assert!(html.to_string().contains("not JSON"));
        assert_eq!(parse(502, "").format, ErrorFormat::Empty);
        assert_eq!(parse(500, "[1,2]").format, ErrorFormat::UnknownJson);
        let invalid_utf8 = ServiceError::from_response("op", 500, &[0xff, 0xfe, b'{']);
        assert_eq!(invalid_utf8.format, ErrorFormat::NotJson);
    }
}
