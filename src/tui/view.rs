//! Drawing: a pure function of the state. Widths are measured in terminal cells and text is
//! truncated with `…` here; report text is sanitised before it reaches the terminal.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::action::Action;
use super::app::{App, Prompt, Screen};
use super::table::{grid_lines, lower_pane};
use super::theme::{Mark, block, style};
use crate::cast::u16_sat;
use crate::grid::{Applicants, Cell, RowKind, bad_files as bad_files_grid, reports_list};
use crate::text::{fit, pad, rpad, sanitize};
use crate::tr;

/// Smallest usable size.
pub const MIN: (u16, u16) = (40, 10);

/// Draws the whole screen.
pub fn draw(f: &mut Frame<'_>, app: &App) {
    let area = f.area();
    if area.width < MIN.0 || area.height < MIN.1 {
        let msg = tr!(
            app.settings.lang,
            "ui.too_small",
            w = MIN.0,
            h = MIN.1,
            cw = area.width,
            ch = area.height
        );
        f.render_widget(Paragraph::new(fit(&msg, usize::from(area.width))), area);
        return;
    }
    let [top, body, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let width = usize::from(area.width);
    let lang = app.settings.lang;
    let title = match &app.screen {
        Screen::Browse => {
            // The folder open (as the user named it), cut from the left when the line is short.
            let summary = app.summary();
            let root = app.lib.root.display().to_string();
            let room = width.saturating_sub(summary.width() + 8).max(12);
            if root.is_empty() {
                format!("xxgk  {summary}")
            } else {
                format!("xxgk  {}  {summary}", crate::text::shorten_left(&root, room))
            }
        }
        Screen::BadFiles => lang.tr("ui.title_bad_files").into_owned(),
        Screen::Report { table, .. } => tr!(lang, "ui.title_report", tabs = tabs(*table)),
        Screen::Compare { table, columns, .. } => {
            let col = match (table, columns) {
                (crate::model::TableId::T2, Applicants::All) => "全部",
                (crate::model::TableId::T2, c) => c.label(),
                _ => "",
            };
            let col = if col.is_empty() {
                String::new()
            } else {
                format!(" {col}")
            };
            tr!(lang, "ui.title_compare", tabs = tabs(*table), col = col)
        }
        Screen::Rollup { .. } => lang.tr("ui.title_rollup").into_owned(),
        Screen::Evaluator { .. } => lang.tr("ui.title_evaluator").into_owned(),
        Screen::Changes { .. } => lang.tr("ui.title_changes").into_owned(),
        Screen::GroupCompare { .. } => lang.tr("ui.title_group_compare").into_owned(),
        Screen::Trend { table, columns, .. } => {
            let col = if *table == crate::model::TableId::T2 {
                format!(" {}", columns.label())
            } else {
                String::new()
            };
            tr!(lang, "ui.title_trend", tabs = tabs(*table), col = col)
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
        Screen::Compare { .. }
        | Screen::Trend { .. }
        | Screen::Rollup { .. }
        | Screen::Evaluator { .. }
        | Screen::Changes { .. }
        | Screen::GroupCompare { .. } => compare(f, app, body),
    }
    f.render_widget(
        Paragraph::new(fit(&sanitize(&status_line(app)), width)).style(Style::new().add_modifier(Modifier::REVERSED)),
        bottom,
    );
    if let Some(d) = app.detail {
        detail(f, app, d, body);
    }
    if app.help {
        help(f, app, area);
    }
}

/// Clears the area of a popup, and the wide characters of the screen below that reach into it
/// from the left: a double-width glyph in the column before the popup covers the popup's edge
/// on the terminal (the border there went missing).
fn clear_popup(f: &mut Frame<'_>, area: Rect) {
    f.render_widget(Clear, area);
    if area.x == 0 {
        return;
    }
    let buf = f.buffer_mut();
    for y in area.top()..area.bottom() {
        if let Some(cell) = buf.cell_mut((area.x - 1, y))
            && cell.symbol().width() > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// The detail view over the body: wrapped to its width, scrolled, nothing cut.
fn detail(f: &mut Frame<'_>, app: &App, d: super::detail::Detail, area: Rect) {
    let lang = app.settings.lang;
    let inner_w = usize::from(area.width.saturating_sub(2));
    let inner_h = usize::from(area.height.saturating_sub(2));
    let all = super::detail::lines(&app.explanation(d.subject), inner_w, lang);
    let first = d.scroll.min(all.len().saturating_sub(inner_h));
    let lines: Vec<Line<'_>> = all
        .into_iter()
        .skip(first)
        .take(inner_h)
        .map(|(text, mark)| Line::styled(text, style(&app.settings, mark)))
        .collect();
    clear_popup(f, area);
    f.render_widget(
        Paragraph::new(lines).block(block(&app.settings, &lang.tr("explain.title"))),
        area,
    );
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
        Some(Prompt::Search) => return format!("/{}", app.browse.query),
        Some(Prompt::Find(text)) if app.status.is_empty() => return format!("/{text}"),
        Some(Prompt::Find(text)) => return format!("/{text}   {}", app.status),
        Some(Prompt::Thresholds(t)) => return tr!(app.settings.lang, "ui.prompt_thresholds", text = t),
        Some(Prompt::ExportFormat) => return app.settings.lang.tr("ui.prompt_export").into_owned(),
        Some(Prompt::Overwrite(_)) => return app.status.clone(),
        None => {}
    }
    if !app.status.is_empty() {
        return app.status.clone();
    }
    if app.detail.is_some() {
        return app.settings.lang.tr("explain.scroll").into_owned();
    }
    let k = &app.settings.keymap;
    let hints: &[Action] = match app.screen {
        Screen::Browse | Screen::BadFiles => &[
            Action::Search,
            Action::Open,
            Action::Mark,
            Action::Compare,
            Action::ComparePrevious,
            Action::Trend,
            Action::Help,
            Action::Quit,
        ],
        Screen::GroupCompare { .. } => &[
            Action::Search,
            Action::Thresholds,
            Action::Export,
            Action::Copy,
            Action::Help,
            Action::Back,
        ],
        Screen::Changes { .. } => &[
            Action::Open,
            Action::Search,
            Action::Thresholds,
            Action::Export,
            Action::Copy,
            Action::Help,
            Action::Back,
        ],
        Screen::Evaluator { .. } => &[
            Action::Sort,
            Action::Open,
            Action::Trend,
            Action::Export,
            Action::Copy,
            Action::Help,
            Action::Back,
        ],
        Screen::Rollup { .. } => &[
            Action::Sort,
            Action::Columns,
            Action::Open,
            Action::Export,
            Action::Copy,
            Action::Help,
            Action::Back,
        ],
        Screen::Trend { .. } => &[
            Action::NextTable,
            Action::NextFlag,
            Action::Open,
            Action::Columns,
            Action::Export,
            Action::Copy,
            Action::Help,
            Action::Back,
        ],
        _ => &[
            Action::NextTable,
            Action::NextFlag,
            Action::Findings,
            Action::Export,
            Action::Copy,
            Action::Thresholds,
            Action::Help,
            Action::Back,
        ],
    };
    k.hints(hints, app.settings.lang)
}

fn browse(f: &mut Frame<'_>, app: &App, area: Rect) {
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    let mut lines = Vec::new();
    let lang = app.settings.lang;
    let mut info = tr!(lang, "browse.sort", by = app.browse.sort.label(lang));
    if !app.lib.duplicates.is_empty() {
        info = format!("{info} · {}", lang.tr("browse.dup_legend"));
    }
    if app.browse.filter.active() {
        info = tr!(
            lang,
            "browse.filter",
            what = app.browse.filter.describe(lang),
            rest = info
        );
    }
    if !app.browse.query.is_empty() {
        info = tr!(lang, "browse.search", query = app.browse.query, rest = info);
    }
    let mut header = tr!(
        lang,
        "browse.shown",
        shown = app.browse.visible.len(),
        total = app.lib.entries.len(),
        info = info
    );
    if let Some((done, total)) = app.loading {
        header = tr!(lang, "browse.loading", done = done, total = total, rest = header);
    }
    lines.push(Line::from(fit(&sanitize(&header), width)));
    if let Some(n) = &app.notice {
        lines.push(Line::styled(fit(&sanitize(n), width), style(&app.settings, Mark::Note)));
    }
    // The rows in view, as the list grid that `e` exports whole.
    let room = height.saturating_sub(lines.len() + 1);
    let first = app.browse.selected.saturating_sub(room.saturating_sub(1));
    let window = app
        .browse
        .visible
        .get(first..(first + room).min(app.browse.visible.len()))
        .unwrap_or(&[]);
    let g = reports_list(&app.lib, window, app.settings.lang);
    // Agency names are rarely wider than 30 cells: a wide terminal gives the rest to the file.
    let agency_w = width.saturating_sub(48).clamp(12, 36);
    // Fixed widths so the columns do not move while scrolling; the file column takes the rest.
    let widths = [5usize, 6, 12, 10, 4, 5];
    let used = 3 + agency_w + widths.iter().sum::<usize>() + 2;
    let file_w = width.saturating_sub(used + 2);
    // Numbers and the template's year right-aligned, words left.
    let right = [true, true, false, false, true, true];
    let line = |mark: &str, dup: &str, label: &str, texts: &[&str]| -> String {
        let mut s = format!("{mark}{dup} {}", pad(label, agency_w));
        for (c, text) in texts.iter().enumerate() {
            match widths.get(c) {
                // The province after the template and the file after the counts get a gap.
                Some(w) => {
                    if c == 2 {
                        s.push_str("  ");
                    }
                    s.push_str(&if right.get(c) == Some(&true) {
                        rpad(text, *w)
                    } else {
                        pad(text, *w)
                    });
                }
                None if file_w >= 12 => {
                    s.push_str("  ");
                    s.push_str(&pad(text, file_w));
                }
                None => {}
            }
        }
        s
    };
    let headers: Vec<&str> = g.columns.iter().map(|c| c.header.as_str()).collect();
    lines.push(Line::styled(
        fit(&line(" ", " ", &g.label_header, &headers), width),
        Style::new().add_modifier(Modifier::BOLD),
    ));
    for (n, row) in g.rows.iter().enumerate() {
        let RowKind::Item(Some(i)) = row.kind else { continue };
        let mark = if app.browse.marks.0 == Some(i) {
            "A"
        } else if app.browse.marks.1 == Some(i) {
            "B"
        } else {
            " "
        };
        let texts: Vec<String> = row.cells.iter().map(|c| sanitize(&c.text)).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        // `=`: another file has the same agency and year (the file column names it).
        let dup = if app.lib.duplicates.iter().any(|d| d.contains(&i)) {
            "="
        } else {
            " "
        };
        let text = line(mark, dup, &sanitize(&row.label), &texts);
        let errors = app.lib.entries.get(i).is_some_and(|e| e.errors > 0);
        let mut st = if errors {
            style(&app.settings, Mark::Error)
        } else {
            Style::new()
        };
        if first + n == app.browse.selected {
            st = st.add_modifier(Modifier::REVERSED);
        }
        lines.push(Line::styled(fit(&text, width), st));
    }
    if app.lib.entries.is_empty() && app.loading.is_some() {
        // Nothing read yet: the header says how far the reading is.
    } else if app.lib.entries.is_empty() {
        // Nothing found at all: say so, and what would have been read.
        let dir = sanitize(&app.lib.root.display().to_string());
        lines.push(Line::from(fit(&tr!(lang, "browse.empty", dir = dir), width)));
        lines.push(Line::from(fit(&lang.tr("browse.empty_kinds"), width)));
    } else if app.browse.visible.is_empty() {
        lines.push(Line::from(lang.tr("browse.none").into_owned()));
    }
    f.render_widget(Paragraph::new(lines), area);
}

fn bad_files(f: &mut Frame<'_>, app: &App, area: Rect) {
    let width = usize::from(area.width);
    let g = bad_files_grid(&app.lib, app.settings.lang);
    let lines: Vec<Line<'_>> = g
        .rows
        .iter()
        .skip(app.scroll)
        .map(|r| {
            let text = match (r.kind, r.cells.first()) {
                (RowKind::Heading, _) | (_, None) => r.label.clone(),
                (_, Some(Cell { text, .. })) => format!("  {}: {text}", r.label),
            };
            Line::from(fit(&sanitize(&text), width))
        })
        .collect();
    f.render_widget(Paragraph::new(lines), area);
}

fn meta_lines(app: &App, entry: usize, width: usize) -> Vec<Line<'static>> {
    let Some(e) = app.lib.entries.get(entry) else {
        return Vec::new();
    };
    let lang = app.settings.lang;
    let first = [
        e.agency.as_deref().unwrap_or("?").to_string(),
        e.year.map_or("?".into(), |y| y.to_string()),
        crate::rules::template_name(e.template, lang),
        e.province.as_deref().unwrap_or("").to_string(),
        e.level.map_or(String::new(), |l| {
            lang.tr(&format!("level.{}", l.as_str())).into_owned()
        }),
        e.division_code
            .as_deref()
            .map_or(String::new(), |c| tr!(lang, "ui.code", code = c)),
        e.published
            .as_deref()
            .map_or(String::new(), |p| tr!(lang, "ui.published", date = p)),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let second = tr!(
        lang,
        "ui.path_counts",
        path = e.path,
        errors = e.errors,
        warnings = e.warnings
    );
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
        Constraint::Length(u16_sat(meta.len())),
        Constraint::Min(1),
        Constraint::Length(pane),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(meta), head);
    let lines = grid_lines(app, &app.sheet.grid, grid_area, false);
    f.render_widget(Paragraph::new(lines), grid_area);
    lower_pane(f, app, pane_area);
}

fn compare(f: &mut Frame<'_>, app: &App, area: Rect) {
    let g = &app.sheet.grid;
    let width = usize::from(area.width);
    let mut head = vec![Line::from(fit(&sanitize(&g.title), width))];
    for n in &g.notes {
        head.push(Line::styled(
            fit(&tr!(app.settings.lang, "ui.note", text = sanitize(n)), width),
            style(&app.settings, Mark::Note),
        ));
    }
    let pane = pane_height(app, area);
    let [top, grid_area, pane_area] = Layout::vertical([
        Constraint::Length(u16_sat(head.len())),
        Constraint::Min(1),
        Constraint::Length(pane),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(head), top);
    let side_by_side = matches!(app.screen, Screen::Compare { .. });
    f.render_widget(Paragraph::new(grid_lines(app, g, grid_area, side_by_side)), grid_area);
    lower_pane(f, app, pane_area);
}

fn pane_height(app: &App, area: Rect) -> u16 {
    if app.sheet.panel.is_some() {
        let want = u16_sat(app.sheet.findings.len()).saturating_add(2);
        want.min(area.height / 2).max(3)
    } else {
        3.min(area.height.saturating_sub(4))
    }
}

/// The actions of what is on screen, for the top of the help.
fn screen_actions(app: &App) -> &'static [Action] {
    use Action::*;
    const DETAIL: &[Action] = &[Up, Down, PageUp, PageDown, Top, Bottom, Back, Open, Help];
    const BROWSE: &[Action] = &[
        Up,
        Down,
        PageUp,
        PageDown,
        Top,
        Bottom,
        Search,
        Open,
        Mark,
        Compare,
        ComparePrevious,
        Trend,
        FilterYear,
        FilterProvince,
        FilterLevel,
        FilterErrors,
        Sort,
        Order,
        Evaluator,
        BadFiles,
        Export,
        Copy,
        Help,
        Quit,
    ];
    const BAD: &[Action] = &[Up, Down, PageUp, PageDown, Top, Bottom, Back, BadFiles, Help, Quit];
    const REPORT: &[Action] = &[
        Up,
        Down,
        Left,
        Right,
        PageUp,
        PageDown,
        Top,
        Bottom,
        NextTable,
        PrevTable,
        NextFlag,
        PrevFlag,
        Findings,
        Search,
        Open,
        ComparePrevious,
        PrevYear,
        NextYear,
        Trend,
        Export,
        Copy,
        Back,
        Help,
        Quit,
    ];
    const COMPARE: &[Action] = &[
        Up, Down, Left, Right, PageUp, PageDown, Top, Bottom, NextTable, PrevTable, NextFlag, PrevFlag, Findings,
        Search, Swap, PrevYear, NextYear, Trend, Open, Columns, Order, Thresholds, Export, Copy, Back, Help, Quit,
    ];
    const TREND: &[Action] = &[
        Up, Down, Left, Right, PageUp, PageDown, Top, Bottom, NextTable, PrevTable, NextFlag, PrevFlag, Findings, Open,
        Search, Columns, Order, Export, Copy, Back, Help, Quit,
    ];
    const EVALUATOR: &[Action] = &[
        Up,
        Down,
        Left,
        Right,
        PageUp,
        PageDown,
        Top,
        Bottom,
        Search,
        Sort,
        Open,
        ComparePrevious,
        Trend,
        Export,
        Copy,
        Back,
        Help,
        Quit,
    ];
    const CHANGES: &[Action] = &[
        Up, Down, Left, Right, PageUp, PageDown, Top, Bottom, Search, Open, Thresholds, Export, Copy, Back, Help, Quit,
    ];
    const GROUPS: &[Action] = &[
        Up, Down, Left, Right, PageUp, PageDown, Top, Bottom, Search, Thresholds, Export, Copy, Back, Help, Quit,
    ];
    const ROLLUP: &[Action] = &[
        Up, Down, Left, Right, PageUp, PageDown, Top, Bottom, Search, Sort, Columns, Open, Mark, Compare, Export, Copy,
        Back, Help, Quit,
    ];
    if app.detail.is_some() {
        return DETAIL;
    }
    match app.screen {
        Screen::Browse => BROWSE,
        Screen::BadFiles => BAD,
        Screen::Report { .. } => REPORT,
        Screen::Compare { .. } => COMPARE,
        Screen::Trend { .. } => TREND,
        Screen::Rollup { .. } => ROLLUP,
        Screen::Evaluator { .. } => EVALUATOR,
        Screen::Changes { .. } => CHANGES,
        Screen::GroupCompare { .. } => GROUPS,
    }
}

fn help(f: &mut Frame<'_>, app: &App, area: Rect) {
    let entries = app.settings.keymap.help_lines(screen_actions(app), app.settings.lang);
    let w = area.width.min(100);
    // The whole height (over the title and the status bar): two columns of keys at 80×24.
    let h = area.height;
    // The last inner line is the legend of colours and marks.
    let inner_h = usize::from(h.saturating_sub(3)).max(1);
    let columns = entries.len().div_ceil(inner_h).max(1);
    let col_w = usize::from(w.saturating_sub(2)) / columns;
    let popup = Rect::new(area.x + (area.width - w) / 2, area.y, w, h);
    // Each column's keys as wide as its widest, so that the words get the rest.
    let key_ws: Vec<usize> = (0..columns)
        .map(|c| {
            entries
                .iter()
                .skip(c * inner_h)
                .take(inner_h)
                .map(|(k, _)| k.width())
                .max()
                .unwrap_or(4)
                .min(12)
                + 1
        })
        .collect();
    let mut lines: Vec<Line<'_>> = (0..inner_h)
        .map(|row| {
            let text: String = (0..columns)
                .filter_map(|c| {
                    entries
                        .get(c * inner_h + row)
                        .map(|e| (e, key_ws.get(c).copied().unwrap_or(5)))
                })
                .map(|((k, h), key_w)| {
                    // A line without keys heads a group.
                    let line = if k.is_empty() {
                        format!("— {h} —")
                    } else {
                        format!("{} {h}", pad(&fit(k, key_w - 1), key_w))
                    };
                    pad(&fit(&line, col_w - 1), col_w)
                })
                .collect();
            Line::from(text)
        })
        .collect();
    lines.push(Line::from(fit(
        &app.settings.lang.tr("help.legend"),
        usize::from(w.saturating_sub(2)),
    )));
    clear_popup(f, popup);
    f.render_widget(
        Paragraph::new(lines).block(block(&app.settings, &app.settings.lang.tr("help.title"))),
        popup,
    );
}
