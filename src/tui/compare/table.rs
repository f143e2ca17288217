//! The table pane: every engine shown with its facts and fits, in the order of its sort, the
//! name column frozen while the others scroll sideways.

use super::column::Column;
use super::list_move;
use crate::tui::action::Action;
use crate::tui::ask::Ask;
use crate::tui::layout::TABLE_GUTTER;
use crate::tui::model::Model;
use crate::tui::scroll::Scroll;
use crate::tui::status::Tone;
use mtafit_model::catalogue::Catalogue;
use mtafit_model::decide;
use mtafit_model::text;
use ratatui::layout::Rect;
use std::cell::Cell;

/// How the table is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    /// The column.
    pub column: Column,
    /// Reversed from the column's natural order.
    pub reversed: bool,
}

/// The table's state.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Engine indices in table order, filtered by the search.
    pub rows: Vec<usize>,
    /// The sort.
    pub sort: Sort,
    /// Columns scrolled past on the right of the frozen name column.
    pub hscroll: usize,
    /// The rows' scroll.
    pub scroll: Scroll,
    /// The columns the last draw showed whole: (first, last) places in [`Table::visible`], so
    /// a sort can bring its column into view.
    pub shown: Cell<(usize, usize)>,
    /// Columns hidden with `-`, in the order they were hidden; `+` shows them again.
    pub hidden: Vec<Column>,
}

impl Default for Table {
    fn default() -> Table {
        Table {
            rows: Vec::new(),
            sort: Sort {
                column: Column::Score,
                reversed: false,
            },
            hscroll: 0,
            scroll: Scroll::default(),
            shown: Cell::default(),
            hidden: Vec::new(),
        }
    }
}

impl Table {
    /// The furthest the table can scroll sideways with every column shown.
    pub fn max_hscroll() -> usize {
        Column::ALL.len() - 2
    }

    /// The columns not hidden, in display order (the name column always).
    pub fn visible(&self) -> Vec<Column> {
        Column::ALL
            .into_iter()
            .filter(|c| !self.hidden.contains(c))
            .collect()
    }

    /// The furthest the table can scroll sideways over the columns not hidden.
    fn hscroll_limit(&self) -> usize {
        self.visible().len().saturating_sub(2)
    }

    /// `-`: hide the sorted column (never the names); the sort moves on to the next column
    /// shown, so `-` again hides that one.
    pub fn hide(&mut self, ranking: &[usize], model: &Model) -> Vec<Ask> {
        let column = self.sort.column;
        if column == Column::Name {
            return vec![Ask::say(
                "the engine names stay: sort by another column (s) to hide it with -",
                Tone::Warn,
            )];
        }
        let visible = self.visible();
        let at = visible.iter().position(|c| *c == column).unwrap_or(0);
        let next = visible
            .iter()
            .cycle()
            .skip(at + 1)
            .take(visible.len())
            .find(|c| **c != column && **c != Column::Name)
            .copied()
            .unwrap_or(Column::Name);
        self.hidden.push(column);
        self.hscroll = self.hscroll.min(self.hscroll_limit());
        self.sort_by(next, false, ranking, model);
        vec![Ask::say(
            format!(
                "hid {}; sorted by {}; + shows hidden columns again",
                column.title(),
                next.title()
            ),
            Tone::Info,
        )]
    }

    /// `+`: show every hidden column again.
    pub fn show_hidden(&mut self) -> Vec<Ask> {
        if self.hidden.is_empty() {
            return vec![Ask::say(
                "no column is hidden: - hides the sorted column",
                Tone::Info,
            )];
        }
        let names: Vec<&str> = self.hidden.iter().map(|c| c.title()).collect();
        let said = format!("shown again: {}", names.join(", "));
        self.hidden.clear();
        vec![Ask::say(said, Tone::Info)]
    }

    /// Order the ranking's rows (already filtered by the search) by the sort; ties keep ranking
    /// order, so the table never shuffles equal rows.
    pub fn rebuild(&mut self, ranking: &[usize], model: &Model) {
        let mut rows = ranking.to_vec();
        let pos = &model.rank_pos;
        let engines = &model.cat.engines;
        let col = self.sort.column;
        rows.sort_by(|&a, &b| {
            let (ea, eb) = (&engines[a], &engines[b]);
            let (ra, rb) = (model.row(a), model.row(b));
            let natural = match col {
                Column::Score => rb.score.total_cmp(&ra.score),
                Column::Standing => ra.standing().cmp(&rb.standing()),
                Column::Name => decide::rank::cmp_names(&ea.name, &eb.name),
                Column::Cost => ra.cost.total().total_cmp(&rb.cost.total()),
                Column::Licence => ea.licence_label().cmp(&eb.licence_label()),
                Column::Kind => ea.kind.cmp(&eb.kind),
                Column::Status => ea.status.cmp(&eb.status),
                Column::Band => (ea.volume.min_per_month, ea.volume.max_per_month)
                    .cmp(&(eb.volume.min_per_month, eb.volume.max_per_month)),
                Column::Config => ea.config.level().cmp(&eb.config.level()),
                // Unasked, no engine has a fit: every row ties and keeps ranking order.
                Column::Fit(f) if !model.analysis.ranking.asked[f] => std::cmp::Ordering::Equal,
                Column::Fit(f) => rb.fits[f].total_cmp(&ra.fits[f]),
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
            ordered.then(pos[a].cmp(&pos[b]))
        });
        self.rows = rows;
    }

    /// Its keys: movement selects in table order (the engine to select), ←→ scroll sideways.
    pub fn update(&mut self, action: Action, selected: usize) -> Option<usize> {
        match action {
            Action::Left => self.hscroll = self.hscroll.saturating_sub(1),
            Action::Right => self.hscroll = (self.hscroll + 1).min(self.hscroll_limit()),
            _ => return list_move(&self.rows, selected, action, self.scroll.half_page()),
        }
        None
    }

    /// `s`: sort by the next column shown.
    pub fn sort_next(&mut self, ranking: &[usize], model: &Model) -> Vec<Ask> {
        let visible = self.visible();
        let at = visible
            .iter()
            .position(|c| *c == self.sort.column)
            .unwrap_or(0);
        let next = visible[(at + 1) % visible.len()];
        self.sort_by(next, false, ranking, model)
    }

    /// `S`: reverse the sort.
    pub fn reverse(&mut self, ranking: &[usize], model: &Model) {
        self.sort.reversed = !self.sort.reversed;
        self.rebuild(ranking, model);
    }

    /// Sort by a column, bringing it into view, and say how it sorts.
    pub fn sort_by(
        &mut self,
        column: Column,
        reversed: bool,
        ranking: &[usize],
        model: &Model,
    ) -> Vec<Ask> {
        self.sort = Sort { column, reversed };
        self.rebuild(ranking, model);
        // Bring the sorted column into view when the last draw did not show it whole: it becomes
        // the first column after the frozen names.
        let at = self
            .visible()
            .iter()
            .position(|c| *c == column)
            .unwrap_or(0);
        let (first, last) = self.shown.get();
        if at > 0 && (at < first || at > last) {
            self.hscroll = (at - 1).min(self.hscroll_limit());
        }
        let dir = if column.best_first() {
            "best first"
        } else {
            "A→Z / low→high"
        };
        vec![Ask::say(
            format!("sorted by {} ({dir}); S reverses", column.title()),
            Tone::Info,
        )]
    }

    /// A click inside the pane (whose inside is `inner`): a header sorts by its column (again:
    /// reversed), a row is the engine to select.
    pub fn click(
        &mut self,
        x: u16,
        y: u16,
        inner: Rect,
        ranking: &[usize],
        model: &Model,
    ) -> (Option<usize>, Vec<Ask>) {
        if y == inner.y {
            if let Some(c) = self.column_at(&model.cat, inner, x) {
                let reversed = self.sort.column == c && !self.sort.reversed;
                return (None, self.sort_by(c, reversed, ranking, model));
            }
        } else if y > inner.y {
            let row = self.scroll.top() + usize::from(y - inner.y - 1);
            return (self.rows.get(row).copied(), Vec::new());
        }
        (None, Vec::new())
    }

    /// The widest of a text over the rows shown, in columns.
    fn longest(
        &self,
        cat: &Catalogue,
        f: impl Fn(&mtafit_model::catalogue::Engine) -> String,
    ) -> u16 {
        self.rows
            .iter()
            .map(|i| text::width(&f(&cat.engines[*i])))
            .max()
            .unwrap_or(0) as u16
    }

    /// Width of a column in cells.
    pub fn column_width(&self, cat: &Catalogue, c: Column) -> u16 {
        // Room for the title, its sort arrow and a gap, whatever the content needs.
        let title = text::width(c.title()) as u16 + 2;
        let content = match c {
            Column::Name => {
                let longest = self
                    .rows
                    .iter()
                    .map(|i| text::width(&cat.engines[*i].name))
                    .max()
                    .unwrap_or(6);
                (longest as u16 + 2).clamp(10, 18)
            }
            Column::Score => 7,
            Column::Standing => 10,
            Column::Cost => 9,
            // Free text: as wide as the longest row's, within bounds, so no licence or
            // configuration language is cut while the columns after it can scroll into view.
            Column::Licence => (self.longest(cat, |e| e.licence_label()) + 1).clamp(14, 30),
            Column::Kind => 12,
            Column::Status => 10,
            Column::Band => 12,
            Column::Config => (self.longest(cat, |e| e.config.label()) + 1).clamp(8, 16),
            Column::Fit(_) => 7,
            Column::Cap(_) => 9,
            Column::Retention => 8,
        };
        content.max(title)
    }

    /// The visible columns with their x offset inside the pane: the name column, then the
    /// others starting `hscroll` columns along.
    pub fn columns(&self, cat: &Catalogue, width: u16) -> Vec<(Column, u16, u16)> {
        let mut out = Vec::new();
        let mut x = 0u16;
        for (i, c) in self.visible().iter().enumerate() {
            if i > 0 && i <= self.hscroll {
                continue;
            }
            let w = self.column_width(cat, *c);
            if x >= width {
                break;
            }
            // Only whole columns, so no header loses its sort arrow; one cut column rather than
            // none when the pane is too narrow for any. A free-text column (licence, config)
            // takes what is left when its title and a few characters fit, rather than leave a
            // gap as wide as itself: its cells end in … and → says more lies to the right.
            if x + w > width {
                let room = width - x;
                let text_fits = matches!(c, Column::Licence | Column::Config)
                    && room >= (text::width(c.title()) as u16 + 2).max(8);
                if out.len() <= 1 || text_fits {
                    out.push((*c, x, room));
                }
                break;
            }
            out.push((*c, x, w));
            x += w;
        }
        out
    }

    /// The column under screen column `x`, for a pane whose inside is `inner`.
    pub fn column_at(&self, cat: &Catalogue, inner: Rect, x: u16) -> Option<Column> {
        let left = inner.x + TABLE_GUTTER;
        self.columns(cat, inner.width.saturating_sub(TABLE_GUTTER))
            .into_iter()
            .find(|(_, cx, w)| x >= left + cx && x < left + cx + w)
            .map(|(c, _, _)| c)
    }
}
