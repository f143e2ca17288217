//! `measure` throughput on generated logs: the whole pipeline (map, scan on every core, merge)
//! on a 64 MB Postfix log, one thread and two, and each other format at 16 MB.
//! The multi-gigabyte comparison with rg, grep and pflogsumm is `benches/measure.sh`.

#[path = "../tests/loggen/mod.rs"]
mod loggen;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mtafit_measure::{Meter, Options, Source, measure};
use std::sync::Arc;

fn write_log(dir: &std::path::Path, format: loggen::Format, bytes: u64) -> std::path::PathBuf {
    let path = dir.join(format!("{}.log", format.name()));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let opts = loggen::Options {
        target_bytes: Some(bytes),
        ..loggen::Options::default()
    };
    loggen::generate(format, &opts, &mut out).unwrap();
    path
}

fn run(path: &std::path::Path, threads: usize) -> u64 {
    let opts = Options {
        threads,
        year: Some(2025),
        ..Options::default()
    };
    let m = measure(
        &[Source::Path(path.into())],
        &opts,
        &Arc::new(Meter::default()),
    )
    .unwrap();
    m.report.sent
}

fn throughput(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("measure");
    group.sample_size(10);
    let postfix = write_log(dir.path(), loggen::Format::ALL[0], 64_000_000);
    group.throughput(Throughput::Bytes(
        std::fs::metadata(&postfix).unwrap().len(),
    ));
    for threads in [1usize, 2] {
        group.bench_with_input(BenchmarkId::new("postfix", threads), &threads, |b, &t| {
            b.iter(|| run(&postfix, t))
        });
    }
    for format in loggen::Format::ALL.into_iter().skip(4) {
        let path = write_log(dir.path(), format, 16_000_000);
        group.throughput(Throughput::Bytes(std::fs::metadata(&path).unwrap().len()));
        group.bench_with_input(BenchmarkId::new(format.name(), 2), &path, |b, p| {
            b.iter(|| run(p, 2))
        });
    }
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
