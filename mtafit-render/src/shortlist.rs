//! A shortlist as a document: Markdown for a ticket, CSV for a spreadsheet, JSON for programs,
//! and RON that mtafit loads back — each carrying the profile and weights behind the scores.

use super::Inputs;
use super::json::pretty;
use super::markdown::{cell, url};
use super::path as path_words;
use super::rank::{self, Rows};
use super::{compare, sentence, walk};
use mtafit_model::catalogue::FactorId;
use mtafit_model::decide::Analysis;
use mtafit_model::units;
use std::fmt::Write as _;

/// The formats a shortlist is written in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount, strum::VariantArray, strum::IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
pub enum ShortlistFormat {
    /// For a ticket or pull request.
    Markdown,
    /// For a spreadsheet.
    Csv,
    /// The `rank` JSON, restricted to the shortlist.
    Json,
    /// Profile, weights and shortlist, loadable with `--profile`.
    Ron,
}

impl ShortlistFormat {
    /// Every format, in the order the explorer cycles them.
    pub const ALL: [ShortlistFormat; <ShortlistFormat as strum::EnumCount>::COUNT] =
        mtafit_model::variants::all();

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ShortlistFormat::Markdown => "md",
            ShortlistFormat::Csv => "csv",
            ShortlistFormat::Json => "json",
            ShortlistFormat::Ron => "ron",
        }
    }

    /// The format's name, as `--format` takes it.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The format a file name's extension names (`out.csv` is CSV; `.md` and `.markdown` are
    /// Markdown; case does not matter), or `None` when it has no extension mtafit writes.
    pub fn from_path(path: &str) -> Option<ShortlistFormat> {
        let ext = std::path::Path::new(path).extension()?.to_str()?;
        if ext.eq_ignore_ascii_case("markdown") {
            return Some(ShortlistFormat::Markdown);
        }
        ShortlistFormat::ALL
            .into_iter()
            .find(|f| ext.eq_ignore_ascii_case(f.extension()))
    }

    /// The default file name: `mtafit-shortlist.<ext>`.
    pub fn default_path(self) -> String {
        format!("mtafit-shortlist.{}", self.extension())
    }
}

/// Why a shortlist could not be put into words.
#[derive(Debug, thiserror::Error)]
pub enum ShortlistError {
    /// The profile could not be written as RON.
    #[error("cannot write RON: {0}")]
    Ron(#[from] ron::Error),
}

/// The shortlist `ids` (known ids, in ranking order) in `format`.
pub fn render(
    i: &Inputs<'_>,
    a: &Analysis,
    ids: &[String],
    format: ShortlistFormat,
) -> Result<String, ShortlistError> {
    match format {
        ShortlistFormat::Markdown => Ok(markdown(i, a, ids)),
        ShortlistFormat::Csv => Ok(rank::csv(i, a, Rows::Only(ids))),
        ShortlistFormat::Json => {
            let mut v = rank::json_value(i, a, Rows::Only(ids));
            v["shortlist"] = serde_json::json!(ids);
            Ok(pretty(&v))
        }
        ShortlistFormat::Ron => ron(i, a, ids),
    }
}

/// Profile, weights and shortlist in one profile file: `--profile` loads it back.
fn ron(i: &Inputs<'_>, a: &Analysis, ids: &[String]) -> Result<String, ShortlistError> {
    let mut p = i.profile.clone();
    p.session.weights = a.ranking.given.to_btree();
    p.session.shortlist = ids.to_vec();
    let body =
        ron::ser::to_string_pretty(&p, ron::ser::PrettyConfig::default().struct_names(true))?;
    Ok(format!(
        "// An mtafit shortlist: the profile and weights that produced it, and the engines chosen.\n\
         // Reproduce the scores with: mtafit rank --profile <this file>\n{body}\n"
    ))
}

/// "As you grow": the top pick from half to ten times the profile's volume, where it changes,
/// and where the profile's growth leads. The path is the model's (`decide::path`), computed here
/// so that every caller of the export gets it without carrying it.
fn as_you_grow(i: &Inputs<'_>, a: &Analysis) -> String {
    let p = i.profile;
    let engines = &i.cat.engines;
    let from = (p.monthly_volume / 2).max(1);
    let to = p
        .monthly_volume
        .saturating_mul(10)
        .clamp(from + 1, units::MAX_VOLUME);
    let path = mtafit_model::decide::path::path(engines, p, &a.ranking.given, from, to);
    let mut out = String::from("## As you grow\n\n");
    let _ = writeln!(
        out,
        "The top pick from half to ten times your volume ({} to {} a month), each volume ranked as \
         the shortlist above is:\n",
        units::volume(from),
        units::volume(to)
    );
    if path.weights_zero {
        out.push_str("Every weight that counts is 0, so nothing is ranked.\n\n");
        return out;
    }
    out.push_str(
        "| From | To | Top pick | Then | The walk says |\n| ---: | ---: | --- | --- | --- |\n",
    );
    for s in &path.stretches {
        let next: Vec<String> = s.next.iter().map(|i| cell(&engines[*i].name)).collect();
        let yours = (s.from..=s.to).contains(&p.monthly_volume);
        let _ = writeln!(
            out,
            "| {} | {} | {}{} | {} | {} |",
            units::grouped(s.from),
            units::grouped(s.to),
            cell(&path_words::pick_words(engines, s)),
            if yours {
                format!(" (you: {})", units::volume(p.monthly_volume))
            } else {
                String::new()
            },
            if next.is_empty() {
                "—".to_owned()
            } else {
                next.join(", ")
            },
            cell(&path_words::walk_words(engines, s))
        );
    }
    let lines = path_words::change_lines(&path);
    if !lines.is_empty() {
        out.push('\n');
        for l in &lines {
            let _ = writeln!(out, "- {}", cell(&path_words::change(engines, l)));
        }
    }
    let growth = path_words::growth_source(p, None);
    let _ = writeln!(
        out,
        "\n{}.\n",
        cell(&format!(
            "As you grow: {}",
            path_words::outlook(&path, engines, p.monthly_volume, growth)
        ))
    );
    out
}

/// The Markdown for a ticket: profile and weights, the table, the walk, then each engine.
pub fn markdown(i: &Inputs<'_>, a: &Analysis, ids: &[String]) -> String {
    let p = i.profile;
    let w = &a.ranking.given;
    let mut out = String::from("# MTA shortlist\n\n");
    let _ = writeln!(
        out,
        "Made with mtafit {} on {}. Scores are 0–100: the weighted fit of each engine to the profile below.\n",
        env!("CARGO_PKG_VERSION"),
        {
            let (y, m, d) = mtafit_model::catalogue::validate::today();
            format!("{y:04}-{m:02}-{d:02}")
        }
    );
    // How old the facts are: the oldest `checked` date in the catalogue, and whose.
    if let Some(oldest) = i
        .cat
        .engines
        .iter()
        .min_by(|a, b| a.checked.cmp(&b.checked).then_with(|| a.name.cmp(&b.name)))
    {
        let _ = writeln!(
            out,
            "The catalogue's facts were checked on {} at the oldest ({}); `mtafit check --stale DAYS` lists any older than you accept.\n",
            cell(&oldest.checked),
            cell(&oldest.name)
        );
    }
    out.push_str("## Profile\n\n");
    let list = |v: &[String]| {
        if v.is_empty() {
            "none".to_owned()
        } else {
            cell(&v.join(", "))
        }
    };
    let caps = |v: &[mtafit_model::catalogue::Capability]| {
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
        ("Team can run", crate::profile::team(p.team).to_owned()),
        ("Team already runs", list(&p.team_knows)),
        ("Licences held", list(&p.licences_held)),
        (
            "Cloud-native",
            if p.cloud_native { "yes" } else { "no" }.to_owned(),
        ),
        (
            "Support needed",
            crate::profile::support_need(p.support).to_owned(),
        ),
        (
            "Bundled marketing",
            crate::profile::marketing(p.marketing).to_owned(),
        ),
        ("Must have", caps(&p.must)),
        ("Would like", caps(&p.want)),
        ("Assumptions", sentence::assumptions(p)),
    ];
    for (k, v) in items {
        let _ = writeln!(out, "- **{k}:** {v}");
    }
    out.push_str("\n## Weights\n\n");
    let ws: Vec<String> = FactorId::ALL
        .iter()
        .map(|f| {
            let asked = if a.ranking.asked[*f] {
                ""
            } else {
                " (not asked by this profile)"
            };
            format!("{} {}{asked}", f.name(), units::weight(w.get(*f)))
        })
        .collect();
    let _ = writeln!(out, "{} (each 0–10)\n", ws.join(" · "));

    out.push_str("## Shortlist\n\n");
    out.push_str(&rank::markdown(i, a, Rows::Only(ids)));
    out.push_str("\nCost/yr includes the assumptions above; estimated licence prices are marked in each engine's notes.\n\n");
    if let Some(c) = &a.comparison {
        out.push_str("## How firm the top pick is\n\n");
        out.push_str(&compare::markdown(&i.cat.engines, c));
        out.push('\n');
    }

    out.push_str(&as_you_grow(i, a));

    out.push_str("## The brief's walk\n\n");
    out.push_str(&walk::sentence_markdown(&i.cat.engines, &a.agreement));
    out.push_str("\n\n");
    for (n, st) in a.walk.steps.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {} — {}",
            n + 1,
            walk::question(st.gate),
            cell(&walk::answer(&i.cat.engines, &st.answer))
        );
    }
    out.push_str("\n## Engines\n");
    for id in ids {
        let Some(e) = i.cat.engine(id) else { continue };
        let idx = i.cat.engines.iter().position(|x| x.id == *id).unwrap_or(0);
        let _ = writeln!(out, "\n### {}\n", cell(&e.name));
        // The analysis ranks every engine of the catalogue.
        let Some(row) = a.ranking.row_of(idx) else {
            continue;
        };
        if let Some(why) = sentence::out(row) {
            let _ = writeln!(out, "**Out of the running:** {}\n", cell(&why));
        }
        for remark in sentence::remarks(e, row) {
            let _ = writeln!(out, "**Note:** {}\n", cell(&remark));
        }
        let c = &row.cost;
        let _ = writeln!(
            out,
            "**At {}/month:** {}; {}/yr, {}.\n",
            units::volume(p.monthly_volume),
            cell(&sentence::estate(c)),
            units::usd(c.total()),
            sentence::cash_and_staff(c)
        );
        for item in c.items() {
            let _ = writeln!(
                out,
                "- {}: {}/yr ({})",
                cell(&sentence::cost_label_of(e, &item)),
                units::usd(item.amount),
                cell(&sentence::cost_basis(&item))
            );
        }
        out.push('\n');
        let _ = writeln!(out, "**Good at:** {}\n", cell(&e.good_at));
        let _ = writeln!(out, "**Cautions:** {}\n", cell(&e.cautions));
        if let Some(basis) = &e.cost.estimate {
            let _ = writeln!(out, "**Price estimate:** {}\n", cell(basis));
        }
        let _ = writeln!(out, "**Sources** (checked {}):\n", cell(&e.checked));
        for s in &e.sources {
            let _ = writeln!(out, "- {}", url(s));
        }
    }
    out.push_str("\n---\n\nTo reproduce these scores, export the same shortlist as RON and run `mtafit rank --profile <file>.ron`.\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_names_its_format_by_its_extension() {
        let f = ShortlistFormat::from_path;
        assert_eq!(f("out.csv"), Some(ShortlistFormat::Csv));
        assert_eq!(f("~/notes/out.MD"), Some(ShortlistFormat::Markdown));
        assert_eq!(f("out.markdown"), Some(ShortlistFormat::Markdown));
        assert_eq!(f("a.b/out.json"), Some(ShortlistFormat::Json));
        assert_eq!(f("saved.ron"), Some(ShortlistFormat::Ron));
        for none in ["out.txt", "out", "a.csv/out", ".csv", ""] {
            assert_eq!(f(none), None, "{none}");
        }
        for format in ShortlistFormat::ALL {
            assert_eq!(f(&format.default_path()), Some(format));
        }
    }

    #[test]
    fn format_names_are_the_flag_values() {
        // `--format` of `export` takes these (docs/cli.md); each file is named by its extension.
        assert_eq!(
            ShortlistFormat::ALL.map(ShortlistFormat::name),
            ["markdown", "csv", "json", "ron"]
        );
        assert_eq!(
            ShortlistFormat::ALL.map(ShortlistFormat::extension),
            ["md", "csv", "json", "ron"]
        );
    }

    #[test]
    fn default_paths() {
        assert_eq!(
            ShortlistFormat::Markdown.default_path(),
            "mtafit-shortlist.md"
        );
        assert_eq!(ShortlistFormat::Ron.default_path(), "mtafit-shortlist.ron");
    }
}
