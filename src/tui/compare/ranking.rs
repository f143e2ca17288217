//! The ranking pane: the engines in rank order (those the search matches), candidates first,
//! then the knocked-out engines below a rule.

use super::list_move;
use crate::tui::action::Action;
use crate::tui::model::Model;
use crate::tui::scroll::Scroll;
use crate::tui::search::Search;
use ratatui::layout::Rect;
use std::cell::RefCell;

/// One line of the ranking pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankLine {
    /// An engine.
    Engine(usize),
    /// The rule above the knocked-out engines.
    Rule,
}

/// The ranking's state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ranking {
    /// Engine indices in ranking order, filtered by the search.
    pub rows: Vec<usize>,
    /// The lines' scroll (counting the rule).
    pub scroll: Scroll,
    /// `o`: the engines out of the running are left out of both lists.
    pub hide_out: bool,
    /// The engine each row of the pane showed at the last draw (none for the rule), so a click
    /// lands on what was drawn there, wrapped reasons included.
    pub drawn: RefCell<Vec<Option<usize>>>,
}

impl Ranking {
    /// Take the analysis's order, keeping the engines the search shows (and, after `o`, those
    /// in the running, unless no engine is: an empty list would explain nothing).
    pub fn rebuild(&mut self, model: &Model, search: &Search) {
        let shown = || {
            model
                .analysis
                .ranking
                .rows
                .iter()
                .filter(|r| search.shows(r.engine))
        };
        let hide = self.hide_out && shown().any(|r| !r.is_out());
        self.rows = shown()
            .filter(|r| !(hide && r.is_out()))
            .map(|r| r.engine)
            .collect();
    }

    /// How many engines the search shows that `o` leaves out of the lists.
    pub fn out_hidden(&self, model: &Model, search: &Search) -> usize {
        if !self.hide_out {
            return 0;
        }
        model
            .analysis
            .ranking
            .rows
            .iter()
            .filter(|r| r.is_out() && search.shows(r.engine) && !self.rows.contains(&r.engine))
            .count()
    }

    /// The pane's lines: candidates, a rule, then knocked-out engines.
    pub fn lines(&self, model: &Model) -> Vec<RankLine> {
        let mut out = Vec::with_capacity(self.rows.len() + 1);
        let mut ruled = false;
        for &i in &self.rows {
            if !ruled && model.row(i).is_out() {
                out.push(RankLine::Rule);
                ruled = true;
            }
            out.push(RankLine::Engine(i));
        }
        out
    }

    /// Its keys: movement selects in rank order; the engine to select.
    pub fn update(&self, action: Action, selected: usize) -> Option<usize> {
        list_move(&self.rows, selected, action, self.scroll.half_page())
    }

    /// The engine on screen row `y` of a pane whose inside is `inner`, if any.
    pub fn click(&self, y: u16, inner: Rect, model: &Model) -> Option<usize> {
        if y < inner.y {
            return None;
        }
        let row = usize::from(y - inner.y);
        if let Some(shown) = self.drawn.borrow().get(row) {
            return *shown;
        }
        let line = self.scroll.top() + row;
        match self.lines(model).get(line) {
            Some(RankLine::Engine(i)) => Some(*i),
            _ => None,
        }
    }
}
