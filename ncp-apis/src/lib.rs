//! NAVER Cloud Platform API clients, generated at compile time from the specs in `spec/`.
//!
//! Each product is a module behind a cargo feature; each module is one `#[ncp_api]` line over
//! its spec. All products share [`runtime::Client`] (credentials, endpoint, connection pool).
//!
//! | feature | module | spec |
//! |---|---|---|
//! | `sens-friendtalk` | `sens_friendtalk` | `spec/sens_friendtalk.toml` |
//! | `wsc` | `wsc` | `spec/wsc.toml` |
//! | `vserver` | `vserver` | `spec/vserver.toml` |
//! | `vpc` | `vpc` | `spec/vpc.toml` |

#![warn(missing_docs)]

pub use ncp_runtime as runtime;
pub use ncp_runtime::{Client, Credentials, Error, Result, Site};

#[cfg(feature = "sens-friendtalk")]
#[ncp_macros::ncp_api(spec = "spec/sens_friendtalk.toml")]
pub mod sens_friendtalk {}

#[cfg(feature = "wsc")]
#[ncp_macros::ncp_api(spec = "spec/wsc.toml")]
pub mod wsc {}

#[cfg(feature = "vserver")]
#[ncp_macros::ncp_api(spec = "spec/vserver.toml")]
pub mod vserver {}

#[cfg(feature = "vpc")]
#[ncp_macros::ncp_api(spec = "spec/vpc.toml")]
pub mod vpc {}
