//! Rust names derived from spec names.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be raw identifiers (`r#self` is not allowed).
const NOT_RAW: [&str; 5] = ["self", "Self", "super", "crate", "extern"];

/// Whether `s` is a Rust keyword (strict or reserved, 2024 edition).
pub fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "as" | "async"
            | "await"
            | "break"
            | "const"
            | "continue"
            | "crate"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "gen"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "Self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
    )
}

/// Whether `s` is an identifier (ASCII letters, digits, `_`, not starting with a digit, not `_`).
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && s != "_"
}

/// The snake_case Rust name of a wire name: `plusFriendId` → `plus_friend_id`,
/// `Classify_byRisk_Level` → `classify_by_risk_level`, `x-ncp-region_code` → `x_ncp_region_code`.
/// Words that cannot even be raw identifiers get a trailing `_` (`self` → `self_`), and a
/// leading digit a leading `_` (`3rdParty` → `_3rd_party`).
pub fn field_name(wire: &str) -> String {
    let snake = wire.to_snake_case();
    if NOT_RAW.contains(&snake.as_str()) {
        format!("{snake}_")
    } else if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{snake}")
    } else {
        snake
    }
}

/// The UpperCamelCase of a name: `send_messages` → `SendMessages`, `DELETING_PERMANENTLY` →
/// `DeletingPermanently`.
pub fn type_name(name: &str) -> String {
    name.to_upper_camel_case()
}

/// Whether a snake_case name can be an identifier, raw if needed (`type` → `r#type`).
pub fn usable_as_ident(name: &str) -> bool {
    is_identifier(name) && !NOT_RAW.contains(&name)
}

/// The identifier for `name`, raw when it is a keyword.
pub fn ident(name: &str) -> proc_macro2::Ident {
    if is_keyword(name) {
        proc_macro2::Ident::new_raw(name, proc_macro2::Span::call_site())
    } else {
        proc_macro2::Ident::new(name, proc_macro2::Span::call_site())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_the_names_ncp_uses() {
        assert_eq!(field_name("plusFriendId"), "plus_friend_id");
        assert_eq!(
            field_name("Classify_byRisk_Level"),
            "classify_by_risk_level"
        );
        assert_eq!(field_name("start_url"), "start_url");
        assert_eq!(field_name("StartUrl"), "start_url");
        assert_eq!(field_name("x-ncp-region_code"), "x_ncp_region_code");
        assert_eq!(field_name("imageFile"), "image_file");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("3rdParty"), "_3rd_party");
        assert_eq!(field_name("ipv4Address"), "ipv4_address");
        assert_eq!(type_name("sendMessages"), "SendMessages");
        assert_eq!(type_name("DELETING_PERMANENTLY"), "DeletingPermanently");
        assert_eq!(type_name("success"), "Success");
    }

    #[test]
    fn keywords_become_raw_identifiers() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("to").to_string(), "to");
        assert!(!usable_as_ident("self"));
        assert!(usable_as_ident("match"));
        assert!(!usable_as_ident("1st"));
        assert!(!usable_as_ident(""));
    }
}
