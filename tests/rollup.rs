//! Roll-ups: sums per group, one report per agency and year, and the evaluators' rates checked
//! against values computed by hand from the corpus's hand-checked figures.

mod common;

use xxgk::grid::{By, Grid, rollup};
use xxgk::i18n::Lang;
use xxgk::library::{Library, LoadOptions};

fn load(dir: &std::path::Path) -> Library {
    let opts = LoadOptions {
        use_cache: false,
        cache_dir: None,
        ..LoadOptions::default()
    };
    Library::load(dir, &opts, &|_, _| {})
}

fn cell<'a>(g: &'a Grid, row: &str, column: &str) -> &'a str {
    let c = g.columns.iter().position(|c| c.header == column).expect(column);
    let r = g.rows.iter().find(|r| r.label == row).expect(row);
    &r.cells[c].text
}

#[test]
fn rates_match_the_hand_computed_values_of_the_corpus() {
    let Some(dir) = common::corpus_dir() else { return };
    let lib = load(&dir);
    let all: Vec<usize> = (0..lib.entries.len()).collect();
    let g = rollup(&lib, &all, By::Province, Some(2023), 30.0, Lang::Zh);
    // 张家港市 2023 is 江苏's only 2023 report. From its expected.json: 予以公开 288, 部分公开 100,
    // （七）总计 749, 不予公开 16, 结转下年度 44, 本年新收 789, 上年结转 4; 行政复议 维持 4, 纠正 2, 其他 1.
    assert_eq!(cell(&g, "江苏", "报告数"), "1");
    assert_eq!(cell(&g, "江苏", "本年新收"), "789");
    assert_eq!(cell(&g, "江苏", "实质公开率"), "51.8%"); // 388 / 749 = 51.80%
    assert_eq!(cell(&g, "江苏", "不予公开率"), "2.1%"); // 16 / 749 = 2.14%
    assert_eq!(cell(&g, "江苏", "结转率"), "5.5%"); // 44 / 793 = 5.55%
    assert_eq!(
        cell(&g, "江苏", "复议纠错率"),
        "(28.6%)",
        "2 / 7, over a base under 30: bracketed"
    );
    let jiangsu = g.rows.iter().find(|r| r.label == "江苏").expect("row");
    let rate = g.columns.iter().position(|c| c.header == "复议纠错率").expect("col");
    assert_eq!(jiangsu.cells[rate].value, None, "a small base is not ranked");
}

#[test]
fn duplicates_count_once_and_blank_totals_are_their_rows() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports");
    let lib = load(&dir);
    assert!(!lib.duplicates.is_empty());
    let all: Vec<usize> = (0..lib.entries.len()).collect();
    let g = rollup(&lib, &all, By::Province, None, 30.0, Lang::En);
    // 上海市人民政府办公厅 2019 is in the samples twice (raw and parsed): counted once. Its 总计
    // column is blank: 予以公开 is the sum of its row (272), not 0.
    assert_eq!(cell(&g, "上海", "reports"), "1");
    assert_eq!(cell(&g, "上海", "granted"), "272");
    let total = g.rows.last().expect("total row");
    assert_eq!(total.label, "total");
    let reports: usize = g.rows[..g.rows.len() - 1]
        .iter()
        .map(|r| r.cells[0].text.parse::<usize>().unwrap_or(0))
        .sum();
    assert_eq!(total.cells[0].text, reports.to_string());
    assert_eq!(
        reports,
        lib.entries.len() - lib.duplicates.iter().map(|d| d.len() - 1).sum::<usize>() - 1,
        "pre-2019 left out"
    );
}
