//! `mtafit sensitivity`: how far each weight can move before the top pick changes.

use super::rank::pretty;
use super::{Outcome, emit, setup, stdout_color};
use crate::catalogue::Engine;
use crate::cli::{Format, Global};
use crate::decide::{self, Sensitivity, weights::json_number};
use crate::text::{fit_left, fit_right};
use serde_json::json;
use std::process::ExitCode;

/// Run `sensitivity`.
pub fn run(format: Format, global: &Global) -> Outcome {
    let s = setup(global)?;
    let a = decide::analyse(&s.cat.engines, &s.profile, &s.weights);
    let text = match format {
        Format::Json => pretty(&json_value(&a.sensitivity, &s.cat.engines))?,
        Format::Table => table(&a.sensitivity, &s.cat.engines, stdout_color(global)),
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn id(engines: &[Engine], i: Option<usize>) -> Option<String> {
    i.map(|i| engines[i].id.clone())
}

/// The `sensitivity --format json` contract.
pub fn json_value(s: &Sensitivity, engines: &[Engine]) -> serde_json::Value {
    let factors: Vec<_> = s
        .factors
        .iter()
        .map(|f| {
            json!({
                "id": f.factor.id(),
                "weight": json_number(f.weight),
                "keeps_top_from": crate::units::round_to(f.from, 3),
                "keeps_top_to": crate::units::round_to(f.to, 3),
                "below": id(engines, f.below),
                "above": id(engines, f.above),
            })
        })
        .collect();
    json!({
        "top": id(engines, s.top),
        "robustness": crate::units::round_to(s.robustness, 3),
        "nearest_rival": id(engines, s.nearest),
        "ties": s.ties.iter().map(|i| engines[*i].id.clone()).collect::<Vec<_>>(),
        "factors": factors,
    })
}

/// The sensitivity for people.
pub fn table(s: &Sensitivity, engines: &[Engine], color: bool) -> String {
    let (bold, reset) = if color {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    let Some(top) = s.top else {
        return "No top pick: every engine is knocked out or every weight is 0.\n".into();
    };
    let name = |i: Option<usize>| i.map_or("—".to_owned(), |i| engines[i].name.clone());
    let mut out = format!("{bold}Top pick: {}{reset}\n", engines[top].name);
    out.push_str(&format!(
        "It holds even if every weight is off by ±{:.1} at once{}.\n",
        s.robustness,
        s.nearest
            .map(|n| format!(" (the nearest rival is {})", engines[n].name))
            .unwrap_or_default()
    ));
    if !s.ties.is_empty() {
        out.push_str(&format!(
            "Tied on score with {}; kept first only by name order.\n",
            s.ties
                .iter()
                .map(|i| engines[*i].name.clone())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    out.push_str(&format!(
        "\n{bold}  {}  {}  {}  {}  {}{reset}\n",
        fit_left("Factor", 14),
        fit_right("Weight", 6),
        fit_left("Keeps it from–to", 16),
        fit_left("Below that", 14),
        "Above that"
    ));
    let mut fragile: Option<(f64, &str)> = None;
    for f in &s.factors {
        out.push_str(&format!(
            "  {}  {}  {}  {}  {}\n",
            fit_left(f.factor.name(), 14),
            fit_right(&crate::decide::weights::label(f.weight), 6),
            fit_left(&format!("{:.1} – {:.1}", f.from, f.to), 16),
            fit_left(&name(f.below), 14),
            name(f.above)
        ));
        let gaps = [
            f.below.map(|_| f.weight - f.from),
            f.above.map(|_| f.to - f.weight),
        ];
        for g in gaps.into_iter().flatten() {
            if fragile.is_none_or(|(best, _)| g < best) {
                fragile = Some((g, f.factor.name()));
            }
        }
    }
    if let Some((g, name)) = fragile {
        out.push_str(&format!(
            "\nMost fragile: {name}, {g:.1} points from changing the top pick.\n"
        ));
    }
    out
}
