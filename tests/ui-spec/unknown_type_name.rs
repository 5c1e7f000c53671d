#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/unknown_type_name.toml")]
pub mod demo {}

fn main() {}
