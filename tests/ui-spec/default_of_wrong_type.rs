#[ncp_macros::ncp_api(spec = "$NCP_TESTS_DIR/ui-spec/specs/default_of_wrong_type.toml")]
pub mod demo {}

fn main() {}
