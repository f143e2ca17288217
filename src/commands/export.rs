//! `mtafit export`: write a shortlist with the profile and weights behind it.

use super::common::{Common, Outcome, emit, note, setup, tidy_on_signals};
use crate::export;
use mtafit_model::decide;
use mtafit_render::shortlist::{self, ShortlistFormat};
use std::path::Path;
use std::process::ExitCode;

/// Run `export`.
pub fn run(
    ids: &[String],
    format: ShortlistFormat,
    output: &Path,
    force: bool,
    c: &Common,
) -> Outcome {
    let s = setup(c)?;
    let a = decide::analyse(&s.cat.engines, &s.profile, &s.weights);
    let i = s.inputs();
    let ids = export::resolve(&i, &a, ids)?;
    if output.as_os_str() == "-" {
        emit(&shortlist::render(&i, &a, &ids, format)?)?;
    } else {
        tidy_on_signals();
        export::write(&i, &a, &ids, format, output, force)?;
        note(&[format!(
            "wrote {} ({} engine{}, {})",
            mtafit_model::text::sanitize(&output.display().to_string()),
            ids.len(),
            if ids.len() == 1 { "" } else { "s" },
            format.extension()
        )]);
    }
    Ok(ExitCode::SUCCESS)
}
