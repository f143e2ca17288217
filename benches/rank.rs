//! Ranking cost: the model on 10 and 10,000 generated engines, and the full analysis.

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mtafit_model::catalogue::Catalogue;
use mtafit_model::decide::{Weights, analyse, compare, path, rank};
use mtafit_model::profile::Profile;
use std::hint::black_box;

fn ranking(c: &mut Criterion) {
    let weights = Weights::defaults(&Catalogue::builtin().factors);
    let profile = Profile::default();
    let mut group = c.benchmark_group("rank");
    for n in [10usize, 10_000] {
        let engines = synthetic::engines(n, 42);
        group.bench_with_input(BenchmarkId::new("generated", n), &engines, |b, e| {
            b.iter(|| rank(black_box(e), black_box(&profile), black_box(&weights)))
        });
        group.bench_with_input(BenchmarkId::new("analyse", n), &engines, |b, e| {
            b.iter(|| analyse(black_box(e), black_box(&profile), black_box(&weights)))
        });
        // The comparison alone (margin, near tie, what-ifs), on a ranking made once.
        let r = rank(&engines, &profile, &weights);
        group.bench_with_input(BenchmarkId::new("compare", n), &engines, |b, e| {
            b.iter(|| {
                compare::compare(
                    black_box(e),
                    black_box(&profile),
                    black_box(&weights),
                    black_box(&r),
                )
            })
        });
    }
    group.finish();
    // The top pick across 10k–10B a month with exact change points.
    let mut group = c.benchmark_group("path");
    let builtin = Catalogue::builtin().engines;
    let generated = synthetic::engines(10_000, 42);
    for (label, engines) in [("builtin", &builtin), ("generated_10000", &generated)] {
        group.bench_with_input(BenchmarkId::new("10k_to_10B", label), engines, |b, e| {
            b.iter(|| {
                path::path(
                    black_box(e),
                    black_box(&profile),
                    black_box(&weights),
                    path::FROM,
                    path::TO,
                )
            })
        });
    }
    group.finish();
    c.bench_function("catalogue/load_builtin", |b| b.iter(Catalogue::builtin));
}

criterion_group!(benches, ranking);
criterion_main!(benches);
