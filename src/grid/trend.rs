//! One agency, all its years: a column per year (a missing year is a column of gaps, never of
//! zeros), a row per figure of one table, and a sparkline per row. Cells carry their year
//! ([`Origin::Year`]) and key, and the findings of that year's report (the carry-over chain:
//! `xy_carry` marks a 上年结转 that is not the previous year's 结转下年度). Years on the 2019
//! template are matched to the 2021 rows through the crosswalk and marked `*`.

use super::tables::{Applicants, rules_on, t1_label, t3_label, value_for};
use super::{Cell, Column, ColumnKind, FigureRef, Grid, Origin, Row, RowKind};
use crate::i18n::Lang;
use crate::model::catalog::{RowKind as CatalogRow, T2_COLS, T2_ROWS, t2_key};
use crate::model::{KeyId, Num, Report, TableId, Template, catalog};
use crate::rules::{Finding, template_name};
use crate::tr;

/// Sparkline marks, lowest to highest.
const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// The same without Unicode block characters.
const ASCII: [char; 8] = ['_', '.', ',', '-', '~', '=', '+', '#'];

/// A sparkline of values (a gap is a space; all equal is the lowest mark).
pub fn sparkline(values: &[Option<Num>], ascii: bool) -> String {
    let marks = if ascii { &ASCII } else { &BLOCKS };
    let nums: Vec<f64> = values.iter().flatten().map(|v| v.to_f64()).collect();
    let lo = nums.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = nums.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(v) if hi > lo => {
                let share = (v.to_f64() - lo) / (hi - lo);
                // The share is within 0..=1, so the index is within the marks.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let i = (share * 7.0).round() as usize;
                marks.get(i.min(7)).copied().unwrap_or(' ')
            }
            Some(_) => marks.first().copied().unwrap_or(' '),
        })
        .collect()
}

/// The reports of one agency by year: the first report of each year, years in order.
fn by_year(reports: &[Report]) -> Vec<(u16, &Report)> {
    let mut out: Vec<(u16, &Report)> = Vec::new();
    for r in reports {
        if let Some(y) = r.meta.year
            && !out.iter().any(|(x, _)| *x == y)
        {
            out.push((y, r));
        }
    }
    out.sort_by_key(|(y, _)| *y);
    out
}

/// The trend of one table over an agency's reports (any order; one per year is used), with the
/// findings of those reports (cross-year included).
pub fn trend(
    reports: &[Report],
    findings: &[Finding],
    table: TableId,
    applicants: &Applicants,
    ascii: bool,
    lang: Lang,
) -> Grid {
    let years = by_year(reports);
    let (Some(first), Some(last)) = (years.first().map(|x| x.0), years.last().map(|x| x.0)) else {
        return Grid::default();
    };
    // Every year from the first to the last: a year without a report is a gap.
    let span: Vec<(u16, Option<&Report>)> = (first..=last)
        .map(|y| (y, years.iter().find(|(x, _)| *x == y).map(|(_, r)| *r)))
        .collect();
    let old = |r: &Report| r.meta.template == Template::Tpl2019;
    let mut columns: Vec<Column> = span
        .iter()
        .map(|(y, r)| Column {
            header: if r.is_some_and(old) {
                format!("{y}*")
            } else {
                y.to_string()
            },
            kind: ColumnKind::Value,
            // The header is the year: no group row above it.
            group: None,
            side: None,
        })
        .collect();
    columns.push(Column::new(lang.tr("grid.trend"), ColumnKind::Text));
    let cell = |y: u16, r: Option<&Report>, key: KeyId, value: Option<Num>| match r {
        None => Cell::default(),
        Some(r) => Cell {
            rule: rules_on(findings, &r.meta.source.path, key.name()).0,
            source: Some(FigureRef {
                origin: Origin::Year(y),
                key,
            }),
            ..Cell::number(value)
        },
    };
    let figure_row = |label: String, cells: Vec<Cell>| {
        let values: Vec<Option<Num>> = cells.iter().map(|c| c.value).collect();
        let mut cells = cells;
        cells.push(Cell::text(sparkline(&values, ascii)));
        Row {
            kind: RowKind::Figure,
            label,
            cells,
        }
    };
    // The templates with tables (a pre-2019 report has none: its column is a gap).
    let templates: Vec<Template> = years
        .iter()
        .map(|(_, r)| r.meta.template)
        .filter(|t| *t != Template::Pre2019)
        .collect();
    let latest = templates.last().copied().unwrap_or(Template::Tpl2021);
    let mixed = templates.iter().any(|t| *t != latest);
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    match table {
        TableId::T1 | TableId::T3 => {
            for k in catalog().ids().filter(|k| k.def().table == table) {
                if table == TableId::T1 && !years.iter().any(|(_, r)| r.figures.get(k).is_some()) {
                    continue;
                }
                let label = if table == TableId::T1 {
                    t1_label(k, latest)
                } else {
                    t3_label(k)
                };
                let cells = span
                    .iter()
                    .map(|(y, r)| cell(*y, *r, k, r.and_then(|r| r.value(k))))
                    .collect();
                rows.push(figure_row(label, cells));
            }
        }
        TableId::T2 => {
            let col = match applicants {
                Applicants::One(c) => T2_COLS.iter().find(|x| x.key == c).map_or("total", |x| x.key),
                Applicants::All => "total",
            };
            for r in &T2_ROWS {
                let kinds: Vec<CatalogRow> = templates.iter().map(|t| r.kind(*t)).collect();
                let shown = if mixed {
                    r.key == "other" || kinds.iter().all(|k| *k == CatalogRow::Value)
                } else {
                    r.kind(latest) == CatalogRow::Value
                };
                if !shown {
                    if r.kind(latest) == CatalogRow::Group && (!mixed || r.key != "other") {
                        rows.push(Row::heading(r.label, columns.len()));
                    }
                    continue;
                }
                let Some(key) = t2_key(r.key, col) else { continue };
                let cells = span
                    .iter()
                    .map(|(y, rep)| {
                        let v = rep.and_then(|rep| {
                            if mixed {
                                value_for(rep, r.key, col).0
                            } else {
                                rep.value(key)
                            }
                        });
                        cell(*y, *rep, key, v)
                    })
                    .collect();
                rows.push(figure_row(r.label.to_string(), cells));
            }
            if mixed {
                notes.push(lang.tr("grid.other_summed").into_owned());
            }
        }
    }
    if templates.contains(&Template::Tpl2019) {
        notes.push(tr!(
            lang,
            "grid.trend_old",
            tpl = template_name(Template::Tpl2019, lang)
        ));
    }
    let gaps: Vec<String> = span
        .iter()
        .filter(|(_, r)| r.is_none())
        .map(|(y, _)| y.to_string())
        .collect();
    if !gaps.is_empty() {
        notes.push(tr!(lang, "grid.trend_gaps", years = gaps.join(", ")));
    }
    let agency = years
        .last()
        .and_then(|(_, r)| r.meta.agency.clone())
        .unwrap_or_else(|| "?".into());
    Grid {
        title: format!(
            "{agency} {first}–{last} | {}{}",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_scale_and_leave_gaps() {
        let n = |s: &str| Num::parse(s);
        assert_eq!(sparkline(&[n("0"), None, n("7"), n("14")], false), "▁ ▅█");
        assert_eq!(sparkline(&[n("3"), n("3")], true), "__");
        assert_eq!(sparkline(&[], false), "");
    }
}
