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
    /// Derived, for the cost view only: the leaders' cost curves.
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
            curves: None,
            path: None,
        };
        m.place();
        m
    }

    /// Rank again after the profile or weights changed, with what `view` shows.
    pub fn refresh(&mut self, view: View) {
        self.analysis = decide::analyse(&self.cat.engines, &self.profile, &self.weights);
        self.place();
        self.refresh_view(view);
    }

    /// The cost curves cost two extra rankings and a crossing search, the path a search over
    /// every volume: each only for its own view.
    pub fn refresh_view(&mut self, view: View) {
        self.curves = (view == View::Cost).then(|| {
            decide::crossover::curves(&self.cat.engines, &self.profile, &self.weights, 3, 2, 61)
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
