//! The profile's types: the sender's situation, the cost assumptions and what a session saved,
//! each its own type, and the enums their fields take.

use crate::catalogue::Capability;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    strum::VariantArray,
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

    /// Every value, in ladder order.
    pub const ALL: [Team; <Team as strum::EnumCount>::COUNT] = crate::variants::all();
}

/// The support the sender needs.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    Default,
    strum::EnumCount,
    strum::VariantArray,
)]
pub enum SupportNeed {
    /// A community and the team's own skill are enough.
    #[default]
    Community,
    /// A contract with a service-level agreement is required.
    VendorSla,
}

impl SupportNeed {
    /// Every value.
    pub const ALL: [SupportNeed; <SupportNeed as strum::EnumCount>::COUNT] = crate::variants::all();
}

/// How the sender feels about bundled list and campaign tooling.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    Default,
    strum::EnumCount,
    strum::VariantArray,
)]
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
    pub const ALL: [Marketing; <Marketing as strum::EnumCount>::COUNT] = crate::variants::all();
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

/// A profile file: the sender's situation, the assumptions its costs rest on, and what a
/// session saved with it. The file keeps every field at its top level (docs/catalogue.md,
/// "Profile files"); the field table (`profile::field`) maps each to its part.
///
/// A profile reads as its situation (`p.monthly_volume`), which the model consults on nearly
/// every line; the assumptions and the session are named (`p.assumptions.hourly_rate_usd`).
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// Who the sender is and what they need.
    pub situation: Situation,
    /// What the costs assume: the same for every engine, and the sender's to set.
    pub assumptions: Assumptions,
    /// What the explorer or an export saved: weights and a shortlist.
    pub session: Session,
}

impl std::ops::Deref for Profile {
    type Target = Situation;
    fn deref(&self) -> &Situation {
        &self.situation
    }
}

impl std::ops::DerefMut for Profile {
    fn deref_mut(&mut self) -> &mut Situation {
        &mut self.situation
    }
}

impl From<Situation> for Profile {
    /// A sender with the default assumptions and nothing saved.
    fn from(situation: Situation) -> Profile {
        Profile {
            situation,
            ..Profile::default()
        }
    }
}

impl Default for Profile {
    /// The brief's sender, with the default assumptions and nothing saved.
    fn default() -> Profile {
        Profile {
            situation: Situation::default(),
            assumptions: Assumptions::default(),
            session: Session::default(),
        }
    }
}

/// The sender's situation: what the model fits engines against.
#[derive(Debug, Clone, PartialEq)]
pub struct Situation {
    /// False: an ESP is enough (the brief's first gate).
    pub own_infrastructure: bool,
    /// Messages accepted for delivery per month.
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
    /// How fast the volume grows, as `measure --write-profile` measured it or the sender
    /// expects (an addition to the contract); `None`: unknown.
    pub growth: Option<Growth>,
}

/// The assumptions a cost rests on: the sender's own figures, the same for every engine, and
/// labelled as assumptions wherever a cost uses them.
#[derive(Debug, Clone, PartialEq)]
pub struct Assumptions {
    /// Cost of an hour of operations work.
    pub hourly_rate_usd: f64,
    /// Cost of one server a month.
    pub node_cost_per_month_usd: f64,
    /// Operations hours a month for a self-hosted estate whatever its size: patching, log
    /// review, upgrades (the same for every self-hosted engine; the work on each address is
    /// `deliverability_hours_per_ip_per_month`).
    pub ops_base_hours_per_month: f64,
    /// Operations hours a month for each server of the estate.
    pub ops_hours_per_node_per_month: f64,
    /// Operations hours a month to keep an integration with a managed service going (the same
    /// for every service).
    pub service_ops_hours_per_month: f64,
    /// Hours a day that carry the day's sending (6 is the catalogue's own rule for turning a
    /// per-hour figure into a month): an estate is sized for its busiest hour.
    pub busy_hours_per_day: f64,
    /// The busiest day against an average one (1.5 after an ESP's Cyber Monday against its
    /// usual day): an estate is sized for it.
    pub peak_day_factor: f64,
    /// Spare nodes beside those the peak needs, so a failed node loses no sending (n+1).
    pub spare_nodes: u32,
    /// From this monthly volume an estate runs its spares; below it, a single well-configured
    /// node (the brief's 10M line).
    pub spares_from_per_month: u64,
    /// Messages one warmed IP address carries on the busiest day (500,000 after Mailchimp
    /// Transactional's "up to 500,000 a day").
    pub messages_per_ip_per_day: u64,
    /// The price of one IP address a month for a self-hosted estate (3.65 USD is a public IPv4
    /// address on AWS at 0.005 USD an hour).
    pub ip_cost_per_month_usd: f64,
    /// Hours a month, for each node beyond the first that sends at the busiest hour, to keep
    /// per-provider limits split across nodes that do not share them.
    pub coordination_hours_per_node_per_month: f64,
    /// Deliverability hours a month for each warmed IP address: warming, reputation, feedback
    /// loops.
    pub deliverability_hours_per_ip_per_month: f64,
    /// Whether staff time counts against `annual_budget_usd`; by default the cap is cash
    /// (licences, fees, servers, addresses, contracts) and staff time is shown beside it.
    pub cap_counts_staff: bool,
}

/// What a session saved with the profile (an addition to the contract), so that a state file
/// or an export reproduces the scores and the marks.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// Factor weights by factor id; empty: the defaults.
    pub weights: BTreeMap<String, f64>,
    /// Engine ids of a saved shortlist.
    pub shortlist: Vec<String>,
}
