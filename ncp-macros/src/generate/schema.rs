//! `SCHEMA`: the spec as data (`ncp_runtime::schema`), for the mock gateway and for anything else
//! that wants to reason about the product at run time. It is written as one compact JSON string
//! that the runtime decodes on first use (`ncp_runtime::schema::Schema`): the same data as Rust
//! literals was over a third of a product's generated code, compiled by every user.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value, json};

use crate::ir::{
    Api, BodyFormat, EnumDef, Field, Limits, Operation, Rule, StructDef, Ty, WireValue,
};

pub fn generate(api: &Api) -> TokenStream {
    let text = text(api);
    quote! {
        /// This product's spec as data: operations, parameters, bodies, types and enums. The mock
        /// gateway of `ncp-runtime` (feature `mock`) serves the product from it.
        pub static SCHEMA: ::ncp_runtime::schema::Schema = ::ncp_runtime::schema::Schema::new(#text);
    }
}

/// The schema text: the format `ncp_runtime::schema::Schema` decodes.
pub fn text(api: &Api) -> String {
    let s = &api.service;
    let envelope = s
        .envelope
        .as_ref()
        .map(|e| json!([e.code, e.success, e.message, e.data]));
    json!({
        "name": s.name,
        "host": s.host,
        "base_path": s.base_path_template,
        "envelope": envelope,
        "action": s.style == crate::ir::Style::Action,
        "operations": api.operations.iter().map(operation).collect::<Vec<_>>(),
        "structs": api.structs.iter().map(structure).collect::<Vec<_>>(),
        "enums": api.enums.iter().map(enumeration).collect::<Vec<_>>(),
    })
    .to_string()
}

fn operation(op: &Operation) -> Value {
    let mut o = Map::new();
    o.insert("name".into(), json!(op.name));
    o.insert("method".into(), json!(op.method));
    o.insert("path".into(), json!(op.path_template));
    o.insert("status".into(), json!(op.status));
    for (key, list) in [
        ("path_params", &op.path_params),
        ("query", &op.query),
        ("headers", &op.headers),
    ] {
        if !list.is_empty() {
            o.insert(key.into(), fields(list));
        }
    }
    if let Some((format, list)) = &op.body {
        let format = match format {
            BodyFormat::Json => "json",
            BodyFormat::Multipart => "multipart",
            BodyFormat::Value => "value",
        };
        o.insert("body".into(), json!([format, fields(list)]));
    }
    if let Some(ty) = &op.response {
        o.insert("response".into(), json!(ty_text(ty)));
    }
    if let Some(example) = &op.example {
        o.insert("example".into(), json!(example));
    }
    if let Some(wrapper) = &op.wrapper {
        o.insert("wrapper".into(), json!(wrapper));
    }
    if !op.rules.is_empty() {
        let rules: Vec<Value> = op
            .rules
            .iter()
            .map(|r| match r {
                Rule::OneOf(groups) => json!({ "one_of": groups }),
                Rule::Together(fields) => json!({ "together": fields }),
                Rule::Exclusive(fields) => json!({ "exclusive": fields }),
                Rule::MaxSpan { from, to, seconds } => json!({ "max_span": [from, to, seconds] }),
            })
            .collect();
        o.insert("rules".into(), json!(rules));
    }
    if let Some(case) = &op.case {
        o.insert("case".into(), json!(case));
    }
    Value::Object(o)
}

fn fields(list: &[Field]) -> Value {
    list.iter()
        .map(|f| {
            let mut o = Map::new();
            o.insert("wire".into(), json!(f.wire));
            o.insert("ty".into(), json!(ty_text(&f.ty)));
            if f.required {
                o.insert("required".into(), json!(true));
            }
            if f.limits != Limits::default() {
                o.insert("limits".into(), limits(&f.limits));
            }
            if !f.cases.is_empty() {
                let cases: Vec<Value> = f
                    .cases
                    .iter()
                    .map(|(case, l)| json!([case, limits(l)]))
                    .collect();
                o.insert("cases".into(), json!(cases));
            }
            Value::Object(o)
        })
        .collect()
}

fn limits(l: &Limits) -> Value {
    let mut o = Map::new();
    for (key, value) in [("min", l.min), ("max", l.max)] {
        if let Some(v) = value {
            o.insert(key.into(), json!(v));
        }
    }
    for (key, value) in [
        ("min_length", l.min_length),
        ("max_length", l.max_length),
        ("min_items", l.min_items),
        ("max_items", l.max_items),
        ("max_bytes", l.max_bytes),
    ] {
        if let Some(v) = value {
            o.insert(key.into(), json!(v));
        }
    }
    Value::Object(o)
}

fn ty_text(ty: &Ty) -> String {
    match ty {
        Ty::String => "string".into(),
        Ty::Integer => "integer".into(),
        Ty::Number => "number".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Json => "json".into(),
        Ty::File => "file".into(),
        Ty::Bytes => "bytes".into(),
        Ty::Array(inner) => format!("[{}]", ty_text(inner)),
        Ty::Map(inner) => format!("map<{}>", ty_text(inner)),
        Ty::Struct(name) => format!("struct:{name}"),
        Ty::Enum(name) => format!("enum:{name}"),
        Ty::Code(Some(name)) => format!("code<{name}>"),
        Ty::Code(None) => "code".into(),
    }
}

fn structure(def: &StructDef) -> Value {
    json!({ "name": def.name, "fields": fields(&def.fields) })
}

fn enumeration(def: &EnumDef) -> Value {
    let values: Vec<Value> = def
        .values
        .iter()
        .map(|v| match &v.wire {
            WireValue::String(s) => json!(s),
            WireValue::Integer(i) => json!(i),
        })
        .collect();
    json!({ "name": def.name, "values": values })
}
