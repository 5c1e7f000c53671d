//! Where requests go when the builder is not told: what NCP's own tools read. `NCLOUD_API_GW`
//! (the environment) first, then `ncloud_api_url` in the profile of `~/.ncloud/configure`
//! (`NCLOUD_PROFILE`, else `[DEFAULT]`), then `NCLOUD_SITE`; explicit builder settings win over
//! all of them. A URL on one of NCP's gateways picks that site (each product keeps its own host);
//! any other URL is an origin every request goes to (a proxy). An invalid value is an error that
//! names where it came from.

use std::path::Path;

use crate::credentials::PROFILE_VAR;
use crate::profile_file::ProfileFile;
use crate::{Credentials, Endpoint, Error, Origin, Result, Site};

/// The environment variable NCP's tools read for the API Gateway URL.
pub const API_GW_VAR: &str = "NCLOUD_API_GW";

/// The profile-file key for the API Gateway URL.
pub const API_URL_KEY: &str = "ncloud_api_url";

/// The endpoint the environment and the profile file configure, if any.
pub(crate) fn from_env() -> Result<Option<Endpoint>> {
    let api_gw = std::env::var(API_GW_VAR)
        .ok()
        .filter(|v| !v.trim().is_empty());
    let profile = std::env::var(PROFILE_VAR).ok();
    let file = Credentials::default_profile_file().filter(|p| p.exists());
    let site = Site::from_env().map_err(|e| Error::Config(format!("{}: {e}", Site::ENV_VAR)))?;
    configured(api_gw.as_deref(), file.as_deref(), profile.as_deref(), site)
}

/// The precedence, given what was found (separate from the environment so that it is testable).
pub(crate) fn configured(
    api_gw: Option<&str>,
    profile_file: Option<&Path>,
    profile: Option<&str>,
    site: Option<Site>,
) -> Result<Option<Endpoint>> {
    if let Some(url) = api_gw {
        return endpoint_from_url(url).map(Some).map_err(|reason| {
            Error::Config(format!(
                "{API_GW_VAR}=`{url}` is not a usable API Gateway URL: {reason}"
            ))
        });
    }
    if let Some(path) = profile_file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Config(format!("{}: cannot read: {e}", path.display())))?;
        let file = ProfileFile::parse(&text).map_err(|(line, reason)| {
            Error::Config(format!("{} line {line}: {reason}", path.display()))
        })?;
        let section = profile.unwrap_or(ProfileFile::DEFAULT_SECTION);
        if let Some(url) = file.get(section, API_URL_KEY) {
            return endpoint_from_url(url).map(Some).map_err(|reason| {
                Error::Config(format!(
                    "{} [{section}] {API_URL_KEY} = `{url}` is not a usable API Gateway URL: {reason}",
                    path.display()
                ))
            });
        }
    }
    Ok(site.map(Endpoint::Site))
}

/// `https://ncloud.apigw.gov-ntruss.com` is the gov site; `https://proxy.example.com:8443` an
/// origin for everything. Plain `http://` is accepted only as an explicit origin (a local proxy).
pub(crate) fn endpoint_from_url(url: &str) -> std::result::Result<Endpoint, String> {
    let url = url.trim().trim_end_matches('/');
    let parsed = url::Url::parse(url).map_err(|e| e.to_string())?;
    if !parsed.path().trim_matches('/').is_empty() || parsed.query().is_some() {
        return Err("expected an origin (scheme, host and port only), not a path".to_owned());
    }
    let host = parsed.host_str().ok_or("no host")?;
    let gateway = |domain: &str| {
        host.strip_suffix(domain)
            .is_some_and(|label| label.ends_with(".apigw"))
    };
    if parsed.scheme() == "https" && parsed.port().is_none() {
        for (domain, site) in [
            (".ntruss.com", Site::Public),
            (".gov-ntruss.com", Site::Gov),
            (".fin-ntruss.com", Site::Fin),
        ] {
            if gateway(domain) {
                return Ok(Endpoint::Site(site));
            }
        }
    }
    let origin = match parsed.scheme() {
        "https" => Origin::https(url),
        "http" => Origin::insecure_http(url),
        other => return Err(format!("scheme `{other}` is not http or https")),
    };
    origin.map(Endpoint::Override).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ncps_gateways_pick_a_site_and_other_urls_are_origins() {
        let site = |url: &str| match endpoint_from_url(url).unwrap() {
            Endpoint::Site(s) => Some(s),
            Endpoint::Override(_) => None,
        };
        assert_eq!(site("https://ncloud.apigw.ntruss.com"), Some(Site::Public));
        assert_eq!(
            site("https://ncloud.apigw.gov-ntruss.com/"),
            Some(Site::Gov)
        );
        assert_eq!(
            site("https://fin-ncloud.apigw.fin-ntruss.com"),
            Some(Site::Fin)
        );
        match endpoint_from_url("http://127.0.0.1:8080").unwrap() {
            Endpoint::Override(o) => assert_eq!(o.as_str(), "http://127.0.0.1:8080"),
            other => panic!("{other:?}"),
        }
        assert!(
            endpoint_from_url("https://ncloud.apigw.ntruss.com/vserver/v2")
                .unwrap_err()
                .contains("not a path")
        );
        assert!(endpoint_from_url("ftp://x").is_err());
        assert!(endpoint_from_url("not a url").is_err());
        // A look-alike is an origin, not NCP's site.
        assert_eq!(site("https://ncloud.apigw.ntruss.com.evil.example"), None);
    }

    #[test]
    fn precedence_environment_then_profile_then_site() {
        let dir = std::env::temp_dir().join(format!("ncp-endpoint-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("configure");
        std::fs::write(&file, "[DEFAULT]\nncloud_api_url = https://ncloud.apigw.gov-ntruss.com\n[work]\nncloud_api_url = \"http://127.0.0.1:9\"\n[plain]\nncloud_access_key_id = a\n").unwrap();
        let gov = configured(None, Some(&file), None, Some(Site::Fin)).unwrap();
        assert!(
            matches!(gov, Some(Endpoint::Site(Site::Gov))),
            "the profile wins over NCLOUD_SITE"
        );
        let work = configured(None, Some(&file), Some("work"), None).unwrap();
        assert!(
            matches!(work, Some(Endpoint::Override(ref o)) if o.as_str() == "http://127.0.0.1:9"),
            "{work:?}"
        );
        let inherited = configured(None, Some(&file), Some("plain"), None).unwrap();
        assert!(
            matches!(inherited, Some(Endpoint::Site(Site::Gov))),
            "[DEFAULT] fills in"
        );
        let env = configured(
            Some("https://ncloud.apigw.ntruss.com"),
            Some(&file),
            None,
            None,
        )
        .unwrap();
        assert!(
            matches!(env, Some(Endpoint::Site(Site::Public))),
            "NCLOUD_API_GW wins"
        );
        assert!(matches!(
            configured(None, None, None, Some(Site::Fin)).unwrap(),
            Some(Endpoint::Site(Site::Fin))
        ));
        assert!(configured(None, None, None, None).unwrap().is_none());

        let err = configured(Some("nonsense"), None, None, None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("NCLOUD_API_GW=`nonsense`"), "{err}");
        std::fs::write(
            &file,
            "[DEFAULT]\nncloud_api_url = https://ncloud.apigw.ntruss.com/vserver\n",
        )
        .unwrap();
        let err = configured(None, Some(&file), None, None)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("[DEFAULT] ncloud_api_url") && err.contains("configure"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
