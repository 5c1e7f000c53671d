//! The expansion of a small spec (the example of `spec/README.md`) is kept in
//! `tests/snapshot/example.rs`, so every change to generated code is reviewed as a diff.
//! After an intended change, regenerate it with `EXPECTORATE=overwrite cargo test -p ncp-macros`.

use std::path::Path;

use quote::quote;

#[test]
fn expansion_of_the_readme_example() {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tokens = crate::expand::expand(
        quote!(spec = "tests/snapshot/example.toml"),
        quote!(
            pub mod example {}
        ),
        manifest_dir,
    );
    // The rebuild-tracking include_str! names an absolute path. Replace it before formatting,
    // not after: prettyplease wraps lines by length, so the snapshot would depend on where the
    // repository is checked out.
    let absolute = manifest_dir
        .join("tests/snapshot/example.toml")
        .canonicalize()
        .unwrap();
    let portable = tokens.to_string().replace(
        &*absolute.to_string_lossy(),
        "$CARGO_MANIFEST_DIR/tests/snapshot/example.toml",
    );
    let file: syn::File = syn::parse_str(&portable).expect("the expansion parses as Rust");
    let text = prettyplease::unparse(&file);
    expectorate::assert_contents("tests/snapshot/example.rs", &text);
}
