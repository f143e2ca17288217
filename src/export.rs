//! Shortlist writers: Markdown for a ticket, CSV for a spreadsheet, JSON for programs, and RON
//! that mtafit loads back — each carrying the profile and weights behind the scores.

use crate::cli::ExportFormat;
use crate::commands::Inputs;
use crate::commands::rank::{self, md_cell};
use crate::decide::{Analysis, FactorId, weights};
use crate::units;
use std::fmt::Write as _;

/// The file extension for a format.
pub fn extension(f: ExportFormat) -> &'static str {
    match f {
        ExportFormat::Markdown => "md",
        ExportFormat::Csv => "csv",
        ExportFormat::Json => "json",
        ExportFormat::Ron => "ron",
    }
}

/// The format's name, as `--format` takes it.
pub fn name(f: ExportFormat) -> &'static str {
    match f {
        ExportFormat::Markdown => "markdown",
        ExportFormat::Csv => "csv",
        ExportFormat::Json => "json",
        ExportFormat::Ron => "ron",
    }
}

/// The default file name for a format: `mtafit-shortlist.<ext>`.
pub fn default_path(f: ExportFormat) -> String {
    format!("mtafit-shortlist.{}", extension(f))
}

/// Check the ids against the catalogue: unknown ones are an error that lists the known ids;
/// duplicates and empty entries (from `a,,b`) are dropped. The order is the ranking's.
pub fn resolve(i: &Inputs<'_>, a: &Analysis, ids: &[String]) -> Result<Vec<String>, String> {
    let wanted: Vec<&str> = ids
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if wanted.is_empty() {
        return Err(
            "the shortlist is empty; give engine ids, e.g. --shortlist postfix,kumomta".into(),
        );
    }
    if let Some(bad) = wanted.iter().find(|id| i.cat.engine(id).is_none()) {
        return Err(crate::commands::show::unknown_id(i.cat, bad));
    }
    Ok(a.ranking
        .rows
        .iter()
        .map(|r| &i.cat.engines[r.engine].id)
        .filter(|id| wanted.contains(&id.as_str()))
        .cloned()
        .collect())
}

/// Render the shortlist `ids` (already resolved) in `format`.
pub fn render(
    i: &Inputs<'_>,
    a: &Analysis,
    ids: &[String],
    format: ExportFormat,
) -> Result<String, String> {
    match format {
        ExportFormat::Markdown => Ok(markdown(i, a, ids)),
        ExportFormat::Csv => rank::csv(i, a, None, Some(ids)).map_err(|e| failure_text(&e)),
        ExportFormat::Json => {
            let mut v = rank::json_value(i, a, None, Some(ids));
            v["shortlist"] = serde_json::json!(ids);
            rank::pretty(&v).map_err(|e| failure_text(&e))
        }
        ExportFormat::Ron => ron(i, a, ids),
    }
}

fn failure_text(f: &crate::commands::Failure) -> String {
    match f {
        crate::commands::Failure::Invalid(m) => m.clone(),
        other => format!("{other:?}"),
    }
}

/// Profile, weights and shortlist in one profile file: `--profile` loads it back.
fn ron(i: &Inputs<'_>, a: &Analysis, ids: &[String]) -> Result<String, String> {
    let mut p = i.profile.clone();
    p.weights = a.ranking.weights.to_btree();
    p.shortlist = ids.to_vec();
    let body = ron::ser::to_string_pretty(&p, ron::ser::PrettyConfig::default().struct_names(true))
        .map_err(|e| format!("cannot write RON: {e}"))?;
    Ok(format!(
        "// An mtafit shortlist: the profile and weights that produced it, and the engines chosen.\n\
         // Reproduce the scores with: mtafit rank --profile <this file>\n{body}\n"
    ))
}

/// A URL as an autolink when it is plain, or as escaped text when it could break out.
fn md_url(u: &str) -> String {
    if (u.starts_with("https://") || u.starts_with("http://"))
        && !u
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '`'))
    {
        format!("<{u}>")
    } else {
        md_cell(u)
    }
}

/// The Markdown for a ticket: profile and weights, the table, the walk, then each engine.
pub fn markdown(i: &Inputs<'_>, a: &Analysis, ids: &[String]) -> String {
    let p = i.profile;
    let w = &a.ranking.weights;
    let mut out = String::from("# MTA shortlist\n\n");
    let _ = writeln!(
        out,
        "Made with mtafit {} on {}. Scores are 0–100: the weighted fit of each engine to the profile below.\n",
        env!("CARGO_PKG_VERSION"),
        {
            let (y, m, d) = crate::catalogue::validate::today();
            format!("{y:04}-{m:02}-{d:02}")
        }
    );
    out.push_str("## Profile\n\n");
    let list = |v: &[String]| {
        if v.is_empty() {
            "none".to_owned()
        } else {
            md_cell(&v.join(", "))
        }
    };
    let caps = |v: &[crate::catalogue::Capability]| {
        if v.is_empty() {
            "none".to_owned()
        } else {
            v.iter().map(|c| c.id()).collect::<Vec<_>>().join(", ")
        }
    };
    let items = [
        (
            "Own the sending layer",
            if p.own_infrastructure {
                "yes".to_owned()
            } else {
                "no — an ESP is enough".to_owned()
            },
        ),
        (
            "Monthly volume",
            format!(
                "{} ({})",
                units::usd_exact(p.monthly_volume as f64).trim_start_matches('$'),
                units::volume(p.monthly_volume)
            ),
        ),
        (
            "Budget cap",
            p.annual_budget_usd.map_or("none".to_owned(), |b| {
                format!("{}/year", units::usd_exact(b))
            }),
        ),
        ("Team can run", p.team.describe().to_owned()),
        ("Team already runs", list(&p.team_knows)),
        ("Licences held", list(&p.licences_held)),
        (
            "Cloud-native",
            if p.cloud_native { "yes" } else { "no" }.to_owned(),
        ),
        (
            "Support needed",
            match p.support {
                crate::profile::SupportNeed::Community => "a community is enough".to_owned(),
                crate::profile::SupportNeed::VendorSla => "a contract with an SLA".to_owned(),
            },
        ),
        (
            "Bundled marketing",
            match p.marketing {
                crate::profile::Marketing::Unwanted => "unwanted".to_owned(),
                crate::profile::Marketing::Indifferent => "indifferent".to_owned(),
                crate::profile::Marketing::Wanted => "wanted".to_owned(),
            },
        ),
        ("Must have", caps(&p.must)),
        ("Would like", caps(&p.want)),
        (
            "Assumptions",
            format!(
                "{}/ops hour, {}/server/month",
                units::usd_exact(p.hourly_rate_usd),
                units::usd_exact(p.node_cost_per_month_usd)
            ),
        ),
    ];
    for (k, v) in items {
        let _ = writeln!(out, "- **{k}:** {v}");
    }
    out.push_str("\n## Weights\n\n");
    let ws: Vec<String> = FactorId::ALL
        .iter()
        .map(|f| format!("{} {}", f.name(), weights::label(w.get(*f))))
        .collect();
    let _ = writeln!(out, "{} (each 0–10)\n", ws.join(" · "));

    out.push_str("## Shortlist\n\n");
    out.push_str(&rank::markdown(i, a, None, Some(ids)));
    out.push_str("\nCost/yr includes the assumptions above; estimated licence prices are marked in each engine's notes.\n\n");

    out.push_str("## The brief's walk\n\n");
    let name = |id: &str| i.cat.engine(id).map_or(id.to_owned(), |e| md_cell(&e.name));
    let top = a.ranking.top().map(|r| i.cat.engines[r.engine].id.clone());
    let gate = a
        .walk
        .steps
        .iter()
        .find(|s| s.decides)
        .map_or("", |s| s.gate.id());
    match (&a.walk.engine, &top) {
        (Some(v), Some(t)) if v == t => {
            let _ = write!(
                out,
                "Verdict: **{}** (gate: {gate}). The weighted ranking puts the same engine first.",
                name(v)
            );
        }
        (Some(v), Some(t)) => {
            let _ = write!(
                out,
                "Verdict: **{}** (gate: {gate}). The weighted ranking puts **{}** first instead; see `mtafit walk` for the factors that make the difference.",
                name(v),
                name(t)
            );
        }
        (Some(v), None) => {
            let _ = write!(
                out,
                "Verdict: **{}** (gate: {gate}). The weighted ranking has no top pick.",
                name(v)
            );
        }
        (None, _) => out.push_str("Verdict: no engine on the brief's path has every must."),
    }
    out.push_str("\n\n");
    for (n, st) in a.walk.steps.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {} — {}",
            n + 1,
            st.gate.question(),
            md_cell(&st.answer)
        );
    }
    out.push_str("\n## Engines\n");
    for id in ids {
        let Some(e) = i.cat.engine(id) else { continue };
        let idx = i.cat.engines.iter().position(|x| x.id == *id).unwrap_or(0);
        let _ = writeln!(out, "\n### {}\n", md_cell(&e.name));
        if let Some(row) = a.ranking.row_of(idx)
            && let Some(why) = &row.excluded
        {
            let _ = writeln!(out, "**Knocked out:** {}\n", md_cell(why));
        }
        let _ = writeln!(out, "**Good at:** {}\n", md_cell(&e.good_at));
        let _ = writeln!(out, "**Cautions:** {}\n", md_cell(&e.cautions));
        if let Some(basis) = &e.cost.estimate {
            let _ = writeln!(out, "**Price estimate:** {}\n", md_cell(basis));
        }
        let _ = writeln!(out, "**Sources** (checked {}):\n", md_cell(&e.checked));
        for s in &e.sources {
            let _ = writeln!(out, "- {}", md_url(s));
        }
    }
    out.push_str("\n---\n\nTo reproduce these scores, export the same shortlist as RON and run `mtafit rank --profile <file>.ron`.\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;
    use crate::decide::Weights;
    use crate::profile::Profile;

    fn inputs() -> (Catalogue, Profile, Analysis) {
        let cat = Catalogue::builtin();
        let p = Profile::default();
        let a = crate::decide::analyse(&cat.engines, &p, &Weights::defaults(&cat.factors));
        (cat, p, a)
    }

    #[test]
    fn ids_are_checked_deduplicated_and_put_in_rank_order() {
        let (cat, p, a) = inputs();
        let i = Inputs {
            cat: &cat,
            profile: &p,
        };
        let ids = resolve(
            &i,
            &a,
            &[
                "kumomta".into(),
                "postfix".into(),
                "kumomta".into(),
                "".into(),
            ],
        )
        .unwrap();
        assert_eq!(ids, ["postfix", "kumomta"]);
        let e = resolve(&i, &a, &["kumo".into()]).unwrap_err();
        assert!(
            e.contains("known ids:") && e.contains("did you mean `kumomta`?"),
            "{e}"
        );
        assert!(
            resolve(&i, &a, &[" ".into()])
                .unwrap_err()
                .contains("empty")
        );
    }

    #[test]
    fn urls_that_could_break_out_are_escaped() {
        assert_eq!(md_url("https://a.example/x"), "<https://a.example/x>");
        assert!(!md_url("https://a.example/x>y").starts_with('<'));
    }

    #[test]
    fn default_paths() {
        assert_eq!(default_path(ExportFormat::Markdown), "mtafit-shortlist.md");
        assert_eq!(default_path(ExportFormat::Ron), "mtafit-shortlist.ron");
    }
}
