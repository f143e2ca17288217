//! How firm the top pick is: its margin over the runner-up, whether the two are closer than the
//! assumptions let the model tell apart, and which change to the profile would change the pick.

use super::fit;
use super::rank::{self, Exclusion, Ranking, Row, Standing};
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum TieBreak {
    /// The brief's diagram reaches the top pick first.
    Brief,
    /// Name order: nothing else tells them apart.
    Name,
}

impl TieBreak {
    /// A stable id for JSON: `brief` or `name`.
    pub fn id(self) -> &'static str {
        self.into()
    }
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
        near_tie: near_tie(p, r),
        what_ifs: what_ifs(engines, p, w, r, top.engine),
    })
}

/// The first rival (ranking order) that would overtake the top pick at some corner of the
/// spread: the profile's assumptions off by ±[`ASSUMPTION_SPREAD`] (the same for every engine,
/// since they are the profile's), and the top pick's estimated prices high while the rival's
/// are low by [`ESTIMATE_SPREAD`]. Only the budget fit rests on these numbers, and it falls as
/// the cost rises, so the corners bound the margin exactly.
fn near_tie(p: &Profile, r: &Ranking) -> Option<usize> {
    let top = r.top()?;
    r.rivals()
        .find(|b| within_doubt(p, &r.weights, top, b))
        .map(|b| b.engine)
}

/// True when `rival` would overtake `top` (both ranked for `p` with the effective weights `w`)
/// at some corner of the spread: the profile's assumptions off by ±[`ASSUMPTION_SPREAD`] for
/// both, the top's estimated prices high and the rival's low by [`ESTIMATE_SPREAD`]. Only the
/// budget fit rests on these numbers, and it falls as the cost rises, so the corners bound the
/// margin exactly.
pub fn within_doubt(p: &Profile, w: &Weights, top: &Row, rival: &Row) -> bool {
    let wb = w.get(FactorId::Budget);
    let (reference, _) = fit::budget_reference(p);
    let fit_of = |c: f64| fit::quantize(fit::budget_fit(reference, c));
    let without_budget = |row: &Row| -> f64 {
        FactorId::ALL
            .iter()
            .filter(|f| **f != FactorId::Budget)
            .map(|f| w.get(*f) * row.fits[*f])
            .sum()
    };
    let lead = without_budget(top) - without_budget(rival);
    // A budget fit lies in 0–1: a lead larger than its whole weight cannot be undone.
    if lead > wb {
        return false;
    }
    let (t_sure, t_est, t_ass) = top.cost.counted_parts(p);
    let (b_sure, b_est, b_ass) = rival.cost.counted_parts(p);
    [1.0 - ASSUMPTION_SPREAD, 1.0 + ASSUMPTION_SPREAD]
        .iter()
        .any(|&a| {
            let ct = t_sure + t_est * (1.0 + ESTIMATE_SPREAD) + t_ass * a;
            let cb = b_sure + b_est * (1.0 - ESTIMATE_SPREAD) + b_ass * a;
            lead + wb * (fit_of(ct) - fit_of(cb)) <= 0.0
        })
}

/// What orders one engine under a changed profile: a row reduced to its ordering keys, so the
/// catalogue can be re-ordered many times without re-costing every engine.
#[derive(Debug, Clone, Copy)]
struct Place {
    engine: usize,
    standing: Standing,
    missing: usize,
    score: f64,
    preference: u8,
}

impl Place {
    /// A row's place with another score.
    fn of(row: &Row, score: f64) -> Place {
        Place {
            engine: row.engine,
            standing: row.standing(),
            missing: row.musts_missing(),
            score,
            preference: row.preference,
        }
    }
}

/// The leader among `rows` and its lead over the next of its standing, ordered as
/// [`rank::rank`] orders them; `None` when every engine is out.
fn lead(engines: &[Engine], rows: impl Iterator<Item = Place>) -> Option<(usize, f64)> {
    // Each place's key is packed once: the loop compares every place with the best two.
    let order = |a: &(Place, u64), b: &(Place, u64)| {
        a.1.cmp(&b.1)
            .then_with(|| rank::compare((&engines[a.0.engine], 0), (&engines[b.0.engine], 0)))
    };
    let mut best: Option<(Place, u64)> = None;
    let mut second: Option<(Place, u64)> = None;
    for place in rows {
        let x = (
            place,
            rank::packed(place.standing, place.missing, place.score, place.preference),
        );
        if best.is_none_or(|b| order(&x, &b) == std::cmp::Ordering::Less) {
            second = best.replace(x);
        } else if second.is_none_or(|s| order(&x, &s) == std::cmp::Ordering::Less) {
            second = Some(x);
        }
    }
    let (top, second) = (best?.0, second.map(|s| s.0));
    // An engine out of the running is no pick.
    (!top.standing.is_out()).then(|| {
        let margin = second
            .filter(|s| s.standing == top.standing)
            .map_or(top.score, |s| top.score - s.score);
        (top.engine, margin)
    })
}

/// The factor a change touches when it touches one fit alone (and no cost or standing): then
/// the ranking's rows can be re-scored instead of re-evaluated.
fn only_fit(c: &Change) -> Option<FactorId> {
    match c {
        Change::Team(_) => Some(FactorId::Team),
        Change::CloudNative(_) => Some(FactorId::CloudNative),
        Change::Marketing(_) => Some(FactorId::Marketing),
        // A vendor SLA adds a support contract to the cost; a cap changes standings.
        Change::Support(_) | Change::CapBelow(_) => None,
    }
}

/// The leader with one change to the profile.
fn leader_with(
    engines: &[Engine],
    p: &Profile,
    w: &Weights,
    base: &[(&Row, Place)],
    c: &Change,
) -> Option<(usize, f64)> {
    let q = apply(p, c);
    let Some(f) = only_fit(c) else {
        return leader(engines, &q, w);
    };
    let (_, eff) = rank::effective(&q, w);
    if eff.all_zero() {
        return None;
    }
    let total = eff.total();
    lead(
        engines,
        base.iter().map(|(row, base)| {
            let e = &engines[row.engine];
            let mut fits = row.fits;
            fits[f] = fit::of(e, &q, row.spend, f);
            Place {
                score: 100.0 * rank::weighted(&fits, &eff) / total,
                // Only marketing moves the brief's preference (a wanted suite points at GreenArrow).
                preference: if f == FactorId::Marketing {
                    crate::decide::brief::preference(&q, &e.id).unwrap_or(u8::MAX)
                } else {
                    base.preference
                },
                ..*base
            }
        }),
    )
}

/// Every single-field change to the profile that gives another leader.
fn what_ifs(engines: &[Engine], p: &Profile, w: &Weights, r: &Ranking, top: usize) -> Vec<WhatIf> {
    // Each candidate's standing, once: the changes below re-score rows but move no standing,
    // and an engine out of the running can neither lead nor be the runner-up of one who does.
    let base: Vec<(&Row, Place)> = r
        .candidates()
        .map(|row| (row, Place::of(row, row.score)))
        .collect();
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
            let (leader, margin) = leader_with(engines, p, w, &base, &c)?;
            (leader != top).then_some(WhatIf {
                change: c,
                leader,
                margin,
            })
        })
        .collect();
    out.extend(cap_change(engines, p, w, r, top));
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
fn cap_change(
    engines: &[Engine],
    p: &Profile,
    w: &Weights,
    r: &Ranking,
    top: usize,
) -> Option<WhatIf> {
    let (_, eff) = rank::effective(p, w);
    // What a cap does not change, computed once: each engine's row without a cap (the
    // ranking's own rows when the profile has none).
    let evaluated: Vec<Row>;
    let rows: &[Row] = if p.annual_budget_usd.is_none() {
        &r.rows
    } else {
        let mut uncapped = p.clone();
        uncapped.annual_budget_usd = None;
        let reference = fit::budget_reference(&uncapped).0;
        evaluated = engines
            .iter()
            .enumerate()
            .map(|(i, e)| rank::evaluate(i, e, &uncapped, &eff, reference))
            .collect();
        &evaluated
    };
    // Under a cap the budget reads the cash, and staff time when the profile counts it.
    let capped = |row: &Row| {
        if p.assumptions.cap_counts_staff {
            row.cost.total()
        } else {
            row.cost.cash()
        }
    };
    let total = eff.total();
    let wb = eff.get(FactorId::Budget);
    // Everything but the budget fit, once and compactly: each try below then reads a small array
    // and costs a division per engine.
    // Engines already out stay out under any cap, so they can neither lead nor be runner-up.
    let fixed: Vec<(Place, f64, f64)> = rows
        .iter()
        .filter(|row| !row.is_out())
        .map(|row| {
            let rest = rank::weighted(&row.fits, &eff) - wb * row.fits[FactorId::Budget];
            (Place::of(row, 0.0), capped(row).max(0.0), rest)
        })
        .collect();
    // The leader under a cap and its margin, or `None` when nothing fits under it.
    let leads_at = |cap: f64| -> Option<(usize, f64)> {
        lead(
            engines,
            fixed.iter().map(|&(base, cost, rest)| {
                let budget = fit::quantize(cap / (cap + cost));
                let score = if total > 0.0 {
                    100.0 * (rest + wb * budget) / total
                } else {
                    0.0
                };
                Place {
                    standing: if cost > cap {
                        base.standing.max(Standing::Out(Exclusion::OverCap))
                    } else {
                        base.standing
                    },
                    score,
                    ..base
                }
            }),
        )
    };
    let top_cost = capped(rows.iter().find(|r| r.engine == top)?);
    if !(top_cost.is_finite() && top_cost > 1.0) {
        return None;
    }
    // A cap scales the budget fit as well as ruling engines out, so a cap a little above the top
    // pick's cost can already favour a cheaper rival: start where the top pick still leads.
    let mut start = p.annual_budget_usd.unwrap_or(top_cost).max(top_cost);
    let mut tries = 0;
    while leads_at(start).is_none_or(|(l, _)| l != top) {
        tries += 1;
        if tries > 40 || !start.is_finite() {
            return None;
        }
        start *= 2.0;
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
    // Halving the gap: `lo + (hi − lo) / 2` never overflows, and the step count is bounded
    // whatever the prices (an f64 gap halves to below a dollar in at most about 1,100 steps).
    for _ in 0..1_100 {
        if hi - lo <= 0.5 {
            break;
        }
        let mid = lo + (hi - lo) / 2.0;
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
    use crate::profile::Situation;

    fn comparison(p: &Profile) -> (Catalogue, Comparison) {
        let cat = Catalogue::builtin();
        let w = Weights::defaults(&cat.factors);
        let a = analyse(&cat.engines, p, &w);
        let c = compare(&cat.engines, p, &w, &a.ranking).expect("a top pick");
        (cat, c)
    }

    #[test]
    fn rescoring_one_fit_gives_the_leader_a_full_ranking_gives() {
        // The what-ifs re-score the ranking's rows for a change that touches one fit; that must
        // pick the same leader, with the same margin, as ranking the changed profile afresh.
        let cat = Catalogue::builtin();
        let w = Weights::defaults(&cat.factors);
        for volume in [50_000, 3_000_000, 20_000_000, 400_000_000, 3_000_000_000] {
            for own in [true, false] {
                for must in [vec![], vec![crate::catalogue::Capability::DkimSigning]] {
                    let p = Profile::from(Situation {
                        monthly_volume: volume,
                        own_infrastructure: own,
                        must,
                        team_knows: vec!["postfix".into()],
                        ..Situation::default()
                    });
                    let r = rank::rank(&cat.engines, &p, &w);
                    let mut changes: Vec<Change> = Team::ALL.map(Change::Team).to_vec();
                    changes.extend(Marketing::ALL.map(Change::Marketing));
                    changes.extend([Change::CloudNative(true), Change::CloudNative(false)]);
                    for c in &changes {
                        let base: Vec<(&Row, Place)> = r
                            .candidates()
                            .map(|row| (row, Place::of(row, row.score)))
                            .collect();
                        let fast = leader_with(&cat.engines, &p, &w, &base, c);
                        let full = leader(&cat.engines, &apply(&p, c), &w);
                        assert_eq!(fast.map(|x| x.0), full.map(|x| x.0), "{c:?} at {volume}");
                        if let (Some(a), Some(b)) = (fast, full) {
                            assert!((a.1 - b.1).abs() < 1e-9, "{c:?} at {volume}");
                        }
                    }
                }
            }
        }
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
        let (cat, c) = comparison(&Profile::from(Situation {
            monthly_volume: 40_000_000,
            ..Situation::default()
        }));
        for w in &c.what_ifs {
            assert_ne!(w.leader, c.top, "{w:?}");
            assert!(w.margin >= 0.0);
        }
        // A programming team at 40M gets a different engine than a static-config one, or
        // none of the team changes matter: either way every listed change is real.
        let cat_w = Weights::defaults(&cat.factors);
        for w in &c.what_ifs {
            let q = apply(
                &Profile::from(Situation {
                    monthly_volume: 40_000_000,
                    ..Situation::default()
                }),
                &w.change,
            );
            let r = rank::rank(&cat.engines, &q, &cat_w);
            assert_eq!(r.top().map(|t| t.engine), Some(w.leader), "{w:?}");
        }
    }

    #[test]
    fn a_cap_under_the_top_picks_cost_changes_the_pick() {
        // A PowerMTA team at 60M keeps PowerMTA, whose licences cost more than KumoMTA's estate,
        // so a cap can move the pick.
        let p = Profile::from(Situation {
            monthly_volume: 60_000_000,
            team_knows: vec!["powermta".into()],
            licences_held: vec!["powermta".into()],
            ..Situation::default()
        });
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
                situation: Situation {
                    annual_budget_usd: Some(x),
                    ..p.situation.clone()
                },
                ..p.clone()
            };
            rank::rank(&cat.engines, &q, &w).top().map(|t| t.engine)
        };
        // Exact to the dollar: at the cap the pick holds, a dollar under it, it changes.
        assert_eq!(with(cap.0), Some(c.top));
        assert_eq!(with(cap.0 - 1.0), Some(cap.1));
    }
}
