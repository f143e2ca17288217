//! Absurd numbers in a catalogue: refused by name, and never able to stop the explorer.

use crate::common;
use crate::common::{engine_with, has, run_bounded, stdout};

#[test]
fn absurd_prices_and_capacities_are_refused_by_name() {
    for (from, to, field, expected) in [
        (
            "per_thousand_usd: 0.0",
            "per_thousand_usd: 1e306",
            "per_thousand_usd",
            "expected 0 to 100 USD per 1,000 messages, found 1e306",
        ),
        (
            "licence_per_year_usd: 0.0",
            "licence_per_year_usd: 1.7e308",
            "licence_per_year_usd",
            "expected 0 to 10,000,000 USD a year",
        ),
        (
            "node_capacity_per_month: ",
            "node_capacity_per_month: 9_000_000_000_000_000, // ",
            "node_capacity_per_month",
            "expected at most 1,000,000,000,000 messages a month",
        ),
    ] {
        let home = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = engine_with(dir.path(), from, to);
        let out = run_bounded(home.path(), &["check", &path], None);
        assert_eq!(out.status.code(), Some(1), "{to}");
        let text = stdout(&out);
        assert!(text.contains(expected), "{to}: {text}");
        // Located at the field, file:line:col.
        let line = text
            .lines()
            .find(|l| l.contains(expected))
            .unwrap_or_default()
            .to_owned();
        assert!(line.starts_with(&format!("{path}:")), "{line}");
        let at = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .position(|l| l.contains(field))
            .unwrap()
            + 1;
        assert!(
            line.contains(&format!(":{at}:")),
            "{line} is not at line {at}"
        );
    }
}

#[test]
fn the_explorer_draws_whatever_the_numbers() {
    // Prices the loader would refuse, put in directly: every view still draws, in bounded
    // time and memory (the cost chart's axis once looped over an infinite range).
    use mtafit::tui::action::{Action, View};
    use mtafit::tui::app::App;
    use mtafit::tui::theme::{Theme, ThemeName};
    use mtafit::tui::update::update;
    use mtafit_model::catalogue::Catalogue;
    use mtafit_model::decide::Weights;
    use mtafit_model::profile::Profile;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    for (licence, per_thousand) in [(1.7e308, 0.0), (0.0, 1e306), (f64::MAX, f64::MAX)] {
        let mut cat = Catalogue::builtin();
        for e in cat
            .engines
            .iter_mut()
            .filter(|e| e.id == "postfix" || e.id == "ses")
        {
            e.cost.licence_per_year_usd = licence;
            e.cost.per_thousand_usd = per_thousand;
        }
        let mut w = Weights::defaults(&cat.factors);
        w.0[mtafit_model::catalogue::FactorId::Budget] = 0.0;
        let mut a = App::new(cat, Profile::default(), w, Theme::new(ThemeName::Dark));
        for view in [View::Compare, View::Cost, View::Walk] {
            update(&mut a, Action::Show(view));
            let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
            t.draw(|f| mtafit::tui::view::view(&a, f)).unwrap();
        }
    }
}

#[test]
fn a_key_given_twice_is_refused_where_it_is_repeated() {
    // Serde's maps keep the last of two entries without a word; mtafit says which.
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("p.ron");
    std::fs::write(
        &profile,
        "Profile(\n    weights: {\"volume\": 1, \"volume\": 9},\n)\n",
    )
    .unwrap();
    let out = run_bounded(
        home.path(),
        &["rank", "--profile", profile.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    assert!(err.contains("\"volume\" is listed twice"), "{err}");
    assert!(err.contains(&format!("{}:2:", profile.display())), "{err}");

    // The same in a catalogue file's add-ons.
    let path = engine_with(
        dir.path(),
        "capabilities: {",
        "add_ons: {\"dkim_signing\": \"a\", \"dkim_signing\": \"b\"},\n    capabilities: {",
    );
    let out = run_bounded(home.path(), &["check", &path], None);
    assert_eq!(out.status.code(), Some(1));
    has(&stdout(&out), "\"dkim_signing\" is listed twice");
}

#[test]
fn a_volume_too_large_for_a_float_is_more_than_a_trillion() {
    // Past 1e308 a number reads as infinity; it is too large, not "a number of 0 or more", and
    // a whole number too long for 64 bits is not "a floating point number".
    let home = tempfile::tempdir().unwrap();
    let nines = "9".repeat(100_000);
    for v in ["1e400", "1e309", "1e400k", nines.as_str()] {
        let out = run_bounded(home.path(), &["rank", "--volume", v], None);
        assert_eq!(out.status.code(), Some(2));
        let err = common::stderr(&out);
        assert!(
            err.contains("is more than 1,000,000,000,000 (a trillion) messages a month"),
            "{}: {err}",
            &v[..v.len().min(10)]
        );
        assert!(!err.contains("0 or more"), "{err}");
    }
    let dir = tempfile::tempdir().unwrap();
    for v in ["99999999999999999999999999", "1e400", nines.as_str()] {
        let p = dir.path().join("p.ron");
        std::fs::write(&p, format!("Profile(\n  monthly_volume: {v},\n)\n")).unwrap();
        let out = run_bounded(
            home.path(),
            &["rank", "--profile", p.to_str().unwrap()],
            None,
        );
        assert_eq!(out.status.code(), Some(1));
        let err = common::stderr(&out);
        assert!(
            err.contains(
                ":2:19: error: expected a volume of at most 1,000,000,000,000 (a trillion)"
            ),
            "{err}"
        );
        assert!(!err.contains("floating point"), "{err}");
    }
}

#[test]
fn an_exponent_where_a_whole_number_goes_is_said_in_words() {
    // ron's own words were "invalid digit 'e' for base 10 integers".
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.ron");
    std::fs::write(&p, "Profile(\n  messages_per_ip_per_day: 1e400,\n)\n").unwrap();
    let out = run_bounded(
        home.path(),
        &["rank", "--profile", p.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    has(
        &common::stderr(&out),
        ":2:28: error: expected a whole number, written in digits only; found \"e\", which makes \
         it a fraction or an exponent",
    );
    let path = engine_with(
        dir.path(),
        "min_per_month: 1_000_000",
        "min_per_month: 1e400",
    );
    let out = run_bounded(home.path(), &["check", &path], None);
    assert_eq!(out.status.code(), Some(1));
    has(
        &stdout(&out),
        &format!("{path}:12:29: error: expected a whole number, written in digits only"),
    );
}
