//! Everything that can happen to the app: the vocabulary between events and `update`, with the
//! names of the views it switches between.

/// The views, each a tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::VariantArray)]
pub enum View {
    /// Ranking, table, weights and detail.
    #[default]
    Compare,
    /// Annual cost against volume.
    Cost,
    /// The brief's decision diagram.
    Walk,
    /// The top pick across volumes.
    Path,
}

/// One thing the user (or the terminal) asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the app.
    Quit,
    /// Ctrl-C: leave at once, whatever is open, without a question.
    Interrupt,
    /// Open the help overlay.
    Help,
    /// Start a fuzzy search.
    Search,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Move up one row (or field).
    Up,
    /// Move down one row.
    Down,
    /// Lower the selected weight, or scroll left.
    Left,
    /// Raise the selected weight, or scroll right.
    Right,
    /// Go to the first row.
    Top,
    /// Go to the last row.
    Bottom,
    /// Down half a page.
    HalfPageDown,
    /// Up half a page.
    HalfPageUp,
    /// The next search match.
    NextMatch,
    /// The previous search match.
    PrevMatch,
    /// Close a popup, cancel an edit, clear a search.
    Back,
    /// Confirm: keep a search, apply a form.
    Confirm,
    /// Open the selected engine whole: every fact, full screen.
    Open,
    /// Jump to the weights pane.
    FocusWeights,
    /// Sort the table by the next column.
    SortNext,
    /// Reverse the sort.
    SortReverse,
    /// Hide the table's sorted column.
    HideColumn,
    /// Show the table's hidden columns again.
    ShowColumns,
    /// Hide the engines out of the running, or show them again.
    ToggleOut,
    /// Mark or unmark the selected engine for the shortlist.
    Mark,
    /// Export the shortlist.
    Export,
    /// Copy the shortlist as Markdown to the clipboard (OSC 52).
    CopyMarkdown,
    /// Compare marked engines side by side.
    Compare,
    /// Edit the profile.
    EditProfile,
    /// Put every weight back to its default.
    ResetWeights,
    /// Undo the last change of the profile or the weights.
    Undo,
    /// Put the profile and weights back to where the session started.
    ResetProfile,
    /// Save the profile, weights and marks under a name.
    SaveProfileAs,
    /// Switch view.
    Show(View),
    /// List catalogue problems.
    Problems,
    /// Move the selected weight to where the top pick changes, upwards.
    FlipUp,
    /// Move the selected weight to where the top pick changes, downwards.
    FlipDown,
    /// Cycle the colour theme.
    CycleTheme,
    /// A character typed into a text field.
    Input(char),
    /// An edit of a form's text field: a cursor movement or deletion (readline keys).
    Edit(tui_input::InputRequest),
    /// Delete the character before the cursor in a text field.
    Backspace,
    /// Mouse: a click at a screen position.
    Click(u16, u16),
    /// Mouse: a drag at a screen position (the button is held).
    Drag(u16, u16),
    /// Mouse: the button was released (a drag ends).
    Release,
    /// Mouse: the wheel at a screen position; true scrolls down.
    Wheel(u16, u16, bool),
    /// The terminal changed size.
    Resize(u16, u16),
}
