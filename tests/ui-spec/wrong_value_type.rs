#[ncp_macros::ncp_api(spec = "$NCP_TESTS_DIR/ui-spec/specs/wrong_value_type.toml")]
pub mod demo {}

fn main() {}
