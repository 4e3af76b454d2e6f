//! The three tables of a report as plain text for a terminal (`xxgk show --format table`): the
//! report screen's grids, printed.

use std::fmt::Write as _;

use crate::grid::print::text;
use crate::grid::single;
use crate::i18n::Lang;
use crate::model::{CellState, Figure, Report, TableId};
use crate::text::sanitize;
use crate::tr;

/// How a cell prints: its value, `-` when blank, `?` when unknown, empty when absent.
pub fn cell_text(f: Option<&Figure>) -> String {
    match f {
        Some(Figure { value: Some(v), .. }) => v.to_string(),
        Some(Figure {
            state: CellState::Blank,
            ..
        }) => "-".into(),
        Some(_) => "?".into(),
        None => String::new(),
    }
}

/// Renders a report's metadata, tables and warnings.
pub fn render(r: &Report, lang: Lang) -> String {
    let mut s = String::new();
    let m = &r.meta;
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "?".into());
    let _ = writeln!(
        s,
        "{}  {}  {}",
        sanitize(&opt(&m.agency)),
        m.year.map_or("?".into(), |y| y.to_string()),
        crate::rules::template_name(m.template, lang)
    );
    let _ = writeln!(
        s,
        "{}",
        sanitize(&tr!(
            lang,
            "cli.show_meta",
            region = opt(&m.region),
            province = opt(&m.province),
            code = opt(&m.division_code),
            published = opt(&m.published)
        ))
    );
    let _ = writeln!(
        s,
        "{}",
        sanitize(&tr!(
            lang,
            "cli.show_source",
            path = m.source.path,
            format = m.source.format.as_str(),
            layout = m.source.layout.map_or("?", |l| l.as_str()),
            encoding = m.source.encoding.as_deref().unwrap_or("-")
        ))
    );
    if r.figures.is_empty() {
        let _ = writeln!(s, "\n{}", lang.tr("cli.no_tables"));
    } else {
        for (heading, table) in [("二", TableId::T1), ("三", TableId::T2), ("四", TableId::T3)] {
            let _ = writeln!(s, "\n{heading}、{}", table.title());
            // Table 2's seven columns leave 26 cells for its labels in 80 columns.
            let label_max = if table == TableId::T2 { 26 } else { 44 };
            s.push_str(&text(&single(r, &[], table, lang), label_max, "-"));
        }
        let _ = writeln!(s, "\n  {}", lang.tr("cli.show_legend"));
    }
    if !r.extra_rows.is_empty() {
        let _ = writeln!(s, "\n{}", tr!(lang, "cli.extra_rows", n = r.extra_rows.len()));
        for e in &r.extra_rows {
            let _ = writeln!(
                s,
                "  {} {}: {}",
                e.table,
                sanitize(&e.label),
                sanitize(&e.values.join(" "))
            );
        }
    }
    if !r.warnings.is_empty() {
        let _ = writeln!(s, "\n{}", tr!(lang, "cli.warnings", n = r.warnings.len()));
        for w in &r.warnings {
            // The code's name in the language, then the warning as ingest wrote it.
            let name = lang.tr(&format!("warning.{}", w.code.as_str()));
            let _ = writeln!(s, "  {name}: {}", sanitize(&w.to_string()));
        }
    }
    s
}
