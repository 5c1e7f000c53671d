//! The spec file as written: TOML shapes with source spans, before any meaning is checked.
//! `spec/README.md` documents every key; `validate` turns this into the checked [`crate::ir`].

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{MapAccess, Visitor};
use toml::Spanned;

/// A whole spec file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSpec {
    pub service: Spanned<RawService>,
    #[serde(default)]
    pub types: OrderedMap<Spanned<RawType>>,
    #[serde(default)]
    pub enums: OrderedMap<Spanned<RawEnum>>,
    #[serde(default)]
    pub operations: OrderedMap<Spanned<RawOperation>>,
    #[serde(default)]
    pub waiters: OrderedMap<Spanned<RawWaiter>>,
}

/// `[waiters.<name>]`: poll an operation until the resource reaches a state.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWaiter {
    pub description: Option<String>,
    /// The operation to poll (its key in `[operations]`).
    pub operation: Spanned<String>,
    /// The request field the caller's id goes in (a string, or a list of strings).
    pub input: Spanned<String>,
    /// Where the state is in the answer: wire names and list indexes, dot-separated.
    pub state: Spanned<String>,
    pub success: Vec<String>,
    #[serde(default)]
    pub failure: Vec<String>,
    /// Whether a resource no longer in the answer is success (deletion waiters).
    #[serde(default)]
    pub gone_is_success: bool,
    /// Seconds.
    pub min_delay: Option<Spanned<u64>>,
    pub max_delay: Option<Spanned<u64>>,
    pub timeout: Option<Spanned<u64>>,
}

/// `[service]`: the product.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawService {
    /// UpperCamelCase product name; the client is `{name}Client`.
    pub name: Spanned<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    /// Gateway host label: `sens` → `https://sens.apigw.ntruss.com`.
    pub host: Spanned<String>,
    /// Path prefix of every operation; `{param}`s in it are given once, to the client.
    pub base_path: Spanned<String>,
    /// The `{param}`s of `base_path`.
    #[serde(default)]
    pub params: OrderedMap<Spanned<RawField>>,
    pub docs_url: Option<String>,
    /// Marks the whole product deprecated, with the reason (`#[deprecated(note = ...)]`).
    pub deprecated: Option<String>,
    /// `rest` (default) or `action` (ncloud's action-style APIs).
    pub style: Option<Spanned<String>>,
    /// Host labels that differ per site: `{ fin = "fin-ncloud" }`.
    #[serde(default)]
    pub site_hosts: OrderedMap<Spanned<String>>,
    /// The success envelope every response of the product is wrapped in.
    pub envelope: Option<Spanned<RawEnvelope>>,
}

/// `[service.envelope]`: `{"returnCode":"0","returnMessage":"...","resources":...}`-style wrappers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnvelope {
    /// Member holding the return code (`returnCode`).
    pub code: Spanned<String>,
    /// Return code of success (`"0"`).
    pub success: Spanned<String>,
    /// Member holding the message (`returnMessage`).
    pub message: Spanned<String>,
    /// Member holding the data (`resources`).
    pub data: Spanned<String>,
}

/// `[types.Name]`: a JSON object type.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawType {
    pub description: Option<String>,
    #[serde(default)]
    pub fields: OrderedMap<Spanned<RawField>>,
}

/// A field: `wireName = { type = "...", required = true, desc = "..." }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawField {
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    #[serde(default)]
    pub required: bool,
    pub desc: Option<String>,
    /// Documented default (applied by NCP when the field is absent).
    pub default: Option<Spanned<toml::Value>>,
    /// Documented format, e.g. `yyyy-MM-dd HH:mm`.
    pub format: Option<String>,
    /// Rust name, when the snake_case of the wire name is not wanted.
    pub rust: Option<Spanned<String>>,
    pub min: Option<Spanned<i64>>,
    pub max: Option<Spanned<i64>>,
    pub min_length: Option<Spanned<u64>>,
    pub max_length: Option<Spanned<u64>>,
    pub min_items: Option<Spanned<u64>>,
    pub max_items: Option<Spanned<u64>>,
    /// Most bytes: of a string as SENS counts them (EUC-KR), of `bytes` content as it is.
    pub max_bytes: Option<Spanned<u64>>,
    /// Limits that replace these when the request's `case` field has the given value:
    /// `cases.SMS = { max_bytes = 90 }`.
    pub cases: Option<OrderedMap<Spanned<RawCase>>>,
    /// An optional body field sent as JSON `null` when unset, instead of being left out.
    pub nullable: Option<Spanned<bool>>,
    /// `base64`: the client encodes the value (query parameters).
    pub encoding: Option<Spanned<String>>,
    /// A secret NCP returns (a private key): kept out of `Debug`.
    pub secret: Option<Spanned<bool>>,
    /// Where and why the field differs from NCP's official catalogue (the reference page's word).
    pub deviation: Option<String>,
}

/// The limits of a field in one case (`cases.SMS = { max_bytes = 90 }`); absent keys keep the
/// field's own limit.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCase {
    pub min: Option<Spanned<i64>>,
    pub max: Option<Spanned<i64>>,
    pub min_length: Option<Spanned<u64>>,
    pub max_length: Option<Spanned<u64>>,
    pub min_items: Option<Spanned<u64>>,
    pub max_items: Option<Spanned<u64>>,
    pub max_bytes: Option<Spanned<u64>>,
}

/// `[enums.Name]`: documented values of a string or integer field.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnum {
    pub description: Option<String>,
    /// `string` (default) or `integer`.
    #[serde(rename = "type")]
    pub kind: Option<Spanned<String>>,
    pub values: Spanned<Vec<Spanned<RawEnumValue>>>,
}

/// One documented value of an enum.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnumValue {
    pub value: Spanned<toml::Value>,
    /// Rust variant name; defaults to the UpperCamelCase of a string value.
    pub name: Option<Spanned<String>>,
    pub desc: Option<String>,
}

/// `[operations.name]`: one endpoint.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOperation {
    pub summary: Option<String>,
    pub description: Option<String>,
    /// HTTP method; defaults to GET for action-style products.
    pub method: Option<Spanned<String>>,
    /// Path under the service's `base_path`, with `{param}`s; defaults to `/{operation key}` for
    /// action-style products.
    pub path: Option<Spanned<String>>,
    /// Documented success status; default 200, or 204 when there is no response body.
    pub status: Option<Spanned<u16>>,
    /// Response body type: a type name, `[Type]` for a top-level array; absent for no body.
    pub response: Option<Spanned<String>>,
    /// Overrides the method's default (GET, PUT, DELETE, HEAD idempotent; POST, PATCH not).
    pub idempotent: Option<bool>,
    /// `json` (default) or `multipart`.
    pub body_format: Option<Spanned<String>>,
    /// Marks the operation deprecated, with the reason.
    pub deprecated: Option<String>,
    /// Where and why the operation differs from NCP's official catalogue.
    pub deviation: Option<String>,
    /// An example response body, as JSON text (what the mock gateway answers by default).
    pub example: Option<Spanned<String>>,
    /// How the operation pages (action-style `pageNo`/`pageSize` operations page by default).
    pub pagination: Option<Spanned<RawPagination>>,
    /// Rules between the request's fields, checked by the client and the mock gateway.
    #[serde(default)]
    pub rules: Vec<Spanned<RawRule>>,
    /// The request field (wire name) whose value picks the limits of fields with `cases`.
    pub case: Option<Spanned<String>>,
    #[serde(default)]
    pub path_params: OrderedMap<Spanned<RawField>>,
    #[serde(default)]
    pub query: OrderedMap<Spanned<RawField>>,
    #[serde(default)]
    pub headers: OrderedMap<Spanned<RawField>>,
    /// Fields of the body (a JSON object, or the parts of a multipart form).
    pub body: Option<Spanned<OrderedMap<Spanned<RawField>>>>,
}

/// `pagination = { page, size, items, total, has_more, first_page }`: wire names of the request's
/// page and page-size fields and of the response's item list, total and more-pages flag.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPagination {
    pub page: Spanned<String>,
    pub size: Spanned<String>,
    pub items: Spanned<String>,
    pub total: Option<Spanned<String>>,
    pub has_more: Option<Spanned<String>>,
    pub first_page: Option<i64>,
}

/// One of `{ one_of = [[..], ..] }`, `{ together = [..] }`, `{ exclusive = [..] }`,
/// `{ max_span = { from, to, max } }` (`max` like `31d`, `24h`, `90m`, `30s`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub one_of: Option<Vec<Vec<Spanned<String>>>>,
    pub together: Option<Vec<Spanned<String>>>,
    pub exclusive: Option<Vec<Spanned<String>>>,
    pub max_span: Option<RawSpan>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSpan {
    pub from: Spanned<String>,
    pub to: Spanned<String>,
    pub max: Spanned<String>,
}

/// A TOML table read in document order, keys with their spans.
#[derive(Debug)]
pub struct OrderedMap<V>(pub Vec<(Spanned<String>, V)>);

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct OrderedVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for OrderedVisitor<V> {
            type Value = OrderedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(OrderedMap(entries))
            }
        }
        d.deserialize_map(OrderedVisitor(PhantomData))
    }
}

/// Parses spec text into its raw shape. TOML syntax and shape errors (unknown keys, wrong value
/// types) stop parsing; the one error is located.
pub fn parse(text: &str) -> Result<RawSpec, crate::diagnostic::SpecError> {
    toml::from_str(text).map_err(|e| {
        let mut message = e.message().trim_end().to_owned();
        if message == "duplicate key"
            && let Some(key) = e.span().and_then(|s| text.get(s))
        {
            message = format!("duplicate key `{key}`: a key may appear once per table; remove or rename one of them");
        }
        match e.span() {
            Some(span) => crate::diagnostic::SpecError::at(span, message),
            None => crate::diagnostic::SpecError::nowhere(message),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_document_order_and_key_spans() {
        let text = "[service]\nname = \"X\"\nhost = \"x\"\nbase_path = \"/x\"\n[types.T.fields]\nzeta = { type = \"string\" }\nalpha = { type = \"integer\" }\n";
        let spec = parse(text).unwrap();
        let (_, t) = &spec.types.0[0];
        let names: Vec<_> = t
            .get_ref()
            .fields
            .0
            .iter()
            .map(|(k, _)| k.get_ref().as_str())
            .collect();
        assert_eq!(names, ["zeta", "alpha"]);
        let key = &t.get_ref().fields.0[1].0;
        assert_eq!(&text[key.span()], "alpha");
    }

    #[test]
    fn shape_errors_are_located() {
        let text = "[service]\nname = \"X\"\nhots = \"x\"\n";
        let e = parse(text).unwrap_err();
        assert!(e.message.contains("unknown field `hots`"), "{}", e.message);
        assert_eq!(&text[e.span.unwrap()], "hots");
    }
}
