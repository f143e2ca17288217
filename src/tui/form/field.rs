//! The form's rows, one per field of the profile's table (the session's saved weights and
//! shortlist aside), with render's words: how each is shown and how its text is read back.

use super::parse::{self, FieldError};
use super::picker::PickFrom;
use mtafit_model::catalogue::{Capability, Catalogue};
use mtafit_model::profile::{self, FieldId, Growth, Part, Profile};
use mtafit_render::profile::{choice, words};
use tui_input::Input;

/// What kind of input a field takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Yes or no; ←→ or Space toggles.
    Toggle,
    /// One of a few values, by their labels; ←→ cycles.
    Choice(Vec<&'static str>),
    /// Typed text.
    Text,
    /// Ids picked from a list (capabilities, engines): never typed blind.
    Pick(PickFrom),
}

/// Which setting a field edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// A field of the profile.
    Field(FieldId),
    /// A mail log to measure the volume from (not saved in the profile).
    LogPath,
    /// A saved or built-in profile to load in place of this one (not saved in the profile).
    Load,
}

/// One field of the form.
#[derive(Debug, Clone)]
pub struct Field {
    /// What it edits.
    pub setting: Setting,
    /// The label.
    pub label: &'static str,
    /// How it is edited.
    pub kind: Kind,
    /// The text (for text fields) or the chosen value's label.
    pub value: String,
    /// Why the value is not valid, if it is not.
    pub error: Option<String>,
    /// A hint shown under the form for the focused field.
    pub hint: &'static str,
    /// A text field's editing state (cursor, the usual readline keys), from tui-input.
    pub input: Input,
    /// The whole text is selected, as on entering a field: typing replaces it.
    pub selected: bool,
}

impl Field {
    /// A field showing `value`.
    fn new(
        setting: Setting,
        label: &'static str,
        hint: &'static str,
        kind: Kind,
        value: String,
    ) -> Field {
        Field {
            setting,
            label,
            kind,
            input: Input::new(value.clone()),
            selected: false,
            value,
            error: None,
            hint,
        }
    }

    /// The row for the profile field `id`, showing its value in `p`.
    pub fn of(id: FieldId, p: &Profile) -> Field {
        use profile::Kind as K;
        let w = words(id);
        let (kind, value) = match &id.field().kind {
            K::Toggle(s) => (Kind::Toggle, yes_no(*(s.get)(p)).to_owned()),
            K::Choice(c) => (
                Kind::Choice(c.all().into_iter().map(choice).collect()),
                choice(c.get(p)).to_owned(),
            ),
            K::Volume(s) | K::PerDay { slot: s, .. } => (Kind::Text, (s.get)(p).to_string()),
            K::Budget(s) => (
                Kind::Text,
                (s.get)(p).map(|b| format!("{b}")).unwrap_or_default(),
            ),
            K::Amount { slot: s, .. } | K::Within { slot: s, .. } => {
                (Kind::Text, format!("{}", (s.get)(p)))
            }
            K::Count { slot: s, .. } => (Kind::Text, (s.get)(p).to_string()),
            K::Engines(s) => (Kind::Pick(PickFrom::Engines), (s.get)(p).join(", ")),
            K::Capabilities(s) => (
                Kind::Pick(PickFrom::Capabilities),
                (s.get)(p)
                    .iter()
                    .map(|c| c.id())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            K::Growth(s) => (Kind::Text, parse::growth_text(*(s.get)(p))),
            // The session's part: the sliders edit the weights, not the form.
            K::Weights(_) => (Kind::Text, String::new()),
        };
        Field::new(Setting::Field(id), w.label, w.hint, kind, value)
    }

    /// The row that loads a saved or built-in profile.
    pub fn load() -> Field {
        Field::new(
            Setting::Load,
            "Load a profile…",
            "Space or → lists the profiles saved with P and the built-in ones; Enter loads one, \
             with its weights, in place of this profile (u undoes)",
            Kind::Pick(PickFrom::Profiles),
            String::new(),
        )
    }

    /// The row where a mail log is named to measure the volume from.
    pub fn log_path() -> Field {
        Field::new(
            Setting::LogPath,
            "Measure from log",
            "a mail log (.gz too): Enter measures it in the background and fills in the volume",
            Kind::Text,
            String::new(),
        )
    }

    /// The hint for the field as it stands: owning the sending layer says what its current
    /// value means, since yes and no lead to different kinds of engine.
    pub fn current_hint(&self) -> &'static str {
        match self.setting {
            Setting::Field(FieldId::OwnInfrastructure) => {
                mtafit_render::profile::own_hint(self.value == YES_NO[1])
            }
            _ => self.hint,
        }
    }

    /// Replace a text field's value (and put the cursor at its end).
    pub fn set(&mut self, value: String) {
        self.input = Input::new(value.clone());
        self.value = value;
        self.selected = false;
    }

    /// Read the field's text into `p`; `known` are growths whose months a figure shown for
    /// them keeps.
    pub fn read(
        &self,
        p: &mut Profile,
        cat: &Catalogue,
        known: [Option<Growth>; 2],
    ) -> Result<(), FieldError> {
        use profile::Kind as K;
        let Setting::Field(id) = self.setting else {
            return Ok(());
        };
        let text = self.value.as_str();
        let unit = words(id).unit;
        match &id.field().kind {
            K::Toggle(s) => (s.set)(p, text == YES_NO[1]),
            K::Choice(c) => {
                let all = c.all();
                let v = all
                    .iter()
                    .find(|v| choice(**v) == text)
                    .copied()
                    .unwrap_or(all[0]);
                c.set(p, v);
            }
            K::Volume(s) => (s.set)(p, mtafit_model::units::parse_volume(text)?),
            K::PerDay { slot, min } => (slot.set)(p, parse::per_day(text, *min, unit)?),
            K::Budget(s) => (s.set)(p, parse::budget(text)?),
            K::Amount { slot, max, unit: u } if u.is_money() => {
                (slot.set)(p, parse::money(text, *max, unit)?)
            }
            K::Amount { slot, max, .. } => (slot.set)(p, parse::hours(text, *max, unit)?),
            K::Within { slot, range, .. } => {
                (slot.set)(p, parse::within(text, range.clone(), unit)?)
            }
            K::Count { slot, max } => (slot.set)(p, parse::count(text, *max, unit)?),
            K::Engines(s) => {
                // Any case finds the engine; the profile keeps the catalogue's spelling.
                let ids = parse::split_list(text)
                    .iter()
                    .map(|id| {
                        cat.find_id(id)
                            .map(|e| e.id.clone())
                            .ok_or_else(|| cat.no_such_engine(id))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                (s.set)(p, ids);
            }
            K::Capabilities(s) => {
                let caps = parse::split_list(text)
                    .iter()
                    .map(|c| Capability::parse(c))
                    .collect::<Result<Vec<_>, _>>()?;
                (s.set)(p, caps);
            }
            K::Growth(s) => {
                let g = if text.trim().is_empty() {
                    None
                } else {
                    let g = mtafit_model::units::parse_growth(text)?;
                    // The figure shown for a measured growth keeps its months.
                    Some(
                        known
                            .into_iter()
                            .flatten()
                            .find(|k| (k.per_month - g).abs() < 5e-5)
                            .unwrap_or(Growth {
                                per_month: g,
                                months: 0,
                            }),
                    )
                };
                (s.set)(p, g);
            }
            K::Weights(_) => {}
        }
        Ok(())
    }
}

/// A toggle's two values, as the form shows them.
pub const YES_NO: &[&str] = &["no", "yes"];

/// A toggle's value as the form shows it.
fn yes_no(b: bool) -> &'static str {
    YES_NO[usize::from(b)]
}

/// The form's rows in order: the table's fields but the session's, each followed by those the
/// form shows beside it, and the log to measure right after the volume it fills in.
pub fn rows(p: &Profile) -> Vec<Field> {
    let shown: Vec<FieldId> = profile::field::fields()
        .filter(|f| f.part != Part::Session)
        .map(|f| f.id)
        .collect();
    let mut out = Vec::new();
    for id in shown.iter().filter(|id| beside(**id).is_none()) {
        out.push(Field::of(*id, p));
        if *id == FieldId::MonthlyVolume {
            out.push(Field::log_path());
        }
        for next in shown.iter().filter(|x| beside(**x) == Some(*id)) {
            out.push(Field::of(*next, p));
        }
    }
    // Last, so ↑ from the first field reaches it.
    out.push(Field::load());
    out
}

/// The field a field is shown beside, when not in the table's order: the growth with the
/// volume it grows, whether the cap counts staff time with the cap.
fn beside(id: FieldId) -> Option<FieldId> {
    match id {
        FieldId::Growth => Some(FieldId::MonthlyVolume),
        FieldId::CapCountsStaff => Some(FieldId::AnnualBudgetUsd),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_shows_every_field_but_the_sessions_once() {
        let shown: Vec<Setting> = rows(&Profile::default())
            .iter()
            .map(|f| f.setting)
            .collect();
        for f in profile::field::fields() {
            let n = shown.iter().filter(|s| **s == Setting::Field(f.id)).count();
            assert_eq!(n, usize::from(f.part != Part::Session), "{}", f.id.id());
        }
        assert_eq!(shown.iter().filter(|s| **s == Setting::LogPath).count(), 1);
        assert_eq!(shown.last(), Some(&Setting::Load));
        // Beside what it belongs with: the log and the growth after the volume, the staff-time
        // switch after the cap.
        let at = |s: Setting| shown.iter().position(|x| *x == s).unwrap();
        let volume = at(Setting::Field(FieldId::MonthlyVolume));
        assert_eq!(at(Setting::LogPath), volume + 1);
        assert_eq!(at(Setting::Field(FieldId::Growth)), volume + 2);
        assert_eq!(
            at(Setting::Field(FieldId::CapCountsStaff)),
            at(Setting::Field(FieldId::AnnualBudgetUsd)) + 1
        );
    }
}
