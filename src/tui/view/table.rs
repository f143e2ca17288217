//! The table pane: every engine with its facts and fits, sortable, the name column frozen.

use super::{highlighted_name, pane, row_styles};
use crate::tui::app::{App, Column, Pane};
use crate::tui::layout;
use mtafit_model::text;
use mtafit_model::units;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Draw the table pane.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let shown = app.table_rows.len();
    let total = app.cat.engines.len();
    let mut title = vec![Span::styled(" Engines ", t.title)];
    if shown != total {
        title.push(Span::styled(
            format!("({shown} of {total} match /{}) ", app.search.query),
            t.warn,
        ));
    }
    if app.hscroll > 0 {
        title.push(Span::styled("◀ ", t.dim));
    }
    let block = pane(app, Some(Pane::Table), Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width <= layout::TABLE_GUTTER + 4 || inner.height == 0 {
        return;
    }
    let cols = layout::table_columns(app, inner.width - layout::TABLE_GUTTER);
    let index = |c: Column| Column::ALL.iter().position(|x| *x == c).unwrap_or(0);
    app.scroll.columns.set((
        cols.get(1).map_or(0, |c| index(c.0)),
        cols.last().map_or(0, |c| index(c.0)),
    ));
    // Header.
    let mut header = vec![Span::styled(
        " ".repeat(usize::from(layout::TABLE_GUTTER)),
        t.title,
    )];
    for (c, _, w) in &cols {
        let arrow = if *c == app.sort.column {
            let descending = c.best_first() != app.sort.reversed;
            if descending { "▼" } else { "▲" }
        } else {
            ""
        };
        // The title gives way to the arrow: a sorted column always shows which way it sorts.
        let room = usize::from(*w).saturating_sub(if right_aligned(*c) { 1 } else { 0 });
        let title = text::truncate(c.title(), room.saturating_sub(text::width(arrow)));
        let label = format!("{title}{arrow}");
        let cell = if right_aligned(*c) {
            text::fit_right(&label, room) + " "
        } else {
            text::fit_left(&label, usize::from(*w))
        };
        let style = if *c == app.sort.column {
            t.title.patch(t.focus)
        } else {
            t.title
        };
        header.push(Span::styled(cell, style));
    }
    frame.render_widget(
        Line::from(header),
        Rect::new(inner.x, inner.y, inner.width, 1),
    );
    // Rows.
    let visible = usize::from(inner.height.saturating_sub(1));
    let at = app.table_rows.iter().position(|&i| i == app.selected);
    let top = app.scroll.table.show_row(at, app.table_rows.len(), visible);
    for (n, &i) in app.table_rows.iter().skip(top).take(visible).enumerate() {
        let y = inner.y + 1 + n as u16;
        let row = app.row(i);
        let e = &app.cat.engines[i];
        let selected = i == app.selected;
        let (base, mark) = row_styles(app, i);
        let mut spans = vec![
            Span::styled(
                if selected && app.popup.is_none() {
                    "▶"
                } else {
                    " "
                },
                base,
            ),
            Span::styled(if app.is_marked(i) { "●" } else { " " }, mark),
        ];
        for (c, _, w) in &cols {
            let w = usize::from(*w);
            if *c == Column::Name {
                spans.extend(highlighted_name(app, i, w.saturating_sub(1), base));
                spans.push(Span::styled(" ", base));
                continue;
            }
            let value = match c {
                Column::Score => format!("{:.1}", row.score),
                Column::Cost => {
                    let estimated = e.cost.estimate.is_some();
                    format!(
                        "{}{}",
                        units::usd(row.cost.total()),
                        if estimated { "*" } else { "" }
                    )
                }
                Column::Licence => e.licence_label(),
                Column::Kind => e.kind.to_string(),
                Column::Status => e.status.to_string(),
                Column::Band => units::band(e.volume.min_per_month, e.volume.max_per_month),
                Column::Config => e.config.label(),
                Column::Fit(f) => format!("{:.2}", row.fits[*f]),
                Column::Cap(c) => match e.capability(*c) {
                    mtafit_model::catalogue::Level::Unknown => "? unknown".into(),
                    level => format!("{} {level}", level.mark()),
                },
                Column::Retention => e
                    .event_retention_days
                    .map_or("—".into(), |d| format!("{d} days")),
                Column::Name => unreachable!("handled above"),
            };
            let cell = if right_aligned(*c) {
                text::fit_right(&value, w.saturating_sub(1)) + " "
            } else {
                text::fit_left(&value, w.saturating_sub(1)) + " "
            };
            spans.push(Span::styled(cell, base));
        }
        let line = Line::from(spans);
        frame.render_widget(line, Rect::new(inner.x, y, inner.width, 1));
    }
    if app.table_rows.is_empty() {
        let y = inner.y + 1.min(inner.height - 1);
        super::no_match(app, frame, Rect::new(inner.x, y, inner.width, 1));
    }
}

fn right_aligned(c: Column) -> bool {
    matches!(
        c,
        Column::Score | Column::Cost | Column::Fit(_) | Column::Retention
    )
}
