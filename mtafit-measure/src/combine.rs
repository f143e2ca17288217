//! `measure --merge`: reports that hosts made with `measure --format json`, folded into one
//! report as if their logs had been measured together. Every count in them adds (per day, per
//! domain, distinct messages: a queue id belongs to one host), so the merge is exact as long as
//! no host's lines are counted twice; that is what [`check_overlaps`] refuses.

use super::merge::{Totals, When};
use super::report::UnparsedExample;
use super::tally::{Counts, EXAMPLES};
use super::{LogFormat, Read1, Report, Source, YearSource, assemble};
use serde::Deserialize;
use std::path::PathBuf;

/// Why reports could not be merged; each names the report files concerned.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MergeError {
    /// No report was named.
    #[error("name the reports to merge: `mtafit measure --merge host1.json host2.json`")]
    Nothing,
    /// Not the JSON `measure --format json` prints.
    #[error(
        "{name} is not a report of `mtafit measure --format json` ({why}); merge only those \
         reports"
    )]
    NotAReport {
        /// The report file.
        name: String,
        /// What the JSON reader said.
        why: String,
    },
    /// A report from before reports could be merged: it lacks the hosts, span or domains.
    #[error(
        "{name} was made by an older mtafit and lacks what a merge needs (hosts, span in UTC, \
         every domain); re-run `mtafit measure --format json` on that host's logs with this \
         version"
    )]
    Older {
        /// The report file.
        name: String,
    },
    /// A log format this version does not know.
    #[error("{name} names a log format this mtafit does not know ({format}); update mtafit")]
    UnknownFormat {
        /// The report file.
        name: String,
        /// The format named.
        format: String,
    },
    /// The same host and span in two reports: merging would count it twice.
    #[error(
        "{first} and {second} are the same report ({hosts}, {from} to {to}); merging it twice \
         would double its counts, so name it once"
    )]
    Twice {
        /// The report named first.
        first: String,
        /// The report named later.
        second: String,
        /// The hosts they share, in words.
        hosts: String,
        /// Their first counted line.
        from: String,
        /// Their last counted line.
        to: String,
    },
    /// Two reports of the same host whose spans overlap: the lines in the overlap could be
    /// counted twice.
    #[error(
        "{first} ({first_span}) and {second} ({second_span}) both cover {hosts} over the same \
         time, so lines could be counted twice; merge reports of one host only when their \
         logs do not overlap, or measure that host's logs together in one report"
    )]
    Overlap {
        /// The report named first.
        first: String,
        /// Its span.
        first_span: String,
        /// The report named later.
        second: String,
        /// Its span.
        second_span: String,
        /// The hosts they share, in words.
        hosts: String,
    },
}

#[derive(Deserialize)]
struct SavedFile {
    path: String,
    format: String,
    bytes: u64,
}

#[derive(Deserialize)]
struct SavedDay {
    date: String,
    sent: u64,
    deferred: u64,
    bounced: u64,
}

#[derive(Deserialize)]
struct SavedDomain {
    domain: String,
    sent: u64,
}

/// The fields of a `measure --format json` report a merge reads; the rest are derived again.
#[derive(Deserialize)]
struct Saved {
    files: Vec<SavedFile>,
    first: Option<String>,
    last: Option<String>,
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
    unparsed_examples: Vec<UnparsedExample>,
    per_day: Vec<SavedDay>,
    // The fields added for merging: absent from an older report.
    hosts: Option<Vec<String>>,
    #[serde(default)]
    first_unix: Option<i64>,
    #[serde(default)]
    last_unix: Option<i64>,
    domains: Option<Vec<SavedDomain>>,
    domains_error: Option<u64>,
    cut_short: Option<u64>,
    years_from: Option<Vec<String>>,
}

/// One report read: its name, and the merge-only fields it was checked to have.
struct Input {
    name: String,
    saved: Saved,
    hosts: Vec<String>,
    domains: Vec<SavedDomain>,
    span: Option<(When, When)>,
}

/// A local `YYYY-MM-DDTHH:MM:SS` and its UTC seconds as a [`When`].
fn when(local: &str, utc: i64) -> Option<When> {
    let b = local.as_bytes();
    if b.len() != 19 || b[10] != b'T' {
        return None;
    }
    let n = |r: std::ops::Range<usize>| local.get(r)?.parse::<u32>().ok();
    let day = date(local.get(..10)?)?;
    let sod = n(11..13)? * 3600 + n(14..16)? * 60 + n(17..19)?;
    Some(When { day, sod, utc })
}

/// Days since 1970 of a `YYYY-MM-DD` date.
fn date(s: &str) -> Option<i32> {
    let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    if s.len() != 10 {
        return None;
    }
    let (y, m, d) = (n(0..4)?, n(5..7)?, n(8..10)?);
    mtafit_model::calendar::valid(y as i32, m, d)
        .then(|| mtafit_model::calendar::days_from_civil(y as i32, m, d))
}

/// Read one report.
fn read(name: &str, bytes: &[u8]) -> Result<Input, MergeError> {
    let not = |why: String| MergeError::NotAReport {
        name: name.to_owned(),
        why,
    };
    let mut saved: Saved = serde_json::from_slice(bytes).map_err(|e| not(e.to_string()))?;
    let older = || MergeError::Older {
        name: name.to_owned(),
    };
    let (Some(hosts), Some(domains)) = (saved.hosts.take(), saved.domains.take()) else {
        return Err(older());
    };
    if saved.domains_error.is_none() || saved.cut_short.is_none() || saved.years_from.is_none() {
        return Err(older());
    }
    let span = match (&saved.first, &saved.last) {
        (Some(f), Some(l)) => {
            let (Some(fu), Some(lu)) = (saved.first_unix, saved.last_unix) else {
                return Err(older());
            };
            let bad = || not(format!("its first or last time, {f} or {l}, is not a time"));
            Some((when(f, fu).ok_or_else(bad)?, when(l, lu).ok_or_else(bad)?))
        }
        _ => None,
    };
    Ok(Input {
        name: name.to_owned(),
        saved,
        hosts,
        domains,
        span,
    })
}

/// Hosts in words, for the messages.
fn hosts_words(hosts: &[&String]) -> String {
    match hosts.len() {
        0 => "logs without host names".to_owned(),
        1 => format!("host {}", mtafit_model::text::sanitize(hosts[0])),
        _ => {
            let named: Vec<_> = hosts
                .iter()
                .map(|h| mtafit_model::text::sanitize(h).into_owned())
                .collect();
            format!("hosts {}", named.join(", "))
        }
    }
}

/// Refuse reports that would count the same lines twice: two reports that share a host (or
/// both have none: formats without a host field cannot be told apart) and whose spans meet.
fn check_overlaps(inputs: &[Input]) -> Result<(), MergeError> {
    for (i, a) in inputs.iter().enumerate() {
        for b in &inputs[i + 1..] {
            let (Some((af, al)), Some((bf, bl))) = (a.span, b.span) else {
                continue;
            };
            let shared: Vec<&String> = a.hosts.iter().filter(|h| b.hosts.contains(h)).collect();
            let same_host = !shared.is_empty() || (a.hosts.is_empty() && b.hosts.is_empty());
            if !same_host || af.utc > bl.utc || bf.utc > al.utc {
                continue;
            }
            let text = |w: &Option<String>| w.clone().unwrap_or_default().replace('T', " ");
            if a.hosts == b.hosts && af.utc == bf.utc && al.utc == bl.utc {
                return Err(MergeError::Twice {
                    first: a.name.clone(),
                    second: b.name.clone(),
                    hosts: hosts_words(&shared),
                    from: text(&a.saved.first),
                    to: text(&a.saved.last),
                });
            }
            let span = |x: &Input| format!("{} to {}", text(&x.saved.first), text(&x.saved.last));
            return Err(MergeError::Overlap {
                first: a.name.clone(),
                first_span: span(a),
                second: b.name.clone(),
                second_span: span(b),
                hosts: hosts_words(&shared),
            });
        }
    }
    Ok(())
}

/// Merge `reports` — (name, the bytes of a `measure --format json` report) — into one report,
/// the same as measuring their logs together would give.
pub fn combine(reports: &[(String, Vec<u8>)]) -> Result<Report, MergeError> {
    if reports.is_empty() {
        return Err(MergeError::Nothing);
    }
    let inputs = reports
        .iter()
        .map(|(name, bytes)| read(name, bytes))
        .collect::<Result<Vec<_>, _>>()?;
    check_overlaps(&inputs)?;
    let mut totals = Totals::default();
    let mut files = Vec::new();
    let mut examples = Vec::new();
    let mut yearless = Vec::new();
    let mut cut_short = 0;
    for input in inputs {
        let s = input.saved;
        totals.counts.add(&Counts {
            sent: s.sent,
            deferred: s.deferred,
            bounced: s.bounced,
            expired: s.expired,
            filter_hops: s.filter_hops,
            local: s.local,
            probes: s.probes,
            unparsed: s.unparsed,
            messages: s.messages_sent,
            notifications: s.notifications,
        });
        for d in &s.per_day {
            let day = date(&d.date).ok_or_else(|| MergeError::NotAReport {
                name: input.name.clone(),
                why: format!("its per_day date {:?} is not a date", d.date),
            })?;
            let slot = totals.days.entry(day).or_default();
            for (t, n) in slot.iter_mut().zip([d.sent, d.deferred, d.bounced]) {
                *t += n;
            }
        }
        for d in input.domains {
            *totals
                .domains
                .entry(d.domain.into_bytes().into())
                .or_default() += d.sent;
        }
        totals.domains_error += s.domains_error.unwrap_or(0);
        cut_short += s.cut_short.unwrap_or(0);
        if let Some((f, l)) = input.span {
            totals.see(f);
            totals.see(l);
        }
        totals.hosts.extend(input.hosts);
        examples.extend(s.unparsed_examples);
        yearless.extend(s.years_from.unwrap_or_default().into_iter().map(|n| {
            if n == "-" {
                YearSource::Today
            } else {
                YearSource::Modified(n)
            }
        }));
        for f in s.files {
            let format = LogFormat::ALL
                .into_iter()
                .find(|l| l.name() == f.format)
                .ok_or_else(|| MergeError::UnknownFormat {
                    name: input.name.clone(),
                    format: mtafit_model::text::sanitize(&f.format).into_owned(),
                })?;
            files.push(Read1 {
                index: files.len(),
                source: Source::Path(PathBuf::from(f.path)),
                format,
                bytes: f.bytes,
                renumbered: false,
            });
        }
    }
    totals.lives.cut_short = cut_short;
    let mut report = assemble(totals, &files, yearless);
    examples.truncate(EXAMPLES);
    report.unparsed_examples = examples;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_and_dates_are_read_back() {
        let w = when("2025-12-01T09:00:30", 1_764_579_630).unwrap();
        assert_eq!(w.day, mtafit_model::calendar::days_from_civil(2025, 12, 1));
        assert_eq!(w.sod, 9 * 3600 + 30);
        assert!(when("2025-12-01 09:00:30", 0).is_none());
        assert!(date("2025-02-30").is_none());
        assert!(date("2025-2-3").is_none());
    }
}
