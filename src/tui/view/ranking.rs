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
    let mut title = if model.analysis.ranking.unweighted() {
        Line::from(Span::styled(" Ranking — all weights are 0 ", t.warn))
    } else {
        Line::from(Span::styled(" Ranking ", t.title))
    };
    let out_hidden = ranking.out_hidden(model, s.search);
    if out_hidden > 0 {
        title.push_span(Span::styled(
            format!("{out_hidden} out hidden (o) "),
            t.warn,
        ));
    }
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
    // Out of the running, a row has no bar or score: its reason starts after the longest name
    // among such rows, so it gets every column the names leave (the detail gives it whole).
    let out_name_w = ranking
        .rows
        .iter()
        .filter(|i| model.row(**i).is_out())
        .map(|i| text::width(&model.engine(*i).name))
        .max()
        .unwrap_or(name_w)
        .clamp(4, name_w.max(4));
    // Out-of-running reasons wrap under themselves when the pane has the height for every
    // line; otherwise each stays on its row, cut, and the detail gives it whole.
    let reason_at = 2 + rank_w + 1 + 2 + out_name_w + 1;
    let room = w.saturating_sub(reason_at);
    let reasons: Vec<Vec<String>> = lines
        .iter()
        .map(|line| match line {
            RankLine::Engine(i) => mtafit_render::sentence::out(model.row(*i))
                .map(|r| {
                    let opts = textwrap::Options::new(room.max(1))
                        .word_splitter(textwrap::WordSplitter::NoHyphenation);
                    textwrap::wrap(&r, opts)
                        .into_iter()
                        .map(|p| p.into_owned())
                        .collect()
                })
                .unwrap_or_default(),
            RankLine::Rule => Vec::new(),
        })
        .collect();
    let wrapped_len: usize = reasons.iter().map(|r| r.len().max(1)).sum();
    let wrap = room >= 10 && wrapped_len <= usize::from(inner.height);
    // Every line of the pane with the engine it shows, if any.
    let mut all: Vec<(Vec<Span>, Option<usize>)> = Vec::new();
    for (line, pieces) in lines.iter().zip(&reasons) {
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
                } else if rowd.is_out() {
                    spans.extend(highlighted_name(s, *i, out_name_w, base));
                } else {
                    spans.extend(highlighted_name(s, *i, name_w, base));
                }
                if let Some(reason) = mtafit_render::sentence::out(rowd) {
                    let first = match pieces.first() {
                        Some(p) if wrap => text::fit_left(p, room),
                        _ => text::fit_left(&reason, room),
                    };
                    spans.push(Span::styled(format!(" {first}"), base));
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
        let engine = match line {
            RankLine::Engine(i) => Some(*i),
            RankLine::Rule => None,
        };
        all.push((spans, engine));
        if wrap && let Some(i) = engine {
            let style = row_styles(s, i).0;
            for piece in pieces.iter().skip(1) {
                all.push((
                    vec![Span::styled(
                        format!("{}{}", " ".repeat(reason_at), text::fit_left(piece, room)),
                        style,
                    )],
                    Some(i),
                ));
            }
        }
    }
    let at = all.iter().position(|(_, e)| *e == Some(s.selected));
    let height = usize::from(inner.height);
    let top = ranking.scroll.show_row(at, all.len(), height);
    let shown: Vec<Option<usize>> = all.iter().skip(top).take(height).map(|(_, e)| *e).collect();
    // Recorded for clicks, which then land on the engine a line shows.
    ranking.drawn.replace(shown);
    for (row, (spans, _)) in all.into_iter().skip(top).take(height).enumerate() {
        let r = Rect::new(inner.x, inner.y + row as u16, inner.width, 1);
        frame.render_widget(Line::from(spans), r);
    }
}
