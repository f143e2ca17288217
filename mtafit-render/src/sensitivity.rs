//! How far each weight can move before the top pick changes, as a table and as JSON.

use super::json::{number, pretty};
use super::style::Ansi;
use mtafit_model::catalogue::Engine;
use mtafit_model::decide::Sensitivity;
use mtafit_model::text::{fit_left, fit_right};
use mtafit_model::units;
use serde_json::json;

fn id(engines: &[Engine], i: Option<usize>) -> Option<String> {
    i.map(|i| engines[i].id.clone())
}

/// The `sensitivity --format json` object.
pub fn json(s: &Sensitivity, engines: &[Engine]) -> String {
    let factors: Vec<_> = s
        .factors
        .iter()
        .map(|f| {
            json!({
                "id": f.factor.id(),
                "weight": number(f.weight),
                "keeps_top_from": units::round_to(f.from, 3),
                "keeps_top_to": units::round_to(f.to, 3),
                "below": id(engines, f.below),
                "above": id(engines, f.above),
            })
        })
        .collect();
    pretty(&json!({
        "top": id(engines, s.top),
        "robustness": units::round_to(s.robustness, 3),
        "nearest_rival": id(engines, s.nearest),
        "ties": s.ties.iter().map(|i| engines[*i].id.clone()).collect::<Vec<_>>(),
        "factors": factors,
    }))
}

/// The sensitivity for people, laid out for `width` columns (`None`: the natural width).
pub fn table(s: &Sensitivity, engines: &[Engine], color: bool, width: Option<usize>) -> String {
    crate::layout::fit(&natural(s, engines, color), width)
}

/// The sensitivity's lines at their natural width.
fn natural(s: &Sensitivity, engines: &[Engine], color: bool) -> String {
    let Ansi { bold, reset, .. } = Ansi::new(color);
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
    let mut unasked = false;
    for f in &s.factors {
        if !f.asked {
            // Its range would read 0–10 as if the weight were safe to move; it moves nothing.
            unasked = true;
            out.push_str(&format!(
                "  {}  {}  {}  (not asked)\n",
                fit_left(f.factor.name(), 14),
                fit_right(&units::weight(f.weight), 6),
                fit_left("·", 16),
            ));
            continue;
        }
        out.push_str(&format!(
            "  {}  {}  {}  {}  {}\n",
            fit_left(f.factor.name(), 14),
            fit_right(&units::weight(f.weight), 6),
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
    if unasked {
        out.push_str(
            "\n· (not asked): the profile does not ask about this factor, so its weight changes no \
             score.\n",
        );
    }
    if let Some((g, name)) = fragile {
        out.push_str(&format!(
            "\nMost fragile: {name}, {g:.1} points from changing the top pick.\n"
        ));
    }
    out
}
