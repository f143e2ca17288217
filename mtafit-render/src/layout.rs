//! Text laid out for a width: the command line's tables and sentences fitted to the terminal
//! they are printed on. The front end decides the width; nothing here asks the terminal.

use textwrap::core::display_width;

/// The width prose wraps at when the output has no width of its own (a file or a pipe): what the
/// sentences were written to read well at.
pub const PROSE: usize = 96;

/// The narrowest width anything is laid out for: below it, text wraps as if it had this many
/// columns, since fewer leave no room for a word after an indent.
pub const NARROWEST: usize = 20;

/// The column prose wraps at: the output's width, or [`PROSE`] for the natural width.
pub fn prose(width: Option<usize>) -> usize {
    width.map_or(PROSE, |w| w.max(NARROWEST))
}

/// `text` with every line wider than `width` wrapped at spaces, each continuation indented to
/// where the line's last column of text starts (a reason, a why, a cell after its label), so
/// the continuation reads under it; a word longer than the room left (a URL) is broken. `None`,
/// the natural width, leaves every line whole.
pub fn fit(text: &str, width: Option<usize>) -> String {
    let Some(width) = width else {
        return text.to_owned();
    };
    let width = width.max(NARROWEST);
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        if display_width(body) <= width {
            out.push_str(line);
            continue;
        }
        out.push_str(&wrap(body, hanging(body, width), width));
        out.push_str(end);
    }
    out
}

/// One line (without its newline) of text: as it is when it fits `width`, else wrapped with
/// its continuations `indent` columns in.
pub fn hang(line: &str, indent: usize, width: Option<usize>) -> String {
    match width {
        Some(w) if display_width(line) > w.max(NARROWEST) => {
            let w = w.max(NARROWEST);
            wrap(
                line,
                if indent + NARROWEST / 2 > w {
                    0
                } else {
                    indent
                },
                w,
            )
        }
        _ => line.to_owned(),
    }
}

/// `line` wrapped at `width` with its continuations `indent` columns in.
fn wrap(line: &str, indent: usize, width: usize) -> String {
    let pad = " ".repeat(indent);
    let opts = textwrap::Options::new(width)
        .subsequent_indent(&pad)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    textwrap::wrap(line, opts).join("\n")
}

/// `label` then `items` joined by `sep` on one line, or, when that is wider than `width`, on as
/// many lines as it takes, broken only between items and each continuation under the first
/// item; a line ends in a newline.
pub fn items(label: &str, items: &[String], sep: &str, width: Option<usize>) -> String {
    let one = format!("{label}{}", items.join(sep));
    match width {
        Some(w) if display_width(&one) > w => {}
        _ => return one + "\n",
    }
    let width = width.unwrap_or_default();
    let pad = " ".repeat(display_width(label));
    let mut out = String::new();
    let mut line = label.to_owned();
    for (i, item) in items.iter().enumerate() {
        let last = i + 1 == items.len();
        let piece = if last {
            item.clone()
        } else {
            format!("{item}{}", sep.trim_end())
        };
        let starts = line.trim_end().len() == label.trim_end().len() || line == pad;
        if !starts && display_width(&line) + 1 + display_width(&piece) > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = pad.clone();
        } else if !starts {
            line.push(' ');
        }
        line.push_str(&piece);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// Where a wrapped line's continuations start: after a footnote's `[n] `, else at the start of
/// the last column of text (text after two spaces) in the line's first half, else two columns
/// past the line's own indent.
fn hanging(line: &str, width: usize) -> usize {
    let plain = strip_escapes(line);
    let lead = plain.chars().take_while(|c| *c == ' ').count();
    let rest = &plain[lead..];
    if let Some(close) = rest.strip_prefix('[').and_then(|r| r.find("] "))
        && rest[1..=close].chars().all(|c| c.is_ascii_digit())
    {
        return lead + close + 3;
    }
    let mut col = 0;
    let mut spaces = 0;
    let mut found = None;
    for c in plain.chars() {
        if c == ' ' {
            spaces += 1;
        } else {
            if spaces >= 2 && col > lead && col <= width / 2 {
                found = Some(col);
            }
            spaces = 0;
        }
        col += display_width(c.encode_utf8(&mut [0; 4]));
    }
    let h = found.unwrap_or(lead + 2);
    // Leave a continuation room for a few words.
    if h + NARROWEST / 2 > width { 0 } else { h }
}

/// `line` without the ANSI escape sequences that colour it.
fn strip_escapes(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // A CSI sequence ends at its first letter.
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widest(text: &str) -> usize {
        text.lines().map(display_width).max().unwrap_or(0)
    }

    #[test]
    fn the_natural_width_leaves_lines_whole() {
        let long = "word ".repeat(60);
        assert_eq!(fit(&long, None), long);
    }

    #[test]
    fn a_long_line_wraps_under_its_last_column() {
        let line = format!(
            "  Volume          33.3  {}\n",
            "inside the band ".repeat(10)
        );
        let out = fit(&line, Some(80));
        assert!(widest(&out) <= 80, "{out}");
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() > 1 && lines[0].starts_with("  Volume          33.3  inside"));
        for l in &lines[1..] {
            assert!(
                l.starts_with(&" ".repeat(24)) && !l.starts_with(&" ".repeat(25)),
                "{out}"
            );
        }
        assert!(out.ends_with('\n'));
    }

    #[test]
    fn a_footnote_hangs_after_its_number_and_a_url_is_broken() {
        let out = fit(
            &format!("[12] Exim: {}", "beyond the band ".repeat(8)),
            Some(40),
        );
        assert!(
            out.lines()
                .skip(1)
                .all(|l| l.starts_with("     ") && !l.starts_with("      ")),
            "{out}"
        );
        let url = format!("  sources  https://example.com/{}", "a".repeat(120));
        let out = fit(&url, Some(50));
        assert!(widest(&out) <= 50, "{out}");
    }

    #[test]
    fn colour_does_not_count_and_lines_that_fit_are_kept_as_they_are() {
        let text = "\x1b[1mshort\x1b[0m\n  two  spaces\n";
        assert_eq!(fit(text, Some(20)), text);
        assert_eq!(
            hanging("\x1b[2m    Stalwart        a mailbox server", 80),
            20
        );
    }

    #[test]
    fn items_break_between_items_only() {
        let items: Vec<String> = [
            "volume 10",
            "budget 8",
            "cloud_native 4 (not asked)",
            "reversibility 2",
        ]
        .map(str::to_owned)
        .to_vec();
        assert_eq!(
            items_text(&items, None),
            "Weights  volume 10 · budget 8 · cloud_native 4 (not asked) · reversibility 2\n"
        );
        assert_eq!(
            items_text(&items, Some(40)),
            "Weights  volume 10 · budget 8 ·\n         cloud_native 4 (not asked) ·\n         reversibility 2\n"
        );
    }

    fn items_text(items: &[String], width: Option<usize>) -> String {
        super::items("Weights  ", items, " · ", width)
    }

    #[test]
    fn any_width_is_kept_to_unless_it_is_too_narrow_for_a_word() {
        let text =
            "Weights  volume 10 · budget 8 · team 7 · cloud_native 4 (not asked) · support 4";
        for w in NARROWEST..90 {
            assert!(widest(&fit(text, Some(w))) <= w, "{w}");
        }
        assert!(widest(&fit(text, Some(3))) <= NARROWEST);
    }
}
