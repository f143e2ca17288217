//! `measure --write-profile`: a profile file with its volume (and growth) set in place, every
//! other byte kept; or a new file holding just those.

use super::field::FieldId;
use super::load::parse;
use super::model::Growth;
use crate::ronfile::{self, Diagnostic, Locator, Step};
use crate::units;

/// A new profile file holding only a monthly volume and, when measured, its growth (every
/// other field takes its default).
pub fn new_with_volume(volume: u64, growth: Option<Growth>) -> String {
    let growth = growth.map_or(String::new(), |g| {
        format!("    growth: {},\n", growth_value(g))
    });
    format!(
        "// Written by `mtafit measure`; every field left out takes its default.\nProfile(\n    monthly_volume: {volume},\n{growth})\n"
    )
}

/// A growth as a profile file writes it.
fn growth_value(g: Growth) -> String {
    format!(
        "Some((per_month: {}, months: {}))",
        units::round_to(g.per_month, 4),
        g.months
    )
}

/// `src` (a valid profile file) with `monthly_volume` set to `volume` and `growth` to what was
/// measured (a growth already there is set to `None` when nothing could be); every other byte
/// is kept, comments and a byte-order mark included. A missing field is added before the first
/// one.
pub fn with_volume(
    path: &str,
    src: &[u8],
    volume: u64,
    growth: Option<Growth>,
) -> Result<String, Vec<Diagnostic>> {
    parse(path, src)?;
    // `decode` drops the mark so positions count from the text; put it back on the way out.
    let bom = if src.starts_with("\u{feff}".as_bytes()) {
        "\u{feff}"
    } else {
        ""
    };
    let src = ronfile::decode(path, src).map_err(|d| vec![d])?;
    let lines = ronfile::line_breaks(src);
    let text = edit_field(
        &lines,
        FieldId::MonthlyVolume.id(),
        &volume.to_string(),
        true,
    );
    let text = match growth {
        Some(g) => edit_field(&text, FieldId::Growth.id(), &growth_value(g), true),
        None => edit_field(&text, FieldId::Growth.id(), "None", false),
    };
    // A file whose lines end in CR alone keeps them.
    let text = match lines {
        std::borrow::Cow::Owned(_) => text.replace('\n', "\r"),
        std::borrow::Cow::Borrowed(_) => text,
    };
    Ok(format!("{bom}{text}"))
}

/// `src` with the top-level field `name` set to `value`, the rest kept byte for byte; a
/// missing field is added before the first one when `add`.
fn edit_field(src: &str, name: &str, value: &str, add: bool) -> String {
    let loc = Locator::new(src);
    if let Some(f) = loc.find(&[Step::Field(name)]) {
        let start = f.value.offset_in(src);
        let mut end = start
            + src[start..]
                .char_indices()
                .nth(f.value_len)
                .map_or(src.len() - start, |(i, _)| i);
        // `Some((per_month: …))`: the value runs to the parenthesis that closes its first one.
        if src[end..].trim_start().starts_with('(') {
            let open = end + (src[end..].len() - src[end..].trim_start().len());
            let mut depth = 0usize;
            let mut in_string = false;
            let mut escaped = false;
            for (i, ch) in src[open..].char_indices() {
                match ch {
                    _ if escaped => escaped = false,
                    '\\' if in_string => escaped = true,
                    '"' => in_string = !in_string,
                    '(' if !in_string => depth += 1,
                    ')' if !in_string => {
                        depth -= 1;
                        if depth == 0 {
                            end = open + i + 1;
                            break;
                        }
                    }
                    _ => {}
                }
            }
        }
        return format!("{}{value}{}", &src[..start], &src[end..]);
    }
    if !add {
        return src.to_owned();
    }
    let first = FieldId::IDS
        .iter()
        .filter_map(|name| loc.find(&[Step::Field(name)]))
        .map(|f| f.key.offset_in(src))
        .min();
    match first {
        Some(at) => {
            let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
            let indent = &src[line_start..at];
            let sep = if indent.trim().is_empty() {
                format!("\n{indent}")
            } else {
                " ".into()
            };
            format!("{}{name}: {value},{sep}{}", &src[..at], &src[at..])
        }
        None => {
            // `Profile()`: the field goes inside the last parenthesis.
            let close = loc
                .token_before(src.len())
                .map_or(src.len(), |(start, _, _)| start);
            format!("{}{name}: {value}{}", &src[..close], &src[close..])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_volume_is_replaced_and_nothing_else_moves() {
        let src = "// ours\nProfile(\n    own_infrastructure: true, // keep\n    monthly_volume: \"7.4M\",\n    team: ConfigAsCode,\n)\n";
        let out = with_volume("p.ron", src.as_bytes(), 12_345, None).unwrap();
        assert_eq!(out, src.replace("\"7.4M\"", "12345"));
        let out = with_volume("p.ron", out.as_bytes(), 7, None).unwrap();
        assert_eq!(out, src.replace("\"7.4M\"", "7"));
    }

    #[test]
    fn a_missing_volume_is_added_before_the_first_field() {
        let src = "Profile(\n    team: Programming,\n)\n";
        let out = with_volume("p.ron", src.as_bytes(), 5, None).unwrap();
        assert_eq!(
            out,
            "Profile(\n    monthly_volume: 5,\n    team: Programming,\n)\n"
        );
        assert_eq!(parse("p.ron", out.as_bytes()).unwrap().monthly_volume, 5);
        let out = with_volume("p.ron", b"Profile()", 9, None).unwrap();
        assert_eq!(parse("p.ron", out.as_bytes()).unwrap().monthly_volume, 9);
        let fresh = new_with_volume(42, None);
        assert_eq!(parse("p.ron", fresh.as_bytes()).unwrap().monthly_volume, 42);
    }

    #[test]
    fn a_byte_order_mark_is_kept() {
        let src = "\u{feff}// ours\nProfile(monthly_volume: 5)\n";
        let out = with_volume("p.ron", src.as_bytes(), 7, None).unwrap();
        assert_eq!(out, "\u{feff}// ours\nProfile(monthly_volume: 7)\n");
        let out = with_volume("p.ron", "\u{feff}Profile()".as_bytes(), 7, None).unwrap();
        assert_eq!(out, "\u{feff}Profile(monthly_volume: 7)");
    }

    #[test]
    fn the_growth_is_written_beside_the_volume_and_cleared_when_unknown() {
        let g = Growth {
            per_month: 0.061_234,
            months: 5,
        };
        let src = "Profile(\n    monthly_volume: 5, // ours\n    team: Programming,\n)\n";
        let out = with_volume("p.ron", src.as_bytes(), 7, Some(g)).unwrap();
        assert_eq!(
            out,
            "Profile(\n    growth: Some((per_month: 0.0612, months: 5)),\n    monthly_volume: 7, // ours\n    team: Programming,\n)\n"
        );
        let p = parse("p.ron", out.as_bytes()).unwrap();
        assert_eq!(p.growth.map(|g| g.months), Some(5));
        // Measured again with too short a log: the old growth no longer holds.
        let out = with_volume("p.ron", out.as_bytes(), 8, None).unwrap();
        assert!(out.contains("growth: None,"), "{out}");
        assert_eq!(parse("p.ron", out.as_bytes()).unwrap().growth, None);
        // A new file holds it too.
        let fresh = new_with_volume(42, Some(g));
        assert_eq!(
            parse("p.ron", fresh.as_bytes())
                .unwrap()
                .growth
                .unwrap()
                .months,
            5
        );
        // Out of range is refused at the field.
        let e = parse("p.ron", b"Profile(growth: Some((per_month: 3.0)))").unwrap_err();
        assert!(
            e[0].to_string()
                .contains("expected growth per_month from -0.5"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn a_broken_profile_is_not_edited() {
        assert!(with_volume("p.ron", b"Profile(team: Nope)", 5, None).is_err());
    }
}
