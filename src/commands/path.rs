//! `mtafit path`: the top pick across volumes, where it changes, and when the sender's growth
//! gets there.

use super::common::{Common, Failure, Outcome, emit, setup, stdout_color};
use mtafit_model::decide::path;
use mtafit_model::units;
use mtafit_render::path::growth_source;
use mtafit_render::{Format, path as words};
use std::process::ExitCode;

/// What `path` takes besides the global options, as typed.
#[derive(Debug, Clone, Default)]
pub struct PathArgs {
    /// `--from`: the smallest volume.
    pub from: Option<String>,
    /// `--to`: the largest volume.
    pub to: Option<String>,
    /// `--growth`: growth a month, instead of the profile's.
    pub growth: Option<String>,
}

/// Run `path`.
pub fn run(format: Format, args: &PathArgs, c: &Common) -> Outcome {
    // `parse_volume` refuses more than `units::MAX_VOLUME`, so the range stays finite.
    let volume = |arg: &Option<String>, name: &str, default: u64| -> Result<u64, Failure> {
        match arg {
            None => Ok(default),
            Some(v) => {
                units::parse_volume(v).map_err(|e| Failure::Invalid(format!("--{name}: {e}")))
            }
        }
    };
    let from = volume(&args.from, "from", path::FROM)?.max(1);
    let to = volume(&args.to, "to", path::TO)?;
    if from >= to {
        return Err(Failure::Invalid(format!(
            "--from {} is not below --to {}; give a range that grows, like --from 1M --to 1B",
            units::volume(from),
            units::volume(to)
        )));
    }
    let given = match &args.growth {
        Some(g) => {
            Some(units::parse_growth(g).map_err(|e| Failure::Invalid(format!("--growth: {e}")))?)
        }
        None => None,
    };
    let s = setup(c)?;
    let p = path::path(&s.cat.engines, &s.profile, &s.weights, from, to);
    let growth = growth_source(&s.profile, given);
    let text = match format {
        Format::Json => words::json(&p, &s.cat.engines, &s.profile, growth),
        Format::Table => words::table(&p, &s.cat.engines, &s.profile, growth, stdout_color(c)),
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
