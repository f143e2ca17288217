//! Generated engines for benchmarks and property tests: plausible, varied and reproducible.
//! Test-only code: `#[path = "…/tests/support/synthetic.rs"] mod synthetic;` includes it.
//!
//! A fixed seed gives the same engines on every machine, so a benchmark of 10,000 engines measures
//! the same work each run.

// Included with `#[path]` by the tests and benches that need it; not every one uses every item.
#![allow(dead_code)]

use mtafit_model::catalogue::{
    Basis, Capability, Config, Cost, Engine, Kind, Level, Licence, Role, ScaleOut, Status, Support,
    Tier, Volume,
};

/// A small deterministic generator (xorshift64*); good enough for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is replaced, as xorshift cannot leave it).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One generated engine; `i` makes the id and name unique.
pub fn engine(rng: &mut Rng, i: usize) -> Engine {
    let managed = rng.below(4) == 0;
    let min = 10f64.powf(4.0 + rng.unit() * 4.0) as u64;
    let max = min.saturating_mul(2 + rng.below(200));
    let levels: [Level; 6] = [
        Level::Yes,
        Level::AddOn,
        Level::Separate,
        Level::Partial,
        Level::No,
        Level::Unknown,
    ];
    let capabilities: mtafit_model::catalogue::Capabilities = Capability::ALL
        .iter()
        .map(|c| (*c, levels[rng.below(6) as usize]))
        .collect();
    let with_plans = managed && rng.below(3) == 0;
    let tiers = if managed && !with_plans && rng.below(2) == 0 {
        let mut up = 10_000 * (1 + rng.below(10));
        let mut fee = 10.0 + rng.unit() * 20.0;
        (0..1 + rng.below(4))
            .map(|_| {
                let t = Tier {
                    up_to_per_month: up,
                    usd_per_month: fee,
                    name: None,
                };
                up *= 2 + rng.below(5);
                fee *= 1.5 + rng.unit() * 2.0;
                t
            })
            .collect()
    } else {
        Vec::new()
    };
    let commercial = managed || rng.below(2) == 0;
    Engine {
        id: format!("gen-{i}"),
        name: format!("Generated {i}"),
        kind: if managed {
            Kind::Managed
        } else {
            Kind::SelfHosted
        },
        licence: if commercial {
            Licence::Commercial
        } else {
            Licence::Open("MIT".into())
        },
        vendor: format!("Vendor {}", rng.below(50)),
        language: ["C", "Rust", "Go", "Java", ""][rng.below(5) as usize].into(),
        first_release: 1980 + rng.below(46) as u16,
        first_release_basis: Basis::Unsourced,
        status: [
            Status::Active,
            Status::Maintained,
            Status::Stalled,
            Status::Legacy,
        ][rng.below(4) as usize],
        role: Some(if managed {
            Role::Service
        } else {
            [Role::SendingMta, Role::GeneralMta, Role::MailboxServer][rng.below(3) as usize]
        }),
        config: match rng.below(5) {
            0 => Config::Api,
            1 => Config::Gui,
            2 => Config::StaticFile,
            3 => Config::ConfigAsCode("Lua".into()),
            _ => Config::Scripting("JS".into()),
        },
        everyday_config: (rng.below(4) == 0).then_some(Config::StaticFile),
        everyday_config_basis: Basis::Unsourced,
        also_runs: Vec::new(),
        scale_out: match rng.below(4) {
            0 => None,
            1 => Some(ScaleOut::Shared),
            2 => Some(ScaleOut::Independent),
            _ => Some(ScaleOut::Single),
        },
        scale_out_basis: Basis::Unsourced,
        volume: Volume {
            min_per_month: if rng.below(3) == 0 { 0 } else { min },
            max_per_month: max.max(1),
            band_basis: Basis::Unsourced,
            proven_max_per_month: (rng.below(2) == 0).then(|| max.max(1) * (1 + rng.below(20))),
            proven_basis: Basis::Unsourced,
        },
        cost: Cost {
            licence_per_year_usd: if commercial && !managed {
                rng.unit() * 30_000.0
            } else {
                0.0
            },
            licence_per_node: rng.below(2) == 0,
            licence_per_million_usd: if commercial && !managed && rng.below(4) == 0 {
                rng.unit() * 50.0
            } else {
                0.0
            },
            dedicated_ip_usd_per_month: (managed && rng.below(2) == 0).then(|| rng.unit() * 60.0),
            dedicated_ips_included: rng.below(2) as u32,
            dedicated_ip_basis: Basis::Unsourced,
            per_thousand_usd: if managed && !with_plans {
                rng.unit() * 2.0
            } else {
                0.0
            },
            base_per_month_usd: if managed && !with_plans {
                rng.unit() * 100.0
            } else {
                0.0
            },
            tiers,
            // Some services sell several plans: a cheap one capped at a volume without dedicated
            // addresses, and one with a fee and a graduated price.
            plans: if with_plans {
                vec![
                    mtafit_model::catalogue::Plan {
                        name: "Starter".into(),
                        base_per_month_usd: 0.0,
                        tiers: vec![Tier {
                            up_to_per_month: 50_000,
                            usd_per_month: 10.0 + rng.unit() * 20.0,
                            name: Some("Starter 50K".into()),
                        }],
                        per_thousand_usd: 0.0,
                        bands: Vec::new(),
                        max_per_month: Some(50_000),
                        dedicated_ips: false,
                        dedicated_ips_included: None,
                    },
                    mtafit_model::catalogue::Plan {
                        name: "Growth".into(),
                        base_per_month_usd: rng.unit() * 200.0,
                        tiers: Vec::new(),
                        per_thousand_usd: 0.0,
                        bands: vec![
                            mtafit_model::catalogue::Band {
                                from_per_month: 0,
                                usd_per_thousand: 0.2 + rng.unit(),
                            },
                            mtafit_model::catalogue::Band {
                                from_per_month: 10_000_000,
                                usd_per_thousand: 0.1 + rng.unit() * 0.1,
                            },
                        ],
                        max_per_month: None,
                        dedicated_ips: true,
                        dedicated_ips_included: Some(1),
                    },
                ]
            } else {
                Vec::new()
            },
            node_capacity_per_month: if managed {
                0
            } else {
                1_000_000 + rng.below(500_000_000)
            },
            node_capacity_basis: Basis::Unsourced,
            ops_hours_per_month: None,
            estimate: None,
            prices_checked: None,
        },
        support: Support {
            community: rng.below(2) == 0,
            vendor_sla: rng.below(2) == 0,
            third_party: rng.below(2) == 0,
            contract_usd_per_year: (rng.below(3) == 0).then(|| rng.unit() * 20_000.0),
            contract_basis: Basis::Unsourced,
        },
        add_ons: capabilities
            .iter()
            .filter(|(_, l)| l.names_add_on())
            .map(|(c, _)| (c, format!("an add-on for {}", c.id())))
            .collect(),
        capabilities,
        event_retention_days: managed.then(|| 1 + rng.below(60) as u32),
        event_retention_basis: Basis::Unsourced,
        good_at: "Generated for tests.".into(),
        cautions: "Not a real engine.".into(),
        sources: vec!["https://example.com/generated".into()],
        checked: "2026-11-28".into(),
    }
}

/// `n` generated engines from `seed`.
pub fn engines(n: usize, seed: u64) -> Vec<Engine> {
    let mut rng = Rng::new(seed);
    (0..n).map(|i| engine(&mut rng, i)).collect()
}
