//! Ingest throughput: reports per second for HTML and for scraped-text inputs (every layout in
//! `sample-reports/raw` plus the encoded fixtures). Run with `cargo bench --bench ingest`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use xxgk::ingest::ingest_bytes;

fn load(dir: &str) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(&root)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("bad-")))
                .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html" || e == "md"))
                .filter_map(|p| std::fs::read(&p).ok().map(|b| (p.display().to_string(), b)))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn bench(c: &mut Criterion) {
    let mut inputs = load("sample-reports/raw");
    inputs.extend(load("tests/fixtures"));
    let (html, text): (Vec<_>, Vec<_>) = inputs.into_iter().partition(|(n, _)| n.ends_with(".html"));
    for (name, set) in [("html", html), ("text", text)] {
        if set.is_empty() {
            continue;
        }
        let mut g = c.benchmark_group(format!("ingest/{name}"));
        g.throughput(Throughput::Elements(set.len() as u64));
        g.bench_function(format!("{} reports", set.len()), |b| {
            b.iter(|| {
                for (n, bytes) in &set {
                    let _ = black_box(ingest_bytes(bytes, n));
                }
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
