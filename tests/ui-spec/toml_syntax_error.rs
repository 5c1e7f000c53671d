#[ncp_macros::ncp_api(spec = "../../../../tests/ui-spec/specs/toml_syntax_error.toml")]
pub mod demo {}

fn main() {}
