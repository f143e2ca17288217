//! `mtafit list`: the catalogue's engines by id, name and kind, in every format `rank` has.

use super::layout;
use super::markdown::cell;
use super::rank::RankFormat;
use mtafit_model::catalogue::Engine;
use mtafit_model::text::{fit_left, width as text_width};
use serde_json::{Value, json};

/// The engines of the catalogue in `format`, in the catalogue's order; the table is laid out
/// for `width` columns (`None`: the natural width).
pub fn render(engines: &[Engine], format: RankFormat, width: Option<usize>) -> String {
    match format {
        RankFormat::Table => table(engines, width),
        RankFormat::Json => super::json::pretty(&json_value(engines)),
        RankFormat::Csv => csv(engines),
        RankFormat::Markdown => markdown(engines),
    }
}

/// Aligned columns for people, with a count at the end.
fn table(engines: &[Engine], width: Option<usize>) -> String {
    let col = |f: fn(&Engine) -> String, head: &str| {
        engines
            .iter()
            .map(|e| text_width(&f(e)))
            .chain([text_width(head)])
            .max()
            .unwrap_or(0)
    };
    let id_w = col(|e| e.id.clone(), "Id");
    let name_w = col(|e| e.name.clone(), "Engine");
    let mut out = format!(
        "{}  {}  Kind\n",
        fit_left("Id", id_w),
        fit_left("Engine", name_w)
    );
    for e in engines {
        out.push_str(&format!(
            "{}  {}  {}\n",
            fit_left(&e.id, id_w),
            fit_left(&e.name, name_w),
            e.kind
        ));
    }
    let managed = engines
        .iter()
        .filter(|e| e.kind == mtafit_model::catalogue::Kind::Managed)
        .count();
    out.push_str(&format!(
        "\n{} engine{}: {} self-hosted, {managed} managed. `mtafit show ID` gives an engine's facts.\n",
        engines.len(),
        if engines.len() == 1 { "" } else { "s" },
        engines.len() - managed,
    ));
    layout::fit(&out, width)
}

/// The `list --format json` object (docs/json.md).
pub fn json_value(engines: &[Engine]) -> Value {
    json!({
        "engines": engines
            .iter()
            .map(|e| json!({"id": e.id, "name": e.name, "kind": e.kind}))
            .collect::<Vec<_>>(),
    })
}

/// One row per engine: `id,name,kind`.
fn csv(engines: &[Engine]) -> String {
    // Writing into memory cannot fail.
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["id", "name", "kind"]);
    for e in engines {
        let _ = w.write_record([e.id.clone(), e.name.clone(), e.kind.to_string()]);
    }
    String::from_utf8_lossy(&w.into_inner().unwrap_or_default()).into_owned()
}

/// A Markdown table.
fn markdown(engines: &[Engine]) -> String {
    let mut out = String::from("| Id | Engine | Kind |\n|---|---|---|\n");
    for e in engines {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            cell(&e.id),
            cell(&e.name),
            e.kind
        ));
    }
    out
}
