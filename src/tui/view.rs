//! Drawing: a pure function of the state. Widths are measured in terminal cells and text is
//! truncated with `…` here; report text is sanitised before it reaches the terminal.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::app::{Action, App, Prompt, Screen};
use super::config::Settings;
use crate::cli::table_text::{fit, pad, rpad};
use crate::compare::Change;
use crate::compare::grid::{Grid, GridCell};
use crate::ingest::normalize::sanitize;
use crate::model::{CellState, catalog};
use crate::rules::Severity;

/// Smallest usable size.
pub const MIN: (u16, u16) = (40, 10);

const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// How a cell or line is marked, mapped to colours or (without colour) to text attributes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Error,
    Warning,
    Up,
    Down,
    Note,
}

fn style(s: &Settings, mark: Mark) -> Style {
    let base = Style::new();
    if s.color {
        match mark {
            Mark::Error => base.fg(Color::Red).add_modifier(Modifier::BOLD),
            Mark::Warning => base.fg(Color::Yellow),
            Mark::Up => base.fg(Color::Blue).add_modifier(Modifier::BOLD),
            Mark::Down => base.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            Mark::Note => base.fg(Color::Yellow),
        }
    } else {
        match mark {
            Mark::Error => base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Mark::Warning => base.add_modifier(Modifier::UNDERLINED),
            Mark::Up => base.add_modifier(Modifier::BOLD),
            Mark::Down => base.add_modifier(Modifier::ITALIC),
            Mark::Note => base,
        }
    }
}

fn block<'a>(s: &Settings, title: &'a str) -> Block<'a> {
    let b = Block::new().borders(Borders::ALL).title(title);
    if s.ascii { b.border_set(ASCII_BORDER) } else { b }
}

/// Draws the whole screen.
pub fn draw(f: &mut Frame<'_>, app: &App) {
    let area = f.area();
    if area.width < MIN.0 || area.height < MIN.1 {
        let msg = format!(
            "xxgk needs at least {}x{} (now {}x{})",
            MIN.0, MIN.1, area.width, area.height
        );
        f.render_widget(Paragraph::new(fit(&msg, usize::from(area.width))), area);
        return;
    }
    let [top, body, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let width = usize::from(area.width);
    let title = match &app.screen {
        Screen::Browse => format!("xxgk  {}", app.summary()),
        Screen::BadFiles => "xxgk  files that could not be read, and duplicates (Esc back)".to_string(),
        Screen::Report { table, .. } => format!("xxgk  report · {} · Tab table · f findings · Esc back", tabs(*table)),
        Screen::Compare { table, columns, .. } => {
            let col = match (table, columns) {
                (crate::model::TableId::T2, crate::compare::grid::Columns::One(c)) => crate::model::catalog::T2_COLS
                    .iter()
                    .find(|x| x.key == c)
                    .map_or("总计", |x| x.label),
                (crate::model::TableId::T2, crate::compare::grid::Columns::All) => "全部",
                _ => "",
            };
            let col = if col.is_empty() {
                String::new()
            } else {
                format!(" {col}")
            };
            format!("xxgk  compare · {}{col} · v columns · Esc back", tabs(*table))
        }
    };
    f.render_widget(
        Paragraph::new(fit(&sanitize(&title), width)).style(Style::new().add_modifier(Modifier::BOLD)),
        top,
    );
    match &app.screen {
        Screen::Browse => browse(f, app, body),
        Screen::BadFiles => bad_files(f, app, body),
        Screen::Report { entry, .. } => report(f, app, *entry, body),
        Screen::Compare { .. } => compare(f, app, body),
    }
    f.render_widget(
        Paragraph::new(fit(&sanitize(&status_line(app)), width)).style(Style::new().add_modifier(Modifier::REVERSED)),
        bottom,
    );
    if app.help {
        help(f, app, area);
    }
}

fn tabs(table: crate::model::TableId) -> String {
    crate::model::TableId::ALL
        .iter()
        .map(|t| {
            if *t == table {
                format!("[{}]", t.as_str())
            } else {
                t.as_str().to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn status_line(app: &App) -> String {
    match &app.prompt {
        Some(Prompt::Search) => return format!("/{}", app.query),
        Some(Prompt::Thresholds(t)) => return format!("thresholds `abs rel% base` (Enter applies, Esc keeps): {t}"),
        Some(Prompt::ExportFormat) => {
            return "export the view: c CSV · u CSV without BOM · x XLSX · Esc cancel".to_string();
        }
        Some(Prompt::Overwrite(_)) => return app.status.clone(),
        None => {}
    }
    if !app.status.is_empty() {
        return app.status.clone();
    }
    let k = &app.settings.keymap;
    let hints: &[(Action, &str)] = match app.screen {
        Screen::Browse | Screen::BadFiles => &[
            (Action::Search, "search"),
            (Action::Open, "open"),
            (Action::Mark, "mark"),
            (Action::Compare, "compare"),
            (Action::ComparePrevious, "prev"),
            (Action::FilterYear, "year"),
            (Action::Sort, "sort"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
        _ => &[
            (Action::NextTable, "table"),
            (Action::NextFlag, "flag"),
            (Action::Findings, "findings"),
            (Action::Export, "export"),
            (Action::Copy, "copy"),
            (Action::Thresholds, "thresholds"),
            (Action::Help, "help"),
            (Action::Back, "back"),
        ],
    };
    k.hints(hints)
}

fn browse(f: &mut Frame<'_>, app: &App, area: Rect) {
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    let mut lines = Vec::new();
    let mut info = format!("sort: {}", app.sort.as_str());
    if app.filter.active() {
        info = format!("filter: {} · {info}", app.filter.describe());
    }
    if !app.query.is_empty() {
        info = format!("search: {} · {info}", app.query);
    }
    lines.push(Line::from(fit(
        &sanitize(&format!(
            "{} of {} shown · {info}",
            app.visible.len(),
            app.lib.entries.len()
        )),
        width,
    )));
    if let Some(n) = &app.notice {
        lines.push(Line::styled(fit(&sanitize(n), width), style(&app.settings, Mark::Note)));
    }
    let agency_w = width.saturating_sub(47).clamp(12, 60);
    lines.push(Line::styled(
        fit(
            &format!(
                "   {}{}{}  {}{}{}{}",
                pad("agency", agency_w),
                rpad("year", 5),
                rpad("tpl", 5),
                pad("province", 12),
                pad("level", 10),
                rpad("err", 4),
                rpad("warn", 5)
            ),
            width,
        ),
        Style::new().add_modifier(Modifier::BOLD),
    ));
    let room = height.saturating_sub(lines.len());
    let first = app.selected.saturating_sub(room.saturating_sub(1));
    for (row, &i) in app.visible.iter().enumerate().skip(first).take(room) {
        let Some(e) = app.lib.entries.get(i) else { continue };
        let mark = if app.marks.0 == Some(i) {
            "A"
        } else if app.marks.1 == Some(i) {
            "B"
        } else {
            " "
        };
        let tpl = e.template.as_str().trim_start_matches("tpl").trim_start_matches("pre");
        let text = format!(
            "{mark}  {}{}{}  {}{}{}{}",
            pad(&sanitize(e.agency.as_deref().unwrap_or("?")), agency_w),
            rpad(&e.year.map_or("?".into(), |y| y.to_string()), 5),
            rpad(tpl, 5),
            pad(&sanitize(e.province.as_deref().unwrap_or("")), 12),
            pad(e.level.map_or("", |l| l.as_str()), 10),
            rpad(&e.errors.to_string(), 4),
            rpad(&e.warnings.to_string(), 5)
        );
        let mut st = if e.errors > 0 {
            style(&app.settings, Mark::Error)
        } else {
            Style::new()
        };
        if row == app.selected {
            st = st.add_modifier(Modifier::REVERSED);
        }
        lines.push(Line::styled(fit(&text, width), st));
    }
    if app.visible.is_empty() {
        lines.push(Line::from("   (no report matches; Esc clears the search and filters)"));
    }
    f.render_widget(Paragraph::new(lines), area);
}

fn bad_files(f: &mut Frame<'_>, app: &App, area: Rect) {
    let width = usize::from(area.width);
    let mut all = vec![format!("{} files could not be read", app.lib.errors.len())];
    all.extend(app.lib.errors.iter().map(|e| format!("  {}: {}", e.path, e.message)));
    all.push(format!(
        "{} duplicates (same agency and year in several files; none merged)",
        app.lib.duplicates.len()
    ));
    for d in &app.lib.duplicates {
        let names: Vec<&str> = d
            .iter()
            .filter_map(|&i| app.lib.entries.get(i).map(|e| &*e.path))
            .collect();
        let first = d.first().map(|&i| app.entry_label(i)).unwrap_or_default();
        all.push(format!("  {first}: {}", names.join(" = ")));
    }
    let lines: Vec<Line<'_>> = all
        .iter()
        .skip(app.scroll)
        .map(|l| Line::from(fit(&sanitize(l), width)))
        .collect();
    f.render_widget(Paragraph::new(lines), area);
}

fn meta_lines(app: &App, entry: usize, width: usize) -> Vec<Line<'static>> {
    let Some(e) = app.lib.entries.get(entry) else {
        return Vec::new();
    };
    let first = [
        e.agency.as_deref().unwrap_or("?").to_string(),
        e.year.map_or("?".into(), |y| y.to_string()),
        e.template.as_str().to_string(),
        e.province.as_deref().unwrap_or("").to_string(),
        e.level.map_or("", |l| l.as_str()).to_string(),
        e.division_code
            .as_deref()
            .map_or(String::new(), |c| format!("code {c}")),
        e.published
            .as_deref()
            .map_or(String::new(), |p| format!("published {p}")),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let second = format!("{} · {} errors · {} warnings", e.path, e.errors, e.warnings);
    vec![
        Line::styled(fit(&sanitize(&first), width), Style::new().add_modifier(Modifier::BOLD)),
        Line::from(fit(&sanitize(&second), width)),
    ]
}

fn report(f: &mut Frame<'_>, app: &App, entry: usize, area: Rect) {
    let width = usize::from(area.width);
    let meta = meta_lines(app, entry, width);
    let pane = pane_height(app, area);
    let [head, grid_area, pane_area] = Layout::vertical([
        Constraint::Length(meta.len() as u16),
        Constraint::Min(1),
        Constraint::Length(pane),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(meta), head);
    if let Some(g) = &app.grid {
        let lines = grid_lines(app, g, grid_area, false);
        f.render_widget(Paragraph::new(lines), grid_area);
    }
    lower_pane(f, app, pane_area);
}

fn compare(f: &mut Frame<'_>, app: &App, area: Rect) {
    let Some(g) = &app.grid else { return };
    let width = usize::from(area.width);
    let mut head = vec![Line::from(fit(&sanitize(&g.title), width))];
    for n in &g.notes {
        head.push(Line::styled(
            fit(&format!("note: {}", sanitize(n)), width),
            style(&app.settings, Mark::Note),
        ));
    }
    let pane = pane_height(app, area);
    let [top, grid_area, pane_area] = Layout::vertical([
        Constraint::Length(head.len() as u16),
        Constraint::Min(1),
        Constraint::Length(pane),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(head), top);
    f.render_widget(Paragraph::new(grid_lines(app, g, grid_area, true)), grid_area);
    lower_pane(f, app, pane_area);
}

fn pane_height(app: &App, area: Rect) -> u16 {
    if app.panel.is_some() {
        let want = app.findings.len() as u16 + 2;
        want.min(area.height / 2).max(3)
    } else {
        3.min(area.height.saturating_sub(4))
    }
}

/// A column header split into its group (table-2 column, when all seven are shown) and its own
/// name (`A`, `B`, `Δ`, `Δ%`, `flags`).
fn header(g: &Grid, c: usize) -> (&str, &str) {
    let h = g.headers.get(c + 1).map_or("", |h| h.as_str());
    match h.rsplit_once(' ') {
        Some((group, sub)) => (group, sub),
        None => ("", h),
    }
}

/// Widths of the cells of a grid (in terminal cells, a space included).
fn column_widths(g: &Grid) -> Vec<usize> {
    let n = g.headers.len().saturating_sub(1);
    (0..n)
        .map(|c| {
            let head = header(g, c).1.width();
            let cells = g
                .rows
                .iter()
                .filter_map(|r| r.cells.get(c))
                .map(|x| x.text.width())
                .max()
                .unwrap_or(0);
            let cap = if header(g, c).1 == "flags" { 18 } else { 12 };
            head.max(cells).clamp(4, cap) + 1
        })
        .collect()
}

fn cell_style(app: &App, c: &GridCell) -> Style {
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
fn grid_lines(app: &App, g: &Grid, area: Rect, compare: bool) -> Vec<Line<'static>> {
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    let widths = column_widths(g);
    let total: usize = widths.iter().sum();
    let label_max = g.rows.iter().map(|r| r.label.width()).max().unwrap_or(4).max(4);
    let label_w = if width >= 100 {
        label_max.min(34)
    } else {
        label_max.min(width.saturating_sub(total).clamp(12, 24))
    };
    let (cur_row, cur_col) = app.cursor;
    let group: usize = if compare { 5 } else { widths.len().max(1) };
    let first_group: usize = widths.iter().take(group).sum();
    let stacked = compare && label_w + first_group > width;
    let mut lines = Vec::new();
    if stacked {
        let g0 = cur_col / 5 * 5;
        let group = header(g, g0).0;
        lines.push(Line::styled(
            fit(&format!("A over B (narrow terminal) {group}"), width),
            Style::new().add_modifier(Modifier::BOLD),
        ));
        let room = height.saturating_sub(1) / 2;
        let first = cur_row.saturating_sub(room.saturating_sub(1));
        let lw = width.saturating_sub(11).max(4);
        for (r, row) in g.rows.iter().enumerate().skip(first).take(room) {
            let cells: Vec<&GridCell> = row.cells.iter().skip(g0).take(5).collect();
            let text = |i: usize| cells.get(i).map_or(String::new(), |c| sanitize(&c.text));
            let st = |i: usize| cells.get(i).map_or(Style::new(), |c| cell_style(app, c));
            let mut label = Style::new();
            if r == cur_row {
                label = label.add_modifier(Modifier::REVERSED);
            }
            lines.push(Line::from(vec![
                Span::styled(pad(&sanitize(&row.label), lw), label),
                Span::styled(format!(" A {}", rpad(&text(0), 7)), st(0)),
            ]));
            let change = format!("  Δ {} {} {}", text(2), text(3), text(4));
            lines.push(Line::from(vec![
                Span::styled(pad(&fit(&change, lw), lw), st(2)),
                Span::styled(format!(" B {}", rpad(&text(1), 7)), st(1)),
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
            while c < end && header(g, c).0 == group {
                span += widths.get(c).copied().unwrap_or(0);
                c += 1;
            }
            groups.push(Span::styled(pad(&fit(&format!(" {group}"), span), span), bold));
        }
        lines.push(Line::from(groups));
    }
    let mut head = vec![Span::styled(pad(&more("row"), label_w), bold)];
    for (c, w) in widths.iter().enumerate().take(end).skip(start) {
        let h = header(g, c).1;
        head.push(Span::styled(format!(" {}", rpad(&fit(h, w - 1), w - 1)), bold));
    }
    lines.push(Line::from(head));
    let room = height.saturating_sub(lines.len());
    let first = cur_row.saturating_sub(room.saturating_sub(1));
    for (r, row) in g.rows.iter().enumerate().skip(first).take(room) {
        let mut label_style = Style::new();
        if r == cur_row {
            label_style = label_style.add_modifier(Modifier::BOLD);
        }
        let mut spans = vec![Span::styled(pad(&sanitize(&row.label), label_w), label_style)];
        for (c, w) in widths.iter().enumerate().take(end).skip(start) {
            let Some(cell) = row.cells.get(c) else { break };
            let mut st = cell_style(app, cell);
            if (r, c) == (cur_row, cur_col) {
                st = st.add_modifier(Modifier::REVERSED);
            }
            let text = fit(&sanitize(&cell.text), w - 1);
            let shown = if header(g, c).1 == "flags" {
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

/// The entry a grid cell's side points at.
fn entry_of_side(app: &App, side: u8) -> Option<usize> {
    match app.screen {
        Screen::Report { entry, .. } => Some(entry),
        Screen::Compare { a, b, .. } => Some(if side == 0 { a } else { b }),
        _ => None,
    }
}

/// Below the grid: the selected cell's provenance and findings, or the findings list.
fn lower_pane(f: &mut Frame<'_>, app: &App, area: Rect) {
    let width = usize::from(area.width);
    if let Some(sel) = app.panel {
        let inner = usize::from(area.height.saturating_sub(2));
        let first = sel.saturating_sub(inner.saturating_sub(1));
        let lines: Vec<Line<'_>> = app
            .findings
            .iter()
            .enumerate()
            .skip(first)
            .take(inner)
            .map(|(i, fd)| {
                let side = app.side_of_file(&fd.file);
                let text = format!(
                    "{side}{} {} {}",
                    fd.rule,
                    fd.keys.first().map_or("", |k| k.as_str()),
                    fd.message
                );
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
        let title = format!(
            " findings {}/{} · Enter jumps · Esc closes ",
            sel + 1,
            app.findings.len()
        );
        f.render_widget(Paragraph::new(lines).block(block(&app.settings, &title)), area);
        return;
    }
    let Some(g) = &app.grid else { return };
    let cell = g.rows.get(app.cursor.0).and_then(|r| r.cells.get(app.cursor.1));
    let mut lines = Vec::new();
    match cell.and_then(|c| c.source.as_ref()) {
        Some((side, key)) => {
            let who = if matches!(app.screen, Screen::Compare { .. }) {
                if *side == 0 { "A " } else { "B " }
            } else {
                ""
            };
            let (prov, place) = match entry_of_side(app, *side).and_then(|e| app.details.get(&e)) {
                None => ("reading the file for provenance…".to_string(), None),
                Some(Err(e)) => (format!("provenance unavailable: {e}"), None),
                Some(Ok(r)) => match catalog().id(key).and_then(|k| r.figures.get(k)) {
                    None => ("not in the report".to_string(), None),
                    Some(fig) => {
                        let value = match (fig.value, fig.state) {
                            (Some(v), _) => v.to_string(),
                            (None, CellState::Unknown) => "unreadable".into(),
                            (None, _) => "blank".into(),
                        };
                        let mut s = format!("= {value}");
                        if let Some(raw) = &fig.raw {
                            s.push_str(&format!(" · raw “{raw}”"));
                        }
                        let mut place = format!("  from {}", r.meta.source.path);
                        if let Some(at) = &fig.at {
                            place.push_str(&format!(" {at}"));
                        }
                        if let Some(n) = &fig.note {
                            place.push_str(&format!(" · {n}"));
                        }
                        (s, Some(place))
                    }
                },
            };
            lines.push(Line::from(fit(&sanitize(&format!("{who}{key} {prov}")), width)));
            if let Some(p) = place {
                lines.push(Line::from(fit(&sanitize(&p), width)));
            }
            let file = entry_of_side(app, *side)
                .and_then(|e| app.lib.entries.get(e))
                .map(|e| e.path.to_string());
            for fd in app
                .findings
                .iter()
                .filter(|fd| fd.keys.iter().any(|k| k == key) && app.file_matches(&fd.file, file.as_deref()))
            {
                let mark = if fd.severity == Severity::Error {
                    Mark::Error
                } else {
                    Mark::Warning
                };
                lines.push(Line::styled(
                    fit(&sanitize(&format!("{who}{} {}", fd.rule, fd.message)), width),
                    style(&app.settings, mark),
                ));
            }
        }
        None => {
            // Δ, Δ% or flags: say what the row's change is and why it is (not) flagged.
            if let Some(row) = g.rows.get(app.cursor.0)
                && matches!(app.screen, Screen::Compare { .. })
                && row.cells.iter().any(|c| !c.text.is_empty())
            {
                let g0 = app.cursor.1 / 5 * 5;
                let t = |i: usize| row.cells.get(g0 + i).map_or("", |c| c.text.as_str());
                let change = row.cells.get(g0 + 2).and_then(|c| c.change);
                let verdict = match change {
                    Some(Change::Increase) => "large increase",
                    Some(Change::Decrease) => "large decrease",
                    None => "not a large change",
                };
                lines.push(Line::from(fit(
                    &sanitize(&format!(
                        "{verdict}: {} → {}, Δ {} {} {}· {}",
                        t(0),
                        t(1),
                        t(2),
                        t(3),
                        if t(4).is_empty() {
                            String::new()
                        } else {
                            format!("{} ", t(4))
                        },
                        row.label,
                    )),
                    width,
                )));
            }
        }
    }
    if lines.len() < usize::from(area.height) {
        let n = app.findings.len();
        lines.push(Line::from(fit(
            &format!(
                "{n} findings (f lists them) · n/N next/previous flag · thresholds |Δ|≥{} |Δ%|≥{}%",
                app.settings.thresholds.min_abs,
                app.settings.thresholds.min_rel * 100.0
            ),
            width,
        )));
    }
    f.render_widget(Paragraph::new(lines), area);
}

fn help(f: &mut Frame<'_>, app: &App, area: Rect) {
    let entries = app.settings.keymap.help_lines();
    let w = area.width.min(100);
    let h = area.height.saturating_sub(2);
    let inner_h = usize::from(h.saturating_sub(2)).max(1);
    let columns = entries.len().div_ceil(inner_h).max(1);
    let col_w = usize::from(w.saturating_sub(2)) / columns;
    let popup = Rect::new(area.x + (area.width - w) / 2, area.y + 1, w, h);
    let key_w = entries.iter().map(|(k, _)| k.width()).max().unwrap_or(4).min(12) + 1;
    let lines: Vec<Line<'_>> = (0..inner_h)
        .map(|row| {
            let text: String = (0..columns)
                .filter_map(|c| entries.get(c * inner_h + row))
                .map(|(k, h)| {
                    pad(
                        &fit(&format!("{} {h}", pad(&fit(k, key_w - 1), key_w)), col_w - 1),
                        col_w,
                    )
                })
                .collect();
            Line::from(text)
        })
        .collect();
    f.render_widget(Clear, popup);
    f.render_widget(
        Paragraph::new(lines).block(block(&app.settings, " keys (any key closes) ")),
        popup,
    );
}
