//! Properties of `measure`: no input makes it panic, and cutting a log into chunks anywhere,
//! finished in any order, gives the same counts as reading it whole.

use crate::loggen;

use mtafit_measure::detect::{Dialect, LogFormat};
use mtafit_measure::merge::{InputMerge, Totals, YearRule};
use mtafit_measure::tally::Tally;
use mtafit_measure::{Meter, Options, Source, scan};
use proptest::prelude::*;
use std::sync::Arc;

/// Pieces of real log lines, so random input often looks like a log and reaches the parsers.
const PIECES: &[&str] = &[
    "Nov 28 06:34:30 mx1 postfix/smtp[1]: ",
    "Dec 31 23:59:59 mx1 postfix/qmgr[2]: ",
    "Jan  1 00:00:01 mx1 postfix/qmgr[2]: ",
    "2025-11-28T06:34:30.418273+01:00 mx1 postfix/smtp[1]: ",
    "2025-11-28T06:34:30+0100 mx1 postfix/lmtp[1]: ",
    "3F2A81C0B4E: ",
    "to=<alice@example.net>, ",
    "relay=mx.example.net[198.51.100.25]:25, ",
    "relay=127.0.0.1[127.0.0.1]:10025, ",
    "status=sent (250 ok)",
    "status=deferred",
    "status=",
    "from=<>, size=1",
    "from=<a@b>, status=expired, returned to sender",
    "removed",
    ": removed",
    ": from=<>,",
    "2025-11-28 06:34:29 1tQ2aB-00000000XyZ-3AbC => a@example.net R=x",
    " Completed",
    "sendmail[4]: 5ASBYTa1004410: to=<a@b>,<c@d>, mailer=esmtp, stat=Sent",
    "{\"type\":\"Delivery\",\"recipient\":\"a@b\",\"timestamp\":1764311669}",
    "type,timeLogged,orig,rcpt\n",
    "d,2025-11-28 06:34:31+0000,a@b,c@d",
    "\n",
    "\r\n",
    "\u{1b}[31m",
    "\u{0}",
    "é",
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

fn measure_file(
    bytes: &[u8],
    format: Option<LogFormat>,
) -> Result<mtafit_measure::Measured, mtafit_measure::MeasureError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mail.log");
    std::fs::write(&path, bytes).unwrap();
    let opts = Options {
        format,
        envelope: None,
        year: None,
        threads: 2,
        mmap: true,
        host: None,
    };
    mtafit_measure::measure(&[Source::Path(path)], &opts, &Arc::new(Meter::default()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_bytes_give_a_report_or_an_error_never_a_panic(bytes in loggy(), forced in 0usize..6) {
        let format = LogFormat::ALL.get(forced).copied();
        match measure_file(&bytes, format) {
            Ok(m) => {
                let r = m.report;
                // What the report adds up to holds whatever the input.
                let per_day: u64 = r.per_day.iter().map(|d| d.sent).sum();
                prop_assert_eq!(per_day, r.sent);
                prop_assert!(r.top_domains.iter().map(|d| d.sent).sum::<u64>() <= r.sent);
                prop_assert!(r.messages_sent <= r.sent);
                prop_assert!(r.notifications <= r.sent);
                prop_assert!(r.unparsed_examples.len() as u64 <= r.unparsed);
                for e in &r.unparsed_examples {
                    prop_assert!(!e.text.chars().any(|c| c.is_control()), "{:?}", e.text);
                }
            }
            Err(e) => prop_assert!(e.to_string().contains("mail.log"), "the error names the file: {}", e),
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        for format in [None, Some(LogFormat::Postfix), Some(LogFormat::Powermta)] {
            let _ = measure_file(&bytes, format);
        }
    }
}

/// A generated log's counts when scanned as the chunks cut at `cuts` (line starts), finished
/// in the order `order` gives.
fn chunked(format: LogFormat, log: &[u8], cuts: &[usize], order: &[usize]) -> Totals {
    chunked_in(format, log, cuts, order, YearRule::First(2025))
}

/// [`chunked`] with the years of syslog dates given by `rule`.
fn chunked_in(
    format: LogFormat,
    log: &[u8],
    cuts: &[usize],
    order: &[usize],
    rule: YearRule,
) -> Totals {
    let dialect = Dialect::new(format, &log[..log.len().min(64 << 10)]);
    let mut bounds = vec![0];
    bounds.extend_from_slice(cuts);
    bounds.push(log.len());
    let tallies: Vec<Tally> = bounds
        .windows(2)
        .map(|w| {
            let mut t = Tally::default();
            let last = w[1] == log.len();
            scan::scan(dialect.lines(), &log[w[0]..w[1]], w[0] as u64, last, &mut t);
            t
        })
        .collect();
    let mut totals = Totals::default();
    let mut merge = InputMerge::new(0, rule);
    let mut slots: Vec<Option<Tally>> = tallies.into_iter().map(Some).collect();
    for &i in order {
        if let Some(t) = slots[i].take() {
            merge.add(i, t, &mut totals, drop);
        }
    }
    for (i, slot) in slots.iter_mut().enumerate() {
        if let Some(t) = slot.take() {
            merge.add(i, t, &mut totals, drop);
        }
    }
    merge.finish(&mut totals);
    totals
}

/// What must not depend on the cutting.
#[derive(Debug, PartialEq)]
struct Summary {
    counts: String,
    days: Vec<(i32, [u64; 3])>,
    domains: Vec<(String, u64)>,
    messages: u64,
    notifications: u64,
    first: Option<i64>,
}

fn summary(t: Totals) -> Summary {
    let c = t.counts;
    let mut domains: Vec<(String, u64)> = t
        .domains
        .into_iter()
        .map(|(d, n)| (String::from_utf8_lossy(&d).into_owned(), n))
        .collect();
    domains.sort();
    let first = t.first.map(|w| w.utc);
    let lives = t.lives.finish();
    Summary {
        counts: format!(
            "sent {} deferred {} bounced {} expired {} hops {} local {} probes {} unparsed {}",
            c.sent, c.deferred, c.bounced, c.expired, c.filter_hops, c.local, c.probes, c.unparsed
        ),
        days: t.days.into_iter().collect(),
        domains,
        messages: lives.messages,
        notifications: lives.notifications,
        first,
    }
}

fn line_starts(log: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', log).map(|i| i + 1))
        .filter(|&i| i < log.len())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn cutting_a_log_anywhere_changes_nothing(
        seed in 1u64..1000,
        which in 0usize..8,
        picks in prop::collection::vec(any::<prop::sample::Index>(), 0..12),
        order in prop::collection::vec(any::<prop::sample::Index>(), 0..14),
        at_new_year in any::<bool>(),
    ) {
        let format = loggen::Format::ALL[which];
        let opts = loggen::Options {
            seed,
            messages: 300,
            start: (2025, 12, 20),
            days: 20,
            traps: true,
            ..loggen::Options::default()
        };
        let mut log = Vec::new();
        loggen::generate(format, &opts, &mut log).unwrap();
        let ours = mtafit_measure::detect::detect(&log).expect("a generated log is recognised");
        let starts = line_starts(&log);
        let mut cuts: Vec<usize> = picks.iter().map(|p| starts[p.index(starts.len())]).filter(|&c| c > 0).collect();
        if at_new_year {
            // The cut that tests the year carried between chunks: right before New Year's
            // first line.
            if let Some(i) = memchr::memmem::find(&log, b"\nJan ") {
                cuts.push(i + 1);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let n = cuts.len() + 1;
        let order: Vec<usize> = order.iter().map(|i| i.index(n)).collect();
        let whole = summary(chunked(ours, &log, &[], &[]));
        let cut = summary(chunked(ours, &log, &cuts, &order));
        prop_assert_eq!(whole, cut, "{:?} cut at {:?}", format, cuts);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// A log through February 29th of 2024, read as 2024 and as 2025 (as `--year` would):
    /// wherever it is cut, in 2024 the leap day is a day like the others, and in 2025 its
    /// delivery lines are unreadable, as February 30th's are, and nothing moves to March 1st.
    #[test]
    fn a_leap_day_is_read_the_same_wherever_the_log_is_cut(
        seed in 1u64..1000,
        classic in any::<bool>(),
        picks in prop::collection::vec(any::<prop::sample::Index>(), 0..12),
        order in prop::collection::vec(any::<prop::sample::Index>(), 0..14),
    ) {
        let format = if classic {
            loggen::Format::Postfix(loggen::Stamp::Classic)
        } else {
            loggen::Format::Sendmail
        };
        let opts = loggen::Options {
            seed,
            messages: 300,
            start: (2024, 2, 27),
            days: 4,
            ..loggen::Options::default()
        };
        let mut log = Vec::new();
        loggen::generate(format, &opts, &mut log).unwrap();
        let ours = mtafit_measure::detect::detect(&log).expect("a generated log is recognised");
        let starts = line_starts(&log);
        let mut cuts: Vec<usize> = picks.iter().map(|p| starts[p.index(starts.len())]).filter(|&c| c > 0).collect();
        // Cut where the leap day begins and ends, too.
        for day in [&b"\nFeb 29 "[..], b"\nMar  1 "] {
            if let Some(i) = memchr::memmem::find(&log, day) {
                cuts.push(i + 1);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let n = cuts.len() + 1;
        let order: Vec<usize> = order.iter().map(|i| i.index(n)).collect();
        let date = |y, m, d| mtafit_model::calendar::days_from_civil(y, m, d);
        let leap = summary(chunked_in(ours, &log, &[], &[], YearRule::First(2024)));
        let sent_on = |s: &Summary, day: i32| s.days.iter().find(|(d, _)| *d == day).map_or(0, |(_, c)| c[0]);
        let on_leap_day = sent_on(&leap, date(2024, 2, 29));
        prop_assert!(on_leap_day > 0, "the log has a February 29th");
        let cut_leap = summary(chunked_in(ours, &log, &cuts, &order, YearRule::First(2024)));
        prop_assert_eq!(&leap, &cut_leap, "2024, cut at {:?}", cuts);
        let common = summary(chunked_in(ours, &log, &[], &[], YearRule::First(2025)));
        let cut_common = summary(chunked_in(ours, &log, &cuts, &order, YearRule::First(2025)));
        prop_assert_eq!(&common, &cut_common, "2025, cut at {:?}", cuts);
        // March 1st of 2025 holds March 1st's lines only.
        prop_assert_eq!(sent_on(&common, date(2025, 3, 1)), sent_on(&leap, date(2024, 3, 1)));
        let total = |s: &Summary| s.days.iter().map(|(_, c)| c[0]).sum::<u64>();
        prop_assert_eq!(total(&common), total(&leap) - on_leap_day);
    }
}
