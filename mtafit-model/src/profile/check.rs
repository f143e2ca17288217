//! What serde cannot check about a profile: each field's bounds and resolution, and the
//! factor ids of its weights, field by field from the table; and rounding what passes.

use super::field::{FieldId, Kind, Unit, fields};
use super::model::Profile;
use crate::catalogue::FactorId;
use crate::{ronfile, units};

/// A problem in a profile and where in the file it belongs.
pub(super) struct Issue {
    /// Where.
    pub at: Where,
    /// The whole sentence.
    pub message: String,
}

/// A place in a profile file.
pub(super) enum Where {
    /// A field's value.
    Field(FieldId),
    /// The key of an entry of a map field.
    Key(FieldId, String),
    /// The value of an entry of a map field.
    KeyValue(FieldId, String),
}

/// The words a check's message gives a unit.
fn unit_words(unit: Unit) -> &'static str {
    match unit {
        Unit::UsdAnHour => "USD an hour",
        Unit::UsdAMonth => "USD a month",
        Unit::HoursAMonth => "hours a month",
        Unit::HoursADay => "hours a day",
        Unit::TimesAnAverageDay => "times an average day",
    }
}

impl Profile {
    /// Problems a person could fix: unknown factor ids, impossible numbers.
    pub fn problems(&self) -> Vec<String> {
        self.issues().into_iter().map(|i| i.message).collect()
    }

    /// Each problem with the place in a profile file it belongs to, field by field.
    pub(super) fn issues(&self) -> Vec<Issue> {
        let mut out = Vec::new();
        for f in fields() {
            let id = f.id.id();
            let at = Where::Field(f.id);
            // Upper bounds keep every cost a finite number a table can print; amounts count in
            // cents and hours in hundredths, so none is a speck that shows as 0 and still
            // counts.
            let message = match &f.kind {
                Kind::Amount { slot, max, unit } => {
                    let v = *(slot.get)(self);
                    units::money_value(v, *max).is_none().then(|| {
                        let step = if unit.is_money() {
                            "amounts count in cents"
                        } else {
                            "hours count in hundredths"
                        };
                        format!(
                            "expected {id} of 0, or from 0.01 to {} {} ({step}), found {}",
                            units::grouped(*max as u64),
                            unit_words(*unit),
                            units::quoted_number(v)
                        )
                    })
                }
                Kind::Within { slot, range, unit } => {
                    let v = *(slot.get)(self);
                    (!v.is_finite() || !range.contains(&v)).then(|| {
                        format!(
                            "expected {id} from {} to {} {}, found {}",
                            range.start(),
                            range.end(),
                            unit_words(*unit),
                            units::quoted_number(v)
                        )
                    })
                }
                Kind::Count { slot, max } => {
                    let v = *(slot.get)(self);
                    (v > *max).then(|| format!("expected {id} from 0 to {max}, found {v}"))
                }
                Kind::Volume(slot) => {
                    let v = *(slot.get)(self);
                    (v > units::MAX_VOLUME).then(|| {
                        format!(
                            "expected {id} of at most {}, found {}",
                            units::MAX_VOLUME_WORDS,
                            units::grouped(v)
                        )
                    })
                }
                Kind::PerDay { slot, min } => {
                    let v = *(slot.get)(self);
                    (!(*min..=units::MAX_VOLUME).contains(&v)).then(|| {
                        format!(
                            "expected {id} from {min} to {}, found {}",
                            units::grouped(units::MAX_VOLUME),
                            units::grouped(v)
                        )
                    })
                }
                Kind::Budget(slot) => (*(slot.get)(self))
                    .filter(|b| units::budget_value(*b).is_none())
                    .map(|b| {
                        format!(
                            "expected {id} to be {}, or None for no cap; found {}",
                            units::BUDGET_WORDS,
                            units::quoted_number(b)
                        )
                    }),
                Kind::Growth(slot) => (*(slot.get)(self))
                    .filter(|g| !units::GROWTH_RANGE.contains(&g.per_month))
                    .map(|g| {
                        format!(
                            "expected {id} per_month from -0.5 to 1.0 (−50 % to +100 % a month), \
                             found {}",
                            units::quoted_number(g.per_month)
                        )
                    }),
                Kind::Weights(slot) => {
                    out.extend(weight_issues(f.id, (slot.get)(self)));
                    None
                }
                Kind::Toggle(_) | Kind::Choice(_) | Kind::Engines(_) | Kind::Capabilities(_) => {
                    None
                }
            };
            out.extend(message.map(|message| Issue { at, message }));
        }
        out
    }

    /// Every number at its resolution (valid numbers only, see [`Profile::problems`]): a budget
    /// in whole dollars, other amounts in cents, hours and weights in hundredths.
    pub fn round(&mut self) {
        for f in fields() {
            match &f.kind {
                Kind::Budget(s) => {
                    let v = (s.get)(self).map(|b| units::round_to(b, 0));
                    (s.set)(self, v);
                }
                Kind::Amount { slot: s, .. } | Kind::Within { slot: s, .. } => {
                    let v = units::round_to(*(s.get)(self), 2);
                    (s.set)(self, v);
                }
                Kind::Weights(s) => {
                    let mut w = (s.get)(self).clone();
                    for v in w.values_mut() {
                        *v = units::round_to(*v, 2);
                    }
                    (s.set)(self, w);
                }
                Kind::Toggle(_)
                | Kind::Choice(_)
                | Kind::Volume(_)
                | Kind::PerDay { .. }
                | Kind::Count { .. }
                | Kind::Engines(_)
                | Kind::Capabilities(_)
                | Kind::Growth(_) => {}
            }
        }
    }
}

/// An unknown factor id, or a weight out of range or finer than a hundredth.
fn weight_issues(field: FieldId, weights: &std::collections::BTreeMap<String, f64>) -> Vec<Issue> {
    let id = field.id();
    let mut out = Vec::new();
    for (factor, w) in weights {
        if FactorId::from_id(factor).is_none() {
            out.push(Issue {
                at: Where::Key(field, factor.clone()),
                message: format!(
                    "unknown factor {:?} in {id}; expected one of {}{}",
                    crate::text::quoted(factor, crate::text::QUOTE_MAX),
                    FactorId::IDS.join(", "),
                    ronfile::suggest(factor, FactorId::IDS)
                ),
            });
        } else if units::weight_value(*w).is_none() {
            out.push(Issue {
                at: Where::KeyValue(field, factor.clone()),
                message: format!(
                    "expected the weight of {factor} to be {}, found {}",
                    units::WEIGHT_WORDS,
                    units::quoted_number(*w)
                ),
            });
        }
    }
    out
}
