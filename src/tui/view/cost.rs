//! The cost view: annual cost against monthly volume on log scales, your volume marked, and
//! the volumes where the leading candidates' costs cross.

use super::Shared;
use super::pane;
use crate::tui::model::{CostPick, LEADERS};
use mtafit_model::text;
use mtafit_model::units;
use mtafit_render::sentence;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType};

/// Without colour, each series is told apart by its marker, named in the legend by the same
/// glyph; your volume is drawn in Braille, which no series uses then.
const MONO_MARKERS: [(Marker, &str); 5] = [
    (Marker::Dot, "•"),
    (Marker::Block, "█"),
    (Marker::Bar, "▄"),
    (Marker::Quadrant, "▚"),
    (Marker::HalfBlock, "▀"),
];

/// The marker and legend glyph of series `n`.
fn marker(mono: bool, n: usize) -> (Marker, &'static str) {
    if mono {
        MONO_MARKERS[n % MONO_MARKERS.len()]
    } else {
        (Marker::Braille, "■")
    }
}

/// Which engines are drawn, for the chart's title: "marked: 3", "top 5 matching “kumo”", "top
/// 3 to own, 2 to rent".
pub fn drawn(s: &Shared) -> String {
    let query = || format!("“{}”", text::sanitize(&s.search.query));
    match &s.model.cost_pick {
        CostPick::Leaders => {
            let (mine, other) = if s.model.profile.own_infrastructure {
                ("own", "rent")
            } else {
                ("rent", "own")
            };
            format!("top {} to {mine}, {} to {other}", LEADERS.0, LEADERS.1)
        }
        CostPick::Matching(e) => format!("top {} matching {}", e.len(), query()),
        CostPick::Marked { engines, of } => {
            let matching = if s.search.active() {
                format!(" matching {}", query())
            } else {
                String::new()
            };
            let cap = if engines.len() < *of {
                format!(", the first {} drawn", engines.len())
            } else {
                String::new()
            };
            format!("marked{matching}: {of}{cap}")
        }
    }
}

/// The chart's title within `width` columns: which engines are drawn says most, so the rest of
/// the title gives way first.
fn title(s: &Shared, width: u16) -> String {
    let which = drawn(s);
    let room = usize::from(width).saturating_sub(2);
    [
        format!(" Annual cost by monthly volume (log–log) · {which} "),
        format!(" Annual cost (log–log) · {which} "),
        format!(" Annual cost · {which} "),
    ]
    .into_iter()
    .find(|t| text::width(t) <= room)
    .unwrap_or_else(|| format!(" {which} "))
}

/// What the chart says when it has nothing to draw, and how to change that.
fn nothing_drawn(s: &Shared) -> &'static str {
    match s.model.cost_pick {
        CostPick::Marked { .. } => "No marked engine matches the search: Esc clears it.",
        _ => "No engine matches the search: Esc clears it.",
    }
}

/// Draw the cost view.
pub fn draw(s: &Shared, frame: &mut Frame, area: Rect) {
    let t = &s.theme;
    let m = s.model;
    let Some(c) = &m.curves else {
        return;
    };
    let side = (area.width / 3).clamp(28, 48).min(area.width / 2);
    let chart_area = Rect::new(area.x, area.y, area.width - side, area.height);
    let side_area = Rect::new(area.x + area.width - side, area.y, side, area.height);

    let log = |v: f64| v.max(1.0).log10();
    let series: Vec<Vec<(f64, f64)>> = c
        .costs
        .iter()
        .map(|costs| {
            c.volumes
                .iter()
                .zip(costs)
                .map(|(v, cost)| (log(*v as f64), log(*cost)))
                .collect()
        })
        .collect();
    let (ymin, ymax) = series
        .iter()
        .flatten()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (_, y)| {
            (lo.min(*y), hi.max(*y))
        });
    // Whatever the numbers (an absurd price in a user's catalogue), the axis is finite and has
    // a handful of labels: the label loop below is bounded by the axis, not by the data.
    let (ymin, ymax) = if ymin.is_finite() && ymax.is_finite() {
        (ymin.floor(), ymax.ceil().max(ymin.floor() + 1.0))
    } else {
        (3.0, 6.0)
    };
    let (ymin, ymax) = (ymin.clamp(-300.0, 300.0), ymax.clamp(-299.0, 301.0));
    let you = log(m.profile.monthly_volume as f64).clamp(5.0, 9.0);
    let you_line = vec![(you, ymin), (you, ymax)];
    let mut datasets: Vec<Dataset> = series
        .iter()
        .enumerate()
        .map(|(n, pts)| {
            Dataset::default()
                .name(m.cat.engines[c.leaders[n]].name.clone())
                .marker(marker(t.is_mono(), n).0)
                .graph_type(GraphType::Line)
                .style(t.series[n % t.series.len()])
                .data(pts)
        })
        .collect();
    datasets.push(
        Dataset::default()
            .name(format!(
                "you: {}/mo",
                units::volume(m.profile.monthly_volume)
            ))
            .marker(if t.is_mono() {
                Marker::Braille
            } else {
                Marker::Dot
            })
            .graph_type(GraphType::Line)
            .style(t.warn)
            .data(&you_line),
    );
    let x_labels: Vec<Span> = ["100k", "1M", "10M", "100M", "1B"]
        .iter()
        .map(|l| Span::styled(*l, t.dim))
        .collect();
    let decades = (ymax - ymin) as i32;
    let step = (decades / 8).max(1);
    let y_labels: Vec<Span> = (0..=decades / step)
        .map(|k| ymin as i32 + k * step)
        .map(|e| Span::styled(units::usd(10f64.powi(e)), t.dim))
        .collect();
    let chart = Chart::new(datasets)
        .block(pane(
            s,
            None,
            Line::from(Span::styled(title(s, chart_area.width), t.title)),
        ))
        .x_axis(
            Axis::default()
                .title(Span::styled("messages/month", t.dim))
                .bounds([5.0, 9.0])
                .labels(x_labels),
        )
        .y_axis(
            Axis::default()
                .title(Span::styled("USD/yr", t.dim))
                .bounds([ymin, ymax])
                .labels(y_labels),
        )
        // The side panel is the legend: the chart's own would cover the lines.
        .legend_position(None);
    frame.render_widget(chart, chart_area);
    if c.leaders.is_empty() {
        let inner = chart_area.inner(ratatui::layout::Margin::new(2, 2));
        frame.render_widget(
            ratatui::widgets::Paragraph::new(Span::styled(nothing_drawn(s), t.warn))
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
    }

    // Side panel: cost at your volume, crossovers and assumptions.
    let block = pane(
        s,
        None,
        Line::from(Span::styled(" At your volume ", t.title)),
    );
    let inner = block.inner(side_area);
    frame.render_widget(block, side_area);
    let w = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    for (n, &i) in c.leaders.iter().enumerate() {
        let e = &m.cat.engines[i];
        let cost = &m.row(i).cost;
        let star = if cost.is_estimate() { "*" } else { "" };
        let value = format!("{}{star}", units::usd(cost.total()));
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} ", marker(t.is_mono(), n).1),
                t.series[n % t.series.len()],
            ),
            Span::styled(text::fit_left(&e.name, w.saturating_sub(12)), t.text),
            Span::styled(text::fit_right(&value, 9), t.text),
        ]));
        lines.push(Line::from(Span::styled(
            text::truncate(
                &format!(
                    "  {} · {} cash",
                    sentence::estate_short(cost),
                    units::usd(cost.cash())
                ),
                w,
            )
            .into_owned(),
            t.dim,
        )));
    }
    lines.push(Line::from(vec![
        Span::styled(if t.is_mono() { "⡇ " } else { "│ " }, t.warn),
        Span::styled(
            format!(
                "your volume, {}/month",
                units::volume(m.profile.monthly_volume)
            ),
            t.text,
        ),
    ]));
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled("Where costs cross", t.title)));
    if c.crossovers.is_empty() {
        lines.push(Line::from(Span::styled("none between 100k and 1B", t.dim)));
    }
    for line in mtafit_render::cost::change_lines(&c.crossovers) {
        use mtafit_render::cost::ChangeLine;
        let s = match line {
            ChangeLine::One(x) => format!(
                "{}: {}",
                units::volume(x.monthly_volume),
                mtafit_render::cost::change_short(&m.cat.engines, &x)
            ),
            ChangeLine::Alternate {
                pair,
                from,
                to,
                times,
            } => mtafit_render::cost::alternate(&m.cat.engines, pair, from, to, times),
        };
        for l in textwrap::wrap(&s, w.max(10)) {
            lines.push(Line::from(Span::styled(l.into_owned(), t.text)));
        }
    }
    lines.push(Line::from(Span::styled(
        mtafit_render::cost::CHANGE_KEY,
        t.dim,
    )));
    // The first leader's estate, item by item.
    if let Some(&i) = c.leaders.first() {
        let e = &m.cat.engines[i];
        let cost = &m.row(i).cost;
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(
            format!("{}'s estate", e.name),
            t.title,
        )));
        for item in cost.items() {
            lines.push(Line::from(vec![
                Span::styled(
                    text::fit_left(&sentence::cost_label_of(e, &item), w.saturating_sub(8)),
                    t.text,
                ),
                Span::styled(text::fit_right(&units::usd(item.amount), 8), t.text),
            ]));
        }
    }
    lines.push(Line::raw(""));
    let assumptions = format!(
        "Assumptions: {} (p edits them); * estimated or extrapolated price.",
        sentence::assumptions(&m.profile)
    );
    for l in textwrap::wrap(&assumptions, w.max(10)) {
        lines.push(Line::from(Span::styled(l.into_owned(), t.warn)));
    }
    for (n, line) in lines
        .into_iter()
        .take(usize::from(inner.height))
        .enumerate()
    {
        frame.render_widget(line, Rect::new(inner.x, inner.y + n as u16, inner.width, 1));
    }
}
