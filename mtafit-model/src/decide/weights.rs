//! One weight per factor, 0–10 in hundredths.

use crate::catalogue::{Factor, FactorId, PerFactor};
use crate::units;
use std::collections::BTreeMap;

/// The largest weight a slider allows.
pub const MAX_WEIGHT: f64 = units::MAX_WEIGHT;

/// Factor weights, one per [`FactorId`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights(pub PerFactor<f64>);

impl Weights {
    /// Every weight at `v` (kept within 0–10).
    pub fn uniform(v: f64) -> Weights {
        let mut w = Weights(PerFactor::default());
        for f in FactorId::ALL {
            w.set(f, v);
        }
        w
    }

    /// The default weights of the factors file.
    pub fn defaults(factors: &[Factor]) -> Weights {
        let mut w = Weights::uniform(0.0);
        for f in factors {
            if let Some(id) = FactorId::from_id(&f.id) {
                w.0[id] = f.default_weight;
            }
        }
        w
    }

    /// The weight of one factor.
    pub fn get(&self, f: FactorId) -> f64 {
        self.0[f]
    }

    /// Set one weight, kept within 0–10 and rounded to its hundredth (NaN becomes 0).
    pub fn set(&mut self, f: FactorId, v: f64) {
        self.0[f] = if v.is_nan() {
            0.0
        } else {
            units::round_to(v.clamp(0.0, MAX_WEIGHT), 2)
        };
    }

    /// These weights with those of the factors not `asked` set to 0.
    pub fn only(&self, asked: &crate::catalogue::PerFactor<bool>) -> Weights {
        let mut w = *self;
        for (f, a) in asked.iter() {
            if !a {
                w.0[f] = 0.0;
            }
        }
        w
    }

    /// The sum of all weights.
    pub fn total(&self) -> f64 {
        self.0.values().sum()
    }

    /// True when every weight is zero: no ranking is possible.
    pub fn all_zero(&self) -> bool {
        self.total() <= 0.0
    }

    /// Apply saved weights (ids already validated; unknown ids are ignored).
    pub fn apply(&mut self, saved: &BTreeMap<String, f64>) {
        for (id, v) in saved {
            if let Some(f) = FactorId::from_id(id) {
                self.set(f, *v);
            }
        }
    }

    /// As a sorted map, for profile files.
    pub fn to_btree(&self) -> BTreeMap<String, f64> {
        FactorId::ALL
            .iter()
            .map(|f| (f.id().to_owned(), self.get(*f)))
            .collect()
    }
}

/// Why a `--weight ID=N` could not be read. Every text in it is made safe for a terminal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WeightError {
    /// No `=` between a factor and a number.
    #[error("cannot read --weight {input:?}: write it as ID=N, e.g. --weight budget=9")]
    NotIdN {
        /// What was written.
        input: String,
    },
    /// The factor is none of [`FactorId::ALL`].
    #[error(
        "--weight names the unknown factor {found:?}{}; expected one of {}",
        crate::ronfile::DidYouMean(*.suggestion),
        FactorId::IDS.join(", ")
    )]
    UnknownFactor {
        /// The factor as written.
        found: String,
        /// The factor a near miss most likely meant.
        suggestion: Option<&'static str>,
    },
    /// The value is not a number.
    #[error(
        "--weight {factor}={value}: expected a number: {words}, found {value:?}",
        words = units::WEIGHT_WORDS
    )]
    NotANumber {
        /// The factor's id.
        factor: &'static str,
        /// The value as written, trimmed.
        value: String,
    },
    /// A number that is not a weight: out of range, or finer than a hundredth.
    #[error(
        "--weight {factor}={value}: expected {words}, found {value}",
        words = units::WEIGHT_WORDS
    )]
    OutOfRange {
        /// The factor's id.
        factor: &'static str,
        /// The value as written, trimmed.
        value: String,
    },
}

impl crate::text::ShortForm for WeightError {
    /// Without `--weight ID=N` again, where the value is already shown.
    fn short(&self) -> String {
        match self {
            WeightError::NotIdN { .. } => "write it as ID=N, e.g. --weight budget=9".into(),
            WeightError::UnknownFactor { found, suggestion } => format!(
                "unknown factor {found:?}{}; expected one of {}",
                crate::ronfile::DidYouMean(*suggestion),
                FactorId::IDS.join(", ")
            ),
            WeightError::NotANumber { value, .. } => format!(
                "expected a number: {}, found {value:?}",
                units::WEIGHT_WORDS
            ),
            WeightError::OutOfRange { value, .. } => {
                format!("expected {}, found {value}", units::WEIGHT_WORDS)
            }
        }
    }
}

/// Read `--weight ID=N`.
pub fn parse_weight(arg: &str) -> Result<(FactorId, f64), WeightError> {
    let Some((id, n)) = arg.split_once('=') else {
        return Err(WeightError::NotIdN {
            input: crate::text::quoted(arg, crate::text::QUOTE_MAX).into_owned(),
        });
    };
    let id = id.trim();
    let f = FactorId::from_id(id).ok_or_else(|| WeightError::UnknownFactor {
        found: crate::text::quoted(id, crate::text::QUOTE_MAX).into_owned(),
        suggestion: crate::ronfile::nearest(id, FactorId::IDS),
    })?;
    let value = crate::text::quoted(n.trim(), crate::text::QUOTE_MAX).into_owned();
    let v: f64 = n
        .trim()
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| WeightError::NotANumber {
            factor: f.id(),
            value: value.clone(),
        })?;
    let v = units::weight_value(v).ok_or(WeightError::OutOfRange {
        factor: f.id(),
        value,
    })?;
    Ok((f, v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_read_and_clamped() {
        assert_eq!(parse_weight("budget=9.5"), Ok((FactorId::Budget, 9.5)));
        assert_eq!(parse_weight(" team = 0 "), Ok((FactorId::Team, 0.0)));
        let err = |arg: &str| parse_weight(arg).unwrap_err();
        let short = |arg: &str| crate::text::ShortForm::short(&err(arg));
        assert!(err("budget").to_string().contains("ID=N"));
        assert_eq!(short("budget"), "write it as ID=N, e.g. --weight budget=9");
        assert!(
            err("budgte=3")
                .to_string()
                .contains("did you mean `budget`?")
        );
        assert_eq!(
            short("budgte=3"),
            "unknown factor \"budgte\" (did you mean `budget`?); expected one of volume, budget, \
             team, cloud_native, support, marketing, capabilities, reversibility"
        );
        assert_eq!(
            err("volume=30").to_string(),
            "--weight volume=30: expected 0, or a weight from 0.01 to 10 (weights count in \
             hundredths), found 30"
        );
        assert_eq!(
            short("volume=30"),
            "expected 0, or a weight from 0.01 to 10 (weights count in hundredths), found 30"
        );
        assert_eq!(
            err("budget=NaN").to_string(),
            "--weight budget=NaN: expected a number: 0, or a weight from 0.01 to 10 (weights \
             count in hundredths), found \"NaN\""
        );
        // Below a hundredth a weight would show as 0 and still count for everything.
        for tiny in ["5e-324", "0.004", "1e-3"] {
            let e = err(&format!("volume={tiny}")).to_string();
            assert!(e.contains("in hundredths") && e.ends_with(tiny), "{e}");
        }
        assert_eq!(parse_weight("volume=0.01"), Ok((FactorId::Volume, 0.01)));
        assert_eq!(parse_weight("volume=0.333"), Ok((FactorId::Volume, 0.33)));
        assert_eq!(parse_weight("volume=-0"), Ok((FactorId::Volume, 0.0)));
        let mut w = Weights::uniform(1.0);
        w.set(FactorId::Volume, 42.0);
        w.set(FactorId::Budget, f64::NAN);
        assert_eq!(
            (w.get(FactorId::Volume), w.get(FactorId::Budget)),
            (10.0, 0.0)
        );
    }
}
