#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/default_of_wrong_type.toml")]
pub mod demo {}

fn main() {}
