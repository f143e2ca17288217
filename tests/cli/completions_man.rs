//! `mtafit completions SHELL` and `mtafit man` through the real binary: generated from the clap
//! definitions, so they can only drift if these tests stop running.

use crate::common::{run, stderr, stdout};

/// Every subcommand a user can type, as `mtafit --help` lists them.
const COMMANDS: [&str; 11] = [
    "rank",
    "list",
    "walk",
    "show",
    "cost",
    "sensitivity",
    "export",
    "measure",
    "check",
    "completions",
    "man",
];

#[test]
fn bash_completions_define_the_function_and_know_every_command() {
    let out = run(&["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let script = stdout(&out);
    assert!(script.contains("_mtafit()"), "{script}");
    assert!(script.contains("complete -F _mtafit"), "{script}");
    for c in COMMANDS {
        assert!(script.contains(c), "{c} is not completed");
    }
    // Option values come from the same definitions.
    assert!(script.contains("--log-format"), "{script}");
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn every_shell_gets_a_script_naming_mtafit() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains("mtafit"), "{shell}: {script}");
        assert!(script.contains("measure"), "{shell}: {script}");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let out = run(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.contains("bash, elvish, fish, powershell, zsh"), "{err}");
    assert_eq!(run(&["completions"]).status.code(), Some(2));
}

/// The request lines of a man page after roff's preamble (which only defines the apostrophe).
fn requests(page: &str) -> Vec<&str> {
    page.lines()
        .filter(|l| !l.starts_with(".ie ") && !l.starts_with(".el "))
        .collect()
}

#[test]
fn the_man_page_is_roff_with_a_title_and_every_command() {
    let out = run(&["man"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = stdout(&out);
    let lines = requests(&page);
    assert!(
        lines[0].starts_with(".TH mtafit 1 ") && lines[0].contains("mtafit 0.1.0"),
        "{page}"
    );
    assert_eq!(lines[1], ".SH NAME", "{page}");
    assert!(page.contains(".SH OPTIONS") && page.contains("\\-\\-volume"));
    // The main page refers to one page per command, and each can be printed.
    for c in COMMANDS {
        assert!(page.contains(&format!("mtafit\\-{c}(1)")), "{c}: {page}");
        let out = run(&["man", c]);
        assert_eq!(out.status.code(), Some(0), "{c}: {}", stderr(&out));
        let sub = stdout(&out);
        assert!(
            requests(&sub)[0].starts_with(&format!(".TH mtafit-{c} 1 ")),
            "{c}: {sub}"
        );
    }
    // There is no `help` page to refer to.
    assert!(!page.contains("mtafit\\-help(1)"), "{page}");
}

#[test]
fn a_man_page_for_no_such_command_is_a_usage_error() {
    let out = run(&["man", "rnak"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("did you mean `rank`?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn completions_offer_capability_ids_for_must_and_factor_ids_for_weight() {
    use mtafit_model::catalogue::{Capability, FactorId};
    let bash = stdout(&run(&["completions", "bash"]));
    // The words bash offers after an option, in the `rank` subcommand's block.
    let offered = |option: &str| -> Vec<String> {
        let rank = &bash[bash.find("mtafit__subcmd__rank)").expect("a rank block")..];
        let case = &rank[rank.find(&format!("{option})")).expect(option)..];
        let words = &case[case.find("compgen -W \"").unwrap() + 12..];
        words[..words.find('"').unwrap()]
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    };
    let caps: Vec<String> = Capability::ALL.iter().map(|c| c.id().to_owned()).collect();
    assert_eq!(offered("--must"), caps);
    // --weight takes ID=N: the id and its = are offered, the number is the user's.
    let weights: Vec<String> = FactorId::ALL
        .iter()
        .map(|f| format!("{}=", f.id()))
        .collect();
    assert_eq!(offered("--weight"), weights);
    // The other shells get the same lists, with each value's name where they show one.
    let fish = stdout(&run(&["completions", "fish"]));
    assert!(fish.contains("external_queue\\t'external queue'"), "{fish}");
    let zsh = stdout(&run(&["completions", "zsh"]));
    assert!(zsh.contains("cloud_native=\\:\"Cloud-native\""), "{zsh}");
}

#[test]
fn the_man_page_has_keys_files_and_exit_status() {
    let page = stdout(&run(&["man"]));
    let at = |h: &str| {
        page.find(&format!(".SH {h}\n"))
            .unwrap_or_else(|| panic!("no {h}: {page}"))
    };
    let (keys, files, exit, version) = (
        at("KEYS"),
        at("FILES"),
        at("\"EXIT STATUS\""),
        at("VERSION"),
    );
    assert!(keys < files && files < exit && exit < version, "{page}");
    // KEYS is the key map: one entry per binding, under the help overlay's groups.
    let keys_section = &page[keys..files];
    assert_eq!(
        keys_section.matches(".TP\n").count(),
        mtafit::tui::keymap::BINDINGS.len(),
        "{keys_section}"
    );
    for shown in [
        ".SS Move",
        ".SS Search",
        "\\fB/\\fR",
        "\\fBCtrl\\-u\\fR",
        "\\fBq/Ctrl\\-c\\fR",
    ] {
        assert!(keys_section.contains(shown), "{shown}: {keys_section}");
    }
    let files_section = &page[files..exit];
    for f in [
        "mtafit/engines/*.ron",
        "mtafit/state.ron",
        "mtafit/ui.ron",
        "mtafit/profiles/NAME.ron",
    ] {
        assert!(files_section.contains(f), "{f}: {files_section}");
    }
    let exit_section = &page[exit..version];
    for status in [
        "\\fB0\\fR",
        "\\fB1\\fR",
        "\\fB2\\fR",
        "\\fB129, 130, 131, 138, 142, 143\\fR",
    ] {
        assert!(exit_section.contains(status), "{status}: {exit_section}");
    }
    // A command's own page is about the command.
    let rank = stdout(&run(&["man", "rank"]));
    assert!(!rank.contains(".SH KEYS"), "{rank}");
}

/// Run the binary with standard output on `/dev/full`, where every write fails (no space left);
/// its exit status and standard error.
#[cfg(target_os = "linux")]
fn into_a_full_disk(args: &[&str]) -> (Option<i32>, String) {
    use std::io::Read;
    use wait_timeout::ChildExt;
    let home = tempfile::tempdir().unwrap();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let mut child = crate::common::mtafit(home.path())
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(full)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let status = child
        .wait_timeout(std::time::Duration::from_secs(60))
        .unwrap()
        .unwrap_or_else(|| {
            let _ = child.kill();
            panic!("{args:?} did not end within 60 s")
        });
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (status.code(), err)
}

#[cfg(target_os = "linux")]
#[test]
fn help_and_version_into_a_full_disk_fail_and_say_so() {
    for (args, what) in [
        (&["--help"][..], "the help"),
        (&["-h"], "the help"),
        (&["help", "rank"], "the help"),
        (&["rank", "--help"], "the help"),
        (&["-V"], "the version"),
        (&["--version"], "the version"),
    ] {
        let (code, err) = into_a_full_disk(args);
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert!(
            err.starts_with(&format!(
                "mtafit: cannot write {what}: No space left on device"
            )),
            "{args:?}: {err}"
        );
    }
}
