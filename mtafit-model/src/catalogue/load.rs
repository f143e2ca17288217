//! Loading the catalogue: built-in files, then the user's folder, then each `--catalogue` folder.
//!
//! Loading never fails as a whole. A bad file becomes diagnostics and the rest loads, so one typo
//! in a user's engine file cannot take the built-in catalogue down with it.

use super::embedded;
use super::factor::FactorId;
use super::model::{Engine, Factor};
use super::validate;
use crate::ronfile::{self, Diagnostic, Locator, Pos, Severity, Step, Unreadable};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What the top level of an engine file must look like.
const ENGINE_SHAPE: &str = "an engine written as `Engine(id: \"…\", name: \"…\", …)`";

/// The loaded catalogue and everything noticed while loading it.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    /// The eight factors, in `FactorId::ALL` order.
    pub factors: Vec<Factor>,
    /// Every engine that loaded, sorted by id.
    pub engines: Vec<Engine>,
    /// For each engine id, the file it came from.
    pub paths: BTreeMap<String, String>,
    /// Errors, warnings and notes from every file read.
    pub diagnostics: Vec<Diagnostic>,
}

/// Where to read engines from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Include the files compiled into the binary.
    pub builtin: bool,
    /// The user's own folder, read if it exists.
    pub user_dir: Option<PathBuf>,
    /// `--catalogue` folders, in order; each must exist.
    pub dirs: Vec<PathBuf>,
}

impl Sources {
    /// Built-in files, the user's folder and the given `--catalogue` folders.
    pub fn standard(dirs: Vec<PathBuf>) -> Sources {
        Sources {
            builtin: true,
            user_dir: user_engines_dir(),
            dirs,
        }
    }
}

/// `$XDG_CONFIG_HOME/mtafit/engines` (or the platform's configuration folder).
pub fn user_engines_dir() -> Option<PathBuf> {
    config_dir().map(|d| d.join("engines"))
}

/// mtafit's configuration folder: `$XDG_CONFIG_HOME/mtafit` when set, else the platform's.
pub fn config_dir() -> Option<PathBuf> {
    match std::env::var_os("XDG_CONFIG_HOME") {
        Some(x) if !x.is_empty() => Some(PathBuf::from(x).join("mtafit")),
        _ => directories::ProjectDirs::from("", "", "mtafit").map(|p| p.config_dir().to_path_buf()),
    }
}

/// One engine file after parsing, with what later checks need to point at its id.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The engine, text already sanitised.
    pub engine: Engine,
    /// The path as shown to the user.
    pub path: String,
    /// False when validation found an error: the engine is reported but not loaded.
    pub valid: bool,
    /// A diagnostic-ready location of the `id` value.
    id_at: (Pos, usize, Option<String>),
    /// Where the dates sit: `checked`, and `cost.prices_checked` when given.
    dates_at: Vec<(&'static str, Pos, usize, Option<String>)>,
}

impl Parsed {
    /// Each date the file gives with where it sits: `("checked", …)`, `("prices_checked", …)`.
    pub fn dates(&self) -> Vec<(&'static str, &str, Diagnostic)> {
        self.dates_at
            .iter()
            .filter_map(|(field, pos, len, line)| {
                let date = match *field {
                    "checked" => self.engine.checked.as_str(),
                    _ => self.engine.cost.prices_checked.as_deref()?,
                };
                let mut d = Diagnostic::whole_file(Severity::Warning, &self.path, String::new());
                d.pos = *pos;
                d.len = *len;
                d.line_text = line.clone();
                Some((*field, date, d))
            })
            .collect()
    }

    fn diagnostic(&self, severity: Severity, message: String) -> Diagnostic {
        let (pos, len, line) = self.id_at.clone();
        let mut d = Diagnostic::whole_file(severity, &self.path, message);
        d.pos = pos;
        d.len = len;
        d.line_text = line;
        d
    }
}

/// Parse and validate one engine file. The engine is `None` when the file did not parse, and
/// marked invalid when it parsed but failed a check (so duplicate ids can still be reported).
pub fn parse_engine(
    path: &str,
    stem: Option<&str>,
    bytes: &[u8],
) -> (Option<Parsed>, Vec<Diagnostic>) {
    let src = match ronfile::decode(path, bytes) {
        Ok(s) => ronfile::line_breaks(s),
        Err(d) => return (None, vec![d]),
    };
    let src: &str = &src;
    let mut engine: Engine = match ronfile::parse(path, src, ENGINE_SHAPE) {
        Ok(e) => e,
        Err(d) => return (None, vec![d]),
    };
    let diags = validate::validate(&mut engine, path, src, stem);
    let loc = Locator::new(src);
    let at = |steps: &[Step<'_>]| {
        loc.find(steps).map(|f| {
            let d = Diagnostic::at(Severity::Note, path, src, f.value, f.value_len, "");
            (d.pos, d.len, d.line_text)
        })
    };
    let id_at = at(&[Step::Field("id")]).unwrap_or((Pos::START, 1, None));
    let dates_at = [
        ("checked", vec![Step::Field("checked")]),
        (
            "prices_checked",
            vec![Step::Field("cost"), Step::Field("prices_checked")],
        ),
    ]
    .into_iter()
    .filter_map(|(name, steps)| at(&steps).map(|(p, l, t)| (name, p, l, t)))
    .collect();
    let parsed = Parsed {
        engine,
        path: path.to_owned(),
        valid: !diags.iter().any(Diagnostic::is_error),
        id_at,
        dates_at,
    };
    (Some(parsed), diags)
}

/// True when a file name ends in `.ron`, in any case: the same rule whether the file is found in
/// a folder or named on the command line (`Postfix.RON` is an engine file either way).
pub fn is_ron_file_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("ron"))
}

/// True for a file named just `.ron`: it ends in `.ron` but has no name to match an engine id.
pub fn is_bare_ron(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.eq_ignore_ascii_case(".ron"))
}

/// The sentence for a file named just `.ron`.
pub fn bare_ron_message() -> String {
    "the file is named just `.ron`, with nothing before it to match an engine id; name it after \
     its engine's id, e.g. `acme.ron`"
        .into()
}

/// Parse every `*.ron` file in a folder; a second file with an id already seen is an error.
///
/// Nothing is skipped without a word: an entry that ends in `.ron` but is not a readable regular
/// file (a folder, a pipe, a device, a link to nowhere) is a warning saying why.
pub fn load_folder(dir: &Path) -> (Vec<Parsed>, Vec<Diagnostic>) {
    let shown = dir.display().to_string();
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => return (Vec::new(), vec![unreadable_folder(dir, &e)]),
    };
    let mut diags = Vec::new();
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => {
                let p = e.path();
                if is_ron_file_name(&p) || is_bare_ron(&p) {
                    files.push(p);
                }
            }
            Err(e) => diags.push(Diagnostic::whole_file(
                Severity::Error,
                &shown,
                format!("cannot list every file in this folder: {e}; check its permissions"),
            )),
        }
    }
    files.sort();
    let mut out = Vec::new();
    for file in files {
        if is_bare_ron(&file) {
            diags.push(Diagnostic::whole_file(
                Severity::Warning,
                &file.display().to_string(),
                format!("skipped: {}", bare_ron_message()),
            ));
            continue;
        }
        let (parsed, mut d) = read_engine(&file, true);
        diags.append(&mut d);
        out.extend(parsed);
    }
    let (out, mut dups) = reject_duplicates(out);
    diags.append(&mut dups);
    (out, diags)
}

/// The error for a folder that exists but cannot be listed.
pub fn unreadable_folder(dir: &Path, e: &std::io::Error) -> Diagnostic {
    let why = if e.kind() == std::io::ErrorKind::PermissionDenied {
        "permission denied; check its permissions".to_owned()
    } else {
        e.to_string()
    };
    Diagnostic::whole_file(
        Severity::Error,
        &dir.display().to_string(),
        format!("expected a folder of engine files, but it cannot be read: {why}"),
    )
}

/// Read and parse one engine file from disk.
pub fn read_engine_file(file: &Path) -> (Option<Parsed>, Vec<Diagnostic>) {
    read_engine(file, false)
}

/// Read and parse one engine file; `in_folder`: found by listing a folder, where an entry that
/// is not a file (a subfolder, a pipe, a link to nowhere) is skipped with a warning, not an error.
fn read_engine(file: &Path, in_folder: bool) -> (Option<Parsed>, Vec<Diagnostic>) {
    let shown = file.display().to_string();
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
    match ronfile::read(file) {
        Ok(bytes) => parse_engine(&shown, stem.as_deref(), &bytes),
        Err(why) => {
            let skipped = in_folder
                && matches!(
                    why,
                    Unreadable::NotAFile(_)
                        | Unreadable::DanglingLink
                        | Unreadable::LinkLoop
                        | Unreadable::Missing
                );
            let d = if skipped {
                let hint = match why {
                    Unreadable::DanglingLink | Unreadable::LinkLoop => why.fix(),
                    _ => "engine files are regular files directly in the folder",
                };
                Diagnostic::whole_file(
                    Severity::Warning,
                    &shown,
                    format!(
                        "skipped: {} {}; {hint}",
                        crate::text::sanitize(&ronfile::read::file_name(file)),
                        why.what()
                    ),
                )
            } else {
                why.diagnostic(Severity::Error, file)
            };
            (None, vec![d])
        }
    }
}

/// Why a `--catalogue` path cannot be used as a folder of engine files, if it cannot.
pub fn catalogue_dir_problem(dir: &Path) -> Option<Diagnostic> {
    let shown = dir.display().to_string();
    let name = crate::text::sanitize(&ronfile::read::file_name(dir)).into_owned();
    let message = match std::fs::metadata(dir) {
        // A folder that cannot be listed holds engines the user asked for and would not get.
        Ok(m) if m.is_dir() => match std::fs::read_dir(dir) {
            Ok(_) => return None,
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => format!(
                "expected a folder of engine files for --catalogue, but {name} cannot be read: \
                 permission denied; check its permissions"
            ),
            Err(e) => format!(
                "expected a folder of engine files for --catalogue, but {name} cannot be read: {}",
                crate::text::sanitize(&e.to_string())
            ),
        },
        Ok(m) if m.is_file() => format!(
            "expected a folder of engine files for --catalogue, but {name} is a file, not a \
             folder; give the folder it is in, or check the file alone with `mtafit check {}`",
            crate::text::sanitize(&shown)
        ),
        Ok(m) => format!(
            "expected a folder of engine files for --catalogue, but {name} is {}, not a folder",
            ronfile::read::not_a_file(&m).unwrap_or("a special file")
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            "expected a folder of engine files for --catalogue, but there is no such folder".into()
        }
        Err(e) if ronfile::read::is_link_loop(&e) => format!(
            "expected a folder of engine files for --catalogue, but {name} is a symbolic link \
             loop (a link that leads back to itself); fix or remove the link"
        ),
        Err(e) => format!("expected a folder of engine files for --catalogue, but {e}"),
    };
    Some(Diagnostic::whole_file(Severity::Error, &shown, message))
}

/// Why the user's engines folder cannot be read as one, if it is there at all.
///
/// Nothing at the path is fine: the folder is optional. Anything else that is not a folder (a
/// file, a named pipe, a device, a link to nowhere, a loop of links) is an error, because the
/// engines the user put there would otherwise be left out without a word.
pub fn user_dir_problem(dir: &Path) -> Option<Diagnostic> {
    let name = crate::text::sanitize(&ronfile::read::file_name(dir)).into_owned();
    let what = match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => return None,
        Ok(m) => format!(
            "is {}, not a folder",
            ronfile::read::not_a_file(&m).unwrap_or("a file")
        ),
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => Unreadable::LinkLoop.what(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if !dir.is_symlink() {
                return None;
            }
            Unreadable::DanglingLink.what()
        }
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            "cannot be reached: permission denied".to_owned()
        }
        Err(e) => format!("cannot be reached: {e}"),
    };
    Some(Diagnostic::whole_file(
        Severity::Error,
        &dir.display().to_string(),
        format!(
            "your engines folder {name} {what}, so no engine of yours was read; make it a folder \
             of engine files (*.ron), or remove it"
        ),
    ))
}

/// Keep the first file for each id; report the others. Invalid files take part in the
/// comparison (a copied file with a stale id is exactly the duplicate to catch) but are dropped.
fn reject_duplicates(mut all: Vec<Parsed>) -> (Vec<Parsed>, Vec<Diagnostic>) {
    // A valid file claims its id first, so the blame falls on the file that is wrong.
    all.sort_by_key(|p| !p.valid);
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut keep = Vec::new();
    let mut diags = Vec::new();
    for p in all {
        if let Some(first) = seen.get(&p.engine.id) {
            diags.push(p.diagnostic(
                Severity::Error,
                format!(
                    "duplicate id \"{}\": already defined in {first}; expected each id once per folder",
                    p.engine.id
                ),
            ));
        } else {
            seen.insert(p.engine.id.clone(), p.path.clone());
            keep.push(p);
        }
    }
    keep.retain(|p| p.valid);
    (keep, diags)
}

/// Each source's engine files, parsed, in the order later ones replace earlier ones.
pub fn layers(sources: &Sources) -> Vec<(Vec<Parsed>, Vec<Diagnostic>)> {
    let mut layers: Vec<(Vec<Parsed>, Vec<Diagnostic>)> = Vec::new();
    if sources.builtin {
        layers.push(builtin_engines());
    }
    // Each folder is read once, however it is spelled (`d`, `d/`, `./d`, a link to it): read
    // again, every engine in it would be reported as replacing itself. Said once per folder.
    let mut seen: Vec<(PathBuf, String, usize, bool)> = Vec::new();
    let mut first_time = |dir: &Path, user: bool| {
        let Ok(real) = std::fs::canonicalize(dir) else {
            return true;
        };
        match seen.iter_mut().find(|(r, ..)| *r == real) {
            Some((_, _, times, _)) => {
                *times += 1;
                false
            }
            None => {
                seen.push((real, dir.display().to_string(), 1, user));
                true
            }
        }
    };
    if let Some(dir) = &sources.user_dir {
        match user_dir_problem(dir) {
            Some(d) => layers.push((Vec::new(), vec![d])),
            None if dir.is_dir() => {
                first_time(dir, true);
                layers.push(load_folder(dir));
            }
            None => {}
        }
    }
    for dir in &sources.dirs {
        match catalogue_dir_problem(dir) {
            None => {
                if first_time(dir, false) {
                    layers.push(load_folder(dir));
                }
            }
            Some(d) => layers.push((Vec::new(), vec![d])),
        }
    }
    let notes: Vec<Diagnostic> = seen
        .into_iter()
        .filter(|(_, _, times, _)| *times > 1)
        .map(|(_, first, times, user)| given_again(&first, times, user))
        .collect();
    if !notes.is_empty() {
        layers.push((Vec::new(), notes));
    }
    layers
}

/// The note for a folder read once though it was given `times` times, first as `first` (`user`:
/// the user's engines folder, read without being asked).
fn given_again(first: &str, times: usize, user: bool) -> Diagnostic {
    if user {
        return Diagnostic::whole_file(
            Severity::Note,
            first,
            "your engines folder, which is always read, is also given with --catalogue; read once",
        );
    }
    let how_often = if times == 2 {
        "twice".to_owned()
    } else {
        format!("{times} times")
    };
    Diagnostic::whole_file(
        Severity::Note,
        first,
        format!("this folder is given {how_often} with --catalogue; read once"),
    )
}

/// The built-in engine files, parsed.
fn builtin_engines() -> (Vec<Parsed>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    for (path, bytes) in embedded::ENGINES {
        let stem = Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned());
        let (parsed, mut d) = parse_engine(path, stem.as_deref(), bytes);
        diags.append(&mut d);
        out.extend(parsed);
    }
    let (out, mut dups) = reject_duplicates(out);
    diags.append(&mut dups);
    (out, diags)
}

/// Parse a factors file: exactly the eight contract ids, each once, with weights in 0–10.
pub fn parse_factors(path: &str, bytes: &[u8]) -> Result<Vec<Factor>, Vec<Diagnostic>> {
    let src = ronfile::line_breaks(ronfile::decode(path, bytes).map_err(|d| vec![d])?);
    let src: &str = &src;
    let factors: Vec<Factor> =
        ronfile::parse(path, src, "a list of `Factor(…)`").map_err(|d| vec![d])?;
    let loc = Locator::new(src);
    let mut diags = Vec::new();
    let at = |i: usize, field: &str, message: String| {
        let f = loc.find(&[Step::Index(i), Step::Field(field)]);
        let (pos, len) = f.map_or((Pos::START, 1), |f| (f.value, f.value_len));
        Diagnostic::at(Severity::Error, path, src, pos, len, message)
    };
    for (i, f) in factors.iter().enumerate() {
        if FactorId::from_id(&f.id).is_none() {
            diags.push(at(
                i,
                "id",
                format!(
                    "unknown factor \"{}\"; expected one of {}{}",
                    crate::text::quoted(&f.id, crate::text::QUOTE_MAX),
                    FactorId::IDS.join(", "),
                    ronfile::suggest(&f.id, FactorId::IDS)
                ),
            ));
        } else if factors[..i].iter().any(|g| g.id == f.id) {
            diags.push(at(i, "id", format!("factor \"{}\" is listed twice", f.id)));
        }
        if crate::units::weight_value(f.default_weight).is_none() {
            diags.push(at(
                i,
                "default_weight",
                format!(
                    "expected {}, found {}",
                    crate::units::WEIGHT_WORDS,
                    crate::units::quoted_number(f.default_weight)
                ),
            ));
        }
    }
    for id in FactorId::IDS {
        if !factors.iter().any(|f| f.id == *id) {
            diags.push(Diagnostic::at(
                Severity::Error,
                path,
                src,
                Pos::of_offset(src, src.len()),
                1,
                format!(
                    "missing factor \"{id}\"; expected all of {}",
                    FactorId::IDS.join(", ")
                ),
            ));
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let mut factors: Vec<Factor> = factors
        .into_iter()
        .map(|mut f| {
            f.name = crate::text::sanitize(&f.name).into_owned();
            f.question = crate::text::sanitize(&f.question).into_owned();
            f
        })
        .collect();
    factors.sort_by_key(|f| FactorId::from_id(&f.id));
    Ok(factors)
}

impl Catalogue {
    /// Only the files compiled into the binary.
    pub fn builtin() -> Catalogue {
        Catalogue::load(&Sources {
            builtin: true,
            ..Sources::default()
        })
    }

    /// Load from every source in order; later ids replace earlier ones, with a note.
    pub fn load(sources: &Sources) -> Catalogue {
        let mut cat = Catalogue::default();
        match parse_factors("data/factors.ron", embedded::FACTORS) {
            Ok(f) => cat.factors = f,
            Err(mut d) => cat.diagnostics.append(&mut d),
        }
        let layers = layers(sources);
        let mut by_id: BTreeMap<String, Parsed> = BTreeMap::new();
        for (parsed, mut diags) in layers {
            cat.diagnostics.append(&mut diags);
            for p in parsed {
                if let Some(old) = by_id.get(&p.engine.id) {
                    cat.diagnostics.push(p.diagnostic(
                        Severity::Note,
                        format!("replaces \"{}\" from {}", p.engine.id, old.path),
                    ));
                }
                by_id.insert(p.engine.id.clone(), p);
            }
        }
        for (id, p) in by_id {
            cat.paths.insert(id, p.path);
            cat.engines.push(p.engine);
        }
        cat
    }

    /// Why `id` finds no engine: the ids that are in the catalogue, and the one it most likely
    /// meant.
    pub fn no_such_engine(&self, id: &str) -> UnknownEngine {
        let ids = self.ids();
        UnknownEngine {
            found: crate::text::quoted(id, crate::text::QUOTE_MAX).into_owned(),
            suggestion: crate::ronfile::nearest(id, &ids).map(str::to_owned),
            known: ids.into_iter().map(str::to_owned).collect(),
        }
    }

    /// The engine with this id.
    pub fn engine(&self, id: &str) -> Option<&Engine> {
        self.engines.iter().find(|e| e.id == id)
    }

    /// The engine a person means by `id`, whatever its case (`KumoMTA` is `kumomta`).
    ///
    /// Catalogue ids are lower-case (`validate` refuses others), so ignoring case cannot make
    /// one id match two engines; people write the product's own spelling, and that should work.
    pub fn find_id(&self, id: &str) -> Option<&Engine> {
        let id = id.trim();
        self.engine(id)
            .or_else(|| self.engines.iter().find(|e| e.id.eq_ignore_ascii_case(id)))
    }

    /// All engine ids, sorted.
    pub fn ids(&self) -> Vec<&str> {
        self.engines.iter().map(|e| e.id.as_str()).collect()
    }

    /// Errors and warnings (not notes).
    pub fn problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Note)
    }

    /// The factor with this id.
    pub fn factor(&self, id: &str) -> Option<&Factor> {
        self.factors.iter().find(|f| f.id == id)
    }
}
/// An engine id the catalogue does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "there is no engine with id {found:?}{}; known ids: {}",
    crate::ronfile::DidYouMean(.suggestion.as_deref()),
    .known.join(", ")
)]
pub struct UnknownEngine {
    /// The id as written, made safe for a terminal.
    pub found: String,
    /// The id a near miss most likely meant.
    pub suggestion: Option<String>,
    /// Every id in the catalogue.
    pub known: Vec<String>,
}

impl crate::text::ShortForm for UnknownEngine {
    /// Without the list of every id, which a form field has no room for.
    fn short(&self) -> String {
        format!(
            "no engine {:?}{}",
            self.found,
            crate::ronfile::DidYouMean(self.suggestion.as_deref())
        )
    }
}
