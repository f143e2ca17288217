//! How far each weight can move before the top pick changes, in closed form.
//!
//! For a weighted sum, the top pick t stays ahead of a rival b while Σ w_j (f_tj − f_bj) > 0,
//! which is linear in each weight: every rival gives at most one bound per slider
//! (docs/model.md, "Sensitivity"). Knocked-out engines are never rivals.

use super::rank::{Ranking, Row, TIE, score_key, tie_break};
use super::weights::MAX_WEIGHT;
use crate::catalogue::{Engine, FactorId};

/// The range of one weight over which the top pick stays the same.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorRange {
    /// The factor.
    pub factor: FactorId,
    /// Its current weight.
    pub weight: f64,
    /// The lowest weight that keeps the top pick (0 when the slider's end is reached first).
    pub from: f64,
    /// The highest weight that keeps the top pick (10 when the slider's end is reached first).
    pub to: f64,
    /// The engine (index) that becomes top just below `from`; `None` when `from` is 0.
    pub below: Option<usize>,
    /// The engine (index) that becomes top just above `to`; `None` when `to` is 10.
    pub above: Option<usize>,
    /// False when the profile does not ask about the factor: its weight then moves nothing.
    pub asked: bool,
}

/// The sensitivity of the top pick to every weight, and of the whole decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// The top pick (engine index), if there is one.
    pub top: Option<usize>,
    /// The largest change every slider could make at once without changing the top pick.
    pub robustness: f64,
    /// The rival that limits the robustness radius.
    pub nearest: Option<usize>,
    /// One range per factor.
    pub factors: Vec<FactorRange>,
    /// Candidates with exactly the top pick's score, kept behind it only by name order.
    pub ties: Vec<usize>,
}

/// Analyse a ranking (the engines are needed for the tie-break by name).
pub fn analyse(r: &Ranking, engines: &[Engine]) -> Sensitivity {
    let w = &r.weights;
    let Some(top) = r.top() else {
        return Sensitivity {
            top: None,
            robustness: 0.0,
            nearest: None,
            factors: FactorId::ALL
                .iter()
                .map(|f| FactorRange {
                    factor: *f,
                    weight: r.given.get(*f),
                    from: r.given.get(*f),
                    to: r.given.get(*f),
                    below: None,
                    above: None,
                    asked: r.asked[*f],
                })
                .collect(),
            ties: Vec::new(),
        };
    };
    // Only candidates of the top pick's standing can overtake it by weights: the others rank
    // below it whatever the weights.
    let rivals: Vec<&Row> = r.rivals().collect();
    // Σ w·(gap) factor by factor, not a difference of two sums: when only one factor differs the
    // margin is then exactly w·gap, and a bound computed from it lands exactly on the slider.
    let margin = |b: &Row| -> f64 {
        top.fits
            .values()
            .zip(b.fits.values())
            .zip(w.0.values())
            .map(|((t, f), w)| w * (t - f))
            .sum()
    };

    let ties = rivals
        .iter()
        .filter(|b| score_key(b.score) == score_key(top.score))
        .map(|b| b.engine)
        .collect();

    let mut robustness = MAX_WEIGHT;
    let mut nearest = None;
    for b in &rivals {
        let spread: f64 = top
            .fits
            .values()
            .zip(b.fits.values())
            .map(|(t, f)| (t - f).abs())
            .sum();
        if spread > TIE {
            let r = (margin(b).max(0.0) / spread).min(MAX_WEIGHT);
            if r < robustness {
                robustness = r;
                nearest = Some(b.engine);
            }
        }
    }

    let factors = FactorId::ALL
        .iter()
        .map(|&f| {
            if r.asked[f] {
                range(f, top, &rivals, w.get(f), &margin, engines)
            } else {
                // Not asked: the factor is out of the score, so its weight can move freely.
                FactorRange {
                    factor: f,
                    weight: r.given.get(f),
                    from: 0.0,
                    to: MAX_WEIGHT,
                    below: None,
                    above: None,
                    asked: false,
                }
            }
        })
        .collect();
    Sensitivity {
        top: Some(top.engine),
        robustness,
        nearest,
        factors,
        ties,
    }
}

/// The stability interval of one weight.
fn range(
    f: FactorId,
    top: &Row,
    rivals: &[&Row],
    current: f64,
    margin: &dyn Fn(&Row) -> f64,
    engines: &[Engine],
) -> FactorRange {
    // (bound, rival) pairs: where each rival draws level going up, and going down.
    let mut ups: Vec<(f64, &Row)> = Vec::new();
    let mut downs: Vec<(f64, &Row)> = Vec::new();
    for b in rivals {
        let gap = top.fits[f] - b.fits[f];
        let d = margin(b).max(0.0);
        if gap < -TIE {
            ups.push((current + d / -gap, b));
        } else if gap > TIE {
            downs.push((current - d / gap, b));
        }
    }
    let first_up = ups.iter().map(|u| u.0).fold(f64::INFINITY, f64::min);
    let first_down = downs.iter().map(|d| d.0).fold(f64::NEG_INFINITY, f64::max);
    // A bound within float noise of a slider's end is that end.
    const EDGE: f64 = 1e-9;
    let first_up = if first_up >= MAX_WEIGHT - EDGE {
        f64::INFINITY
    } else {
        first_up
    };
    let first_down = if first_down <= EDGE {
        f64::NEG_INFINITY
    } else {
        first_down
    };
    let to = first_up.min(MAX_WEIGHT);
    let from = first_down.max(0.0);
    // Past a crossing, the rival that climbs fastest leads; equal climbers, by name.
    let leader = |at: f64, set: &[(f64, &Row)], up: bool| -> Option<usize> {
        set.iter()
            .filter(|(x, _)| (x - at).abs() <= 1e-9)
            .map(|(_, b)| *b)
            .min_by(|a, b| {
                let (fa, fb) = (a.fits[f], b.fits[f]);
                let steeper = if up {
                    fb.total_cmp(&fa)
                } else {
                    fa.total_cmp(&fb)
                };
                if (fa - fb).abs() > TIE {
                    steeper
                } else {
                    tie_break(engines, a, b)
                }
            })
            .map(|b| b.engine)
    };
    FactorRange {
        asked: true,
        factor: f,
        weight: current,
        from,
        to,
        below: first_down
            .is_finite()
            .then(|| leader(first_down, &downs, false))
            .flatten(),
        above: first_up
            .is_finite()
            .then(|| leader(first_up, &ups, true))
            .flatten(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;
    use crate::decide::{Weights, rank};
    use crate::profile::Profile;

    #[test]
    fn the_briefs_sender_has_a_robust_postfix() {
        let cat = Catalogue::builtin();
        let w = Weights::defaults(&cat.factors);
        let r = rank(&cat.engines, &Profile::default(), &w);
        let s = analyse(&r, &cat.engines);
        assert_eq!(cat.engines[s.top.unwrap()].id, "postfix");
        assert!(s.robustness > 0.0 && s.robustness <= 10.0);
        for fr in &s.factors {
            assert!(fr.from <= fr.weight && fr.weight <= fr.to, "{fr:?}");
            assert!(fr.from >= 0.0 && fr.to <= 10.0);
        }
    }

    #[test]
    fn an_identical_engine_is_reported_as_a_tie() {
        let mut cat = Catalogue::builtin();
        let mut twin = cat.engine("postfix").unwrap().clone();
        twin.id = "aardvark".into();
        twin.name = "Aardvark".into();
        cat.engines.push(twin);
        let w = Weights::defaults(&cat.factors);
        let r = rank(&cat.engines, &Profile::default(), &w);
        let s = analyse(&r, &cat.engines);
        // Same score: the brief's pick (Postfix) comes first, and the tie is said out loud.
        assert_eq!(cat.engines[s.top.unwrap()].id, "postfix");
        let ties: Vec<&str> = s.ties.iter().map(|i| cat.engines[*i].id.as_str()).collect();
        assert!(ties.contains(&"aardvark"), "{ties:?}");
        // Identical fits: no weight can separate them, so the twin never defines a bound.
        assert!(
            s.factors
                .iter()
                .all(|f| f.above.map(|i| cat.engines[i].id.as_str()) != Some("aardvark"))
        );
    }

    #[test]
    fn no_top_means_no_ranges() {
        let cat = Catalogue::builtin();
        let r = rank(&cat.engines, &Profile::default(), &Weights::uniform(0.0));
        let s = analyse(&r, &cat.engines);
        assert_eq!(s.top, None);
        assert_eq!(s.robustness, 0.0);
    }
}
