//! Annual cost of ownership: licence, messages, servers and people, itemised.

use crate::catalogue::Engine;
use crate::profile::Profile;

/// One year of running (or renting) an engine at a given monthly volume.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnnualCost {
    /// Licence fees for the year (0 when the profile already holds the licence).
    pub licence: f64,
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
    /// The licence is already held, so it costs nothing more.
    pub licence_held: bool,
    /// The licence is charged per node (then `nodes` licences are counted).
    pub licence_per_node: bool,
    /// The assumed cost of one server a month.
    pub node_cost_per_month: f64,
    /// The assumed operations hours a month.
    pub ops_hours_per_month: f64,
    /// The assumed cost of an hour of operations work.
    pub hourly_rate: f64,
}

/// What a cost item pays for: a stable id for programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, strum::EnumCount)]
pub enum CostKind {
    /// Licence fees.
    Licence,
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
        CostKind::Messages,
        CostKind::FixedFees,
        CostKind::Servers,
        CostKind::Operations,
    ];

    /// The stable id, e.g. `fixed_fees`.
    pub fn id(self) -> &'static str {
        match self {
            CostKind::Licence => "licence",
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
    /// A yearly licence: already paid when `held`; `per_node` licences when charged per node.
    Licence {
        /// The profile holds it.
        held: bool,
        /// Licences counted, when charged per node.
        per_node: Option<u64>,
    },
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
    /// Operations hours a month at the assumed hourly rate.
    Operations {
        /// Hours a month.
        hours_per_month: f64,
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
        self.licence + self.messages + self.base + self.servers + self.ops
    }

    /// True when any part rests on an estimated or extrapolated price.
    pub fn is_estimate(&self) -> bool {
        self.estimated || self.beyond_tiers
    }

    /// Each part that applies, in [`CostKind::ALL`] order; the amounts add up to the total.
    pub fn items(&self) -> Vec<CostItem> {
        let price = if self.estimated {
            Provenance::Estimated
        } else {
            Provenance::Sourced
        };
        let mut out = Vec::with_capacity(CostKind::ALL.len());
        if self.licence > 0.0 || self.licence_held {
            out.push(CostItem {
                kind: CostKind::Licence,
                amount: self.licence,
                basis: Basis::Licence {
                    held: self.licence_held,
                    per_node: self.licence_per_node.then_some(self.nodes.max(1)),
                },
                // Nothing more to pay is a fact of the profile, not an estimate.
                provenance: if self.licence_held {
                    Provenance::Sourced
                } else {
                    price
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
                hours_per_month: self.ops_hours_per_month,
                rate_usd: self.hourly_rate,
            },
            provenance: Provenance::Assumed,
        });
        out
    }
}

/// The cost of `e` for a year at `volume` messages a month, with the profile's assumptions.
pub fn annual(e: &Engine, p: &Profile, volume: u64) -> AnnualCost {
    let c = &e.cost;
    let v = volume as f64;
    let held = p.licences_held.contains(&e.id);
    let estimated = c.estimate.is_some();
    let ops = c.ops_hours_per_month * p.hourly_rate_usd * 12.0;
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
    let nodes = if e.is_managed() || c.node_capacity_per_month == 0 {
        0
    } else {
        volume.div_ceil(c.node_capacity_per_month).max(1)
    };
    let servers = nodes as f64 * p.node_cost_per_month_usd * 12.0;
    let licence = if held {
        0.0
    } else if c.licence_per_node {
        c.licence_per_year_usd * nodes.max(1) as f64
    } else {
        c.licence_per_year_usd
    };
    AnnualCost {
        licence,
        messages,
        base,
        nodes,
        servers,
        ops,
        beyond_tiers,
        estimated,
        licence_held: held && c.licence_per_year_usd > 0.0,
        licence_per_node: c.licence_per_node,
        node_cost_per_month: p.node_cost_per_month_usd,
        ops_hours_per_month: c.ops_hours_per_month,
        hourly_rate: p.hourly_rate_usd,
    }
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
        assert_eq!(c.ops, 8.0 * 90.0 * 12.0);
        assert_eq!(c.licence, 0.0);
        assert_eq!(c.total(), 1_800.0 + 8_640.0);
        // Two nodes once one is full.
        assert_eq!(cost("postfix", &p, 15_000_001).nodes, 2);
    }

    #[test]
    fn a_held_licence_costs_nothing_more() {
        let mut p = Profile::default();
        assert_eq!(cost("powermta", &p, 60_000_000).licence, 8_000.0);
        p.licences_held = vec!["powermta".into()];
        let c = cost("powermta", &p, 60_000_000);
        assert_eq!(c.licence, 0.0);
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
