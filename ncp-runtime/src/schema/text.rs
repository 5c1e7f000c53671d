//! The compact text `#[ncp_api]` writes a product's schema in (JSON), and its decoding into
//! [`Product`]. The macro and this module are the two sides of one format; the round trip is
//! tested in `ncp-macros` (what it writes) and here (what it reads).

use std::ops::Deref;
use std::sync::OnceLock;

use serde::Deserialize;

use super::{BodyFormat, Enum, EnumValue, Field, Limits, Operation, Product, Struct, Type};
use crate::Envelope;
use crate::checks::Rule;

/// A product's schema as `#[ncp_api]` emits it: compact text, decoded on first use. Dereferences
/// to [`Product`], so `&SCHEMA` is accepted wherever a `&'static Product` is.
pub struct Schema {
    text: &'static str,
    product: OnceLock<Product>,
}

impl Schema {
    /// A schema from the text `#[ncp_api]` generated. Not decoded until used.
    pub const fn new(text: &'static str) -> Self {
        Schema {
            text,
            product: OnceLock::new(),
        }
    }
}

impl Deref for Schema {
    type Target = Product;

    fn deref(&self) -> &Product {
        self.product.get_or_init(|| {
            // The text comes from the macro, which also wrote this format: a failure is a bug in
            // ncp-rs, not an input error.
            decode(self.text)
                .unwrap_or_else(|e| panic!("ncp-rs bug: invalid generated schema: {e}"))
        })
    }
}

impl std::fmt::Debug for Schema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.deref().fmt(f)
    }
}

#[derive(Deserialize)]
struct ProductText {
    name: String,
    host: String,
    base_path: String,
    envelope: Option<[String; 4]>,
    action: bool,
    operations: Vec<OperationText>,
    structs: Vec<StructText>,
    enums: Vec<EnumText>,
}

#[derive(Deserialize)]
struct OperationText {
    name: String,
    method: String,
    path: String,
    status: u16,
    #[serde(default)]
    path_params: Vec<FieldText>,
    #[serde(default)]
    query: Vec<FieldText>,
    #[serde(default)]
    headers: Vec<FieldText>,
    /// `json` or `multipart`, with the body's fields.
    body: Option<(String, Vec<FieldText>)>,
    response: Option<String>,
    example: Option<String>,
    wrapper: Option<String>,
    #[serde(default)]
    rules: Vec<RuleText>,
    case: Option<String>,
}

/// `{"one_of": [["a"], ["b", "c"]]}`, `{"together": [..]}`, `{"exclusive": [..]}`,
/// `{"max_span": ["from", "to", seconds]}`.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum RuleText {
    OneOf(Vec<Vec<String>>),
    Together(Vec<String>),
    Exclusive(Vec<String>),
    MaxSpan(String, String, u64),
}

fn rule(r: RuleText) -> Rule {
    let names = |v: Vec<String>| leak_slice(v.into_iter().map(leak).collect());
    match r {
        RuleText::OneOf(groups) => Rule::OneOf(leak_slice(groups.into_iter().map(names).collect())),
        RuleText::Together(fields) => Rule::Together(names(fields)),
        RuleText::Exclusive(fields) => Rule::Exclusive(names(fields)),
        RuleText::MaxSpan(from, to, seconds) => Rule::MaxSpan {
            from: leak(from),
            to: leak(to),
            seconds,
        },
    }
}

#[derive(Deserialize)]
struct FieldText {
    wire: String,
    ty: String,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    limits: LimitsText,
    #[serde(default)]
    cases: Vec<(String, LimitsText)>,
}

#[derive(Deserialize, Default)]
struct LimitsText {
    min: Option<i64>,
    max: Option<i64>,
    min_length: Option<u64>,
    max_length: Option<u64>,
    min_items: Option<u64>,
    max_items: Option<u64>,
    max_bytes: Option<u64>,
}

impl From<LimitsText> for Limits {
    fn from(l: LimitsText) -> Self {
        Limits {
            min: l.min,
            max: l.max,
            min_length: l.min_length,
            max_length: l.max_length,
            min_items: l.min_items,
            max_items: l.max_items,
            max_bytes: l.max_bytes,
        }
    }
}

#[derive(Deserialize)]
struct StructText {
    name: String,
    fields: Vec<FieldText>,
}

#[derive(Deserialize)]
struct EnumText {
    name: String,
    values: Vec<ValueText>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ValueText {
    Integer(i64),
    String(String),
}

/// Decodes a schema text. The strings and slices are leaked: a schema lives in a `static` for the
/// whole program, and is decoded at most once.
pub(crate) fn decode(text: &str) -> Result<Product, String> {
    let p: ProductText = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let operations = p
        .operations
        .into_iter()
        .map(operation)
        .collect::<Result<Vec<_>, _>>()?;
    let structs = p
        .structs
        .into_iter()
        .map(|s| {
            Ok(Struct {
                name: leak(s.name),
                fields: fields(s.fields)?,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let enums = p
        .enums
        .into_iter()
        .map(|e| Enum {
            name: leak(e.name),
            values: leak_slice(
                e.values
                    .into_iter()
                    .map(|v| match v {
                        ValueText::Integer(i) => EnumValue::Integer(i),
                        ValueText::String(s) => EnumValue::String(leak(s)),
                    })
                    .collect(),
            ),
        })
        .collect();
    Ok(Product {
        name: leak(p.name),
        host: leak(p.host),
        base_path: leak(p.base_path),
        envelope: p.envelope.map(|[code, success, message, data]| Envelope {
            code: leak(code),
            success: leak(success),
            message: leak(message),
            data: leak(data),
        }),
        action: p.action,
        operations: leak_slice(operations),
        structs: leak_slice(structs),
        enums: leak_slice(enums),
    })
}

fn operation(o: OperationText) -> Result<Operation, String> {
    let body = match o.body {
        None => None,
        Some((format, list)) => {
            let format = match format.as_str() {
                "json" => BodyFormat::Json,
                "multipart" => BodyFormat::Multipart,
                "value" => BodyFormat::Value,
                other => return Err(format!("unknown body format `{other}`")),
            };
            Some((format, fields(list)?))
        }
    };
    Ok(Operation {
        name: leak(o.name),
        method: leak(o.method),
        path: leak(o.path),
        status: o.status,
        path_params: fields(o.path_params)?,
        query: fields(o.query)?,
        headers: fields(o.headers)?,
        body,
        response: o.response.as_deref().map(ty).transpose()?,
        example: o.example.map(leak),
        wrapper: o.wrapper.map(leak),
        rules: leak_slice(o.rules.into_iter().map(rule).collect()),
        case: o.case.map(leak),
    })
}

fn fields(list: Vec<FieldText>) -> Result<&'static [Field], String> {
    let list = list
        .into_iter()
        .map(|f| {
            Ok(Field {
                ty: ty(&f.ty)?,
                wire: leak(f.wire),
                required: f.required,
                limits: f.limits.into(),
                cases: leak_slice(
                    f.cases
                        .into_iter()
                        .map(|(value, limits)| (leak(value), limits.into()))
                        .collect(),
                ),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(leak_slice(list))
}

/// `string`, `integer`, `number`, `boolean`, `json`, `file`, `[T]`, `map<T>`, `struct:Name`,
/// `enum:Name`, `code`, `code<Name>`.
fn ty(text: &str) -> Result<Type, String> {
    Ok(match text {
        "string" => Type::String,
        "integer" => Type::Integer,
        "number" => Type::Number,
        "boolean" => Type::Boolean,
        "json" => Type::Json,
        "file" => Type::File,
        "bytes" => Type::Bytes,
        "code" => Type::Code(None),
        _ => {
            if let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
                Type::Array(Box::leak(Box::new(ty(inner)?)))
            } else if let Some(inner) = text.strip_prefix("map<").and_then(|t| t.strip_suffix('>'))
            {
                Type::Map(Box::leak(Box::new(ty(inner)?)))
            } else if let Some(name) = text.strip_prefix("code<").and_then(|t| t.strip_suffix('>'))
            {
                Type::Code(Some(leak(name.to_owned())))
            } else if let Some(name) = text.strip_prefix("struct:") {
                Type::Struct(leak(name.to_owned()))
            } else if let Some(name) = text.strip_prefix("enum:") {
                Type::Enum(leak(name.to_owned()))
            } else {
                return Err(format!("unknown type `{text}`"));
            }
        }
    })
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn leak_slice<T>(v: Vec<T>) -> &'static [T] {
    Box::leak(v.into_boxed_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"{"name":"Demo","host":"demo","base_path":"/demo/v1","envelope":["returnCode","0","returnMessage","resources"],"action":false,
        "operations":[{"name":"put_item","method":"PUT","path":"/items/{id}","status":200,
            "path_params":[{"wire":"id","ty":"string","required":true}],
            "query":[{"wire":"tags","ty":"[enum:Tag]","limits":{"max_items":10}}],
            "body":["multipart",[{"wire":"file","ty":"file","required":true}]],
            "response":"map<[struct:Item]>","example":"{}","wrapper":null,
            "rules":[{"one_of":[["a"],["b","c"]]},{"max_span":["b","c",60]}]}],
        "structs":[{"name":"Item","fields":[{"wire":"state","ty":"code<State>"},{"wire":"any","ty":"code"}]}],
        "enums":[{"name":"Tag","values":["a",2]}]}"#;

    #[test]
    fn a_schema_text_decodes_into_the_product() {
        static SCHEMA: Schema = Schema::new(TEXT);
        let p: &'static Product = &SCHEMA;
        assert_eq!((p.name, p.host, p.base_path), ("Demo", "demo", "/demo/v1"));
        assert_eq!(p.envelope.as_ref().unwrap().data, "resources");
        let op = &p.operations[0];
        assert_eq!(
            (op.name, op.method, op.path, op.status),
            ("put_item", "PUT", "/items/{id}", 200)
        );
        assert!(op.path_params[0].required);
        assert!(matches!(op.query[0].ty, Type::Array(Type::Enum("Tag"))));
        assert_eq!(op.query[0].limits.max_items, Some(10));
        assert!(matches!(
            op.body,
            Some((BodyFormat::Multipart, [Field { ty: Type::File, .. }]))
        ));
        assert!(matches!(
            op.response,
            Some(Type::Map(Type::Array(Type::Struct("Item"))))
        ));
        assert_eq!(op.example, Some("{}"));
        assert_eq!(
            op.rules,
            &[
                Rule::OneOf(&[&["a"], &["b", "c"]]),
                Rule::MaxSpan {
                    from: "b",
                    to: "c",
                    seconds: 60
                }
            ]
        );
        let item = p.find_struct("Item").unwrap();
        assert!(matches!(item.fields[0].ty, Type::Code(Some("State"))));
        assert!(matches!(item.fields[1].ty, Type::Code(None)));
        assert_eq!(
            p.find_enum("Tag").unwrap().values,
            &[EnumValue::String("a"), EnumValue::Integer(2)]
        );
        // Decoded once: the same product every time.
        assert!(std::ptr::eq(p, &*SCHEMA));
    }

    #[test]
    fn a_broken_text_is_an_error_naming_what_is_wrong() {
        assert!(decode("{").is_err());
        let bad_type = TEXT.replace("\"ty\":\"file\"", "\"ty\":\"blob\"");
        assert!(
            decode(&bad_type)
                .unwrap_err()
                .contains("unknown type `blob`")
        );
    }
}
