//! Every date the crate formats or reads: the signing time `X-Sdk-Date` (`YYYYMMDDTHHMMSSZ`)
//! and `Retry-After`'s HTTP date (IMF-fixdate, RFC 850, asctime), over one proleptic Gregorian
//! calendar.
//!
//! ```
//! use codearts_deploy_wasm::date::{format_sdk_date, is_valid_sdk_date, parse_http_date};
//! assert_eq!(format_sdk_date(1_704_164_645_999.0).as_deref(), Some("20240102T030405Z"));
//! assert!(is_valid_sdk_date("20240229T235959Z"));
//! assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:05 GMT", 0.0), Some(5));
//! ```

use crate::find::split_once;

/// Formats a time (milliseconds since the Unix epoch, as JavaScript's `Date.now()`) as the
/// signing time `YYYYMMDDTHHMMSSZ` in UTC; milliseconds are dropped (rounded down). `None`
/// when the time is not finite or outside the years 1 to 9999.
///
/// ```
/// use codearts_deploy_wasm::date::format_sdk_date;
/// assert_eq!(format_sdk_date(0.0).as_deref(), Some("19700101T000000Z"));
/// assert_eq!(format_sdk_date(f64::NAN), None);
/// ```
pub fn format_sdk_date(unix_millis: f64) -> Option<String> {
    // 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, in seconds since the epoch.
    const MIN_SECONDS: f64 = -62_135_596_800.0;
    const MAX_SECONDS: f64 = 253_402_300_799.0;
    if !unix_millis.is_finite() {
        return None;
    }
    let seconds = (unix_millis / 1000.0).floor();
    if !(MIN_SECONDS..=MAX_SECONDS).contains(&seconds) {
        return None;
    }
    // In range, so the conversion is exact.
    let seconds = seconds as i64;
    let days = seconds.div_euclid(86_400);
    let second_of_day = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    Some(format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        second_of_day / 3600,
        second_of_day % 3600 / 60,
        second_of_day % 60
    ))
}

/// Whether `value` is a signing time as the SDK writes and reads it: `YYYYMMDDTHHMMSSZ`, a real
/// UTC calendar date and time of the years 0001 to 9999 (no leap second).
///
/// ```
/// use codearts_deploy_wasm::date::is_valid_sdk_date;
/// assert!(is_valid_sdk_date("20240229T235959Z"));
/// assert!(!is_valid_sdk_date("20230229T000000Z"));
/// assert!(!is_valid_sdk_date("2024-01-02T03:04:05Z"));
/// ```
pub fn is_valid_sdk_date(value: &str) -> bool {
    let b = value.as_bytes();
    let [y0, y1, y2, y3, mo0, mo1, d0, d1, b'T', h0, h1, mi0, mi1, s0, s1, b'Z'] = b else {
        return false;
    };
    let digits = [y0, y1, y2, y3, mo0, mo1, d0, d1, h0, h1, mi0, mi1, s0, s1];
    if !digits.iter().all(|d| d.is_ascii_digit()) {
        return false;
    }
    let n = |ds: &[&u8]| {
        ds.iter()
            .fold(0i64, |acc, d| acc * 10 + i64::from(**d - b'0'))
    };
    let year = n(&[y0, y1, y2, y3]);
    let month = n(&[mo0, mo1]);
    let day = n(&[d0, d1]);
    let hour = n(&[h0, h1]);
    let minute = n(&[mi0, mi1]);
    let second = n(&[s0, s1]);
    year >= 1
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month)
        && hour <= 23
        && minute <= 59
        && second <= 59
}

/// Seconds since the Unix epoch of an HTTP date in any of the three forms RFC 9110 §5.6.7
/// has recipients accept, of the years 1970 to 9999; `None` for anything else, an impossible
/// date (31 February) included:
///
/// - IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`;
/// - RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT`, whose two-digit year is the one nearest
///   `now_millis` that is not more than 50 years ahead of it;
/// - asctime `Sun Nov  6 08:49:37 1994`.
///
/// ```
/// use codearts_deploy_wasm::date::parse_http_date;
/// let now = 1_700_000_000_000.0; // November 2023
/// assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT", now), Some(784_111_777));
/// assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT", now), Some(784_111_777));
/// assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994", now), Some(784_111_777));
/// assert_eq!(parse_http_date("Sat, 31 Feb 2024 00:00:00 GMT", now), None);
/// assert_eq!(parse_http_date("soon", now), None);
/// ```
pub fn parse_http_date(s: &str, now_millis: f64) -> Option<i64> {
    let (year, month, day, clock) = match split_once(s, ", ") {
        Some((name, rest)) if SHORT_DAYS.contains(&name) => imf_fixdate(rest)?,
        Some((name, rest)) if LONG_DAYS.contains(&name) => rfc850_date(rest, now_millis)?,
        Some(_) => return None,
        None => asctime_date(s)?,
    };
    let (hour, minute, second) = time_of_day(clock)?;
    if !(1970..=9999).contains(&year) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
}

const SHORT_DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const LONG_DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `06 Nov 1994 08:49:37 GMT` → (year, month, day, clock).
fn imf_fixdate(rest: &str) -> Option<(i64, i64, i64, &str)> {
    let [day, month, year, clock, "GMT"] = split_n::<5>(rest, ' ')? else {
        return None;
    };
    Some((
        digits(year, 4)?,
        month_number(month)?,
        digits(day, 2)?,
        clock,
    ))
}

/// `06-Nov-94 08:49:37 GMT` → (year, month, day, clock).
fn rfc850_date(rest: &str, now_millis: f64) -> Option<(i64, i64, i64, &str)> {
    let [date, clock, "GMT"] = split_n::<3>(rest, ' ')? else {
        return None;
    };
    let [day, month, year] = split_n::<3>(date, '-')?;
    // Clamped (NaN becomes 0) so that any clock reading stays inside the calendar's range.
    let today = (now_millis / 86_400_000.0).floor().clamp(-1e8, 1e8) as i64;
    let (now_year, _, _) = civil_from_days(today);
    let mut year = now_year - now_year.rem_euclid(100) + digits(year, 2)?;
    if year > now_year + 50 {
        year -= 100;
    }
    Some((year, month_number(month)?, digits(day, 2)?, clock))
}

/// `Sun Nov  6 08:49:37 1994` (the day padded with a space) → (year, month, day, clock).
fn asctime_date(s: &str) -> Option<(i64, i64, i64, &str)> {
    let (name, rest) = s.split_once(' ')?;
    let (month, rest) = rest.split_once(' ')?;
    let (day, rest) = match rest.strip_prefix(' ') {
        Some(padded) => (padded.get(..1)?, padded.get(1..)?),
        None => (rest.get(..2)?, rest.get(2..)?),
    };
    let [clock, year] = split_n::<2>(rest.strip_prefix(' ')?, ' ')?;
    if !SHORT_DAYS.contains(&name) || !day.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((
        digits(year, 4)?,
        month_number(month)?,
        day.parse().ok()?,
        clock,
    ))
}

/// `08:49:37` → (hour, minute, second); a leap second (60) is allowed.
fn time_of_day(clock: &str) -> Option<(i64, i64, i64)> {
    let [hour, minute, second] = split_n::<3>(clock, ':')?;
    let (hour, minute, second) = (digits(hour, 2)?, digits(minute, 2)?, digits(second, 2)?);
    (hour <= 23 && minute <= 59 && second <= 60).then_some((hour, minute, second))
}

/// `s` split on `separator` into exactly `N` pieces.
fn split_n<const N: usize>(s: &str, separator: char) -> Option<[&str; N]> {
    let mut pieces = s.split(separator);
    let mut out = [""; N];
    for slot in out.iter_mut() {
        *slot = pieces.next()?;
    }
    pieces.next().is_none().then_some(out)
}

/// Exactly `width` ASCII digits as a number.
fn digits(s: &str, width: usize) -> Option<i64> {
    (s.len() == width && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `Jan` → 1 … `Dec` → 12 (case-sensitive, as the grammar is).
fn month_number(name: &str) -> Option<i64> {
    MONTHS
        .iter()
        .position(|m| *m == name)
        .and_then(|i| i64::try_from(i + 1).ok())
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day); Howard Hinnant's
/// `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let day = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let month = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Days since 1970-01-01 of a proleptic Gregorian date; Howard Hinnant's `days_from_civil`,
/// the inverse of [`civil_from_days`].
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_sdk_date_converts_civil_dates() {
        let f = |ms: f64| format_sdk_date(ms).unwrap_or_else(|| panic!("{ms}"));
        assert_eq!(f(0.0), "19700101T000000Z");
        assert_eq!(f(999.9), "19700101T000000Z");
        assert_eq!(f(-1.0), "19691231T235959Z");
        assert_eq!(f(1_704_164_645_000.0), "20240102T030405Z");
        assert_eq!(f(951_782_400_000.0), "20000229T000000Z");
        assert_eq!(f(1_709_251_199_000.0), "20240229T235959Z");
        assert_eq!(f(4_102_444_800_000.0), "21000101T000000Z");
        assert_eq!(f(-62_135_596_800_000.0), "00010101T000000Z");
        assert_eq!(f(253_402_300_799_999.0), "99991231T235959Z");
        for bad in [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            253_402_300_800_000.0,
            -62_135_596_800_001.0,
            1e300,
        ] {
            assert_eq!(format_sdk_date(bad), None, "{bad}");
        }
        for ms in [f64::MIN, f64::MAX, -0.0, f64::MIN_POSITIVE, 1e15, -1e15] {
            let _ = format_sdk_date(ms);
        }
    }

    #[test]
    fn every_formatted_day_is_valid_and_round_trips() {
        let first = days_from_civil(1, 1, 1);
        let last = days_from_civil(9999, 12, 31);
        let mut day = first;
        let mut previous: Option<String> = None;
        while day <= last {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
            let s = format_sdk_date(day as f64 * 86_400_000.0 + 86_399_000.0)
                .unwrap_or_else(|| panic!("{day}"));
            assert!(is_valid_sdk_date(&s), "{s}");
            assert!(s.ends_with("T235959Z"), "{s}");
            if let Some(p) = &previous {
                assert!(p < &s, "{p} then {s}");
            }
            previous = Some(s);
            // Every day of 1900..=2200, a sample of the others.
            day += if (1900..=2200).contains(&y) { 1 } else { 13 };
        }
    }

    #[test]
    fn the_two_calendars_agree_with_known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(19_724), (2024, 1, 2));
    }

    #[test]
    fn http_dates_are_read_strictly() {
        assert_eq!(
            parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT", 0.0),
            Some(0)
        );
        assert_eq!(
            parse_http_date("Tue, 02 Jan 2024 03:04:05 GMT", 0.0),
            Some(1_704_164_645)
        );
        for bad in [
            "",
            "Thu, 01 Jan 1970 00:00:00 UTC",
            "Thu, 32 Jan 1970 00:00:00 GMT",
            "Thu, 01 Foo 1970 00:00:00 GMT",
            "Thu, 01 Jan 1969 00:00:00 GMT",
            "Thu, 01 Jan 1970 24:00:00 GMT",
            "Thu, 01 Jan 1970 00:00 GMT",
        ] {
            assert_eq!(parse_http_date(bad, 0.0), None, "{bad}");
        }
    }

    #[test]
    fn is_valid_sdk_date_is_strict() {
        for good in [
            "20240102T030405Z",
            "00010101T000000Z",
            "99991231T235959Z",
            "20000229T120000Z",
        ] {
            assert!(is_valid_sdk_date(good), "{good}");
        }
        for bad in [
            "",
            "20240102T030405",
            "20240102 030405Z",
            "20240102t030405Z",
            "20240102T030405z",
            "00000101T000000Z",
            "20241301T000000Z",
            "20240001T000000Z",
            "20240100T000000Z",
            "20240132T000000Z",
            "20230229T000000Z",
            "19000229T000000Z",
            "20240431T000000Z",
            "20240102T240000Z",
            "20240102T236000Z",
            "20240102T235960Z",
            "2024012T0304050Z",
            "+2024012T030405Z",
            "20240102T030405Z ",
            "２0240102T030405Z",
            "20240102T030405ZZ",
        ] {
            assert!(!is_valid_sdk_date(bad), "{bad}");
        }
    }
}
