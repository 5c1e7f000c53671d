//! No test, example or doc test of this workspace may send a packet to NCP's metadata service at
//! 169.254.169.254 (such traffic from machines that are not NCP servers is flagged). Three
//! guards, checked here from the sources so that a change that weakens one fails:
//!
//! - every build of ncp-runtime for tests and examples enables `metadata-loopback-only`, which
//!   refuses any metadata origin but a loopback IP address before anything is sent
//!   (`credential_chain.rs` and `server_role.rs` prove the refusal);
//! - every test or example that builds a default chain sets `NCLOUD_METADATA_DISABLED` (or aims
//!   `NCLOUD_METADATA_API_ENDPOINT` at 127.0.0.1 next to it);
//! - every doc example that could build a default chain or a server role is `no_run`.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `ncp-runtime` dependency line of `section` (`[dependencies]`, `[dev-dependencies]`).
fn runtime_dependency(manifest: &str, section: &str) -> String {
    let text = std::fs::read_to_string(root().join(manifest)).unwrap();
    let mut in_section = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_section = line == section;
        } else if in_section && line.starts_with("ncp-runtime") {
            return line.to_owned();
        }
    }
    panic!("{manifest} has no ncp-runtime in {section}");
}

#[test]
fn test_and_example_builds_of_ncp_runtime_are_loopback_only() {
    for (manifest, section) in [
        ("tests/Cargo.toml", "[dependencies]"),
        ("ncp-apis/Cargo.toml", "[dev-dependencies]"),
    ] {
        let line = runtime_dependency(manifest, section);
        assert!(
            line.contains("\"metadata-loopback-only\""),
            "{manifest} {section}: {line}"
        );
    }
    // What users depend on stays free of it.
    let published = runtime_dependency("ncp-apis/Cargo.toml", "[dependencies]");
    assert!(!published.contains("metadata-loopback-only"), "{published}");
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_default_chain_in_tests_and_examples_disables_the_server_role() {
    let root = root();
    let mut files = Vec::new();
    for dir in [
        "tests/tests",
        "tests/src",
        "tests/benches",
        "tests/ui",
        "tests/ui-pass",
        "tests/ui-spec",
        "ncp-apis/examples",
    ] {
        rust_files(&root.join(dir), &mut files);
    }
    let this_file = Path::new(file!()).file_name().unwrap();
    let mut checked = 0;
    for file in files {
        if file.file_name() == Some(this_file) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        if text.contains("Client::from_env()") || text.contains("ServerRole::from_env()") {
            checked += 1;
            assert!(
                text.contains("\"NCLOUD_METADATA_DISABLED\""),
                "{} builds a default chain without setting NCLOUD_METADATA_DISABLED",
                file.display()
            );
        }
    }
    assert!(checked >= 2, "the chain's tests were found ({checked})");
}

#[test]
fn doc_examples_that_could_reach_a_metadata_service_do_not_run() {
    let root = root();
    let mut files = Vec::new();
    for dir in ["ncp-runtime/src", "ncp-apis/src"] {
        rust_files(&root.join(dir), &mut files);
    }
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut fence: Option<(usize, String)> = None;
        let mut body = String::new();
        for (number, line) in text.lines().enumerate() {
            let doc = line
                .trim_start()
                .strip_prefix("//!")
                .or_else(|| line.trim_start().strip_prefix("///"));
            let Some(doc) = doc.map(str::trim) else {
                continue;
            };
            if let Some(info) = doc.strip_prefix("```") {
                match fence.take() {
                    None => {
                        fence = Some((number + 1, info.to_owned()));
                        body.clear();
                    }
                    Some((start, info)) => {
                        let runs = info.is_empty() || info == "rust";
                        let risky = ["from_env()", "ServerRole", "from_default_chain"]
                            .iter()
                            .any(|needle| body.contains(needle))
                            || (body.contains("Client::builder()")
                                && !body.contains(".credentials("));
                        assert!(
                            !(runs && risky),
                            "{}:{start}: a doc example that builds a default chain or a server \
                             role must be `no_run`",
                            file.display()
                        );
                    }
                }
            } else if fence.is_some() {
                body.push_str(doc);
                body.push('\n');
            }
        }
    }
}
