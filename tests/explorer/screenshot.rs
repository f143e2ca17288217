//! The README's picture of the explorer, checked against the app's real first screen.
//!
//! `assets/screenshot.svg` is rendered from the same buffer the terminal would get, so any
//! change to what a new user sees fails here until the picture is regenerated with
//! `UPDATE_SCREENSHOT=1 cargo test --test explorer screenshot`.

use mtafit::tui::{
    app::App,
    theme::{Theme, ThemeName},
    view,
};
use mtafit_model::catalogue::Catalogue;
use mtafit_model::decide::Weights;
use mtafit_model::profile::Profile;
use std::path::PathBuf;

use crate::svg;

const REGENERATE: &str = "UPDATE_SCREENSHOT=1 cargo test --test explorer screenshot";

/// The first screen of a new user: built-in catalogue, default profile and weights, dark theme.
fn first_screen() -> String {
    let cat = Catalogue::builtin();
    let w = Weights::defaults(&cat.factors);
    let app = App::new(cat, Profile::default(), w, Theme::new(ThemeName::Dark));
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    term.draw(|f| view::view(&app, f)).unwrap();
    svg::render(term.backend().buffer())
}

#[test]
fn readme_screenshot_is_current() {
    let svg = first_screen();
    assert!(svg.starts_with("<svg"), "not an SVG document");
    assert!(svg.ends_with("</svg>\n"), "SVG document is not closed");
    assert!(svg.contains("Postfix"), "the ranking should list Postfix");
    assert!(svg.contains("Ranking"), "the ranking pane should be titled");

    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/screenshot.svg");
    if std::env::var("UPDATE_SCREENSHOT").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &svg).unwrap();
        return;
    }
    let saved = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}\nregenerate it with: {REGENERATE}",
            path.display()
        )
    });
    assert!(
        saved == svg,
        "{} is out of date: the app's first screen has changed.\nregenerate it with: {REGENERATE}",
        path.display()
    );
}
