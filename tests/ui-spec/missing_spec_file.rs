#[ncp_macros::ncp_api(spec = "$NCP_TESTS_DIR/ui-spec/specs/does_not_exist.toml")]
pub mod demo {}

fn main() {}
