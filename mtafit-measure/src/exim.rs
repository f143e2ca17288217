//! Exim's main log: `2025-11-28 06:34:31 1tQ2aB-00000000XyZ-3AbC => alice@example.net …`,
//! on its own or inside a syslog frame.

use super::frame;
use super::scan::{self, Lines, Literals};
use super::short;
use super::tally::{Outcome, Tally};
use super::time::{self, Stamp};

/// Exim's line reader. It reads every line: a flag is a short literal that message text can
/// hold too, and Exim logs are read far less often than Postfix ones.
#[derive(Default)]
pub struct Exim;

/// Delivery flags, whose lines are reported when they do not parse. No space after the flag:
/// a line cut right after it must still be seen.
const FLAGS: [&[u8]; 5] = [b" =>", b" ->", b" >>", b" ==", b" **"];

/// An Exim message id: `1tQ2aB-0004Xy-Lk` (up to 4.96) or `1tQ2aB-00000000XyZ-3AbC` (4.97 on).
fn message_id(s: &[u8]) -> bool {
    let (a, b) = match s.len() {
        16 => (6, 13),
        23 => (6, 18),
        _ => return false,
    };
    s[a] == b'-'
        && s[b] == b'-'
        && short::alnum(&s[..a])
        && short::alnum(&s[a + 1..b])
        && short::alnum(&s[b + 1..])
}

/// The timestamp and the text after it, `ID FLAG …`.
fn split(line: &[u8]) -> Option<(Stamp, &[u8])> {
    if let Some((stamp, n)) = time::spaced(line) {
        return Some((stamp, line[n..].strip_prefix(b" ")?));
    }
    // Through syslog: the frame's time, or Exim's own when it kept it in the text.
    let f = frame::parse(line)?;
    if !f.tag.starts_with(b"exim") {
        return None;
    }
    match time::spaced(f.text) {
        Some((stamp, n)) => Some((stamp, f.text[n..].strip_prefix(b" ")?)),
        None => Some((f.stamp, f.text)),
    }
}

/// True when a line is Exim's.
pub fn recognises(line: &[u8]) -> bool {
    split(line).is_some_and(|(_, rest)| {
        let rest = skip_pid(rest);
        rest.get(..rest.iter().position(|&b| b == b' ').unwrap_or(rest.len()))
            .is_some_and(message_id)
            || rest.starts_with(b"Start queue run")
            || rest.starts_with(b"End queue run")
            || rest.starts_with(b"SMTP connection")
            || rest.starts_with(b"exim ")
    })
}

/// `[1234] ` written by `log_selector = +pid`.
fn skip_pid(s: &[u8]) -> &[u8] {
    if s.first() == Some(&b'[')
        && let Some(end) = s.iter().position(|&b| b == b']')
        && s[1..end].iter().all(u8::is_ascii_digit)
    {
        return s[end + 1..].strip_prefix(b" ").unwrap_or(&s[end + 1..]);
    }
    s
}

impl Lines for Exim {
    fn literals(&self) -> Option<&Literals> {
        None
    }

    fn line(&self, line: &[u8], _hit: Option<(usize, usize)>, offset: u64, t: &mut Tally) {
        let line = scan::trim_cr(line);
        if read(line, t).is_none() && FLAGS.iter().any(|f| frame::find(line, f).is_some()) {
            t.unparsed(offset, line);
        }
    }
}

/// Read one line; `None` when it does not parse.
fn read(line: &[u8], t: &mut Tally) -> Option<()> {
    let (stamp, rest) = split(line)?;
    let rest = skip_pid(rest);
    let sp = rest.iter().position(|&b| b == b' ')?;
    let (id, rest) = (&rest[..sp], &rest[sp + 1..]);
    if !message_id(id) {
        return None;
    }
    if rest.starts_with(b"Completed") {
        t.lives.end(id);
        return Some(());
    }
    let flag = rest.get(..3)?;
    let addr = rest[3..].split(|&b| b == b' ').next()?;
    if flag == b"<= " {
        if addr == b"<>" {
            t.lives.null_sender(id);
        }
        return Some(());
    }
    let outcome = match flag {
        // `>>`: a cutthrough delivery, made while the message was still being received.
        b"=> " | b"-> " | b">> " => Outcome::Sent,
        b"== " => Outcome::Deferred,
        b"** " => Outcome::Bounced,
        _ => return Some(()), // other flags (`*>`, arrivals) and other lines are not outcomes
    };
    if addr.is_empty() {
        return None;
    }
    t.outcome(stamp, outcome, 1);
    if outcome == Outcome::Sent {
        t.lives.sent(id, 1);
        // `=> /var/mail/x <x@example.com>`: the address in angle brackets names the domain.
        let mut buf = [0; 256];
        let domain = frame::domain(addr, &mut buf)
            .map(<[u8]>::to_vec)
            .or_else(|| {
                let rest = &rest[3 + addr.len()..];
                let open = rest.iter().position(|&b| b == b'<')?;
                let close = rest[open..].iter().position(|&b| b == b'>')? + open;
                frame::domain(&rest[open + 1..close], &mut buf).map(<[u8]>::to_vec)
            });
        if let Some(d) = domain {
            t.domain(&d);
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The id check reads as the byte-by-byte rule it replaced: hyphens at 6 and 13 (or
        /// 18), letters and digits elsewhere.
        #[test]
        fn message_ids_are_checked_by_the_rule(id in "[0-9A-Za-z\\-_ ]{16}|[0-9A-Za-z\\-_ ]{23}|[0-9A-Za-z-]{0,30}") {
            let s = id.as_bytes();
            let hyphens = match s.len() { 16 => Some((6, 13)), 23 => Some((6, 18)), _ => None };
            let rule = hyphens.is_some_and(|(a, b)| {
                s.iter().enumerate().all(|(i, &c)| if i == a || i == b { c == b'-' } else { c.is_ascii_alphanumeric() })
            });
            proptest::prop_assert_eq!(message_id(s), rule);
        }
    }

    #[test]
    fn both_id_lengths_are_ids() {
        assert!(message_id(b"1tQ2aB-0004Xy-Lk"));
        assert!(message_id(b"1tQ2aB-00000000XyZ-3AbC"));
        assert!(!message_id(b"1tQ2aB-0004Xy_Lk"));
        assert!(!message_id(b"1tQ2aB-00000000XyZ-3Ab-"));
    }
    use crate::scan::scan;

    fn tally(log: &str) -> Tally {
        let mut t = Tally::default();
        scan(&Exim, log.as_bytes(), 0, true, &mut t);
        t
    }

    #[test]
    fn flags_count_per_recipient() {
        let log = "\
2025-11-28 06:34:29 1tQ2aB-00000000XyZ-3AbC <= news@example.com H=app01.example.com [192.0.2.11] P=esmtpsa S=18432
2025-11-28 06:34:31 1tQ2aB-00000000XyZ-3AbC => alice@example.net R=dnslookup T=remote_smtp H=mx.example.net [198.51.100.25] C=\"250 ok\"
2025-11-28 06:34:31 1tQ2aB-00000000XyZ-3AbC -> bob@example.net R=dnslookup T=remote_smtp H=mx.example.net [198.51.100.25]
2025-11-28 06:40:02 1tQ2aB-00000000XyZ-3AbC == carol@example.org R=dnslookup T=remote_smtp defer (110) H=mail.example.org [203.0.113.7]: Connection timed out
2025-11-28 06:41:15 1tQ2aB-00000000XyZ-3AbC ** dave@example.com R=dnslookup T=remote_smtp: 550 5.1.1 User unknown
2025-11-28 06:41:15 1tQ2aB-00000000XyZ-3AbC *> eve@example.com R=dnslookup T=remote_smtp
2025-11-28 06:41:16 1tQ2aB-00000000XyZ-3AbC Completed QT=47s
2025-11-28 06:41:17 1tQ2aC-0004Xy-Lk <= <> R=1tQ2aB-00000000XyZ-3AbC U=Debian-exim P=local S=1234
2025-11-28 06:41:18 1tQ2aC-0004Xy-Lk => news@example.com R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.1]
2025-11-28 06:41:19 1tQ2aC-0004Xy-Lk Completed
2025-11-28 06:42:00 1tQ2aD-0004Xy-Lk >> carol@example.org R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.2]
2025-11-28 06:42:00 1tQ2aD-0004Xy-Lk Completed
";
        let mut t = tally(log);
        let c = t.counts;
        assert_eq!((c.sent, c.deferred, c.bounced, c.unparsed), (4, 1, 1, 0));
        assert_eq!(t.domains.get(&b"example.net"[..]), Some(&2));
        let mut open = crate::lives::OpenLives::default();
        open.merge(&mut t.lives, 0);
        let f = open.finish();
        assert_eq!((f.messages, f.notifications), (3, 1));
    }

    #[test]
    fn syslog_framed_and_pid_selector_and_broken_lines() {
        let log = "\
Nov 28 06:34:31 mx1 exim[123]: 2025-11-28 06:34:31 1tQ2aB-00000000XyZ-3AbC => a@example.net R=x T=y
Nov 28 06:34:32 mx1 exim[123]: 1tQ2aB-00000000XyZ-3AbD => b@example.net R=x T=y
2025-11-28 06:34:33 [4412] 1tQ2aB-00000000XyZ-3AbE => c@example.net R=x T=y
2025-11-28 06:34:3 1tQ2aB-00000000XyZ-3AbF => d@example.net R=x T=y
";
        let t = tally(log);
        assert_eq!((t.counts.sent, t.counts.unparsed), (3, 1));
        assert!(recognises(log.lines().next().unwrap().as_bytes()));
        assert!(!recognises(b"Nov 28 06:34:30 mx1 postfix/smtp[1]: x"));
    }
}
