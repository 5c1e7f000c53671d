#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/unused_path_parameter.toml")]
pub mod demo {}

fn main() {}
