#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/duplicate_field_name.toml")]
pub mod demo {}

fn main() {}
