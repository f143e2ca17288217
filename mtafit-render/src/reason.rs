//! Why a fit is what it is, in one sentence that names its numbers: the words for the model's
//! typed reasons ([`mtafit_model::decide::reason`]), shown in the JSON's `why`, the detail pane,
//! the table's "why it leads" and the exports.

use mtafit_model::catalogue::{Capability, Engine, FactorId, Level, Licence, Status};
use mtafit_model::decide::Row;
use mtafit_model::decide::reason::{
    BudgetReason, CapabilityReason, CloudReason, ConfigExit, LicenceExit, MarketingReason, Reason,
    ReversibilityReason, Spend, SupportReason, TeamReason, VolumeBand, VolumeReason,
};
use mtafit_model::profile::Profile;
use mtafit_model::units;
use std::fmt::Write as _;

/// Why `row`'s fit for `f` is what it is, in words; `e` and `p` are the engine and profile it
/// was ranked with.
pub fn why(e: &Engine, p: &Profile, row: &Row, f: FactorId) -> String {
    sentence(e, p, &row.reason(e, p, f))
}

/// A reason in words; `e` and `p` are the engine and profile it was made from, for the names
/// and lists it quotes.
pub fn sentence(e: &Engine, p: &Profile, r: &Reason) -> String {
    match r {
        Reason::Volume(v) => volume(e, v),
        Reason::Budget(b) => budget(b),
        Reason::Team(t) => team(e, p, *t),
        Reason::CloudNative(c) => cloud_native(e, c),
        Reason::Support(s) => support(*s).to_owned(),
        Reason::Marketing(m) => marketing(e, *m),
        Reason::Capabilities(c) => capabilities(e, p, c),
        Reason::Reversibility(r) => reversibility(e, r),
    }
}

/// "about 3×" for a ratio, in words people use.
fn times(ratio: f64) -> String {
    if ratio < 10.0 {
        format!("about {:.0}×", ratio.max(1.0)).replace("about 1×", "just over 1×")
    } else {
        format!("about {}×", units::volume(ratio.round() as u64))
    }
}

/// "band (up to 10M/month)" or "15M–150M/month band".
fn band(b: &VolumeBand) -> String {
    if b.min == 0 {
        format!("band (up to {}/month)", units::volume(b.max))
    } else {
        format!(
            "{}–{}/month band",
            units::volume(b.min),
            units::volume(b.max)
        )
    }
}

fn volume(e: &Engine, r: &VolumeReason) -> String {
    let estimate = |estimated: bool| {
        if estimated {
            ", itself an estimate"
        } else {
            ""
        }
    };
    match r {
        VolumeReason::Below {
            volume,
            band: b,
            times: t,
        } => format!(
            "{}/month is below {}'s {}: {} more capacity than you need",
            units::volume(*volume),
            e.name,
            band(b),
            times(*t)
        ),
        VolumeReason::Inside { volume, band: b } => {
            format!(
                "{}/month is inside {}'s {}",
                units::volume(*volume),
                e.name,
                band(b)
            )
        }
        VolumeReason::Above {
            volume,
            band: b,
            documented,
            estimated,
        } => format!(
            "{}/month is above {}'s {}, within the {}/month one estate is documented to carry{}",
            units::volume(*volume),
            e.name,
            band(b),
            units::volume(*documented),
            estimate(*estimated)
        ),
        VolumeReason::Beyond {
            volume,
            band: b,
            documented,
            estimated,
            times: t,
        } => format!(
            "{}/month is above {}'s {} and {} the {}/month one estate is documented to carry{}: that it carries more is an estimate",
            units::volume(*volume),
            e.name,
            band(b),
            times(*t),
            units::volume(*documented),
            estimate(*estimated)
        ),
    }
}

/// "$10.4k/yr (price estimated; servers and operations assumed)": the figure, saying which
/// parts of it rest on estimates and on the profile's assumptions.
fn figure(s: &Spend) -> String {
    let mut parts = Vec::new();
    if s.price_estimated {
        parts.push("price estimated");
    }
    parts.push(match (s.service, s.cash_only) {
        (true, true) => "staff time not counted in the cap",
        (true, false) => "operations assumed",
        (false, true) => "servers and addresses assumed; staff time not counted in the cap",
        (false, false) => "servers, addresses and staff time assumed",
    });
    let what = if s.cash_only { " in cash" } else { "" };
    format!("{}/yr{what} ({})", units::usd(s.usd), parts.join("; "))
}

fn budget(r: &BudgetReason) -> String {
    match r {
        BudgetReason::Cap { spend, cap } => {
            let ratio = spend.usd / cap;
            if ratio <= 1.0 {
                format!(
                    "{}, {:.0}% of your {}/yr cap",
                    figure(spend),
                    ratio * 100.0,
                    units::usd(*cap)
                )
            } else if ratio < 100.0 {
                format!(
                    "{}, {ratio:.1}× your {}/yr cap",
                    figure(spend),
                    units::usd(*cap)
                )
            } else {
                format!(
                    "{}, {} your {}/yr cap",
                    figure(spend),
                    times(ratio),
                    units::usd(*cap)
                )
            }
        }
        BudgetReason::Reference { spend, reference } => format!(
            "{} against a {}/yr reference (an assumption; set a budget to use yours)",
            figure(spend),
            units::usd(*reference)
        ),
        BudgetReason::Scaled {
            spend,
            reference,
            volume,
        } => format!(
            "{} against a {}/yr reference, the scale of what any estate at {}/month pays before its engine (addresses, their deliverability work, base operations, one server: assumptions; set a budget to use yours)",
            figure(spend),
            units::usd(*reference),
            units::volume(*volume)
        ),
    }
}

/// What running the engine needs: its configuration, the everyday one, the servers beside it.
fn needs(e: &Engine) -> String {
    let mut needs = e.config.describe();
    if let Some(every) = &e.everyday_config {
        let _ = write!(needs, ", with {} for everyday changes", every.describe());
    }
    if !e.also_runs.is_empty() {
        let _ = write!(
            needs,
            " and running {} beside it",
            e.also_runs.join(" and ")
        );
    }
    needs
}

fn team(e: &Engine, p: &Profile, r: TeamReason) -> String {
    let (mut s, migration) = match r {
        TeamReason::Runs => return format!("your team already runs {}: no migration", e.name),
        TeamReason::Fading => (
            format!(
                "your team runs {}, but it is {}: familiarity alone does not keep it; needs {}",
                e.name,
                e.status.to_string().to_lowercase(),
                needs(e)
            ),
            false,
        ),
        TeamReason::Within {
            same_kind,
            migration,
        } => (
            format!(
                "needs {}, which a team that does {} can run; learning it is {}",
                needs(e),
                crate::profile::team(p.team),
                if same_kind {
                    "the kind of work your team already does"
                } else {
                    "a new kind of work"
                }
            ),
            migration,
        ),
        TeamReason::Beyond { steps, migration } => (
            format!(
                "needs {}: {steps} step{} beyond a team that does {}",
                needs(e),
                if steps == 1 { "" } else { "s" },
                crate::profile::team(p.team)
            ),
            migration,
        ),
    };
    if migration {
        let _ = write!(
            s,
            "; moving from what your team runs ({}) is a migration",
            p.team_knows.join(", ")
        );
    }
    s
}

/// "DKIM signing through OpenDKIM milter", "Kubernetes partial": a capability as a reason says it.
fn level_words(e: &Engine, c: Capability, level: Level) -> String {
    match (level, e.add_on(c)) {
        (Level::AddOn, Some(name)) => format!("{} through {name}", c.label()),
        (Level::Separate, Some(name)) => format!("{} sold separately ({name})", c.label()),
        (level, _) => format!("{} {level}", c.label()),
    }
}

fn cloud_native(e: &Engine, r: &CloudReason) -> String {
    match r {
        CloudReason::NotAsked => "not asked for (neutral)".into(),
        CloudReason::Managed => "a managed service: nothing to deploy or scrape yourself".into(),
        CloudReason::Has(levels) => levels
            .iter()
            .map(|(c, level)| level_words(e, *c, *level))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn support(r: SupportReason) -> &'static str {
    match r {
        SupportReason::NotAsked => "community support is enough for you (neutral)",
        SupportReason::Sla => "a support contract with an SLA is available",
        SupportReason::ThirdParty => "no vendor SLA; paid help only from third parties",
        SupportReason::NoContract => "no support contract to buy",
    }
}

fn marketing(e: &Engine, r: MarketingReason) -> String {
    let add_on = |or: &str| {
        e.add_on(Capability::BundledMarketing)
            .unwrap_or(or)
            .to_owned()
    };
    match r {
        MarketingReason::Indifferent(Level::Yes) => {
            "bundles marketing tooling you have not asked for: a cost you may not use".into()
        }
        MarketingReason::Indifferent(Level::Separate) => {
            "marketing tooling is a separate product: nothing to pay for unless you buy it".into()
        }
        MarketingReason::Indifferent(_) => "no bundled marketing to pay for".into(),
        MarketingReason::Wanted(level) => match level {
            Level::Yes => "bundles list and campaign tooling".into(),
            Level::AddOn => format!("marketing tooling through {}", add_on("an add-on")),
            Level::Separate => format!(
                "marketing tooling from the same vendor, sold separately: {} (its price is not in this cost)",
                add_on("a separate product")
            ),
            Level::Partial => "some marketing tooling (templates, lists), not a full suite".into(),
            Level::No => "no marketing tooling: you would add your own".into(),
            Level::Unknown => {
                "unknown — no source says whether it bundles marketing tooling".into()
            }
        },
        MarketingReason::Unwanted(Level::Yes) => {
            "bundles marketing tooling you would pay for and not use".into()
        }
        MarketingReason::Unwanted(_) => "pure sending infrastructure, as you want".into(),
    }
}

fn capabilities(e: &Engine, p: &Profile, r: &CapabilityReason) -> String {
    match r {
        CapabilityReason::NotAsked => "no wanted capabilities listed (neutral)".into(),
        CapabilityReason::Has { got, wanted } => {
            let mut s = format!("has {} of {wanted} wanted:", units::weight(*got));
            for c in &p.want {
                let _ = write!(s, " {};", level_words(e, *c, e.capability(*c)));
            }
            s.trim_end_matches(';').to_owned()
        }
    }
}

fn reversibility(e: &Engine, r: &ReversibilityReason) -> String {
    let licence = match (r.licence, &e.licence) {
        (LicenceExit::Open, Licence::Open(spdx)) => format!("open licence ({spdx})"),
        (LicenceExit::Open, _) => "an open licence".into(),
        (LicenceExit::Rented, _) => "a rented service whose IPs and settings stay behind".into(),
        (LicenceExit::Proprietary, _) => "a proprietary engine".into(),
    };
    let config = match r.config {
        ConfigExit::Readable => format!("{} you can read and keep", e.config.describe()),
        ConfigExit::Integration => "your integration code moves with you".into(),
        ConfigExit::Held => "settings held in its own console or database".into(),
    };
    let status = match r.status {
        Status::Active => "",
        Status::Maintained => "; maintained, with little new: expect to move one day",
        Status::Stalled => "; development has stalled: you may have to move",
        Status::Legacy => "; a legacy project: plan the move",
    };
    format!("{licence}; {config}{status}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use mtafit_model::catalogue::Catalogue;
    use mtafit_model::decide::fit;
    use mtafit_model::profile::{Marketing, Situation, SupportNeed};

    fn engine(id: &str) -> Engine {
        Catalogue::builtin().engine(id).unwrap().clone()
    }

    /// The words for one factor's reason, as every output shows them.
    fn words(id: &str, p: &Profile, spend: f64, f: FactorId) -> String {
        let e = engine(id);
        sentence(&e, p, &fit::reason(&e, p, spend, f))
    }

    #[test]
    fn volume_inside_below_and_above_the_band() {
        let v = |id: &str, volume: u64| {
            let p = Profile::from(Situation {
                monthly_volume: volume,
                ..Situation::default()
            });
            words(id, &p, 0.0, FactorId::Volume)
        };
        assert_eq!(
            v("postfix", 7_421_043),
            "7.4M/month is inside Postfix's band (up to 10M/month)"
        );
        assert_eq!(
            v("kumomta", 7_421_043),
            "7.4M/month is below KumoMTA's 15M–150M/month band: about 2× more capacity than you need"
        );
        let beyond = v("postfix", 100_000_000);
        assert!(
            beyond.contains("about 2× the 55M/month one estate is documented to carry"),
            "{beyond}"
        );
        assert!(
            beyond.contains("that it carries more is an estimate"),
            "{beyond}"
        );
        let within = v("kumomta", 1_500_000_000);
        assert!(
            within.contains("within the 3.6B/month one estate is documented to carry"),
            "{within}"
        );
    }

    #[test]
    fn ratios_in_words() {
        assert_eq!(times(0.5), "just over 1×");
        assert_eq!(times(1.2), "just over 1×");
        assert_eq!(times(2.4), "about 2×");
        assert_eq!(times(15.0), "about 15×");
        assert_eq!(times(1_500.0), "about 1.5k×");
    }

    #[test]
    fn budget_uses_the_cap_or_a_labelled_reference() {
        let b = |id: &str, p: &Profile, spend: f64| words(id, p, spend, FactorId::Budget);
        let why = b("postfix", &Profile::default(), 25_000.0);
        assert!(why.contains("reference (an assumption"), "{why}");
        let capped = Profile::from(Situation {
            annual_budget_usd: Some(10_000.0),
            ..Situation::default()
        });
        assert_eq!(
            b("postfix", &capped, 20_000.0),
            "$20k/yr in cash (servers and addresses assumed; staff time not counted in the cap), 2.0× your $10k/yr cap"
        );
        assert_eq!(
            b("powermta", &capped, 5_000.0),
            "$5k/yr in cash (price estimated; servers and addresses assumed; staff time not counted in the cap), 50% of your $10k/yr cap"
        );
        // SES's plan prices are a third party's reading of the price list: an estimate.
        let why = b("ses", &capped, 5_000.0);
        assert!(
            why.starts_with("$5k/yr in cash (price estimated; staff time not counted in the cap)"),
            "{why}"
        );
        let why = b("postfix", &capped, 5_000_000.0);
        assert!(why.ends_with(", about 500× your $10k/yr cap"), "{why}");
        // Counting staff time is the profile's choice.
        let mut staff = capped.clone();
        staff.assumptions.cap_counts_staff = true;
        let why = b("postfix", &staff, 5_000.0);
        assert!(
            why.starts_with("$5k/yr (servers, addresses and staff time assumed)"),
            "{why}"
        );
        // Without a cap, a large sender's costs are read against what any estate of its size
        // pays.
        let big = Profile::from(Situation {
            monthly_volume: 5_000_000_000,
            ..Situation::default()
        });
        let why = b("postfix", &big, fit::budget_reference(&big).0);
        assert!(why.contains("what any estate at 5B/month pays"), "{why}");
    }

    #[test]
    fn team_reasons_name_the_work_and_the_migration() {
        let t = |id: &str, p: &Profile| words(id, p, 0.0, FactorId::Team);
        let sendmail = Profile::from(Situation {
            team_knows: vec!["sendmail".into()],
            ..Situation::default()
        });
        let go = t("postfix", &sendmail);
        assert!(
            go.ends_with("; moving from what your team runs (sendmail) is a migration"),
            "{go}"
        );
        let stay = t("sendmail", &sendmail);
        assert!(
            stay.starts_with("your team runs Sendmail, but it is legacy: familiarity alone"),
            "{stay}"
        );
        assert!(!stay.contains("is a migration"), "{stay}");
        let held = Profile::from(Situation {
            team_knows: vec!["powermta".into()],
            licences_held: vec!["powermta".into()],
            ..Situation::default()
        });
        assert_eq!(
            t("powermta", &held),
            "your team already runs PowerMTA: no migration"
        );
        let halon = t("halon", &Profile::default());
        assert!(
            halon.contains(": 2 steps beyond a team that does "),
            "{halon}"
        );
        let kumo = t("kumomta", &Profile::default());
        assert!(
            kumo.contains("for everyday changes")
                && kumo.ends_with("learning it is a new kind of work"),
            "{kumo}"
        );
    }

    #[test]
    fn neutral_factors_say_so_and_asked_ones_list_what_they_count() {
        let p = Profile::default();
        assert_eq!(
            words("postfix", &p, 0.0, FactorId::CloudNative),
            "not asked for (neutral)"
        );
        assert_eq!(
            words("postfix", &p, 0.0, FactorId::Support),
            "community support is enough for you (neutral)"
        );
        assert_eq!(
            words("postfix", &p, 0.0, FactorId::Capabilities),
            "no wanted capabilities listed (neutral)"
        );
        let asks = Profile::from(Situation {
            cloud_native: true,
            support: SupportNeed::VendorSla,
            marketing: Marketing::Wanted,
            want: vec![
                mtafit_model::catalogue::Capability::WebUi,
                mtafit_model::catalogue::Capability::Kubernetes,
            ],
            ..Situation::default()
        });
        assert_eq!(
            words("kumomta", &asks, 0.0, FactorId::Capabilities),
            "has 0 of 2 wanted: web UI no; Kubernetes no"
        );
        assert_eq!(
            words("ses", &asks, 0.0, FactorId::CloudNative),
            "a managed service: nothing to deploy or scrape yourself"
        );
        assert_eq!(
            words("postfix", &asks, 0.0, FactorId::Support),
            "no vendor SLA; paid help only from third parties"
        );
        assert_eq!(
            words("greenarrow", &asks, 0.0, FactorId::Marketing),
            "bundles list and campaign tooling"
        );
        // An add-on is named.
        let postfix_wants = Profile::from(Situation {
            want: vec![mtafit_model::catalogue::Capability::DkimSigning],
            ..Situation::default()
        });
        let why = words("postfix", &postfix_wants, 0.0, FactorId::Capabilities);
        assert!(
            why.contains("DKIM signing through the OpenDKIM or Rspamd milter"),
            "{why}"
        );
        assert_eq!(
            words("greenarrow", &p, 0.0, FactorId::Marketing),
            "bundles marketing tooling you have not asked for: a cost you may not use"
        );
    }

    #[test]
    fn reversibility_names_the_licence_the_configuration_and_the_status() {
        let p = Profile::default();
        let why = words("postfix", &p, 0.0, FactorId::Reversibility);
        assert!(why.starts_with("open licence ("), "{why}");
        let why = words("powermta", &p, 0.0, FactorId::Reversibility);
        assert!(
            why.starts_with("a proprietary engine; ")
                && why.ends_with("; development has stalled: you may have to move"),
            "{why}"
        );
        assert_eq!(
            words("ses", &p, 0.0, FactorId::Reversibility),
            "a rented service whose IPs and settings stay behind; your integration code moves with you"
        );
    }
}
