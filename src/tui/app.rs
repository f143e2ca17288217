//! The app's state (the Model of The Elm Architecture): a handful of components around the
//! shared [`Model`] they all read. Each component owns its state, handles its own keys in an
//! `update` method and is drawn by its own file under `view/`; ARCHITECTURE.md lists them with
//! their keys.

use super::action::View;
use super::compare::{Compare, Pane};
use super::history::{History, Step};
use super::keymap::Context;
use super::marks::Marks;
use super::measuring::Measuring;
use super::model::{CostPick, MAX_MARKED, Model, TOP};
use super::popup::Popup;
use super::screen::Screen;
use super::search::Search;
use super::session::Session;
use super::status::Status;
use super::theme::Theme;
use super::views::Views;
use mtafit_model::catalogue::Catalogue;
use mtafit_model::decide::Weights;
use mtafit_model::profile::Profile;

/// The whole state of the explorer.
#[derive(Debug, Clone)]
pub struct App {
    /// The catalogue, profile, weights and what the model computes from them.
    pub model: Model,
    /// Which view shows, and the text views' scrolls.
    pub views: Views,
    /// The compare view's panes, focus and selection.
    pub compare: Compare,
    /// The fuzzy search.
    pub search: Search,
    /// The engines marked for the shortlist.
    pub marks: Marks,
    /// The popup, if one is open.
    pub popup: Option<Popup>,
    /// The status line's message.
    pub status: Status,
    /// A mail log being measured in the background for the profile editor.
    pub measuring: Option<Measuring>,
    /// The terminal's size and the colours.
    pub screen: Screen,
    /// How this run started, whether it saves on quitting, whether it has ended.
    pub session: Session,
    /// The profile and weights before each change, for `u`, and the session's start, for `R`.
    pub history: History,
}

impl App {
    /// A new app on a catalogue, profile and weights.
    pub fn new(cat: Catalogue, profile: Profile, weights: Weights, theme: Theme) -> App {
        let defaults = Weights::defaults(&cat.factors);
        let mut app = App {
            model: Model::new(cat, profile.clone(), weights),
            views: Views::default(),
            compare: Compare::new(defaults),
            search: Search::default(),
            marks: Marks::default(),
            popup: None,
            status: Status::default(),
            measuring: None,
            screen: Screen::new(theme),
            session: Session::default(),
            history: History::new(profile.clone(), weights),
        };
        app.refresh();
        app.compare.selected = app.compare.ranking.rows.first().copied().unwrap_or(0);
        app.session.baseline = app.to_save();
        app
    }

    /// Rebuild what depends on the profile and weights: the model's analysis (and the curves
    /// or path of the view shown) and both lists' rows. The search's matches do not depend on
    /// them, so a slider move does not fuzzy-match every engine again.
    pub fn refresh(&mut self) {
        self.model.rank();
        self.refresh_view();
        self.compare.rebuild(&self.model, &self.search);
    }

    /// Rebuild what only the view shown computes: the cost view's curves follow the marks and
    /// the search as well as the ranking.
    pub fn refresh_view(&mut self) {
        self.model.cost_pick = self.cost_pick();
        self.model.refresh_view(self.views.current);
    }

    /// The engines the cost view draws: the marked ones when any are marked, else the top of the
    /// ranking among a kept search's matches, else the leaders; a search narrows the marked
    /// ones too.
    pub fn cost_pick(&self) -> CostPick {
        let marked: Vec<usize> = self
            .marks
            .marked(&self.model)
            .into_iter()
            .filter(|&i| self.search.shows(i))
            .collect();
        if !self.marks.is_empty() {
            return CostPick::Marked {
                of: marked.len(),
                engines: marked.into_iter().take(MAX_MARKED).collect(),
            };
        }
        if self.search.active() {
            return CostPick::Matching(
                self.model
                    .analysis
                    .ranking
                    .rows
                    .iter()
                    .map(|r| r.engine)
                    .filter(|&i| self.search.shows(i))
                    .take(TOP)
                    .collect(),
            );
        }
        CostPick::Leaders
    }

    /// The profile to remember: with the weights and the marked engines.
    pub fn to_save(&self) -> Profile {
        // An edit still open in the profile form is a preview, not a decision: keep the original.
        let mut p = match &self.popup {
            Some(Popup::Profile(form)) => form.original.clone(),
            _ => self.model.profile.clone(),
        };
        p.session.weights = self.model.weights.to_btree();
        p.session.shortlist = self.marks.ids().cloned().collect();
        p
    }

    /// The decision as it stands, to undo back to: the profile (not an edit still open in the
    /// profile form, which is a preview) and the weights.
    pub fn decision(&self, what: &'static str) -> Step {
        let profile = match &self.popup {
            Some(Popup::Profile(form)) => form.original.clone(),
            _ => self.model.profile.clone(),
        };
        Step {
            profile,
            weights: self.model.weights,
            what,
        }
    }

    /// Put a decision back (undo, reset, a loaded profile): everything ranks again.
    pub fn restore(&mut self, profile: Profile, weights: Weights) {
        self.model.profile = profile;
        self.model.weights = weights;
        self.refresh();
    }

    /// True when the profile, weights or marks differ from the session's start.
    pub fn changed(&self) -> bool {
        self.to_save() != self.session.baseline
    }

    /// Where the keys go now, as the key map's context: the query while one is typed, else an
    /// open popup (a form, or any other), else the view, or in the compare view the focused
    /// pane.
    pub fn context(&self) -> Context {
        if self.search.typing {
            return Context::Search;
        }
        match (&self.popup, self.views.current) {
            (Some(Popup::Profile(_) | Popup::Export(_) | Popup::SaveAs(_)), _) => Context::Form,
            (Some(_), _) => Context::Popup,
            (None, View::Cost) => Context::Cost,
            (None, View::Walk) => Context::Walk,
            (None, View::Path) => Context::Path,
            (None, View::Compare) => match self.compare.focus {
                Pane::Ranking => Context::Ranking,
                Pane::Table => Context::Table,
                Pane::Weights => Context::Weights,
                Pane::Detail => Context::Detail,
            },
        }
    }
}
