//! The weights pane: a slider per factor, moved with the keys, a click or a drag, or flipped to
//! where the top pick changes.

use crate::tui::action::Action;
use crate::tui::ask::Ask;
use crate::tui::layout;
use crate::tui::model::Model;
use crate::tui::status::Tone;
use mtafit_model::catalogue::FactorId;
use mtafit_model::decide::Weights;
use mtafit_model::decide::weights::MAX_WEIGHT;
use ratatui::layout::Rect;

/// The weights pane's state (the weights themselves are the model's).
#[derive(Debug, Clone, PartialEq)]
pub struct Sliders {
    /// The selected slider.
    pub cursor: FactorId,
    /// The slider being dragged with the mouse.
    pub dragging: Option<FactorId>,
    /// The weights `r` resets to.
    pub defaults: Weights,
}

impl Sliders {
    /// The pane with the first slider selected.
    pub fn new(defaults: Weights) -> Sliders {
        Sliders {
            cursor: FactorId::Volume,
            dragging: None,
            defaults,
        }
    }

    /// Its keys: ↑↓ (and g/G) choose a slider, ←→ move it a whole step, `[` and `]` flip it.
    pub fn update(&mut self, action: Action, model: &Model) -> Vec<Ask> {
        match action {
            Action::Up => self.cursor = self.cursor.step(-1),
            Action::Down => self.cursor = self.cursor.step(1),
            Action::Top => self.cursor = FactorId::Volume,
            Action::Bottom => self.cursor = FactorId::LAST,
            Action::Left | Action::Right => {
                let f = self.cursor;
                // Whole steps from wherever the slider is (a flip jump can leave it fractional).
                let w = model.weights.get(f);
                let next = if action == Action::Right {
                    (w + 1.0).floor()
                } else {
                    (w - 1.0).ceil()
                };
                return vec![Ask::Weight(f, next.clamp(0.0, MAX_WEIGHT))];
            }
            Action::FlipUp | Action::FlipDown => return self.flip(model, action == Action::FlipUp),
            _ => {}
        }
        Vec::new()
    }

    /// Jump the selected weight just past where the top pick changes.
    fn flip(&self, model: &Model, up: bool) -> Vec<Ask> {
        let f = self.cursor;
        let Some(range) = model
            .analysis
            .sensitivity
            .factors
            .iter()
            .find(|r| r.factor == f)
        else {
            return Vec::new();
        };
        let (target, who) = if up {
            (range.to + 0.05, range.above)
        } else {
            (range.from - 0.05, range.below)
        };
        let Some(e) = who else {
            return vec![Ask::say(
                format!(
                    "no engine takes the top by {} {}",
                    if up { "raising" } else { "lowering" },
                    f.name().to_lowercase()
                ),
                Tone::Info,
            )];
        };
        // Round to a tenth past the edge, so the slider shows a readable number.
        let v = if up {
            (target * 10.0).ceil() / 10.0
        } else {
            (target * 10.0).floor() / 10.0
        };
        // The message gives the weight as set (clamped and rounded), as the slider shows it.
        let mut set = model.weights;
        set.set(f, v);
        vec![
            Ask::Weight(f, v),
            Ask::say(
                format!(
                    "{} at {:.1}: {} takes the top",
                    f.name(),
                    set.get(f),
                    model.engine(e).name
                ),
                Tone::Info,
            ),
        ]
    }

    /// A click in the pane (at `area`): the slider on that row is selected, and a click on its
    /// track sets it there and starts a drag.
    pub fn click(&mut self, x: u16, y: u16, area: Rect) -> Vec<Ask> {
        let mut asks = Vec::new();
        for f in FactorId::ALL {
            if let Some(track) = layout::slider_track(area, f) {
                let rows = layout::rows_per_slider(area);
                if y >= track.y && y < track.y + rows {
                    self.cursor = f;
                    if layout::contains(track, x, track.y) {
                        self.dragging = Some(f);
                        asks.push(Ask::Weight(f, layout::weight_at(track, x)));
                    }
                }
            }
        }
        asks
    }

    /// A drag to column `x`: the slider being dragged follows it.
    pub fn drag(&self, x: u16, area: Rect, model: &Model) -> Vec<Ask> {
        let Some(f) = self.dragging else {
            return Vec::new();
        };
        match layout::slider_track(area, f) {
            Some(track) => {
                let v = layout::weight_at(track, x);
                if v != model.weights.get(f) {
                    vec![Ask::Weight(f, v)]
                } else {
                    Vec::new()
                }
            }
            None => Vec::new(),
        }
    }

    /// The wheel over the pane chooses a slider.
    pub fn wheel(&mut self, down: bool) {
        self.cursor = self.cursor.step(if down { 1 } else { -1 });
    }
}
