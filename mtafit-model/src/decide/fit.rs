//! One fit per factor, 0.0–1.0, each with a typed reason that carries its numbers
//! ([`super::reason`]).
//!
//! Every function reads one engine's facts and the profile, nothing else: a fit never depends
//! on which other engines are in the catalogue (no rank reversal). A reason holds no text, so
//! ranking ten thousand engines a frame builds no sentence nobody will read; `render` words it.

use super::reason::{
    BudgetReason, CapabilityReason, CloudReason, ConfigExit, LicenceExit, MarketingReason, Reason,
    ReversibilityReason, Spend, SupportReason, TeamReason, VolumeBand, VolumeReason,
};
use crate::catalogue::{
    Capability, Config, Engine, FactorId, Level, Licence, PerFactor, Role, ScaleOut, Status,
};
use crate::profile::{Marketing, Profile, SupportNeed, Team};

/// One fit per factor, each 0–1.
pub type Fits = PerFactor<f64>;

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

/// Inside the band where the brief places the engine, 1.0. Below it, over-engineered: the fit
/// falls with the distance in decades. Above it, a slope that depends on what the engine is for
/// and how its estate grows; beyond the most one estate is documented to carry, a further fall,
/// because that the engine carries more is then an estimate. No volume puts an engine out of the
/// running here: estates grow by nodes.
pub fn volume(e: &Engine, p: &Profile) -> (f64, VolumeReason) {
    let volume = p.monthly_volume;
    let v = volume.max(1) as f64;
    let (min, max) = (e.volume.min_per_month, e.volume.max_per_month);
    let band = VolumeBand { min, max };
    let documented = e.volume.proven_max();
    let estimated = e.volume.proven_basis.is_estimate();
    if volume < min {
        let times = min as f64 / v;
        let fit = (1.0 - VOLUME_BELOW_PER_DECADE * times.log10()).clamp(0.0, 1.0);
        return (
            fit,
            VolumeReason::Below {
                volume,
                band,
                times,
            },
        );
    }
    if volume <= max {
        return (1.0, VolumeReason::Inside { volume, band });
    }
    let above = above_band_slope(e) * (v / max.max(1) as f64).log10();
    if volume <= documented {
        let reason = VolumeReason::Above {
            volume,
            band,
            documented,
            estimated,
        };
        return ((1.0 - above).clamp(0.0, 1.0), reason);
    }
    let times = v / documented.max(1) as f64;
    let beyond = VOLUME_BEYOND_DOCUMENTED_PER_DECADE * times.log10();
    let reason = VolumeReason::Beyond {
        volume,
        band,
        documented,
        estimated,
        times,
    };
    ((1.0 - above - beyond).clamp(0.0, 1.0), reason)
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
pub fn budget(e: &Engine, p: &Profile, spend: f64) -> (f64, BudgetReason) {
    // The reason says which parts of the figure rest on estimates and on the profile's
    // assumptions.
    let spend = Spend {
        usd: spend.max(0.0),
        price_estimated: e.cost.estimate.is_some(),
        service: e.is_managed() || e.cost.node_capacity_per_month == 0,
        cash_only: super::cost::counts_cash_only(p),
    };
    match p.annual_budget_usd {
        Some(cap) if cap > 0.0 => (budget_fit(cap, spend.usd), BudgetReason::Cap { spend, cap }),
        _ => {
            let (reference, scaled) = budget_reference(p);
            let reason = if scaled {
                BudgetReason::Scaled {
                    spend,
                    reference,
                    volume: p.monthly_volume,
                }
            } else {
                BudgetReason::Reference { spend, reference }
            };
            (budget_fit(reference, spend.usd), reason)
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
pub fn team(e: &Engine, p: &Profile) -> (f64, TeamReason) {
    // Ranking ten thousand engines asks this of each: one look through the team's engines.
    let known = p.team_knows.contains(&e.id);
    if known && worth_keeping(e, p) {
        return (1.0, TeamReason::Runs);
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
    // A fading incumbent is the team's own engine: leaving it is the migration, said once.
    let migration = migrating && !known;
    let reason = if known {
        TeamReason::Fading
    } else if steps == 0 {
        TeamReason::Within {
            same_kind,
            migration,
        }
    } else {
        TeamReason::Beyond { steps, migration }
    };
    (fit, reason)
}

/// The capabilities that make an engine cloud-native.
const CLOUD: [Capability; 3] = [
    Capability::PrometheusMetrics,
    Capability::ContainerImage,
    Capability::Kubernetes,
];

/// Neutral unless asked for; then the share of Prometheus, container image and Kubernetes.
pub fn cloud_native(e: &Engine, p: &Profile) -> (f64, CloudReason) {
    if !p.cloud_native {
        return (1.0, CloudReason::NotAsked);
    }
    if e.is_managed() {
        return (1.0, CloudReason::Managed);
    }
    let levels = CLOUD.map(|c| (c, e.capability(c)));
    let fit = levels.iter().map(|(_, l)| l.credit()).sum::<f64>() / CLOUD.len() as f64;
    (fit, CloudReason::Has(levels))
}

/// Neutral unless a vendor SLA is needed; then SLA 1.0, third-party help 0.5, none 0.
pub fn support(e: &Engine, p: &Profile) -> (f64, SupportReason) {
    if p.support == SupportNeed::Community {
        return (1.0, SupportReason::NotAsked);
    }
    let s = &e.support;
    if s.vendor_sla {
        (1.0, SupportReason::Sla)
    } else if s.third_party {
        (0.5, SupportReason::ThirdParty)
    } else {
        (0.0, SupportReason::NoContract)
    }
}

/// Wanted: bundled 1.0; unwanted: bundled 0.5 (paying for what you won't use); else neutral.
pub fn marketing(e: &Engine, p: &Profile) -> (f64, MarketingReason) {
    let has = e.capability(Capability::BundledMarketing);
    match p.marketing {
        Marketing::Indifferent => {
            let fit = if has == Level::Yes {
                MARKETING_UNUSED
            } else {
                1.0
            };
            (fit, MarketingReason::Indifferent(has))
        }
        // Wanted means from the same vendor: a product it sells beside the service is that.
        Marketing::Wanted => {
            let fit = if has == Level::Separate {
                1.0
            } else {
                has.credit()
            };
            (fit, MarketingReason::Wanted(has))
        }
        Marketing::Unwanted => {
            let fit = if has == Level::Yes { 0.5 } else { 1.0 };
            (fit, MarketingReason::Unwanted(has))
        }
    }
}

/// Share of the wanted capabilities it has (Partial counts half); neutral when none are wanted.
pub fn capabilities(e: &Engine, p: &Profile) -> (f64, CapabilityReason) {
    let wanted = &p.want;
    if wanted.is_empty() {
        return (1.0, CapabilityReason::NotAsked);
    }
    let got: f64 = wanted.iter().map(|c| e.capability(*c).credit()).sum();
    let fit = got / wanted.len() as f64;
    let reason = CapabilityReason::Has {
        got,
        wanted: wanted.len(),
    };
    (fit, reason)
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
pub fn reversibility(e: &Engine, _p: &Profile) -> (f64, ReversibilityReason) {
    let open = matches!(e.licence, Licence::Open(_));
    let text_config = matches!(
        e.config,
        Config::StaticFile | Config::ConfigAsCode(_) | Config::Scripting(_)
    );
    let base = if open { 0.7 } else { 0.3 } + if text_config { 0.3 } else { 0.1 };
    let fit = base * status_share(e.status);
    let managed = e.is_managed();
    let reason = ReversibilityReason {
        licence: match (open, managed) {
            (true, _) => LicenceExit::Open,
            (false, true) => LicenceExit::Rented,
            (false, false) => LicenceExit::Proprietary,
        },
        config: if text_config {
            ConfigExit::Readable
        } else if managed {
            ConfigExit::Integration
        } else {
            ConfigExit::Held
        },
        status: e.status,
    };
    (fit, reason)
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
    // Written out rather than through `of`: ranking ten thousand engines a frame calls this for
    // each, and the match per factor costs a third of the ranking (benches/rank.rs). The reasons
    // are plain values the compiler drops unread.
    PerFactor::from_array(
        [
            volume(e, p).0,
            budget_fit(reference, spend),
            team(e, p).0,
            cloud_native(e, p).0,
            support(e, p).0,
            marketing(e, p).0,
            capabilities(e, p).0,
            reversibility(e, p).0,
        ]
        .map(quantize),
    )
}

/// One factor's fit, rounded as [`all`] rounds it; `spend` as for [`all`].
pub fn of(e: &Engine, p: &Profile, spend: f64, f: FactorId) -> f64 {
    // Each arm drops its reason unread: what-if questions ask this of every engine.
    quantize(match f {
        FactorId::Volume => volume(e, p).0,
        FactorId::Budget => budget(e, p, spend).0,
        FactorId::Team => team(e, p).0,
        FactorId::CloudNative => cloud_native(e, p).0,
        FactorId::Support => support(e, p).0,
        FactorId::Marketing => marketing(e, p).0,
        FactorId::Capabilities => capabilities(e, p).0,
        FactorId::Reversibility => reversibility(e, p).0,
    })
}

/// Why one factor's fit is what it is; `spend` as for [`all`].
pub fn reason(e: &Engine, p: &Profile, spend: f64, f: FactorId) -> Reason {
    match f {
        FactorId::Volume => Reason::Volume(volume(e, p).1),
        FactorId::Budget => Reason::Budget(budget(e, p, spend).1),
        FactorId::Team => Reason::Team(team(e, p).1),
        FactorId::CloudNative => Reason::CloudNative(cloud_native(e, p).1),
        FactorId::Support => Reason::Support(support(e, p).1),
        FactorId::Marketing => Reason::Marketing(marketing(e, p).1),
        FactorId::Capabilities => Reason::Capabilities(capabilities(e, p).1),
        FactorId::Reversibility => Reason::Reversibility(reversibility(e, p).1),
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
        let (f, why) = volume(&engine("postfix"), &p);
        assert_eq!(f, 1.0);
        let postfix_band = VolumeBand {
            min: 0,
            max: 10_000_000,
        };
        assert_eq!(
            why,
            VolumeReason::Inside {
                volume: 7_421_043,
                band: postfix_band
            }
        );
        let (f, why) = volume(&engine("kumomta"), &p);
        assert!((f - (1.0 - 0.5 * (15e6f64 / 7_421_043.0).log10())).abs() < 1e-12);
        assert!(
            matches!(why, VolumeReason::Below { times, band, .. }
                if (times - 15e6 / 7_421_043.0).abs() < 1e-12 && band.min == 15_000_000),
            "{why:?}"
        );
        let big = Profile::from(Situation {
            monthly_volume: 100_000_000,
            ..Situation::default()
        });
        // A decade above Postfix's band and beyond the 55M a month one estate is documented to
        // carry: no fit left, and the reason says by how much.
        let (f, why) = volume(&engine("postfix"), &big);
        assert_eq!(f, 0.0);
        assert!(
            matches!(why, VolumeReason::Beyond { documented: 55_000_000, times, .. }
                if (times - 100.0 / 55.0).abs() < 1e-12),
            "{why:?}"
        );
        // A decade above KumoMTA's band, well inside what is documented: its nodes share their
        // shaping state, so barely less.
        let isp = Profile::from(Situation {
            monthly_volume: 1_500_000_000,
            ..Situation::default()
        });
        let (kumo, why) = volume(&engine("kumomta"), &isp);
        assert!((kumo - (1.0 - 0.05 * 1.0)).abs() < 1e-12, "{kumo}");
        assert!(
            matches!(
                why,
                VolumeReason::Above {
                    documented: 3_600_000_000,
                    ..
                }
            ),
            "{why:?}"
        );
        // A sending MTA whose nodes do not share their limits loses twice as fast.
        let pmta = volume(
            &engine("powermta"),
            &Profile::from(Situation {
                monthly_volume: 1_000_000_000,
                ..Situation::default()
            }),
        )
        .0;
        assert!((pmta - (1.0 - 0.1 * 2f64.log10())).abs() < 1e-12, "{pmta}");
        // Beyond the documented figure the fit keeps falling, by a quarter a decade.
        let huge = Profile::from(Situation {
            monthly_volume: 36_000_000_000,
            ..Situation::default()
        });
        let kumo = volume(&engine("kumomta"), &huge).0;
        let expect = 1.0 - 0.05 * (36e9f64 / 150e6).log10() - 0.25;
        assert!((kumo - expect).abs() < 1e-12, "{kumo} vs {expect}");
        // A general-purpose MTA above its band falls as if under-powered, as the brief says.
        let twenty = Profile::from(Situation {
            monthly_volume: 20_000_000,
            ..Situation::default()
        });
        let postfix = volume(&engine("postfix"), &twenty).0;
        assert!((postfix - (1.0 - 2f64.log10())).abs() < 1e-12, "{postfix}");
        // One decade below costs half as much as one decade above.
        let low = Profile::from(Situation {
            monthly_volume: 1_500_000,
            ..Situation::default()
        });
        assert!((volume(&engine("kumomta"), &low).0 - 0.5).abs() < 1e-12);
    }

    #[test]
    fn budget_uses_the_cap_or_a_labelled_reference() {
        let e = engine("postfix");
        let (f, why) = budget(&e, &Profile::default(), 25_000.0);
        assert_eq!(f, 0.5);
        assert!(
            matches!(why, BudgetReason::Reference { reference, .. } if reference == REFERENCE_BUDGET_USD),
            "{why:?}"
        );
        let capped = Profile::from(Situation {
            annual_budget_usd: Some(10_000.0),
            ..Situation::default()
        });
        let (f, why) = budget(&e, &capped, 20_000.0);
        assert!((f - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(
            why,
            BudgetReason::Cap {
                spend: Spend {
                    usd: 20_000.0,
                    price_estimated: false,
                    service: false,
                    cash_only: true,
                },
                cap: 10_000.0
            }
        );
        let (_, why) = budget(&engine("powermta"), &capped, 5_000.0);
        assert!(
            matches!(why, BudgetReason::Cap { spend, .. } if spend.price_estimated && !spend.service),
            "{why:?}"
        );
        // SES's plan prices are a third party's reading of the price list: an estimate.
        let (_, why) = budget(&engine("ses"), &capped, 5_000.0);
        assert!(
            matches!(why, BudgetReason::Cap { spend, .. } if spend.price_estimated && spend.service),
            "{why:?}"
        );
        // Counting staff time is the profile's choice.
        let mut staff = capped.clone();
        staff.assumptions.cap_counts_staff = true;
        let (_, why) = budget(&e, &staff, 5_000.0);
        assert!(
            matches!(why, BudgetReason::Cap { spend, .. } if !spend.cash_only),
            "{why:?}"
        );
        // A negative spend reads as nothing spent.
        assert_eq!(budget(&e, &capped, -5.0).0, 1.0);
        // Without a cap, a large sender's costs are read against what any estate of its size
        // pays, not against a figure a hundredth of it.
        let big = Profile::from(Situation {
            monthly_volume: 5_000_000_000,
            ..Situation::default()
        });
        let (reference, scaled) = budget_reference(&big);
        assert!(scaled && reference > 100_000.0, "{reference}");
        let (f, why) = budget(&e, &big, reference);
        assert_eq!(f, 0.5);
        assert!(
            matches!(why, BudgetReason::Scaled { volume: 5_000_000_000, reference: r, .. } if r == reference),
            "{why:?}"
        );
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
        let team = |e: &Engine, p: &Profile| team(e, p).0;
        let p = Profile::default();
        // Every engine the team does not run is learned: a smaller step when its configuration
        // is the kind the team writes.
        assert!(close(team(&engine("postfix"), &p), 0.85));
        assert!(close(team(&engine("powermta"), &p), 0.85));
        // KumoMTA's TOML helpers keep a static-config team on its rung, but Lua is new work.
        assert!(close(team(&engine("kumomta"), &p), 0.70));
        // Two rungs up to HSL scripting; the rungs are the new work, so the smaller learning step.
        assert!(close(team(&engine("halon"), &p), 1.0 - 0.7 - 0.15));
        let one_rung = Profile::from(Situation {
            team: Team::ConfigAsCode,
            ..Situation::default()
        });
        assert!(close(team(&engine("halon"), &one_rung), 1.0 - 0.35 - 0.15));
        // A team that programs finds files no new kind of work.
        let coders = Profile::from(Situation {
            team: Team::Programming,
            ..Situation::default()
        });
        assert!(close(team(&engine("postfix"), &coders), 0.85));
        let knows = Profile::from(Situation {
            team_knows: vec!["halon".into()],
            ..Situation::default()
        });
        assert_eq!(team(&engine("halon"), &knows), 1.0);
        // Moving from it is a migration, on top of the learning.
        assert!(close(team(&engine("postfix"), &knows), 0.70));
        let api = Profile::from(Situation {
            team: Team::Api,
            ..Situation::default()
        });
        assert!(close(team(&engine("ses"), &api), 0.85));
        assert_eq!(team(&engine("halon"), &api), 0.0);
        // A programming team writes configuration as code too.
        let programmers = Profile::from(Situation {
            team: Team::Programming,
            ..Situation::default()
        });
        assert!(close(team(&engine("kumomta"), &programmers), 0.85));
        // A legacy engine the team runs is not kept on familiarity alone: it scores as the
        // same-kind engine the team would move to.
        let sendmail = Profile::from(Situation {
            team_knows: vec!["sendmail".into()],
            ..Situation::default()
        });
        let (stay, why_stay) = super::team(&engine("sendmail"), &sendmail);
        let (go, why_go) = super::team(&engine("postfix"), &sendmail);
        assert!(close(stay, go), "{stay} vs {go}");
        assert_eq!(why_stay, TeamReason::Fading);
        assert_eq!(
            why_go,
            TeamReason::Within {
                same_kind: true,
                migration: true
            }
        );
        // A stalled engine whose licence the team holds is an asset the brief counts.
        let held = Profile::from(Situation {
            team_knows: vec!["powermta".into()],
            licences_held: vec!["powermta".into()],
            ..Situation::default()
        });
        assert_eq!(
            super::team(&engine("powermta"), &held),
            (1.0, TeamReason::Runs)
        );
        let known_only = Profile {
            situation: Situation {
                licences_held: vec![],
                ..held.situation.clone()
            },
            ..held
        };
        assert!(team(&engine("powermta"), &known_only) < 1.0);
        // Rungs beyond the team are counted in the reason.
        assert_eq!(
            super::team(&engine("halon"), &p).1,
            TeamReason::Beyond {
                steps: 2,
                migration: false
            }
        );
        assert_eq!(
            super::team(&engine("kumomta"), &p).1,
            TeamReason::Within {
                same_kind: false,
                migration: false
            }
        );
    }

    #[test]
    fn neutral_factors_stay_neutral_until_asked() {
        let p = Profile::default();
        for id in ["postfix", "powermta", "ses"] {
            let e = engine(id);
            assert_eq!(cloud_native(&e, &p), (1.0, CloudReason::NotAsked));
            assert_eq!(support(&e, &p), (1.0, SupportReason::NotAsked));
            assert_eq!(marketing(&e, &p).0, 1.0);
            assert_eq!(capabilities(&e, &p), (1.0, CapabilityReason::NotAsked));
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
        assert_eq!(
            marketing(&engine("greenarrow"), &p),
            (MARKETING_UNUSED, MarketingReason::Indifferent(Level::Yes))
        );
        let asks = Profile::from(Situation {
            cloud_native: true,
            support: SupportNeed::VendorSla,
            marketing: Marketing::Wanted,
            want: vec![Capability::WebUi, Capability::Kubernetes],
            ..Situation::default()
        });
        let kumo = engine("kumomta");
        // Prometheus and an image, but Kubernetes only through a community example.
        let (f, why) = cloud_native(&kumo, &asks);
        assert!((f - 2.0 / 3.0).abs() < 1e-12);
        assert!(
            matches!(
                why,
                CloudReason::Has([_, _, (Capability::Kubernetes, Level::No)])
            ),
            "{why:?}"
        );
        assert_eq!(
            cloud_native(&engine("ses"), &asks),
            (1.0, CloudReason::Managed)
        );
        assert_eq!(support(&kumo, &asks), (1.0, SupportReason::Sla));
        assert_eq!(
            support(&engine("postfix"), &asks),
            (0.5, SupportReason::ThirdParty)
        );
        assert_eq!(marketing(&kumo, &asks).0, 0.0);
        assert_eq!(marketing(&engine("greenarrow"), &asks).0, 1.0);
        assert_eq!(
            capabilities(&kumo, &asks),
            (
                0.0,
                CapabilityReason::Has {
                    got: 0.0,
                    wanted: 2
                }
            )
        );
        // An add-on counts three quarters.
        let postfix_wants = Profile::from(Situation {
            want: vec![Capability::DkimSigning],
            ..Situation::default()
        });
        assert_eq!(
            capabilities(&engine("postfix"), &postfix_wants),
            (
                0.75,
                CapabilityReason::Has {
                    got: 0.75,
                    wanted: 1
                }
            )
        );
    }

    #[test]
    fn unwanted_marketing_costs_half() {
        let p = Profile::from(Situation {
            marketing: Marketing::Unwanted,
            ..Situation::default()
        });
        assert_eq!(
            marketing(&engine("greenarrow"), &p),
            (0.5, MarketingReason::Unwanted(Level::Yes))
        );
        assert_eq!(marketing(&engine("postfix"), &p).0, 1.0);
    }

    #[test]
    fn reversibility_prefers_open_and_readable() {
        let p = Profile::default();
        assert_eq!(
            reversibility(&engine("kumomta"), &p),
            (
                1.0,
                ReversibilityReason {
                    licence: LicenceExit::Open,
                    config: ConfigExit::Readable,
                    status: Status::Active
                }
            )
        );
        // Proprietary and stalled: 0.6 for its licence and configuration, 70 % of it for its status.
        let (f, why) = reversibility(&engine("powermta"), &p);
        assert!((f - 0.6 * 0.7).abs() < 1e-12);
        assert_eq!(
            (why.licence, why.status),
            (LicenceExit::Proprietary, Status::Stalled)
        );
        let (f, why) = reversibility(&engine("ses"), &p);
        assert!((f - 0.4).abs() < 1e-12);
        assert_eq!(
            (why.licence, why.config),
            (LicenceExit::Rented, ConfigExit::Integration)
        );
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
                assert_eq!(fits[f], of(e, &p, 12_345.0, f), "{} {f:?}", e.id);
            }
        }
    }

    #[test]
    fn each_factor_gives_its_own_reason() {
        let e = engine("postfix");
        let p = Profile::default();
        for f in FactorId::ALL {
            let ok = match (f, reason(&e, &p, 1.0, f)) {
                (FactorId::Volume, Reason::Volume(VolumeReason::Inside { .. }))
                | (FactorId::Budget, Reason::Budget(_))
                | (FactorId::Team, Reason::Team(_))
                | (FactorId::CloudNative, Reason::CloudNative(_))
                | (FactorId::Support, Reason::Support(_))
                | (FactorId::Marketing, Reason::Marketing(_))
                | (FactorId::Capabilities, Reason::Capabilities(_)) => true,
                (FactorId::Reversibility, Reason::Reversibility(r)) => {
                    r.licence == LicenceExit::Open
                }
                _ => false,
            };
            assert!(ok, "{f:?}");
        }
    }
}
