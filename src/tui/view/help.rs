//! The help overlay: every key, grouped, straight from the key map.

use super::{Shared, popup_area, popup_frame};
use crate::tui::keymap::{self, Group};
use crate::tui::scroll::Scroll;
use mtafit_model::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use strum::VariantArray;

/// What a new user needs first, before the full list.
const FIRST_STEPS: &[&str] = &[
    "↑↓ choose an engine: the pane below says why it scores what it does.",
    "p edits your profile (volume, team, needs): the ranking follows as you type.",
    "w jumps to the weights; ←→ move the selected one, and the ranking re-orders live.",
    "/ searches; Space marks engines, c compares them side by side, e exports them.",
    "2 shows costs against volume, 3 the brief's decision walk, 4 your top pick as your volume \
     grows, 1 comes back.",
    "u undoes a change, R goes back to how the session started, P saves the profile under a name.",
    "q quits; your profile, weights and marks are there next time (with --profile or --fresh, \
     only if you say so).",
];

/// The help text: first steps, then one line per binding under group headings, each saying
/// where it applies when its key means something else elsewhere.
pub fn lines(s: &Shared) -> Vec<Line<'static>> {
    // The popup is at most 84 wide, less its border and a margin.
    let width = usize::from(s.size.0.saturating_sub(2).min(84)).saturating_sub(3);
    let t = s.theme;
    let mut out = vec![Line::from(Span::styled("First steps", t.title))];
    for step in FIRST_STEPS {
        let opts = textwrap::Options::new(width.max(20))
            .initial_indent("  ")
            .subsequent_indent("    ");
        for l in textwrap::wrap(step, opts) {
            out.push(Line::from(Span::styled(l.into_owned(), t.text)));
        }
    }
    for &g in Group::VARIANTS {
        let bindings: Vec<_> = keymap::BINDINGS.iter().filter(|b| b.group == g).collect();
        if bindings.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::from(Span::styled(g.title().to_owned(), t.title)));
        for b in bindings {
            // The whole description, wrapped under itself; where the key means this, dimmed.
            let room = width.saturating_sub(18).max(10);
            let mut rows: Vec<(String, bool)> = textwrap::wrap(b.description, room)
                .into_iter()
                .map(|l| (l.into_owned(), false))
                .collect();
            if let Some(places) = keymap::where_it_applies(b) {
                for l in textwrap::wrap(&format!("(in: {places})"), room) {
                    rows.push((l.into_owned(), true));
                }
            }
            for (n, (row, dim)) in rows.into_iter().enumerate() {
                let keys = if n == 0 {
                    keymap::keys_label(b)
                } else {
                    String::new()
                };
                out.push(Line::from(vec![
                    Span::styled(format!("  {}", text::fit_left(&keys, 16)), t.focus),
                    Span::styled(row, if dim { t.dim } else { t.text }),
                ]));
            }
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
pub fn draw(s: &Shared, frame: &mut Frame, area: Rect, scroll: &Scroll) {
    let all = lines(s);
    let r = popup_area(area, 84, all.len() as u16 + 2);
    let inner = popup_frame(s, frame, r, "Keys", "↑↓ scroll · Esc/q close");
    let text = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(1),
        inner.height,
    );
    super::scrolled(frame, text, all, scroll);
}
