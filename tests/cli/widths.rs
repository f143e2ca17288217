//! Table output fits the terminal: `COLUMNS` when set, else the natural width for a pipe.

use crate::common::{mtafit, stderr, stdout};
use unicode_width::UnicodeWidthStr;

/// The built-in profiles, so every shape of output is laid out.
const PROFILES: [&str; 7] = [
    "brief-7.4m",
    "esp-enough",
    "high-volume-no-licence",
    "powermta-licence",
    "policy-and-filtering",
    "external-queue",
    "bundled-marketing",
];

/// The commands whose tables follow the width.
const COMMANDS: [&[&str]; 7] = [
    &["rank"],
    &["rank", "--top", "3"],
    &["walk"],
    &["show", "ses"],
    &["cost"],
    &["path"],
    &["sensitivity"],
];

/// Standard output of `args` with `COLUMNS` set to `columns` (or unset).
fn at(columns: Option<&str>, args: &[&str]) -> String {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = mtafit(home.path());
    if let Some(c) = columns {
        cmd.env("COLUMNS", c);
    }
    let out = cmd.args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn widest(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

#[test]
fn at_80_columns_no_line_of_any_table_is_wider_than_80() {
    for profile in PROFILES {
        for command in COMMANDS {
            let args = [command, &["--profile", profile]].concat();
            let text = at(Some("80"), &args);
            for line in text.lines() {
                assert!(
                    line.width() <= 80,
                    "{args:?}: {} columns\n{line}\n\n{text}",
                    line.width()
                );
            }
        }
    }
}

#[test]
fn at_80_columns_nothing_is_lost() {
    // Wrapped, not cut: every word of the natural output is still there, in order.
    for command in COMMANDS {
        let wide = at(None, command);
        let narrow = at(Some("80"), command);
        let words = |t: &str| t.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        if command[0] == "rank" {
            // The narrow table leaves out columns (the volume band, the unasked factors'
            // dots); the rest of its words are kept.
            assert!(narrow.contains("Why Postfix leads") && narrow.contains("[1] PowerMTA"));
            continue;
        }
        if command[0] == "show" {
            // URLs broken across lines are whole once joined.
            let joined: String = narrow.split_whitespace().collect();
            let whole: String = wide.split_whitespace().collect();
            assert_eq!(joined, whole, "{command:?}");
            continue;
        }
        assert_eq!(words(&narrow), words(&wide), "{command:?}");
    }
}

#[test]
fn a_wide_terminal_gets_long_lines_and_a_pipe_the_natural_width() {
    // At 200 the long sentences and the fact sheet use the room.
    for command in [
        &["rank"][..],
        &["show", "ses"],
        &["walk", "--profile", "esp-enough"],
    ] {
        let w = widest(&at(Some("200"), command));
        assert!(w > 100 && w <= 200, "{command:?}: {w}");
    }
    // Without COLUMNS and piped, nothing is wrapped: the rank table keeps its long lines,
    // every factor column and the volume band.
    let natural = at(None, &["rank"]);
    assert!(widest(&natural) > 200, "{natural}");
    assert!(natural.contains("Volume band"));
    assert_eq!(at(Some("not a number"), &["rank"]), natural);
    // At 80 the table gives up columns it can spare, rather than wrap its rows.
    let narrow = at(Some("80"), &["rank"]);
    let header = narrow
        .lines()
        .find(|l| l.starts_with(" #  Engine"))
        .unwrap();
    assert!(
        !header.contains("Volume band") && !header.contains("cloud"),
        "{narrow}"
    );
    assert!(narrow.contains("\n 1  Postfix"), "{narrow}");
}
