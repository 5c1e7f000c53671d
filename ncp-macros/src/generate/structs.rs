//! Structs with a constructor that takes the required fields and a setter per optional field, so
//! a missing required field is a compile error, not a runtime one.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::types::{field_type, is_lenient_scalar, rust_type, value_type};
use crate::ir::{Field, StructDef, Ty};
use crate::names::ident;

/// One field with the label its docs give for where it goes (`JSON field`, `Query parameter`).
pub struct Member<'a> {
    pub field: &'a Field,
    pub place: &'static str,
}

/// A `[types.Name]` struct: serializable and deserializable JSON object, and, when its fields
/// allow, a query value flattened the action-style way (`prefix.field`, `prefix.list.1`).
pub fn model(def: &StructDef, flattenable: bool) -> TokenStream {
    let members: Vec<Member> = def
        .fields
        .iter()
        .map(|field| Member {
            field,
            place: "JSON field",
        })
        .collect();
    let fallback = format!("The `{}` object.", def.name);
    let doc = docs::paragraphs([def.description.as_deref().or(Some(&fallback))]);
    let name = format_ident!("{}", def.name);
    let fields = members.iter().map(|m| {
        let serde = serde_attrs(m.field);
        let decl = declaration(m);
        quote!(#serde #decl)
    });
    let derive_default = default_derive(&members);
    let methods = constructor_and_setters(&def.name, &members);
    let flatten = flattenable.then(|| {
        let pushes = def.fields.iter().map(|f| {
            let wire = &f.wire;
            let field = ident(&f.rust);
            quote!(::ncp_runtime::QueryFlatten::flatten_into(&self.#field, &::std::format!("{}.{}", prefix, #wire), target);)
        });
        quote! {
            impl ::ncp_runtime::QueryFlatten for #name {
                fn flatten_into(&self, prefix: &str, target: &mut ::ncp_runtime::Target) {
                    #(#pushes)*
                }
            }
        }
    });
    quote! {
        #flatten
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq #derive_default, ::ncp_runtime::__private::serde::Serialize, ::ncp_runtime::__private::serde::Deserialize)]
        #[serde(crate = "::ncp_runtime::__private::serde")]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
        #methods
    }
}

/// An operation's request struct: plain data, encoded by the client method.
pub fn request(name: &str, doc: &str, members: &[Member]) -> TokenStream {
    let ident = format_ident!("{}", name);
    let fields = members.iter().map(declaration);
    let derive_default = default_derive(members);
    let methods = constructor_and_setters(name, members);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq #derive_default)]
        #[non_exhaustive]
        pub struct #ident {
            #(#fields)*
        }
        #methods
    }
}

fn default_derive(members: &[Member]) -> TokenStream {
    if members.iter().all(|m| !m.field.required) {
        quote!(, Default)
    } else {
        quote!()
    }
}

fn declaration(m: &Member) -> TokenStream {
    let doc = docs::field(m.field, m.place);
    let name = ident(&m.field.rust);
    let ty = field_type(m.field);
    quote! {
        #[doc = #doc]
        pub #name: #ty,
    }
}

fn serde_attrs(field: &Field) -> TokenStream {
    let plain = plain_serde_attrs(field);
    let secret = secret_serialize_attr(field);
    quote!(#plain #secret)
}

/// A secret field opts in to clear-text serialization (`Secret` has no `Serialize` of its own).
pub fn secret_serialize_attr(field: &Field) -> TokenStream {
    match (field.secret, field.required) {
        (false, _) => quote!(),
        (true, true) => {
            quote!(#[serde(serialize_with = "::ncp_runtime::Secret::serialize_exposed")])
        }
        (true, false) => {
            quote!(#[serde(serialize_with = "::ncp_runtime::Secret::serialize_exposed_option")])
        }
    }
}

fn plain_serde_attrs(field: &Field) -> TokenStream {
    let wire = &field.wire;
    let lenient = is_lenient_scalar(&field.ty);
    match (field.required, lenient) {
        (true, false) => quote!(#[serde(rename = #wire)]),
        (true, true) => {
            quote!(#[serde(rename = #wire, deserialize_with = "::ncp_runtime::lenient::required")])
        }
        (false, false) => {
            quote!(#[serde(rename = #wire, default, skip_serializing_if = "Option::is_none")])
        }
        (false, true) => {
            quote!(#[serde(rename = #wire, default, skip_serializing_if = "Option::is_none", deserialize_with = "::ncp_runtime::lenient::optional")])
        }
    }
}

/// What a constructor or setter takes for a field, and how it becomes the field's value:
/// numbers as themselves (so `5_000_000_000` is an `i64` literal, not an overflowing `i32`),
/// lists from any iterator of convertible items (`["a", "b"]`), maps from any iterator of
/// convertible pairs, everything else through `Into`.
fn param(field: &Field, name: &proc_macro2::Ident) -> (TokenStream, TokenStream) {
    if field.secret {
        let ty = value_type(field);
        return (quote!(impl ::std::convert::Into<#ty>), quote!(#name.into()));
    }
    match &field.ty {
        Ty::Integer => (quote!(i64), quote!(#name)),
        Ty::Number => (quote!(f64), quote!(#name)),
        Ty::Array(inner) => {
            let item = rust_type(inner);
            (
                quote!(impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<#item>>),
                quote!(#name.into_iter().map(::std::convert::Into::into).collect()),
            )
        }
        Ty::Map(inner) => {
            let value = rust_type(inner);
            (
                quote!(impl ::std::iter::IntoIterator<Item = (impl ::std::convert::Into<::std::string::String>, impl ::std::convert::Into<#value>)>),
                quote!(#name.into_iter().map(|(k, v)| (k.into(), v.into())).collect()),
            )
        }
        _ => {
            let ty = value_type(field);
            (quote!(impl ::std::convert::Into<#ty>), quote!(#name.into()))
        }
    }
}

fn constructor_and_setters(type_name: &str, members: &[Member]) -> TokenStream {
    let ident_ty = format_ident!("{}", type_name);
    let required: Vec<&Member> = members.iter().filter(|m| m.field.required).collect();
    let params = required.iter().map(|m| {
        let name = ident(&m.field.rust);
        let (ty, _) = param(m.field, &name);
        quote!(#name: #ty)
    });
    let inits = members.iter().map(|m| {
        let name = ident(&m.field.rust);
        if m.field.required {
            let (_, convert) = param(m.field, &name);
            // Numbers are taken as they are: the shorthand, not `count: count`.
            if matches!(m.field.ty, Ty::Integer | Ty::Number) && !m.field.secret {
                quote!(#name)
            } else {
                quote!(#name: #convert)
            }
        } else {
            quote!(#name: ::std::option::Option::None)
        }
    });
    let required_names: Vec<String> = required
        .iter()
        .map(|m| format!("`{}`", m.field.wire))
        .collect();
    let new_doc = if required.is_empty() {
        format!("A `{type_name}` with every field unset; set them with the methods below.")
    } else {
        format!(
            "A `{type_name}` from its required fields ({}); set optional fields with the methods below.",
            required_names.join(", ")
        )
    };
    let setters = members.iter().filter(|m| !m.field.required).map(|m| {
        let name = ident(&m.field.rust);
        let value = format_ident!("value");
        let (ty, convert) = param(m.field, &value);
        // The field carries the whole doc; the setter names it and says what it is, so the
        // catalogue's thousands of setters do not repeat every field's doc (compile time).
        let rust = &m.field.rust;
        let what = m
            .field
            .desc
            .as_deref()
            .and_then(|d| d.lines().next())
            .map(|d| format!(": {d}"))
            .unwrap_or_default();
        let doc = format!("Sets [`{rust}`](Self::{rust}) (`{}`){what}", m.field.wire);
        quote! {
            #[doc = #doc]
            #[must_use]
            pub fn #name(mut self, value: #ty) -> Self {
                self.#name = ::std::option::Option::Some(#convert);
                self
            }
        }
    });
    quote! {
        impl #ident_ty {
            #[doc = #new_doc]
            #[allow(clippy::new_without_default, clippy::too_many_arguments)]
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits),* }
            }
            #(#setters)*
        }
    }
}
