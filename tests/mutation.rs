//! Bounded property test: random byte flips, insertions and truncations of every corpus file and
//! fixture, and random bytes, never make ingest panic (errors are fine; panics are not).

#![allow(clippy::cast_possible_truncation)] // random bytes and bounded indices

mod common;

use std::path::{Path, PathBuf};

use xxgk::ingest::ingest_bytes;

/// xorshift64*: deterministic, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn inputs() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = Vec::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let office = fixtures.join("office");
    let corpus = common::corpus_dir();
    for dir in [Some(fixtures), Some(office), corpus].into_iter().flatten() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .filter(|p| p.extension().is_some_and(|e| e != "py" && e != "sh"))
            .collect();
        entries.sort();
        files.extend(entries);
    }
    files
}

const MUTATIONS_PER_FILE: usize = 24;

#[test]
fn mutated_reports_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut runs = 0;
    for path in inputs() {
        let original = std::fs::read(&path).expect("read");
        let name = path.display().to_string();
        for round in 0..MUTATIONS_PER_FILE {
            let mut b = original.clone();
            match round % 4 {
                0 => {
                    // Truncate anywhere (including inside a multi-byte char).
                    let cut = rng.below(b.len() + 1);
                    b.truncate(cut);
                }
                1 => {
                    for _ in 0..1 + rng.below(16) {
                        if !b.is_empty() {
                            let i = rng.below(b.len());
                            if let Some(x) = b.get_mut(i) {
                                *x ^= 1 << rng.below(8);
                            }
                        }
                    }
                }
                2 => {
                    // Splice random bytes, digits and separators into the middle.
                    let pool = b"0123456789|?- \n<>&;\xe4\xb8\x80\xff";
                    let at = rng.below(b.len() + 1);
                    let extra: Vec<u8> = (0..1 + rng.below(64))
                        .map(|_| pool.get(rng.below(pool.len())).copied().unwrap_or(b'0'))
                        .collect();
                    b.splice(at..at, extra);
                }
                _ => {
                    // Duplicate a slice (repeated tables, repeated rows).
                    if !b.is_empty() {
                        let s = rng.below(b.len());
                        let e = (s + rng.below(4096)).min(b.len());
                        let slice = b.get(s..e).map(<[u8]>::to_vec).unwrap_or_default();
                        let at = rng.below(b.len() + 1);
                        b.splice(at..at, slice);
                    }
                }
            }
            let _ = ingest_bytes(&b, &format!("{name}#{round}"));
            runs += 1;
        }
    }
    for len in [0, 1, 7, 100, 4096] {
        let b: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let _ = ingest_bytes(&b, "random.bin");
    }
    assert!(runs >= MUTATIONS_PER_FILE * 4, "ran {runs} mutations");
}

#[test]
fn hostile_shapes_stay_bounded() {
    // A very long run-together row and deeply nested HTML must finish (and not panic).
    let mut t =
        String::from("三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为）\n一、本年新收政府信息公开申请数量");
    t.push_str(&"1".repeat(5000));
    t.push_str("二、上年结转政府信息公开申请数量1234567二、上年结转政府信息公开申请数量7654321三、x");
    let _ = ingest_bytes(t.as_bytes(), "long.txt");
    let nested = format!(
        "{}<table><tr><td>规章</td></tr></table>{}",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    let _ = ingest_bytes(nested.as_bytes(), "nested.html");
    let spans = "<table><tr><td rowspan=99999 colspan=99999>x</td></tr></table>".repeat(50);
    let _ = ingest_bytes(spans.as_bytes(), "spans.html");
}
