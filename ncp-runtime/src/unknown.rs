//! The payload of a generated enum's `Unknown` variant: a value the spec did not document.

use std::fmt;
use std::ops::Deref;

/// A value a generated enum does not document, as NCP sent it (text, or an integer code).
///
/// It has no public constructor: an enum's `From` (`ButtonType::from("XX")`) is the way to make
/// one, and it gives the documented variant for a documented value, so `Unknown` never holds a
/// value that has a variant of its own (`ButtonType::from("WL")` is `ButtonType::WebLink`, and
/// the two compare equal because they are the same value).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue<T>(T);

impl<T> UnknownValue<T> {
    /// For generated code only, after checking that `value` has no variant of its own.
    #[doc(hidden)]
    pub fn __new(value: T) -> Self {
        UnknownValue(value)
    }

    /// The value.
    pub fn get(&self) -> &T {
        &self.0
    }

    /// The value, owned.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for UnknownValue<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: fmt::Debug> fmt::Debug for UnknownValue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: fmt::Display> fmt::Display for UnknownValue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
