//! The signer against every vector computed with NCP's own reference algorithm.

use std::path::Path;

use ncp_runtime::Signer;
use serde::Deserialize;

#[derive(Deserialize)]
struct Vector {
    method: String,
    uri: String,
    timestamp: String,
    access_key: String,
    secret_key: String,
    string_to_sign: String,
    signature: String,
}

fn check_file(path: &Path) -> usize {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let vectors: Vec<Vector> = serde_json::from_str(&text).unwrap();
    assert!(!vectors.is_empty());
    for v in &vectors {
        assert_eq!(
            v.string_to_sign,
            format!("{} {}\n{}\n{}", v.method, v.uri, v.timestamp, v.access_key),
            "the vector's string to sign follows the documented layout"
        );
        let signature = Signer::new(v.secret_key.as_bytes()).sign(
            &v.method,
            &v.uri,
            &v.timestamp,
            &v.access_key,
        );
        assert_eq!(signature, v.signature, "{} {}", v.method, v.uri);
    }
    vectors.len()
}

#[test]
fn every_vector_matches_byte_for_byte() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let count = check_file(&dir.join("data/signature-v2-vectors.json"));
    assert_eq!(count, 7);
    // The project's shared copy, when the checkout sits beside it, must agree too.
    let shared = dir.join("../../shared/signature-v2-vectors.json");
    if shared.exists() {
        check_file(&shared);
    }
}
