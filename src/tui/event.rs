//! Terminal events to actions: crossterm's events become the app's vocabulary. A key reads the
//! key map in the context the state gives (`App::context`); while a popup is open, the popup
//! decides what its keys mean (`Popup::key`).

use super::action::Action;
use super::app::App;
use super::keymap;
use ratatui::crossterm::event::{
    Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};

/// The action an event asks for, if any.
pub fn to_action(app: &App, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => key(app, k),
        Event::Mouse(m) => mouse(m),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

fn key(app: &App, k: &KeyEvent) -> Option<Action> {
    if keymap::is_interrupt(k) {
        return Some(Action::Interrupt);
    }
    let ctx = app.context();
    match &app.popup {
        Some(popup) => popup.key(k, ctx),
        None => keymap::key(k, ctx),
    }
}

fn mouse(m: &MouseEvent) -> Option<Action> {
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
        MouseEventKind::Drag(MouseButton::Left) => Some(Action::Drag(m.column, m.row)),
        MouseEventKind::Up(_) => Some(Action::Release),
        MouseEventKind::ScrollDown => Some(Action::Wheel(m.column, m.row, true)),
        MouseEventKind::ScrollUp => Some(Action::Wheel(m.column, m.row, false)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::theme::{Theme, ThemeName};
    use crate::tui::update::update;
    use mtafit_model::catalogue::Catalogue;
    use mtafit_model::decide::Weights;
    use mtafit_model::profile::Profile;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn app() -> App {
        let cat = Catalogue::builtin();
        let w = Weights::defaults(&cat.factors);
        App::new(cat, Profile::default(), w, Theme::new(ThemeName::Dark))
    }

    fn press(app: &App, code: KeyCode) -> Option<Action> {
        to_action(app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    #[test]
    fn keys_in_the_compare_view() {
        let a = app();
        assert_eq!(press(&a, KeyCode::Char('q')), Some(Action::Quit));
        assert_eq!(press(&a, KeyCode::Char('/')), Some(Action::Search));
        assert_eq!(press(&a, KeyCode::Char('x')), None);
        let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(to_action(&a, &ctrl_c), Some(Action::Interrupt));
    }

    #[test]
    fn forms_take_letters_as_text_and_arrows_as_moves() {
        for open in [Action::EditProfile, Action::Export] {
            let mut a = app();
            update(&mut a, open);
            assert_eq!(
                press(&a, KeyCode::Char('q')),
                Some(Action::Input('q')),
                "{open:?}"
            );
            assert_eq!(press(&a, KeyCode::Left), Some(Action::Left), "{open:?}");
            assert_eq!(press(&a, KeyCode::Right), Some(Action::Right), "{open:?}");
            assert_eq!(press(&a, KeyCode::Down), Some(Action::Down), "{open:?}");
            assert_eq!(press(&a, KeyCode::Enter), Some(Action::Confirm), "{open:?}");
            assert_eq!(press(&a, KeyCode::Esc), Some(Action::Back), "{open:?}");
            assert_eq!(
                press(&a, KeyCode::Backspace),
                Some(Action::Backspace),
                "{open:?}"
            );
        }
    }

    #[test]
    fn a_text_field_takes_the_usual_readline_keys() {
        use tui_input::InputRequest as R;
        let mut a = app();
        update(&mut a, Action::EditProfile);
        update(&mut a, Action::Down); // the monthly volume, a text field
        let ctrl = |c| {
            to_action(
                &a,
                &Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
            )
        };
        assert_eq!(ctrl('u'), Some(Action::Edit(R::DeleteLine)));
        assert_eq!(ctrl('w'), Some(Action::Edit(R::DeletePrevWord)));
        assert_eq!(press(&a, KeyCode::Home), Some(Action::Edit(R::GoToStart)));
        assert_eq!(press(&a, KeyCode::End), Some(Action::Edit(R::GoToEnd)));
        assert_eq!(
            press(&a, KeyCode::Delete),
            Some(Action::Edit(R::DeleteNextChar))
        );
        assert_eq!(
            press(&a, KeyCode::Left),
            Some(Action::Edit(R::GoToPrevChar))
        );
        assert_eq!(press(&a, KeyCode::Char('7')), Some(Action::Input('7')));
        // Moving, applying and cancelling keep their keys.
        assert_eq!(press(&a, KeyCode::Down), Some(Action::Down));
        assert_eq!(press(&a, KeyCode::Enter), Some(Action::Confirm));
        assert_eq!(press(&a, KeyCode::Esc), Some(Action::Back));
    }

    #[test]
    fn the_search_takes_letters_and_popups_close_with_q() {
        let mut a = app();
        update(&mut a, Action::Search);
        assert_eq!(press(&a, KeyCode::Char('n')), Some(Action::Input('n')));
        assert_eq!(press(&a, KeyCode::Enter), Some(Action::Confirm));
        let mut a = app();
        update(&mut a, Action::Help);
        assert_eq!(press(&a, KeyCode::Char('q')), Some(Action::Back));
        assert_eq!(press(&a, KeyCode::Enter), Some(Action::Back));
    }

    #[test]
    fn mouse_events() {
        let a = app();
        let ev = |kind| {
            Event::Mouse(MouseEvent {
                kind,
                column: 3,
                row: 4,
                modifiers: KeyModifiers::NONE,
            })
        };
        assert_eq!(
            to_action(&a, &ev(MouseEventKind::Down(MouseButton::Left))),
            Some(Action::Click(3, 4))
        );
        assert_eq!(
            to_action(&a, &ev(MouseEventKind::Drag(MouseButton::Left))),
            Some(Action::Drag(3, 4))
        );
        assert_eq!(
            to_action(&a, &ev(MouseEventKind::Up(MouseButton::Left))),
            Some(Action::Release)
        );
        assert_eq!(
            to_action(&a, &ev(MouseEventKind::ScrollDown)),
            Some(Action::Wheel(3, 4, true))
        );
        assert_eq!(
            to_action(&a, &Event::Resize(90, 30)),
            Some(Action::Resize(90, 30))
        );
    }
}
