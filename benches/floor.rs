//! Ingest against the floor (issue 15): the same generated files read by a program that only
//! reads each file and builds its DOM (HTML) or splits its lines (text), then by `ingest_path`
//! (read, decode, locate, place, metadata, checks), one thread, interleaved runs, best of each.
//! Prints reports/second and the ratio ingest/floor. `cargo bench --bench floor [-- N]`
//! (default 2,000 reports: half HTML, half text in layouts A, C and E).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use xxgk::model::Layout;
use xxgk::synth::{corpus, raw};

fn write_set(dir: &std::path::Path, n: usize) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let reports = corpus(n, 5, 50, 7);
    let (mut html, mut text) = (Vec::new(), Vec::new());
    for (i, r) in reports.iter().enumerate() {
        let layout = match i % 6 {
            0 | 2 | 4 => Layout::Html,
            1 => Layout::A,
            3 => Layout::C,
            _ => Layout::E,
        };
        let Some((ext, bytes)) = raw(r, layout) else { continue };
        let path = dir.join(format!("r{i:06}.{ext}"));
        if std::fs::write(&path, bytes).is_ok() {
            if layout == Layout::Html {
                html.push(path)
            } else {
                text.push(path)
            }
        }
    }
    (html, text)
}

fn floor(files: &[PathBuf], is_html: bool) -> usize {
    let mut n = 0;
    for f in files {
        let Ok(bytes) = std::fs::read(f) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        n += if is_html {
            let doc = scraper::Html::parse_document(&text);
            usize::from(doc.root_element().has_children())
        } else {
            text.lines().count()
        };
    }
    black_box(n)
}

fn ingest(files: &[PathBuf]) -> usize {
    files
        .iter()
        .filter(|f| black_box(xxgk::ingest::ingest_path(f)).is_ok())
        .count()
}

fn best(runs: &mut Vec<Duration>, f: impl FnOnce()) {
    let t = Instant::now();
    f();
    runs.push(t.elapsed());
}

#[allow(clippy::cast_precision_loss)]
fn main() {
    let n: usize = std::env::args().filter_map(|a| a.parse().ok()).next().unwrap_or(2_000);
    let dir = std::env::temp_dir().join(format!("xxgk-floor-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let (html, text) = write_set(&dir, n);
    println!(
        "floor vs ingest, one thread, {} HTML + {} text reports (best of 5, interleaved)",
        html.len(),
        text.len()
    );
    for (name, files, is_html) in [("html", &html, true), ("text", &text, false)] {
        let (mut f, mut i) = (Vec::new(), Vec::new());
        let mut ok = 0;
        for _ in 0..5 {
            best(&mut f, || {
                floor(files, is_html);
            });
            best(&mut i, || ok = ingest(files));
        }
        let (f, i) = (
            f.iter().min().copied().unwrap_or_default(),
            i.iter().min().copied().unwrap_or_default(),
        );
        let rate = |d: Duration| files.len() as f64 / d.as_secs_f64().max(1e-9);
        println!(
            "{name:>5}: floor {:>8.0} reports/s   ingest {:>7.0} reports/s ({ok} read)   ratio {:.1}x",
            rate(f),
            rate(i),
            i.as_secs_f64() / f.as_secs_f64().max(1e-9)
        );
    }
    json_size(&html, &text);
    let _ = std::fs::remove_dir_all(&dir);
    real_texts();
}

/// The compact JSON `xxgk parse` writes for the same files, against their size: HTML, text and
/// both together.
#[allow(clippy::cast_precision_loss)]
fn json_size(html: &[PathBuf], text: &[PathBuf]) {
    let size = |files: &[PathBuf]| {
        let (mut input, mut output) = (0usize, 0usize);
        for f in files {
            let (Ok(bytes), Ok(r)) = (std::fs::read(f), xxgk::ingest::ingest_path(f)) else {
                continue;
            };
            input += bytes.len();
            output += serde_json::to_vec(&r).map_or(0, |j| j.len());
        }
        (input, output)
    };
    let ((hi, ho), (ti, to)) = (size(html), size(text));
    let mb = |b: usize| b as f64 / 1e6;
    let x = |o: usize, i: usize| o as f64 / i.max(1) as f64;
    println!(
        " json: {:.1} MB of compact JSON for {:.1} MB of input, {:.2}x (html {:.2}x, text {:.2}x)",
        mb(ho + to),
        mb(hi + ti),
        x(ho + to, hi + ti),
        x(ho, hi),
        x(to, ti)
    );
}

/// The real report texts of `../shared/corpus` (when present): reports/second, one thread,
/// and the slowest report against the median.
#[allow(clippy::cast_precision_loss)]
fn real_texts() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(dir) = std::fs::read_dir(&root) else { return };
    let mut files: Vec<(String, Vec<u8>)> = dir
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p.display().to_string(), b)))
        .collect();
    files.sort();
    let mut per: Vec<Duration> = files
        .iter()
        .map(|(name, bytes)| {
            (0..20)
                .map(|_| {
                    let t = Instant::now();
                    let _ = black_box(xxgk::ingest::ingest_bytes(bytes, name));
                    t.elapsed()
                })
                .min()
                .unwrap_or_default()
        })
        .collect();
    let total: f64 = per.iter().map(Duration::as_secs_f64).sum();
    per.sort();
    let median = per.get(per.len() / 2).copied().unwrap_or_default().as_secs_f64();
    let worst = per.last().copied().unwrap_or_default().as_secs_f64();
    println!(
        " real: {} corpus texts, {:.0} reports/s, median {:.2} ms, slowest {:.2} ms ({:.1}x the median)",
        files.len(),
        files.len() as f64 / total.max(1e-9),
        median * 1e3,
        worst * 1e3,
        worst / median.max(1e-9)
    );
}
