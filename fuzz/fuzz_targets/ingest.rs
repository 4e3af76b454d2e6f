//! Arbitrary bytes into ingest, under every file-name extension: must never panic.
//! Run: `cargo +nightly fuzz run ingest` (seed with `-- ../shared/corpus tests/fixtures`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let names = ["r.txt", "r.html", "r.md", "r.json", "r"];
    let name = names.get(data.first().map_or(0, |b| usize::from(*b) % names.len())).copied().unwrap_or("r");
    let _ = xxgk::ingest::ingest_bytes(data, name);
});
