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

fn domains_of(t: &Truth) -> Value {
    let mut v: Vec<(String, u64)> = t
        .domains
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(d, n)| (d.clone(), *n))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.into_iter()
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
