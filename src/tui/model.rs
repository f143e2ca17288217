//! The shared model every component reads: the catalogue, the profile, the weights and what the
//! model computes from them.
//!
//! Only `update` changes it, and the derived parts are rebuilt only by [`Model::refresh`] (which
//! `App::refresh` calls after any change): views read them and never compute the model
//! themselves.

use super::action::View;
use mtafit_model::catalogue::{Catalogue, Engine};
use mtafit_model::decide::{self, Analysis, Row, Weights};
use mtafit_model::profile::Profile;

/// How many volumes each cost curve is drawn through.
const POINTS: usize = 61;

/// With nothing marked or searched, the cost view draws the best engines for the profile's
/// answer to own-or-rent and the best for the other answer: the cost of changing one's mind.
pub const LEADERS: (usize, usize) = (3, 2);

/// How many engines the cost view draws at most from the search's matches.
pub const TOP: usize = 5;

/// How many marked engines the cost view draws at most: without colour, more lines than this
/// cannot be told apart (five markers).
pub const MAX_MARKED: usize = 5;

/// Which engines the cost view draws.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CostPick {
    /// Nothing marked or searched: the leaders ([`LEADERS`]).
    #[default]
    Leaders,
    /// Nothing marked, a search kept: the top of the ranking among its matches (at most [`TOP`]).
    Matching(Vec<usize>),
    /// The marked engines, in ranking order (those the search matches, when one is kept), at
    /// most [`MAX_MARKED`].
    Marked {
        /// The engines drawn.
        engines: Vec<usize>,
        /// How many are marked (and match the search): more than drawn when over the cap.
        of: usize,
    },
}

/// The facts, the sender's choices and the results.
#[derive(Debug, Clone)]
pub struct Model {
    /// The merged catalogue.
    pub cat: Catalogue,
    /// The sender's profile.
    pub profile: Profile,
    /// The factor weights.
    pub weights: Weights,
    /// Derived: ranking, walk, sensitivity.
    pub analysis: Analysis,
    /// Derived: for each engine, its place in the ranking.
    pub rank_pos: Vec<usize>,
    /// Which engines the cost view draws (the app sets it from the marks and the search).
    pub cost_pick: CostPick,
    /// Derived, for the cost view only: the cost curves of the engines it draws.
    pub curves: Option<decide::crossover::Curves>,
    /// Derived, for the path view only: the top pick across volumes.
    pub path: Option<decide::path::Path>,
}

impl Model {
    /// The model of a catalogue, profile and weights, ranked.
    pub fn new(cat: Catalogue, profile: Profile, weights: Weights) -> Model {
        let analysis = decide::analyse(&cat.engines, &profile, &weights);
        let mut m = Model {
            cat,
            profile,
            weights,
            analysis,
            rank_pos: Vec::new(),
            cost_pick: CostPick::default(),
            curves: None,
            path: None,
        };
        m.place();
        m
    }

    /// Rank again after the profile or weights changed, with what `view` shows.
    pub fn refresh(&mut self, view: View) {
        self.rank();
        self.refresh_view(view);
    }

    /// Rank again after the profile or weights changed, without what only a view computes.
    pub fn rank(&mut self) {
        self.analysis = decide::analyse(&self.cat.engines, &self.profile, &self.weights);
        self.place();
    }

    /// The cost curves cost two extra rankings and a crossing search, the path a search over
    /// every volume: each only for its own view.
    pub fn refresh_view(&mut self, view: View) {
        self.curves = (view == View::Cost).then(|| match &self.cost_pick {
            CostPick::Leaders => decide::crossover::curves(
                &self.cat.engines,
                &self.profile,
                &self.weights,
                LEADERS.0,
                LEADERS.1,
                POINTS,
            ),
            CostPick::Matching(engines) | CostPick::Marked { engines, .. } => {
                decide::crossover::curves_of(
                    &self.cat.engines,
                    &self.profile,
                    engines.clone(),
                    POINTS,
                )
            }
        });
        self.path = (view == View::Path).then(|| {
            decide::path::path(
                &self.cat.engines,
                &self.profile,
                &self.weights,
                decide::path::FROM,
                decide::path::TO,
            )
        });
    }

    fn place(&mut self) {
        let mut pos = vec![0; self.cat.engines.len()];
        for (i, r) in self.analysis.ranking.rows.iter().enumerate() {
            pos[r.engine] = i;
        }
        self.rank_pos = pos;
    }

    /// An engine of the catalogue.
    pub fn engine(&self, engine: usize) -> &Engine {
        &self.cat.engines[engine]
    }

    /// The ranking row of an engine.
    pub fn row(&self, engine: usize) -> &Row {
        &self.analysis.ranking.rows[self.rank_pos[engine]]
    }

    /// The 1-based rank of an engine.
    pub fn rank_of(&self, engine: usize) -> usize {
        self.rank_pos[engine] + 1
    }

    /// The number of catalogue problems (errors and warnings, not notes).
    pub fn problem_count(&self) -> usize {
        self.cat.problems().count()
    }
}
