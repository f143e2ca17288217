//! The status line: a message, or the keys of where the keys go now; and the decision's health.

use super::Shared;
use crate::tui::keymap::{self, Context};
use crate::tui::status::{Status, Tone};
use mtafit_model::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Draw the status line: the query being typed, else `note` (the selected weight's range when
/// the weights pane cannot show it), else the message, else the keys of `ctx`.
pub fn draw(
    s: &Shared,
    status: &Status,
    ctx: Context,
    note: Option<String>,
    frame: &mut Frame,
    area: Rect,
) {
    let t = &s.theme;
    let model = s.model;
    let width = usize::from(area.width);
    let mut right = Vec::new();
    if !s.marks.is_empty() {
        right.push(Span::styled(format!("● {} marked ", s.marks.len()), t.mark));
    }
    let problems = model.problem_count();
    if problems > 0 {
        right.push(Span::styled(
            format!(
                "⚠ {problems} catalogue problem{} (!) ",
                if problems == 1 { "" } else { "s" }
            ),
            t.warn,
        ));
    }
    if let Some(top) = model.analysis.sensitivity.top {
        let r = model.analysis.sensitivity.robustness;
        right.push(Span::styled(
            format!(
                "{} holds if every weight moves ±{r:.1} ",
                model.engine(top).name
            ),
            t.dim,
        ));
    }
    // A note or message the user must read comes first: the figures on the right give way,
    // last one first, until it fits whole.
    let wanted = if s.search.typing {
        None
    } else {
        note.as_deref()
            .or(status.message.as_ref().map(|(m, _)| m.as_str()))
            .or(s.form_keys)
    }
    .map_or(0, text::width);
    while !right.is_empty()
        && wanted + right.iter().map(|s| text::width(&s.content)).sum::<usize>() + 1 > width
    {
        right.pop();
    }
    let right_width: usize = right.iter().map(|s| text::width(&s.content)).sum();
    let room = width.saturating_sub(right_width + 1);

    let mut left: Vec<Span> = Vec::new();
    if s.search.typing {
        let n = s.search.hits.len();
        left.push(Span::styled(format!("/{}▏", s.search.query), t.title));
        if s.search.matches_nothing() {
            left.push(Span::styled(format!("  {}", s.search.nothing()), t.warn));
            left.push(Span::styled("  Esc clear", t.dim));
        } else {
            left.push(Span::styled(
                format!(
                    "  {n} match{}  Enter keep · Esc clear",
                    if n == 1 { "" } else { "es" }
                ),
                t.dim,
            ));
        }
    } else if let Some(note) = &note {
        left.push(Span::styled(text::truncate(note, room).into_owned(), t.dim));
    } else if let Some((msg, tone)) = &status.message {
        let style = match tone {
            Tone::Info => t.text,
            Tone::Warn => t.warn,
            Tone::Error => t.error,
        };
        left.push(Span::styled(text::truncate(msg, room).into_owned(), style));
    } else if let Some(keys) = s.form_keys {
        // A form's keys in the words of its footer, which are not the key map's one-word hints.
        left.push(Span::styled(text::truncate(keys, room).into_owned(), t.dim));
    } else {
        let mut used = 0;
        for b in hint_order(ctx, s.search.active()) {
            let key = b.keys.first().map(|k| k.label()).unwrap_or_default();
            let piece = format!("{key}:{}  ", b.hint);
            let w = text::width(&piece);
            // A hint too long for what is left gives way to shorter ones after it.
            if used + w > room {
                continue;
            }
            used += w;
            left.push(Span::styled(key, t.title));
            left.push(Span::styled(format!(":{}  ", b.hint), t.dim));
        }
    }
    let left_width: usize = left.iter().map(|s| text::width(&s.content)).sum();
    let gap = width.saturating_sub(left_width + right_width);
    left.push(Span::raw(" ".repeat(gap)));
    left.extend(right);
    frame.render_widget(Line::from(left), area);
}

/// The bindings to show, most useful first: help and quit, then what this pane adds, then the
/// app-wide keys. Movement keys are left to the help overlay: everyone tries the arrows first.
pub fn hint_order(ctx: Context, searching: bool) -> Vec<&'static keymap::Binding> {
    use crate::tui::action::Action as A;
    let movement = |a: A| {
        matches!(
            a,
            A::Up
                | A::Down
                | A::Left
                | A::Right
                | A::Top
                | A::Bottom
                | A::HalfPageDown
                | A::HalfPageUp
                | A::FocusNext
                | A::FocusPrev
        ) || (!searching && matches!(a, A::NextMatch | A::PrevMatch))
    };
    let popupish = matches!(ctx, Context::Search | Context::Form | Context::Popup);
    let by_action = |a: A| keymap::BINDINGS.iter().find(|b| b.action == a);
    let mut out: Vec<&keymap::Binding> = Vec::new();
    let push = |b: &'static keymap::Binding, out: &mut Vec<&'static keymap::Binding>| {
        // One hint per action: a view may bind the same action under its own context.
        if !movement(b.action) && !out.iter().any(|o| o.action == b.action) {
            out.push(b);
        }
    };
    if !popupish {
        push(by_action(A::Help).expect("help is bound"), &mut out);
        push(by_action(A::Quit).expect("quit is bound"), &mut out);
    }
    for b in keymap::hints(ctx) {
        push(b, &mut out);
    }
    if !popupish {
        for a in [A::Search, A::EditProfile, A::Export, A::Compare] {
            push(by_action(a).expect("bound"), &mut out);
        }
        for b in keymap::hints(Context::Global) {
            push(b, &mut out);
        }
    }
    out
}
