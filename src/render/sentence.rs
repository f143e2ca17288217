//! Sentences about single results that several outputs show: why an engine is out, what a
//! cost item is.

use crate::decide::KnockOut;
use crate::decide::cost::{Basis, CostItem};
use crate::units;

/// Why an engine is knocked out, as a clause: "lacks a must: external queue (no)".
pub fn knock_out(k: &KnockOut) -> String {
    match k {
        KnockOut::Managed => "a managed service, and you want to own the sending layer".into(),
        KnockOut::SelfHosted => "self-hosted, and a managed service (ESP) is enough for you".into(),
        KnockOut::LacksMust(missing) => format!(
            "lacks a must: {}",
            missing
                .iter()
                .map(|(c, level)| format!("{} ({level})", c.label()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A cost item's label, saying what is assumed: "1 server × $150/month (assumption)".
pub fn cost_label(item: &CostItem) -> String {
    match item.basis {
        Basis::Licence { held: true, .. } => "licence (already held)".into(),
        Basis::Licence { .. } if item.provenance == crate::decide::Provenance::Estimated => {
            "licence (estimate)".into()
        }
        Basis::Licence { .. } => "licence".into(),
        Basis::Messages { extrapolated: true } => {
            "messages (beyond published plans, extrapolated)".into()
        }
        Basis::Messages { .. } if item.provenance == crate::decide::Provenance::Estimated => {
            "messages (estimate)".into()
        }
        Basis::Messages { .. } => "messages".into(),
        Basis::FixedFees => "fixed monthly fees".into(),
        Basis::Servers {
            nodes,
            per_month_usd,
        } => format!(
            "{nodes} server{} × {}/month (assumption)",
            if nodes == 1 { "" } else { "s" },
            units::usd(per_month_usd)
        ),
        Basis::Operations { rate_usd, .. } => {
            format!("operations at {}/hour (assumption)", units::usd(rate_usd))
        }
    }
}

/// How a cost item's amount was computed, with its numbers: "8 hours/month × $90/hour × 12".
pub fn cost_basis(item: &CostItem) -> String {
    match item.basis {
        Basis::Licence { held: true, .. } => "already held: nothing more to pay this year".into(),
        Basis::Licence {
            per_node: Some(n), ..
        } => format!(
            "{n} yearly licence{}, one per server",
            if n == 1 { "" } else { "s" }
        ),
        Basis::Licence { .. } => "a yearly licence".into(),
        Basis::Messages { extrapolated: true } => {
            "the top published plan, and the per-message price beyond it (extrapolated)".into()
        }
        Basis::Messages { .. } => "the per-message price or the plan that covers the volume".into(),
        Basis::FixedFees => "fixed monthly fees × 12".into(),
        Basis::Servers {
            nodes,
            per_month_usd,
        } => format!(
            "{nodes} server{} × {}/month × 12",
            if nodes == 1 { "" } else { "s" },
            units::usd_exact(per_month_usd)
        ),
        Basis::Operations {
            hours_per_month,
            rate_usd,
        } => format!(
            "{} hours/month × {}/hour × 12",
            units::weight(hours_per_month),
            units::usd_exact(rate_usd)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{Capability, Level};
    use crate::decide::{CostKind, Provenance};

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
    fn cost_items_say_what_is_assumed() {
        let servers = CostItem {
            kind: CostKind::Servers,
            amount: 3600.0,
            basis: Basis::Servers {
                nodes: 2,
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
                hours_per_month: 8.0,
                rate_usd: 90.0,
            },
            provenance: Provenance::Assumed,
        };
        assert_eq!(cost_basis(&ops), "8 hours/month × $90/hour × 12");
    }
}
