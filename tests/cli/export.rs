//! `mtafit export` through the real binary: every format read back, and nothing lost or clobbered.

use crate::common::{fixture, run, stderr, stdout};
use serde_json::Value;
use std::path::Path;

fn export(dir: &Path, file: &str, format: &str, extra: &[&str]) -> std::process::Output {
    let out = dir.join(file);
    let mut args = vec![
        "export",
        "--shortlist",
        "postfix,kumomta,ses",
        "--format",
        format,
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

fn ranking(v: &Value) -> Vec<(String, f64)> {
    v["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_owned(),
                r["score"].as_f64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn ron_round_trips_to_the_same_scores_and_order() {
    let dir = tempfile::tempdir().unwrap();
    let flags = [
        "--volume",
        "40M",
        "--weight",
        "team=9.5",
        "--weight",
        "budget=3",
        "--must",
        "dkim_signing",
    ];
    let out = export(dir.path(), "s.ron", "ron", &flags);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("wrote"), "{}", stderr(&out));
    let path = dir.path().join("s.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("shortlist: ["), "{text}");
    assert!(text.contains("\"team\": 9.5"), "{text}");

    let mut args = vec!["rank", "--format", "json"];
    args.extend_from_slice(&flags);
    let original: Value = serde_json::from_slice(&run(&args).stdout).unwrap();
    let loaded_out = run(&[
        "rank",
        "--format",
        "json",
        "--profile",
        path.to_str().unwrap(),
    ]);
    assert_eq!(loaded_out.status.code(), Some(0), "{}", stderr(&loaded_out));
    let loaded: Value = serde_json::from_slice(&loaded_out.stdout).unwrap();
    assert_eq!(ranking(&original), ranking(&loaded));
    assert_eq!(original["weights"], loaded["weights"]);
    assert_eq!(original["walk"]["engine"], loaded["walk"]["engine"]);
}

#[test]
fn csv_reads_back_with_a_stable_header() {
    let dir = tempfile::tempdir().unwrap();
    assert!(export(dir.path(), "s.csv", "csv", &[]).status.success());
    let mut rdr = csv::Reader::from_path(dir.path().join("s.csv")).unwrap();
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        header,
        [
            "id",
            "name",
            "rank",
            "score",
            "annual_cost_usd",
            "licence",
            "kind",
            "volume",
            "budget",
            "team",
            "cloud_native",
            "support",
            "marketing",
            "capabilities",
            "reversibility",
            "excluded",
            "standing",
            "caveats",
            "cost_estimated",
            "status",
            "unasked"
        ]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let ids: Vec<&str> = rows.iter().map(|r| r.get(0).unwrap()).collect();
    assert_eq!(ids, ["postfix", "kumomta", "ses"], "rank order");
    for r in &rows {
        assert!(r.get(3).unwrap().parse::<f64>().is_ok());
        assert!(r.get(4).unwrap().parse::<f64>().is_ok());
    }
    assert!(
        !rows[2].get(15).unwrap().is_empty(),
        "SES is knocked out for an owner, with the reason"
    );
}

/// The rows and cells of the shortlist table (the first; the "as you grow" table follows it).
fn table_rows(markdown: &str) -> (usize, Vec<String>) {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut rows = 0;
    let mut in_head = false;
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut in_cell = false;
    for ev in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::End(TagEnd::Table) => break,
            Event::Start(Tag::TableRow) if !in_head => rows += 1,
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                cell.clear();
            }
            Event::End(TagEnd::TableCell) => {
                in_cell = false;
                if !in_head {
                    cells.push(cell.clone());
                }
            }
            Event::Text(t) | Event::Code(t) if in_cell => cell.push_str(&t),
            _ => {}
        }
    }
    (rows, cells)
}

#[test]
fn markdown_has_one_table_row_per_engine_and_the_context() {
    let dir = tempfile::tempdir().unwrap();
    assert!(export(dir.path(), "s.md", "markdown", &[]).status.success());
    let md = std::fs::read_to_string(dir.path().join("s.md")).unwrap();
    let (rows, cells) = table_rows(&md);
    assert_eq!(rows, 3);
    assert!(cells.contains(&"Postfix".to_owned()) && cells.contains(&"KumoMTA".to_owned()));
    for section in [
        "## Profile",
        "## Weights",
        "## Shortlist",
        "## As you grow",
        "## The brief's walk",
        "## Engines",
        "**Good at:**",
        "**Cautions:**",
        "<https://",
    ] {
        assert!(md.contains(section), "missing {section}");
    }
    assert!(md.contains("Verdict: **Postfix**"));
}

#[test]
fn json_is_the_rank_contract_restricted_to_the_shortlist() {
    let out = run(&[
        "export",
        "--shortlist",
        "powermta,postfix",
        "--format",
        "json",
        "-o",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["postfix", "powermta"]);
    for r in v["ranking"].as_array().unwrap() {
        for k in [
            "rank",
            "id",
            "name",
            "score",
            "excluded",
            "annual_cost_usd",
            "factors",
        ] {
            assert!(r.get(k).is_some(), "{k}");
        }
    }
    // The rank in the whole ranking, not the place in the shortlist.
    let whole: Value = serde_json::from_slice(&run(&["rank", "--format", "json"]).stdout).unwrap();
    let powermta = whole["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "powermta")
        .unwrap();
    assert!(powermta["rank"].as_u64().unwrap() > 2);
    assert_eq!(v["ranking"][1]["rank"], powermta["rank"]);
    assert!(v["profile"]["monthly_volume"].is_u64());
    assert_eq!(v["weights"].as_object().unwrap().len(), 8);
    assert_eq!(v["walk"]["engine"], "postfix");
    assert_eq!(v["shortlist"], serde_json::json!(["postfix", "powermta"]));
}

#[test]
fn an_existing_file_is_not_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.md");
    std::fs::write(&path, "my notes").unwrap();
    let out = export(dir.path(), "s.md", "markdown", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my notes");
    let out = export(dir.path(), "s.md", "markdown", &["--force"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("# MTA shortlist")
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn an_unknown_id_lists_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&[
        "export",
        "--shortlist",
        "postfix,kumo",
        "--format",
        "csv",
        "-o",
        dir.path().join("x.csv").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("there is no engine with id \"kumo\" (did you mean `kumomta`?)"),
        "{err}"
    );
    assert!(err.contains("known ids:"));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

#[test]
fn an_unwritable_place_is_a_sentence_and_leaves_nothing() {
    // md is Markdown, so the write is tried (and fails below); a format that is none is a usage
    // error before anything is tried.
    let args = |format| {
        run(&[
            "export",
            "--shortlist",
            "postfix",
            "--format",
            format,
            "-o",
            "/no/such/folder/s.md",
        ])
    };
    assert_eq!(args("md").status.code(), Some(1), "md is Markdown");
    assert_eq!(args("txt").status.code(), Some(2), "txt is not a format");
    // A folder that is not there, and one that exists but takes no new files, even for root.
    for (path, says) in [
        (
            "/no/such/folder/s.md",
            "cannot write /no/such/folder/s.md: the folder /no/such/folder does not exist",
        ),
        (
            "/proc/mtafit-shortlist.md",
            "cannot write /proc/mtafit-shortlist.md: the folder /proc does not take new files",
        ),
    ] {
        let out = run(&[
            "export",
            "--shortlist",
            "postfix",
            "--format",
            "markdown",
            "-o",
            path,
        ]);
        assert_eq!(out.status.code(), Some(1), "{path}");
        assert!(stderr(&out).contains(says), "{}", stderr(&out));
    }
    assert!(!Path::new("/proc/mtafit-shortlist.md").exists());
}

#[test]
fn awkward_names_cannot_break_the_markdown_table() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(fixture("good/acme-mta.ron")).unwrap();
    let src = src.replace(
        "name: \"Acme MTA\"",
        "name: \"Pipe | Mail\\nServer *bold* <b>\"",
    );
    std::fs::write(dir.path().join("acme-mta.ron"), src).unwrap();
    let out = run(&[
        "export",
        "--shortlist",
        "acme-mta,postfix",
        "--format",
        "markdown",
        "-o",
        "-",
        "--catalogue",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = stdout(&out);
    let (rows, cells) = table_rows(&md);
    assert_eq!(rows, 2, "{md}");
    assert!(
        cells.iter().any(|c| c == "Pipe | Mail Server *bold* <b>"),
        "{cells:?}"
    );
    assert!(!md.contains("<b>"), "no raw HTML passes through");
}

#[test]
fn shortlist_ids_are_taken_in_any_case_and_written_as_the_catalogue_spells_them() {
    let out = run(&[
        "export",
        "--shortlist",
        "PowerMTA,KumoMTA",
        "--format",
        "json",
        "-o",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut ids: Vec<String> = ranking(&v).into_iter().map(|(id, _)| id).collect();
    ids.sort();
    assert_eq!(ids, ["kumomta", "powermta"]);
    let out = run(&[
        "export",
        "--shortlist",
        "PowerMTAs",
        "--format",
        "json",
        "-o",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("did you mean `powermta`?"),
        "{}",
        stderr(&out)
    );
}
