//! `mtafit rank`: every engine for the profile, best first — as a table, JSON, CSV or Markdown.

use super::{Failure, Inputs, Outcome, emit, setup, stdout_color};
use crate::catalogue::Engine;
use crate::cli::{Global, RankFormat};
use crate::decide::{self, Analysis, FactorId, Row, cost, fit, weights::json_number};
use crate::text::{fit_left, fit_right};
use crate::units;
use serde_json::{Value, json};
use std::process::ExitCode;

/// Run `rank`.
pub fn run(format: RankFormat, top: Option<usize>, global: &Global) -> Outcome {
    let s = setup(global)?;
    let a = decide::analyse(&s.cat.engines, &s.profile, &s.weights);
    let i = s.inputs();
    let text = match format {
        RankFormat::Table => table(&i, &a, top, stdout_color(global)),
        RankFormat::Json => pretty(&json_value(&i, &a, top, None))?,
        RankFormat::Csv => csv(&i, &a, top, None)?,
        RankFormat::Markdown => markdown(&i, &a, top, None),
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Pretty JSON with a final newline.
pub fn pretty(v: &Value) -> Result<String, Failure> {
    serde_json::to_string_pretty(v)
        .map(|s| s + "\n")
        .map_err(|e| Failure::Invalid(format!("cannot write JSON: {e}")))
}

/// The rows to show: candidates (at most `top`), then every knocked-out engine; or only `ids`.
pub fn selected<'a>(
    a: &'a Analysis,
    engines: &[Engine],
    top: Option<usize>,
    ids: Option<&[String]>,
) -> Vec<(usize, &'a Row)> {
    a.ranking
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (i + 1, r))
        .filter(|(i, r)| match ids {
            Some(ids) => ids.iter().any(|id| *id == engines[r.engine].id),
            None => r.excluded.is_some() || top.is_none_or(|n| *i <= n),
        })
        .collect()
}

/// The `rank --format json` contract (DESIGN.md §5), optionally restricted to some ids.
pub fn json_value(
    s: &Inputs<'_>,
    a: &Analysis,
    top: Option<usize>,
    ids: Option<&[String]>,
) -> Value {
    let engines = &s.cat.engines;
    let w = &a.ranking.weights;
    let ranking: Vec<Value> = selected(a, engines, top, ids)
        .into_iter()
        .map(|(rank, r)| {
            let e = &engines[r.engine];
            let c = cost::annual(e, s.profile, s.profile.monthly_volume);
            let factors: Vec<Value> = FactorId::ALL
                .iter()
                .map(|f| {
                    json!({
                        "id": f.id(),
                        "weight": json_number(w.get(*f)),
                        "fit": units::round_to(r.fits[*f as usize], 3),
                        "contribution": units::round_to(r.contribution(w, *f), 1),
                        "why": fit::explain(e, s.profile, r.cost, *f),
                    })
                })
                .collect();
            let items: serde_json::Map<String, Value> = c
                .items(s.profile)
                .into_iter()
                .map(|(label, v)| (label, json!(units::round_to(v, 2))))
                .collect();
            json!({
                "rank": rank,
                "id": e.id,
                "name": e.name,
                "score": units::round_to(r.score, 1),
                "excluded": r.excluded,
                "annual_cost_usd": units::round_to(r.cost, 2),
                "kind": e.kind,
                "licence": e.licence,
                "cost_estimated": c.estimated || c.beyond_tiers,
                "cost_items": items,
                "factors": factors,
            })
        })
        .collect();
    let mut v = json!({
        "profile": s.profile,
        "weights": w.to_map(),
        "ranking": ranking,
        "walk": walk_json(a, engines),
    });
    if let Some(h) = a.ranking.hint() {
        v["hint"] = json!(h);
    }
    v
}

/// The walk as JSON: the contract's `engine` and `steps`, with each gate's reason.
pub fn walk_json(a: &Analysis, engines: &[Engine]) -> Value {
    let steps: Vec<Value> = a
        .walk
        .steps
        .iter()
        .map(|st| {
            json!({
                "question": st.gate.question(),
                "answer": st.answer,
                "gate": st.gate.id(),
                "reason": st.gate.reason(),
                "decides": st.decides,
            })
        })
        .collect();
    let top = a.ranking.top().map(|r| engines[r.engine].id.clone());
    let mut v = json!({
        "engine": a.walk.engine,
        "steps": steps,
        "ranking_top": top,
        "agrees": top.is_some() && top == a.walk.engine,
    });
    if let Some(d) = &a.disagreement {
        v["disagreement"] = json!({
            "factors": d.factors.iter().map(|(f, p)| json!({"id": f.id(), "points": units::round_to(*p, 2)})).collect::<Vec<_>>(),
            "reconcile": d.reconcile.iter().map(|(f, x)| json!({"id": f.id(), "weight": units::round_to(*x, 3)})).collect::<Vec<_>>(),
        });
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
pub fn csv(
    s: &Inputs<'_>,
    a: &Analysis,
    top: Option<usize>,
    ids: Option<&[String]>,
) -> Result<String, Failure> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Failure::Invalid(format!("cannot write CSV: {e}"));
    w.write_record(csv_header()).map_err(fail)?;
    for (rank, r) in selected(a, &s.cat.engines, top, ids) {
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
        rec.extend(r.fits.iter().map(|f| format!("{f:.3}")));
        rec.push(r.excluded.clone().unwrap_or_default());
        w.write_record(&rec).map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Failure::Invalid(format!("cannot write CSV: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Text safe in Markdown, in a table cell or in prose: no pipes, no line breaks, no markup.
pub fn md_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::text::sanitize(s).chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\\' | '`' | '*' | '_' | '<' | '>' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A Markdown table of the ranking.
pub fn markdown(
    s: &Inputs<'_>,
    a: &Analysis,
    top: Option<usize>,
    ids: Option<&[String]>,
) -> String {
    let mut out = String::from("| # | Engine | Score | Cost/yr | Licence | Volume band | Config |");
    for f in FactorId::ALL {
        out.push_str(&format!(" {} |", f.name()));
    }
    out.push_str("\n|---:|---|---:|---:|---|---|---|");
    out.push_str(&"---:|".repeat(8));
    out.push('\n');
    for (rank, r) in selected(a, &s.cat.engines, top, ids) {
        let e = &s.cat.engines[r.engine];
        let rank = if r.excluded.is_some() {
            "out".to_owned()
        } else {
            rank.to_string()
        };
        out.push_str(&format!(
            "| {rank} | {} | {:.1} | {} | {} | {} | {} |",
            md_cell(&e.name),
            r.score,
            units::usd(r.cost),
            md_cell(&e.licence_label()),
            units::band(e.volume.min_per_month, e.volume.max_per_month),
            md_cell(&e.config.label()),
        ));
        for f in r.fits {
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
    let (bold, dim, reset) = if color {
        ("\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let mut out = format!("Profile  {}\n", s.profile.summary());
    out.push_str(&format!(
        "Weights  {}\n\n",
        FactorId::ALL
            .iter()
            .map(|f| format!("{} {}", f.id(), crate::decide::weights::label(w.get(*f))))
            .collect::<Vec<_>>()
            .join(" · ")
    ));
    if let Some(h) = a.ranking.hint() {
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
    let rows = selected(a, engines, top, None);
    let mut estimated = false;
    for (rank, r) in rows.iter().filter(|(_, r)| r.excluded.is_none()) {
        let e = &engines[r.engine];
        let c = cost::annual(e, s.profile, s.profile.monthly_volume);
        let star = if c.estimated || c.beyond_tiers {
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
        for f in r.fits {
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
                r.excluded.as_deref().unwrap_or_default()
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
    out.push_str(&walk_line(a, engines));
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

/// One sentence: the walk's verdict and whether the ranking agrees.
pub fn walk_line(a: &Analysis, engines: &[Engine]) -> String {
    let name = |id: &str| {
        engines
            .iter()
            .find(|e| e.id == id)
            .map_or(id.to_owned(), |e| e.name.clone())
    };
    let decided = a
        .walk
        .steps
        .iter()
        .find(|s| s.decides)
        .map_or("", |s| s.gate.id());
    match (&a.walk.engine, a.ranking.top()) {
        (Some(w), Some(t)) if engines[t.engine].id == *w => format!(
            "The brief's walk also ends at {} (gate: {decided}): the two agree.\n",
            name(w)
        ),
        (Some(w), Some(t)) => {
            let mut s = format!(
                "The brief's walk ends at {} (gate: {decided}), but the weighted ranking puts {} first.\n",
                name(w),
                engines[t.engine].name
            );
            if let Some(d) = &a.disagreement {
                let favour: Vec<String> = d
                    .factors
                    .iter()
                    .filter(|(_, p)| *p > 0.0)
                    .map(|(f, p)| format!("{} +{p:.1}", f.id()))
                    .collect();
                if !favour.is_empty() {
                    s.push_str(&format!(
                        "  Factors that favour {}: {}.\n",
                        engines[t.engine].name,
                        favour.join(", ")
                    ));
                }
                for (f, x) in &d.reconcile {
                    s.push_str(&format!(
                        "  Raising {} to {x:.1} would bring {} level.\n",
                        f.id(),
                        name(w)
                    ));
                }
            }
            s
        }
        (None, _) => "The brief's walk finds no engine on its path with every must.\n".into(),
        (Some(w), None) => format!(
            "The brief's walk ends at {}; the ranking has no top pick.\n",
            name(w)
        ),
    }
}
