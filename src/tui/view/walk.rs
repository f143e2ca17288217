//! The walk view: the brief's diagram as gates, the path the profile takes, and the verdict.

use super::pane;
use crate::decide::walk::Gate;
use crate::text;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

const GATES: [Gate; 5] = [
    Gate::OwnOrRent,
    Gate::Volume,
    Gate::Licence,
    Gate::Specialist,
    Gate::Default,
];

/// The walk view's lines at `width`.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let a = &app.analysis;
    let name = |id: &str| app.cat.engine(id).map_or(id.to_owned(), |e| e.name.clone());
    let wrap = |s: &str, indent: &str| -> Vec<String> {
        let opts = textwrap::Options::new(width.saturating_sub(2).max(20))
            .initial_indent(indent)
            .subsequent_indent(indent);
        textwrap::wrap(s, opts)
            .into_iter()
            .map(|c| c.into_owned())
            .collect()
    };
    let mut out = vec![
        Line::from(Span::styled(
            "The brief's decision, walked in order",
            t.title,
        )),
        Line::raw(""),
    ];
    for (n, gate) in GATES.iter().enumerate() {
        match a.walk.steps.iter().find(|s| s.gate == *gate) {
            Some(step) => {
                let mut head = vec![Span::styled(
                    format!("● {}. {}", n + 1, gate.question()),
                    t.title,
                )];
                if step.decides {
                    head.push(Span::styled("  ◀ decides", t.good));
                }
                out.push(Line::from(head));
                for l in wrap(&format!("→ {}", step.answer), "   ") {
                    out.push(Line::from(Span::styled(
                        l,
                        if step.decides { t.good } else { t.text },
                    )));
                }
                for l in wrap(gate.reason(), "     ") {
                    out.push(Line::from(Span::styled(l, t.dim)));
                }
            }
            None => {
                let text = format!("○ {}. {} — not reached", n + 1, gate.question());
                for l in wrap(&text, "") {
                    out.push(Line::from(Span::styled(l, t.dim)));
                }
            }
        }
        out.push(Line::raw(""));
    }
    let verdict = a
        .walk
        .engine
        .as_deref()
        .map_or("none on the path".to_owned(), name);
    out.push(Line::from(vec![
        Span::styled("Verdict: ", t.title),
        Span::styled(verdict, t.good),
    ]));
    let top = a.ranking.top().map(|r| r.engine);
    match (top, &a.walk.engine, &a.disagreement) {
        (Some(i), Some(w), _) if app.cat.engines[i].id == *w => {
            out.push(Line::from(Span::styled(
                format!("The weighted ranking also puts {} first: the two agree.", app.cat.engines[i].name),
                t.good,
            )));
        }
        (Some(i), Some(w), Some(d)) => {
            out.push(Line::from(Span::styled(
                format!(
                    "The weighted ranking puts {} first instead of {}.",
                    app.cat.engines[i].name,
                    name(w)
                ),
                t.warn,
            )));
            out.push(Line::from(Span::styled("Score points each factor gives the ranking's pick over the walk's:", t.text)));
            for (f, p) in &d.factors {
                out.push(Line::from(vec![
                    Span::styled(format!("  {}", text::fit_left(f.name(), 14)), t.text),
                    Span::styled(format!("{p:+.1}"), if *p > 0.0 { t.warn } else { t.good }),
                ]));
            }
            for (f, x) in &d.reconcile {
                out.push(Line::from(Span::styled(
                    format!("  Raise {} to {x:.1} and {} draws level.", f.name().to_lowercase(), name(w)),
                    t.dim,
                )));
            }
        }
        (None, _, _) => out.push(Line::from(Span::styled(
            "The weighted ranking has no top pick (every weight is 0, or every engine is knocked out).",
            t.warn,
        ))),
        _ => {}
    }
    out
}

/// Draw the walk view.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let block = pane(
        app,
        None,
        Line::from(Span::styled(" Walk ", app.theme.title)),
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
    super::scrolled(
        frame,
        text,
        lines(app, usize::from(inner.width)),
        app.scroll.walk,
    );
}
