//! The decision model: fits, cost of ownership, ranking, the brief's walk and sensitivity.
//!
//! Nothing here knows about terminals or files. Every fit is a function of one engine's catalogue
//! facts and the profile alone, so adding or removing an engine can never reorder the others.

pub mod cost;
pub mod crossover;
pub mod fit;
pub mod rank;
pub mod sensitivity;
pub mod walk;
pub mod weights;

pub use cost::AnnualCost;
pub use rank::{Ranking, Row, rank};
pub use sensitivity::Sensitivity;
pub use walk::Walk;
pub use weights::Weights;

use crate::catalogue::FACTOR_IDS;

/// The eight factors, in the order of `FACTOR_IDS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FactorId {
    /// The engine's volume band against the monthly volume.
    Volume,
    /// Annual cost of ownership against the budget.
    Budget,
    /// What configuring it demands against what the team can do.
    Team,
    /// Containers, Kubernetes and Prometheus, when the profile asks.
    CloudNative,
    /// A vendor SLA, when the profile needs one.
    Support,
    /// Bundled list and campaign tooling.
    Marketing,
    /// Share of wanted capabilities.
    Capabilities,
    /// How cheaply the team could leave.
    Reversibility,
}

impl FactorId {
    /// Every factor, in contract order.
    pub const ALL: [FactorId; 8] = [
        FactorId::Volume,
        FactorId::Budget,
        FactorId::Team,
        FactorId::CloudNative,
        FactorId::Support,
        FactorId::Marketing,
        FactorId::Capabilities,
        FactorId::Reversibility,
    ];

    /// The contract id, e.g. `cloud_native`.
    pub fn id(self) -> &'static str {
        FACTOR_IDS[self as usize]
    }

    /// The factor with this contract id.
    pub fn from_id(id: &str) -> Option<FactorId> {
        FACTOR_IDS
            .iter()
            .position(|f| *f == id)
            .map(|i| FactorId::ALL[i])
    }

    /// A short column header.
    pub fn short(self) -> &'static str {
        match self {
            FactorId::Volume => "vol",
            FactorId::Budget => "budget",
            FactorId::Team => "team",
            FactorId::CloudNative => "cloud",
            FactorId::Support => "supp",
            FactorId::Marketing => "mkt",
            FactorId::Capabilities => "caps",
            FactorId::Reversibility => "rev",
        }
    }

    /// A display name, e.g. "Cloud-native".
    pub fn name(self) -> &'static str {
        match self {
            FactorId::Volume => "Volume",
            FactorId::Budget => "Budget",
            FactorId::Team => "Team skill",
            FactorId::CloudNative => "Cloud-native",
            FactorId::Support => "Support",
            FactorId::Marketing => "Marketing",
            FactorId::Capabilities => "Capabilities",
            FactorId::Reversibility => "Reversibility",
        }
    }
}

use crate::catalogue::Engine;
use crate::profile::Profile;

/// Everything the model says about one profile and set of weights.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Every engine, best first.
    pub ranking: Ranking,
    /// The brief's diagram, walked.
    pub walk: Walk,
    /// How far the weights can move before the top pick changes.
    pub sensitivity: Sensitivity,
    /// Why the ranking and the walk differ, when they do.
    pub disagreement: Option<walk::Disagreement>,
}

/// Rank, walk and analyse in one go.
pub fn analyse(engines: &[Engine], p: &Profile, w: &Weights) -> Analysis {
    let ranking = rank(engines, p, w);
    let walk = walk::walk(engines, p, &ranking);
    let sensitivity = sensitivity::analyse(&ranking, engines);
    let disagreement = walk::disagreement(&ranking, engines, &walk);
    Analysis {
        ranking,
        walk,
        sensitivity,
        disagreement,
    }
}
