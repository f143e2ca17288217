//! `mtafit list`: the ids, names and kinds of the engines in the catalogue in use.

use super::common::{Common, Outcome, emit, note, out_width};
use crate::setup;
use mtafit_render::rank::RankFormat as Format;
use std::process::ExitCode;

/// Run `list`.
pub fn run(format: Format, c: &Common) -> Outcome {
    let cat = setup::catalogue(&c.overrides)?;
    note(&setup::catalogue_notes(&cat));
    emit(&mtafit_render::list::render(
        &cat.engines,
        format,
        out_width(),
    ))?;
    Ok(ExitCode::SUCCESS)
}
