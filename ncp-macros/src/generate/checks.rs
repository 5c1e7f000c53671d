//! `impl ncp_runtime::checks::Check` for every request and object type with documented limits
//! (or holding objects that have them): one line per limited field, the checking itself written
//! once in the runtime. Types without limits get no impl and their requests no check.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Api, Field, Limits, Operation, Rule, Ty};
use crate::names::ident;

/// The structs that have a limit somewhere inside them.
pub fn checked_structs(api: &Api) -> BTreeSet<String> {
    let mut checked = BTreeSet::new();
    // Grow the set until it is stable: a struct is checked when a field has limits or holds a
    // checked struct. Recursion-safe and at most one pass per nesting level.
    loop {
        let before = checked.len();
        for s in &api.structs {
            if !checked.contains(&s.name) && s.fields.iter().any(|f| field_checked(f, &checked)) {
                checked.insert(s.name.clone());
            }
        }
        if checked.len() == before {
            return checked;
        }
    }
}

/// Whether an operation's request is checked before it is sent.
pub fn request_checked(op: &Operation, checked: &BTreeSet<String>) -> bool {
    !op.rules.is_empty() || op.inputs().any(|f| field_checked(f, checked))
}

/// The impls for the structs and for the operations' requests.
pub fn generate(api: &Api, checked: &BTreeSet<String>) -> TokenStream {
    let structs = api
        .structs
        .iter()
        .filter(|s| checked.contains(&s.name))
        .map(|s| implementation(&s.name, s.fields.iter(), checked, quote!(), quote!()));
    let requests = api
        .operations
        .iter()
        .filter(|op| request_checked(op, checked))
        .map(|op| {
            let case = case(op);
            let rules = rules(op);
            implementation(&op.request_type(), op.inputs(), checked, case, rules)
        });
    quote!(#(#structs)* #(#requests)*)
}

fn implementation<'a>(
    name: &str,
    fields: impl Iterator<Item = &'a Field>,
    checked: &BTreeSet<String>,
    case: TokenStream,
    rules: TokenStream,
) -> TokenStream {
    let name = format_ident!("{}", name);
    let lines = fields.filter_map(|f| line(f, checked));
    quote! {
        #[allow(deprecated)]
        impl ::ncp_runtime::checks::Check for #name {
            fn check(&self, c: &mut ::ncp_runtime::checks::Checker) {
                #case
                #(#lines)*
                #rules
            }
        }
    }
}

/// Tells the checker the request's case (the value of the operation's `case` field), which
/// picks the limits of fields that have `cases`.
fn case(op: &Operation) -> TokenStream {
    let Some(f) = op
        .case
        .as_ref()
        .and_then(|w| op.inputs().find(|f| &f.wire == w))
    else {
        return quote!();
    };
    let field = ident(&f.rust);
    let value = match (&f.ty, f.required) {
        (Ty::Enum(_), true) => quote!(::std::option::Option::Some(self.#field.as_str())),
        (Ty::Enum(_), false) => quote!(self.#field.as_ref().map(|v| v.as_str())),
        (_, true) => quote!(::std::option::Option::Some(self.#field.as_str())),
        (_, false) => quote!(self.#field.as_deref()),
    };
    quote!(c.set_case(#value);)
}

/// The operation's cross-field rules: the rule data, and each named field's text by wire name.
fn rules(op: &Operation) -> TokenStream {
    if op.rules.is_empty() {
        return quote!();
    }
    let rules = op.rules.iter().map(|r| match r {
        Rule::OneOf(groups) => {
            let groups = groups.iter().map(|g| quote!(&[#(#g),*]));
            quote!(::ncp_runtime::checks::Rule::OneOf(&[#(#groups),*]))
        }
        Rule::Together(fields) => quote!(::ncp_runtime::checks::Rule::Together(&[#(#fields),*])),
        Rule::Exclusive(fields) => quote!(::ncp_runtime::checks::Rule::Exclusive(&[#(#fields),*])),
        Rule::MaxSpan { from, to, seconds } => {
            quote!(::ncp_runtime::checks::Rule::MaxSpan { from: #from, to: #to, seconds: #seconds })
        }
    });
    let mut named: Vec<&String> = op
        .rules
        .iter()
        .flat_map(|r| match r {
            Rule::OneOf(groups) => groups.iter().flatten().collect::<Vec<_>>(),
            Rule::Together(fields) | Rule::Exclusive(fields) => fields.iter().collect(),
            Rule::MaxSpan { from, to, .. } => vec![from, to],
        })
        .collect();
    named.sort();
    named.dedup();
    let arms = named.iter().filter_map(|wire| {
        let f = op.inputs().find(|f| &f.wire == *wire)?;
        let field = ident(&f.rust);
        let cow = quote!(::std::borrow::Cow);
        // Only strings are read (spans); other fields only need to be present.
        let value = match (&f.ty, f.required) {
            (Ty::String, true) if !f.secret => {
                quote!(::std::option::Option::Some(#cow::Borrowed(self.#field.as_str())))
            }
            (Ty::String, false) if !f.secret => quote!(self.#field.as_deref().map(#cow::Borrowed)),
            (_, true) => quote!(::std::option::Option::Some(#cow::Borrowed(""))),
            (_, false) => quote!(self.#field.as_ref().map(|_| #cow::Borrowed(""))),
        };
        Some(quote!(#wire => #value,))
    });
    quote! {
        c.rules(&[#(#rules),*], &|wire: &str| match wire {
            #(#arms)*
            _ => ::std::option::Option::None,
        });
    }
}

fn has_limits(l: &Limits) -> bool {
    *l != Limits::default()
}

fn field_checked(f: &Field, checked: &BTreeSet<String>) -> bool {
    has_limits(&f.limits) || !f.cases.is_empty() || holds_checked(&f.ty, checked)
}

fn holds_checked(ty: &Ty, checked: &BTreeSet<String>) -> bool {
    match ty {
        Ty::Struct(name) => checked.contains(name),
        Ty::Array(inner) => holds_checked(inner, checked),
        _ => false,
    }
}

/// The check of one field, or nothing when it has no limit to check. A field with `cases` is
/// checked with the limits of the request's case, or its own in any other case.
fn line(f: &Field, checked: &BTreeSet<String>) -> Option<TokenStream> {
    if f.cases.is_empty() {
        return line_with(f, &f.limits, checked);
    }
    let branches = f.cases.iter().map(|(case, limits)| {
        let check = line_with(f, limits, checked);
        quote!(if c.case_is(#case) { #check } else)
    });
    let otherwise = line_with(f, &f.limits, checked);
    Some(quote!(#(#branches)* { #otherwise }))
}

fn line_with(f: &Field, l: &Limits, checked: &BTreeSet<String>) -> Option<TokenStream> {
    let wire = &f.wire;
    let opt_u = |v: Option<u64>| {
        v.map_or(
            quote!(::std::option::Option::None),
            |v| quote!(::std::option::Option::Some(#v)),
        )
    };
    let opt_i = |v: Option<i64>| {
        v.map_or(
            quote!(::std::option::Option::None),
            |v| quote!(::std::option::Option::Some(#v)),
        )
    };
    let (min, max) = (opt_i(l.min), opt_i(l.max));
    let (min_len, max_len) = (opt_u(l.min_length), opt_u(l.max_length));
    let (min_items, max_items) = (opt_u(l.min_items), opt_u(l.max_items));
    let has_length = l.min_length.is_some() || l.max_length.is_some();
    // `v` is the value: a reference for strings, lists and objects, a copy for numbers.
    let check = match &f.ty {
        Ty::String if !f.secret && (has_length || l.max_bytes.is_some()) => {
            let length = has_length.then(|| quote!(c.text(#wire, v, #min_len, #max_len);));
            let bytes = l.max_bytes.map(|max| quote!(c.text_bytes(#wire, v, #max);));
            quote!(#length #bytes)
        }
        Ty::Bytes => {
            let max = l.max_bytes?;
            quote!(c.blob(#wire, v.len(), #max);)
        }
        Ty::Integer if l.min.is_some() || l.max.is_some() => {
            quote!(c.integer(#wire, *v, #min, #max);)
        }
        Ty::Number if l.min.is_some() || l.max.is_some() => {
            quote!(c.number(#wire, *v, #min, #max);)
        }
        Ty::Array(inner) => {
            let count = (l.min_items.is_some() || l.max_items.is_some())
                .then(|| quote!(c.items(#wire, v.len(), #min_items, #max_items);));
            let each = matches!(&**inner, Ty::Struct(n) if checked.contains(n))
                .then(|| quote!(c.each(#wire, v);));
            if count.is_none() && each.is_none() {
                return None;
            }
            quote!(#count #each)
        }
        Ty::Struct(name) if checked.contains(name) => quote!(c.nested(#wire, v);),
        _ => return None,
    };
    let field = ident(&f.rust);
    Some(if f.required {
        quote!({ let v = &self.#field; #check })
    } else {
        quote!(if let ::std::option::Option::Some(v) = &self.#field { #check })
    })
}
