//! The export dialog: what will be written, where and in which format, and its keys.

use crate::tui::action::Action;
use crate::tui::ask::Ask;
use crate::tui::effect::{Effect, Request};
use crate::tui::status::Tone;
use mtafit_render::shortlist::ShortlistFormat;
use std::path::PathBuf;

/// The export dialog's state.
#[derive(Debug, Clone)]
pub struct Dialog {
    /// The chosen format.
    pub format: ShortlistFormat,
    /// The file to write.
    pub path: String,
    /// True once the user typed a path (then a format change keeps it).
    pub path_edited: bool,
    /// The path's editing state (cursor, readline keys), from tui-input.
    pub input: tui_input::Input,
    /// The focused field: 0 format, 1 path.
    pub field: usize,
    /// The file exists and the user has been asked; Enter again replaces it.
    pub confirm: bool,
    /// Why the path cannot be written (a folder, a pipe, a device), found on Enter; cleared by
    /// the next edit.
    pub problem: Option<String>,
    /// The engines that will be written, in rank order.
    pub ids: Vec<String>,
    /// True when the engines are the marked ones (not the default top five).
    pub marked: bool,
    /// The home folder a leading `~` in the path stands for.
    pub home: Option<PathBuf>,
}

impl Dialog {
    /// The dialog for `ids` (`marked`: the marked engines, not the top five), in Markdown.
    pub fn new(ids: Vec<String>, marked: bool) -> Dialog {
        let path = ShortlistFormat::Markdown.default_path();
        Dialog {
            format: ShortlistFormat::Markdown,
            input: tui_input::Input::new(path.clone()),
            path,
            path_edited: false,
            field: 0,
            confirm: false,
            problem: None,
            marked,
            ids,
            home: crate::export::home_dir(),
        }
    }

    /// The file that will be written: the path as typed, a leading `~` put as the home folder.
    pub fn target(&self) -> PathBuf {
        crate::export::expand_home(self.path.trim(), self.home.as_deref())
    }

    /// True when the path's extension names the format (then it is the one written).
    pub fn format_from_path(&self) -> bool {
        ShortlistFormat::from_path(self.path.trim()).is_some()
    }

    /// Edit the path: tui-input does the editing.
    pub fn edit(&mut self, req: tui_input::InputRequest) {
        self.input.handle(req);
        self.path = self.input.value().to_owned();
        self.path_edited = true;
        self.confirm = false;
        self.problem = None;
        // A file name that says its format is written in it: `out.csv` is CSV.
        if let Some(format) = ShortlistFormat::from_path(self.path.trim()) {
            self.format = format;
        }
    }

    /// Set the path (a format change), with the cursor at its end.
    pub fn set_path(&mut self, path: String) {
        self.input = tui_input::Input::new(path.clone());
        self.path = path;
    }

    /// Its keys: ↑↓ switch fields, ←→ (or Space) change the format, typing edits the path,
    /// Enter writes (asking once before replacing a file), Esc cancels.
    pub fn update(&mut self, action: Action) -> Vec<Ask> {
        match action {
            Action::Back => {
                return vec![Ask::Close, Ask::say("export cancelled", Tone::Info)];
            }
            Action::Up | Action::Down | Action::FocusNext | Action::FocusPrev => {
                self.field = 1 - self.field
            }
            Action::Left | Action::Right if self.field == 0 => {
                let all = ShortlistFormat::ALL;
                let i = all.iter().position(|f| *f == self.format).unwrap_or(0);
                let n = all.len();
                self.format = all[if action == Action::Right {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                }];
                if !self.path_edited {
                    self.set_path(self.format.default_path());
                } else if self.format_from_path() {
                    // The extension follows the format, so the two never disagree.
                    let path = std::path::Path::new(self.path.trim())
                        .with_extension(self.format.extension());
                    self.set_path(path.to_string_lossy().into_owned());
                }
                self.confirm = false;
                self.problem = None;
            }
            Action::Input(c) if self.field == 1 => {
                self.edit(tui_input::InputRequest::InsertChar(c))
            }
            Action::Edit(req) if self.field == 1 => self.edit(req),
            Action::Input(' ') if self.field == 0 => return self.update(Action::Right),
            Action::Backspace if self.field == 1 => {
                self.edit(tui_input::InputRequest::DeletePrevChar)
            }
            Action::Confirm => {
                let path = self.target();
                if self.path.trim().is_empty() {
                    return vec![Ask::say("give a file name to write", Tone::Error)];
                }
                // Named as what it is, never offered for replacing: a folder, a pipe or a
                // device is not a file the export could take the place of.
                if let Some(why) = crate::export::not_a_file_to_write(&path) {
                    self.confirm = false;
                    self.problem = Some(why.clone());
                    return vec![Ask::say(why, Tone::Error)];
                }
                if path.exists() && !self.confirm {
                    self.confirm = true;
                    return Vec::new();
                }
                // The dialog stays open until the write succeeds, so a failed path can be fixed.
                return vec![Ask::Effect(Effect::Export(Request {
                    path,
                    ids: self.ids.clone(),
                    format: self.format,
                    force: self.confirm,
                }))];
            }
            _ => {}
        }
        Vec::new()
    }
}
