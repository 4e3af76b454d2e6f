//! Rule throughput: 100,000 synthetic reports (both templates, five consecutive years per agency,
//! 5% inconsistent on purpose) through every single-report and cross-year rule.
//! Run with `cargo bench --bench rules`; reports/second is the `thrpt` line.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use xxgk::rules::{check_all, check_report};
use xxgk::synth::corpus;

const TOTAL: usize = 100_000;
const BATCH: usize = 10_000;

fn bench(c: &mut Criterion) {
    // Ten batches of 10k keep memory modest; each batch holds whole agencies (five years each).
    let batches: Vec<_> = (0..TOTAL / BATCH).map(|i| corpus(BATCH, 5, 50, i as u64 + 1)).collect();
    let errors: usize = batches
        .iter()
        .flat_map(|b| b.iter().map(check_report))
        .filter(|f| f.iter().any(|x| x.severity == xxgk::rules::Severity::Error))
        .count();
    eprintln!("synthetic corpus: {TOTAL} reports, {errors} with errors");
    let mut g = c.benchmark_group("rules");
    g.sample_size(10);
    g.throughput(Throughput::Elements(TOTAL as u64));
    g.bench_function("check_all 100k reports", |b| {
        b.iter(|| {
            for batch in &batches {
                black_box(check_all(batch));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
