//! `mtafit cost`: annual cost of ownership across volumes, and where the leaders cross.

use super::rank::pretty;
use super::{Outcome, Setup, emit, setup, stdout_color};
use crate::cli::{Format, Global};
use crate::decide::{cost, crossover};
use crate::text::{fit_left, fit_right};
use crate::units;
use serde_json::json;
use std::process::ExitCode;

/// Leading candidates of the profile's own kind in the table.
const OWN: usize = 3;
/// Leading candidates of the other kind (rent if you own, own if you rent).
const OTHER: usize = 2;

/// Run `cost`.
pub fn run(format: Format, global: &Global) -> Outcome {
    let s = setup(global)?;
    let text = match format {
        Format::Json => pretty(&json_value(&s))?,
        Format::Table => table(&s, stdout_color(global)),
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// The `cost --format json` contract: every engine at every volume, and the leaders' crossings.
pub fn json_value(s: &Setup) -> serde_json::Value {
    let volumes = crossover::volumes(s.profile.monthly_volume);
    let engines: Vec<_> = s
        .cat
        .engines
        .iter()
        .map(|e| {
            let costs: Vec<f64> = volumes
                .iter()
                .map(|v| units::round_to(cost::annual(e, &s.profile, *v).total(), 2))
                .collect();
            json!({ "id": e.id, "annual_cost_usd": costs, "estimated": e.cost.estimate.is_some() })
        })
        .collect();
    let leaders = crossover::leaders(&s.cat.engines, &s.profile, &s.weights, OWN, OTHER);
    let changes = crossover::crossovers(&s.cat.engines, &leaders, &s.profile);
    let entry = |c: &crossover::Crossover| {
        json!({
            "a": s.cat.engines[c.a].id,
            "b": s.cat.engines[c.b].id,
            "monthly_volume": c.monthly_volume,
        })
    };
    // The contract's crossovers are where a and b cost the same; changes of order at a step
    // (a server added, a plan outgrown) are listed apart.
    let crossovers: Vec<_> = changes.iter().filter(|c| !c.step).map(entry).collect();
    let steps: Vec<_> = changes.iter().filter(|c| c.step).map(entry).collect();
    json!({
        "volumes": volumes,
        "profile_volume": s.profile.monthly_volume,
        "leaders": leaders.iter().map(|i| s.cat.engines[*i].id.clone()).collect::<Vec<_>>(),
        "engines": engines,
        "crossovers": crossovers,
        "steps": steps,
        "assumptions": {
            "node_cost_per_month_usd": s.profile.node_cost_per_month_usd,
            "hourly_rate_usd": s.profile.hourly_rate_usd,
        },
    })
}

/// The cost table for people: one row per volume, one column per leading candidate.
pub fn table(s: &Setup, color: bool) -> String {
    let (bold, reset) = if color {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    let engines = &s.cat.engines;
    let leaders = crossover::leaders(engines, &s.profile, &s.weights, OWN, OTHER);
    let volumes = crossover::volumes(s.profile.monthly_volume);
    let mut out = format!(
        "Annual cost of ownership (USD a year) by monthly volume\nProfile  {}\n\n",
        s.profile.summary()
    );
    let mut header = format!("{bold}  {}", fit_right("Volume/mo", 10));
    for i in &leaders {
        header.push_str(&format!("  {}", fit_right(&engines[*i].name, 11)));
    }
    out.push_str(&format!("{header}{reset}\n"));
    for v in &volumes {
        let mark = if *v == s.profile.monthly_volume {
            "▶"
        } else {
            " "
        };
        let mut line = format!("{mark} {}", fit_right(&units::volume(*v), 10));
        for i in &leaders {
            let c = cost::annual(&engines[*i], &s.profile, *v);
            let star = if c.estimated || c.beyond_tiers {
                "*"
            } else {
                " "
            };
            line.push_str(&format!(
                "  {}{star}",
                fit_right(&units::usd(c.total()), 10)
            ));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str(&format!(
        "\n▶ your volume ({}/month)\n",
        units::volume(s.profile.monthly_volume)
    ));
    let crossings = crossover::crossovers(engines, &leaders, &s.profile);
    out.push_str(&format!("\n{bold}Where the cheaper one changes{reset}\n"));
    if crossings.is_empty() {
        out.push_str("  nowhere between 100k and 1B a month\n");
    }
    for c in &crossings {
        out.push_str(&format!(
            "  {}: {} is cheaper below, {} above{}\n",
            fit_left(&format!("{}/month", units::volume(c.monthly_volume)), 12),
            engines[c.a].name,
            engines[c.b].name,
            if c.step {
                " (at a step: a server added or a plan outgrown)"
            } else {
                ""
            }
        ));
    }
    out.push_str(&format!(
        "\nAssumptions: {}/server/month, {}/ops hour, each engine's ops hours and node capacity (see `mtafit show ID`).\n* a licence or plan price that is estimated, or extrapolated beyond published plans.\n",
        units::usd(s.profile.node_cost_per_month_usd),
        units::usd(s.profile.hourly_rate_usd)
    ));
    out
}
