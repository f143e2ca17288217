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
    /// The user chose to save on quitting (a fresh session).
    pub save_on_quit: bool,
    /// The saved state was there at start but could not be read (or moved aside): it is left
    /// as it is, and nothing is saved over it.
    pub keep_saved_state: bool,
    /// The folder the explorer was started in: where a relative export path lands.
    pub cwd: PathBuf,
    /// Set by `Quit`.
    pub quit: bool,
}

impl Session {
    /// True when quitting now should save the state: always in a normal session; in a fresh one
    /// only when the user said so; never over a saved state that could not be read.
    pub fn saves_on_quit(&self) -> bool {
        !self.keep_saved_state && (!self.fresh || self.save_on_quit)
    }
}
