//! `mtafit measure` against generated logs whose true counts are known (tests/loggen).
//!
//! Each format is checked as a plain file, gzip (one member and two), standard input, and
//! split into two files; every number of docs/measuring.md must match exactly.

use crate::common;
use crate::loggen;

use crate::loggen::{Format, Options, Stamp, Truth, generate};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, SystemTime};

/// A window across New Year, with every trap.
fn options(seed: u64, messages: u64) -> Options {
    Options {
        seed,
        messages,
        target_bytes: None,
        start: (2025, 12, 20),
        days: 30,
        traps: true,
        growth_per_month: 0.0,
        host: "mx1",
    }
}

fn log_of(format: Format, o: &Options) -> (Vec<u8>, Truth) {
    let mut log = Vec::new();
    let truth = generate(format, o, &mut log).expect("generate into memory");
    (log, truth)
}

// --- the generator on its own --------------------------------------------------------

#[test]
fn the_generator_is_deterministic() {
    for f in Format::ALL {
        let o = options(7, 800);
        let (a, ta) = log_of(f, &o);
        let (b, tb) = log_of(f, &o);
        assert!(a == b, "{}: same seed, different bytes", f.name());
        assert_eq!(ta, tb, "{}", f.name());
        let (c, _) = log_of(f, &options(8, 800));
        assert!(a != c, "{}: another seed, same bytes", f.name());
        assert_eq!(ta.bytes, a.len() as u64);
    }
}

#[test]
fn truths_add_up() {
    for f in Format::ALL {
        let (log, t) = log_of(f, &options(3, 3000));
        let name = f.name();
        let sum = |i: usize| t.per_day.values().map(|d| [d.0, d.1, d.2][i]).sum::<u64>();
        assert_eq!(sum(0), t.sent, "{name}");
        assert_eq!(sum(1), t.deferred, "{name}");
        assert_eq!(sum(2), t.bounced, "{name}");
        assert_eq!(t.domains.values().sum::<u64>(), t.sent, "{name}");
        assert!(
            t.notifications > 0 && t.notifications < t.sent / 10,
            "{name}"
        );
        assert!(
            t.messages_sent <= t.sent && t.messages_sent > t.sent / 4,
            "{name}"
        );
        assert!(t.deferred > 0 && t.bounced > 0, "{name}");
        // Consecutive days from first to last, across New Year.
        let first = t.per_day.keys().next().unwrap();
        let last = t.per_day.keys().last().unwrap();
        assert!(
            first.starts_with("2025-12-2") && last.starts_with("2026-01-1"),
            "{name}"
        );
        let span = loggen::day_number(last) - loggen::day_number(first);
        assert_eq!(t.per_day.len() as i64, span + 1, "{name}");
        assert_eq!(&t.first[..10], first);
        assert_eq!(&t.last[..10], last);
        let days = t.span_seconds as f64 / 86400.0;
        let mv = ((t.sent - t.notifications) as f64 * 30.0 / days).round() as u64;
        assert_eq!(mv, t.monthly_volume, "{name}");
        // The traps are there.
        assert!(
            log.split(|&c| c == b'\n').any(|l| l.len() >= 65_000),
            "{name}: long line"
        );
        assert!(!log.ends_with(b"\n"), "{name}: a cut last line");
        if !matches!(f, Format::KumoMta) {
            assert!(std::str::from_utf8(&log).is_err(), "{name}: Latin-1 bytes");
        }
        assert!(t.unparsed >= 1, "{name}");
    }
}

#[test]
fn postfix_looks_like_the_research_log() {
    let (log, t) = log_of(
        Format::Postfix(Stamp::Classic),
        &Options {
            messages: 10_000,
            ..Options::default()
        },
    );
    let sent_lines = count_lines(&log, b"status=sent");
    assert_eq!(sent_lines, t.status_sent_lines, "grep -c status=sent");
    assert_eq!(sent_lines, t.sent + sent_hops_and_local(&log));
    let share = sent_lines as f64 / t.lines as f64;
    let avg = t.bytes as f64 / t.lines as f64;
    assert!((0.14..0.22).contains(&share), "status=sent share {share}");
    assert!((130.0..190.0).contains(&avg), "average line {avg}");
    // Some short queue IDs come back after their `removed`.
    let mut removed = HashSet::new();
    let mut reused = 0;
    for l in log.split(|&c| c == b'\n') {
        if let Some(q) = qmgr_qid(l) {
            if l.ends_with(b": removed") {
                removed.insert(q.to_vec());
            } else if l.ends_with(b"(queue active)") && removed.remove(q) {
                reused += 1;
            }
        }
    }
    assert!(reused > 0, "no queue ID reuse");
}

#[test]
fn postfix_counts_match_an_independent_reading() {
    for (traps, stamp) in [
        (false, Stamp::Classic),
        (true, Stamp::ClassicZeroPadded),
        (true, Stamp::Rfc3339),
        (true, Stamp::ShortIso),
    ] {
        let o = Options {
            traps,
            ..options(11, 4000)
        };
        let (log, t) = log_of(Format::Postfix(stamp), &o);
        let r = reference_postfix(&log);
        let want = [
            t.sent,
            t.deferred,
            t.bounced,
            t.expired,
            t.messages_sent,
            t.notifications,
            t.filter_hops,
            t.local,
            t.probes,
            t.unparsed,
        ];
        assert_eq!(
            r.counts, want,
            "{stamp:?}: sent deferred bounced expired messages notifications hops local probes unparsed"
        );
        assert_eq!(r.domains, t.domains, "{stamp:?}");
    }
}

#[test]
fn other_formats_match_simple_counts() {
    let o = Options {
        traps: false,
        ..options(5, 4000)
    };
    let (log, t) = log_of(Format::Exim, &o);
    assert_eq!(
        count_lines(&log, b" => ") + count_lines(&log, b" -> "),
        t.sent
    );
    assert_eq!(count_lines(&log, b" == "), t.deferred);
    assert_eq!(count_lines(&log, b" ** "), t.bounced);

    let (log, t) = log_of(Format::KumoMta, &o);
    assert_eq!(count_lines(&log, b"{\"type\":\"Delivery\""), t.sent);
    assert_eq!(
        count_lines(&log, b"{\"type\":\"TransientFailure\""),
        t.deferred
    );
    assert_eq!(
        count_lines(&log, b"{\"type\":\"Bounce\"")
            + count_lines(&log, b"{\"type\":\"AdminBounce\""),
        t.bounced
    );
    assert_eq!(count_lines(&log, b"{\"type\":\"Expiration\""), t.expired);
    for l in log.split(|&c| c == b'\n').filter(|l| !l.is_empty()) {
        let v: Value = serde_json::from_slice(l).expect("every KumoMTA line is JSON");
        assert!(v["timestamp"].is_u64() && v["recipient"].is_string());
    }

    let (log, t) = log_of(Format::PowerMta, &o);
    let starts = |p: &[u8]| {
        log.split(|&c| c == b'\n')
            .filter(|l| l.starts_with(p))
            .count() as u64
    };
    assert_eq!(starts(b"d,"), t.sent);
    assert_eq!(starts(b"t,"), t.deferred);
    assert_eq!(starts(b"b,") + starts(b"rb,"), t.bounced);
    let notes = log
        .split(|&c| c == b'\n')
        .filter(|l| l.starts_with(b"d,") && l.split(|&c| c == b',').nth(3) == Some(b""))
        .count() as u64;
    assert_eq!(notes, t.notifications);

    let (log, t) = log_of(Format::Sendmail, &o);
    let mut sent = 0;
    for l in log.split(|&c| c == b'\n') {
        if contains(l, b"stat=Sent") && contains(l, b"mailer=esmtp") {
            let to = &l[find(l, b"to=").unwrap()..find(l, b", delay=").unwrap()];
            sent += to.iter().filter(|&&c| c == b'@').count() as u64;
        }
    }
    assert_eq!(sent, t.sent);
}

#[test]
fn a_size_target_is_met() {
    let o = Options {
        target_bytes: Some(4_000_000),
        ..Options::default()
    };
    let mut sink = Vec::new();
    let t = generate(Format::Postfix(Stamp::Classic), &o, &mut sink).unwrap();
    assert!(
        (4_000_000..4_400_000).contains(&t.bytes),
        "{} bytes",
        t.bytes
    );
}

// --- the real binary -----------------------------------------------------------------

#[test]
fn measure_postfix_classic() {
    check_format(Format::Postfix(Stamp::Classic), 101);
}

#[test]
fn measure_postfix_zero_padded() {
    check_format(Format::Postfix(Stamp::ClassicZeroPadded), 102);
}

#[test]
fn measure_postfix_rfc3339() {
    check_format(Format::Postfix(Stamp::Rfc3339), 103);
}

#[test]
fn measure_postfix_short_iso() {
    check_format(Format::Postfix(Stamp::ShortIso), 104);
}

#[test]
fn measure_exim() {
    check_format(Format::Exim, 105);
}

#[test]
fn measure_sendmail() {
    check_format(Format::Sendmail, 106);
}

#[test]
fn measure_kumomta() {
    check_format(Format::KumoMta, 107);
}

#[test]
fn measure_powermta() {
    check_format(Format::PowerMta, 108);
}

/// Plain, gzip, two gzip members, standard input and two files: the same true counts.
fn check_format(format: Format, seed: u64) {
    let o = options(seed, 4000);
    let (log, truth) = log_of(format, &o);
    let dir = tempfile::tempdir().unwrap();
    let name = format.name();
    let mut failures = Vec::new();

    let plain = dir.path().join(format!("{name}.log"));
    write_file(&plain, &log, &o);
    failures.extend(compare(
        "plain file",
        &measure(&[&plain], None, None),
        &truth,
        format,
    ));

    let gz = dir.path().join(format!("{name}.log.gz"));
    write_file(&gz, &gzip(&log), &o);
    failures.extend(compare(
        "gzip",
        &measure(&[&gz], None, None),
        &truth,
        format,
    ));

    let cut = split_point(&log);
    let (head, tail) = split_parts(&log, cut, format);
    let mut two = gzip(&log[..cut]);
    two.extend(gzip(&log[cut..]));
    let gz2 = dir.path().join(format!("{name}.2.log.gz"));
    write_file(&gz2, &two, &o);
    failures.extend(compare(
        "two gzip members",
        &measure(&[&gz2], None, None),
        &truth,
        format,
    ));

    let year = format.yearless().then_some(truth.first_line_year);
    if year.is_some() {
        // `--year` wins over a modification time from another year.
        let f = std::fs::File::options().write(true).open(&plain).unwrap();
        f.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(1_900_000_000))
            .unwrap();
        failures.extend(compare(
            "--year, mtime in 2030",
            &measure(&[&plain], None, year),
            &truth,
            format,
        ));
    }
    failures.extend(compare(
        "stdin",
        &measure(&[Path::new("-")], Some(&log), year),
        &truth,
        format,
    ));

    let a = dir.path().join(format!("{name}.log.1"));
    let b = dir.path().join(format!("{name}.log.2"));
    write_file(&a, &head, &o);
    write_file(&b, &tail, &o);
    failures.extend(compare(
        "two files",
        &measure(&[&a, &b], None, None),
        &truth,
        format,
    ));

    assert!(
        failures.is_empty(),
        "{name}: measure disagrees with the generator's truth:\n{}",
        failures.join("\n")
    );
}

fn write_file(path: &Path, bytes: &[u8], o: &Options) {
    std::fs::write(path, bytes).unwrap();
    // Yearless logs take their year from the mtime: an hour after the window ends.
    let end = o.end_unix() + 3600;
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(end as u64))
        .unwrap();
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// A line boundary near the middle.
fn split_point(log: &[u8]) -> usize {
    let mid = log.len() / 2;
    mid + log[mid..].iter().position(|&c| c == b'\n').unwrap() + 1
}

fn split_parts(log: &[u8], cut: usize, format: Format) -> (Vec<u8>, Vec<u8>) {
    let mut tail = Vec::new();
    if format == Format::PowerMta {
        // Each rotated accounting file starts with its header.
        let header_end = log.iter().position(|&c| c == b'\n').unwrap() + 1;
        tail.extend_from_slice(&log[..header_end]);
    }
    tail.extend_from_slice(&log[cut..]);
    (log[..cut].to_vec(), tail)
}

fn measure(files: &[&Path], stdin: Option<&[u8]>, year: Option<i32>) -> Result<Value, String> {
    let home = tempfile::tempdir().unwrap();
    let mut c = common::mtafit(home.path());
    c.arg("measure").args(files).args(["--format", "json"]);
    if let Some(y) = year {
        c.args(["--year", &y.to_string()]);
    }
    c.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = c.spawn().map_err(|e| format!("cannot run mtafit: {e}"))?;
    let feeder = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })
    });
    let out = child.wait_with_output().unwrap();
    if let Some(f) = feeder {
        f.join().unwrap();
    }
    if !out.status.success() {
        return Err(format!(
            "exit {:?}: {}",
            out.status.code(),
            common::stderr(&out).trim()
        ));
    }
    serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("not JSON ({e}): {}", common::stdout(&out)))
}

/// Every difference between `measure`'s JSON and the truth, one line each.
fn compare(how: &str, got: &Result<Value, String>, t: &Truth, format: Format) -> Vec<String> {
    let got = match got {
        Ok(v) => v,
        Err(e) => return vec![format!("  {how}: {e}")],
    };
    let mut bad = Vec::new();
    let mut field = |name: &str, want: Value| {
        if got[name] != want {
            bad.push(format!("  {how}: {name}: want {want}, got {}", got[name]));
        }
    };
    field("format", Value::from(format.family()));
    for (name, want) in [
        ("sent", t.sent),
        ("deferred", t.deferred),
        ("bounced", t.bounced),
        ("expired", t.expired),
        ("messages_sent", t.messages_sent),
        ("notifications", t.notifications),
        ("filter_hops", t.filter_hops),
        ("local", t.local),
        ("probes", t.probes),
        ("unparsed", t.unparsed),
        ("monthly_volume", t.monthly_volume),
    ] {
        field(name, Value::from(want));
    }
    field("first", Truth::when(&t.first));
    field("last", Truth::when(&t.last));
    if (got["days"].as_f64().unwrap_or(-1.0) - t.days()).abs() > 0.011 {
        bad.push(format!(
            "  {how}: days: want {}, got {}",
            t.days(),
            got["days"]
        ));
    }
    let want_days: Vec<Value> = t
        .per_day
        .iter()
        .map(
            |(d, (s, f, b))| serde_json::json!({"date": d, "sent": s, "deferred": f, "bounced": b}),
        )
        .collect();
    let got_days: Vec<Value> = got["per_day"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| serde_json::json!({"date": d["date"], "sent": d["sent"], "deferred": d["deferred"], "bounced": d["bounced"]}))
                .collect()
        })
        .unwrap_or_default();
    if got_days != want_days {
        let w: BTreeMap<_, _> = want_days
            .iter()
            .map(|d| (d["date"].to_string(), d))
            .collect();
        let g: BTreeMap<_, _> = got_days
            .iter()
            .map(|d| (d["date"].to_string(), d))
            .collect();
        let diffs: Vec<String> = w
            .keys()
            .chain(g.keys())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .filter(|k| w.get(*k) != g.get(*k))
            .take(5)
            .map(|k| {
                format!(
                    "{k}: want {:?} got {:?}",
                    w.get(k).map(|v| v.to_string()),
                    g.get(k).map(|v| v.to_string())
                )
            })
            .collect();
        bad.push(format!(
            "  {how}: per_day differs ({} vs {} days), e.g. {}",
            want_days.len(),
            got_days.len(),
            diffs.join("; ")
        ));
    }
    let want_top: Vec<Value> = t
        .top_domains()
        .into_iter()
        .map(|(d, n)| serde_json::json!({"domain": d, "sent": n}))
        .collect();
    let got_top: Vec<Value> = got["top_domains"]
        .as_array()
        .map(|a| {
            a.iter()
                .take(10)
                .map(|d| serde_json::json!({"domain": d["domain"], "sent": d["sent"]}))
                .collect()
        })
        .unwrap_or_default();
    if got_top != want_top {
        bad.push(format!(
            "  {how}: top_domains: want {}, got {}",
            Value::from(want_top),
            Value::from(got_top)
        ));
    }
    if let Some(files) = got["files"].as_array() {
        for f in files {
            if f["format"] != format.family() {
                bad.push(format!(
                    "  {how}: files[].format: want {}, got {}",
                    format.family(),
                    f["format"]
                ));
            }
        }
    } else {
        bad.push(format!("  {how}: no files list"));
    }
    bad
}

// --- an independent reading of Postfix logs, straight from docs/measuring.md ------------

struct Reference {
    /// sent, deferred, bounced, expired, messages_sent, notifications, filter_hops, local,
    /// probes, unparsed
    counts: [u64; 10],
    domains: BTreeMap<String, u64>,
}

fn reference_postfix(log: &[u8]) -> Reference {
    let mut c = [0u64; 10];
    let mut domains = BTreeMap::new();
    let mut notes: HashSet<Vec<u8>> = HashSet::new();
    let mut counted: HashSet<Vec<u8>> = HashSet::new();
    let lines: Vec<&[u8]> = log.split(|&b| b == b'\n').collect();
    let n = lines.len();
    for (i, l) in lines.iter().enumerate() {
        let cut_last = i + 1 == n && !l.is_empty();
        let Some(p) = find(l, b" mx1 ") else {
            if contains(l, b"status=") {
                c[9] += 1;
            }
            continue;
        };
        let rest = &l[p + 5..];
        let (Some(lb), Some(rb)) = (find(rest, b"["), find(rest, b"]: ")) else {
            continue;
        };
        let tag = &rest[..lb];
        let agent = &tag[tag.iter().rposition(|&b| b == b'/').map_or(0, |x| x + 1)..];
        let text = &rest[rb + 3..];
        let qid = &text[..find(text, b": ").unwrap_or(0)];
        if agent == b"qmgr" {
            if text.ends_with(b": removed") {
                notes.remove(qid);
                counted.remove(qid);
            } else if contains(text, b": from=<>, size=") {
                notes.insert(qid.to_vec());
            } else if text.ends_with(b", status=expired, returned to sender") {
                c[3] += 1;
            }
            continue;
        }
        let delivery = [
            &b"smtp"[..],
            b"lmtp",
            b"local",
            b"virtual",
            b"pipe",
            b"error",
            b"retry",
            b"discard",
        ]
        .contains(&agent);
        if !delivery {
            continue;
        }
        if cut_last && contains(text, b"to=<") && !contains(text, b"status=") {
            c[9] += 1;
            continue;
        }
        let Some(s) = find(text, b"status=") else {
            continue;
        };
        let word = &text[s + 7..];
        let word = &word[..word.iter().position(|&b| b == b' ').unwrap_or(word.len())];
        let to = &text[find(text, b"to=<").unwrap() + 4..];
        let to = &to[..find(to, b">").unwrap()];
        let relay = find(text, b"relay=").map(|r| &text[r + 6..]).unwrap_or(b"");
        let loopback = relay.starts_with(b"127.")
            || contains(
                &relay[..relay.iter().position(|&b| b == b',').unwrap_or(0)],
                b"[127.",
            )
            || contains(
                &relay[..relay.iter().position(|&b| b == b',').unwrap_or(0)],
                b"[::1]",
            );
        let outcome = match word {
            b"sent" => 0,
            b"deferred" | b"SOFTBOUNCE" => 1,
            b"bounced" => 2,
            b"deliverable" | b"undeliverable" => 8,
            _ => {
                c[9] += 1;
                continue;
            }
        };
        if loopback {
            c[6] += 1;
        } else if agent != b"smtp" && agent != b"error" && agent != b"retry" {
            c[7] += 1;
        } else {
            c[outcome] += 1;
            if outcome == 0 {
                let dom = &to[to.iter().rposition(|&b| b == b'@').unwrap() + 1..];
                *domains
                    .entry(String::from_utf8_lossy(dom).to_lowercase())
                    .or_insert(0) += 1;
                if notes.contains(qid) {
                    c[5] += 1;
                }
                if counted.insert(qid.to_vec()) {
                    c[4] += 1;
                }
            }
        }
    }
    Reference { counts: c, domains }
}

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

fn contains(h: &[u8], n: &[u8]) -> bool {
    find(h, n).is_some()
}

fn count_lines(log: &[u8], n: &[u8]) -> u64 {
    log.split(|&c| c == b'\n')
        .filter(|l| contains(l, n))
        .count() as u64
}

/// `status=sent` lines that are not `sent`: content-filter hops and local deliveries.
fn sent_hops_and_local(log: &[u8]) -> u64 {
    log.split(|&c| c == b'\n')
        .filter(|l| {
            contains(l, b"status=sent")
                && (contains(l, b"[127.0.0.1]:10025")
                    || contains(l, b"[::1]:10025")
                    || !contains(l, b"/smtp["))
        })
        .count() as u64
}

fn qmgr_qid(l: &[u8]) -> Option<&[u8]> {
    let p = find(l, b"/qmgr[")?;
    let s = p + find(&l[p..], b"]: ")? + 3;
    let e = s + find(&l[s..], b": ")?;
    Some(&l[s..e])
}

// --- months and growth ---------------------------------------------------------------

/// The true sent count of each calendar month, from the generator's per-day truth.
fn months_of(t: &Truth) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = Vec::new();
    for (day, (sent, _, _)) in &t.per_day {
        let month = day[..7].to_owned();
        match out.last_mut() {
            Some((m, n)) if *m == month => *n += sent,
            _ => out.push((month, *sent)),
        }
    }
    out
}

/// Five months growing 6 % a month, across New Year: each month's count is exact (a yearless
/// syslog log and a dated one alike) and the growth is found.
#[test]
fn months_are_counted_exactly_and_growth_found_across_new_year() {
    for (format, seed) in [
        (Format::Postfix(Stamp::Classic), 301),
        (Format::KumoMta, 302),
    ] {
        let o = Options {
            seed,
            messages: 12_000,
            start: (2025, 10, 15),
            days: 151,
            traps: false,
            growth_per_month: 0.06,
            host: "mx1",
            ..Options::default()
        };
        let (log, truth) = log_of(format, &o);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mail.log");
        write_file(&path, &log, &o);
        let got = measure(&[&path], None, None).unwrap();
        let months: Vec<(String, u64)> = got["per_month"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["month"].as_str().unwrap().to_owned(),
                    m["sent"].as_u64().unwrap(),
                )
            })
            .collect();
        let want = months_of(&truth);
        assert_eq!(months, want, "{}", format.name());
        let names: Vec<&str> = want.iter().map(|m| m.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"
            ],
            "{}",
            format.name()
        );
        let g = &got["growth"];
        assert_eq!(g["status"], "estimated", "{}: {g}", format.name());
        // October from the 15th and March to the 13th both cover more than a week: six months.
        assert_eq!(g["months"], 6, "{}: {g}", format.name());
        let rate = g["per_month"].as_f64().unwrap();
        // Poisson noise on about 2,000 a month moves the fitted rate by well under a point.
        assert!((rate - 0.06).abs() < 0.02, "{}: {rate}", format.name());
    }
}

/// A month of a steady log is too short for a trend, and says so.
#[test]
fn a_single_month_gives_no_growth() {
    let o = Options {
        start: (2026, 3, 2),
        days: 20,
        ..options(303, 2_000)
    };
    let (log, _) = log_of(Format::Exim, &o);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mainlog");
    write_file(&path, &log, &o);
    let got = measure(&[&path], None, None).unwrap();
    assert_eq!(got["growth"]["status"], "too_short", "{}", got["growth"]);
    assert_eq!(got["per_month"].as_array().unwrap().len(), 1);
}

/// For people: each month with its count, and the growth in words, or why there is none.
#[test]
fn the_table_lists_the_months_and_says_the_growth_or_why_not() {
    let table = |o: &Options| {
        let (log, _) = log_of(Format::Exim, o);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mainlog");
        write_file(&path, &log, o);
        let home = tempfile::tempdir().unwrap();
        let out = common::mtafit(home.path())
            .arg("measure")
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", common::stderr(&out));
        common::stdout(&out)
    };
    // Four months growing 10 % a month.
    let text = table(&Options {
        seed: 305,
        messages: 8_000,
        start: (2026, 1, 1),
        days: 120,
        traps: false,
        growth_per_month: 0.1,
        host: "mx1",
        ..Options::default()
    });
    common::has(&text, "Per month (sent)");
    for month in ["2026-01", "2026-02", "2026-03", "2026-04"] {
        common::has(&text, month);
    }
    common::has(&text, "whole month");
    common::has(&text, "a month over 4 months");
    // A 30-day log across the 1st: two half-months, listed but not read as a trend.
    let text = table(&Options {
        start: (2026, 3, 15),
        days: 30,
        ..options(306, 3_000)
    });
    common::has(&text, "2026-03");
    common::has(&text, "2026-04");
    common::has(
        &text,
        "Growth          not estimated: 2 months are covered for a week or more",
    );
    // The threshold is the real one: two mean months, not "two months" of any length.
    common::has(
        &text,
        "days between them; a trend needs two such months covering 60.9 days (two mean months) \
         or more",
    );
}

/// `--write-profile` keeps the growth beside the volume.
#[test]
fn write_profile_keeps_the_growth() {
    let o = Options {
        seed: 304,
        messages: 8_000,
        start: (2026, 1, 1),
        days: 120,
        traps: false,
        growth_per_month: 0.1,
        host: "mx1",
        ..Options::default()
    };
    let (log, _) = log_of(Format::Exim, &o);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mainlog");
    write_file(&path, &log, &o);
    let profile = dir.path().join("ours.ron");
    std::fs::write(&profile, "// ours\nProfile(team: Programming)\n").unwrap();
    let home = tempfile::tempdir().unwrap();
    let out = common::mtafit(home.path())
        .arg("measure")
        .arg(&path)
        .arg("--write-profile")
        .arg(&profile)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(
        common::stderr(&out).contains("and growth to +"),
        "{}",
        common::stderr(&out)
    );
    let text = std::fs::read_to_string(&profile).unwrap();
    let p = mtafit_model::profile::parse("ours.ron", text.as_bytes()).unwrap();
    let g = p.growth.expect("growth written");
    assert_eq!(g.months, 4, "{text}");
    assert!((g.per_month - 0.1).abs() < 0.03, "{text}");
    assert!(text.starts_with("// ours\n"), "{text}");
}
