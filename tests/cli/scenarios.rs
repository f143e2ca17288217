//! The brief's scenarios through the real binary, and the model commands' contracts.

use crate::common::{run, stderr, stdout};
use serde_json::Value;

fn profile(name: &str) -> String {
    format!("{}/data/profiles/{name}.ron", env!("CARGO_MANIFEST_DIR"))
}

fn json(args: &[&str]) -> Value {
    let out = run(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}\n{}", stdout(&out)))
}

/// (profile, the brief's answer)
const SCENARIOS: &[(&str, &str)] = &[
    ("esp-enough", "ses"),
    ("brief-7.4m", "postfix"),
    ("high-volume-no-licence", "kumomta"),
    ("powermta-licence", "powermta"),
    ("policy-and-filtering", "halon"),
    ("external-queue", "mailerq"),
    ("bundled-marketing", "greenarrow"),
];

#[test]
fn each_scenario_ranks_and_walks_to_the_briefs_answer() {
    for (name, answer) in SCENARIOS {
        let v = json(&["rank", "--format", "json", "--profile", &profile(name)]);
        let top = v["ranking"][0]["id"].as_str().unwrap();
        assert_eq!(top, *answer, "{name}: ranking");
        assert_eq!(v["ranking"][0]["excluded"], Value::Null, "{name}");
        assert_eq!(v["walk"]["engine"], *answer, "{name}: walk");
        assert_eq!(v["walk"]["agrees"], true, "{name}");
        let w = json(&["walk", "--format", "json", "--profile", &profile(name)]);
        assert_eq!(w["engine"], *answer, "{name}: walk command");
        // Every engine of the wrong kind, without a must, of the wrong role or beyond what it is
        // proven to carry is set apart with its reason.
        for r in v["ranking"].as_array().unwrap().iter().skip(1) {
            if let Some(reason) = r["excluded"].as_str() {
                assert!(
                    reason.starts_with("lacks a must: ")
                        || reason.contains("managed service")
                        || reason.contains("self-hosted")
                        || reason.starts_with("a mailbox server")
                        || reason.starts_with("beyond what it is proven to carry"),
                    "{name}: {reason}"
                );
            }
        }
    }
}

#[test]
fn the_specialist_scenarios_are_decided_by_their_must() {
    // Without the must, the same profiles no longer end at the specialist: the must is what
    // moves the walk, as the brief says.
    for (name, specialist) in [
        ("policy-and-filtering", "halon"),
        ("external-queue", "mailerq"),
        ("bundled-marketing", "greenarrow"),
    ] {
        let text = std::fs::read_to_string(profile(name)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let stripped = dir.path().join("p.ron");
        let body: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("must:"))
            .collect::<Vec<_>>()
            .join("\n")
            .replace("marketing: Wanted", "marketing: Indifferent");
        std::fs::write(&stripped, body).unwrap();
        let v = json(&[
            "rank",
            "--format",
            "json",
            "--profile",
            stripped.to_str().unwrap(),
        ]);
        assert_ne!(v["walk"]["engine"], specialist, "{name}");
        let with = json(&["rank", "--format", "json", "--profile", &profile(name)]);
        let out = |v: &Value| {
            v["ranking"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| r["excluded"].is_string())
                .count()
        };
        assert!(out(&v) < out(&with), "{name}: the must knocks engines out");
    }
}

#[test]
fn an_esp_scenario_ends_in_a_managed_service() {
    let v = json(&[
        "rank",
        "--format",
        "json",
        "--profile",
        &profile("esp-enough"),
    ]);
    assert_eq!(
        v["ranking"][0]["kind"], "Managed",
        "the same vocabulary as `show`"
    );
    assert_eq!(v["profile"]["own_infrastructure"], false);
}

#[test]
fn rank_table_for_the_briefs_volume_puts_postfix_first_with_reasons() {
    let out = run(&["rank", "--volume", "7.4M"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let first = text
        .lines()
        .find(|l| l.trim_start().starts_with("1 "))
        .unwrap();
    assert!(first.contains("Postfix"), "{first}");
    assert!(text.contains("Why Postfix leads"));
    assert!(text.contains("7.4M/month is inside Postfix's band (up to 10M/month)"));
    assert!(text.contains("Out of the running ("));
    assert!(
        text.contains("Amazon SES      a managed service, and you want to own the sending layer")
    );
    assert!(
        first.contains("$11.6k") && first.contains("≤10M/mo"),
        "units are shown: {first}"
    );
}

#[test]
fn rank_json_carries_every_field_of_the_contract() {
    let v = json(&["rank", "--format", "json"]);
    for f in [
        "own_infrastructure",
        "monthly_volume",
        "annual_budget_usd",
        "team",
        "team_knows",
        "licences_held",
        "cloud_native",
        "support",
        "marketing",
        "must",
        "want",
        "hourly_rate_usd",
        "node_cost_per_month_usd",
    ] {
        assert!(v["profile"].get(f).is_some(), "profile.{f}");
    }
    assert_eq!(v["profile"]["monthly_volume"], 7_421_043);
    let weights = v["weights"].as_object().unwrap();
    assert_eq!(
        weights.keys().collect::<Vec<_>>(),
        [
            "volume",
            "budget",
            "team",
            "cloud_native",
            "support",
            "marketing",
            "capabilities",
            "reversibility"
        ]
    );
    assert_eq!(v["weights"]["volume"], 10);
    let ranking = v["ranking"].as_array().unwrap();
    assert_eq!(ranking.len(), 17);
    for (i, r) in ranking.iter().enumerate() {
        assert_eq!(r["rank"], i + 1);
        for f in [
            "id",
            "name",
            "score",
            "excluded",
            "annual_cost_usd",
            "factors",
        ] {
            assert!(r.get(f).is_some(), "ranking[{i}].{f}");
        }
        let factors = r["factors"].as_array().unwrap();
        assert_eq!(factors.len(), 8);
        let mut sum = 0.0;
        for f in factors {
            for k in ["id", "weight", "fit", "contribution", "why"] {
                assert!(f.get(k).is_some(), "factor.{k}");
            }
            let fit = f["fit"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&fit));
            assert!(!f["why"].as_str().unwrap().is_empty());
            sum += f["contribution"].as_f64().unwrap();
        }
        assert!(
            (sum - r["score"].as_f64().unwrap()).abs() < 0.5,
            "contributions add up to the score"
        );
    }
    // Knocked-out engines come after every candidate, with their reason.
    let first_out = ranking
        .iter()
        .position(|r| !r["excluded"].is_null())
        .unwrap();
    assert!(
        ranking[first_out..]
            .iter()
            .all(|r| r["excluded"].is_string())
    );
    assert!(v["walk"]["steps"][0]["question"].is_string());
    assert!(v["walk"]["steps"][0]["answer"].is_string());
}

#[test]
fn rank_top_limits_the_candidates() {
    let v = json(&["rank", "--format", "json", "--top", "3"]);
    let ranking = v["ranking"].as_array().unwrap();
    assert_eq!(
        ranking.iter().filter(|r| r["excluded"].is_null()).count(),
        3
    );
    let text = stdout(&run(&["rank", "--top", "2"]));
    assert!(
        text.contains("\n 2  ") && !text.contains("\n 3  "),
        "{text}"
    );
}

#[test]
fn rank_csv_and_markdown() {
    let out = run(&["rank", "--format", "csv"]);
    let mut rdr = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        &header[..7],
        [
            "id",
            "name",
            "rank",
            "score",
            "annual_cost_usd",
            "licence",
            "kind"
        ]
    );
    assert_eq!(
        &header[7..15],
        [
            "volume",
            "budget",
            "team",
            "cloud_native",
            "support",
            "marketing",
            "capabilities",
            "reversibility"
        ]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 17);
    assert_eq!(&rows[0][0], "postfix");
    let md = stdout(&run(&["rank", "--format", "markdown"]));
    assert!(md.starts_with("| # | Engine | Score |"));
    assert_eq!(md.lines().filter(|l| l.starts_with("| ")).count(), 18);
}

#[test]
fn walk_table_shows_the_gates_and_agreement() {
    let text = stdout(&run(&["walk", "--volume", "40M", "--weight", "team=0"]));
    assert!(text.contains("1. Do you need to own the sending layer, or is an ESP enough?"));
    assert!(text.contains("2. Is your volume below about 10M messages a month?"));
    assert!(text.contains("no, 40M/month is above the line"));
    assert!(text.contains("Verdict: KumoMTA"));
}

#[test]
fn a_disagreement_is_explained() {
    // A static-config team at 40M/month that weighs team skill above all: the walk says
    // KumoMTA, whose Lua is a new kind of work; team fit favours engines configured in files.
    let v = json(&[
        "rank",
        "--format",
        "json",
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
    ]);
    let top = v["ranking"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(v["walk"]["engine"], "kumomta");
    assert_ne!(top, "kumomta");
    assert_eq!(v["walk"]["agrees"], false);
    let factors = v["walk"]["disagreement"]["factors"].as_array().unwrap();
    assert_eq!(
        factors[0]["id"], "team",
        "team weight is what favours {top}"
    );
    let text = stdout(&run(&[
        "walk",
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
    assert!(text.contains("but the weighted ranking puts"), "{text}");
    assert!(text.contains("Factors that favour"), "{text}");
}

#[test]
fn cost_shows_where_ses_stops_being_cheaper() {
    let text = stdout(&run(&["cost"]));
    assert!(text.contains("▶       7.4M"), "{text}");
    assert!(
        text.contains("Amazon SES is cheaper below, Postfix above"),
        "{text}"
    );
    let v = json(&["cost", "--format", "json"]);
    let volumes = v["volumes"].as_array().unwrap();
    assert_eq!(volumes.first().unwrap(), 100_000);
    assert_eq!(volumes.last().unwrap(), 1_000_000_000);
    assert!(volumes.contains(&Value::from(7_421_043)));
    for e in v["engines"].as_array().unwrap() {
        assert!(e["id"].is_string());
        assert_eq!(
            e["annual_cost_usd"].as_array().unwrap().len(),
            volumes.len()
        );
    }
    let x = v["crossovers"].as_array().unwrap();
    assert!(x.iter().any(|c| c["a"] == "ses" && c["b"] == "postfix"));
    for c in x {
        assert!(c["monthly_volume"].is_u64() && c["a"].is_string() && c["b"].is_string());
    }
}

#[test]
fn sensitivity_json_carries_the_contract() {
    let v = json(&["sensitivity", "--format", "json"]);
    assert_eq!(v["top"], "postfix");
    assert!(v["robustness"].as_f64().unwrap() > 0.0);
    let factors = v["factors"].as_array().unwrap();
    assert_eq!(factors.len(), 8);
    for f in factors {
        for k in [
            "id",
            "weight",
            "keeps_top_from",
            "keeps_top_to",
            "below",
            "above",
        ] {
            assert!(f.get(k).is_some(), "{k}");
        }
    }
    let text = stdout(&run(&["sensitivity"]));
    assert!(
        text.starts_with("Top pick: Postfix\nIt holds even if every weight is off by ±"),
        "{text}"
    );
}

#[test]
fn sensitivity_marks_the_factors_the_profile_does_not_ask_about() {
    // The default profile asks no cloud-native need, no vendor support and no wanted capability:
    // their weights move nothing, so no range is shown for them as if it were safe to move.
    let text = stdout(&run(&["sensitivity", "--no-color"]));
    let row = |name: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("no {name} row: {text}"))
            .to_owned()
    };
    for name in ["Cloud-native", "Support", "Capabilities"] {
        let r = row(name);
        assert!(r.contains('·') && r.ends_with("(not asked)"), "{r}");
        assert!(!r.contains('–'), "{r}");
    }
    for name in [
        "Volume",
        "Budget",
        "Team skill",
        "Marketing",
        "Reversibility",
    ] {
        let r = row(name);
        assert!(r.contains(" – ") && !r.contains("not asked"), "{r}");
    }
    assert!(
        text.contains("· (not asked): the profile does not ask about this factor"),
        "{text}"
    );
}

#[test]
fn zero_weights_give_a_hint_not_nan() {
    let mut args = vec!["rank", "--format", "json"];
    for f in [
        "volume",
        "budget",
        "team",
        "cloud_native",
        "support",
        "marketing",
        "capabilities",
        "reversibility",
    ] {
        args.push("--weight");
        args.push(Box::leak(format!("{f}=0").into_boxed_str()));
    }
    let v = json(&args);
    assert!(
        v["hint"]
            .as_str()
            .unwrap()
            .contains("raise at least one weight")
    );
    assert!(
        v["ranking"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["score"] == 0.0)
    );
    assert_eq!(v["walk"]["agrees"], false);
}

#[test]
fn flags_override_the_profile_file() {
    let v = json(&[
        "rank",
        "--format",
        "json",
        "--profile",
        &profile("brief-7.4m"),
        "--volume",
        "250k/day",
        "--rent",
        "--must",
        "http_api",
    ]);
    assert_eq!(v["profile"]["monthly_volume"], 7_609_375);
    assert_eq!(v["profile"]["own_infrastructure"], false);
    assert_eq!(v["profile"]["must"], serde_json::json!(["http_api"]));
    // A built-in profile can be named without its path.
    let v = json(&["rank", "--format", "json", "--profile", "external-queue"]);
    assert_eq!(v["ranking"][0]["id"], "mailerq");
}

#[test]
fn bad_input_is_a_sentence_and_exit_1() {
    // A profile is a file (or a built-in name): one that cannot be read is bad input.
    let out = run(&["rank", "--profile", "/no/such.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(
        err.contains("give a file, or one of the built-in profiles"),
        "{err}"
    );
}

#[test]
fn a_bad_flag_value_is_a_usage_error_that_says_what_was_expected() {
    for (args, says) in [
        (
            vec!["rank", "--volume", "lots"],
            "error: invalid value 'lots' for '--volume <V>': expected a number with an optional \
             k, M or B; write it like 7421043, 7.4M, 250k/day",
        ),
        (
            vec!["rank", "--weight", "budgte=3"],
            "for '--weight <ID=N>': unknown factor \"budgte\" (did you mean `budget`?)",
        ),
        (
            vec!["rank", "--weight", "volume=30"],
            "for '--weight <ID=N>': expected 0, or a weight from 0.01 to 10 (weights count in \
             hundredths), found 30",
        ),
        (vec!["rank", "--must", "web_uii"], "did you mean `web_ui`?"),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn a_volume_beyond_any_sender_is_refused_the_same_way_however_it_is_written() {
    // `742104340M` (an extra suffix) used to be ranked, pricing picks in billions of dollars,
    // while `1e99` was refused: one limit now covers both.
    let mut errors = Vec::new();
    for volume in ["742104340M", "1e99"] {
        let out = run(&["rank", "--volume", volume]);
        assert_eq!(out.status.code(), Some(2), "{volume}: {}", stdout(&out));
        assert!(out.stdout.is_empty());
        let err = stderr(&out);
        assert!(
            err.contains("more than 1,000,000,000,000 (a trillion) messages a month"),
            "{volume}: {err}"
        );
        errors.push(err.replace(volume, "V"));
    }
    assert_eq!(errors[0], errors[1]);
    // A profile file is held to the same limit, located.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    std::fs::write(&path, "Profile(\n    monthly_volume: 742104340000000,\n)\n").unwrap();
    let out = run(&["rank", "--profile", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}:2:21: error: expected monthly_volume of at most 1,000,000,000,000",
            path.display()
        )),
        "{err}"
    );
}

#[test]
fn engine_ids_in_a_profile_are_matched_whatever_their_case() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, id: &str| {
        let path = dir.path().join(name);
        std::fs::write(
            &path,
            format!("Profile(licences_held: [\"{id}\"], team_knows: [\"{id}\"], shortlist: [\"{id}\"])\n"),
        )
        .unwrap();
        path.to_str().unwrap().to_owned()
    };
    let spelled = write("spelled.ron", "PowerMTA");
    let exact = write("exact.ron", "powermta");
    let out = run(&["rank", "--format", "json", "--profile", &spelled]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("not in the catalogue"),
        "{}",
        stderr(&out)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["profile"]["licences_held"],
        serde_json::json!(["powermta"])
    );
    assert_eq!(v["profile"]["team_knows"], serde_json::json!(["powermta"]));
    // The licence and the team's knowledge count exactly as with the catalogue's spelling.
    assert_eq!(v, json(&["rank", "--format", "json", "--profile", &exact]));
    // An id that matches nothing is still a warning, with a suggestion.
    let typo = write("typo.ron", "PowerMTAs");
    let err = stderr(&run(&["rank", "--profile", &typo]));
    assert!(
        err.contains("licences_held names \"PowerMTAs\", which is not in the catalogue (did you mean `powermta`?)"),
        "{err}"
    );
}

#[test]
fn a_broken_profile_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    std::fs::write(
        &path,
        "Profile(\n    monthly_volume: 5_000_000,\n    tema: Api,\n)\n",
    )
    .unwrap();
    let out = run(&["rank", "--profile", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}:3:5: error: unknown field `tema`",
            path.display()
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `team`?"));
}

#[test]
fn cost_parts_have_stable_ids_and_add_up() {
    // The old `cost_items` keys were labels that changed with the profile; `costs` has ids.
    for volume in ["7.4M", "60M"] {
        let v = json(&["rank", "--format", "json", "--volume", volume]);
        for e in v["ranking"].as_array().unwrap() {
            let costs = e["costs"].as_array().unwrap();
            let sum: f64 = costs
                .iter()
                .map(|c| c["annual_usd"].as_f64().unwrap())
                .sum();
            let total = e["annual_cost_usd"].as_f64().unwrap();
            assert!(
                (sum - total).abs() < 0.05,
                "{}: {sum} against {total}",
                e["id"]
            );
            for c in costs {
                let kind = c["kind"].as_str().unwrap();
                assert!(
                    [
                        "licence",
                        "messages",
                        "fixed_fees",
                        "servers",
                        "ip_addresses",
                        "operations",
                        "coordination",
                        "deliverability"
                    ]
                    .contains(&kind),
                    "{kind}"
                );
                let provenance = c["provenance"].as_str().unwrap();
                assert!(["sourced", "estimated", "assumed"].contains(&provenance));
                if ["servers", "operations", "coordination", "deliverability"].contains(&kind) {
                    assert_eq!(provenance, "assumed", "{}", e["id"]);
                }
                // Staff time is not cash; everything else is.
                let staff = ["operations", "coordination", "deliverability"].contains(&kind);
                assert_eq!(c["cash"], !staff, "{kind}");
            }
            // The deprecated object is still there for programs written against it.
            assert!(e["cost_items"].is_object());
        }
        assert!(v["walk"]["agreement"].is_string());
    }
}

#[test]
fn outputs_keep_what_marks_an_estimate_and_why_an_engine_is_out() {
    // Markdown: an estimated cost keeps its star and the key says what it means; every engine
    // that is out says why.
    let md = stdout(&run(&["rank", "--format", "markdown"]));
    assert!(md.contains("$19.6k\\*"), "{md}");
    assert!(
        md.contains("the cost rests on an estimated or extrapolated price"),
        "{md}"
    );
    assert!(
        md.contains("**Amazon SES** is out of the running: a managed service"),
        "{md}"
    );
    // CSV: a column says whether the cost is estimated.
    let csv = stdout(&run(&["rank", "--format", "csv"]));
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let header = rdr.headers().unwrap().clone();
    let col = header.iter().position(|h| h == "cost_estimated").unwrap();
    let estimated: Vec<String> = rdr.records().map(|r| r.unwrap()[col].to_owned()).collect();
    assert!(estimated.iter().any(|v| v == "true") && estimated.iter().any(|v| v == "false"));
    // --top 3: the best three, and a count of the rest out of the running, not every one.
    for format in ["table", "markdown"] {
        let top = stdout(&run(&["rank", "--top", "3", "--format", format]));
        assert!(!top.contains("Amazon SES"), "{format}: {top}");
        assert!(
            top.contains("--top 3 leaves out 14 more engines (6 of them out of the running); drop --top to list every engine."),
            "{format}: {top}"
        );
    }
}

/// The engine names of the default catalogue, in the order `rank --format json` lists them.
fn ranked_names() -> Vec<String> {
    json(&["rank", "--format", "json"])["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn rank_top_n_shows_exactly_n_engines_in_table_and_markdown_and_counts_the_rest_once() {
    let names = ranked_names();
    assert_eq!(names.len(), 17, "the default catalogue changed: {names:?}");
    // 3 is within the candidates; 13 reaches into the engines out of the running.
    for n in [1, 3, 13, 17] {
        for format in ["table", "markdown"] {
            let text = stdout(&run(&["rank", "--top", &n.to_string(), "--format", format]));
            // Each engine's row starts with its name after the rank column (or, out of the
            // running, after the indent); the remarks and reasons name them later, so look
            // only at the lines that start a row.
            let listed: Vec<&String> = names
                .iter()
                .filter(|name| {
                    text.lines().any(|l| {
                        if format == "table" {
                            l.len() > 4 && l[4..].starts_with(name.as_str())
                        } else {
                            l.starts_with("| ") && l.contains(&format!(" | {name} | "))
                        }
                    })
                })
                .collect();
            assert_eq!(
                listed,
                names.iter().take(n).collect::<Vec<_>>(),
                "{format} --top {n}: {text}"
            );
            let said = text.matches("drop --top to list every engine").count();
            assert_eq!(said, usize::from(n < 17), "{format} --top {n}: {text}");
            if n == 13 {
                assert!(
                    text.contains("--top 13 leaves out 4 more engines (all out of the running)"),
                    "{format}: {text}"
                );
            }
        }
    }
}

#[test]
fn rank_top_keeps_the_json_and_csv_contract_and_json_counts_what_it_left_out() {
    for n in [3, 13] {
        let v = json(&["rank", "--format", "json", "--top", &n.to_string()]);
        let ranking = v["ranking"].as_array().unwrap();
        let candidates = ranking.iter().filter(|r| r["standing"] != "out").count();
        let out = ranking.iter().filter(|r| r["standing"] == "out").count();
        // The first N not out, and every engine out of the running (docs/json.md).
        assert_eq!(candidates, n.min(11), "--top {n}");
        assert_eq!(out, 6, "--top {n}");
        assert_eq!(v["left_out"], 17 - ranking.len(), "--top {n}");
        let csv = stdout(&run(&["rank", "--format", "csv", "--top", &n.to_string()]));
        assert_eq!(csv.lines().count() - 1, ranking.len(), "--top {n}: {csv}");
    }
    assert_eq!(json(&["rank", "--format", "json"])["left_out"], 0);
    let help = stdout(&run(&["rank", "--help"]));
    assert!(
        help.contains("list exactly N engines") && help.contains("left_out"),
        "{help}"
    );
}

#[test]
fn an_unasked_factor_is_named_in_csv_and_a_dot_in_tables_while_json_and_csv_keep_their_contract() {
    // The default profile asks neither cloud_native, support nor capabilities.
    let unasked = ["cloud_native", "support", "capabilities"];
    let v = json(&["rank", "--format", "json"]);
    for r in v["ranking"].as_array().unwrap() {
        for f in r["factors"].as_array().unwrap() {
            let asked = !unasked.contains(&f["id"].as_str().unwrap());
            assert_eq!(f["asked"], asked, "{f}");
            // `fit` is a core number field (docs/json.md): the neutral 1.0 stays.
            assert!(f["fit"].is_number(), "{f}");
        }
    }
    for command in [
        &["rank", "--format", "csv"][..],
        &[
            "export",
            "--shortlist",
            "postfix,kumomta",
            "--format",
            "csv",
            "-o",
            "-",
        ],
    ] {
        let csv = stdout(&run(command));
        let mut rdr = csv::Reader::from_reader(csv.as_bytes());
        let header = rdr.headers().unwrap().clone();
        let mut rows = 0;
        for rec in rdr.records() {
            let rec = rec.unwrap();
            rows += 1;
            // The fit columns are a core contract of numbers: an unasked factor keeps 1.000 and
            // the added last column names the factors without a fit.
            for (h, cell) in header.iter().zip(rec.iter()).skip(7).take(8) {
                assert!(
                    cell.parse::<f64>().is_ok_and(|f| (0.0..=1.0).contains(&f)),
                    "{command:?} {h}: {csv}"
                );
                if unasked.contains(&h) {
                    assert_eq!(cell, "1.000", "{command:?} {h}: {csv}");
                }
            }
            assert_eq!(header.iter().next_back(), Some("unasked"), "{csv}");
            assert_eq!(
                rec.iter().next_back(),
                Some("cloud_native;support;capabilities"),
                "{command:?}: {csv}"
            );
        }
        assert!(rows >= 2, "{csv}");
    }
    // Tables: `·` in the factor columns the profile does not ask about, never 1.00.
    let md = stdout(&run(&["rank", "--format", "markdown"]));
    let postfix = md
        .lines()
        .find(|l| l.starts_with("| 1 | Postfix |"))
        .unwrap();
    let cells: Vec<&str> = postfix.split(" | ").collect();
    assert_eq!(
        &cells[7..],
        ["1.00", "0.68", "0.85", "·", "·", "1.00", "·", "1.00 |"],
        "{md}"
    );
    let table = stdout(&run(&["rank"]));
    let postfix = table
        .lines()
        .find(|l| l.starts_with(" 1  Postfix"))
        .unwrap();
    let fits: Vec<&str> = postfix.split_whitespace().skip(5).collect();
    assert_eq!(
        fits,
        ["1.00", "0.68", "0.85", "·", "·", "1.00", "·", "1.00"],
        "{table}"
    );
}
