#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/invalid_http_method.toml")]
pub mod demo {}

fn main() {}
