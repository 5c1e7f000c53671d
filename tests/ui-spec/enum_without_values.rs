#[ncp_macros::ncp_api(spec = "$NCP_TESTS_DIR/ui-spec/specs/enum_without_values.toml")]
pub mod demo {}

fn main() {}
