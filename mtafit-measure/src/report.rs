//! The measurement as a typed report: what `measure --format json` prints (docs/json.md), and
//! what `render::measure` lays out for people.

use mtafit_model::profile::VOLUME_LINE;
use mtafit_model::units;
use serde::Serialize;

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
    /// Every calendar month from the first to the last, with its exact sent count.
    pub per_month: Vec<super::growth::Month>,
    /// The month-over-month growth those months show, or why there is none.
    pub growth: super::growth::Trend,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_brief_reading_on_both_sides_of_the_line() {
        assert!(reading(7_421_043).starts_with("below the ~10M/month line"));
        assert!(reading(10_000_000).starts_with("above"));
    }
}
