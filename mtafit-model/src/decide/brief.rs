//! The brief's decision diagram: its gates in order, and the walk for a sender who owns the
//! sending layer (which needs no ranking; renting asks the ranking which service, in `walk`).

use super::standing::{KnockOut, knock_out};
use crate::catalogue::{Capability, Engine};
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
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount, strum::VariantArray, strum::IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
pub enum Gate {
    /// Own the sending layer, or rent an ESP?
    OwnOrRent,
    /// Below about 10M a month?
    Volume,
    /// A held PowerMTA licence and a team that knows it?
    #[strum(serialize = "powermta_licence")]
    Licence,
    /// A concrete requirement that needs a specialist?
    Specialist,
    /// Otherwise: the strong default.
    Default,
}

impl Gate {
    /// Every gate, in the diagram's order.
    pub const ALL: [Gate; <Gate as strum::EnumCount>::COUNT] = crate::variants::all();

    /// A stable id for JSON, e.g. `own_or_rent`.
    pub fn id(self) -> &'static str {
        self.into()
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

/// Walk the brief's diagram for `p`. Renting stops at the first gate with the service `rent`
/// names: (the best-fitting managed service, and whether every weight is 0).
pub fn walk_with(
    engines: &[Engine],
    p: &Profile,
    rent: impl FnOnce() -> (Option<usize>, bool),
) -> Walk {
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
        let (service, all_weights_zero) = rent();
        let service = service.filter(|i| engines[*i].is_managed());
        let answer = Answer::Rent {
            volume: p.monthly_volume,
            service,
            all_weights_zero,
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

/// Where the brief's diagram would look for an engine with this id, for a sender who owns the
/// sending layer: its place along the walk (lower is earlier), or `None` when the walk would not
/// consider it. It reads the profile and the id alone — never which other engines are in the
/// catalogue — so using it to order engines the weighted scores cannot tell apart keeps the
/// ranking free of rank reversal.
pub fn preference(p: &Profile, id: &str) -> Option<u8> {
    if !p.own_infrastructure {
        return None;
    }
    if id == BELOW_LINE && p.monthly_volume < VOLUME_LINE {
        return Some(0);
    }
    if id == LICENCE_ENGINE
        && p.licences_held.iter().any(|x| x == LICENCE_ENGINE)
        && p.team_knows.iter().any(|x| x == LICENCE_ENGINE)
    {
        return Some(1);
    }
    for (n, (specialist, needs)) in SPECIALISTS.iter().enumerate() {
        // The id first: ranking ten thousand engines asks this of each.
        if id == *specialist
            && (needs.iter().any(|c| p.must.contains(c))
                || (*specialist == MARKETING_ENGINE && p.marketing == Marketing::Wanted))
        {
            return Some(2 + n as u8);
        }
    }
    if id == DEFAULT_ENGINE {
        return Some(2 + SPECIALISTS.len() as u8);
    }
    // Above the line Postfix is no longer the walk's answer, but it is still the brief's
    // general-purpose default ("the right default for almost everyone"): among equal scores it
    // comes before other general-purpose MTAs.
    (id == BELOW_LINE).then_some(3 + SPECIALISTS.len() as u8)
}
