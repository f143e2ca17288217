//! What one chunk of one input adds up to. A chunk is scanned on its own thread, so anything
//! that depends on earlier chunks (the year of a syslog date, whether a message was already
//! counted) is kept in a form the in-order merge can finish.

use super::frame::{Shape, StampCache};
use super::lives::ChunkLives;
use super::short;
use super::time::{Day, Stamp};
use rustc_hash::FxHashMap;

/// How many unreadable lines are kept as examples.
pub const EXAMPLES: usize = 5;
/// How much of an unreadable line is kept.
const EXAMPLE_BYTES: usize = 300;

/// The outcome a delivery line records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Delivered to another host.
    Sent,
    /// Tried and put back in the queue.
    Deferred,
    /// Failed for good.
    Bounced,
    /// Given up at the end of the queue lifetime.
    Expired,
}

/// Counters that simply add up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Recipients delivered to another host.
    pub sent: u64,
    /// Deferral attempts.
    pub deferred: u64,
    /// Recipients that bounced.
    pub bounced: u64,
    /// Messages (or KumoMTA recipients) that expired.
    pub expired: u64,
    /// Deliveries to a loopback content filter.
    pub filter_hops: u64,
    /// Deliveries to local mailboxes or programs.
    pub local: u64,
    /// Address-verification probes.
    pub probes: u64,
    /// Lines that look like deliveries but could not be read.
    pub unparsed: u64,
    /// Messages counted without tracking (formats where a message has one recipient).
    pub messages: u64,
    /// Notification recipients counted without tracking.
    pub notifications: u64,
}

impl Counts {
    /// Add `o` to these counters.
    pub fn add(&mut self, o: &Counts) {
        self.sent += o.sent;
        self.deferred += o.deferred;
        self.bounced += o.bounced;
        self.expired += o.expired;
        self.filter_hops += o.filter_hops;
        self.local += o.local;
        self.probes += o.probes;
        self.unparsed += o.unparsed;
        self.messages += o.messages;
        self.notifications += o.notifications;
    }
}

/// A point in time within one input; `yoff` counts New Years passed since the chunk began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    /// Year steps since the start of the chunk (syslog dates only).
    pub yoff: i32,
    /// The stamp as read.
    pub stamp: Stamp,
}

impl Moment {
    /// Orders moments of one input: yearless by (year step, month, day, second), dated in UTC.
    pub fn key(&self) -> (i32, i64) {
        let s = &self.stamp;
        match s.day {
            Day::Yearless { month, day } => (
                self.yoff,
                (i64::from(month) * 32 + i64::from(day)) * 86_400 + i64::from(s.sod),
            ),
            Day::Dated(d) => (
                0,
                i64::from(d) * 86_400 + i64::from(s.sod) - i64::from(s.offset.unwrap_or(0)),
            ),
        }
    }
}

/// Follows syslog months through a chunk to notice New Year.
#[derive(Debug, Clone, Copy, Default)]
pub struct YearTrack {
    /// The first month seen, and the last.
    pub span: Option<(u8, u8)>,
    /// Year steps so far: +1 at December → January, −1 back again.
    pub offset: i32,
}

/// How a month change moves the year: a fall of more than six months is a New Year.
pub fn year_step(from: u8, to: u8) -> i32 {
    let d = i32::from(to) - i32::from(from);
    if d < -6 {
        1
    } else if d > 6 {
        -1
    } else {
        0
    }
}

impl YearTrack {
    /// Note a syslog month; the year step it lands in.
    fn see(&mut self, month: u8) -> i32 {
        match &mut self.span {
            None => self.span = Some((month, month)),
            Some((_, last)) => {
                self.offset += year_step(*last, month);
                *last = month;
            }
        }
        self.offset
    }
}

/// An unreadable line kept to show the user.
#[derive(Debug, Clone)]
pub struct Example {
    /// Byte offset of the line in its input.
    pub offset: u64,
    /// The start of the line.
    pub text: Vec<u8>,
}

/// Syslog lines dated February 29th, read both ways: whether the date exists depends on its
/// year, which only the in-order merge knows.
#[derive(Debug, Default)]
pub struct LeapRun {
    /// The lines read as dated February 29th.
    pub read: Tally,
    /// The same lines read as a date that does not exist, as February 30th is.
    pub impossible: Tally,
}

/// An earlier part of a chunk, kept apart so the merge can choose how to read a leap day.
#[derive(Debug)]
pub enum Piece {
    /// Lines read as they are.
    Plain(Box<Tally>),
    /// A run of lines dated February 29th.
    Leap(Box<LeapRun>),
}

/// One chunk's counts.
#[derive(Debug, Default)]
pub struct Tally {
    /// The parts of the chunk before the lines counted below, in order (empty unless the chunk
    /// holds syslog lines dated February 29th).
    pub pieces: Vec<Piece>,
    /// Plain counters.
    pub counts: Counts,
    /// Per day: sent, deferred, bounced; keyed by (year step, date).
    pub days: Vec<((i32, Day), [u64; 3])>,
    last_day: usize,
    /// Sent per lower-cased recipient domain.
    pub domains: FxHashMap<Box<[u8]>, u64>,
    /// Messages seen in this chunk.
    pub lives: ChunkLives,
    /// The earliest and latest counted line.
    pub first: Option<Moment>,
    /// See `first`.
    pub last: Option<Moment>,
    /// Syslog months seen, in order.
    pub year: YearTrack,
    /// The first unreadable lines.
    pub examples: Vec<Example>,
    /// Bytes scanned.
    pub bytes: u64,
    /// The syslog host fields of counted lines, each once (a log has one or a few).
    pub hosts: Vec<Box<[u8]>>,
    /// The last syslog timestamp read (a memo only: no part of the counts).
    pub stamps: StampCache,
    /// The shape of the last syslog line read whole (a memo only).
    pub shape: Shape,
}

impl Tally {
    /// Empty, keeping the memory of its maps for the next chunk.
    pub fn clear(&mut self) {
        self.pieces.clear();
        self.counts = Counts::default();
        self.days.clear();
        self.last_day = 0;
        self.domains.clear();
        self.lives.clear();
        self.first = None;
        self.last = None;
        self.year = YearTrack::default();
        self.examples.clear();
        self.bytes = 0;
        self.hosts.clear();
    }

    /// The lines counted so far, taken out as a tally of their own; this one keeps its pieces
    /// and its byte count, and counts on from nothing.
    pub fn split_off(&mut self) -> Tally {
        let mut done = std::mem::take(self);
        self.pieces = std::mem::take(&mut done.pieces);
        self.bytes = std::mem::take(&mut done.bytes);
        done
    }

    /// Record one line's outcome for `n` recipients.
    pub fn outcome(&mut self, stamp: Stamp, outcome: Outcome, n: u64) {
        match outcome {
            Outcome::Sent => self.counts.sent += n,
            Outcome::Deferred => self.counts.deferred += n,
            Outcome::Bounced => self.counts.bounced += n,
            Outcome::Expired => self.counts.expired += n,
        }
        let yoff = match stamp.day {
            Day::Yearless { month, .. } => self.year.see(month),
            Day::Dated(_) => 0,
        };
        let moment = Moment { yoff, stamp };
        let key = moment.key();
        if self.first.is_none_or(|f| key < f.key()) {
            self.first = Some(moment);
        }
        if self.last.is_none_or(|l| key >= l.key()) {
            self.last = Some(moment);
        }
        let slot = match outcome {
            Outcome::Sent => 0,
            Outcome::Deferred => 1,
            Outcome::Bounced => 2,
            Outcome::Expired => return,
        };
        let day = (yoff, stamp.day);
        // Lines arrive in time order, so the last day used is almost always the right one.
        let i = match self.days.get(self.last_day) {
            Some((d, _)) if *d == day => self.last_day,
            _ => match self.days.iter().position(|(d, _)| *d == day) {
                Some(i) => i,
                None => {
                    self.days.push((day, [0; 3]));
                    self.days.len() - 1
                }
            },
        };
        self.last_day = i;
        self.days[i].1[slot] += n;
    }

    /// Note the syslog host of a counted line. Consecutive lines almost always share it, so
    /// the common case is one comparison with the last host noted.
    pub fn host(&mut self, host: &[u8]) {
        if self.hosts.last().is_some_and(|h| short::eq(h, host)) {
            return;
        }
        if !self.hosts.iter().any(|h| **h == *host) {
            self.hosts.push(host.into());
        }
    }

    /// Count one sent recipient toward its (already lower-cased) domain.
    pub fn domain(&mut self, domain: &[u8]) {
        match self.domains.get_mut(domain) {
            Some(n) => *n += 1,
            None => {
                self.domains.insert(domain.into(), 1);
            }
        }
    }

    /// Record a line that looks like a delivery but could not be read.
    pub fn unparsed(&mut self, offset: u64, line: &[u8]) {
        self.counts.unparsed += 1;
        if self.examples.len() < EXAMPLES {
            self.examples.push(Example {
                offset,
                text: line[..line.len().min(EXAMPLE_BYTES)].to_vec(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_year_steps_the_year_and_a_late_line_steps_back() {
        let mut t = Tally::default();
        t.outcome(Stamp::yearless(12, 31), Outcome::Sent, 1);
        t.outcome(Stamp::yearless(1, 1), Outcome::Sent, 1);
        t.outcome(Stamp::yearless(12, 31), Outcome::Sent, 1);
        t.outcome(Stamp::yearless(1, 1), Outcome::Deferred, 1);
        assert_eq!(t.year.offset, 1);
        assert_eq!(t.year.span, Some((12, 1)));
        assert_eq!(t.days.len(), 2);
        assert_eq!(t.days[0].1, [2, 0, 0]);
        assert_eq!(t.days[1].1, [1, 1, 0]);
        assert_eq!(t.first.unwrap().yoff, 0);
        assert_eq!(t.last.unwrap().yoff, 1);
    }

    #[test]
    fn expired_counts_but_has_no_day_column() {
        let mut t = Tally::default();
        t.outcome(Stamp::yearless(3, 1), Outcome::Expired, 1);
        assert_eq!(t.counts.expired, 1);
        assert!(t.days.is_empty());
        assert!(t.first.is_some());
    }

    #[test]
    fn examples_are_capped() {
        let mut t = Tally::default();
        for i in 0..10 {
            t.unparsed(i, &[b'x'; 1000]);
        }
        assert_eq!(t.counts.unparsed, 10);
        assert_eq!(t.examples.len(), EXAMPLES);
        assert_eq!(t.examples[0].text.len(), EXAMPLE_BYTES);
    }
}
