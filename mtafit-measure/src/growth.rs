//! Sent volume by calendar month, and the month-over-month growth the months show.
//!
//! A log rarely starts on the first of a month or ends on the last, so each month's count is
//! kept exact but its rate is taken over the part of the month the log covers. Months the log
//! covers for less than [`MIN_COVERED_DAYS`] say too little and are left out of the trend; the
//! trend is a least-squares line through the logarithm of the monthly rates, so one odd month
//! moves it less than comparing the first month with the last would.

use mtafit_model::calendar::{civil_from_days, days_from_civil, days_in_month};
use serde::Serialize;
use std::collections::BTreeMap;

/// A month the log covers for fewer days than this is shown but not used for the trend.
pub const MIN_COVERED_DAYS: f64 = 7.0;
/// The mean length of a month in days, for rates a month.
pub const MEAN_MONTH_DAYS: f64 = 365.2425 / 12.0;
/// The months that count must cover two months of days between them: a 30-day log that
/// crosses the 1st is two half-months, whose difference is a fortnight's noise, not a trend.
pub const MIN_TREND_DAYS: f64 = 2.0 * MEAN_MONTH_DAYS;

/// One calendar month of the log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Month {
    /// `YYYY-MM`.
    pub month: String,
    /// Recipients delivered that month (the per-day `sent`, summed).
    pub sent: u64,
    /// Days of the month between the log's first and last counted lines.
    pub covered_days: f64,
    /// True when the log covers the whole month.
    pub complete: bool,
    /// `sent` at this month's pace over a mean month (30.44 days), when the month counts toward
    /// the trend.
    pub monthly_rate: Option<u64>,
}

/// What the months say about growth.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Trend {
    /// A steady trend: the volume grows (or shrinks) by `per_month` a month (0.06 for +6 %).
    Estimated {
        /// Growth a month, as a share.
        per_month: f64,
        /// Months it rests on.
        months: u32,
    },
    /// Fewer than two months covered for at least [`MIN_COVERED_DAYS`], or fewer days between
    /// them than [`MIN_TREND_DAYS`]: no trend to speak of.
    TooShort {
        /// Months that count.
        months: u32,
        /// Days those months cover.
        days: f64,
    },
    /// The months disagree too much for one rate to describe them.
    Noisy {
        /// Months it rests on.
        months: u32,
        /// The smallest month-over-month change, as a share.
        lowest: f64,
        /// The largest.
        highest: f64,
    },
}

impl Trend {
    /// The growth a month, when there is one to act on.
    pub fn per_month(&self) -> Option<f64> {
        match self {
            Trend::Estimated { per_month, .. } => Some(*per_month),
            _ => None,
        }
    }
}

/// Local seconds since 1970 of a day number and a second of the day.
fn seconds(day: i32, sod: u32) -> f64 {
    f64::from(day) * 86_400.0 + f64::from(sod)
}

/// Each calendar month from the first counted line to the last, with its sent count: `days`
/// maps a day number to `[sent, deferred, bounced]`; `first` and `last` are (day, second).
pub fn months(days: &BTreeMap<i32, [u64; 3]>, first: (i32, u32), last: (i32, u32)) -> Vec<Month> {
    let (from, to) = (seconds(first.0, first.1), seconds(last.0, last.1));
    let (mut y, mut m, _) = civil_from_days(first.0);
    let (ly, lm, _) = civil_from_days(last.0);
    let mut out = Vec::new();
    // A log of centuries is misdated, not long: stop well before that.
    while (y, m) <= (ly, lm) && out.len() < 1_200 {
        let start = days_from_civil(y, m, 1);
        let length = days_in_month(y, m);
        let end = start + length as i32;
        let sent = days.range(start..end).map(|(_, c)| c[0]).sum();
        let covered = ((to.min(seconds(end, 0)) - from.max(seconds(start, 0))) / 86_400.0).max(0.0);
        let complete = from <= seconds(start, 0) && to >= seconds(end, 0) - 86_400.0;
        out.push(Month {
            month: format!("{y:04}-{m:02}"),
            sent,
            covered_days: (covered * 100.0).round() / 100.0,
            complete,
            monthly_rate: (covered >= MIN_COVERED_DAYS)
                .then(|| (sent as f64 / covered * MEAN_MONTH_DAYS).round() as u64),
        });
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// The trend of the months that count: a least-squares line through the logarithm of their
/// rates. It is noisy when its uncertainty (two standard errors) is larger than both the
/// growth itself and 2 % a month.
pub fn trend(months: &[Month]) -> Trend {
    let points: Vec<(f64, u64)> = months
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.monthly_rate.map(|r| (i as f64, r)))
        .collect();
    let n = points.len() as u32;
    // Folded from +0.0: `sum` of no months is -0.0, which prints as "-0.0 days".
    let days: f64 = months
        .iter()
        .filter(|m| m.monthly_rate.is_some())
        .map(|m| m.covered_days)
        .fold(0.0, |a, d| a + d);
    if n < 2 || days < MIN_TREND_DAYS {
        return Trend::TooShort {
            months: n,
            days: (days * 10.0).round() / 10.0,
        };
    }
    let changes: Vec<f64> = points
        .windows(2)
        .filter(|w| w[0].1 > 0)
        .map(|w| (w[1].1 as f64 / w[0].1 as f64).powf(1.0 / (w[1].0 - w[0].0)) - 1.0)
        .collect();
    let lowest = changes.iter().copied().fold(f64::INFINITY, f64::min);
    let highest = changes.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if points.iter().any(|p| p.1 == 0) {
        // A month with nothing sent has no logarithm: an outage or a misread log, not a trend.
        return Trend::Noisy {
            months: n,
            lowest: if lowest.is_finite() { lowest } else { -1.0 },
            highest: if highest.is_finite() { highest } else { 0.0 },
        };
    }
    let xs: Vec<f64> = points.iter().map(|p| p.0).collect();
    let ys: Vec<f64> = points.iter().map(|p| (p.1 as f64).ln()).collect();
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let (mx, my) = (mean(&xs), mean(&ys));
    let sxx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
    let sxy: f64 = xs.iter().zip(&ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    let slope = sxy / sxx;
    let per_month = slope.exp() - 1.0;
    if n >= 3 {
        let rss: f64 = xs
            .iter()
            .zip(&ys)
            .map(|(x, y)| (y - my - slope * (x - mx)).powi(2))
            .sum();
        let se = (rss / f64::from(n - 2) / sxx).sqrt();
        if 2.0 * se > slope.abs().max(0.02) {
            return Trend::Noisy {
                months: n,
                lowest,
                highest,
            };
        }
    }
    Trend::Estimated {
        per_month,
        months: n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A log from `start` for `days` days sending `per_day(i)` on day i.
    fn log(start: (i32, u32, u32), days: i32, per_day: impl Fn(i32) -> u64) -> Vec<Month> {
        let d0 = days_from_civil(start.0, start.1, start.2);
        let map: BTreeMap<i32, [u64; 3]> =
            (0..days).map(|i| (d0 + i, [per_day(i), 0, 0])).collect();
        months(&map, (d0, 0), (d0 + days - 1, 86_399))
    }

    #[test]
    fn months_are_counted_exactly_and_their_coverage_measured() {
        // 10 November to 9 January: a partial November, a whole December, a partial January,
        // across New Year.
        let m = log((2025, 11, 10), 61, |_| 100);
        let names: Vec<&str> = m.iter().map(|m| m.month.as_str()).collect();
        assert_eq!(names, ["2025-11", "2025-12", "2026-01"]);
        assert_eq!(m[0].sent, 21 * 100);
        assert_eq!(m[1].sent, 31 * 100);
        assert_eq!(m[2].sent, 9 * 100);
        assert!(!m[0].complete && m[1].complete && !m[2].complete);
        assert_eq!(m[0].covered_days, 21.0);
        // A steady 100 a day is the same rate in every month that counts.
        assert_eq!(m[0].monthly_rate, m[1].monthly_rate);
        assert_eq!(m[1].monthly_rate, Some(3044));
        // Nine days count; a week is the least.
        assert!(m[2].monthly_rate.is_some());
        assert_eq!(
            trend(&m),
            Trend::Estimated {
                per_month: 0.0,
                months: 3
            }
        );
    }

    #[test]
    fn steady_growth_is_found() {
        // +6 % a month, compounded daily, over five months.
        let g = 1.06f64.powf(1.0 / MEAN_MONTH_DAYS);
        let m = log((2026, 1, 1), 151, |i| (10_000.0 * g.powi(i)).round() as u64);
        let Trend::Estimated { per_month, months } = trend(&m) else {
            panic!("{:?}", trend(&m))
        };
        assert_eq!(months, 5);
        assert!((per_month - 0.06).abs() < 0.005, "{per_month}");
    }

    #[test]
    fn short_and_noisy_histories_say_so() {
        assert_eq!(
            trend(&log((2026, 3, 1), 20, |_| 5)),
            Trend::TooShort {
                months: 1,
                days: 20.0
            }
        );
        // Two months, but the second covered for three days only.
        assert!(matches!(
            trend(&log((2026, 3, 1), 34, |_| 5)),
            Trend::TooShort { months: 1, .. }
        ));
        // A 30-day log across the 1st: two half-months that would show +100 % from a quiet
        // fortnight and a busy one. Not a trend.
        let m = log((2026, 3, 15), 30, |i| if i < 17 { 500 } else { 1_000 });
        assert_eq!(m.iter().filter(|m| m.monthly_rate.is_some()).count(), 2);
        assert!(
            matches!(trend(&m), Trend::TooShort { months: 2, .. }),
            "{:?}",
            trend(&m)
        );
        // Up, down, up, down by half.
        let m = log((2026, 1, 1), 120, |i| {
            if (i / 30) % 2 == 0 { 1_000 } else { 500 }
        });
        assert!(
            matches!(trend(&m), Trend::Noisy { months: 4, .. }),
            "{:?}",
            trend(&m)
        );
        // A month with nothing sent.
        let m = log((2026, 1, 1), 90, |i| {
            if (31..59).contains(&i) { 0 } else { 1_000 }
        });
        assert!(matches!(trend(&m), Trend::Noisy { .. }));
    }
}
