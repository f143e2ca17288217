//! `mtafit walk`: the brief's decision diagram, gate by gate, and whether the ranking agrees.

use super::rank::{pretty, walk_json, walk_line};
use super::{Outcome, emit, setup, stdout_color};
use crate::catalogue::Engine;
use crate::cli::{Format, Global};
use crate::decide::{self, Analysis};
use std::process::ExitCode;

/// Run `walk`.
pub fn run(format: Format, global: &Global) -> Outcome {
    let s = setup(global)?;
    let a = decide::analyse(&s.cat.engines, &s.profile, &s.weights);
    let text = match format {
        Format::Json => {
            let mut v = walk_json(&a, &s.cat.engines);
            v["profile"] = serde_json::to_value(&s.profile).unwrap_or_default();
            pretty(&v)?
        }
        Format::Table => table(
            &a,
            &s.cat.engines,
            &s.profile.summary(),
            stdout_color(global),
        ),
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// The walk for people.
pub fn table(a: &Analysis, engines: &[Engine], profile: &str, color: bool) -> String {
    let (bold, reset) = if color {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    let mut out = format!("The brief's decision, walked in order\nProfile  {profile}\n\n");
    for (i, st) in a.walk.steps.iter().enumerate() {
        out.push_str(&format!("{bold}{}. {}{reset}\n", i + 1, st.gate.question()));
        out.push_str(&format!(
            "   → {}{}\n",
            st.answer,
            if st.decides { "   ◀ decides" } else { "" }
        ));
        let reason = textwrap::fill(
            st.gate.reason(),
            textwrap::Options::new(96)
                .initial_indent("     ")
                .subsequent_indent("     "),
        );
        out.push_str(&reason);
        out.push_str("\n\n");
    }
    let verdict = a
        .walk
        .engine
        .as_deref()
        .and_then(|id| engines.iter().find(|e| e.id == id))
        .map_or("none".to_owned(), |e| e.name.clone());
    out.push_str(&format!("{bold}Verdict: {verdict}{reset}\n"));
    out.push_str(&walk_line(a, engines));
    out
}
