#[ncp_macros::ncp_api(spec = "$NCP_TESTS_DIR/ui-spec/specs/invalid_operation_identifier.toml")]
pub mod demo {}

fn main() {}
