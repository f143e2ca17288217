//! The top pick across volumes: a table of stretches for people, the changes of pick, where the
//! sender's growth leads, and the `path --format json` object (docs/json.md).

use super::json::{number, pretty};
use super::style::Ansi;
use mtafit_model::catalogue::Engine;
use mtafit_model::decide::path::{Path, PickChange, Stretch, StretchAgreement};
use mtafit_model::profile::{Growth, Profile};
use mtafit_model::text::{fit_left, width};
use mtafit_model::units;
use serde_json::{Value, json};
use std::fmt::Write;

/// Where the growth a path is read with comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum GrowthSource {
    /// The profile's `growth`, as `measure --write-profile` measured it.
    Profile(Growth),
    /// `--growth` on the command line (or typed in the explorer).
    Given(f64),
}

impl GrowthSource {
    /// The growth a month, as a share.
    pub fn per_month(self) -> f64 {
        match self {
            GrowthSource::Profile(g) => g.per_month,
            GrowthSource::Given(g) => g,
        }
    }

    /// "+6 %/month (measured over 5 months)".
    fn words(self) -> String {
        let rate = format!("{}/month", units::signed_percent(self.per_month()));
        match self {
            GrowthSource::Profile(g) if g.months >= 2 => {
                format!("{rate} (measured over {} months)", g.months)
            }
            GrowthSource::Profile(_) => format!("{rate} (from the profile)"),
            GrowthSource::Given(_) => format!("{rate} (as given)"),
        }
    }
}

/// The growth to read a path with: `--growth` if given, else the profile's.
pub fn growth_source(p: &Profile, given: Option<f64>) -> Option<GrowthSource> {
    given
        .map(GrowthSource::Given)
        .or(p.growth.map(GrowthSource::Profile))
}

/// An engine's name, or what no pick means.
fn name(engines: &[Engine], i: Option<usize>) -> &str {
    i.map_or("no candidate", |i| engines[i].name.as_str())
}

/// A stretch's pick in words: "KumoMTA", or "KumoMTA or PowerMTA (close)" for close contenders.
pub fn pick_words(engines: &[Engine], s: &mtafit_model::decide::path::Stretch) -> String {
    if s.contenders.is_empty() {
        name(engines, s.pick).to_owned()
    } else {
        format!(
            "{} (close)",
            s.contenders
                .iter()
                .map(|i| engines[*i].name.as_str())
                .collect::<Vec<_>>()
                .join(" or ")
        )
    }
}

/// "about 5 months", "about 2½ years": a duration people plan with.
pub fn months(m: f64) -> String {
    if m < 1.0 {
        "within a month".into()
    } else if m < 23.5 {
        let n = m.round() as u64;
        format!("in about {}", units::count(n, "month", "months"))
    } else if m <= 600.0 {
        let years = (m / 6.0).round() / 2.0;
        let text = if years.fract() == 0.0 {
            format!("{years:.0}")
        } else {
            format!("{}½", years.trunc())
        };
        format!("in about {text} years")
    } else {
        "not for over 50 years".into()
    }
}

/// Where growth leads from the profile's volume, in one sentence: "at +6 %/month (measured over
/// 5 months) you reach 10M in about 5 months; then KumoMTA leads".
pub fn outlook(
    path: &Path,
    engines: &[Engine],
    volume: u64,
    growth: Option<GrowthSource>,
) -> String {
    let Some(g) = growth else {
        return "no growth recorded: `mtafit measure` on two months or more of logs records it \
                with --write-profile, or give --growth (e.g. --growth 6%)"
            .into();
    };
    let rate = g.words();
    if g.per_month() == 0.0 {
        return format!("at {rate} the volume stays where it is");
    }
    match path.outlook(volume, g.per_month()) {
        Some(o) => {
            let c = &path.changes[o.change];
            let (verb, then) = if o.growth > 0.0 {
                ("reach", c.after)
            } else {
                ("fall to", c.before)
            };
            let leads = match then {
                Some(i) => format!("{} leads", engines[i].name),
                None => "no engine is a candidate".into(),
            };
            format!(
                "at {rate} you {verb} {} {}; then {leads}",
                units::volume(o.volume),
                months(o.months)
            )
        }
        None => {
            let (dir, end) = if g.per_month() > 0.0 {
                ("up to", path.to)
            } else {
                ("down to", path.from)
            };
            format!(
                "at {rate} the top pick stays {} {dir} {}, the end of the range",
                name(engines, path.pick_at(volume)),
                units::volume(end)
            )
        }
    }
}

/// One line of the list of changes.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeLine<'a> {
    /// A single change.
    One(&'a PickChange),
    /// Two engines trading the lead back and forth (at server or plan steps, or where their
    /// scores all but meet): one line instead of a run of flips.
    Alternate {
        /// The two engines.
        pair: (Option<usize>, Option<usize>),
        /// The first change of the run.
        from: u64,
        /// The last.
        to: u64,
        /// How many changes.
        times: usize,
    },
}

/// The path's changes in order, those inside a stretch of close contenders folded into one
/// line, as the stretches fold them.
pub fn change_lines(path: &mtafit_model::decide::path::Path) -> Vec<ChangeLine<'_>> {
    let close: Vec<(u64, u64)> = path
        .stretches
        .iter()
        .filter(|s| !s.contenders.is_empty())
        .map(|s| (s.from, s.to))
        .collect();
    fold(&path.changes, &close)
}

/// `changes` with those inside each of the `close` ranges (first and last volume) folded into
/// one line.
fn fold<'a>(changes: &'a [PickChange], close: &[(u64, u64)]) -> Vec<ChangeLine<'a>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < changes.len() {
        let c = &changes[i];
        let inside = |d: &PickChange, (from, to): (u64, u64)| from < d.volume && d.volume <= to;
        match close.iter().find(|r| inside(c, **r)) {
            Some(&r) => {
                let run = changes[i..].iter().take_while(|d| inside(d, r)).count();
                out.push(ChangeLine::Alternate {
                    pair: (c.before, c.after),
                    from: c.volume,
                    to: changes[i + run - 1].volume,
                    times: run,
                });
                i += run;
            }
            None => {
                out.push(ChangeLine::One(c));
                i += 1;
            }
        }
    }
    out
}

/// A change in words: "at 10,000,000 (10M): Postfix → KumoMTA · Postfix $10.4k/yr, KumoMTA
/// $12.2k/yr".
pub fn change(engines: &[Engine], line: &ChangeLine<'_>) -> String {
    match line {
        ChangeLine::One(c) => {
            let costs: Vec<String> = c
                .costs
                .iter()
                .map(|x| {
                    let nodes = match x.nodes {
                        0 => String::new(),
                        1 => " on 1 node".to_owned(),
                        n => format!(" on {n} nodes"),
                    };
                    format!(
                        "{} {}/yr{nodes}",
                        engines[x.engine].name,
                        units::usd(x.annual_usd)
                    )
                })
                .collect();
            format!(
                "at {} ({}): {} → {}{}",
                units::grouped(c.volume),
                units::volume(c.volume),
                name(engines, c.before),
                name(engines, c.after),
                if costs.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", costs.join(", "))
                }
            )
        }
        ChangeLine::Alternate {
            pair,
            from,
            to,
            times,
        } => format!(
            "{} and {} trade the lead {times} times between {} and {}: close contenders there, \
             each ahead by a server or plan step or by a hair",
            name(engines, pair.0),
            name(engines, pair.1),
            units::grouped(*from),
            units::grouped(*to)
        ),
    }
}

/// What the walk says on a stretch, with whether it agrees: "KumoMTA (agrees)".
pub fn walk_words(engines: &[Engine], s: &Stretch) -> String {
    let who = s
        .walk
        .engine
        .map_or("no engine", |i| engines[i].name.as_str());
    match s.agreement() {
        StretchAgreement::Agree => format!("{who} (agrees)"),
        StretchAgreement::Disagree => format!("{who} (differs)"),
        StretchAgreement::NoPick | StretchAgreement::NoWalkEngine => who.to_owned(),
    }
}

/// The volume a stretch starts at, short unless the short form would repeat a neighbour's:
/// then in full, for both neighbours alike, so the column never reads out of order.
fn start_label(volume: u64, previous: Option<u64>, next: Option<u64>) -> String {
    let short = units::volume(volume);
    let same = |o: Option<u64>| o.is_some_and(|x| units::volume(x) == short);
    if same(previous) || same(next) {
        units::grouped(volume)
    } else {
        short
    }
}

/// The path for people: the stretches (the profile's marked ▶), the changes, and the outlook,
/// laid out for `width` columns (`None`: the natural width).
pub fn table(
    path: &Path,
    engines: &[Engine],
    p: &Profile,
    growth: Option<GrowthSource>,
    color: bool,
    width: Option<usize>,
) -> String {
    crate::layout::fit(&natural(path, engines, p, growth, color), width)
}

/// The path's lines at their natural width.
fn natural(
    path: &Path,
    engines: &[Engine],
    p: &Profile,
    growth: Option<GrowthSource>,
    color: bool,
) -> String {
    let a = Ansi::new(color);
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{}The top pick from {} to {} a month{} · you send {}/month",
        a.bold,
        units::volume(path.from),
        units::volume(path.to),
        a.reset,
        units::volume(p.monthly_volume)
    );
    let _ = writeln!(o, "{}{}{}", a.dim, crate::profile::summary(p), a.reset);
    let _ = writeln!(o);
    if path.weights_zero {
        let _ = writeln!(
            o,
            "Every weight that counts is 0, so nothing is ranked at any volume; raise a weight."
        );
        return o;
    }
    let rows: Vec<[String; 4]> = path
        .stretches
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let next: Vec<&str> = s.next.iter().map(|i| engines[*i].name.as_str()).collect();
            [
                start_label(
                    s.from,
                    k.checked_sub(1).map(|j| path.stretches[j].from),
                    path.stretches.get(k + 1).map(|n| n.from),
                ),
                pick_words(engines, s),
                if next.is_empty() {
                    "—".into()
                } else {
                    next.join(", ")
                },
                walk_words(engines, s),
            ]
        })
        .collect();
    let heads = ["From", "Top pick", "Then", "The walk says"];
    let widths: Vec<usize> = (0..4)
        .map(|c| {
            rows.iter()
                .map(|r| width(&r[c]))
                .chain([width(heads[c])])
                .max()
                .unwrap_or(0)
                .min(40)
        })
        .collect();
    let _ = writeln!(
        o,
        "    {}  {}  {}  {}",
        fit_left(heads[0], widths[0]),
        fit_left(heads[1], widths[1]),
        fit_left(heads[2], widths[2]),
        heads[3]
    );
    let yours = path
        .stretches
        .iter()
        .position(|s| (s.from..=s.to).contains(&p.monthly_volume));
    for (k, r) in rows.iter().enumerate() {
        let mine = yours == Some(k);
        let (on, off) = if mine { (a.bold, a.reset) } else { ("", "") };
        let _ = writeln!(
            o,
            "{}{on}{}  {}  {}  {}{off}",
            if mine { "  ▶ " } else { "    " },
            fit_left(&r[0], widths[0]),
            fit_left(&r[1], widths[1]),
            fit_left(&r[2], widths[2]),
            r[3]
        );
    }
    let lines = change_lines(path);
    if !lines.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "Where the top pick changes");
        for l in &lines {
            let _ = writeln!(o, "  {}", change(engines, l));
        }
    }
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "As you grow: {}.",
        outlook(path, engines, p.monthly_volume, growth)
    );
    let _ = writeln!(
        o,
        "{}▶ marks your volume. \"Then\" is the next two candidates at the start of each stretch.{}",
        a.dim, a.reset
    );
    o
}

/// The `path --format json` value (docs/json.md).
pub fn json_value(
    path: &Path,
    engines: &[Engine],
    p: &Profile,
    growth: Option<GrowthSource>,
) -> Value {
    let id = |i: Option<usize>| i.map(|i| engines[i].id.clone());
    let stretches: Vec<Value> = path
        .stretches
        .iter()
        .map(|s| {
            json!({
                "from": s.from,
                "to": s.to,
                "pick": id(s.pick),
                "contenders": s.contenders.iter().map(|i| engines[*i].id.clone()).collect::<Vec<_>>(),
                "next": s.next.iter().map(|i| engines[*i].id.clone()).collect::<Vec<_>>(),
                "walk": id(s.walk.engine),
                "walk_gate": s.walk.deciding_gate().map(|g| g.id()),
                "agreement": s.agreement().id(),
                "yours": (s.from..=s.to).contains(&p.monthly_volume),
            })
        })
        .collect();
    let changes: Vec<Value> = path
        .changes
        .iter()
        .map(|c| {
            json!({
                "monthly_volume": c.volume,
                "before": id(c.before),
                "after": id(c.after),
                "costs": c.costs.iter().map(|x| json!({
                    "id": engines[x.engine].id,
                    "annual_usd": number(units::round_to(x.annual_usd, 2)),
                    "nodes": x.nodes,
                    "ips": x.ips,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let growth_json = growth.map(|g| {
        json!({
            "per_month": number(g.per_month()),
            "months": match g { GrowthSource::Profile(x) => x.months, GrowthSource::Given(_) => 0 },
            "source": match g { GrowthSource::Profile(_) => "profile", GrowthSource::Given(_) => "option" },
        })
    });
    let outlook = growth
        .and_then(|g| path.outlook(p.monthly_volume, g.per_month()))
        .map(|o| {
            let c = &path.changes[o.change];
            let (from, to) = if o.growth > 0.0 {
                (c.before, c.after)
            } else {
                (c.after, c.before)
            };
            json!({
                "monthly_volume": o.volume,
                "months": number(units::round_to(o.months, 1)),
                "from": id(from),
                "to": id(to),
            })
        });
    json!({
        "from": path.from,
        "to": path.to,
        "profile_volume": p.monthly_volume,
        "weights_zero": path.weights_zero,
        "stretches": stretches,
        "changes": changes,
        "growth": growth_json,
        "outlook": outlook,
    })
}

/// The `path --format json` object as text.
pub fn json(path: &Path, engines: &[Engine], p: &Profile, growth: Option<GrowthSource>) -> String {
    pretty(&json_value(path, engines, p, growth))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(volume: u64, before: usize, after: usize) -> PickChange {
        PickChange {
            volume,
            before: Some(before),
            after: Some(after),
            costs: Vec::new(),
        }
    }

    #[test]
    fn changes_inside_close_contenders_fold_into_one_line() {
        let c = [
            change(10, 0, 1),
            change(100, 1, 2),
            change(110, 2, 1),
            change(120, 1, 2),
            change(130, 2, 3),
        ];
        // Inside a stretch of close contenders (from 90 to 125), folded; outside, one by one.
        let lines = fold(&c, &[(90, 125)]);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(
            lines[1],
            ChangeLine::Alternate {
                pair: (Some(1), Some(2)),
                from: 100,
                to: 120,
                times: 3
            }
        );
    }

    #[test]
    fn durations_read_as_people_plan() {
        assert_eq!(months(0.4), "within a month");
        assert_eq!(months(5.12), "in about 5 months");
        assert_eq!(months(1.0), "in about 1 month");
        assert_eq!(months(30.0), "in about 2½ years");
        assert_eq!(months(48.0), "in about 4 years");
        assert_eq!(months(1e4), "not for over 50 years");
    }
}
