//! Drawing: a read-only pass over the state. Nothing here changes state.
//!
//! Each component is drawn by its own module from its own state and [`Shared`], the read-only
//! part every draw may see (the model, the theme, the search's matches, the marks, the
//! selection); only [`view`] sees the whole app, to hand each draw its part.

mod cost;
pub mod detail;
pub mod engine;
mod header;
pub mod help;
mod path;
pub mod popups;
mod ranking;
pub mod status;
mod table;
pub mod walk;
pub mod weights;

use super::action::View;
use super::app::App;
use super::compare::{Compare, Pane};
use super::layout::{self, Areas};
use super::marks::Marks;
use super::model::Model;
use super::popup::Popup;
use super::scroll::Scroll;
use super::search::Search;
use super::theme::Theme;
use mtafit_model::text;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

/// What every draw may read besides its own component: read-only, so views only draw.
#[derive(Debug, Clone, Copy)]
pub struct Shared<'a> {
    /// The catalogue, profile, weights and results.
    pub model: &'a Model,
    /// Colours and styles.
    pub theme: Theme,
    /// The search: its query and which engines it matches.
    pub search: &'a Search,
    /// The engines marked for the shortlist.
    pub marks: &'a Marks,
    /// The selected engine, shared by the compare view's panes.
    pub selected: usize,
    /// The compare view's focused pane.
    pub focus: Pane,
    /// A popup is open: it has the keys, and the panes' cursors hide behind it.
    pub popup_open: bool,
    /// The terminal's size.
    pub size: (u16, u16),
    /// The keys of the form that has them, as its footer says them, for the status line to say
    /// the same; `None` when no such form is open.
    pub form_keys: Option<&'static str>,
}

impl<'a> Shared<'a> {
    /// The shared part of an app.
    pub fn of(app: &'a App) -> Shared<'a> {
        Shared {
            model: &app.model,
            theme: app.screen.theme,
            search: &app.search,
            marks: &app.marks,
            selected: app.compare.selected,
            focus: app.compare.focus,
            popup_open: app.popup.is_some(),
            size: app.screen.size,
            form_keys: match &app.popup {
                Some(Popup::Profile(form)) => Some(popups::profile_keys(form)),
                Some(Popup::SaveAs(_)) => Some(popups::SAVE_AS_KEYS),
                _ => None,
            },
        }
    }
}

/// Draw the whole screen.
pub fn view(app: &App, frame: &mut Frame) {
    let s = Shared::of(app);
    let area = frame.area();
    // The theme's background under everything (the light theme has one of its own).
    frame.buffer_mut().set_style(area, s.theme.base);
    if layout::too_small(area) {
        too_small(&s, frame, area);
        return;
    }
    let a = layout::areas(area, app.views.current);
    header::draw(&s, app.views.current, frame, a.header);
    match app.views.current {
        View::Compare => compare(&s, &app.compare, frame, &a),
        View::Cost => cost::draw(&s, frame, a.body),
        View::Walk => walk::draw(&s, &app.views.walk, frame, a.body),
        View::Path => path::draw(&s, &app.views.path, frame, a.body),
    }
    status::draw(
        &s,
        &app.status,
        app.context(),
        weight_note(app, &s),
        frame,
        a.status,
    );
    if let Some(p) = &app.popup {
        match p {
            Popup::Help(scroll) => help::draw(&s, frame, area, scroll),
            Popup::SideBySide(scroll) => popups::side_by_side(&s, frame, area, scroll),
            Popup::Problems(scroll) => popups::problems(&s, frame, area, scroll),
            Popup::Profile(form) => popups::profile(&s, frame, area, form, app.measuring.as_ref()),
            Popup::Export(d) => popups::export(&s, frame, area, d, &app.session.cwd),
            Popup::SaveOnQuit => popups::save_on_quit(&s, frame, area, &app.session),
            Popup::SaveAs(d) => popups::save_as(&s, frame, area, d),
            Popup::Engine(i, scroll) => engine::draw(&s, frame, area, *i, scroll),
        }
    }
}

fn compare(s: &Shared, c: &Compare, frame: &mut Frame, a: &Areas) {
    ranking::draw(s, &c.ranking, frame, a.ranking);
    let out_hidden = c.ranking.out_hidden(s.model, s.search);
    table::draw(s, &c.table, out_hidden, frame, a.table);
    weights::draw(s, &c.sliders, frame, a.weights);
    detail::draw(s, &c.detail, frame, a.detail);
}

/// The selected weight's range for the status line to say, when the weights pane has the keys
/// and no message to give way to but cannot show the range whole itself.
fn weight_note(app: &App, s: &Shared) -> Option<String> {
    let quiet = app.status.message.is_none() && app.popup.is_none();
    if !quiet || app.views.current != View::Compare || app.compare.focus != Pane::Weights {
        return None;
    }
    let a = layout::areas(app.screen.area(), View::Compare);
    let f = app.compare.sliders.cursor;
    if weights::shows_selected_note(s.model, f, a.weights) {
        return None;
    }
    Some(weights::range_note(s.model, f, &format!("{}: ", f.name())))
}

/// A pane's border: highlighted when focused, with a title.
pub fn pane<'a>(s: &Shared, pane: Option<Pane>, title: Line<'a>) -> Block<'a> {
    let focused = pane.is_some_and(|p| p == s.focus && !s.popup_open);
    let t = &s.theme;
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused { t.focus } else { t.border })
        .title(title)
}

/// A popup frame centred in `area`, cleared underneath.
pub fn popup_area(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width.saturating_sub(2)).max(1);
    let h = height.min(area.height.saturating_sub(2)).max(1);
    Rect::new(
        area.x + (area.width.saturating_sub(w)) / 2,
        area.y + (area.height.saturating_sub(h)) / 2,
        w,
        h,
    )
}

/// Draw a popup's frame and return its inner area.
pub fn popup_frame(s: &Shared, frame: &mut Frame, area: Rect, title: &str, footer: &str) -> Rect {
    frame.render_widget(Clear, area);
    let t = &s.theme;
    let block = Block::bordered()
        .style(t.base)
        .border_type(BorderType::Double)
        .border_style(t.focus)
        .title(Span::styled(format!(" {title} "), t.title))
        .title_bottom(
            Line::from(Span::styled(format!(" {footer} "), t.dim)).alignment(Alignment::Right),
        );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// The styles of an engine's row in a list: its text (dimmed when knocked out, highlighted when
/// selected) and its shortlist mark.
pub fn row_styles(s: &Shared, engine: usize) -> (Style, Style) {
    let t = &s.theme;
    let selected = engine == s.selected;
    let base = if s.model.row(engine).is_out() {
        t.dim
    } else {
        t.text
    };
    if selected {
        (base.patch(t.selected), t.mark.patch(t.selected))
    } else {
        (base, t.mark)
    }
}

/// The line shown where a list would be when the search matches nothing.
pub fn no_match(s: &Shared, frame: &mut Frame, at: Rect) {
    let msg = format!("{} — Esc clears the search", s.search.nothing());
    frame.render_widget(
        Span::styled(
            text::truncate(&msg, usize::from(at.width)).into_owned(),
            s.theme.warn,
        ),
        at,
    );
}

/// A name with the search's matched characters highlighted, cut to `width` columns.
pub fn highlighted_name<'a>(s: &Shared, engine: usize, width: usize, base: Style) -> Vec<Span<'a>> {
    let name = &s.model.engine(engine).name;
    let cut = text::fit_left(name, width);
    let chars = s
        .search
        .hit(engine)
        .map(|h| h.name_chars.clone())
        .unwrap_or_default();
    if chars.is_empty() {
        return vec![Span::styled(cut, base)];
    }
    // Runs of matched and unmatched characters, one span each.
    let mut spans: Vec<Span<'a>> = Vec::new();
    let mut run = String::new();
    let mut in_match = None;
    for (i, c) in cut.chars().enumerate() {
        let m = chars.contains(&i);
        if in_match.is_some_and(|was| was != m) {
            let style = if in_match == Some(true) {
                base.patch(s.theme.matched)
            } else {
                base
            };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        in_match = Some(m);
        run.push(c);
    }
    if let Some(m) = in_match {
        spans.push(Span::styled(
            run,
            if m { base.patch(s.theme.matched) } else { base },
        ));
    }
    spans
}

/// `s` wrapped for a text view `width` columns wide, its first line indented by `first` and the
/// rest by `rest`.
pub fn wrap(s: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let opts = textwrap::Options::new(width.saturating_sub(2).max(20))
        .initial_indent(first)
        .subsequent_indent(rest);
    textwrap::wrap(s, opts)
        .into_iter()
        .map(|c| c.into_owned())
        .collect()
}

/// A view that fills the body with scrolling text: a titled pane and the lines `lines` makes
/// for its width, a column in from the border.
pub fn text_view(
    s: &Shared,
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: impl FnOnce(usize) -> Vec<Line<'static>>,
    scroll: &Scroll,
) {
    let block = pane(
        s,
        None,
        Line::from(Span::styled(format!(" {title} "), s.theme.title)),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width < 10 || inner.height == 0 {
        return;
    }
    let text = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(1),
        inner.height,
    );
    scrolled(frame, text, lines(usize::from(inner.width)), scroll);
}

/// Draw `lines` into `area` from the scroll's first line, recording what fits so the last page
/// stays full and `update` can page by what was shown.
pub fn scrolled(frame: &mut Frame, area: Rect, lines: Vec<Line<'_>>, scroll: &Scroll) {
    let h = usize::from(area.height);
    let from = scroll.show_text(lines.len(), h);
    for (n, line) in lines.into_iter().skip(from).take(h).enumerate() {
        frame.render_widget(line, Rect::new(area.x, area.y + n as u16, area.width, 1));
    }
}

/// A horizontal bar of `width` cells filled to `frac` (0–1), in eighths.
pub fn bar(frac: f64, width: usize) -> String {
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let frac = if frac.is_finite() {
        frac.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let total = (frac * width as f64 * 8.0).round() as usize;
    let full = total / 8;
    let mut s = "█".repeat(full.min(width));
    if full < width {
        let part = total % 8;
        if part > 0 {
            s.push(EIGHTHS[part]);
        }
    }
    let used = text::width(&s);
    s.push_str(&" ".repeat(width.saturating_sub(used)));
    s
}

fn too_small(s: &Shared, frame: &mut Frame, area: Rect) {
    let (w, h) = layout::MIN_SIZE;
    let msg = format!(
        "mtafit needs a terminal of at least {w}×{h}; this one is {}×{}. Enlarge it, or press q to quit.",
        area.width, area.height
    );
    let p = Paragraph::new(msg)
        .style(s.theme.warn)
        .wrap(Wrap { trim: true });
    frame.render_widget(p, area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_in_eighths() {
        assert_eq!(bar(1.0, 4), "████");
        assert_eq!(bar(0.0, 4), "    ");
        assert_eq!(bar(0.5, 4), "██  ");
        assert_eq!(bar(0.53125, 4), "██▏ ");
        assert_eq!(bar(f64::NAN, 3), "   ");
        assert_eq!(text::width(&bar(0.99, 7)), 7);
    }
}
