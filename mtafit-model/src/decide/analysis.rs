//! Everything the model says about one profile and set of weights, computed in one go.

use super::compare::{self, Comparison};
use super::rank::{Ranking, rank};
use super::sensitivity::{self, Sensitivity};
use super::walk::{self, Agreement, Walk};
use super::weights::Weights;
use crate::catalogue::Engine;
use crate::profile::Profile;

/// The ranking, the walk, how they compare, and how far the weights can move.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Every engine, best first.
    pub ranking: Ranking,
    /// The brief's diagram, walked.
    pub walk: Walk,
    /// Whether the ranking's top pick and the walk's verdict agree, and why not when they differ.
    pub agreement: Agreement,
    /// How far the weights can move before the top pick changes.
    pub sensitivity: Sensitivity,
    /// How firm the top pick is: its margin, a near tie, and what would change it.
    pub comparison: Option<Comparison>,
}

/// Rank, walk and analyse in one go.
pub fn analyse(engines: &[Engine], p: &Profile, w: &Weights) -> Analysis {
    let ranking = rank(engines, p, w);
    let walk = walk::walk(engines, p, &ranking);
    let sensitivity = sensitivity::analyse(&ranking, engines);
    let agreement = walk::agreement(&ranking, &walk);
    let comparison = compare::compare(engines, p, w, &ranking);
    Analysis {
        ranking,
        walk,
        agreement,
        sensitivity,
        comparison,
    }
}
