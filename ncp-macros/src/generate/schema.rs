//! `SCHEMA`: the spec as static data (`ncp_runtime::schema`), for the mock gateway and for
//! anything else that wants to reason about the product at run time.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, BodyFormat, EnumDef, Field, Limits, Operation, StructDef, Ty, WireValue};

pub fn generate(api: &Api) -> TokenStream {
    let s = &api.service;
    let (name, host, base_path) = (&s.name, &s.host, &s.base_path_template);
    let envelope = match &s.envelope {
        Some(e) => {
            let (code, success, message, data) = (&e.code, &e.success, &e.message, &e.data);
            quote!(::std::option::Option::Some(::ncp_runtime::Envelope { code: #code, success: #success, message: #message, data: #data }))
        }
        None => quote!(::std::option::Option::None),
    };
    let action = s.style == crate::ir::Style::Action;
    let operations = api.operations.iter().map(operation);
    let structs = api.structs.iter().map(structure);
    let enums = api.enums.iter().map(enumeration);
    quote! {
        /// This product's spec as data: operations, parameters, bodies, types and enums. The mock
        /// gateway of `ncp-runtime` (feature `mock`) serves the product from it.
        pub static SCHEMA: ::ncp_runtime::schema::Product = ::ncp_runtime::schema::Product {
            name: #name,
            host: #host,
            base_path: #base_path,
            envelope: #envelope,
            action: #action,
            operations: &[#(#operations),*],
            structs: &[#(#structs),*],
            enums: &[#(#enums),*],
        };
    }
}

fn operation(op: &Operation) -> TokenStream {
    let (name, method, path, status) = (&op.name, &op.method, &op.path_template, op.status);
    let path_params = fields(&op.path_params);
    let query = fields(&op.query);
    let headers = fields(&op.headers);
    let body = match &op.body {
        Some((format, list)) => {
            let format = match format {
                BodyFormat::Json => quote!(::ncp_runtime::schema::BodyFormat::Json),
                BodyFormat::Multipart => quote!(::ncp_runtime::schema::BodyFormat::Multipart),
            };
            let list = fields(list);
            quote!(::std::option::Option::Some((#format, #list)))
        }
        None => quote!(::std::option::Option::None),
    };
    let response = match &op.response {
        Some(ty) => {
            let ty = ty_tokens(ty);
            quote!(::std::option::Option::Some(#ty))
        }
        None => quote!(::std::option::Option::None),
    };
    let wrapper = match &op.wrapper {
        Some(text) => quote!(::std::option::Option::Some(#text)),
        None => quote!(::std::option::Option::None),
    };
    let example = match &op.example {
        Some(text) => quote!(::std::option::Option::Some(#text)),
        None => quote!(::std::option::Option::None),
    };
    quote! {
        ::ncp_runtime::schema::Operation {
            name: #name,
            method: #method,
            path: #path,
            status: #status,
            path_params: #path_params,
            query: #query,
            headers: #headers,
            body: #body,
            response: #response,
            example: #example,
            wrapper: #wrapper,
        }
    }
}

fn fields(list: &[Field]) -> TokenStream {
    let items = list.iter().map(|f| {
        let (wire, required) = (&f.wire, f.required);
        let ty = ty_tokens(&f.ty);
        let limits = limits(&f.limits);
        quote!(::ncp_runtime::schema::Field { wire: #wire, ty: #ty, required: #required, limits: #limits })
    });
    quote!(&[#(#items),*])
}

fn limits(l: &Limits) -> TokenStream {
    fn opt<T: quote::ToTokens>(v: Option<T>) -> TokenStream {
        match v {
            Some(v) => quote!(::std::option::Option::Some(#v)),
            None => quote!(::std::option::Option::None),
        }
    }
    let (min, max) = (opt(l.min), opt(l.max));
    let (min_length, max_length) = (opt(l.min_length), opt(l.max_length));
    let (min_items, max_items) = (opt(l.min_items), opt(l.max_items));
    quote! {
        ::ncp_runtime::schema::Limits {
            min: #min, max: #max, min_length: #min_length, max_length: #max_length,
            min_items: #min_items, max_items: #max_items,
        }
    }
}

fn ty_tokens(ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(::ncp_runtime::schema::Type::String),
        Ty::Integer => quote!(::ncp_runtime::schema::Type::Integer),
        Ty::Number => quote!(::ncp_runtime::schema::Type::Number),
        Ty::Boolean => quote!(::ncp_runtime::schema::Type::Boolean),
        Ty::Json => quote!(::ncp_runtime::schema::Type::Json),
        Ty::File => quote!(::ncp_runtime::schema::Type::File),
        Ty::Array(inner) => {
            let inner = ty_tokens(inner);
            quote!(::ncp_runtime::schema::Type::Array(&#inner))
        }
        Ty::Map(inner) => {
            let inner = ty_tokens(inner);
            quote!(::ncp_runtime::schema::Type::Map(&#inner))
        }
        Ty::Struct(name) => quote!(::ncp_runtime::schema::Type::Struct(#name)),
        Ty::Enum(name) => quote!(::ncp_runtime::schema::Type::Enum(#name)),
        Ty::Code(Some(name)) => {
            quote!(::ncp_runtime::schema::Type::Code(::std::option::Option::Some(#name)))
        }
        Ty::Code(None) => quote!(::ncp_runtime::schema::Type::Code(
            ::std::option::Option::None
        )),
    }
}

fn structure(def: &StructDef) -> TokenStream {
    let name = &def.name;
    let list = fields(&def.fields);
    quote!(::ncp_runtime::schema::Struct { name: #name, fields: #list })
}

fn enumeration(def: &EnumDef) -> TokenStream {
    let name = &def.name;
    let values = def.values.iter().map(|v| match &v.wire {
        WireValue::String(s) => quote!(::ncp_runtime::schema::EnumValue::String(#s)),
        WireValue::Integer(i) => quote!(::ncp_runtime::schema::EnumValue::Integer(#i)),
    });
    quote!(::ncp_runtime::schema::Enum { name: #name, values: &[#(#values),*] })
}
