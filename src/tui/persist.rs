//! Remembering the profile, weights and marks between runs, in the user's state folder.
//!
//! The state file is a profile file (with its `weights` and `shortlist`), so it can also be
//! loaded with `--profile`. A file that cannot be read is moved aside and reported — never fatal.

use crate::profile::{self, Profile};
use std::path::PathBuf;

/// `$XDG_STATE_HOME/mtafit/state.ron`, or the platform's equivalent.
pub fn state_file() -> Option<PathBuf> {
    let dir = match std::env::var_os("XDG_STATE_HOME") {
        Some(x) if !x.is_empty() => Some(PathBuf::from(x).join("mtafit")),
        _ => directories::ProjectDirs::from("", "", "mtafit").map(|p| {
            p.state_dir()
                .unwrap_or_else(|| p.data_local_dir())
                .to_path_buf()
        }),
    };
    dir.map(|d| d.join("state.ron"))
}

/// What loading the saved state found.
#[derive(Debug)]
pub enum Loaded {
    /// No saved state yet.
    Nothing,
    /// The saved profile (with weights and marks).
    Profile(Box<Profile>),
    /// The file was unreadable; it was moved to the given path. The message says why.
    SetAside(String),
}

/// Load the saved state, setting a corrupt file aside.
pub fn load() -> Loaded {
    let Some(path) = state_file() else {
        return Loaded::Nothing;
    };
    let Ok(bytes) = std::fs::read(&path) else {
        return Loaded::Nothing;
    };
    match profile::parse(&path.display().to_string(), &bytes) {
        Ok(p) => Loaded::Profile(Box::new(p)),
        Err(diags) => {
            let aside = path.with_extension("ron.corrupt");
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
            let moved = std::fs::rename(&path, &aside).is_ok();
            Loaded::SetAside(if moved {
                format!(
                    "saved state could not be read ({first}); moved to {} and started fresh",
                    aside.display()
                )
            } else {
                format!("saved state could not be read ({first}); started fresh")
            })
        }
    }
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
    let bytes = std::fs::read(ui_file()?).ok()?;
    let ui: Ui = ron::de::from_bytes(&bytes).ok()?;
    super::theme::ThemeName::ALL
        .into_iter()
        .find(|t| t.name() == ui.theme)
}

/// Remember the theme for the next session.
pub fn save_theme(name: super::theme::ThemeName) -> Result<(), String> {
    let path = ui_file().ok_or("no state folder is known on this system")?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let body = format!(
        "// mtafit's explorer settings.\nUi(theme: {:?})\n",
        name.name()
    );
    crate::atomic::write(&path, body.as_bytes(), true)
}

/// Save the profile (carrying weights and marks) atomically; an error is returned, not raised.
pub fn save(p: &Profile) -> Result<(), String> {
    let path = state_file().ok_or("no state folder is known on this system")?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let text = ron::ser::to_string_pretty(p, ron::ser::PrettyConfig::default().struct_names(true))
        .map_err(|e| format!("cannot write the state: {e}"))?;
    let body =
        format!("// mtafit's saved state: the profile and weights of the last session.\n{text}\n");
    crate::atomic::write(&path, body.as_bytes(), true)
}
