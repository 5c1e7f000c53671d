#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/multipart_on_get.toml")]
pub mod demo {}

fn main() {}
