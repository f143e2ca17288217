//! The explorer's first state: the catalogue, then the saved state (unless `--fresh` or
//! `--profile`), then the command line's overrides.

use super::app::{App, Tone};
use super::persist;
use super::theme::{Theme, ThemeName};
use crate::setup::{self, Overrides};

/// Options only the explorer takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Ignore the saved profile and weights of earlier sessions.
    pub fresh: bool,
    /// Capture the mouse (off keeps the terminal's own text selection).
    pub mouse: bool,
    /// The colour theme asked for on the command line; `None`: the one remembered.
    pub theme: Option<ThemeName>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            fresh: false,
            mouse: true,
            theme: None,
        }
    }
}

/// Build the app; an unusable profile or override is an error sentence.
pub fn build(over: &Overrides, opts: &Options, color: bool) -> Result<App, String> {
    let cat = setup::catalogue(over);
    let mut notes = Vec::new();
    let saved = if over.profile.is_none() && !opts.fresh {
        match persist::load() {
            persist::Loaded::Profile(p) => Some(*p),
            persist::Loaded::SetAside(msg) => {
                notes.push(msg);
                None
            }
            persist::Loaded::Nothing => None,
        }
    } else {
        None
    };
    // The saved state is the base when there is one; the flags given now still override it.
    let mut profile = match saved {
        Some(p) => p,
        None => setup::base_profile(over)?,
    };
    let (weights, mut warnings) = setup::apply(over, &mut profile, &cat)?;
    notes.append(&mut warnings);
    let marks = std::mem::take(&mut profile.shortlist);
    let chosen = opts
        .theme
        .or_else(persist::load_theme)
        .unwrap_or(ThemeName::Dark);
    let theme = Theme::new(if color { chosen } else { ThemeName::Mono });
    let mut app = App::new(cat, profile, weights, theme);
    app.color = color;
    app.fresh = opts.fresh;
    app.cwd = std::env::current_dir().unwrap_or_default();
    app.marks = marks
        .into_iter()
        .filter(|id| app.cat.engine(id).is_some())
        .collect();
    app.baseline = app.to_save();
    let problems = app.problem_count();
    if let Some(n) = notes.first() {
        let more = match notes.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        app.say(format!("{n}{more}"), Tone::Warn);
    } else if problems > 0 {
        app.say(
            format!(
                "{problems} catalogue problem{} — press ! to see them; the other engines loaded",
                if problems == 1 { "" } else { "s" }
            ),
            Tone::Warn,
        );
    }
    Ok(app)
}
