//! `update`: every state change of the explorer starts here, with no I/O.
//!
//! An action goes to whoever has the keys — the query being typed, the open popup, or the view
//! shown (in the compare view, the focused pane) — and each component changes its own state and
//! returns [`Ask`]s for the rest, which [`carry`] carries out in order. What is left here is what
//! belongs to no single component: quitting, opening popups, switching views and the mouse.
//! Work that touches the outside world (writing a file, the clipboard) is returned as an
//! [`Effect`] for the event loop to carry out.

use super::action::{Action, View};
use super::app::App;
use super::ask::Ask;
pub use super::effect::Effect;
use super::form::ProfileForm;
use super::history::Step;
use super::layout;
use super::measuring::{MeasureResult, Measuring};
use super::popup::save_as::SaveAs;
use super::popup::{self, Popup};
use super::scroll::Scroll;
use super::status::Tone;

/// The most characters a paste may put into a text field: a search or a form's field is a line,
/// not a document.
pub const PASTE_FIELD_MAX: usize = 1000;

/// Take a bracketed paste as one event: into the search or a form's text field as typed text,
/// without its line breaks and control characters (a pasted newline must not confirm); anywhere
/// else, or too long for a field, it is refused with a message.
pub fn paste(app: &mut App, text: &str) {
    let field = app.search.typing || app.popup.as_ref().is_some_and(Popup::in_text_field);
    app.status.clear();
    if !field {
        app.status.say(
            "nothing pasted: a paste goes only into the search (/) or a text field",
            Tone::Warn,
        );
        return;
    }
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    let kept = clean.chars().count();
    if kept > PASTE_FIELD_MAX {
        app.status.say(
            format!(
                "nothing pasted: {kept} characters is more than a text field takes \
                 ({PASTE_FIELD_MAX} at most)"
            ),
            Tone::Warn,
        );
        return;
    }
    for c in clean.chars() {
        update(app, Action::Input(c));
    }
    let left_out = text.chars().count() - kept;
    if left_out > 0 {
        app.status.say(
            format!(
                "pasted {kept} characters; left out {left_out} line breaks and control characters"
            ),
            Tone::Info,
        );
    }
}

/// Apply one action.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    // A message lasts until the next key or click, then the key hints come back.
    if !matches!(
        action,
        Action::Resize(..) | Action::Drag(..) | Action::Release
    ) {
        app.status.clear();
    }
    // A drag of a slider is one change to undo; anything else ends it.
    if !matches!(action, Action::Drag(..)) {
        app.history.end_gesture();
    }
    match action {
        // The next draw measures every area again and keeps the selection in view.
        Action::Resize(w, h) => {
            app.screen.size = (w, h);
            return None;
        }
        // A fresh session, or one on a profile, leaves the saved state alone; with changes,
        // quitting asks first, and quitting again from the question quits without saving. Over a
        // saved state that could not be read there is nothing to ask: it is never saved over.
        Action::Quit
            if app.session.asks_before_saving()
                && !app.session.keep_saved_state
                && app.changed()
                && !matches!(app.popup, Some(Popup::SaveOnQuit)) =>
        {
            app.popup = Some(Popup::SaveOnQuit);
            return None;
        }
        Action::Quit => {
            app.session.quit = true;
            return None;
        }
        // Ctrl-C never waits on a question: a session that would ask ends without saving (the
        // saved state is left as it was) and says so once the terminal is restored.
        Action::Interrupt => {
            app.session.interrupted_unsaved = app.session.asks_before_saving()
                && !app.session.keep_saved_state
                && !app.session.save_on_quit
                && app.changed();
            app.session.quit = true;
            return None;
        }
        Action::Release => {
            app.compare.sliders.dragging = None;
            return None;
        }
        _ => {}
    }
    if app.search.typing {
        let asks = app.search.update(action, &app.model.cat.engines);
        return carry(app, asks);
    }
    if let Some(open) = app.popup.as_mut() {
        let asks = open.update(action, &app.model, app.measuring.as_ref());
        return carry(app, asks);
    }
    match action {
        Action::Help => app.popup = Some(Popup::Help(Scroll::default())),
        Action::Problems => app.popup = Some(Popup::Problems(Scroll::default())),
        Action::EditProfile => {
            let mut form = ProfileForm::new(&app.model.profile);
            form.profiles = app.session.saved_profiles.clone();
            app.popup = Some(Popup::Profile(Box::new(form)))
        }
        Action::SaveProfileAs => {
            app.popup = Some(Popup::SaveAs(Box::new(SaveAs::new(
                app.session.state_dir.clone(),
            ))))
        }
        Action::Undo => undo(app),
        Action::ResetProfile => reset_profile(app),
        Action::Compare if app.marks.len() < 2 => app.status.say(
            "mark at least two engines with Space to compare them side by side",
            Tone::Warn,
        ),
        Action::Compare => app.popup = Some(Popup::SideBySide(Scroll::default())),
        // The lists are empty when the search matches nothing: no engine is shown to open.
        Action::Open if app.search.matches_nothing() => app
            .status
            .say("no engine matches the search; Esc clears it", Tone::Warn),
        Action::Open => app.popup = Some(Popup::Engine(app.compare.selected, Scroll::default())),
        Action::Search => {
            let asks = app.search.start(&app.model.cat.engines);
            carry(app, asks);
        }
        Action::Show(v) => show(app, v),
        Action::CycleTheme => {
            let asks = app.screen.cycle_theme();
            if let Some(effect) = carry(app, asks) {
                return Some(effect);
            }
        }
        Action::ResetWeights => {
            if app.model.weights == app.compare.sliders.defaults {
                app.status
                    .say("the weights are already at their defaults", Tone::Info);
            } else {
                app.history.record(app.decision("the weights' reset"), None);
                app.model.weights = app.compare.sliders.defaults;
                app.refresh();
                app.status
                    .say("weights reset to their defaults · u undoes", Tone::Info);
            }
        }
        Action::Back => {
            let asks = app.search.clear(&app.model.cat.engines);
            carry(app, asks);
        }
        Action::Export | Action::CopyMarkdown => return super::export::start(app, action),
        Action::Click(x, y) => click(app, x, y),
        Action::Drag(x, _) => {
            let a = layout::areas(app.screen.area(), app.views.current);
            let asks = app.compare.sliders.drag(x, a.weights, &app.model);
            carry(app, asks);
        }
        Action::Wheel(x, y, down) => wheel(app, x, y, down),
        _ => match app.views.current {
            View::Compare => {
                let asks = app.compare.update(action, &app.model, &app.search);
                carry(app, asks);
            }
            View::Cost | View::Walk | View::Path => app.views.update(action),
        },
    }
    if !matches!(action, Action::Drag(..) | Action::Click(..)) {
        app.compare.sliders.dragging = None;
    }
    None
}

/// Carry out what a component asked for, in order; the effect for the event loop, if any.
fn carry(app: &mut App, asks: Vec<Ask>) -> Option<Effect> {
    let mut effect = None;
    for ask in asks {
        match ask {
            Ask::Say(text, tone) => app.status.say(text, tone),
            Ask::Weight(f, v) => {
                if app.model.weights.get(f) != v {
                    let gesture = app.compare.sliders.dragging;
                    app.history
                        .record(app.decision("a weight's change"), gesture);
                }
                app.model.weights.set(f, v);
                app.refresh();
            }
            Ask::Checkpoint(before) => {
                let step = Step {
                    profile: *before,
                    weights: app.model.weights,
                    what: "the profile's edit",
                };
                app.history.record(step, None);
            }
            Ask::Profile(p) => {
                app.model.profile = *p;
                app.refresh();
            }
            Ask::Filter => {
                app.compare.rebuild(&app.model, &app.search);
                if app.views.current == View::Cost {
                    app.refresh_view();
                }
            }
            Ask::Select(engine) => app.compare.selected = engine,
            Ask::Mark(engine) => {
                let said = app.marks.toggle(&app.model.engine(engine).id);
                app.status.say(said, Tone::Info);
                if app.views.current == View::Cost {
                    app.refresh_view();
                }
            }
            Ask::Close => app.popup = None,
            Ask::Measure(path) => {
                app.measuring = Some(Measuring::new(path));
                effect = Some(Effect::Measure);
            }
            Ask::StopMeasuring => {
                if let Some(m) = app.measuring.take() {
                    m.stop();
                }
            }
            Ask::SaveAndQuit => {
                app.session.save_on_quit = true;
                app.session.quit = true;
            }
            Ask::Effect(e) => effect = Some(e),
        }
    }
    effect
}

/// `u`: put back the profile and weights as they were before the last change.
fn undo(app: &mut App) {
    match app.history.undo() {
        Some(step) => {
            app.restore(step.profile, step.weights);
            let left = match app.history.len() {
                0 => "nothing more to undo".to_owned(),
                n => format!("{n} more to undo"),
            };
            app.status
                .say(format!("undid {} · {left}", step.what), Tone::Info);
        }
        None => app.status.say(
            "nothing to undo: no profile or weight has changed in this session",
            Tone::Info,
        ),
    }
}

/// `R`: the profile and weights as this session started (the saved session, the `--profile`
/// or the defaults, with the command line's options), as one change `u` undoes.
fn reset_profile(app: &mut App) {
    let Some((profile, weights)) = app.history.start().cloned() else {
        return;
    };
    if profile == app.model.profile && weights == app.model.weights {
        app.status.say(
            "the profile and weights are already as this session started",
            Tone::Info,
        );
        return;
    }
    app.history.record(app.decision("the reset"), None);
    app.restore(profile, weights);
    app.status.say(
        "profile and weights back to how this session started · u undoes",
        Tone::Info,
    );
}

/// A background measurement ended: its volume goes into the profile editor.
pub fn measured(app: &mut App, result: MeasureResult) {
    let Some(job) = app.measuring.take() else {
        return; // stopped meanwhile
    };
    let form = match app.popup.as_mut() {
        Some(Popup::Profile(form)) => Some(&mut **form),
        _ => None,
    };
    let asks = popup::profile::measured(form, &job.name(), result, &app.model);
    carry(app, asks);
}

/// Show a view, with what only it computes.
fn show(app: &mut App, view: View) {
    app.views.current = view;
    app.refresh_view();
}

/// A click: a header tab shows its view; in the compare view, the pane under it takes it.
fn click(app: &mut App, x: u16, y: u16) {
    let a = layout::areas(app.screen.area(), app.views.current);
    if layout::contains(a.header, x, y) {
        if let Some((v, _, _)) = layout::view_tabs(a.header)
            .into_iter()
            .find(|(_, s, e)| x >= *s && x < *e)
        {
            show(app, v);
        }
        return;
    }
    if app.views.current != View::Compare {
        return;
    }
    let asks = app.compare.click(x, y, &a, &app.model);
    carry(app, asks);
}

/// The wheel scrolls what is under it.
fn wheel(app: &mut App, x: u16, y: u16, down: bool) {
    match app.views.current {
        View::Compare => {
            let a = layout::areas(app.screen.area(), View::Compare);
            app.compare.wheel(x, y, down, &a);
        }
        View::Cost | View::Walk | View::Path => app.views.update(Action::Wheel(x, y, down)),
    }
}
