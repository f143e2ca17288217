//! Popups: the marked engines side by side, catalogue problems, the save question, the profile
//! editor and the export dialog.

use super::{Shared, popup_area, popup_frame};
use crate::tui::form::{Kind, PickFrom, ProfileForm};
use crate::tui::measuring::Measuring;
use crate::tui::model::Model;
use crate::tui::popup::dialog::Dialog;
use crate::tui::popup::save_as::SaveAs;
use crate::tui::scroll::Scroll;
use crate::tui::session::Session;
use mtafit_model::catalogue::Capability;
use mtafit_model::catalogue::FactorId;
use mtafit_model::text;
use mtafit_model::units;
use mtafit_render::sentence;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

/// The side-by-side table: (row label, one value per engine).
pub fn side_by_side_rows(model: &Model, engines: &[usize]) -> Vec<(String, Vec<String>)> {
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    let mut add = |label: &str, f: &dyn Fn(usize) -> String| {
        rows.push((label.to_owned(), engines.iter().map(|i| f(*i)).collect()));
    };
    let cat = &model.cat;
    add("rank", &|i| {
        if model.row(i).is_out() {
            "out".into()
        } else {
            model.rank_of(i).to_string()
        }
    });
    add("score", &|i| format!("{:.1}", model.row(i).score));
    add("standing", &|i| {
        let r = model.row(i);
        sentence::out(r)
            .map(|why| format!("out: {why}"))
            .or_else(|| r.caveats.first().map(sentence::caveat))
            .unwrap_or_else(|| "a candidate".into())
    });
    add("cost/yr", &|i| {
        let cost = &model.row(i).cost;
        format!(
            "{}{}",
            units::usd(cost.total()),
            if cost.is_estimate() {
                "* (estimated)"
            } else {
                ""
            }
        )
    });
    add("kind", &|i| cat.engines[i].kind.to_string());
    add("role", &|i| cat.engines[i].role().describe().to_owned());
    add("licence", &|i| cat.engines[i].licence_label());
    add("vendor", &|i| cat.engines[i].vendor.clone());
    add("language", &|i| cat.engines[i].language.clone());
    add("first release", &|i| {
        let e = &cat.engines[i];
        format!(
            "{}{}",
            e.first_release,
            sentence::basis_tag(&e.first_release_basis)
        )
    });
    add("status", &|i| cat.engines[i].status.to_string());
    add("config", &|i| cat.engines[i].config.describe());
    add("volume band", &|i| {
        let v = &cat.engines[i].volume;
        format!(
            "{}{}",
            units::band(v.min_per_month, v.max_per_month),
            sentence::basis_tag(&v.band_basis)
        )
    });
    add("documented up to", &|i| {
        let v = &cat.engines[i].volume;
        format!(
            "{}/mo{}",
            units::volume(v.proven_max()),
            sentence::basis_tag(&v.proven_basis)
        )
    });
    add("events kept", &|i| {
        let e = &cat.engines[i];
        e.event_retention_days.map_or("—".into(), |d| {
            format!("{d} days{}", sentence::basis_tag(&e.event_retention_basis))
        })
    });
    for f in FactorId::ALL {
        add(&format!("fit: {}", f.name().to_lowercase()), &|i| {
            if model.analysis.ranking.asked[f] {
                format!("{:.2}", model.row(i).fits[f])
            } else {
                "· (not asked)".into()
            }
        });
    }
    for c in Capability::ALL {
        add(c.label(), &|i| {
            let e = &cat.engines[i];
            match e.add_on(c) {
                Some(how) => format!("add-on via {how}"),
                None => e.capability(c).to_string(),
            }
        });
    }
    rows
}

/// Draw the side-by-side comparison of the marked engines.
pub fn side_by_side(s: &Shared, frame: &mut Frame, area: Rect, scroll: &Scroll) {
    let t = &s.theme;
    let engines = s.marks.marked(s.model);
    let rows = side_by_side_rows(s.model, &engines);
    let r = popup_area(
        area,
        area.width.saturating_sub(4),
        area.height.saturating_sub(2),
    );
    let inner = popup_frame(
        s,
        frame,
        r,
        "Side by side",
        "differences highlighted · ↑↓ scroll · Esc close",
    );
    let label_w = 22usize;
    // The engines share the popup's width: long values (a standing's reason, a licence) are
    // cut only when the popup has no more room.
    let col_w = ((usize::from(inner.width).saturating_sub(label_w)) / engines.len().max(1)).max(6);
    let mut header = vec![Span::styled(text::fit_left("", label_w), t.title)];
    for i in &engines {
        header.push(Span::styled(
            text::fit_left(&s.model.engine(*i).name, col_w),
            t.title,
        ));
    }
    frame.render_widget(
        Line::from(header),
        Rect::new(inner.x, inner.y, inner.width, 1),
    );
    let body_h = usize::from(inner.height.saturating_sub(1));
    let top = scroll.show_text(rows.len(), body_h);
    for (n, (label, values)) in rows.iter().skip(top).take(body_h).enumerate() {
        let differ = values.iter().any(|v| v != &values[0]);
        let style = if differ { t.differ } else { t.text };
        let mut spans = vec![Span::styled(
            text::fit_left(
                &format!("{}{label}", if differ { "≠ " } else { "  " }),
                label_w,
            ),
            if differ { t.differ } else { t.dim },
        )];
        for v in values {
            // A space between columns, always: cut text must not run into its neighbour.
            let cell = text::fit_left(v, col_w.saturating_sub(1)) + " ";
            spans.push(Span::styled(cell, style));
        }
        frame.render_widget(
            Line::from(spans),
            Rect::new(inner.x, inner.y + 1 + n as u16, inner.width, 1),
        );
    }
}

/// The catalogue problems popup's lines.
pub fn problem_lines(s: &Shared) -> Vec<Line<'static>> {
    let t = &s.theme;
    let mut lines: Vec<Line> = Vec::new();
    if s.model.cat.diagnostics.is_empty() {
        lines.push(Line::from(Span::styled(
            "No problems: every catalogue file loaded cleanly.",
            t.good,
        )));
    }
    for d in &s.model.cat.diagnostics {
        let style = match d.severity {
            mtafit_model::ronfile::Severity::Error => t.error,
            mtafit_model::ronfile::Severity::Warning => t.warn,
            mtafit_model::ronfile::Severity::Note => t.dim,
        };
        // Wrapped to the popup (at most 100 wide, less its border): nothing is cut.
        let width = usize::from(s.size.0.saturating_sub(2).min(100))
            .saturating_sub(2)
            .max(20);
        for (n, l) in d.render(false).lines().enumerate() {
            for piece in textwrap::wrap(l, width) {
                lines.push(Line::from(Span::styled(
                    piece.into_owned(),
                    if n == 0 { style } else { t.text },
                )));
            }
        }
        lines.push(Line::raw(""));
    }
    lines
}

/// Draw the list of catalogue problems.
pub fn problems(s: &Shared, frame: &mut Frame, area: Rect, scroll: &Scroll) {
    let lines = problem_lines(s);
    let r = popup_area(area, 100, lines.len() as u16 + 2);
    let inner = popup_frame(
        s,
        frame,
        r,
        "Catalogue problems",
        "run `mtafit check` for the same list · Esc close",
    );
    super::scrolled(frame, inner, lines, scroll);
}

/// Draw the question a fresh session, or one on a profile, asks before quitting with changes.
pub fn save_on_quit(s: &Shared, frame: &mut Frame, area: Rect, session: &Session) {
    let t = &s.theme;
    let path = crate::tui::persist::state_file()
        .map(|p| text::sanitize(&p.display().to_string()).into_owned())
        .unwrap_or_else(|| "(no state folder on this system)".into());
    let started = if session.fresh {
        "started fresh (--fresh)"
    } else {
        "started on a profile (--profile)"
    };
    let body = format!(
        "This session {started}, so your saved profile and weights were left alone. Save this session's profile, weights and marks for next time, replacing them in {path}? (Esc, then P, saves them under a name of their own instead.)"
    );
    let width = 70u16.min(area.width.saturating_sub(2));
    let lines = textwrap::wrap(&body, usize::from(width.saturating_sub(2)).max(10));
    let r = popup_area(area, width, lines.len() as u16 + 4);
    let inner = popup_frame(
        s,
        frame,
        r,
        "Save before quitting?",
        "y save and quit · n quit without saving · Esc stay",
    );
    for (n, l) in lines.iter().enumerate() {
        let y = inner.y + n as u16;
        if y >= inner.bottom() {
            break;
        }
        frame.render_widget(
            Span::styled(l.to_string(), t.text),
            Rect::new(inner.x, y, inner.width, 1),
        );
    }
}

/// The profile editor's keys, in its footer and the status line alike.
pub fn profile_keys(form: &ProfileForm) -> &'static str {
    let loading = form.current().kind == Kind::Pick(PickFrom::Profiles);
    match &form.picker {
        Some(_) if loading => "type to filter · ↑↓ move · Enter loads · Esc back",
        Some(_) => "type to filter · Space ticks · ↑↓ move · Enter done · Esc back",
        None => "↑↓ field · ←→ change · type to edit · Enter apply · Esc cancel",
    }
}

/// The save-as popup's keys, in its footer and the status line alike.
pub const SAVE_AS_KEYS: &str = "type a name · Enter save · Esc cancel";

/// Draw the profile editor: the fields (scrolled to keep the focused one in view), then the
/// focused field's error or hint in full, the top pick now, and, when a pick field's list is
/// open, the list.
pub fn profile(
    s: &Shared,
    frame: &mut Frame,
    area: Rect,
    form: &ProfileForm,
    measuring: Option<&Measuring>,
) {
    let t = &s.theme;
    let r = popup_area(area, 90, form.fields.len() as u16 + 8);
    let loading = form.current().kind == Kind::Pick(PickFrom::Profiles);
    let inner = popup_frame(s, frame, r, "Profile", profile_keys(form));
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    if let Some(pk) = &form.picker {
        picker(s, frame, inner, form.current().label, pk, !loading);
        return;
    }
    let w = usize::from(inner.width);
    // What goes under the fields, in full: the focused field's error, else its hint.
    let f = form.current();
    let note = match (measuring, &f.error) {
        (Some(job), _) => vec![(progress(job, w.saturating_sub(2)), t.good)],
        (None, Some(err)) => textwrap::wrap(err, w.saturating_sub(2).max(10))
            .into_iter()
            .map(|l| (l.into_owned(), t.error))
            .collect(),
        (None, None) => textwrap::wrap(f.current_hint(), w.saturating_sub(2).max(10))
            .into_iter()
            .map(|l| (l.into_owned(), t.dim))
            .collect(),
    };
    let top_pick = s
        .model
        .analysis
        .ranking
        .top()
        .map_or("no top pick".to_owned(), |r| {
            format!(
                "top pick now: {} ({:.1})",
                s.model.engine(r.engine).name,
                r.score
            )
        });
    // The fields get what the note and the top pick leave; they scroll to keep the focus.
    let below = note.len() as u16 + 2;
    let rows = inner.height.saturating_sub(below).max(1);
    let first = (form.cursor + 1).saturating_sub(usize::from(rows));
    let label_w = 22usize.min(w / 2);
    let value_w = w.saturating_sub(label_w + 2).min(40);
    for (n, f) in form
        .fields
        .iter()
        .enumerate()
        .skip(first)
        .take(usize::from(rows))
    {
        let y = inner.y + (n - first) as u16;
        let focused = n == form.cursor;
        let mut spans = vec![
            Span::styled(if focused { "▶ " } else { "  " }, t.title),
            Span::styled(
                text::fit_left(f.label, label_w),
                if focused { t.title } else { t.text },
            ),
        ];
        let plain = if f.error.is_some() {
            t.error
        } else if focused {
            t.selected
        } else {
            t.text
        };
        match &f.kind {
            Kind::Text if focused => spans.extend(text_field(s, &f.input, f.selected, value_w)),
            Kind::Text => spans.push(Span::styled(text::fit_left(&f.value, value_w), plain)),
            Kind::Pick(PickFrom::Profiles) => spans.push(Span::styled(
                text::fit_left("Space lists saved and built-in profiles", value_w),
                if focused { t.selected } else { t.dim },
            )),
            Kind::Pick(_) if f.value.is_empty() => spans.push(Span::styled(
                text::fit_left("(none: Space picks)", value_w),
                if focused { t.selected } else { t.dim },
            )),
            Kind::Pick(_) => spans.push(Span::styled(text::fit_left(&f.value, value_w), plain)),
            _ => spans.push(Span::styled(
                text::fit_left(&format!("◀ {} ▶", f.value), value_w),
                plain,
            )),
        }
        if f.error.is_some() && !focused {
            spans.push(Span::styled(" ✘", t.error));
        }
        frame.render_widget(Line::from(spans), Rect::new(inner.x, y, inner.width, 1));
    }
    if first > 0 || first + usize::from(rows) < form.fields.len() {
        // Say that the form scrolls, in its top-right corner.
        let more = format!(
            " {}–{} of {} ",
            first + 1,
            (first + usize::from(rows)).min(form.fields.len()),
            form.fields.len()
        );
        let x = inner.right().saturating_sub(text::width(&more) as u16);
        frame.render_widget(
            Span::styled(more, t.dim),
            Rect::new(x, inner.y.saturating_sub(1), inner.right() - x, 1),
        );
    }
    let mut y = inner.y + rows + 1;
    for (line, style) in note {
        if y >= inner.bottom() {
            break;
        }
        frame.render_widget(
            Span::styled(line, style),
            Rect::new(inner.x + 2, y, inner.width.saturating_sub(2), 1),
        );
        y += 1;
    }
    if y < inner.bottom() {
        frame.render_widget(
            Span::styled(
                text::truncate(&top_pick, w.saturating_sub(2)).into_owned(),
                t.good,
            ),
            Rect::new(inner.x + 2, y, inner.width.saturating_sub(2), 1),
        );
    }
}

/// A focused text field: the part of its text around the cursor, the cursor as a reversed
/// cell, and the whole text highlighted while it is selected (typing replaces it).
fn text_field<'a>(
    s: &Shared,
    input: &tui_input::Input,
    selected: bool,
    width: usize,
) -> Vec<Span<'a>> {
    let t = &s.theme;
    let width = width.max(2);
    let value = input.value();
    if selected {
        return vec![
            Span::styled(
                text::truncate(value, width).into_owned(),
                t.selected.add_modifier(Modifier::REVERSED),
            ),
            Span::raw(" ".repeat(width.saturating_sub(text::width(value)))),
        ];
    }
    let scroll = input.visual_scroll(width.saturating_sub(1));
    let cursor = input.visual_cursor().saturating_sub(scroll);
    // Cells, not chars: tui-input counts display width, and so does the window.
    let mut before = String::new();
    let mut at = String::from(" ");
    let mut after = String::new();
    let mut col = 0usize;
    for ch in value.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if col + cw <= scroll {
            col += cw;
            continue;
        }
        let pos = col - scroll;
        if pos < cursor {
            before.push(ch);
        } else if pos == cursor && at == " " {
            at = ch.to_string();
        } else {
            after.push(ch);
        }
        col += cw;
    }
    let used = text::width(&before) + text::width(&at);
    let after = text::truncate(&after, width.saturating_sub(used)).into_owned();
    let pad = width.saturating_sub(used + text::width(&after));
    vec![
        Span::styled(before, t.selected),
        Span::styled(at, t.selected.add_modifier(Modifier::REVERSED)),
        Span::styled(after, t.selected),
        Span::raw(" ".repeat(pad)),
    ]
}

/// A pick field's list: the filter, then each matching option with a tick box (`ticks`; a
/// profile to load is picked, not ticked).
fn picker(
    s: &Shared,
    frame: &mut Frame,
    inner: Rect,
    label: &str,
    pk: &crate::tui::form::Picker,
    ticks: bool,
) {
    let t = &s.theme;
    let w = usize::from(inner.width);
    let head = format!("{label}: {}▏", pk.query.value());
    frame.render_widget(
        Span::styled(text::truncate(&head, w).into_owned(), t.title),
        Rect::new(inner.x, inner.y, inner.width, 1),
    );
    let rows = usize::from(inner.height.saturating_sub(2));
    if pk.shown.is_empty() {
        frame.render_widget(
            Span::styled("nothing matches; Backspace widens the filter", t.dim),
            Rect::new(inner.x, inner.y + 2, inner.width, 1),
        );
        return;
    }
    let first = (pk.cursor + 1).saturating_sub(rows);
    for (n, &i) in pk.shown.iter().enumerate().skip(first).take(rows) {
        let y = inner.y + 2 + (n - first) as u16;
        let (id, name) = &pk.options[i];
        // A profile to load is picked, not ticked.
        let tick = match (ticks, pk.is_chosen(i)) {
            (false, _) => "",
            (true, true) => "[x] ",
            (true, false) => "[ ] ",
        };
        let line = format!(
            "{} {tick}{id} — {name}",
            if n == pk.cursor { "▶" } else { " " }
        );
        let style = if n == pk.cursor { t.selected } else { t.text };
        frame.render_widget(
            Span::styled(text::truncate(&line, w).into_owned(), style),
            Rect::new(inner.x, y, inner.width, 1),
        );
    }
}

/// `measuring mail.log ━━━━━━──── 42% · 1.2 GiB of 2.9 GiB · Esc stops`, fitted to `width`.
pub fn progress(job: &Measuring, width: usize) -> String {
    use std::sync::atomic::Ordering;
    let done = job.meter.done.load(Ordering::Relaxed);
    let total = job.meter.total.load(Ordering::Relaxed);
    let name = job.name();
    let gib = |b: u64| {
        let b = b as f64;
        if b >= (1u64 << 30) as f64 {
            format!("{:.1} GiB", b / (1u64 << 30) as f64)
        } else {
            format!("{:.0} MiB", b / (1u64 << 20) as f64)
        }
    };
    let bar_w = 12;
    let (bar, amount) = if total > 0 {
        let frac = (done as f64 / total as f64).clamp(0.0, 1.0);
        let full = (frac * bar_w as f64).round() as usize;
        (
            format!(
                "{}{} {:>3.0}%",
                "━".repeat(full),
                "─".repeat(bar_w - full),
                frac * 100.0
            ),
            format!("{} of {}", gib(done), gib(total)),
        )
    } else {
        (String::new(), gib(done))
    };
    let line = format!(
        "measuring {} {bar} · {amount} · Esc stops",
        text::sanitize(&name)
    );
    text::truncate(&line, width).into_owned()
}

/// Draw the export dialog; a relative path is shown from `cwd`, where it will be written.
pub fn export(s: &Shared, frame: &mut Frame, area: Rect, d: &Dialog, cwd: &std::path::Path) {
    let t = &s.theme;
    let names: Vec<String> = d
        .ids
        .iter()
        .filter_map(|id| s.model.cat.engine(id).map(|e| e.name.clone()))
        .collect();
    let which = if d.marked {
        "marked"
    } else {
        "none marked: the top five"
    };
    let engines = format!("{} ({which})", names.join(", "));
    let full = text::sanitize(&cwd.join(d.target()).display().to_string()).into_owned();
    let note = if let Some(why) = &d.problem {
        why.clone()
    } else if d.confirm {
        format!("{full} exists: Enter again to replace it, Esc to cancel")
    } else {
        format!("Writes {full}. (Outside this dialog, y copies the Markdown.)")
    };
    // As wide as the text asks, within the screen; what is still longer wraps.
    let want = [text::width(&engines) + 13, text::width(&note) + 4, 76]
        .into_iter()
        .max()
        .unwrap_or(76);
    let width = (want as u16).min(area.width.saturating_sub(4)).max(20);
    let body = usize::from(width.saturating_sub(2));
    let wrap = |text: &str, w: usize| -> Vec<String> {
        textwrap::wrap(text, w.max(10))
            .into_iter()
            .map(|l| l.into_owned())
            .collect()
    };
    let engine_lines = wrap(&engines, body.saturating_sub(11));
    let note_lines = wrap(&note, body);
    let height = (engine_lines.len() + note_lines.len() + 6) as u16;
    let r = popup_area(area, width, height);
    let inner = popup_frame(
        s,
        frame,
        r,
        "Export the shortlist",
        "↑↓ field · ←→ format · type the path · Enter write · Esc cancel",
    );
    let w = usize::from(inner.width);
    let field = |n: usize, label: &str, value: String| {
        let focused = d.field == n;
        Line::from(vec![
            Span::styled(if focused { "▶ " } else { "  " }, t.title),
            Span::styled(
                text::fit_left(label, 9),
                if focused { t.title } else { t.text },
            ),
            Span::styled(
                text::tail(&value, w.saturating_sub(12)).into_owned(),
                if focused { t.selected } else { t.text },
            ),
        ])
    };
    let mut lines: Vec<Line> = engine_lines
        .into_iter()
        .enumerate()
        .map(|(k, l)| {
            Line::from(vec![
                Span::styled(
                    text::fit_left(if k == 0 { "  Engines" } else { "" }, 11),
                    t.text,
                ),
                Span::styled(l, t.text),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    let by_name = if d.path_edited && d.format_from_path() {
        "  (from the file name)"
    } else {
        ""
    };
    lines.push(field(
        0,
        "Format",
        format!("◀ {} ▶{by_name}", d.format.name()),
    ));
    if d.field == 1 {
        let mut spans = vec![
            Span::styled("▶ ", t.title),
            Span::styled(text::fit_left("File", 9), t.title),
        ];
        spans.extend(text_field(s, &d.input, false, w.saturating_sub(12)));
        lines.push(Line::from(spans));
    } else {
        lines.push(field(1, "File", d.path.clone()));
    }
    lines.push(Line::raw(""));
    let style = if d.problem.is_some() {
        t.error
    } else if d.confirm {
        t.warn
    } else {
        t.dim
    };
    lines_then_note(frame, inner, lines, note_lines, style);
}

/// Draw "Save profile as…": the name, and where it goes or why it cannot (a bad name, a profile
/// of that name already there).
pub fn save_as(s: &Shared, frame: &mut Frame, area: Rect, d: &SaveAs) {
    let t = &s.theme;
    let name = d.name();
    let (note, style) = match (crate::setup::check_profile_name(name), d.file()) {
        _ if name.is_empty() => (
            "Saves the profile, weights and marks under a name of their own, apart from the \
             session: load it again with p (Load a profile…) or --profile NAME."
                .to_owned(),
            t.dim,
        ),
        (Err(why), _) => (why, t.error),
        (Ok(()), None) => (
            "no state folder is known on this system; set XDG_STATE_HOME to save profiles".into(),
            t.error,
        ),
        (Ok(()), Some(file)) => {
            let full = text::sanitize(&file.display().to_string()).into_owned();
            if d.confirm {
                (
                    format!("{full} exists: Enter again replaces it, Esc keeps it"),
                    t.warn,
                )
            } else {
                (format!("Writes {full}."), t.dim)
            }
        }
    };
    let width = 76u16.min(area.width.saturating_sub(4)).max(20);
    let body = usize::from(width.saturating_sub(2));
    let note_lines: Vec<String> = textwrap::wrap(&note, body.max(10))
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
    let r = popup_area(area, width, note_lines.len() as u16 + 4);
    let inner = popup_frame(s, frame, r, "Save profile as", SAVE_AS_KEYS);
    let w = usize::from(inner.width);
    let mut spans = vec![
        Span::styled("▶ ", t.title),
        Span::styled(text::fit_left("Name", 7), t.title),
    ];
    spans.extend(text_field(s, &d.input, false, w.saturating_sub(10)));
    let lines = vec![Line::from(spans), Line::raw("")];
    lines_then_note(frame, inner, lines, note_lines, style);
}

/// Draw a popup's `lines`, then its wrapped `note` in `style`, cut at the popup's height.
fn lines_then_note(
    frame: &mut Frame,
    inner: Rect,
    mut lines: Vec<Line<'_>>,
    note: Vec<String>,
    style: ratatui::style::Style,
) {
    lines.extend(note.into_iter().map(|l| Line::from(Span::styled(l, style))));
    frame.render_widget(ratatui::widgets::Paragraph::new(lines), inner);
}
