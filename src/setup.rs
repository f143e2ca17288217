//! What every front end starts from: the catalogue, the profile and the weights, built from the
//! built-in data, the user's files and the command line's overrides.
//!
//! Nothing here prints. Notes and warnings come back as sentences for the front end to show:
//! the commands print them on standard error, the explorer in its status line.

use mtafit_model::catalogue::{Capability, Catalogue, FactorId, Sources};
use mtafit_model::decide::Weights;
use mtafit_model::decide::weights::parse_weight;
use mtafit_model::profile::{self, Profile};
use mtafit_model::ronfile::Severity;
use std::path::PathBuf;

/// The command line's say over the catalogue, the profile and the weights.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    /// Extra catalogue folders, in order (later entries replace earlier ones).
    pub catalogue: Vec<PathBuf>,
    /// A profile file to start from.
    pub profile: Option<PathBuf>,
    /// A monthly volume as typed (`7.4M`, `250k/day`).
    pub volume: Option<String>,
    /// Weights as typed (`budget=9.5`).
    pub weights: Vec<String>,
    /// Own the sending layer (`Some(true)`), rent it (`Some(false)`), or keep the profile's.
    pub own: Option<bool>,
    /// Capabilities every engine must have, as typed.
    pub must: Vec<String>,
}

/// The catalogue, profile and weights, and what the user should be told about them.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The merged catalogue.
    pub cat: Catalogue,
    /// The profile file (or defaults) with the overrides applied.
    pub profile: Profile,
    /// Default weights, then the profile's saved weights, then the overrides.
    pub weights: Weights,
    /// Warnings for the user about the profile (ids the catalogue does not know).
    pub warnings: Vec<String>,
}

impl Setup {
    /// Build the profile and weights over a loaded catalogue; an unusable profile or override
    /// is an error.
    pub fn over(cat: Catalogue, over: &Overrides) -> Result<Setup, String> {
        let mut profile = base_profile(over)?;
        let (weights, warnings) = apply(over, &mut profile, &cat)?;
        Ok(Setup {
            cat,
            profile,
            weights,
            warnings,
        })
    }

    /// The catalogue and profile, as the renderers take them.
    pub fn inputs(&self) -> mtafit_render::Inputs<'_> {
        mtafit_render::Inputs {
            cat: &self.cat,
            profile: &self.profile,
        }
    }
}

/// The catalogue: built-in, the user's folder, then each `--catalogue` folder.
///
/// A `--catalogue` that is not a folder is an error, not a problem to work around: the user
/// asked for those engines, and a ranking without them would answer another question.
pub fn catalogue(over: &Overrides) -> Result<Catalogue, String> {
    if let Some(d) = over
        .catalogue
        .iter()
        .find_map(|dir| mtafit_model::catalogue::load::catalogue_dir_problem(dir))
    {
        return Err(d.render(false).trim_end().to_owned());
    }
    Ok(Catalogue::load(&Sources::standard(over.catalogue.clone())))
}

/// One line per replaced entry and per problem, then a summary when there are problems: one
/// bad file is visible without stopping the command.
pub fn catalogue_notes(cat: &Catalogue) -> Vec<String> {
    let first_line = |d: &mtafit_model::ronfile::Diagnostic| {
        d.render(false)
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    // Replacements are not problems, but the user should know their file is the one in use.
    let mut out: Vec<String> = cat
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .map(first_line)
        .collect();
    let problems: Vec<String> = cat.problems().map(first_line).collect();
    if !problems.is_empty() {
        let n = problems.len();
        out.extend(problems);
        out.push(format!(
            "{n} catalogue problem(s); the other engines are used. Run `mtafit check` for details."
        ));
    }
    out
}

/// The profile the overrides start from: `--profile FILE` (or a built-in name), else defaults.
pub fn base_profile(over: &Overrides) -> Result<Profile, String> {
    match &over.profile {
        Some(path) => profile::load(path).map_err(|diags| {
            diags
                .iter()
                .map(|d| d.render(false))
                .collect::<Vec<_>>()
                .join("\n")
                .trim_end()
                .to_owned()
        }),
        None => Ok(Profile::default()),
    }
}

/// Apply the overrides to `p` and build the weights: defaults, then `p`'s saved weights, then
/// `--weight`. Returns warnings about ids the catalogue does not know.
pub fn apply(
    over: &Overrides,
    p: &mut Profile,
    cat: &Catalogue,
) -> Result<(Weights, Vec<String>), String> {
    if let Some(v) = &over.volume {
        p.monthly_volume =
            mtafit_model::units::parse_volume(v).map_err(|e| format!("--volume: {e}"))?;
    }
    if let Some(own) = over.own {
        p.own_infrastructure = own;
    }
    for m in &over.must {
        let c = Capability::parse(m).map_err(|e| format!("--must: {e}"))?;
        if !p.must.contains(&c) {
            p.must.push(c);
        }
    }
    let problems = p.problems();
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    let mut w = Weights::defaults(&cat.factors);
    w.apply(&p.weights);
    for arg in &over.weights {
        let (f, v): (FactorId, f64) = parse_weight(arg)?;
        w.set(f, v);
    }
    let warnings = normalise_ids(p, cat);
    Ok((w, warnings))
}

/// Put the catalogue's spelling on every engine id the profile names (`PowerMTA` becomes
/// `powermta`), since the model compares ids exactly; returns a warning for each id the
/// catalogue lacks, which is probably a typo.
fn normalise_ids(p: &mut Profile, cat: &Catalogue) -> Vec<String> {
    let ids = cat.ids();
    let mut warnings = Vec::new();
    for (field, list) in [
        ("team_knows", &mut p.team_knows),
        ("licences_held", &mut p.licences_held),
        ("shortlist", &mut p.shortlist),
    ] {
        for id in list.iter_mut() {
            match cat.find_id(id) {
                Some(e) => e.id.clone_into(id),
                None => warnings.push(format!(
                    "warning: {field} names {:?}, which is not in the catalogue{}",
                    mtafit_model::text::sanitize(id),
                    mtafit_model::ronfile::suggest(id, &ids)
                )),
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_apply_over_the_profile() {
        let cat = Catalogue::builtin();
        let over = Overrides {
            volume: Some("40M".into()),
            own: Some(false),
            must: vec!["http_api".into()],
            weights: vec!["budget=9.5".into()],
            ..Overrides::default()
        };
        let mut p = Profile {
            team_knows: vec!["postfx".into()],
            ..Profile::default()
        };
        let (w, warnings) = apply(&over, &mut p, &cat).unwrap();
        assert_eq!(p.monthly_volume, 40_000_000);
        assert!(!p.own_infrastructure);
        assert_eq!(p.must, vec![Capability::HttpApi]);
        assert_eq!(w.get(FactorId::Budget), 9.5);
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].contains("did you mean `postfix`?"),
            "{warnings:?}"
        );
    }

    #[test]
    fn engine_ids_in_a_profile_take_the_catalogues_spelling() {
        let cat = Catalogue::builtin();
        let mut p = Profile {
            team_knows: vec!["PowerMTA".into(), "Postfix".into()],
            licences_held: vec!["POWERMTA".into()],
            shortlist: vec!["KumoMTA".into(), "Kumo-MTA".into()],
            ..Profile::default()
        };
        let (_, warnings) = apply(&Overrides::default(), &mut p, &cat).unwrap();
        assert_eq!(p.team_knows, ["powermta", "postfix"]);
        assert_eq!(p.licences_held, ["powermta"]);
        assert_eq!(p.shortlist, ["kumomta", "Kumo-MTA"]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].contains("shortlist names \"Kumo-MTA\"")
                && warnings[0].contains("did you mean `kumomta`?"),
            "{warnings:?}"
        );
    }

    #[test]
    fn bad_overrides_are_sentences() {
        let cat = Catalogue::builtin();
        let bad = |over: Overrides| apply(&over, &mut Profile::default(), &cat).unwrap_err();
        assert!(
            bad(Overrides {
                volume: Some("lots".into()),
                ..Overrides::default()
            })
            .starts_with("--volume: ")
        );
        assert!(
            bad(Overrides {
                must: vec!["web_uii".into()],
                ..Overrides::default()
            })
            .starts_with("--must: ")
        );
        assert!(
            bad(Overrides {
                weights: vec!["budget".into()],
                ..Overrides::default()
            })
            .contains("ID=N")
        );
    }
}
