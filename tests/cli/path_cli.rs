//! `mtafit path` through the real binary: the brief's sender, exact change points checked
//! against `rank --volume`, growth, the JSON shape and bad ranges.

use crate::common::{run, stderr, stdout};
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let out = run(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON")
}

/// The top pick `rank --volume V` gives for the brief's sender.
fn rank_top(v: u64) -> Option<String> {
    let r = json(&[
        "rank",
        "--profile",
        "brief-7.4m",
        "--volume",
        &v.to_string(),
        "--format",
        "json",
    ]);
    r["comparison"]["top"].as_str().map(str::to_owned)
}

#[test]
fn the_briefs_sender_sees_where_postfix_stops_and_what_follows() {
    let p = json(&["path", "--profile", "brief-7.4m", "--format", "json"]);
    let stretches = p["stretches"].as_array().unwrap();
    let yours: Vec<&Value> = stretches.iter().filter(|s| s["yours"] == true).collect();
    assert_eq!(yours.len(), 1);
    // The brief: below ~10M a month a tuned Postfix suffices; 7.4M is the brief's own sender.
    assert_eq!(yours[0]["pick"], "postfix");
    // Postfix stops leading at or above the brief's 10M line and no later than the 55M a
    // month it is proven to carry; a high-volume engine follows. The brief's default is
    // KumoMTA; PowerMTA is the other engine it names for this scale, and a static-config team
    // (this profile) may find its configuration files the smaller step from Postfix than
    // KumoMTA's Lua.
    let changes = p["changes"].as_array().unwrap();
    let stop = changes
        .iter()
        .find(|c| c["before"] == "postfix")
        .expect("Postfix stops being the pick somewhere");
    let at = stop["monthly_volume"].as_u64().unwrap();
    assert!(
        (10_000_000..=55_000_001).contains(&at),
        "Postfix stops at {at}"
    );
    let after = stop["after"].as_str().unwrap();
    assert!(["kumomta", "powermta"].contains(&after), "{after}");
    // Exact: the ranking itself changes there, to the message.
    assert_eq!(rank_top(at).as_deref(), Some(after));
    assert_eq!(rank_top(at - 1).as_deref(), Some("postfix"));
    // Costs of both sides at the change.
    let ids: Vec<&str> = stop["costs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["postfix", after]);
    // The text says it too, and marks the sender's stretch.
    let out = run(&["path", "--profile", "brief-7.4m", "--no-color"]);
    let text = stdout(&out);
    assert!(text.contains("▶ 10k"), "{text}");
    assert!(
        text.contains(&format!(
            "Postfix → {}",
            if after == "kumomta" {
                "KumoMTA"
            } else {
                "PowerMTA"
            }
        )),
        "{text}"
    );
}

#[test]
fn stretches_cover_the_range_and_the_walk_is_given_for_each() {
    let p = json(&["path", "--from", "1M", "--to", "2B", "--format", "json"]);
    assert_eq!(p["from"], 1_000_000);
    assert_eq!(p["to"], 2_000_000_000u64);
    let s = p["stretches"].as_array().unwrap();
    assert_eq!(s[0]["from"], 1_000_000);
    assert_eq!(s.last().unwrap()["to"], 2_000_000_000u64);
    for w in s.windows(2) {
        assert_eq!(
            w[0]["to"].as_u64().unwrap() + 1,
            w[1]["from"].as_u64().unwrap()
        );
    }
    for x in s {
        let agree = x["agreement"].as_str().unwrap();
        assert!(
            ["agree", "disagree", "no_ranking_top", "no_walk_engine"].contains(&agree),
            "{agree}"
        );
        if agree == "agree" {
            assert_eq!(x["pick"], x["walk"]);
        }
    }
    // Owning the sending layer, the walk turns at the brief's 10M line.
    assert!(s.iter().any(|x| x["from"] == 10_000_000), "{s:?}");
}

#[test]
fn growth_says_how_long_until_the_next_change() {
    let p = json(&[
        "path",
        "--profile",
        "brief-7.4m",
        "--growth",
        "6%",
        "--format",
        "json",
    ]);
    assert_eq!(p["growth"]["source"], "option");
    let o = &p["outlook"];
    let target = o["monthly_volume"].as_u64().unwrap();
    let first_change = p["changes"][0]["monthly_volume"].as_u64().unwrap();
    assert_eq!(target, first_change, "the next change above 7.4M");
    // 7,421,043 × 1.06^n reaches it after ln(target/7.42M)/ln(1.06) months.
    let months = (target as f64 / 7_421_043.0).ln() / 1.06f64.ln();
    assert!((o["months"].as_f64().unwrap() - months).abs() < 0.06, "{o}");
    let text = stdout(&run(&[
        "path",
        "--profile",
        "brief-7.4m",
        "--growth",
        "6%",
        "--no-color",
    ]));
    assert!(
        text.contains("at +6 %/month (as given) you reach"),
        "{text}"
    );
    // Shrinking: nothing below changes the pick, so it stays to the range's end.
    let text = stdout(&run(&["path", "--growth", "-5%", "--no-color"]));
    assert!(
        text.contains("the top pick stays Postfix down to 10k"),
        "{text}"
    );
    // No growth anywhere: says how to get one.
    let text = stdout(&run(&["path", "--no-color"]));
    assert!(text.contains("no growth recorded"), "{text}");
}

#[test]
fn bad_ranges_and_growths_are_refused() {
    // Each value readable, but together no range: bad input (exit 1).
    let out = run(&["path", "--from", "1B", "--to", "1M"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not below --to"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty(), "nothing half-printed");
    // A value that is not one: a usage error (exit 2), in clap's words.
    for (args, says) in [
        (
            vec!["path", "--from", "lots"],
            "invalid value 'lots' for '--from <VOLUME>': expected a number",
        ),
        (
            vec!["path", "--to", "2000B"],
            "for '--to <VOLUME>': the volume \"2000B\" is more than",
        ),
        (
            vec!["path", "--growth", "300%"],
            "for '--growth <PCT>': expected a growth from -50% to +100%",
        ),
        (vec!["path", "--growth", "fast"], "like 6% or -2%"),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "nothing half-printed");
    }
}

#[test]
fn the_export_has_an_as_you_grow_section() {
    let out = run(&[
        "export",
        "--profile",
        "brief-7.4m",
        "--shortlist",
        "postfix,kumomta",
        "--format",
        "markdown",
        "-o",
        "-",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    let section = md
        .split("## As you grow")
        .nth(1)
        .expect("the section")
        .split("\n## ")
        .next()
        .unwrap();
    // Half to ten times 7,421,043.
    assert!(section.contains("3.7M to 74.2M a month"), "{section}");
    assert!(
        section.contains("| 3,710,521 | 9,999,999 | Postfix (you: 7.4M) |"),
        "{section}"
    );
    assert!(section.contains("Postfix →"), "{section}");
    assert!(section.contains("As you grow:"), "{section}");
}
