//! Library targets, measured (run with `cargo bench --bench library`; `XXGK_BENCH_N` changes the
//! corpus size, default 100,000): writes N synthetic parsed reports (JSON with provenance, both
//! templates, 5% inconsistent) to a temporary directory, then measures
//! - a cold load (no cache: every file read, parsed, checked and compacted),
//! - a load from the cache,
//! - resident memory per report after loading,
//! - fuzzy filtering per keystroke over the agencies (pinyin full spelling and initials),
//! - and the in-memory index and search at 1,000,000 reports.

#![allow(clippy::cast_possible_truncation)] // small generated counts and screen rows

use std::path::Path;
use std::time::{Duration, Instant};

use xxgk::library::{Entry, Library, LoadOptions};
use xxgk::model::{Figure, Layout, Location};
use xxgk::synth::{Rng, report};

fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|v| v.parse::<u64>().ok()))
        .map_or(0, |pages| pages * 4)
}

fn write_corpus(dir: &Path, n: usize) {
    let mut rng = Rng::new(42);
    for i in 0..n {
        let agency = i / 5;
        let year = 2019 + (i % 5) as u16;
        let mut r = report(agency, year, rng.per_mille(50), &mut rng);
        // Provenance as real parsed reports carry it.
        for (line, (_, f)) in r.figures.iter_mut().enumerate() {
            let raw = f.value.map(|v| v.to_string()).unwrap_or_default();
            *f = Figure {
                raw: Some(raw),
                at: Some(Location::line(40 + line as u32)),
                ..f.clone()
            };
        }
        let sub = dir.join(format!("{:03}", i / 1000));
        let _ = std::fs::create_dir_all(&sub);
        if let Ok(json) = serde_json::to_vec(&r) {
            let _ = std::fs::write(sub.join(format!("{i:06}.json")), json);
        }
    }
}

/// Raw inputs in every rendered layout (HTML, A, C, E), 5% inconsistent on purpose.
fn write_raw_corpus(dir: &Path, n: usize) {
    let mut rng = Rng::new(43);
    let layouts = [Layout::Html, Layout::A, Layout::C, Layout::E];
    for i in 0..n {
        let r = report(i / 5, 2019 + (i % 5) as u16, rng.per_mille(50), &mut rng);
        let layout = layouts[i % layouts.len()];
        if let Some((ext, bytes)) = xxgk::synth::raw(&r, layout) {
            let sub = dir.join(format!("{:03}", i / 1000));
            let _ = std::fs::create_dir_all(&sub);
            let _ = std::fs::write(sub.join(format!("{i:06}.{ext}")), bytes);
        }
    }
}

fn per_keystroke(lib: &Library, queries: &[&str]) -> Duration {
    per_keystroke_in(&lib.search, queries)
}

fn per_keystroke_in(search: &xxgk::library::SearchIndex, queries: &[&str]) -> Duration {
    let mut total = Duration::ZERO;
    let mut n = 0;
    for q in queries {
        // Typing: each prefix narrows the previous result.
        let mut prev: Option<Vec<u32>> = None;
        for end in 1..=q.chars().count() {
            let prefix: String = q.chars().take(end).collect();
            let t = Instant::now();
            let r = search.filter(&prefix, prev.as_deref());
            total += t.elapsed();
            n += 1;
            prev = Some(r);
        }
        // A first keystroke on the whole index, too.
        let t = Instant::now();
        let _ = search.filter(q, None);
        total += t.elapsed();
        n += 1;
    }
    total / n.max(1)
}

fn main() {
    let n: usize = std::env::var("XXGK_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let root = std::env::temp_dir().join(format!("xxgk-library-bench-{n}"));
    let corpus = root.join("reports");
    let cache = root.join("cache");
    if !root.join("done").exists() {
        let _ = std::fs::remove_dir_all(&root);
        let t = Instant::now();
        write_corpus(&corpus, n);
        let _ = std::fs::write(root.join("done"), "");
        eprintln!("wrote {n} parsed reports in {:.1} s", t.elapsed().as_secs_f64());
    }
    // The OS page cache is warmed first (every file read once): "cold" means no xxgk cache, and
    // the figure measures xxgk, not this machine's disk.
    let (files, _) = xxgk::fsio::collect_inputs(std::slice::from_ref(&corpus));
    for f in &files {
        let _ = std::hint::black_box(std::fs::read(f).map(|b| b.len()));
    }
    let opts = LoadOptions {
        use_cache: true,
        cache_dir: Some(cache.clone()),
        ..LoadOptions::default()
    };
    let quiet = |_: usize, _: usize| {};
    let secs = |d: Duration| d.as_secs_f64();
    let mut colds = Vec::new();
    let mut memory = None;
    for _ in 0..3 {
        let _ = std::fs::remove_dir_all(&cache);
        let before = rss_kb();
        let t = Instant::now();
        let mut lib = Library::load(&corpus, &opts, &quiet);
        let usable = t.elapsed();
        let after = rss_kb();
        lib.wait_for_cache();
        let written = t.elapsed();
        println!(
            "cold load: {} reports usable in {:.2} s ({:.0} reports/s), cache file written at {:.2} s, {} failed",
            lib.entries.len(),
            secs(usable),
            lib.entries.len() as f64 / secs(usable),
            secs(written),
            lib.errors.len()
        );
        colds.push(secs(usable));
        if memory.is_none() {
            let heap: usize = lib.entries.iter().map(Entry::heap_bytes).sum::<usize>()
                + lib.entries.len() * std::mem::size_of::<Entry>();
            memory = Some((after.saturating_sub(before), heap, lib.entries.len().max(1)));
        }
    }
    colds.sort_by(f64::total_cmp);
    println!("cold load: best {:.2} s, median {:.2} s of 3", colds[0], colds[1]);
    if let Some((rss, heap, n)) = memory {
        println!(
            "memory: {:.0} bytes/report resident growth (RSS), {:.0} bytes/report held by entries",
            (rss * 1024) as f64 / n as f64,
            heap as f64 / n as f64
        );
    }
    let mut warms = Vec::new();
    let mut lib = Library::default();
    for _ in 0..3 {
        drop(lib);
        let t = Instant::now();
        lib = Library::load(&corpus, &opts, &quiet);
        let warm = t.elapsed();
        println!(
            "load from cache: {} reports in {:.2} s ({} from cache)",
            lib.entries.len(),
            secs(warm),
            lib.stats.from_cache
        );
        warms.push(secs(warm));
    }
    warms.sort_by(f64::total_cmp);
    println!("load from cache: best {:.2} s, median {:.2} s of 3", warms[0], warms[1]);
    let queries = ["kaiyuan", "ky", "anshan", "xian", "开原", "zzz"];
    println!(
        "fuzzy filter over {} agencies: {:.2} ms per keystroke",
        lib.search.len(),
        per_keystroke(&lib, &queries).as_secs_f64() * 1000.0
    );
    // 1M: the in-memory index and search (entries cloned from the loaded set with new names;
    // with XXGK_BENCH_N=1000000 the loaded set is already that size).
    let rounds = (1_000_000 / lib.entries.len().max(1)).clamp(1, 10);
    let big: Vec<Entry> = (0..rounds)
        .flat_map(|round| {
            lib.entries.iter().map(move |e| {
                let mut e = e.clone();
                e.agency = e.agency.as_deref().map(|a| format!("{a}{round}").into());
                e.path = format!("{round}/{}", e.path).into();
                e
            })
        })
        .collect();
    let t = Instant::now();
    let big_lib = Library::from_entries(big);
    println!(
        "1M: index of {} reports built in {:.2} s; fuzzy filter over {} agencies: {:.2} ms per keystroke",
        big_lib.entries.len(),
        t.elapsed().as_secs_f64(),
        big_lib.search.len(),
        per_keystroke(&big_lib, &queries).as_secs_f64() * 1000.0
    );
    // The target's size: 100k agencies (half of the 1M set's names).
    let names: Vec<&str> = (0..big_lib.search.len().min(100_000) as u32)
        .filter_map(|i| big_lib.search.name(i))
        .collect();
    let search = xxgk::library::SearchIndex::new(names.iter().copied());
    println!(
        "fuzzy filter over {} agencies: {:.2} ms per keystroke",
        search.len(),
        per_keystroke_in(&search, &queries).as_secs_f64() * 1000.0
    );
    // Raw inputs: every file is ingested on a cold load.
    let raw_n: usize = std::env::var("XXGK_BENCH_RAW_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let raw_root = std::env::temp_dir().join(format!("xxgk-library-bench-raw-{raw_n}"));
    if !raw_root.join("done").exists() {
        let _ = std::fs::remove_dir_all(&raw_root);
        write_raw_corpus(&raw_root.join("reports"), raw_n);
        let _ = std::fs::write(raw_root.join("done"), "");
    }
    let raw_cache = raw_root.join("cache");
    let _ = std::fs::remove_dir_all(&raw_cache);
    let raw_opts = LoadOptions {
        use_cache: true,
        cache_dir: Some(raw_cache),
        ..LoadOptions::default()
    };
    let t = Instant::now();
    let mut raw_lib = Library::load(&raw_root.join("reports"), &raw_opts, &quiet);
    let cold = t.elapsed();
    raw_lib.wait_for_cache();
    drop(raw_lib);
    let t = Instant::now();
    let raw_lib = Library::load(&raw_root.join("reports"), &raw_opts, &quiet);
    println!(
        "raw inputs (HTML and layouts A, C, E): {} reports ingested cold in {:.2} s ({:.0}/s), from cache in {:.2} s",
        raw_lib.entries.len(),
        secs(cold),
        raw_lib.entries.len() as f64 / secs(cold),
        secs(t.elapsed())
    );
}
