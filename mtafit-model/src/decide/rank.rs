//! Standing, scores and the ranking.
//!
//! An engine's standing comes before its score: a candidate with no caveat ranks above one with
//! a caveat (a must met only partly, a mailbox server), and every candidate above the engines
//! that are out (over the budget cap, beyond what they are proven to carry, lacking a must, the
//! wrong kind). Standing depends on the engine and the profile alone, so ordering by it keeps
//! the ranking free of rank reversal and the same under any scaling of the weights.

use super::brief;
use super::cost;
use super::fit::{self, Fits};
use super::reason::Reason;
use super::weights::Weights;
use crate::catalogue::{Capability, Engine, FactorId, PerFactor};
use crate::profile::Profile;
use std::cmp::Ordering;

pub use super::standing::{
    Caveat, Exclusion, KnockOut, MAILBOX_SERVER_MAX, NEAR_CAP, Note, Standing, caveats_and_notes,
    knock_out, knock_outs,
};

/// One engine's place in a ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Index into the engine slice that was ranked.
    pub engine: usize,
    /// Fit per factor.
    pub fits: Fits,
    /// Annual cost of ownership at the profile's volume, itemised: found once when ranking, so
    /// nothing that shows a row costs the engine again.
    pub cost: cost::AnnualCost,
    /// What the budget reads of it ([`cost::AnnualCost::counted`]): the cash when a cap is set
    /// (and staff time when the profile counts it), else the whole cost.
    pub spend: f64,
    /// 100 × Σ(w·fit) / Σw over the factors the profile asks about; 0 when those weights are 0.
    pub score: f64,
    /// Why the engine is out, if it is (every reason, worst first).
    pub out: Vec<KnockOut>,
    /// Why a candidate ranks below the candidates without caveats.
    pub caveats: Vec<Caveat>,
    /// What to know besides.
    pub notes: Vec<Note>,
    /// Where the brief's diagram places the engine for this profile (lower first; see
    /// [`brief::preference`]): the tie-break among equal scores.
    pub preference: u8,
}

impl Row {
    /// Score points this factor contributes: 100 × w·fit / Σw (they add up to the score); `w`
    /// are the weights the score used (see [`Ranking::weights`]).
    pub fn contribution(&self, w: &Weights, f: FactorId) -> f64 {
        let total = w.total();
        if total <= 0.0 {
            0.0
        } else {
            100.0 * w.get(f) * self.fits[f] / total
        }
    }

    /// Why one factor's fit is what it is, found again from the row's cost when asked for:
    /// `e` and `p` must be the engine and profile it was ranked with.
    pub fn reason(&self, e: &Engine, p: &Profile, f: FactorId) -> Reason {
        fit::reason(e, p, self.spend, f)
    }

    /// True when the engine is out of the running.
    pub fn is_out(&self) -> bool {
        !self.out.is_empty()
    }

    /// Where it stands: by its worst knock-out when out (they are kept worst first).
    pub fn standing(&self) -> Standing {
        match self.out.first() {
            Some(k) => Standing::Out(k.exclusion()),
            None if self.caveats.is_empty() => Standing::Candidate,
            None => Standing::WithCaveats,
        }
    }

    /// How far over the budget cap it is, in dollars a year, when that is why it is out.
    pub fn over_cap(&self) -> Option<f64> {
        self.out.iter().find_map(|k| match k {
            KnockOut::OverCap { cost, cap, .. } => Some(cost - cap),
            _ => None,
        })
    }

    /// Musts it lacks, for ordering the engines that lack some: fewer first.
    pub fn musts_missing(&self) -> usize {
        self.out
            .iter()
            .map(|k| match k {
                KnockOut::LacksMust(m) => m.len(),
                _ => 0,
            })
            .sum()
    }
}

/// Why no engine is a candidate.
#[derive(Debug, Clone, PartialEq)]
pub struct NoCandidate {
    /// Pairs of musts that no engine of the right kind meets together.
    pub conflicts: Vec<(Capability, Capability)>,
    /// The closest engines of the right kind (indices), best first.
    pub closest: Vec<usize>,
}

/// Engines ordered best first: by standing, then by score.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    /// Every engine, candidates first.
    pub rows: Vec<Row>,
    /// The weights the scores used: the given weights, with those of factors the profile does
    /// not ask about set to 0.
    pub weights: Weights,
    /// The weights as given.
    pub given: Weights,
    /// Which factors the profile asks about.
    pub asked: PerFactor<bool>,
}

impl Ranking {
    /// The top candidate, unless no engine is a candidate or every weight that counts is zero.
    pub fn top(&self) -> Option<&Row> {
        if self.weights.all_zero() {
            return None;
        }
        self.rows.first().filter(|r| !r.is_out())
    }

    /// The rows that are not out of the running.
    pub fn candidates(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| !r.is_out())
    }

    /// The candidates that could overtake the top pick by weights alone: those of its standing.
    pub fn rivals(&self) -> impl Iterator<Item = &Row> {
        let standing = self.top().map(Row::standing);
        let top = self.top().map(|r| r.engine);
        self.rows
            .iter()
            .filter(move |r| Some(r.standing()) == standing && Some(r.engine) != top)
    }

    /// When no engine is a candidate (and some weight counts): what stands in the way.
    pub fn no_candidate(&self, engines: &[Engine], p: &Profile) -> Option<NoCandidate> {
        if self.candidates().next().is_some() || self.unweighted() {
            return None;
        }
        let right_kind: Vec<&Row> = self
            .rows
            .iter()
            .filter(|r| {
                !r.out
                    .iter()
                    .any(|k| matches!(k, KnockOut::Managed | KnockOut::SelfHosted))
            })
            .collect();
        let mut conflicts = Vec::new();
        // Closest first: the lowest standing, the fewest musts missing, then, among engines over
        // a cap, the smallest gap in dollars, then the ranking's order.
        let mut right_kind = right_kind;
        right_kind.sort_by(|a, b| {
            (a.standing(), a.musts_missing())
                .cmp(&(b.standing(), b.musts_missing()))
                .then_with(|| {
                    a.over_cap()
                        .unwrap_or(0.0)
                        .total_cmp(&b.over_cap().unwrap_or(0.0))
                })
        });
        for (i, x) in p.must.iter().enumerate() {
            for y in &p.must[i + 1..] {
                let together = right_kind.iter().any(|r| {
                    let e = &engines[r.engine];
                    e.capability(*x).meets() && e.capability(*y).meets()
                });
                if !together {
                    conflicts.push((*x, *y));
                }
            }
        }
        Some(NoCandidate {
            conflicts,
            closest: right_kind.iter().take(3).map(|r| r.engine).collect(),
        })
    }

    /// The row for an engine index.
    pub fn row_of(&self, engine: usize) -> Option<&Row> {
        self.rows.iter().find(|r| r.engine == engine)
    }

    /// True in the one state with no ranking to speak of: every weight that counts is zero.
    pub fn unweighted(&self) -> bool {
        self.weights.all_zero()
    }
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

/// Which factors a profile asks about, and the weights that count for it.
pub fn effective(p: &Profile, w: &Weights) -> (PerFactor<bool>, Weights) {
    let asked = PerFactor::from_fn(|f| fit::asked(p, f));
    let effective = w.only(&asked);
    (asked, effective)
}

/// One engine's row: its cost, fits, score with the `effective` weights, and standing;
/// `reference` is the profile's budget reference ([`fit::budget_reference`]).
pub fn evaluate(i: usize, e: &Engine, p: &Profile, effective: &Weights, reference: f64) -> Row {
    let cost = cost::annual(e, p, p.monthly_volume);
    let spend = cost.counted(p);
    let fits = fit::all(e, p, spend, reference);
    let out = knock_outs(e, p, &cost);
    let (caveats, notes) = caveats_and_notes(e, p, &cost);
    Row {
        engine: i,
        fits,
        cost,
        spend,
        score: score(&fits, effective),
        out,
        caveats,
        notes,
        preference: brief::preference(p, &e.id).unwrap_or(u8::MAX),
    }
}

/// Best first: by standing (then fewer musts missing), then score; among equal scores the
/// engine the brief's diagram reaches first (see [`brief::preference`]) — the brief decides
/// what the weights cannot tell apart — then name and id.
fn order(engines: &[Engine], a: &Row, b: &Row) -> Ordering {
    sort_key(a)
        .cmp(&sort_key(b))
        .then_with(|| tie_break(engines, a, b))
}

/// The ranking's order before the tie-break: standing, then score.
fn sort_key(r: &Row) -> (Standing, usize, std::cmp::Reverse<i64>) {
    (
        r.standing(),
        r.musts_missing(),
        std::cmp::Reverse(score_key(r.score)),
    )
}

/// A row's place in the sort, kept small so the sort moves and compares little.
struct Key {
    /// [`packed_key`].
    packed: u64,
    /// [`name_prefix`].
    prefix: u64,
    /// The name is ASCII, so its prefix orders it.
    ascii: bool,
    /// The row's index (rows are in engine order until sorted).
    row: usize,
}

/// Bits of the packed key that hold the reversed score key: scores are 0–100, so a key is at
/// most 10¹², under 2⁴⁰.
const SCORE_BITS: u32 = 40;

/// [`sort_key`] and the brief's preference in one number, ordered as they are: the standing
/// (4 bits), the musts missing (capped at 63, more than there are capabilities), the score key
/// reversed (40 bits), then the preference (8 bits).
fn packed_key(r: &Row) -> u64 {
    packed(r.standing(), r.musts_missing(), r.score, r.preference)
}

/// A standing, the musts missing, a score and the brief's preference in one number, ordered as
/// [`sort_key`] then the preference order them: the sorts and the what-if leaders compare this.
pub(crate) fn packed(standing: Standing, musts: usize, score: f64, preference: u8) -> u64 {
    const _: () = assert!(<Capability as strum::EnumCount>::COUNT < 64);
    let max = (1u64 << SCORE_BITS) - 1;
    let score = (score_key(score).max(0) as u64).min(max);
    (u64::from(standing.order_key()) << 54)
        | ((musts.min(63) as u64) << 48)
        | ((max - score) << 8)
        | u64::from(preference)
}

/// The first eight bytes of a name, lower-cased, as a number: equal-score engines sort by
/// comparing these before comparing whole names (ties are common among generated engines).
fn name_prefix(name: &str) -> u64 {
    let mut b = [0u8; 8];
    for (d, s) in b.iter_mut().zip(name.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    if name.is_ascii() {
        u64::from_be_bytes(b)
    } else {
        // Lower-casing beyond ASCII can reorder names: leave those to the full comparison.
        0
    }
}

/// Between rows of equal standing and score: the brief's preference, then name and id.
pub fn tie_break(engines: &[Engine], a: &Row, b: &Row) -> Ordering {
    a.preference
        .cmp(&b.preference)
        .then_with(|| compare((&engines[a.engine], 0), (&engines[b.engine], 0)))
}

/// The top candidate for a profile and its lead over the next candidate of its standing,
/// without ranking the rest: what-if questions ask this many times.
pub fn leader(engines: &[Engine], p: &Profile, w: &Weights) -> Option<(usize, f64)> {
    let (_, eff) = effective(p, w);
    if eff.all_zero() {
        return None;
    }
    let reference = fit::budget_reference(p).0;
    let mut best: Option<Row> = None;
    let mut second: Option<Row> = None;
    for (i, e) in engines.iter().enumerate() {
        let row = evaluate(i, e, p, &eff, reference);
        if best
            .as_ref()
            .is_none_or(|b| order(engines, &row, b) == Ordering::Less)
        {
            second = best.replace(row);
        } else if second
            .as_ref()
            .is_none_or(|s| order(engines, &row, s) == Ordering::Less)
        {
            second = Some(row);
        }
    }
    let top = best.filter(|b| !b.is_out())?;
    let margin = second
        .filter(|s| s.standing() == top.standing())
        .map_or(top.score, |s| top.score - s.score);
    Some((top.engine, margin))
}

/// Rank every engine for the profile and weights.
pub fn rank(engines: &[Engine], p: &Profile, w: &Weights) -> Ranking {
    let (asked, effective) = effective(p, w);
    let reference = fit::budget_reference(p).0;
    let rows: Vec<Row> = engines
        .iter()
        .enumerate()
        .map(|(i, e)| evaluate(i, e, p, &effective, reference))
        .collect();
    // Sort small keys (the same order as `order`), then move each row once: rows are large and
    // moving them during the sort cost more than scoring them.
    let mut keys: Vec<Key> = rows
        .iter()
        .map(|r| {
            let name = &engines[r.engine].name;
            Key {
                packed: packed_key(r),
                prefix: name_prefix(name),
                ascii: name.is_ascii(),
                row: r.engine,
            }
        })
        .collect();
    keys.sort_unstable_by(|a, b| {
        a.packed.cmp(&b.packed).then_with(|| {
            // Equal standing, score and preference: names, the prefixes deciding when they
            // differ and both names are ASCII.
            let quick = if a.ascii && b.ascii {
                a.prefix.cmp(&b.prefix)
            } else {
                Ordering::Equal
            };
            quick.then_with(|| tie_break(engines, &rows[a.row], &rows[b.row]))
        })
    });
    let order: Vec<usize> = keys.iter().map(|k| k.row).collect();
    let mut rows = rows;
    permute(&mut rows, &order);
    Ranking {
        rows,
        weights: effective,
        given: *w,
        asked,
    }
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
    use crate::catalogue::{Capability, Catalogue, Level};
    use crate::profile::Situation;

    #[test]
    fn the_briefs_sender_gets_postfix() {
        let cat = Catalogue::builtin();
        let w = Weights::defaults(&cat.factors);
        let r = rank(&cat.engines, &Profile::default(), &w);
        assert_eq!(cat.engines[r.top().unwrap().engine].id, "postfix");
        // Managed services are knocked out and listed last, with the other engines out.
        let first_out = r.rows.iter().position(|r| r.is_out()).unwrap();
        assert!(r.rows[first_out..].iter().all(|r| r.is_out()));
        assert!(
            cat.engines
                .iter()
                .enumerate()
                .filter(|(_, e)| e.is_managed())
                .all(|(i, _)| r.rows[first_out..].iter().any(|row| row.engine == i))
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
    fn the_packed_sort_keeps_the_rankings_order() {
        // Twins of every engine under other names (one not ASCII, one differing only in case
        // past the eighth byte) tie on score and preference, so names and ids decide; a cap and
        // musts spread the rows over every standing.
        let cat = Catalogue::builtin();
        let mut engines = cat.engines.clone();
        for (i, e) in cat.engines.iter().enumerate() {
            let mut twin = e.clone();
            twin.id = format!("{}-twin", e.id);
            twin.name = match i % 3 {
                0 => format!("Ünïcode {}", e.name),
                1 => format!("{}-Twin", e.name.to_uppercase()),
                _ => e.name.clone(),
            };
            engines.push(twin);
        }
        let w = Weights::defaults(&cat.factors);
        for (volume, cap, must) in [
            (100_000, None, vec![]),
            (20_000_000, Some(15_000.0), vec![Capability::WebUi]),
            (2_000_000_000, Some(50_000.0), vec![Capability::IpPools]),
        ] {
            let p = Profile::from(Situation {
                monthly_volume: volume,
                annual_budget_usd: cap,
                must,
                ..Situation::default()
            });
            let r = rank(&engines, &p, &w);
            assert_eq!(r.rows.len(), engines.len());
            for pair in r.rows.windows(2) {
                assert_ne!(
                    order(&engines, &pair[0], &pair[1]),
                    Ordering::Greater,
                    "{} before {}",
                    engines[pair[0].engine].id,
                    engines[pair[1].engine].id
                );
            }
        }
    }

    #[test]
    fn a_row_carries_the_cost_it_was_ranked_with() {
        let cat = Catalogue::builtin();
        let p = Profile::from(Situation {
            annual_budget_usd: Some(20_000.0),
            ..Situation::default()
        });
        let r = rank(&cat.engines, &p, &Weights::defaults(&cat.factors));
        for row in &r.rows {
            let e = &cat.engines[row.engine];
            assert_eq!(row.cost, cost::annual(e, &p, p.monthly_volume), "{}", e.id);
            assert_eq!(row.spend, row.cost.counted(&p), "{}", e.id);
        }
    }

    #[test]
    fn contributions_add_up_to_the_score() {
        let cat = Catalogue::builtin();
        let w = Weights::defaults(&cat.factors);
        let r = rank(&cat.engines, &Profile::default(), &w);
        for row in &r.rows {
            let sum: f64 = FactorId::ALL
                .iter()
                .map(|f| row.contribution(&r.weights, *f))
                .sum();
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
        // Still ordered: every score ties, so the brief's pick comes first (Postfix below 10M),
        // then the walk's default engine (KumoMTA), then by name, within each standing.
        let names: Vec<&str> = r
            .candidates()
            .filter(|r| r.standing() == Standing::Candidate)
            .map(|r| cat.engines[r.engine].name.as_str())
            .collect();
        assert_eq!(names[..2], ["Postfix", "KumoMTA"]);
        let mut sorted = names[2..].to_vec();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(names[2..], sorted);
    }

    #[test]
    fn a_must_knocks_out_and_says_what_is_missing() {
        let cat = Catalogue::builtin();
        let p = Profile::from(Situation {
            must: vec![crate::catalogue::Capability::ExternalQueue],
            ..Situation::default()
        });
        let e = cat.engine("kumomta").unwrap();
        assert_eq!(
            knock_out(e, &p).unwrap(),
            KnockOut::LacksMust(vec![(Capability::ExternalQueue, Level::No)])
        );
        assert!(knock_out(cat.engine("mailerq").unwrap(), &p).is_none());
    }
}

#[cfg(test)]
mod standing_tests {
    use super::*;
    use crate::catalogue::{Capability, Catalogue, Level};
    use crate::profile::Situation;

    fn ranked(p: &Profile) -> (Catalogue, Ranking) {
        let cat = Catalogue::builtin();
        let w = Weights::defaults(&cat.factors);
        let r = rank(&cat.engines, p, &w);
        (cat, r)
    }

    fn row<'a>(cat: &Catalogue, r: &'a Ranking, id: &str) -> &'a Row {
        let i = cat.engines.iter().position(|e| e.id == id).unwrap();
        r.row_of(i).unwrap()
    }

    #[test]
    fn standing_orders_before_score() {
        // Standings never interleave: a candidate with no caveat, then caveats, then each way out.
        let p = Profile::from(Situation {
            monthly_volume: 20_000_000,
            annual_budget_usd: Some(15_000.0),
            must: vec![Capability::WebUi],
            ..Situation::default()
        });
        let (_, r) = ranked(&p);
        let standings: Vec<Standing> = r.rows.iter().map(Row::standing).collect();
        let mut sorted = standings.clone();
        sorted.sort_unstable();
        assert_eq!(standings, sorted);
    }

    #[test]
    fn an_add_on_meets_a_must_and_says_so() {
        // Postfix signs DKIM through the OpenDKIM or Rspamd milter: a must, met, with a note.
        let p = Profile::from(Situation {
            must: vec![Capability::DkimSigning],
            ..Situation::default()
        });
        let (cat, r) = ranked(&p);
        let postfix = row(&cat, &r, "postfix");
        assert!(!postfix.is_out());
        assert_eq!(
            postfix.notes,
            vec![Note::AddOnMust(vec![Capability::DkimSigning])]
        );
        assert_eq!(cat.engines[r.top().unwrap().engine].id, "postfix");
    }

    #[test]
    fn a_partial_must_stays_visible_below_full_matches() {
        let p = Profile::from(Situation {
            monthly_volume: 20_000_000,
            must: vec![Capability::MultiTenant],
            ..Situation::default()
        });
        let (cat, r) = ranked(&p);
        let greenarrow = row(&cat, &r, "greenarrow");
        assert!(!greenarrow.is_out(), "a partial must does not knock out");
        assert_eq!(
            greenarrow.caveats,
            vec![Caveat::PartialMust(vec![(
                Capability::MultiTenant,
                Level::Partial
            )])]
        );
        let at = r
            .rows
            .iter()
            .position(|x| x.engine == greenarrow.engine)
            .unwrap();
        assert!(r.rows[..at].iter().all(|x| !x.standing().is_out()));
        assert!(
            r.rows[at..]
                .iter()
                .all(|x| x.standing() >= Standing::WithCaveats),
            "every full match ranks above it"
        );
    }

    #[test]
    fn over_the_cap_is_out_and_beyond_the_documented_range_is_not() {
        let p = Profile::from(Situation {
            monthly_volume: 30_000_000,
            annual_budget_usd: Some(15_000.0),
            ..Situation::default()
        });
        let (cat, r) = ranked(&p);
        assert!(matches!(
            row(&cat, &r, "greenarrow").out[..],
            [KnockOut::OverCap { .. }]
        ));
        let top = r.top().unwrap();
        assert!(top.spend <= 15_000.0);
        // Postfix estates scale sideways: far beyond the most one is documented to carry, it
        // stays a candidate whose volume fit has fallen, and says why.
        let big = Profile::from(Situation {
            monthly_volume: 200_000_000,
            ..Situation::default()
        });
        let (cat, r) = ranked(&big);
        let postfix = row(&cat, &r, "postfix");
        assert!(!postfix.is_out(), "{:?}", postfix.out);
        assert!(postfix.fits[FactorId::Volume] < 0.1);
        assert!(
            postfix
                .notes
                .iter()
                .any(|n| matches!(n, Note::BeyondDocumented { .. }))
        );
    }

    #[test]
    fn a_mailbox_server_never_leads_a_sender() {
        for volume in [50_000, 500_000, 2_000_000, 20_000_000] {
            let (cat, r) = ranked(&Profile::from(Situation {
                monthly_volume: volume,
                ..Situation::default()
            }));
            assert_ne!(
                cat.engines[r.top().unwrap().engine].id,
                "stalwart",
                "{volume}"
            );
            let stalwart = row(&cat, &r, "stalwart");
            assert!(
                stalwart.is_out() || !stalwart.caveats.is_empty(),
                "{volume}"
            );
        }
    }
}
