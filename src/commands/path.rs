//! `mtafit path`: the top pick across volumes, where it changes, and when the sender's growth
//! gets there.

use super::common::{Common, Failure, Outcome, emit, out_width, setup, stdout_color};
use mtafit_model::decide::path;
use mtafit_model::units;
use mtafit_render::path::growth_source;
use mtafit_render::{Format, path as words};
use std::process::ExitCode;

/// What `path` takes besides the global options.
#[derive(Debug, Clone, Default)]
pub struct PathArgs {
    /// `--from`: the smallest volume.
    pub from: Option<u64>,
    /// `--to`: the largest volume.
    pub to: Option<u64>,
    /// `--growth`: growth a month as a share, instead of the profile's.
    pub growth: Option<f64>,
}

/// Run `path`.
pub fn run(format: Format, args: &PathArgs, c: &Common) -> Outcome {
    // Volumes are read with `units::parse_volume`, which refuses more than `units::MAX_VOLUME`,
    // so the range stays finite.
    let from = args.from.unwrap_or(path::FROM).max(1);
    let to = args.to.unwrap_or(path::TO);
    if from >= to {
        return Err(Failure::Invalid(format!(
            "--from {} is not below --to {}; give a range that grows, like --from 1M --to 1B",
            units::volume(from),
            units::volume(to)
        )));
    }
    let s = setup(c)?;
    let p = path::path(&s.cat.engines, &s.profile, &s.weights, from, to);
    let growth = growth_source(&s.profile, args.growth);
    let text = match format {
        Format::Json => words::json(&p, &s.cat.engines, &s.profile, growth),
        Format::Table => words::table(
            &p,
            &s.cat.engines,
            &s.profile,
            growth,
            stdout_color(c),
            out_width(),
        ),
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
