#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/duplicate_operation_name.toml")]
pub mod demo {}

fn main() {}
