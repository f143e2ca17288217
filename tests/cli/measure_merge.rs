//! Reports from several hosts merged into one (`measure --format json` on each host, then
//! `measure --merge`): every number must equal the truth of all the logs together.

use crate::common;
use crate::loggen::{Format, Options, Stamp, Truth, generate};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

/// One host's log: a November without traps, so every count is exact.
fn host_log(dir: &Path, host: &'static str, seed: u64, start: (i32, u32, u32)) -> (PathBuf, Truth) {
    let o = Options {
        seed,
        messages: 3000,
        start,
        days: 20,
        host,
        ..Options::default()
    };
    let mut log = Vec::new();
    let truth = generate(Format::Postfix(Stamp::Rfc3339), &o, &mut log).unwrap();
    let path = dir.join(format!("{host}-{seed}.log"));
    std::fs::write(&path, log).unwrap();
    (path, truth)
}

fn run(args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    common::mtafit(home.path())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn json_of(o: &Output) -> Value {
    assert!(o.status.success(), "{}", common::stderr(o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// `measure --format json` of one log, saved as a report file.
fn report(log: &Path) -> PathBuf {
    let o = run(&["measure", log.to_str().unwrap(), "--format", "json"]);
    let path = log.with_extension("json");
    std::fs::write(&path, &o.stdout).unwrap();
    json_of(&o);
    path
}

/// `measure --merge REPORT… EXTRA…`.
fn merge(reports: &[&Path], extra: &[&str]) -> Output {
    let mut args = vec!["measure", "--merge"];
    args.extend(reports.iter().map(|r| r.to_str().unwrap()));
    args.extend(extra);
    run(&args)
}

/// `measure --merge REPORT… --format json`, which must succeed.
fn merged_json(reports: &[&Path]) -> Value {
    json_of(&merge(reports, &["--format", "json"]))
}

fn domains_of(t: &Truth) -> Value {
    t.domains_by_sent()
        .into_iter()
        .map(|(d, n)| serde_json::json!({"domain": d, "sent": n}))
        .collect()
}

#[test]
fn the_json_report_has_what_a_merge_needs() {
    let dir = tempfile::tempdir().unwrap();
    let (log, t) = host_log(dir.path(), "alpha", 7, (2025, 11, 1));
    let r = json_of(&run(&[
        "measure",
        log.to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert_eq!(r["hosts"], serde_json::json!(["alpha"]));
    // Every domain, not only the top ten.
    assert_eq!(r["domains"], domains_of(&t));
    assert!(r["domains"].as_array().unwrap().len() > 10);
    assert_eq!(r["domains_error"], 0);
    // The RFC 3339 stamps are at +01:00: the UTC seconds are an hour earlier than local.
    let local = |s: &str| {
        crate::loggen::day_number(&s[..10]) * 86_400
            + s[11..13].parse::<i64>().unwrap() * 3600
            + s[14..16].parse::<i64>().unwrap() * 60
            + s[17..19].parse::<i64>().unwrap()
    };
    assert_eq!(r["first_unix"], local(&t.first) - 3600);
    assert_eq!(r["last_unix"], local(&t.last) - 3600);
    assert_eq!(r["years_from"], serde_json::json!([]));
}

/// The truth of several logs measured together, as `measure --format json`'s fields.
fn truth_of_all(ts: &[&Truth]) -> Value {
    let sum = |f: fn(&Truth) -> u64| ts.iter().map(|t| f(t)).sum::<u64>();
    let mut all = Truth {
        sent: sum(|t| t.sent),
        deferred: sum(|t| t.deferred),
        bounced: sum(|t| t.bounced),
        expired: sum(|t| t.expired),
        messages_sent: sum(|t| t.messages_sent),
        notifications: sum(|t| t.notifications),
        filter_hops: sum(|t| t.filter_hops),
        local: sum(|t| t.local),
        probes: sum(|t| t.probes),
        unparsed: sum(|t| t.unparsed),
        // Every log here has the same zone, so local times order as their instants do.
        first: ts.iter().map(|t| t.first.clone()).min().unwrap(),
        last: ts.iter().map(|t| t.last.clone()).max().unwrap(),
        ..Truth::default()
    };
    let secs = |s: &str| {
        crate::loggen::day_number(&s[..10]) * 86_400
            + s[11..13].parse::<i64>().unwrap() * 3600
            + s[14..16].parse::<i64>().unwrap() * 60
            + s[17..19].parse::<i64>().unwrap()
    };
    all.span_seconds = secs(&all.last) - secs(&all.first);
    for t in ts {
        for (d, (s, f, b)) in &t.per_day {
            let e = all.per_day.entry(d.clone()).or_default();
            *e = (e.0 + s, e.1 + f, e.2 + b);
        }
        for (d, n) in &t.domains {
            *all.domains.entry(d.clone()).or_default() += n;
        }
    }
    // Dates between the logs that neither covers are zero-filled, as measure lists them.
    let (lo, hi) = (
        crate::loggen::day_number(&all.first[..10]),
        crate::loggen::day_number(&all.last[..10]),
    );
    assert_eq!(
        all.per_day.len() as i64,
        hi - lo + 1,
        "the test logs leave no gap"
    );
    let days = (all.span_seconds as f64 / 86_400.0).max(1.0 / 24.0);
    all.monthly_volume = ((all.sent - all.notifications) as f64 * 30.0 / days).round() as u64;
    let mut v = all.to_json();
    v["domains"] = domains_of(&all);
    v
}

/// Two hosts' logs, the second starting while the first still runs.
fn two_hosts(dir: &Path) -> ((PathBuf, Truth), (PathBuf, Truth)) {
    (
        host_log(dir, "alpha", 11, (2025, 11, 1)),
        host_log(dir, "beta", 12, (2025, 11, 10)),
    )
}

#[test]
fn two_hosts_merged_equal_the_truth_of_both_logs_and_measuring_them_together() {
    let dir = tempfile::tempdir().unwrap();
    let ((a, ta), (b, tb)) = two_hosts(dir.path());
    let (ra, rb) = (report(&a), report(&b));
    let merged = merged_json(&[&ra, &rb]);
    let want = truth_of_all(&[&ta, &tb]);
    let mut bad = Vec::new();
    for (k, w) in want.as_object().unwrap() {
        if k == "generator" || k == "format" {
            continue;
        }
        if &merged[k] != w {
            bad.push(format!("{k}: want {w}, got {}", merged[k]));
        }
    }
    assert!(
        bad.is_empty(),
        "merged report vs truth:\n{}",
        bad.join("\n")
    );
    assert_eq!(merged["hosts"], serde_json::json!(["alpha", "beta"]));
    assert_eq!(merged["format"], "postfix");
    // Measuring both logs at once gives the same report, field for field.
    let together = json_of(&run(&[
        "measure",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert_eq!(merged, together);
    // And the same words for people.
    let table = merge(&[&ra, &rb], &[]);
    let together = run(&["measure", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(table.status.success(), "{}", common::stderr(&table));
    assert_eq!(common::stdout(&table), common::stdout(&together));
    assert!(common::stdout(&table).contains("hosts: alpha, beta"));
}

#[test]
fn write_profile_from_a_merge_writes_the_summed_volume() {
    let dir = tempfile::tempdir().unwrap();
    let ((a, ta), (b, tb)) = two_hosts(dir.path());
    let (ra, rb) = (report(&a), report(&b));
    let profile = dir.path().join("fleet.ron");
    let out = merge(&[&ra, &rb], &["--write-profile", profile.to_str().unwrap()]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let text = std::fs::read_to_string(&profile).unwrap();
    let p = mtafit_model::profile::parse("fleet.ron", text.as_bytes()).unwrap();
    let want = truth_of_all(&[&ta, &tb])["monthly_volume"]
        .as_u64()
        .unwrap();
    let alone = ta.monthly_volume.max(tb.monthly_volume);
    assert!(want > alone, "the fleet sends more than either host");
    assert_eq!(p.monthly_volume, want, "{text}");
}

#[test]
fn merge_without_reports_is_a_usage_error() {
    let o = run(&["measure", "--merge"]);
    assert_eq!(o.status.code(), Some(2), "{}", common::stderr(&o));
    assert!(common::stderr(&o).contains("name the reports to merge"));
    // Options for reading logs mean nothing to reports.
    for extra in [
        &["--year", "2025"][..],
        &["--log-format", "postfix"],
        &["--no-mmap"],
    ] {
        let o = run(&[&["measure", "--merge", "a.json"][..], extra].concat());
        assert_eq!(o.status.code(), Some(2), "{extra:?}");
        assert!(
            common::stderr(&o).contains("cannot be used with"),
            "{extra:?}"
        );
    }
}

#[test]
fn an_older_report_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = host_log(dir.path(), "alpha", 7, (2025, 11, 1));
    let ra = report(&a);
    let mut v: Value = serde_json::from_slice(&std::fs::read(&ra).unwrap()).unwrap();
    for added in [
        "hosts",
        "first_unix",
        "last_unix",
        "domains",
        "domains_error",
        "cut_short",
        "years_from",
    ] {
        v.as_object_mut().unwrap().remove(added);
    }
    let old = dir.path().join("old.json");
    std::fs::write(&old, serde_json::to_vec(&v).unwrap()).unwrap();
    let o = merge(&[&old], &[]);
    assert_eq!(o.status.code(), Some(1));
    let e = common::stderr(&o);
    assert!(e.contains("old.json"), "{e}");
    assert!(e.contains("re-run `mtafit measure --format json`"), "{e}");
    assert!(o.stdout.is_empty());
}

#[test]
fn the_same_report_twice_is_refused_naming_both_files() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = host_log(dir.path(), "alpha", 7, (2025, 11, 1));
    let ra = report(&a);
    let copy = dir.path().join("alpha-again.json");
    std::fs::copy(&ra, &copy).unwrap();
    let o = merge(&[&ra, &copy], &[]);
    assert_eq!(o.status.code(), Some(1));
    let e = common::stderr(&o);
    assert!(
        e.contains("alpha-7.json") && e.contains("alpha-again.json"),
        "{e}"
    );
    assert!(e.contains("same report") && e.contains("host alpha"), "{e}");
    assert!(e.contains("double"), "{e}");
    assert!(o.stdout.is_empty());
}

#[test]
fn overlapping_spans_of_one_host_are_refused_naming_both_files() {
    let dir = tempfile::tempdir().unwrap();
    // One host's log, and a second log of it starting ten days in: the spans overlap.
    let (a, _) = host_log(dir.path(), "alpha", 7, (2025, 11, 1));
    let (b, _) = host_log(dir.path(), "alpha", 8, (2025, 11, 11));
    let (ra, rb) = (report(&a), report(&b));
    let o = merge(&[&ra, &rb], &[]);
    assert_eq!(o.status.code(), Some(1));
    let e = common::stderr(&o);
    assert!(
        e.contains("alpha-7.json") && e.contains("alpha-8.json"),
        "{e}"
    );
    assert!(e.contains("host alpha over the same time"), "{e}");
    // The same host over days that follow one another merges.
    let (c, _) = host_log(dir.path(), "alpha", 9, (2025, 11, 25));
    let rc = report(&c);
    let o = merge(&[&ra, &rc], &[]);
    assert!(o.status.success(), "{}", common::stderr(&o));
}

/// One host's Exim main log, written by Exim itself: its lines name no host.
fn exim_log(dir: &Path, name: &str, seed: u64, start: (i32, u32, u32)) -> (PathBuf, Truth) {
    let o = Options {
        seed,
        messages: 2000,
        start,
        days: 20,
        ..Options::default()
    };
    let mut log = Vec::new();
    let truth = generate(Format::Exim, &o, &mut log).unwrap();
    let path = dir.join(format!("{name}-mainlog"));
    std::fs::write(&path, log).unwrap();
    (path, truth)
}

#[test]
fn host_names_logs_that_name_none_so_their_reports_merge() {
    let dir = tempfile::tempdir().unwrap();
    // Two Exim hosts over overlapping weeks: without names, one unnamed host twice.
    let (a, ta) = exim_log(dir.path(), "a", 31, (2025, 11, 1));
    let (b, tb) = exim_log(dir.path(), "b", 32, (2025, 11, 10));
    let unnamed = [report(&a), report(&b)];
    let refused = merge(&[&unnamed[0], &unnamed[1]], &[]);
    assert_eq!(
        refused.status.code(),
        Some(1),
        "{}",
        common::stderr(&refused)
    );
    let named = |log: &Path, host: &str| {
        let o = run(&[
            "measure",
            log.to_str().unwrap(),
            "--format",
            "json",
            "--host",
            host,
        ]);
        let path = dir.path().join(format!("{host}.json"));
        std::fs::write(&path, &o.stdout).unwrap();
        assert_eq!(json_of(&o)["hosts"], serde_json::json!([host]));
        path
    };
    let (ra, rb) = (named(&a, "mx-a"), named(&b, "mx-b"));
    let merged = merged_json(&[&ra, &rb]);
    assert_eq!(merged["hosts"], serde_json::json!(["mx-a", "mx-b"]));
    assert_eq!(merged["sent"], serde_json::json!(ta.sent + tb.sent));
    assert_eq!(
        merged["messages_sent"],
        serde_json::json!(ta.messages_sent + tb.messages_sent)
    );
}

#[test]
fn host_leaves_the_hosts_that_lines_name_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (log, _) = host_log(dir.path(), "alpha", 7, (2025, 11, 1));
    let o = run(&[
        "measure",
        log.to_str().unwrap(),
        "--format",
        "json",
        "--host",
        "beta",
    ]);
    assert_eq!(json_of(&o)["hosts"], serde_json::json!(["alpha"]));
    assert!(
        common::stderr(&o)
            .contains("--host beta was not used: the lines name their own host (alpha)"),
        "{}",
        common::stderr(&o)
    );
    // A name must be one word, as a host field is.
    for bad in ["", "two words", "mx\u{1b}1"] {
        let o = run(&["measure", log.to_str().unwrap(), "--host", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad:?}: {}", common::stderr(&o));
        assert!(
            common::stderr(&o).contains("expected a host name"),
            "{}",
            common::stderr(&o)
        );
    }
}
