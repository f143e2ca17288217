//! The layers of ARCHITECTURE.md, checked on the source: imports only look down, no module
//! depends on itself through others, nothing below the front ends prints, clap stays at the edge,
//! and in the explorer events only translate and views only draw.
//!
//! The crates hold the layers apart between them (the model cannot name the render crate, which
//! it does not depend on); this check holds them apart inside each crate too. It reads
//! `use crate::…`, `crate::…` and `mtafit_*::…` paths (and `super::…` inside a module folder);
//! test modules at the end of a file (`#[cfg(test)]`) are left out, as they may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module's layer; a module may use its own layer's others and any below.
const LAYERS: &[(&str, u8)] = &[
    // Helpers every layer uses.
    ("text", 0),
    ("units", 0),
    ("calendar", 0),
    ("ronfile", 0),
    ("atomic", 0),
    ("variants", 0),
    // Facts.
    ("catalogue", 1),
    ("profile", 1),
    ("measure", 1),
    // The model.
    ("decide", 2),
    // The presentation layer.
    ("render", 3),
    // What the front ends start from.
    ("setup", 4),
    // Front ends.
    ("commands", 5),
    ("tui", 5),
    ("export", 5),
    // The edge.
    ("cli", 6),
];

/// The layer at and above which code may print.
const FRONT_ENDS: u8 = 5;

/// The workspace's crates: the folder, the name other crates use for it, and the module its
/// root stands for in `LAYERS` (none when its top-level modules are layers themselves).
const CRATES: &[(&str, &str, Option<&str>)] = &[
    ("mtafit-model", "mtafit_model", None),
    ("mtafit-measure", "mtafit_measure", Some("measure")),
    ("mtafit-render", "mtafit_render", Some("render")),
    (".", "mtafit", None),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a file under a crate's `src/`: `["tui", "view", "ranking"]`; `mod.rs` is
/// its folder, and the root of a crate that stands for one module is that module.
fn module_of(src: &Path, stands_for: Option<&str>, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = stands_for.map(str::to_owned).into_iter().collect();
    parts.extend(
        rel.iter()
            .map(|c| c.to_string_lossy().trim_end_matches(".rs").to_owned()),
    );
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The code of a file without its trailing test module and without comments.
fn code(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let text = match text.find("\n#[cfg(test)]\nmod ") {
        Some(i) => &text[..i],
        None => &text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path a file names that starts with `prefix`, as its identifier segments (a brace
/// group `prefix{a::b, c}` gives each alternative).
fn paths_after(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().last();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        out.extend(expand(rest));
    }
    out
}

/// The paths at the start of `s`: `a::b::C`, or a brace group of them.
fn expand(s: &str) -> Vec<Vec<String>> {
    if let Some(inner) = s.strip_prefix('{') {
        let mut depth = 1;
        let mut end = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = i;
                break;
            }
        }
        let body = &inner[..end];
        let mut items = Vec::new();
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in body.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    items.push(&body[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        items.push(&body[start..]);
        return items
            .into_iter()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .flat_map(expand)
            .collect();
    }
    let mut segs = Vec::new();
    let mut s = s;
    loop {
        let end = s
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(s.len());
        if end == 0 {
            break;
        }
        segs.push(s[..end].to_owned());
        s = &s[end..];
        match s.strip_prefix("::") {
            Some(r) if r.starts_with('{') => {
                return expand(r)
                    .into_iter()
                    .map(|tail| segs.iter().cloned().chain(tail).collect())
                    .collect();
            }
            Some(r) => s = r,
            None => break,
        }
    }
    if segs.is_empty() { vec![] } else { vec![segs] }
}

fn layer(module: &str) -> u8 {
    LAYERS
        .iter()
        .find(|(m, _)| *m == module)
        .unwrap_or_else(|| panic!("module {module} has no layer in tests/architecture.rs: add it"))
        .1
}

struct Source {
    module: Vec<String>,
    file: PathBuf,
    code: String,
    /// The module `crate::` names in this file.
    stands_for: Option<&'static str>,
    /// Whether `super::` in this file is relative to its own module (a `mod.rs` or a crate root).
    is_folder_root: bool,
}

fn sources() -> Vec<Source> {
    let mut out = Vec::new();
    for &(dir, _, stands_for) in CRATES {
        let src = root().join(dir).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        files.sort();
        for f in files {
            let is_crate_root = f == src.join("lib.rs") || f == src.join("main.rs");
            // A crate root that only lists its layers is not a layer itself.
            if is_crate_root && stands_for.is_none() {
                continue;
            }
            out.push(Source {
                module: module_of(&src, stands_for, &f),
                code: code(&f),
                is_folder_root: is_crate_root || f.ends_with("mod.rs"),
                stands_for,
                file: f,
            });
        }
    }
    out
}

/// The modules a file uses, as module paths whose first segment is a layer of `LAYERS`.
fn uses(s: &Source) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = paths_after(&s.code, "crate::")
        .into_iter()
        .map(|p| {
            s.stands_for
                .map(str::to_owned)
                .into_iter()
                .chain(p)
                .collect()
        })
        .collect();
    for &(_, name, stands_for) in CRATES {
        for p in paths_after(&s.code, &format!("{name}::")) {
            out.push(stands_for.map(str::to_owned).into_iter().chain(p).collect());
        }
    }
    // `super::` from a file inside a module folder: relative to the file's parent module.
    for p in paths_after(&s.code, "super::") {
        let mut base = s.module.clone();
        if !s.is_folder_root {
            base.pop();
        }
        out.push(base.into_iter().chain(p).collect());
    }
    out
}

/// The node of a module path at `depth` segments (the module itself when shorter).
fn node(path: &[String], depth: usize) -> String {
    path.iter()
        .take(depth)
        .cloned()
        .collect::<Vec<_>>()
        .join("::")
}

/// A cycle in `graph`, if there is one, as the nodes on it.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(n) {
            Some(2) => return None,
            Some(1) => {
                let from = stack.iter().position(|x| x == n).unwrap_or(0);
                return Some(stack[from..].to_vec());
            }
            _ => {}
        }
        state.insert(n.to_owned(), 1);
        stack.push(n.to_owned());
        for m in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, g, state, stack) {
                return Some(c);
            }
        }
        stack.pop();
        state.insert(n.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in graph.keys() {
        if let Some(c) = visit(n, graph, &mut state, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

#[test]
fn imports_only_look_down() {
    let mut wrong = Vec::new();
    for s in sources() {
        let from = &s.module[0];
        for u in uses(&s) {
            let to = &u[0];
            if layer(to) > layer(from) {
                wrong.push(format!(
                    "{} uses {} ({} is above {})",
                    s.file.display(),
                    u.join("::"),
                    to,
                    from
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_front_ends_do_not_lean_on_each_other() {
    // The export front end renders through `render`, not through a command.
    for s in sources().iter().filter(|s| s.module[0] == "export") {
        for u in uses(s) {
            assert_ne!(
                u[0],
                "commands",
                "{} uses {}",
                s.file.display(),
                u.join("::")
            );
            assert_ne!(u[0], "tui", "{} uses {}", s.file.display(), u.join("::"));
        }
    }
}

/// For each module folder, what its `mod.rs` re-exports: item name → the part it comes from.
fn re_exports(all: &[Source]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for s in all.iter().filter(|s| s.is_folder_root) {
        for line in s
            .code
            .lines()
            .filter(|l| l.trim_start().starts_with("pub use "))
        {
            let path = line.trim_start().trim_start_matches("pub use ");
            for p in expand(path) {
                if let (Some(part), Some(item)) = (p.first(), p.last())
                    && p.len() > 1
                    && part != "crate"
                {
                    let at = s.module.iter().chain([item]).cloned().collect::<Vec<_>>();
                    let from = s.module.iter().chain([part]).cloned().collect::<Vec<_>>();
                    out.insert(at.join("::"), from.join("::"));
                }
            }
        }
    }
    out
}

#[test]
fn no_module_depends_on_itself_through_others() {
    // Between top-level modules, and between the parts of the modules with many parts; an
    // item re-exported by a folder's mod.rs counts as the part that defines it.
    let all = sources();
    let via = re_exports(&all);
    let mut graphs: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for s in &all {
        for u in uses(s) {
            let (a, b) = (node(&s.module, 1), node(&u, 1));
            let top = graphs.entry(String::new()).or_default();
            top.entry(a.clone()).or_default();
            if a != b {
                top.entry(a.clone()).or_default().insert(b.clone());
            }
            for inner in [
                "tui",
                "decide",
                "render",
                "commands",
                "catalogue",
                "profile",
            ] {
                if s.module[0] == inner && u[0] == inner && s.module.len() > 1 && u.len() > 1 {
                    let (x, y) = (node(&s.module, 2), node(&u, 2));
                    let y = via.get(&y).cloned().unwrap_or(y);
                    let g = graphs.entry(inner.to_owned()).or_default();
                    g.entry(x.clone()).or_default();
                    if x != y {
                        g.entry(x).or_default().insert(y);
                    }
                }
            }
        }
    }
    for (scope, g) in &graphs {
        if let Some(c) = cycle(g) {
            panic!(
                "a circle of imports in {}: {}",
                if scope.is_empty() { "src" } else { scope },
                c.join(" → ")
            );
        }
    }
}

#[test]
fn nothing_below_the_front_ends_prints() {
    let mut wrong = Vec::new();
    for s in sources()
        .iter()
        .filter(|s| layer(&s.module[0]) < FRONT_ENDS)
    {
        for needle in [
            "println!",
            "eprintln!",
            "print!(",
            "eprint!(",
            "dbg!(",
            "stdout()",
            "stderr()",
        ] {
            if s.code.contains(needle) {
                wrong.push(format!("{} uses {needle}", s.file.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn clap_stays_at_the_edge() {
    for s in sources().iter().filter(|s| s.module[0] != "cli") {
        assert!(
            !s.code.contains("clap::") && !s.code.contains("clap::{"),
            "{} uses clap: give it a plain type and convert in cli.rs",
            s.file.display()
        );
    }
}

/// What a file of the explorer's views does besides drawing, given its code and the paths it
/// uses: a `&mut` of anything but the frame or its own locals, a call that changes the state, a
/// use of `update` or `run`, or one of the model's functions or modules (the state keeps what
/// the model computes; views read it and name the model's types only).
fn not_drawing(code: &str, uses: &[Vec<String>]) -> Vec<String> {
    let mut out = Vec::new();
    for u in uses {
        if u[0] == "tui" && u.get(1).is_some_and(|m| m == "update" || m == "run") {
            out.push(format!("uses {}", u.join("::")));
        }
        if u[0] == "decide" && u.last().is_some_and(|s| s.starts_with(char::is_lowercase)) {
            out.push(format!(
                "uses {}: the model computes, views read",
                u.join("::")
            ));
        }
    }
    for (i, _) in code.match_indices("&mut ") {
        let rest = &code[i + "&mut ".len()..];
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let local = word.starts_with(char::is_lowercase)
            && word != "self"
            && !rest[word.len()..].starts_with('.');
        if !(local || word == "Frame" || word == "Vec") {
            out.push(format!("takes &mut {word}"));
        }
    }
    for call in [
        ".say(",
        ".refresh(",
        ".refresh_view(",
        ".rebuild(",
        ".update(",
        ".toggle(",
        ".scroll_by(",
        ".to_top(",
        ".to_bottom(",
        ".cycle_theme(",
    ] {
        if code.contains(call) {
            out.push(format!("calls {call}…), which changes the state"));
        }
    }
    out
}

#[test]
fn the_explorer_s_events_only_translate_and_its_views_only_draw() {
    let all = sources();
    let in_tui = |s: &&Source, part: &str| s.module.len() > 1 && s.module[..2] == ["tui", part];
    // Events become actions through the key map and the open popup; no drawing, no update.
    let event = all
        .iter()
        .find(|s| in_tui(s, "event"))
        .expect("src/tui/event.rs");
    for u in uses(event) {
        assert!(
            !(u[0] == "tui" && u.get(1).is_some_and(|m| m == "view" || m == "update")),
            "{} uses {}: it only translates events into actions",
            event.file.display(),
            u.join("::")
        );
    }
    // Crossterm's keys are read in three places: the event, the key map and the popups (every
    // key that reaches a popup is decided there). The input layer makes them from the
    // terminal's bytes and decides nothing.
    for s in &all {
        let reads_keys = s.code.contains("KeyCode") || s.code.contains("to_input_request");
        let may = ["event", "keymap", "popup", "input"]
            .iter()
            .any(|m| in_tui(&s, m));
        assert!(
            !reads_keys || may,
            "{} reads keys: translate them in tui::event, tui::keymap or tui::popup",
            s.file.display()
        );
    }
    // Each view draws a component from its state and the read-only shared part.
    let views: Vec<&Source> = all.iter().filter(|s| in_tui(s, "view")).collect();
    assert!(views.len() > 5, "the views were read: {}", views.len());
    let mut wrong = Vec::new();
    for s in views {
        for w in not_drawing(&s.code, &uses(s)) {
            wrong.push(format!("{} {w}", s.file.display()));
        }
    }
    assert!(wrong.is_empty(), "views only draw:\n{}", wrong.join("\n"));
}

#[test]
fn the_drawing_check_tells_drawing_from_changing() {
    let paths = |p: &[&str]| vec![p.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    let draws = "fn draw(s: &Shared, frame: &mut Frame) { let mut out = Vec::new(); \
                 push(&mut out); std::mem::take(&mut run); s.scroll.show_text(3, 4); }";
    assert!(not_drawing(draws, &paths(&["decide", "Provenance"])).is_empty());
    assert_eq!(not_drawing("fn f(app: &mut App) {}", &[]).len(), 1);
    assert_eq!(not_drawing("fn f(x: &X) { g(&mut x.y) }", &[]).len(), 1);
    assert_eq!(not_drawing("fn f(&mut self) {}", &[]).len(), 1);
    assert_eq!(not_drawing("s.status.say(1)", &[]).len(), 1);
    assert_eq!(
        not_drawing("", &paths(&["decide", "rank", "rank"])).len(),
        1
    );
    assert_eq!(not_drawing("", &paths(&["decide", "fit"])).len(), 1);
    assert_eq!(
        not_drawing("", &paths(&["tui", "update", "update"])).len(),
        1
    );
}

#[test]
fn the_checker_reads_paths_as_written() {
    let got = expand("{decide::{self, Analysis}, render::rank, units};");
    assert_eq!(
        got,
        vec![
            vec!["decide".to_owned(), "self".to_owned()],
            vec!["decide".to_owned(), "Analysis".to_owned()],
            vec!["render".to_owned(), "rank".to_owned()],
            vec!["units".to_owned()],
        ]
    );
    let mut g = BTreeMap::new();
    g.insert("a".to_owned(), BTreeSet::from(["b".to_owned()]));
    g.insert("b".to_owned(), BTreeSet::from(["a".to_owned()]));
    assert!(cycle(&g).is_some(), "a circle is found");
    g.insert("b".to_owned(), BTreeSet::new());
    assert!(cycle(&g).is_none());
}

/// The names under a manifest's `[dependencies]` tables (not its dev-dependencies).
fn dependencies(manifest: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut inside = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            inside = line == "[dependencies]" || line.ends_with(".dependencies]");
            continue;
        }
        if inside && let Some((name, _)) = line.split_once(['=', '.']) {
            let name = name.trim();
            if !name.is_empty() && !name.starts_with('#') {
                out.insert(name.to_owned());
            }
        }
    }
    out
}

#[test]
fn each_crate_links_only_what_its_layer_may() {
    // The model's property tests link no terminal and no command line; the measure crate knows
    // nothing of rendering; only the root package draws or parses arguments.
    let terminal_or_edge = [
        "ratatui",
        "crossterm",
        "tui-input",
        "clap",
        "clap_complete",
        "clap_mangen",
        "signal-hook",
        "fuzzy-matcher",
        "indicatif",
    ];
    let may_use: &[(&str, &[&str])] = &[
        ("mtafit-model", &[]),
        ("mtafit-measure", &["mtafit-model"]),
        ("mtafit-render", &["mtafit-model", "mtafit-measure"]),
    ];
    for &(dir, crates) in may_use {
        let manifest = std::fs::read_to_string(root().join(dir).join("Cargo.toml")).unwrap();
        let deps = dependencies(&manifest);
        assert!(
            deps.contains("serde"),
            "{dir}'s dependencies were read: {deps:?}"
        );
        for d in &deps {
            assert!(
                !terminal_or_edge.contains(&d.as_str()),
                "{dir} depends on {d}, which belongs to the front ends"
            );
            if d.starts_with("mtafit") {
                assert!(
                    crates.contains(&d.as_str()),
                    "{dir} depends on {d}, a layer above it"
                );
            }
        }
    }
}

/// Every test docs/reliability.md names as keeping a promise: a `module::test_name` in
/// backticks whose last part is a test's name (a `*` stands for any words).
#[test]
fn every_test_docs_reliability_names_is_there() {
    let doc = std::fs::read_to_string(root().join("docs/reliability.md")).unwrap();
    let mut files = Vec::new();
    for dir in ["src", "tests"] {
        rust_files(&root().join(dir), &mut files);
    }
    for (dir, _, _) in CRATES.iter().filter(|(d, _, _)| *d != ".") {
        for sub in ["src", "tests"] {
            let p = root().join(dir).join(sub);
            if p.is_dir() {
                rust_files(&p, &mut files);
            }
        }
    }
    let fns: BTreeSet<String> = files
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .lines()
                .filter_map(|l| l.trim_start().strip_prefix("fn "))
                .filter_map(|l| l.split(['(', '<']).next())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    let named: Vec<&str> = doc
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| s.contains("::") && !s.contains(' '))
        .filter_map(|s| s.rsplit("::").next())
        // A test's name is a sentence: several words joined by `_`.
        .filter(|n| n.matches('_').count() >= 3)
        .collect();
    assert!(named.len() > 40, "{named:?}");
    let missing: Vec<&&str> = named
        .iter()
        .filter(|n| match n.split_once('*') {
            Some((head, tail)) => !fns.iter().any(|f| f.starts_with(head) && f.ends_with(tail)),
            None => !fns.contains(**n),
        })
        .collect();
    assert!(
        missing.is_empty(),
        "docs/reliability.md names tests that are not there: {missing:#?}"
    );
}
