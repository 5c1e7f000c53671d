//! What the gateway checks before it answers: the signature v2 headers, the route, and the
//! parameters and body against the operation's schema. Every rejection names what was wrong.

use std::collections::HashMap;

use percent_encoding::percent_decode_str;
use serde_json::Value;

use std::borrow::Cow;

use crate::checks::Rule;
use crate::schema::{BodyFormat, EnumValue, Field, Limits, Operation, Product, Type};
use crate::signer::{ACCESS_KEY_HEADER, SIGNATURE_HEADER, Signer, TIMESTAMP_HEADER};

use super::wire::RawRequest;

/// The gateway refuses timestamps further than this from its clock.
pub(crate) const WINDOW_MS: i128 = 5 * 60 * 1000;

/// Why an authentication check failed, in the gateway's words (for `details`).
pub(crate) fn authenticate(
    request: &RawRequest,
    access_key: &str,
    signer: &Signer,
    now_ms: i128,
) -> Result<(), String> {
    let timestamp = request
        .header(TIMESTAMP_HEADER)
        .ok_or("x-ncp-apigw-timestamp is missing")?;
    let millis: i128 = timestamp
        .parse()
        .map_err(|_| "x-ncp-apigw-timestamp is not epoch milliseconds")?;
    // `abs_diff`, not `abs` of a difference: a timestamp of `i128::MIN` must not overflow.
    if millis.abs_diff(now_ms) > WINDOW_MS.unsigned_abs() {
        return Err(format!(
            "timestamp {timestamp} is more than 5 minutes from the gateway clock {now_ms}"
        ));
    }
    let given_key = request
        .header(ACCESS_KEY_HEADER)
        .ok_or("x-ncp-iam-access-key is missing")?;
    if given_key != access_key {
        return Err("unknown access key".to_owned());
    }
    let signature = request
        .header(SIGNATURE_HEADER)
        .ok_or("x-ncp-apigw-signature-v2 is missing")?;
    let expected = signer.sign(&request.method, &request.target, timestamp, given_key);
    if signature != expected {
        return Err(format!(
            "the signature does not match `{} {}`",
            request.method, request.target
        ));
    }
    Ok(())
}

/// The operation a request addresses, with its decoded path parameters.
pub(crate) struct Route {
    pub product: &'static Product,
    pub operation: &'static Operation,
    pub path_params: HashMap<String, String>,
}

pub(crate) fn route(products: &[&'static Product], method: &str, path: &str) -> Option<Route> {
    for product in products {
        for operation in product.operations {
            if operation.method != method {
                continue;
            }
            let template = format!("{}{}", product.base_path, operation.path);
            if let Some(path_params) = match_template(&template, path) {
                return Some(Route {
                    product,
                    operation,
                    path_params,
                });
            }
        }
    }
    None
}

/// Matches `/a/{x}/b` against `/a/1/b`, segment by segment; parameters are percent-decoded.
fn match_template(template: &str, path: &str) -> Option<HashMap<String, String>> {
    let wanted: Vec<&str> = template.split('/').collect();
    let given: Vec<&str> = path.split('/').collect();
    if wanted.len() != given.len() {
        return None;
    }
    let mut params = HashMap::new();
    for (w, g) in wanted.iter().zip(&given) {
        if let Some(name) = w.strip_prefix('{').and_then(|n| n.strip_suffix('}')) {
            if g.is_empty() {
                return None;
            }
            params.insert(
                name.to_owned(),
                percent_decode_str(g).decode_utf8_lossy().into_owned(),
            );
        } else if w != g {
            return None;
        }
    }
    Some(params)
}

/// Checks parameters and body; the errors name each offending field.
pub(crate) fn validate(route: &Route, request: &RawRequest, query: &str) -> Vec<String> {
    let mut errors = Vec::new();
    let product = route.product;
    let op = route.operation;
    for field in op.path_params {
        match route.path_params.get(field.wire) {
            Some(value) => check_text(product, field, value, &mut errors),
            None => errors.push(format!(
                "{}: required path parameter is missing",
                field.wire
            )),
        }
    }
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let flattened = |f: &&Field| matches!(f.ty, Type::Array(_) | Type::Struct(_));
    for field in op.query.iter().filter(flattened) {
        check_flattened(product, field, &pairs, &mut errors);
    }
    for field in op.query.iter().filter(|f| !flattened(f)) {
        let values: Vec<&String> = pairs
            .iter()
            .filter(|(k, _)| k == field.wire)
            .map(|(_, v)| v)
            .collect();
        match values.as_slice() {
            [] if field.required => errors.push(format!(
                "{}: required query parameter is missing",
                field.wire
            )),
            [] => {}
            [value] => check_text(product, field, value, &mut errors),
            _ => errors.push(format!("{}: given {} times", field.wire, values.len())),
        }
    }
    for field in op.headers {
        match request.header(field.wire) {
            Some(value) => check_text(product, field, value, &mut errors),
            None if field.required => {
                errors.push(format!("{}: required header is missing", field.wire))
            }
            None => {}
        }
    }
    match op.body {
        // An action-style request's parameters may come as a form body (read as the query).
        None if product.action && request.has_content_type(FORM) => {}
        None if !request.body.is_empty() => {
            errors.push("body: this operation takes no body".to_owned())
        }
        None => {}
        Some((BodyFormat::Json, fields)) => match json_body(request, &mut errors) {
            Some(Value::Object(object)) => {
                // The case field's value picks the limits of fields with `cases`.
                let case = op.case.and_then(|c| object.get(c)).and_then(Value::as_str);
                check_object(product, fields, &object, "", case, &mut errors)
            }
            Some(_) => errors.push("body: must be a JSON object".to_owned()),
            None => {}
        },
        Some((BodyFormat::Multipart, fields)) => {
            check_multipart(product, fields, request, &mut errors)
        }
        Some((BodyFormat::Value, [field])) => {
            if let Some(value) = json_body(request, &mut errors) {
                let limits = &field.limits;
                check_value(product, field.ty, limits, &value, "body", None, &mut errors);
            }
        }
        Some((BodyFormat::Value, _)) => {
            errors.push("body: the schema gives a value body without exactly one field".to_owned())
        }
    }
    if errors.is_empty() && !op.rules.is_empty() {
        check_rules(op.rules, &pairs, request, &mut errors);
    }
    errors
}

/// The media type of an action-style request whose parameters travel in the body.
pub(crate) const FORM: &str = "application/x-www-form-urlencoded";

/// The JSON body, its media type checked; `None` (with the error) when it is not JSON.
fn json_body(request: &RawRequest, errors: &mut Vec<String>) -> Option<Value> {
    if !request.has_content_type("application/json") {
        errors.push("body: Content-Type must be application/json".to_owned());
    }
    serde_json::from_slice(&request.body)
        .map_err(|e| errors.push(format!("body: not JSON ({e})")))
        .ok()
}

/// The operation's cross-field rules, from the same data the client checks them with: a field's
/// text is its query value or its JSON body member.
fn check_rules(
    rules: &[Rule],
    pairs: &[(String, String)],
    request: &RawRequest,
    errors: &mut Vec<String>,
) {
    let body = serde_json::from_slice::<Value>(&request.body).ok();
    let value = |wire: &str| -> Option<Cow<'_, str>> {
        if let Some((_, v)) = pairs.iter().find(|(k, _)| k == wire) {
            return Some(Cow::Borrowed(v.as_str()));
        }
        // A list or object sent flattened (`subnetNoList.1=...`) is present by its items.
        let flattened = |k: &String| {
            k.strip_prefix(wire)
                .is_some_and(|rest| rest.starts_with('.'))
        };
        if pairs.iter().any(|(k, _)| flattened(k)) {
            return Some(Cow::Borrowed(""));
        }
        match body.as_ref()?.get(wire)? {
            Value::Null => None,
            Value::String(s) => Some(Cow::Owned(s.clone())),
            other => Some(Cow::Owned(other.to_string())),
        }
    };
    if let Some((field, reason)) = rules.iter().find_map(|r| r.broken(&value)) {
        errors.push(format!("{field}: {reason}"));
    }
}

/// A list or object sent flattened (`name.1`, `name.1.field.2`): the indexes must count from 1
/// without gaps, and scalar leaves must parse as their type.
fn check_flattened(
    product: &Product,
    field: &Field,
    pairs: &[(String, String)],
    errors: &mut Vec<String>,
) {
    let prefix = format!("{}.", field.wire);
    let given: Vec<&(String, String)> = pairs
        .iter()
        .filter(|(k, _)| k.starts_with(&prefix))
        .collect();
    if given.is_empty() {
        if field.required {
            errors.push(format!(
                "{}: required query parameter is missing",
                field.wire
            ));
        }
        return;
    }
    if pairs.iter().any(|(k, _)| k == field.wire) {
        errors.push(format!(
            "{}: a list or object is sent as {}.1, not as {}",
            field.wire, field.wire, field.wire
        ));
    }
    check_flattened_value(product, field.ty, &field.limits, field.wire, pairs, errors);
}

/// A flattened value at `name`, with the limits of the field it is (a list's item count, a
/// leaf's range or length), as the client checks them.
fn check_flattened_value(
    product: &Product,
    ty: Type,
    limits: &Limits,
    name: &str,
    pairs: &[(String, String)],
    errors: &mut Vec<String>,
) {
    match ty {
        Type::Array(inner) => {
            let prefix = format!("{name}.");
            let mut indexes: Vec<usize> = pairs
                .iter()
                .filter_map(|(k, _)| k.strip_prefix(&prefix)?.split('.').next()?.parse().ok())
                .collect();
            indexes.sort_unstable();
            indexes.dedup();
            if indexes.first().is_some_and(|first| *first != 1)
                || indexes.windows(2).any(|w| w[1] != w[0] + 1)
            {
                errors.push(format!(
                    "{name}: list indexes must count from 1 without gaps, got {indexes:?}"
                ));
            }
            let count = indexes.len() as u64;
            if let Some(max) = limits.max_items.filter(|max| count > *max) {
                errors.push(format!("{name}: {count} items, at most {max} allowed"));
            }
            if let Some(min) = limits.min_items.filter(|min| count < *min) {
                errors.push(format!("{name}: {count} items, at least {min} required"));
            }
            for index in indexes {
                check_flattened_value(
                    product,
                    *inner,
                    &Limits::default(),
                    &format!("{name}.{index}"),
                    pairs,
                    errors,
                );
            }
        }
        Type::Struct(struct_name) => {
            let Some(def) = product.find_struct(struct_name) else {
                return;
            };
            for field in def.fields {
                let key = format!("{name}.{}", field.wire);
                let present = pairs
                    .iter()
                    .any(|(k, _)| k == &key || k.starts_with(&format!("{key}.")));
                if !present {
                    if field.required {
                        errors.push(format!("{key}: required"));
                    }
                    continue;
                }
                check_flattened_value(product, field.ty, &field.limits, &key, pairs, errors);
            }
        }
        _ => {
            if let Some((_, value)) = pairs.iter().find(|(k, _)| k == name) {
                let leaf = Field {
                    wire: "",
                    ty,
                    required: true,
                    limits: *limits,
                    cases: &[],
                };
                let mut leaf_errors = Vec::new();
                check_text(product, &leaf, value, &mut leaf_errors);
                errors.extend(leaf_errors.into_iter().map(|e| format!("{name}{e}")));
            }
        }
    }
}

/// A parameter or form field given as text.
fn check_text(product: &Product, field: &Field, text: &str, errors: &mut Vec<String>) {
    let name = field.wire;
    let ok = match field.ty {
        Type::String => {
            check_length(name, text, &field.limits, errors);
            true
        }
        Type::Integer => match text.parse::<i64>() {
            Ok(v) => {
                check_range(name, v as f64, &field.limits, errors);
                true
            }
            Err(_) => false,
        },
        Type::Number => match text.parse::<f64>() {
            Ok(v) => {
                check_range(name, v, &field.limits, errors);
                true
            }
            Err(_) => false,
        },
        Type::Boolean => matches!(text, "true" | "false"),
        Type::Enum(enum_name) => {
            enum_allows(product, enum_name, &Value::String(text.to_owned()), true)
        }
        _ => true,
    };
    if !ok {
        errors.push(format!(
            "{name}: `{text}` is not a valid {}",
            describe(field.ty)
        ));
    }
    if text.is_empty() && field.required {
        errors.push(format!("{name}: must not be empty"));
    }
}

fn check_object(
    product: &Product,
    fields: &[Field],
    object: &serde_json::Map<String, Value>,
    path: &str,
    case: Option<&str>,
    errors: &mut Vec<String>,
) {
    let at = |wire: &str| {
        if path.is_empty() {
            wire.to_owned()
        } else {
            format!("{path}.{wire}")
        }
    };
    for field in fields {
        match (object.get(field.wire), field.required) {
            (None, true) => errors.push(format!("{}: required", at(field.wire))),
            (None | Some(Value::Null), false) => {}
            (Some(value), _) => check_value(
                product,
                field.ty,
                field.limits_for(case),
                value,
                &at(field.wire),
                case,
                errors,
            ),
        }
    }
    for key in object.keys() {
        if !fields.iter().any(|f| f.wire == key) {
            errors.push(format!("{}: unknown field", at(key)));
        }
    }
}

fn check_value(
    product: &Product,
    ty: Type,
    limits: &Limits,
    value: &Value,
    path: &str,
    case: Option<&str>,
    errors: &mut Vec<String>,
) {
    let ok = match (ty, value) {
        (Type::Json, _) => true,
        (Type::String, Value::String(s)) => {
            check_length(path, s, limits, errors);
            true
        }
        (Type::Bytes, Value::String(s)) => {
            use base64::Engine as _;
            match base64::engine::general_purpose::STANDARD.decode(s) {
                Ok(bytes) => {
                    let size = bytes.len() as u64;
                    if let Some(max) = limits.max_bytes.filter(|max| size > *max) {
                        errors.push(format!("{path}: {size} bytes, at most {max} allowed"));
                    }
                }
                Err(e) => errors.push(format!("{path}: not base64 ({e})")),
            }
            true
        }
        (Type::Integer, Value::Number(n)) if n.is_i64() || n.is_u64() => {
            check_range(path, n.as_f64().unwrap_or_default(), limits, errors);
            true
        }
        (Type::Number, Value::Number(n)) => {
            check_range(path, n.as_f64().unwrap_or_default(), limits, errors);
            true
        }
        (Type::Boolean, Value::Bool(_)) => true,
        (Type::Array(inner), Value::Array(items)) => {
            let count = items.len() as u64;
            if limits.max_items.is_some_and(|max| count > max) {
                errors.push(format!(
                    "{path}: {count} items, at most {} allowed",
                    limits.max_items.unwrap_or_default()
                ));
            }
            if limits.min_items.is_some_and(|min| count < min) {
                errors.push(format!(
                    "{path}: {count} items, at least {} required",
                    limits.min_items.unwrap_or_default()
                ));
            }
            for (i, item) in items.iter().enumerate() {
                check_value(
                    product,
                    *inner,
                    &Limits::default(),
                    item,
                    &format!("{path}[{i}]"),
                    case,
                    errors,
                );
            }
            true
        }
        (Type::Map(inner), Value::Object(map)) => {
            for (key, item) in map {
                check_value(
                    product,
                    *inner,
                    &Limits::default(),
                    item,
                    &format!("{path}.{key}"),
                    case,
                    errors,
                );
            }
            true
        }
        (Type::Struct(name), Value::Object(object)) => {
            match product.find_struct(name) {
                Some(def) => check_object(product, def.fields, object, path, case, errors),
                None => errors.push(format!("{path}: the schema has no type `{name}`")),
            }
            true
        }
        (Type::Enum(name), value) => enum_allows(product, name, value, false),
        (Type::Code(_), Value::Object(object)) => object.contains_key("code"),
        _ => false,
    };
    if !ok {
        errors.push(format!(
            "{path}: expected {}, found {}",
            describe(ty),
            kind_of(value)
        ));
    }
}

fn enum_allows(product: &Product, name: &str, value: &Value, from_text: bool) -> bool {
    let Some(def) = product.find_enum(name) else {
        return false;
    };
    def.values.iter().any(|v| match (v, value) {
        (EnumValue::String(s), Value::String(given)) => s == given,
        (EnumValue::Integer(i), Value::Number(n)) => n.as_i64() == Some(*i),
        (EnumValue::Integer(i), Value::String(given)) if from_text => {
            given.parse::<i64>().ok() == Some(*i)
        }
        _ => false,
    })
}

fn check_length(path: &str, text: &str, limits: &Limits, errors: &mut Vec<String>) {
    if let Some(max) = limits.max_bytes {
        let size = crate::checks::byte_count(text);
        if size > max {
            errors.push(format!("{path}: {size} bytes, at most {max} allowed"));
        }
    }
    let count = text.chars().count() as u64;
    if let Some(max) = limits.max_length.filter(|max| count > *max) {
        errors.push(format!("{path}: {count} characters, at most {max} allowed"));
    }
    if let Some(min) = limits.min_length.filter(|min| count < *min) {
        errors.push(format!(
            "{path}: {count} characters, at least {min} required"
        ));
    }
}

fn check_range(path: &str, value: f64, limits: &Limits, errors: &mut Vec<String>) {
    if let Some(max) = limits.max.filter(|max| value > *max as f64) {
        errors.push(format!("{path}: {value} is above the maximum {max}"));
    }
    if let Some(min) = limits.min.filter(|min| value < *min as f64) {
        errors.push(format!("{path}: {value} is below the minimum {min}"));
    }
}

fn check_multipart(
    product: &Product,
    fields: &[Field],
    request: &RawRequest,
    errors: &mut Vec<String>,
) {
    let Some(boundary) = request
        .header("content-type")
        .and_then(|ct| multer::parse_boundary(ct).ok())
    else {
        errors.push("body: Content-Type must be multipart/form-data with a boundary".to_owned());
        return;
    };
    let parts = match parse_multipart(&request.body, boundary) {
        Ok(parts) => parts,
        Err(e) => {
            errors.push(format!("body: malformed multipart ({e})"));
            return;
        }
    };
    for field in fields {
        match parts.iter().find(|p| p.name == field.wire) {
            None if field.required => {
                errors.push(format!("{}: required part is missing", field.wire))
            }
            None => {}
            Some(part) if matches!(field.ty, Type::File) => {
                if part.file_name.is_none() {
                    errors.push(format!(
                        "{}: must be a file part (with a filename)",
                        field.wire
                    ));
                }
                if part.data.is_empty() {
                    errors.push(format!("{}: the file is empty", field.wire));
                }
            }
            Some(part) => check_text(product, field, &String::from_utf8_lossy(&part.data), errors),
        }
    }
    for part in &parts {
        if !fields.iter().any(|f| f.wire == part.name) {
            errors.push(format!("{}: unknown part", part.name));
        }
    }
}

struct FormPart {
    name: String,
    file_name: Option<String>,
    data: Vec<u8>,
}

fn parse_multipart(body: &[u8], boundary: String) -> Result<Vec<FormPart>, multer::Error> {
    let bytes = bytes::Bytes::copy_from_slice(body);
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(bytes) });
    let mut form = multer::Multipart::new(stream, boundary);
    // The body is already in memory: polling the futures once each completes them.
    futures_util::FutureExt::now_or_never(async {
        let mut parts = Vec::new();
        while let Some(field) = form.next_field().await? {
            let name = field.name().unwrap_or_default().to_owned();
            let file_name = field.file_name().map(str::to_owned);
            let data = field.bytes().await?.to_vec();
            parts.push(FormPart {
                name,
                file_name,
                data,
            });
        }
        Ok(parts)
    })
    .unwrap_or_else(|| Err(multer::Error::IncompleteStream))
}

fn describe(ty: Type) -> String {
    match ty {
        Type::String => "string".into(),
        Type::Integer => "integer".into(),
        Type::Number => "number".into(),
        Type::Boolean => "boolean".into(),
        Type::Json => "JSON value".into(),
        Type::File => "file".into(),
        Type::Bytes => "base64 text".into(),
        Type::Array(inner) => format!("array of {}", describe(*inner)),
        Type::Map(inner) => format!("object of {}", describe(*inner)),
        Type::Struct(name) => format!("{name} object"),
        Type::Enum(name) => format!("{name} value"),
        Type::Code(_) => "code object".into(),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_see_query_values_flattened_lists_and_json_members() {
        const RULES: &[Rule] = &[Rule::OneOf(&[
            &["subnetNoList"],
            &["loadBalancerSubnetList"],
        ])];
        let request = |body: &str| RawRequest {
            method: "POST".into(),
            target: "/".into(),
            headers: vec![],
            body: body.as_bytes().to_vec(),
        };
        let run = |pairs: &[(&str, &str)], body: &str| {
            let pairs: Vec<(String, String)> = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            let mut errors = Vec::new();
            check_rules(RULES, &pairs, &request(body), &mut errors);
            errors
        };
        assert!(
            run(&[("subnetNoList.1", "11")], "").is_empty(),
            "a flattened list is present"
        );
        assert!(run(&[], r#"{"loadBalancerSubnetList": [{"subnetNo": "1"}]}"#).is_empty());
        assert!(
            run(&[("subnetNoListX", "1")], "").len() == 1,
            "a longer name is not the list"
        );
        assert!(run(&[], r#"{"subnetNoList": null}"#)[0].starts_with("subnetNoList: is missing"));
    }

    #[test]
    fn templates_match_segment_by_segment_and_decode_parameters() {
        let params = match_template("/a/{id}/b", "/a/x%20y/b").unwrap();
        assert_eq!(params["id"], "x y");
        assert!(match_template("/a/{id}/b", "/a/x/c").is_none());
        assert!(match_template("/a/{id}", "/a/").is_none());
        assert!(match_template("/a/{id}", "/a/x/y").is_none());
        let service = match_template(
            "/f/services/{serviceId}/m",
            "/f/services/ncp:kkobizmsg:kr:1:s/m",
        )
        .unwrap();
        assert_eq!(service["serviceId"], "ncp:kkobizmsg:kr:1:s");
    }

    #[test]
    fn flattened_lists_must_count_from_one_without_gaps_and_hold_their_type() {
        static PRODUCT: Product = Product {
            name: "P",
            host: "p",
            base_path: "",
            envelope: None,
            action: true,
            operations: &[],
            structs: &[],
            enums: &[],
        };
        let field = Field {
            wire: "nos",
            ty: Type::Array(&Type::Integer),
            required: true,
            limits: Limits {
                min: None,
                max: None,
                min_length: None,
                max_length: None,
                min_items: None,
                max_items: None,
                max_bytes: None,
            },
            cases: &[],
        };
        let run = |query: &str| {
            let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect();
            let mut errors = Vec::new();
            check_flattened(&PRODUCT, &field, &pairs, &mut errors);
            errors
        };
        assert!(run("nos.1=1&nos.2=2").is_empty());
        assert_eq!(
            run("nos.2=1"),
            ["nos: list indexes must count from 1 without gaps, got [2]"]
        );
        assert_eq!(run("nos.1=x"), ["nos.1: `x` is not a valid integer"]);
        assert_eq!(run(""), ["nos: required query parameter is missing"]);
        assert_eq!(
            run("nos=1&nos.1=1"),
            ["nos: a list or object is sent as nos.1, not as nos"]
        );
    }
}
