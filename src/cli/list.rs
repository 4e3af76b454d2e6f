//! `xxgk [DIR]` without a subcommand: the reports of a directory through the library (cached,
//! parallel, with a progress bar), one line each, with duplicates and the files that could not
//! be read (the interactive explorer will take this place).

use std::io::Write;
use std::path::Path;

use super::{EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE};
use crate::library::{Library, LoadOptions};
use crate::text::sanitize;
use crate::text::{pad, rpad};

/// Lists the reports under `dir`.
pub fn run(dir: &Path, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<u8> {
    if !dir.is_dir() {
        writeln!(err, "xxgk: {} is not a directory", dir.display())?;
        return Ok(EXIT_USAGE);
    }
    let bar = super::progress::load_bar();
    let progress = super::progress::reporter(&bar);
    let lib = Library::load(dir, &LoadOptions::default(), &progress);
    bar.finish_and_clear();
    writeln!(
        out,
        "{}{}{}{}{}{}  file",
        pad("agency", 30),
        rpad("year", 5),
        rpad("template", 9),
        rpad("layout", 9),
        rpad("err", 4),
        rpad("warn", 5)
    )?;
    for e in &lib.entries {
        let name = Path::new(&*e.path)
            .strip_prefix(dir)
            .map_or_else(|_| e.path.to_string(), |p| p.display().to_string());
        writeln!(
            out,
            "{}{}{}{}{}{}  {}",
            pad(&sanitize(e.agency.as_deref().unwrap_or("?")), 30),
            rpad(&e.year.map_or("?".into(), |y| y.to_string()), 5),
            rpad(e.template.as_str(), 9),
            rpad(e.layout.map_or("?", |l| l.as_str()), 9),
            rpad(&e.errors.to_string(), 4),
            rpad(&e.warnings.to_string(), 5),
            sanitize(&name)
        )?;
    }
    writeln!(
        out,
        "\n{} reports of {} agencies ({} from the cache, {} parsed); {} files could not be read",
        lib.entries.len(),
        lib.groups.len(),
        lib.stats.from_cache,
        lib.stats.parsed,
        lib.errors.len()
    )?;
    for d in &lib.duplicates {
        let files: Vec<String> = d
            .iter()
            .filter_map(|&i| lib.entries.get(i))
            .map(|e| sanitize(&e.path))
            .collect();
        writeln!(out, "  duplicate: {}", files.join(" = "))?;
    }
    for e in &lib.errors {
        writeln!(out, "  failed: {}: {}", sanitize(&e.path), sanitize(&e.message))?;
    }
    writeln!(
        out,
        "\nxxgk show FILE shows one report; xxgk --help lists the commands."
    )?;
    Ok(if lib.errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_SOME_FAILED
    })
}
