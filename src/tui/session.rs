//! This run of the explorer: how it started, whether it saves its state on quitting, where a
//! relative export lands, and whether it has ended.

use mtafit_model::profile::Profile;
use std::path::PathBuf;

/// The session's state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Session {
    /// Started with `--fresh`: the saved state of earlier sessions is left alone unless the
    /// user changes something and chooses to save it on quitting.
    pub fresh: bool,
    /// What would be saved as the session started, to tell whether the user changed anything.
    pub baseline: Profile,
    /// Started on a profile (`--profile`, a file or a name): a what-if, which leaves the saved
    /// state alone as a fresh session does.
    pub on_profile: bool,
    /// The user chose to save on quitting (a fresh session, or one on a profile).
    pub save_on_quit: bool,
    /// The saved state was there at start but could not be read (or moved aside): it is left
    /// as it is, and nothing is saved over it.
    pub keep_saved_state: bool,
    /// The state folder, where profiles saved by name (`P`) are kept; `None` when the system
    /// names none.
    pub state_dir: Option<PathBuf>,
    /// The names of the profiles saved there, for the profile form's Load list.
    pub saved_profiles: Vec<String>,
    /// The folder the explorer was started in: where a relative export path lands.
    pub cwd: PathBuf,
    /// Set by `Quit`.
    pub quit: bool,
    /// Ended by Ctrl-C with changes a question would have offered to save: nothing was saved,
    /// and the explorer says so on leaving.
    pub interrupted_unsaved: bool,
}

impl Session {
    /// True when the saved state is written only when the user says so: a session started with
    /// `--fresh` or `--profile` must not replace the session the user saved before.
    pub fn asks_before_saving(&self) -> bool {
        self.fresh || self.on_profile
    }

    /// True when quitting now should save the state: always in a normal session; in a fresh one
    /// or one on a profile only when the user said so; never over a saved state that could not
    /// be read.
    pub fn saves_on_quit(&self) -> bool {
        !self.keep_saved_state && (!self.asks_before_saving() || self.save_on_quit)
    }
}
