//! Knock-outs, scores and the ranking.

use super::cost;
use super::fit::{self, Fits};
use super::weights::Weights;
use crate::catalogue::{Capability, Engine, FactorId, Level};
use crate::profile::Profile;
use std::cmp::Ordering;

/// Why an engine is out of the running.
#[derive(Debug, Clone, PartialEq)]
pub enum KnockOut {
    /// A managed service, and the profile owns its sending layer.
    Managed,
    /// Self-hosted, and the profile rents (an ESP is enough).
    SelfHosted,
    /// Capabilities the profile must have that the engine lacks, each with the level it has.
    LacksMust(Vec<(Capability, Level)>),
}

/// One engine's place in a ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Index into the engine slice that was ranked.
    pub engine: usize,
    /// Fit per factor.
    pub fits: Fits,
    /// Annual cost of ownership at the profile's volume.
    pub cost: f64,
    /// 100 × Σ(w·fit) / Σw; 0 when every weight is 0.
    pub score: f64,
    /// Why the engine is knocked out, if it is.
    pub excluded: Option<KnockOut>,
}

impl Row {
    /// Score points this factor contributes: 100 × w·fit / Σw (they add up to the score).
    pub fn contribution(&self, w: &Weights, f: FactorId) -> f64 {
        let total = w.total();
        if total <= 0.0 {
            0.0
        } else {
            100.0 * w.get(f) * self.fits[f] / total
        }
    }
}

/// Engines ordered best first: candidates by score, then the knocked-out ones.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    /// Every engine, candidates first.
    pub rows: Vec<Row>,
    /// The weights the scores were computed with.
    pub weights: Weights,
}

impl Ranking {
    /// The top candidate, unless every engine is knocked out or every weight is zero.
    pub fn top(&self) -> Option<&Row> {
        if self.weights.all_zero() {
            return None;
        }
        self.rows.first().filter(|r| r.excluded.is_none())
    }

    /// The rows that are not knocked out.
    pub fn candidates(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.excluded.is_none())
    }

    /// The row for an engine index.
    pub fn row_of(&self, engine: usize) -> Option<&Row> {
        self.rows.iter().find(|r| r.engine == engine)
    }

    /// True in the one state with no ranking to speak of: every weight at zero.
    pub fn unweighted(&self) -> bool {
        self.weights.all_zero()
    }
}

/// Why an engine is out: the wrong kind for own/rent, or a `must` it lacks.
pub fn knock_out(e: &Engine, p: &Profile) -> Option<KnockOut> {
    if p.own_infrastructure && e.is_managed() {
        return Some(KnockOut::Managed);
    }
    if !p.own_infrastructure && !e.is_managed() {
        return Some(KnockOut::SelfHosted);
    }
    if p.must.iter().all(|c| e.capability(*c) == Level::Yes) {
        return None;
    }
    let missing: Vec<(Capability, Level)> = p
        .must
        .iter()
        .filter(|c| e.capability(**c) != Level::Yes)
        .map(|c| (*c, e.capability(*c)))
        .collect();
    Some(KnockOut::LacksMust(missing))
}

/// 100 × Σ(w·fit) / Σw, and 0 (never NaN) when every weight is 0.
pub fn score(fits: &Fits, w: &Weights) -> f64 {
    let total = w.total();
    if total <= 0.0 {
        return 0.0;
    }
    100.0 * weighted(fits, w) / total
}

/// Σ w·fit: the score without the division, for exact comparisons.
pub fn weighted(fits: &Fits, w: &Weights) -> f64 {
    fits.values().zip(w.0.values()).map(|(f, w)| f * w).sum()
}

/// Fit gaps smaller than this are no gap at all (fits are kept to six decimals). Score ties are
/// decided by [`score_key`], not by this.
pub const TIE: f64 = 1e-9;

/// A score as an integer key: scores that round to the same key are a tie. Comparing keys
/// (rather than floats with a tolerance) keeps the order total and transitive, which sorting
/// needs, and depends on the engine alone, which rank-reversal freedom needs.
pub fn score_key(score: f64) -> i64 {
    // Scores are 0–100 (never negative), so adding ½ and truncating rounds.
    (score * 1e10 + 0.5) as i64
}

/// Order two engines by score key, best first, then by name, then by id.
pub fn compare(a: (&Engine, i64), b: (&Engine, i64)) -> Ordering {
    b.1.cmp(&a.1)
        .then_with(|| cmp_names(&a.0.name, &b.0.name))
        .then_with(|| a.0.id.cmp(&b.0.id))
}

/// Compare two names ignoring case, without allocating for ASCII names: sorts call this
/// n·log n times per frame.
pub fn cmp_names(x: &str, y: &str) -> Ordering {
    if x.is_ascii() && y.is_ascii() {
        x.bytes()
            .map(|c| c.to_ascii_lowercase())
            .cmp(y.bytes().map(|c| c.to_ascii_lowercase()))
    } else {
        x.chars()
            .flat_map(char::to_lowercase)
            .cmp(y.chars().flat_map(char::to_lowercase))
    }
}

/// Rank every engine for the profile and weights.
pub fn rank(engines: &[Engine], p: &Profile, w: &Weights) -> Ranking {
    let rows: Vec<Row> = engines
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let cost = cost::annual(e, p, p.monthly_volume).total();
            let fits = fit::all(e, p, cost);
            Row {
                engine: i,
                fits,
                cost,
                score: score(&fits, w),
                excluded: knock_out(e, p),
            }
        })
        .collect();
    // Sort small keys, then move each row once: rows are large and moving them during the sort
    // cost more than scoring them.
    let keys: Vec<(bool, i64)> = rows
        .iter()
        .map(|r| (r.excluded.is_some(), score_key(r.score)))
        .collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        keys[a].0.cmp(&keys[b].0).then_with(|| {
            compare(
                (&engines[rows[a].engine], keys[a].1),
                (&engines[rows[b].engine], keys[b].1),
            )
        })
    });
    let mut rows = rows;
    permute(&mut rows, &order);
    Ranking { rows, weights: *w }
}

/// Put `v[order[i]]` at position `i`, in place: one swap per row, following each cycle of the
/// permutation once (a second buffer of ten thousand rows would cost page faults every frame).
fn permute<T>(v: &mut [T], order: &[usize]) {
    let mut placed = vec![false; v.len()];
    for start in 0..v.len() {
        let mut i = start;
        while !placed[i] {
            placed[i] = true;
            let from = order[i];
            if from == start {
                break;
            }
            v.swap(i, from);
            i = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;

    #[test]
    fn the_briefs_sender_gets_postfix() {
        let cat = Catalogue::builtin();
        let w = Weights::defaults(&cat.factors);
        let r = rank(&cat.engines, &Profile::default(), &w);
        assert_eq!(cat.engines[r.top().unwrap().engine].id, "postfix");
        // Managed services are knocked out and listed last.
        let first_out = r.rows.iter().position(|r| r.excluded.is_some()).unwrap();
        assert!(r.rows[first_out..].iter().all(|r| r.excluded.is_some()));
        assert!(
            r.rows[first_out..]
                .iter()
                .all(|r| cat.engines[r.engine].is_managed())
        );
    }

    #[test]
    fn permuting_in_place_gathers_by_the_order() {
        for order in [
            vec![],
            vec![0],
            vec![2, 0, 1],
            vec![3, 2, 1, 0],
            vec![1, 0, 3, 2, 4],
            vec![4, 0, 1, 2, 3],
        ] {
            let mut v: Vec<usize> = (0..order.len()).map(|i| i * 10).collect();
            permute(&mut v, &order);
            let want: Vec<usize> = order.iter().map(|i| i * 10).collect();
            assert_eq!(v, want, "{order:?}");
        }
    }

    #[test]
    fn contributions_add_up_to_the_score() {
        let cat = Catalogue::builtin();
        let w = Weights::defaults(&cat.factors);
        let r = rank(&cat.engines, &Profile::default(), &w);
        for row in &r.rows {
            let sum: f64 = FactorId::ALL.iter().map(|f| row.contribution(&w, *f)).sum();
            assert!((sum - row.score).abs() < 1e-9);
        }
    }

    #[test]
    fn all_weights_zero_is_a_defined_state() {
        let cat = Catalogue::builtin();
        let r = rank(&cat.engines, &Profile::default(), &Weights::uniform(0.0));
        assert!(r.rows.iter().all(|r| r.score == 0.0));
        assert!(r.top().is_none());
        assert!(r.unweighted());
        // Still ordered: by name among the candidates.
        let names: Vec<&str> = r
            .candidates()
            .map(|r| cat.engines[r.engine].name.as_str())
            .collect();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(names, sorted);
    }

    #[test]
    fn a_must_knocks_out_and_says_what_is_missing() {
        let cat = Catalogue::builtin();
        let p = Profile {
            must: vec![crate::catalogue::Capability::ExternalQueue],
            ..Profile::default()
        };
        let e = cat.engine("kumomta").unwrap();
        assert_eq!(
            knock_out(e, &p).unwrap(),
            KnockOut::LacksMust(vec![(
                crate::catalogue::Capability::ExternalQueue,
                Level::No
            )])
        );
        assert!(knock_out(cat.engine("mailerq").unwrap(), &p).is_none());
    }
}
