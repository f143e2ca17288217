//! Remembering the profile, weights and marks between runs, in the user's state folder.
//!
//! The state file is a profile file (with its `weights` and `shortlist`), so it can also be
//! loaded with `--profile`. A file that does not parse is moved aside to a copy of its own and
//! reported; one that cannot be read at all is reported and left alone — never fatal.

use mtafit_model::profile::{self, Profile};
use std::path::{Path, PathBuf};

/// `$XDG_STATE_HOME/mtafit/state.ron`, or the platform's equivalent.
pub fn state_file() -> Option<PathBuf> {
    crate::setup::state_dir().map(|d| d.join("state.ron"))
}

/// What loading the saved state found.
#[derive(Debug)]
pub enum Loaded {
    /// No saved state yet.
    Nothing,
    /// The saved profile (with weights and marks).
    Profile(Box<Profile>),
    /// The file did not parse; it was moved to a copy of its own. The message says why and where.
    SetAside(String),
    /// The file is there but could not be read, or could not be moved aside: it is left as it
    /// is and must not be saved over. The message says why.
    Unreadable(String),
}

/// Load the saved state, setting a corrupt file aside.
pub fn load() -> Loaded {
    match state_file() {
        Some(path) => load_from(&path),
        None => Loaded::Nothing,
    }
}

/// Load the state at `path`, setting it aside if it does not parse.
pub fn load_from(path: &Path) -> Loaded {
    let bytes = match mtafit_model::ronfile::read(path) {
        Ok(b) => b,
        Err(why) if why.is_missing() => return Loaded::Nothing,
        // Whatever is there may be the user's work (a file they cannot read as this user, a
        // link into a synced folder): never move it or save over it.
        Err(why) => return Loaded::Unreadable(unreadable_message(path, &why)),
    };
    match profile::parse(&path.display().to_string(), &bytes) {
        Ok(p) => Loaded::Profile(Box::new(p)),
        Err(diags) => {
            let first = diags
                .first()
                .map(|d| {
                    d.render(false)
                        .lines()
                        .next()
                        .unwrap_or_default()
                        .to_owned()
                })
                .unwrap_or_default();
            match set_aside(path) {
                // Where the copy went comes before the parse error, which may be cut off on a
                // narrow status line.
                Ok(aside) => Loaded::SetAside(format!(
                    "saved state moved to {}: it could not be read ({first}); started fresh",
                    mtafit_model::text::sanitize(&aside.display().to_string())
                )),
                Err(e) => Loaded::Unreadable(format!(
                    "saved state could not be read ({first}) nor moved aside ({e}); started \
                     fresh and will not save over it (move it away to save again)"
                )),
            }
        }
    }
}

/// Why the state file cannot be saved over, when something is there that cannot be read; for
/// `--fresh`, which does not load the state but saves it when asked.
pub fn unreadable() -> Option<String> {
    let path = state_file()?;
    match mtafit_model::ronfile::read(&path) {
        Err(why) if !why.is_missing() => Some(unreadable_message(&path, &why)),
        _ => None,
    }
}

/// The note for a state file that is there but cannot be read.
fn unreadable_message(path: &Path, why: &mtafit_model::ronfile::Unreadable) -> String {
    let shown = mtafit_model::text::sanitize(&path.display().to_string()).into_owned();
    let remedy = match why {
        mtafit_model::ronfile::Unreadable::Io(e)
            if e.kind() == std::io::ErrorKind::PermissionDenied =>
        {
            "check its permissions, or move it away, to save again"
        }
        _ => "move it away to save again",
    };
    format!(
        "saved state {shown} {}; started fresh and will not save over it ({remedy})",
        why.what()
    )
}

/// Move a corrupt state file to a name of its own beside it — `state.ron.corrupt`, then
/// `state.ron.corrupt-2`, `-3`, … — never replacing an earlier copy; returns the new path.
pub fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    for n in 1..=1000u32 {
        let aside = path.with_extension(match n {
            1 => "ron.corrupt".to_owned(),
            n => format!("ron.corrupt-{n}"),
        });
        // A hard link fails if the name is taken, so no copy is replaced even by a race with
        // another session; the original is removed only once the copy exists.
        match std::fs::hard_link(path, &aside) {
            Ok(()) => {
                std::fs::remove_file(path)?;
                return Ok(aside);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            // File systems without hard links: a rename to a name checked to be free.
            Err(_) if !aside.exists() && !aside.is_symlink() => {
                std::fs::rename(path, &aside)?;
                return Ok(aside);
            }
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(
        "a thousand earlier copies are in the way; remove old state.ron.corrupt files",
    ))
}

/// `ui.ron` beside the state: the explorer's own settings (the theme), apart from the profile.
fn ui_file() -> Option<PathBuf> {
    state_file().map(|p| p.with_file_name("ui.ron"))
}

/// The explorer's settings file.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Ui {
    /// The theme's name: dark, light or mono.
    theme: String,
}

/// The theme chosen last with `t`, if any was saved (an unreadable file is ignored: it only
/// holds a preference).
pub fn load_theme() -> Option<super::theme::ThemeName> {
    let bytes = mtafit_model::ronfile::read(&ui_file()?).ok()?;
    let ui: Ui = ron::de::from_bytes(&bytes).ok()?;
    <super::theme::ThemeName as strum::VariantArray>::VARIANTS
        .iter()
        .copied()
        .find(|t| t.name() == ui.theme)
}

/// Why the session or the theme could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The system names no folder for state.
    #[error("no state folder is known on this system")]
    NoStateFolder,
    /// The state folder could not be made.
    #[error("cannot create {dir}: {source}")]
    Folder {
        /// The folder, made safe for a terminal.
        dir: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// The name cannot name a saved profile (the message says why).
    #[error("{0}")]
    Name(String),
    /// The profile could not be written as RON.
    #[error("cannot write the state: {0}")]
    Ron(#[from] ron::Error),
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] mtafit_model::atomic::WriteError),
}

/// The state folder's file `path`, with its folder made.
fn in_state_folder(path: Option<PathBuf>) -> Result<PathBuf, SaveError> {
    let path = path.ok_or(SaveError::NoStateFolder)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| SaveError::Folder {
            dir: mtafit_model::text::sanitize(&dir.display().to_string()).into_owned(),
            source,
        })?;
    }
    Ok(path)
}

/// Remember the theme for the next session.
pub fn save_theme(name: super::theme::ThemeName) -> Result<(), SaveError> {
    let path = in_state_folder(ui_file())?;
    let body = format!(
        "// mtafit's explorer settings.\nUi(theme: {:?})\n",
        name.name()
    );
    Ok(mtafit_model::atomic::write(&path, body.as_bytes(), true)?)
}

/// Save the profile (carrying weights and marks) atomically; an error is returned, not raised.
pub fn save(p: &Profile) -> Result<(), SaveError> {
    let path = in_state_folder(state_file())?;
    let body = ron_text(
        p,
        "// mtafit's saved state: the profile and weights of the last session.",
    )?;
    Ok(mtafit_model::atomic::write(&path, body.as_bytes(), true)?)
}

/// A profile file: a comment line, then the profile as RON.
fn ron_text(p: &Profile, comment: &str) -> Result<String, SaveError> {
    let text = ron::ser::to_string_pretty(p, ron::ser::PrettyConfig::default().struct_names(true))?;
    Ok(format!("{comment}\n{text}\n"))
}

/// Save the profile (with weights and marks) under `name` in the state folder `state`,
/// atomically; an existing profile of that name is replaced only with `overwrite`. Returns the
/// file written.
pub fn save_named(
    state: Option<&Path>,
    name: &str,
    p: &Profile,
    overwrite: bool,
) -> Result<PathBuf, SaveError> {
    let state = state.ok_or(SaveError::NoStateFolder)?.to_path_buf();
    crate::setup::check_profile_name(name).map_err(SaveError::Name)?;
    let path = in_state_folder(crate::setup::profile_file(state, name))?;
    let body = ron_text(
        p,
        &format!(
            "// mtafit profile {name}, saved from the explorer: load it with `mtafit --profile {name}` or p in the explorer."
        ),
    )?;
    mtafit_model::atomic::write(&path, body.as_bytes(), overwrite)?;
    Ok(path)
}

/// A profile to load by name: the one saved under `name` in the state folder `state`, else the
/// built-in profile of that name.
pub fn load_named(state: Option<&Path>, name: &str) -> Result<Profile, String> {
    let saved = state.and_then(|s| crate::setup::saved_profile(s.to_path_buf(), name));
    let found = match saved {
        Some(path) => profile::load(&path),
        None => profile::builtin(name).ok_or_else(|| {
            format!(
                "no saved or built-in profile is called {:?}",
                mtafit_model::text::sanitize(name)
            )
        })?,
    };
    found.map_err(|diags| {
        diags.first().map_or_else(
            || format!("cannot load the profile {name}"),
            |d| {
                d.render(false)
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            },
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_corrupt_copy_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state.ron");
        for n in 1..=3 {
            std::fs::write(&state, format!("Profile(typo_{n}: 1)")).unwrap();
            assert!(matches!(load_from(&state), Loaded::SetAside(_)));
            assert!(!state.exists());
        }
        let copy = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(copy("state.ron.corrupt"), "Profile(typo_1: 1)");
        assert_eq!(copy("state.ron.corrupt-2"), "Profile(typo_2: 1)");
        assert_eq!(copy("state.ron.corrupt-3"), "Profile(typo_3: 1)");
    }

    #[test]
    fn a_state_too_large_to_read_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state.ron");
        let f = std::fs::File::create(&state).unwrap();
        f.set_len(mtafit_model::ronfile::MAX_FILE_BYTES as u64 + 1)
            .unwrap();
        match load_from(&state) {
            Loaded::Unreadable(msg) => {
                assert!(msg.contains("is over 1 MiB"), "{msg}");
                assert!(msg.contains("will not save over it"), "{msg}");
            }
            other => panic!("{other:?}"),
        }
        assert!(state.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state.ron");
        let c = std::ffi::CString::new(state.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo touches nothing else.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        match load_from(&state) {
            Loaded::Unreadable(msg) => assert!(msg.contains("is a named pipe"), "{msg}"),
            other => panic!("{other:?}"),
        }
    }
}
