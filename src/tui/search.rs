//! Search over names, ids, vendors and languages: an exact id or name first, then names that
//! start with the query, then fuzzy matches of names and ids, then a field that contains the
//! query word for word (configuration language, implementation language, vendor), which the hit
//! names so the user sees why it matched.

use super::action::Action;
use super::ask::Ask;
use super::status::Tone;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use mtafit_model::catalogue::{Config, Engine};

/// One engine that matches the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into the catalogue's engines.
    pub engine: usize,
    /// Higher is a better match.
    pub score: i64,
    /// Character positions in the engine's name to highlight.
    pub name_chars: Vec<usize>,
    /// When the name did not match: the field that did and its value, e.g. ("config: ", "Lua").
    pub field: Option<(&'static str, String)>,
}

impl Hit {
    /// Why it matched, when not by name: "config: Lua", "written in Rust".
    pub fn why(&self) -> Option<String> {
        self.field
            .as_ref()
            .map(|(label, value)| format!("{label}{value}"))
    }
}

/// An exact id or name.
const EXACT: i64 = 1_000_000;
/// A name or id that starts with the query.
const PREFIX: i64 = 100_000;
/// A field (configuration language, implementation language, vendor) that contains the query.
const FIELD: i64 = 50;

/// The search: what was typed and what it matches.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// The query as typed.
    pub query: String,
    /// True while the query is being typed (keys go to the query).
    pub typing: bool,
    /// Matches, best first; empty with an empty query.
    pub hits: Vec<Hit>,
    /// For each engine, its position in `hits` (lookups are per row per frame).
    by_engine: Vec<Option<usize>>,
}

impl Search {
    /// True when a non-empty query filters the lists.
    pub fn active(&self) -> bool {
        !self.query.is_empty()
    }

    /// True when a query is active and matches nothing: the lists are empty.
    pub fn matches_nothing(&self) -> bool {
        self.active() && self.hits.is_empty()
    }

    /// `/`: start typing a new query.
    pub fn start(&mut self, engines: &[Engine]) -> Vec<Ask> {
        self.typing = true;
        self.query.clear();
        self.run(engines);
        vec![Ask::Filter]
    }

    /// What to say when the query matches nothing: "no engine matches 'xyz'".
    pub fn nothing(&self) -> String {
        format!("no engine matches '{}'", self.query.trim())
    }

    /// Keys while typing: characters refine the query (the best match is selected), Ctrl-U
    /// empties it (as in a shell), Enter keeps it, Esc clears it.
    pub fn update(&mut self, action: Action, engines: &[Engine]) -> Vec<Ask> {
        match action {
            Action::Input(c) => {
                self.query.push(c);
                self.run(engines);
                let mut asks = vec![Ask::Filter];
                asks.extend(self.hits.first().map(|best| Ask::Select(best.engine)));
                asks
            }
            Action::Backspace => {
                self.query.pop();
                self.run(engines);
                vec![Ask::Filter]
            }
            Action::Edit(tui_input::InputRequest::DeleteLine) => {
                self.query.clear();
                self.run(engines);
                vec![Ask::Filter]
            }
            Action::Confirm => {
                self.typing = false;
                let n = self.hits.len();
                if !self.active() {
                    return Vec::new();
                }
                if n == 0 {
                    return vec![Ask::say(
                        format!("{}; Esc clears the search", self.nothing()),
                        Tone::Warn,
                    )];
                }
                vec![Ask::say(
                    format!(
                        "{n} match{}; n/N to step through them, Esc to clear",
                        if n == 1 { "" } else { "es" }
                    ),
                    Tone::Info,
                )]
            }
            Action::Back => {
                self.typing = false;
                self.query.clear();
                self.run(engines);
                vec![Ask::Filter]
            }
            _ => Vec::new(),
        }
    }

    /// Esc outside the query: clear a kept one.
    pub fn clear(&mut self, engines: &[Engine]) -> Vec<Ask> {
        if !self.active() {
            return Vec::new();
        }
        self.query.clear();
        self.run(engines);
        vec![Ask::Filter, Ask::say("search cleared", Tone::Info)]
    }

    /// The hit for an engine, if it matches.
    pub fn hit(&self, engine: usize) -> Option<&Hit> {
        self.by_engine
            .get(engine)
            .copied()
            .flatten()
            .map(|i| &self.hits[i])
    }

    /// True when the engine is shown under the current query.
    pub fn shows(&self, engine: usize) -> bool {
        !self.active() || self.hit(engine).is_some()
    }

    /// Match every engine against the query (smart case for fuzzy matches: lower-case queries
    /// ignore case; exact, prefix and field matches always ignore case).
    pub fn run(&mut self, engines: &[Engine]) {
        self.hits.clear();
        self.by_engine.clear();
        let q = self.query.trim();
        if q.is_empty() {
            return;
        }
        let ql = q.to_lowercase();
        let m = SkimMatcherV2::default().smart_case();
        for (i, e) in engines.iter().enumerate() {
            if let Some((score, name_chars, field)) = score(e, q, &ql, &m) {
                self.hits.push(Hit {
                    engine: i,
                    score,
                    name_chars,
                    field,
                });
            }
        }
        self.hits
            .sort_by(|a, b| b.score.cmp(&a.score).then(a.engine.cmp(&b.engine)));
        self.by_engine = vec![None; engines.len()];
        for (i, h) in self.hits.iter().enumerate() {
            self.by_engine[h.engine] = Some(i);
        }
    }
}

/// What a match found: its score, the name's characters to highlight, the field that matched.
type Found = (i64, Vec<usize>, Option<(&'static str, String)>);

/// How well one engine matches.
fn score(e: &Engine, q: &str, ql: &str, m: &SkimMatcherV2) -> Option<Found> {
    let name = e.name.to_lowercase();
    let id = e.id.to_lowercase();
    let whole_name = || (0..e.name.chars().count()).collect::<Vec<_>>();
    if id == ql || name == ql {
        return Some((EXACT, whole_name(), None));
    }
    if name.starts_with(ql) || id.starts_with(ql) {
        let n = q.chars().count();
        let chars = if name.starts_with(ql) {
            (0..n).collect()
        } else {
            Vec::new()
        };
        // A shorter name is a closer match to the same prefix.
        return Some((PREFIX - name.len() as i64, chars, None));
    }
    if let Some((s, idx)) = m.fuzzy_indices(&e.name, q) {
        return Some((s, idx, None));
    }
    if let Some(s) = m.fuzzy_match(&e.id, q) {
        return Some((s, Vec::new(), None));
    }
    // Other fields only word for word: letters scattered over a vendor's name are no match.
    let config = match &e.config {
        Config::ConfigAsCode(lang) | Config::Scripting(lang) => Some(lang.as_str()),
        _ => None,
    };
    [
        ("config: ", config),
        ("written in ", Some(e.language.as_str())),
        ("vendor: ", Some(e.vendor.as_str())),
    ]
    .into_iter()
    .find_map(|(label, value)| {
        let v = value?;
        v.to_lowercase()
            .contains(ql)
            .then(|| (FIELD, Vec::new(), Some((label, v.to_owned()))))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use mtafit_model::catalogue::Catalogue;

    #[test]
    fn matches_names_ids_vendors_and_languages() {
        let cat = Catalogue::builtin();
        let find = |q: &str| {
            let mut s = Search {
                query: q.into(),
                ..Search::default()
            };
            s.run(&cat.engines);
            s.hits
                .iter()
                .map(|h| cat.engines[h.engine].id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(find("kumo")[0], "kumomta");
        assert!(find("rust").contains(&"kumomta".to_owned()), "language");
        assert!(find("twilio").contains(&"sendgrid".to_owned()), "vendor");
        assert!(find("zzzzqqq").is_empty());
        assert!(find("").is_empty());
    }

    #[test]
    fn exact_ids_come_first_and_fields_match_word_for_word() {
        let cat = Catalogue::builtin();
        let search = |q: &str| {
            let mut s = Search {
                query: q.into(),
                ..Search::default()
            };
            s.run(&cat.engines);
            s
        };
        let ids = |s: &Search| {
            s.hits
                .iter()
                .map(|h| cat.engines[h.engine].id.as_str())
                .collect::<Vec<_>>()
        };
        // `/ses` is Amazon SES (its id), not SendGrid.
        assert_eq!(ids(&search("ses"))[0], "ses");
        assert_eq!(ids(&search("SES"))[0], "ses");
        // `/lua` finds the engines configured in Lua, and only those, saying why.
        let lua = search("lua");
        let found = ids(&lua);
        assert!(
            found.contains(&"kumomta") && found.contains(&"momentum"),
            "{found:?}"
        );
        for id in ["powermta", "exim", "sendmail", "mailgun"] {
            assert!(!found.contains(&id), "{id} in {found:?}");
        }
        let kumo = cat.engines.iter().position(|e| e.id == "kumomta").unwrap();
        assert_eq!(lua.hit(kumo).unwrap().why().as_deref(), Some("config: Lua"));
        // `/rust` finds what is written in Rust, not letters scattered over "undisclosed".
        let rust = ids(&search("rust"));
        assert!(
            !rust.contains(&"powermta") && !rust.contains(&"exim"),
            "{rust:?}"
        );
    }

    #[test]
    fn name_characters_are_highlighted() {
        let cat = Catalogue::builtin();
        let mut s = Search {
            query: "kmta".into(),
            ..Search::default()
        };
        s.run(&cat.engines);
        let kumo = cat.engines.iter().position(|e| e.id == "kumomta").unwrap();
        assert_eq!(s.hit(kumo).unwrap().name_chars, vec![0, 4, 5, 6]);
        assert!(s.shows(kumo));
    }
}
