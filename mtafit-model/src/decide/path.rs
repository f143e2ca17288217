//! The top pick across volumes: the exact volumes where it changes, what follows it, what the
//! brief's walk says on each stretch and whether the two agree.
//!
//! The pick at a volume is the ranking's top at that volume, found without ranking every
//! engine at every volume. Only an engine's volume fit, budget fit and standing move with the
//! volume, and each moves in one direction or turns once: the cost never falls as the volume
//! grows (servers are added, plans outgrown), so the budget fit never rises and the standing
//! never improves; the volume fit rises to the engine's band and falls after it. So over a range
//! of volumes each engine's best and worst place are known from its ends, an engine whose best
//! is worse than another's worst cannot lead anywhere in it, and the range is halved until one
//! engine is left or a few are, which are then sampled finely and every change bisected to the
//! message.

use super::brief::{self, VOLUME_LINE, Walk};
use super::cost;
use super::fit::{self, Fits};
use super::rank::{self, Exclusion, KnockOut, MAILBOX_SERVER_MAX, Standing};
use super::weights::Weights;
use crate::catalogue::{Engine, FactorId};
use crate::profile::Profile;
use std::cmp::{Ordering, Reverse};

/// The smallest volume of the default range, a month.
pub const FROM: u64 = 10_000;
/// The largest volume of the default range, a month.
pub const TO: u64 = 10_000_000_000;

/// How many candidates follow the pick in each stretch.
pub const NEXT: usize = 2;
/// Ranges wider than this ratio are halved by ratio, narrower ones by difference.
const NARROW: f64 = 1.05;

/// How a stretch's pick compares with the walk's verdict there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum StretchAgreement {
    /// The ranking's top pick is the walk's verdict.
    Agree,
    /// They differ.
    Disagree,
    /// No engine is a candidate (or every weight that counts is 0).
    #[strum(serialize = "no_ranking_top")]
    NoPick,
    /// The walk reaches no engine.
    NoWalkEngine,
}

impl StretchAgreement {
    /// A stable id for JSON.
    pub fn id(self) -> &'static str {
        self.into()
    }
}

/// A run of volumes with one top pick and one walk verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Stretch {
    /// The first volume of the stretch, a month.
    pub from: u64,
    /// The last volume of the stretch, a month (inclusive).
    pub to: u64,
    /// The top pick (engine index), `None` when no engine is a candidate.
    pub pick: Option<usize>,
    /// The next two candidates at the start of the stretch, best first.
    pub next: Vec<usize>,
    /// Close contenders: two engines that trade the lead back and forth inside the stretch (at
    /// server or plan steps, or by a hair), the pick at its start first; empty otherwise.
    pub contenders: Vec<usize>,
    /// The walk's verdict on the stretch.
    pub walk: Walk,
}

impl Stretch {
    /// Whether the pick and the walk's verdict agree.
    pub fn agreement(&self) -> StretchAgreement {
        match (self.pick, self.walk.engine) {
            (None, _) => StretchAgreement::NoPick,
            (_, None) => StretchAgreement::NoWalkEngine,
            (Some(a), Some(b)) if a == b => StretchAgreement::Agree,
            _ => StretchAgreement::Disagree,
        }
    }
}

/// A volume where the top pick changes.
#[derive(Debug, Clone, PartialEq)]
pub struct PickChange {
    /// The first volume with the new pick, a month.
    pub volume: u64,
    /// The pick below it.
    pub before: Option<usize>,
    /// The pick from it on.
    pub after: Option<usize>,
    /// The annual cost at this volume of the engines either side (before first, then after).
    pub costs: Vec<ChangeCost>,
}

/// One side of a change: what its engine costs there, and its estate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChangeCost {
    /// The engine (index).
    pub engine: usize,
    /// Its annual cost at the change's volume.
    pub annual_usd: f64,
    /// Its nodes there, spares included (0 for a service).
    pub nodes: u64,
    /// Its IP addresses there.
    pub ips: u64,
}

/// The top pick over a range of monthly volumes.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    /// The first volume of the range.
    pub from: u64,
    /// The last volume of the range (inclusive).
    pub to: u64,
    /// The stretches, in order, covering the range without gaps.
    pub stretches: Vec<Stretch>,
    /// Every volume where the pick starts, with the pick, in order: exact where a stretch of
    /// close contenders holds several.
    pub picks: Vec<(u64, Option<usize>)>,
    /// Every volume where the top pick changes, in order.
    pub changes: Vec<PickChange>,
    /// Every weight that counts is 0: nothing is ranked, so there is no pick anywhere.
    pub weights_zero: bool,
}

impl Path {
    /// The stretch holding a volume (the first or last when it lies outside the range).
    pub fn stretch_at(&self, volume: u64) -> &Stretch {
        let i = self.stretches.partition_point(|s| s.to < volume);
        &self.stretches[i.min(self.stretches.len() - 1)]
    }

    /// The top pick at a volume inside the range (exact, also inside a stretch of close
    /// contenders).
    pub fn pick_at(&self, volume: u64) -> Option<usize> {
        let i = self.picks.partition_point(|s| s.0 <= volume);
        self.picks[i.saturating_sub(1)].1
    }

    /// The first change of pick above a volume.
    pub fn next_change(&self, volume: u64) -> Option<&PickChange> {
        self.changes.iter().find(|c| c.volume > volume)
    }
}

/// The top pick for `p` and `w` at every monthly volume from `from` to `to` (inclusive; a
/// `from` of 0 is taken as 1).
pub fn path(engines: &[Engine], p: &Profile, w: &Weights, from: u64, to: u64) -> Path {
    let from = from.max(1);
    let to = to.max(from);
    let (_, eff) = rank::effective(p, w);
    let search = Search::new(engines, p, &eff);
    let weights_zero = eff.all_zero();
    // Every engine at both ends, once: the picks and the next two both start from these.
    let members = if weights_zero {
        Vec::new()
    } else {
        search.members(from, to)
    };
    let picks: Vec<(u64, Option<usize>)> = if members.is_empty() {
        vec![(from, None)]
    } else {
        search.picks(search.distinct(&members, from), from, to)
    };
    let mut q = p.clone();
    let changes = picks
        .windows(2)
        .map(|w| {
            let (volume, before, after) = (w[1].0, w[0].1, w[1].1);
            q.monthly_volume = volume;
            let costs = [before, after]
                .into_iter()
                .flatten()
                .map(|i| {
                    let c = cost::annual(&engines[i], &q, volume);
                    ChangeCost {
                        engine: i,
                        annual_usd: c.total(),
                        nodes: c.nodes,
                        ips: c.estate.ips,
                    }
                })
                .collect();
            PickChange {
                volume,
                before,
                after,
                costs,
            }
        })
        .collect();
    // The walk changes only at the volume line (owning) or with the pick (renting).
    let mut starts: Vec<(u64, Option<usize>)> = picks.clone();
    if p.own_infrastructure && (from + 1..=to).contains(&VOLUME_LINE) {
        let i = starts.partition_point(|s| s.0 < VOLUME_LINE);
        if starts.get(i).is_none_or(|s| s.0 != VOLUME_LINE) {
            starts.insert(i, (VOLUME_LINE, starts[i - 1].1));
        }
    }
    let mut stretches: Vec<Stretch> = Vec::with_capacity(starts.len());
    for (k, &(start, pick)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(to, |s| s.0 - 1);
        q.monthly_volume = start;
        let walk = brief::walk_with(engines, &q, || (pick, weights_zero));
        if let Some(last) = stretches.last_mut()
            && last.pick == pick
            && last.walk.engine == walk.engine
            && last.walk.deciding_gate() == walk.deciding_gate()
        {
            last.to = end;
            continue;
        }
        stretches.push(Stretch {
            from: start,
            to: end,
            pick,
            next: Vec::new(),
            contenders: Vec::new(),
            walk,
        });
    }
    let mut stretches = close_contenders(stretches, |s, other| {
        // Within the model's own doubt at the middle of the stretch, as the comparison says it.
        let Some(pick) = s.pick else { return false };
        let mid = ((s.from as f64) * (s.to as f64)).sqrt().round() as u64;
        let mut q = p.clone();
        q.monthly_volume = mid.clamp(s.from, s.to);
        let reference = super::fit::budget_reference(&q).0;
        let row = |i: usize| rank::evaluate(i, &engines[i], &q, &eff, reference);
        let (a, b) = (row(pick), row(other));
        let (lead, trail) = if rank::score_key(a.score) >= rank::score_key(b.score) {
            (&a, &b)
        } else {
            (&b, &a)
        };
        super::compare::within_doubt(&q, &eff, lead, trail)
    });
    if !members.is_empty() {
        let points: Vec<u64> = stretches.iter().map(|s| s.from).collect();
        for (s, top) in stretches
            .iter_mut()
            .zip(search.tops(members, from, to, &points))
        {
            s.next = top
                .into_iter()
                .filter(|&i| Some(i) != s.pick)
                .take(NEXT)
                .collect();
        }
    }
    Path {
        from,
        to,
        stretches,
        picks,
        changes,
        weights_zero,
    }
}

/// Runs of three or more stretches whose picks alternate between the same two engines, under
/// the same gate of the walk, become one stretch of close contenders when the two are within the
/// model's own doubt in every one of them (`close`: the stretch and the other engine): neither
/// leads across it, and a server step or a hair is no reason to move engines back and forth.
fn close_contenders(
    stretches: Vec<Stretch>,
    close: impl Fn(&Stretch, usize) -> bool,
) -> Vec<Stretch> {
    let mut out: Vec<Stretch> = Vec::with_capacity(stretches.len());
    let mut i = 0;
    while i < stretches.len() {
        let s = &stretches[i];
        let mut j = i + 1;
        let pair = match (s.pick, stretches.get(j).and_then(|t| t.pick)) {
            (Some(a), Some(b)) if a != b => Some((a, b)),
            _ => None,
        };
        if let Some((a, b)) = pair {
            while let Some(t) = stretches.get(j) {
                let expect = if (j - i) % 2 == 0 { a } else { b };
                // Renting, the walk's verdict follows the pick: the gate is what must agree.
                let same_walk = t.walk.deciding_gate() == s.walk.deciding_gate()
                    && (t.walk.engine == s.walk.engine || t.walk.engine == t.pick);
                if t.pick != Some(expect) || !same_walk {
                    break;
                }
                j += 1;
            }
        }
        let all_close = |a: usize, b: usize| {
            stretches[i..j]
                .iter()
                .all(|t| close(t, if t.pick == Some(a) { b } else { a }))
        };
        match pair {
            Some((a, b)) if j - i >= 3 && all_close(a, b) => {
                out.push(Stretch {
                    to: stretches[j - 1].to,
                    contenders: vec![a, b],
                    ..s.clone()
                });
                i = j;
            }
            _ => {
                out.push(s.clone());
                i += 1;
            }
        }
    }
    out
}

/// How many months a volume changing by `growth` a month (0.06 for +6 %, −0.02 for −2 %)
/// takes to reach `target`; `None` when it moves away from it, does not move, or is there.
pub fn months_to_reach(volume: u64, target: u64, growth: f64) -> Option<f64> {
    if !(growth.is_finite() && growth > -1.0) || growth == 0.0 || volume == 0 || target == 0 {
        return None;
    }
    let months = (target as f64 / volume as f64).ln() / growth.ln_1p();
    (months > 0.0).then_some(months)
}

/// Where a steady growth takes the sender next: the first change of pick it reaches.
#[derive(Debug, Clone, PartialEq)]
pub struct Outlook {
    /// Growth a month, as a share.
    pub growth: f64,
    /// The change it reaches (an index into [`Path::changes`]).
    pub change: usize,
    /// The volume reached: the change's volume growing, the one just below it shrinking.
    pub volume: u64,
    /// Months until then.
    pub months: f64,
}

impl Path {
    /// Where `growth` a month from `volume` leads: the next change of pick above (growing) or
    /// below (shrinking); `None` when there is none in the path's range, or no growth.
    pub fn outlook(&self, volume: u64, growth: f64) -> Option<Outlook> {
        let (change, target) = if growth > 0.0 {
            let i = self.changes.iter().position(|c| c.volume > volume)?;
            (i, self.changes[i].volume)
        } else {
            let i = self.changes.iter().rposition(|c| c.volume <= volume)?;
            (i, self.changes[i].volume - 1)
        };
        let months = months_to_reach(volume, target, growth)?;
        Some(Outlook {
            growth,
            change,
            volume: target,
            months,
        })
    }
}

/// What one engine brings to every volume: its fits that do not move with the volume and the
/// parts of its standing that do not.
#[derive(Debug, Clone)]
struct Fixed {
    /// Fits at the profile's volume; the volume and budget fits are replaced at each volume.
    fits: Fits,
    /// The standing the knock-outs that do not depend on the volume give (a candidate when
    /// none).
    standing: Standing,
    /// A caveat: a candidate stands with caveats.
    caveat: bool,
    /// Musts it lacks.
    missing: usize,
    /// The brief's preference below the volume line and at or above it.
    preference: [u8; 2],
    /// Its cost never falls as the volume grows (its plan tiers are in order), so bounds hold.
    monotone: bool,
}

/// One engine at one volume.
#[derive(Debug, Clone, Copy)]
struct Sample {
    standing: Standing,
    score: i64,
    volume_fit: f64,
    budget_fit: f64,
    /// What the budget reads of the cost.
    spend: f64,
    /// What the budget fit compares it with (the cap, or a reference that grows with the volume).
    reference: f64,
}

/// What orders engines at a volume, or bounds it over a range.
#[derive(Debug, Clone, Copy)]
struct Key {
    standing: Standing,
    missing: usize,
    score: i64,
    preference: u8,
    engine: usize,
}

/// An engine in a range, with its samples at the range's ends.
#[derive(Debug, Clone, Copy)]
struct Member {
    engine: usize,
    lo: Sample,
    hi: Sample,
}

/// The search's fixed inputs.
struct Search<'a> {
    engines: &'a [Engine],
    profile: &'a Profile,
    eff: &'a Weights,
    fixed: Vec<Fixed>,
    /// The budget's reference at the last volume asked: the same for every engine, and a
    /// range is split by sampling every engine at one volume in turn.
    reference: std::cell::Cell<(u64, f64)>,
}

impl<'a> Search<'a> {
    fn new(engines: &'a [Engine], p: &'a Profile, eff: &'a Weights) -> Search<'a> {
        let mut below = p.clone();
        below.monthly_volume = 0;
        let mut above = p.clone();
        above.monthly_volume = VOLUME_LINE;
        let reference = fit::budget_reference(p).0;
        let fixed = engines
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let row = rank::evaluate(i, e, p, eff, reference);
                let standing = row
                    .out
                    .iter()
                    .filter(|k| {
                        !matches!(
                            k,
                            KnockOut::OverCap { .. }
                                | KnockOut::SingleNode { .. }
                                | KnockOut::MailboxServer
                        )
                    })
                    .map(KnockOut::exclusion)
                    .max()
                    .map_or(Standing::Candidate, Standing::Out);
                let tiers = &e.cost.tiers;
                Fixed {
                    fits: row.fits,
                    standing,
                    caveat: !row.caveats.is_empty(),
                    missing: row.musts_missing(),
                    preference: [&below, &above]
                        .map(|q| brief::preference(q, &e.id).unwrap_or(u8::MAX)),
                    monotone: rising(tiers, e.cost.per_thousand_usd)
                        && e.cost.plans.iter().all(|q| {
                            rising(&q.tiers, q.per_thousand_usd)
                                && q.bands.iter().all(|b| b.usd_per_thousand >= 0.0)
                        }),
                }
            })
            .collect();
        Search {
            engines,
            profile: p,
            eff,
            fixed,
            reference: std::cell::Cell::new((u64::MAX, 0.0)),
        }
    }

    /// Engine `i` at volume `v`, as [`rank::evaluate`] would place it.
    fn sample(&self, q: &mut Profile, i: usize, v: u64) -> Sample {
        let e = &self.engines[i];
        let f = &self.fixed[i];
        q.monthly_volume = v;
        let c = cost::annual(e, q, v);
        let spend = c.counted(q);
        let reference = match self.reference.get() {
            (at, r) if at == v => r,
            _ => {
                let r = fit::budget_reference(q).0;
                self.reference.set((v, r));
                r
            }
        };
        let mut fits = f.fits;
        fits[FactorId::Volume] = fit::of(e, q, spend, FactorId::Volume);
        // What `fit::budget` gives, without finding the reference again for every engine.
        fits[FactorId::Budget] = fit::quantize(fit::budget_fit(reference, spend));
        // The same knock-outs `standing::knock_outs` adds with the volume, the worst kept.
        let mut standing = f.standing;
        let mut out = |x: Exclusion| standing = standing.max(Standing::Out(x));
        if e.role() == crate::catalogue::Role::MailboxServer && v > MAILBOX_SERVER_MAX {
            out(Exclusion::Unsuited);
        }
        if e.scale_out() == Some(crate::catalogue::ScaleOut::Single) && c.estate.peak_nodes > 1 {
            out(Exclusion::SingleNode);
        }
        if let Some(cap) = q.annual_budget_usd
            && spend > cap
        {
            out(Exclusion::OverCap);
        }
        if standing == Standing::Candidate && f.caveat {
            standing = Standing::WithCaveats;
        }
        Sample {
            standing,
            score: rank::score_key(rank::score(&fits, self.eff)),
            volume_fit: fits[FactorId::Volume],
            budget_fit: fits[FactorId::Budget],
            spend,
            reference,
        }
    }

    fn preference(&self, i: usize, v: u64) -> u8 {
        self.fixed[i].preference[usize::from(v >= VOLUME_LINE)]
    }

    fn key(&self, i: usize, s: Sample, v: u64) -> Key {
        Key {
            standing: s.standing,
            missing: self.fixed[i].missing,
            score: s.score,
            preference: self.preference(i, v),
            engine: i,
        }
    }

    /// Best first, as the ranking orders rows.
    fn order(&self, a: &Key, b: &Key) -> Ordering {
        (a.standing, a.missing, Reverse(a.score), a.preference)
            .cmp(&(b.standing, b.missing, Reverse(b.score), b.preference))
            .then_with(|| rank::compare((&self.engines[a.engine], 0), (&self.engines[b.engine], 0)))
    }

    /// The score with the volume and budget fits replaced.
    fn score_with(&self, i: usize, volume_fit: f64, budget_fit: f64) -> i64 {
        let mut fits = self.fixed[i].fits;
        fits[FactorId::Volume] = volume_fit;
        fits[FactorId::Budget] = budget_fit;
        rank::score_key(rank::score(&fits, self.eff))
    }

    /// The best and the worst an engine can be anywhere in `[a, b]`.
    fn bounds(&self, q: &mut Profile, m: &Member, a: u64, b: u64) -> (Key, Key) {
        let i = m.engine;
        let f = &self.fixed[i];
        let prefs = (self.preference(i, a), self.preference(i, b));
        if !f.monotone {
            let best = Key {
                standing: f.standing.min(m.lo.standing).min(m.hi.standing),
                missing: f.missing,
                score: self.score_with(i, 1.0, 1.0),
                preference: prefs.0.min(prefs.1),
                engine: i,
            };
            let worst = Key {
                standing: Standing::WORST,
                score: i64::MIN,
                preference: u8::MAX,
                ..best
            };
            return (best, worst);
        }
        // The volume fit rises to the band and falls after it: its least is at an end, and its
        // most at an end or where the band starts.
        let e = &self.engines[i];
        let mut top = m.lo.volume_fit.max(m.hi.volume_fit);
        let start = e.volume.min_per_month;
        for v in [start.saturating_sub(1), start] {
            if v > a && v < b {
                q.monthly_volume = v;
                top = top.max(fit::of(e, q, 0.0, FactorId::Volume));
            }
        }
        let low = m.lo.volume_fit.min(m.hi.volume_fit);
        // The spend and the reference both grow with the volume: the budget fit is at most the
        // largest reference against the smallest spend, and at least the reverse.
        let budget = |r: f64, c: f64| fit::quantize(fit::budget_fit(r, c));
        let best_budget = budget(m.hi.reference, m.lo.spend)
            .max(m.lo.budget_fit)
            .max(m.hi.budget_fit);
        let worst_budget = budget(m.lo.reference, m.hi.spend)
            .min(m.lo.budget_fit)
            .min(m.hi.budget_fit);
        let best = Key {
            standing: m.lo.standing,
            missing: f.missing,
            score: self.score_with(i, top, best_budget),
            preference: prefs.0.min(prefs.1),
            engine: i,
        };
        let worst = Key {
            standing: m.hi.standing,
            missing: f.missing,
            score: self.score_with(i, low, worst_budget),
            preference: prefs.0.max(prefs.1),
            engine: i,
        };
        (best, worst)
    }

    /// The members that can be among the best `k` somewhere in `[a, b]`: none whose best is
    /// worse than the `k`-th best of the others' worsts.
    fn prune(
        &self,
        q: &mut Profile,
        members: Vec<Member>,
        a: u64,
        b: u64,
        k: usize,
    ) -> Vec<Member> {
        if members.len() <= k {
            return members;
        }
        let bounds: Vec<(Key, Key)> = members.iter().map(|m| self.bounds(q, m, a, b)).collect();
        let mut worst: Vec<Key> = bounds.iter().map(|b| b.1).collect();
        let (_, bar, _) = worst.select_nth_unstable_by(k - 1, |x, y| self.order(x, y));
        let bar = *bar;
        members
            .into_iter()
            .zip(&bounds)
            .filter(|(_, (best, _))| self.order(best, &bar) != Ordering::Greater)
            .map(|(m, _)| m)
            .collect()
    }

    /// The best [`NEXT`] + 1 candidates (engines not out) at each of `points` (in order, inside
    /// `[from, to]`), best first: the same halving as the picks', keeping every engine that can
    /// be among them.
    fn tops(&self, members: Vec<Member>, from: u64, to: u64, points: &[u64]) -> Vec<Vec<usize>> {
        let mut q = self.profile.clone();
        let mut out = Vec::with_capacity(points.len());
        self.tops_in(&mut q, members, from, to, points, &mut out);
        out
    }

    fn tops_in(
        &self,
        q: &mut Profile,
        members: Vec<Member>,
        a: u64,
        b: u64,
        points: &[u64],
        out: &mut Vec<Vec<usize>>,
    ) {
        if points.is_empty() {
            return;
        }
        let members = self.prune(q, members, a, b, NEXT + 1);
        if members.len() <= 4 * (NEXT + 1) || b - a <= 1 {
            for &v in points {
                let mut keys: Vec<Key> = members
                    .iter()
                    .map(|m| self.key(m.engine, self.sample(q, m.engine, v), v))
                    .filter(|k| !k.standing.is_out())
                    .collect();
                keys.sort_by(|x, y| self.order(x, y));
                out.push(keys.iter().take(NEXT + 1).map(|k| k.engine).collect());
            }
            return;
        }
        let (m, left, right) = self.split(q, members, a, b);
        let at = points.partition_point(|&v| v <= m);
        self.tops_in(q, left, a, m, &points[..at], out);
        self.tops_in(q, right, m, b, &points[at..], out);
    }

    /// Every engine with its samples at `from` and `to`.
    fn members(&self, from: u64, to: u64) -> Vec<Member> {
        let mut q = self.profile.clone();
        (0..self.engines.len())
            .map(|i| Member {
                engine: i,
                lo: self.sample(&mut q, i, from),
                hi: self.sample(&mut q, i, to),
            })
            .collect()
    }

    /// Halve `[a, b]` (`b − a > 1`): the middle, and the members of each half with their
    /// samples there.
    fn split(
        &self,
        q: &mut Profile,
        members: Vec<Member>,
        a: u64,
        b: u64,
    ) -> (u64, Vec<Member>, Vec<Member>) {
        let m = split_point(a, b);
        let (left, right) = members
            .into_iter()
            .map(|x| {
                let s = self.sample(q, x.engine, m);
                (Member { hi: s, ..x }, Member { lo: s, ..x })
            })
            .unzip();
        (m, left, right)
    }

    /// Where the pick changes over `[from, to]`: each first volume with its pick, in order.
    fn picks(&self, members: Vec<Member>, from: u64, to: u64) -> Vec<(u64, Option<usize>)> {
        let mut q = self.profile.clone();
        let mut out = Vec::new();
        self.refine(&mut q, members, from, to, &mut out);
        out
    }

    /// One engine of each set that moves alike with the volume — the same prices, servers,
    /// band, proven range and role — keeping the one that leads the others of its set: their
    /// scores differ by the same amount at every volume, so the others can never lead. (Without
    /// this, two engines priced alike keep every range open down to single messages.)
    fn distinct(&self, members: &[Member], at: u64) -> Vec<Member> {
        let mut best: std::collections::HashMap<Vec<u64>, (Key, Member)> = Default::default();
        for m in members {
            let i = m.engine;
            // The order between two such engines is the same at every volume: read it at `at`.
            let k = self.key(i, m.lo, at);
            best.entry(signature(&self.engines[i], self.fixed[i].preference))
                .and_modify(|b| {
                    if self.order(&k, &b.0) == Ordering::Less {
                        *b = (k, *m);
                    }
                })
                .or_insert((k, *m));
        }
        let mut out: Vec<Member> = best.into_values().map(|(_, m)| m).collect();
        out.sort_unstable_by_key(|m| m.engine);
        out
    }

    /// Append the picks over `[a, b]` to `out`, merging a first pick equal to the last one.
    fn refine(
        &self,
        q: &mut Profile,
        members: Vec<Member>,
        a: u64,
        b: u64,
        out: &mut Vec<(u64, Option<usize>)>,
    ) {
        let members = self.prune(q, members, a, b, 1);
        let mut push = |v: u64, pick: Option<usize>| {
            if out.last().is_none_or(|l| l.1 != pick) {
                out.push((v, pick));
            }
        };
        if let [only] = members[..] {
            // One engine leads throughout; its standing only worsens, so it drops out of the
            // running at most once.
            let first = (!only.lo.standing.is_out()).then_some(only.engine);
            push(a, first);
            if only.hi.standing.is_out() && first.is_some() {
                let at = bisect(a, b, |v| !self.sample(q, only.engine, v).standing.is_out());
                push(at, None);
            }
            return;
        }
        let pick_of = |ms: &[Member], hi: bool| {
            let v = if hi { b } else { a };
            ms.iter()
                .map(|m| self.key(m.engine, if hi { m.hi } else { m.lo }, v))
                .min_by(|x, y| self.order(x, y))
                .filter(|k| !k.standing.is_out())
                .map(|k| k.engine)
        };
        if b - a <= 1 || self.constant(&members, a, b) {
            push(a, pick_of(&members, false));
            push(b, pick_of(&members, true));
            return;
        }
        let (m, left, right) = self.split(q, members, a, b);
        self.refine(q, left, a, m, out);
        self.refine(q, right, m, b, out);
    }

    /// Whether nothing that orders `members` changes inside `[a, b]`: each is placed the same at
    /// both ends and moves one way in between (its band does not start inside).
    fn constant(&self, members: &[Member], a: u64, b: u64) -> bool {
        (a < VOLUME_LINE) == (b < VOLUME_LINE)
            && members.iter().all(|m| {
                let start = self.engines[m.engine].volume.min_per_month;
                self.fixed[m.engine].monotone
                    && m.lo.standing == m.hi.standing
                    && m.lo.volume_fit == m.hi.volume_fit
                    && m.lo.spend == m.hi.spend
                    && m.lo.reference == m.hi.reference
                    && !(start > a && start <= b)
            })
    }
}

/// True when tiers rise in volume and price and the price beyond them is not negative: then the
/// cost never falls as the volume grows (the cheapest of several such plans cannot either).
fn rising(tiers: &[crate::catalogue::Tier], per_thousand: f64) -> bool {
    tiers.windows(2).all(|t| {
        t[0].up_to_per_month < t[1].up_to_per_month && t[0].usd_per_month <= t[1].usd_per_month
    }) && per_thousand >= 0.0
}

/// What decides how an engine moves with the volume: its prices, servers, how its estate
/// grows, support contract, band, documented range and role, and the brief's preference for it
/// (which breaks exact ties and moves at the volume line), as bits.
fn signature(e: &Engine, preference: [u8; 2]) -> Vec<u64> {
    let c = &e.cost;
    let mut s = vec![
        c.licence_per_year_usd.to_bits(),
        u64::from(c.licence_per_node),
        c.licence_per_million_usd.to_bits(),
        c.dedicated_ip_usd_per_month.map_or(u64::MAX, f64::to_bits),
        u64::from(c.dedicated_ips_included),
        e.scale_out().map_or(u64::MAX, |k| k as u64),
        c.per_thousand_usd.to_bits(),
        c.base_per_month_usd.to_bits(),
        c.node_capacity_per_month,
        u64::from(e.is_managed()),
        e.role() as u64,
        u64::from(e.support.vendor_sla),
        e.support
            .contract_usd_per_year
            .map_or(u64::MAX, f64::to_bits),
        e.volume.min_per_month,
        e.volume.max_per_month,
        e.volume.proven_max(),
        u64::from(preference[0]) << 8 | u64::from(preference[1]),
    ];
    for t in &c.tiers {
        s.extend([t.up_to_per_month, t.usd_per_month.to_bits()]);
    }
    // Plans are few and rarely alike: their whole description stands in for their numbers.
    if !c.plans.is_empty() {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        format!("{:?}", c.plans).hash(&mut h);
        s.push(h.finish());
    }
    s
}

/// Where to halve `[a, b]` (`b − a > 1`): by ratio while the range is wide, by difference once
/// it is narrow; strictly inside.
fn split_point(a: u64, b: u64) -> u64 {
    if b as f64 / a as f64 > NARROW {
        let g = ((a as f64) * (b as f64)).sqrt().round() as u64;
        g.clamp(a + 1, b - 1)
    } else {
        a + (b - a) / 2
    }
}

/// The first volume in `(lo, hi]` where `same` stops holding, given it holds at `lo` and not
/// at `hi`.
fn bisect(mut lo: u64, mut hi: u64, mut same: impl FnMut(u64) -> bool) -> u64 {
    while hi - lo > 1 {
        let m = lo + (hi - lo) / 2;
        if same(m) { lo = m } else { hi = m }
    }
    hi
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;
    use crate::profile::{Situation, Team};

    fn brief_sender() -> Profile {
        Profile::from(Situation {
            monthly_volume: 7_421_043,
            team: Team::StaticConfig,
            ..Situation::default()
        })
    }

    fn pick_by_rank(engines: &[Engine], p: &Profile, w: &Weights, v: u64) -> Option<usize> {
        let q = Profile {
            situation: Situation {
                monthly_volume: v,
                ..p.situation.clone()
            },
            ..p.clone()
        };
        rank::rank(engines, &q, w).top().map(|r| r.engine)
    }

    #[test]
    fn the_path_matches_the_ranking_everywhere_it_is_sampled() {
        let cat = Catalogue::builtin();
        let p = brief_sender();
        let w = Weights::defaults(&cat.factors);
        let path = path(&cat.engines, &p, &w, FROM, TO);
        let mut v = FROM as f64;
        while v <= TO as f64 {
            let x = v as u64;
            assert_eq!(
                path.pick_at(x),
                pick_by_rank(&cat.engines, &p, &w, x),
                "at {x}"
            );
            v *= 1.07;
        }
        for c in &path.changes {
            assert_eq!(pick_by_rank(&cat.engines, &p, &w, c.volume), c.after);
            assert_eq!(pick_by_rank(&cat.engines, &p, &w, c.volume - 1), c.before);
        }
    }

    #[test]
    fn stretches_cover_the_range_in_order() {
        let cat = Catalogue::builtin();
        let path = path(
            &cat.engines,
            &brief_sender(),
            &Weights::defaults(&cat.factors),
            5_000,
            2_000_000_000,
        );
        assert_eq!(path.stretches.first().unwrap().from, 5_000);
        assert_eq!(path.stretches.last().unwrap().to, 2_000_000_000);
        for w in path.stretches.windows(2) {
            assert_eq!(w[0].to + 1, w[1].from);
        }
    }

    #[test]
    fn growth_reaches_a_volume_in_whole_months() {
        // 1.06^5 ≈ 1.338: from 7.4M, 10M is reached between the fifth and sixth month.
        let m = months_to_reach(7_421_043, 10_000_000, 0.06).unwrap();
        assert!((5.0..6.0).contains(&m), "{m}");
        assert_eq!(months_to_reach(10, 5, 0.06), None);
        assert_eq!(months_to_reach(10, 50, 0.0), None);
        assert_eq!(months_to_reach(10, 50, -0.1), None);
        // Shrinking 10 % a month halves the volume in about 6.6 months.
        let m = months_to_reach(100, 50, -0.1).unwrap();
        assert!((6.5..6.7).contains(&m), "{m}");
    }

    #[test]
    fn the_outlook_is_the_next_change_either_way() {
        let cat = Catalogue::builtin();
        let p = brief_sender();
        let path = path(&cat.engines, &p, &Weights::defaults(&cat.factors), FROM, TO);
        let up = path.outlook(p.monthly_volume, 0.06).unwrap();
        let next = &path.changes[up.change];
        assert!(next.volume > p.monthly_volume);
        assert_eq!(up.volume, next.volume);
        // No change lies between the volume and the one reached.
        assert!(
            path.changes[..up.change]
                .iter()
                .all(|c| c.volume <= p.monthly_volume)
        );
        assert_eq!(path.outlook(p.monthly_volume, 0.0), None);
        // Nothing below 7.4M changes the pick (Postfix from 10k): shrinking reaches nothing.
        assert_eq!(path.outlook(p.monthly_volume, -0.05), None);
        // Just above the first change, shrinking falls back across it, to the message below.
        let first = &path.changes[0];
        let down = path.outlook(first.volume + 1_000, -0.05).unwrap();
        assert_eq!(down.change, 0);
        assert_eq!(down.volume, first.volume - 1);
        assert_eq!(path.pick_at(down.volume), first.before);
    }

    #[test]
    fn engines_that_trade_the_lead_are_one_stretch_of_close_contenders() {
        let cat = Catalogue::builtin();
        let p = brief_sender();
        let path = path(&cat.engines, &p, &Weights::defaults(&cat.factors), FROM, TO);
        let template = path.stretches.last().unwrap().clone();
        let at = |from: u64, to: u64, pick: usize| Stretch {
            from,
            to,
            pick: Some(pick),
            ..template.clone()
        };
        // A, B, A, B, then C: the first four are one stretch where A and B are close; C follows.
        let close = |_: &Stretch, _: usize| true;
        let merged = close_contenders(
            vec![
                at(1, 9, 0),
                at(10, 19, 1),
                at(20, 29, 0),
                at(30, 39, 1),
                at(40, 49, 2),
            ],
            close,
        );
        assert_eq!(merged.len(), 2);
        assert_eq!((merged[0].from, merged[0].to), (1, 39));
        assert_eq!(
            (merged[0].pick, &merged[0].contenders[..]),
            (Some(0), &[0, 1][..])
        );
        assert!(merged[1].contenders.is_empty());
        // One change is not trading the lead: A then B stay two stretches.
        let two = close_contenders(vec![at(1, 9, 0), at(10, 19, 1)], close);
        assert_eq!(two.len(), 2);
        assert!(two.iter().all(|s| s.contenders.is_empty()));
        // Nor is A, B, C.
        assert_eq!(
            close_contenders(vec![at(1, 9, 0), at(10, 19, 1), at(20, 29, 2)], close).len(),
            3
        );
        // Two engines that trade places but are not close where one leads stay apart.
        let far = |s: &Stretch, _: usize| s.from != 10;
        assert_eq!(
            close_contenders(vec![at(1, 9, 0), at(10, 19, 1), at(20, 29, 0)], far).len(),
            3
        );
    }

    #[test]
    fn bisect_finds_the_first_change() {
        assert_eq!(bisect(0, 100, |x| x < 37), 37);
        assert_eq!(bisect(5, 6, |_| true), 6);
    }
}
