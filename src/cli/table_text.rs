//! The three tables of a report as plain text for a terminal (`xxgk show --format table`),
//! measured in terminal cells so Han labels line up, fitting 80 columns.

use std::fmt::Write as _;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::ingest::normalize::sanitize;
use crate::model::catalog::{RowKind, T1_ROWS, T2_COLS, T2_ROWS, T3_COLS, t3_key};
use crate::model::{CellState, Figure, Report, TableId, catalog};

/// Truncates text to a width in terminal cells, with `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Pads (or truncates) to exactly `width` cells, left-aligned.
pub fn pad(s: &str, width: usize) -> String {
    let f = fit(s, width);
    let w = f.width();
    format!("{f}{}", " ".repeat(width.saturating_sub(w)))
}

/// Right-aligns within `width` cells.
pub fn rpad(s: &str, width: usize) -> String {
    let f = fit(s, width);
    let w = f.width();
    format!("{}{f}", " ".repeat(width.saturating_sub(w)))
}

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

fn fig(r: &Report, table: TableId, row: &str, col: &str) -> Option<String> {
    catalog()
        .cell(table, row, col)
        .and_then(|k| r.figures.get(k))
        .map(|f| cell_text(Some(f)))
}

/// Renders a report's metadata, tables and warnings.
pub fn render(r: &Report) -> String {
    let mut s = String::new();
    let m = &r.meta;
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "?".into());
    let _ = writeln!(
        s,
        "{}  {}  {}",
        sanitize(&opt(&m.agency)),
        m.year.map_or("?".into(), |y| y.to_string()),
        m.template
    );
    let _ = writeln!(
        s,
        "region {}  province {}  division {}  published {}",
        sanitize(&opt(&m.region)),
        opt(&m.province),
        opt(&m.division_code),
        opt(&m.published)
    );
    let _ = writeln!(
        s,
        "source {} ({}, layout {}, {})",
        sanitize(&m.source.path),
        m.source.format.as_str(),
        m.source.layout.map_or("?", |l| l.as_str()),
        m.source.encoding.as_deref().unwrap_or("-")
    );
    if r.figures.is_empty() {
        let _ = writeln!(s, "\n(no standard tables)");
    } else {
        render_t1(r, &mut s);
        render_t2(r, &mut s);
        render_t3(r, &mut s);
        let _ = writeln!(s, "\n  - blank in the report   ? could not be read (see warnings)");
    }
    if !r.extra_rows.is_empty() {
        let _ = writeln!(s, "\nextra rows ({}):", r.extra_rows.len());
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
        let _ = writeln!(s, "\nwarnings ({}):", r.warnings.len());
        for w in &r.warnings {
            let _ = writeln!(s, "  {}", sanitize(&w.to_string()));
        }
    }
    s
}

fn render_t1(r: &Report, s: &mut String) {
    let tpl = r.meta.template;
    let _ = writeln!(s, "\n二、{}", TableId::T1.title());
    for row in &T1_ROWS {
        let cols = row.cols(tpl);
        if cols.is_empty() {
            continue;
        }
        let mut line = format!("  {}", pad(row.label(tpl), 16));
        for c in cols {
            let v = fig(r, TableId::T1, row.row.key, c.key).unwrap_or_default();
            let label = c.label.split('（').next().unwrap_or(c.label);
            let _ = write!(line, "  {} {}", label, v);
        }
        let _ = writeln!(s, "{}", line.trim_end());
    }
}

const T2_HEADS: [&str; 7] = ["自然人", "商业", "科研", "公益", "法律", "其他", "总计"];

fn render_t2(r: &Report, s: &mut String) {
    let tpl = r.meta.template;
    let _ = writeln!(s, "\n三、{}", TableId::T2.title());
    let mut head = pad("", 26);
    for h in T2_HEADS {
        head.push_str(&rpad(h, 7));
    }
    let _ = writeln!(s, "{}", head.trim_end());
    for row in T2_ROWS.iter() {
        match row.kind(tpl) {
            RowKind::Absent => {}
            RowKind::Group => {
                let _ = writeln!(s, "  {}", row.label);
            }
            RowKind::Value => {
                let mut line = format!("  {}", pad(row.label, 24));
                for c in &T2_COLS {
                    line.push_str(&rpad(&fig(r, TableId::T2, row.key, c.key).unwrap_or_default(), 7));
                }
                let _ = writeln!(s, "{}", line.trim_end());
            }
        }
    }
}

fn render_t3(r: &Report, s: &mut String) {
    let _ = writeln!(s, "\n四、{}", TableId::T3.title());
    let _ = writeln!(
        s,
        "  {}{}",
        pad("", 18),
        ["维持", "纠正", "其他", "未结", "总计"].map(|h| rpad(h, 7)).concat()
    );
    for (g, name) in ["行政复议", "诉讼（未经复议）", "诉讼（复议后）"].iter().enumerate() {
        let mut line = format!("  {}", pad(name, 18));
        for c in T3_COLS.iter().skip(g * 5).take(5) {
            let v = t3_key(c.key).and_then(|k| r.figures.get(k)).map(|f| cell_text(Some(f)));
            line.push_str(&rpad(&v.unwrap_or_default(), 7));
        }
        let _ = writeln!(s, "{}", line.trim_end());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_in_cells() {
        assert_eq!(fit("法律服务机构", 7), "法律服…");
        assert_eq!(pad("规章", 6), "规章  ");
        assert_eq!(rpad("12", 4), "  12");
        assert_eq!(fit("abc", 3), "abc");
    }
}
