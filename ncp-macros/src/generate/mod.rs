//! Generation: the checked model in, Rust tokens out. Every generated item is documented from
//! the spec; generated code names runtime items by absolute path (`::ncp_runtime::...`).

mod checks;
mod client;
mod docs;
mod enums;
mod paging;
mod schema;
mod self_test;
mod structs;
mod types;
mod waiters;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Ty};

/// The items of a product module.
pub fn generate(api: &Api) -> TokenStream {
    let structs = api
        .structs
        .iter()
        .map(|s| structs::model(s, flattenable(api, &s.name, 0)));
    let enums = api.enums.iter().map(enums::generate);
    let checked = checks::checked_structs(api);
    let client = client::generate(api, &checked);
    let paging = paging::generate(api);
    let checks = checks::generate(api, &checked);
    let schema = schema::generate(api);
    quote! {
        #client
        #paging
        #checks
        #schema
        #(#structs)*
        #(#enums)*
    }
}

pub use self_test::generate as self_test;

/// Whether a struct can be sent as a query value: every field a scalar, a list, or such a struct.
/// A secret field flattens too: operations that send one carry their pairs in a form body.
fn flattenable(api: &Api, name: &str, depth: usize) -> bool {
    fn ty_ok(api: &Api, ty: &Ty, depth: usize) -> bool {
        match ty {
            Ty::String | Ty::Integer | Ty::Number | Ty::Boolean | Ty::Enum(_) => true,
            Ty::Array(inner) => ty_ok(api, inner, depth),
            Ty::Struct(n) => flattenable(api, n, depth + 1),
            _ => false,
        }
    }
    depth < 8
        && api
            .structs
            .iter()
            .find(|s| s.name == name)
            .is_some_and(|s| s.fields.iter().all(|f| ty_ok(api, &f.ty, depth)))
}

/// The module doc of a product.
pub fn module_doc(api: &Api, spec_path: &str) -> String {
    let s = &api.service;
    let title = s.title.as_deref().unwrap_or(&s.name);
    let mut ops = String::new();
    for op in &api.operations {
        // Not `[link]: text`: at the start of a line that is a Markdown link reference
        // definition, and a summary without spaces ("メッセージの送信") would vanish into it.
        let summary = op
            .summary
            .as_deref()
            .map(|t| format!(" — {t}"))
            .unwrap_or_default();
        ops.push_str(&format!(
            "- [`{}Client::{}`]{summary} (`{} {}{}`)\n",
            s.name, op.name, op.method, s.base_path_template, op.path_template
        ));
    }
    docs::paragraphs([
        Some(&*format!("# {title}")),
        s.deprecated
            .as_deref()
            .map(|d| format!("**Deprecated**: {d}"))
            .as_deref(),
        s.description.as_deref(),
        s.docs_url
            .as_deref()
            .map(|u| format!("NCP reference: <{u}>"))
            .as_deref(),
        Some(&*format!("Generated from `{spec_path}`.")),
        (!ops.is_empty()).then_some(&*format!("## Operations\n\n{ops}")),
    ])
}
