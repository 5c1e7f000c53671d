//! Requests checked before they are sent: the limits the specs document (lengths, ranges, list
//! sizes), so that a request NCP would reject fails before it costs a round trip or, for a send, a
//! billable attempt. Generated request and body types implement [`Check`] by listing their
//! limited fields; the checking is written once, here. A call can skip it with
//! [`crate::CallOptions::skip_checks`], for the day NCP relaxes a limit before the spec does.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::{Error, Result};

/// A rule between the fields of a request, from the spec's `rules` (by wire name). The client
/// checks it before sending and the embedded gateway when it receives, from the same data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// At least one of the groups must be given in full (`requestId`, or `requestStartTime` with
    /// `requestEndTime`, or ...).
    OneOf(&'static [&'static [&'static str]]),
    /// Given together or not at all.
    Together(&'static [&'static str]),
    /// At most one of them.
    Exclusive(&'static [&'static str]),
    /// Two times (in the fields' documented format) at most `seconds` apart, `to` not before
    /// `from`.
    MaxSpan {
        /// The start.
        from: &'static str,
        /// The end.
        to: &'static str,
        /// The longest span allowed.
        seconds: u64,
    },
}

impl Rule {
    /// The field and the reason when `value` (a field's text by wire name, `None` when absent)
    /// breaks the rule.
    pub fn broken<'a>(
        &self,
        value: &dyn Fn(&str) -> Option<Cow<'a, str>>,
    ) -> Option<(String, String)> {
        let present = |f: &str| value(f).is_some();
        match *self {
            Rule::OneOf(groups) => {
                if groups.iter().any(|g| g.iter().all(|f| present(f))) {
                    return None;
                }
                let options: Vec<String> = groups.iter().map(|g| g.join(" + ")).collect();
                Some((
                    groups[0][0].to_owned(),
                    format!("is missing: give one of {}", options.join(", or ")),
                ))
            }
            Rule::Together(fields) => {
                let given: Vec<&str> = fields.iter().copied().filter(|f| present(f)).collect();
                let missing = fields.iter().find(|f| !present(f))?;
                (!given.is_empty()).then(|| {
                    (
                        (*missing).to_owned(),
                        format!("is missing: it goes together with {}", given.join(", ")),
                    )
                })
            }
            Rule::Exclusive(fields) => {
                let given: Vec<&str> = fields.iter().copied().filter(|f| present(f)).collect();
                (given.len() > 1).then(|| {
                    (
                        given[1].to_owned(),
                        format!("cannot be combined with {}", given[0]),
                    )
                })
            }
            Rule::MaxSpan { from, to, seconds } => {
                let (start, end) = (value(from)?, value(to)?);
                let parse = |field: &str, text: &str| {
                    seconds_of(text).ok_or_else(|| {
                        (field.to_owned(), format!("`{text}` is not a date and time"))
                    })
                };
                let (start, end) = match (parse(from, &start), parse(to, &end)) {
                    (Ok(s), Ok(e)) => (s, e),
                    (Err(e), _) | (_, Err(e)) => return Some(e),
                };
                if end < start {
                    return Some((to.to_owned(), format!("is before {from}")));
                }
                let span = (end - start) as u64;
                (span > seconds).then(|| {
                    (
                        to.to_owned(),
                        format!(
                            "is {} after {from}, more than the {} allowed",
                            human(span),
                            human(seconds)
                        ),
                    )
                })
            }
        }
    }
}

/// Seconds since the Unix epoch of a date and time written with numbers in the order year, month,
/// day, hour, minute, second (`2026-11-23 10:00`, `2026-11-23T10:00:00.123`): every format NCP's
/// references use. Missing trailing parts count as zero; fractions and offsets are ignored (the
/// two ends of a span are in the same zone).
fn seconds_of(text: &str) -> Option<i64> {
    let numbers: Vec<i64> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(6)
        .map(|s| s.parse().ok())
        .collect::<Option<_>>()?;
    let [y, mo, d] = [*numbers.first()?, *numbers.get(1)?, *numbers.get(2)?];
    let part = |i: usize| numbers.get(i).copied().unwrap_or(0);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
        return None;
    }
    let days = crate::rfc3339::days_from_civil(y, mo, d);
    Some(days * 86_400 + part(3) * 3600 + part(4) * 60 + part(5))
}

/// `31 days`, `24 hours`, `90 minutes`, `45 seconds`: the largest unit that divides evenly into
/// at least two (`24 hours`, not `1 days`).
fn human(seconds: u64) -> String {
    for (unit, size) in [("days", 86_400), ("hours", 3600), ("minutes", 60)] {
        if seconds >= 2 * size && seconds.is_multiple_of(size) {
            return format!("{} {unit}", seconds / size);
        }
    }
    format!("{seconds} seconds")
}

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

/// The size of `text` in bytes as Korean carriers and SENS count message sizes (EUC-KR, KS X
/// 1001): one byte per ASCII character, two per other character. (A character EUC-KR cannot
/// represent, such as most emoji, makes NCP refuse the message; it counts two here.)
pub fn byte_count(text: &str) -> u64 {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Walks a value's fields, keeping the path to the current one and the first broken limit.
#[derive(Debug, Default)]
pub struct Checker {
    /// `messages[3].buttons[0]` while inside that object; empty at the top.
    path: String,
    broken: Option<(String, String)>,
    /// The request's case (its `case` field's value, such as a message type), which picks the
    /// limits of fields that have `cases` in the spec.
    case: Option<String>,
}

impl Checker {
    /// Sets the request's case: the value of the field named by the operation's `case` (the
    /// message type `SMS`, `LMS`, ...), before the fields are checked.
    pub fn set_case(&mut self, value: Option<&str>) {
        self.case = value.map(str::to_owned);
    }

    /// Whether the request's case is `value` (ASCII case-insensitively: SENS takes `sms` for
    /// `SMS`).
    pub fn case_is(&self, value: &str) -> bool {
        self.case
            .as_deref()
            .is_some_and(|case| case.eq_ignore_ascii_case(value))
    }

    /// A string's size in bytes as SENS counts it ([`byte_count`]).
    pub fn text_bytes(&mut self, field: &str, value: &str, max: u64) {
        if self.broken.is_none() {
            self.range(field, byte_count(value), None, Some(max), "bytes");
        }
    }

    /// Binary content's size in bytes.
    pub fn blob(&mut self, field: &str, len: usize, max: u64) {
        if self.broken.is_none() {
            self.range(field, len as u64, None, Some(max), "bytes");
        }
    }

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
            // Into the path's own buffer: no allocation once it has grown.
            let _ = write!(self.path, "[{i}]");
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

    /// The request's cross-field rules, `value` giving each field's text by wire name.
    pub fn rules<'a>(&mut self, rules: &[Rule], value: &dyn Fn(&str) -> Option<Cow<'a, str>>) {
        if self.broken.is_none()
            && let Some((field, reason)) = rules.iter().find_map(|r| r.broken(value))
        {
            self.fail(&field, reason);
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
    fn spans_read_in_the_largest_unit_that_makes_at_least_two() {
        assert_eq!(human(31 * 86_400), "31 days");
        assert_eq!(human(86_400), "24 hours");
        assert_eq!(human(5400), "90 minutes");
        assert_eq!(human(3600), "60 minutes");
        assert_eq!(human(86_401), "86401 seconds");
    }

    #[test]
    fn bytes_count_as_sens_counts_them_and_cases_pick_limits() {
        assert_eq!(byte_count("abc"), 3);
        assert_eq!(byte_count("안녕 hi"), 7);
        let mut c = Checker::default();
        assert!(!c.case_is("SMS"));
        c.set_case(Some("sms"));
        assert!(c.case_is("SMS") && !c.case_is("LMS"));
        c.text_bytes("content", "안녕하세요", 10);
        assert!(c.broken.is_none());
        c.text_bytes("content", "안녕하세요!", 10);
        assert_eq!(
            c.broken,
            Some((
                "content".to_owned(),
                "has 11 bytes, more than the maximum of 10".to_owned()
            ))
        );
        let mut c = Checker::default();
        c.blob("fileBody", 300 * 1024 + 1, 300 * 1024);
        assert!(c.broken.unwrap().1.contains("307201 bytes"));
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

    fn rules_of<'p>(
        pairs: &'p [(&'static str, &'static str)],
    ) -> impl Fn(&str) -> Option<Cow<'static, str>> + 'p {
        move |f: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == f)
                .map(|(_, v)| Cow::Borrowed(*v))
        }
    }

    const QUERY: [Rule; 4] = [
        Rule::OneOf(&[
            &["requestId"],
            &["requestStartTime", "requestEndTime"],
            &["completeStartTime", "completeEndTime"],
        ]),
        Rule::Together(&["requestStartTime", "requestEndTime"]),
        Rule::Exclusive(&["requestStartTime", "completeStartTime"]),
        Rule::MaxSpan {
            from: "requestStartTime",
            to: "requestEndTime",
            seconds: 31 * 86_400,
        },
    ];

    fn first_broken(pairs: &[(&'static str, &'static str)]) -> Option<(String, String)> {
        let value = rules_of(pairs);
        QUERY.iter().find_map(|r| r.broken(&value))
    }

    #[test]
    fn cross_field_rules() {
        assert_eq!(first_broken(&[("requestId", "r-1")]), None);
        assert_eq!(
            first_broken(&[]).unwrap(),
            ("requestId".to_owned(), "is missing: give one of requestId, or requestStartTime + requestEndTime, or completeStartTime + completeEndTime".to_owned())
        );
        assert_eq!(
            first_broken(&[
                ("requestId", "r"),
                ("requestStartTime", "2026-11-01T00:00:00")
            ])
            .unwrap(),
            (
                "requestEndTime".to_owned(),
                "is missing: it goes together with requestStartTime".to_owned()
            )
        );
        let both = [
            ("requestStartTime", "2026-11-01T00:00:00"),
            ("requestEndTime", "2026-11-02T00:00:00"),
            ("completeStartTime", "2026-11-01T00:00:00"),
            ("completeEndTime", "2026-11-01T01:00:00"),
        ];
        assert_eq!(
            first_broken(&both).unwrap().1,
            "cannot be combined with requestStartTime"
        );
        let long = [
            ("requestStartTime", "2026-10-01T00:00:00"),
            ("requestEndTime", "2026-11-01T00:00:01"),
        ];
        assert_eq!(
            first_broken(&long).unwrap(),
            (
                "requestEndTime".to_owned(),
                "is 2678401 seconds after requestStartTime, more than the 31 days allowed"
                    .to_owned()
            )
        );
        let exactly = [
            ("requestStartTime", "2026-10-01T00:00:00"),
            ("requestEndTime", "2026-11-01T00:00:00"),
        ];
        assert_eq!(first_broken(&exactly), None, "31 days exactly is allowed");
        let backwards = [
            ("requestStartTime", "2026-11-02 10:00"),
            ("requestEndTime", "2026-11-01 10:00"),
        ];
        assert_eq!(
            first_broken(&backwards).unwrap().1,
            "is before requestStartTime"
        );
        let garbage = [
            ("requestStartTime", "yesterday"),
            ("requestEndTime", "2026-11-01 10:00"),
        ];
        assert_eq!(
            first_broken(&garbage).unwrap(),
            (
                "requestStartTime".to_owned(),
                "`yesterday` is not a date and time".to_owned()
            )
        );
    }

    #[test]
    fn times_in_every_documented_format_and_across_leap_days() {
        assert_eq!(
            seconds_of("2024-03-01 00:00").unwrap() - seconds_of("2024-02-28 00:00").unwrap(),
            2 * 86_400
        );
        assert_eq!(
            seconds_of("2026-11-23T10:00:00.123").unwrap()
                - seconds_of("2026-11-23 09:59").unwrap(),
            60
        );
        assert_eq!(
            seconds_of("2027-01-01").unwrap() - seconds_of("2026-12-31").unwrap(),
            86_400
        );
        assert_eq!(seconds_of("2026-13-01"), None);
    }
}
