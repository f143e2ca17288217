//! Cost of ownership across volumes, as a table for people and as JSON (docs/json.md).

use super::json::pretty;
use super::style::Ansi;
use crate::catalogue::Engine;
use crate::decide::crossover::{CostTable, Crossover};
use crate::profile::Profile;
use crate::text::{fit_left, fit_right};
use crate::units;
use serde_json::json;

/// The `cost --format json` object: every engine at every volume, and the leaders' crossings.
pub fn json(t: &CostTable, engines: &[Engine], p: &Profile) -> String {
    let all: Vec<_> = engines
        .iter()
        .zip(&t.costs)
        .map(|(e, costs)| {
            let costs: Vec<f64> = costs
                .iter()
                .map(|c| units::round_to(c.total(), 2))
                .collect();
            json!({ "id": e.id, "annual_cost_usd": costs, "estimated": e.cost.estimate.is_some() })
        })
        .collect();
    let entry = |c: &Crossover| {
        json!({
            "a": engines[c.a].id,
            "b": engines[c.b].id,
            "monthly_volume": c.monthly_volume,
        })
    };
    // The contract's crossovers are where a and b cost the same; changes of order at a step
    // (a server added, a plan outgrown) are listed apart.
    let crossovers: Vec<_> = t.changes.iter().filter(|c| !c.step).map(entry).collect();
    let steps: Vec<_> = t.changes.iter().filter(|c| c.step).map(entry).collect();
    pretty(&json!({
        "volumes": t.volumes,
        "profile_volume": p.monthly_volume,
        "leaders": t.leaders.iter().map(|i| engines[*i].id.clone()).collect::<Vec<_>>(),
        "engines": all,
        "crossovers": crossovers,
        "steps": steps,
        "assumptions": {
            "node_cost_per_month_usd": p.node_cost_per_month_usd,
            "hourly_rate_usd": p.hourly_rate_usd,
        },
    }))
}

/// Who is cheaper either side of a change: "SES is cheaper below, Postfix above", with why when
/// it happens at a step.
pub fn change(engines: &[Engine], c: &Crossover) -> String {
    format!(
        "{} is cheaper below, {} above{}",
        engines[c.a].name,
        engines[c.b].name,
        if c.step {
            " (at a step: a server added or a plan outgrown)"
        } else {
            ""
        }
    )
}

/// The same change in a narrow column: "Mailgun → Stalwart (at a step)", read with
/// [`CHANGE_KEY`].
pub fn change_short(engines: &[Engine], c: &Crossover) -> String {
    format!(
        "{} → {}{}",
        engines[c.a].name,
        engines[c.b].name,
        if c.step { " (at a step)" } else { "" }
    )
}

/// How to read [`change_short`].
pub const CHANGE_KEY: &str = "(cheaper below → cheaper above)";

/// The cost table for people: one row per volume, one column per leading candidate.
pub fn table(t: &CostTable, engines: &[Engine], p: &Profile, color: bool) -> String {
    let Ansi { bold, reset, .. } = Ansi::new(color);
    let mut out = format!(
        "Annual cost of ownership (USD a year) by monthly volume\nProfile  {}\n\n",
        p.summary()
    );
    let mut header = format!("{bold}  {}", fit_right("Volume/mo", 10));
    for i in &t.leaders {
        header.push_str(&format!("  {}", fit_right(&engines[*i].name, 11)));
    }
    out.push_str(&format!("{header}{reset}\n"));
    for (n, v) in t.volumes.iter().enumerate() {
        let mark = if *v == p.monthly_volume { "▶" } else { " " };
        let mut line = format!("{mark} {}", fit_right(&units::volume(*v), 10));
        for i in &t.leaders {
            let c = &t.costs[*i][n];
            let star = if c.is_estimate() { "*" } else { " " };
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
        units::volume(p.monthly_volume)
    ));
    out.push_str(&format!("\n{bold}Where the cheaper one changes{reset}\n"));
    if t.changes.is_empty() {
        out.push_str("  nowhere between 100k and 1B a month\n");
    }
    for c in &t.changes {
        out.push_str(&format!(
            "  {}: {}\n",
            fit_left(&format!("{}/month", units::volume(c.monthly_volume)), 12),
            change(engines, c)
        ));
    }
    out.push_str(&format!(
        "\nAssumptions: {}; each engine's node capacity is in `mtafit show ID`.\n* a licence or plan price that is estimated, or extrapolated beyond published plans.\n",
        super::sentence::assumptions(p)
    ));
    out
}
