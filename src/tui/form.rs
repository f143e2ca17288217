//! The profile editor: one field per profile setting, validated as you type.

use mtafit_model::catalogue::{Capability, Catalogue};
use mtafit_model::profile::{Growth, Marketing, Profile, SupportNeed, Team};
use mtafit_model::text::ShortForm;
use mtafit_model::units;
use tui_input::{Input, InputRequest};

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

/// What a pick field picks from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickFrom {
    /// Capability ids.
    Capabilities,
    /// Engine ids of the catalogue.
    Engines,
}

/// The list a pick field opens: every valid id, filtered by what is typed, with the chosen ones
/// ticked.
#[derive(Debug, Clone)]
pub struct Picker {
    /// Every (id, label) that may be picked, in catalogue order.
    pub options: Vec<(String, String)>,
    /// The ids ticked.
    pub chosen: Vec<String>,
    /// What is typed to filter the list.
    pub query: Input,
    /// The options that match the query (indices into `options`), best first.
    pub shown: Vec<usize>,
    /// The highlighted row of `shown`.
    pub cursor: usize,
}

impl Picker {
    /// A picker over `options` with `chosen` ticked.
    pub fn new(options: Vec<(String, String)>, chosen: Vec<String>) -> Picker {
        let mut p = Picker {
            options,
            chosen,
            query: Input::default(),
            shown: Vec::new(),
            cursor: 0,
        };
        p.filter();
        p
    }

    /// Filter the options by the query with the fuzzy matcher (ids and labels), best first.
    pub fn filter(&mut self) {
        use fuzzy_matcher::FuzzyMatcher;
        let q = self.query.value().trim();
        if q.is_empty() {
            self.shown = (0..self.options.len()).collect();
        } else {
            let m = fuzzy_matcher::skim::SkimMatcherV2::default();
            let mut scored: Vec<(i64, usize)> = self
                .options
                .iter()
                .enumerate()
                .filter_map(|(i, (id, label))| {
                    m.fuzzy_match(&format!("{id} {label}"), q).map(|s| (s, i))
                })
                .collect();
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            self.shown = scored.into_iter().map(|(_, i)| i).collect();
        }
        self.cursor = self.cursor.min(self.shown.len().saturating_sub(1));
    }

    /// Tick or untick the highlighted option.
    pub fn toggle(&mut self) {
        let Some(&i) = self.shown.get(self.cursor) else {
            return;
        };
        let id = &self.options[i].0;
        match self.chosen.iter().position(|c| c == id) {
            Some(at) => {
                self.chosen.remove(at);
            }
            None => self.chosen.push(id.clone()),
        }
    }

    /// True when the option is ticked.
    pub fn is_chosen(&self, i: usize) -> bool {
        self.chosen.contains(&self.options[i].0)
    }
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
    /// `growth`
    Growth,
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
    /// `cap_counts_staff`
    CapCountsStaff,
    /// `busy_hours_per_day`
    BusyHours,
    /// `peak_day_factor`
    PeakDay,
    /// `spare_nodes`
    SpareNodes,
    /// `spares_from_per_month`
    SparesFrom,
    /// `messages_per_ip_per_day`
    IpPerDay,
    /// `ip_cost_per_month_usd`
    IpCost,
    /// `coordination_hours_per_node_per_month`
    CoordinationHours,
    /// `deliverability_hours_per_ip_per_month`
    DeliverabilityHours,
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
    /// Replace a text field's value (and put the cursor at its end).
    pub fn set(&mut self, value: String) {
        self.input = Input::new(value.clone());
        self.value = value;
        self.selected = false;
    }
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
}

/// A growth as the form shows it: "6.12%", or empty when unknown.
pub fn growth_text(g: Option<Growth>) -> String {
    g.map_or(String::new(), |g| {
        format!("{}%", units::round_to(g.per_month * 100.0, 2))
    })
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

/// Why a field's text is not a value the field takes.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
enum FieldError {
    /// A volume or growth that cannot be read.
    #[error(transparent)]
    Units(#[from] units::ParseError),
    /// An id that is none of the capabilities.
    #[error(transparent)]
    Capability(#[from] mtafit_model::catalogue::UnknownCapability),
    /// An engine id the catalogue does not have.
    #[error(transparent)]
    Engine(#[from] mtafit_model::catalogue::UnknownEngine),
    /// Not an amount of money.
    #[error("expected an amount such as 20000, 20k or 1.5M")]
    Amount,
    /// An amount of money out of range, or finer than a cent.
    #[error("expected 0, or from $0.01 to ${} {per} (amounts count in cents)", units::grouped(*.max))]
    Money {
        /// The largest amount.
        max: u64,
        /// The period the amount is paid for ("a month").
        per: &'static str,
    },
    /// A budget cap out of range.
    #[error("expected {}; leave it empty for no cap", units::BUDGET_WORDS)]
    Budget,
    /// A number outside its range.
    #[error("expected {} to {} {unit}", .range.start(), .range.end())]
    Within {
        /// The numbers taken.
        range: std::ops::RangeInclusive<f64>,
        /// What they count.
        unit: &'static str,
    },
    /// Hours a month out of range, or finer than a hundredth.
    #[error("expected hours a month: 0, or from 0.01 to 744 (in hundredths)")]
    Hours,
    /// Spare nodes out of range.
    #[error(
        "expected a whole number of nodes from 0 to {}",
        mtafit_model::profile::MAX_SPARES
    )]
    Spares,
    /// Messages a day that are not a volume of at least one.
    #[error("expected messages a day, such as 500000 or 500k")]
    PerDay,
}

impl ShortForm for FieldError {
    /// What the form shows beside the field: the value is in view, and there is no room for a
    /// list of every capability or engine.
    fn short(&self) -> String {
        match self {
            FieldError::Units(e) => e.short(),
            FieldError::Capability(e) => e.short(),
            FieldError::Engine(e) => e.short(),
            other => other.to_string(),
        }
    }
}

/// A dollar amount: `20000`, `20k`, `1.5M`.
fn parse_amount(s: &str) -> Result<f64, FieldError> {
    let t = s.trim().trim_start_matches('$').replace([',', '_'], "");
    let (num, scale) = match t.chars().last() {
        Some('k' | 'K') => (&t[..t.len() - 1], 1e3),
        Some('m' | 'M') => (&t[..t.len() - 1], 1e6),
        _ => (t.as_str(), 1.0),
    };
    match num.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v * scale),
        _ => Err(FieldError::Amount),
    }
}

/// An amount from 0 to `max` dollars `per` period, in cents.
fn money(s: &str, max: f64, per: &'static str) -> Result<f64, FieldError> {
    parse_amount(s).and_then(|v| {
        units::money_value(v, max).ok_or(FieldError::Money {
            max: max as u64,
            per,
        })
    })
}

/// A number in `range`, in hundredths.
fn within(
    s: &str,
    range: std::ops::RangeInclusive<f64>,
    unit: &'static str,
) -> Result<f64, FieldError> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && range.contains(v))
        .map(|v| units::round_to(v, 2))
        .ok_or(FieldError::Within { range, unit })
}

/// Hours a month: 0, or from 0.01 to 744 (every hour of a 31-day month), in hundredths.
fn parse_hours(s: &str) -> Result<f64, FieldError> {
    s.trim()
        .parse::<f64>()
        .ok()
        .and_then(|v| units::money_value(v, 744.0))
        .ok_or(FieldError::Hours)
}

impl ProfileForm {
    /// A form showing `p`.
    pub fn new(p: &Profile) -> ProfileForm {
        let f = |setting, label, kind, value: String, hint| Field {
            setting,
            label,
            kind,
            input: Input::new(value.clone()),
            selected: false,
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
                Setting::Growth,
                "Growth a month",
                Kind::Text,
                growth_text(p.growth),
                "empty when unknown; 6% or -2%: the path view says when you reach the next pick",
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
                Setting::CapCountsStaff,
                "Cap counts staff time",
                Kind::Toggle,
                yes_no(p.cap_counts_staff),
                "no: the cap is cash (licences, fees, servers, addresses); staff time shows beside it",
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
                Kind::Pick(PickFrom::Engines),
                list(&p.team_knows),
                "engines your team runs today; Space or → picks from the catalogue",
            ),
            f(
                Setting::Licences,
                "Licences held",
                Kind::Pick(PickFrom::Engines),
                list(&p.licences_held),
                "engines whose licence is already paid; Space or → picks from the catalogue",
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
                Kind::Pick(PickFrom::Capabilities),
                p.must.iter().map(|c| c.id()).collect::<Vec<_>>().join(", "),
                "an engine without one is out, one with it only partly ranks lower; Space or → picks",
            ),
            f(
                Setting::Want,
                "Would like",
                Kind::Pick(PickFrom::Capabilities),
                p.want.iter().map(|c| c.id()).collect::<Vec<_>>().join(", "),
                "capabilities that count toward the capabilities factor; Space or → picks",
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
            f(
                Setting::BusyHours,
                "Busy hours/day",
                Kind::Text,
                format!("{}", p.busy_hours_per_day),
                "an assumption: the hours a day's sending goes out in (1–24); nodes are sized for them",
            ),
            f(
                Setting::PeakDay,
                "Busiest day × average",
                Kind::Text,
                format!("{}", p.peak_day_factor),
                "an assumption (1–10): 1.5 is an ESP's Cyber Monday against its usual day",
            ),
            f(
                Setting::SpareNodes,
                "Spare nodes",
                Kind::Text,
                p.spare_nodes.to_string(),
                "an assumption: nodes beside those the busiest hour needs, so a failure loses nothing",
            ),
            f(
                Setting::SparesFrom,
                "  from volume",
                Kind::Text,
                p.spares_from_per_month.to_string(),
                "an assumption: below this a single well-configured node (the brief's 10M line)",
            ),
            f(
                Setting::IpPerDay,
                "Messages/IP/day",
                Kind::Text,
                p.messages_per_ip_per_day.to_string(),
                "an assumption: what one warmed address carries on the busiest day (500k: Mailchimp Transactional)",
            ),
            f(
                Setting::IpCost,
                "IP address/month USD",
                Kind::Text,
                format!("{}", p.ip_cost_per_month_usd),
                "an assumption: 3.65 is a public IPv4 address on AWS",
            ),
            f(
                Setting::CoordinationHours,
                "Coordination h/node",
                Kind::Text,
                format!("{}", p.coordination_hours_per_node_per_month),
                "an assumption: hours a month per extra node to split limits across nodes that share none",
            ),
            f(
                Setting::DeliverabilityHours,
                "Deliverability h/IP",
                Kind::Text,
                format!("{}", p.deliverability_hours_per_ip_per_month),
                "an assumption: hours a month per address for warming, reputation and feedback loops",
            ),
        ];
        ProfileForm {
            fields,
            cursor: 0,
            original: p.clone(),
            measured_growth: None,
            picker: None,
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
            let yes = f.value == YES_NO[1];
            let result: Result<(), FieldError> = match f.setting {
                Setting::Own => {
                    p.own_infrastructure = yes;
                    Ok(())
                }
                Setting::CloudNative => {
                    p.cloud_native = yes;
                    Ok(())
                }
                Setting::CapCountsStaff => {
                    p.cap_counts_staff = yes;
                    Ok(())
                }
                Setting::BusyHours => {
                    within(&f.value, mtafit_model::profile::BUSY_HOURS, "hours a day")
                        .map(|v| p.busy_hours_per_day = v)
                }
                Setting::PeakDay => within(
                    &f.value,
                    mtafit_model::profile::PEAK_DAY,
                    "times an average day",
                )
                .map(|v| p.peak_day_factor = v),
                Setting::SpareNodes => match f.value.trim().parse::<u32>() {
                    Ok(n) if n <= mtafit_model::profile::MAX_SPARES => {
                        p.spare_nodes = n;
                        Ok(())
                    }
                    _ => Err(FieldError::Spares),
                },
                Setting::SparesFrom => units::parse_volume(&f.value)
                    .map(|v| p.spares_from_per_month = v)
                    .map_err(FieldError::from),
                Setting::IpPerDay => match units::parse_volume(&f.value) {
                    Ok(v) if v >= 1 => {
                        p.messages_per_ip_per_day = v;
                        Ok(())
                    }
                    _ => Err(FieldError::PerDay),
                },
                Setting::IpCost => {
                    money(&f.value, 10_000.0, "a month").map(|v| p.ip_cost_per_month_usd = v)
                }
                Setting::CoordinationHours => {
                    parse_hours(&f.value).map(|v| p.coordination_hours_per_node_per_month = v)
                }
                Setting::DeliverabilityHours => {
                    parse_hours(&f.value).map(|v| p.deliverability_hours_per_ip_per_month = v)
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
                Setting::Growth => {
                    if f.value.trim().is_empty() {
                        p.growth = None;
                        Ok(())
                    } else {
                        units::parse_growth(&f.value)
                            .map_err(FieldError::from)
                            .map(|g| {
                                // The figure shown for a measured growth keeps its months.
                                p.growth = Some(
                                    known
                                        .into_iter()
                                        .flatten()
                                        .find(|k| (k.per_month - g).abs() < 5e-5)
                                        .unwrap_or(Growth {
                                            per_month: g,
                                            months: 0,
                                        }),
                                );
                            })
                    }
                }
                Setting::Volume => units::parse_volume(&f.value)
                    .map(|v| p.monthly_volume = v)
                    .map_err(FieldError::from),
                Setting::Budget => {
                    if f.value.trim().is_empty() {
                        p.annual_budget_usd = None;
                        Ok(())
                    } else {
                        parse_amount(&f.value).and_then(|v| match units::budget_value(v) {
                            Some(v) => {
                                p.annual_budget_usd = Some(v);
                                Ok(())
                            }
                            None => Err(FieldError::Budget),
                        })
                    }
                }
                Setting::HourlyRate => {
                    money(&f.value, 100_000.0, "an hour").map(|v| p.hourly_rate_usd = v)
                }
                Setting::NodeCost => {
                    money(&f.value, 10_000_000.0, "a month").map(|v| p.node_cost_per_month_usd = v)
                }
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
                    let given = split_list(&f.value);
                    // Any case finds the engine; the profile keeps the catalogue's spelling.
                    let found: Vec<Option<String>> = given
                        .iter()
                        .map(|id| cat.find_id(id).map(|e| e.id.clone()))
                        .collect();
                    match given.iter().zip(&found).find(|(_, f)| f.is_none()) {
                        Some((bad, _)) => Err(cat.no_such_engine(bad).into()),
                        None => {
                            let items: Vec<String> = found.into_iter().flatten().collect();
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
                    .map_err(FieldError::from),
            };
            f.error = result.err().map(|e| e.short());
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
        let must = index(&f, Setting::Must);
        f.fields[must].set("web_uii".into());
        assert!(f.profile(&cat).is_none());
        assert!(
            f.fields[must]
                .error
                .as_deref()
                .unwrap()
                .contains("did you mean `web_ui`?")
        );
        let knows = index(&f, Setting::TeamKnows);
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
            shown(Setting::Volume, "40Mx"),
            format!("expected a number with an optional k, M or B; {how}")
        );
        assert_eq!(
            shown(Setting::SparesFrom, " "),
            format!("it is empty; {how}")
        );
        assert_eq!(
            shown(Setting::Volume, "1000000000001"),
            units::parse_volume("1000000000001")
                .unwrap_err()
                .to_string(),
            "a volume too large is said in full"
        );
        assert_eq!(
            shown(Setting::Growth, "fast"),
            "cannot read the growth \"fast\"; write it as a percentage a month, like 6% or -2%"
        );
        assert_eq!(
            shown(Setting::Must, "dkim_signing zzz"),
            "unknown capability \"zzz\""
        );
        assert_eq!(
            shown(Setting::Want, "web_uii"),
            "unknown capability \"web_uii\" (did you mean `web_ui`?)"
        );
        assert_eq!(
            shown(Setting::Licences, "postfix powrmta"),
            "no engine \"powrmta\" (did you mean `powermta`?)"
        );
        assert_eq!(
            shown(Setting::Budget, "0.5"),
            "expected a yearly cap from $1 to $1,000,000,000,000 (budgets count in whole \
             dollars); leave it empty for no cap"
        );
        assert_eq!(
            shown(Setting::IpCost, "20000"),
            "expected 0, or from $0.01 to $10,000 a month (amounts count in cents)"
        );
        assert_eq!(
            shown(Setting::BusyHours, "30"),
            "expected 1 to 24 hours a day"
        );
        assert_eq!(
            shown(Setting::SpareNodes, "-1"),
            "expected a whole number of nodes from 0 to 100"
        );
        assert_eq!(
            shown(Setting::IpPerDay, "0"),
            "expected messages a day, such as 500000 or 500k"
        );
        assert_eq!(
            shown(Setting::OpsBaseHours, "800"),
            "expected hours a month: 0, or from 0.01 to 744 (in hundredths)"
        );
        assert_eq!(
            shown(Setting::HourlyRate, "lots"),
            "expected an amount such as 20000, 20k or 1.5M"
        );
    }

    #[test]
    fn engine_ids_are_taken_in_any_case() {
        let cat = Catalogue::builtin();
        let mut f = ProfileForm::new(&Profile::default());
        let held = index(&f, Setting::Licences);
        f.fields[held].set("PowerMTA".into());
        assert_eq!(f.profile(&cat).unwrap().licences_held, ["powermta"]);
    }

    #[test]
    fn entering_a_text_field_selects_it_so_typing_replaces_it() {
        let cat = Catalogue::builtin();
        let mut f = ProfileForm::new(&Profile::default());
        let volume = index(&f, Setting::Volume);
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
        let volume = index(&f, Setting::Volume);
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
        let mut f = ProfileForm::new(&Profile {
            must: vec![Capability::DkimSigning],
            ..Profile::default()
        });
        f.cursor = index(&f, Setting::Must);
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
        f.cursor = index(&f, Setting::Licences);
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
