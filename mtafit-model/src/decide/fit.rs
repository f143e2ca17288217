//! One fit per factor, 0.0–1.0, each with a reason that names its numbers.
//!
//! Every function reads one engine's facts and the profile, nothing else: a fit never depends
//! on which other engines are in the catalogue (no rank reversal). The reason is written only
//! when asked for, because ranking ten thousand engines a frame must not format eighty thousand
//! sentences nobody will read.

use crate::catalogue::{
    Capability, Config, Engine, FactorId, Level, Licence, PerFactor, Role, ScaleOut, Status,
};
use crate::profile::{Marketing, Profile, SupportNeed, Team};
use crate::units;
use std::fmt::Write as _;

/// One fit per factor, each 0–1.
pub type Fits = PerFactor<f64>;

/// Where a reason is written, when one is wanted.
pub type Why<'a> = Option<&'a mut String>;

/// Fit lost per decade (factor of ten) below an engine's band: over-engineered.
pub const VOLUME_BELOW_PER_DECADE: f64 = 0.5;
/// Fit lost per decade above the band where the brief places a sending MTA or a service: such
/// engines are built to scale out, so only a small preference for the engine made for the
/// volume.
pub const VOLUME_ABOVE_BAND_PER_DECADE: f64 = 0.1;
/// The same for a sending MTA whose nodes share their shaping state: its estate sends as one,
/// so growing it is adding nodes, and only half the preference is left.
pub const VOLUME_ABOVE_BAND_SHARED_PER_DECADE: f64 = 0.05;
/// The same for a general-purpose MTA or a mailbox server: the brief says their limits start to
/// bite above their band, so the fit falls as fast as for an engine that is under-powered.
pub const VOLUME_ABOVE_BAND_GENERAL_PER_DECADE: f64 = 1.0;
/// Marketing fit of an engine that bundles marketing tooling a sender is indifferent to: the
/// brief counts bundled features you will not use as a cost.
pub const MARKETING_UNUSED: f64 = 0.75;
/// Fit lost per decade beyond the most one estate of an engine is documented to carry, on top of
/// the slope above its band: nobody has shown it there, so whether it carries that is an estimate.
pub const VOLUME_BEYOND_DOCUMENTED_PER_DECADE: f64 = 0.25;
/// Without a budget cap, costs are compared with this yearly reference (an assumption), or with
/// what any estate at the sender's volume pays when that is more ([`super::cost::baseline`]).
pub const REFERENCE_BUDGET_USD: f64 = 25_000.0;

/// What the budget fit compares a cost with: the cap when there is one; else the fixed
/// reference, doubled as often as what any estate at the volume pays
/// ([`super::cost::baseline`]) has at least doubled it (true when doubled). A round figure
/// that moves in steps: the scale of the estate, not a price, and one that stays put over
/// wide ranges of volume, so the path's bounds stay tight.
pub fn budget_reference(p: &Profile) -> (f64, bool) {
    match p.annual_budget_usd {
        Some(cap) if cap > 0.0 => (cap, false),
        _ => {
            let baseline = super::cost::baseline(p, p.monthly_volume);
            let mut reference = REFERENCE_BUDGET_USD;
            // At most about a hundred doublings for any finite baseline; a bound for NaN.
            for _ in 0..1100 {
                if baseline.is_nan() || baseline < 2.0 * reference {
                    break;
                }
                reference *= 2.0;
            }
            (reference, reference > REFERENCE_BUDGET_USD)
        }
    }
}
/// Fit lost per step an engine's configuration demands beyond what the team can run.
pub const TEAM_PER_STEP: f64 = 0.35;
/// Fit lost learning an engine the team does not run whose configuration is the kind it already
/// writes.
pub const LEARN_SAME_KIND: f64 = 0.15;
/// Fit lost learning an engine the team does not run whose configuration is of another kind.
pub const LEARN_NEW_KIND: f64 = 0.3;
/// Fit lost by every engine the team does not keep when it already runs one: moving is a
/// migration (the credit the brief gives a PowerMTA team, for any engine).
pub const TEAM_MIGRATION: f64 = 0.15;

fn say(why: Why<'_>, text: impl FnOnce() -> String) {
    if let Some(w) = why {
        *w = text();
    }
}

/// Whether the profile asks about a factor. A factor it does not ask about (no cloud-native
/// need, community support enough, indifferent to marketing, no wanted capabilities) is left
/// out of the score rather than scored a perfect fit for everyone, which would compress every
/// score and let asking for a need lower the best match.
pub fn asked(p: &Profile, f: FactorId) -> bool {
    match f {
        FactorId::Volume | FactorId::Budget | FactorId::Team | FactorId::Reversibility => true,
        FactorId::CloudNative => p.cloud_native,
        FactorId::Support => p.support == SupportNeed::VendorSla,
        // Indifferent still counts: unused bundled tooling is a cost (the brief).
        FactorId::Marketing => true,
        FactorId::Capabilities => !p.want.is_empty(),
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

/// Inside the band where the brief places the engine, 1.0. Below it, over-engineered: the fit
/// falls with the distance in decades. Above it, a slope that depends on what the engine is for
/// and how its estate grows; beyond the most one estate is documented to carry, a further fall,
/// because that the engine carries more is then an estimate. No volume puts an engine out of the
/// running here: estates grow by nodes.
pub fn volume(e: &Engine, p: &Profile, why: Why<'_>) -> f64 {
    let v = p.monthly_volume.max(1) as f64;
    let (min, max) = (e.volume.min_per_month, e.volume.max_per_month);
    let proven = e.volume.proven_max();
    let band = || {
        if min == 0 {
            format!("band (up to {}/month)", units::volume(max))
        } else {
            format!("{}–{}/month band", units::volume(min), units::volume(max))
        }
    };
    // Words are built only when a reason is asked for: ranking ten thousand engines asks none.
    let vol = || units::volume(p.monthly_volume);
    let estimate = if e.volume.proven_basis.is_estimate() {
        ", itself an estimate"
    } else {
        ""
    };
    if p.monthly_volume < min {
        let decades = (min as f64 / v).log10();
        say(why, || {
            format!(
                "{}/month is below {}'s {}: {} more capacity than you need",
                vol(),
                e.name,
                band(),
                times(min as f64 / v)
            )
        });
        return (1.0 - VOLUME_BELOW_PER_DECADE * decades).clamp(0.0, 1.0);
    }
    if p.monthly_volume <= max {
        say(why, || {
            format!("{}/month is inside {}'s {}", vol(), e.name, band())
        });
        return 1.0;
    }
    let above = above_band_slope(e) * (v / max.max(1) as f64).log10();
    if p.monthly_volume <= proven {
        say(why, || {
            format!(
                "{}/month is above {}'s {}, within the {}/month one estate is documented to carry{estimate}",
                vol(),
                e.name,
                band(),
                units::volume(proven)
            )
        });
        return (1.0 - above).clamp(0.0, 1.0);
    }
    let beyond = VOLUME_BEYOND_DOCUMENTED_PER_DECADE * (v / proven.max(1) as f64).log10();
    say(why, || {
        format!(
            "{}/month is above {}'s {} and {} the {}/month one estate is documented to carry{estimate}: that it carries more is an estimate",
            vol(),
            e.name,
            band(),
            times(v / proven.max(1) as f64),
            units::volume(proven)
        )
    });
    (1.0 - above - beyond).clamp(0.0, 1.0)
}

/// How fast the volume fit falls above an engine's band: gently for engines built to send at
/// volume (more gently still when its nodes share their shaping state), fast for a
/// general-purpose MTA or a mailbox server, whose limits the brief says start to bite there.
fn above_band_slope(e: &Engine) -> f64 {
    match (e.role(), e.scale_out()) {
        (Role::SendingMta, Some(ScaleOut::Shared)) => VOLUME_ABOVE_BAND_SHARED_PER_DECADE,
        (Role::SendingMta | Role::Service, _) => VOLUME_ABOVE_BAND_PER_DECADE,
        (Role::GeneralMta | Role::MailboxServer, _) => VOLUME_ABOVE_BAND_GENERAL_PER_DECADE,
    }
}

/// R / (R + spend), never NaN: the budget fit against a reference R.
pub fn budget_fit(reference: f64, spend: f64) -> f64 {
    let fit = reference / (reference + spend.max(0.0));
    if fit.is_finite() { fit } else { 0.0 }
}

/// R / (R + spend): R is the profile's cap, or a fixed reference when there is none; `spend` is
/// what the budget reads of the annual cost ([`super::cost::AnnualCost::counted`]): with a cap,
/// the cash (and staff time when the profile counts it), else everything.
pub fn budget(e: &Engine, p: &Profile, spend: f64, why: Why<'_>) -> f64 {
    let cost = spend.max(0.0);
    let cash_only = super::cost::counts_cash_only(p);
    // "$10.4k/yr (price estimated; servers and operations assumed)": the reason says which parts
    // of the figure rest on estimates and on the profile's assumptions.
    let figure = || {
        let mut parts = Vec::new();
        if e.cost.estimate.is_some() {
            parts.push("price estimated");
        }
        let service = e.is_managed() || e.cost.node_capacity_per_month == 0;
        parts.push(match (service, cash_only) {
            (true, true) => "staff time not counted in the cap",
            (true, false) => "operations assumed",
            (false, true) => "servers and addresses assumed; staff time not counted in the cap",
            (false, false) => "servers, addresses and staff time assumed",
        });
        let what = if cash_only { " in cash" } else { "" };
        format!("{}/yr{what} ({})", units::usd(cost), parts.join("; "))
    };
    match p.annual_budget_usd {
        Some(cap) if cap > 0.0 => {
            say(why, || {
                let ratio = cost / cap;
                if ratio <= 1.0 {
                    format!(
                        "{}, {:.0}% of your {}/yr cap",
                        figure(),
                        ratio * 100.0,
                        units::usd(cap)
                    )
                } else if ratio < 100.0 {
                    format!("{}, {ratio:.1}× your {}/yr cap", figure(), units::usd(cap))
                } else {
                    format!(
                        "{}, {} your {}/yr cap",
                        figure(),
                        times(ratio),
                        units::usd(cap)
                    )
                }
            });
            budget_fit(cap, cost)
        }
        _ => {
            let (reference, scaled) = budget_reference(p);
            say(why, || {
                if scaled {
                    format!(
                        "{} against a {}/yr reference, the scale of what any estate at {}/month pays before its engine (addresses, their deliverability work, base operations, one server: assumptions; set a budget to use yours)",
                        figure(),
                        units::usd(reference),
                        units::volume(p.monthly_volume)
                    )
                } else {
                    format!(
                        "{} against a {}/yr reference (an assumption; set a budget to use yours)",
                        figure(),
                        units::usd(reference)
                    )
                }
            });
            budget_fit(reference, cost)
        }
    }
}

/// True when a configuration is the kind of work a team already does, or simpler: a team that
/// programs edits files too, but a team that keeps files has not written code.
fn writes(team: Team, config: &Config) -> bool {
    config.level() <= team.level()
}

/// True when an engine the team runs is worth keeping: an active or maintained one, or one whose
/// licence it holds (a legacy or stalled engine is not kept on familiarity alone).
fn worth_keeping(e: &Engine, p: &Profile) -> bool {
    matches!(e.status, Status::Active | Status::Maintained) || p.licences_held.contains(&e.id)
}

/// What the configuration demands against what the team can run, and what adopting it costs:
/// 1.0 if the team already runs it and it is worth keeping; otherwise a learning step, smaller
/// when the configuration is the kind the team already writes, a step per rung of the skill
/// ladder it climbs, and a migration when the team runs something else. A stalled or legacy
/// engine the team runs without holding its licence scores as a same-kind engine it would move
/// to: familiarity alone does not keep it, because staying is a migration postponed.
pub fn team(e: &Engine, p: &Profile, why: Why<'_>) -> f64 {
    // Ranking ten thousand engines asks this of each: one look through the team's engines.
    let known = p.team_knows.contains(&e.id);
    if known && worth_keeping(e, p) {
        say(why, || {
            format!("your team already runs {}: no migration", e.name)
        });
        return 1.0;
    }
    // Each server the engine needs beside it (a message broker) is one more thing the team
    // runs: a step up the ladder, as far as its top. Day-to-day configuration (KumoMTA's TOML
    // helpers) sets the rung; the kind of work is the engine's own configuration.
    let extra = u8::try_from(e.also_runs.len()).unwrap_or(u8::MAX);
    let need = e
        .everyday()
        .level()
        .saturating_add(extra)
        .min(Team::TOP_LEVEL);
    let have = p.team.level();
    let steps = need.saturating_sub(have);
    let same_kind = known || writes(p.team, &e.config);
    // A rung climbed is already new work: the larger learning step is for an engine within the
    // team's reach whose own configuration is still of another kind (KumoMTA's Lua behind its
    // TOML helpers, for a team that keeps files).
    let learn = if same_kind || steps > 0 {
        LEARN_SAME_KIND
    } else {
        LEARN_NEW_KIND
    };
    // The team runs something: every engine but a keeper is a move, a fading incumbent too.
    let migrating = !p.team_knows.is_empty();
    let fit = (1.0
        - TEAM_PER_STEP * f64::from(steps)
        - learn
        - if migrating { TEAM_MIGRATION } else { 0.0 })
    .max(0.0);
    say(why, || {
        let mut needs = e.config.describe();
        if let Some(every) = &e.everyday_config {
            needs.push_str(&format!(", with {} for everyday changes", every.describe()));
        }
        if !e.also_runs.is_empty() {
            needs.push_str(&format!(
                " and running {} beside it",
                e.also_runs.join(" and ")
            ));
        }
        let mut s = if known {
            format!(
                "your team runs {}, but it is {}: familiarity alone does not keep it; needs {needs}",
                e.name,
                e.status.to_string().to_lowercase()
            )
        } else if steps == 0 {
            format!(
                "needs {needs}, which a team that does {} can run; learning it is {}",
                team_words(p.team),
                if same_kind {
                    "the kind of work your team already does"
                } else {
                    "a new kind of work"
                }
            )
        } else {
            format!(
                "needs {needs}: {steps} step{} beyond a team that does {}",
                if steps == 1 { "" } else { "s" },
                team_words(p.team)
            )
        };
        if migrating && !known {
            s.push_str(&format!(
                "; moving from what your team runs ({}) is a migration",
                p.team_knows.join(", ")
            ));
        }
        s
    });
    fit
}

/// The capabilities that make an engine cloud-native.
const CLOUD: [Capability; 3] = [
    Capability::PrometheusMetrics,
    Capability::ContainerImage,
    Capability::Kubernetes,
];

/// Neutral unless asked for; then the share of Prometheus, container image and Kubernetes.
pub fn cloud_native(e: &Engine, p: &Profile, why: Why<'_>) -> f64 {
    if !p.cloud_native {
        say(why, || "not asked for (neutral)".into());
        return 1.0;
    }
    if e.is_managed() {
        say(why, || {
            "a managed service: nothing to deploy or scrape yourself".into()
        });
        return 1.0;
    }
    let fit = CLOUD.iter().map(|c| e.capability(*c).credit()).sum::<f64>() / CLOUD.len() as f64;
    say(why, || {
        CLOUD
            .iter()
            .map(|c| level_words(e, *c))
            .collect::<Vec<_>>()
            .join(", ")
    });
    fit
}

/// "DKIM signing add-on (OpenDKIM milter)", "Kubernetes partial": a capability as a reason says it.
fn level_words(e: &Engine, c: Capability) -> String {
    match (e.capability(c), e.add_on(c)) {
        (Level::AddOn, Some(name)) => format!("{} through {name}", c.label()),
        (Level::Separate, Some(name)) => format!("{} sold separately ({name})", c.label()),
        (level, _) => format!("{} {level}", c.label()),
    }
}

/// Neutral unless a vendor SLA is needed; then SLA 1.0, third-party help 0.5, none 0.
pub fn support(e: &Engine, p: &Profile, why: Why<'_>) -> f64 {
    if p.support == SupportNeed::Community {
        say(why, || {
            "community support is enough for you (neutral)".into()
        });
        return 1.0;
    }
    let s = &e.support;
    if s.vendor_sla {
        say(why, || "a support contract with an SLA is available".into());
        1.0
    } else if s.third_party {
        say(why, || {
            "no vendor SLA; paid help only from third parties".into()
        });
        0.5
    } else {
        say(why, || "no support contract to buy".into());
        0.0
    }
}

/// Wanted: bundled 1.0; unwanted: bundled 0.5 (paying for what you won't use); else neutral.
pub fn marketing(e: &Engine, p: &Profile, why: Why<'_>) -> f64 {
    let has = e.capability(Capability::BundledMarketing);
    match p.marketing {
        Marketing::Indifferent => {
            if has == Level::Yes {
                say(why, || {
                    "bundles marketing tooling you have not asked for: a cost you may not use"
                        .into()
                });
                MARKETING_UNUSED
            } else {
                say(why, || {
                    match has {
                    Level::Separate => {
                        "marketing tooling is a separate product: nothing to pay for unless you buy it"
                            .into()
                    }
                    _ => "no bundled marketing to pay for".into(),
                }
                });
                1.0
            }
        }
        Marketing::Wanted => {
            say(why, || match has {
                Level::Yes => "bundles list and campaign tooling".into(),
                Level::AddOn => format!(
                    "marketing tooling through {}",
                    e.add_on(Capability::BundledMarketing)
                        .unwrap_or("an add-on")
                ),
                Level::Separate => format!(
                    "marketing tooling from the same vendor, sold separately: {} (its price is not in this cost)",
                    e.add_on(Capability::BundledMarketing)
                        .unwrap_or("a separate product")
                ),
                Level::Partial => {
                    "some marketing tooling (templates, lists), not a full suite".into()
                }
                Level::No => "no marketing tooling: you would add your own".into(),
                Level::Unknown => {
                    "unknown — no source says whether it bundles marketing tooling".into()
                }
            });
            // Wanted means from the same vendor: a product it sells beside the service is that.
            if has == Level::Separate {
                1.0
            } else {
                has.credit()
            }
        }
        Marketing::Unwanted => {
            if has == Level::Yes {
                say(why, || {
                    "bundles marketing tooling you would pay for and not use".into()
                });
                0.5
            } else {
                say(why, || "pure sending infrastructure, as you want".into());
                1.0
            }
        }
    }
}

/// Share of the wanted capabilities it has (Partial counts half); neutral when none are wanted.
pub fn capabilities(e: &Engine, p: &Profile, why: Why<'_>) -> f64 {
    let wanted = &p.want;
    if wanted.is_empty() {
        say(why, || "no wanted capabilities listed (neutral)".into());
        return 1.0;
    }
    let got: f64 = wanted.iter().map(|c| e.capability(*c).credit()).sum();
    let fit = got / wanted.len() as f64;
    say(why, || {
        let mut s = format!("has {} of {} wanted:", units::weight(got), wanted.len());
        for c in wanted {
            let _ = write!(s, " {};", level_words(e, *c));
        }
        s.trim_end_matches(';').to_owned()
    });
    fit
}

/// How much of a fit is left for a project in each state: a stalled or legacy engine is one you
/// may have to leave, so its exit cost is nearer.
pub fn status_share(s: Status) -> f64 {
    match s {
        Status::Active => 1.0,
        Status::Maintained => 0.9,
        Status::Stalled => 0.7,
        Status::Legacy => 0.5,
    }
}

/// How cheaply you could leave, and how soon you may have to: an open licence and readable
/// configuration you keep score high, a proprietary engine lower; a stalled or legacy project
/// takes a share off (the status is a fact of the catalogue, shown with every engine).
pub fn reversibility(e: &Engine, _p: &Profile, why: Why<'_>) -> f64 {
    let open = matches!(e.licence, Licence::Open(_));
    let text_config = matches!(
        e.config,
        Config::StaticFile | Config::ConfigAsCode(_) | Config::Scripting(_)
    );
    let base = if open { 0.7 } else { 0.3 } + if text_config { 0.3 } else { 0.1 };
    let fit = base * status_share(e.status);
    say(why, || {
        let licence = match (&e.licence, e.is_managed()) {
            (Licence::Open(spdx), _) => format!("open licence ({spdx})"),
            (Licence::Commercial, true) => {
                "a rented service whose IPs and settings stay behind".into()
            }
            (Licence::Commercial, false) => "a proprietary engine".into(),
        };
        let config = if text_config {
            format!("{} you can read and keep", e.config.describe())
        } else if e.is_managed() {
            "your integration code moves with you".into()
        } else {
            "settings held in its own console or database".into()
        };
        let status = match e.status {
            Status::Active => String::new(),
            Status::Maintained => "; maintained, with little new: expect to move one day".into(),
            Status::Stalled => "; development has stalled: you may have to move".into(),
            Status::Legacy => "; a legacy project: plan the move".into(),
        };
        format!("{licence}; {config}{status}")
    });
    fit
}

/// Fits are kept to six decimals: far finer than anything shown, and coarse enough that a
/// difference between two engines is always large enough for a score comparison to see.
pub fn quantize(f: f64) -> f64 {
    // Fits lie in 0–1, so adding ½ and truncating rounds; a cast compiles to one instruction
    // where `f64::round` is a library call on baseline x86-64.
    ((f * 1e6 + 0.5) as i64) as f64 / 1e6
}

/// Every fit of one engine; `spend` is what the budget reads of its annual cost and `reference`
/// what it is compared with ([`budget_reference`], the same for every engine, so a ranking finds
/// it once).
pub fn all(e: &Engine, p: &Profile, spend: f64, reference: f64) -> Fits {
    // Written out rather than through `one`: ranking ten thousand engines a frame calls this for
    // each, and the match per factor costs a third of the ranking (benches/rank.rs).
    PerFactor([
        volume(e, p, None),
        budget_fit(reference, spend),
        team(e, p, None),
        cloud_native(e, p, None),
        support(e, p, None),
        marketing(e, p, None),
        capabilities(e, p, None),
        reversibility(e, p, None),
    ])
    .map(quantize)
}

/// One factor's fit, rounded as [`all`] rounds it.
pub fn of(e: &Engine, p: &Profile, annual_cost: f64, f: FactorId) -> f64 {
    quantize(one(e, p, annual_cost, f, None))
}

/// One factor's fit, with its reason written to `why` when asked for.
fn one(e: &Engine, p: &Profile, annual_cost: f64, f: FactorId, why: Why<'_>) -> f64 {
    match f {
        FactorId::Volume => volume(e, p, why),
        FactorId::Budget => budget(e, p, annual_cost, why),
        FactorId::Team => team(e, p, why),
        FactorId::CloudNative => cloud_native(e, p, why),
        FactorId::Support => support(e, p, why),
        FactorId::Marketing => marketing(e, p, why),
        FactorId::Capabilities => capabilities(e, p, why),
        FactorId::Reversibility => reversibility(e, p, why),
    }
}

/// The reason for one factor's fit.
pub fn explain(e: &Engine, p: &Profile, annual_cost: f64, f: FactorId) -> String {
    let mut s = String::new();
    one(e, p, annual_cost, f, Some(&mut s));
    s
}

/// A team in a reason's words: render's words for it (`render::profile::team`), kept here
/// while the fits write their reasons as text.
fn team_words(t: Team) -> &'static str {
    match t {
        Team::Api => "API integration",
        Team::Gui => "web consoles",
        Team::StaticConfig => "static config",
        Team::ConfigAsCode => "config as code",
        Team::Programming => "programming",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Capability;
    use crate::catalogue::Catalogue;
    use crate::profile::{Situation, Team};

    fn engine(id: &str) -> Engine {
        Catalogue::builtin().engine(id).unwrap().clone()
    }

    #[test]
    fn volume_inside_below_and_above_the_band() {
        let p = Profile::default();
        let mut why = String::new();
        assert_eq!(volume(&engine("postfix"), &p, Some(&mut why)), 1.0);
        assert_eq!(why, "7.4M/month is inside Postfix's band (up to 10M/month)");
        let f = volume(&engine("kumomta"), &p, Some(&mut why));
        assert!((f - (1.0 - 0.5 * (15e6f64 / 7_421_043.0).log10())).abs() < 1e-12);
        assert_eq!(
            why,
            "7.4M/month is below KumoMTA's 15M–150M/month band: about 2× more capacity than you need"
        );
        let big = Profile::from(Situation {
            monthly_volume: 100_000_000,
            ..Situation::default()
        });
        // A decade above Postfix's band and beyond the 55M a month one estate is documented to
        // carry: no fit left, and the reason says the rest is an estimate.
        assert_eq!(volume(&engine("postfix"), &big, Some(&mut why)), 0.0);
        assert!(
            why.contains("about 2× the 55M/month one estate is documented to carry"),
            "{why}"
        );
        assert!(why.contains("that it carries more is an estimate"), "{why}");
        // A decade above KumoMTA's band, well inside what is documented: its nodes share their
        // shaping state, so barely less.
        let isp = Profile::from(Situation {
            monthly_volume: 1_500_000_000,
            ..Situation::default()
        });
        let kumo = volume(&engine("kumomta"), &isp, Some(&mut why));
        assert!((kumo - (1.0 - 0.05 * 1.0)).abs() < 1e-12, "{kumo}");
        assert!(
            why.contains("within the 3.6B/month one estate is documented to carry"),
            "{why}"
        );
        // A sending MTA whose nodes do not share their limits loses twice as fast.
        let pmta = volume(
            &engine("powermta"),
            &Profile::from(Situation {
                monthly_volume: 1_000_000_000,
                ..Situation::default()
            }),
            None,
        );
        assert!((pmta - (1.0 - 0.1 * 2f64.log10())).abs() < 1e-12, "{pmta}");
        // Beyond the documented figure the fit keeps falling, by a quarter a decade.
        let huge = Profile::from(Situation {
            monthly_volume: 36_000_000_000,
            ..Situation::default()
        });
        let kumo = volume(&engine("kumomta"), &huge, None);
        let expect = 1.0 - 0.05 * (36e9f64 / 150e6).log10() - 0.25;
        assert!((kumo - expect).abs() < 1e-12, "{kumo} vs {expect}");
        // A general-purpose MTA above its band falls as if under-powered, as the brief says.
        let twenty = Profile::from(Situation {
            monthly_volume: 20_000_000,
            ..Situation::default()
        });
        let postfix = volume(&engine("postfix"), &twenty, None);
        assert!((postfix - (1.0 - 2f64.log10())).abs() < 1e-12, "{postfix}");
        // One decade below costs half as much as one decade above.
        let low = Profile::from(Situation {
            monthly_volume: 1_500_000,
            ..Situation::default()
        });
        assert!((volume(&engine("kumomta"), &low, None) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn budget_uses_the_cap_or_a_labelled_reference() {
        let e = engine("postfix");
        let mut why = String::new();
        let f = budget(&e, &Profile::default(), 25_000.0, Some(&mut why));
        assert_eq!(f, 0.5);
        assert!(why.contains("reference (an assumption"), "{why}");
        let capped = Profile::from(Situation {
            annual_budget_usd: Some(10_000.0),
            ..Situation::default()
        });
        assert!((budget(&e, &capped, 20_000.0, Some(&mut why)) - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(
            why,
            "$20k/yr in cash (servers and addresses assumed; staff time not counted in the cap), 2.0× your $10k/yr cap"
        );
        let mut why = String::new();
        budget(&engine("powermta"), &capped, 5_000.0, Some(&mut why));
        assert_eq!(
            why,
            "$5k/yr in cash (price estimated; servers and addresses assumed; staff time not counted in the cap), 50% of your $10k/yr cap"
        );
        let mut why = String::new();
        budget(&engine("ses"), &capped, 5_000.0, Some(&mut why));
        // SES's plan prices are a third party's reading of the price list: an estimate.
        assert!(
            why.starts_with("$5k/yr in cash (price estimated; staff time not counted in the cap)"),
            "{why}"
        );
        // Counting staff time is the profile's choice.
        let mut staff = capped.clone();
        staff.assumptions.cap_counts_staff = true;
        let mut why = String::new();
        budget(&e, &staff, 5_000.0, Some(&mut why));
        assert!(
            why.starts_with("$5k/yr (servers, addresses and staff time assumed)"),
            "{why}"
        );
        // Without a cap, a large sender's costs are read against what any estate of its size
        // pays, not against a figure a hundredth of it.
        let big = Profile::from(Situation {
            monthly_volume: 5_000_000_000,
            ..Situation::default()
        });
        let (reference, scaled) = budget_reference(&big);
        assert!(scaled && reference > 100_000.0, "{reference}");
        let mut why = String::new();
        assert_eq!(budget(&e, &big, reference, Some(&mut why)), 0.5);
        assert!(why.contains("what any estate at 5B/month pays"), "{why}");
        // A round step of the fixed reference, at most the baseline and more than half of it.
        let baseline = crate::decide::cost::baseline(&big, big.monthly_volume);
        assert!(
            reference <= baseline && reference * 2.0 > baseline,
            "{reference} {baseline}"
        );
        assert_eq!(
            reference / REFERENCE_BUDGET_USD,
            (reference / REFERENCE_BUDGET_USD).round()
        );
    }

    #[test]
    fn team_ladder_and_known_engines() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
        let p = Profile::default();
        // Every engine the team does not run is learned: a smaller step when its configuration
        // is the kind the team writes.
        assert!(close(team(&engine("postfix"), &p, None), 0.85));
        assert!(close(team(&engine("powermta"), &p, None), 0.85));
        // KumoMTA's TOML helpers keep a static-config team on its rung, but Lua is new work.
        assert!(close(team(&engine("kumomta"), &p, None), 0.70));
        // Two rungs up to HSL scripting; the rungs are the new work, so the smaller learning step.
        assert!(close(team(&engine("halon"), &p, None), 1.0 - 0.7 - 0.15));
        let one_rung = Profile::from(Situation {
            team: Team::ConfigAsCode,
            ..Situation::default()
        });
        assert!(close(
            team(&engine("halon"), &one_rung, None),
            1.0 - 0.35 - 0.15
        ));
        // A team that programs finds files no new kind of work.
        let coders = Profile::from(Situation {
            team: Team::Programming,
            ..Situation::default()
        });
        assert!(close(team(&engine("postfix"), &coders, None), 0.85));
        let knows = Profile::from(Situation {
            team_knows: vec!["halon".into()],
            ..Situation::default()
        });
        assert_eq!(team(&engine("halon"), &knows, None), 1.0);
        // Moving from it is a migration, on top of the learning.
        assert!(close(team(&engine("postfix"), &knows, None), 0.70));
        let api = Profile::from(Situation {
            team: Team::Api,
            ..Situation::default()
        });
        assert!(close(team(&engine("ses"), &api, None), 0.85));
        assert_eq!(team(&engine("halon"), &api, None), 0.0);
        // A programming team writes configuration as code too.
        let programmers = Profile::from(Situation {
            team: Team::Programming,
            ..Situation::default()
        });
        assert!(close(team(&engine("kumomta"), &programmers, None), 0.85));
        // A legacy engine the team runs is not kept on familiarity alone: it scores as the
        // same-kind engine the team would move to.
        let sendmail = Profile::from(Situation {
            team_knows: vec!["sendmail".into()],
            ..Situation::default()
        });
        let stay = team(&engine("sendmail"), &sendmail, None);
        let mut why = String::new();
        let go = team(&engine("postfix"), &sendmail, Some(&mut why));
        assert!(close(stay, go), "{stay} vs {go}");
        assert!(why.contains("is a migration"), "{why}");
        // A stalled engine whose licence the team holds is an asset the brief counts.
        let held = Profile::from(Situation {
            team_knows: vec!["powermta".into()],
            licences_held: vec!["powermta".into()],
            ..Situation::default()
        });
        assert_eq!(team(&engine("powermta"), &held, None), 1.0);
        let known_only = Profile {
            situation: Situation {
                licences_held: vec![],
                ..held.situation.clone()
            },
            ..held
        };
        assert!(team(&engine("powermta"), &known_only, None) < 1.0);
    }

    #[test]
    fn neutral_factors_stay_neutral_until_asked() {
        let p = Profile::default();
        for id in ["postfix", "powermta", "ses"] {
            let e = engine(id);
            assert_eq!(cloud_native(&e, &p, None), 1.0);
            assert_eq!(support(&e, &p, None), 1.0);
            assert_eq!(marketing(&e, &p, None), 1.0);
            assert_eq!(capabilities(&e, &p, None), 1.0);
        }
        // Not asked, they leave the score; marketing always counts (unused bundles cost).
        for f in [
            FactorId::CloudNative,
            FactorId::Support,
            FactorId::Capabilities,
        ] {
            assert!(!asked(&p, f), "{f:?}");
        }
        assert!(asked(&p, FactorId::Marketing));
        assert_eq!(marketing(&engine("greenarrow"), &p, None), MARKETING_UNUSED);
        let asks = Profile::from(Situation {
            cloud_native: true,
            support: SupportNeed::VendorSla,
            marketing: Marketing::Wanted,
            want: vec![Capability::WebUi, Capability::Kubernetes],
            ..Situation::default()
        });
        let kumo = engine("kumomta");
        // Prometheus and an image, but Kubernetes only through a community example.
        assert!((cloud_native(&kumo, &asks, None) - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(support(&kumo, &asks, None), 1.0);
        assert_eq!(support(&engine("postfix"), &asks, None), 0.5);
        assert_eq!(marketing(&kumo, &asks, None), 0.0);
        assert_eq!(marketing(&engine("greenarrow"), &asks, None), 1.0);
        assert_eq!(capabilities(&kumo, &asks, None), 0.0);
        let mut why = String::new();
        capabilities(&kumo, &asks, Some(&mut why));
        assert_eq!(why, "has 0 of 2 wanted: web UI no; Kubernetes no");
        // An add-on counts three quarters, and the reason names it.
        let postfix_wants = Profile::from(Situation {
            want: vec![Capability::DkimSigning],
            ..Situation::default()
        });
        assert_eq!(capabilities(&engine("postfix"), &postfix_wants, None), 0.75);
        capabilities(&engine("postfix"), &postfix_wants, Some(&mut why));
        assert!(
            why.contains("DKIM signing through the OpenDKIM or Rspamd milter"),
            "{why}"
        );
    }

    #[test]
    fn unwanted_marketing_costs_half() {
        let p = Profile::from(Situation {
            marketing: Marketing::Unwanted,
            ..Situation::default()
        });
        assert_eq!(marketing(&engine("greenarrow"), &p, None), 0.5);
        assert_eq!(marketing(&engine("postfix"), &p, None), 1.0);
    }

    #[test]
    fn reversibility_prefers_open_and_readable() {
        let p = Profile::default();
        assert_eq!(reversibility(&engine("kumomta"), &p, None), 1.0);
        // Proprietary and stalled: 0.6 for its licence and configuration, 70 % of it for its status.
        assert!((reversibility(&engine("powermta"), &p, None) - 0.6 * 0.7).abs() < 1e-12);
        assert!((reversibility(&engine("ses"), &p, None) - 0.4).abs() < 1e-12);
    }

    #[test]
    fn all_fits_are_each_factors_own() {
        let cat = Catalogue::builtin();
        let p = Profile::from(Situation {
            cloud_native: true,
            want: vec![Capability::WebUi],
            ..Situation::default()
        });
        for e in &cat.engines {
            let fits = all(e, &p, 12_345.0, budget_reference(&p).0);
            for f in FactorId::ALL {
                assert_eq!(
                    fits[f],
                    quantize(one(e, &p, 12_345.0, f, None)),
                    "{} {f:?}",
                    e.id
                );
            }
        }
    }

    #[test]
    fn explain_matches_the_factor() {
        let e = engine("postfix");
        let p = Profile::default();
        assert!(explain(&e, &p, 1.0, FactorId::Volume).contains("inside"));
        assert!(explain(&e, &p, 1.0, FactorId::Reversibility).contains("open licence"));
    }
}
