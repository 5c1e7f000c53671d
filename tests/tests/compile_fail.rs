//! What must not compile, and what must: requests that lack a required field, users of a
//! deprecated product, every kind of spec mistake (each error names the spec's file:line:col),
//! and specs with awkward names.

/// The fixtures name their specs `$NCP_TESTS_DIR/...`: trybuild builds them in a crate under
/// the target directory, which `CARGO_TARGET_DIR` may put anywhere, so a path relative to that
/// crate would break.
const FIXTURE_ROOT_VAR: &str = "NCP_TESTS_DIR";

#[test]
fn compile_fail_and_pass() {
    // SAFETY: the only test of this binary; nothing else reads or writes the environment
    // while it is set, and trybuild's cargo inherits it.
    unsafe { std::env::set_var(FIXTURE_ROOT_VAR, env!("CARGO_MANIFEST_DIR")) };
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
    cases.compile_fail("ui-spec/*.rs");
    cases.pass("ui-pass/*.rs");
}
