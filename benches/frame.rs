//! One TUI frame: an update that re-ranks (a weight change), then drawing at 160×48; and the
//! path view's frame after a profile change (the analysis and the path recomputed).

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mtafit::tui::action::{Action, View};
use mtafit::tui::app::App;
use mtafit::tui::theme::{Theme, ThemeName};
use mtafit::tui::update::update;
use mtafit::tui::view;
use mtafit_model::catalogue::Catalogue;
use mtafit_model::decide::Weights;
use mtafit_model::profile::Profile;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(extra: usize) -> App {
    let mut cat = Catalogue::builtin();
    cat.engines.extend(synthetic::engines(extra, 42));
    let w = Weights::defaults(&cat.factors);
    let mut a = App::new(cat, Profile::default(), w, Theme::new(ThemeName::Dark));
    update(&mut a, Action::Resize(160, 48));
    update(&mut a, Action::FocusWeights);
    a
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    for (label, extra) in [("builtin", 0usize), ("10k_generated", 10_000)] {
        let mut a = app(extra);
        let mut term = Terminal::new(TestBackend::new(160, 48)).unwrap();
        let mut up = true;
        group.bench_function(BenchmarkId::new("weight_change_and_draw", label), |b| {
            b.iter(|| {
                // Alternate so every frame really changes a weight and re-ranks.
                update(&mut a, if up { Action::Left } else { Action::Right });
                up = !up;
                term.draw(|f| view::view(&a, f)).unwrap();
            })
        });
    }
    // The path view: a profile change recomputes the analysis and the path, then draws.
    for (label, extra) in [("builtin", 0usize), ("10k_generated", 10_000)] {
        let mut a = app(extra);
        update(&mut a, Action::Show(View::Path));
        let mut term = Terminal::new(TestBackend::new(160, 48)).unwrap();
        let mut up = true;
        group.bench_function(
            BenchmarkId::new("path_view_profile_change_and_draw", label),
            |b| {
                b.iter(|| {
                    a.model.profile.monthly_volume = if up { 7_421_043 } else { 12_000_000 };
                    up = !up;
                    a.refresh();
                    term.draw(|f| view::view(&a, f)).unwrap();
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
