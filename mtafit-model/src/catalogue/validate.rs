//! Checks a parsed engine against the rules serde cannot express, and makes its text safe.

use super::model::{Engine, Licence};
use crate::calendar;
use crate::ronfile::{Diagnostic, Locator, Severity, Step};
use crate::text;

/// Everything wrong with `engine`, each located in `src`; text fields are sanitised in place.
///
/// `stem` is the file name without `.ron`, which the id must equal.
/// The most a licence or support contract could cost a year: ten million dollars.
const MAX_YEARLY_USD: f64 = 10_000_000.0;
/// The most a plan or fixed fee could cost a month: ten million dollars.
const MAX_MONTHLY_USD: f64 = 10_000_000.0;
/// The most a service could charge per 1,000 messages: a hundred dollars (ten cents a message;
/// real prices are cents per thousand).
const MAX_PER_THOUSAND_USD: f64 = 100.0;

pub fn validate(engine: &mut Engine, path: &str, src: &str, stem: Option<&str>) -> Vec<Diagnostic> {
    let mut v = Checker {
        path,
        src,
        loc: Locator::new(src),
        out: Vec::new(),
    };
    v.identity(engine, stem);
    v.volume(engine);
    v.add_ons(engine);
    v.cost(engine);
    v.sources(engine);
    v.dates(engine);
    v.text(engine);
    v.out
}

struct Checker<'a> {
    path: &'a str,
    src: &'a str,
    loc: Locator<'a>,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// Report at the key (`key`) or the value of `path`; at the file's start if not found.
    fn report(&mut self, severity: Severity, path: &[Step<'_>], key: bool, message: String) {
        let (pos, len) = match self.loc.find(path) {
            Some(f) if key => (f.key, f.key_len),
            Some(f) => (f.value, f.value_len),
            None => (crate::ronfile::Pos::START, 1),
        };
        self.out.push(Diagnostic::at(
            severity, self.path, self.src, pos, len, message,
        ));
    }

    fn at_value(&mut self, severity: Severity, path: &[Step<'_>], message: String) {
        self.report(severity, path, false, message);
    }

    fn at_key(&mut self, severity: Severity, path: &[Step<'_>], message: String) {
        self.report(severity, path, true, message);
    }

    fn error(&mut self, path: &[Step<'_>], message: String) {
        self.at_value(Severity::Error, path, message);
    }

    fn identity(&mut self, e: &Engine, stem: Option<&str>) {
        let id_ok = !e.id.is_empty()
            && e.id
                .starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && e.id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !id_ok {
            self.error(
                &[Step::Field("id")],
                format!(
                    "expected an id of lower-case letters, digits, `-` and `_`, found {:?}",
                    text::sanitize(&e.id)
                ),
            );
        } else if let Some(stem) = stem
            && stem != e.id
        {
            self.error(
                &[Step::Field("id")],
                format!(
                    "expected id \"{}\" to match the file name; rename the file to `{}.ron` or change the id",
                    text::sanitize(stem),
                    e.id
                ),
            );
        }
        if e.name.trim().is_empty() {
            self.error(&[Step::Field("name")], "expected a non-empty name".into());
        } else if text::sanitize(&e.name).trim().is_empty() {
            // Zero-width spaces, joiners, byte-order marks and bidirectional controls draw
            // nothing: such a name shows as "" and cannot be told from another one.
            let codes: Vec<String> = e
                .name
                .chars()
                .filter(|c| !c.is_whitespace())
                .take(4)
                .map(|c| format!("U+{:04X}", u32::from(c)))
                .collect();
            self.error(
                &[Step::Field("name")],
                format!(
                    "expected a non-empty name, found only characters that draw nothing ({}{})",
                    codes.join(", "),
                    if e.name.chars().filter(|c| !c.is_whitespace()).count() > 4 {
                        ", …"
                    } else {
                        ""
                    }
                ),
            );
        }
        let this_year = today().0;
        if !(1970..=this_year + 1).contains(&i32::from(e.first_release)) {
            self.error(
                &[Step::Field("first_release")],
                format!(
                    "expected a year between 1970 and {}, found {}",
                    this_year + 1,
                    e.first_release
                ),
            );
        }
        if let Licence::Open(spdx) = &e.licence
            && let Err(why) = check_spdx(spdx)
        {
            self.error(
                &[Step::Field("licence")],
                format!("expected an SPDX licence expression such as \"Apache-2.0\" or \"EPL-2.0 OR IPL-1.0\"; {why}"),
            );
        }
    }

    fn volume(&mut self, e: &Engine) {
        let v = &e.volume;
        for (field, value) in [
            ("min_per_month", v.min_per_month),
            ("max_per_month", v.max_per_month),
            ("proven_max_per_month", v.proven_max_per_month.unwrap_or(0)),
        ] {
            if value > crate::units::MAX_VOLUME {
                self.error(
                    &[Step::Field("volume"), Step::Field(field)],
                    format!(
                        "expected at most {} messages a month (the most any sender sends), found {value}",
                        crate::units::grouped(crate::units::MAX_VOLUME)
                    ),
                );
            }
        }
        if v.min_per_month > v.max_per_month {
            self.error(
                &[Step::Field("volume"), Step::Field("min_per_month")],
                format!(
                    "expected min_per_month ≤ max_per_month, found {} > {}",
                    v.min_per_month, v.max_per_month
                ),
            );
        }
        if v.max_per_month == 0 {
            self.error(
                &[Step::Field("volume"), Step::Field("max_per_month")],
                "expected max_per_month above 0".into(),
            );
        }
        if let Some(proven) = v.proven_max_per_month
            && proven < v.max_per_month
        {
            self.error(
                &[Step::Field("volume"), Step::Field("proven_max_per_month")],
                format!(
                    "expected proven_max_per_month ≥ max_per_month (a proven ceiling inside the band would be the band's top), found {proven} < {}",
                    v.max_per_month
                ),
            );
        }
    }

    /// Every `AddOn` names its add-on, and every named add-on is for an `AddOn` capability.
    fn add_ons(&mut self, e: &Engine) {
        for (c, level) in e.capabilities.iter() {
            if level.names_add_on() && !e.add_ons.contains_key(&c) {
                self.error(
                    &[Step::Field("capabilities"), Step::Key(c.id())],
                    format!(
                        "\"{}\" is {level:?}, so name the add-on or product in add_ons: {{\"{}\": \"…\"}}",
                        c.id(),
                        c.id()
                    ),
                );
            }
        }
        for c in e.add_ons.keys() {
            if !e.capability(*c).names_add_on() {
                self.at_key(
                    Severity::Error,
                    &[Step::Field("add_ons"), Step::Key(c.id())],
                    format!(
                        "add_ons names one for \"{}\", whose level is {} in capabilities; expected AddOn or Separate there",
                        c.id(),
                        e.capability(*c)
                    ),
                );
            }
        }
    }

    fn cost(&mut self, e: &Engine) {
        let c = &e.cost;
        // Plausible ranges, wide enough for any real price list: a figure beyond them is a typo
        // (and would make every cost, chart and score meaningless).
        let numbers = [
            (
                "licence_per_year_usd",
                c.licence_per_year_usd,
                MAX_YEARLY_USD,
                "USD a year",
            ),
            (
                "per_thousand_usd",
                c.per_thousand_usd,
                MAX_PER_THOUSAND_USD,
                "USD per 1,000 messages",
            ),
            (
                "base_per_month_usd",
                c.base_per_month_usd,
                MAX_MONTHLY_USD,
                "USD a month",
            ),
            (
                "ops_hours_per_month",
                c.ops_hours_per_month.unwrap_or(0.0),
                744.0,
                "hours a month",
            ),
        ];
        for (field, value, max, unit) in numbers {
            if !value.is_finite() || !(0.0..=max).contains(&value) {
                self.error(
                    &[Step::Field("cost"), Step::Field(field)],
                    format!(
                        "expected 0 to {} {unit}, found {}",
                        crate::units::grouped(max as u64),
                        crate::units::found(value)
                    ),
                );
            }
        }
        if let Some(contract) = e.support.contract_usd_per_year
            && (!contract.is_finite() || !(0.0..=MAX_YEARLY_USD).contains(&contract))
        {
            self.error(
                &[Step::Field("support"), Step::Field("contract_usd_per_year")],
                format!(
                    "expected 0 to {} USD a year, found {}",
                    crate::units::grouped(MAX_YEARLY_USD as u64),
                    crate::units::found(contract)
                ),
            );
        }
        for (i, t) in c.tiers.iter().enumerate() {
            let path = [Step::Field("cost"), Step::Field("tiers"), Step::Index(i)];
            if !t.usd_per_month.is_finite()
                || !(0.0..=MAX_MONTHLY_USD).contains(&t.usd_per_month)
                || t.up_to_per_month == 0
                || t.up_to_per_month > crate::units::MAX_VOLUME
            {
                self.error(
                    &path,
                    format!(
                        "expected a tier with up_to_per_month from 1 to {} and a price from 0 to {} USD a month",
                        crate::units::grouped(crate::units::MAX_VOLUME),
                        crate::units::grouped(MAX_MONTHLY_USD as u64)
                    ),
                );
            } else if i > 0 {
                let prev = &c.tiers[i - 1];
                if t.up_to_per_month <= prev.up_to_per_month || t.usd_per_month < prev.usd_per_month
                {
                    self.error(
                        &path,
                        format!(
                            "expected tiers in increasing order of volume and price; this one ({} for {} USD) does not follow the one before ({} for {} USD)",
                            t.up_to_per_month, t.usd_per_month, prev.up_to_per_month, prev.usd_per_month
                        ),
                    );
                }
            }
        }
        self.plans(e);
        if c.node_capacity_per_month > crate::units::MAX_VOLUME {
            self.error(
                &[Step::Field("cost"), Step::Field("node_capacity_per_month")],
                format!(
                    "expected at most {} messages a month (the most any sender sends), found {}",
                    crate::units::grouped(crate::units::MAX_VOLUME),
                    c.node_capacity_per_month
                ),
            );
        }
        if !e.is_managed() && c.node_capacity_per_month == 0 {
            self.error(
                &[Step::Field("cost"), Step::Field("node_capacity_per_month")],
                "expected the messages one node carries a month (above 0) for a self-hosted engine"
                    .into(),
            );
        }
    }

    /// Named plans: each priced within the same ranges as the engine's own prices, tiers and
    /// bands in order; and prices given in one place only.
    fn plans(&mut self, e: &Engine) {
        let c = &e.cost;
        if c.plans.is_empty() {
            return;
        }
        if !c.tiers.is_empty() || c.per_thousand_usd != 0.0 || c.base_per_month_usd != 0.0 {
            self.error(
                &[Step::Field("cost"), Step::Field("plans")],
                "expected prices either in plans or in tiers, per_thousand_usd and \
                 base_per_month_usd, not both; with plans, set tiers to [] and the two prices to 0"
                    .into(),
            );
        }
        for (i, q) in c.plans.iter().enumerate() {
            let at = |field: &'static str| {
                [
                    Step::Field("cost"),
                    Step::Field("plans"),
                    Step::Index(i),
                    Step::Field(field),
                ]
            };
            if q.name.trim().is_empty() {
                self.error(
                    &at("name"),
                    "expected the plan's name as the vendor sells it".into(),
                );
            }
            for (field, value, max, unit) in [
                (
                    "base_per_month_usd",
                    q.base_per_month_usd,
                    MAX_MONTHLY_USD,
                    "USD a month",
                ),
                (
                    "per_thousand_usd",
                    q.per_thousand_usd,
                    MAX_PER_THOUSAND_USD,
                    "USD per 1,000 messages",
                ),
            ] {
                if !value.is_finite() || !(0.0..=max).contains(&value) {
                    self.error(
                        &at(field),
                        format!(
                            "expected 0 to {} {unit}, found {}",
                            crate::units::grouped(max as u64),
                            crate::units::found(value)
                        ),
                    );
                }
            }
            for (k, t) in q.tiers.iter().enumerate() {
                let ok = t.usd_per_month.is_finite()
                    && (0.0..=MAX_MONTHLY_USD).contains(&t.usd_per_month)
                    && (1..=crate::units::MAX_VOLUME).contains(&t.up_to_per_month)
                    && (k == 0 || {
                        let prev = &q.tiers[k - 1];
                        t.up_to_per_month > prev.up_to_per_month
                            && t.usd_per_month >= prev.usd_per_month
                    });
                if !ok {
                    self.error(
                        &[
                            Step::Field("cost"),
                            Step::Field("plans"),
                            Step::Index(i),
                            Step::Field("tiers"),
                            Step::Index(k),
                        ],
                        "expected tiers in increasing order of volume and price, each from 1 \
                         message and 0 USD"
                            .into(),
                    );
                }
            }
            for (k, b) in q.bands.iter().enumerate() {
                let starts_right = if k == 0 {
                    b.from_per_month == 0
                } else {
                    b.from_per_month > q.bands[k - 1].from_per_month
                };
                let priced = b.usd_per_thousand.is_finite()
                    && (0.0..=MAX_PER_THOUSAND_USD).contains(&b.usd_per_thousand);
                if !starts_right || !priced || b.from_per_month > crate::units::MAX_VOLUME {
                    self.error(
                        &[
                            Step::Field("cost"),
                            Step::Field("plans"),
                            Step::Index(i),
                            Step::Field("bands"),
                            Step::Index(k),
                        ],
                        format!(
                            "expected bands that start at 0 and rise in volume, each priced from 0 \
                             to {} USD per 1,000",
                            MAX_PER_THOUSAND_USD
                        ),
                    );
                }
            }
            if !q.tiers.is_empty() && !q.bands.is_empty() {
                self.error(
                    &at("bands"),
                    "expected tiers or bands in one plan, not both".into(),
                );
            }
            if let Some(m) = q.max_per_month
                && (m == 0 || m > crate::units::MAX_VOLUME)
            {
                self.error(
                    &at("max_per_month"),
                    format!(
                        "expected the most the plan carries, from 1 to {} messages a month",
                        crate::units::grouped(crate::units::MAX_VOLUME)
                    ),
                );
            }
        }
    }

    fn sources(&mut self, e: &Engine) {
        if e.sources.is_empty() {
            self.at_key(
                Severity::Error,
                &[Step::Field("sources")],
                "expected at least one source URL that backs these facts".into(),
            );
        }
        for (i, s) in e.sources.iter().enumerate() {
            let ok = (s.starts_with("https://") || s.starts_with("http://"))
                && s.len() > "https://".len()
                && !s.chars().any(char::is_whitespace);
            if !ok {
                self.error(
                    &[Step::Field("sources"), Step::Index(i)],
                    format!(
                        "expected a URL starting with https://, found {:?}",
                        text::sanitize(s)
                    ),
                );
            }
        }
    }

    fn dates(&mut self, e: &Engine) {
        match parse_date(&e.checked) {
            None => self.error(
                &[Step::Field("checked")],
                format!(
                    "expected the date the facts were checked as \"YYYY-MM-DD\", found {:?}",
                    text::sanitize(&e.checked)
                ),
            ),
            // A day of grace: the file's author may be a time zone ahead of this clock.
            Some(date) if date > tomorrow() => self.at_value(
                Severity::Warning,
                &[Step::Field("checked")],
                format!("the checked date {} is in the future", e.checked),
            ),
            Some(_) => {}
        }
        if let Some(prices) = &e.cost.prices_checked {
            let at = [Step::Field("cost"), Step::Field("prices_checked")];
            match parse_date(prices) {
                None => self.error(
                    &at,
                    format!(
                        "expected the date the prices were checked as \"YYYY-MM-DD\", found {:?}",
                        text::sanitize(prices)
                    ),
                ),
                Some(date) if date > tomorrow() => self.at_value(
                    Severity::Warning,
                    &at,
                    format!("the prices_checked date {prices} is in the future"),
                ),
                Some(_) => {}
            }
        }
    }

    /// Warn about control, bidirectional and invisible characters, then make every text field
    /// safe to display.
    fn text(&mut self, e: &mut Engine) {
        let mut found = Vec::new();
        visit_text(e, &mut |path, s| {
            if let Some(c) = text::hidden_controls(s).next() {
                found.push((path, c));
            }
            let clean = text::sanitize(s).into_owned();
            *s = clean;
        });
        for (path, c) in found {
            let steps: Vec<Step<'_>> = path.iter().map(|f| Step::Field(f)).collect();
            let (kind, why, done) = match text::hidden(c) {
                Some(text::Hidden::Bidi) => (
                    "the bidirectional control",
                    "which can make text display in another order than it reads",
                    "removed",
                ),
                Some(text::Hidden::Invisible) => (
                    "the invisible character",
                    "which hides what the text says or takes a width a terminal does not give it",
                    "removed",
                ),
                Some(text::Hidden::Break) => (
                    "the line break",
                    "which would break a table row",
                    "replaced by a space",
                ),
                _ => (
                    "the control character",
                    "which could drive a terminal",
                    "removed",
                ),
            };
            self.at_value(
                Severity::Warning,
                &steps,
                format!(
                    "text contains {kind} U+{:04X}, {why}; it was {done}",
                    u32::from(c)
                ),
            );
        }
    }
}

/// Call `f` on every free-text field of an engine, with its field path.
fn visit_text(e: &mut Engine, f: &mut dyn FnMut(Vec<&'static str>, &mut String)) {
    f(vec!["id"], &mut e.id);
    f(vec!["name"], &mut e.name);
    f(vec!["vendor"], &mut e.vendor);
    f(vec!["language"], &mut e.language);
    if let Licence::Open(s) = &mut e.licence {
        f(vec!["licence"], s);
    }
    match &mut e.config {
        super::model::Config::ConfigAsCode(s) | super::model::Config::Scripting(s) => {
            f(vec!["config"], s)
        }
        _ => {}
    }
    for s in &mut e.also_runs {
        f(vec!["also_runs"], s);
    }
    if let Some(s) = &mut e.cost.estimate {
        f(vec!["cost", "estimate"], s);
    }
    for (path, basis) in [
        (vec!["first_release_basis"], &mut e.first_release_basis),
        (vec!["everyday_config_basis"], &mut e.everyday_config_basis),
        (vec!["scale_out_basis"], &mut e.scale_out_basis),
        (vec!["volume", "band_basis"], &mut e.volume.band_basis),
        (vec!["volume", "proven_basis"], &mut e.volume.proven_basis),
        (
            vec!["cost", "node_capacity_basis"],
            &mut e.cost.node_capacity_basis,
        ),
        (
            vec!["cost", "dedicated_ip_basis"],
            &mut e.cost.dedicated_ip_basis,
        ),
        (
            vec!["support", "contract_basis"],
            &mut e.support.contract_basis,
        ),
        (vec!["event_retention_basis"], &mut e.event_retention_basis),
    ] {
        if let super::model::Basis::Source(s) | super::model::Basis::Estimate(s) = basis {
            f(path, s);
        }
    }
    for s in e.add_ons.values_mut() {
        f(vec!["add_ons"], s);
    }
    for t in &mut e.cost.tiers {
        if let Some(s) = &mut t.name {
            f(vec!["cost", "tiers"], s);
        }
    }
    for q in &mut e.cost.plans {
        f(vec!["cost", "plans"], &mut q.name);
        for t in &mut q.tiers {
            if let Some(s) = &mut t.name {
                f(vec!["cost", "plans"], s);
            }
        }
    }
    f(vec!["good_at"], &mut e.good_at);
    f(vec!["cautions"], &mut e.cautions);
    for s in &mut e.sources {
        f(vec!["sources"], s);
    }
    f(vec!["checked"], &mut e.checked);
}

/// What is wrong with an SPDX licence expression.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
enum SpdxError {
    /// Nothing was written.
    #[error("found an empty string")]
    Empty,
    /// A word where an id, an operator or a bracket cannot go.
    #[error("`{0}` is out of place")]
    OutOfPlace(String),
    /// A closing bracket before its opening one.
    #[error("a `)` has no matching `(`")]
    Unopened,
    /// An operator or an opening bracket without what follows it.
    #[error("the expression is incomplete")]
    Incomplete,
}

/// A loose SPDX expression check: ids joined by AND / OR / WITH, with optional parentheses.
fn check_spdx(expr: &str) -> Result<(), SpdxError> {
    let spaced = expr.replace('(', " ( ").replace(')', " ) ");
    let words: Vec<&str> = spaced.split_whitespace().collect();
    if words.is_empty() {
        return Err(SpdxError::Empty);
    }
    let mut want_id = true;
    let mut depth = 0i32;
    for w in &words {
        match *w {
            "(" if want_id => depth += 1,
            ")" if !want_id => depth -= 1,
            "AND" | "OR" | "WITH" if !want_id => want_id = true,
            id if want_id
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+')) =>
            {
                want_id = false
            }
            other => return Err(SpdxError::OutOfPlace(text::sanitize(other).into_owned())),
        }
        if depth < 0 {
            return Err(SpdxError::Unopened);
        }
    }
    if want_id || depth != 0 {
        return Err(SpdxError::Incomplete);
    }
    Ok(())
}

/// A calendar date as (year, month, day), validated.
pub fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = s[0..4].parse().ok()?;
    let m: u32 = s[5..7].parse().ok()?;
    let d: u32 = s[8..10].parse().ok()?;
    calendar::valid(y, m, d).then_some((y, m, d))
}

/// Today's date in UTC, from the system clock.
pub fn today() -> (i32, u32, u32) {
    calendar::civil_from_days(calendar::today())
}

/// Tomorrow's date in UTC.
fn tomorrow() -> (i32, u32, u32) {
    calendar::civil_from_days(calendar::today() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2026-11-28"), Some((2026, 11, 28)));
        assert_eq!(parse_date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(parse_date("2026-02-29"), None);
        assert_eq!(parse_date("2026-13-01"), None);
        assert_eq!(parse_date("28/11/2026"), None);
        assert_eq!(parse_date("2026-1-1"), None);
        assert_eq!(calendar::civil_from_days(20_785), (2026, 11, 28));
    }

    #[test]
    fn spdx_expressions() {
        for ok in [
            "MIT",
            "EPL-2.0 OR IPL-1.0",
            "GPL-2.0-or-later",
            "(MIT OR Apache-2.0) AND ISC",
            "GPL-2.0-or-later WITH OpenSSL-exception",
        ] {
            assert!(check_spdx(ok).is_ok(), "{ok}");
        }
        for (bad, why) in [
            ("", SpdxError::Empty),
            ("MIT OR", SpdxError::Incomplete),
            ("OR MIT", SpdxError::OutOfPlace("MIT".into())),
            ("MIT Apache-2.0", SpdxError::OutOfPlace("Apache-2.0".into())),
            ("(MIT", SpdxError::Incomplete),
            ("MIT)", SpdxError::Unopened),
            ("free software", SpdxError::OutOfPlace("software".into())),
        ] {
            assert_eq!(check_spdx(bad), Err(why), "{bad}");
        }
        assert_eq!(
            SpdxError::OutOfPlace("OR".into()).to_string(),
            "`OR` is out of place"
        );
    }
}
