#[ncp_macros::ncp_api(spec = "$NCP_TESTS_DIR/ui-spec/specs/file_outside_multipart.toml")]
pub mod demo {}

fn main() {}
