//! Bulk export throughput: 100,000 synthetic reports (with their findings) to CSV, streamed in
//! batches of 10,000. Run with `cargo bench --bench export`; reports/second is `thrpt`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use xxgk::export::reports::{ExportOptions, write_header, write_rows};
use xxgk::export::{Format, open};
use xxgk::rules::check_all;
use xxgk::synth::corpus;

const TOTAL: usize = 100_000;
const BATCH: usize = 10_000;

fn bench(c: &mut Criterion) {
    let batches: Vec<_> = (0..TOTAL / BATCH)
        .map(|i| {
            let reports = corpus(BATCH, 5, 50, i as u64 + 1);
            let findings = check_all(&reports);
            (reports, findings)
        })
        .collect();
    let dir = std::env::temp_dir().join(format!("xxgk-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let out = dir.join("export.csv");
    let opts = ExportOptions::default();
    let mut g = c.benchmark_group("export");
    g.sample_size(10);
    g.throughput(Throughput::Elements(TOTAL as u64));
    g.bench_function("csv 100k reports", |b| {
        b.iter(|| {
            let Ok(mut w) = open(&out, Format::Csv, true, true, 4) else {
                return;
            };
            let _ = write_header(&opts, w.as_mut());
            for (reports, findings) in &batches {
                let _ = black_box(write_rows(reports, findings, &opts, w.as_mut()));
            }
            let _ = w.finish(&[]);
        })
    });
    g.finish();
    if let Ok(m) = std::fs::metadata(&out) {
        eprintln!("export.csv: {} MB", m.len() / (1024 * 1024));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, bench);
criterion_main!(benches);
