//! The brief's decision diagram, walked gate by gate, and how it compares with the ranking.
//!
//! Every answer is a typed value; `render::walk` words it for each output.

use super::rank::{KnockOut, Ranking, knock_out};
use super::weights::MAX_WEIGHT;
use crate::catalogue::{Capability, Engine, FactorId};
use crate::profile::{Marketing, Profile};

/// The brief's line between "a tuned Postfix suffices" and the high-volume engines.
pub use crate::profile::VOLUME_LINE;
/// The engine for senders below the volume line.
pub const BELOW_LINE: &str = "postfix";
/// The engine a held licence and a team that knows it make defensible.
pub const LICENCE_ENGINE: &str = "powermta";
/// The default for high volume: evaluate it first.
pub const DEFAULT_ENGINE: &str = "kumomta";
/// The specialist that bundles marketing: wanting marketing from one vendor leads there too.
pub const MARKETING_ENGINE: &str = "greenarrow";
/// The specialists, in the brief's order, with the requirements that lead to each.
pub const SPECIALISTS: [(&str, &[Capability]); 3] = [
    (
        "halon",
        &[Capability::ProgrammablePolicy, Capability::BuiltInFiltering],
    ),
    ("mailerq", &[Capability::ExternalQueue]),
    (MARKETING_ENGINE, &[Capability::BundledMarketing]),
];

/// The gates of the diagram, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum Gate {
    /// Own the sending layer, or rent an ESP?
    OwnOrRent,
    /// Below about 10M a month?
    Volume,
    /// A held PowerMTA licence and a team that knows it?
    Licence,
    /// A concrete requirement that needs a specialist?
    Specialist,
    /// Otherwise: the strong default.
    Default,
}

impl Gate {
    /// Every gate, in the diagram's order.
    pub const ALL: [Gate; <Gate as strum::EnumCount>::COUNT] = [
        Gate::OwnOrRent,
        Gate::Volume,
        Gate::Licence,
        Gate::Specialist,
        Gate::Default,
    ];

    /// A stable id for JSON.
    pub fn id(self) -> &'static str {
        match self {
            Gate::OwnOrRent => "own_or_rent",
            Gate::Volume => "volume",
            Gate::Licence => "powermta_licence",
            Gate::Specialist => "specialist",
            Gate::Default => "default",
        }
    }
}

/// Why the walk could not stop at an engine it was heading for.
#[derive(Debug, Clone, PartialEq)]
pub enum Blocked {
    /// The engine is not in the catalogue (its id).
    Missing(&'static str),
    /// The engine is knocked out (index, and why).
    Out(usize, KnockOut),
}

/// What pushes a sender to a specialist.
#[derive(Debug, Clone, PartialEq)]
pub enum Need {
    /// Musts that the specialist is known for.
    Musts(Vec<Capability>),
    /// Marketing tooling wanted from the same vendor.
    Marketing,
}

/// The profile's answer at one gate, with what it rests on.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// An ESP is enough; the best-fitting managed service with every must (or none).
    Rent {
        /// The monthly volume.
        volume: u64,
        /// The service (engine index), if one fits.
        service: Option<usize>,
        /// True when no service fits because every weight is 0.
        all_weights_zero: bool,
    },
    /// The sender will run its own sending infrastructure.
    Own,
    /// Below the line: the engine for small senders, and stop.
    BelowLine {
        /// The monthly volume.
        volume: u64,
        /// The engine (index).
        engine: usize,
    },
    /// Below the line, but the engine for small senders cannot be used.
    BelowLineBlocked {
        /// The monthly volume.
        volume: u64,
        /// Why not.
        blocked: Blocked,
    },
    /// Above the line.
    AboveLine {
        /// The monthly volume.
        volume: u64,
    },
    /// A licence is held and the team knows the engine: build on it.
    Licensed {
        /// The engine (index).
        engine: usize,
    },
    /// Licence and knowledge, but the engine cannot be used.
    LicensedBlocked(Blocked),
    /// A licence is held, but the team does not know the engine.
    LicenceOnly,
    /// The team knows the engine, but holds no licence.
    KnowledgeOnly,
    /// Neither a licence nor a team that knows it.
    NoLicence,
    /// A concrete requirement leads to a specialist.
    Specialist {
        /// What leads there.
        need: Need,
        /// The specialist (index).
        engine: usize,
    },
    /// No requirement calls for a specialist.
    NoSpecialistNeeded,
    /// Requirements call for specialists, but none can be used.
    SpecialistsBlocked(Vec<(Need, Blocked)>),
    /// The free, modern default.
    DefaultEngine {
        /// The engine (index).
        engine: usize,
    },
    /// The default cannot be used, so the path ends without an engine.
    DefaultBlocked(Blocked),
}

/// One gate passed on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Which gate.
    pub gate: Gate,
    /// The profile's answer.
    pub answer: Answer,
    /// True for the gate that decided.
    pub decides: bool,
}

/// The walk for one profile: the gates passed and the engine it ends in.
#[derive(Debug, Clone, PartialEq)]
pub struct Walk {
    /// The verdict (engine index), or `None` when no engine on the path has every must.
    pub engine: Option<usize>,
    /// The gates, in order, up to the one that decided.
    pub steps: Vec<Step>,
}

impl Walk {
    /// The gate that decided.
    pub fn deciding_gate(&self) -> Option<Gate> {
        self.steps.iter().find(|s| s.decides).map(|s| s.gate)
    }
}

/// Walk the brief's diagram for `p`.
pub fn walk(engines: &[Engine], p: &Profile, ranking: &Ranking) -> Walk {
    let mut steps = Vec::new();
    // An engine the walk may stop at: in the catalogue, and not knocked out by a must.
    let usable = |id: &'static str| -> Result<usize, Blocked> {
        let i = engines
            .iter()
            .position(|e| e.id == id)
            .ok_or(Blocked::Missing(id))?;
        match knock_out(&engines[i], p) {
            Some(why) => Err(Blocked::Out(i, why)),
            None => Ok(i),
        }
    };
    let decide = |mut steps: Vec<Step>, gate, answer, engine: Option<usize>| {
        steps.push(Step {
            gate,
            answer,
            decides: true,
        });
        Walk { engine, steps }
    };
    let pass = |steps: &mut Vec<Step>, gate, answer| {
        steps.push(Step {
            gate,
            answer,
            decides: false,
        });
    };

    if !p.own_infrastructure {
        // The brief says only "an ESP is enough"; which one is a question of fit, so the
        // walk takes the weighted ranking's best managed service (with every must).
        let service = ranking
            .top()
            .map(|r| r.engine)
            .filter(|i| engines[*i].is_managed());
        let answer = Answer::Rent {
            volume: p.monthly_volume,
            service,
            all_weights_zero: ranking.weights.all_zero(),
        };
        return decide(steps, Gate::OwnOrRent, answer, service);
    }
    pass(&mut steps, Gate::OwnOrRent, Answer::Own);

    let volume = p.monthly_volume;
    if volume < VOLUME_LINE {
        match usable(BELOW_LINE) {
            Ok(engine) => {
                let answer = Answer::BelowLine { volume, engine };
                return decide(steps, Gate::Volume, answer, Some(engine));
            }
            Err(blocked) => pass(
                &mut steps,
                Gate::Volume,
                Answer::BelowLineBlocked { volume, blocked },
            ),
        }
    } else {
        pass(&mut steps, Gate::Volume, Answer::AboveLine { volume });
    }
    // The licence gate follows whenever the volume gate did not settle it.
    let held = p.licences_held.iter().any(|id| id == LICENCE_ENGINE);
    let known = p.team_knows.iter().any(|id| id == LICENCE_ENGINE);
    let answer = match (held, known) {
        (true, true) => match usable(LICENCE_ENGINE) {
            Ok(engine) => {
                return decide(
                    steps,
                    Gate::Licence,
                    Answer::Licensed { engine },
                    Some(engine),
                );
            }
            Err(blocked) => Answer::LicensedBlocked(blocked),
        },
        (true, false) => Answer::LicenceOnly,
        (false, true) => Answer::KnowledgeOnly,
        (false, false) => Answer::NoLicence,
    };
    pass(&mut steps, Gate::Licence, answer);

    let mut blocked = Vec::new();
    for (id, needs) in SPECIALISTS {
        let asked: Vec<Capability> = needs
            .iter()
            .copied()
            .filter(|c| p.must.contains(c))
            .collect();
        let need = if !asked.is_empty() {
            Need::Musts(asked)
        } else if id == MARKETING_ENGINE && p.marketing == Marketing::Wanted {
            Need::Marketing
        } else {
            continue;
        };
        match usable(id) {
            Ok(engine) => {
                let answer = Answer::Specialist { need, engine };
                return decide(steps, Gate::Specialist, answer, Some(engine));
            }
            Err(why) => blocked.push((need, why)),
        }
    }
    let answer = if blocked.is_empty() {
        Answer::NoSpecialistNeeded
    } else {
        Answer::SpecialistsBlocked(blocked)
    };
    pass(&mut steps, Gate::Specialist, answer);

    match usable(DEFAULT_ENGINE) {
        Ok(engine) => decide(
            steps,
            Gate::Default,
            Answer::DefaultEngine { engine },
            Some(engine),
        ),
        Err(why) => decide(steps, Gate::Default, Answer::DefaultBlocked(why), None),
    }
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
    /// For factors that favour the walk's engine: the weight (≤ 10) at which it would draw level.
    pub reconcile: Vec<(FactorId, f64)>,
}

/// How the walk's verdict and the ranking's top pick relate.
#[derive(Debug, Clone, PartialEq)]
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
        match self {
            Agreement::Agree { .. } => "agree",
            Agreement::Disagree { .. } => "disagree",
            Agreement::NoRankingTop { .. } => "no_ranking_top",
            Agreement::NoWalkEngine => "no_walk_engine",
            Agreement::WeightsZero => "weights_zero",
        }
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
    let reconcile = FactorId::ALL
        .iter()
        .filter_map(|f| {
            let gain = other.fits[*f] - top.fits[*f];
            (gain > 1e-9)
                .then(|| (*f, weights.get(*f) + margin / gain))
                .filter(|(_, x)| *x <= MAX_WEIGHT)
        })
        .collect();
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
    use crate::catalogue::Catalogue;

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
        let rent = Profile {
            own_infrastructure: false,
            monthly_volume: 300_000,
            ..Profile::default()
        };
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
        let big = Profile {
            monthly_volume: 40_000_000,
            ..Profile::default()
        };
        assert_eq!(verdict(&big).as_deref(), Some("kumomta"));
        let pmta = Profile {
            licences_held: vec!["powermta".into()],
            team_knows: vec!["powermta".into()],
            ..big.clone()
        };
        assert_eq!(verdict(&pmta).as_deref(), Some("powermta"));
        let only_licence = Profile {
            licences_held: vec!["powermta".into()],
            ..big.clone()
        };
        assert_eq!(verdict(&only_licence).as_deref(), Some("kumomta"));
        for (must, id) in [
            (Capability::ProgrammablePolicy, "halon"),
            (Capability::ExternalQueue, "mailerq"),
            (Capability::BundledMarketing, "greenarrow"),
        ] {
            let p = Profile {
                must: vec![must],
                ..big.clone()
            };
            assert_eq!(verdict(&p).as_deref(), Some(id), "{must}");
        }
    }

    #[test]
    fn a_must_postfix_lacks_moves_a_small_sender_on() {
        let p = Profile {
            must: vec![Capability::ExternalQueue],
            ..Profile::default()
        };
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
        let p = Profile {
            monthly_volume: 5_000_000,
            licences_held: vec!["powermta".into()],
            team_knows: vec!["powermta".into()],
            must: vec![Capability::WebUi],
            ..Profile::default()
        };
        assert_eq!(verdict(&p).as_deref(), Some("powermta"));
        assert_eq!(walked(&p).steps[2].gate, Gate::Licence);
    }

    #[test]
    fn no_engine_when_nothing_on_the_path_has_the_musts() {
        let p = Profile {
            monthly_volume: 40_000_000,
            must: vec![Capability::ExternalQueue, Capability::BundledMarketing],
            ..Profile::default()
        };
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
    use crate::catalogue::Catalogue;
    use crate::decide::Weights;

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
        let big = Profile {
            monthly_volume: 40_000_000,
            licences_held: vec!["powermta".into()],
            team_knows: vec!["powermta".into()],
            ..Profile::default()
        };
        let (cat, a) = agreement_for(&big, &rev);
        let d = a.disagreement().expect("they disagree");
        assert_eq!(cat.engines[d.walk].id, "powermta");
        assert_eq!(a.id(), "disagree");
        assert_eq!(d.factors[0].0, FactorId::Reversibility);
        let (_, a) = agreement_for(&Profile::default(), &Weights::uniform(0.0));
        assert_eq!(a.id(), "no_ranking_top");
        let none = Profile {
            monthly_volume: 40_000_000,
            must: vec![Capability::ExternalQueue, Capability::BundledMarketing],
            ..Profile::default()
        };
        let (_, a) = agreement_for(&none, &defaults);
        assert_eq!(a, Agreement::NoWalkEngine);
        // Renting with every weight at 0: the weights are why, not the musts.
        let rent = Profile {
            own_infrastructure: false,
            ..Profile::default()
        };
        let (_, a) = agreement_for(&rent, &Weights::uniform(0.0));
        assert_eq!(a, Agreement::WeightsZero);
    }
}
