//! The model's invariants, for any profile, any weights and any catalogue.

use crate::synthetic;

use mtafit_model::catalogue::{Capability, Catalogue, Engine, FactorId, PerFactor};
use mtafit_model::decide::rank::{Standing, weighted};
use mtafit_model::decide::{KnockOut, Weights, cost, crossover, path, rank, sensitivity};
use mtafit_model::profile::{Assumptions, Marketing, Profile, Situation, SupportNeed, Team};
use proptest::prelude::*;
use std::sync::OnceLock;

fn builtin() -> &'static Catalogue {
    static CAT: OnceLock<Catalogue> = OnceLock::new();
    CAT.get_or_init(Catalogue::builtin)
}

fn ids() -> Vec<String> {
    builtin().engines.iter().map(|e| e.id.clone()).collect()
}

fn volume() -> impl Strategy<Value = u64> {
    prop_oneof![
        Just(0u64),
        Just(u64::MAX),
        Just(7_421_043u64),
        (0u32..=120).prop_map(|t| 10f64.powf(t as f64 / 10.0) as u64),
        any::<u64>(),
    ]
}

fn caps() -> impl Strategy<Value = Vec<Capability>> {
    proptest::sample::subsequence(Capability::ALL.to_vec(), 0..3)
}

fn profile() -> impl Strategy<Value = Profile> {
    (
        (
            any::<bool>(),
            volume(),
            proptest::option::of(1.0f64..1e7),
            0usize..5,
            any::<bool>(),
        ),
        (
            proptest::sample::subsequence(ids(), 0..3),
            proptest::sample::subsequence(ids(), 0..3),
            any::<bool>(),
            0usize..3,
            caps(),
            caps(),
        ),
        (0.0f64..500.0, 0.0f64..5_000.0),
        (
            1.0f64..=10.0,
            1.0f64..=24.0,
            0u32..4,
            volume(),
            1u64..5_000_000,
            0.0f64..100.0,
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (own, v, budget, team, cloud),
                (knows, held, sla, mkt, must, want),
                (rate, node),
                (peak, busy, spares, spares_from, per_ip, ip_cost, staff),
            )| {
                Profile {
                    situation: Situation {
                        own_infrastructure: own,
                        monthly_volume: v,
                        annual_budget_usd: budget,
                        team: Team::ALL[team],
                        team_knows: knows,
                        licences_held: held,
                        cloud_native: cloud,
                        support: if sla {
                            SupportNeed::VendorSla
                        } else {
                            SupportNeed::Community
                        },
                        marketing: [
                            Marketing::Unwanted,
                            Marketing::Indifferent,
                            Marketing::Wanted,
                        ][mkt],
                        must,
                        want,
                        ..Situation::default()
                    },
                    assumptions: Assumptions {
                        hourly_rate_usd: rate,
                        node_cost_per_month_usd: node,
                        peak_day_factor: peak,
                        busy_hours_per_day: busy,
                        spare_nodes: spares,
                        spares_from_per_month: spares_from.min(mtafit_model::units::MAX_VOLUME),
                        messages_per_ip_per_day: per_ip,
                        ip_cost_per_month_usd: ip_cost,
                        cap_counts_staff: staff,
                        ..Assumptions::default()
                    },
                    ..Profile::default()
                }
            },
        )
}

/// Profiles a sender could have: the sensitivity check compares scores at slider positions a
/// hair apart, which only means something when fits differ by more than float noise.
fn realistic_profile() -> impl Strategy<Value = Profile> {
    (profile(), 3.0f64..9.7, 20.0f64..400.0, 20.0f64..2_000.0).prop_map(|(mut p, v, rate, node)| {
        p.monthly_volume = 10f64.powf(v) as u64;
        p.assumptions.hourly_rate_usd = rate;
        p.assumptions.node_cost_per_month_usd = node;
        p
    })
}

fn weights() -> impl Strategy<Value = Weights> {
    proptest::array::uniform8(prop_oneof![
        Just(0.0),
        0.0f64..=10.0,
        (0u8..=10).prop_map(f64::from)
    ])
    .prop_map(|w| Weights(PerFactor::from_array(w)))
}

fn order(engines: &[Engine], p: &Profile, w: &Weights) -> Vec<String> {
    rank(engines, p, w)
        .rows
        .iter()
        .map(|r| engines[r.engine].id.clone())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn fits_and_scores_are_bounded_and_never_nan(p in profile(), w in weights()) {
        let mut engines = builtin().engines.clone();
        engines.extend(synthetic::engines(30, p.monthly_volume ^ 0x5eed));
        let r = rank(&engines, &p, &w);
        prop_assert_eq!(r.rows.len(), engines.len());
        for row in &r.rows {
            for &f in row.fits.values() {
                prop_assert!((0.0..=1.0).contains(&f), "fit {}", f);
            }
            prop_assert!((0.0..=100.0 + 1e-9).contains(&row.score), "score {}", row.score);
            prop_assert!(row.cost.total().is_finite() && row.cost.total() >= 0.0);
        }
    }

    #[test]
    fn standing_comes_before_score(p in profile(), w in weights()) {
        // Knock-outs never above a candidate; more generally the standings never interleave: no
        // single-node engine past one node above one that carries the volume, none over the cap
        // above one within it, none meeting a must only partly above one meeting them all.
        let r = rank(&builtin().engines, &p, &w);
        let first_out = r.rows.iter().position(|r| r.is_out()).unwrap_or(r.rows.len());
        prop_assert!(r.rows[first_out..].iter().all(|r| r.is_out()));
        let standings: Vec<Standing> = r.rows.iter().map(|r| r.standing()).collect();
        prop_assert!(standings.windows(2).all(|t| t[0] <= t[1]), "{:?}", standings);
        for (i, a) in r.rows.iter().enumerate() {
            for b in &r.rows[i + 1..] {
                let beyond = |x: &mtafit_model::decide::Row| x.out.iter().any(|k| matches!(k, KnockOut::SingleNode { .. }));
                let over = |x: &mtafit_model::decide::Row| x.out.iter().any(|k| matches!(k, KnockOut::OverCap { .. }));
                prop_assert!(!beyond(a) || b.is_out(), "beyond its range above a candidate");
                prop_assert!(!over(a) || b.is_out(), "over the cap above a candidate");
                prop_assert!(a.caveats.is_empty() || b.standing() != Standing::Candidate, "a partial must above a full match");
            }
        }
    }

    #[test]
    fn no_profile_gets_an_empty_answer(p in profile(), w in weights()) {
        // A top pick, or (when none fits) the closest engines and why; only all-zero weights
        // leave nothing to say but how to fix that.
        let cat = builtin();
        let a = mtafit_model::decide::analyse(&cat.engines, &p, &w);
        let answered = a.ranking.top().is_some()
            || a.ranking.no_candidate(&cat.engines, &p).is_some_and(|n| !n.closest.is_empty())
            || a.ranking.unweighted()
            || a.ranking.rows.iter().all(|r| r.out.iter().any(|k| matches!(k, KnockOut::Managed | KnockOut::SelfHosted)));
        prop_assert!(answered);
    }

    #[test]
    fn a_mailbox_server_never_leads_a_sender(p in profile(), w in weights()) {
        let r = rank(&builtin().engines, &p, &w);
        if p.own_infrastructure && let Some(t) = r.top() {
            let top = &builtin().engines[t.engine];
            let others = r.rows.iter().any(|x| x.standing() == Standing::Candidate);
            prop_assert!(!(top.id == "stalwart" && others), "Stalwart leads {:?}", p);
        }
    }

    #[test]
    fn asking_for_a_need_an_engine_meets_never_lowers_its_score(p in profile(), w in weights()) {
        let cat = builtin();
        let base = rank(&cat.engines, &p, &w);
        let asks = [
            Profile {
situation: Situation { cloud_native: true, ..p.situation.clone() },
..p.clone()
},
            Profile {
situation: Situation { support: SupportNeed::VendorSla, ..p.situation.clone() },
..p.clone()
},
            Profile {
situation: Situation { want: vec![Capability::DkimSigning], ..p.situation.clone() },
..p.clone()
},
        ];
        for q in asks {
            let more = rank(&cat.engines, &q, &w);
            for row in &more.rows {
                let was = base.row_of(row.engine).unwrap();
                // Only the asked factor's fit may differ; a perfect fit there cannot lower the mean.
                let f = if q.cloud_native != p.cloud_native {
                    FactorId::CloudNative
                } else if q.support != p.support {
                    FactorId::Support
                } else {
                    FactorId::Capabilities
                };
                let newly_asked = !base.asked[f] && more.asked[f];
                // A required SLA can add a support contract's price, a fact about the engine.
                if newly_asked && row.fits[f] >= 1.0 && (row.cost.total() - was.cost.total()).abs() < 1e-9 {
                    prop_assert!(row.score >= was.score - 1e-6, "{}: {} < {}", cat.engines[row.engine].id, row.score, was.score);
                }
            }
        }
    }

    #[test]
    fn scaling_every_weight_keeps_the_order(p in profile(), w in weights(), c in 0.01f64..1.0) {
        let engines = &builtin().engines;
        let scaled = Weights(w.0.map(|_, x| x * c));
        prop_assume!(!w.all_zero());
        // Scores closer than the tie tolerance may swap under scaling; those are ties by design.
        let r = rank(engines, &p, &w);
        let sums: Vec<f64> = r.rows.iter().map(|row| weighted(&row.fits, &w)).collect();
        prop_assume!(sums.windows(2).all(|s| (s[0] - s[1]).abs() > 1e-6 || s[0] == s[1]));
        prop_assert_eq!(order(engines, &p, &w), order(engines, &p, &scaled));
    }

    #[test]
    fn raising_a_weight_never_drops_an_engine_below_one_it_beats_on_that_factor(
        p in profile(), w in weights(), k in 0usize..8, up in 0.0f64..10.0
    ) {
        let engines = &builtin().engines;
        let f = FactorId::ALL[k];
        let mut raised = w;
        raised.set(f, w.get(f) + up);
        let before = rank(engines, &p, &w);
        let after = rank(engines, &p, &raised);
        let pos = |r: &mtafit_model::decide::Ranking, i: usize| r.rows.iter().position(|row| row.engine == i).unwrap();
        for a in before.rows.iter() {
            for b in before.rows.iter() {
                let a_first = pos(&before, a.engine) < pos(&before, b.engine);
                let same_group = (a.standing(), a.musts_missing()) == (b.standing(), b.musts_missing());
                if a_first && same_group && a.fits[f] > b.fits[f] {
                    prop_assert!(pos(&after, a.engine) < pos(&after, b.engine),
                        "{} fell below {} after raising {}", engines[a.engine].id, engines[b.engine].id, f.id());
                }
            }
        }
    }

    #[test]
    fn adding_or_removing_engines_never_reorders_the_others(
        p in profile(), w in weights(), keep in proptest::collection::vec(any::<bool>(), 17), extra in 0usize..20, seed in any::<u64>()
    ) {
        let all = &builtin().engines;
        let subset: Vec<Engine> = all.iter().zip(keep.iter().cycle()).filter(|(_, k)| **k).map(|(e, _)| e.clone()).collect();
        let mut more = subset.clone();
        more.extend(synthetic::engines(extra, seed));
        let full = order(all, &p, &w);
        let sub = order(&subset, &p, &w);
        let grown: Vec<String> = order(&more, &p, &w).into_iter().filter(|id| !id.starts_with("gen-")).collect();
        let expected: Vec<String> = full.into_iter().filter(|id| sub.contains(id)).collect();
        prop_assert_eq!(&sub, &expected);
        prop_assert_eq!(&grown, &expected);
    }

    #[test]
    fn cost_never_falls_as_volume_rises(p in profile(), a in volume(), b in volume()) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let mut engines = builtin().engines.clone();
        engines.extend(synthetic::engines(20, lo ^ hi));
        for e in &engines {
            let (cl, ch) = (cost::annual(e, &p, lo), cost::annual(e, &p, hi));
            prop_assert!(cl.total() <= ch.total(), "{}: {} at {} but {} at {}", e.id, cl.total(), lo, ch.total(), hi);
            // Every part of the estate only grows, and so does the cash.
            prop_assert!(cl.cash() <= ch.cash(), "{}: cash", e.id);
            prop_assert!(cl.estate.nodes() <= ch.estate.nodes() && cl.estate.ips <= ch.estate.ips, "{}", e.id);
        }
    }

    #[test]
    fn an_estate_adds_up(p in profile()) {
        let mut engines = builtin().engines.clone();
        engines.extend(synthetic::engines(20, p.monthly_volume ^ 0xe57a7e));
        for e in &engines {
            let c = cost::annual(e, &p, p.monthly_volume);
            let items = c.items();
            let sum: f64 = items.iter().map(|i| i.amount).sum();
            prop_assert!((sum - c.total()).abs() <= 1e-6 * c.total().max(1.0), "{}", e.id);
            let cash: f64 = items.iter().filter(|i| i.kind.is_cash()).map(|i| i.amount).sum();
            prop_assert!((cash - c.cash()).abs() <= 1e-6 * c.cash().max(1.0), "{}", e.id);
            prop_assert!(c.cash() <= c.total() + 1e-9);
            if e.is_managed() {
                prop_assert_eq!(c.nodes, 0);
            } else {
                prop_assert!(c.estate.peak_nodes >= 1 && c.estate.ips >= 1, "{}", e.id);
            }
            let (sure, est, ass) = c.counted_parts(&p);
            prop_assert!((sure + est + ass - c.counted(&p)).abs() <= 1e-6 * c.total().max(1.0));
            prop_assert!(sure >= -1e-6 * c.total().max(1.0), "{}: {} {} {}", e.id, sure, est, ass);
        }
    }

    #[test]
    fn sensitivity_agrees_with_brute_force(p in realistic_profile(), w in weights()) {
        let engines = &builtin().engines;
        let r = rank(engines, &p, &w);
        let s = sensitivity::analyse(&r, engines);
        let Some(top) = s.top else { return Ok(()); };
        let top_with = |f: FactorId, x: f64| {
            let mut w2 = w;
            w2.0[f] = x;
            rank(engines, &p, &w2).top().map(|r| r.engine)
        };
        const EPS: f64 = 1e-4;
        for fr in &s.factors {
            prop_assert!(fr.from <= fr.weight + 1e-9 && fr.weight <= fr.to + 1e-9, "{:?}", fr);
            // Just inside each end, the top pick holds.
            if fr.to - EPS > fr.weight {
                prop_assert_eq!(top_with(fr.factor, fr.to - EPS), Some(top), "inside the upper end of {}", fr.factor.id());
            }
            if fr.from + EPS < fr.weight {
                prop_assert_eq!(top_with(fr.factor, fr.from + EPS), Some(top), "inside the lower end of {}", fr.factor.id());
            }
            // Past each end, the reported engine takes over. Bisection finds where the top pick
            // really changes, so rivals crossing close together cannot confuse the check.
            let first_change = |from: f64, to: f64| {
                let (mut keep, mut change) = (from, to);
                for _ in 0..80 {
                    let mid = (keep + change) / 2.0;
                    if top_with(fr.factor, mid) == Some(top) { keep = mid } else { change = mid }
                }
                (change, top_with(fr.factor, change))
            };
            // Just past a change, far enough for the new leader's lead to exceed the score keys'
            // rounding, yet near enough that a third engine crossing soon after cannot interfere.
            let past = |at: f64, b: usize, up: bool| {
                let t = r.row_of(top).unwrap();
                let gap = (r.row_of(b).unwrap().fits[fr.factor] - t.fits[fr.factor]).abs();
                let d = (1e-8 * (w.total() + 1.0) / gap.max(1e-12)).clamp(1e-7, 1e-4);
                let x = if up { (at + d).min(10.0) } else { (at - d).max(0.0) };
                top_with(fr.factor, x)
            };
            if let Some(b) = fr.above {
                prop_assert!(fr.to < 10.0);
                prop_assert_ne!(top_with(fr.factor, (fr.to + 1e-3).min(10.0)), Some(top));
                let (at, _) = first_change((fr.to - EPS).max(fr.weight), (fr.to + 1e-3).min(10.0));
                prop_assert!((at - fr.to).abs() < 1e-3, "{} changes at {} not {}", fr.factor.id(), at, fr.to);
                prop_assert_eq!(past(at, b, true), Some(b), "past the upper end of {} ({:?})", fr.factor.id(), fr);
            } else {
                prop_assert!(fr.to >= 10.0 - 1e-9);
            }
            if let Some(b) = fr.below {
                prop_assert!(fr.from > 0.0);
                let others: f64 = w.total() - w.get(fr.factor);
                let low = (fr.from - 1e-3).max(0.0);
                if others + low > 0.0 {
                    let (at, _) = first_change((fr.from + EPS).min(fr.weight), low);
                    prop_assert!((at - fr.from).abs() < 1e-3, "{} changes at {} not {}", fr.factor.id(), at, fr.from);
                    prop_assert_eq!(past(at, b, false), Some(b), "past the lower end of {}", fr.factor.id());
                }
            } else {
                prop_assert!(fr.from <= 1e-9);
            }
        }
        // Every slider moved by less than the robustness radius, in the worst direction against
        // any one rival (a candidate of the top pick's standing: the others rank below it
        // whatever the weights), keeps the top pick.
        let t = r.row_of(top).unwrap();
        for b in r.rivals() {
            let mut w2 = w;
            for k in FactorId::ALL {
                let d = s.robustness * 0.99;
                w2.0[k] = (w.0[k] + if t.fits[k] > b.fits[k] { -d } else if t.fits[k] < b.fits[k] { d } else { 0.0 }).max(0.0);
            }
            if !w2.all_zero() {
                prop_assert!(weighted(&t.fits, &w2) >= weighted(&b.fits, &w2) - 1e-9,
                    "{} overtakes {} within the radius {}", engines[b.engine].id, engines[top].id, s.robustness);
            }
        }
    }
}

/// The ranking's top pick at one volume.
fn top_at(engines: &[Engine], p: &Profile, w: &Weights, v: u64) -> Option<usize> {
    let q = Profile {
        situation: Situation {
            monthly_volume: v,
            ..p.situation.clone()
        },
        ..p.clone()
    };
    rank(engines, &q, w).top().map(|r| r.engine)
}

/// Check a path against the ranking: at random volumes, at each side of every change, and on a
/// fine log grid (`per_decade` points a decade) inside every stretch.
fn check_path(
    engines: &[Engine],
    p: &Profile,
    w: &Weights,
    at: &[u64],
    per_decade: u32,
) -> Result<(), TestCaseError> {
    let path = path::path(engines, p, w, path::FROM, path::TO);
    for &v in at {
        prop_assert_eq!(path.pick_at(v), top_at(engines, p, w, v), "at {}", v);
    }
    for c in &path.changes {
        prop_assert_eq!(
            top_at(engines, p, w, c.volume),
            c.after,
            "at the change {}",
            c.volume
        );
        prop_assert_eq!(
            top_at(engines, p, w, c.volume - 1),
            c.before,
            "below the change {}",
            c.volume
        );
    }
    // The next two at each stretch's start are the ranking's.
    for s in &path.stretches {
        let q = Profile {
            situation: Situation {
                monthly_volume: s.from,
                ..p.situation.clone()
            },
            ..p.clone()
        };
        let r = rank(engines, &q, w);
        let next: Vec<usize> = match r.top() {
            Some(_) => r
                .candidates()
                .skip(1)
                .take(path::NEXT)
                .map(|r| r.engine)
                .collect(),
            None => Vec::new(),
        };
        prop_assert_eq!(&s.next, &next, "next at {}", s.from);
    }
    // No change between two adjacent change points, however finely the grid looks.
    let decades = (path::TO as f64 / path::FROM as f64).log10();
    let steps = (decades * f64::from(per_decade)) as u32;
    for k in 0..=steps {
        let v = (path::FROM as f64 * 10f64.powf(f64::from(k) / f64::from(per_decade))) as u64;
        let v = v.clamp(path::FROM, path::TO);
        prop_assert_eq!(
            path.pick_at(v),
            top_at(engines, p, w, v),
            "on the grid at {}",
            v
        );
    }
    Ok(())
}

fn volume_in_path() -> impl Strategy<Value = u64> {
    prop_oneof![
        path::FROM..=path::TO,
        (40u32..=100).prop_map(|t| 10f64.powf(f64::from(t) / 10.0) as u64),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The path's pick at a volume is `rank --volume V`'s top pick, for any profile and weights.
    #[test]
    fn the_path_is_the_ranking_at_every_volume(
        p in profile(),
        w in weights(),
        at in proptest::collection::vec(volume_in_path(), 16),
    ) {
        check_path(&builtin().engines, &p, &w, &at, 400)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    /// The same over generated catalogues, where many engines are close.
    #[test]
    fn the_path_is_the_ranking_over_generated_catalogues(
        p in realistic_profile(),
        w in weights(),
        seed in 0u64..1_000,
        at in proptest::collection::vec(volume_in_path(), 8),
    ) {
        let engines = synthetic::engines(150, seed);
        check_path(&engines, &p, &w, &at, 60)?;
    }
}

#[test]
fn every_change_of_the_cheaper_engine_is_reported() {
    let cat = builtin();
    let all: Vec<usize> = (0..cat.engines.len()).collect();
    for p in [
        Profile::default(),
        Profile {
            assumptions: Assumptions {
                hourly_rate_usd: 150.0,
                node_cost_per_month_usd: 400.0,
                ..Assumptions::default()
            },
            ..Profile::default()
        },
        Profile::from(Situation {
            licences_held: vec!["powermta".into()],
            ..Situation::default()
        }),
    ] {
        let x = crossover::crossovers(&cat.engines, &all, &p);
        assert!(x.iter().any(|c| !c.step) && x.iter().any(|c| c.step));
        // At a crossover the two cost the same; at a step the order flips across one message.
        for c in &x {
            let cost = |i: usize, v: u64| cost::annual(&cat.engines[i], &p, v).total();
            let (a, b) = (cost(c.a, c.monthly_volume), cost(c.b, c.monthly_volume));
            if !c.step {
                assert!(
                    (a - b).abs() <= 0.01 * a.max(b),
                    "{} vs {} at {}: {a} {b}",
                    cat.engines[c.a].id,
                    cat.engines[c.b].id,
                    c.monthly_volume
                );
            }
            assert!(
                cost(c.a, c.monthly_volume - 1) < cost(c.b, c.monthly_volume - 1),
                "{c:?}"
            );
            assert!(
                b <= a,
                "{c:?}: above the change {} is not cheaper",
                cat.engines[c.b].id
            );
        }
        // Independently, on a grid twice as fine: every flip of the cheaper of two engines is
        // near a reported change between them.
        let grid: Vec<u64> = (0..=1600)
            .map(|s| 10f64.powf(5.0 + 4.0 * s as f64 / 1600.0) as u64)
            .collect();
        for &i in &all {
            for &j in &all[i + 1..] {
                let d = |v: u64| {
                    cost::annual(&cat.engines[i], &p, v).total()
                        - cost::annual(&cat.engines[j], &p, v).total()
                };
                let mut last = 0.0f64;
                let mut last_v = 0u64;
                for v in &grid {
                    let now = d(*v);
                    if now != 0.0 && last != 0.0 && now.signum() != last.signum() {
                        // The two may cost exactly the same for a while (whole servers and
                        // addresses): the change lies anywhere since the last grid point where
                        // one was cheaper.
                        let found = x.iter().any(|c| {
                            ((c.a, c.b) == (i, j) || (c.a, c.b) == (j, i))
                                && c.monthly_volume as f64 >= last_v as f64 * 0.99
                                && c.monthly_volume as f64 <= *v as f64 * 1.01
                        });
                        assert!(
                            found,
                            "{} and {} change order near {v} but nothing is reported",
                            cat.engines[i].id, cat.engines[j].id
                        );
                    }
                    if now != 0.0 {
                        last = now;
                        last_v = *v;
                    }
                }
            }
        }
    }
}

/// The generator itself (tests/support/synthetic.rs): its engines are ones the loader accepts.
mod generated_engines {
    use super::synthetic::engines;
    use mtafit_model::ronfile::Severity;

    #[test]
    fn generated_engines_pass_the_loaders_checks() {
        for e in engines(200, 7) {
            let text = ron::ser::to_string_pretty(&e, ron::ser::PrettyConfig::default()).unwrap();
            let (parsed, diags) =
                mtafit_model::catalogue::parse_engine("gen.ron", Some(&e.id), text.as_bytes());
            let errors: Vec<_> = diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{}", errors[0]);
            assert_eq!(parsed.unwrap().engine, e);
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_engines() {
        assert_eq!(engines(50, 3), engines(50, 3));
        assert_ne!(engines(50, 3), engines(50, 4));
    }
}
