#[ncp_macros::ncp_api(spec = "$NCP_TESTS_DIR/ui-spec/specs/recursive_type.toml")]
pub mod demo {}

fn main() {}
