//! How firm the top pick is: its margin over the runner-up, whether the two are closer than the
//! assumptions let the model tell apart, and which change to the profile would change the pick.

use super::cost;
use super::fit::{self, REFERENCE_BUDGET_USD};
use super::rank::{self, Ranking, Row};
use super::weights::Weights;
use crate::catalogue::{Engine, FactorId};
use crate::profile::{Marketing, Profile, SupportNeed, Team};

/// How far the profile's assumptions (hourly rate, server cost, operations hours) may be off,
/// either way, as a share: a near tie is a lead this much doubt can undo.
pub const ASSUMPTION_SPREAD: f64 = 0.5;
/// How far an estimated or extrapolated price may be off, either way, as a share.
pub const ESTIMATE_SPREAD: f64 = 0.3;

/// A change to one field of the profile.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// What the team can run.
    Team(Team),
    /// The support the sender needs.
    Support(SupportNeed),
    /// Cloud-native or not.
    CloudNative(bool),
    /// How the sender feels about bundled marketing.
    Marketing(Marketing),
    /// A budget cap just under this many dollars a year.
    CapBelow(f64),
}

/// What would lead if one field of the profile were different.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    /// The change.
    pub change: Change,
    /// The engine (index) that would lead.
    pub leader: usize,
    /// Its lead over the next candidate then, in score points.
    pub margin: f64,
}

/// What orders two engines with the same standing and score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieBreak {
    /// The brief's diagram reaches the top pick first.
    Brief,
    /// Name order: nothing else tells them apart.
    Name,
}

/// How firm the top pick is.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The top pick (engine index).
    pub top: usize,
    /// The next candidate of the same standing, if any.
    pub runner_up: Option<usize>,
    /// The top pick's lead over it, in score points.
    pub margin: f64,
    /// When the two score the same, what put the top pick first.
    pub tie_break: Option<TieBreak>,
    /// A rival that would lead if the assumptions or estimated prices were off within their
    /// spread ([`ASSUMPTION_SPREAD`], [`ESTIMATE_SPREAD`]): the two are a near tie.
    pub near_tie: Option<usize>,
    /// Changes to the profile's fields that change the pick, each with the new leader.
    pub what_ifs: Vec<WhatIf>,
}

/// Compare the top pick of `r` (ranked for `p` and `w`) with its rivals and with other profiles.
pub fn compare(engines: &[Engine], p: &Profile, w: &Weights, r: &Ranking) -> Option<Comparison> {
    let top = r.top()?;
    let runner = r.rivals().next();
    let tie_break = runner
        .filter(|b| rank::score_key(b.score) == rank::score_key(top.score))
        .map(|b| {
            if top.preference < b.preference {
                TieBreak::Brief
            } else {
                TieBreak::Name
            }
        });
    Some(Comparison {
        top: top.engine,
        runner_up: runner.map(|b| b.engine),
        margin: runner.map_or(top.score, |b| top.score - b.score),
        tie_break,
        near_tie: near_tie(engines, p, r),
        what_ifs: what_ifs(engines, p, w, top.engine),
    })
}

/// The cost of one engine with the assumed parts scaled by `assumed` and the estimated parts by
/// `estimated`.
fn cost_within(e: &Engine, p: &Profile, assumed: f64, estimated: f64) -> f64 {
    let c = cost::annual(e, p, p.monthly_volume);
    let est = c.estimated_part();
    let ass = c.assumed();
    (c.total() - est - ass) + est * estimated + ass * assumed
}

/// The first rival (ranking order) that would overtake the top pick at some corner of the
/// spread: the profile's assumptions off by ±[`ASSUMPTION_SPREAD`] (the same for every engine,
/// since they are the profile's), and the top pick's estimated prices high while the rival's
/// are low by [`ESTIMATE_SPREAD`]. Only the budget fit rests on these numbers, and it falls as
/// the cost rises, so the corners bound the margin exactly.
fn near_tie(engines: &[Engine], p: &Profile, r: &Ranking) -> Option<usize> {
    let top = r.top()?;
    let w = &r.weights;
    let wb = w.get(FactorId::Budget);
    let reference = match p.annual_budget_usd {
        Some(cap) if cap > 0.0 => cap,
        _ => REFERENCE_BUDGET_USD,
    };
    let fit_of = |c: f64| fit::quantize(reference / (reference + c.max(0.0)));
    let without_budget = |row: &Row| -> f64 {
        FactorId::ALL
            .iter()
            .filter(|f| **f != FactorId::Budget)
            .map(|f| w.get(*f) * row.fits[*f])
            .sum()
    };
    let te = &engines[top.engine];
    r.rivals()
        .find(|b| {
            let be = &engines[b.engine];
            [1.0 - ASSUMPTION_SPREAD, 1.0 + ASSUMPTION_SPREAD]
                .iter()
                .any(|&a| {
                    let ct = cost_within(te, p, a, 1.0 + ESTIMATE_SPREAD);
                    let cb = cost_within(be, p, a, 1.0 - ESTIMATE_SPREAD);
                    let margin =
                        without_budget(top) - without_budget(b) + wb * (fit_of(ct) - fit_of(cb));
                    margin <= 0.0
                })
        })
        .map(|b| b.engine)
}

/// Every single-field change to the profile that gives another leader.
fn what_ifs(engines: &[Engine], p: &Profile, w: &Weights, top: usize) -> Vec<WhatIf> {
    let mut changes: Vec<Change> = Vec::new();
    changes.extend(
        Team::ALL
            .into_iter()
            .filter(|t| *t != p.team)
            .map(Change::Team),
    );
    changes.push(Change::CloudNative(!p.cloud_native));
    changes.extend(
        SupportNeed::ALL
            .into_iter()
            .filter(|s| *s != p.support)
            .map(Change::Support),
    );
    changes.extend(
        Marketing::ALL
            .into_iter()
            .filter(|m| *m != p.marketing)
            .map(Change::Marketing),
    );
    let mut out: Vec<WhatIf> = changes
        .into_iter()
        .filter_map(|c| {
            let (leader, margin) = leader(engines, &apply(p, &c), w)?;
            (leader != top).then_some(WhatIf {
                change: c,
                leader,
                margin,
            })
        })
        .collect();
    out.extend(cap_change(engines, p, w, top));
    out
}

/// The profile with one change.
fn apply(p: &Profile, c: &Change) -> Profile {
    let mut q = p.clone();
    match c {
        Change::Team(t) => q.team = *t,
        Change::Support(s) => q.support = *s,
        Change::CloudNative(b) => q.cloud_native = *b,
        Change::Marketing(m) => q.marketing = *m,
        Change::CapBelow(x) => q.annual_budget_usd = Some((x - 1.0).max(1.0)),
    }
    q
}

use rank::leader;

/// The highest budget cap under which another engine leads. Under the top pick's cost it is over
/// the cap; above it, the cap still sets every engine's budget fit and can tip the order. Caps
/// are tried downward from the current one (or the top pick's cost) in steps of a fifth, then
/// the change is bisected to the dollar. Each try re-scores only the budget fit of every engine.
fn cap_change(engines: &[Engine], p: &Profile, w: &Weights, top: usize) -> Option<WhatIf> {
    let (_, eff) = rank::effective(p, w);
    // What a cap does not change, computed once: each engine's row without a cap.
    let uncapped = Profile {
        annual_budget_usd: None,
        ..p.clone()
    };
    let rows: Vec<Row> = engines
        .iter()
        .enumerate()
        .map(|(i, e)| rank::evaluate(i, e, &uncapped, &eff))
        .collect();
    let total = eff.total();
    let wb = eff.get(FactorId::Budget);
    // The leader under a cap and its margin, or `None` when nothing fits under it.
    let leads_at = |cap: f64| -> Option<(usize, f64)> {
        // (row, tier, score) under the cap, ordered as the ranking orders them.
        let order = |a: &(&Row, u8, f64), b: &(&Row, u8, f64)| {
            (a.1, std::cmp::Reverse(rank::score_key(a.2)))
                .cmp(&(b.1, std::cmp::Reverse(rank::score_key(b.2))))
                .then_with(|| rank::tie_break(engines, a.0, b.0))
        };
        let mut best: Option<(&Row, u8, f64)> = None;
        let mut second: Option<(&Row, u8, f64)> = None;
        for row in &rows {
            let tier = if row.cost > cap {
                row.tier().max(2)
            } else {
                row.tier()
            };
            let budget = fit::quantize(cap / (cap + row.cost.max(0.0)));
            let score = if total > 0.0 {
                100.0
                    * (rank::weighted(&row.fits, &eff) - wb * row.fits[FactorId::Budget]
                        + wb * budget)
                    / total
            } else {
                0.0
            };
            let x = (row, tier, score);
            if best.is_none_or(|b| order(&x, &b) == std::cmp::Ordering::Less) {
                second = best.replace(x);
            } else if second.is_none_or(|s| order(&x, &s) == std::cmp::Ordering::Less) {
                second = Some(x);
            }
        }
        let (row, tier, score) = best?;
        // Out of the running (tier 2 and up) is no pick.
        (tier < 2).then(|| {
            let margin = second
                .filter(|s| s.1 == tier)
                .map_or(score, |s| score - s.2);
            (row.engine, margin)
        })
    };
    let top_cost = rows.iter().find(|r| r.engine == top)?.cost;
    if !(top_cost.is_finite() && top_cost > 1.0) {
        return None;
    }
    let start = p.annual_budget_usd.unwrap_or(top_cost).max(top_cost);
    if leads_at(start).is_none_or(|(l, _)| l != top) {
        return None;
    }
    let holds = |cap: f64| leads_at(cap).is_some_and(|(l, _)| l == top);
    let (mut hi, mut lo) = (start, start);
    for _ in 0..40 {
        lo = (hi * 0.8).max(1.0);
        // Never step past the top pick's cost without trying just under it.
        if hi > top_cost && lo < top_cost {
            lo = (top_cost - 0.01).max(1.0);
        }
        if !holds(lo) || lo <= 1.0 {
            break;
        }
        hi = lo;
    }
    if holds(lo) {
        return None;
    }
    while hi - lo > 0.5 {
        let mid = (hi + lo) / 2.0;
        if holds(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let (leader, margin) = leads_at(lo)?;
    Some(WhatIf {
        change: Change::CapBelow(hi.ceil()),
        leader,
        margin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;
    use crate::decide::analyse;

    fn comparison(p: &Profile) -> (Catalogue, Comparison) {
        let cat = Catalogue::builtin();
        let w = Weights::defaults(&cat.factors);
        let a = analyse(&cat.engines, p, &w);
        let c = compare(&cat.engines, p, &w, &a.ranking).expect("a top pick");
        (cat, c)
    }

    #[test]
    fn the_margin_is_over_the_runner_up() {
        let p = Profile::default();
        let cat = Catalogue::builtin();
        let w = Weights::defaults(&cat.factors);
        let r = rank::rank(&cat.engines, &p, &w);
        let c = compare(&cat.engines, &p, &w, &r).unwrap();
        let second = r.rivals().next().unwrap();
        assert_eq!(c.runner_up, Some(second.engine));
        assert!((c.margin - (r.rows[0].score - second.score)).abs() < 1e-9);
        assert!(c.margin >= 0.0);
    }

    #[test]
    fn what_ifs_change_the_leader_and_say_who() {
        let (cat, c) = comparison(&Profile {
            monthly_volume: 40_000_000,
            ..Profile::default()
        });
        for w in &c.what_ifs {
            assert_ne!(w.leader, c.top, "{w:?}");
            assert!(w.margin >= 0.0);
        }
        // A programming team at 40M gets a different engine than a static-config one, or
        // none of the team changes matter: either way every listed change is real.
        let cat_w = Weights::defaults(&cat.factors);
        for w in &c.what_ifs {
            let q = apply(
                &Profile {
                    monthly_volume: 40_000_000,
                    ..Profile::default()
                },
                &w.change,
            );
            let r = rank::rank(&cat.engines, &q, &cat_w);
            assert_eq!(r.top().map(|t| t.engine), Some(w.leader), "{w:?}");
        }
    }

    #[test]
    fn a_cap_under_the_top_picks_cost_changes_the_pick() {
        // At 40M a month the leader costs more than the cheapest candidate, so a cap can move it.
        let p = Profile {
            monthly_volume: 40_000_000,
            ..Profile::default()
        };
        let (cat, c) = comparison(&p);
        let cap = c
            .what_ifs
            .iter()
            .find_map(|w| match w.change {
                Change::CapBelow(x) => Some((x, w.leader)),
                _ => None,
            })
            .expect("some cap changes the pick");
        let w = Weights::defaults(&cat.factors);
        let with = |x: f64| {
            let q = Profile {
                annual_budget_usd: Some(x),
                ..p.clone()
            };
            rank::rank(&cat.engines, &q, &w).top().map(|t| t.engine)
        };
        // Exact to the dollar: at the cap the pick holds, a dollar under it, it changes.
        assert_eq!(with(cap.0), Some(c.top));
        assert_eq!(with(cap.0 - 1.0), Some(cap.1));
    }
}
