//! The profile editor: one field per profile setting, validated as you type.

use crate::catalogue::{Capability, Catalogue};
use crate::profile::{Marketing, Profile, SupportNeed, Team};
use crate::units;

/// What kind of input a field takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Yes or no; ←→ or Space toggles.
    Toggle,
    /// One of a few values, by their labels; ←→ cycles.
    Choice(Vec<&'static str>),
    /// Typed text.
    Text,
}

/// Which profile setting a field edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// `own_infrastructure`
    Own,
    /// `monthly_volume`
    Volume,
    /// A mail log to measure the volume from (not saved in the profile).
    LogPath,
    /// `annual_budget_usd`
    Budget,
    /// `team`
    Team,
    /// `team_knows`
    TeamKnows,
    /// `licences_held`
    Licences,
    /// `cloud_native`
    CloudNative,
    /// `support`
    Support,
    /// `marketing`
    Marketing,
    /// `must`
    Must,
    /// `want`
    Want,
    /// `hourly_rate_usd`
    HourlyRate,
    /// `node_cost_per_month_usd`
    NodeCost,
    /// `ops_base_hours_per_month`
    OpsBaseHours,
    /// `ops_hours_per_node_per_month`
    OpsNodeHours,
    /// `service_ops_hours_per_month`
    ServiceOpsHours,
}

/// One field of the form.
#[derive(Debug, Clone, PartialEq)]
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
}

const YES_NO: &[&str] = &["no", "yes"];

/// The labels of a choice, from the profile enum's own `ALL` and label, so they cannot drift.
fn labels<T: Copy, const N: usize>(all: [T; N], label: fn(T) -> &'static str) -> Vec<&'static str> {
    all.into_iter().map(label).collect()
}

/// The value whose label is `shown` (the first one if none is).
fn chosen<T: Copy, const N: usize>(all: [T; N], label: fn(T) -> &'static str, shown: &str) -> T {
    all.into_iter()
        .find(|v| label(*v) == shown)
        .unwrap_or(all[0])
}

/// The profile editor's state.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileForm {
    /// The fields, in order.
    pub fields: Vec<Field>,
    /// The focused field.
    pub cursor: usize,
    /// The profile before editing, restored by Esc.
    pub original: Profile,
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

fn split_list(s: &str) -> Vec<String> {
    s.split([',', ' '])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A dollar amount: `20000`, `20k`, `1.5M`.
fn parse_amount(s: &str) -> Result<f64, String> {
    let t = s.trim().trim_start_matches('$').replace([',', '_'], "");
    let (num, scale) = match t.chars().last() {
        Some('k' | 'K') => (&t[..t.len() - 1], 1e3),
        Some('m' | 'M') => (&t[..t.len() - 1], 1e6),
        _ => (t.as_str(), 1.0),
    };
    match num.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v * scale),
        _ => Err("expected an amount such as 20000, 20k or 1.5M".into()),
    }
}

/// Hours a month: a number from 0 to 744 (every hour of a 31-day month).
fn parse_hours(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=744.0).contains(&v) => Ok(v),
        _ => Err("expected hours a month, from 0 to 744".into()),
    }
}

impl ProfileForm {
    /// A form showing `p`.
    pub fn new(p: &Profile) -> ProfileForm {
        let f = |setting, label, kind, value: String, hint| Field {
            setting,
            label,
            kind,
            value,
            error: None,
            hint,
        };
        let yes_no = |b: bool| YES_NO[usize::from(b)].to_owned();
        let fields = vec![
            f(
                Setting::Own,
                "Own the sending layer",
                Kind::Toggle,
                yes_no(p.own_infrastructure),
                "no: an ESP (a managed service) is enough — the brief's first question",
            ),
            f(
                Setting::Volume,
                "Monthly volume",
                Kind::Text,
                p.monthly_volume.to_string(),
                "messages accepted a month: 7421043, 7.4M, 250k/day, 2.5M/week, 90M/year",
            ),
            f(
                Setting::LogPath,
                "Measure from log",
                Kind::Text,
                String::new(),
                "a mail log (.gz too): Enter measures it in the background and fills in the volume",
            ),
            f(
                Setting::Budget,
                "Budget cap (USD/yr)",
                Kind::Text,
                p.annual_budget_usd
                    .map(|b| format!("{b}"))
                    .unwrap_or_default(),
                "empty for no cap; 20000, 20k or 1.5M",
            ),
            f(
                Setting::Team,
                "Team can run",
                Kind::Choice(labels(Team::ALL, Team::describe)),
                p.team.describe().to_owned(),
                "what your people can operate well",
            ),
            f(
                Setting::TeamKnows,
                "Team already runs",
                Kind::Text,
                list(&p.team_knows),
                "engine ids, comma-separated, e.g. powermta",
            ),
            f(
                Setting::Licences,
                "Licences held",
                Kind::Text,
                list(&p.licences_held),
                "engine ids whose licence is already paid",
            ),
            f(
                Setting::CloudNative,
                "Cloud-native",
                Kind::Toggle,
                yes_no(p.cloud_native),
                "containers, Kubernetes, Prometheus",
            ),
            f(
                Setting::Support,
                "Support needed",
                Kind::Choice(labels(SupportNeed::ALL, SupportNeed::label)),
                p.support.label().to_owned(),
                "vendor SLA: only engines with a support contract fit",
            ),
            f(
                Setting::Marketing,
                "Bundled marketing",
                Kind::Choice(labels(Marketing::ALL, Marketing::label)),
                p.marketing.label().to_owned(),
                "list and campaign tooling from the same vendor",
            ),
            f(
                Setting::Must,
                "Must have",
                Kind::Text,
                p.must.iter().map(|c| c.id()).collect::<Vec<_>>().join(", "),
                "capability ids; an engine without one is out, one with it only partly ranks lower",
            ),
            f(
                Setting::Want,
                "Would like",
                Kind::Text,
                p.want.iter().map(|c| c.id()).collect::<Vec<_>>().join(", "),
                "capability ids that count toward the capabilities factor",
            ),
            f(
                Setting::HourlyRate,
                "Ops hour (USD)",
                Kind::Text,
                format!("{}", p.hourly_rate_usd),
                "an assumption: the cost of an hour of operations work",
            ),
            f(
                Setting::NodeCost,
                "Server/month (USD)",
                Kind::Text,
                format!("{}", p.node_cost_per_month_usd),
                "an assumption: the cost of one server a month",
            ),
            f(
                Setting::OpsBaseHours,
                "Ops hours/month",
                Kind::Text,
                format!("{}", p.ops_base_hours_per_month),
                "an assumption: hours a month to run a self-hosted estate, whatever its size",
            ),
            f(
                Setting::OpsNodeHours,
                "  + per server",
                Kind::Text,
                format!("{}", p.ops_hours_per_node_per_month),
                "an assumption: hours a month each server adds",
            ),
            f(
                Setting::ServiceOpsHours,
                "Service hours/month",
                Kind::Text,
                format!("{}", p.service_ops_hours_per_month),
                "an assumption: hours a month to look after a managed service's integration",
            ),
        ];
        ProfileForm {
            fields,
            cursor: 0,
            original: p.clone(),
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

    /// Move the focus by `d` fields, wrapping.
    pub fn move_by(&mut self, d: isize) {
        let n = self.fields.len() as isize;
        self.cursor = (self.cursor as isize + d).rem_euclid(n) as usize;
    }

    /// Cycle a choice or toggle; `forward` picks the direction.
    pub fn cycle(&mut self, forward: bool) {
        let f = &mut self.fields[self.cursor];
        let opts: &[&str] = match &f.kind {
            Kind::Toggle => YES_NO,
            Kind::Choice(o) => o.as_slice(),
            Kind::Text => return,
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
        let f = &mut self.fields[self.cursor];
        match f.kind {
            Kind::Text => f.value.push(c),
            _ if c == ' ' => self.cycle(true),
            _ => {}
        }
    }

    /// Delete the last character of a text field.
    pub fn backspace(&mut self) {
        let f = &mut self.fields[self.cursor];
        if f.kind == Kind::Text {
            f.value.pop();
        }
    }

    /// Read every field into a profile, marking invalid fields; `None` when any is invalid.
    pub fn profile(&mut self, cat: &Catalogue) -> Option<Profile> {
        let mut p = self.original.clone();
        let ids = cat.ids();
        let mut ok = true;
        for f in &mut self.fields {
            let yes = f.value == YES_NO[1];
            let result: Result<(), String> = match f.setting {
                Setting::Own => {
                    p.own_infrastructure = yes;
                    Ok(())
                }
                Setting::CloudNative => {
                    p.cloud_native = yes;
                    Ok(())
                }
                Setting::Team => {
                    p.team = chosen(Team::ALL, Team::describe, &f.value);
                    Ok(())
                }
                Setting::Support => {
                    p.support = chosen(SupportNeed::ALL, SupportNeed::label, &f.value);
                    Ok(())
                }
                Setting::Marketing => {
                    p.marketing = chosen(Marketing::ALL, Marketing::label, &f.value);
                    Ok(())
                }
                Setting::LogPath => Ok(()),
                Setting::Volume => units::parse_volume(&f.value)
                    .map(|v| p.monthly_volume = v)
                    .map_err(|e| {
                        e.0.split_once(": ")
                            .map_or(e.0.clone(), |(_, why)| why.to_owned())
                    }),
                Setting::Budget => {
                    if f.value.trim().is_empty() {
                        p.annual_budget_usd = None;
                        Ok(())
                    } else {
                        parse_amount(&f.value).and_then(|v| {
                            if v > 0.0 {
                                p.annual_budget_usd = Some(v);
                                Ok(())
                            } else {
                                Err("a cap must be above 0; leave it empty for no cap".into())
                            }
                        })
                    }
                }
                Setting::HourlyRate => parse_amount(&f.value).map(|v| p.hourly_rate_usd = v),
                Setting::NodeCost => parse_amount(&f.value).map(|v| p.node_cost_per_month_usd = v),
                Setting::OpsBaseHours => {
                    parse_hours(&f.value).map(|v| p.ops_base_hours_per_month = v)
                }
                Setting::OpsNodeHours => {
                    parse_hours(&f.value).map(|v| p.ops_hours_per_node_per_month = v)
                }
                Setting::ServiceOpsHours => {
                    parse_hours(&f.value).map(|v| p.service_ops_hours_per_month = v)
                }
                Setting::TeamKnows | Setting::Licences => {
                    let items = split_list(&f.value);
                    match items.iter().find(|id| cat.engine(id).is_none()) {
                        Some(bad) => Err(format!(
                            "no engine {:?}{}",
                            crate::text::sanitize(bad),
                            crate::ronfile::suggest(bad, &ids)
                        )),
                        None => {
                            if f.setting == Setting::TeamKnows {
                                p.team_knows = items;
                            } else {
                                p.licences_held = items;
                            }
                            Ok(())
                        }
                    }
                }
                Setting::Must | Setting::Want => split_list(&f.value)
                    .iter()
                    .map(|c| Capability::parse(c))
                    .collect::<Result<Vec<_>, _>>()
                    .map(|caps| {
                        if f.setting == Setting::Must {
                            p.must = caps;
                        } else {
                            p.want = caps;
                        }
                    })
                    .map_err(|e| {
                        e.split_once("; expected one of")
                            .map_or(e.clone(), |(head, rest)| {
                                // The full list is long: keep the suggestion only.
                                match rest.find("(did you mean") {
                                    Some(i) => format!("{head} {}", &rest[i..]),
                                    None => head.to_owned(),
                                }
                            })
                    }),
            };
            f.error = result.err();
            ok &= f.error.is_none();
        }
        ok.then_some(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_round_trips_the_profile() {
        let cat = Catalogue::builtin();
        let p = Profile {
            must: vec![Capability::ExternalQueue],
            licences_held: vec!["powermta".into()],
            annual_budget_usd: Some(20_000.0),
            ..Profile::default()
        };
        let mut f = ProfileForm::new(&p);
        assert_eq!(f.profile(&cat), Some(p));
    }

    #[test]
    fn fields_validate_as_you_type() {
        let cat = Catalogue::builtin();
        let mut f = ProfileForm::new(&Profile::default());
        let volume = index(&f, Setting::Volume);
        f.cursor = volume;
        f.fields[volume].value.clear();
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
        let must = index(&f, Setting::Must);
        f.cursor = must;
        for c in "web_uii".chars() {
            f.input(c);
        }
        assert!(f.profile(&cat).is_none());
        assert!(
            f.fields[must]
                .error
                .as_deref()
                .unwrap()
                .contains("did you mean `web_ui`?")
        );
        let knows = index(&f, Setting::TeamKnows);
        f.cursor = knows;
        for c in "powrmta".chars() {
            f.input(c);
        }
        f.profile(&cat);
        assert!(
            f.fields[knows]
                .error
                .as_deref()
                .unwrap()
                .contains("did you mean `powermta`?")
        );
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
        f.cursor = index(&f, Setting::Team);
        f.cycle(true);
        assert_eq!(f.current().value, "config as code");
        f.cycle(false);
        f.cycle(false);
        assert_eq!(f.current().value, Team::Gui.describe());
        f.cursor = index(&f, Setting::Own);
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
                    let p = Profile {
                        team,
                        support,
                        marketing,
                        ..Profile::default()
                    };
                    let mut f = ProfileForm::new(&p);
                    assert_eq!(f.profile(&cat), Some(p.clone()));
                    // The label shown for the team is the one sentences use.
                    let shown = &f.fields[index(&f, Setting::Team)].value;
                    assert_eq!(shown, team.describe());
                }
            }
        }
    }

    #[test]
    fn amounts() {
        assert_eq!(parse_amount("20k"), Ok(20_000.0));
        assert_eq!(parse_amount("$1,500"), Ok(1_500.0));
        assert_eq!(parse_amount("1.5M"), Ok(1_500_000.0));
        assert!(parse_amount("lots").is_err());
        assert!(parse_amount("-5").is_err());
    }
}
