//! A measurement in words: for people (counts, the brief's reading, a per-day sparkline, top
//! domains, notes) and as `measure --format json` (docs/json.md), whose format, reading and
//! notes are sentences made here.

use mtafit_measure::growth::{self, Month, Trend};
use mtafit_measure::report::{DayReport, DomainReport, UnparsedExample};
use mtafit_measure::{LogFormat, Reading, Report, ReportNote, Warning, YearSource};
use mtafit_model::profile::VOLUME_LINE;
use mtafit_model::units;
use serde::Serialize;
use std::fmt::Write;

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

/// The month-over-month trend in words: "+6.1 % a month over 5 months", or why there is none.
pub fn growth(t: &Trend) -> String {
    match t {
        Trend::Estimated { per_month, months } => format!(
            "{} a month over {}",
            units::signed_percent(*per_month),
            units::count(u64::from(*months), "month", "months")
        ),
        // The numbers are the thresholds `growth::trend` applies, so the sentence cannot drift.
        Trend::TooShort { months, days } => format!(
            "not estimated: {} covered for a week or more, {days:.1} days between them; \
             a trend needs two such months covering {:.1} days (two mean months) or more",
            units::count(u64::from(*months), "month is", "months are"),
            growth::MIN_TREND_DAYS
        ),
        Trend::Noisy {
            months,
            lowest,
            highest,
        } => format!(
            "not estimated: over {} the volume changed by {} to {} from one month to the \
             next, too unevenly for one rate",
            units::count(u64::from(*months), "month", "months"),
            units::signed_percent(*lowest),
            units::signed_percent(*highest)
        ),
    }
}

/// The inputs' formats by id, joined with `+` when they differ: "postfix", "postfix+exim".
pub fn formats(fs: &[LogFormat]) -> String {
    fs.iter().map(|f| f.name()).collect::<Vec<_>>().join("+")
}

/// The format in a sentence, with its article: "a Postfix log", "an Exim log".
pub fn a_log(f: LogFormat) -> &'static str {
    match f {
        LogFormat::Postfix => "a Postfix log",
        LogFormat::Exim => "an Exim log",
        LogFormat::Sendmail => "a Sendmail log",
        LogFormat::Kumomta => "a KumoMTA log",
        LogFormat::Powermta => "a PowerMTA accounting file",
    }
}

/// The brief's reading of the monthly volume.
pub fn reading(r: Reading) -> String {
    let line = units::volume(VOLUME_LINE);
    match r {
        Reading::Below => format!("below the ~{line}/month line: a tuned Postfix usually suffices"),
        Reading::Above => {
            format!("above the ~{line}/month line: the high-volume engines earn their complexity")
        }
    }
}

/// "only 3.5 days", "only 5.0 hours", "less than a minute": how short a log is.
fn span(days: f64) -> String {
    if days >= 1.0 {
        format!("only {days:.1} days")
    } else {
        let hours = days * 24.0;
        if hours >= 1.0 {
            format!("only {hours:.1} hours")
        } else if hours * 60.0 >= 1.0 {
            format!("only {:.0} minutes", hours * 60.0)
        } else {
            "less than a minute".into()
        }
    }
}

/// "is" or "are", "was" or "were": the verb for a count.
fn verb(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// What the numbers leave out or assume, as a sentence.
pub fn note(n: &ReportNote) -> String {
    match n {
        ReportNote::Yearless(from) => {
            let named: Vec<String> = from
                .iter()
                .map(|y| match y {
                    YearSource::Modified(name) => format!("the modification time of {name}"),
                    YearSource::Today => "today's date for standard input".to_owned(),
                })
                .collect();
            let mut list = named[..named.len().min(3)].join(", ");
            if named.len() > 3 {
                let _ = write!(list, " and {} more", named.len() - 3);
            }
            format!(
                "syslog dates carry no year; the years come from {list} (set the first line's \
                 year with --year)"
            )
        }
        ReportNote::PowerMtaRecipients => {
            "PowerMTA's accounting file has no message id, so each recipient counts as a message"
                .into()
        }
        ReportNote::KumoRecipients => {
            "KumoMTA gives every message one recipient, so messages equal recipients".into()
        }
        ReportNote::Notifications(n) => format!(
            "{} (null sender) {} left out of the monthly volume",
            units::count(*n, "bounce notification", "bounce notifications"),
            verb(*n, "is", "are")
        ),
        ReportNote::FilterHops(n) => format!(
            "{} to this host's own loopback address (content filters, local submission) {} not \
             counted as sent; the onward delivery is",
            units::count(*n, "hand-off", "hand-offs"),
            verb(*n, "is", "are")
        ),
        ReportNote::ShortSpan { days } => format!(
            "the log covers {}; the monthly figure assumes every day is like these",
            span(*days)
        ),
        ReportNote::DomainsCapped { kept, error } => format!(
            "the log has more than {} recipient domains; only the busiest were counted \
             throughout, so a domain's count may be short by up to {}",
            units::grouped(*kept),
            units::grouped(*error)
        ),
        ReportNote::CutShort(n) => format!(
            "the log has too few end-of-message lines (qmgr `removed`, Exim `Completed`) to follow \
             every message; {} {} taken as finished early, so `messages_sent` may be a little high",
            units::grouped(*n),
            verb(*n, "was", "were")
        ),
        ReportNote::NoLeapDay { year, lines } => format!(
            "{} dated February 29th {} in {year}, which has no February 29th, so {} read as \
             unreadable; is --year right?",
            units::count(*lines, "line", "lines"),
            verb(*lines, "falls", "fall"),
            verb(*lines, "it is", "they are")
        ),
        ReportNote::Unparsed(1) => {
            "1 line looked like a delivery but could not be read; it is not counted".to_owned()
        }
        ReportNote::Unparsed(n) => format!(
            "{} lines looked like deliveries but could not be read; they are not counted",
            units::grouped(*n)
        ),
        ReportNote::NothingRead(f) => format!(
            "nothing was read as a delivery line of {}: is --log-format right for this log?",
            a_log(*f)
        ),
    }
}

/// A warning about an input, as a sentence.
pub fn warning(w: &Warning) -> String {
    match w {
        Warning::NamedTwice(name) => {
            format!("{name} is named twice (or through a link); it was read once")
        }
        Warning::Empty(name) => format!("{name} is empty; it was skipped"),
        Warning::Unlike { name, format } => format!(
            "none of the first lines of {name} looks like {}; it was read as one because \
             --log-format says so",
            a_log(*format)
        ),
        Warning::HostUnused { host, named } => {
            let named: Vec<_> = named
                .iter()
                .map(|h| mtafit_model::text::quoted(h, 40))
                .collect();
            format!(
                "--host {} was not used: the lines name their own host ({}), and the report \
                 keeps those; --host is for logs whose lines name none",
                mtafit_model::text::quoted(host, 40),
                named.join(", ")
            )
        }
    }
}

/// One input, as the JSON lists it.
#[derive(Serialize)]
struct FileJson<'a> {
    path: &'a str,
    format: &'static str,
    bytes: u64,
}

/// The report as the JSON has it (docs/json.md): the fields in this order, the format, the
/// reading and the notes in words.
#[derive(Serialize)]
struct ReportJson<'a> {
    format: String,
    files: Vec<FileJson<'a>>,
    first: &'a Option<String>,
    last: &'a Option<String>,
    days: f64,
    sent: u64,
    deferred: u64,
    bounced: u64,
    expired: u64,
    messages_sent: u64,
    notifications: u64,
    filter_hops: u64,
    local: u64,
    probes: u64,
    unparsed: u64,
    unparsed_examples: &'a [UnparsedExample],
    monthly_volume: u64,
    reading: String,
    peak: &'a Option<DayReport>,
    per_day: &'a [DayReport],
    per_month: &'a [Month],
    growth: &'a Trend,
    top_domains: &'a [DomainReport],
    notes: Vec<String>,
    hosts: &'a [String],
    first_unix: Option<i64>,
    last_unix: Option<i64>,
    domains: &'a [DomainReport],
    domains_error: u64,
    cut_short: u64,
    years_from: Vec<String>,
}

/// The report as `measure --format json` prints it (docs/json.md).
pub fn json(r: &Report) -> String {
    let v = ReportJson {
        format: formats(&r.formats),
        files: r
            .files
            .iter()
            .map(|f| FileJson {
                path: &f.path,
                format: f.format.name(),
                bytes: f.bytes,
            })
            .collect(),
        first: &r.first,
        last: &r.last,
        days: r.days,
        sent: r.sent,
        deferred: r.deferred,
        bounced: r.bounced,
        expired: r.expired,
        messages_sent: r.messages_sent,
        notifications: r.notifications,
        filter_hops: r.filter_hops,
        local: r.local,
        probes: r.probes,
        unparsed: r.unparsed,
        unparsed_examples: &r.unparsed_examples,
        monthly_volume: r.monthly_volume,
        reading: reading(r.reading),
        peak: &r.peak,
        per_day: &r.per_day,
        per_month: &r.per_month,
        growth: &r.growth,
        top_domains: &r.top_domains,
        notes: r.notes.iter().map(note).collect(),
        hosts: &r.hosts,
        first_unix: r.first_unix,
        last_unix: r.last_unix,
        domains: &r.domains,
        domains_error: r.domains_error,
        cut_short: r.cut_short,
        years_from: r
            .notes
            .iter()
            .filter_map(|n| match n {
                ReportNote::Yearless(from) => Some(from),
                _ => None,
            })
            .flatten()
            .map(|y| match y {
                YearSource::Modified(name) => name.clone(),
                YearSource::Today => "-".to_owned(),
            })
            .collect(),
    };
    // A report holds only strings, integers and finite numbers: serialising it cannot fail.
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

/// The report for people.
pub fn table(r: &Report) -> String {
    let mut o = String::new();
    let g = |n: u64| units::grouped(n);
    let files = match r.files.len() {
        1 => r.files[0].path.clone(),
        n => format!("{n} files"),
    };
    let _ = writeln!(o, "mtafit measure · {} · {files}", formats(&r.formats));
    // One host is the usual case and says nothing; a fleet's merged report names its hosts.
    if r.hosts.len() > 1 {
        let hosts: Vec<_> = r
            .hosts
            .iter()
            .map(|h| mtafit_model::text::sanitize(h))
            .collect();
        let _ = writeln!(o, "hosts: {}", hosts.join(", "));
    }
    match (&r.first, &r.last) {
        (Some(f), Some(l)) => {
            let _ = writeln!(
                o,
                "{} → {}  ({:.2} days)",
                f.replace('T', " "),
                l.replace('T', " "),
                r.days
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
        units::volume(r.monthly_volume),
        g(r.monthly_volume)
    );
    let _ = writeln!(o, "  Reading         {}", reading(r.reading));
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "  Sent            {:>12}  recipients, in {} message{}",
        g(r.sent),
        g(r.messages_sent),
        if r.messages_sent == 1 { "" } else { "s" }
    );
    if r.notifications > 0 {
        let _ = writeln!(
            o,
            "    notifications {:>12}  bounce notification{}, left out of the volume",
            g(r.notifications),
            if r.notifications == 1 { "" } else { "s" }
        );
    }
    let _ = writeln!(
        o,
        "  Deferred        {:>12}  attempt{}",
        g(r.deferred),
        if r.deferred == 1 { "" } else { "s" }
    );
    let _ = writeln!(o, "  Bounced         {:>12}", g(r.bounced));
    let _ = writeln!(o, "  Expired         {:>12}", g(r.expired));
    let skipped = [
        (r.filter_hops, "content-filter hop", "content-filter hops"),
        (r.local, "local delivery", "local deliveries"),
        (r.probes, "address probe", "address probes"),
    ];
    let skipped: Vec<String> = skipped
        .iter()
        .filter(|(n, ..)| *n > 0)
        .map(|&(n, one, many)| units::count(n, one, many))
        .collect();
    if !skipped.is_empty() {
        let _ = writeln!(o, "  Not counted     {}", skipped.join(" · "));
    }
    let _ = writeln!(o, "  Unparsed        {:>12}", g(r.unparsed));
    if !r.per_day.is_empty() {
        let sent: Vec<u64> = r.per_day.iter().map(|d| d.sent).collect();
        let _ = writeln!(o);
        let _ = writeln!(o, "  Per day (sent)  {}", sparkline(&sent, 60));
        if let Some(p) = &r.peak {
            let _ = writeln!(o, "  Peak day        {} · {} sent", p.date, g(p.sent));
        }
    }
    if r.per_month.len() >= 2 {
        let _ = writeln!(o);
        let _ = writeln!(o, "  Per month (sent)");
        for m in &r.per_month {
            let cover = if m.complete {
                "whole month".to_owned()
            } else {
                format!("{:.1} days", m.covered_days)
            };
            let pace = m.monthly_rate.map_or_else(
                || "too few days to count".to_owned(),
                |x| format!("{}/month at its pace", units::volume(x)),
            );
            let _ = writeln!(o, "    {}  {:>12}  {cover:<12} {pace}", m.month, g(m.sent));
        }
        let _ = writeln!(o, "  Growth          {}", growth(&r.growth));
    }
    if !r.top_domains.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "  Top domains");
        let width = r
            .top_domains
            .iter()
            .map(|d| mtafit_model::text::width(&d.domain))
            .max()
            .unwrap_or(0)
            .min(40);
        for d in &r.top_domains {
            let share = if r.sent > 0 {
                100.0 * d.sent as f64 / r.sent as f64
            } else {
                0.0
            };
            let _ = writeln!(
                o,
                "    {}  {:>12}  {share:>5.1}%",
                mtafit_model::text::fit_left(&d.domain, width),
                g(d.sent)
            );
        }
    }
    if !r.unparsed_examples.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "  Lines that could not be read");
        for e in &r.unparsed_examples {
            let place = match e.line {
                Some(n) => format!("{}:{n}", e.file),
                None => e.file.clone(),
            };
            let _ = writeln!(
                o,
                "    {place}: {}",
                mtafit_model::text::truncate(&e.text, 100)
            );
        }
    }
    if !r.notes.is_empty() {
        let _ = writeln!(o);
        for n in &r.notes {
            let _ = writeln!(o, "  Note: {}", note(n));
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_brief_reading_on_both_sides_of_the_line() {
        assert_eq!(
            reading(Reading::Below),
            "below the ~10M/month line: a tuned Postfix usually suffices"
        );
        assert_eq!(
            reading(Reading::Above),
            "above the ~10M/month line: the high-volume engines earn their complexity"
        );
    }

    #[test]
    fn formats_join_by_id() {
        assert_eq!(formats(&[LogFormat::Postfix]), "postfix");
        assert_eq!(
            formats(&[LogFormat::Sendmail, LogFormat::Kumomta]),
            "sendmail+kumomta"
        );
    }

    #[test]
    fn notes_count_in_words_with_their_plurals() {
        let n = |x: ReportNote| note(&x);
        assert_eq!(
            n(ReportNote::Notifications(1)),
            "1 bounce notification (null sender) is left out of the monthly volume"
        );
        assert_eq!(
            n(ReportNote::Notifications(1_234)),
            "1,234 bounce notifications (null sender) are left out of the monthly volume"
        );
        assert_eq!(
            n(ReportNote::FilterHops(2)),
            "2 hand-offs to this host's own loopback address (content filters, local submission) \
             are not counted as sent; the onward delivery is"
        );
        assert_eq!(
            n(ReportNote::DomainsCapped {
                kept: 100_000,
                error: 12
            }),
            "the log has more than 100,000 recipient domains; only the busiest were counted \
             throughout, so a domain's count may be short by up to 12"
        );
        assert_eq!(
            n(ReportNote::CutShort(1)),
            "the log has too few end-of-message lines (qmgr `removed`, Exim `Completed`) to follow \
             every message; 1 was taken as finished early, so `messages_sent` may be a little high"
        );
        assert!(n(ReportNote::CutShort(3)).contains("; 3 were taken as finished early"));
        assert_eq!(
            n(ReportNote::NoLeapDay {
                year: 2023,
                lines: 1
            }),
            "1 line dated February 29th falls in 2023, which has no February 29th, so it is read \
             as unreadable; is --year right?"
        );
        assert!(
            n(ReportNote::NoLeapDay {
                year: 2023,
                lines: 4
            })
            .starts_with(
                "4 lines dated February 29th fall in 2023, which has no February 29th, so they are"
            )
        );
        assert_eq!(
            n(ReportNote::Unparsed(1)),
            "1 line looked like a delivery but could not be read; it is not counted"
        );
        assert_eq!(
            n(ReportNote::Unparsed(12_000)),
            "12,000 lines looked like deliveries but could not be read; they are not counted"
        );
        assert_eq!(
            n(ReportNote::NothingRead(LogFormat::Exim)),
            "nothing was read as a delivery line of an Exim log: is --log-format right for this log?"
        );
        assert!(n(ReportNote::PowerMtaRecipients).contains("each recipient counts as a message"));
        assert!(n(ReportNote::KumoRecipients).contains("messages equal recipients"));
    }

    #[test]
    fn a_short_log_says_how_short() {
        let short = |days: f64| note(&ReportNote::ShortSpan { days });
        assert_eq!(
            short(3.25),
            "the log covers only 3.2 days; the monthly figure assumes every day is like these"
        );
        assert!(short(0.5).contains("only 12.0 hours"));
        assert!(short(0.01).contains("only 14 minutes"));
        assert!(short(0.0001).contains("covers less than a minute;"));
    }

    #[test]
    fn syslog_years_name_at_most_three_sources() {
        let from = |n: usize| {
            let mut v: Vec<YearSource> = (1..n)
                .map(|i| YearSource::Modified(format!("mail.log.{i}")))
                .collect();
            v.push(YearSource::Today);
            note(&ReportNote::Yearless(v))
        };
        assert_eq!(
            from(1),
            "syslog dates carry no year; the years come from today's date for standard input \
             (set the first line's year with --year)"
        );
        assert!(
            from(5).contains(
                "from the modification time of mail.log.1, the modification time of mail.log.2, \
                 the modification time of mail.log.3 and 2 more (set"
            ),
            "{}",
            from(5)
        );
    }

    #[test]
    fn warnings_name_the_input() {
        assert_eq!(
            warning(&Warning::NamedTwice("a.log".into())),
            "a.log is named twice (or through a link); it was read once"
        );
        assert_eq!(
            warning(&Warning::Empty("b.log".into())),
            "b.log is empty; it was skipped"
        );
        assert_eq!(
            warning(&Warning::HostUnused {
                host: "mx2".into(),
                named: vec!["mx1".into(), "m\x1bx3".into()],
            }),
            "--host mx2 was not used: the lines name their own host (mx1, m<U+001B>x3), and the \
             report keeps those; --host is for logs whose lines name none"
        );
        assert_eq!(
            warning(&Warning::Unlike {
                name: "c.log".into(),
                format: LogFormat::Powermta
            }),
            "none of the first lines of c.log looks like a PowerMTA accounting file; it was read \
             as one because --log-format says so"
        );
    }

    #[test]
    fn sparklines_scale_and_group() {
        assert_eq!(sparkline(&[0, 1, 2, 4, 8], 10), " ▂▃▅█");
        assert_eq!(sparkline(&[1; 120], 60).chars().count(), 60);
        assert_eq!(sparkline(&[], 60), "");
    }
}
