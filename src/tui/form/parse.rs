//! What a form field's text means: amounts, hours, counts and lists as people type them, and
//! why a text is not a value, in the short form the field shows.

use mtafit_model::profile::Growth;
use mtafit_model::text::ShortForm;
use mtafit_model::units;

/// Why a field's text is not a value the field takes.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FieldError {
    /// A volume or growth that cannot be read.
    #[error(transparent)]
    Units(#[from] units::ParseError),
    /// An id that is none of the capabilities.
    #[error(transparent)]
    Capability(#[from] mtafit_model::catalogue::UnknownCapability),
    /// An engine id the catalogue does not have.
    #[error(transparent)]
    Engine(#[from] mtafit_model::catalogue::UnknownEngine),
    /// Not an amount of money.
    #[error("expected an amount such as 20000, 20k or 1.5M")]
    Amount,
    /// An amount of money out of range, or finer than a cent.
    #[error("expected 0, or from $0.01 to ${} {per} (amounts count in cents)", units::grouped(*.max))]
    Money {
        /// The largest amount.
        max: u64,
        /// The period the amount is paid for ("a month").
        per: &'static str,
    },
    /// A budget cap out of range.
    #[error("expected {}; leave it empty for no cap", units::BUDGET_WORDS)]
    Budget,
    /// A number outside its range.
    #[error("expected {} to {} {unit}", .range.start(), .range.end())]
    Within {
        /// The numbers taken.
        range: std::ops::RangeInclusive<f64>,
        /// What they count.
        unit: &'static str,
    },
    /// Hours out of range, or finer than a hundredth.
    #[error("expected {unit}: 0, or from 0.01 to {} (in hundredths)", units::grouped(*.max))]
    Hours {
        /// The most hours.
        max: u64,
        /// What they count ("hours a month").
        unit: &'static str,
    },
    /// A count out of range.
    #[error("expected a whole number of {unit} from 0 to {max}")]
    Count {
        /// The largest count.
        max: u32,
        /// What is counted ("nodes").
        unit: &'static str,
    },
    /// Messages a day that are not a volume of at least the fewest allowed.
    #[error("expected {unit}, such as 500000 or 500k")]
    PerDay {
        /// What they count ("messages a day").
        unit: &'static str,
    },
}

impl ShortForm for FieldError {
    /// What the form shows beside the field: the value is in view, and there is no room for a
    /// list of every capability or engine.
    fn short(&self) -> String {
        match self {
            FieldError::Units(e) => e.short(),
            FieldError::Capability(e) => e.short(),
            FieldError::Engine(e) => e.short(),
            other => other.to_string(),
        }
    }
}

/// A growth as the form shows it: "6.12%", or empty when unknown.
pub fn growth_text(g: Option<Growth>) -> String {
    g.map_or(String::new(), |g| {
        format!("{}%", units::round_to(g.per_month * 100.0, 2))
    })
}

/// The ids of a list field, split at commas and spaces.
pub fn split_list(s: &str) -> Vec<String> {
    s.split([',', ' '])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A dollar amount: `20000`, `20k`, `1.5M`.
pub fn parse_amount(s: &str) -> Result<f64, FieldError> {
    let t = s.trim().trim_start_matches('$').replace([',', '_'], "");
    let (num, scale) = match t.chars().last() {
        Some('k' | 'K') => (&t[..t.len() - 1], 1e3),
        Some('m' | 'M') => (&t[..t.len() - 1], 1e6),
        _ => (t.as_str(), 1.0),
    };
    match num.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v * scale),
        _ => Err(FieldError::Amount),
    }
}

/// An amount from 0 to `max` dollars `per` period, in cents.
pub fn money(s: &str, max: f64, per: &'static str) -> Result<f64, FieldError> {
    parse_amount(s).and_then(|v| {
        units::money_value(v, max).ok_or(FieldError::Money {
            max: max as u64,
            per,
        })
    })
}

/// A number in `range`, in hundredths.
pub fn within(
    s: &str,
    range: std::ops::RangeInclusive<f64>,
    unit: &'static str,
) -> Result<f64, FieldError> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && range.contains(v))
        .map(|v| units::round_to(v, 2))
        .ok_or(FieldError::Within { range, unit })
}

/// Hours: 0, or from 0.01 to `max`, in hundredths.
pub fn hours(s: &str, max: f64, unit: &'static str) -> Result<f64, FieldError> {
    s.trim()
        .parse::<f64>()
        .ok()
        .and_then(|v| units::money_value(v, max))
        .ok_or(FieldError::Hours {
            max: max as u64,
            unit,
        })
}

/// A whole number from 0 to `max`.
pub fn count(s: &str, max: u32, unit: &'static str) -> Result<u32, FieldError> {
    s.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n <= max)
        .ok_or(FieldError::Count { max, unit })
}

/// Messages a day, at least `min`.
pub fn per_day(s: &str, min: u64, unit: &'static str) -> Result<u64, FieldError> {
    units::parse_volume(s)
        .ok()
        .filter(|v| *v >= min)
        .ok_or(FieldError::PerDay { unit })
}

/// A yearly cap: empty for none.
pub fn budget(s: &str) -> Result<Option<f64>, FieldError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    parse_amount(s).and_then(|v| units::budget_value(v).map(Some).ok_or(FieldError::Budget))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(parse_amount("20k"), Ok(20_000.0));
        assert_eq!(parse_amount("$1,500"), Ok(1_500.0));
        assert_eq!(parse_amount("1.5M"), Ok(1_500_000.0));
        assert!(parse_amount("lots").is_err());
        assert!(parse_amount("-5").is_err());
    }
}
