//! `xxgk trend DIR --agency NAME`: every year of one agency (name variants grouped as in the
//! explorer) as columns, a figure per row with its sparkline — the explorer's `T` screen, printed.

use std::io::Write;

use super::diff::{csv_out, text};
use super::{DiffFormat, EXIT_OK, EXIT_USAGE, TrendArgs};
use crate::grid::{Applicants, trend};
use crate::i18n::Lang;
use crate::library::{Library, LoadOptions};
use crate::model::{Report, TableId};
use crate::rules::Finding;
use crate::text::sanitize;
use crate::tr;

/// Runs `xxgk trend`. Returns the exit code.
pub fn run(args: &TrendArgs, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<u8> {
    let table = match args.table.as_str() {
        "t1" => TableId::T1,
        "t2" => TableId::T2,
        "t3" => TableId::T3,
        other => {
            writeln!(err, "{}", tr!(lang, "cli.diff_table", table = sanitize(other)))?;
            return Ok(EXIT_USAGE);
        }
    };
    if !crate::model::catalog::T2_COLS.iter().any(|x| x.key == args.column) {
        writeln!(err, "{}", tr!(lang, "cli.diff_column", column = sanitize(&args.column)))?;
        return Ok(EXIT_USAGE);
    }
    if !args.dir.is_dir() {
        let dir = sanitize(&args.dir.display().to_string());
        writeln!(err, "{}", tr!(lang, "cli.not_a_dir", dir = dir))?;
        return Ok(EXIT_USAGE);
    }
    let bar = super::progress::load_bar(lang);
    let progress = super::progress::reporter(&bar);
    let lib = Library::load(&args.dir, &LoadOptions::default(), &progress);
    bar.finish_and_clear();
    // The best-matching agency: the group of the first entry the search finds.
    let Some(group) = lib
        .find(&args.agency)
        .first()
        .and_then(|&i| lib.group_of.get(i))
        .and_then(|&g| lib.groups.get(g as usize))
    else {
        writeln!(err, "{}", tr!(lang, "cli.no_agency", name = sanitize(&args.agency)))?;
        return Ok(EXIT_USAGE);
    };
    let reports: Vec<Report> = group
        .iter()
        .filter_map(|&i| lib.entries.get(i))
        .map(|e| e.to_report())
        .collect();
    let findings: Vec<Finding> = group.iter().flat_map(|&i| lib.findings_of(i)).collect();
    // JSON is for programs: its headers stay English whatever the locale.
    let view_lang = if args.format == DiffFormat::Json {
        Lang::En
    } else {
        lang
    };
    let columns = Applicants::One(args.column.clone());
    let grid = trend(&reports, &findings, table, &columns, false, view_lang);
    match args.format {
        DiffFormat::Text => write!(out, "{}", text(&grid, lang))?,
        DiffFormat::Csv => csv_out(&grid, out, !args.no_bom)?,
        DiffFormat::Json => writeln!(out, "{}", crate::text::json_pretty(&grid)?)?,
    }
    Ok(EXIT_OK)
}
