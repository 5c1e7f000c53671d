#[ncp_macros::ncp_api(spec = "$NCP_TESTS_DIR/ui-spec/specs/reserved_enum_variant.toml")]
pub mod demo {}

fn main() {}
