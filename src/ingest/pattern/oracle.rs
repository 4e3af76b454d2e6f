//! The matcher against the regex crate: same matches, same groups.
use super::Pat;
use regex::Regex;

/// Texts to compare on: every real report we hold (corpus, crawler dumps, samples), and
/// each cut into lines and sentences so patterns meant for short pieces see them too.
pub fn texts() -> Vec<String> {
    use crate::ingest::decode::{Kind, decode, sniff};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        "../shared/corpus",
        "../shared/wild",
        "sample-reports/raw",
        "tests/fixtures",
    ] {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            let Ok(bytes) = std::fs::read(&p) else { continue };
            let name = p.display().to_string();
            let html = match sniff(&bytes, &name) {
                Ok(Kind::Html) => true,
                Ok(Kind::Text) => false,
                _ => continue,
            };
            let Ok(d) = decode(&bytes, html) else { continue };
            let doc = if html {
                crate::ingest::html::from_html(&d.text)
            } else {
                crate::ingest::pieces::from_text(&d.text)
            };
            out.push(doc.text);
            out.push(d.text);
        }
    }
    assert!(out.len() >= 20, "too few texts to compare on: {}", out.len());
    out
}

/// Asserts the matcher and the regex crate agree on every text and its pieces, and that no
/// real text makes the matcher run out of steps.
pub fn agree(pat: &Pat, texts: &[String]) {
    let re = Regex::new(pat.source()).expect("a pattern's source is a regex");
    for t in texts {
        let pieces = std::iter::once(t.as_str())
            .chain(t.split('\n'))
            .chain(t.split(['。', '；', ';']));
        for p in pieces {
            assert!(
                pat.search(p, 0).is_ok(),
                "pattern {} ran out of steps on {:?}",
                pat.source(),
                p.chars().take(300).collect::<String>()
            );
            let ours: Vec<Vec<Option<(usize, usize)>>> = pat
                .backtracking_iter(p)
                .map(|c| (0..5).map(|i| c.get(i).map(|m| (m.start(), m.end()))).collect())
                .collect();
            let theirs: Vec<Vec<Option<(usize, usize)>>> = re
                .captures_iter(p)
                .map(|c| (0..5).map(|i| c.get(i).map(|m| (m.start(), m.end()))).collect())
                .collect();
            assert_eq!(
                ours,
                theirs,
                "pattern {} on {:?}",
                pat.source(),
                p.chars().take(200).collect::<String>()
            );
        }
    }
}
