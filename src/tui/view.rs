//! Drawing: a pure function of the state. Widths are measured in terminal cells and text is
//! truncated with `…` here; report text is sanitised before it reaches the terminal.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::app::{App, Screen};
use super::keymap::{KEYMAP, hints};
use crate::cli::table_text::{fit, pad, render as report_text, rpad};
use crate::compare::Change;
use crate::ingest::normalize::sanitize;
use crate::rules::Severity;

/// Smallest usable size.
pub const MIN: (u16, u16) = (40, 10);

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
        Screen::Browse => format!("xxgk  {}", app.status),
        Screen::Report(_) => "xxgk  report (Esc back, p previous year)".to_string(),
        Screen::Compare { table, .. } => format!("xxgk  compare {table} (Tab table, l column, e export, Esc back)"),
    };
    f.render_widget(
        Paragraph::new(fit(&sanitize(&title), width)).style(Style::new().add_modifier(Modifier::BOLD)),
        top,
    );
    match &app.screen {
        Screen::Browse => browse(f, app, body),
        Screen::Report(i) => report(f, app, *i, body),
        Screen::Compare { .. } => compare(f, app, body),
    }
    let status = if app.typing {
        format!("/{}", app.query)
    } else if !app.status.is_empty() && app.screen != Screen::Browse {
        app.status.clone()
    } else {
        hints()
    };
    f.render_widget(
        Paragraph::new(fit(&sanitize(&status), width)).style(Style::new().add_modifier(Modifier::REVERSED)),
        bottom,
    );
    if app.help {
        help(f, area);
    }
}

fn browse(f: &mut Frame<'_>, app: &App, area: Rect) {
    let height = usize::from(area.height);
    let first = app.selected.saturating_sub(height.saturating_sub(2));
    let mut lines = vec![Line::from(format!(
        "   {}{}{}{}{}",
        pad("agency", 28),
        rpad("year", 5),
        rpad("tpl", 8),
        rpad("err", 4),
        rpad("warn", 5)
    ))];
    for (row, &i) in app
        .visible
        .iter()
        .enumerate()
        .skip(first)
        .take(height.saturating_sub(1))
    {
        let Some(e) = app.lib.entries.get(i) else { continue };
        let mark = if app.marks.0 == Some(i) {
            "A"
        } else if app.marks.1 == Some(i) {
            "B"
        } else {
            " "
        };
        let text = format!(
            "{mark}  {}{}{}{}{}",
            pad(&sanitize(e.agency.as_deref().unwrap_or("?")), 28),
            rpad(&e.year.map_or("?".into(), |y| y.to_string()), 5),
            rpad(e.template.as_str(), 8),
            rpad(&e.errors.to_string(), 4),
            rpad(&e.warnings.to_string(), 5)
        );
        let mut style = Style::new();
        if e.errors > 0 {
            style = style.fg(Color::Red);
        }
        if row == app.selected {
            style = style.add_modifier(Modifier::REVERSED);
        }
        lines.push(Line::styled(fit(&text, usize::from(area.width)), style));
    }
    if app.visible.is_empty() {
        lines.push(Line::from("   (no report matches)"));
    }
    f.render_widget(Paragraph::new(lines), area);
}

fn report(f: &mut Frame<'_>, app: &App, i: usize, area: Rect) {
    let Some(r) = app.lib.entries.get(i).map(|e| e.to_report()) else {
        return;
    };
    let text = report_text(&r);
    let lines: Vec<Line<'_>> = text
        .lines()
        .skip(app.scroll)
        .map(|l| Line::from(fit(&sanitize(l), usize::from(area.width))))
        .collect();
    f.render_widget(Paragraph::new(lines), area);
}

fn compare(f: &mut Frame<'_>, app: &App, area: Rect) {
    let Some(g) = &app.grid else { return };
    let width = usize::from(area.width);
    let label_w = if width >= 100 { 30 } else { 20 };
    let mut lines = vec![Line::from(fit(&sanitize(&g.title), width))];
    for n in &g.notes {
        lines.push(Line::styled(
            fit(&format!("note: {}", sanitize(n)), width),
            Style::new().fg(Color::Yellow),
        ));
    }
    let head: String = g
        .headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            if i == 0 {
                pad(h, label_w)
            } else {
                format!(" {}", rpad(h, 8))
            }
        })
        .collect();
    lines.push(Line::styled(
        fit(&head, width),
        Style::new().add_modifier(Modifier::BOLD),
    ));
    for r in g.rows.iter().skip(app.scroll) {
        let mut spans = vec![Span::raw(pad(&sanitize(&r.label), label_w))];
        for c in &r.cells {
            let mut style = Style::new();
            match c.rule {
                Some(Severity::Error) => style = style.fg(Color::Red).add_modifier(Modifier::BOLD),
                Some(Severity::Warning) => style = style.fg(Color::Yellow),
                None => {}
            }
            match c.change {
                Some(Change::Increase) => style = style.fg(Color::Blue).add_modifier(Modifier::BOLD),
                Some(Change::Decrease) => style = style.fg(Color::Magenta).add_modifier(Modifier::BOLD),
                None => {}
            }
            spans.push(Span::styled(format!(" {}", rpad(&sanitize(&c.text), 8)), style));
        }
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines), area);
}

fn help(f: &mut Frame<'_>, area: Rect) {
    let w = area.width.saturating_sub(4).min(60);
    let h = area.height.saturating_sub(2).min(KEYMAP.len() as u16 + 2);
    let popup = Rect::new(area.x + (area.width - w) / 2, area.y + 1, w, h);
    let lines: Vec<Line<'_>> = KEYMAP
        .iter()
        .map(|b| {
            Line::from(fit(
                &format!("{} {}", pad(b.name, 7), b.help),
                usize::from(w.saturating_sub(2)),
            ))
        })
        .collect();
    f.render_widget(Clear, popup);
    f.render_widget(
        Paragraph::new(lines).block(Block::new().borders(Borders::ALL).title("keys")),
        popup,
    );
}
