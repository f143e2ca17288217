//! The shortlist leaves mtafit here: ids checked against the catalogue, the document rendered,
//! and the file written whole or not at all.

use mtafit_model::atomic::WriteError;
use mtafit_model::catalogue::UnknownEngine;
use mtafit_model::decide::Analysis;
use mtafit_render::Inputs;
use mtafit_render::shortlist::{self, ShortlistError, ShortlistFormat};
use std::path::{Path, PathBuf};

/// Why a shortlist could not be exported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// No id was given.
    #[error("the shortlist is empty; give engine ids, e.g. --shortlist postfix,kumomta")]
    Empty,
    /// An id the catalogue does not have.
    #[error(transparent)]
    UnknownEngine(#[from] UnknownEngine),
    /// The document could not be put into words.
    #[error(transparent)]
    Render(#[from] ShortlistError),
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Check the ids against the catalogue: unknown ones are an error that lists the known ids;
/// duplicates and empty entries (from `a,,b`) are dropped. The order is the ranking's.
pub fn resolve(i: &Inputs<'_>, a: &Analysis, ids: &[String]) -> Result<Vec<String>, ExportError> {
    let wanted: Vec<&str> = ids
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if wanted.is_empty() {
        return Err(ExportError::Empty);
    }
    let mut known = Vec::with_capacity(wanted.len());
    for id in wanted {
        match i.cat.find_id(id) {
            Some(e) => known.push(e.id.as_str()),
            None => return Err(i.cat.no_such_engine(id).into()),
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

/// The user's home folder ($HOME, or the platform's), where a path's leading `~` points.
pub fn home_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf())
}

/// `path` with a leading `~` or `~/` put as `home`, as a shell would (a path typed in the
/// explorer reaches no shell). `~user` and a `~` later in the path are left as they are, and so
/// is everything when the home is unknown.
pub fn expand_home(path: &str, home: Option<&Path>) -> PathBuf {
    match (path.strip_prefix('~'), home) {
        (Some(""), Some(home)) => home.to_path_buf(),
        (Some(rest), Some(home)) if rest.starts_with(std::path::is_separator) => {
            home.join(rest.trim_start_matches(std::path::is_separator))
        }
        _ => PathBuf::from(path),
    }
}

/// Why `path` cannot take a written file, when something is there that is not one: a folder, a
/// named pipe, a device, a socket or a loop of links. Only the path's metadata is looked at, so
/// a pipe or a device is never opened (opening one for writing can wait forever).
pub fn not_a_file_to_write(path: &Path) -> Option<String> {
    let shown = mtafit_model::text::sanitize(&path.display().to_string()).into_owned();
    let kind = match std::fs::metadata(path) {
        Ok(m) if m.is_file() => return None,
        Ok(m) if m.is_dir() => {
            return Some(format!("{shown} is a folder; type a file name inside it"));
        }
        Ok(m) => mtafit_model::ronfile::read::not_a_file(&m).unwrap_or("a special file"),
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            "a link that leads back to itself (a loop of links)"
        }
        // Nothing there (or a link to nowhere, which the write itself names): a new file.
        Err(_) => return None,
    };
    Some(format!(
        "{shown} is {kind}, not a file, and is never written to; type a file name"
    ))
}

/// Render the shortlist and write it to `path` atomically (replacing a file only with `force`).
pub fn write(
    i: &Inputs<'_>,
    a: &Analysis,
    ids: &[String],
    format: ShortlistFormat,
    path: &Path,
    force: bool,
) -> Result<(), ExportError> {
    let text = shortlist::render(i, a, ids, format)?;
    Ok(mtafit_model::atomic::write(path, text.as_bytes(), force)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use mtafit_model::catalogue::Catalogue;
    use mtafit_model::decide::Weights;
    use mtafit_model::profile::Profile;

    #[test]
    fn a_leading_tilde_is_the_home_folder() {
        let home = Path::new("/home/ann");
        let e = |p| expand_home(p, Some(home));
        assert_eq!(e("~"), home);
        assert_eq!(e("~/"), home);
        assert_eq!(e("~/out.csv"), home.join("out.csv"));
        assert_eq!(e("~/a/b.md"), Path::new("/home/ann/a/b.md"));
        for kept in ["~bob/out.csv", "out~/x", "./~/x", "/tmp/~", "out.csv"] {
            assert_eq!(e(kept), Path::new(kept), "{kept}");
        }
        assert_eq!(expand_home("~/out.csv", None), Path::new("~/out.csv"));
    }

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
        let e = resolve(&i, &a, &["kumo".into()]).unwrap_err().to_string();
        assert!(
            e.contains("known ids:") && e.contains("did you mean `kumomta`?"),
            "{e}"
        );
        assert!(matches!(
            resolve(&i, &a, &[" ".into()]),
            Err(ExportError::Empty)
        ));
    }
}
