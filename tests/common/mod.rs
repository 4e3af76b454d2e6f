//! Helpers shared by the integration tests: finding `../shared/corpus` and checking a report
//! against an `expected.json` entry.
#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::Value;
use xxgk::model::{CellState, Report, catalog};

/// The shared corpus, or `None` when it is absent outside CI. With `CI` set, absence fails.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("XXGK_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    if dir.join("expected.json").is_file() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("corpus not found at {} (required when CI is set)", dir.display());
    }
    eprintln!("skipping: corpus not found at {}", dir.display());
    None
}

/// The parsed `expected.json` of a directory.
pub fn expected(dir: &std::path::Path) -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(dir.join("expected.json")).expect("expected.json");
    match serde_json::from_str(&text).expect("expected.json parses") {
        Value::Object(m) => m,
        _ => panic!("expected.json is not an object"),
    }
}

fn num_eq(got: f64, want: &Value) -> bool {
    want.as_f64().is_some_and(|w| (got - w).abs() < 1e-9)
}

/// Every difference between a report and an expected entry (empty when it matches).
pub fn differences(r: &Report, exp: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let value = |k: &str| catalog().id(k).and_then(|id| r.figures.get(id));
    if let Some(figs) = exp.get("figures").and_then(Value::as_object) {
        for (k, want) in figs {
            match value(k).and_then(|f| f.value) {
                Some(v) if num_eq(v.to_f64(), want) => {}
                got => out.push(format!("{k}: want {want}, got {got:?}")),
            }
        }
    }
    if let Some(figs) = exp.get("figures_if_present").and_then(Value::as_object) {
        for (k, want) in figs {
            if let Some(v) = value(k).and_then(|f| f.value)
                && !num_eq(v.to_f64(), want)
            {
                out.push(format!("{k}: want {want} or blank, got {v}"));
            }
        }
    }
    if let Some(blank) = exp.get("blank").and_then(Value::as_array) {
        for k in blank.iter().filter_map(Value::as_str) {
            match value(k) {
                Some(f) if f.value.is_none() && f.state == CellState::Blank => {}
                None => {}
                Some(f) => out.push(format!("{k}: want blank, got {:?} ({:?})", f.value, f.state)),
            }
        }
    }
    if let Some(unknown) = exp.get("unknown").and_then(Value::as_array) {
        for k in unknown.iter().filter_map(Value::as_str) {
            match value(k) {
                Some(f) if f.state == CellState::Unknown => {}
                got => out.push(format!(
                    "{k}: want unknown (undecidable), got {:?}",
                    got.map(|f| f.value)
                )),
            }
        }
    }
    if let Some(min) = exp.get("min_read").and_then(Value::as_u64) {
        let read = r
            .figures
            .iter()
            .filter(|(k, f)| {
                let name = k.name();
                (name.starts_with("t2.") || name.starts_with("t3.")) && f.state != CellState::Unknown
            })
            .count();
        if (read as u64) < min {
            out.push(format!("{read} cells of tables 2 and 3 read, want at least {min}"));
        }
    }
    let meta = exp.get("meta").cloned().unwrap_or(Value::Null);
    let m = &r.meta;
    let field = |name: &str| -> Option<String> {
        match name {
            "template" => Some(m.template.to_string()),
            "year" => m.year.map(|y| y.to_string()),
            "agency" => m.agency.clone(),
            "published" => m.published.clone(),
            "division_code" => m.division_code.clone(),
            "province" => m.province.clone(),
            _ => None,
        }
    };
    if let Some(obj) = meta.as_object() {
        for (k, want) in obj {
            let got = field(k);
            let ok = match want {
                Value::Array(opts) => opts.iter().any(|o| o.as_str() == got.as_deref()),
                Value::Number(n) => got.as_deref() == Some(n.to_string().as_str()),
                Value::String(s) => got.as_deref() == Some(s.as_str()),
                _ => false,
            };
            if !ok {
                out.push(format!("meta.{k}: want {want}, got {got:?}"));
            }
        }
    }
    out
}

/// The shared crawler dumps (`../shared/wild`), next to the corpus; `None` where the corpus is
/// absent outside CI. With `CI` set, absence fails.
pub fn wild_dir() -> Option<PathBuf> {
    let dir = corpus_dir()?.join("../wild");
    if dir.join("manifest.tsv").is_file() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("crawler dumps not found at {} (required when CI is set)", dir.display());
    }
    eprintln!("skipping: crawler dumps not found at {}", dir.display());
    None
}

/// 平潭 2022 and 2023 from the corpus, and 2023 with its 一、总体情况 replaced by 2022's (the
/// year in it changed to 2023): a real report that copied last year's overview.
pub fn pingtan_with_copied_overview(corpus: &std::path::Path) -> (String, String, String) {
    let read = |n: &str| std::fs::read_to_string(corpus.join(n)).expect("corpus text");
    let (prev, cur) = (read("pingtan-2022.txt"), read("pingtan-2023.txt"));
    let section_one = |t: &str| -> (usize, usize) {
        let start = t.find("一、").expect("一") + "一、总体情况".len();
        let end = start + t.get(start..).and_then(|r| r.find("二、")).expect("二");
        (start, end)
    };
    let (ps, pe) = section_one(&prev);
    let (cs, ce) = section_one(&cur);
    let prose = prev.get(ps..pe).expect("prose").replace("2022", "2023");
    let copied = format!(
        "{}{prose}{}",
        cur.get(..cs).expect("head"),
        cur.get(ce..).expect("tail")
    );
    (prev, cur, copied)
}
