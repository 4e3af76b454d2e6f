//! A view (Grid) to a sheet: the same rows and columns as on screen (Δ, Δ%, flags and rule ids
//! on a comparison); numbers stay numbers.

use super::ExportError;
use super::sheet::{Cell, SheetWriter, Value};
use crate::grid::Grid;

/// Writes a grid (its notes go to the end, as rows of their own).
pub fn write_grid(g: &Grid, w: &mut dyn SheetWriter) -> Result<(), ExportError> {
    let headers = g.headers();
    w.header(&headers)?;
    for r in &g.rows {
        let mut row = vec![Cell::text(r.label.clone())];
        row.extend(r.cells.iter().map(|c| Cell {
            value: match c.value {
                Some(n) => Value::Num(n),
                None if c.text.is_empty() => Value::Empty,
                None => Value::Text(c.text.clone()),
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
