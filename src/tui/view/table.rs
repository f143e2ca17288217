//! The table pane: every engine with its facts and fits, sortable, the name column frozen.

use super::{Shared, highlighted_name, pane, row_styles};
use crate::tui::compare::Pane;
use crate::tui::compare::column::Column;
use crate::tui::compare::table::Table;
use crate::tui::layout;
use mtafit_model::text;
use mtafit_model::units;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Draw the table pane; `out_hidden` engines out of the running are left out by `o`.
pub fn draw(s: &Shared, table: &Table, out_hidden: usize, frame: &mut Frame, area: Rect) {
    let t = &s.theme;
    let model = s.model;
    // What the search matches, whether or not `o` hides some of it.
    let shown = table.rows.len() + out_hidden;
    let total = model.cat.engines.len();
    let mut title = vec![Span::styled(" Engines ", t.title)];
    if shown != total {
        title.push(Span::styled(
            format!("({shown} of {total} match /{}) ", s.search.query),
            t.warn,
        ));
    }
    if out_hidden > 0 {
        title.push(Span::styled(
            format!("{out_hidden} out hidden (o) "),
            t.warn,
        ));
    }
    if !table.hidden.is_empty() {
        let n = table.hidden.len();
        title.push(Span::styled(
            format!("{n} column{} hidden (+) ", if n == 1 { "" } else { "s" }),
            t.warn,
        ));
    }
    if table.hscroll > 0 {
        title.push(Span::styled("◀ ", t.dim));
    }
    let block = pane(s, Some(Pane::Table), Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width <= layout::TABLE_GUTTER + 4 || inner.height == 0 {
        return;
    }
    let cols = table.columns(&model.cat, inner.width - layout::TABLE_GUTTER);
    // Recorded for `update`, which brings a sorted column into view when it was not shown.
    let visible = table.visible();
    let place = |c: Column| visible.iter().position(|v| *v == c).unwrap_or(0);
    table.shown.set((
        cols.get(1).map_or(0, |c| place(c.0)),
        cols.last().map_or(0, |c| place(c.0)),
    ));
    // Header.
    let mut header = vec![Span::styled(
        " ".repeat(usize::from(layout::TABLE_GUTTER)),
        t.title,
    )];
    for (c, _, w) in &cols {
        let arrow = if *c == table.sort.column {
            let descending = c.best_first() != table.sort.reversed;
            if descending { "▼" } else { "▲" }
        } else {
            ""
        };
        // The title gives way to the arrow: a sorted column always shows which way it sorts.
        let room = usize::from(*w).saturating_sub(if c.right_aligned() { 1 } else { 0 });
        let title = text::truncate(c.title(), room.saturating_sub(text::width(arrow)));
        let label = format!("{title}{arrow}");
        let cell = if c.right_aligned() {
            text::fit_right(&label, room) + " "
        } else {
            text::fit_left(&label, usize::from(*w))
        };
        let style = if *c == table.sort.column {
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
    // More columns lie to the right: the header's last cell says so (→ or l scrolls there).
    if cols
        .last()
        .is_some_and(|(c, _, _)| place(*c) + 1 < visible.len())
    {
        frame.render_widget(
            Span::styled("→", t.title.patch(t.focus)),
            Rect::new(inner.right() - 1, inner.y, 1, 1),
        );
    }
    // Rows.
    let visible = usize::from(inner.height.saturating_sub(1));
    let at = table.rows.iter().position(|&i| i == s.selected);
    let top = table.scroll.show_row(at, table.rows.len(), visible);
    for (n, &i) in table.rows.iter().skip(top).take(visible).enumerate() {
        let y = inner.y + 1 + n as u16;
        let row = model.row(i);
        let e = model.engine(i);
        let selected = i == s.selected;
        let (base, mark) = row_styles(s, i);
        let mut spans = vec![
            Span::styled(
                if selected && !s.popup_open {
                    "▶"
                } else {
                    " "
                },
                base,
            ),
            Span::styled(
                if s.marks.is_marked(model, i) {
                    "●"
                } else {
                    " "
                },
                mark,
            ),
        ];
        for (c, _, w) in &cols {
            let w = usize::from(*w);
            if *c == Column::Name {
                spans.extend(highlighted_name(s, i, w.saturating_sub(1), base));
                spans.push(Span::styled(" ", base));
                continue;
            }
            let value = match c {
                Column::Score => format!("{:.1}", row.score),
                Column::Standing => mtafit_render::rank::standing(row).to_owned(),
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
                // A factor the profile does not ask about has no fit, as `rank` prints it.
                Column::Fit(f) if !model.analysis.ranking.asked[*f] => "·".into(),
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
            let cell = if c.right_aligned() {
                text::fit_right(&value, w.saturating_sub(1)) + " "
            } else {
                text::fit_left(&value, w.saturating_sub(1)) + " "
            };
            spans.push(Span::styled(cell, base));
        }
        let line = Line::from(spans);
        frame.render_widget(line, Rect::new(inner.x, y, inner.width, 1));
    }
    if table.rows.is_empty() {
        let y = inner.y + 1.min(inner.height - 1);
        super::no_match(s, frame, Rect::new(inner.x, y, inner.width, 1));
    }
}
