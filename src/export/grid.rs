//! A view (Grid) to a sheet: the same rows and columns as on screen (Δ, Δ%, flags and rule ids
//! on a comparison); numbers stay numbers.

use super::ExportError;
use super::sheet::{Cell, SheetWriter, Value};
use crate::grid::{ColumnKind, Grid};
use crate::model::Num;

/// Writes a grid (its notes go to the end, as rows of their own).
pub fn write_grid(g: &Grid, w: &mut dyn SheetWriter) -> Result<(), ExportError> {
    let headers = g.headers();
    w.header(&headers)?;
    for r in &g.rows {
        let mut row = vec![Cell::text(r.label.clone())];
        row.extend(r.cells.iter().zip(&g.columns).map(|(c, col)| Cell {
            value: match c.value {
                Some(n) => Value::Num(n),
                None if c.text.is_empty() => Value::Empty,
                None => number_of_text(&c.text, col.kind).unwrap_or_else(|| Value::Text(c.text.clone())),
            },
            rule: c.rule,
            change: c.change,
        }));
        // Every row is as wide as the header (the file stays rectangular).
        row.resize_with(headers.len(), || Cell::new(Value::Empty));
        w.row(&row)?;
    }
    // Notes (crosswalk, consecutive years) close the table, in the label column of rows as wide
    // as the others, so the file stays rectangular for Excel and R.
    let width = headers.len();
    for n in &g.notes {
        let mut row = vec![Cell::text(format!("note: {n}"))];
        row.resize_with(width, || Cell::new(Value::Empty));
        w.row(&row)?;
    }
    Ok(())
}

/// The number a cell shows as text, for the columns whose text is a number: a percentage
/// (`+1237.3%`, `51.8%`) or a count (a year, a number of reports). Anything else stays text:
/// `—`, `∞`, `?`, a sum missing a part (`123*`), a rate over a base too small to rank
/// (`(28.6%)`) — the mark is the point.
fn number_of_text(text: &str, kind: ColumnKind) -> Option<Value> {
    let t = text.trim();
    match kind {
        ColumnKind::Percent => {
            let t = t.strip_suffix('%')?;
            let t = t.strip_prefix('+').unwrap_or(t);
            let ok = !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-');
            ok.then(|| t.parse::<f64>().ok())
                .flatten()
                .filter(|v| v.is_finite())
                .map(Value::Percent)
        }
        ColumnKind::Count => Num::parse(t)
            .filter(|_| t.chars().all(|c| c.is_ascii_digit()))
            .map(Value::Num),
        _ => None,
    }
}

/// The file name proposed for a view: `开原市人民政府2023_vs_开原市人民政府2024_t2.csv`.
pub fn proposed_name(a: &str, b: &str, table: &str, ext: &str) -> String {
    let clean = |s: &str| {
        s.chars()
            .filter(|c| {
                !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
                    && !c.is_control()
                    && !c.is_whitespace()
            })
            .collect::<String>()
    };
    format!("{}_vs_{}_{table}.{ext}", clean(a), clean(b))
}
