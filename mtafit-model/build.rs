//! Embeds every file under `data/` into the binary, so `mtafit` works from any folder.
//!
//! Listing the folder here (rather than naming files in the source) means a new engine file is
//! embedded by adding it; `tests/catalogue.rs` checks that nothing was missed.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // The catalogue's files sit at the workspace's root, beside every crate that reads them.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest)
        .parent()
        .expect("the model crate sits inside the workspace")
        .to_path_buf();
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut code = String::new();
    for (name, folder) in [("ENGINES", "data/engines"), ("PROFILES", "data/profiles")] {
        println!("cargo:rerun-if-changed={folder}");
        let mut files: Vec<String> = std::fs::read_dir(root.join(folder))
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".ron"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        writeln!(code, "/// Every `{folder}/*.ron`, as (path, bytes).").unwrap();
        writeln!(code, "pub const {name}: &[(&str, &[u8])] = &[").unwrap();
        for f in files {
            let abs = root.join(folder).join(&f);
            println!("cargo:rerun-if-changed={}", abs.display());
            writeln!(
                code,
                "    ({:?}, include_bytes!({:?})),",
                format!("{folder}/{f}"),
                abs.display().to_string()
            )
            .unwrap();
        }
        writeln!(code, "];").unwrap();
    }
    let factors = root.join("data/factors.ron");
    println!("cargo:rerun-if-changed={}", factors.display());
    writeln!(code, "/// `data/factors.ron`.").unwrap();
    writeln!(
        code,
        "pub const FACTORS: &[u8] = include_bytes!({:?});",
        factors.display().to_string()
    )
    .unwrap();
    std::fs::write(Path::new(&out).join("embedded.rs"), code).expect("OUT_DIR is writable");
}
