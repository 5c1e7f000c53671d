//! NCP sites (public, gov, fin) and where each product's API gateway lives on them.

use std::fmt;
use std::str::FromStr;

use url::Url;

/// An NCP site: the region of the platform a product's gateway is reached on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Site {
    /// The public platform: `https://{product}.apigw.ntruss.com`.
    #[default]
    Public,
    /// The government platform: `https://{product}.apigw.gov-ntruss.com`.
    Gov,
    /// The financial platform: `https://{product}.apigw.fin-ntruss.com`.
    Fin,
}

impl Site {
    /// Environment variable read by [`Site::from_env`] (`public`, `gov` or `fin`), as terraform does.
    pub const ENV_VAR: &'static str = "NCLOUD_SITE";

    /// The gateway origin of a REST product, e.g. `https://sens.apigw.ntruss.com` for `sens`.
    pub fn rest_origin(self, product_host: &str) -> String {
        let domain = match self {
            Site::Public => "ntruss.com",
            Site::Gov => "gov-ntruss.com",
            Site::Fin => "fin-ntruss.com",
        };
        format!("https://{product_host}.apigw.{domain}")
    }

    /// The site named by `NCLOUD_SITE`, or `None` when it is unset.
    pub fn from_env() -> Result<Option<Site>, ParseSiteError> {
        match std::env::var(Self::ENV_VAR) {
            Ok(value) if !value.is_empty() => value.parse().map(Some),
            _ => Ok(None),
        }
    }
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Site::Public => "public",
            Site::Gov => "gov",
            Site::Fin => "fin",
        })
    }
}

/// A site name other than `public`, `gov` or `fin`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown NCP site `{0}`; expected public, gov or fin")]
pub struct ParseSiteError(pub String);

impl FromStr for Site {
    type Err = ParseSiteError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "public" | "pub" => Ok(Site::Public),
            "gov" => Ok(Site::Gov),
            "fin" => Ok(Site::Fin),
            _ => Err(ParseSiteError(s.to_owned())),
        }
    }
}

/// Where requests go: the site's gateway for each product, or one fixed origin for every product
/// (a proxy, or a local test server).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// Each product's gateway on the given site.
    Site(Site),
    /// One origin (`scheme://host[:port]`) for every product.
    Override(Origin),
}

impl Default for Endpoint {
    fn default() -> Self {
        Endpoint::Site(Site::Public)
    }
}

impl Endpoint {
    /// The origin to send a product's requests to.
    pub fn origin_for(&self, product_host: &str) -> String {
        self.origin_with_hosts(product_host, &[])
    }

    /// Like [`Endpoint::origin_for`], with the host label replaced on some sites (action-style
    /// APIs are `ncloud` on public and gov but `fin-ncloud` on fin).
    pub fn origin_with_hosts(&self, product_host: &str, per_site: &[(Site, &str)]) -> String {
        match self {
            Endpoint::Site(site) => {
                let host = per_site
                    .iter()
                    .find(|(s, _)| s == site)
                    .map_or(product_host, |(_, h)| h);
                site.rest_origin(host)
            }
            Endpoint::Override(origin) => origin.0.clone(),
        }
    }
}

/// A validated origin: `https://host[:port]`, or `http://` when made by
/// [`Origin::insecure_http`]. No path, query, fragment or credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin(String);

/// Why an endpoint override was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid endpoint `{input}`: {reason}")]
pub struct InvalidEndpoint {
    /// What was given.
    pub input: String,
    /// Why it was refused.
    pub reason: &'static str,
}

impl Origin {
    /// An `https://` origin.
    pub fn https(input: &str) -> Result<Self, InvalidEndpoint> {
        Self::parse(input, false)
    }

    /// An origin that may be plain `http://`: only for local test servers and trusted proxies,
    /// since requests carry the access key and a replayable signature.
    pub fn insecure_http(input: &str) -> Result<Self, InvalidEndpoint> {
        Self::parse(input, true)
    }

    /// The origin as `scheme://host[:port]`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn parse(input: &str, allow_http: bool) -> Result<Self, InvalidEndpoint> {
        let fail = |reason| InvalidEndpoint {
            input: input.to_owned(),
            reason,
        };
        let url = Url::parse(input).map_err(|_| fail("not an absolute URL"))?;
        match url.scheme() {
            "https" => {}
            "http" if allow_http => {}
            "http" => return Err(fail("plain http needs Origin::insecure_http")),
            _ => return Err(fail("the scheme must be https (or http for tests)")),
        }
        if url.host_str().is_none() {
            return Err(fail("no host"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(fail("credentials in the URL are not allowed"));
        }
        if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            return Err(fail(
                "give only scheme, host and port; paths come from the spec",
            ));
        }
        Ok(Origin(url.origin().ascii_serialization()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_per_site() {
        assert_eq!(
            Site::Public.rest_origin("sens"),
            "https://sens.apigw.ntruss.com"
        );
        assert_eq!(
            Site::Gov.rest_origin("wsc"),
            "https://wsc.apigw.gov-ntruss.com"
        );
        assert_eq!(
            Site::Fin.rest_origin("sens"),
            "https://sens.apigw.fin-ntruss.com"
        );
        assert_eq!("GOV".parse::<Site>().unwrap(), Site::Gov);
        assert!("moon".parse::<Site>().is_err());
    }

    #[test]
    fn overrides_are_https_unless_asked() {
        assert!(Origin::https("http://127.0.0.1:8080").is_err());
        let origin = Origin::insecure_http("http://127.0.0.1:8080/").unwrap();
        assert_eq!(origin.as_str(), "http://127.0.0.1:8080");
        assert_eq!(
            Endpoint::Override(origin).origin_for("sens"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            Origin::https("https://proxy.example:8443")
                .unwrap()
                .as_str(),
            "https://proxy.example:8443"
        );
        assert!(Origin::https("https://proxy.example/base").is_err());
        assert!(Origin::https("ftp://x").is_err());
        assert!(Origin::https("https://user:pw@x").is_err());
        assert!(Origin::https("not a url").is_err());
    }
}
