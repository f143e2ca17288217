//! Annual cost of ownership: licence, messages, servers and people, itemised.

use crate::catalogue::Engine;
use crate::profile::{Profile, SupportNeed};

/// One year of running (or renting) an engine at a given monthly volume.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnnualCost {
    /// Licence fees for the year (a held licence still renews).
    pub licence: f64,
    /// A support contract with an SLA, when the profile needs one and it is sold apart.
    pub support: f64,
    /// Per-message charges or plan fees for the year.
    pub messages: f64,
    /// Fixed monthly fees for the year (plan base, dedicated IPs).
    pub base: f64,
    /// Servers needed for the volume (self-hosted; 0 for a service).
    pub nodes: u64,
    /// Servers for the year: nodes × node cost × 12 (node cost is an assumption).
    pub servers: f64,
    /// Operations work for the year: hours × hourly rate × 12 (both assumptions).
    pub ops: f64,
    /// The volume is above the top published plan; the price beyond it is extrapolated.
    pub beyond_tiers: bool,
    /// A price in the catalogue is an estimate (`cost.estimate`).
    pub estimated: bool,
    /// The support contract's price is an estimate.
    pub support_estimated: bool,
    /// The profile already holds the licence: this is its renewal.
    pub licence_held: bool,
    /// The licence is charged per node (then `nodes` licences are counted).
    pub licence_per_node: bool,
    /// The assumed cost of one server a month.
    pub node_cost_per_month: f64,
    /// Assumed operations hours a month for the estate (or the service) whatever its size.
    pub ops_base_hours: f64,
    /// Assumed operations hours a month per server.
    pub ops_node_hours: f64,
    /// The assumed cost of an hour of operations work.
    pub hourly_rate: f64,
}

/// What a cost item pays for: a stable id for programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, strum::EnumCount)]
pub enum CostKind {
    /// Licence fees.
    Licence,
    /// A support contract with an SLA.
    Support,
    /// Per-message charges or plan fees.
    Messages,
    /// Fixed monthly fees (plan base, dedicated IPs).
    FixedFees,
    /// Servers.
    Servers,
    /// Operations work.
    Operations,
}

impl CostKind {
    /// Every kind, in the order items are listed.
    pub const ALL: [CostKind; <CostKind as strum::EnumCount>::COUNT] = [
        CostKind::Licence,
        CostKind::Support,
        CostKind::Messages,
        CostKind::FixedFees,
        CostKind::Servers,
        CostKind::Operations,
    ];

    /// The stable id, e.g. `fixed_fees`.
    pub fn id(self) -> &'static str {
        match self {
            CostKind::Licence => "licence",
            CostKind::Support => "support",
            CostKind::Messages => "messages",
            CostKind::FixedFees => "fixed_fees",
            CostKind::Servers => "servers",
            CostKind::Operations => "operations",
        }
    }
}

/// Where an amount comes from, so nobody mistakes an assumption for a price list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Provenance {
    /// A published price.
    Sourced,
    /// An unpublished price estimated in the catalogue, or one extrapolated beyond published plans.
    Estimated,
    /// One of the profile's editable assumptions (server cost, hourly rate, hours, capacity).
    Assumed,
}

impl Provenance {
    /// The stable id, e.g. `assumed`.
    pub fn id(self) -> &'static str {
        match self {
            Provenance::Sourced => "sourced",
            Provenance::Estimated => "estimated",
            Provenance::Assumed => "assumed",
        }
    }
}

/// How an item's amount was computed, with its numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Basis {
    /// A yearly licence: renewed when `held`; `per_node` licences when charged per node.
    Licence {
        /// The profile holds it: this is the renewal.
        held: bool,
        /// Licences counted, when charged per node.
        per_node: Option<u64>,
    },
    /// A yearly support contract with an SLA, sold apart from the licence or plan.
    Support,
    /// Per-message charges or a plan's fee.
    Messages {
        /// Beyond the top published plan, extrapolated at the per-message price.
        extrapolated: bool,
    },
    /// A plan's or a dedicated IP's fixed monthly fee.
    FixedFees,
    /// Servers for the volume at the assumed monthly cost of one.
    Servers {
        /// How many.
        nodes: u64,
        /// The assumed cost of one a month.
        per_month_usd: f64,
    },
    /// Operations hours a month — a base, plus some per server — at the assumed hourly rate.
    Operations {
        /// Hours a month whatever the size.
        base_hours: f64,
        /// Hours a month per server.
        node_hours: f64,
        /// Servers.
        nodes: u64,
        /// USD an hour.
        rate_usd: f64,
    },
}

/// One part of an engine's annual cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CostItem {
    /// What it pays for.
    pub kind: CostKind,
    /// US dollars a year.
    pub amount: f64,
    /// How it was computed.
    pub basis: Basis,
    /// Sourced, estimated or assumed.
    pub provenance: Provenance,
}

impl AnnualCost {
    /// The whole year, in US dollars.
    pub fn total(&self) -> f64 {
        self.licence + self.support + self.messages + self.base + self.servers + self.ops
    }

    /// True when any part rests on an estimated or extrapolated price.
    pub fn is_estimate(&self) -> bool {
        self.estimated || self.beyond_tiers || (self.support > 0.0 && self.support_estimated)
    }

    /// The parts that rest on the profile's assumptions (servers and operations).
    pub fn assumed(&self) -> f64 {
        self.servers + self.ops
    }

    /// The parts that rest on estimated or extrapolated prices: the items [`items`](Self::items)
    /// marks estimated, added without listing them (the near-tie check asks this per engine).
    pub fn estimated_part(&self) -> f64 {
        let mut est = 0.0;
        if self.estimated {
            est += self.licence + self.base;
        }
        if self.support_estimated {
            est += self.support;
        }
        if self.estimated || self.beyond_tiers {
            est += self.messages;
        }
        est
    }

    /// Each part that applies, in [`CostKind::ALL`] order; the amounts add up to the total.
    pub fn items(&self) -> Vec<CostItem> {
        let price = if self.estimated {
            Provenance::Estimated
        } else {
            Provenance::Sourced
        };
        let mut out = Vec::with_capacity(CostKind::ALL.len());
        if self.licence > 0.0 {
            out.push(CostItem {
                kind: CostKind::Licence,
                amount: self.licence,
                basis: Basis::Licence {
                    held: self.licence_held,
                    per_node: self.licence_per_node.then_some(self.nodes.max(1)),
                },
                provenance: price,
            });
        }
        if self.support > 0.0 {
            out.push(CostItem {
                kind: CostKind::Support,
                amount: self.support,
                basis: Basis::Support,
                provenance: if self.support_estimated {
                    Provenance::Estimated
                } else {
                    Provenance::Sourced
                },
            });
        }
        if self.messages > 0.0 {
            out.push(CostItem {
                kind: CostKind::Messages,
                amount: self.messages,
                basis: Basis::Messages {
                    extrapolated: self.beyond_tiers,
                },
                provenance: if self.beyond_tiers {
                    Provenance::Estimated
                } else {
                    price
                },
            });
        }
        if self.base > 0.0 {
            out.push(CostItem {
                kind: CostKind::FixedFees,
                amount: self.base,
                basis: Basis::FixedFees,
                provenance: price,
            });
        }
        if self.nodes > 0 {
            out.push(CostItem {
                kind: CostKind::Servers,
                amount: self.servers,
                basis: Basis::Servers {
                    nodes: self.nodes,
                    per_month_usd: self.node_cost_per_month,
                },
                provenance: Provenance::Assumed,
            });
        }
        out.push(CostItem {
            kind: CostKind::Operations,
            amount: self.ops,
            basis: Basis::Operations {
                base_hours: self.ops_base_hours,
                node_hours: self.ops_node_hours,
                nodes: self.nodes,
                rate_usd: self.hourly_rate,
            },
            provenance: Provenance::Assumed,
        });
        out
    }
}

/// The cost of `e` for a year at `volume` messages a month, with the profile's assumptions.
///
/// Operations are one assumption for every engine of a kind — a base for the estate plus hours
/// per server, or the upkeep of a service integration — so hours nobody has measured never
/// decide between two engines; servers follow each engine's node capacity.
pub fn annual(e: &Engine, p: &Profile, volume: u64) -> AnnualCost {
    let c = &e.cost;
    let v = volume as f64;
    let held = p.licences_held.contains(&e.id);
    let estimated = c.estimate.is_some();
    let base = c.base_per_month_usd * 12.0;
    let (messages, beyond_tiers) = match c.tiers.iter().find(|t| t.up_to_per_month >= volume) {
        Some(t) => (t.usd_per_month * 12.0, false),
        None => match c.tiers.last() {
            Some(top) => {
                let extra = (v - top.up_to_per_month as f64) / 1000.0 * c.per_thousand_usd;
                ((top.usd_per_month + extra) * 12.0, true)
            }
            None => (v / 1000.0 * c.per_thousand_usd * 12.0, false),
        },
    };
    let managed = e.is_managed() || c.node_capacity_per_month == 0;
    let nodes = if managed {
        0
    } else {
        volume.div_ceil(c.node_capacity_per_month).max(1)
    };
    let servers = nodes as f64 * p.node_cost_per_month_usd * 12.0;
    let (ops_base_hours, ops_node_hours) = if managed {
        (p.service_ops_hours_per_month, 0.0)
    } else {
        (p.ops_base_hours_per_month, p.ops_hours_per_node_per_month)
    };
    let ops = (ops_base_hours + ops_node_hours * nodes as f64) * p.hourly_rate_usd * 12.0;
    // Holding a licence changes the team and migration fit, not the invoice: it renews.
    let licence = if c.licence_per_node {
        c.licence_per_year_usd * nodes.max(1) as f64
    } else {
        c.licence_per_year_usd
    };
    let contract = if p.support == SupportNeed::VendorSla && e.support.vendor_sla {
        e.support.contract_usd_per_year.unwrap_or(0.0)
    } else {
        0.0
    };
    AnnualCost {
        licence,
        support: contract,
        messages,
        base,
        nodes,
        servers,
        ops,
        beyond_tiers,
        estimated,
        support_estimated: !matches!(e.support.contract_basis, crate::catalogue::Basis::Source(_)),
        licence_held: held && c.licence_per_year_usd > 0.0,
        licence_per_node: c.licence_per_node,
        node_cost_per_month: p.node_cost_per_month_usd,
        ops_base_hours,
        ops_node_hours,
        hourly_rate: p.hourly_rate_usd,
    }
}

/// The volumes in `(lo, hi]` where `e`'s cost starts a new piece — a server added, a plan
/// outgrown — in order; between two of them the cost is affine in volume. `None` when there are
/// more than `limit` (a tiny node capacity over a wide range).
pub fn breakpoints(e: &Engine, lo: u64, hi: u64, limit: usize) -> Option<Vec<u64>> {
    let c = &e.cost;
    let mut out: Vec<u64> = c
        .tiers
        .iter()
        .filter_map(|t| t.up_to_per_month.checked_add(1))
        .filter(|v| (lo + 1..=hi).contains(v))
        .collect();
    if !(e.is_managed() || c.node_capacity_per_month == 0) {
        let cap = c.node_capacity_per_month;
        // Servers go from k to k + 1 at k·capacity + 1.
        let (first, last) = (lo / cap, hi.saturating_sub(1) / cap);
        if last.saturating_sub(first) > limit as u64 {
            return None;
        }
        out.extend((first.max(1)..=last).filter_map(|k| k.checked_mul(cap)?.checked_add(1)));
        out.retain(|v| (lo + 1..=hi).contains(v));
    }
    if out.len() > limit {
        return None;
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;

    fn cost(id: &str, p: &Profile, v: u64) -> AnnualCost {
        annual(Catalogue::builtin().engine(id).unwrap(), p, v)
    }

    #[test]
    fn self_hosted_cost_is_servers_people_and_licence() {
        let p = Profile::default();
        let c = cost("postfix", &p, 7_421_043);
        assert_eq!(c.nodes, 1);
        assert_eq!(c.servers, 150.0 * 12.0);
        // 6 hours for the estate and 2 for its one server.
        assert_eq!(c.ops, 8.0 * 90.0 * 12.0);
        assert_eq!(c.licence, 0.0);
        assert_eq!(c.total(), 1_800.0 + 8_640.0);
        // Two nodes once one is full.
        let nodes = cost("postfix", &p, c.nodes * e_capacity("postfix") + 1).nodes;
        assert_eq!(nodes, 2);
    }

    fn e_capacity(id: &str) -> u64 {
        Catalogue::builtin()
            .engine(id)
            .unwrap()
            .cost
            .node_capacity_per_month
    }

    #[test]
    fn operations_grow_with_the_estate_and_are_the_same_for_every_engine_of_a_kind() {
        let p = Profile::default();
        let one = cost("kumomta", &p, 1_000_000);
        let many = cost("kumomta", &p, e_capacity("kumomta") * 10);
        assert_eq!(many.nodes, 10);
        assert_eq!(
            many.ops - one.ops,
            9.0 * 2.0 * 90.0 * 12.0,
            "2 hours per added server"
        );
        // Two self-hosted engines with one server each cost the same operations.
        assert_eq!(cost("exim", &p, 1_000).ops, cost("postfix", &p, 1_000).ops);
        // Services share theirs.
        assert_eq!(cost("ses", &p, 1_000).ops, cost("postmark", &p, 1_000).ops);
        assert_eq!(cost("ses", &p, 1_000).ops, 2.0 * 90.0 * 12.0);
    }

    #[test]
    fn breakpoints_are_where_a_server_is_added_or_a_plan_outgrown() {
        let cat = Catalogue::builtin();
        let p = Profile::default();
        for e in &cat.engines {
            let bp = breakpoints(e, 100_000, 1_000_000_000, 10_000).expect("few pieces");
            // Between two breakpoints the cost is affine: its midpoint is the mean of its ends.
            let mut starts = vec![100_000];
            starts.extend(&bp);
            for w in starts.windows(2) {
                let (a, b) = (w[0], w[1] - 1);
                let c = |v| annual(e, &p, v).total();
                let mid = a + (b - a) / 2;
                let expect = c(a) + (c(b) - c(a)) * (mid - a) as f64 / (b - a).max(1) as f64;
                assert!(
                    (c(mid) - expect).abs() <= 1e-6 * c(b).max(1.0),
                    "{} {a}..{b}",
                    e.id
                );
                // And a breakpoint really changes something.
                let (before, at) = (annual(e, &p, w[1] - 1), annual(e, &p, w[1]));
                assert!(
                    before.nodes != at.nodes || before.messages != at.messages,
                    "{} at {}",
                    e.id,
                    w[1]
                );
            }
        }
        let opensmtpd = cat.engine("opensmtpd").unwrap();
        assert_eq!(breakpoints(opensmtpd, 100_000, 1_000_000_000, 10), None);
    }

    #[test]
    fn the_estimated_part_is_the_sum_of_the_items_marked_estimated() {
        let cat = Catalogue::builtin();
        for sla in [SupportNeed::Community, SupportNeed::VendorSla] {
            let p = Profile {
                support: sla,
                ..Profile::default()
            };
            for e in &cat.engines {
                for v in [1_000, 7_421_043, 3_000_000_000] {
                    let c = annual(e, &p, v);
                    let listed: f64 = c
                        .items()
                        .iter()
                        .filter(|i| i.provenance == Provenance::Estimated)
                        .map(|i| i.amount)
                        .sum();
                    assert!(
                        (c.estimated_part() - listed).abs() < 1e-6,
                        "{} at {v}",
                        e.id
                    );
                }
            }
        }
    }

    #[test]
    fn a_held_licence_still_renews() {
        let mut p = Profile::default();
        let unheld = cost("powermta", &p, 60_000_000).licence;
        assert_eq!(unheld, 8_000.0);
        p.licences_held = vec!["powermta".into()];
        let c = cost("powermta", &p, 60_000_000);
        assert_eq!(
            c.licence, unheld,
            "holding it changes the fit, not the invoice"
        );
        let first = c.items()[0];
        assert_eq!(first.kind, CostKind::Licence);
        assert_eq!(
            first.basis,
            Basis::Licence {
                held: true,
                per_node: Some(1)
            }
        );
    }

    #[test]
    fn a_required_sla_adds_the_support_contract() {
        let p = Profile {
            support: SupportNeed::VendorSla,
            ..Profile::default()
        };
        let cat = Catalogue::builtin();
        let sold_apart: Vec<&str> = cat
            .engines
            .iter()
            .filter(|e| e.support.vendor_sla && e.support.contract_usd_per_year.is_some())
            .map(|e| e.id.as_str())
            .collect();
        assert!(!sold_apart.is_empty(), "some engine sells support apart");
        for id in sold_apart {
            let with = cost(id, &p, 20_000_000);
            let without = cost(id, &Profile::default(), 20_000_000);
            assert!(with.support > 0.0, "{id}");
            assert_eq!(with.total() - without.total(), with.support, "{id}");
            assert!(with.items().iter().any(|i| i.kind == CostKind::Support));
        }
    }

    #[test]
    fn managed_services_charge_per_message_or_by_plan() {
        let p = Profile::default();
        let ses = cost("ses", &p, 7_421_043);
        assert_eq!(ses.nodes, 0);
        assert!((ses.messages - 7_421.043 * 0.10 * 12.0).abs() < 1e-6);
        // Within SendGrid's first published plan, then beyond the last one.
        let sg = cost("sendgrid", &p, 40_000);
        assert!(!sg.beyond_tiers);
        let sg = cost("sendgrid", &p, 7_421_043);
        assert!(sg.beyond_tiers);
        let messages = sg
            .items()
            .into_iter()
            .find(|i| i.kind == CostKind::Messages);
        assert_eq!(
            messages.map(|i| (i.basis, i.provenance)),
            Some((
                Basis::Messages { extrapolated: true },
                Provenance::Estimated
            ))
        );
    }

    #[test]
    fn items_add_up_and_say_what_is_assumed() {
        let p = Profile::default();
        for (id, v) in [
            ("postfix", 7_421_043),
            ("powermta", 60_000_000),
            ("sendgrid", 7_421_043),
        ] {
            let c = cost(id, &p, v);
            let items = c.items();
            let sum: f64 = items.iter().map(|i| i.amount).sum();
            assert!((sum - c.total()).abs() < 1e-6, "{id}");
            let kinds: Vec<CostKind> = items.iter().map(|i| i.kind).collect();
            let mut sorted = kinds.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(kinds, sorted, "{id}: one item per kind, in order");
            for i in &items {
                if matches!(i.kind, CostKind::Servers | CostKind::Operations) {
                    assert_eq!(i.provenance, Provenance::Assumed, "{id}");
                }
            }
        }
        // PowerMTA's licence is unpublished: an estimate.
        let pmta = cost("powermta", &p, 60_000_000).items();
        assert_eq!(pmta[0].provenance, Provenance::Estimated);
    }
}
