//! `wait_until_<name>(id, options)` on the product client for each `[waiters.<name>]`: it builds
//! the polled operation's request from the id and hands the rest to `ncp_runtime::wait`, written
//! once.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::client::output_type;
use super::docs;
use crate::ir::{Api, WaiterDef};
use crate::names::ident;

/// The waiter methods of the client.
pub fn methods(api: &Api) -> TokenStream {
    let methods = api.waiters.iter().map(|w| method(api, w));
    quote!(#(#methods)*)
}

fn method(api: &Api, w: &WaiterDef) -> TokenStream {
    let op = &api.operations[w.operation];
    let method = format_ident!("wait_until_{}", w.name);
    let poll = ident(&op.name);
    let request = format_ident!("{}", op.request_type());
    let output = output_type(op);
    let param = ident(&w.param);
    let (field, is_list, required) = (&w.input.0, w.input.1, w.input.2);
    let value = if is_list {
        quote!(::std::vec![#param.clone()])
    } else {
        quote!(#param.clone())
    };
    let build = if required {
        quote!(#request::new(#value))
    } else {
        let setter = ident(field);
        quote!(#request::new().#setter(#value))
    };
    let name = &w.name;
    let state = &w.state;
    let success = &w.success;
    let failure = &w.failure;
    let gone = w.gone_is_success;
    let (min, max, timeout) = (w.min_delay, w.max_delay, w.timeout);
    let states = |list: &[String]| {
        if list.is_empty() {
            "none".to_owned()
        } else {
            list.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let doc = docs::paragraphs([
        w.description.as_deref(),
        Some(&*format!(
            "Polls [`Self::{}`] until `{state}` is {}{}; fails on {}. Delays grow from {min} s to {max} s (jittered); the wait gives up after {timeout} s. `options` changes those for this call. Returns the last answer.",
            op.name,
            states(&w.success),
            if gone { " or the resource is gone" } else { "" },
            states(&w.failure),
        )),
        Some(
            "# Errors\n\n[`ncp_runtime::Error::Waiter`] with the last state seen on a failure state or at the timeout; the poll's own error when a poll fails. Dropping the future stops polling.",
        ),
    ]);
    quote! {
        #[doc = #doc]
        pub async fn #method(
            &self,
            #param: impl ::std::convert::Into<::std::string::String>,
            options: ::ncp_runtime::WaitOptions,
        ) -> ::ncp_runtime::Result<#output> {
            const WAITER: ::ncp_runtime::Waiter = ::ncp_runtime::Waiter {
                name: #name,
                state: #state,
                success: &[#(#success),*],
                failure: &[#(#failure),*],
                gone_is_success: #gone,
                min_delay: ::std::time::Duration::from_secs(#min),
                max_delay: ::std::time::Duration::from_secs(#max),
                timeout: ::std::time::Duration::from_secs(#timeout),
            };
            let #param: ::std::string::String = #param.into();
            ::ncp_runtime::wait(&WAITER, options, || self.#poll(#build)).await
        }
    }
}
