//! Terminal events to actions: the only place that knows about crossterm's event types.

use super::action::Action;
use super::app::{App, Popup};
use super::keymap::{self, Context};
use super::view::status::context;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
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
        return Some(Action::Quit);
    }
    let ctx = context(app);
    let typing = ctx == Context::Search || matches!(&app.popup, Some(Popup::Profile(_)));
    if typing {
        if let Some(a) = keymap::lookup(k, ctx) {
            // In a text field letters are text, so only non-character bindings apply.
            if !matches!(k.code, KeyCode::Char(_)) {
                return Some(a);
            }
        }
        return match k.code {
            KeyCode::Backspace => Some(Action::Backspace),
            KeyCode::Char(c)
                if !k
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(Action::Input(c))
            }
            _ => None,
        };
    }
    keymap::lookup(k, ctx)
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
