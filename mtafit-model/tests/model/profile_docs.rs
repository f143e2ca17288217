//! docs/catalogue.md's table of profile fields says what the field table says: every field, in
//! the file's order, with its type and bounds and its default.

use mtafit_model::profile::field::fields;
use mtafit_model::profile::{FieldId, Kind};
use mtafit_model::units;

/// The Type column for a field of `kind`.
fn doc_type(kind: &Kind) -> String {
    let power = |n: u64| {
        assert_eq!(10u64.pow(n.ilog10()), n, "{n} is not a power of ten");
        format!("10^{}", n.ilog10())
    };
    match kind {
        Kind::Toggle(_) => "bool".into(),
        Kind::Choice(_) => "enum".into(),
        Kind::Volume(_) => "integer or string".into(),
        Kind::PerDay { min, .. } => format!("integer, {min}–{}", power(units::MAX_VOLUME)),
        Kind::Budget(_) => "`Some(n)`, `n` or `None`".into(),
        Kind::Amount { max, .. } => format!("number, 0–{}", units::grouped(*max as u64)),
        Kind::Within { range, .. } => format!("number, {}–{}", range.start(), range.end()),
        Kind::Count { max, .. } => format!("integer, 0–{max}"),
        Kind::Engines(_) => "list of engine ids".into(),
        Kind::Capabilities(_) => "list of capability ids".into(),
        Kind::Growth(_) => "`None` or `Some((per_month: number, months: integer))`".into(),
        Kind::Weights(_) => "map of factor id → number".into(),
    }
}

/// The Default column for a field of `kind`: the default as a profile file writes it.
fn doc_default(kind: &Kind) -> String {
    let text = match kind {
        Kind::Toggle(s) => ron(&s.default),
        Kind::Choice(c) => ron(&c.default()),
        Kind::Volume(s) | Kind::PerDay { slot: s, .. } => ron(&s.default),
        Kind::Budget(s) => ron(&s.default),
        Kind::Amount { slot: s, .. } | Kind::Within { slot: s, .. } => ron(&s.default),
        Kind::Count { slot: s, .. } => ron(&s.default),
        Kind::Engines(s) => ron(&s.default),
        Kind::Capabilities(s) => ron(&s.default),
        Kind::Growth(s) => ron(&s.default),
        Kind::Weights(s) => ron(&s.default),
    };
    format!("`{text}`")
}

/// A value as a profile file writes it.
fn ron<T: serde::Serialize>(v: &T) -> String {
    ron::to_string(v).expect("a default writes as RON")
}

/// The rows of the table under `## Profile files`: (field, type, default).
fn documented() -> Vec<(String, String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/catalogue.md");
    let doc = std::fs::read_to_string(path).expect("docs/catalogue.md");
    let section = doc
        .split("\n## Profile files\n")
        .nth(1)
        .expect("a section `## Profile files`");
    let table = section
        .split("\n| Field | Type | Default | Meaning |\n")
        .nth(1)
        .expect("a table of fields in `## Profile files`");
    table
        .lines()
        .skip(1) // the header's rule
        .take_while(|l| l.starts_with('|'))
        .map(|row| {
            let cells: Vec<&str> = row
                .trim_start_matches('|')
                .splitn(4, " | ")
                .map(str::trim)
                .collect();
            let id = cells[0].trim_matches('`').to_owned();
            (id, cells[1].to_owned(), cells[2].to_owned())
        })
        .collect()
}

#[test]
fn the_docs_table_lists_every_field_in_the_files_order() {
    let ids: Vec<String> = documented().into_iter().map(|(id, _, _)| id).collect();
    assert_eq!(ids, FieldId::IDS, "docs/catalogue.md, \"Profile files\"");
}

#[test]
fn the_docs_table_gives_each_fields_type_and_default() {
    let rows = documented();
    for (f, (id, ty, default)) in fields().zip(&rows) {
        let row = format!(
            "| `{id}` | {} | {} |",
            doc_type(&f.kind),
            doc_default(&f.kind)
        );
        assert_eq!(
            (ty.as_str(), default.as_str()),
            (doc_type(&f.kind).as_str(), doc_default(&f.kind).as_str()),
            "docs/catalogue.md's row for `{}` should begin {row}",
            f.id.id()
        );
    }
}
