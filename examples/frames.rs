//! Draws many frames after weight changes; a target for profilers (see BENCHMARKS.md).

#[path = "../tests/support/synthetic.rs"]
mod synthetic;
use mtafit::tui::action::Action;
use mtafit::tui::app::App;
use mtafit::tui::theme::{Theme, ThemeName};
use mtafit::tui::update::update;
use mtafit::tui::view;
use mtafit_model::catalogue::Catalogue;
use mtafit_model::decide::Weights;
use mtafit_model::profile::Profile;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    let extra: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(0);
    let mut cat = Catalogue::builtin();
    cat.engines.extend(synthetic::engines(extra, 42));
    let w = Weights::defaults(&cat.factors);
    let mut a = App::new(cat, Profile::default(), w, Theme::new(ThemeName::Dark));
    update(&mut a, Action::Resize(160, 48));
    update(&mut a, Action::FocusWeights);
    let mut term = Terminal::new(TestBackend::new(160, 48)).unwrap();
    let n = if extra > 0 { 100 } else { 2000 };
    for i in 0..n {
        update(
            &mut a,
            if i % 2 == 0 {
                Action::Left
            } else {
                Action::Right
            },
        );
        term.draw(|f| view::view(&a, f)).unwrap();
    }
}
