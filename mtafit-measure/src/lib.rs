//! `mtafit measure`: the sender's real volume from their own mail logs.
//!
//! Every number is defined in `docs/measuring.md`. The pipeline per input: sniff the format from
//! the first lines, cut the input into chunks of whole lines (mapped windows or reused buffers),
//! scan chunks on every core into [`tally::Tally`]s, and fold those in input order
//! ([`merge`]); memory stays bounded by the chunk size and the messages in flight, not the log.

pub mod combine;
pub mod detect;
pub mod envelope;
pub mod error;
pub mod exim;
pub mod frame;
pub mod growth;
pub mod gzip;
pub mod input;
pub mod kumo;
pub mod lives;
pub mod merge;
pub mod postfix;
pub mod powermta;
pub mod report;
pub mod scan;
pub mod sendmail;
pub mod short;
pub mod tally;
pub mod time;
pub mod zstd;

pub use detect::LogFormat;
pub use envelope::Envelope;
pub use error::MeasureError;
pub use input::{Meter, Source};
pub use report::{Reading, Report, ReportNote, YearSource};

use detect::Dialect;
use input::{Body, Data, Job};
use merge::{InputMerge, Totals, YearRule};
use std::io::Read;
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;
use tally::Tally;

/// How to measure.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Read every input as this format instead of detecting it.
    pub format: Option<LogFormat>,
    /// Read every input's records out of this envelope instead of detecting one; the format
    /// inside is detected.
    pub envelope: Option<Envelope>,
    /// The year of the first syslog line (syslog dates have none).
    pub year: Option<i32>,
    /// Scanning threads; 0 means one per core.
    pub threads: usize,
    /// Map regular files into memory instead of reading them, falling back to reads when a map
    /// fails. Maps are faster (BENCHMARKS.md), but a file truncated while mapped raises SIGBUS:
    /// the command line maps and explains that signal; the explorer, which must keep its
    /// terminal, reads.
    pub mmap: bool,
    /// The host of logs whose lines name none (Exim's own main log, KumoMTA, PowerMTA), for the
    /// report's `hosts`: `--merge` tells hosts apart by them.
    pub host: Option<String>,
}

/// A finished measurement and what the user should be told on the side.
#[derive(Debug, Clone)]
pub struct Measured {
    /// The report.
    pub report: Report,
    /// Warnings (an empty input, say).
    pub warnings: Vec<Warning>,
}

/// Something about an input the user should know; each names the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// Named twice, or once more through a link: it was read once.
    NamedTwice(String),
    /// Empty: it was skipped.
    Empty(String),
    /// None of its first lines looks like the format `--log-format` names; it was read as that.
    Unlike {
        /// The input.
        name: String,
        /// The format it was read as.
        format: LogFormat,
    },
    /// `--host` names a host, but the lines name their own, which the report keeps.
    HostUnused {
        /// The host `--host` named.
        host: String,
        /// The hosts the lines name.
        named: Vec<String>,
    },
}

/// The most columns a domain in the report takes: a clean one (at most 256 bytes) is never cut.
const DOMAIN_MAX: usize = 256;

/// True when a head of text breaks its lines with CR alone: it holds a CR and no LF or NUL.
fn cr_only(head: &[u8]) -> bool {
    memchr::memchr(b'\r', head).is_some() && memchr::memchr2(b'\n', 0, head).is_none()
}

/// The first dated timestamp in a log's head (syslog dates have no year and do not count).
fn first_dated(head: &[u8]) -> Option<i64> {
    head.split(|&b| b == b'\n').take(50).find_map(|line| {
        let (stamp, _) = frame::stamp(line).or_else(|| time::spaced(line))?;
        let moment = tally::Moment { yoff: 0, stamp };
        matches!(stamp.day, time::Day::Dated(_)).then(|| moment.key().1)
    })
}

/// An input sniffed and placed in time. Regular files are closed again until their turn, so
/// memory and open files do not grow with the number of inputs (a year of daily rotations,
/// say); standard input, pipes and `<(zcat …)`, which cannot be read twice, stay open.
struct Ready {
    source: Source,
    format: LogFormat,
    envelope: Option<Envelope>,
    first: Option<i64>,
    modified: Option<SystemTime>,
    kept: Option<input::Opened>,
}

/// Measure `sources` into one report; an error names the input.
pub fn measure(
    sources: &[Source],
    opts: &Options,
    meter: &Arc<Meter>,
) -> Result<Measured, MeasureError> {
    if let Some(y) = opts.year.filter(|y| !time::LOG_YEARS.contains(y)) {
        return Err(MeasureError::Year(y));
    }
    let threads = match opts.threads {
        0 => std::thread::available_parallelism().map_or(2, |n| n.get().min(16)),
        n => n.min(64),
    };
    let mut warnings = Vec::new();
    let mut ready: Vec<Ready> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for source in sources {
        let name = source.name();
        if let Source::Path(p) = source
            && let Ok(real) = std::fs::canonicalize(p)
            && !seen.insert(real)
        {
            warnings.push(Warning::NamedTwice(name));
            continue;
        }
        let opened = input::open(source, meter, opts.mmap)?;
        if meter.cancel.load(Ordering::Relaxed) {
            return Err(MeasureError::Stopped);
        }
        let envelope = match opts.envelope {
            Some(e) if !opened.head.is_empty() && !envelope::recognised(e, &opened.head) => {
                return Err(MeasureError::NotEnvelope { name, envelope: e });
            }
            Some(e) => Some(e),
            None if opts.format.is_none() => envelope::detect(&opened.head),
            None => None,
        };
        let opened = match envelope {
            Some(e) => unwrap(opened, e, meter, &name)?,
            None => opened,
        };
        if opened.head.is_empty() {
            warnings.push(Warning::Empty(name));
            continue;
        }
        if cr_only(&opened.head) {
            return Err(MeasureError::CarriageReturnsOnly { name });
        }
        let format = match opts.format {
            Some(f) => {
                if detect::votes(&opened.head)[f] == 0 {
                    warnings.push(Warning::Unlike {
                        name: name.clone(),
                        format: f,
                    });
                }
                f
            }
            None => detect::detect(&opened.head).ok_or_else(|| not_a_log(&name, &opened.head))?,
        };
        let first = first_dated(&opened.head);
        let modified = opened.modified;
        let reopenable = match source {
            Source::Path(p) => std::fs::metadata(p).is_ok_and(|m| m.is_file()),
            Source::Stdin => false,
        };
        ready.push(Ready {
            source: source.clone(),
            format,
            envelope,
            first,
            modified,
            kept: (!reopenable).then_some(opened),
        });
    }
    if ready.is_empty() {
        let names: Vec<String> = sources.iter().map(Source::name).collect();
        return Err(MeasureError::Empty { names });
    }
    // Progress counts from here: the sniffing above read some bytes twice.
    meter.done.store(0, Ordering::Relaxed);
    let total: Option<u64> = ready
        .iter()
        .map(|r| match &r.source {
            Source::Path(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            Source::Stdin => None,
        })
        .sum();
    meter.total.store(total.unwrap_or(0), Ordering::Relaxed);
    // Oldest first, so messages and years carry across rotated files: by the first dated line
    // when every input has one; else, for one rotated set, by logrotate's names (copied files
    // lose their times); else by modification time (standard input counts as now).
    let ranks: Option<Vec<(String, u64)>> = ready
        .iter()
        .map(|r| match &r.source {
            Source::Path(p) => rotation(p),
            Source::Stdin => None,
        })
        .collect();
    if ready.iter().all(|r| r.first.is_some()) {
        ready.sort_by_key(|r| r.first);
    } else if let Some(ranks) = ranks.filter(|k| k.iter().all(|(base, _)| *base == k[0].0)) {
        let mut order: Vec<(u64, Ready)> =
            ranks.into_iter().map(|(_, age)| age).zip(ready).collect();
        order.sort_by_key(|(age, _)| std::cmp::Reverse(*age));
        ready = order.into_iter().map(|(_, r)| r).collect();
    } else {
        ready.sort_by_key(|r| r.modified.unwrap_or_else(SystemTime::now));
    }
    let mut totals = Totals::default();
    let mut files = Vec::new();
    let mut yearless_from = Vec::new();
    let mut carried: Option<(i32, u8)> = None;
    for (i, r) in ready.into_iter().enumerate() {
        let name = r.source.name();
        let opened = match r.kept {
            Some(o) => o,
            None => match r.envelope {
                Some(e) => unwrap(input::open(&r.source, meter, opts.mmap)?, e, meter, &name)?,
                None => input::open(&r.source, meter, opts.mmap)?,
            },
        };
        let dialect = Dialect::new(r.format, &opened.head);
        // With --year the inputs read as one log; without, each file's own time anchors it.
        let rule = match (opts.year, carried) {
            (Some(_), Some((year, month))) => YearRule::After(year, month),
            (Some(y), None) => YearRule::First(y),
            (None, _) => YearRule::NotAfter(mtafit_model::calendar::day_of(
                r.modified.unwrap_or_else(SystemTime::now),
            )),
        };
        let mut merge = InputMerge::new(i, rule);
        let compressed = opened.compressed;
        // A stopped stream ends early, which gzip and zstd call an error: the stop is the news.
        let bytes =
            run(opened, &dialect, threads, meter, &mut merge, &mut totals).map_err(|e| {
                if meter.cancel.load(Ordering::Relaxed) {
                    MeasureError::Stopped
                } else {
                    MeasureError::reading(&name, compressed, e)
                }
            })?;
        if meter.cancel.load(Ordering::Relaxed) {
            return Err(MeasureError::Stopped);
        }
        if merge.has_yearless() && opts.year.is_none() {
            yearless_from.push(match r.modified {
                Some(_) => YearSource::Modified(name),
                None => YearSource::Today,
            });
        }
        if let Some(end) = merge.finish(&mut totals) {
            carried = Some(end);
        }
        files.push(Read1 {
            index: i,
            source: r.source,
            format: r.format,
            bytes,
            // Offsets in records rewritten as lines are not the file's: no line numbers.
            renumbered: compressed || r.envelope.is_some(),
        });
    }
    let forced = opts.format.filter(|_| totals.first.is_none());
    let mut report = assemble(totals, &files, yearless_from);
    if let Some(f) = forced {
        report.notes.push(ReportNote::NothingRead(f));
    }
    if let Some(host) = &opts.host {
        if report.hosts.is_empty() {
            report.hosts.push(host.clone());
        } else if !report.hosts.contains(host) {
            warnings.push(Warning::HostUnused {
                host: host.clone(),
                named: report.hosts.clone(),
            });
        }
    }
    Ok(Measured { report, warnings })
}

/// `opened` read through `envelope`; an error names the input.
fn unwrap(
    opened: input::Opened,
    envelope: Envelope,
    meter: &Arc<Meter>,
    name: &str,
) -> Result<input::Opened, MeasureError> {
    let compressed = opened.compressed;
    envelope::unwrap(opened, envelope, meter)
        .map_err(|e| MeasureError::reading(name, compressed, e))
}

/// A rotated log's base name and age by logrotate's naming: `mail.log` is 0, `mail.log.3.gz`
/// is 3, `maillog-20251123.gz` is older the earlier its date. `None` for other names.
fn rotation(path: &std::path::Path) -> Option<(String, u64)> {
    let name = path.file_name()?.to_str()?;
    let name = [".gz", ".zst"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .unwrap_or(name);
    let dir = path
        .parent()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some((base, n)) = name.rsplit_once('.')
        && digits(n)
        && n.len() < 6
    {
        return Some((format!("{dir}/{base}"), n.parse().ok()?));
    }
    if let Some((base, date)) = name.rsplit_once('-')
        && digits(date)
        && date.len() == 8
    {
        // Dated names sort after the live file (age 0) and before each other by date.
        return Some((
            format!("{dir}/{base}"),
            100_000_000 - date.parse::<u64>().ok()?,
        ));
    }
    Some((format!("{dir}/{name}"), 0))
}

/// The error for an input in no known format.
fn not_a_log(name: &str, head: &[u8]) -> MeasureError {
    let name = name.to_owned();
    let line = first_line_text(head);
    if let Some(year) = line.and_then(|l| time::year_outside(l.as_bytes())) {
        return MeasureError::DatedOutside { name, year };
    }
    match line {
        Some(line) => MeasureError::NotALog {
            name,
            starts: (!line.trim().is_empty())
                .then(|| mtafit_model::text::truncate(line.trim_end(), 60).into_owned()),
        },
        // A binary's bytes would garble the terminal and tell the reader nothing.
        None => MeasureError::Binary { name },
    }
}

/// The first line of `head` when it is text a person can read: UTF-8 (a character cut by the
/// end of the head is dropped) with no control character but tabs, in a head with no NUL byte.
fn first_line_text(head: &[u8]) -> Option<&str> {
    if head.contains(&0) {
        return None;
    }
    let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let text = match std::str::from_utf8(line) {
        Ok(t) => t,
        Err(e) if e.error_len().is_none() && line.len() == head.len() => {
            std::str::from_utf8(&line[..e.valid_up_to()]).ok()?
        }
        Err(_) => return None,
    };
    let readable = !text
        .chars()
        .any(|c| c != '\t' && mtafit_model::text::is_unsafe(c));
    readable.then_some(text)
}

/// Scan one input on `threads` threads, folding into `totals`; returns bytes scanned.
fn run(
    opened: input::Opened,
    dialect: &Dialect,
    threads: usize,
    meter: &Arc<Meter>,
    merge: &mut InputMerge,
    totals: &mut Totals,
) -> std::io::Result<u64> {
    let (job_tx, job_rx) = mpsc::sync_channel::<Job>(threads * 2);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<(usize, Tally)>();
    let (recycle_tx, recycle_rx) = mpsc::channel::<Vec<u8>>();
    // Emptied tallies go back to the scanners: their maps keep their memory, so each chunk
    // does not grow (and the kernel zero) fresh pages.
    let (spare_tx, spare_rx) = mpsc::channel::<Tally>();
    let spare_rx = Mutex::new(spare_rx);
    let counts_own_bytes = matches!(opened.body, Body::Mapped(..));
    let records = match &opened.body {
        Body::Records(_, _, envelope) => Some(*envelope),
        _ => None,
    };
    let lines = dialect.lines();
    std::thread::scope(|s| {
        for _ in 0..threads {
            let (job_rx, done_tx, recycle_tx) = (&job_rx, done_tx.clone(), recycle_tx.clone());
            let spare_rx = &spare_rx;
            s.spawn(move || {
                // A records input's chunks, turned into syslog lines.
                let mut converted = Vec::new();
                let mut second = envelope::Second::default();
                loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok(job) = job else { return };
                    let mut t = spare_rx
                        .lock()
                        .ok()
                        .and_then(|rx| rx.try_recv().ok())
                        .unwrap_or_default();
                    let bytes = match records {
                        Some(envelope) => {
                            converted.clear();
                            envelope::convert(
                                envelope,
                                job.data.bytes(),
                                &mut converted,
                                &mut second,
                            );
                            &converted[..]
                        }
                        None => job.data.bytes(),
                    };
                    scan::scan(lines, bytes, job.base, job.at_end, &mut t);
                    if done_tx.send((job.index, t)).is_err() {
                        return;
                    }
                    if let Data::Owned(buf) = job.data {
                        let _ = recycle_tx.send(buf);
                    }
                }
            });
        }
        drop((done_tx, recycle_tx));
        let cancel = &meter.cancel;
        let producer = s.spawn(move || match opened.body {
            Body::Mapped(file, len) => input::produce_mapped(&file, len, &job_tx, cancel),
            Body::Stream(stream) => {
                input::produce_stream(stream, opened.head, &job_tx, &recycle_rx, cancel)
            }
            Body::Records(stream, first, _) => {
                input::produce_stream(stream, first, &job_tx, &recycle_rx, cancel)
            }
        });
        let mut bytes = 0;
        for (index, tally) in done_rx {
            let n = merge.add(index, tally, totals, |t| {
                let _ = spare_tx.send(t);
            });
            bytes += n;
            if counts_own_bytes {
                meter.done.fetch_add(n, Ordering::Relaxed);
            }
        }
        producer
            .join()
            .expect("the reading thread does not panic")?;
        Ok(bytes)
    })
}

/// Line numbers of byte `offsets` (ascending) in a plain file, in one read of the file.
fn line_numbers(path: &std::path::Path, offsets: &[u64]) -> Vec<Option<u64>> {
    let Ok(mut f) = std::fs::File::open(path) else {
        return vec![None; offsets.len()];
    };
    let mut out = Vec::with_capacity(offsets.len());
    let mut buf = vec![0u8; 1 << 20];
    let (mut at, mut lines) = (0u64, 1u64);
    for &want in offsets {
        while at < want {
            let n = ((want - at) as usize).min(buf.len());
            match f.read(&mut buf[..n]) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    lines += memchr::memchr_iter(b'\n', &buf[..n]).count() as u64;
                    at += n as u64;
                }
            }
        }
        out.push((at == want).then_some(lines));
    }
    out
}

/// One input that was read.
struct Read1 {
    index: usize,
    source: Source,
    format: LogFormat,
    bytes: u64,
    /// Its offsets are not the file's (compressed, or records rewritten as lines).
    renumbered: bool,
}

/// Turn the totals into the report.
fn assemble(totals: Totals, files: &[Read1], yearless_from: Vec<YearSource>) -> Report {
    use report::{DayReport, DomainReport, FileReport, UnparsedExample};
    let c = totals.counts;
    let cut_short = totals.lives.cut_short;
    let domains_error = totals.domains_error;
    let lives = totals.lives.finish();
    let messages_sent = c.messages + lives.messages;
    let notifications = c.notifications + lives.notifications;
    let (first, last) = (totals.first, totals.last);
    let span = match (first, last) {
        (Some(f), Some(l)) => (l.utc - f.utc) as f64 / 86_400.0,
        _ => 0.0,
    };
    let volume = c.sent.saturating_sub(notifications);
    let monthly_volume = if first.is_some() {
        (volume as f64 * 30.0 / span.max(1.0 / 24.0)).round() as u64
    } else {
        0
    };
    // Every date from the first to the last; a range no log spans means dates were misread,
    // so then only the dates seen are listed.
    let per_day: Vec<DayReport> = match (
        totals.days.keys().next().copied(),
        totals.days.keys().last().copied(),
    ) {
        (Some(lo), Some(hi)) if hi - lo <= 3660 => (lo..=hi)
            .map(|d| {
                let c = totals.days.get(&d).copied().unwrap_or_default();
                day_report(d, c)
            })
            .collect(),
        _ => totals
            .days
            .iter()
            .map(|(&d, &c)| day_report(d, c))
            .collect(),
    };
    let per_month = match (first, last) {
        (Some(f), Some(l)) => growth::months(&totals.days, (f.day, f.sod), (l.day, l.sod)),
        _ => Vec::new(),
    };
    let growth = growth::trend(&per_month);
    let peak = per_day
        .iter()
        .filter(|d| d.sent > 0)
        .max_by(|a, b| a.sent.cmp(&b.sent).then_with(|| b.date.cmp(&a.date)))
        .cloned();
    let mut domains: Vec<(Box<[u8]>, u64)> = totals.domains.into_iter().collect();
    domains.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let all_domains = domains
        .iter()
        .map(|(d, sent)| DomainReport {
            domain: String::from_utf8_lossy(d).into_owned(),
            sent: *sent,
        })
        .collect();
    let top_domains = domains
        .into_iter()
        .take(10)
        .map(|(d, sent)| DomainReport {
            // Named, not removed: `exa<U+0085>mple.com` is another domain than `example.com`,
            // and removing what hides it would show two rows of the same name.
            domain: mtafit_model::text::quoted(&String::from_utf8_lossy(&d), DOMAIN_MAX)
                .into_owned(),
            sent,
        })
        .collect();
    let name_of = |s: &Source| match s {
        Source::Stdin => "-".to_string(),
        Source::Path(_) => s.name(),
    };
    // Line numbers for the examples in plain files: one read per file, up to its last example.
    let mut numbers = std::collections::HashMap::new();
    for f in files.iter().filter(|f| !f.renumbered) {
        if let Source::Path(p) = &f.source {
            let mut offsets: Vec<u64> = totals
                .unreadable
                .iter()
                .filter(|u| u.input == f.index)
                .map(|u| u.offset)
                .collect();
            offsets.sort_unstable();
            offsets.dedup();
            // Only a regular file can be read again (not a pipe or `<(zcat …)`).
            if offsets.is_empty() || !std::fs::metadata(p).is_ok_and(|m| m.is_file()) {
                continue;
            }
            for (o, n) in offsets.iter().zip(line_numbers(p, &offsets)) {
                numbers.insert((f.index, *o), n);
            }
        }
    }
    let unparsed_examples = totals
        .unreadable
        .iter()
        .filter_map(|u| {
            let f = files.iter().find(|f| f.index == u.input)?;
            Some(UnparsedExample {
                file: name_of(&f.source),
                line: numbers.get(&(u.input, u.offset)).copied().flatten(),
                text: mtafit_model::text::sanitize(&String::from_utf8_lossy(&u.text)).into_owned(),
            })
        })
        .collect();
    let mut formats: Vec<LogFormat> = Vec::new();
    for f in files {
        if !formats.contains(&f.format) {
            formats.push(f.format);
        }
    }
    let mut notes = Vec::new();
    if !yearless_from.is_empty() {
        notes.push(ReportNote::Yearless(yearless_from));
    }
    if formats.contains(&LogFormat::Powermta) {
        notes.push(ReportNote::PowerMtaRecipients);
    }
    if formats.contains(&LogFormat::Kumomta) {
        notes.push(ReportNote::KumoRecipients);
    }
    if notifications > 0 {
        notes.push(ReportNote::Notifications(notifications));
    }
    if c.filter_hops > 0 {
        notes.push(ReportNote::FilterHops(c.filter_hops));
    }
    if first.is_some() && span < 7.0 {
        notes.push(ReportNote::ShortSpan { days: span });
    }
    if domains_error > 0 {
        notes.push(ReportNote::DomainsCapped {
            kept: merge::DOMAINS_KEPT as u64,
            error: domains_error,
        });
    }
    if cut_short > 0 {
        notes.push(ReportNote::CutShort(cut_short));
    }
    for (year, n) in &totals.no_leap_day {
        notes.push(ReportNote::NoLeapDay {
            year: *year,
            lines: *n,
        });
    }
    if c.unparsed > 0 {
        notes.push(ReportNote::Unparsed(c.unparsed));
    }
    Report {
        formats,
        files: files
            .iter()
            .map(|f| FileReport {
                path: name_of(&f.source),
                format: f.format,
                bytes: f.bytes,
            })
            .collect(),
        first: first.map(|w| time::format_moment(w.day, w.sod)),
        last: last.map(|w| time::format_moment(w.day, w.sod)),
        days: (span * 100.0).round() / 100.0,
        sent: c.sent,
        deferred: c.deferred,
        bounced: c.bounced,
        expired: c.expired,
        messages_sent,
        notifications,
        filter_hops: c.filter_hops,
        local: c.local,
        probes: c.probes,
        unparsed: c.unparsed,
        unparsed_examples,
        monthly_volume,
        reading: report::reading(monthly_volume),
        peak,
        per_day,
        per_month,
        growth,
        top_domains,
        notes,
        hosts: totals.hosts.into_iter().collect(),
        first_unix: first.map(|w| w.utc),
        last_unix: last.map(|w| w.utc),
        domains: all_domains,
        domains_error,
        cut_short,
    }
}

fn day_report(d: i32, c: [u64; 3]) -> report::DayReport {
    report::DayReport {
        date: time::format_date(d),
        sent: c[0],
        deferred: c[1],
        bounced: c[2],
    }
}

#[cfg(test)]
mod tests {
    use super::{first_line_text, not_a_log, rotation};
    use std::path::Path;

    #[test]
    fn only_readable_text_is_quoted_from_a_file_that_is_not_a_log() {
        assert_eq!(first_line_text(b"# notes\r\nmore"), Some("# notes"));
        assert_eq!(first_line_text(b"a\tb\n"), Some("a\tb"));
        assert_eq!(first_line_text(b"\n"), Some(""));
        // A character cut by the end of the head is not a reason to call the file binary.
        assert_eq!(
            first_line_text("caf\u{e9}".as_bytes()[..4].as_ref()),
            Some("caf")
        );
        for binary in [
            &b"\x7fELF\x02\x01\x01\x00\x00"[..],
            b"\x89PNG\r\n\x1a\n",
            b"text\nwith a NUL \x00 later",
            b"\x1b]2;title\x07\n",
            b"\xff\xfe\n",
        ] {
            assert_eq!(first_line_text(binary), None, "{binary:?}");
        }
        let e = not_a_log("/bin/ls", b"\x7fELF\x02\x01\x01\x00\x00\x1b[2J").to_string();
        assert!(
            e.starts_with("/bin/ls is not a mail log: it looks binary"),
            "{e}"
        );
        assert!(!e.contains("ELF"), "{e}");
        let e = not_a_log("notes.md", b"# Notes\n\nnothing here\n").to_string();
        assert!(e.contains("(line 1 starts \"# Notes\")"), "{e}");
        let e = not_a_log("gap.txt", b"\nnothing here\n").to_string();
        assert!(e.contains("(line 1 is blank)"), "{e}");
    }

    #[test]
    fn rotated_names_give_their_age() {
        let age = |p: &str| rotation(Path::new(p)).map(|(_, a)| a);
        assert_eq!(age("/var/log/mail.log"), Some(0));
        assert_eq!(age("/var/log/mail.log.1"), Some(1));
        assert_eq!(age("/var/log/mail.log.12.gz"), Some(12));
        assert!(age("/var/log/maillog-20251123.gz") > age("/var/log/maillog-20251130"));
        assert!(age("/var/log/maillog-20251130").unwrap() > 0);
        let base = |p: &str| rotation(Path::new(p)).map(|(b, _)| b);
        assert_eq!(base("/x/mail.log.2.gz"), base("/x/mail.log"));
        assert_ne!(base("/x/mail.log"), base("/y/mail.log"));
    }
}
