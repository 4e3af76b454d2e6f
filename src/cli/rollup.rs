//! `xxgk rollup DIR --by province|city|level [--year N]`: the sums of tables 2 and 3 and the
//! evaluators' rates per group of reports — the explorer's `R` screen, printed or written.

use std::io::Write;

use super::diff::{csv_out, text};
use super::{EXIT_OK, EXIT_USAGE, RollupArgs, RollupFormat};
use crate::export::{Format, open};
use crate::grid::rollup;
use crate::i18n::Lang;
use crate::library::{Library, LoadOptions};
use crate::text::sanitize;
use crate::tr;

/// Runs `xxgk rollup`. Returns the exit code.
pub fn run(args: &RollupArgs, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<u8> {
    if !args.dir.is_dir() {
        let dir = sanitize(&args.dir.display().to_string());
        writeln!(err, "{}", tr!(lang, "cli.not_a_dir", dir = dir))?;
        return Ok(EXIT_USAGE);
    }
    if args.format == RollupFormat::Xlsx && args.out.is_none() {
        writeln!(err, "{}", lang.tr("cli.rollup_xlsx_out"))?;
        return Ok(EXIT_USAGE);
    }
    if let Some(path) = &args.out
        && path.exists()
        && !args.force
    {
        let file = sanitize(&path.display().to_string());
        writeln!(err, "{}", tr!(lang, "cli.export_exists", file = file))?;
        return Ok(EXIT_USAGE);
    }
    let bar = super::progress::load_bar(lang);
    let progress = super::progress::reporter(&bar);
    let lib = Library::load(&args.dir, &LoadOptions::default(), &progress);
    bar.finish_and_clear();
    let all: Vec<usize> = (0..lib.entries.len()).collect();
    // JSON is for programs: its headers stay English whatever the locale.
    let view_lang = if args.format == RollupFormat::Json {
        Lang::En
    } else {
        lang
    };
    let grid = rollup(&lib, &all, args.by, args.year, args.min_base, view_lang);
    if let Some(path) = &args.out {
        let format = match args.format {
            RollupFormat::Xlsx => Format::Xlsx,
            RollupFormat::Json => Format::Json,
            RollupFormat::Csv | RollupFormat::Text => Format::Csv,
        };
        let written = open(path, format, true, args.force, 1).and_then(|mut w| {
            crate::export::grid::write_grid(&grid, w.as_mut())?;
            w.finish(&[])
        });
        if let Err(e) = written {
            let why = format!("{}: {e}", path.display());
            writeln!(
                err,
                "xxgk rollup: {}",
                tr!(lang, "cli.cannot_write", why = sanitize(&why))
            )?;
            return Ok(EXIT_USAGE);
        }
        return Ok(EXIT_OK);
    }
    match args.format {
        RollupFormat::Text => write!(out, "{}", text(&grid, lang))?,
        RollupFormat::Csv => csv_out(&grid, out, !args.no_bom)?,
        RollupFormat::Json | RollupFormat::Xlsx => writeln!(out, "{}", crate::text::json_pretty(&grid)?)?,
    }
    Ok(EXIT_OK)
}
