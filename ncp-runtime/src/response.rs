//! A successful response, and decoding it into the operation's documented type.

use bytes::Bytes;
use serde::Deserialize as _;
use serde::de::DeserializeOwned;

use crate::error::{DecodeError, Error, Result, ServiceError};

/// What errors and `Debug` show in place of a body that may carry secrets.
const OMITTED_BODY: &str = "<omitted: this answer may carry secrets>";

/// A response with a success status, its body read in full.
#[derive(Clone)]
pub struct Response {
    operation: &'static str,
    status: u16,
    body: Bytes,
    carries_secrets: bool,
}

impl std::fmt::Debug for Response {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut debug = f.debug_struct("Response");
        debug
            .field("operation", &self.operation)
            .field("status", &self.status);
        if self.carries_secrets {
            debug.field("body", &OMITTED_BODY);
        } else {
            debug.field("body", &self.body);
        }
        debug.finish()
    }
}

impl Response {
    /// A response of `operation` with `status` and `body` (for tests and benchmarks of decoding).
    pub fn new(operation: &'static str, status: u16, body: Bytes) -> Self {
        Self {
            operation,
            status,
            body,
            carries_secrets: false,
        }
    }

    /// Marks the body as one that may carry secrets (a spec field with `secret = true`, such as
    /// a private key): errors made while decoding it, and `Debug`, then leave the body out.
    /// Generated methods call this for such operations.
    #[must_use]
    pub fn carrying_secrets(mut self) -> Self {
        self.carries_secrets = true;
        self
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// Decodes the body as JSON into `T`. A failure names the JSON path where it happened.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Err(self.decode_error(
                ".".to_owned(),
                "the body is empty; expected JSON".to_owned(),
            ));
        }
        // Fast path without path tracking, which costs as much as the decoding itself; only a
        // failure pays for decoding again to find where it failed.
        match serde_json::from_slice(&self.body) {
            Ok(value) => Ok(value),
            Err(plain) => Err(self.locate_failure::<T>(plain)),
        }
    }

    fn locate_failure<T: DeserializeOwned>(&self, plain: serde_json::Error) -> Error {
        let mut deserializer = serde_json::Deserializer::from_slice(&self.body);
        match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
            Err(e) => self.decode_error(e.path().to_string(), e.into_inner().to_string()),
            Ok(_) => match deserializer.end() {
                Err(e) => self.decode_error(".".to_owned(), e.to_string()),
                Ok(()) => self.decode_error(".".to_owned(), plain.to_string()),
            },
        }
    }

    /// Decodes an action-style answer: `{"<wrapper>": {"requestId", "returnCode", ..., data}}`.
    /// A `returnCode` other than `"0"` is an [`Error::Service`] (format `Action`); a
    /// `responseError` body in place of the wrapper is one too.
    pub fn action<T: DeserializeOwned>(&self, wrapper: &str) -> Result<crate::ActionResponse<T>> {
        let mut object: serde_json::Map<String, serde_json::Value> = self.json()?;
        let Some(inner) = object.remove(wrapper) else {
            if object.contains_key("responseError") || object.contains_key("error") {
                return Err(Error::Service(Box::new(self.service_error())));
            }
            return Err(self.decode_error(".".to_owned(), format!("missing field `{wrapper}`")));
        };
        let code = inner.get("returnCode").and_then(|c| match c {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        });
        if let Some(code) = code.filter(|c| c != "0") {
            let mut error = self.service_error();
            error.format = crate::error::ErrorFormat::Action;
            error.message = inner
                .get("returnMessage")
                .and_then(|m| m.as_str())
                .map(str::to_owned);
            error.request_id = inner
                .get("requestId")
                .and_then(|m| m.as_str())
                .map(str::to_owned);
            error.code = Some(code);
            return Err(Error::Service(Box::new(error)));
        }
        // The action's members and the common ones are read from the same object separately:
        // `T` ignores the common members, and a failure inside `T` keeps its exact path.
        let result = T::deserialize(&inner).or_else(|_| {
            serde_path_to_error::deserialize(&inner).map_err(|e| {
                let path = format!("{wrapper}{}", suffix(&e.path().to_string()));
                self.decode_error(path, e.into_inner().to_string())
            })
        })?;
        let common = crate::ActionResponse::<crate::NoFields>::deserialize(&inner)
            .map_err(|e| self.decode_error(wrapper.to_owned(), e.to_string()))?;
        Ok(crate::ActionResponse {
            request_id: common.request_id,
            return_code: common.return_code,
            return_message: common.return_message,
            total_rows: common.total_rows,
            result,
        })
    }

    /// Accepts a response that documents no body. Whatever body came is ignored.
    pub fn empty(&self) -> Result<()> {
        Ok(())
    }

    /// Decodes a success envelope (`{"returnCode":"0","returnMessage":...,"resources":{...}}`) and
    /// returns its data member as `T`. A return code other than the success value is an
    /// [`Error::Service`] with NCP's code and message, even under HTTP 200; so is a gateway error
    /// body (`{"error":{...}}`) in place of the envelope.
    pub fn enveloped<T: DeserializeOwned>(&self, envelope: &Envelope) -> Result<T> {
        let data = self.open_envelope(envelope)?;
        T::deserialize(&data).or_else(|_| {
            serde_path_to_error::deserialize(&data).map_err(|e| {
                let path = format!("{}{}", envelope.data, suffix(&e.path().to_string()));
                self.decode_error(path, e.into_inner().to_string())
            })
        })
    }

    /// Like [`Response::enveloped`] for operations whose data member is documented as `null`:
    /// checks the return code and ignores the data.
    pub fn enveloped_empty(&self, envelope: &Envelope) -> Result<()> {
        self.open_envelope(envelope).map(drop)
    }

    fn open_envelope(&self, envelope: &Envelope) -> Result<serde_json::Value> {
        let mut object: serde_json::Map<String, serde_json::Value> = self.json()?;
        let code = match object.get(envelope.code) {
            Some(serde_json::Value::String(code)) => code.clone(),
            Some(serde_json::Value::Number(code)) => code.to_string(),
            Some(other) => {
                return Err(self.decode_error(
                    envelope.code.to_owned(),
                    format!("expected a return code, found {other}"),
                ));
            }
            None if object.contains_key("error") || object.contains_key("responseError") => {
                return Err(Error::Service(Box::new(self.service_error())));
            }
            None => {
                return Err(
                    self.decode_error(".".to_owned(), format!("missing field `{}`", envelope.code))
                );
            }
        };
        if code != envelope.success {
            let mut error = self.service_error();
            error.format = crate::error::ErrorFormat::ReturnCode;
            error.code = Some(code);
            error.message = object
                .get(envelope.message)
                .and_then(|m| m.as_str())
                .map(str::to_owned);
            return Err(Error::Service(Box::new(error)));
        }
        let data = object
            .remove(envelope.data)
            .unwrap_or(serde_json::Value::Null);
        Ok(data)
    }
}

fn suffix(path: &str) -> String {
    if path == "." {
        String::new()
    } else if path.starts_with('[') {
        path.to_owned()
    } else {
        format!(".{path}")
    }
}

/// Where a product's success envelope keeps its return code, message and data.
#[derive(Debug, Clone, Copy)]
pub struct Envelope {
    /// The return code member (`returnCode`).
    pub code: &'static str,
    /// The return code of success (`"0"`).
    pub success: &'static str,
    /// The message member (`returnMessage`).
    pub message: &'static str,
    /// The data member (`resources`).
    pub data: &'static str,
}

impl Response {
    fn decode_error(&self, path: String, message: String) -> Error {
        Error::Decode(Box::new(DecodeError {
            operation: self.operation,
            status: self.status,
            path,
            message,
            body: self.printable_body(),
            attempts: 1,
        }))
    }

    /// A failure answered with a success status (a return code, or an error body in place of
    /// the data).
    fn service_error(&self) -> ServiceError {
        let mut error = ServiceError::from_response(self.operation, self.status, &self.body);
        if self.carries_secrets {
            error.body = OMITTED_BODY.to_owned();
        }
        error
    }

    fn printable_body(&self) -> String {
        if self.carries_secrets {
            OMITTED_BODY.to_owned()
        } else {
            String::from_utf8_lossy(&self.body).into_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[test]
    fn a_body_carrying_secrets_stays_out_of_debug_and_errors() {
        const KEY: &str = "-----BEGIN RSA PRIVATE KEY-----";
        let response = |body: String| {
            Response::new("create_login_key", 200, Bytes::from(body)).carrying_secrets()
        };
        let undecodable = response(format!(r#"{{"privateKey":"{KEY}","keyName":7}}"#));
        assert!(!format!("{undecodable:?}").contains(KEY));
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct Created {
            #[serde(rename = "privateKey")]
            private_key: String,
            #[serde(rename = "keyName")]
            key_name: String,
        }
        let error = undecodable.json::<Created>().unwrap_err();
        assert!(!format!("{error:?}").contains(KEY), "{error:?}");
        let refused = response(format!(
            r#"{{"createLoginKeyResponse":{{"returnCode":"1","returnMessage":"no","privateKey":"{KEY}"}}}}"#
        ));
        let error = refused
            .action::<crate::NoFields>("createLoginKeyResponse")
            .unwrap_err();
        let service = error.as_service().expect("a return code other than 0");
        assert_eq!(service.code.as_deref(), Some("1"));
        assert!(!format!("{error:?}").contains(KEY), "{error:?}");
    }

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Outer {
        items: Vec<Inner>,
    }

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Inner {
        #[serde(rename = "isWide")]
        is_wide: bool,
    }

    fn decode(body: &str) -> Error {
        Response::new("op", 200, Bytes::from(body.to_owned()))
            .json::<Outer>()
            .unwrap_err()
    }

    const ENVELOPE: Envelope = Envelope {
        code: "returnCode",
        success: "0",
        message: "returnMessage",
        data: "resources",
    };

    fn response(body: &str) -> Response {
        Response::new("op", 200, Bytes::from(body.to_owned()))
    }

    #[test]
    fn envelopes_unwrap_their_data_and_turn_failing_codes_into_errors() {
        let ok = r#"{"returnCode":"0","returnDesc":"Request Success","returnMessage":"Success","resources":{"items":[{"isWide":true}]}}"#;
        assert_eq!(
            response(ok)
                .enveloped::<Outer>(&ENVELOPE)
                .unwrap()
                .items
                .len(),
            1
        );
        let null = r#"{"returnCode":"0","returnDesc":"Request Success","returnMessage":"Success","resources":null}"#;
        response(null).enveloped_empty(&ENVELOPE).unwrap();
        let failing =
            r#"{"returnCode":"160332","returnMessage":"Invalid parameter","resources":null}"#;
        let err = response(failing).enveloped_empty(&ENVELOPE).unwrap_err();
        let service = err.as_service().unwrap();
        assert_eq!(
            (service.code.as_deref(), service.message.as_deref()),
            (Some("160332"), Some("Invalid parameter"))
        );
        let gateway = r#"{"error":{"errorCode":901,"message":"API Call Fail"}}"#;
        let err = response(gateway).enveloped_empty(&ENVELOPE).unwrap_err();
        assert_eq!(err.as_service().unwrap().code.as_deref(), Some("901"));
    }

    #[test]
    fn envelope_decode_errors_name_the_path_inside_the_data() {
        let bad = r#"{"returnCode":0,"resources":{"items":[{"isWide":"x"}]}}"#;
        let Error::Decode(e) = response(bad).enveloped::<Outer>(&ENVELOPE).unwrap_err() else {
            panic!()
        };
        assert_eq!(e.path, "resources.items[0].isWide");
        let missing = r#"{"resources":{}}"#;
        assert!(
            response(missing)
                .enveloped_empty(&ENVELOPE)
                .unwrap_err()
                .to_string()
                .contains("missing field `returnCode`")
        );
    }

    #[test]
    fn action_answers_are_unwrapped_and_failing_codes_are_errors() {
        let ok = r#"{"getZoneListResponse":{"requestId":"r","returnCode":"0","returnMessage":"success","totalRows":1,"items":[{"isWide":false}]}}"#;
        let response = super::Response::new("op", 200, Bytes::from(ok))
            .action::<Outer>("getZoneListResponse")
            .unwrap();
        assert_eq!((response.total_rows, response.items.len()), (Some(1), 1));
        let failing = r#"{"getZoneListResponse":{"requestId":"r","returnCode":"1000","returnMessage":"Please try your call again later"}}"#;
        let err = super::Response::new("op", 200, Bytes::from(failing))
            .action::<Outer>("getZoneListResponse")
            .unwrap_err();
        let service = err.as_service().unwrap();
        assert_eq!(
            (service.code.as_deref(), service.format),
            (Some("1000"), crate::ErrorFormat::Action)
        );
        assert!(service.is_transient());
        let error = r#"{"responseError":{"returnCode":"1401","returnMessage":"Not found server product."}}"#;
        let err = super::Response::new("op", 200, Bytes::from(error))
            .action::<Outer>("getZoneListResponse")
            .unwrap_err();
        assert_eq!(err.as_service().unwrap().code.as_deref(), Some("1401"));
        let bad = r#"{"getZoneListResponse":{"returnCode":"0","items":[{"isWide":"x"}]}}"#;
        let Error::Decode(e) = super::Response::new("op", 200, Bytes::from(bad))
            .action::<Outer>("getZoneListResponse")
            .unwrap_err()
        else {
            panic!()
        };
        assert_eq!(e.path, "getZoneListResponse.items[0].isWide");
    }

    #[test]
    fn names_the_failing_field() {
        let Error::Decode(e) = decode(r#"{"items":[{"isWide":true},{"isWide":"maybe"}]}"#) else {
            panic!("expected a decode error");
        };
        assert_eq!(e.path, "items[1].isWide");
        assert!(e.to_string().contains("items[1].isWide"), "{e}");
    }

    #[test]
    fn empty_truncated_and_html_bodies_are_decode_errors() {
        for body in [
            "",
            "  ",
            r#"{"items":[{"isWi"#,
            "<html>oops</html>",
            r#"{"items":[]} trailing"#,
        ] {
            assert!(matches!(decode(body), Error::Decode(_)), "{body:?}");
        }
    }
}
