//! `xxgk parse`: raw reports → xxgk JSON, in parallel, with a progress bar and a summary.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use super::{EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, ParseArgs};
use crate::fsio::{collect_inputs, sync_tree, write_atomic_unsynced};
use crate::ingest::ingest_path;
use crate::model::Report;
use crate::text::sanitize;

/// Output file name for an input: its file name without the last extension, plus `.json`
/// (`kaiyuan-2023.txt` → `kaiyuan-2023.json`), made unique within the batch.
fn output_name(input: &Path, taken: &mut HashSet<String>) -> String {
    let stem = input
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("report")
        .to_string();
    let mut name = format!("{stem}.json");
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{stem}-{n}.json");
        n += 1;
    }
    name
}

/// The JSON form of a report: compact, or indented for people (`--pretty`).
fn to_json(report: &Report, pretty: bool) -> serde_json::Result<String> {
    if pretty {
        crate::text::json_pretty(report)
    } else {
        crate::text::json_compact(report)
    }
}

enum Outcome {
    Parsed { warnings: usize },
    Failed(String),
}

/// Runs `xxgk parse`. Returns the exit code.
pub fn run(args: &ParseArgs, lang: crate::i18n::Lang, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<u8> {
    let (files, list_errors) = collect_inputs(&args.paths);
    let single = args.paths.len() == 1 && files.len() == 1 && args.paths.first().is_some_and(|p| p.is_file());
    if args.out.is_none() && !single {
        writeln!(
            err,
            "{}",
            crate::tr!(lang, "cli.parse_need_dir", n = files.len() + list_errors.len())
        )?;
        return Ok(EXIT_USAGE);
    }
    let Some(dir) = &args.out else {
        // One file, JSON to stdout.
        let Some(file) = files.first() else {
            return Ok(EXIT_USAGE);
        };
        return match ingest_path(file) {
            Ok(report) => {
                writeln!(out, "{}", to_json(&report, args.pretty)?)?;
                Ok(EXIT_OK)
            }
            Err(e) => {
                writeln!(err, "xxgk: {}", sanitize(&e.text(lang)))?;
                Ok(EXIT_SOME_FAILED)
            }
        };
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        let why = format!("{}: {e}", dir.display());
        writeln!(err, "{}", crate::tr!(lang, "cli.cannot_create", why = sanitize(&why)))?;
        return Ok(EXIT_USAGE);
    }
    let mut taken = HashSet::new();
    let jobs: Vec<(PathBuf, PathBuf)> = files
        .iter()
        .map(|f| (f.clone(), dir.join(output_name(f, &mut taken))))
        .collect();
    let bar = if jobs.len() > 1 {
        ProgressBar::new(jobs.len() as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template(&lang.tr("cli.progress_parse")).unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let (force, pretty) = (args.force, args.pretty);
    let outcomes: Vec<(PathBuf, Outcome)> = jobs
        .par_iter()
        .map(|(input, output)| {
            let o = parse_one(input, output, force, pretty, lang);
            bar.inc(1);
            (input.clone(), o)
        })
        .collect();
    bar.finish_and_clear();
    // Durable once for the batch, not one wait for the disk per file (each file was renamed
    // into place whole, so a crash before this loses files, never leaves half of one).
    if let Err(e) = sync_tree(dir) {
        let why = format!("{}: {e}", dir.display());
        writeln!(err, "{}", crate::tr!(lang, "cli.cannot_write", why = sanitize(&why)))?;
        return Ok(EXIT_SOME_FAILED);
    }
    summarize(&outcomes, &list_errors, lang, err)
}

fn parse_one(input: &Path, output: &Path, force: bool, pretty: bool, lang: crate::i18n::Lang) -> Outcome {
    let report: Report = match ingest_path(input) {
        Ok(r) => r,
        Err(e) => return Outcome::Failed(e.kind.msg().render(lang)),
    };
    let json = match to_json(&report, pretty).map(String::into_bytes) {
        Ok(j) => j,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    match write_atomic_unsynced(output, &json, force) {
        Ok(()) => Outcome::Parsed {
            warnings: report.warnings.len(),
        },
        Err(e) => Outcome::Failed(crate::tr!(
            lang,
            "cli.cannot_write",
            why = format!("{}: {e}", output.display())
        )),
    }
}

fn summarize(
    outcomes: &[(PathBuf, Outcome)],
    list_errors: &[crate::fsio::ListError],
    lang: crate::i18n::Lang,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let parsed = outcomes
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Parsed { .. }))
        .count();
    let with_warnings = outcomes
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Parsed { warnings } if *warnings > 0))
        .count();
    let failed: Vec<String> = outcomes
        .iter()
        .filter_map(|(p, o)| match o {
            Outcome::Failed(why) => Some(format!("{}: {why}", p.display())),
            Outcome::Parsed { .. } => None,
        })
        .chain(list_errors.iter().filter(|e| !e.is_note()).map(|e| e.text(lang)))
        .collect();
    for n in list_errors.iter().filter(|e| e.is_note()) {
        writeln!(err, "xxgk: {}", sanitize(&n.text(lang)))?;
    }
    writeln!(
        err,
        "{}",
        crate::tr!(
            lang,
            "cli.parse_total",
            parsed = parsed,
            files = outcomes.len() + list_errors.iter().filter(|e| !e.is_note()).count(),
            warned = with_warnings,
            failed = failed.len()
        )
    )?;
    for f in &failed {
        writeln!(err, "  {}", crate::tr!(lang, "cli.failed", why = sanitize(f)))?;
    }
    Ok(if failed.is_empty() { EXIT_OK } else { EXIT_SOME_FAILED })
}
