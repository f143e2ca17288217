//! Walking a chunk of whole lines. Formats with literals that every interesting line holds
//! (`status=`, `stat=`) jump from hit to hit with SIMD substring search and never look at the
//! other lines; the rest read every line.
//!
//! The substring search skips ahead on the two rarest bytes of the literal. Which bytes are
//! rare depends on the text: in a mail log `=` and `:` are everywhere, so the ranking is taken
//! from the log's own first bytes rather than memchr's built-in English-text table.

use super::tally::{LeapRun, Piece, Tally};
use memchr::arch::all::packedpair::HeuristicFrequencyRank;
use memchr::memmem::{Finder, FinderBuilder};
use memchr::{memchr, memchr_iter, memrchr};

/// One log format's line reader.
pub trait Lines: Sync {
    /// The literals that mark interesting lines, or `None` to read every line.
    fn literals(&self) -> Option<&Literals>;

    /// Read one line for a literal — `hit` is (its index, where it starts in the line) — or
    /// for every line when there are no literals. Lines come in file order; a line holding two
    /// literals comes twice, once for each, in the order the literals are listed.
    fn line(&self, line: &[u8], hit: Option<(usize, usize)>, offset: u64, t: &mut Tally);

    /// The input's last line, cut off before its newline, in which no literal was found
    /// (formats that read every line see it in [`Lines::line`] instead).
    fn cut(&self, _line: &[u8], _offset: u64, _t: &mut Tally) {}

    /// The input's last line, cut off before its newline, for a literal found in it; read
    /// like any other line unless the format knows better.
    fn cut_hit(&self, line: &[u8], hit: (usize, usize), offset: u64, t: &mut Tally) {
        self.line(line, Some(hit), offset, t);
    }
}

/// Byte frequencies of a sample of the log, for picking the rare bytes of a literal.
struct Frequencies([u8; 256]);

impl Frequencies {
    fn of(sample: &[u8]) -> Frequencies {
        let mut counts = [0u64; 256];
        for &b in sample {
            counts[usize::from(b)] += 1;
        }
        let max = counts.iter().copied().max().unwrap_or(0).max(1);
        let mut rank = [0u8; 256];
        for (r, c) in rank.iter_mut().zip(counts) {
            *r = (c * 255 / max) as u8;
        }
        Frequencies(rank)
    }
}

impl HeuristicFrequencyRank for Frequencies {
    fn rank(&self, byte: u8) -> u8 {
        self.0[usize::from(byte)]
    }
}

/// Searchers for a format's literals, tuned to one log.
pub struct Literals {
    finders: Vec<Finder<'static>>,
}

/// Bytes searched per pass: small enough that the passes for each literal hit the CPU cache.
const BLOCK: usize = 256 << 10;

impl Literals {
    /// Searchers for `literals`, ranking bytes by their frequency in `sample` (the log's head).
    pub fn new(literals: &[&str], sample: &[u8]) -> Literals {
        let freq = Frequencies::of(sample);
        let builder = FinderBuilder::new();
        let finders = literals
            .iter()
            .map(|l| {
                if sample.is_empty() {
                    Finder::new(l.as_bytes()).into_owned()
                } else {
                    builder
                        .build_forward_with_ranker(&freq, l.as_bytes())
                        .into_owned()
                }
            })
            .collect();
        Literals { finders }
    }

    /// How many literals there are.
    fn len(&self) -> usize {
        self.finders.len()
    }
}

/// How a syslog line dated February 29th starts.
const LEAP_DAY: &[u8] = b"Feb 29 ";

/// Read `line` into `t` with `read`; a syslog line dated February 29th goes instead into both
/// readings of the run it is part of (see [`LeapRun`]), the second with its date made
/// February 30th, which every format refuses as it should refuse a leap day of a common year.
fn route(
    line: &[u8],
    t: &mut Tally,
    run: &mut Option<Box<LeapRun>>,
    read: impl Fn(&[u8], &mut Tally),
) {
    if line.starts_with(LEAP_DAY) {
        let r = run.get_or_insert_with(|| {
            let before = t.split_off();
            t.pieces.push(Piece::Plain(Box::new(before)));
            Box::default()
        });
        read(line, &mut r.read);
        let mut moved = line.to_vec();
        moved[4..6].copy_from_slice(b"30");
        read(&moved, &mut r.impossible);
    } else {
        end_run(t, run);
        read(line, t);
    }
}

/// Close a run of leap-day lines: what follows is counted in `t` after it.
fn end_run(t: &mut Tally, run: &mut Option<Box<LeapRun>>) {
    if let Some(r) = run.take() {
        t.pieces.push(Piece::Leap(r));
    }
}

/// Scan `buf` (whole lines; the last may lack its newline when `at_end`), starting at byte
/// `base` of its input.
pub fn scan<L: Lines + ?Sized>(lines: &L, buf: &[u8], base: u64, at_end: bool, t: &mut Tally) {
    t.bytes += buf.len() as u64;
    let mut run = None;
    let Some(literals) = lines.literals() else {
        // One pass finds every line end: memchr's iterator costs less per line than a search
        // begun afresh at each line.
        let mut pos = 0;
        for end in memchr_iter(b'\n', buf) {
            let offset = base + pos as u64;
            route(&buf[pos..end], t, &mut run, |l, t| {
                lines.line(l, None, offset, t)
            });
            pos = end + 1;
        }
        if pos < buf.len() {
            let offset = base + pos as u64;
            route(&buf[pos..], t, &mut run, |l, t| {
                lines.line(l, None, offset, t)
            });
        }
        end_run(t, &mut run);
        return;
    };
    // The start of a last line with no newline.
    let cut_start = match (at_end, buf.last()) {
        (true, Some(&b)) if b != b'\n' => Some(memrchr(b'\n', buf).map_or(0, |i| i + 1)),
        _ => None,
    };
    let mut cut_hit = false;
    let n = literals.len();
    // Per literal, the lines (start, end) it was found in; then all of them in file order.
    let mut found: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); n];
    let mut next = vec![0usize; n];
    let mut start = 0;
    let mut ahead = 0;
    while start < buf.len() {
        // A block of whole lines, about BLOCK bytes: each literal's pass over it finds it in
        // the CPU cache.
        let end = match buf.get(start + BLOCK..) {
            Some(rest) => memchr(b'\n', rest).map_or(buf.len(), |i| start + BLOCK + i + 1),
            None => buf.len(),
        };
        let block = &buf[start..end];
        for (finder, lines_of) in literals.finders.iter().zip(found.iter_mut()) {
            lines_of.clear();
            let mut pos = 0;
            while let Some(i) = finder.find(&block[pos..]) {
                let at = pos + i;
                let ls = memrchr(b'\n', &block[pos..at]).map_or(pos, |i| pos + i + 1);
                let le = memchr(b'\n', &block[at..]).map_or(block.len(), |i| at + i);
                lines_of.push((ls, le, at));
                pos = le + 1;
                if pos >= block.len() {
                    break;
                }
            }
        }
        // Merge: a message's lines must be read in order (its queue id can be reused after
        // its removal); a line with two literals is read once for each, in literal order.
        next.iter_mut().for_each(|x| *x = 0);
        ahead = ahead.max(end);
        loop {
            let mut pick: Option<(usize, usize)> = None;
            for (which, lines_of) in found.iter().enumerate() {
                if let Some(&(ls, _, _)) = lines_of.get(next[which])
                    && pick.is_none_or(|(_, best)| ls < best)
                {
                    pick = Some((which, ls));
                }
            }
            let Some((which, _)) = pick else { break };
            let (ls, le, at) = found[which][next[which]];
            next[which] += 1;
            // While this block's lines are read from the CPU cache, bring the next block in
            // from memory, a few cache lines per line read: its first literal pass then finds
            // it in the cache instead of waiting on memory.
            prefetch(buf, &mut ahead, end + BLOCK);
            let hit = (which, at - ls);
            let offset = base + (start + ls) as u64;
            if cut_start == Some(start + ls) {
                cut_hit = true;
                route(&block[ls..le], t, &mut run, |l, t| {
                    lines.cut_hit(l, hit, offset, t)
                });
            } else {
                route(&block[ls..le], t, &mut run, |l, t| {
                    lines.line(l, Some(hit), offset, t)
                });
            }
        }
        start = end;
    }
    if let Some(s) = cut_start.filter(|_| !cut_hit) {
        let offset = base + s as u64;
        route(&buf[s..], t, &mut run, |l, t| lines.cut(l, offset, t));
    }
    end_run(t, &mut run);
}

/// Cache lines brought in per line read.
const PREFETCH_LINES: usize = 8;

/// Ask for up to [`PREFETCH_LINES`] more cache lines of `buf` from `*ahead` on, short of `until`.
#[inline(always)]
fn prefetch(buf: &[u8], ahead: &mut usize, until: usize) {
    let until = until.min(buf.len());
    for _ in 0..PREFETCH_LINES {
        if *ahead >= until {
            return;
        }
        #[cfg(target_arch = "x86_64")]
        // SAFETY: a prefetch is only a hint and never faults; the address is inside `buf`.
        unsafe {
            use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
            _mm_prefetch::<_MM_HINT_T0>(buf.as_ptr().add(*ahead).cast());
        }
        *ahead += 64;
    }
}

/// Strip a trailing carriage return (logs copied from Windows machines).
pub fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Collect(Literals);

    impl Lines for Collect {
        fn literals(&self) -> Option<&Literals> {
            Some(&self.0)
        }
        fn line(&self, line: &[u8], hit: Option<(usize, usize)>, _offset: u64, t: &mut Tally) {
            t.counts.sent += 1;
            t.examples.push(super::super::tally::Example {
                offset: hit.map_or(9, |(which, _)| which) as u64,
                text: line.to_vec(),
            });
        }
        fn cut(&self, _line: &[u8], _offset: u64, t: &mut Tally) {
            t.counts.unparsed += 1;
        }
    }

    #[test]
    fn each_line_once_per_literal_across_blocks() {
        let lines = Collect(Literals::new(&["bb", "aa"], b"aabbcc"));
        let mut buf = Vec::new();
        for i in 0..40_000 {
            buf.extend_from_slice(match i % 3 {
                0 => b"xx aa yy bb\n".as_slice(),
                1 => b"nothing here\n",
                _ => b"bb bb\n",
            });
        }
        let mut t = Tally::default();
        scan(&lines, &buf, 0, true, &mut t);
        // "bb" is in two lines of three, "aa" in one: 26,667 + 13,334.
        assert_eq!(t.counts.sent, 26_667 + 13_334);
        assert_eq!(t.examples[0].text, b"xx aa yy bb");
        assert_eq!(
            t.examples[0].offset, 0,
            "in file order, then in literal order"
        );
        assert_eq!(t.examples[1].text, b"xx aa yy bb");
        assert_eq!(t.examples[1].offset, 1);
        assert_eq!(t.examples[2].text, b"bb bb");
        assert_eq!(t.counts.unparsed, 0);
        let mut t = Tally::default();
        scan(&lines, b"aa\ncut", 0, true, &mut t);
        assert_eq!((t.counts.sent, t.counts.unparsed), (1, 1));
        let mut t = Tally::default();
        scan(&lines, b"aa\ncut aa", 0, true, &mut t);
        assert_eq!((t.counts.sent, t.counts.unparsed), (2, 0));
        let mut t = Tally::default();
        scan(&lines, b"bb bb bb\n", 0, true, &mut t);
        assert_eq!(
            t.counts.sent, 1,
            "a line is read once per literal, not per hit"
        );
    }

    #[test]
    fn rare_bytes_come_from_the_sample() {
        let f = Frequencies::of(b"=====:::::ab");
        assert!(f.rank(b'=') > f.rank(b'a'));
        assert_eq!(f.rank(b'z'), 0);
    }
}
