//! `update`: every state change of the explorer, in one place, with no I/O.
//!
//! Work that touches the outside world (writing a file, the clipboard) is returned as an
//! [`Effect`] for the event loop to carry out.

use super::action::Action;
use super::app::{App, Column, Pane, Popup, Tone, View};
pub use super::effect::Effect;
use super::form::{ProfileForm, Setting};
use super::layout::{self, RankLine};
use super::scroll::Scroll;
use super::theme::Theme;
use mtafit_model::catalogue::FactorId;
use mtafit_model::decide::weights::MAX_WEIGHT;
use mtafit_model::profile::FieldId;
use ratatui::layout::Rect;

/// Apply one action.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    // A message lasts until the next key or click, then the key hints come back.
    if !matches!(
        action,
        Action::Resize(..) | Action::Drag(..) | Action::Release
    ) {
        app.status = None;
    }
    match action {
        // The next draw measures every area again and keeps the selection in view.
        Action::Resize(w, h) => {
            app.size = (w, h);
            return None;
        }
        // A fresh session leaves the saved state alone; with changes, quitting asks first, and
        // quitting again from the question quits without saving. Over a saved state that could
        // not be read there is nothing to ask: it is never saved over.
        Action::Quit
            if app.fresh
                && !app.keep_saved_state
                && app.changed()
                && !matches!(app.popup, Some(Popup::SaveOnQuit)) =>
        {
            app.popup = Some(Popup::SaveOnQuit);
            return None;
        }
        Action::Quit => {
            app.quit = true;
            return None;
        }
        Action::Release => {
            app.dragging = None;
            return None;
        }
        _ => {}
    }
    if app.search.typing {
        search_typing(app, action);
        return None;
    }
    if app.popup.is_some() {
        return popup(app, action);
    }
    match action {
        Action::Help => app.popup = Some(Popup::Help(Scroll::default())),
        Action::Problems => app.popup = Some(Popup::Problems(Scroll::default())),
        Action::EditProfile => {
            app.popup = Some(Popup::Profile(Box::new(ProfileForm::new(&app.profile))))
        }
        Action::Compare => {
            if app.marks.len() < 2 {
                app.say(
                    "mark at least two engines with Space to compare them side by side",
                    Tone::Warn,
                );
            } else {
                app.popup = Some(Popup::SideBySide(Scroll::default()));
            }
        }
        Action::Search => {
            app.search.typing = true;
            app.search.query.clear();
            app.refilter();
        }
        Action::Show(v) => {
            app.view = v;
            app.refresh_curves();
        }
        Action::CycleTheme if !app.color => {
            app.say(
                "colours are off (NO_COLOR or --no-color); the theme stays monochrome",
                Tone::Info,
            );
        }
        Action::CycleTheme => {
            let next = app.theme.name.next();
            app.theme = Theme::new(next);
            app.say(format!("theme: {}", next.name()), Tone::Info);
            return Some(Effect::RememberTheme(next));
        }
        Action::ResetWeights => {
            app.weights = app.default_weights;
            app.refresh();
            app.say("weights reset to their defaults", Tone::Info);
        }
        Action::Back => {
            if app.search.active() {
                app.search.query.clear();
                app.refilter();
                app.say("search cleared", Tone::Info);
            } else {
                app.status = None;
            }
        }
        Action::Export | Action::CopyMarkdown => return super::export::start(app, action),
        Action::Click(x, y) => click(app, x, y),
        Action::Drag(x, _) => drag(app, x),
        Action::Wheel(x, y, down) => wheel(app, x, y, down),
        _ => match app.view {
            View::Compare => pane(app, action),
            View::Cost => {}
            View::Walk => walk_view(app, action),
            View::Path => scroll_text(&app.scroll.path, action),
        },
    }
    if !matches!(action, Action::Drag(..) | Action::Click(..)) {
        app.dragging = None;
    }
    None
}

fn search_typing(app: &mut App, action: Action) {
    match action {
        Action::Input(c) => {
            app.search.query.push(c);
            app.refilter();
            if let Some(best) = app.search.hits.first() {
                app.selected = best.engine;
            }
        }
        Action::Backspace => {
            app.search.query.pop();
            app.refilter();
        }
        Action::Confirm => {
            app.search.typing = false;
            let n = app.search.hits.len();
            if app.search.active() {
                app.say(
                    format!(
                        "{n} match{}; n/N to step through them, Esc to clear",
                        if n == 1 { "" } else { "es" }
                    ),
                    Tone::Info,
                );
            }
        }
        Action::Back => {
            app.search.typing = false;
            app.search.query.clear();
            app.refilter();
        }
        _ => {}
    }
}

fn popup(app: &mut App, action: Action) -> Option<Effect> {
    let p = app.popup.as_mut()?;
    if let Some(scroll) = p.scroll() {
        if matches!(action, Action::Back | Action::Confirm) {
            app.popup = None;
        } else {
            scroll_text(scroll, action);
        }
        return None;
    }
    match p {
        Popup::Help(_) | Popup::SideBySide(_) | Popup::Problems(_) => {}
        Popup::SaveOnQuit => match action {
            Action::Confirm => {
                app.save_on_quit = true;
                app.quit = true;
            }
            Action::Back => app.popup = None,
            _ => {}
        },
        Popup::Export(_) => return super::export::handle(app, action),
        Popup::Profile(form) if form.picker.is_some() => {
            let pk = form.picker.as_mut()?;
            match action {
                Action::Up => pk.cursor = pk.cursor.saturating_sub(1),
                Action::Down => pk.cursor = (pk.cursor + 1).min(pk.shown.len().saturating_sub(1)),
                Action::Top => pk.cursor = 0,
                Action::Bottom => pk.cursor = pk.shown.len().saturating_sub(1),
                Action::Input(' ') => pk.toggle(),
                Action::Input(c) => {
                    pk.query.handle(tui_input::InputRequest::InsertChar(c));
                    pk.filter();
                }
                Action::Backspace => {
                    pk.query.handle(tui_input::InputRequest::DeletePrevChar);
                    pk.filter();
                }
                Action::Confirm => form.close_picker(false),
                Action::Back => form.close_picker(true),
                _ => return None,
            }
            preview(app);
        }
        Popup::Profile(form) => {
            let pick = matches!(form.current().kind, super::form::Kind::Pick(_));
            match action {
                // A pick field opens its list: Space or →, or typing, which starts the filter.
                Action::Right | Action::Input(_) if pick => {
                    let typed = match action {
                        Action::Input(c) => Some(c),
                        _ => None,
                    };
                    form.open_picker(&app.cat, typed);
                }
                Action::Up | Action::FocusPrev => form.move_by(-1),
                Action::Down | Action::FocusNext => form.move_by(1),
                Action::Left => form.cycle(false),
                Action::Right => form.cycle(true),
                Action::Input(c) => form.input(c),
                Action::Backspace => form.backspace(),
                Action::Edit(req) => form.edit(req),
                Action::Back if app.measuring.is_some() => {
                    stop_measuring(app);
                    app.say("measuring stopped; Esc again cancels the edit", Tone::Info);
                    return None;
                }
                Action::Confirm if form.current().setting == Setting::LogPath => {
                    let path = form.current().value.trim().to_owned();
                    return start_measuring(app, path);
                }
                Action::Back => {
                    app.profile = form.original.clone();
                    app.popup = None;
                    app.refresh();
                    app.say("profile edit cancelled", Tone::Info);
                    return None;
                }
                Action::Confirm => {
                    return match form.profile(&app.cat) {
                        Some(p) => {
                            app.profile = p;
                            app.popup = None;
                            app.refresh();
                            if app.measuring.is_some() {
                                stop_measuring(app);
                                app.say("profile applied; the measurement was stopped", Tone::Info);
                            } else {
                                app.say("profile applied", Tone::Info);
                            }
                            None
                        }
                        None => {
                            app.say(
                                "fix the highlighted field first, or Esc to cancel",
                                Tone::Error,
                            );
                            None
                        }
                    };
                }
                _ => return None,
            }
            preview(app);
        }
    }
    None
}

/// Preview: a valid form re-ranks as you type; an invalid one keeps the last valid.
fn preview(app: &mut App) {
    if let Some(Popup::Profile(form)) = app.popup.as_mut()
        && let Some(p) = form.profile(&app.cat)
        && p != app.profile
    {
        app.profile = p;
        app.refresh();
    }
}

fn stop_measuring(app: &mut App) {
    if let Some(m) = app.measuring.take() {
        m.meter
            .cancel
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

fn start_measuring(app: &mut App, path: String) -> Option<Effect> {
    if path.is_empty() {
        app.say("type the path of a mail log first", Tone::Error);
        return None;
    }
    if let Some(m) = &app.measuring {
        let busy = format!("already measuring {}; Esc stops it", m.name());
        app.say(busy, Tone::Error);
        return None;
    }
    // `~/` as a shell would read it: people type paths here the way they do at a prompt.
    let path = match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest),
        _ => std::path::PathBuf::from(path),
    };
    app.measuring = Some(super::app::Measuring::new(path));
    Some(Effect::Measure)
}

/// A background measurement ended: put its volume into the profile editor.
pub fn measured(app: &mut App, result: super::app::MeasureResult) {
    let Some(job) = app.measuring.take() else {
        return; // stopped meanwhile
    };
    let m = match result {
        Ok(m) => m,
        Err(e) => {
            app.say(e.to_string(), Tone::Error);
            return;
        }
    };
    let r = &m.report;
    let name = job.name();
    if r.monthly_volume == 0 {
        app.say(
            format!("{name}: no deliveries found; the volume is unchanged"),
            Tone::Error,
        );
        return;
    }
    let Some(Popup::Profile(form)) = app.popup.as_mut() else {
        return;
    };
    if let Some(f) = form.field_mut(Setting::Field(FieldId::MonthlyVolume)) {
        f.set(r.monthly_volume.to_string());
    }
    // A growth the log shows replaces the field's; one it cannot show leaves it as it was.
    if let mtafit_measure::growth::Trend::Estimated { per_month, months } = r.growth {
        let g = mtafit_model::profile::Growth { per_month, months };
        form.measured_growth = Some(g);
        if let Some(f) = form.field_mut(Setting::Field(FieldId::Growth)) {
            f.set(crate::tui::form::growth_text(Some(g)));
        }
    }
    if let Some(p) = form.profile(&app.cat)
        && p != app.profile
    {
        app.profile = p;
        app.refresh();
    }
    app.say(
        format!(
            "{name}: {}/month ({} sent over {:.1} days, {}) · Enter applies",
            mtafit_model::units::volume(r.monthly_volume),
            mtafit_model::units::grouped(r.sent),
            r.days,
            mtafit_render::measure::formats(&r.formats)
        ),
        Tone::Info,
    );
}

/// The engines of a list pane, in its order.
fn list_rows(app: &App, pane: Pane) -> &[usize] {
    match pane {
        Pane::Table => &app.table_rows,
        _ => &app.ranking_rows,
    }
}

/// Move the selection in a list by `delta` rows, clamped.
fn move_selection(app: &mut App, pane: Pane, delta: isize) {
    let rows = list_rows(app, pane);
    if rows.is_empty() {
        return;
    }
    let at = rows.iter().position(|&i| i == app.selected).unwrap_or(0) as isize;
    let to = (at + delta).clamp(0, rows.len() as isize - 1) as usize;
    app.selected = rows[to];
    app.scroll.detail.to_top();
}

/// Move a text area's scroll for a movement key; other actions leave it alone.
fn scroll_text(scroll: &Scroll, action: Action) {
    let page = scroll.half_page() as isize;
    match action {
        Action::Up => scroll.scroll_by(-1),
        Action::Down => scroll.scroll_by(1),
        Action::Top => scroll.to_top(),
        Action::Bottom => scroll.to_bottom(),
        Action::HalfPageDown => scroll.scroll_by(page),
        Action::HalfPageUp => scroll.scroll_by(-page),
        Action::Wheel(_, _, down) => scroll.scroll_by(if down { 3 } else { -3 }),
        _ => {}
    }
}

fn set_weight(app: &mut App, f: FactorId, v: f64) {
    app.weights.set(f, v);
    app.refresh();
}

fn pane(app: &mut App, action: Action) {
    let focus = app.focus;
    let half = match focus {
        Pane::Table => app.scroll.table.half_page(),
        _ => app.scroll.ranking.half_page(),
    } as isize;
    match (focus, action) {
        (_, Action::FocusNext) | (_, Action::FocusPrev) => {
            let i = Pane::ALL.iter().position(|p| *p == focus).unwrap_or(0) as isize;
            let d = if action == Action::FocusNext { 1 } else { -1 };
            app.focus = Pane::ALL[(i + d).rem_euclid(Pane::ALL.len() as isize) as usize];
        }
        (_, Action::FocusWeights) => app.focus = Pane::Weights,
        (Pane::Weights, Action::Up) => app.weight_cursor = app.weight_cursor.step(-1),
        (Pane::Weights, Action::Down) => app.weight_cursor = app.weight_cursor.step(1),
        (Pane::Weights, Action::Top) => app.weight_cursor = FactorId::Volume,
        (Pane::Weights, Action::Bottom) => app.weight_cursor = FactorId::LAST,
        (Pane::Weights, Action::Left | Action::Right) => {
            let f = app.weight_cursor;
            let step = if action == Action::Right { 1.0 } else { -1.0 };
            // Whole steps from wherever the slider is (a flip jump can leave it fractional).
            let w = app.weights.get(f);
            let next = if step > 0.0 {
                (w + 1.0).floor()
            } else {
                (w - 1.0).ceil()
            };
            set_weight(app, f, next.clamp(0.0, MAX_WEIGHT));
        }
        (Pane::Weights, Action::FlipUp | Action::FlipDown) => flip(app, action == Action::FlipUp),
        (
            Pane::Detail,
            Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::HalfPageDown
            | Action::HalfPageUp,
        ) => scroll_text(&app.scroll.detail, action),
        (Pane::Ranking | Pane::Table, Action::Up) => move_selection(app, focus, -1),
        (Pane::Ranking | Pane::Table, Action::Down) => move_selection(app, focus, 1),
        (Pane::Ranking | Pane::Table, Action::Top) => move_selection(app, focus, isize::MIN / 2),
        (Pane::Ranking | Pane::Table, Action::Bottom) => move_selection(app, focus, isize::MAX / 2),
        (Pane::Ranking | Pane::Table, Action::HalfPageDown) => move_selection(app, focus, half),
        (Pane::Ranking | Pane::Table, Action::HalfPageUp) => move_selection(app, focus, -half),
        (Pane::Table, Action::Left) => app.hscroll = app.hscroll.saturating_sub(1),
        (Pane::Table, Action::Right) => app.hscroll = (app.hscroll + 1).min(layout::max_hscroll()),
        (_, Action::SortNext) => {
            let i = Column::ALL
                .iter()
                .position(|c| *c == app.sort.column)
                .unwrap_or(0);
            sort_by(app, Column::ALL[(i + 1) % Column::ALL.len()], false);
        }
        (_, Action::SortReverse) => {
            app.sort.reversed = !app.sort.reversed;
            app.rebuild_rows();
        }
        (_, Action::Mark) if app.ranking_rows.is_empty() => {
            app.say("no engine matches the search; Esc clears it", Tone::Warn);
        }
        (_, Action::Mark) => {
            let id = app.cat.engines[app.selected].id.clone();
            if !app.marks.remove(&id) {
                app.marks.insert(id);
            }
            let n = app.marks.len();
            app.say(
                format!("{n} marked; c compares them, e exports them"),
                Tone::Info,
            );
        }
        (_, Action::NextMatch | Action::PrevMatch) => step_match(app, action == Action::NextMatch),
        _ => {}
    }
}

fn sort_by(app: &mut App, column: Column, reversed: bool) {
    app.sort.column = column;
    app.sort.reversed = reversed;
    app.rebuild_rows();
    // Bring the sorted column into view when the last draw did not show it whole: it becomes
    // the first column after the frozen names.
    let at = Column::ALL.iter().position(|c| *c == column).unwrap_or(0);
    let (first, last) = app.scroll.columns.get();
    if at > 0 && (at < first || at > last) {
        app.hscroll = (at - 1).min(layout::max_hscroll());
    }
    let dir = if column.best_first() {
        "best first"
    } else {
        "A→Z / low→high"
    };
    app.say(
        format!("sorted by {} ({dir}); S reverses", column.title()),
        Tone::Info,
    );
}

fn step_match(app: &mut App, forward: bool) {
    if app.search.hits.is_empty() {
        app.say("no search: press / to search", Tone::Warn);
        return;
    }
    // Matches in the order the focused list shows them, wrapping at either end.
    let rows: Vec<usize> = list_rows(app, app.focus)
        .iter()
        .copied()
        .filter(|i| app.search.hit(*i).is_some())
        .collect();
    let n = rows.len();
    if n == 0 {
        return;
    }
    let at = rows.iter().position(|&i| i == app.selected);
    let next = match (at, forward) {
        (Some(i), true) => (i + 1) % n,
        (Some(i), false) => (i + n - 1) % n,
        (None, _) => 0,
    };
    app.selected = rows[next];
    app.say(format!("match {} of {n}", next + 1), Tone::Info);
}

/// Jump the selected weight just past where the top pick changes.
fn flip(app: &mut App, up: bool) {
    let f = app.weight_cursor;
    let Some(range) = app
        .analysis
        .sensitivity
        .factors
        .iter()
        .find(|r| r.factor == f)
        .cloned()
    else {
        return;
    };
    let (target, who) = if up {
        (range.to + 0.05, range.above)
    } else {
        (range.from - 0.05, range.below)
    };
    match who {
        Some(e) => {
            // Round to a tenth past the edge, so the slider shows a readable number.
            let v = if up {
                (target * 10.0).ceil() / 10.0
            } else {
                (target * 10.0).floor() / 10.0
            };
            set_weight(app, f, v);
            let name = app.cat.engines[e].name.clone();
            app.say(
                format!(
                    "{} at {:.1}: {name} takes the top",
                    f.name(),
                    app.weights.get(f)
                ),
                Tone::Info,
            );
        }
        None => app.say(
            format!(
                "no engine takes the top by {} {}",
                if up { "raising" } else { "lowering" },
                f.name().to_lowercase()
            ),
            Tone::Info,
        ),
    }
}

fn walk_view(app: &mut App, action: Action) {
    scroll_text(&app.scroll.walk, action);
}

fn contains(r: Rect, x: u16, y: u16) -> bool {
    x >= r.x && x < r.right() && y >= r.y && y < r.bottom()
}

fn click(app: &mut App, x: u16, y: u16) {
    let a = layout::areas(Rect::new(0, 0, app.size.0, app.size.1), app);
    if contains(a.header, x, y) {
        if let Some((v, _, _)) = layout::view_tabs(a.header)
            .into_iter()
            .find(|(_, s, e)| x >= *s && x < *e)
        {
            app.view = v;
            app.refresh_curves();
        }
        return;
    }
    if app.view != View::Compare {
        return;
    }
    if contains(a.weights, x, y) {
        app.focus = Pane::Weights;
        for f in FactorId::ALL {
            if let Some(track) = layout::slider_track(a.weights, f) {
                let rows = layout::rows_per_slider(a.weights);
                if y >= track.y && y < track.y + rows {
                    app.weight_cursor = f;
                    if contains(track, x, track.y) {
                        app.dragging = Some(f);
                        set_weight(app, f, layout::weight_at(track, x));
                    }
                }
            }
        }
    } else if contains(a.ranking, x, y) {
        app.focus = Pane::Ranking;
        let inner = layout::inner(a.ranking);
        if y >= inner.y {
            let line = app.scroll.ranking.top() + usize::from(y - inner.y);
            if let Some(RankLine::Engine(i)) = layout::ranking_lines(app).get(line) {
                app.selected = *i;
                app.scroll.detail.to_top();
            }
        }
    } else if contains(a.table, x, y) {
        app.focus = Pane::Table;
        let inner = layout::inner(a.table);
        if y == inner.y {
            if let Some(c) = layout::table_column_at(app, inner, x) {
                let reversed = app.sort.column == c && !app.sort.reversed;
                sort_by(app, c, reversed);
            }
        } else if y > inner.y {
            let row = app.scroll.table.top() + usize::from(y - inner.y - 1);
            if let Some(&i) = app.table_rows.get(row) {
                app.selected = i;
                app.scroll.detail.to_top();
            }
        }
    } else if contains(a.detail, x, y) {
        app.focus = Pane::Detail;
    }
}

fn drag(app: &mut App, x: u16) {
    let Some(f) = app.dragging else { return };
    let a = layout::areas(Rect::new(0, 0, app.size.0, app.size.1), app);
    if let Some(track) = layout::slider_track(a.weights, f) {
        let v = layout::weight_at(track, x);
        if v != app.weights.get(f) {
            set_weight(app, f, v);
        }
    }
}

fn wheel(app: &mut App, x: u16, y: u16, down: bool) {
    let a = layout::areas(Rect::new(0, 0, app.size.0, app.size.1), app);
    let d = if down { 3 } else { -3 };
    match app.view {
        View::Walk => walk_view(app, Action::Wheel(x, y, down)),
        View::Path => scroll_text(&app.scroll.path, Action::Wheel(x, y, down)),
        View::Cost => {}
        View::Compare => {
            if contains(a.ranking, x, y) {
                move_selection(app, Pane::Ranking, d);
            } else if contains(a.table, x, y) {
                move_selection(app, Pane::Table, d);
            } else if contains(a.detail, x, y) {
                scroll_text(&app.scroll.detail, Action::Wheel(x, y, down));
            } else if contains(a.weights, x, y) {
                app.weight_cursor = app.weight_cursor.step(if down { 1 } else { -1 });
            }
        }
    }
}
