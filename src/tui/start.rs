//! The explorer's first state: the catalogue, then the saved state (unless `--fresh` or
//! `--profile`), then the command line's overrides.
//!
//! A saved state that cannot be read is reported in the status line and kept from being saved
//! over, with `--profile` or `--fresh` too. Those two leave the saved state alone unless the
//! user asks to save on quitting.

use super::app::App;
use super::persist;
use super::status::Tone;
use super::theme::{Theme, ThemeName};
use crate::setup::{self, Overrides, SetupError};

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

/// Build the app; an unusable catalogue folder or profile is an error.
pub fn build(over: &Overrides, opts: &Options, color: bool) -> Result<App, SetupError> {
    let cat = setup::catalogue(over)?;
    let mut notes = Vec::new();
    // A session on a profile is a what-if, like a fresh one: the saved state is not loaded, and
    // is saved over only when the user asks, never when it is a file that cannot be read.
    let asks = opts.fresh || over.profile.is_some();
    let mut keep_saved_state = false;
    let saved = if asks {
        if let Some(msg) = persist::unreadable() {
            notes.push(msg);
            keep_saved_state = true;
        }
        None
    } else {
        match persist::load() {
            persist::Loaded::Profile(p) => Some(*p),
            persist::Loaded::SetAside(msg) => {
                notes.push(msg);
                None
            }
            persist::Loaded::Unreadable(msg) => {
                notes.push(msg);
                keep_saved_state = true;
                None
            }
            persist::Loaded::Nothing => None,
        }
    };
    // The saved state is the base when there is one; the flags given now still override it.
    let mut profile = match saved {
        Some(p) => p,
        None => setup::base_profile(over)?,
    };
    let (weights, mut warnings) = setup::apply(over, &mut profile, &cat)?;
    notes.append(&mut warnings);
    // The session's weights are now `weights` and its shortlist the marks: the app keeps each
    // once, and puts them back in the profile when it saves (`App::to_save`).
    let marks = std::mem::take(&mut profile.session).shortlist;
    let chosen = opts
        .theme
        .or_else(persist::load_theme)
        .unwrap_or(ThemeName::Dark);
    let theme = Theme::new(if color { chosen } else { ThemeName::Mono });
    let mut app = App::new(cat, profile, weights, theme);
    app.screen.color = color;
    app.session.fresh = opts.fresh;
    app.session.on_profile = over.profile.is_some();
    app.session.keep_saved_state = keep_saved_state;
    app.session.cwd = std::env::current_dir().unwrap_or_default();
    app.session.state_dir = setup::state_dir();
    app.session.saved_profiles = app
        .session
        .state_dir
        .clone()
        .map(setup::saved_profile_names)
        .unwrap_or_default();
    app.marks = marks
        .into_iter()
        .filter(|id| app.model.cat.engine(id).is_some())
        .collect();
    app.session.baseline = app.to_save();
    let problems = app.model.problem_count();
    if let Some(n) = notes.first() {
        let more = match notes.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        app.status.say(format!("{n}{more}"), Tone::Warn);
    } else if problems > 0 {
        app.status.say(
            format!(
                "{problems} catalogue problem{} — press ! to see them; the other engines loaded",
                if problems == 1 { "" } else { "s" }
            ),
            Tone::Warn,
        );
    }
    Ok(app)
}
