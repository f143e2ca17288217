//! `mtafit sensitivity`: how far each weight can move before the top pick changes.

use super::common::{Common, Outcome, emit, out_width, setup, stdout_color};
use mtafit_model::decide;
use mtafit_render::{Format, sensitivity};
use std::process::ExitCode;

/// Run `sensitivity`.
pub fn run(format: Format, c: &Common) -> Outcome {
    let s = setup(c)?;
    let a = decide::analyse(&s.cat.engines, &s.profile, &s.weights);
    let text = match format {
        Format::Json => sensitivity::json(&a.sensitivity, &s.cat.engines),
        Format::Table => {
            sensitivity::table(&a.sensitivity, &s.cat.engines, stdout_color(c), out_width())
        }
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
