//! Errors located in a spec file, rendered as `spec/x.toml:LINE:COL: message` plus the line.

use std::fmt::Write as _;
use std::ops::Range;

/// A mistake in a spec file: where it is (a byte range of the file) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// Byte range in the spec text; `None` when the problem has no place (e.g. an unreadable file).
    pub span: Option<Range<usize>>,
    /// What is wrong and, where possible, what would be right.
    pub message: String,
}

impl SpecError {
    pub fn at(span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            span: Some(span),
            message: message.into(),
        }
    }

    pub fn nowhere(message: impl Into<String>) -> Self {
        Self {
            span: None,
            message: message.into(),
        }
    }

    /// Renders the error for a human: `file:line:col: message`, then the offending line with a
    /// caret under the span.
    pub fn render(&self, file: &str, text: &str) -> String {
        let Some(span) = &self.span else {
            return format!("{file}: {}", self.message);
        };
        let (line, col) = line_col(text, span.start);
        let line_text = text.lines().nth(line - 1).unwrap_or("");
        let width = text
            .get(span.start.min(text.len())..span.end.min(text.len()))
            .and_then(|s| s.lines().next())
            .map_or(1, |s| s.chars().count().max(1));
        let gutter = line.to_string().len();
        let mut out = format!("{file}:{line}:{col}: {}\n", self.message);
        let _ = writeln!(out, "{:gutter$} |", "");
        let _ = writeln!(out, "{line} | {line_text}");
        let _ = write!(
            out,
            "{:gutter$} | {}{}",
            "",
            " ".repeat(col - 1),
            "^".repeat(width)
        );
        out
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// "did you mean `x`?" for the candidate closest to `input`, when one is close enough.
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    candidates
        .into_iter()
        // Edit distance catches transpositions in short words (`GTE` → `GET`); Jaro-Winkler
        // catches dropped letters in long ones.
        .map(|c| {
            (
                strsim::normalized_damerau_levenshtein(input, c)
                    .max(strsim::jaro_winkler(input, c) - 0.2),
                c,
            )
        })
        .filter(|(score, _)| *score > 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, text.find('=').unwrap()), (1, 3));
        let second_eq = text.rfind('=').unwrap();
        assert_eq!(line_col(text, second_eq), (2, 4));
        assert_eq!(line_col(text, 999), (3, 1));
    }

    #[test]
    fn renders_location_snippet_and_caret() {
        let text = "[service]\nname = \"x\"\nhots = \"sens\"\n";
        let start = text.find("hots").unwrap();
        let e = SpecError::at(start..start + 4, "unknown key `hots`");
        assert_eq!(
            e.render("spec/x.toml", text),
            "spec/x.toml:3:1: unknown key `hots`\n  |\n3 | hots = \"sens\"\n  | ^^^^"
        );
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("strng", ["string", "integer"]),
            "; did you mean `string`?"
        );
        assert_eq!(
            did_you_mean("GTE", ["GET", "PUT", "POST"]),
            "; did you mean `GET`?"
        );
        assert_eq!(did_you_mean("zzz", ["string", "integer"]), "");
        assert_eq!(did_you_mean("FOO", ["GET", "PUT", "POST"]), "");
    }
}
