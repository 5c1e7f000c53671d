#[ncp_macros::ncp_api(spec = "$NCP_TESTS_DIR/ui-spec/specs/multipart_on_get.toml")]
pub mod demo {}

fn main() {}
