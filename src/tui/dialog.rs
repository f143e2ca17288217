//! The export dialog's state: what will be written, where, and in which format.

use mtafit_render::shortlist::ShortlistFormat;

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
    /// The engines that will be written, in rank order.
    pub ids: Vec<String>,
    /// True when the engines are the marked ones (not the default top five).
    pub marked: bool,
}

impl Dialog {
    /// Edit the path: tui-input does the editing.
    pub fn edit(&mut self, req: tui_input::InputRequest) {
        self.input.handle(req);
        self.path = self.input.value().to_owned();
        self.path_edited = true;
        self.confirm = false;
    }

    /// Set the path (a format change), with the cursor at its end.
    pub fn set_path(&mut self, path: String) {
        self.input = tui_input::Input::new(path.clone());
        self.path = path;
    }
}
