//! The weights pane: a slider per factor, shaded where the top pick stays the same.

use super::{Shared, pane};
use crate::tui::compare::Pane;
use crate::tui::compare::sliders::Sliders;
use crate::tui::layout::{self, SLIDER_LABEL};
use crate::tui::model::Model;
use mtafit_model::catalogue::FactorId;
use mtafit_model::text;
use mtafit_model::units::weight as label;
use mtafit_render::sentence;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

/// Draw the weights pane.
pub fn draw(sh: &Shared, sliders: &Sliders, frame: &mut Frame, area: Rect) {
    let t = &sh.theme;
    let model = sh.model;
    let s = &model.analysis.sensitivity;
    let mut title = vec![Span::styled(" Weights ", t.title)];
    // The top pick's robustness in words, where the title has room (the status line says it
    // everywhere).
    let holds = format!("top pick holds if every weight moves ±{:.1} ", s.robustness);
    if s.top.is_some() && text::width(&holds) + 12 <= usize::from(area.width) {
        title.push(Span::styled(holds, t.dim));
    }
    let block = pane(sh, Some(Pane::Weights), Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = layout::rows_per_slider(area);
    let focused = sh.focus == Pane::Weights && !sh.popup_open;
    for f in FactorId::ALL {
        let y = inner.y.saturating_add(f.index() as u16 * rows);
        if y >= inner.bottom() {
            break;
        }
        let selected = sliders.cursor == f;
        let weight = model.weights.get(f);
        let asked = model.analysis.ranking.asked[f];
        let label_style = if selected && focused {
            t.selected
        } else if selected {
            t.title
        } else if asked {
            t.text
        } else {
            t.dim
        };
        // Cursors hide behind a popup: only the popup's own shows.
        let marker = if selected && !sh.popup_open {
            "▶"
        } else {
            " "
        };
        let mut spans = vec![
            Span::styled(
                format!(
                    "{marker}{}",
                    text::fit_left(f.name(), usize::from(SLIDER_LABEL) - 2)
                ),
                label_style,
            ),
            Span::raw(" "),
        ];
        let range = s.factors.iter().find(|r| r.factor == f);
        match layout::slider_track(area, f) {
            Some(track) => {
                let tw = usize::from(track.width);
                let knob = ((weight / 10.0) * (tw.saturating_sub(1)) as f64).round() as usize;
                // Cells with the same style become one span: spans, not cells, cost the time.
                let mut run = String::new();
                let mut run_style = None;
                for j in 0..tw {
                    let v = j as f64 * 10.0 / (tw.saturating_sub(1)).max(1) as f64;
                    let safe = range
                        .is_some_and(|r| s.top.is_some() && v >= r.from - 1e-9 && v <= r.to + 1e-9);
                    let glyph = match j.cmp(&knob) {
                        std::cmp::Ordering::Less => "━",
                        std::cmp::Ordering::Equal => "●",
                        std::cmp::Ordering::Greater => "─",
                    };
                    let mut style = if safe && asked { t.safe } else { t.track };
                    if j <= knob {
                        style = style.add_modifier(Modifier::BOLD);
                    }
                    if run_style.is_some_and(|s| s != style) {
                        spans.push(Span::styled(
                            std::mem::take(&mut run),
                            run_style.unwrap_or_default(),
                        ));
                    }
                    run_style = Some(style);
                    run.push_str(glyph);
                }
                if let Some(style) = run_style {
                    spans.push(Span::styled(run, style));
                }
                spans.push(Span::styled(format!(" {:>4}", label(weight)), label_style));
            }
            None => spans.push(Span::styled(format!(" {}", label(weight)), label_style)),
        }
        frame.render_widget(Line::from(spans), Rect::new(inner.x, y, inner.width, 1));
        if rows == 2 && y + 1 < inner.bottom() {
            let note = range_note(model, f, "  ");
            let note = text::truncate(&note, usize::from(inner.width)).into_owned();
            frame.render_widget(
                Span::styled(note, t.dim),
                Rect::new(inner.x, y + 1, inner.width, 1),
            );
        }
    }
    // One line per slider leaves no room for each range: say it for the selected one below.
    if let Some((below, lines)) = selected_note(model, sliders.cursor, area) {
        for (n, line) in lines
            .iter()
            .take(usize::from(inner.bottom().saturating_sub(below)))
            .enumerate()
        {
            frame.render_widget(
                Span::styled(line.to_string(), t.dim),
                Rect::new(inner.x, below + n as u16, inner.width, 1),
            );
        }
    }
}

/// The selected weight's range as the space under the sliders shows it: the row it starts on and
/// its lines, wrapped; `None` when the pane has no such space.
fn selected_note(model: &Model, f: FactorId, area: Rect) -> Option<(u16, Vec<String>)> {
    if !layout::weights_show_selected_range(area) {
        return None;
    }
    let inner = layout::inner(area);
    let below = inner
        .y
        .saturating_add(FactorId::COUNT as u16 * layout::rows_per_slider(area) + 1);
    let note = range_note(model, f, &format!("{}: ", f.name()));
    let lines = textwrap::wrap(&note, usize::from(inner.width).max(10))
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
    Some((below, lines))
}

/// True when the pane shows the range of the selected weight `f` whole (under its slider, or
/// wrapped under all of them); otherwise the status line says it.
pub fn shows_selected_note(model: &Model, f: FactorId, area: Rect) -> bool {
    let inner = layout::inner(area);
    if let Some((below, lines)) = selected_note(model, f, area) {
        return lines.len() <= usize::from(inner.bottom().saturating_sub(below));
    }
    layout::rows_per_slider(area) == 2
        && text::width(&range_note(model, f, "  ")) <= usize::from(inner.width)
}

/// "keeps Postfix from 0.15 to 10 · below: OpenSMTPD": the selected weight's stable range and
/// who takes over past each end.
pub fn range_note(model: &Model, f: FactorId, prefix: &str) -> String {
    let s = &model.analysis.sensitivity;
    if !model.analysis.ranking.asked[f] {
        return format!(
            "{prefix}not asked, so it moves no score: p, then {}",
            sentence::how_to_ask(f)
        );
    }
    let (Some(r), Some(top)) = (s.factors.iter().find(|r| r.factor == f), s.top) else {
        return format!("{prefix}no top pick to keep");
    };
    let name = |i: Option<usize>| i.map(|i| model.engine(i).name.clone());
    let mut note = format!(
        "{prefix}keeps {} from {} to {}",
        model.engine(top).name,
        label(r.from),
        label(r.to)
    );
    if let Some(b) = name(r.below) {
        note.push_str(&format!(" · below: {b}"));
    }
    if let Some(a) = name(r.above) {
        note.push_str(&format!(" · above: {a}"));
    }
    note
}
