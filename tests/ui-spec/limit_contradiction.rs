#[ncp_macros::ncp_api(spec = "$NCP_TESTS_DIR/ui-spec/specs/limit_contradiction.toml")]
pub mod demo {}

fn main() {}
