//! `xxgk changes DIR --year N`: across all agencies, the largest changes of each figure from
//! N − 1 to N (the explorer's thresholds), ranked by |Δ|.

use std::io::Write;

use super::diff::{csv_out, text};
use super::{ChangesArgs, DiffFormat, EXIT_OK, EXIT_USAGE};
use crate::compare::Thresholds;
use crate::grid::changes;
use crate::i18n::Lang;
use crate::library::{Library, LoadOptions};
use crate::text::sanitize;
use crate::tr;

/// Runs `xxgk changes`. Returns the exit code.
pub fn run(args: &ChangesArgs, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<u8> {
    if !args.dir.is_dir() {
        let dir = sanitize(&args.dir.display().to_string());
        writeln!(err, "{}", tr!(lang, "cli.not_a_dir", dir = dir))?;
        return Ok(EXIT_USAGE);
    }
    let t = Thresholds {
        min_abs: args.min_abs,
        min_rel: args.min_rel / 100.0,
        min_base: args.min_base,
    };
    if ![t.min_abs, t.min_rel, t.min_base]
        .iter()
        .all(|v| v.is_finite() && *v >= 0.0)
    {
        writeln!(err, "{}", lang.tr("cli.changes_thresholds"))?;
        return Ok(EXIT_USAGE);
    }
    let bar = super::progress::load_bar(lang);
    let progress = super::progress::reporter(&bar);
    let lib = Library::load(&args.dir, &LoadOptions::default(), &progress);
    bar.finish_and_clear();
    let view_lang = if args.format == DiffFormat::Json {
        Lang::En
    } else {
        lang
    };
    let grid = changes(&lib, None, args.year, &t, args.limit, view_lang);
    match args.format {
        DiffFormat::Text => write!(out, "{}", text(&grid, lang))?,
        DiffFormat::Csv => csv_out(&grid, out, !args.no_bom)?,
        DiffFormat::Json => writeln!(out, "{}", crate::text::json_pretty(&grid)?)?,
    }
    Ok(EXIT_OK)
}
