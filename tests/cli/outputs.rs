//! What people read on the command line, snapshotted: the `rank` and `walk` tables (the walk
//! agreeing and disagreeing with the ranking) and the exported Markdown. A change to any wording
//! shows here, to be accepted on purpose (`cargo insta review`, or move the `.snap.new` file).

use crate::common;

use crate::common::{run, stdout};
use insta::assert_snapshot;

/// Standard output of a successful run.
fn text(args: &[&str]) -> String {
    let out = run(args);
    assert!(out.status.success(), "{args:?}: {}", common::stderr(&out));
    stdout(&out)
}

#[test]
fn rank_table_for_the_briefs_sender() {
    assert_snapshot!(text(&["rank", "--no-color"]));
}

#[test]
fn walk_table_when_the_ranking_agrees() {
    assert_snapshot!(text(&["walk", "--no-color"]));
}

#[test]
fn walk_table_when_the_ranking_disagrees() {
    // A static-config team at 40M/month that weighs team skill above all: the walk says
    // KumoMTA, the ranking prefers an engine configured in the files the team already keeps.
    assert_snapshot!(text(&[
        "walk",
        "--no-color",
        "--volume",
        "40M",
        "--weight",
        "team=10",
        "--weight",
        "volume=2",
        "--weight",
        "budget=0",
        "--weight",
        "reversibility=0",
    ]));
}

#[test]
fn exported_markdown() {
    let md = text(&[
        "export",
        "--shortlist",
        "postfix,kumomta",
        "--format",
        "markdown",
        "-o",
        "-",
    ]);
    // The date the export was made changes every day.
    let dated = md.lines().next().is_some() && md.contains(" on 20");
    assert!(dated, "{md}");
    let stable: String = md
        .lines()
        .map(|l| match l.find(" on 20") {
            Some(i) if l.starts_with("Made with mtafit") => {
                format!("{} on DATE{}", &l[..i], &l[i + 14..])
            }
            _ => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_snapshot!(stable);
}
