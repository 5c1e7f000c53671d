#[ncp_macros::ncp_api(spec = "$NCP_TESTS_DIR/ui-spec/specs/several_mistakes_at_once.toml")]
pub mod demo {}

fn main() {}
