//! `mtafit measure`: read mail logs, print the real volume, optionally into a profile.

use super::common::{Failure, Outcome, emit, tidy_on_signals};
use indicatif::{ProgressBar, ProgressStyle};
use mtafit_measure::{Envelope, LogFormat, Meter, Source};
use mtafit_model::profile;
use mtafit_render::Format;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// The measuring options of the command line.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// `--log-format`, when it names a log format.
    pub format: Option<LogFormat>,
    /// `--log-format`, when it names an envelope of records.
    pub envelope: Option<Envelope>,
    /// `--year`.
    pub year: Option<i32>,
    /// `--threads` (0: one per core).
    pub threads: usize,
    /// Map regular files instead of reading them (on unless `--no-mmap`).
    pub mmap: bool,
    /// `--host`: the host of logs whose lines name none.
    pub host: Option<String>,
    /// `--merge`: the files are reports of `measure --format json` to combine, not logs.
    pub merge: bool,
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
    if settings.merge {
        return merge(files, format, write_profile);
    }
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
    let opts = mtafit_measure::Options {
        format: settings.format,
        envelope: settings.envelope,
        year: settings.year,
        threads: settings.threads,
        mmap: settings.mmap,
        host: settings.host.clone(),
    };
    if settings.mmap {
        on_bus_error_explain();
    }
    let meter = Arc::new(Meter::default());
    let progress = std::io::stderr()
        .is_terminal()
        .then(|| show_progress(Arc::clone(&meter)));
    let result = mtafit_measure::measure(&sources, &opts, &meter);
    if let Some((bar, ticker)) = progress {
        meter.cancel.store(true, Ordering::Relaxed);
        let _ = ticker.join();
        bar.finish_and_clear();
    }
    let measured = result?;
    let mut err = std::io::stderr().lock();
    for w in &measured.warnings {
        let _ = writeln!(
            err,
            "mtafit: warning: {}",
            mtafit_render::measure::warning(w)
        );
    }
    drop(err);
    deliver(&measured.report, format, write_profile)
}

/// Run `measure --merge`: combine the reports named into one, printed and written as a
/// measurement is.
fn merge(files: &[PathBuf], format: Format, write_profile: Option<&Path>) -> Outcome {
    if files.is_empty() {
        return Err(Failure::Usage(
            "name the reports to merge, each made by `mtafit measure --format json` on one              host: `mtafit measure --merge host1.json host2.json`"
                .into(),
        ));
    }
    if let Some(p) = write_profile {
        check_profile_target(p)?;
    }
    let mut reports = Vec::new();
    for f in files {
        let bytes = if f.as_os_str() == "-" {
            let mut b = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut b)
                .map_err(|e| Failure::Invalid(format!("cannot read standard input: {e}")))?;
            b
        } else {
            std::fs::read(f)
                .map_err(|e| Failure::Invalid(format!("cannot read {}: {e}", shown(f))))?
        };
        reports.push((shown(f), bytes));
    }
    let report =
        mtafit_measure::combine::combine(&reports).map_err(|e| Failure::Invalid(e.to_string()))?;
    deliver(&report, format, write_profile)
}

/// Print a report, and set its volume (and growth) in the profile when asked.
fn deliver(r: &mtafit_measure::Report, format: Format, write_profile: Option<&Path>) -> Outcome {
    match format {
        Format::Json => emit(&mtafit_render::measure::json(r))?,
        Format::Table => emit(&mtafit_render::measure::table(r))?,
    }
    if let Some(p) = write_profile {
        if r.monthly_volume == 0 {
            // Writing 0 over a real volume would lose it for nothing.
            return Err(Failure::Invalid(format!(
                "nothing was delivered in what was measured, so {} keeps its volume; check the \
                 log and --log-format",
                shown(p)
            )));
        }
        tidy_on_signals();
        let growth = match r.growth {
            mtafit_measure::growth::Trend::Estimated { per_month, months } => {
                Some(profile::Growth { per_month, months })
            }
            _ => None,
        };
        let before = write_volume(p, r.monthly_volume, growth)?;
        let (growth, cleared) = match (growth, before) {
            (Some(_), _) => (
                format!(
                    " and growth to {}",
                    mtafit_render::measure::growth(&r.growth)
                ),
                String::new(),
            ),
            // A growth measured before no longer holds: say it is gone, and why.
            (None, Some(old)) => (
                String::new(),
                format!(
                    "; cleared its growth of {}, since this measurement shows none ({})",
                    mtafit_render::measure::growth(&mtafit_measure::growth::Trend::Estimated {
                        per_month: old.per_month,
                        months: old.months,
                    }),
                    mtafit_render::measure::growth(&r.growth)
                ),
            ),
            (None, None) => (String::new(), String::new()),
        };
        let _ = writeln!(
            std::io::stderr(),
            "mtafit: set monthly_volume to {}{growth} in {}{cleared}",
            r.monthly_volume,
            shown(p)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Logs are read through memory maps; if a file shrinks underneath (logrotate's
/// `copytruncate`), reading a page past its new end raises SIGBUS. Say so and exit 1 rather
/// than die with "Bus error". Only async-signal-safe calls in the handler: write and _exit.
#[cfg(unix)]
fn on_bus_error_explain() {
    extern "C" fn handler(_: libc::c_int) {
        const MSG: &[u8] = b"mtafit: a log file shrank while it was being read (rotated with \
copytruncate?); nothing was measured. Run it again.\n";
        // SAFETY: write(2) and _exit(2) are async-signal-safe; MSG is static.
        unsafe {
            libc::write(2, MSG.as_ptr().cast(), MSG.len());
            libc::_exit(1);
        }
    }
    // SAFETY: installing a handler that only calls async-signal-safe functions.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler as *const () as usize;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(libc::SIGBUS, &action, std::ptr::null_mut());
    }
}

/// Elsewhere a map that faults is an access violation the process cannot explain.
#[cfg(not(unix))]
fn on_bus_error_explain() {}

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

/// A path as messages show it: control characters removed.
fn shown(p: &Path) -> String {
    mtafit_model::text::sanitize(&p.display().to_string()).into_owned()
}

/// Refuse a profile target that cannot be written, before the scan rather than after it.
fn check_profile_target(p: &Path) -> Result<(), Failure> {
    match read_target(p)? {
        Some(bytes) => {
            if std::fs::metadata(p).is_ok_and(|m| m.permissions().readonly()) {
                return Err(Failure::Invalid(format!(
                    "{} is read-only; make it writable, or name another file",
                    shown(p)
                )));
            }
            profile::with_volume(&shown(p), &bytes, 0, None)
                .map(|_| ())
                .map_err(|d| Failure::Invalid(render(&d)))
        }
        None => {
            let dir = match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            if dir.is_dir() {
                Ok(())
            } else {
                Err(Failure::Invalid(format!(
                    "cannot write {}: the folder {} does not exist",
                    shown(p),
                    shown(dir)
                )))
            }
        }
    }
}

/// The profile to edit, or `None` when there is none yet; a target that is not a regular file
/// (a device such as /dev/full, a pipe, a link to nothing) is refused, never read or written.
fn read_target(p: &Path) -> Result<Option<Vec<u8>>, Failure> {
    match mtafit_model::ronfile::read(p) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(why) if why.is_missing() => Ok(None),
        Err(why) => Err(Failure::Invalid(format!(
            "cannot write the profile {}: it {}; {}",
            shown(p),
            why.what(),
            why.fix()
        ))),
    }
}

fn render(diags: &[mtafit_model::ronfile::Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| d.render(false))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Set the volume (and growth) in profile `p`, creating it when absent; atomic. Returns the
/// growth the file held before.
pub fn write_volume(
    p: &Path,
    volume: u64,
    growth: Option<profile::Growth>,
) -> Result<Option<profile::Growth>, Failure> {
    let (text, before) = match read_target(p)? {
        Some(bytes) => {
            let edited = profile::with_volume(&shown(p), &bytes, volume, growth)
                .map_err(|d| Failure::Invalid(render(&d)))?;
            // `with_volume` has parsed it already, so this cannot fail.
            let before = profile::parse(&shown(p), &bytes)
                .ok()
                .and_then(|old| old.growth);
            (edited, before)
        }
        None => (profile::new_with_volume(volume, growth), None),
    };
    mtafit_model::atomic::write(p, text.as_bytes(), true)?;
    Ok(before)
}
