//! Runtime of [ncp-rs](https://github.com/ncp-rs/ncp-rs), the Rust SDK for NAVER Cloud Platform.
//!
//! The product clients in `ncp-apis` are generated from spec files; this crate is what they run
//! on:
//!
//! - [`Credentials`]: explicit keys, `NCLOUD_ACCESS_KEY`/`NCLOUD_SECRET_KEY`, or the ncloud CLI's
//!   `~/.ncloud/configure`; then [`ServerRole`], an NCP VPC server's temporary keys from its
//!   metadata service, refreshed before they expire. The secret key is never printed.
//! - [`Signer`]: API Gateway signature v2, keyed once.
//! - [`Site`] and [`Endpoint`]: the public, gov and fin gateways, or one override origin.
//! - [`Client`]: one shared HTTP connection pool (reqwest with rustls), timeouts, a response
//!   size cap.
//! - [`Error`]: one error type that keeps NCP's status, error code, message and body.
//!
//! ```no_run
//! # async fn demo() -> Result<(), ncp_runtime::Error> {
//! use ncp_runtime::{Client, Credentials, Site};
//! let client = Client::builder()
//!     .credentials(Credentials::new("ACCESS_KEY", "SECRET_KEY")?)
//!     .site(Site::Public)
//!     .build()?;
//! # let _ = client; Ok(()) }
//! ```

#![warn(missing_docs)]

mod action;
mod blob;
mod body;
pub mod checks;
mod client;
mod credentials;
mod endpoint_config;
mod error;
mod key_source;
pub mod lenient;
mod metadata;
#[cfg(feature = "mock")]
pub mod mock;
mod paginate;
mod profile_file;
mod response;
mod retry;
mod rfc3339;
pub mod schema;
mod server_role;
mod signer;
mod site;
mod target;
mod unknown;
mod wait;

pub use action::{ActionResponse, Base64, CommonCode, NoFields, Secret};
pub use blob::Blob;
pub use body::{Body, FilePart, FormValue, MultipartForm, Part};
pub use client::{
    Client, ClientBuilder, DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_DEADLINE,
    DEFAULT_MAX_RESPONSE_BYTES, Operation, Request,
};
pub use credentials::{
    ACCESS_KEY_VARS, Credentials, CredentialsError, PROFILE_VAR, SECRET_KEY_VARS,
};
pub use endpoint_config::{API_GW_VAR, API_URL_KEY};
pub use error::{DecodeError, Error, ErrorFormat, Result, ServiceError};
pub use paginate::{DEFAULT_MAX_PAGES, PageFuture, Paginated, Paginator};
pub use response::{Envelope, Response};
pub use retry::{
    CallOptions, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_BACKOFF,
    RETRY_BUDGET_CAPACITY, RETRY_COST, Retry, RetryBudget, RetryPolicy, TIMEOUT_RETRY_COST,
};
pub use server_role::{
    DEFAULT_METADATA_ORIGIN, DEFAULT_REFRESH_BEFORE, METADATA_CONNECT_TIMEOUT,
    METADATA_DISABLED_VAR, METADATA_ENDPOINT_VAR, METADATA_TIMEOUT, ServerRole, ServerRoleBuilder,
};
pub use signer::{ACCESS_KEY_HEADER, SIGNATURE_HEADER, Signer, TIMESTAMP_HEADER};
pub use site::{Endpoint, InvalidEndpoint, Origin, ParseSiteError, Site};
pub use target::{ParamValue, QueryFlatten, Target, WireText, push_path_segment};
pub use unknown::UnknownValue;
pub use wait::{WaitOptions, Waiter, wait};

/// Re-exports used by generated code, so that crates using `#[ncp_api]` need no direct
/// dependency on them. Not a stable API.
#[doc(hidden)]
pub mod __private {
    pub use futures_util::stream::Stream;
    pub use http::Method;
    pub use serde;
    pub use serde_json;
}
