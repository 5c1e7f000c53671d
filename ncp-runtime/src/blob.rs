//! Binary content that a JSON API takes as a base64 string (SENS SMS's MMS image upload:
//! `"fileBody": "<base64>"`). The caller gives bytes or a path; the client encodes. Specs write
//! such a field `type = "bytes"`.

use std::path::Path;

use base64::Engine as _;
use bytes::Bytes;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Bytes sent (and read) as a base64 string in JSON.
///
/// Reference-counted: cloning one (to retry an upload) copies no data. `Debug` shows the size,
/// never the content.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Blob(Bytes);

impl Blob {
    /// Content from memory.
    pub fn from_bytes(bytes: impl Into<Bytes>) -> Self {
        Blob(bytes.into())
    }

    /// Reads a file from disk.
    pub async fn from_path(path: impl AsRef<Path>) -> std::io::Result<Self> {
        Ok(Blob(tokio::fs::read(path).await?.into()))
    }

    /// The content.
    pub fn bytes(&self) -> &Bytes {
        &self.0
    }

    /// Its size in bytes (before encoding; the limits NCP documents are on this size).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether it holds no bytes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Blob(bytes.into())
    }
}

impl From<&'static [u8]> for Blob {
    fn from(bytes: &'static [u8]) -> Self {
        Blob(Bytes::from_static(bytes))
    }
}

impl From<Bytes> for Blob {
    fn from(bytes: Bytes) -> Self {
        Blob(bytes)
    }
}

impl std::fmt::Debug for Blob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Blob({} bytes)", self.0.len())
    }
}

impl Serialize for Blob {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .map(Blob::from)
            .map_err(|e| D::Error::custom(format!("not base64: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn travels_as_base64_and_never_prints_its_content() {
        let blob = Blob::from(&b"\xff\xd8\xff\xe0 jpeg"[..]);
        let json = serde_json::to_string(&blob).unwrap();
        assert_eq!(json, "\"/9j/4CBqcGVn\"");
        assert_eq!(serde_json::from_str::<Blob>(&json).unwrap(), blob);
        assert_eq!(format!("{blob:?}"), "Blob(9 bytes)");
        assert!(serde_json::from_str::<Blob>("\"not base64!\"").is_err());
    }

    #[tokio::test]
    async fn reads_a_file() {
        let path = std::env::temp_dir().join(format!("ncp-blob-{}.bin", std::process::id()));
        std::fs::write(&path, [1u8, 2, 3]).unwrap();
        let blob = Blob::from_path(&path).await.unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(blob.bytes().as_ref(), [1, 2, 3]);
        assert!(Blob::from_path(&path).await.is_err());
    }
}
