//! Pieces of the action-style APIs (`/vserver/v2/getServerInstanceList?...`): the response
//! wrapper with its common members, NCP's `{"code","codeName"}` objects, and values NCP wants
//! base64-encoded.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};

use crate::target::WireText;

/// An action-style answer: NCP's common members, and the action's own data in `result`
/// (reachable directly through `Deref`: `response.server_instance_list`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(crate = "serde")]
#[non_exhaustive]
pub struct ActionResponse<T> {
    /// NCP's id of the request, for support tickets.
    #[serde(rename = "requestId", default)]
    pub request_id: Option<String>,
    /// `"0"` on success.
    #[serde(rename = "returnCode", default)]
    pub return_code: Option<String>,
    /// `"success"`, or what went wrong.
    #[serde(rename = "returnMessage", default)]
    pub return_message: Option<String>,
    /// The number of items the query matched (for paging), when the action reports it.
    #[serde(
        rename = "totalRows",
        default,
        deserialize_with = "crate::lenient::optional"
    )]
    pub total_rows: Option<i64>,
    /// The action's own members.
    #[serde(flatten)]
    pub result: T,
}

impl<T> ActionResponse<T> {
    /// The action's own members.
    pub fn into_result(self) -> T {
        self.result
    }
}

impl<T> Deref for ActionResponse<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.result
    }
}

/// The data of an action that answers only the common members.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(crate = "serde")]
pub struct NoFields {}

/// NCP's code objects: `{"code": "RUN", "codeName": "Server run state"}`. `C` is the spec's
/// enum of documented codes (which keeps unknown ones), or `String`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(crate = "serde")]
pub struct CommonCode<C = String> {
    /// The code.
    pub code: C,
    /// Its human-readable name, in the account's language.
    #[serde(rename = "codeName", default, skip_serializing_if = "Option::is_none")]
    pub code_name: Option<String>,
}

impl<C> CommonCode<C> {
    /// A code object without a name.
    pub fn new(code: impl Into<C>) -> Self {
        Self {
            code: code.into(),
            code_name: None,
        }
    }
}

/// A value the client sends base64-encoded (for example `userData`), given in plain text.
#[derive(Clone, Copy)]
pub struct Base64<'a>(pub &'a str);

impl WireText for Base64<'_> {
    fn with_wire_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        use base64::Engine as _;
        f(&base64::engine::general_purpose::STANDARD.encode(self.0))
    }
}

/// A secret NCP hands out (a private key): kept out of `Debug`; read it with
/// [`Secret::expose`].
///
/// It deliberately does not implement `Serialize`: serializing a struct that holds one (to log
/// it as JSON, say) must not write the secret in clear text by accident. Where it has to go on
/// the wire, the field opts in with `#[serde(serialize_with = "Secret::serialize_exposed")]` (or
/// [`Secret::serialize_exposed_option`] for an `Option`), as the generated code does.
#[derive(Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(crate = "serde", transparent)]
pub struct Secret(String);

impl Secret {
    /// The secret text.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Serializes the secret in clear text: the explicit opt-in for a field that must carry it.
    pub fn serialize_exposed<T, S>(secret: &T, serializer: S) -> Result<S::Ok, S::Error>
    where
        T: std::borrow::Borrow<Secret>,
        S: serde::Serializer,
    {
        serializer.serialize_str(secret.borrow().expose())
    }

    /// [`Secret::serialize_exposed`] for an optional field (`None` serializes as `null`).
    pub fn serialize_exposed_option<T, S>(
        secret: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error>
    where
        T: std::borrow::Borrow<Secret>,
        S: serde::Serializer,
    {
        match secret {
            Some(secret) => serializer.serialize_some(secret.borrow().expose()),
            None => serializer.serialize_none(),
        }
    }
}

impl WireText for Secret {
    /// The secret in clear: only generated action-style requests call it, and they send the
    /// pairs in a form body, never in the URL.
    fn with_wire_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        f(&self.0)
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        // The text does not outlive the value in memory that is freed.
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Servers {
        #[serde(rename = "serverInstanceList")]
        list: Vec<Server>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Server {
        #[serde(rename = "serverInstanceStatus")]
        status: CommonCode,
    }

    #[test]
    fn common_members_and_the_result_decode_together() {
        let json = r#"{"requestId":"r-1","returnCode":"0","returnMessage":"success","totalRows":"2",
            "serverInstanceList":[{"serverInstanceStatus":{"code":"RUN","codeName":"Server run state"}}]}"#;
        let response: ActionResponse<Servers> = serde_json::from_str(json).unwrap();
        assert_eq!(response.total_rows, Some(2));
        assert_eq!(response.request_id.as_deref(), Some("r-1"));
        assert_eq!(
            response.list[0].status.code, "RUN",
            "Deref reaches the result"
        );
    }

    #[derive(serde::Serialize)]
    struct Upload<'a> {
        #[serde(serialize_with = "Secret::serialize_exposed")]
        key: &'a Secret,
        #[serde(serialize_with = "Secret::serialize_exposed_option")]
        spare: Option<Secret>,
    }

    /// Autoref specialization: `serializes` is true exactly when `T: Serialize`.
    struct Probe<T>(std::marker::PhantomData<T>);
    trait Serializes {
        fn serializes(&self) -> bool {
            true
        }
    }
    impl<T: serde::Serialize> Serializes for Probe<T> {}
    trait DoesNotSerialize {
        fn serializes(&self) -> bool {
            false
        }
    }
    impl<T> DoesNotSerialize for &Probe<T> {}

    #[test]
    fn a_secret_has_no_blanket_serialize() {
        // Through a reference, so that the fallback's `&&Probe` is one autoref away.
        let string = &Probe::<String>(std::marker::PhantomData);
        let secret = &Probe::<Secret>(std::marker::PhantomData);
        assert!(string.serializes());
        assert!(!secret.serializes());
    }

    #[test]
    fn a_secret_serializes_only_where_a_field_opts_in() {
        let secret = Secret::from("pem");
        let upload = Upload {
            key: &secret,
            spare: Some(secret.clone()),
        };
        assert_eq!(
            serde_json::to_string(&upload).unwrap(),
            r#"{"key":"pem","spare":"pem"}"#
        );
        let none = Upload {
            key: &secret,
            spare: None,
        };
        assert_eq!(
            serde_json::to_string(&none).unwrap(),
            r#"{"key":"pem","spare":null}"#
        );
    }

    #[test]
    fn secrets_stay_out_of_debug_and_base64_encodes() {
        let secret = Secret::from("-----BEGIN RSA PRIVATE KEY-----");
        assert_eq!(format!("{secret:?}"), "Secret(<redacted>)");
        assert_eq!(secret.expose(), "-----BEGIN RSA PRIVATE KEY-----");
        assert_eq!(
            Base64("#!/bin/bash").with_wire_text(str::to_owned),
            "IyEvYmluL2Jhc2g="
        );
    }
}
