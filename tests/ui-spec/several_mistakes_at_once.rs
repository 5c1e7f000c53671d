#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/several_mistakes_at_once.toml")]
pub mod demo {}

fn main() {}
