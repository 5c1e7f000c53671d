#[ncp_macros::ncp_api(spec = "$NCP_TESTS_DIR/ui-spec/specs/unknown_top_level_key.toml")]
pub mod demo {}

fn main() {}
