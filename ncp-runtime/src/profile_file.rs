//! The INI dialect of the ncloud CLI's `~/.ncloud/configure`.
//!
//! Small enough that a dependency would cost more than it saves: `[section]` headers,
//! `key = value` lines (split at the first `=`, so secrets that contain `=` stay whole),
//! `#` and `;` comments, and `[DEFAULT]` values that fill in keys a named section lacks.

use std::collections::HashMap;

pub(crate) struct ProfileFile {
    sections: HashMap<String, HashMap<String, String>>,
}

impl ProfileFile {
    pub(crate) const DEFAULT_SECTION: &'static str = "DEFAULT";

    /// Parses the file; an error is `(1-based line, reason)`.
    pub(crate) fn parse(text: &str) -> Result<Self, (usize, String)> {
        let mut sections: HashMap<String, HashMap<String, String>> = HashMap::new();
        let mut current: Option<String> = None;
        for (index, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[') {
                let name = name.strip_suffix(']').ok_or((
                    index + 1,
                    format!("section header `{line}` lacks its closing `]`"),
                ))?;
                let name = name.trim().to_owned();
                sections.entry(name.clone()).or_default();
                current = Some(name);
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                return Err((index + 1, "expected `key = value`".to_owned()));
            };
            let Some(section) = &current else {
                return Err((index + 1, "`key = value` before any [section]".to_owned()));
            };
            sections
                .entry(section.clone())
                .or_default()
                .insert(key.trim().to_owned(), value.trim().to_owned());
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
    fn reports_the_line_of_a_malformed_entry() {
        assert_eq!(
            ProfileFile::parse("[a]\nok=1\nbroken\n").err().unwrap().0,
            3
        );
        assert_eq!(ProfileFile::parse("k=v\n").err().unwrap().0, 1);
        assert_eq!(ProfileFile::parse("[open\n").err().unwrap().0, 1);
    }
}
