//! Every report in `../shared/corpus` parses to exactly the figures, blanks and metadata of its
//! `expected.json`, the published PDF included.

mod common;

use xxgk::ingest::ingest_path;
use xxgk::model::Template;

#[test]
fn corpus_reads_to_expected_figures() {
    let Some(dir) = common::corpus_dir() else { return };
    let expected = common::expected(&dir);
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, exp) in &expected {
        checked += 1;
        match ingest_path(&dir.join(name)) {
            Ok(r) => {
                let d = common::differences(&r, exp);
                if !d.is_empty() {
                    failures.push(format!("{name}: {}", d.join("; ")));
                }
            }
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(checked >= 13, "only {checked} corpus files checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn pre2019_report_is_detected_without_error() {
    let Some(dir) = common::corpus_dir() else { return };
    let r = ingest_path(&dir.join("pingtan-2018.txt")).expect("pre-2019 report reads");
    assert_eq!(r.meta.template, Template::Pre2019);
    assert_eq!(r.meta.year, Some(2018));
    assert!(r.figures.is_empty(), "no table values invented");
}

#[test]
fn run_together_rows_are_never_guessed() {
    let Some(dir) = common::corpus_dir() else { return };
    // 2019 table 1 (行政许可3960181) has no arithmetic to split by: blank with a warning.
    let r = ingest_path(&dir.join("pingtan-2019.txt")).expect("reads");
    assert_eq!(r.value_of("t1.art20_5.admin_licensing.decisions"), None);
    assert!(
        r.warnings
            .iter()
            .any(|w| w.code == xxgk::model::WarningCode::AmbiguousSplit && w.message.contains("3960181"))
    );
    // 2021: 予以公开 270020130 is decided by the column balance.
    let r = ingest_path(&dir.join("pingtan-2021.txt")).expect("reads");
    let row: Vec<_> = ["natural_person", "org_commercial", "org_research", "org_public_welfare"]
        .iter()
        .map(|c| r.value_of(&format!("t2.granted.{c}")).map(|v| v.to_string()))
        .collect();
    assert_eq!(
        row,
        [Some("27".into()), Some("0".into()), Some("0".into()), Some("2".into())]
    );
}
