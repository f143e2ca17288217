//! The compare view: four panes over one selection — the ranking, the table, the weights and the
//! detail — each with its own state and keys, and [`Compare`] routing keys, clicks and the wheel
//! to the pane they are for.

pub mod column;
pub mod detail;
pub mod ranking;
pub mod sliders;
pub mod table;

use super::action::Action;
use super::ask::Ask;
use super::layout::{self, Areas};
use super::model::Model;
use super::search::Search;
use super::status::Tone;
use detail::Detail;
use mtafit_model::decide::Weights;
use ranking::Ranking;
use sliders::Sliders;
use strum::VariantArray;
use table::Table;

/// The panes of the compare view, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::VariantArray)]
pub enum Pane {
    /// The live ranking.
    Ranking,
    /// The sortable table.
    Table,
    /// The weight sliders.
    Weights,
    /// The selected engine's detail.
    Detail,
}

/// The compare view's state.
#[derive(Debug, Clone, PartialEq)]
pub struct Compare {
    /// The focused pane.
    pub focus: Pane,
    /// The selected engine (index into the catalogue), shared by every pane.
    pub selected: usize,
    /// The ranking pane.
    pub ranking: Ranking,
    /// The table pane.
    pub table: Table,
    /// The weights pane.
    pub sliders: Sliders,
    /// The detail pane.
    pub detail: Detail,
}

/// A list's movement keys as rows to move, in a list whose half page is `half` rows.
fn rows_moved(action: Action, half: usize) -> Option<isize> {
    let half = half as isize;
    Some(match action {
        Action::Up => -1,
        Action::Down => 1,
        Action::Top => isize::MIN / 2,
        Action::Bottom => isize::MAX / 2,
        Action::HalfPageDown => half,
        Action::HalfPageUp => -half,
        _ => return None,
    })
}

/// The engine a movement key selects in a list of `rows`, clamped at both ends; `None` for an
/// empty list or another key.
fn list_move(rows: &[usize], selected: usize, action: Action, half: usize) -> Option<usize> {
    step(rows, selected, rows_moved(action, half)?)
}

/// The engine `delta` rows from `selected` in `rows`, clamped.
fn step(rows: &[usize], selected: usize, delta: isize) -> Option<usize> {
    if rows.is_empty() {
        return None;
    }
    let at = rows.iter().position(|&i| i == selected).unwrap_or(0) as isize;
    let to = (at + delta).clamp(0, rows.len() as isize - 1) as usize;
    Some(rows[to])
}

impl Compare {
    /// The view with the ranking focused; `defaults` are the weights `r` resets to.
    pub fn new(defaults: Weights) -> Compare {
        Compare {
            focus: Pane::Ranking,
            selected: 0,
            ranking: Ranking::default(),
            table: Table::default(),
            sliders: Sliders::new(defaults),
            detail: Detail::default(),
        }
    }

    /// Rebuild both lists from the analysis, the search and the sort, keeping the selection in
    /// them.
    pub fn rebuild(&mut self, model: &Model, search: &Search) {
        self.ranking.rebuild(model, search);
        self.table.rebuild(&self.ranking.rows, model);
        if !self.ranking.rows.contains(&self.selected)
            && let Some(first) = self.ranking.rows.first()
        {
            self.selected = *first;
        }
    }

    /// Select an engine from a list: the detail starts at its top.
    fn select(&mut self, engine: Option<usize>) {
        if let Some(e) = engine {
            self.selected = e;
            self.detail.scroll.to_top();
        }
    }

    /// The view's keys: Tab and `w` move the focus, the focused pane takes its own keys, and
    /// sorting, marking and stepping through matches work from every pane.
    pub fn update(&mut self, action: Action, model: &Model, search: &Search) -> Vec<Ask> {
        use Action as A;
        match (self.focus, action) {
            (_, A::FocusNext | A::FocusPrev) => {
                let i = Pane::VARIANTS
                    .iter()
                    .position(|p| *p == self.focus)
                    .unwrap_or(0) as isize;
                let d = if action == A::FocusNext { 1 } else { -1 };
                let n = Pane::VARIANTS.len() as isize;
                self.focus = Pane::VARIANTS[(i + d).rem_euclid(n) as usize];
            }
            (_, A::FocusWeights) => self.focus = Pane::Weights,
            (
                Pane::Weights,
                A::Up | A::Down | A::Top | A::Bottom | A::Left | A::Right | A::FlipUp | A::FlipDown,
            ) => return self.sliders.update(action, model),
            (
                Pane::Detail,
                A::Up | A::Down | A::Top | A::Bottom | A::HalfPageDown | A::HalfPageUp,
            ) => self.detail.update(action),
            (
                Pane::Ranking,
                A::Up | A::Down | A::Top | A::Bottom | A::HalfPageDown | A::HalfPageUp,
            ) => {
                let to = self.ranking.update(action, self.selected);
                self.select(to);
            }
            (
                Pane::Table,
                A::Up
                | A::Down
                | A::Top
                | A::Bottom
                | A::HalfPageDown
                | A::HalfPageUp
                | A::Left
                | A::Right,
            ) => {
                let to = self.table.update(action, self.selected);
                self.select(to);
            }
            (_, A::SortNext) => return self.table.sort_next(&self.ranking.rows, model),
            (_, A::SortReverse) => self.table.reverse(&self.ranking.rows, model),
            (_, A::HideColumn) => return self.table.hide(&self.ranking.rows, model),
            (_, A::ShowColumns) => return self.table.show_hidden(),
            (_, A::ToggleOut) => return self.toggle_out(model, search),
            (_, A::Mark) if self.ranking.rows.is_empty() => {
                return vec![Ask::say(
                    "no engine matches the search; Esc clears it",
                    Tone::Warn,
                )];
            }
            (_, A::Mark) => return vec![Ask::Mark(self.selected)],
            (_, A::NextMatch | A::PrevMatch) => {
                return self.step_match(search, action == A::NextMatch);
            }
            _ => {}
        }
        Vec::new()
    }

    /// `o`: hide the engines out of the running from both lists, or show them again.
    fn toggle_out(&mut self, model: &Model, search: &Search) -> Vec<Ask> {
        let rows = &model.analysis.ranking.rows;
        let shown = rows.iter().filter(|r| search.shows(r.engine));
        if !self.ranking.hide_out && shown.clone().all(|r| r.is_out()) {
            return vec![Ask::say(
                "every engine shown is out of the running: hiding them would leave nothing",
                Tone::Warn,
            )];
        }
        self.ranking.hide_out = !self.ranking.hide_out;
        self.rebuild(model, search);
        let said = if self.ranking.hide_out {
            format!(
                "{} out of the running hidden; o shows them again",
                self.ranking.out_hidden(model, search)
            )
        } else {
            "engines out of the running shown again".to_owned()
        };
        vec![Ask::say(said, Tone::Info)]
    }

    /// `n` and `N`: the next or previous match, in the order the focused list shows them,
    /// wrapping at either end.
    fn step_match(&mut self, search: &Search, forward: bool) -> Vec<Ask> {
        if search.hits.is_empty() {
            return vec![Ask::say("no search: press / to search", Tone::Warn)];
        }
        let list = match self.focus {
            Pane::Table => &self.table.rows,
            _ => &self.ranking.rows,
        };
        let rows: Vec<usize> = list
            .iter()
            .copied()
            .filter(|i| search.hit(*i).is_some())
            .collect();
        let n = rows.len();
        if n == 0 {
            return Vec::new();
        }
        let at = rows.iter().position(|&i| i == self.selected);
        let next = match (at, forward) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, _) => 0,
        };
        self.selected = rows[next];
        vec![Ask::say(format!("match {} of {n}", next + 1), Tone::Info)]
    }

    /// A click in the view: it focuses the pane under it, and selects, sorts or sets a slider
    /// there.
    pub fn click(&mut self, x: u16, y: u16, a: &Areas, model: &Model) -> Vec<Ask> {
        if layout::contains(a.weights, x, y) {
            self.focus = Pane::Weights;
            return self.sliders.click(x, y, a.weights);
        }
        if layout::contains(a.ranking, x, y) {
            self.focus = Pane::Ranking;
            let to = self.ranking.click(y, layout::inner(a.ranking), model);
            self.select(to);
        } else if layout::contains(a.table, x, y) {
            self.focus = Pane::Table;
            let inner = layout::inner(a.table);
            let (to, asks) = self.table.click(x, y, inner, &self.ranking.rows, model);
            self.select(to);
            return asks;
        } else if layout::contains(a.detail, x, y) {
            self.focus = Pane::Detail;
        }
        Vec::new()
    }

    /// The wheel scrolls the pane under it: the lists move their selection, the detail its
    /// text, the weights their cursor.
    pub fn wheel(&mut self, x: u16, y: u16, down: bool, a: &Areas) {
        let d = if down { 3 } else { -3 };
        if layout::contains(a.ranking, x, y) {
            let to = step(&self.ranking.rows, self.selected, d);
            self.select(to);
        } else if layout::contains(a.table, x, y) {
            let to = step(&self.table.rows, self.selected, d);
            self.select(to);
        } else if layout::contains(a.detail, x, y) {
            self.detail.update(Action::Wheel(x, y, down));
        } else if layout::contains(a.weights, x, y) {
            self.sliders.wheel(down);
        }
    }
}
