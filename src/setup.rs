//! What every front end starts from: the catalogue, the profile and the weights, built from the
//! built-in data, the user's files and the command line's overrides.
//!
//! Nothing here prints. Notes and warnings come back as sentences for the front end to show:
//! the commands print them on standard error, the explorer in its status line.

use mtafit_model::catalogue::{Capability, Catalogue, FactorId, Sources};
use mtafit_model::decide::Weights;
use mtafit_model::profile::{self, Kind, Profile};
use mtafit_model::ronfile::{Diagnostic, Severity};
use std::path::PathBuf;

/// The command line's say over the catalogue, the profile and the weights.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    /// Extra catalogue folders, in order (later entries replace earlier ones).
    pub catalogue: Vec<PathBuf>,
    /// A profile file to start from.
    pub profile: Option<PathBuf>,
    /// A monthly volume, read from what was typed (`7.4M`, `250k/day`).
    pub volume: Option<u64>,
    /// Weights, in the order given (`budget=9.5`).
    pub weights: Vec<(FactorId, f64)>,
    /// Own the sending layer (`Some(true)`), rent it (`Some(false)`), or keep the profile's.
    pub own: Option<bool>,
    /// Capabilities every engine must have.
    pub must: Vec<Capability>,
}

/// Why a front end cannot start: the catalogue or the profile it was pointed at is unusable.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// A `--catalogue` that is not a folder of engine files.
    #[error("{}", .0.render(false).trim_end())]
    Catalogue(Box<Diagnostic>),
    /// A profile that cannot be read or does not parse, located in its file.
    #[error("{}", render(.0))]
    Profile(Vec<Diagnostic>),
    /// A profile that parses but breaks a rule, one sentence each.
    #[error("{}", .0.join("\n"))]
    Problems(Vec<String>),
}

/// Diagnostics one after the other, as rustc prints them.
fn render(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| d.render(false))
        .collect::<Vec<_>>()
        .join("\n")
        .trim_end()
        .to_owned()
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
    pub fn over(cat: Catalogue, over: &Overrides) -> Result<Setup, SetupError> {
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
pub fn catalogue(over: &Overrides) -> Result<Catalogue, SetupError> {
    if let Some(d) = over
        .catalogue
        .iter()
        .find_map(|dir| mtafit_model::catalogue::load::catalogue_dir_problem(dir))
    {
        return Err(SetupError::Catalogue(Box::new(d)));
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

/// The profile the overrides start from: `--profile FILE`, else the profile saved under that
/// name in the explorer (`P`), else the built-in profile of that name; without `--profile`, the
/// defaults.
pub fn base_profile(over: &Overrides) -> Result<Profile, SetupError> {
    match &over.profile {
        // Only when nothing at all is at the path: a file that is there but cannot be read is
        // reported as it is, never replaced by a saved profile of the same name.
        Some(path) if std::fs::symlink_metadata(path).is_err() => {
            if let Some(saved) = path.to_str().and_then(|n| saved_profile(state_dir()?, n)) {
                return profile::load(&saved).map_err(SetupError::Profile);
            }
            profile::load(path).map_err(|mut diags| {
                // Not a built-in either: the names saved in the explorer are choices too.
                let saved = state_dir().map(saved_profile_names).unwrap_or_default();
                if let Some(d) = diags.first_mut().filter(|_| !saved.is_empty()) {
                    d.message = format!(
                        "{}; or one saved in the explorer with P: {}",
                        d.message,
                        saved.join(", ")
                    );
                }
                SetupError::Profile(diags)
            })
        }
        Some(path) => profile::load(path).map_err(SetupError::Profile),
        None => Ok(Profile::default()),
    }
}

/// The folder of the explorer's state: `$XDG_STATE_HOME/mtafit`, or the platform's state folder.
pub fn state_dir() -> Option<PathBuf> {
    match std::env::var_os("XDG_STATE_HOME") {
        Some(x) if !x.is_empty() => Some(PathBuf::from(x).join("mtafit")),
        _ => directories::ProjectDirs::from("", "", "mtafit").map(|p| {
            p.state_dir()
                .unwrap_or_else(|| p.data_local_dir())
                .to_path_buf()
        }),
    }
}

/// Where profiles saved by name are kept: `profiles/` in the state folder `state`.
pub fn profiles_dir(state: PathBuf) -> PathBuf {
    state.join("profiles")
}

/// Why `name` cannot name a saved profile, if it cannot: it becomes a file name, so it is kept
/// to letters, digits, `-`, `_` and `.`, and it must not hide a built-in profile.
pub fn check_profile_name(name: &str) -> Result<(), String> {
    let name = name.strip_suffix(".ron").unwrap_or(name);
    if name.is_empty() {
        return Err("type a name for the profile".into());
    }
    if name.chars().count() > 64 {
        return Err("a profile's name is at most 64 characters".into());
    }
    if name.starts_with(['.', '-'])
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(format!(
            "{:?} cannot name a profile: use letters, digits, - _ and . (not first)",
            mtafit_model::text::sanitize(name)
        ));
    }
    if profile::builtin_names().contains(&name) {
        return Err(format!(
            "{name} is a built-in profile's name; choose another so both stay loadable"
        ));
    }
    Ok(())
}

/// The file a profile saved under `name` is kept in, in the state folder `state` (whether or
/// not it exists yet); `None` for a name that cannot name a profile.
pub fn profile_file(state: PathBuf, name: &str) -> Option<PathBuf> {
    check_profile_name(name).ok()?;
    let name = name.strip_suffix(".ron").unwrap_or(name);
    Some(profiles_dir(state).join(format!("{name}.ron")))
}

/// The file of the profile saved under `name`, if there is one.
pub fn saved_profile(state: PathBuf, name: &str) -> Option<PathBuf> {
    profile_file(state, name).filter(|p| p.is_file())
}

/// The names of the profiles saved in the state folder `state`, sorted.
pub fn saved_profile_names(state: PathBuf) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(profiles_dir(state)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| {
            let e = e.ok()?;
            let name = e.file_name().to_str()?.strip_suffix(".ron")?.to_owned();
            (check_profile_name(&name).is_ok() && e.path().is_file()).then_some(name)
        })
        .collect();
    names.sort();
    names
}

/// Apply the overrides to `p` and build the weights: defaults, then `p`'s saved weights, then
/// `--weight`. Returns warnings about ids the catalogue does not know.
pub fn apply(
    over: &Overrides,
    p: &mut Profile,
    cat: &Catalogue,
) -> Result<(Weights, Vec<String>), SetupError> {
    if let Some(v) = over.volume {
        p.monthly_volume = v;
    }
    if let Some(own) = over.own {
        p.own_infrastructure = own;
    }
    for c in &over.must {
        if !p.must.contains(c) {
            p.must.push(*c);
        }
    }
    let problems = p.problems();
    if !problems.is_empty() {
        return Err(SetupError::Problems(problems));
    }
    let mut w = Weights::defaults(&cat.factors);
    w.apply(&p.session.weights);
    for &(f, v) in &over.weights {
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
    for f in profile::field::fields() {
        let Kind::Engines(slot) = &f.kind else {
            continue;
        };
        let mut list = (slot.get)(p).clone();
        for id in list.iter_mut() {
            match cat.find_id(id) {
                Some(e) => e.id.clone_into(id),
                None => warnings.push(format!(
                    "warning: {} names {:?}, which is not in the catalogue{}",
                    f.id.id(),
                    mtafit_model::text::quoted(id, mtafit_model::text::QUOTE_MAX),
                    mtafit_model::ronfile::suggest(id, &ids)
                )),
            }
        }
        (slot.set)(p, list);
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use mtafit_model::profile::Situation;

    #[test]
    fn overrides_apply_over_the_profile() {
        let cat = Catalogue::builtin();
        let over = Overrides {
            volume: Some(40_000_000),
            own: Some(false),
            must: vec![Capability::HttpApi, Capability::HttpApi],
            weights: vec![(FactorId::Budget, 9.5)],
            ..Overrides::default()
        };
        let mut p = Profile::from(Situation {
            team_knows: vec!["postfx".into()],
            ..Situation::default()
        });
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
        let mut p = Profile::from(Situation {
            team_knows: vec!["PowerMTA".into(), "Postfix".into()],
            licences_held: vec!["POWERMTA".into()],
            ..Situation::default()
        });
        p.session.shortlist = vec!["KumoMTA".into(), "Kumo-MTA".into()];
        let (_, warnings) = apply(&Overrides::default(), &mut p, &cat).unwrap();
        assert_eq!(p.team_knows, ["powermta", "postfix"]);
        assert_eq!(p.licences_held, ["powermta"]);
        assert_eq!(p.session.shortlist, ["kumomta", "Kumo-MTA"]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].contains("shortlist names \"Kumo-MTA\"")
                && warnings[0].contains("did you mean `kumomta`?"),
            "{warnings:?}"
        );
    }

    #[test]
    fn an_unusable_profile_is_located_and_a_folder_that_is_not_one_is_refused() {
        let cat = Catalogue::builtin();
        let over = Overrides {
            profile: Some("/no/such/profile.ron".into()),
            ..Overrides::default()
        };
        let e = Setup::over(cat, &over).unwrap_err();
        assert!(matches!(e, SetupError::Profile(_)), "{e:?}");
        assert!(
            e.to_string()
                .starts_with("/no/such/profile.ron:1:1: error: cannot read the profile"),
            "{e}"
        );
        let over = Overrides {
            catalogue: vec!["/no/such/folder".into()],
            ..Overrides::default()
        };
        assert!(matches!(catalogue(&over), Err(SetupError::Catalogue(_))));
    }
}
