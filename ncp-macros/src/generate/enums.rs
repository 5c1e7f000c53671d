//! Enums for documented values. Each keeps values it does not know in `Unknown`, so a value NCP
//! adds later decodes instead of failing.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use crate::ir::{EnumDef, EnumKind, WireValue};

pub fn generate(def: &EnumDef) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let fallback = format!("Documented values of `{}`.", def.name);
    let doc = docs::paragraphs([
        def.description.as_deref().or(Some(&fallback)),
        Some(
            "Values this version does not know are kept in `Unknown`; `From` makes a value from its wire form (a documented one becomes its variant).",
        ),
    ]);
    let variants: Vec<_> = def
        .values
        .iter()
        .map(|v| format_ident!("{}", v.variant))
        .collect();
    let variant_docs = def.values.iter().map(|v| {
        let wire = match &v.wire {
            WireValue::String(s) => format!("`{s}`"),
            WireValue::Integer(i) => format!("`{i}`"),
        };
        docs::paragraphs([Some(&*wire), v.desc.as_deref()])
    });
    let (unknown_ty, as_fn, deserialize, serialize, wire_text) = match def.kind {
        EnumKind::String => {
            let wires = def.values.iter().map(|v| match &v.wire {
                WireValue::String(s) => s.clone(),
                WireValue::Integer(i) => i.to_string(),
            });
            let wires2 = wires.clone();
            (
                quote!(::ncp_runtime::UnknownValue<::std::string::String>),
                quote! {
                    /// The value as sent on the wire.
                    pub fn as_str(&self) -> &str {
                        match self {
                            #(Self::#variants => #wires,)*
                            Self::Unknown(value) => value.get(),
                        }
                    }
                },
                quote! {
                    let value = <::std::string::String as ::ncp_runtime::__private::serde::Deserialize>::deserialize(deserializer)?;
                    ::std::result::Result::Ok(Self::from(value))
                },
                quote!(serializer.serialize_str(self.as_str())),
                quote! {
                    impl ::std::convert::From<::std::string::String> for #name {
                        fn from(value: ::std::string::String) -> Self {
                            match value.as_str() {
                                #(#wires2 => Self::#variants,)*
                                _ => Self::Unknown(::ncp_runtime::UnknownValue::__new(value)),
                            }
                        }
                    }
                    impl ::std::convert::From<&str> for #name {
                        fn from(value: &str) -> Self {
                            Self::from(value.to_owned())
                        }
                    }
                    impl ::std::fmt::Display for #name {
                        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            f.write_str(self.as_str())
                        }
                    }
                    impl ::ncp_runtime::WireText for #name {
                        fn with_wire_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
                            f(self.as_str())
                        }
                    }
                },
            )
        }
        EnumKind::Integer => {
            let codes: Vec<i64> = def
                .values
                .iter()
                .map(|v| match &v.wire {
                    WireValue::Integer(i) => *i,
                    WireValue::String(_) => 0,
                })
                .collect();
            (
                quote!(::ncp_runtime::UnknownValue<i64>),
                quote! {
                    /// The value as sent on the wire.
                    pub fn code(&self) -> i64 {
                        match self {
                            #(Self::#variants => #codes,)*
                            Self::Unknown(value) => *value.get(),
                        }
                    }
                },
                quote! {
                    // NCP sends these codes as numbers or as strings.
                    let value: i64 = ::ncp_runtime::lenient::required(deserializer)?;
                    ::std::result::Result::Ok(Self::from(value))
                },
                quote!(serializer.serialize_i64(self.code())),
                quote! {
                    impl ::std::convert::From<i64> for #name {
                        fn from(value: i64) -> Self {
                            match value {
                                #(#codes => Self::#variants,)*
                                _ => Self::Unknown(::ncp_runtime::UnknownValue::__new(value)),
                            }
                        }
                    }
                    impl ::std::fmt::Display for #name {
                        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            ::std::fmt::Display::fmt(&self.code(), f)
                        }
                    }
                    impl ::ncp_runtime::WireText for #name {
                        fn with_wire_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
                            f(&self.code().to_string())
                        }
                    }
                },
            )
        }
    };
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#[doc = #variant_docs] #variants,)*
            /// A value not documented when this crate was generated, kept as received. Made by
            /// `From` only, so it never holds a documented value.
            Unknown(#unknown_ty),
        }
        impl #name {
            /// Every documented value.
            pub const KNOWN: &'static [Self] = &[#(Self::#variants),*];
            #as_fn
        }
        #wire_text
        impl ::ncp_runtime::__private::serde::Serialize for #name {
            fn serialize<S: ::ncp_runtime::__private::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                #serialize
            }
        }
        impl<'de> ::ncp_runtime::__private::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::ncp_runtime::__private::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                #deserialize
            }
        }
    }
}
