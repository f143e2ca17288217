//! Work `update` asks the event loop to do: everything that touches the world outside the app.

use mtafit_render::shortlist::ShortlistFormat;
use std::path::PathBuf;

/// Work for the event loop.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write the shortlist to a file.
    Export(Request),
    /// Put text on the clipboard with OSC 52.
    Copy(String),
    /// Measure a mail log in the background (the job is in `app.measuring`).
    Measure,
    /// Remember the theme for the next session.
    RememberTheme(super::theme::ThemeName),
    /// Save the profile, weights and marks under a name; `overwrite` replaces a profile saved
    /// under it before (the user agreed).
    SaveProfile {
        /// The name, checked.
        name: String,
        /// Replace an existing profile of that name.
        overwrite: bool,
    },
    /// Load the profile saved under this name, or the built-in one, with its weights.
    LoadProfile(String),
}

/// A shortlist to write for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Where.
    pub path: PathBuf,
    /// The engine ids, in ranking order.
    pub ids: Vec<String>,
    /// In which format.
    pub format: ShortlistFormat,
    /// Replace an existing file (the user confirmed).
    pub force: bool,
}
