//! Annual cost of an estate, or of a rented service: licences, fees, servers, addresses and
//! people, itemised, with what is cash and what is staff time.
//!
//! A self-hosted engine is costed as the estate an operator would run: enough nodes for the
//! busiest hour, spares beside them, warmed addresses for the busiest day, and people whose
//! work grows with the nodes and the addresses. Every number the catalogue does not source is
//! one of the profile's assumptions, the same for every engine, so what differs between two
//! engines is what their facts say: how much a node carries, how nodes share their limits, and
//! how the vendor sells its licence.

use crate::catalogue::{Band, Capability, Engine, Plan, ScaleOut, Tier};
use crate::profile::{Profile, SupportNeed};

/// The busy hours a day behind every node capacity in the catalogue (its rule: a published
/// per-hour figure × 6 hours × 30 days).
pub const CATALOGUE_BUSY_HOURS: f64 = 6.0;

/// Days in the catalogue's month.
pub const DAYS_A_MONTH: f64 = 30.0;

/// From this monthly volume a sender sends from two addresses at least: SendGrid's guidance,
/// "when your volume reaches 250,000 messages each month, allocate a minimum of two dedicated
/// IP addresses". Below it a rented service sends from its shared pools.
pub const TWO_IPS_FROM: u64 = 250_000;

/// The estate an engine needs at a volume.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Estate {
    /// Nodes the busiest hour needs (0 for a service).
    pub peak_nodes: u64,
    /// Spare nodes beside them.
    pub spares: u64,
    /// IP addresses: the estate's own, or a service's dedicated ones (0 on shared pools).
    pub ips: u64,
    /// How its nodes grow past one (`None` for a service).
    pub scale_out: Option<ScaleOut>,
}

impl Estate {
    /// Every node: those the peak needs and the spares.
    pub fn nodes(&self) -> u64 {
        self.peak_nodes + self.spares
    }
}

/// How much harder the busiest hour is than the catalogue's rule assumes: the busiest day's
/// share over the profile's busy hours, against an average day over six.
fn load(p: &Profile) -> f64 {
    let a = &p.assumptions;
    a.peak_day_factor.max(1.0) * CATALOGUE_BUSY_HOURS / a.busy_hours_per_day.max(1.0)
}

/// Nodes the busiest hour needs for `e` at `volume` a month: at least one for a self-hosted
/// engine, none for a service.
pub fn peak_nodes(e: &Engine, p: &Profile, volume: u64) -> u64 {
    let cap = e.cost.node_capacity_per_month;
    if is_service(e) {
        return 0;
    }
    ((volume as f64 * load(p) / cap as f64).ceil() as u64).max(1)
}

/// Addresses for `volume` a month: the busiest day over what one warmed address carries, two at
/// least from [`TWO_IPS_FROM`]. A self-hosted estate always has one; below [`TWO_IPS_FROM`] a
/// rented service's shared pools suffice.
pub fn ips(self_hosted: bool, p: &Profile, volume: u64) -> u64 {
    if !self_hosted && volume < TWO_IPS_FROM {
        return 0;
    }
    let busiest_day = volume as f64 * p.assumptions.peak_day_factor.max(1.0) / DAYS_A_MONTH;
    let n = (busiest_day / p.assumptions.messages_per_ip_per_day.max(1) as f64).ceil() as u64;
    let floor = if volume >= TWO_IPS_FROM { 2 } else { 1 };
    n.max(floor)
}

/// True when `e` is rented, or has no node capacity to size an estate by.
fn is_service(e: &Engine) -> bool {
    e.is_managed() || e.cost.node_capacity_per_month == 0
}

/// The estate `e` needs at `volume` a month.
pub fn estate(e: &Engine, p: &Profile, volume: u64) -> Estate {
    if is_service(e) {
        let priced = e.cost.dedicated_ip_usd_per_month.is_some();
        // A rented service sends from its shared pools unless the sender asks for addresses of
        // its own; then as many as the busiest day needs, one at least.
        let asked = [&p.must, &p.want]
            .iter()
            .any(|l| l.contains(&Capability::DedicatedIps));
        let needed = if asked { ips(true, p, volume) } else { 0 };
        return Estate {
            peak_nodes: 0,
            spares: 0,
            ips: if priced { needed } else { 0 },
            scale_out: None,
        };
    }
    let peak_nodes = peak_nodes(e, p, volume);
    let spares = if volume >= p.assumptions.spares_from_per_month {
        u64::from(p.assumptions.spare_nodes)
    } else {
        0
    };
    Estate {
        peak_nodes,
        spares,
        ips: ips(true, p, volume),
        scale_out: e.scale_out(),
    }
}

/// One year of running (or renting) an engine at a given monthly volume.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnnualCost {
    /// Licence fees for the year (a held licence still renews).
    pub licence: f64,
    /// A support contract with an SLA, when the profile needs one and it is sold apart.
    pub support: f64,
    /// Per-message charges or plan fees for the year.
    pub messages: f64,
    /// Fixed monthly fees for the year (a plan's base).
    pub base: f64,
    /// The estate: nodes for the peak, spares, addresses.
    pub estate: Estate,
    /// Every server (self-hosted; 0 for a service): `estate.nodes()`.
    pub nodes: u64,
    /// Servers for the year: nodes × node cost × 12 (node cost is an assumption).
    pub servers: f64,
    /// IP addresses for the year: the estate's at the profile's price, or a service's
    /// dedicated ones beyond those its plan includes at the catalogue's price.
    pub ip_addresses: f64,
    /// Operations work for the year: hours × hourly rate × 12 (both assumptions).
    pub ops: f64,
    /// Splitting per-provider limits across nodes that do not share them, for the year.
    pub coordination: f64,
    /// Deliverability work on the addresses for the year.
    pub deliverability: f64,
    /// The volume is above the top published plan; the price beyond it is extrapolated.
    pub beyond_tiers: bool,
    /// The plan costed, an index into the engine's `cost.plans` (`None`: its own prices).
    pub plan: Option<usize>,
    /// The tier of that plan (or of the engine's own tiers) that covers the volume.
    pub tier: Option<usize>,
    /// A price in the catalogue is an estimate (`cost.estimate`).
    pub estimated: bool,
    /// The support contract's price is an estimate.
    pub support_estimated: bool,
    /// A service's dedicated address price is an estimate.
    pub ip_estimated: bool,
    /// The profile already holds the licence: this is its renewal.
    pub licence_held: bool,
    /// The licence is charged per node (then `nodes` licences are counted).
    pub licence_per_node: bool,
    /// Part of the licence is charged by volume.
    pub licence_by_volume: bool,
    /// The cost of one server a month (an assumption).
    pub node_cost_per_month: f64,
    /// The price of one address a month (the profile's for an estate, the catalogue's for a
    /// service).
    pub ip_cost_per_month: f64,
    /// Dedicated addresses a service's plan includes.
    pub ips_included: u64,
    /// Assumed operations hours a month for the estate (or the service) whatever its size.
    pub ops_base_hours: f64,
    /// Assumed operations hours a month per server.
    pub ops_node_hours: f64,
    /// Assumed hours a month per node beyond the first, for independent nodes.
    pub coordination_hours: f64,
    /// Assumed deliverability hours a month per address.
    pub deliverability_hours: f64,
    /// The assumed cost of an hour of work.
    pub hourly_rate: f64,
}

/// What a cost item pays for: a stable id for programs.
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
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
pub enum CostKind {
    /// Licence fees.
    Licence,
    /// A support contract with an SLA.
    Support,
    /// Per-message charges or plan fees.
    Messages,
    /// Fixed monthly fees (a plan's base).
    FixedFees,
    /// Servers.
    Servers,
    /// IP addresses.
    IpAddresses,
    /// Operations work.
    Operations,
    /// Keeping per-provider limits split across independent nodes.
    Coordination,
    /// Deliverability work on the addresses.
    Deliverability,
}

impl CostKind {
    /// Every kind, in the order items are listed.
    pub const ALL: [CostKind; <CostKind as strum::EnumCount>::COUNT] = crate::variants::all();

    /// The stable id, e.g. `fixed_fees`.
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// True when it is paid in cash (an invoice); false for staff time.
    pub fn is_cash(self) -> bool {
        !matches!(
            self,
            CostKind::Operations | CostKind::Coordination | CostKind::Deliverability
        )
    }
}

/// Where an amount comes from, so nobody mistakes an assumption for a price list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
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
        self.into()
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
        /// Part of it is charged by volume.
        by_volume: bool,
    },
    /// A yearly support contract with an SLA, sold apart from the licence or plan.
    Support,
    /// Per-message charges or a plan's fee.
    Messages {
        /// Beyond the top published plan, extrapolated at the per-message price.
        extrapolated: bool,
        /// The plan costed (an index into the engine's `cost.plans`).
        plan: Option<usize>,
        /// Its tier that covers the volume.
        tier: Option<usize>,
    },
    /// A plan's fixed monthly fee.
    FixedFees {
        /// The plan costed (an index into the engine's `cost.plans`).
        plan: Option<usize>,
    },
    /// Servers for the volume at the assumed monthly cost of one.
    Servers {
        /// How many, spares included.
        nodes: u64,
        /// Of which spares.
        spares: u64,
        /// The assumed cost of one a month.
        per_month_usd: f64,
    },
    /// IP addresses at a monthly price.
    IpAddresses {
        /// How many the volume needs.
        ips: u64,
        /// Of which a service's plan includes.
        included: u64,
        /// The price of one a month.
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
    /// Hours a month per node beyond the first, to split per-provider limits by hand.
    Coordination {
        /// Nodes sending at the busiest hour (spares stand by).
        nodes: u64,
        /// Hours a month per node beyond the first.
        hours_per_node: f64,
        /// USD an hour.
        rate_usd: f64,
    },
    /// Deliverability hours a month per address.
    Deliverability {
        /// Addresses.
        ips: u64,
        /// Hours a month per address.
        hours_per_ip: f64,
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
    /// The whole year, in US dollars: cash and staff time.
    pub fn total(&self) -> f64 {
        self.cash() + self.staff()
    }

    /// What is paid in cash: licences, fees, contracts, servers, addresses.
    pub fn cash(&self) -> f64 {
        self.licence + self.support + self.messages + self.base + self.servers + self.ip_addresses
    }

    /// Staff time: operations, coordination, deliverability.
    pub fn staff(&self) -> f64 {
        self.ops + self.coordination + self.deliverability
    }

    /// What the budget reads: with a cap, the cash (and staff time when the profile counts it
    /// against the cap); without one, everything.
    pub fn counted(&self, p: &Profile) -> f64 {
        if counts_cash_only(p) {
            self.cash()
        } else {
            self.total()
        }
    }

    /// True when any part rests on an estimated or extrapolated price.
    pub fn is_estimate(&self) -> bool {
        self.estimated
            || self.beyond_tiers
            || (self.support > 0.0 && self.support_estimated)
            || (self.ip_addresses > 0.0 && self.ip_estimated)
    }

    /// True when the addresses are priced with the profile's assumption (a self-hosted estate).
    fn ips_assumed(&self) -> bool {
        self.nodes > 0
    }

    /// The parts that rest on the profile's assumptions: servers, an estate's addresses, and
    /// every hour of staff time.
    pub fn assumed(&self) -> f64 {
        self.servers
            + if self.ips_assumed() {
                self.ip_addresses
            } else {
                0.0
            }
            + self.staff()
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
        if self.ip_estimated && !self.ips_assumed() {
            est += self.ip_addresses;
        }
        est
    }

    /// What the budget reads ([`counted`](Self::counted)) split into what rests on a price list,
    /// on an estimate and on the profile's assumptions, so that each can be scaled by its spread.
    pub fn counted_parts(&self, p: &Profile) -> (f64, f64, f64) {
        let est = self.estimated_part();
        let ass = if counts_cash_only(p) {
            self.assumed() - self.staff()
        } else {
            self.assumed()
        };
        (self.counted(p) - est - ass, est, ass)
    }

    /// Each part that applies, in [`CostKind::ALL`] order; the amounts add up to the total.
    pub fn items(&self) -> Vec<CostItem> {
        let price = if self.estimated {
            Provenance::Estimated
        } else {
            Provenance::Sourced
        };
        let mut out = Vec::with_capacity(CostKind::ALL.len());
        let mut push = |kind, amount: f64, basis, provenance| {
            out.push(CostItem {
                kind,
                amount,
                basis,
                provenance,
            })
        };
        if self.licence > 0.0 {
            push(
                CostKind::Licence,
                self.licence,
                Basis::Licence {
                    held: self.licence_held,
                    per_node: self.licence_per_node.then_some(self.nodes.max(1)),
                    by_volume: self.licence_by_volume,
                },
                price,
            );
        }
        if self.support > 0.0 {
            push(
                CostKind::Support,
                self.support,
                Basis::Support,
                if self.support_estimated {
                    Provenance::Estimated
                } else {
                    Provenance::Sourced
                },
            );
        }
        if self.messages > 0.0 {
            push(
                CostKind::Messages,
                self.messages,
                Basis::Messages {
                    extrapolated: self.beyond_tiers,
                    plan: self.plan,
                    tier: self.tier,
                },
                if self.beyond_tiers {
                    Provenance::Estimated
                } else {
                    price
                },
            );
        }
        if self.base > 0.0 {
            push(
                CostKind::FixedFees,
                self.base,
                Basis::FixedFees { plan: self.plan },
                price,
            );
        }
        if self.nodes > 0 {
            push(
                CostKind::Servers,
                self.servers,
                Basis::Servers {
                    nodes: self.nodes,
                    spares: self.estate.spares,
                    per_month_usd: self.node_cost_per_month,
                },
                Provenance::Assumed,
            );
        }
        if self.estate.ips > 0 && (self.ip_addresses > 0.0 || self.ips_included > 0) {
            push(
                CostKind::IpAddresses,
                self.ip_addresses,
                Basis::IpAddresses {
                    ips: self.estate.ips,
                    included: self.ips_included.min(self.estate.ips),
                    per_month_usd: self.ip_cost_per_month,
                },
                if self.ips_assumed() {
                    Provenance::Assumed
                } else if self.ip_estimated {
                    Provenance::Estimated
                } else {
                    Provenance::Sourced
                },
            );
        }
        push(
            CostKind::Operations,
            self.ops,
            Basis::Operations {
                base_hours: self.ops_base_hours,
                node_hours: self.ops_node_hours,
                nodes: self.nodes,
                rate_usd: self.hourly_rate,
            },
            Provenance::Assumed,
        );
        if self.coordination > 0.0 {
            push(
                CostKind::Coordination,
                self.coordination,
                Basis::Coordination {
                    nodes: self.estate.peak_nodes,
                    hours_per_node: self.coordination_hours,
                    rate_usd: self.hourly_rate,
                },
                Provenance::Assumed,
            );
        }
        if self.deliverability > 0.0 {
            push(
                CostKind::Deliverability,
                self.deliverability,
                Basis::Deliverability {
                    ips: self.estate.ips,
                    hours_per_ip: self.deliverability_hours,
                    rate_usd: self.hourly_rate,
                },
                Provenance::Assumed,
            );
        }
        out
    }
}

/// What any self-hosted estate pays a year at `volume` a month before its engine makes a
/// difference: one server, the addresses the busiest day needs and the deliverability work on
/// them, and the base operations hours (all the profile's assumptions). The budget fit without a
/// cap is anchored to it once it passes the fixed reference, so that a large sender's costs are
/// compared at their own scale: without it every estate at billions a month would fit the same.
pub fn baseline(p: &Profile, volume: u64) -> f64 {
    let ips = ips(true, p, volume) as f64;
    let a = &p.assumptions;
    let hours = a.ops_base_hours_per_month + a.deliverability_hours_per_ip_per_month * ips;
    (a.node_cost_per_month_usd + ips * a.ip_cost_per_month_usd + hours * a.hourly_rate_usd) * 12.0
}

/// True when the budget reads cash only: a cap is set and staff time is not counted in it.
pub fn counts_cash_only(p: &Profile) -> bool {
    p.annual_budget_usd.is_some() && !p.assumptions.cap_counts_staff
}

/// The cost of `e` for a year at `volume` messages a month, with the profile's assumptions.
///
/// Operations are one assumption for every engine of a kind — a base for the estate plus hours
/// per server, or the upkeep of a service integration — so hours nobody has measured never
/// decide between two engines; servers follow each engine's node capacity, coordination its
/// way of scaling out, licences the way its vendor sells them.
pub fn annual(e: &Engine, p: &Profile, volume: u64) -> AnnualCost {
    let c = &e.cost;
    let a = &p.assumptions;
    let v = volume as f64;
    let held = p.licences_held.contains(&e.id);
    let estimated = c.estimate.is_some();
    let managed = is_service(e);
    let estate = estate(e, p, volume);
    let chosen = choose_plan(e, volume, estate.ips);
    let Priced {
        messages,
        base,
        beyond_tiers,
        tier,
    } = chosen.priced;
    let nodes = estate.nodes();
    let servers = nodes as f64 * a.node_cost_per_month_usd * 12.0;
    let (ip_price, included, ip_estimated) = if managed {
        (
            c.dedicated_ip_usd_per_month.unwrap_or(0.0),
            u64::from(chosen.ips_included),
            !matches!(c.dedicated_ip_basis, crate::catalogue::Basis::Source(_)),
        )
    } else {
        (a.ip_cost_per_month_usd, 0, false)
    };
    let ip_addresses = estate.ips.saturating_sub(included) as f64 * ip_price * 12.0;
    let (ops_base_hours, ops_node_hours) = if managed {
        (a.service_ops_hours_per_month, 0.0)
    } else {
        (a.ops_base_hours_per_month, a.ops_hours_per_node_per_month)
    };
    let rate = a.hourly_rate_usd;
    let ops = (ops_base_hours + ops_node_hours * nodes as f64) * rate * 12.0;
    let coordination_hours = if estate.scale_out == Some(ScaleOut::Independent) {
        a.coordination_hours_per_node_per_month
    } else {
        0.0
    };
    // Spares stand by; the nodes that send at the busiest hour are the ones whose limits are
    // split.
    let coordination =
        coordination_hours * estate.peak_nodes.saturating_sub(1) as f64 * rate * 12.0;
    let deliverability_hours = a.deliverability_hours_per_ip_per_month;
    let deliverability = deliverability_hours * estate.ips as f64 * rate * 12.0;
    // Holding a licence changes the team and migration fit, not the invoice: it renews.
    let licence = if c.licence_per_node {
        c.licence_per_year_usd * nodes.max(1) as f64
    } else {
        c.licence_per_year_usd
    } + c.licence_per_million_usd * v / 1e6;
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
        estate,
        nodes,
        servers,
        ip_addresses,
        ops,
        coordination,
        deliverability,
        beyond_tiers,
        plan: chosen.plan,
        tier,
        estimated,
        support_estimated: !matches!(e.support.contract_basis, crate::catalogue::Basis::Source(_)),
        ip_estimated: managed && ip_estimated,
        licence_held: held && (c.licence_per_year_usd > 0.0 || c.licence_per_million_usd > 0.0),
        licence_per_node: c.licence_per_node,
        licence_by_volume: c.licence_per_million_usd > 0.0,
        node_cost_per_month: a.node_cost_per_month_usd,
        ip_cost_per_month: ip_price,
        ips_included: included,
        ops_base_hours,
        ops_node_hours,
        coordination_hours,
        deliverability_hours,
        hourly_rate: rate,
    }
}

/// What one way of selling messages charges for a year at a volume.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Priced {
    /// The messages: a tier's price, or the price per 1,000 (graduated by bands).
    messages: f64,
    /// The fee whatever the volume.
    base: f64,
    /// Above the top published tier: extrapolated at the price per 1,000.
    beyond_tiers: bool,
    /// The tier that covers the volume, when one does.
    tier: Option<usize>,
}

/// A year of messages at `volume` a month with a fee, tiers, a price per 1,000 and bands.
fn price(base: f64, tiers: &[Tier], per_thousand: f64, bands: &[Band], volume: u64) -> Priced {
    let v = volume as f64;
    let (messages, beyond_tiers, tier) =
        match tiers.iter().position(|t| t.up_to_per_month >= volume) {
            Some(i) => (tiers[i].usd_per_month, false, Some(i)),
            None => match tiers.last() {
                Some(top) => {
                    let extra = (v - top.up_to_per_month as f64) / 1000.0 * per_thousand;
                    (top.usd_per_month + extra, true, None)
                }
                None if !bands.is_empty() => (graduated(bands, volume), false, None),
                None => (v / 1000.0 * per_thousand, false, None),
            },
        };
    Priced {
        messages: messages * 12.0,
        base: base * 12.0,
        beyond_tiers,
        tier,
    }
}

/// A graduated price a month: each step's share of the volume at its own price per 1,000.
fn graduated(bands: &[Band], volume: u64) -> f64 {
    bands
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let end = bands.get(i + 1).map_or(u64::MAX, |n| n.from_per_month);
            let inside = volume.min(end).saturating_sub(b.from_per_month);
            inside as f64 / 1000.0 * b.usd_per_thousand
        })
        .sum()
}

/// The plan costed: its price, which plan (`None`: the engine's own prices) and the dedicated
/// addresses it includes.
struct Chosen {
    priced: Priced,
    plan: Option<usize>,
    ips_included: u32,
}

/// The cheapest of an engine's plans that carries `volume` and gives `ips` dedicated addresses
/// when they are needed, counting the addresses it does not include; the engine's own prices
/// when it has no plans. When no plan carries the volume, the one that carries the most.
fn choose_plan(e: &Engine, volume: u64, ips: u64) -> Chosen {
    let c = &e.cost;
    if c.plans.is_empty() {
        return Chosen {
            priced: price(
                c.base_per_month_usd,
                &c.tiers,
                c.per_thousand_usd,
                &[],
                volume,
            ),
            plan: None,
            ips_included: c.dedicated_ips_included,
        };
    }
    let ip_price = c.dedicated_ip_usd_per_month.unwrap_or(0.0) * 12.0;
    let of = |i: usize, q: &Plan| Chosen {
        priced: price(
            q.base_per_month_usd,
            &q.tiers,
            q.per_thousand_usd,
            &q.bands,
            volume,
        ),
        plan: Some(i),
        ips_included: q.dedicated_ips_included.unwrap_or(c.dedicated_ips_included),
    };
    let total = |x: &Chosen| {
        x.priced.messages
            + x.priced.base
            + ips.saturating_sub(u64::from(x.ips_included)) as f64 * ip_price
    };
    let carries =
        |q: &Plan| q.max_per_month.is_none_or(|m| volume <= m) && (ips == 0 || q.dedicated_ips);
    let best = c
        .plans
        .iter()
        .enumerate()
        .filter(|(_, q)| carries(q))
        .map(|(i, q)| of(i, q))
        .min_by(|a, b| total(a).total_cmp(&total(b)));
    best.unwrap_or_else(|| {
        let (i, q) = c
            .plans
            .iter()
            .enumerate()
            .max_by_key(|(_, q)| q.max_per_month.unwrap_or(u64::MAX))
            .expect("plans is not empty");
        let mut x = of(i, q);
        // Past every plan's limit: the price is extrapolated, not a quote.
        x.priced.beyond_tiers = true;
        x
    })
}

/// The least volume in `(after, MAX_VOLUME]` where `count` exceeds `k`, given that `count`
/// never falls as the volume grows, is at most `k` at `after`, and `guess` is close; `None` when
/// it never does.
fn first_above(count: impl Fn(u64) -> u64, k: u64, guess: u64, after: u64) -> Option<u64> {
    let max = crate::units::MAX_VOLUME;
    let (mut lo, mut hi) = (after, guess.clamp(after + 1, max));
    // The guess comes from the inverse of the same formula, so it is off by rounding only:
    // widen from it until the count is above k, then halve.
    let mut step = 1u64;
    while count(hi) <= k {
        if hi >= max {
            return None;
        }
        lo = hi;
        hi = hi.saturating_add(step).min(max);
        step = step.saturating_mul(2);
    }
    if hi - 1 > lo && count(hi - 1) <= k {
        return Some(hi);
    }
    while hi - lo > 1 {
        let m = lo + (hi - lo) / 2;
        if count(m) > k { hi = m } else { lo = m }
    }
    Some(hi)
}

/// The volumes in `(lo, hi]` where a step count `count` (nodes, addresses) changes, found from
/// `per_step`, the volume one more of them is added for; `None` when there are more than `limit`.
fn steps(
    count: impl Fn(u64) -> u64,
    per_step: f64,
    lo: u64,
    hi: u64,
    limit: usize,
) -> Option<Vec<u64>> {
    let (mut k, last) = (count(lo), count(hi));
    if last.saturating_sub(k) > limit as u64 {
        return None;
    }
    let mut out = Vec::new();
    let mut after = lo;
    while k < last {
        let guess = if per_step.is_finite() && per_step > 0.0 {
            ((k as f64) * per_step).floor() as u64
        } else {
            after + 1
        };
        match first_above(&count, k, guess, after) {
            Some(v) if v <= hi => {
                out.push(v);
                after = v;
                k = count(v);
            }
            _ => break,
        }
    }
    Some(out)
}

/// The volumes in `(lo, hi]` where `e`'s cost starts a new piece — a server or an address
/// added, spares started, a plan outgrown — in order; between two of them the cost is affine in
/// volume. `None` when there are more than `limit` (a tiny node capacity over a wide range).
pub fn breakpoints(e: &Engine, p: &Profile, lo: u64, hi: u64, limit: usize) -> Option<Vec<u64>> {
    let c = &e.cost;
    // Between two plans the cheaper one can change anywhere: not pieces this can list.
    if c.plans.len() > 1 {
        return None;
    }
    let tiers = c.plans.first().map_or(&c.tiers, |q| &q.tiers);
    let mut out: Vec<u64> = tiers
        .iter()
        .filter_map(|t| t.up_to_per_month.checked_add(1))
        .chain(c.plans.iter().flat_map(|q| {
            q.bands
                .iter()
                .map(|b| b.from_per_month)
                .chain(q.max_per_month.and_then(|m| m.checked_add(1)))
        }))
        .filter(|v| (lo + 1..=hi).contains(v))
        .collect();
    let self_hosted = !is_service(e);
    if self_hosted {
        let cap = c.node_capacity_per_month as f64;
        out.extend(steps(
            |v| peak_nodes(e, p, v),
            cap / load(p),
            lo,
            hi,
            limit,
        )?);
        let spares = p.assumptions.spares_from_per_month;
        if p.assumptions.spare_nodes > 0 && spares > lo && spares <= hi {
            out.push(spares);
        }
    }
    // Addresses, for an estate or a service asked for its own: every change of their count.
    let a = &p.assumptions;
    let per_ip =
        a.messages_per_ip_per_day.max(1) as f64 * DAYS_A_MONTH / a.peak_day_factor.max(1.0);
    out.extend(steps(|v| estate(e, p, v).ips, per_ip, lo, hi, limit)?);
    out.sort_unstable();
    out.dedup();
    if out.len() > limit {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;
    use crate::profile::Situation;

    fn cost(id: &str, p: &Profile, v: u64) -> AnnualCost {
        annual(Catalogue::builtin().engine(id).unwrap(), p, v)
    }

    #[test]
    fn self_hosted_cost_is_an_estate_of_servers_addresses_people_and_licence() {
        let p = Profile::default();
        let c = cost("postfix", &p, 7_421_043);
        // Below the 10M line, one well-configured node and no spare.
        assert_eq!((c.estate.peak_nodes, c.estate.spares, c.nodes), (1, 0, 1));
        assert_eq!(c.servers, 150.0 * 12.0);
        // The busiest day (7.4M × 1.5 / 30 = 371k) fits one address, but from 250k a month a
        // sender keeps two.
        assert_eq!(c.estate.ips, 2);
        assert!((c.ip_addresses - 2.0 * 3.65 * 12.0).abs() < 1e-9);
        // 6 hours for the estate and 2 for its one server; half an hour per address.
        assert_eq!(c.ops, 8.0 * 90.0 * 12.0);
        assert_eq!(c.deliverability, 2.0 * 0.5 * 90.0 * 12.0);
        assert_eq!(c.coordination, 0.0, "one node coordinates with nobody");
        assert_eq!(c.licence, 0.0);
        assert!((c.cash() - (1_800.0 + 87.6)).abs() < 1e-9);
        assert_eq!(c.staff(), 8_640.0 + 1_080.0);
        // The busiest hour is what a node must carry: 1.5× the average day.
        let cap = e_capacity("postfix");
        let full = (cap as f64 / 1.5) as u64;
        assert_eq!(peak_nodes(cat().engine("postfix").unwrap(), &p, full), 1);
        assert_eq!(
            peak_nodes(cat().engine("postfix").unwrap(), &p, full + 2),
            2
        );
    }

    fn cat() -> Catalogue {
        Catalogue::builtin()
    }

    #[test]
    fn spares_start_at_the_line_and_independent_nodes_pay_for_coordination() {
        let p = Profile::default();
        let below = cost("postfix", &p, p.assumptions.spares_from_per_month - 1);
        let at = cost("postfix", &p, p.assumptions.spares_from_per_month);
        assert_eq!((below.estate.spares, at.estate.spares), (0, 1));
        // A spare stands by: nothing to split yet.
        assert_eq!(at.coordination, 0.0);
        // Postfix nodes keep their own limits: one hour a month for each sending node beyond
        // the first.
        let two = cost("postfix", &p, 30_000_000);
        assert_eq!(two.estate.peak_nodes, 2);
        assert_eq!(two.coordination, 1.0 * 90.0 * 12.0);
        // KumoMTA nodes share theirs: nothing to split by hand.
        let kumo = cost("kumomta", &p, 3_000_000_000);
        assert!(kumo.nodes > 2);
        assert_eq!(kumo.coordination, 0.0);
        let pmta = cost("powermta", &p, 3_000_000_000);
        assert_eq!(
            pmta.coordination,
            (pmta.estate.peak_nodes - 1) as f64 * 90.0 * 12.0,
            "{pmta:?}"
        );
        // A per-node licence counts every node, spares too.
        assert_eq!(pmta.licence, 8_000.0 * pmta.nodes as f64);
    }

    #[test]
    fn a_cap_reads_cash_unless_the_profile_counts_staff_time() {
        let mut p = Profile::default();
        let c = cost("postfix", &p, 200_000);
        assert_eq!(
            c.counted(&p),
            c.total(),
            "without a cap the budget reads everything"
        );
        p.annual_budget_usd = Some(1_200.0);
        assert_eq!(c.counted(&p), c.cash());
        p.assumptions.cap_counts_staff = true;
        assert_eq!(c.counted(&p), c.total());
        let (sure, est, ass) = c.counted_parts(&p);
        assert!((sure + est + ass - c.total()).abs() < 1e-9);
    }

    #[test]
    fn a_service_sends_from_shared_pools_unless_asked_for_its_own_addresses() {
        let shared = Profile::default();
        let big = cost("ses", &shared, 100_000_000);
        assert_eq!((big.estate.ips, big.ip_addresses), (0, 0.0));
        assert_eq!(
            big.deliverability, 0.0,
            "the service looks after its shared pools"
        );
        let p = Profile::from(Situation {
            want: vec![Capability::DedicatedIps],
            ..Situation::default()
        });
        // Asked for, one at least, whatever the volume.
        assert_eq!(cost("ses", &p, 10_000).estate.ips, 1);
        let big = cost("ses", &p, 100_000_000);
        // 100M × 1.5 / 30 = 5M on the busiest day: ten addresses at 500k each.
        assert_eq!(big.estate.ips, 10);
        assert!((big.ip_addresses - 10.0 * 24.95 * 12.0).abs() < 1e-6);
        assert_eq!(big.nodes, 0);
        // SendGrid's plan includes one.
        let sg = cost("sendgrid", &p, 100_000_000);
        assert!((sg.ip_addresses - 9.0 * 30.0 * 12.0).abs() < 1e-6);
        let item = sg
            .items()
            .into_iter()
            .find(|i| i.kind == CostKind::IpAddresses)
            .unwrap();
        assert_eq!(
            item.basis,
            Basis::IpAddresses {
                ips: 10,
                included: 1,
                per_month_usd: 30.0
            }
        );
        assert_eq!(item.provenance, Provenance::Estimated);
    }

    #[test]
    fn the_baseline_grows_with_the_addresses() {
        let p = Profile::default();
        assert!(baseline(&p, 1_000_000) < 25_000.0);
        assert!(baseline(&p, 5_000_000_000) > baseline(&p, 1_000_000_000));
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
        // Ten nodes' worth at the busiest hour, and a spare.
        let many = cost(
            "kumomta",
            &p,
            (e_capacity("kumomta") as f64 * 10.0 / 1.5) as u64,
        );
        assert_eq!(many.nodes, 11);
        assert_eq!(
            many.ops - one.ops,
            10.0 * 2.0 * 90.0 * 12.0,
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
            // Between several plans the cheaper can change anywhere: no pieces to list.
            if e.cost.plans.len() > 1 {
                assert_eq!(breakpoints(e, &p, 100_000, 1_000_000_000, 10_000), None);
                continue;
            }
            let bp = breakpoints(e, &p, 100_000, 1_000_000_000, 10_000).expect("few pieces");
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
                    before.estate != at.estate || before.messages != at.messages,
                    "{} at {}",
                    e.id,
                    w[1]
                );
            }
        }
        let opensmtpd = cat.engine("opensmtpd").unwrap();
        assert_eq!(breakpoints(opensmtpd, &p, 100_000, 1_000_000_000, 10), None);
    }

    #[test]
    fn the_estimated_part_is_the_sum_of_the_items_marked_estimated() {
        let cat = Catalogue::builtin();
        for sla in [SupportNeed::Community, SupportNeed::VendorSla] {
            let p = Profile::from(Situation {
                support: sla,
                ..Situation::default()
            });
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
        // One node for the busiest hour and a spare, each licensed.
        assert_eq!(unheld, 2.0 * 8_000.0);
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
                per_node: Some(c.nodes),
                by_volume: false,
            }
        );
    }

    #[test]
    fn a_required_sla_adds_the_support_contract() {
        let p = Profile::from(Situation {
            support: SupportNeed::VendorSla,
            ..Situation::default()
        });
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
            assert!(
                (with.total() - without.total() - with.support).abs() < 1e-6,
                "{id}"
            );
            assert!(with.items().iter().any(|i| i.kind == CostKind::Support));
        }
    }

    #[test]
    fn managed_services_charge_per_message_or_by_plan() {
        let p = Profile::default();
        let ses = cost("ses", &p, 7_421_043);
        assert_eq!(ses.nodes, 0);
        assert_eq!(ses.estate.ips, 0, "shared pools unless asked");
        // The cheapest of SES's plans is per-feature billing at 0.10 per 1,000.
        assert!((ses.messages - 7_421.043 * 0.10 * 12.0).abs() < 1e-6);
        let ses_engine = Catalogue::builtin().engine("ses").unwrap().clone();
        assert_eq!(
            ses_engine.cost.plans[ses.plan.unwrap()].name,
            "à la carte (no plan)"
        );
        // Within SendGrid's Essentials plan: 80k a month is Essentials 100K, not Pro.
        let sg_engine = Catalogue::builtin().engine("sendgrid").unwrap().clone();
        let sg = cost("sendgrid", &p, 80_000);
        assert!(!sg.beyond_tiers);
        assert_eq!(sg.messages, 34.95 * 12.0);
        let item = sg
            .items()
            .into_iter()
            .find(|i| i.kind == CostKind::Messages)
            .unwrap();
        let Basis::Messages { plan, tier, .. } = item.basis else {
            panic!("messages are priced on a plan: {:?}", item.basis)
        };
        let plan = &sg_engine.cost.plans[plan.expect("a plan")];
        let tier = &plan.tiers[tier.expect("a tier")];
        assert_eq!(tier.name.as_deref(), Some("Essentials 100K"));
        // Past Essentials' 100K, Pro; past its top tier, extrapolated.
        let sg = cost("sendgrid", &p, 7_421_043);
        assert!(sg.beyond_tiers);
        let messages = sg
            .items()
            .into_iter()
            .find(|i| i.kind == CostKind::Messages);
        assert_eq!(
            messages.map(|i| (i.basis, i.provenance)),
            Some((
                Basis::Messages {
                    extrapolated: true,
                    plan: Some(1),
                    tier: None
                },
                Provenance::Estimated
            ))
        );
    }

    #[test]
    fn graduated_bands_price_each_step_at_its_own_rate() {
        let bands = [
            Band {
                from_per_month: 0,
                usd_per_thousand: 0.16,
            },
            Band {
                from_per_month: 10_000_000,
                usd_per_thousand: 0.14,
            },
        ];
        assert!((graduated(&bands, 5_000_000) - 800.0).abs() < 1e-9);
        assert!((graduated(&bands, 20_000_000) - (1_600.0 + 1_400.0)).abs() < 1e-9);
    }

    #[test]
    fn a_plan_without_dedicated_addresses_is_not_costed_when_they_are_needed() {
        // Essentials sends from shared addresses: asked for its own, the sender is costed on Pro.
        let p = Profile::from(Situation {
            must: vec![Capability::DedicatedIps],
            ..Situation::default()
        });
        let sg = cost("sendgrid", &p, 80_000);
        assert_eq!(sg.plan, Some(1), "{sg:?}");
        // Pro includes one address, so there is nothing more to pay for at this volume.
        assert_eq!(sg.estate.ips, 1);
        assert_eq!(sg.ip_addresses, 0.0);
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
                if !i.kind.is_cash() || i.kind == CostKind::Servers {
                    assert_eq!(i.provenance, Provenance::Assumed, "{id}");
                }
            }
        }
        // PowerMTA's licence is unpublished: an estimate.
        let pmta = cost("powermta", &p, 60_000_000).items();
        assert_eq!(pmta[0].provenance, Provenance::Estimated);
    }
}
