//! Bytes from the terminal to crossterm's events. Ours rather than crossterm's because
//! crossterm keeps an unfinished escape sequence forever: `ESC [ <` would swallow every later
//! key, Ctrl-C included. Here an unfinished sequence is dropped after [`TIMEOUT`], a control byte
//! inside one ends it and acts, and a bracketed paste is one event, capped at [`PASTE_CAP`].

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use std::time::{Duration, Instant};

/// How long an unfinished escape sequence waits for its end before it is dropped; terminals send
/// a sequence in one write, so only a typist (Alt-[ then `<`) leaves one unfinished this long.
pub const TIMEOUT: Duration = Duration::from_millis(50);

/// How long a bracketed paste may pause before it is taken as ended: a big paste arrives in
/// chunks, a paste that never ends must not swallow the keys after it.
pub const PASTE_TIMEOUT: Duration = Duration::from_millis(500);

/// The most bytes of one paste kept; the rest is dropped (and counted, so the user is told).
pub const PASTE_CAP: usize = 64 * 1024;

/// The longest escape sequence waited for: anything longer is garbage and is dropped.
const MAX_SEQUENCE: usize = 64;

const PASTE_END: &[u8] = b"\x1b[201~";

/// The parser's state between reads: the unfinished tail of the input, and a paste under way.
#[derive(Debug, Default)]
pub struct Parser {
    pending: Vec<u8>,
    /// When the pending bytes (or the paste) last grew.
    since: Option<Instant>,
    paste: Option<Paste>,
    /// Bytes of pastes dropped past the cap since the last `take_dropped`.
    dropped: usize,
}

#[derive(Debug, Default)]
struct Paste {
    text: Vec<u8>,
}

/// What one escape sequence at the start of a buffer turned out to be.
enum Seq {
    /// `len` bytes, and the event they mean (none for one we ignore).
    Done(usize, Option<Event>),
    /// A paste starts after `len` bytes.
    PasteStart(usize),
    /// The sequence may still be completed by bytes not yet read.
    Unfinished,
}

impl Parser {
    /// Take `bytes` just read; push each event they finish onto `out`. `more` says whether more
    /// input was already waiting: a lone ESC at the end of a read is the Esc key only when not.
    pub fn feed(&mut self, bytes: &[u8], more: bool, now: Instant, out: &mut Vec<Event>) {
        if bytes.is_empty() {
            return;
        }
        self.pending.extend_from_slice(bytes);
        self.since = Some(now);
        self.run(more, out);
    }

    /// When the unfinished input should be given up on, if there is any.
    pub fn deadline(&self) -> Option<Instant> {
        let since = self.since?;
        if self.paste.is_some() {
            Some(since + PASTE_TIMEOUT)
        } else if !self.pending.is_empty() {
            Some(since + TIMEOUT)
        } else {
            None
        }
    }

    /// Give up on unfinished input whose deadline has passed: a lone ESC is the Esc key, an
    /// unfinished sequence is dropped, a paste that never ended is taken as it is.
    pub fn expire(&mut self, now: Instant, out: &mut Vec<Event>) {
        // Each turn consumes bytes, so this ends; the deadline stays passed until all is read.
        while let Some(d) = self.deadline()
            && d <= now
        {
            if let Some(paste) = self.paste.take() {
                // A paste that never ended was no paste (`ESC [ 200 ~` typed by hand): its bytes
                // are read as keys, so a Ctrl-C among them still ends the explorer.
                let mut bytes = paste.text;
                bytes.append(&mut self.pending);
                self.pending = bytes;
                self.run(false, out);
                continue;
            }
            if self.pending == [0x1b] {
                out.push(key(KeyCode::Esc, KeyModifiers::NONE));
            }
            // An unfinished escape sequence or UTF-8 character: dropped whole, as terminals and
            // editors do. A control byte would have ended it already, so nothing else waits here.
            self.pending.clear();
        }
        if self.pending.is_empty() && self.paste.is_none() {
            self.since = None;
        }
    }

    /// Bytes of pastes dropped past [`PASTE_CAP`] since the last call.
    pub fn take_dropped(&mut self) -> usize {
        std::mem::take(&mut self.dropped)
    }

    fn push_paste_bytes(&mut self, paste: &mut Paste, bytes: &[u8]) {
        let room = PASTE_CAP.saturating_sub(paste.text.len());
        let kept = bytes.len().min(room);
        paste.text.extend_from_slice(&bytes[..kept]);
        self.dropped += bytes.len() - kept;
    }

    /// Parse the pending bytes as far as they go.
    fn run(&mut self, more: bool, out: &mut Vec<Event>) {
        let buf = std::mem::take(&mut self.pending);
        let mut i = 0;
        while i < buf.len() {
            if let Some(mut paste) = self.paste.take() {
                let rest = &buf[i..];
                match memfind(rest, PASTE_END) {
                    Some(end) => {
                        self.push_paste_bytes(&mut paste, &rest[..end]);
                        out.push(Event::Paste(
                            String::from_utf8_lossy(&paste.text).into_owned(),
                        ));
                        i += end + PASTE_END.len();
                        continue;
                    }
                    None => {
                        // Keep back what may be the start of the end marker.
                        let keep = (1..PASTE_END.len())
                            .rev()
                            .find(|&k| k <= rest.len() && rest.ends_with(&PASTE_END[..k]))
                            .unwrap_or(0);
                        self.push_paste_bytes(&mut paste, &rest[..rest.len() - keep]);
                        self.paste = Some(paste);
                        self.pending = rest[rest.len() - keep..].to_vec();
                        return;
                    }
                }
            }
            let rest = &buf[i..];
            if rest[0] == 0x1b {
                match escape(rest) {
                    Seq::Done(n, ev) => {
                        out.extend(ev);
                        i += n;
                    }
                    Seq::PasteStart(n) => {
                        self.paste = Some(Paste::default());
                        i += n;
                    }
                    Seq::Unfinished if rest.len() == 1 && !more => {
                        out.push(key(KeyCode::Esc, KeyModifiers::NONE));
                        i += 1;
                    }
                    Seq::Unfinished => {
                        self.pending = rest.to_vec();
                        return;
                    }
                }
                continue;
            }
            match plain(rest) {
                Some((n, ev)) => {
                    out.extend(ev);
                    i += n;
                }
                None => {
                    self.pending = rest.to_vec();
                    return;
                }
            }
        }
        // A paste just begun keeps its clock: it must time out like one under way.
        if self.paste.is_none() {
            self.since = None;
        }
    }
}

fn memfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn key(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

/// One byte or UTF-8 character that is not ESC: its length and event, or `None` when the
/// character is not complete yet.
fn plain(s: &[u8]) -> Option<(usize, Option<Event>)> {
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let ev = match s[0] {
        b'\r' => key(KeyCode::Enter, none),
        b'\t' => key(KeyCode::Tab, none),
        0x7f | 0x08 => key(KeyCode::Backspace, none),
        0x00 => key(KeyCode::Char(' '), ctrl),
        c @ 0x01..=0x1a => key(KeyCode::Char(char::from(c - 1 + b'a')), ctrl),
        c @ 0x1c..=0x1f => key(KeyCode::Char(char::from(c - 0x1c + b'4')), ctrl),
        c if c < 0x80 => key(KeyCode::Char(char::from(c)), none),
        _ => {
            return match utf8(s) {
                Utf8::Char(n, c) => Some((n, Some(key(KeyCode::Char(c), none)))),
                Utf8::Invalid(n) => Some((n, None)),
                Utf8::Unfinished => None,
            };
        }
    };
    Some((1, Some(ev)))
}

enum Utf8 {
    Char(usize, char),
    Invalid(usize),
    Unfinished,
}

fn utf8(s: &[u8]) -> Utf8 {
    let need = match s[0] {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Utf8::Invalid(1),
    };
    let have = s.len().min(need);
    // A byte that cannot continue the character ends it early: drop what came before.
    if let Some(bad) = s[1..have].iter().position(|&b| b & 0xc0 != 0x80) {
        return Utf8::Invalid(1 + bad);
    }
    if have < need {
        return Utf8::Unfinished;
    }
    match std::str::from_utf8(&s[..need]) {
        Ok(t) => t
            .chars()
            .next()
            .map_or(Utf8::Invalid(need), |c| Utf8::Char(need, c)),
        Err(_) => Utf8::Invalid(need),
    }
}

/// An escape sequence at the start of `s` (which starts with ESC).
fn escape(s: &[u8]) -> Seq {
    let Some(&second) = s.get(1) else {
        return Seq::Unfinished;
    };
    match second {
        // ESC ESC: the first is the Esc key, the second starts afresh.
        0x1b => Seq::Done(1, Some(key(KeyCode::Esc, KeyModifiers::NONE))),
        b'[' => csi(s),
        b'O' => match s.get(2) {
            None => Seq::Unfinished,
            Some(&c) if c < 0x20 || c == 0x7f => Seq::Done(2, None),
            Some(&c) => Seq::Done(3, cursor(c).map(|k| key(k, KeyModifiers::NONE))),
        },
        // A control byte after ESC acts on its own (Ctrl-C still quits); the ESC is dropped.
        c if c < 0x20 || c == 0x7f => Seq::Done(1, None),
        _ => match plain(&s[1..]) {
            None => Seq::Unfinished,
            Some((n, ev)) => {
                let alt = ev.map(|e| match e {
                    Event::Key(mut k) => {
                        k.modifiers |= KeyModifiers::ALT;
                        Event::Key(k)
                    }
                    other => other,
                });
                Seq::Done(1 + n, alt)
            }
        },
    }
}

/// The key of a cursor sequence's final byte (`A`–`D`, `H`, `F`).
fn cursor(c: u8) -> Option<KeyCode> {
    Some(match c {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        _ => return None,
    })
}

/// A control sequence: ESC `[`, parameter and intermediate bytes, one final byte.
fn csi(s: &[u8]) -> Seq {
    // The old X10 mouse report carries three raw bytes after `ESC [ M`.
    if s.get(2) == Some(&b'M') {
        let raw = &s[3..s.len().min(6)];
        // A control byte ends the report early: the bytes before it are dropped, it acts.
        if let Some(p) = raw.iter().position(|&b| b < 0x20 || b == 0x7f) {
            return Seq::Done(3 + p, None);
        }
        return match raw {
            &[cb, cx, cy] => Seq::Done(6, x10_mouse(cb, cx, cy)),
            _ => Seq::Unfinished,
        };
    }
    let mut j = 2;
    loop {
        let Some(&b) = s.get(j) else {
            return Seq::Unfinished;
        };
        match b {
            0x20..=0x3f if j < MAX_SEQUENCE => j += 1,
            0x40..=0x7e => break,
            // A control byte (Ctrl-C) or anything else ends the sequence unfinished: it is
            // dropped and the byte is read on its own.
            _ => return Seq::Done(j, None),
        }
    }
    let params = &s[2..j];
    let fin = s[j];
    let len = j + 1;
    if params == b"200" && fin == b'~' {
        return Seq::PasteStart(len);
    }
    Seq::Done(len, csi_event(params, fin))
}

/// The modifiers a `;m` parameter encodes (1 + bits: Shift 1, Alt 2, Ctrl 4).
fn modifiers(m: Option<u16>) -> KeyModifiers {
    let bits = m.unwrap_or(1).saturating_sub(1);
    let mut mods = KeyModifiers::NONE;
    if bits & 1 != 0 {
        mods |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        mods |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        mods |= KeyModifiers::CONTROL;
    }
    mods
}

/// The numbers of a parameter string, `None` for one that is empty or not a number.
fn numbers(p: &[u8]) -> Vec<Option<u16>> {
    p.split(|&b| b == b';')
        .map(|n| std::str::from_utf8(n).ok().and_then(|t| t.parse().ok()))
        .collect()
}

fn csi_event(params: &[u8], fin: u8) -> Option<Event> {
    if let Some(rest) = params.strip_prefix(b"<") {
        return sgr_mouse(rest, fin);
    }
    // Only plain digits and `;` from here: private or intermediate bytes are sequences we ignore.
    if !params.iter().all(|&b| b.is_ascii_digit() || b == b';') {
        return None;
    }
    let n = numbers(params);
    match fin {
        b'A' | b'B' | b'C' | b'D' | b'H' | b'F' => {
            let mods = modifiers(n.get(1).copied().flatten());
            cursor(fin).map(|k| key(k, mods))
        }
        b'Z' => Some(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        b'~' => {
            let mods = modifiers(n.get(1).copied().flatten());
            let code = match n.first().copied().flatten()? {
                1 | 7 => KeyCode::Home,
                4 | 8 => KeyCode::End,
                2 => KeyCode::Insert,
                3 => KeyCode::Delete,
                5 => KeyCode::PageUp,
                6 => KeyCode::PageDown,
                // Function keys, the end of a paste that never started: nothing to do.
                _ => return None,
            };
            Some(key(code, mods))
        }
        // The rxvt mouse report: `ESC [ b ; x ; y M`.
        b'M' if n.len() == 3 => {
            let cb = u8::try_from(n[0]?.checked_sub(32)?).ok()?;
            mouse(cb, n[1]?, n[2]?, false)
        }
        // Focus in and out, F1–F4 with modifiers, replies we never asked for: ignored.
        _ => None,
    }
}

fn sgr_mouse(params: &[u8], fin: u8) -> Option<Event> {
    if fin != b'M' && fin != b'm' {
        return None;
    }
    let n = numbers(params);
    if n.len() != 3 {
        return None;
    }
    let cb = u8::try_from(n[0]?).ok()?;
    mouse(cb, n[1]?, n[2]?, fin == b'm')
}

fn x10_mouse(cb: u8, cx: u8, cy: u8) -> Option<Event> {
    let cb = cb.checked_sub(32)?;
    mouse(
        cb,
        u16::from(cx.checked_sub(32)?),
        u16::from(cy.checked_sub(32)?),
        false,
    )
}

/// A mouse report as crossterm maps it: button bits, drag bit, modifier bits; the terminal's
/// columns and rows count from 1.
fn mouse(cb: u8, x: u16, y: u16, released: bool) -> Option<Event> {
    let button = (cb & 0b0000_0011) | ((cb & 0b1100_0000) >> 4);
    let dragging = cb & 0b0010_0000 != 0;
    let kind = match (button, dragging) {
        (0, false) => MouseEventKind::Down(MouseButton::Left),
        (1, false) => MouseEventKind::Down(MouseButton::Middle),
        (2, false) => MouseEventKind::Down(MouseButton::Right),
        (0, true) => MouseEventKind::Drag(MouseButton::Left),
        (1, true) => MouseEventKind::Drag(MouseButton::Middle),
        (2, true) => MouseEventKind::Drag(MouseButton::Right),
        (3, false) => MouseEventKind::Up(MouseButton::Left),
        (3..=5, true) => MouseEventKind::Moved,
        (4, false) => MouseEventKind::ScrollUp,
        (5, false) => MouseEventKind::ScrollDown,
        (6, false) => MouseEventKind::ScrollLeft,
        (7, false) => MouseEventKind::ScrollRight,
        _ => return None,
    };
    let kind = match kind {
        MouseEventKind::Down(b) if released => MouseEventKind::Up(b),
        k => k,
    };
    let mut modifiers = KeyModifiers::NONE;
    if cb & 0b0000_0100 != 0 {
        modifiers |= KeyModifiers::SHIFT;
    }
    if cb & 0b0000_1000 != 0 {
        modifiers |= KeyModifiers::ALT;
    }
    if cb & 0b0001_0000 != 0 {
        modifiers |= KeyModifiers::CONTROL;
    }
    Some(Event::Mouse(MouseEvent {
        kind,
        column: x.checked_sub(1)?,
        row: y.checked_sub(1)?,
        modifiers,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;
    const ALT: KeyModifiers = KeyModifiers::ALT;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

    /// Everything `bytes` means once the input has gone quiet.
    fn parse(bytes: &[u8]) -> Vec<Event> {
        parse_split(&[bytes])
    }

    /// The same, the bytes arriving in the reads given, each with more input waiting.
    fn parse_split(reads: &[&[u8]]) -> Vec<Event> {
        let mut p = Parser::default();
        let mut out = Vec::new();
        let t = Instant::now();
        for (i, r) in reads.iter().enumerate() {
            p.feed(r, i + 1 < reads.len(), t, &mut out);
        }
        p.expire(t + Duration::from_secs(10), &mut out);
        out
    }

    fn k(code: KeyCode, mods: KeyModifiers) -> Event {
        key(code, mods)
    }

    fn m(kind: MouseEventKind, column: u16, row: u16) -> Event {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: NONE,
        })
    }

    #[test]
    fn byte_sequences_become_the_events_crossterm_would_give() {
        use KeyCode::*;
        let table: &[(&[u8], Vec<Event>)] = &[
            (b"q", vec![k(Char('q'), NONE)]),
            (
                "é€😀".as_bytes(),
                vec![k(Char('é'), NONE), k(Char('€'), NONE), k(Char('😀'), NONE)],
            ),
            (b"\x03", vec![k(Char('c'), CTRL)]),
            (b"\x15", vec![k(Char('u'), CTRL)]),
            (b"\r", vec![k(Enter, NONE)]),
            (b"\t", vec![k(Tab, NONE)]),
            (b"\x1b[Z", vec![k(BackTab, SHIFT)]),
            (b"\x7f\x08", vec![k(Backspace, NONE), k(Backspace, NONE)]),
            (b"\x1b", vec![k(Esc, NONE)]),
            (b"\x1b\x1b", vec![k(Esc, NONE), k(Esc, NONE)]),
            (
                b"\x1b[A\x1b[B\x1b[C\x1b[D",
                vec![k(Up, NONE), k(Down, NONE), k(Right, NONE), k(Left, NONE)],
            ),
            (
                b"\x1bOA\x1bOH\x1bOF",
                vec![k(Up, NONE), k(Home, NONE), k(End, NONE)],
            ),
            (b"\x1b[H\x1b[F", vec![k(Home, NONE), k(End, NONE)]),
            (b"\x1b[1;5A", vec![k(Up, CTRL)]),
            (b"\x1b[1;2D", vec![k(Left, SHIFT)]),
            (
                b"\x1b[1~\x1b[7~\x1b[4~\x1b[8~",
                vec![k(Home, NONE), k(Home, NONE), k(End, NONE), k(End, NONE)],
            ),
            (
                b"\x1b[3~\x1b[5~\x1b[6~\x1b[2~",
                vec![
                    k(Delete, NONE),
                    k(PageUp, NONE),
                    k(PageDown, NONE),
                    k(Insert, NONE),
                ],
            ),
            (b"\x1b[3;5~", vec![k(Delete, CTRL)]),
            // Function keys, focus reports and unknown sequences are ignored whole.
            (
                b"\x1b[15~\x1bOP\x1b[I\x1b[O\x1b[?1;2c\x1b[201~x",
                vec![k(Char('x'), NONE)],
            ),
            (b"\x1bx", vec![k(Char('x'), ALT)]),
            (
                b"\x1b[<0;3;4M",
                vec![m(MouseEventKind::Down(MouseButton::Left), 2, 3)],
            ),
            (
                b"\x1b[<0;3;4m",
                vec![m(MouseEventKind::Up(MouseButton::Left), 2, 3)],
            ),
            (
                b"\x1b[<32;5;6M",
                vec![m(MouseEventKind::Drag(MouseButton::Left), 4, 5)],
            ),
            (
                b"\x1b[<64;1;1M\x1b[<65;1;1M",
                vec![
                    m(MouseEventKind::ScrollUp, 0, 0),
                    m(MouseEventKind::ScrollDown, 0, 0),
                ],
            ),
            (
                b"\x1b[M #$",
                vec![m(MouseEventKind::Down(MouseButton::Left), 2, 3)],
            ),
            (
                b"\x1b[200~hello\r\nworld\x1b[201~",
                vec![Event::Paste("hello\r\nworld".into())],
            ),
        ];
        for (bytes, want) in table {
            assert_eq!(&parse(bytes), want, "{:?}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn a_control_byte_inside_an_unfinished_sequence_still_acts() {
        // `ESC [ <` is what Alt-[ then `<` sends: Ctrl-C after it is Ctrl-C.
        let mut p = Parser::default();
        let mut out = Vec::new();
        let t = Instant::now();
        p.feed(b"\x1b[<", false, t, &mut out);
        assert!(out.is_empty());
        p.feed(b"\x03", false, t, &mut out);
        assert_eq!(out, [k(KeyCode::Char('c'), CTRL)]);
        for seq in [
            &b"\x1b[<1;2\x03"[..],
            b"\x1b[\x03",
            b"\x1bO\x03",
            b"\x1b\x03",
            b"\x1b[M \x03",
        ] {
            assert_eq!(parse(seq), [k(KeyCode::Char('c'), CTRL)], "{seq:?}");
        }
    }

    #[test]
    fn an_unfinished_sequence_is_dropped_after_the_time_out() {
        let mut p = Parser::default();
        let mut out = Vec::new();
        let t = Instant::now();
        p.feed(b"\x1b[<", false, t, &mut out);
        p.expire(t + TIMEOUT / 2, &mut out);
        assert!(out.is_empty(), "still waiting for the end");
        assert_eq!(p.deadline(), Some(t + TIMEOUT));
        p.expire(t + TIMEOUT, &mut out);
        assert!(out.is_empty(), "dropped, not typed");
        assert_eq!(p.deadline(), None);
        p.feed(b"q", false, t + TIMEOUT, &mut out);
        assert_eq!(out, [k(KeyCode::Char('q'), NONE)]);
        // A lone ESC with more input waiting becomes Esc once nothing follows it.
        let mut p = Parser::default();
        let mut out = Vec::new();
        p.feed(b"\x1b", true, t, &mut out);
        p.expire(t + TIMEOUT, &mut out);
        assert_eq!(out, [k(KeyCode::Esc, NONE)]);
    }

    #[test]
    fn sequences_split_across_reads_are_put_together() {
        assert_eq!(
            parse_split(&[b"\x1b", b"[1;5", b"A"]),
            [k(KeyCode::Up, CTRL)]
        );
        assert_eq!(
            parse_split(&[b"\x1b[<0;1", b"0;20M"]),
            [m(MouseEventKind::Down(MouseButton::Left), 9, 19)]
        );
        assert_eq!(
            parse_split(&[b"\xe2\x82", b"\xac"]),
            [k(KeyCode::Char('€'), NONE)]
        );
        assert_eq!(
            parse_split(&[b"\x1b[20", b"0~ab", b"c\x1b[2", b"01~q"]),
            [Event::Paste("abc".into()), k(KeyCode::Char('q'), NONE)]
        );
    }

    #[test]
    fn a_paste_is_capped_and_what_is_dropped_is_counted() {
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend(std::iter::repeat_n(b'a', PASTE_CAP + 10));
        bytes.extend_from_slice(b"\x1b[201~\x03");
        let mut p = Parser::default();
        let mut out = Vec::new();
        for chunk in bytes.chunks(1000) {
            p.feed(chunk, true, Instant::now(), &mut out);
        }
        assert_eq!(out.len(), 2);
        assert!(matches!(&out[0], Event::Paste(t) if t.len() == PASTE_CAP));
        assert_eq!(out[1], k(KeyCode::Char('c'), CTRL));
        assert_eq!(p.take_dropped(), 10);
        assert_eq!(p.take_dropped(), 0);
    }

    #[test]
    fn a_paste_that_never_ends_is_read_as_keys_after_its_time_out() {
        let mut p = Parser::default();
        let mut out = Vec::new();
        let t = Instant::now();
        p.feed(b"\x1b[200~a\x03\x1b[20", false, t, &mut out);
        p.expire(t + TIMEOUT, &mut out);
        assert!(
            out.is_empty(),
            "a paste may pause longer than a key sequence"
        );
        p.expire(t + PASTE_TIMEOUT, &mut out);
        assert_eq!(
            out,
            [k(KeyCode::Char('a'), NONE), k(KeyCode::Char('c'), CTRL)]
        );
        assert_eq!(p.deadline(), None);
        p.feed(b"q", false, t, &mut out);
        assert_eq!(out.last(), Some(&k(KeyCode::Char('q'), NONE)));
    }

    #[test]
    fn the_start_of_a_paste_alone_times_out_too() {
        let mut p = Parser::default();
        let mut out = Vec::new();
        let t = Instant::now();
        p.feed(b"\x1b[200~", false, t, &mut out);
        p.expire(t + PASTE_TIMEOUT, &mut out);
        p.feed(b"\x03", false, t + PASTE_TIMEOUT, &mut out);
        assert_eq!(out, [k(KeyCode::Char('c'), CTRL)]);
    }

    proptest! {
        #[test]
        fn any_bytes_parse_without_panic_and_leave_nothing_behind(
            reads in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..40), 0..8)
        ) {
            let mut p = Parser::default();
            let mut out = Vec::new();
            let t = Instant::now();
            for r in &reads {
                p.feed(r, false, t, &mut out);
                prop_assert!(p.pending.len() <= MAX_SEQUENCE + 6 || p.paste.is_some());
            }
            p.expire(t + PASTE_TIMEOUT, &mut out);
            p.expire(t + PASTE_TIMEOUT, &mut out);
            prop_assert!(p.pending.is_empty() && p.paste.is_none() && p.deadline().is_none());
        }

        #[test]
        fn ctrl_c_after_any_bytes_is_read_as_ctrl_c(
            junk in proptest::collection::vec(any::<u8>(), 0..40)
        ) {
            // Outside a bracketed paste a Ctrl-C always comes through at once.
            prop_assume!(!junk.windows(6).any(|w| w == b"\x1b[200~"));
            let mut p = Parser::default();
            let mut out = Vec::new();
            let t = Instant::now();
            p.feed(&junk, false, t, &mut out);
            out.clear();
            p.feed(b"\x03", false, t, &mut out);
            prop_assert!(out.contains(&k(KeyCode::Char('c'), CTRL)), "{:?}", out);
        }
    }
}
