//! What the explorer draws: every view and popup at 120×40 and 80×24 (insta snapshots), the
//! selection without colour, and no panic at any size.

use insta::assert_snapshot;
use mtafit::tui::action::{Action, View};
use mtafit::tui::app::App;
use mtafit::tui::theme::{Theme, ThemeName};
use mtafit::tui::update::update;
use mtafit::tui::view;
use mtafit_model::catalogue::FactorId;
use mtafit_model::catalogue::{Catalogue, Sources};
use mtafit_model::decide::Weights;
use mtafit_model::profile::Profile;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use std::path::PathBuf;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

fn app_with(cat: Catalogue, theme: ThemeName) -> App {
    let w = Weights::defaults(&cat.factors);
    App::new(cat, Profile::default(), w, Theme::new(theme))
}

fn app() -> App {
    app_with(Catalogue::builtin(), ThemeName::Dark)
}

fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    update(app, Action::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::view(app, f)).unwrap();
    t
}

/// Snapshot a state at both sizes.
fn both(name: &str, setup: impl Fn(&mut App)) {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut a = app();
        update(&mut a, Action::Resize(w, h));
        setup(&mut a);
        let t = draw(&mut a, w, h);
        assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

fn act(a: &mut App, actions: &[Action]) {
    for x in actions {
        update(a, *x);
    }
}

#[test]
fn compare_view() {
    both("compare", |_| {});
}

#[test]
fn compare_view_with_weights_focused_and_changed() {
    both("weights", |a| {
        act(
            a,
            &[
                Action::FocusWeights,
                Action::Down,
                Action::Right,
                Action::Right,
            ],
        );
    });
}

#[test]
fn search() {
    both("search", |a| {
        act(a, &[Action::Search]);
        for c in "mta".chars() {
            update(a, Action::Input(c));
        }
    });
}

#[test]
fn search_by_a_field_says_which() {
    // `/lua` matches the engines configured in Lua by that field, not their names: the ranking
    // and the detail pane say so.
    both("search_lua", |a| {
        act(a, &[Action::Search]);
        for c in "lua".chars() {
            update(a, Action::Input(c));
        }
    });
}

#[test]
fn side_by_side() {
    both("side_by_side", |a| {
        act(
            a,
            &[
                Action::Mark,
                Action::Down,
                Action::Mark,
                Action::Down,
                Action::Mark,
                Action::Compare,
            ],
        );
    });
}

#[test]
fn help() {
    both("help", |a| update(a, Action::Help).map_or((), |_| ()));
}

#[test]
fn profile_editor() {
    both("profile", |a| {
        act(a, &[Action::EditProfile, Action::Down]);
        for _ in 0..7 {
            update(a, Action::Backspace);
        }
        for c in "40Mx".chars() {
            update(a, Action::Input(c));
        }
    });
}

#[test]
fn profile_editor_measuring_a_log() {
    both("profile_editor_measuring", |a| {
        act(a, &[Action::EditProfile, Action::Down, Action::Down]);
        let log = "/srv/archive/mx1.example.com/2025/november/mail.log.2025-11-28.gz";
        for c in log.chars() {
            act(a, &[Action::Input(c)]);
        }
        // The log is not on this machine, which Enter would refuse: the job is put in place as
        // Enter puts it for a log that is there.
        a.measuring = Some(mtafit::tui::measuring::Measuring::new(log.into()));
        // Progress as the background thread would report it: 1.2 GiB of 3 GiB.
        let job = a.measuring.as_ref().expect("a measurement starts");
        job.meter
            .done
            .store(1_288_490_189, std::sync::atomic::Ordering::Relaxed);
        job.meter
            .total
            .store(3 << 30, std::sync::atomic::Ordering::Relaxed);
    });
}

#[test]
fn export_dialog() {
    both("export", |a| {
        act(
            a,
            &[Action::Mark, Action::Down, Action::Mark, Action::Export],
        )
    });
}

#[test]
fn export_dialog_with_a_typed_name() {
    // The format the name's extension picks shows before Enter; `~` is the home folder.
    both("export_typed", |a| {
        act(a, &[Action::Export, Action::Down]);
        if let Some(mtafit::tui::popup::Popup::Export(d)) = a.popup.as_mut() {
            d.home = Some(PathBuf::from("/home/ann"));
        }
        update(a, Action::Edit(tui_input::InputRequest::DeleteLine));
        for c in "~/out.csv".chars() {
            update(a, Action::Input(c));
        }
    });
}

#[test]
fn cost_view() {
    both("cost", |a| {
        update(a, Action::Show(View::Cost)).map_or((), |_| ())
    });
}

#[test]
fn cost_view_draws_the_marked_engines() {
    // Three engines marked in the ranking (its 2nd, 4th and 7th rows): the chart and the side
    // panel show exactly those, and the title says so.
    both("cost_marked", |a| {
        act(
            a,
            &[
                Action::Down,
                Action::Mark,
                Action::Down,
                Action::Down,
                Action::Mark,
                Action::Down,
                Action::Down,
                Action::Down,
                Action::Mark,
                Action::Show(View::Cost),
            ],
        );
    });
}

#[test]
fn walk_view() {
    both("walk", |a| {
        update(a, Action::Show(View::Walk)).map_or((), |_| ())
    });
}

#[test]
fn walk_view_when_the_ranking_disagrees() {
    both("walk_disagrees", |a| {
        // A static-config team at 40M that weighs team skill above all.
        a.model.profile.monthly_volume = 40_000_000;
        a.model.weights.set(FactorId::Team, 10.0);
        a.model.weights.set(FactorId::Budget, 0.0);
        a.model.weights.set(FactorId::Reversibility, 0.0);
        a.refresh();
        update(a, Action::Show(View::Walk));
    });
}

#[test]
fn a_caveat_marks_its_row_and_the_detail_says_why() {
    // At 500k a month Stalwart, a mailbox server, is a candidate with a caveat: it scores 86.7
    // yet ranks below Momentum's 30.4.
    for (w, h) in [(120, 40), (80, 24)] {
        let mut a = app();
        a.model.profile.monthly_volume = 500_000;
        a.refresh();
        let stalwart = a
            .model
            .cat
            .engines
            .iter()
            .position(|e| e.id == "stalwart")
            .unwrap();
        assert_eq!(
            a.model.row(stalwart).standing(),
            mtafit_model::decide::Standing::WithCaveats
        );
        a.compare.selected = stalwart;
        let t = draw(&mut a, w, h);
        let text = format!("{}", t.backend());
        // The ranking pane is the focused one, drawn between heavy borders.
        let ranking: Vec<&str> = text.lines().filter_map(|l| l.split('┃').nth(1)).collect();
        let row = ranking
            .iter()
            .find(|l| l.contains("Stalwart"))
            .expect("Stalwart in the ranking");
        assert!(row.contains(" ! "), "{row}");
        let marked = ranking.iter().filter(|l| l.contains(" ! ")).count();
        assert_eq!(marked, 1, "only the caveat's row is marked:\n{text}");
        assert!(text.contains("caveat    ! a mailbox server"), "{text}");
        assert_snapshot!(format!("caveat_{w}x{h}"), t.backend());
    }
}

/// The screen as text with every age ("7 days ago") made "N days ago": the snapshot must not
/// change with the date it is taken on.
fn dateless(screen: &str) -> String {
    let mut text = String::with_capacity(screen.len());
    let mut rest = screen;
    while let Some(at) = rest.find(" days ago") {
        let number = rest[..at].trim_end_matches(|c: char| c.is_ascii_digit());
        text.push_str(number);
        text.push('N');
        rest = &rest[at..];
        text.push_str(" days ago");
        rest = &rest[" days ago".len()..];
    }
    text.push_str(rest);
    text.replace("(today)", "(N days ago)")
        .replace("(yesterday)", "(N days ago)")
        .replace("checked today", "checked N days ago")
        .replace("checked yesterday", "checked N days ago")
}

#[test]
fn engine_view() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut a = app();
        update(&mut a, Action::Resize(w, h));
        act(&mut a, &[Action::Down, Action::Open]);
        let t = draw(&mut a, w, h);
        let screen = format!("{}", t.backend());
        assert!(screen.contains("KumoMTA"), "{screen}");
        assert!(screen.contains(" days ago") || screen.contains("checked today"));
        assert_snapshot!(format!("engine_{w}x{h}"), dateless(&screen));
    }
}

/// Every hyperlink target drawn on the screen, and the screen's text with the hyperlinks'
/// escapes taken out.
fn hyperlinks(t: &Terminal<TestBackend>) -> (Vec<String>, String) {
    let buf = t.backend().buffer();
    let mut all = String::new();
    for c in &buf.content {
        all.push_str(c.symbol());
    }
    let mut urls = Vec::new();
    let mut rest = all.as_str();
    let mut plain = String::new();
    while let Some(at) = rest.find("\x1b]8;;") {
        plain.push_str(&rest[..at]);
        let after = &rest[at + 5..];
        let end = after.find("\x1b\\").expect("an ended OSC 8");
        if !after[..end].is_empty() {
            urls.push(after[..end].to_owned());
        }
        rest = &after[end + 2..];
    }
    plain.push_str(rest);
    (urls, plain)
}

#[test]
fn the_engine_views_sources_are_hyperlinks_and_a_hostile_url_is_not() {
    let mut cat = Catalogue::builtin();
    let mut e = cat.engine("postfix").unwrap().clone();
    e.id = "hostile".into();
    e.name = "Hostile".into();
    e.sources = vec![
        "https://www.example.org/docs".into(),
        "https://x.org/\u{1b}]8;;https://evil.example/\u{1b}\\PWNED\u{7}".into(),
        "javascript:alert(1)".into(),
    ];
    cat.engines.push(e);
    let hostile = cat.engines.len() - 1;
    let mut a = app_with(cat, ThemeName::Dark);
    for (w, h) in [(120, 40), (80, 24)] {
        update(&mut a, Action::Resize(w, h));
        a.compare.selected = hostile;
        act(&mut a, &[Action::Open, Action::Bottom]);
        let t = draw(&mut a, w, h);
        let (urls, plain) = hyperlinks(&t);
        assert!(
            urls.iter().any(|u| u == "https://www.example.org/docs"),
            "the source is a link at {w}x{h}: {urls:?}"
        );
        for u in &urls {
            assert!(
                u.starts_with("https://") || u.starts_with("http://"),
                "only web links: {u:?}"
            );
            assert!(u.bytes().all(|b| b.is_ascii_graphic()), "{u:?}");
            assert!(!u.contains("evil") && !u.starts_with("javascript"), "{u:?}");
        }
        // Outside the links' own escapes nothing a terminal would act on is drawn.
        assert!(
            !plain.chars().any(|c| c.is_control()),
            "a control character reached the screen: {plain:?}"
        );
        assert!(plain.contains("javascript:alert(1)"), "shown as plain text");
        update(&mut a, Action::Back);
    }
}

#[test]
fn nothing_is_cut_while_space_sits_unused_at_220x60() {
    let mut a = app();
    let t = draw(&mut a, 220, 60);
    let text = format!("{}", t.backend());
    // Out-of-running reasons are whole in the ranking pane: it has the height to wrap them.
    let ranking: Vec<&str> = text.lines().filter_map(|l| l.split('┃').nth(1)).collect();
    let ranking = ranking.join("\n");
    assert!(
        ranking.contains("a managed service, and you want to own"),
        "{ranking}"
    );
    assert!(ranking.contains("the sending layer"), "{ranking}");
    assert!(ranking.contains("above 1M/month"), "{ranking}");
    assert!(!ranking.contains('…'), "{ranking}");
    // The licence column widens to its longest licence, the fits' reasons wrap whole.
    assert!(text.contains("EPL-2.0 OR IPL-1.0"), "{text}");
    assert!(!text.contains("EPL-2.0 OR I…"));
    assert!(!text.contains("(up to 1…"), "the why lines wrap: {text}");
    assert_snapshot!("compare_220x60", t.backend());
}

#[test]
fn the_table_says_when_more_columns_lie_to_the_right() {
    let mut a = app();
    let t = draw(&mut a, 80, 24);
    let header = format!("{}", t.backend())
        .lines()
        .nth(2)
        .unwrap()
        .to_owned();
    assert!(
        header.trim_end_matches(['"', '│']).ends_with('→'),
        "{header}"
    );
    // Scrolled to the far right, nothing more lies there.
    act(&mut a, &[Action::FocusNext]);
    for _ in 0..40 {
        update(&mut a, Action::Right);
    }
    let t = draw(&mut a, 80, 24);
    let header = format!("{}", t.backend())
        .lines()
        .nth(2)
        .unwrap()
        .to_owned();
    assert!(!header.contains('→'), "{header}");
    assert!(header.contains("Events kept"), "{header}");
}

#[test]
fn problems_popup() {
    for (w, h) in [(120, 40), (80, 24)] {
        let cat = Catalogue::load(&Sources {
            builtin: true,
            user_dir: None,
            dirs: vec![PathBuf::from("tests/fixtures/duplicate")],
        });
        let mut a = app_with(cat, ThemeName::Dark);
        update(&mut a, Action::Problems);
        let t = draw(&mut a, w, h);
        assert_snapshot!(format!("problems_{w}x{h}"), t.backend());
    }
}

#[test]
fn too_small() {
    let mut a = app();
    let t = draw(&mut a, 40, 10);
    assert_snapshot!("too_small_40x10", t.backend());
}

#[test]
fn the_selection_is_visible_without_colour() {
    let mut a = app_with(Catalogue::builtin(), ThemeName::Mono);
    let t = draw(&mut a, 120, 40);
    let buf = t.backend().buffer();
    // The ranking's first row: a marker glyph and reverse video, no colour needed.
    let cell = &buf[(1, 2)];
    assert_eq!(cell.symbol(), "▶");
    assert!(cell.modifier.contains(Modifier::REVERSED));
    for y in 0..40 {
        for x in 0..120 {
            let c = &buf[(x, y)];
            assert_eq!(c.fg, ratatui::style::Color::Reset, "no colour at {x},{y}");
        }
    }
}

#[test]
fn long_names_are_cut_with_an_ellipsis_and_wide_characters_fit() {
    let mut cat = Catalogue::builtin();
    let mut e = cat.engine("postfix").unwrap().clone();
    e.id = "long".into();
    e.name = "郵便配達システム with an extraordinarily long engine name".into();
    cat.engines.push(e);
    let mut a = app_with(cat, ThemeName::Dark);
    let t = draw(&mut a, 120, 40);
    let text = format!("{}", t.backend());
    assert!(text.contains("郵便配達システム"), "{text}");
    assert!(text.contains('…'));
}

/// The states every size is drawn in: each view, each popup, the form, a comparison and a
/// search that matches nothing, and an engine opened whole.
const STATES: [&[Action]; 11] = [
    &[],
    &[Action::Show(View::Cost)],
    &[Action::Show(View::Walk)],
    &[Action::Show(View::Path)],
    &[Action::Export],
    &[Action::Help],
    &[Action::EditProfile],
    &[Action::Mark, Action::Down, Action::Mark, Action::Compare],
    &[Action::Problems],
    &[Action::Search, Action::Input('z'), Action::Input('q')],
    &[Action::Open, Action::Bottom],
];

/// Draw `state` at `w`×`h`, as the event loop does after a resize.
fn draw_at(state: &[Action], w: u16, h: u16) {
    let mut a = app();
    act(&mut a, state);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    update(&mut a, Action::Resize(w, h));
    t.draw(|f| view::view(&a, f)).unwrap();
}

#[test]
fn every_state_draws_at_the_layout_thresholds() {
    // The sizes where a layout changes: the smallest, and either side of each breakpoint.
    for state in STATES {
        for w in [1, 2, 20, 59, 60, 61, 79, 80, 81, 120, 400] {
            for h in [1, 2, 8, 15, 16, 17, 23, 24, 25, 60] {
                draw_at(state, w, h);
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

    /// Any size draws without a panic, in every state; proptest samples the sizes (and shrinks
    /// a failure to the smallest), where sweeping them all took thousands of frames.
    #[test]
    fn every_size_draws_without_a_panic(state in 0..STATES.len(), w in 1u16..=500, h in 1u16..=200) {
        draw_at(STATES[state], w, h);
    }
}

#[test]
fn the_cost_chart_reads_without_colour() {
    // Monochrome: each engine's line has its own marker, the legend shows the same glyph, and
    // your volume has one no engine uses.
    let mut a = app_with(Catalogue::builtin(), ThemeName::Mono);
    update(&mut a, Action::Show(View::Cost));
    let t = draw(&mut a, 120, 40);
    let text = format!("{}", t.backend());
    for glyph in ["• ", "█ ", "▄ "] {
        let legend = text.lines().any(|l| l.contains(&format!("│{glyph}")));
        assert!(legend, "legend glyph {glyph:?} missing:\n{text}");
    }
    assert!(text.contains("⡇ your volume, 7.4M/month"), "{text}");
    assert_snapshot!("cost_mono_120x40", t.backend());
}

#[test]
fn the_light_theme_brings_its_background_and_dark_text_stays_readable() {
    let mut a = app_with(Catalogue::builtin(), ThemeName::Light);
    let t = draw(&mut a, 120, 40);
    let buf = t.backend().buffer();
    // Every cell has the light background, whatever the terminal's own.
    for (x, y) in [(0, 0), (60, 20), (119, 39), (50, 5)] {
        assert_eq!(
            buf[(x, y)].bg,
            ratatui::style::Color::Indexed(255),
            "{x},{y}"
        );
    }
    // The dark theme's explanations are not colour 8.
    let dark = mtafit::tui::theme::Theme::new(ThemeName::Dark);
    assert_ne!(dark.dim.fg, Some(ratatui::style::Color::DarkGray));
}

#[test]
fn pane_cursors_hide_behind_a_popup() {
    let mut a = app();
    update(&mut a, Action::Mark);
    update(&mut a, Action::Down);
    update(&mut a, Action::Mark);
    update(&mut a, Action::Compare);
    let t = draw(&mut a, 120, 40);
    let buf = t.backend().buffer();
    // Column 1 is the panes' cursor column, left of the popup.
    for y in 0..40 {
        assert_ne!(buf[(1, y)].symbol(), "▶", "a pane cursor shows at row {y}");
    }
}

#[test]
fn an_engine_named_with_invisible_and_bidirectional_characters_lines_up_with_the_others() {
    // Each of these draws nothing, reorders text or changes a width: a zero-width joiner and
    // space, marks, an override, isolates, a byte-order mark, an annotation, a line separator,
    // a variation selector and a skin-tone modifier.
    let name = "Ac\\u{200D}me\\u{200B}\\u{200F}\\u{202E}\\u{2066}\\u{2069}\\u{061C}\\u{FEFF}\\u{FFF9} \
                MTA\\u{2028}\\u{2328}\\u{FE0F}\\u{1F44D}\\u{1F3FD}";
    let src = include_str!("../fixtures/good/acme-mta.ron").replacen(
        "name: \"Acme MTA\"",
        &format!("name: \"{name}\""),
        1,
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("acme-mta.ron"), src).unwrap();
    let cat = Catalogue::load(&Sources {
        builtin: true,
        user_dir: None,
        dirs: vec![dir.path().to_path_buf()],
    });
    assert_eq!(
        cat.engine("acme-mta").map(|e| e.name.as_str()),
        Some("Acme MTA \u{2328}\u{1F44D}")
    );
    for (w, h) in [(120, 40), (80, 24)] {
        let mut a = app_with(cat.clone(), ThemeName::Dark);
        let t = draw(&mut a, w, h);
        let buf = t.backend().buffer();
        // A row is found by what it reads as, whatever invisible characters a cell holds.
        let unseen = |c: char| {
            matches!(c, '\u{61C}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}' | '\u{FE0F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'
                | '\u{1F3FB}'..='\u{1F3FF}')
        };
        let row_of = |text: &str| {
            (0..h).find(|&y| {
                let line: String = (0..w)
                    .flat_map(|x| buf[(x, y)].symbol().chars())
                    .filter(|&c| !unseen(c))
                    .collect();
                line.contains(text)
            })
        };
        let borders = |y: u16| -> Vec<u16> {
            (0..w)
                .filter(|&x| matches!(buf[(x, y)].symbol(), "│" | "┃" | "║" | "▕" | "▏"))
                .collect()
        };
        let acme = row_of("Acme MTA").unwrap_or_else(|| panic!("no Acme row at {w}x{h}"));
        let postfix = row_of("Postfix").unwrap_or_else(|| panic!("no Postfix row at {w}x{h}"));
        assert_eq!(
            borders(acme),
            borders(postfix),
            "borders at {w}x{h}:\n{}",
            t.backend()
        );
        // Every cell holds only what a terminal draws, and in the columns ratatui gave it: a
        // terminal that counts each character's own width puts every later cell of the row,
        // and the border after them, where ratatui put them.
        for y in 0..h {
            for x in 0..w {
                let s = buf[(x, y)].symbol();
                assert!(
                    !s.chars().any(unseen),
                    "{x},{y} holds {:?} at {w}x{h}",
                    s.escape_unicode().to_string()
                );
                let by_chars: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
                assert_eq!(
                    by_chars,
                    s.width(),
                    "{x},{y} holds {:?}, {by_chars} columns to a terminal and {} to ratatui",
                    s.escape_unicode().to_string(),
                    s.width()
                );
            }
        }
    }
}

#[test]
fn path_view() {
    // The brief's sender, growing 6 % a month: the strip, your volume, the stretches, the
    // changes and when the growth reaches the next one.
    both("path", |a| {
        a.model.profile.growth = Some(mtafit_model::profile::Growth {
            per_month: 0.06,
            months: 5,
        });
        a.refresh();
        update(a, Action::Show(View::Path));
    });
}

#[test]
fn path_view_without_colour_tells_stretches_apart_by_fill() {
    let mut a = app_with(Catalogue::builtin(), ThemeName::Mono);
    update(&mut a, Action::Show(View::Path));
    let t = draw(&mut a, 120, 40);
    let b = t.backend().buffer();
    let row: String = (1..119).map(|x| b[(x, 4)].symbol().to_owned()).collect();
    // Postfix is drawn in the first fill, the next engine on the path in the second.
    assert!(row.contains('█') && row.contains('▓'), "{row}");
    let text: String = (0..40)
        .map(|y| {
            (0..120)
                .map(|x| b[(x, y)].symbol().to_owned())
                .collect::<String>()
                + "\n"
        })
        .collect();
    assert!(
        text.contains("██ Postfix") && text.contains("▓▓ "),
        "{text}"
    );
}
