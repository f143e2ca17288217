//! The shortlist leaves mtafit here: ids checked against the catalogue, the document rendered,
//! and the file written whole or not at all.

use mtafit_model::decide::Analysis;
use mtafit_render::Inputs;
use mtafit_render::shortlist::{self, ShortlistFormat};
use std::path::Path;

/// Check the ids against the catalogue: unknown ones are an error that lists the known ids;
/// duplicates and empty entries (from `a,,b`) are dropped. The order is the ranking's.
pub fn resolve(i: &Inputs<'_>, a: &Analysis, ids: &[String]) -> Result<Vec<String>, String> {
    let wanted: Vec<&str> = ids
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if wanted.is_empty() {
        return Err(
            "the shortlist is empty; give engine ids, e.g. --shortlist postfix,kumomta".into(),
        );
    }
    let mut known = Vec::with_capacity(wanted.len());
    for id in wanted {
        match i.cat.find_id(id) {
            Some(e) => known.push(e.id.as_str()),
            None => return Err(i.cat.no_such_engine(id)),
        }
    }
    let wanted = known;
    Ok(a.ranking
        .rows
        .iter()
        .map(|r| &i.cat.engines[r.engine].id)
        .filter(|id| wanted.contains(&id.as_str()))
        .cloned()
        .collect())
}

/// Render the shortlist and write it to `path` atomically (replacing a file only with `force`).
pub fn write(
    i: &Inputs<'_>,
    a: &Analysis,
    ids: &[String],
    format: ShortlistFormat,
    path: &Path,
    force: bool,
) -> Result<(), String> {
    let text = shortlist::render(i, a, ids, format)?;
    mtafit_model::atomic::write(path, text.as_bytes(), force)
}

#[cfg(test)]
mod tests {
    use super::*;
    use mtafit_model::catalogue::Catalogue;
    use mtafit_model::decide::Weights;
    use mtafit_model::profile::Profile;

    #[test]
    fn ids_are_checked_deduplicated_and_put_in_rank_order() {
        let cat = Catalogue::builtin();
        let p = Profile::default();
        let a = mtafit_model::decide::analyse(&cat.engines, &p, &Weights::defaults(&cat.factors));
        let i = Inputs {
            cat: &cat,
            profile: &p,
        };
        let ids = resolve(
            &i,
            &a,
            &[
                "kumomta".into(),
                "postfix".into(),
                "kumomta".into(),
                "".into(),
            ],
        )
        .unwrap();
        assert_eq!(ids, ["postfix", "kumomta"]);
        // People write the product's spelling; the catalogue's id is what is kept.
        let spelled = resolve(&i, &a, &["PowerMTA".into(), "KumoMTA".into()]).unwrap();
        let exact = resolve(&i, &a, &["powermta".into(), "kumomta".into()]).unwrap();
        assert_eq!(spelled, exact);
        assert_eq!(spelled.len(), 2);
        let e = resolve(&i, &a, &["kumo".into()]).unwrap_err();
        assert!(
            e.contains("known ids:") && e.contains("did you mean `kumomta`?"),
            "{e}"
        );
        assert!(
            resolve(&i, &a, &[" ".into()])
                .unwrap_err()
                .contains("empty")
        );
    }
}
