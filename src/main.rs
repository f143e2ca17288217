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
    let common = cli.global.common();
    let color = commands::common::use_color(common.no_color, true);
    let opts = cli.tui.options();
    let app = mtafit::tui::start::build(&common.overrides, &opts, color)?;
    let ended = mtafit::tui::run::run(app, opts.mouse)?;
    Ok(ended.exit_code())
}

/// Print text generated at the edge (completions, the man page) the way every command prints.
fn print(text: &str) -> commands::Outcome {
    commands::common::emit(text)?;
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let cli = match mtafit::cli::parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(e) => {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "{}", e.text);
            return ExitCode::from(e.code);
        }
    };
    let c = cli.global.common();
    let outcome = match &cli.command {
        Some(Command::Check { paths, stale }) => commands::check::run(paths, *stale, &c),
        Some(Command::Completions { shell }) => print(&mtafit::cli::completions(*shell)),
        Some(Command::Man { command }) => print(&mtafit::cli::man_page(command.as_deref())),
        Some(Command::Show { id, format }) => {
            commands::show::run(id.as_deref(), (*format).into(), &c)
        }
        Some(Command::List { format }) => commands::list::run((*format).into(), &c),
        Some(Command::Rank { format, top }) => commands::rank::run((*format).into(), *top, &c),
        Some(Command::Walk { format }) => commands::walk::run((*format).into(), &c),
        Some(Command::Cost { format }) => commands::cost::run((*format).into(), &c),
        Some(Command::Sensitivity { format }) => commands::sensitivity::run((*format).into(), &c),
        Some(Command::Path {
            format,
            from,
            to,
            growth,
        }) => {
            let args = commands::path::PathArgs {
                from: *from,
                to: *to,
                growth: *growth,
            };
            commands::path::run((*format).into(), &args, &c)
        }
        Some(Command::Export {
            shortlist,
            format,
            output,
            force,
        }) => commands::export::run(shortlist, (*format).into(), output, *force, &c),
        Some(Command::Measure {
            files,
            format,
            write_profile,
            log_format,
            year,
            threads,
            no_mmap,
            host,
            merge,
        }) => commands::measure::run(
            files,
            (*format).into(),
            write_profile.as_deref(),
            &commands::measure::Settings {
                format: match log_format.map(Into::into) {
                    Some(mtafit::cli::ReadAs::Format(f)) => Some(f),
                    _ => None,
                },
                envelope: match log_format.map(Into::into) {
                    Some(mtafit::cli::ReadAs::Envelope(e)) => Some(e),
                    _ => None,
                },
                year: *year,
                threads: *threads,
                mmap: !*no_mmap,
                host: host.clone(),
                merge: *merge,
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
            // Messages quote paths and values as given; each was meant to be made safe and
            // short where it was quoted, and this catches any that was not.
            for line in msg.lines() {
                let line = format!("mtafit: {line}");
                let _ = writeln!(err, "{}", mtafit_model::text::message_line(&line));
            }
            ExitCode::from(code)
        }
    }
}
