//! KumoMTA's JSON log records, one object per line.

use super::frame;
use super::scan::{self, Lines, Literals};
use super::tally::{Outcome, Tally};
use super::time;
use serde::Deserialize;
use std::borrow::Cow;

/// KumoMTA's line reader.
#[derive(Default)]
pub struct Kumo;

/// The fields read from a record; the rest are skipped.
#[derive(Deserialize)]
struct Record<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(default, borrow)]
    recipient: Option<Recipient<'a>>,
    #[serde(default, borrow)]
    sender: Option<Cow<'a, str>>,
    timestamp: i64,
}

/// One recipient, or a list in records that carry several.
#[derive(Deserialize)]
#[serde(untagged)]
enum Recipient<'a> {
    One(#[serde(borrow)] Cow<'a, str>),
    Many(#[serde(borrow)] Vec<Cow<'a, str>>),
}

/// True when a line is a KumoMTA record.
pub fn recognises(line: &[u8]) -> bool {
    line.first() == Some(&b'{') && serde_json::from_slice::<Record<'_>>(line).is_ok()
}

impl Lines for Kumo {
    fn literals(&self) -> Option<&Literals> {
        None
    }

    fn line(&self, line: &[u8], _hit: Option<(usize, usize)>, offset: u64, t: &mut Tally) {
        let line = scan::trim_cr(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        let Some(rec) = serde_json::from_slice::<Record<'_>>(line)
            .ok()
            .and_then(|r| Some((time::unix(r.timestamp)?, r)))
        else {
            t.unparsed(offset, line);
            return;
        };
        let (stamp, rec) = rec;
        let outcome = match &*rec.kind {
            "Delivery" => Outcome::Sent,
            "TransientFailure" => Outcome::Deferred,
            "Bounce" | "AdminBounce" => Outcome::Bounced,
            "Expiration" => Outcome::Expired,
            _ => return,
        };
        let recipients: Vec<&str> = match &rec.recipient {
            Some(Recipient::One(r)) => vec![r],
            Some(Recipient::Many(rs)) if !rs.is_empty() => rs.iter().map(|r| &**r).collect(),
            _ => {
                t.unparsed(offset, line);
                return;
            }
        };
        let n = recipients.len() as u64;
        t.outcome(stamp, outcome, n);
        if outcome == Outcome::Sent {
            // A KumoMTA message has one recipient, and a delivery ends it.
            t.counts.messages += 1;
            if rec.sender.as_deref() == Some("") {
                t.counts.notifications += n;
            }
            let mut buf = [0; 256];
            for r in recipients {
                if let Some(d) = frame::domain(r.as_bytes(), &mut buf) {
                    t.domain(d);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::scan;

    #[test]
    fn record_types_count_and_junk_is_reported() {
        let log = r#"{"type":"Reception","id":"1d98","sender":"news@example.com","recipient":"alice@example.net","timestamp":1764311669,"meta":{"timestamp":"x"}}
{"type":"Delivery","id":"1d98","sender":"news@example.com","recipient":"alice@Example.net","queue":"example.net","response":{"code":250,"content":"Ok \"queued\""},"timestamp":1764311671,"created":1764311669}
{"type":"TransientFailure","id":"6b1c","sender":"news@example.com","recipient":"carol@example.org","timestamp":1764312002}
{"type":"Bounce","id":"6b1d","sender":"news@example.com","recipient":"dave@example.com","timestamp":1764312003}
{"type":"Expiration","id":"6b1e","sender":"news@example.com","recipient":"erin@example.com","timestamp":1764312004}
{"type":"Delivery","id":"6b1f","sender":"","recipient":"news@example.com","timestamp":1764312005}
{"type":"Delivery","id":"6b20","sender":"news@example.com","recipient":"x@example.com"
not json at all

"#;
        let mut t = Tally::default();
        scan(&Kumo, log.as_bytes(), 0, true, &mut t);
        let c = t.counts;
        assert_eq!(
            (c.sent, c.deferred, c.bounced, c.expired, c.unparsed),
            (2, 1, 1, 1, 2)
        );
        assert_eq!((c.messages, c.notifications), (2, 1));
        assert_eq!(t.domains.get(&b"example.net"[..]), Some(&1));
        assert!(recognises(log.lines().next().unwrap().as_bytes()));
    }
}
