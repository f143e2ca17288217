//! Postfix: delivery status lines, qmgr's sender, expiry and removal lines.

use super::frame::{self, Frame};
use super::scan::{self, Lines, Literals};
use super::short;
use super::tally::{Outcome, Tally};

/// Postfix's line reader.
pub struct Postfix {
    literals: Literals,
}

const NULL_SENDER: usize = 0;
const REMOVED: usize = 2;

impl Postfix {
    /// A reader tuned to a log whose first bytes are `head`.
    pub fn new(head: &[u8]) -> Postfix {
        Postfix {
            // In this order: a message's null sender before its deliveries, its removal after.
            literals: Literals::new(&[": from=<>,", "status=", ": removed"], head),
        }
    }
}

/// Agents that write per-recipient status lines.
fn delivers(agent: &[u8]) -> bool {
    matches!(
        agent,
        b"smtp" | b"lmtp" | b"local" | b"virtual" | b"pipe" | b"error" | b"retry" | b"discard"
    )
}

/// Agents that deliver into this machine rather than to another host.
fn local_agent(agent: &[u8]) -> bool {
    matches!(
        agent,
        b"local" | b"virtual" | b"pipe" | b"lmtp" | b"discard"
    )
}

/// True when a `relay=` value names a loopback address: `127.0.0.1[127.0.0.1]:10025`.
fn loopback(relay: &[u8]) -> bool {
    match short::find(relay, b'[', relay.len()) {
        Some(i) => {
            let ip = &relay[i + 1..];
            ip.starts_with(b"127.")
                || ip.starts_with(b"::1]")
                || ip.starts_with(b"ipv6:::1]")
                || ip.starts_with(b"::ffff:127.")
        }
        None => relay == b"localhost",
    }
}

/// Every agent a Postfix system logs under; used to recognise a custom `syslog_name`.
pub fn postfix_agent(agent: &[u8]) -> bool {
    delivers(agent)
        || matches!(
            agent,
            b"qmgr"
                | b"smtpd"
                | b"cleanup"
                | b"pickup"
                | b"bounce"
                | b"anvil"
                | b"scache"
                | b"postscreen"
                | b"dnsblog"
                | b"tlsmgr"
                | b"tlsproxy"
                | b"master"
                | b"trivial-rewrite"
                | b"postdrop"
                | b"postlogd"
                | b"verify"
                | b"flush"
                | b"showq"
                | b"postqueue"
                | b"postsuper"
                | b"sendmail"
        )
}

/// True when a line is Postfix's: `…postfix…/AGENT` or any name with a Postfix agent.
pub fn recognises(line: &[u8]) -> bool {
    frame::parse(line).is_some_and(|f| {
        memchr::memchr(b'/', f.tag).is_some()
            && (frame::find(f.tag, b"postfix").is_some() || postfix_agent(f.agent()))
    })
}

impl Lines for Postfix {
    fn literals(&self) -> Option<&Literals> {
        Some(&self.literals)
    }

    fn line(&self, line: &[u8], hit: Option<(usize, usize)>, offset: u64, t: &mut Tally) {
        let line = scan::trim_cr(line);
        match hit {
            // `…/qmgr[1042]: QID: from=<>, size=…` and `…/qmgr[1042]: QID: removed`
            Some((NULL_SENDER, at)) => {
                if let Some(id) = frame::id_before(line, at, b"qmgr") {
                    t.lives.null_sender(id);
                }
            }
            Some((REMOVED, at)) => {
                if line.len() == at + b": removed".len()
                    && let Some(id) = frame::id_before(line, at, b"qmgr")
                {
                    t.lives.end(id);
                }
            }
            _ => {
                let at = hit.map_or(0, |(_, at)| at);
                let read = match framed(line, t).map(|f| (f, f.agent())) {
                    None => None,
                    Some((f, b"qmgr")) => expired(&f, t),
                    Some((f, agent)) if delivers(agent) => status(&f, agent, &line[at..], t),
                    // Another program, perhaps quoting `status=`: not a delivery.
                    Some(_) => Some(()),
                };
                if read.is_none() {
                    t.unparsed(offset, line);
                }
            }
        }
    }

    fn cut(&self, line: &[u8], offset: u64, t: &mut Tally) {
        // A delivery line the log lost the end of: say so rather than drop it.
        if let Some(f) = frame::parse(line)
            && delivers(f.agent())
            && frame::find(f.text, b"to=<").is_some()
        {
            t.unparsed(offset, line);
        }
    }
}

/// The syslog frame of `line`. A line with the last line's timestamp length and host has its
/// tag found at once ([`frame::Shape`]); any other is read whole, and its shape kept.
#[inline]
fn framed<'a>(line: &'a [u8], t: &mut Tally) -> Option<Frame<'a>> {
    if let Some(at) = t.shape.tag_start(line)
        && let Some((tag, text)) = frame::tag_text(&line[at..])
    {
        return t.shape.frame(line, tag, text, &mut t.stamps);
    }
    let f = frame::parse_cached(line, &mut t.stamps)?;
    t.shape.note(line, &f);
    Some(f)
}

/// A queue manager line holding `status=`: `QID: from=<…>, status=expired, returned to
/// sender`, one per message. `None` when it does not parse.
fn expired(f: &Frame<'_>, t: &mut Tally) -> Option<()> {
    let (_, rest) = frame::queue_id(f.text)?;
    let at = frame::find(rest, b"status=")?;
    if !rest.starts_with(b"from=<") || !rest[at + 7..].starts_with(b"expired") {
        return None;
    }
    t.host(f.host);
    t.outcome(f.stamp, Outcome::Expired, 1);
    Some(())
}

/// Read a status line of `agent`; `status` starts at its `status=`. `None` when it does not
/// parse.
fn status(f: &Frame<'_>, agent: &[u8], status: &[u8], t: &mut Tally) -> Option<()> {
    let (id, rest) = frame::queue_id(f.text)?;
    let word = status.get(7..)?;
    let word = &word[..short::find2(word, b' ', b',', word.len()).unwrap_or(word.len())];
    let addr = rest.strip_prefix(b"to=<")?;
    let addr = &addr[..short::find(addr, b'>', addr.len())?];
    let outcome = match word {
        b"sent" => Some(Outcome::Sent),
        b"deferred" | b"SOFTBOUNCE" => Some(Outcome::Deferred),
        b"bounced" => Some(Outcome::Bounced),
        b"deliverable" | b"undeliverable" => None,
        _ => return None,
    };
    // `relay=` follows the address (or `orig_to=<…>`), so look there before searching.
    let after = &rest[4 + addr.len()..];
    let relay_at = match after.strip_prefix(b">, relay=") {
        Some(_) => Some(4 + addr.len() + 9),
        None => frame::find(rest, b"relay=").map(|i| i + 6),
    };
    let relay = relay_at.map(|i| {
        let r = &rest[i..];
        &r[..short::find(r, b',', r.len()).unwrap_or(r.len())]
    });
    let Some(outcome) = outcome else {
        t.counts.probes += 1;
        return Some(());
    };
    if relay.is_some_and(loopback) {
        t.counts.filter_hops += 1;
    } else if local_agent(agent) {
        t.counts.local += 1;
    } else {
        t.host(f.host);
        t.outcome(f.stamp, outcome, 1);
        if outcome == Outcome::Sent {
            t.lives.sent(id, 1);
            let mut buf = [0; 256];
            if let Some(d) = frame::domain(addr, &mut buf) {
                t.domain(d);
            }
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::scan;

    fn tally(log: &str) -> Tally {
        let mut t = Tally::default();
        scan(&Postfix::new(b""), log.as_bytes(), 0, true, &mut t);
        t
    }

    const SENT: &str = "Nov 28 06:34:30 mx1 postfix/smtp[21877]: 3F2A81C0B4E: to=<alice@Example.NET>, relay=mx.example.net[198.51.100.25]:25, delay=0.84, delays=0.05/0.01/0.31/0.47, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9C1D42A07F)\n";

    #[test]
    fn a_sent_line_counts_with_its_domain() {
        let t = tally(SENT);
        assert_eq!(t.counts.sent, 1);
        assert_eq!(t.domains.get(&b"example.net"[..]), Some(&1));
        assert_eq!(t.lives.len(), 1);
    }

    #[test]
    fn outcomes_hops_local_probes_and_noise() {
        let log = "\
Nov 28 06:40:02 mx1 postfix/smtp[22010]: 7B0E51C0C11: to=<carol@example.org>, relay=none, delay=30, delays=0.02/0/30/0, dsn=4.4.1, status=deferred (connect to mail.example.org[203.0.113.7]:25: Connection timed out)
Nov 28 06:41:15 mx1 postfix/smtp[22011]: 8D1C21C0C20: to=<dave@example.com>, orig_to=<sales@example.com>, relay=mx2.example.com[192.0.2.30]:25, delay=2.1, delays=0.1/0/0.9/1.1, dsn=5.1.1, status=bounced (User unknown)
Nov 28 06:52:00 mx1 postfix/smtp[30601]: 5E0A11C0E77: to=<erin@example.net>, relay=127.0.0.1[127.0.0.1]:10025, delay=0.31, delays=0.01/0/0/0.3, dsn=2.0.0, status=sent (250 2.0.0 queued as 6A1B21C0E90)
Nov 28 06:52:01 mx1 postfix/local[30602]: 6A1B21C0E91: to=<root@mx1.example.com>, relay=local, delay=0.1, dsn=2.0.0, status=sent (delivered to mailbox)
Nov 28 06:52:02 mx1 postfix/smtp[30603]: 6A1B21C0E92: to=<x@example.com>, relay=mx.example.com[192.0.2.1]:25, dsn=2.1.5, status=deliverable (250 ok)
Nov 28 06:52:03 mx1 postfix/cleanup[30604]: 6A1B21C0E93: warning: header Subject: status=sent (250 ok) from x; from=<a@b> to=<c@d>
Nov 28 06:52:04 mx1 postfix/smtp[30605]: 6A1B21C0E94: to=<y@example.com>, relay=mx.example.com[192.0.2.1]:25, status=snet (250 ok)
Dec  3 11:02:47 mx1 postfix/qmgr[1042]: 7B0E51C0C11: from=<news@example.com>, status=expired, returned to sender
";
        let t = tally(log);
        let c = t.counts;
        assert_eq!((c.sent, c.deferred, c.bounced, c.expired), (0, 1, 1, 1));
        assert_eq!((c.filter_hops, c.local, c.probes, c.unparsed), (1, 1, 1, 1));
        assert_eq!(
            t.examples[0].offset as usize,
            log.find("Nov 28 06:52:04").unwrap()
        );
    }

    #[test]
    fn lives_end_at_removed_and_null_senders_are_marked() {
        let log = "\
Nov 28 06:41:16 mx1 postfix/qmgr[1042]: 2C77A1C0D05: from=<>, size=3210, nrcpt=1 (queue active)
Nov 28 06:41:17 mx1 postfix/smtp[1]: 2C77A1C0D05: to=<news@example.com>, relay=mx.example.com[192.0.2.1]:25, dsn=2.0.0, status=sent (250 ok)
Nov 28 06:41:18 mx1 postfix/qmgr[1042]: 2C77A1C0D05: removed
";
        let mut t = tally(log);
        let mut open = crate::lives::OpenLives::default();
        open.merge(&mut t.lives, 0);
        let f = open.finish();
        assert_eq!((f.messages, f.notifications), (1, 1));
    }

    #[test]
    fn a_cut_last_line_is_reported_a_whole_one_counted() {
        let cut = "Nov 28 06:34:30 mx1 postfix/smtp[21877]: 3F2A81C0B4E: to=<alice@example.net>, relay=mx.exa";
        let t = tally(cut);
        assert_eq!((t.counts.sent, t.counts.unparsed), (0, 1));
        let t = tally(SENT.trim_end());
        assert_eq!((t.counts.sent, t.counts.unparsed), (1, 0));
        let t = tally(&format!(
            "{SENT}Nov 28 06:34:31 mx1 postfix/smtp[2]: 3F2A81C0B4F: to=<b@example.net>, relay=x, status=se"
        ));
        assert_eq!((t.counts.sent, t.counts.unparsed), (1, 1));
    }

    #[test]
    fn every_timestamp_dialect_and_second_instances() {
        for prefix in [
            "Nov 28 06:34:30 mx1 postfix-out/smtp[1]:",
            "Nov 08 06:34:30 mx1 postfix/smtp[1]:",
            "2025-11-28T06:34:30.418273+01:00 mx1 postfix/smtp[1]:",
            "2025-11-28T06:34:30+0100 mx1 postfix/smtp[1]:",
            "2025-11-28T06:34:30Z mx1 postfix/smtp[1]:",
        ] {
            let line = format!(
                "{prefix} 3F2A81C0B4E: to=<a@example.net>, relay=mx.example.net[198.51.100.25]:25, dsn=2.0.0, status=sent (ok)\n"
            );
            assert_eq!(tally(&line).counts.sent, 1, "{prefix}");
            assert!(recognises(line.as_bytes()), "{prefix}");
        }
        assert!(!recognises(b"Nov 28 06:34:30 mx1 dovecot: imap-login: x"));
    }

    #[test]
    fn non_utf8_and_ipv6_relays() {
        let mut line = b"Nov 28 06:34:30 mx1 postfix/smtp[1]: 3F2A81C0B4E: to=<j\xe9r\xf4me@example.net>, relay=mx.example.net[2001:db8::25]:25, dsn=2.0.0, status=sent (ok)\n".to_vec();
        let mut t = Tally::default();
        scan(&Postfix::new(b""), &line, 0, true, &mut t);
        assert_eq!(t.counts.sent, 1);
        line.clear();
        line.extend_from_slice(b"Nov 28 06:34:30 mx1 postfix/smtp[1]: 3F2A81C0B4E: to=<a@example.net>, relay=x[::1]:10025, status=sent (ok)\n");
        let mut t = Tally::default();
        scan(&Postfix::new(b""), &line, 0, true, &mut t);
        assert_eq!(t.counts.filter_hops, 1);
    }
}
