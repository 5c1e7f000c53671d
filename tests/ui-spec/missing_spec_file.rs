#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/does_not_exist.toml")]
pub mod demo {}

fn main() {}
