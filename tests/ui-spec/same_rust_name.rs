#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/same_rust_name.toml")]
pub mod demo {}

fn main() {}
