//! Building the request target (path and query) exactly as it goes on the wire.
//!
//! Path segments keep RFC 3986 unreserved characters, `:` and `@` as they are (SENS service ids
//! look like `ncp:kkobizmsg:kr:1234567:svc` and the docs send them unencoded) and percent-encode
//! everything else. Query pairs use `application/x-www-form-urlencoded`, in the order the spec
//! declares them. The signature is computed over the resulting string, so whatever the encoding,
//! what is signed is what is sent.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::Error;

/// Bytes of a path segment that are percent-encoded: all but `ALPHA DIGIT - . _ ~ : @`.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b':')
    .remove(b'@');

/// Appends `value` to `out` as one encoded path segment.
pub fn push_path_segment(out: &mut String, value: &str) {
    out.extend(utf8_percent_encode(value, PATH_SEGMENT));
}

/// Why `text` cannot be a path segment of its own, if it cannot. `%` is always encoded, so `.`
/// and `..` are the only spellings of a dot segment a value can produce.
fn unaddressable(text: &str) -> Option<&'static str> {
    match text {
        "" => Some("is empty; a path parameter needs a value"),
        "." | ".." => Some("is a dot segment, which would address another path"),
        _ => None,
    }
}

/// Bytes reserved for a path when its first part is pushed: NCP's paths with their parameters
/// are mostly under this (`/friendtalk/v2/services/ncp:kkobizmsg:kr:1234567:svc/messages`).
const PATH_CAPACITY: usize = 64;

/// A path and query under construction.
#[derive(Debug, Clone, Default)]
pub struct Target {
    path: String,
    query: String,
}

impl Target {
    /// Starts a target with an already encoded path prefix (a product's base path).
    pub fn new(encoded_prefix: &str) -> Self {
        Self {
            path: encoded_prefix.to_owned(),
            query: String::new(),
        }
    }

    /// Appends literal path text from the spec (already valid in a path).
    pub fn push_literal(&mut self, literal: &str) {
        self.reserve_path();
        self.path.push_str(literal);
    }

    /// On the first push, room for a typical path, which would otherwise grow in two or three
    /// steps (a literal, a parameter, another literal), each a reallocation.
    fn reserve_path(&mut self) {
        if self.path.capacity() == 0 {
            self.path.reserve(PATH_CAPACITY);
        }
    }

    /// Appends a path parameter as one encoded segment. An empty value, `.` and `..` are refused:
    /// each would silently address another resource (`/images/` instead of `/images/{id}`; URL
    /// parsing removes dot segments, so `..` climbs to the parent), signed for that resource.
    pub fn push_param(
        &mut self,
        operation: &'static str,
        name: &str,
        value: &(impl WireText + ?Sized),
    ) -> Result<(), Error> {
        value.with_wire_text(|text| {
            if let Some(reason) = unaddressable(text) {
                return Err(Error::InvalidRequest {
                    operation,
                    field: name.to_owned(),
                    reason: reason.to_owned(),
                });
            }
            self.reserve_path();
            push_path_segment(&mut self.path, text);
            Ok(())
        })
    }

    /// Appends `value` to the query under `name`: nothing for `None`, `name=value` for one value,
    /// and the action-style flattening for lists and objects (`name.1`, `name.1.field`,
    /// `name.1.field.1`, 1-based).
    pub fn push_query(&mut self, name: &str, value: &(impl QueryFlatten + ?Sized)) {
        value.flatten_into(name, self);
    }

    /// Appends one `name=value` pair (both form-encoded).
    pub fn push_query_pair(&mut self, name: &str, value: &str) {
        self.push_pair(name, value);
    }

    fn push_pair(&mut self, name: &str, value: &str) {
        if !self.query.is_empty() {
            self.query.push('&');
        }
        self.query
            .extend(url::form_urlencoded::byte_serialize(name.as_bytes()));
        self.query.push('=');
        self.query
            .extend(url::form_urlencoded::byte_serialize(value.as_bytes()));
    }

    /// The encoded path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The encoded query, without `?` (empty when there is none).
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Removes the encoded query and returns it (to send it as a form body).
    pub fn take_query(&mut self) -> String {
        std::mem::take(&mut self.query)
    }
}

/// A value that can go into a query: one value as `name=value`, lists and objects flattened the
/// action-style way. Generated structs implement it field by field.
pub trait QueryFlatten {
    /// Appends the pairs of `self` under `prefix`.
    fn flatten_into(&self, prefix: &str, target: &mut Target);
}

impl<T: WireText + ?Sized> QueryFlatten for T {
    fn flatten_into(&self, prefix: &str, target: &mut Target) {
        self.with_wire_text(|text| target.push_pair(prefix, text));
    }
}

impl<T: QueryFlatten> QueryFlatten for Option<T> {
    fn flatten_into(&self, prefix: &str, target: &mut Target) {
        if let Some(value) = self {
            value.flatten_into(prefix, target);
        }
    }
}

impl<T: QueryFlatten> QueryFlatten for Vec<T> {
    fn flatten_into(&self, prefix: &str, target: &mut Target) {
        for (index, item) in self.iter().enumerate() {
            item.flatten_into(&format!("{prefix}.{}", index + 1), target);
        }
    }
}

/// A parameter value (query, header): its text, or nothing for `None`.
pub trait ParamValue {
    /// Calls `f` with the text of each value (none for `None`).
    fn for_each_text(&self, f: &mut dyn FnMut(&str));
}

/// A value that has one text form on the wire (strings, numbers, booleans, string enums).
pub trait WireText {
    /// Calls `f` with the wire text of the value.
    fn with_wire_text<R>(&self, f: impl FnOnce(&str) -> R) -> R;
}

impl WireText for str {
    fn with_wire_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        f(self)
    }
}

impl WireText for String {
    fn with_wire_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        f(self)
    }
}

impl WireText for std::sync::Arc<str> {
    fn with_wire_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        f(self)
    }
}

impl WireText for bool {
    fn with_wire_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        f(if *self { "true" } else { "false" })
    }
}

macro_rules! wire_text_display {
    ($($t:ty),*) => {$(
        impl WireText for $t {
            fn with_wire_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
                f(&self.to_string())
            }
        }
    )*};
}
wire_text_display!(i32, i64, u32, u64, f64);

impl<T: WireText + ?Sized> ParamValue for T {
    fn for_each_text(&self, f: &mut dyn FnMut(&str)) {
        self.with_wire_text(f);
    }
}

impl<T: WireText> ParamValue for Option<T> {
    fn for_each_text(&self, f: &mut dyn FnMut(&str)) {
        if let Some(value) = self {
            value.with_wire_text(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_segments_are_refused() {
        for value in [".", "..", ""] {
            let mut t = Target::new("/images/");
            let err = t.push_param("op", "imageId", value).unwrap_err();
            assert!(
                matches!(&err, Error::InvalidRequest { field, .. } if field == "imageId"),
                "{err}"
            );
        }
        // Only the whole value is a dot segment; `%` is encoded, so `%2E` stays literal text.
        let mut t = Target::new("/images/");
        t.push_param("op", "imageId", "...").unwrap();
        t.push_literal("/");
        t.push_param("op", "imageId", "%2E%2E").unwrap();
        assert_eq!(t.path(), "/images/.../%252E%252E");
    }

    #[test]
    fn path_segments_keep_colon_and_at_and_encode_the_rest() {
        let mut t = Target::new("/friendtalk/v2/services/");
        t.push_param("op", "serviceId", "ncp:kkobizmsg:kr:2514340:sample")
            .unwrap();
        t.push_literal("/images/");
        t.push_param("op", "imageId", "a b/c?d#e%f@g~h").unwrap();
        assert_eq!(
            t.path(),
            "/friendtalk/v2/services/ncp:kkobizmsg:kr:2514340:sample/images/a%20b%2Fc%3Fd%23e%25f@g~h"
        );
    }

    #[test]
    fn empty_path_parameters_are_refused() {
        let mut t = Target::new("/x/");
        let err = t.push_param("get_image", "imageId", "").unwrap_err();
        assert_eq!(
            err.to_string(),
            "get_image: invalid request: `imageId` is empty; a path parameter needs a value"
        );
        t.push_param("op", "n", &42i64).unwrap();
        assert_eq!(t.path(), "/x/42");
    }

    #[test]
    fn lists_and_nested_lists_flatten_one_based() {
        let mut t = Target::new("/vserver/v2/getServerInstanceList");
        t.push_query(
            "serverInstanceNoList",
            &vec!["1001".to_owned(), "1002".to_owned()],
        );
        t.push_query("nested", &vec![vec![1i64, 2], vec![3]]);
        t.push_query("empty", &Vec::<String>::new());
        assert_eq!(
            t.query(),
            "serverInstanceNoList.1=1001&serverInstanceNoList.2=1002&nested.1.1=1&nested.1.2=2&nested.2.1=3"
        );
    }

    #[test]
    fn query_matches_the_signature_vector_encoding() {
        let mut t = Target::new("/m");
        t.push_query("plusFriendId", "@sample");
        t.push_query("requestStartTime", &Some("2023-11-01T00:00:00".to_owned()));
        t.push_query("messageId", &None::<String>);
        t.push_query("pageIndex", &0i64);
        t.push_query("isWide", &true);
        t.push_query("to", "a b&c=d");
        assert_eq!(
            t.query(),
            "plusFriendId=%40sample&requestStartTime=2023-11-01T00%3A00%3A00&pageIndex=0&isWide=true&to=a+b%26c%3Dd"
        );
    }
}
