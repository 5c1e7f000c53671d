//! Requests checked before they are sent: the limits the specs document (lengths, ranges, list
//! sizes), so that a request NCP would reject fails before it costs a round trip or, for a send, a
//! billable attempt. Generated request and body types implement [`Check`] by listing their
//! limited fields; the checking is written once, here. A call can skip it with
//! [`crate::CallOptions::skip_checks`], for the day NCP relaxes a limit before the spec does.

use crate::{Error, Result};

/// A value whose documented limits can be checked. Implemented by generated types that have
/// limits (directly or in the objects they hold).
pub trait Check {
    /// Checks every limited field, reporting the first broken limit to `checker`.
    fn check(&self, checker: &mut Checker);
}

/// Checks `value` for `operation`: `Error::InvalidRequest` naming the field's path
/// (`messages[3].buttons[0].name`), the rule and the value's size.
pub fn check<T: Check + ?Sized>(operation: &'static str, value: &T) -> Result<()> {
    let mut checker = Checker::default();
    value.check(&mut checker);
    match checker.broken {
        None => Ok(()),
        Some((field, reason)) => Err(Error::InvalidRequest {
            operation,
            field,
            reason,
        }),
    }
}

/// Walks a value's fields, keeping the path to the current one and the first broken limit.
#[derive(Debug, Default)]
pub struct Checker {
    /// `messages[3].buttons[0]` while inside that object; empty at the top.
    path: String,
    broken: Option<(String, String)>,
}

impl Checker {
    /// A string's length in characters.
    pub fn text(&mut self, field: &str, value: &str, min: Option<u64>, max: Option<u64>) {
        if self.broken.is_none() && (min.is_some() || max.is_some()) {
            let count = value.chars().count() as u64;
            self.range(field, count, min, max, "characters");
        }
    }

    /// A whole number's value.
    pub fn integer(&mut self, field: &str, value: i64, min: Option<i64>, max: Option<i64>) {
        if self.broken.is_some() {
            return;
        }
        if let Some(min) = min.filter(|min| value < *min) {
            self.fail(field, format!("is {value}, below the minimum of {min}"));
        } else if let Some(max) = max.filter(|max| value > *max) {
            self.fail(field, format!("is {value}, above the maximum of {max}"));
        }
    }

    /// A number's value.
    pub fn number(&mut self, field: &str, value: f64, min: Option<i64>, max: Option<i64>) {
        if self.broken.is_some() {
            return;
        }
        if let Some(min) = min.filter(|min| value < *min as f64) {
            self.fail(field, format!("is {value}, below the minimum of {min}"));
        } else if let Some(max) = max.filter(|max| value > *max as f64) {
            self.fail(field, format!("is {value}, above the maximum of {max}"));
        }
    }

    /// A list's number of items.
    pub fn items(&mut self, field: &str, len: usize, min: Option<u64>, max: Option<u64>) {
        if self.broken.is_none() {
            self.range(field, len as u64, min, max, "items");
        }
    }

    /// Each item of a list of checked objects, at `field[i]`.
    pub fn each<T: Check>(&mut self, field: &str, items: &[T]) {
        for (i, item) in items.iter().enumerate() {
            if self.broken.is_some() {
                return;
            }
            let depth = self.enter(field);
            self.path.push('[');
            self.path.push_str(itoa(i).as_str());
            self.path.push(']');
            item.check(self);
            self.path.truncate(depth);
        }
    }

    /// A checked object, at `field`.
    pub fn nested<T: Check>(&mut self, field: &str, value: &T) {
        if self.broken.is_none() {
            let depth = self.enter(field);
            value.check(self);
            self.path.truncate(depth);
        }
    }

    /// Appends `field` to the path; returns the length to truncate back to.
    fn enter(&mut self, field: &str) -> usize {
        let depth = self.path.len();
        if !self.path.is_empty() {
            self.path.push('.');
        }
        self.path.push_str(field);
        depth
    }

    fn range(&mut self, field: &str, count: u64, min: Option<u64>, max: Option<u64>, unit: &str) {
        if let Some(min) = min.filter(|min| count < *min) {
            self.fail(
                field,
                format!("has {count} {unit}, fewer than the minimum of {min}"),
            );
        } else if let Some(max) = max.filter(|max| count > *max) {
            self.fail(
                field,
                format!("has {count} {unit}, more than the maximum of {max}"),
            );
        }
    }

    fn fail(&mut self, field: &str, reason: String) {
        let path = if self.path.is_empty() {
            field.to_owned()
        } else {
            format!("{}.{field}", self.path)
        };
        self.broken = Some((path, reason));
    }
}

/// A small index as text without `format!` (the hot path of a 100-item list).
fn itoa(mut n: usize) -> Digits {
    let mut digits = Digits {
        buf: [0; 20],
        start: 20,
    };
    loop {
        digits.start -= 1;
        digits.buf[digits.start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return digits;
        }
    }
}

struct Digits {
    buf: [u8; 20],
    start: usize,
}

impl Digits {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[self.start..]).unwrap_or("?")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Button {
        name: String,
    }
    impl Check for Button {
        fn check(&self, c: &mut Checker) {
            c.text("name", &self.name, Some(1), Some(14));
        }
    }
    struct Message {
        content: String,
        buttons: Vec<Button>,
        retries: Option<i64>,
    }
    impl Check for Message {
        fn check(&self, c: &mut Checker) {
            c.text("content", &self.content, None, Some(10));
            c.items("buttons", self.buttons.len(), None, Some(5));
            c.each("buttons", &self.buttons);
            if let Some(v) = self.retries {
                c.integer("retries", v, Some(0), Some(3));
            }
        }
    }
    struct Send {
        messages: Vec<Message>,
    }
    impl Check for Send {
        fn check(&self, c: &mut Checker) {
            c.items("messages", self.messages.len(), Some(1), Some(100));
            c.each("messages", &self.messages);
        }
    }

    fn message(content: &str, buttons: &[&str]) -> Message {
        Message {
            content: content.into(),
            buttons: buttons
                .iter()
                .map(|n| Button { name: (*n).into() })
                .collect(),
            retries: None,
        }
    }

    fn broken(send: &Send) -> (String, String) {
        match check("send_messages", send) {
            Err(Error::InvalidRequest { field, reason, .. }) => (field, reason),
            other => panic!("expected an invalid request, got {other:?}"),
        }
    }

    #[test]
    fn a_valid_request_passes() {
        let send = Send {
            messages: vec![message("hello", &["open"])],
        };
        assert!(check("send_messages", &send).is_ok());
    }

    #[test]
    fn errors_name_the_path_the_rule_and_the_size() {
        let mut messages: Vec<Message> = (0..4).map(|_| message("hi", &["ok"])).collect();
        messages[3].buttons.push(Button {
            name: "a name longer than fourteen".into(),
        });
        let (field, reason) = broken(&Send { messages });
        assert_eq!(field, "messages[3].buttons[1].name");
        assert_eq!(reason, "has 27 characters, more than the maximum of 14");

        let (field, reason) = broken(&Send { messages: vec![] });
        assert_eq!(
            (field.as_str(), reason.as_str()),
            ("messages", "has 0 items, fewer than the minimum of 1")
        );

        let mut retried = message("hi", &[]);
        retried.retries = Some(7);
        let (field, reason) = broken(&Send {
            messages: vec![message("hi", &[]), retried],
        });
        assert_eq!(
            (field.as_str(), reason.as_str()),
            ("messages[1].retries", "is 7, above the maximum of 3")
        );
    }

    #[test]
    fn characters_not_bytes_are_counted() {
        // Ten Japanese characters are thirty bytes and within a ten-character limit.
        let send = Send {
            messages: vec![message("新商品のお知らせです", &[])],
        };
        assert!(check("send_messages", &send).is_ok());
    }
}
