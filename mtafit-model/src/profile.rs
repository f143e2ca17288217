//! The sender's situation (a contract: docs/catalogue.md, "Profile files"): what the model fits
//! engines against.

use crate::catalogue::{Capability, FactorId, embedded};
use crate::ronfile::{self, Diagnostic, Locator, Pos, Severity, Step};
use crate::units;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// What the team can operate, from least to most programming.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Default,
    strum::EnumCount,
)]
pub enum Team {
    /// Integrates with an HTTP API or SMTP relay and no more.
    Api,
    /// Runs software through a web console.
    Gui,
    /// Maintains static configuration files.
    #[default]
    StaticConfig,
    /// Writes and reviews configuration as code.
    ConfigAsCode,
    /// Writes real programs against the engine.
    Programming,
}

impl Team {
    /// Position on the same ladder as [`crate::catalogue::Config::level`].
    pub fn level(self) -> u8 {
        self as u8
    }

    /// The top of the ladder: a team that programs.
    pub const TOP_LEVEL: u8 = Team::Programming as u8;

    /// Words for a sentence: "static config".
    pub fn describe(self) -> &'static str {
        match self {
            Team::Api => "API integration",
            Team::Gui => "web consoles",
            Team::StaticConfig => "static config",
            Team::ConfigAsCode => "config as code",
            Team::Programming => "programming",
        }
    }

    /// Every value, in ladder order.
    pub const ALL: [Team; <Team as strum::EnumCount>::COUNT] = [
        Team::Api,
        Team::Gui,
        Team::StaticConfig,
        Team::ConfigAsCode,
        Team::Programming,
    ];
}

/// The support the sender needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, strum::EnumCount)]
pub enum SupportNeed {
    /// A community and the team's own skill are enough.
    #[default]
    Community,
    /// A contract with a service-level agreement is required.
    VendorSla,
}

impl SupportNeed {
    /// Every value.
    pub const ALL: [SupportNeed; <SupportNeed as strum::EnumCount>::COUNT] =
        [SupportNeed::Community, SupportNeed::VendorSla];

    /// A short label: "community", "vendor SLA".
    pub fn label(self) -> &'static str {
        match self {
            SupportNeed::Community => "community",
            SupportNeed::VendorSla => "vendor SLA",
        }
    }

    /// Words for a sentence: "a contract with an SLA".
    pub fn describe(self) -> &'static str {
        match self {
            SupportNeed::Community => "a community is enough",
            SupportNeed::VendorSla => "a contract with an SLA",
        }
    }
}

/// How the sender feels about bundled list and campaign tooling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, strum::EnumCount)]
pub enum Marketing {
    /// Would rather not pay for it.
    Unwanted,
    /// Does not matter.
    #[default]
    Indifferent,
    /// Wants it from the same vendor.
    Wanted,
}

impl Marketing {
    /// Every value.
    pub const ALL: [Marketing; <Marketing as strum::EnumCount>::COUNT] = [
        Marketing::Unwanted,
        Marketing::Indifferent,
        Marketing::Wanted,
    ];

    /// A short label: "unwanted", "indifferent", "wanted".
    pub fn label(self) -> &'static str {
        match self {
            Marketing::Unwanted => "unwanted",
            Marketing::Indifferent => "indifferent",
            Marketing::Wanted => "wanted",
        }
    }
}

/// The sender's profile; every field has the default a reader of the brief would assume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Profile {
    /// False: an ESP is enough (the brief's first gate).
    pub own_infrastructure: bool,
    /// Messages accepted for delivery per month.
    #[serde(deserialize_with = "volume_field")]
    pub monthly_volume: u64,
    /// A yearly spending cap, or `None` for no cap.
    pub annual_budget_usd: Option<f64>,
    /// What the team can operate.
    pub team: Team,
    /// Engine ids the team already runs well.
    pub team_knows: Vec<String>,
    /// Engine ids whose licence is already paid.
    pub licences_held: Vec<String>,
    /// Containers, Kubernetes and Prometheus are how the team runs things.
    pub cloud_native: bool,
    /// The support the sender needs.
    pub support: SupportNeed,
    /// Bundled marketing tooling: wanted, unwanted or neither.
    pub marketing: Marketing,
    /// Capabilities an engine must have (`Yes` or a standard add-on): one it has only partly
    /// ranks it below those that meet every must; one it lacks puts it out of the running.
    pub must: Vec<Capability>,
    /// Capabilities that count toward the capabilities factor.
    pub want: Vec<Capability>,
    /// Cost of an hour of operations work (an assumption).
    pub hourly_rate_usd: f64,
    /// Cost of one server a month (an assumption).
    pub node_cost_per_month_usd: f64,
    /// Operations hours a month for a self-hosted estate whatever its size: patching, log
    /// review, upgrades (an assumption, the same for every self-hosted engine; the work on each
    /// address is `deliverability_hours_per_ip_per_month`).
    pub ops_base_hours_per_month: f64,
    /// Operations hours a month for each server of the estate (an assumption).
    pub ops_hours_per_node_per_month: f64,
    /// Operations hours a month to keep an integration with a managed service going (an
    /// assumption, the same for every service).
    pub service_ops_hours_per_month: f64,
    /// Hours a day that carry the day's sending (an assumption; 6 is the catalogue's own rule
    /// for turning a per-hour figure into a month): an estate is sized for its busiest hour.
    pub busy_hours_per_day: f64,
    /// The busiest day against an average one (an assumption; 1.5 after an ESP's Cyber Monday
    /// against its usual day): an estate is sized for it.
    pub peak_day_factor: f64,
    /// Spare nodes beside those the peak needs, so a failed node loses no sending (an
    /// assumption: n+1).
    pub spare_nodes: u32,
    /// From this monthly volume an estate runs its spares; below it, a single well-configured
    /// node (an assumption: the brief's 10M line).
    #[serde(deserialize_with = "volume_field")]
    pub spares_from_per_month: u64,
    /// Messages one warmed IP address carries on the busiest day (an assumption; 500,000 after
    /// Mailchimp Transactional's "up to 500,000 a day").
    pub messages_per_ip_per_day: u64,
    /// The price of one IP address a month for a self-hosted estate (an assumption; 3.65 USD is
    /// a public IPv4 address on AWS at 0.005 USD an hour).
    pub ip_cost_per_month_usd: f64,
    /// Hours a month, for each node beyond the first that sends at the busiest hour, to keep
    /// per-provider limits split across nodes that do not share them (an assumption).
    pub coordination_hours_per_node_per_month: f64,
    /// Deliverability hours a month for each warmed IP address: warming, reputation, feedback
    /// loops (an assumption).
    pub deliverability_hours_per_ip_per_month: f64,
    /// Whether staff time counts against `annual_budget_usd`; by default the cap is cash
    /// (licences, fees, servers, addresses, contracts) and staff time is shown beside it.
    pub cap_counts_staff: bool,
    /// How fast the volume grows, as `measure --write-profile` measured it or the sender
    /// expects (an addition to the contract); `None`: unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub growth: Option<Growth>,
    /// Factor weights saved with the profile (an addition to the contract); empty: defaults.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "crate::ronfile::unique::map"
    )]
    pub weights: BTreeMap<String, f64>,
    /// Engine ids of a saved shortlist (an addition to the contract).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shortlist: Vec<String>,
}

/// Month-over-month growth of the volume.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Growth {
    /// Growth a month as a share: 0.06 for +6 % a month, −0.02 for a 2 % fall.
    pub per_month: f64,
    /// Calendar months it was measured over; 0 when it is an estimate nobody measured.
    #[serde(default)]
    pub months: u32,
}

/// The brief's line between "a tuned Postfix suffices" and the high-volume engines.
pub const VOLUME_LINE: u64 = 10_000_000;

/// The hours a day an estate may be sized for: at least one, at most the whole day.
pub const BUSY_HOURS: std::ops::RangeInclusive<f64> = 1.0..=24.0;

/// How much busier than an average day the busiest may be: from not at all to ten times.
pub const PEAK_DAY: std::ops::RangeInclusive<f64> = 1.0..=10.0;

/// The most spare nodes an estate keeps.
pub const MAX_SPARES: u32 = 100;

/// The brief's own example: 7,421,043 messages accepted in 30 days.
pub const BRIEF_VOLUME: u64 = 7_421_043;

impl Default for Profile {
    fn default() -> Profile {
        Profile {
            own_infrastructure: true,
            monthly_volume: BRIEF_VOLUME,
            annual_budget_usd: None,
            team: Team::StaticConfig,
            team_knows: Vec::new(),
            licences_held: Vec::new(),
            cloud_native: false,
            support: SupportNeed::Community,
            marketing: Marketing::Indifferent,
            must: Vec::new(),
            want: Vec::new(),
            hourly_rate_usd: 90.0,
            node_cost_per_month_usd: 150.0,
            ops_base_hours_per_month: 6.0,
            ops_hours_per_node_per_month: 2.0,
            service_ops_hours_per_month: 2.0,
            busy_hours_per_day: 6.0,
            peak_day_factor: 1.5,
            spare_nodes: 1,
            spares_from_per_month: VOLUME_LINE,
            messages_per_ip_per_day: 500_000,
            ip_cost_per_month_usd: 3.65,
            coordination_hours_per_node_per_month: 1.0,
            deliverability_hours_per_ip_per_month: 0.5,
            cap_counts_staff: false,
            growth: None,
            weights: BTreeMap::new(),
            shortlist: Vec::new(),
        }
    }
}

/// Accept `7_421_043` or a string such as `"7.4M"` or `"250k/day"` for the volume.
fn volume_field<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = u64;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(
                "a number of messages a month, or a string such as \"7.4M\" or \"250k/day\"",
            )
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<u64, E> {
            Ok(v)
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<u64, E> {
            u64::try_from(v).map_err(|_| E::custom("expected a volume of 0 or more"))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<u64, E> {
            units::parse_volume(v).map_err(E::custom)
        }
    }
    d.deserialize_any(V)
}

impl Profile {
    /// A one-line summary: "own · 7.4M/month · no budget cap · team: static config".
    pub fn summary(&self) -> String {
        let mut parts = vec![
            if self.own_infrastructure {
                "own"
            } else {
                "rent (ESP)"
            }
            .to_owned(),
            format!("{}/month", units::volume(self.monthly_volume)),
            match self.annual_budget_usd {
                Some(b) => format!("budget {}/yr", units::usd(b)),
                None => "no budget cap".to_owned(),
            },
            format!("team: {}", self.team.describe()),
        ];
        if self.cloud_native {
            parts.push("cloud-native".into());
        }
        if self.support == SupportNeed::VendorSla {
            parts.push("needs an SLA".into());
        }
        match self.marketing {
            Marketing::Wanted => parts.push("wants marketing".into()),
            Marketing::Unwanted => parts.push("no marketing".into()),
            Marketing::Indifferent => {}
        }
        if !self.must.is_empty() {
            let must: Vec<&str> = self.must.iter().map(|c| c.id()).collect();
            parts.push(format!("must: {}", must.join(", ")));
        }
        if !self.licences_held.is_empty() {
            parts.push(format!("licences: {}", self.licences_held.join(", ")));
        }
        parts.join(" · ")
    }

    /// Every number at its resolution (valid numbers only, see [`Profile::problems`]): a budget
    /// in whole dollars, other amounts in cents, hours and weights in hundredths.
    pub fn round(&mut self) {
        self.annual_budget_usd = self.annual_budget_usd.map(|b| units::round_to(b, 0));
        for v in [
            &mut self.hourly_rate_usd,
            &mut self.node_cost_per_month_usd,
            &mut self.ops_base_hours_per_month,
            &mut self.ops_hours_per_node_per_month,
            &mut self.service_ops_hours_per_month,
            &mut self.busy_hours_per_day,
            &mut self.peak_day_factor,
            &mut self.ip_cost_per_month_usd,
            &mut self.coordination_hours_per_node_per_month,
            &mut self.deliverability_hours_per_ip_per_month,
        ] {
            *v = units::round_to(*v, 2);
        }
        for w in self.weights.values_mut() {
            *w = units::round_to(*w, 2);
        }
    }

    /// Problems a person could fix: unknown capability or factor ids, impossible numbers.
    pub fn problems(&self) -> Vec<String> {
        self.issues().into_iter().map(|i| i.message).collect()
    }

    /// Each problem with the place in a profile file it belongs to.
    fn issues(&self) -> Vec<Issue> {
        let mut out = Vec::new();
        // Upper bounds keep every cost a finite number a table can print; amounts count in
        // cents and hours in hundredths, so none is a speck that shows as 0 and still counts.
        for (field, v, max, unit) in [
            (
                "hourly_rate_usd",
                self.hourly_rate_usd,
                100_000.0,
                "USD an hour",
            ),
            (
                "ops_base_hours_per_month",
                self.ops_base_hours_per_month,
                744.0,
                "hours a month",
            ),
            (
                "ops_hours_per_node_per_month",
                self.ops_hours_per_node_per_month,
                744.0,
                "hours a month",
            ),
            (
                "service_ops_hours_per_month",
                self.service_ops_hours_per_month,
                744.0,
                "hours a month",
            ),
            (
                "node_cost_per_month_usd",
                self.node_cost_per_month_usd,
                10_000_000.0,
                "USD a month",
            ),
            (
                "ip_cost_per_month_usd",
                self.ip_cost_per_month_usd,
                10_000.0,
                "USD a month",
            ),
            (
                "coordination_hours_per_node_per_month",
                self.coordination_hours_per_node_per_month,
                744.0,
                "hours a month",
            ),
            (
                "deliverability_hours_per_ip_per_month",
                self.deliverability_hours_per_ip_per_month,
                744.0,
                "hours a month",
            ),
        ] {
            if units::money_value(v, max).is_none() {
                let step = if unit.starts_with("USD") {
                    "amounts count in cents"
                } else {
                    "hours count in hundredths"
                };
                out.push(Issue {
                    at: Where::Field(field),
                    message: format!(
                        "expected {field} of 0, or from 0.01 to {} {unit} ({step}), found {}",
                        units::grouped(max as u64),
                        units::quoted_number(v)
                    ),
                });
            }
        }
        for (field, v, range, words) in [
            (
                "busy_hours_per_day",
                self.busy_hours_per_day,
                BUSY_HOURS,
                "hours a day",
            ),
            (
                "peak_day_factor",
                self.peak_day_factor,
                PEAK_DAY,
                "times an average day",
            ),
        ] {
            if !v.is_finite() || !range.contains(&v) {
                out.push(Issue {
                    at: Where::Field(field),
                    message: format!(
                        "expected {field} from {} to {} {words}, found {}",
                        range.start(),
                        range.end(),
                        units::quoted_number(v)
                    ),
                });
            }
        }
        if self.spare_nodes > MAX_SPARES {
            out.push(Issue {
                at: Where::Field("spare_nodes"),
                message: format!(
                    "expected spare_nodes from 0 to {MAX_SPARES}, found {}",
                    self.spare_nodes
                ),
            });
        }
        if self.spares_from_per_month > units::MAX_VOLUME {
            out.push(Issue {
                at: Where::Field("spares_from_per_month"),
                message: format!(
                    "expected spares_from_per_month of at most {}, found {}",
                    units::MAX_VOLUME_WORDS,
                    units::grouped(self.spares_from_per_month)
                ),
            });
        }
        if !(1..=units::MAX_VOLUME).contains(&self.messages_per_ip_per_day) {
            out.push(Issue {
                at: Where::Field("messages_per_ip_per_day"),
                message: format!(
                    "expected messages_per_ip_per_day from 1 to {}, found {}",
                    units::grouped(units::MAX_VOLUME),
                    units::grouped(self.messages_per_ip_per_day)
                ),
            });
        }
        if let Some(b) = self.annual_budget_usd
            && units::budget_value(b).is_none()
        {
            out.push(Issue {
                at: Where::Field("annual_budget_usd"),
                message: format!(
                    "expected annual_budget_usd to be {}, or None for no cap; found {}",
                    units::BUDGET_WORDS,
                    units::quoted_number(b)
                ),
            });
        }
        if self.monthly_volume > units::MAX_VOLUME {
            out.push(Issue {
                at: Where::Field("monthly_volume"),
                message: format!(
                    "expected monthly_volume of at most {}, found {}",
                    units::MAX_VOLUME_WORDS,
                    units::grouped(self.monthly_volume)
                ),
            });
        }
        if let Some(g) = self.growth
            && !units::GROWTH_RANGE.contains(&g.per_month)
        {
            out.push(Issue {
                at: Where::Field("growth"),
                message: format!(
                    "expected growth per_month from -0.5 to 1.0 (−50 % to +100 % a month), found {}",
                    units::quoted_number(g.per_month)
                ),
            });
        }
        for (id, w) in &self.weights {
            if FactorId::from_id(id).is_none() {
                out.push(Issue {
                    at: Where::Key("weights", id.clone()),
                    message: format!(
                        "unknown factor {:?} in weights; expected one of {}{}",
                        crate::text::sanitize(id),
                        FactorId::ids().join(", "),
                        ronfile::suggest(id, &FactorId::ids())
                    ),
                });
            } else if units::weight_value(*w).is_none() {
                out.push(Issue {
                    at: Where::KeyValue("weights", id.clone()),
                    message: format!(
                        "expected the weight of {id} to be {}, found {}",
                        units::WEIGHT_WORDS,
                        units::quoted_number(*w)
                    ),
                });
            }
        }
        out
    }
}

/// A problem in a profile and where in the file it belongs.
struct Issue {
    at: Where,
    message: String,
}

/// A place in a profile file.
enum Where {
    Field(&'static str),
    Key(&'static str, String),
    KeyValue(&'static str, String),
}

/// What the top level of a profile file must look like.
const PROFILE_SHAPE: &str = "a profile written as `Profile(monthly_volume: …, …)`";

/// Parse a profile file; every problem is located in the file.
pub fn parse(path: &str, bytes: &[u8]) -> Result<Profile, Vec<Diagnostic>> {
    let src = ronfile::decode(path, bytes).map_err(|d| vec![d])?;
    let mut p: Profile = ronfile::parse(path, src, PROFILE_SHAPE).map_err(|d| vec![d])?;
    let loc = Locator::new(src);
    let diags: Vec<Diagnostic> = p
        .issues()
        .into_iter()
        .map(|issue| {
            let found = match &issue.at {
                Where::Field(f) => loc.find(&[Step::Field(f)]).map(|f| (f.value, f.value_len)),
                Where::Key(f, k) => loc
                    .find(&[Step::Field(f), Step::Key(k)])
                    .map(|f| (f.key, f.key_len)),
                Where::KeyValue(f, k) => loc
                    .find(&[Step::Field(f), Step::Key(k)])
                    .map(|f| (f.value, f.value_len)),
            };
            let (pos, len) = found.unwrap_or((Pos::START, 1));
            Diagnostic::at(Severity::Error, path, src, pos, len, issue.message)
        })
        .collect();
    if !diags.is_empty() {
        return Err(diags);
    }
    p.round();
    for s in p
        .team_knows
        .iter_mut()
        .chain(p.licences_held.iter_mut())
        .chain(p.shortlist.iter_mut())
    {
        *s = crate::text::sanitize(s).into_owned();
    }
    Ok(p)
}

/// Top-level field names of a profile file, in the order `Profile` declares them.
const FIELDS: [&str; 28] = [
    "own_infrastructure",
    "monthly_volume",
    "annual_budget_usd",
    "team",
    "team_knows",
    "licences_held",
    "cloud_native",
    "support",
    "marketing",
    "must",
    "want",
    "hourly_rate_usd",
    "node_cost_per_month_usd",
    "ops_base_hours_per_month",
    "ops_hours_per_node_per_month",
    "service_ops_hours_per_month",
    "busy_hours_per_day",
    "peak_day_factor",
    "spare_nodes",
    "spares_from_per_month",
    "messages_per_ip_per_day",
    "ip_cost_per_month_usd",
    "coordination_hours_per_node_per_month",
    "deliverability_hours_per_ip_per_month",
    "cap_counts_staff",
    "growth",
    "weights",
    "shortlist",
];

/// A new profile file holding only a monthly volume and, when measured, its growth (every
/// other field takes its default).
pub fn new_with_volume(volume: u64, growth: Option<Growth>) -> String {
    let growth = growth.map_or(String::new(), |g| {
        format!("    growth: {},\n", growth_value(g))
    });
    format!(
        "// Written by `mtafit measure`; every field left out takes its default.\nProfile(\n    monthly_volume: {volume},\n{growth})\n"
    )
}

/// A growth as a profile file writes it.
fn growth_value(g: Growth) -> String {
    format!(
        "Some((per_month: {}, months: {}))",
        units::round_to(g.per_month, 4),
        g.months
    )
}

/// `src` (a valid profile file) with `monthly_volume` set to `volume` and `growth` to what was
/// measured (a growth already there is set to `None` when nothing could be); every other byte
/// is kept, comments and a byte-order mark included. A missing field is added before the first
/// one.
pub fn with_volume(
    path: &str,
    src: &[u8],
    volume: u64,
    growth: Option<Growth>,
) -> Result<String, Vec<Diagnostic>> {
    parse(path, src)?;
    // `decode` drops the mark so positions count from the text; put it back on the way out.
    let bom = if src.starts_with("\u{feff}".as_bytes()) {
        "\u{feff}"
    } else {
        ""
    };
    let src = ronfile::decode(path, src).map_err(|d| vec![d])?;
    let text = edit_field(src, "monthly_volume", &volume.to_string(), true);
    let text = match growth {
        Some(g) => edit_field(&text, "growth", &growth_value(g), true),
        None => edit_field(&text, "growth", "None", false),
    };
    Ok(format!("{bom}{text}"))
}

/// `src` with the top-level field `name` set to `value`, the rest kept byte for byte; a
/// missing field is added before the first one when `add`.
fn edit_field(src: &str, name: &str, value: &str, add: bool) -> String {
    let loc = Locator::new(src);
    if let Some(f) = loc.find(&[Step::Field(name)]) {
        let start = f.value.offset_in(src);
        let mut end = start
            + src[start..]
                .char_indices()
                .nth(f.value_len)
                .map_or(src.len() - start, |(i, _)| i);
        // `Some((per_month: …))`: the value runs to the parenthesis that closes its first one.
        if src[end..].trim_start().starts_with('(') {
            let open = end + (src[end..].len() - src[end..].trim_start().len());
            let mut depth = 0usize;
            let mut in_string = false;
            let mut escaped = false;
            for (i, ch) in src[open..].char_indices() {
                match ch {
                    _ if escaped => escaped = false,
                    '\\' if in_string => escaped = true,
                    '"' => in_string = !in_string,
                    '(' if !in_string => depth += 1,
                    ')' if !in_string => {
                        depth -= 1;
                        if depth == 0 {
                            end = open + i + 1;
                            break;
                        }
                    }
                    _ => {}
                }
            }
        }
        return format!("{}{value}{}", &src[..start], &src[end..]);
    }
    if !add {
        return src.to_owned();
    }
    let first = FIELDS
        .iter()
        .filter_map(|name| loc.find(&[Step::Field(name)]))
        .map(|f| f.key.offset_in(src))
        .min();
    match first {
        Some(at) => {
            let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
            let indent = &src[line_start..at];
            let sep = if indent.trim().is_empty() {
                format!("\n{indent}")
            } else {
                " ".into()
            };
            format!("{}{name}: {value},{sep}{}", &src[..at], &src[at..])
        }
        None => {
            // `Profile()`: the field goes inside the last parenthesis.
            let close = loc
                .token_before(src.len())
                .map_or(src.len(), |(start, _, _)| start);
            format!("{}{name}: {value}{}", &src[..close], &src[close..])
        }
    }
}

/// The names of the built-in example profiles (`data/profiles/<name>.ron`).
pub fn builtin_names() -> Vec<&'static str> {
    embedded::PROFILES
        .iter()
        .filter_map(|(path, _)| path.rsplit('/').next().and_then(|f| f.strip_suffix(".ron")))
        .collect()
}

/// Load `--profile`: a file path, or the name of a built-in example such as `brief-7.4m`.
pub fn load(arg: &Path) -> Result<Profile, Vec<Diagnostic>> {
    let shown = arg.display().to_string();
    match ronfile::read(arg) {
        Ok(bytes) => parse(&shown, &bytes),
        Err(why) if why.is_missing() => {
            let name = shown.strip_suffix(".ron").unwrap_or(&shown);
            if let Some((path, bytes)) = embedded::PROFILES
                .iter()
                .find(|(p, _)| p.rsplit('/').next() == Some(&format!("{name}.ron")))
            {
                return parse(path, bytes);
            }
            Err(vec![Diagnostic::whole_file(
                Severity::Error,
                &shown,
                format!(
                    "cannot read the profile: there is no such file; give a file, or one of the \
                     built-in profiles: {}",
                    builtin_names().join(", ")
                ),
            )])
        }
        Err(why) => Err(vec![why.diagnostic(Severity::Error, arg)]),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn an_optional_field_takes_a_bare_value_or_some() {
        // `annual_budget_usd: 15000` as people write it, and `Some(15000)` as RON writes it.
        for text in [
            "Profile(annual_budget_usd: 15000)",
            "Profile(annual_budget_usd: Some(15000))",
            "Profile(annual_budget_usd: 15000.0)",
        ] {
            let p = parse("p.ron", text.as_bytes()).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(p.annual_budget_usd, Some(15000.0), "{text}");
        }
        let p = parse("p.ron", b"Profile(annual_budget_usd: None)").unwrap();
        assert_eq!(p.annual_budget_usd, None);
    }

    #[test]
    fn the_volume_is_replaced_and_nothing_else_moves() {
        let src = "// ours\nProfile(\n    own_infrastructure: true, // keep\n    monthly_volume: \"7.4M\",\n    team: ConfigAsCode,\n)\n";
        let out = super::with_volume("p.ron", src.as_bytes(), 12_345, None).unwrap();
        assert_eq!(out, src.replace("\"7.4M\"", "12345"));
        let out = super::with_volume("p.ron", out.as_bytes(), 7, None).unwrap();
        assert_eq!(out, src.replace("\"7.4M\"", "7"));
    }

    #[test]
    fn a_missing_volume_is_added_before_the_first_field() {
        let src = "Profile(\n    team: Programming,\n)\n";
        let out = super::with_volume("p.ron", src.as_bytes(), 5, None).unwrap();
        assert_eq!(
            out,
            "Profile(\n    monthly_volume: 5,\n    team: Programming,\n)\n"
        );
        assert_eq!(
            super::parse("p.ron", out.as_bytes())
                .unwrap()
                .monthly_volume,
            5
        );
        let out = super::with_volume("p.ron", b"Profile()", 9, None).unwrap();
        assert_eq!(
            super::parse("p.ron", out.as_bytes())
                .unwrap()
                .monthly_volume,
            9
        );
        let fresh = super::new_with_volume(42, None);
        assert_eq!(
            super::parse("p.ron", fresh.as_bytes())
                .unwrap()
                .monthly_volume,
            42
        );
    }

    #[test]
    fn a_byte_order_mark_is_kept() {
        let src = "\u{feff}// ours\nProfile(monthly_volume: 5)\n";
        let out = super::with_volume("p.ron", src.as_bytes(), 7, None).unwrap();
        assert_eq!(out, "\u{feff}// ours\nProfile(monthly_volume: 7)\n");
        let out = super::with_volume("p.ron", "\u{feff}Profile()".as_bytes(), 7, None).unwrap();
        assert_eq!(out, "\u{feff}Profile(monthly_volume: 7)");
    }

    #[test]
    fn the_growth_is_written_beside_the_volume_and_cleared_when_unknown() {
        let g = Growth {
            per_month: 0.061_234,
            months: 5,
        };
        let src = "Profile(\n    monthly_volume: 5, // ours\n    team: Programming,\n)\n";
        let out = super::with_volume("p.ron", src.as_bytes(), 7, Some(g)).unwrap();
        assert_eq!(
            out,
            "Profile(\n    growth: Some((per_month: 0.0612, months: 5)),\n    monthly_volume: 7, // ours\n    team: Programming,\n)\n"
        );
        let p = super::parse("p.ron", out.as_bytes()).unwrap();
        assert_eq!(p.growth.map(|g| g.months), Some(5));
        // Measured again with too short a log: the old growth no longer holds.
        let out = super::with_volume("p.ron", out.as_bytes(), 8, None).unwrap();
        assert!(out.contains("growth: None,"), "{out}");
        assert_eq!(super::parse("p.ron", out.as_bytes()).unwrap().growth, None);
        // A new file holds it too.
        let fresh = super::new_with_volume(42, Some(g));
        assert_eq!(
            super::parse("p.ron", fresh.as_bytes())
                .unwrap()
                .growth
                .unwrap()
                .months,
            5
        );
        // Out of range is refused at the field.
        let e = super::parse("p.ron", b"Profile(growth: Some((per_month: 3.0)))").unwrap_err();
        assert!(
            e[0].to_string()
                .contains("expected growth per_month from -0.5"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn a_broken_profile_is_not_edited() {
        assert!(super::with_volume("p.ron", b"Profile(team: Nope)", 5, None).is_err());
    }

    use super::*;

    #[test]
    fn an_empty_profile_is_the_briefs_sender() {
        let p = parse("p.ron", b"Profile()").unwrap();
        assert_eq!(p, Profile::default());
        assert_eq!(p.monthly_volume, 7_421_043);
        assert!(p.own_infrastructure);
    }

    #[test]
    fn volume_may_be_written_as_text() {
        let p = parse("p.ron", b"Profile(monthly_volume: \"250k/day\")").unwrap();
        assert_eq!(p.monthly_volume, 7_609_375);
        let e = parse("p.ron", b"Profile(monthly_volume: \"lots\")").unwrap_err();
        assert!(e[0].message.contains("write it like"), "{}", e[0].message);
    }

    #[test]
    fn unknown_capabilities_are_located() {
        let src = b"Profile(\n  must: [\"external_queue\", \"web_uii\"],\n)";
        let e = parse("p.ron", src).unwrap_err();
        assert_eq!((e[0].pos.line, e[0].pos.col), (2, 28), "{}", e[0]);
        assert!(e[0].message.contains("did you mean `web_ui`?"), "{}", e[0]);
    }

    #[test]
    fn unknown_fields_and_bad_weights_are_errors() {
        let e = parse("p.ron", b"Profile(monthly_volum: 5)").unwrap_err();
        assert!(e[0].message.contains("did you mean `monthly_volume`?"));
        let e = parse("p.ron", b"Profile(weights: {\"budget\": 11.0})").unwrap_err();
        assert!(e[0].message.contains("from 0.01 to 10"));
        let e = parse("p.ron", b"Profile(annual_budget_usd: Some(-5.0))").unwrap_err();
        assert!(e[0].message.contains("from $1 to"), "{}", e[0]);
        let e = parse("p.ron", b"Profile(hourly_rate_usd: 1e308)").unwrap_err();
        assert!(e[0].message.contains("to 100,000 USD an hour"), "{}", e[0]);
        assert!(e[0].message.ends_with("found 1e308"), "{}", e[0]);
        let e = parse("p.ron", b"Profile(monthly_volume: 18446744073709551615)").unwrap_err();
        assert!(e[0].message.contains("at most"), "{}", e[0]);
    }

    #[test]
    fn money_and_weights_have_a_resolution() {
        // A speck of a budget would show as "$0/yr" and rule out every engine.
        let e = parse("p.ron", b"Profile(annual_budget_usd: Some(1e-300))").unwrap_err();
        assert_eq!(
            e[0].message,
            "expected annual_budget_usd to be a yearly cap from $1 to $1,000,000,000,000 \
             (budgets count in whole dollars), or None for no cap; found 1e-300"
        );
        assert_eq!((e[0].pos.line, e[0].pos.col), (1, 28), "{}", e[0]);
        let e = parse("p.ron", b"Profile(hourly_rate_usd: 1e-9)").unwrap_err();
        assert!(e[0].message.contains("amounts count in cents"), "{}", e[0]);
        let e = parse("p.ron", b"Profile(weights: {\"volume\": 5e-324})").unwrap_err();
        assert!(e[0].message.contains("in hundredths"), "{}", e[0]);
        assert!(e[0].message.ends_with("found 5e-324"), "{}", e[0]);
        // What is accepted is kept at its resolution.
        let p = parse(
            "p.ron",
            b"Profile(annual_budget_usd: 15000.4, hourly_rate_usd: 90.555, weights: {\"team\": 0.333})",
        )
        .unwrap();
        assert_eq!(p.annual_budget_usd, Some(15000.0));
        assert_eq!(p.hourly_rate_usd, 90.56);
        assert_eq!(p.weights["team"], 0.33);
    }

    #[test]
    fn a_volume_above_the_limit_is_refused_where_it_is_written() {
        // As a number: the same bound as `--volume`, pointing at the value.
        let src = b"Profile(\n    team: Api,\n    monthly_volume: 742_104_340_000_000,\n)";
        let e = parse("p.ron", src).unwrap_err();
        assert_eq!((e[0].pos.line, e[0].pos.col), (3, 21), "{}", e[0]);
        assert!(e[0].message.contains(units::MAX_VOLUME_WORDS), "{}", e[0]);
        assert!(e[0].message.contains("742,104,340,000,000"), "{}", e[0]);
        // As text, through `units::parse_volume`.
        let src = b"Profile(\n    monthly_volume: \"742104340M\",\n)";
        let e = parse("p.ron", src).unwrap_err();
        assert_eq!(e[0].pos.line, 2, "{}", e[0]);
        assert!(e[0].message.contains(units::MAX_VOLUME_WORDS), "{}", e[0]);
        // The limit itself is a volume.
        let at_limit = format!("Profile(monthly_volume: {})", units::MAX_VOLUME);
        assert!(parse("p.ron", at_limit.as_bytes()).is_ok());
    }

    #[test]
    fn every_builtin_profile_parses() {
        for (path, bytes) in embedded::PROFILES {
            let p = parse(path, bytes).unwrap_or_else(|d| panic!("{}", d[0]));
            assert!(p.problems().is_empty(), "{path}");
        }
        assert!(builtin_names().contains(&"brief-7.4m"));
    }

    #[test]
    fn summary_reads_as_one_line() {
        assert_eq!(
            Profile::default().summary(),
            "own · 7.4M/month · no budget cap · team: static config"
        );
    }
}
