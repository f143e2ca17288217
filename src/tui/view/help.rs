//! The help overlay: every key, grouped, straight from the key map.

use super::{popup_area, popup_frame};
use crate::text;
use crate::tui::app::App;
use crate::tui::keymap::{self, Group};
use crate::tui::scroll::Scroll;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// The help text, one line per binding under group headings.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    // The popup is at most 84 wide, less its border and a margin.
    let width = usize::from(app.size.0.saturating_sub(2).min(84)).saturating_sub(3);
    let t = app.theme;
    let mut out = Vec::new();
    for g in Group::ALL {
        let bindings: Vec<_> = keymap::BINDINGS.iter().filter(|b| b.group == g).collect();
        if bindings.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::from(Span::styled(g.title().to_owned(), t.title)));
        for b in bindings {
            out.push(Line::from(vec![
                Span::styled(
                    format!("  {}", text::fit_left(&keymap::keys_label(b), 16)),
                    t.focus,
                ),
                Span::styled(
                    text::truncate(b.description, width.saturating_sub(18)).into_owned(),
                    t.text,
                ),
            ]));
        }
    }
    out.push(Line::raw(""));
    let mouse =
        "Mouse: click selects, the wheel scrolls, click a header to sort, click or drag a slider.";
    for l in textwrap::wrap(mouse, width.max(10)) {
        out.push(Line::from(Span::styled(l.into_owned(), t.dim)));
    }
    out
}

/// Draw the help overlay.
pub fn draw(app: &App, frame: &mut Frame, area: Rect, scroll: &Scroll) {
    let all = lines(app);
    let r = popup_area(area, 84, all.len() as u16 + 2);
    let inner = popup_frame(app, frame, r, "Keys", "↑↓ scroll · Esc/q close");
    let text = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(1),
        inner.height,
    );
    super::scrolled(frame, text, all, scroll);
}
