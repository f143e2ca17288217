//! Sendmail through syslog: `QID: to=<a>,<b>, … mailer=esmtp, … stat=Sent (…)`, where one line
//! can stand for several recipients.

use super::frame::{self, Frame};
use super::scan::{self, Lines, Literals};
use super::tally::{Outcome, Tally};

/// Sendmail's line reader.
pub struct Sendmail {
    literals: Literals,
}

impl Sendmail {
    /// A reader tuned to a log whose first bytes are `head`.
    pub fn new(head: &[u8]) -> Sendmail {
        Sendmail {
            // The null sender first, so it is known before the message's deliveries.
            literals: Literals::new(&[": from=<>,", "stat="], head),
        }
    }
}

/// Sendmail's syslog tags: `sendmail`, Debian's `sm-mta` and `sm-msp-queue`, and names set
/// with `sendmail -L` that keep the prefix (`sendmail-out`).
fn sendmail_tag(tag: &[u8]) -> bool {
    tag.starts_with(b"sendmail") || tag.starts_with(b"sm-mta") || tag == b"sm-msp-queue"
}

/// True when a line is Sendmail's.
pub fn recognises(line: &[u8]) -> bool {
    frame::parse(line).is_some_and(|f| sendmail_tag(f.tag))
}

impl Lines for Sendmail {
    fn literals(&self) -> Option<&Literals> {
        Some(&self.literals)
    }

    fn line(&self, line: &[u8], hit: Option<(usize, usize)>, offset: u64, t: &mut Tally) {
        let line = scan::trim_cr(line);
        let frame = frame::parse(line);
        if hit.is_some_and(|(which, _)| which == 0) {
            if let Some(f) = frame.filter(|f| sendmail_tag(f.tag))
                && let Some((id, rest)) = frame::queue_id(f.text)
                && rest.starts_with(b"from=<>,")
            {
                t.lives.null_sender(id);
            }
            return;
        }
        let Some((_, at)) = hit else { return };
        match frame {
            Some(f) if sendmail_tag(f.tag) => {
                if status(&f, &line[at..], t).is_none() {
                    t.unparsed(offset, line);
                }
            }
            Some(_) => {}
            None => t.unparsed(offset, line),
        }
    }

    fn cut_hit(&self, line: &[u8], hit: (usize, usize), offset: u64, t: &mut Tally) {
        // A bounce's text is free-form, so a cut `stat=` cannot be told from one: only the
        // fixed words are read, anything else is reported.
        let word = &line[hit.1..];
        let whole = hit.0 == 0
            || [&b"stat=Sent"[..], b"stat=Deferred", b"stat=queued"]
                .iter()
                .any(|w| word.starts_with(w));
        if whole {
            self.line(line, Some(hit), offset, t);
        } else {
            t.unparsed(offset, line);
        }
    }

    fn cut(&self, line: &[u8], offset: u64, t: &mut Tally) {
        if let Some(f) = frame::parse(line)
            && sendmail_tag(f.tag)
            && frame::queue_id(f.text).is_some_and(|(_, r)| r.starts_with(b"to="))
        {
            t.unparsed(offset, line);
        }
    }
}

/// The recipients of a `to=` list: its addresses, split on commas outside `<…>` and quotes,
/// and where the list ends.
fn recipients(list: &[u8]) -> (Vec<&[u8]>, usize) {
    let mut out = Vec::new();
    let (mut angle, mut quoted, mut start) = (false, false, 0);
    let mut i = 0;
    while i < list.len() {
        match list[i] {
            b'"' => quoted = !quoted,
            b'<' if !quoted => angle = true,
            b'>' if !quoted => angle = false,
            b',' if !quoted && !angle => {
                out.push(&list[start..i]);
                // `, ` ends the list: the next field follows.
                if list.get(i + 1) == Some(&b' ') {
                    return (out, i);
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(&list[start..]);
    (out, list.len())
}

/// Read a `stat=` line; `None` when it does not parse.
fn status(f: &Frame<'_>, stat: &[u8], t: &mut Tally) -> Option<()> {
    let (id, rest) = frame::queue_id(f.text)?;
    let list = rest.strip_prefix(b"to=")?;
    let (to, _) = recipients(list);
    if to.iter().any(|a| a.is_empty()) {
        return None;
    }
    let word = &stat[5..];
    let outcome = if word.starts_with(b"Sent") {
        Outcome::Sent
    } else if word.starts_with(b"Deferred") {
        Outcome::Deferred
    } else if word.starts_with(b"queued") {
        return Some(()); // accepted for later delivery: not an outcome yet
    } else if word.is_empty() {
        return None;
    } else {
        Outcome::Bounced
    };
    let field = |name: &[u8]| {
        frame::find(rest, name).map(|i| {
            let v = &rest[i + name.len()..];
            &v[..v.iter().position(|&b| b == b',').unwrap_or(v.len())]
        })
    };
    let n = to.len() as u64;
    if matches!(field(b", mailer="), Some(b"local" | b"prog")) {
        t.counts.local += n;
        return Some(());
    }
    // Mail submitted on this host goes through the submission program to the daemon on the
    // loopback address first (`mailer=relay, relay=localhost [127.0.0.1]`): a hop, not a
    // delivery; the daemon's own line for the message counts.
    if field(b", relay=").is_some_and(|r| {
        frame::find(r, b"[127.").is_some() || frame::find(r, b"[IPv6:::1]").is_some()
    }) {
        t.counts.filter_hops += n;
        return Some(());
    }
    t.host(f.host);
    t.outcome(f.stamp, outcome, n);
    if outcome == Outcome::Sent {
        t.lives.sent(id, n as u32);
        let mut buf = [0; 256];
        for a in to {
            let a = a.strip_prefix(b"<").unwrap_or(a);
            let a = a.strip_suffix(b">").unwrap_or(a);
            if let Some(d) = frame::domain(a, &mut buf) {
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

    #[test]
    fn the_hosts_of_counted_lines_are_noted_once_each() {
        let log = "\
Nov 28 06:34:31 mx1 sendmail[4412]: 5ASBYTa1004410: to=<a@example.net>, delay=00:00:02, mailer=esmtp, relay=mx.example.net. [198.51.100.25], dsn=2.0.0, stat=Sent (ok)
Nov 28 06:34:32 mx2 sendmail[4413]: 5ASBYTa1004411: to=<b@example.net>, delay=00:00:02, mailer=esmtp, relay=mx.example.net. [198.51.100.25], dsn=2.0.0, stat=Sent (ok)
Nov 28 06:34:33 mx1 sendmail[4414]: 5ASBYTa1004412: to=<c@example.net>, delay=00:00:02, mailer=esmtp, relay=mx.example.net. [198.51.100.25], dsn=2.0.0, stat=Sent (ok)
Nov 28 06:34:34 relay9 sendmail[4415]: 5ASBYTa1004413: from=<news@example.com>, size=1, nrcpts=1
";
        let mut t = Tally::default();
        scan(&Sendmail::new(b""), log.as_bytes(), 0, true, &mut t);
        assert_eq!(t.counts.sent, 3);
        let hosts: Vec<&[u8]> = t.hosts.iter().map(|h| &h[..]).collect();
        assert_eq!(
            hosts,
            [&b"mx1"[..], b"mx2"],
            "a line not counted names no host"
        );
    }

    #[test]
    fn one_line_many_recipients_and_every_stat() {
        let log = "\
Nov 28 06:34:29 mx1 sendmail[4410]: 5ASBYTa1004410: from=<news@example.com>, size=18432, class=0, nrcpts=2, msgid=<x@mx1>, proto=ESMTP, daemon=MTA
Nov 28 06:34:31 mx1 sendmail[4412]: 5ASBYTa1004410: to=<alice@example.net>,<bob@example.net>, delay=00:00:02, xdelay=00:00:01, mailer=esmtp, pri=138432, relay=mx.example.net. [198.51.100.25], dsn=2.0.0, stat=Sent (Ok: queued as 9C1D42A07F)
Nov 28 06:40:02 mx1 sendmail[4420]: 5ASBaTa3004418: to=<carol@example.org>, delay=00:05:33, xdelay=00:00:30, mailer=esmtp, pri=228432, relay=mail.example.org. [203.0.113.7], dsn=4.0.0, stat=Deferred: Connection timed out with mail.example.org.
Nov 28 06:41:02 mx1 sendmail[4421]: 5ASBaTa3004419: to=\"Smith, J\" <j@example.org>, delay=00:00:01, mailer=esmtp, dsn=5.1.1, stat=User unknown
Nov 28 06:41:03 mx1 sm-mta[4422]: 5ASBaTa3004420: to=root, ctladdr=<root@mx1> (0/0), delay=00:00:00, mailer=local, dsn=2.0.0, stat=Sent
Nov 28 06:41:04 mx1 sendmail[4423]: 5ASBaTa3004421: to=<q@example.org>, delay=00:00:00, mailer=esmtp, stat=queued
Nov 28 06:41:05 mx1 sendmail[4424]: 5ASBaTa3004422: to=, delay=00:00:00, mailer=esmtp, stat=Sent
Nov 28 06:41:06 mx1 sendmail[4425]: 5ASBaTa3004423: to=destuser@example.net, ctladdr=USER (153/126), delay=00:00:01, mailer=relay, pri=30091, relay=localhost [127.0.0.1], dsn=2.0.0, stat=Sent (5ASBaTa3004424 Message accepted for delivery)
Nov 28 06:41:07 mx1 sendmail-out[4426]: 5ASBaTa3004424: to=<destuser@example.net>, delay=00:00:03, mailer=esmtp, relay=mx.example.net. [192.0.2.1], dsn=2.0.0, stat=Sent (ok)
";
        let mut t = Tally::default();
        scan(&Sendmail::new(b""), log.as_bytes(), 0, true, &mut t);
        let c = t.counts;
        assert_eq!(
            (c.sent, c.deferred, c.bounced, c.local, c.unparsed),
            (3, 1, 1, 1, 1)
        );
        assert_eq!(c.filter_hops, 1, "the submission hop to the local daemon");
        assert_eq!(t.domains.get(&b"example.net"[..]), Some(&3));
        assert!(recognises(log.lines().next().unwrap().as_bytes()));
    }

    #[test]
    fn a_last_line_cut_inside_its_stat_is_reported() {
        let line = "Nov 28 06:40:02 mx1 sendmail[4420]: 5ASBaTa3004418: to=<carol@example.org>, delay=00:05:33, mailer=esmtp, dsn=4.0.0, stat=";
        for (end, want) in [
            ("Defe", (0, 0, 1)),
            ("Deferred: timeout", (1, 0, 0)),
            ("User unkn", (0, 0, 1)),
        ] {
            let mut t = Tally::default();
            scan(
                &Sendmail::new(b""),
                format!("{line}{end}").as_bytes(),
                0,
                true,
                &mut t,
            );
            assert_eq!(
                (t.counts.deferred, t.counts.bounced, t.counts.unparsed),
                want,
                "{end}"
            );
        }
        let mut t = Tally::default();
        scan(
            &Sendmail::new(b""),
            format!("{line}User unknown\n").as_bytes(),
            0,
            true,
            &mut t,
        );
        assert_eq!(t.counts.bounced, 1, "a whole line is a bounce");
    }

    #[test]
    fn recipient_lists_split_outside_brackets_and_quotes() {
        let (r, end) = recipients(b"<a@x>,<b@y>, delay=1");
        assert_eq!(r, vec![&b"<a@x>"[..], &b"<b@y>"[..]]);
        assert_eq!(end, 11);
        let (r, _) = recipients(b"\"a, b\" <a@x>, delay=1");
        assert_eq!(r.len(), 1);
    }
}
