//! Many reports as one table: a row per report (metadata, every canonical figure key, counts of
//! errors and warnings), or tidy `report, key, value` rows. Cells named by findings and large
//! changes against the same agency's previous year are marked.

use std::collections::HashMap;

use super::ExportError;
use super::sheet::{Cell, SheetWriter, Value};
use crate::compare::Thresholds;
use crate::model::agency::level;
use crate::model::{KeyId, Report, catalog};
use crate::rules::cross_year::consecutive_pairs;
use crate::rules::{Finding, Severity};

/// What to export.
#[derive(Clone, Debug, Default)]
pub struct ExportOptions {
    /// Figure key patterns (`*` matches anything); empty means every key.
    pub patterns: Vec<String>,
    /// Tidy `report, key, value` rows instead of one row per report.
    pub long: bool,
    /// When a change against the previous year is large.
    pub thresholds: Thresholds,
}

/// Metadata columns, in order.
pub const META_COLUMNS: [&str; 11] = [
    "file",
    "meta.agency",
    "meta.region",
    "meta.year",
    "meta.template",
    "meta.published",
    "meta.division_code",
    "meta.province",
    "meta.level",
    "meta.source.format",
    "meta.source.layout",
];

/// Columns that stay in view in a spreadsheet (file, agency, region, year).
pub const LABEL_COLUMNS: u16 = 4;

/// Whether a key matches a pattern with `*` wildcards.
pub fn matches(pattern: &str, key: &str) -> bool {
    fn go(p: &[u8], k: &[u8]) -> bool {
        match p.split_first() {
            None => k.is_empty(),
            Some((b'*', rest)) => (0..=k.len()).any(|i| k.get(i..).is_some_and(|t| go(rest, t))),
            Some((c, rest)) => k.split_first().is_some_and(|(d, t)| c == d && go(rest, t)),
        }
    }
    go(pattern.as_bytes(), key.as_bytes())
}

/// The figure keys selected by the patterns, in catalogue order.
pub fn selected_keys(patterns: &[String]) -> Vec<KeyId> {
    catalog()
        .ids()
        .filter(|k| patterns.is_empty() || patterns.iter().any(|p| matches(p, k.name())))
        .collect()
}

fn meta_values(r: &Report) -> Vec<Value> {
    let m = &r.meta;
    let text = |s: Option<&str>| s.map_or(Value::Empty, |s| Value::Text(s.to_string()));
    vec![
        Value::Text(m.source.path.clone()),
        text(m.agency.as_deref()),
        text(m.region.as_deref()),
        m.year
            .map_or(Value::Empty, |y| Value::Num(crate::model::Num::int(i64::from(y)))),
        Value::Text(m.template.to_string()),
        text(m.published.as_deref()),
        text(m.division_code.as_deref()),
        text(m.province.as_deref()),
        text(
            m.agency
                .as_deref()
                .and_then(|a| level(a, m.region.as_deref()))
                .map(|l| l.as_str()),
        ),
        Value::Text(m.source.format.as_str().to_string()),
        text(m.source.layout.map(|l| l.as_str())),
    ]
}

/// Writes the reports (with their findings) as one sheet: the header, then the rows.
pub fn write(
    reports: &[Report],
    findings: &[Finding],
    opts: &ExportOptions,
    w: &mut dyn SheetWriter,
) -> Result<(), ExportError> {
    write_header(opts, w)?;
    write_rows(reports, findings, opts, w)
}

/// Writes the header of the sheet.
pub fn write_header(opts: &ExportOptions, w: &mut dyn SheetWriter) -> Result<(), ExportError> {
    if opts.long {
        return w.header(&["report".into(), "key".into(), "value".into()]);
    }
    let mut header: Vec<String> = META_COLUMNS.iter().map(|s| s.to_string()).collect();
    header.extend(selected_keys(&opts.patterns).iter().map(|k| k.name().to_string()));
    header.extend(["errors".to_string(), "warnings".to_string()]);
    w.header(&header)
}

/// Writes the rows of a batch of reports (large changes are found within the batch).
pub fn write_rows(
    reports: &[Report],
    findings: &[Finding],
    opts: &ExportOptions,
    w: &mut dyn SheetWriter,
) -> Result<(), ExportError> {
    let keys = selected_keys(&opts.patterns);
    let mut by_file: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for f in findings {
        by_file.entry(f.file.as_str()).or_default().push(f);
    }
    let previous: HashMap<usize, usize> = consecutive_pairs(reports).into_iter().map(|(a, b)| (b, a)).collect();
    for (i, r) in reports.iter().enumerate() {
        let mine = by_file
            .get(r.meta.source.path.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let mut marks: HashMap<&str, Severity> = HashMap::new();
        for f in mine {
            for k in &f.keys {
                let e = marks.entry(k.as_str()).or_insert(f.severity);
                *e = (*e).max(f.severity);
            }
        }
        let errors = mine.iter().filter(|f| f.severity == Severity::Error).count();
        let prev = previous.get(&i).and_then(|&p| reports.get(p));
        let figure = |k: KeyId| {
            let mut c = Cell::num(r.value(k));
            c.rule = marks.get(k.name()).copied();
            c.change = prev.and_then(|p| opts.thresholds.flag(p.value(k), r.value(k)));
            c
        };
        let counts =
            [errors, mine.len() - errors].map(|n| Cell::num(Some(crate::model::Num::int(crate::cast::i64_sat(n)))));
        if opts.long {
            let report = Cell::text(r.meta.source.path.clone());
            for (name, v) in META_COLUMNS.iter().zip(meta_values(r)).skip(1) {
                w.row(&[report.clone(), Cell::text(*name), Cell::new(v)])?;
            }
            for k in keys.iter().filter(|k| r.figures.get(**k).is_some()) {
                w.row(&[report.clone(), Cell::text(k.name()), figure(*k)])?;
            }
            for (name, c) in ["errors", "warnings"].iter().zip(counts) {
                w.row(&[report.clone(), Cell::text(*name), c])?;
            }
        } else {
            let mut row: Vec<Cell> = meta_values(r).into_iter().map(Cell::new).collect();
            row.extend(keys.iter().map(|&k| figure(k)));
            row.extend(counts);
            w.row(&row)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(matches("t2.*.total", "t2.new_received.total"));
        assert!(!matches("t2.*.total", "t2.new_received.natural_person"));
        assert!(matches("t3.*", "t3.review_total"));
        assert!(matches("*", "anything"));
        assert_eq!(selected_keys(&["t3.*".into()]).len(), 15);
        assert_eq!(selected_keys(&[]).len(), catalog().len());
    }
}
