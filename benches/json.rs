//! The library's reader of report JSON against serde's, measured on the same documents in one
//! run (`cargo bench --bench json`): the hand-written scanner (`library::lean::read`) and serde's
//! derive of the full `Report` (the reference reader, the library's fallback). Prints the time
//! per report of each and the ratio. `XXGK_BENCH_N`
//! changes the number of reports (default 5,000).

#![allow(clippy::cast_possible_truncation)] // small generated counts and screen rows

use std::hint::black_box;
use std::time::Instant;

use xxgk::library::lean;
use xxgk::model::{Figure, Location, Report};
use xxgk::synth::{Rng, report};

fn main() {
    let n: usize = std::env::var("XXGK_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000);
    let mut rng = Rng::new(42);
    let docs: Vec<String> = (0..n)
        .filter_map(|i| {
            let mut r = report(i / 5, 2019 + (i % 5) as u16, rng.per_mille(50), &mut rng);
            for (line, (_, f)) in r.figures.iter_mut().enumerate() {
                let raw = f.value.map(|v| v.to_string()).unwrap_or_default();
                *f = Figure {
                    raw: Some(raw),
                    at: Some(Location::line(40 + line as u32)),
                    ..f.clone()
                };
            }
            serde_json::to_string(&r).ok()
        })
        .collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    println!(
        "{} reports, {:.1} KB each",
        docs.len(),
        bytes as f64 / docs.len().max(1) as f64 / 1024.0
    );
    let mut best = (f64::MAX, f64::MAX);
    for _ in 0..3 {
        let t = Instant::now();
        let fast = docs.iter().filter(|d| black_box(lean::read(d)).is_some()).count();
        let fast_t = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let slow = docs
            .iter()
            .filter(|d| black_box(serde_json::from_str::<Report>(d)).is_ok())
            .count();
        let slow_t = t.elapsed().as_secs_f64();
        assert_eq!((fast, slow), (docs.len(), docs.len()));
        best = (best.0.min(fast_t), best.1.min(slow_t));
    }
    let per = |s: f64| s / docs.len().max(1) as f64 * 1e6;
    println!("lean::read            {:8.1} µs/report", per(best.0));
    println!("serde Report          {:8.1} µs/report", per(best.1));
    println!("ratio serde / lean    {:8.2}×", best.1 / best.0);
}
