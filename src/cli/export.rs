//! `xxgk export`: many reports to one CSV, XLSX or JSON file for Excel and R.

use std::io::Write;

use rayon::prelude::*;

use super::{EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, ExportArgs, ExportFormat};
use crate::export::reports::{ExportOptions, LABEL_COLUMNS, selected_keys, write};
use crate::export::{Format, open};
use crate::fsio::collect_inputs;
use crate::i18n::Lang;
use crate::ingest::ingest_path;
use crate::rules::check_all;
use crate::text::sanitize;
use crate::tr;

/// Runs `xxgk export`. Returns the exit code.
pub fn run(args: &ExportArgs, lang: Lang, err: &mut dyn Write) -> anyhow::Result<u8> {
    let format = match args.format {
        Some(ExportFormat::Csv) => Format::Csv,
        Some(ExportFormat::Xlsx) => Format::Xlsx,
        Some(ExportFormat::Json) => Format::Json,
        None => Format::from_path(&args.out),
    };
    let opts = ExportOptions {
        patterns: args.keys.clone(),
        long: args.long,
        thresholds: Default::default(),
    };
    if !args.keys.is_empty() && selected_keys(&opts.patterns).is_empty() {
        writeln!(
            err,
            "{}",
            tr!(lang, "cli.export_no_key", keys = sanitize(&args.keys.join(" ")))
        )?;
        return Ok(EXIT_USAGE);
    }
    // `--out -`: standard output (for a pipe); a workbook is binary, never sent to a terminal.
    let to_stdout = args.out.as_os_str() == "-";
    if to_stdout && format == Format::Xlsx && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        writeln!(err, "{}", lang.tr("cli.export_xlsx_terminal"))?;
        return Ok(EXIT_USAGE);
    }
    if !to_stdout && args.out.exists() && !args.force {
        writeln!(
            err,
            "{}",
            tr!(
                lang,
                "cli.export_exists",
                file = sanitize(&args.out.display().to_string())
            )
        )?;
        return Ok(EXIT_USAGE);
    }
    let (files, list_errors) = collect_inputs(&args.paths);
    let read: Vec<_> = files.par_iter().map(|f| ingest_path(f)).collect();
    let mut reports = Vec::new();
    let (notes, list_errors): (Vec<_>, Vec<_>) = list_errors.into_iter().partition(|e| e.is_note());
    for n in &notes {
        writeln!(err, "xxgk: {}", crate::text::sanitize(&n.text(lang)))?;
    }
    let mut failed: Vec<String> = list_errors.iter().map(|e| e.text(lang)).collect();
    for r in read {
        match r {
            Ok(r) => reports.push(r),
            Err(e) => failed.push(e.text(lang)),
        }
    }
    let findings = check_all(&reports);
    let writer = if to_stdout {
        crate::export::open_stream(
            Box::new(std::io::BufWriter::new(std::io::stdout())),
            format,
            !args.no_bom,
            LABEL_COLUMNS,
        )
    } else {
        open(&args.out, format, !args.no_bom, args.force, LABEL_COLUMNS)
    };
    let result = writer.and_then(|mut w| {
        write(&reports, &findings, &opts, w.as_mut())?;
        w.finish(&findings)
    });
    // A pipe closed early (`xxgk export … --out - | head`) is not an error worth telling.
    if to_stdout
        && let Err(crate::export::ExportError::Io(e)) = &result
        && e.kind() == std::io::ErrorKind::BrokenPipe
    {
        return Ok(if failed.is_empty() { EXIT_OK } else { EXIT_SOME_FAILED });
    }
    if let Err(e) = result {
        let why = format!("{}: {}", args.out.display(), e);
        writeln!(
            err,
            "xxgk export: {}",
            tr!(lang, "cli.cannot_write", why = sanitize(&why))
        )?;
        return Ok(EXIT_USAGE);
    }
    writeln!(
        err,
        "{}",
        tr!(
            lang,
            "cli.export_total",
            reports = reports.len(),
            file = if to_stdout {
                lang.tr("cli.stdout").into_owned()
            } else {
                sanitize(&args.out.display().to_string())
            },
            failed = failed.len()
        )
    )?;
    for f in &failed {
        writeln!(err, "  {}", tr!(lang, "cli.failed", why = sanitize(f)))?;
    }
    Ok(if failed.is_empty() { EXIT_OK } else { EXIT_SOME_FAILED })
}
