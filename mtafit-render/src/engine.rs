//! One engine's facts: a fact sheet for people and JSON with the catalogue's field names.

use mtafit_model::catalogue::{Basis, Capability, Engine, Level};
use mtafit_model::{text, units};

/// Width of the label column in the fact sheet.
const LABEL: usize = 14;

/// The engine with the field names of its catalogue file (docs/catalogue.md), as JSON.
pub fn json(engine: &Engine) -> String {
    // An engine holds only strings, finite numbers and enums: serialising it cannot fail.
    serde_json::to_string_pretty(engine).unwrap_or_default() + "\n"
}

/// What `show` without an id says: how to ask, then every engine's id and name, one a line,
/// by id (ids are what `show` takes).
pub fn id_list(engines: &[Engine]) -> String {
    let mut rows: Vec<(&str, &str)> = engines
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    rows.sort_unstable();
    let w = rows
        .iter()
        .map(|(id, _)| text::width(id))
        .max()
        .unwrap_or(0);
    let example = rows.first().map_or("postfix", |(id, _)| id);
    let mut out = format!("show needs an engine id, e.g. `mtafit show {example}`; the engines:\n");
    for (id, name) in rows {
        out.push_str(&format!("  {}  {name}\n", text::fit_left(id, w)));
    }
    out
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
    row("role", e.role().describe());
    row("vendor", &e.vendor);
    if !e.language.is_empty() {
        row("language", &e.language);
    }
    row(
        "first release",
        &with_basis(e.first_release.to_string(), &e.first_release_basis),
    );
    row("config", &e.config.describe());
    if let Some(every) = &e.everyday_config {
        row(
            "everyday",
            &with_basis(
                format!("{} for day-to-day changes", every.describe()),
                &e.everyday_config_basis,
            ),
        );
    }
    if let Some(k) = e.scale_out() {
        row(
            "scale-out",
            &format!(
                "{} ({})",
                k.describe(),
                basis_words(&e.scale_out_basis, "not in the file: assumed independent")
            ),
        );
    }
    row(
        "volume band",
        &with_basis(
            format!(
                "{} to {} messages a month",
                units::volume(e.volume.min_per_month),
                units::volume(e.volume.max_per_month)
            ),
            &e.volume.band_basis,
        ),
    );
    row(
        "documented",
        &match e.volume.proven_max_per_month {
            Some(max) => with_basis(
                format!("{} messages a month in one estate", units::volume(max)),
                &e.volume.proven_basis,
            ),
            None => format!(
                "{} messages a month (no published figure: the band's top)",
                units::volume(e.volume.proven_max())
            ),
        },
    );
    row("cost", &cost_text(e));
    if let Some(basis) = &e.cost.estimate {
        row("estimate", basis);
    }
    let s = &e.support;
    let support: Vec<&str> = [
        (s.community, "community"),
        (s.vendor_sla, "vendor SLA"),
        (s.third_party, "third-party"),
    ]
    .iter()
    .filter(|(has, _)| *has)
    .map(|(_, name)| *name)
    .collect();
    let mut support = if support.is_empty() {
        "none listed".to_owned()
    } else {
        support.join(", ")
    };
    if let Some(usd) = s.contract_usd_per_year {
        support.push_str(&format!(
            "; an SLA contract costs {}/year ({})",
            units::usd_exact(usd),
            basis_words(&s.contract_basis, "unsourced")
        ));
    }
    row("support", &support);
    row("capabilities", &capability_text(e));
    if let Some(days) = e.event_retention_days {
        row(
            "events kept",
            &with_basis(format!("{days} days"), &e.event_retention_basis),
        );
    }
    for (i, (c, how)) in e.add_ons.iter().enumerate() {
        row(
            if i == 0 { "add-ons" } else { "" },
            &format!("{}: {how}", c.label()),
        );
    }
    row("good at", &e.good_at);
    row("cautions", &e.cautions);
    for (i, s) in e.sources.iter().enumerate() {
        row(if i == 0 { "sources" } else { "" }, s);
    }
    row(
        "checked",
        &match path {
            Some(p) => format!(
                "{}, from {p}",
                super::sentence::checked(&e.checked, mtafit_model::calendar::today())
            ),
            None => super::sentence::checked(&e.checked, mtafit_model::calendar::today()),
        },
    );
    if let Some(prices) = &e.cost.prices_checked {
        row(
            "prices",
            &format!(
                "checked {}",
                super::sentence::checked(prices, mtafit_model::calendar::today())
            ),
        );
    }
    out
}

fn cost_text(e: &Engine) -> String {
    let c = &e.cost;
    let mut parts = Vec::new();
    if c.licence_per_year_usd > 0.0 {
        parts.push(format!(
            "licence {}/year{}",
            units::usd_exact(c.licence_per_year_usd),
            if c.licence_per_node {
                " per node"
            } else {
                " per estate"
            }
        ));
    }
    if c.licence_per_million_usd > 0.0 {
        parts.push(format!(
            "licence {}/year for each million messages a month",
            units::usd_cents(c.licence_per_million_usd)
        ));
    }
    if c.licence_per_year_usd == 0.0 && c.licence_per_million_usd == 0.0 && !e.is_managed() {
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
    for q in &c.plans {
        let mut prices: Vec<String> = q
            .tiers
            .iter()
            .map(|t| {
                format!(
                    "{} {}/month",
                    units::volume(t.up_to_per_month),
                    units::usd_cents(t.usd_per_month)
                )
            })
            .collect();
        prices.extend(q.bands.iter().map(|b| {
            format!(
                "{} per 1,000 from {}",
                units::usd_cents(b.usd_per_thousand),
                units::volume(b.from_per_month)
            )
        }));
        if q.per_thousand_usd > 0.0 {
            prices.push(format!(
                "{} per 1,000{}",
                units::usd_cents(q.per_thousand_usd),
                if q.tiers.is_empty() { "" } else { " above" }
            ));
        }
        if q.base_per_month_usd > 0.0 {
            prices.insert(
                0,
                format!("{}/month base", units::usd_cents(q.base_per_month_usd)),
            );
        }
        if let Some(m) = q.max_per_month {
            prices.push(format!("up to {}/month", units::volume(m)));
        }
        if !q.dedicated_ips {
            prices.push("shared addresses only".into());
        }
        parts.push(format!("plan {}: {}", q.name, prices.join(", ")));
    }
    if let Some(ip) = c.dedicated_ip_usd_per_month {
        parts.push(format!(
            "dedicated IP {}/month{} ({})",
            units::usd_cents(ip),
            if c.dedicated_ips_included > 0 {
                format!(", {} in the plan", c.dedicated_ips_included)
            } else {
                String::new()
            },
            basis_words(&c.dedicated_ip_basis, "unsourced")
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
            "one node carries {}/month ({})",
            units::volume(c.node_capacity_per_month),
            basis_words(&c.node_capacity_basis, "an assumption")
        ));
    }

    parts.join("; ")
}

/// A fact followed by where it comes from.
fn with_basis(fact: String, b: &Basis) -> String {
    format!("{fact} ({})", basis_words(b, "no source: an estimate"))
}

/// "sourced", "the brief's figure", or what an estimate rests on.
pub fn basis_words(b: &Basis, unsourced: &str) -> String {
    match b {
        Basis::Brief => "the brief's figure".into(),
        Basis::Source(url) => format!("source: {url}"),
        Basis::Estimate(why) => format!("an estimate: {why}"),
        Basis::Unsourced => unsourced.into(),
    }
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
        (Level::AddOn, "through an add-on"),
        (Level::Separate, "sold separately"),
        (Level::Partial, "partial"),
        (Level::Unknown, "unknown (no source)"),
        (Level::No, "no"),
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
