//! The detail pane: why the selected engine scores what it does; it scrolls.

use crate::tui::action::Action;
use crate::tui::scroll::Scroll;

/// The detail pane's state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Detail {
    /// The lines' scroll; back to the top when the selection changes.
    pub scroll: Scroll,
}

impl Detail {
    /// Its keys: the scroll keys.
    pub fn update(&self, action: Action) {
        self.scroll.update(action);
    }
}
