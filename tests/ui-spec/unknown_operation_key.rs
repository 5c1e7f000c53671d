#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/unknown_operation_key.toml")]
pub mod demo {}

fn main() {}
