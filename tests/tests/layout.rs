//! The workspace's `spec/` is a working link to `ncp-apis/spec/`, where the specs live so that
//! `cargo package -p ncp-apis` ships them. Git once stored the link as a plain file holding its
//! target's name, and every clone lacked `spec/`.

use std::path::Path;

#[test]
fn the_workspace_spec_folder_is_a_link_to_the_packaged_specs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let link = root.join("spec");
    let metadata = std::fs::symlink_metadata(&link).expect("spec/ exists at the workspace root");
    assert!(
        metadata.file_type().is_symlink(),
        "spec is a symbolic link, not a copy or a plain file"
    );
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        Path::new("ncp-apis/spec")
    );
    let through_link =
        std::fs::read_to_string(link.join("vserver.toml")).expect("the link resolves");
    let packaged = std::fs::read_to_string(root.join("ncp-apis/spec/vserver.toml")).unwrap();
    assert_eq!(through_link, packaged);
    assert!(
        link.join("README.md").is_file(),
        "the format's reference is reached through spec/ too"
    );
}
