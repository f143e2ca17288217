//! The profile editor: one field per field of the profile's table, validated as you type.
//!
//! `field` makes the rows from the table and reads them back, `parse` reads what is typed, and
//! `picker` is the list a pick field opens.

pub mod field;
pub mod parse;
pub mod picker;

pub use field::{Field, Kind, Setting};
pub use parse::growth_text;
pub use picker::{PickFrom, Picker};

use field::YES_NO;
use mtafit_model::catalogue::{Capability, Catalogue};
use mtafit_model::profile::{Growth, Profile};
use mtafit_model::text::ShortForm;
use parse::split_list;
use tui_input::{Input, InputRequest};

/// The profile editor's state.
#[derive(Debug, Clone)]
pub struct ProfileForm {
    /// The fields, in order.
    pub fields: Vec<Field>,
    /// The focused field.
    pub cursor: usize,
    /// The profile before editing, restored by Esc.
    pub original: Profile,
    /// The list open for a pick field, if any.
    pub picker: Option<Picker>,
    /// The growth a log measured in the form, with the months it rests on.
    pub measured_growth: Option<Growth>,
    /// The names of the profiles saved with `P`, for the Load row's list.
    pub profiles: Vec<String>,
}

impl ProfileForm {
    /// A form showing `p`.
    pub fn new(p: &Profile) -> ProfileForm {
        ProfileForm {
            fields: field::rows(p),
            cursor: 0,
            original: p.clone(),
            measured_growth: None,
            picker: None,
            profiles: Vec::new(),
        }
    }

    /// Open the list for the focused pick field, with its current ids ticked; `typed` starts the
    /// filter.
    pub fn open_picker(&mut self, cat: &Catalogue, typed: Option<char>) {
        let f = &self.fields[self.cursor];
        let Kind::Pick(from) = f.kind else {
            return;
        };
        let options = match from {
            PickFrom::Capabilities => Capability::ALL
                .iter()
                .map(|c| (c.id().to_owned(), c.label().to_owned()))
                .collect(),
            PickFrom::Engines => cat
                .engines
                .iter()
                .map(|e| {
                    (
                        e.id.clone(),
                        mtafit_model::text::sanitize(&e.name).into_owned(),
                    )
                })
                .collect(),
            PickFrom::Profiles => self
                .profiles
                .iter()
                .map(|n| (n.clone(), "saved with P".to_owned()))
                .chain(
                    mtafit_model::profile::builtin_names()
                        .into_iter()
                        .map(|n| (n.to_owned(), "built-in".to_owned())),
                )
                .collect(),
        };
        let mut picker = Picker::new(options, split_list(&f.value));
        if let Some(c) = typed.filter(|c| *c != ' ') {
            picker.query = Input::new(c.to_string());
            picker.filter();
        }
        self.picker = Some(picker);
    }

    /// Close the list, writing the ticked ids into the field (in the list's order) unless
    /// `cancel`.
    pub fn close_picker(&mut self, cancel: bool) {
        let Some(p) = self.picker.take() else {
            return;
        };
        if !cancel {
            let ids: Vec<String> = p
                .options
                .iter()
                .filter(|(id, _)| p.chosen.contains(id))
                .map(|(id, _)| id.clone())
                .collect();
            self.fields[self.cursor].set(ids.join(", "));
        }
    }

    /// The focused field.
    pub fn current(&self) -> &Field {
        &self.fields[self.cursor]
    }

    /// The field that edits `setting`.
    pub fn field_mut(&mut self, setting: Setting) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.setting == setting)
    }

    /// Move the focus by `d` fields, wrapping; a text field's text is selected on entering it,
    /// so typing replaces it.
    pub fn move_by(&mut self, d: isize) {
        let n = self.fields.len() as isize;
        if let Some(f) = self.fields.get_mut(self.cursor) {
            f.selected = false;
        }
        self.cursor = (self.cursor as isize + d).rem_euclid(n) as usize;
        let f = &mut self.fields[self.cursor];
        if f.kind == Kind::Text {
            f.input = Input::new(f.value.clone());
            f.selected = !f.value.is_empty();
        }
    }

    /// Edit the focused text field: tui-input does the editing; a selection is replaced by what
    /// is typed, cleared by a deletion, and dropped by a cursor movement.
    pub fn edit(&mut self, req: InputRequest) {
        let f = &mut self.fields[self.cursor];
        if f.kind != Kind::Text {
            return;
        }
        if std::mem::take(&mut f.selected) {
            match req {
                InputRequest::InsertChar(c) => f.input = Input::new(c.to_string()),
                InputRequest::DeletePrevChar
                | InputRequest::DeleteNextChar
                | InputRequest::DeletePrevWord
                | InputRequest::DeleteNextWord
                | InputRequest::DeleteLine
                | InputRequest::DeleteTillEnd
                | InputRequest::DeleteFromStart => f.input = Input::default(),
                other => {
                    f.input.handle(other);
                }
            }
        } else {
            f.input.handle(req);
        }
        f.value = f.input.value().to_owned();
    }

    /// Cycle a choice or toggle; `forward` picks the direction.
    pub fn cycle(&mut self, forward: bool) {
        let f = &mut self.fields[self.cursor];
        let opts: &[&str] = match &f.kind {
            Kind::Toggle => YES_NO,
            Kind::Choice(o) => o.as_slice(),
            Kind::Text | Kind::Pick(_) => return,
        };
        let i = opts.iter().position(|o| *o == f.value).unwrap_or(0);
        let n = opts.len();
        f.value = opts[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
        .to_owned();
    }

    /// Type a character into a text field (a space toggles a toggle).
    pub fn input(&mut self, c: char) {
        match self.fields[self.cursor].kind {
            Kind::Text => self.edit(InputRequest::InsertChar(c)),
            _ if c == ' ' => self.cycle(true),
            _ => {}
        }
    }

    /// Delete the character before the cursor of a text field (or the selection).
    pub fn backspace(&mut self) {
        self.edit(InputRequest::DeletePrevChar);
    }

    /// Read every field into a profile, marking invalid fields; `None` when any is invalid.
    pub fn profile(&mut self, cat: &Catalogue) -> Option<Profile> {
        let mut p = self.original.clone();
        let known = [self.measured_growth, self.original.growth];
        let mut ok = true;
        for f in &mut self.fields {
            f.error = f.read(&mut p, cat, known).err().map(|e| e.short());
            ok &= f.error.is_none();
        }
        ok.then_some(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mtafit_model::profile::{FieldId, Marketing, Situation, SupportNeed, Team};
    use mtafit_model::units;
    use mtafit_render::profile as words;

    #[test]
    fn a_form_round_trips_the_profile() {
        let cat = Catalogue::builtin();
        let p = Profile::from(Situation {
            must: vec![Capability::ExternalQueue],
            licences_held: vec!["powermta".into()],
            annual_budget_usd: Some(20_000.0),
            ..Situation::default()
        });
        let mut f = ProfileForm::new(&p);
        assert_eq!(f.profile(&cat), Some(p));
    }

    #[test]
    fn fields_validate_as_you_type() {
        let cat = Catalogue::builtin();
        let mut f = ProfileForm::new(&Profile::default());
        let volume = index(&f, Setting::Field(FieldId::MonthlyVolume));
        f.cursor = volume;
        f.fields[volume].set(String::new());
        for c in "250k/day".chars() {
            f.input(c);
        }
        assert_eq!(f.profile(&cat).unwrap().monthly_volume, 7_609_375);
        f.input('x');
        assert!(f.profile(&cat).is_none());
        assert!(
            f.fields[volume]
                .error
                .as_deref()
                .unwrap()
                .contains("period"),
            "{:?}",
            f.fields[volume].error
        );
        f.backspace();
        assert!(f.profile(&cat).is_some());
        // Pick fields are filled from their lists; a bad id (from an older state file, say) is
        // still caught, with a suggestion.
        let must = index(&f, Setting::Field(FieldId::Must));
        f.fields[must].set("web_uii".into());
        assert!(f.profile(&cat).is_none());
        assert!(
            f.fields[must]
                .error
                .as_deref()
                .unwrap()
                .contains("did you mean `web_ui`?")
        );
        let knows = index(&f, Setting::Field(FieldId::TeamKnows));
        f.fields[knows].set("powrmta".into());
        f.profile(&cat);
        assert!(
            f.fields[knows]
                .error
                .as_deref()
                .unwrap()
                .contains("did you mean `powermta`?")
        );
    }

    #[test]
    fn a_field_shows_its_error_the_short_way() {
        let cat = Catalogue::builtin();
        let mut f = ProfileForm::new(&Profile::default());
        let mut shown = |setting: Setting, value: &str| {
            let i = index(&f, setting);
            f.fields[i].set(value.into());
            f.profile(&cat);
            f.fields[i].error.clone().unwrap_or_default()
        };
        let how = "write it like 7421043, 7.4M, 250k/day, 2.5M/week or 90M/year";
        assert_eq!(
            shown(Setting::Field(FieldId::MonthlyVolume), "40Mx"),
            format!("expected a number with an optional k, M or B; {how}")
        );
        assert_eq!(
            shown(Setting::Field(FieldId::SparesFromPerMonth), " "),
            format!("it is empty; {how}")
        );
        assert_eq!(
            shown(Setting::Field(FieldId::MonthlyVolume), "1000000000001"),
            units::parse_volume("1000000000001")
                .unwrap_err()
                .to_string(),
            "a volume too large is said in full"
        );
        assert_eq!(
            shown(Setting::Field(FieldId::Growth), "fast"),
            "cannot read the growth \"fast\"; write it as a percentage a month, like 6% or -2%"
        );
        assert_eq!(
            shown(Setting::Field(FieldId::Must), "dkim_signing zzz"),
            "unknown capability \"zzz\""
        );
        assert_eq!(
            shown(Setting::Field(FieldId::Want), "web_uii"),
            "unknown capability \"web_uii\" (did you mean `web_ui`?)"
        );
        assert_eq!(
            shown(Setting::Field(FieldId::LicencesHeld), "postfix powrmta"),
            "no engine \"powrmta\" (did you mean `powermta`?)"
        );
        assert_eq!(
            shown(Setting::Field(FieldId::AnnualBudgetUsd), "0.5"),
            "expected a yearly cap from $1 to $1,000,000,000,000 (budgets count in whole \
             dollars); leave it empty for no cap"
        );
        assert_eq!(
            shown(Setting::Field(FieldId::IpCostPerMonthUsd), "20000"),
            "expected 0, or from $0.01 to $10,000 a month (amounts count in cents)"
        );
        assert_eq!(
            shown(Setting::Field(FieldId::BusyHoursPerDay), "30"),
            "expected 1 to 24 hours a day"
        );
        assert_eq!(
            shown(Setting::Field(FieldId::SpareNodes), "-1"),
            "expected a whole number of nodes from 0 to 100"
        );
        assert_eq!(
            shown(Setting::Field(FieldId::MessagesPerIpPerDay), "0"),
            "expected messages a day, such as 500000 or 500k"
        );
        assert_eq!(
            shown(Setting::Field(FieldId::OpsBaseHoursPerMonth), "800"),
            "expected hours a month: 0, or from 0.01 to 744 (in hundredths)"
        );
        assert_eq!(
            shown(Setting::Field(FieldId::HourlyRateUsd), "lots"),
            "expected an amount such as 20000, 20k or 1.5M"
        );
    }

    #[test]
    fn engine_ids_are_taken_in_any_case() {
        let cat = Catalogue::builtin();
        let mut f = ProfileForm::new(&Profile::default());
        let held = index(&f, Setting::Field(FieldId::LicencesHeld));
        f.fields[held].set("PowerMTA".into());
        assert_eq!(f.profile(&cat).unwrap().licences_held, ["powermta"]);
    }

    #[test]
    fn entering_a_text_field_selects_it_so_typing_replaces_it() {
        let cat = Catalogue::builtin();
        let mut f = ProfileForm::new(&Profile::default());
        let volume = index(&f, Setting::Field(FieldId::MonthlyVolume));
        f.cursor = volume - 1;
        f.move_by(1);
        assert!(f.fields[volume].selected);
        for c in "40M".chars() {
            f.input(c);
        }
        assert_eq!(
            f.fields[volume].value, "40M",
            "typing replaced the selection"
        );
        assert_eq!(f.profile(&cat).unwrap().monthly_volume, 40_000_000);
    }

    #[test]
    fn readline_keys_edit_a_text_field() {
        let mut f = ProfileForm::new(&Profile::default());
        let volume = index(&f, Setting::Field(FieldId::MonthlyVolume));
        f.cursor = volume;
        f.fields[volume].set("12 345".into());
        f.edit(InputRequest::DeletePrevWord);
        assert_eq!(f.fields[volume].value, "12 ");
        f.edit(InputRequest::GoToStart);
        f.edit(InputRequest::DeleteNextChar);
        assert_eq!(f.fields[volume].value, "2 ");
        f.edit(InputRequest::GoToEnd);
        f.input('9');
        assert_eq!(f.fields[volume].value, "2 9");
        f.edit(InputRequest::DeleteLine);
        assert_eq!(f.fields[volume].value, "");
        // A selection is cleared by a deletion and kept by nothing else but typing.
        f.fields[volume].set("7.4M".into());
        f.fields[volume].selected = true;
        f.edit(InputRequest::DeletePrevChar);
        assert_eq!(f.fields[volume].value, "");
    }

    #[test]
    fn a_pick_field_lists_every_valid_id_and_ticks_the_chosen() {
        let cat = Catalogue::builtin();
        let mut f = ProfileForm::new(&Profile::from(Situation {
            must: vec![Capability::DkimSigning],
            ..Situation::default()
        }));
        f.cursor = index(&f, Setting::Field(FieldId::Must));
        f.open_picker(&cat, None);
        let pk = f.picker.as_mut().unwrap();
        assert_eq!(pk.options.len(), Capability::ALL.len());
        assert_eq!(pk.chosen, ["dkim_signing"]);
        // Typing filters with the fuzzy matcher; Space ticks the highlighted one.
        for c in "webui".chars() {
            pk.query.handle(InputRequest::InsertChar(c));
        }
        pk.filter();
        assert_eq!(pk.options[pk.shown[0]].0, "web_ui");
        pk.toggle();
        f.close_picker(false);
        assert_eq!(f.current().value, "dkim_signing, web_ui");
        assert_eq!(
            f.profile(&cat).unwrap().must,
            [Capability::DkimSigning, Capability::WebUi]
        );
        // Esc leaves the field as it was.
        f.open_picker(&cat, Some('k'));
        f.picker.as_mut().unwrap().toggle();
        f.close_picker(true);
        assert_eq!(f.current().value, "dkim_signing, web_ui");
        // Engines: the catalogue's ids.
        f.cursor = index(&f, Setting::Field(FieldId::LicencesHeld));
        f.open_picker(&cat, None);
        assert_eq!(f.picker.as_ref().unwrap().options.len(), cat.engines.len());
    }

    fn index(f: &ProfileForm, setting: Setting) -> usize {
        f.fields.iter().position(|x| x.setting == setting).unwrap()
    }

    #[test]
    fn the_log_field_is_not_part_of_the_profile() {
        let cat = Catalogue::builtin();
        let mut f = ProfileForm::new(&Profile::default());
        f.cursor = index(&f, Setting::LogPath);
        for c in "/var/log/mail.log".chars() {
            f.input(c);
        }
        assert_eq!(f.profile(&cat), Some(Profile::default()));
    }

    #[test]
    fn choices_cycle_both_ways() {
        let mut f = ProfileForm::new(&Profile::default());
        f.cursor = index(&f, Setting::Field(FieldId::Team));
        f.cycle(true);
        assert_eq!(f.current().value, "config as code");
        f.cycle(false);
        f.cycle(false);
        assert_eq!(f.current().value, words::team(Team::Gui));
        f.cursor = index(&f, Setting::Field(FieldId::OwnInfrastructure));
        f.input(' ');
        assert_eq!(f.current().value, "no");
        let cat = Catalogue::builtin();
        assert!(!f.profile(&cat).unwrap().own_infrastructure);
    }

    #[test]
    fn every_choice_reads_back_as_the_value_it_shows() {
        let cat = Catalogue::builtin();
        for team in Team::ALL {
            for support in SupportNeed::ALL {
                for marketing in Marketing::ALL {
                    let p = Profile::from(Situation {
                        team,
                        support,
                        marketing,
                        ..Situation::default()
                    });
                    let mut f = ProfileForm::new(&p);
                    assert_eq!(f.profile(&cat), Some(p.clone()));
                    // The label shown for the team is the one sentences use.
                    let shown = &f.fields[index(&f, Setting::Field(FieldId::Team))].value;
                    assert_eq!(shown, words::team(team));
                }
            }
        }
    }
}
