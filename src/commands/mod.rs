//! One module per subcommand; each returns what to print, so tests can call it without a process.

pub mod check;
pub mod cost;
pub mod export;
pub mod measure;
pub mod rank;
pub mod sensitivity;
pub mod show;
pub mod walk;

use crate::catalogue::{Catalogue, Sources};
use crate::cli::Global;
use std::io::{IsTerminal, Write};

/// How a command ended, mapped to the exit status of DESIGN.md §5.
#[derive(Debug)]
pub enum Failure {
    /// Invalid input or a failed operation (exit 1); the sentence goes to standard error.
    Invalid(String),
    /// Output could not be written (exit 1), except a closed pipe, which ends quietly.
    Io(std::io::Error),
    /// The command line asks for something that cannot work (exit 2).
    Usage(String),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::Io(e)
    }
}

/// What a command returns.
pub type Outcome = Result<std::process::ExitCode, Failure>;

/// True when colour may be used on a stream: not disabled and a terminal.
pub fn use_color(global: &Global, is_terminal: bool) -> bool {
    let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    is_terminal && !global.no_color && !no_color_env
}

/// True when standard output may be coloured.
pub fn stdout_color(global: &Global) -> bool {
    use_color(global, std::io::stdout().is_terminal())
}

/// Write `text` to standard output in one go.
pub fn emit(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// The catalogue every command but `check` works on; problems are summarised on standard
/// error so that one bad file is visible without stopping the command.
pub fn load_catalogue(global: &Global) -> Catalogue {
    let cat = Catalogue::load(&Sources::standard(global.catalogue.clone()));
    let mut err = std::io::stderr().lock();
    // Replacements are not problems, but the user should know their file is the one in use.
    for d in cat
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::ronfile::Severity::Note)
    {
        let first = d.render(false);
        let _ = writeln!(err, "mtafit: {}", first.lines().next().unwrap_or_default());
    }
    let problems: Vec<_> = cat.problems().collect();
    if !problems.is_empty() {
        for d in &problems {
            let first = d.render(false);
            let first = first.lines().next().unwrap_or_default();
            let _ = writeln!(err, "mtafit: {first}");
        }
        let _ = writeln!(
            err,
            "mtafit: {} catalogue problem(s); the other engines are used. Run `mtafit check` for details.",
            problems.len()
        );
    }
    drop(err);
    cat
}

use crate::decide::{FactorId, Weights, weights::parse_weight};
use crate::profile::{self, Profile};

/// What every model command starts from: the catalogue, the profile and the weights.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The merged catalogue.
    pub cat: Catalogue,
    /// The profile file (or defaults) with command-line overrides applied.
    pub profile: Profile,
    /// Default weights, then the profile's saved weights, then `--weight`.
    pub weights: Weights,
}

/// What the output writers read, borrowed so the explorer can use them on its own state.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// The catalogue.
    pub cat: &'a Catalogue,
    /// The profile the analysis was made for.
    pub profile: &'a Profile,
}

impl Setup {
    /// Borrow the catalogue and profile for the writers.
    pub fn inputs(&self) -> Inputs<'_> {
        Inputs {
            cat: &self.cat,
            profile: &self.profile,
        }
    }
}

/// Build the profile and weights from `--profile` and the flags that override it.
pub fn profile_and_weights(
    global: &Global,
    cat: &Catalogue,
) -> Result<(Profile, Weights), Failure> {
    let mut p = match &global.profile {
        Some(path) => profile::load(path).map_err(|diags| {
            Failure::Invalid(
                diags
                    .iter()
                    .map(|d| d.render(false))
                    .collect::<Vec<_>>()
                    .join("\n")
                    .trim_end()
                    .to_owned(),
            )
        })?,
        None => Profile::default(),
    };
    if let Some(v) = &global.volume {
        p.monthly_volume = crate::units::parse_volume(v)
            .map_err(|e| Failure::Invalid(format!("--volume: {e}")))?;
    }
    if global.own {
        p.own_infrastructure = true;
    }
    if global.rent {
        p.own_infrastructure = false;
    }
    for m in &global.must {
        let c = crate::catalogue::Capability::parse(m)
            .map_err(|e| Failure::Invalid(format!("--must: {e}")))?;
        if !p.must.contains(&c) {
            p.must.push(c);
        }
    }
    let problems = p.problems();
    if !problems.is_empty() {
        return Err(Failure::Invalid(problems.join("\n")));
    }
    let mut w = Weights::defaults(&cat.factors);
    w.apply(&p.weights);
    for arg in &global.weight {
        let (f, v): (FactorId, f64) = parse_weight(arg).map_err(Failure::Invalid)?;
        w.set(f, v);
    }
    // Engine ids the profile names but the catalogue lacks are probably typos: say so.
    let ids = cat.ids();
    for (field, list) in [
        ("team_knows", &p.team_knows),
        ("licences_held", &p.licences_held),
    ] {
        for id in list.iter().filter(|id| cat.engine(id).is_none()) {
            let _ = writeln!(
                std::io::stderr(),
                "mtafit: warning: {field} names {:?}, which is not in the catalogue{}",
                crate::text::sanitize(id),
                crate::ronfile::suggest(id, &ids)
            );
        }
    }
    Ok((p, w))
}

/// Load everything a model command needs.
pub fn setup(global: &Global) -> Result<Setup, Failure> {
    let cat = load_catalogue(global);
    let (profile, weights) = profile_and_weights(global, &cat)?;
    Ok(Setup {
        cat,
        profile,
        weights,
    })
}
