//! The measurement as a typed report: `render::measure` words it for people and as `measure
//! --format json` (docs/json.md).

use super::LogFormat;
use mtafit_model::profile::VOLUME_LINE;
use serde::{Deserialize, Serialize};

/// One input read.
#[derive(Debug, Clone, PartialEq)]
pub struct FileReport {
    /// As named on the command line (`-` for standard input).
    pub path: String,
    /// The format it was read as.
    pub format: LogFormat,
    /// Bytes of log read (after decompression).
    pub bytes: u64,
}

/// A line that looked like a delivery but could not be read.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The inputs' formats, each once, in the order of the inputs.
    pub formats: Vec<LogFormat>,
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
    pub reading: Reading,
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
    pub notes: Vec<ReportNote>,
    /// The syslog host fields of the counted lines, sorted (none for formats without one).
    pub hosts: Vec<String>,
    /// `first` in seconds since 1970, UTC (local time read as UTC when the log gives no zone).
    pub first_unix: Option<i64>,
    /// `last` in the same seconds.
    pub last_unix: Option<i64>,
    /// Every recipient domain with its sent count, busiest first, names as read (unquoted).
    pub domains: Vec<DomainReport>,
    /// How much a domain's count may be short by (see [`ReportNote::DomainsCapped`]).
    pub domains_error: u64,
    /// Messages taken as finished early (see [`ReportNote::CutShort`]).
    pub cut_short: u64,
}

/// Which side of the brief's volume line ([`VOLUME_LINE`]) a monthly volume falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Below it: a tuned Postfix usually suffices.
    Below,
    /// At or above it: the high-volume engines earn their complexity.
    Above,
}

/// The brief's reading of a monthly volume.
pub fn reading(monthly: u64) -> Reading {
    if monthly < VOLUME_LINE {
        Reading::Below
    } else {
        Reading::Above
    }
}

/// Where the years of an input's syslog dates (which carry none) come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YearSource {
    /// The modification time of the input named.
    Modified(String),
    /// Today's date, for standard input.
    Today,
}

/// What the numbers leave out or assume, with the counts behind it.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportNote {
    /// Syslog dates carry no year: each input's years came from these (at least one).
    Yearless(Vec<YearSource>),
    /// PowerMTA's accounting file has no message id: each recipient counts as a message.
    PowerMtaRecipients,
    /// KumoMTA gives every message one recipient.
    KumoRecipients,
    /// Bounce notifications (null sender) left out of the monthly volume.
    Notifications(u64),
    /// Hand-offs to the host's own loopback address, not counted as sent.
    FilterHops(u64),
    /// The log covers less than a week, so the monthly figure assumes every day is like these.
    ShortSpan {
        /// Days covered.
        days: f64,
    },
    /// More recipient domains than are kept: a domain's count may be short.
    DomainsCapped {
        /// Domains kept throughout.
        kept: u64,
        /// By how much a count may be short, at most.
        error: u64,
    },
    /// Too few end-of-message lines to follow every message: these were taken as finished early.
    CutShort(u64),
    /// Lines dated February 29th of a year without one, read as unreadable.
    NoLeapDay {
        /// The year.
        year: i32,
        /// Lines.
        lines: u64,
    },
    /// Lines that looked like deliveries but could not be read.
    Unparsed(u64),
    /// Nothing was read as a delivery line of the format `--log-format` named.
    NothingRead(LogFormat),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_brief_reading_on_both_sides_of_the_line() {
        assert_eq!(reading(7_421_043), Reading::Below);
        assert_eq!(reading(VOLUME_LINE - 1), Reading::Below);
        assert_eq!(reading(VOLUME_LINE), Reading::Above);
    }
}
