//! The enums' machine ids are a contract (docs/json.md, docs/catalogue.md, the command line,
//! the files in data/), and they are derived from the variants' names: renaming a variant would
//! change an id without a word. These pin each list, and check that every id is unique and reads
//! back as its variant.

use mtafit_model::catalogue::{Capabilities, Capability, FactorId, Level};
use mtafit_model::decide::brief::Gate;
use mtafit_model::decide::compare::TieBreak;
use mtafit_model::decide::path::StretchAgreement;
use mtafit_model::decide::standing::Exclusion;
use mtafit_model::decide::{Agreement, CostKind, Provenance, Standing};
use mtafit_model::profile::field::FieldId;
use std::collections::BTreeSet;

fn assert_unique(ids: &[&str]) {
    let set: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(set.len(), ids.len(), "an id is given twice: {ids:?}");
}

#[test]
fn capability_ids_are_the_contract() {
    assert_eq!(
        Capability::IDS,
        [
            "ip_pools",
            "per_isp_shaping",
            "adaptive_backoff",
            "bounce_classification",
            "dkim_signing",
            "programmable_policy",
            "built_in_filtering",
            "external_queue",
            "multi_tenant",
            "http_api",
            "event_streaming",
            "prometheus_metrics",
            "container_image",
            "kubernetes",
            "web_ui",
            "bundled_marketing",
            "managed_option",
            "eu_data_residency",
            "dedicated_ips",
            "inbound_parsing",
            "message_streams",
            "suppression_api",
        ]
    );
    assert_unique(Capability::IDS);
    for (i, c) in Capability::ALL.into_iter().enumerate() {
        assert_eq!(c.id(), Capability::IDS[i]);
        assert_eq!(c.to_string(), c.id());
        assert_eq!(Capability::from_id(c.id()), Some(c));
        assert_eq!(Capability::parse(c.id()), Ok(c));
    }
    // Ids are exact: neither the variant's name nor another case reads as one.
    assert_eq!(Capability::from_id("IpPools"), None);
    assert_eq!(Capability::from_id("IP_POOLS"), None);
    assert_eq!(Capability::from_id(""), None);
}

#[test]
fn a_capability_is_written_and_read_as_its_id() {
    for c in Capability::ALL {
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(json, format!("\"{}\"", c.id()));
        assert_eq!(serde_json::from_str::<Capability>(&json).unwrap(), c);
        let ron = ron::to_string(&c).unwrap();
        assert_eq!(ron, format!("\"{}\"", c.id()));
        assert_eq!(ron::from_str::<Capability>(&ron).unwrap(), c);
    }
    // An unknown id is told as the command line tells it: the list, and the near miss.
    let e = serde_json::from_str::<Capability>("\"web_uii\"")
        .unwrap_err()
        .to_string();
    let told = Capability::parse("web_uii").unwrap_err().to_string();
    assert!(e.starts_with(&told), "{e}");
    assert!(told.ends_with("(did you mean `web_ui`?)"), "{told}");
}

#[test]
fn capabilities_are_a_map_of_the_listed_ones_in_contract_order() {
    let caps: Capabilities = [
        (Capability::WebUi, Level::No),
        (Capability::IpPools, Level::Yes),
        (Capability::DkimSigning, Level::AddOn),
    ]
    .into_iter()
    .collect();
    assert_eq!(caps.len(), 3);
    assert_eq!(caps.get(Capability::HttpApi), None);
    let json = serde_json::to_string(&caps).unwrap();
    assert_eq!(
        json,
        r#"{"ip_pools":"Yes","dkim_signing":"AddOn","web_ui":"No"}"#
    );
    let back: Capabilities = serde_json::from_str(&json).unwrap();
    assert_eq!(back, caps);
    assert_eq!(
        serde_json::to_string(&Capabilities::default()).unwrap(),
        "{}"
    );
    let twice = ron::from_str::<Capabilities>(r#"{"web_ui": Yes, "web_ui": No}"#)
        .unwrap_err()
        .to_string();
    assert!(
        twice.contains("\"web_ui\" is listed twice; keep one entry"),
        "{twice}"
    );
}

#[test]
fn factor_ids_match_the_per_factor_order() {
    assert_unique(FactorId::IDS);
    for (f, id) in FactorId::ALL.into_iter().zip(FactorId::IDS) {
        assert_eq!(f.id(), *id);
        assert_eq!(FactorId::from_id(id), Some(f));
    }
}

#[test]
fn field_ids_read_back() {
    assert_unique(FieldId::IDS);
    assert_eq!(FieldId::ALL.len(), FieldId::IDS.len());
    for (f, id) in FieldId::ALL.iter().zip(FieldId::IDS) {
        assert_eq!(f.id(), *id);
        assert_eq!(FieldId::from_id(id), Some(*f));
    }
    assert_eq!(FieldId::from_id("MonthlyVolume"), None);
}

#[test]
fn gate_ids_are_the_contract() {
    // docs/json.md, `walk`: "Each gate appears at most once, in this order."
    let ids = Gate::ALL.map(Gate::id);
    assert_eq!(
        ids,
        [
            "own_or_rent",
            "volume",
            "powermta_licence",
            "specialist",
            "default"
        ]
    );
    assert_unique(&ids);
}

#[test]
fn cost_kind_ids_are_the_contract() {
    let ids = CostKind::ALL.map(CostKind::id);
    assert_eq!(
        ids,
        [
            "licence",
            "support",
            "messages",
            "fixed_fees",
            "servers",
            "ip_addresses",
            "operations",
            "coordination",
            "deliverability",
        ]
    );
    assert_unique(&ids);
    let provenance = [
        Provenance::Sourced,
        Provenance::Estimated,
        Provenance::Assumed,
    ]
    .map(Provenance::id);
    assert_eq!(provenance, ["sourced", "estimated", "assumed"]);
}

#[test]
fn agreement_standing_and_tie_break_ids_are_the_contract() {
    let stretch = [
        StretchAgreement::Agree,
        StretchAgreement::Disagree,
        StretchAgreement::NoPick,
        StretchAgreement::NoWalkEngine,
    ]
    .map(StretchAgreement::id);
    assert_eq!(
        stretch,
        ["agree", "disagree", "no_ranking_top", "no_walk_engine"]
    );
    let gate = Gate::Default;
    let walk = [
        Agreement::Agree { engine: 0, gate },
        Agreement::NoRankingTop { walk: 0, gate },
        Agreement::NoWalkEngine,
        Agreement::WeightsZero,
    ]
    .map(|a| a.id());
    assert_eq!(
        walk,
        ["agree", "no_ranking_top", "no_walk_engine", "weights_zero"]
    );
    let standing = [
        Standing::Candidate,
        Standing::WithCaveats,
        Standing::Out(Exclusion::OverCap),
        Standing::WORST,
    ]
    .map(Standing::id);
    assert_eq!(standing, ["candidate", "caveat", "out", "out"]);
    assert_eq!(
        [TieBreak::Brief, TieBreak::Name].map(TieBreak::id),
        ["brief", "name"]
    );
}
