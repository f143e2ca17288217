//! Popups, and every key that reaches one, in one place: what a key means while a popup is open
//! ([`Popup::key`]: the save question's y and n, a text field's readline keys, else the key map)
//! and what an action does to it ([`Popup::update`]). The export dialog's and the profile
//! editor's own actions are in [`dialog`] and [`profile`].

pub mod dialog;
pub mod profile;

use super::action::Action;
use super::ask::Ask;
use super::form::{Kind, ProfileForm};
use super::keymap::{self, Context};
use super::measuring::Measuring;
use super::model::Model;
use super::scroll::Scroll;
use dialog::Dialog;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};

/// A popup over the current view.
#[derive(Debug, Clone)]
pub enum Popup {
    /// Every key, grouped.
    Help(Scroll),
    /// The marked engines side by side.
    SideBySide(Scroll),
    /// Catalogue problems.
    Problems(Scroll),
    /// The profile editor.
    Profile(Box<ProfileForm>),
    /// The export dialog.
    Export(Box<Dialog>),
    /// A fresh session with changes is quitting: save them for next time?
    SaveOnQuit,
}

impl Popup {
    /// The popup's scroll, for those that scroll.
    pub fn scroll(&self) -> Option<&Scroll> {
        match self {
            Popup::Help(s) | Popup::SideBySide(s) | Popup::Problems(s) => Some(s),
            Popup::Profile(_) | Popup::Export(_) | Popup::SaveOnQuit => None,
        }
    }

    /// True when a text field has the keys: the profile editor's focused text field, or the
    /// export dialog's path.
    fn in_text_field(&self) -> bool {
        match self {
            Popup::Profile(form) => form.current().kind == Kind::Text,
            Popup::Export(d) => d.field == 1,
            _ => false,
        }
    }

    /// The action a key means while this popup is open, `ctx` being the key map's context.
    pub fn key(&self, k: &KeyEvent, ctx: Context) -> Option<Action> {
        // The save question takes y and n as well as Enter and q.
        if matches!(self, Popup::SaveOnQuit) {
            match k.code {
                KeyCode::Char('y' | 'Y') => return Some(Action::Confirm),
                KeyCode::Char('n' | 'N') => return Some(Action::Quit),
                _ => {}
            }
        }
        // A text field edits with tui-input's readline keys (Ctrl-U, Ctrl-W, Home, End, Delete,
        // ←→ and the rest); moving between fields, applying and cancelling keep their keys.
        if self.in_text_field()
            && !matches!(
                k.code,
                KeyCode::Up
                    | KeyCode::Down
                    | KeyCode::Tab
                    | KeyCode::BackTab
                    | KeyCode::Enter
                    | KeyCode::Esc
            )
            && let Some(req) = tui_input::backend::crossterm::to_input_request(&Event::Key(*k))
        {
            return Some(match req {
                tui_input::InputRequest::InsertChar(c) => Action::Input(c),
                other => Action::Edit(other),
            });
        }
        keymap::key(k, ctx)
    }

    /// An action reaching this popup: the popup changes and asks for the rest. The scrolling
    /// popups scroll and close; the save question saves and quits, or stays.
    pub fn update(
        &mut self,
        action: Action,
        model: &Model,
        measuring: Option<&Measuring>,
    ) -> Vec<Ask> {
        if let Some(scroll) = self.scroll() {
            if matches!(action, Action::Back | Action::Confirm) {
                return vec![Ask::Close];
            }
            scroll.update(action);
            return Vec::new();
        }
        match self {
            Popup::Help(_) | Popup::SideBySide(_) | Popup::Problems(_) => Vec::new(),
            Popup::SaveOnQuit => match action {
                Action::Confirm => vec![Ask::SaveAndQuit],
                Action::Back => vec![Ask::Close],
                _ => Vec::new(),
            },
            Popup::Export(d) => d.update(action),
            Popup::Profile(form) => profile::update(form, action, model, measuring),
        }
    }
}
