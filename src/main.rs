use clap::Parser;
use mtafit::cli::{Cli, Command};
use mtafit::commands::{self, Failure};
use std::io::Write;
use std::process::ExitCode;

/// Start the interactive explorer on a terminal.
fn explore(cli: &Cli) -> commands::Outcome {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failure::Invalid(
            "the explorer needs a terminal; for output you can pipe, run `mtafit rank` (see `mtafit --help`)".into(),
        ));
    }
    let color = commands::use_color(&cli.global, true);
    let app = mtafit::tui::build(&cli.global, &cli.tui, color)?;
    mtafit::tui::run::run(app, !cli.tui.no_mouse)?;
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let g = &cli.global;
    let outcome = match &cli.command {
        Some(Command::Check { paths }) => commands::check::run(paths, g),
        Some(Command::Show { id, format }) => commands::show::run(id, *format, g),
        Some(Command::Rank { format, top }) => commands::rank::run(*format, *top, g),
        Some(Command::Walk { format }) => commands::walk::run(*format, g),
        Some(Command::Cost { format }) => commands::cost::run(*format, g),
        Some(Command::Sensitivity { format }) => commands::sensitivity::run(*format, g),
        Some(Command::Export {
            shortlist,
            format,
            output,
            force,
        }) => commands::export::run(shortlist, *format, output, *force, g),
        Some(Command::Measure {
            files,
            format,
            write_profile,
            log_format,
            year,
            threads,
        }) => commands::measure::run(
            files,
            *format,
            write_profile.as_deref(),
            &commands::measure::Settings {
                format: *log_format,
                year: *year,
                threads: *threads,
            },
        ),
        None => explore(&cli),
    };
    match outcome {
        Ok(code) => code,
        Err(Failure::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(f) => {
            let (msg, code) = match f {
                Failure::Invalid(m) => (m, 1),
                Failure::Io(e) => (format!("cannot write the output: {e}"), 1),
                Failure::Usage(m) => (m, 2),
            };
            let mut err = std::io::stderr().lock();
            for line in msg.lines() {
                let _ = writeln!(err, "mtafit: {line}");
            }
            ExitCode::from(code)
        }
    }
}
