#[ncp_macros::ncp_api(spec = "$NCP_TESTS_DIR/ui-spec/specs/duplicate_field_name.toml")]
pub mod demo {}

fn main() {}
