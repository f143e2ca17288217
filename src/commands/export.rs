//! `mtafit export`: write a shortlist with the profile and weights behind it.

use super::{Failure, Outcome, emit, setup};
use crate::cli::{ExportFormat, Global};
use crate::{decide, export};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Run `export`.
pub fn run(
    ids: &[String],
    format: ExportFormat,
    output: &Path,
    force: bool,
    global: &Global,
) -> Outcome {
    let s = setup(global)?;
    let a = decide::analyse(&s.cat.engines, &s.profile, &s.weights);
    let i = s.inputs();
    let ids = export::resolve(&i, &a, ids).map_err(Failure::Invalid)?;
    let text = export::render(&i, &a, &ids, format).map_err(Failure::Invalid)?;
    if output.as_os_str() == "-" {
        emit(&text)?;
    } else {
        crate::atomic::write(output, text.as_bytes(), force).map_err(Failure::Invalid)?;
        let _ = writeln!(
            std::io::stderr(),
            "mtafit: wrote {} ({} engine{}, {})",
            output.display(),
            ids.len(),
            if ids.len() == 1 { "" } else { "s" },
            export::extension(format)
        );
    }
    Ok(ExitCode::SUCCESS)
}
