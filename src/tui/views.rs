//! Which view shows, and the state of the views outside the compare view's panes: the walk and
//! path views scroll (the cost view keeps nothing); their keys are the scroll keys.

use super::action::{Action, View};
use super::scroll::Scroll;

/// The views' state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Views {
    /// The view shown.
    pub current: View,
    /// The walk view's scroll (lines).
    pub walk: Scroll,
    /// The path view's scroll (lines).
    pub path: Scroll,
}

impl Views {
    /// Keys in the cost, walk and path views: the text views scroll.
    pub fn update(&self, action: Action) {
        match self.current {
            View::Walk => self.walk.update(action),
            View::Path => self.path.update(action),
            View::Compare | View::Cost => {}
        }
    }
}
