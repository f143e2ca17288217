//! Reading a profile: a file, or one of the built-in examples, with every problem located in
//! its file.

use super::check::Where;
use super::field::{Kind, fields};
use super::model::Profile;
use crate::catalogue::embedded;
use crate::ronfile::{self, Diagnostic, Locator, Pos, Severity, Step};
use std::path::Path;

/// What the top level of a profile file must look like.
const PROFILE_SHAPE: &str = "a profile written as `Profile(monthly_volume: …, …)`";

/// Parse a profile file; every problem is located in the file.
pub fn parse(path: &str, bytes: &[u8]) -> Result<Profile, Vec<Diagnostic>> {
    let src = ronfile::line_breaks(ronfile::decode(path, bytes).map_err(|d| vec![d])?);
    let src: &str = &src;
    let mut p: Profile = ronfile::parse(path, src, PROFILE_SHAPE).map_err(|d| vec![d])?;
    let loc = Locator::new(src);
    let diags: Vec<Diagnostic> = p
        .issues()
        .into_iter()
        .map(|issue| {
            let found = match &issue.at {
                Where::Field(f) => loc
                    .find(&[Step::Field(f.id())])
                    .map(|f| (f.value, f.value_len)),
                Where::Key(f, k) => loc
                    .find(&[Step::Field(f.id()), Step::Key(k)])
                    .map(|f| (f.key, f.key_len)),
                Where::KeyValue(f, k) => loc
                    .find(&[Step::Field(f.id()), Step::Key(k)])
                    .map(|f| (f.value, f.value_len)),
            };
            let (pos, len) = found.unwrap_or((Pos::START, 1));
            Diagnostic::at(Severity::Error, path, src, pos, len, issue.message)
        })
        .collect();
    if !diags.is_empty() {
        return Err(diags);
    }
    p.round();
    // Engine ids are shown and compared; nothing from a file reaches a terminal unsanitised.
    for f in fields() {
        if let Kind::Engines(s) = &f.kind {
            let clean = (s.get)(&p)
                .iter()
                .map(|id| crate::text::sanitize(id).into_owned())
                .collect();
            (s.set)(&mut p, clean);
        }
    }
    Ok(p)
}

/// The names of the built-in example profiles (`data/profiles/<name>.ron`).
pub fn builtin_names() -> Vec<&'static str> {
    embedded::PROFILES
        .iter()
        .filter_map(|(path, _)| path.rsplit('/').next().and_then(|f| f.strip_suffix(".ron")))
        .collect()
}

/// The built-in example profile called `name` (`esp-enough`), read without looking for a file of
/// that name; `None` when there is no such built-in.
pub fn builtin(name: &str) -> Option<Result<Profile, Vec<Diagnostic>>> {
    embedded::PROFILES
        .iter()
        .find(|(p, _)| p.rsplit('/').next() == Some(&format!("{name}.ron")))
        .map(|(path, bytes)| parse(path, bytes))
}

/// Load `--profile`: a file path, or the name of a built-in example such as `brief-7.4m`.
pub fn load(arg: &Path) -> Result<Profile, Vec<Diagnostic>> {
    let shown = arg.display().to_string();
    match ronfile::read(arg) {
        Ok(bytes) => parse(&shown, &bytes),
        Err(why) if why.is_missing() => {
            let name = shown.strip_suffix(".ron").unwrap_or(&shown);
            if let Some(found) = builtin(name) {
                return found;
            }
            Err(vec![Diagnostic::whole_file(
                Severity::Error,
                &shown,
                format!(
                    "cannot read the profile: there is no such file; give a file, or one of the \
                     built-in profiles: {}",
                    builtin_names().join(", ")
                ),
            )])
        }
        Err(why) => Err(vec![why.diagnostic(Severity::Error, arg)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units;

    #[test]
    fn an_optional_field_takes_a_bare_value_or_some() {
        // `annual_budget_usd: 15000` as people write it, and `Some(15000)` as RON writes it.
        for text in [
            "Profile(annual_budget_usd: 15000)",
            "Profile(annual_budget_usd: Some(15000))",
            "Profile(annual_budget_usd: 15000.0)",
        ] {
            let p = parse("p.ron", text.as_bytes()).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(p.annual_budget_usd, Some(15000.0), "{text}");
        }
        let p = parse("p.ron", b"Profile(annual_budget_usd: None)").unwrap();
        assert_eq!(p.annual_budget_usd, None);
    }

    #[test]
    fn an_empty_profile_is_the_briefs_sender() {
        let p = parse("p.ron", b"Profile()").unwrap();
        assert_eq!(p, Profile::default());
        assert_eq!(p.monthly_volume, 7_421_043);
        assert!(p.own_infrastructure);
    }

    #[test]
    fn volume_may_be_written_as_text() {
        let p = parse("p.ron", b"Profile(monthly_volume: \"250k/day\")").unwrap();
        assert_eq!(p.monthly_volume, 7_609_375);
        let e = parse("p.ron", b"Profile(monthly_volume: \"lots\")").unwrap_err();
        assert!(e[0].message.contains("write it like"), "{}", e[0].message);
    }

    #[test]
    fn unknown_capabilities_are_located() {
        let src = b"Profile(\n  must: [\"external_queue\", \"web_uii\"],\n)";
        let e = parse("p.ron", src).unwrap_err();
        assert_eq!((e[0].pos.line, e[0].pos.col), (2, 28), "{}", e[0]);
        assert!(e[0].message.contains("did you mean `web_ui`?"), "{}", e[0]);
    }

    #[test]
    fn unknown_fields_and_bad_weights_are_errors() {
        let e = parse("p.ron", b"Profile(monthly_volum: 5)").unwrap_err();
        assert!(e[0].message.contains("did you mean `monthly_volume`?"));
        let e = parse("p.ron", b"Profile(weights: {\"budget\": 11.0})").unwrap_err();
        assert!(e[0].message.contains("from 0.01 to 10"));
        let e = parse("p.ron", b"Profile(annual_budget_usd: Some(-5.0))").unwrap_err();
        assert!(e[0].message.contains("from $1 to"), "{}", e[0]);
        let e = parse("p.ron", b"Profile(hourly_rate_usd: 1e308)").unwrap_err();
        assert!(e[0].message.contains("to 100,000 USD an hour"), "{}", e[0]);
        assert!(e[0].message.ends_with("found 1e308"), "{}", e[0]);
        let e = parse("p.ron", b"Profile(monthly_volume: 18446744073709551615)").unwrap_err();
        assert!(e[0].message.contains("at most"), "{}", e[0]);
    }

    #[test]
    fn money_and_weights_have_a_resolution() {
        // A speck of a budget would show as "$0/yr" and rule out every engine.
        let e = parse("p.ron", b"Profile(annual_budget_usd: Some(1e-300))").unwrap_err();
        assert_eq!(
            e[0].message,
            "expected annual_budget_usd to be a yearly cap from $1 to $1,000,000,000,000 \
             (budgets count in whole dollars), or None for no cap; found 1e-300"
        );
        assert_eq!((e[0].pos.line, e[0].pos.col), (1, 28), "{}", e[0]);
        let e = parse("p.ron", b"Profile(hourly_rate_usd: 1e-9)").unwrap_err();
        assert!(e[0].message.contains("amounts count in cents"), "{}", e[0]);
        let e = parse("p.ron", b"Profile(weights: {\"volume\": 5e-324})").unwrap_err();
        assert!(e[0].message.contains("in hundredths"), "{}", e[0]);
        assert!(e[0].message.ends_with("found 5e-324"), "{}", e[0]);
        // What is accepted is kept at its resolution.
        let p = parse(
            "p.ron",
            b"Profile(annual_budget_usd: 15000.4, hourly_rate_usd: 90.555, weights: {\"team\": 0.333})",
        )
        .unwrap();
        assert_eq!(p.annual_budget_usd, Some(15000.0));
        assert_eq!(p.assumptions.hourly_rate_usd, 90.56);
        assert_eq!(p.session.weights["team"], 0.33);
    }

    #[test]
    fn a_volume_above_the_limit_is_refused_where_it_is_written() {
        // As a number: the same bound as `--volume`, pointing at the value.
        let src = b"Profile(\n    team: Api,\n    monthly_volume: 742_104_340_000_000,\n)";
        let e = parse("p.ron", src).unwrap_err();
        assert_eq!((e[0].pos.line, e[0].pos.col), (3, 21), "{}", e[0]);
        assert!(e[0].message.contains(units::MAX_VOLUME_WORDS), "{}", e[0]);
        assert!(e[0].message.contains("742,104,340,000,000"), "{}", e[0]);
        // As text, through `units::parse_volume`.
        let src = b"Profile(\n    monthly_volume: \"742104340M\",\n)";
        let e = parse("p.ron", src).unwrap_err();
        assert_eq!(e[0].pos.line, 2, "{}", e[0]);
        assert!(e[0].message.contains(units::MAX_VOLUME_WORDS), "{}", e[0]);
        // The limit itself is a volume.
        let at_limit = format!("Profile(monthly_volume: {})", units::MAX_VOLUME);
        assert!(parse("p.ron", at_limit.as_bytes()).is_ok());
    }

    #[test]
    fn every_builtin_profile_parses() {
        for (path, bytes) in embedded::PROFILES {
            let p = parse(path, bytes).unwrap_or_else(|d| panic!("{}", d[0]));
            assert!(p.problems().is_empty(), "{path}");
        }
        assert!(builtin_names().contains(&"brief-7.4m"));
    }
}
