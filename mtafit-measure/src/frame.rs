//! The syslog frame around Postfix, Sendmail and (sometimes) Exim lines:
//! `TIMESTAMP HOST TAG[PID]: TEXT`.

use super::short;
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
        agent(self.tag)
    }
}

/// The part of a tag after its last `/`: `smtp` for `postfix-out/smtp`.
#[inline]
pub fn agent(tag: &[u8]) -> &[u8] {
    match short::rfind(tag, b'/') {
        Some(i) => &tag[i + 1..],
        None => tag,
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
            && line.len() >= 15
            && short::eq(&line[..15], &self.bytes)
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
    let host_end = short::find(rest, b' ', 256)?;
    let host = &rest[..host_end];
    let (tag, text) = tag_text(&rest[host_end + 1..])?;
    Some(Frame {
        stamp,
        host,
        tag,
        text,
    })
}

/// `TAG[PID]: TEXT` (the `[PID]` is optional), the part of a syslog line after its host:
/// the tag and the text.
#[inline]
pub fn tag_text(rest: &[u8]) -> Option<(&[u8], &[u8])> {
    // The tag ends at the first `: `; a space before it means this is not a tag but text.
    let end = short::find2(rest, b':', b' ', 128)?;
    if rest[end] != b':' || rest.get(end + 1) != Some(&b' ') {
        return None;
    }
    let head = &rest[..end];
    let tag = match head.strip_suffix(b"]") {
        Some(h) => &h[..short::rfind(h, b'[')?],
        None => head,
    };
    if tag.is_empty() {
        return None;
    }
    Some((tag, &rest[end + 2..]))
}

/// The shape of the last syslog line read whole: how long its timestamp is and which host
/// wrote it. The lines of a log mostly share both, so the next line's tag is found by
/// comparing its host's few bytes, without reading its timestamp or searching for its host —
/// which is most of the work for the many lines that turn out not to matter.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// The timestamp's length; 0 before any line was read whole.
    stamp_len: usize,
    host_len: usize,
    host: [u8; Shape::HOST],
}

impl Default for Shape {
    fn default() -> Shape {
        Shape {
            stamp_len: 0,
            host_len: 0,
            host: [0; Shape::HOST],
        }
    }
}

impl Shape {
    /// The longest host remembered; a longer one is read line by line.
    const HOST: usize = 64;

    /// Where `line`'s tag starts, when `line` has this shape: a space where the timestamp
    /// ends, then the same host and a space.
    #[inline]
    pub fn tag_start(&self, line: &[u8]) -> Option<usize> {
        let host_at = self.stamp_len + 1;
        let end = host_at + self.host_len;
        let same = self.stamp_len > 0
            && line.len() > end
            && line[self.stamp_len] == b' '
            && line[end] == b' '
            && short::eq(&line[host_at..end], &self.host[..self.host_len]);
        same.then_some(end + 1)
    }

    /// Remember the shape of `line`, read whole into `f`.
    pub fn note(&mut self, line: &[u8], f: &Frame<'_>) {
        // `f.host` lies inside `line`, after the timestamp and its space.
        let host_at = f.host.as_ptr() as usize - line.as_ptr() as usize;
        if f.host.len() <= Shape::HOST && host_at > 1 {
            self.stamp_len = host_at - 1;
            self.host_len = f.host.len();
            self.host[..f.host.len()].copy_from_slice(f.host);
        }
    }

    /// The frame of `line`, whose tag and text [`Shape::tag_start`] found; its timestamp is
    /// read through `stamps`. A timestamp of another length is read whole after all.
    pub fn frame<'a>(
        &self,
        line: &'a [u8],
        tag: &'a [u8],
        text: &'a [u8],
        stamps: &mut StampCache,
    ) -> Option<Frame<'a>> {
        match stamps.stamp(line) {
            Some((stamp, n)) if n == self.stamp_len => Some(Frame {
                stamp,
                host: &line[n + 1..n + 1 + self.host_len],
                tag,
                text,
            }),
            _ => parse_cached(line, stamps),
        }
    }
}

/// `QID: ` at the start of a message text: the queue id (letters and digits, 5–24 of them).
pub fn queue_id(text: &[u8]) -> Option<(&[u8], &[u8])> {
    let end = short::find(text, b':', 25)?;
    let id = &text[..end];
    // Words Postfix writes where a queue id would be.
    if id.len() < 5
        || !short::alnum(id)
        || matches!(id, b"NOQUEUE" | b"warning" | b"fatal" | b"panic" | b"error")
    {
        return None;
    }
    let rest = text[end + 1..].strip_prefix(b" ")?;
    Some((id, rest))
}

/// The queue id just before `at` in a line of `AGENT`: `…/qmgr[1042]: 6C3C3F2FD41` + `: removed`
/// at `at`, found without reading the timestamp (these lines need only the id).
pub fn id_before<'a>(line: &'a [u8], at: usize, agent: &[u8]) -> Option<&'a [u8]> {
    let head = &line[..at];
    let start = short::rfind(head, b' ')? + 1;
    let id = &head[start..];
    let tag = head[..start - 1].strip_suffix(b":")?;
    let tag = match tag.strip_suffix(b"]") {
        Some(t) => &t[..short::rfind(t, b'[')?],
        None => tag,
    };
    let named = tag.len() > agent.len()
        && short::eq(&tag[tag.len() - agent.len()..], agent)
        && matches!(tag[tag.len() - agent.len() - 1], b'/' | b' ');
    let ok = named && (5..=24).contains(&id.len()) && short::alnum(id);
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
    let at = short::rfind(addr, b'@')?;
    let d = &addr[at + 1..];
    if d.is_empty() || d.len() > buf.len() {
        return None;
    }
    short::lower_into(d, &mut buf[..d.len()]);
    Some(&buf[..d.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A syslog line from pieces that vary where the shape's shortcut could go wrong.
    fn line(stamp: usize, host: usize, tag: usize, text: &str) -> Vec<u8> {
        let stamp = [
            "Nov 28 06:34:30",
            "Nov  8 06:34:31",
            "Nov 28 06:34:30.418273",
            "2025-11-28T06:34:30.418273+01:00",
            "2025-11-28T06:34:30Z",
            "Feb 30 06:34:30",
            "Nov 28 6:34:30",
        ][stamp];
        // "mx12 mx1": after a 15-byte stamp, "mx1" sits where a 20-byte stamp's host would.
        let host = [
            "mx1",
            "mx1.example.com",
            "mx12 mx1",
            "",
            "a-host-name-longer-than-sixty-four-bytes-which-the-shape-does-not-keep",
        ][host];
        let tag = [
            "postfix/smtp[21877]",
            "postfix-out/qmgr",
            "postfix/smtp[1",
            "sendmail[4410]",
            "x y[1]",
        ][tag];
        format!("{stamp} {host} {tag}: {text}").into_bytes()
    }

    /// The shape's shortcut reads every line as `parse` does, whatever line came before: every
    /// pair of lines built from the pieces above.
    #[test]
    fn the_shape_reads_a_line_as_parse_does() {
        let pieces =
            || (0..7).flat_map(|s| (0..5).flat_map(move |h| (0..5).map(move |t| (s, h, t))));
        let key = |f: Option<Frame<'_>>| {
            f.map(|f| (f.stamp, f.host.to_vec(), f.tag.to_vec(), f.text.to_vec()))
        };
        for before in pieces() {
            let first = line(before.0, before.1, before.2, "3F2A81C0B4E: removed");
            let mut shape = Shape::default();
            if let Some(f) = parse(&first) {
                shape.note(&first, &f);
            }
            for now in pieces() {
                for text in ["3F2A81C0B4E: to=<a@b>, status=sent", "", "x: y"] {
                    let second = line(now.0, now.1, now.2, text);
                    let mut stamps = StampCache::default();
                    let whole = parse(&second);
                    // Without a shortcut the line is read whole, as before shapes.
                    if let Some(at) = shape.tag_start(&second) {
                        let by_shape = tag_text(&second[at..])
                            .and_then(|(tag, text)| shape.frame(&second, tag, text, &mut stamps));
                        assert_eq!(
                            key(by_shape),
                            key(whole),
                            "{:?} after {:?}",
                            String::from_utf8_lossy(&second),
                            String::from_utf8_lossy(&first)
                        );
                    }
                }
            }
        }
    }

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
