//! Cost across volumes: the log-scale grid, the leading candidates and where their costs cross.

use super::cost;
use super::rank::rank;
use super::weights::Weights;
use crate::catalogue::Engine;
use crate::profile::Profile;

/// The smallest volume of the cost curve.
pub const LOW: u64 = 100_000;
/// The largest volume of the cost curve.
pub const HIGH: u64 = 1_000_000_000;

/// 100k to 1B a month in 1-2-5 steps, plus the profile's own volume.
pub fn volumes(own: u64) -> Vec<u64> {
    let mut v = Vec::new();
    let mut decade = LOW;
    while decade <= HIGH {
        for m in [1, 2, 5] {
            let x = decade * m;
            if x <= HIGH {
                v.push(x);
            }
        }
        decade *= 10;
    }
    v.push(own);
    v.sort_unstable();
    v.dedup();
    v
}

/// Where the cheaper of two engines changes: below `monthly_volume` `a` is cheaper, above it `b`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crossover {
    /// Engine index that is cheaper below the change.
    pub a: usize,
    /// Engine index that is cheaper above it.
    pub b: usize,
    /// The first volume at which `b` is no longer dearer than `a`.
    pub monthly_volume: u64,
    /// True when the order changes at a step (a server added, a plan outgrown) rather than where
    /// two smooth costs meet; then the costs are not equal there.
    pub step: bool,
}

/// The leading candidates worth comparing on cost: the best `own` engines for the profile as it
/// is, and the best `other` ones had the own-or-rent answer been the opposite.
pub fn leaders(
    engines: &[Engine],
    p: &Profile,
    w: &Weights,
    own: usize,
    other: usize,
) -> Vec<usize> {
    let mut out: Vec<usize> = rank(engines, p, w)
        .candidates()
        .take(own)
        .map(|r| r.engine)
        .collect();
    let mut flipped = p.clone();
    flipped.own_infrastructure = !p.own_infrastructure;
    out.extend(
        rank(engines, &flipped, w)
            .candidates()
            .take(other)
            .map(|r| r.engine),
    );
    out
}

/// Every volume in [LOW, HIGH] where the cheaper of two of `which` changes, in order of volume.
///
/// Costs are step functions (whole servers, plan tiers), so the order can change where two costs
/// meet (a crossover: equal within 1% there) or at a jump (a step, flagged as such).
pub fn crossovers(engines: &[Engine], which: &[usize], p: &Profile) -> Vec<Crossover> {
    let at = |i: usize, v: u64| cost::annual(&engines[i], p, v).total();
    let pieces: Vec<Option<Vec<u64>>> = which
        .iter()
        .map(|&i| cost::breakpoints(&engines[i], p, LOW, HIGH, MAX_PIECES))
        .collect();
    let sign = |d: f64| {
        if d > 0.0 {
            1
        } else if d < 0.0 {
            -1
        } else {
            0
        }
    };
    let mut out = Vec::new();
    for (n, &i) in which.iter().enumerate() {
        for (k, &j) in which[n + 1..].iter().enumerate() {
            let diff = |v: u64| at(i, v) - at(j, v);
            let points = probes(&pieces[n], &pieces[n + 1 + k]);
            // The last probe where one engine was strictly cheaper, and which one.
            let mut last: Option<(u64, i32)> = None;
            for &v in &points {
                let s = sign(diff(v));
                if s == 0 {
                    continue;
                }
                if let Some((from, before)) = last
                    && before != s
                {
                    out.push(locate(from, v, before, &diff, (i, j), &at));
                }
                last = Some((v, s));
            }
        }
    }
    out.sort_by_key(|c| c.monthly_volume);
    out
}

/// More pieces than this per engine and the probes fall back to a fine log-scale grid.
const MAX_PIECES: usize = 4096;

/// Where to compare two costs so that no change of order is missed: both ends of every piece
/// on which both costs are affine (two affine costs change order at most once on a piece, and
/// a step changes it between one piece's end and the next one's start). Without both engines'
/// pieces, a log-scale grid fine enough for the chart.
fn probes(a: &Option<Vec<u64>>, b: &Option<Vec<u64>>) -> Vec<u64> {
    let (Some(a), Some(b)) = (a, b) else {
        const STEPS: usize = 4000;
        return (0..=STEPS)
            .map(|s| {
                let t = s as f64 / STEPS as f64;
                let lv = (LOW as f64).log10() + t * ((HIGH as f64).log10() - (LOW as f64).log10());
                10f64.powf(lv).round() as u64
            })
            .collect();
    };
    let mut starts: Vec<u64> = std::iter::once(LOW)
        .chain(a.iter().chain(b).copied())
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let mut out = Vec::with_capacity(starts.len() * 2);
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(HIGH, |next| next - 1);
        out.push(s);
        if end > s {
            out.push(end);
        }
    }
    out
}

/// Bisect the change of order between `lo` (where `diff` has sign `before`) and `hi`.
fn locate(
    lo: u64,
    hi: u64,
    before: i32,
    diff: &dyn Fn(u64) -> f64,
    (i, j): (usize, usize),
    at: &dyn Fn(usize, u64) -> f64,
) -> Crossover {
    let (mut a, mut b) = (lo, hi);
    while b - a > 1 {
        let m = a + (b - a) / 2;
        let d = diff(m);
        if (before < 0 && d < 0.0) || (before > 0 && d > 0.0) {
            a = m;
        } else {
            b = m;
        }
    }
    let (ci, cj) = (at(i, b), at(j, b));
    let (cheap_below, cheap_above) = if before < 0 { (i, j) } else { (j, i) };
    Crossover {
        a: cheap_below,
        b: cheap_above,
        monthly_volume: b,
        step: (ci - cj).abs() > 0.01 * ci.max(cj),
    }
}

/// Leading candidates of the profile's own kind in a cost table.
pub const TABLE_OWN: usize = 3;
/// Leading candidates of the other kind (rent if you own, own if you rent).
pub const TABLE_OTHER: usize = 2;

/// Every engine's annual cost at the volumes of [`volumes`], the leaders, and where the
/// leaders' order changes.
#[derive(Debug, Clone, PartialEq)]
pub struct CostTable {
    /// 100k to 1B a month in 1-2-5 steps, plus the profile's own volume.
    pub volumes: Vec<u64>,
    /// The leading candidates (engine indices): the profile's own kind, then the other kind.
    pub leaders: Vec<usize>,
    /// For each engine, its cost at each volume.
    pub costs: Vec<Vec<cost::AnnualCost>>,
    /// Where the cheaper of two leaders changes.
    pub changes: Vec<Crossover>,
}

/// The cost table for a profile and weights.
pub fn cost_table(engines: &[Engine], p: &Profile, w: &Weights) -> CostTable {
    let volumes = volumes(p.monthly_volume);
    let leaders = leaders(engines, p, w, TABLE_OWN, TABLE_OTHER);
    let costs = engines
        .iter()
        .map(|e| volumes.iter().map(|v| cost::annual(e, p, *v)).collect())
        .collect();
    let changes = crossovers(engines, &leaders, p);
    CostTable {
        volumes,
        leaders,
        costs,
        changes,
    }
}

/// The leading candidates' annual cost along the log-scale volume axis, for a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Curves {
    /// Engine indices, best first: the profile's own kind, then the other kind.
    pub leaders: Vec<usize>,
    /// Volumes from LOW to HIGH, evenly spaced on a log scale.
    pub volumes: Vec<u64>,
    /// One annual cost per volume, per leader.
    pub costs: Vec<Vec<f64>>,
    /// Where the leaders' costs cross.
    pub crossovers: Vec<Crossover>,
}

/// Cost curves of the leaders with `points` volumes each.
pub fn curves(
    engines: &[Engine],
    p: &Profile,
    w: &Weights,
    own: usize,
    other: usize,
    points: usize,
) -> Curves {
    curves_of(engines, p, leaders(engines, p, w, own, other), points)
}

/// Cost curves of the engines `leaders` (indices, in the order to draw them) with `points`
/// volumes each.
pub fn curves_of(engines: &[Engine], p: &Profile, leaders: Vec<usize>, points: usize) -> Curves {
    let points = points.max(2);
    let (lo, hi) = ((LOW as f64).log10(), (HIGH as f64).log10());
    let volumes: Vec<u64> = (0..points)
        .map(|i| {
            10f64
                .powf(lo + (hi - lo) * i as f64 / (points - 1) as f64)
                .round() as u64
        })
        .collect();
    let costs = leaders
        .iter()
        .map(|&i| {
            volumes
                .iter()
                .map(|v| cost::annual(&engines[i], p, *v).total())
                .collect()
        })
        .collect();
    let crossovers = crossovers(engines, &leaders, p);
    Curves {
        leaders,
        volumes,
        costs,
        crossovers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;

    #[test]
    fn the_grid_is_log_scaled_and_holds_the_profile_volume() {
        let v = volumes(7_421_043);
        assert_eq!(v.first(), Some(&100_000));
        assert_eq!(v.last(), Some(&1_000_000_000));
        assert!(v.contains(&7_421_043));
        assert!(v.contains(&2_000_000) && v.contains(&5_000_000));
        assert_eq!(v.len(), 14);
    }

    #[test]
    fn ses_stops_being_cheaper_than_postfix() {
        let cat = Catalogue::builtin();
        let idx = |id: &str| cat.engines.iter().position(|e| e.id == id).unwrap();
        let p = Profile::default();
        let x = crossovers(&cat.engines, &[idx("postfix"), idx("ses")], &p);
        let first = x.first().expect("a crossover");
        assert_eq!(cat.engines[first.a].id, "ses");
        assert_eq!(cat.engines[first.b].id, "postfix");
        // SES at 0.10/1,000 from its shared pools plus 2 ops hours meets Postfix's one node, two
        // addresses at $3.65, 8 ops hours and their deliverability hours:
        // 1.2 × v / 1,000 + 2,160 = 11,608 near 7.87M.
        assert!(
            (7_800_000..7_950_000).contains(&first.monthly_volume),
            "{first:?}"
        );
    }
}
