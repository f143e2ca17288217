//! `mtafit cost`: annual cost of ownership across volumes, and where the leaders cross.

use super::common::{Common, Outcome, emit, out_width, setup, stdout_color};
use mtafit_model::decide::crossover;
use mtafit_render::{Format, cost};
use std::process::ExitCode;

/// Run `cost`.
pub fn run(format: Format, c: &Common) -> Outcome {
    let s = setup(c)?;
    let t = crossover::cost_table(&s.cat.engines, &s.profile, &s.weights);
    let text = match format {
        Format::Json => cost::json(&t, &s.cat.engines, &s.profile),
        Format::Table => cost::table(&t, &s.cat.engines, &s.profile, stdout_color(c), out_width()),
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
