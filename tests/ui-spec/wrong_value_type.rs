#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/wrong_value_type.toml")]
pub mod demo {}

fn main() {}
