#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/reserved_enum_variant.toml")]
pub mod demo {}

fn main() {}
