//! Writes realistic mixed mail logs whose true counts are known by construction.
//!
//! The generator decides every line's outcome before writing it, and counts it the way
//! docs/measuring.md says a reader must, so [`Truth`] is the contract's answer for the log.
//! It is included as a module by tests (`mod loggen;`) and by `examples/genlog.rs`.
#![allow(dead_code)]
// Recipients and their outcomes are parallel arrays indexed together.
#![allow(clippy::needless_range_loop)]

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap, VecDeque};
use std::io::{self, Write};

/// A log dialect the generator writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Postfix through syslog, with one of its timestamp dialects.
    Postfix(Stamp),
    /// Exim main log, 23-character message IDs.
    Exim,
    /// Sendmail through syslog (classic timestamps).
    Sendmail,
    /// KumoMTA JSON log records.
    KumoMta,
    /// PowerMTA accounting CSV.
    PowerMta,
}

/// Timestamp dialect of a Postfix log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stamp {
    /// `Dec  3 11:02:47`, syslog: day space-padded, no year.
    Classic,
    /// `Dec 03 11:02:47`, Postfix's own `maillog_file`.
    ClassicZeroPadded,
    /// `2025-12-03T11:02:47.418273+01:00`, rsyslog.
    Rfc3339,
    /// `2025-12-03T11:02:47+0000`, `journalctl -o short-iso` (no colon in the offset).
    ShortIso,
}

impl Format {
    /// Every format and Postfix dialect, for tests that cover them all.
    pub const ALL: [Format; 8] = [
        Format::Postfix(Stamp::Classic),
        Format::Postfix(Stamp::ClassicZeroPadded),
        Format::Postfix(Stamp::Rfc3339),
        Format::Postfix(Stamp::ShortIso),
        Format::Exim,
        Format::Sendmail,
        Format::KumoMta,
        Format::PowerMta,
    ];

    /// Reads a name as printed by [`Format::name`]; `postfix` alone is the classic dialect.
    pub fn parse(s: &str) -> Option<Format> {
        if s == "postfix" {
            return Some(Format::Postfix(Stamp::Classic));
        }
        Format::ALL.into_iter().find(|f| f.name() == s)
    }

    /// Short name, as accepted by `genlog --format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Postfix(Stamp::Classic) => "postfix-classic",
            Format::Postfix(Stamp::ClassicZeroPadded) => "postfix-zero",
            Format::Postfix(Stamp::Rfc3339) => "postfix-rfc3339",
            Format::Postfix(Stamp::ShortIso) => "postfix-shortiso",
            Format::Exim => "exim",
            Format::Sendmail => "sendmail",
            Format::KumoMta => "kumomta",
            Format::PowerMta => "powermta",
        }
    }

    /// The name `mtafit measure` reports for logs of this format.
    pub fn family(self) -> &'static str {
        match self {
            Format::Postfix(_) => "postfix",
            Format::Exim => "exim",
            Format::Sendmail => "sendmail",
            Format::KumoMta => "kumomta",
            Format::PowerMta => "powermta",
        }
    }

    /// Whether timestamps carry no year, so a reader needs `--year` or the file's mtime.
    pub fn yearless(self) -> bool {
        matches!(
            self,
            Format::Postfix(Stamp::Classic | Stamp::ClassicZeroPadded) | Format::Sendmail
        )
    }
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct Options {
    /// Same seed, same bytes.
    pub seed: u64,
    /// Messages submitted over the window (ignored when `target_bytes` is set).
    pub messages: u64,
    /// Write about this many bytes instead of a message count.
    pub target_bytes: Option<u64>,
    /// First day of the window, (year, month, day), in the log's local time.
    pub start: (i32, u32, u32),
    /// Length of the window; nothing is written after it ends.
    pub days: u32,
    /// Add the traps of research §3: look-alike status lines, Latin-1, a 64 KiB line,
    /// unreadable delivery lines, a cut last line.
    pub traps: bool,
    /// The arrival rate grows by this share every mean month (0.06 for +6 %), compounded
    /// continuously; `messages` is still the expected total over the window.
    pub growth_per_month: f64,
    /// The syslog host field of every line; another host also gets other queue ids, as two
    /// real machines do.
    pub host: &'static str,
}

impl Options {
    /// Unix seconds of the window's end read as UTC: a file mtime that dates a yearless log.
    pub fn end_unix(&self) -> i64 {
        (days_from_civil(self.start.0, self.start.1, self.start.2) + i64::from(self.days.max(1)))
            * DAY
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date.
pub fn day_number(date: &str) -> i64 {
    let p = |r: std::ops::Range<usize>| date[r].parse::<u32>().expect("YYYY-MM-DD");
    days_from_civil(p(0..4) as i32, p(5..7), p(8..10))
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: 1,
            messages: 10_000,
            target_bytes: None,
            start: (2025, 11, 1),
            days: 30,
            traps: false,
            growth_per_month: 0.0,
            host: "mx1",
        }
    }
}

/// The true counts of a generated log, as defined in docs/measuring.md.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Truth {
    /// `measure`'s name for the format.
    pub format: &'static str,
    /// Recipient deliveries to another host.
    pub sent: u64,
    /// Deferral attempts, per recipient.
    pub deferred: u64,
    /// Permanent failures, per recipient.
    pub bounced: u64,
    /// Postfix messages or KumoMTA recipients given up at the end of the queue lifetime.
    pub expired: u64,
    /// Distinct messages with a `sent` recipient (`sent` for KumoMTA and PowerMTA).
    pub messages_sent: u64,
    /// Of `sent`, deliveries of bounce notifications (null sender).
    pub notifications: u64,
    /// Deliveries to a loopback relay (content filters), any status.
    pub filter_hops: u64,
    /// Deliveries to local mailboxes or programs, any status.
    pub local: u64,
    /// Postfix address-verification probes.
    pub probes: u64,
    /// Delivery-looking lines that cannot be read.
    pub unparsed: u64,
    /// Time of the first counted line, `YYYY-MM-DDTHH:MM:SS` local time as written.
    pub first: String,
    /// Time of the last counted line.
    pub last: String,
    /// `last − first` in seconds.
    pub span_seconds: i64,
    /// Every date from `first` to `last`: (sent, deferred, bounced).
    pub per_day: BTreeMap<String, (u64, u64, u64)>,
    /// `sent` per lower-cased recipient domain.
    pub domains: BTreeMap<String, u64>,
    /// `(sent − notifications) × 30 / days`, a span under an hour counting as an hour.
    pub monthly_volume: u64,
    /// Lines written (a cut last line counts).
    pub lines: u64,
    /// Bytes written.
    pub bytes: u64,
    /// Postfix lines holding `status=sent`: what `grep -c` counts when there are no traps.
    pub status_sent_lines: u64,
    /// Messages submitted (notifications and content-filter re-entries not included).
    pub messages: u64,
    /// Year of the first line: what `measure --year` takes for yearless logs.
    pub first_line_year: i32,
}

impl Truth {
    /// `last − first` in days, two decimals, as `measure` prints it.
    pub fn days(&self) -> f64 {
        (self.span_seconds as f64 / 86400.0 * 100.0).round() / 100.0
    }

    /// A time for JSON: null when no line was counted.
    pub fn when(t: &str) -> serde_json::Value {
        if t.is_empty() {
            serde_json::Value::Null
        } else {
            t.into()
        }
    }

    /// Every domain with `sent`, most first, ties by name.
    pub fn domains_by_sent(&self) -> Vec<(String, u64)> {
        let mut v: Vec<(String, u64)> = self
            .domains
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(d, n)| (d.clone(), *n))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    }

    /// The ten domains with most `sent`, ties by name.
    pub fn top_domains(&self) -> Vec<(String, u64)> {
        let mut v = self.domains_by_sent();
        v.truncate(10);
        v
    }

    /// The same field names as `mtafit measure --format json`, plus a `generator` object.
    pub fn to_json(&self) -> serde_json::Value {
        let per_day: Vec<serde_json::Value> = self
            .per_day
            .iter()
            .map(|(d, (s, f, b))| {
                serde_json::json!({"date": d, "sent": s, "deferred": f, "bounced": b})
            })
            .collect();
        let top: Vec<serde_json::Value> = self
            .top_domains()
            .into_iter()
            .map(|(d, n)| serde_json::json!({"domain": d, "sent": n}))
            .collect();
        serde_json::json!({
            "format": self.format,
            "first": Self::when(&self.first),
            "last": Self::when(&self.last),
            "days": self.days(),
            "sent": self.sent,
            "deferred": self.deferred,
            "bounced": self.bounced,
            "expired": self.expired,
            "messages_sent": self.messages_sent,
            "notifications": self.notifications,
            "filter_hops": self.filter_hops,
            "local": self.local,
            "probes": self.probes,
            "unparsed": self.unparsed,
            "monthly_volume": self.monthly_volume,
            "per_day": per_day,
            "top_domains": top,
            "generator": {
                "lines": self.lines,
                "bytes": self.bytes,
                "messages": self.messages,
                "first_line_year": self.first_line_year,
            },
        })
    }
}

/// Writes a log of `format` to `out` and returns its true counts.
pub fn generate(format: Format, opts: &Options, out: &mut impl Write) -> io::Result<Truth> {
    let mut opts = opts.clone();
    let mut target = None;
    if let Some(bytes) = opts.target_bytes {
        // A short run without output gives bytes per message for this format and window.
        let mut probe = opts.clone();
        probe.target_bytes = None;
        probe.messages = 20_000;
        probe.traps = false;
        let t = Gen::new(format, &probe, &mut io::sink()).run()?;
        let per = t.bytes as f64 / t.messages.max(1) as f64;
        let n = bytes as f64 / per;
        // Arrive a little faster than the estimate needs (its error is about 0.5 %, a
        // Poisson count's 1/√n), so the size, not the window's end, stops the run.
        opts.messages = (n * (1.015 + 3.0 / n.max(1.0).sqrt())) as u64 + 1;
        target = Some(bytes);
    }
    let mut g = Gen::new(format, &opts, out);
    if target.is_some() {
        g.target = target;
        g.to_arrive = u64::MAX;
    }
    g.run()
}

// ---------------------------------------------------------------------------------------
// Time: microseconds since 1970 of the naive local time as written in the log.

const US: i64 = 1_000_000;
const DAY: i64 = 86_400;
/// A mean month in microseconds.
const MONTH_US: f64 = 365.2425 / 12.0 * 86_400.0 * 1e6;
const LIFETIME: i64 = 5 * DAY * US;

// Calendar arithmetic is mtafit's own (`calendar`, tested there on its own): the truth's dates
// must not hide a second copy of it.
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    i64::from(mtafit_model::calendar::days_from_civil(y, m, d))
}

fn civil(z: i64) -> (i32, u32, u32) {
    mtafit_model::calendar::civil_from_days(z as i32)
}

fn date_string(day: i64) -> String {
    let (y, m, d) = civil(day);
    format!("{y:04}-{m:02}-{d:02}")
}

fn time_string(sec: i64) -> String {
    let s = sec.rem_euclid(DAY);
    format!(
        "{}T{:02}:{:02}:{:02}",
        date_string(sec.div_euclid(DAY)),
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

const MONTHS: [&[u8; 3]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];

// ---------------------------------------------------------------------------------------
// Small helpers that write into a byte buffer without allocating.

fn num(b: &mut Vec<u8>, mut v: u64) {
    let mut tmp = [0u8; 20];
    let mut i = tmp.len();
    loop {
        i -= 1;
        tmp[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    b.extend_from_slice(&tmp[i..]);
}

fn two(b: &mut Vec<u8>, v: u32) {
    b.push(b'0' + (v / 10 % 10) as u8);
    b.push(b'0' + (v % 10) as u8);
}

fn hex(b: &mut Vec<u8>, v: u64, digits: u32) {
    const H: &[u8; 16] = b"0123456789ABCDEF";
    for i in (0..digits).rev() {
        b.push(H[((v >> (4 * i)) & 15) as usize]);
    }
}

fn base62(b: &mut Vec<u8>, mut v: u64, digits: usize) {
    const A: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut tmp = [b'0'; 16];
    for i in (0..digits).rev() {
        tmp[i] = A[(v % 62) as usize];
        v /= 62;
    }
    b.extend_from_slice(&tmp[..digits]);
}

/// Hundredths of a second the way Postfix prints `delay=`: about two significant digits.
fn hund(b: &mut Vec<u8>, v: u32) {
    if v == 0 {
        b.push(b'0');
    } else if v >= 1000 {
        num(b, u64::from((v + 50) / 100));
    } else {
        num(b, u64::from(v / 100));
        let f = v % 100;
        if f != 0 {
            b.push(b'.');
            if f.is_multiple_of(10) {
                b.push(b'0' + (f / 10) as u8);
            } else {
                two(b, f);
            }
        }
    }
}

/// `HH:MM:SS`, with `D+` past a day, as Sendmail prints delays.
fn hms(b: &mut Vec<u8>, secs: i64) {
    let s = secs.max(0);
    if s >= DAY {
        num(b, (s / DAY) as u64);
        b.push(b'+');
    }
    let s = s % DAY;
    two(b, (s / 3600) as u32);
    b.push(b':');
    two(b, (s / 60 % 60) as u32);
    b.push(b':');
    two(b, (s % 60) as u32);
}

fn json_str(b: &mut Vec<u8>, s: &[u8], utf8: bool) {
    b.push(b'"');
    for &c in s {
        match c {
            b'"' => b.extend_from_slice(b"\\\""),
            b'\\' => b.extend_from_slice(b"\\\\"),
            0..=0x1f => {
                b.extend_from_slice(b"\\u00");
                hex(b, u64::from(c), 2);
            }
            // Bytes above ASCII are Latin-1 letters; JSON needs them as characters.
            0x80.. if utf8 => b.extend_from_slice(&[0xc0 | (c >> 6), 0x80 | (c & 0x3f)]),
            0x80.. => {
                b.extend_from_slice(b"\\u00");
                hex(b, u64::from(c), 2);
            }
            _ => b.push(c),
        }
    }
    b.push(b'"');
}

fn csv_field(b: &mut Vec<u8>, s: &[u8]) {
    if s.iter().any(|&c| c == b',' || c == b'"' || c == b'\n') {
        b.push(b'"');
        for &c in s {
            if c == b'"' {
                b.push(b'"');
            }
            b.push(c);
        }
        b.push(b'"');
    } else {
        b.extend_from_slice(s);
    }
}

/// splitmix64: tiny, fast, and the same on every platform.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }
    /// True with probability `bp` / 10,000.
    fn bp(&mut self, bp: u64) -> bool {
        self.below(10_000) < bp
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A bijection on 44 bits, so short Postfix queue IDs never collide by accident.
fn mix44(c: u64) -> u64 {
    const M: u64 = (1 << 44) - 1;
    let mut x = c.wrapping_mul(0x9E37_79B9_7F4A_7C15 | 1) & M;
    x ^= x >> 23;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9 | 1) & M;
    x ^= x >> 21;
    x
}

// ---------------------------------------------------------------------------------------
// The population: names, domains, clients.

// Indexes into NAMES of the addresses with a role.
const ROOT: u16 = 0;
const DOUBLE_BOUNCE: u16 = 1;
const QUOTED: u16 = 2;
const LATIN1: u16 = 3;
const LATIN1_N: u16 = 4;
const APP: u16 = 7;
const APP_N: u16 = 8;
const PEOPLE: u16 = 15;
const NAMES: &[&[u8]] = &[
    b"root",
    b"double-bounce",
    b"\"smith, john\"",
    b"m\xfcller",
    b"jos\xe9",
    b"fran\xe7ois",
    b"s\xf8ren",
    b"news",
    b"billing",
    b"noreply",
    b"alerts",
    b"orders",
    b"newsletter",
    b"receipts",
    b"hello",
    b"alice",
    b"bob",
    b"carol",
    b"dave",
    b"erin",
    b"frank",
    b"grace",
    b"heidi",
    b"ivan",
    b"judy",
    b"mallory",
    b"niaj",
    b"olivia",
    b"peggy",
    b"rupert",
    b"sybil",
    b"trent",
    b"victor",
    b"walter",
    b"wendy",
    b"anna",
    b"ben",
    b"chloe",
    b"dan",
    b"eva",
    b"felix",
    b"gina",
    b"hugo",
    b"iris",
    b"jack",
    b"kate",
    b"liam",
    b"mia",
    b"noah",
    b"omar",
    b"paula",
    b"quinn",
    b"rosa",
    b"sam",
    b"tina",
    b"info",
    b"sales",
    b"support",
    b"contact",
    b"office",
];

/// (domain, weight as a recipient domain; 0: only a sender's or a local domain).
const DOMAINS: &[(&str, u32)] = &[
    ("mail.example", 400),
    ("inbox.example", 250),
    ("example.net", 170),
    ("post.example", 130),
    ("example.org", 110),
    ("webmail.example", 85),
    ("corp.example.net", 66),
    ("example.com", 52),
    ("campus.example", 40),
    ("hosting.example", 32),
    ("telco.example", 26),
    ("isp.example.net", 21),
    ("club.example", 17),
    ("news.example.net", 14),
    ("mail.example.org", 12),
    ("bank.example", 10),
    ("city.example.org", 8),
    ("gov.example", 7),
    ("school.example.net", 6),
    ("museum.example", 5),
    ("farm.example", 4),
    ("lab.example.org", 3),
    ("studio.example", 2),
    ("tiny.example", 1),
    // Senders' domains: bounce notifications go there.
    ("shop.example.org", 0),
    ("app.example.net", 0),
    ("monitor.example.com", 0),
    // Local domains: deliveries there are `local`.
    ("mx1.example.com", 0),
    ("hosted.example", 0),
    // The trap line with thousands of recipients.
    ("lists.example", 0),
];
const D_EXAMPLE_COM: u16 = 7;
const D_SHOP: u16 = 24;
const D_APP: u16 = 25;
const D_MONITOR: u16 = 26;
const D_MX1: u16 = 27;
const D_HOSTED: u16 = 28;
const D_LISTS: u16 = 29;

/// (name index, domain index) of the applications' senders, most frequent first.
const SENDERS: &[(u16, u16)] = &[
    (APP, D_EXAMPLE_COM),
    (APP + 4, D_SHOP),
    (APP + 2, D_APP),
    (APP + 1, D_EXAMPLE_COM),
    (APP + 3, D_MONITOR),
    (APP + 5, D_EXAMPLE_COM),
    (APP + 6, D_SHOP),
    (APP + 7, D_APP),
];

/// (host, address, SASL user); the last one is the content filter re-injecting.
const CLIENTS: &[(&str, &str, &str)] = &[
    ("app01.example.com", "192.0.2.11", "app01"),
    ("app02.example.com", "192.0.2.12", "app02"),
    ("web1.example.com", "192.0.2.21", "web"),
    ("crm.example.com", "192.0.2.31", "crm"),
    ("mail.example.org", "198.51.100.77", ""),
    ("mx.inbox.example", "203.0.113.90", ""),
    ("out.post.example", "2001:db8:5::25", ""),
    ("localhost", "127.0.0.1", ""),
];
const C_APPS: u64 = 4;
const C_EXTERNAL: u8 = 4;
const C_LOCALHOST: u8 = 7;

struct Dom {
    name: String,
    /// The same domain in mixed case, as some senders write it.
    odd: String,
    mx: String,
    ip: String,
}

fn domains() -> Vec<Dom> {
    DOMAINS
        .iter()
        .enumerate()
        .map(|(i, (d, _))| {
            let mut odd = String::new();
            for (j, part) in d.split('.').enumerate() {
                if j > 0 {
                    odd.push('.');
                }
                if j % 2 == 0 {
                    odd.push_str(&part[..1].to_uppercase());
                    odd.push_str(&part[1..]);
                } else {
                    odd.push_str(&part.to_uppercase());
                }
            }
            let mx = match i % 3 {
                0 => format!("mx.{d}"),
                1 => format!("mx2.{d}"),
                _ => format!("smtp-in.{d}"),
            };
            let ip = if i % 7 == 3 {
                format!("2001:db8::{:x}", i + 1)
            } else if i % 2 == 0 {
                format!("198.51.100.{}", 10 + i)
            } else {
                format!("203.0.113.{}", 10 + i)
            };
            Dom {
                name: d.to_string(),
                odd,
                mx,
                ip,
            }
        })
        .collect()
}

fn addr_into(b: &mut Vec<u8>, doms: &[Dom], a: Addr) {
    b.extend_from_slice(NAMES[a.name as usize]);
    if a.num != 0 {
        b.push(b'.');
        num(b, u64::from(a.num));
    }
    b.push(b'@');
    let d = &doms[a.dom as usize];
    b.extend_from_slice(if a.odd {
        d.odd.as_bytes()
    } else {
        d.name.as_bytes()
    });
}

// ---------------------------------------------------------------------------------------
// Messages and the event queue.

#[derive(Clone, Copy, Default)]
struct Addr {
    name: u16,
    num: u16,
    dom: u16,
    odd: bool,
}

// Final fate of a recipient.
const SENT: u8 = 0;
const BOUNCED: u8 = 1;
const EXPIRE: u8 = 2;
const SUPPRESSED: u8 = 3;
const PROBE_OK: u8 = 4;
const PROBE_BAD: u8 = 5;
const DEFERRED: u8 = 9;

// Delivery agents (Sendmail: LOCAL is mailer=local, PIPE is mailer=prog).
const A_SMTP: u8 = 0;
const A_LOCAL: u8 = 1;
const A_VIRTUAL: u8 = 2;
const A_PIPE: u8 = 3;
const A_LMTP: u8 = 4;
const A_DISCARD: u8 = 5;

#[derive(Clone, Copy, Default)]
struct Rcpt {
    a: Addr,
    /// Deferrals before the final attempt.
    defers: u8,
    fin: u8,
    agent: u8,
    done: bool,
}

// Kinds of message.
const K_OUT: u8 = 0;
const K_FILTERED: u8 = 1;
const K_REINJECTED: u8 = 2;
const K_NOTIFY: u8 = 3;
const K_INBOUND: u8 = 4;
const K_PICKUP: u8 = 5;
const K_PROBE: u8 = 6;

#[derive(Clone, Copy, Default)]
struct Msg {
    id: u64,
    /// Notifications: the ID and arrival of the message that bounced.
    orig: u64,
    orig_t0: i64,
    t0: i64,
    kind: u8,
    /// Postfix instance: 0 `postfix`, 1 `postfix-out`.
    inst: u8,
    sub: bool,
    client: u8,
    null_sender: bool,
    sender: Addr,
    n: u8,
    r: [Rcpt; 5],
    /// Delivery rounds before expiry, or 0 when no recipient expires.
    rounds: u8,
    round: u8,
    /// Content filter: 2 deferred first, 1 pending, 0 done.
    hop: u8,
    next: u64,
    counted: bool,
    bounced: bool,
    expired: bool,
    size: u32,
    smtpd: u32,
}

// Events.
const E_ARRIVAL: u8 = 0;
const E_ARRIVE: u8 = 1;
const E_DISCONNECT: u8 = 2;
const E_ROUND: u8 = 3;
const E_EXPIRE: u8 = 4;
const E_FINISH: u8 = 5;
const E_NOISE: u8 = 6;
const E_TRAP: u8 = 7;

#[derive(PartialEq, Eq)]
struct Ev {
    t: i64,
    seq: u64,
    slot: u32,
    step: u8,
    aux: u32,
}

impl Ord for Ev {
    fn cmp(&self, o: &Self) -> Ordering {
        o.t.cmp(&self.t).then(o.seq.cmp(&self.seq))
    }
}
impl PartialOrd for Ev {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// Relative arrival rate per hour of the day (mean 1): quiet nights, busy office hours.
const HOURLY: [f64; 24] = [
    0.3, 0.2, 0.2, 0.2, 0.3, 0.5, 0.8, 1.2, 1.6, 1.7, 1.6, 1.5, 1.3, 1.5, 1.6, 1.6, 1.5, 1.3, 1.2,
    1.1, 1.0, 0.8, 0.6, 0.4,
];

#[derive(Default)]
struct Acc {
    sent: u64,
    deferred: u64,
    bounced: u64,
    expired: u64,
    messages_sent: u64,
    notifications: u64,
    filter_hops: u64,
    local: u64,
    probes: u64,
    unparsed: u64,
    status_sent: u64,
    first: Option<i64>,
    last: i64,
    per_day: Vec<[u64; 3]>,
    domains: Vec<u64>,
}

struct Gen<'a, W: Write> {
    fmt: Format,
    out: &'a mut W,
    b: Vec<u8>,
    flushed: u64,
    lines: u64,
    rng: Rng,
    heap: BinaryHeap<Ev>,
    seq: u64,
    msgs: Vec<Msg>,
    free: Vec<u32>,
    ids: u64,
    removed: VecDeque<u64>,
    acc: Acc,
    start: i64,
    start_day: i64,
    end: i64,
    to_arrive: u64,
    arrived: u64,
    arrivals_done: bool,
    target: Option<u64>,
    gap: f64,
    /// ln(1 + growth a month).
    growth: f64,
    traps: bool,
    latin1_due: u32,
    quoted_due: u32,
    stamp_sec: i64,
    stamp: Vec<u8>,
    scratch: Vec<u8>,
    doms: Vec<Dom>,
    pick: Vec<u16>,
    last_t: i64,
    first_line_year: Option<i32>,
    /// Exim writes 23-character IDs for messages from here on.
    exim_upgrade: i64,
    /// `" HOST "`, as the syslog frame writes it.
    host: Vec<u8>,
    /// Mixed into queue ids: 0 for the default host, so its logs stay byte for byte the same.
    id_salt: u64,
}

const FLUSH: usize = 1 << 20;

impl<'a, W: Write> Gen<'a, W> {
    fn new(fmt: Format, o: &Options, out: &'a mut W) -> Self {
        let start_day = days_from_civil(o.start.0, o.start.1, o.start.2);
        let start = start_day * DAY * US;
        let end = start + i64::from(o.days.max(1)) * DAY * US;
        let doms = domains();
        // Weighted domain choice by table look-up.
        let total: u32 = DOMAINS.iter().map(|d| d.1).sum();
        let mut pick = Vec::with_capacity(4096);
        for i in 0..4096u32 {
            let x = i * total / 4096;
            let mut acc = 0;
            let mut k = 0;
            for (j, d) in DOMAINS.iter().enumerate() {
                acc += d.1;
                if x < acc {
                    k = j;
                    break;
                }
            }
            pick.push(k as u16);
        }
        let messages = o.messages.max(1);
        Gen {
            fmt,
            out,
            b: Vec::with_capacity(FLUSH + (1 << 17)),
            flushed: 0,
            lines: 0,
            rng: Rng(o.seed ^ 0x6D61_696C_6C6F_6773),
            host: format!(" {} ", o.host).into_bytes(),
            id_salt: if o.host == "mx1" {
                0
            } else {
                // FNV-1a of the name, in bits the counters never reach.
                o.host.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
                }) & 0xfff
                    | 1
            } << 32,
            heap: BinaryHeap::new(),
            seq: 0,
            msgs: Vec::new(),
            free: Vec::new(),
            ids: 1,
            removed: VecDeque::new(),
            acc: Acc {
                per_day: vec![[0; 3]; o.days as usize + 2],
                domains: vec![0; DOMAINS.len()],
                ..Acc::default()
            },
            start,
            start_day,
            end,
            to_arrive: messages,
            arrived: 0,
            arrivals_done: false,
            target: None,
            gap: {
                // The gap at the start that gives `messages` over the window: the rate
                // integrates to M·((1+g)^(T/M) − 1)/ln(1+g) instead of T.
                let span = (end - start) as f64;
                let g = o.growth_per_month.ln_1p();
                let weight = if g.abs() < 1e-12 {
                    span
                } else {
                    MONTH_US / g * ((span / MONTH_US * g).exp() - 1.0)
                };
                weight / messages as f64
            },
            growth: o.growth_per_month.ln_1p(),
            traps: o.traps,
            latin1_due: 0,
            quoted_due: 0,
            stamp_sec: i64::MIN,
            stamp: Vec::new(),
            scratch: Vec::new(),
            doms,
            pick,
            last_t: start,
            first_line_year: None,
            exim_upgrade: start + (end - start) * 2 / 5,
        }
    }

    fn push(&mut self, t: i64, slot: u32, step: u8, aux: u32) {
        self.seq += 1;
        self.heap.push(Ev {
            t,
            seq: self.seq,
            slot,
            step,
            aux,
        });
    }

    fn run(mut self) -> io::Result<Truth> {
        let first = self.start + self.rng.below(60 * US as u64) as i64;
        self.push(first, 0, E_ARRIVAL, 0);
        self.push(first + 7 * US, 0, E_NOISE, 0);
        if self.fmt == Format::PowerMta {
            self.b.extend_from_slice(Self::PMTA_HEADER);
            self.nl();
        }
        if self.traps {
            let span = (self.end - self.start) as f64;
            for (i, f) in [0.13, 0.21, 0.3, 0.37, 0.45, 0.52, 0.6, 0.66, 0.7, 0.8]
                .iter()
                .enumerate()
            {
                let t = self.start + (span * f) as i64 + 1234;
                self.push(t, 0, E_TRAP, i as u32);
            }
        }
        while let Some(ev) = self.heap.pop() {
            if ev.t >= self.end {
                break;
            }
            self.last_t = ev.t;
            match ev.step {
                E_ARRIVAL => self.arrival(ev.t),
                E_ARRIVE => self.arrive(ev.t, ev.slot),
                E_DISCONNECT => self.disconnect(ev.t, ev.slot, ev.aux),
                E_ROUND => self.round(ev.t, ev.slot),
                E_EXPIRE => self.expire(ev.t, ev.slot),
                E_FINISH => self.finish(ev.t, ev.slot),
                E_NOISE => self.noise(ev.t),
                _ => self.trap(ev.t, ev.aux),
            }
            if self.b.len() >= FLUSH {
                self.flush()?;
            }
        }
        if self.traps {
            self.cut_last_line();
        }
        self.flush()?;
        Ok(self.truth())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(&self.b)?;
        self.flushed += self.b.len() as u64;
        self.b.clear();
        Ok(())
    }

    fn nl(&mut self) {
        self.b.push(b'\n');
        self.lines += 1;
    }

    fn truth(&self) -> Truth {
        let a = &self.acc;
        let mut t = Truth {
            format: self.fmt.family(),
            sent: a.sent,
            deferred: a.deferred,
            bounced: a.bounced,
            expired: a.expired,
            messages_sent: a.messages_sent,
            notifications: a.notifications,
            filter_hops: a.filter_hops,
            local: a.local,
            probes: a.probes,
            unparsed: a.unparsed,
            lines: self.lines,
            bytes: self.flushed + self.b.len() as u64,
            status_sent_lines: a.status_sent,
            messages: self.arrived,
            first_line_year: self.first_line_year.unwrap_or(0),
            ..Truth::default()
        };
        if matches!(self.fmt, Format::KumoMta | Format::PowerMta) {
            t.messages_sent = t.sent;
        }
        for (i, n) in a.domains.iter().enumerate() {
            if *n > 0 {
                t.domains.insert(self.doms[i].name.clone(), *n);
            }
        }
        if let Some(first) = a.first {
            let (f, l) = (first.div_euclid(US), a.last.div_euclid(US));
            t.first = time_string(f);
            t.last = time_string(l);
            t.span_seconds = l - f;
            for day in f.div_euclid(DAY)..=l.div_euclid(DAY) {
                let c = a.per_day[(day - self.start_day) as usize];
                t.per_day.insert(date_string(day), (c[0], c[1], c[2]));
            }
            let days = t.span_seconds.max(3600) as f64 / DAY as f64;
            t.monthly_volume = ((t.sent - t.notifications) as f64 * 30.0 / days).round() as u64;
        }
        t
    }

    // --- counting -------------------------------------------------------------------

    fn seen(&mut self, t: i64) {
        if self.acc.first.is_none() {
            self.acc.first = Some(t);
        }
        self.acc.last = t;
    }

    fn day(&self, t: i64) -> usize {
        (t.div_euclid(US * DAY) - self.start_day) as usize
    }

    fn count_sent(&mut self, t: i64, m: &mut Msg, dom: u16, n: u64) {
        self.seen(t);
        let d = self.day(t);
        self.acc.sent += n;
        self.acc.per_day[d][0] += n;
        self.acc.domains[dom as usize] += n;
        if m.null_sender {
            self.acc.notifications += n;
        }
        if !m.counted {
            m.counted = true;
            self.acc.messages_sent += 1;
        }
    }

    fn count_deferred(&mut self, t: i64, n: u64) {
        self.seen(t);
        let d = self.day(t);
        self.acc.deferred += n;
        self.acc.per_day[d][1] += n;
    }

    fn count_bounced(&mut self, t: i64, n: u64) {
        self.seen(t);
        let d = self.day(t);
        self.acc.bounced += n;
        self.acc.per_day[d][2] += n;
    }

    fn count_expired(&mut self, t: i64, n: u64) {
        self.seen(t);
        self.acc.expired += n;
    }

    // --- message life -----------------------------------------------------------------

    fn alloc(&mut self, m: Msg) -> u32 {
        if let Some(s) = self.free.pop() {
            self.msgs[s as usize] = m;
            s
        } else {
            self.msgs.push(m);
            (self.msgs.len() - 1) as u32
        }
    }

    fn new_id(&mut self) -> u64 {
        // Short Postfix queue IDs recur: now and then take one whose message is gone.
        let reuse = matches!(self.fmt, Format::Postfix(_)) && self.removed.len() > 200;
        if reuse && self.rng.bp(8) {
            return self.removed.pop_front().expect("not empty");
        }
        self.ids += 1;
        self.ids
    }

    fn person(&mut self, dom: u16) -> Addr {
        let name = PEOPLE + self.rng.below((NAMES.len() - PEOPLE as usize) as u64) as u16;
        let num = if self.rng.bp(4000) {
            self.rng.range(1, 9999) as u16
        } else {
            0
        };
        Addr {
            name,
            num,
            dom,
            odd: self.rng.bp(150),
        }
    }

    fn remote_rcpt(&mut self) -> Rcpt {
        let dom = self.pick[self.rng.below(4096) as usize];
        let a = self.person(dom);
        let defers = if self.rng.bp(1100) {
            self.rng.range(1, 3) as u8
        } else {
            0
        };
        let x = self.rng.below(10_000);
        let fin = if x < 250 {
            BOUNCED
        } else if x < 330 {
            EXPIRE
        } else if x < 380 && self.fmt == Format::Exim {
            SUPPRESSED
        } else {
            SENT
        };
        Rcpt {
            a,
            defers,
            fin,
            agent: A_SMTP,
            done: false,
        }
    }

    fn local_rcpt(&mut self, agent: u8) -> Rcpt {
        let a = if agent == A_LOCAL {
            Addr {
                name: ROOT,
                num: 0,
                dom: D_MX1,
                odd: false,
            }
        } else {
            self.person(D_HOSTED)
        };
        let x = self.rng.below(10_000);
        if agent == A_DISCARD {
            return Rcpt {
                a,
                agent,
                ..Rcpt::default()
            };
        }
        Rcpt {
            a,
            defers: u8::from(x < 300),
            fin: if x >= 9900 { BOUNCED } else { SENT },
            agent,
            done: false,
        }
    }

    fn arrival(&mut self, t: i64) {
        let full = self
            .target
            .is_some_and(|b| self.flushed + self.b.len() as u64 >= b);
        if self.arrivals_done || self.arrived >= self.to_arrive || full {
            self.arrivals_done = true;
            return;
        }
        self.arrived += 1;
        if self.first_line_year.is_none() {
            self.first_line_year = Some(civil(t.div_euclid(US * DAY)).0);
        }
        let mut m = Msg {
            t0: t,
            size: self.rng.range(900, 60_000) as u32,
            smtpd: self.rng.range(20_000, 32_000) as u32,
            ..Msg::default()
        };
        let x = self.rng.below(10_000);
        m.kind = match self.fmt {
            Format::Postfix(_) if x < 8200 => K_OUT,
            Format::Postfix(_) if x < 9000 => K_FILTERED,
            Format::Postfix(_) if x < 9600 => K_INBOUND,
            Format::Postfix(_) if x < 9800 => K_PICKUP,
            Format::Postfix(_) => K_PROBE,
            Format::Sendmail if x >= 9200 => K_INBOUND,
            _ => K_OUT,
        };
        m.id = self.new_id();
        m.inst = u8::from(m.kind == K_OUT && self.rng.bp(500));
        m.sub = self.rng.bp(3000);
        match m.kind {
            K_OUT | K_FILTERED => {
                let s = SENDERS[(self.rng.below(64).pow(2) / 512) as usize];
                m.sender = Addr {
                    name: s.0,
                    num: 0,
                    dom: s.1,
                    odd: false,
                };
                m.client = self.rng.below(C_APPS) as u8;
                let n = match self.rng.below(100) {
                    0..50 => 1,
                    50..70 => 2,
                    70..85 => 3,
                    85..95 => 4,
                    _ => 5,
                };
                if self.fmt == Format::KumoMta {
                    m.n = 1;
                } else {
                    m.n = n;
                }
                for i in 0..m.n as usize {
                    // Distinct addresses: a repeated one would blur "each address counts once".
                    m.r[i] = loop {
                        let r = self.remote_rcpt();
                        let same =
                            |x: &Rcpt| (x.a.name, x.a.num, x.a.dom) == (r.a.name, r.a.num, r.a.dom);
                        if !m.r[..i].iter().any(same) {
                            break r;
                        }
                    };
                }
                if matches!(self.fmt, Format::KumoMta | Format::PowerMta) && self.rng.bp(300) {
                    // Relayed bounce notifications: the sender is empty.
                    m.null_sender = true;
                }
                if m.kind == K_FILTERED {
                    m.hop = if self.rng.bp(500) { 2 } else { 1 };
                }
                if self.latin1_due > 0 {
                    self.latin1_due -= 1;
                    m.r[0].a.name = LATIN1 + self.rng.below(u64::from(LATIN1_N)) as u16;
                    m.r[0].defers = 0;
                    m.r[0].fin = SENT;
                } else if self.quoted_due > 0 && self.fmt != Format::Exim {
                    self.quoted_due -= 1;
                    m.r[0].a.name = QUOTED;
                    m.r[0].a.num = 0;
                    m.r[0].defers = 0;
                    m.r[0].fin = SENT;
                }
            }
            K_INBOUND => {
                let dom = self.pick[self.rng.below(4096) as usize];
                m.sender = self.person(dom);
                m.client = C_EXTERNAL + self.rng.below(3) as u8;
                m.n = 1 + u8::from(self.rng.bp(2000));
                for i in 0..m.n as usize {
                    let agent = if self.fmt == Format::Sendmail {
                        if self.rng.bp(8000) { A_LOCAL } else { A_PIPE }
                    } else {
                        if self.rng.bp(500) {
                            A_DISCARD
                        } else {
                            A_VIRTUAL + self.rng.below(3) as u8
                        }
                    };
                    m.r[i] = self.local_rcpt(agent);
                }
            }
            K_PICKUP => {
                m.sender = Addr {
                    name: ROOT,
                    num: 0,
                    dom: D_MX1,
                    odd: false,
                };
                m.n = 1;
                m.r[0] = self.local_rcpt(A_LOCAL);
            }
            _ => {
                m.sender = Addr {
                    name: DOUBLE_BOUNCE,
                    num: 0,
                    dom: D_MX1,
                    odd: false,
                };
                m.n = 1;
                m.r[0] = self.remote_rcpt();
                m.r[0].defers = 0;
                m.r[0].fin = if self.rng.bp(8500) {
                    PROBE_OK
                } else {
                    PROBE_BAD
                };
            }
        }
        // Same-domain recipients side by side, as MTAs batch them.
        m.r[..m.n as usize].sort_by_key(|r| r.a.dom);
        self.plan_rounds(&mut m);
        let slot = self.alloc(m);
        self.arrive(t, slot);

        let h = ((t.div_euclid(US) % DAY) / 3600) as usize;
        let mean = self.gap / HOURLY[h] / ((t - self.start) as f64 / MONTH_US * self.growth).exp();
        let dt = (-(1.0 - self.rng.unit()).ln() * mean) as i64 + 1;
        self.push(t + dt, 0, E_ARRIVAL, 0);
    }

    fn plan_rounds(&mut self, m: &mut Msg) {
        let n = m.n as usize;
        if m.r[..n].iter().any(|r| r.fin == EXPIRE) {
            let most = m.r[..n].iter().map(|r| r.defers).max().unwrap_or(0);
            m.rounds = (most + 2).max(self.rng.range(3, 7) as u8);
        }
    }

    fn spawn(&mut self, t: i64, m: Msg) {
        let slot = self.alloc(m);
        self.push(t, slot, E_ARRIVE, 0);
    }

    fn arrive(&mut self, t: i64, slot: u32) {
        let mut m = self.msgs[slot as usize];
        // Sendmail in queue-only mode for some: `stat=queued` now, a queue run later.
        let queued = self.fmt == Format::Sendmail && m.kind == K_OUT && self.rng.bp(1000);
        match self.fmt {
            Format::Postfix(_) => self.pf_arrive(t, &mut m),
            Format::Exim => self.ex_arrive(t, &m),
            Format::Sendmail => {
                self.sm_arrive(t, &m);
                if queued {
                    self.sm_queued(t, &m);
                }
            }
            Format::KumoMta => {
                let r = m.r[0];
                self.kumo(t, b"Reception", &m, &r, 250, None, b"", 0);
            }
            Format::PowerMta => {}
        }
        self.msgs[slot as usize] = m;
        let delay = if queued {
            self.rng.range(300, 1800) as i64 * US
        } else {
            self.rng.range(200_000, 2_500_000) as i64
        };
        self.push(t + delay, slot, E_ROUND, 0);
    }

    /// What happens to each pending recipient in the message's current round.
    fn outcomes(&self, m: &Msg) -> [u8; 5] {
        let mut o = [u8::MAX; 5];
        for i in 0..m.n as usize {
            let r = &m.r[i];
            if r.done {
                continue;
            }
            o[i] = if r.fin == EXPIRE || m.round < r.defers {
                DEFERRED
            } else {
                r.fin
            };
        }
        o
    }

    fn round(&mut self, t: i64, slot: u32) {
        let mut m = self.msgs[slot as usize];
        if m.hop > 0 {
            self.pf_hop(t, slot, &mut m);
            self.msgs[slot as usize] = m;
            return;
        }
        let o = self.outcomes(&m);
        match self.fmt {
            Format::Postfix(_) => self.pf_round(t, &mut m, &o),
            Format::Exim => self.ex_round(t, &mut m, &o),
            Format::Sendmail => self.sm_round(t, &mut m, &o),
            Format::KumoMta => {
                let r = m.r[0];
                match o[0] {
                    SENT => {
                        self.kumo(t, b"Delivery", &m, &r, 250, Some((2, 0, 0)), b"", 1);
                        self.count_sent(t, &mut m, r.a.dom, 1);
                    }
                    DEFERRED => {
                        let c: &[u8] = if self.rng.bp(5000) {
                            b"Try again later"
                        } else {
                            b"4.7.1 Greylisted, please retry"
                        };
                        self.kumo(t, b"TransientFailure", &m, &r, 451, Some((4, 7, 1)), c, 1);
                        self.count_deferred(t, 1);
                    }
                    _ => {
                        let ty: &[u8] = if self.rng.bp(500) {
                            b"AdminBounce"
                        } else {
                            b"Bounce"
                        };
                        self.kumo(
                            t,
                            ty,
                            &m,
                            &r,
                            550,
                            Some((5, 1, 1)),
                            b"5.1.1 User unknown",
                            1,
                        );
                        self.count_bounced(t, 1);
                    }
                }
            }
            Format::PowerMta => {
                for i in 0..m.n as usize {
                    let r = m.r[i];
                    match o[i] {
                        SENT => {
                            self.pmta(t, b"d", &m, &r, 0);
                            self.count_sent(t, &mut m, r.a.dom, 1);
                            if self.rng.bp(40) {
                                // An asynchronous bounce from the remote side.
                                self.pmta(t, b"rb", &m, &r, 0);
                                self.count_bounced(t, 1);
                            }
                        }
                        DEFERRED => {
                            self.pmta(t, b"t", &m, &r, 0);
                            self.count_deferred(t, 1);
                        }
                        BOUNCED => {
                            self.pmta(t, b"b", &m, &r, 0);
                            self.count_bounced(t, 1);
                        }
                        _ => {}
                    }
                }
            }
        }
        for i in 0..m.n as usize {
            if o[i] != u8::MAX && o[i] != DEFERRED {
                m.r[i].done = true;
                if o[i] == BOUNCED {
                    m.bounced = true;
                }
            }
        }
        m.round += 1;
        self.msgs[slot as usize] = m;
        self.schedule_after_round(t, slot, &m);
    }

    fn schedule_after_round(&mut self, t: i64, slot: u32, m: &Msg) {
        if m.r[..m.n as usize].iter().all(|r| r.done) {
            let d = self.rng.range(10_000, 400_000) as i64;
            self.push(t + d, slot, E_FINISH, 0);
        } else if m.rounds > 0 {
            let step = LIFETIME / i64::from(m.rounds);
            if m.round < m.rounds {
                let at = m.t0 + step * i64::from(m.round) + self.rng.below(step as u64 / 4) as i64;
                self.push(at.max(t + US), slot, E_ROUND, 0);
            } else {
                let at = m.t0 + LIFETIME + self.rng.range(1, 3000) as i64 * US;
                self.push(at.max(t + US), slot, E_EXPIRE, 0);
            }
        } else {
            // Postfix-like back-off: 5 minutes, doubling, at most 4000 s.
            let base = (300i64 << m.round.min(4)).min(4000);
            let dt = base * US + self.rng.below(base as u64 * US as u64 / 5) as i64;
            self.push(t + dt, slot, E_ROUND, 0);
        }
    }

    fn expire(&mut self, t: i64, slot: u32) {
        let mut m = self.msgs[slot as usize];
        let n = m.n as usize;
        match self.fmt {
            Format::Postfix(_) => {
                self.pf_head(t, m.inst, b"qmgr", 1042);
                self.qid(m.id);
                self.b.extend_from_slice(b": from=<");
                self.sender(&m);
                self.b
                    .extend_from_slice(b">, status=expired, returned to sender");
                self.nl();
                self.count_expired(t, 1);
            }
            Format::Exim => {
                for i in 0..n {
                    if !m.r[i].done {
                        self.ex_head(t, &m);
                        self.b.extend_from_slice(b" ** ");
                        let a = m.r[i].a;
                        addr_into(&mut self.b, &self.doms, a);
                        self.b.extend_from_slice(b": retry timeout exceeded");
                        self.nl();
                        self.count_bounced(t, 1);
                    }
                }
            }
            Format::KumoMta => {
                let r = m.r[0];
                self.kumo(
                    t,
                    b"Expiration",
                    &m,
                    &r,
                    551,
                    Some((5, 4, 7)),
                    b"Next delivery time would be at SystemTime { tv_sec: 0, tv_nsec: 0 } which exceeds the expiry time",
                    u32::from(m.round),
                );
                self.count_expired(t, 1);
            }
            Format::PowerMta => {
                for i in 0..n {
                    if !m.r[i].done {
                        let r = m.r[i];
                        self.pmta(t, b"b", &m, &r, 1);
                        self.count_bounced(t, 1);
                    }
                }
            }
            Format::Sendmail => {}
        }
        for r in &mut m.r[..n] {
            r.done = true;
        }
        m.expired = true;
        self.msgs[slot as usize] = m;
        let d = self.rng.range(100_000, 2_000_000) as i64;
        self.push(t + d, slot, E_FINISH, 0);
    }

    fn finish(&mut self, t: i64, slot: u32) {
        let m = self.msgs[slot as usize];
        self.free.push(slot);
        let notify = (m.bounced || m.expired) && !m.null_sender && m.kind != K_PROBE;
        let mut note = Msg {
            t0: t,
            kind: K_NOTIFY,
            inst: m.inst,
            null_sender: true,
            orig: m.id,
            orig_t0: m.t0,
            n: 1,
            size: self.rng.range(2500, 9000) as u32,
            ..Msg::default()
        };
        note.r[0] = Rcpt {
            a: m.sender,
            defers: u8::from(self.rng.bp(300)),
            // Now and then the notification cannot be delivered either, and expires.
            fin: if self.rng.bp(60) { EXPIRE } else { SENT },
            // Mail from root bounces back to root's mailbox.
            agent: if m.sender.dom == D_MX1 {
                A_LOCAL
            } else {
                A_SMTP
            },
            done: false,
        };
        self.plan_rounds(&mut note);
        match self.fmt {
            Format::Postfix(_) => {
                if m.kind == K_FILTERED {
                    let mut again = m;
                    again.kind = K_REINJECTED;
                    again.id = m.next;
                    again.t0 = t;
                    again.client = C_LOCALHOST;
                    again.sub = false;
                    again.round = 0;
                    again.counted = false;
                    self.spawn(t + 30_000, again);
                } else if notify {
                    note.id = self.new_id();
                    self.pf_head(t, m.inst, b"bounce", 30_302);
                    self.qid(m.id);
                    self.b
                        .extend_from_slice(b": sender non-delivery notification: ");
                    self.qid(note.id);
                    self.nl();
                    self.spawn(t + 20_000, note);
                }
                self.pf_head(t, m.inst, b"qmgr", 1042);
                self.qid(m.id);
                self.b.extend_from_slice(b": removed");
                self.nl();
                self.removed.push_back(m.id);
                if self.removed.len() > 4000 {
                    self.removed.pop_front();
                }
            }
            Format::Exim => {
                if notify {
                    note.id = self.new_id();
                    self.spawn(t, note);
                }
                self.ex_head(t, &m);
                self.b.extend_from_slice(b" Completed QT=");
                num(&mut self.b, ((t - m.t0) / US) as u64);
                self.b.push(b's');
                self.nl();
            }
            Format::Sendmail if notify => {
                note.id = self.new_id();
                self.sm_head(t, &m);
                self.sm_qid(m.id, m.t0);
                self.b.extend_from_slice(b": ");
                self.sm_qid(note.id, t);
                self.b.extend_from_slice(if m.expired {
                    b": DSN: Cannot send message for 5 days"
                } else {
                    b": DSN: User unknown"
                });
                self.nl();
                self.spawn(t + 10_000, note);
            }
            _ => {}
        }
    }

    // --- Postfix ------------------------------------------------------------------------

    fn stamp(&mut self, t: i64) {
        let sec = t.div_euclid(US);
        if sec != self.stamp_sec {
            self.stamp_sec = sec;
            let s = &mut self.stamp;
            s.clear();
            let (y, mo, d) = civil(sec.div_euclid(DAY));
            let tod = sec.rem_euclid(DAY);
            let (h, mi, se) = (
                (tod / 3600) as u32,
                (tod / 60 % 60) as u32,
                (tod % 60) as u32,
            );
            let iso = |s: &mut Vec<u8>, sep: u8| {
                num(s, y as u64);
                s.push(b'-');
                two(s, mo);
                s.push(b'-');
                two(s, d);
                s.push(sep);
                two(s, h);
                s.push(b':');
                two(s, mi);
                s.push(b':');
                two(s, se);
            };
            match self.fmt {
                Format::Postfix(Stamp::Rfc3339) | Format::Postfix(Stamp::ShortIso) => iso(s, b'T'),
                Format::Exim | Format::PowerMta => iso(s, b' '),
                _ => {
                    s.extend_from_slice(MONTHS[mo as usize - 1]);
                    s.push(b' ');
                    if d < 10 && self.fmt != Format::Postfix(Stamp::ClassicZeroPadded) {
                        s.push(b' ');
                        s.push(b'0' + d as u8);
                    } else {
                        two(s, d);
                    }
                    s.push(b' ');
                    two(s, h);
                    s.push(b':');
                    two(s, mi);
                    s.push(b':');
                    two(s, se);
                }
            }
            match self.fmt {
                Format::Postfix(Stamp::Rfc3339) | Format::PowerMta => {}
                Format::Postfix(Stamp::ShortIso) => {
                    s.extend_from_slice(b"+0000");
                    s.extend_from_slice(&self.host);
                }
                Format::Exim => s.push(b' '),
                _ => s.extend_from_slice(&self.host),
            }
        }
        self.b.extend_from_slice(&self.stamp);
        match self.fmt {
            Format::Postfix(Stamp::Rfc3339) => {
                let us = t.rem_euclid(US) as u32;
                self.b.push(b'.');
                two(&mut self.b, us / 10_000);
                two(&mut self.b, us / 100 % 100);
                two(&mut self.b, us % 100);
                self.b.extend_from_slice(b"+01:00");
                self.b.extend_from_slice(&self.host);
            }
            Format::PowerMta => self.b.extend_from_slice(b"-0500"),
            _ => {}
        }
    }

    fn pf_head(&mut self, t: i64, inst: u8, agent: &[u8], pid: u32) {
        self.stamp(t);
        self.b.extend_from_slice(if inst == 1 {
            b"postfix-out/"
        } else {
            b"postfix/"
        });
        self.b.extend_from_slice(agent);
        self.b.push(b'[');
        num(&mut self.b, u64::from(pid));
        self.b.extend_from_slice(b"]: ");
    }

    fn qid(&mut self, id: u64) {
        hex(&mut self.b, mix44(id ^ self.id_salt), 11);
    }

    fn sender(&mut self, m: &Msg) {
        if !m.null_sender {
            addr_into(&mut self.b, &self.doms, m.sender);
        }
    }

    fn client(&mut self, c: u8) {
        let (h, ip, _) = CLIENTS[c as usize];
        self.b.extend_from_slice(h.as_bytes());
        self.b.push(b'[');
        self.b.extend_from_slice(ip.as_bytes());
        self.b.push(b']');
    }

    fn smtpd_agent(m: &Msg) -> &'static [u8] {
        if m.sub { b"submission/smtpd" } else { b"smtpd" }
    }

    fn pf_arrive(&mut self, t: i64, m: &mut Msg) {
        let cleanup = 30_000 + (m.id % 900) as u32;
        match m.kind {
            K_NOTIFY | K_PROBE => {}
            K_PICKUP => {
                self.pf_head(t, 0, b"pickup", 1051);
                self.qid(m.id);
                self.b.extend_from_slice(b": uid=0 from=<root>");
                self.nl();
            }
            _ => {
                let agent = Self::smtpd_agent(m);
                self.pf_head(t, m.inst, agent, m.smtpd);
                self.b.extend_from_slice(b"connect from ");
                self.client(m.client);
                self.nl();
                self.pf_head(t, m.inst, agent, m.smtpd);
                self.qid(m.id);
                self.b.extend_from_slice(b": client=");
                self.client(m.client);
                if m.client < C_APPS as u8 {
                    self.b
                        .extend_from_slice(b", sasl_method=PLAIN, sasl_username=");
                    self.b
                        .extend_from_slice(CLIENTS[m.client as usize].2.as_bytes());
                }
                self.nl();
            }
        }
        self.pf_head(t, m.inst, b"cleanup", cleanup);
        self.qid(m.id);
        self.b.extend_from_slice(b": message-id=<");
        let (y, mo, d) = civil(t.div_euclid(US * DAY));
        num(&mut self.b, y as u64);
        two(&mut self.b, mo);
        two(&mut self.b, d);
        self.b.push(b'.');
        hex(&mut self.b, mix44(m.id ^ 0x5a5a), 11);
        self.b.extend_from_slice(b"@mx1.example.com>");
        self.nl();
        self.pf_qmgr_from(t, m);
        if !matches!(m.kind, K_NOTIFY | K_PROBE | K_PICKUP) {
            let aux = u32::from(m.client)
                | u32::from(m.n) << 8
                | u32::from(m.sub) << 16
                | u32::from(m.inst) << 17;
            let d = self.rng.range(300_000, 1_500_000) as i64;
            self.push(t + d, m.smtpd, E_DISCONNECT, aux);
        }
    }

    fn pf_qmgr_from(&mut self, t: i64, m: &Msg) {
        self.pf_head(t, m.inst, b"qmgr", 1042);
        self.qid(m.id);
        self.b.extend_from_slice(b": from=<");
        self.sender(m);
        self.b.extend_from_slice(b">, size=");
        num(&mut self.b, u64::from(m.size));
        self.b.extend_from_slice(b", nrcpt=");
        num(&mut self.b, u64::from(m.n));
        self.b.extend_from_slice(b" (queue active)");
        self.nl();
    }

    fn disconnect(&mut self, t: i64, pid: u32, aux: u32) {
        match self.fmt {
            Format::Postfix(_) => {
                let m = Msg {
                    sub: aux >> 16 & 1 == 1,
                    ..Msg::default()
                };
                let n = u64::from(aux >> 8 & 0xff);
                self.pf_head(t, (aux >> 17 & 1) as u8, Self::smtpd_agent(&m), pid);
                self.b.extend_from_slice(b"disconnect from ");
                self.client((aux & 0xff) as u8);
                let tls = aux & 0xff != u32::from(C_LOCALHOST);
                self.b.extend_from_slice(if tls {
                    b" ehlo=2 starttls=1 auth=1 mail=1 rcpt="
                } else {
                    b" ehlo=1 mail=1 rcpt="
                });
                num(&mut self.b, n);
                self.b.extend_from_slice(b" data=1 quit=1 commands=");
                num(&mut self.b, n + if tls { 7 } else { 4 });
                self.nl();
            }
            _ => unreachable!(),
        }
    }

    fn relay(&mut self, dom: u16) {
        let d = &self.doms[dom as usize];
        self.b.extend_from_slice(d.mx.as_bytes());
        self.b.push(b'[');
        self.b.extend_from_slice(d.ip.as_bytes());
        self.b.extend_from_slice(b"]:25");
    }

    fn delays(&mut self, t: i64, m: &Msg) {
        let b = self.rng.below(3) as u32;
        let c = self.rng.below(90) as u32;
        let d = self.rng.range(1, 150) as u32;
        let a = ((t - m.t0) / 10_000).max(1) as u32;
        let a = a.saturating_sub(b + c + d).max(1);
        self.b.extend_from_slice(b"delay=");
        hund(&mut self.b, a + b + c + d);
        self.b.extend_from_slice(b", delays=");
        hund(&mut self.b, a);
        self.b.push(b'/');
        hund(&mut self.b, b);
        self.b.push(b'/');
        hund(&mut self.b, c);
        self.b.push(b'/');
        hund(&mut self.b, d);
    }

    fn pf_round(&mut self, t: i64, m: &mut Msg, o: &[u8; 5]) {
        if m.round > 0 {
            self.pf_qmgr_from(t, m);
        }
        let pid = 21_000 + self.rng.below(900) as u32;
        let mut prev_dom = u16::MAX;
        for i in 0..m.n as usize {
            let out = o[i];
            if out == u8::MAX {
                continue;
            }
            let r = m.r[i];
            let dom = r.a.dom;
            if r.agent != A_SMTP {
                self.pf_local(t, m, &r, out);
                continue;
            }
            let error_agent = out == DEFERRED && self.rng.bp(2000);
            if out == DEFERRED && !error_agent && self.rng.bp(3000) {
                self.pf_head(t, m.inst, b"smtp", pid);
                self.b.extend_from_slice(b"connect to ");
                self.relay(dom);
                self.b.extend_from_slice(b": Connection timed out");
                self.nl();
            } else if out != DEFERRED && dom != prev_dom && self.rng.bp(1500) {
                self.pf_head(t, m.inst, b"smtp", pid);
                self.b
                    .extend_from_slice(b"Untrusted TLS connection established to ");
                self.relay(dom);
                self.b.extend_from_slice(b": TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256");
                self.nl();
            }
            self.pf_head(
                t,
                m.inst,
                match (error_agent, m.id.is_multiple_of(2)) {
                    (true, true) => b"error",
                    (true, false) => b"retry",
                    _ => b"smtp",
                },
                if error_agent { 29_001 } else { pid },
            );
            self.qid(m.id);
            self.b.extend_from_slice(b": to=<");
            addr_into(&mut self.b, &self.doms, r.a);
            self.b.extend_from_slice(b">, ");
            if r.a.num > 0 && r.a.num < 300 {
                self.b.extend_from_slice(b"orig_to=<");
                self.b.extend_from_slice(NAMES[r.a.name as usize]);
                self.b.extend_from_slice(b"@lists.example.com>, ");
            }
            let none = error_agent || (out == DEFERRED && self.rng.bp(5000));
            if none {
                self.b.extend_from_slice(b"relay=none, ");
            } else {
                self.b.extend_from_slice(b"relay=");
                self.relay(dom);
                self.b.extend_from_slice(b", ");
                if dom == prev_dom {
                    self.b.extend_from_slice(b"conn_use=2, ");
                }
            }
            prev_dom = dom;
            self.delays(t, m);
            match out {
                SENT => {
                    self.b
                        .extend_from_slice(b", dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ");
                    let q = self.rng.next();
                    hex(&mut self.b, q, 10);
                    self.b.push(b')');
                    self.acc.status_sent += 1;
                    self.count_sent(t, m, dom, 1);
                }
                DEFERRED if none => {
                    self.b.extend_from_slice(b", dsn=4.4.1, status=deferred (");
                    if error_agent {
                        self.b
                            .extend_from_slice(b"delivery temporarily suspended: ");
                    }
                    self.b.extend_from_slice(b"connect to ");
                    self.relay(dom);
                    self.b.extend_from_slice(b": Connection timed out)");
                    self.count_deferred(t, 1);
                }
                DEFERRED => {
                    let soft = self.rng.bp(300);
                    self.b.extend_from_slice(if soft {
                        b", dsn=5.7.1, status=SOFTBOUNCE (host "
                    } else {
                        b", dsn=4.7.1, status=deferred (host "
                    });
                    self.relay(dom);
                    self.b.truncate(self.b.len() - 3);
                    self.b.extend_from_slice(if soft {
                        b" said: 554 5.7.1 Service unavailable; client blocked (in reply to RCPT TO command))"
                    } else {
                        b" said: 450 4.7.1 Greylisted, please try again later (in reply to RCPT TO command))"
                    });
                    self.count_deferred(t, 1);
                }
                BOUNCED => {
                    self.b
                        .extend_from_slice(b", dsn=5.1.1, status=bounced (host ");
                    self.relay(dom);
                    self.b.truncate(self.b.len() - 3);
                    self.b.extend_from_slice(b" said: 550 5.1.1 <");
                    addr_into(&mut self.b, &self.doms, r.a);
                    self.b.extend_from_slice(
                        b">: Recipient address rejected: User unknown (in reply to RCPT TO command))",
                    );
                    self.count_bounced(t, 1);
                }
                PROBE_OK => {
                    self.b
                        .extend_from_slice(b", dsn=2.1.5, status=deliverable (250 2.1.5 Ok)");
                    self.acc.probes += 1;
                }
                _ => {
                    self.b.extend_from_slice(
                        b", dsn=5.1.1, status=undeliverable (host said: 550 5.1.1 User unknown (in reply to RCPT TO command))",
                    );
                    self.acc.probes += 1;
                }
            }
            self.nl();
        }
    }

    fn pf_local(&mut self, t: i64, m: &Msg, r: &Rcpt, out: u8) {
        let agent: &[u8] = match r.agent {
            A_LOCAL => b"local",
            A_VIRTUAL => b"virtual",
            A_PIPE => b"pipe",
            A_DISCARD => b"discard",
            _ => b"lmtp",
        };
        // LMTP to a loopback TCP port: the contract counts a filter hop, not `local`.
        let loopback = r.agent == A_LMTP && m.id.is_multiple_of(3);
        if loopback {
            self.acc.filter_hops += 1;
        } else {
            self.acc.local += 1;
        }
        self.pf_head(t, 0, agent, 33_000 + (m.id % 500) as u32);
        self.qid(m.id);
        self.b.extend_from_slice(b": to=<");
        addr_into(&mut self.b, &self.doms, r.a);
        self.b.extend_from_slice(b">, ");
        match r.agent {
            A_LOCAL => self.b.extend_from_slice(b"orig_to=<root>, relay=local, "),
            A_VIRTUAL => self.b.extend_from_slice(b"relay=virtual, "),
            A_PIPE => self.b.extend_from_slice(b"relay=dovecot, "),
            A_DISCARD => self.b.extend_from_slice(b"relay=none, "),
            _ if loopback => self.b.extend_from_slice(b"relay=localhost[127.0.0.1]:24, "),
            _ => self
                .b
                .extend_from_slice(b"relay=mx1.example.com[private/dovecot-lmtp], "),
        }
        self.delays(t, m);
        match out {
            SENT => {
                self.acc.status_sent += 1;
                self.b.extend_from_slice(match r.agent {
                    A_LOCAL => b", dsn=2.0.0, status=sent (delivered to mailbox)" as &[u8],
                    A_VIRTUAL => b", dsn=2.0.0, status=sent (delivered to maildir)",
                    A_PIPE => b", dsn=2.0.0, status=sent (delivered via dovecot service)",
                    A_DISCARD => b", dsn=2.0.0, status=sent (discarded by header_checks)",
                    _ => b", dsn=2.0.0, status=sent (250 2.0.0 <x> Saved)",
                });
            }
            DEFERRED => self
                .b
                .extend_from_slice(b", dsn=4.2.2, status=deferred (mailbox is full)"),
            _ => self
                .b
                .extend_from_slice(b", dsn=5.1.1, status=bounced (unknown user: \"nobody\")"),
        }
        self.nl();
    }

    fn pf_hop(&mut self, t: i64, slot: u32, m: &mut Msg) {
        let pid = 21_000 + self.rng.below(900) as u32;
        let v6 = m.id.is_multiple_of(10);
        if m.hop == 1 {
            if m.round > 0 {
                self.pf_qmgr_from(t, m);
            }
            m.next = self.new_id();
        }
        for i in 0..m.n as usize {
            let r = m.r[i];
            self.pf_head(t, m.inst, b"smtp", pid);
            self.qid(m.id);
            self.b.extend_from_slice(b": to=<");
            addr_into(&mut self.b, &self.doms, r.a);
            self.b.extend_from_slice(if v6 {
                b">, relay=localhost[::1]:10025, "
            } else {
                b">, relay=127.0.0.1[127.0.0.1]:10025, "
            });
            if i > 0 {
                self.b.extend_from_slice(b"conn_use=2, ");
            }
            self.delays(t, m);
            if m.hop == 2 {
                self.b.extend_from_slice(b", dsn=4.5.0, status=deferred (host 127.0.0.1[127.0.0.1] said: 451 4.5.0 Error in processing, id=04211-07, spam-scanner FAILED: temporarily unavailable (in reply to end of DATA command))");
            } else {
                self.b.extend_from_slice(b", dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10030): 250 2.0.0 Ok: queued as ");
                self.qid(m.next);
                self.b.push(b')');
                self.acc.status_sent += 1;
            }
            self.nl();
            self.acc.filter_hops += 1;
        }
        if m.hop == 2 {
            m.hop = 1;
            m.round = 1;
            let dt = self.rng.range(300, 400) as i64 * US;
            self.push(t + dt, slot, E_ROUND, 0);
        } else {
            m.hop = 0;
            let d = self.rng.range(10_000, 100_000) as i64;
            self.push(t + d, slot, E_FINISH, 0);
        }
    }

    // --- Exim -----------------------------------------------------------------------

    fn ex_id(&mut self, t0: i64, id: u64) {
        base62(&mut self.b, (t0 / US) as u64, 6);
        if t0 < self.exim_upgrade {
            // Exim before 4.97: 16 characters.
            self.b.push(b'-');
            base62(&mut self.b, id, 6);
            self.b.push(b'-');
            base62(&mut self.b, (t0 % US) as u64, 2);
            return;
        }
        self.b.push(b'-');
        base62(&mut self.b, mix44(id), 11);
        self.b.push(b'-');
        base62(&mut self.b, (t0 % US) as u64 % 14_776_336, 4);
    }

    fn ex_head(&mut self, t: i64, m: &Msg) {
        self.stamp(t);
        self.ex_id(m.t0, m.id);
    }

    fn ex_host(&mut self, dom: u16) {
        let d = &self.doms[dom as usize];
        self.b.extend_from_slice(b" H=");
        self.b.extend_from_slice(d.mx.as_bytes());
        self.b.extend_from_slice(b" [");
        self.b.extend_from_slice(d.ip.as_bytes());
        self.b.push(b']');
    }

    fn ex_arrive(&mut self, t: i64, m: &Msg) {
        self.ex_head(t, m);
        if m.kind == K_NOTIFY {
            self.b.extend_from_slice(b" <= <> R=");
            self.ex_id(m.orig_t0, m.orig);
            self.b.extend_from_slice(b" U=Debian-exim P=local S=");
            num(&mut self.b, u64::from(m.size));
        } else {
            self.b.extend_from_slice(b" <= ");
            addr_into(&mut self.b, &self.doms, m.sender);
            let (h, ip, user) = CLIENTS[m.client as usize];
            self.b.extend_from_slice(b" H=");
            self.b.extend_from_slice(h.as_bytes());
            self.b.extend_from_slice(b" [");
            self.b.extend_from_slice(ip.as_bytes());
            self.b.extend_from_slice(
                b"] P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no A=plain:",
            );
            self.b.extend_from_slice(user.as_bytes());
            self.b.extend_from_slice(b" S=");
            num(&mut self.b, u64::from(m.size));
            self.b.extend_from_slice(b" id=");
            hex(&mut self.b, mix44(m.id ^ 77), 11);
            self.b.extend_from_slice(b"@");
            self.b.extend_from_slice(h.as_bytes());
        }
        self.nl();
    }

    fn ex_round(&mut self, t: i64, m: &mut Msg, o: &[u8; 5]) {
        // Exim's own (delayed) mode: the original sender keeps its ID; a bounce needs the
        // notification message, created at the end.
        let mut last_sent_dom = u16::MAX;
        for i in 0..m.n as usize {
            let out = o[i];
            if out == u8::MAX {
                continue;
            }
            let r = m.r[i];
            self.ex_head(t, m);
            match out {
                SENT => {
                    self.b.extend_from_slice(if r.a.dom == last_sent_dom {
                        b" -> "
                    } else {
                        b" => "
                    });
                    last_sent_dom = r.a.dom;
                }
                SUPPRESSED => self.b.extend_from_slice(b" *> "),
                DEFERRED => self.b.extend_from_slice(b" == "),
                _ => self.b.extend_from_slice(b" ** "),
            }
            addr_into(&mut self.b, &self.doms, r.a);
            if r.a.odd {
                self.b.extend_from_slice(b" <");
                addr_into(&mut self.b, &self.doms, r.a);
                self.b.push(b'>');
            }
            self.b.extend_from_slice(b" R=dnslookup T=remote_smtp");
            match out {
                SENT | SUPPRESSED => {
                    self.ex_host(r.a.dom);
                    self.b.extend_from_slice(
                        b" X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C=\"250 2.0.0 Ok: queued as ",
                    );
                    let q = self.rng.next();
                    hex(&mut self.b, q, 10);
                    self.b.extend_from_slice(b"\" QT=");
                    num(&mut self.b, ((t - m.t0) / US) as u64);
                    self.b.extend_from_slice(b"s DT=1s");
                    if out == SENT {
                        self.count_sent(t, m, r.a.dom, 1);
                    }
                }
                DEFERRED => {
                    if self.rng.bp(5000) {
                        self.b.extend_from_slice(b" defer (110)");
                        self.ex_host(r.a.dom);
                        self.b.extend_from_slice(b": Connection timed out");
                    } else {
                        self.b.extend_from_slice(b" defer (-44)");
                        self.ex_host(r.a.dom);
                        self.b.extend_from_slice(
                            b": SMTP error from remote mail server after RCPT TO:<",
                        );
                        addr_into(&mut self.b, &self.doms, r.a);
                        self.b.extend_from_slice(b">: 451 4.7.1 Try again later");
                    }
                    self.count_deferred(t, 1);
                }
                _ => {
                    self.ex_host(r.a.dom);
                    self.b
                        .extend_from_slice(b": SMTP error from remote mail server after RCPT TO:<");
                    addr_into(&mut self.b, &self.doms, r.a);
                    self.b.extend_from_slice(b">: 550 5.1.1 User unknown");
                    self.count_bounced(t, 1);
                }
            }
            self.nl();
        }
    }

    // --- Sendmail -------------------------------------------------------------------

    fn sm_head(&mut self, t: i64, m: &Msg) {
        self.stamp(t);
        self.b.extend_from_slice(b"sendmail[");
        num(
            &mut self.b,
            4000 + (m.id * 7 + t as u64 / US as u64) % 60_000,
        );
        self.b.extend_from_slice(b"]: ");
    }

    fn sm_qid(&mut self, id: u64, t0: i64) {
        const A: &[u8; 60] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwx";
        let sec = t0.div_euclid(US);
        let (y, mo, d) = civil(sec.div_euclid(DAY));
        let tod = sec.rem_euclid(DAY);
        for v in [
            y as i64 % 60,
            i64::from(mo) - 1,
            i64::from(d),
            tod / 3600,
            tod / 60 % 60,
            tod % 60,
        ] {
            self.b.push(A[v as usize]);
        }
        self.b.push(b'a' + (id % 26) as u8);
        let n = id / 26 % 10_000_000;
        let mut tmp = Vec::with_capacity(7);
        num(&mut tmp, n);
        self.b.extend(std::iter::repeat_n(b'0', 7 - tmp.len()));
        self.b.extend_from_slice(&tmp);
    }

    fn sm_arrive(&mut self, t: i64, m: &Msg) {
        self.sm_head(t, m);
        self.sm_qid(m.id, m.t0);
        self.b.extend_from_slice(b": from=<");
        self.sender(m);
        self.b.extend_from_slice(b">, size=");
        num(&mut self.b, u64::from(m.size));
        self.b.extend_from_slice(b", class=0, nrcpts=");
        num(&mut self.b, u64::from(m.n));
        self.b.extend_from_slice(b", msgid=<");
        hex(&mut self.b, mix44(m.id ^ 99), 11);
        if m.kind == K_NOTIFY {
            self.b.extend_from_slice(
                b"@mx1.example.com>, bodytype=8BITMIME, proto=ESMTP, daemon=MTA, relay=localhost",
            );
        } else {
            let (h, ip, _) = CLIENTS[m.client as usize];
            self.b.extend_from_slice(b"@");
            self.b.extend_from_slice(h.as_bytes());
            self.b
                .extend_from_slice(b">, bodytype=8BITMIME, proto=ESMTPS, daemon=MTA, relay=");
            self.b.extend_from_slice(h.as_bytes());
            self.b.extend_from_slice(b" [");
            self.b.extend_from_slice(ip.as_bytes());
            self.b.push(b']');
        }
        self.nl();
    }

    fn sm_queued(&mut self, t: i64, m: &Msg) {
        let n = m.n as usize;
        let mut i = 0;
        while i < n {
            let mut j = i + 1;
            while j < n && m.r[j].a.dom == m.r[i].a.dom {
                j += 1;
            }
            self.sm_head(t, m);
            self.sm_qid(m.id, m.t0);
            self.b.extend_from_slice(b": to=");
            for k in i..j {
                if k > i {
                    self.b.push(b',');
                }
                let a = m.r[k].a;
                self.sm_to(a, true);
            }
            self.b
                .extend_from_slice(b", delay=00:00:00, mailer=esmtp, pri=");
            num(&mut self.b, u64::from(m.size) + 30_000);
            self.b.extend_from_slice(b", stat=queued");
            self.nl();
            i = j;
        }
    }

    fn sm_to(&mut self, a: Addr, angle: bool) {
        if angle && a.name != QUOTED {
            self.b.push(b'<');
            addr_into(&mut self.b, &self.doms, a);
            self.b.push(b'>');
        } else {
            addr_into(&mut self.b, &self.doms, a);
        }
    }

    fn sm_round(&mut self, t: i64, m: &mut Msg, o: &[u8; 5]) {
        let n = m.n as usize;
        let mut used = [false; 5];
        let angle = !m.id.is_multiple_of(3);
        for i in 0..n {
            if o[i] == u8::MAX || used[i] {
                continue;
            }
            let r = m.r[i];
            let out = o[i];
            // One mailer call: recipients of the same host and outcome share the line.
            let mut group = [0usize; 5];
            let mut g = 0;
            for j in i..n {
                if !used[j]
                    && o[j] == out
                    && m.r[j].a.dom == r.a.dom
                    && m.r[j].agent == r.agent
                    && (j == i || (out != BOUNCED && r.agent == A_SMTP))
                {
                    used[j] = true;
                    group[g] = j;
                    g += 1;
                }
            }
            self.sm_head(t, m);
            self.sm_qid(m.id, m.t0);
            self.b.extend_from_slice(b": to=");
            if r.agent == A_PIPE {
                self.b.extend_from_slice(b"\"|/usr/bin/procmail -t -a $h\"");
            } else {
                for (k, &j) in group[..g].iter().enumerate() {
                    if k > 0 {
                        self.b.push(b',');
                    }
                    let a = m.r[j].a;
                    self.sm_to(a, angle);
                }
            }
            if r.agent != A_SMTP {
                self.b.extend_from_slice(b", ctladdr=<");
                addr_into(&mut self.b, &self.doms, r.a);
                self.b.extend_from_slice(b"> (1001/1001)");
            }
            self.b.extend_from_slice(b", delay=");
            hms(&mut self.b, (t - m.t0) / US);
            self.b.extend_from_slice(b", xdelay=");
            let x = self.rng.below(10) as i64;
            hms(&mut self.b, x.min((t - m.t0) / US));
            self.b.extend_from_slice(match r.agent {
                A_SMTP => b", mailer=esmtp, pri=" as &[u8],
                A_LOCAL => b", mailer=local, pri=",
                _ => b", mailer=prog, pri=",
            });
            num(
                &mut self.b,
                u64::from(m.size) + 30_000 * (u64::from(m.round) + 1),
            );
            if r.agent == A_SMTP {
                let d = &self.doms[r.a.dom as usize];
                self.b.extend_from_slice(b", relay=");
                self.b.extend_from_slice(d.mx.as_bytes());
                self.b.extend_from_slice(b". [");
                self.b.extend_from_slice(d.ip.as_bytes());
                self.b.push(b']');
            }
            let gn = g as u64;
            if r.agent != A_SMTP {
                self.acc.local += gn;
            }
            match out {
                SENT => {
                    self.b.extend_from_slice(b", dsn=2.0.0, stat=Sent");
                    if r.agent == A_SMTP {
                        self.b.extend_from_slice(b" (Ok: queued as ");
                        let q = self.rng.next();
                        hex(&mut self.b, q, 10);
                        self.b.push(b')');
                        self.count_sent(t, m, r.a.dom, gn);
                    }
                }
                DEFERRED => {
                    if r.agent == A_SMTP {
                        if m.id.is_multiple_of(4) {
                            self.b.extend_from_slice(b", dsn=4.0.0, stat=Deferred");
                        } else {
                            self.b.extend_from_slice(
                                b", dsn=4.0.0, stat=Deferred: Connection timed out with ",
                            );
                            let d = &self.doms[r.a.dom as usize];
                            self.b.extend_from_slice(d.mx.as_bytes());
                            self.b.push(b'.');
                        }
                        self.count_deferred(t, gn);
                    } else {
                        self.b
                            .extend_from_slice(b", dsn=4.2.2, stat=Deferred: Mailbox full");
                    }
                }
                _ => {
                    self.b.extend_from_slice(b", dsn=5.1.1, stat=User unknown");
                    if r.agent == A_SMTP {
                        self.count_bounced(t, gn);
                    }
                }
            }
            self.nl();
        }
    }

    // --- KumoMTA ----------------------------------------------------------------------

    #[allow(clippy::too_many_arguments)]
    fn kumo(
        &mut self,
        t: i64,
        ty: &[u8],
        m: &Msg,
        r: &Rcpt,
        code: u32,
        enh: Option<(u8, u8, u8)>,
        content: &[u8],
        attempts: u32,
    ) {
        let d = &self.doms[r.a.dom as usize];
        let b = &mut self.b;
        b.extend_from_slice(b"{\"type\":\"");
        b.extend_from_slice(ty);
        b.extend_from_slice(b"\",\"id\":\"");
        hex(b, mix44(m.id), 8);
        b.extend_from_slice(b"bbbc11ed940250ebf67f93bd\",\"sender\":");
        self.scratch.clear();
        if !m.null_sender {
            addr_into(&mut self.scratch, &self.doms, m.sender);
        }
        json_str(b, &self.scratch, false);
        b.extend_from_slice(b",\"recipient\":");
        self.scratch.clear();
        addr_into(&mut self.scratch, &self.doms, r.a);
        json_str(b, &self.scratch, m.id.is_multiple_of(2));
        b.extend_from_slice(b",\"queue\":\"");
        b.extend_from_slice(d.name.as_bytes());
        b.extend_from_slice(b"\",\"site\":\"");
        if ty != b"Reception" {
            b.extend_from_slice(b"ip-1->");
            b.extend_from_slice(d.mx.as_bytes());
            b.push(b'.');
        }
        b.extend_from_slice(b"\",\"size\":");
        num(b, u64::from(m.size));
        b.extend_from_slice(b",\"response\":{\"code\":");
        num(b, u64::from(code));
        b.extend_from_slice(b",\"enhanced_code\":");
        match enh {
            Some((c, s, dd)) => {
                b.extend_from_slice(b"{\"class\":");
                num(b, u64::from(c));
                b.extend_from_slice(b",\"subject\":");
                num(b, u64::from(s));
                b.extend_from_slice(b",\"detail\":");
                num(b, u64::from(dd));
                b.push(b'}');
            }
            None => b.extend_from_slice(b"null"),
        }
        b.extend_from_slice(b",\"content\":");
        if code == 250 && ty != b"Reception" {
            b.extend_from_slice(b"\"Ok: queued as ");
            hex(b, mix44(m.id ^ 3), 10);
            b.push(b'"');
        } else {
            json_str(b, content, true);
        }
        b.extend_from_slice(b",\"command\":");
        b.extend_from_slice(if ty == b"Reception" {
            b"null"
        } else {
            b"\".\""
        });
        b.extend_from_slice(b"},\"peer_address\":{\"name\":\"");
        if ty == b"Reception" {
            b.extend_from_slice(CLIENTS[m.client as usize].0.as_bytes());
            b.extend_from_slice(b"\",\"addr\":\"");
            b.extend_from_slice(CLIENTS[m.client as usize].1.as_bytes());
        } else {
            b.extend_from_slice(d.mx.as_bytes());
            b.extend_from_slice(b".\",\"addr\":\"");
            b.extend_from_slice(d.ip.as_bytes());
        }
        b.extend_from_slice(b"\"},\"timestamp\":");
        num(b, (t / US) as u64);
        b.extend_from_slice(b",\"created\":");
        num(b, (m.t0 / US) as u64);
        b.extend_from_slice(b",\"num_attempts\":");
        num(b, u64::from(attempts));
        b.extend_from_slice(b",\"bounce_classification\":\"Uncategorized\",\"egress_pool\":\"pool0\",\"egress_source\":\"ip-1\",\"feedback_report\":null,\"meta\":{},\"headers\":{},\"delivery_protocol\":\"ESMTP\",\"reception_protocol\":\"ESMTP\",\"nodeid\":\"557f3ad4-2c8c-11ee-976e-782d7e12e173\"}");
        self.nl();
    }

    // --- PowerMTA -----------------------------------------------------------------------

    const PMTA_HEADER: &'static [u8] = b"type,timeLogged,timeQueued,orig,rcpt,orcpt,dsnAction,dsnStatus,dsnDiag,dsnMta,bounceCat,srcType,srcMta,dlvType,dlvSourceIp,dlvDestinationIp,dlvEsmtpAvailable,dlvSize,vmta,jobId,envId,queue,vmtaPool";

    fn pmta(&mut self, t: i64, ty: &[u8], m: &Msg, r: &Rcpt, expired: u8) {
        self.b.extend_from_slice(ty);
        self.b.push(b',');
        self.stamp(t);
        self.b.push(b',');
        self.stamp(m.t0);
        self.b.push(b',');
        self.scratch.clear();
        if !m.null_sender {
            addr_into(&mut self.scratch, &self.doms, m.sender);
        }
        csv_field(&mut self.b, &self.scratch);
        self.b.push(b',');
        self.scratch.clear();
        addr_into(&mut self.scratch, &self.doms, r.a);
        csv_field(&mut self.b, &self.scratch);
        let d = &self.doms[r.a.dom as usize];
        let b = &mut self.b;
        match ty {
            b"d" => {
                b.extend_from_slice(b",,relayed,2.0.0 (success),smtp;250 2.0.0 Ok: queued as ");
                hex(b, mix44(m.id ^ 5), 10);
            }
            b"t" => b.extend_from_slice(
                b",,delayed,4.4.1 (no answer from host),smtp;421 4.4.1 Connection timed out",
            ),
            b"rb" => b.extend_from_slice(
                b",,failed,5.2.2 (mailbox full),\"smtp;552 5.2.2 Mailbox full, over quota\"",
            ),
            _ if expired == 1 => b.extend_from_slice(
                b",,failed,4.4.7 (delivery time expired),\"smtp;421 4.4.1 Connection timed out, message expired\"",
            ),
            _ => b.extend_from_slice(
                b",,failed,5.1.1 (bad destination mailbox address),\"smtp;550 5.1.1 User unknown, mailbox does not exist\"",
            ),
        }
        b.push(b',');
        b.extend_from_slice(d.mx.as_bytes());
        b.extend_from_slice(b" (");
        b.extend_from_slice(d.ip.as_bytes());
        b.extend_from_slice(b"),");
        if ty[0] == b'b' || ty == b"rb" {
            b.extend_from_slice(if expired == 1 {
                b"no-answer-from-host"
            } else {
                b"bad-mailbox"
            });
        }
        let (h, ip, _) = CLIENTS[m.client as usize];
        b.extend_from_slice(b",smtp,");
        b.extend_from_slice(h.as_bytes());
        b.extend_from_slice(b" (");
        b.extend_from_slice(ip.as_bytes());
        b.extend_from_slice(b"),smtp,192.0.2.5,");
        b.extend_from_slice(d.ip.as_bytes());
        b.extend_from_slice(b",\"PIPELINING,SIZE,STARTTLS,8BITMIME\",");
        num(b, u64::from(m.size));
        b.extend_from_slice(b",vmta-a,job-");
        num(b, m.id % 977);
        b.extend_from_slice(b",,");
        b.extend_from_slice(d.name.as_bytes());
        b.extend_from_slice(b"/vmta-a,pool-a");
        self.nl();
    }

    // --- lines that are not mail --------------------------------------------------------

    fn noise(&mut self, t: i64) {
        if self.arrivals_done {
            return;
        }
        let dt = (-(1.0 - self.rng.unit()).ln() * self.gap * 3.0) as i64 + 1;
        self.push(t + dt, 0, E_NOISE, 0);
        let x = self.rng.below(100);
        let ip_last = 40 + self.rng.below(200);
        match self.fmt {
            Format::Postfix(_) => {
                let pid = self.rng.range(20_000, 32_000) as u32;
                let from = |b: &mut Vec<u8>| {
                    b.extend_from_slice(b"unknown[203.0.113.");
                    num(b, ip_last);
                    b.push(b']');
                };
                if x < 60 {
                    self.pf_head(t, 0, b"smtpd", pid);
                    self.b.extend_from_slice(b"connect from ");
                    from(&mut self.b);
                    self.nl();
                    self.pf_head(t, 0, b"smtpd", pid);
                    self.b.extend_from_slice(b"NOQUEUE: reject: RCPT from ");
                    from(&mut self.b);
                    let dom = self.pick[self.rng.below(4096) as usize];
                    let a = self.person(dom);
                    self.b.extend_from_slice(b": 554 5.7.1 <");
                    addr_into(&mut self.b, &self.doms, a);
                    self.b
                        .extend_from_slice(b">: Relay access denied; from=<spam@example.net> to=<");
                    addr_into(&mut self.b, &self.doms, a);
                    self.b
                        .extend_from_slice(b"> proto=ESMTP helo=<[203.0.113.45]>");
                    self.nl();
                    self.pf_head(t, 0, b"smtpd", pid);
                    self.b.extend_from_slice(b"disconnect from ");
                    from(&mut self.b);
                    self.b
                        .extend_from_slice(b" ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4");
                    self.nl();
                } else if x < 80 {
                    self.pf_head(t, 0, b"smtpd", pid);
                    self.b
                        .extend_from_slice(b"lost connection after AUTH from ");
                    from(&mut self.b);
                    self.nl();
                } else if x < 90 {
                    self.pf_head(t, 0, b"smtpd", pid);
                    self.b.extend_from_slice(b"warning: hostname host-");
                    num(&mut self.b, ip_last);
                    self.b
                        .extend_from_slice(b".example.net does not resolve to address 203.0.113.");
                    num(&mut self.b, ip_last);
                    self.b.extend_from_slice(b": Name or service not known");
                    self.nl();
                } else {
                    self.pf_head(t, 0, b"anvil", 1077);
                    self.b.extend_from_slice(
                        b"statistics: max connection rate 3/60s for (smtp:203.0.113.",
                    );
                    num(&mut self.b, ip_last);
                    self.b.extend_from_slice(b") at ");
                    let (_, mo, d) = civil(t.div_euclid(US * DAY));
                    self.b.extend_from_slice(MONTHS[mo as usize - 1]);
                    self.b.push(b' ');
                    two(&mut self.b, d);
                    self.b.extend_from_slice(b" 00:00:00");
                    self.nl();
                }
            }
            Format::Exim => {
                self.stamp(t);
                if x < 50 {
                    self.b
                        .extend_from_slice(b"SMTP connection from [203.0.113.");
                    num(&mut self.b, ip_last);
                    self.b
                        .extend_from_slice(b"]:49152 (TCP/IP connection count = 1)");
                } else if x < 85 {
                    self.b
                        .extend_from_slice(b"H=(helo.example.net) [203.0.113.");
                    num(&mut self.b, ip_last);
                    self.b.extend_from_slice(
                        b"] F=<spam@example.net> rejected RCPT <info@example.org>: relay not permitted",
                    );
                } else {
                    self.b.extend_from_slice(b"Start queue run: pid=");
                    num(&mut self.b, 9000 + ip_last);
                }
            }
            Format::Sendmail => {
                let m = self.fresh();
                self.sm_head(t, &m);
                if x < 60 {
                    self.sm_qid(m.id, t);
                    self.b.extend_from_slice(
                        b": ruleset=check_rcpt, arg1=<info@example.org>, relay=[203.0.113.",
                    );
                    num(&mut self.b, ip_last);
                    self.b.extend_from_slice(
                        b"], reject=550 5.7.1 <info@example.org>... Relaying denied",
                    );
                } else {
                    self.b.extend_from_slice(b"STARTTLS=client, relay=mx.example.net., version=TLSv1.3, verify=FAIL, cipher=TLS_AES_256_GCM_SHA384, bits=256/256");
                }
            }
            Format::KumoMta => {
                let m = Msg {
                    t0: t,
                    client: C_EXTERNAL,
                    sender: Addr {
                        name: PEOPLE,
                        num: 0,
                        dom: 2,
                        odd: false,
                    },
                    ..self.fresh()
                };
                let r = Rcpt {
                    a: self.person(4),
                    ..Rcpt::default()
                };
                self.kumo(
                    t,
                    b"Rejection",
                    &m,
                    &r,
                    550,
                    Some((5, 7, 1)),
                    b"5.7.1 relaying not permitted",
                    0,
                );
                return;
            }
            Format::PowerMta => {
                // A feedback-loop report: a record, not an outcome.
                self.b.extend_from_slice(b"f,");
                self.stamp(t);
                self.b.extend_from_slice(b",,news@example.com,");
                let a = self.person(self.pick[x as usize * 40]);
                addr_into(&mut self.b, &self.doms, a);
                self.b.extend_from_slice(b",,,,,,abuse,,,,,,,,vmta-a,,,,");
            }
        }
        if !matches!(self.fmt, Format::Postfix(_)) {
            self.nl();
        }
    }

    fn fresh(&mut self) -> Msg {
        self.ids += 1;
        Msg {
            id: self.ids,
            t0: self.last_t,
            client: 0,
            size: 4242,
            ..Msg::default()
        }
    }

    /// The traps, each at its own point of the window.
    fn trap(&mut self, t: i64, which: u32) {
        match which {
            2 | 6 | 9 => self.latin1_due += 1,
            8 => self.quoted_due += 1,
            _ => match self.fmt {
                Format::Postfix(_) => self.pf_trap(t, which),
                Format::Exim => self.ex_trap(t, which),
                Format::Sendmail => self.sm_trap(t, which),
                Format::KumoMta => self.kumo_trap(t, which),
                Format::PowerMta => self.pmta_trap(t, which),
            },
        }
    }

    fn long_text(&mut self, upto: usize) {
        let words: &[&[u8]] = &[b"lorem ", b"ipsum ", b"dolor ", b"sit ", b"amet, "];
        let mut i = 0;
        while self.b.len() < upto {
            self.b.extend_from_slice(words[i % words.len()]);
            i += 1;
        }
        self.b.truncate(upto);
    }

    fn pf_trap(&mut self, t: i64, which: u32) {
        let m = self.fresh();
        match which {
            0 | 1 => {
                // A header_checks WARN that quotes a status: neither counted nor unparsed.
                self.pf_head(t, 0, b"cleanup", 30_215);
                self.qid(m.id);
                self.b.extend_from_slice(if which == 0 {
                    b": warning: header Subject: Your order status=sent (250 ok) from " as &[u8]
                } else {
                    b": warning: header Subject: R\xe9sum\xe9 de commande: status=sent (250 ok) from "
                });
                self.client(0);
                self.b.extend_from_slice(b"; from=<orders@shop.example.org> to=<alice@example.net> proto=ESMTP helo=<app01.example.com>");
                self.nl();
            }
            3 => {
                // A delivery line whose status was cut off.
                self.pf_head(t, 0, b"smtp", 21_877);
                self.qid(m.id);
                self.b.extend_from_slice(b": to=<carol@example.org>, relay=mx.example.org[198.51.100.14]:25, delay=0.84, delays=0.05/0.01/0.31/0.47, dsn=2.0.0, status=");
                self.nl();
                self.acc.unparsed += 1;
            }
            4 => {
                // A 64 KiB delivery line: a bounce with a very long reply.
                let start = self.b.len();
                self.pf_head(t, 0, b"smtp", 21_878);
                self.qid(m.id);
                self.b.extend_from_slice(b": to=<dave@example.org>, relay=mx.example.org[198.51.100.14]:25, delay=2.1, delays=0.1/0/0.9/1.1, dsn=5.7.1, status=bounced (host mx.example.org[198.51.100.14] said: 550 5.7.1 ");
                self.long_text(start + 65_536 - 40);
                self.b
                    .extend_from_slice(b" (in reply to end of DATA command))");
                self.nl();
                self.count_bounced(t, 1);
            }
            5 => {
                // A status word that is no status.
                self.pf_head(t, 0, b"smtp", 21_879);
                self.qid(m.id);
                self.b.extend_from_slice(b": to=<erin@example.net>, relay=mx.example.net[203.0.113.12]:25, delay=0.5, delays=0.1/0/0.2/0.2, dsn=2.0.0, status=snet (250 2.0.0 Ok)");
                self.nl();
                self.acc.unparsed += 1;
            }
            _ => {
                // A line whose start was lost: no timestamp, no readable tag.
                self.b.extend_from_slice(b"ix/smtp[21880]: ");
                self.qid(m.id);
                self.b.extend_from_slice(b": to=<frank@example.net>, relay=mx.example.net[203.0.113.12]:25, delay=0.4, delays=0.1/0/0.1/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok)");
                self.nl();
                self.acc.unparsed += 1;
            }
        }
    }

    fn ex_trap(&mut self, t: i64, which: u32) {
        let m = self.fresh();
        match which {
            4 => {
                let start = self.b.len();
                self.ex_head(t, &m);
                self.b.extend_from_slice(b" ** dave@example.org R=dnslookup T=remote_smtp H=mx.example.org [198.51.100.14]: SMTP error from remote mail server after end of data: 550 5.7.1 ");
                self.long_text(start + 65_536);
                self.nl();
                self.count_bounced(t, 1);
            }
            3 => {
                // A delivery whose timestamp cannot be read.
                self.b.extend_from_slice(b"2025-13-45 06:34:31 ");
                self.ex_id(t, m.id);
                self.b.extend_from_slice(b" => carol@example.org R=dnslookup T=remote_smtp H=mx.example.org [198.51.100.14] C=\"250 OK\"");
                self.nl();
                self.acc.unparsed += 1;
            }
            0 => {
                self.ex_head(t, &m);
                self.b.extend_from_slice(b" <= R\xe9sum\xe9@example.com H=app01.example.com [192.0.2.11] P=esmtpsa S=1234 T=\"status=sent (250 ok)\"");
                self.nl();
            }
            _ => {}
        }
    }

    fn sm_trap(&mut self, t: i64, which: u32) {
        let mut m = self.fresh();
        match which {
            4 => {
                // One mailer call for a mailing list: thousands of addresses on one line.
                let start = self.b.len();
                self.sm_head(t, &m);
                self.sm_qid(m.id, t);
                self.b.extend_from_slice(b": to=");
                let mut k = 0u64;
                while self.b.len() < start + 65_400 {
                    if k > 0 {
                        self.b.push(b',');
                    }
                    self.b.extend_from_slice(b"<member");
                    num(&mut self.b, k);
                    self.b.extend_from_slice(b"@lists.example>");
                    k += 1;
                }
                self.b.extend_from_slice(b", delay=00:00:09, xdelay=00:00:09, mailer=esmtp, pri=120000, relay=mx.lists.example. [198.51.100.99], dsn=2.0.0, stat=Sent (Ok: queued as 1A2B3C4D5E)");
                self.nl();
                self.count_sent(t, &mut m, D_LISTS, k);
            }
            3 => {
                self.b
                    .extend_from_slice(b"Dex 45 06:34:31 mx1 sendmail[4412]: ");
                self.sm_qid(m.id, t);
                self.b.extend_from_slice(b": to=<carol@example.org>, delay=00:00:02, xdelay=00:00:01, mailer=esmtp, pri=138432, relay=mx.example.org. [198.51.100.14], dsn=2.0.0, stat=Sent (Ok)");
                self.nl();
                self.acc.unparsed += 1;
            }
            0 => {
                self.sm_head(t, &m);
                self.sm_qid(m.id, t);
                self.b.extend_from_slice(b": Milter: data, reject=554 5.7.1 Subject R\xe9sum\xe9 status=sent (250 ok) rejected");
                self.nl();
            }
            _ => {}
        }
    }

    fn kumo_trap(&mut self, t: i64, which: u32) {
        let m = self.fresh();
        match which {
            4 => {
                let r = Rcpt {
                    a: self.person(4),
                    ..Rcpt::default()
                };
                self.scratch.clear();
                let words: &[&[u8]] = &[b"lorem ", b"ipsum ", b"dolor ", b"amet "];
                let mut i = 0;
                while self.scratch.len() < 65_000 {
                    self.scratch.extend_from_slice(words[i % 4]);
                    i += 1;
                }
                let text = std::mem::take(&mut self.scratch);
                self.kumo(t, b"Bounce", &m, &r, 550, Some((5, 7, 1)), &text, 1);
                self.count_bounced(t, 1);
            }
            3 => {
                self.b.extend_from_slice(b"{\"type\":\"Delivery\",\"id\":\"00aa11bb\",\"sender\":\"news@example.com\",\"recipient\":\"carol@exam");
                self.nl();
                self.acc.unparsed += 1;
            }
            5 => {
                self.b.extend_from_slice(
                    b"kumod[812]: WARN spool: slow fsync (status=sent counters unaffected)",
                );
                self.nl();
                self.acc.unparsed += 1;
                // An empty line is not a record, and not unreadable either.
                self.nl();
            }
            _ => {}
        }
    }

    fn pmta_trap(&mut self, t: i64, which: u32) {
        let m = self.fresh();
        match which {
            4 => {
                let r = Rcpt {
                    a: self.person(4),
                    ..Rcpt::default()
                };
                let start = self.b.len();
                self.pmta(t, b"b", &m, &r, 0);
                // Make the diagnostic of that record 64 KiB long, inside its quotes.
                let line = self.b.split_off(start);
                let at = line
                    .windows(9)
                    .position(|w| w == b"\"smtp;550")
                    .expect("diag field")
                    + 9;
                self.b.extend_from_slice(&line[..at]);
                let fill = start + 65_536 - (line.len() - at);
                self.long_text(fill);
                self.b.extend_from_slice(&line[at..]);
                self.count_bounced(t, 1);
            }
            3 => {
                self.b.extend_from_slice(b"d,yesterday,2025-11-28 06:34:29-0500,news@example.com,carol@example.org,,relayed,2.0.0 (success),smtp;250 ok,,,smtp,,smtp,,,,100,vmta-a,,,,");
                self.nl();
                self.acc.unparsed += 1;
            }
            5 => {
                // A rotated file appended: its header again.
                self.b.extend_from_slice(Self::PMTA_HEADER);
                self.nl();
            }
            _ => {}
        }
    }

    /// The last line, cut before its end and without a newline.
    fn cut_last_line(&mut self) {
        let t = self.last_t;
        let m = self.fresh();
        match self.fmt {
            Format::Postfix(_) => {
                self.pf_head(t, 0, b"smtp", 21_881);
                self.qid(m.id);
                self.b.extend_from_slice(b": to=<alice@exa");
                self.acc.unparsed += 1;
            }
            Format::Exim => {
                self.ex_head(t, &m);
                self.b.extend_from_slice(b" Compl");
            }
            Format::Sendmail => {
                self.sm_head(t, &m);
                self.sm_qid(m.id, t);
                self.b.extend_from_slice(b": from=<news@exa");
            }
            Format::KumoMta => {
                self.b.extend_from_slice(b"{\"type\":\"Delivery\",\"id\":\"00ff\",\"sender\":\"news@example.com\",\"recipient\":\"ali");
                self.acc.unparsed += 1;
            }
            Format::PowerMta => {
                self.b.extend_from_slice(b"d,2025-1");
                self.acc.unparsed += 1;
            }
        }
        self.lines += 1;
    }
}
