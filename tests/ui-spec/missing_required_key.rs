#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/missing_required_key.toml")]
pub mod demo {}

fn main() {}
