//! What every command shares: how it ends, where its output goes, and how it starts.

use crate::setup::{Overrides, Setup};
use std::io::{IsTerminal, Write};

/// What every command takes besides its own options.
#[derive(Debug, Clone, Default)]
pub struct Common {
    /// The catalogue, profile and weight overrides.
    pub overrides: Overrides,
    /// `--no-color` was given.
    pub no_color: bool,
}

/// How a command ended, mapped to the exit status of docs/cli.md.
#[derive(Debug)]
pub enum Failure {
    /// Invalid input or a failed operation (exit 1); the sentence goes to standard error.
    Invalid(String),
    /// Output could not be written (exit 1), except a closed pipe, which ends quietly.
    Io(std::io::Error),
    /// The command line asks for something that cannot work (exit 2).
    Usage(String),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::Io(e)
    }
}

/// Every typed error of the layers below is bad input or a failed operation (exit 1), told in
/// its own sentence.
macro_rules! invalid {
    ($($error:ty),+ $(,)?) => {
        $(impl From<$error> for Failure {
            fn from(e: $error) -> Failure {
                Failure::Invalid(e.to_string())
            }
        })+
    };
}

invalid!(
    crate::setup::SetupError,
    crate::export::ExportError,
    mtafit_model::atomic::WriteError,
    mtafit_model::catalogue::UnknownEngine,
    mtafit_measure::MeasureError,
    mtafit_render::shortlist::ShortlistError,
);

/// What a command returns.
pub type Outcome = Result<std::process::ExitCode, Failure>;

/// True when colour may be used on a stream: not disabled and a terminal.
pub fn use_color(no_color: bool, is_terminal: bool) -> bool {
    let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    is_terminal && !no_color && !no_color_env
}

/// True when standard output may be coloured.
pub fn stdout_color(c: &Common) -> bool {
    use_color(c.no_color, std::io::stdout().is_terminal())
}

/// The width table output is laid out for (docs/cli.md): `COLUMNS` when it holds a number, else
/// the terminal's width when standard output is one, else `None`, the natural width, so a file
/// or a pipe gets every line whole.
pub fn out_width() -> Option<usize> {
    choose_width(std::env::var("COLUMNS").ok().as_deref(), || {
        if !std::io::stdout().is_terminal() {
            return None;
        }
        ratatui::crossterm::terminal::size().ok().map(|(w, _)| w)
    })
}

/// `columns` (the variable's value) when it is a number above 0, else what `terminal` says.
fn choose_width(columns: Option<&str>, terminal: impl FnOnce() -> Option<u16>) -> Option<usize> {
    columns
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|w| *w > 0)
        .or_else(|| terminal().map(usize::from).filter(|w| *w > 0))
}

/// Write `text` to standard output in one go.
pub fn emit(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Print each sentence on standard error, prefixed with the program's name.
pub fn note(lines: &[String]) {
    let mut err = std::io::stderr().lock();
    for l in lines {
        // A note quotes names from files and the command line; none may drive the terminal.
        for line in l.lines() {
            let line = format!("mtafit: {line}");
            let _ = writeln!(err, "{}", mtafit_model::text::message_line(&line));
        }
    }
}

/// Load the catalogue, profile and weights, printing the notes on standard error — the
/// catalogue's even when the profile then fails, since a bad file may be why.
pub fn setup(c: &Common) -> Result<Setup, Failure> {
    let cat = crate::setup::catalogue(&c.overrides)?;
    note(&crate::setup::catalogue_notes(&cat));
    let s = Setup::over(cat, &c.overrides)?;
    note(&s.warnings);
    Ok(s)
}

/// From now on, a stop signal (SIGINT, SIGTERM, SIGHUP) first removes the temporary files of
/// unfinished writes, then ends the process as the signal would have: a command killed while it
/// writes a file leaves neither a half file nor a hidden temporary one.
pub fn tidy_on_signals() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                mtafit_model::atomic::remove_in_flight();
                let _ = signal_hook::low_level::emulate_default_handler(sig);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::choose_width;

    #[test]
    fn columns_wins_then_the_terminal_then_the_natural_width() {
        assert_eq!(choose_width(Some("80"), || Some(120)), Some(80));
        assert_eq!(choose_width(Some(" 200 "), || None), Some(200));
        // Not a number, or 0: as if unset.
        assert_eq!(choose_width(Some("wide"), || Some(120)), Some(120));
        assert_eq!(choose_width(Some("0"), || Some(120)), Some(120));
        assert_eq!(choose_width(None, || Some(120)), Some(120));
        assert_eq!(choose_width(None, || None), None);
        assert_eq!(choose_width(Some(""), || Some(0)), None);
    }
}
