//! `--profile NAME` finds a profile saved by name in the explorer (`P`), after a file of that
//! name and before a built-in profile.

use crate::common::{mtafit, stderr, stdout};

/// A home whose state folder holds the saved profile `name` with `body`.
fn home_with_saved(name: &str, body: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("state/mtafit/profiles");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.ron")), body).unwrap();
    home
}

fn volume(home: &std::path::Path, profile: &str) -> serde_json::Value {
    let out = mtafit(home)
        .current_dir(home)
        .args(["rank", "--format", "json", "--profile", profile])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    v["profile"]["monthly_volume"].clone()
}

#[test]
fn profile_finds_a_profile_saved_in_the_explorer_after_a_file_of_that_name() {
    let home = home_with_saved("what-if", "Profile(monthly_volume: 123456)\n");
    assert_eq!(volume(home.path(), "what-if"), 123_456);
    assert_eq!(volume(home.path(), "what-if.ron"), 123_456);
    // A file of that name in the current folder comes first.
    std::fs::write(
        home.path().join("what-if"),
        "Profile(monthly_volume: 654321)\n",
    )
    .unwrap();
    assert_eq!(volume(home.path(), "what-if"), 654_321);
}

#[test]
fn an_unknown_profile_names_the_saved_ones_too() {
    let home = home_with_saved("what-if", "Profile(monthly_volume: 123456)\n");
    let out = mtafit(home.path())
        .current_dir(home.path())
        .args(["rank", "--profile", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("built-in profiles: brief-7.4m"), "{err}");
    assert!(
        err.contains("or one saved in the explorer with P: what-if"),
        "{err}"
    );
}
