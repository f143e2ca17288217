//! The syslog frame around Postfix, Sendmail and (sometimes) Exim lines:
//! `TIMESTAMP HOST TAG[PID]: TEXT`.

use super::time::{self, Stamp};
use memchr::memchr;

/// One syslog line taken apart.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    /// When the line was written.
    pub stamp: Stamp,
    /// The program tag, e.g. `postfix/smtp` or `sendmail`.
    pub tag: &'a [u8],
    /// Everything after `]: `.
    pub text: &'a [u8],
}

impl<'a> Frame<'a> {
    /// The part of the tag after its last `/`: `smtp` for `postfix-out/smtp`.
    pub fn agent(&self) -> &'a [u8] {
        match memchr::memrchr(b'/', self.tag) {
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

/// Reads `TIMESTAMP HOST TAG[PID]: TEXT` (the `[PID]` is optional).
pub fn parse(line: &[u8]) -> Option<Frame<'_>> {
    let (stamp, n) = stamp(line)?;
    let rest = line.get(n..)?.strip_prefix(b" ")?;
    let host_end = memchr(b' ', rest)?;
    let rest = &rest[host_end + 1..];
    let colon = find_colon_space(rest)?;
    let head = &rest[..colon];
    let tag = match memchr(b'[', head) {
        Some(i) if head.last() == Some(&b']') => &head[..i],
        Some(_) => return None,
        None => head,
    };
    if tag.is_empty() || memchr(b' ', tag).is_some() {
        return None;
    }
    Some(Frame {
        stamp,
        tag,
        text: &rest[colon + 2..],
    })
}

/// The first `: ` in a short head (tags are short; a long search means this is not a tag).
fn find_colon_space(s: &[u8]) -> Option<usize> {
    let limit = s.len().min(128);
    let mut from = 0;
    while let Some(i) = memchr(b':', &s[from..limit]) {
        let at = from + i;
        if s.get(at + 1) == Some(&b' ') {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// `QID: ` at the start of a message text: the queue id (letters and digits, 5–24 of them).
pub fn queue_id(text: &[u8]) -> Option<(&[u8], &[u8])> {
    let end = memchr(b':', &text[..text.len().min(25)])?;
    let id = &text[..end];
    if id.len() < 5 || !id.iter().all(u8::is_ascii_alphanumeric) {
        return None;
    }
    // Words Postfix writes where a queue id would be.
    if matches!(id, b"NOQUEUE" | b"warning" | b"fatal" | b"panic" | b"error") {
        return None;
    }
    let rest = text[end + 1..].strip_prefix(b" ")?;
    Some((id, rest))
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
