//! The syslog frame around Postfix, Sendmail and (sometimes) Exim lines:
//! `TIMESTAMP HOST TAG[PID]: TEXT`.

use super::time::{self, Stamp};
use memchr::memchr;

/// One syslog line taken apart.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    /// When the line was written.
    pub stamp: Stamp,
    /// The syslog host field: which machine wrote the line.
    pub host: &'a [u8],
    /// The program tag, e.g. `postfix/smtp` or `sendmail`.
    pub tag: &'a [u8],
    /// Everything after `]: `.
    pub text: &'a [u8],
}

impl<'a> Frame<'a> {
    /// The part of the tag after its last `/`: `smtp` for `postfix-out/smtp`.
    pub fn agent(&self) -> &'a [u8] {
        // A tag is a dozen bytes: a plain loop, not `memrchr`'s set-up for long haystacks.
        match self.tag.iter().rposition(|&b| b == b'/') {
            Some(i) => &self.tag[i + 1..],
            None => self.tag,
        }
    }
}

/// A timestamp of any syslog dialect at the start of a line, and its length.
pub fn stamp(line: &[u8]) -> Option<(Stamp, usize)> {
    // Fixed-position dispatch: ISO dates have '-' at byte 4, syslog dates a space at byte 3.
    match line.get(4) {
        Some(b'-') => time::rfc3339(line),
        _ => time::syslog(line),
    }
}

/// The first `b` within the first `limit` bytes of `s`. Host names, tags and queue ids are a
/// few bytes long, where a plain loop beats a vectorised search's set-up.
fn short_find(s: &[u8], b: u8, limit: usize) -> Option<usize> {
    s.iter().take(limit).position(|&x| x == b)
}

/// The last syslog timestamp read, by its 15 bytes: consecutive lines mostly share their
/// second, and comparing 15 bytes costs less than reading the date again.
#[derive(Debug, Default, Clone, Copy)]
pub struct StampCache {
    bytes: [u8; 15],
    stamp: Option<Stamp>,
}

impl StampCache {
    /// `stamp(line)`, from the cache when the line starts with the same 15 bytes as the last
    /// syslog timestamp read (a syslog stamp is read from exactly those bytes, plus an optional
    /// fraction after them).
    pub fn stamp(&mut self, line: &[u8]) -> Option<(Stamp, usize)> {
        if let Some(s) = self.stamp
            && line.get(..15) == Some(&self.bytes[..])
        {
            return Some((s, 15 + time::fraction(line, 15)));
        }
        let (s, n) = stamp(line)?;
        // Only syslog stamps: an RFC 3339 one is longer than 15 bytes.
        if line[4] != b'-' {
            self.bytes.copy_from_slice(&line[..15]);
            self.stamp = Some(s);
        }
        Some((s, n))
    }
}

/// Reads `TIMESTAMP HOST TAG[PID]: TEXT` (the `[PID]` is optional).
pub fn parse(line: &[u8]) -> Option<Frame<'_>> {
    let stamped = stamp(line)?;
    rest(line, stamped)
}

/// `parse`, reading the timestamp through `cache`.
pub fn parse_cached<'a>(line: &'a [u8], cache: &mut StampCache) -> Option<Frame<'a>> {
    let stamped = cache.stamp(line)?;
    rest(line, stamped)
}

/// The frame after its timestamp, `stamp` of `n` bytes.
#[inline(always)]
fn rest(line: &[u8], (stamp, n): (Stamp, usize)) -> Option<Frame<'_>> {
    let rest = line.get(n..)?.strip_prefix(b" ")?;
    let host_end = short_find(rest, b' ', 256)?;
    let host = &rest[..host_end];
    let rest = &rest[host_end + 1..];
    // The tag ends at the first `: `; a space before it means this is not a tag but text.
    let end = memchr::memchr2(b':', b' ', &rest[..rest.len().min(128)])?;
    if rest[end] != b':' || rest.get(end + 1) != Some(&b' ') {
        return None;
    }
    let head = &rest[..end];
    let tag = match head.strip_suffix(b"]") {
        Some(h) => &h[..memchr::memrchr(b'[', h)?],
        None => head,
    };
    if tag.is_empty() {
        return None;
    }
    Some(Frame {
        stamp,
        host,
        tag,
        text: &rest[end + 2..],
    })
}

/// `QID: ` at the start of a message text: the queue id (letters and digits, 5–24 of them).
pub fn queue_id(text: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut end = None;
    for (i, &b) in text.iter().take(25).enumerate() {
        if b == b':' {
            end = Some(i);
            break;
        }
        if !b.is_ascii_alphanumeric() {
            return None;
        }
    }
    let end = end?;
    let id = &text[..end];
    // Words Postfix writes where a queue id would be.
    if id.len() < 5 || matches!(id, b"NOQUEUE" | b"warning" | b"fatal" | b"panic" | b"error") {
        return None;
    }
    let rest = text[end + 1..].strip_prefix(b" ")?;
    Some((id, rest))
}

/// The queue id just before `at` in a line of `AGENT`: `…/qmgr[1042]: 6C3C3F2FD41` + `: removed`
/// at `at`, found without reading the timestamp (these lines need only the id).
pub fn id_before<'a>(line: &'a [u8], at: usize, agent: &[u8]) -> Option<&'a [u8]> {
    let head = &line[..at];
    let start = head.iter().rposition(|&b| b == b' ')? + 1;
    let id = &head[start..];
    let tag = head[..start - 1].strip_suffix(b":")?;
    let tag = match tag.strip_suffix(b"]") {
        Some(t) => &t[..t.iter().rposition(|&b| b == b'[')?],
        None => tag,
    };
    let named = tag
        .strip_suffix(agent)
        .is_some_and(|t| t.ends_with(b"/") || t.ends_with(b" "));
    let ok = named && (5..=24).contains(&id.len()) && id.iter().all(u8::is_ascii_alphanumeric);
    ok.then_some(id)
}

/// The first `needle` in a short `hay` (a line). `memmem::find` builds a searcher per call,
/// which costs more than the search itself on a line.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut from = 0;
    while let Some(i) = memchr(first, &hay[from..]) {
        let at = from + i;
        if hay[at + 1..].starts_with(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The lower-cased domain of an address (`alice@Example.NET` → `example.net`), into `buf`.
pub fn domain<'b>(addr: &[u8], buf: &'b mut [u8; 256]) -> Option<&'b [u8]> {
    let at = memchr::memrchr(b'@', addr)?;
    let d = &addr[at + 1..];
    if d.is_empty() || d.len() > buf.len() {
        return None;
    }
    for (o, &b) in buf.iter_mut().zip(d) {
        *o = b.to_ascii_lowercase();
    }
    Some(&buf[..d.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_stamps_match_fresh_ones() {
        let mut c = StampCache::default();
        for line in [
            &b"Nov 28 06:34:30 mx1 postfix/smtp[1]: x"[..],
            b"Nov 28 06:34:30.418273 mx1 postfix/smtp[1]: x",
            b"Nov 28 06:34:30 mx1 postfix/smtp[1]: x",
            b"Nov 28 06:34:31 mx1 postfix/smtp[1]: x",
            b"2026-11-28T06:34:31Z mx1 postfix/smtp[1]: x",
            b"Nov 28 06:34:31 mx1 postfix/smtp[1]: x",
            b"Nov 28 06:34:3",
        ] {
            assert_eq!(c.stamp(line), stamp(line));
        }
    }

    #[test]
    fn frames_of_every_dialect() {
        let f = parse(b"Nov 28 06:34:30 mx1 postfix/smtp[21877]: 3F2A81C0B4E: to=<a@b>").unwrap();
        assert_eq!(f.tag, b"postfix/smtp");
        assert_eq!(f.agent(), b"smtp");
        assert_eq!(f.text, b"3F2A81C0B4E: to=<a@b>");
        let f = parse(b"2025-11-28T06:34:30+0100 mx1 postfix/submission/smtpd[1]: x").unwrap();
        assert_eq!(f.agent(), b"smtpd");
        let f = parse(b"Nov 28 06:34:30 mx1 sendmail[4410]: 5ASBYTa1004410: from=<>").unwrap();
        assert_eq!(f.tag, b"sendmail");
        assert!(parse(b"Nov 28 06:34:30 mx1").is_none());
        assert!(parse(b"garbage").is_none());
        assert!(parse(b"Nov 28 06:34:30 mx1 no colon here at all").is_none());
    }

    #[test]
    fn ids_found_backwards_from_the_literal() {
        let line = b"Nov 28 06:34:31 mx1 postfix/qmgr[1042]: 3F2A81C0B4E: removed";
        assert_eq!(id_before(line, 51, b"qmgr"), Some(&b"3F2A81C0B4E"[..]));
        assert_eq!(id_before(line, 51, b"smtp"), None);
        let other = b"Nov 28 06:34:31 mx1 postfix/cleanup[1]: 3F2A81C0B4E: removed";
        assert_eq!(id_before(other, 54, b"qmgr"), None);
        let text = b"Nov 28 06:34:31 mx1 postfix/smtp[1]: x: message says: removed";
        assert_eq!(id_before(text, 53, b"qmgr"), None);
    }

    #[test]
    fn finds_in_lines() {
        assert_eq!(find(b"a status=sent", b"status="), Some(2));
        assert_eq!(find(b"sss", b"st"), None);
        assert_eq!(find(b"xst", b"st"), Some(1));
        assert_eq!(find(b"", b"x"), None);
        assert_eq!(find(b"abc", b""), None);
    }

    #[test]
    fn queue_ids_and_domains() {
        assert_eq!(
            queue_id(b"3F2A81C0B4E: to=<x>").unwrap(),
            (&b"3F2A81C0B4E"[..], &b"to=<x>"[..])
        );
        assert!(queue_id(b"NOQUEUE reject: x").is_none());
        assert!(queue_id(b"warning: x").is_none());
        let mut buf = [0; 256];
        assert_eq!(
            domain(b"Alice@Example.NET", &mut buf).unwrap(),
            b"example.net"
        );
        assert!(domain(b"alice", &mut buf).is_none());
        assert!(domain(b"alice@", &mut buf).is_none());
    }
}
