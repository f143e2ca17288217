//! Why each fit is what it is, as typed values with the numbers behind it: the fits produce
//! them, the presentation layer words them.
//!
//! A reason is small and holds no text, so producing one costs what the fit costs; the names
//! and lists a sentence quotes (the engine's name, its add-ons, the team's engines) stay in the
//! engine and the profile the reason was made from.

use crate::catalogue::{Capability, Level, Status};

/// Why one factor's fit is what it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reason {
    /// See [`VolumeReason`].
    Volume(VolumeReason),
    /// See [`BudgetReason`].
    Budget(BudgetReason),
    /// See [`TeamReason`].
    Team(TeamReason),
    /// See [`CloudReason`].
    CloudNative(CloudReason),
    /// See [`SupportReason`].
    Support(SupportReason),
    /// See [`MarketingReason`].
    Marketing(MarketingReason),
    /// See [`CapabilityReason`].
    Capabilities(CapabilityReason),
    /// See [`ReversibilityReason`].
    Reversibility(ReversibilityReason),
}

/// The band of monthly volumes where the brief places an engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VolumeBand {
    /// Its floor, a month (0: none).
    pub min: u64,
    /// Its ceiling, a month.
    pub max: u64,
}

/// Where the sender's volume falls against an engine's band and what one estate is documented
/// to carry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum VolumeReason {
    /// Below the band: more capacity than the sender needs.
    Below {
        /// The sender's volume, a month.
        volume: u64,
        /// The engine's band.
        band: VolumeBand,
        /// How many times the volume the band's floor is.
        times: f64,
    },
    /// Inside the band.
    Inside {
        /// The sender's volume, a month.
        volume: u64,
        /// The engine's band.
        band: VolumeBand,
    },
    /// Above the band, within what one estate is documented to carry.
    Above {
        /// The sender's volume, a month.
        volume: u64,
        /// The engine's band.
        band: VolumeBand,
        /// What one estate is documented to carry, a month.
        documented: u64,
        /// That figure is itself an estimate.
        estimated: bool,
    },
    /// Above the band and beyond what one estate is documented to carry.
    Beyond {
        /// The sender's volume, a month.
        volume: u64,
        /// The engine's band.
        band: VolumeBand,
        /// What one estate is documented to carry, a month.
        documented: u64,
        /// That figure is itself an estimate.
        estimated: bool,
        /// How many times that figure the volume is.
        times: f64,
    },
}

/// What the budget fit read of the annual cost, and what rests on estimates and assumptions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spend {
    /// US dollars a year, as the budget reads them (never negative).
    pub usd: f64,
    /// The catalogue's price is an estimate.
    pub price_estimated: bool,
    /// A rented service (no estate of servers and addresses to assume).
    pub service: bool,
    /// Only the cash counts: a cap is set and staff time is not counted in it.
    pub cash_only: bool,
}

/// What the budget fit compared the cost with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BudgetReason {
    /// The profile's cap.
    Cap {
        /// The cost.
        spend: Spend,
        /// The cap, US dollars a year.
        cap: f64,
    },
    /// The fixed reference, an assumption.
    Reference {
        /// The cost.
        spend: Spend,
        /// The reference, US dollars a year.
        reference: f64,
    },
    /// The fixed reference doubled to the scale of what any estate at the volume pays.
    Scaled {
        /// The cost.
        spend: Spend,
        /// The reference, US dollars a year.
        reference: f64,
        /// The sender's volume, a month.
        volume: u64,
    },
}

/// What adopting an engine asks of the team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamReason {
    /// The team runs it and it is worth keeping: no migration.
    Runs,
    /// The team runs it, but it is stalled or legacy and its licence is not held.
    Fading,
    /// Within the team's reach.
    Within {
        /// Its configuration is the kind of work the team already does.
        same_kind: bool,
        /// The team runs another engine, so adopting this one is a migration.
        migration: bool,
    },
    /// Rungs of the skill ladder beyond the team.
    Beyond {
        /// How many.
        steps: u8,
        /// The team runs another engine, so adopting this one is a migration.
        migration: bool,
    },
}

/// The capabilities that make an engine cloud-native, and how it has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloudReason {
    /// The profile does not ask for it.
    NotAsked,
    /// A managed service: nothing to deploy or scrape.
    Managed,
    /// Each cloud-native capability with the level the engine has.
    Has([(Capability, Level); 3]),
}

/// The support the engine offers a sender who needs a vendor SLA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupportReason {
    /// The profile does not ask for it.
    NotAsked,
    /// A contract with an SLA is available.
    Sla,
    /// Paid help only from third parties.
    ThirdParty,
    /// No contract to buy.
    NoContract,
}

/// The sender's stance on bundled marketing tooling, with the level the engine has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarketingReason {
    /// Indifferent to it.
    Indifferent(Level),
    /// Wants it from the same vendor.
    Wanted(Level),
    /// Does not want to pay for it.
    Unwanted(Level),
}

/// The share of the wanted capabilities an engine has.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CapabilityReason {
    /// No wanted capabilities listed.
    NotAsked,
    /// Credit for the profile's wanted capabilities, in its order.
    Has {
        /// Credit earned, each capability by [`Level::credit`].
        got: f64,
        /// How many are wanted.
        wanted: usize,
    },
}

/// What leaving an engine would take: its licence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LicenceExit {
    /// An open licence.
    Open,
    /// A rented service whose addresses and settings stay behind.
    Rented,
    /// A proprietary engine.
    Proprietary,
}

/// What leaving an engine would take: its configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigExit {
    /// Text the team can read and keep.
    Readable,
    /// A service's integration code, which moves with the team.
    Integration,
    /// Settings held in the engine's own console or database.
    Held,
}

/// How cheaply the sender could leave, and how soon they may have to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReversibilityReason {
    /// The licence.
    pub licence: LicenceExit,
    /// The configuration.
    pub config: ConfigExit,
    /// The project's status.
    pub status: Status,
}
