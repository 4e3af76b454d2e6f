//! `xxgk [DIR]` without a subcommand: the reports of a directory, one line each, with the
//! files that could not be read (the interactive explorer will take this place).

use std::io::Write;
use std::path::Path;

use rayon::prelude::*;

use super::table_text::{pad, rpad};
use super::{EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE};
use crate::fsio::collect_inputs;
use crate::ingest::ingest_path;
use crate::ingest::normalize::sanitize;
use crate::model::{Report, WarningCode};

/// Lists the reports under `dir`.
pub fn run(dir: &Path, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<u8> {
    if !dir.is_dir() {
        writeln!(err, "xxgk: {} is not a directory", dir.display())?;
        return Ok(EXIT_USAGE);
    }
    let (files, list_errors) = collect_inputs(&[dir.to_path_buf()]);
    let results: Vec<_> = files.par_iter().map(|f| (f, ingest_path(f))).collect();
    let mut ok: Vec<(&std::path::PathBuf, Report)> = Vec::new();
    let mut failed = Vec::new();
    for (f, r) in results {
        match r {
            Ok(r) => ok.push((f, r)),
            Err(e) => failed.push(e.to_string()),
        }
    }
    failed.extend(list_errors.iter().map(ToString::to_string));
    ok.sort_by(|a, b| (&a.1.meta.agency, a.1.meta.year).cmp(&(&b.1.meta.agency, b.1.meta.year)));
    writeln!(
        out,
        "{}{}{}{}{}  file",
        pad("agency", 30),
        rpad("year", 5),
        rpad("template", 9),
        rpad("layout", 9),
        rpad("warn", 5)
    )?;
    for (f, r) in &ok {
        let m = &r.meta;
        let warnings = r
            .warnings
            .iter()
            .filter(|w| w.code != WarningCode::UnitConverted)
            .count();
        let name = f.strip_prefix(dir).unwrap_or(f).display().to_string();
        writeln!(
            out,
            "{}{}{}{}{}  {}",
            pad(&sanitize(m.agency.as_deref().unwrap_or("?")), 30),
            rpad(&m.year.map_or("?".into(), |y| y.to_string()), 5),
            rpad(m.template.as_str(), 9),
            rpad(m.source.layout.map_or("?", |l| l.as_str()), 9),
            rpad(&warnings.to_string(), 5),
            sanitize(&name)
        )?;
    }
    writeln!(out, "\n{} reports, {} files could not be read", ok.len(), failed.len())?;
    for f in &failed {
        writeln!(out, "  {}", sanitize(f))?;
    }
    writeln!(
        out,
        "\nxxgk show FILE shows one report; xxgk --help lists the commands."
    )?;
    Ok(if failed.is_empty() { EXIT_OK } else { EXIT_SOME_FAILED })
}
