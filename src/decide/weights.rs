//! One weight per factor, 0–10.

use super::FactorId;
use crate::catalogue::{FACTOR_IDS, Factor};
use std::collections::BTreeMap;

/// The largest weight a slider allows.
pub const MAX_WEIGHT: f64 = 10.0;

/// Factor weights, indexed by [`FactorId`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights(pub [f64; 8]);

impl Weights {
    /// The default weights of the factors file.
    pub fn defaults(factors: &[Factor]) -> Weights {
        let mut w = Weights([0.0; 8]);
        for f in factors {
            if let Some(id) = FactorId::from_id(&f.id) {
                w.0[id as usize] = f.default_weight;
            }
        }
        w
    }

    /// The weight of one factor.
    pub fn get(&self, f: FactorId) -> f64 {
        self.0[f as usize]
    }

    /// Set one weight, kept within 0–10 (NaN becomes 0).
    pub fn set(&mut self, f: FactorId, v: f64) {
        self.0[f as usize] = if v.is_nan() {
            0.0
        } else {
            v.clamp(0.0, MAX_WEIGHT)
        };
    }

    /// The sum of all weights.
    pub fn total(&self) -> f64 {
        self.0.iter().sum()
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

    /// As a map from factor id to weight, in factor order when serialised.
    pub fn to_map(&self) -> serde_json::Map<String, serde_json::Value> {
        FactorId::ALL
            .iter()
            .map(|f| {
                (
                    f.id().to_owned(),
                    crate::decide::weights::json_number(self.get(*f)),
                )
            })
            .collect()
    }

    /// As a sorted map, for profile files.
    pub fn to_btree(&self) -> BTreeMap<String, f64> {
        FactorId::ALL
            .iter()
            .map(|f| (f.id().to_owned(), self.get(*f)))
            .collect()
    }
}

/// A whole number as an integer (`10`, not `10.0`), anything else as a float.
pub fn json_number(v: f64) -> serde_json::Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        serde_json::Value::from(v as i64)
    } else {
        serde_json::Value::from(v)
    }
}

/// A weight for people: "10", "9.5", "0.89".
pub fn label(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Read `--weight ID=N`.
pub fn parse_weight(arg: &str) -> Result<(FactorId, f64), String> {
    let Some((id, n)) = arg.split_once('=') else {
        return Err(format!(
            "cannot read --weight {:?}: write it as ID=N, e.g. --weight budget=9",
            crate::text::sanitize(arg)
        ));
    };
    let id = id.trim();
    let f = FactorId::from_id(id).ok_or_else(|| {
        format!(
            "--weight names the unknown factor {:?}{}; expected one of {}",
            crate::text::sanitize(id),
            crate::ronfile::suggest(id, &FACTOR_IDS),
            FACTOR_IDS.join(", ")
        )
    })?;
    let v: f64 = n
        .trim()
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| {
            format!(
                "--weight {id}= needs a number from 0 to 10, found {:?}",
                crate::text::sanitize(n)
            )
        })?;
    if !(0.0..=MAX_WEIGHT).contains(&v) {
        return Err(format!("--weight {id}= must be from 0 to 10, found {v}"));
    }
    Ok((f, v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_read_and_clamped() {
        assert_eq!(parse_weight("budget=9.5"), Ok((FactorId::Budget, 9.5)));
        assert_eq!(parse_weight(" team = 0 "), Ok((FactorId::Team, 0.0)));
        assert!(parse_weight("budget").unwrap_err().contains("ID=N"));
        assert!(
            parse_weight("budgte=3")
                .unwrap_err()
                .contains("did you mean `budget`?")
        );
        assert!(
            parse_weight("budget=11")
                .unwrap_err()
                .contains("from 0 to 10")
        );
        assert!(
            parse_weight("budget=NaN")
                .unwrap_err()
                .contains("needs a number")
        );
        let mut w = Weights([1.0; 8]);
        w.set(FactorId::Volume, 42.0);
        w.set(FactorId::Budget, f64::NAN);
        assert_eq!(
            (w.get(FactorId::Volume), w.get(FactorId::Budget)),
            (10.0, 0.0)
        );
    }

    #[test]
    fn json_numbers_are_integers_when_whole() {
        assert_eq!(json_number(10.0).to_string(), "10");
        assert_eq!(json_number(9.5).to_string(), "9.5");
        assert_eq!(label(10.0), "10");
        assert_eq!(label(0.8873), "0.89");
        assert_eq!(label(9.5), "9.5");
    }
}
