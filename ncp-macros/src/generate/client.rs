//! The product client: one async method per operation, and the request type of each.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::structs::{self, Member};
use super::types::{rust_type, value_type};
use crate::ir::{Api, BodyFormat, Field, Operation, PathPart, Style, Ty};
use crate::names::ident;

/// `checked`: the structs with limits, whose requests are checked before they are built.
pub fn generate(api: &Api, checked: &std::collections::BTreeSet<String>) -> TokenStream {
    let service = &api.service;
    let client = format_ident!("{}Client", service.name);
    let paginate = super::paging::paginate_method(api);
    let waiters = super::waiters::methods(api);
    let host = &service.host;
    let title = service.title.as_deref().unwrap_or(&service.name);
    let doc = docs::paragraphs([
        Some(&*format!("Client of {title}.")),
        service
            .deprecated
            .as_deref()
            .map(|d| format!("**Deprecated**: {d}"))
            .as_deref(),
        service.description.as_deref(),
        Some(&*format!(
            "Requests go to `https://{host}.apigw.ntruss.com{}` on the public site (see [`ncp_runtime::Site`] for gov and fin). Cloning is cheap and shares the connection pool.",
            service.base_path_template
        )),
        Some(
            "# Errors\n\nEvery method returns [`ncp_runtime::Error::Service`] when NCP answers with an error status (its code, message and body are kept); [`ncp_runtime::Error::Decode`] when a success body does not match the documented type; [`ncp_runtime::Error::InvalidRequest`] when a path parameter is empty; [`ncp_runtime::Error::Timeout`] or [`ncp_runtime::Error::Transport`] when there is no complete answer. Retries follow the client's [`ncp_runtime::RetryPolicy`] and [`Self::with_options`]; the error reports how many attempts were made.",
        ),
    ]);
    let params: Vec<&Field> = service.params.iter().collect();
    // Strings are kept as `Arc<str>`, so cloning a client (one per task is common) allocates
    // nothing.
    let stored = |ty: &Ty| match ty {
        Ty::String => quote!(::std::sync::Arc<str>),
        other => rust_type(other),
    };
    let param_fields = params.iter().map(|f| {
        let name = ident(&f.rust);
        let ty = stored(&f.ty);
        quote!(#name: #ty,)
    });
    let param_args = params.iter().map(|f| {
        let name = ident(&f.rust);
        let ty = rust_type(&f.ty);
        quote!(#name: impl ::std::convert::Into<#ty>)
    });
    let param_inits = params.iter().map(|f| {
        let name = ident(&f.rust);
        match f.ty {
            Ty::String => quote!(#name: ::std::sync::Arc::from(#name.into()),),
            _ => quote!(#name: #name.into(),),
        }
    });
    let param_docs: Vec<String> = params
        .iter()
        .map(|f| format!("- `{}`: {}", f.rust, f.desc.as_deref().unwrap_or(&f.wire)))
        .collect();
    let new_doc = docs::paragraphs([
        Some(
            "A client that sends its requests with `client`'s credentials, endpoint and connection pool.",
        ),
        (!param_docs.is_empty()).then_some(&*param_docs.join("\n")),
    ]);
    let base_steps = path_steps(
        &service.base_path,
        &service.params,
        |name| quote!(self.#name),
    );
    let getters = params.iter().map(|f| {
        let name = ident(&f.rust);
        let ty = match f.ty {
            Ty::String => quote!(str),
            _ => rust_type(&f.ty),
        };
        let doc = format!("The `{}` this client was made with.", f.wire);
        quote! {
            #[doc = #doc]
            pub fn #name(&self) -> &#ty {
                &self.#name
            }
        }
    });
    let methods = api.operations.iter().map(|op| method(api, op, checked));
    let origin = if service.site_hosts.is_empty() {
        quote!(client.origin_for(Self::HOST))
    } else {
        let pairs = service.site_hosts.iter().map(|(site, host)| {
            let site = format_ident!("{}", crate::names::type_name(site));
            quote!((::ncp_runtime::Site::#site, #host))
        });
        quote!(client.origin_with_hosts(Self::HOST, &[#(#pairs),*]))
    };
    let deprecated = deprecated_attr(service.deprecated.as_deref());
    let envelope = service.envelope.as_ref().map(|e| {
        let (code, success, message, data) = (&e.code, &e.success, &e.message, &e.data);
        quote! {
            /// The success envelope every response of this product is wrapped in.
            const ENVELOPE: ::ncp_runtime::Envelope = ::ncp_runtime::Envelope {
                code: #code,
                success: #success,
                message: #message,
                data: #data,
            };
        }
    });
    let requests = api.operations.iter().map(request_type);
    quote! {
        #[doc = #doc]
        #deprecated
        #[derive(Debug, Clone)]
        pub struct #client {
            client: ::ncp_runtime::Client,
            origin: ::std::sync::Arc<str>,
            options: ::ncp_runtime::CallOptions,
            #(#param_fields)*
        }

        #[allow(deprecated)]
        impl #client {
            /// The gateway host label of this product.
            pub const HOST: &'static str = #host;
            #envelope

            #[doc = #new_doc]
            pub fn new(client: &::ncp_runtime::Client, #(#param_args),*) -> Self {
                Self {
                    client: client.clone(),
                    origin: ::std::sync::Arc::from(#origin),
                    options: ::ncp_runtime::CallOptions::new(),
                    #(#param_inits)*
                }
            }

            /// The shared runtime client.
            pub fn runtime(&self) -> &::ncp_runtime::Client {
                &self.client
            }

            /// The origin requests go to (`https://sens.apigw.ntruss.com`, or the override).
            pub fn origin(&self) -> &str {
                &self.origin
            }

            /// A copy of this client whose calls use `options` (retry policy, timeouts, deadline,
            /// the opt-in to retry non-idempotent requests) instead of the runtime client's.
            #[must_use]
            pub fn with_options(&self, options: ::ncp_runtime::CallOptions) -> Self {
                Self { options, ..self.clone() }
            }

            #(#getters)*

            #paginate

            #waiters

            /// The target of an operation, starting with the base path.
            #[allow(dead_code)]
            fn target(&self, operation: &'static str) -> ::ncp_runtime::Result<::ncp_runtime::Target> {
                let _ = operation;
                let mut target = ::ncp_runtime::Target::default();
                #(#base_steps)*
                ::std::result::Result::Ok(target)
            }

            #(#methods)*
        }

        #(#requests)*
    }
}

/// `#[deprecated(note = ...)]` when the spec marks the item deprecated.
fn deprecated_attr(note: Option<&str>) -> TokenStream {
    match note {
        Some(note) => quote!(#[deprecated(note = #note)]),
        None => quote!(),
    }
}

/// Statements that append a path template to `target`.
fn path_steps(
    parts: &[PathPart],
    params: &[Field],
    access: impl Fn(proc_macro2::Ident) -> TokenStream,
) -> Vec<TokenStream> {
    parts
        .iter()
        .map(|part| match part {
            PathPart::Literal(text) => quote!(target.push_literal(#text);),
            PathPart::Param(wire) => {
                let field = params
                    .iter()
                    .find(|f| &f.wire == wire)
                    .expect("validated: path params are declared");
                let value = access(ident(&field.rust));
                quote!(target.push_param(operation, #wire, &#value)?;)
            }
        })
        .collect()
}

fn request_type(op: &Operation) -> TokenStream {
    let body_place = match &op.body {
        Some((BodyFormat::Multipart, _)) => "Form field",
        Some((BodyFormat::Value, _)) => "The whole JSON body",
        _ => "JSON body field",
    };
    let members: Vec<Member> = op
        .path_params
        .iter()
        .map(|field| Member {
            field,
            place: "Path parameter",
        })
        .chain(op.query.iter().map(|field| Member {
            field,
            place: "Query parameter",
        }))
        .chain(op.headers.iter().map(|field| Member {
            field,
            place: "Header",
        }))
        .chain(
            op.body
                .iter()
                .flat_map(|(_, fields)| fields)
                .map(|field| Member {
                    field,
                    place: body_place,
                }),
        )
        .collect();
    let summary = op
        .summary
        .as_deref()
        .map(|s| format!(": {s}"))
        .unwrap_or_default();
    let doc = format!(
        "Input of `{}`{summary}.\n\nRequired fields are taken by `new`, so a request cannot lack one.",
        op.name
    );
    structs::request(&op.request_type(), &doc, &members)
}

/// What an operation's method returns: the response type, `ActionResponse<T>` for action-style
/// operations, `()` without a body.
pub fn output_type(op: &Operation) -> TokenStream {
    match &op.response {
        _ if op.wrapper.is_some() => {
            let data = op
                .response
                .as_ref()
                .map_or_else(|| quote!(::ncp_runtime::NoFields), rust_type);
            quote!(::ncp_runtime::ActionResponse<#data>)
        }
        Some(ty) => rust_type(ty),
        None => quote!(()),
    }
}

fn method(api: &Api, op: &Operation, checked: &std::collections::BTreeSet<String>) -> TokenStream {
    let service = &api.service;
    let name = ident(&op.name);
    let op_name = &op.name;
    let method = format_ident!("{}", op.method);
    let idempotent = op.idempotent;
    let request_ty = format_ident!("{}", op.request_type());
    let output = output_type(op);
    let finish = match (&op.response, &service.envelope) {
        _ if op.wrapper.is_some() => {
            let wrapper = op.wrapper.as_deref().unwrap_or_default();
            quote!(response.action(#wrapper))
        }
        (Some(_), None) => quote!(response.json()),
        (None, None) => quote!(response.empty()),
        (Some(_), Some(_)) => quote!(response.enveloped(&Self::ENVELOPE)),
        (None, Some(_)) => quote!(response.enveloped_empty(&Self::ENVELOPE)),
    };
    // A secret in the answer (a private key) must not reach errors through the raw body.
    let conceal = op
        .response
        .as_ref()
        .is_some_and(|ty| api.carries_secret(ty))
        .then(|| quote!(let response = response.carrying_secrets();));
    let path_steps = path_steps(&op.path, &op.path_params, |name| quote!(request.#name));
    // A secret parameter (a password) goes in a form body, not in the URL.
    let form = op.form_body.then(|| quote!(http.query_into_form_body();));
    let query_steps = op.query.iter().map(|f| {
        let wire = &f.wire;
        let name = ident(&f.rust);
        match (f.base64, f.required) {
            (true, true) => quote!(target.push_query(#wire, &::ncp_runtime::Base64(&request.#name));),
            (true, false) => quote!(target.push_query(#wire, &request.#name.as_deref().map(::ncp_runtime::Base64));),
            (false, _) => quote!(target.push_query(#wire, &request.#name);),
        }
    });
    // Action-style APIs answer XML unless asked for JSON.
    let format_step = (service.style == Style::Action)
        .then(|| quote!(target.push_query_pair("responseFormatType", "json");));
    let header_steps = op.headers.iter().map(|f| {
        let wire = &f.wire;
        let name = ident(&f.rust);
        quote!(http.push_header(#wire, &request.#name);)
    });
    let body = match &op.body {
        None => quote!(),
        Some((BodyFormat::Json, fields)) => json_body(fields),
        Some((BodyFormat::Value, fields)) => {
            let name = ident(&fields[0].rust);
            quote!(http.body = ::ncp_runtime::Body::json(operation, &request.#name)?;)
        }
        Some((BodyFormat::Multipart, fields)) => {
            let pushes = fields.iter().map(|f| {
                let wire = &f.wire;
                let name = ident(&f.rust);
                quote!(form.push(#wire, &request.#name);)
            });
            quote! {
                let mut form = ::ncp_runtime::MultipartForm::default();
                #(#pushes)*
                http.body = ::ncp_runtime::Body::Multipart(form);
            }
        }
    };
    let uses_request = op.inputs().next().is_some();
    let silence = if uses_request {
        quote!()
    } else {
        quote!(let _ = request;)
    };
    let full_path = format!("{}{}", service.base_path_template, op.path_template);
    let returns = match (&op.response, &service.envelope) {
        (Some(ty), None) => format!("Answers `{}` with {}.", op.status, docs::type_text(ty)),
        (None, None) => format!("Answers `{}` with no body.", op.status),
        (Some(ty), Some(e)) => format!(
            "Answers `{}` with {} in the `{}` member of the envelope; a `{}` other than `{}` is an error.",
            op.status,
            docs::type_text(ty),
            e.data,
            e.code,
            e.success
        ),
        (None, Some(e)) => format!(
            "Answers `{}` with an envelope whose `{}` is null; a `{}` other than `{}` is an error.",
            op.status, e.data, e.code, e.success
        ),
    };
    let deprecated = deprecated_attr(op.deprecated.as_deref());
    let once = if op.idempotent {
        "Idempotent: retried on throttling, transient errors and timeouts."
    } else {
        "Not idempotent: once the request may have reached NCP it is not sent again (only a connection that never opened, or a timestamp the gateway rejected, is retried) unless the call opts in with `CallOptions::retry_non_idempotent`."
    };
    let doc = docs::paragraphs([
        op.summary.as_deref(),
        op.deprecated
            .as_deref()
            .map(|d| format!("**Deprecated**: {d}"))
            .as_deref(),
        op.description.as_deref(),
        op.deviation
            .as_deref()
            .map(|d| format!("Differs from NCP's SDK catalogue: {d}"))
            .as_deref(),
        crate::rules::describe(&op.rules).as_deref(),
        Some(&*format!(
            "`{} {}`{}. {returns} {once}",
            op.method,
            full_path,
            if op.form_body {
                " with the parameters in a form body (one is a secret: it stays out of URLs and logs)"
            } else {
                ""
            }
        )),
        Some(
            "# Errors\n\nAn [`ncp_runtime::Error`]: NCP's answer (status, code, message, body), a decode failure, an invalid request, or no complete answer; see the client's docs.",
        ),
    ]);
    let prepare = format_ident!("{}_request", op.name);
    // Documented limits are checked before anything is built (unless the call skips checks).
    let check = super::checks::request_checked(op, checked).then(|| {
        quote! {
            if !self.options.checks_skipped() {
                ::ncp_runtime::checks::check(operation, request)?;
            }
        }
    });
    let prepare_doc = format!(
        "The HTTP request [`Self::{}`] sends for `request` (target, header parameters, body), built but neither signed nor sent: for dry runs, logging and benchmarks.",
        op.name
    );
    quote! {
        #[doc = #prepare_doc]
        #deprecated
        pub fn #prepare(&self, request: &#request_ty) -> ::ncp_runtime::Result<::ncp_runtime::Request> {
            let operation = #op_name;
            #silence
            #check
            let mut target = self.target(operation)?;
            #(#path_steps)*
            #(#query_steps)*
            #format_step
            let mut http = ::ncp_runtime::Request::new(target);
            #(#header_steps)*
            #body
            #form
            ::std::result::Result::Ok(http)
        }

        #[doc = #doc]
        #deprecated
        pub async fn #name(&self, request: #request_ty) -> ::ncp_runtime::Result<#output> {
            const OPERATION: ::ncp_runtime::Operation = ::ncp_runtime::Operation {
                name: #op_name,
                method: ::ncp_runtime::__private::Method::#method,
                idempotent: #idempotent,
            };
            let http = self.#prepare(&request)?;
            let response = self.client.send_with(&OPERATION, &self.origin, http, &self.options).await?;
            #conceal
            #finish
        }
    }
}

/// Serializes the body fields through a borrowing view, so the request is not copied.
fn json_body(fields: &[Field]) -> TokenStream {
    let decls = fields.iter().map(|f| {
        let name = ident(&f.rust);
        let wire = &f.wire;
        let ty = value_type(f);
        let secret = structs::secret_serialize_attr(f);
        if f.required {
            quote!(#[serde(rename = #wire)] #secret #name: &'a #ty,)
        } else if f.nullable {
            quote!(#[serde(rename = #wire)] #secret #name: ::std::option::Option<&'a #ty>,)
        } else {
            quote!(#[serde(rename = #wire, skip_serializing_if = "Option::is_none")] #secret #name: ::std::option::Option<&'a #ty>,)
        }
    });
    let inits = fields.iter().map(|f| {
        let name = ident(&f.rust);
        if f.required {
            quote!(#name: &request.#name,)
        } else {
            quote!(#name: request.#name.as_ref(),)
        }
    });
    let needs_lifetime = !fields.is_empty();
    let generics = if needs_lifetime {
        quote!(<'a>)
    } else {
        quote!()
    };
    quote! {
        #[derive(::ncp_runtime::__private::serde::Serialize)]
        #[serde(crate = "::ncp_runtime::__private::serde")]
        struct Body #generics { #(#decls)* }
        http.body = ::ncp_runtime::Body::json(operation, &Body { #(#inits)* })?;
    }
}
