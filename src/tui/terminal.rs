//! The terminal: raw mode, the alternate screen and mouse capture on the way in; all of it undone
//! on the way out — on quit, on a panic and on SIGINT, SIGTERM or SIGHUP.

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use std::io::{Stdout, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Set up on creation, restored on drop.
pub struct Guard {
    mouse: bool,
}

/// The terminal type the app draws on.
pub type Term = Terminal<CrosstermBackend<Stdout>>;

impl Guard {
    /// Enter raw mode and the alternate screen (and capture the mouse unless `mouse` is false).
    pub fn enter(mouse: bool) -> std::io::Result<(Guard, Term)> {
        install_panic_hook(mouse);
        enable_raw_mode()?;
        let guard = Guard { mouse };
        execute!(stdout(), EnterAlternateScreen, cursor::Hide)?;
        // A paste arrives as one event; a terminal that cannot say where a paste ends sends
        // it as keys, as before.
        let _ = execute!(stdout(), EnableBracketedPaste);
        if mouse {
            execute!(stdout(), EnableMouseCapture)?;
        }
        let term = Terminal::new(CrosstermBackend::new(stdout()))?;
        Ok((guard, term))
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore(self.mouse);
    }
}

/// Undo everything `enter` did; safe to call more than once.
pub fn restore(mouse: bool) {
    if mouse {
        let _ = execute!(stdout(), DisableMouseCapture);
    }
    let _ = execute!(stdout(), DisableBracketedPaste);
    let _ = execute!(stdout(), LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    flush_input();
}

/// Throw away input not yet read: keys typed or pasted while the explorer ended must not be
/// run by the shell it returns to (a pasted line break would run a command).
pub fn flush_input() {
    #[cfg(unix)]
    {
        // SAFETY: isatty only inspects the descriptor.
        if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
            flush_fd(libc::STDIN_FILENO);
        } else if let Ok(tty) = std::fs::File::open("/dev/tty") {
            use std::os::fd::AsRawFd;
            flush_fd(tty.as_raw_fd());
        }
    }
}

/// Discard the input waiting on the terminal `fd`.
#[cfg(unix)]
fn flush_fd(fd: std::os::fd::RawFd) {
    // SAFETY: tcflush only acts on the descriptor's terminal; a non-terminal is an error.
    unsafe {
        libc::tcflush(fd, libc::TCIFLUSH);
    }
}

fn install_panic_hook(mouse: bool) {
    let previous = std::panic::take_hook();
    let ui = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        // A background thread's panic is caught and reported by the UI (see `worker`):
        // restoring the terminal or printing over the screen would break a UI that keeps going.
        if !super::worker::owns_terminal(ui) {
            return;
        }
        // Restore first, so the message lands on a normal screen.
        restore(mouse);
        previous(info);
    }));
}

/// What the watchdog saves if it has to end the process itself.
pub type LastWords = Arc<std::sync::Mutex<Option<mtafit_model::profile::Profile>>>;

/// The stop signal that arrived, if any: set from a signal handler, read by the event loop.
#[derive(Debug, Clone, Default)]
pub struct StopSignal(Arc<AtomicUsize>);

impl StopSignal {
    /// Watch SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1 and SIGALRM (on Unix; elsewhere Ctrl-C
    /// arrives as a key). The last three end a process by default too, and would leave the
    /// terminal in the alternate screen with the mouse captured and no cursor.
    pub fn install() -> StopSignal {
        let s = StopSignal::default();
        #[cfg(unix)]
        for sig in [
            signal_hook::consts::SIGINT,
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGQUIT,
            signal_hook::consts::SIGUSR1,
            signal_hook::consts::SIGALRM,
        ] {
            let _ = signal_hook::flag::register_usize(sig, Arc::clone(&s.0), sig as usize);
        }
        s
    }

    /// The signal's number, once one has arrived.
    pub fn received(&self) -> Option<i32> {
        match self.0.load(Ordering::SeqCst) {
            0 => None,
            n => i32::try_from(n).ok(),
        }
    }
}

/// The exit status after a stop signal: 128 plus its number (130 for SIGINT, 143 for SIGTERM,
/// 129 for SIGHUP), as shells report a process a signal ended.
pub fn exit_status(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(1)
}

/// After a stop signal, give the event loop a moment to end cleanly; if it does not (crossterm
/// spins forever reading a terminal that hung up, a write is stuck), restore the terminal, save,
/// remove the temporary files of unfinished writes, and exit with the signal's status.
pub fn watchdog(stop: StopSignal, mouse: bool, last: LastWords) {
    std::thread::spawn(move || {
        let signal = loop {
            if let Some(s) = stop.received() {
                break s;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        };
        std::thread::sleep(std::time::Duration::from_millis(500));
        restore(mouse);
        if let Some(p) = last.lock().ok().and_then(|mut g| g.take()) {
            let _ = super::persist::save(&p);
        }
        // The loop may be stuck in a write (an export to a slow disk): `exit` runs no
        // destructor, so its temporary file would stay behind.
        mtafit_model::atomic::remove_in_flight();
        std::process::exit(i32::from(exit_status(signal)));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_exit_as_shells_expect() {
        assert_eq!(exit_status(2), 130);
        assert_eq!(exit_status(15), 143);
        assert_eq!(exit_status(1), 129);
        assert_eq!(StopSignal::default().received(), None);
    }

    #[cfg(unix)]
    #[test]
    fn input_left_unread_is_thrown_away_before_the_shell_gets_it() {
        let (mut master, mut slave) = (0, 0);
        // SAFETY: openpty fills in two descriptors; the null pointers ask for defaults.
        let rc = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        assert_eq!(rc, 0, "{}", std::io::Error::last_os_error());
        let waiting = |fd| {
            let mut p = libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd.
            unsafe { libc::poll(&mut p, 1, 200) > 0 }
        };
        // A pasted command with its newline, typed as the explorer ends.
        let line = b"rm -rf x\n";
        // SAFETY: writes from a valid buffer to the pseudo-terminal's master.
        let n = unsafe { libc::write(master, line.as_ptr().cast(), line.len()) };
        assert_eq!(usize::try_from(n).ok(), Some(line.len()));
        assert!(waiting(slave), "the line waits to be read");
        flush_fd(slave);
        assert!(!waiting(slave), "nothing is left for the shell");
        // SAFETY: both descriptors are ours and closed once.
        unsafe {
            libc::close(master);
            libc::close(slave);
        }
    }
}
