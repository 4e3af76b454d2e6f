//! `xxgk diff A B`: two reports side by side (label | A | B | Δ | Δ% | flags), as text, CSV or
//! JSON, built from the same Grid the interactive view draws.

use std::io::Write;

use super::{DiffArgs, DiffFormat, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE};
use crate::grid::{Applicants, Grid, compare};
use crate::i18n::Lang;
use crate::ingest::ingest_path;
use crate::model::{Report, TableId};
use crate::text::sanitize;
use crate::tr;

/// A grid as text: its title, notes and rows.
pub(super) fn text(g: &Grid, lang: Lang) -> String {
    let mut s = format!("{}\n", sanitize(&g.title));
    for n in &g.notes {
        s.push_str(&format!("{}\n", tr!(lang, "ui.note", text = sanitize(n))));
    }
    s.push_str(&crate::grid::print::text(g, 28, ""));
    s
}

/// A grid as CSV rows.
pub(super) fn csv_out(g: &Grid, out: &mut dyn Write, bom: bool) -> anyhow::Result<()> {
    // The explorer's `e` writes the very same rows through the same function; the BOM as in
    // every CSV xxgk writes (`--no-bom` drops it).
    let mut sheet = crate::export::sheet::CsvSheet::new(out, bom, Box::new(|_| Ok(())))?;
    crate::export::grid::write_grid(g, &mut sheet)?;
    crate::export::sheet::SheetWriter::finish(Box::new(sheet), &[])?;
    Ok(())
}

/// Runs `xxgk diff`. Returns the exit code.
pub fn run(args: &DiffArgs, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<u8> {
    let table = match args.table.as_str() {
        "t1" => TableId::T1,
        "t2" => TableId::T2,
        "t3" => TableId::T3,
        other => {
            writeln!(err, "{}", tr!(lang, "cli.diff_table", table = sanitize(other)))?;
            return Ok(EXIT_USAGE);
        }
    };
    let columns = match args.column.as_str() {
        "all" => Applicants::All,
        c if crate::model::catalog::T2_COLS.iter().any(|x| x.key == c) => Applicants::One(c.to_string()),
        c => {
            writeln!(err, "{}", tr!(lang, "cli.diff_column", column = sanitize(c)))?;
            return Ok(EXIT_USAGE);
        }
    };
    let mut reports: Vec<Report> = Vec::new();
    for p in [&args.a, &args.b] {
        match ingest_path(p) {
            Ok(r) => reports.push(r),
            Err(e) => {
                writeln!(err, "xxgk: {}", sanitize(&e.text(lang)))?;
                return Ok(EXIT_SOME_FAILED);
            }
        }
    }
    let Ok(pair) = <[Report; 2]>::try_from(reports) else {
        return Ok(EXIT_USAGE);
    };
    // JSON is for programs: its headers stay English whatever the locale.
    let view_lang = if args.format == DiffFormat::Json {
        Lang::En
    } else {
        lang
    };
    let (grid, _) = compare(&pair, table, &columns, &Default::default(), view_lang);
    match args.format {
        DiffFormat::Text => write!(out, "{}", text(&grid, lang))?,
        DiffFormat::Csv => csv_out(&grid, out, !args.no_bom)?,
        DiffFormat::Json => writeln!(out, "{}", crate::text::json_pretty(&grid)?)?,
    }
    Ok(EXIT_OK)
}
