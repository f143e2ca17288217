//! The brief's walk in words: each gate's question and reason, each answer, the verdict and how
//! the ranking relates to it — written once here for the commands, the explorer and the export.

use super::json::pretty;
use super::markdown::cell;
use super::sentence;
use super::style::Ansi;
use mtafit_model::catalogue::{Engine, FactorId};
use mtafit_model::decide::walk::{Agreement, Answer, Blocked, Gate, Need};
use mtafit_model::decide::{Analysis, Walk};
use mtafit_model::units;
use serde_json::{Value, json};

/// The question a gate asks.
pub fn question(g: Gate) -> &'static str {
    match g {
        Gate::OwnOrRent => "Do you need to own the sending layer, or is an ESP enough?",
        Gate::Volume => "Is your volume below about 10M messages a month?",
        Gate::Licence => {
            "Do you already hold a PowerMTA licence, and does your team know the engine?"
        }
        Gate::Specialist => "Does a concrete requirement push you to a specialist?",
        Gate::Default => "Otherwise: is the free, modern default enough?",
    }
}

/// The brief's reason for a gate, in our words.
pub fn reason(g: Gate) -> &'static str {
    match g {
        Gate::OwnOrRent => {
            "Renting is right more often than infrastructure people admit; owning pays when per-message prices hurt, when you need control a service will not give, or when owning the reputation is the point."
        }
        Gate::Volume => {
            "Volume decides the most: below about ten million a month a tuned Postfix usually suffices, and the high-volume engines only earn their complexity above it."
        }
        Gate::Licence => {
            "A licence already paid for and a team that already knows the engine are real assets; building on them is defensible."
        }
        Gate::Specialist => {
            "Move to a specialist only when a concrete requirement pushes you there: programmable policy and filtering (Halon), queue-driven throughput (MailerQ), or sending and marketing from one vendor (GreenArrow)."
        }
        Gate::Default => {
            "Free and modern is a strong default: evaluate KumoMTA before paying for a commercial licence."
        }
    }
}

fn name(engines: &[Engine], i: usize) -> &str {
    &engines[i].name
}

/// Why the walk could not stop at an engine: "Postfix lacks a must: external queue (no)".
fn blocked(engines: &[Engine], b: &Blocked) -> String {
    match b {
        Blocked::Missing(id) => format!("{id} is not in the catalogue"),
        Blocked::Out(i, k) => format!("{} {}", name(engines, *i), sentence::knock_out(k)),
    }
}

fn need(n: &Need) -> String {
    match n {
        Need::Musts(caps) => format!(
            "you must have {}",
            caps.iter()
                .map(|c| c.label())
                .collect::<Vec<_>>()
                .join(" and ")
        ),
        Need::Marketing => "you want marketing tooling from the same vendor".into(),
    }
}

/// The profile's answer at a gate, with its numbers.
pub fn answer(engines: &[Engine], a: &Answer) -> String {
    match a {
        Answer::Rent {
            volume,
            service: Some(i),
            ..
        } => format!(
            "an ESP is enough; the best-fitting managed service with every must at {}/month is {}",
            units::volume(*volume),
            name(engines, *i)
        ),
        Answer::Rent {
            all_weights_zero: true,
            ..
        } => "an ESP is enough, but with every weight at 0 no service fits best".into(),
        Answer::Rent { .. } => "an ESP is enough, but no managed service has every must".into(),
        Answer::Own => "own it: you will run your own sending infrastructure".into(),
        Answer::BelowLine { volume, engine } => format!(
            "yes, {}/month: {} and stop",
            units::volume(*volume),
            name(engines, *engine)
        ),
        Answer::BelowLineBlocked { volume, blocked: b } => format!(
            "yes, {}/month, but {}; a requirement moves you on",
            units::volume(*volume),
            blocked(engines, b)
        ),
        Answer::AboveLine { volume } => {
            format!("no, {}/month is above the line", units::volume(*volume))
        }
        Answer::Licensed { engine } => format!(
            "yes: licence held and the team knows it; a {} estate",
            name(engines, *engine)
        ),
        Answer::LicensedBlocked(b) => format!("yes, but {}", blocked(engines, b)),
        Answer::LicenceOnly => "a licence is held, but the team does not know the engine".into(),
        Answer::KnowledgeOnly => "the team knows it, but no licence is held".into(),
        Answer::NoLicence => "no".into(),
        Answer::Specialist { need: n, engine } => {
            format!("yes: {}, so {}", need(n), name(engines, *engine))
        }
        Answer::NoSpecialistNeeded => "no concrete requirement for a specialist".into(),
        Answer::SpecialistsBlocked(list) => list
            .iter()
            .map(|(n, b)| format!("{}, but {}", need(n), blocked(engines, b)))
            .collect::<Vec<_>>()
            .join("; "),
        Answer::DefaultEngine { engine } => {
            format!("yes: evaluate {} first", name(engines, *engine))
        }
        Answer::DefaultBlocked(b) => format!(
            "no: {}; no engine on the brief's path has every must — see the ranking",
            blocked(engines, b)
        ),
    }
}

/// The walk's verdict: the engine's name, or that the path has none.
pub fn verdict(engines: &[Engine], w: &Walk) -> Option<String> {
    w.engine.map(|i| engines[i].name.clone())
}

/// The walk's verdict and how the weighted ranking relates to it, in one sentence: the text
/// outputs and the explorer show this.
pub fn sentence(engines: &[Engine], a: &Agreement) -> String {
    match a {
        Agreement::Agree { engine, gate } => format!(
            "The brief's walk also ends at {} (gate: {}): the two agree.",
            name(engines, *engine),
            gate.id()
        ),
        Agreement::Disagree { gate, why } => format!(
            "The brief's walk ends at {} (gate: {}), but the weighted ranking puts {} first.",
            name(engines, why.walk),
            gate.id(),
            name(engines, why.top)
        ),
        Agreement::NoRankingTop { walk, .. } => format!(
            "The brief's walk ends at {}; the ranking has no top pick.",
            name(engines, *walk)
        ),
        Agreement::NoWalkEngine => {
            "The brief's walk finds no engine on its path with every must.".into()
        }
        Agreement::WeightsZero => {
            "Every weight is 0, so neither the ranking nor the brief's walk can pick a service; raise at least one weight."
                .into()
        }
    }
}

/// The same in Markdown, for the export: the verdict in bold, then how the ranking relates.
pub fn sentence_markdown(engines: &[Engine], a: &Agreement) -> String {
    let bold = |i: usize| format!("**{}**", cell(name(engines, i)));
    let verdict = |w: usize, gate: Gate| format!("Verdict: {} (gate: `{}`).", bold(w), gate.id());
    match a {
        Agreement::Agree { engine, gate } => format!(
            "{} The weighted ranking puts the same engine first.",
            verdict(*engine, *gate)
        ),
        Agreement::Disagree { gate, why } => format!(
            "{} The weighted ranking puts {} first instead; see `mtafit walk` for the factors that make the difference.",
            verdict(why.walk, *gate),
            bold(why.top)
        ),
        Agreement::NoRankingTop { walk, gate } => format!(
            "{} The weighted ranking has no top pick.",
            verdict(*walk, *gate)
        ),
        Agreement::NoWalkEngine => "Verdict: no engine on the brief's path has every must.".into(),
        Agreement::WeightsZero => {
            "Verdict: none — every weight is 0, so no service can be picked; raise at least one weight."
                .into()
        }
    }
}

/// One sentence per weight that would bring the walk's engine level with the ranking's pick,
/// naming the factor by the id `--weight` takes.
pub fn reconcile(engines: &[Engine], a: &Agreement) -> Vec<String> {
    let Some(d) = a.disagreement() else {
        return Vec::new();
    };
    d.reconcile
        .iter()
        .map(|r| {
            format!(
                "{} {} to {:.1} would bring {} level.",
                if r.to < r.from { "Lowering" } else { "Raising" },
                r.factor.id(),
                r.to,
                name(engines, d.walk)
            )
        })
        .collect()
}

/// The factors that favour the ranking's pick over the walk's (`top`), or the walk's over the
/// ranking's, with their score points.
pub fn favour(a: &Agreement, top: bool) -> Vec<(FactorId, f64)> {
    a.disagreement()
        .map(|d| {
            d.factors
                .iter()
                .copied()
                .filter(|(_, p)| if top { *p > 0.0 } else { *p < 0.0 })
                .map(|(f, p)| (f, p.abs()))
                .collect()
        })
        .unwrap_or_default()
}

/// The verdict and the ranking's relation to it, as text lines for people.
pub fn summary_text(engines: &[Engine], a: &Agreement) -> String {
    let mut out = format!("{}\n", sentence(engines, a));
    if let Some(d) = a.disagreement() {
        for (engine, side) in [(d.top, true), (d.walk, false)] {
            let points = favour(a, side);
            if !points.is_empty() {
                out.push_str(&format!(
                    "  Factors that favour {}: {}.\n",
                    name(engines, engine),
                    points
                        .iter()
                        .map(|(f, p)| format!("{} +{p:.1}", f.id()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
    }
    for s in reconcile(engines, a) {
        out.push_str(&format!("  {s}\n"));
    }
    out
}

/// The walk for people: each gate, its answer and reason, then the verdict, laid out for
/// `width` columns (`None`: the natural width).
pub fn table(
    a: &Analysis,
    engines: &[Engine],
    profile: &str,
    color: bool,
    width: Option<usize>,
) -> String {
    let Ansi { bold, reset, .. } = Ansi::new(color);
    let mut out = format!("The brief's decision, walked in order\nProfile  {profile}\n\n");
    for (i, st) in a.walk.steps.iter().enumerate() {
        out.push_str(&format!("{bold}{}. {}{reset}\n", i + 1, question(st.gate)));
        out.push_str(&format!(
            "   → {}{}\n",
            answer(engines, &st.answer),
            if st.decides { "   ◀ decides" } else { "" }
        ));
        let reason = textwrap::fill(
            reason(st.gate),
            textwrap::Options::new(super::layout::prose(width))
                .initial_indent("     ")
                .subsequent_indent("     "),
        );
        out.push_str(&reason);
        out.push_str("\n\n");
    }
    let verdict = verdict(engines, &a.walk).unwrap_or_else(|| "none".to_owned());
    out.push_str(&format!("{bold}Verdict: {verdict}{reset}\n"));
    out.push_str(&summary_text(engines, &a.agreement));
    if let Some(c) = &a.comparison {
        out.push_str(&format!("\n{bold}The ranking's top pick{reset}\n"));
        out.push_str(&super::compare::text(engines, c, width));
    }
    super::layout::fit(&out, width)
}

/// The walk as JSON: the contract's `engine` and `steps`, with each gate's reason, and how the
/// ranking relates to it.
pub fn json_value(a: &Analysis, engines: &[Engine]) -> Value {
    let steps: Vec<Value> = a
        .walk
        .steps
        .iter()
        .map(|st| {
            json!({
                "question": question(st.gate),
                "answer": answer(engines, &st.answer),
                "gate": st.gate.id(),
                "reason": reason(st.gate),
                "decides": st.decides,
            })
        })
        .collect();
    let top = a.ranking.top().map(|r| engines[r.engine].id.clone());
    let mut v = json!({
        "engine": a.walk.engine.map(|i| engines[i].id.clone()),
        "steps": steps,
        "ranking_top": top,
        "agrees": a.agreement.agrees(),
        "agreement": a.agreement.id(),
    });
    if let Some(c) = &a.comparison {
        v["comparison"] = super::compare::json(engines, c);
    }
    if let Some(d) = a.agreement.disagreement() {
        v["disagreement"] = json!({
            "factors": d.factors.iter().map(|(f, p)| json!({"id": f.id(), "points": units::round_to(*p, 2)})).collect::<Vec<_>>(),
            "reconcile": d.reconcile.iter().map(|r| json!({"id": r.factor.id(), "weight": units::round_to(r.to, 3)})).collect::<Vec<_>>(),
        });
    }
    v
}

/// `walk --format json`: the walk with the profile it was made for.
pub fn json(a: &Analysis, engines: &[Engine], profile: &mtafit_model::profile::Profile) -> String {
    let mut v = json_value(a, engines);
    v["profile"] = serde_json::to_value(profile).unwrap_or_default();
    pretty(&v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use mtafit_model::catalogue::Catalogue;
    use mtafit_model::decide::{Weights, analyse};
    use mtafit_model::profile::{Profile, Situation};

    fn words(p: &Profile, w: &Weights) -> (String, String, Vec<String>) {
        let cat = Catalogue::builtin();
        let a = analyse(&cat.engines, p, w);
        (
            sentence(&cat.engines, &a.agreement),
            sentence_markdown(&cat.engines, &a.agreement),
            reconcile(&cat.engines, &a.agreement),
        )
    }

    #[test]
    fn one_sentence_per_relation_in_each_output() {
        let cat = Catalogue::builtin();
        let defaults = Weights::defaults(&cat.factors);
        let (text, md, _) = words(&Profile::default(), &defaults);
        assert_eq!(
            text,
            "The brief's walk also ends at Postfix (gate: volume): the two agree."
        );
        assert_eq!(
            md,
            "Verdict: **Postfix** (gate: `volume`). The weighted ranking puts the same engine first."
        );
        // A team that writes no code at 40M, weighing team skill alone: the ranking prefers an
        // engine whose configuration is the kind it writes; the walk still says KumoMTA.
        let mut w = defaults;
        w.set(FactorId::Team, 10.0);
        w.set(FactorId::Volume, 2.0);
        w.set(FactorId::Budget, 0.0);
        w.set(FactorId::Reversibility, 0.0);
        let big = Profile::from(Situation {
            monthly_volume: 40_000_000,
            ..Situation::default()
        });
        let (text, md, fixes) = words(&big, &w);
        assert!(
            text.starts_with(
                "The brief's walk ends at KumoMTA (gate: default), but the weighted ranking puts "
            ),
            "{text}"
        );
        assert!(
            md.starts_with("Verdict: **KumoMTA** (gate: `default`). The weighted ranking puts **"),
            "{md}"
        );
        // Reconciling names the id `--weight` takes, the factor that decides first: here team
        // skill, which puts the ranking's pick ahead.
        assert!(fixes[0].starts_with("Lowering team to "), "{fixes:?}");
        assert!(fixes.iter().all(|f| !f.contains("Team skill")), "{fixes:?}");
        let (text, md, _) = words(&Profile::default(), &Weights::uniform(0.0));
        assert_eq!(
            text,
            "The brief's walk ends at Postfix; the ranking has no top pick."
        );
        assert!(md.ends_with("The weighted ranking has no top pick."));
        let none = Profile::from(Situation {
            monthly_volume: 40_000_000,
            must: vec![
                mtafit_model::catalogue::Capability::ExternalQueue,
                mtafit_model::catalogue::Capability::BundledMarketing,
            ],
            ..Situation::default()
        });
        let (text, md, _) = words(&none, &defaults);
        assert_eq!(
            text,
            "The brief's walk finds no engine on its path with every must."
        );
        assert_eq!(md, "Verdict: no engine on the brief's path has every must.");
        let rent = Profile::from(Situation {
            own_infrastructure: false,
            ..Situation::default()
        });
        let (text, _, _) = words(&rent, &Weights::uniform(0.0));
        assert!(text.starts_with("Every weight is 0"), "{text}");
    }
}
