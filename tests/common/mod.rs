//! Helpers for tests that run the real binary.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// The binary under test, isolated from the user's own configuration and colour settings.
pub fn mtafit(config_home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mtafit"));
    c.env("XDG_CONFIG_HOME", config_home)
        .env("XDG_STATE_HOME", config_home.join("state"))
        .env_remove("NO_COLOR")
        // Piped output without COLUMNS has its natural width; a test that wants a width sets it.
        .env_remove("COLUMNS");
    c
}

/// Run with `args` in a fresh configuration folder.
pub fn run(args: &[&str]) -> Output {
    let home = tempfile::tempdir().expect("a temporary folder");
    mtafit(home.path())
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Path of a file under `tests/fixtures`.
pub fn fixture(rel: &str) -> String {
    format!("{}/tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"))
}

#[cfg(unix)]
/// Make a named pipe at `path`: an input that pauses, or never ends, at the test's command.
pub fn mkfifo(path: &Path) {
    let c_path = std::ffi::CString::new(path.to_str().expect("a UTF-8 path")).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo touches nothing else.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// The capabilities that let root read and search any file whatever its permissions
/// (`CAP_DAC_OVERRIDE` and `CAP_DAC_READ_SEARCH` in linux/capability.h).
#[cfg(target_os = "linux")]
const FILE_PERMISSION_OVERRIDES: [libc::c_ulong; 2] = [1, 2];

/// True when this test runs as root, as CI does.
#[cfg(unix)]
pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and touches no memory.
    unsafe { libc::geteuid() == 0 }
}

/// Run the binary as an ordinary user meets file permissions. As root (CI), the child gives up
/// the capabilities that override them before it starts, so a file or folder with mode 000 is
/// unreadable to it too and a permission test checks something there; if it cannot, the spawn
/// fails and so does the test, rather than passing without checking.
#[cfg(target_os = "linux")]
pub fn unprivileged(cmd: &mut Command) -> &mut Command {
    use std::os::unix::process::CommandExt;
    if !is_root() {
        return cmd;
    }
    // SAFETY: the closure runs in the forked child before exec; it only calls prctl, which is
    // async-signal-safe, and allocates nothing.
    unsafe {
        cmd.pre_exec(|| {
            for cap in FILE_PERMISSION_OVERRIDES {
                // Dropped from the bounding set, a capability is not regained at exec.
                if libc::prctl(libc::PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            Ok(())
        })
    }
}

/// The same for a command started some other way (a pseudo-terminal): as root, the program and
/// arguments to run instead, through util-linux's `setpriv`, which drops the same capabilities.
#[cfg(target_os = "linux")]
pub fn unprivileged_argv(program: &str) -> Vec<String> {
    if !is_root() {
        return vec![program.to_owned()];
    }
    [
        "setpriv",
        "--bounding-set=-dac_override,-dac_read_search",
        "--",
        program,
    ]
    .map(str::to_owned)
    .to_vec()
}

/// How long a hostile-input case may run before it counts as a hang: far above any real run,
/// so only a hang trips it (the cases assert behaviour, never speed).
pub const HANG: std::time::Duration = std::time::Duration::from_secs(30);

/// Run with `args` in `config_home`, feeding `stdin` (or nothing), and fail the test if the
/// process has not ended within [`HANG`]: it is killed and the test says it hung.
pub fn run_bounded(config_home: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    run_bounded_with(mtafit(config_home), args, stdin)
}

/// [`run_bounded`] for a command already set up (unprivileged, say).
pub fn run_bounded_with(mut cmd: Command, args: &[&str], stdin: Option<&[u8]>) -> Output {
    use std::io::{Read, Write};
    use std::process::Stdio;
    use wait_timeout::ChildExt;
    let mut child = cmd
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let (Some(bytes), Some(mut pipe)) = (stdin, child.stdin.take()) {
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
    }
    // Drain both pipes while waiting, so a talkative child cannot block on a full pipe.
    let drain = |r: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            if let Some(mut r) = r {
                let _ = r.read_to_end(&mut v);
            }
            v
        })
    };
    let out = drain(
        child
            .stdout
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    );
    let err = drain(
        child
            .stderr
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    );
    let status = match child.wait_timeout(HANG).expect("wait") {
        Some(s) => s,
        None => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("mtafit {args:?} hung (killed after {HANG:?})");
        }
    };
    Output {
        status,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    }
}

/// Assert that `text` (a command's output) holds `needle`, showing the whole text otherwise.
#[track_caller]
pub fn has(text: &str, needle: &str) {
    assert!(text.contains(needle), "expected {needle:?} in:\n{text}");
}

/// The good engine fixture (`good/acme-mta.ron`) with `from` replaced by `to`, written into
/// `dir`; its path.
pub fn engine_with(dir: &Path, from: &str, to: &str) -> String {
    let good = std::fs::read_to_string(fixture("good/acme-mta.ron")).unwrap();
    let bad = good.replacen(from, to, 1);
    assert_ne!(good, bad, "{from} is not in the fixture");
    let path = dir.join("acme-mta.ron");
    std::fs::write(&path, bad).unwrap();
    path.to_str().unwrap().to_owned()
}
