//! The macro's pipeline, independent of `proc_macro` so it runs in unit tests: arguments and
//! module in, tokens out. Reading the file is the only side effect.

use std::path::{Path, PathBuf};

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{ItemMod, LitStr, Token};

use crate::diagnostic::SpecError;
use crate::{generate, model, validate};

/// `#[ncp_api(spec = "spec/x.toml")]`, or `#[ncp_api(spec = "spec/x.toml", self_test)]` for a
/// `#[cfg(test)]` test of every operation against the embedded gateway.
pub struct Args {
    pub spec: LitStr,
    pub self_test: bool,
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let key: syn::Ident = input.parse()?;
        if key != "spec" {
            return Err(syn::Error::new(
                key.span(),
                "expected `spec = \"path/to/spec.toml\"`",
            ));
        }
        input.parse::<Token![=]>()?;
        let spec: LitStr = input.parse()?;
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
        let mut self_test = false;
        if input.peek(syn::Ident) {
            let flag: syn::Ident = input.parse()?;
            if flag != "self_test" {
                return Err(syn::Error::new(
                    flag.span(),
                    "unexpected argument; `#[ncp_api]` takes `spec = \"...\"` and, optionally, `self_test`",
                ));
            }
            self_test = true;
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        if !input.is_empty() {
            return Err(input.error(
                "unexpected argument; `#[ncp_api]` takes `spec = \"...\"` and, optionally, `self_test`",
            ));
        }
        Ok(Args { spec, self_test })
    }
}

/// Expands `#[ncp_api(args)] mod name {}` with the spec found relative to `manifest_dir`.
pub fn expand(args: TokenStream, item: TokenStream, manifest_dir: &Path) -> TokenStream {
    let args: Args = match syn::parse2(args) {
        Ok(a) => a,
        Err(e) => return e.to_compile_error(),
    };
    let module: ItemMod = match syn::parse2(item) {
        Ok(m) => m,
        Err(e) => {
            return syn::Error::new(e.span(), "#[ncp_api] goes on a module: `pub mod name {}`")
                .to_compile_error();
        }
    };
    let shown = args.spec.value();
    let path = resolve(manifest_dir, &shown);
    let span = args.spec.span();
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            let message = format!(
                "{shown}: cannot read the spec file ({e}); looked at {} (relative paths start at the crate root, CARGO_MANIFEST_DIR)",
                path.display()
            );
            return skeleton(&module, None, vec![syn::Error::new(span, message)]);
        }
    };
    let result = model::parse(&text)
        .map_err(|e| vec![e])
        .and_then(|raw| validate::validate(&raw));
    match result {
        Ok(api) => {
            let items = generate::generate(&api);
            let self_test = args.self_test.then(|| generate::self_test(&api));
            let doc = generate::module_doc(&api, &shown);
            let attrs = &module.attrs;
            let vis = &module.vis;
            let name = &module.ident;
            let existing = module
                .content
                .as_ref()
                .map(|(_, items)| items.as_slice())
                .unwrap_or_default();
            let track = track(&path);
            // An inner doc: its intra-doc links (`VnasClient::get_x`) resolve inside the module.
            quote! {
                #(#attrs)*
                #vis mod #name {
                    #![doc = #doc]
                    #track
                    #items
                    #self_test
                    #(#existing)*
                }
            }
        }
        Err(errors) => {
            let errors = errors
                .iter()
                .map(|e| spec_error(e, &shown, &text, span))
                .collect();
            skeleton(&module, Some(&path), errors)
        }
    }
}

/// Relative spec paths are resolved against the crate root; absolute ones are used as they are.
/// A leading `$NAME/` is the value of the environment variable `NAME` at expansion time, for
/// crates generated elsewhere (trybuild's, under whatever `CARGO_TARGET_DIR` is) that need a
/// fixed place; an unset variable leaves the path as written, which then fails to be read.
pub fn resolve(manifest_dir: &Path, spec: &str) -> PathBuf {
    let expanded = expand_variable(spec);
    let spec = Path::new(expanded.as_deref().unwrap_or(spec));
    if spec.is_absolute() {
        spec.to_owned()
    } else {
        manifest_dir.join(spec)
    }
}

/// `$NAME/rest` with `NAME` set: its value joined with `rest`.
fn expand_variable(spec: &str) -> Option<String> {
    let (name, rest) = spec.strip_prefix('$')?.split_once('/')?;
    let value = std::env::var(name).ok()?;
    Some(format!("{}/{rest}", value.trim_end_matches('/')))
}

/// Makes cargo rebuild the crate when the spec changes (stable Rust has no tracked-file API).
fn track(path: &Path) -> TokenStream {
    let abs = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    let abs = abs.to_string_lossy();
    quote!(
        const _: &str = include_str!(#abs);
    )
}

fn spec_error(error: &SpecError, shown: &str, text: &str, span: Span) -> syn::Error {
    syn::Error::new(span, error.render(shown, text))
}

/// The module with the errors and nothing generated, so one spec mistake is reported once
/// instead of as a cascade of unresolved names.
fn skeleton(module: &ItemMod, path: Option<&Path>, errors: Vec<syn::Error>) -> TokenStream {
    let errors = errors.iter().map(syn::Error::to_compile_error);
    let attrs = &module.attrs;
    let vis = &module.vis;
    let name = &module.ident;
    let track = path.map(track);
    quote! {
        #(#attrs)*
        #vis mod #name {
            #track
            #(#errors)*
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_variable_is_expanded_from_the_environment() {
        let crate_dir = Path::new("/crate");
        assert_eq!(
            resolve(crate_dir, "$CARGO_MANIFEST_DIR/spec/a.toml"),
            Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/a.toml")
        );
        assert_eq!(
            resolve(crate_dir, "$NCP_MACROS_SURELY_UNSET/a.toml"),
            crate_dir.join("$NCP_MACROS_SURELY_UNSET/a.toml")
        );
        assert_eq!(
            resolve(crate_dir, "spec/a.toml"),
            crate_dir.join("spec/a.toml")
        );
    }

    fn write_spec(name: &str, text: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ncp-macros-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("spec.toml"), text).unwrap();
        dir
    }

    #[test]
    fn a_missing_file_names_the_path() {
        let out = expand(
            quote!(spec = "spec/none.toml"),
            quote!(
                pub mod x {}
            ),
            Path::new("/nowhere"),
        )
        .to_string();
        assert!(
            out.contains("spec/none.toml: cannot read the spec file"),
            "{out}"
        );
        assert!(out.contains("pub mod x"), "{out}");
    }

    #[test]
    fn spec_errors_are_located_and_the_module_remains() {
        let dir = write_spec(
            "bad",
            "[service]\nname = \"X\"\nhost = \"x\"\nbase_path = \"/x\"\n[types.T.fields]\na = { type = \"strng\" }\n",
        );
        let out = expand(
            quote!(spec = "spec.toml"),
            quote!(
                pub mod x {}
            ),
            &dir,
        )
        .to_string();
        assert!(
            out.contains("spec.toml:6:14: unknown type `strng`"),
            "{out}"
        );
        assert!(out.contains("did you mean `string`?"), "{out}");
        assert!(out.contains("pub mod x"), "{out}");
    }

    #[test]
    fn a_good_spec_expands_to_parseable_rust_that_tracks_the_file() {
        let dir = write_spec(
            "good",
            "[service]\nname = \"X\"\nhost = \"x\"\nbase_path = \"/x\"\n[operations.get_thing]\nmethod = \"GET\"\npath = \"/things/{id}\"\nresponse = \"[string]\"\npath_params.id = { type = \"string\" }\n",
        );
        let out = expand(
            quote!(spec = "spec.toml"),
            quote!(
                pub mod x {}
            ),
            &dir,
        );
        let file: syn::File = syn::parse2(out.clone()).expect("generated code parses");
        let text = prettyplease::unparse(&file);
        assert!(text.contains("pub async fn get_thing"), "{text}");
        assert!(text.contains("include_str!"), "{text}");
    }
}
