#[ncp_macros::ncp_api(spec = "$NCP_TESTS_DIR/ui-spec/specs/unused_path_parameter.toml")]
pub mod demo {}

fn main() {}
