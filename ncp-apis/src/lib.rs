//! NAVER Cloud Platform API clients, generated at compile time from the specs in `spec/`.
//!
//! Each product is a module behind a cargo feature; each module is one `#[ncp_api]` line over
//! its spec. All products share [`runtime::Client`] (credentials, endpoint, connection pool).
//!
//! | feature | module | spec |
//! |---|---|---|
//! | `sens-sms` | `sens_sms` | `spec/sens_sms.toml` |
//! | `sens-friendtalk` | `sens_friendtalk` | `spec/sens_friendtalk.toml` |
//! | `sens-alimtalk` | `sens_alimtalk` | `spec/sens_alimtalk.toml` |
//! | `wsc` | `wsc` | `spec/wsc.toml` |
//! | `vserver` | `vserver` | `spec/vserver.toml` |
//! | `vpc` | `vpc` | `spec/vpc.toml` |

#![warn(missing_docs)]

pub use ncp_runtime as runtime;
pub use ncp_runtime::{Client, Credentials, Error, Result, Site};

#[cfg(feature = "sens-sms")]
#[ncp_macros::ncp_api(spec = "spec/sens_sms.toml", self_test)]
pub mod sens_sms {}

#[cfg(feature = "sens-friendtalk")]
#[ncp_macros::ncp_api(spec = "spec/sens_friendtalk.toml", self_test)]
pub mod sens_friendtalk {}

#[cfg(feature = "sens-alimtalk")]
#[ncp_macros::ncp_api(spec = "spec/sens_alimtalk.toml", self_test)]
pub mod sens_alimtalk {}

#[cfg(feature = "wsc")]
#[ncp_macros::ncp_api(spec = "spec/wsc.toml", self_test)]
pub mod wsc {}

#[cfg(feature = "vserver")]
#[ncp_macros::ncp_api(spec = "spec/vserver.toml", self_test)]
pub mod vserver {}

#[cfg(feature = "vpc")]
#[ncp_macros::ncp_api(spec = "spec/vpc.toml", self_test)]
pub mod vpc {}

#[cfg(feature = "vloadbalancer")]
#[ncp_macros::ncp_api(spec = "spec/vloadbalancer.toml", self_test)]
pub mod vloadbalancer {}

#[cfg(feature = "vautoscaling")]
#[ncp_macros::ncp_api(spec = "spec/vautoscaling.toml", self_test)]
pub mod vautoscaling {}

#[cfg(feature = "vnas")]
#[ncp_macros::ncp_api(spec = "spec/vnas.toml", self_test)]
pub mod vnas {}

#[cfg(feature = "vnks")]
#[ncp_macros::ncp_api(spec = "spec/vnks.toml", self_test)]
pub mod vnks {}
