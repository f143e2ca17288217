//! The brief's decision diagram, walked gate by gate, and how it compares with the ranking.
//!
//! Every answer is a typed value; `render::walk` words it for each output.

use super::rank::Ranking;
use super::weights::MAX_WEIGHT;
use crate::catalogue::{Engine, FactorId};
use crate::profile::Profile;

pub use super::brief::{
    Answer, BELOW_LINE, Blocked, DEFAULT_ENGINE, Gate, LICENCE_ENGINE, MARKETING_ENGINE, Need,
    SPECIALISTS, Step, VOLUME_LINE, Walk,
};

/// Walk the brief's diagram for `p`; renting takes the ranking's best managed service.
pub fn walk(engines: &[Engine], p: &Profile, ranking: &Ranking) -> Walk {
    // The brief says only "an ESP is enough"; which one is a question of fit, so the walk takes
    // the weighted ranking's best managed service (with every must).
    super::brief::walk_with(engines, p, || {
        (ranking.top().map(|r| r.engine), ranking.weights.all_zero())
    })
}

/// Why the weighted ranking and the walk pick different engines.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    /// The ranking's top pick (engine index).
    pub top: usize,
    /// The walk's verdict (engine index).
    pub walk: usize,
    /// Score points by which each factor favours the top pick over the walk's engine
    /// (negative: favours the walk's engine), largest first.
    pub factors: Vec<(FactorId, f64)>,
    /// Single weights that would bring the walk's engine level, the factor that decides first:
    /// lowering a factor that favours the top pick, or raising one that favours the walk's.
    pub reconcile: Vec<Reconcile>,
}

/// One weight moved until the walk's engine draws level with the ranking's pick.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reconcile {
    /// The factor.
    pub factor: FactorId,
    /// Its weight now.
    pub from: f64,
    /// The weight at which the two draw level (0–10).
    pub to: f64,
}

/// How the walk's verdict and the ranking's top pick relate.
#[derive(Debug, Clone, PartialEq, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Agreement {
    /// Both end at the same engine.
    Agree {
        /// The engine (index).
        engine: usize,
        /// The gate that decided.
        gate: Gate,
    },
    /// Both have an answer, and they differ.
    Disagree {
        /// The gate that decided the walk.
        gate: Gate,
        /// Why, factor by factor.
        why: Disagreement,
    },
    /// The walk ends at an engine, but the ranking has no top pick.
    NoRankingTop {
        /// The walk's engine (index).
        walk: usize,
        /// The gate that decided.
        gate: Gate,
    },
    /// No engine on the brief's path has every must.
    NoWalkEngine,
    /// Every weight is 0 and the sender rents: no service fits best, so neither has an answer.
    WeightsZero,
}

impl Agreement {
    /// The stable id for JSON: `agree`, `disagree`, `no_ranking_top`, `no_walk_engine` or
    /// `weights_zero`.
    pub fn id(&self) -> &'static str {
        self.into()
    }

    /// True when both end at the same engine.
    pub fn agrees(&self) -> bool {
        matches!(self, Agreement::Agree { .. })
    }

    /// The factor-by-factor difference, when the two disagree.
    pub fn disagreement(&self) -> Option<&Disagreement> {
        match self {
            Agreement::Disagree { why, .. } => Some(why),
            _ => None,
        }
    }
}

/// Compare the ranking's top pick with the walk's verdict.
pub fn agreement(r: &Ranking, w: &Walk) -> Agreement {
    let Some(walk) = w.engine else {
        let renting_without_weights = w.steps.iter().any(|s| {
            matches!(
                s.answer,
                Answer::Rent {
                    all_weights_zero: true,
                    ..
                }
            )
        });
        return if renting_without_weights {
            Agreement::WeightsZero
        } else {
            Agreement::NoWalkEngine
        };
    };
    let gate = w.deciding_gate().unwrap_or(Gate::Default);
    let Some(top) = r.top() else {
        return Agreement::NoRankingTop { walk, gate };
    };
    if top.engine == walk {
        return Agreement::Agree { engine: walk, gate };
    }
    let other = r
        .row_of(walk)
        .expect("every engine the walk can reach has a row in the ranking");
    let weights = &r.weights;
    let mut factors: Vec<(FactorId, f64)> = FactorId::ALL
        .iter()
        .map(|f| {
            (
                *f,
                top.contribution(weights, *f) - other.contribution(weights, *f),
            )
        })
        .filter(|(_, d)| d.abs() > 1e-9)
        .collect();
    factors.sort_by(|a, b| b.1.total_cmp(&a.1));
    let margin: f64 = FactorId::ALL
        .iter()
        .map(|f| weights.get(*f) * (top.fits[*f] - other.fits[*f]))
        .sum();
    // Moving weight w_f alone changes the margin by (Δw)·(f_top − f_walk): the two draw level
    // at w_f − margin / gap, when that lies on the slider. The factor that favours the top pick
    // most is the one that decides, so it comes first.
    let mut reconcile: Vec<(f64, Reconcile)> = factors
        .iter()
        .filter_map(|&(f, points)| {
            let gap = top.fits[f] - other.fits[f];
            if gap.abs() <= 1e-9 || weights.get(f) <= 0.0 && gap > 0.0 {
                return None;
            }
            let to = weights.get(f) - margin / gap;
            (0.0..=MAX_WEIGHT).contains(&to).then_some((
                -points,
                Reconcile {
                    factor: f,
                    from: weights.get(f),
                    to,
                },
            ))
        })
        .collect();
    reconcile.sort_by(|a, b| a.0.total_cmp(&b.0));
    let reconcile = reconcile.into_iter().map(|(_, r)| r).collect();
    Agreement::Disagree {
        gate,
        why: Disagreement {
            top: top.engine,
            walk,
            factors,
            reconcile,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{Capability, Catalogue};
    use crate::decide::KnockOut;
    use crate::profile::Situation;

    fn walked(p: &Profile) -> Walk {
        let cat = Catalogue::builtin();
        let r = crate::decide::rank(
            &cat.engines,
            p,
            &crate::decide::Weights::defaults(&cat.factors),
        );
        walk(&cat.engines, p, &r)
    }

    fn verdict(p: &Profile) -> Option<String> {
        let cat = Catalogue::builtin();
        walked(p).engine.map(|i| cat.engines[i].id.clone())
    }

    #[test]
    fn the_gates_in_order() {
        assert_eq!(verdict(&Profile::default()).as_deref(), Some("postfix"));
        let rent = Profile::from(Situation {
            own_infrastructure: false,
            monthly_volume: 300_000,
            ..Situation::default()
        });
        let w = walked(&rent);
        assert_eq!(w.steps.len(), 1);
        assert!(matches!(
            w.steps[0].answer,
            Answer::Rent {
                service: Some(_),
                ..
            }
        ));
        assert!(Catalogue::builtin().engines[w.engine.unwrap()].is_managed());
        let big = Profile::from(Situation {
            monthly_volume: 40_000_000,
            ..Situation::default()
        });
        assert_eq!(verdict(&big).as_deref(), Some("kumomta"));
        let pmta = Profile {
            situation: Situation {
                licences_held: vec!["powermta".into()],
                team_knows: vec!["powermta".into()],
                ..big.situation.clone()
            },
            ..big.clone()
        };
        assert_eq!(verdict(&pmta).as_deref(), Some("powermta"));
        let only_licence = Profile {
            situation: Situation {
                licences_held: vec!["powermta".into()],
                ..big.situation.clone()
            },
            ..big.clone()
        };
        assert_eq!(verdict(&only_licence).as_deref(), Some("kumomta"));
        for (must, id) in [
            (Capability::ProgrammablePolicy, "halon"),
            (Capability::ExternalQueue, "mailerq"),
            (Capability::BundledMarketing, "greenarrow"),
        ] {
            let p = Profile {
                situation: Situation {
                    must: vec![must],
                    ..big.situation.clone()
                },
                ..big.clone()
            };
            assert_eq!(verdict(&p).as_deref(), Some(id), "{must}");
        }
    }

    #[test]
    fn a_must_postfix_lacks_moves_a_small_sender_on() {
        let p = Profile::from(Situation {
            must: vec![Capability::ExternalQueue],
            ..Situation::default()
        });
        assert_eq!(verdict(&p).as_deref(), Some("mailerq"));
        let w = walked(&p);
        assert!(
            matches!(
                &w.steps[1].answer,
                Answer::BelowLineBlocked {
                    blocked: Blocked::Out(_, KnockOut::LacksMust(_)),
                    ..
                }
            ),
            "{:?}",
            w.steps[1]
        );
    }

    #[test]
    fn the_licence_gate_follows_when_the_volume_gate_does_not_decide() {
        // Below the line, but Postfix lacks a must PowerMTA has: the licence still counts.
        let p = Profile::from(Situation {
            monthly_volume: 5_000_000,
            licences_held: vec!["powermta".into()],
            team_knows: vec!["powermta".into()],
            must: vec![Capability::WebUi],
            ..Situation::default()
        });
        assert_eq!(verdict(&p).as_deref(), Some("powermta"));
        assert_eq!(walked(&p).steps[2].gate, Gate::Licence);
    }

    #[test]
    fn no_engine_when_nothing_on_the_path_has_the_musts() {
        let p = Profile::from(Situation {
            monthly_volume: 40_000_000,
            must: vec![Capability::ExternalQueue, Capability::BundledMarketing],
            ..Situation::default()
        });
        let w = walked(&p);
        assert_eq!(w.engine, None);
        assert!(matches!(
            w.steps.last().unwrap().answer,
            Answer::DefaultBlocked(_)
        ));
    }
}

#[cfg(test)]
mod agreement_tests {
    use super::*;
    use crate::catalogue::Capability;
    use crate::catalogue::Catalogue;
    use crate::decide::Weights;
    use crate::profile::Situation;

    fn agreement_for(p: &Profile, w: &Weights) -> (Catalogue, Agreement) {
        let cat = Catalogue::builtin();
        let r = crate::decide::rank(&cat.engines, p, w);
        let walked = walk(&cat.engines, p, &r);
        let a = agreement(&r, &walked);
        (cat, a)
    }

    #[test]
    fn the_four_relations() {
        let cat = Catalogue::builtin();
        let defaults = Weights::defaults(&cat.factors);
        let (cat, a) = agreement_for(&Profile::default(), &defaults);
        assert!(
            matches!(a, Agreement::Agree { engine, gate: Gate::Volume } if cat.engines[engine].id == "postfix")
        );
        // Only reversibility counts: the ranking prefers an open engine over the walk's pick.
        let mut rev = Weights::uniform(0.0);
        rev.set(FactorId::Reversibility, 10.0);
        let big = Profile::from(Situation {
            monthly_volume: 40_000_000,
            licences_held: vec!["powermta".into()],
            team_knows: vec!["powermta".into()],
            ..Situation::default()
        });
        let (cat, a) = agreement_for(&big, &rev);
        let d = a.disagreement().expect("they disagree");
        assert_eq!(cat.engines[d.walk].id, "powermta");
        assert_eq!(a.id(), "disagree");
        assert_eq!(d.factors[0].0, FactorId::Reversibility);
        let (_, a) = agreement_for(&Profile::default(), &Weights::uniform(0.0));
        assert_eq!(a.id(), "no_ranking_top");
        let none = Profile::from(Situation {
            monthly_volume: 40_000_000,
            must: vec![Capability::ExternalQueue, Capability::BundledMarketing],
            ..Situation::default()
        });
        let (_, a) = agreement_for(&none, &defaults);
        assert_eq!(a, Agreement::NoWalkEngine);
        // Renting with every weight at 0: the weights are why, not the musts.
        let rent = Profile::from(Situation {
            own_infrastructure: false,
            ..Situation::default()
        });
        let (_, a) = agreement_for(&rent, &Weights::uniform(0.0));
        assert_eq!(a, Agreement::WeightsZero);
    }
}
