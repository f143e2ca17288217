//! The profile editor's keys: moving between fields, editing them, a pick field's list, measuring
//! a mail log, and applying or cancelling the edit. A valid form ranks again as you type.

use crate::tui::action::Action;
use crate::tui::ask::Ask;
use crate::tui::effect::Effect;
use crate::tui::form::{Kind, ProfileForm, Setting};
use crate::tui::measuring::{MeasureResult, Measuring};
use crate::tui::model::Model;
use crate::tui::status::Tone;
use mtafit_model::profile::FieldId;

/// An action reaching the profile editor.
pub fn update(
    form: &mut ProfileForm,
    action: Action,
    model: &Model,
    measuring: Option<&Measuring>,
) -> Vec<Ask> {
    if form.current().setting == Setting::Load
        && let Some(pk) = form.picker.as_ref()
        && matches!(action, Action::Confirm | Action::Input(' '))
    {
        // One profile is picked, not ticked: Enter (or Space) loads it.
        let name = pk.shown.get(pk.cursor).map(|&i| pk.options[i].0.clone());
        form.close_picker(true);
        return match name {
            Some(name) => vec![Ask::Effect(Effect::LoadProfile(name))],
            None => vec![Ask::say(
                "no profile matches; Backspace widens the filter",
                Tone::Error,
            )],
        };
    }
    if let Some(pk) = form.picker.as_mut() {
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
            _ => return Vec::new(),
        }
        return preview(form, model);
    }
    let pick = matches!(form.current().kind, Kind::Pick(_));
    match action {
        // A pick field opens its list: Space or →, or typing, which starts the filter.
        Action::Right | Action::Input(_) if pick => {
            let typed = match action {
                Action::Input(c) => Some(c),
                _ => None,
            };
            form.open_picker(&model.cat, typed);
        }
        Action::Up | Action::FocusPrev => form.move_by(-1),
        Action::Down | Action::FocusNext => form.move_by(1),
        Action::Left => form.cycle(false),
        Action::Right => form.cycle(true),
        Action::Input(c) => form.input(c),
        Action::Backspace => form.backspace(),
        Action::Edit(req) => form.edit(req),
        Action::Back if measuring.is_some() => {
            return vec![
                Ask::StopMeasuring,
                Ask::say("measuring stopped; Esc again cancels the edit", Tone::Info),
            ];
        }
        Action::Confirm if form.current().setting == Setting::LogPath => {
            let path = form.current().value.trim().to_owned();
            return start_measuring(path, measuring);
        }
        Action::Back => {
            return vec![
                Ask::Profile(Box::new(form.original.clone())),
                Ask::Close,
                Ask::say("profile edit cancelled", Tone::Info),
            ];
        }
        Action::Confirm => {
            let Some(p) = form.profile(&model.cat) else {
                return vec![Ask::say(
                    "fix the highlighted field first, or Esc to cancel",
                    Tone::Error,
                )];
            };
            let mut asks = Vec::new();
            let changed = p != form.original;
            if changed {
                asks.push(Ask::Checkpoint(Box::new(form.original.clone())));
            }
            asks.extend([Ask::Profile(Box::new(p)), Ask::Close]);
            let undo = if changed { " · u undoes" } else { "" };
            if measuring.is_some() {
                asks.push(Ask::StopMeasuring);
                asks.push(Ask::say(
                    format!("profile applied; the measurement was stopped{undo}"),
                    Tone::Info,
                ));
            } else {
                asks.push(Ask::say(format!("profile applied{undo}"), Tone::Info));
            }
            return asks;
        }
        _ => return Vec::new(),
    }
    preview(form, model)
}

/// Preview: a valid form ranks again as you type; an invalid one keeps the last valid.
fn preview(form: &mut ProfileForm, model: &Model) -> Vec<Ask> {
    match form.profile(&model.cat) {
        Some(p) if p != model.profile => vec![Ask::Profile(Box::new(p))],
        _ => Vec::new(),
    }
}

/// Enter on the log field: measure the log typed there, unless one is being measured.
fn start_measuring(path: String, measuring: Option<&Measuring>) -> Vec<Ask> {
    if path.is_empty() {
        return vec![Ask::say("type the path of a mail log first", Tone::Error)];
    }
    if let Some(m) = measuring {
        let busy = format!("already measuring {}; Esc stops it", m.name());
        return vec![Ask::say(busy, Tone::Error)];
    }
    // `~/` as a shell would read it: people type paths here the way they do at a prompt.
    let path = match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest),
        _ => std::path::PathBuf::from(path),
    };
    // A device (`/dev/tty`), a folder or a pipe nobody writes to would be read forever by a
    // thread that cannot be stopped; the same check as `--profile`, with pipes allowed.
    if let Err(why) = mtafit_model::ronfile::read::open_checked(&path, true) {
        return vec![Ask::say(
            why.sentence(&path.display().to_string()),
            Tone::Error,
        )];
    }
    vec![Ask::Measure(path)]
}

/// A measurement of the log `name` ended: its volume (and any growth it shows) goes into the
/// editor, if it is still open, and ranks at once.
pub fn measured(
    form: Option<&mut ProfileForm>,
    name: &str,
    result: MeasureResult,
    model: &Model,
) -> Vec<Ask> {
    let m = match result {
        Ok(m) => m,
        Err(e) => return vec![Ask::say(e.to_string(), Tone::Error)],
    };
    let r = &m.report;
    if r.monthly_volume == 0 {
        return vec![Ask::say(
            format!("{name}: no deliveries found; the volume is unchanged"),
            Tone::Error,
        )];
    }
    let Some(form) = form else {
        return Vec::new();
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
    let mut asks = preview(form, model);
    asks.push(Ask::say(
        format!(
            "{name}: {}/month ({} sent over {:.1} days, {}) · Enter applies",
            mtafit_model::units::volume(r.monthly_volume),
            mtafit_model::units::grouped(r.sent),
            r.days,
            mtafit_render::measure::formats(&r.formats)
        ),
        Tone::Info,
    ));
    asks
}
