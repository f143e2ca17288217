//! Ranks 10,000 generated engines many times; a target for profilers.

#[path = "../tests/support/synthetic.rs"]
mod synthetic;
use mtafit_model::catalogue::Catalogue;
use mtafit_model::decide::{Weights, rank};
use mtafit_model::profile::Profile;

fn main() {
    let engines = synthetic::engines(10_000, 42);
    let w = Weights::defaults(&Catalogue::builtin().factors);
    let p = Profile::default();
    let mut total = 0.0;
    for _ in 0..50 {
        total += rank(&engines, &p, &w).rows[0].score;
    }
    println!("{total}");
}
