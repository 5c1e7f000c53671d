//! NCP's metadata service as the server role uses it: which origins may be asked, the two GETs
//! (NCP's "Role Data" reference, `compute-vmetadata-roledata`), and what their answers must hold.
//!
//! `GET {origin}/latest/meta-data/iam/security-credentials` names the server's role (no trailing
//! newline); `GET {origin}/latest/meta-data/iam/security-credentials/{roleId}` issues a temporary
//! key: `{"Code": "Success", "LastUpdated": "...", "Type": "...", "AccessKeyId": "...",
//! "SecretAccessKey": "...", "Expiration": "2026-11-25T09:00:00Z"}`.

use std::time::{Duration, SystemTime};

use crate::credentials::{Credentials, CredentialsError};

/// Where the role list lives; a role's key is one segment below.
pub(crate) const CREDENTIALS_PATH: &str = "/latest/meta-data/iam/security-credentials";
/// The metadata service's answers are a few hundred bytes; anything far larger is not it.
const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// Whether the metadata origin must be a loopback IP address: in this crate's unit tests, and
/// with the `metadata-loopback-only` feature, which this workspace's tests and examples enable.
/// NCP flags traffic to 169.254.169.254 from machines that are not its servers, so no test may
/// ever send any.
pub(crate) const LOOPBACK_ONLY: bool = cfg!(any(test, feature = "metadata-loopback-only"));

/// `http(s)://host[:port]` and nothing more, as its ASCII serialization; the reason when not.
/// With [`LOOPBACK_ONLY`], the host must be a loopback IP address (a name is refused: it would
/// need a DNS answer to judge).
pub(crate) fn check_origin(input: &str) -> Result<String, &'static str> {
    let url = url::Url::parse(input.trim()).map_err(|_| "not an absolute URL")?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("the scheme must be http or https");
    }
    if url.host().is_none()
        || !url.username().is_empty()
        || url.password().is_some()
        || url.path() != "/"
        || url.query().is_some()
        || url.fragment().is_some()
    {
        return Err("give scheme, host and port only");
    }
    if LOOPBACK_ONLY && !is_loopback_ip(&url) {
        return Err(
            "this build reaches only a metadata service on a loopback IP address (feature \
             metadata-loopback-only, or ncp-runtime's own tests): set NCLOUD_METADATA_API_ENDPOINT \
             to http://127.0.0.1:PORT or NCLOUD_METADATA_DISABLED=true",
        );
    }
    Ok(url.origin().ascii_serialization())
}

fn is_loopback_ip(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        _ => false,
    }
}

/// A role id goes into the URL path: letters, digits, `-`, `_` and `.` only, and not a dot
/// segment.
pub(crate) fn check_role(role: &str) -> Result<(), &'static str> {
    let ok = !role.is_empty()
        && role.len() <= 256
        && role != "."
        && role != ".."
        && role
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err("the role id has characters other than letters, digits, `-`, `_` and `.`")
    }
}

/// A key the metadata service issued.
pub(crate) struct IssuedKey {
    pub(crate) credentials: Credentials,
    pub(crate) expires: SystemTime,
}

/// An HTTP client for one metadata origin: no proxy (the service is one hop away, and a proxy
/// must not see the key), no redirect, short timeouts.
pub(crate) struct MetadataService {
    origin: String,
    http: reqwest::Client,
}

impl MetadataService {
    /// A client for `origin`, already checked by [`check_origin`].
    pub(crate) fn new(
        origin: String,
        connect_timeout: Duration,
        timeout: Duration,
    ) -> Result<Self, CredentialsError> {
        let http = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(connect_timeout)
            .timeout(timeout)
            .user_agent(concat!("ncp-rs/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| error(&origin, format!("cannot make its HTTP client: {e}")))?;
        Ok(Self { origin, http })
    }

    pub(crate) fn origin(&self) -> &str {
        &self.origin
    }

    /// The role assigned to this server: the first line of the role list.
    pub(crate) async fn role(&self) -> Result<String, CredentialsError> {
        let fail = |reason: String| error(&self.origin, reason);
        let (status, body) = self.get(CREDENTIALS_PATH).await?;
        match status {
            200 => {}
            404 => {
                return Err(fail(
                    "no role is assigned to this server (HTTP 404 for the role list)".into(),
                ));
            }
            _ => return Err(fail(format!("the role list answered HTTP {status}"))),
        }
        let text = String::from_utf8_lossy(&body);
        let role = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .ok_or_else(|| fail("no role is assigned to this server".into()))?
            .to_owned();
        check_role(&role).map_err(|reason| fail(reason.to_owned()))?;
        Ok(role)
    }

    /// A new key of `role`. No error holds the answer's body or any part of it: it may hold the
    /// secret key.
    pub(crate) async fn issue(&self, role: &str) -> Result<IssuedKey, CredentialsError> {
        let fail = |reason: String| error(&self.origin, reason);
        let (status, body) = self.get(&format!("{CREDENTIALS_PATH}/{role}")).await?;
        if status != 200 {
            return Err(fail(format!(
                "the credentials of role {role} answered HTTP {status}"
            )));
        }
        // serde_json's message can quote the offending value, so only its category and place.
        let answer: Answer = serde_json::from_slice(&body).map_err(|e| {
            let category = match e.classify() {
                serde_json::error::Category::Io => "I/O error",
                serde_json::error::Category::Syntax => "syntax error",
                serde_json::error::Category::Data => "unexpected field type",
                serde_json::error::Category::Eof => "truncated",
            };
            fail(format!(
                "the credentials of role {role} are not the documented JSON ({category} at line {}, column {})",
                e.line(),
                e.column()
            ))
        })?;
        if let Some(code) = answer.code.as_deref().filter(|c| *c != "Success") {
            let message = answer
                .message
                .as_deref()
                .map(|m| format!(": {m}"))
                .unwrap_or_default();
            return Err(fail(format!(
                "the credentials of role {role} were refused: {code}{message}"
            )));
        }
        let (Some(access), Some(secret), Some(expiration)) = (
            answer.access_key_id,
            answer.secret_access_key,
            answer.expiration,
        ) else {
            return Err(fail(format!(
                "the credentials of role {role} lack AccessKeyId, SecretAccessKey or Expiration"
            )));
        };
        let expires = crate::rfc3339::parse(&expiration).ok_or_else(|| {
            fail(format!(
                "the Expiration of role {role}'s key is not an RFC 3339 time"
            ))
        })?;
        // `Invalid` names the key and the rule it breaks, never its value.
        let credentials = Credentials::new(access, &secret).map_err(|e| match e {
            CredentialsError::Invalid { what, reason } => {
                fail(format!("the {what} of role {role} is unusable: {reason}"))
            }
            other => other,
        })?;
        if expires <= SystemTime::now() {
            return Err(fail(format!(
                "the key of role {role} has already expired ({expiration})"
            )));
        }
        Ok(IssuedKey {
            credentials,
            expires,
        })
    }

    /// One GET: the status and the body (capped).
    async fn get(&self, path: &str) -> Result<(u16, Vec<u8>), CredentialsError> {
        // Checked again where the request is made, whatever built this client.
        check_origin(&self.origin).map_err(|reason| error(&self.origin, reason.to_owned()))?;
        let fail = |what: &str, e: reqwest::Error| {
            let reason = if e.is_connect() {
                format!(
                    "{what}: cannot connect (not on an NCP server?): {}",
                    e.without_url()
                )
            } else if e.is_timeout() {
                format!("{what}: no answer in time")
            } else {
                format!("{what}: {}", e.without_url())
            };
            error(&self.origin, reason)
        };
        let mut response = self
            .http
            .get(format!("{}{path}", self.origin))
            .send()
            .await
            .map_err(|e| fail("request failed", e))?;
        let status = response.status().as_u16();
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| fail("reading the answer failed", e))?
        {
            if body.len() + chunk.len() > MAX_ANSWER_BYTES {
                return Err(error(
                    &self.origin,
                    format!("the answer to {path} exceeds {MAX_ANSWER_BYTES} bytes"),
                ));
            }
            body.extend_from_slice(&chunk);
        }
        Ok((status, body))
    }
}

/// The issuing answer. Unknown fields (`LastUpdated`, `Type`) are ignored.
#[derive(serde::Deserialize)]
struct Answer {
    #[serde(rename = "AccessKeyId")]
    access_key_id: Option<String>,
    #[serde(rename = "SecretAccessKey")]
    secret_access_key: Option<String>,
    #[serde(rename = "Expiration")]
    expiration: Option<String>,
    #[serde(rename = "Code")]
    code: Option<String>,
    #[serde(rename = "Message")]
    message: Option<String>,
}

fn error(origin: &str, reason: String) -> CredentialsError {
    CredentialsError::Metadata {
        origin: origin.to_owned(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_origins_pass_in_tests() {
        const { assert!(LOOPBACK_ONLY) };
        for origin in [
            "http://169.254.169.254",
            "http://169.254.169.254:80",
            "http://[::ffff:169.254.169.254]",
            "http://localhost:8080",
            "http://10.0.0.1",
            "http://[fe80::1]",
        ] {
            let reason = check_origin(origin).unwrap_err();
            assert!(reason.contains("loopback"), "{origin}: {reason}");
        }
        assert_eq!(
            check_origin("http://127.0.0.1:9/").unwrap(),
            "http://127.0.0.1:9"
        );
        assert_eq!(check_origin("http://[::1]:9").unwrap(), "http://[::1]:9");
        for malformed in [
            "http://127.0.0.1:9/latest",
            "http://127.0.0.1:9?x=1",
            "http://u:p@127.0.0.1:9",
            "ftp://127.0.0.1",
            "127.0.0.1:9",
        ] {
            assert!(check_origin(malformed).is_err(), "{malformed}");
        }
    }

    #[test]
    fn role_ids_stay_one_path_segment() {
        assert!(check_role("role-7f3e_A.1").is_ok());
        for bad in ["", ".", "..", "../admin", "a/b", "a b", "a%2f", "ré"] {
            assert!(check_role(bad).is_err(), "{bad:?}");
        }
    }
}
