//! `mtafit check` and `mtafit show` through the real binary: messages, positions, exit codes.

use crate::common::{fixture, mtafit, run, stderr, stdout};

/// (fixture, line:column, what the message must say)
const BROKEN: &[(&str, &str, &str)] = &[
    (
        "bad-date",
        "30:14",
        "expected the date the facts were checked as \"YYYY-MM-DD\", found \"2026-02-30\"",
    ),
    (
        "bad-id",
        "3:9",
        "expected an id of lower-case letters, digits, `-` and `_`",
    ),
    ("bad-spdx", "6:14", "expected an SPDX licence expression"),
    ("bad-url", "29:15", "expected a URL starting with https://"),
    ("duplicate-field", "8:5", "field `name` is given twice"),
    ("empty-sources", "29:5", "expected at least one source URL"),
    ("empty", "1:1", "found an empty file"),
    (
        "id-mismatch",
        "3:9",
        "expected id \"id-mismatch\" to match the file name",
    ),
    (
        "truncated",
        "12:65",
        "expected a `,` after this item, found the end of the file",
    ),
    (
        "min-above-max",
        "12:29",
        "expected min_per_month ≤ max_per_month, found 50000000 > 20000000",
    ),
    ("missing-comma", "7:28", "expected a `,` after this item"),
    ("missing-field", "30:1", "missing field `checked`"),
    (
        "negative-cost",
        "18:30",
        "expected 0 to 744 hours a month, found -3",
    ),
    (
        "non-utf8",
        "7:28",
        "expected UTF-8 text, found the byte 0xE9",
    ),
    ("number-too-large", "9:20", "this number does not fit here"),
    (
        "tiers-out-of-order",
        "18:13",
        "expected tiers in increasing order of volume and price",
    ),
    ("trailing-junk", "32:1", "expected the end of the file"),
    ("unclosed-string", "28:15", "is its closing `\"` missing?"),
    (
        "unknown-capability",
        "26:9",
        "unknown capability \"web_uii\"; expected one of ip_pools",
    ),
    (
        "unknown-field",
        "6:5",
        "unknown field `licnce` in `Engine`; expected one of `id`",
    ),
    (
        "unknown-variant",
        "5:11",
        "unknown value `Selfhosted` for Kind; expected one of `SelfHosted`, `Managed`",
    ),
    (
        "wrong-struct-name",
        "2:1",
        "expected `Engine(…)`, found `Engin(…)`",
    ),
    ("wrong-type", "9:20", "expected a whole number"),
];

#[test]
fn each_broken_file_is_reported_at_its_line_and_column() {
    assert!(BROKEN.len() >= 15);
    for (name, at, message) in BROKEN {
        let path = fixture(&format!("broken/{name}.ron"));
        let out = run(&["check", &path]);
        let text = stdout(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {text}");
        let head = format!("{path}:{at}: error: ");
        let first = text.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(&head),
            "{name}: expected {head:?}, got {first:?}"
        );
        assert!(
            first.contains(message),
            "{name}: expected {message:?} in {first:?}"
        );
        assert!(text.contains("0 engines loaded"), "{name}: {text}");
    }
}

#[test]
fn the_offending_line_is_quoted_with_a_caret_under_the_column() {
    let path = fixture("broken/unknown-field.ron");
    let text = stdout(&run(&["check", &path]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[1], "  |");
    assert_eq!(lines[2], "6 |     licnce: Open(\"MIT\"),");
    assert_eq!(lines[3], "  |     ^^^^^^");
}

#[test]
fn near_misses_get_a_suggestion() {
    for (name, hint) in [
        ("unknown-field", "did you mean `licence`?"),
        ("unknown-capability", "did you mean `web_ui`?"),
        ("unknown-variant", "did you mean `SelfHosted`?"),
    ] {
        let text = stdout(&run(&["check", &fixture(&format!("broken/{name}.ron"))]));
        assert!(text.contains(hint), "{name}: {text}");
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_at_1_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let mut body = String::from("Engine(\n");
    while body.len() <= mtafit_model::ronfile::MAX_FILE_BYTES {
        body.push_str("    // padding padding padding padding padding padding padding padding\n");
    }
    std::fs::write(&path, body).unwrap();
    let out = run(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!(
            "{}:1:1: error: {} is over 1 MiB ({} bytes)",
            path.display(),
            path.display(),
            std::fs::metadata(&path).unwrap().len()
        )),
        "{text}"
    );
}

#[test]
fn a_file_that_is_not_ron_is_told_what_a_catalogue_file_is() {
    let readme = format!("{}/README.md", env!("CARGO_MANIFEST_DIR"));
    let out = run(&["check", &readme]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!(
            "{readme}:1:1: error: README.md is not a catalogue file: catalogue files are RON and end in .ron"
        )),
        "{text}"
    );
    assert!(!text.contains("enable"), "{text}");
}

#[test]
fn a_duplicate_id_in_one_folder_is_an_error() {
    let dir = fixture("duplicate");
    let out = run(&["check", &dir]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "{dir}/beta.ron:3:9: error: duplicate id \"alpha\": already defined in {dir}/alpha.ron"
        )),
        "{text}"
    );
    assert!(text.contains("1 engine loaded"), "{text}");
}

#[test]
fn control_characters_are_reported_and_never_printed() {
    let path = fixture("broken/control-char-name.ron");
    let out = run(&["check", &path]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text.starts_with(&format!(
            "{path}:4:11: warning: text contains the control character U+001B"
        )),
        "{text}"
    );
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'));

    // Loaded anyway, with the escapes removed, and shown safely.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&path, dir.path().join("control-char-name.ron")).unwrap();
    let out = run(&[
        "show",
        "control-char-name",
        "--catalogue",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("]0;pwnedAcme [31mMTA (control-char-name)"),
        "{text}"
    );
    assert!(!text.contains('\u{1b}') && !stderr(&out).contains('\u{1b}'));
}

#[test]
fn check_with_no_path_passes_on_the_builtin_catalogue() {
    let out = run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("ok: 17 engines in the built-in catalogue, no problems"),
        "{text}"
    );
}

#[test]
fn a_good_user_file_passes() {
    let out = run(&["check", &fixture("good")]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("ok: 1 engine in"));
}

#[test]
fn a_bad_catalogue_folder_fails_check_but_not_other_commands() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("broken/unknown-field.ron"),
        dir.path().join("unknown-field.ron"),
    )
    .unwrap();
    std::fs::copy(
        fixture("good/acme-mta.ron"),
        dir.path().join("acme-mta.ron"),
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();

    let out = run(&["check", "--catalogue", d]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains(&format!(
        "{d}/unknown-field.ron:6:5: error: unknown field `licnce`"
    )));

    let out = run(&["show", "acme-mta", "--catalogue", d]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("Acme MTA (acme-mta)"));
    assert!(
        stderr(&out).contains("unknown-field.ron:6:5"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("Run `mtafit check` for details"));

    // Every model command works on the rest, the good user engine included.
    for cmd in ["rank", "walk", "cost", "sensitivity"] {
        let out = run(&[cmd, "--format", "json", "--catalogue", d]);
        assert_eq!(out.status.code(), Some(0), "{cmd}: {}", stderr(&out));
        assert!(stderr(&out).contains("unknown-field.ron:6:5"), "{cmd}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(v.is_object(), "{cmd}");
    }
    let out = run(&["rank", "--format", "json", "--catalogue", d]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["ranking"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "acme-mta")
    );
}

#[test]
fn a_missing_catalogue_folder_is_an_error() {
    let out = run(&["check", "--catalogue", "/no/such/folder"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("/no/such/folder:1:1: error: expected a folder of engine files"));
}

#[test]
fn a_users_entry_replaces_the_builtin_one_and_says_so() {
    let home = tempfile::tempdir().unwrap();
    let engines = home.path().join("mtafit/engines");
    std::fs::create_dir_all(&engines).unwrap();
    let original = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/engines/postfix.ron"
    ))
    .unwrap();
    std::fs::write(
        engines.join("postfix.ron"),
        original.replacen("name: \"Postfix\"", "name: \"Postfix (ours)\"", 1),
    )
    .unwrap();

    let out = mtafit(home.path())
        .args(["show", "postfix"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).starts_with("Postfix (ours) (postfix)"),
        "{}",
        stdout(&out)
    );
    let out = mtafit(home.path()).args(["rank"]).output().unwrap();
    assert!(
        stderr(&out).contains("note: replaces \"postfix\" from data/engines/postfix.ron"),
        "{}",
        stderr(&out)
    );

    let out = mtafit(home.path()).args(["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("postfix.ron:3:9: note: replaces \"postfix\" from data/engines/postfix.ron"),
        "{text}"
    );
    assert!(text.contains("ok: 17 engines"), "{text}");
}

#[test]
fn show_json_carries_the_catalogue_field_names() {
    let out = run(&["show", "kumomta", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["licence"]["Open"], "Apache-2.0");
    assert_eq!(v["volume"]["min_per_month"], 15_000_000);
    assert_eq!(v["volume"]["max_per_month"], 150_000_000);
    for field in [
        "id",
        "name",
        "kind",
        "licence",
        "vendor",
        "language",
        "first_release",
        "status",
        "config",
        "volume",
        "cost",
        "support",
        "capabilities",
        "good_at",
        "cautions",
        "sources",
        "checked",
    ] {
        assert!(v.get(field).is_some(), "missing {field}");
    }
    assert_eq!(v["capabilities"].as_object().unwrap().len(), 22);
}

#[test]
fn show_table_labels_estimates_and_sources() {
    let text = stdout(&run(&["show", "powermta"]));
    assert!(
        text.starts_with("PowerMTA (powermta) — self-hosted, commercial"),
        "{text}"
    );
    assert!(text.contains("licence $8,000/year per node"));
    assert!(text.contains("role          a sending MTA"), "{text}");
    assert!(
        text.contains("documented    1.8B messages a month in one estate (source:"),
        "{text}"
    );
    // How its estate grows, and that the fact is inferred, not sourced.
    assert!(
        text.contains(
            "scale-out     independent nodes, per-provider limits split by hand (an estimate:"
        ),
        "{text}"
    );
    assert!(text.contains("estimate"));
}

#[test]
fn show_names_add_ons_and_says_where_figures_come_from() {
    // Postfix signs DKIM through a packaged milter: the sheet says so instead of "no".
    let text = stdout(&run(&["show", "postfix"]));
    assert!(
        text.contains("add-ons       DKIM signing: the OpenDKIM or Rspamd milter"),
        "{text}"
    );
    assert!(text.contains("through an add-on: DKIM signing"), "{text}");
    assert!(
        text.contains("0 to 10M messages a month (the brief's figure)"),
        "{text}"
    );
    // A band nobody publishes is labelled an estimate.
    let text = stdout(&run(&["show", "stalwart"]));
    assert!(text.contains("role          a mailbox server"), "{text}");
    assert!(text.contains("(an estimate:"), "{text}");
}

#[test]
fn show_of_an_unknown_id_lists_the_known_ones() {
    let out = run(&["show", "kumo"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(
        err.contains("there is no engine with id \"kumo\" (did you mean `kumomta`?)"),
        "{err}"
    );
    assert!(err.contains("known ids: exim, greenarrow, halon"), "{err}");
}

#[test]
fn show_without_an_id_lists_the_ids_with_their_names() {
    // A missing argument is a usage error (exit 2, nothing on standard output), as clap's are;
    // the list to choose from goes with it.
    let out = run(&["show"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.starts_with("mtafit: show needs an engine id"), "{err}");
    let rows: Vec<Vec<&str>> = err
        .lines()
        .skip(1)
        .map(|l| l.trim_start_matches("mtafit:").split_whitespace().collect())
        .collect();
    assert!(rows.contains(&vec!["kumomta", "KumoMTA"]), "{err}");
    assert!(rows.contains(&vec!["ses", "Amazon", "SES"]), "{err}");
    let builtin = mtafit_model::catalogue::Catalogue::builtin();
    assert_eq!(rows.len(), builtin.engines.len(), "{err}");
    let ids: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    assert_eq!(ids, builtin.ids(), "sorted by id");
}

#[test]
fn show_takes_an_id_in_any_case_and_suggests_across_case() {
    // People write the product's spelling, not the catalogue's.
    let out = run(&["show", "KumoMTA", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], "kumomta");
    let out = run(&["show", "PowerMTAs"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("(did you mean `powermta`?)"), "{err}");
}

#[test]
fn output_to_a_pipe_has_no_colour() {
    let out = run(&["check", &fixture("broken/unknown-field.ron")]);
    assert!(!stdout(&out).contains('\u{1b}'));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["show"]).status.code(), Some(2));
    assert_eq!(run(&["--own", "--rent", "check"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    // A bad option value is a usage error too, with no made-up output.
    let out = run(&["measure", "--year", "12", "x.log"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    // Every flag whose value the model reads, before or after the command, and for the explorer
    // too: clap's line names the flag and the value, then what was expected.
    for (args, says) in [
        (
            vec!["rank", "--volume", "abc"],
            "invalid value 'abc' for '--volume <V>': expected a number",
        ),
        (
            vec!["--volume", "7,5M", "walk"],
            "for '--volume <V>': a comma may only separate thousands",
        ),
        (
            vec!["--volume", "abc"],
            "for '--volume <V>': expected a number",
        ),
        (
            vec!["cost", "--weight", "budget"],
            "for '--weight <ID=N>': write it as ID=N",
        ),
        (
            vec!["rank", "--weight", "budget=x"],
            "for '--weight <ID=N>': expected a number: 0, or a weight from 0.01 to 10",
        ),
        (
            vec!["rank", "--weight", "cost=3"],
            "for '--weight <ID=N>': unknown factor \"cost\"; expected one of volume, budget",
        ),
        (
            vec!["sensitivity", "--must", "dkim"],
            "for '--must <CAP>': unknown capability \"dkim\"; expected one of ip_pools",
        ),
        (
            vec!["path", "--from", "x"],
            "for '--from <VOLUME>': expected a number",
        ),
        (
            vec!["path", "--to=-3"],
            "for '--to <VOLUME>': expected a number of 0 or more",
        ),
        (
            vec!["path", "--growth", "-60%"],
            "for '--growth <PCT>': expected a growth from -50% to +100% a month, found -60%",
        ),
        (
            vec!["measure", "--year", "1900", "x.log"],
            "for '--year <YYYY>': expected a year from 1990 to 2100",
        ),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = stderr(&out);
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(err.contains("For more information, try '--help'."), "{err}");
    }
}

#[test]
fn a_capability_listed_twice_is_an_error_where_it_is_repeated() {
    // A second entry would silently overrule the first; the file must say which it means.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme-mta.ron");
    let good = std::fs::read_to_string(fixture("good/acme-mta.ron")).unwrap();
    let bad = good.replacen(
        "        \"ip_pools\": Yes,\n",
        "        \"ip_pools\": Yes,\n        \"ip_pools\": No,\n",
        1,
    );
    assert_ne!(good, bad);
    std::fs::write(&path, bad).unwrap();
    let out = run(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("\"ip_pools\" is listed twice"), "{text}");
    assert!(
        text.starts_with(&format!("{}:23:", path.display())),
        "{text}"
    );
}

#[test]
fn stale_facts_are_named_and_fail_the_check() {
    // A file last checked in 2024 is more than a year old: named at its date, exit 1. Today's
    // catalogue passes the same question.
    let dir = tempfile::tempdir().unwrap();
    let old = std::fs::read_to_string(fixture("good/acme-mta.ron"))
        .unwrap()
        .replace("checked: \"2026-11-01\"", "checked: \"2024-03-01\"");
    let path = dir.path().join("acme-mta.ron");
    std::fs::write(&path, old).unwrap();
    let out = run(&["check", "--stale", "365", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains(&format!("{}:", path.display())) && text.contains("checked: \"2024-03-01\""),
        "{text}"
    );
    assert!(
        text.contains("Acme MTA's facts were last checked 2024-03-01"),
        "{text}"
    );
    // Without --stale the same file is fine.
    let out = run(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // The built-in catalogue is checked within a year.
    let out = run(&["check", "--stale", "365"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("every fact checked within 365 days"));
    // A price checked apart from the rest is its own fact.
    let prices = std::fs::read_to_string(fixture("good/acme-mta.ron"))
        .unwrap()
        .replace(
            "node_capacity_per_month: 20_000_000,",
            "node_capacity_per_month: 20_000_000, prices_checked: Some(\"2023-01-01\"),",
        );
    std::fs::write(&path, prices).unwrap();
    let out = run(&["check", "--stale", "365", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("prices were last checked 2023-01-01"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn show_gives_each_engines_age() {
    let text = stdout(&run(&["show", "ses"]));
    // "checked 2026-12-07 (3 days ago), from …": the age beside the date.
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("checked"))
        .unwrap();
    assert!(
        line.contains("(today)") || line.contains("(yesterday)") || line.contains(" days ago)"),
        "{line}"
    );
    assert!(text.contains("prices        checked"), "{text}");
}
