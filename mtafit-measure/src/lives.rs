//! Counting distinct messages with memory that does not grow with the log.
//!
//! A message's life runs from its first line to its end marker (Postfix `removed`, Exim
//! `Completed`); a queue id seen after the marker is a new message. A chunk scanned on its own
//! cannot know whether a life began in an earlier chunk, so it keeps, per id, the part before
//! its first end marker (`head`, finished by the merge) and the part after its last (`tail`,
//! handed on). Lives that end inside the chunk are counted there. The merge keeps only the
//! lives still open that matter (a recipient delivered, or the null sender), forgets those quiet
//! for longer than any queue keeps a message, and when a log has no end markers at all (a
//! journal filtered to `postfix/smtp`), holds at most [`MAX_OPEN`] of them, counting the
//! quietest as finished; the report then says the count may be high.

use super::short;
use rustc_hash::FxHashMap;

/// A message id packed into 128 bits.
pub type MsgId = u128;

/// Pack an id into a key, exactly for every id a log really holds: up to 15 bytes as they
/// are, with the length in the top byte (Postfix's queue ids, Sendmail's); up to 21 letters
/// and digits (hyphens skipped, as in Exim's) at 6 bits each, with bit 126 set; anything else
/// hashed, with bit 127 set. The three kinds never meet.
pub fn key(id: &[u8]) -> MsgId {
    if id.len() <= 15 {
        return short::pack(id) | u128::from(id.len() as u8) << 120;
    }
    let mut k: u128 = 0;
    let mut n = 0;
    for &b in id {
        // A table rather than a match on three ranges: in an id letters and digits come at
        // random, and a branch on which range a byte is in mispredicts often.
        let code = CODE[usize::from(b)];
        if code == HYPHEN {
            continue;
        }
        n += 1;
        if code == 0 || n > 21 {
            return hashed(id);
        }
        k = k << 6 | u128::from(code);
    }
    k | 1 << 126
}

/// `-` in [`CODE`]: skipped.
const HYPHEN: u8 = 63;

/// Each byte's 6-bit code in a packed id: digits 1–10, capitals 11–36, small letters 37–62,
/// `-` [`HYPHEN`], anything else 0 (the id is hashed instead).
static CODE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = match c {
            b'0'..=b'9' => c - b'0' + 1,
            b'A'..=b'Z' => c - b'A' + 11,
            b'a'..=b'z' => c - b'a' + 37,
            b'-' => HYPHEN,
            _ => 0,
        };
        b += 1;
    }
    t
};

fn hashed(id: &[u8]) -> MsgId {
    use std::hash::{Hash, Hasher};
    // Fixed seeds: the same id must give the same key on every thread and every run.
    let half = |seed: u64| {
        let mut h = rustc_hash::FxHasher::default();
        seed.hash(&mut h);
        id.hash(&mut h);
        h.finish()
    };
    (1u128 << 127) | (u128::from(half(1)) << 64) | u128::from(half(2))
}

/// Part of one message's life.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Life {
    /// Recipients delivered.
    pub sent: u32,
    /// Sent with the null sender: a bounce notification.
    pub null_sender: bool,
    /// Any line seen at all.
    pub seen: bool,
}

impl Life {
    fn join(&mut self, o: &Life) {
        self.sent += o.sent;
        self.null_sender |= o.null_sender;
        self.seen |= o.seen;
    }
}

/// Totals of finished lives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Finished {
    /// Messages with at least one recipient delivered.
    pub messages: u64,
    /// Recipients of bounce notifications delivered.
    pub notifications: u64,
}

impl Finished {
    fn count(&mut self, life: &Life) {
        self.messages += u64::from(life.sent > 0);
        if life.null_sender {
            self.notifications += u64::from(life.sent);
        }
    }

    /// Add `o`.
    pub fn add(&mut self, o: &Finished) {
        self.messages += o.messages;
        self.notifications += o.notifications;
    }
}

/// One id's lines within a chunk.
#[derive(Debug, Clone, Copy, Default)]
pub struct Seen {
    head: Life,
    ended: bool,
    tail: Life,
}

/// Every id a chunk touched.
#[derive(Debug, Default)]
pub struct ChunkLives {
    ids: FxHashMap<MsgId, Seen>,
    /// Lives that began after an end marker and ended again within the chunk.
    pub finished: Finished,
    /// Deliveries to the same id as the last, not yet in `ids`: a message's recipients are
    /// mostly logged one after another, so this saves most of the map look-ups.
    pending: Option<(MsgId, u32)>,
}

impl Seen {
    fn current(&mut self) -> &mut Life {
        if self.ended {
            &mut self.tail
        } else {
            &mut self.head
        }
    }
}

impl ChunkLives {
    fn flush(&mut self) {
        if let Some((id, n)) = self.pending.take() {
            let l = self.ids.entry(id).or_default().current();
            l.sent += n;
            l.seen = true;
        }
    }

    /// `n` recipients of `id` delivered.
    pub fn sent(&mut self, id: &[u8], n: u32) {
        let id = key(id);
        match &mut self.pending {
            Some((last, count)) if *last == id => *count += n,
            _ => {
                self.flush();
                self.pending = Some((id, n));
            }
        }
    }

    /// `id` has the null sender.
    pub fn null_sender(&mut self, id: &[u8]) {
        self.flush();
        let l = self.ids.entry(key(id)).or_default().current();
        l.null_sender = true;
        l.seen = true;
    }

    /// `id`'s life ended.
    pub fn end(&mut self, id: &[u8]) {
        let id = key(id);
        // Usually the deliveries just before are this message's: one look-up for both.
        let pending = match self.pending {
            Some((last, n)) if last == id => {
                self.pending = None;
                n
            }
            _ => {
                self.flush();
                0
            }
        };
        let s = self.ids.entry(id).or_default();
        if pending > 0 {
            let l = s.current();
            l.sent += pending;
            l.seen = true;
        }
        if s.ended {
            // A whole life between two end markers in this chunk.
            self.finished.count(&s.tail);
            s.tail = Life::default();
        } else {
            s.ended = true;
        }
    }

    /// Number of ids touched.
    pub fn len(&self) -> usize {
        self.ids.len() + usize::from(self.pending.is_some())
    }

    /// Forget every id, keeping the map's memory.
    pub fn clear(&mut self) {
        self.ids.clear();
        self.finished = Finished::default();
        self.pending = None;
    }

    /// True when no id was touched.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty() && self.pending.is_none()
    }
}

#[derive(Debug, Clone, Copy)]
struct Open {
    life: Life,
    /// The merge clock (seconds) when last touched.
    touched: i64,
}

/// The lives still open after the chunks merged so far.
#[derive(Debug, Default)]
pub struct OpenLives {
    open: FxHashMap<MsgId, Open>,
    /// Lives finished so far.
    pub finished: Finished,
    /// Lives counted as finished to keep memory bounded while they might still have had lines.
    pub cut_short: u64,
    next_sweep: usize,
}

/// Longer than any queue keeps a message (Postfix and Exim default to five days or less).
pub const QUIET_SECS: i64 = 7 * 86_400;
/// The most open lives kept (about 10 MB).
pub const MAX_OPEN: usize = 200_000;
const FIRST_SWEEP: usize = 1 << 16;

impl OpenLives {
    /// Fold in the next chunk, in input order; `clock` is the chunk's time in seconds.
    pub fn merge(&mut self, chunk: &mut ChunkLives, clock: i64) {
        chunk.flush();
        self.finished.add(&chunk.finished);
        chunk.finished = Finished::default();
        for (id, seen) in chunk.ids.drain() {
            let mut life = self.open.remove(&id).map(|o| o.life).unwrap_or_default();
            life.join(&seen.head);
            if seen.ended {
                self.finished.count(&life);
                life = seen.tail;
            }
            if life.seen {
                self.open.insert(
                    id,
                    Open {
                        life,
                        touched: clock,
                    },
                );
            }
        }
        if self.open.len() >= self.next_sweep.clamp(FIRST_SWEEP, MAX_OPEN + 1) {
            self.sweep(clock);
        }
    }

    /// Count and forget lives quiet for more than [`QUIET_SECS`], then the quietest while
    /// more than [`MAX_OPEN`] remain.
    fn sweep(&mut self, clock: i64) {
        self.forget(|o| clock - o.touched > QUIET_SECS, false);
        if self.open.len() > MAX_OPEN {
            let mut ages: Vec<i64> = self.open.values().map(|o| o.touched).collect();
            let keep = MAX_OPEN / 2;
            let at = ages.len() - keep;
            let (_, &mut cutoff, _) = ages.select_nth_unstable(at);
            self.forget(|o| o.touched < cutoff, true);
            if self.open.len() > MAX_OPEN {
                // Many lives touched in the same second: the cut-off itself must go too.
                self.forget(|o| o.touched <= cutoff, true);
            }
        }
        // Sweep again only once the map has doubled, so sweeping stays linear overall.
        self.next_sweep = self.open.len() * 2;
    }

    fn forget(&mut self, gone: impl Fn(&Open) -> bool, early: bool) {
        let (finished, cut_short) = (&mut self.finished, &mut self.cut_short);
        self.open.retain(|_, o| {
            if gone(o) {
                finished.count(&o.life);
                *cut_short += u64::from(early);
                false
            } else {
                true
            }
        });
    }

    /// Count every life still open: the log ended.
    pub fn finish(mut self) -> Finished {
        for o in self.open.values() {
            self.finished.count(&o.life);
        }
        self.finished
    }

    /// Lives open now.
    pub fn len(&self) -> usize {
        self.open.len()
    }

    /// True when no life is open.
    pub fn is_empty(&self) -> bool {
        self.open.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_pack_exactly_and_odd_ones_hash_apart() {
        assert_ne!(key(b"3F2A81C0B4E"), key(b"3F2A81C0B4F"));
        assert_ne!(key(b"A"), key(b"0A"));
        assert_ne!(key(b"12345"), key(b"12345\0"));
        assert_ne!(key(b"123456789012345"), key(b"1234567890123456"));
        assert_eq!(
            key(b"1tQ2aB-00000000XyZ-3AbC"),
            key(b"1tQ2aB00000000XyZ3AbC")
        );
        assert!(key(b"1tQ2aB-00000000XyZ-3AbC") < 1 << 127);
        let odd = key(b"an.id.with.many.dots");
        assert!(odd >= 1 << 127);
        assert_eq!(odd, key(b"an.id.with.many.dots"));
        assert_ne!(odd, key(b"an.id.with.many.dotz"));
    }

    #[test]
    fn deliveries_then_the_end_of_one_message_and_of_another() {
        let mut a = ChunkLives::default();
        a.sent(b"Q1", 1);
        a.sent(b"Q1", 1);
        a.end(b"Q1");
        a.sent(b"Q2", 1);
        a.end(b"Q3");
        a.sent(b"Q1", 1);
        let mut open = OpenLives::default();
        open.merge(&mut a, 0);
        // Q1 twice (before and after its end), Q2 still open, Q3 ended with nothing sent.
        assert_eq!(open.len(), 2);
        assert_eq!(open.finish().messages, 3);
    }

    #[test]
    fn a_life_split_over_chunks_counts_once() {
        let mut a = ChunkLives::default();
        a.sent(b"Q1", 1);
        let mut b = ChunkLives::default();
        b.sent(b"Q1", 2);
        b.end(b"Q1");
        let mut open = OpenLives::default();
        open.merge(&mut a, 0);
        open.merge(&mut b, 0);
        assert!(open.is_empty());
        assert_eq!(open.finish().messages, 1);
    }

    #[test]
    fn an_id_reused_after_its_end_is_a_new_message() {
        let mut a = ChunkLives::default();
        a.sent(b"Q1", 1);
        a.end(b"Q1");
        a.sent(b"Q1", 1);
        a.end(b"Q1");
        a.sent(b"Q1", 1);
        let mut open = OpenLives::default();
        open.merge(&mut a, 0);
        assert_eq!(open.len(), 1);
        assert_eq!(open.finish().messages, 3);
    }

    #[test]
    fn notifications_count_their_recipients_and_deferred_only_lives_do_not_count() {
        let mut a = ChunkLives::default();
        a.null_sender(b"N1");
        a.sent(b"N1", 1);
        a.end(b"N1");
        a.null_sender(b"N2");
        a.end(b"N2");
        let mut open = OpenLives::default();
        open.merge(&mut a, 0);
        let f = open.finish();
        assert_eq!((f.messages, f.notifications), (1, 1));
    }

    #[test]
    fn quiet_lives_are_counted_and_forgotten() {
        let mut open = OpenLives::default();
        let quiet = FIRST_SWEEP as u32 - 1;
        for i in 0..quiet {
            let mut c = ChunkLives::default();
            c.sent(&(i + 1).to_le_bytes(), 1);
            open.merge(&mut c, 0);
        }
        assert_eq!(open.len(), quiet as usize);
        let mut c = ChunkLives::default();
        c.sent(b"late", 1);
        open.merge(&mut c, QUIET_SECS + 1);
        assert_eq!(open.len(), 1);
        assert_eq!(open.finished.messages, u64::from(quiet));
        assert_eq!(open.finish().messages, u64::from(quiet) + 1);
    }

    #[test]
    fn the_bound_holds_when_every_life_is_touched_at_once() {
        let mut open = OpenLives::default();
        for i in 0..(MAX_OPEN as u32 + 10) {
            let mut c = ChunkLives::default();
            c.sent(&(i + 1).to_le_bytes(), 1);
            open.merge(&mut c, 0);
        }
        assert!(open.len() <= MAX_OPEN);
        assert_eq!(open.finish().messages, MAX_OPEN as u64 + 10);
    }

    #[test]
    fn without_end_markers_memory_stays_bounded_and_says_so() {
        let mut open = OpenLives::default();
        for i in 0..(MAX_OPEN as u32 + 10) {
            let mut c = ChunkLives::default();
            c.sent(&(i + 1).to_le_bytes(), 1);
            open.merge(&mut c, i64::from(i));
        }
        assert!(open.len() <= MAX_OPEN);
        assert!(open.cut_short > 0);
        assert_eq!(open.finish().messages, MAX_OPEN as u64 + 10);
    }
}
