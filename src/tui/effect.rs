//! Work `update` asks the event loop to do: everything that touches the world outside the app.

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
}

/// A file to write for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Where.
    pub path: PathBuf,
    /// What.
    pub contents: String,
    /// Replace an existing file (the user confirmed).
    pub force: bool,
}
