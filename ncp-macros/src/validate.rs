//! Checks a raw spec and resolves it into the [`crate::ir`] model, collecting every mistake.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use crate::diagnostic::{SpecError, did_you_mean};
use crate::ir::*;
use crate::model::*;
use crate::names;

const PRIMITIVES: [&str; 7] = [
    "string", "integer", "number", "boolean", "json", "file", "bytes",
];
const METHODS: [&str; 6] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];

/// Validates `raw`; returns the model, or every error found.
pub fn validate(raw: &RawSpec) -> Result<Api, Vec<SpecError>> {
    let mut v = Validator::default();
    for (name, _) in &raw.types.0 {
        v.declare(name, Declared::Struct);
    }
    for (name, _) in &raw.enums.0 {
        v.declare(name, Declared::Enum);
    }
    let service = v.service(&raw.service);
    v.enveloped = service.envelope.is_some();
    v.style = Some(service.style);
    let structs = raw
        .types
        .0
        .iter()
        .map(|(name, def)| v.struct_def(name, def))
        .collect();
    let enums = raw
        .enums
        .0
        .iter()
        .map(|(name, def)| v.enum_def(name, def))
        .collect();
    let mut operations = Vec::new();
    let mut raw_ops = Vec::new();
    let mut seen_ops: HashMap<String, Range<usize>> = HashMap::new();
    for (key, raw_op) in &raw.operations.0 {
        if let Some(op) = v.operation(key, raw_op) {
            raw_ops.push(raw_op.get_ref());
            if seen_ops.insert(op.name.clone(), key.span()).is_some() {
                v.error(key.span(), format!(
                    "operation `{}` has the same Rust name `{}` as an earlier operation; rename one of them",
                    key.get_ref(), op.name
                ));
            }
            operations.push(op);
        }
    }
    let mut api = Api {
        service,
        structs,
        enums,
        operations,
        waiters: Vec::new(),
    };
    let paging: Vec<_> = raw_ops
        .iter()
        .zip(&api.operations)
        .map(|(raw_op, op)| crate::paging::resolve(&api, raw_op, op))
        .collect();
    for (op, found) in api.operations.iter_mut().zip(paging) {
        match found {
            Ok(pagination) => op.pagination = pagination,
            Err(errors) => errors.into_iter().for_each(|(span, m)| v.error(span, m)),
        }
    }
    for (key, raw_waiter) in &raw.waiters.0 {
        match crate::waiting::resolve(&api, key, raw_waiter.get_ref()) {
            Ok(waiter) if api.waiters.iter().any(|w| w.name == waiter.name) => v.error(
                key.span(),
                format!(
                    "waiter `{}` has the same method name as an earlier one",
                    key.get_ref()
                ),
            ),
            Ok(waiter) => api.waiters.push(waiter),
            Err(errors) => errors.into_iter().for_each(|(span, m)| v.error(span, m)),
        }
    }
    v.check_recursion(raw, &api);
    v.check_query_objects(raw, &api);
    v.route_secrets(raw, &mut api);
    v.check_type_names(&api, raw);
    if v.errors.is_empty() {
        Ok(api)
    } else {
        Err(v.errors)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Declared {
    Struct,
    Enum,
}

/// Where a field is used; decides which types it may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A JSON object field (struct field, JSON body, response).
    Json,
    /// A path or header parameter: one text value.
    Param,
    /// A query parameter: one text value, or lists and objects flattened (`name.1.field`).
    Query,
    /// A multipart body part: one text value or a file.
    Form,
}

#[derive(Default)]
struct Validator {
    declared: BTreeMap<String, (Declared, Range<usize>)>,
    errors: Vec<SpecError>,
    /// Whether the product wraps answers in an envelope (then even "no response" has a body).
    enveloped: bool,
    /// The product's API style.
    style: Option<Style>,
}

impl Validator {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.errors.push(SpecError::at(span, message));
    }

    fn declare(&mut self, name: &Spanned<String>, kind: Declared) {
        let text = name.get_ref();
        if !names::is_identifier(text)
            || !text.starts_with(|c: char| c.is_ascii_uppercase())
            || names::is_keyword(text)
        {
            self.error(
                name.span(),
                format!(
                    "type name `{text}` is not an UpperCamelCase Rust identifier; try `{}`",
                    names::type_name(text)
                ),
            );
        }
        if self.declared.contains_key(text) {
            self.error(name.span(), format!(
                "`{text}` is declared both in [types] and in [enums]; give one of them another name"
            ));
        } else {
            self.declared.insert(text.clone(), (kind, name.span()));
        }
    }

    fn service(&mut self, raw: &Spanned<RawService>) -> Service {
        let s = raw.get_ref();
        let name = s.name.get_ref();
        if !names::is_identifier(name) || !name.starts_with(|c: char| c.is_ascii_uppercase()) {
            self.error(s.name.span(), format!(
                "service name `{name}` must be an UpperCamelCase identifier (the client is `{{name}}Client`); try `{}`",
                names::type_name(name)
            ));
        }
        let host = s.host.get_ref();
        if !is_host_label(host) {
            self.error(s.host.span(), format!(
                "host `{host}` must be the gateway's host label, lower-case letters, digits and `-` (e.g. `sens` for https://sens.apigw.ntruss.com)"
            ));
        }
        let params = self.fields(&s.params, Place::Param, true);
        let base_path = self.path_template(&s.base_path, &s.params, "service.params");
        let style = match s
            .style
            .as_ref()
            .map(|st| (st.get_ref().as_str(), st.span()))
        {
            None | Some(("rest", _)) => Style::Rest,
            Some(("action", _)) => Style::Action,
            Some((other, span)) => {
                self.error(
                    span,
                    format!("style `{other}` is not supported; expected `rest` or `action`"),
                );
                Style::Rest
            }
        };
        let mut site_hosts = Vec::new();
        for (site, host) in &s.site_hosts.0 {
            if !matches!(site.get_ref().as_str(), "public" | "gov" | "fin") {
                self.error(
                    site.span(),
                    format!(
                        "unknown site `{}`; expected public, gov or fin",
                        site.get_ref()
                    ),
                );
            }
            if !is_host_label(host.get_ref()) {
                self.error(
                    host.span(),
                    "a site host must be a host label: lower-case letters, digits and `-`",
                );
            }
            site_hosts.push((site.get_ref().clone(), host.get_ref().clone()));
        }
        Service {
            style,
            site_hosts,
            name: name.clone(),
            title: s.title.clone(),
            description: s.description.clone(),
            host: host.clone(),
            base_path_template: s.base_path.get_ref().clone(),
            base_path,
            params,
            docs_url: s.docs_url.clone(),
            deprecated: s.deprecated.clone(),
            envelope: s.envelope.as_ref().map(|e| self.envelope(e)),
        }
    }

    fn envelope(&mut self, raw: &Spanned<RawEnvelope>) -> Envelope {
        let e = raw.get_ref();
        for member in [&e.code, &e.message, &e.data] {
            if member.get_ref().is_empty() {
                self.error(member.span(), "an envelope member name cannot be empty");
            }
        }
        Envelope {
            code: e.code.get_ref().clone(),
            success: e.success.get_ref().clone(),
            message: e.message.get_ref().clone(),
            data: e.data.get_ref().clone(),
        }
    }

    /// Parses `{param}`s out of a path template and checks them against the declared params.
    fn path_template(
        &mut self,
        template: &Spanned<String>,
        declared: &OrderedMap<Spanned<RawField>>,
        declared_in: &str,
    ) -> Vec<PathPart> {
        let text = template.get_ref();
        let span = template.span();
        if !text.starts_with('/') {
            self.error(span.clone(), format!("path `{text}` must start with `/`"));
        }
        let mut parts = Vec::new();
        let mut rest = text.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                self.error(
                    span.clone(),
                    format!("path `{text}` has a `{{` without its `}}`"),
                );
                return parts;
            };
            if open > 0 {
                parts.push(PathPart::Literal(rest[..open].to_owned()));
            }
            let name = &rest[open + 1..open + close];
            if name.is_empty() || name.contains(['{', '/']) {
                self.error(
                    span.clone(),
                    format!("path `{text}` has an empty or malformed `{{}}` parameter"),
                );
            }
            parts.push(PathPart::Param(name.to_owned()));
            rest = &rest[open + close + 1..];
        }
        if rest.contains('}') {
            self.error(
                span.clone(),
                format!("path `{text}` has a `}}` without its `{{`"),
            );
        }
        if !rest.is_empty() {
            parts.push(PathPart::Literal(rest.to_owned()));
        }
        for literal in parts.iter().filter_map(|p| match p {
            PathPart::Literal(l) => Some(l),
            _ => None,
        }) {
            if let Some(bad) = literal
                .chars()
                .find(|c| !(c.is_ascii_alphanumeric() || "/-._~:@".contains(*c)))
            {
                self.error(span.clone(), format!("path `{text}` contains `{bad}`, which is not allowed unencoded in a path; use letters, digits and -._~:@"));
            }
        }
        let used: Vec<&str> = parts
            .iter()
            .filter_map(|p| match p {
                PathPart::Param(n) => Some(n.as_str()),
                _ => None,
            })
            .collect();
        let declared_names: Vec<&str> = declared
            .0
            .iter()
            .map(|(k, _)| k.get_ref().as_str())
            .collect();
        for name in &used {
            if !declared_names.contains(name) {
                self.error(span.clone(), format!(
                    "path parameter `{{{name}}}` is not declared; add `{name} = {{ type = \"string\", desc = \"...\" }}` to {declared_in}{}",
                    did_you_mean(name, declared_names.iter().copied())
                ));
            }
        }
        for (key, _) in &declared.0 {
            if !used.contains(&key.get_ref().as_str()) {
                self.error(
                    key.span(),
                    format!(
                        "path parameter `{}` is declared but `{text}` has no `{{{}}}`",
                        key.get_ref(),
                        key.get_ref()
                    ),
                );
            }
        }
        parts
    }

    fn struct_def(&mut self, name: &Spanned<String>, def: &Spanned<RawType>) -> StructDef {
        let d = def.get_ref();
        StructDef {
            name: name.get_ref().clone(),
            description: d.description.clone(),
            fields: self.fields(&d.fields, Place::Json, false),
        }
    }

    /// Checks a table of fields: each field, and that their Rust names are distinct.
    fn fields(
        &mut self,
        raw: &OrderedMap<Spanned<RawField>>,
        place: Place,
        force_required: bool,
    ) -> Vec<Field> {
        let fields: Vec<Field> = raw
            .0
            .iter()
            .map(|(key, f)| self.field(key, f, place, force_required))
            .collect();
        self.distinct_rust_names(raw.0.iter().map(|(k, _)| k).zip(&fields));
        fields
    }

    fn distinct_rust_names<'a>(
        &mut self,
        fields: impl Iterator<Item = (&'a Spanned<String>, &'a Field)>,
    ) {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for (key, field) in fields {
            if let Some(first) = seen.insert(&field.rust, key.get_ref()) {
                self.error(key.span(), format!(
                    "fields `{first}` and `{}` both map to the Rust name `{}`; set `rust = \"...\"` on one of them",
                    key.get_ref(), field.rust
                ));
            }
        }
    }

    fn field(
        &mut self,
        key: &Spanned<String>,
        raw: &Spanned<RawField>,
        place: Place,
        force_required: bool,
    ) -> Field {
        let f = raw.get_ref();
        let wire = key.get_ref();
        let rust = match &f.rust {
            Some(r) => {
                if !names::usable_as_ident(r.get_ref())
                    || r.get_ref().to_lowercase() != *r.get_ref()
                {
                    self.error(
                        r.span(),
                        format!(
                            "`rust = \"{}\"` is not a snake_case Rust identifier",
                            r.get_ref()
                        ),
                    );
                }
                r.get_ref().clone()
            }
            None => {
                let rust = names::field_name(wire);
                if !names::usable_as_ident(&rust) {
                    self.error(key.span(), format!(
                        "field `{wire}` has no usable Rust name (`{rust}`); set `rust = \"...\"`"
                    ));
                }
                rust
            }
        };
        if rust == "new" && !(f.required || force_required) {
            self.error(key.span(), format!(
                "optional field `{wire}` would get a setter named `new`, which is the constructor; set `rust = \"...\"`"
            ));
        }
        let ty = self.ty(&f.ty);
        if let Some(ty) = &ty {
            match place {
                Place::Param if !ty.is_scalar() => self.error(f.ty.span(), format!(
                    "`{}` cannot be a path or header parameter: use string, integer, number, boolean or an enum",
                    f.ty.get_ref()
                )),
                Place::Query if !flattenable_shape(ty) => self.error(f.ty.span(), format!(
                    "`{}` cannot be a query parameter: use a scalar, a list `[T]`, or a [types] object (sent flattened as name.1.field)",
                    f.ty.get_ref()
                )),
                Place::Form if !(ty.is_scalar() || *ty == Ty::File) => self.error(f.ty.span(), format!(
                    "`{}` cannot be a multipart part: use a scalar type or `file`", f.ty.get_ref()
                )),
                Place::Json | Place::Param | Place::Query if contains_file(ty) => self.error(f.ty.span(),
                    "`file` is only allowed as a part of a multipart body (body_format = \"multipart\")"),
                _ => {}
            }
        }
        let ty = ty.unwrap_or(Ty::Json);
        let nullable = f.nullable.as_ref().is_some_and(|n| *n.get_ref());
        if let Some(flag) = f
            .nullable
            .as_ref()
            .filter(|_| nullable && (place != Place::Json || f.required || force_required))
        {
            self.error(flag.span(), format!(
                "`nullable` applies to optional JSON fields (sent as null when unset); `{wire}` is {}",
                if place != Place::Json { "not a JSON field" } else { "required" }
            ));
        }
        let base64 = match f
            .encoding
            .as_ref()
            .map(|e| (e.get_ref().as_str(), e.span()))
        {
            None => false,
            Some(("base64", span)) => {
                if place != Place::Query || !matches!(ty, Ty::String) {
                    self.error(
                        span,
                        "`encoding = \"base64\"` applies to string query parameters",
                    );
                }
                true
            }
            Some((other, span)) => {
                self.error(
                    span,
                    format!("encoding `{other}` is not supported; expected `base64`"),
                );
                false
            }
        };
        let secret = f.secret.as_ref().is_some_and(|s| *s.get_ref());
        if let Some(flag) = f
            .secret
            .as_ref()
            .filter(|_| secret && !matches!(ty, Ty::String))
        {
            self.error(flag.span(), "`secret` applies to string fields");
        }
        let limits = self.limits(&LimitKeys::of_field(f), &f.ty, &ty);
        let cases = self.cases(f, &f.ty, &ty, &limits);
        let default = f.default.as_ref().map(|d| {
            self.check_default(d, &ty);
            match d.get_ref() {
                toml::Value::String(s) => s.clone(),
                other => value_text(other),
            }
        });
        Field {
            wire: wire.clone(),
            rust,
            ty,
            required: f.required || force_required,
            desc: f.desc.clone(),
            default,
            format: f.format.clone(),
            limits,
            cases,
            nullable,
            base64,
            secret,
            deviation: f.deviation.clone(),
        }
    }

    /// Parses a type expression: a primitive, `[T]`, `map<T>`, or a declared type name.
    fn ty(&mut self, raw: &Spanned<String>) -> Option<Ty> {
        match self.parse_ty(raw.get_ref().trim()) {
            Ok(ty) => Some(ty),
            Err(message) => {
                self.error(raw.span(), message);
                None
            }
        }
    }

    fn parse_ty(&self, text: &str) -> Result<Ty, String> {
        if let Some(inner) = text.strip_prefix('[') {
            let inner = inner
                .strip_suffix(']')
                .ok_or_else(|| format!("type `{text}` lacks its closing `]`"))?;
            return Ok(Ty::Array(Box::new(self.parse_ty(inner.trim())?)));
        }
        if let Some(inner) = text.strip_prefix("map<") {
            let inner = inner
                .strip_suffix('>')
                .ok_or_else(|| format!("type `{text}` lacks its closing `>`"))?;
            return Ok(Ty::Map(Box::new(self.parse_ty(inner.trim())?)));
        }
        if text == "code" {
            return Ok(Ty::Code(None));
        }
        if let Some(inner) = text.strip_prefix("code<") {
            let inner = inner
                .strip_suffix('>')
                .ok_or_else(|| format!("type `{text}` lacks its closing `>`"))?;
            return match self.declared.get(inner.trim()) {
                Some((Declared::Enum, _)) => Ok(Ty::Code(Some(inner.trim().to_owned()))),
                _ => Err(format!(
                    "`{text}`: the codes of a code object must be an [enums] name{}",
                    did_you_mean(inner, self.declared.keys().map(String::as_str))
                )),
            };
        }
        match text {
            "string" => return Ok(Ty::String),
            "integer" => return Ok(Ty::Integer),
            "number" => return Ok(Ty::Number),
            "boolean" => return Ok(Ty::Boolean),
            "json" => return Ok(Ty::Json),
            "file" => return Ok(Ty::File),
            "bytes" => return Ok(Ty::Bytes),
            _ => {}
        }
        match self.declared.get(text) {
            Some((Declared::Struct, _)) => Ok(Ty::Struct(text.to_owned())),
            Some((Declared::Enum, _)) => Ok(Ty::Enum(text.to_owned())),
            None => {
                let known = PRIMITIVES
                    .iter()
                    .copied()
                    .chain(self.declared.keys().map(String::as_str));
                Err(format!(
                    "unknown type `{text}`; expected one of {}, `[T]`, `map<T>` or a name from [types] or [enums]{}",
                    PRIMITIVES.join(", "),
                    did_you_mean(text, known)
                ))
            }
        }
    }

    fn limits(&mut self, f: &LimitKeys, written: &Spanned<String>, ty: &Ty) -> Limits {
        let get = |v: Option<&Spanned<u64>>| v.map(|s| *s.get_ref());
        let limits = Limits {
            min: f.min.map(|s| *s.get_ref()),
            max: f.max.map(|s| *s.get_ref()),
            min_length: get(f.min_length),
            max_length: get(f.max_length),
            min_items: get(f.min_items),
            max_items: get(f.max_items),
            max_bytes: get(f.max_bytes),
        };
        let numeric = matches!(ty, Ty::Integer | Ty::Number);
        let text = matches!(ty, Ty::String);
        let list = matches!(ty, Ty::Array(_));
        let sized = matches!(ty, Ty::String | Ty::Bytes);
        let checks: [(&str, Option<Range<usize>>, bool); 7] = [
            ("min", f.min.map(Spanned::span), numeric),
            ("max", f.max.map(Spanned::span), numeric),
            ("min_length", f.min_length.map(Spanned::span), text),
            ("max_length", f.max_length.map(Spanned::span), text),
            ("min_items", f.min_items.map(Spanned::span), list),
            ("max_items", f.max_items.map(Spanned::span), list),
            ("max_bytes", f.max_bytes.map(Spanned::span), sized),
        ];
        for (name, span, fits) in checks {
            if let (Some(span), false) = (span, fits) {
                let applies = match name {
                    "min" | "max" => "integer and number",
                    "min_length" | "max_length" => "string",
                    "max_bytes" => "string and bytes",
                    _ => "array",
                };
                self.error(
                    span,
                    format!(
                        "`{name}` applies to {applies} fields, not to `{}`",
                        written.get_ref()
                    ),
                );
            }
        }
        let pairs = [
            (
                limits.min.map(|v| v as i128),
                limits.max.map(|v| v as i128),
                f.max.map(Spanned::span),
                "min",
                "max",
            ),
            (
                limits.min_length.map(i128::from),
                limits.max_length.map(i128::from),
                f.max_length.map(Spanned::span),
                "min_length",
                "max_length",
            ),
            (
                limits.min_items.map(i128::from),
                limits.max_items.map(i128::from),
                f.max_items.map(Spanned::span),
                "min_items",
                "max_items",
            ),
        ];
        for (low, high, span, low_name, high_name) in pairs {
            if let (Some(low), Some(high), Some(span)) = (low, high, span)
                && low > high
            {
                self.error(span, format!("`{low_name} = {low}` is greater than `{high_name} = {high}`; no value could satisfy both"));
            }
        }
        limits
    }

    /// `cases.<VALUE> = { ... }`: the field's limits with the case's keys replacing its own.
    fn cases(
        &mut self,
        f: &RawField,
        written: &Spanned<String>,
        ty: &Ty,
        base: &Limits,
    ) -> Vec<(String, Limits)> {
        let Some(cases) = &f.cases else {
            return Vec::new();
        };
        let mut out: Vec<(String, Limits)> = Vec::new();
        for (value, case) in &cases.0 {
            let own = self.limits(&LimitKeys::of_case(case.get_ref()), written, ty);
            let limits = Limits {
                min: own.min.or(base.min),
                max: own.max.or(base.max),
                min_length: own.min_length.or(base.min_length),
                max_length: own.max_length.or(base.max_length),
                min_items: own.min_items.or(base.min_items),
                max_items: own.max_items.or(base.max_items),
                max_bytes: own.max_bytes.or(base.max_bytes),
            };
            if out
                .iter()
                .any(|(v, _)| v.eq_ignore_ascii_case(value.get_ref()))
            {
                self.error(
                    value.span(),
                    format!("case `{}` is given twice", value.get_ref()),
                );
            }
            out.push((value.get_ref().clone(), limits));
        }
        out
    }

    fn check_default(&mut self, default: &Spanned<toml::Value>, ty: &Ty) {
        let fits = matches!(
            (default.get_ref(), ty),
            (toml::Value::String(_), Ty::String)
                | (toml::Value::Integer(_), Ty::Integer | Ty::Number)
                | (toml::Value::Float(_), Ty::Number)
                | (toml::Value::Boolean(_), Ty::Boolean)
                | (_, Ty::Json)
                | (
                    toml::Value::String(_) | toml::Value::Integer(_),
                    Ty::Enum(_)
                )
        );
        if !fits {
            self.error(
                default.span(),
                format!(
                    "default `{}` does not fit the field's type {}",
                    value_text(default.get_ref()),
                    describe(ty)
                ),
            );
        }
    }

    fn enum_def(&mut self, name: &Spanned<String>, def: &Spanned<RawEnum>) -> EnumDef {
        let d = def.get_ref();
        let kind = match d.kind.as_ref().map(|k| (k.get_ref().as_str(), k.span())) {
            None | Some(("string", _)) => EnumKind::String,
            Some(("integer", _)) => EnumKind::Integer,
            Some((other, span)) => {
                self.error(
                    span,
                    format!("enum type `{other}` is not supported; expected `string` or `integer`"),
                );
                EnumKind::String
            }
        };
        if d.values.get_ref().is_empty() {
            self.error(
                d.values.span(),
                format!(
                    "enum `{}` has no values; list at least one documented value",
                    name.get_ref()
                ),
            );
        }
        let mut variants: HashSet<String> = HashSet::new();
        let mut wires: HashSet<String> = HashSet::new();
        let mut values = Vec::new();
        for raw in d.values.get_ref() {
            let v = raw.get_ref();
            let wire = match (kind, v.value.get_ref()) {
                (EnumKind::String, toml::Value::String(s)) => WireValue::String(s.clone()),
                (EnumKind::Integer, toml::Value::Integer(i)) => WireValue::Integer(*i),
                (_, other) => {
                    self.error(
                        v.value.span(),
                        format!(
                            "value `{}` does not fit a {} enum",
                            value_text(other),
                            if kind == EnumKind::String {
                                "string"
                            } else {
                                "integer"
                            }
                        ),
                    );
                    continue;
                }
            };
            let wire_text = match &wire {
                WireValue::String(s) => s.clone(),
                WireValue::Integer(i) => i.to_string(),
            };
            if !wires.insert(wire_text.clone()) {
                self.error(
                    v.value.span(),
                    format!("value `{wire_text}` is listed twice"),
                );
            }
            let (variant, span) = match (&v.name, &wire) {
                (Some(n), _) => (n.get_ref().clone(), n.span()),
                (None, WireValue::String(s)) => (names::type_name(s), v.value.span()),
                (None, WireValue::Integer(_)) => {
                    self.error(
                        raw.span(),
                        "integer enum values need `name = \"...\"` for their Rust variant",
                    );
                    continue;
                }
            };
            if !names::is_identifier(&variant)
                || !variant.starts_with(|c: char| c.is_ascii_uppercase())
            {
                self.error(span.clone(), format!(
                    "variant name `{variant}` is not an UpperCamelCase identifier; set `name = \"...\"`"
                ));
            } else if variant == "Unknown" {
                self.error(
                    span.clone(),
                    "`Unknown` is reserved for values the spec does not list; set another `name`",
                );
            } else if !variants.insert(variant.clone()) {
                self.error(
                    span,
                    format!("two values map to the variant `{variant}`; set `name` on one of them"),
                );
            }
            values.push(EnumValue {
                wire,
                variant,
                desc: v.desc.clone(),
            });
        }
        EnumDef {
            name: name.get_ref().clone(),
            description: d.description.clone(),
            kind,
            values,
        }
    }

    fn operation(
        &mut self,
        key: &Spanned<String>,
        raw: &Spanned<RawOperation>,
    ) -> Option<Operation> {
        let o = raw.get_ref();
        let name = names::field_name(key.get_ref());
        if !names::usable_as_ident(&name) || names::is_keyword(&name) {
            self.error(key.span(), format!(
                "operation `{}` becomes {}, which is not a usable method name; use letters, digits and `_`, starting with a letter",
                key.get_ref(),
                if name.is_empty() { "an empty name".to_owned() } else { format!("`{name}`") }
            ));
            return None;
        }
        // `3rdParty` makes the method `_3rd_party` but the type `3rdPartyRequest`.
        let type_prefix = names::type_name(&name);
        if !type_prefix.starts_with(|c: char| c.is_ascii_alphabetic()) {
            self.error(key.span(), format!(
                "operation `{}` would name its request type `{type_prefix}Request`, which is not a Rust identifier; start the name with a letter",
                key.get_ref()
            ));
            return None;
        }
        let action = self.style == Some(Style::Action);
        let method = match (&o.method, action) {
            (Some(m), _) => m.get_ref().clone(),
            (None, true) => "GET".to_owned(),
            (None, false) => {
                self.error(raw.span(), format!(
                    "operation `{}` has no `method`; add `method = \"GET\"` (or POST, PUT, PATCH, DELETE, HEAD)",
                    key.get_ref()
                ));
                return None;
            }
        };
        let path_spanned = match (&o.path, action) {
            (Some(p), _) => p.clone(),
            (None, true) => Spanned::new(key.span(), format!("/{}", key.get_ref())),
            (None, false) => {
                self.error(raw.span(), format!(
                    "operation `{}` has no `path`; add `path = \"/...\"` (under the service's base_path)",
                    key.get_ref()
                ));
                return None;
            }
        };
        if let Some(m) = o
            .method
            .as_ref()
            .filter(|_| !METHODS.contains(&method.as_str()))
        {
            self.error(
                m.span(),
                format!(
                    "HTTP method `{method}` is not supported; expected one of {}{}",
                    METHODS.join(", "),
                    did_you_mean(&method.to_uppercase(), METHODS)
                ),
            );
        }
        let path = self.path_template(
            &path_spanned,
            &o.path_params,
            &format!("[operations.{}.path_params]", key.get_ref()),
        );
        let path_params = self.fields(&o.path_params, Place::Param, true);
        let query = self.fields(&o.query, Place::Query, false);
        let headers = self.fields(&o.headers, Place::Param, false);
        let format = match o
            .body_format
            .as_ref()
            .map(|f| (f.get_ref().as_str(), f.span()))
        {
            None | Some(("json", _)) => BodyFormat::Json,
            Some(("multipart", _)) => BodyFormat::Multipart,
            Some(("value", _)) => BodyFormat::Value,
            Some((other, span)) => {
                self.error(
                    span,
                    format!(
                        "body_format `{other}` is not supported; expected `json`, `multipart` or `value`"
                    ),
                );
                BodyFormat::Json
            }
        };
        let body = o.body.as_ref().map(|b| {
            let place = if format == BodyFormat::Multipart { Place::Form } else { Place::Json };
            // DELETE may carry one: SENS documents `DELETE /unsubscribes` with a JSON body.
            if matches!(method.as_str(), "GET" | "HEAD") {
                self.error(b.span(), format!(
                    "{method} requests carry no body here; move these fields to [operations.{}.query]",
                    key.get_ref()
                ));
            }
            // The whole body is one field's value (SENS sends JSON arrays): it is required.
            let value = format == BodyFormat::Value;
            if value && b.get_ref().0.len() != 1 {
                self.error(b.span(), "body_format = \"value\" takes exactly one body field, whose value is the whole body (its key only names the Rust field)");
            }
            (format, self.fields(b.get_ref(), place, value))
        });
        if let (Some(f), None) = (&o.body_format, &o.body) {
            self.error(
                f.span(),
                format!(
                    "body_format is set but [operations.{}.body] is missing",
                    key.get_ref()
                ),
            );
        }
        let response = o.response.as_ref().and_then(|r| {
            let ty = self.ty(r)?;
            if contains_file(&ty) {
                self.error(r.span(), "a response cannot be a `file`");
            }
            Some(ty)
        });
        let status = match &o.status {
            Some(s) if !(200..300).contains(s.get_ref()) => {
                self.error(
                    s.span(),
                    format!("success status `{}` is not a 2xx status", s.get_ref()),
                );
                200
            }
            Some(s) => *s.get_ref(),
            None if response.is_some() || self.enveloped || action => 200,
            None => 204,
        };
        let op = Operation {
            type_prefix: names::type_name(&name),
            name,
            summary: o.summary.clone(),
            description: o.description.clone(),
            idempotent: o
                .idempotent
                .unwrap_or(matches!(method.as_str(), "GET" | "PUT" | "DELETE" | "HEAD")),
            deprecated: o.deprecated.clone(),
            deviation: o.deviation.clone(),
            example: o.example.as_ref().map(|e| {
                if let Err(err) = serde_json::from_str::<serde_json::Value>(e.get_ref()) {
                    self.error(
                        e.span(),
                        format!("`example` must be a JSON document: {err}"),
                    );
                }
                e.get_ref().clone()
            }),
            method,
            wrapper: action
                .then(|| format!("{}Response", path_spanned.get_ref().trim_start_matches('/'))),
            path_template: path_spanned.get_ref().clone(),
            path,
            status,
            response,
            path_params,
            query,
            headers,
            body,
            pagination: None,
            rules: Vec::new(),
            case: None,
            form_body: false,
        };
        // Duplicates inside one table are reported by `fields`; this catches collisions between
        // tables (a query parameter and a body field with the same Rust name, say).
        let tables = [&o.path_params, &o.query, &o.headers]
            .into_iter()
            .chain(o.body.as_ref().map(Spanned::get_ref));
        let keys = tables
            .enumerate()
            .flat_map(|(table, m)| m.0.iter().map(move |(k, _)| (table, k)));
        let mut seen: HashMap<&str, (usize, &str)> = HashMap::new();
        for ((table, key), field) in keys.zip(op.inputs()) {
            match seen.insert(&field.rust, (table, key.get_ref())) {
                Some((first_table, first)) if first_table != table => self.error(key.span(), format!(
                    "`{}` and `{first}` both map to the Rust name `{}` in {}; set `rust = \"...\"` on one of them",
                    key.get_ref(), field.rust, op.request_type()
                )),
                _ => {}
            }
        }
        let mut op = op;
        if let Some(case) = &o.case {
            let usable = op
                .inputs()
                .find(|f| &f.wire == case.get_ref())
                .map(|f| matches!(f.ty, Ty::String | Ty::Enum(_)) && !f.secret);
            match usable {
                Some(true) => op.case = Some(case.get_ref().clone()),
                Some(false) => self.error(
                    case.span(),
                    format!(
                        "`case = \"{}\"` must name a string or enum field of the request",
                        case.get_ref()
                    ),
                ),
                None => self.error(
                    case.span(),
                    format!(
                        "`case = \"{}\"` names no field of the request{}",
                        case.get_ref(),
                        did_you_mean(case.get_ref(), op.inputs().map(|f| f.wire.as_str()))
                    ),
                ),
            }
        }
        match crate::rules::resolve(&op, &o.rules) {
            Ok(rules) => op.rules = rules,
            Err(errors) => errors.into_iter().for_each(|(span, m)| self.error(span, m)),
        }
        Some(op)
    }

    /// Recursion through plain or optional struct fields makes an infinitely large type.
    fn check_recursion(&mut self, raw: &RawSpec, api: &Api) {
        let edges: HashMap<&str, Vec<&str>> = api
            .structs
            .iter()
            .map(|s| {
                let direct = s
                    .fields
                    .iter()
                    .filter_map(|f| match &f.ty {
                        Ty::Struct(n) => Some(n.as_str()),
                        _ => None,
                    })
                    .collect();
                (s.name.as_str(), direct)
            })
            .collect();
        for (key, _) in &raw.types.0 {
            let start = key.get_ref().as_str();
            let mut stack = vec![(start, vec![start])];
            let mut visited = HashSet::new();
            while let Some((node, trail)) = stack.pop() {
                for next in edges.get(node).into_iter().flatten() {
                    if *next == start {
                        let mut cycle = trail.clone();
                        cycle.push(start);
                        self.error(key.span(), format!(
                            "type `{start}` contains itself ({}) without an array in between, so it would be infinitely large; make one of those fields an array `[T]`",
                            cycle.join(" → ")
                        ));
                        stack.clear();
                        break;
                    }
                    if visited.insert(*next) {
                        let mut trail = trail.clone();
                        trail.push(next);
                        stack.push((next, trail));
                    }
                }
            }
        }
    }

    /// Objects in query parameters are sent flattened (`name.1.field`), so every field of them
    /// must be a scalar, a list or such an object in turn.
    /// Keeps secret inputs (passwords) out of URLs: an action-style operation with one in its
    /// parameters is sent as POST with the pairs in a form body (NCP's gateway takes either, and
    /// signs only the path); a secret where no body can carry it is an error.
    fn route_secrets(&mut self, raw: &RawSpec, api: &mut Api) {
        let action = api.service.style == Style::Action;
        let mut moved = Vec::new();
        for (i, ((key, raw_op), op)) in raw.operations.0.iter().zip(&api.operations).enumerate() {
            let raw_op = raw_op.get_ref();
            let secret = |f: &Field| f.secret || api.carries_secret(&f.ty);
            for ((field_key, _), f) in raw_op.path_params.0.iter().zip(&op.path_params) {
                if secret(f) {
                    self.error(field_key.span(), format!(
                        "path parameter `{}` of `{}` cannot be secret: a path is in every URL and log",
                        field_key.get_ref(), key.get_ref()
                    ));
                }
            }
            for ((field_key, _), f) in raw_op.query.0.iter().zip(&op.query) {
                if secret(f) && !action {
                    self.error(field_key.span(), format!(
                        "query parameter `{}` of `{}` cannot be secret in a REST product: the query is part of the URL; send it in a JSON body",
                        field_key.get_ref(), key.get_ref()
                    ));
                }
            }
            if let (Some(body), Some((BodyFormat::Multipart, fields))) = (&raw_op.body, &op.body) {
                for ((field_key, _), f) in body.get_ref().0.iter().zip(fields) {
                    if secret(f) {
                        self.error(
                            field_key.span(),
                            "a multipart part cannot be secret; use a JSON body field",
                        );
                    }
                }
            }
            if action && op.query.iter().any(secret) {
                moved.push(i);
            }
        }
        for i in moved {
            let op = &mut api.operations[i];
            op.method = "POST".to_owned();
            op.form_body = true;
        }
    }

    fn check_query_objects(&mut self, raw: &RawSpec, api: &Api) {
        fn offending(api: &Api, ty: &Ty, seen: &mut Vec<String>) -> Option<String> {
            match ty {
                Ty::Array(inner) => offending(api, inner, seen),
                Ty::Struct(name) if seen.contains(name) => None,
                Ty::Struct(name) => {
                    seen.push(name.clone());
                    let def = api.structs.iter().find(|s| &s.name == name)?;
                    def.fields.iter().find_map(|f| match &f.ty {
                        t if t.is_scalar() => None,
                        t @ (Ty::Array(_) | Ty::Struct(_)) => offending(api, t, seen),
                        _ => Some(format!("{name}.{}", f.wire)),
                    })
                }
                _ => None,
            }
        }
        for ((key, raw_op), op) in raw.operations.0.iter().zip(&api.operations) {
            for ((field_key, _), field) in raw_op.get_ref().query.0.iter().zip(&op.query) {
                if let Some(path) = offending(api, &field.ty, &mut Vec::new()) {
                    self.error(field_key.span(), format!(
                        "query parameter `{}` of operation `{}` cannot be flattened: `{path}` is not a scalar, list or object",
                        field_key.get_ref(), key.get_ref()
                    ));
                }
            }
        }
    }

    /// Generated request types must not collide with declared types or the client.
    fn check_type_names(&mut self, api: &Api, raw: &RawSpec) {
        let client = format!("{}Client", api.service.name);
        for ((key, _), op) in raw.operations.0.iter().zip(&api.operations) {
            let request = op.request_type();
            if let Some((_, span)) = self.declared.get(&request) {
                let span = span.clone();
                self.error(
                    span,
                    format!(
                        "`{request}` is generated for operation `{}`; give this type another name",
                        key.get_ref()
                    ),
                );
            }
            if request == client {
                self.error(
                    key.span(),
                    format!(
                        "operation `{}` would generate `{request}`, the client's name",
                        key.get_ref()
                    ),
                );
            }
        }
        if let Some((_, span)) = self.declared.get(&client) {
            let span = span.clone();
            self.error(
                span,
                format!("`{client}` is the generated client's name; give this type another name"),
            );
        }
    }
}

/// A TOML value as it would be written.
fn value_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => format!("{s:?}"),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => f.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Array(_) => "an array".to_owned(),
        toml::Value::Table(_) => "a table".to_owned(),
    }
}

/// The limit keys of a field or of one of its cases, read the same way.
struct LimitKeys<'a> {
    min: Option<&'a Spanned<i64>>,
    max: Option<&'a Spanned<i64>>,
    min_length: Option<&'a Spanned<u64>>,
    max_length: Option<&'a Spanned<u64>>,
    min_items: Option<&'a Spanned<u64>>,
    max_items: Option<&'a Spanned<u64>>,
    max_bytes: Option<&'a Spanned<u64>>,
}

impl<'a> LimitKeys<'a> {
    fn of_field(f: &'a RawField) -> Self {
        LimitKeys {
            min: f.min.as_ref(),
            max: f.max.as_ref(),
            min_length: f.min_length.as_ref(),
            max_length: f.max_length.as_ref(),
            min_items: f.min_items.as_ref(),
            max_items: f.max_items.as_ref(),
            max_bytes: f.max_bytes.as_ref(),
        }
    }

    fn of_case(c: &'a RawCase) -> Self {
        LimitKeys {
            min: c.min.as_ref(),
            max: c.max.as_ref(),
            min_length: c.min_length.as_ref(),
            max_length: c.max_length.as_ref(),
            min_items: c.min_items.as_ref(),
            max_items: c.max_items.as_ref(),
            max_bytes: c.max_bytes.as_ref(),
        }
    }
}

fn contains_file(ty: &Ty) -> bool {
    match ty {
        Ty::File => true,
        Ty::Array(inner) | Ty::Map(inner) => contains_file(inner),
        _ => false,
    }
}

fn describe(ty: &Ty) -> String {
    match ty {
        Ty::String => "string".into(),
        Ty::Integer => "integer".into(),
        Ty::Number => "number".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Json => "json".into(),
        Ty::File => "file".into(),
        Ty::Bytes => "bytes".into(),
        Ty::Array(i) => format!("[{}]", describe(i)),
        Ty::Map(i) => format!("map<{}>", describe(i)),
        Ty::Struct(n) | Ty::Enum(n) => n.clone(),
        Ty::Code(Some(n)) => format!("code<{n}>"),
        Ty::Code(None) => "code".into(),
    }
}

/// A gateway host label: lower-case letters, digits and `-` (`sens`, `fin-ncloud`).
fn is_host_label(host: &str) -> bool {
    !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether a type can be a query parameter at all (objects are checked field by field after
/// every type is known).
fn flattenable_shape(ty: &Ty) -> bool {
    match ty {
        Ty::Array(inner) => flattenable_shape(inner),
        Ty::Struct(_) => true,
        other => other.is_scalar(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVICE: &str = "[service]\nname = \"X\"\nhost = \"x\"\nbase_path = \"/x\"\n";

    /// Validates `SERVICE + body` and returns the rendered errors.
    fn errors(body: &str) -> Vec<String> {
        let text = format!("{SERVICE}{body}");
        let raw =
            crate::model::parse(&text).unwrap_or_else(|e| panic!("{}", e.render("t.toml", &text)));
        match validate(&raw) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.iter().map(|e| e.render("t.toml", &text)).collect(),
        }
    }

    fn one_error(body: &str) -> String {
        let errors = errors(body);
        assert_eq!(errors.len(), 1, "{errors:#?}");
        errors.into_iter().next().unwrap()
    }

    #[test]
    fn secrets_are_found_at_any_depth_and_through_recursion() {
        let text = format!(
            "{SERVICE}[operations.a]\nmethod = \"GET\"\npath = \"/a\"\nresponse = \"Outer\"\n\
             [operations.b]\nmethod = \"GET\"\npath = \"/b\"\nresponse = \"[Tree]\"\n\
             [types.Outer.fields]\nkeys = {{ type = \"map<[Key]>\" }}\n\
             [types.Key.fields]\nprivateKey = {{ type = \"string\", secret = true }}\n\
             [types.Tree.fields]\nchildren = {{ type = \"[Tree]\" }}\nname = {{ type = \"string\" }}\n"
        );
        let api = validate(&crate::model::parse(&text).unwrap()).unwrap();
        let carries = |op: usize| api.carries_secret(api.operations[op].response.as_ref().unwrap());
        assert!(
            carries(0),
            "a secret two levels down, inside a map of arrays"
        );
        assert!(
            !carries(1),
            "a recursive type without secrets ends the search"
        );
    }

    #[test]
    fn a_valid_spec_resolves_names_types_and_defaults() {
        let text = format!(
            "{SERVICE}[operations.sendMessages]\nmethod = \"POST\"\npath = \"/m/{{id}}\"\nresponse = \"[T]\"\npath_params.id = {{ type = \"integer\" }}\nbody.to = {{ type = \"string\", required = true }}\nbody.kind = {{ type = \"K\" }}\n[types.T.fields]\ntype = {{ type = \"map<[string]>\" }}\n[enums.K]\nvalues = [{{ value = \"A_B\" }}]\n"
        );
        let api = validate(&crate::model::parse(&text).unwrap()).unwrap();
        let op = &api.operations[0];
        assert_eq!(
            (op.name.as_str(), op.request_type().as_str()),
            ("send_messages", "SendMessagesRequest")
        );
        assert!(!op.idempotent);
        assert_eq!(op.status, 200);
        assert_eq!(
            op.path,
            [
                PathPart::Literal("/m/".into()),
                PathPart::Param("id".into())
            ]
        );
        assert!(
            op.path_params[0].required,
            "path parameters are always required"
        );
        assert_eq!(
            op.response,
            Some(Ty::Array(Box::new(Ty::Struct("T".into()))))
        );
        assert_eq!(
            api.structs[0].fields[0].ty,
            Ty::Map(Box::new(Ty::Array(Box::new(Ty::String))))
        );
        assert_eq!(api.structs[0].fields[0].rust, "type");
        assert_eq!(api.enums[0].values[0].variant, "AB");
    }

    #[test]
    fn no_response_defaults_to_204_and_delete_is_idempotent() {
        let text = format!("{SERVICE}[operations.drop]\nmethod = \"DELETE\"\npath = \"/d\"\n");
        let api = validate(&crate::model::parse(&text).unwrap()).unwrap();
        assert_eq!(
            (api.operations[0].status, api.operations[0].idempotent),
            (204, true)
        );
    }

    #[test]
    fn unknown_types_suggest_the_closest_name() {
        let e = one_error("[types.Thing.fields]\na = { type = \"[Thnig]\" }\n");
        assert!(e.starts_with("t.toml:6:14: unknown type `Thnig`"), "{e}");
        assert!(e.contains("did you mean `Thing`?"), "{e}");
    }

    #[test]
    fn path_parameters_must_match_the_template() {
        let e = errors(
            "[operations.a]\nmethod = \"GET\"\npath = \"/a/{id}\"\npath_params.other = { type = \"string\" }\n",
        );
        assert_eq!(e.len(), 2, "{e:#?}");
        assert!(
            e[0].contains("path parameter `{id}` is not declared"),
            "{}",
            e[0]
        );
        assert!(
            e[1].contains("path parameter `other` is declared but `/a/{id}` has no `{other}`"),
            "{}",
            e[1]
        );
    }

    #[test]
    fn every_mistake_is_reported_at_once() {
        let e = errors(
            "[operations.a]\nmethod = \"GTE\"\npath = \"/a\"\n[operations.b]\nmethod = \"GET\"\npath = \"b\"\nbody.x = { type = \"string\" }\n[enums.E]\nvalues = []\n",
        );
        let text = e.join("\n");
        assert_eq!(e.len(), 4, "{text}");
        assert!(
            text.contains("HTTP method `GTE` is not supported")
                && text.contains("did you mean `GET`?"),
            "{text}"
        );
        assert!(text.contains("path `b` must start with `/`"), "{text}");
        assert!(text.contains("GET requests carry no body"), "{text}");
        assert!(text.contains("enum `E` has no values"), "{text}");
    }

    #[test]
    fn rust_name_collisions_are_errors() {
        let e = one_error(
            "[types.T.fields]\nplusFriendId = { type = \"string\" }\nplus_friend_id = { type = \"string\" }\n",
        );
        assert!(e.contains("fields `plusFriendId` and `plus_friend_id` both map to the Rust name `plus_friend_id`"), "{e}");
        let e = one_error(
            "[operations.a]\nmethod = \"POST\"\npath = \"/a\"\nquery.to = { type = \"string\" }\nbody.to = { type = \"string\" }\n",
        );
        assert!(
            e.contains("both map to the Rust name `to` in ARequest"),
            "{e}"
        );
        let e = one_error(
            "[operations.a]\nmethod = \"GET\"\npath = \"/a\"\n[operations.A]\nmethod = \"GET\"\npath = \"/b\"\n",
        );
        assert!(e.contains("same Rust name `a`"), "{e}");
    }

    #[test]
    fn byte_limits_cases_and_value_bodies_are_checked_where_written() {
        let e = one_error("[types.T.fields]\nn = { type = \"integer\", max_bytes = 9 }\n");
        assert!(
            e.contains("`max_bytes` applies to string and bytes fields"),
            "{e}"
        );
        let e = one_error(
            "[types.T.fields]\nn = { type = \"string\", cases.SMS = { max_items = 2 } }\n",
        );
        assert!(e.contains("`max_items` applies to array fields"), "{e}");
        let e = one_error(
            "[operations.op]\nmethod = \"GET\"\npath = \"/x\"\ncase = \"kind\"\nquery.type = { type = \"string\" }\n",
        );
        assert!(
            e.contains("`case = \"kind\"` names no field of the request"),
            "{e}"
        );
        let e = one_error(
            "[operations.op]\nmethod = \"GET\"\npath = \"/x\"\ncase = \"n\"\nquery.n = { type = \"integer\" }\n",
        );
        assert!(e.contains("must name a string or enum field"), "{e}");
        let e = one_error(
            "[operations.op]\nmethod = \"POST\"\npath = \"/x\"\nbody_format = \"value\"\nbody.a = { type = \"[string]\" }\nbody.b = { type = \"string\" }\n",
        );
        assert!(e.contains("takes exactly one body field"), "{e}");
        let e = one_error(
            "[operations.op]\nmethod = \"POST\"\npath = \"/x\"\nbody_format = \"multipart\"\nbody.b = { type = \"bytes\" }\n",
        );
        assert!(e.contains("`bytes` cannot be a multipart part"), "{e}");
        // A DELETE may carry a JSON body (SENS's opt-out list).
        assert!(errors("[operations.op]\nmethod = \"DELETE\"\npath = \"/x\"\nbody_format = \"value\"\nbody.n = { type = \"[string]\", max_items = 9 }\n").is_empty());
    }

    #[test]
    fn secret_inputs_stay_out_of_urls() {
        let e = one_error(
            "[operations.op]\nmethod = \"GET\"\npath = \"/x/{pw}\"\npath_params.pw = { type = \"string\", secret = true }\n",
        );
        assert!(
            e.contains("path parameter `pw` of `op` cannot be secret"),
            "{e}"
        );
        let e = one_error(
            "[operations.op]\nmethod = \"GET\"\npath = \"/x\"\nquery.pw = { type = \"string\", secret = true }\n",
        );
        assert!(e.contains("cannot be secret in a REST product"), "{e}");
        let action = "[service]\nname = \"A\"\nstyle = \"action\"\nhost = \"ncloud\"\nbase_path = \"/a/v2\"\n[operations.createDb]\nquery.name = { type = \"string\" }\nquery.password = { type = \"string\", secret = true }\n[operations.getDbList]\nquery.name = { type = \"string\" }\n";
        let api = validate(&crate::model::parse(action).unwrap()).unwrap();
        let (create, list) = (&api.operations[0], &api.operations[1]);
        assert_eq!((create.method.as_str(), create.form_body), ("POST", true));
        assert!(
            create.idempotent,
            "still the idempotency of the GET it stands for"
        );
        assert_eq!((list.method.as_str(), list.form_body), ("GET", false));
    }

    #[test]
    fn limits_and_defaults_must_make_sense() {
        let e = one_error("[types.T.fields]\nn = { type = \"integer\", min = 5, max = 1 }\n");
        assert!(e.contains("`min = 5` is greater than `max = 1`"), "{e}");
        let e = one_error("[types.T.fields]\nn = { type = \"string\", max_items = 3 }\n");
        assert!(e.contains("`max_items` applies to array fields"), "{e}");
        let e = one_error("[types.T.fields]\nn = { type = \"boolean\", default = \"yes\" }\n");
        assert!(
            e.contains("default `\"yes\"` does not fit the field's type boolean"),
            "{e}"
        );
    }

    #[test]
    fn bodies_files_and_parameters_are_checked_against_their_place() {
        let e = one_error(
            "[operations.a]\nmethod = \"POST\"\npath = \"/a\"\nbody.f = { type = \"file\" }\n",
        );
        assert!(
            e.contains("`file` is only allowed as a part of a multipart body"),
            "{e}"
        );
        let e = one_error(
            "[operations.a]\nmethod = \"GET\"\npath = \"/a\"\nquery.q = { type = \"map<string>\" }\n",
        );
        assert!(e.contains("cannot be a query parameter"), "{e}");
        let e = one_error(
            "[operations.a]\nmethod = \"GET\"\npath = \"/a\"\nheaders.h = { type = \"[string]\" }\n",
        );
        assert!(e.contains("cannot be a path or header parameter"), "{e}");
        let e = one_error(
            "[operations.a]\nmethod = \"GET\"\npath = \"/a\"\nquery.o = { type = \"O\" }\n[types.O.fields]\nm = { type = \"map<string>\" }\n",
        );
        assert!(e.contains("cannot be flattened: `O.m`"), "{e}");
        assert!(errors("[operations.a]\nmethod = \"GET\"\npath = \"/a\"\nquery.l = { type = \"[[string]]\" }\nquery.o = { type = \"[O]\" }\n[types.O.fields]\nn = { type = \"[integer]\" }\n").is_empty());
        let e = one_error(
            "[operations.a]\nmethod = \"GET\"\npath = \"/a\"\nbody_format = \"multipart\"\nbody.f = { type = \"file\" }\n",
        );
        assert!(e.contains("GET requests carry no body"), "{e}");
    }

    #[test]
    fn nullable_applies_to_optional_json_fields_only() {
        let e = one_error(
            "[operations.a]\nmethod = \"POST\"\npath = \"/a\"\nbody.s = { type = \"string\", required = true, nullable = true }\n",
        );
        assert!(
            e.contains("`nullable` applies to optional JSON fields") && e.contains("is required"),
            "{e}"
        );
        let e = one_error(
            "[operations.a]\nmethod = \"GET\"\npath = \"/a\"\nquery.q = { type = \"string\", nullable = true }\n",
        );
        assert!(e.contains("is not a JSON field"), "{e}");
        assert!(errors("[operations.a]\nmethod = \"POST\"\npath = \"/a\"\nbody.s = { type = \"string\", nullable = true }\n").is_empty());
    }

    #[test]
    fn envelope_and_deprecation_reach_the_model() {
        let text = "[service]\nname = \"X\"\nhost = \"x\"\nbase_path = \"/x\"\ndeprecated = \"gone\"\nenvelope = { code = \"returnCode\", success = \"0\", message = \"returnMessage\", data = \"resources\" }\n[operations.a]\nmethod = \"PUT\"\npath = \"/a\"\nidempotent = false\ndeprecated = \"use b\"\n";
        let api = validate(&crate::model::parse(text).unwrap()).unwrap();
        assert_eq!(api.service.deprecated.as_deref(), Some("gone"));
        assert_eq!(api.service.envelope.as_ref().unwrap().data, "resources");
        assert_eq!(
            (
                api.operations[0].idempotent,
                api.operations[0].deprecated.as_deref()
            ),
            (false, Some("use b"))
        );
    }

    #[test]
    fn recursion_without_an_array_is_an_error() {
        let e = errors(
            "[types.A.fields]\nb = { type = \"B\" }\n[types.B.fields]\na = { type = \"A\" }\n[types.C.fields]\nc = { type = \"[C]\" }\n",
        );
        assert_eq!(e.len(), 2, "{e:#?}");
        assert!(
            e[0].contains("type `A` contains itself (A → B → A)"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn names_must_become_identifiers() {
        let e = one_error("[operations.\"---\"]\nmethod = \"GET\"\npath = \"/a\"\n");
        assert!(e.contains("not a usable method name"), "{e}");
        let e = one_error("[enums.E]\nvalues = [{ value = \"x\", name = \"Unknown\" }]\n");
        assert!(e.contains("`Unknown` is reserved"), "{e}");
        let e = one_error("[enums.E]\ntype = \"integer\"\nvalues = [{ value = 2 }]\n");
        assert!(e.contains("integer enum values need `name"), "{e}");
        let e = one_error("[types.lower.fields]\na = { type = \"string\" }\n");
        assert!(
            e.contains("type name `lower` is not an UpperCamelCase Rust identifier; try `Lower`"),
            "{e}"
        );
    }
}
