//! Request bodies: none, JSON, or multipart/form-data with text and file parts.

use std::path::Path;

use bytes::Bytes;
use serde::Serialize;

use crate::error::Error;
use crate::target::WireText;

/// The body of a request.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub enum Body {
    /// No body.
    #[default]
    Empty,
    /// A JSON document (sent as `application/json; charset=utf-8`).
    Json(Bytes),
    /// A `multipart/form-data` form.
    Multipart(MultipartForm),
    /// `application/x-www-form-urlencoded` pairs: an action-style request's parameters when one
    /// is a secret, so that it travels in the body instead of the URL.
    Form(Bytes),
}

impl Body {
    /// Serializes `value` as JSON; fails only for values JSON cannot represent.
    pub fn json(operation: &'static str, value: &impl Serialize) -> Result<Self, Error> {
        serde_json::to_vec(value)
            .map(|bytes| Body::Json(bytes.into()))
            .map_err(|e| Error::InvalidRequest {
                operation,
                field: "body".to_owned(),
                reason: format!("cannot be encoded as JSON: {e}"),
            })
    }
}

/// A file to upload: its name, content type and bytes.
///
/// The bytes are reference-counted, so cloning a part (to retry an upload) copies no data.
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    file_name: String,
    content_type: String,
    bytes: Bytes,
}

impl FilePart {
    /// A file from memory; the content type is guessed from the extension of `file_name`.
    pub fn from_bytes(file_name: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        let file_name = file_name.into();
        let content_type = mime_guess::from_path(&file_name)
            .first_or_octet_stream()
            .essence_str()
            .to_owned();
        Self {
            file_name,
            content_type,
            bytes: bytes.into(),
        }
    }

    /// Reads a file from disk; its name and content type come from the path.
    pub async fn from_path(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let bytes = tokio::fs::read(path).await?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".to_owned());
        Ok(Self::from_bytes(name, bytes))
    }

    /// Sets the content type instead of guessing it.
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = content_type.into();
        self
    }

    /// The file name sent in the part's `Content-Disposition`.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The part's content type.
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    /// The file's bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }
}

impl std::fmt::Debug for FilePart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FilePart")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// The parts of a `multipart/form-data` body, in order. Kept as data (not as a one-shot
/// `reqwest` form) so that the same request can be encoded again.
#[derive(Debug, Clone, Default)]
pub struct MultipartForm {
    parts: Vec<(&'static str, Part)>,
}

/// One part of a [`MultipartForm`].
#[derive(Debug, Clone)]
pub enum Part {
    /// A text field.
    Text(String),
    /// A file field.
    File(FilePart),
}

impl MultipartForm {
    /// Adds a field when it has a value (`Option::None` adds nothing).
    pub fn push(&mut self, name: &'static str, value: &(impl FormValue + ?Sized)) {
        if let Some(part) = value.to_part() {
            self.parts.push((name, part));
        }
    }

    /// The parts, in order.
    pub fn parts(&self) -> &[(&'static str, Part)] {
        &self.parts
    }

    pub(crate) fn to_reqwest(&self) -> Result<reqwest::multipart::Form, reqwest::Error> {
        let mut form = reqwest::multipart::Form::new();
        for (name, part) in &self.parts {
            form = match part {
                Part::Text(text) => form.text(*name, text.clone()),
                Part::File(file) => {
                    let body = reqwest::Body::from(file.bytes.clone());
                    let part =
                        reqwest::multipart::Part::stream_with_length(body, file.bytes.len() as u64)
                            .file_name(file.file_name.clone())
                            .mime_str(&file.content_type)?;
                    form.part(*name, part)
                }
            };
        }
        Ok(form)
    }
}

/// A value that can be a multipart field.
pub trait FormValue {
    /// The part, or `None` to leave the field out.
    fn to_part(&self) -> Option<Part>;
}

impl<T: WireText + ?Sized> FormValue for T {
    fn to_part(&self) -> Option<Part> {
        Some(Part::Text(self.with_wire_text(str::to_owned)))
    }
}

impl FormValue for FilePart {
    fn to_part(&self) -> Option<Part> {
        Some(Part::File(self.clone()))
    }
}

impl<T: FormValue> FormValue for Option<T> {
    fn to_part(&self) -> Option<Part> {
        self.as_ref().and_then(FormValue::to_part)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_content_types_and_hides_bytes_in_debug() {
        let png = FilePart::from_bytes("logo.png", vec![1, 2, 3]);
        assert_eq!(png.content_type(), "image/png");
        assert_eq!(
            FilePart::from_bytes("a.JPG", vec![]).content_type(),
            "image/jpeg"
        );
        assert_eq!(
            FilePart::from_bytes("blob", vec![]).content_type(),
            "application/octet-stream"
        );
        assert_eq!(
            format!("{png:?}"),
            r#"FilePart { file_name: "logo.png", content_type: "image/png", len: 3 }"#
        );
    }

    #[test]
    fn optional_fields_are_left_out() {
        let mut form = MultipartForm::default();
        form.push("plusFriendId", "@sample");
        form.push("isWide", &None::<bool>);
        form.push("imageFile", &FilePart::from_bytes("x.png", vec![0]));
        form.push("flag", &Some(true));
        let names: Vec<_> = form.parts().iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["plusFriendId", "imageFile", "flag"]);
    }
}
