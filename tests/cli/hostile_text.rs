//! Hostile text on the command line and in files: escape sequences and invisible characters in
//! arguments, numbers at the edges of their ranges, impossible dates, and lines too long to
//! quote. Each case runs the real binary (bounded, so a hang fails the test) and checks the exit
//! status, the message, and that nothing a terminal would act on is printed.

use crate::common::{engine_with, fixture, has, run_bounded};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Output;

/// An OSC sequence that sets a terminal's title, ended by BEL: the classic hostile argument.
const TITLE: &str = "\u{1b}]0;PWNED\u{7}";

/// Characters that draw nothing or reorder text: a right-to-left override, a zero-width space,
/// a byte-order mark and a line separator.
const UNSEEN: &str = "\u{202E}\u{200B}\u{FEFF}\u{2028}";

/// Characters a terminal acts on or hides: C0 and C1 controls, DEL, bidirectional controls,
/// invisible characters and line separators.
fn hostile(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{61C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// Standard output and error are UTF-8 and hold nothing [`hostile`].
fn assert_clean(o: &Output, what: &str) {
    for (stream, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
        let text = std::str::from_utf8(bytes)
            .unwrap_or_else(|e| panic!("{what}: {stream} is not UTF-8 ({e}): {bytes:?}"));
        if let Some(c) = text.chars().find(|&c| hostile(c)) {
            panic!(
                "{what}: {stream} holds U+{:04X}:\n{}",
                u32::from(c),
                text.escape_debug()
            );
        }
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn run(home: &Path, args: &[&str]) -> Output {
    run_bounded(home, args, None)
}

#[test]
fn check_does_not_echo_an_escape_sequence_in_its_summary() {
    let home = tempfile::tempdir().unwrap();
    let arg = format!("d{TITLE}{UNSEEN}");
    let o = run(home.path(), &["check", &arg]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("no such path"), "{out}");
    assert!(out.contains("loaded from d]0;PWNED "), "{out}");
    assert_clean(&o, "check");
}

#[test]
fn export_paths_are_echoed_without_their_escapes() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let export = |to: &str| {
        run(
            dir,
            &[
                "export",
                "--shortlist",
                "postfix",
                "--format",
                "markdown",
                "-o",
                to,
            ],
        )
    };
    // A folder that does not exist.
    let missing = dir.join(format!("x{TITLE}{UNSEEN}")).join("y.md");
    let o = export(missing.to_str().unwrap());
    assert_eq!(o.status.code(), Some(1));
    has(&stderr(&o), "cannot write");
    has(&stderr(&o), "x]0;PWNED");
    assert_clean(&o, "export to a missing folder");
    // A folder where the file should be.
    let folder = dir.join(format!("f{TITLE}{UNSEEN}"));
    std::fs::create_dir(&folder).unwrap();
    let o = export(folder.to_str().unwrap());
    assert_eq!(o.status.code(), Some(1));
    has(&stderr(&o), "it is a folder");
    assert_clean(&o, "export to a folder");
    // A good write names the file it wrote.
    let file = dir.join(format!("ok{TITLE}{UNSEEN}.md"));
    let o = export(file.to_str().unwrap());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(file.is_file());
    has(&stderr(&o), "wrote ");
    assert_clean(&o, "export written");
}

#[test]
fn every_argument_echoed_back_is_made_safe() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let bad = format!("x{TITLE}\u{9b}31m\u{202E}\u{2028}\u{200B}");
    let in_dir = dir.join(&bad);
    let in_dir = in_dir.to_str().unwrap();
    let weight = format!("volume{bad}=1");
    let volume_weight = format!("volume={bad}");
    let profile_dir = format!("{in_dir}/p.ron");
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["show", &bad], 1, "no engine with id"),
        (vec!["rank", "--weight", &weight], 2, "unknown factor"),
        (
            vec!["rank", "--weight", &volume_weight],
            2,
            "for '--weight <ID=N>': expected a number",
        ),
        (vec!["rank", "--volume", &bad], 2, "write it like"),
        (vec!["rank", "--must", &bad], 2, "unknown capability"),
        (
            vec!["rank", "--profile", in_dir],
            1,
            "cannot read the profile",
        ),
        (
            vec!["rank", "--catalogue", in_dir],
            1,
            "expected a folder of engine files",
        ),
        (
            vec!["export", "--shortlist", &bad, "--format", "csv", "-o", "-"],
            1,
            "no engine with id",
        ),
        (vec!["measure", in_dir], 1, "cannot read"),
        (
            vec!["measure", "--write-profile", &profile_dir, "-"],
            1,
            "does not exist",
        ),
        (vec!["rank", "--format", &bad], 2, "invalid value"),
        (vec!["measure", "--year", &bad], 2, "invalid value"),
        (vec!["man", &bad], 2, "no command"),
        (vec![&bad], 2, "unrecognized subcommand"),
    ];
    for (args, code, says) in cases {
        let o = run_bounded(dir, &args, Some(b""));
        let what = format!("{args:?}");
        assert_eq!(o.status.code(), Some(code), "{what}: {}", stderr(&o));
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert!(all.contains(says), "{what}: expected {says:?} in\n{all}");
        assert_clean(&o, &what);
    }
}

// Numbers at the edges (issue 13 #8).

/// `--weight F=0` for every factor but `volume`.
fn others_zero() -> Vec<String> {
    [
        "budget",
        "team",
        "cloud_native",
        "support",
        "marketing",
        "capabilities",
        "reversibility",
    ]
    .iter()
    .flat_map(|f| ["--weight".to_owned(), format!("{f}=0")])
    .collect()
}

#[test]
fn a_weight_too_small_to_show_is_refused_with_its_resolution() {
    let home = tempfile::tempdir().unwrap();
    for tiny in ["5e-324", "0.004", "1e-3"] {
        let mut args = vec![
            "rank".to_owned(),
            "--weight".into(),
            format!("volume={tiny}"),
        ];
        args.extend(others_zero());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run(home.path(), &args);
        assert_eq!(o.status.code(), Some(2), "{tiny}: {}", stdout(&o));
        assert_eq!(
            stderr(&o),
            format!(
                "error: invalid value 'volume={tiny}' for '--weight <ID=N>': expected 0, or a \
                 weight from 0.01 to 10 (weights count in hundredths), found {tiny}\n\n\
                 For more information, try '--help'.\n"
            )
        );
        assert!(stdout(&o).is_empty(), "nothing is ranked: {}", stdout(&o));
    }
    // The smallest weight counts, and engines are told apart by it alone.
    let mut args = vec!["rank".to_owned(), "--format".into(), "csv".into()];
    args.extend(["--weight".into(), "volume=0.01".into()]);
    args.extend(others_zero());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = run(home.path(), &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let scores: std::collections::BTreeSet<String> = stdout(&o)
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(3).map(str::to_owned))
        .collect();
    assert!(scores.len() > 1, "every engine scored the same: {scores:?}");
    // A profile's weights are held to the same rule, located in the file.
    let path = fixture("hostile/tiny-weight.ron");
    let o = run(home.path(), &["rank", "--profile", &path]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{path}:3:25: error: expected the weight of volume to be 0, or a weight from 0.01 to 10 (weights count in hundredths), found 5e-324")),
        "{err}"
    );
}

#[test]
fn a_budget_below_a_dollar_is_refused_with_its_range() {
    let home = tempfile::tempdir().unwrap();
    let path = fixture("hostile/tiny-budget.ron");
    for cmd in ["rank", "walk", "cost"] {
        let o = run(home.path(), &[cmd, "--profile", &path, "--format", "json"]);
        assert_eq!(o.status.code(), Some(1), "{cmd}");
        let err = stderr(&o);
        assert!(
            err.contains(&format!(
                "{path}:3:24: error: expected annual_budget_usd to be a yearly cap from $1 to \
                 $1,000,000,000,000 (budgets count in whole dollars), or None for no cap; found 1e-300"
            )),
            "{cmd}: {err}"
        );
        assert!(err.len() < 1_000, "{cmd}: {} bytes", err.len());
        assert!(!stdout(&o).contains("$0/yr"), "{cmd}");
    }
    // The smallest cap is a dollar, and the multiplier it gives reads as words.
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one-dollar.ron");
    std::fs::write(&one, "Profile(annual_budget_usd: 1)").unwrap();
    let o = run(
        home.path(),
        &[
            "rank",
            "--profile",
            one.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("k× your $1/yr cap"), "{out}");
    let longest = out.split(|c: char| !c.is_ascii_digit()).map(str::len).max();
    assert!(longest < Some(16), "a number of {longest:?} digits");
}

// Dates (issue 13 #9).

fn measure_json(home: &Path, args: &[&str]) -> serde_json::Value {
    let o = run(home, args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn february_29th_of_a_common_year_is_unreadable_like_february_30th() {
    let home = tempfile::tempdir().unwrap();
    let leap = fixture("hostile/leap-day.log");
    let sent_days = |r: &serde_json::Value| -> Vec<(String, u64)> {
        r["per_day"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["sent"].as_u64() > Some(0))
            .map(|d| {
                (
                    d["date"].as_str().unwrap().to_owned(),
                    d["sent"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    // In a leap year it is a day like any other.
    let r = measure_json(
        home.path(),
        &["measure", "--year", "2024", &leap, "--format", "json"],
    );
    assert_eq!(
        (r["sent"].as_u64(), r["unparsed"].as_u64()),
        (Some(3), Some(0))
    );
    assert_eq!(sent_days(&r).len(), 3, "{r}");
    // In 2025 it is not moved to March 1st: it is unreadable, exactly as February 30th is.
    let r = measure_json(
        home.path(),
        &["measure", "--year", "2025", &leap, "--format", "json"],
    );
    assert_eq!(
        (r["sent"].as_u64(), r["unparsed"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(
        sent_days(&r),
        [("2025-02-28".to_owned(), 1), ("2025-03-01".to_owned(), 1)]
    );
    assert!(
        r["unparsed_examples"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Feb 29 10:00:02"),
        "{r}"
    );
    assert_eq!(r["unparsed_examples"][0]["line"].as_u64(), Some(5));
    assert!(
        r["notes"].as_array().unwrap().iter().any(|n| n.as_str()
            == Some("1 line dated February 29th falls in 2025, which has no February 29th, so it is read as unreadable; is --year right?")),
        "{r}"
    );
    let dir = tempfile::tempdir().unwrap();
    let feb30 = dir.path().join("leap-day.log");
    let text = std::fs::read_to_string(&leap)
        .unwrap()
        .replace("Feb 29", "Feb 30");
    std::fs::write(&feb30, text).unwrap();
    let r30 = measure_json(
        home.path(),
        &[
            "measure",
            "--year",
            "2025",
            feb30.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    for field in [
        "sent",
        "unparsed",
        "messages_sent",
        "per_day",
        "first",
        "last",
        "monthly_volume",
    ] {
        assert_eq!(r[field], r30[field], "{field}");
    }
}

#[test]
fn one_year_range_for_year_and_for_dated_lines() {
    let home = tempfile::tempdir().unwrap();
    let leap = fixture("hostile/leap-day.log");
    for year in ["0", "1970", "1989", "2101", "9999"] {
        let o = run(home.path(), &["measure", "--year", year, &leap]);
        assert_eq!(o.status.code(), Some(2), "--year {year}");
        has(
            &stderr(&o),
            &format!(
                "invalid value '{year}' for '--year <YYYY>': expected a year from 1990 to 2100"
            ),
        );
    }
    for year in ["1990", "2100"] {
        let o = run(home.path(), &["measure", "--year", year, &leap]);
        assert_eq!(o.status.code(), Some(0), "--year {year}: {}", stderr(&o));
    }
    // A log dated 2100 is a mail log; one dated 2101 is refused, saying why.
    let r = measure_json(
        home.path(),
        &[
            "measure",
            &fixture("hostile/dated-2100.log"),
            "--format",
            "json",
        ],
    );
    assert_eq!(r["sent"].as_u64(), Some(2), "{r}");
    assert_eq!(r["first"].as_str(), Some("2100-11-28T06:34:30"));
    let late = fixture("hostile/dated-2101.log");
    let o = run(home.path(), &["measure", &late]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "mtafit: {late}:1:1: not a mail log mtafit can read: line 1 is dated 2101, and a \
             mail log's dates fall in 1990 to 2100; check the clock of the host that wrote it\n"
        )
    );
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/measuring.md")).unwrap();
    assert!(
        docs.contains("from 1990 to 2100"),
        "docs/measuring.md states the range"
    );
}

// Messages that flood or mislead (issue 13 #10).

#[test]
fn a_diagnostic_on_a_huge_line_quotes_a_window_around_the_column() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pad = " ".repeat(900_000);
    let path = engine_with(
        dir.path(),
        "min_per_month: 1_000_000",
        &format!("{pad}min_per_month: lots /* {} */", "x".repeat(100_000)),
    );
    let o = run(home.path(), &["check", &path]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.len() < 2_000, "{} bytes of output", out.len());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        format!("{path}:12:900029: error: expected a whole number")
    );
    assert!(
        lines[2].starts_with("12 | …") && lines[2].ends_with('…'),
        "{out}"
    );
    assert!(lines[2].contains("min_per_month: lots"), "{out}");
    // The caret is under the value.
    let caret = lines[3].find('^').unwrap();
    let under: String = lines[2].chars().skip(caret).take(4).collect();
    assert_eq!(under, "lots", "{out}");
    assert_clean(&o, "check");
}

#[test]
fn a_negative_count_is_blamed_on_its_sign() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = engine_with(dir.path(), "min_per_month: 1_000_000", "min_per_month: -1");
    let o = run(home.path(), &["check", &path]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let mut expected = String::new();
    writeln!(
        expected,
        "{path}:12:29: error: negative numbers are not allowed here; expected a whole number of 0 or more, found -1"
    )
    .unwrap();
    expected.push_str("   |\n12 |     volume: (min_per_month: -1, max_per_month: 20_000_000),\n");
    expected.push_str("   |                             ^^\n");
    assert!(out.starts_with(&expected), "{out}");
}

#[test]
fn a_nul_byte_outside_a_string_is_named() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = engine_with(dir.path(), "Engine(", "Engine(\0");
    let o = run(home.path(), &["check", &path]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.starts_with(&format!(
            "{path}:2:8: error: found a NUL byte (U+0000) outside any string; remove it"
        )),
        "{out}"
    );
    assert_clean(&o, "check");
}

#[test]
fn a_catalogue_cannot_hide_escapes_in_a_basis_an_add_on_or_a_plan_name() {
    // Every text a catalogue file gives is shown somewhere: the basis of a figure (`show`), the
    // name of an add-on, a plan's or a tier's name (cost items). None may reach a terminal as a
    // control sequence.
    let home = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(fixture("good/acme-mta.ron")).unwrap();
    let cases: Vec<Vec<(&str, String)>> = vec![
        vec![(
            "max_per_month: 20_000_000)",
            format!("max_per_month: 20_000_000, band_basis: Estimate(\"{TITLE}\"))"),
        )],
        vec![(
            "config: StaticFile,",
            format!(
                "config: StaticFile, scale_out: Shared, scale_out_basis: Estimate(\"{TITLE}{UNSEEN}\"),"
            ),
        )],
        vec![
            (
                "\"dkim_signing\": Yes,",
                "\"dkim_signing\": AddOn,".to_owned(),
            ),
            (
                "good_at: \"",
                format!("add_ons: {{\"dkim_signing\": \"{TITLE}\"}}, good_at: \""),
            ),
        ],
    ];
    for edits in cases {
        let dir = tempfile::tempdir().unwrap();
        let mut text = good.clone();
        for (from, to) in &edits {
            assert!(text.contains(from), "{from}");
            text = text.replacen(from, to, 1);
        }
        std::fs::write(dir.path().join("acme-mta.ron"), &text).unwrap();
        let folder = dir.path().to_str().unwrap();
        for args in [
            vec!["show", "acme-mta", "--catalogue", folder],
            vec![
                "show",
                "acme-mta",
                "--format",
                "json",
                "--catalogue",
                folder,
            ],
            vec!["rank", "--catalogue", folder],
        ] {
            let o = run(home.path(), &args);
            assert_clean(&o, &format!("{args:?} with {edits:?}"));
            has(&stderr(&o), "text contains");
        }
    }
}

// Messages that stay short and say what is wrong (issue 21 #4).

/// No line of standard output or error is wider than a message may be.
fn assert_bounded(o: &Output, what: &str) {
    for (stream, text) in [("stdout", stdout(o)), ("stderr", stderr(o))] {
        if let Some(l) = text.lines().find(|l| l.chars().count() > 600) {
            panic!(
                "{what}: a line of {} characters on {stream}: {}…",
                l.chars().count(),
                l.chars().take(200).collect::<String>()
            );
        }
    }
}

#[test]
fn a_huge_argument_is_quoted_short_in_every_message() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let long = format!("start{}end", "a".repeat(100_000));
    let weight_id = format!("{long}=1");
    let weight_n = format!("volume={long}");
    let in_file = |name: &str, body: String| {
        let p = dir.join(name);
        std::fs::write(&p, body).unwrap();
        p.to_str().unwrap().to_owned()
    };
    let weights = in_file(
        "w.ron",
        format!("Profile(\n  weights: {{\"{long}\": 1}},\n)\n"),
    );
    let shortlist = in_file(
        "s.ron",
        format!("Profile(\n  shortlist: [\"{long}\"],\n)\n"),
    );
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["show", &long], 1, "known ids: "),
        (
            vec!["rank", "--must", &long],
            2,
            "expected one of ip_pools, ",
        ),
        (
            vec!["rank", "--weight", &weight_id],
            2,
            "expected one of volume, ",
        ),
        (vec!["rank", "--weight", &weight_n], 2, "expected a number"),
        (vec!["rank", "--volume", &long], 2, "write it like"),
        (
            vec!["path", "--growth", &long],
            2,
            "write it as a percentage",
        ),
        (vec!["path", "--from", &long], 2, "write it like"),
        (
            vec!["export", "--shortlist", &long, "--format", "csv", "-o", "-"],
            1,
            "known ids: ",
        ),
        (
            vec!["rank", "--profile", &weights],
            1,
            "expected one of volume, ",
        ),
        (
            vec!["rank", "--profile", &shortlist],
            0,
            "not in the catalogue",
        ),
        (vec![&long], 2, "unrecognized subcommand"),
    ];
    for (args, code, says) in cases {
        let what = format!(
            "{:?}",
            args[..args.len().min(2)]
                .iter()
                .map(|a| a.len())
                .collect::<Vec<_>>()
        );
        let what = format!("{} {what}", args[0]);
        let o = run(dir, &args);
        assert_eq!(o.status.code(), Some(code), "{what}");
        assert_bounded(&o, &what);
        let err = stderr(&o);
        assert!(err.contains(says), "{what}: expected {says:?} in\n{err}");
        // Both ends of the value are shown, its middle cut.
        assert!(
            err.contains("startaaa") && err.contains("aaaend"),
            "{what}:\n{err}"
        );
        assert!(err.contains('…'), "{what}:\n{err}");
    }
    // A path too long for the system: the line keeps its start and what went wrong.
    for (args, says) in [
        (vec!["rank", "--catalogue", &long], "for --catalogue, but "),
        (vec!["rank", "--profile", &long], "cannot be read"),
        (vec!["measure", &long], "cannot read"),
    ] {
        let o = run(dir, &args);
        assert_eq!(o.status.code(), Some(1), "{}", args[1]);
        assert_bounded(&o, args[1]);
        let err = stderr(&o);
        assert!(err.starts_with("mtafit: "), "{err}");
        has(&err, says);
    }
    // `check` names the path in each diagnostic and in its summary: shortened alike.
    let o = run(dir, &["check", &long]);
    assert_eq!(o.status.code(), Some(1));
    assert_bounded(&o, "check");
    let out = stdout(&o);
    has(
        &out,
        ":1:1: error: expected an engine file or a folder of them",
    );
    assert!(out.contains("startaaa") && out.contains("aaaend"), "{out}");
}

#[test]
fn a_control_character_in_an_argument_is_named_by_its_code_point() {
    // clap words its errors in plain text by dropping an escape sequence with the character
    // after it, so `vol<ESC>ume=3` once read as the valid-looking `volme=3`.
    let home = tempfile::tempdir().unwrap();
    let o = run(home.path(), &["rank", "--weight", "vol\u{1b}ume=3"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with("error: invalid value 'vol<U+001B>ume=3' for '--weight <ID=N>': unknown factor \"vol<U+001B>ume\""),
        "{err}"
    );
    assert_clean(&o, "--weight");
    let o = run(home.path(), &["show", "post\u{9b}fix\u{200B}"]);
    assert_eq!(o.status.code(), Some(1));
    has(&stderr(&o), "no engine with id \"post<U+009B>fix<U+200B>\"");
    assert_clean(&o, "show");
}

#[test]
fn a_control_character_inside_a_name_is_named_not_called_an_unknown_field() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // A field's name in a catalogue file.
    let path = engine_with(dir.path(), "    volume: (", "    vol\u{1b}ume: (");
    let o = run(home.path(), &["check", &path]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.starts_with(&format!(
            "{path}:12:8: error: found the control character U+001B inside the name `vol`; remove it"
        )),
        "{out}"
    );
    assert!(!out.contains("unknown field"), "{out}");
    assert_clean(&o, "check");
    // A field's name in a profile, and a key in its map of weights.
    for (body, says) in [
        (
            "Profile(\n  monthly\u{1b}_volume: 5,\n)\n",
            ":2:10: error: found the control character U+001B inside the name `monthly`",
        ),
        (
            "Profile(\n  weights: {\"vol\u{1b}ume\": 1},\n)\n",
            ":2:13: error: unknown factor \"vol<U+001B>ume\" in weights",
        ),
    ] {
        let p = dir.path().join("p.ron");
        std::fs::write(&p, body).unwrap();
        let o = run(home.path(), &["rank", "--profile", p.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1));
        has(&stderr(&o), says);
        assert_clean(&o, "rank --profile");
    }
}

// Names that look alike (issue 21 #5).

#[test]
fn an_engine_name_of_only_invisible_characters_is_an_error_like_an_empty_one() {
    let home = tempfile::tempdir().unwrap();
    for name in [
        "\\u{200B}",
        "\\u{200B}\\u{2060}\\u{FEFF}",
        " \\u{202E}\\u{2066} ",
        "\u{200D}\u{FEFF}",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = engine_with(
            dir.path(),
            "name: \"Acme MTA\"",
            &format!("name: \"{name}\""),
        );
        let o = run(home.path(), &["check", &path]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        let out = stdout(&o);
        assert!(
            out.contains(&format!(
                "{path}:4:11: error: expected a non-empty name, found only characters that draw \
                 nothing (U+"
            )),
            "{name}: {out}"
        );
        assert!(out.contains("0 engines loaded"), "{name}: {out}");
        assert_clean(&o, name);
    }
}
