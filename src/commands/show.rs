//! `mtafit show ID`: one engine's facts, as a sheet for people or as JSON.

use super::common::{Common, Failure, Outcome, emit, note, out_width};
use crate::setup;
use mtafit_render::{Format, engine};
use std::process::ExitCode;

/// The fact sheet's width for a file or a pipe.
const SHEET: usize = 100;

/// Run `show`. Without an id it is a usage error (exit 2, nothing on standard output) that
/// lists the ids to choose from, with their names, on standard error.
pub fn run(id: Option<&str>, format: Format, c: &Common) -> Outcome {
    let cat = setup::catalogue(&c.overrides)?;
    note(&setup::catalogue_notes(&cat));
    let Some(id) = id else {
        return Err(Failure::Usage(engine::id_list(&cat.engines)));
    };
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
