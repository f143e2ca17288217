//! Problems found in a file, reported the way rustc does: where, what was expected, and the line.

use crate::text;
use std::fmt;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The file (or entry) was not loaded.
    Error,
    /// Loaded, but something was changed or looks wrong.
    Warning,
    /// Information, e.g. one entry replacing another.
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

/// A 1-based line and column, counting characters (not bytes) as editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
}

impl Pos {
    /// The start of a file.
    pub const START: Pos = Pos { line: 1, col: 1 };

    /// The position of byte offset `at` in `src` (clamped to the end).
    pub fn of_offset(src: &str, at: usize) -> Pos {
        let at = at.min(src.len());
        let before = src.get(..at).unwrap_or(src);
        let line = 1 + before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = 1 + before[line_start..].chars().count();
        Pos { line, col }
    }

    /// The byte offset of this position in `src` (clamped to the end).
    pub fn offset_in(self, src: &str) -> usize {
        let mut line_start = 0;
        for _ in 1..self.line {
            match src[line_start..].find('\n') {
                Some(i) => line_start += i + 1,
                None => return src.len(),
            }
        }
        let line = &src[line_start..];
        line.char_indices().nth(self.col.saturating_sub(1)).map_or(
            src.len()
                .min(line_start + line.find('\n').unwrap_or(line.len())),
            |(i, _)| line_start + i,
        )
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error, warning or note.
    pub severity: Severity,
    /// The file, as the user would type it (or `<built-in>/…`).
    pub path: String,
    /// Where in the file.
    pub pos: Pos,
    /// Width of the caret underline, in characters (at least 1).
    pub len: usize,
    /// What was expected, as a sentence a user can act on.
    pub message: String,
    /// The offending line, already sanitised; `None` when there is no meaningful line.
    pub line_text: Option<String>,
}

impl Diagnostic {
    /// A problem at `pos` in `src`, quoting the line it is on.
    pub fn at(
        severity: Severity,
        path: &str,
        src: &str,
        pos: Pos,
        len: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let line_text = src.lines().nth(pos.line.saturating_sub(1)).map(expand_tabs);
        Diagnostic {
            severity,
            path: text::shorten(path, text::PATH_MAX),
            pos,
            len: len.max(1),
            message: message.into(),
            line_text,
        }
    }

    /// A problem with the file as a whole (unreadable, too large), reported at 1:1.
    pub fn whole_file(severity: Severity, path: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            path: text::shorten(path, text::PATH_MAX),
            pos: Pos::START,
            len: 1,
            message: message.into(),
            line_text: None,
        }
    }

    /// True for an error (the entry was not loaded).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Render as text; `color` adds ANSI styles for a terminal.
    pub fn render(&self, color: bool) -> String {
        let (bold, red, yellow, cyan, blue, reset) = if color {
            (
                "\x1b[1m",
                "\x1b[1;31m",
                "\x1b[1;33m",
                "\x1b[1;36m",
                "\x1b[1;34m",
                "\x1b[0m",
            )
        } else {
            ("", "", "", "", "", "")
        };
        let sev_style = match self.severity {
            Severity::Error => red,
            Severity::Warning => yellow,
            Severity::Note => cyan,
        };
        let mut out = format!(
            "{bold}{}:{}:{}:{reset} {sev_style}{}:{reset} {}\n",
            self.path,
            self.pos.line,
            self.pos.col,
            self.severity,
            // Messages quote what the file says; whatever was not made safe there is here.
            bounded(&text::sanitize(&self.message))
        );
        if let Some(line) = &self.line_text {
            let num = self.pos.line.to_string();
            let gutter = " ".repeat(num.len());
            let caret_col = self.pos.col.saturating_sub(1);
            let (from, to) = window(line, caret_col);
            let chars = &line[from..to];
            let (lead, trail) = (
                if from > 0 { "…" } else { "" },
                if to < line.len() { "…" } else { "" },
            );
            let shown = format!("{lead}{}{trail}", text::sanitize(chars));
            // Measure the caret's offset on the raw line, then as displayed: removed controls and
            // wide characters would otherwise put it under the wrong character.
            let before = line[..from].chars().count();
            let raw_prefix: String = chars
                .chars()
                .take(caret_col.saturating_sub(before))
                .collect();
            let pad = text::width(lead)
                + text::width(&text::sanitize(&raw_prefix))
                + caret_col.saturating_sub(before + raw_prefix.chars().count());
            let avail = text::width(&shown)
                .saturating_sub(pad + text::width(trail))
                .max(1);
            // Underline what is displayed: a wide character takes two carets.
            let under: String = chars
                .chars()
                .skip(caret_col.saturating_sub(before))
                .take(self.len)
                .collect();
            let under_width = text::width(&text::sanitize(&under)).max(1);
            let carets = "^".repeat(under_width.min(avail));
            out.push_str(&format!("{blue}{gutter} |{reset}\n"));
            out.push_str(&format!("{blue}{num} |{reset} {shown}\n"));
            out.push_str(&format!(
                "{blue}{gutter} |{reset} {}{sev_style}{carets}{reset}\n",
                " ".repeat(pad)
            ));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// The most columns of a file's line a diagnostic quotes: a line of a megabyte is shown as the
/// part around the column, not as the megabyte.
const QUOTE_COLUMNS: usize = 100;

/// Columns of a long line shown before the column a diagnostic points at.
const QUOTE_BEFORE: usize = 30;

/// The most columns of a message: one quoting a huge value keeps its start and its end.
const MESSAGE_COLUMNS: usize = 600;

/// The byte range of `line` to quote for a caret at character `caret`: the whole line when it
/// fits in [`QUOTE_COLUMNS`], else a window around the caret that leaves a column at each end
/// for the `…` that says the line goes on.
fn window(line: &str, caret: usize) -> (usize, usize) {
    if text::width(&text::sanitize(line)) <= QUOTE_COLUMNS {
        return (0, line.len());
    }
    let cols = |c: char| text::width(&text::sanitize(c.encode_utf8(&mut [0; 4])));
    let at = line
        .char_indices()
        .nth(caret)
        .map_or(line.len(), |(i, _)| i);
    let budget = QUOTE_COLUMNS - 2;
    let (mut from, mut to, mut used) = (at, at, 0);
    for (i, c) in line[..at].char_indices().rev() {
        if used + cols(c) > QUOTE_BEFORE {
            break;
        }
        used += cols(c);
        from = i;
    }
    for (i, c) in line[at..].char_indices() {
        if used + cols(c) > budget {
            break;
        }
        used += cols(c);
        to = at + i + c.len_utf8();
    }
    // Near the end of the line, what is left of the budget goes before the caret.
    for (i, c) in line[..from].char_indices().rev() {
        if used + cols(c) > budget {
            break;
        }
        used += cols(c);
        from = i;
    }
    (from, to)
}

/// `message` cut in the middle when it is wider than [`MESSAGE_COLUMNS`].
fn bounded(message: &str) -> std::borrow::Cow<'_, str> {
    if text::width(message) <= MESSAGE_COLUMNS {
        return std::borrow::Cow::Borrowed(message);
    }
    let head = text::truncate(message, MESSAGE_COLUMNS * 2 / 3);
    let tail = text::tail(message, MESSAGE_COLUMNS / 4);
    std::borrow::Cow::Owned(format!("{head} {tail}"))
}

/// Tabs would misplace the caret; one column per tab keeps the column count honest.
fn expand_tabs(line: &str) -> String {
    line.replace('\t', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_char_columns() {
        let src = "ab\nçd\n";
        assert_eq!(Pos::of_offset(src, 0), Pos { line: 1, col: 1 });
        assert_eq!(Pos::of_offset(src, 3), Pos { line: 2, col: 1 });
        // 'ç' is two bytes but one column.
        assert_eq!(Pos::of_offset(src, 5), Pos { line: 2, col: 2 });
        assert_eq!(Pos::of_offset(src, 999), Pos { line: 3, col: 1 });
        for at in [0, 1, 3, 5, 6] {
            assert_eq!(Pos::of_offset(src, at).offset_in(src), at);
        }
        assert_eq!(Pos { line: 9, col: 1 }.offset_in(src), src.len());
    }

    #[test]
    fn renders_like_rustc() {
        let src = "Engine(\n    licence: Opne(\"MIT\"),\n)";
        let d = Diagnostic::at(
            Severity::Error,
            "x.ron",
            src,
            Pos { line: 2, col: 14 },
            4,
            "expected `Open` or `Commercial`",
        );
        assert_eq!(
            d.render(false),
            "x.ron:2:14: error: expected `Open` or `Commercial`\n  |\n2 |     licence: Opne(\"MIT\"),\n  |              ^^^^\n"
        );
    }

    #[test]
    fn carets_follow_display_width() {
        let src = "name: \"郵便\"";
        let d = Diagnostic::at(
            Severity::Error,
            "x.ron",
            src,
            Pos { line: 1, col: 7 },
            4,
            "m",
        );
        assert!(
            d.render(false).ends_with("|       ^^^^^^\n"),
            "{}",
            d.render(false)
        );
    }

    #[test]
    fn control_characters_in_the_quoted_line_are_removed() {
        let src = "name: \"\u{1b}]0;pwned\u{7}\"";
        let d = Diagnostic::at(Severity::Warning, "x.ron", src, Pos::START, 1, "m");
        assert!(!d.render(false).contains('\u{1b}'));
        assert!(!d.render(false).contains('\u{7}'));
    }

    #[test]
    fn a_long_line_is_quoted_as_a_window_around_the_column() {
        let src = format!("{}name: \"x\"{}", " ".repeat(900_000), "y".repeat(900_000));
        let d = Diagnostic::at(
            Severity::Error,
            "x.ron",
            &src,
            Pos {
                line: 1,
                col: 900_001,
            },
            4,
            "m",
        );
        let out = d.render(false);
        assert!(out.len() < 1_000, "{} bytes", out.len());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "x.ron:1:900001: error: m");
        assert!(
            lines[2].starts_with("1 | …") && lines[2].ends_with('…'),
            "{out}"
        );
        assert!(text::width(lines[2]) <= QUOTE_COLUMNS + 4, "{out}");
        // The carets stay under `name`.
        let at = lines[3].find('^').unwrap();
        assert_eq!(
            &lines[2][lines[2].char_indices().nth(at).unwrap().0..][..4],
            "name"
        );
        assert_eq!(lines[3].matches('^').count(), 4);
        // Near the end of a long line the window ends with it, and a short line is whole.
        let src = format!("{}end", "z".repeat(5_000));
        let d = Diagnostic::at(
            Severity::Error,
            "x.ron",
            &src,
            Pos {
                line: 1,
                col: 5_001,
            },
            3,
            "m",
        );
        let out = d.render(false);
        let quoted = out.lines().nth(2).unwrap();
        assert!(
            quoted.starts_with("1 | …z") && quoted.ends_with("zend"),
            "{out}"
        );
        assert_eq!(
            text::width(quoted),
            "1 | ".len() + QUOTE_COLUMNS - 1,
            "{out}"
        );
    }

    #[test]
    fn a_huge_message_keeps_its_start_and_end() {
        let m = format!("start {} end", "x".repeat(100_000));
        let d = Diagnostic::whole_file(Severity::Error, "x.ron", m);
        let out = d.render(false);
        assert!(text::width(&out) < MESSAGE_COLUMNS + 40, "{}", out.len());
        assert!(
            out.contains("error: start xx") && out.ends_with("xx end\n"),
            "{out}"
        );
    }

    #[test]
    fn whole_file_problems_have_no_quoted_line() {
        let d = Diagnostic::whole_file(Severity::Error, "big.ron", "too large");
        assert_eq!(d.render(false), "big.ron:1:1: error: too large\n");
    }
}
