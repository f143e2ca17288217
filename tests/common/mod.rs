//! Helpers for tests that run the real binary.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// The binary under test, isolated from the user's own configuration and colour settings.
pub fn mtafit(config_home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mtafit"));
    c.env("XDG_CONFIG_HOME", config_home)
        .env("XDG_STATE_HOME", config_home.join("state"))
        .env_remove("NO_COLOR")
        .env("COLUMNS", "100");
    c
}

/// Run with `args` in a fresh configuration folder.
pub fn run(args: &[&str]) -> Output {
    let home = tempfile::tempdir().expect("a temporary folder");
    mtafit(home.path())
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Path of a file under `tests/fixtures`.
pub fn fixture(rel: &str) -> String {
    format!("{}/tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"))
}

#[cfg(unix)]
/// Make a named pipe at `path`: an input that pauses, or never ends, at the test's command.
pub fn mkfifo(path: &Path) {
    let c_path = std::ffi::CString::new(path.to_str().expect("a UTF-8 path")).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo touches nothing else.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0, "mkfifo");
}
