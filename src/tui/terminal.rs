//! The terminal: raw mode, the alternate screen and mouse capture on the way in; all of it undone
//! on the way out — on quit, on a panic and on SIGINT, SIGTERM or SIGHUP.

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use std::io::{Stdout, stdout};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

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
    let _ = execute!(stdout(), LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
}

fn install_panic_hook(mouse: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Restore first, so the message lands on a normal screen.
        restore(mouse);
        previous(info);
    }));
}

/// What the watchdog saves if it has to end the process itself.
pub type LastWords = Arc<std::sync::Mutex<Option<crate::profile::Profile>>>;

/// After a stop signal, give the event loop a moment to end cleanly; if it does not (crossterm
/// spins forever reading a terminal that hung up), restore the terminal, save, and exit.
pub fn watchdog(stop: Arc<AtomicBool>, mouse: bool, last: LastWords) {
    std::thread::spawn(move || {
        while !stop.load(std::sync::atomic::Ordering::Relaxed) {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
        restore(mouse);
        if let Some(p) = last.lock().ok().and_then(|mut g| g.take()) {
            let _ = super::persist::save(&p);
        }
        std::process::exit(0);
    });
}

/// A flag that turns true when SIGINT, SIGTERM or SIGHUP arrives; the event loop checks it.
pub fn stop_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for sig in [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ] {
        let _ = signal_hook::flag::register(sig, Arc::clone(&flag));
    }
    flag
}
