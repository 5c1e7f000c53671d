#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/file_outside_multipart.toml")]
pub mod demo {}

fn main() {}
