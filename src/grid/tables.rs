//! A report's tables as grids: one report (the report screen, `show`), and two side by side as
//! label | A | B | Δ | Δ% | flags (the compare screen, `diff`). A 2019-template report against a
//! 2021 one uses the crosswalk of format-spec §3.2 (`other` = the sum of the three `other_*`
//! rows) and says so.

use super::{Cell, Column, ColumnKind, FigureRef, Grid, Group, Origin, Row, RowKind, Side};
use crate::compare::{Change, Thresholds, delta};
use crate::i18n::Lang;
use crate::model::catalog::{RowKind as CatalogRow, T1_ROWS, T2_COLS, T2_ROWS, T3_COLS, t2_key, t3_key};
use crate::model::{CellState, KeyId, Num, Report, TableId, Template, catalog};
use crate::rules::{Finding, RuleId, Severity};

/// Which of table 2's applicant columns a comparison shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applicants {
    /// One applicant column (`total` by default).
    One(String),
    /// All seven.
    All,
}

impl Applicants {
    /// The label of what is shown: `总计`, `自然人`, or `全部申请人`.
    pub fn label(&self) -> &'static str {
        match self {
            Applicants::One(c) => T2_COLS.iter().find(|x| x.key == c).map_or("总计", |x| x.label),
            Applicants::All => "全部申请人",
        }
    }
}

fn fmt_pct(p: Option<f64>) -> String {
    p.map_or_else(String::new, |p| format!("{p:+.1}%"))
}

/// The worst finding naming a cell of a file, and the rule ids.
pub(super) fn rules_on(findings: &[Finding], file: &str, key: &str) -> (Option<Severity>, Vec<RuleId>) {
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
pub(super) fn value_for(r: &Report, row: &str, col: &str) -> (Option<Num>, bool) {
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

/// The five columns of one compared figure.
fn five(group: Option<Group>, lang: Lang) -> [Column; 5] {
    let c = |header: &str, kind, side| Column {
        header: header.to_string(),
        kind,
        group,
        side,
    };
    [
        c("A", ColumnKind::Value, Some(Side::A)),
        c("B", ColumnKind::Value, Some(Side::B)),
        c("Δ", ColumnKind::Delta, None),
        c("Δ%", ColumnKind::Percent, None),
        c(&lang.tr("grid.flags"), ColumnKind::Flags, None),
    ]
}

struct Pair<'a> {
    a: &'a Report,
    b: &'a Report,
    findings: &'a [Finding],
    thresholds: &'a Thresholds,
}

impl Pair<'_> {
    fn cells(&self, key: KeyId, va: Option<Num>, vb: Option<Num>) -> [Cell; 5] {
        let (ra, ia) = rules_on(self.findings, &self.a.meta.source.path, key.name());
        let (rb, ib) = rules_on(self.findings, &self.b.meta.source.path, key.name());
        let (d, pct) = delta(va, vb);
        let change = self.thresholds.flag(va, vb);
        let mut flags: Vec<String> = Vec::new();
        flags.extend(ia.iter().map(|r| format!("A:{r}")));
        flags.extend(ib.iter().map(|r| format!("B:{r}")));
        match change {
            Some(Change::Increase) => flags.push("UP".into()),
            Some(Change::Decrease) => flags.push("DOWN".into()),
            None => {}
        }
        // A cell the report has but that could not be read is `?`, never blank like a blank one.
        let side = |side, value: Option<Num>, rule, r: &Report| {
            let mut cell = Cell {
                rule,
                source: Some(FigureRef {
                    origin: Origin::Side(side),
                    key,
                }),
                ..Cell::number(value)
            };
            if value.is_none() && unreadable(r, key) {
                cell.text = "?".into();
            }
            cell
        };
        [
            side(Side::A, va, ra, self.a),
            side(Side::B, vb, rb, self.b),
            Cell {
                change,
                ..Cell::number(d)
            },
            Cell::text(fmt_pct(pct)),
            Cell::text(flags.join(" ")),
        ]
    }
}

/// Whether a report has a cell it could not read (for table 2's `other` under the crosswalk,
/// any of the three rows it sums).
fn unreadable(r: &Report, key: KeyId) -> bool {
    let unknown = |k: KeyId| {
        r.figures
            .get(k)
            .is_some_and(|f| f.value.is_none() && f.state == CellState::Unknown)
    };
    let d = key.def();
    if d.table == TableId::T2 && d.row == "other" && r.meta.template == Template::Tpl2021 {
        return ["other_no_correction", "other_fee_unpaid", "other_other"]
            .iter()
            .filter_map(|p| t2_key(p, d.col))
            .any(unknown);
    }
    unknown(key)
}

/// The label of a table-1 figure: its row (in the template's words) and its column.
pub(super) fn t1_label(key: KeyId, tpl: Template) -> String {
    let d = key.def();
    let row = T1_ROWS
        .iter()
        .find(|r| r.row.key == d.row)
        .map_or(d.row, |r| r.label(tpl));
    format!("{row} {}", d.col_label.split('（').next().unwrap_or(d.col_label))
}

/// The label of a table-3 figure.
pub(super) fn t3_label(key: KeyId) -> String {
    T3_COLS
        .iter()
        .find(|c| t3_key(c.key) == Some(key))
        .map_or_else(|| key.name().to_string(), |c| c.label.to_string())
}

/// The comparison of A and B as the CLI and the explorer show it: both reports checked (with the
/// cross-year rules when they are consecutive years of one agency, which a note says), then the
/// view of one table. Returns the view and the findings.
pub fn compare(
    reports: &[Report; 2],
    table: TableId,
    applicants: &Applicants,
    t: &Thresholds,
    lang: Lang,
) -> (Grid, Vec<Finding>) {
    let findings = crate::rules::check_all(reports);
    let [a, b] = reports;
    let mut grid = compare_checked(a, b, &findings, table, applicants, t, lang);
    if !crate::rules::cross_year::consecutive_pairs(reports).is_empty() {
        grid.notes.push(lang.tr("grid.consecutive").into_owned());
    }
    (grid, findings)
}

/// The view of one table for reports A and B, given their findings (cross-year included).
pub fn compare_checked(
    a: &Report,
    b: &Report,
    findings: &[Finding],
    table: TableId,
    applicants: &Applicants,
    t: &Thresholds,
    lang: Lang,
) -> Grid {
    let pair = Pair {
        a,
        b,
        findings,
        thresholds: t,
    };
    let mut notes = Vec::new();
    let mut rows = Vec::new();
    let mut columns = Vec::new();
    let figure = |label: String, cells: Vec<Cell>| Row {
        kind: RowKind::Figure,
        label,
        cells,
    };
    match table {
        TableId::T1 | TableId::T3 => {
            columns.extend(five(None, lang));
            let keys: Vec<KeyId> = catalog()
                .ids()
                .filter(|k| k.def().table == table)
                .filter(|&k| table == TableId::T3 || a.figures.get(k).is_some() || b.figures.get(k).is_some())
                .collect();
            for k in keys {
                let label = if table == TableId::T1 {
                    t1_label(k, b.meta.template)
                } else {
                    t3_label(k)
                };
                rows.push(figure(label, pair.cells(k, a.value(k), b.value(k)).to_vec()));
            }
        }
        TableId::T2 => {
            let cols: Vec<&'static str> = match applicants {
                Applicants::One(c) => vec![T2_COLS.iter().find(|x| x.key == c).map_or("total", |x| x.key)],
                Applicants::All => T2_COLS.iter().map(|c| c.key).collect(),
            };
            for c in &cols {
                columns.extend(five((cols.len() > 1).then_some(Group::Applicant(c)), lang));
            }
            let crosswalk = a.meta.template != b.meta.template;
            for r in &T2_ROWS {
                let in_a = r.kind(a.meta.template);
                let in_b = r.kind(b.meta.template);
                // Across templates, `other` is the common row: the other_* items are folded into it.
                let shown = if crosswalk {
                    r.key == "other" || (in_a == CatalogRow::Value && in_b == CatalogRow::Value)
                } else {
                    in_b == CatalogRow::Value
                };
                if !shown {
                    // Section headings (（三）不予公开…) stay, label only, so that "1." rows read right.
                    if in_b == CatalogRow::Group && (!crosswalk || r.key != "other") {
                        rows.push(Row::heading(r.label, columns.len()));
                    }
                    continue;
                }
                let mut cells = Vec::new();
                for c in &cols {
                    let Some(key) = t2_key(r.key, c) else { continue };
                    let (va, xa) = value_for(a, r.key, c);
                    let (vb, xb) = value_for(b, r.key, c);
                    if xa || xb {
                        let note = lang.tr("grid.other_summed").into_owned();
                        if !notes.contains(&note) {
                            notes.push(note);
                        }
                    }
                    cells.extend(pair.cells(key, va, vb));
                }
                rows.push(figure(r.label.to_string(), cells));
            }
        }
    }
    if a.meta.template != b.meta.template {
        notes.insert(
            0,
            crate::tr!(
                lang,
                "grid.crosswalk",
                a = crate::rules::template_name(a.meta.template, lang),
                b = crate::rules::template_name(b.meta.template, lang)
            ),
        );
    }
    Grid {
        // Who is compared first: on a narrow screen the table's name is what gets cut.
        title: format!(
            "A: {} | B: {} | {}{}",
            a.title(),
            b.title(),
            table.title(),
            if table == TableId::T2 {
                format!(" · {}", applicants.label())
            } else {
                String::new()
            }
        ),
        label_header: lang.tr("grid.row").into_owned(),
        columns,
        rows,
        notes,
    }
}

/// The cell of one report's figure, with its worst finding: its value, `?` when it could not
/// be read, empty when blank or absent.
fn own_cell(r: &Report, findings: &[Finding], key: KeyId) -> Cell {
    let (rule, _) = rules_on(findings, &r.meta.source.path, key.name());
    let fig = r.figures.get(key);
    let text = match fig {
        Some(f) if f.value.is_some() => f.value.map_or_else(String::new, |v| v.to_string()),
        Some(f) if f.state == CellState::Unknown => "?".to_string(),
        _ => String::new(),
    };
    Cell {
        text,
        value: fig.and_then(|f| f.value),
        rule,
        change: None,
        source: Some(FigureRef {
            origin: Origin::Side(Side::A),
            key,
        }),
    }
}

/// One report's table as a view (the report screen): table 2 with its seven columns, tables 1
/// and 3 as one value per row. Cells carry their finding and their key.
pub fn single(r: &Report, findings: &[Finding], table: TableId, lang: Lang) -> Grid {
    let mut columns = Vec::new();
    let mut rows = Vec::new();
    match table {
        TableId::T1 | TableId::T3 => {
            columns.push(Column::new(lang.tr("grid.value"), ColumnKind::Value));
            for k in catalog().ids().filter(|k| k.def().table == table) {
                if table == TableId::T1 && r.figures.get(k).is_none() {
                    continue;
                }
                let label = if table == TableId::T1 {
                    t1_label(k, r.meta.template)
                } else {
                    t3_label(k)
                };
                rows.push(Row {
                    kind: RowKind::Figure,
                    label,
                    cells: vec![own_cell(r, findings, k)],
                });
            }
        }
        TableId::T2 => {
            columns.extend(
                T2_COLS
                    .iter()
                    .map(|c| Column::new(short_col(c.key, c.label), ColumnKind::Value)),
            );
            for row in &T2_ROWS {
                match row.kind(r.meta.template) {
                    CatalogRow::Value => {}
                    CatalogRow::Group => {
                        rows.push(Row::heading(row.label, T2_COLS.len()));
                        continue;
                    }
                    CatalogRow::Absent => continue,
                }
                let cells = T2_COLS
                    .iter()
                    .filter_map(|c| t2_key(row.key, c.key))
                    .map(|k| own_cell(r, findings, k))
                    .collect();
                rows.push(Row {
                    kind: RowKind::Figure,
                    label: row.label.to_string(),
                    cells,
                });
            }
        }
    }
    Grid {
        title: format!("{} | {}", table.title(), r.title()),
        label_header: lang.tr("grid.row").into_owned(),
        columns,
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
