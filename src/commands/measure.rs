//! `mtafit measure`: read mail logs, print the real volume, optionally into a profile.

use super::{Failure, Outcome, emit};
use crate::cli::Format;
use crate::measure::{self, LogFormat, Meter, Source};
use crate::profile;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// The measuring options of the command line.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// `--log-format`.
    pub format: Option<LogFormat>,
    /// `--year`.
    pub year: Option<i32>,
    /// `--threads` (0: one per core).
    pub threads: usize,
}

/// The inputs named on the command line; none means standard input.
pub fn sources(files: &[PathBuf]) -> Vec<Source> {
    if files.is_empty() {
        return vec![Source::Stdin];
    }
    files
        .iter()
        .map(|f| {
            if f.as_os_str() == "-" {
                Source::Stdin
            } else {
                Source::Path(f.clone())
            }
        })
        .collect()
}

/// Run `measure`.
pub fn run(
    files: &[PathBuf],
    format: Format,
    write_profile: Option<&Path>,
    settings: &Settings,
) -> Outcome {
    let sources = sources(files);
    if files.is_empty() && std::io::stdin().is_terminal() {
        // Reading the keyboard as a log would just wait.
        return Err(Failure::Usage(
            "name a mail log, or pipe one in: `mtafit measure /var/log/mail.log` or \
             `journalctl -u postfix -o short-iso | mtafit measure -`"
                .into(),
        ));
    }
    if sources.iter().filter(|s| **s == Source::Stdin).count() > 1 {
        return Err(Failure::Invalid(
            "standard input (-) can be read only once; name it once".into(),
        ));
    }
    // Check the profile before the long scan, so a broken one does not waste it.
    if let Some(p) = write_profile {
        check_profile_target(p)?;
    }
    let opts = measure::Options {
        format: settings.format,
        year: settings.year,
        threads: settings.threads,
    };
    let meter = Arc::new(Meter::default());
    let progress = std::io::stderr()
        .is_terminal()
        .then(|| show_progress(Arc::clone(&meter)));
    let result = measure::measure(&sources, &opts, &meter);
    if let Some((bar, ticker)) = progress {
        meter.cancel.store(true, Ordering::Relaxed);
        let _ = ticker.join();
        bar.finish_and_clear();
    }
    let measured = result.map_err(Failure::Invalid)?;
    let mut err = std::io::stderr().lock();
    for w in &measured.warnings {
        let _ = writeln!(err, "mtafit: warning: {w}");
    }
    drop(err);
    let r = &measured.report;
    match format {
        Format::Json => {
            let text = serde_json::to_string_pretty(r).expect("a report always serialises");
            emit(&format!("{text}\n"))?;
        }
        Format::Table => emit(&r.table())?,
    }
    if let Some(p) = write_profile {
        write_volume(p, r.monthly_volume)?;
        let _ = writeln!(
            std::io::stderr(),
            "mtafit: set monthly_volume to {} in {}",
            r.monthly_volume,
            p.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A progress bar on standard error, fed from the meter until the measurement ends.
fn show_progress(meter: Arc<Meter>) -> (ProgressBar, std::thread::JoinHandle<()>) {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} measuring {bar:30} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {eta}",
        )
        .expect("a valid template"),
    );
    let b = bar.clone();
    let ticker = std::thread::spawn(move || {
        // Wait a moment first: a quick measurement should not flash a bar.
        std::thread::sleep(Duration::from_millis(300));
        while !meter.cancel.load(Ordering::Relaxed) {
            let total = meter.total.load(Ordering::Relaxed);
            if total == 0 {
                b.set_style(
                    ProgressStyle::with_template(
                        "{spinner} measuring {binary_bytes} {binary_bytes_per_sec}",
                    )
                    .expect("a valid template"),
                );
            } else {
                b.set_length(total);
            }
            b.set_position(meter.done.load(Ordering::Relaxed));
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    (bar, ticker)
}

fn check_profile_target(p: &Path) -> Result<(), Failure> {
    match std::fs::read(p) {
        Ok(bytes) => profile::with_volume(&p.display().to_string(), &bytes, 0)
            .map(|_| ())
            .map_err(|d| Failure::Invalid(render(&d))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let dir = match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            if dir.is_dir() {
                Ok(())
            } else {
                Err(Failure::Invalid(format!(
                    "cannot write {}: the folder {} does not exist",
                    p.display(),
                    dir.display()
                )))
            }
        }
        Err(e) => Err(Failure::Invalid(format!(
            "cannot read the profile {}: {e}",
            p.display()
        ))),
    }
}

fn render(diags: &[crate::ronfile::Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| d.render(false))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Set the volume in profile `p`, creating it when absent; atomic.
pub fn write_volume(p: &Path, volume: u64) -> Result<(), Failure> {
    let text = match std::fs::read(p) {
        Ok(bytes) => profile::with_volume(&p.display().to_string(), &bytes, volume)
            .map_err(|d| Failure::Invalid(render(&d)))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => profile::new_with_volume(volume),
        Err(e) => {
            return Err(Failure::Invalid(format!(
                "cannot read the profile {}: {e}",
                p.display()
            )));
        }
    };
    crate::atomic::write(p, text.as_bytes(), true).map_err(Failure::Invalid)
}
