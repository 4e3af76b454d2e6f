//! `xxgk check DIR` as a user runs it, at two sizes of the same kind of directory: N and 4N
//! synthetic parsed reports (five years per agency, 5% inconsistent on purpose), the binary
//! run on each (best of 3). Linear work takes ~4× as long for 4× the reports; the ratio is
//! printed, with the time per report. (`check` grouped its findings by file with a search of
//! the files so far per finding: 28 s for 20,000 raw reports, 23 s of it in that search.)
//!
//! `cargo bench --bench check [-- N]` (default N = 2,500).

#![allow(clippy::cast_precision_loss)] // report counts and seconds, printed

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use xxgk::synth::{Rng, report};

fn write_corpus(dir: &Path, n: usize) {
    let mut rng = Rng::new(42);
    for i in 0..n {
        let r = report(
            i / 5,
            2019 + u16::try_from(i % 5).unwrap_or(0),
            rng.per_mille(50),
            &mut rng,
        );
        let sub = dir.join(format!("{:03}", i / 1000));
        let _ = std::fs::create_dir_all(&sub);
        if let Ok(json) = serde_json::to_vec(&r) {
            let _ = std::fs::write(sub.join(format!("{i:06}.json")), json);
        }
    }
}

/// Best of three runs of `xxgk check DIR`, and the lines it printed.
fn check(dir: &Path) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut lines = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .arg("check")
            .arg(dir)
            .env("LANG", "C")
            .output();
        best = best.min(t.elapsed());
        lines = out.map_or(0, |o| o.stdout.iter().filter(|&&b| b == b'\n').count());
    }
    (best, lines)
}

fn main() {
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(2_500);
    let (Ok(small), Ok(large)) = (tempfile::tempdir(), tempfile::tempdir()) else {
        eprintln!("no temporary directory");
        return;
    };
    write_corpus(small.path(), n);
    write_corpus(large.path(), 4 * n);
    let (a, la) = check(small.path());
    let (b, lb) = check(large.path());
    let per = |d: Duration, k: usize| d.as_secs_f64() * 1e6 / k.max(1) as f64;
    println!("xxgk check, synthetic parsed reports (best of 3 runs of the binary)");
    println!(
        " {n:>6} reports: {:.2} s ({:.0} µs a report, {la} lines)",
        a.as_secs_f64(),
        per(a, n)
    );
    println!(
        " {:>6} reports: {:.2} s ({:.0} µs a report, {lb} lines)",
        4 * n,
        b.as_secs_f64(),
        per(b, 4 * n)
    );
    println!(
        " 4x the reports took {:.1}x as long (linear: ~4x)",
        b.as_secs_f64() / a.as_secs_f64().max(1e-9)
    );
}
