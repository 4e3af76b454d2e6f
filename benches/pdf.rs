//! PDF reading throughput in pages per second: the corpus PDF (when `../shared/corpus` is there)
//! and the PDFs made from our own pages. Run with `cargo bench --bench pdf`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use xxgk::ingest::ingest_bytes;

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = [
        root.join("../shared/corpus/huaian-2024.pdf"),
        root.join("tests/fixtures/office/kaiyuan-2023.pdf"),
        root.join("tests/fixtures/office/shanghai-office-2019.pdf"),
    ];
    let mut g = c.benchmark_group("pdf");
    for f in files.iter().filter(|f| f.is_file()) {
        let Ok(bytes) = std::fs::read(f) else { continue };
        let pages = lopdf::Document::load_mem(&bytes)
            .map(|d| d.get_pages().len())
            .unwrap_or(1);
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        g.throughput(Throughput::Elements(pages as u64));
        g.bench_function(format!("{name} ({pages} pages)"), |b| {
            b.iter(|| black_box(ingest_bytes(&bytes, &name)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
