//! Where everything goes on screen. Views draw into these areas and mouse handling hit-tests
//! against the same ones, so a click always lands on what was drawn there.

use super::action::View;
use mtafit_model::catalogue::FactorId;
use ratatui::layout::{Constraint, Layout, Rect};
use strum::VariantArray;

/// Below this size the app only says how large a terminal it needs.
pub const MIN_SIZE: (u16, u16) = (60, 16);

/// The areas of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    /// The one-line header.
    pub header: Rect,
    /// Everything between header and status line.
    pub body: Rect,
    /// The one-line status bar.
    pub status: Rect,
    /// Compare view: the ranking pane.
    pub ranking: Rect,
    /// Compare view: the table pane.
    pub table: Rect,
    /// Compare view: the weights pane.
    pub weights: Rect,
    /// Compare view: the detail pane.
    pub detail: Rect,
}

/// True when the terminal is too small to be useful.
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1
}

/// Split the screen for a view.
pub fn areas(area: Rect, view: View) -> Areas {
    if too_small(area) {
        return Areas::default();
    }
    let [header, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let mut a = Areas {
        header,
        body,
        status,
        ..Areas::default()
    };
    if view == View::Compare {
        // Proportions in u32: a u16 product overflows from 2,048 columns.
        let share = |len: u16, percent: u32| (u32::from(len) * percent / 100) as u16;
        let left = share(body.width, 32).clamp(30, 60).min(body.width / 2);
        let bottom = share(body.height, 45)
            .max(10)
            .min(body.height.saturating_sub(5));
        let [upper, lower] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(bottom)]).areas(body);
        let columns = Layout::horizontal([Constraint::Length(left), Constraint::Fill(1)]);
        [a.ranking, a.table] = columns.areas(upper);
        [a.weights, a.detail] = columns.areas(lower);
    }
    a
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

/// True when screen cell (`x`, `y`) is inside `r`.
pub fn contains(r: Rect, x: u16, y: u16) -> bool {
    x >= r.x && x < r.right() && y >= r.y && y < r.bottom()
}

/// Cells left of the table's columns for the selection and shortlist marks.
pub const TABLE_GUTTER: u16 = 2;

/// The slider track of a factor in the weights pane: (x, y, width) in screen cells.
pub fn slider_track(weights: Rect, f: FactorId) -> Option<Rect> {
    let inner = inner(weights);
    let row = f.index() as u16 * rows_per_slider(weights);
    if row >= inner.height || inner.width < 24 {
        return None;
    }
    let x = inner.x + SLIDER_LABEL;
    let w = inner.width.saturating_sub(SLIDER_LABEL + SLIDER_VALUE);
    Some(Rect::new(x, inner.y + row, w, 1))
}

/// Width of the slider labels.
pub const SLIDER_LABEL: u16 = 15;
/// Width of the value after a slider.
pub const SLIDER_VALUE: u16 = 6;

/// Two lines per slider (the second shows its stable range) when the pane is tall enough.
pub fn rows_per_slider(weights: Rect) -> u16 {
    if inner(weights).height >= 16 { 2 } else { 1 }
}

/// The weight a click at column `x` of a track means: 0 at the left end, 10 at the right.
pub fn weight_at(track: Rect, x: u16) -> f64 {
    if track.width <= 1 {
        return 0.0;
    }
    let pos = x.saturating_sub(track.x).min(track.width - 1);
    (f64::from(pos) * 10.0 / f64::from(track.width - 1)).round()
}

/// A view's tab in the header.
pub fn tab_label(v: View) -> &'static str {
    match v {
        View::Compare => "[1]Compare",
        View::Cost => "[2]Cost",
        View::Walk => "[3]Walk",
        View::Path => "[4]Path",
    }
}

/// Two lines per slider show every range; with one, the weights pane shows the selected
/// slider's range under the sliders when it has room for it.
pub fn weights_show_selected_range(weights: Rect) -> bool {
    let sliders = FactorId::COUNT as u16;
    rows_per_slider(weights) == 1 && inner(weights).y + sliders + 1 < inner(weights).bottom()
}

/// Where the view tabs sit in the header: (view, x start, x end).
pub fn view_tabs(header: Rect) -> Vec<(View, u16, u16)> {
    let labels = View::VARIANTS.iter().map(|v| (*v, tab_label(*v)));
    let total: u16 = labels.clone().map(|(_, l)| l.len() as u16 + 1).sum();
    let mut x = header.right().saturating_sub(total + 1);
    labels
        .map(|(v, l)| {
            let start = x;
            x += l.len() as u16 + 1;
            (v, start, start + l.len() as u16)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slider_positions_map_to_weights() {
        let track = Rect::new(10, 5, 21, 1);
        assert_eq!(weight_at(track, 10), 0.0);
        assert_eq!(weight_at(track, 30), 10.0);
        assert_eq!(weight_at(track, 20), 5.0);
        assert_eq!(weight_at(track, 99), 10.0);
        assert_eq!(weight_at(track, 0), 0.0);
    }

    #[test]
    fn very_wide_and_tall_screens_split_without_overflow() {
        // 2,048 × 32 overflows a u16; the split must not.
        for (w, h) in [(2048, 40), (u16::MAX, u16::MAX), (60, 16)] {
            let a = areas(Rect::new(0, 0, w, h), View::Compare);
            assert_eq!(a.ranking.width + a.table.width, w, "{w}×{h}");
            assert!(
                a.ranking.width <= 60 && a.ranking.width >= 30,
                "{w}×{h}: {a:?}"
            );
            assert_eq!(a.ranking.height + a.weights.height, h - 2, "{w}×{h}");
            assert_eq!(a.detail.x, a.table.x);
        }
    }

    #[test]
    fn view_tabs_end_at_the_right_edge() {
        let tabs = view_tabs(Rect::new(0, 0, 100, 1));
        assert_eq!(tabs.len(), View::VARIANTS.len());
        assert!(tabs[View::VARIANTS.len() - 1].2 < 100);
        assert!(tabs[0].1 < tabs[1].1);
    }
}
