//! The shortlist: the engines marked with Space, kept by id so a new ranking keeps them.

use super::model::Model;
use std::collections::BTreeSet;

/// The marked engines' ids.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marks {
    ids: BTreeSet<String>,
}

impl FromIterator<String> for Marks {
    fn from_iter<I: IntoIterator<Item = String>>(ids: I) -> Marks {
        Marks {
            ids: ids.into_iter().collect(),
        }
    }
}

impl Marks {
    /// True when the engine with this id is marked.
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    /// How many engines are marked.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when nothing is marked.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The marked ids, in id order.
    pub fn ids(&self) -> impl Iterator<Item = &String> {
        self.ids.iter()
    }

    /// Mark the engine with this id, or unmark it; what the status line says about it.
    pub fn toggle(&mut self, id: &str) -> String {
        if !self.ids.remove(id) {
            self.ids.insert(id.to_owned());
        }
        format!("{} marked; c compares them, e exports them", self.len())
    }

    /// True when the engine (an index into the catalogue) is marked.
    pub fn is_marked(&self, model: &Model, engine: usize) -> bool {
        self.contains(&model.engine(engine).id)
    }

    /// The marked engines, in ranking order.
    pub fn marked(&self, model: &Model) -> Vec<usize> {
        model
            .analysis
            .ranking
            .rows
            .iter()
            .map(|r| r.engine)
            .filter(|i| self.is_marked(model, *i))
            .collect()
    }

    /// The engine indices to export: the marked ones, or else the top five candidates.
    pub fn shortlist(&self, model: &Model) -> Vec<usize> {
        let marked = self.marked(model);
        if marked.is_empty() {
            model
                .analysis
                .ranking
                .candidates()
                .take(5)
                .map(|r| r.engine)
                .collect()
        } else {
            marked
        }
    }
}
