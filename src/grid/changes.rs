//! The biggest year-on-year changes across a library: for every agency with reports for year N
//! and N − 1, every figure of tables 2 and 3 (and table 1 when both use the same template) whose
//! change is large by the explorer's thresholds, ranked by |Δ|. One row per change: the agency,
//! the figure (the report's label), both values, Δ and Δ%.

use super::tables::{t1_label, t3_label};
use super::{Cell, Column, ColumnKind, FigureRef, Grid, Origin, Row, RowKind};
use crate::compare::{Change, Thresholds, delta};
use crate::i18n::Lang;
use crate::library::Library;
use crate::model::catalog::t2_row_label;
use crate::model::{KeyId, Num, TableId, Template, catalog};
use crate::tr;

/// The figures compared: table 2's 总计 column, table 3, and table 1.
fn compared_keys() -> Vec<KeyId> {
    catalog()
        .ids()
        .filter(|k| {
            let d = k.def();
            match d.table {
                TableId::T2 => d.col == "total",
                TableId::T1 | TableId::T3 => true,
            }
        })
        .collect()
}

fn label(k: KeyId, tpl: Template) -> String {
    let d = k.def();
    match d.table {
        TableId::T1 => t1_label(k, tpl),
        TableId::T2 => format!("{}/{}", t2_row_label(d.row, tpl), d.col_label),
        TableId::T3 => t3_label(k),
    }
}

/// The reports of one agency (a library group) compared for a year: its first report of year − 1
/// and its first of year.
fn pair_in(lib: &Library, group: &[usize], year: u16) -> Option<(usize, usize)> {
    let of = |y: u16| {
        group
            .iter()
            .copied()
            .find(|&i| lib.entries.get(i).is_some_and(|e| e.year == Some(y)))
    };
    Some((of(year.checked_sub(1)?)?, of(year)?))
}

/// The pair of reports behind a row of [`changes`] (its label is the agency of the year's
/// report): the explorer opens their comparison.
pub fn pair_of(lib: &Library, agency: &str, year: u16) -> Option<(usize, usize)> {
    let entry = lib
        .entries
        .iter()
        .position(|e| e.year == Some(year) && e.agency.as_deref() == Some(agency))?;
    let group = lib.groups.get(usize::try_from(*lib.group_of.get(entry)?).ok()?)?;
    pair_in(lib, group, year)
}

/// The large changes from year − 1 to year, largest |Δ| first, at most `limit` rows, for the
/// agencies whose report of the year is among `shown` (entry indices; `None`: all).
pub fn changes(lib: &Library, shown: Option<&[usize]>, year: u16, t: &Thresholds, limit: usize, lang: Lang) -> Grid {
    let keys = compared_keys();
    let shown: Option<std::collections::HashSet<usize>> = shown.map(|s| s.iter().copied().collect());
    let mut found: Vec<(f64, Row)> = Vec::new();
    for group in &lib.groups {
        let Some((a, b)) = pair_in(lib, group, year) else {
            continue;
        };
        if shown.as_ref().is_some_and(|s| !s.contains(&b)) {
            continue;
        }
        let (Some(ea), Some(eb)) = (lib.entries.get(a), lib.entries.get(b)) else {
            continue;
        };
        if ea.template == Template::Pre2019 || eb.template == Template::Pre2019 {
            continue;
        }
        let (ra, rb) = (ea.to_report(), eb.to_report());
        let agency = eb.agency.as_deref().unwrap_or("?").to_string();
        for &k in &keys {
            let d = k.def();
            // Table 1 differs between templates: only like with like.
            if d.table == TableId::T1 && ea.template != eb.template {
                continue;
            }
            if !d.in_template(eb.template) || !d.in_template(ea.template) {
                continue;
            }
            let (va, vb) = (ra.value(k), rb.value(k));
            let Some(change) = t.flag(va, vb) else { continue };
            let (dv, pct) = delta(va, vb);
            let size = dv.map_or(0.0, |v| v.to_f64().abs());
            let figure = |v: Option<Num>, y: u16| Cell {
                source: Some(FigureRef {
                    origin: Origin::Year(y),
                    key: k,
                }),
                ..Cell::number(v)
            };
            let cells = vec![
                Cell::text(label(k, eb.template)),
                figure(va, year - 1),
                figure(vb, year),
                Cell {
                    change: Some(change),
                    ..Cell::number(dv)
                },
                Cell::text(pct.map_or_else(String::new, |p| format!("{p:+.1}%"))),
                Cell::text(match change {
                    Change::Increase => "UP",
                    Change::Decrease => "DOWN",
                }),
            ];
            found.push((
                size,
                Row {
                    kind: RowKind::Figure,
                    label: agency.clone(),
                    cells,
                },
            ));
        }
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total = found.len();
    let rows: Vec<Row> = found.into_iter().take(limit).map(|(_, r)| r).collect();
    let mut notes = vec![tr!(
        lang,
        "changes.note",
        abs = t.min_abs,
        rel = t.min_rel * 100.0,
        base = t.min_base
    )];
    if total > rows.len() {
        notes.push(tr!(lang, "changes.more", shown = rows.len(), total = total));
    }
    Grid {
        title: tr!(lang, "changes.title", from = year.saturating_sub(1), to = year),
        label_header: lang.tr("list.agency").into_owned(),
        columns: vec![
            Column::new(lang.tr("changes.figure"), ColumnKind::Text),
            Column::new((year.saturating_sub(1)).to_string(), ColumnKind::Value),
            Column::new(year.to_string(), ColumnKind::Value),
            Column::new("Δ", ColumnKind::Delta),
            Column::new("Δ%", ColumnKind::Percent),
            Column::new(lang.tr("grid.flags"), ColumnKind::Flags),
        ],
        rows,
        notes,
    }
}
