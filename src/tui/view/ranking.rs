//! The ranking pane: candidates with score bars, then knocked-out engines below a rule.

use super::{bar, highlighted_name, pane, row_styles};
use crate::tui::app::{App, Pane};
use crate::tui::layout::{self, RankLine};
use mtafit_model::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Draw the ranking pane.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let title = if app.analysis.ranking.unweighted() {
        Line::from(Span::styled(" Ranking — all weights are 0 ", t.warn))
    } else {
        Line::from(Span::styled(" Ranking ", t.title))
    };
    let block = pane(app, Some(Pane::Ranking), title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width < 4 || inner.height == 0 {
        return;
    }
    let w = usize::from(inner.width);
    let lines = layout::ranking_lines(app);
    let rank_w = app.analysis.ranking.rows.len().to_string().len();
    let score_w = 5;
    // Names matter more than bars: a narrow pane drops the bar.
    let bar_w = if w < 36 { 0 } else { (w / 4).clamp(3, 12) };
    let name_w = w
        .saturating_sub(2 + rank_w + 1 + 2 + 1 + bar_w + 1 + score_w)
        .max(4);
    let at = lines
        .iter()
        .position(|l| *l == RankLine::Engine(app.selected));
    let top = app
        .scroll
        .ranking
        .show_row(at, lines.len(), usize::from(inner.height));
    for (row, line) in lines
        .iter()
        .skip(top)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let y = inner.y + row as u16;
        let r = Rect::new(inner.x, y, inner.width, 1);
        let spans = match line {
            RankLine::Rule => {
                let label = " out of the running ";
                let side = w.saturating_sub(text::width(label)) / 2;
                vec![Span::styled(
                    format!(
                        "{}{label}{}",
                        "─".repeat(side),
                        "─".repeat(w.saturating_sub(side + label.len()))
                    ),
                    t.dim,
                )]
            }
            RankLine::Engine(i) => {
                let rowd = app.row(*i);
                let selected = *i == app.selected;
                let (base, mark) = row_styles(app, *i);
                let mut spans = vec![
                    Span::styled(
                        if selected && app.popup.is_none() {
                            "▶ "
                        } else {
                            "  "
                        },
                        base,
                    ),
                    Span::styled(format!("{:>rank_w$} ", app.rank_of(*i)), base),
                    Span::styled(if app.is_marked(*i) { "● " } else { "  " }, mark),
                ];
                spans.extend(highlighted_name(app, *i, name_w, base));
                if let Some(reason) = mtafit_render::sentence::out(rowd) {
                    let room = w.saturating_sub(2 + rank_w + 1 + 2 + name_w + 1);
                    spans.push(Span::styled(
                        format!(" {}", text::fit_left(&reason, room)),
                        base,
                    ));
                } else {
                    spans.push(Span::styled(" ", base));
                    // A hit on another field than the name says which, where the bar would be.
                    // (The value alone: the detail pane names the field.)
                    match app.search.hit(*i).and_then(|h| h.field.as_ref()) {
                        Some((_, value)) => spans.push(Span::styled(
                            text::fit_left(value, bar_w),
                            if selected { t.selected } else { t.dim },
                        )),
                        None => spans.push(Span::styled(
                            bar(rowd.score / 100.0, bar_w),
                            if selected {
                                t.selected.patch(t.bar)
                            } else {
                                t.bar
                            },
                        )),
                    }
                    spans.push(Span::styled(format!(" {:>score_w$.1}", rowd.score), base));
                }
                spans
            }
        };
        frame.render_widget(Line::from(spans), r);
    }
}
