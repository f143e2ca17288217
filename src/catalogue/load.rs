//! Loading the catalogue: built-in files, then the user's folder, then each `--catalogue` folder.
//!
//! Loading never fails as a whole. A bad file becomes diagnostics and the rest loads, so one typo
//! in a user's engine file cannot take the built-in catalogue down with it.

use super::embedded;
use super::factor::FactorId;
use super::model::{Engine, Factor};
use super::validate;
use crate::ronfile::{self, Diagnostic, Locator, Pos, Severity, Step};
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
}

impl Parsed {
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
        Ok(s) => s,
        Err(d) => return (None, vec![d]),
    };
    let mut engine: Engine = match ronfile::parse(path, src, ENGINE_SHAPE) {
        Ok(e) => e,
        Err(d) => return (None, vec![d]),
    };
    let diags = validate::validate(&mut engine, path, src, stem);
    let id_at = match Locator::new(src).find(&[Step::Field("id")]) {
        Some(f) => {
            let d = Diagnostic::at(Severity::Note, path, src, f.value, f.value_len, "");
            (d.pos, d.len, d.line_text)
        }
        None => (Pos::START, 1, None),
    };
    let parsed = Parsed {
        engine,
        path: path.to_owned(),
        valid: !diags.iter().any(Diagnostic::is_error),
        id_at,
    };
    (Some(parsed), diags)
}

/// Parse every `*.ron` file in a folder; a second file with an id already seen is an error.
pub fn load_folder(dir: &Path) -> (Vec<Parsed>, Vec<Diagnostic>) {
    let shown = dir.display().to_string();
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            let d = Diagnostic::whole_file(
                Severity::Error,
                &shown,
                format!("expected a folder of engine files, but it cannot be read: {e}"),
            );
            return (Vec::new(), vec![d]);
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron") && p.is_file())
        .collect();
    files.sort();
    let mut out = Vec::new();
    let mut diags = Vec::new();
    for file in files {
        let (parsed, mut d) = read_engine_file(&file);
        diags.append(&mut d);
        out.extend(parsed);
    }
    let (out, mut dups) = reject_duplicates(out);
    diags.append(&mut dups);
    (out, diags)
}

/// Read and parse one engine file from disk.
pub fn read_engine_file(file: &Path) -> (Option<Parsed>, Vec<Diagnostic>) {
    let shown = file.display().to_string();
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
    match std::fs::read(file) {
        Ok(bytes) => parse_engine(&shown, stem.as_deref(), &bytes),
        Err(e) => (
            None,
            vec![Diagnostic::whole_file(
                Severity::Error,
                &shown,
                format!("cannot read the file: {e}"),
            )],
        ),
    }
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
    let src = ronfile::decode(path, bytes).map_err(|d| vec![d])?;
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
                    crate::text::sanitize(&f.id),
                    FactorId::ids().join(", "),
                    ronfile::suggest(&f.id, &FactorId::ids())
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
    for id in FactorId::ids() {
        if !factors.iter().any(|f| f.id == id) {
            diags.push(Diagnostic::at(
                Severity::Error,
                path,
                src,
                Pos::of_offset(src, src.len()),
                1,
                format!(
                    "missing factor \"{id}\"; expected all of {}",
                    FactorId::ids().join(", ")
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
        let mut layers: Vec<(Vec<Parsed>, Vec<Diagnostic>)> = Vec::new();
        if sources.builtin {
            layers.push(builtin_engines());
        }
        if let Some(dir) = &sources.user_dir
            && dir.is_dir()
        {
            layers.push(load_folder(dir));
        }
        for dir in &sources.dirs {
            if dir.is_dir() {
                layers.push(load_folder(dir));
            } else {
                let d = Diagnostic::whole_file(
                    Severity::Error,
                    &dir.display().to_string(),
                    "expected a folder of engine files for --catalogue, but there is no such folder",
                );
                layers.push((Vec::new(), vec![d]));
            }
        }
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

    /// The sentence for an id that is not in the catalogue, listing the ones that are.
    pub fn no_such_engine(&self, id: &str) -> String {
        let ids = self.ids();
        format!(
            "there is no engine with id {:?}{}; known ids: {}",
            crate::text::sanitize(id),
            crate::ronfile::suggest(id, &ids),
            ids.join(", ")
        )
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
