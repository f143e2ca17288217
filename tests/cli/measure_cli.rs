//! `mtafit measure` through the real binary, on hand-written log fixtures
//! (`tests/fixtures/logs/`). Every expected number is worked out by hand from
//! `docs/measuring.md`; the comment next to it says why it is what it is.
//!
//! Conventions used in the comments:
//! * "span" is `last − first`; `monthly_volume = (sent − notifications) × 30 / days`, with a span
//!   under one hour counted as one hour, so such a file gives `(sent − notifications) × 720`.
//! * Spans of an hour or more are chosen as multiples of 0.01 day (14 min 24 s), so that the
//!   two-decimal `days` and the exact span give the same volume.
//! * Syslog fixtures carry no year: the tests pass `--year 2025` (or set the file's mtime).

use crate::common;
use crate::common::{fixture, mtafit, run, stderr, stdout};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, SystemTime};

// ------------------------------------------------------------------------------------------
// Helpers
// ------------------------------------------------------------------------------------------

/// Path of a fixture under `tests/fixtures/logs`.
fn log(name: &str) -> String {
    fixture(&format!("logs/{name}"))
}

/// `--year 2025`, for inputs with year-less syslog timestamps.
const Y2025: [&str; 2] = ["--year", "2025"];

/// Run `mtafit measure ARGS…` in a fresh configuration folder, in UTC, with no standard input.
fn measure_raw(args: &[&str]) -> Output {
    measure_stdin(args, None)
}

/// The same, with `input` on standard input when given.
fn measure_stdin(args: &[&str], input: Option<&[u8]>) -> Output {
    let home = tempfile::tempdir().expect("a temporary folder");
    let mut cmd = mtafit(home.path());
    cmd.arg("measure").args(args).env("TZ", "UTC");
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = cmd.spawn().expect("the binary runs");
    if let Some(bytes) = input {
        let mut sink = child.stdin.take().expect("a stdin pipe");
        sink.write_all(bytes).expect("stdin accepts the log");
    }
    child.wait_with_output().expect("the binary ends")
}

/// `measure ARGS… --format json`: exit 0 and one JSON object on stdout (valid UTF-8).
fn report(args: &[&str]) -> Value {
    report_of(measure_raw(&with_json(args)), args)
}

fn with_json<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut v = args.to_vec();
    v.extend(["--format", "json"]);
    v
}

fn report_of(out: Output, args: &[&str]) -> Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "measure {args:?} failed\nstderr: {}\nstdout: {}",
        stderr(&out),
        stdout(&out)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "measure {args:?}: stdout is not one JSON object in UTF-8 ({e}):\n{}",
            stdout(&out)
        )
    })
}

/// What one report must say. Fields left to `..ZERO` are 0 (or empty).
#[derive(Clone, Copy)]
struct Want<'a> {
    format: &'a str,
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
    first: &'a str,
    last: &'a str,
    days: f64,
    monthly_volume: u64,
    /// (date, sent, deferred, bounced)
    per_day: &'a [(&'a str, u64, u64, u64)],
    /// (domain, sent)
    top_domains: &'a [(&'a str, u64)],
    /// (file name the path ends with, line number, text the line contains)
    examples: &'a [(&'a str, u64, &'a str)],
}

const ZERO: Want<'static> = Want {
    format: "",
    sent: 0,
    deferred: 0,
    bounced: 0,
    expired: 0,
    messages_sent: 0,
    notifications: 0,
    filter_hops: 0,
    local: 0,
    probes: 0,
    unparsed: 0,
    first: "",
    last: "",
    days: 0.0,
    monthly_volume: 0,
    per_day: &[],
    top_domains: &[],
    examples: &[],
};

/// Compare every field and list every difference at once.
fn check(case: &str, v: &Value, w: &Want) {
    let mut bad = Vec::new();
    if !w.format.is_empty() && v["format"] != w.format {
        bad.push(format!("format: want {:?}, got {}", w.format, v["format"]));
    }
    for (key, want) in [
        ("sent", w.sent),
        ("deferred", w.deferred),
        ("bounced", w.bounced),
        ("expired", w.expired),
        ("messages_sent", w.messages_sent),
        ("notifications", w.notifications),
        ("filter_hops", w.filter_hops),
        ("local", w.local),
        ("probes", w.probes),
        ("unparsed", w.unparsed),
        ("monthly_volume", w.monthly_volume),
    ] {
        if v[key].as_u64() != Some(want) {
            bad.push(format!("{key}: want {want}, got {}", v[key]));
        }
    }
    for (key, want) in [("first", w.first), ("last", w.last)] {
        if v[key].as_str() != Some(want) {
            bad.push(format!("{key}: want {want:?}, got {}", v[key]));
        }
    }
    match v["days"].as_f64() {
        Some(d) if (d - w.days).abs() < 0.006 => {}
        _ => bad.push(format!("days: want {:.2}, got {}", w.days, v["days"])),
    }
    let per_day: Vec<(String, u64, u64, u64)> = v["per_day"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    (
                        d["date"].as_str().unwrap_or("?").to_owned(),
                        d["sent"].as_u64().unwrap_or(u64::MAX),
                        d["deferred"].as_u64().unwrap_or(u64::MAX),
                        d["bounced"].as_u64().unwrap_or(u64::MAX),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let want_days: Vec<(String, u64, u64, u64)> = w
        .per_day
        .iter()
        .map(|&(d, s, f, b)| (d.to_owned(), s, f, b))
        .collect();
    if per_day != want_days {
        bad.push(format!(
            "per_day (date, sent, deferred, bounced): want {want_days:?}, got {per_day:?}"
        ));
    }
    let top: Vec<(String, u64)> = v["top_domains"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    (
                        d["domain"].as_str().unwrap_or("?").to_owned(),
                        d["sent"].as_u64().unwrap_or(u64::MAX),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let want_top: Vec<(String, u64)> = w
        .top_domains
        .iter()
        .map(|&(d, s)| (d.to_owned(), s))
        .collect();
    if top != want_top {
        bad.push(format!("top_domains: want {want_top:?}, got {top:?}"));
    }
    let shown = v["unparsed_examples"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for &(file, line, text) in w.examples {
        let found = shown.iter().any(|e| {
            e["file"].as_str().is_some_and(|f| f.ends_with(file))
                && e["line"].as_u64() == Some(line)
                && e["text"].as_str().is_some_and(|t| t.contains(text))
        });
        if !found {
            bad.push(format!(
                "unparsed_examples: want {{file: …{file}, line: {line}, text: …{text:?}…}}, got {}",
                v["unparsed_examples"]
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "{case}: {} difference(s):\n  {}\nreport: {}",
        bad.len(),
        bad.join("\n  "),
        serde_json::to_string_pretty(v).unwrap_or_default()
    );
}

/// Copy a fixture into `dir` and give the copy the modification time `unix` (seconds).
fn copy_with_mtime(name: &str, dir: &Path, unix: u64) -> PathBuf {
    let to = dir.join(name);
    std::fs::copy(log(name), &to).expect("the fixture copies");
    set_mtime(&to, unix);
    to
}

fn set_mtime(path: &Path, unix: u64) {
    let f = std::fs::File::options()
        .write(true)
        .open(path)
        .expect("the copy opens");
    f.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(unix))
        .expect("the mtime is set");
}

/// Gzip `data` as one member.
fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// An error: exit 1, the file named on stderr, nothing on stdout.
fn assert_error_naming(out: &Output, name: &str) -> String {
    let err = stderr(out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "want exit 1 naming {name}\nstderr: {err}\nstdout: {}",
        stdout(out)
    );
    assert!(err.contains(name), "stderr does not name {name}: {err}");
    assert!(
        out.stdout.is_empty(),
        "nothing is printed on an error, got: {}",
        stdout(out)
    );
    err
}

// ------------------------------------------------------------------------------------------
// The shared expectation of postfix-classic.log (used by several tests)
// ------------------------------------------------------------------------------------------

/// postfix-classic.log with `--year 2025`.
const CLASSIC: Want<'static> = Want {
    format: "postfix",
    sent: 4, // alice, Bob (3F2A…), news (the notification 2C77…), carol (7B0E…, after its deferral)
    deferred: 1, // carol at 06:40:02
    bounced: 1, // dave at 06:41:15
    messages_sent: 3, // 3F2A81C0B4E, 2C77A1C0D05, 7B0E51C0C11 (8D1C… only bounced)
    notifications: 1, // 2C77A1C0D05 has qmgr from=<> and one sent recipient
    first: "2025-11-28T06:34:30", // alice, the first counted line (the qmgr lines before it do not count)
    last: "2025-11-28T12:34:30",  // carol's final delivery
    days: 0.25,                   // 6 hours
    monthly_volume: 360,          // (4 − 1) × 30 / 0.25
    per_day: &[("2025-11-28", 4, 1, 1)], // one day
    // Bob@Example.NET is lower-cased; example.com and example.org tie at 1, by name
    top_domains: &[("example.net", 2), ("example.com", 1), ("example.org", 1)],
    // NOQUEUE reject (to=<info@…>), smtpd/cleanup/bounce lines, repeated qmgr from= and a
    // "connect to … timed out" smtp line without status= are all ignored: everything else 0
    ..ZERO
};

// ------------------------------------------------------------------------------------------
// Postfix timestamp dialects and tags
// ------------------------------------------------------------------------------------------

#[test]
fn postfix_classic_syslog() {
    let v = report(&[&log("postfix-classic.log"), Y2025[0], Y2025[1]]);
    check("postfix-classic.log", &v, &CLASSIC);
}

#[test]
fn postfix_own_logger_with_zero_padded_days_and_a_quiet_day() {
    let v = report(&[&log("postfix-postlogd.log"), Y2025[0], Y2025[1]]);
    let w = Want {
        format: "postfix",
        sent: 2,                      // alice (Nov 08), carol (Nov 10)
        deferred: 1,                  // erin (Nov 10)
        messages_sent: 2,             // 4B7C11C0A01, 5C8D21C0A02
        first: "2025-11-08T06:34:30", // "Nov 08" read with a zero-padded day
        last: "2025-11-10T06:34:30",  // erin's deferral
        days: 2.0,                    // exactly two days
        monthly_volume: 30,           // 2 × 30 / 2
        // Nov 09 has only postlogd/smtpd lines: zero-filled
        per_day: &[
            ("2025-11-08", 1, 0, 0),
            ("2025-11-09", 0, 0, 0),
            ("2025-11-10", 1, 1, 0),
        ],
        top_domains: &[("example.net", 1), ("example.org", 1)], // tie at 1, by name
        ..ZERO // no bounce, expiry, notification, hop, local, probe or bad line
    };
    check("postfix-postlogd.log", &v, &w);
}

#[test]
fn postfix_rsyslog_rfc3339_keeps_the_local_time_and_date() {
    let v = report(&[&log("postfix-rfc3339.log")]);
    let w = Want {
        format: "postfix",
        sent: 3,                      // alice, bob, carol after her deferral
        deferred: 1,                  // carol at 06:40:02.090151+01:00
        messages_sent: 2,             // 3F2A81C0B4E, 7B0E51C0C11
        first: "2025-11-28T06:34:30", // local time as written, fraction dropped (05:34:30 in UTC)
        last: "2025-11-29T00:34:30",  // local time as written (still Nov 28 in UTC)
        days: 0.75,                   // 18 hours (plus 0.08 s of fractions)
        monthly_volume: 120,          // 3 × 30 / 0.75
        // carol's delivery is on the 29th in the log's local time (+01:00), not on the 28th (UTC)
        per_day: &[("2025-11-28", 2, 1, 0), ("2025-11-29", 1, 0, 0)],
        top_domains: &[("example.net", 2), ("example.org", 1)], // alice+bob, carol
        ..ZERO // nothing bounced, expired, hopped, local, probed or unreadable
    };
    check("postfix-rfc3339.log", &v, &w);
}

#[test]
fn postfix_journalctl_short_iso_offset_without_colon() {
    let v = report(&[&log("postfix-journal-short-iso.log")]);
    let w = Want {
        format: "postfix",
        sent: 2,                      // alice, bob
        bounced: 1,                   // dave
        messages_sent: 1,             // 3F2A81C0B4E
        first: "2025-11-28T06:34:30", // "+0000" read like "+00:00"
        last: "2025-11-28T07:46:30",  // dave's bounce (the `-- Boot … --` line is skipped)
        days: 0.05,                   // 1 h 12 min
        monthly_volume: 1200,         // 2 × 30 / 0.05
        per_day: &[("2025-11-28", 2, 0, 1)],
        top_domains: &[("example.net", 2)], // both sent recipients
        ..ZERO // no deferral, expiry, notification, hop, local, probe or bad line
    };
    check("postfix-journal-short-iso.log", &v, &w);
}

#[test]
fn postfix_journalctl_short_iso_precise() {
    let v = report(&[&log("postfix-journal-precise.log")]);
    let w = Want {
        format: "postfix",
        sent: 2,                      // alice, bob
        deferred: 1,                  // carol
        bounced: 1,                   // dave
        messages_sent: 1,             // 3F2A81C0B4E
        first: "2025-11-28T06:34:30", // microseconds dropped, "+0100" kept as local time
        last: "2025-11-28T06:41:15",  // dave
        days: 0.0,                    // 6 min 45 s
        monthly_volume: 1440,         // under an hour counts as one: 2 × 720
        per_day: &[("2025-11-28", 2, 1, 1)],
        top_domains: &[("example.net", 2)], // alice, bob
        ..ZERO                              // no expiry, notification, hop, local, probe or bad line
    };
    check("postfix-journal-precise.log", &v, &w);
}

#[test]
fn postfix_long_queue_ids_and_a_z_offset() {
    let v = report(&[&log("postfix-long-qid-utc.log")]);
    let w = Want {
        format: "postfix",
        sent: 2,                      // alice, news
        messages_sent: 2,             // 4Xq2mN2VXxznjll, 4Xq2mP0kTzz7Wb9 (long IDs, mixed case)
        notifications: 1,             // 4Xq2mP0kTzz7Wb9 has from=<>
        first: "2025-11-28T06:34:30", // "Z" read as an offset
        last: "2025-11-28T06:34:33",
        days: 0.0,
        monthly_volume: 720, // under an hour: (2 − 1) × 720
        per_day: &[("2025-11-28", 2, 0, 0)],
        top_domains: &[("example.com", 1), ("example.net", 1)],
        ..ZERO
    };
    check("postfix-long-qid-utc.log", &v, &w);
}

#[test]
fn postfix_second_instance_and_per_service_tags() {
    let v = report(&[&log("postfix-instances.log"), Y2025[0], Y2025[1]]);
    let w = Want {
        format: "postfix",
        sent: 2,                      // henry by postfix-out/smtp, ivan by postfix/relay/smtp
        deferred: 1,                  // judy by postfix-out/smtp
        filter_hops: 1,               // postfix/smtp to the second instance at 127.0.0.1:2525
        messages_sent: 2,             // 7F8E9D0C1B2 (postfix-out), 2B3C4D5E6F7 (postfix)
        first: "2025-11-28T08:00:03", // henry's real delivery; the loopback hop at 08:00:02 is not counted
        last: "2025-11-28T08:06:00",  // judy's deferral
        days: 0.0,                    // 6 min
        monthly_volume: 1440,         // under an hour: 2 × 720
        per_day: &[("2025-11-28", 2, 1, 0)],
        top_domains: &[("example.net", 1), ("example.org", 1)], // ivan, henry
        // postfix/submission/smtpd lines (a NOQUEUE reject with to=<nobody@…> among them) are
        // ignored: no bounce, expiry, notification, local, probe or bad line
        ..ZERO
    };
    check("postfix-instances.log", &v, &w);
}

#[test]
fn postfix_delivery_agents_local_filters_probes_softbounce_and_expiry() {
    let v = report(&[&log("postfix-agents.log"), Y2025[0], Y2025[1]]);
    let w = Want {
        format: "postfix",
        sent: 2,     // uma, and vic over IPv6 2001:db8::25 (not a loopback)
        deferred: 2, // rob (SOFTBOUNCE), tom (postfix/retry)
        bounced: 1,  // sam (postfix/error is not a local agent)
        expired: 1,  // qmgr 0A1B2C3D4E5 status=expired
        // local, virtual, pipe, lmtp to dovecot (sent and deferred), discard
        local: 6,
        filter_hops: 2, // lmtp to 127.0.0.1:10024 (loopback wins over lmtp), smtp to [::1]:10025
        probes: 2,      // deliverable, undeliverable
        messages_sent: 2, // 1B2C3D4E5F6, 2C3D4E5F6A7
        first: "2025-11-28T09:00:10", // rob: local/hop/probe lines before it are not counted
        last: "2025-11-28T09:00:15", // vic
        days: 0.0,      // 5 s
        monthly_volume: 1440, // under an hour: 2 × 720
        per_day: &[("2025-11-28", 2, 2, 1)],
        top_domains: &[("example.com", 1), ("example.net", 1)], // uma, vic
        ..ZERO                                                  // no notification, no bad line
    };
    check("postfix-agents.log", &v, &w);
}

#[test]
fn counts_of_one_read_in_the_singular() {
    let table = |args: &[&str]| {
        let out = measure_raw(args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    };
    // One content-filter hop (and its note), one notification, one deferral.
    let text = table(&[&log("postfix-instances.log"), Y2025[0], Y2025[1]]);
    assert!(
        text.contains("Not counted     1 content-filter hop\n"),
        "{text}"
    );
    assert!(
        text.contains("Note: 1 hand-off to this host's own loopback address"),
        "{text}"
    );
    assert!(text.contains("is not counted as sent"), "{text}");
    assert!(text.contains("1  attempt\n"), "{text}");
    let text = table(&[&log("postfix-classic.log"), Y2025[0], Y2025[1]]);
    assert!(text.contains("1  bounce notification, left out"), "{text}");
    assert!(
        text.contains("Note: 1 bounce notification (null sender) is left out"),
        "{text}"
    );
    // One line that could not be read.
    let text = table(&[&log("postfix-truncated-cut.log"), Y2025[0], Y2025[1]]);
    assert!(
        text.contains(
            "Note: 1 line looked like a delivery but could not be read; it is not counted"
        ),
        "{text}"
    );
    // One local delivery: the first line of postfix-agents.log on its own.
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one-local.log");
    let agents = std::fs::read_to_string(log("postfix-agents.log")).unwrap();
    let first = agents.lines().next().unwrap();
    assert!(first.contains("relay=local"), "{first}");
    std::fs::write(&one, format!("{first}\n")).unwrap();
    let text = table(&[one.to_str().unwrap(), Y2025[0], Y2025[1]]);
    assert!(
        text.contains("Not counted     1 local delivery\n"),
        "{text}"
    );
}

#[test]
fn postfix_content_filter_hops_are_not_counted_and_the_reinjected_copy_counts_once() {
    let v = report(&[&log("postfix-filter.log"), Y2025[0], Y2025[1]]);
    let w = Want {
        format: "postfix",
        sent: 3, // erin, frank, gina after re-injection (6A1B…, 8A2B…)
        // erin, frank, gina to 127.0.0.1:10025, and hugo's deferral at the filter
        filter_hops: 4,
        messages_sent: 2, // 6A1B21C0E90, 8A2B3C4D5E6 (the pre-filter IDs only hop)
        first: "2025-11-28T06:52:01", // erin's real delivery
        last: "2025-11-28T06:53:02", // frank and gina
        days: 0.0,        // 61 s
        monthly_volume: 2160, // under an hour: 3 × 720
        per_day: &[("2025-11-28", 3, 0, 0)],
        top_domains: &[("example.org", 2), ("example.net", 1)], // frank+gina, erin
        ..ZERO // hugo's deferral is a hop, not a deferral; nothing else
    };
    check("postfix-filter.log", &v, &w);
}

#[test]
fn status_words_in_headers_rejects_and_other_programs_are_ignored() {
    let v = report(&[&log("postfix-traps.log"), Y2025[0], Y2025[1]]);
    let w = Want {
        format: "postfix",
        sent: 1, // wendy by postfix/smtp; the cleanup "status=sent" header warning is not a delivery
        messages_sent: 1, // 2D3E4F5A6B7
        first: "2025-11-28T10:00:01",
        last: "2025-11-28T10:00:01", // the only counted line
        days: 0.0,
        monthly_volume: 720, // under an hour: 1 × 720
        per_day: &[("2025-11-28", 1, 0, 0)],
        top_domains: &[("example.org", 1)], // wendy
        // cleanup warnings quoting status=sent/status=bounced, NOQUEUE rejects with to=<…>,
        // an smtp TLS warning, systemd's "status=1/FAILURE" and dovecot: ignored, not unparsed
        ..ZERO
    };
    check("postfix-traps.log", &v, &w);
}

#[test]
fn garbled_delivery_lines_are_unparsed_and_shown_with_file_and_line() {
    let v = report(&[&log("postfix-garbled.log"), Y2025[0], Y2025[1]]);
    let w = Want {
        format: "postfix",
        sent: 1,                      // xena
        deferred: 1,                  // amy
        unparsed: 2, // line 3: to= without <…>; line 4: two lines run together, tag unreadable
        messages_sent: 1, // 3C4D5E6F7A8
        first: "2025-11-28T11:00:01", // xena
        last: "2025-11-28T11:00:03", // amy
        days: 0.0,
        monthly_volume: 720, // under an hour: 1 × 720
        per_day: &[("2025-11-28", 1, 1, 0)],
        top_domains: &[("example.net", 1)], // xena
        examples: &[
            ("postfix-garbled.log", 3, "to=yara@example.net"),
            ("postfix-garbled.log", 4, "postfix/smNov 28"),
        ],
        ..ZERO
    };
    check("postfix-garbled.log", &v, &w);
}

// ------------------------------------------------------------------------------------------
// Truncated last lines
// ------------------------------------------------------------------------------------------

fn assert_no_final_newline(name: &str) {
    let bytes = std::fs::read(log(name)).unwrap();
    assert_ne!(
        bytes.last(),
        Some(&b'\n'),
        "{name} must end without a newline (an editor added one?)"
    );
}

#[test]
fn a_complete_last_line_without_newline_counts() {
    assert_no_final_newline("postfix-truncated-complete.log");
    let v = report(&[&log("postfix-truncated-complete.log"), Y2025[0], Y2025[1]]);
    let w = Want {
        format: "postfix",
        sent: 2,          // bea, and cal on the last line with no newline
        messages_sent: 1, // 5E6F7A8B9C0
        first: "2025-11-28T12:00:01",
        last: "2025-11-28T12:00:01", // both at the same second
        days: 0.0,
        monthly_volume: 1440, // under an hour: 2 × 720
        per_day: &[("2025-11-28", 2, 0, 0)],
        top_domains: &[("example.org", 2)], // bea, cal
        ..ZERO
    };
    check("postfix-truncated-complete.log", &v, &w);
}

#[test]
fn a_last_line_cut_after_its_status_word_counts() {
    assert_no_final_newline("postfix-truncated-status.log");
    let v = report(&[&log("postfix-truncated-status.log"), Y2025[0], Y2025[1]]);
    let w = Want {
        format: "postfix",
        sent: 2,          // bea, and cal whose line ends in "status=sent (250 2.0.0 Ok: qu"
        messages_sent: 1, // 5E6F7A8B9C0
        first: "2025-11-28T12:00:01",
        last: "2025-11-28T12:00:01",
        days: 0.0,
        monthly_volume: 1440, // under an hour: 2 × 720
        per_day: &[("2025-11-28", 2, 0, 0)],
        top_domains: &[("example.org", 2)],
        ..ZERO
    };
    check("postfix-truncated-status.log", &v, &w);
}

#[test]
fn a_last_delivery_line_cut_before_status_is_unparsed() {
    assert_no_final_newline("postfix-truncated-cut.log");
    let v = report(&[&log("postfix-truncated-cut.log"), Y2025[0], Y2025[1]]);
    let w = Want {
        format: "postfix",
        sent: 1,          // bea
        unparsed: 1,      // line 3: smtp, to=<cal@…>, cut at "del" with no status= and no newline
        messages_sent: 1, // 5E6F7A8B9C0
        first: "2025-11-28T12:00:01",
        last: "2025-11-28T12:00:01", // bea only
        days: 0.0,
        monthly_volume: 720, // under an hour: 1 × 720
        per_day: &[("2025-11-28", 1, 0, 0)],
        top_domains: &[("example.org", 1)],
        examples: &[("postfix-truncated-cut.log", 3, "to=<cal@example.org>")],
        ..ZERO
    };
    check("postfix-truncated-cut.log", &v, &w);
}

// ------------------------------------------------------------------------------------------
// Years
// ------------------------------------------------------------------------------------------

/// postfix-newyear.log read with the first line in 2025.
const NEW_YEAR: Want<'static> = Want {
    format: "postfix",
    sent: 4,                      // ann (Dec 31), ben, dan, cat after her retry (Jan 1)
    deferred: 1,      // cat at Dec 31 23:59:59, logged after a Jan 1 line (out of order)
    messages_sent: 1, // 6F7A8B9C0D1
    first: "2025-12-31T23:59:58", // ann
    last: "2026-01-01T05:59:58", // cat: the year stepped up at Dec → Jan
    days: 0.25,       // 6 hours
    monthly_volume: 480, // 4 × 30 / 0.25
    // the late "Dec 31 23:59:59" line steps back to 2025, not forward to 2026-12-31
    per_day: &[("2025-12-31", 1, 1, 0), ("2026-01-01", 3, 0, 0)],
    top_domains: &[("example.net", 2), ("example.org", 2)], // ann+ben, dan+cat; tie by name
    ..ZERO
};

#[test]
fn new_year_with_the_year_given() {
    let v = report(&[&log("postfix-newyear.log"), "--year", "2025"]);
    check("postfix-newyear.log --year 2025", &v, &NEW_YEAR);
}

#[test]
fn new_year_from_the_file_modification_time() {
    let dir = tempfile::tempdir().unwrap();
    // mtime 2026-01-02 12:00 UTC: the last counted line (Jan 1) is in 2026, Dec 31 in 2025
    let p = copy_with_mtime("postfix-newyear.log", dir.path(), 1_767_355_200);
    let v = report(&[p.to_str().unwrap()]);
    check("postfix-newyear.log, mtime 2026-01-02", &v, &NEW_YEAR);
}

#[test]
fn the_year_before_the_modification_time_when_the_date_comes_after_it() {
    let dir = tempfile::tempdir().unwrap();
    // mtime 2026-03-01: "Nov 28" comes after Mar 1, so the lines are from 2025
    let p = copy_with_mtime("postfix-classic.log", dir.path(), 1_772_366_400);
    let v = report(&[p.to_str().unwrap()]);
    check("postfix-classic.log, mtime 2026-03-01", &v, &CLASSIC);

    // mtime 2026-12-15: "Nov 28" comes before it, so the lines are from 2026
    let dir = tempfile::tempdir().unwrap();
    let p = copy_with_mtime("postfix-classic.log", dir.path(), 1_797_336_000);
    let v = report(&[p.to_str().unwrap()]);
    let w = Want {
        first: "2026-11-28T06:34:30", // same line, year of the mtime
        last: "2026-11-28T12:34:30",
        per_day: &[("2026-11-28", 4, 1, 1)],
        ..CLASSIC
    };
    check("postfix-classic.log, mtime 2026-12-15", &v, &w);
}

// ------------------------------------------------------------------------------------------
// Messages, recipients, retries, expiry, notifications, queue-ID reuse, days
// ------------------------------------------------------------------------------------------

#[test]
fn one_message_with_many_recipients_and_the_top_ten_domains() {
    let v = report(&[&log("postfix-many-rcpt.log"), Y2025[0], Y2025[1]]);
    let w = Want {
        format: "postfix",
        sent: 14,         // 14 status=sent lines, one per recipient
        messages_sent: 1, // all under 7A8B9C0D1E2
        first: "2025-11-28T14:00:02",
        last: "2025-11-28T14:00:15",
        days: 0.0,
        monthly_volume: 10080, // under an hour: 14 × 720
        per_day: &[("2025-11-28", 14, 0, 0)],
        // 11 domains: example.net 3, example.org 2, then nine at 1 ordered by name
        // (Leo@C.Example.COM → c.example.com); the tenth place goes to h.example.com and
        // i.example.com is left out
        top_domains: &[
            ("example.net", 3),
            ("example.org", 2),
            ("a.example.com", 1),
            ("b.example.com", 1),
            ("c.example.com", 1),
            ("d.example.com", 1),
            ("e.example.com", 1),
            ("f.example.com", 1),
            ("g.example.com", 1),
            ("h.example.com", 1),
        ],
        ..ZERO
    };
    check("postfix-many-rcpt.log", &v, &w);
}

#[test]
fn repeated_deferrals_of_one_recipient_count_each_attempt() {
    let v = report(&[&log("postfix-retries.log"), Y2025[0], Y2025[1]]);
    let w = Want {
        format: "postfix",
        sent: 1,                      // greg, at last
        deferred: 3,                  // greg three times before
        messages_sent: 1,             // 8B9C0D1E2F3 (its qmgr from= repeats on every retry)
        first: "2025-11-28T06:00:30", // the first deferral
        last: "2025-11-28T07:12:30",  // the delivery
        days: 0.05,                   // 1 h 12 min
        monthly_volume: 600,          // 1 × 30 / 0.05
        per_day: &[("2025-11-28", 1, 3, 0)],
        top_domains: &[("example.org", 1)],
        ..ZERO
    };
    check("postfix-retries.log", &v, &w);
}

#[test]
fn expired_message_and_its_bounce_notification() {
    let v = report(&[&log("postfix-expired.log"), Y2025[0], Y2025[1]]);
    let w = Want {
        format: "postfix",
        sent: 1,                      // the notification to news@example.com
        deferred: 2,                  // carol on Nov 28 and Nov 30
        expired: 1,                   // qmgr 7B0E51C0C11 status=expired on Dec 3
        messages_sent: 1,             // 9D8C7B6A5F4
        notifications: 1,             // 9D8C7B6A5F4 has qmgr from=<>
        first: "2025-11-28T11:02:48", // the first deferral
        last: "2025-12-03T11:02:48",  // the notification's delivery
        days: 5.0,                    // exactly five days
        monthly_volume: 0,            // (1 − 1) × 30 / 5
        // every date from the first to the last, zero-filled, across the month's end
        per_day: &[
            ("2025-11-28", 0, 1, 0),
            ("2025-11-29", 0, 0, 0),
            ("2025-11-30", 0, 1, 0),
            ("2025-12-01", 0, 0, 0),
            ("2025-12-02", 0, 0, 0),
            ("2025-12-03", 1, 0, 0),
        ],
        top_domains: &[("example.com", 1)], // the notification is still a sent recipient
        ..ZERO
    };
    check("postfix-expired.log", &v, &w);
}

#[test]
fn a_queue_id_seen_again_after_removed_is_a_new_message() {
    let v = report(&[&log("postfix-qid-reuse.log"), Y2025[0], Y2025[1]]);
    let w = Want {
        format: "postfix",
        sent: 3, // ada, news, bo, all under 3A7F2C1B9D0
        // three lives of 3A7F2C1B9D0, each ended by "removed"
        messages_sent: 3,
        notifications: 1, // only the second life has from=<>; the third is news@ again
        first: "2025-11-28T13:00:01",
        last: "2025-11-28T13:40:01",
        days: 0.03,           // 40 min
        monthly_volume: 1440, // under an hour: (3 − 1) × 720
        per_day: &[("2025-11-28", 3, 0, 0)],
        top_domains: &[("example.com", 1), ("example.net", 1), ("example.org", 1)],
        ..ZERO
    };
    check("postfix-qid-reuse.log", &v, &w);
}

/// postfix-week.log (space-padded "Dec  1" … "Dec  7") with `--year 2025`.
const WEEK: Want<'static> = Want {
    format: "postfix",
    sent: 13,          // 1 + 2 + 0 + 4 + 3 + 1 + 2
    deferred: 1,       // pia on Dec 2
    bounced: 1,        // rex on Dec 5
    messages_sent: 13, // one queue ID per recipient
    first: "2025-12-01T09:00:00",
    last: "2025-12-07T09:00:00",
    days: 6.0,          // exactly six days
    monthly_volume: 65, // 13 × 30 / 6
    per_day: &[
        ("2025-12-01", 1, 0, 0),
        ("2025-12-02", 2, 1, 0),
        ("2025-12-03", 0, 0, 0), // only smtpd lines that day
        ("2025-12-04", 4, 0, 0), // the peak
        ("2025-12-05", 3, 0, 1),
        ("2025-12-06", 1, 0, 0),
        ("2025-12-07", 2, 0, 0),
    ],
    top_domains: &[("example.net", 6), ("example.org", 4), ("example.com", 3)],
    ..ZERO
};

#[test]
fn a_week_with_space_padded_days() {
    let v = report(&[&log("postfix-week.log"), Y2025[0], Y2025[1]]);
    check("postfix-week.log", &v, &WEEK);
}

// ------------------------------------------------------------------------------------------
// Exim
// ------------------------------------------------------------------------------------------

const EXIM_MAIN: Want<'static> = Want {
    format: "exim",
    sent: 5,     // => erin (16-char ID), => alice, -> bob, => news (notification), => carol
    deferred: 1, // == carol
    bounced: 1,  // ** dave
    messages_sent: 3, // 1tQ1xY-0004Xy-Lk, 1tQ2aB-00000000XyZ-3AbC, 1tQ2cD-00000000Ab1-7XyZ
    notifications: 1, // 1tQ2cD… arrived as "<= <>"
    first: "2025-11-28T06:04:30", // erin
    last: "2025-11-28T07:16:30", // carol
    days: 0.05,  // 1 h 12 min
    monthly_volume: 2400, // (5 − 1) × 30 / 0.05
    per_day: &[("2025-11-28", 5, 1, 1)],
    // *> frank (suppressed) is not counted; example.net and example.org tie at 2, by name
    top_domains: &[("example.net", 2), ("example.org", 2), ("example.com", 1)],
    ..ZERO
};

#[test]
fn exim_main_log_with_old_and_new_message_ids() {
    let v = report(&[&log("exim-main.log")]);
    check("exim-main.log", &v, &EXIM_MAIN);
}

#[test]
fn exim_through_a_syslog_prefix() {
    let v = report(&[&log("exim-syslog.log")]);
    let w = Want {
        format: "exim",
        sent: 2,          // => alice, -> bob
        deferred: 1,      // == carol
        messages_sent: 1, // 1tQ2aB-00000000XyZ-3AbC
        // Exim's own timestamp carries the year, whatever the file's mtime
        first: "2025-11-28T06:34:31",
        last: "2025-11-28T06:40:02",
        days: 0.0,
        monthly_volume: 1440, // under an hour: 2 × 720
        per_day: &[("2025-11-28", 2, 1, 0)],
        top_domains: &[("example.net", 2)],
        ..ZERO
    };
    check("exim-syslog.log", &v, &w);
}

#[test]
fn exim_with_milliseconds_zone_and_an_unreadable_id() {
    let v = report(&[&log("exim-zone.log")]);
    let w = Want {
        format: "exim",
        sent: 2,                      // => alice, -> bob
        bounced: 1,                   // ** yan
        unparsed: 1,                  // line 4: "=>" with the ID "1tQ2a"
        messages_sent: 1,             // 1tQ2aB-00000000XyZ-3AbC
        first: "2025-11-28T06:34:31", // ".020 +0100" dropped, local time kept
        last: "2025-11-29T00:34:31",  // local time (23:34:31 on the 28th in UTC)
        days: 0.75,                   // 18 hours
        monthly_volume: 80,           // 2 × 30 / 0.75
        per_day: &[("2025-11-28", 2, 0, 0), ("2025-11-29", 0, 0, 1)],
        top_domains: &[("example.net", 2)],
        examples: &[("exim-zone.log", 4, "1tQ2a => zoe@example.net")],
        ..ZERO
    };
    check("exim-zone.log", &v, &w);
}

#[test]
fn exim_flag_lines_that_cannot_be_read_are_unparsed() {
    let v = report(&[&log("exim-broken.log")]);
    let w = Want {
        format: "exim",
        sent: 1,     // => alice
        deferred: 1, // == carol
        // line 3: date "2025-11-2"; line 4: "==" and the line ends; line 5: "** " and nothing after
        unparsed: 3,
        messages_sent: 1, // 1tQ4gH-00000000Ef3-9StU
        first: "2025-11-28T08:00:02",
        last: "2025-11-28T08:00:06",
        days: 0.0,
        monthly_volume: 720, // under an hour: 1 × 720
        per_day: &[("2025-11-28", 1, 1, 0)],
        top_domains: &[("example.net", 1)],
        examples: &[
            ("exim-broken.log", 3, "2025-11-2 08:00:03"),
            ("exim-broken.log", 4, "1tQ4gH-00000000Ef3-9StU =="),
            ("exim-broken.log", 5, "1tQ4gH-00000000Ef3-9StU **"),
        ],
        ..ZERO
    };
    check("exim-broken.log", &v, &w);
}

#[test]
fn log_format_exim_forces_the_format() {
    let v = report(&[&log("exim-main.log"), "--log-format", "exim"]);
    check("exim-main.log --log-format exim", &v, &EXIM_MAIN);
    let v = report(&[&log("exim-syslog.log"), "--log-format", "exim"]);
    assert_eq!(v["format"], "exim");
    assert_eq!(v["sent"], 2, "=> alice, -> bob");
    assert_eq!(v["deferred"], 1, "== carol");
}

// ------------------------------------------------------------------------------------------
// Sendmail, KumoMTA, PowerMTA
// ------------------------------------------------------------------------------------------

#[test]
fn sendmail_recipient_lists_local_mailers_and_notifications() {
    let v = report(&[&log("sendmail.log"), Y2025[0], Y2025[1]]);
    let w = Want {
        format: "sendmail",
        // alice+bob (one line), "Smith, John" (one address), news (DSN), mike, carol+carl
        sent: 7,
        deferred: 2, // carol and carl on one Deferred line
        bounced: 2,  // dave (User unknown), nora (Service unavailable)
        local: 2,    // mailer=local (root), mailer=prog (|/usr/local/bin/ticket)
        unparsed: 1, // line 17: stat=Sent with no queue ID
        // 5ASBYTa1004410, 5ASBfFa6004431, 5ASBaTa3004418 (mike's stat=queued is no outcome)
        messages_sent: 3,
        notifications: 1,             // 5ASBfFa6004431 has from=<>
        first: "2025-11-28T06:34:31", // alice+bob
        last: "2025-11-28T07:46:31",  // carol+carl delivered
        days: 0.05,                   // 1 h 12 min
        monthly_volume: 3600,         // (7 − 1) × 30 / 0.05
        per_day: &[("2025-11-28", 7, 2, 2)],
        // john, carol, carl; news, mike; alice, bob (ties by name)
        top_domains: &[("example.org", 3), ("example.com", 2), ("example.net", 2)],
        examples: &[("sendmail.log", 17, "to=<olive@example.net>")],
        ..ZERO
    };
    check("sendmail.log", &v, &w);
}

#[test]
fn kumomta_json_records() {
    let v = report(&[&log("kumomta.jsonl")]);
    let w = Want {
        format: "kumomta",
        sent: 4,                      // Delivery: alice, bob, news (sender ""), carol
        deferred: 2,                  // TransientFailure: carol twice
        bounced: 2,                   // Bounce dave, AdminBounce erin
        expired: 1,                   // Expiration frank
        unparsed: 1,                  // line 10: a record cut in the middle
        messages_sent: 4,             // one recipient per KumoMTA message: = sent
        notifications: 1,             // the Delivery with sender ""
        first: "2025-11-28T06:34:31", // 1764311671 in UTC
        last: "2025-11-28T07:46:31",  // 1764315991 (the Expiration)
        days: 0.05,                   // 1 h 12 min
        monthly_volume: 1800,         // (4 − 1) × 30 / 0.05
        per_day: &[("2025-11-28", 4, 2, 2)],
        // Reception and Rejection records are no outcome
        top_domains: &[("example.net", 2), ("example.com", 1), ("example.org", 1)],
        examples: &[("kumomta.jsonl", 10, "gus@exa")],
        ..ZERO
    };
    check("kumomta.jsonl", &v, &w);
}

#[test]
fn powermta_accounting_csv() {
    let v = report(&[&log("powermta.csv")]);
    let w = Want {
        format: "powermta",
        sent: 4,          // d: alice, "bob" (quoted), news (orig empty), carol (Unix seconds)
        deferred: 1,      // t carol (tq is no outcome)
        bounced: 2,       // b dave (quoted dsnDiag with commas and ""), rb erin
        unparsed: 1,      // line 9: d with timeLogged "not-a-time"
        messages_sent: 4, // no message id in the file: = sent
        notifications: 1, // the d record with an empty orig
        first: "2025-11-28T06:34:31",
        last: "2025-11-28T07:46:31", // 1764315991
        days: 0.05,
        monthly_volume: 1800, // (4 − 1) × 30 / 0.05
        per_day: &[("2025-11-28", 4, 1, 2)],
        // the r record and the repeated header line are skipped
        top_domains: &[("example.net", 2), ("example.com", 1), ("example.org", 1)],
        examples: &[("powermta.csv", 9, "not-a-time")],
        ..ZERO
    };
    check("powermta.csv", &v, &w);
    let notes = v["notes"].to_string().to_lowercase();
    assert!(
        notes.contains("message"),
        "the notes say messages_sent = sent for PowerMTA: {notes}"
    );
}

// ------------------------------------------------------------------------------------------
// Bytes: encodings, long lines, compression, standard input
// ------------------------------------------------------------------------------------------

#[test]
fn non_utf8_bytes_are_read_as_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("latin1.log");
    let mut b: Vec<u8> = Vec::new();
    b.extend_from_slice(b"Nov 28 15:00:00 mx1 postfix/cleanup[9801]: 0D1E2F3A4B5: warning: header Subject: R\xe9sum\xe9 status=sent from app01.example.com[192.0.2.11]; from=<news@example.com> to=<j\xe9r\xf4me@example.net> proto=ESMTP helo=<app01.example.com>\n");
    b.extend_from_slice(b"Nov 28 15:00:00 mx1 postfix/qmgr[1042]: 0D1E2F3A4B5: from=<news@example.com>, size=2048, nrcpt=2 (queue active)\n");
    b.extend_from_slice(b"Nov 28 15:00:01 mx1 postfix/smtp[9802]: 0D1E2F3A4B5: to=<j\xe9r\xf4me@example.net>, relay=mx.example.net[198.51.100.25]:25, delay=0.5, delays=0.01/0/0.2/0.29, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 0E1F2A3B4C)\n");
    b.extend_from_slice(b"Nov 28 15:00:02 mx1 postfix/smtp[9802]: 0D1E2F3A4B5: to=<zo\xeb@example.org>, relay=mail.example.org[203.0.113.7]:25, delay=0.5, delays=0.01/0/0.2/0.29, dsn=5.1.1, status=bounced (host mail.example.org[203.0.113.7] said: 550 5.1.1 <zo\xeb@example.org>: \xff\xfe unknown user (in reply to RCPT TO command))\n");
    b.extend_from_slice("Nov 28 15:00:03 mx1 postfix/smtp[9803]: 1E2F3A4B5C6: to=<élodie@example.net>, relay=mx.example.net[198.51.100.25]:25, delay=0.5, delays=0.01/0/0.2/0.29, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 1F2A3B4C5D)\n".as_bytes());
    b.extend_from_slice(b"Nov 28 15:00:04 mx1 postfix/smtp[9804]: 2F3A4B5C6D7: to=\xe9mile@example.net, relay=mx.example.net[198.51.100.25]:25, delay=0.5, delays=0.01/0/0.2/0.29, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 2A3B4C5D6E)\n");
    std::fs::write(&p, &b).unwrap();
    let v = report(&[p.to_str().unwrap(), Y2025[0], Y2025[1]]);
    let w = Want {
        format: "postfix",
        sent: 2,          // j\xe9r\xf4me (Latin-1), élodie (UTF-8)
        bounced: 1,       // zo\xeb, with \xff\xfe in the reply text
        unparsed: 1,      // line 6: to= without <…> (and a Latin-1 byte)
        messages_sent: 2, // 0D1E2F3A4B5, 1E2F3A4B5C6
        first: "2025-11-28T15:00:01",
        last: "2025-11-28T15:00:03", // the unparsed line does not count
        days: 0.0,
        monthly_volume: 1440, // under an hour: 2 × 720
        per_day: &[("2025-11-28", 2, 0, 1)],
        top_domains: &[("example.net", 2)],
        // shown (lossily) in valid UTF-8 JSON
        examples: &[("latin1.log", 6, "mile@example.net")],
        ..ZERO // the cleanup header warning quoting status=sent is ignored
    };
    check("latin1.log", &v, &w);
}

#[test]
fn very_long_lines_are_read_and_long_junk_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("long.log");
    let q = "3B4C5D6E7F8";
    let mut b: Vec<u8> = Vec::new();
    let mut line = |s: &[u8]| {
        b.extend_from_slice(s);
        b.push(b'\n');
    };
    line(format!("Nov 28 16:00:00 mx1 postfix/qmgr[1042]: {q}: from=<news@example.com>, size=2048, nrcpt=4 (queue active)").as_bytes());
    line(format!("Nov 28 16:00:00 mx1 postfix/smtp[9901]: {q}: to=<ann@example.net>, relay=mx.example.net[198.51.100.25]:25, delay=0.5, delays=0.01/0/0.2/0.29, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4C5D6E7F80)").as_bytes());
    // 70 000-byte reply text: a delivery, counted
    line(format!("Nov 28 16:00:01 mx1 postfix/smtp[9901]: {q}: to=<bo@example.net>, relay=mx.example.net[198.51.100.25]:25, delay=0.5, delays=0.01/0/0.2/0.29, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 5D6E7F8091 {})", "x".repeat(70_000)).as_bytes());
    // 70 000-byte header warning quoting status=sent at its end: junk for counting
    line(format!("Nov 28 16:00:01 mx1 postfix/cleanup[9902]: {q}: warning: header X-Junk: {} status=sent (250 ok) from app01.example.com[192.0.2.11]; from=<news@example.com> to=<ann@example.net> proto=ESMTP helo=<app01.example.com>", "j".repeat(70_000)).as_bytes());
    // 70 000 bytes of nothing at all
    line(&[b'Z'; 70_000]);
    // 1.5 MiB: the status is in the first MiB, the rest of the line is padding
    line(format!("Nov 28 16:00:02 mx1 postfix/smtp[9903]: {q}: to=<cy@example.org>, relay=mail.example.org[203.0.113.7]:25, delay=0.5, delays=0.01/0/0.2/0.29, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 6E7F8091A2 {})", "y".repeat(1_572_864)).as_bytes());
    line(format!("Nov 28 16:00:03 mx1 postfix/smtp[9904]: {q}: to=<dee@example.org>, relay=none, delay=30, delays=0.01/0/30/0, dsn=4.4.1, status=deferred (connect to mail.example.org[203.0.113.7]:25: Connection timed out)").as_bytes());
    std::fs::write(&p, &b).unwrap();
    let v = report(&[p.to_str().unwrap(), Y2025[0], Y2025[1]]);
    let w = Want {
        format: "postfix",
        sent: 3,          // ann, bo (70 kB line), cy (1.5 MiB line)
        deferred: 1,      // dee, right after the 1.5 MiB line
        messages_sent: 1, // all under 3B4C5D6E7F8
        first: "2025-11-28T16:00:00",
        last: "2025-11-28T16:00:03",
        days: 0.0,
        monthly_volume: 2160, // under an hour: 3 × 720
        per_day: &[("2025-11-28", 3, 1, 0)],
        top_domains: &[("example.net", 2), ("example.org", 1)], // ann+bo, cy
        ..ZERO // the long cleanup warning and the long junk line are ignored
    };
    check("long.log", &v, &w);
}

#[test]
fn gzip_input_one_member_and_several() {
    let plain = std::fs::read(log("postfix-classic.log")).unwrap();
    let dir = tempfile::tempdir().unwrap();

    let one = dir.path().join("mail.log.2.gz");
    std::fs::write(&one, gzip(&plain)).unwrap();
    let v = report(&[one.to_str().unwrap(), Y2025[0], Y2025[1]]);
    check("mail.log.2.gz (one member)", &v, &CLASSIC);

    // Two members cut at a line boundary, as `cat a.gz b.gz` makes them.
    let cut = plain
        .iter()
        .enumerate()
        .filter(|&(_, &c)| c == b'\n')
        .nth(11)
        .map(|(i, _)| i + 1)
        .unwrap();
    let mut two = gzip(&plain[..cut]);
    two.extend(gzip(&plain[cut..]));
    let multi = dir.path().join("mail.log.3.gz");
    std::fs::write(&multi, two).unwrap();
    let v = report(&[multi.to_str().unwrap(), Y2025[0], Y2025[1]]);
    check("mail.log.3.gz (two members)", &v, &CLASSIC);
}

#[test]
fn standard_input_as_dash_and_by_default() {
    let plain = std::fs::read(log("postfix-classic.log")).unwrap();
    let args = with_json(&["-", Y2025[0], Y2025[1]]);
    let v = report_of(measure_stdin(&args, Some(&plain)), &args);
    check("- (stdin)", &v, &CLASSIC);

    let args = with_json(&[Y2025[0], Y2025[1]]);
    let v = report_of(measure_stdin(&args, Some(&plain)), &args);
    check("no FILE (stdin)", &v, &CLASSIC);
}

/// The civil year of a Unix time (UTC), after Howard Hinnant's `civil_from_days`.
fn year_of(unix: u64) -> i64 {
    let z = (unix / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    yoe + era * 400 + i64::from(month <= 2)
}

#[test]
fn standard_input_takes_the_year_of_now() {
    // "Jan  1 00:00:01" never comes after today, so it is in the current year.
    let line = b"Jan  1 00:00:01 mx1 postfix/smtp[9950]: 4A5B6C7D8E9: to=<ann@example.net>, relay=mx.example.net[198.51.100.25]:25, delay=0.5, delays=0.01/0/0.2/0.29, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n";
    let args = with_json(&["-"]);
    let v = report_of(measure_stdin(&args, Some(line)), &args);
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let year = year_of(now);
    assert_eq!(v["first"], format!("{year}-01-01T00:00:01"), "{v}");
    assert_eq!(v["sent"], 1);
}

// ------------------------------------------------------------------------------------------
// Several inputs, empty inputs, wrong inputs
// ------------------------------------------------------------------------------------------

#[test]
fn several_inputs_are_merged_into_one_report() {
    // KumoMTA first, although postfix-classic.log starts one second earlier
    let kumo = log("kumomta.jsonl");
    let classic = log("postfix-classic.log");
    let v = report(&[&kumo, &classic, Y2025[0], Y2025[1]]);
    let w = Want {
        format: "",
        sent: 8,                      // 4 (kumomta) + 4 (postfix)
        deferred: 3,                  // 2 + 1
        bounced: 3,                   // 2 + 1
        expired: 1,                   // 1 + 0
        unparsed: 1,                  // 1 + 0
        messages_sent: 7,             // 4 + 3
        notifications: 2,             // 1 + 1
        first: "2025-11-28T06:34:30", // the earliest counted line (postfix alice), not the first file's
        last: "2025-11-28T12:34:30",  // the latest (postfix carol)
        days: 0.25,                   // 6 hours
        monthly_volume: 720,          // (8 − 2) × 30 / 0.25
        per_day: &[("2025-11-28", 8, 3, 3)],
        top_domains: &[("example.net", 4), ("example.com", 2), ("example.org", 2)],
        ..ZERO
    };
    check("kumomta.jsonl + postfix-classic.log", &v, &w);
    // Listed in any order (the binary may order them by content time), each with its format.
    let files = v["files"].as_array().expect("files");
    assert_eq!(files.len(), 2, "{}", v["files"]);
    for (path, format) in [(&kumo, "kumomta"), (&classic, "postfix")] {
        assert!(
            files
                .iter()
                .any(|f| f["path"] == path.as_str() && f["format"] == format),
            "{path} as {format} in {}",
            v["files"]
        );
    }
}

#[test]
fn a_message_split_across_rotated_files_is_one_message() {
    // postfix-classic.log cut after its line 19 (qmgr from=<> of 2C77A1C0D05), so the
    // notification's sender is in mail.log.1 and its delivery in mail.log
    let plain = std::fs::read(log("postfix-classic.log")).unwrap();
    let cut = plain
        .iter()
        .enumerate()
        .filter(|&(_, &c)| c == b'\n')
        .nth(18)
        .map(|(i, _)| i + 1)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (older, newer) = (dir.path().join("mail.log.1"), dir.path().join("mail.log"));
    std::fs::write(&older, &plain[..cut]).unwrap();
    std::fs::write(&newer, &plain[cut..]).unwrap();
    // mtimes as logrotate leaves them: each file was last written at its last line
    set_mtime(&older, 1_764_312_077); // 2025-11-28 06:41:17 UTC
    set_mtime(&newer, 1_764_333_270); // 2025-11-28 12:34:30 UTC
    let (older, newer) = (older.to_str().unwrap(), newer.to_str().unwrap());
    // Named oldest first or newest first (as `mail.log*` expands): the same report as the
    // whole file
    let v = report(&[older, newer, "--year", "2025"]);
    check("mail.log.1 mail.log", &v, &CLASSIC);
    let v = report(&[newer, older, "--year", "2025"]);
    check("mail.log mail.log.1", &v, &CLASSIC);
}

#[test]
fn a_truncated_last_line_is_judged_per_input() {
    // The cut line 3 stays unparsed when another input follows it; it is not glued to that
    // input's first line.
    let v = report(&[
        &log("postfix-truncated-cut.log"),
        &log("postfix-classic.log"),
        "--year",
        "2025",
    ]);
    let w = Want {
        sent: 5,          // bea + classic's 4
        unparsed: 1,      // cal's cut line
        messages_sent: 4, // 5E6F7A8B9C0 + classic's 3
        first: "2025-11-28T06:34:30",
        last: "2025-11-28T12:34:30",
        days: 0.25,
        monthly_volume: 480, // (5 − 1) × 30 / 0.25
        per_day: &[("2025-11-28", 5, 1, 1)],
        // bea + carol and alice + Bob tie at 2, by name
        top_domains: &[("example.net", 2), ("example.org", 2), ("example.com", 1)],
        examples: &[("postfix-truncated-cut.log", 3, "to=<cal@example.org>")],
        ..CLASSIC
    };
    check("postfix-truncated-cut.log + postfix-classic.log", &v, &w);

    // The same through gzip and through standard input.
    let cut = std::fs::read(log("postfix-truncated-cut.log")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("cut.log.gz");
    std::fs::write(&gz, gzip(&cut)).unwrap();
    let v = report(&[gz.to_str().unwrap(), "--year", "2025"]);
    assert_eq!(
        (v["sent"].as_u64(), v["unparsed"].as_u64()),
        (Some(1), Some(1)),
        "{v}"
    );
    let args = with_json(&["-", "--year", "2025"]);
    let v = report_of(measure_stdin(&args, Some(&cut)), &args);
    assert_eq!(
        (v["sent"].as_u64(), v["unparsed"].as_u64()),
        (Some(1), Some(1)),
        "{v}"
    );
}

#[test]
fn an_empty_input_alone_is_an_error_naming_it() {
    let out = measure_raw(&with_json(&[&log("empty.log")]));
    let err = assert_error_naming(&out, "empty.log");
    assert!(err.to_lowercase().contains("empty"), "{err}");
}

#[test]
fn an_empty_input_next_to_a_good_one_is_skipped_with_a_warning() {
    let (empty, classic) = (log("empty.log"), log("postfix-classic.log"));
    let args = with_json(&[&empty, &classic, "--year", "2025"]);
    let out = measure_raw(&args);
    let err = stderr(&out);
    let v = report_of(out, &args);
    assert!(
        err.contains("empty.log"),
        "the warning names the file: {err}"
    );
    assert!(err.to_lowercase().contains("empty"), "{err}");
    check("empty.log + postfix-classic.log", &v, &CLASSIC);
}

#[test]
fn inputs_in_no_known_format_are_errors_that_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("picture.png");
    std::fs::write(
        &png,
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa\0\0\0\x0cIDATx\x9cc\xf8\x0f\x00\x01\x01\x01\x00\x18\xdd\x8d\xb4\0\0\0\0IEND\xaeB`\x82",
    )
    .unwrap();
    for path in [
        log("nginx-access.log"),
        log("products.csv"),
        log("app.jsonl"),
        png.to_str().unwrap().to_owned(),
    ] {
        let name = Path::new(&path).file_name().unwrap().to_str().unwrap();
        let out = measure_raw(&with_json(&[&path]));
        let err = assert_error_naming(&out, name);
        // What was expected: the formats mtafit reads, by name.
        let lower = err.to_lowercase();
        for format in ["postfix", "exim", "sendmail", "kumomta", "powermta"] {
            assert!(
                lower.contains(format),
                "{name}: stderr says what was expected ({format}): {err}"
            );
        }
    }
    // One bad input among good ones is still an error.
    let out = measure_raw(&with_json(&[
        &log("postfix-classic.log"),
        &log("nginx-access.log"),
        "--year",
        "2025",
    ]));
    assert_error_naming(&out, "nginx-access.log");
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let out = measure_raw(&with_json(&[&log("no-such-file.log")]));
    assert_error_naming(&out, "no-such-file.log");
}

// ------------------------------------------------------------------------------------------
// The report's shape and the table
// ------------------------------------------------------------------------------------------

#[test]
fn the_json_report_has_every_field() {
    let path = log("postfix-week.log");
    let v = report(&[&path, Y2025[0], Y2025[1]]);
    for key in [
        "format",
        "files",
        "first",
        "last",
        "days",
        "sent",
        "deferred",
        "bounced",
        "expired",
        "messages_sent",
        "notifications",
        "filter_hops",
        "local",
        "probes",
        "unparsed",
        "unparsed_examples",
        "monthly_volume",
        "reading",
        "per_day",
        "top_domains",
        "notes",
    ] {
        assert!(v.get(key).is_some(), "missing {key:?} in {v}");
    }
    let files = v["files"].as_array().expect("files is a list");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["path"], path.as_str());
    assert_eq!(files[0]["format"], "postfix");
    let size = std::fs::metadata(&path).unwrap().len();
    assert_eq!(files[0]["bytes"].as_u64(), Some(size));
    assert!(
        v["unparsed_examples"]
            .as_array()
            .is_some_and(|a| a.is_empty())
    );
    assert!(v["notes"].is_array());
    let reading = v["reading"].as_str().expect("reading is text");
    assert!(
        reading.contains("below"),
        "65/month is below ~10M: {reading}"
    );
}

/// The ways a volume may be written in the table: 14400000, 14,400,000 or 14.4M.
fn volume_shown(text: &str, n: u64) -> bool {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    text.contains(&digits)
        || text.contains(&grouped)
        || text.contains(&mtafit_model::units::volume(n))
}

#[test]
fn the_table_shows_volume_peak_day_sparkline_and_reading() {
    let out = measure_raw(&[
        &log("postfix-week.log"),
        "--year",
        "2025",
        "--format",
        "table",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(volume_shown(&text, 65), "monthly volume 65: {text}");
    assert!(
        text.contains("2025-12-04"),
        "peak day Dec 4 (4 sent): {text}"
    );
    assert!(
        text.chars().any(|c| ('▁'..='█').contains(&c)),
        "a sparkline row: {text}"
    );
    assert!(
        text.contains("below"),
        "65/month is below the ~10M line: {text}"
    );
    assert!(!text.contains('{'), "a table, not JSON: {text}");
}

#[test]
fn a_volume_above_ten_million_reads_above() {
    // 20 000 deliveries within one minute: 20 000 × 720 = 14 400 000 a month
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("busy.log");
    let mut b = String::with_capacity(20_000 * 230);
    for i in 0..20_000u32 {
        b.push_str(&format!(
            "Nov 28 10:00:{:02} mx1 postfix/smtp[{}]: {:011X}: to=<u{i}@example.net>, relay=mx.example.net[198.51.100.25]:25, delay=0.5, delays=0.01/0/0.2/0.29, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n",
            i / 400,
            10_000 + i % 50,
            0xA000_0000u64 + u64::from(i),
        ));
    }
    std::fs::write(&p, b).unwrap();
    let path = p.to_str().unwrap();
    let v = report(&[path, "--year", "2025"]);
    assert_eq!(v["sent"], 20_000);
    assert_eq!(v["messages_sent"], 20_000, "one queue ID per line");
    assert_eq!(
        v["monthly_volume"], 14_400_000,
        "under an hour: 20 000 × 720"
    );
    let reading = v["reading"].as_str().unwrap_or_default();
    assert!(reading.contains("above"), "14.4M is above ~10M: {reading}");

    let out = measure_raw(&[path, "--year", "2025", "--format", "table"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(volume_shown(&text, 14_400_000), "{text}");
    assert!(text.contains("above"), "{text}");
}

// ------------------------------------------------------------------------------------------
// --write-profile
// ------------------------------------------------------------------------------------------

/// `rank --profile P --format json`: the loaded profile.
fn ranked_profile(p: &Path) -> Value {
    let out = run(&["rank", "--profile", p.to_str().unwrap(), "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "rank loads {}: {}",
        p.display(),
        stderr(&out)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("rank prints JSON");
    v["profile"].clone()
}

/// Measure postfix-classic.log (360/month) into the profile `p`.
fn write_profile(p: &Path) -> Output {
    measure_raw(&[
        &log("postfix-classic.log"),
        "--year",
        "2025",
        "--format",
        "json",
        "--write-profile",
        p.to_str().unwrap(),
    ])
}

#[test]
fn write_profile_creates_a_new_profile() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("sender.ron");
    let out = write_profile(&p);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&p).expect("the profile is written");
    assert!(text.contains("monthly_volume: 360"), "{text}");
    assert_eq!(ranked_profile(&p)["monthly_volume"], 360);
}

#[test]
fn write_profile_says_when_it_clears_a_growth_and_why() {
    // A growth measured earlier; this log is too short for one, so it no longer holds.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("sender.ron");
    std::fs::write(
        &p,
        "Profile(monthly_volume: 5, growth: Some((per_month: 0.0612, months: 5)))\n",
    )
    .unwrap();
    let out = write_profile(&p);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "set monthly_volume to 360 in {}; cleared its growth of +6.1 % a month over 5 \
             months, since this measurement shows none (not estimated:",
            p.display()
        )),
        "{err}"
    );
    assert!(
        err.contains("a trend needs two such months covering 60.9 days (two mean months) or more"),
        "{err}"
    );
    assert!(err.contains(" 0.0 days between them"), "no -0.0: {err}");
    let after = std::fs::read_to_string(&p).unwrap();
    assert!(after.contains("growth: None"), "{after}");
    // Without a growth to clear, nothing is said about one.
    let out = write_profile(&p);
    let err = stderr(&out);
    assert!(!err.contains("growth"), "{err}");
}

#[test]
fn write_profile_replaces_only_the_volume_of_an_existing_profile() {
    let before = "// Our sender profile, kept in git.\n\
                  Profile(\n    \
                      own_infrastructure: true,\n    \
                      team: ConfigAsCode, // we write Ansible\n    \
                      monthly_volume: 5, // measured with mtafit\n    \
                      annual_budget_usd: Some(20000.0),\n    \
                      hourly_rate_usd: 95.0,\n\
                  )\n";
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("sender.ron");
    std::fs::write(&p, before).unwrap();
    let out = write_profile(&p);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = std::fs::read_to_string(&p).unwrap();
    assert_eq!(
        after,
        before.replace("monthly_volume: 5,", "monthly_volume: 360,"),
        "every other byte is kept"
    );
    let profile = ranked_profile(&p);
    assert_eq!(profile["monthly_volume"], 360);
    assert_eq!(profile["team"], "ConfigAsCode");
    assert_eq!(profile["hourly_rate_usd"], 95.0);
}

#[test]
fn write_profile_replaces_a_volume_written_as_text() {
    let before = "Profile(\n    monthly_volume: \"7.4M\", // from the brief\n    team: Api,\n)\n";
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("sender.ron");
    std::fs::write(&p, before).unwrap();
    let out = write_profile(&p);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = std::fs::read_to_string(&p).unwrap();
    assert_eq!(
        after,
        before.replace("\"7.4M\"", "360"),
        "only the value changes"
    );
    let profile = ranked_profile(&p);
    assert_eq!(profile["monthly_volume"], 360);
    assert_eq!(profile["team"], "Api");
}

#[test]
fn write_profile_adds_the_volume_to_a_profile_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("sender.ron");
    std::fs::write(
        &p,
        "// no volume yet\nProfile(team: Api, cloud_native: true)\n",
    )
    .unwrap();
    let out = write_profile(&p);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = std::fs::read_to_string(&p).unwrap();
    assert!(after.contains("monthly_volume: 360"), "{after}");
    assert!(after.contains("// no volume yet"), "{after}");
    let profile = ranked_profile(&p);
    assert_eq!(profile["monthly_volume"], 360);
    assert_eq!(profile["team"], "Api");
    assert_eq!(profile["cloud_native"], true);
}

#[test]
fn write_profile_into_a_missing_folder_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("missing-dir");
    let p = folder.join("sender.ron");
    let out = write_profile(&p);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stderr(&out).contains("missing-dir"), "{}", stderr(&out));
    assert!(!folder.exists(), "no folder is created");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing is written"
    );
}

#[test]
fn write_profile_is_not_touched_when_an_input_is_bad() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("sender.ron");
    let before = "Profile(monthly_volume: 5)\n";
    std::fs::write(&p, before).unwrap();
    let out = measure_raw(&[
        &log("nginx-access.log"),
        "--format",
        "json",
        "--write-profile",
        p.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), before);
}

// ------------------------------------------------------------------------------------------
// Found in review
// ------------------------------------------------------------------------------------------

/// A sent line for recipient `i`.
fn sent_line(i: usize) -> String {
    format!(
        "Nov 28 06:34:30 mx1 postfix/smtp[1]: {:011X}: to=<u{i}@example.net>, relay=mx.example.net[198.51.100.25]:25, dsn=2.0.0, status=sent (250 ok)\n",
        0x100000 + i
    )
}

#[test]
fn the_line_after_an_over_long_one_is_not_lost_in_any_input_mode() {
    // A 4 MiB line whose end falls just inside a 2 MiB read buffer, then 100 deliveries.
    let head = b"Nov 28 06:34:30 mx1 postfix/smtpd[1]: connect from ";
    let mut log = head.to_vec();
    log.resize(4 * 1024 * 1024 - 1, b'z');
    log.push(b'\n');
    for i in 0..100 {
        log.extend_from_slice(sent_line(i).as_bytes());
    }
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("long.log");
    std::fs::write(&plain, &log).unwrap();
    let gz = dir.path().join("long.log.gz");
    std::fs::write(&gz, gzip(&log)).unwrap();
    for path in [&plain, &gz] {
        let v = report(&[path.to_str().unwrap(), "--year", "2025"]);
        assert_eq!(v["sent"], 100, "{}", path.display());
    }
    let v = report_of(
        measure_stdin(&with_json(&["-", "--year", "2025"]), Some(&log)),
        &["-"],
    );
    assert_eq!(v["sent"], 100, "standard input");
}

#[test]
fn write_profile_keeps_the_volume_when_nothing_was_delivered() {
    let dir = tempfile::tempdir().unwrap();
    let log_path = dir.path().join("quiet.log");
    std::fs::write(
        &log_path,
        "Nov 28 06:34:29 mx1 postfix/smtpd[1]: connect from app01.example.com[192.0.2.11]\n",
    )
    .unwrap();
    let profile = dir.path().join("keep.ron");
    let before = "Profile(\n    monthly_volume: \"7.4M\",\n)\n";
    std::fs::write(&profile, before).unwrap();
    let out = measure_raw(&[
        log_path.to_str().unwrap(),
        "--write-profile",
        profile.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("keeps its volume"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&profile).unwrap(), before);
}

#[test]
fn write_profile_refuses_a_read_only_profile_before_reading_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("ro.ron");
    let before = "Profile(monthly_volume: 5)\n";
    std::fs::write(&profile, before).unwrap();
    let mut perms = std::fs::metadata(&profile).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&profile, perms).unwrap();
    let out = write_profile(&profile);
    let err = assert_error_naming(&out, "ro.ron");
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(std::fs::read_to_string(&profile).unwrap(), before);
}

#[test]
fn a_forced_format_that_matches_nothing_says_so() {
    let out = measure_raw(&with_json(&[
        &log("postfix-classic.log"),
        "--log-format",
        "exim",
    ]));
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("looks like an Exim log; it was read as one"),
        "a warning on stderr: {}",
        stderr(&out)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sent"], 0);
    let notes = v["notes"].to_string();
    assert!(notes.contains("is --log-format right"), "{notes}");
    assert!(notes.contains("a delivery line of an Exim log"), "{notes}");
}

#[test]
fn a_binary_file_is_named_and_its_bytes_are_not_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.out");
    let mut bytes = b"\x7fELF\x02\x01\x01\x00\x00\x00\x1b[2J\x1b]2;PWNED\x07\xff\xfe".to_vec();
    bytes.extend((0..=255u8).cycle().take(4096));
    std::fs::write(&path, &bytes).unwrap();
    let out = measure_raw(&[path.to_str().unwrap()]);
    let err = assert_error_naming(&out, "a.out");
    assert!(
        err.contains("a.out is not a mail log: it looks binary, not text"),
        "{err}"
    );
    assert!(!err.contains("ELF") && !err.contains("PWNED"), "{err}");
    assert!(!err.contains('\u{fffd}'), "{err}");
    for b in [0x1b, 0x07, 0x00, 0x7f] {
        assert!(!out.stderr.contains(&b), "stderr holds the byte {b:#04x}");
    }
    // A text file that is not a log still shows where it went wrong.
    let notes = dir.path().join("notes.md");
    std::fs::write(&notes, "# Notes\n\nnothing about mail\n").unwrap();
    let err = assert_error_naming(&measure_raw(&[notes.to_str().unwrap()]), "notes.md");
    assert!(err.contains("(line 1 starts \"# Notes\")"), "{err}");
}

#[test]
fn file_names_cannot_put_escapes_on_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("evil\u{1b}]2;PWNED\u{7}.log");
    std::fs::copy(log("postfix-classic.log"), &evil).unwrap();
    let out = measure_raw(&[evil.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for (what, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        assert!(!bytes.contains(&0x1b), "{what} holds an escape");
        assert!(!bytes.contains(&0x07), "{what} holds a bell");
    }
    let missing = dir.path().join("gone\u{1b}[2J.log");
    let out = measure_raw(&[missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stderr.contains(&0x1b), "the error holds an escape");
}

#[test]
fn many_inputs_need_few_open_files() {
    // A year of daily rotations must not need a descriptor each at once.
    let dir = tempfile::tempdir().unwrap();
    let mut names = Vec::new();
    for i in 0..120 {
        let p = dir.path().join(format!("mail.log.{i}.gz"));
        std::fs::write(&p, gzip(sent_line(i).as_bytes())).unwrap();
        names.push(p.to_str().unwrap().to_owned());
    }
    let script = format!(
        "ulimit -n 40 && exec \"$0\" measure --year 2025 --format json {}",
        names.join(" ")
    );
    let home = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_mtafit"))
        .env("XDG_CONFIG_HOME", home.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sent"], 120);
    let notes = v["notes"].as_array().unwrap();
    assert_eq!(
        notes
            .iter()
            .filter(|n| n.as_str().unwrap().contains("carry no year"))
            .count(),
        0,
        "--year given: no note about years"
    );
}

#[test]
fn a_file_named_twice_is_read_once() {
    let path = log("postfix-classic.log");
    let once = report(&[&path, "--year", "2025"]);
    let out = measure_raw(&with_json(&[&path, &path, "--year", "2025"]));
    assert!(stderr(&out).contains("named twice"), "{}", stderr(&out));
    let twice: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(twice["sent"], once["sent"]);
}

#[test]
fn zstd_segments_are_read_like_the_plain_log() {
    // KumoMTA writes its log as zstd-compressed segments named by their start time.
    let plain = std::fs::read(log("kumomta.jsonl")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let seg = dir.path().join("20251128-063429");
    let packed =
        ruzstd::encoding::compress_to_vec(&plain[..], ruzstd::encoding::CompressionLevel::Fastest);
    std::fs::write(&seg, packed).unwrap();
    let want = report(&[&log("kumomta.jsonl")]);
    let got = report(&[seg.to_str().unwrap()]);
    for key in [
        "sent",
        "deferred",
        "bounced",
        "expired",
        "unparsed",
        "monthly_volume",
    ] {
        assert_eq!(got[key], want[key], "{key}");
    }
    assert_eq!(
        got["unparsed_examples"][0]["line"],
        Value::Null,
        "no line numbers in compressed input"
    );
    let broken = dir.path().join("20251128-070000");
    std::fs::write(&broken, [0x28, 0xb5, 0x2f, 0xfd, 0xff, 0xff, 0xff, 0xff]).unwrap();
    let err = assert_error_naming(&measure_raw(&[broken.to_str().unwrap()]), "20251128-070000");
    assert!(err.contains("compressed data"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_bus_error_is_explained_not_a_crash() {
    // Files are mapped: one truncated under the scan raises SIGBUS; the message says what happened.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("slow.fifo");
    common::mkfifo(&fifo);
    let home = tempfile::tempdir().unwrap();
    let child = mtafit(home.path())
        .args(["measure", fifo.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Opening the pipe for writing lets the reader start; it then waits for data.
    let writer = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    unsafe { libc::kill(child.id() as i32, libc::SIGBUS) };
    let out = child.wait_with_output().unwrap();
    drop(writer);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("shrank while it was being read"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn copied_rotations_are_ordered_by_their_names() {
    // scp without -p stamps each copy with its copy time, in glob order: mail.log then
    // mail.log.1, newest first. logrotate's names still say which is older.
    let dir = tempfile::tempdir().unwrap();
    let older = dir.path().join("mail.log.1");
    let newer = dir.path().join("mail.log");
    std::fs::write(&older, sent_line(1).replace("Nov 28", "Dec 31")).unwrap();
    std::fs::write(&newer, sent_line(2).replace("Nov 28", "Jan  1")).unwrap();
    set_mtime(&newer, 1_800_000_000);
    set_mtime(&older, 1_800_000_060);
    let v = report(&[
        newer.to_str().unwrap(),
        older.to_str().unwrap(),
        "--year",
        "2025",
    ]);
    let dates: Vec<&str> = v["per_day"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2025-12-31", "2026-01-01"]);
}

#[test]
fn reading_instead_of_mapping_changes_no_number() {
    // --no-mmap reads every file; the report must be the same, byte for byte.
    for name in [
        "postfix-week.log",
        "exim-main.log",
        "powermta.csv",
        "kumomta.jsonl",
    ] {
        let path = log(name);
        let mapped = report(&[&path, "--year", "2025"]);
        let read = report(&[&path, "--year", "2025", "--no-mmap"]);
        assert_eq!(mapped, read, "{name}");
    }
}

#[test]
fn compressed_data_followed_by_junk_or_cut_short_says_so() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let plain = std::fs::read(log("exim-main.log")).unwrap();
    let packed = [
        ("mail.log.gz", gzip(&plain)),
        (
            "mail.log.zst",
            ruzstd::encoding::compress_to_vec(
                &plain[..],
                ruzstd::encoding::CompressionLevel::Fastest,
            ),
        ),
    ];
    for (name, data) in packed {
        let format = if name.ends_with("gz") { "gzip" } else { "zstd" };
        let run = |bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            common::run_bounded(home.path(), &["measure", path.to_str().unwrap()], None)
        };
        // Junk after the last member or frame: said so, with where it starts.
        let mut junk = data.clone();
        junk.extend_from_slice(b"JUNK appended by mistake\n");
        let err = assert_error_naming(&run(&junk), name);
        assert!(
            err.ends_with(&format!(
                "{name}: the {format} data ends at byte {} and junk that is not {format} data \
                 follows; nothing was measured\n",
                data.len()
            )),
            "{err}"
        );
        // Cut anywhere: "ends early", in words of our own, never the decoder's.
        for cut in [6, 12, data.len() / 2, data.len() - 1] {
            let err = assert_error_naming(&run(&data[..cut]), name);
            assert!(
                err.ends_with(&format!(
                    "{name}: the compressed data ends early (a partly copied file?); nothing was \
                     measured\n"
                )),
                "{format} cut at {cut}: {err}"
            );
        }
    }
}

#[test]
fn a_domain_with_a_hidden_character_is_told_apart_from_the_clean_one() {
    // `exa<NEL>mple.com` once showed as a second "example.com" row; each hidden character is
    // now named, so the rows differ as the domains do.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mail.log");
    let text: String = [
        "example.com",
        "exa\u{85}mple.com",
        "exam\u{202E}ple.com",
        "example.com",
    ]
    .iter()
    .enumerate()
    .map(|(i, d)| {
        format!(
            "Nov 28 06:34:3{i} mx1 postfix/smtp[21877]: 3F2A81C0B{i:02}: to=<u{i}@{d}>, \
                 relay=mx.example.net[198.51.100.25]:25, delay=0.84, \
                 delays=0.05/0.01/0.31/0.47, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n"
        )
    })
    .collect();
    std::fs::write(&path, text).unwrap();
    let v = report(&[path.to_str().unwrap(), Y2025[0], Y2025[1]]);
    assert_eq!(
        v["top_domains"],
        serde_json::json!([
            { "domain": "example.com", "sent": 2 },
            { "domain": "exam<U+202E>ple.com", "sent": 1 },
            { "domain": "exa<U+0085>mple.com", "sent": 1 },
        ])
    );
    let home = tempfile::tempdir().unwrap();
    let out = common::run_bounded(
        home.path(),
        &["measure", path.to_str().unwrap(), Y2025[0], Y2025[1]],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with("exa"))
        .map(|l| l.split_whitespace().next().unwrap_or_default())
        .collect();
    assert_eq!(
        rows,
        ["example.com", "exam<U+202E>ple.com", "exa<U+0085>mple.com"],
        "{text}"
    );
    assert!(!text.contains(['\u{85}', '\u{202E}']), "{text}");
}
