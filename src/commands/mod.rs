//! One module per subcommand; each returns what to print, so tests can call it without a process.

pub mod check;
pub mod show;

use crate::catalogue::{Catalogue, Sources};
use crate::cli::Global;
use std::io::{IsTerminal, Write};

/// How a command ended, mapped to the exit status of DESIGN.md §5.
#[derive(Debug)]
pub enum Failure {
    /// Invalid input or a failed operation (exit 1); the sentence goes to standard error.
    Invalid(String),
    /// Output could not be written (exit 1), except a closed pipe, which ends quietly.
    Io(std::io::Error),
    /// A command that is not built yet (exit 2).
    NotBuilt(&'static str),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::Io(e)
    }
}

/// What a command returns.
pub type Outcome = Result<std::process::ExitCode, Failure>;

/// True when colour may be used on a stream: not disabled and a terminal.
pub fn use_color(global: &Global, is_terminal: bool) -> bool {
    let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    is_terminal && !global.no_color && !no_color_env
}

/// True when standard output may be coloured.
pub fn stdout_color(global: &Global) -> bool {
    use_color(global, std::io::stdout().is_terminal())
}

/// Write `text` to standard output in one go.
pub fn emit(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// The catalogue every command but `check` works on; problems are summarised on standard
/// error so that one bad file is visible without stopping the command.
pub fn load_catalogue(global: &Global) -> Catalogue {
    let cat = Catalogue::load(&Sources::standard(global.catalogue.clone()));
    let problems: Vec<_> = cat.problems().collect();
    if !problems.is_empty() {
        let mut err = std::io::stderr().lock();
        for d in &problems {
            let first = d.render(false);
            let first = first.lines().next().unwrap_or_default();
            let _ = writeln!(err, "mtafit: {first}");
        }
        let _ = writeln!(
            err,
            "mtafit: {} catalogue problem(s); the other engines are used. Run `mtafit check` for details.",
            problems.len()
        );
    }
    cat
}
