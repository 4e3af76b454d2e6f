//! Fixtures for every layout and encoding (built by `tests/fixtures/make_fixtures.py` from corpus
//! figures): each reads to its expected figures; bad inputs fail with a clear reason; the parsed
//! reports are snapshot-tested.

mod common;

use std::path::{Path, PathBuf};

use xxgk::ingest::{IngestErrorKind, ingest_bytes, ingest_path};
use xxgk::model::{CellState, WarningCode};
use xxgk::rules::{RuleId, check_report};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[test]
fn fixtures_read_to_expected_figures() {
    let dir = fixtures();
    let expected = common::expected(&dir);
    assert!(expected.len() >= 4);
    let mut failures = Vec::new();
    for (name, exp) in &expected {
        match ingest_path(&dir.join(name)) {
            Ok(r) => {
                let d = common::differences(&r, exp);
                if !d.is_empty() {
                    failures.push(format!("{name}: {}", d.join("; ")));
                }
                if let Some(enc) = exp.get("encoding").and_then(|e| e.as_str())
                    && r.meta.source.encoding.as_deref() != Some(enc)
                {
                    failures.push(format!("{name}: encoding {:?}, want {enc}", r.meta.source.encoding));
                }
                if let Some(layout) = exp.get("layout").and_then(|e| e.as_str())
                    && r.meta.source.layout.map(|l| l.as_str()) != Some(layout)
                {
                    failures.push(format!("{name}: layout {:?}, want {layout}", r.meta.source.layout));
                }
            }
            Err(e) => failures.push(e.to_string()),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn bad_inputs_fail_with_the_file_and_the_reason() {
    let dir = fixtures();
    let cases = [
        ("bad-empty.txt", "empty file"),
        ("bad-binary.dat", "binary file"),
        ("bad-encoding.txt", "not valid text"),
        ("bad-no-tables.txt", "no standard tables"),
    ];
    for (name, why) in cases {
        let e = ingest_path(&dir.join(name)).expect_err(name);
        let msg = e.to_string();
        assert!(msg.contains(name) && msg.contains(why), "{msg}");
    }
    let e = ingest_path(&dir.join("does-not-exist.txt")).expect_err("missing");
    assert!(matches!(e.kind, IngestErrorKind::Io(_)));
    // A directory is named as one (asked only once the open finds no regular file).
    let e = ingest_path(&dir).expect_err("a directory");
    assert!(e.to_string().contains("a directory"), "{e}");
    let e = ingest_bytes(b"%PDF-1.4 rest", "x.pdf").expect_err("pdf");
    assert!(matches!(e.kind, IngestErrorKind::Unsupported(_)));
}

#[test]
fn truncated_html_keeps_what_is_there_and_says_what_is_missing() {
    let r = ingest_path(&fixtures().join("truncated-2021.html")).expect("reads");
    assert_eq!(
        r.value_of("t2.new_received.total").map(|v| v.to_string()).as_deref(),
        Some("59")
    );
    assert_eq!(r.value_of("t2.results_total.total"), None);
    assert!(r.warnings.iter().any(|w| w.code == WarningCode::RowNotFound));
    assert!(r.warnings.iter().any(|w| w.code == WarningCode::TableMissing));
}

#[test]
fn short_rows_place_only_what_the_sums_decide() {
    let text = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n1\n2\n\
        行政规范性文件\n0\n0\n3\n三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n\
        一、本年新收政府信息公开申请数量\n5\n1\n6\n二、上年结转政府信息公开申请数量\n0\n0\n0\n0\n0\n0\n0\n";
    let r = ingest_bytes(text.as_bytes(), "short.txt").expect("reads");
    assert_eq!(r.value_of("t1.art20_1.regulations.issued"), None);
    assert_eq!(
        r.value_of("t1.art20_1.normative_docs.in_force")
            .map(|v| v.to_string())
            .as_deref(),
        Some("3")
    );
    // `5 1 6` in seven columns whose blanks leave no trace: 6 can only be the 总计 (5 + 1), but
    // which applicant columns hold 5 and 1 no sum says.
    assert_eq!(r.value_of("t2.new_received.natural_person"), None);
    assert_eq!(
        r.value_of("t2.new_received.total").map(|v| v.to_string()).as_deref(),
        Some("6")
    );
    assert_eq!(
        r.value_of("t2.carried_in.total").map(|v| v.to_string()).as_deref(),
        Some("0")
    );
    let undecided: Vec<_> = r
        .warnings
        .iter()
        .filter(|w| w.code == WarningCode::AmbiguousPlacement)
        .collect();
    assert_eq!(undecided.len(), 2, "{undecided:?}");
    assert!(undecided.iter().all(|w| w.at.is_some()), "warnings carry locations");
}

#[test]
fn parsed_fixtures_snapshot() {
    let dir = fixtures();
    for name in [
        "html-gbk-2021.html",
        "html-gb18030-2019.html",
        "markdown-2021.md",
        "utf16-layout-c-2020.txt",
    ] {
        let bytes = std::fs::read(dir.join(name)).expect("fixture");
        let r = ingest_bytes(&bytes, &format!("fixtures/{name}")).expect("reads");
        insta::assert_json_snapshot!(name, r, { ".parser" => "[parser]" });
    }
}

#[test]
fn parsed_corpus_snapshot() {
    let Some(dir) = common::corpus_dir() else { return };
    let expected = common::expected(&dir);
    for name in expected.keys().filter(|n| !n.ends_with(".pdf")) {
        let bytes = std::fs::read(dir.join(name)).expect("corpus file");
        let r = ingest_bytes(&bytes, &format!("corpus/{name}")).expect("reads");
        // Quotes are report prose: kept out of the repository.
        insta::assert_json_snapshot!(format!("corpus-{name}"), r, {
            ".parser" => "[parser]",
            ".claims[].quote" => "[quote]",
        });
    }
}

#[test]
fn json_round_trip_is_lossless() {
    let dir = fixtures();
    for name in ["html-gbk-2021.html", "utf16-layout-c-2020.txt"] {
        let r = ingest_path(&dir.join(name)).expect("reads");
        let json = serde_json::to_vec(&r).expect("serializes");
        let back = ingest_bytes(&json, "r.json").expect("reads back");
        assert_eq!(back, r, "{name}");
    }
    // Schema 1 (the parsed samples) reads as written, and comes back the same through schema 2:
    // the `raw` left out is the value as printed.
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports/parsed/kaiyuan-2023.json");
    let text = std::fs::read_to_string(&sample).expect("sample");
    assert!(text.contains(r#""schema": 1"#) || text.contains(r#""schema":1"#));
    let old = ingest_path(&sample).expect("schema 1 reads");
    let raws = old.figures.iter().filter(|(_, f)| f.raw.is_some()).count();
    assert!(raws > 100, "{raws}");
    let json = serde_json::to_vec(&old).expect("serializes");
    let compact_v1 = serde_json::to_vec(&serde_json::from_str::<serde_json::Value>(&text).expect("json"))
        .expect("compact")
        .len();
    assert!(json.len() * 10 < compact_v1 * 9, "{} of {compact_v1}", json.len());
    assert_eq!(ingest_bytes(&json, "r.json").expect("schema 2 reads"), old);
    let e = ingest_bytes(br#"{"schema": 99}"#, "future.json").expect_err("future schema");
    assert!(e.to_string().contains("schema 99"));
}

/// Schema 4 writes a run of digits printed together (layout E) once, in `runs`, and the
/// figures cut from it point to it: every report read here — the corpus, the samples, the
/// crawler dumps and the wild shapes — comes back from its JSON as it was, and so does the same
/// report written as schema 3 (the run's digits, place and note on every figure).
#[test]
fn runs_are_written_once_and_every_report_reads_back_whole() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut dirs = vec![
        root.join("sample-reports/raw"),
        fixtures().join("wild-trimmed"),
        fixtures().join("wild-shapes"),
    ];
    dirs.extend(common::corpus_dir());
    for dir in dirs {
        let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("directory")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x != "json" && x != "pdf" && x != "docx"))
            .collect();
        found.sort();
        paths.extend(found);
    }
    let (mut with_runs, mut shorter) = (0, 0usize);
    for path in &paths {
        let Ok(r) = ingest_path(path) else { continue };
        let json = serde_json::to_vec(&r).expect("serializes");
        assert_eq!(
            ingest_bytes(&json, "r.json").expect("reads back"),
            r,
            "{}",
            path.display()
        );
        let mut v: serde_json::Value = serde_json::from_slice(&json).expect("json");
        assert_eq!(v["schema"], 4);
        let Some(runs) = v.as_object_mut().and_then(|o| o.remove("runs")) else {
            continue;
        };
        with_runs += 1;
        let text = String::from_utf8_lossy(&json);
        assert!(!text.contains("split from run-together digits"), "{}", path.display());
        assert_eq!(
            text.matches(r#""digits":"#).count(),
            runs.as_array().map_or(0, Vec::len)
        );
        v["schema"] = 3.into();
        v["figures"] = serde_json::to_value(&r.figures).expect("schema 3 figures");
        let v3 = serde_json::to_vec(&v).expect("schema 3");
        assert_eq!(
            ingest_bytes(&v3, "r3.json").expect("schema 3 reads"),
            r,
            "{}",
            path.display()
        );
        shorter += v3.len() - json.len();
    }
    assert!(with_runs >= 2, "{with_runs} of {} reports have runs", paths.len());
    assert!(shorter > 10_000, "{shorter} bytes saved");
    let e = ingest_bytes(
        br#"{"schema":4,"parser":"p","meta":{"template":"tpl2021","source":{"path":"x","format":"text","layout":"E","sha256":"","bytes":0}},"figures":{"t2.new_received.total":{"value":1,"run":0}}}"#,
        "bad.json",
    )
    .expect_err("a figure pointing to a run that is not there");
    assert!(e.to_string().contains("run 0 of 0"), "{e}");
}

/// Every file of a directory with an `expected.json` reads to it (nothing wrong, enough read).
fn reads_as_expected(dir: &Path) {
    let expected = common::expected(dir);
    assert!(!expected.is_empty(), "{}", dir.display());
    let mut failures = Vec::new();
    for (name, exp) in &expected {
        match ingest_path(&dir.join(name)) {
            Ok(r) => {
                let d = common::differences(&r, exp);
                if !d.is_empty() {
                    failures.push(format!("{name}: {}", d.join("; ")));
                }
            }
            Err(e) => failures.push(e.to_string()),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The shapes reports take in the wild (made from real figures by `make_wild_shapes.py`): a
/// crawler's one-node-per-line text, with and without merged repeated lines, item numbers and
/// digits on lines of their own; a PDF converter's markdown with one table per row group; PDF
/// text with numbers on the line before their label; page metadata in `<meta>` tags and a
/// 公开日期 field; a unit in a column header. Every value read is right, and at least the stated
/// number of cells is read.
#[test]
fn wild_shapes_read_right_or_blank() {
    reads_as_expected(&fixtures().join("wild-shapes"));
}

/// Real crawler dumps (trimmed to their tables), checked by hand: the cells the sums decide are
/// read, and the ones they cannot decide stay unknown.
#[test]
fn real_crawler_dumps_read_as_checked_by_hand() {
    reads_as_expected(&fixtures().join("wild-trimmed"));
}

/// `0 1 0 1` in a crawler's merged lines: the 1 can be in any of four organisation columns, in
/// three rows at once, and the column balance cannot tell which: those cells stay unknown, the
/// rest is read, and a warning names each row.
#[test]
fn two_valid_readings_are_left_blank_with_a_warning() {
    let r = ingest_path(&fixtures().join("wild-trimmed/putian-ptsjj-2020.txt")).expect("reads");
    let get = |k: &str| xxgk::model::catalog().id(k).and_then(|id| r.figures.get(id)).cloned();
    for col in [
        "org_commercial",
        "org_research",
        "org_public_welfare",
        "org_legal_service",
    ] {
        for row in ["new_received", "granted", "results_total"] {
            let f = get(&format!("t2.{row}.{col}")).expect("cell");
            assert_eq!(f.state, CellState::Unknown, "t2.{row}.{col}");
            assert!(f.value.is_none());
        }
    }
    for (k, v) in [
        ("t2.new_received.total", "1"),
        ("t2.new_received.natural_person", "0"),
        ("t2.new_received.org_other", "0"),
    ] {
        assert_eq!(
            get(k).and_then(|f| f.value).map(|v| v.to_string()).as_deref(),
            Some(v),
            "{k}"
        );
    }
    let named: Vec<&str> = r
        .warnings
        .iter()
        .filter(|w| w.code == WarningCode::AmbiguousPlacement)
        .map(|w| w.message.as_str())
        .collect();
    for row in ["本年新收", "予以公开", "（七）总计"] {
        assert!(named.iter().any(|m| m.contains(row)), "{row}: {named:?}");
    }
    // Undecided is not an error of the report.
    assert!(check_report(&r).iter().all(|f| f.rule != RuleId::T2ColBalance));
}

/// A real report whose table 2 does not balance (鞍山 2019: 商业企业 1 + 0 ≠ 0 + 0) is read as
/// printed — in its own layout and in a crawler's merged lines — and the balance rule says so.
#[test]
fn an_inconsistent_report_is_read_as_printed() {
    let shaped = ingest_path(&fixtures().join("wild-shapes/crawler-collapsed-2019.txt")).expect("reads");
    let Some(dir) = common::corpus_dir() else { return };
    let r = ingest_path(&dir.join("anshan-2019.txt")).expect("reads");
    let get = |r: &xxgk::model::Report, k: &str| r.value_of(k).map(|v| v.to_string());
    assert_eq!(get(&r, "t2.new_received.org_commercial").as_deref(), Some("1"));
    assert_eq!(get(&r, "t2.results_total.org_commercial").as_deref(), Some("0"));
    assert!(check_report(&r).iter().any(|f| f.rule == RuleId::T2ColBalance));
    // The crawler's copy: where it reads a cell, it reads what was printed.
    for (k, f) in shaped.figures.iter() {
        if let (Some(v), Some(want)) = (f.value, r.figures.get(k).and_then(|g| g.value)) {
            assert_eq!(v, want, "{}", k.name());
        }
    }
}
