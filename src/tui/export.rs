//! The shortlist leaves the app from here: `e` opens the export dialog (its keys are the
//! popup's), `y` copies the Markdown to the clipboard.

use super::action::Action;
use super::app::App;
use super::effect::Effect;
use super::model::Model;
use super::popup::Popup;
use super::popup::dialog::Dialog;
use super::status::Tone;
use mtafit_render::Inputs;
use mtafit_render::shortlist::{self, ShortlistError, ShortlistFormat};

/// Render the shortlist in a format from the model.
pub fn contents(
    model: &Model,
    ids: &[String],
    format: ShortlistFormat,
) -> Result<String, ShortlistError> {
    let i = Inputs {
        cat: &model.cat,
        profile: &model.profile,
    };
    shortlist::render(&i, &model.analysis, ids, format)
}

/// `e` opens the dialog; `y` copies the Markdown.
pub fn start(app: &mut App, action: Action) -> Option<Effect> {
    // The marked engines, or else the top five.
    let ids: Vec<String> = app
        .marks
        .shortlist(&app.model)
        .into_iter()
        .map(|i| app.model.engine(i).id.clone())
        .collect();
    if action == Action::CopyMarkdown {
        return match contents(&app.model, &ids, ShortlistFormat::Markdown) {
            Ok(text) if osc52(&text).len() > OSC52_MAX => {
                app.status.say(too_long_to_copy(text.len()), Tone::Error);
                None
            }
            Ok(text) => Some(Effect::Copy(text)),
            Err(e) => {
                app.status.say(e.to_string(), Tone::Error);
                None
            }
        };
    }
    let marked = !app.marks.is_empty();
    app.popup = Some(Popup::Export(Box::new(Dialog::new(ids, marked))));
    None
}

/// The longest OSC 52 sequence `y` sends, in bytes. Terminals cap it (100,000 bytes is a common
/// cap, which OSC 52 yank scripts for tmux keep to as well) and may drop a longer one without a
/// word, so the user would believe a copy happened. 100,000 bytes carry 74,994 bytes of text.
pub const OSC52_MAX: usize = 100_000;

/// Why a copy of `len` bytes of text is not sent, and what to do instead.
fn too_long_to_copy(len: usize) -> String {
    let max_text = (OSC52_MAX - osc52("").len()) / 4 * 3;
    format!(
        "not copied: the shortlist's Markdown is {len} bytes, and a terminal takes at most \
         {max_text} in one clipboard copy (OSC 52); mark fewer engines, or export it with e"
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
    }

    #[test]
    fn the_copy_limit_is_the_text_whose_sequence_fills_it() {
        assert_eq!(osc52(&"x".repeat(74_994)).len(), OSC52_MAX);
        assert!(osc52(&"x".repeat(74_995)).len() > OSC52_MAX);
        assert!(too_long_to_copy(80_000).contains("at most 74994 in one clipboard copy"));
    }
}
