//! `mtafit show ID`: one engine's facts, as a sheet for people or as JSON.

use super::common::{Common, Outcome, emit, note, out_width};
use crate::setup;
use mtafit_render::{Format, engine};
use std::process::ExitCode;

/// The fact sheet's width for a file or a pipe.
const SHEET: usize = 100;

/// Run `show`.
pub fn run(id: &str, format: Format, c: &Common) -> Outcome {
    let cat = setup::catalogue(&c.overrides)?;
    note(&setup::catalogue_notes(&cat));
    let e = cat.find_id(id).ok_or_else(|| cat.no_such_engine(id))?;
    let text = match format {
        Format::Json => engine::json(e),
        Format::Table => {
            let width = out_width();
            let sheet = engine::sheet(
                e,
                cat.paths.get(&e.id).map(String::as_str),
                width.unwrap_or(SHEET),
            );
            mtafit_render::layout::fit(&sheet, width)
        }
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
