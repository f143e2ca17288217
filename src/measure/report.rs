//! The measurement as the user reads it: the JSON of DESIGN.md §5 and a table for people.

use crate::decide::walk::VOLUME_LINE;
use crate::units;
use serde::Serialize;
use std::fmt::Write;

/// One input read.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FileReport {
    /// As named on the command line (`-` for standard input).
    pub path: String,
    /// The format it was read as.
    pub format: String,
    /// Bytes of log read (after decompression).
    pub bytes: u64,
}

/// A line that looked like a delivery but could not be read.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UnparsedExample {
    /// The input it is in.
    pub file: String,
    /// Its line number, when the input is a plain file.
    pub line: Option<u64>,
    /// Its start, with control characters removed.
    pub text: String,
}

/// One day of the log.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DayReport {
    /// `YYYY-MM-DD`, the log's local date.
    pub date: String,
    /// Recipients delivered.
    pub sent: u64,
    /// Deferral attempts.
    pub deferred: u64,
    /// Recipients bounced.
    pub bounced: u64,
}

/// Recipients delivered to one domain.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DomainReport {
    /// Lower-cased recipient domain.
    pub domain: String,
    /// Recipients delivered.
    pub sent: u64,
}

/// Everything `mtafit measure` reports; field meanings are in docs/measuring.md.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    /// The inputs' format (`postfix`, …), joined with `+` when they differ.
    pub format: String,
    /// Each input.
    pub files: Vec<FileReport>,
    /// The first counted line's time, `YYYY-MM-DDTHH:MM:SS`.
    pub first: Option<String>,
    /// The last counted line's time.
    pub last: Option<String>,
    /// Days between them.
    pub days: f64,
    /// Recipients delivered to other hosts.
    pub sent: u64,
    /// Deferral attempts.
    pub deferred: u64,
    /// Recipients bounced.
    pub bounced: u64,
    /// Messages expired.
    pub expired: u64,
    /// Distinct messages with a recipient delivered.
    pub messages_sent: u64,
    /// Of `sent`, recipients of bounce notifications.
    pub notifications: u64,
    /// Deliveries to loopback content filters.
    pub filter_hops: u64,
    /// Deliveries to local mailboxes and programs.
    pub local: u64,
    /// Address-verification probes.
    pub probes: u64,
    /// Lines that looked like deliveries but could not be read.
    pub unparsed: u64,
    /// The first of them.
    pub unparsed_examples: Vec<UnparsedExample>,
    /// `(sent − notifications)` over 30 days.
    pub monthly_volume: u64,
    /// The brief's reading of the monthly volume.
    pub reading: String,
    /// The busiest day.
    pub peak: Option<DayReport>,
    /// Every day from the first to the last.
    pub per_day: Vec<DayReport>,
    /// The ten domains with most recipients delivered.
    pub top_domains: Vec<DomainReport>,
    /// What the numbers leave out or assume.
    pub notes: Vec<String>,
}

/// The brief's reading of a monthly volume.
pub fn reading(monthly: u64) -> String {
    let line = units::volume(VOLUME_LINE);
    if monthly < VOLUME_LINE {
        format!("below the ~{line}/month line: a tuned Postfix usually suffices")
    } else {
        format!("above the ~{line}/month line: the high-volume engines earn their complexity")
    }
}

const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One character per value (or per group of values, to fit `width`), scaled to the largest.
pub fn sparkline(values: &[u64], width: usize) -> String {
    if values.is_empty() || width == 0 {
        return String::new();
    }
    let per = values.len().div_ceil(width);
    let groups: Vec<u64> = values.chunks(per).map(|c| c.iter().sum()).collect();
    let max = groups.iter().copied().max().unwrap_or(0).max(1);
    groups
        .iter()
        .map(|&v| {
            if v == 0 {
                ' '
            } else {
                SPARKS[((v as f64 / max as f64) * 7.0).round() as usize]
            }
        })
        .collect()
}

impl Report {
    /// The report for people.
    pub fn table(&self) -> String {
        let mut o = String::new();
        let g = |n: u64| units::grouped(n);
        let files = match self.files.len() {
            1 => self.files[0].path.clone(),
            n => format!("{n} files"),
        };
        let _ = writeln!(o, "mtafit measure · {} · {files}", self.format);
        match (&self.first, &self.last) {
            (Some(f), Some(l)) => {
                let _ = writeln!(
                    o,
                    "{} → {}  ({:.2} days)",
                    f.replace('T', " "),
                    l.replace('T', " "),
                    self.days
                );
            }
            _ => {
                let _ = writeln!(o, "no deliveries, deferrals or bounces found");
            }
        }
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "  Monthly volume  {:>12}  ({} per 30 days)",
            units::volume(self.monthly_volume),
            g(self.monthly_volume)
        );
        let _ = writeln!(o, "  Reading         {}", self.reading);
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "  Sent            {:>12}  recipients, in {} message{}",
            g(self.sent),
            g(self.messages_sent),
            if self.messages_sent == 1 { "" } else { "s" }
        );
        if self.notifications > 0 {
            let _ = writeln!(
                o,
                "    notifications {:>12}  bounce notifications, left out of the volume",
                g(self.notifications)
            );
        }
        let _ = writeln!(o, "  Deferred        {:>12}  attempts", g(self.deferred));
        let _ = writeln!(o, "  Bounced         {:>12}", g(self.bounced));
        let _ = writeln!(o, "  Expired         {:>12}", g(self.expired));
        let skipped = [
            (self.filter_hops, "content-filter hops"),
            (self.local, "local deliveries"),
            (self.probes, "address probes"),
        ];
        let skipped: Vec<String> = skipped
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{} {what}", g(*n)))
            .collect();
        if !skipped.is_empty() {
            let _ = writeln!(o, "  Not counted     {}", skipped.join(" · "));
        }
        let _ = writeln!(o, "  Unparsed        {:>12}", g(self.unparsed));
        if !self.per_day.is_empty() {
            let sent: Vec<u64> = self.per_day.iter().map(|d| d.sent).collect();
            let _ = writeln!(o);
            let _ = writeln!(o, "  Per day (sent)  {}", sparkline(&sent, 60));
            if let Some(p) = &self.peak {
                let _ = writeln!(o, "  Peak day        {} · {} sent", p.date, g(p.sent));
            }
        }
        if !self.top_domains.is_empty() {
            let _ = writeln!(o);
            let _ = writeln!(o, "  Top domains");
            let width = self
                .top_domains
                .iter()
                .map(|d| crate::text::width(&d.domain))
                .max()
                .unwrap_or(0)
                .min(40);
            for d in &self.top_domains {
                let share = if self.sent > 0 {
                    100.0 * d.sent as f64 / self.sent as f64
                } else {
                    0.0
                };
                let _ = writeln!(
                    o,
                    "    {}  {:>12}  {share:>5.1}%",
                    crate::text::fit_left(&d.domain, width),
                    g(d.sent)
                );
            }
        }
        if !self.unparsed_examples.is_empty() {
            let _ = writeln!(o);
            let _ = writeln!(o, "  Lines that could not be read");
            for e in &self.unparsed_examples {
                let place = match e.line {
                    Some(n) => format!("{}:{n}", e.file),
                    None => e.file.clone(),
                };
                let _ = writeln!(o, "    {place}: {}", crate::text::truncate(&e.text, 100));
            }
        }
        if !self.notes.is_empty() {
            let _ = writeln!(o);
            for n in &self.notes {
                let _ = writeln!(o, "  Note: {n}");
            }
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_scale_and_group() {
        assert_eq!(sparkline(&[0, 1, 2, 4, 8], 10), " ▂▃▅█");
        assert_eq!(sparkline(&[1; 120], 60).chars().count(), 60);
        assert_eq!(sparkline(&[], 60), "");
    }

    #[test]
    fn the_brief_reading_on_both_sides_of_the_line() {
        assert!(reading(7_421_043).starts_with("below the ~10M/month line"));
        assert!(reading(10_000_000).starts_with("above"));
    }
}
