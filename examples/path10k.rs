//! Time the path over a generated catalogue: `cargo run --release --example path10k [N]`.
#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use mtafit_model::catalogue::Catalogue;
use mtafit_model::decide::{Weights, path};
use mtafit_model::profile::Profile;
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let engines = if n == 0 {
        Catalogue::builtin().engines
    } else {
        synthetic::engines(n, 42)
    };
    let w = Weights::defaults(&Catalogue::builtin().factors);
    let p = Profile::default();
    let runs = 20;
    let t = Instant::now();
    let mut changes = 0;
    for _ in 0..runs {
        changes = path::path(&engines, &p, &w, path::FROM, path::TO)
            .changes
            .len();
    }
    println!(
        "{n} engines: {:.2} ms a path, {changes} changes",
        t.elapsed().as_secs_f64() * 1e3 / runs as f64
    );
}
