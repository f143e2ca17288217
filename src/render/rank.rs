//! The ranking as a table for people, JSON (docs/json.md), CSV and Markdown.

use super::Inputs;
use super::json::number;
use super::markdown::cell;
use super::sentence;
use super::style::Ansi;
use super::walk;
use crate::catalogue::{Engine, FactorId};
use crate::decide::{Analysis, Ranking, Row, cost, fit};
use crate::text::{fit_left, fit_right};
use crate::units;
use serde_json::{Value, json};

/// The output formats of `rank`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::EnumCount)]
pub enum RankFormat {
    /// Aligned text for people.
    #[default]
    Table,
    /// One JSON object (docs/json.md).
    Json,
    /// One row per engine.
    Csv,
    /// A Markdown table.
    Markdown,
}

/// What to do when every weight is 0 and no engine can score.
pub fn hint(r: &Ranking) -> Option<&'static str> {
    r.unweighted()
        .then_some("every weight is 0, so no engine can score; raise at least one weight")
}

/// Which rows an output shows.
#[derive(Debug, Clone, Copy)]
pub enum Rows<'a> {
    /// Every candidate (or the first `n`), then every knocked-out engine.
    All(Option<usize>),
    /// Only these engine ids (a shortlist), in ranking order.
    Only(&'a [String]),
}

/// The rows to show, each with its 1-based rank.
pub fn selected<'a>(a: &'a Analysis, engines: &[Engine], rows: Rows<'_>) -> Vec<(usize, &'a Row)> {
    a.ranking
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (i + 1, r))
        .filter(|(i, r)| match rows {
            Rows::Only(ids) => ids.iter().any(|id| *id == engines[r.engine].id),
            Rows::All(top) => r.excluded.is_some() || top.is_none_or(|n| *i <= n),
        })
        .collect()
}

/// Why an engine is out, or "" when it is not.
fn excluded(r: &Row) -> Option<String> {
    r.excluded.as_ref().map(sentence::knock_out)
}

/// The `rank --format json` object (docs/json.md).
pub fn json_value(s: &Inputs<'_>, a: &Analysis, rows: Rows<'_>) -> Value {
    let engines = &s.cat.engines;
    let w = &a.ranking.weights;
    let ranking: Vec<Value> = selected(a, engines, rows)
        .into_iter()
        .map(|(rank, r)| {
            let e = &engines[r.engine];
            let c = cost::annual(e, s.profile, s.profile.monthly_volume);
            let factors: Vec<Value> = FactorId::ALL
                .iter()
                .map(|f| {
                    json!({
                        "id": f.id(),
                        "weight": number(w.get(*f)),
                        "fit": units::round_to(r.fits[*f], 3),
                        "contribution": units::round_to(r.contribution(w, *f), 1),
                        "why": fit::explain(e, s.profile, r.cost, *f),
                    })
                })
                .collect();
            let items = c.items();
            // Kept for programs written against it; `costs` has stable ids.
            let by_label: serde_json::Map<String, Value> = items
                .iter()
                .map(|i| (sentence::cost_label(i), json!(units::round_to(i.amount, 2))))
                .collect();
            let costs: Vec<Value> = items
                .iter()
                .map(|i| {
                    json!({
                        "kind": i.kind.id(),
                        "annual_usd": units::round_to(i.amount, 2),
                        "provenance": i.provenance.id(),
                        "basis": sentence::cost_basis(i),
                    })
                })
                .collect();
            json!({
                "rank": rank,
                "id": e.id,
                "name": e.name,
                "score": units::round_to(r.score, 1),
                "excluded": excluded(r),
                "annual_cost_usd": units::round_to(r.cost, 2),
                "kind": e.kind,
                "licence": e.licence,
                "cost_estimated": c.is_estimate(),
                "cost_items": by_label,
                "costs": costs,
                "factors": factors,
            })
        })
        .collect();
    let weights: serde_json::Map<String, Value> = FactorId::ALL
        .iter()
        .map(|f| (f.id().to_owned(), number(w.get(*f))))
        .collect();
    let mut v = json!({
        "profile": s.profile,
        "weights": weights,
        "ranking": ranking,
        "walk": walk::json_value(a, engines),
    });
    if let Some(h) = hint(&a.ranking) {
        v["hint"] = json!(h);
    }
    v
}

/// The header of the CSV formats (stable: other programs read it).
pub fn csv_header() -> Vec<String> {
    let mut h: Vec<String> = [
        "id",
        "name",
        "rank",
        "score",
        "annual_cost_usd",
        "licence",
        "kind",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    h.extend(FactorId::ALL.iter().map(|f| f.id().to_owned()));
    h.push("excluded".into());
    h
}

/// One row per engine, written with the csv crate.
pub fn csv(s: &Inputs<'_>, a: &Analysis, rows: Rows<'_>) -> String {
    // Writing into memory cannot fail.
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(csv_header());
    for (rank, r) in selected(a, &s.cat.engines, rows) {
        let e = &s.cat.engines[r.engine];
        let mut rec = vec![
            e.id.clone(),
            e.name.clone(),
            rank.to_string(),
            format!("{:.1}", r.score),
            format!("{:.2}", r.cost),
            e.licence_label(),
            e.kind.to_string(),
        ];
        rec.extend(r.fits.values().map(|f| format!("{f:.3}")));
        rec.push(excluded(r).unwrap_or_default());
        let _ = w.write_record(&rec);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A Markdown table of the ranking.
pub fn markdown(s: &Inputs<'_>, a: &Analysis, rows: Rows<'_>) -> String {
    let mut out = String::from("| # | Engine | Score | Cost/yr | Licence | Volume band | Config |");
    for f in FactorId::ALL {
        out.push_str(&format!(" {} |", f.name()));
    }
    out.push_str("\n|---:|---|---:|---:|---|---|---|");
    out.push_str(&"---:|".repeat(FactorId::COUNT));
    out.push('\n');
    for (rank, r) in selected(a, &s.cat.engines, rows) {
        let e = &s.cat.engines[r.engine];
        let rank = if r.excluded.is_some() {
            "out".to_owned()
        } else {
            rank.to_string()
        };
        out.push_str(&format!(
            "| {rank} | {} | {:.1} | {} | {} | {} | {} |",
            cell(&e.name),
            r.score,
            units::usd(r.cost),
            cell(&e.licence_label()),
            units::band(e.volume.min_per_month, e.volume.max_per_month),
            cell(&e.config.label()),
        ));
        for f in r.fits.values() {
            out.push_str(&format!(" {f:.2} |"));
        }
        out.push('\n');
    }
    out
}

const NAME: usize = 14;

/// The ranking for people: aligned, with units, knocked-out engines set apart with reasons.
pub fn table(s: &Inputs<'_>, a: &Analysis, top: Option<usize>, color: bool) -> String {
    let engines = &s.cat.engines;
    let w = &a.ranking.weights;
    let Ansi { bold, dim, reset } = Ansi::new(color);
    let mut out = format!("Profile  {}\n", s.profile.summary());
    out.push_str(&format!(
        "Weights  {}\n\n",
        FactorId::ALL
            .iter()
            .map(|f| format!("{} {}", f.id(), units::weight(w.get(*f))))
            .collect::<Vec<_>>()
            .join(" · ")
    ));
    if let Some(h) = hint(&a.ranking) {
        out.push_str(&format!("Note: {h}.\n\n"));
    }
    let mut header = format!(
        "{bold} #  {}  {}  {}  {}",
        fit_left("Engine", NAME),
        fit_right("Score", 5),
        fit_right("Cost/yr", 8),
        fit_left("Volume band", 13)
    );
    for f in FactorId::ALL {
        header.push_str(&format!(" {}", fit_right(f.short(), 6)));
    }
    out.push_str(header.trim_end());
    out.push_str(&format!("{reset}\n"));
    let rows = selected(a, engines, Rows::All(top));
    let mut estimated = false;
    for (rank, r) in rows.iter().filter(|(_, r)| r.excluded.is_none()) {
        let e = &engines[r.engine];
        let star = if cost::annual(e, s.profile, s.profile.monthly_volume).is_estimate() {
            estimated = true;
            "*"
        } else {
            " "
        };
        let mut line = format!(
            "{:>2}  {}  {:>5.1}  {}{star} {}",
            rank,
            fit_left(&e.name, NAME),
            r.score,
            fit_right(&units::usd(r.cost), 7),
            fit_left(
                &units::band(e.volume.min_per_month, e.volume.max_per_month),
                13
            )
        );
        for f in r.fits.values() {
            line.push_str(&format!(" {f:>6.2}"));
        }
        out.push_str(&line);
        out.push('\n');
    }
    let out_rows: Vec<_> = rows.iter().filter(|(_, r)| r.excluded.is_some()).collect();
    if !out_rows.is_empty() {
        out.push_str(&format!(
            "\n{bold}Knocked out ({}){reset}\n",
            out_rows.len()
        ));
        for (_, r) in out_rows {
            let e = &engines[r.engine];
            out.push_str(&format!(
                "{dim}    {}  {}{reset}\n",
                fit_left(&e.name, NAME),
                excluded(r).unwrap_or_default()
            ));
        }
    }
    if let Some(t) = a.ranking.top() {
        let e = &engines[t.engine];
        out.push_str(&format!(
            "\n{bold}Why {} leads{reset} (score points per factor)\n",
            e.name
        ));
        for f in FactorId::ALL {
            out.push_str(&format!(
                "  {}  {:>5.1}  {}\n",
                fit_left(f.name(), 13),
                t.contribution(w, f),
                fit::explain(e, s.profile, t.cost, f)
            ));
        }
    }
    out.push('\n');
    out.push_str(&walk::summary_text(engines, &a.agreement));
    out.push_str(&format!(
        "Costs assume {}/server/month and {}/ops hour (edit them in your profile){}.\n",
        units::usd(s.profile.node_cost_per_month_usd),
        units::usd(s.profile.hourly_rate_usd),
        if estimated {
            "; * marks a price that is estimated or extrapolated"
        } else {
            ""
        }
    ));
    out
}
