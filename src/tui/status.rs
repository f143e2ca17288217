//! The status line's message: what the last key or click had to say, until the next one.

/// How serious a status message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Information.
    Info,
    /// Something to notice.
    Warn,
    /// Something failed.
    Error,
}

/// The status line's state: a message, or none (then the line shows the keys).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Status {
    /// The message and how serious it is.
    pub message: Option<(String, Tone)>,
}

impl Status {
    /// Show a message.
    pub fn say(&mut self, text: impl Into<String>, tone: Tone) {
        // Status lines often quote a path or a value as typed: make them safe once, here.
        let text = text.into();
        self.message = Some((mtafit_model::text::sanitize(&text).into_owned(), tone));
    }

    /// Drop the message: the key hints come back.
    pub fn clear(&mut self) {
        self.message = None;
    }
}
