//! Undo for the decision: the profile and weights before each change, newest last, and what the
//! session started from, which `R` goes back to.

use mtafit_model::catalogue::FactorId;
use mtafit_model::decide::Weights;
use mtafit_model::profile::Profile;

/// How many changes `u` can undo; older ones are forgotten.
const DEPTH: usize = 200;

/// The decision at one moment: the profile and the weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The profile (without the session's part: weights and marks are kept apart).
    pub profile: Profile,
    /// The weights.
    pub weights: Weights,
    /// What changed after it, for the status line: "a weight", "the profile", …
    pub what: &'static str,
}

/// The changes that can be undone, and the session's start.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// The decision before each change, oldest first.
    steps: Vec<Step>,
    /// The profile and weights the session started from.
    start: Option<(Profile, Weights)>,
    /// The slider a mouse drag is moving, once the drag has recorded its one step.
    gesture: Option<FactorId>,
}

impl History {
    /// A history that starts from `profile` and `weights`.
    pub fn new(profile: Profile, weights: Weights) -> History {
        History {
            start: Some((profile, weights)),
            ..History::default()
        }
    }

    /// The profile and weights the session started from.
    pub fn start(&self) -> Option<&(Profile, Weights)> {
        self.start.as_ref()
    }

    /// Remember the decision before a change. A drag of one slider is one change, however many
    /// columns it moves: `gesture` names the slider while the mouse button is held.
    pub fn record(&mut self, before: Step, gesture: Option<FactorId>) {
        if gesture.is_some() && gesture == self.gesture {
            return;
        }
        self.gesture = gesture;
        if self.steps.len() == DEPTH {
            self.steps.remove(0);
        }
        self.steps.push(before);
    }

    /// The mouse button was released or something else happened: the next drag is a new change.
    pub fn end_gesture(&mut self) {
        self.gesture = None;
    }

    /// Take the newest change's step back, if any.
    pub fn undo(&mut self) -> Option<Step> {
        self.gesture = None;
        self.steps.pop()
    }

    /// How many changes can be undone.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// True when there is nothing to undo.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(volume: u64) -> Step {
        let cat = mtafit_model::catalogue::Catalogue::builtin();
        Step {
            profile: Profile::from(mtafit_model::profile::Situation {
                monthly_volume: volume,
                ..Default::default()
            }),
            weights: Weights::defaults(&cat.factors),
            what: "the profile",
        }
    }

    #[test]
    fn a_drag_is_one_change_and_the_oldest_are_forgotten() {
        let mut h = History::default();
        h.record(step(1), Some(FactorId::Volume));
        h.record(step(2), Some(FactorId::Volume));
        assert_eq!(h.len(), 1, "one drag, one step");
        h.end_gesture();
        h.record(step(3), Some(FactorId::Volume));
        assert_eq!(h.len(), 2, "a new drag is a new step");
        for n in 0..DEPTH as u64 + 5 {
            h.record(step(10 + n), None);
        }
        assert_eq!(h.len(), DEPTH);
        assert_eq!(
            h.undo().map(|s| s.profile.monthly_volume),
            Some(DEPTH as u64 + 14)
        );
    }
}
