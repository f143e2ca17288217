//! Issue 21's smaller hostile cases through the real binary: a user engines folder that is not a
//! folder, the same `--catalogue` folder given twice, and `measure`'s growth line across New
//! Year. Every case runs under `run_bounded`, so a hang fails the test.

use crate::common;

use crate::common::{has, run_bounded, stderr, stdout};
use std::path::Path;
use std::process::Output;

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
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

// ------------------------------------------------------------------------------------------
// The user's engines folder ($XDG_CONFIG_HOME/mtafit/engines) that is not a folder
// ------------------------------------------------------------------------------------------

/// A configuration home whose engines folder is made by `make`; the home and that path.
fn user_engines(make: impl FnOnce(&Path)) -> (tempfile::TempDir, std::path::PathBuf) {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("mtafit")).unwrap();
    let engines = home.path().join("mtafit/engines");
    make(&engines);
    (home, engines)
}

/// `check` names what the engines folder is and exits 1; a ranking still runs, and says there is
/// a catalogue problem.
fn user_folder_is_reported(home: &Path, engines: &Path, what: &str) {
    let out = run_bounded(home, &["check"], None);
    assert_exit(&out, 1);
    has(
        &stdout(&out),
        &format!(
            "{}:1:1: error: your engines folder engines {what}, so no engine of yours was read; \
             make it a folder of engine files (*.ron), or remove it",
            engines.display()
        ),
    );
    let out = run_bounded(home, &["rank"], None);
    assert_exit(&out, 0);
    has(&stderr(&out), &format!("engines folder engines {what}"));
    has(&stderr(&out), "1 catalogue problem(s)");
}

#[cfg(unix)]
#[test]
fn a_user_engines_folder_that_is_a_named_pipe_is_reported() {
    let (home, engines) = user_engines(common::mkfifo);
    user_folder_is_reported(home.path(), &engines, "is a named pipe, not a folder");
}

#[test]
fn a_user_engines_folder_that_is_a_file_is_reported() {
    let (home, engines) = user_engines(|p| std::fs::write(p, "Engine()").unwrap());
    user_folder_is_reported(home.path(), &engines, "is a file, not a folder");
}

#[cfg(unix)]
#[test]
fn a_user_engines_folder_that_is_a_loop_of_links_is_reported() {
    let (home, engines) = user_engines(|p| std::os::unix::fs::symlink(p, p).unwrap());
    user_folder_is_reported(
        home.path(),
        &engines,
        "is a link that leads back to itself (a loop of links)",
    );
}

#[cfg(unix)]
#[test]
fn a_user_engines_folder_that_is_a_link_to_nowhere_is_reported() {
    let (home, engines) =
        user_engines(|p| std::os::unix::fs::symlink(p.with_extension("gone"), p).unwrap());
    user_folder_is_reported(
        home.path(),
        &engines,
        "is a link to something that does not exist",
    );
}

#[test]
fn no_user_engines_folder_at_all_is_fine() {
    let (home, _) = user_engines(|_| {});
    let out = run_bounded(home.path(), &["check"], None);
    assert_exit(&out, 0);
}

// ------------------------------------------------------------------------------------------
// The same catalogue folder given twice
// ------------------------------------------------------------------------------------------

/// A configuration home with a work folder holding `engines/acme-mta.ron`; the home and the
/// work folder.
fn home_with_catalogue() -> (tempfile::TempDir, std::path::PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let work = home.path().join("work");
    std::fs::create_dir_all(work.join("engines")).unwrap();
    std::fs::copy(
        common::fixture("good/acme-mta.ron"),
        work.join("engines/acme-mta.ron"),
    )
    .unwrap();
    (home, work)
}

#[test]
fn a_catalogue_folder_given_twice_however_spelled_is_read_once_and_said_once() {
    let (home, work) = home_with_catalogue();
    let mut cmd = common::mtafit(home.path());
    cmd.current_dir(&work);
    let args = [
        "rank",
        "--catalogue",
        "engines",
        "--catalogue",
        "engines/",
        "--catalogue",
        "./engines",
    ];
    let out = common::run_bounded_with(cmd, &args, None);
    assert_exit(&out, 0);
    assert_eq!(
        stderr(&out),
        "mtafit: engines:1:1: note: this folder is given 3 times with --catalogue; read once\n"
    );
    has(&stdout(&out), "Acme MTA");
    // `check` says it once too, names the folder once, and finds no problem.
    let mut cmd = common::mtafit(home.path());
    cmd.current_dir(&work);
    let out = common::run_bounded_with(
        cmd,
        &[
            "check",
            "--catalogue",
            "engines",
            "--catalogue",
            "./engines",
        ],
        None,
    );
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert_eq!(text.matches("note:").count(), 1, "{text}");
    has(
        &text,
        "engines:1:1: note: this folder is given twice with --catalogue; read once",
    );
    assert!(!text.contains("replaces"), "{text}");
    has(&text, "built-in catalogue, engines, no problems");
}

#[test]
fn the_user_engines_folder_given_again_with_catalogue_is_read_once() {
    let (home, _) = home_with_catalogue();
    let user = home.path().join("mtafit/engines");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::copy(
        common::fixture("good/acme-mta.ron"),
        user.join("acme-mta.ron"),
    )
    .unwrap();
    let out = run_bounded(home.path(), &["rank", "--catalogue", s(&user)], None);
    assert_exit(&out, 0);
    assert_eq!(
        stderr(&out),
        format!(
            "mtafit: {}:1:1: note: your engines folder, which is always read, is also given with \
             --catalogue; read once\n",
            user.display()
        )
    );
}

// ------------------------------------------------------------------------------------------
// measure's growth line across New Year
// ------------------------------------------------------------------------------------------

/// A Postfix log of `per_day` deliveries a day from 25 December to 7 January: each month is
/// covered for less than a week, so no month counts toward a trend.
fn log_across_new_year(dir: &Path, per_day: u32) -> std::path::PathBuf {
    let mut text = String::new();
    let days = (25..=31)
        .map(|d| ("Dec", d))
        .chain((1..=7).map(|d| ("Jan", d)));
    for (n, (month, day)) in days.enumerate() {
        for k in 0..per_day {
            text.push_str(&format!(
                "{month} {day:>2} 10:{k:02}:00 mx1 postfix/smtp[9201]: {n:04X}{k:06X}: \
                 to=<u{k}@example.net>, relay=mx.example.net[198.51.100.25]:25, delay=1, \
                 delays=0.5/0/0.2/0.3, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n"
            ));
        }
    }
    let path = dir.join("newyear.log");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_growth_line_across_new_year_never_says_minus_zero_days() {
    let home = tempfile::tempdir().unwrap();
    let log = log_across_new_year(home.path(), 12);
    let fixture = common::fixture("logs/postfix-newyear.log");
    for file in [s(&log), fixture.as_str()] {
        for year in [&["--year", "2025"][..], &[]] {
            let mut args = vec!["measure", file];
            args.extend(year);
            let out = run_bounded(home.path(), &args, None);
            assert_exit(&out, 0);
            let text = stdout(&out);
            let growth = text
                .lines()
                .find(|l| l.trim_start().starts_with("Growth"))
                .unwrap_or_else(|| panic!("{args:?}: no growth line:\n{text}"));
            assert!(
                growth.contains(
                    "not estimated: 0 months are covered for a week or more, 0.0 days between \
                     them"
                ),
                "{args:?}: {growth}"
            );
            assert!(
                !text.contains("-0.0") && !text.contains('\u{2212}'),
                "{args:?}:\n{text}"
            );
            args.extend(["--format", "json"]);
            let out = run_bounded(home.path(), &args, None);
            assert_exit(&out, 0);
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let days = v["growth"]["days"].as_f64().unwrap();
            assert!(
                days == 0.0 && days.is_sign_positive(),
                "{args:?}: {}",
                v["growth"]
            );
        }
    }
}
