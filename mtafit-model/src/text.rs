//! Text from files we do not control, made safe and measured for a terminal.
//!
//! A catalogue is data, but a terminal interprets bytes: an ESC (0x1b) or a C1 control in an
//! engine name could move the cursor, change the title or worse. Everything read from a file is
//! passed through [`sanitize`] before it is stored, so no later code path can forget.

use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What [`sanitize`] does to a character it does not keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// A C0 or C1 control or DEL: a terminal would act on it (ESC starts a command).
    Control,
    /// A line, paragraph or tab break: it would break a table row or a message line.
    Break,
    /// A bidirectional mark, embedding, override or isolate: text would display in a different
    /// order than it reads.
    Bidi,
    /// A character that draws nothing (a zero-width space, a byte-order mark, a variation
    /// selector): it hides what a name really is, or makes terminals disagree on its width.
    Invisible,
}

/// How `c` is unsafe on a terminal, or `None` when it may be shown as it is.
///
/// Every format character (general category Cf) is here, and every default-ignorable one: a
/// terminal draws them as nothing, or, for some, as a box, so a width counted without them is
/// wrong somewhere. Emoji skin-tone modifiers are here too: a terminal shows a modified emoji in
/// two columns or four, and a table cannot be laid out for both.
pub fn hidden(c: char) -> Option<Hidden> {
    match c {
        '\n' | '\r' | '\t' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
            Some(Hidden::Break)
        }
        c if c.is_control() => Some(Hidden::Control),
        '\u{61C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            Some(Hidden::Bidi)
        }
        // Format characters (Cf) that are not bidirectional controls.
        '\u{AD}'
        | '\u{600}'..='\u{605}'
        | '\u{6DD}'
        | '\u{70F}'
        | '\u{890}'..='\u{891}'
        | '\u{8E2}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200D}'
        | '\u{2060}'..='\u{2065}'
        | '\u{206A}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{110BD}'
        | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}'
        // Default-ignorable characters of other categories: fillers, joiners of graphemes and
        // variation selectors (which switch a symbol between one column and two).
        | '\u{34F}'
        | '\u{115F}'..='\u{1160}'
        | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFF8}'
        | '\u{1F3FB}'..='\u{1F3FF}' => Some(Hidden::Invisible),
        _ => None,
    }
}

/// True for characters that must never reach a terminal: see [`hidden`].
pub fn is_unsafe(c: char) -> bool {
    hidden(c).is_some()
}

/// Characters kept, but as a twin that takes the columns every terminal gives it: ratatui
/// counts the half-width katakana sound marks as two columns where terminals draw one, and
/// unicode-width counts Kirat Rai letters written in parts as one column where a terminal
/// counting characters gives each part one.
fn twin(c: char, next: Option<char>) -> Option<(char, bool)> {
    match (c, next) {
        ('\u{FF9E}', _) => Some(('\u{309B}', false)),
        ('\u{FF9F}', _) => Some(('\u{309C}', false)),
        ('\u{16D63}', Some('\u{16D67}')) => Some(('\u{16D69}', true)),
        ('\u{16D67}', Some('\u{16D67}')) => Some(('\u{16D68}', true)),
        ('\u{16D69}', Some('\u{16D67}')) => Some(('\u{16D6A}', true)),
        _ => None,
    }
}

fn needs_twin(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}' | '\u{16D67}' | '\u{17D2}'))
}

/// A Khmer consonant that a coeng sign (U+17D2) before it turns into a subscript: unicode-width
/// then counts the pair as no columns, where a terminal counting characters gives it one.
fn khmer_subscript(c: char) -> bool {
    matches!(c,
        '\u{1780}'..='\u{1782}'
        | '\u{1784}'..='\u{1787}'
        | '\u{1789}'..='\u{178C}'
        | '\u{178E}'..='\u{1793}'
        | '\u{1795}'..='\u{1798}'
        | '\u{179B}'..='\u{179D}'
        | '\u{17A0}'
        | '\u{17A2}'
        | '\u{17A7}'
        | '\u{17AB}'..='\u{17AC}'
        | '\u{17AF}')
}

/// Breaks become single spaces; every other unsafe character is removed, so what remains
/// displays in the order it reads and in exactly [`width`] columns, each character taking
/// its own width.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) && !needs_twin(s) {
        return Cow::Borrowed(s);
    }
    let mut kept = String::with_capacity(s.len());
    for c in s.chars() {
        match hidden(c) {
            Some(Hidden::Break) => {
                if !kept.ends_with(' ') {
                    kept.push(' ');
                }
            }
            Some(_) => {}
            None => kept.push(c),
        }
    }
    // Twins are chosen after the removals, which can bring two parts of a letter together.
    if !needs_twin(&kept) {
        return Cow::Owned(kept);
    }
    let mut out = String::with_capacity(kept.len());
    let mut chars = kept.chars().peekable();
    while let Some(mut c) = chars.next() {
        // The consonant is then written in full: a column every terminal agrees on.
        if c == '\u{17D2}' && chars.peek().is_some_and(|&n| khmer_subscript(n)) {
            continue;
        }
        // A composed letter may compose again with the next part (16D69 + 16D67).
        while let Some((t, joined)) = twin(c, chars.peek().copied()) {
            c = t;
            if !joined {
                break;
            }
            chars.next();
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// Characters that are not plain whitespace but still unsafe: reason enough to warn the author.
pub fn hidden_controls(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|&c| is_unsafe(c) && !matches!(c, '\n' | '\r' | '\t'))
}

/// Display width of a string in terminal columns, counted as ratatui counts it when it draws:
/// by grapheme, skipping any that holds a control character.
pub fn width(s: &str) -> usize {
    // Every ASCII grapheme is one character (a CR LF pair holds two controls, skipped alike):
    // the table measures every engine's name each frame, and most names are ASCII.
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    s.graphemes(true)
        .filter(|g| !g.contains(char::is_control))
        .map(|g| {
            if g.len() == 1 {
                1
            } else {
                // ratatui adds a column for each half-width sound mark (see `twin`).
                g.width()
                    + g.chars()
                        .filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
                        .count()
            }
        })
        .sum()
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

/// The most columns a value typed or read is given when a message quotes it: a line of a
/// message stays well under [`MESSAGE_MAX`] even when it quotes the value twice.
pub const QUOTE_MAX: usize = 80;

/// The most columns one line of a message takes.
pub const MESSAGE_MAX: usize = 600;

/// `s` as a message may quote it: every character [`hidden`] is named by its code point
/// (`<U+001B>`), so what was typed is seen, not acted on or lost; and when the result is wider
/// than `max` columns, its middle gives way to `…`, so both ends stay in view.
pub fn quoted(s: &str, max: usize) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) && !needs_twin(s) && width(s) <= max {
        return Cow::Borrowed(s);
    }
    let mut named = String::with_capacity(s.len().min(4 * max + 16));
    // Only the ends can be kept, so a huge value is never copied whole.
    let far = 4 * max + 16;
    let mut chars = s.chars();
    let mut skipped = false;
    for c in chars.by_ref() {
        if named.len() > far {
            skipped = true;
            break;
        }
        name_into(&mut named, c);
    }
    let end: String = if skipped {
        let mut tail: Vec<String> = Vec::new();
        let mut len = 0;
        for c in s.chars().rev() {
            if len > far {
                break;
            }
            let mut one = String::new();
            name_into(&mut one, c);
            len += one.len();
            tail.push(one);
        }
        tail.into_iter().rev().collect()
    } else {
        String::new()
    };
    let whole = if skipped {
        format!("{named}…{end}")
    } else {
        named
    };
    Cow::Owned(shorten(&whole, max))
}

fn name_into(out: &mut String, c: char) {
    if is_unsafe(c) {
        use std::fmt::Write as _;
        let _ = write!(out, "<U+{:04X}>", u32::from(c));
    } else {
        out.push(c);
    }
}

/// The most columns a path takes in a message: a longer one keeps its start and its end.
pub const PATH_MAX: usize = 200;

/// `s` made safe ([`sanitize`]) and cut to at most `max` columns by putting `…` in place of its
/// middle, so both ends stay in view.
pub fn shorten(s: &str, max: usize) -> String {
    let s = sanitize(s);
    if width(&s) <= max {
        return s.into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let room = max - 1;
    let head = truncate_plain(&s, room - room / 2);
    let tail = tail_plain(&s, room / 2);
    format!("{head}…{tail}")
}

fn truncate_plain(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out
}

fn tail_plain(s: &str, max: usize) -> String {
    let mut kept = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > max {
            break;
        }
        kept.push(c);
        used += w;
    }
    kept.into_iter().rev().collect()
}

/// One line of a message cut to [`MESSAGE_MAX`] columns, made safe: a line that quotes
/// something huge keeps its start and its end.
pub fn message_line(line: &str) -> Cow<'_, str> {
    let safe = sanitize(line);
    if width(&safe) <= MESSAGE_MAX {
        return safe;
    }
    Cow::Owned(shorten(&safe, MESSAGE_MAX))
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

/// An error said two ways: its `Display` stands alone (it names the value and everything that
/// was expected), and [`ShortForm::short`] is what fits beside the value itself, as the
/// explorer's form shows it: the reader already sees what they typed, and a field has no room
/// for a long list.
pub trait ShortForm: std::error::Error {
    /// The error said beside the value it is about.
    fn short(&self) -> String;
}

#[cfg(test)]
mod tests {
    #[test]
    fn quoting_names_hidden_characters_and_keeps_both_ends() {
        use super::{QUOTE_MAX, message_line, quoted, width};
        assert_eq!(quoted("volume", QUOTE_MAX), "volume");
        assert_eq!(quoted("vol\u{1b}ume", QUOTE_MAX), "vol<U+001B>ume");
        assert_eq!(quoted("\u{200B}\u{2060}", QUOTE_MAX), "<U+200B><U+2060>");
        let long = format!("start{}end", "a".repeat(100_000));
        let q = quoted(&long, QUOTE_MAX);
        assert_eq!(width(&q), QUOTE_MAX);
        assert!(
            q.starts_with("starta") && q.ends_with("aend") && q.contains('…'),
            "{q}"
        );
        let line = format!("error: {long}: expected x");
        let m = message_line(&line);
        assert_eq!(width(&m), super::MESSAGE_MAX);
        assert!(
            m.starts_with("error: start") && m.ends_with(": expected x"),
            "{m}"
        );
    }

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
        assert_eq!(
            sanitize("row\u{2028}next\u{2029}para\u{85}nel"),
            "row next para nel"
        );
    }

    #[test]
    fn invisible_and_bidirectional_characters_are_removed() {
        for c in [
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{200E}',
            '\u{200F}',
            '\u{061C}',
            '\u{FEFF}',
            '\u{FFF9}',
            '\u{FFFA}',
            '\u{FFFB}',
            '\u{202A}',
            '\u{202B}',
            '\u{202C}',
            '\u{202D}',
            '\u{202E}',
            '\u{2066}',
            '\u{2067}',
            '\u{2068}',
            '\u{2069}',
            '\u{AD}',
            '\u{2060}',
            '\u{FE0F}',
            '\u{E0041}',
            '\u{3164}',
            '\u{1F3FD}',
        ] {
            let s = format!("Kumo{c}MTA");
            assert_eq!(sanitize(&s), "KumoMTA", "U+{:04X}", u32::from(c));
            assert!(is_unsafe(c), "U+{:04X}", u32::from(c));
        }
        assert_eq!(hidden('\u{202E}'), Some(Hidden::Bidi));
        assert_eq!(hidden('\u{200B}'), Some(Hidden::Invisible));
        assert_eq!(hidden('\u{2028}'), Some(Hidden::Break));
        assert_eq!(hidden('\u{1b}'), Some(Hidden::Control));
    }

    #[test]
    fn combining_marks_wide_letters_and_plain_emoji_are_kept() {
        for s in [
            "Exim\u{301}",
            "郵便",
            "📧 mail",
            "🇫🇷",
            "العربية",
            "naïve",
            "ก็",
        ] {
            assert_eq!(sanitize(s), s);
            assert!(matches!(sanitize(s), Cow::Borrowed(_)), "{s}");
        }
        // A modified or joined emoji falls apart into plain ones, each as wide as it says.
        assert_eq!(sanitize("👍🏽"), "👍");
        assert_eq!(sanitize("🐻\u{200D}❄\u{FE0F}"), "🐻❄");
    }

    #[test]
    fn width_is_what_ratatui_draws() {
        assert_eq!(width("KumoMTA"), 7);
        assert_eq!(width("郵便"), 4);
        assert_eq!(width("e\u{301}"), 1);
        // A variation selector makes one column two; ratatui counts by grapheme.
        assert_eq!(width("\u{2328}\u{FE0F}"), 2);
        assert_eq!(width("\u{2328}"), 1);
        // Half-width sound marks become their spacing twins, whose width all agree on.
        let s = sanitize("\u{FF76}\u{FF9E}");
        assert_eq!(s, "\u{FF76}\u{309B}");
        assert_eq!(
            width(&s),
            s.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>()
        );
        // Kirat Rai written in parts is composed, so each part is not counted apart.
        assert_eq!(sanitize("\u{16D63}\u{16D67}\u{16D67}"), "\u{16D6A}");
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
