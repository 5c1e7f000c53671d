//! `#[ncp_api(spec = "spec/product.toml")]`: expands a NAVER Cloud Platform spec file into a
//! product module — request and response types, enums that keep unknown values, and an async
//! client with one method per operation.
//!
//! This crate is a thin shell. The work is in plain modules, unit-tested without a compiler:
//! `model` parses the TOML with spans, `validate` checks it into the `ir` model collecting
//! every mistake, `generate` turns the model into tokens, and `expand` ties them together and
//! reports mistakes as `spec/x.toml:LINE:COL` errors on the attribute. The spec format is
//! documented in `spec/README.md`.
//!
//! The spec path is relative to the root of the crate that uses the attribute
//! (`CARGO_MANIFEST_DIR`), or absolute; a leading `$NAME/` is the value of the environment
//! variable `NAME` when the macro expands (the test fixtures use it to stay independent of
//! `CARGO_TARGET_DIR`).

#![warn(missing_docs)]

extern crate proc_macro;

mod diagnostic;
mod expand;
mod generate;
mod ir;
mod model;
mod names;
mod paging;
mod rules;
mod validate;
mod waiting;

#[cfg(test)]
mod robustness;
#[cfg(test)]
mod snapshot;

/// Generates a product module from a spec file. See the crate docs.
///
/// ```ignore
/// #[ncp_macros::ncp_api(spec = "spec/sens_friendtalk.toml")]
/// pub mod sens_friendtalk {}
/// ```
#[proc_macro_attribute]
pub fn ncp_api(
    args: proc_macro::TokenStream,
    item: proc_macro::TokenStream,
) -> proc_macro::TokenStream {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_default();
    expand::expand(args.into(), item.into(), &manifest_dir).into()
}
