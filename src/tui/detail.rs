//! The detail view: why a cell is flagged (see [`crate::grid::explain`]), wrapped to the
//! terminal's width and scrolled; nothing of it is cut. Opened by `Enter` on a flagged cell or
//! on a line of the findings list; closed by `Esc`, `Enter` or `q`.

use super::action::Action;
use super::theme::Mark;
use crate::compare::Change;
use crate::grid::explain::{Explanation, Flag, Item};
use crate::i18n::Lang;
use crate::rules::Severity;
use crate::text::{sanitize, shorten_left, width, wrap};
use crate::tr;

/// What the detail view explains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A line of the findings list.
    Finding(usize),
    /// A cell of the grid (row, cell).
    Cell(usize, usize),
}

/// The open detail view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Detail {
    /// What it explains.
    pub subject: Subject,
    /// The first line shown.
    pub scroll: usize,
}

/// What an action does to the view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Still open.
    Open,
    /// Closed.
    Closed,
    /// Not the view's (help, quit).
    Ignored,
}

impl Detail {
    /// Applies an action; `lines` and `height` are what the screen shows (to stop at the end).
    pub fn update(&mut self, action: Action, lines: usize, height: usize) -> Outcome {
        if let Some(delta) = action.rows() {
            let max = lines.saturating_sub(height);
            self.scroll = self.scroll.saturating_add_signed(delta).min(max);
            return Outcome::Open;
        }
        match action {
            Action::Back | Action::Open | Action::Quit => Outcome::Closed,
            Action::Help | Action::Redraw => Outcome::Ignored,
            _ => Outcome::Open,
        }
    }
}

/// One line of the view, with its mark.
pub(super) type Line = (String, Mark);

fn flag_mark(flag: Flag) -> Mark {
    match flag {
        Flag::Rule(Severity::Error) => Mark::Error,
        Flag::Rule(Severity::Warning) => Mark::Warning,
        Flag::Change(Change::Increase) => Mark::Up,
        Flag::Change(Change::Decrease) => Mark::Down,
    }
}

fn push(out: &mut Vec<Line>, text: &str, w: usize, indent: usize, mark: Mark) {
    lead(out, text, w, 0, indent, mark);
}

/// Wrapped text starting `first` cells in, continuing `indent` cells in.
fn lead(out: &mut Vec<Line>, text: &str, w: usize, first: usize, indent: usize, mark: Mark) {
    let pad = " ".repeat(first);
    for l in wrap(&sanitize(text), w.saturating_sub(first), indent.saturating_sub(first)) {
        out.push((format!("{pad}{l}"), mark));
    }
}

fn item_lines(out: &mut Vec<Line>, item: &Item, w: usize, lang: Lang) {
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    match item {
        Item::Para { label, text } => push(out, &format!("{label}{colon}{text}"), w, 2, Mark::None),
        Item::Note(text) => push(out, text, w, 2, Mark::None),
        Item::Figure {
            who,
            label,
            value,
            raw,
            from,
        } => {
            let who = if who.is_empty() {
                String::new()
            } else {
                format!("{who} ")
            };
            let mut text = format!("· {who}{label} = {value}");
            if let Some(raw) = raw {
                text.push_str(&format!(" ({})", tr!(lang, "explain.raw", raw = raw)));
            }
            push(out, &text, w, 4, Mark::None);
            if let Some(p) = from {
                let path = sanitize(&p.path);
                let at = p.at.as_deref().map(sanitize).unwrap_or_default();
                // The place stays whole; the path gives way, from its left.
                let room = w.saturating_sub(4 + 1 + width(&at)).max(12);
                let line = format!("{} {at}", shorten_left(&path, room));
                lead(out, line.trim_end(), w, 4, 6, Mark::Dim);
            }
        }
    }
}

/// The explanation as lines of at most `w` cells: wrapped, never cut (paths are shortened from
/// the left and put on a line of their own).
pub(super) fn lines(e: &Explanation, w: usize, lang: Lang) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    push(&mut out, &e.heading, w, 0, Mark::Heading);
    for item in &e.figures {
        item_lines(&mut out, item, w, lang);
    }
    if e.sections.is_empty() {
        push(&mut out, &lang.tr("explain.none"), w, 0, Mark::None);
    }
    for s in &e.sections {
        out.push((String::new(), Mark::None));
        push(&mut out, &s.title, w, 0, flag_mark(s.flag));
        for item in &s.items {
            item_lines(&mut out, item, w, lang);
        }
    }
    out
}
