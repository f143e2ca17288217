//! The ranking pane: candidates with score bars, then knocked-out engines below a rule.

use super::{Shared, bar, highlighted_name, pane, row_styles};
use crate::tui::compare::Pane;
use crate::tui::compare::ranking::{RankLine, Ranking};
use mtafit_model::decide::Standing;
use mtafit_model::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// What follows the name of an engine with a caveat: two columns, cut from its name.
pub const CAVEAT_MARK: &str = " !";

/// Draw the ranking pane.
pub fn draw(s: &Shared, ranking: &Ranking, frame: &mut Frame, area: Rect) {
    let t = &s.theme;
    let model = s.model;
    let title = if model.analysis.ranking.unweighted() {
        Line::from(Span::styled(" Ranking — all weights are 0 ", t.warn))
    } else {
        Line::from(Span::styled(" Ranking ", t.title))
    };
    let block = pane(s, Some(Pane::Ranking), title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width < 4 || inner.height == 0 {
        return;
    }
    let w = usize::from(inner.width);
    let lines = ranking.lines(model);
    let rank_w = model.analysis.ranking.rows.len().to_string().len();
    let score_w = 5;
    // Names matter more than bars: a narrow pane drops the bar.
    let bar_w = if w < 36 { 0 } else { (w / 4).clamp(3, 12) };
    let name_w = w
        .saturating_sub(2 + rank_w + 1 + 2 + 1 + bar_w + 1 + score_w)
        .max(4);
    let at = lines
        .iter()
        .position(|l| *l == RankLine::Engine(s.selected));
    let top = ranking
        .scroll
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
                let rowd = model.row(*i);
                let selected = *i == s.selected;
                let (base, mark) = row_styles(s, *i);
                let mut spans = vec![
                    Span::styled(
                        if selected && !s.popup_open {
                            "▶ "
                        } else {
                            "  "
                        },
                        base,
                    ),
                    Span::styled(format!("{:>rank_w$} ", model.rank_of(*i)), base),
                    Span::styled(
                        if s.marks.is_marked(model, *i) {
                            "● "
                        } else {
                            "  "
                        },
                        mark,
                    ),
                ];
                // A caveat ranks an engine below every candidate without one, whatever its
                // score: the mark says why it sits below lower scores (the detail says which).
                if rowd.standing() == Standing::WithCaveats {
                    spans.extend(highlighted_name(s, *i, name_w.saturating_sub(2), base));
                    spans.push(Span::styled(
                        CAVEAT_MARK,
                        if selected {
                            t.selected.patch(t.warn)
                        } else {
                            t.warn
                        },
                    ));
                } else {
                    spans.extend(highlighted_name(s, *i, name_w, base));
                }
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
                    match s.search.hit(*i).and_then(|h| h.field.as_ref()) {
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
