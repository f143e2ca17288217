//! Calendar arithmetic on civil dates, for catalogue `checked` dates and log timestamps, exact
//! for the years in [`YEARS`].

/// True for a leap year of the Gregorian calendar.
pub fn leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in month `m` (1–12) of year `y`.
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// True when `y-m-d` is a date of the calendar.
pub fn valid(y: i32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// The years this module computes exactly: days since 1970 fit an `i32` throughout. Outside it
/// the functions still return (saturated) values and never panic or wrap.
pub const YEARS: std::ops::RangeInclusive<i32> = -5_000_000..=5_000_000;

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm), exact for [`YEARS`].
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    // In i64: an i32 product overflows for years beyond about ±5.8 million.
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m.clamp(1, 12));
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

/// The civil date (year, month, day) of days since 1970-01-01; every `i32` day has one.
pub fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = i64::from(z) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    // |z| < 2^31 days is under 6 million years: the year fits an i32.
    ((yoe + era * 400 + i64::from(m <= 2)) as i32, m, d)
}

/// Days since 1970-01-01 of a point in time, in UTC.
pub fn day_of(t: std::time::SystemTime) -> i32 {
    let secs = match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    };
    secs.div_euclid(86_400) as i32
}

/// Days since 1970-01-01 of now, in UTC.
pub fn today() -> i32 {
    day_of(std::time::SystemTime::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_leap_years() {
        for z in [-1, 0, 59, 365, 10_957, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        assert!(valid(2024, 2, 29) && !valid(2025, 2, 29) && !valid(2000, 13, 1));
        assert!(leap(2000) && !leap(1900));
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        let before = std::time::UNIX_EPOCH - std::time::Duration::from_secs(1);
        assert_eq!(day_of(before), -1, "a second before 1970 is the day before");
    }

    #[test]
    fn the_stated_range_is_exact_and_beyond_it_nothing_overflows() {
        for y in [*YEARS.start(), -1, 0, 1, 9999, *YEARS.end()] {
            for (m, d) in [(1, 1), (2, 28), (12, 31)] {
                assert_eq!(
                    civil_from_days(days_from_civil(y, m, d)),
                    (y, m, d),
                    "{y}-{m}-{d}"
                );
            }
        }
        // Beyond the range: saturated, no panic in debug builds.
        assert_eq!(days_from_civil(i32::MAX, 12, 31), i32::MAX);
        assert_eq!(days_from_civil(i32::MIN, 1, 1), i32::MIN);
        let (y, _, _) = civil_from_days(i32::MAX);
        assert!(y > *YEARS.end());
        let (y, _, _) = civil_from_days(i32::MIN);
        assert!(y < *YEARS.start());
    }
}
