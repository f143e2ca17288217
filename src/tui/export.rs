//! The export dialog's keys and the clipboard copy: the shortlist leaves the app from here.

use super::action::Action;
use super::app::{App, Popup, Tone};
use super::dialog::Dialog;
use super::effect::{Effect, Request};
use mtafit_render::Inputs;
use mtafit_render::shortlist::{self, ShortlistError, ShortlistFormat};
use std::path::PathBuf;

/// The shortlist's ids: the marked engines, or else the top five.
fn shortlist_ids(app: &App) -> Vec<String> {
    app.shortlist()
        .into_iter()
        .map(|i| app.cat.engines[i].id.clone())
        .collect()
}

/// Render the shortlist in a format from the app's own state.
pub fn contents(
    app: &App,
    ids: &[String],
    format: ShortlistFormat,
) -> Result<String, ShortlistError> {
    let i = Inputs {
        cat: &app.cat,
        profile: &app.profile,
    };
    shortlist::render(&i, &app.analysis, ids, format)
}

/// `e` opens the dialog; `y` copies the Markdown.
pub fn start(app: &mut App, action: Action) -> Option<Effect> {
    let ids = shortlist_ids(app);
    if action == Action::CopyMarkdown {
        return match contents(app, &ids, ShortlistFormat::Markdown) {
            Ok(text) => Some(Effect::Copy(text)),
            Err(e) => {
                app.say(e.to_string(), Tone::Error);
                None
            }
        };
    }
    app.popup = Some(Popup::Export(Box::new(Dialog {
        format: ShortlistFormat::Markdown,
        path: ShortlistFormat::Markdown.default_path(),
        input: tui_input::Input::new(ShortlistFormat::Markdown.default_path()),
        path_edited: false,
        field: 0,
        confirm: false,
        marked: !app.marks.is_empty(),
        ids,
    })));
    None
}

/// Keys in the dialog.
pub fn handle(app: &mut App, action: Action) -> Option<Effect> {
    let Some(Popup::Export(d)) = app.popup.as_mut() else {
        return None;
    };
    match action {
        Action::Back => {
            app.popup = None;
            app.say("export cancelled", Tone::Info);
        }
        Action::Up | Action::Down | Action::FocusNext | Action::FocusPrev => d.field = 1 - d.field,
        Action::Left | Action::Right if d.field == 0 => {
            let all = ShortlistFormat::ALL;
            let i = all.iter().position(|f| *f == d.format).unwrap_or(0);
            let n = all.len();
            d.format = all[if action == Action::Right {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            }];
            if !d.path_edited {
                d.set_path(d.format.default_path());
            }
            d.confirm = false;
        }
        Action::Input(c) if d.field == 1 => d.edit(tui_input::InputRequest::InsertChar(c)),
        Action::Edit(req) if d.field == 1 => d.edit(req),
        Action::Input(' ') if d.field == 0 => {
            return handle(app, Action::Right);
        }
        Action::Backspace if d.field == 1 => d.edit(tui_input::InputRequest::DeletePrevChar),
        Action::Confirm => {
            let path = PathBuf::from(d.path.trim());
            if d.path.trim().is_empty() {
                app.say("give a file name to write", Tone::Error);
                return None;
            }
            if path.exists() && !d.confirm {
                d.confirm = true;
                return None;
            }
            // The dialog stays open until the write succeeds, so a failed path can be fixed.
            return Some(Effect::Export(Request {
                path,
                ids: d.ids.clone(),
                format: d.format,
                force: d.confirm,
            }));
        }
        _ => {}
    }
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
}
