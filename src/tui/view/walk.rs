//! The walk view: the brief's diagram as gates, the path the profile takes, and the verdict.

use super::Shared;
use crate::tui::scroll::Scroll;
use mtafit_model::decide::walk::Gate;
use mtafit_model::text;
use mtafit_render::compare;
use mtafit_render::walk as words;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// The walk view's lines at `width`.
pub fn lines(s: &Shared, width: usize) -> Vec<Line<'static>> {
    let t = s.theme;
    let a = &s.model.analysis;
    let engines = &s.model.cat.engines;
    let wrap = |text: &str, indent: &str| super::wrap(text, width, indent, indent);
    let mut out = vec![
        Line::from(Span::styled(
            "The brief's decision, walked in order",
            t.title,
        )),
        Line::raw(""),
    ];
    for (n, gate) in Gate::ALL.iter().enumerate() {
        match a.walk.steps.iter().find(|s| s.gate == *gate) {
            Some(step) => {
                // The question wraps like everything else; "◀ decides" follows its last line.
                let question = format!("● {}. {}", n + 1, words::question(*gate));
                let lines = wrap(&question, "");
                let last = lines.len().saturating_sub(1);
                for (k, l) in lines.into_iter().enumerate() {
                    let mut head = vec![Span::styled(l, t.title)];
                    if k == last && step.decides {
                        head.push(Span::styled("  ◀ decides", t.good));
                    }
                    out.push(Line::from(head));
                }
                let answer = format!("→ {}", words::answer(engines, &step.answer));
                for l in wrap(&answer, "   ") {
                    out.push(Line::from(Span::styled(
                        l,
                        if step.decides { t.good } else { t.text },
                    )));
                }
                for l in wrap(words::reason(*gate), "     ") {
                    out.push(Line::from(Span::styled(l, t.dim)));
                }
            }
            None => {
                let text = format!("○ {}. {} — not reached", n + 1, words::question(*gate));
                for l in wrap(&text, "") {
                    out.push(Line::from(Span::styled(l, t.dim)));
                }
            }
        }
        out.push(Line::raw(""));
    }
    let verdict = words::verdict(engines, &a.walk).unwrap_or_else(|| "none on the path".to_owned());
    out.push(Line::from(vec![
        Span::styled("Verdict: ", t.title),
        Span::styled(verdict, t.good),
    ]));
    let agree = a.agreement.agrees();
    for l in wrap(&words::sentence(engines, &a.agreement), "") {
        out.push(Line::from(Span::styled(
            l,
            if agree { t.good } else { t.warn },
        )));
    }
    if let Some(d) = a.agreement.disagreement() {
        out.push(Line::from(Span::styled(
            "Score points each factor gives the ranking's pick over the walk's:",
            t.text,
        )));
        for (f, p) in &d.factors {
            out.push(Line::from(vec![
                Span::styled(format!("  {}", text::fit_left(f.name(), 14)), t.text),
                Span::styled(format!("{p:+.1}"), if *p > 0.0 { t.warn } else { t.good }),
            ]));
        }
        for r in words::reconcile(engines, &a.agreement) {
            for l in wrap(&r, "  ") {
                out.push(Line::from(Span::styled(l, t.dim)));
            }
        }
    }
    if let Some(c) = &a.comparison {
        out.push(Line::raw(""));
        out.push(Line::from(Span::styled("The ranking's top pick", t.title)));
        for l in wrap(&compare::lead(engines, c), "") {
            out.push(Line::from(Span::styled(l, t.text)));
        }
        if let Some(tie) = compare::near_tie(engines, c) {
            for l in wrap(&tie, "") {
                out.push(Line::from(Span::styled(l, t.warn)));
            }
        }
        if !c.what_ifs.is_empty() {
            out.push(Line::from(Span::styled(
                "What would change the pick:",
                t.text,
            )));
            for w in &c.what_ifs {
                for l in wrap(&compare::what_if(engines, w), "  ") {
                    out.push(Line::from(Span::styled(l, t.dim)));
                }
            }
        }
    }
    out
}

/// Draw the walk view.
pub fn draw(s: &Shared, scroll: &Scroll, frame: &mut Frame, area: Rect) {
    super::text_view(s, frame, area, "Walk", |w| lines(s, w), scroll);
}
