//! `xxgk [DIR]` without a subcommand: the reports of a directory through the library (cached,
//! parallel, with a progress bar), one line each, with duplicates and the files that could not
//! be read (the interactive explorer will take this place).

use std::io::Write;
use std::path::Path;

use super::{EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE};
use crate::i18n::Lang;
use crate::library::{Library, LoadOptions};
use crate::text::sanitize;
use crate::text::{pad, rpad};
use crate::tr;

/// Lists the reports under `dir`.
pub fn run(dir: &Path, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<u8> {
    if !dir.is_dir() {
        writeln!(
            err,
            "{}",
            tr!(lang, "cli.not_a_dir", dir = sanitize(&dir.display().to_string()))
        )?;
        return Ok(EXIT_USAGE);
    }
    let bar = super::progress::load_bar(lang);
    let progress = super::progress::reporter(&bar);
    let mut lib = Library::load(dir, &LoadOptions::default(), &progress);
    bar.finish_and_clear();
    writeln!(
        out,
        "{}{}{}{}{}{}  {}",
        pad(&lang.tr("list.agency"), 30),
        rpad(&lang.tr("list.year"), 5),
        rpad(&lang.tr("list.tpl"), 9),
        rpad(&lang.tr("cli.layout"), 9),
        rpad(&lang.tr("list.err"), 5),
        rpad(&lang.tr("list.warn"), 5),
        lang.tr("list.file")
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
            rpad(&e.errors.to_string(), 5),
            rpad(&e.warnings.to_string(), 5),
            sanitize(&name)
        )?;
    }
    writeln!(
        out,
        "\n{}",
        tr!(
            lang,
            "cli.list_total",
            reports = lib.entries.len(),
            agencies = lib.groups.len(),
            cached = lib.stats.from_cache,
            parsed = lib.stats.parsed,
            failed = lib.errors.len()
        )
    )?;
    if lib.entries.is_empty() {
        let dir = sanitize(&dir.display().to_string());
        writeln!(out, "{}", tr!(lang, "browse.empty", dir = dir).trim_start())?;
        writeln!(out, "{}", lang.tr("browse.empty_kinds").trim_start())?;
    }
    for d in &lib.duplicates {
        let files: Vec<String> = d
            .iter()
            .filter_map(|&i| lib.entries.get(i))
            .map(|e| sanitize(&e.path))
            .collect();
        writeln!(out, "  {}", tr!(lang, "cli.duplicate", files = files.join(" = ")))?;
    }
    for e in &lib.errors {
        let why = format!("{}: {}", sanitize(&e.path), sanitize(&e.message.render(lang)));
        writeln!(out, "  {}", tr!(lang, "cli.failed", why = why))?;
    }
    for n in &lib.notes {
        writeln!(out, "  {}: {}", sanitize(&n.path), sanitize(&n.message.render(lang)))?;
    }
    writeln!(out, "\n{}", lang.tr("cli.list_hint"))?;
    lib.wait_for_cache();
    if let Some(why) = lib.cache_failure() {
        writeln!(
            err,
            "xxgk: {}",
            tr!(lang, "status.cache_not_written", why = sanitize(why))
        )?;
    }
    Ok(if lib.errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_SOME_FAILED
    })
}
