//! Rust types for spec types.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::Ty;

/// The Rust type of a spec type.
pub fn rust_type(ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(::std::string::String),
        Ty::Integer => quote!(i64),
        Ty::Number => quote!(f64),
        Ty::Boolean => quote!(bool),
        Ty::Json => quote!(::ncp_runtime::__private::serde_json::Value),
        Ty::File => quote!(::ncp_runtime::FilePart),
        Ty::Bytes => quote!(::ncp_runtime::Blob),
        Ty::Array(inner) => {
            let inner = rust_type(inner);
            quote!(::std::vec::Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = rust_type(inner);
            quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
        }
        Ty::Struct(name) | Ty::Enum(name) => {
            let ident = format_ident!("{}", name);
            quote!(#ident)
        }
        Ty::Code(Some(name)) => {
            let ident = format_ident!("{}", name);
            quote!(::ncp_runtime::CommonCode<#ident>)
        }
        Ty::Code(None) => quote!(::ncp_runtime::CommonCode),
    }
}

/// The Rust type of a field's value: its type, or `Secret` for a secret string.
pub fn value_type(field: &crate::ir::Field) -> TokenStream {
    if field.secret {
        quote!(::ncp_runtime::Secret)
    } else {
        rust_type(&field.ty)
    }
}

/// The Rust type of a field: `Option<T>` unless required.
pub fn field_type(field: &crate::ir::Field) -> TokenStream {
    let inner = value_type(field);
    if field.required {
        inner
    } else {
        quote!(::std::option::Option<#inner>)
    }
}

/// Whether values of the type are decoded leniently (numbers and booleans sent as strings).
pub fn is_lenient_scalar(ty: &Ty) -> bool {
    matches!(ty, Ty::Integer | Ty::Number | Ty::Boolean)
}
