#[ncp_macros::ncp_api(spec = "$NCP_TESTS_DIR/ui-spec/specs/duplicate_operation_name.toml")]
pub mod demo {}

fn main() {}
