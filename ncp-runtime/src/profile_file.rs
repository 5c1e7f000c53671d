//! The INI dialect of the ncloud CLI's `~/.ncloud/configure`.
//!
//! Small enough that a dependency would cost more than it saves: `[section]` headers,
//! `key = value` lines (split at the first `=`, so secrets that contain `=` stay whole),
//! `#` and `;` comments (whole lines, or after whitespace at the end of one), values in quotes
//! (the quotes are dropped, as the ncloud CLI does), a leading byte order mark, and `[DEFAULT]`
//! values that fill in keys a named section lacks. A section or key given twice is an error
//! rather than a silent merge.

use std::collections::HashMap;

pub(crate) struct ProfileFile {
    sections: HashMap<String, HashMap<String, String>>,
}

impl ProfileFile {
    pub(crate) const DEFAULT_SECTION: &'static str = "DEFAULT";

    /// Parses the file; an error is `(1-based line, reason)`.
    pub(crate) fn parse(text: &str) -> Result<Self, (usize, String)> {
        // Editors on Windows save a byte order mark; it is not part of the first line.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut sections: HashMap<String, HashMap<String, String>> = HashMap::new();
        let mut first_seen: HashMap<String, usize> = HashMap::new();
        let mut current: Option<String> = None;
        for (index, raw) in text.lines().enumerate() {
            let number = index + 1;
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[') {
                let name = section_name(name, line).map_err(|e| (number, e))?;
                if let Some(first) = first_seen.insert(name.clone(), number) {
                    return Err((
                        number,
                        format!("section [{name}] again (first on line {first})"),
                    ));
                }
                sections.entry(name.clone()).or_default();
                current = Some(name);
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                return Err((number, "expected `key = value`".to_owned()));
            };
            let Some(section) = &current else {
                return Err((number, "`key = value` before any [section]".to_owned()));
            };
            let key = key.trim().to_owned();
            let entries = sections.entry(section.clone()).or_default();
            if entries.contains_key(&key) {
                return Err((number, format!("`{key}` again in section [{section}]")));
            }
            entries.insert(key, unquote(strip_comment(value.trim())).to_owned());
        }
        Ok(Self { sections })
    }

    pub(crate) fn has_section(&self, section: &str) -> bool {
        self.sections.contains_key(section)
    }

    /// The value of `key` in `section`, falling back to `[DEFAULT]`.
    pub(crate) fn get(&self, section: &str, key: &str) -> Option<&str> {
        [section, Self::DEFAULT_SECTION]
            .iter()
            .find_map(|s| self.sections.get(*s)?.get(key))
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
}

/// The name of a `[section]` header (`rest` follows the `[`).
fn section_name(rest: &str, line: &str) -> Result<String, String> {
    let rest = strip_comment(rest);
    let name = rest
        .strip_suffix(']')
        .ok_or_else(|| format!("section header `{line}` lacks its closing `]`"))?;
    Ok(name.trim().to_owned())
}

/// The value without a trailing `# comment` or `; comment`. Only a `#` or `;` after whitespace
/// starts one: secret keys are base64-like and may hold neither, but a value is never cut
/// inside a word.
fn strip_comment(value: &str) -> &str {
    let cut = value
        .char_indices()
        .find(|&(i, c)| (c == '#' || c == ';') && value[..i].ends_with(|p: char| p.is_whitespace()))
        .map_or(value.len(), |(i, _)| i);
    value[..cut].trim_end()
}

/// The value without one pair of matching surrounding quotes, as the ncloud CLI reads it.
fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sections_comments_and_equals_in_values() {
        let file = ProfileFile::parse(
            "# written by ncloud configure\n[DEFAULT]\na = 1\nsecret = ab==cd=\n; note\n[p]\na=2\n",
        )
        .unwrap();
        assert_eq!(file.get("DEFAULT", "secret"), Some("ab==cd="));
        assert_eq!(file.get("p", "a"), Some("2"));
        assert_eq!(file.get("p", "secret"), Some("ab==cd="));
        assert_eq!(file.get("p", "nope"), None);
    }

    #[test]
    fn accepts_a_bom_trailing_comments_and_quotes() {
        let file = ProfileFile::parse(
            "\u{feff}[DEFAULT] # the default\nak = \"AK1\" # from the console\nsk = 'S#K=' ; note\nplain = x#y\n",
        )
        .unwrap();
        assert_eq!(file.get("DEFAULT", "ak"), Some("AK1"));
        assert_eq!(file.get("DEFAULT", "sk"), Some("S#K="));
        assert_eq!(file.get("DEFAULT", "plain"), Some("x#y"));
    }

    #[test]
    fn reports_duplicate_sections_and_keys() {
        let (line, reason) = ProfileFile::parse("[a]\nk=1\n[b]\n[a]\n").err().unwrap();
        assert_eq!(line, 4);
        assert!(reason.contains("first on line 1"), "{reason}");
        let (line, reason) = ProfileFile::parse("[a]\nk=1\nk = 2\n").err().unwrap();
        assert_eq!(line, 3);
        assert!(reason.contains("`k`"), "{reason}");
    }

    #[test]
    fn reports_the_line_of_a_malformed_entry() {
        assert_eq!(
            ProfileFile::parse("[a]\nok=1\nbroken\n").err().unwrap().0,
            3
        );
        assert_eq!(ProfileFile::parse("k=v\n").err().unwrap().0, 1);
        assert_eq!(ProfileFile::parse("[open\n").err().unwrap().0, 1);
    }
}
