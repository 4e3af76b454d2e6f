//! The evaluator's list: one row per report with the checks an evaluator makes before anything
//! else — published on time, the six sections there and in order, the tables complete, hard
//! errors, sections copied from last year, prose against the tables — and the number of them
//! that fail. Every mark comes from the rules' findings (the same as `xxgk check` says), so the
//! list and the report screen never disagree. A check that cannot be made (no date, a 2019
//! report's sections, no previous year) is blank, never a pass.

use rayon::prelude::*;

use super::{Cell, Column, ColumnKind, Grid, Row, RowKind};
use crate::i18n::Lang;
use crate::library::Library;
use crate::model::{Num, Template};
use crate::rules::{Finding, RuleId, Severity};
use crate::tr;

/// The columns after the agency, in order (their catalogue keys under `eval.`).
pub const COLUMNS: [&str; 8] = [
    "year", "on_time", "sections", "tables", "errors", "copied", "prose", "issues",
];

/// The column of the number of failed checks (the list's natural ranking).
pub const ISSUES_COLUMN: usize = 7;

/// A pass/fail cell: its word, 1 for a failure (so that ranking puts failures first), and the
/// rule's severity on a failure.
fn mark(text: String, failed: bool) -> Cell {
    Cell {
        text,
        value: Some(Num::int(i64::from(failed))),
        rule: failed.then_some(Severity::Warning),
        ..Cell::default()
    }
}

/// A count cell, flagged when not zero.
fn count(n: usize, severity: Severity) -> Cell {
    Cell {
        rule: (n > 0).then_some(severity),
        ..Cell::number(Some(Num::int(i64::try_from(n).unwrap_or(i64::MAX))))
    }
}

fn of(findings: &[Finding], rules: &[RuleId]) -> usize {
    findings.iter().filter(|f| rules.contains(&f.rule)).count()
}

/// One report's row.
fn row(lib: &Library, i: usize, findings: &[Finding], lang: Lang) -> Option<Row> {
    let e = lib.entries.get(i)?;
    let yes_no = |ok: bool| lang.tr(if ok { "eval.yes" } else { "eval.no" }).into_owned();
    let format = e.template != Template::Pre2019;
    let mut failed = 0usize;
    let mut fail = |b: bool| {
        failed += usize::from(b);
        b
    };
    // On time: a date read, and `publish_date` silent on it.
    let on_time = match (&e.published, format) {
        (Some(_), true) => {
            let late = fail(of(findings, &[RuleId::PublishDate]) > 0);
            mark(yes_no(!late), late)
        }
        _ => Cell::default(),
    };
    // The six sections, as `six_sections` assesses them (from 2020, where a heading was found).
    let sections = e.sections();
    let problems = crate::rules::prose::outline_problems(&sections, e.year).filter(|_| format);
    let sections_cell = if let Some(p) = problems {
        let mut words = Vec::new();
        if !p.missing.is_empty() {
            words.push(tr!(lang, "eval.missing", n = p.missing.len()));
        }
        if !p.out_of_order.is_empty() {
            words.push(lang.tr("eval.disordered").into_owned());
        }
        let bad = fail(!words.is_empty());
        let text = if bad {
            words.join(" ")
        } else {
            lang.tr("eval.complete").into_owned()
        };
        mark(text, bad)
    } else {
        Cell::default()
    };
    // Tables complete: every table found and every cell read (`not_assessable` silent).
    let tables = if format {
        let incomplete = fail(of(findings, &[RuleId::NotAssessable]) > 0);
        mark(yes_no(!incomplete), incomplete)
    } else {
        Cell::default()
    };
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    fail(errors > 0);
    let errors = count(errors, Severity::Error);
    // Copied sections: only where a previous year's report is in the library.
    let copied = if lib.previous_years(i).is_empty() {
        Cell::default()
    } else {
        let n = of(findings, &[RuleId::XyCopiedProse]);
        fail(n > 0);
        count(n, Severity::Warning)
    };
    let prose = if format {
        let n = of(findings, &[RuleId::NarrativeVsTable, RuleId::FeeVsProse]);
        fail(n > 0);
        count(n, Severity::Warning)
    } else {
        Cell::default()
    };
    let year = e.year.map_or_else(
        || Cell::text("?"),
        |y| Cell {
            value: Some(Num::int(i64::from(y))),
            ..Cell::text(y.to_string())
        },
    );
    Some(Row {
        kind: RowKind::Item(Some(i)),
        label: e.agency.as_deref().unwrap_or("?").to_string(),
        cells: vec![
            year,
            on_time,
            sections_cell,
            tables,
            errors,
            copied,
            prose,
            count(failed, Severity::Warning),
        ],
    })
}

/// The evaluator's list of the reports `visible` (entry indices), in that order, or ranked by
/// one column (failures and larger counts first, blanks last).
pub fn evaluator(lib: &Library, visible: &[usize], sort: Option<usize>, lang: Lang) -> Grid {
    let mut rows: Vec<Row> = visible
        .par_iter()
        .filter_map(|&i| row(lib, i, &lib.findings_of(i), lang))
        .collect();
    if let Some(c) = sort {
        super::rank_by(&mut rows, c);
    }
    let failing = rows
        .iter()
        .filter(|r| {
            r.cells
                .get(ISSUES_COLUMN)
                .and_then(|c| c.value)
                .is_some_and(|v| !v.is_zero())
        })
        .count();
    let columns = COLUMNS
        .iter()
        .map(|k| {
            let kind = match *k {
                "errors" | "copied" | "prose" | "issues" | "year" => ColumnKind::Count,
                _ => ColumnKind::Text,
            };
            Column::new(lang.tr(&format!("eval.{k}")), kind)
        })
        .collect();
    Grid {
        title: tr!(lang, "eval.title", shown = rows.len(), failing = failing),
        label_header: lang.tr("list.agency").into_owned(),
        columns,
        rows,
        notes: vec![lang.tr("eval.note").into_owned()],
    }
}
