//! The library's lists as grids: the reports (the browse screen and its export) and the files
//! that could not be read with the duplicates (the bad-files screen and its export).

use super::{Cell, Column, ColumnKind, Grid, Row, RowKind};
use crate::i18n::Lang;
use crate::library::Library;
use crate::tr;

/// "agency year" of an entry.
fn entry_name(lib: &Library, i: usize) -> String {
    lib.entries.get(i).map_or_else(String::new, |e| {
        format!(
            "{} {}",
            e.agency.as_deref().unwrap_or("?"),
            e.year.map_or("?".to_string(), |y| y.to_string())
        )
    })
}

/// The reports `visible` (entry indices, in order): agency, year, template, province, level,
/// errors, warnings, file.
pub fn reports_list(lib: &Library, visible: &[usize], lang: Lang) -> Grid {
    let h = |key: &str| lang.tr(&format!("list.{key}")).into_owned();
    let columns = vec![
        Column::new(h("year"), ColumnKind::Count),
        Column::new(h("tpl"), ColumnKind::Text),
        Column::new(h("province"), ColumnKind::Text),
        Column::new(h("level"), ColumnKind::Text),
        Column::new(h("err"), ColumnKind::Count),
        Column::new(h("warn"), ColumnKind::Count),
        Column::new(h("file"), ColumnKind::Text),
    ];
    let rows = visible
        .iter()
        .filter_map(|&i| lib.entries.get(i).map(|e| (i, e)))
        .map(|(i, e)| {
            let count = |n: u16| Cell {
                value: Some(crate::model::Num::int(i64::from(n))),
                ..Cell::text(n.to_string())
            };
            Row {
                kind: RowKind::Item(Some(i)),
                label: e.agency.as_deref().unwrap_or("?").to_string(),
                cells: vec![
                    e.year.map_or_else(|| Cell::text("?"), count),
                    // The template by its year; a report before the 2019 format says so.
                    Cell::text(match e.template {
                        crate::model::Template::Tpl2021 => "2021".into(),
                        crate::model::Template::Tpl2019 => "2019".into(),
                        crate::model::Template::Pre2019 => lang.tr("list.pre2019").into_owned(),
                    }),
                    Cell::text(e.province.as_deref().unwrap_or("")),
                    Cell::text(e.level.map_or(String::new(), |l| {
                        lang.tr(&format!("level.{}", l.as_str())).into_owned()
                    })),
                    count(e.errors),
                    count(e.warnings),
                    Cell::text(&*e.path),
                ],
            }
        })
        .collect();
    Grid {
        title: tr!(lang, "list.title", shown = visible.len(), total = lib.entries.len()),
        label_header: h("agency"),
        columns,
        rows,
        notes: Vec::new(),
    }
}

/// The files that could not be read (with the reason) and the duplicates (same agency and year
/// in several files; none merged).
pub fn bad_files(lib: &Library, lang: Lang) -> Grid {
    let mut rows = vec![Row::heading(tr!(lang, "bad.unreadable", n = lib.errors.len()), 1)];
    rows.extend(lib.errors.iter().map(|e| Row {
        kind: RowKind::Item(None),
        label: e.path.clone(),
        cells: vec![Cell::text(e.message.render(lang))],
    }));
    rows.push(Row::heading(tr!(lang, "bad.duplicates", n = lib.duplicates.len()), 1));
    for d in &lib.duplicates {
        let names: Vec<&str> = d.iter().filter_map(|&i| lib.entries.get(i).map(|e| &*e.path)).collect();
        rows.push(Row {
            kind: RowKind::Item(d.first().copied()),
            label: d.first().map(|&i| entry_name(lib, i)).unwrap_or_default(),
            cells: vec![Cell::text(names.join(" = "))],
        });
    }
    // Files skipped by name (a README, an export) and links to folders already read: notes.
    if !lib.notes.is_empty() {
        rows.push(Row::heading(tr!(lang, "bad.skipped", n = lib.notes.len()), 1));
        rows.extend(lib.notes.iter().map(|e| Row {
            kind: RowKind::Item(None),
            label: e.path.clone(),
            cells: vec![Cell::text(e.message.render(lang))],
        }));
    }
    Grid {
        title: lang.tr("bad.title").into_owned(),
        label_header: lang.tr("list.file").into_owned(),
        columns: vec![Column::new(lang.tr("bad.reason").into_owned(), ColumnKind::Text)],
        rows,
        notes: Vec::new(),
    }
}
