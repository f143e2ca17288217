//! Writes a generated mail log and its true counts (see tests/loggen).
//!
//! `cargo run --release --example genlog -- --format postfix --size 1G --seed 1 -o mail.log --truth truth.json`
#[path = "../tests/loggen/mod.rs"]
mod loggen;

use clap::Parser;
use loggen::{Format, Options};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Write a realistic mail log whose true counts are known.
#[derive(Parser)]
struct Args {
    /// postfix (= postfix-classic), postfix-zero, postfix-rfc3339, postfix-shortiso, exim,
    /// sendmail, kumomta, powermta
    #[arg(long, default_value = "postfix")]
    format: String,
    /// Approximate size: bytes, or with K, M, G (10^3…) or Ki, Mi, Gi (2^10…)
    #[arg(long, conflicts_with = "messages")]
    size: Option<String>,
    /// Messages submitted over the window
    #[arg(long, default_value_t = 10_000)]
    messages: u64,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Add the traps: look-alike status lines, Latin-1, a 64 KiB line, unreadable lines
    #[arg(long)]
    traps: bool,
    /// First day, YYYY-MM-DD
    #[arg(long, default_value = "2025-11-01")]
    start: String,
    #[arg(long, default_value_t = 30)]
    days: u32,
    /// The syslog host field of every line (another host also gets other queue ids)
    #[arg(long, default_value = "mx1")]
    host: String,
    /// Output file, or - for standard output
    #[arg(short, long)]
    output: PathBuf,
    /// Write the true counts as JSON here
    #[arg(long)]
    truth: Option<PathBuf>,
}

fn size(s: &str) -> Option<u64> {
    let (n, unit) = s.split_at(s.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(s.len()));
    let mult: u64 = match unit.to_ascii_uppercase().trim_end_matches('B') {
        "" => 1,
        "K" => 1_000,
        "M" => 1_000_000,
        "G" => 1_000_000_000,
        "KI" => 1 << 10,
        "MI" => 1 << 20,
        "GI" => 1 << 30,
        _ => return None,
    };
    let n: f64 = n.parse().ok()?;
    Some((n * mult as f64) as u64)
}

fn main() -> ExitCode {
    let a = Args::parse();
    let fail = |m: String| {
        eprintln!("genlog: {m}");
        ExitCode::FAILURE
    };
    let Some(format) = Format::parse(&a.format) else {
        return fail(format!("unknown format {:?}", a.format));
    };
    let start: Vec<u32> = a.start.split('-').filter_map(|p| p.parse().ok()).collect();
    let [y, m, d] = start[..] else {
        return fail(format!("--start {:?} is not YYYY-MM-DD", a.start));
    };
    let target_bytes = match a.size.as_deref().map(size) {
        Some(None) => return fail(format!("--size {:?} is not a size", a.size.unwrap())),
        Some(s) => s,
        None => None,
    };
    let opts = Options {
        seed: a.seed,
        messages: a.messages,
        target_bytes,
        start: (y as i32, m, d),
        days: a.days,
        traps: a.traps,
        growth_per_month: 0.0,
        // The generator's options borrow for the whole run; one name leaked once is that.
        host: Box::leak(a.host.clone().into_boxed_str()),
    };
    let clock = Instant::now();
    let result = if a.output.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        loggen::generate(format, &opts, &mut out).and_then(|t| out.flush().map(|()| t))
    } else {
        std::fs::File::create(&a.output).and_then(|mut f| loggen::generate(format, &opts, &mut f))
    };
    let truth = match result {
        Ok(t) => t,
        Err(e) => return fail(format!("cannot write {}: {e}", a.output.display())),
    };
    let secs = clock.elapsed().as_secs_f64();
    if let Some(p) = &a.truth {
        let json = serde_json::to_string_pretty(&truth.to_json()).expect("JSON");
        if let Err(e) = std::fs::write(p, json + "\n") {
            return fail(format!("cannot write {}: {e}", p.display()));
        }
    }
    eprintln!(
        "genlog: {} bytes, {} lines, {} messages in {secs:.2} s ({:.0} MB/s); sent {}, first {}, last {}",
        truth.bytes,
        truth.lines,
        truth.messages,
        truth.bytes as f64 / secs / 1e6,
        truth.sent,
        truth.first,
        truth.last
    );
    ExitCode::SUCCESS
}
