//! Popups, and every key that reaches one, in one place: what a key means while a popup is open
//! ([`Popup::key`]: the save question's y and n, a text field's readline keys, else the key map)
//! and what an action does to it ([`Popup::update`]). The export dialog's and the profile
//! editor's own actions are in [`dialog`] and [`profile`].

pub mod dialog;
pub mod profile;
pub mod save_as;

use super::action::Action;
use super::ask::Ask;
use super::form::{Kind, ProfileForm};
use super::keymap::{self, Context};
use super::measuring::Measuring;
use super::model::Model;
use super::scroll::Scroll;
use dialog::Dialog;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use save_as::SaveAs;

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
    /// Save the profile under a name.
    SaveAs(Box<SaveAs>),
    /// One engine whole (its index in the catalogue), full screen.
    Engine(usize, Scroll),
}

impl Popup {
    /// The popup's scroll, for those that scroll.
    pub fn scroll(&self) -> Option<&Scroll> {
        match self {
            Popup::Help(s) | Popup::SideBySide(s) | Popup::Problems(s) | Popup::Engine(_, s) => {
                Some(s)
            }
            Popup::Profile(_) | Popup::Export(_) | Popup::SaveOnQuit | Popup::SaveAs(_) => None,
        }
    }

    /// True when a text field has the keys: the profile editor's focused text field, or the
    /// export dialog's path.
    pub fn in_text_field(&self) -> bool {
        match self {
            Popup::Profile(form) => form.current().kind == Kind::Text,
            Popup::Export(d) => d.field == 1,
            Popup::SaveAs(_) => true,
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
            Popup::Help(_) | Popup::SideBySide(_) | Popup::Problems(_) | Popup::Engine(..) => {
                Vec::new()
            }
            Popup::SaveOnQuit => match action {
                Action::Confirm => vec![Ask::SaveAndQuit],
                Action::Back => vec![Ask::Close],
                _ => Vec::new(),
            },
            Popup::Export(d) => d.update(action),
            Popup::SaveAs(s) => s.update(action),
            Popup::Profile(form) => profile::update(form, action, model, measuring),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mtafit_model::profile::Profile;
    use ratatui::crossterm::event::KeyModifiers;

    fn model() -> Model {
        let cat = mtafit_model::catalogue::Catalogue::builtin();
        let w = mtafit_model::decide::Weights::defaults(&cat.factors);
        Model::new(cat, Profile::default(), w)
    }

    fn press(p: &Popup, code: KeyCode, ctx: Context) -> Option<Action> {
        p.key(&KeyEvent::new(code, KeyModifiers::NONE), ctx)
    }

    #[test]
    fn the_save_question_takes_y_and_n_and_closes_like_any_popup() {
        let p = Popup::SaveOnQuit;
        for (code, action) in [
            (KeyCode::Char('y'), Action::Confirm),
            (KeyCode::Char('Y'), Action::Confirm),
            (KeyCode::Char('n'), Action::Quit),
            (KeyCode::Char('N'), Action::Quit),
            (KeyCode::Esc, Action::Back),
            (KeyCode::Char('q'), Action::Back),
        ] {
            assert_eq!(press(&p, code, Context::Popup), Some(action), "{code:?}");
        }
        assert_eq!(press(&p, KeyCode::Char('x'), Context::Popup), None);
        // Its answers: Enter (or y) saves and quits, Esc stays.
        let model = model();
        let mut p = Popup::SaveOnQuit;
        assert_eq!(p.update(Action::Confirm, &model, None), [Ask::SaveAndQuit]);
        assert_eq!(p.update(Action::Back, &model, None), [Ask::Close]);
    }

    #[test]
    fn a_text_field_takes_readline_keys_and_other_fields_the_key_map() {
        use tui_input::InputRequest as R;
        let mut d = Dialog::new(vec!["postfix".into()], true);
        let on_format = Popup::Export(Box::new(d.clone()));
        assert_eq!(
            press(&on_format, KeyCode::Left, Context::Form),
            Some(Action::Left)
        );
        assert_eq!(
            press(&on_format, KeyCode::Char('q'), Context::Form),
            Some(Action::Input('q'))
        );
        d.field = 1;
        let on_path = Popup::Export(Box::new(d));
        assert_eq!(
            press(&on_path, KeyCode::Left, Context::Form),
            Some(Action::Edit(R::GoToPrevChar))
        );
        assert_eq!(
            press(&on_path, KeyCode::Char('q'), Context::Form),
            Some(Action::Input('q'))
        );
        // Moving between fields, applying and cancelling keep their keys.
        assert_eq!(
            press(&on_path, KeyCode::Down, Context::Form),
            Some(Action::Down)
        );
        assert_eq!(
            press(&on_path, KeyCode::Enter, Context::Form),
            Some(Action::Confirm)
        );
        assert_eq!(
            press(&on_path, KeyCode::Esc, Context::Form),
            Some(Action::Back)
        );
        // The profile editor's first field is a toggle, not text: ← cycles it.
        let form = Popup::Profile(Box::new(ProfileForm::new(&Profile::default())));
        assert_eq!(
            press(&form, KeyCode::Left, Context::Form),
            Some(Action::Left)
        );
    }

    #[test]
    fn scrolling_popups_scroll_and_close() {
        let model = model();
        let mut p = Popup::Help(Scroll::default());
        assert_eq!(
            press(&p, KeyCode::Char('q'), Context::Popup),
            Some(Action::Back)
        );
        assert!(p.update(Action::Down, &model, None).is_empty());
        assert_eq!(p.scroll().map(Scroll::top), Some(1));
        assert_eq!(p.update(Action::Confirm, &model, None), [Ask::Close]);
    }
}
