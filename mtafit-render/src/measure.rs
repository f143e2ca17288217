//! A measurement for people: counts, the brief's reading, a per-day sparkline, top domains.

use mtafit_measure::Report;
use mtafit_measure::growth::Trend;
use mtafit_model::units;
use std::fmt::Write;

const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One character per value (or per group of values, to fit `width`), scaled to the largest.
pub fn sparkline(values: &[u64], width: usize) -> String {
    if values.is_empty() || width == 0 {
        return String::new();
    }
    let per = values.len().div_ceil(width);
    let groups: Vec<u64> = values.chunks(per).map(|c| c.iter().sum()).collect();
    let max = groups.iter().copied().max().unwrap_or(0).max(1);
    groups
        .iter()
        .map(|&v| {
            if v == 0 {
                ' '
            } else {
                SPARKS[((v as f64 / max as f64) * 7.0).round() as usize]
            }
        })
        .collect()
}

/// The month-over-month trend in words: "+6.1 % a month over 5 months", or why there is none.
pub fn growth(t: &Trend) -> String {
    match t {
        Trend::Estimated { per_month, months } => format!(
            "{} a month over {}",
            units::signed_percent(*per_month),
            units::count(u64::from(*months), "month", "months")
        ),
        Trend::TooShort { months, days } => format!(
            "not estimated: {} covered for a week or more, {days:.0} days between them; \
             a trend needs two months or more of log",
            units::count(u64::from(*months), "month is", "months are")
        ),
        Trend::Noisy {
            months,
            lowest,
            highest,
        } => format!(
            "not estimated: over {} the volume changed by {} to {} from one month to the \
             next, too unevenly for one rate",
            units::count(u64::from(*months), "month", "months"),
            units::signed_percent(*lowest),
            units::signed_percent(*highest)
        ),
    }
}

/// The report as `measure --format json` prints it (docs/json.md).
pub fn json(r: &Report) -> String {
    // A report holds only strings, integers and finite numbers: serialising it cannot fail.
    serde_json::to_string_pretty(r).unwrap_or_default() + "\n"
}

/// The report for people.
pub fn table(r: &Report) -> String {
    let mut o = String::new();
    let g = |n: u64| units::grouped(n);
    let files = match r.files.len() {
        1 => r.files[0].path.clone(),
        n => format!("{n} files"),
    };
    let _ = writeln!(o, "mtafit measure · {} · {files}", r.format);
    match (&r.first, &r.last) {
        (Some(f), Some(l)) => {
            let _ = writeln!(
                o,
                "{} → {}  ({:.2} days)",
                f.replace('T', " "),
                l.replace('T', " "),
                r.days
            );
        }
        _ => {
            let _ = writeln!(o, "no deliveries, deferrals or bounces found");
        }
    }
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "  Monthly volume  {:>12}  ({} per 30 days)",
        units::volume(r.monthly_volume),
        g(r.monthly_volume)
    );
    let _ = writeln!(o, "  Reading         {}", r.reading);
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "  Sent            {:>12}  recipients, in {} message{}",
        g(r.sent),
        g(r.messages_sent),
        if r.messages_sent == 1 { "" } else { "s" }
    );
    if r.notifications > 0 {
        let _ = writeln!(
            o,
            "    notifications {:>12}  bounce notification{}, left out of the volume",
            g(r.notifications),
            if r.notifications == 1 { "" } else { "s" }
        );
    }
    let _ = writeln!(
        o,
        "  Deferred        {:>12}  attempt{}",
        g(r.deferred),
        if r.deferred == 1 { "" } else { "s" }
    );
    let _ = writeln!(o, "  Bounced         {:>12}", g(r.bounced));
    let _ = writeln!(o, "  Expired         {:>12}", g(r.expired));
    let skipped = [
        (r.filter_hops, "content-filter hop", "content-filter hops"),
        (r.local, "local delivery", "local deliveries"),
        (r.probes, "address probe", "address probes"),
    ];
    let skipped: Vec<String> = skipped
        .iter()
        .filter(|(n, ..)| *n > 0)
        .map(|&(n, one, many)| units::count(n, one, many))
        .collect();
    if !skipped.is_empty() {
        let _ = writeln!(o, "  Not counted     {}", skipped.join(" · "));
    }
    let _ = writeln!(o, "  Unparsed        {:>12}", g(r.unparsed));
    if !r.per_day.is_empty() {
        let sent: Vec<u64> = r.per_day.iter().map(|d| d.sent).collect();
        let _ = writeln!(o);
        let _ = writeln!(o, "  Per day (sent)  {}", sparkline(&sent, 60));
        if let Some(p) = &r.peak {
            let _ = writeln!(o, "  Peak day        {} · {} sent", p.date, g(p.sent));
        }
    }
    if r.per_month.len() >= 2 {
        let _ = writeln!(o);
        let _ = writeln!(o, "  Per month (sent)");
        for m in &r.per_month {
            let cover = if m.complete {
                "whole month".to_owned()
            } else {
                format!("{:.1} days", m.covered_days)
            };
            let pace = m.monthly_rate.map_or_else(
                || "too few days to count".to_owned(),
                |x| format!("{}/month at its pace", units::volume(x)),
            );
            let _ = writeln!(o, "    {}  {:>12}  {cover:<12} {pace}", m.month, g(m.sent));
        }
        let _ = writeln!(o, "  Growth          {}", growth(&r.growth));
    }
    if !r.top_domains.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "  Top domains");
        let width = r
            .top_domains
            .iter()
            .map(|d| mtafit_model::text::width(&d.domain))
            .max()
            .unwrap_or(0)
            .min(40);
        for d in &r.top_domains {
            let share = if r.sent > 0 {
                100.0 * d.sent as f64 / r.sent as f64
            } else {
                0.0
            };
            let _ = writeln!(
                o,
                "    {}  {:>12}  {share:>5.1}%",
                mtafit_model::text::fit_left(&d.domain, width),
                g(d.sent)
            );
        }
    }
    if !r.unparsed_examples.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "  Lines that could not be read");
        for e in &r.unparsed_examples {
            let place = match e.line {
                Some(n) => format!("{}:{n}", e.file),
                None => e.file.clone(),
            };
            let _ = writeln!(
                o,
                "    {place}: {}",
                mtafit_model::text::truncate(&e.text, 100)
            );
        }
    }
    if !r.notes.is_empty() {
        let _ = writeln!(o);
        for n in &r.notes {
            let _ = writeln!(o, "  Note: {n}");
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_scale_and_group() {
        assert_eq!(sparkline(&[0, 1, 2, 4, 8], 10), " ▂▃▅█");
        assert_eq!(sparkline(&[1; 120], 60).chars().count(), 60);
        assert_eq!(sparkline(&[], 60), "");
    }
}
