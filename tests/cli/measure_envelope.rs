//! `mtafit measure` on logs shipped through a log platform: `journalctl -o json`, `journalctl -o
//! export`, and the JSON lines of Vector, Fluent Bit and Loki's LogCLI. Each is made here from a
//! generated Postfix syslog, following the tool's documented output (docs/measuring.md names the
//! documents), and must give the same report as the plain lines it came from.

use crate::common;
use crate::loggen::{Format, Options, Stamp, Truth, generate};
use serde_json::{Value, json};
use std::io::Write;
use std::process::Stdio;

/// A Postfix log in UTC (`journalctl -o short-iso` in a UTC zone), so the journal's UTC times
/// name the same dates; no traps, since a journal has no line without its frame.
fn plain() -> (Vec<u8>, Truth) {
    plain_of(1500)
}

/// [`plain`] with `messages` messages.
fn plain_of(messages: u64) -> (Vec<u8>, Truth) {
    let o = Options {
        seed: 22,
        messages,
        start: (2025, 12, 20),
        days: 20,
        ..Options::default()
    };
    let mut log = Vec::new();
    let truth = generate(Format::Postfix(Stamp::ShortIso), &o, &mut log).expect("generate");
    (log, truth)
}

/// One syslog line taken apart: Unix microseconds, host, identifier, pid, message.
struct Line<'a> {
    micros: i64,
    host: &'a str,
    ident: &'a str,
    pid: Option<&'a str>,
    message: &'a [u8],
    /// The line as written.
    whole: &'a [u8],
    /// Its time in RFC 3339 UTC, as Vector and LogCLI print times.
    rfc3339: String,
}

/// Days since 1970-01-01 of a civil date (the proleptic Gregorian calendar).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn text(b: &[u8]) -> &str {
    std::str::from_utf8(b).expect("an ASCII frame")
}

/// Reads `2025-12-20T00:00:03+0000 host tag[pid]: message`.
fn split(whole: &[u8]) -> Line<'_> {
    let sp = whole.iter().position(|&b| b == b' ').unwrap();
    let stamp = text(&whole[..sp]);
    assert!(stamp.ends_with("+0000"), "{stamp}");
    let n = |r: std::ops::Range<usize>| stamp[r].parse::<i64>().unwrap();
    let secs = days_from_civil(n(0..4), n(5..7), n(8..10)) * 86_400
        + n(11..13) * 3600
        + n(14..16) * 60
        + n(17..19);
    let rest = &whole[sp + 1..];
    let sp = rest.iter().position(|&b| b == b' ').unwrap();
    let host = text(&rest[..sp]);
    let rest = &rest[sp + 1..];
    let colon = rest.windows(2).position(|w| w == b": ").unwrap();
    let tag = text(&rest[..colon]);
    let (ident, pid) = match tag.strip_suffix(']').and_then(|t| t.split_once('[')) {
        Some((i, p)) => (i, Some(p)),
        None => (tag, None),
    };
    Line {
        micros: secs * 1_000_000,
        host,
        ident,
        pid,
        message: &rest[colon + 2..],
        whole,
        rfc3339: format!("{}Z", &stamp[..19]),
    }
}

fn lines(log: &[u8]) -> impl Iterator<Item = Line<'_>> {
    log.split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(split)
}

/// A journal JSON field: a string, or an array of byte values when not UTF-8 (systemd's
/// JOURNAL_EXPORT_FORMATS, "Journal JSON Format").
fn journal_value(b: &[u8]) -> Value {
    match std::str::from_utf8(b) {
        Ok(s) => json!(s),
        Err(_) => json!(b),
    }
}

/// `journalctl -o json`: one object per line, every value a string, times in microseconds.
fn journald_json(log: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, l) in lines(log).enumerate() {
        let mut rec = json!({
            "__CURSOR": format!("s=0d4c;i={i:x};b=5e1f;m={:x};t={:x};x=0", i, l.micros),
            "__REALTIME_TIMESTAMP": l.micros.to_string(),
            "__MONOTONIC_TIMESTAMP": (i * 1000).to_string(),
            "_BOOT_ID": "5e1f0a9c",
            "PRIORITY": "6",
            "SYSLOG_FACILITY": "2",
            "SYSLOG_IDENTIFIER": l.ident,
            "_HOSTNAME": l.host,
            "_TRANSPORT": "syslog",
            "MESSAGE": journal_value(l.message),
        });
        if let Some(p) = l.pid {
            rec["SYSLOG_PID"] = json!(p);
            rec["_PID"] = json!(p);
        }
        serde_json::to_writer(&mut out, &rec).unwrap();
        out.push(b'\n');
    }
    out
}

/// Vector's file source, printed by its console sink as JSON: the whole line in `message`,
/// the collector's `host` and the time it read the line.
fn vector_file(log: &[u8]) -> Vec<u8> {
    json_lines(lines(log).map(|l| {
        json!({
            "file": "/var/log/mail.log",
            "host": "collector",
            "message": text(l.whole),
            "source_type": "file",
            "timestamp": "2026-01-10T08:00:00.123456Z",
        })
    }))
}

/// Vector's journald source: `message`, `host` and `timestamp` from the journal, the other
/// journal fields under their own names.
fn vector_journald(log: &[u8]) -> Vec<u8> {
    json_lines(lines(log).map(|l| {
        json!({
            "host": l.host,
            "message": text(l.message),
            "source_type": "journald",
            "timestamp": l.rfc3339,
            "SYSLOG_IDENTIFIER": l.ident,
            "SYSLOG_PID": l.pid,
            "_TRANSPORT": "syslog",
        })
    }))
}

/// Fluent Bit's tail input through its stdout output as `json_lines`: the line in `log`, the
/// time in `date` as Unix seconds with a fraction.
fn fluent_bit(log: &[u8]) -> Vec<u8> {
    json_lines(lines(log).map(|l| {
        json!({
            "date": l.micros as f64 / 1e6,
            "log": text(l.whole),
        })
    }))
}

/// `logcli query --output=jsonl` on a stream scraped from the journal: `line` is the message,
/// `timestamp` RFC 3339, the host and identifier among the stream's `labels`.
fn logcli(log: &[u8]) -> Vec<u8> {
    json_lines(lines(log).map(|l| {
        json!({
            "labels": {"host": l.host, "job": "systemd-journal", "syslog_identifier": l.ident},
            "line": text(l.message),
            "timestamp": l.rfc3339,
        })
    }))
}

fn json_lines(records: impl Iterator<Item = Value>) -> Vec<u8> {
    let mut out = Vec::new();
    for r in records {
        serde_json::to_writer(&mut out, &r).unwrap();
        out.push(b'\n');
    }
    out
}

/// `journalctl -o export`: `KEY=VALUE` lines, a blank line after each record; a value that is
/// not printable UTF-8 as `KEY`, a newline, its length as 64-bit little-endian, the bytes and a
/// newline (systemd's JOURNAL_EXPORT_FORMATS). `binary` says which messages to write that way
/// even when printable, as a reader must take either form.
fn journald_export(log: &[u8], binary: impl Fn(usize) -> bool) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, l) in lines(log).enumerate() {
        let mut field = |k: &str, v: &str| out.extend_from_slice(format!("{k}={v}\n").as_bytes());
        field("__CURSOR", &format!("s=0d4c;i={i:x};b=5e1f;x=0"));
        field("__REALTIME_TIMESTAMP", &l.micros.to_string());
        field("__MONOTONIC_TIMESTAMP", &(i * 1000).to_string());
        field("_BOOT_ID", "5e1f0a9c");
        field("PRIORITY", "6");
        field("SYSLOG_IDENTIFIER", l.ident);
        if let Some(p) = l.pid {
            field("SYSLOG_PID", p);
        }
        field("_HOSTNAME", l.host);
        let printable =
            std::str::from_utf8(l.message).is_ok_and(|m| !m.chars().any(char::is_control));
        if printable && !binary(i) {
            out.extend_from_slice(b"MESSAGE=");
            out.extend_from_slice(l.message);
            out.push(b'\n');
        } else {
            out.extend_from_slice(b"MESSAGE\n");
            out.extend_from_slice(&(l.message.len() as u64).to_le_bytes());
            out.extend_from_slice(l.message);
            out.push(b'\n');
        }
        out.extend_from_slice(b"_TRANSPORT=syslog\n\n");
    }
    out
}

/// `mtafit measure --format json` on a file holding `bytes`.
fn measure_file(bytes: &[u8], args: &[&str]) -> Result<Value, String> {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("records");
    std::fs::write(&path, bytes).unwrap();
    let out = common::mtafit(home.path())
        .args(["measure", "--format", "json", "--year", "2025"])
        .args(args)
        .arg(&path)
        .output()
        .unwrap();
    if !out.status.success() {
        return Err(common::stderr(&out).trim().to_owned());
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("not JSON ({e})"))
}

/// `mtafit measure --format json` with `args`, the input on standard input.
fn measure(stdin: &[u8], args: &[&str]) -> Result<Value, String> {
    let home = tempfile::tempdir().unwrap();
    let mut c = common::mtafit(home.path());
    c.args(["measure", "--format", "json", "--year", "2025"])
        .args(args)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().map_err(|e| format!("cannot run mtafit: {e}"))?;
    let mut pipe = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = pipe.write_all(&bytes);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    if !out.status.success() {
        return Err(common::stderr(&out).trim().to_owned());
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("not JSON ({e})"))
}

/// The report without what is about the input's bytes rather than its mail.
fn counts(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("files");
    v
}

/// The envelope's report equals the plain log's, which has the generator's counts.
fn same_as_plain(name: &str, envelope: &[u8], args: &[&str]) {
    let (log, truth) = plain();
    let want = counts(measure(&log, &[]).expect("the plain log"));
    assert_eq!(want["sent"], json!(truth.sent), "the plain log's own count");
    assert_eq!(want["messages_sent"], json!(truth.messages_sent));
    assert!(truth.sent > 1000, "a sample worth comparing");
    let got = counts(measure(envelope, args).unwrap_or_else(|e| panic!("{name}: {e}")));
    assert_eq!(got, want, "{name}");
}

#[test]
fn journald_json_counts_as_the_plain_syslog() {
    let (log, _) = plain();
    let records = journald_json(&log);
    same_as_plain("journald json, detected", &records, &[]);
    same_as_plain(
        "journald json, named",
        &records,
        &["--log-format", "journald-json"],
    );
}

/// The scanning threads convert their own chunks of records: many chunks, on one thread or
/// several, give the plain log's report.
#[test]
fn records_converted_chunk_by_chunk_on_any_number_of_threads_count_as_the_plain_syslog() {
    let (log, truth) = plain_of(8000);
    let want = counts(measure(&log, &[]).expect("the plain log"));
    assert_eq!(want["sent"], json!(truth.sent));
    for (name, records) in [
        ("journald json", journald_json(&log)),
        ("logcli", logcli(&log)),
    ] {
        // Reads are cut into chunks of 2 MiB: these records make several.
        assert!(records.len() > 6 << 20, "{name}: {} bytes", records.len());
        for threads in ["1", "2", "3"] {
            let got = counts(
                measure(&records, &["--threads", threads])
                    .unwrap_or_else(|e| panic!("{name}: {e}")),
            );
            assert_eq!(got, want, "{name} on {threads} threads");
        }
    }
}

#[test]
fn a_journal_message_that_is_not_utf8_is_read_from_its_bytes() {
    // A Latin-1 recipient: journalctl prints MESSAGE as an array of bytes.
    let message =
        b"3F2A81C0B4E: to=<ren\xe9@example.org>, relay=mx.example.org[198.51.100.14]:25, \
delay=0.5, delays=0.1/0/0.2/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok)"
            .to_vec();
    let queued = json!({
        "__REALTIME_TIMESTAMP": "1766188800000000",
        "_HOSTNAME": "mx1",
        "SYSLOG_IDENTIFIER": "postfix/qmgr",
        "SYSLOG_PID": "812",
        "MESSAGE": "3F2A81C0B4E: from=<news@example.com>, size=4242, nrcpt=1 (queue active)",
    });
    let sent = json!({
        "__REALTIME_TIMESTAMP": "1766188801000000",
        "_HOSTNAME": "mx1",
        "SYSLOG_IDENTIFIER": "postfix/smtp",
        "SYSLOG_PID": "21877",
        "MESSAGE": journal_value(&message),
    });
    assert!(sent["MESSAGE"].is_array(), "the message is given as bytes");
    let records = format!("{queued}\n{sent}\n");
    let got = measure(records.as_bytes(), &[]).expect("journal records");
    assert_eq!(got["sent"], json!(1), "{got}");
    assert_eq!(got["unparsed"], json!(0), "{got}");
}

#[test]
fn naming_an_envelope_the_input_is_not_in_is_an_error() {
    let (log, _) = plain();
    let e = measure(&log, &["--log-format", "journald-json"]).expect_err("plain syslog");
    common::has(&e, "standard input is not `journalctl -o json` output");
    common::has(&e, "Leave out --log-format");
    let e = measure(&journald_json(&log), &["--log-format", "journald-export"])
        .expect_err("JSON is not the export format");
    common::has(&e, "is not `journalctl -o export` output");
}

#[test]
fn vector_fluent_bit_and_logcli_json_lines_count_as_the_plain_syslog() {
    let (log, _) = plain();
    for (name, records) in [
        ("vector, file source", vector_file(&log)),
        ("vector, journald source", vector_journald(&log)),
        ("fluent bit", fluent_bit(&log)),
        ("logcli jsonl", logcli(&log)),
    ] {
        same_as_plain(name, &records, &[]);
        same_as_plain(name, &records, &["--log-format", "jsonl"]);
    }
}

#[test]
fn kumomta_records_are_still_read_as_kumomta() {
    // KumoMTA's own log is JSON lines too; it must not be taken for an envelope.
    let o = Options {
        seed: 5,
        messages: 300,
        start: (2025, 12, 20),
        days: 5,
        ..Options::default()
    };
    let mut log = Vec::new();
    let truth = generate(Format::KumoMta, &o, &mut log).expect("generate");
    let got = measure(&log, &[]).expect("a KumoMTA log");
    assert_eq!(got["format"], json!("kumomta"), "{got}");
    assert_eq!(got["sent"], json!(truth.sent));
}

#[test]
fn journald_export_counts_as_the_plain_syslog() {
    let (log, _) = plain();
    // Every seventh message in the length-prefixed binary form.
    let records = journald_export(&log, |i| i % 7 == 3);
    assert!(records.windows(9).any(|w| w == b"\nMESSAGE\n"));
    same_as_plain("journald export, detected", &records, &[]);
    same_as_plain(
        "journald export, named",
        &records,
        &["--log-format", "journald-export"],
    );
}

#[test]
fn records_in_a_file_count_as_on_standard_input() {
    // A file is mapped, not streamed; the envelope reads it from its first byte.
    let (log, _) = plain();
    let want = counts(measure(&log, &[]).expect("the plain log"));
    for (name, records) in [
        ("journald json", journald_json(&log)),
        ("journald export", journald_export(&log, |_| false)),
        ("logcli jsonl", logcli(&log)),
    ] {
        let got = measure_file(&records, &[]).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(counts(got), want, "{name}");
    }
}
