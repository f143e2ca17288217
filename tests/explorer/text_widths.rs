//! Whatever text a file or an argument holds, `text::sanitize` leaves nothing a terminal acts on
//! or hides, and what it leaves is exactly as wide as ratatui draws it and as its characters add
//! up to, so no crafted name can shift a row or a border.

use mtafit_model::text::{sanitize, width};
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthChar;

/// Text mixing ordinary characters with ones that must not survive: controls (Cc), format
/// characters (Cf: zero-width, bidirectional, byte-order marks, annotations) and line and
/// paragraph separators. Each piece says whether it is one that must go.
fn pieces() -> impl Strategy<Value = Vec<(String, bool)>> {
    let ordinary = "[^\\p{C}\\p{Zl}\\p{Zp}]{0,6}".prop_map(|s| (s, false));
    let hostile = "[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]".prop_map(|s| (s, true));
    // Sequences whose width a terminal, unicode-width and ratatui can disagree on.
    let tricky = prop::sample::select(vec![
        "\u{2328}\u{FE0F}",
        "\u{2764}\u{FE0E}",
        "👍🏽",
        "👨\u{200D}👩\u{200D}👧",
        "🐻\u{200D}❄\u{FE0F}",
        "🇫🇷",
        "1\u{FE0F}\u{20E3}",
        "\u{FF76}\u{FF9E}",
        "\u{FF9F}",
        "\u{16D63}\u{16D67}",
        "\u{16D67}\u{16D67}\u{16D67}",
        "\u{644}\u{627}",
        "\u{5D0}\u{200D}\u{5DC}",
        "\u{1100}\u{1161}\u{11A8}",
        "\u{115F}\u{1160}",
        "\u{3164}",
        "e\u{301}\u{302}",
        "\u{17D2}\u{1780}",
        "\u{2D4F}\u{2D7F}\u{2D3E}",
        "\r\n",
        "<\u{338}",
        "\u{1F3FB}",
    ])
    .prop_map(|s| (s.to_owned(), false));
    proptest::collection::vec(prop_oneof![3 => ordinary, 2 => hostile, 2 => tricky], 0..24)
}

/// The columns ratatui moves across when it draws `s` on one line.
fn drawn_width(s: &str) -> usize {
    let mut buf = Buffer::empty(Rect::new(0, 0, 4_000, 1));
    let (x, _) = buf.set_stringn(0, 0, s, usize::MAX, Style::default());
    usize::from(x)
}

fn char_widths(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    #[test]
    fn nothing_hostile_survives(pieces in pieces()) {
        let input: String = pieces.iter().map(|(s, _)| s.as_str()).collect();
        let out = sanitize(&input);
        for (s, must_go) in &pieces {
            for c in s.chars().filter(|_| *must_go) {
                prop_assert!(!out.contains(c), "U+{:04X} survived in {:?}", u32::from(c), out);
            }
        }
        prop_assert!(!out.chars().any(|c| c.is_control()), "{:?}", out);
        for c in ['\u{2028}', '\u{2029}', '\u{200B}', '\u{200F}', '\u{61C}', '\u{FEFF}', '\u{FFF9}'] {
            prop_assert!(!out.contains(c), "{:?}", out);
        }
        let bidi = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        prop_assert!(!out.chars().any(bidi), "{:?}", out);
        prop_assert_eq!(sanitize(&out), out.clone(), "sanitize is idempotent");
    }

    #[test]
    fn the_width_of_safe_text_is_the_sum_of_its_characters(pieces in pieces()) {
        let input: String = pieces.iter().map(|(s, _)| s.as_str()).collect();
        let out = sanitize(&input);
        prop_assert_eq!(width(&out), char_widths(&out), "{:?}", out);
        prop_assert_eq!(width(&out), drawn_width(&out), "{:?}", out);
    }

    #[test]
    fn any_string_at_all(s in any::<String>()) {
        let out = sanitize(&s);
        prop_assert!(!out.chars().any(mtafit_model::text::is_unsafe), "{:?}", out);
        prop_assert_eq!(sanitize(&out), out.clone(), "sanitize is idempotent");
        prop_assert_eq!(width(&out), char_widths(&out), "{:?}", out);
        prop_assert_eq!(width(&out), drawn_width(&out), "{:?}", out);
    }
}

/// Text a terminal shows as written: letters of many scripts with combining marks (not the
/// grapheme joiner U+034F, which draws nothing), wide letters, and emoji that are one
/// character each, alone or as a flag's pair.
fn shown_as_written() -> impl Strategy<Value = String> {
    let letter = prop_oneof![
        "[a-zA-Z0-9 .,;:()/-]",
        "[àéîõüçñßøåæœ]",
        "[αβγδεζηθλμπσω]",
        "[абвгдежзиклмн]",
        "[אבגדהוזחטיכלמ]",
        "[ابتثجحخدذرزسش]",
        "[郵便配達日本語中文한국어]",
    ];
    let marked =
        (letter.clone(), "[\u{300}-\u{34E}\u{350}-\u{36F}]{0,2}").prop_map(|(l, m)| l + &m);
    let emoji = prop::sample::select(vec!["📧", "📨", "🚀", "🐻", "✉", "☕", "🇫🇷", "🇯🇵", "😀"])
        .prop_map(str::to_owned);
    proptest::collection::vec(prop_oneof![3 => letter, 2 => marked, 1 => emoji], 0..30)
        .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn combining_marks_and_single_emoji_are_kept(s in shown_as_written()) {
        let out = sanitize(&s);
        prop_assert!(matches!(out, std::borrow::Cow::Borrowed(_)), "{:?} was changed to {:?}", s, out);
        prop_assert_eq!(width(&out), char_widths(&out), "{:?}", out);
        prop_assert_eq!(width(&out), drawn_width(&out), "{:?}", out);
    }
}

proptest! {
    /// ASCII text, controls included, is measured as ratatui draws it (the fast path).
    #[test]
    fn ascii_is_measured_as_it_is_drawn(s in "[\\x00-\\x7f]{0,40}") {
        prop_assert_eq!(mtafit_model::text::width(&s), drawn_width(&s), "{:?}", s);
    }
}
