//! Reading a RON file into a typed value, with errors as good as a compiler's.
//!
//! Every way a file can be wrong — not a regular file, too large, not UTF-8, empty, a syntax
//! error, a typo in a field name, a value of the wrong type — becomes one [`Diagnostic`] that
//! names the file, line and column, says what was expected and quotes the line. Files are read
//! only through [`read()`], which is bounded. Nothing here panics on any input.

pub mod diagnostic;
pub mod locate;
pub mod read;
pub mod unique;

pub use diagnostic::{Diagnostic, Pos, Severity};
pub use locate::{Found, Locator, Step};
pub use read::{Unreadable, read};

use serde::de::DeserializeOwned;

/// Files above this size are refused before parsing: no engine or profile needs a megabyte,
/// and a huge file is far more likely a wrong path than a catalogue.
pub const MAX_FILE_BYTES: usize = 1 << 20;

/// Nesting deeper than this is refused (serde recursion would otherwise risk the stack).
const RECURSION_LIMIT: usize = 64;

/// Check size and encoding, and return the text.
pub fn decode<'a>(path: &str, bytes: &'a [u8]) -> Result<&'a str, Diagnostic> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::whole_file(
            Severity::Error,
            path,
            format!(
                "the file is {} bytes; expected at most {} (1 MiB) — is this the right file?",
                bytes.len(),
                MAX_FILE_BYTES
            ),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // The valid prefix is UTF-8 by construction.
            let prefix = std::str::from_utf8(good).unwrap_or_default();
            let pos = Pos::of_offset(prefix, prefix.len());
            let bad = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
            let mut d = Diagnostic::at(
                Severity::Error,
                path,
                prefix,
                pos,
                1,
                format!("expected UTF-8 text, found the byte 0x{bad:02X}; save the file as UTF-8"),
            );
            // Quote the line up to the bad byte only: the rest is not text.
            d.line_text = prefix.lines().last().map(str::to_owned).or(d.line_text);
            Err(d)
        }
    }
}

/// `src` with each line break read as one: text whose lines end in a carriage return alone (as
/// classic Mac OS wrote them) has each CR made a line feed, so its first `//` comment does not
/// run to the end of the file and hide the rest. Byte offsets are unchanged.
pub fn line_breaks(src: &str) -> std::borrow::Cow<'_, str> {
    if src.contains('\r') && !src.contains('\n') {
        std::borrow::Cow::Owned(src.replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(src)
    }
}

/// Parse `src` as a `T`; `shape` describes the expected top level, e.g. "`Engine(…)`".
pub fn parse<T: DeserializeOwned>(path: &str, src: &str, shape: &str) -> Result<T, Diagnostic> {
    if is_blank(src) {
        return Err(Diagnostic::at(
            Severity::Error,
            path,
            src,
            Pos::of_offset(src, src.len()),
            1,
            format!("expected {shape}, found an empty file"),
        ));
    }
    // `implicit_some`: an optional field takes a bare value (`annual_budget_usd: 15000`,
    // `role: SendingMta`) as well as `Some(…)`, which people expect and write.
    let options = ron::Options::default()
        .with_recursion_limit(RECURSION_LIMIT)
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    options.from_str::<T>(src).map_err(|e| {
        let start = Pos {
            line: e.span.start.line,
            col: e.span.start.col,
        };
        let end = Pos {
            line: e.span.end.line,
            col: e.span.end.col,
        };
        let (pos, len, message) = explain(src, &e.code, start, end, shape);
        Diagnostic::at(Severity::Error, path, src, pos, len, message)
    })
}

/// True when the text holds nothing but whitespace and comments.
fn is_blank(src: &str) -> bool {
    let mut rest = src.trim_start();
    loop {
        if let Some(r) = rest.strip_prefix("//") {
            rest = r
                .split_once('\n')
                .map_or("", |(_, after)| after)
                .trim_start();
        } else if let Some(r) = rest.strip_prefix("/*") {
            match r.find("*/") {
                Some(i) => rest = r[i + 2..].trim_start(),
                None => return false,
            }
        } else {
            return rest.is_empty();
        }
    }
}

/// Choose the position, underline width and message for an error from ron's span.
///
/// ron's span runs from where the parser was to where it stopped. For a bad identifier it covers
/// the identifier, which is what a person wants underlined; for a missing field it ends at the
/// closing bracket, which is where the field should have been added; for a missing comma the
/// parser is already at the next item, so the blame moves back to the end of the previous one.
fn explain(
    src: &str,
    code: &ron::Error,
    start: Pos,
    end: Pos,
    shape: &str,
) -> (Pos, usize, String) {
    use ron::Error as E;
    // A character a text file should not hold, where the parser stopped: ron calls it an
    // unexpected identifier or a missing comma, which sends a person looking for the wrong thing.
    if !matches!(code, E::Message(_))
        && let Some((at, c)) = stray_character(src, start.offset_in(src))
    {
        return (Pos::of_offset(src, at), 1, stray_message(c));
    }
    // A control character inside a field's name or a variant's: ron ends the name there and
    // reports the first part as unknown, when the name is right but for that character.
    if matches!(
        code,
        E::NoSuchStructField { .. } | E::NoSuchEnumVariant { .. }
    ) && let Some((at, c, name)) = stray_in_name(src, start.offset_in(src))
    {
        let stray = stray_message(c);
        let stray = stray.strip_prefix("found ").unwrap_or(&stray);
        let (what, rest) = stray
            .split_once(" outside any string")
            .unwrap_or((stray, ""));
        return (
            Pos::of_offset(src, at),
            1,
            format!("found {what} inside the name `{}`{rest}", quote(name)),
        );
    }
    let message = describe(code, shape);
    let loc = Locator::new(src);
    match code {
        E::IntegerOutOfBounds => {
            // ron's span starts after a minus sign: blame the sign, which is the mistake.
            let at = start.offset_in(src);
            let before = src[..at].trim_end_matches([' ', '\t']);
            if before.ends_with('-') {
                let sign = before.len() - 1;
                let len = src[sign..]
                    .find(|c: char| !(c == '-' || c == '_' || c.is_ascii_alphanumeric()))
                    .unwrap_or(src.len() - sign);
                let number = &src[sign..sign + len];
                return (
                    Pos::of_offset(src, sign),
                    number.chars().count(),
                    format!(
                        "negative numbers are not allowed here; expected a whole number of 0 or \
                         more, found {}",
                        quote(number)
                    ),
                );
            }
            let (pos, len) = match loc.token_after(at) {
                Some((s, e)) => (Pos::of_offset(src, s), src[s..e].chars().count()),
                None => (start, 1),
            };
            (pos, len, message)
        }
        E::MissingStructField { .. } | E::Eof | E::ExpectedStructLikeEnd => {
            (end.max(Pos::START), 1, message)
        }
        E::ExpectedComma | E::ExpectedArrayEnd | E::ExpectedMapEnd => {
            // The parser may stop inside the item it just read; blame just after that item.
            let at = start.offset_in(src);
            let at = loc.token_around(at).map_or(at, |(_, e)| e);
            // At the end of the file the span starts before the last value; its end is right.
            let end_at = end.offset_in(src);
            let (at, message) = if loc.token_after(end_at).is_none() {
                (
                    end_at.max(at),
                    format!(
                        "{message}, found the end of the file — is the rest of the file missing?"
                    ),
                )
            } else {
                (at, message)
            };
            match loc.token_before(at) {
                Some((s, e, true)) if src[s..e].contains('\n') => (
                    Pos::of_offset(src, s),
                    1,
                    format!(
                        "{message}; this string runs over several lines — is its closing `\"` missing?"
                    ),
                ),
                Some((_, e, _)) => (Pos::of_offset(src, e), 1, message),
                None => (start, 1, message),
            }
        }
        E::Message(_) => {
            // A value's own check failed (an unknown capability, a bad volume string) after the
            // parser consumed the value: blame the token just read.
            let at = end.offset_in(src);
            match loc.token_before(at) {
                Some((s, e, _)) => (Pos::of_offset(src, s), src[s..e].chars().count(), message),
                None => (start, 1, message),
            }
        }
        _ => {
            // Land on the offending token, even when it is on a later line.
            let at = start.offset_in(src);
            let (pos, len) = match loc.token_after(at) {
                Some((s, e)) => {
                    let p = Pos::of_offset(src, s);
                    let token_len = src[s..e].chars().count();
                    let len = if end.line == p.line && end.col > p.col {
                        end.col - p.col
                    } else {
                        token_len
                    };
                    (p, len)
                }
                None => (start, 1),
            };
            (pos, len, message)
        }
    }
}

/// The first character at or after byte `at`, past spaces and line breaks, when it is one no
/// RON text holds outside a string: a control, bidirectional or invisible character.
fn stray_character(src: &str, at: usize) -> Option<(usize, char)> {
    let rest = src.get(at..)?;
    let (i, c) = rest
        .char_indices()
        .find(|&(_, c)| !matches!(c, ' ' | '\t' | '\n' | '\r'))?;
    crate::text::is_unsafe(c).then_some((at + i, c))
}

/// The name starting at byte `at` (an identifier, `r#` allowed), when a character no RON text
/// holds follows it directly: where it is, what it is, and the name up to it.
fn stray_in_name(src: &str, at: usize) -> Option<(usize, char, &str)> {
    let rest = src.get(at..)?;
    let start = if rest.starts_with("r#") { 2 } else { 0 };
    let len = rest[start..]
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(rest.len(), |i| i + start);
    let c = rest[len..].chars().next()?;
    (crate::text::is_unsafe(c) && !matches!(c, ' ' | '\t' | '\n' | '\r'))
        .then(|| (at + len, c, &rest[..len]))
}

/// What to say about a stray character: its name, and where it most likely came from.
fn stray_message(c: char) -> String {
    let code = u32::from(c);
    if c == '\0' {
        return "found a NUL byte (U+0000) outside any string; remove it — NUL bytes in a RON \
                file usually mean it is not a text file, or was cut off while being written"
            .into();
    }
    let what = match crate::text::hidden(c) {
        Some(crate::text::Hidden::Bidi) => "the bidirectional control",
        Some(crate::text::Hidden::Invisible) => "the invisible character",
        Some(crate::text::Hidden::Break) => "the line separator",
        _ => "the control character",
    };
    format!("found {what} U+{code:04X} outside any string; remove it — RON text holds none")
}

/// A name or value from the file as a message quotes it: made safe, and cut to a length that
/// reads as a quotation, whatever the file holds.
fn quote(s: &str) -> String {
    crate::text::truncate(&crate::text::sanitize(s), 40).into_owned()
}

/// A sentence for each ron error, saying what was expected.
pub fn describe(code: &ron::Error, shape: &str) -> String {
    use ron::Error as E;
    match code {
        E::Eof => format!(
            "expected the rest of {shape}, found the end of the file — is a closing bracket missing?"
        ),
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown field `{}`{}; expected one of {}{}",
            quote(found),
            inside(outer),
            list(expected),
            suggest(found, expected)
        ),
        E::MissingStructField { field, outer } => {
            format!("missing field `{field}`{}; add `{field}: …`", inside(outer))
        }
        E::DuplicateStructField { field, outer } => {
            format!("field `{field}` is given twice{}; keep one", inside(outer))
        }
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "unknown value `{}`{}; expected one of {}{}",
            quote(found),
            outer
                .as_ref()
                .map(|o| format!(" for {o}"))
                .unwrap_or_default(),
            list(expected),
            suggest(found, expected)
        ),
        E::ExpectedDifferentStructName { expected, found } => {
            format!("expected `{expected}(…)`, found `{}(…)`", quote(found))
        }
        E::ExpectedNamedStructLike(name) if !name.is_empty() => {
            format!("expected `{name}(`")
        }
        E::InvalidValueForType { expected, found } => {
            let found = crate::text::truncate(&crate::text::sanitize(found), 60).into_owned();
            format!("expected {expected}, found {found}")
        }
        E::ExpectedComma => "expected a `,` after this item".into(),
        E::ExpectedArrayEnd => "expected a `,` or the closing `]` of this list".into(),
        E::ExpectedMapEnd => "expected a `,` or the closing `}` of this map".into(),
        E::ExpectedString => "expected a string in double quotes".into(),
        E::ExpectedStringEnd => "expected a closing `\"` for this string".into(),
        E::ExpectedInteger => "expected a whole number".into(),
        E::ExpectedFloat => "expected a number".into(),
        E::ExpectedBoolean => "expected `true` or `false`".into(),
        E::ExpectedOption => "expected `Some(…)` or `None`".into(),
        E::ExpectedArray => "expected a list in `[` `]`".into(),
        E::ExpectedMap => "expected a map in `{` `}`".into(),
        E::ExpectedMapColon => "expected a `:` after the key".into(),
        E::IntegerOutOfBounds => {
            "this number does not fit here; expected a smaller whole number of 0 or more".into()
        }
        E::InvalidIntegerDigit { digit, .. } if digit.is_ascii_punctuation() || *digit == 'e' => {
            format!(
                "expected a whole number, written in digits only; found {:?}, which makes it a \
                 fraction or an exponent",
                crate::text::quoted(&digit.to_string(), 4)
            )
        }
        E::TrailingCharacters => {
            format!("expected the end of the file after {shape}; remove what follows")
        }
        E::UnclosedBlockComment => "expected `*/` to close this comment".into(),
        E::UnexpectedChar(c) => format!(
            "unexpected character {:?}",
            crate::text::sanitize(&c.to_string())
        ),
        E::ExceededRecursionLimit => {
            format!("the file nests deeper than {RECURSION_LIMIT} levels; expected {shape}")
        }
        other => {
            let s = crate::text::sanitize(&other.to_string()).into_owned();
            let mut c = s.chars();
            match c.next() {
                Some(first) => first.to_lowercase().collect::<String>() + c.as_str(),
                None => s,
            }
        }
    }
}

fn inside(outer: &Option<String>) -> String {
    outer
        .as_ref()
        .map(|o| format!(" in `{o}`"))
        .unwrap_or_default()
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// " (did you mean `x`?)" for a near miss, so a one-letter typo reads as one.
pub fn suggest(found: &str, candidates: &[&str]) -> String {
    DidYouMean(nearest(found, candidates)).to_string()
}

/// The candidate a near miss most likely meant, when one is near enough to be a slip.
pub fn nearest<'a>(found: &str, candidates: &[&'a str]) -> Option<&'a str> {
    // Case is compared away: `PowerMTA` is as near `powermta` as a person thinks it is.
    let found = found.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(&found, &c.to_lowercase()), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// A suggestion as every message words it: " (did you mean `x`?)", or nothing without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DidYouMean<'a>(pub Option<&'a str>);

impl std::fmt::Display for DidYouMean<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(c) => write!(f, " (did you mean `{c}`?)"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Thing {
        name: String,
        size: u32,
        mode: Mode,
    }

    #[derive(Debug, Deserialize)]
    enum Mode {
        Fast,
        Slow,
    }

    fn err(src: &str) -> Diagnostic {
        parse::<Thing>("t.ron", src, "`Thing(…)`").unwrap_err()
    }

    #[test]
    fn unknown_field_points_at_it_and_suggests() {
        let d = err("Thing(\n  nmae: \"x\",\n  size: 1,\n  mode: Fast,\n)");
        assert_eq!((d.pos.line, d.pos.col), (2, 3));
        assert_eq!(d.len, 4);
        assert!(d.message.contains("unknown field `nmae`"), "{}", d.message);
        assert!(d.message.contains("did you mean `name`?"), "{}", d.message);
    }

    #[test]
    fn suggestions_ignore_case() {
        let ids = ["kumomta", "postfix", "powermta"];
        assert_eq!(suggest("KumoMTA", &ids), " (did you mean `kumomta`?)");
        assert_eq!(suggest("PowerMTAA", &ids), " (did you mean `powermta`?)");
        assert_eq!(suggest("Sendgrid", &ids), "");
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        let d = err("Thing(\n  name: \"x\",\n  size: \"big\",\n  mode: Fast,\n)");
        assert_eq!((d.pos.line, d.pos.col), (3, 9));
        assert!(d.message.contains("expected"), "{}", d.message);
    }

    #[test]
    fn unknown_variant_suggests() {
        let d = err("Thing(name: \"x\", size: 1, mode: Fsat)");
        assert!(d.message.contains("did you mean `Fast`?"), "{}", d.message);
        assert_eq!(d.pos.col, 33);
    }

    #[test]
    fn missing_field_points_at_the_closing_bracket() {
        let d = err("Thing(\n  name: \"x\",\n  size: 1,\n)");
        assert!(d.message.contains("missing field `mode`"), "{}", d.message);
        assert_eq!(d.pos.line, 4);
    }

    #[test]
    fn a_file_cut_off_after_a_value_says_so() {
        let d = err("Thing(\n  name: \"x\",\n  size: 12345");
        assert_eq!((d.pos.line, d.pos.col), (3, 14), "{d}");
        assert!(d.message.contains("found the end of the file"), "{d}");
    }

    #[test]
    fn empty_and_comment_only_files_are_empty() {
        for src in ["", "   \n", "// nothing\n/* here */\n"] {
            assert!(err(src).message.contains("found an empty file"), "{src:?}");
        }
    }

    #[test]
    fn non_utf8_is_located() {
        let d = decode("t.ron", b"Thing(\n  name: \"a\xffb\"").unwrap_err();
        assert_eq!((d.pos.line, d.pos.col), (2, 11));
        assert!(d.message.contains("0xFF"));
    }

    #[test]
    fn too_large_is_refused_before_parsing() {
        let big = vec![b' '; MAX_FILE_BYTES + 1];
        assert!(decode("t.ron", &big).unwrap_err().message.contains("1 MiB"));
    }

    #[test]
    fn a_negative_whole_number_is_blamed_on_its_sign() {
        let d = err("Thing(name: \"x\", size: -1, mode: Fast)");
        assert_eq!((d.pos.col, d.len), (24, 2), "{d}");
        assert_eq!(
            d.message,
            "negative numbers are not allowed here; expected a whole number of 0 or more, found -1"
        );
        // Too large is another mistake, at the number.
        let d = err("Thing(name: \"x\", size: 99999999999, mode: Fast)");
        assert_eq!((d.pos.col, d.len), (24, 11), "{d}");
        assert!(d.message.contains("smaller whole number"), "{d}");
    }

    #[test]
    fn a_stray_control_character_is_named() {
        for (src, col) in [
            ("Thing(\0name: \"x\", size: 1, mode: Fast)", 7),
            ("Thing(name: \"x\"\0, size: 1, mode: Fast)", 16),
            ("Thing(name: \"x\", size: 1, mode: Fast)\0", 38),
        ] {
            let d = err(src);
            assert!(
                d.message.starts_with("found a NUL byte (U+0000)"),
                "{src:?}: {d}"
            );
            assert_eq!(d.pos.col, col, "{src:?}: {d}");
        }
        let d = err("Thing(name: \"x\", size: \u{1b}1, mode: Fast)");
        assert!(d.message.contains("the control character U+001B"), "{d}");
        let d = err("Thing(\u{202E}name: \"x\", size: 1, mode: Fast)");
        assert!(
            d.message.contains("the bidirectional control U+202E"),
            "{d}"
        );
    }

    #[test]
    fn quoted_names_are_cut_to_a_quotation() {
        let long = "n".repeat(10_000);
        let d = err(&format!("Thing({long}: 1)"));
        assert!(d.message.len() < 300, "{}", d.message.len());
        assert!(d.message.contains("unknown field `nnnn"), "{}", d.message);
    }

    #[test]
    fn byte_order_mark_is_ignored() {
        assert_eq!(decode("t.ron", "\u{feff}X".as_bytes()).unwrap(), "X");
    }
}
