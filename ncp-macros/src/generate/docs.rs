//! Rustdoc text for generated items, from the spec's descriptions, defaults, formats and limits.

use crate::ir::{Field, Limits, Ty};

/// Joins non-empty paragraphs.
pub fn paragraphs<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> String {
    parts
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The doc of a field: its description, then where it goes and what NCP documents about it.
pub fn field(field: &Field, place: &str) -> String {
    let mut facts = vec![format!(
        "{place} `{}`{}",
        field.wire,
        if field.required { " (required)" } else { "" }
    )];
    if let Some(default) = &field.default {
        facts.push(format!("Default: `{default}`"));
    }
    if let Some(format) = &field.format {
        facts.push(format!("Format: `{format}`"));
    }
    facts.extend(limits(&field.limits));
    for (case, l) in &field.cases {
        let own: Vec<String> = limits(l)
            .into_iter()
            .filter(|fact| !limits(&field.limits).contains(fact))
            .collect();
        if !own.is_empty() {
            facts.push(format!(
                "When the request's case is `{case}`: {}",
                own.join("; ")
            ));
        }
    }
    if field.nullable {
        facts.push("Sent as `null` when unset".to_owned());
    }
    if let Some(why) = &field.deviation {
        facts.push(format!("Differs from NCP's SDK catalogue: {why}"));
    }
    let list = facts
        .iter()
        .map(|f| format!("- {f}"))
        .collect::<Vec<_>>()
        .join("\n");
    paragraphs([field.desc.as_deref(), Some(&list)])
}

fn limits(l: &Limits) -> Vec<String> {
    let mut out = Vec::new();
    let range = |low: Option<String>, high: Option<String>, what: &str| match (low, high) {
        (Some(l), Some(h)) => Some(format!("{what}: {l} to {h}")),
        (Some(l), None) => Some(format!("{what}: at least {l}")),
        (None, Some(h)) => Some(format!("{what}: at most {h}")),
        (None, None) => None,
    };
    out.extend(range(
        l.min.map(|v| v.to_string()),
        l.max.map(|v| v.to_string()),
        "Range",
    ));
    out.extend(range(
        l.min_length.map(|v| v.to_string()),
        l.max_length.map(|v| v.to_string()),
        "Length (characters)",
    ));
    out.extend(range(
        l.min_items.map(|v| v.to_string()),
        l.max_items.map(|v| v.to_string()),
        "Items",
    ));
    if let Some(max) = l.max_bytes {
        out.push(format!(
            "Size: at most {max} bytes (text counted as SENS counts it: 1 per ASCII character, 2 per other)"
        ));
    }
    out
}

/// How a type reads in docs: `string`, `[Button]`, ...
pub fn type_text(ty: &Ty) -> String {
    match ty {
        Ty::String => "string".into(),
        Ty::Integer => "integer".into(),
        Ty::Number => "number".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Json => "JSON value".into(),
        Ty::File => "file".into(),
        Ty::Bytes => "bytes (base64 text on the wire)".into(),
        Ty::Array(inner) => format!("array of {}", type_text(inner)),
        Ty::Map(inner) => format!("object of {}", type_text(inner)),
        Ty::Struct(n) | Ty::Enum(n) => format!("[`{n}`]"),
        Ty::Code(Some(n)) => format!("code object of [`{n}`]"),
        Ty::Code(None) => "code object".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_docs_carry_description_default_format_and_limits() {
        let f = Field {
            wire: "messages".into(),
            rust: "messages".into(),
            ty: Ty::Array(Box::new(Ty::Struct("Message".into()))),
            required: true,
            desc: Some("メッセージ情報".into()),
            default: Some("x".into()),
            format: Some("yyyy".into()),
            limits: Limits {
                max_items: Some(100),
                ..Limits::default()
            },
            cases: Vec::new(),
            nullable: false,
            base64: false,
            secret: false,
            deviation: None,
        };
        assert_eq!(
            field(&f, "JSON field"),
            "メッセージ情報\n\n- JSON field `messages` (required)\n- Default: `x`\n- Format: `yyyy`\n- Items: at most 100"
        );
    }
}
