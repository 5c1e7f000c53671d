//! Server-role credentials: the temporary keys an NCP VPC server with a role gets from its
//! metadata service, cached, shared by clones and refreshed before they expire. See
//! [`ServerRole`].

use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

use crate::credentials::{Credentials, CredentialsError};
use crate::key_source::SigningKeys;
use crate::metadata::{MetadataService, check_origin, check_role};

/// Environment variable with the metadata service's origin (`http://host[:port]`), the one the
/// official Go SDK reads. Default [`DEFAULT_METADATA_ORIGIN`].
pub const METADATA_ENDPOINT_VAR: &str = "NCLOUD_METADATA_API_ENDPOINT";
/// Environment variable that takes the server role out of the default credentials chain when
/// `true` (or `1`, `yes`); `false`, `0`, `no` or empty leave it in.
pub const METADATA_DISABLED_VAR: &str = "NCLOUD_METADATA_DISABLED";
/// The metadata service of NCP VPC servers.
pub const DEFAULT_METADATA_ORIGIN: &str = "http://169.254.169.254";
/// Default time to connect to the metadata service: it is one hop away on an NCP server, and off
/// NCP the first call must fail fast rather than stall.
pub const METADATA_CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
/// Default time for one request to the metadata service, answer included.
pub const METADATA_TIMEOUT: Duration = Duration::from_secs(5);
/// Default time before a key's expiration at which it is refreshed.
pub const DEFAULT_REFRESH_BEFORE: Duration = Duration::from_secs(5 * 60);

/// A key is not handed out closer than this to its expiration: the request signed with it still
/// has to reach the gateway.
const EXPIRY_MARGIN: Duration = Duration::from_secs(30);
/// After a failed refresh, while the old key is still usable, the next try waits this long, so
/// that a metadata service in trouble is not asked on every call.
const FAILED_REFRESH_PAUSE: Duration = Duration::from_secs(10);

/// Temporary keys of the role assigned to the NCP VPC server this runs on, from its metadata
/// service.
///
/// `GET {origin}/latest/meta-data/iam/security-credentials` names the server's role (unless
/// [`ServerRoleBuilder::role`] does); `GET {origin}/latest/meta-data/iam/security-credentials/{roleId}`
/// issues a key: `AccessKeyId`, `SecretAccessKey` and `Expiration` (RFC 3339), with `Code`
/// `Success`. The origin is [`DEFAULT_METADATA_ORIGIN`], or [`METADATA_ENDPOINT_VAR`]
/// (`NCLOUD_METADATA_API_ENDPOINT`); [`METADATA_DISABLED_VAR`] (`NCLOUD_METADATA_DISABLED=true`)
/// takes the provider out of the default chain. Requests to the metadata service use no proxy,
/// follow no redirect, and give up connecting after [`METADATA_CONNECT_TIMEOUT`].
///
/// Nothing is fetched when a provider is built: the first call that needs a key fetches it.
/// Every clone of a `ServerRole` (and so of a [`Client`](crate::Client)) shares one cached key.
/// A key is refreshed [`DEFAULT_REFRESH_BEFORE`] before its expiration (or half its lifetime when
/// that is shorter). One refresh runs at a time: callers that still hold a usable key go on with
/// it, the others wait for the refresh. A key is never handed out within 30 seconds of its
/// expiration (less for very short-lived keys): a failed refresh keeps a key that is still
/// usable, and after that the call fails with [`CredentialsError::Metadata`].
///
/// With the `metadata-loopback-only` feature (and in this crate's unit tests), any origin but a
/// loopback IP address is refused before anything is sent; the feature is for test builds.
///
/// `Debug` shows the origin, the role and the current access key, never the secret key.
///
/// ```no_run
/// # fn demo() -> Result<(), ncp_runtime::Error> {
/// use ncp_runtime::{Client, ServerRole};
/// let client = Client::builder()
///     .server_role(ServerRole::builder().role("my-role-id").build()?)
///     .build()?;
/// # let _ = client; Ok(()) }
/// ```
#[derive(Clone)]
pub struct ServerRole {
    inner: Arc<Inner>,
}

struct Inner {
    service: MetadataService,
    role: Option<String>,
    refresh_before: Duration,
    current: RwLock<Option<Arc<Current>>>,
    /// Held while a refresh is in flight.
    refresh: tokio::sync::Mutex<()>,
}

/// A fetched key and when to refresh it.
pub(crate) struct Current {
    pub(crate) keys: SigningKeys,
    role: String,
    expires: SystemTime,
    /// From then on the next call refreshes.
    refresh_at: SystemTime,
    /// From then on the key is not used.
    use_until: SystemTime,
}

/// Settings of a [`ServerRole`].
#[derive(Debug, Clone)]
#[must_use]
pub struct ServerRoleBuilder {
    origin: String,
    role: Option<String>,
    refresh_before: Duration,
    connect_timeout: Duration,
    timeout: Duration,
}

impl ServerRoleBuilder {
    /// The metadata service's origin, `http://host[:port]` (default [`DEFAULT_METADATA_ORIGIN`]).
    pub fn origin(mut self, origin: impl Into<String>) -> Self {
        self.origin = origin.into();
        self
    }

    /// The role id to ask keys for; by default the role the metadata service names.
    pub fn role(mut self, role_id: impl Into<String>) -> Self {
        self.role = Some(role_id.into());
        self
    }

    /// How long before a key's expiration it is refreshed (default [`DEFAULT_REFRESH_BEFORE`]).
    pub fn refresh_before(mut self, before: Duration) -> Self {
        self.refresh_before = before;
        self
    }

    /// Time to connect to the metadata service (default [`METADATA_CONNECT_TIMEOUT`]).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time for one request to the metadata service (default [`METADATA_TIMEOUT`]).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Checks the settings: the origin is `http(s)://host[:port]`, the role id one path segment.
    /// Nothing is sent.
    pub fn build(self) -> Result<ServerRole, CredentialsError> {
        let invalid = |reason: &str| CredentialsError::Metadata {
            origin: self.origin.clone(),
            reason: reason.to_owned(),
        };
        let origin = check_origin(&self.origin).map_err(invalid)?;
        if let Some(role) = &self.role {
            check_role(role).map_err(invalid)?;
        }
        let service = MetadataService::new(origin, self.connect_timeout, self.timeout)?;
        Ok(ServerRole {
            inner: Arc::new(Inner {
                service,
                role: self.role,
                refresh_before: self.refresh_before,
                current: RwLock::new(None),
                refresh: tokio::sync::Mutex::new(()),
            }),
        })
    }
}

impl ServerRole {
    /// Settings at their defaults.
    pub fn builder() -> ServerRoleBuilder {
        ServerRoleBuilder {
            origin: DEFAULT_METADATA_ORIGIN.to_owned(),
            role: None,
            refresh_before: DEFAULT_REFRESH_BEFORE,
            connect_timeout: METADATA_CONNECT_TIMEOUT,
            timeout: METADATA_TIMEOUT,
        }
    }

    /// The provider of the default chain: the origin from `NCLOUD_METADATA_API_ENDPOINT` (default
    /// `http://169.254.169.254`), or `None` when `NCLOUD_METADATA_DISABLED` is true. An invalid
    /// value is an error naming its variable.
    pub fn from_env() -> Result<Option<ServerRole>, CredentialsError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`ServerRole::from_env`], reading variables through `lookup`.
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<ServerRole>, CredentialsError> {
        if let Some(value) = lookup(METADATA_DISABLED_VAR) {
            match value.trim().to_ascii_lowercase().as_str() {
                "" | "false" | "0" | "no" => {}
                "true" | "1" | "yes" => return Ok(None),
                _ => {
                    return Err(CredentialsError::Invalid {
                        what: METADATA_DISABLED_VAR.to_owned(),
                        reason: "expected true or false",
                    });
                }
            }
        }
        let mut builder = Self::builder();
        if let Some(origin) = lookup(METADATA_ENDPOINT_VAR).filter(|v| !v.trim().is_empty()) {
            let origin = origin.trim();
            check_origin(origin).map_err(|reason| CredentialsError::Invalid {
                what: format!("{METADATA_ENDPOINT_VAR}=`{origin}`"),
                reason,
            })?;
            builder = builder.origin(origin);
        }
        builder.build().map(Some)
    }

    /// The metadata service's origin.
    pub fn origin(&self) -> &str {
        self.inner.service.origin()
    }

    /// Current credentials: the cached key while it is fresh, else a new one from the metadata
    /// service.
    pub async fn credentials(&self) -> Result<Credentials, CredentialsError> {
        Ok(self.current().await?.keys.credentials.clone())
    }

    /// The cached key, refreshed when due.
    pub(crate) async fn current(&self) -> Result<Arc<Current>, CredentialsError> {
        let cached = self.cached();
        let now = SystemTime::now();
        if let Some(current) = cached.as_ref().filter(|c| now < c.refresh_at) {
            return Ok(current.clone());
        }
        let _refreshing = match self.inner.refresh.try_lock() {
            Ok(guard) => guard,
            Err(_) => {
                // Another caller is refreshing: a key still usable is used rather than waited on.
                if let Some(current) = cached.filter(|c| now < c.use_until) {
                    return Ok(current);
                }
                self.inner.refresh.lock().await
            }
        };
        // Another caller may have refreshed while this one waited.
        let previous = self.cached();
        if let Some(current) = previous
            .as_ref()
            .filter(|c| SystemTime::now() < c.refresh_at)
        {
            return Ok(current.clone());
        }
        let error = match self.fetch().await {
            Ok(current) => {
                let current = Arc::new(current);
                self.store(current.clone());
                tracing::debug!(
                    role = %current.role,
                    access_key = current.keys.credentials.access_key(),
                    "server-role credentials refreshed"
                );
                return Ok(current);
            }
            Err(error) => error,
        };
        let now = SystemTime::now();
        let Some(previous) = previous.filter(|p| now < p.use_until) else {
            return Err(error);
        };
        tracing::warn!(
            error = %error,
            "refreshing server-role credentials failed; the current key is still usable"
        );
        let kept = Arc::new(Current {
            keys: previous.keys.clone(),
            role: previous.role.clone(),
            expires: previous.expires,
            refresh_at: (now + FAILED_REFRESH_PAUSE).min(previous.use_until),
            use_until: previous.use_until,
        });
        self.store(kept.clone());
        Ok(kept)
    }

    fn cached(&self) -> Option<Arc<Current>> {
        // A panic elsewhere cannot leave the slot half-written: it only ever holds a whole `Arc`.
        self.inner
            .current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn store(&self, current: Arc<Current>) {
        *self
            .inner
            .current
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Some(current);
    }

    /// A new key, and when to refresh it and stop using it.
    async fn fetch(&self) -> Result<Current, CredentialsError> {
        let inner = &*self.inner;
        let role = match &inner.role {
            Some(role) => role.clone(),
            None => inner.service.role().await?,
        };
        let issued = inner.service.issue(&role).await?;
        let lifetime = issued
            .expires
            .duration_since(SystemTime::now())
            .unwrap_or_default();
        let window = inner.refresh_before.min(lifetime / 2);
        Ok(Current {
            keys: SigningKeys::new(issued.credentials)?,
            role,
            expires: issued.expires,
            refresh_at: issued.expires - window,
            use_until: issued.expires - EXPIRY_MARGIN.min(window / 2),
        })
    }
}

impl std::fmt::Debug for ServerRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let current = self.cached();
        f.debug_struct("ServerRole")
            .field("origin", &self.origin())
            .field(
                "role",
                &current
                    .as_ref()
                    .map(|c| c.role.as_str())
                    .or(self.inner.role.as_deref()),
            )
            .field(
                "access_key",
                &current.as_ref().map(|c| c.keys.credentials.access_key()),
            )
            .field("secret_key", &"<redacted>")
            .field("expires", &current.as_ref().map(|c| c.expires))
            .field("refresh_before", &self.inner.refresh_before)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn the_default_origin_is_refused_in_tests() {
        let err = ServerRole::builder().build().unwrap_err();
        assert!(err.to_string().contains("loopback"), "{err}");
        assert!(
            ServerRole::from_lookup(lookup(&[])).is_err(),
            "the default chain's provider too"
        );
        assert!(
            ServerRole::builder()
                .origin("http://127.0.0.1:9")
                .build()
                .is_ok()
        );
        assert!(
            ServerRole::builder()
                .origin("http://127.0.0.1:9")
                .role("../admin")
                .build()
                .is_err()
        );
    }

    #[test]
    fn the_environment_disables_or_points_the_provider() {
        for off in ["true", "1", "YES"] {
            let pairs = [("NCLOUD_METADATA_DISABLED", off)];
            assert!(ServerRole::from_lookup(lookup(&pairs)).unwrap().is_none());
        }
        let role = ServerRole::from_lookup(lookup(&[
            ("NCLOUD_METADATA_DISABLED", "false"),
            ("NCLOUD_METADATA_API_ENDPOINT", " http://127.0.0.1:8181/ "),
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(role.origin(), "http://127.0.0.1:8181");
    }

    #[test]
    fn invalid_variables_are_errors_naming_them() {
        let err = ServerRole::from_lookup(lookup(&[("NCLOUD_METADATA_DISABLED", "maybe")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("NCLOUD_METADATA_DISABLED"), "{err}");
        for (value, why) in [
            ("http://169.254.169.254", "loopback"),
            ("127.0.0.1:8181", "absolute URL"),
            ("http://127.0.0.1:8181/latest", "host and port only"),
        ] {
            let pairs = [("NCLOUD_METADATA_API_ENDPOINT", value)];
            let err = ServerRole::from_lookup(lookup(&pairs))
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("NCLOUD_METADATA_API_ENDPOINT") && err.contains(why),
                "{value}: {err}"
            );
        }
    }
}
