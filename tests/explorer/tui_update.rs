//! `update` for every action: the explorer's behaviour without a terminal.

use mtafit::tui::action::{Action, View};
use mtafit::tui::app::App;
use mtafit::tui::compare::Pane;
use mtafit::tui::compare::column::Column;
use mtafit::tui::compare::ranking::RankLine;
use mtafit::tui::compare::table::Table;
use mtafit::tui::layout;
use mtafit::tui::popup::Popup;
use mtafit::tui::status::Tone;
use mtafit::tui::theme::{Theme, ThemeName};
use mtafit::tui::update::Effect;
use mtafit::tui::view;
use mtafit_model::catalogue::{Catalogue, FactorId};
use mtafit_model::decide::Weights;
use mtafit_model::profile::{Profile, Situation};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app() -> App {
    app_with(Profile::default())
}

fn app_with(p: Profile) -> App {
    let cat = Catalogue::builtin();
    let w = Weights::defaults(&cat.factors);
    let mut a = App::new(cat, p, w, Theme::new(ThemeName::Dark));
    update(&mut a, Action::Resize(120, 40));
    a
}

/// A sender whose top pick the weights can move: 20M a month with the default team, where the
/// sending MTAs are close (the brief's 7.4M sender keeps Postfix whatever one weight does).
fn contested() -> App {
    app_with(Profile::from(Situation {
        monthly_volume: 20_000_000,
        ..Situation::default()
    }))
}

/// One turn of the event loop: the update, then a draw, which measures what each area shows
/// (scrolling and paging rest on that, as they do in the running app).
fn update(a: &mut App, act: Action) -> Option<Effect> {
    let effect = mtafit::tui::update::update(a, act);
    let (w, h) = a.screen.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::view(a, f)).unwrap();
    effect
}

/// The first line a popup shows.
fn popup_top(a: &App) -> usize {
    a.popup
        .as_ref()
        .and_then(|p| p.scroll())
        .map(|s| s.top())
        .expect("a scrolling popup")
}

fn id(a: &App, i: usize) -> &str {
    &a.model.cat.engines[i].id
}

fn selected(a: &App) -> &str {
    id(a, a.compare.selected)
}

fn top(a: &App) -> &str {
    id(a, a.model.analysis.ranking.top().unwrap().engine)
}

fn run(a: &mut App, actions: &[Action]) {
    for act in actions {
        update(a, *act);
    }
}

fn typed(a: &mut App, s: &str) {
    for c in s.chars() {
        update(a, Action::Input(c));
    }
}

#[test]
fn starts_on_the_top_pick_in_the_compare_view() {
    let a = app();
    assert_eq!(a.views.current, View::Compare);
    assert_eq!(a.compare.focus, Pane::Ranking);
    assert_eq!(selected(&a), "postfix");
    assert_eq!(top(&a), "postfix");
}

#[test]
fn quit() {
    let mut a = app();
    update(&mut a, Action::Quit);
    assert!(a.session.quit);
}

#[test]
fn tab_cycles_panes_and_w_jumps_to_weights() {
    let mut a = app();
    run(&mut a, &[Action::FocusNext]);
    assert_eq!(a.compare.focus, Pane::Table);
    run(&mut a, &[Action::FocusNext, Action::FocusNext]);
    assert_eq!(a.compare.focus, Pane::Detail);
    run(&mut a, &[Action::FocusNext]);
    assert_eq!(a.compare.focus, Pane::Ranking);
    run(&mut a, &[Action::FocusPrev]);
    assert_eq!(a.compare.focus, Pane::Detail);
    run(&mut a, &[Action::FocusWeights]);
    assert_eq!(a.compare.focus, Pane::Weights);
}

#[test]
fn moving_in_the_ranking_follows_rank_order() {
    let mut a = app();
    let second = id(&a, a.compare.ranking.rows[1]).to_owned();
    run(&mut a, &[Action::Down]);
    assert_eq!(selected(&a), second);
    run(&mut a, &[Action::Up, Action::Up]);
    assert_eq!(selected(&a), "postfix", "clamped at the top");
    run(&mut a, &[Action::Bottom]);
    assert_eq!(a.compare.selected, *a.compare.ranking.rows.last().unwrap());
    run(&mut a, &[Action::Top]);
    assert_eq!(selected(&a), "postfix");
    run(&mut a, &[Action::HalfPageDown]);
    assert!(
        a.compare
            .ranking
            .rows
            .iter()
            .position(|&i| i == a.compare.selected)
            .unwrap()
            > 1
    );
    run(&mut a, &[Action::HalfPageUp]);
    assert_eq!(selected(&a), "postfix");
}

#[test]
fn moving_in_the_table_follows_the_table_order() {
    let mut a = app();
    run(&mut a, &[Action::FocusNext]);
    // Sort by cost, cheapest first.
    while a.compare.table.sort.column != Column::Cost {
        update(&mut a, Action::SortNext);
    }
    run(&mut a, &[Action::Top]);
    assert_eq!(a.compare.selected, a.compare.table.rows[0]);
    run(&mut a, &[Action::Down]);
    assert_eq!(a.compare.selected, a.compare.table.rows[1]);
    let costs: Vec<f64> = a
        .compare
        .table
        .rows
        .iter()
        .map(|i| a.model.row(*i).cost.total())
        .collect();
    assert!(costs.windows(2).all(|c| c[0] <= c[1]), "{costs:?}");
}

#[test]
fn the_score_column_sorts_by_the_number_and_the_standing_has_its_own() {
    // The default sender has engines out of the running and with caveats: in ranking order
    // their scores interleave with the candidates'; sorted by score they must not.
    let mut a = app();
    run(&mut a, &[Action::FocusNext]);
    assert_eq!(a.compare.table.sort.column, Column::Score);
    let scores: Vec<f64> = a
        .compare
        .table
        .rows
        .iter()
        .map(|i| a.model.row(*i).score)
        .collect();
    assert!(
        scores.windows(2).all(|s| s[0] >= s[1]),
        "scores not highest first: {scores:?}"
    );
    run(&mut a, &[Action::SortReverse]);
    let scores: Vec<f64> = a
        .compare
        .table
        .rows
        .iter()
        .map(|i| a.model.row(*i).score)
        .collect();
    assert!(scores.windows(2).all(|s| s[0] <= s[1]), "{scores:?}");
    run(&mut a, &[Action::SortReverse, Action::SortNext]);
    assert_eq!(a.compare.table.sort.column, Column::Standing);
    let standings: Vec<_> = a
        .compare
        .table
        .rows
        .iter()
        .map(|i| a.model.row(*i).standing())
        .collect();
    assert!(
        standings.windows(2).all(|s| s[0] <= s[1]),
        "candidates first: {standings:?}"
    );
    assert!(
        standings.first() < standings.last(),
        "more than one standing"
    );
}

#[test]
fn sorting_cycles_columns_and_reverses() {
    let mut a = app();
    assert_eq!(a.compare.table.sort.column, Column::Score);
    run(&mut a, &[Action::SortNext]);
    assert_eq!(a.compare.table.sort.column, Column::Standing);
    run(&mut a, &[Action::SortNext]);
    assert_eq!(a.compare.table.sort.column, Column::Cost);
    for _ in 0..Column::ALL.len() - 2 {
        update(&mut a, Action::SortNext);
    }
    assert_eq!(a.compare.table.sort.column, Column::Score, "a full cycle");
    let before = a.compare.table.rows.clone();
    run(&mut a, &[Action::SortReverse]);
    assert!(a.compare.table.sort.reversed);
    let mut reversed = before.clone();
    reversed.reverse();
    assert_eq!(a.compare.table.rows, reversed);
    run(&mut a, &[Action::SortReverse]);
    assert_eq!(a.compare.table.rows, before);
}

#[test]
fn every_slider_moves_its_weight_and_reranks() {
    for (n, f) in FactorId::ALL.iter().enumerate() {
        let mut a = app();
        update(&mut a, Action::FocusWeights);
        for _ in 0..n {
            update(&mut a, Action::Down);
        }
        assert_eq!(a.compare.sliders.cursor, *f);
        let w = a.model.weights.get(*f);
        update(&mut a, Action::Left);
        assert_eq!(a.model.weights.get(*f), w - 1.0, "{}", f.id());
        assert_eq!(
            a.model.analysis.ranking.given, a.model.weights,
            "re-ranked in the same update"
        );
        update(&mut a, Action::Right);
        update(&mut a, Action::Right);
        assert_eq!(a.model.weights.get(*f), (w + 1.0).min(10.0), "{}", f.id());
    }
    // Clamped at both ends.
    let mut a = app();
    update(&mut a, Action::FocusWeights);
    for _ in 0..20 {
        update(&mut a, Action::Right);
    }
    assert_eq!(a.model.weights.get(FactorId::Volume), 10.0);
    for _ in 0..20 {
        update(&mut a, Action::Left);
    }
    assert_eq!(a.model.weights.get(FactorId::Volume), 0.0);
}

#[test]
fn a_weight_change_can_change_the_top_pick() {
    let mut a = contested();
    let before = top(&a).to_owned();
    update(&mut a, Action::FocusWeights);
    // Volume is the first slider: at 0 the fit to volume stops counting, and engines that are
    // cheaper or easier to run but less suited to 20M a month catch up.
    for _ in 0..10 {
        update(&mut a, Action::Left);
    }
    assert_ne!(top(&a), before);
    update(&mut a, Action::ResetWeights);
    assert_eq!(a.model.weights, a.compare.sliders.defaults);
    assert_eq!(top(&a), before);
}

#[test]
fn flip_jumps_to_where_the_top_pick_changes() {
    let mut a = contested();
    update(&mut a, Action::FocusWeights);
    let range = a.model.analysis.sensitivity.factors[0].clone();
    let below = range
        .below
        .expect("lowering volume hands the top to another engine");
    update(&mut a, Action::FlipDown);
    assert_eq!(a.model.analysis.ranking.top().unwrap().engine, below);
    assert!(a.model.weights.get(FactorId::Volume) < range.from);
    // Nothing takes over above 10.
    let mut a = app();
    update(&mut a, Action::FocusWeights);
    update(&mut a, Action::FlipUp);
    assert_eq!(a.model.weights.get(FactorId::Volume), 10.0);
    assert!(
        a.status
            .message
            .as_ref()
            .unwrap()
            .0
            .contains("no engine takes the top")
    );
}

#[test]
fn search_filters_highlights_and_clears() {
    let mut a = app();
    update(&mut a, Action::Search);
    assert!(a.search.typing);
    typed(&mut a, "kumo");
    assert_eq!(selected(&a), "kumomta", "the best match is selected");
    assert_eq!(a.compare.ranking.rows.len(), 1);
    assert_eq!(a.compare.table.rows.len(), 1);
    update(&mut a, Action::Backspace);
    assert_eq!(a.search.query, "kum");
    update(&mut a, Action::Confirm);
    assert!(!a.search.typing);
    assert!(a.search.active(), "Enter keeps the filter");
    // Keys act on the app again, not the query.
    update(&mut a, Action::Show(View::Walk));
    assert_eq!(a.views.current, View::Walk);
    update(&mut a, Action::Show(View::Compare));
    update(&mut a, Action::Back);
    assert!(!a.search.active(), "Esc clears it");
    assert_eq!(a.compare.ranking.rows.len(), a.model.cat.engines.len());
    // Esc while typing clears too.
    run(&mut a, &[Action::Search, Action::Input('s'), Action::Back]);
    assert!(!a.search.typing && !a.search.active());
}

#[test]
fn a_kept_filter_survives_a_weight_change() {
    let mut a = app();
    update(&mut a, Action::Search);
    typed(&mut a, "kumo");
    run(
        &mut a,
        &[Action::Confirm, Action::FocusWeights, Action::Left],
    );
    assert_eq!(a.model.weights.get(FactorId::Volume), 9.0);
    assert_eq!(
        a.compare.ranking.rows.len(),
        1,
        "still filtered after re-ranking"
    );
    assert_eq!(selected(&a), "kumomta");
}

#[test]
fn n_and_shift_n_step_through_matches_in_list_order() {
    let mut a = app();
    update(&mut a, Action::Search);
    typed(&mut a, "m");
    update(&mut a, Action::Confirm);
    let best = a.search.hits[0].engine;
    assert_eq!(a.compare.selected, best, "the best match is selected first");
    // The ranking shows only matches, in rank order: n and N walk that order and wrap.
    let rows = a.compare.ranking.rows.clone();
    assert!(rows.len() >= 3, "{rows:?}");
    let at = rows.iter().position(|&i| i == best).unwrap();
    update(&mut a, Action::NextMatch);
    assert_eq!(a.compare.selected, rows[(at + 1) % rows.len()]);
    update(&mut a, Action::PrevMatch);
    update(&mut a, Action::PrevMatch);
    assert_eq!(a.compare.selected, rows[(at + rows.len() - 1) % rows.len()]);
    // Without a search, n says how to start one.
    update(&mut a, Action::Back);
    update(&mut a, Action::NextMatch);
    assert!(
        a.status
            .message
            .as_ref()
            .unwrap()
            .0
            .contains("press / to search")
    );
}

#[test]
fn marking_and_side_by_side() {
    let mut a = app();
    update(&mut a, Action::Resize(80, 24));
    update(&mut a, Action::Mark);
    assert!(a.marks.contains("postfix"));
    update(&mut a, Action::Compare);
    assert!(a.popup.is_none(), "one mark is not a comparison");
    assert_eq!(a.status.message.as_ref().unwrap().1, Tone::Warn);
    run(&mut a, &[Action::Down, Action::Mark]);
    assert_eq!(a.marks.len(), 2);
    assert_eq!(a.marks.shortlist(&a.model).len(), 2);
    update(&mut a, Action::Compare);
    assert!(matches!(a.popup, Some(Popup::SideBySide(_))));
    run(&mut a, &[Action::Down, Action::Down]);
    assert_eq!(popup_top(&a), 2);
    update(&mut a, Action::Back);
    assert!(a.popup.is_none());
    // Space again unmarks.
    update(&mut a, Action::Mark);
    assert_eq!(a.marks.len(), 1);
}

#[test]
fn the_shortlist_defaults_to_the_top_five() {
    let a = app();
    let s = a.marks.shortlist(&a.model);
    assert_eq!(s.len(), 5);
    assert_eq!(id(&a, s[0]), "postfix");
}

#[test]
fn profile_edits_preview_live_cancel_and_apply() {
    let mut a = app();
    update(&mut a, Action::EditProfile);
    assert!(matches!(a.popup, Some(Popup::Profile(_))));
    // Field 1 is the monthly volume.
    update(&mut a, Action::Down);
    for _ in 0..10 {
        update(&mut a, Action::Backspace);
    }
    typed(&mut a, "40M");
    assert_eq!(
        a.model.profile.monthly_volume, 40_000_000,
        "previewed as you type"
    );
    assert_ne!(top(&a), "postfix");
    update(&mut a, Action::Back);
    assert!(a.popup.is_none());
    assert_eq!(a.model.profile.monthly_volume, 7_421_043, "Esc restores");
    assert_eq!(top(&a), "postfix");

    update(&mut a, Action::EditProfile);
    update(&mut a, Action::Down);
    for _ in 0..10 {
        update(&mut a, Action::Backspace);
    }
    typed(&mut a, "40Mx");
    update(&mut a, Action::Confirm);
    assert!(a.popup.is_some(), "an invalid field blocks Enter");
    assert_eq!(a.status.message.as_ref().unwrap().1, Tone::Error);
    update(&mut a, Action::Backspace);
    // The own/rent toggle is the first field: ← flips it.
    run(&mut a, &[Action::Up, Action::Left]);
    update(&mut a, Action::Confirm);
    assert!(a.popup.is_none());
    assert_eq!(a.model.profile.monthly_volume, 40_000_000);
    assert!(!a.model.profile.own_infrastructure);
    assert!(a.model.cat.engines[a.model.analysis.ranking.top().unwrap().engine].is_managed());
}

#[test]
fn views_switch_and_the_cost_view_has_curves() {
    let mut a = app();
    assert!(a.model.curves.is_none(), "not computed until needed");
    update(&mut a, Action::Show(View::Cost));
    assert_eq!(a.views.current, View::Cost);
    let c = a.model.curves.as_ref().unwrap();
    assert_eq!(c.leaders.len(), 5);
    assert!(c.crossovers.iter().any(|x| id(&a, x.a) == "ses"));
    update(&mut a, Action::Show(View::Walk));
    assert_eq!(a.views.current, View::Walk);
    update(&mut a, Action::Resize(80, 24));
    run(&mut a, &[Action::Down, Action::Down, Action::Up]);
    assert_eq!(a.views.walk.top(), 1);
    update(&mut a, Action::Show(View::Compare));
    assert_eq!(a.views.current, View::Compare);
}

#[test]
fn help_and_problems_open_scroll_and_close() {
    let mut a = app();
    update(&mut a, Action::Help);
    assert!(matches!(a.popup, Some(Popup::Help(_))));
    assert_eq!(popup_top(&a), 0);
    run(&mut a, &[Action::Down, Action::HalfPageDown]);
    assert!(popup_top(&a) > 1, "down a line and half a page");
    update(&mut a, Action::Top);
    assert_eq!(popup_top(&a), 0);
    update(&mut a, Action::Back);
    assert!(a.popup.is_none());
    update(&mut a, Action::Problems);
    assert!(matches!(a.popup, Some(Popup::Problems { .. })));
    update(&mut a, Action::Back);
    assert!(a.popup.is_none());
}

#[test]
fn themes_cycle() {
    let mut a = app();
    update(&mut a, Action::CycleTheme);
    assert_eq!(a.screen.theme.name, ThemeName::Light);
    update(&mut a, Action::CycleTheme);
    assert_eq!(a.screen.theme.name, ThemeName::Mono);
    update(&mut a, Action::CycleTheme);
    assert_eq!(a.screen.theme.name, ThemeName::Dark);
}

#[test]
fn the_table_scrolls_sideways_keeping_the_name() {
    let mut a = app();
    update(&mut a, Action::FocusNext);
    update(&mut a, Action::Right);
    assert_eq!(a.compare.table.hscroll, 1);
    let cols = a.compare.table.columns(&a.model.cat, 60);
    assert_eq!(cols[0].0, Column::Name, "the name column stays");
    assert_ne!(
        cols[1].0,
        Column::Score,
        "the first other column scrolled away"
    );
    for _ in 0..50 {
        update(&mut a, Action::Right);
    }
    assert_eq!(a.compare.table.hscroll, Table::max_hscroll());
    update(&mut a, Action::Left);
    assert_eq!(a.compare.table.hscroll, Table::max_hscroll() - 1);
}

fn areas(a: &App) -> layout::Areas {
    layout::areas(a.screen.area(), a.views.current)
}

#[test]
fn mouse_clicks_select_sort_and_set_sliders() {
    let mut a = app();
    let ar = areas(&a);
    // Click the third line of the ranking.
    let inner = layout::inner(ar.ranking);
    update(&mut a, Action::Click(inner.x + 3, inner.y + 2));
    assert_eq!(a.compare.selected, a.compare.ranking.rows[2]);
    // Click the table header's cost column: sorted by cost; again: reversed.
    let t = layout::inner(ar.table);
    let (_, cx, _) = a
        .compare
        .table
        .columns(&a.model.cat, t.width)
        .into_iter()
        .find(|(c, _, _)| *c == Column::Cost)
        .unwrap();
    update(&mut a, Action::Click(t.x + 2 + cx + 1, t.y));
    assert_eq!(
        (a.compare.table.sort.column, a.compare.table.sort.reversed),
        (Column::Cost, false)
    );
    update(&mut a, Action::Click(t.x + 2 + cx + 1, t.y));
    assert_eq!(
        (a.compare.table.sort.column, a.compare.table.sort.reversed),
        (Column::Cost, true)
    );
    assert_eq!(a.compare.focus, Pane::Table);
    // Click a slider's left end: weight 0; drag to the right end: 10; release.
    let track = layout::slider_track(ar.weights, FactorId::Budget).unwrap();
    update(&mut a, Action::Click(track.x, track.y));
    assert_eq!(a.model.weights.get(FactorId::Budget), 0.0);
    assert_eq!(a.compare.sliders.cursor, FactorId::Budget);
    assert_eq!(a.compare.sliders.dragging, Some(FactorId::Budget));
    update(&mut a, Action::Drag(track.right() - 1, track.y));
    assert_eq!(a.model.weights.get(FactorId::Budget), 10.0);
    update(&mut a, Action::Release);
    assert_eq!(a.compare.sliders.dragging, None);
    update(&mut a, Action::Drag(track.x, track.y));
    assert_eq!(
        a.model.weights.get(FactorId::Budget),
        10.0,
        "no drag after release"
    );
    // The header tabs switch views.
    let (_, x, _) = layout::view_tabs(ar.header)[2];
    update(&mut a, Action::Click(x + 1, 0));
    assert_eq!(a.views.current, View::Walk);
}

#[test]
fn a_click_on_either_edge_of_a_header_sorts_by_that_column() {
    let mut a = app();
    let t = layout::inner(areas(&a).table);
    let left = t.x + layout::TABLE_GUTTER;
    let cols = a
        .compare
        .table
        .columns(&a.model.cat, t.width - layout::TABLE_GUTTER);
    assert!(cols.len() > 5);
    for (c, cx, w) in cols {
        for x in [left + cx, left + cx + w - 1] {
            // Start from another column so the click is a change.
            a.compare.table.sort.column = if c == Column::Name {
                Column::Score
            } else {
                Column::Name
            };
            update(&mut a, Action::Click(x, t.y));
            assert_eq!(a.compare.table.sort.column, c, "click at x={x}");
        }
    }
    // The gutter is no column.
    a.compare.table.sort.column = Column::Score;
    update(&mut a, Action::Click(t.x, t.y));
    assert_eq!(a.compare.table.sort.column, Column::Score);
}

#[test]
fn the_wheel_scrolls_what_is_under_it() {
    let mut a = app();
    let ar = areas(&a);
    let r = layout::inner(ar.ranking);
    update(&mut a, Action::Wheel(r.x, r.y, true));
    assert_eq!(a.compare.selected, a.compare.ranking.rows[3]);
    update(&mut a, Action::Wheel(r.x, r.y, false));
    assert_eq!(a.compare.selected, a.compare.ranking.rows[0]);
    let d = layout::inner(ar.detail);
    update(&mut a, Action::Wheel(d.x, d.y, true));
    assert_eq!(a.compare.detail.scroll.top(), 3);
}

#[test]
fn resizing_keeps_the_selection_in_view() {
    let mut a = app();
    run(&mut a, &[Action::Bottom]);
    update(&mut a, Action::Resize(80, 24));
    assert_eq!(a.screen.size, (80, 24));
    let visible = layout::inner(areas(&a).ranking).height as usize;
    let lines = a.compare.ranking.lines(&a.model);
    let at = lines
        .iter()
        .position(|l| *l == RankLine::Engine(a.compare.selected))
        .unwrap();
    let top = a.compare.ranking.scroll.top();
    assert!(at >= top && at < top + visible);
}

#[test]
fn every_weight_at_zero_is_shown_not_fatal() {
    let mut a = app();
    update(&mut a, Action::FocusWeights);
    for n in 0..8 {
        for _ in 0..10 {
            update(&mut a, Action::Left);
        }
        if n < 7 {
            update(&mut a, Action::Down);
        }
    }
    assert!(a.model.weights.all_zero());
    assert!(a.model.analysis.ranking.top().is_none());
    assert!(mtafit_render::rank::hint(&a.model.analysis.ranking).is_some());
}

mod export {
    use super::*;
    use mtafit::tui::popup::dialog::Dialog;
    use mtafit_render::shortlist::ShortlistFormat;

    fn dialog(a: &App) -> &Dialog {
        match &a.popup {
            Some(Popup::Export(d)) => d,
            other => panic!("no export dialog: {other:?}"),
        }
    }

    fn set_path(a: &mut App, path: &std::path::Path) {
        update(a, Action::Down);
        for _ in 0..40 {
            update(a, Action::Backspace);
        }
        typed(a, path.to_str().unwrap());
    }

    #[test]
    fn marking_two_engines_and_pressing_e_writes_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("list.md");
        let mut a = app();
        run(
            &mut a,
            &[Action::Mark, Action::Down, Action::Mark, Action::Export],
        );
        let second = a.model.cat.engines[a.compare.ranking.rows[1]].id.clone();
        assert_eq!(dialog(&a).ids, vec!["postfix".to_owned(), second]);
        assert!(dialog(&a).marked);
        assert_eq!(dialog(&a).path, "mtafit-shortlist.md");
        set_path(&mut a, &path);
        let effect = update(&mut a, Action::Confirm).expect("an export");
        let Effect::Export(req) = &effect else {
            panic!("{effect:?}")
        };
        assert_eq!(req.path, path);
        assert!(!req.force);
        assert_eq!(req.format, ShortlistFormat::Markdown);
        assert_eq!(req.ids, dialog(&a).ids);
        assert!(a.popup.is_some(), "open until the write succeeds");
        mtafit::tui::run::carry_out(&mut a, effect);
        assert!(a.popup.is_none());
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("| Postfix |")
        );
        assert_eq!(
            a.status.message.as_ref().unwrap(),
            &(format!("wrote {}", path.display()), Tone::Info)
        );
    }

    #[test]
    fn an_existing_file_needs_a_second_enter() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("list.md");
        std::fs::write(&path, "keep me").unwrap();
        let mut a = app();
        update(&mut a, Action::Export);
        assert!(!dialog(&a).marked, "nothing marked: the top five");
        assert_eq!(dialog(&a).ids.len(), 5);
        set_path(&mut a, &path);
        assert_eq!(update(&mut a, Action::Confirm), None);
        assert!(dialog(&a).confirm, "asked before replacing");
        // Esc here cancels and the file is untouched.
        update(&mut a, Action::Back);
        assert!(a.popup.is_none());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
        update(&mut a, Action::Export);
        set_path(&mut a, &path);
        update(&mut a, Action::Confirm);
        let effect = update(&mut a, Action::Confirm).expect("replaced on the second Enter");
        let Effect::Export(req) = &effect else {
            panic!()
        };
        assert!(req.force);
        mtafit::tui::run::carry_out(&mut a, effect);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .starts_with("# MTA shortlist")
        );
    }

    #[test]
    fn a_failed_write_keeps_the_dialog_to_fix_the_path() {
        let mut a = app();
        update(&mut a, Action::Export);
        set_path(&mut a, std::path::Path::new("/no/such/folder/list.md"));
        let effect = update(&mut a, Action::Confirm).unwrap();
        mtafit::tui::run::carry_out(&mut a, effect);
        assert!(matches!(a.popup, Some(Popup::Export(_))), "still open");
        let (msg, tone) = a.status.message.clone().unwrap();
        assert_eq!(tone, Tone::Error);
        assert!(msg.contains("does not exist"), "{msg}");
    }

    /// Enter on `path` names it as `what` in the status line and the dialog, asks nothing,
    /// writes nothing and keeps the dialog open; editing the path clears the note.
    fn refused_as(path: &std::path::Path, what: &str) {
        let mut a = app();
        update(&mut a, Action::Export);
        set_path(&mut a, path);
        for _ in 0..2 {
            assert_eq!(
                update(&mut a, Action::Confirm),
                None,
                "{what}: nothing written"
            );
            assert!(!dialog(&a).confirm, "{what}: never offered for replacing");
            let (msg, tone) = a.status.message.clone().unwrap();
            assert_eq!(tone, Tone::Error);
            assert_eq!(msg, format!("{} {what}", path.display()));
            assert_eq!(dialog(&a).problem.as_deref(), Some(msg.as_str()));
            // The dialog says it too, in place of "Writes …" or "Enter again to replace".
            let s = screen(&mut a, 200, 40);
            let words: Vec<&str> = what.split(' ').take(3).collect();
            assert!(s.contains(&words.join(" ")), "{what}: {s}");
            assert!(!s.contains("Writes ") && !s.contains("replace it"), "{s}");
        }
        typed(&mut a, "x");
        assert_eq!(dialog(&a).problem, None);
    }

    #[test]
    fn a_folder_pipe_or_device_is_named_in_the_export_dialog_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        refused_as(dir.path(), "is a folder; type a file name inside it");
        #[cfg(unix)]
        {
            let fifo = dir.path().join("pipe.md");
            crate::common::mkfifo(&fifo);
            refused_as(
                &fifo,
                "is a named pipe, not a file, and is never written to; type a file name",
            );
            refused_as(
                std::path::Path::new("/dev/null"),
                "is a device, not a file, and is never written to; type a file name",
            );
            let looped = dir.path().join("loop.md");
            std::os::unix::fs::symlink(&looped, &looped).unwrap();
            refused_as(
                &looped,
                "is a link that leads back to itself (a loop of links), not a file, and is never \
                 written to; type a file name",
            );
        }
    }

    #[test]
    fn formats_cycle_and_the_default_name_follows() {
        let mut a = app();
        update(&mut a, Action::Export);
        update(&mut a, Action::Right);
        assert_eq!(dialog(&a).format, ShortlistFormat::Csv);
        assert_eq!(dialog(&a).path, "mtafit-shortlist.csv");
        update(&mut a, Action::Left);
        update(&mut a, Action::Left);
        assert_eq!(dialog(&a).format, ShortlistFormat::Ron);
        assert_eq!(dialog(&a).path, "mtafit-shortlist.ron");
        // A typed name stays when the format changes.
        update(&mut a, Action::Down);
        typed(&mut a, "x");
        update(&mut a, Action::Up);
        update(&mut a, Action::Right);
        assert_eq!(dialog(&a).path, "mtafit-shortlist.ronx");
    }

    #[test]
    fn y_refuses_a_shortlist_too_long_for_one_osc_52_copy_and_says_so() {
        // Two copies of every built-in engine: a Markdown shortlist of about 100 KB.
        let mut cat = Catalogue::builtin();
        let copies: Vec<_> = (2..=2)
            .flat_map(|n| {
                cat.engines.iter().cloned().map(move |mut e| {
                    e.id = format!("{}-{n}", e.id);
                    e.name = format!("{} {n}", e.name);
                    e
                })
            })
            .collect();
        cat.engines.extend(copies);
        let ids: Vec<String> = cat.engines.iter().map(|e| e.id.clone()).collect();
        let w = Weights::defaults(&cat.factors);
        let mut a = App::new(cat, Profile::default(), w, Theme::new(ThemeName::Dark));
        for id in &ids {
            a.marks.toggle(id);
        }
        assert_eq!(update(&mut a, Action::CopyMarkdown), None, "nothing sent");
        let (msg, tone) = a.status.message.clone().unwrap();
        assert_eq!(tone, Tone::Error);
        let len: usize = msg
            .strip_prefix("not copied: the shortlist's Markdown is ")
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{msg}"));
        assert!(len > 74_994, "{msg}");
        assert!(
            msg.ends_with(
                " bytes, and a terminal takes at most 74994 in one clipboard copy (OSC 52); mark \
                 fewer engines, or export it with e"
            ),
            "{msg}"
        );
    }

    #[test]
    fn y_copies_the_markdown_with_osc_52() {
        let mut a = app();
        update(&mut a, Action::Mark);
        let Some(Effect::Copy(text)) = update(&mut a, Action::CopyMarkdown) else {
            panic!("a copy")
        };
        assert!(text.starts_with("# MTA shortlist"));
        let seq = mtafit::tui::export::osc52(&text);
        assert!(seq.starts_with("\u{1b}]52;c;") && seq.ends_with('\u{7}'));
    }
}

#[test]
fn no_colour_means_the_monochrome_theme_and_flags_shape_the_start() {
    use mtafit::setup::Overrides as Global;
    use mtafit::tui::start::{Options, build};
    let opts = Options {
        fresh: true,
        ..Options::default()
    };
    let mut a = build(&Global::default(), &opts, false).unwrap();
    assert_eq!(a.screen.theme.name, ThemeName::Mono);
    update(&mut a, Action::CycleTheme);
    assert_eq!(
        a.screen.theme.name,
        ThemeName::Mono,
        "t cannot bring colour back under NO_COLOR"
    );
    let light = Options {
        theme: Some(ThemeName::Light),
        ..opts
    };
    assert_eq!(
        build(&Global::default(), &light, true)
            .unwrap()
            .screen
            .theme
            .name,
        ThemeName::Light
    );
    let g = Global {
        volume: Some(40_000_000),
        weights: vec![(FactorId::Team, 2.0)],
        ..Global::default()
    };
    let a = build(&g, &opts, true).unwrap();
    assert_eq!(a.model.profile.monthly_volume, 40_000_000);
    assert_eq!(a.model.weights.get(FactorId::Team), 2.0);
    // A profile that cannot be read stops the start; bad flag values never get here (clap).
    let e = build(
        &Global {
            profile: Some("/no/such/profile.ron".into()),
            ..Global::default()
        },
        &opts,
        true,
    )
    .unwrap_err();
    assert!(e.to_string().contains("cannot read the profile"), "{e}");
}

#[test]
fn the_sessions_weights_and_marks_are_kept_once() {
    use mtafit::setup::Overrides as Global;
    use mtafit::tui::start::{Options, build};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saved.ron");
    std::fs::write(
        &path,
        "Profile(weights: {\"team\": 2.0}, shortlist: [\"postfix\"])",
    )
    .unwrap();
    let g = Global {
        profile: Some(path),
        ..Global::default()
    };
    let opts = Options {
        fresh: true,
        ..Options::default()
    };
    let mut a = build(&g, &opts, false).unwrap();
    assert_eq!(a.model.weights.get(FactorId::Team), 2.0);
    assert!(a.marks.contains("postfix"));
    // The app's profile holds no second copy to fall behind the sliders and the marks.
    assert_eq!(
        a.model.profile.session,
        mtafit_model::profile::Session::default()
    );
    a.model.weights.set(FactorId::Team, 7.0);
    let saved = a.to_save();
    assert_eq!(saved.session.weights["team"], 7.0);
    assert_eq!(saved.session.shortlist, ["postfix"]);
}

mod scrolling {
    use super::*;

    fn help_scroll(a: &App) -> usize {
        assert!(matches!(a.popup, Some(Popup::Help(_))), "no help");
        popup_top(a)
    }

    #[test]
    fn popups_stop_at_their_last_page_and_come_back() {
        let mut a = app();
        update(&mut a, Action::Resize(80, 24));
        update(&mut a, Action::Help);
        update(&mut a, Action::Bottom);
        let last = help_scroll(&a);
        assert!(last > 0 && last < 200, "{last}");
        for _ in 0..50 {
            update(&mut a, Action::Down);
        }
        assert_eq!(help_scroll(&a), last, "no scrolling past the end");
        update(&mut a, Action::Up);
        assert_eq!(help_scroll(&a), last - 1, "one key brings it back");
    }

    #[test]
    fn the_detail_pane_and_walk_view_stop_at_their_end() {
        let mut a = app();
        update(&mut a, Action::Resize(80, 24));
        run(&mut a, &[Action::FocusPrev]);
        assert_eq!(a.compare.focus, Pane::Detail);
        for _ in 0..300 {
            update(&mut a, Action::Down);
        }
        let end = a.compare.detail.scroll.top();
        assert!(end > 0 && end < 200, "{end}");
        update(&mut a, Action::Up);
        assert_eq!(a.compare.detail.scroll.top(), end - 1);
        update(&mut a, Action::Bottom);
        assert_eq!(a.compare.detail.scroll.top(), end);
        update(&mut a, Action::Show(View::Walk));
        update(&mut a, Action::Bottom);
        let walk_end = a.views.walk.top();
        assert!(walk_end > 0, "the walk is longer than 22 lines");
        update(&mut a, Action::Up);
        assert_eq!(a.views.walk.top(), walk_end - 1);
    }

    #[test]
    fn growing_the_terminal_shows_the_rows_above_again() {
        let mut a = app();
        update(&mut a, Action::Resize(80, 24));
        run(&mut a, &[Action::Bottom]);
        assert!(a.compare.ranking.scroll.top() > 0);
        update(&mut a, Action::Resize(120, 60));
        assert_eq!(
            a.compare.ranking.scroll.top(),
            0,
            "everything fits: no rows hidden above"
        );
        assert_eq!(a.compare.table.scroll.top(), 0);
    }

    #[test]
    fn clearing_a_search_keeps_the_selection_in_view() {
        let mut a = app();
        update(&mut a, Action::Resize(80, 24));
        update(&mut a, Action::Search);
        typed(&mut a, "postmark");
        run(&mut a, &[Action::Confirm, Action::Back]);
        assert_eq!(selected(&a), "postmark");
        let visible = layout::inner(areas(&a).ranking).height as usize;
        let at = a
            .compare
            .ranking
            .lines(&a.model)
            .iter()
            .position(|l| *l == RankLine::Engine(a.compare.selected))
            .unwrap();
        let top = a.compare.ranking.scroll.top();
        assert!(at >= top && at < top + visible, "{at} {top}");
    }
}

#[test]
fn an_open_profile_edit_is_not_what_gets_saved() {
    let mut a = app();
    run(&mut a, &[Action::EditProfile, Action::Down]);
    for _ in 0..10 {
        update(&mut a, Action::Backspace);
    }
    typed(&mut a, "40M");
    assert_eq!(a.model.profile.monthly_volume, 40_000_000, "previewed");
    let saved = a.to_save();
    assert_eq!(
        saved.monthly_volume, 7_421_043,
        "the unapplied edit is not saved"
    );
    update(&mut a, Action::Confirm);
    assert_eq!(a.to_save().monthly_volume, 40_000_000);
}

mod measuring_a_log {
    use super::*;
    use mtafit::tui::form::Setting;
    use mtafit::tui::update::measured;
    use mtafit_model::profile::FieldId;

    fn log(name: &str) -> String {
        format!("{}/tests/fixtures/logs/{name}", env!("CARGO_MANIFEST_DIR"))
    }

    /// The app with the profile editor open on the log field.
    fn on_log_field() -> App {
        let mut a = app();
        update(&mut a, Action::EditProfile);
        let Some(Popup::Profile(form)) = &a.popup else {
            panic!("the profile editor opens")
        };
        let at = form
            .fields
            .iter()
            .position(|f| f.setting == Setting::LogPath)
            .expect("a log field");
        for _ in 0..at {
            update(&mut a, Action::Down);
        }
        a
    }

    fn volume_field(a: &App) -> String {
        let Some(Popup::Profile(form)) = &a.popup else {
            panic!("the profile editor is open")
        };
        form.fields
            .iter()
            .find(|f| f.setting == Setting::Field(FieldId::MonthlyVolume))
            .unwrap()
            .value
            .clone()
    }

    #[test]
    fn enter_on_the_log_field_measures_in_the_background_and_fills_the_volume() {
        let mut a = on_log_field();
        typed(&mut a, &log("postfix-week.log"));
        let effect = update(&mut a, Action::Confirm).expect("a measurement starts");
        assert!(matches!(effect, Effect::Measure));
        assert!(a.measuring.is_some(), "the job is recorded");
        assert!(a.popup.is_some(), "the editor stays open");
        mtafit::tui::run::carry_out(&mut a, effect);
        // The thread reports through the job; the event loop polls it like this.
        let job = a.measuring.clone().unwrap();
        let mut result = None;
        for _ in 0..1000 {
            result = job.take();
            if result.is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        measured(&mut a, result.expect("the measurement ends"));
        assert!(a.measuring.is_none());
        // 13 recipients sent over six days: 65 a month.
        assert_eq!(volume_field(&a), "65");
        assert_eq!(
            a.model.profile.monthly_volume, 65,
            "the preview re-ranks at once"
        );
        let (msg, tone) = a.status.message.clone().unwrap();
        assert_eq!(tone, Tone::Info);
        assert!(
            msg.contains("65/month") && msg.contains("Enter applies"),
            "{msg}"
        );
        update(&mut a, Action::Confirm);
        assert!(
            a.popup.is_some(),
            "Enter on the log field measures, it does not apply"
        );
        update(&mut a, Action::Up);
        update(&mut a, Action::Confirm);
        assert!(a.popup.is_none(), "Enter elsewhere applies the profile");
        assert_eq!(a.model.profile.monthly_volume, 65);
    }

    #[test]
    fn a_failed_measurement_is_reported_and_the_volume_kept() {
        let mut a = on_log_field();
        typed(&mut a, &log("postfix-week.log"));
        let before = volume_field(&a);
        update(&mut a, Action::Confirm);
        measured(
            &mut a,
            Err(mtafit_measure::MeasureError::Unreadable {
                name: "/no/such/mail.log".into(),
                source: std::io::ErrorKind::NotFound.into(),
            }
            .into()),
        );
        assert_eq!(volume_field(&a), before);
        let (msg, tone) = a.status.message.clone().unwrap();
        assert_eq!(tone, Tone::Error);
        assert!(msg.contains("/no/such/mail.log"), "{msg}");
    }

    #[test]
    fn a_log_with_no_deliveries_leaves_the_volume_alone() {
        let dir = tempfile::tempdir().unwrap();
        // A name with a terminal escape in it: messages must show it harmless.
        let quiet = dir.path().join("quiet\u{1b}[2J.log");
        std::fs::write(
            &quiet,
            "Nov 28 06:34:29 mx1 postfix/smtpd[1]: connect from app01.example.com[192.0.2.11]\n",
        )
        .unwrap();
        let m = mtafit_measure::measure(
            &[mtafit_measure::Source::Path(quiet.clone())],
            &mtafit_measure::Options::default(),
            &Default::default(),
        )
        .unwrap();
        let mut a = on_log_field();
        typed(&mut a, quiet.to_str().unwrap());
        update(&mut a, Action::Confirm);
        let before = volume_field(&a);
        measured(&mut a, Ok(m));
        assert_eq!(volume_field(&a), before);
        let (msg, tone) = a.status.message.clone().unwrap();
        assert_eq!(tone, Tone::Error);
        assert!(msg.contains("no deliveries found"), "{msg}");
        assert!(!msg.chars().any(char::is_control), "{msg:?}");
    }

    #[test]
    fn a_file_name_cannot_put_escapes_in_the_status_line() {
        let dir = tempfile::tempdir().unwrap();
        let evil = dir.path().join("week\u{1b}]2;x\u{7}.log");
        std::fs::copy(log("postfix-week.log"), &evil).unwrap();
        let m = mtafit_measure::measure(
            &[mtafit_measure::Source::Path(evil.clone())],
            &mtafit_measure::Options::default(),
            &Default::default(),
        )
        .unwrap();
        let mut a = on_log_field();
        typed(&mut a, evil.to_str().unwrap());
        update(&mut a, Action::Confirm);
        measured(&mut a, Ok(m));
        let (msg, _) = a.status.message.clone().unwrap();
        assert!(msg.contains("65/month"), "{msg}");
        assert!(!msg.chars().any(char::is_control), "{msg:?}");
    }

    #[test]
    fn esc_stops_a_measurement_before_it_cancels_the_edit() {
        let mut a = on_log_field();
        typed(&mut a, &log("postfix-week.log"));
        update(&mut a, Action::Confirm);
        let job = a.measuring.clone().unwrap();
        update(&mut a, Action::Back);
        assert!(a.measuring.is_none());
        assert!(job.meter.cancel.load(std::sync::atomic::Ordering::Relaxed));
        assert!(
            a.popup.is_some(),
            "the first Esc only stops the measurement"
        );
        // A result arriving after the stop changes nothing.
        let before = volume_field(&a);
        measured(&mut a, Err(mtafit_measure::MeasureError::Stopped.into()));
        assert_eq!(volume_field(&a), before);
        update(&mut a, Action::Back);
        assert!(a.popup.is_none());
    }

    /// Type `path` into the log field and press Enter: the refusal it must get, and no job.
    fn refused(path: &std::path::Path) -> String {
        let mut a = on_log_field();
        typed(&mut a, path.to_str().unwrap());
        let effect = update(&mut a, Action::Confirm);
        assert!(effect.is_none(), "{}: no worker starts", path.display());
        assert!(a.measuring.is_none(), "{}: no job", path.display());
        assert!(a.popup.is_some(), "the form stays open to fix the path");
        let (msg, tone) = a.status.message.clone().unwrap();
        assert_eq!(tone, Tone::Error);
        msg
    }

    #[test]
    fn devices_folders_and_a_pipe_nobody_writes_to_are_refused_before_reading() {
        let tty = std::path::Path::new("/dev/tty");
        if tty.exists() {
            assert_eq!(
                refused(tty),
                "/dev/tty is a device, not a file; give a regular file"
            );
        }
        assert_eq!(
            refused(std::path::Path::new("/dev/null")),
            "/dev/null is a device, not a file; give a regular file"
        );
        let dir = tempfile::tempdir().unwrap();
        assert!(
            refused(dir.path()).ends_with(" is a folder, not a file; give a regular file"),
            "a folder"
        );
        let fifo = dir.path().join("mail.pipe");
        crate::common::mkfifo(&fifo);
        assert_eq!(
            refused(&fifo),
            format!(
                "{} is a named pipe that nothing is writing to; start what writes to it first, \
                 or give a regular file",
                fifo.display()
            )
        );
        assert!(
            refused(&dir.path().join("none.log"))
                .ends_with("none.log does not exist; check the path")
        );
    }

    #[test]
    fn stopping_a_measurement_of_a_slow_pipe_ends_its_thread() {
        stop_ends_the_thread(true);
    }

    #[test]
    fn stopping_a_measurement_of_a_silent_pipe_ends_its_thread() {
        stop_ends_the_thread(false);
    }

    /// Measure a named pipe whose writer sends a line every 50 ms (`talks`) or nothing at all,
    /// stop the measurement, and see its thread end while the writer still holds the pipe.
    fn stop_ends_the_thread(talks: bool) {
        use std::io::Write;
        use std::sync::atomic::{AtomicBool, Ordering};
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("slow.pipe");
        crate::common::mkfifo(&fifo);
        let done = std::sync::Arc::new(AtomicBool::new(false));
        // A writer that sends a line every 50 ms: 64 KiB of it (one read) takes over a minute.
        let writer = {
            let (fifo, done) = (fifo.clone(), done.clone());
            std::thread::spawn(move || {
                let Ok(mut w) = std::fs::OpenOptions::new().write(true).open(&fifo) else {
                    return;
                };
                let line = "Nov 28 06:34:29 mx1 postfix/smtpd[1]: connect\n";
                while !done.load(Ordering::Relaxed) {
                    // No reader between the form's check and the thread's open is not an end.
                    if talks {
                        let _ = w.write_all(line.as_bytes());
                    }
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
            })
        };
        let mut a = on_log_field();
        typed(&mut a, fifo.to_str().unwrap());
        let mut effect = None;
        // The writer's open counts as a writer as soon as it starts; give the thread a moment.
        for _ in 0..200 {
            effect = update(&mut a, Action::Confirm);
            if effect.is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let effect = effect.expect("a pipe with a writer is measured");
        mtafit::tui::run::carry_out(&mut a, effect);
        let job = a.measuring.clone().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        update(&mut a, Action::Back);
        assert!(a.measuring.is_none(), "Esc stops the measurement");
        let ended = (0..1000).any(|_| {
            let finished = job
                .thread
                .lock()
                .unwrap()
                .as_ref()
                .is_none_or(|h| h.is_finished());
            if !finished {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            finished
        });
        done.store(true, Ordering::Relaxed);
        writer.join().unwrap();
        assert!(ended, "the reading thread ends within 10 s of the stop");
        let result = job.take().expect("the thread's result");
        assert!(
            matches!(
                result,
                Err(mtafit::tui::worker::Failed::Work(
                    mtafit_measure::MeasureError::Stopped
                ))
            ),
            "{result:?}"
        );
    }

    #[test]
    fn an_empty_path_or_a_second_start_is_refused() {
        let mut a = on_log_field();
        assert!(update(&mut a, Action::Confirm).is_none());
        assert!(
            a.status
                .message
                .clone()
                .unwrap()
                .0
                .contains("type the path")
        );
        typed(&mut a, &log("postfix-week.log"));
        assert!(update(&mut a, Action::Confirm).is_some());
        assert!(update(&mut a, Action::Confirm).is_none());
        assert!(
            a.status
                .message
                .clone()
                .unwrap()
                .0
                .contains("already measuring")
        );
    }
}

#[test]
fn a_slider_the_profile_does_not_ask_about_says_so_and_how_to_make_it_count() {
    // The brief's sender does not run containers: the cloud-native weight moves no score, and
    // the weights pane says so instead of pretending the slider matters.
    let mut a = app();
    update(&mut a, Action::FocusWeights);
    while a.compare.sliders.cursor != FactorId::CloudNative {
        update(&mut a, Action::Down);
    }
    let note = mtafit::tui::view::weights::range_note(&a.model, FactorId::CloudNative, "");
    assert!(note.contains("not asked, so it moves no score"), "{note}");
    assert!(note.contains("p, then set cloud-native to yes"), "{note}");
    let before: Vec<f64> = a
        .model
        .analysis
        .ranking
        .rows
        .iter()
        .map(|r| r.score)
        .collect();
    update(&mut a, Action::Right);
    let after: Vec<f64> = a
        .model
        .analysis
        .ranking
        .rows
        .iter()
        .map(|r| r.score)
        .collect();
    assert_eq!(before, after, "an unasked weight changes no score");
    // Asked, it counts, and the note gives its range instead.
    a.model.profile.cloud_native = true;
    a.refresh();
    let note = mtafit::tui::view::weights::range_note(&a.model, FactorId::CloudNative, "");
    assert!(note.starts_with("keeps "), "{note}");
}

#[test]
fn the_detail_pane_compares_the_top_pick_with_its_rivals() {
    // A PowerMTA team that holds its licence and asks for cloud-native at 300M: KumoMTA and
    // PowerMTA are closer than the assumptions can tell apart. The detail pane of the top pick
    // says by how much it leads, that it is a near tie, and what would change the pick.
    let a = app_with(Profile::from(Situation {
        monthly_volume: 300_000_000,
        cloud_native: true,
        team_knows: vec!["powermta".into()],
        licences_held: vec!["powermta".into()],
        ..Situation::default()
    }));
    let top = a.model.analysis.ranking.top().unwrap().engine;
    let mut a = a;
    a.compare.selected = top;
    let text: String = mtafit::tui::view::detail::lines(&view::Shared::of(&a), 100)
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    assert!(
        text.contains(" leads ") && text.contains(" points."),
        "{text}"
    );
    assert!(text.contains("near tie"), "{text}");
    assert!(text.contains("what if"), "{text}");
}

#[test]
fn a_fresh_session_asks_before_saving_and_only_when_something_changed() {
    let mut a = app();
    a.session.fresh = true;
    // Nothing changed: quitting quits, and nothing is to be saved.
    update(&mut a, Action::Quit);
    assert!(a.session.quit && !a.session.saves_on_quit());

    let mut a = app();
    a.session.fresh = true;
    update(&mut a, Action::FocusWeights);
    update(&mut a, Action::Left);
    assert!(a.changed());
    update(&mut a, Action::Quit);
    assert!(!a.session.quit, "a change in a fresh session asks first");
    assert!(matches!(a.popup, Some(Popup::SaveOnQuit)));
    // Esc stays.
    update(&mut a, Action::Back);
    assert!(!a.session.quit && a.popup.is_none());
    // Asked again, Enter (or y) saves and quits.
    update(&mut a, Action::Quit);
    update(&mut a, Action::Confirm);
    assert!(a.session.quit && a.session.saves_on_quit());

    // Quitting again from the question quits without saving.
    let mut a = app();
    a.session.fresh = true;
    update(&mut a, Action::FocusWeights);
    update(&mut a, Action::Left);
    update(&mut a, Action::Quit);
    update(&mut a, Action::Quit);
    assert!(a.session.quit && !a.session.saves_on_quit());

    // A normal session always saves.
    let a = app();
    assert!(a.session.saves_on_quit());
}

#[test]
fn the_sorted_column_is_always_in_view_with_its_arrow() {
    // At 160 columns the table cannot show every column: sorting by one scrolled off brings it
    // into view, whole, with the arrow that says which way it sorts.
    let mut a = app();
    update(&mut a, Action::Resize(160, 48));
    update(&mut a, Action::FocusNext);
    assert_eq!(a.compare.focus, Pane::Table);
    for _ in 0..Column::ALL.len() + 1 {
        update(&mut a, Action::SortNext);
        let mut t = Terminal::new(TestBackend::new(160, 48)).unwrap();
        t.draw(|f| view::view(&a, f)).unwrap();
        let screen: String = t
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect();
        let title = a.compare.table.sort.column.title();
        let shown = screen.contains(&format!("{title}▼")) || screen.contains(&format!("{title}▲"));
        assert!(shown, "{title} is not in view with its arrow");
    }
}

#[test]
fn typing_into_a_prefilled_field_replaces_it() {
    // "40M" typed over the brief's 7421043 is 40M, not 742104340M.
    let mut a = app();
    update(&mut a, Action::EditProfile);
    update(&mut a, Action::Down);
    for c in "40M".chars() {
        update(&mut a, Action::Input(c));
    }
    assert_eq!(a.model.profile.monthly_volume, 40_000_000, "ranked live");
    update(&mut a, Action::Confirm);
    assert_eq!(a.model.profile.monthly_volume, 40_000_000);
}

/// The screen as text, after drawing at `w`×`h`.
fn screen(a: &mut App, w: u16, h: u16) -> String {
    update(a, Action::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::view(a, f)).unwrap();
    let buf = t.backend().buffer().clone();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buf[(x, y)].symbol().to_owned())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

#[test]
fn the_profile_form_scrolls_in_a_small_terminal() {
    // At 60×16 not every field fits: the form scrolls to the focused one, and the top pick
    // line stays in view.
    let mut a = app();
    update(&mut a, Action::EditProfile);
    let n = match &a.popup {
        Some(Popup::Profile(f)) => f.fields.len(),
        _ => unreachable!(),
    };
    for _ in 0..n - 1 {
        update(&mut a, Action::Down);
    }
    let s = screen(&mut a, 60, 16);
    assert!(s.contains("Deliverability h/IP"), "{s}");
    assert!(s.contains("top pick now"), "{s}");
    assert!(
        s.contains(&format!("of {n}")),
        "the form says it scrolls: {s}"
    );
}

#[test]
fn a_pick_field_opens_its_list_and_ticks_with_space() {
    let mut a = app();
    update(&mut a, Action::EditProfile);
    while !matches!(&a.popup, Some(Popup::Profile(f)) if f.current().label == "Must have") {
        update(&mut a, Action::Down);
    }
    // Typing opens the list, filtered.
    for c in "queue".chars() {
        update(&mut a, Action::Input(c));
    }
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("external_queue"), "{s}");
    update(&mut a, Action::Input(' '));
    update(&mut a, Action::Confirm);
    assert_eq!(
        a.model.profile.must,
        [mtafit_model::catalogue::Capability::ExternalQueue],
        "ranked live"
    );
    update(&mut a, Action::Confirm);
    assert!(a.popup.is_none());
    assert_eq!(a.model.profile.must.len(), 1);
}

/// The text of `rect` on the last drawn screen at `w`×`h`, rows trimmed and joined by spaces.
fn text_in(a: &mut App, w: u16, h: u16, rect: ratatui::layout::Rect) -> String {
    let s = screen(a, w, h);
    let rows: Vec<&str> = s.lines().collect();
    let mut out = String::new();
    for y in rect.y..rect.bottom() {
        let row: String = rows[usize::from(y)]
            .chars()
            .skip(usize::from(rect.x))
            .take(usize::from(rect.width))
            .collect();
        out.push_str(row.trim_matches(|c: char| c.is_whitespace() || "│┃".contains(c)));
        out.push(' ');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_weight_s_range_can_be_read_whole_at_every_size() {
    // The selected slider's range ("keeps PowerMTA from 3.65 to 10 · below: Postfix") is cut
    // nowhere: the weights pane shows it whole, or the status line does.
    for (w, h) in [(80, 24), (100, 30), (120, 40), (160, 48), (250, 60)] {
        let mut a = contested();
        update(&mut a, Action::FocusWeights);
        for f in FactorId::ALL {
            while a.compare.sliders.cursor != f {
                update(&mut a, Action::Down);
            }
            let note = view::weights::range_note(&a.model, f, "");
            let areas = layout::areas(ratatui::layout::Rect::new(0, 0, w, h), a.views.current);
            let pane = text_in(&mut a, w, h, areas.weights);
            let status = text_in(&mut a, w, h, areas.status);
            assert!(
                pane.contains(&note) || status.contains(&note),
                "{w}×{h} {}: {note:?} not whole in\n{pane}\n{status}",
                f.id()
            );
        }
    }
}

#[test]
fn dialogs_help_and_walk_wrap_instead_of_cutting() {
    // The export dialog grows with the screen and wraps what is still longer.
    let mut a = app();
    update(&mut a, Action::Export);
    let s = screen(&mut a, 250, 40);
    assert!(s.contains("(none marked: the top five)"), "{s}");
    assert!(
        s.contains("(Outside this dialog, y copies the Markdown.)"),
        "{s}"
    );
    // Help wraps long descriptions, at 80 columns too.
    let mut a = app();
    update(&mut a, Action::Help);
    update(&mut a, Action::Resize(80, 24));
    let all: String = view::help::lines(&view::Shared::of(&a))
        .iter()
        .map(|l| l.to_string() + " ")
        .collect();
    let all = all.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(all.contains("(works over SSH)"), "{all}");
    assert!(all.contains("First steps"), "{all}");
    // The walk's first question at 60×16, whole across its lines.
    let mut a = app();
    update(&mut a, Action::Show(View::Walk));
    let lines: String = view::walk::lines(&view::Shared::of(&a), 56)
        .iter()
        .map(|l| l.to_string() + " ")
        .collect();
    let lines = lines.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        lines.contains("Do you need to own the sending layer, or is an ESP enough?"),
        "{lines}"
    );
}

#[test]
fn an_undisclosed_language_is_not_written_in_undisclosed() {
    let mut a = app();
    a.compare.selected = a
        .model
        .cat
        .engines
        .iter()
        .position(|e| e.id == "powermta")
        .unwrap();
    let text: String = view::detail::lines(&view::Shared::of(&a), 200)
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    assert!(!text.contains("written in undisclosed"), "{text}");
    assert!(
        text.contains("implementation language undisclosed"),
        "{text}"
    );
}

#[test]
fn the_status_line_never_repeats_a_hint() {
    // At 160 columns the weights pane, the cost view and the walk view once listed
    // `p:profile /:search c:compare e:export` twice.
    for setup in [
        vec![Action::FocusWeights],
        vec![Action::Show(View::Cost)],
        vec![Action::Show(View::Walk)],
    ] {
        let mut a = app();
        for act in &setup {
            update(&mut a, *act);
        }
        let s = screen(&mut a, 160, 48);
        let status = s.lines().last().unwrap().to_owned();
        for hint in ["p:profile", "/:search", "c:compare", "e:export", "?:help"] {
            assert!(
                status.matches(hint).count() <= 1,
                "{setup:?}: {hint} twice in {status}"
            );
        }
    }
}

#[test]
fn help_says_where_a_key_means_what() {
    // ← lowers a weight in the weights pane and scrolls the table: help says where.
    let mut a = app();
    update(&mut a, Action::Help);
    let all: String = view::help::lines(&view::Shared::of(&a))
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    assert!(all.starts_with("First steps"), "{all}");
    assert!(all.contains("(in: weights, table, forms)"), "{all}");
}

#[test]
fn a_reason_cut_in_the_ranking_is_whole_in_the_detail_pane() {
    let p = Profile::from(Situation {
        must: vec![
            mtafit_model::catalogue::Capability::MultiTenant,
            mtafit_model::catalogue::Capability::BundledMarketing,
            mtafit_model::catalogue::Capability::ExternalQueue,
        ],
        ..Situation::default()
    });
    let mut a = app_with(p);
    let out = a
        .model
        .analysis
        .ranking
        .rows
        .iter()
        .find(|r| r.is_out() && mtafit_render::sentence::out(r).unwrap().len() > 60)
        .expect("a long reason")
        .engine;
    a.compare.selected = out;
    let why = mtafit_render::sentence::out(a.model.row(out)).unwrap();
    let text: String = view::detail::lines(&view::Shared::of(&a), 80)
        .iter()
        .map(|l| l.to_string() + " ")
        .collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let why = why.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(&why), "{why}\n{text}");
}

#[test]
fn the_export_path_takes_readline_keys() {
    use tui_input::InputRequest as R;
    let mut a = app();
    update(&mut a, Action::Export);
    update(&mut a, Action::Down);
    update(&mut a, Action::Edit(R::DeleteLine));
    for c in "out.md".chars() {
        update(&mut a, Action::Input(c));
    }
    update(&mut a, Action::Edit(R::GoToStart));
    for c in "x-".chars() {
        update(&mut a, Action::Input(c));
    }
    match &a.popup {
        Some(Popup::Export(d)) => assert_eq!(d.path, "x-out.md"),
        _ => panic!("the dialog closed"),
    }
}

#[test]
fn the_path_view_follows_the_weights_and_the_profile() {
    use mtafit_model::decide::path;
    let mut a = app();
    update(&mut a, Action::Resize(120, 40));
    update(&mut a, Action::Show(View::Path));
    let fresh = |a: &App| {
        path::path(
            &a.model.cat.engines,
            &a.model.profile,
            &a.model.weights,
            path::FROM,
            path::TO,
        )
    };
    assert_eq!(
        a.model.path.as_ref(),
        Some(&fresh(&a)),
        "computed on showing the view"
    );
    // Team weight to 0: the ranking alone changes, and the path with it on return.
    update(&mut a, Action::Show(View::Compare));
    update(&mut a, Action::FocusWeights);
    for _ in 0..FactorId::ALL.len() {
        if a.compare.sliders.cursor == FactorId::Team {
            break;
        }
        update(&mut a, Action::Down);
    }
    for _ in 0..10 {
        update(&mut a, Action::Left);
    }
    assert_eq!(a.model.weights.get(FactorId::Team), 0.0);
    update(&mut a, Action::Show(View::Path));
    let now = a.model.path.clone().unwrap();
    assert_eq!(now, fresh(&a));
    // A profile change while the view shows redraws it at once.
    a.model.profile.monthly_volume = 40_000_000;
    a.model.profile.own_infrastructure = false;
    a.refresh();
    assert_eq!(a.model.path.as_ref(), Some(&fresh(&a)));
    assert_ne!(
        a.model.path.as_ref(),
        Some(&now),
        "renting changes the picks"
    );
    // Other views do not pay for it.
    update(&mut a, Action::Show(View::Compare));
    assert!(a.model.path.is_none());
}

#[test]
fn the_profile_form_edits_the_growth_and_keeps_a_measured_one() {
    use mtafit_model::profile::Growth;
    let measured = Growth {
        per_month: 0.0612,
        months: 5,
    };
    let mut a = app_with(Profile::from(Situation {
        growth: Some(measured),
        ..Situation::default()
    }));
    // Untouched, a measured growth keeps the months it rests on.
    update(&mut a, Action::EditProfile);
    update(&mut a, Action::Confirm);
    assert_eq!(a.model.profile.growth, Some(measured));
    // Fields: own, volume, log, growth.
    let retype_growth = |a: &mut App, text: &str| {
        run(
            a,
            &[
                Action::EditProfile,
                Action::Down,
                Action::Down,
                Action::Down,
            ],
        );
        for _ in 0..10 {
            update(a, Action::Backspace);
        }
        typed(a, text);
        update(a, Action::Confirm);
    };
    retype_growth(&mut a, "-2%");
    assert_eq!(
        a.model.profile.growth,
        Some(Growth {
            per_month: -0.02,
            months: 0
        }),
        "typed: an expectation, measured over no months"
    );
    // Out of range is refused in the form, with the range.
    retype_growth(&mut a, "300%");
    assert!(a.popup.is_some(), "an invalid growth blocks Enter");
    let Some(Popup::Profile(form)) = &a.popup else {
        panic!()
    };
    let error = form
        .fields
        .iter()
        .find_map(|f| f.error.clone())
        .unwrap_or_default();
    assert!(error.contains("-50% to +100%"), "{error}");
    // Emptied: unknown.
    for _ in 0..10 {
        update(&mut a, Action::Backspace);
    }
    update(&mut a, Action::Confirm);
    assert_eq!(a.model.profile.growth, None);
}

#[test]
fn the_detail_pane_shows_the_estate_and_what_it_costs() {
    // 300M a month on KumoMTA: the pane names its nodes (the busiest hour's and a spare), its
    // addresses, and lists every cost part with cash apart from staff time.
    let mut a = app_with(Profile::from(Situation {
        monthly_volume: 300_000_000,
        ..Situation::default()
    }));
    a.compare.selected = a
        .model
        .cat
        .engines
        .iter()
        .position(|e| e.id == "kumomta")
        .unwrap();
    let text: String = mtafit::tui::view::detail::lines(&view::Shared::of(&a), 120)
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    // One node sends at the busiest hour, so how nodes share their limits is not yet an estate
    // fact; the engine's way of scaling out is among its facts.
    assert!(
        text.contains("estate    2 nodes (1 for the busiest hour + 1 spare); 30 IP addresses"),
        "{text}"
    );
    assert!(text.contains("in cash and"), "{text}");
    for part in [
        "2 servers × $150/month (assumption)",
        "30 IP addresses × $3.65/month (assumption)",
        "deliverability work (assumption)",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
    assert!(text.contains("nodes share their shaping state"), "{text}");
}

#[test]
fn the_detail_pane_says_what_a_service_differs_on_and_how_old_its_facts_are() {
    let mut a = app_with(Profile::from(Situation {
        own_infrastructure: false,
        team: mtafit_model::profile::Team::Api,
        ..Situation::default()
    }));
    a.compare.selected = a
        .model
        .cat
        .engines
        .iter()
        .position(|e| e.id == "postmark")
        .unwrap();
    let text: String = mtafit::tui::view::detail::lines(&view::Shared::of(&a), 160)
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    assert!(
        text.contains("renting   EU data residency no · dedicated IPs partial · inbound parsing yes · message streams yes · suppression API yes"),
        "{text}"
    );
    assert!(text.contains("events kept 45 days"), "{text}");
    // The checked line gives the age beside the date.
    let checked = text.lines().find(|l| l.starts_with("checked")).unwrap();
    assert!(checked.contains(" (") && checked.contains(')'), "{checked}");
}

/// The action a key press means in the app's present context, as the event loop looks it up.
fn key(a: &App, code: ratatui::crossterm::event::KeyCode) -> Option<Action> {
    let ev = ratatui::crossterm::event::KeyEvent::new(
        code,
        ratatui::crossterm::event::KeyModifiers::NONE,
    );
    mtafit::tui::keymap::key(&ev, a.context())
}

#[test]
fn enter_opens_the_selected_engine_whole_and_esc_returns() {
    use ratatui::crossterm::event::KeyCode;
    for pane in [Pane::Ranking, Pane::Table, Pane::Detail] {
        let mut a = app();
        a.compare.focus = pane;
        run(&mut a, &[Action::Down, Action::Down]);
        let chosen = a.compare.selected;
        let enter = key(&a, KeyCode::Enter);
        assert_eq!(enter, Some(Action::Open), "Enter in the {pane:?} pane");
        update(&mut a, enter.unwrap());
        match &a.popup {
            Some(Popup::Engine(i, scroll)) => {
                assert_eq!(*i, chosen);
                assert_eq!(scroll.top(), 0);
            }
            other => panic!("not the engine view: {other:?}"),
        }
        // It scrolls with the list keys: j, PgDn, G, g.
        for (code, moved) in [
            (KeyCode::Char('j'), true),
            (KeyCode::PageDown, true),
            (KeyCode::Char('G'), true),
            (KeyCode::Char('g'), false),
        ] {
            let act = key(&a, code).expect("bound in the engine view");
            update(&mut a, act);
            assert_eq!(popup_top(&a) > 0, moved, "{code:?}");
        }
        // Esc and q both go back to where the user was.
        for code in [KeyCode::Esc, KeyCode::Char('q')] {
            update(&mut a, Action::Open);
            let back = key(&a, code).unwrap();
            update(&mut a, back);
            assert!(a.popup.is_none(), "{code:?} closes it");
            assert!(!a.session.quit, "{code:?} does not quit");
            assert_eq!(a.compare.focus, pane);
            assert_eq!(a.compare.selected, chosen);
        }
    }
    // Enter keeps its meaning in a search: it keeps the filter, it opens nothing.
    let mut a = app();
    update(&mut a, Action::Search);
    typed(&mut a, "post");
    assert_eq!(key(&a, KeyCode::Enter), Some(Action::Confirm));
}

#[test]
fn enter_on_a_search_that_matches_nothing_opens_nothing() {
    let mut a = app();
    update(&mut a, Action::Search);
    typed(&mut a, "zzqq");
    update(&mut a, Action::Confirm);
    update(&mut a, Action::Open);
    assert!(a.popup.is_none());
    assert_eq!(a.status.message.as_ref().map(|m| m.1), Some(Tone::Warn));
}

#[test]
fn a_click_on_a_wrapped_reason_selects_its_engine() {
    // At 220×60 the ranking pane has the height to wrap every out-of-running reason: each
    // engine then takes two rows, and a click on either selects it.
    let mut a = app();
    update(&mut a, Action::Resize(220, 60));
    let ses = a
        .model
        .cat
        .engines
        .iter()
        .position(|e| e.id == "ses")
        .unwrap();
    let shown = a.compare.ranking.drawn.borrow().clone();
    let rows: Vec<usize> = (0..shown.len())
        .filter(|r| shown[*r] == Some(ses))
        .collect();
    assert_eq!(
        rows.len(),
        2,
        "its reason wraps onto a second row: {shown:?}"
    );
    let inner = layout::inner(layout::areas(a.screen.area(), View::Compare).ranking);
    update(
        &mut a,
        Action::Click(inner.x + 20, inner.y + rows[1] as u16),
    );
    assert_eq!(selected(&a), "ses");
}

#[test]
fn minus_hides_the_sorted_column_and_plus_shows_them_again() {
    use ratatui::crossterm::event::KeyCode;
    let mut a = app();
    update(&mut a, Action::FocusNext);
    while a.compare.table.sort.column != Column::Licence {
        update(&mut a, Action::SortNext);
    }
    let minus = key(&a, KeyCode::Char('-')).expect("- is bound in the table");
    assert_eq!(minus, Action::HideColumn);
    update(&mut a, minus);
    let visible = a.compare.table.visible();
    assert!(!visible.contains(&Column::Licence));
    assert_eq!(
        a.compare.table.sort.column,
        Column::Kind,
        "the sort moves on"
    );
    let cols = a.compare.table.columns(&a.model.cat, 200);
    assert!(cols.iter().all(|(c, _, _)| *c != Column::Licence));
    let text = screen(&mut a, 120, 40);
    assert!(text.contains("1 column hidden"), "{text}");
    let header = text.lines().nth(2).unwrap();
    assert!(!header.contains("Licence"), "{header}");
    // Again: the next one goes; `s` skips hidden columns.
    update(&mut a, minus);
    assert!(!a.compare.table.visible().contains(&Column::Kind));
    for _ in 0..Column::ALL.len() {
        update(&mut a, Action::SortNext);
        let c = a.compare.table.sort.column;
        assert!(c != Column::Licence && c != Column::Kind, "{c:?}");
    }
    let plus = key(&a, KeyCode::Char('+')).expect("+ is bound in the table");
    update(&mut a, plus);
    assert_eq!(a.compare.table.visible().len(), Column::ALL.len());
    assert!(a.compare.table.hidden.is_empty());
    // The names stay.
    a.compare.table.sort.column = Column::Name;
    update(&mut a, minus);
    assert!(a.compare.table.hidden.is_empty());
    assert_eq!(a.status.message.as_ref().map(|m| m.1), Some(Tone::Warn));
}

#[test]
fn o_hides_the_engines_out_of_the_running_and_shows_them_again() {
    use ratatui::crossterm::event::KeyCode;
    let mut a = app();
    let out = a
        .model
        .analysis
        .ranking
        .rows
        .iter()
        .filter(|r| r.is_out())
        .count();
    assert!(out > 0);
    // Select an engine that is out: hiding moves the selection to one shown.
    run(&mut a, &[Action::Bottom]);
    assert!(a.model.row(a.compare.selected).is_out());
    let o = key(&a, KeyCode::Char('o')).expect("o is bound in the ranking");
    assert_eq!(o, Action::ToggleOut);
    update(&mut a, o);
    for rows in [&a.compare.ranking.rows, &a.compare.table.rows] {
        assert!(rows.iter().all(|i| !a.model.row(*i).is_out()));
        assert_eq!(rows.len(), a.model.cat.engines.len() - out);
    }
    assert!(!a.model.row(a.compare.selected).is_out());
    let text = screen(&mut a, 120, 40);
    assert!(text.contains(&format!("{out} out hidden")), "{text}");
    assert!(!text.contains("out of the running ─"), "no rule: {text}");
    // From the table too, and back.
    update(&mut a, Action::FocusNext);
    let o = key(&a, KeyCode::Char('o')).expect("o is bound in the table");
    update(&mut a, o);
    assert_eq!(a.compare.ranking.rows.len(), a.model.cat.engines.len());
    assert_eq!(a.compare.table.rows.len(), a.model.cat.engines.len());
    assert!(!screen(&mut a, 120, 40).contains("out hidden"));
    // Hidden, then a budget no engine meets puts every one out: the lists show them all rather
    // than nothing, and say nothing is hidden.
    update(&mut a, o);
    a.model.profile.annual_budget_usd = Some(1.0);
    a.refresh();
    assert!(
        a.compare
            .ranking
            .rows
            .iter()
            .all(|i| a.model.row(*i).is_out())
    );
    assert_eq!(a.compare.ranking.rows.len(), a.model.cat.engines.len());
    assert!(!screen(&mut a, 120, 40).contains("out hidden"));
}

#[test]
fn an_unasked_factor_has_no_fit_in_the_table() {
    // The default profile asks nothing about cloud-native, support or capabilities.
    let mut a = app();
    assert!(!a.model.analysis.ranking.asked[FactorId::CloudNative]);
    assert!(a.model.analysis.ranking.asked[FactorId::Volume]);
    let text = screen(&mut a, 220, 60);
    let lines: Vec<Vec<char>> = text.lines().map(|l| l.chars().collect()).collect();
    let inner = layout::inner(layout::areas(a.screen.area(), View::Compare).table);
    let cols = a
        .compare
        .table
        .columns(&a.model.cat, inner.width - layout::TABLE_GUTTER);
    let cell = |c: Column, row: usize| -> String {
        let (_, x, w) = cols.iter().find(|(k, _, _)| *k == c).expect("in view");
        let x = usize::from(inner.x + layout::TABLE_GUTTER + x);
        let y = usize::from(inner.y) + 1 + row;
        lines[y][x..x + usize::from(*w)].iter().collect::<String>()
    };
    for row in 0..a.compare.table.rows.len() {
        assert_eq!(cell(Column::Fit(FactorId::CloudNative), row).trim(), "·");
        assert_eq!(cell(Column::Fit(FactorId::Support), row).trim(), "·");
        assert!(
            cell(Column::Fit(FactorId::Volume), row)
                .trim()
                .starts_with(['0', '1'])
        );
    }
    // Sorted by an unasked factor, the rows keep ranking order.
    a.compare.table.sort.column = Column::Fit(FactorId::CloudNative);
    let ranking = a.compare.ranking.rows.clone();
    a.compare.table.rebuild(&ranking, &a.model);
    assert_eq!(a.compare.table.rows, ranking);
}

/// The status line's message, or nothing.
fn said(a: &App) -> String {
    a.status
        .message
        .as_ref()
        .map(|m| m.0.clone())
        .unwrap_or_default()
}

/// The volume weight, which `w` then `h` lowers by one.
fn volume_weight(a: &App) -> f64 {
    a.model.weights.get(FactorId::Volume)
}

/// Apply an edit in the profile form: its first field (owning the sending layer) flipped.
fn flip_own_in_the_form(a: &mut App) {
    run(a, &[Action::EditProfile, Action::Right, Action::Confirm]);
}

#[test]
fn u_undoes_weight_and_form_changes_one_at_a_time() {
    let mut a = app();
    let own = a.model.profile.own_infrastructure;
    run(&mut a, &[Action::FocusWeights, Action::Left]);
    assert_eq!(volume_weight(&a), 9.0);
    flip_own_in_the_form(&mut a);
    assert_eq!(a.model.profile.own_infrastructure, !own);
    assert!(said(&a).contains("u undoes"), "{}", said(&a));

    update(&mut a, Action::Undo);
    assert_eq!(a.model.profile.own_infrastructure, own, "the form's edit");
    assert_eq!(volume_weight(&a), 9.0, "the weight stays");
    assert!(
        said(&a).contains("undid the profile's edit"),
        "{}",
        said(&a)
    );
    update(&mut a, Action::Undo);
    assert_eq!(volume_weight(&a), 10.0, "then the weight");
    update(&mut a, Action::Undo);
    assert!(said(&a).contains("nothing to undo"), "{}", said(&a));
    // A form left with Esc, or applied unchanged, is nothing to undo.
    run(&mut a, &[Action::EditProfile, Action::Right, Action::Back]);
    run(
        &mut a,
        &[Action::EditProfile, Action::Confirm, Action::Undo],
    );
    assert!(said(&a).contains("nothing to undo"));
    // r is undone as one change.
    run(
        &mut a,
        &[
            Action::Left,
            Action::Left,
            Action::ResetWeights,
            Action::Undo,
        ],
    );
    assert_eq!(volume_weight(&a), 8.0);
}

#[test]
fn capital_r_resets_the_profile_and_weights_to_the_start_and_u_takes_it_back() {
    let start = Profile::from(Situation {
        monthly_volume: 20_000_000,
        ..Situation::default()
    });
    let mut a = app_with(start.clone());
    run(&mut a, &[Action::FocusWeights, Action::Left]);
    flip_own_in_the_form(&mut a);
    update(&mut a, Action::ResetProfile);
    assert_eq!(a.model.profile, start);
    assert_eq!(volume_weight(&a), 10.0);
    assert!(
        said(&a).contains("back to how this session started"),
        "{}",
        said(&a)
    );
    update(&mut a, Action::ResetProfile);
    assert!(said(&a).contains("already"), "{}", said(&a));
    update(&mut a, Action::Undo);
    assert_eq!(volume_weight(&a), 9.0);
    assert_eq!(
        a.model.profile.own_infrastructure,
        !start.own_infrastructure
    );
}

/// Type `name` into the save-as popup and press Enter; the effect it asks for.
fn save_as(a: &mut App, name: &str) -> Option<Effect> {
    update(a, Action::SaveProfileAs);
    typed(a, name);
    update(a, Action::Confirm)
}

#[test]
fn capital_p_saves_a_named_profile_and_asks_before_replacing_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app();
    a.session.state_dir = Some(dir.path().to_path_buf());
    run(&mut a, &[Action::FocusWeights, Action::Left]);
    let effect = save_as(&mut a, "what-if").expect("a save");
    assert_eq!(
        effect,
        Effect::SaveProfile {
            name: "what-if".into(),
            overwrite: false
        }
    );
    mtafit::tui::run::carry_out(&mut a, effect);
    assert!(a.popup.is_none(), "{}", said(&a));
    let folder = dir.path().join("profiles");
    let file = folder.join("what-if.ron");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("\"volume\": 9.0"), "{saved}");
    let loaded = mtafit_model::profile::load(&file).expect("a profile file");
    assert_eq!(loaded.session.weights.get("volume"), Some(&9.0));
    // Written through a temporary file: nothing else is left in the folder.
    let names: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["what-if.ron"]);
    assert_eq!(a.session.saved_profiles, ["what-if"]);

    // The same name again: asked first; Esc keeps the file as it was.
    update(&mut a, Action::Left);
    assert_eq!(save_as(&mut a, "what-if"), None);
    let Some(Popup::SaveAs(d)) = &a.popup else {
        panic!("the popup stays open")
    };
    assert!(d.confirm);
    assert!(said(&a).contains("exists"), "{}", said(&a));
    update(&mut a, Action::Back);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), saved);
    // Enter again replaces it.
    assert_eq!(save_as(&mut a, "what-if"), None);
    let effect = update(&mut a, Action::Confirm).expect("a save");
    assert_eq!(
        effect,
        Effect::SaveProfile {
            name: "what-if".into(),
            overwrite: true
        }
    );
    mtafit::tui::run::carry_out(&mut a, effect);
    let replaced = std::fs::read_to_string(&file).unwrap();
    assert!(replaced.contains("\"volume\": 8.0"), "{replaced}");

    // A name that is not a plain file name, or a built-in profile's, is refused.
    for bad in ["../up", ".hidden", "esp-enough", "a b"] {
        assert_eq!(save_as(&mut a, bad), None, "{bad}");
        assert_eq!(
            a.status.message.as_ref().map(|m| m.1),
            Some(Tone::Error),
            "{bad}"
        );
        update(&mut a, Action::Back);
    }
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1);
}

#[test]
fn a_named_or_built_in_profile_loads_from_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app();
    a.session.state_dir = Some(dir.path().to_path_buf());
    // Save a what-if (volume weight 9, the sending layer flipped), then go back to the start.
    run(&mut a, &[Action::FocusWeights, Action::Left]);
    flip_own_in_the_form(&mut a);
    let what_if = a.model.profile.clone();
    let effect = save_as(&mut a, "what-if").unwrap();
    mtafit::tui::run::carry_out(&mut a, effect);
    update(&mut a, Action::ResetProfile);
    assert_eq!(volume_weight(&a), 10.0);

    // p, ↑ to the last row (Load a profile…), → lists, type to filter, Enter loads.
    let load = |a: &mut App, name: &str| {
        run(a, &[Action::EditProfile, Action::Up, Action::Right]);
        let Some(Popup::Profile(form)) = &a.popup else {
            panic!("the form")
        };
        let pk = form.picker.as_ref().expect("the list of profiles");
        assert!(pk.options.iter().any(|(n, _)| n == "what-if"));
        assert!(pk.options.iter().any(|(n, _)| n == "esp-enough"));
        typed(a, name);
        let effect = update(a, Action::Confirm).expect("a load");
        assert_eq!(effect, Effect::LoadProfile(name.into()));
        mtafit::tui::run::carry_out(a, effect);
    };
    load(&mut a, "what-if");
    assert!(a.popup.is_none(), "{}", said(&a));
    assert_eq!(a.model.profile, what_if);
    assert_eq!(volume_weight(&a), 9.0);
    assert!(said(&a).contains("loaded profile what-if"));
    load(&mut a, "esp-enough");
    assert_eq!(a.model.profile.monthly_volume, 300_000);
    // Each load is one change to undo.
    update(&mut a, Action::Undo);
    assert_eq!(a.model.profile, what_if);
}

#[test]
fn the_path_view_says_where_the_explorer_sets_a_growth() {
    let mut a = app();
    update(&mut a, Action::Show(View::Path));
    let text = screen(&mut a, 160, 60);
    assert!(!text.contains("--growth"), "{text}");
    assert!(!text.contains("--write-profile"), "{text}");
    assert!(
        text.contains("press p and type it in the Growth a month field"),
        "{text}"
    );
}

#[test]
fn the_sending_layer_hint_follows_its_value() {
    let mut a = app();
    update(&mut a, Action::EditProfile);
    assert!(a.model.profile.own_infrastructure);
    let text = screen(&mut a, 160, 50);
    assert!(
        text.contains("yes: you run the sending servers yourself"),
        "{text}"
    );
    update(&mut a, Action::Right);
    let text = screen(&mut a, 160, 50);
    assert!(text.contains("no: you rent an ESP"), "{text}");
}

#[test]
fn a_forms_status_line_says_its_keys_as_its_footer_does() {
    let mut a = app();
    update(&mut a, Action::EditProfile);
    let text = screen(&mut a, 160, 50);
    let last = text.lines().last().unwrap();
    assert!(last.contains("Enter apply · Esc cancel"), "{last}");
    assert!(!last.contains("keep"), "{last}");
    let footers = text
        .lines()
        .filter(|l| l.contains("Enter apply · Esc cancel"))
        .count();
    assert_eq!(footers, 2, "the footer and the status line:\n{text}");
    // The save-as popup too.
    run(&mut a, &[Action::Back, Action::SaveProfileAs]);
    let text = screen(&mut a, 160, 50);
    let last = text.lines().last().unwrap();
    assert!(last.contains("Enter save · Esc cancel"), "{last}");
}

#[test]
fn helps_first_steps_name_every_view() {
    let mut a = app();
    update(&mut a, Action::Help);
    let text = screen(&mut a, 120, 60);
    for view in [
        "2 shows costs",
        "3 the brief's",
        "4 your top pick",
        "1 comes back",
    ] {
        assert!(text.contains(view), "{view}:\n{text}");
    }
}

/// The engines the cost view draws, by id.
fn drawn(a: &App) -> Vec<&str> {
    let c = a.model.curves.as_ref().expect("the cost view's curves");
    c.leaders.iter().map(|&i| id(a, i)).collect()
}

#[test]
fn the_cost_view_draws_the_marked_engines_else_the_leaders_and_follows_the_search() {
    let mut a = app();
    // Nothing marked or searched: the three best to own and the two best to rent, as before.
    update(&mut a, Action::Show(View::Cost));
    assert_eq!(drawn(&a).len(), 5);
    assert!(drawn(&a).contains(&"ses"), "{:?}", drawn(&a));
    assert!(screen(&mut a, 120, 40).contains("top 3 to own, 2 to rent"));

    // Marked: exactly the marked engines, in ranking order.
    update(&mut a, Action::Show(View::Compare));
    run(
        &mut a,
        &[
            Action::Down,
            Action::Mark,
            Action::Down,
            Action::Down,
            Action::Mark,
        ],
    );
    let ranked: Vec<String> = a
        .model
        .analysis
        .ranking
        .rows
        .iter()
        .map(|r| id(&a, r.engine).to_owned())
        .collect();
    update(&mut a, Action::Show(View::Cost));
    assert_eq!(drawn(&a), [ranked[1].as_str(), ranked[3].as_str()]);
    assert!(screen(&mut a, 120, 40).contains("· marked: 2 "));

    // A kept search narrows the marked ones.
    update(&mut a, Action::Search);
    typed(&mut a, &ranked[3]);
    update(&mut a, Action::Confirm);
    assert_eq!(drawn(&a), [ranked[3].as_str()]);
    let text = screen(&mut a, 120, 40);
    assert!(
        text.contains(&format!("· marked matching “{}”: 1", ranked[3])),
        "{text}"
    );

    // A search that matches none of the marked engines draws nothing, and says how to fix it.
    update(&mut a, Action::Search);
    typed(&mut a, "zzqqxx");
    update(&mut a, Action::Confirm);
    assert!(drawn(&a).is_empty());
    let text = screen(&mut a, 120, 40);
    assert!(
        text.contains("No marked engine matches the search: Esc clears it."),
        "{text}"
    );
    update(&mut a, Action::Back);
    assert_eq!(
        drawn(&a).len(),
        2,
        "Esc clears the search: the marked ones again"
    );

    // Unmarked, the search picks the top of its matches (at most five).
    update(&mut a, Action::Show(View::Compare));
    let marked: Vec<usize> = a.marks.marked(&a.model);
    for e in marked {
        a.compare.selected = e;
        update(&mut a, Action::Mark);
    }
    assert!(a.marks.is_empty());
    update(&mut a, Action::Search);
    typed(&mut a, "mta");
    update(&mut a, Action::Confirm);
    update(&mut a, Action::Show(View::Cost));
    let shown = drawn(&a).len();
    assert!((1..=5).contains(&shown), "{:?}", drawn(&a));
    let matches: Vec<usize> = a
        .model
        .analysis
        .ranking
        .rows
        .iter()
        .map(|r| r.engine)
        .filter(|&i| a.search.shows(i))
        .take(5)
        .collect();
    assert_eq!(a.model.curves.as_ref().unwrap().leaders, matches);
    assert!(screen(&mut a, 120, 40).contains(&format!("top {shown} matching “mta”")));
    // Esc clears the search: the leaders again.
    update(&mut a, Action::Back);
    assert!(drawn(&a).contains(&"ses"));
}

#[test]
fn a_free_text_column_takes_the_room_a_hidden_column_leaves_rather_than_a_gap() {
    // At 80 columns the table shows name, score, standing and cost; hiding the cost leaves 17
    // columns free, too few for the whole licence column (up to 30) but enough for its title and
    // the start of each licence: it is drawn cut, not left out as a gap.
    let mut a = app();
    update(&mut a, Action::FocusNext);
    while a.compare.table.sort.column != Column::Cost {
        update(&mut a, Action::SortNext);
    }
    update(&mut a, Action::HideColumn);
    let text = screen(&mut a, 80, 24);
    let header = text.lines().nth(2).unwrap();
    assert!(header.contains("Licence"), "{text}");
    assert!(
        header.contains('→'),
        "more columns lie to the right: {header}"
    );
    // A numeric column is still drawn whole or not at all.
    let cols = a.compare.table.columns(&a.model.cat, 40);
    assert!(
        cols.iter().all(
            |(c, _, w)| matches!(c, Column::Licence | Column::Config | Column::Name)
                || *w >= a.compare.table.column_width(&a.model.cat, *c)
        ),
        "{cols:?}"
    );
}

#[test]
fn a_paste_goes_into_the_search_or_a_text_field_as_one_line() {
    use mtafit::tui::update::{PASTE_FIELD_MAX, paste};
    // Into the search: typed text without its line break, which would have confirmed.
    let mut a = app();
    update(&mut a, Action::Search);
    paste(&mut a, "kumo\r\n");
    assert_eq!(a.search.query, "kumo");
    assert!(a.search.typing, "the pasted newline did not confirm");
    let (msg, _) = a.status.message.clone().unwrap();
    assert!(msg.contains("left out 2 line breaks"), "{msg}");

    // Into the export dialog's path (the second field).
    let mut a = app();
    update(&mut a, Action::Export);
    update(&mut a, Action::Down);
    let before = match &a.popup {
        Some(Popup::Export(d)) => d.path.clone(),
        other => panic!("{other:?}"),
    };
    paste(&mut a, "-x\u{1b}[31m");
    match &a.popup {
        Some(Popup::Export(d)) => assert_eq!(d.path, format!("{before}-x[31m")),
        other => panic!("{other:?}"),
    }

    // Too long for a field: refused whole.
    let mut a = app();
    update(&mut a, Action::Search);
    paste(&mut a, &"a".repeat(PASTE_FIELD_MAX + 1));
    assert_eq!(a.search.query, "");
    let (msg, tone) = a.status.message.clone().unwrap();
    assert!(msg.contains("more than a text field takes"), "{msg}");
    assert_eq!(tone, Tone::Warn);

    // Anywhere else: ignored, its letters are not keys.
    let mut a = app();
    paste(&mut a, "q");
    assert!(!a.session.quit);
    let (msg, _) = a.status.message.clone().unwrap();
    assert!(msg.starts_with("nothing pasted"), "{msg}");
}

#[test]
fn ctrl_c_ends_even_where_q_would_ask_and_marks_the_changes_unsaved() {
    let mut a = app();
    a.session.fresh = true;
    run(&mut a, &[Action::FocusWeights, Action::Left]);
    // q asks first ...
    update(&mut a, Action::Quit);
    assert!(matches!(a.popup, Some(Popup::SaveOnQuit)));
    assert!(!a.session.quit);
    // ... and Ctrl-C, from the question or from anywhere, ends without saving.
    update(&mut a, Action::Interrupt);
    assert!(a.session.quit);
    assert!(a.session.interrupted_unsaved);
    assert!(!a.session.saves_on_quit());
    // A normal session saves on Ctrl-C as on q: nothing is lost there.
    let mut b = app();
    run(
        &mut b,
        &[Action::FocusWeights, Action::Left, Action::Interrupt],
    );
    assert!(b.session.quit && !b.session.interrupted_unsaved && b.session.saves_on_quit());
}
