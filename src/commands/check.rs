//! `mtafit check [PATH…]`: validate catalogue files and print every problem.

use super::common::{Common, Outcome, emit, stdout_color};
use mtafit_model::catalogue::check::check;
use std::path::PathBuf;
use std::process::ExitCode;

/// Run `check` and print the report; exit 1 when there is any error or warning (a fact older
/// than `stale` days, when given, is a warning).
pub fn run(paths: &[PathBuf], stale: Option<u32>, c: &Common) -> Outcome {
    let mut report = check(paths, &c.overrides.catalogue);
    if let Some(days) = stale {
        mtafit_model::catalogue::check::stale(&mut report, days, mtafit_model::calendar::today());
    }
    emit(&mtafit_render::check::report(&report, stdout_color(c)))?;
    Ok(if report.problems() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
