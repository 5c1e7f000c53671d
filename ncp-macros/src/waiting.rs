//! `[waiters.<name>]` checked against the operations: the polled operation exists, the id goes
//! in a string (or list of strings) field of its request, and no other field is required, so the
//! generated `wait_until_<name>(id, options)` can build the request alone.

use std::ops::Range;

use toml::Spanned;

use crate::ir::{Api, Ty, WaiterDef};
use crate::model::RawWaiter;
use crate::names;

/// Defaults when the spec does not say: NCP's slow resources (servers, clusters) take minutes.
const MIN_DELAY: u64 = 5;
const MAX_DELAY: u64 = 30;
const TIMEOUT: u64 = 1800;

/// The waiter `key`, or its located mistakes.
pub fn resolve(
    api: &Api,
    key: &Spanned<String>,
    raw: &RawWaiter,
) -> Result<WaiterDef, Vec<(Range<usize>, String)>> {
    let mut errors = Vec::new();
    let name = names::field_name(key.get_ref());
    if !names::usable_as_ident(&name) {
        errors.push((
            key.span(),
            format!("waiter `{}` is not a usable method name", key.get_ref()),
        ));
    }
    let wanted = names::field_name(raw.operation.get_ref());
    let Some(index) = api.operations.iter().position(|o| o.name == wanted) else {
        errors.push((
            raw.operation.span(),
            format!(
                "waiter `{}` polls `{}`, which is not an operation of this spec",
                key.get_ref(),
                raw.operation.get_ref()
            ),
        ));
        return Err(errors);
    };
    let op = &api.operations[index];
    let input = op.inputs().find(|f| &f.wire == raw.input.get_ref());
    let input = match input {
        Some(f) if f.ty == Ty::String => Some((f.rust.clone(), false, f.required)),
        Some(f) if f.ty == Ty::Array(Box::new(Ty::String)) => {
            Some((f.rust.clone(), true, f.required))
        }
        Some(_) => {
            errors.push((
                raw.input.span(),
                format!(
                    "the waiter's input `{}` must be a string or a list of strings",
                    raw.input.get_ref()
                ),
            ));
            None
        }
        None => {
            errors.push((
                raw.input.span(),
                format!(
                    "`{}` is not a field of operation `{}`",
                    raw.input.get_ref(),
                    op.name
                ),
            ));
            None
        }
    };
    let others: Vec<&str> = op
        .inputs()
        .filter(|f| f.required && &f.wire != raw.input.get_ref())
        .map(|f| f.wire.as_str())
        .collect();
    if !others.is_empty() {
        errors.push((
            raw.operation.span(),
            format!(
                "operation `{}` also requires {}: a waiter can only fill in its input",
                op.name,
                others.join(", ")
            ),
        ));
    }
    if raw.state.get_ref().trim().is_empty() {
        errors.push((
            raw.state.span(),
            "the waiter's `state` path is empty".to_owned(),
        ));
    }
    if raw.success.is_empty() && !raw.gone_is_success {
        errors.push((key.span(), format!(
            "waiter `{}` has no success state; list `success` states or set `gone_is_success = true`",
            key.get_ref()
        )));
    }
    let seconds = |v: &Option<Spanned<u64>>, default| v.as_ref().map_or(default, |s| *s.get_ref());
    let (min_delay, max_delay, timeout) = (
        seconds(&raw.min_delay, MIN_DELAY),
        seconds(&raw.max_delay, MAX_DELAY),
        seconds(&raw.timeout, TIMEOUT),
    );
    if min_delay > max_delay {
        let span = raw.min_delay.as_ref().map_or(key.span(), Spanned::span);
        errors.push((
            span,
            format!("min_delay {min_delay} is larger than max_delay {max_delay}"),
        ));
    }
    if timeout == 0 {
        let span = raw.timeout.as_ref().map_or(key.span(), Spanned::span);
        errors.push((
            span,
            "a waiter's timeout must be at least one second".to_owned(),
        ));
    }
    match input {
        Some(input) if errors.is_empty() => {
            let param = input.0.strip_suffix("_list").unwrap_or(&input.0).to_owned();
            Ok(WaiterDef {
                name,
                description: raw.description.clone(),
                operation: index,
                input,
                param,
                state: raw.state.get_ref().clone(),
                success: raw.success.clone(),
                failure: raw.failure.clone(),
                gone_is_success: raw.gone_is_success,
                min_delay,
                max_delay,
                timeout,
            })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    fn validate(text: &str) -> Result<crate::ir::Api, Vec<String>> {
        let raw = crate::model::parse(text).map_err(|e| vec![e.message])?;
        crate::validate::validate(&raw).map_err(|es| es.into_iter().map(|e| e.message).collect())
    }

    const SPEC: &str = "[service]\nname = \"V\"\nstyle = \"action\"\nhost = \"ncloud\"\nbase_path = \"/v/v2\"\n\
        [operations.getThingList]\nresponse = \"ThingList\"\nquery.thingNoList = { type = \"[string]\" }\n\
        [operations.getThingDetail]\nresponse = \"ThingList\"\nquery.thingNo = { type = \"string\", required = true }\nquery.zone = { type = \"string\", required = true }\n\
        [types.ThingList]\nfields.thingList = { type = \"[Thing]\" }\n[types.Thing]\nfields.no = { type = \"string\" }\n";

    #[test]
    fn a_waiter_fills_the_id_into_a_list_or_string_field() {
        let text = format!(
            "{SPEC}[waiters.thing_ready]\noperation = \"getThingList\"\ninput = \"thingNoList\"\nstate = \"thingList.0.status.code\"\nsuccess = [\"RUN\"]\n"
        );
        let api = validate(&text).unwrap();
        let w = &api.waiters[0];
        assert_eq!(
            (w.name.as_str(), w.param.as_str()),
            ("thing_ready", "thing_no")
        );
        assert_eq!(w.input, ("thing_no_list".to_owned(), true, false));
        assert_eq!((w.min_delay, w.max_delay, w.timeout), (5, 30, 1800));
    }

    #[test]
    fn waiter_mistakes_are_reported() {
        let text = format!(
            "{SPEC}[waiters.a]\noperation = \"getThingDetail\"\ninput = \"thingNo\"\nstate = \"x\"\nsuccess = [\"RUN\"]\n\
             [waiters.b]\noperation = \"getNothing\"\ninput = \"x\"\nstate = \"x\"\nsuccess = []\n\
             [waiters.c]\noperation = \"getThingList\"\ninput = \"thingNoList\"\nstate = \"x\"\nsuccess = []\nmin_delay = 40\n"
        );
        let errors = validate(&text).unwrap_err();
        let has = |needle: &str| errors.iter().any(|e| e.contains(needle));
        assert!(has("also requires zone"), "{errors:?}");
        assert!(has("`getNothing`, which is not an operation"), "{errors:?}");
        assert!(has("has no success state"), "{errors:?}");
        assert!(
            has("min_delay 40 is larger than max_delay 30"),
            "{errors:?}"
        );
    }
}
