#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/undefined_shared_type.toml")]
pub mod demo {}

fn main() {}
