//! The words for the sender's profile: each field's label, hint and unit (the explorer's form
//! shows them), the names of the choices, and the one-line summary.

use mtafit_model::profile::{Choice, FieldId, Marketing, Profile, SupportNeed, Team};
use mtafit_model::units;

/// The words for one field of the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// The label beside the value.
    pub label: &'static str,
    /// What the field means, shown under the form for the focused field.
    pub hint: &'static str,
    /// What follows a number of this field ("an hour" after a dollar amount, "nodes"), or
    /// nothing for a field that is not a number.
    pub unit: &'static str,
}

/// The form's hint for owning the sending layer, for its value: what yes or no means now, and
/// what the other would mean.
pub fn own_hint(own: bool) -> &'static str {
    if own {
        "yes: you run the sending servers yourself (self-hosted or licensed engines); no would \
         rent an ESP, a managed service — the brief's first question"
    } else {
        "no: you rent an ESP (a managed service); yes would run the sending servers yourself \
         (self-hosted or licensed engines) — the brief's first question"
    }
}

/// The words for `id`; a new field does not compile without them.
pub fn words(id: FieldId) -> Words {
    let w = |label, hint, unit| Words { label, hint, unit };
    match id {
        FieldId::OwnInfrastructure => w(
            "Own the sending layer",
            "no: an ESP (a managed service) is enough — the brief's first question",
            "",
        ),
        FieldId::MonthlyVolume => w(
            "Monthly volume",
            "messages accepted a month: 7421043, 7.4M, 250k/day, 2.5M/week, 90M/year",
            "messages a month",
        ),
        FieldId::AnnualBudgetUsd => w(
            "Budget cap (USD/yr)",
            "empty for no cap; 20000, 20k or 1.5M",
            "a year",
        ),
        FieldId::Team => w("Team can run", "what your people can operate well", ""),
        FieldId::TeamKnows => w(
            "Team already runs",
            "engines your team runs today; Space or → picks from the catalogue",
            "",
        ),
        FieldId::LicencesHeld => w(
            "Licences held",
            "engines whose licence is already paid; Space or → picks from the catalogue",
            "",
        ),
        FieldId::CloudNative => w("Cloud-native", "containers, Kubernetes, Prometheus", ""),
        FieldId::Support => w(
            "Support needed",
            "vendor SLA: only engines with a support contract fit",
            "",
        ),
        FieldId::Marketing => w(
            "Bundled marketing",
            "list and campaign tooling from the same vendor",
            "",
        ),
        FieldId::Must => w(
            "Must have",
            "an engine without one is out, one with it only partly ranks lower; Space or → picks",
            "",
        ),
        FieldId::Want => w(
            "Would like",
            "capabilities that count toward the capabilities factor; Space or → picks",
            "",
        ),
        FieldId::HourlyRateUsd => w(
            "Ops hour (USD)",
            "an assumption: the cost of an hour of operations work",
            "an hour",
        ),
        FieldId::NodeCostPerMonthUsd => w(
            "Server/month (USD)",
            "an assumption: the cost of one server a month",
            "a month",
        ),
        FieldId::OpsBaseHoursPerMonth => w(
            "Ops hours/month",
            "an assumption: hours a month to run a self-hosted estate, whatever its size",
            "hours a month",
        ),
        FieldId::OpsHoursPerNodePerMonth => w(
            "  + per server",
            "an assumption: hours a month each server adds",
            "hours a month",
        ),
        FieldId::ServiceOpsHoursPerMonth => w(
            "Service hours/month",
            "an assumption: hours a month to look after a managed service's integration",
            "hours a month",
        ),
        FieldId::BusyHoursPerDay => w(
            "Busy hours/day",
            "an assumption: the hours a day's sending goes out in (1–24); nodes are sized for them",
            "hours a day",
        ),
        FieldId::PeakDayFactor => w(
            "Busiest day × average",
            "an assumption (1–10): 1.5 is an ESP's Cyber Monday against its usual day",
            "times an average day",
        ),
        FieldId::SpareNodes => w(
            "Spare nodes",
            "an assumption: nodes beside those the busiest hour needs, so a failure loses nothing",
            "nodes",
        ),
        FieldId::SparesFromPerMonth => w(
            "  from volume",
            "an assumption: below this a single well-configured node (the brief's 10M line)",
            "messages a month",
        ),
        FieldId::MessagesPerIpPerDay => w(
            "Messages/IP/day",
            "an assumption: what one warmed address carries on the busiest day (500k: Mailchimp Transactional)",
            "messages a day",
        ),
        FieldId::IpCostPerMonthUsd => w(
            "IP address/month USD",
            "an assumption: 3.65 is a public IPv4 address on AWS",
            "a month",
        ),
        FieldId::CoordinationHoursPerNodePerMonth => w(
            "Coordination h/node",
            "an assumption: hours a month per extra node to split limits across nodes that share none",
            "hours a month",
        ),
        FieldId::DeliverabilityHoursPerIpPerMonth => w(
            "Deliverability h/IP",
            "an assumption: hours a month per address for warming, reputation and feedback loops",
            "hours a month",
        ),
        FieldId::CapCountsStaff => w(
            "Cap counts staff time",
            "no: the cap is cash (licences, fees, servers, addresses); staff time shows beside it",
            "",
        ),
        FieldId::Growth => w(
            "Growth a month",
            "empty when unknown; 6% or -2%: the path view says when you reach the next pick",
            "a month",
        ),
        FieldId::Weights => w(
            "Weights",
            "the factor weights saved with the profile; the sliders set them",
            "",
        ),
        FieldId::Shortlist => w(
            "Shortlist",
            "the engines marked in the explorer or chosen for an export",
            "",
        ),
    }
}

/// A team in a sentence: "static config".
pub fn team(t: Team) -> &'static str {
    match t {
        Team::Api => "API integration",
        Team::Gui => "web consoles",
        Team::StaticConfig => "static config",
        Team::ConfigAsCode => "config as code",
        Team::Programming => "programming",
    }
}

/// The support needed, short: "community", "vendor SLA".
pub fn support(s: SupportNeed) -> &'static str {
    match s {
        SupportNeed::Community => "community",
        SupportNeed::VendorSla => "vendor SLA",
    }
}

/// The support needed in a sentence: "a contract with an SLA".
pub fn support_need(s: SupportNeed) -> &'static str {
    match s {
        SupportNeed::Community => "a community is enough",
        SupportNeed::VendorSla => "a contract with an SLA",
    }
}

/// How bundled marketing is wanted: "unwanted", "indifferent", "wanted".
pub fn marketing(m: Marketing) -> &'static str {
    match m {
        Marketing::Unwanted => "unwanted",
        Marketing::Indifferent => "indifferent",
        Marketing::Wanted => "wanted",
    }
}

/// A choice as the form shows it.
pub fn choice(c: Choice) -> &'static str {
    match c {
        Choice::Team(t) => team(t),
        Choice::Support(s) => support(s),
        Choice::Marketing(m) => marketing(m),
    }
}

/// A one-line summary: "own · 7.4M/month · no budget cap · team: static config".
pub fn summary(p: &Profile) -> String {
    let mut parts = vec![
        if p.own_infrastructure {
            "own"
        } else {
            "rent (ESP)"
        }
        .to_owned(),
        format!("{}/month", units::volume(p.monthly_volume)),
        match p.annual_budget_usd {
            Some(b) => format!("budget {}/yr", units::usd(b)),
            None => "no budget cap".to_owned(),
        },
        format!("team: {}", team(p.team)),
    ];
    if p.cloud_native {
        parts.push("cloud-native".into());
    }
    if p.support == SupportNeed::VendorSla {
        parts.push("needs an SLA".into());
    }
    match p.marketing {
        Marketing::Wanted => parts.push("wants marketing".into()),
        Marketing::Unwanted => parts.push("no marketing".into()),
        Marketing::Indifferent => {}
    }
    if !p.must.is_empty() {
        let must: Vec<&str> = p.must.iter().map(|c| c.id()).collect();
        parts.push(format!("must: {}", must.join(", ")));
    }
    if !p.licences_held.is_empty() {
        parts.push(format!("licences: {}", p.licences_held.join(", ")));
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_reads_as_one_line() {
        assert_eq!(
            summary(&Profile::default()),
            "own · 7.4M/month · no budget cap · team: static config"
        );
    }

    #[test]
    fn every_field_has_a_label_and_a_hint_and_labels_differ() {
        let mut seen = std::collections::BTreeSet::new();
        for f in FieldId::ALL {
            let w = words(*f);
            assert!(!w.label.trim().is_empty() && !w.hint.is_empty(), "{f:?}");
            assert!(
                seen.insert(w.label),
                "two fields are labelled {:?}",
                w.label
            );
        }
    }
}
