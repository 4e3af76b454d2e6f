//! The state of a screen that shows one grid (the report and compare screens): the grid, the
//! findings of the reports on it, the cursor and the findings list, and what moving about does.
//! Building the grid is the app's business; this knows only the grid.

use super::action::Action;
use crate::grid::Grid;
use crate::i18n::Lang;
use crate::rules::Finding;
use crate::tr;

/// A grid on screen.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    /// The table.
    pub grid: Grid,
    /// The findings of the report(s) on screen.
    pub findings: Vec<Finding>,
    /// The selected cell (row, cell).
    pub cursor: (usize, usize),
    /// The findings list, open with its selected line.
    pub panel: Option<usize>,
}

/// What a sheet action asks of the app.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Nothing more.
    Done,
    /// Show this in the status bar.
    Status(String),
    /// Jump to the cell of this finding (it may be in another table).
    JumpTo(usize),
    /// Open the detail view.
    Explain(super::detail::Subject),
    /// Not a sheet action.
    Ignored,
}

impl Sheet {
    /// A new grid: the cursor is kept when `keep` (the same reports, another table or threshold),
    /// else starts at the top with the findings list closed.
    pub fn replace(&mut self, grid: Grid, findings: Vec<Finding>, keep: bool) {
        self.grid = grid;
        self.findings = findings;
        if !keep {
            self.cursor = (0, 0);
            self.panel = None;
        }
        self.clamp_cursor();
    }

    fn clamp_cursor(&mut self) {
        let rows = self.grid.rows.len();
        self.cursor.0 = self.cursor.0.min(rows.saturating_sub(1));
        let cells = self.grid.rows.get(self.cursor.0).map_or(0, |r| r.cells.len());
        self.cursor.1 = self.cursor.1.min(cells.saturating_sub(1));
    }

    /// Puts the cursor on a cell.
    pub fn put(&mut self, at: (usize, usize)) {
        self.cursor = at;
        self.panel = None;
        self.clamp_cursor();
    }

    fn move_by(&mut self, delta: isize) {
        if let Some(p) = self.panel {
            let max = self.findings.len().saturating_sub(1);
            self.panel = Some(p.saturating_add_signed(delta).min(max));
        } else {
            let from = self.cursor.0;
            self.cursor.0 = self.cursor.0.saturating_add_signed(delta);
            self.clamp_cursor();
            self.skip_headings(if self.cursor.0 >= from { 1 } else { -1 });
        }
    }

    /// Moves the cursor off a section heading (a label-only row), in the direction of travel,
    /// or back the other way at the end of the table.
    fn skip_headings(&mut self, dir: isize) {
        let g = &self.grid;
        let heading = |r: usize| g.rows.get(r).is_some_and(|row| !row.selectable());
        if !heading(self.cursor.0) {
            return;
        }
        for d in [dir, -dir] {
            let mut r = self.cursor.0;
            while let Some(next) = r.checked_add_signed(d).filter(|n| *n < g.rows.len()) {
                r = next;
                if !heading(r) {
                    self.cursor.0 = r;
                    return;
                }
            }
        }
    }

    /// The selectable rows whose label contains `query` (case and width of Latin letters
    /// ignored), in order.
    pub fn matching_rows(&self, query: &str) -> Vec<usize> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        self.grid
            .rows
            .iter()
            .enumerate()
            .filter(|(_, row)| row.selectable() && row.label.to_lowercase().contains(&q))
            .map(|(r, _)| r)
            .collect()
    }

    /// Puts the cursor on the first row matching `query` (its column kept); says how many match.
    pub fn find(&mut self, query: &str) -> usize {
        let rows = self.matching_rows(query);
        if let Some(&r) = rows.first() {
            self.panel = None;
            self.cursor.0 = r;
            self.clamp_cursor();
        }
        rows.len()
    }

    /// Flagged cells in reading order.
    fn flagged(&self) -> Vec<(usize, usize)> {
        self.grid
            .rows
            .iter()
            .enumerate()
            .flat_map(|(r, row)| {
                row.cells
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.flagged())
                    .map(move |(c, _)| (r, c))
            })
            .collect()
    }

    fn jump_flag(&mut self, forward: bool, lang: Lang) -> Outcome {
        self.panel = None;
        let flags = self.flagged();
        let here = self.cursor;
        let next = if forward {
            flags.iter().find(|p| **p > here).or(flags.first())
        } else {
            flags.iter().rev().find(|p| **p < here).or(flags.last())
        };
        match next {
            Some(p) => {
                self.cursor = *p;
                let i = flags.iter().position(|x| x == p).unwrap_or(0);
                Outcome::Status(tr!(lang, "status.flag_of", i = i + 1, n = flags.len()))
            }
            None => Outcome::Status(lang.tr("status.no_flag").into_owned()),
        }
    }

    /// Applies a sheet action.
    pub fn update(&mut self, action: Action, lang: Lang) -> Outcome {
        if let Some(delta) = action.rows() {
            self.move_by(delta);
            return Outcome::Done;
        }
        match action {
            Action::Left => {
                self.cursor.1 = self.cursor.1.saturating_sub(1);
                self.clamp_cursor();
            }
            Action::Right => {
                self.cursor.1 += 1;
                self.clamp_cursor();
            }
            Action::NextFlag | Action::PrevFlag => return self.jump_flag(action == Action::NextFlag, lang),
            Action::Findings => {
                self.panel = match self.panel {
                    Some(_) => None,
                    None if self.findings.is_empty() => {
                        return Outcome::Status(lang.tr("status.no_findings").into_owned());
                    }
                    None => Some(0),
                };
            }
            Action::Back if self.panel.is_some() => self.panel = None,
            Action::Open => {
                return Outcome::Explain(match self.panel {
                    Some(p) => super::detail::Subject::Finding(p),
                    None => super::detail::Subject::Cell(self.cursor.0, self.cursor.1),
                });
            }
            _ => return Outcome::Ignored,
        }
        Outcome::Done
    }
}
