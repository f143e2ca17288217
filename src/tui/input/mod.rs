//! The explorer's own input: every byte waiting on the terminal is read each turn and parsed by
//! [`parse::Parser`], so an unfinished escape sequence cannot hold back later keys and a long
//! paste is never left half-read. It replaces crossterm's event reader, which does both.

pub mod parse;

use ratatui::crossterm::event::Event;
use std::time::Duration;
#[cfg(unix)]
use std::time::Instant;

#[cfg(unix)]
/// The most bytes read in one turn; more waits for the next turn, a moment later.
const MAX_TURN: usize = 4 * 1024 * 1024;

/// The terminal's input and what has been parsed of it.
#[cfg(unix)]
pub struct Reader {
    tty: Tty,
    parser: parse::Parser,
    size: Option<(u16, u16)>,
}

#[cfg(unix)]
impl Reader {
    /// Read the terminal: standard input when it is one, else `/dev/tty`, as crossterm does.
    pub fn open() -> std::io::Result<Reader> {
        Ok(Reader {
            tty: Tty::open()?,
            parser: parse::Parser::default(),
            size: ratatui::crossterm::terminal::size().ok(),
        })
    }

    /// Wait up to `wait` for input, then return every event it completes: all bytes waiting
    /// are read, an unfinished sequence past its time-out is dropped, and a change of the
    /// terminal's size is a resize event.
    pub fn read(&mut self, wait: Duration) -> std::io::Result<Vec<Event>> {
        let mut out = Vec::new();
        let now = Instant::now();
        self.parser.expire(now, &mut out);
        let wait = match self.parser.deadline() {
            Some(d) => wait.min(d.saturating_duration_since(now)),
            None => wait,
        };
        if out.is_empty() && self.tty.ready(wait)? {
            let mut buf = vec![0u8; 64 * 1024];
            let mut total = 0;
            loop {
                let n = self.tty.read(&mut buf)?;
                if n == 0 {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::UnexpectedEof,
                        "the terminal closed",
                    ));
                }
                total += n;
                let more = self.tty.ready(Duration::ZERO)?;
                self.parser.feed(&buf[..n], more, Instant::now(), &mut out);
                if !more || total >= MAX_TURN {
                    break;
                }
            }
        }
        self.parser.expire(Instant::now(), &mut out);
        let size = ratatui::crossterm::terminal::size().ok();
        if size != self.size {
            self.size = size;
            if let Some((w, h)) = size {
                out.push(Event::Resize(w, h));
            }
        }
        Ok(out)
    }

    /// Bytes of pastes dropped past the length cap since the last call.
    pub fn take_dropped(&mut self) -> usize {
        self.parser.take_dropped()
    }
}

#[cfg(unix)]
struct Tty {
    fd: std::os::fd::RawFd,
    _file: Option<std::fs::File>,
}

#[cfg(unix)]
impl Tty {
    fn open() -> std::io::Result<Tty> {
        use std::os::fd::AsRawFd;
        // SAFETY: isatty only inspects the descriptor.
        if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
            return Ok(Tty {
                fd: libc::STDIN_FILENO,
                _file: None,
            });
        }
        let file = std::fs::File::open("/dev/tty")?;
        Ok(Tty {
            fd: file.as_raw_fd(),
            _file: Some(file),
        })
    }

    /// Whether input waits, after at most `wait`; a signal's interruption counts as none.
    fn ready(&self, wait: Duration) -> std::io::Result<bool> {
        let mut p = libc::pollfd {
            fd: self.fd,
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = libc::c_int::try_from(wait.as_millis()).unwrap_or(libc::c_int::MAX);
        // SAFETY: one valid pollfd for the duration of the call.
        let rc = unsafe { libc::poll(&mut p, 1, ms) };
        if rc < 0 {
            let e = std::io::Error::last_os_error();
            return if e.kind() == std::io::ErrorKind::Interrupted {
                Ok(false)
            } else {
                Err(e)
            };
        }
        // A hang-up is "ready": the read then reports it.
        Ok(rc > 0 && p.revents & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0)
    }

    fn read(&self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            // SAFETY: `buf` is valid for `buf.len()` bytes.
            let n = unsafe { libc::read(self.fd, buf.as_mut_ptr().cast(), buf.len()) };
            if n >= 0 {
                return Ok(usize::try_from(n).unwrap_or(0));
            }
            let e = std::io::Error::last_os_error();
            if e.kind() != std::io::ErrorKind::Interrupted {
                return Err(e);
            }
        }
    }
}

/// Elsewhere crossterm's own reader, which has no escape sequences to get stuck on.
#[cfg(not(unix))]
pub struct Reader;

#[cfg(not(unix))]
impl Reader {
    /// Read the terminal through crossterm.
    pub fn open() -> std::io::Result<Reader> {
        Ok(Reader)
    }

    /// Wait up to `wait` for events and return those waiting.
    pub fn read(&mut self, wait: Duration) -> std::io::Result<Vec<Event>> {
        use ratatui::crossterm::event;
        let mut out = Vec::new();
        let mut wait = wait;
        while event::poll(wait)? {
            out.push(event::read()?);
            wait = Duration::ZERO;
        }
        Ok(out)
    }

    /// Nothing is dropped here.
    pub fn take_dropped(&mut self) -> usize {
        0
    }
}
