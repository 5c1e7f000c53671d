//! Access key and secret key, from code, the environment or the ncloud CLI's profile file.

use std::path::{Path, PathBuf};

use crate::profile_file::ProfileFile;
use crate::signer::Signer;

/// Environment variables for the access key, in the order they are read. When both are set they
/// must agree: the official SDKs disagree on which one wins, so ncp-rs refuses to guess.
pub const ACCESS_KEY_VARS: [&str; 2] = ["NCLOUD_ACCESS_KEY_ID", "NCLOUD_ACCESS_KEY"];
/// Environment variables for the secret key, read like [`ACCESS_KEY_VARS`].
pub const SECRET_KEY_VARS: [&str; 2] = ["NCLOUD_SECRET_ACCESS_KEY", "NCLOUD_SECRET_KEY"];
/// Environment variable that names the profile of the ncloud CLI's configuration file.
pub const PROFILE_VAR: &str = "NCLOUD_PROFILE";

/// An NCP API key pair.
///
/// The secret key is turned into a keyed HMAC when the credentials are made and is not kept in any
/// printable form: `Debug` shows the access key only.
#[derive(Clone)]
pub struct Credentials {
    access_key: String,
    signer: Signer,
}

/// Why credentials could not be made or found.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialsError {
    /// A key was empty or contained characters that cannot go into an HTTP header.
    #[error("{what} is invalid: {reason}")]
    Invalid {
        /// Which value (e.g. "access key from NCLOUD_ACCESS_KEY").
        what: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Two environment variables that mean the same thing hold different values.
    #[error("{first} and {second} are both set to different values; unset one of them")]
    ConflictingVariables {
        /// The first variable.
        first: &'static str,
        /// The second variable.
        second: &'static str,
    },
    /// Only one half of the key pair is set.
    #[error(
        "{present} is set but none of {missing} is; set both the access key and the secret key"
    )]
    Incomplete {
        /// The variable or profile key that is set.
        present: String,
        /// The variables or profile keys of which none is set.
        missing: String,
    },
    /// No source had credentials.
    #[error(
        "no NCP credentials found: set NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY, or run `ncloud configure` to write {profile_file}"
    )]
    NotFound {
        /// The profile file that was looked at.
        profile_file: String,
    },
    /// The profile file could not be read.
    #[error("cannot read the ncloud configuration file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The server role's metadata service gave no usable key (not on an NCP server, no role
    /// assigned, an unexpected answer), or its origin is not usable. The answer's body is never
    /// included: it may hold a key.
    #[error("server-role credentials from the metadata service at {origin}: {reason}")]
    Metadata {
        /// The metadata service's origin.
        origin: String,
        /// What went wrong.
        reason: String,
    },
    /// The profile file is malformed or lacks the requested profile or keys.
    #[error("{path}:{line}: {reason}")]
    ProfileFile {
        /// The file.
        path: PathBuf,
        /// 1-based line, or 0 when the problem is not on one line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

impl Credentials {
    /// Makes credentials from an access key id and a secret key.
    pub fn new(
        access_key: impl Into<String>,
        secret_key: impl AsRef<str>,
    ) -> Result<Self, CredentialsError> {
        Self::checked(
            access_key.into(),
            secret_key.as_ref(),
            "access key",
            "secret key",
        )
    }

    fn checked(
        access_key: String,
        secret_key: &str,
        access_what: &str,
        secret_what: &str,
    ) -> Result<Self, CredentialsError> {
        check_key(&access_key, access_what)?;
        check_key(secret_key, secret_what)?;
        Ok(Self {
            access_key,
            signer: Signer::new(secret_key.as_bytes()),
        })
    }

    /// The access key id (not secret: it is sent with every request).
    pub fn access_key(&self) -> &str {
        &self.access_key
    }

    /// The signer keyed with the secret key.
    pub fn signer(&self) -> &Signer {
        &self.signer
    }

    /// Reads `NCLOUD_ACCESS_KEY_ID`/`NCLOUD_ACCESS_KEY` and
    /// `NCLOUD_SECRET_ACCESS_KEY`/`NCLOUD_SECRET_KEY`. Returns `Ok(None)` when none is set.
    pub fn from_env() -> Result<Option<Self>, CredentialsError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`Credentials::from_env`], reading variables through `lookup` (for tests and for
    /// embedding in other configuration systems).
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<Self>, CredentialsError> {
        let access = pick_var(&lookup, ACCESS_KEY_VARS)?;
        let secret = pick_var(&lookup, SECRET_KEY_VARS)?;
        match (access, secret) {
            (None, None) => Ok(None),
            (Some((var, _)), None) => Err(CredentialsError::Incomplete {
                present: var.to_owned(),
                missing: SECRET_KEY_VARS.join(", "),
            }),
            (None, Some((var, _))) => Err(CredentialsError::Incomplete {
                present: var.to_owned(),
                missing: ACCESS_KEY_VARS.join(", "),
            }),
            (Some((access_var, access)), Some((secret_var, secret))) => Self::checked(
                access,
                &secret,
                &format!("access key from {access_var}"),
                &format!("secret key from {secret_var}"),
            )
            .map(Some),
        }
    }

    /// Reads `profile` (or `[DEFAULT]` when `None`) from an ncloud CLI configuration file.
    ///
    /// Keys missing from a named profile are taken from `[DEFAULT]`, as the CLI's INI format
    /// does. Values are taken whole, including any `=` they contain.
    pub fn from_profile_file(path: &Path, profile: Option<&str>) -> Result<Self, CredentialsError> {
        let name = profile.unwrap_or(ProfileFile::DEFAULT_SECTION);
        Self::read_profile(path, profile)?.ok_or_else(|| CredentialsError::ProfileFile {
            path: path.to_owned(),
            line: 0,
            reason: format!(
                "profile [{name}] needs both ncloud_access_key_id and ncloud_secret_access_key"
            ),
        })
    }

    /// Reads a profile's keys: `Ok(None)` when it has neither (the file may hold only
    /// `ncloud_api_url`, and the chain goes on to the server role), an error when it has one
    /// only or when a named profile is missing.
    fn read_profile(path: &Path, profile: Option<&str>) -> Result<Option<Self>, CredentialsError> {
        let text = std::fs::read_to_string(path).map_err(|source| CredentialsError::Io {
            path: path.to_owned(),
            source,
        })?;
        let file =
            ProfileFile::parse(&text).map_err(|(line, reason)| CredentialsError::ProfileFile {
                path: path.to_owned(),
                line,
                reason,
            })?;
        let profile = profile.unwrap_or(ProfileFile::DEFAULT_SECTION);
        let fail = |reason: String| CredentialsError::ProfileFile {
            path: path.to_owned(),
            line: 0,
            reason,
        };
        // `[DEFAULT]` may be absent from a file that names other profiles: it then has no keys.
        if !file.has_section(profile) && profile != ProfileFile::DEFAULT_SECTION {
            return Err(fail(format!("no profile [{profile}] in this file")));
        }
        let access = file.get(profile, "ncloud_access_key_id");
        let secret = file.get(profile, "ncloud_secret_access_key");
        match (access, secret) {
            (Some(access), Some(secret)) => Self::checked(
                access.to_owned(),
                secret,
                &format!("ncloud_access_key_id of profile [{profile}]"),
                &format!("ncloud_secret_access_key of profile [{profile}]"),
            )
            .map(Some),
            (None, None) => Ok(None),
            _ => Err(fail(format!(
                "profile [{profile}] needs both ncloud_access_key_id and ncloud_secret_access_key"
            ))),
        }
    }

    /// The ncloud CLI's configuration file: `~/.ncloud/configure`.
    pub fn default_profile_file() -> Option<PathBuf> {
        let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"))?;
        Some(PathBuf::from(home).join(".ncloud").join("configure"))
    }

    /// The fixed keys of the usual chain: the environment first, then the profile named by
    /// `NCLOUD_PROFILE` (or `[DEFAULT]`) of `~/.ncloud/configure`.
    ///
    /// [`ClientBuilder::build`](crate::ClientBuilder::build) goes on to the server role's
    /// temporary keys ([`ServerRole`](crate::ServerRole)) when neither has keys; those change, so
    /// they are not a `Credentials` value.
    pub fn from_default_chain() -> Result<Self, CredentialsError> {
        Self::from_env_or_profile_file()?.ok_or_else(Self::not_found)
    }

    /// The environment, then the profile file; `Ok(None)` when neither has keys.
    pub(crate) fn from_env_or_profile_file() -> Result<Option<Self>, CredentialsError> {
        if let Some(credentials) = Self::from_env()? {
            return Ok(Some(credentials));
        }
        let profile = std::env::var(PROFILE_VAR).ok().filter(|p| !p.is_empty());
        match Self::default_profile_file() {
            Some(path) if path.exists() => Self::read_profile(&path, profile.as_deref()),
            _ => Ok(None),
        }
    }

    /// The error when no source had keys.
    pub(crate) fn not_found() -> CredentialsError {
        CredentialsError::NotFound {
            profile_file: Self::default_profile_file().map_or_else(
                || "~/.ncloud/configure".to_owned(),
                |p| p.display().to_string(),
            ),
        }
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key", &self.access_key)
            .field("secret_key", &"<redacted>")
            .finish()
    }
}

fn check_key(value: &str, what: &str) -> Result<(), CredentialsError> {
    let invalid = |reason| CredentialsError::Invalid {
        what: what.to_owned(),
        reason,
    };
    if value.trim().is_empty() {
        return Err(invalid("it is empty"));
    }
    if value.trim() != value {
        return Err(invalid("it has leading or trailing whitespace"));
    }
    if !value.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(invalid("it contains characters other than printable ASCII"));
    }
    Ok(())
}

fn pick_var(
    lookup: &impl Fn(&str) -> Option<String>,
    [first, second]: [&'static str; 2],
) -> Result<Option<(&'static str, String)>, CredentialsError> {
    let non_empty = |name| lookup(name).filter(|v: &String| !v.is_empty());
    match (non_empty(first), non_empty(second)) {
        (Some(a), Some(b)) if a != b => {
            Err(CredentialsError::ConflictingVariables { first, second })
        }
        (Some(a), _) => Ok(Some((first, a))),
        (None, Some(b)) => Ok(Some((second, b))),
        (None, None) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn reads_either_alias() {
        let c = Credentials::from_lookup(env(&[
            ("NCLOUD_ACCESS_KEY", "AK"),
            ("NCLOUD_SECRET_ACCESS_KEY", "SK"),
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(c.access_key(), "AK");
        let same = Credentials::new("AK", "SK").unwrap();
        assert_eq!(
            c.signer().sign("GET", "/", "1", "AK"),
            same.signer().sign("GET", "/", "1", "AK")
        );
    }

    #[test]
    fn agreeing_aliases_are_fine_and_conflicting_ones_are_refused() {
        let ok = Credentials::from_lookup(env(&[
            ("NCLOUD_ACCESS_KEY", "AK"),
            ("NCLOUD_ACCESS_KEY_ID", "AK"),
            ("NCLOUD_SECRET_KEY", "SK"),
        ]));
        assert!(ok.unwrap().is_some());
        let err = Credentials::from_lookup(env(&[
            ("NCLOUD_ACCESS_KEY", "AK"),
            ("NCLOUD_SECRET_KEY", "SK1"),
            ("NCLOUD_SECRET_ACCESS_KEY", "SK2"),
        ]))
        .unwrap_err();
        assert!(matches!(err, CredentialsError::ConflictingVariables { .. }));
        let text = err.to_string();
        assert!(!text.contains("SK1") && !text.contains("SK2"), "{text}");
    }

    #[test]
    fn nothing_set_is_none_and_half_set_is_an_error() {
        assert!(Credentials::from_lookup(env(&[])).unwrap().is_none());
        let err = Credentials::from_lookup(env(&[("NCLOUD_ACCESS_KEY", "AK")])).unwrap_err();
        assert!(
            err.to_string().contains("NCLOUD_SECRET_ACCESS_KEY"),
            "{err}"
        );
    }

    #[test]
    fn rejects_empty_and_non_header_safe_keys() {
        assert!(Credentials::new("", "sk").is_err());
        assert!(Credentials::new("ak", " sk").is_err());
        assert!(Credentials::new("a\nk", "sk").is_err());
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let c = Credentials::new("AKID", "TOP-SECRET-VALUE").unwrap();
        let text = format!("{c:?} {c:#?}");
        assert!(text.contains("AKID"));
        assert!(!text.contains("TOP-SECRET-VALUE"), "{text}");
    }

    #[test]
    fn reads_a_profile_with_default_fallback() {
        let dir = std::env::temp_dir().join(format!("ncp-rs-creds-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("configure");
        std::fs::write(
            &path,
            "[DEFAULT]\nncloud_access_key_id = AK0\nncloud_secret_access_key = S0==\n\n[work]\nncloud_access_key_id = AK1\n",
        )
        .unwrap();
        let default = Credentials::from_profile_file(&path, None).unwrap();
        assert_eq!(default.access_key(), "AK0");
        assert_eq!(
            default.signer().sign("GET", "/", "1", "AK0"),
            Credentials::new("AK0", "S0==")
                .unwrap()
                .signer()
                .sign("GET", "/", "1", "AK0"),
            "a secret containing `=` is kept whole"
        );
        assert_eq!(
            Credentials::from_profile_file(&path, Some("work"))
                .unwrap()
                .access_key(),
            "AK1"
        );
        let err = Credentials::from_profile_file(&path, Some("missing")).unwrap_err();
        assert!(err.to_string().contains("no profile [missing]"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
