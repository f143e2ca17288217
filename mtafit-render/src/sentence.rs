//! Sentences about single results that several outputs show: why an engine is out, what a
//! cost item is.

use mtafit_model::catalogue::{Capability, Engine, FactorId, Level};
use mtafit_model::decide::KnockOut;
use mtafit_model::decide::cost::{Basis, CostItem};
use mtafit_model::decide::rank::{Caveat, MAILBOX_SERVER_MAX, Note, Row};
use mtafit_model::units;

fn levels(list: &[(Capability, Level)]) -> String {
    list.iter()
        .map(|(c, level)| format!("{} ({level})", c.label()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why an engine is knocked out, as a clause: "lacks a must: external queue (no)".
pub fn knock_out(k: &KnockOut) -> String {
    match k {
        KnockOut::Managed => "a managed service, and you want to own the sending layer".into(),
        KnockOut::SelfHosted => "self-hosted, and a managed service (ESP) is enough for you".into(),
        KnockOut::LacksMust(missing) => format!("lacks a must: {}", levels(missing)),
        KnockOut::MailboxServer => format!(
            "a mailbox server: not a sender's MTA above {}/month",
            units::volume(MAILBOX_SERVER_MAX)
        ),
        KnockOut::SingleNode { carries, estimated } => format!(
            "runs on one node only, and one node carries {}/month at your busiest hour{}",
            units::volume(*carries),
            if *estimated { " (an estimate)" } else { "" }
        ),
        KnockOut::OverCap {
            cost,
            cap,
            estimated,
        } => format!(
            "over your {}/yr cap by {} at {}/yr{}",
            units::usd(*cap),
            units::usd(cost - cap),
            units::usd(*cost),
            if *estimated { " (estimated)" } else { "" }
        ),
    }
}

/// Every reason an engine is out, joined: what `excluded` says in the JSON and the tables.
pub fn out(r: &Row) -> Option<String> {
    (!r.out.is_empty()).then(|| r.out.iter().map(knock_out).collect::<Vec<_>>().join("; "))
}

/// Why a candidate ranks below those without a caveat.
pub fn caveat(c: &Caveat) -> String {
    match c {
        Caveat::PartialMust(list) => format!("meets a must only partly: {}", levels(list)),
        Caveat::UnconfirmedMust(caps) => format!(
            "no source confirms a must: {} (unknown — ask the vendor)",
            caps.iter()
                .map(|c| c.label())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Caveat::MailboxServer => {
            "a mailbox server: it sends its users' mail, not bulk or transactional streams".into()
        }
    }
}

/// What to know besides: a must met through an add-on, an estimated price near the cap.
pub fn note(e: &Engine, n: &Note) -> String {
    match n {
        Note::AddOnMust(caps) => format!(
            "meets {} through {}",
            caps.iter()
                .map(|c| c.label())
                .collect::<Vec<_>>()
                .join(", "),
            caps.iter()
                .map(|c| e.add_on(*c).unwrap_or("an add-on").to_owned())
                .collect::<Vec<_>>()
                .join("; ")
        ),
        Note::BeyondDocumented {
            documented,
            estimated,
        } => format!(
            "beyond the {}/month one estate is documented to carry{}: that it carries more is an estimate",
            units::volume(*documented),
            if *estimated {
                " (itself an estimate)"
            } else {
                ""
            }
        ),
        Note::EstimateNearCap { cost, cap } => format!(
            "an estimated {}/yr, close to your {}/yr cap: ask the vendor for a quote",
            units::usd(*cost),
            units::usd(*cap)
        ),
    }
}

/// Caveats and notes of a row, as sentences, caveats first, then the project's status when it
/// is not active.
pub fn remarks(e: &Engine, r: &Row) -> Vec<String> {
    r.caveats
        .iter()
        .map(caveat)
        .chain(r.notes.iter().map(|n| note(e, n)))
        .chain(status(e.status))
        .collect()
}

/// What a project's status means for a team choosing it; nothing for an active one.
pub fn status(s: mtafit_model::catalogue::Status) -> Option<String> {
    use mtafit_model::catalogue::Status;
    match s {
        Status::Active => None,
        Status::Maintained => Some("maintained: fixes and occasional releases, little new".into()),
        Status::Stalled => {
            Some("development has stalled: the product ships, the roadmap does not move".into())
        }
        Status::Legacy => Some("a legacy project, rarely chosen for new builds".into()),
    }
}

/// A cost item's label, saying what is assumed: "1 server × $150/month (assumption)".
pub fn cost_label(item: &CostItem) -> String {
    match item.basis {
        Basis::Licence { held: true, .. } => "licence renewal (held)".into(),
        Basis::Licence { .. } if item.provenance == mtafit_model::decide::Provenance::Estimated => {
            "licence (estimate)".into()
        }
        Basis::Licence { .. } => "licence".into(),
        Basis::Support if item.provenance == mtafit_model::decide::Provenance::Estimated => {
            "support contract with an SLA (estimate)".into()
        }
        Basis::Support => "support contract with an SLA".into(),
        Basis::Messages {
            extrapolated: true, ..
        } => "messages (beyond published plans, extrapolated)".into(),
        Basis::Messages { .. }
            if item.provenance == mtafit_model::decide::Provenance::Estimated =>
        {
            "messages (estimate)".into()
        }
        Basis::Messages { .. } => "messages".into(),
        Basis::FixedFees { .. } => "fixed monthly fees".into(),
        Basis::Servers {
            nodes,
            per_month_usd,
            ..
        } => format!(
            "{nodes} server{} × {}/month (assumption)",
            if nodes == 1 { "" } else { "s" },
            units::usd(per_month_usd)
        ),
        Basis::IpAddresses {
            ips, per_month_usd, ..
        } => format!(
            "{ips} IP address{} × {}/month{}",
            if ips == 1 { "" } else { "es" },
            units::usd_cents(per_month_usd),
            if item.provenance == mtafit_model::decide::Provenance::Assumed {
                " (assumption)"
            } else if item.provenance == mtafit_model::decide::Provenance::Estimated {
                " (estimate)"
            } else {
                ""
            }
        ),
        Basis::Operations { rate_usd, .. } => {
            format!("operations at {}/hour (assumption)", units::usd(rate_usd))
        }
        Basis::Coordination { .. } => {
            "splitting per-provider limits across nodes (assumption)".into()
        }
        Basis::Deliverability { .. } => "deliverability work (assumption)".into(),
    }
}

/// The plan a messages or fee item is priced on, as the vendor names it: "SendGrid Essentials
/// 100K", "Amazon SES Essentials"; `None` for other items and engines without named plans.
pub fn plan_name(e: &Engine, item: &CostItem) -> Option<String> {
    let (plan, tier) = match item.basis {
        Basis::Messages { plan, tier, .. } => (plan, tier),
        Basis::FixedFees { plan } => (plan, None),
        _ => return None,
    };
    let c = &e.cost;
    let tiers = match plan {
        Some(i) => &c.plans.get(i)?.tiers,
        None => &c.tiers,
    };
    let named = tier
        .and_then(|t| tiers.get(t))
        .and_then(|t| t.name.clone())
        .or_else(|| plan.and_then(|i| c.plans.get(i)).map(|q| q.name.clone()))?;
    Some(format!("{} {named}", e.name))
}

/// A cost item's label with the plan it is priced on: "messages: SendGrid Essentials 100K".
pub fn cost_label_of(e: &Engine, item: &CostItem) -> String {
    match plan_name(e, item) {
        Some(plan) => format!("{}: {plan}", cost_label(item)),
        None => cost_label(item),
    }
}

/// How a cost item's amount was computed, with its numbers: "8 hours/month × $90/hour × 12".
pub fn cost_basis(item: &CostItem) -> String {
    match item.basis {
        Basis::Licence {
            held: true,
            per_node,
            ..
        } => format!(
            "the renewal of a licence you hold{}",
            per_node.map_or(String::new(), |n| format!(
                " ({n} server licence{})",
                if n == 1 { "" } else { "s" }
            ))
        ),
        Basis::Support => "a yearly support contract with an SLA, sold apart".into(),
        Basis::Licence {
            per_node: Some(n), ..
        } => format!(
            "{n} yearly licence{}, one per server",
            if n == 1 { "" } else { "s" }
        ),
        Basis::Licence { .. } => "a yearly licence".into(),
        Basis::Messages {
            extrapolated: true, ..
        } => "the top published plan, and the per-message price beyond it (extrapolated)".into(),
        Basis::Messages { .. } => "the per-message price or the plan that covers the volume".into(),
        Basis::FixedFees { .. } => "fixed monthly fees × 12".into(),
        Basis::Servers {
            nodes,
            spares,
            per_month_usd,
        } => format!(
            "{nodes} server{}{} × {}/month × 12",
            if nodes == 1 { "" } else { "s" },
            match spares {
                0 => String::new(),
                1 => format!(" ({} for the busiest hour + 1 spare)", nodes - 1),
                s => format!(" ({} for the busiest hour + {s} spares)", nodes - s),
            },
            units::usd_exact(per_month_usd)
        ),
        Basis::IpAddresses {
            ips,
            included,
            per_month_usd,
        } => {
            let paid = ips - included.min(ips);
            let inc = if included > 0 {
                format!(" ({included} included in the plan)")
            } else {
                String::new()
            };
            format!(
                "{ips} address{} for the busiest day{inc}: {paid} × {}/month × 12",
                if ips == 1 { "" } else { "es" },
                units::usd_cents(per_month_usd)
            )
        }
        Basis::Coordination {
            nodes,
            hours_per_node,
            rate_usd,
        } => format!(
            "{} hours/month × {} node{} beyond the first × {}/hour × 12",
            units::weight(hours_per_node),
            nodes.saturating_sub(1),
            if nodes == 2 { "" } else { "s" },
            units::usd_exact(rate_usd)
        ),
        Basis::Deliverability {
            ips,
            hours_per_ip,
            rate_usd,
        } => format!(
            "{} hours/month × {ips} address{} × {}/hour × 12",
            units::weight(hours_per_ip),
            if ips == 1 { "" } else { "es" },
            units::usd_exact(rate_usd)
        ),
        Basis::Operations {
            base_hours,
            node_hours,
            nodes,
            rate_usd,
        } => {
            let hours = if nodes == 0 || node_hours == 0.0 {
                format!("{} hours/month", units::weight(base_hours))
            } else {
                format!(
                    "({} + {} × {nodes} server{}) hours/month",
                    units::weight(base_hours),
                    units::weight(node_hours),
                    if nodes == 1 { "" } else { "s" }
                )
            };
            format!("{hours} × {}/hour × 12", units::usd_exact(rate_usd))
        }
    }
}

/// An estate in words: "2 nodes (1 for the busiest hour + 1 spare), nodes share their shaping
/// state; 30 IP addresses", or a service's addresses.
pub fn estate(c: &mtafit_model::decide::AnnualCost) -> String {
    let s = &c.estate;
    let plural = |n: u64, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    if c.nodes == 0 {
        return match s.ips {
            0 => "sends from the service's shared addresses".into(),
            n => format!(
                "{} of its own{}",
                plural(n, "dedicated IP address", "dedicated IP addresses"),
                if c.ips_included > 0 {
                    format!(" ({} in the plan)", c.ips_included.min(n))
                } else {
                    String::new()
                }
            ),
        };
    }
    let nodes = if s.spares == 0 {
        plural(c.nodes, "node", "nodes")
    } else {
        format!(
            "{} ({} for the busiest hour + {})",
            plural(c.nodes, "node", "nodes"),
            s.peak_nodes,
            plural(s.spares, "spare", "spares")
        )
    };
    // How nodes share their limits matters once more than one sends.
    let how = match s.scale_out {
        Some(k) if s.peak_nodes > 1 => format!(", {}", k.describe()),
        _ => String::new(),
    };
    format!(
        "{nodes}{how}; {}",
        plural(s.ips, "IP address", "IP addresses")
    )
}

/// An estate in a few words for narrow panes: "2 nodes (1 spare) · 30 IPs", "10 dedicated IPs",
/// "shared IPs".
pub fn estate_short(c: &mtafit_model::decide::AnnualCost) -> String {
    let s = &c.estate;
    let ips = |n: u64| format!("{n} IP{}", if n == 1 { "" } else { "s" });
    if c.nodes == 0 {
        return match s.ips {
            0 => "shared IPs".into(),
            n => format!("{} dedicated", ips(n)),
        };
    }
    let spare = if s.spares > 0 {
        format!(" ({} spare)", s.spares)
    } else {
        String::new()
    };
    format!(
        "{} node{}{spare} · {}",
        c.nodes,
        if c.nodes == 1 { "" } else { "s" },
        ips(s.ips)
    )
}

/// What a year costs in cash and in staff time: "$4.9k/yr in cash and $27k/yr of staff time".
pub fn cash_and_staff(c: &mtafit_model::decide::AnnualCost) -> String {
    format!(
        "{}/yr in cash and {}/yr of staff time",
        units::usd(c.cash()),
        units::usd(c.staff())
    )
}

/// The profile's cost assumptions in one phrase: "$150/server/month, $90/ops hour, 6 ops hours a
/// month plus 2 per server (2 for a managed service), …".
pub fn assumptions(p: &mtafit_model::profile::Profile) -> String {
    let p = &p.assumptions;
    format!(
        "{}/server/month, {}/ops hour, {} ops hours a month plus {} per server ({} for a managed service), \
         nodes for a busiest day {}× the average over {}, {} from {}/month, \
         {} a day per address at {}/month, {} a month per address for deliverability, {} a month per extra independent node for coordination",
        units::usd(p.node_cost_per_month_usd),
        units::usd(p.hourly_rate_usd),
        units::weight(p.ops_base_hours_per_month),
        units::weight(p.ops_hours_per_node_per_month),
        units::weight(p.service_ops_hours_per_month),
        units::weight(p.peak_day_factor),
        hours(p.busy_hours_per_day).replace("hour", "busy hour"),
        match p.spare_nodes {
            0 => "no spare node".to_owned(),
            1 => "1 spare node".to_owned(),
            n => format!("{n} spare nodes"),
        },
        units::volume(p.spares_from_per_month),
        units::volume(p.messages_per_ip_per_day),
        units::usd_cents(p.ip_cost_per_month_usd),
        hours(p.deliverability_hours_per_ip_per_month),
        hours(p.coordination_hours_per_node_per_month),
    )
}

/// How old a `YYYY-MM-DD` date is on day `today` (days since 1970-01-01): "today", "yesterday",
/// "40 days ago", "in the future"; nothing for a date that is not one.
pub fn age(date: &str, today: i32) -> Option<String> {
    let (y, m, d) = mtafit_model::catalogue::validate::parse_date(date)?;
    let days = today - mtafit_model::calendar::days_from_civil(y, m, d);
    Some(match days {
        i32::MIN..=-1 => "in the future".into(),
        0 => "today".into(),
        1 => "yesterday".into(),
        n => format!("{n} days ago"),
    })
}

/// A checked date with its age: "2026-11-30 (7 days ago)".
pub fn checked(date: &str, today: i32) -> String {
    match age(date, today) {
        Some(a) => format!("{date} ({a})"),
        None => date.to_owned(),
    }
}

/// "1 hour", "0.5 hours".
fn hours(h: f64) -> String {
    format!(
        "{} hour{}",
        units::weight(h),
        if h == 1.0 { "" } else { "s" }
    )
}

/// " (the brief's figure)", " (an estimate)", or nothing for a sourced fact: a short tag after a
/// figure on screen.
pub fn basis_tag(b: &mtafit_model::catalogue::Basis) -> &'static str {
    use mtafit_model::catalogue::Basis;
    match b {
        Basis::Source(_) => "",
        Basis::Brief => " (the brief's figure)",
        Basis::Estimate(_) | Basis::Unsourced => " (an estimate)",
    }
}

/// What to set in the profile so a factor it does not ask about counts, e.g. "set cloud-native
/// to yes".
pub fn how_to_ask(f: FactorId) -> &'static str {
    match f {
        FactorId::CloudNative => "set cloud-native to yes",
        FactorId::Support => "set support to a vendor SLA",
        FactorId::Capabilities => "add wanted capabilities",
        // Always asked: nothing to set.
        FactorId::Volume
        | FactorId::Budget
        | FactorId::Team
        | FactorId::Marketing
        | FactorId::Reversibility => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mtafit_model::catalogue::{Capability, Level};
    use mtafit_model::decide::{CostKind, Provenance};
    use mtafit_model::profile::Situation;

    #[test]
    fn knock_outs_name_what_is_missing() {
        let k = KnockOut::LacksMust(vec![
            (Capability::ExternalQueue, Level::No),
            (Capability::WebUi, Level::Partial),
        ]);
        assert_eq!(
            knock_out(&k),
            "lacks a must: external queue (no), web UI (partial)"
        );
        assert!(knock_out(&KnockOut::Managed).contains("managed service"));
    }

    #[test]
    fn an_estate_reads_as_nodes_spares_and_addresses() {
        use mtafit_model::catalogue::Catalogue;
        use mtafit_model::decide::cost;
        use mtafit_model::profile::Profile;
        let cat = Catalogue::builtin();
        let p = Profile::default();
        let kumo = cost::annual(cat.engine("kumomta").unwrap(), &p, 3_000_000_000);
        let words = estate(&kumo);
        assert!(
            words.starts_with(&format!("{} nodes (", kumo.nodes)),
            "{words}"
        );
        assert!(words.contains("+ 1 spare)"), "{words}");
        assert!(words.contains("nodes share their shaping state"), "{words}");
        assert!(words.ends_with("300 IP addresses"), "{words}");
        let small = cost::annual(cat.engine("postfix").unwrap(), &p, 50_000);
        assert_eq!(estate(&small), "1 node; 1 IP address");
        let ses = cost::annual(cat.engine("ses").unwrap(), &p, 100_000);
        assert_eq!(estate(&ses), "sends from the service's shared addresses");
        let own = Profile::from(Situation {
            want: vec![Capability::DedicatedIps],
            ..Situation::default()
        });
        let sg = cost::annual(cat.engine("sendgrid").unwrap(), &own, 100_000_000);
        assert_eq!(
            estate(&sg),
            "10 dedicated IP addresses of its own (1 in the plan)"
        );
        assert!(cash_and_staff(&small).contains("in cash and"));
    }

    #[test]
    fn cost_items_say_what_is_assumed() {
        let servers = CostItem {
            kind: CostKind::Servers,
            amount: 3600.0,
            basis: Basis::Servers {
                nodes: 2,
                spares: 0,
                per_month_usd: 150.0,
            },
            provenance: Provenance::Assumed,
        };
        assert_eq!(cost_label(&servers), "2 servers × $150/month (assumption)");
        assert_eq!(cost_basis(&servers), "2 servers × $150/month × 12");
        let ops = CostItem {
            kind: CostKind::Operations,
            amount: 8640.0,
            basis: Basis::Operations {
                base_hours: 6.0,
                node_hours: 2.0,
                nodes: 1,
                rate_usd: 90.0,
            },
            provenance: Provenance::Assumed,
        };
        assert_eq!(
            cost_basis(&ops),
            "(6 + 2 × 1 server) hours/month × $90/hour × 12"
        );
    }
}
