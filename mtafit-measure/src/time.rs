//! Timestamps as mail logs write them, read from bytes at fixed positions (no allocation, no
//! UTF-8 check).

pub use mtafit_model::calendar::{civil_from_days, days_from_civil};
use mtafit_model::calendar::{days_in_month, valid};

/// A log line's time: a date (with or without a year) and the second of that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// The date as written in the log.
    pub day: Day,
    /// Seconds since the day's local midnight.
    pub sod: u32,
    /// Offset from UTC in seconds when the log says it (RFC 3339, Exim with a zone).
    pub offset: Option<i32>,
}

impl Stamp {
    /// A syslog stamp at midnight, for tests.
    #[cfg(test)]
    pub fn yearless(month: u8, day: u8) -> Stamp {
        Stamp {
            day: Day::Yearless { month, day },
            sod: 0,
            offset: None,
        }
    }
}

/// A date as written: syslog omits the year, everything else has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Day {
    /// Days since 1970-01-01.
    Dated(i32),
    /// Month (1–12) and day of month, year unknown.
    Yearless { month: u8, day: u8 },
}

fn digit(b: u8) -> Option<u32> {
    b.is_ascii_digit().then(|| u32::from(b - b'0'))
}

fn two(s: &[u8], at: usize) -> Option<u32> {
    Some(digit(*s.get(at)?)? * 10 + digit(*s.get(at + 1)?)?)
}

fn four(s: &[u8], at: usize) -> Option<u32> {
    Some(two(s, at)? * 100 + two(s, at + 2)?)
}

/// `HH:MM:SS` at `at`: seconds of the day.
fn clock(s: &[u8], at: usize) -> Option<u32> {
    if s.get(at + 2) != Some(&b':') || s.get(at + 5) != Some(&b':') {
        return None;
    }
    let (h, m, sec) = (two(s, at)?, two(s, at + 3)?, two(s, at + 6)?);
    // 60 allows a leap second.
    (h < 24 && m < 60 && sec <= 60).then_some(h * 3600 + m * 60 + sec)
}

/// Month number (1–12) of a three-letter English abbreviation.
pub fn month_of(abbrev: &[u8]) -> Option<u8> {
    Some(match abbrev {
        b"Jan" => 1,
        b"Feb" => 2,
        b"Mar" => 3,
        b"Apr" => 4,
        b"May" => 5,
        b"Jun" => 6,
        b"Jul" => 7,
        b"Aug" => 8,
        b"Sep" => 9,
        b"Oct" => 10,
        b"Nov" => 11,
        b"Dec" => 12,
        _ => return None,
    })
}

/// A syslog timestamp `Nov 28 06:34:30` (day space- or zero-padded; `journalctl -o
/// short-precise` adds `.418273`); returns it and its length.
pub fn syslog(s: &[u8]) -> Option<(Stamp, usize)> {
    if s.len() < 15 || s[3] != b' ' || s[6] != b' ' {
        return None;
    }
    let month = month_of(&s[..3])?;
    let day = match s[4] {
        b' ' => digit(s[5])?,
        _ => two(s, 4)?,
    };
    // No year to check against: February may have 29 days, no month more than it can.
    if day < 1 || day > days_in_month(2000, u32::from(month)) {
        return None;
    }
    let sod = clock(s, 7)?;
    let day = Day::Yearless {
        month,
        day: day as u8,
    };
    let stamp = Stamp {
        day,
        sod,
        offset: None,
    };
    Some((stamp, 15 + fraction(s, 15)))
}

/// `YYYY-MM-DD` at the start of `s`: days since 1970-01-01.
fn date(s: &[u8]) -> Option<i32> {
    if s.get(4) != Some(&b'-') || s.get(7) != Some(&b'-') {
        return None;
    }
    let (y, m, d) = (four(s, 0)?, two(s, 5)?, two(s, 8)?);
    let day = valid(y as i32, m, d).then(|| days_from_civil(y as i32, m, d))?;
    plausible(day).then_some(day)
}

/// The years a mail log's dates may fall in, for dated lines and `--year` alike: no mail log
/// holds an earlier date, and one garbled year (9999) would otherwise stretch the span and sink
/// the monthly volume.
pub const LOG_YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// [`LOG_YEARS`] in words, for every message that refuses a year.
pub const LOG_YEARS_WORDS: &str = "1990 to 2100";

/// A year given for a log's dates that is not one of [`LOG_YEARS`], or not a year at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a year from {LOG_YEARS_WORDS} (the years mtafit reads in a mail log)")]
pub struct YearError {
    /// What was written, made safe for a terminal.
    pub input: String,
}

/// Read a year given for a log's dates (`--year`): one of [`LOG_YEARS`].
pub fn parse_year(s: &str) -> Result<i32, YearError> {
    s.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| LOG_YEARS.contains(y))
        .ok_or_else(|| YearError {
            input: mtafit_model::text::sanitize(s).into_owned(),
        })
}

/// 1990-01-01 and 2101-01-01 (the first day after [`LOG_YEARS`]), in days since 1970.
const EARLIEST: i32 = 7_305;
const LATEST: i32 = 47_847;

fn plausible(day: i32) -> bool {
    (EARLIEST..LATEST).contains(&day)
}

/// The year of a `YYYY-MM-DD` date at the start of `s` when it is a real date outside
/// [`LOG_YEARS`]: why a log that looks right was not read.
pub fn year_outside(s: &[u8]) -> Option<i32> {
    if s.get(4) != Some(&b'-') || s.get(7) != Some(&b'-') {
        return None;
    }
    let (y, m, d) = (four(s, 0)? as i32, two(s, 5)?, two(s, 8)?);
    (valid(y, m, d) && !LOG_YEARS.contains(&y)).then_some(y)
}

/// A fraction `.ffffff` (any number of digits) at `at`: its length.
pub(crate) fn fraction(s: &[u8], at: usize) -> usize {
    if s.get(at) != Some(&b'.') {
        return 0;
    }
    1 + s[at + 1..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// A zone `Z`, `+01:00` or `+0100` at `at`: offset in seconds and length.
fn zone(s: &[u8], at: usize) -> Option<(i32, usize)> {
    match *s.get(at)? {
        b'Z' | b'z' => Some((0, 1)),
        sign @ (b'+' | b'-') => {
            let h = two(s, at + 1)?;
            let (m, len) = if s.get(at + 3) == Some(&b':') {
                (two(s, at + 4)?, 6)
            } else {
                (two(s, at + 3)?, 5)
            };
            if h > 23 || m > 59 {
                return None;
            }
            let secs = (h * 3600 + m * 60) as i32;
            Some((if sign == b'-' { -secs } else { secs }, len))
        }
        _ => None,
    }
}

/// An RFC 3339 timestamp `2025-11-28T06:34:30[.frac](Z|+01:00|+0100)`; returns it and its length.
pub fn rfc3339(s: &[u8]) -> Option<(Stamp, usize)> {
    let day = date(s)?;
    if !matches!(s.get(10), Some(b'T' | b't')) {
        return None;
    }
    let sod = clock(s, 11)?;
    let at = 19 + fraction(s, 19);
    let (offset, len) = zone(s, at)?;
    Some((
        Stamp {
            day: Day::Dated(day),
            sod,
            offset: Some(offset),
        },
        at + len,
    ))
}

/// Exim's `2025-11-28 06:34:30[.fff][ +0100]`, or PowerMTA's `2025-11-28 06:34:31+0000`.
pub fn spaced(s: &[u8]) -> Option<(Stamp, usize)> {
    let day = date(s)?;
    if s.get(10) != Some(&b' ') {
        return None;
    }
    let sod = clock(s, 11)?;
    let mut at = 19 + fraction(s, 19);
    let mut offset = None;
    let zone_at = if s.get(at) == Some(&b' ') { at + 1 } else { at };
    if let Some((o, len)) = zone(s, zone_at).filter(|_| s.get(zone_at) != Some(&b'Z')) {
        offset = Some(o);
        at = zone_at + len;
    }
    Some((
        Stamp {
            day: Day::Dated(day),
            sod,
            offset,
        },
        at,
    ))
}

/// Unix seconds, reported in UTC.
pub fn unix(secs: i64) -> Option<Stamp> {
    let day = secs.div_euclid(86_400);
    if !(i64::from(EARLIEST)..i64::from(LATEST)).contains(&day) {
        return None;
    }
    Some(Stamp {
        day: Day::Dated(day as i32),
        sod: secs.rem_euclid(86_400) as u32,
        offset: Some(0),
    })
}

/// `YYYY-MM-DD` of days since 1970-01-01.
pub fn format_date(days: i32) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DDTHH:MM:SS` of a date and second of the day.
pub fn format_moment(days: i32, sod: u32) -> String {
    format!(
        "{}T{:02}:{:02}:{:02}",
        format_date(days),
        sod / 3600,
        sod / 60 % 60,
        sod % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syslog_stamps_with_space_or_zero_padding() {
        let (s, n) = syslog(b"Nov 28 06:34:30 mx1").unwrap();
        assert_eq!(n, 15);
        assert_eq!(s.day, Day::Yearless { month: 11, day: 28 });
        assert_eq!(s.sod, 6 * 3600 + 34 * 60 + 30);
        assert_eq!(
            syslog(b"Nov  8 06:34:30 x").unwrap().0.day,
            Day::Yearless { month: 11, day: 8 }
        );
        assert_eq!(
            syslog(b"Nov 08 06:34:30 x").unwrap().0.day,
            Day::Yearless { month: 11, day: 8 }
        );
        assert!(syslog(b"Nox 28 06:34:30 x").is_none());
        assert!(syslog(b"Nov 32 06:34:30 x").is_none());
        assert!(
            syslog(b"Nov 31 06:34:30 x").is_none(),
            "November has 30 days"
        );
        assert!(syslog(b"Feb 30 06:34:30 x").is_none());
        assert!(
            syslog(b"Feb 29 06:34:30 x").is_some(),
            "some years have one"
        );
        assert_eq!(syslog(b"Nov 28 06:34:30.418273 mx1").unwrap().1, 22);
        assert!(syslog(b"Nov 28 26:34:30 x").is_none());
        assert!(syslog(b"Nov 28 06:34").is_none());
    }

    #[test]
    fn rfc3339_with_colon_without_colon_and_z() {
        let (a, n) = rfc3339(b"2025-11-28T06:34:30.418273+01:00 mx1").unwrap();
        assert_eq!(n, 32);
        assert_eq!(a.offset, Some(3600));
        assert_eq!(a.day, Day::Dated(days_from_civil(2025, 11, 28)));
        let (b, n) = rfc3339(b"2025-11-28T06:34:30+0100 mx1").unwrap();
        assert_eq!((n, b.offset), (24, Some(3600)));
        let (c, n) = rfc3339(b"2025-11-28T06:34:30Z").unwrap();
        assert_eq!((n, c.offset), (20, Some(0)));
        assert_eq!(
            rfc3339(b"2025-11-28T06:34:30-0530").unwrap().0.offset,
            Some(-19800)
        );
        assert!(rfc3339(b"2025-02-30T06:34:30Z").is_none());
        assert!(rfc3339(b"2025-11-28T06:34:30").is_none());
    }

    #[test]
    fn spaced_stamps_of_exim_and_powermta() {
        let (a, n) = spaced(b"2025-11-28 06:34:29 1tQ2aB").unwrap();
        assert_eq!((n, a.offset), (19, None));
        let (b, n) = spaced(b"2025-11-28 06:34:29 +0100 1tQ").unwrap();
        assert_eq!((n, b.offset), (25, Some(3600)));
        let (c, n) = spaced(b"2025-11-28 06:34:31+0000,").unwrap();
        assert_eq!((n, c.offset), (24, Some(0)));
        let (d, n) = spaced(b"2025-11-28 06:34:31.123 1t").unwrap();
        assert_eq!((n, d.sod), (23, 6 * 3600 + 34 * 60 + 31));
    }

    #[test]
    fn a_year_for_syslog_dates_is_one_a_log_may_hold() {
        assert_eq!(parse_year(" 2025 "), Ok(2025));
        assert_eq!(parse_year("1990"), Ok(1990));
        for bad in ["12", "2101", "last year"] {
            let e = parse_year(bad).unwrap_err();
            assert_eq!(e.input, bad);
            assert_eq!(
                e.to_string(),
                "expected a year from 1990 to 2100 (the years mtafit reads in a mail log)"
            );
        }
    }

    #[test]
    fn dates_outside_1990_to_2100_are_not_log_dates() {
        assert_eq!(days_from_civil(*LOG_YEARS.start(), 1, 1), EARLIEST);
        assert_eq!(days_from_civil(*LOG_YEARS.end() + 1, 1, 1), LATEST);
        assert!(rfc3339(b"2100-12-31T23:59:59Z").is_some());
        assert!(rfc3339(b"2101-01-01T00:00:00Z").is_none());
        assert!(spaced(b"1990-01-01 00:00:00").is_some());
        assert!(spaced(b"1989-12-31 23:59:59").is_none());
        assert!(rfc3339(b"9999-12-31T00:00:00Z").is_none());
        assert!(spaced(b"1970-01-01 00:00:00").is_none());
        assert_eq!(year_outside(b"2101-01-01T00:00:00Z"), Some(2101));
        assert_eq!(year_outside(b"1970-01-01 00:00:00"), Some(1970));
        assert_eq!(year_outside(b"2100-12-31 00:00:00"), None);
        assert_eq!(year_outside(b"2101-02-30 00:00:00"), None);
        assert!(unix(253_402_300_799).is_none());
        assert!(unix(1_764_311_669).is_some());
    }

    #[test]
    fn dates_and_moments_print_as_iso() {
        assert_eq!(format_date(days_from_civil(2024, 2, 29)), "2024-02-29");
        assert_eq!(format_moment(0, 3661), "1970-01-01T01:01:01");
        assert_eq!(format_date(-1), "1969-12-31");
    }

    #[test]
    fn unix_seconds_in_utc() {
        let s = unix(1_764_311_669).unwrap();
        assert_eq!(
            format_moment(
                match s.day {
                    Day::Dated(d) => d,
                    Day::Yearless { .. } => unreachable!(),
                },
                s.sod
            ),
            "2025-11-28T06:34:29"
        );
        assert!(unix(-5).is_none());
    }
}
