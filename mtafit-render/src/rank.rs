//! The ranking as a table for people, JSON (docs/json.md), CSV and Markdown.

use super::Inputs;
use super::compare;
use super::json::number;
use super::markdown::cell;
use super::reason;
use super::sentence;
use super::style::Ansi;
use super::walk;
use mtafit_model::catalogue::{Engine, FactorId};
use mtafit_model::decide::{Analysis, AnnualCost, KnockOut, Ranking, Row};
use mtafit_model::text::{fit_left, fit_right};
use mtafit_model::units;
use serde_json::{Value, json};

/// The output formats of `rank` (and `list`).
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
    /// Every engine; with `n`, JSON and CSV keep the first `n` candidates and every knocked-out
    /// engine (the contract), Markdown the first `n` engines.
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
            Rows::All(top) => r.is_out() || top.is_none_or(|n| *i <= n),
        })
        .collect()
}

/// The first `n` engines of the ranking (all of them without `n`), each with its 1-based rank:
/// what the table and Markdown list for `--top N`, exactly `n` rows.
fn first(a: &Analysis, n: Option<usize>) -> Vec<(usize, &Row)> {
    a.ranking
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (i + 1, r))
        .take(n.unwrap_or(usize::MAX))
        .collect()
}

/// The one line that says how many engines `--top n` left out of a table, and how to see them;
/// `None` when it left none out.
pub fn left_out_line(a: &Analysis, n: Option<usize>) -> Option<String> {
    let n = n?;
    let rest = a.ranking.rows.get(n..).unwrap_or_default();
    if rest.is_empty() {
        return None;
    }
    let out = rest.iter().filter(|r| r.is_out()).count();
    let which = match out {
        0 => String::new(),
        k if k == rest.len() => {
            if k == 1 {
                " (out of the running)".to_owned()
            } else {
                " (all out of the running)".to_owned()
            }
        }
        k => format!(" ({k} of them out of the running)"),
    };
    Some(format!(
        "--top {n} leaves out {} more engine{}{which}; drop --top to list every engine.",
        rest.len(),
        if rest.len() == 1 { "" } else { "s" },
    ))
}

/// Why an engine is out, or `None` when it is not.
fn excluded(r: &Row) -> Option<String> {
    sentence::out(r)
}

/// The `rank --format json` object (docs/json.md).
pub fn json_value(s: &Inputs<'_>, a: &Analysis, rows: Rows<'_>) -> Value {
    let engines = &s.cat.engines;
    let w = &a.ranking.weights;
    let ranking: Vec<Value> = selected(a, engines, rows)
        .into_iter()
        .map(|(rank, r)| {
            let e = &engines[r.engine];
            let c = &r.cost;
            let factors: Vec<Value> = FactorId::ALL
                .iter()
                .map(|f| {
                    json!({
                        "id": f.id(),
                        "weight": number(a.ranking.given.get(*f)),
                        "asked": a.ranking.asked[*f],
                        "fit": units::round_to(r.fits[*f], 3),
                        "contribution": units::round_to(r.contribution(w, *f), 1),
                        "why": reason::why(e, s.profile, r, *f),
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
                        "cash": i.kind.is_cash(),
                        "plan": sentence::plan_name(e, i),
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
                "annual_cost_usd": units::round_to(c.total(), 2),
                "annual_cash_usd": units::round_to(c.cash(), 2),
                "annual_staff_usd": units::round_to(c.staff(), 2),
                "nodes": c.nodes,
                "spare_nodes": c.estate.spares,
                "ips": c.estate.ips,
                "scale_out": e.scale_out(),
                "kind": e.kind,
                "licence": e.licence,
                "cost_estimated": c.is_estimate(),
                "cost_items": by_label,
                "costs": costs,
                "standing": standing(r),
                "caveats": r.caveats.iter().map(sentence::caveat).collect::<Vec<_>>(),
                "notes": r.notes.iter().map(|n| sentence::note(e, n)).collect::<Vec<_>>(),
                "status": e.status,
                "role": e.role(),
                "factors": factors,
            })
        })
        .collect();
    let weights: serde_json::Map<String, Value> = FactorId::ALL
        .iter()
        .map(|f| (f.id().to_owned(), number(a.ranking.given.get(*f))))
        .collect();
    let left_out = engines.len().saturating_sub(ranking.len());
    let mut v = json!({
        "profile": s.profile,
        "weights": weights,
        "ranking": ranking,
        "left_out": left_out,
        "walk": walk::json_value(a, engines),
    });
    if let Some(c) = &a.comparison {
        v["comparison"] = compare::json(engines, c);
    }
    if let Some(closest) = closest_json(s, a) {
        v["no_candidate"] = closest;
    }
    if let Some(h) = hint(&a.ranking) {
        v["hint"] = json!(h);
    }
    v
}

/// "candidate", "caveat" or "out": where an engine stands before its score counts.
pub fn standing(r: &Row) -> &'static str {
    r.standing().id()
}

/// Why no engine is a candidate, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct NoCandidateWords {
    /// "multi-tenant and bundled marketing": pairs of musts no engine has together.
    pub conflicts: Vec<String>,
    /// The closest engines (indices) and why each is out.
    pub closest: Vec<(usize, String)>,
    /// The budget cap, when it alone keeps every engine of the right kind out.
    pub only_the_cap: Option<f64>,
}

/// When no engine is a candidate: the pairs of musts no engine of the right kind has together,
/// and the closest engines with what each lacks, as sentences.
pub fn no_candidate(s: &Inputs<'_>, a: &Analysis) -> Option<NoCandidateWords> {
    let none = a.ranking.no_candidate(&s.cat.engines, s.profile)?;
    let conflicts = none
        .conflicts
        .iter()
        .map(|(x, y)| format!("{} and {}", x.label(), y.label()))
        .collect();
    let closest = none
        .closest
        .iter()
        .filter_map(|i| a.ranking.row_of(*i))
        .map(|r| (r.engine, sentence::out(r).unwrap_or_default()))
        .collect();
    let right_kind = |r: &&Row| {
        !r.out
            .iter()
            .any(|k| matches!(k, KnockOut::Managed | KnockOut::SelfHosted))
    };
    let only_the_cap = s.profile.annual_budget_usd.filter(|_| {
        a.ranking
            .rows
            .iter()
            .filter(right_kind)
            .any(|r| r.out.iter().all(|k| matches!(k, KnockOut::OverCap { .. })))
    });
    Some(NoCandidateWords {
        conflicts,
        closest,
        only_the_cap,
    })
}

fn closest_json(s: &Inputs<'_>, a: &Analysis) -> Option<Value> {
    let NoCandidateWords {
        conflicts, closest, ..
    } = no_candidate(s, a)?;
    Some(json!({
        "conflicting_musts": conflicts,
        "closest": closest.iter().map(|(i, why)| json!({
            "id": s.cat.engines[*i].id,
            "lacks": why,
            "over_cap_usd": a.ranking.row_of(*i).and_then(Row::over_cap).map(|g| units::round_to(g, 2)),
        })).collect::<Vec<_>>(),
    }))
}

/// The same in words, for the text and Markdown outputs.
pub fn no_candidate_text(s: &Inputs<'_>, a: &Analysis) -> Option<String> {
    let NoCandidateWords {
        conflicts,
        closest,
        only_the_cap,
    } = no_candidate(s, a)?;
    let mut out = match only_the_cap {
        // Everything else fits: say what the cap counts, and what would change the answer.
        Some(cap) => format!(
            "No engine fits within your {}/yr cap{}.",
            units::usd(cap),
            if s.profile.assumptions.cap_counts_staff {
                ", staff time included"
            } else {
                " in cash (staff time is not counted)"
            }
        ),
        None => String::from("No engine meets every requirement."),
    };
    if !conflicts.is_empty() {
        out.push_str(&format!(
            " No engine of your kind has {} together.",
            conflicts.join("; nor ")
        ));
    }
    if !closest.is_empty() {
        out.push_str(" Closest: ");
        out.push_str(
            &closest
                .iter()
                .map(|(i, why)| format!("{} ({why})", s.cat.engines[*i].name))
                .collect::<Vec<_>>()
                .join("; "),
        );
        out.push('.');
    }
    Some(out)
}

/// The header of the CSV formats (stable: other programs read it; columns are only added).
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
    h.extend(
        ["standing", "caveats", "cost_estimated", "status", "unasked"]
            .iter()
            .map(|s| s.to_string()),
    );
    h
}

/// One row per engine, written with the csv crate.
pub fn csv(s: &Inputs<'_>, a: &Analysis, rows: Rows<'_>) -> String {
    // Writing into memory cannot fail.
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(csv_header());
    let unasked = FactorId::ALL
        .iter()
        .filter(|f| !a.ranking.asked[**f])
        .map(|f| f.id())
        .collect::<Vec<_>>()
        .join(";");
    for (rank, r) in selected(a, &s.cat.engines, rows) {
        let e = &s.cat.engines[r.engine];
        let mut rec = vec![
            e.id.clone(),
            e.name.clone(),
            rank.to_string(),
            format!("{:.1}", r.score),
            format!("{:.2}", r.cost.total()),
            e.licence_label(),
            e.kind.to_string(),
        ];
        // The fit columns are a contract of numbers (docs/json.md): an unasked factor keeps its
        // neutral 1.000 there, and the added `unasked` column says which factors have no fit.
        rec.extend(r.fits.values().map(|f| format!("{f:.3}")));
        rec.push(excluded(r).unwrap_or_default());
        rec.push(standing(r).to_owned());
        rec.push(sentence::remarks(e, r).join("; "));
        rec.push(r.cost.is_estimate().to_string());
        rec.push(e.status.to_string());
        rec.push(unasked.clone());
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
    let mut set_apart: Vec<String> = Vec::new();
    let (mut any_estimate, mut any_unasked) = (false, false);
    // `--top N` lists exactly N engines here; JSON and CSV keep every engine that is out
    // (docs/cli.md).
    let chosen = match rows {
        Rows::All(top) => first(a, top),
        Rows::Only(_) => selected(a, &s.cat.engines, rows),
    };
    for (rank, r) in chosen {
        let e = &s.cat.engines[r.engine];
        let rank = if r.is_out() {
            "out".to_owned()
        } else {
            rank.to_string()
        };
        let estimated = r.cost.is_estimate();
        any_estimate |= estimated;
        out.push_str(&format!(
            "| {rank} | {} | {:.1} | {}{} | {} | {} | {} |",
            cell(&e.name),
            r.score,
            units::usd(r.cost.total()),
            if estimated { "\\*" } else { "" },
            cell(&e.licence_label()),
            units::band(e.volume.min_per_month, e.volume.max_per_month),
            cell(&e.config.label()),
        ));
        for f in FactorId::ALL {
            if a.ranking.asked[f] {
                out.push_str(&format!(" {:.2} |", r.fits[f]));
            } else {
                any_unasked = true;
                out.push_str(" · |");
            }
        }
        out.push('\n');
        if let Some(why) = sentence::out(r) {
            set_apart.push(format!(
                "- **{}** is out of the running: {}",
                cell(&e.name),
                cell(&why)
            ));
        } else {
            for remark in sentence::remarks(e, r) {
                set_apart.push(format!("- **{}**: {}", cell(&e.name), cell(&remark)));
            }
        }
    }
    let mut keys = Vec::new();
    if any_estimate {
        keys.push("\\* the cost rests on an estimated or extrapolated price.");
    }
    if any_unasked {
        keys.push("· the profile does not ask about this factor, so it is left out of the score.");
    }
    if !keys.is_empty() {
        out.push_str(&format!("\n{}\n", keys.join(" ")));
    }
    if !set_apart.is_empty() {
        out.push('\n');
        out.push_str(&set_apart.join("\n"));
        out.push('\n');
    }
    if let Rows::All(top) = rows
        && let Some(line) = left_out_line(a, top)
    {
        out.push_str(&format!("\n{}\n", cell(&line)));
    }
    out
}

/// `rank --format markdown`: the table, then how firm the top pick is.
pub fn markdown_report(s: &Inputs<'_>, a: &Analysis, rows: Rows<'_>) -> String {
    let mut out = markdown(s, a, rows);
    if let Some(c) = &a.comparison {
        out.push('\n');
        out.push_str(&compare::markdown(&s.cat.engines, c));
    }
    out
}

const NAME: usize = 14;

/// What the top pick's estate is and costs, item by item: "KumoMTA at 300M/month: 2 nodes (…);
/// 30 IP addresses", each cost with its amount, then cash against staff time.
fn estate_text(e: &Engine, c: &AnnualCost, volume: u64, bold: &str, reset: &str) -> String {
    let mut out = format!(
        "\n{bold}{} at {}/month{reset}: {}\n",
        e.name,
        units::volume(volume),
        sentence::estate(c)
    );
    let items = c.items();
    let label_w = items
        .iter()
        .map(|i| mtafit_model::text::width(&sentence::cost_label_of(e, i)))
        .max()
        .unwrap_or(0)
        .min(60);
    for i in &items {
        out.push_str(&format!(
            "  {}  {}\n",
            fit_left(&sentence::cost_label_of(e, i), label_w),
            fit_right(&units::usd(i.amount), 7)
        ));
    }
    out.push_str(&format!("  {}\n", sentence::cash_and_staff(c)));
    out
}

/// The columns of the ranking table: as many as the width has room for.
#[derive(Debug, Clone, PartialEq)]
struct Shape {
    /// The engine column's width.
    name: usize,
    /// The volume band column is shown.
    band: bool,
    /// The factors with a column, in factor order.
    factors: Vec<FactorId>,
    /// A fit column's width.
    fit: usize,
    /// What goes before a row's `[n]`.
    gap: &'static str,
}

impl Shape {
    /// The widest shape that fits `width`, trading, in this order, the columns of the factors
    /// the profile does not ask about (each only a `·`), the volume band (`show` has it),
    /// room in the fit columns, then in the engine column; every column for the natural width.
    fn for_width(a: &Analysis, width: Option<usize>, rows: usize) -> Shape {
        let full = Shape {
            name: NAME,
            band: true,
            factors: FactorId::ALL.to_vec(),
            fit: 6,
            gap: "  ",
        };
        let Some(width) = width else {
            return full;
        };
        let asked: Vec<FactorId> = FactorId::ALL
            .into_iter()
            .filter(|f| a.ranking.asked[*f])
            .collect();
        let marker = format!("[{rows}]").len();
        let steps = [
            full.clone(),
            Shape {
                factors: asked.clone(),
                ..full.clone()
            },
            Shape {
                factors: asked.clone(),
                band: false,
                ..full.clone()
            },
            Shape {
                factors: asked.clone(),
                band: false,
                fit: 4,
                gap: " ",
                ..full.clone()
            },
        ];
        let fits = |s: &Shape| s.width(marker) <= width;
        if let Some(s) = steps.iter().find(|s| fits(s)) {
            return s.clone();
        }
        let mut s = steps[steps.len() - 1].clone();
        while s.name > 8 && !fits(&s) {
            s.name -= 1;
        }
        s
    }

    /// The widest row, a remark's marker `marker` columns wide included.
    fn width(&self, marker: usize) -> usize {
        4 + self.name
            + 2
            + 5
            + 2
            + 8
            + if self.band { 14 } else { 0 }
            + self.factors.len() * (self.fit + 1)
            + self.gap.len()
            + marker
    }

    /// A fit column's heading, shortened to four letters in a narrow column.
    fn header(&self, f: FactorId) -> &'static str {
        match (self.fit, f) {
            (..6, FactorId::Budget) => "budg",
            (..6, FactorId::CloudNative) => "clou",
            _ => f.short(),
        }
    }
}

/// The ranking for people: aligned, with units, knocked-out engines set apart with reasons,
/// laid out for `width` columns (`None`: the natural width, every column).
pub fn table(
    s: &Inputs<'_>,
    a: &Analysis,
    top: Option<usize>,
    color: bool,
    width: Option<usize>,
) -> String {
    let engines = &s.cat.engines;
    let w = &a.ranking.weights;
    let Ansi { bold, dim, reset } = Ansi::new(color);
    let profile: Vec<String> = crate::profile::summary(s.profile)
        .split(" · ")
        .map(str::to_owned)
        .collect();
    let mut out = super::layout::items("Profile  ", &profile, " · ", width);
    // Weights as set; a factor the profile does not ask about is marked and left out of scores.
    let weights: Vec<String> = FactorId::ALL
        .iter()
        .map(|f| {
            let mark = if a.ranking.asked[*f] {
                ""
            } else {
                " (not asked)"
            };
            format!(
                "{} {}{mark}",
                f.id(),
                units::weight(a.ranking.given.get(*f))
            )
        })
        .collect();
    out.push_str(&super::layout::items("Weights  ", &weights, " · ", width));
    out.push('\n');
    if let Some(h) = hint(&a.ranking) {
        out.push_str(&format!("Note: {h}.\n\n"));
    }
    let rows = first(a, top);
    let shape = Shape::for_width(a, width, rows.len());
    let mut header = format!(
        "{bold} #  {}  {}  {}{}",
        fit_left("Engine", shape.name),
        fit_right("Score", 5),
        fit_right("Cost/yr", 8),
        if shape.band {
            format!("  {}", fit_left("Volume band", 13))
        } else {
            String::new()
        }
    );
    for f in &shape.factors {
        header.push_str(&format!(" {}", fit_right(shape.header(*f), shape.fit)));
    }
    out.push_str(header.trim_end());
    out.push_str(&format!("{reset}\n"));
    let mut estimated = false;
    let mut remarks: Vec<(usize, Vec<String>)> = Vec::new();
    for (rank, r) in rows.iter().filter(|(_, r)| !r.is_out()) {
        let e = &engines[r.engine];
        let star = if r.cost.is_estimate() {
            estimated = true;
            "*"
        } else {
            " "
        };
        let mut line = format!(
            "{:>2}  {}  {:>5.1}  {}{star}",
            rank,
            fit_left(&e.name, shape.name),
            r.score,
            fit_right(&units::usd(r.cost.total()), 7),
        );
        if shape.band {
            line.push_str(&format!(
                " {}",
                fit_left(
                    &units::band(e.volume.min_per_month, e.volume.max_per_month),
                    13
                )
            ));
        }
        for f in &shape.factors {
            if a.ranking.asked[*f] {
                line.push_str(&format!(" {:>w$.2}", r.fits[*f], w = shape.fit));
            } else {
                line.push_str(&format!(" {:>w$}", "·", w = shape.fit));
            }
        }
        let said = sentence::remarks(e, r);
        if !said.is_empty() {
            line.push_str(&format!("{}[{}]", shape.gap, remarks.len() + 1));
            remarks.push((r.engine, said));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    if let Some(none) = no_candidate_text(s, a) {
        out.push_str(&format!("{bold}{none}{reset}\n"));
    }
    if !remarks.is_empty() {
        out.push('\n');
        for (n, (engine, said)) in remarks.iter().enumerate() {
            out.push_str(&format!(
                "[{}] {}: {}.\n",
                n + 1,
                engines[*engine].name,
                said.join("; ")
            ));
        }
    }
    let out_rows: Vec<_> = rows.iter().filter(|(_, r)| r.is_out()).collect();
    if !out_rows.is_empty() {
        out.push_str(&format!(
            "\n{bold}Out of the running ({}){reset}\n",
            out_rows.len()
        ));
        for (_, r) in out_rows {
            let e = &engines[r.engine];
            out.push_str(&format!(
                "{dim}    {}  {}{reset}\n",
                fit_left(&e.name, shape.name),
                excluded(r).unwrap_or_default()
            ));
        }
    }
    if let Some(line) = left_out_line(a, top) {
        out.push_str(&format!("\n{dim}{line}{reset}\n"));
    }
    if let Some(t) = a.ranking.top() {
        let e = &engines[t.engine];
        out.push_str(&format!(
            "\n{bold}Why {} leads{reset} (score points per factor)\n",
            e.name
        ));
        for f in FactorId::ALL.into_iter().filter(|f| a.ranking.asked[*f]) {
            out.push_str(&format!(
                "  {}  {:>5.1}  {}\n",
                fit_left(f.name(), 13),
                t.contribution(w, f),
                reason::why(e, s.profile, t, f)
            ));
        }
        out.push_str(&estate_text(
            e,
            &t.cost,
            s.profile.monthly_volume,
            bold,
            reset,
        ));
        if let Some(c) = &a.comparison {
            out.push('\n');
            out.push_str(&compare::text(engines, c, width));
        }
    }
    out.push('\n');
    out.push_str(&walk::summary_text(engines, &a.agreement));
    out.push_str(&format!(
        "Costs assume {} (edit them in your profile){}.\n",
        sentence::assumptions(s.profile),
        if estimated {
            "; * marks a price that is estimated or extrapolated"
        } else {
            ""
        }
    ));
    super::layout::fit(&out, width)
}
