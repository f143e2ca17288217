//! `mtafit rank`: every engine for the profile, best first — as a table, JSON, CSV or Markdown.

use super::common::{Common, Outcome, emit, out_width, setup, stdout_color};
use mtafit_model::decide;
use mtafit_render::json::pretty;
use mtafit_render::rank::{self, RankFormat as Format, Rows};
use std::process::ExitCode;

/// Run `rank`.
pub fn run(format: Format, top: Option<usize>, c: &Common) -> Outcome {
    let s = setup(c)?;
    let a = decide::analyse(&s.cat.engines, &s.profile, &s.weights);
    let i = s.inputs();
    let text = match format {
        Format::Table => rank::table(&i, &a, top, stdout_color(c), out_width()),
        Format::Json => pretty(&rank::json_value(&i, &a, Rows::All(top))),
        Format::Csv => rank::csv(&i, &a, Rows::All(top)),
        Format::Markdown => rank::markdown_report(&i, &a, Rows::All(top)),
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
