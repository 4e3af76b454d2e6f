//! The trend view: one agency's years as columns, built from real reports (the 平潭 samples).

use std::path::Path;

use xxgk::grid::{Applicants, ColumnKind, Origin, trend};
use xxgk::i18n::Lang;
use xxgk::ingest::ingest_path;
use xxgk::model::{Figure, Location, Num, Report, TableId, key};
use xxgk::rules::{RuleId, Severity, check_all};

fn sample(name: &str) -> Report {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-reports/parsed")
        .join(name);
    ingest_path(&p).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn row<'a>(g: &'a xxgk::grid::Grid, label: &str) -> &'a xxgk::grid::Row {
    g.rows.iter().find(|r| r.label.starts_with(label)).expect("row")
}

#[test]
fn years_are_columns_gaps_are_not_zeros_and_the_carry_chain_is_marked() {
    let mut reports = vec![
        sample("pingtan-2023.json"),
        sample("pingtan-2021.json"),
        sample("pingtan-2019.json"),
    ];
    // Break the chain: 2023's 上年结转 no longer equals 2022's 结转下年度.
    reports.push(sample("pingtan-2022.json"));
    let k = key("t2.carried_in.total").expect("key");
    let r2023 = reports.iter_mut().find(|r| r.meta.year == Some(2023)).expect("2023");
    r2023
        .figures
        .insert(k, Figure::read(Num::int(5), "5", Location::line(1)));
    let findings = check_all(&reports);
    assert!(
        findings
            .iter()
            .any(|f| f.rule == RuleId::XyCarry && f.year == Some(2023))
    );
    let g = trend(
        &reports,
        &findings,
        TableId::T2,
        &Applicants::One("total".into()),
        false,
        Lang::Zh,
    );
    let headers: Vec<&str> = g.columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(headers, ["2019*", "2020", "2021", "2022", "2023", "走势"]);
    assert_eq!(g.columns.last().map(|c| c.kind), Some(ColumnKind::Text));
    let carried = row(&g, "二、上年结转");
    let cell_2023 = &carried.cells[4];
    assert_eq!(cell_2023.value, Some(Num::int(5)));
    // Marked (the changed cell also breaks 2023's own balance, an error, the worst of the two).
    assert_eq!(cell_2023.rule, Some(Severity::Error), "the broken link is marked");
    assert!(
        findings
            .iter()
            .any(|f| f.rule == RuleId::XyCarry && f.keys.iter().any(|k| k == "t2.carried_in.total"))
    );
    assert_eq!(cell_2023.source.map(|s| s.origin), Some(Origin::Year(2023)));
    // 2020 has no report: a gap, not a zero, and a note says so.
    let new = row(&g, "一、本年新收");
    assert_eq!(new.cells[1].text, "");
    assert_eq!(new.cells[1].value, None);
    assert!(g.notes.iter().any(|n| n.contains("2020")), "{:?}", g.notes);
    assert_eq!(
        new.cells[5].text.chars().nth(1),
        Some(' '),
        "the sparkline leaves the gap"
    );
    // 2019 is on the 2019 template: its 其他处理 is matched through the crosswalk.
    assert!(g.notes.iter().any(|n| n.contains("2019年格式")), "{:?}", g.notes);
    let other = row(&g, "（六）其他处理");
    assert!(other.cells[0].value.is_some() && other.cells[2].value.is_some());
}
