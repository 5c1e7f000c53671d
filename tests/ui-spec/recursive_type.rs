#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/recursive_type.toml")]
pub mod demo {}

fn main() {}
