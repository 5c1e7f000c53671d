//! Where a client's signing keys come from: fixed credentials, or a server role's temporary keys;
//! and the default chain that picks one.

use http::HeaderValue;

use crate::credentials::{Credentials, CredentialsError};
use crate::server_role::ServerRole;

/// The keys a request is signed with: the credentials (access key and keyed signer) and the
/// access key as a ready header value.
#[derive(Clone)]
pub(crate) struct SigningKeys {
    pub(crate) credentials: Credentials,
    pub(crate) access_key_header: HeaderValue,
}

impl SigningKeys {
    pub(crate) fn new(credentials: Credentials) -> Result<Self, CredentialsError> {
        // `Credentials::new` allows printable ASCII only, always a valid header value; checked
        // anyway rather than unwrapped.
        let access_key_header = HeaderValue::from_str(credentials.access_key()).map_err(|_| {
            CredentialsError::Invalid {
                what: "access key".to_owned(),
                reason: "it cannot be sent in an HTTP header",
            }
        })?;
        Ok(Self {
            credentials,
            access_key_header,
        })
    }
}

/// Where a client's keys come from.
// One per client, inside its `Arc`: fixed keys stay inline, with no extra pointer to follow on
// every call.
#[allow(clippy::large_enum_variant)]
pub(crate) enum KeySource {
    /// Fixed keys, keyed once.
    Static(SigningKeys),
    /// The server role's temporary keys, fetched and refreshed as calls need them.
    ServerRole(ServerRole),
}

impl KeySource {
    /// The default chain: the environment, the profile file, then the server role unless
    /// `NCLOUD_METADATA_DISABLED` says otherwise. The metadata service is not contacted here:
    /// the first call fetches the first key.
    pub(crate) fn default_chain() -> Result<Self, CredentialsError> {
        if let Some(credentials) = Credentials::from_env_or_profile_file()? {
            return Ok(KeySource::Static(SigningKeys::new(credentials)?));
        }
        match ServerRole::from_env()? {
            Some(role) => Ok(KeySource::ServerRole(role)),
            None => Err(Credentials::not_found()),
        }
    }
}

impl std::fmt::Debug for KeySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Both print the access key at most (`Credentials` and `ServerRole` redact the secret).
        match self {
            KeySource::Static(keys) => keys.credentials.fmt(f),
            KeySource::ServerRole(role) => role.fmt(f),
        }
    }
}
