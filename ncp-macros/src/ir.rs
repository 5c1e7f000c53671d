//! The checked model of a spec: every name resolved, every reference known. Generation reads
//! only this, so it never has to handle a mistake.

/// A validated spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub service: Service,
    pub structs: Vec<StructDef>,
    pub enums: Vec<EnumDef>,
    pub operations: Vec<Operation>,
    pub waiters: Vec<WaiterDef>,
}

/// A waiter (see `waiting.rs`): which operation it polls, with the caller's id in which field.
#[derive(Debug, Clone, PartialEq)]
pub struct WaiterDef {
    /// snake_case name: the method is `wait_until_{name}`.
    pub name: String,
    pub description: Option<String>,
    /// Index into `Api::operations`.
    pub operation: usize,
    /// The request field that takes the id: Rust name, whether it is a list, whether required.
    pub input: (String, bool, bool),
    /// The method's parameter name (the field's name, without a `_list` suffix).
    pub param: String,
    pub state: String,
    pub success: Vec<String>,
    pub failure: Vec<String>,
    pub gone_is_success: bool,
    /// Seconds.
    pub min_delay: u64,
    pub max_delay: u64,
    pub timeout: u64,
}

impl Api {
    /// Whether a value of `ty` may hold a field marked `secret`, at any depth.
    pub fn carries_secret(&self, ty: &Ty) -> bool {
        self.carries_secret_within(ty, &mut Vec::new())
    }

    fn carries_secret_within<'a>(&'a self, ty: &'a Ty, seen: &mut Vec<&'a str>) -> bool {
        match ty {
            Ty::Array(inner) | Ty::Map(inner) => self.carries_secret_within(inner, seen),
            Ty::Struct(name) if !seen.contains(&name.as_str()) => {
                seen.push(name);
                self.structs
                    .iter()
                    .filter(|s| &s.name == name)
                    .flat_map(|s| &s.fields)
                    .any(|f| f.secret || self.carries_secret_within(&f.ty, seen))
            }
            _ => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// UpperCamelCase product name.
    pub name: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub host: String,
    /// The base path as written, for docs.
    pub base_path_template: String,
    pub base_path: Vec<PathPart>,
    /// Parameters of the base path, given to the client's constructor.
    pub params: Vec<Field>,
    pub docs_url: Option<String>,
    pub deprecated: Option<String>,
    pub envelope: Option<Envelope>,
    pub style: Style,
    /// Host labels per site, where they differ from `host` (`fin` → `fin-ncloud`).
    pub site_hosts: Vec<(String, String)>,
}

/// The API style of a product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// REST paths and JSON bodies.
    Rest,
    /// ncloud action-style: `GET /{product}/v2/{action}?a=1&list.1=x&responseFormatType=json`,
    /// answers wrapped in `{"<action>Response": {...}}`.
    Action,
}

/// A success envelope: member names and the success code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub code: String,
    pub success: String,
    pub message: String,
    pub data: String,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    Literal(String),
    /// A parameter, by wire name.
    Param(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Name on the wire (JSON key, query name, form field, header).
    pub wire: String,
    /// Rust identifier text, without `r#`.
    pub rust: String,
    pub ty: Ty,
    pub required: bool,
    pub desc: Option<String>,
    /// Documented default, as TOML text.
    pub default: Option<String>,
    pub format: Option<String>,
    pub limits: Limits,
    /// Limits that replace `limits` when the request's case is the value (`SMS`).
    pub cases: Vec<(String, Limits)>,
    /// Sent as JSON `null` when unset (optional JSON body fields only).
    pub nullable: bool,
    /// The client base64-encodes the value (query parameters).
    pub base64: bool,
    /// A secret (a private key NCP returns, a password it takes): kept out of `Debug`, URLs and
    /// errors.
    pub secret: bool,
    /// How the field differs from NCP's official catalogue, and why.
    pub deviation: Option<String>,
}

/// Documented limits, kept as data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Limits {
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub max_bytes: Option<u64>,
}

/// A field type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    String,
    Integer,
    Number,
    Boolean,
    /// Any JSON value.
    Json,
    /// A file part of a multipart body.
    File,
    /// Binary content, base64 text in JSON (`ncp_runtime::Blob`).
    Bytes,
    Array(Box<Ty>),
    /// A JSON object with arbitrary keys.
    Map(Box<Ty>),
    /// A `[types.Name]`.
    Struct(String),
    /// An `[enums.Name]`.
    Enum(String),
    /// NCP's `{"code","codeName"}` object, with the codes of an enum (or any string).
    Code(Option<String>),
}

impl Ty {
    /// Whether the type is one value on the wire (usable in paths, queries, headers, form text).
    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            Ty::String | Ty::Integer | Ty::Number | Ty::Boolean | Ty::Enum(_)
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct StructDef {
    pub name: String,
    pub description: Option<String>,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumKind {
    String,
    Integer,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumDef {
    pub name: String,
    pub description: Option<String>,
    pub kind: EnumKind,
    pub values: Vec<EnumValue>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    pub wire: WireValue,
    pub variant: String,
    pub desc: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireValue {
    String(String),
    Integer(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    Json,
    Multipart,
    /// The only body field's value is the whole JSON body (a top-level array, say).
    Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// snake_case method name.
    pub name: String,
    /// UpperCamelCase prefix of the operation's types (`SendMessages` → `SendMessagesRequest`).
    pub type_prefix: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// Upper-case HTTP method.
    pub method: String,
    pub path_template: String,
    pub path: Vec<PathPart>,
    pub status: u16,
    /// `None` when the operation documents no response body.
    pub response: Option<Ty>,
    pub idempotent: bool,
    pub deprecated: Option<String>,
    /// How the operation differs from NCP's official catalogue, and why.
    pub deviation: Option<String>,
    /// Example response body, as JSON text (checked to be JSON).
    pub example: Option<String>,
    /// Action-style: the member the answer is wrapped in (`getServerInstanceListResponse`).
    pub wrapper: Option<String>,
    pub path_params: Vec<Field>,
    pub query: Vec<Field>,
    pub headers: Vec<Field>,
    /// `None` when the request has no body.
    pub body: Option<(BodyFormat, Vec<Field>)>,
    /// How a list operation pages; `None` for the others.
    pub pagination: Option<Pagination>,
    /// Rules between the request's fields (wire names).
    pub rules: Vec<Rule>,
    /// The top-level input (wire name) whose value picks the limits of fields with `cases`.
    pub case: Option<String>,
    /// Action-style with a secret parameter: sent as POST, the parameters in a form body.
    pub form_body: bool,
}

/// A rule between a request's fields, by wire name (see `ncp_runtime::checks::Rule`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    OneOf(Vec<Vec<String>>),
    Together(Vec<String>),
    Exclusive(Vec<String>),
    MaxSpan {
        from: String,
        to: String,
        seconds: u64,
    },
}

/// How a list operation pages: Rust names of the fields involved (see `paging.rs`).
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The request's page number field, and whether it is required (not an `Option`).
    pub page: (String, bool),
    /// The request's page size field, and whether it is required.
    pub size: (String, bool),
    /// The response's item list: field, item type, required.
    pub items: (String, Ty, bool),
    /// Where the total number of items is.
    pub total: Option<Total>,
    /// The response's more-pages flag field, and whether it is required.
    pub has_more: Option<(String, bool)>,
    pub first_page: i64,
}

/// Where a paged answer reports the total number of items.
#[derive(Debug, Clone, PartialEq)]
pub enum Total {
    /// Action-style `totalRows`, kept by `ActionResponse`.
    ActionRows,
    /// A field of the response type, and whether it is required.
    Field(String, bool),
}

impl Operation {
    /// The request type's name.
    pub fn request_type(&self) -> String {
        format!("{}Request", self.type_prefix)
    }

    /// Every input field, in the order of the request type: path, query, headers, body.
    pub fn inputs(&self) -> impl Iterator<Item = &Field> {
        self.path_params
            .iter()
            .chain(&self.query)
            .chain(&self.headers)
            .chain(self.body.iter().flat_map(|(_, fields)| fields))
    }
}
