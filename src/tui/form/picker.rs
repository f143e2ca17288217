//! The list a pick field opens: every valid id, filtered by what is typed.

use tui_input::Input;

/// What a pick field picks from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickFrom {
    /// Capability ids.
    Capabilities,
    /// Engine ids of the catalogue.
    Engines,
    /// A profile to load: those saved by name, then the built-in ones (one is picked, not
    /// ticked).
    Profiles,
}

/// The list a pick field opens: every valid id, filtered by what is typed, with the chosen ones
/// ticked.
#[derive(Debug, Clone)]
pub struct Picker {
    /// Every (id, label) that may be picked, in catalogue order.
    pub options: Vec<(String, String)>,
    /// The ids ticked.
    pub chosen: Vec<String>,
    /// What is typed to filter the list.
    pub query: Input,
    /// The options that match the query (indices into `options`), best first.
    pub shown: Vec<usize>,
    /// The highlighted row of `shown`.
    pub cursor: usize,
}

impl Picker {
    /// A picker over `options` with `chosen` ticked.
    pub fn new(options: Vec<(String, String)>, chosen: Vec<String>) -> Picker {
        let mut p = Picker {
            options,
            chosen,
            query: Input::default(),
            shown: Vec::new(),
            cursor: 0,
        };
        p.filter();
        p
    }

    /// Filter the options by the query with the fuzzy matcher (ids and labels), best first.
    pub fn filter(&mut self) {
        use fuzzy_matcher::FuzzyMatcher;
        let q = self.query.value().trim();
        if q.is_empty() {
            self.shown = (0..self.options.len()).collect();
        } else {
            let m = fuzzy_matcher::skim::SkimMatcherV2::default();
            let mut scored: Vec<(i64, usize)> = self
                .options
                .iter()
                .enumerate()
                .filter_map(|(i, (id, label))| {
                    m.fuzzy_match(&format!("{id} {label}"), q).map(|s| (s, i))
                })
                .collect();
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            self.shown = scored.into_iter().map(|(_, i)| i).collect();
        }
        self.cursor = self.cursor.min(self.shown.len().saturating_sub(1));
    }

    /// Tick or untick the highlighted option.
    pub fn toggle(&mut self) {
        let Some(&i) = self.shown.get(self.cursor) else {
            return;
        };
        let id = &self.options[i].0;
        match self.chosen.iter().position(|c| c == id) {
            Some(at) => {
                self.chosen.remove(at);
            }
            None => self.chosen.push(id.clone()),
        }
    }

    /// True when the option is ticked.
    pub fn is_chosen(&self, i: usize) -> bool {
        self.chosen.contains(&self.options[i].0)
    }
}
