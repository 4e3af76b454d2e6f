//! A grid as plain text for a terminal or a pipe (`xxgk diff`, `xxgk show`): columns measured in
//! terminal cells so Han labels line up, group names over their columns, numbers right-aligned,
//! untrusted text sanitised.

use super::{ColumnKind, Grid, RowKind};
use crate::text::{fit, pad, rpad, sanitize};
use unicode_width::UnicodeWidthStr;

/// How wide a column may grow: words are cut (`…`) past 30 cells, figures never (a cut
/// number is a wrong number), nor the last column (nothing after it to keep aligned).
fn cap(kind: ColumnKind, last: bool) -> usize {
    match kind {
        _ if last => usize::MAX,
        ColumnKind::Flags | ColumnKind::Text => 30,
        _ => usize::MAX,
    }
}

/// The grid as text lines (no title or notes): an optional line of group names, the headers,
/// then one line per row. `blank` is printed for a figure cell with no number (blank or absent
/// in the report), so that a reader can tell it from a column that does not apply.
pub fn text(g: &Grid, label_max: usize, blank: &str) -> String {
    let shown = |row: &super::Row, c: usize| -> String {
        let Some(cell) = row.cells.get(c) else {
            return String::new();
        };
        if cell.text.is_empty() && cell.source.is_some() {
            blank.to_string()
        } else {
            sanitize(&cell.text)
        }
    };
    let widths: Vec<usize> = g
        .columns
        .iter()
        .enumerate()
        .map(|(c, col)| {
            let cells = g.rows.iter().map(|r| shown(r, c).width()).max().unwrap_or(0);
            col.header
                .width()
                .max(cells)
                .clamp(3, cap(col.kind, c + 1 == g.columns.len()))
        })
        .collect();
    let label_w = g
        .rows
        .iter()
        .filter(|r| r.kind != RowKind::Heading)
        .map(|r| sanitize(&r.label).width())
        .chain(std::iter::once(g.label_header.width()))
        .max()
        .unwrap_or(4)
        .min(label_max);
    let mut out = String::new();
    let mut push = |line: String| {
        out.push_str(line.trim_end());
        out.push('\n');
    };
    if g.grouped() {
        let mut line = pad("", label_w);
        let mut c = 0;
        while c < g.columns.len() {
            let span = g.group_span(c);
            let w: usize = widths.get(span.clone()).map_or(0, |s| s.iter().map(|w| w + 1).sum());
            let name = g
                .columns
                .get(c)
                .and_then(|x| x.group)
                .map(|g| g.label())
                .unwrap_or_default();
            line.push_str(&pad(&fit(&format!(" {name}"), w), w));
            c = span.end.max(c + 1);
        }
        push(line);
    }
    let mut head = pad(&sanitize(&g.label_header), label_w);
    for (col, w) in g.columns.iter().zip(&widths) {
        head.push(' ');
        head.push_str(&if col.kind.numeric() {
            rpad(&col.header, *w)
        } else {
            pad(&col.header, *w)
        });
    }
    push(head);
    for r in &g.rows {
        if r.kind == RowKind::Heading {
            push(sanitize(&r.label));
            continue;
        }
        let mut line = pad(&sanitize(&r.label), label_w);
        for (c, (col, w)) in g.columns.iter().zip(&widths).enumerate() {
            let t = fit(&shown(r, c), *w);
            line.push(' ');
            line.push_str(&if col.kind.numeric() { rpad(&t, *w) } else { pad(&t, *w) });
        }
        push(line);
    }
    out
}
