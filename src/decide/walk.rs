//! The brief's decision diagram, walked gate by gate, and how it compares with the ranking.

use super::{FactorId, Ranking, rank::knock_out};
use crate::catalogue::{Capability, Engine};
use crate::profile::{Marketing, Profile};
use crate::units;

/// The brief's line between "a tuned Postfix suffices" and the high-volume engines.
pub const VOLUME_LINE: u64 = 10_000_000;
/// The engine for senders below the volume line.
pub const BELOW_LINE: &str = "postfix";
/// The engine a held licence and a team that knows it make defensible.
pub const LICENCE_ENGINE: &str = "powermta";
/// The default for high volume: evaluate it first.
pub const DEFAULT_ENGINE: &str = "kumomta";
/// The specialists, in the brief's order, with the requirements that lead to each.
pub const SPECIALISTS: [(&str, &[Capability]); 3] = [
    (
        "halon",
        &[Capability::ProgrammablePolicy, Capability::BuiltInFiltering],
    ),
    ("mailerq", &[Capability::ExternalQueue]),
    ("greenarrow", &[Capability::BundledMarketing]),
];

/// The gates of the diagram, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

    /// The question the gate asks.
    pub fn question(self) -> &'static str {
        match self {
            Gate::OwnOrRent => "Do you need to own the sending layer, or is an ESP enough?",
            Gate::Volume => "Is your volume below about 10M messages a month?",
            Gate::Licence => {
                "Do you already hold a PowerMTA licence, and does your team know the engine?"
            }
            Gate::Specialist => "Does a concrete requirement push you to a specialist?",
            Gate::Default => "Otherwise: is the free, modern default enough?",
        }
    }

    /// The brief's reason for the gate, in our words.
    pub fn reason(self) -> &'static str {
        match self {
            Gate::OwnOrRent => {
                "Renting is right more often than infrastructure people admit; owning pays when per-message prices hurt, when you need control a service will not give, or when owning the reputation is the point."
            }
            Gate::Volume => {
                "Volume decides the most: below about ten million a month a tuned Postfix usually suffices, and the high-volume engines only earn their complexity above it."
            }
            Gate::Licence => {
                "A licence already paid for and a team that already knows the engine are real assets; building on them is defensible."
            }
            Gate::Specialist => {
                "Move to a specialist only when a concrete requirement pushes you there: programmable policy and filtering (Halon), queue-driven throughput (MailerQ), or sending and marketing from one vendor (GreenArrow)."
            }
            Gate::Default => {
                "Free and modern is a strong default: evaluate KumoMTA before paying for a commercial licence."
            }
        }
    }
}

/// One gate passed on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Which gate.
    pub gate: Gate,
    /// The profile's answer, with its numbers.
    pub answer: String,
    /// True for the gate that decided.
    pub decides: bool,
}

/// The walk for one profile: the gates passed and the engine it ends in.
#[derive(Debug, Clone, PartialEq)]
pub struct Walk {
    /// The verdict, or `None` when no engine on the path has every must.
    pub engine: Option<String>,
    /// The gates, in order, up to the one that decided.
    pub steps: Vec<Step>,
}

/// Walk the brief's diagram for `p`.
pub fn walk(engines: &[Engine], p: &Profile, ranking: &Ranking) -> Walk {
    let mut steps = Vec::new();
    let find = |id: &str| engines.iter().find(|e| e.id == id);
    // An engine the walk may stop at: in the catalogue, and not knocked out by a must.
    let usable = |id: &str| -> Result<&Engine, String> {
        match find(id) {
            None => Err(format!("{id} is not in the catalogue")),
            Some(e) => match knock_out(e, p) {
                Some(why) => Err(format!("{} {why}", e.name)),
                None => Ok(e),
            },
        }
    };
    let decide = |steps: &mut Vec<Step>, gate, answer: String, engine: Option<&Engine>| Walk {
        engine: engine.map(|e| e.id.clone()),
        steps: {
            steps.push(Step {
                gate,
                answer,
                decides: true,
            });
            std::mem::take(steps)
        },
    };

    if !p.own_infrastructure {
        // The brief says only "an ESP is enough"; which one is a question of fit, so the
        // walk takes the weighted ranking's best managed service (with every must).
        let best = ranking
            .top()
            .map(|r| &engines[r.engine])
            .filter(|e| e.is_managed());
        let answer = match best {
            Some(e) => format!(
                "an ESP is enough; the best-fitting managed service with every must at {}/month is {}",
                units::volume(p.monthly_volume),
                e.name
            ),
            None if ranking.weights.all_zero() => {
                "an ESP is enough, but with every weight at 0 no service fits best".into()
            }
            None => "an ESP is enough, but no managed service has every must".into(),
        };
        return decide(&mut steps, Gate::OwnOrRent, answer, best);
    }
    steps.push(Step {
        gate: Gate::OwnOrRent,
        answer: "own it: you will run your own sending infrastructure".into(),
        decides: false,
    });

    let vol = units::volume(p.monthly_volume);
    if p.monthly_volume < VOLUME_LINE {
        match usable(BELOW_LINE) {
            Ok(e) => {
                return decide(
                    &mut steps,
                    Gate::Volume,
                    format!("yes, {vol}/month: {} and stop", e.name),
                    Some(e),
                );
            }
            Err(why) => steps.push(Step {
                gate: Gate::Volume,
                answer: format!("yes, {vol}/month, but {why}; a requirement moves you on"),
                decides: false,
            }),
        }
    } else {
        steps.push(Step {
            gate: Gate::Volume,
            answer: format!("no, {vol}/month is above the line"),
            decides: false,
        });
    }
    // The licence gate follows whenever the volume gate did not settle it.
    let held = p.licences_held.iter().any(|id| id == LICENCE_ENGINE);
    let known = p.team_knows.iter().any(|id| id == LICENCE_ENGINE);
    let answer = match (held, known) {
        (true, true) => match usable(LICENCE_ENGINE) {
            Ok(e) => {
                return decide(
                    &mut steps,
                    Gate::Licence,
                    format!(
                        "yes: licence held and the team knows it; a {} estate",
                        e.name
                    ),
                    Some(e),
                );
            }
            Err(why) => format!("yes, but {why}"),
        },
        (true, false) => "a licence is held, but the team does not know the engine".into(),
        (false, true) => "the team knows it, but no licence is held".into(),
        (false, false) => "no".into(),
    };
    steps.push(Step {
        gate: Gate::Licence,
        answer,
        decides: false,
    });

    let mut blocked = Vec::new();
    for (id, needs) in SPECIALISTS {
        let asked: Vec<Capability> = needs
            .iter()
            .copied()
            .filter(|c| p.must.contains(c))
            .collect();
        let wants_marketing = id == "greenarrow" && p.marketing == Marketing::Wanted;
        if asked.is_empty() && !wants_marketing {
            continue;
        }
        let because = if asked.is_empty() {
            "you want marketing tooling from the same vendor".to_owned()
        } else {
            format!(
                "you must have {}",
                asked
                    .iter()
                    .map(|c| c.label())
                    .collect::<Vec<_>>()
                    .join(" and ")
            )
        };
        match usable(id) {
            Ok(e) => {
                return decide(
                    &mut steps,
                    Gate::Specialist,
                    format!("yes: {because}, so {}", e.name),
                    Some(e),
                );
            }
            Err(why) => blocked.push(format!("{because}, but {why}")),
        }
    }
    steps.push(Step {
        gate: Gate::Specialist,
        answer: if blocked.is_empty() {
            "no concrete requirement for a specialist".into()
        } else {
            blocked.join("; ")
        },
        decides: false,
    });

    match usable(DEFAULT_ENGINE) {
        Ok(e) => decide(
            &mut steps,
            Gate::Default,
            format!("yes: evaluate {} first", e.name),
            Some(e),
        ),
        Err(why) => decide(
            &mut steps,
            Gate::Default,
            format!("no: {why}; no engine on the brief's path has every must — see the ranking"),
            None,
        ),
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

/// Compare the ranking's top pick with the walk's verdict; `None` when they agree (or either
/// has no answer).
pub fn disagreement(r: &Ranking, engines: &[Engine], w: &Walk) -> Option<Disagreement> {
    let top = r.top()?;
    let walk_id = w.engine.as_deref()?;
    if engines[top.engine].id == walk_id {
        return None;
    }
    let other = r
        .rows
        .iter()
        .find(|row| engines[row.engine].id == walk_id)?;
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
        .map(|f| weights.get(*f) * (top.fits[*f as usize] - other.fits[*f as usize]))
        .sum();
    let reconcile = FactorId::ALL
        .iter()
        .filter_map(|f| {
            let gain = other.fits[*f as usize] - top.fits[*f as usize];
            (gain > 1e-9)
                .then(|| (*f, weights.get(*f) + margin / gain))
                .filter(|(_, x)| *x <= super::weights::MAX_WEIGHT)
        })
        .collect();
    Some(Disagreement {
        top: top.engine,
        walk: other.engine,
        factors,
        reconcile,
    })
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
        walked(p).engine
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
        assert!(w.steps[0].answer.starts_with("an ESP is enough"));
        assert!(
            Catalogue::builtin()
                .engine(w.engine.as_deref().unwrap())
                .unwrap()
                .is_managed()
        );
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
        let w = walked(&p);
        assert_eq!(w.engine.as_deref(), Some("mailerq"));
        assert!(
            w.steps[1].answer.contains("Postfix lacks a must"),
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
        let w = walked(&p);
        assert_eq!(w.engine.as_deref(), Some("powermta"), "{w:?}");
        assert_eq!(w.steps[2].gate, Gate::Licence);
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
        assert!(
            w.steps
                .last()
                .unwrap()
                .answer
                .contains("no engine on the brief's path")
        );
    }
}
