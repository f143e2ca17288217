//! Folding chunk tallies together in input order: years for syslog dates, messages across
//! chunk edges, and everything else that simply adds up.

use super::lives::OpenLives;
use super::tally::{Counts, EXAMPLES, LeapRun, Moment, Piece, Tally, year_step};
use super::time::{self, Day};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap};

/// A point in time resolved to a date: local date and second as written, and UTC seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    /// Days since 1970-01-01 of the local date.
    pub day: i32,
    /// Seconds since local midnight.
    pub sod: u32,
    /// Seconds since 1970 in UTC (local time when the log gives no zone).
    pub utc: i64,
}

impl When {
    fn new(day: i32, sod: u32, offset: Option<i32>) -> When {
        When {
            day,
            sod,
            utc: i64::from(day) * 86_400 + i64::from(sod) - i64::from(offset.unwrap_or(0)),
        }
    }
}

/// An unreadable line: which input, where, and its start.
#[derive(Debug, Clone)]
pub struct Unreadable {
    /// Index of the input.
    pub input: usize,
    /// Byte offset in the input.
    pub offset: u64,
    /// The start of the line.
    pub text: Vec<u8>,
}

/// Everything measured so far, over all inputs.
#[derive(Debug, Default)]
pub struct Totals {
    /// Plain counters.
    pub counts: Counts,
    /// Per local date: sent, deferred, bounced.
    pub days: BTreeMap<i32, [u64; 3]>,
    /// Sent per domain: every domain up to [`DOMAINS_KEPT`], then the busiest.
    pub domains: FxHashMap<Box<[u8]>, u64>,
    /// How much a domain's count can be short by, after quiet domains were dropped.
    pub domains_error: u64,
    /// Messages still open.
    pub lives: OpenLives,
    /// The earliest counted line.
    pub first: Option<When>,
    /// The latest counted line.
    pub last: Option<When>,
    /// The first unreadable lines.
    pub unreadable: Vec<Unreadable>,
    /// Lines dated February 29th of a year that has none (the year given by `--year`), by
    /// year: they were read as unreadable.
    pub no_leap_day: BTreeMap<i32, u64>,
    /// The syslog host fields of counted lines.
    pub hosts: std::collections::BTreeSet<String>,
}

/// Distinct recipient domains kept exactly (a few MB); past twice this, the quietest go.
pub const DOMAINS_KEPT: usize = 20_000;

impl Totals {
    /// Keep the [`DOMAINS_KEPT`] busiest domains. A dropped domain that comes back starts from
    /// zero, so any count can be short by at most the largest count ever dropped, summed over
    /// the prunes: that bound is kept and reported. The top ten of a real log are far above it.
    fn prune_domains(&mut self) {
        let mut counts: Vec<u64> = self.domains.values().copied().collect();
        let at = counts.len() - DOMAINS_KEPT;
        let (_, &mut cutoff, _) = counts.select_nth_unstable(at);
        let mut dropped_max = 0;
        let mut kept = 0;
        self.domains.retain(|_, n| {
            // Ties at the cut-off go while more than DOMAINS_KEPT would stay.
            let keep = *n > cutoff || (*n == cutoff && kept < DOMAINS_KEPT);
            if keep {
                kept += 1;
            } else {
                dropped_max = dropped_max.max(*n);
            }
            keep
        });
        self.domains_error += dropped_max;
    }

    /// Widen the span to take in `w`.
    pub(crate) fn see(&mut self, w: When) {
        if self.first.is_none_or(|f| w.utc < f.utc) {
            self.first = Some(w);
        }
        if self.last.is_none_or(|l| w.utc >= l.utc) {
            self.last = Some(w);
        }
    }
}

/// Folds one input's chunks, which may finish in any order, in their order.
#[derive(Debug)]
pub struct InputMerge {
    input: usize,
    rule: YearRule,
    next: usize,
    pending: BTreeMap<usize, Tally>,
    /// Year steps at the end of the chunks merged so far, and the last syslog month.
    yoff_end: i32,
    last_month: Option<u8>,
    yearless: HashMap<(i32, u8, u8), [u64; 3]>,
    yearless_first: Option<Moment>,
    yearless_last: Option<Moment>,
}

/// How the year of a syslog date is settled.
#[derive(Debug, Clone, Copy)]
pub enum YearRule {
    /// The first line is in this year.
    First(i32),
    /// The last line is on or before this date (days since 1970): the file's modification time.
    NotAfter(i32),
    /// The first line follows one written in this year and month (the previous input's last).
    After(i32, u8),
}

impl InputMerge {
    /// A merge for input number `input`, whose syslog dates take their years by `rule`.
    pub fn new(input: usize, rule: YearRule) -> InputMerge {
        InputMerge {
            input,
            rule,
            next: 0,
            pending: BTreeMap::new(),
            yoff_end: 0,
            last_month: None,
            yearless: HashMap::new(),
            yearless_first: None,
            yearless_last: None,
        }
    }

    /// Take chunk `index`'s tally; folds every chunk now in order, handing each emptied tally
    /// to `spare` for reuse. Returns bytes folded.
    pub fn add(
        &mut self,
        index: usize,
        tally: Tally,
        totals: &mut Totals,
        mut spare: impl FnMut(Tally),
    ) -> u64 {
        self.pending.insert(index, tally);
        let mut bytes = 0;
        while let Some(mut t) = self.pending.remove(&self.next) {
            bytes += t.bytes;
            self.fold(&mut t, totals);
            t.clear();
            spare(t);
            self.next += 1;
        }
        bytes
    }

    /// Fold a chunk's pieces in order, then the rest of it. A run of February 29th lines is
    /// read as dated unless the year it falls in is given and has no such day: then as the
    /// impossible date it is, like February 30th.
    fn fold(&mut self, t: &mut Tally, totals: &mut Totals) {
        for piece in std::mem::take(&mut t.pieces) {
            match piece {
                Piece::Plain(mut p) => self.fold_one(&mut p, totals),
                Piece::Leap(run) => {
                    let LeapRun {
                        mut read,
                        mut impossible,
                    } = *run;
                    match self.missing_leap_day() {
                        None => self.fold_one(&mut read, totals),
                        Some(year) => {
                            let lines = impossible
                                .counts
                                .unparsed
                                .saturating_sub(read.counts.unparsed);
                            *totals.no_leap_day.entry(year).or_default() += lines;
                            // The examples quote the line as it was written.
                            for e in &mut impossible.examples {
                                if e.text.starts_with(b"Feb 30 ") {
                                    e.text[4..6].copy_from_slice(b"29");
                                }
                            }
                            self.fold_one(&mut impossible, totals);
                        }
                    }
                }
            }
        }
        self.fold_one(t, totals);
    }

    /// The year a February 29th read next falls in, when the rule gives years and that one
    /// has no such day. The file's time gives none: it moves the log to a leap year instead.
    fn missing_leap_day(&self) -> Option<i32> {
        let yoff = self.yoff_end + self.last_month.map_or(0, |m| year_step(m, 2));
        let first = self
            .yearless_first
            .map_or((yoff, 2), |f| (f.yoff, month_of(&f)));
        let year = given_year(self.rule, first, yoff)?;
        (!mtafit_model::calendar::leap(year)).then_some(year)
    }

    /// Fold one tally: a whole chunk, or a piece of one.
    fn fold_one(&mut self, t: &mut Tally, totals: &mut Totals) {
        let base = match t.year.span {
            Some((first, last)) => {
                let base = self.yoff_end + self.last_month.map_or(0, |m| year_step(m, first));
                self.yoff_end = base + t.year.offset;
                self.last_month = Some(last);
                base
            }
            None => self.yoff_end,
        };
        totals.counts.add(&t.counts);
        for h in t.hosts.drain(..) {
            totals
                .hosts
                .insert(String::from_utf8_lossy(&h).into_owned());
        }
        for ((yoff, day), c) in t.days.drain(..) {
            let slot = match day {
                Day::Dated(d) => totals.days.entry(d).or_default(),
                Day::Yearless { month, day } => {
                    self.yearless.entry((yoff + base, month, day)).or_default()
                }
            };
            for (s, n) in slot.iter_mut().zip(c) {
                *s += n;
            }
        }
        for m in [t.first, t.last].into_iter().flatten() {
            match m.stamp.day {
                Day::Dated(d) => totals.see(When::new(d, m.stamp.sod, m.stamp.offset)),
                Day::Yearless { .. } => {
                    let m = Moment {
                        yoff: m.yoff + base,
                        ..m
                    };
                    if self.yearless_first.is_none_or(|f| m.key() < f.key()) {
                        self.yearless_first = Some(m);
                    }
                    if self.yearless_last.is_none_or(|l| m.key() >= l.key()) {
                        self.yearless_last = Some(m);
                    }
                }
            }
        }
        for (d, n) in t.domains.drain() {
            *totals.domains.entry(d).or_default() += n;
        }
        if totals.domains.len() > 2 * DOMAINS_KEPT {
            totals.prune_domains();
        }
        for e in t.examples.drain(..) {
            if totals.unreadable.len() < EXAMPLES {
                totals.unreadable.push(Unreadable {
                    input: self.input,
                    offset: e.offset,
                    text: e.text,
                });
            }
        }
        // Seconds, for telling how long a message has been quiet; a syslog date counts as
        // a day of a 372-day year, which is close enough for that.
        let clock = t.last.map_or(0, |m| match m.stamp.day {
            Day::Dated(_) => m.key().1,
            Day::Yearless { month, day } => {
                (i64::from(m.yoff + base) * 372 + i64::from(month - 1) * 31 + i64::from(day))
                    * 86_400
                    + i64::from(m.stamp.sod)
            }
        });
        totals.lives.merge(&mut t.lives, clock);
    }

    /// True when the input had syslog dates, whose years must be settled.
    pub fn has_yearless(&self) -> bool {
        self.yearless_first.is_some()
    }

    /// Settle the years of syslog dates and hand them to the totals; returns the year and
    /// month of the last syslog date, for the next input.
    pub fn finish(self, totals: &mut Totals) -> Option<(i32, u8)> {
        let (Some(first), Some(last)) = (self.yearless_first, self.yearless_last) else {
            return None;
        };
        let rule = self.rule;
        let inferred = |yoff: i32| -> i32 {
            match rule {
                YearRule::First(_) | YearRule::After(..) => {
                    given_year(rule, (first.yoff, month_of(&first)), yoff).unwrap_or_default()
                }
                YearRule::NotAfter(limit) => {
                    let (ry, _, _) = time::civil_from_days(limit);
                    let Day::Yearless { month, day } = last.stamp.day else {
                        unreachable!("yearless moments hold yearless days")
                    };
                    // A day of slack: the modification time is UTC, the log local.
                    let last_year = if time::days_from_civil(ry, u32::from(month), u32::from(day))
                        > limit + 1
                    {
                        ry - 1
                    } else {
                        ry
                    };
                    last_year - (last.yoff - yoff)
                }
            }
        };
        // A February 29th pins its year to a leap year: when the file's time put it in
        // another, the log is older than that time suggests, so every year moves back until
        // it fits. Years given by --year are not second-guessed.
        let leap = |y: i32| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let shift = match rule {
            YearRule::NotAfter(_) => self
                .yearless
                .keys()
                .find(|&&(_, month, day)| (month, day) == (2, 29))
                .map_or(0, |&(yoff, _, _)| {
                    (0..8).find(|d| leap(inferred(yoff) - d)).unwrap_or(0)
                }),
            _ => 0,
        };
        let year_of_step = |yoff: i32| inferred(yoff) - shift;
        let date = |yoff: i32, month: u8, day: u8| {
            time::days_from_civil(year_of_step(yoff), u32::from(month), u32::from(day))
        };
        for ((yoff, month, day), c) in self.yearless {
            let slot = totals.days.entry(date(yoff, month, day)).or_default();
            for (s, n) in slot.iter_mut().zip(c) {
                *s += n;
            }
        }
        for m in [first, last] {
            if let Day::Yearless { month, day } = m.stamp.day {
                totals.see(When::new(date(m.yoff, month, day), m.stamp.sod, None));
            }
        }
        Some((year_of_step(last.yoff), month_of(&last)))
    }
}

/// The month of a syslog moment (1 for a dated one, which has its year).
fn month_of(m: &Moment) -> u8 {
    match m.stamp.day {
        Day::Yearless { month, .. } => month,
        Day::Dated(_) => 1,
    }
}

/// The year of year step `yoff` when `rule` gives the years (`None` for the file's time):
/// `first` is the year step and month of the input's first syslog line.
fn given_year(rule: YearRule, first: (i32, u8), yoff: i32) -> Option<i32> {
    let (first_yoff, first_month) = first;
    match rule {
        YearRule::First(y) => Some(y + (yoff - first_yoff)),
        YearRule::After(y, month) => Some(y + year_step(month, first_month) + (yoff - first_yoff)),
        YearRule::NotAfter(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tally::Outcome;
    use crate::time::Stamp;

    fn chunk(days: &[(u8, u8)]) -> Tally {
        let mut t = Tally::default();
        for &(m, d) in days {
            t.outcome(Stamp::yearless(m, d), Outcome::Sent, 1);
        }
        t
    }

    fn dates(totals: &Totals) -> Vec<String> {
        totals.days.keys().map(|&d| time::format_date(d)).collect()
    }

    #[test]
    fn new_year_between_chunks_out_of_order() {
        let mut totals = Totals::default();
        let mut m = InputMerge::new(0, YearRule::NotAfter(time::days_from_civil(2026, 1, 5)));
        // Chunk 1 finishes first; the merge waits for chunk 0.
        m.add(1, chunk(&[(1, 1), (1, 2)]), &mut totals, drop);
        assert!(totals.days.is_empty() && m.yearless.is_empty());
        m.add(0, chunk(&[(12, 30), (12, 31)]), &mut totals, drop);
        m.finish(&mut totals);
        assert_eq!(
            dates(&totals),
            ["2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02"]
        );
        assert_eq!(time::format_date(totals.first.unwrap().day), "2025-12-30");
        assert_eq!(time::format_date(totals.last.unwrap().day), "2026-01-02");
    }

    #[test]
    fn a_last_date_after_the_file_time_is_last_year() {
        let mut totals = Totals::default();
        let mut m = InputMerge::new(0, YearRule::NotAfter(time::days_from_civil(2026, 3, 1)));
        m.add(0, chunk(&[(11, 28)]), &mut totals, drop);
        m.finish(&mut totals);
        assert_eq!(dates(&totals), ["2025-11-28"]);
    }

    #[test]
    fn domains_stay_bounded_and_the_error_is_kept() {
        let mut totals = Totals::default();
        let mut m = InputMerge::new(0, YearRule::First(2025));
        for i in 0..(2 * DOMAINS_KEPT + 10) {
            let mut t = Tally::default();
            t.domain(format!("d{i}.example").as_bytes());
            if i < 10 {
                for _ in 0..100 {
                    t.domain(format!("d{i}.example").as_bytes());
                }
            }
            m.add(i, t, &mut totals, drop);
        }
        assert!(totals.domains.len() <= 2 * DOMAINS_KEPT);
        assert_eq!(totals.domains.get(&b"d0.example"[..]), Some(&101));
        assert_eq!(totals.domains_error, 1);
    }

    #[test]
    fn february_29th_moves_the_log_to_a_leap_year() {
        let mut totals = Totals::default();
        let mut m = InputMerge::new(0, YearRule::NotAfter(time::days_from_civil(2025, 3, 10)));
        m.add(0, chunk(&[(2, 28), (2, 29), (3, 1)]), &mut totals, drop);
        // The file was written in March 2025, but 2025 has no February 29th: it is 2024's log.
        m.finish(&mut totals);
        assert_eq!(dates(&totals), ["2024-02-28", "2024-02-29", "2024-03-01"]);
    }

    #[test]
    fn a_given_first_year() {
        let mut totals = Totals::default();
        let mut m = InputMerge::new(0, YearRule::First(2019));
        m.add(0, chunk(&[(12, 31), (1, 1)]), &mut totals, drop);
        assert_eq!(m.finish(&mut totals), Some((2020, 1)));
        assert_eq!(dates(&totals), ["2019-12-31", "2020-01-01"]);
        let mut next = InputMerge::new(1, YearRule::After(2020, 1));
        next.add(0, chunk(&[(1, 2)]), &mut totals, drop);
        next.finish(&mut totals);
        let mut after_new_year = InputMerge::new(2, YearRule::After(2020, 12));
        after_new_year.add(0, chunk(&[(1, 3)]), &mut totals, drop);
        after_new_year.finish(&mut totals);
        assert_eq!(
            dates(&totals),
            ["2019-12-31", "2020-01-01", "2020-01-02", "2021-01-03"]
        );
    }
}
