//! The interactive explorer: The Elm Architecture over the decision model.
//!
//! Events become [`action::Action`]s, [`update::update`] changes the [`app::App`], and
//! [`view::view`] draws it. The terminal is set up and always restored by [`terminal`].

pub mod action;
pub mod app;
pub mod event;
pub mod export;
pub mod form;
pub mod keymap;
pub mod layout;
pub mod persist;
pub mod run;
pub mod search;
pub mod svg;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;

use crate::catalogue::Catalogue;
use crate::cli::Global;
use crate::commands::{Failure, profile_and_weights};
use app::{App, Tone};
use theme::{Theme, ThemeName};

/// Options only the explorer takes.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct Options {
    /// Ignore the saved profile and weights of earlier sessions
    #[arg(long, global = true)]
    pub fresh: bool,
    /// Do not capture the mouse (keeps the terminal's own text selection)
    #[arg(long, global = true)]
    pub no_mouse: bool,
    /// Colour theme
    #[arg(long, value_enum, global = true, default_value_t)]
    pub theme: ThemeName,
}

/// Build the app from the command line: catalogue, then saved state (unless `--fresh` or
/// `--profile`), then flags.
pub fn build(global: &Global, opts: &Options, color: bool) -> Result<App, Failure> {
    let cat = Catalogue::load(&crate::catalogue::Sources::standard(
        global.catalogue.clone(),
    ));
    let mut note = None;
    let mut global = global.clone();
    let marks: Vec<String>;
    let saved_profile = if global.profile.is_none() && !opts.fresh {
        match persist::load() {
            persist::Loaded::Profile(p) => Some(p),
            persist::Loaded::SetAside(msg) => {
                note = Some(msg);
                None
            }
            persist::Loaded::Nothing => None,
        }
    } else {
        None
    };
    let (mut profile, mut weights) = profile_and_weights(&global, &cat)?;
    if let Some(saved) = saved_profile {
        // The saved state is the base; flags given now still override it.
        global.profile = None;
        let mut base = *saved;
        marks = std::mem::take(&mut base.shortlist);
        let mut w = crate::decide::Weights::defaults(&cat.factors);
        w.apply(&base.weights);
        apply_flags(&mut base, &mut w, &global, &cat)?;
        profile = base;
        weights = w;
    } else {
        marks = std::mem::take(&mut profile.shortlist);
    }
    let theme = Theme::new(if color { opts.theme } else { ThemeName::Mono });
    let mut app = App::new(cat, profile, weights, theme);
    app.color = color;
    app.marks = marks
        .into_iter()
        .filter(|id| app.cat.engine(id).is_some())
        .collect();
    if let Some(n) = note {
        app.say(n, Tone::Warn);
    } else if app.problem_count() > 0 {
        let n = app.problem_count();
        app.say(
            format!(
                "{n} catalogue problem{} — press ! to see them; the other engines loaded",
                if n == 1 { "" } else { "s" }
            ),
            Tone::Warn,
        );
    }
    Ok(app)
}

/// Apply `--volume`, `--own`/`--rent`, `--must` and `--weight` over a saved profile.
fn apply_flags(
    p: &mut crate::profile::Profile,
    w: &mut crate::decide::Weights,
    global: &Global,
    cat: &Catalogue,
) -> Result<(), Failure> {
    let flags_only = Global {
        profile: None,
        ..global.clone()
    };
    let (fp, fw) = profile_and_weights(&flags_only, cat)?;
    if global.volume.is_some() {
        p.monthly_volume = fp.monthly_volume;
    }
    if global.own || global.rent {
        p.own_infrastructure = fp.own_infrastructure;
    }
    for m in fp.must {
        if !p.must.contains(&m) {
            p.must.push(m);
        }
    }
    for arg in &global.weight {
        if let Ok((f, _)) = crate::decide::weights::parse_weight(arg) {
            w.set(f, fw.get(f));
        }
    }
    Ok(())
}
