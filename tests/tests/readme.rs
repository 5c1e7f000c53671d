//! The README's downstream example is `tests/downstream_example.rs`, verbatim, so it compiles
//! and passes with every change.

#[test]
fn the_readme_shows_the_downstream_example_verbatim() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("../README.md")).unwrap();
    let example = std::fs::read_to_string(root.join("tests/downstream_example.rs")).unwrap();
    assert!(
        readme.contains(&format!("```rust\n{example}```")),
        "README.md must contain tests/tests/downstream_example.rs verbatim in a ```rust block"
    );
}
