//! The real binary in a real pseudo-terminal, its screen read back with a VT100 parser.
//! Unix only: the tests send signals and make named pipes.
#![cfg(unix)]

use crate::common;

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
        Session::start_env(home, args, &[])
    }

    /// Start in `home` with extra environment variables (the debug-build test hooks).
    fn start_env(home: tempfile::TempDir, args: &[&str], env: &[(&str, &str)]) -> Session {
        Session::start_argv(home, &[env!("CARGO_BIN_EXE_mtafit").to_owned()], args, env)
    }

    /// Start as an ordinary user meets file permissions, also when the test runs as root.
    #[cfg(target_os = "linux")]
    fn start_unprivileged(home: tempfile::TempDir, args: &[&str]) -> Session {
        let argv = common::unprivileged_argv(env!("CARGO_BIN_EXE_mtafit"));
        Session::start_argv(home, &argv, args, &[])
    }

    /// Start `argv` (the binary, or a wrapper and then the binary) with `args`.
    fn start_argv(
        home: tempfile::TempDir,
        argv: &[String],
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::from_argv(argv.iter().map(Into::into).collect());
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
        cmd.env("XDG_STATE_HOME", home.path().join("state"));
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
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
fn sigquit_sigusr1_and_sigalrm_restore_the_terminal_and_save() {
    for (sig, status) in [
        (libc::SIGQUIT, 131),
        (libc::SIGUSR1, 138),
        (libc::SIGALRM, 142),
    ] {
        let mut s = Session::start(&[]);
        s.wait_text("Ranking");
        s.wait_for("the alternate screen and the mouse", |sc| {
            sc.alternate_screen() && sc.mouse_protocol_mode() != vt100::MouseProtocolMode::None
        });
        s.keys("w");
        s.keys("h");
        s.wait_for("volume weight 9", |sc| sc.contents().contains("─    9 "));
        signal(&s, sig);
        assert_eq!(s.wait_exit().exit_code(), status, "128 + signal {sig}");
        s.wait_for("the terminal restored", |sc| {
            !sc.alternate_screen()
                && !sc.hide_cursor()
                && sc.mouse_protocol_mode() == vt100::MouseProtocolMode::None
        });
        let saved = std::fs::read_to_string(&s.state).unwrap();
        assert!(saved.contains("\"volume\": 9.0"), "signal {sig}: {saved}");
    }
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
    again.wait_text("it could not be read");
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
        md.contains("| 1 | Postfix |") && md.contains("| 2 | KumoMTA |"),
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
fn export_to_a_name_under_home_in_the_format_its_extension_says() {
    let home = tempfile::tempdir().unwrap();
    let home_path = home.path().to_str().unwrap().to_owned();
    let mut s = Session::start_env(home, &[], &[("HOME", &home_path)]);
    s.wait_text("Ranking");
    s.keys("e");
    s.wait_text("Export the shortlist");
    s.keys("\x1b[B");
    // Ctrl-U clears the proposed name.
    s.keys("\x15");
    s.keys("~/picked.csv");
    s.wait_text("◀ csv ▶  (from the file name)");
    s.keys("\r");
    let written = s.home.path().join("picked.csv");
    s.wait_text(&format!("wrote {}", written.display()));
    let csv = std::fs::read_to_string(&written).unwrap();
    assert!(csv.starts_with("id,name,"), "{csv}");
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

    // --fresh (the default weights, volume 10) with a change: quitting asks.
    let change_then_answer = |home: tempfile::TempDir, answer: &str| {
        let mut f = Session::start_in(home, &["--fresh"]);
        f.wait_text("Ranking");
        f.keys("w");
        f.keys("h");
        f.keys("q");
        f.wait_text("Save before quitting?");
        f.keys(answer);
        assert!(f.wait_exit().success());
        f
    };
    // n quits without saving.
    let mut f = change_then_answer(home, "n");
    assert_eq!(std::fs::read_to_string(&state).unwrap(), before);
    home = std::mem::replace(&mut f.home, tempfile::tempdir().unwrap());

    // y saves, and says where.
    let f = change_then_answer(home, "y");
    let after = std::fs::read_to_string(&state).unwrap();
    assert!(after.contains("\"volume\": 9.0"), "{after}");
    f.wait_text("saved your profile and weights to");
}

#[test]
fn a_session_on_a_profile_leaves_the_saved_state_alone_unless_asked() {
    // A first session lowers the volume weight to 8 and saves it on quitting.
    let mut s = Session::start(&[]);
    s.wait_text("Ranking");
    s.keys("w");
    s.keys("hh");
    s.keys("q");
    assert!(s.wait_exit().success());
    let state = s.state.clone();
    let before = std::fs::read_to_string(&state).unwrap();
    let mut home = std::mem::replace(&mut s.home, tempfile::tempdir().unwrap());

    // A built-in profile, quit at once: the saved session is byte for byte as it was.
    for args in [
        &["--profile", "esp-enough"][..],
        &["--profile", "brief-7.4m"],
    ] {
        let mut p = Session::start_in(home, args);
        p.wait_text("Ranking");
        p.keys("q");
        assert!(p.wait_exit().success());
        assert_eq!(std::fs::read_to_string(&state).unwrap(), before, "{args:?}");
        home = std::mem::replace(&mut p.home, tempfile::tempdir().unwrap());
    }

    // A change, then q: it asks; n quits without saving.
    let mut p = Session::start_in(home, &["--profile", "esp-enough"]);
    p.wait_text("Ranking");
    p.keys("w");
    p.keys("h");
    p.keys("q");
    p.wait_text("Save before quitting?");
    p.wait_text("started on a profile (--profile)");
    p.keys("n");
    assert!(p.wait_exit().success());
    assert_eq!(std::fs::read_to_string(&state).unwrap(), before);
    home = std::mem::replace(&mut p.home, tempfile::tempdir().unwrap());

    // A signal saves nothing either.
    let mut p = Session::start_in(home, &["--profile", "esp-enough"]);
    p.wait_text("Ranking");
    p.keys("w");
    p.keys("h");
    p.wait_for("volume weight 9", |sc| sc.contents().contains("─    9 "));
    signal(&p, libc::SIGTERM);
    assert_eq!(p.wait_exit().exit_code(), 143);
    assert_eq!(std::fs::read_to_string(&state).unwrap(), before);
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

/// The explorer on a terminal whose only handle is `master`: nothing else holds the master side
/// open, so dropping it hangs the terminal up, as closing a terminal window does.
struct Bare {
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    screen: vt100::Parser,
}

impl Bare {
    fn start(home: &std::path::Path, args: &[&str]) -> Bare {
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
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_STATE_HOME", home.join("state"));
        cmd.env_remove("NO_COLOR");
        cmd.cwd(home);
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        Bare {
            child,
            master: Some(pair.master),
            screen: vt100::Parser::new(
                NonZeroU16::new(ROWS).unwrap(),
                NonZeroU16::new(COLS).unwrap(),
                0,
            ),
        }
    }

    /// Read the screen until it shows `text`. The master is read directly: portable-pty's
    /// reader is a second handle that would keep the terminal open, and its writer types a
    /// newline and ^D when dropped, which the app would take for keys.
    fn wait_text(&mut self, text: &str) {
        let fd = self.master.as_ref().and_then(|m| m.as_raw_fd()).unwrap();
        let start = Instant::now();
        while !self.screen.screen().contents().contains(text) {
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "timed out waiting for {text}; the screen:\n{}",
                self.screen.screen().contents()
            );
            let mut pfd = libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd for a descriptor the master owns.
            if unsafe { libc::poll(&mut pfd, 1, 100) } <= 0 {
                continue;
            }
            let mut buf = [0u8; 8192];
            // SAFETY: reads at most buf.len() bytes into buf from an open descriptor.
            let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
            assert!(
                n > 0,
                "the terminal closed; the screen:\n{}",
                self.screen.screen().contents()
            );
            self.screen.process(&buf[..n as usize]);
        }
    }

    /// Close the terminal: the kernel sends SIGHUP and the app's reads fail from then on.
    fn hang_up(&mut self) {
        drop(self.master.take());
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if start.elapsed() > Duration::from_secs(15) {
                let _ = self.child.kill();
                panic!("the app did not exit after the hang-up");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Bare {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
        }
    }
}

#[test]
fn a_hang_up_before_any_key_keeps_the_command_line_overrides() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Bare::start(home.path(), &["--volume", "4.4M"]);
    s.wait_text("Ranking");
    s.hang_up();
    assert_eq!(s.wait_exit().exit_code(), 129, "128 + SIGHUP");
    let saved = std::fs::read_to_string(home.path().join("state/mtafit/state.ron")).unwrap();
    assert!(saved.contains("monthly_volume: 4400000"), "{saved}");
}

/// A home whose saved state `make` prepares (the state folder exists) before any session.
fn home_with_state(make: impl FnOnce(&std::path::Path)) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("state/mtafit");
    std::fs::create_dir_all(&dir).unwrap();
    make(&dir.join("state.ron"));
    home
}

#[test]
fn every_corrupt_saved_state_is_kept_in_a_copy_of_its_own() {
    let mut home = tempfile::tempdir().unwrap();
    let dir = home.path().join("state/mtafit");
    std::fs::create_dir_all(&dir).unwrap();
    for (n, copy) in [(1, "state.ron.corrupt"), (2, "state.ron.corrupt-2")] {
        std::fs::write(dir.join("state.ron"), format!("Profile(typo_{n}: 1)")).unwrap();
        let mut s = Session::start_in(home, &[]);
        s.wait_text(&format!(
            "saved state moved to {}: it could not be read",
            dir.join(copy).display()
        ));
        s.keys("q");
        assert!(s.wait_exit().success());
        home = std::mem::replace(&mut s.home, tempfile::tempdir().unwrap());
    }
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    assert_eq!(read("state.ron.corrupt"), "Profile(typo_1: 1)");
    assert_eq!(read("state.ron.corrupt-2"), "Profile(typo_2: 1)");
}

#[test]
fn a_saved_state_that_is_a_named_pipe_is_reported_and_never_saved_over() {
    use std::os::unix::fs::FileTypeExt;
    let mut home = home_with_state(common::mkfifo);
    let state = home.path().join("state/mtafit/state.ron");
    // A normal session, then a fresh one, which saves only when asked: neither waits on the
    // pipe, both say why, and neither replaces it.
    for args in [&[][..], &["--fresh"]] {
        let mut s = Session::start_in(home, args);
        s.wait_text(&format!(
            "saved state {} is a named pipe, not a file",
            state.display()
        ));
        s.keys("w");
        s.keys("h");
        s.wait_for("volume weight 9", |sc| sc.contents().contains("─    9 "));
        s.keys("q");
        assert!(
            s.wait_exit().success(),
            "{args:?}: quits without asking to save"
        );
        s.wait_text("mtafit: did not save your profile and weights");
        assert!(
            std::fs::symlink_metadata(&state)
                .unwrap()
                .file_type()
                .is_fifo(),
            "{args:?}"
        );
        home = std::mem::replace(&mut s.home, tempfile::tempdir().unwrap());
    }
}

#[test]
fn a_huge_sparse_saved_state_is_reported_and_left_as_it_is() {
    let home = home_with_state(|p| {
        std::fs::File::create(p).unwrap().set_len(3 << 30).unwrap();
    });
    let mut s = Session::start_in(home, &["--volume", "4.4M"]);
    s.wait_text("is over 1 MiB (3221225472 bytes)");
    s.keys("q");
    assert!(s.wait_exit().success());
    assert_eq!(std::fs::metadata(&s.state).unwrap().len(), 3 << 30);
    assert_eq!(
        std::fs::read_dir(s.state.parent().unwrap())
            .unwrap()
            .count(),
        1,
        "nothing set aside or written beside it"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_saved_state_that_cannot_be_read_is_not_saved_over() {
    use std::os::unix::fs::PermissionsExt;
    let saved = "Profile(monthly_volume: 5)\n";
    let home = home_with_state(|p| {
        std::fs::write(p, saved).unwrap();
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o000)).unwrap();
    });
    let state = home.path().join("state/mtafit/state.ron");
    // As root (CI), the explorer runs without the capabilities that would let it read the file.
    let mut s = Session::start_unprivileged(home, &[]);
    s.wait_text("cannot be read: permission denied");
    s.keys("w");
    s.keys("h");
    s.keys("q");
    assert!(s.wait_exit().success());
    s.wait_text("mtafit: did not save your profile and weights");
    std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(std::fs::read_to_string(&state).unwrap(), saved);
}

#[test]
fn a_failed_save_on_quit_exits_1_and_says_so() {
    let mut s = Session::start(&[]);
    s.wait_text("Ranking");
    // The state file turns into a folder while the explorer runs: quitting cannot save there.
    let _ = std::fs::remove_file(&s.state);
    std::fs::create_dir_all(&s.state).unwrap();
    s.keys("w");
    s.keys("h");
    s.keys("q");
    assert_eq!(s.wait_exit().exit_code(), 1, "the work was not saved");
    s.wait_text("mtafit: could not save your profile and weights");
}

#[cfg(target_os = "linux")]
#[test]
fn a_state_folder_that_cannot_be_written_fails_the_quit() {
    use std::os::unix::fs::PermissionsExt;
    let home = home_with_state(|p| {
        let dir = p.parent().unwrap();
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    });
    let dir = home.path().join("state/mtafit");
    // As root (CI), the explorer runs without the capabilities that would let it write there.
    let mut s = Session::start_unprivileged(home, &[]);
    s.wait_text("Ranking");
    s.keys("w");
    s.keys("h");
    s.keys("q");
    let code = s.wait_exit().exit_code();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 1, "the work was not saved");
    s.wait_text("mtafit: could not save your profile and weights");
    assert!(!s.state.exists(), "nothing was written");
}

/// Hidden temporary files in `dir` of writes of `name` (`.{name}.*.tmp`).
fn temporaries(dir: &std::path::Path, name: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(&format!(".{name}.")))
        .collect()
}

#[cfg(debug_assertions)]
#[test]
fn sigterm_during_an_export_from_the_explorer_leaves_no_temporary_file() {
    // The debug-build hook in src/atomic.rs holds the export half-way, its temporary file full,
    // so the signal lands mid-write whatever the machine's speed.
    let name = "mtafit-shortlist.md";
    let mut s = Session::start_env(
        tempfile::tempdir().unwrap(),
        &[],
        &[("MTAFIT_TEST_PAUSE_WRITING", name)],
    );
    s.wait_text("Ranking");
    s.keys(" ");
    s.wait_text("● 1 marked");
    s.keys("e");
    s.wait_text("Export the shortlist");
    s.keys("\r");
    let start = Instant::now();
    while temporaries(s.home.path(), name).is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the export never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    signal(&s, libc::SIGTERM);
    assert_eq!(s.wait_exit().exit_code(), 143);
    assert_eq!(temporaries(s.home.path(), name), Vec::<String>::new());
    assert!(!s.home.path().join(name).exists(), "no half file either");
    let saved = std::fs::read_to_string(&s.state).unwrap();
    assert!(
        saved.contains("\"postfix\""),
        "the marks are saved: {saved}"
    );
}

#[test]
fn the_path_view_in_a_real_terminal() {
    // The brief's sender growing 6 % a month, from a profile file.
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("growing.ron");
    std::fs::write(
        &profile,
        "Profile(team: StaticConfig, growth: Some((per_month: 0.06, months: 5)))",
    )
    .unwrap();
    let mut s = Session::start(&["--profile", profile.to_str().unwrap()]);
    s.wait_text("Ranking");
    s.keys("4");
    s.wait_text("Your top pick as you grow");
    s.wait_text("▲ you, 7.4M");
    s.wait_text("at +6 %/month (measured over 5 months) you reach");
    // Back to the compare view and out.
    s.keys("1");
    s.wait_text("Ranking");
    s.keys("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.wait_for("the normal screen", |sc| !sc.alternate_screen());
}

#[test]
fn command_line_tables_take_the_terminals_width_when_columns_is_unset() {
    // On a 120-column terminal the walk's reasons wrap at 120, not at the 96 of a pipe. The
    // screen holds the rows as printed, since none reaches the terminal's own wrap.
    let mut s = Session::start_env(
        tempfile::tempdir().unwrap(),
        &["walk", "--profile", "brief-7.4m"],
        &[("COLUMNS", "")],
    );
    s.wait_text("the two agree");
    assert!(s.wait_exit().success());
    let screen = s.contents();
    let widest = screen
        .lines()
        .map(|l| unicode_width::UnicodeWidthStr::width(l.trim_end()))
        .max()
        .unwrap_or(0);
    assert!(
        widest > 96 && widest <= usize::from(COLS),
        "{widest}:\n{screen}"
    );
}

#[test]
fn enter_opens_an_engine_whole_with_its_links_in_place_and_esc_returns() {
    let mut s = Session::start(&["--fresh"]);
    s.wait_text("Ranking");
    s.keys("\r");
    s.wait_text("Postfix · checked");
    s.keys("G");
    s.wait_text("sources");
    // The links' escapes reach the terminal and draw nothing of their own: each source sits in
    // its column and the border after it is in place.
    let line = s.line_with("sources");
    assert!(line.contains("  sources       https://"), "{line:?}");
    assert_eq!(line.chars().count(), usize::from(COLS), "{line:?}");
    assert!(line.ends_with('║'), "{line:?}");
    s.keys("\x1b");
    s.wait_for("the compare view again", |sc| {
        let text = sc.contents();
        text.contains("Ranking") && !text.contains("· checked")
    });
    s.keys("q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_user_engines_folder_that_is_a_named_pipe_is_a_problem_shown_at_start_and_by_bang() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config/mtafit");
    std::fs::create_dir_all(&config).unwrap();
    common::mkfifo(&config.join("engines"));
    let mut s = Session::start_in(home, &[]);
    s.wait_text("1 catalogue problem — press ! to see them");
    s.keys("!");
    s.wait_text("your engines folder engines is a named pipe");
    s.keys("\x1b");
    s.keys("q");
    assert!(s.wait_exit().success());
}

impl Session {
    /// Wait for the app to end; fail with the screen after `secs` seconds (a hang, not a
    /// slow machine: the promise is far faster).
    /// Press `key` and see the app exit with success within five seconds.
    fn ends_with_key(&mut self, key: &str, what: &str) {
        self.keys(key);
        let status = self.exits_within(5, what);
        assert!(status.success(), "{what}: {status:?}");
    }

    fn exits_within(&mut self, secs: u64, what: &str) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if start.elapsed() > Duration::from_secs(secs) {
                let _ = self.child.kill();
                panic!(
                    "{what}: the app did not exit; the screen:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Write `bytes` from another thread, as a terminal pastes: the app reads while it
    /// writes (a full pseudo-terminal blocks the writer). Later keys cannot be sent.
    fn paste_raw(&mut self, bytes: Vec<u8>) {
        let mut w = std::mem::replace(&mut self.writer, Box::new(std::io::sink()));
        std::thread::spawn(move || {
            let _ = w.write_all(&bytes);
            let _ = w.flush();
        });
    }
}

#[test]
fn ctrl_c_quits_after_an_unfinished_escape_sequence() {
    // `ESC [ <` (Alt-[ then `<`) starts a mouse report that never ends: crossterm waited for
    // its `M` forever and took Ctrl-C as part of it.
    let mut s = Session::start(&[]);
    s.wait_text("Ranking");
    s.keys("\x1b[<");
    s.ends_with_key("\x03", "Ctrl-C after ESC [ <");
    s.wait_for("the normal screen", |sc| !sc.alternate_screen());
}

#[test]
fn q_quits_after_an_unfinished_escape_sequence_has_timed_out() {
    let mut s = Session::start(&[]);
    s.wait_text("Ranking");
    s.keys("\x1b[<1;2");
    // A typist's next key comes long after the sequence's time-out.
    std::thread::sleep(Duration::from_millis(300));
    s.ends_with_key("q", "q after ESC [ <");
}

#[test]
fn ctrl_c_quits_whatever_is_open() {
    // Each case: the keys that open it, and the text that shows it is open.
    let cases: &[(&str, &str, &str)] = &[
        ("the compare view", "", "Ranking"),
        ("the help popup", "?", "Keys"),
        ("the profile form", "p", "Measure from log"),
        ("the export dialog", "e", "Export the shortlist"),
        ("typing a search", "/kum", "/kum▏"),
        ("an engine opened whole", "\r", "Postfix · checked"),
    ];
    for (name, keys, shown) in cases {
        let mut s = Session::start(&[]);
        s.wait_text("Ranking");
        s.keys(keys);
        s.wait_text(shown);
        s.ends_with_key("\x03", name);
        s.wait_for("the normal screen", |sc| !sc.alternate_screen());
    }
}

#[test]
fn ctrl_c_quits_while_a_log_is_measured_in_the_background() {
    // A named pipe whose writer never finishes keeps the measurement running.
    let home = tempfile::tempdir().unwrap();
    let fifo = home.path().join("slow.fifo");
    common::mkfifo(&fifo);
    let path = fifo.clone();
    std::thread::spawn(move || {
        if let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(path) {
            let _ = f.write_all(b"Jan  1 00:00:00 mx postfix/smtp[1]: ");
            std::thread::sleep(Duration::from_secs(30));
        }
    });
    let mut s = Session::start_in(home, &[]);
    s.wait_text("Ranking");
    s.keys("p");
    s.wait_text("Measure from log");
    s.keys("\x1b[B");
    s.keys("\x1b[B");
    s.keys(fifo.to_str().unwrap());
    s.keys("\r");
    s.wait_text("measuring");
    s.ends_with_key("\x03", "Ctrl-C while measuring");
}

#[test]
fn ctrl_c_quits_during_a_long_paste() {
    // 100 KB typed into the search (a terminal without bracketed paste), then Ctrl-C: all of
    // it is read at once, and Ctrl-C is not queued behind it.
    let mut s = Session::start(&[]);
    s.wait_text("Ranking");
    s.keys("/");
    s.wait_text("/▏");
    let mut bytes = "abcdefghij".repeat(10_000).into_bytes();
    bytes.push(0x03);
    s.paste_raw(bytes);
    let status = s.exits_within(20, "Ctrl-C after a 100 KB paste");
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_bracketed_paste_is_one_event_taken_only_by_text_fields() {
    let mut s = Session::start(&[]);
    s.wait_text("Ranking");
    s.wait_for("bracketed paste", |sc| sc.bracketed_paste());
    // Outside a text field: ignored, with a word why (its letters are not keys).
    s.keys("\x1b[200~wq\x1b[201~");
    s.wait_text("nothing pasted: a paste goes only into the search");
    // Into the search: the text without its line break, which would have confirmed.
    s.keys("/");
    s.keys("\x1b[200~kumo\r\n\x1b[201~");
    s.wait_text("/kumo▏");
    s.wait_text("Enter keep · Esc clear");
    s.keys("\x1b");
    s.wait_for("the search closed", |sc| {
        !sc.contents().contains("Esc clear")
    });
    // 100 KB: taken as one event, cut at its cap with a word; Ctrl-C after it acts.
    let mut big = b"\x1b[200~".to_vec();
    big.extend("abcdefghij".repeat(10_000).into_bytes());
    big.extend_from_slice(b"\x1b[201~");
    s.keys(std::str::from_utf8(&big).unwrap());
    s.wait_text("the paste was too long");
    s.ends_with_key("\x03", "Ctrl-C after a 100 KB bracketed paste");
    s.wait_for("bracketed paste off", |sc| !sc.bracketed_paste());
}

#[test]
fn a_resized_terminal_is_drawn_at_its_new_size() {
    // Resizes reach the explorer without crossterm's event reader: the size is checked each turn.
    let mut s = Session::start(&[]);
    s.wait_text("[4]Path");
    // The widest line drawn: the panes' borders reach the right edge.
    let width = |sc: &vt100::Screen| {
        sc.contents()
            .lines()
            .map(|l| l.trim_end().chars().count())
            .max()
            .unwrap_or(0)
    };
    assert_eq!(width(s.screen.lock().unwrap().screen()), usize::from(COLS));
    s._master
        .resize(PtySize {
            rows: ROWS,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    s.wait_for("the header drawn 100 columns wide", |sc| width(sc) == 100);
    s.ends_with_key("q", "q after a resize");
}

#[test]
fn ctrl_c_ends_a_session_that_would_ask_at_once_saving_nothing_and_says_so() {
    // Ctrl-C always ends the explorer (issue 21): in a --fresh session with a change, where q
    // asks "Save before quitting?", Ctrl-C quits without the question, leaves the saved state
    // as it was (here: none) and says on the restored screen that nothing was saved.
    let mut s = Session::start(&["--fresh"]);
    s.wait_text("Ranking");
    s.keys("w");
    s.keys("h");
    s.ends_with_key("\x03", "Ctrl-C with a change to ask about");
    assert!(!s.state.exists(), "nothing is saved");
    s.wait_text("ended with Ctrl-C: this session's changes were not saved");
}
