//! The report and compare screens' table — frozen labels, a horizontal window that follows the
//! cursor, A over B when narrow — and the pane under it (provenance, findings). Pure drawing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::app::{App, Screen};
use super::theme::{Mark, block, style};
use crate::compare::Change;
use crate::grid::{Cell, ColumnKind, Grid, Origin};
use crate::model::CellState;
use crate::rules::{Severity, rule_title};
use crate::text::sanitize;
use crate::text::{fit, pad, rpad};
use crate::tr;

/// A column's group name (empty when ungrouped) and its own header.
fn header(g: &Grid, c: usize) -> (String, &str) {
    g.columns.get(c).map_or((String::new(), ""), |col| {
        (col.group.map(|g| g.label()).unwrap_or_default(), col.header.as_str())
    })
}

fn is_flags(g: &Grid, c: usize) -> bool {
    g.columns.get(c).is_some_and(|x| x.kind == ColumnKind::Flags)
}

/// Widths of the cells of a grid (in terminal cells, a space included).
fn column_widths(g: &Grid) -> Vec<usize> {
    (0..g.columns.len())
        .map(|c| {
            let head = header(g, c).1.width();
            let cells = g
                .rows
                .iter()
                .filter_map(|r| r.cells.get(c))
                .map(|x| x.text.width())
                .max()
                .unwrap_or(0);
            let cap = if is_flags(g, c) { 18 } else { 12 };
            head.max(cells).clamp(4, cap) + 1
        })
        .collect()
}

fn cell_style(app: &App, c: &Cell) -> Style {
    let mut st = Style::new();
    match c.rule {
        Some(Severity::Error) => st = style(&app.settings, Mark::Error),
        Some(Severity::Warning) => st = style(&app.settings, Mark::Warning),
        None => {}
    }
    match c.change {
        Some(Change::Increase) => st = st.patch(style(&app.settings, Mark::Up)),
        Some(Change::Decrease) => st = st.patch(style(&app.settings, Mark::Down)),
        None => {}
    }
    st
}

/// The grid with frozen labels, a horizontal window that keeps the cursor in view, and — when
/// too narrow for side by side — A over B (two lines per row, the cursor's five columns).
pub(super) fn grid_lines(app: &App, g: &Grid, area: Rect, compare: bool) -> Vec<Line<'static>> {
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    let widths = column_widths(g);
    let total: usize = widths.iter().sum();
    // As wide as the longest label, and the header with its scroll marks.
    let label_max = g
        .rows
        .iter()
        .map(|r| r.label.width())
        .max()
        .unwrap_or(4)
        .max(4)
        .max(g.label_header.width() + 2);
    // The labels take what the numbers leave free, and at least 12 (34 on a wide screen) when
    // the columns scroll.
    let floor = if width >= 100 { 34 } else { 12 };
    let label_w = label_max.min(width.saturating_sub(total).max(floor));
    let (cur_row, cur_col) = app.sheet.cursor;
    let first_group: usize = widths.get(g.group_span(0)).map_or(0, |w| w.iter().sum());
    let stacked = compare && label_w + first_group > width;
    let mut lines = Vec::new();
    if stacked {
        let group = header(g, cur_col).0;
        lines.push(Line::styled(
            fit(&tr!(app.settings.lang, "pane.stacked", group = group), width),
            Style::new().add_modifier(Modifier::BOLD),
        ));
        let room = height.saturating_sub(1) / 2;
        let first = cur_row.saturating_sub(room.saturating_sub(1));
        let lw = width.saturating_sub(11).max(4);
        let labels = fit_labels(g.rows.iter().map(|r| sanitize(&r.label)), lw);
        for (r, _) in g.rows.iter().enumerate().skip(first).take(room) {
            let x = g.compared(r, cur_col);
            let text = |c: Option<&Cell>| c.map_or(String::new(), |c| sanitize(&c.text));
            let st = |c: Option<&Cell>| c.map_or(Style::new(), |c| cell_style(app, c));
            let mut label = Style::new();
            if r == cur_row {
                label = label.add_modifier(Modifier::REVERSED);
            }
            lines.push(Line::from(vec![
                Span::styled(pad(labels.get(r).map_or("", String::as_str), lw), label),
                Span::styled(format!(" A {}", rpad(&text(x.a), 7)), st(x.a)),
            ]));
            let change = format!("  Δ {} {} {}", text(x.delta), text(x.percent), text(x.flags));
            lines.push(Line::from(vec![
                Span::styled(pad(&fit(&change, lw), lw), st(x.delta)),
                Span::styled(format!(" B {}", rpad(&text(x.b), 7)), st(x.b)),
            ]));
        }
        return lines;
    }
    // The horizontal window: from column 0 when the cursor fits, else ending at the cursor.
    let avail = width.saturating_sub(label_w);
    let mut start = 0;
    while start < cur_col && widths.iter().skip(start).take(cur_col + 1 - start).sum::<usize>() > avail {
        start += 1;
    }
    let mut end = start;
    let mut used = 0;
    while let Some(w) = widths.get(end) {
        if used + w > avail {
            break;
        }
        used += w;
        end += 1;
    }
    let more = |s: &str| -> String {
        match (start > 0, end < widths.len()) {
            (true, true) => format!("‹{s}›"),
            (true, false) => format!("‹{s}"),
            (false, true) => format!("{s}›"),
            (false, false) => s.to_string(),
        }
    };
    let bold = Style::new().add_modifier(Modifier::BOLD);
    if (start..end).any(|c| !header(g, c).0.is_empty()) {
        // The group names over their columns (all seven table-2 columns shown).
        let mut groups = vec![Span::raw(pad("", label_w))];
        let mut c = start;
        while c < end {
            let group = header(g, c).0;
            let mut span = 0;
            let stop = g.group_span(c).end.min(end).max(c + 1);
            while c < stop {
                span += widths.get(c).copied().unwrap_or(0);
                c += 1;
            }
            groups.push(Span::styled(pad(&fit(&format!(" {group}"), span), span), bold));
        }
        lines.push(Line::from(groups));
    }
    let mut head = vec![Span::styled(pad(&more(&g.label_header), label_w), bold)];
    for (c, w) in widths.iter().enumerate().take(end).skip(start) {
        let h = header(g, c).1;
        head.push(Span::styled(format!(" {}", rpad(&fit(h, w - 1), w - 1)), bold));
    }
    lines.push(Line::from(head));
    let room = height.saturating_sub(lines.len());
    let first = cur_row.saturating_sub(room.saturating_sub(1));
    let labels = fit_labels(g.rows.iter().map(|r| sanitize(&r.label)), label_w);
    for (r, row) in g.rows.iter().enumerate().skip(first).take(room) {
        let mut label_style = Style::new();
        if r == cur_row {
            label_style = label_style.add_modifier(Modifier::BOLD);
        }
        let label = labels.get(r).map_or("", String::as_str);
        let mut spans = vec![Span::styled(pad(label, label_w), label_style)];
        for (c, w) in widths.iter().enumerate().take(end).skip(start) {
            let Some(cell) = row.cells.get(c) else { break };
            let mut st = cell_style(app, cell);
            if (r, c) == (cur_row, cur_col) {
                st = st.add_modifier(Modifier::REVERSED);
            }
            let text = fit(&sanitize(&cell.text), w - 1);
            let shown = if !g.columns.get(c).is_some_and(|x| x.kind.numeric()) {
                pad(&text, w - 1)
            } else {
                rpad(&text, w - 1)
            };
            spans.push(Span::raw(" "));
            spans.push(Span::styled(shown, st));
        }
        lines.push(Line::from(spans));
    }
    lines
}

/// Row labels cut to a width so that two different labels never read the same: a label that
/// would look like another once cut keeps its end instead (`行政规…制发件数`, `行政规…废止件数`).
pub(super) fn fit_labels(labels: impl Iterator<Item = String>, width: usize) -> Vec<String> {
    let full: Vec<String> = labels.collect();
    let mut cut: Vec<String> = full.iter().map(|l| fit(l, width)).collect();
    for i in 0..cut.len() {
        let clash = |cut: &[String], i: usize| {
            cut.iter()
                .enumerate()
                .any(|(j, c)| j != i && Some(c) == cut.get(i) && full.get(j) != full.get(i))
        };
        if clash(&cut, i) {
            let others: Vec<usize> = (0..cut.len()).filter(|&j| j != i && cut.get(j) == cut.get(i)).collect();
            let group: Vec<usize> = others.into_iter().chain([i]).collect();
            for &j in &group {
                let Some(l) = full.get(j) else { continue };
                // Where this label parts from the others: its end from there must show.
                let apart = group
                    .iter()
                    .filter(|&&k| k != j)
                    .filter_map(|&k| full.get(k))
                    .map(|o| l.chars().zip(o.chars()).take_while(|(a, b)| a == b).count())
                    .max()
                    .unwrap_or(0);
                let rest: String = l.chars().skip(apart).collect();
                let tail_w = (width.saturating_sub(1) / 2).max(rest.width().min(width.saturating_sub(3)));
                if let Some(slot) = cut.get_mut(j) {
                    *slot = fit_middle(l, width, tail_w);
                }
            }
        }
    }
    cut
}

/// Text cut in the middle to `width` cells: its start, `…`, and its last `tail_w` cells.
fn fit_middle(s: &str, width: usize, tail_w: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut tail: Vec<char> = Vec::new();
    let mut w = 0;
    for c in s.chars().rev() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > tail_w {
            break;
        }
        tail.push(c);
        w += cw;
    }
    let head = fit(s, width.saturating_sub(w));
    let mut out = head;
    out.extend(tail.iter().rev());
    out
}

/// Below the grid: the selected cell's provenance and findings, or the findings list.
pub(super) fn lower_pane(f: &mut Frame<'_>, app: &App, area: Rect) {
    let width = usize::from(area.width);
    if matches!(app.screen, Screen::Rollup { .. }) {
        // The cell under the cursor, whole: the group, the column and the figure.
        let g = &app.sheet.grid;
        let (r, c) = app.sheet.cursor;
        let lang = app.settings.lang;
        let text = match (g.rows.get(r), g.columns.get(c)) {
            // A rate: its formula, with the group's sums.
            (Some(row), Some(_)) if let Some(f) = crate::grid::rollup::rate_formula(row, c, lang) => {
                format!("{} · {f}", row.label)
            }
            (Some(row), Some(col)) => format!(
                "{} · {} = {}",
                row.label,
                col.header,
                row.cells.get(c).map_or("", |x| x.text.as_str())
            ),
            _ => String::new(),
        };
        let lines = vec![
            Line::from(fit(&sanitize(&text), width)),
            Line::from(fit(&app.settings.lang.tr("pane.rollup"), width)),
        ];
        f.render_widget(Paragraph::new(lines), area);
        return;
    }
    if let Some(sel) = app.sheet.panel {
        let inner = usize::from(area.height.saturating_sub(2));
        let first = sel.saturating_sub(inner.saturating_sub(1));
        let lines: Vec<Line<'_>> = app
            .sheet
            .findings
            .iter()
            .enumerate()
            .skip(first)
            .take(inner)
            .map(|(i, fd)| {
                let side = app.side_of_file(&fd.file);
                let lang = app.settings.lang;
                let text = format!("{side}{}: {}", rule_title(fd.rule, lang), fd.text(lang));
                let mark = if fd.severity == Severity::Error {
                    Mark::Error
                } else {
                    Mark::Warning
                };
                let mut st = style(&app.settings, mark);
                if i == sel {
                    st = st.add_modifier(Modifier::REVERSED);
                }
                Line::styled(fit(&sanitize(&text), width.saturating_sub(2)), st)
            })
            .collect();
        let title = tr!(
            app.settings.lang,
            "pane.findings_title",
            i = sel + 1,
            n = app.sheet.findings.len()
        );
        f.render_widget(Paragraph::new(lines).block(block(&app.settings, &title)), area);
        return;
    }
    let lang = app.settings.lang;
    let g = &app.sheet.grid;
    let cell = g
        .rows
        .get(app.sheet.cursor.0)
        .and_then(|r| r.cells.get(app.sheet.cursor.1));
    let mut lines = Vec::new();
    match cell.and_then(|c| c.source.as_ref()) {
        Some(source) => {
            let key = source.key.name();
            let who = match (&app.screen, source.origin) {
                (Screen::Compare { .. }, Origin::Side(side)) => format!("{} ", side.letter()),
                (Screen::Trend { .. }, Origin::Year(y)) => format!("{y} "),
                _ => String::new(),
            };
            let (prov, place) = match app.entry_of_origin(source.origin).and_then(|e| app.details.get(&e)) {
                None => (lang.tr("pane.reading").into_owned(), None),
                Some(Err(e)) => (tr!(lang, "pane.unavailable", why = e), None),
                Some(Ok(r)) => match r.figures.get(source.key) {
                    None => (lang.tr("pane.not_in_report").into_owned(), None),
                    Some(fig) => {
                        let value = match (fig.value, fig.state) {
                            (Some(v), _) => v.to_string(),
                            (None, CellState::Unknown) => lang.tr("pane.unreadable").into_owned(),
                            (None, _) => lang.tr("pane.blank").into_owned(),
                        };
                        let mut s = format!("= {value}");
                        if let Some(raw) = &fig.raw {
                            s.push_str(&tr!(lang, "pane.raw", raw = raw));
                        }
                        let mut place = tr!(lang, "pane.from", path = r.meta.source.path);
                        if let Some(at) = &fig.at {
                            place.push_str(&format!(" {}", crate::grid::explain::location_text(at, lang)));
                        }
                        if let Some(n) = &fig.note {
                            place.push_str(&format!(" · {}", crate::grid::explain::note_text(n, lang)));
                        }
                        (s, Some(place))
                    }
                },
            };
            let tpl = app
                .entry_of_origin(source.origin)
                .and_then(|e| app.lib.entries.get(e))
                .map_or(crate::model::Template::Tpl2021, |e| e.template);
            let label = source.key.label(tpl);
            lines.push(Line::from(fit(&sanitize(&format!("{who}{label} {prov}")), width)));
            if let Some(p) = place {
                lines.push(Line::from(fit(&sanitize(&p), width)));
            }
            let file = app
                .entry_of_origin(source.origin)
                .and_then(|e| app.lib.entries.get(e))
                .map(|e| e.path.to_string());
            for fd in app
                .sheet
                .findings
                .iter()
                .filter(|fd| fd.keys.iter().any(|k| k == key) && file.as_deref().is_none_or(|p| p == fd.file))
            {
                let mark = if fd.severity == Severity::Error {
                    Mark::Error
                } else {
                    Mark::Warning
                };
                lines.push(Line::styled(
                    fit(
                        &sanitize(&format!(
                            "{who}{}: {}",
                            rule_title(fd.rule, app.settings.lang),
                            fd.text(app.settings.lang)
                        )),
                        width,
                    ),
                    style(&app.settings, mark),
                ));
            }
        }
        None => {
            // Δ, Δ% or flags: say what the row's change is and why it is (not) flagged.
            if let Some(row) = g.rows.get(app.sheet.cursor.0)
                && matches!(app.screen, Screen::Compare { .. })
                && row.cells.iter().any(|c| !c.text.is_empty())
            {
                let x = g.compared(app.sheet.cursor.0, app.sheet.cursor.1);
                fn t(c: Option<&Cell>) -> &str {
                    c.map_or("", |c| c.text.as_str())
                }
                let change = x.delta.and_then(|c| c.change);
                let verdict = lang.tr(match change {
                    Some(Change::Increase) => "pane.increase",
                    Some(Change::Decrease) => "pane.decrease",
                    None => "pane.no_change",
                });
                lines.push(Line::from(fit(
                    &sanitize(&format!(
                        "{verdict}: {} → {}, Δ {} {} {}· {}",
                        t(x.a),
                        t(x.b),
                        t(x.delta),
                        t(x.percent),
                        if t(x.flags).is_empty() {
                            String::new()
                        } else {
                            format!("{} ", t(x.flags))
                        },
                        row.label,
                    )),
                    width,
                )));
            }
        }
    }
    // On a trend, the change from the year before the cursor's.
    if matches!(app.screen, Screen::Trend { .. })
        && let Some(row) = g.rows.get(app.sheet.cursor.0)
        && let Some(c) = app.sheet.cursor.1.checked_sub(1)
        && let (Some(before), Some(now)) = (row.cells.get(c), row.cells.get(app.sheet.cursor.1))
        && let (Some(a), Some(b)) = (before.value, now.value)
    {
        let (d, pct) = crate::compare::delta(Some(a), Some(b));
        let header = |i: usize| g.columns.get(i).map_or(String::new(), |x| x.header.clone());
        lines.push(Line::from(fit(
            &tr!(
                lang,
                "pane.year_change",
                from = header(c),
                to = header(app.sheet.cursor.1),
                a = a,
                b = b,
                delta = d.map_or("?".into(), |d| d.to_string()),
                pct = pct.map_or("-".into(), |p| format!("{p:+.1}%"))
            ),
            width,
        )));
    }
    if lines.len() < usize::from(area.height) {
        let n = app.sheet.findings.len();
        let text = if matches!(app.screen, Screen::Trend { .. }) {
            tr!(lang, "pane.summary_trend", n = n)
        } else if matches!(app.screen, Screen::Evaluator { .. }) {
            // The row's file: rows of one agency and year in several files differ by it.
            let file = match g.rows.get(app.sheet.cursor.0).map(|r| r.kind) {
                Some(crate::grid::RowKind::Item(Some(i))) => app.lib.entries.get(i).map(|e| e.path.to_string()),
                _ => None,
            };
            tr!(
                lang,
                "pane.evaluator_row",
                file = crate::text::sanitize(&file.unwrap_or_default())
            )
        } else {
            tr!(
                lang,
                "pane.summary",
                n = n,
                abs = app.settings.thresholds.min_abs,
                rel = app.settings.thresholds.min_rel * 100.0
            )
        };
        lines.push(Line::from(fit(&text, width)));
    }
    f.render_widget(Paragraph::new(lines), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_labels_stay_distinguishable() {
        let labels = [
            "行政规范性文件 本年制发件数",
            "行政规范性文件 本年废止件数",
            "规章 本年制发件数",
        ];
        let cut = fit_labels(labels.iter().map(|s| s.to_string()), 14);
        assert!(cut.iter().all(|c| c.width() <= 14), "{cut:?}");
        assert_ne!(cut[0], cut[1], "{cut:?}");
        assert_eq!(cut[..2], ["行政…制发件数", "行政…废止件数"]);
        assert_eq!(
            cut[2], "规章 本年制发…",
            "a label that clashes with none is cut at its end"
        );
        // Two rows with the same label (a repeated heading) are left alone.
        let same = fit_labels(["小计".to_string(), "小计".to_string()].into_iter(), 3);
        assert_eq!(same, ["小…", "小…"]);
    }
}
