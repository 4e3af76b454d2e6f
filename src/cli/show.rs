//! `xxgk show`: one report as readable tables, as `key<TAB>value` lines, or as JSON.

use std::io::Write;

use super::table_text::render;
use super::{EXIT_OK, EXIT_SOME_FAILED, ShowArgs, ShowFormat};
use crate::ingest::ingest_path;
use crate::model::Report;
use crate::text::sanitize;

/// `key<TAB>value` lines: metadata first, then every figure with a value, in canonical order.
pub fn tsv(r: &Report) -> String {
    let m = &r.meta;
    let mut lines: Vec<(String, String)> = Vec::new();
    let mut meta = |k: &str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            lines.push((format!("meta.{k}"), v));
        }
    };
    meta("agency", m.agency.clone());
    meta("region", m.region.clone());
    meta("year", m.year.map(|y| y.to_string()));
    meta("template", Some(m.template.to_string()));
    meta("published", m.published.clone());
    meta("division_code", m.division_code.clone());
    meta("province", m.province.clone());
    meta("source.path", Some(m.source.path.clone()));
    meta("source.format", Some(m.source.format.as_str().to_string()));
    meta("source.layout", m.source.layout.map(|l| l.as_str().to_string()));
    meta("source.encoding", m.source.encoding.clone());
    meta("source.sha256", Some(m.source.sha256.clone()));
    for (k, f) in r.figures.iter() {
        if let Some(v) = f.value {
            lines.push((k.name().to_string(), v.to_string()));
        }
    }
    let mut out = String::new();
    for (k, v) in lines {
        out.push_str(&k);
        out.push('\t');
        out.push_str(&crate::text::spreadsheet_safe(&v));
        out.push('\n');
    }
    out
}

/// Runs `xxgk show`. Returns the exit code.
pub fn run(args: &ShowArgs, lang: crate::i18n::Lang, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<u8> {
    let report = match ingest_path(&args.file) {
        Ok(r) => r,
        Err(e) => {
            writeln!(err, "xxgk: {}", sanitize(&e.text(lang)))?;
            return Ok(EXIT_SOME_FAILED);
        }
    };
    match args.format {
        ShowFormat::Table => write!(out, "{}", render(&report, lang))?,
        ShowFormat::Tsv => write!(out, "{}", tsv(&report))?,
        ShowFormat::Json => writeln!(out, "{}", crate::text::json_pretty(&report)?)?,
    }
    Ok(EXIT_OK)
}
