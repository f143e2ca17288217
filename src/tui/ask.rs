//! What a component asks of the app around it. A component's `update` changes its own state and
//! returns what must follow elsewhere — a message, a re-ranking, closing its popup — and
//! `update` carries the asks out in order (gitui's queue of internal events, returned instead of
//! queued).

use super::effect::Effect;
use super::status::Tone;
use mtafit_model::catalogue::FactorId;
use mtafit_model::profile::Profile;
use std::path::PathBuf;

/// One thing a component asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Ask {
    /// Say this in the status line.
    Say(String, Tone),
    /// Set a weight: everything ranks again.
    Weight(FactorId, f64),
    /// Rank with this profile (a preview, an applied edit or a cancelled one).
    Profile(Box<Profile>),
    /// The profile as it was before an edit now applied, for `u` to go back to.
    Checkpoint(Box<Profile>),
    /// The search's matches changed: filter the lists again.
    Filter,
    /// Select this engine (an index into the catalogue).
    Select(usize),
    /// Mark or unmark this engine for the shortlist.
    Mark(usize),
    /// Close the popup.
    Close,
    /// Measure this mail log in the background.
    Measure(PathBuf),
    /// Stop the measurement under way.
    StopMeasuring,
    /// Save this session's state on quitting, and quit.
    SaveAndQuit,
    /// Work for the event loop.
    Effect(Effect),
}

impl Ask {
    /// A message for the status line.
    pub fn say(text: impl Into<String>, tone: Tone) -> Ask {
        Ask::Say(text.into(), tone)
    }
}
