//! `mtafit list`: the catalogue in use, by id, name and kind, in every format.

use crate::common::{fixture, run, stderr, stdout};
use serde_json::Value;

/// (id, name, kind) for every engine `rank --format json` ranks, with `args` added.
fn ranked(args: &[&str]) -> Vec<(String, String, String)> {
    let out = run(&[&["rank", "--format", "json"], args].concat());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut all: Vec<_> = v["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let kind = match r["kind"].as_str().unwrap() {
                "SelfHosted" => "self-hosted",
                _ => "managed",
            };
            (
                r["id"].as_str().unwrap().to_owned(),
                r["name"].as_str().unwrap().to_owned(),
                kind.to_owned(),
            )
        })
        .collect();
    all.sort();
    all
}

fn listed(args: &[&str]) -> String {
    let out = run(&[&["list"], args].concat());
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

#[test]
fn list_names_every_engine_of_the_catalogue_in_use_with_its_kind() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("good/acme-mta.ron"),
        dir.path().join("acme-mta.ron"),
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    for extra in [&[][..], &["--catalogue", d]] {
        let want = ranked(extra);
        assert_eq!(
            want.iter().any(|(id, ..)| id == "acme-mta"),
            !extra.is_empty()
        );
        // The table: one row per engine, its id, name and kind in columns.
        let table = listed(extra);
        for (id, name, kind) in &want {
            assert!(
                table.lines().any(|l| {
                    let cells: Vec<&str> = l
                        .split("  ")
                        .map(str::trim)
                        .filter(|c| !c.is_empty())
                        .collect();
                    cells == [id.as_str(), name.as_str(), kind.as_str()]
                }),
                "{id}: {table}"
            );
        }
        let managed = want.iter().filter(|(.., k)| k == "managed").count();
        assert!(
            table.contains(&format!(
                "{} engines: {} self-hosted, {managed} managed.",
                want.len(),
                want.len() - managed
            )),
            "{table}"
        );
        // CSV, JSON and Markdown say the same.
        let csv = listed(&[extra, &["--format", "csv"]].concat());
        let mut rdr = csv::Reader::from_reader(csv.as_bytes());
        assert_eq!(rdr.headers().unwrap(), vec!["id", "name", "kind"]);
        let mut rows: Vec<(String, String, String)> = rdr
            .records()
            .map(|r| {
                let r = r.unwrap();
                (r[0].to_owned(), r[1].to_owned(), r[2].to_owned())
            })
            .collect();
        rows.sort();
        assert_eq!(rows, want);
        let v: Value =
            serde_json::from_str(&listed(&[extra, &["--format", "json"]].concat())).unwrap();
        let ids: Vec<&str> = v["engines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids.len(), want.len());
        let ses = v["engines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == "ses")
            .unwrap();
        assert_eq!(
            ses,
            &serde_json::json!({"id": "ses", "name": "Amazon SES", "kind": "Managed"})
        );
        let md = listed(&[extra, &["--format", "markdown"]].concat());
        assert!(
            md.starts_with("| Id | Engine | Kind |\n|---|---|---|\n"),
            "{md}"
        );
        assert!(md.contains("| ses | Amazon SES | managed |"), "{md}");
        assert_eq!(md.lines().count(), want.len() + 2, "{md}");
    }
}
