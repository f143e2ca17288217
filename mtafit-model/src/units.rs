//! Numbers as people write them: message volumes ("7.4M", "250k/day") and money ("$6.5k").

/// Days in an average month (365.25 / 12), used to turn daily or yearly figures into monthly.
pub const DAYS_PER_MONTH: f64 = 30.4375;

/// A volume with a short suffix: 950, 12k, 7.4M, 1.2B.
pub fn volume(n: u64) -> String {
    short(n as f64, "")
}

/// Money in US dollars, short: $950, $6.5k, $1.2M.
pub fn usd(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    short(x, "$")
}

/// Money in US dollars with thousands separators: $12,345.
pub fn usd_exact(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let n = x.round() as i64;
    format!(
        "{}${}",
        if n < 0 { "-" } else { "" },
        grouped(n.unsigned_abs())
    )
}

/// Dollars to the cent when there are cents, else whole: "$3.65", "$150", "$1,200".
pub fn usd_cents(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let cents = (x * 100.0).round() as i64;
    if cents % 100 == 0 {
        return usd_exact(x);
    }
    let whole = cents.unsigned_abs() / 100;
    format!(
        "{}${}.{:02}",
        if cents < 0 { "-" } else { "" },
        grouped(whole),
        cents.unsigned_abs() % 100
    )
}

/// A count with thousands separators: 1,693,384.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count and its noun, singular for one: "1 local delivery", "1,234 local deliveries".
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n), if n == 1 { one } else { many })
}

/// A volume band: "≤10M/mo", "15M–150M/mo", "≥100M/mo".
pub fn band(min: u64, max: u64) -> String {
    if min == 0 {
        format!("≤{}/mo", volume(max))
    } else if max == u64::MAX {
        format!("≥{}/mo", volume(min))
    } else {
        format!("{}–{}/mo", volume(min), volume(max))
    }
}

fn short(x: f64, prefix: &str) -> String {
    const UNITS: [(f64, &str); 5] = [(1.0, ""), (1e3, "k"), (1e6, "M"), (1e9, "B"), (1e12, "T")];
    let sign = if x < 0.0 { "-" } else { "" };
    let a = x.abs();
    // The largest unit the value reaches; then the next one up when rounding carries the
    // number to 1000 of this one (999,600 is "1M", not "1000k").
    let mut u = UNITS
        .iter()
        .rposition(|(scale, _)| a >= *scale)
        .unwrap_or(0);
    loop {
        let (scale, suffix) = UNITS[u];
        let v = a / scale;
        // Three significant figures at most ("7.4M", "10.4k", "150k"); never "10.0M".
        let text = if u == 0 || v >= 99.95 {
            format!("{}", v.round() as u64)
        } else {
            let s = format!("{v:.1}");
            s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
        };
        if text == "1000" && u + 1 < UNITS.len() {
            u += 1;
            continue;
        }
        return format!("{sign}{prefix}{text}{suffix}");
    }
}

/// A share as a signed percentage with one decimal where it matters: "+6.1 %", "−2 %", "0 %".
pub fn signed_percent(share: f64) -> String {
    let pct = share * 100.0;
    let text = if (pct - pct.round()).abs() < 0.05 {
        format!("{:.0}", pct.abs().round())
    } else {
        format!("{:.1}", pct.abs())
    };
    if text == "0" {
        "0 %".into()
    } else if pct > 0.0 {
        format!("+{text} %")
    } else {
        format!("\u{2212}{text} %")
    }
}

/// A weight for people: "10", "9.5", "0.89".
pub fn weight(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A number as found in a file, short even when absurd: "12.5", "1e306".
pub fn found(x: f64) -> String {
    if x.is_finite() && x.abs() < 1e12 {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

/// `x` rounded to `places` decimals, for output.
pub fn round_to(x: f64, places: i32) -> f64 {
    let m = 10f64.powi(places);
    (x * m).round() / m
}

/// The largest monthly volume mtafit accepts: a trillion messages a month.
///
/// The largest email service providers report on the order of 100 billion messages a month and
/// the whole world sends roughly ten trillion, so a trillion is the most any single sender could
/// send. A higher figure is a slip (an extra suffix, `742104340M` for `742104340`), and taking it
/// would price a pick in billions of dollars instead of saying so.
pub const MAX_VOLUME: u64 = 1_000_000_000_000;

/// [`MAX_VOLUME`] in words, for every message that refuses a larger volume.
pub const MAX_VOLUME_WORDS: &str =
    "1,000,000,000,000 (a trillion) messages a month, the most any single sender could send";

/// A number as a message quotes it: as written when it is ordinary, in exponent form when
/// plain digits would run to hundreds of characters ("1e-300", "1.7e308").
pub fn quoted_number(x: f64) -> String {
    if x == 0.0 || !x.is_finite() || (1e-4..1e12).contains(&x.abs()) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

/// The largest weight a factor takes.
pub const MAX_WEIGHT: f64 = 10.0;

/// The finest step of a weight. The explorer shows weights to two decimals, and a weight below
/// a hundredth would count for everything once the others are 0 while it shows as 0.
pub const WEIGHT_STEP: f64 = 0.01;

/// What a weight may be, for every message that refuses one.
pub const WEIGHT_WORDS: &str = "0, or a weight from 0.01 to 10 (weights count in hundredths)";

/// `v` as a weight, rounded to its hundredth; `None` when it is not one (see [`WEIGHT_WORDS`]).
pub fn weight_value(v: f64) -> Option<f64> {
    if !v.is_finite() || !(0.0..=MAX_WEIGHT).contains(&v) {
        return None;
    }
    if v == 0.0 {
        return Some(0.0);
    }
    (v >= WEIGHT_STEP).then(|| round_to(v, 2).max(WEIGHT_STEP))
}

/// The smallest yearly budget cap: a dollar. Budgets are shown in whole dollars, so a smaller
/// cap would read "$0/yr" while ruling out every engine by a factor of hundreds of digits.
pub const MIN_BUDGET_USD: f64 = 1.0;

/// The largest yearly budget cap: a trillion dollars, far beyond any sending estate.
pub const MAX_BUDGET_USD: f64 = 1e12;

/// What a budget cap may be, for every message that refuses one.
pub const BUDGET_WORDS: &str =
    "a yearly cap from $1 to $1,000,000,000,000 (budgets count in whole dollars)";

/// `v` as a yearly budget cap, rounded to the dollar; `None` when it is not one (see
/// [`BUDGET_WORDS`]).
pub fn budget_value(v: f64) -> Option<f64> {
    (v.is_finite() && (MIN_BUDGET_USD..=MAX_BUDGET_USD).contains(&v)).then(|| v.round())
}

/// The finest step of a price or rate: a cent. A smaller amount above 0 shows as $0 while it
/// still counts, and is a slip of the exponent, not a price.
pub const CENT: f64 = 0.01;

/// `v` as an amount of money from 0 to `max`, rounded to the cent; `None` when it is not one.
pub fn money_value(v: f64, max: f64) -> Option<f64> {
    if !v.is_finite() || !(0.0..=max).contains(&v) || (v > 0.0 && v < CENT) {
        return None;
    }
    Some(round_to(v, 2))
}

/// How a volume is written, for every message that refuses one.
const VOLUME_HOW: &str = "write it like 7421043, 7.4M, 250k/day, 2.5M/week or 90M/year";

/// Why a volume or a growth as a person wrote it could not be read.
///
/// `input` is what was written, made safe for a terminal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The text is not written as a volume.
    #[error("cannot read the volume {input:?}: {expected}; {how}", how = VOLUME_HOW)]
    Volume {
        /// What was written.
        input: String,
        /// What was wrong with it.
        expected: VolumeExpected,
    },
    /// A volume beyond [`MAX_VOLUME`], however it was written.
    #[error(
        "the volume {input:?} is more than {max}; check its digits and its k, M or B suffix",
        max = MAX_VOLUME_WORDS
    )]
    VolumeTooLarge {
        /// What was written.
        input: String,
    },
    /// The text is not written as a growth.
    #[error("cannot read the growth {input:?}; write it as a percentage a month, like 6% or -2%")]
    Growth {
        /// What was written.
        input: String,
    },
    /// A growth outside [`GROWTH_RANGE`].
    #[error("expected a growth from -50% to +100% a month, found {input}")]
    GrowthOutOfRange {
        /// What was written.
        input: String,
    },
}

/// What a volume's text lacked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum VolumeExpected {
    /// A comma that does not group thousands ("1,5M").
    #[error("a comma may only separate thousands; use a dot for decimals (1.5M)")]
    ThousandsComma,
    /// A period after `/` that is not one.
    #[error("the period after `/` must be day, week, month or year")]
    Period,
    /// Nothing at all.
    #[error("it is empty")]
    Something,
    /// Not a number.
    #[error("expected a number with an optional k, M or B")]
    Number,
    /// A negative number.
    #[error("expected a number of 0 or more")]
    NotNegative,
}

impl crate::text::ShortForm for ParseError {
    /// Without the volume quoted again: "expected a number with an optional k, M or B; write it
    /// like …".
    fn short(&self) -> String {
        match self {
            ParseError::Volume { expected, .. } => format!("{expected}; {VOLUME_HOW}"),
            other => other.to_string(),
        }
    }
}

/// The growth a month mtafit accepts, as a share: from −50 % to +100 % a month.
pub const GROWTH_RANGE: std::ops::RangeInclusive<f64> = -0.5..=1.0;

/// Read a growth a month such as `6%`, `+6 %`, `-2%` or `6` (a percentage either way) as a
/// share (0.06), within −50 % to +100 % a month.
pub fn parse_growth(s: &str) -> Result<f64, ParseError> {
    let t = s.trim().trim_end_matches("/month").trim_end();
    let t = t.strip_suffix('%').unwrap_or(t).trim();
    let t = t.replace('\u{2212}', "-");
    let input = crate::text::quoted(s, crate::text::QUOTE_MAX).into_owned();
    match t.parse::<f64>() {
        Ok(pct) if pct.is_finite() && GROWTH_RANGE.contains(&(pct / 100.0)) => {
            Ok(round_to(pct, 2) / 100.0)
        }
        Ok(_) => Err(ParseError::GrowthOutOfRange { input }),
        Err(_) => Err(ParseError::Growth { input }),
    }
}

/// Read a volume such as `7421043`, `7.4M`, `250k/day`, `2.5M/week` or `90M/year`; per month.
pub fn parse_volume(s: &str) -> Result<u64, ParseError> {
    let bad = |expected| ParseError::Volume {
        input: crate::text::quoted(s, crate::text::QUOTE_MAX).into_owned(),
        expected,
    };
    let t = s.trim().replace('_', "");
    // Commas may only group thousands ("7,421,043"); "1,5M" is a decimal comma, and reading
    // it as 15M would be a silent factor of ten.
    let digits_part = t.split('/').next().unwrap_or_default();
    if digits_part.contains(',') {
        let int = digits_part.split('.').next().unwrap_or_default();
        let int = int.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let mut groups = int.split(',');
        let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
        if !first_ok || !groups.all(|g| g.len() == 3) {
            return Err(bad(VolumeExpected::ThousandsComma));
        }
    }
    let t = t.replace(',', "");
    let (num, per) = match t.split_once('/') {
        Some((n, p)) => (n.trim().to_owned(), p.trim().to_ascii_lowercase()),
        None => (t.clone(), "month".to_owned()),
    };
    let per_month = match per.as_str() {
        "day" | "d" => DAYS_PER_MONTH,
        "week" | "wk" | "w" => DAYS_PER_MONTH / 7.0,
        "month" | "mo" | "m" => 1.0,
        "year" | "yr" | "y" => 1.0 / 12.0,
        _ => return Err(bad(VolumeExpected::Period)),
    };
    let (digits, scale) = match num.chars().last() {
        Some('k' | 'K') => (&num[..num.len() - 1], 1e3),
        Some('m' | 'M') => (&num[..num.len() - 1], 1e6),
        Some('b' | 'B' | 'g' | 'G') => (&num[..num.len() - 1], 1e9),
        Some(_) => (num.as_str(), 1.0),
        None => return Err(bad(VolumeExpected::Something)),
    };
    let value: f64 = digits
        .trim()
        .parse()
        .map_err(|_| bad(VolumeExpected::Number))?;
    // Digits too many for a float (1e400, a hundred thousand nines) read as infinity: too
    // large, as 2e12 is, not a number below 0. Only the words `inf` and `infinity` are not one.
    let spelled = digits
        .chars()
        .any(|c| c.is_ascii_alphabetic() && c != 'e' && c != 'E');
    if value == f64::INFINITY && !spelled {
        return Err(ParseError::VolumeTooLarge {
            input: crate::text::quoted(s, crate::text::QUOTE_MAX).into_owned(),
        });
    }
    // `inf`, `infinity` and `NaN` parse as floats but are no count of messages.
    if spelled || !value.is_finite() {
        return Err(bad(VolumeExpected::Number));
    }
    if value < 0.0 {
        return Err(bad(VolumeExpected::NotNegative));
    }
    let monthly = (value * scale * per_month).round();
    if monthly > MAX_VOLUME as f64 {
        return Err(ParseError::VolumeTooLarge {
            input: crate::text::quoted(s, crate::text::QUOTE_MAX).into_owned(),
        });
    }
    Ok(monthly as u64)
}

#[cfg(test)]
mod tests {
    #[test]
    fn infinity_and_nan_are_no_volume_and_only_a_minus_is_negative() {
        use super::{ParseError, VolumeExpected};
        for word in ["inf", "Infinity", "NaN", "-inf", "infk", "nan/day"] {
            assert!(
                matches!(
                    super::parse_volume(word),
                    Err(ParseError::Volume {
                        expected: VolumeExpected::Number,
                        ..
                    })
                ),
                "{word}: {:?}",
                super::parse_volume(word)
            );
        }
        assert!(matches!(
            super::parse_volume("-5M"),
            Err(ParseError::Volume {
                expected: VolumeExpected::NotNegative,
                ..
            })
        ));
    }

    #[test]
    fn growth_is_a_percentage_a_month() {
        assert_eq!(super::parse_growth("6%"), Ok(0.06));
        assert_eq!(super::parse_growth("+6 %"), Ok(0.06));
        assert_eq!(super::parse_growth("-2%"), Ok(-0.02));
        assert_eq!(super::parse_growth("6"), Ok(0.06));
        assert_eq!(super::parse_growth("6%/month"), Ok(0.06));
        assert_eq!(
            super::parse_growth("600%").unwrap_err().to_string(),
            "expected a growth from -50% to +100% a month, found 600%"
        );
        assert_eq!(
            super::parse_growth("fast").unwrap_err().to_string(),
            "cannot read the growth \"fast\"; write it as a percentage a month, like 6% or -2%"
        );
    }

    #[test]
    fn signed_percentages() {
        assert_eq!(super::signed_percent(0.06), "+6 %");
        assert_eq!(super::signed_percent(0.0612), "+6.1 %");
        assert_eq!(super::signed_percent(-0.02), "\u{2212}2 %");
        assert_eq!(super::signed_percent(0.0001), "0 %");
    }

    use super::*;

    #[test]
    fn short_volumes() {
        assert_eq!(volume(950), "950");
        assert_eq!(volume(7_421_043), "7.4M");
        assert_eq!(volume(10_000_000), "10M");
        assert_eq!(volume(9_960_000), "10M");
        assert_eq!(volume(12_500_000), "12.5M");
        assert_eq!(volume(150_000_000), "150M");
        assert_eq!(volume(15_000_000), "15M");
        assert_eq!(volume(250_000), "250k");
        assert_eq!(volume(1_000_000_000), "1B");
        assert_eq!(volume(0), "0");
        // The suffix is chosen after rounding.
        assert_eq!(volume(999_600), "1M");
        assert_eq!(volume(999_499), "999k");
        assert_eq!(volume(99_960), "100k");
        assert_eq!(volume(999), "999");
        assert_eq!(usd(999_999.0), "$1M");
        assert_eq!(usd(999.6), "$1k");
        assert_eq!(usd(-999_700.0), "-$1M");
    }

    #[test]
    fn money() {
        assert_eq!(usd(6480.0), "$6.5k");
        assert_eq!(usd(13_000.0), "$13k");
        assert_eq!(usd(10_440.0), "$10.4k");
        assert_eq!(usd(0.0), "$0");
        assert_eq!(usd_exact(1_234_567.4), "$1,234,567");
        assert_eq!(usd_exact(999.0), "$999");
        assert_eq!(usd(f64::NAN), "—");
    }

    #[test]
    fn weights_drop_needless_decimals() {
        assert_eq!(weight(10.0), "10");
        assert_eq!(weight(0.8873), "0.89");
        assert_eq!(weight(9.5), "9.5");
    }

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(count(1, "line", "lines"), "1 line");
        assert_eq!(count(0, "line", "lines"), "0 lines");
        assert_eq!(count(1234, "delivery", "deliveries"), "1,234 deliveries");
    }

    #[test]
    fn bands() {
        assert_eq!(band(0, 10_000_000), "≤10M/mo");
        assert_eq!(band(15_000_000, 150_000_000), "15M–150M/mo");
    }

    #[test]
    fn volumes_are_read_per_month() {
        assert_eq!(parse_volume("7421043"), Ok(7_421_043));
        assert_eq!(parse_volume("7.4M"), Ok(7_400_000));
        assert_eq!(parse_volume("7_421_043"), Ok(7_421_043));
        assert_eq!(parse_volume("250k/day"), Ok(7_609_375));
        assert_eq!(parse_volume("2.5M/week"), Ok(10_870_536));
        assert_eq!(parse_volume("90M/year"), Ok(7_500_000));
        assert_eq!(parse_volume("1B"), Ok(1_000_000_000));
        assert_eq!(parse_volume("0"), Ok(0));
    }

    #[test]
    fn bad_volumes_say_how_to_write_them() {
        assert_eq!(parse_volume("7,421,043"), Ok(7_421_043));
        assert_eq!(parse_volume("1,500k/day"), Ok(45_656_250));
        for bad in [
            "",
            "lots",
            "7.4X",
            "5M/fortnight",
            "-3",
            "NaN",
            "1,5M",
            "12,34",
        ] {
            let e = parse_volume(bad).unwrap_err();
            assert!(e.to_string().contains("write it like"), "{bad}: {e}");
        }
        // The long form quotes the volume; the short one, shown beside it, does not.
        let e = parse_volume("5M/fortnight").unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot read the volume \"5M/fortnight\": the period after `/` must be day, week, \
             month or year; write it like 7421043, 7.4M, 250k/day, 2.5M/week or 90M/year"
        );
        assert_eq!(
            crate::text::ShortForm::short(&e),
            "the period after `/` must be day, week, month or year; write it like 7421043, 7.4M, \
             250k/day, 2.5M/week or 90M/year"
        );
        let e = parse_volume("1,5M").unwrap_err();
        assert_eq!(
            e,
            ParseError::Volume {
                input: "1,5M".into(),
                expected: VolumeExpected::ThousandsComma
            }
        );
    }

    #[test]
    fn one_limit_for_every_way_of_writing_a_huge_volume() {
        assert_eq!(parse_volume("1000B"), Ok(MAX_VOLUME));
        assert_eq!(
            parse_volume("1T").map_err(|e| e.to_string().contains("write it like")),
            Err(true)
        );
        // A slip of the suffix and an absurd exponent get the same refusal, naming the limit.
        for huge in [
            "742104340M",
            "1e99",
            "1e30",
            "1000000000001",
            "18446744073709551615",
        ] {
            let e = parse_volume(huge).unwrap_err().to_string();
            assert!(e.contains(MAX_VOLUME_WORDS), "{huge}: {e}");
            assert!(e.contains(&format!("{huge:?}")), "{huge}: {e}");
        }
        assert!(MAX_VOLUME_WORDS.starts_with(&grouped(MAX_VOLUME)));
    }
}
