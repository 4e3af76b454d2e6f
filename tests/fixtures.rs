//! Fixtures for every layout and encoding (built by `tests/fixtures/make_fixtures.py` from corpus
//! figures): each reads to its expected figures; bad inputs fail with a clear reason; the parsed
//! reports are snapshot-tested.

mod common;

use std::path::{Path, PathBuf};

use xxgk::ingest::{IngestErrorKind, ingest_bytes, ingest_path};
use xxgk::model::WarningCode;

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
    let e = ingest_bytes(br#"{"schema": 99}"#, "future.json").expect_err("future schema");
    assert!(e.to_string().contains("schema 99"));
}
