//! Answers that conform to the schema when the test gave none: the spec's example if it has
//! one, otherwise a value built from the types (every field filled, one item per array, the first
//! documented value of each enum).

use serde_json::{Map, Value, json};

use crate::schema::{EnumValue, Field, Operation, Product, Type};

/// Nesting beyond which arrays are left empty, so recursive types (through arrays) end.
const MAX_DEPTH: usize = 4;

/// The default response body of an operation (before any envelope).
pub(crate) fn response(product: &Product, operation: &Operation) -> Option<Value> {
    if let Some(example) = operation
        .example
        .and_then(|text| serde_json::from_str(text).ok())
    {
        return Some(example);
    }
    operation.response.map(|ty| value(product, ty, "value", 0))
}

/// Wraps `data` the action-style way: `{"<wrapper>": {requestId, returnCode, returnMessage,
/// totalRows, ...data}}`, `totalRows` counting the first list of the data.
pub(crate) fn action(wrapper: &str, data: Option<Value>, request_no: usize) -> Value {
    let mut inner = Map::new();
    inner.insert(
        "requestId".to_owned(),
        json!(format!("mock-request-{request_no}")),
    );
    inner.insert("returnCode".to_owned(), json!("0"));
    inner.insert("returnMessage".to_owned(), json!("success"));
    if let Some(Value::Object(fields)) = data {
        if let Some(rows) = fields.values().find_map(|v| v.as_array().map(Vec::len)) {
            inner.insert("totalRows".to_owned(), json!(rows));
        }
        inner.extend(fields);
    }
    let mut outer = Map::new();
    outer.insert(wrapper.to_owned(), Value::Object(inner));
    Value::Object(outer)
}

/// Wraps `data` in the product's success envelope, when it has one.
pub(crate) fn envelope(product: &Product, data: Option<Value>) -> Option<Value> {
    match &product.envelope {
        Some(e) => {
            let mut object = Map::new();
            object.insert(e.code.to_owned(), Value::String(e.success.to_owned()));
            object.insert("returnDesc".to_owned(), json!("Request Success"));
            object.insert(e.message.to_owned(), json!("Success"));
            object.insert(e.data.to_owned(), data.unwrap_or(Value::Null));
            Some(Value::Object(object))
        }
        None => data,
    }
}

fn value(product: &Product, ty: Type, name: &str, depth: usize) -> Value {
    match ty {
        Type::String | Type::File => Value::String(format!("sample-{name}")),
        // Base64 of `sample`.
        Type::Bytes => json!("c2FtcGxl"),
        Type::Integer => json!(1),
        Type::Number => json!(1.5),
        Type::Boolean => json!(true),
        Type::Json => Value::Null,
        Type::Array(inner) if depth < MAX_DEPTH => json!([value(product, *inner, name, depth + 1)]),
        Type::Array(_) => json!([]),
        Type::Map(_) => json!({}),
        Type::Struct(struct_name) => match product.find_struct(struct_name) {
            Some(def) => object(product, def.fields, depth + 1),
            None => json!({}),
        },
        Type::Enum(enum_name) => {
            match product.find_enum(enum_name).and_then(|e| e.values.first()) {
                Some(EnumValue::String(s)) => json!(s),
                Some(EnumValue::Integer(i)) => json!(i),
                None => Value::Null,
            }
        }
        Type::Code(codes) => {
            let code = codes.map_or(json!("CODE"), |e| {
                value(product, Type::Enum(e), name, depth)
            });
            json!({"code": code, "codeName": format!("sample {name}")})
        }
    }
}

fn object(product: &Product, fields: &[Field], depth: usize) -> Value {
    let mut object = Map::new();
    for field in fields {
        if field.required || depth < MAX_DEPTH {
            let mut v = value(product, field.ty, field.wire, depth);
            if let (Type::Integer, Some(min)) = (field.ty, field.limits.min) {
                v = json!(min.max(1));
            }
            object.insert(field.wire.to_owned(), v);
        }
    }
    Value::Object(object)
}
