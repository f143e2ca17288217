//! The catalogue's types: facts about engines and services, never scores.
//!
//! Field names are a contract (docs/catalogue.md): other programs read `show --format json`, and users
//! write these files by hand, so every struct denies unknown fields to catch typos.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// One engine or managed service, as written in `data/engines/<id>.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Engine {
    /// Stable identifier; equals the file name without `.ron`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Self-hosted engine or managed service.
    pub kind: Kind,
    /// Licence model of the software (or the service's terms).
    pub licence: Licence,
    /// Who makes or maintains it.
    pub vendor: String,
    /// Implementation language, or "" for a service.
    pub language: String,
    /// Year of the first public release.
    pub first_release: u16,
    /// Where the first-release year comes from (unsourced years are shown as estimates).
    #[serde(default, skip_serializing_if = "Basis::is_unsourced")]
    pub first_release_basis: Basis,
    /// How alive the project is.
    pub status: Status,
    /// What it is for; without it, a service is a service and an engine a general-purpose MTA.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// What configuring it demands of a team.
    pub config: Config,
    /// The configuration most day-to-day changes take, when it asks less of a team than
    /// `config` (KumoMTA's TOML policy helpers beside its Lua). Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub everyday_config: Option<Config>,
    /// Where the everyday configuration comes from.
    #[serde(default, skip_serializing_if = "Basis::is_unsourced")]
    pub everyday_config_basis: Basis,
    /// Other servers a working install needs the team to run beside it (a message broker);
    /// each is one more step up the team's skill ladder. Optional; empty when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_runs: Vec<String>,
    /// How a self-hosted estate grows past one node; without it, independent nodes (shown as an
    /// estimate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_out: Option<ScaleOut>,
    /// Where the scale-out fact comes from.
    #[serde(default, skip_serializing_if = "Basis::is_unsourced")]
    pub scale_out_basis: Basis,
    /// The monthly volume band where it fits.
    pub volume: Volume,
    /// Facts for the cost-of-ownership model.
    pub cost: Cost,
    /// Where help comes from.
    pub support: Support,
    /// The closed set of capabilities (see [`Capability`]); missing ones count as `Unknown`.
    pub capabilities: Capabilities,
    /// For each capability that is an `AddOn` or `Separate`: the add-on or product that gives it.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "crate::ronfile::unique::map"
    )]
    pub add_ons: BTreeMap<Capability, String>,
    /// How many days a service keeps message events and logs for you to search (per the plan
    /// named in the basis); `None` when not published, or for self-hosted engines, where you keep
    /// your own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_retention_days: Option<u32>,
    /// Where the retention comes from.
    #[serde(default, skip_serializing_if = "Basis::is_unsourced")]
    pub event_retention_basis: Basis,
    /// What it is genuinely good at, in our own words.
    pub good_at: String,
    /// What to watch out for, in our own words.
    pub cautions: String,
    /// URLs that back the facts above.
    pub sources: Vec<String>,
    /// The day the facts were last checked, `YYYY-MM-DD`.
    pub checked: String,
}

/// Whether the team runs the software or rents it as a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
    /// Software the sender installs and operates.
    SelfHosted,
    /// A service someone else operates, paid per message or per plan.
    Managed,
}

/// Licence model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Licence {
    /// An open-source licence, as an SPDX expression.
    Open(String),
    /// Proprietary software or a commercial service.
    Commercial,
}

/// What an engine is for: the model recommends each for its own job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumCount)]
pub enum Role {
    /// Built to send bulk and transactional mail at volume: pools, shaping, feedback.
    SendingMta,
    /// A general-purpose MTA: relays, routes and delivers any mail, sends well when tuned.
    GeneralMta,
    /// A mail server for people's mailboxes (IMAP, JMAP) that also sends; not a bulk sender.
    MailboxServer,
    /// A managed sending service.
    Service,
}

impl Role {
    /// Words for a sentence: "a sending MTA".
    pub fn describe(self) -> &'static str {
        match self {
            Role::SendingMta => "a sending MTA",
            Role::GeneralMta => "a general-purpose MTA",
            Role::MailboxServer => "a mailbox server",
            Role::Service => "a managed sending service",
        }
    }
}

/// How a self-hosted estate grows past one node.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::EnumCount,
    strum::VariantArray,
)]
pub enum ScaleOut {
    /// Nodes share their shaping and throttle state: the estate sends as one.
    Shared,
    /// Each node keeps its own limits: per-provider limits are split across nodes by hand.
    Independent,
    /// One node only: it carries what one node carries.
    Single,
}

impl ScaleOut {
    /// Every kind.
    pub const ALL: [ScaleOut; <ScaleOut as strum::EnumCount>::COUNT] = crate::variants::all();

    /// Words for a sentence: "nodes share their shaping state".
    pub fn describe(self) -> &'static str {
        match self {
            ScaleOut::Shared => "nodes share their shaping state",
            ScaleOut::Independent => "independent nodes, per-provider limits split by hand",
            ScaleOut::Single => "one node only",
        }
    }

    /// A short label for tables: "shared", "independent", "one node".
    pub fn label(self) -> &'static str {
        match self {
            ScaleOut::Shared => "shared",
            ScaleOut::Independent => "independent",
            ScaleOut::Single => "one node",
        }
    }
}

/// Where a figure in the catalogue comes from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Basis {
    /// The brief's own figure.
    Brief,
    /// A published source: its URL.
    Source(String),
    /// An estimate, with what it rests on.
    Estimate(String),
    /// Nothing says; shown as an estimate.
    #[default]
    Unsourced,
}

impl Basis {
    /// True when nothing backs the figure.
    pub fn is_unsourced(&self) -> bool {
        *self == Basis::Unsourced
    }

    /// True when the figure is an estimate (said so, or unsourced).
    pub fn is_estimate(&self) -> bool {
        matches!(self, Basis::Estimate(_) | Basis::Unsourced)
    }
}

/// How actively the project or product is developed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Status {
    /// Regular releases and new features.
    Active,
    /// Fixes and occasional releases, little new.
    Maintained,
    /// Roadmap stalled; the product still ships.
    Stalled,
    /// Historically important; rarely chosen for new builds.
    Legacy,
}

/// What configuring the engine demands, from least to most programming skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Config {
    /// Driven through an HTTP API or SMTP credentials only.
    Api,
    /// Configured mostly through a web interface.
    Gui,
    /// Static configuration files.
    StaticFile,
    /// Configuration written as code in the named language.
    ConfigAsCode(String),
    /// Policy written in a full scripting language.
    Scripting(String),
}

impl Config {
    /// Position on the skill ladder: Api 0 … Scripting 4.
    pub fn level(&self) -> u8 {
        match self {
            Config::Api => 0,
            Config::Gui => 1,
            Config::StaticFile => 2,
            Config::ConfigAsCode(_) => 3,
            Config::Scripting(_) => 4,
        }
    }

    /// Short label for tables: "API", "GUI", "static", or the language.
    pub fn label(&self) -> String {
        match self {
            Config::Api => "API".into(),
            Config::Gui => "GUI".into(),
            Config::StaticFile => "static".into(),
            Config::ConfigAsCode(lang) | Config::Scripting(lang) => lang.clone(),
        }
    }

    /// Human description, e.g. "configuration as code (Lua)".
    pub fn describe(&self) -> String {
        match self {
            Config::Api => "API only".into(),
            Config::Gui => "web interface".into(),
            Config::StaticFile => "static configuration files".into(),
            Config::ConfigAsCode(lang) => format!("configuration as code ({lang})"),
            Config::Scripting(lang) => format!("scripted policy ({lang})"),
        }
    }
}

/// Two figures of monthly volume: the band where the brief places an engine, and the ceiling it
/// is proven to carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Volume {
    /// Below this the engine is more than the sender needs.
    pub min_per_month: u64,
    /// Above this the engine leaves the band where it is usually placed.
    pub max_per_month: u64,
    /// Where the band comes from: the brief, a source, or an estimate.
    #[serde(default, skip_serializing_if = "Basis::is_unsourced")]
    pub band_basis: Basis,
    /// The most one estate of it is documented to carry a month (vendors' or users' published
    /// figures); without it, the band's top, as an estimate. Not a ceiling: beyond it the fit
    /// falls, because nobody has shown more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proven_max_per_month: Option<u64>,
    /// Where the documented figure comes from.
    #[serde(default, skip_serializing_if = "Basis::is_unsourced")]
    pub proven_basis: Basis,
}

impl Volume {
    /// The most one estate is documented to carry, or the band's top when none is given.
    pub fn proven_max(&self) -> u64 {
        self.proven_max_per_month.unwrap_or(self.max_per_month)
    }
}

/// One plan tier of a managed service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Messages a month the plan includes.
    pub up_to_per_month: u64,
    /// The plan's monthly price.
    pub usd_per_month: f64,
    /// The name the vendor sells it under ("Essentials 100K"), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One step of a graduated price: messages above `from_per_month` in a month cost this much per
/// 1,000, up to the next step.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Where the step starts, messages a month (the first step starts at 0).
    pub from_per_month: u64,
    /// USD per 1,000 messages within the step.
    pub usd_per_thousand: f64,
}

/// One of the plans a service sells: the cheapest one that carries the volume (and gives the
/// dedicated addresses the sender needs) is the one costed, and named in the cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The vendor's name for it ("Essentials", "Pro").
    pub name: String,
    /// Its fee a month, whatever the volume.
    #[serde(default)]
    pub base_per_month_usd: f64,
    /// Volumes it includes for a price, smallest first.
    #[serde(default)]
    pub tiers: Vec<Tier>,
    /// Price per 1,000 messages: above the top tier, or for every message when there are no
    /// tiers and no bands.
    #[serde(default)]
    pub per_thousand_usd: f64,
    /// A graduated price per 1,000 (instead of tiers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<Band>,
    /// The most it carries a month; above it the plan is not sold (`None`: no limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_per_month: Option<u64>,
    /// Whether it can send from dedicated addresses.
    #[serde(default = "yes")]
    pub dedicated_ips: bool,
    /// Dedicated addresses it includes (instead of the engine's `dedicated_ips_included`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dedicated_ips_included: Option<u32>,
}

/// Facts for the cost-of-ownership model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cost {
    /// Licence per year, per node when `licence_per_node` (0 for open source and services).
    pub licence_per_year_usd: f64,
    /// True when the licence is charged per server (the usual commercial MTA model); false for
    /// one licence per estate.
    #[serde(default = "yes")]
    pub licence_per_node: bool,
    /// A licence sold by volume: USD a year for each million messages a month (0 when not).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub licence_per_million_usd: f64,
    /// Price per 1,000 messages; for tiered plans, the rate above the top tier.
    pub per_thousand_usd: f64,
    /// Monthly fee that applies whatever the volume (a plan fee, dedicated IPs).
    #[serde(default)]
    pub base_per_month_usd: f64,
    /// Plan tiers, smallest first; the cheapest one covering the volume applies.
    pub tiers: Vec<Tier>,
    /// Named plans, when the vendor sells several: then the prices above stay empty and the
    /// cheapest plan that carries the volume is costed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plans: Vec<Plan>,
    /// A managed service's dedicated IP address: its price a month (`None`: not sold or not
    /// published). Self-hosted estates price addresses with the profile's assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dedicated_ip_usd_per_month: Option<f64>,
    /// How many dedicated addresses the plan includes.
    #[serde(default, skip_serializing_if = "is_zero_u32")]
    pub dedicated_ips_included: u32,
    /// Where the dedicated address price comes from.
    #[serde(default, skip_serializing_if = "Basis::is_unsourced")]
    pub dedicated_ip_basis: Basis,
    /// Self-hosted: messages one node carries a month, at six busy hours a day (the catalogue's
    /// rule for turning a per-hour figure into a month).
    pub node_capacity_per_month: u64,
    /// Where the node capacity comes from.
    #[serde(default, skip_serializing_if = "Basis::is_unsourced")]
    pub node_capacity_basis: Basis,
    /// No longer used: operations hours are the profile's assumptions, the same for every
    /// engine of a kind, so an unsourced hour never decides a ranking. Accepted so older files
    /// still load.
    #[serde(default)]
    pub ops_hours_per_month: Option<f64>,
    /// When any price above is not published by the vendor: the basis of the estimate.
    #[serde(default)]
    pub estimate: Option<String>,
    /// The day the prices above were last checked, `YYYY-MM-DD`, when it differs from the
    /// engine's `checked`: prices move faster than other facts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prices_checked: Option<String>,
}

fn yes() -> bool {
    true
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

fn is_zero_u32(x: &u32) -> bool {
    *x == 0
}

/// Where support comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Support {
    /// A public community: mailing list, forum, chat.
    pub community: bool,
    /// A vendor contract with a service-level agreement.
    pub vendor_sla: bool,
    /// Paid help from consultancies other than the vendor.
    pub third_party: bool,
    /// The yearly price of the support contract with an SLA, when it is sold apart from the
    /// licence or plan (`None`: included, or none to buy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_usd_per_year: Option<f64>,
    /// Where that price comes from.
    #[serde(default, skip_serializing_if = "Basis::is_unsourced")]
    pub contract_basis: Basis,
}

/// How far an engine has a capability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    /// Native and documented.
    Yes,
    /// Through a standard, packaged add-on that operators routinely install (named in
    /// `add_ons`): it meets a must, with a note.
    AddOn,
    /// A separate product the vendor sells on its own plans (named in `add_ons`): it meets a
    /// must, and costs a sender who did not ask for it nothing.
    Separate,
    /// Limited, or only through a vendor add-on.
    Partial,
    /// No source confirms it either way: scored between partial and no, never shown as "no".
    Unknown,
    /// Absent, or only through unusual third-party software.
    No,
}

impl Level {
    /// Share of the capability this level gives: Yes 1, an add-on or a separate product ¾,
    /// Partial ½, Unknown ¼ (it may be there; nobody has shown it), No 0.
    pub fn credit(self) -> f64 {
        match self {
            Level::Yes => 1.0,
            Level::AddOn | Level::Separate => 0.75,
            Level::Partial => 0.5,
            Level::Unknown => 0.25,
            Level::No => 0.0,
        }
    }

    /// True when it meets a must: natively, through a standard add-on or a separate product.
    pub fn meets(self) -> bool {
        matches!(self, Level::Yes | Level::AddOn | Level::Separate)
    }

    /// True when the level names what gives it in `add_ons`.
    pub fn names_add_on(self) -> bool {
        matches!(self, Level::AddOn | Level::Separate)
    }

    /// One-character mark for dense tables.
    pub fn mark(self) -> &'static str {
        match self {
            Level::Yes => "✔",
            Level::AddOn => "+",
            Level::Separate => "$",
            Level::Partial => "~",
            Level::No => "✘",
            Level::Unknown => "?",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Yes => "yes",
            Level::AddOn => "add-on",
            Level::Separate => "sold separately",
            Level::Partial => "partial",
            Level::No => "no",
            Level::Unknown => "unknown — no source",
        })
    }
}

/// One of the twenty-two capabilities: a closed set, so a typo in a file is an error, and a
/// lookup is an integer comparison (the model does one per engine per frame). Written as its id
/// in files and JSON; reading one that is none of them says which were meant.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::EnumCount,
    strum::VariantArray,
    strum::VariantNames,
    strum::IntoStaticStr,
    strum::EnumString,
    enum_map::Enum,
)]
#[strum(serialize_all = "snake_case")]
#[serde(into = "&'static str", try_from = "String")]
pub enum Capability {
    /// Source IP pools.
    IpPools,
    /// Per-ISP traffic shaping.
    PerIspShaping,
    /// Backoff driven by receivers' replies.
    AdaptiveBackoff,
    /// Bounce classification.
    BounceClassification,
    /// DKIM signing.
    DkimSigning,
    /// Policy written in a real language.
    ProgrammablePolicy,
    /// Spam and virus filtering inside the engine.
    BuiltInFiltering,
    /// Messages queued in an external broker.
    ExternalQueue,
    /// Tenants as a first-class idea.
    MultiTenant,
    /// An HTTP injection API.
    HttpApi,
    /// Events streamed to webhooks or brokers.
    EventStreaming,
    /// A Prometheus metrics endpoint.
    PrometheusMetrics,
    /// An official container image.
    ContainerImage,
    /// Official Kubernetes deployment.
    Kubernetes,
    /// A web interface.
    WebUi,
    /// Bundled list and campaign tooling.
    BundledMarketing,
    /// Also sold as a managed service.
    ManagedOption,
    /// Data and sending can stay in the EU (an EU region or EU-only hosting).
    EuDataResidency,
    /// Sending from IP addresses of its own.
    DedicatedIps,
    /// Incoming mail parsed and posted to a webhook.
    InboundParsing,
    /// Transactional and broadcast mail kept apart as first-class streams.
    MessageStreams,
    /// An API to read and manage the suppression list.
    SuppressionApi,
}

impl Capability {
    /// Every capability, in contract order (docs/catalogue.md).
    pub const ALL: [Capability; <Capability as strum::EnumCount>::COUNT] = crate::variants::all();

    /// Every capability's id, in the same order.
    pub const IDS: &'static [&'static str] = <Capability as strum::VariantNames>::VARIANTS;

    /// The contract id, e.g. `ip_pools` (a closed set: an unknown id is an error).
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// A label for people, e.g. "IP pools".
    pub fn label(self) -> &'static str {
        match self {
            Capability::IpPools => "IP pools",
            Capability::PerIspShaping => "per-ISP shaping",
            Capability::AdaptiveBackoff => "adaptive backoff",
            Capability::BounceClassification => "bounce classification",
            Capability::DkimSigning => "DKIM signing",
            Capability::ProgrammablePolicy => "programmable policy",
            Capability::BuiltInFiltering => "built-in filtering",
            Capability::ExternalQueue => "external queue",
            Capability::MultiTenant => "multi-tenant",
            Capability::HttpApi => "HTTP API",
            Capability::EventStreaming => "event streaming",
            Capability::PrometheusMetrics => "Prometheus metrics",
            Capability::ContainerImage => "container image",
            Capability::Kubernetes => "Kubernetes",
            Capability::WebUi => "web UI",
            Capability::BundledMarketing => "bundled marketing",
            Capability::ManagedOption => "managed option",
            Capability::EuDataResidency => "EU data residency",
            Capability::DedicatedIps => "dedicated IPs",
            Capability::InboundParsing => "inbound parsing",
            Capability::MessageStreams => "message streams",
            Capability::SuppressionApi => "suppression API",
        }
    }

    /// The capability with this id.
    pub fn from_id(id: &str) -> Option<Capability> {
        id.parse().ok()
    }

    /// Read an id, or say what was expected (with a suggestion for a near miss).
    pub fn parse(id: &str) -> Result<Capability, UnknownCapability> {
        Capability::from_id(id).ok_or_else(|| UnknownCapability {
            found: crate::text::quoted(id, crate::text::QUOTE_MAX).into_owned(),
            suggestion: crate::ronfile::nearest(id, Capability::IDS),
        })
    }
}

/// How serde reads an id: [`Capability::parse`], so a file's unknown id is told like a flag's.
impl TryFrom<String> for Capability {
    type Error = UnknownCapability;
    fn try_from(id: String) -> Result<Capability, UnknownCapability> {
        Capability::parse(&id)
    }
}

/// A capability id that is none of [`Capability::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown capability \"{found}\"; expected one of {}{}",
    Capability::IDS.join(", "),
    crate::ronfile::DidYouMean(*.suggestion)
)]
pub struct UnknownCapability {
    /// The id as written, made safe for a terminal.
    pub found: String,
    /// The capability a near miss most likely meant.
    pub suggestion: Option<&'static str>,
}

impl crate::text::ShortForm for UnknownCapability {
    /// Without the list of every capability, which a form field has no room for.
    fn short(&self) -> String {
        format!(
            "unknown capability \"{}\"{}",
            self.found,
            crate::ronfile::DidYouMean(self.suggestion)
        )
    }
}

impl fmt::Display for Capability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Each capability's level as a file lists it: a map in the file (`"dkim_signing": Yes`), an
/// array in memory, so a lookup is an index instead of a walk through a tree scattered over the
/// heap (the model looks up several per engine, for ten thousand engines, many times a frame).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Capabilities(enum_map::EnumMap<Capability, Option<Level>>);

impl Capabilities {
    /// The level a file gives, if it lists the capability.
    pub fn get(&self, c: Capability) -> Option<Level> {
        self.0[c]
    }

    /// True when the file lists the capability.
    pub fn contains_key(&self, c: &Capability) -> bool {
        self.0[*c].is_some()
    }

    /// Set a capability's level.
    pub fn insert(&mut self, c: Capability, level: Level) {
        self.0[c] = Some(level);
    }

    /// The listed capabilities and their levels, in [`Capability::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Capability, Level)> + '_ {
        self.0.iter().filter_map(|(c, l)| l.map(|l| (c, l)))
    }

    /// How many the file lists.
    pub fn len(&self) -> usize {
        self.0.values().filter(|l| l.is_some()).count()
    }

    /// True when the file lists none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl FromIterator<(Capability, Level)> for Capabilities {
    fn from_iter<I: IntoIterator<Item = (Capability, Level)>>(iter: I) -> Capabilities {
        let mut out = Capabilities::default();
        for (c, l) in iter {
            out.insert(c, l);
        }
        out
    }
}

impl Serialize for Capabilities {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.len()))?;
        for (c, l) in self.iter() {
            m.serialize_entry(&c, &l)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for Capabilities {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Capabilities, D::Error> {
        // A second entry would silently overrule the first: the shared reader says so instead.
        let listed: BTreeMap<Capability, Level> = crate::ronfile::unique::map(d)?;
        Ok(listed.into_iter().collect())
    }
}

impl Engine {
    /// The level of a capability; a capability the file does not list is `Unknown`.
    pub fn capability(&self, c: Capability) -> Level {
        self.capabilities.get(c).unwrap_or(Level::Unknown)
    }

    /// True for a managed service.
    pub fn is_managed(&self) -> bool {
        self.kind == Kind::Managed
    }

    /// What it is for: as the file says, else a service or a general-purpose MTA by its kind.
    pub fn role(&self) -> Role {
        self.role.unwrap_or(if self.is_managed() {
            Role::Service
        } else {
            Role::GeneralMta
        })
    }

    /// The add-on or separate product that gives a capability, when its level names one.
    pub fn add_on(&self, c: Capability) -> Option<&str> {
        self.add_ons.get(&c).map(String::as_str)
    }

    /// How an estate of it grows past one node: as the file says; a self-hosted engine without
    /// the fact counts as independent nodes (any MTA can be run beside itself); `None` for a
    /// service.
    pub fn scale_out(&self) -> Option<ScaleOut> {
        if self.is_managed() {
            None
        } else {
            Some(self.scale_out.unwrap_or(ScaleOut::Independent))
        }
    }

    /// The configuration a team edits day to day: the everyday one when given, else `config`.
    pub fn everyday(&self) -> &Config {
        self.everyday_config.as_ref().unwrap_or(&self.config)
    }

    /// Short licence label: the SPDX expression or "commercial".
    pub fn licence_label(&self) -> String {
        match &self.licence {
            Licence::Open(spdx) => spdx.clone(),
            Licence::Commercial => "commercial".into(),
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::SelfHosted => "self-hosted",
            Kind::Managed => "managed",
        })
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Active => "active",
            Status::Maintained => "maintained",
            Status::Stalled => "stalled",
            Status::Legacy => "legacy",
        })
    }
}

/// One decision factor, as written in `data/factors.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    /// Stable id (contract): `volume`, `budget`, …
    pub id: String,
    /// Display name.
    pub name: String,
    /// The question this factor answers, in our words.
    pub question: String,
    /// Default weight, 0–10.
    pub default_weight: f64,
}
