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
    /// How alive the project is.
    pub status: Status,
    /// What configuring it demands of a team.
    pub config: Config,
    /// The monthly volume band where it fits.
    pub volume: Volume,
    /// Facts for the cost-of-ownership model.
    pub cost: Cost,
    /// Where help comes from.
    pub support: Support,
    /// The closed set of capabilities (see [`Capability`]); missing ones count as `Unknown`.
    pub capabilities: BTreeMap<Capability, Level>,
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

/// The band of monthly volume where an engine fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Volume {
    /// Below this the engine is more than the sender needs.
    pub min_per_month: u64,
    /// Above this the engine is under-powered or priced out.
    pub max_per_month: u64,
}

/// One plan tier of a managed service.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Messages a month the plan includes.
    pub up_to_per_month: u64,
    /// The plan's monthly price.
    pub usd_per_month: f64,
}

/// Facts for the cost-of-ownership model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cost {
    /// Licence per year, per node when `licence_per_node` (0 for open source and services).
    pub licence_per_year_usd: f64,
    /// True when the licence is charged per server (the usual commercial MTA model).
    #[serde(default = "yes")]
    pub licence_per_node: bool,
    /// Price per 1,000 messages; for tiered plans, the rate above the top tier.
    pub per_thousand_usd: f64,
    /// Monthly fee that applies whatever the volume (a plan fee, dedicated IPs).
    #[serde(default)]
    pub base_per_month_usd: f64,
    /// Plan tiers, smallest first; the cheapest one covering the volume applies.
    pub tiers: Vec<Tier>,
    /// Self-hosted: messages one node carries a month (an assumption).
    pub node_capacity_per_month: u64,
    /// Self-hosted: hours of operations work a month (an assumption).
    pub ops_hours_per_month: f64,
    /// When any price above is not published by the vendor: the basis of the estimate.
    #[serde(default)]
    pub estimate: Option<String>,
}

fn yes() -> bool {
    true
}

/// Where support comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Support {
    /// A public community: mailing list, forum, chat.
    pub community: bool,
    /// A vendor contract with a service-level agreement.
    pub vendor_sla: bool,
    /// Paid help from consultancies other than the vendor.
    pub third_party: bool,
}

/// How far an engine has a capability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    /// Native and documented.
    Yes,
    /// Limited, or only through a vendor add-on.
    Partial,
    /// Absent, or only through third-party software.
    No,
    /// No source says.
    Unknown,
}

impl Level {
    /// Share of the capability this level gives: Yes 1, Partial ½, otherwise 0.
    pub fn credit(self) -> f64 {
        match self {
            Level::Yes => 1.0,
            Level::Partial => 0.5,
            Level::No | Level::Unknown => 0.0,
        }
    }

    /// One-character mark for dense tables.
    pub fn mark(self) -> &'static str {
        match self {
            Level::Yes => "✔",
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
            Level::Partial => "partial",
            Level::No => "no",
            Level::Unknown => "unknown",
        })
    }
}

/// One of the seventeen capabilities: a closed set, so a typo in a file is an error, and a
/// lookup is an integer comparison (the model does one per engine per frame).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, strum::EnumCount)]
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
}

impl Capability {
    /// Every capability, in contract order (docs/catalogue.md).
    pub const ALL: [Capability; <Capability as strum::EnumCount>::COUNT] = [
        Capability::IpPools,
        Capability::PerIspShaping,
        Capability::AdaptiveBackoff,
        Capability::BounceClassification,
        Capability::DkimSigning,
        Capability::ProgrammablePolicy,
        Capability::BuiltInFiltering,
        Capability::ExternalQueue,
        Capability::MultiTenant,
        Capability::HttpApi,
        Capability::EventStreaming,
        Capability::PrometheusMetrics,
        Capability::ContainerImage,
        Capability::Kubernetes,
        Capability::WebUi,
        Capability::BundledMarketing,
        Capability::ManagedOption,
    ];

    /// The contract id, e.g. `ip_pools` (a closed set: an unknown id is an error).
    pub fn id(self) -> &'static str {
        match self {
            Capability::IpPools => "ip_pools",
            Capability::PerIspShaping => "per_isp_shaping",
            Capability::AdaptiveBackoff => "adaptive_backoff",
            Capability::BounceClassification => "bounce_classification",
            Capability::DkimSigning => "dkim_signing",
            Capability::ProgrammablePolicy => "programmable_policy",
            Capability::BuiltInFiltering => "built_in_filtering",
            Capability::ExternalQueue => "external_queue",
            Capability::MultiTenant => "multi_tenant",
            Capability::HttpApi => "http_api",
            Capability::EventStreaming => "event_streaming",
            Capability::PrometheusMetrics => "prometheus_metrics",
            Capability::ContainerImage => "container_image",
            Capability::Kubernetes => "kubernetes",
            Capability::WebUi => "web_ui",
            Capability::BundledMarketing => "bundled_marketing",
            Capability::ManagedOption => "managed_option",
        }
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
        }
    }

    /// The capability with this id.
    pub fn from_id(id: &str) -> Option<Capability> {
        Capability::ALL.into_iter().find(|c| c.id() == id)
    }

    /// Read an id, or say what was expected (with a suggestion for a near miss).
    pub fn parse(id: &str) -> Result<Capability, String> {
        Capability::from_id(id).ok_or_else(|| {
            let ids: Vec<&str> = Capability::ALL.iter().map(|c| c.id()).collect();
            format!(
                "unknown capability \"{}\"; expected one of {}{}",
                crate::text::sanitize(id),
                ids.join(", "),
                crate::ronfile::suggest(id, &ids)
            )
        })
    }
}

impl fmt::Display for Capability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Capability {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Capability {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Capability, D::Error> {
        let id = String::deserialize(d)?;
        Capability::parse(&id).map_err(serde::de::Error::custom)
    }
}

impl Engine {
    /// The level of a capability; a capability the file does not list is `Unknown`.
    pub fn capability(&self, c: Capability) -> Level {
        self.capabilities.get(&c).copied().unwrap_or(Level::Unknown)
    }

    /// True for a managed service.
    pub fn is_managed(&self) -> bool {
        self.kind == Kind::Managed
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
