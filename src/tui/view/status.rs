//! The status line: a message, or the keys of the focused pane; and the decision's health.

use crate::tui::app::{App, Pane, Tone, View};
use crate::tui::keymap::{self, Context};
use mtafit_model::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// The key-map context the status line describes.
pub fn context(app: &App) -> Context {
    if app.search.typing {
        return Context::Search;
    }
    match (&app.popup, app.view) {
        (Some(crate::tui::app::Popup::Profile(_) | crate::tui::app::Popup::Export(_)), _) => {
            Context::Form
        }
        (Some(_), _) => Context::Popup,
        (None, View::Cost) => Context::Cost,
        (None, View::Walk) => Context::Walk,
        (None, View::Path) => Context::Path,
        (None, View::Compare) => match app.focus {
            Pane::Ranking => Context::Ranking,
            Pane::Table => Context::Table,
            Pane::Weights => Context::Weights,
            Pane::Detail => Context::Detail,
        },
    }
}

/// Draw the status line.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let width = usize::from(area.width);
    let mut right = Vec::new();
    if !app.marks.is_empty() {
        right.push(Span::styled(
            format!("● {} marked ", app.marks.len()),
            t.mark,
        ));
    }
    let problems = app.problem_count();
    if problems > 0 {
        right.push(Span::styled(
            format!(
                "⚠ {problems} catalogue problem{} (!) ",
                if problems == 1 { "" } else { "s" }
            ),
            t.warn,
        ));
    }
    if let Some(top) = app.analysis.sensitivity.top {
        let r = app.analysis.sensitivity.robustness;
        right.push(Span::styled(
            format!(
                "{} holds if every weight moves ±{r:.1} ",
                app.cat.engines[top].name
            ),
            t.dim,
        ));
    }
    // A note or message the user must read comes first: the figures on the right give way,
    // last one first, until it fits whole.
    let wanted = status_text(app).map_or(0, |m| text::width(&m));
    while !right.is_empty()
        && wanted + right.iter().map(|s| text::width(&s.content)).sum::<usize>() + 1 > width
    {
        right.pop();
    }
    let right_width: usize = right.iter().map(|s| text::width(&s.content)).sum();
    let room = width.saturating_sub(right_width + 1);

    let mut left: Vec<Span> = Vec::new();
    if app.search.typing {
        let n = app.search.hits.len();
        left.push(Span::styled(format!("/{}▏", app.search.query), t.title));
        left.push(Span::styled(
            format!(
                "  {n} match{}  Enter keep · Esc clear",
                if n == 1 { "" } else { "es" }
            ),
            t.dim,
        ));
    } else if app.status.is_none()
        && app.focus == Pane::Weights
        && app.view == View::Compare
        && app.popup.is_none()
        && !weights_pane_has_room(app)
    {
        let f = app.weight_cursor;
        let note = super::weights::range_note(app, f, &format!("{}: ", f.name()));
        left.push(Span::styled(
            text::truncate(&note, room).into_owned(),
            t.dim,
        ));
    } else if let Some((msg, tone)) = &app.status {
        let style = match tone {
            Tone::Info => t.text,
            Tone::Warn => t.warn,
            Tone::Error => t.error,
        };
        left.push(Span::styled(text::truncate(msg, room).into_owned(), style));
    } else {
        let mut used = 0;
        for b in hint_order(context(app), app.search.active()) {
            let key = b.keys.first().map(|k| k.label()).unwrap_or_default();
            let piece = format!("{key}:{}  ", b.hint);
            let w = text::width(&piece);
            if used + w > room {
                break;
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

/// The text the left of the status line must show whole, if any: the selected weight's range
/// (when the weights pane cannot show it) or a message.
fn status_text(app: &App) -> Option<String> {
    if app.search.typing {
        return None;
    }
    if app.status.is_none()
        && app.focus == Pane::Weights
        && app.view == View::Compare
        && app.popup.is_none()
        && !weights_pane_has_room(app)
    {
        let f = app.weight_cursor;
        return Some(super::weights::range_note(
            app,
            f,
            &format!("{}: ", f.name()),
        ));
    }
    app.status.as_ref().map(|(m, _)| m.clone())
}

/// True when the weights pane itself shows the selected slider's range whole.
fn weights_pane_has_room(app: &App) -> bool {
    let a = crate::tui::layout::areas(
        ratatui::layout::Rect::new(0, 0, app.size.0, app.size.1),
        app,
    );
    super::weights::shows_selected_note(app, a.weights)
}
