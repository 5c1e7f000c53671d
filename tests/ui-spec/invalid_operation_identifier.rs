#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/invalid_operation_identifier.toml")]
pub mod demo {}

fn main() {}
