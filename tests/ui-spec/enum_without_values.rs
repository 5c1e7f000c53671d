#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/enum_without_values.toml")]
pub mod demo {}

fn main() {}
