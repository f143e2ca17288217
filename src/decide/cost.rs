//! Annual cost of ownership: licence, messages, servers and people, itemised.

use crate::catalogue::Engine;
use crate::profile::Profile;
use crate::units;

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
}

impl AnnualCost {
    /// The whole year, in US dollars.
    pub fn total(&self) -> f64 {
        self.licence + self.messages + self.base + self.servers + self.ops
    }

    /// Each part with a label that says what is assumed: (label, amount).
    pub fn items(&self, p: &Profile) -> Vec<(String, f64)> {
        let mut out = Vec::new();
        if self.licence > 0.0 || self.licence_held {
            out.push((
                if self.licence_held {
                    "licence (already held)".to_owned()
                } else if self.estimated {
                    "licence (estimate)".to_owned()
                } else {
                    "licence".to_owned()
                },
                self.licence,
            ));
        }
        if self.messages > 0.0 {
            let label = match (self.beyond_tiers, self.estimated) {
                (true, _) => "messages (beyond published plans, extrapolated)",
                (false, true) => "messages (estimate)",
                (false, false) => "messages",
            };
            out.push((label.to_owned(), self.messages));
        }
        if self.base > 0.0 {
            out.push(("fixed monthly fees".to_owned(), self.base));
        }
        if self.nodes > 0 {
            out.push((
                format!(
                    "{} server{} × {}/month (assumption)",
                    self.nodes,
                    if self.nodes == 1 { "" } else { "s" },
                    units::usd(p.node_cost_per_month_usd)
                ),
                self.servers,
            ));
        }
        out.push((
            format!(
                "operations at {}/hour (assumption)",
                units::usd(p.hourly_rate_usd)
            ),
            self.ops,
        ));
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
        assert!(c.items(&p)[0].0.contains("already held"));
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
        assert!(sg.items(&p).iter().any(|(l, _)| l.contains("extrapolated")));
    }
}
