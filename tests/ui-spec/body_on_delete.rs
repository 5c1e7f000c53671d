#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/body_on_delete.toml")]
pub mod demo {}

fn main() {}
