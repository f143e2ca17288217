//! The detail pane: why the selected engine scores what it does, what it costs, and its facts.

use super::{Shared, bar, pane};
use crate::tui::compare::Pane;
use crate::tui::compare::column::Column;
use crate::tui::compare::detail::Detail;
use mtafit_model::catalogue::FactorId;
use mtafit_model::decide::Provenance;
use mtafit_model::text;
use mtafit_model::units;
use mtafit_render::{compare, reason, sentence};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// The detail lines for the selected engine, wrapped to `width`.
pub fn lines(s: &Shared, width: usize) -> Vec<Line<'static>> {
    let t = s.theme;
    let model = s.model;
    let i = s.selected;
    let e = model.engine(i);
    let row = model.row(i);
    let w = &model.analysis.ranking.weights;
    let p = &model.profile;
    let mut out: Vec<Line<'static>> = Vec::new();
    let wrap = |out: &mut Vec<Line<'static>>, label: &str, body: &str, style: Style| {
        let label_w = 10;
        let opts = textwrap::Options::new(width.saturating_sub(label_w).max(10))
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        for (n, piece) in textwrap::wrap(body, opts).iter().enumerate() {
            let l = if n == 0 { label } else { "" };
            out.push(Line::from(vec![
                Span::styled(text::fit_left(l, label_w), t.title),
                Span::styled(piece.to_string(), style),
            ]));
        }
    };

    let status = if row.is_out() {
        "out of the running".to_owned()
    } else {
        format!("rank {} · score {:.1}", model.rank_of(i), row.score)
    };
    let name = text::truncate(&format!("{} ", e.name), width).into_owned();
    let rest = format!(
        "— {} · {} · {} · {status}",
        e.kind,
        e.licence_label(),
        e.status
    );
    let rest = text::truncate(&rest, width.saturating_sub(text::width(&name))).into_owned();
    out.push(Line::from(vec![
        Span::styled(name, t.title),
        Span::styled(rest, t.dim),
    ]));
    if let Some(why) = s.search.hit(i).and_then(|h| h.why()) {
        wrap(&mut out, "matched", &why, t.dim);
    }
    if let Some(why) = sentence::out(row) {
        wrap(&mut out, "out", &why, t.warn);
    }
    // `remarks` gives the caveats first: each is why the ranking's `!` puts the engine below
    // the candidates without one.
    for (n, remark) in sentence::remarks(e, row).iter().enumerate() {
        if n < row.caveats.len() {
            let why = format!("! {remark}: ranked below every candidate without a caveat");
            wrap(&mut out, "caveat", &why, t.warn);
        } else {
            wrap(&mut out, "note", remark, t.warn);
        }
    }
    if let Some(c) = &model.analysis.comparison {
        if c.top == i {
            wrap(
                &mut out,
                "lead",
                &compare::lead(&model.cat.engines, c),
                t.text,
            );
            if let Some(tie) = compare::near_tie(&model.cat.engines, c) {
                wrap(&mut out, "near tie", &tie, t.warn);
            }
            for w in &c.what_ifs {
                wrap(
                    &mut out,
                    "what if",
                    &compare::what_if(&model.cat.engines, w),
                    t.text,
                );
            }
        } else if !row.is_out() {
            let top = model.row(c.top);
            wrap(
                &mut out,
                "behind",
                &format!(
                    "{} by {:.1} points",
                    model.engine(c.top).name,
                    top.score - row.score
                ),
                t.dim,
            );
        }
    }
    out.push(Line::from(Span::styled(
        "why this score (points of 100)",
        t.title,
    )));
    let bar_w = (width / 6).clamp(4, 12);
    // One scale for every bar: the most any factor could contribute (the heaviest weight at a
    // fit of 1), so bars compare across factors.
    let max = FactorId::ALL
        .iter()
        .map(|f| 100.0 * w.get(*f) / w.total().max(f64::MIN_POSITIVE))
        .fold(0.0, f64::max);
    for f in FactorId::ALL {
        let c = row.contribution(w, f);
        let why = if model.analysis.ranking.asked[f] {
            reason::why(e, p, row, f)
        } else {
            format!("not asked by this profile (p: {})", sentence::how_to_ask(f))
        };
        let head = format!("  {} ", text::fit_left(f.name(), 13));
        // The reason wraps rather than being cut (the pane scrolls): beside the bar when
        // there is room for a readable column, else below it, across the pane.
        let beside = text::width(&head) + bar_w + 7;
        let indent = if width.saturating_sub(beside) >= 30 {
            beside
        } else {
            4
        };
        let opts = textwrap::Options::new(width.saturating_sub(indent).max(10))
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        let pieces = textwrap::wrap(&why, opts);
        let mut pieces = pieces.iter();
        let first = if indent == beside {
            pieces.next().map(|p| p.to_string()).unwrap_or_default()
        } else {
            String::new()
        };
        out.push(Line::from(vec![
            Span::styled(head, t.text),
            Span::styled(bar(if max > 0.0 { c / max } else { 0.0 }, bar_w), t.bar),
            Span::styled(format!(" {c:>4.1} "), t.text),
            Span::styled(first, t.dim),
        ]));
        for piece in pieces {
            out.push(Line::from(vec![
                Span::raw(" ".repeat(indent)),
                Span::styled(piece.to_string(), t.dim),
            ]));
        }
    }
    let c = &row.cost;
    out.push(Line::from(vec![
        Span::styled(
            format!("cost at {}/month: ", units::volume(p.monthly_volume)),
            t.title,
        ),
        Span::styled(
            format!(
                "{}/yr: {}",
                units::usd_exact(c.total()),
                sentence::cash_and_staff(c)
            ),
            t.text,
        ),
    ]));
    wrap(&mut out, "estate", &sentence::estate(c), t.text);
    for item in c.items() {
        let style = match item.provenance {
            Provenance::Sourced => t.text,
            Provenance::Estimated | Provenance::Assumed => t.warn,
        };
        out.push(Line::from(vec![
            Span::styled(
                format!(
                    "  {}",
                    text::fit_left(&sentence::cost_label_of(e, &item), width.saturating_sub(14))
                ),
                style,
            ),
            Span::styled(text::fit_right(&units::usd_exact(item.amount), 10), t.text),
        ]));
    }
    if let Some(basis) = &e.cost.estimate {
        wrap(&mut out, "estimate", basis, t.warn);
    }
    let mut facts = vec![
        e.role().describe().to_owned(),
        format!("vendor {}", e.vendor),
        format!(
            "first release {}{}",
            e.first_release,
            sentence::basis_tag(&e.first_release_basis)
        ),
        e.config.describe(),
        format!(
            "band {}{}",
            units::band(e.volume.min_per_month, e.volume.max_per_month),
            sentence::basis_tag(&e.volume.band_basis)
        ),
        format!(
            "one estate documented to carry {}/month{}",
            units::volume(e.volume.proven_max()),
            sentence::basis_tag(&e.volume.proven_basis)
        ),
    ];
    if let Some(every) = &e.everyday_config {
        facts.push(format!(
            "{} for everyday changes{}",
            every.describe(),
            sentence::basis_tag(&e.everyday_config_basis)
        ));
    }
    if let Some(days) = e.event_retention_days {
        facts.push(format!(
            "events kept {days} days{}",
            sentence::basis_tag(&e.event_retention_basis)
        ));
    }
    if let Some(k) = e.scale_out() {
        facts.push(format!(
            "{}{}",
            k.describe(),
            sentence::basis_tag(&e.scale_out_basis)
        ));
    }
    match e.language.as_str() {
        "" => {}
        // A vendor that does not say is not a language.
        "undisclosed" => facts.insert(2, "implementation language undisclosed".into()),
        lang => facts.insert(2, format!("written in {lang}")),
    }
    wrap(&mut out, "facts", &facts.join(" · "), t.text);
    if e.is_managed() {
        // What tells services apart, at a glance.
        let renters: Vec<String> = Column::RENTERS
            .iter()
            .map(|c| format!("{} {}", c.label(), e.capability(*c)))
            .collect();
        wrap(&mut out, "renting", &renters.join(" · "), t.text);
    }
    for (c, how) in &e.add_ons {
        wrap(&mut out, "add-on", &format!("{}: {how}", c.label()), t.text);
    }
    if !e.is_managed() {
        wrap(
            &mut out,
            "capacity",
            &format!(
                "one node carries {}/month{}",
                units::volume(e.cost.node_capacity_per_month),
                sentence::basis_tag(&e.cost.node_capacity_basis)
            ),
            t.text,
        );
        wrap(
            &mut out,
            "assumed",
            &format!("{} (edit with p)", sentence::assumptions(p)),
            t.warn,
        );
    } else {
        wrap(
            &mut out,
            "assumed",
            &format!(
                "{} ops hours/month to look after the integration at {}/hour (edit with p)",
                units::weight(p.assumptions.service_ops_hours_per_month),
                units::usd(p.assumptions.hourly_rate_usd)
            ),
            t.warn,
        );
    }
    wrap(&mut out, "good at", &e.good_at, t.text);
    wrap(&mut out, "cautions", &e.cautions, t.text);
    for (n, s) in e.sources.iter().enumerate() {
        let label = if n == 0 { "sources" } else { "" };
        out.push(Line::from(vec![
            Span::styled(text::fit_left(label, 10), t.title),
            Span::styled(
                text::truncate(s, width.saturating_sub(10)).into_owned(),
                t.dim,
            ),
        ]));
    }
    let from = model.cat.paths.get(&e.id).cloned().unwrap_or_default();
    wrap(
        &mut out,
        "checked",
        &format!(
            "{} · {from}",
            sentence::checked(&e.checked, mtafit_model::calendar::today())
        ),
        t.dim,
    );
    out
}

/// Draw the detail pane.
pub fn draw(s: &Shared, detail: &Detail, frame: &mut Frame, area: Rect) {
    let t = &s.theme;
    let e = s.model.engine(s.selected);
    let mut title = Vec::new();
    // With no match nothing is selected: a name in the title would be the last one seen.
    if !s.search.matches_nothing() {
        title.push(Span::styled(format!(" {} ", e.name), t.title));
        if s.marks.is_marked(s.model, s.selected) {
            title.push(Span::styled("● marked ", t.mark));
        }
    }
    let block = pane(s, Some(Pane::Detail), Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width < 10 || inner.height == 0 {
        return;
    }
    // The lists are empty: there is nothing selected to explain.
    if s.search.matches_nothing() {
        super::no_match(s, frame, Rect::new(inner.x, inner.y, inner.width, 1));
        return;
    }
    super::scrolled(
        frame,
        inner,
        lines(s, usize::from(inner.width)),
        &detail.scroll,
    );
}
