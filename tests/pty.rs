//! The real binary in a real pseudo-terminal, its screen read back with a VT100 parser.
//! Unix only: the tests send signals and make named pipes.
#![cfg(unix)]

mod common;

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ROWS: u16 = 40;
const COLS: u16 = 120;

/// A running explorer and the screen it has drawn so far.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    _master: Box<dyn MasterPty + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    home: tempfile::TempDir,
    state: std::path::PathBuf,
}

impl Session {
    fn start(args: &[&str]) -> Session {
        Session::start_in(tempfile::tempdir().unwrap(), args)
    }

    /// Start in an existing home, to see what an earlier session left behind.
    fn start_in(home: tempfile::TempDir, args: &[&str]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mtafit"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
        cmd.env("XDG_STATE_HOME", home.path().join("state"));
        cmd.env_remove("NO_COLOR");
        // Exports land in the current folder: make it the session's own.
        cmd.cwd(home.path());
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(ROWS).unwrap(),
            NonZeroU16::new(COLS).unwrap(),
            0,
        )));
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let state = home.path().join("state/mtafit/state.ron");
        Session {
            child,
            writer,
            _master: pair.master,
            screen,
            home,
            state,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Wait until the screen satisfies `ok`; fail with the screen after 15 seconds.
    fn wait_for(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            if ok(self.screen.lock().unwrap().screen()) {
                return;
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!(
                    "timed out waiting for {what}; the screen:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_text(&self, text: &str) {
        self.wait_for(text, |s| s.contents().contains(text));
    }

    fn keys(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Let the app read each burst separately, as a typist would.
        std::thread::sleep(Duration::from_millis(60));
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if start.elapsed() > Duration::from_secs(15) {
                let _ = self.child.kill();
                panic!("the app did not exit; the screen:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The line of the screen that contains `needle`.
    fn line_with(&self, needle: &str) -> String {
        self.contents()
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_default()
            .to_owned()
    }
}

/// Send a signal to the app, as the system or a closed terminal would.
fn signal(s: &Session, sig: libc::c_int) {
    let pid = s.child.process_id().expect("a process id");
    // SAFETY: kill(2) with a live child's pid and a valid signal number has no memory effects.
    let rc = unsafe { libc::kill(pid as libc::pid_t, sig) };
    assert_eq!(rc, 0, "kill failed: {}", std::io::Error::last_os_error());
}

impl Drop for Session {
    fn drop(&mut self) {
        // A failed test must not leave the app running.
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
        }
    }
}

#[test]
fn search_weigh_mark_and_quit_in_a_real_terminal() {
    let mut s = Session::start(&[]);
    s.wait_text("Ranking");
    s.wait_for("the alternate screen", |sc| sc.alternate_screen());
    assert!(
        s.line_with("▶").contains("Postfix"),
        "Postfix is selected first"
    );

    // Search: the filter narrows the lists and the best match is selected.
    s.keys("/kumo");
    s.wait_text("/kumo▏");
    s.wait_text("(1 of 17 match /kumo)");
    s.keys("\r");
    s.wait_text("1 match; n/N to step through them");
    assert!(s.line_with("▶").contains("KumoMTA"));

    // Weights: w focuses them, h lowers the volume weight from 10 to 9.
    s.keys("w");
    s.keys("h");
    s.wait_for("volume weight 9", |sc| {
        sc.contents()
            .lines()
            .any(|l| l.contains("▶Volume") && l.contains("─    9 "))
    });

    // Mark the selected engine from the detail pane.
    s.keys("\t");
    s.keys(" ");
    s.wait_text("● 1 marked");

    // Quit: the terminal leaves the alternate screen and the state is saved.
    s.keys("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.wait_for("the normal screen", |sc| !sc.alternate_screen());
    assert!(
        !s.screen.lock().unwrap().screen().hide_cursor(),
        "the cursor is shown again"
    );
    let saved = std::fs::read_to_string(&s.state).unwrap();
    assert!(saved.contains("\"volume\": 9.0"), "{saved}");
    assert!(
        saved.contains("shortlist: [\n        \"kumomta\",\n    ]"),
        "{saved}"
    );
}

#[test]
fn the_mouse_is_captured_unless_no_mouse() {
    let s = Session::start(&[]);
    s.wait_text("Ranking");
    s.wait_for("mouse capture", |sc| {
        sc.mouse_protocol_mode() != vt100::MouseProtocolMode::None
    });
    drop(s);
    let s = Session::start(&["--no-mouse"]);
    s.wait_text("Ranking");
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(
        s.screen.lock().unwrap().screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "--no-mouse leaves the terminal's own selection alone"
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = Session::start(&[]);
    s.wait_text("Ranking");
    s.wait_for("the alternate screen", |sc| sc.alternate_screen());
    signal(&s, libc::SIGTERM);
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 143, "128 + SIGTERM, as shells expect");
    s.wait_for("the normal screen", |sc| !sc.alternate_screen());
    assert!(!s.screen.lock().unwrap().screen().hide_cursor());
}

#[test]
fn sigint_ends_with_130() {
    // Ctrl-C as a key quits (status 0); SIGINT from outside, e.g. `kill -INT`, ends with 130.
    let mut s = Session::start(&[]);
    s.wait_text("Ranking");
    signal(&s, libc::SIGINT);
    assert_eq!(s.wait_exit().exit_code(), 130);
}

#[test]
fn a_hang_up_ends_the_app_and_saves() {
    // SIGHUP is what a closed terminal window sends. (A real hang-up also makes crossterm spin
    // on a dead terminal; the watchdog in src/tui/terminal.rs ends that case the same way.)
    let mut s = Session::start(&[]);
    s.wait_text("Ranking");
    s.keys("w");
    s.keys("h");
    s.wait_for("volume weight 9", |sc| sc.contents().contains("─    9 "));
    signal(&s, libc::SIGHUP);
    assert_eq!(s.wait_exit().exit_code(), 129);
    let saved = std::fs::read_to_string(&s.state).unwrap();
    assert!(saved.contains("\"volume\": 9.0"), "{saved}");
}

#[test]
fn the_saved_state_comes_back_and_a_corrupt_one_is_set_aside() {
    let mut s = Session::start(&[]);
    s.wait_text("Ranking");
    s.keys("w");
    s.keys("hh");
    s.keys("q");
    s.wait_exit();
    let saved = std::fs::read_to_string(&s.state).unwrap();
    assert!(saved.contains("\"volume\": 8.0"), "{saved}");

    // A damaged state file: reported in the status line, moved aside, never fatal.
    std::fs::write(&s.state, "Profile(volume_typo: 1)").unwrap();
    let home = std::mem::replace(&mut s.home, tempfile::tempdir().unwrap());
    let mut again = Session::start_in(home, &[]);
    again.wait_text("saved state could not be read");
    again.keys("q");
    assert!(again.wait_exit().success());
    assert!(again.state.with_extension("ron.corrupt").exists());
}

#[test]
fn mark_two_and_export_in_a_real_terminal() {
    let mut s = Session::start(&[]);
    s.wait_text("Ranking");
    s.keys(" ");
    s.keys("j");
    s.keys(" ");
    s.wait_text("● 2 marked");
    s.keys("e");
    s.wait_text("Export the shortlist");
    s.keys("\r");
    // The status line gives the whole path: the folder the explorer started in.
    let full = s.home.path().join("mtafit-shortlist.md");
    s.wait_text(&format!("wrote {}", full.display()));
    let md = std::fs::read_to_string(s.home.path().join("mtafit-shortlist.md")).unwrap();
    assert!(
        md.contains("| 1 | Postfix |") && md.contains("| 2 | GreenArrow |"),
        "{md}"
    );
    // Again: the file exists, so the dialog asks before replacing it.
    s.keys("e");
    s.keys("\r");
    s.wait_text("exists: Enter again to replace it");
    s.keys("\r");
    s.wait_text("wrote ");
    s.keys("q");
    assert!(s.wait_exit().success());
}

#[test]
fn measure_a_log_from_the_profile_editor_in_a_real_terminal() {
    let mut s = Session::start(&[]);
    s.wait_text("Ranking");
    s.keys("p");
    s.wait_text("Measure from log");
    s.keys("\x1b[B");
    s.keys("\x1b[B");
    let log = format!(
        "{}/tests/fixtures/logs/postfix-week.log",
        env!("CARGO_MANIFEST_DIR")
    );
    s.keys(&log);
    s.keys("\r");
    // 13 recipients over six days: 65 a month, put into the volume field.
    s.wait_text("65/month");
    s.wait_for("the volume field", |sc| {
        sc.contents()
            .lines()
            .any(|l| l.contains("Monthly volume") && l.contains("65"))
    });
    s.keys("\x1b[A");
    s.keys("\r");
    s.wait_text("profile applied");
    s.keys("q");
    assert!(s.wait_exit().success());
    let saved = std::fs::read_to_string(&s.state).unwrap();
    assert!(saved.contains("monthly_volume: 65"), "{saved}");
}

#[test]
fn measure_shows_progress_on_a_terminal_and_clears_it() {
    // A named pipe that pauses mid-log keeps the measurement running long enough to see the
    // progress line whatever the machine's speed.
    let home = tempfile::tempdir().unwrap();
    let fifo = home.path().join("mail.fifo");
    common::mkfifo(&fifo);
    let log = std::fs::read(format!(
        "{}/tests/fixtures/logs/postfix-week.log",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let path = fifo.clone();
    let writer = std::thread::spawn(move || {
        let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
        let half = log.len() / 2;
        f.write_all(&log[..half]).unwrap();
        f.flush().unwrap();
        std::thread::sleep(Duration::from_millis(1500));
        f.write_all(&log[half..]).unwrap();
    });
    let fifo_arg = fifo.to_str().unwrap().to_owned();
    let mut s = Session::start_in(home, &["measure", &fifo_arg, "--year", "2025"]);
    s.wait_text("measuring");
    s.wait_text("Monthly volume");
    writer.join().unwrap();
    assert!(s.wait_exit().success());
    let screen = s.contents();
    assert!(
        !screen.contains("measuring"),
        "the bar is cleared:\n{screen}"
    );
    assert!(screen.contains("65 per 30 days"), "{screen}");
}

#[test]
fn measure_without_a_log_on_a_terminal_says_what_to_give() {
    let mut s = Session::start(&["measure"]);
    s.wait_text("name a mail log, or pipe one in");
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 2, "a usage error");
}

#[test]
fn a_fresh_session_leaves_the_saved_state_alone_unless_asked() {
    // A first session lowers the volume weight to 8 and saves it on quitting.
    let mut s = Session::start(&[]);
    s.wait_text("Ranking");
    s.keys("w");
    s.keys("hh");
    s.keys("q");
    assert!(s.wait_exit().success());
    let state = s.state.clone();
    let before = std::fs::read_to_string(&state).unwrap();
    assert!(before.contains("\"volume\": 8.0"), "{before}");
    let mut home = std::mem::replace(&mut s.home, tempfile::tempdir().unwrap());

    // --fresh and no change: quits at once and writes nothing.
    let mut f = Session::start_in(home, &["--fresh"]);
    f.wait_text("Ranking");
    f.keys("q");
    assert!(f.wait_exit().success());
    assert_eq!(std::fs::read_to_string(&state).unwrap(), before);
    home = std::mem::replace(&mut f.home, tempfile::tempdir().unwrap());

    // --fresh (the default weights, volume 10) with a change: quitting asks; n quits without
    // saving.
    let mut f = Session::start_in(home, &["--fresh"]);
    f.wait_text("Ranking");
    f.keys("w");
    f.keys("h");
    f.keys("q");
    f.wait_text("Save before quitting?");
    f.keys("n");
    assert!(f.wait_exit().success());
    assert_eq!(std::fs::read_to_string(&state).unwrap(), before);
    home = std::mem::replace(&mut f.home, tempfile::tempdir().unwrap());

    // y saves, and says where.
    let mut f = Session::start_in(home, &["--fresh"]);
    f.wait_text("Ranking");
    f.keys("w");
    f.keys("h");
    f.keys("q");
    f.wait_text("Save before quitting?");
    f.keys("y");
    assert!(f.wait_exit().success());
    let after = std::fs::read_to_string(&state).unwrap();
    assert!(after.contains("\"volume\": 9.0"), "{after}");
    f.wait_text("saved your profile and weights to");
}

#[test]
fn the_theme_is_remembered() {
    let mut s = Session::start(&[]);
    s.wait_text("Ranking");
    s.keys("t");
    s.wait_text("theme: light");
    s.keys("q");
    assert!(s.wait_exit().success());
    let ui = s.state.with_file_name("ui.ron");
    let saved = std::fs::read_to_string(&ui).unwrap();
    assert!(saved.contains("\"light\""), "{saved}");
    // The next session starts light: one more t goes on to mono.
    let home = std::mem::replace(&mut s.home, tempfile::tempdir().unwrap());
    let mut again = Session::start_in(home, &[]);
    again.wait_text("Ranking");
    again.keys("t");
    again.wait_text("theme: mono");
    again.keys("q");
    assert!(again.wait_exit().success());
}
