//! Lenient decoding of scalars: NCP sends numbers and booleans both as JSON values and as strings
//! (`"instanceNo": "1234567890"`, `"crawl_cnt": ""`, `"isWide": "true"`). Generated response
//! types use these for every integer, number and boolean field; an empty string decodes to `None`
//! for optional fields and is an error for required ones.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::{self, Visitor};

/// A scalar that can be decoded from its JSON form or from a string.
pub trait LenientScalar: Sized {
    /// What the value is, for error messages ("an integer").
    const EXPECTING: &'static str;
    /// Converts from a JSON integer.
    fn from_i64(v: i64) -> Option<Self>;
    /// Converts from a JSON float.
    fn from_f64(v: f64) -> Option<Self>;
    /// Converts from a JSON boolean.
    fn from_bool(v: bool) -> Option<Self>;
    /// Converts from a (trimmed, non-empty) string.
    fn from_text(v: &str) -> Option<Self>;
}

impl LenientScalar for i64 {
    const EXPECTING: &'static str = "an integer (or a string holding one)";
    fn from_i64(v: i64) -> Option<Self> {
        Some(v)
    }
    fn from_f64(v: f64) -> Option<Self> {
        (v.fract() == 0.0 && v.abs() < 9.0e15).then_some(v as i64)
    }
    fn from_bool(_: bool) -> Option<Self> {
        None
    }
    fn from_text(v: &str) -> Option<Self> {
        v.parse().ok()
    }
}

impl LenientScalar for f64 {
    const EXPECTING: &'static str = "a number (or a string holding one)";
    fn from_i64(v: i64) -> Option<Self> {
        Some(v as f64)
    }
    fn from_f64(v: f64) -> Option<Self> {
        Some(v)
    }
    fn from_bool(_: bool) -> Option<Self> {
        None
    }
    fn from_text(v: &str) -> Option<Self> {
        v.parse().ok().filter(|f: &f64| f.is_finite())
    }
}

impl LenientScalar for bool {
    const EXPECTING: &'static str = "a boolean (or \"true\"/\"false\")";
    fn from_i64(_: i64) -> Option<Self> {
        None
    }
    fn from_f64(_: f64) -> Option<Self> {
        None
    }
    fn from_bool(v: bool) -> Option<Self> {
        Some(v)
    }
    fn from_text(v: &str) -> Option<Self> {
        match v {
            "true" | "TRUE" | "True" => Some(true),
            "false" | "FALSE" | "False" => Some(false),
            _ => None,
        }
    }
}

struct LenientVisitor<T>(PhantomData<T>);

impl<'de, T: LenientScalar> Visitor<'de> for LenientVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        T::from_i64(v)
            .map(Some)
            .ok_or_else(|| E::invalid_type(de::Unexpected::Signed(v), &self))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        i64::try_from(v)
            .ok()
            .and_then(T::from_i64)
            .map(Some)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        T::from_f64(v)
            .map(Some)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &self))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        T::from_bool(v)
            .map(Some)
            .ok_or_else(|| E::invalid_type(de::Unexpected::Bool(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let trimmed = v.trim();
        if trimmed.is_empty() {
            return Ok(None);
        }
        T::from_text(trimmed)
            .map(Some)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// Decodes a required scalar; `null` and `""` are errors.
pub fn required<'de, D: Deserializer<'de>, T: LenientScalar>(d: D) -> Result<T, D::Error> {
    d.deserialize_any(LenientVisitor::<T>(PhantomData))?
        .ok_or_else(|| de::Error::custom(format_args!("expected {}, found nothing", T::EXPECTING)))
}

/// Decodes an optional scalar; `null` and `""` are `None`.
pub fn optional<'de, D: Deserializer<'de>, T: LenientScalar>(d: D) -> Result<Option<T>, D::Error> {
    d.deserialize_any(LenientVisitor::<T>(PhantomData))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Sample {
        #[serde(deserialize_with = "super::required")]
        count: i64,
        #[serde(default, deserialize_with = "super::optional")]
        maybe: Option<i64>,
        #[serde(default, deserialize_with = "super::optional")]
        wide: Option<bool>,
        #[serde(default, deserialize_with = "super::optional")]
        ratio: Option<f64>,
    }

    fn parse(json: &str) -> Result<Sample, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn accepts_numbers_strings_and_empty_strings() {
        assert_eq!(
            parse(r#"{"count":"12","maybe":"","wide":"true","ratio":"0.5"}"#).unwrap(),
            Sample {
                count: 12,
                maybe: None,
                wide: Some(true),
                ratio: Some(0.5)
            }
        );
        assert_eq!(
            parse(r#"{"count":3,"maybe":null,"wide":false,"ratio":2}"#).unwrap(),
            Sample {
                count: 3,
                maybe: None,
                wide: Some(false),
                ratio: Some(2.0)
            }
        );
        assert_eq!(parse(r#"{"count":3}"#).unwrap().maybe, None);
    }

    #[test]
    fn rejects_what_is_not_the_type() {
        assert!(parse(r#"{"count":""}"#).is_err());
        assert!(parse(r#"{"count":"twelve"}"#).is_err());
        assert!(parse(r#"{"count":1.5}"#).is_err());
        assert!(parse(r#"{"count":1,"wide":"yes"}"#).is_err());
        assert!(parse(r#"{"count":1,"wide":1}"#).is_err());
        assert!(parse(r#"{"count":18446744073709551615}"#).is_err());
    }
}
