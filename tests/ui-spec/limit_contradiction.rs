#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/limit_contradiction.toml")]
pub mod demo {}

fn main() {}
