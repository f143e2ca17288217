//! The built-in catalogue: complete, valid, sourced, and in agreement with the brief.

use mtafit_model::catalogue::{Capability, Catalogue, Kind, Level, Licence, embedded};
use std::collections::BTreeSet;

fn cat() -> Catalogue {
    Catalogue::builtin()
}

#[test]
fn every_builtin_file_loads_without_a_problem() {
    let c = cat();
    let problems: Vec<String> = c.diagnostics.iter().map(|d| d.render(false)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(c.engines.len(), embedded::ENGINES.len());
    assert_eq!(c.factors.len(), 8);
}

#[test]
fn every_file_in_data_engines_is_embedded() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/engines");
    let on_disk: BTreeSet<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| format!("data/engines/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    let embedded: BTreeSet<String> = embedded::ENGINES
        .iter()
        .map(|(p, _)| p.to_string())
        .collect();
    assert_eq!(on_disk, embedded);
    for (path, bytes) in embedded::ENGINES {
        let disk = std::fs::read(format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        assert_eq!(&disk, bytes, "{path} is stale in the binary");
    }
    let profiles = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/profiles");
    assert_eq!(
        std::fs::read_dir(profiles).unwrap().count(),
        embedded::PROFILES.len()
    );
}

#[test]
fn the_ten_systems_of_the_brief_and_at_least_four_more() {
    let c = cat();
    for id in [
        "postfix",
        "kumomta",
        "powermta",
        "halon",
        "mailerq",
        "greenarrow",
        "exim",
        "sendmail",
        "ses",
        "sendgrid",
    ] {
        assert!(c.engine(id).is_some(), "{id} is missing");
    }
    assert!(c.engines.len() >= 14);
}

#[test]
fn every_engine_is_complete_and_sourced() {
    for e in &cat().engines {
        for cap in Capability::ALL {
            assert!(
                e.capabilities.contains_key(&cap),
                "{} does not say whether it has {cap}",
                e.id
            );
        }
        assert!(!e.sources.is_empty(), "{}", e.id);
        assert!(
            e.sources
                .iter()
                .all(|s| s.starts_with("https://") || s.starts_with("http://"))
        );
        assert!(
            e.good_at.len() > 60 && e.cautions.len() > 60,
            "{} needs real good_at and cautions",
            e.id
        );
        assert!(!e.vendor.is_empty(), "{}", e.id);
        if e.kind == Kind::SelfHosted {
            assert!(e.cost.node_capacity_per_month > 0, "{}", e.id);
            // Operations hours are the profile's assumption, the same for every engine.
            assert!(e.cost.ops_hours_per_month.is_none(), "{}", e.id);
        }
        // Every band and proven ceiling says where it comes from; an unsourced one says so.
        assert!(!e.volume.band_basis.is_unsourced(), "{}: band basis", e.id);
        assert!(
            !e.volume.proven_basis.is_unsourced(),
            "{}: proven basis",
            e.id
        );
        assert!(
            !e.first_release_basis.is_unsourced(),
            "{}: first release",
            e.id
        );
        assert!(e.role.is_some(), "{}: role", e.id);
        for (c, level) in e.capabilities.iter() {
            assert_eq!(level.names_add_on(), e.add_on(c).is_some(), "{}: {c}", e.id);
        }
        if matches!(e.licence, Licence::Commercial) && e.kind == Kind::SelfHosted {
            assert!(
                e.cost.estimate.is_some(),
                "{}: unpublished commercial prices must say they are estimates",
                e.id
            );
        }
    }
}

#[test]
fn licences_and_bands_agree_with_the_brief() {
    let c = cat();
    let e = |id| c.engine(id).unwrap();
    // Postfix: free, up to about 10M a month.
    assert!(matches!(e("postfix").licence, Licence::Open(_)));
    assert_eq!(e("postfix").volume.max_per_month, 10_000_000);
    // KumoMTA: Apache-2.0, about 500K–5M a day.
    assert_eq!(e("kumomta").licence, Licence::Open("Apache-2.0".into()));
    assert_eq!(
        (
            e("kumomta").volume.min_per_month,
            e("kumomta").volume.max_per_month
        ),
        (15_000_000, 150_000_000)
    );
    // PowerMTA: commercial from about 8,000 USD a year.
    assert_eq!(e("powermta").licence, Licence::Commercial);
    assert_eq!(e("powermta").cost.licence_per_year_usd, 8_000.0);
    for id in ["halon", "mailerq", "greenarrow"] {
        assert_eq!(e(id).licence, Licence::Commercial, "{id}");
        assert!(
            e(id).volume.max_per_month > 10_000_000,
            "{id} is a high-volume engine"
        );
    }
    for id in ["exim", "sendmail"] {
        assert!(matches!(e(id).licence, Licence::Open(_)), "{id}");
        assert!(
            e(id).volume.max_per_month <= 10_000_000,
            "{id} is general-purpose"
        );
    }
    for id in ["ses", "sendgrid"] {
        assert_eq!(e(id).kind, Kind::Managed, "{id}");
    }
}

#[test]
fn the_specialists_are_the_only_self_hosted_engines_with_their_speciality() {
    let c = cat();
    let with = |caps: &[Capability]| -> Vec<String> {
        c.engines
            .iter()
            .filter(|e| {
                e.kind == Kind::SelfHosted && caps.iter().all(|k| e.capability(*k) == Level::Yes)
            })
            .map(|e| e.id.clone())
            .collect()
    };
    assert_eq!(
        with(&[Capability::ProgrammablePolicy, Capability::BuiltInFiltering]),
        ["halon"]
    );
    assert_eq!(with(&[Capability::ExternalQueue]), ["mailerq"]);
    assert_eq!(with(&[Capability::BundledMarketing]), ["greenarrow"]);
}

#[test]
fn the_corrected_facts_stay_corrected() {
    // Each was wrong once; each figure below is what the file's own cited source says.
    let c = cat();
    let e = |id: &str| c.engine(id).unwrap().clone();
    // SparkPost's price page: $1.00 per 1,000 above the 50k Starter plan.
    assert_eq!(e("sparkpost").cost.per_thousand_usd, 1.00);
    // KumoMTA's FAQ describes a remote-management service (partial), and its help page the paid
    // support with an SLA, which is a separate contract priced only by estimate.
    let k = e("kumomta");
    assert_eq!(k.capability(Capability::ManagedOption), Level::Partial);
    assert!(k.support.vendor_sla);
    assert!(k.sources.iter().any(|s| s.contains("get_help")));
    assert!(k.support.contract_basis.is_estimate());
    // Stalwart's first release was 0.1.0 in September 2022; multi-tenancy is an enterprise
    // feature, so partial.
    let s = e("stalwart");
    assert_eq!(s.first_release, 2022);
    assert_eq!(s.capability(Capability::MultiTenant), Level::Partial);
    // Build-your-own container images: Halon's vendor kit is supported (yes), Momentum's is an
    // experimental example (partial). Community Kubernetes charts are not official support:
    // KumoMTA and Postfix alike.
    assert_eq!(
        e("halon").capability(Capability::ContainerImage),
        Level::Yes
    );
    assert_eq!(
        e("momentum").capability(Capability::ContainerImage),
        Level::Partial
    );
    assert_eq!(
        e("kumomta").capability(Capability::Kubernetes),
        e("postfix").capability(Capability::Kubernetes)
    );
    // Proofpoint bought Sendmail, Inc. in 2013.
    assert!(e("sendmail").vendor.contains("Proofpoint"));
    // Postfix's DKIM, filtering and metrics are packaged add-ons, named.
    let p = e("postfix");
    for cap in [
        Capability::DkimSigning,
        Capability::BuiltInFiltering,
        Capability::PrometheusMetrics,
    ] {
        assert_eq!(p.capability(cap), Level::AddOn, "{cap:?}");
        assert!(p.add_on(cap).is_some(), "{cap:?}");
    }
}

#[test]
fn every_band_year_and_ceiling_says_where_it_comes_from() {
    // A figure without a source is labelled as the brief's or as an estimate with its reason;
    // none is left bare.
    use mtafit_model::catalogue::Basis;
    for e in cat().engines {
        for (what, b) in [
            ("first release", &e.first_release_basis),
            ("band", &e.volume.band_basis),
            ("proven ceiling", &e.volume.proven_basis),
        ] {
            assert_ne!(*b, Basis::Unsourced, "{}: {what}", e.id);
        }
        if !e.is_managed() {
            assert_ne!(
                e.cost.node_capacity_basis,
                Basis::Unsourced,
                "{}: node capacity",
                e.id
            );
        }
        assert!(
            e.cost.ops_hours_per_month.is_none(),
            "{}: ops hours are the profile's",
            e.id
        );
    }
}

#[test]
fn capabilities_are_stored_at_their_place_in_the_list() {
    // The in-memory array is indexed by declaration order: it must be the list's order.
    for (i, c) in Capability::ALL.iter().enumerate() {
        assert_eq!(*c as usize, i, "{c}");
    }
    let e = cat().engine("postfix").unwrap().clone();
    let listed: Vec<Capability> = e.capabilities.iter().map(|(c, _)| c).collect();
    assert_eq!(listed, Capability::ALL);
    assert_eq!(e.capabilities.len(), 22);
}

#[test]
fn every_self_hosted_engine_says_how_its_estate_grows() {
    use mtafit_model::catalogue::{Basis, ScaleOut};
    // How an estate grows past one node decides what it costs to run many (issue 17): every
    // built-in engine states it, with a source or the reasoning of an inference.
    for e in cat().engines.iter().filter(|e| !e.is_managed()) {
        assert!(e.scale_out.is_some(), "{}: scale_out", e.id);
        assert_ne!(e.scale_out_basis, Basis::Unsourced, "{}", e.id);
        if let Basis::Source(url) = &e.scale_out_basis {
            assert!(e.sources.contains(url), "{}: {url} is not in sources", e.id);
        }
    }
    let kind = |id: &str| cat().engine(id).unwrap().scale_out();
    // Vendor documentation: shared throttles (KumoMTA's Redis throttles, Halon's clusterd,
    // GreenArrow Proxy's cooperative throttling, Momentum's cluster module).
    for id in ["kumomta", "halon", "greenarrow", "momentum"] {
        assert_eq!(kind(id), Some(ScaleOut::Shared), "{id}");
        assert!(matches!(
            cat().engine(id).unwrap().scale_out_basis,
            Basis::Source(_)
        ));
    }
    // No shared counters documented: limits split by hand across nodes.
    for id in [
        "postfix",
        "powermta",
        "mailerq",
        "exim",
        "sendmail",
        "opensmtpd",
    ] {
        assert_eq!(kind(id), Some(ScaleOut::Independent), "{id}");
    }
    // A service has no estate to grow.
    assert_eq!(kind("ses"), None);
}

#[test]
fn kumomta_keeps_everyday_policy_in_declarative_files() {
    use mtafit_model::catalogue::{Basis, Config};
    // The vendor's policy helpers read TOML or JSON data files (listener domains, sources,
    // queues, shaping, DKIM), written "for those who are accustomed to a static configuration
    // file".
    let k = cat().engine("kumomta").unwrap().clone();
    assert_eq!(k.everyday_config, Some(Config::StaticFile));
    assert_eq!(
        k.everyday_config_basis,
        Basis::Source("https://docs.kumomta.com/userguide/configuration/policy_helpers/".into())
    );
    assert!(matches!(k.config, Config::ConfigAsCode(_)));
}

#[test]
fn sendgrid_sells_marketing_campaigns_separately() {
    // Marketing Campaigns and the Email API are separate plan types, upgraded independently.
    let s = cat().engine("sendgrid").unwrap().clone();
    assert_eq!(s.capability(Capability::BundledMarketing), Level::Separate);
    assert!(s.add_on(Capability::BundledMarketing).is_some());
    assert!(s.sources.iter().any(|u| u.contains("Trial-Account-Plan")));
}

#[test]
fn services_price_their_dedicated_addresses() {
    use mtafit_model::catalogue::Basis;
    // Every built-in service says what a dedicated IP costs, and where the figure comes from.
    for e in cat().engines.iter().filter(|e| e.is_managed()) {
        let price = e.cost.dedicated_ip_usd_per_month.expect(&e.id);
        assert!(price > 0.0 && price < 100.0, "{}: {price}", e.id);
        assert_ne!(e.cost.dedicated_ip_basis, Basis::Unsourced, "{}", e.id);
    }
    let c = cat();
    assert_eq!(
        c.engine("sparkpost")
            .unwrap()
            .cost
            .dedicated_ip_usd_per_month,
        Some(20.0)
    );
    assert_eq!(c.engine("sendgrid").unwrap().cost.dedicated_ips_included, 1);
}

#[test]
fn what_no_source_confirms_is_unknown_not_no() {
    // PowerMTA's Prometheus, container and Kubernetes story is undocumented either way: it is
    // unknown, which scores above an absence and says "no source".
    let p = cat().engine("powermta").unwrap().clone();
    for c in [
        Capability::PrometheusMetrics,
        Capability::ContainerImage,
        Capability::Kubernetes,
    ] {
        assert_eq!(p.capability(c), Level::Unknown, "{c}");
    }
    assert!(Level::Unknown.credit() > Level::No.credit());
    assert!(Level::Unknown.credit() < Level::Partial.credit());
    assert_eq!(Level::Unknown.to_string(), "unknown — no source");
}

// ---------------------------------------------------------------------------------------------
// Facts corrected in the audit (issue 18), each with the source it now rests on.
// ---------------------------------------------------------------------------------------------

fn engine(id: &str) -> mtafit_model::catalogue::Engine {
    cat().engine(id).unwrap().clone()
}

fn cited(e: &mtafit_model::catalogue::Engine, url: &str) -> bool {
    e.sources.iter().any(|s| s == url)
}

#[test]
fn greenarrow_nodes_follow_the_pro_cap_at_six_busy_hours() {
    use mtafit_model::catalogue::Basis;
    // The Pro key caps injection at 100,000 an hour: × 6 busy hours × 30 days, 18M a month (the
    // old 72M used 24 hours). It starts at the brief's 10M line, as a high-volume engine.
    let g = engine("greenarrow");
    assert_eq!(g.cost.node_capacity_per_month, 100_000 * 6 * 30);
    assert!(
        matches!(&g.cost.node_capacity_basis, Basis::Source(u) if u.contains("Licensing-and-Credits"))
    );
    assert_eq!(g.volume.min_per_month, 10_000_000);
}

#[test]
fn postfix_exim_and_sendmail_rest_on_what_their_sources_say() {
    use mtafit_model::catalogue::Basis;
    // Postfix: the 55M a month was an expected volume on two primary servers, not a measured
    // one: an estimate, and one node carries half of it.
    let p = engine("postfix");
    assert!(p.volume.proven_basis.is_estimate());
    assert_eq!(p.cost.node_capacity_per_month, 27_500_000);
    assert!(p.cost.node_capacity_basis.is_estimate());
    assert!(cited(
        &p,
        "https://stefan-foerster.de/post/2011/kurz-und-schmerzlos/"
    ));
    assert!(!cited(&p, "https://www.incertum.net/tags/performance/"));
    // Exim: not the fsync-disabled 207k an hour, but the FAQ's 13,000 an hour and 230,911 a day.
    let x = engine("exim");
    assert_eq!(x.cost.node_capacity_per_month, 13_000 * 6 * 30);
    assert_eq!(x.volume.proven_max_per_month, Some(6_900_000));
    let faq = "https://exim.org/exim-html-4.40/doc/html/FAQ_10.html";
    assert_eq!(x.cost.node_capacity_basis, Basis::Source(faq.into()));
    // Sendmail: the quotes are in "Tune Performance" (Part II), which also reports sites above a
    // million envelopes an hour; Proofpoint is the steward.
    let s = engine("sendmail");
    let perf = "http://etutorials.org/Server+Administration/Sendmail/Part+II+Administration/Chapter+6.+Tune+Performance/";
    assert_eq!(s.volume.proven_basis, Basis::Source(perf.into()));
    assert_eq!(s.volume.proven_max_per_month, Some(180_000_000));
    assert!(s.vendor.contains("Proofpoint"));
}

#[test]
fn momentum_mailerq_and_powermta_events_and_filtering_as_documented() {
    // Momentum: event webhooks are documented; they need RabbitMQ on every node; the web UI was
    // withdrawn in 4.2.28.
    let m = engine("momentum");
    assert_eq!(m.capability(Capability::EventStreaming), Level::Yes);
    assert_eq!(m.also_runs, ["RabbitMQ"]);
    assert_eq!(m.capability(Capability::WebUi), Level::No);
    // MailerQ checks incoming mail with SpamAssassin: partial filtering, as Exim's.
    let q = engine("mailerq");
    assert_eq!(q.capability(Capability::BuiltInFiltering), Level::Partial);
    assert_eq!(q.capability(Capability::SuppressionApi), Level::Yes);
    // PowerMTA's 5.0 "HTTP Delivery Webhooks" deliver messages, not events: events stay partial
    // (accounting files), and its text no longer claims event webhooks; still stalled.
    let p = engine("powermta");
    assert_eq!(p.capability(Capability::EventStreaming), Level::Partial);
    assert!(!p.good_at.contains("posts delivery webhooks"));
    assert_eq!(p.status, mtafit_model::catalogue::Status::Stalled);
}

#[test]
fn smaller_corrections_hold() {
    use mtafit_model::catalogue::Basis;
    // Haraka's Prometheus plugin is third-party and unpackaged: no, as Exim's exporter.
    assert_eq!(
        engine("haraka").capability(Capability::PrometheusMetrics),
        Level::No
    );
    // OpenSMTPD first shipped in OpenBSD 4.6 (2009); 2008 was the import.
    assert_eq!(engine("opensmtpd").first_release, 2009);
    // Stalwart's support price is derived, and says how: 150 mailboxes at 2.40 USD.
    let st = engine("stalwart");
    assert_eq!(st.support.contract_usd_per_year, Some(360.0));
    assert!(
        matches!(&st.support.contract_basis, Basis::Estimate(w) if w.contains("150 mailboxes"))
    );
    // SparkPost sells dedicated IPs on every plan but Starter and Test, at 20 USD.
    let sp = engine("sparkpost");
    assert_eq!(sp.capability(Capability::IpPools), Level::Yes);
    assert!(!sp.cautions.contains("only with Premier"));
    // Mailgun queues per provider for every sender (managed, not tunable).
    assert_eq!(
        engine("mailgun").capability(Capability::PerIspShaping),
        Level::Partial
    );
}

#[test]
fn services_are_priced_on_the_plans_they_sell() {
    // SES sells account plans (NONE keeps per-feature billing); SendGrid's Essentials stops at
    // 100K with Essentials 100K at 34.95 USD, and Pro includes a dedicated IP.
    let ses = engine("ses");
    let names: Vec<&str> = ses.cost.plans.iter().map(|q| q.name.as_str()).collect();
    assert_eq!(
        names,
        ["à la carte (no plan)", "Essentials", "Pro", "Enterprise"]
    );
    assert_eq!(ses.cost.plans[1].bands[0].usd_per_thousand, 0.16);
    assert!(ses.cost.prices_checked.is_some());
    let sg = engine("sendgrid");
    let essentials = &sg.cost.plans[0];
    assert_eq!(essentials.max_per_month, Some(100_000));
    assert!(!essentials.dedicated_ips);
    assert_eq!(essentials.tiers[1].name.as_deref(), Some("Essentials 100K"));
    assert_eq!(essentials.tiers[1].usd_per_month, 34.95);
    assert_eq!(sg.capability(Capability::IpPools), Level::Yes);
}

#[test]
fn every_service_says_what_renters_differ_on() {
    use mtafit_model::catalogue::Basis;
    // EU data, dedicated IPs, inbound parsing, streams and a suppression API, each with a level
    // (never left unknown for a service), and how long events are kept where it is published.
    for e in cat().engines.iter().filter(|e| e.is_managed()) {
        for c in [
            Capability::EuDataResidency,
            Capability::DedicatedIps,
            Capability::InboundParsing,
            Capability::MessageStreams,
            Capability::SuppressionApi,
        ] {
            assert_ne!(e.capability(c), Level::Unknown, "{}: {c}", e.id);
        }
        if e.event_retention_days.is_some() {
            assert_ne!(e.event_retention_basis, Basis::Unsourced, "{}", e.id);
        }
    }
    assert_eq!(
        engine("postmark").capability(Capability::EuDataResidency),
        Level::No
    );
    assert_eq!(
        engine("postmark").capability(Capability::MessageStreams),
        Level::Yes
    );
    assert_eq!(engine("sparkpost").event_retention_days, Some(10));
    assert_eq!(engine("postmark").event_retention_days, Some(45));
}
