//! `#[ncp_api(spec = "...", self_test)]`: a `#[cfg(test)]` test in the product module that calls
//! every operation through the generated client, built from its required fields only, against the
//! embedded gateway serving the same spec. A spec the client and the gateway read differently
//! (a required field the gateway expects and the client cannot send, a limit the sample breaks, a
//! route that does not match) fails it. It compiles only in the crate's own test build, so users
//! pay nothing for it; the crate needs `tokio` (macros, rt) and `ncp-runtime`'s `mock` feature as
//! dev-dependencies.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::value_type;
use crate::ir::{Api, EnumKind, Field, Ty};

/// The test module, or nothing when the attribute did not ask for it.
pub fn generate(api: &Api) -> TokenStream {
    let client = format_ident!("{}Client", api.service.name);
    let params = api.service.params.iter().map(|f| sample_field(api, f, 0));
    let calls = api.operations.iter().map(|op| {
        let method = format_ident!("{}", op.name);
        let request = format_ident!("{}", op.request_type());
        let args = op
            .inputs()
            .filter(|f| f.required)
            .map(|f| sample_field(api, f, 0));
        // A `one_of` rule is met by its first group's fields.
        let setters = op
            .rules
            .iter()
            .filter_map(|r| match r {
                crate::ir::Rule::OneOf(groups) => groups.first(),
                _ => None,
            })
            .flatten()
            .filter_map(|wire| op.inputs().find(|f| &f.wire == wire && !f.required))
            .map(|f| {
                let setter = crate::names::ident(&f.rust);
                let value = sample_field(api, f, 0);
                quote!(.#setter(#value))
            });
        let name = &op.name;
        quote! {
            if let ::std::result::Result::Err(error) = client.#method(#request::new(#(#args),*) #(#setters)*).await {
                failures.push(::std::format!("{}: {}", #name, error));
            }
        }
    });
    let count = api.operations.len();
    quote! {
        #[cfg(test)]
        #[allow(deprecated, clippy::all)]
        mod self_test {
            use super::*;

            #[::tokio::test]
            async fn every_operation_is_sent_and_served_by_the_embedded_gateway() {
                let gateway = ::ncp_runtime::mock::MockGateway::start(&[&SCHEMA]).await;
                let runtime = gateway
                    .client_builder()
                    .retry_policy(::ncp_runtime::RetryPolicy::none())
                    .build()
                    .expect("a client for the embedded gateway");
                let client = #client::new(&runtime #(, #params)*);
                let mut failures: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
                #(#calls)*
                assert!(failures.is_empty(), "operations that failed: {:#?}", failures);
                let served: ::std::collections::BTreeSet<::std::string::String> = gateway
                    .requests()
                    .iter()
                    .filter(|r| (200..300).contains(&r.status))
                    .filter_map(|r| r.operation.as_ref().map(::std::string::ToString::to_string))
                    .collect();
                assert_eq!(served.len(), #count, "every operation served once: {:?}", served);
            }
        }
    }
}

/// A value of a required field that NCP's documented limits accept.
fn sample_field(api: &Api, field: &Field, depth: usize) -> TokenStream {
    if field.secret {
        let ty = value_type(field);
        return quote!(#ty::from(::std::string::String::from("sample-secret")));
    }
    sample(api, field, &field.ty, depth)
}

fn sample(api: &Api, field: &Field, ty: &Ty, depth: usize) -> TokenStream {
    let limits = &field.limits;
    match ty {
        Ty::String => {
            let len = 6u64
                .max(limits.min_length.unwrap_or(0))
                .min(limits.max_length.unwrap_or(u64::MAX))
                .min(limits.max_bytes.unwrap_or(u64::MAX))
                .max(1);
            let text: String = "sample"
                .chars()
                .chain(std::iter::repeat('x'))
                .take(len as usize)
                .collect();
            quote!(::std::string::String::from(#text))
        }
        Ty::Integer => {
            let v = 1i64
                .max(limits.min.unwrap_or(i64::MIN))
                .min(limits.max.unwrap_or(i64::MAX));
            quote!(#v)
        }
        Ty::Number => {
            let v = 1i64
                .max(limits.min.unwrap_or(i64::MIN))
                .min(limits.max.unwrap_or(i64::MAX)) as f64;
            quote!(#v)
        }
        Ty::Boolean => quote!(true),
        Ty::Json => quote!(::ncp_runtime::__private::serde_json::Value::Object(
            ::std::default::Default::default()
        )),
        Ty::File => quote!(::ncp_runtime::FilePart::from_bytes(
            "sample.png",
            ::std::vec![0x89, b'P', b'N', b'G']
        )),
        Ty::Bytes => quote!(::ncp_runtime::Blob::from(::std::vec![0xff, 0xd8, 0xff])),
        Ty::Map(_) => quote!(::std::collections::BTreeMap::new()),
        Ty::Code(_) => quote!(::std::default::Default::default()),
        Ty::Enum(name) => {
            let def = api
                .enums
                .iter()
                .find(|e| &e.name == name)
                .expect("validated enum");
            let ident = format_ident!("{}", def.name);
            match def.values.first() {
                Some(v) => {
                    let variant = format_ident!("{}", v.variant);
                    quote!(#ident::#variant)
                }
                None => match def.kind {
                    EnumKind::Integer => quote!(#ident::from(0i64)),
                    EnumKind::String => quote!(#ident::from("")),
                },
            }
        }
        Ty::Array(inner) => {
            let n = limits.min_items.unwrap_or(0).max(1);
            if depth > 4 && limits.min_items.unwrap_or(0) == 0 {
                return quote!(::std::vec::Vec::new());
            }
            let item = sample(api, field, inner, depth + 1);
            let n = n as usize;
            quote!(::std::vec![#item; #n])
        }
        Ty::Struct(name) => {
            let def = api
                .structs
                .iter()
                .find(|s| &s.name == name)
                .expect("validated struct");
            let ident = format_ident!("{}", def.name);
            let args = def
                .fields
                .iter()
                .filter(|f| f.required)
                .map(|f| sample_field(api, f, depth + 1));
            // An object of optional fields only would be sent as nothing at all: set its first
            // scalar so that a required list of such objects is really sent.
            let first = (!def.fields.iter().any(|f| f.required))
                .then(|| def.fields.iter().find(|f| f.ty.is_scalar() && !f.secret))
                .flatten()
                .map(|f| {
                    let setter = crate::names::ident(&f.rust);
                    let value = sample_field(api, f, depth + 1);
                    quote!(.#setter(#value))
                });
            quote!(#ident::new(#(#args),*) #first)
        }
    }
}
