//! Bulk export read back: every figure of every corpus report (and the fixtures) comes back from
//! the CSV (csv crate) and the XLSX (calamine) exactly; blanks stay empty; cells are marked.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use xxgk::compare::Change;
use xxgk::export::ExportError;
use xxgk::export::reports::{ExportOptions, selected_keys, write};
use xxgk::export::sheet::{Cell, SheetWriter, Value};
use xxgk::ingest::ingest_path;
use xxgk::model::{Report, catalog};
use xxgk::rules::{Finding, Severity, check_all};

fn inputs() -> Vec<PathBuf> {
    let mut v = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html-gbk-2021.html")];
    if let Some(dir) = common::corpus_dir() {
        let exp = common::expected(&dir);
        v.extend(exp.keys().map(|k| dir.join(k)));
    }
    v
}

fn reports(files: &[PathBuf]) -> HashMap<String, Report> {
    files
        .iter()
        .map(|f| {
            let r = ingest_path(f).unwrap_or_else(|e| panic!("{e}"));
            (r.meta.source.path.clone(), r)
        })
        .collect()
}

fn xxgk(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(args)
        .output()
        .expect("runs")
}

fn export(files: &[PathBuf], out: &Path, extra: &[&str]) {
    let mut args: Vec<String> = vec!["export".into()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    args.extend(["--out".into(), out.display().to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = xxgk(&refs);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn csv_reads_back_every_figure() {
    let files = inputs();
    let want = reports(&files);
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("all.csv");
    export(&files, &out, &[]);
    let bytes = std::fs::read(&out).expect("csv");
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 BOM by default");
    let mut rdr = csv::Reader::from_reader(bytes.get(3..).unwrap_or(&[]));
    let header: Vec<String> = rdr.headers().expect("header").iter().map(str::to_string).collect();
    assert_eq!(header.first().map(String::as_str), Some("file"));
    assert_eq!(header.last().map(String::as_str), Some("warnings"));
    let mut rows = 0;
    let mut checked = 0;
    for rec in rdr.records() {
        let rec = rec.expect("row");
        let file = rec.get(0).unwrap_or("");
        let r = want.get(file).unwrap_or_else(|| panic!("unknown report {file}"));
        for (name, got) in header.iter().zip(rec.iter()) {
            let Some(k) = catalog().id(name) else { continue };
            let expected = r.value(k).map(|v| v.to_string()).unwrap_or_default();
            assert_eq!(got, expected, "{file} {name}");
            checked += 1;
        }
        rows += 1;
    }
    assert_eq!(rows, want.len());
    assert_eq!(checked, want.len() * catalog().len());
    // Without BOM, and never overwritten without --force.
    let o = xxgk(&[
        "export",
        &files[0].display().to_string(),
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    export(&files[..1], &out, &["--force", "--no-bom"]);
    assert!(!std::fs::read(&out).expect("csv").starts_with("\u{feff}".as_bytes()));
}

#[test]
fn xlsx_reads_back_every_figure() {
    let files = inputs();
    let want = reports(&files);
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("all.xlsx");
    export(&files, &out, &[]);
    let mut book: Xlsx<_> = open_workbook(&out).expect("xlsx");
    let sheet = book.worksheet_range("reports").expect("reports sheet");
    let mut it = sheet.rows();
    let header: Vec<String> = it.next().expect("header").iter().map(|c| c.to_string()).collect();
    let mut rows = 0;
    for row in it {
        let file = row.first().map(|c| c.to_string()).unwrap_or_default();
        let r = want.get(&file).unwrap_or_else(|| panic!("unknown report {file}"));
        for (name, cell) in header.iter().zip(row) {
            let Some(k) = catalog().id(name) else { continue };
            match (r.value(k), cell) {
                (None, Data::Empty) => {}
                (Some(v), Data::Float(f)) => assert!((v.to_f64() - f).abs() < 1e-9, "{file} {name}"),
                (Some(v), Data::Int(i)) => assert_eq!(v.to_f64(), *i as f64, "{file} {name}"),
                (v, c) => panic!("{file} {name}: want {v:?}, got {c:?} (numbers must be numbers)"),
            }
        }
        rows += 1;
    }
    assert_eq!(rows, want.len());
    let findings = book.worksheet_range("findings").expect("findings sheet");
    let list: Vec<Report> = want.into_values().collect();
    assert_eq!(findings.rows().count(), check_all(&list).len() + 1);
}

#[test]
fn long_and_json_forms() {
    let files = inputs();
    let want = reports(&files);
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("long.csv");
    export(&files, &out, &["--long", "--no-bom"]);
    let mut rdr = csv::Reader::from_path(&out).expect("csv");
    assert_eq!(
        rdr.headers().expect("header").iter().collect::<Vec<_>>(),
        ["report", "key", "value"]
    );
    let mut n = 0;
    for rec in rdr.records() {
        let rec = rec.expect("row");
        let (file, key, value) = (
            rec.get(0).unwrap_or(""),
            rec.get(1).unwrap_or(""),
            rec.get(2).unwrap_or(""),
        );
        if let Some(k) = catalog().id(key) {
            let r = want.get(file).expect("report");
            assert_eq!(
                value,
                r.value(k).map(|v| v.to_string()).unwrap_or_default(),
                "{file} {key}"
            );
            n += 1;
        }
    }
    assert_eq!(n, want.values().map(|r| r.figures.len()).sum::<usize>());
    let out = dir.path().join("totals.json");
    export(&files, &out, &["--keys", "t2.*.total"]);
    let text = std::fs::read_to_string(&out).expect("json");
    assert!(text.starts_with("[\n{\"file\":"), "columns keep their order");
    let v: serde_json::Value = serde_json::from_str(&text).expect("parses");
    let first = v
        .as_array()
        .and_then(|a| a.first())
        .and_then(|o| o.as_object())
        .expect("object");
    assert_eq!(
        first.keys().filter(|k| k.starts_with("t2.")).count(),
        26,
        "every t2 row's total"
    );
}

/// Collects the cells written, for mark assertions.
#[derive(Default)]
struct Collect {
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

impl SheetWriter for Collect {
    fn header(&mut self, columns: &[String]) -> Result<(), ExportError> {
        self.header = columns.to_vec();
        Ok(())
    }
    fn row(&mut self, cells: &[Cell]) -> Result<(), ExportError> {
        self.rows.push(cells.to_vec());
        Ok(())
    }
    fn finish(self: Box<Self>, _: &[Finding]) -> Result<(), ExportError> {
        Ok(())
    }
}

#[test]
fn failures_and_large_changes_are_marked() {
    let Some(dir) = common::corpus_dir() else { return };
    let list: Vec<Report> = ["anshan-2019.txt", "pingtan-2021.txt", "pingtan-2022.txt"]
        .iter()
        .map(|n| ingest_path(&dir.join(n)).expect("reads"))
        .collect();
    let findings = check_all(&list);
    let mut c = Collect::default();
    write(&list, &findings, &ExportOptions::default(), &mut c).expect("writes");
    let col = |name: &str| c.header.iter().position(|h| h == name).expect("column");
    let cell = |row: usize, name: &str| c.rows.get(row).and_then(|r| r.get(col(name))).cloned().expect("cell");
    assert_eq!(
        cell(0, "t2.new_received.org_commercial").rule,
        Some(Severity::Error),
        "anshan's E1 failure"
    );
    assert_eq!(
        cell(0, "t2.new_received.total").rule,
        Some(Severity::Warning),
        "the prose says 59, the table 148"
    );
    assert_eq!(cell(0, "t2.carried_in.total").rule, None);
    // 平潭 行政许可 2,293 (2021) → 10,690 (2022).
    assert_eq!(
        cell(2, "t1.art20_5.admin_licensing.decisions").change,
        Some(Change::Increase)
    );
    assert_eq!(
        cell(1, "t1.art20_5.admin_licensing.decisions").change,
        None,
        "2021 has no 2020 to compare"
    );
    assert_eq!(
        cell(0, "t1.art20_5.admin_licensing.decisions").value,
        Value::Num(xxgk::model::Num::int(918197))
    );
    assert!(selected_keys(&[]).len() + 13 == c.header.len());
}
