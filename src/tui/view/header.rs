//! The header: the profile in one line and the view tabs.

use super::Shared;
use crate::tui::action::View;
use crate::tui::layout;
use mtafit_model::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Draw the header line.
pub fn draw(s: &Shared, view: View, frame: &mut Frame, area: Rect) {
    let t = &s.theme;
    let tabs = layout::view_tabs(area);
    let tabs_start = tabs.first().map_or(area.right(), |(_, s, _)| *s);
    let left_width = usize::from(tabs_start.saturating_sub(area.x + 1));
    let summary = format!(
        " mtafit ── {} ",
        mtafit_render::profile::summary(&s.model.profile)
    );
    let summary = text::truncate(&summary, left_width).into_owned();
    let fill = left_width.saturating_sub(text::width(&summary));
    let mut spans = vec![
        Span::styled(summary, t.title),
        Span::styled("─".repeat(fill), t.border),
        Span::raw(" "),
    ];
    for (v, _, _) in &tabs {
        let label = layout::tab_label(*v);
        let style = if *v == view { t.selected } else { t.dim };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Line::from(spans), area);
}
