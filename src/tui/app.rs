//! The app's state (the Model of The Elm Architecture) and the data derived from it.
//!
//! Derived data — the analysis, the rows each list shows — is rebuilt only by [`App::refresh`],
//! which `update` calls after any change; views read it and never compute the model themselves.

use super::form::ProfileForm;
use super::scroll::Scroll;
use super::search::Search;
use super::theme::Theme;
use mtafit_model::catalogue::{Capability, Catalogue, FactorId};
use mtafit_model::decide::{self, Analysis, Weights};
use mtafit_model::profile::Profile;
use std::collections::BTreeSet;

/// The three views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum View {
    /// Ranking, table, weights and detail.
    Compare,
    /// Annual cost against volume.
    Cost,
    /// The brief's decision diagram.
    Walk,
    /// The top pick across volumes.
    Path,
}

impl View {
    /// Every view, in the order of their tabs and keys.
    pub const ALL: [View; <View as strum::EnumCount>::COUNT] =
        [View::Compare, View::Cost, View::Walk, View::Path];
}

/// The panes of the compare view, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
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

impl Pane {
    /// Tab order.
    pub const ALL: [Pane; <Pane as strum::EnumCount>::COUNT] =
        [Pane::Ranking, Pane::Table, Pane::Weights, Pane::Detail];
}

/// A table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum Column {
    /// The engine's name (kept in view when scrolling sideways).
    Name,
    /// Score, in ranking order.
    Score,
    /// Annual cost at the profile's volume.
    Cost,
    /// Licence.
    Licence,
    /// Self-hosted or managed.
    Kind,
    /// Development status: active, maintained, stalled, legacy.
    Status,
    /// Volume band.
    Band,
    /// Configuration style.
    Config,
    /// One factor's fit.
    Fit(FactorId),
    /// A capability that tells services apart (EU data, dedicated IPs, inbound, streams,
    /// suppression API).
    Cap(Capability),
    /// How many days a service keeps its events.
    Retention,
}

impl Column {
    /// Every column, in display order.
    pub const ALL: [Column;
        <Column as strum::EnumCount>::COUNT - 2 + FactorId::COUNT + Column::RENTERS.len()] = [
        Column::Name,
        Column::Score,
        Column::Cost,
        Column::Licence,
        Column::Kind,
        Column::Status,
        Column::Band,
        Column::Config,
        Column::Fit(FactorId::Volume),
        Column::Fit(FactorId::Budget),
        Column::Fit(FactorId::Team),
        Column::Fit(FactorId::CloudNative),
        Column::Fit(FactorId::Support),
        Column::Fit(FactorId::Marketing),
        Column::Fit(FactorId::Capabilities),
        Column::Fit(FactorId::Reversibility),
        Column::Cap(Capability::EuDataResidency),
        Column::Cap(Capability::DedicatedIps),
        Column::Cap(Capability::InboundParsing),
        Column::Cap(Capability::MessageStreams),
        Column::Cap(Capability::SuppressionApi),
        Column::Retention,
    ];

    /// The capabilities renters are told apart by, each a column.
    pub const RENTERS: [Capability; 5] = [
        Capability::EuDataResidency,
        Capability::DedicatedIps,
        Capability::InboundParsing,
        Capability::MessageStreams,
        Capability::SuppressionApi,
    ];

    /// The header text.
    pub fn title(self) -> &'static str {
        match self {
            Column::Name => "Engine",
            Column::Score => "Score",
            Column::Cost => "Cost/yr",
            Column::Licence => "Licence",
            Column::Kind => "Kind",
            Column::Status => "Status",
            Column::Band => "Volume band",
            Column::Config => "Config",
            Column::Fit(f) => f.short(),
            Column::Cap(Capability::EuDataResidency) => "EU data",
            Column::Cap(Capability::DedicatedIps) => "Own IPs",
            Column::Cap(Capability::InboundParsing) => "Inbound",
            Column::Cap(Capability::MessageStreams) => "Streams",
            Column::Cap(Capability::SuppressionApi) => "Suppr. API",
            Column::Cap(c) => c.label(),
            Column::Retention => "Events kept",
        }
    }

    /// True when the best values sort first by default (scores, fits).
    pub fn best_first(self) -> bool {
        matches!(
            self,
            Column::Score | Column::Fit(_) | Column::Cap(_) | Column::Retention
        )
    }
}

/// How the table is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    /// The column.
    pub column: Column,
    /// Reversed from the column's natural order.
    pub reversed: bool,
}

/// A popup over the current view.
#[derive(Debug, Clone)]
pub enum Popup {
    /// Every key, grouped.
    Help(Scroll),
    /// The marked engines side by side.
    SideBySide(Scroll),
    /// Catalogue problems.
    Problems(Scroll),
    /// The profile editor.
    Profile(Box<ProfileForm>),
    /// The export dialog.
    Export(Box<super::dialog::Dialog>),
    /// A fresh session with changes is quitting: save them for next time?
    SaveOnQuit,
}

/// How serious a status message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Information.
    Info,
    /// Something to notice.
    Warn,
    /// Something failed.
    Error,
}

impl Popup {
    /// The popup's scroll, for those that scroll.
    pub fn scroll(&self) -> Option<&Scroll> {
        match self {
            Popup::Help(s) | Popup::SideBySide(s) | Popup::Problems(s) => Some(s),
            Popup::Profile(_) | Popup::Export(_) | Popup::SaveOnQuit => None,
        }
    }
}

/// The scrollable areas outside popups.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scrolls {
    /// The ranking pane (rows, counting the rule above the knocked-out engines).
    pub ranking: Scroll,
    /// The table pane (rows).
    pub table: Scroll,
    /// The detail pane (lines).
    pub detail: Scroll,
    /// The walk view (lines).
    pub walk: Scroll,
    /// The path view (lines).
    pub path: Scroll,
    /// The table's columns the last draw showed whole: (first, last) indices into
    /// [`Column::ALL`], so a sort can bring its column into view.
    pub columns: std::cell::Cell<(usize, usize)>,
}

/// The whole state of the explorer.
#[derive(Debug, Clone)]
pub struct App {
    /// The merged catalogue.
    pub cat: Catalogue,
    /// The sender's profile.
    pub profile: Profile,
    /// The factor weights.
    pub weights: Weights,
    /// The weights `r` resets to.
    pub default_weights: Weights,
    /// Derived: ranking, walk, sensitivity (rebuilt by `refresh`).
    pub analysis: Analysis,
    /// Derived: engine indices in ranking order, filtered by the search.
    pub ranking_rows: Vec<usize>,
    /// Derived: engine indices in table order, filtered by the search.
    pub table_rows: Vec<usize>,
    /// Derived: for each engine, its position in the ranking.
    pub rank_pos: Vec<usize>,
    /// Derived, for the cost view only: the leaders' cost curves.
    pub curves: Option<decide::crossover::Curves>,
    /// Derived, for the path view only: the top pick across volumes.
    pub path: Option<decide::path::Path>,
    /// The current view.
    pub view: View,
    /// The focused pane of the compare view.
    pub focus: Pane,
    /// The popup, if one is open.
    pub popup: Option<Popup>,
    /// The selected engine (index into `cat.engines`), shared by every pane.
    pub selected: usize,
    /// The table's sort.
    pub sort: Sort,
    /// Columns scrolled past on the right of the frozen name column.
    pub hscroll: usize,
    /// The selected weight slider.
    pub weight_cursor: FactorId,
    /// The fuzzy search.
    pub search: Search,
    /// Engine ids marked for the shortlist.
    pub marks: BTreeSet<String>,
    /// The status-line message.
    pub status: Option<(String, Tone)>,
    /// Colours and styles.
    pub theme: Theme,
    /// False under `NO_COLOR` or `--no-color`: the theme stays monochrome.
    pub color: bool,
    /// The slider being dragged with the mouse.
    pub dragging: Option<FactorId>,
    /// Scroll positions.
    pub scroll: Scrolls,
    /// The terminal size, for mouse hit tests.
    pub size: (u16, u16),
    /// Set by `Quit`.
    pub quit: bool,
    /// A mail log being measured in the background for the profile editor.
    pub measuring: Option<Measuring>,
    /// Started with `--fresh`: the saved state of earlier sessions is left alone unless the
    /// user changes something and chooses to save it on quitting.
    pub fresh: bool,
    /// What would be saved as the session started, to tell whether the user changed anything.
    pub baseline: mtafit_model::profile::Profile,
    /// The user chose to save on quitting (a fresh session).
    pub save_on_quit: bool,
    /// The saved state was there at start but could not be read (or moved aside): it is left
    /// as it is, and nothing is saved over it.
    pub keep_saved_state: bool,
    /// The folder the explorer was started in: where a relative export path lands.
    pub cwd: std::path::PathBuf,
}

/// What a measuring thread ends with.
pub type MeasureResult =
    Result<mtafit_measure::Measured, super::worker::Failed<mtafit_measure::MeasureError>>;

/// A measurement running on its own thread; the event loop collects the result.
#[derive(Debug, Clone)]
pub struct Measuring {
    /// The log.
    pub path: std::path::PathBuf,
    /// Its progress, and the way to stop it.
    pub meter: std::sync::Arc<mtafit_measure::Meter>,
    /// The thread, once started; joined when it ends, so a panic is reported, not lost.
    pub thread: std::sync::Arc<std::sync::Mutex<Option<std::thread::JoinHandle<MeasureResult>>>>,
}

impl Measuring {
    /// A measurement of `path`, not yet started.
    pub fn new(path: std::path::PathBuf) -> Measuring {
        Measuring {
            path,
            meter: Default::default(),
            thread: Default::default(),
        }
    }

    /// The log's file name as messages show it (control characters removed).
    pub fn name(&self) -> String {
        let name = self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        mtafit_model::text::sanitize(&name).into_owned()
    }

    /// Take the result when the thread has finished (a panic in it is an `Err`).
    pub fn take(&self) -> Option<MeasureResult> {
        super::worker::finished(&mut *self.thread.lock().ok()?)
    }
}

impl App {
    /// A new app on a catalogue, profile and weights.
    pub fn new(cat: Catalogue, profile: Profile, weights: Weights, theme: Theme) -> App {
        let default_weights = Weights::defaults(&cat.factors);
        let analysis = decide::analyse(&cat.engines, &profile, &weights);
        let mut app = App {
            cat,
            profile,
            weights,
            default_weights,
            analysis,
            ranking_rows: Vec::new(),
            table_rows: Vec::new(),
            rank_pos: Vec::new(),
            curves: None,
            path: None,
            view: View::Compare,
            focus: Pane::Ranking,
            popup: None,
            selected: 0,
            sort: Sort {
                column: Column::Score,
                reversed: false,
            },
            hscroll: 0,
            weight_cursor: FactorId::Volume,
            search: Search::default(),
            marks: BTreeSet::new(),
            status: None,
            theme,
            color: true,
            dragging: None,
            scroll: Scrolls::default(),
            size: (120, 40),
            quit: false,
            measuring: None,
            fresh: false,
            baseline: mtafit_model::profile::Profile::default(),
            save_on_quit: false,
            keep_saved_state: false,
            cwd: std::path::PathBuf::new(),
        };
        app.refresh();
        app.selected = app.ranking_rows.first().copied().unwrap_or(0);
        app.baseline = app.to_save();
        app
    }

    /// The profile to remember: with the weights and the marked engines.
    pub fn to_save(&self) -> mtafit_model::profile::Profile {
        // An edit still open in the profile form is a preview, not a decision: keep the original.
        let mut p = match &self.popup {
            Some(Popup::Profile(form)) => form.original.clone(),
            _ => self.profile.clone(),
        };
        p.session.weights = self.weights.to_btree();
        p.session.shortlist = self.marks.iter().cloned().collect();
        p
    }

    /// True when the profile, weights or marks differ from the session's start.
    pub fn changed(&self) -> bool {
        self.to_save() != self.baseline
    }

    /// True when quitting now should save the state: always in a normal session; in a fresh one
    /// only when the user said so; never over a saved state that could not be read.
    pub fn saves_on_quit(&self) -> bool {
        !self.keep_saved_state && (!self.fresh || self.save_on_quit)
    }

    /// Rebuild what depends on the profile and weights: the analysis, both lists' rows and
    /// (in the cost view) the curves. The search hits do not depend on them, so a slider move
    /// does not fuzzy-match every engine again.
    pub fn refresh(&mut self) {
        self.analysis = decide::analyse(&self.cat.engines, &self.profile, &self.weights);
        self.rebuild_rows();
        self.refresh_curves();
    }

    /// Match the query again after it changed, and rebuild the lists it filters.
    pub fn refilter(&mut self) {
        self.search.run(&self.cat.engines);
        self.rebuild_rows();
    }

    /// The cost curves cost two extra rankings and a crossing search, the path a search over
    /// every volume: each only for its own view.
    pub fn refresh_curves(&mut self) {
        self.curves = (self.view == View::Cost).then(|| {
            decide::crossover::curves(&self.cat.engines, &self.profile, &self.weights, 3, 2, 61)
        });
        self.path = (self.view == View::Path).then(|| {
            decide::path::path(
                &self.cat.engines,
                &self.profile,
                &self.weights,
                decide::path::FROM,
                decide::path::TO,
            )
        });
    }

    /// Rebuild the rows of both lists from the analysis, search and sort.
    pub fn rebuild_rows(&mut self) {
        let shows = |i: &usize| self.search.shows(*i);
        self.ranking_rows = self
            .analysis
            .ranking
            .rows
            .iter()
            .map(|r| r.engine)
            .filter(shows)
            .collect();
        let mut rows = self.ranking_rows.clone();
        let mut pos = vec![0; self.cat.engines.len()];
        for (i, r) in self.analysis.ranking.rows.iter().enumerate() {
            pos[r.engine] = i;
        }
        let row = |i: usize| &self.analysis.ranking.rows[pos[i]];
        let engines = &self.cat.engines;
        let col = self.sort.column;
        rows.sort_by(|&a, &b| {
            let (ea, eb) = (&engines[a], &engines[b]);
            let natural = match col {
                Column::Score => pos[a].cmp(&pos[b]),
                Column::Name => decide::rank::cmp_names(&ea.name, &eb.name),
                Column::Cost => row(a).cost.total().total_cmp(&row(b).cost.total()),
                Column::Licence => ea.licence_label().cmp(&eb.licence_label()),
                Column::Kind => ea.kind.cmp(&eb.kind),
                Column::Status => ea.status.cmp(&eb.status),
                Column::Band => (ea.volume.min_per_month, ea.volume.max_per_month)
                    .cmp(&(eb.volume.min_per_month, eb.volume.max_per_month)),
                Column::Config => ea.config.level().cmp(&eb.config.level()),
                Column::Fit(f) => row(b).fits[f].total_cmp(&row(a).fits[f]),
                Column::Cap(c) => eb
                    .capability(c)
                    .credit()
                    .total_cmp(&ea.capability(c).credit()),
                Column::Retention => eb.event_retention_days.cmp(&ea.event_retention_days),
            };
            let ordered = if self.sort.reversed {
                natural.reverse()
            } else {
                natural
            };
            // Ties keep ranking order, so the table never shuffles equal rows.
            ordered.then(pos[a].cmp(&pos[b]))
        });
        self.table_rows = rows;
        self.rank_pos = pos;
        if !self.ranking_rows.contains(&self.selected)
            && let Some(first) = self.ranking_rows.first()
        {
            self.selected = *first;
        }
    }

    /// The engine index shown in the detail pane, the selected one.
    pub fn selected_engine(&self) -> &mtafit_model::catalogue::Engine {
        &self.cat.engines[self.selected]
    }

    /// The ranking row of an engine.
    pub fn row(&self, engine: usize) -> &decide::Row {
        &self.analysis.ranking.rows[self.rank_pos[engine]]
    }

    /// The 1-based rank of an engine.
    pub fn rank_of(&self, engine: usize) -> usize {
        self.rank_pos[engine] + 1
    }

    /// True when the engine is marked.
    pub fn is_marked(&self, engine: usize) -> bool {
        self.marks.contains(&self.cat.engines[engine].id)
    }

    /// The marked engines, in ranking order.
    pub fn marked(&self) -> Vec<usize> {
        self.analysis
            .ranking
            .rows
            .iter()
            .map(|r| r.engine)
            .filter(|i| self.is_marked(*i))
            .collect()
    }

    /// The engine indices to export: the marked ones, or else the top five candidates.
    pub fn shortlist(&self) -> Vec<usize> {
        let marked = self.marked();
        if marked.is_empty() {
            self.analysis
                .ranking
                .candidates()
                .take(5)
                .map(|r| r.engine)
                .collect()
        } else {
            marked
        }
    }

    /// Show a message in the status line.
    pub fn say(&mut self, text: impl Into<String>, tone: Tone) {
        // Status lines often quote a path or a value as typed: make them safe once, here.
        let text = text.into();
        self.status = Some((mtafit_model::text::sanitize(&text).into_owned(), tone));
    }

    /// The number of catalogue problems (errors and warnings, not notes).
    pub fn problem_count(&self) -> usize {
        self.cat.problems().count()
    }
}
