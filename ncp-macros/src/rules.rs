//! An operation's `rules`, checked against its fields: every name is a field of the request, a
//! rule is exactly one kind, and a span names two string fields and a duration like `31d`.

use std::ops::Range;

use toml::Spanned;

use crate::ir::{Operation, Rule, Ty};
use crate::model::RawRule;

/// The rules of `op`, or their located mistakes.
pub fn resolve(
    op: &Operation,
    raw: &[Spanned<RawRule>],
) -> Result<Vec<Rule>, Vec<(Range<usize>, String)>> {
    let mut errors = Vec::new();
    let mut rules = Vec::new();
    for r in raw {
        let rule = r.get_ref();
        let mut name = |n: &Spanned<String>, string_only: bool| {
            match op.inputs().find(|f| &f.wire == n.get_ref()) {
                Some(f) if string_only && f.ty != Ty::String => errors.push((
                    n.span(),
                    format!(
                        "`{}` is not a string field: a span needs two date and time texts",
                        n.get_ref()
                    ),
                )),
                Some(_) => {}
                None => errors.push((
                    n.span(),
                    format!(
                        "`{}` is not a field of operation `{}`",
                        n.get_ref(),
                        op.name
                    ),
                )),
            }
            n.get_ref().clone()
        };
        let kinds = [
            rule.one_of.is_some(),
            rule.together.is_some(),
            rule.exclusive.is_some(),
            rule.max_span.is_some(),
        ];
        if kinds.iter().filter(|k| **k).count() != 1 {
            errors.push((
                r.span(),
                "a rule is one of `one_of`, `together`, `exclusive` or `max_span`".to_owned(),
            ));
            continue;
        }
        if let Some(groups) = &rule.one_of {
            let groups: Vec<Vec<String>> = groups
                .iter()
                .map(|g| g.iter().map(|n| name(n, false)).collect())
                .collect();
            if groups.iter().any(Vec::is_empty) || groups.is_empty() {
                errors.push((
                    r.span(),
                    "`one_of` needs groups of at least one field".to_owned(),
                ));
            }
            rules.push(Rule::OneOf(groups));
        } else if let Some(fields) = &rule.together {
            rules.push(Rule::Together(
                fields.iter().map(|n| name(n, false)).collect(),
            ));
        } else if let Some(fields) = &rule.exclusive {
            rules.push(Rule::Exclusive(
                fields.iter().map(|n| name(n, false)).collect(),
            ));
        } else if let Some(span) = &rule.max_span {
            let (from, to) = (name(&span.from, true), name(&span.to, true));
            match duration(span.max.get_ref()) {
                Some(seconds) => rules.push(Rule::MaxSpan { from, to, seconds }),
                None => errors.push((
                    span.max.span(),
                    format!(
                        "`{}` is not a duration; write a number and d, h, m or s, like `31d`",
                        span.max.get_ref()
                    ),
                )),
            }
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

/// `31d`, `24h`, `90m`, `30s` in seconds.
fn duration(text: &str) -> Option<u64> {
    let text = text.trim();
    let (number, unit) = text.split_at(text.len().checked_sub(1)?);
    let unit = match unit {
        "d" => 86_400,
        "h" => 3600,
        "m" => 60,
        "s" => 1,
        _ => return None,
    };
    number.parse::<u64>().ok()?.checked_mul(unit)
}

/// Rustdoc of the rules: one line each.
pub fn describe(rules: &[Rule]) -> Option<String> {
    if rules.is_empty() {
        return None;
    }
    let lines: Vec<String> = rules
        .iter()
        .map(|r| match r {
            Rule::OneOf(groups) => {
                let groups: Vec<String> = groups
                    .iter()
                    .map(|g| {
                        g.iter()
                            .map(|f| format!("`{f}`"))
                            .collect::<Vec<_>>()
                            .join(" + ")
                    })
                    .collect();
                format!("- One of {} is required.", groups.join(", or "))
            }
            Rule::Together(fields) => format!("- {} go together.", quoted(fields)),
            Rule::Exclusive(fields) => format!("- At most one of {}.", quoted(fields)),
            Rule::MaxSpan { from, to, seconds } => {
                format!("- `{to}` is at most {seconds} s after `{from}`.")
            }
        })
        .collect();
    Some(format!(
        "# Rules\n\nChecked before sending (unless the call skips checks) and by the embedded gateway:\n\n{}",
        lines.join("\n")
    ))
}

fn quoted(fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn rules_are_checked_against_the_fields() {
        let spec = "[service]\nname = \"S\"\nhost = \"s\"\nbase_path = \"/s\"\n\
            [operations.find]\nmethod = \"GET\"\npath = \"/m\"\n\
            rules = [{ one_of = [[\"id\"], [\"from\", \"to\"]] }, { max_span = { from = \"from\", to = \"to\", max = \"31d\" } }]\n\
            query.id = { type = \"string\" }\nquery.from = { type = \"string\" }\nquery.to = { type = \"string\" }\nquery.n = { type = \"integer\" }\n";
        let raw = crate::model::parse(spec).unwrap();
        let api = crate::validate::validate(&raw).unwrap();
        assert_eq!(
            api.operations[0].rules[1],
            crate::ir::Rule::MaxSpan {
                from: "from".into(),
                to: "to".into(),
                seconds: 31 * 86_400
            }
        );

        let broken = spec
            .replace("[\"id\"]", "[\"idd\"]")
            .replace("31d", "a month")
            .replace("to = \"to\"", "to = \"n\"");
        let raw = crate::model::parse(&broken).unwrap();
        let errors: Vec<String> = crate::validate::validate(&raw)
            .unwrap_err()
            .into_iter()
            .map(|e| e.message)
            .collect();
        let has = |needle: &str| errors.iter().any(|e| e.contains(needle));
        assert!(
            has("`idd` is not a field of operation `find`"),
            "{errors:?}"
        );
        assert!(has("`a month` is not a duration"), "{errors:?}");
        assert!(has("`n` is not a string field"), "{errors:?}");
    }
}
