#[ncp_macros::ncp_api(spec = "$NCP_TESTS_DIR/ui-spec/specs/toml_syntax_error.toml")]
pub mod demo {}

fn main() {}
