//! Hostile files and faults through the real binary (issue 13): special files where a catalogue
//! file, profile or profile target is expected, folders that hide entries, files too large to
//! read, and signals during a write. Every case runs under `run_bounded`, so a hang fails the
//! test instead of the suite; files that cannot be committed (pipes, links, sparse files) are
//! made here, in a temporary folder.

use crate::common;

use crate::common::{fixture, has, run_bounded, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::Output;

/// A fresh configuration home and a work folder inside it.
fn home() -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let work = home.path().join("work");
    std::fs::create_dir(&work).unwrap();
    (home, work)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// The good engine fixture under another id (the id must match the file name).
fn engine_named(id: &str) -> String {
    std::fs::read_to_string(fixture("good/acme-mta.ron"))
        .unwrap()
        .replace("\"acme-mta\"", &format!("\"{id}\""))
}

/// A folder holding one good engine, `acme-mta.ron`.
fn catalogue_folder(work: &Path) -> PathBuf {
    let dir = work.join("engines");
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(fixture("good/acme-mta.ron"), dir.join("acme-mta.ron")).unwrap();
    dir
}

/// A file that claims `len` bytes and holds none (it would take seconds and gigabytes to read).
fn sparse(path: &Path, len: u64) {
    std::fs::File::create(path).unwrap().set_len(len).unwrap();
}

fn assert_exit(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(out),
        stderr(out)
    );
}

/// `mtafit check DIR` warns about the one entry `name`, with `reason`, and still loads the good
/// engine beside it.
fn check_warns(home: &Path, dir: &Path, name: &str, reason: &str) {
    let out = run_bounded(home, &["check", s(dir)], None);
    assert_exit(&out, 1);
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.contains(&format!("/{name}:1:1: warning: skipped: ")))
        .unwrap_or_else(|| panic!("no warning about {name}:\n{text}"));
    assert!(line.contains(reason), "{line}");
    assert!(text.contains("1 warning"), "{text}");
    assert!(text.contains("1 engine loaded"), "{text}");
}

// ------------------------------------------------------------------------------------------
// Reads are bounded: nothing but a regular file of at most 1 MiB is read
// ------------------------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn a_named_pipe_as_profile_is_refused_without_waiting() {
    let (home, work) = home();
    let fifo = work.join("p.ron");
    common::mkfifo(&fifo);
    let out = run_bounded(home.path(), &["rank", "--profile", s(&fifo)], None);
    assert_exit(&out, 1);
    assert!(
        stderr(&out).contains(&format!(
            "{}:1:1: error: {} is a named pipe, not a file; give a regular file",
            fifo.display(),
            fifo.display()
        )),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
}

#[cfg(unix)]
#[test]
fn a_device_as_profile_is_refused_without_reading_it() {
    let (home, work) = home();
    let link = work.join("zero.ron");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    for p in [Path::new("/dev/zero"), &link] {
        let out = run_bounded(home.path(), &["rank", "--profile", s(p)], None);
        assert_exit(&out, 1);
        has(
            &stderr(&out),
            "is a device, not a file; give a regular file",
        );
    }
}

#[test]
fn a_huge_sparse_profile_is_refused_before_it_is_read() {
    let (home, work) = home();
    let p = work.join("huge.ron");
    sparse(&p, 3 << 30);
    let out = run_bounded(home.path(), &["rank", "--profile", s(&p)], None);
    assert_exit(&out, 1);
    has(&stderr(&out), "is over 1 MiB (3221225472 bytes)");
}

#[test]
fn a_folder_as_profile_says_it_is_a_folder() {
    let (home, work) = home();
    let out = run_bounded(home.path(), &["rank", "--profile", s(&work)], None);
    assert_exit(&out, 1);
    has(
        &stderr(&out),
        "is a folder, not a file; give a regular file",
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_named_as_an_engine_file_is_an_error() {
    let (home, work) = home();
    let fifo = work.join("x.ron");
    common::mkfifo(&fifo);
    let out = run_bounded(home.path(), &["check", s(&fifo)], None);
    assert_exit(&out, 1);
    assert!(
        stdout(&out).contains(&format!(
            "{}:1:1: error: {} is a named pipe, not a file; give a regular file",
            fifo.display(),
            fifo.display()
        )),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_huge_sparse_engine_file_is_refused_before_it_is_read() {
    let (home, work) = home();
    let dir = catalogue_folder(&work);
    sparse(&dir.join("huge.ron"), 3 << 30);
    let out = run_bounded(home.path(), &["check", s(&dir)], None);
    assert_exit(&out, 1);
    has(&stdout(&out), "huge.ron is over 1 MiB (3221225472 bytes)");
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_a_catalogue_folder_does_not_stop_a_ranking() {
    let (home, work) = home();
    let dir = catalogue_folder(&work);
    common::mkfifo(&dir.join("x.ron"));
    let out = run_bounded(
        home.path(),
        &["rank", "--catalogue", s(&dir), "--format", "json"],
        None,
    );
    assert_exit(&out, 0);
    has(&stderr(&out), "x.ron is a named pipe, not a file");
    assert!(
        stdout(&out).contains("\"acme-mta\""),
        "the good engine is ranked"
    );
}

/// `measure --write-profile TARGET` on the classic Postfix log.
fn write_profile(home: &Path, target: &Path) -> Output {
    run_bounded(
        home,
        &[
            "measure",
            &fixture("logs/postfix-classic.log"),
            "--year",
            "2025",
            "--write-profile",
            s(target),
        ],
        None,
    )
}

#[cfg(unix)]
#[test]
fn write_profile_never_writes_into_a_device_or_a_pipe() {
    let (home, work) = home();
    let fifo = work.join("p.ron");
    common::mkfifo(&fifo);
    for (target, what) in [
        (Path::new("/dev/full"), "a device"),
        (fifo.as_path(), "a named pipe"),
    ] {
        let out = write_profile(home.path(), target);
        assert_exit(&out, 1);
        assert!(
            stderr(&out).contains(&format!(
                "cannot write the profile {}: it is {what}, not a file; give a regular file",
                target.display()
            )),
            "{}",
            stderr(&out)
        );
        assert!(stdout(&out).is_empty(), "refused before the scan");
    }
    assert_eq!(
        std::fs::read_dir(&work).unwrap().count(),
        1,
        "nothing written"
    );
}

#[test]
fn write_profile_refuses_a_huge_sparse_profile_and_leaves_it() {
    let (home, work) = home();
    let p = work.join("p.ron");
    sparse(&p, 3 << 30);
    let out = write_profile(home.path(), &p);
    assert_exit(&out, 1);
    has(&stderr(&out), "is over 1 MiB");
    assert_eq!(std::fs::metadata(&p).unwrap().len(), 3 << 30);
    assert_eq!(
        std::fs::read_dir(&work).unwrap().count(),
        1,
        "nothing written"
    );
}

// ------------------------------------------------------------------------------------------
// Folders skip nothing without a word
// ------------------------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn a_link_to_nowhere_in_a_folder_is_a_warning() {
    let (home, work) = home();
    let dir = catalogue_folder(&work);
    std::os::unix::fs::symlink(work.join("nowhere.ron"), dir.join("x.ron")).unwrap();
    check_warns(
        home.path(),
        &dir,
        "x.ron",
        "x.ron is a link to something that does not exist",
    );
}

#[cfg(unix)]
#[test]
fn a_loop_of_links_in_a_folder_is_a_warning() {
    let (home, work) = home();
    let dir = catalogue_folder(&work);
    std::os::unix::fs::symlink(dir.join("x.ron"), dir.join("x.ron")).unwrap();
    check_warns(
        home.path(),
        &dir,
        "x.ron",
        "x.ron is a link that leads back to itself",
    );
}

#[test]
fn a_folder_named_like_an_engine_file_is_a_warning() {
    let (home, work) = home();
    let dir = catalogue_folder(&work);
    std::fs::create_dir(dir.join("x.ron")).unwrap();
    check_warns(
        home.path(),
        &dir,
        "x.ron",
        "x.ron is a folder, not a file; engine files are regular files directly in the folder",
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_a_folder_is_a_warning() {
    let (home, work) = home();
    let dir = catalogue_folder(&work);
    common::mkfifo(&dir.join("x.ron"));
    check_warns(
        home.path(),
        &dir,
        "x.ron",
        "x.ron is a named pipe, not a file",
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_a_device_in_a_folder_is_a_warning() {
    let (home, work) = home();
    let dir = catalogue_folder(&work);
    std::os::unix::fs::symlink("/dev/zero", dir.join("x.ron")).unwrap();
    check_warns(home.path(), &dir, "x.ron", "x.ron is a device, not a file");
}

#[test]
fn a_file_named_just_ron_is_a_warning_in_a_folder_and_an_error_by_name() {
    let (home, work) = home();
    let dir = catalogue_folder(&work);
    std::fs::write(dir.join(".ron"), engine_named("acme-mta")).unwrap();
    check_warns(
        home.path(),
        &dir,
        ".ron",
        "the file is named just `.ron`, with nothing before it to match an engine id",
    );
    let out = run_bounded(home.path(), &["check", s(&dir.join(".ron"))], None);
    assert_exit(&out, 1);
    has(&stdout(&out), "error: the file is named just `.ron`");
}

#[test]
fn an_upper_case_extension_counts_as_ron_in_a_folder_and_by_name() {
    let (home, work) = home();
    let dir = catalogue_folder(&work);
    let upper = dir.join("upper.RON");
    std::fs::write(&upper, engine_named("upper")).unwrap();
    let out = run_bounded(home.path(), &["check", s(&dir)], None);
    assert_exit(&out, 0);
    has(&stdout(&out), "ok: 2 engines in");
    let out = run_bounded(home.path(), &["check", s(&upper)], None);
    assert_exit(&out, 0);
    let out = run_bounded(
        home.path(),
        &["show", "upper", "--catalogue", s(&dir), "--format", "json"],
        None,
    );
    assert_exit(&out, 0);
}

#[cfg(target_os = "linux")]
#[test]
fn a_folder_that_cannot_be_read_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let (home, work) = home();
    let dir = catalogue_folder(&work);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o000)).unwrap();
    // As root (CI), the binary runs without the capabilities that would let it read the folder.
    let mut cmd = common::mtafit(home.path());
    common::unprivileged(&mut cmd);
    let out = common::run_bounded_with(cmd, &["check", s(&dir)], None);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_exit(&out, 1);
    has(
        &stdout(&out),
        "error: expected a folder of engine files, but it cannot be read: permission denied",
    );
    assert!(!stdout(&out).contains("found none"), "{}", stdout(&out));
}

#[test]
fn a_missing_catalogue_folder_fails_the_command() {
    let (home, work) = home();
    let missing = work.join("nonexistent");
    for cmd in [
        &["rank"][..],
        &["show", "postfix"],
        &[
            "export",
            "--shortlist",
            "postfix",
            "--format",
            "markdown",
            "-o",
            "-",
        ],
    ] {
        let mut args = cmd.to_vec();
        args.extend(["--catalogue", s(&missing)]);
        let out = run_bounded(home.path(), &args, None);
        assert_exit(&out, 1);
        assert!(
            stderr(&out).contains("but there is no such folder"),
            "{cmd:?}: {}",
            stderr(&out)
        );
        assert!(
            stdout(&out).is_empty(),
            "{cmd:?}: nothing ranked without it"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_catalogue_folder_fails_the_command() {
    use std::os::unix::fs::PermissionsExt;
    let (home, work) = home();
    let dir = catalogue_folder(&work);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o000)).unwrap();
    let mut outs = Vec::new();
    for cmd in [&["rank"][..], &["show", "acme-mta"], &["check"]] {
        let mut args = cmd.to_vec();
        args.extend(["--catalogue", s(&dir)]);
        // As root (CI), the binary runs without the capabilities that would let it read it.
        let mut c = common::mtafit(home.path());
        common::unprivileged(&mut c);
        outs.push((cmd, common::run_bounded_with(c, &args, None)));
    }
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    for (cmd, out) in outs {
        assert_exit(&out, 1);
        let said = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            said.contains(
                "expected a folder of engine files for --catalogue, but engines cannot be read: \
                 permission denied; check its permissions"
            ),
            "{cmd:?}: {said}"
        );
    }
}

#[test]
fn a_file_given_as_catalogue_says_it_is_a_file() {
    let (home, work) = home();
    let dir = catalogue_folder(&work);
    let file = dir.join("acme-mta.ron");
    let out = run_bounded(home.path(), &["rank", "--catalogue", s(&file)], None);
    assert_exit(&out, 1);
    assert!(
        stderr(&out).contains(&format!(
            "acme-mta.ron is a file, not a folder; give the folder it is in, or check the file \
             alone with `mtafit check {}`",
            file.display()
        )),
        "{}",
        stderr(&out)
    );
    // `check` without a path reads every --catalogue too, and fails the same way.
    let out = run_bounded(home.path(), &["check", "--catalogue", s(&file)], None);
    assert_exit(&out, 1);
    has(&stdout(&out), "is a file, not a folder");
}

// ------------------------------------------------------------------------------------------
// Leftovers: signals during a write, a byte-order mark
// ------------------------------------------------------------------------------------------

#[test]
fn write_profile_keeps_a_byte_order_mark() {
    let (home, work) = home();
    let p = work.join("p.ron");
    std::fs::write(&p, "\u{feff}// ours\nProfile(monthly_volume: 5)\n").unwrap();
    let out = write_profile(home.path(), &p);
    assert_exit(&out, 0);
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        "\u{feff}// ours\nProfile(monthly_volume: 360)\n"
    );
}

/// Files in `dir` whose names start with `.{name}.`: the temporary files of writes of `name`.
#[cfg(all(unix, debug_assertions))]
fn temporaries(dir: &Path, name: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(&format!(".{name}.")))
        .collect()
}

/// Start `mtafit args` in `dir` with writes of `name` paused half-way (a debug-build hook in
/// src/atomic.rs), wait for the temporary file to appear, send `sig`, and return how it ended.
#[cfg(all(unix, debug_assertions))]
fn signal_during_write(
    home: &Path,
    dir: &Path,
    args: &[&str],
    name: &str,
    sig: libc::c_int,
) -> std::process::ExitStatus {
    use std::os::unix::process::ExitStatusExt;
    use std::time::{Duration, Instant};
    use wait_timeout::ChildExt;
    let mut child = common::mtafit(home)
        .args(args)
        .current_dir(dir)
        .env("MTAFIT_TEST_PAUSE_WRITING", name)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while temporaries(dir, name).is_empty() {
        if start.elapsed() > common::HANG {
            let _ = child.kill();
            panic!("no temporary file for {name} appeared");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: kill(2) with a live child's pid and a valid signal number has no memory effects.
    assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, sig) }, 0);
    let status = child
        .wait_timeout(common::HANG)
        .unwrap()
        .unwrap_or_else(|| {
            let _ = child.kill();
            panic!("mtafit {args:?} hung after the signal");
        });
    assert!(
        status.signal() == Some(sig) || status.code() == Some(128 + sig),
        "{status:?}"
    );
    status
}

#[cfg(all(unix, debug_assertions))]
#[test]
fn sigterm_during_an_export_leaves_no_temporary_file() {
    let (home, work) = home();
    let args = [
        "export",
        "--shortlist",
        "postfix,kumomta",
        "--format",
        "markdown",
        "-o",
        "out.md",
    ];
    let status = signal_during_write(home.path(), &work, &args, "out.md", libc::SIGTERM);
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(
        status.signal(),
        Some(libc::SIGTERM),
        "ended as SIGTERM ends it"
    );
    assert_eq!(temporaries(&work, "out.md"), Vec::<String>::new());
    assert!(!work.join("out.md").exists(), "no half file either");
}

#[cfg(all(unix, debug_assertions))]
#[test]
fn sigterm_during_write_profile_leaves_the_profile_and_no_temporary_file() {
    let (home, work) = home();
    let p = work.join("p.ron");
    std::fs::write(&p, "Profile(monthly_volume: 5)\n").unwrap();
    let log = fixture("logs/postfix-classic.log");
    let args = [
        "measure",
        &log,
        "--year",
        "2025",
        "--write-profile",
        "p.ron",
    ];
    signal_during_write(home.path(), &work, &args, "p.ron", libc::SIGTERM);
    assert_eq!(temporaries(&work, "p.ron"), Vec::<String>::new());
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        "Profile(monthly_volume: 5)\n"
    );
}

#[cfg(all(unix, debug_assertions))]
#[test]
fn a_temporary_file_left_by_sigkill_does_not_block_the_next_export() {
    let (home, work) = home();
    let args = [
        "export",
        "--shortlist",
        "postfix",
        "--format",
        "markdown",
        "-o",
        "out.md",
    ];
    signal_during_write(home.path(), &work, &args, "out.md", libc::SIGKILL);
    // Nothing can clean up after SIGKILL: the temporary file stays, under a random name.
    let stale = temporaries(&work, "out.md");
    assert_eq!(stale.len(), 1, "{stale:?}");
    let out = common::mtafit(home.path())
        .args(args)
        .current_dir(&work)
        .output()
        .unwrap();
    assert_exit(&out, 0);
    assert!(work.join("out.md").exists());
    assert_eq!(
        temporaries(&work, "out.md"),
        stale,
        "the stale file is not ours to remove"
    );
}

// ------------------------------------------------------------------------------------------
// Files whose lines end in CR alone (classic Mac OS)
// ------------------------------------------------------------------------------------------

#[test]
fn a_file_whose_lines_end_in_cr_alone_is_read_or_named_as_such() {
    let (home, work) = home();
    // An engine file: its first `//` comment once ran to the end of the file, which was then
    // "an empty file".
    let dir = work.join("engines");
    std::fs::create_dir(&dir).unwrap();
    let cr = |text: &str| text.replace('\n', "\r");
    std::fs::write(
        dir.join("acme-mta.ron"),
        cr(&std::fs::read_to_string(fixture("good/acme-mta.ron")).unwrap()),
    )
    .unwrap();
    let out = run_bounded(home.path(), &["check", s(&dir.join("acme-mta.ron"))], None);
    assert_exit(&out, 0);
    has(&stdout(&out), "ok: 1 engine");
    let out = run_bounded(
        home.path(),
        &["show", "acme-mta", "--catalogue", s(&dir)],
        None,
    );
    assert_exit(&out, 0);
    // A mistake in one is placed on its own line.
    let bad = std::fs::read_to_string(fixture("good/acme-mta.ron"))
        .unwrap()
        .replace("min_per_month: 1_000_000", "min_per_month: lots");
    std::fs::write(dir.join("acme-mta.ron"), cr(&bad)).unwrap();
    let out = run_bounded(home.path(), &["check", s(&dir)], None);
    assert_exit(&out, 1);
    has(
        &stdout(&out),
        "acme-mta.ron:12:29: error: expected a whole number",
    );
    // A profile, and `--write-profile` into it, which keeps its line ends.
    let profile = work.join("p.ron");
    std::fs::write(
        &profile,
        "// mine\r(\r  monthly_volume: 5,\r  team: Api,\r)\r",
    )
    .unwrap();
    let out = run_bounded(
        home.path(),
        &["rank", "--profile", s(&profile), "--format", "json"],
        None,
    );
    assert_exit(&out, 0);
    has(&stdout(&out), "\"monthly_volume\": 5,");
    let out = run_bounded(
        home.path(),
        &[
            "measure",
            "--write-profile",
            s(&profile),
            &fixture("logs/exim-main.log"),
        ],
        None,
    );
    assert_exit(&out, 0);
    let text = std::fs::read_to_string(&profile).unwrap();
    assert!(!text.contains('\n'), "{text:?}");
    assert!(
        text.starts_with("// mine\r(\r  monthly_volume: "),
        "{text:?}"
    );
    // A mail log is named as such rather than measured as one long line, which found nothing.
    let log = work.join("mail.log");
    std::fs::write(
        &log,
        cr(&std::fs::read_to_string(fixture("logs/exim-main.log")).unwrap()),
    )
    .unwrap();
    let out = run_bounded(home.path(), &["measure", s(&log)], None);
    assert_exit(&out, 1);
    has(
        &stderr(&out),
        "mail.log: its lines end in a carriage return alone (CR, as classic Mac OS wrote them)",
    );
}

#[cfg(unix)]
#[test]
fn a_link_loop_given_as_catalogue_is_named_as_a_loop() {
    let (home, work) = home();
    let lone = work.join("self");
    std::os::unix::fs::symlink(&lone, &lone).unwrap();
    let (a, b) = (work.join("a"), work.join("b"));
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    for (path, name) in [(&lone, "self"), (&a, "a")] {
        for args in [
            vec!["rank", "--catalogue", s(path)],
            vec!["check", "--catalogue", s(path)],
        ] {
            let out = run_bounded(home.path(), &args, None);
            assert_exit(&out, 1);
            let all = format!("{}{}", stdout(&out), stderr(&out));
            assert!(
                all.contains(&format!(
                    "but {name} is a symbolic link loop (a link that leads back to itself); fix \
                     or remove the link"
                )),
                "{args:?}: {all}"
            );
            assert!(!all.contains("os error"), "{all}");
        }
    }
}
