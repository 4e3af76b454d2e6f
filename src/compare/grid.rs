//! The comparison view as data: two reports side by side, table by table, as rows of
//! label | A | B | Δ | Δ% | flags. The terminal draws a `Grid`; CSV export writes the very same
//! `Grid` (what you see is what you export). A 2019-template report against a 2021 one uses the
//! crosswalk of format-spec §3.2 (`other` = the sum of the three `other_*` rows) and says so.

use serde::Serialize;

use super::{Change, Thresholds, delta};
use crate::model::catalog::{RowKind, T1_ROWS, T2_COLS, T2_ROWS, T3_COLS, t2_key, t3_key};
use crate::model::{KeyId, Num, Report, TableId, Template, catalog};
use crate::rules::{Finding, RuleId, Severity};

/// Which columns of table 2 to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Columns {
    /// One applicant column (`total` by default).
    One(String),
    /// All seven.
    All,
}

/// One cell of the view.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GridCell {
    /// The text shown.
    pub text: String,
    /// The number behind it.
    pub value: Option<Num>,
    /// Worst rule finding on the cell.
    pub rule: Option<Severity>,
    /// Large change (on Δ cells).
    pub change: Option<Change>,
    /// The report figure behind the cell (A = 0, B = 1), for provenance and jumps.
    #[serde(skip)]
    pub source: Option<(u8, String)>,
}

impl GridCell {
    fn plain(text: impl Into<String>) -> GridCell {
        GridCell {
            text: text.into(),
            value: None,
            rule: None,
            change: None,
            source: None,
        }
    }

    /// Whether the cell carries a rule finding or a large change.
    pub fn flagged(&self) -> bool {
        self.rule.is_some() || self.change.is_some()
    }
}

/// One row of the view.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GridRow {
    /// The row label (frozen while scrolling).
    pub label: String,
    /// The cells after the label.
    pub cells: Vec<GridCell>,
}

/// The view.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Grid {
    /// What is compared.
    pub title: String,
    /// Column headers, the label column first.
    pub headers: Vec<String>,
    /// Rows.
    pub rows: Vec<GridRow>,
    /// Notes (crosswalk used, consecutive years…).
    pub notes: Vec<String>,
}

fn fmt(v: Option<Num>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

fn fmt_pct(p: Option<f64>) -> String {
    p.map_or_else(String::new, |p| format!("{p:+.1}%"))
}

/// Rule ids naming a cell, for the flags column.
fn rules_on(findings: &[Finding], file: &str, key: &str) -> (Option<Severity>, Vec<RuleId>) {
    let mut worst = None;
    let mut ids = Vec::new();
    for f in findings
        .iter()
        .filter(|f| f.file == file && f.keys.iter().any(|k| k == key))
    {
        worst = worst.max(Some(f.severity));
        if !ids.contains(&f.rule) {
            ids.push(f.rule);
        }
    }
    (worst, ids)
}

/// A value of a report for a key, applying the 2019/2021 crosswalk for table 2's `other`.
fn value_for(r: &Report, row: &str, col: &str) -> (Option<Num>, bool) {
    let direct = t2_key(row, col).and_then(|k| r.figures.get(k).map(|f| f.value));
    match (row, r.meta.template) {
        ("other", Template::Tpl2021) => {
            let parts: Vec<Option<Num>> = ["other_no_correction", "other_fee_unpaid", "other_other"]
                .iter()
                .map(|p| t2_key(p, col).and_then(|k| r.value(k)))
                .collect();
            (parts.iter().try_fold(Num::ZERO, |a, b| a.checked_add((*b)?)), true)
        }
        _ => (direct.flatten(), false),
    }
}

struct Side<'a> {
    report: &'a Report,
    findings: &'a [Finding],
}

fn compare_cells(
    a: &Side<'_>,
    b: &Side<'_>,
    key: &str,
    va: Option<Num>,
    vb: Option<Num>,
    t: &Thresholds,
) -> Vec<GridCell> {
    let (ra, ia) = rules_on(a.findings, &a.report.meta.source.path, key);
    let (rb, ib) = rules_on(b.findings, &b.report.meta.source.path, key);
    let (d, pct) = delta(va, vb);
    let change = t.flag(va, vb);
    let mut flags: Vec<String> = Vec::new();
    flags.extend(ia.iter().map(|r| format!("A:{r}")));
    flags.extend(ib.iter().map(|r| format!("B:{r}")));
    match change {
        Some(Change::Increase) => flags.push("UP".into()),
        Some(Change::Decrease) => flags.push("DOWN".into()),
        None => {}
    }
    vec![
        GridCell {
            text: fmt(va),
            value: va,
            rule: ra,
            change: None,
            source: Some((0, key.to_string())),
        },
        GridCell {
            text: fmt(vb),
            value: vb,
            rule: rb,
            change: None,
            source: Some((1, key.to_string())),
        },
        GridCell {
            text: fmt(d),
            value: d,
            rule: None,
            change,
            source: None,
        },
        GridCell::plain(fmt_pct(pct)),
        GridCell::plain(flags.join(" ")),
    ]
}

fn side_name(r: &Report) -> String {
    r.title()
}

/// The comparison of A and B as the CLI and the explorer show it: both reports checked (with the
/// cross-year rules when they are consecutive years of one agency, which a note says), then the
/// view of one table. Returns the view and the findings.
pub fn compare(reports: &[Report; 2], table: TableId, columns: &Columns, t: &Thresholds) -> (Grid, Vec<Finding>) {
    let findings = crate::rules::check_all(reports);
    let [a, b] = reports;
    let mut grid = build(a, b, &findings, table, columns, t);
    if !crate::rules::cross_year::consecutive_pairs(reports).is_empty() {
        grid.notes
            .push("A and B are consecutive years of one agency: cross-year rules are included in the flags".into());
    }
    (grid, findings)
}

/// Builds the view of one table for reports A and B (with their findings, cross-year included).
pub fn build(a: &Report, b: &Report, findings: &[Finding], table: TableId, columns: &Columns, t: &Thresholds) -> Grid {
    let (sa, sb) = (Side { report: a, findings }, Side { report: b, findings });
    let mut notes = Vec::new();
    let mut rows = Vec::new();
    let mut headers = vec!["row".to_string()];
    let five = |h: &mut Vec<String>, prefix: &str| {
        for x in ["A", "B", "Δ", "Δ%", "flags"] {
            h.push(if prefix.is_empty() {
                x.to_string()
            } else {
                format!("{prefix} {x}")
            });
        }
    };
    match table {
        TableId::T1 => {
            five(&mut headers, "");
            let keys: Vec<KeyId> = catalog()
                .ids()
                .filter(|k| k.def().table == TableId::T1)
                .filter(|&k| a.figures.get(k).is_some() || b.figures.get(k).is_some())
                .collect();
            for k in keys {
                let d = k.def();
                let label = T1_ROWS
                    .iter()
                    .find(|r| r.row.key == d.row)
                    .map_or(d.row, |r| r.label(b.meta.template));
                let col = d.col_label.split('（').next().unwrap_or(d.col_label);
                rows.push(GridRow {
                    label: format!("{label} {col}"),
                    cells: compare_cells(&sa, &sb, k.name(), a.value(k), b.value(k), t),
                });
            }
        }
        TableId::T2 => {
            let cols: Vec<&str> = match columns {
                Columns::One(c) => vec![T2_COLS.iter().find(|x| x.key == c).map_or("total", |x| x.key)],
                Columns::All => T2_COLS.iter().map(|c| c.key).collect(),
            };
            for c in &cols {
                let label = T2_COLS.iter().find(|x| x.key == *c).map_or(*c, |x| x.label);
                five(&mut headers, if cols.len() > 1 { label } else { "" });
            }
            let crosswalk = a.meta.template != b.meta.template;
            for r in &T2_ROWS {
                let in_a = r.kind(a.meta.template);
                let in_b = r.kind(b.meta.template);
                // Across templates, `other` is the common row: the other_* items are folded into it.
                let shown = if crosswalk {
                    r.key == "other" || (in_a == RowKind::Value && in_b == RowKind::Value)
                } else {
                    in_b == RowKind::Value
                };
                if !shown {
                    // Section headings (（三）不予公开…) stay, label only, so that "1." rows read right.
                    if in_b == RowKind::Group && (!crosswalk || r.key != "other") {
                        rows.push(heading(r.label, cols.len() * 5));
                    }
                    continue;
                }
                let mut cells = Vec::new();
                for c in &cols {
                    let (va, xa) = value_for(a, r.key, c);
                    let (vb, xb) = value_for(b, r.key, c);
                    if xa || xb {
                        let note =
                            "（六）其他处理: the 2021 report's three 其他处理 rows are summed (format-spec §3.2)";
                        if !notes.iter().any(|n: &String| n == note) {
                            notes.push(note.to_string());
                        }
                    }
                    let key = format!("t2.{}.{c}", r.key);
                    cells.extend(compare_cells(&sa, &sb, &key, va, vb, t));
                }
                rows.push(GridRow {
                    label: r.label.to_string(),
                    cells,
                });
            }
        }
        TableId::T3 => {
            five(&mut headers, "");
            for c in &T3_COLS {
                let Some(k) = t3_key(c.key) else { continue };
                rows.push(GridRow {
                    label: c.label.to_string(),
                    cells: compare_cells(&sa, &sb, k.name(), a.value(k), b.value(k), t),
                });
            }
        }
    }
    if a.meta.template != b.meta.template {
        notes.insert(
            0,
            format!(
                "A follows {} and B {}: rows are matched by the crosswalk",
                a.meta.template, b.meta.template
            ),
        );
    }
    Grid {
        // Who is compared first: on a narrow screen the table's name is what gets cut.
        title: format!(
            "A: {} | B: {} | {}{}",
            side_name(a),
            side_name(b),
            table.title(),
            match (table, columns) {
                (TableId::T2, Columns::One(c)) => {
                    format!(" · {}", T2_COLS.iter().find(|x| x.key == c).map_or("总计", |x| x.label))
                }
                (TableId::T2, Columns::All) => " · 全部申请人".to_string(),
                _ => String::new(),
            }
        ),
        headers,
        rows,
        notes,
    }
}

/// A section heading: a label with empty cells (so every row has the same columns in exports).
fn heading(label: &str, cells: usize) -> GridRow {
    GridRow {
        label: label.to_string(),
        cells: (0..cells).map(|_| GridCell::plain("")).collect(),
    }
}

/// The cell of one report's figure, with its worst finding.
fn own_cell(r: &Report, findings: &[Finding], key: &str) -> GridCell {
    let (rule, _) = rules_on(findings, &r.meta.source.path, key);
    let fig = catalog().id(key).and_then(|k| r.figures.get(k));
    let text = match fig {
        Some(f) if f.value.is_some() => fmt(f.value),
        Some(f) if f.state == crate::model::CellState::Unknown => "?".to_string(),
        _ => String::new(),
    };
    GridCell {
        text,
        value: fig.and_then(|f| f.value),
        rule,
        change: None,
        source: Some((0, key.to_string())),
    }
}

/// One report's table as a view (the report screen): table 2 with its seven columns, tables 1
/// and 3 as one value per row. Cells carry their finding and their key.
pub fn single(r: &Report, findings: &[Finding], table: TableId) -> Grid {
    let mut headers = vec!["row".to_string()];
    let mut rows = Vec::new();
    match table {
        TableId::T1 | TableId::T3 => {
            headers.push("value".into());
            let keys: Vec<KeyId> = catalog().ids().filter(|k| k.def().table == table).collect();
            for k in keys {
                let d = k.def();
                let label = match table {
                    TableId::T1 => {
                        let row = T1_ROWS
                            .iter()
                            .find(|x| x.row.key == d.row)
                            .map_or(d.row, |x| x.label(r.meta.template));
                        if r.figures.get(k).is_none() && !T1_ROWS.iter().any(|x| x.row.key == d.row) {
                            continue;
                        }
                        format!("{row} {}", d.col_label.split('（').next().unwrap_or(d.col_label))
                    }
                    _ => T3_COLS
                        .iter()
                        .find(|c| t3_key(c.key) == Some(k))
                        .map_or_else(|| k.name().to_string(), |c| c.label.to_string()),
                };
                if table == TableId::T1 && r.figures.get(k).is_none() {
                    continue;
                }
                rows.push(GridRow {
                    label,
                    cells: vec![own_cell(r, findings, k.name())],
                });
            }
        }
        TableId::T2 => {
            headers.extend(T2_COLS.iter().map(|c| short_col(c.key, c.label).to_string()));
            for row in &T2_ROWS {
                match row.kind(r.meta.template) {
                    RowKind::Value => {}
                    RowKind::Group => {
                        rows.push(heading(row.label, T2_COLS.len()));
                        continue;
                    }
                    RowKind::Absent => continue,
                }
                let cells = T2_COLS
                    .iter()
                    .map(|c| own_cell(r, findings, &format!("t2.{}.{}", row.key, c.key)))
                    .collect();
                rows.push(GridRow {
                    label: row.label.to_string(),
                    cells,
                });
            }
        }
    }
    Grid {
        title: format!("{} | {}", table.title(), side_name(r)),
        headers,
        rows,
        notes: Vec::new(),
    }
}

/// A table-2 column header that fits 8 cells.
pub fn short_col(key: &str, label: &'static str) -> &'static str {
    match key {
        "natural_person" => "自然人",
        "org_commercial" => "商业企业",
        "org_research" => "科研机构",
        "org_public_welfare" => "公益组织",
        "org_legal_service" => "法律服务",
        "org_other" => "其他",
        "total" => "总计",
        _ => label,
    }
}
