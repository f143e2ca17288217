//! The event loop: draw, wait for an event, turn it into an action, update, carry out effects.

use super::app::App;
use super::event::to_action;
use super::input::Reader;
use super::popup::Popup;
use super::status::Tone;
use super::terminal::{Guard, LastWords, StopSignal, exit_status, watchdog};
use super::update::{Effect, update};
use super::{persist, view};
use ratatui::crossterm::event::{Event, KeyEventKind};
use std::time::Duration;

/// How the explorer ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The user quit.
    Quit,
    /// A stop signal arrived (its number).
    Signal(i32),
    /// The user quit and the session could not be saved (the reason is on standard error).
    Unsaved,
}

impl Ended {
    /// The process's exit status: 0 after quitting, 1 when the save on quitting failed, 128 +
    /// the signal's number after a signal.
    pub fn exit_code(self) -> std::process::ExitCode {
        match self {
            Ended::Quit => std::process::ExitCode::SUCCESS,
            Ended::Unsaved => std::process::ExitCode::FAILURE,
            Ended::Signal(s) => std::process::ExitCode::from(exit_status(s)),
        }
    }
}

/// Run the explorer until the user quits, a signal arrives or the terminal fails; then save the
/// state.
pub fn run(mut app: App, mouse: bool) -> std::io::Result<Ended> {
    let stop = StopSignal::install();
    let last: LastWords = Default::default();
    watchdog(stop.clone(), mouse, last.clone());
    let (guard, mut term) = Guard::enter(mouse)?;
    let looped = event_loop(&mut app, &mut term, &stop, &last);
    if let Some(job) = &app.measuring {
        job.stop();
    }
    drop(guard);
    // The guard has shown the cursor. ratatui's Terminal would show it again on drop and, when
    // that fails (the terminal hung up), report it with `eprintln!`, which panics when standard
    // error is that same dead terminal: exit 101 instead of 129 after a hang-up.
    std::mem::forget(term);
    // A terminal that fails (it hung up) ends the session as quitting does: the work is saved
    // before the error is reported.
    let mut saved = true;
    if app.session.saves_on_quit() {
        saved = save(&app);
    } else if app.session.keep_saved_state && (!app.session.asks_before_saving() || app.changed()) {
        kept();
    } else if app.session.interrupted_unsaved {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "mtafit: ended with Ctrl-C: this session's changes were not saved and your saved \
             session is as it was (q asks before quitting; P saves a profile under a name)"
        );
    }
    // Keys typed while saving are not the shell's either.
    super::terminal::flush_input();
    match looped {
        Ok(()) => Ok(match stop.received() {
            Some(sig) => Ended::Signal(sig),
            None if saved => Ended::Quit,
            None => Ended::Unsaved,
        }),
        Err(e) => match hang_up_signal(&stop) {
            Some(sig) => Ok(Ended::Signal(sig)),
            None => Err(e),
        },
    }
}

/// Draw, read events and update until the user quits or a signal arrives; an error is the
/// terminal's.
fn event_loop(
    app: &mut App,
    term: &mut super::terminal::Term,
    stop: &StopSignal,
    last: &LastWords,
) -> std::io::Result<()> {
    // A signal saves what the loop last recorded: the session as it starts (the command line's
    // overrides with it, so a hang-up before the first key keeps them), then after each change.
    // A session that would not save on quitting records nothing.
    let record = |app: &App| {
        if app.session.saves_on_quit()
            && let Ok(mut g) = last.lock()
        {
            *g = Some(app.to_save());
        }
    };
    record(app);
    let size = term.size()?;
    update(app, super::action::Action::Resize(size.width, size.height));
    let mut dirty = true;
    let mut input = Reader::open()?;
    while !app.session.quit && stop.received().is_none() {
        if let Some(job) = &app.measuring {
            // Redraw the progress each turn; collect the result when the thread is done.
            dirty = true;
            if let Some(result) = job.take() {
                super::update::measured(app, result);
                record(app);
            }
        }
        if dirty {
            term.draw(|f| view::view(app, f))?;
            dirty = false;
        }
        // A timeout, so a signal is noticed even when no key is pressed.
        let events = input.read(Duration::from_millis(100))?;
        let dropped = input.take_dropped();
        // Ctrl-C goes first: whatever came before it in the same read (the rest of a long
        // paste) must not keep the explorer from ending.
        let first = events.iter().position(is_interrupt).unwrap_or(0);
        for ev in &events[first..] {
            if app.session.quit || stop.received().is_some() {
                break;
            }
            if let Event::Paste(text) = ev {
                super::update::paste(app, text);
                dirty = true;
                record(app);
                continue;
            }
            if let Some(action) = to_action(app, ev) {
                if let Some(effect) = update(app, action) {
                    carry_out(app, effect);
                }
                dirty = true;
                record(app);
            }
        }
        if dropped > 0 {
            app.status.say(
                format!(
                    "the paste was too long: kept the first {} KiB, dropped {dropped} bytes",
                    super::input::parse::PASTE_CAP / 1024
                ),
                Tone::Warn,
            );
            dirty = true;
        }
    }
    Ok(())
}

/// Whether an event is Ctrl-C, which always ends the explorer.
fn is_interrupt(ev: &Event) -> bool {
    matches!(ev, Event::Key(k) if k.kind != KeyEventKind::Release && super::keymap::is_interrupt(k))
}

/// The stop signal behind a terminal error, if one came: a terminal that hangs up fails reads
/// a moment before its SIGHUP is delivered, so wait for it: up to a second, since a loaded
/// machine can be slow to run the handler, and a signal that came ends the wait at once.
fn hang_up_signal(stop: &StopSignal) -> Option<i32> {
    for _ in 0..50 {
        if let Some(sig) = stop.received() {
            return Some(sig);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    stop.received()
}

/// Save profile, weights and marks for next time; false when that failed, which is reported
/// and ends the process with status 1, never with a panic. A fresh session, or one on a
/// profile, that chose to save says where the state went.
pub fn save(app: &App) -> bool {
    // The terminal may be gone (a hang-up): writing a message must not panic.
    use std::io::Write;
    match persist::save(&app.to_save()) {
        Ok(()) if app.session.asks_before_saving() => {
            if let Some(path) = persist::state_file() {
                let shown = mtafit_model::text::sanitize(&path.display().to_string()).into_owned();
                let _ = writeln!(
                    std::io::stderr(),
                    "mtafit: saved your profile and weights to {shown}"
                );
            }
            true
        }
        Ok(()) => true,
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "mtafit: could not save your profile and weights: {e}"
            );
            false
        }
    }
}

/// Say why nothing was saved when the saved state could not be read at start.
fn kept() {
    use std::io::Write;
    let path = persist::state_file().map_or_else(
        || "the saved state".to_owned(),
        |p| mtafit_model::text::sanitize(&p.display().to_string()).into_owned(),
    );
    let _ = writeln!(
        std::io::stderr(),
        "mtafit: did not save your profile and weights: {path} could not be read when the \
         explorer started, so it was left as it is; fix or move it to save again"
    );
}

/// Carry out an effect and report the result in the status line.
pub fn carry_out(app: &mut App, effect: Effect) {
    match effect {
        Effect::Export(req) => {
            let inputs = mtafit_render::Inputs {
                cat: &app.model.cat,
                profile: &app.model.profile,
            };
            let written = crate::export::write(
                &inputs,
                &app.model.analysis,
                &req.ids,
                req.format,
                &req.path,
                req.force,
            );
            match written {
                Ok(()) => {
                    if matches!(app.popup, Some(Popup::Export(_))) {
                        app.popup = None;
                    }
                    // The whole path: a relative one lands in the folder the explorer started in.
                    let full = app.session.cwd.join(&req.path);
                    let shown =
                        mtafit_model::text::sanitize(&full.display().to_string()).into_owned();
                    app.status.say(format!("wrote {shown}"), Tone::Info)
                }
                Err(e) => {
                    // The dialog stays open so the path can be fixed.
                    if let Some(Popup::Export(d)) = app.popup.as_mut() {
                        d.confirm = false;
                    }
                    app.status.say(e.to_string(), Tone::Error)
                }
            }
        }
        Effect::Measure => {
            let Some(job) = app.measuring.clone() else {
                return;
            };
            let (path, meter) = (job.path.clone(), job.meter.clone());
            let spawned = super::worker::spawn("measuring", move || {
                let sources = [mtafit_measure::Source::Path(path)];
                // No memory maps: a log truncated under the scan must not kill the app.
                let opts = mtafit_measure::Options {
                    mmap: false,
                    ..Default::default()
                };
                mtafit_measure::measure(&sources, &opts, &meter)
            });
            match spawned {
                Ok(handle) => {
                    if let Ok(mut slot) = job.thread.lock() {
                        *slot = Some(handle);
                    }
                    let name = app.measuring.as_ref().map(|m| m.name());
                    app.status.say(
                        format!("measuring {} · Esc stops", name.unwrap_or_default()),
                        Tone::Info,
                    );
                }
                Err(e) => {
                    app.measuring = None;
                    app.status
                        .say(format!("could not start measuring: {e}"), Tone::Error);
                }
            }
        }
        Effect::RememberTheme(name) => {
            if let Err(e) = persist::save_theme(name) {
                app.status.say(
                    format!("theme: {} (not remembered: {e})", name.name()),
                    Tone::Warn,
                );
            }
        }
        Effect::SaveProfile { name, overwrite } => save_profile(app, &name, overwrite),
        Effect::LoadProfile(name) => load_profile(app, &name),
        Effect::Copy(text) => {
            use std::io::Write;
            let seq = super::export::osc52(&text);
            let mut out = std::io::stdout();
            match out.write_all(seq.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => app
                    .status
                    .say("copied the shortlist as Markdown (OSC 52)", Tone::Info),
                Err(e) => app.status.say(format!("could not copy: {e}"), Tone::Error),
            }
        }
    }
}

/// Save the profile, weights and marks under `name`; the popup closes once it is written, and
/// stays open (asking to replace) when a profile of that name appeared meanwhile.
fn save_profile(app: &mut App, name: &str, overwrite: bool) {
    let state = app.session.state_dir.clone();
    match persist::save_named(state.as_deref(), name, &app.to_save(), overwrite) {
        Ok(path) => {
            if matches!(app.popup, Some(Popup::SaveAs(_))) {
                app.popup = None;
            }
            if !app.session.saved_profiles.iter().any(|n| n == name) {
                app.session.saved_profiles.push(name.to_owned());
                app.session.saved_profiles.sort();
            }
            let shown = mtafit_model::text::sanitize(&path.display().to_string()).into_owned();
            app.status.say(
                format!("saved profile {name} to {shown} · load it with p, Load a profile…, or --profile {name}"),
                Tone::Info,
            );
        }
        Err(persist::SaveError::Write(mtafit_model::atomic::WriteError::Exists { .. })) => {
            if let Some(Popup::SaveAs(s)) = app.popup.as_mut() {
                s.confirm = true;
            }
            app.status.say(
                format!("a profile called {name} exists: Enter replaces it, Esc keeps it"),
                Tone::Warn,
            );
        }
        Err(e) => app
            .status
            .say(format!("could not save the profile: {e}"), Tone::Error),
    }
}

/// Load the profile saved under `name` (or the built-in one) with its weights, in place of the
/// profile and weights now, as one change `u` undoes; the marks stay as they are.
fn load_profile(app: &mut App, name: &str) {
    let state = app.session.state_dir.clone();
    let mut p = match persist::load_named(state.as_deref(), name) {
        Ok(p) => p,
        Err(e) => {
            app.status.say(e, Tone::Error);
            return;
        }
    };
    let over = crate::setup::Overrides::default();
    let (weights, warnings) = match crate::setup::apply(&over, &mut p, &app.model.cat) {
        Ok(found) => found,
        Err(e) => {
            let first = e.to_string().lines().next().unwrap_or_default().to_owned();
            app.status
                .say(format!("cannot load {name}: {first}"), Tone::Error);
            return;
        }
    };
    p.session = Default::default();
    let before = app.decision("loading a profile");
    app.history.record(before, None);
    if matches!(app.popup, Some(Popup::Profile(_))) {
        app.popup = None;
    }
    app.restore(p, weights);
    match warnings.first() {
        Some(w) => app.status.say(format!("loaded {name}; {w}"), Tone::Warn),
        None => app.status.say(
            format!("loaded profile {name} with its weights · u undoes"),
            Tone::Info,
        ),
    }
}
