//! The one key map: key handling, the help overlay and the status-line hints all read this
//! table, so they cannot drift apart.

use super::action::{Action, View};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Anywhere no popup or text field has the keys.
    Global,
    /// The ranking pane of the compare view.
    Ranking,
    /// The table pane.
    Table,
    /// The weights pane.
    Weights,
    /// The detail pane.
    Detail,
    /// The cost view.
    Cost,
    /// The walk view.
    Walk,
    /// The path view.
    Path,
    /// Typing a search.
    Search,
    /// Any popup (help, side by side, problems, profile form, export).
    Popup,
    /// The profile form.
    Form,
}

impl Context {
    /// A word for the help overlay: where a key means this.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "anywhere",
            Context::Ranking => "ranking",
            Context::Table => "table",
            Context::Weights => "weights",
            Context::Detail => "detail",
            Context::Cost => "cost view",
            Context::Walk => "walk view",
            Context::Path => "path view",
            Context::Search => "search",
            Context::Popup => "popups",
            Context::Form => "forms",
        }
    }
}

/// Where a binding applies, when one of its keys means something else elsewhere: e.g.
/// "weights, table, forms" for ←. `None` when its keys mean the same everywhere.
pub fn where_it_applies(b: &Binding) -> Option<String> {
    let shared = BINDINGS
        .iter()
        .any(|o| !std::ptr::eq(o, b) && o.keys.iter().any(|k| b.keys.contains(k)));
    shared.then(|| {
        b.contexts
            .iter()
            .map(|c| c.name())
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// How bindings are grouped in the help overlay, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::VariantArray)]
pub enum Group {
    /// Moving around.
    Navigate,
    /// Changing the decision.
    Decide,
    /// Searching.
    Search,
    /// The shortlist.
    Shortlist,
    /// Views and popups.
    Views,
    /// Leaving.
    App,
}

impl Group {
    /// The heading in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Group::Navigate => "Move",
            Group::Decide => "Decide",
            Group::Shortlist => "Shortlist",
            Group::Views => "Views",
            Group::Search => "Search",
            Group::App => "App",
        }
    }
}

/// A key: a code and the modifiers that must be held (Shift is implied by upper-case letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl or Alt, when required.
    pub mods: KeyModifiers,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn code(c: KeyCode) -> Key {
    Key {
        code: c,
        mods: KeyModifiers::NONE,
    }
}

impl Key {
    /// True when `ev` is this key.
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match ev.code {
            // Some terminals send Shift-Tab as Tab with Shift.
            KeyCode::Tab if ev.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            c => c,
        };
        self.code == code && self.mods == mods
    }

    /// How the key is written in help and hints.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Backspace => "Bksp".into(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// One row of the key map.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys that trigger it.
    pub keys: &'static [Key],
    /// What it does.
    pub action: Action,
    /// A word or two for the status line.
    pub hint: &'static str,
    /// A sentence for the help overlay.
    pub description: &'static str,
    /// Its help group.
    pub group: Group,
    /// Where it applies.
    pub contexts: &'static [Context],
}

use Context as C;

const PANES: &[Context] = &[C::Ranking, C::Table, C::Weights, C::Detail];
const LISTS: &[Context] = &[C::Ranking, C::Table, C::Detail, C::Walk, C::Path, C::Popup];
/// The lists and the weights pane, whose first and last slider are its top and bottom.
const LISTS_AND_WEIGHTS: &[Context] = &[
    C::Ranking,
    C::Table,
    C::Detail,
    C::Walk,
    C::Path,
    C::Popup,
    C::Weights,
];
const ALL_VIEWS: &[Context] = &[C::Global];

/// The key map.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[code(KeyCode::Up), k('k')],
        action: Action::Up,
        hint: "up",
        description: "move up (in the weights pane: the previous weight)",
        group: Group::Navigate,
        contexts: &[
            C::Ranking,
            C::Table,
            C::Weights,
            C::Detail,
            C::Walk,
            C::Path,
            C::Popup,
            C::Form,
        ],
    },
    Binding {
        keys: &[code(KeyCode::Down), k('j')],
        action: Action::Down,
        hint: "down",
        description: "move down (in the weights pane: the next weight)",
        group: Group::Navigate,
        contexts: &[
            C::Ranking,
            C::Table,
            C::Weights,
            C::Detail,
            C::Walk,
            C::Path,
            C::Popup,
            C::Form,
        ],
    },
    Binding {
        keys: &[code(KeyCode::Left), k('h')],
        action: Action::Left,
        hint: "lower",
        description: "lower the selected weight; in the table, scroll left",
        group: Group::Decide,
        contexts: &[C::Weights, C::Table, C::Form],
    },
    Binding {
        keys: &[code(KeyCode::Right), k('l')],
        action: Action::Right,
        hint: "raise",
        description: "raise the selected weight; in the table, scroll right",
        group: Group::Decide,
        contexts: &[C::Weights, C::Table, C::Form],
    },
    Binding {
        keys: &[k('g'), code(KeyCode::Home)],
        action: Action::Top,
        hint: "top",
        description: "go to the top",
        group: Group::Navigate,
        contexts: LISTS_AND_WEIGHTS,
    },
    Binding {
        keys: &[k('G'), code(KeyCode::End)],
        action: Action::Bottom,
        hint: "bottom",
        description: "go to the bottom",
        group: Group::Navigate,
        contexts: LISTS_AND_WEIGHTS,
    },
    Binding {
        keys: &[ctrl('d'), code(KeyCode::PageDown)],
        action: Action::HalfPageDown,
        hint: "½ page",
        description: "down half a page",
        group: Group::Navigate,
        contexts: LISTS,
    },
    Binding {
        keys: &[ctrl('u'), code(KeyCode::PageUp)],
        action: Action::HalfPageUp,
        hint: "½ page up",
        description: "up half a page",
        group: Group::Navigate,
        contexts: LISTS,
    },
    Binding {
        keys: &[code(KeyCode::Tab)],
        action: Action::FocusNext,
        hint: "next pane",
        description: "focus the next pane (or the next field of a form)",
        group: Group::Navigate,
        contexts: &[C::Ranking, C::Table, C::Weights, C::Detail, C::Form],
    },
    Binding {
        keys: &[code(KeyCode::BackTab)],
        action: Action::FocusPrev,
        hint: "prev pane",
        description: "focus the previous pane (or field)",
        group: Group::Navigate,
        contexts: &[C::Ranking, C::Table, C::Weights, C::Detail, C::Form],
    },
    Binding {
        keys: &[k('w')],
        action: Action::FocusWeights,
        hint: "weights",
        description: "jump to the weights pane",
        group: Group::Decide,
        contexts: PANES,
    },
    Binding {
        keys: &[k(']')],
        action: Action::FlipUp,
        hint: "flip ↑",
        description: "raise the selected weight to where the top pick changes",
        group: Group::Decide,
        contexts: &[C::Weights],
    },
    Binding {
        keys: &[k('[')],
        action: Action::FlipDown,
        hint: "flip ↓",
        description: "lower the selected weight to where the top pick changes",
        group: Group::Decide,
        contexts: &[C::Weights],
    },
    Binding {
        keys: &[k('r')],
        action: Action::ResetWeights,
        hint: "reset",
        description: "reset every weight to its default",
        group: Group::Decide,
        contexts: PANES,
    },
    Binding {
        keys: &[k('p')],
        action: Action::EditProfile,
        hint: "profile",
        description: "edit the profile (volume, budget, team, needs), or load a saved one",
        group: Group::Decide,
        contexts: ALL_VIEWS,
    },
    Binding {
        keys: &[k('s')],
        action: Action::SortNext,
        hint: "sort",
        description: "sort the table by the next column (again: the one after)",
        group: Group::Navigate,
        contexts: &[C::Table, C::Ranking],
    },
    Binding {
        keys: &[k('S')],
        action: Action::SortReverse,
        hint: "reverse",
        description: "reverse the sort",
        group: Group::Navigate,
        contexts: &[C::Table, C::Ranking],
    },
    Binding {
        keys: &[k('/')],
        action: Action::Search,
        hint: "search",
        description: "fuzzy search names, ids, vendors and languages",
        group: Group::Search,
        contexts: ALL_VIEWS,
    },
    Binding {
        keys: &[k('n')],
        action: Action::NextMatch,
        hint: "next match",
        description: "select the next match",
        group: Group::Search,
        contexts: PANES,
    },
    Binding {
        keys: &[k('N')],
        action: Action::PrevMatch,
        hint: "prev match",
        description: "select the previous match",
        group: Group::Search,
        contexts: PANES,
    },
    Binding {
        keys: &[ctrl('u')],
        action: Action::Edit(tui_input::InputRequest::DeleteLine),
        hint: "empty",
        description: "empty the search query (as in a shell; elsewhere Ctrl-U pages up)",
        group: Group::Search,
        contexts: &[C::Search],
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        action: Action::Confirm,
        hint: "keep",
        description: "keep the search filter, or apply a form",
        group: Group::Search,
        contexts: &[C::Search, C::Form],
    },
    Binding {
        keys: &[k(' ')],
        action: Action::Mark,
        hint: "mark",
        description: "mark or unmark the selected engine for the shortlist",
        group: Group::Shortlist,
        contexts: &[C::Ranking, C::Table, C::Detail],
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        action: Action::Open,
        hint: "open",
        description: "open the selected engine whole: every fact, its sources as links (Esc back)",
        group: Group::Views,
        contexts: &[C::Ranking, C::Table, C::Detail],
    },
    Binding {
        keys: &[k('-')],
        action: Action::HideColumn,
        hint: "hide column",
        description: "hide the table's sorted column (the sort moves to the next)",
        group: Group::Navigate,
        contexts: &[C::Table, C::Ranking],
    },
    Binding {
        keys: &[k('+')],
        action: Action::ShowColumns,
        hint: "show columns",
        description: "show the table's hidden columns again",
        group: Group::Navigate,
        contexts: &[C::Table, C::Ranking],
    },
    Binding {
        keys: &[k('o')],
        action: Action::ToggleOut,
        hint: "hide out",
        description: "hide the engines out of the running, or show them again",
        group: Group::Navigate,
        contexts: &[C::Ranking, C::Table, C::Detail],
    },
    Binding {
        keys: &[k('c')],
        action: Action::Compare,
        hint: "compare",
        description: "compare the marked engines side by side",
        group: Group::Shortlist,
        contexts: ALL_VIEWS,
    },
    Binding {
        keys: &[k('e')],
        action: Action::Export,
        hint: "export",
        description: "export the shortlist (marked, or the top five) to a file",
        group: Group::Shortlist,
        contexts: ALL_VIEWS,
    },
    Binding {
        keys: &[k('y')],
        action: Action::CopyMarkdown,
        hint: "copy",
        description: "copy the shortlist as Markdown to the clipboard (works over SSH)",
        group: Group::Shortlist,
        contexts: ALL_VIEWS,
    },
    Binding {
        keys: &[k('1')],
        action: Action::Show(View::Compare),
        hint: "compare view",
        description: "the compare view: ranking, table, weights, detail",
        group: Group::Views,
        contexts: ALL_VIEWS,
    },
    Binding {
        keys: &[k('2')],
        action: Action::Show(View::Cost),
        hint: "cost view",
        description: "the cost view: annual cost against volume",
        group: Group::Views,
        contexts: ALL_VIEWS,
    },
    Binding {
        keys: &[k('3')],
        action: Action::Show(View::Walk),
        hint: "walk view",
        description: "the walk view: the brief's decision diagram",
        group: Group::Views,
        contexts: ALL_VIEWS,
    },
    Binding {
        keys: &[k('4')],
        action: Action::Show(View::Path),
        hint: "path view",
        description: "the path view: the top pick across volumes, where it changes, when you get there",
        group: Group::Views,
        contexts: ALL_VIEWS,
    },
    Binding {
        keys: &[k('!')],
        action: Action::Problems,
        hint: "problems",
        description: "list catalogue problems (bad or replaced files)",
        group: Group::Views,
        contexts: ALL_VIEWS,
    },
    Binding {
        keys: &[k('t')],
        action: Action::CycleTheme,
        hint: "theme",
        description: "cycle the colour theme: dark, light, monochrome",
        group: Group::Views,
        contexts: ALL_VIEWS,
    },
    // Last among the app-wide keys, so the status line's hints keep their order.
    Binding {
        keys: &[k('u')],
        action: Action::Undo,
        hint: "undo",
        description: "undo the last change of the profile or the weights (again: the one before)",
        group: Group::Decide,
        contexts: ALL_VIEWS,
    },
    Binding {
        keys: &[k('R')],
        action: Action::ResetProfile,
        hint: "reset profile",
        description: "put the profile and weights back to how this session started (u undoes)",
        group: Group::Decide,
        contexts: ALL_VIEWS,
    },
    Binding {
        keys: &[k('P')],
        action: Action::SaveProfileAs,
        hint: "save as",
        description: "save the profile, weights and marks under a name (load it from p)",
        group: Group::Decide,
        contexts: ALL_VIEWS,
    },
    Binding {
        keys: &[k('?')],
        action: Action::Help,
        hint: "help",
        description: "show every key",
        group: Group::App,
        contexts: ALL_VIEWS,
    },
    Binding {
        keys: &[k('q'), code(KeyCode::Enter)],
        action: Action::Back,
        hint: "close",
        description: "close the popup",
        group: Group::App,
        contexts: &[C::Popup],
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        action: Action::Back,
        hint: "back",
        description: "close a popup, cancel an edit, clear the search",
        group: Group::App,
        contexts: &[C::Global, C::Search, C::Popup, C::Form],
    },
    Binding {
        keys: &[k('q'), ctrl('c')],
        action: Action::Quit,
        hint: "quit",
        description: "quit (Ctrl-C works everywhere)",
        group: Group::App,
        contexts: ALL_VIEWS,
    },
];

/// Ctrl-C quits from anywhere, even a text field.
pub fn is_interrupt(ev: &KeyEvent) -> bool {
    ctrl('c').matches(ev)
}

/// The action for a key in a context: the context's own bindings first, then global ones
/// (unless a text field or popup owns the keyboard).
pub fn lookup(ev: &KeyEvent, ctx: Context) -> Option<Action> {
    let find = |c: Context| {
        BINDINGS
            .iter()
            .find(|b| b.contexts.contains(&c) && b.keys.iter().any(|key| key.matches(ev)))
            .map(|b| b.action)
    };
    match ctx {
        C::Search | C::Form | C::Popup => find(ctx),
        _ => find(ctx).or_else(|| find(C::Global)),
    }
}

/// The action for a key in a context. In a text field (the search, a form) letters are text, so
/// only the bindings of other keys apply there, and Backspace deletes.
pub fn key(ev: &KeyEvent, ctx: Context) -> Option<Action> {
    if !matches!(ctx, C::Search | C::Form) {
        return lookup(ev, ctx);
    }
    // Letters are text, but a Ctrl chord (Ctrl-U) is a key of the field's own.
    if let Some(a) = lookup(ev, ctx)
        && (!matches!(ev.code, KeyCode::Char(_)) || ev.modifiers.contains(KeyModifiers::CONTROL))
    {
        return Some(a);
    }
    match ev.code {
        KeyCode::Backspace => Some(Action::Backspace),
        KeyCode::Char(c)
            if !ev
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::Input(c))
        }
        _ => None,
    }
}

/// The bindings to hint at in the status line for a context.
pub fn hints(ctx: Context) -> Vec<&'static Binding> {
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&ctx))
        .collect()
}

/// All key labels of a binding, e.g. "↑/k".
pub fn keys_label(b: &Binding) -> String {
    b.keys.iter().map(Key::label).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for a in BINDINGS {
            for b in BINDINGS {
                if std::ptr::eq(a, b) {
                    continue;
                }
                for c in a.contexts.iter().filter(|c| b.contexts.contains(c)) {
                    for key in a.keys {
                        assert!(
                            !b.keys.contains(key),
                            "{} bound twice in {c:?}",
                            key.label()
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_contract_keys() {
        let none = KeyModifiers::NONE;
        let at = |c, ctx| lookup(&ev(c, none), ctx);
        assert_eq!(at(KeyCode::Char('q'), C::Table), Some(Action::Quit));
        assert_eq!(
            lookup(&ev(KeyCode::Char('c'), KeyModifiers::CONTROL), C::Weights),
            Some(Action::Quit)
        );
        assert_eq!(at(KeyCode::Char('?'), C::Ranking), Some(Action::Help));
        assert_eq!(at(KeyCode::Char('/'), C::Ranking), Some(Action::Search));
        assert_eq!(at(KeyCode::Tab, C::Ranking), Some(Action::FocusNext));
        assert_eq!(
            lookup(&ev(KeyCode::Tab, KeyModifiers::SHIFT), C::Ranking),
            Some(Action::FocusPrev)
        );
        assert_eq!(at(KeyCode::Char('j'), C::Table), Some(Action::Down));
        assert_eq!(at(KeyCode::Char('w'), C::Table), Some(Action::FocusWeights));
        assert_eq!(at(KeyCode::Char('h'), C::Weights), Some(Action::Left));
        assert_eq!(at(KeyCode::Right, C::Weights), Some(Action::Right));
        assert_eq!(at(KeyCode::Char('s'), C::Table), Some(Action::SortNext));
        assert_eq!(
            lookup(&ev(KeyCode::Char('S'), KeyModifiers::SHIFT), C::Table),
            Some(Action::SortReverse)
        );
        assert_eq!(at(KeyCode::Char(' '), C::Ranking), Some(Action::Mark));
        assert_eq!(at(KeyCode::Char('e'), C::Ranking), Some(Action::Export));
        assert_eq!(at(KeyCode::Char('c'), C::Ranking), Some(Action::Compare));
        assert_eq!(
            at(KeyCode::Char('p'), C::Ranking),
            Some(Action::EditProfile)
        );
        assert_eq!(
            at(KeyCode::Char('r'), C::Weights),
            Some(Action::ResetWeights)
        );
        assert_eq!(
            at(KeyCode::Char('2'), C::Table),
            Some(Action::Show(View::Cost))
        );
        assert_eq!(at(KeyCode::Char('g'), C::Table), Some(Action::Top));
        // The weights pane too: its first and last slider (help says so for every list).
        assert_eq!(at(KeyCode::Char('g'), C::Weights), Some(Action::Top));
        assert_eq!(at(KeyCode::Char('G'), C::Weights), Some(Action::Bottom));
        assert_eq!(at(KeyCode::Home, C::Weights), Some(Action::Top));
        assert_eq!(at(KeyCode::End, C::Weights), Some(Action::Bottom));
        assert_eq!(at(KeyCode::Char('G'), C::Table), Some(Action::Bottom));
        assert_eq!(
            lookup(&ev(KeyCode::Char('d'), KeyModifiers::CONTROL), C::Table),
            Some(Action::HalfPageDown)
        );
        assert_eq!(at(KeyCode::Char('n'), C::Table), Some(Action::NextMatch));
        assert_eq!(at(KeyCode::Esc, C::Popup), Some(Action::Back));
        assert_eq!(at(KeyCode::Char('u'), C::Weights), Some(Action::Undo));
        assert_eq!(at(KeyCode::Char('u'), C::Cost), Some(Action::Undo));
        assert_eq!(
            lookup(&ev(KeyCode::Char('R'), KeyModifiers::SHIFT), C::Table),
            Some(Action::ResetProfile)
        );
        assert_eq!(
            lookup(&ev(KeyCode::Char('P'), KeyModifiers::SHIFT), C::Ranking),
            Some(Action::SaveProfileAs)
        );
        // Enter opens an engine from the lists and keeps its meaning in a search or a form.
        assert_eq!(at(KeyCode::Enter, C::Ranking), Some(Action::Open));
        assert_eq!(at(KeyCode::Enter, C::Table), Some(Action::Open));
        assert_eq!(at(KeyCode::Enter, C::Search), Some(Action::Confirm));
        assert_eq!(at(KeyCode::Enter, C::Form), Some(Action::Confirm));
    }

    #[test]
    fn text_fields_keep_their_letters() {
        assert_eq!(
            lookup(&ev(KeyCode::Char('q'), KeyModifiers::NONE), C::Search),
            None
        );
        assert_eq!(
            lookup(&ev(KeyCode::Char('q'), KeyModifiers::NONE), C::Form),
            None
        );
        assert!(is_interrupt(&ev(KeyCode::Char('c'), KeyModifiers::CONTROL)));
    }

    #[test]
    fn every_binding_has_a_hint_and_a_description() {
        for b in BINDINGS {
            assert!(!b.hint.is_empty() && !b.description.is_empty() && !b.keys.is_empty());
        }
    }
}

/// The key tables of the documentation against the key map, so neither can drift.
#[cfg(test)]
mod docs {
    use super::*;

    /// The rows of a Markdown table that follows `heading` in `text`.
    fn table_after<'a>(text: &'a str, heading: &str) -> Vec<&'a str> {
        let at = text.find(heading).expect("the heading is there");
        text[at..]
            .lines()
            .skip_while(|l| !l.starts_with('|'))
            .take_while(|l| l.starts_with('|'))
            .skip(2)
            .collect()
    }

    #[test]
    fn docs_cli_lists_every_binding_in_its_group_and_nothing_else() {
        let rows = table_after(include_str!("../../docs/cli.md"), "### Every key");
        assert_eq!(rows.len(), BINDINGS.len(), "{rows:#?}");
        for b in BINDINGS {
            let cells = format!("| {} | ", b.group.title());
            // The table capitalises sentences and view names and quotes keys, as the overlay does not.
            let action = format!(" | {} | ", b.description.to_lowercase());
            assert!(
                rows.iter().any(|r| r.starts_with(&cells)
                    && r.to_lowercase().replace('`', "").contains(&action)),
                "docs/cli.md's Every key has no row for {:?} ({}): {rows:#?}",
                b.action,
                b.description
            );
        }
    }

    #[test]
    fn the_readme_tour_names_every_key() {
        let rows = table_after(include_str!("../../README.md"), "## A tour of the explorer");
        let tour = rows.join("\n");
        let mut missing = Vec::new();
        for b in BINDINGS {
            for key in b.keys {
                let label = match key.label().as_str() {
                    "S-Tab" => "Shift-Tab".to_owned(),
                    // The tour names the arrows and letters; these are their synonyms.
                    "PgUp" | "PgDn" | "Home" | "End" => continue,
                    l => l.to_owned(),
                };
                if !tour.contains(&format!("`{label}`")) {
                    missing.push(format!("`{label}`: {}", b.description));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "README's tour table does not name {missing:#?}"
        );
    }
}
