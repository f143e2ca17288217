//! `check`: validate catalogue files, collecting every problem without stopping at the first.

use super::load::{
    Parsed, Sources, bare_ron_message, is_bare_ron, is_ron_file_name, layers, load_folder,
    parse_factors, read_engine_file,
};
use crate::ronfile::{Diagnostic, Severity};
use std::path::{Path, PathBuf};

/// What a check found, before it is printed.
#[derive(Debug, Default)]
pub struct Report {
    /// Every diagnostic, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// Engines that loaded.
    pub engines: usize,
    /// What was checked, for the summary line.
    pub scope: String,
    /// Every engine file that loaded, for the questions asked of all of them (how old).
    pub parsed: Vec<Parsed>,
    /// The age in days past which a fact was reported, when `--stale` asked.
    pub stale_days: Option<u32>,
}

impl Report {
    /// Errors and warnings: what makes `check` exit 1.
    pub fn problems(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Note)
            .count()
    }
}

/// Check the given paths, or with none every folder mtafit reads.
pub fn check(paths: &[PathBuf], catalogue_dirs: &[PathBuf]) -> Report {
    if paths.is_empty() {
        let sources = Sources::standard(catalogue_dirs.to_vec());
        let cat = super::Catalogue::load(&sources);
        let mut scope = vec!["the built-in catalogue".to_owned()];
        if let Some(u) = sources.user_dir.clone().filter(|d| d.is_dir()) {
            scope.push(shown(&u));
        }
        // A folder given twice is read once, and named once.
        let mut real: Vec<PathBuf> = sources
            .user_dir
            .iter()
            .filter_map(|u| std::fs::canonicalize(u).ok())
            .collect();
        for d in catalogue_dirs {
            match std::fs::canonicalize(d) {
                Ok(r) if real.contains(&r) => continue,
                Ok(r) => real.push(r),
                Err(_) => {}
            }
            scope.push(shown(d));
        }
        return Report {
            engines: cat.engines.len(),
            diagnostics: cat.diagnostics,
            scope: scope.join(", "),
            parsed: layers(&sources).into_iter().flat_map(|(p, _)| p).collect(),
            stale_days: None,
        };
    }
    let mut report = Report {
        scope: paths
            .iter()
            .map(|p| shown(p))
            .collect::<Vec<_>>()
            .join(", "),
        ..Report::default()
    };
    for path in paths {
        let (parsed, mut diags) = check_path(path);
        report.engines += parsed.len();
        report.parsed.extend(parsed);
        report.diagnostics.append(&mut diags);
    }
    report
}

/// Add to the report every date in the checked files older than `max_days` on day `today`
/// (days since 1970-01-01), as a warning located at the date: facts that may no longer hold.
pub fn stale(report: &mut Report, max_days: u32, today: i32) {
    let mut out = Vec::new();
    report.stale_days = Some(max_days);
    for p in &report.parsed {
        for (field, date, mut d) in p.dates() {
            let Some((y, m, dd)) = super::validate::parse_date(date) else {
                continue;
            };
            let age = today - crate::calendar::days_from_civil(y, m, dd);
            if age > i32::try_from(max_days).unwrap_or(i32::MAX) {
                let what = if field == "checked" {
                    format!("{}'s facts were", p.engine.name)
                } else {
                    format!("{}'s prices were", p.engine.name)
                };
                d.message = format!(
                    "{what} last checked {date}, {age} days ago (more than {max_days}): check them \
                     against the sources listed and update `{field}`"
                );
                out.push(d);
            }
        }
    }
    report.diagnostics.append(&mut out);
}

/// A path as the summary line shows it: a name can hold terminal escapes, which must not pass.
fn shown(p: &Path) -> String {
    crate::text::shorten(&p.display().to_string(), crate::text::PATH_MAX)
}

/// Check one file or folder; returns the engines that loaded and the diagnostics.
fn check_path(path: &Path) -> (Vec<Parsed>, Vec<Diagnostic>) {
    if path.is_dir() {
        // `mtafit check data` means its engines folder and factors.
        let engines_dir = path.join("engines");
        if engines_dir.is_dir() {
            let (n, mut d) = check_path(&engines_dir);
            let factors = path.join("factors.ron");
            if factors.is_file() {
                d.extend(check_factors(&factors));
            }
            return (n, d);
        }
        let (parsed, diags) = load_folder(path);
        // No engine and nothing to say: the folder holds no `.ron` entry at all.
        if parsed.is_empty() && diags.is_empty() {
            let d = Diagnostic::whole_file(
                Severity::Warning,
                &path.display().to_string(),
                "expected engine files (*.ron) in this folder, found none",
            );
            return (Vec::new(), vec![d]);
        }
        return (parsed, diags);
    }
    if !path.exists() && !path.is_symlink() {
        let d = Diagnostic::whole_file(
            Severity::Error,
            &path.display().to_string(),
            "expected an engine file or a folder of them, but there is no such path",
        );
        return (Vec::new(), vec![d]);
    }
    if path.file_name().is_some_and(|n| n == "factors.ron") {
        return (Vec::new(), check_factors(path));
    }
    if is_bare_ron(path) {
        let d = Diagnostic::whole_file(
            Severity::Error,
            &path.display().to_string(),
            bare_ron_message(),
        );
        return (Vec::new(), vec![d]);
    }
    // The loader reads only `*.ron` files, so anything else (a README, say) would never be a
    // catalogue entry, and RON's complaint about its first character would only puzzle.
    if !is_ron_file_name(path) {
        let name = path
            .file_name()
            .unwrap_or(path.as_os_str())
            .to_string_lossy();
        let d = Diagnostic::whole_file(
            Severity::Error,
            &path.display().to_string(),
            format!(
                "{} is not a catalogue file: catalogue files are RON and end in .ron; give an \
                 engine file such as data/engines/postfix.ron, or a folder of them",
                crate::text::sanitize(&name)
            ),
        );
        return (Vec::new(), vec![d]);
    }
    let (parsed, diags) = read_engine_file(path);
    (parsed.into_iter().filter(|p| p.valid).collect(), diags)
}

fn check_factors(path: &Path) -> Vec<Diagnostic> {
    let shown = path.display().to_string();
    match crate::ronfile::read(path) {
        Ok(bytes) => parse_factors(&shown, &bytes).err().unwrap_or_default(),
        Err(why) => vec![why.diagnostic(Severity::Error, path)],
    }
}
