//! Where an engine stands before its score counts: out of the running and why, or a candidate
//! with caveats and notes. Every rule reads one engine and the profile alone.

use super::cost;
use crate::catalogue::{Capability, Engine, Level, Role, ScaleOut};
use crate::profile::Profile;

/// Above this a mailbox server is not recommended as a sender's MTA.
pub const MAILBOX_SERVER_MAX: u64 = 1_000_000;

/// An estimated price this close to the budget cap (as a share of it) is flagged.
pub const NEAR_CAP: f64 = 0.25;

/// Why an engine is out of the running.
#[derive(Debug, Clone, PartialEq)]
pub enum KnockOut {
    /// A managed service, and the profile owns its sending layer.
    Managed,
    /// Self-hosted, and the profile rents (an ESP is enough).
    SelfHosted,
    /// Capabilities the profile must have that the engine lacks, each with the level it has.
    LacksMust(Vec<(Capability, Level)>),
    /// A mailbox server, above the volume where it could stand in for a sending MTA.
    MailboxServer,
    /// It runs on one node only, and the busiest hour needs more than one node carries.
    SingleNode {
        /// What one node carries a month at the profile's busiest hour.
        carries: u64,
        /// The node's capacity is an estimate.
        estimated: bool,
    },
    /// The annual cost is over the budget cap.
    OverCap {
        /// What the cap reads of the annual cost: cash, and staff time when the profile counts
        /// it.
        cost: f64,
        /// The cap.
        cap: f64,
        /// The price is estimated.
        estimated: bool,
    },
}

impl KnockOut {
    /// How far out it puts an engine: the ranking lists engines over the cap first, then those
    /// a single node cannot carry, then those lacking musts, then the wrong kind.
    pub fn exclusion(&self) -> Exclusion {
        match self {
            KnockOut::OverCap { .. } => Exclusion::OverCap,
            KnockOut::SingleNode { .. } => Exclusion::SingleNode,
            KnockOut::LacksMust(_) | KnockOut::MailboxServer => Exclusion::Unsuited,
            KnockOut::Managed | KnockOut::SelfHosted => Exclusion::WrongKind,
        }
    }
}

/// How far out of the running an engine is, nearest first: a cap can be raised, a kind cannot
/// be changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Exclusion {
    /// Over the budget cap.
    OverCap,
    /// One node cannot carry the busiest hour, and the engine runs on one.
    SingleNode,
    /// A must it lacks, or a mailbox server above a modest volume.
    Unsuited,
    /// A managed service for a profile that owns its sending layer, or the reverse.
    WrongKind,
}

/// Where an engine stands before its score counts, best first: the ranking orders by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Standing {
    /// In the running with no caveat.
    Candidate,
    /// In the running, below every candidate without a caveat.
    #[strum(serialize = "caveat")]
    WithCaveats,
    /// Out of the running, by its worst knock-out.
    Out(Exclusion),
}

impl Standing {
    /// The worst standing there is: a bound no engine falls below.
    pub const WORST: Standing = Standing::Out(Exclusion::WrongKind);

    /// A stable id for JSON and CSV: `candidate`, `caveat` or `out`.
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// The standing as a small number in the same order, for sort keys packed into one
    /// integer (a test holds the two orders together).
    pub fn order_key(self) -> u8 {
        match self {
            Standing::Candidate => 0,
            Standing::WithCaveats => 1,
            Standing::Out(e) => 2 + e as u8,
        }
    }

    /// True when the engine is out of the running.
    pub fn is_out(self) -> bool {
        matches!(self, Standing::Out(_))
    }
}

/// Why a candidate ranks below every candidate without a caveat.
#[derive(Debug, Clone, PartialEq)]
pub enum Caveat {
    /// Musts it meets only partly, each with the level it has.
    PartialMust(Vec<(Capability, Level)>),
    /// Musts no source confirms or rules out: check them with the vendor.
    UnconfirmedMust(Vec<Capability>),
    /// A mailbox server: fine for a small sender's own mail, not what a sending MTA is for.
    MailboxServer,
}

/// Something the reader should know that does not change the standing.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// Musts met through a standard add-on or a separate product (named in the catalogue).
    AddOnMust(Vec<Capability>),
    /// The volume is beyond the most one estate of it is documented to carry: its fit falls,
    /// and whether it carries more is an estimate.
    BeyondDocumented {
        /// The documented figure, a month.
        documented: u64,
        /// The figure itself is an estimate.
        estimated: bool,
    },
    /// An estimated price within [`NEAR_CAP`] of the budget cap: check it with the vendor.
    EstimateNearCap {
        /// The annual cost.
        cost: f64,
        /// The cap.
        cap: f64,
    },
}

/// How an engine meets the profile's musts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Musts {
    /// Musts it lacks, each with the level it has.
    pub lacks: Vec<(Capability, Level)>,
    /// Musts it meets only partly.
    pub partly: Vec<(Capability, Level)>,
    /// Musts no source confirms or rules out.
    pub unknown: Vec<Capability>,
    /// Musts it meets through a standard add-on or a separate product.
    pub add_ons: Vec<Capability>,
}

/// Whether an engine meets the profile's musts: what it lacks, what it has only partly, and what
/// through an add-on.
pub fn musts(e: &Engine, p: &Profile) -> Musts {
    let mut m = Musts::default();
    for c in &p.must {
        match e.capability(*c) {
            Level::Yes => {}
            Level::AddOn | Level::Separate => m.add_ons.push(*c),
            Level::Partial => m.partly.push((*c, Level::Partial)),
            Level::Unknown => m.unknown.push(*c),
            Level::No => m.lacks.push((*c, Level::No)),
        }
    }
    m
}

/// Why an engine is out, worst first: the wrong kind for own/rent, a must it lacks, a mailbox
/// server above a modest volume, more than one node for an engine that runs on one, a cost over
/// the cap. A volume beyond what anyone has documented is not one: the fit falls instead.
pub fn knock_outs(e: &Engine, p: &Profile, cost: &cost::AnnualCost) -> Vec<KnockOut> {
    let mut out = Vec::new();
    if p.own_infrastructure && e.is_managed() {
        out.push(KnockOut::Managed);
    }
    if !p.own_infrastructure && !e.is_managed() {
        out.push(KnockOut::SelfHosted);
    }
    let lacks = musts(e, p).lacks;
    if !lacks.is_empty() {
        out.push(KnockOut::LacksMust(lacks));
    }
    if e.role() == Role::MailboxServer && p.monthly_volume > MAILBOX_SERVER_MAX {
        out.push(KnockOut::MailboxServer);
    }
    if e.scale_out() == Some(ScaleOut::Single) && cost.estate.peak_nodes > 1 {
        out.push(KnockOut::SingleNode {
            carries: one_node_carries(e, p),
            estimated: e.cost.node_capacity_basis.is_estimate(),
        });
    }
    if let Some(cap) = p.annual_budget_usd
        && cost.counted(p) > cap
    {
        out.push(KnockOut::OverCap {
            cost: cost.counted(p),
            cap,
            estimated: cost.is_estimate(),
        });
    }
    out.sort_by_key(|k| std::cmp::Reverse(k.exclusion()));
    out
}

/// What one node of `e` carries a month when the estate is sized for the profile's busiest hour.
pub fn one_node_carries(e: &Engine, p: &Profile) -> u64 {
    // The largest volume one node carries, by the same rule that counts nodes.
    let mut lo = 0u64;
    let mut hi = e.cost.node_capacity_per_month.max(1);
    while cost::peak_nodes(e, p, hi) <= 1 && hi < crate::units::MAX_VOLUME {
        lo = hi;
        hi = hi.saturating_mul(2).min(crate::units::MAX_VOLUME);
    }
    while hi - lo > 1 {
        let m = lo + (hi - lo) / 2;
        if cost::peak_nodes(e, p, m) <= 1 {
            lo = m
        } else {
            hi = m
        }
    }
    lo
}

/// The first reason an engine is out for the walk: the wrong kind or a must it lacks (the
/// brief's diagram knows nothing of caps and proven ranges).
pub fn knock_out(e: &Engine, p: &Profile) -> Option<KnockOut> {
    if p.own_infrastructure && e.is_managed() {
        return Some(KnockOut::Managed);
    }
    if !p.own_infrastructure && !e.is_managed() {
        return Some(KnockOut::SelfHosted);
    }
    // The brief's diagram needs the must: a capability no source confirms is not one it has.
    let m = musts(e, p);
    let mut lacks = m.lacks;
    lacks.extend(m.unknown.into_iter().map(|c| (c, Level::Unknown)));
    (!lacks.is_empty()).then_some(KnockOut::LacksMust(lacks))
}

/// A candidate's caveats and notes.
pub fn caveats_and_notes(
    e: &Engine,
    p: &Profile,
    cost: &cost::AnnualCost,
) -> (Vec<Caveat>, Vec<Note>) {
    let Musts {
        partly,
        unknown,
        add_ons,
        ..
    } = musts(e, p);
    let mut caveats = Vec::new();
    let mut notes = Vec::new();
    if !partly.is_empty() {
        caveats.push(Caveat::PartialMust(partly));
    }
    if !unknown.is_empty() {
        caveats.push(Caveat::UnconfirmedMust(unknown));
    }
    if e.role() == Role::MailboxServer && p.own_infrastructure {
        caveats.push(Caveat::MailboxServer);
    }
    if !add_ons.is_empty() {
        notes.push(Note::AddOnMust(add_ons));
    }
    if p.monthly_volume > e.volume.proven_max() {
        notes.push(Note::BeyondDocumented {
            documented: e.volume.proven_max(),
            estimated: e.volume.proven_basis.is_estimate(),
        });
    }
    if let Some(cap) = p.annual_budget_usd
        && cost.is_estimate()
        && (cost.counted(p) - cap).abs() <= NEAR_CAP * cap
    {
        notes.push(Note::EstimateNearCap {
            cost: cost.counted(p),
            cap,
        });
    }
    (caveats, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standings_order_best_first_and_knock_outs_by_how_far_out() {
        let out = |x| Standing::Out(x);
        let order = [
            Standing::Candidate,
            Standing::WithCaveats,
            out(Exclusion::OverCap),
            out(Exclusion::SingleNode),
            out(Exclusion::Unsuited),
            out(Exclusion::WrongKind),
        ];
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        // The packed sort key's number keeps the same order, within its four bits.
        assert!(
            order
                .windows(2)
                .all(|w| w[0].order_key() < w[1].order_key()),
            "{order:?}"
        );
        assert!(Standing::WORST.order_key() < 16);
        assert_eq!(order.iter().max(), Some(&Standing::WORST));
        assert_eq!(order.iter().filter(|s| s.is_out()).count(), 4);
        let ko = [
            KnockOut::OverCap {
                cost: 2.0,
                cap: 1.0,
                estimated: false,
            },
            KnockOut::SingleNode {
                carries: 1,
                estimated: false,
            },
            KnockOut::LacksMust(vec![]),
            KnockOut::MailboxServer,
            KnockOut::Managed,
            KnockOut::SelfHosted,
        ];
        let by: Vec<Exclusion> = ko.iter().map(KnockOut::exclusion).collect();
        assert!(by.windows(2).all(|w| w[0] <= w[1]), "{by:?}");
        assert_eq!(by[2], by[3]);
        assert_eq!(by[4], by[5]);
    }
}
