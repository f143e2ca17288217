//! "Save profile as…": a name, checked as it is typed, and a question before a profile saved
//! under that name before is replaced.

use crate::tui::action::Action;
use crate::tui::ask::Ask;
use crate::tui::effect::Effect;
use crate::tui::status::Tone;
use std::path::PathBuf;

/// The save-as popup's state.
#[derive(Debug, Clone)]
pub struct SaveAs {
    /// The name being typed (cursor and readline keys from tui-input).
    pub input: tui_input::Input,
    /// A profile of this name exists and the user has been asked; Enter again replaces it.
    pub confirm: bool,
    /// The state folder the profile goes in; `None` when the system names none.
    pub state_dir: Option<PathBuf>,
}

impl SaveAs {
    /// The popup for saving into the state folder `state_dir`.
    pub fn new(state_dir: Option<PathBuf>) -> SaveAs {
        SaveAs {
            input: tui_input::Input::default(),
            confirm: false,
            state_dir,
        }
    }

    /// The name as typed, without the blanks around it.
    pub fn name(&self) -> &str {
        self.input.value().trim()
    }

    /// The file the name would be saved in, when the name is valid.
    pub fn file(&self) -> Option<PathBuf> {
        crate::setup::profile_file(self.state_dir.clone()?, self.name())
    }

    /// Its keys: typing edits the name, Enter saves (asking once before replacing a profile
    /// saved under the same name), Esc cancels.
    pub fn update(&mut self, action: Action) -> Vec<Ask> {
        let req = match action {
            Action::Back => return vec![Ask::Close, Ask::say("profile not saved", Tone::Info)],
            Action::Input(c) => tui_input::InputRequest::InsertChar(c),
            Action::Edit(req) => req,
            Action::Backspace => tui_input::InputRequest::DeletePrevChar,
            Action::Confirm => return self.confirm(),
            _ => return Vec::new(),
        };
        self.input.handle(req);
        self.confirm = false;
        Vec::new()
    }

    /// Enter: save, unless the name is not valid or a profile of that name is there and the
    /// user has not yet agreed to replace it.
    fn confirm(&mut self) -> Vec<Ask> {
        let name = self.name().to_owned();
        if let Err(why) = crate::setup::check_profile_name(&name) {
            return vec![Ask::say(why, Tone::Error)];
        }
        let Some(file) = self.file() else {
            return vec![Ask::say(
                "no state folder is known on this system; set XDG_STATE_HOME to save profiles",
                Tone::Error,
            )];
        };
        if file.exists() && !self.confirm {
            self.confirm = true;
            return vec![Ask::say(
                format!("a profile called {name} exists: Enter replaces it, Esc keeps it"),
                Tone::Warn,
            )];
        }
        vec![Ask::Effect(Effect::SaveProfile {
            name,
            overwrite: self.confirm,
        })]
    }
}
