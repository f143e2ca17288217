//! Walking a chunk of whole lines. Formats with a literal that every interesting line holds
//! (`status=`, `stat=`) jump from hit to hit with a SIMD multi-literal search and never look at
//! the other lines; the rest read every line.

use super::tally::Tally;
use aho_corasick::{AhoCorasick, Input, MatchKind};
use memchr::{memchr, memrchr};

/// One log format's line reader.
pub trait Lines: Sync {
    /// The literals that mark interesting lines, or `None` to read every line.
    fn literals(&self) -> Option<&AhoCorasick>;

    /// Read one line; `hit` is the literal found (its index and position in the line).
    fn line(&self, line: &[u8], hit: Option<(usize, usize)>, offset: u64, t: &mut Tally);

    /// The input's last line, cut off before its newline, in which no literal was found
    /// (formats that read every line see it in [`Lines::line`] instead).
    fn cut(&self, _line: &[u8], _offset: u64, _t: &mut Tally) {}
}

/// A leftmost-first searcher for `literals`.
pub fn searcher(literals: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(literals)
        .expect("literal patterns always build")
}

/// Scan `buf` (whole lines; the last may lack its newline when `at_end`), starting at byte
/// `base` of its input.
pub fn scan<L: Lines + ?Sized>(lines: &L, buf: &[u8], base: u64, at_end: bool, t: &mut Tally) {
    t.bytes += buf.len() as u64;
    // The start of a last line with no newline, and whether a literal was found in it.
    let cut_start = match (at_end, buf.last()) {
        (true, Some(&b)) if b != b'\n' => Some(memrchr(b'\n', buf).map_or(0, |i| i + 1)),
        _ => None,
    };
    let mut cut_hit = false;
    match lines.literals() {
        Some(ac) => {
            let mut pos = 0;
            while pos < buf.len() {
                let Some(m) = ac.find(Input::new(buf).span(pos..buf.len())) else {
                    break;
                };
                let start = memrchr(b'\n', &buf[pos..m.start()]).map_or(pos, |i| pos + i + 1);
                let end = memchr(b'\n', &buf[m.end()..]).map_or(buf.len(), |i| m.end() + i);
                let hit = (m.pattern().as_usize(), m.start() - start);
                lines.line(&buf[start..end], Some(hit), base + start as u64, t);
                cut_hit |= cut_start == Some(start);
                pos = end + 1;
            }
        }
        None => {
            let mut pos = 0;
            while pos < buf.len() {
                let end = memchr(b'\n', &buf[pos..]).map_or(buf.len(), |i| pos + i);
                lines.line(&buf[pos..end], None, base + pos as u64, t);
                pos = end + 1;
            }
            return;
        }
    }
    if let Some(start) = cut_start.filter(|_| !cut_hit) {
        lines.cut(&buf[start..], base + start as u64, t);
    }
}

/// Strip a trailing carriage return (logs copied from Windows machines).
pub fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}
