//! The path view: the top pick across monthly volumes as a strip of coloured stretches on a
//! log scale, your volume marked, the stretches and changes listed, and where your growth leads.

use super::Shared;
use crate::tui::scroll::Scroll;
use mtafit_model::decide::path::Path;
use mtafit_model::profile::FieldId;
use mtafit_model::text;
use mtafit_model::units;
use mtafit_render::path as words;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Without colour, each engine's stretch is told apart by its fill, named in the legend.
const MONO_FILLS: [&str; 6] = ["█", "▓", "▒", "░", "▚", "▞"];

/// Where a volume falls on a strip `width` cells wide, on a log scale over the path's range.
fn column(p: &Path, v: u64, width: usize) -> usize {
    let (lo, hi) = ((p.from as f64).log10(), (p.to as f64).log10());
    let x = ((v.max(1) as f64).log10() - lo) / (hi - lo).max(f64::MIN_POSITIVE);
    ((x * width as f64) as usize).min(width.saturating_sub(1))
}

/// The volume at the middle of cell `c` of a strip `width` cells wide.
fn volume_at(p: &Path, c: usize, width: usize) -> u64 {
    let (lo, hi) = ((p.from as f64).log10(), (p.to as f64).log10());
    10f64
        .powf(lo + (c as f64 + 0.5) / width as f64 * (hi - lo))
        .round() as u64
}

/// The engines on the path in order of first appearance (`None`: no candidate), each with its
/// style and fill.
fn palette(s: &Shared, p: &Path) -> Vec<(Option<usize>, Style, &'static str)> {
    let t = &s.theme;
    let mut out: Vec<(Option<usize>, Style, &'static str)> = Vec::new();
    // Close contenders each lead somewhere inside their stretch: both get a colour.
    let picks = p
        .stretches
        .iter()
        .flat_map(|s| std::iter::once(s.pick).chain(s.contenders.iter().map(|i| Some(*i))));
    for pick in picks {
        if out.iter().any(|(e, ..)| *e == pick) {
            continue;
        }
        let n = out.len();
        let (style, fill) = match pick {
            None => (t.dim, "·"),
            Some(_) if t.is_mono() => (t.text, MONO_FILLS[n % MONO_FILLS.len()]),
            Some(_) => (t.series[n % t.series.len()], "█"),
        };
        out.push((pick, style, fill));
    }
    out
}

/// The strip, the marker of your volume, the axis and the legend.
fn strip(s: &Shared, p: &Path, width: usize) -> Vec<Line<'static>> {
    let t = &s.theme;
    let profile = &s.model.profile;
    let colours = palette(s, p);
    let look = |pick: Option<usize>| {
        colours
            .iter()
            .find(|(e, ..)| *e == pick)
            .map_or((t.dim, "·"), |(_, s, f)| (*s, *f))
    };
    // One span per run of cells with the same pick.
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run: Option<(Option<usize>, usize)> = None;
    for c in 0..width {
        let pick = p.pick_at(volume_at(p, c, width));
        match run {
            Some((q, n)) if q == pick => run = Some((q, n + 1)),
            _ => {
                if let Some((q, n)) = run {
                    let (style, fill) = look(q);
                    spans.push(Span::styled(fill.repeat(n), style));
                }
                run = Some((pick, 1));
            }
        }
    }
    if let Some((q, n)) = run {
        let (style, fill) = look(q);
        spans.push(Span::styled(fill.repeat(n), style));
    }
    let bar = Line::from(spans);
    // Your volume, as a caret under the strip with its figure beside it where it fits.
    let volume = profile.monthly_volume.clamp(p.from, p.to);
    let at = column(p, volume, width);
    let label = format!("▲ you, {}", units::volume(profile.monthly_volume));
    let you = if at + text::width(&label) <= width {
        format!("{}{label}", " ".repeat(at))
    } else {
        let back = format!("{} you ▲", units::volume(profile.monthly_volume));
        let start = (at + 1).saturating_sub(text::width(&back));
        format!("{}{back}", " ".repeat(start))
    };
    // Decade ticks, each where it falls, when there is room for it.
    let mut axis = String::new();
    let mut decade = 1u64;
    while decade <= p.to {
        if decade >= p.from {
            let c = column(p, decade, width);
            let label = units::volume(decade);
            // The last tick may end at the strip's end rather than start at its place.
            let c = c.min(width.saturating_sub(text::width(&label)));
            if c >= text::width(&axis) + usize::from(!axis.is_empty()) {
                axis.push_str(&" ".repeat(c - text::width(&axis)));
                axis.push_str(&label);
            }
        }
        decade = match decade.checked_mul(10) {
            Some(d) => d,
            None => break,
        };
    }
    let mut legend: Vec<Span<'static>> = Vec::new();
    for (e, style, fill) in &colours {
        let name = e.map_or("no candidate", |i| s.model.engine(i).name.as_str());
        legend.push(Span::styled(format!("{fill}{fill} "), *style));
        legend.push(Span::styled(format!("{name}   "), t.text));
    }
    vec![
        bar.clone(),
        bar,
        Line::from(Span::styled(you, t.good)),
        Line::from(Span::styled(axis, t.dim)),
        Line::from(legend),
    ]
}

/// The path view's lines at `width`.
pub fn lines(s: &Shared, width: usize) -> Vec<Line<'static>> {
    let t = s.theme;
    let model = s.model;
    let Some(p) = &model.path else {
        return Vec::new();
    };
    let engines = &model.cat.engines;
    let wrap = |text: &str, indent: &str| super::wrap(text, width, indent, indent);
    let mut out = vec![
        Line::from(Span::styled(
            format!(
                "Your top pick as you grow, {} to {} a month",
                units::volume(p.from),
                units::volume(p.to)
            ),
            t.title,
        )),
        Line::raw(""),
    ];
    if p.weights_zero {
        out.push(Line::from(Span::styled(
            "Every weight that counts is 0, so nothing is ranked at any volume; raise a weight.",
            t.warn,
        )));
        return out;
    }
    out.extend(strip(s, p, width.saturating_sub(2).max(10)));
    out.push(Line::raw(""));
    let growth = words::growth_source(&model.profile, None);
    let growth_field = mtafit_render::profile::words(FieldId::Growth).label;
    // Where to set a growth, in the explorer's terms: the command line's are for the command
    // line.
    let outlook = match growth {
        None => format!(
            "no growth recorded: press p and type it in the {growth_field} field (6% or -2%), \
             or measure two months or more of your logs from that form"
        ),
        Some(_) => words::outlook(p, engines, model.profile.monthly_volume, growth),
    };
    for l in wrap(&format!("As you grow: {outlook}."), "") {
        out.push(Line::from(Span::styled(l, t.good)));
    }
    out.push(Line::raw(""));
    out.push(Line::from(Span::styled("Stretches", t.title)));
    let yours = p
        .stretches
        .iter()
        .position(|st| (st.from..=st.to).contains(&model.profile.monthly_volume));
    for (k, st) in p.stretches.iter().enumerate() {
        let next: Vec<&str> = st.next.iter().map(|i| engines[*i].name.as_str()).collect();
        let pick = words::pick_words(engines, st);
        let row = format!(
            "{} – {}: {}{} · the walk: {}",
            units::volume(st.from),
            units::volume(st.to),
            pick,
            if next.is_empty() {
                String::new()
            } else {
                format!(" (then {})", next.join(", "))
            },
            words::walk_words(engines, st)
        );
        let style = if yours == Some(k) { t.good } else { t.text };
        let mark = if yours == Some(k) { "▶ " } else { "  " };
        for l in super::wrap(&row, width, mark, "    ") {
            out.push(Line::from(Span::styled(l, style)));
        }
    }
    let changes = words::change_lines(p);
    if !changes.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::from(Span::styled(
            "Where the top pick changes",
            t.title,
        )));
        for c in &changes {
            for l in wrap(&words::change(engines, c), "  ") {
                out.push(Line::from(Span::styled(l, t.text)));
            }
        }
    }
    out.push(Line::raw(""));
    for l in wrap(
        &format!(
            "Each volume is ranked as the Compare view ranks it with that volume in the profile, \
             and each change is exact to the message. The growth is the profile's: p, then the \
             {growth_field} field, sets it."
        ),
        "",
    ) {
        out.push(Line::from(Span::styled(l, t.dim)));
    }
    out
}

/// Draw the path view.
pub fn draw(s: &Shared, scroll: &Scroll, frame: &mut Frame, area: Rect) {
    super::text_view(s, frame, area, "Path", |w| lines(s, w), scroll);
}
