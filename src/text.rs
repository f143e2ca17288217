//! Text from files we do not control, made safe and measured for a terminal.
//!
//! A catalogue is data, but a terminal interprets bytes: an ESC (0x1b) or a C1 control in an
//! engine name could move the cursor, change the title or worse. Everything read from a file is
//! passed through [`sanitize`] before it is stored, so no later code path can forget.

use std::borrow::Cow;
use unicode_width::UnicodeWidthChar;

/// True for characters that must never reach a terminal: C0 and C1 controls, DEL, and the
/// bidirectional overrides that can make text display in a different order than it reads.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Line breaks and tabs become single spaces; every other unsafe character is removed.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Characters that are not plain whitespace but still unsafe: reason enough to warn the author.
pub fn hidden_controls(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|&c| is_unsafe(c) && !matches!(c, '\n' | '\r' | '\t'))
}

/// Display width of a string in terminal columns.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Cut `s` to at most `max` display columns, ending with `…` when anything was cut.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// Cut `s` to at most `max` display columns from the left, starting with `…` when anything was
/// cut: the end of a long path being typed stays in view.
pub fn tail(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut kept = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        kept.push(c);
        used += w;
    }
    Cow::Owned(std::iter::once('…').chain(kept.into_iter().rev()).collect())
}

/// Pad or cut `s` to exactly `w` display columns, left-aligned.
pub fn fit_left(s: &str, w: usize) -> String {
    let cut = truncate(s, w);
    let pad = w.saturating_sub(width(&cut));
    format!("{cut}{}", " ".repeat(pad))
}

/// Pad or cut `s` to exactly `w` display columns, right-aligned.
pub fn fit_right(s: &str, w: usize) -> String {
    let cut = truncate(s, w);
    let pad = w.saturating_sub(width(&cut));
    format!("{}{cut}", " ".repeat(pad))
}

#[cfg(test)]
mod tests {
    #[test]
    fn tails_keep_the_end() {
        assert_eq!(tail("/var/log/mail.log", 40), "/var/log/mail.log");
        assert_eq!(tail("/var/log/mail.log", 9), "…mail.log");
        assert_eq!(width(&tail("日本語のパス/mail.log", 7)), 7);
        assert_eq!(tail("abc", 0), "");
    }

    use super::*;

    #[test]
    fn escape_sequences_are_removed() {
        assert_eq!(sanitize("\u{1b}[31mRed\u{1b}[0m"), "[31mRed[0m");
        assert_eq!(sanitize("a\u{9b}b\u{7f}c"), "abc");
        assert_eq!(sanitize("spoof\u{202E}txt"), "spooftxt");
    }

    #[test]
    fn line_breaks_become_one_space() {
        assert_eq!(sanitize("two\r\nlines\tand tab"), "two lines and tab");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(sanitize("Postfix — ok"), Cow::Borrowed(_)));
    }

    #[test]
    fn hidden_controls_ignore_whitespace() {
        assert_eq!(
            hidden_controls("a\nb\u{1b}").collect::<Vec<_>>(),
            vec!['\u{1b}']
        );
    }

    #[test]
    fn truncation_counts_display_columns() {
        assert_eq!(truncate("KumoMTA", 7), "KumoMTA");
        assert_eq!(truncate("KumoMTA", 5), "Kumo…");
        // Each CJK character is two columns wide.
        assert_eq!(truncate("郵便配達", 5), "郵便…");
        assert_eq!(width(&truncate("郵便配達", 5)), 5);
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(fit_left("ab", 4), "ab  ");
        assert_eq!(fit_right("ab", 4), "  ab");
        assert_eq!(fit_left("abcdef", 4), "abc…");
    }
}
