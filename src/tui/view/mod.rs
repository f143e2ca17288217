//! Drawing: a read-only pass over the app's state. Nothing here changes state.

mod cost;
pub mod detail;
mod header;
pub mod help;
mod path;
pub mod popups;
mod ranking;
pub mod status;
mod table;
pub mod walk;
pub mod weights;

use super::app::{App, Pane, Popup, View};
use super::layout::{self, Areas};
use super::scroll::Scroll;
use mtafit_model::text;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

/// Draw the whole screen.
pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    // The theme's background under everything (the light theme has one of its own).
    frame.buffer_mut().set_style(area, app.theme.base);
    if layout::too_small(area) {
        too_small(app, frame, area);
        return;
    }
    let a = layout::areas(area, app);
    header::draw(app, frame, a.header);
    match app.view {
        View::Compare => compare(app, frame, &a),
        View::Cost => cost::draw(app, frame, a.body),
        View::Walk => walk::draw(app, frame, a.body),
        View::Path => path::draw(app, frame, a.body),
    }
    status::draw(app, frame, a.status);
    if let Some(p) = &app.popup {
        match p {
            Popup::Help(scroll) => help::draw(app, frame, area, scroll),
            Popup::SideBySide(scroll) => popups::side_by_side(app, frame, area, scroll),
            Popup::Problems(scroll) => popups::problems(app, frame, area, scroll),
            Popup::Profile(form) => popups::profile(app, frame, area, form),
            Popup::Export(d) => popups::export(app, frame, area, d),
            Popup::SaveOnQuit => popups::save_on_quit(app, frame, area),
        }
    }
}

fn compare(app: &App, frame: &mut Frame, a: &Areas) {
    ranking::draw(app, frame, a.ranking);
    table::draw(app, frame, a.table);
    weights::draw(app, frame, a.weights);
    detail::draw(app, frame, a.detail);
}

/// A pane's border: highlighted when focused, with a title.
pub fn pane<'a>(app: &App, pane: Option<Pane>, title: Line<'a>) -> Block<'a> {
    let focused = pane.is_some_and(|p| p == app.focus && app.popup.is_none());
    let t = &app.theme;
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
pub fn popup_frame(app: &App, frame: &mut Frame, area: Rect, title: &str, footer: &str) -> Rect {
    frame.render_widget(Clear, area);
    let t = &app.theme;
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
pub fn row_styles(app: &App, engine: usize) -> (Style, Style) {
    let t = &app.theme;
    let selected = engine == app.selected;
    let base = if app.row(engine).is_out() {
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
pub fn no_match(app: &App, frame: &mut Frame, at: Rect) {
    let msg = format!(
        "no engine matches /{} — Esc clears the search",
        app.search.query
    );
    frame.render_widget(
        Span::styled(
            text::truncate(&msg, usize::from(at.width)).into_owned(),
            app.theme.warn,
        ),
        at,
    );
}

/// A name with the search's matched characters highlighted, cut to `width` columns.
pub fn highlighted_name<'a>(app: &App, engine: usize, width: usize, base: Style) -> Vec<Span<'a>> {
    let name = &app.cat.engines[engine].name;
    let cut = text::fit_left(name, width);
    let chars = app
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
                base.patch(app.theme.matched)
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
            if m {
                base.patch(app.theme.matched)
            } else {
                base
            },
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
    app: &App,
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: impl FnOnce(usize) -> Vec<Line<'static>>,
    scroll: &Scroll,
) {
    let block = pane(
        app,
        None,
        Line::from(Span::styled(format!(" {title} "), app.theme.title)),
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

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let (w, h) = layout::MIN_SIZE;
    let msg = format!(
        "mtafit needs a terminal of at least {w}×{h}; this one is {}×{}. Enlarge it, or press q to quit.",
        area.width, area.height
    );
    let p = Paragraph::new(msg)
        .style(app.theme.warn)
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
