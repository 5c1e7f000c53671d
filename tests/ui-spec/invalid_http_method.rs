#[ncp_macros::ncp_api(spec = "$NCP_TESTS_DIR/ui-spec/specs/invalid_http_method.toml")]
pub mod demo {}

fn main() {}
