//! Fuzzy search over names, ids, vendors and languages, with the matched characters of the name.

use crate::catalogue::Engine;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// One engine that matches the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into the catalogue's engines.
    pub engine: usize,
    /// Higher is a better match.
    pub score: i64,
    /// Character positions in the engine's name to highlight.
    pub name_chars: Vec<usize>,
}

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

    /// Match every engine against the query (smart case: lower-case queries ignore case).
    pub fn run(&mut self, engines: &[Engine]) {
        self.hits.clear();
        self.by_engine.clear();
        if self.query.is_empty() {
            return;
        }
        let m = SkimMatcherV2::default().smart_case();
        for (i, e) in engines.iter().enumerate() {
            let name = m.fuzzy_indices(&e.name, &self.query);
            let rest = format!("{} {} {} {}", e.name, e.id, e.vendor, e.language);
            let best = match (name, m.fuzzy_match(&rest, &self.query)) {
                (Some((s, idx)), other) => Some((s.max(other.unwrap_or(0)), idx)),
                (None, Some(s)) => Some((s, Vec::new())),
                (None, None) => None,
            };
            if let Some((score, name_chars)) = best {
                self.hits.push(Hit {
                    engine: i,
                    score,
                    name_chars,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;

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
