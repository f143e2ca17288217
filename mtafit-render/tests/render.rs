//! The presentation layer for any input: whatever a log holds, its report is worded without a
//! panic and without a control character reaching the terminal.

use mtafit_measure::{Meter, Options, Source};
use proptest::prelude::*;
use std::sync::Arc;

/// Pieces of real log lines, so random input often reaches the parsers and the report's notes.
const PIECES: &[&str] = &[
    "Nov 28 06:34:30 mx1 postfix/smtp[1]: ",
    "2025-11-28T06:34:30.418273+01:00 mx1 postfix/smtp[1]: ",
    "3F2A81C0B4E: ",
    "to=<alice@example.net>, ",
    "relay=mx.example.net[198.51.100.25]:25, ",
    "status=sent (250 ok)",
    "status=deferred",
    "from=<a@b>, status=expired, returned to sender",
    ": removed",
    "2025-11-28 06:34:29 1tQ2aB-00000000XyZ-3AbC => a@example.net R=x",
    "{\"type\":\"Delivery\",\"recipient\":\"a@b\",\"timestamp\":1764311669}",
    "\n",
    "\u{1b}[31m",
    "\u{9b}2J",
    "\u{202e}",
];

fn loggy() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(PIECES).prop_map(|p| p.as_bytes().to_vec()),
            1 => prop::collection::vec(any::<u8>(), 0..40),
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_report_is_worded_without_terminal_controls(bytes in loggy()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mail.log");
        std::fs::write(&path, &bytes).unwrap();
        let opts = Options { format: None, envelope: None, year: None, threads: 2, mmap: true, host: None };
        if let Ok(m) = mtafit_measure::measure(&[Source::Path(path)], &opts, &Arc::new(Meter::default())) {
            let text = mtafit_render::measure::table(&m.report);
            prop_assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "a control character in {text:?}"
            );
        }
    }
}
