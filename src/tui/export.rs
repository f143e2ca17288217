//! The export dialog (issue 5 fills this in).

use super::action::Action;
use super::app::{App, Tone};
use super::update::Effect;
use std::path::PathBuf;

/// A file to write for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Where.
    pub path: PathBuf,
    /// What.
    pub contents: String,
    /// Replace an existing file.
    pub force: bool,
}

/// Start an export or a copy.
pub fn start(app: &mut App, _action: Action) -> Option<Effect> {
    app.say("export is not built yet", Tone::Warn);
    None
}

/// The OSC 52 escape sequence that asks the terminal to put `text` on the clipboard; it works
/// over SSH because the terminal, not the remote host, owns the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
