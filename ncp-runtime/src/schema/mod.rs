//! The spec of a product as data, emitted by `#[ncp_api]` next to the client as `SCHEMA`. The mock
//! gateway (feature `mock`) serves and validates requests from it, so a product's fake needs no
//! code of its own.
//!
//! `SCHEMA` is a [`Schema`]: the spec in a compact text, decoded into a [`Product`] the first time
//! it is used. Compiling one string costs next to nothing, where the same data written as Rust
//! literals was over a third of a product's generated code; programs that never start a mock
//! gateway never decode it.

mod text;

pub use text::Schema;

/// A product: its gateway host, base path, envelope and operations.
#[derive(Debug)]
pub struct Product {
    /// The product's name in the spec (`FriendTalk`).
    pub name: &'static str,
    /// Gateway host label (`sens`).
    pub host: &'static str,
    /// The base path template, e.g. `/friendtalk/v2/services/{serviceId}`.
    pub base_path: &'static str,
    /// The success envelope, when the product wraps its answers.
    pub envelope: Option<crate::Envelope>,
    /// Whether the product is action-style (answers wrapped per action, `responseError` bodies).
    pub action: bool,
    /// Every operation.
    pub operations: &'static [Operation],
    /// Named object types.
    pub structs: &'static [Struct],
    /// Named enums.
    pub enums: &'static [Enum],
}

/// One operation.
#[derive(Debug)]
pub struct Operation {
    /// The Rust method name (`send_messages`).
    pub name: &'static str,
    /// Upper-case HTTP method.
    pub method: &'static str,
    /// Path template under the base path (`/messages/{messageId}`).
    pub path: &'static str,
    /// Documented success status.
    pub status: u16,
    /// Path parameters of the operation (not the base path's).
    pub path_params: &'static [Field],
    /// Query parameters.
    pub query: &'static [Field],
    /// Header parameters.
    pub headers: &'static [Field],
    /// Body format and fields, when there is a body.
    pub body: Option<(BodyFormat, &'static [Field])>,
    /// Response body type; `None` for no body (or a null envelope data member).
    pub response: Option<Type>,
    /// An example response body (JSON text) from the spec.
    pub example: Option<&'static str>,
    /// Action-style: the member the answer is wrapped in (`getServerInstanceListResponse`).
    pub wrapper: Option<&'static str>,
    /// Rules between the request's fields (the client checks them too).
    pub rules: &'static [crate::checks::Rule],
    /// The top-level request field whose value (a message type) picks the limits of fields
    /// that have [`Field::cases`].
    pub case: Option<&'static str>,
}

/// How a body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    /// A JSON object.
    Json,
    /// `multipart/form-data`.
    Multipart,
    /// JSON: the one body field's value is the whole body (a top-level array, say).
    Value,
}

/// A field or parameter.
#[derive(Debug)]
pub struct Field {
    /// Name on the wire.
    pub wire: &'static str,
    /// Its type.
    pub ty: Type,
    /// Whether it must be present.
    pub required: bool,
    /// Documented limits.
    pub limits: Limits,
    /// Limits that replace [`Field::limits`] when the request's case (see [`Operation::case`])
    /// is the given value (compared ASCII case-insensitively).
    pub cases: &'static [(&'static str, Limits)],
}

impl Field {
    /// The limits that apply when the request's case is `case`.
    pub fn limits_for(&self, case: Option<&str>) -> &Limits {
        case.and_then(|case| {
            self.cases
                .iter()
                .find(|(value, _)| value.eq_ignore_ascii_case(case))
        })
        .map_or(&self.limits, |(_, limits)| limits)
    }
}

/// Documented limits.
#[derive(Debug, Clone, Copy, Default)]
pub struct Limits {
    /// Smallest value.
    pub min: Option<i64>,
    /// Largest value.
    pub max: Option<i64>,
    /// Fewest characters.
    pub min_length: Option<u64>,
    /// Most characters.
    pub max_length: Option<u64>,
    /// Fewest items.
    pub min_items: Option<u64>,
    /// Most items.
    pub max_items: Option<u64>,
    /// Most bytes: of a string as SENS counts them ([`crate::checks::byte_count`]), of binary
    /// content as it is.
    pub max_bytes: Option<u64>,
}

/// A type.
#[derive(Debug, Clone, Copy)]
pub enum Type {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// A number.
    Number,
    /// true or false.
    Boolean,
    /// Any JSON value.
    Json,
    /// A file part.
    File,
    /// Binary content, a base64 string in JSON.
    Bytes,
    /// A list.
    Array(&'static Type),
    /// An object with arbitrary keys.
    Map(&'static Type),
    /// A named object type.
    Struct(&'static str),
    /// A named enum.
    Enum(&'static str),
    /// NCP's `{"code","codeName"}` object, with the codes of a named enum or any string.
    Code(Option<&'static str>),
}

/// A named object type.
#[derive(Debug)]
pub struct Struct {
    /// Its name.
    pub name: &'static str,
    /// Its fields.
    pub fields: &'static [Field],
}

/// A named enum.
#[derive(Debug)]
pub struct Enum {
    /// Its name.
    pub name: &'static str,
    /// Its documented values.
    pub values: &'static [EnumValue],
}

/// A documented enum value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumValue {
    /// A string value.
    String(&'static str),
    /// An integer value.
    Integer(i64),
}

impl Product {
    /// The named struct.
    pub fn find_struct(&self, name: &str) -> Option<&'static Struct> {
        self.structs.iter().find(|s| s.name == name)
    }

    /// The named enum.
    pub fn find_enum(&self, name: &str) -> Option<&'static Enum> {
        self.enums.iter().find(|e| e.name == name)
    }
}
