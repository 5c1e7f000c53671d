#[ncp_macros::ncp_api(spec = "$NCP_TESTS_DIR/ui-spec/specs/body_on_head.toml")]
pub mod demo {}

fn main() {}
