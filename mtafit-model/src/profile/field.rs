//! One table of the profile's fields: for each, its id in a profile file, the part of the
//! profile it belongs to, its kind with its bounds, its default, and how to read and set it.
//!
//! Everything that goes field by field follows this table: the defaults, reading and writing
//! a file, the checks with their located errors, rounding, the explorer's form and the table in
//! docs/catalogue.md (a test holds the two together). Adding a field means a variant of
//! [`FieldId`], a slot here and its words in the render crate; the compiler asks for each.

use super::model::{
    Assumptions, Growth, Marketing, Profile, Session, Situation, SupportNeed, Team,
};
use crate::catalogue::Capability;
use std::collections::BTreeMap;
use std::ops::RangeInclusive;

/// A field of a profile file, in the order the file format lists them.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    strum::EnumCount,
    strum::VariantArray,
    strum::VariantNames,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[strum(serialize_all = "snake_case")]
pub enum FieldId {
    /// `own_infrastructure`
    OwnInfrastructure,
    /// `monthly_volume`
    MonthlyVolume,
    /// `annual_budget_usd`
    AnnualBudgetUsd,
    /// `team`
    Team,
    /// `team_knows`
    TeamKnows,
    /// `licences_held`
    LicencesHeld,
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
    HourlyRateUsd,
    /// `node_cost_per_month_usd`
    NodeCostPerMonthUsd,
    /// `ops_base_hours_per_month`
    OpsBaseHoursPerMonth,
    /// `ops_hours_per_node_per_month`
    OpsHoursPerNodePerMonth,
    /// `service_ops_hours_per_month`
    ServiceOpsHoursPerMonth,
    /// `busy_hours_per_day`
    BusyHoursPerDay,
    /// `peak_day_factor`
    PeakDayFactor,
    /// `spare_nodes`
    SpareNodes,
    /// `spares_from_per_month`
    SparesFromPerMonth,
    /// `messages_per_ip_per_day`
    MessagesPerIpPerDay,
    /// `ip_cost_per_month_usd`
    IpCostPerMonthUsd,
    /// `coordination_hours_per_node_per_month`
    CoordinationHoursPerNodePerMonth,
    /// `deliverability_hours_per_ip_per_month`
    DeliverabilityHoursPerIpPerMonth,
    /// `cap_counts_staff`
    CapCountsStaff,
    /// `growth`
    Growth,
    /// `weights`
    Weights,
    /// `shortlist`
    Shortlist,
}

/// Which part of a [`Profile`] a field belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The sender's situation.
    Situation,
    /// A cost assumption.
    Assumptions,
    /// Saved by a session.
    Session,
}

/// Where a field's value lives in a [`Profile`], and the value it starts from.
#[derive(Debug, Clone)]
pub struct Slot<T: 'static> {
    /// The value of a field a file leaves out.
    pub default: T,
    /// Read the value.
    pub get: fn(&Profile) -> &T,
    /// Replace the value.
    pub set: fn(&mut Profile, T),
}

/// What a number counts, for the checks' bounds and a file's resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// US dollars for an hour of work, in cents.
    UsdAnHour,
    /// US dollars a month, in cents.
    UsdAMonth,
    /// Hours a month, in hundredths.
    HoursAMonth,
    /// Hours of a day, in hundredths.
    HoursADay,
    /// Times an average day, in hundredths.
    TimesAnAverageDay,
}

impl Unit {
    /// True for an amount of money.
    pub fn is_money(self) -> bool {
        matches!(self, Unit::UsdAnHour | Unit::UsdAMonth)
    }
}

/// A choice among an enum's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// What the team can operate.
    Team(Team),
    /// The support needed.
    Support(SupportNeed),
    /// Bundled marketing tooling.
    Marketing(Marketing),
}

impl serde::Serialize for Choice {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Choice::Team(t) => t.serialize(s),
            Choice::Support(x) => x.serialize(s),
            Choice::Marketing(m) => m.serialize(s),
        }
    }
}

/// The slot of a choice field, by the enum it chooses from.
#[derive(Debug, Clone)]
pub enum Choices {
    /// A [`Team`].
    Team(Slot<Team>),
    /// A [`SupportNeed`].
    Support(Slot<SupportNeed>),
    /// A [`Marketing`].
    Marketing(Slot<Marketing>),
}

impl Choices {
    /// Every value the field takes, in the enum's order.
    pub fn all(&self) -> Vec<Choice> {
        match self {
            Choices::Team(_) => Team::ALL.into_iter().map(Choice::Team).collect(),
            Choices::Support(_) => SupportNeed::ALL.into_iter().map(Choice::Support).collect(),
            Choices::Marketing(_) => Marketing::ALL.into_iter().map(Choice::Marketing).collect(),
        }
    }

    /// The value in `p`.
    pub fn get(&self, p: &Profile) -> Choice {
        match self {
            Choices::Team(s) => Choice::Team(*(s.get)(p)),
            Choices::Support(s) => Choice::Support(*(s.get)(p)),
            Choices::Marketing(s) => Choice::Marketing(*(s.get)(p)),
        }
    }

    /// The default value.
    pub fn default(&self) -> Choice {
        match self {
            Choices::Team(s) => Choice::Team(s.default),
            Choices::Support(s) => Choice::Support(s.default),
            Choices::Marketing(s) => Choice::Marketing(s.default),
        }
    }

    /// Set `c` in `p`; a value of another enum changes nothing.
    pub fn set(&self, p: &mut Profile, c: Choice) {
        match (self, c) {
            (Choices::Team(s), Choice::Team(v)) => (s.set)(p, v),
            (Choices::Support(s), Choice::Support(v)) => (s.set)(p, v),
            (Choices::Marketing(s), Choice::Marketing(v)) => (s.set)(p, v),
            _ => {}
        }
    }
}

/// What a field holds, with its bounds and its slot.
#[derive(Debug, Clone)]
pub enum Kind {
    /// `true` or `false`.
    Toggle(Slot<bool>),
    /// One of an enum's values.
    Choice(Choices),
    /// Messages a month, 0 to [`crate::units::MAX_VOLUME`]; a file may write it in the volume syntax
    /// (`"7.4M"`, `"250k/day"`).
    Volume(Slot<u64>),
    /// Whole messages a day, from `min` to [`crate::units::MAX_VOLUME`].
    PerDay {
        /// Where it lives.
        slot: Slot<u64>,
        /// The fewest allowed.
        min: u64,
    },
    /// A yearly cap in whole dollars ([`crate::units::budget_value`]), or none.
    Budget(Slot<Option<f64>>),
    /// An amount of 0, or from 0.01 to `max`, in hundredths (of a dollar: cents).
    Amount {
        /// Where it lives.
        slot: Slot<f64>,
        /// The largest allowed.
        max: f64,
        /// What it counts.
        unit: Unit,
    },
    /// A number within `range`, in hundredths.
    Within {
        /// Where it lives.
        slot: Slot<f64>,
        /// The numbers allowed.
        range: RangeInclusive<f64>,
        /// What it counts.
        unit: Unit,
    },
    /// A whole number from 0 to `max`.
    Count {
        /// Where it lives.
        slot: Slot<u32>,
        /// The largest allowed.
        max: u32,
    },
    /// Engine ids, matched to the catalogue whatever their case.
    Engines(Slot<Vec<String>>),
    /// Capability ids.
    Capabilities(Slot<Vec<Capability>>),
    /// A growth a month, or none.
    Growth(Slot<Option<Growth>>),
    /// Weights by factor id.
    Weights(Slot<BTreeMap<String, f64>>),
}

/// Whether a file written from a profile holds a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Always.
    Always,
    /// Only when it holds something: the additions to the contract, so that a profile without
    /// them writes as it did before they existed.
    UnlessEmpty,
}

/// One field of the table.
#[derive(Debug, Clone)]
pub struct Field {
    /// Which field.
    pub id: FieldId,
    /// The part of the profile it belongs to.
    pub part: Part,
    /// What it holds, its bounds and its slot.
    pub kind: Kind,
    /// Whether a written file holds it.
    pub written: Written,
}

impl Field {
    /// True when the field holds nothing in `p`: no growth, no weights, an empty list.
    pub fn is_empty(&self, p: &Profile) -> bool {
        match &self.kind {
            Kind::Engines(s) => (s.get)(p).is_empty(),
            Kind::Capabilities(s) => (s.get)(p).is_empty(),
            Kind::Growth(s) => (s.get)(p).is_none(),
            Kind::Weights(s) => (s.get)(p).is_empty(),
            Kind::Budget(s) => (s.get)(p).is_none(),
            Kind::Toggle(_)
            | Kind::Choice(_)
            | Kind::Volume(_)
            | Kind::PerDay { .. }
            | Kind::Amount { .. }
            | Kind::Within { .. }
            | Kind::Count { .. } => false,
        }
    }

    /// True when a file written from `p` holds this field.
    pub fn is_written(&self, p: &Profile) -> bool {
        self.written == Written::Always || !self.is_empty(p)
    }

    /// Set the field of `p` to its default.
    pub fn reset(&self, p: &mut Profile) {
        match &self.kind {
            Kind::Toggle(s) => (s.set)(p, s.default),
            Kind::Choice(c) => c.set(p, c.default()),
            Kind::Volume(s) | Kind::PerDay { slot: s, .. } => (s.set)(p, s.default),
            Kind::Budget(s) => (s.set)(p, s.default),
            Kind::Amount { slot: s, .. } | Kind::Within { slot: s, .. } => (s.set)(p, s.default),
            Kind::Count { slot: s, .. } => (s.set)(p, s.default),
            Kind::Engines(s) => (s.set)(p, s.default.clone()),
            Kind::Capabilities(s) => (s.set)(p, s.default.clone()),
            Kind::Growth(s) => (s.set)(p, s.default),
            Kind::Weights(s) => (s.set)(p, s.default.clone()),
        }
    }
}

/// The brief's line between "a tuned Postfix suffices" and the high-volume engines.
pub const VOLUME_LINE: u64 = 10_000_000;

/// The brief's own example: 7,421,043 messages accepted in 30 days.
pub const BRIEF_VOLUME: u64 = 7_421_043;

/// The hours a day an estate may be sized for: at least one, at most the whole day.
const BUSY_HOURS: RangeInclusive<f64> = 1.0..=24.0;

/// How much busier than an average day the busiest may be: from not at all to ten times.
const PEAK_DAY: RangeInclusive<f64> = 1.0..=10.0;

/// The most spare nodes an estate keeps.
const MAX_SPARES: u32 = 100;

/// The most hours of work a month: every hour of a 31-day month.
const MONTH_HOURS: f64 = 744.0;

/// A slot of `part.field` that starts at `default`.
macro_rules! slot {
    ($default:expr, $part:ident . $field:ident) => {
        Slot {
            default: $default,
            get: |p| &p.$part.$field,
            set: |p, v| p.$part.$field = v,
        }
    };
}

const OWN_INFRASTRUCTURE: Slot<bool> = slot!(true, situation.own_infrastructure);
const MONTHLY_VOLUME: Slot<u64> = slot!(BRIEF_VOLUME, situation.monthly_volume);
const ANNUAL_BUDGET_USD: Slot<Option<f64>> = slot!(None, situation.annual_budget_usd);
const TEAM: Slot<Team> = slot!(Team::StaticConfig, situation.team);
const TEAM_KNOWS: Slot<Vec<String>> = slot!(Vec::new(), situation.team_knows);
const LICENCES_HELD: Slot<Vec<String>> = slot!(Vec::new(), situation.licences_held);
const CLOUD_NATIVE: Slot<bool> = slot!(false, situation.cloud_native);
const SUPPORT: Slot<SupportNeed> = slot!(SupportNeed::Community, situation.support);
const MARKETING: Slot<Marketing> = slot!(Marketing::Indifferent, situation.marketing);
const MUST: Slot<Vec<Capability>> = slot!(Vec::new(), situation.must);
const WANT: Slot<Vec<Capability>> = slot!(Vec::new(), situation.want);
const GROWTH: Slot<Option<Growth>> = slot!(None, situation.growth);
const HOURLY_RATE_USD: Slot<f64> = slot!(90.0, assumptions.hourly_rate_usd);
const NODE_COST_PER_MONTH_USD: Slot<f64> = slot!(150.0, assumptions.node_cost_per_month_usd);
const OPS_BASE_HOURS_PER_MONTH: Slot<f64> = slot!(6.0, assumptions.ops_base_hours_per_month);
const OPS_HOURS_PER_NODE_PER_MONTH: Slot<f64> =
    slot!(2.0, assumptions.ops_hours_per_node_per_month);
const SERVICE_OPS_HOURS_PER_MONTH: Slot<f64> = slot!(2.0, assumptions.service_ops_hours_per_month);
const BUSY_HOURS_PER_DAY: Slot<f64> = slot!(6.0, assumptions.busy_hours_per_day);
const PEAK_DAY_FACTOR: Slot<f64> = slot!(1.5, assumptions.peak_day_factor);
const SPARE_NODES: Slot<u32> = slot!(1, assumptions.spare_nodes);
const SPARES_FROM_PER_MONTH: Slot<u64> = slot!(VOLUME_LINE, assumptions.spares_from_per_month);
const MESSAGES_PER_IP_PER_DAY: Slot<u64> = slot!(500_000, assumptions.messages_per_ip_per_day);
const IP_COST_PER_MONTH_USD: Slot<f64> = slot!(3.65, assumptions.ip_cost_per_month_usd);
const COORDINATION_HOURS_PER_NODE_PER_MONTH: Slot<f64> =
    slot!(1.0, assumptions.coordination_hours_per_node_per_month);
const DELIVERABILITY_HOURS_PER_IP_PER_MONTH: Slot<f64> =
    slot!(0.5, assumptions.deliverability_hours_per_ip_per_month);
const CAP_COUNTS_STAFF: Slot<bool> = slot!(false, assumptions.cap_counts_staff);
const WEIGHTS: Slot<BTreeMap<String, f64>> = slot!(BTreeMap::new(), session.weights);
const SHORTLIST: Slot<Vec<String>> = slot!(Vec::new(), session.shortlist);

impl FieldId {
    /// Every field, in the order a profile file lists them.
    pub const ALL: &'static [FieldId] = <FieldId as strum::VariantArray>::VARIANTS;

    /// Every field's id in a profile file, in the same order.
    pub const IDS: &'static [&'static str] = <FieldId as strum::VariantNames>::VARIANTS;

    /// The field's id in a profile file: `monthly_volume`.
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// The field with this id, if there is one.
    pub fn from_id(id: &str) -> Option<FieldId> {
        id.parse().ok()
    }

    /// The field's row of the table.
    pub fn field(self) -> Field {
        use FieldId as F;
        use Part::{Assumptions as A, Session as S, Situation as P};
        let amount = |slot, max, unit| Kind::Amount { slot, max, unit };
        let hours = |slot| Kind::Amount {
            slot,
            max: MONTH_HOURS,
            unit: Unit::HoursAMonth,
        };
        let (part, kind) = match self {
            F::OwnInfrastructure => (P, Kind::Toggle(OWN_INFRASTRUCTURE)),
            F::MonthlyVolume => (P, Kind::Volume(MONTHLY_VOLUME)),
            F::AnnualBudgetUsd => (P, Kind::Budget(ANNUAL_BUDGET_USD)),
            F::Team => (P, Kind::Choice(Choices::Team(TEAM))),
            F::TeamKnows => (P, Kind::Engines(TEAM_KNOWS)),
            F::LicencesHeld => (P, Kind::Engines(LICENCES_HELD)),
            F::CloudNative => (P, Kind::Toggle(CLOUD_NATIVE)),
            F::Support => (P, Kind::Choice(Choices::Support(SUPPORT))),
            F::Marketing => (P, Kind::Choice(Choices::Marketing(MARKETING))),
            F::Must => (P, Kind::Capabilities(MUST)),
            F::Want => (P, Kind::Capabilities(WANT)),
            F::HourlyRateUsd => (A, amount(HOURLY_RATE_USD, 100_000.0, Unit::UsdAnHour)),
            F::NodeCostPerMonthUsd => (
                A,
                amount(NODE_COST_PER_MONTH_USD, 10_000_000.0, Unit::UsdAMonth),
            ),
            F::OpsBaseHoursPerMonth => (A, hours(OPS_BASE_HOURS_PER_MONTH)),
            F::OpsHoursPerNodePerMonth => (A, hours(OPS_HOURS_PER_NODE_PER_MONTH)),
            F::ServiceOpsHoursPerMonth => (A, hours(SERVICE_OPS_HOURS_PER_MONTH)),
            F::BusyHoursPerDay => (
                A,
                Kind::Within {
                    slot: BUSY_HOURS_PER_DAY,
                    range: BUSY_HOURS,
                    unit: Unit::HoursADay,
                },
            ),
            F::PeakDayFactor => (
                A,
                Kind::Within {
                    slot: PEAK_DAY_FACTOR,
                    range: PEAK_DAY,
                    unit: Unit::TimesAnAverageDay,
                },
            ),
            F::SpareNodes => (
                A,
                Kind::Count {
                    slot: SPARE_NODES,
                    max: MAX_SPARES,
                },
            ),
            F::SparesFromPerMonth => (A, Kind::Volume(SPARES_FROM_PER_MONTH)),
            F::MessagesPerIpPerDay => (
                A,
                Kind::PerDay {
                    slot: MESSAGES_PER_IP_PER_DAY,
                    min: 1,
                },
            ),
            F::IpCostPerMonthUsd => (A, amount(IP_COST_PER_MONTH_USD, 10_000.0, Unit::UsdAMonth)),
            F::CoordinationHoursPerNodePerMonth => {
                (A, hours(COORDINATION_HOURS_PER_NODE_PER_MONTH))
            }
            F::DeliverabilityHoursPerIpPerMonth => {
                (A, hours(DELIVERABILITY_HOURS_PER_IP_PER_MONTH))
            }
            F::CapCountsStaff => (A, Kind::Toggle(CAP_COUNTS_STAFF)),
            F::Growth => (P, Kind::Growth(GROWTH)),
            F::Weights => (S, Kind::Weights(WEIGHTS)),
            F::Shortlist => (S, Kind::Engines(SHORTLIST)),
        };
        // What came after the first release of the format is written only when set.
        let written = match self {
            F::Growth | F::Weights | F::Shortlist => Written::UnlessEmpty,
            _ => Written::Always,
        };
        Field {
            id: self,
            part,
            kind,
            written,
        }
    }
}

/// Every row of the table, in file order.
pub fn fields() -> impl Iterator<Item = Field> {
    FieldId::ALL.iter().map(|f| f.field())
}

// The defaults are the table's: each part is built from its fields' slots, so a field cannot be
// added to a part without a slot, nor a slot left out of the table (it would be unused).

impl Default for Situation {
    /// The brief's sender: 7,421,043 messages a month on its own infrastructure, a team that
    /// maintains static configuration, and no cap.
    fn default() -> Situation {
        Situation {
            own_infrastructure: OWN_INFRASTRUCTURE.default,
            monthly_volume: MONTHLY_VOLUME.default,
            annual_budget_usd: ANNUAL_BUDGET_USD.default,
            team: TEAM.default,
            team_knows: TEAM_KNOWS.default,
            licences_held: LICENCES_HELD.default,
            cloud_native: CLOUD_NATIVE.default,
            support: SUPPORT.default,
            marketing: MARKETING.default,
            must: MUST.default,
            want: WANT.default,
            growth: GROWTH.default,
        }
    }
}

impl Default for Assumptions {
    /// The assumptions docs/catalogue.md sources, field by field.
    fn default() -> Assumptions {
        Assumptions {
            hourly_rate_usd: HOURLY_RATE_USD.default,
            node_cost_per_month_usd: NODE_COST_PER_MONTH_USD.default,
            ops_base_hours_per_month: OPS_BASE_HOURS_PER_MONTH.default,
            ops_hours_per_node_per_month: OPS_HOURS_PER_NODE_PER_MONTH.default,
            service_ops_hours_per_month: SERVICE_OPS_HOURS_PER_MONTH.default,
            busy_hours_per_day: BUSY_HOURS_PER_DAY.default,
            peak_day_factor: PEAK_DAY_FACTOR.default,
            spare_nodes: SPARE_NODES.default,
            spares_from_per_month: SPARES_FROM_PER_MONTH.default,
            messages_per_ip_per_day: MESSAGES_PER_IP_PER_DAY.default,
            ip_cost_per_month_usd: IP_COST_PER_MONTH_USD.default,
            coordination_hours_per_node_per_month: COORDINATION_HOURS_PER_NODE_PER_MONTH.default,
            deliverability_hours_per_ip_per_month: DELIVERABILITY_HOURS_PER_IP_PER_MONTH.default,
            cap_counts_staff: CAP_COUNTS_STAFF.default,
        }
    }
}

impl Default for Session {
    /// Nothing saved: default weights, no shortlist.
    fn default() -> Session {
        Session {
            weights: WEIGHTS.default,
            shortlist: SHORTLIST.default,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_files_field_names_in_order() {
        assert_eq!(
            FieldId::IDS,
            [
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
            ]
        );
        for f in FieldId::ALL {
            assert_eq!(FieldId::from_id(f.id()), Some(*f));
            assert_eq!(f.field().id, *f);
        }
    }

    /// A profile that differs from the default in every field.
    fn all_changed() -> Profile {
        let mut p = Profile::default();
        p.situation.own_infrastructure = false;
        p.situation.monthly_volume = 1;
        p.situation.annual_budget_usd = Some(5.0);
        p.situation.team = Team::Api;
        p.situation.team_knows = vec!["a".into()];
        p.situation.licences_held = vec!["b".into()];
        p.situation.cloud_native = true;
        p.situation.support = SupportNeed::VendorSla;
        p.situation.marketing = Marketing::Wanted;
        p.situation.must = vec![Capability::WebUi];
        p.situation.want = vec![Capability::WebUi];
        p.situation.growth = Some(Growth {
            per_month: 0.1,
            months: 2,
        });
        let a = &mut p.assumptions;
        a.hourly_rate_usd = 1.0;
        a.node_cost_per_month_usd = 1.0;
        a.ops_base_hours_per_month = 1.5;
        a.ops_hours_per_node_per_month = 1.5;
        a.service_ops_hours_per_month = 1.5;
        a.busy_hours_per_day = 2.0;
        a.peak_day_factor = 2.0;
        a.spare_nodes = 3;
        a.spares_from_per_month = 3;
        a.messages_per_ip_per_day = 3;
        a.ip_cost_per_month_usd = 1.0;
        a.coordination_hours_per_node_per_month = 3.0;
        a.deliverability_hours_per_ip_per_month = 3.0;
        a.cap_counts_staff = true;
        p.session.weights.insert("team".into(), 1.0);
        p.session.shortlist.push("c".into());
        p
    }

    #[test]
    fn each_slot_reads_and_sets_its_own_field() {
        // Reset every field of a profile that differs from the default everywhere: each slot
        // must land on its own field, or some field would stay changed.
        let mut p = all_changed();
        for f in fields() {
            let before = p.clone();
            f.reset(&mut p);
            assert_ne!(p, before, "{} reset nothing", f.id.id());
        }
        assert_eq!(p, Profile::default());
    }

    #[test]
    fn each_field_is_in_the_part_the_table_says() {
        let changed = all_changed();
        for f in fields() {
            let mut p = changed.clone();
            f.reset(&mut p);
            let moved = [
                (Part::Situation, p.situation != changed.situation),
                (Part::Assumptions, p.assumptions != changed.assumptions),
                (Part::Session, p.session != changed.session),
            ];
            for (part, differs) in moved {
                assert_eq!(differs, part == f.part, "{} in {part:?}", f.id.id());
            }
        }
    }
}
