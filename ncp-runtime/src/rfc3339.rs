//! RFC 3339 times, as the metadata service writes a key's `Expiration`
//! (`2026-11-25T09:00:00Z`, `2026-11-25T18:00:00.123+09:00`). A date library would be a dependency
//! for one function.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The instant `text` names, or `None` when it is not a complete RFC 3339 time at or after the
/// epoch. A leap second (`:60`) is read as `:59`.
pub(crate) fn parse(text: &str) -> Option<SystemTime> {
    let s = text.trim();
    let b = s.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    // Digits only: `str::parse` would also take a sign.
    let num = |from: usize, to: usize| -> Option<i64> {
        let part = s.get(from..to)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = s.get(19..)?;
    let mut nanos = 0u32;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        // Digits past the ninth are below a nanosecond and dropped.
        for (i, c) in fraction.bytes().take(digits.min(9)).enumerate() {
            nanos += u32::from(c - b'0') * 10u32.pow(8 - i as u32);
        }
        rest = &fraction[digits..];
    }
    let offset = utc_offset_seconds(rest)?;
    let seconds =
        days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second.min(59)
            - offset;
    let seconds = u64::try_from(seconds).ok()?;
    UNIX_EPOCH.checked_add(Duration::new(seconds, nanos))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `Z`, or `+hh:mm` / `-hh:mm`, in seconds east of UTC.
fn utc_offset_seconds(rest: &str) -> Option<i64> {
    match rest.as_bytes() {
        [b'Z' | b'z'] => Some(0),
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let digits = [*h1, *h2, *m1, *m2];
            if !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let [h1, h2, m1, m2] = digits.map(|d| i64::from(d - b'0'));
            let (hours, minutes) = (h1 * 10 + h2, m1 * 10 + m2);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = hours * 3600 + minutes * 60;
            Some(if *sign == b'-' { -offset } else { offset })
        }
        _ => None,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: u64, nanos: u32) -> Option<SystemTime> {
        Some(UNIX_EPOCH + Duration::new(seconds, nanos))
    }

    #[test]
    fn parses_utc_offsets_and_fractions() {
        assert_eq!(parse("1970-01-01T00:00:00Z"), at(0, 0));
        // `date -u -d 2026-11-25T09:00:00Z +%s`
        assert_eq!(parse("2026-11-25T09:00:00Z"), at(1_795_597_200, 0));
        assert_eq!(
            parse("2026-11-25T18:00:00.25+09:00"),
            at(1_795_597_200, 250_000_000)
        );
        assert_eq!(parse("2000-02-29T23:59:59-01:30"), at(951_874_199, 0));
        assert_eq!(
            parse(" 2024-05-04t08:24:35.123456789123z "),
            at(1_714_811_075, 123_456_789)
        );
    }

    #[test]
    fn refuses_what_is_not_a_complete_time() {
        for bad in [
            "",
            "2026-11-25",
            "2026-11-25T09:00:00",
            "2026-13-01T00:00:00Z",
            "2026-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-11-25T24:00:00Z",
            "2026-11-25T09:00:00.Z",
            "2026-11-25T09:00:00+0900",
            "1969-12-31T23:59:59Z",
            "2026-11-25T09:00:00Zjunk",
            "２026-11-25T09:00:00Z",
            "+026-11-25T09:00:00Z",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }
}
