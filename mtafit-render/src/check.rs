//! What `check` found, as diagnostics in rustc's style and one summary line.

use mtafit_model::catalogue::check::Report;
use mtafit_model::ronfile::Severity;

/// Every diagnostic, then one summary line.
pub fn report(r: &Report, color: bool) -> String {
    let mut out = String::new();
    for d in &r.diagnostics {
        out.push_str(&d.render(color));
        out.push('\n');
    }
    let count = |s: Severity| r.diagnostics.iter().filter(|d| d.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    if errors + warnings == 0 {
        out.push_str(&format!(
            "ok: {} engine{} in {}, no problems{}\n",
            r.engines,
            plural(r.engines),
            r.scope,
            match r.stale_days {
                Some(d) => format!("; every fact checked within {d} day{}", plural(d as usize)),
                None => String::new(),
            }
        ));
    } else {
        let mut files: Vec<&str> = r
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Note)
            .map(|d| d.path.as_str())
            .collect();
        files.sort_unstable();
        files.dedup();
        out.push_str(&format!(
            "{} error{}, {} warning{} in {} file{} ({} engine{} loaded from {})\n",
            errors,
            plural(errors),
            warnings,
            plural(warnings),
            files.len(),
            plural(files.len()),
            r.engines,
            plural(r.engines),
            r.scope
        ));
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
