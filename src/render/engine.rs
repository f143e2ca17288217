//! One engine's facts: a fact sheet for people and JSON with the catalogue's field names.

use crate::catalogue::{Capability, Engine, Level};
use crate::units;

/// Width of the label column in the fact sheet.
const LABEL: usize = 14;

/// The engine with the field names of its catalogue file (docs/catalogue.md), as JSON.
pub fn json(engine: &Engine) -> String {
    // An engine holds only strings, finite numbers and enums: serialising it cannot fail.
    serde_json::to_string_pretty(engine).unwrap_or_default() + "\n"
}

/// A fact sheet `width` columns wide.
pub fn sheet(e: &Engine, path: Option<&str>, width: usize) -> String {
    let width = width.max(40);
    let mut out = format!(
        "{} ({}) — {}, {}, {}\n\n",
        e.name,
        e.id,
        e.kind,
        e.licence_label(),
        e.status
    );
    let mut row = |label: &str, value: &str| {
        // Never split "add-ons" or URLs at a hyphen: a reader copies these.
        let opts = textwrap::Options::new(width - LABEL - 2)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .break_words(false);
        for (i, line) in textwrap::wrap(value, opts).iter().enumerate() {
            let l = if i == 0 { label } else { "" };
            out.push_str(&format!("  {l:<w$}{line}\n", w = LABEL));
        }
        if value.is_empty() {
            out.push_str(&format!("  {label}\n"));
        }
    };
    row("vendor", &e.vendor);
    if !e.language.is_empty() {
        row("language", &e.language);
    }
    row("first release", &e.first_release.to_string());
    row("config", &e.config.describe());
    row(
        "volume band",
        &format!(
            "{} to {} messages a month",
            units::volume(e.volume.min_per_month),
            units::volume(e.volume.max_per_month)
        ),
    );
    row("cost", &cost_text(e));
    if let Some(basis) = &e.cost.estimate {
        row("estimate", basis);
    }
    let s = e.support;
    let support: Vec<&str> = [
        (s.community, "community"),
        (s.vendor_sla, "vendor SLA"),
        (s.third_party, "third-party"),
    ]
    .iter()
    .filter(|(has, _)| *has)
    .map(|(_, name)| *name)
    .collect();
    row(
        "support",
        &if support.is_empty() {
            "none listed".to_owned()
        } else {
            support.join(", ")
        },
    );
    row("capabilities", &capability_text(e));
    row("good at", &e.good_at);
    row("cautions", &e.cautions);
    for (i, s) in e.sources.iter().enumerate() {
        row(if i == 0 { "sources" } else { "" }, s);
    }
    row(
        "checked",
        &match path {
            Some(p) => format!("{} (from {p})", e.checked),
            None => e.checked.clone(),
        },
    );
    out
}

fn cost_text(e: &Engine) -> String {
    let c = &e.cost;
    let mut parts = Vec::new();
    if c.licence_per_year_usd > 0.0 {
        parts.push(format!(
            "licence {}/year{}",
            units::usd_exact(c.licence_per_year_usd),
            if c.licence_per_node { " per node" } else { "" }
        ));
    } else if !e.is_managed() {
        parts.push("no licence fee".to_owned());
    }
    if c.base_per_month_usd > 0.0 {
        parts.push(format!(
            "{}/month base",
            units::usd_exact(c.base_per_month_usd)
        ));
    }
    for t in &c.tiers {
        parts.push(format!(
            "plan {}/month for {}",
            format_args!("${:.2}", t.usd_per_month),
            units::volume(t.up_to_per_month)
        ));
    }
    if c.per_thousand_usd > 0.0 {
        parts.push(format!(
            "${} per 1,000{}",
            trim_float(c.per_thousand_usd),
            if c.tiers.is_empty() {
                ""
            } else {
                " above the top plan"
            }
        ));
    }
    if !e.is_managed() {
        parts.push(format!(
            "one node carries {}/month (assumption)",
            units::volume(c.node_capacity_per_month)
        ));
    }
    parts.push(format!(
        "{} ops hours/month (assumption)",
        trim_float(c.ops_hours_per_month)
    ));
    parts.join("; ")
}

fn capability_text(e: &Engine) -> String {
    let group = |level: Level| {
        Capability::ALL
            .iter()
            .filter(|c| e.capability(**c) == level)
            .map(|c| c.label())
            .collect::<Vec<_>>()
            .join(", ")
    };
    [
        (Level::Yes, "yes"),
        (Level::Partial, "partial"),
        (Level::No, "no"),
        (Level::Unknown, "unknown"),
    ]
    .iter()
    .filter_map(|(level, name)| {
        let g = group(*level);
        (!g.is_empty()).then(|| format!("{name}: {g}."))
    })
    .collect::<Vec<_>>()
    .join(" ")
}

fn trim_float(x: f64) -> String {
    let s = format!("{x:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}
