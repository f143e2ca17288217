//! How firm the top pick is, in words: its lead, a near tie, and the profile changes that would
//! change it.

use super::markdown::cell;
use mtafit_model::catalogue::Engine;
use mtafit_model::decide::compare::{
    ASSUMPTION_SPREAD, Change, Comparison, ESTIMATE_SPREAD, TieBreak, WhatIf,
};
use mtafit_model::units;
use serde_json::{Value, json};

/// "with a config-as-code team", "with a budget cap under $10.4k".
pub fn change(c: &Change) -> String {
    match c {
        Change::Team(t) => format!("with a team that does {}", crate::profile::team(*t)),
        Change::Support(s) => format!("if you needed {}", crate::profile::support_need(*s)),
        Change::CloudNative(true) => "if you ran containers, Kubernetes and Prometheus".into(),
        Change::CloudNative(false) => "if cloud-native did not matter".into(),
        Change::Marketing(m) => format!(
            "if bundled marketing were {}",
            crate::profile::marketing(*m)
        ),
        Change::CapBelow(x) => format!("with a budget cap under {}/yr", units::usd(*x)),
    }
}

/// "With a config-as-code team, KumoMTA leads by 4.1."
pub fn what_if(engines: &[Engine], w: &WhatIf) -> String {
    let mut s = change(&w.change);
    if let Some(first) = s.get(..1) {
        s = first.to_uppercase() + &s[1..];
    }
    if w.margin < 0.05 {
        format!("{s}, {} ties for the lead.", engines[w.leader].name)
    } else {
        format!("{s}, {} leads by {:.1}.", engines[w.leader].name, w.margin)
    }
}

/// "Postfix leads Exim by 4.2 points.", or how a tie was broken.
pub fn lead(engines: &[Engine], c: &Comparison) -> String {
    let top = &engines[c.top].name;
    match (c.runner_up, c.tie_break) {
        (Some(r), Some(TieBreak::Brief)) => format!(
            "{top} and {} score the same; {top} comes first because the brief's decision diagram reaches it first.",
            engines[r].name
        ),
        (Some(r), Some(TieBreak::Name)) => format!(
            "{top} and {} score the same and nothing in the model tells them apart; they are listed by name.",
            engines[r].name
        ),
        (Some(r), None) => format!("{top} leads {} by {:.1} points.", engines[r].name, c.margin),
        (None, _) => format!("{top} is the only candidate."),
    }
}

/// "A near tie: KumoMTA would lead if …", when the lead is within the assumptions' spread (an
/// exact tie is said by [`lead`]).
pub fn near_tie(engines: &[Engine], c: &Comparison) -> Option<String> {
    c.near_tie.filter(|_| c.tie_break.is_none()).map(|r| {
        format!(
            "A near tie: {} would lead if the profile's assumptions (server cost, hourly rate, hours) were off by {:.0} % or an estimated price by {:.0} %; treat the two as equals and decide on what the scores leave out.",
            engines[r].name,
            ASSUMPTION_SPREAD * 100.0,
            ESTIMATE_SPREAD * 100.0
        )
    })
}

/// The comparison as text lines for people: the lead, a near tie, then what would change it,
/// wrapped at `width` (`None`: at [`super::layout::PROSE`]).
pub fn text(engines: &[Engine], c: &Comparison, width: Option<usize>) -> String {
    let fill = |s: &str, indent: &str| {
        textwrap::fill(
            s,
            textwrap::Options::new(super::layout::prose(width))
                .initial_indent(indent)
                .subsequent_indent(indent),
        ) + "\n"
    };
    let mut out = fill(&lead(engines, c), "");
    if let Some(t) = near_tie(engines, c) {
        out.push_str(&fill(&t, ""));
    }
    if !c.what_ifs.is_empty() {
        out.push_str("What would change the pick:\n");
        for w in &c.what_ifs {
            out.push_str(&fill(&what_if(engines, w), "  "));
        }
    }
    out
}

/// The comparison as Markdown: the lead, a near tie in bold, then what would change the pick as
/// a list.
pub fn markdown(engines: &[Engine], c: &Comparison) -> String {
    let mut out = format!("{}\n", cell(&lead(engines, c)));
    if let Some(t) = near_tie(engines, c) {
        out.push_str(&format!("\n**{}**\n", cell(&t)));
    }
    if !c.what_ifs.is_empty() {
        out.push_str("\nWhat would change the pick:\n\n");
        for w in &c.what_ifs {
            out.push_str(&format!("- {}\n", cell(&what_if(engines, w))));
        }
    }
    out
}

/// The comparison as JSON (docs/json.md).
pub fn json(engines: &[Engine], c: &Comparison) -> Value {
    let id = |i: usize| engines[i].id.clone();
    let what_ifs: Vec<Value> = c
        .what_ifs
        .iter()
        .map(|w| {
            let (field, value) = match &w.change {
                Change::Team(t) => ("team", json!(t)),
                Change::Support(s) => ("support", json!(s)),
                Change::CloudNative(b) => ("cloud_native", json!(b)),
                Change::Marketing(m) => ("marketing", json!(m)),
                Change::CapBelow(x) => ("annual_budget_usd_below", json!(units::round_to(*x, 0))),
            };
            json!({
                "field": field,
                "value": value,
                "leader": id(w.leader),
                "margin": units::round_to(w.margin, 1),
                "sentence": what_if(engines, w),
            })
        })
        .collect();
    json!({
        "top": id(c.top),
        "runner_up": c.runner_up.map(id),
        "margin": units::round_to(c.margin, 1),
        "tie_break": c.tie_break.map(TieBreak::id),
        "near_tie": c.near_tie.map(id),
        "what_ifs": what_ifs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use mtafit_model::profile::Team;

    #[test]
    fn changes_read_as_conditions() {
        assert_eq!(
            change(&Change::Team(Team::ConfigAsCode)),
            "with a team that does config as code"
        );
        assert_eq!(
            change(&Change::CapBelow(12_000.0)),
            "with a budget cap under $12k/yr"
        );
    }
}
