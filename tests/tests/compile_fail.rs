//! What must not compile, and what must: requests that lack a required field, users of a
//! deprecated product, every kind of spec mistake (each error names the spec's file:line:col),
//! and specs with awkward names.

#[test]
fn compile_fail_and_pass() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
    cases.compile_fail("ui-spec/*.rs");
    cases.pass("ui-pass/*.rs");
}
