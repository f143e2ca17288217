//! Cost of ownership across volumes, as a table for people and as JSON (docs/json.md).

use super::json::pretty;
use super::style::Ansi;
use mtafit_model::catalogue::Engine;
use mtafit_model::decide::crossover::{CostTable, Crossover};
use mtafit_model::profile::Profile;
use mtafit_model::text::{fit_left, fit_right};
use mtafit_model::units;
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
            "node_cost_per_month_usd": p.assumptions.node_cost_per_month_usd,
            "hourly_rate_usd": p.assumptions.hourly_rate_usd,
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

/// One line of the "where the cheaper one changes" list.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeLine {
    /// A single change.
    One(Crossover),
    /// Two engines that trade places again and again at price steps (a server added, a plan
    /// outgrown) between two volumes: one line instead of a run of flips.
    Alternate {
        /// The two engines (indices).
        pair: (usize, usize),
        /// The first and last volume of the run.
        from: u64,
        /// The last volume of the run.
        to: u64,
        /// How many times they trade places.
        times: usize,
    },
}

/// The changes in volume order, a run of three or more step flips between the same two engines
/// (with no smooth crossing of theirs in between) folded into one line at its first volume.
pub fn change_lines(changes: &[Crossover]) -> Vec<ChangeLine> {
    let key = |c: &Crossover| (c.a.min(c.b), c.a.max(c.b));
    let mut out: Vec<ChangeLine> = Vec::new();
    let mut used = vec![false; changes.len()];
    for (i, c) in changes.iter().enumerate() {
        if used[i] {
            continue;
        }
        if c.step {
            let run: Vec<usize> = changes
                .iter()
                .enumerate()
                .skip(i)
                .filter(|(_, d)| key(d) == key(c))
                .take_while(|(_, d)| d.step)
                .map(|(j, _)| j)
                .collect();
            if run.len() >= 3 {
                for j in &run {
                    used[*j] = true;
                }
                out.push(ChangeLine::Alternate {
                    pair: key(c),
                    from: c.monthly_volume,
                    to: changes[*run.last().unwrap_or(&i)].monthly_volume,
                    times: run.len(),
                });
                continue;
            }
        }
        used[i] = true;
        out.push(ChangeLine::One(*c));
    }
    out
}

/// A folded run in words: "GreenArrow and Halon alternate at price steps between 72M and 216M
/// (5 times)".
pub fn alternate(
    engines: &[Engine],
    pair: (usize, usize),
    from: u64,
    to: u64,
    times: usize,
) -> String {
    format!(
        "{} and {} alternate at price steps between {} and {} ({times} times)",
        engines[pair.0].name,
        engines[pair.1].name,
        units::volume(from),
        units::volume(to)
    )
}

/// How to read [`change_short`].
pub const CHANGE_KEY: &str = "(cheaper below → cheaper above)";

/// The cost table for people: one row per volume, one column per leading candidate, laid out
/// for `width` columns (`None`: the natural width).
pub fn table(
    t: &CostTable,
    engines: &[Engine],
    p: &Profile,
    color: bool,
    width: Option<usize>,
) -> String {
    let Ansi { bold, reset, .. } = Ansi::new(color);
    let mut out = format!(
        "Annual cost of ownership (USD a year) by monthly volume\nProfile  {}\n\n",
        crate::profile::summary(p)
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
    for line in change_lines(&t.changes) {
        let (at, words) = match line {
            ChangeLine::One(c) => (c.monthly_volume, change(engines, &c)),
            ChangeLine::Alternate {
                pair,
                from,
                to,
                times,
            } => (from, alternate(engines, pair, from, to, times)),
        };
        let line = format!(
            "  {}: {}",
            fit_left(&format!("{}/month", units::volume(at)), 12),
            words
        );
        // A change wraps under its words, past the volume.
        out.push_str(&crate::layout::hang(&line, 16, width));
        out.push('\n');
    }
    out.push_str(&format!(
        "\nAssumptions: {}; each engine's node capacity is in `mtafit show ID`.\n* a licence or plan price that is estimated, or extrapolated beyond published plans.\n",
        super::sentence::assumptions(p)
    ));
    crate::layout::fit(&out, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_step_flips_is_one_line() {
        // GreenArrow (1) and Halon (2) trade places five times at price steps between 72M and
        // 216M; Postfix (0) crosses GreenArrow once in between, smoothly.
        let x = |a, b, v, step| Crossover {
            a,
            b,
            monthly_volume: v,
            step,
        };
        let changes = [
            x(1, 2, 72_000_000, true),
            x(2, 1, 100_000_000, true),
            x(0, 1, 110_000_000, false),
            x(1, 2, 144_000_000, true),
            x(2, 1, 180_000_000, true),
            x(1, 2, 216_000_000, true),
        ];
        let lines = change_lines(&changes);
        assert_eq!(
            lines,
            [
                ChangeLine::Alternate {
                    pair: (1, 2),
                    from: 72_000_000,
                    to: 216_000_000,
                    times: 5
                },
                ChangeLine::One(changes[2]),
            ]
        );
        // Two flips stay as they are.
        assert_eq!(change_lines(&changes[..2]).len(), 2);
    }
}
