//! Paged operations: `impl ncp_runtime::Paginated` for each list operation's request type, and the
//! product client's one generic `paginate` method. The paging logic itself is written once, in
//! `ncp_runtime::Paginator`; each operation only says where its page fields are.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::client::output_type;
use super::types::rust_type;
use crate::ir::{Api, Operation, Pagination, Total};
use crate::names::ident;

/// The `impl Paginated` of every paged operation.
pub fn generate(api: &Api) -> TokenStream {
    let impls = api
        .operations
        .iter()
        .filter_map(|op| op.pagination.as_ref().map(|p| paginated(api, op, p)));
    quote!(#(#impls)*)
}

/// `paginate` on the product client, when any of its operations pages.
pub fn paginate_method(api: &Api) -> TokenStream {
    let paged: Vec<String> = api
        .operations
        .iter()
        .filter(|op| op.pagination.is_some())
        .map(|op| format!("[`{}`]", op.request_type()))
        .collect();
    if paged.is_empty() {
        return quote!();
    }
    let doc = format!(
        "The pages or items of a list operation, as streams: `client.paginate(request).items()`. Each page is a normal call (signed, retried, bounded by this client's options); the stream ends after the last page. Paged here: {}.",
        paged.join(", ")
    );
    quote! {
        #[doc = #doc]
        pub fn paginate<R: ::ncp_runtime::Paginated<Client = Self>>(&self, request: R) -> ::ncp_runtime::Paginator<R> {
            ::ncp_runtime::Paginator::new(self.clone(), request)
        }
    }
}

fn paginated(api: &Api, op: &Operation, p: &Pagination) -> TokenStream {
    let request = format_ident!("{}", op.request_type());
    let client = format_ident!("{}Client", api.service.name);
    let method = ident(&op.name);
    let name = &op.name;
    let output = output_type(op);
    let first = p.first_page;
    let item = rust_type(&p.items.1);
    // Action-style answers keep the action's members in `ActionResponse::result`.
    let data = if op.wrapper.is_some() {
        quote!(output.result)
    } else {
        quote!(output)
    };
    let (page, page_required) = (ident(&p.page.0), p.page.1);
    let (size, size_required) = (ident(&p.size.0), p.size.1);
    let get = |field: &syn::Ident, required: bool| {
        if required {
            quote!(::std::option::Option::Some(self.#field))
        } else {
            quote!(self.#field)
        }
    };
    let get_page = get(&page, page_required);
    let get_size = get(&size, size_required);
    let set_page = if page_required {
        quote!(self.#page = page;)
    } else {
        quote!(self.#page = ::std::option::Option::Some(page);)
    };
    let items = ident(&p.items.0);
    let (borrow, take) = if p.items.2 {
        (quote!(&#data.#items), quote!(#data.#items))
    } else {
        (
            quote!(#data.#items.as_deref().unwrap_or(&[])),
            quote!(#data.#items.unwrap_or_default()),
        )
    };
    let optional = |field: &str, required: bool| {
        let field = ident(field);
        if required {
            quote!(::std::option::Option::Some(#data.#field))
        } else {
            quote!(#data.#field)
        }
    };
    let total = p.total.as_ref().map(|t| {
        let value = match t {
            Total::ActionRows => quote!(output.total_rows),
            Total::Field(field, required) => optional(field, *required),
        };
        quote! {
            fn total(output: &Self::Output) -> ::std::option::Option<i64> {
                #value
            }
        }
    });
    let has_more = p.has_more.as_ref().map(|(field, required)| {
        let value = optional(field, *required);
        quote! {
            fn has_more(output: &Self::Output) -> ::std::option::Option<bool> {
                #value
            }
        }
    });
    quote! {
        #[allow(deprecated)]
        impl ::ncp_runtime::Paginated for #request {
            type Client = #client;
            type Output = #output;
            type Item = #item;
            const OPERATION: &'static str = #name;
            const FIRST_PAGE: i64 = #first;

            fn fetch(client: &#client, request: Self) -> ::ncp_runtime::PageFuture<Self::Output> {
                let client = client.clone();
                ::std::boxed::Box::pin(async move { client.#method(request).await })
            }
            fn page(&self) -> ::std::option::Option<i64> {
                #get_page
            }
            fn set_page(&mut self, page: i64) {
                #set_page
            }
            fn page_size(&self) -> ::std::option::Option<i64> {
                #get_size
            }
            fn items(output: &Self::Output) -> &[Self::Item] {
                #borrow
            }
            fn into_items(output: Self::Output) -> ::std::vec::Vec<Self::Item> {
                #take
            }
            #total
            #has_more
        }
    }
}
