//! `mtafit walk`: the brief's decision diagram, gate by gate, and whether the ranking agrees.

use super::common::{Common, Outcome, emit, out_width, setup, stdout_color};
use mtafit_model::decide;
use mtafit_render::{Format, walk};
use std::process::ExitCode;

/// Run `walk`.
pub fn run(format: Format, c: &Common) -> Outcome {
    let s = setup(c)?;
    let a = decide::analyse(&s.cat.engines, &s.profile, &s.weights);
    let text = match format {
        Format::Json => walk::json(&a, &s.cat.engines, &s.profile),
        Format::Table => walk::table(
            &a,
            &s.cat.engines,
            &mtafit_render::profile::summary(&s.profile),
            stdout_color(c),
            out_width(),
        ),
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
