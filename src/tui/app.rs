//! The explorer's state and what each action does to it: plain data, no terminal, no I/O.
//! What needs the file system (exports, the clipboard, reading a report's provenance) is asked
//! for through [`App::request`] and [`App::wanted_detail`] and carried out by the event loop.

use std::collections::HashMap;

use crate::grid::{Applicants, Grid, Origin, Side, Source, compare, single};
use crate::library::Library;
use crate::model::{Report, TableId, catalog};
use crate::rules::Finding;

pub use super::action::Action;
use super::browse::cycle;
pub use super::browse::{Filter, Sort};
use super::config::Settings;
pub use super::prompt::Prompt;

/// The screen shown.
#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    /// The list of reports.
    Browse,
    /// Files that could not be read, and duplicates.
    BadFiles,
    /// One report.
    Report {
        /// Entry index.
        entry: usize,
        /// Table shown.
        table: TableId,
    },
    /// Two reports side by side.
    Compare {
        /// Entry A.
        a: usize,
        /// Entry B.
        b: usize,
        /// Table shown.
        table: TableId,
        /// Table-2 columns shown.
        columns: Applicants,
    },
}

/// Export formats offered by `e`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// CSV, UTF-8 with BOM (or as configured).
    Csv,
    /// CSV without a BOM.
    CsvNoBom,
    /// Excel.
    Xlsx,
}

/// Work for the event loop (it touches files or the terminal).
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// Write the view; `overwrite` after the user said yes.
    Export {
        /// Format.
        kind: ExportKind,
        /// Replace an existing file.
        overwrite: bool,
    },
    /// Put the view on the clipboard.
    Copy,
}

/// A report read in full from its file (with provenance), or why it could not be.
pub type Detail = Result<Report, String>;

/// The explorer.
pub struct App {
    /// The reports.
    pub lib: Library,
    /// Settings (thresholds, colours, borders, keys).
    pub settings: Settings,
    /// A line shown once on the browse screen (e.g. "built-in samples: …").
    pub notice: Option<String>,
    /// The search text.
    pub query: String,
    /// The open prompt, if any (keys go to it).
    pub prompt: Option<Prompt>,
    /// Browse filters.
    pub filter: Filter,
    /// Browse order.
    pub sort: Sort,
    /// Entries shown in the list, in order.
    pub visible: Vec<usize>,
    /// Selected row of the list.
    pub selected: usize,
    /// Marked A and B.
    pub marks: (Option<usize>, Option<usize>),
    /// Current screen.
    pub screen: Screen,
    /// Scroll of the bad-files screen.
    pub scroll: usize,
    /// The table on the report or compare screen.
    pub grid: Option<Grid>,
    /// The findings of the report(s) on screen.
    pub findings: Vec<Finding>,
    /// The selected cell of the grid (row, cell).
    pub cursor: (usize, usize),
    /// The findings list, open with its selected line.
    pub panel: Option<usize>,
    /// Reports read in full for provenance, by entry.
    pub details: HashMap<usize, Detail>,
    /// One-line message for the status bar.
    pub status: String,
    /// Help shown.
    pub help: bool,
    /// Set when the user quits.
    pub quit: bool,
    /// Work for the event loop.
    pub request: Option<Request>,
}

const PAGE: usize = 10;
const COLUMN_CYCLE: [&str; 7] = [
    "total",
    "natural_person",
    "org_commercial",
    "org_research",
    "org_public_welfare",
    "org_legal_service",
    "org_other",
];

/// The table a canonical key belongs to.
fn table_of(key: &str) -> Option<TableId> {
    catalog().id(key).map(|k| k.def().table)
}

impl App {
    /// An explorer over a library.
    pub fn new(lib: Library, settings: Settings) -> App {
        let mut app = App {
            lib,
            settings,
            notice: None,
            query: String::new(),
            prompt: None,
            filter: Filter::default(),
            sort: Sort::Default,
            visible: Vec::new(),
            selected: 0,
            marks: (None, None),
            screen: Screen::Browse,
            scroll: 0,
            grid: None,
            findings: Vec::new(),
            cursor: (0, 0),
            panel: None,
            details: HashMap::new(),
            status: String::new(),
            help: false,
            quit: false,
            request: None,
        };
        app.refilter();
        app
    }

    /// Whether keys go to a prompt.
    pub fn typing(&self) -> bool {
        self.prompt.is_some()
    }

    /// "agency year" of an entry (`sep` between them; "" in file names).
    pub fn entry_label(&self, i: usize, sep: &str) -> String {
        self.lib.entries.get(i).map_or_else(String::new, |e| {
            format!(
                "{}{sep}{}",
                e.agency.as_deref().unwrap_or("?"),
                e.year.map_or("?".to_string(), |y| y.to_string())
            )
        })
    }

    /// "A " or "B " for a finding's file on the compare screen, else "".
    pub fn side_of_file(&self, file: &str) -> &'static str {
        match self.screen {
            Screen::Compare { a, b, .. } => {
                let path = |i: usize| self.lib.entries.get(i).map(|e| &*e.path);
                if path(a) == Some(file) {
                    "A "
                } else if path(b) == Some(file) {
                    "B "
                } else {
                    ""
                }
            }
            _ => "",
        }
    }

    /// An entry whose full report (with provenance) the screen wants and has not got.
    pub fn wanted_detail(&self) -> Option<usize> {
        let want: &[usize] = match &self.screen {
            Screen::Report { entry, .. } => &[*entry],
            Screen::Compare { a, b, .. } => &[*a, *b],
            _ => &[],
        };
        want.iter().copied().find(|i| !self.details.contains_key(i))
    }

    fn report(&self, i: usize) -> Option<Report> {
        self.lib.entries.get(i).map(|e| e.to_report())
    }

    fn open_report(&mut self, entry: usize, table: TableId) {
        let Some(r) = self.report(entry) else { return };
        // The same findings as the list counts: the report's own and the cross-year ones.
        let findings = self.lib.findings_of(entry);
        self.grid = Some(single(&r, &findings, table));
        self.findings = findings;
        if !matches!(&self.screen, Screen::Report { entry: e, .. } if *e == entry) {
            self.cursor = (0, 0);
            self.panel = None;
        }
        self.screen = Screen::Report { entry, table };
        self.clamp_cursor();
    }

    fn open_compare(&mut self, a: usize, b: usize, table: TableId, columns: Applicants) {
        let (Some(ra), Some(rb)) = (self.report(a), self.report(b)) else {
            return;
        };
        let (grid, findings) = compare(&[ra, rb], table, &columns, &self.settings.thresholds);
        self.grid = Some(grid);
        self.findings = findings;
        if !matches!(&self.screen, Screen::Compare { a: x, b: y, .. } if (*x, *y) == (a, b)) {
            self.cursor = (0, 0);
            self.panel = None;
        }
        self.screen = Screen::Compare { a, b, table, columns };
        self.status.clear();
        self.clamp_cursor();
    }

    /// Rebuilds the grid of the screen (after a table, column or threshold change).
    pub(super) fn reopen(&mut self, table: TableId, columns: Option<Applicants>) {
        match self.screen.clone() {
            Screen::Report { entry, .. } => self.open_report(entry, table),
            Screen::Compare { a, b, columns: c, .. } => self.open_compare(a, b, table, columns.unwrap_or(c)),
            _ => {}
        }
    }

    fn clamp_cursor(&mut self) {
        let Some(g) = &self.grid else { return };
        let rows = g.rows.len();
        self.cursor.0 = self.cursor.0.min(rows.saturating_sub(1));
        let cells = g.rows.get(self.cursor.0).map_or(0, |r| r.cells.len());
        self.cursor.1 = self.cursor.1.min(cells.saturating_sub(1));
    }

    fn move_by(&mut self, delta: isize) {
        match self.screen {
            Screen::Browse => {
                let max = self.visible.len().saturating_sub(1);
                self.selected = self.selected.saturating_add_signed(delta).min(max);
            }
            Screen::BadFiles => {
                let max = (self.lib.errors.len() + self.lib.duplicates.len()).saturating_sub(1);
                self.scroll = self.scroll.saturating_add_signed(delta).min(max);
            }
            _ => {
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
        }
    }

    /// Moves the cursor off a section heading (a label-only row), in the direction of travel,
    /// or back the other way at the end of the table.
    fn skip_headings(&mut self, dir: isize) {
        let Some(g) = &self.grid else { return };
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

    /// Flagged cells in reading order.
    fn flagged(&self) -> Vec<(usize, usize)> {
        let Some(g) = &self.grid else { return Vec::new() };
        g.rows
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

    fn jump_flag(&mut self, forward: bool) {
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
                self.status = format!("flag {} of {}", i + 1, flags.len());
            }
            None => self.status = "no flagged cell in this table (Tab: next table)".into(),
        }
    }

    /// Jumps to the cell of a finding: its table (and table-2 column), then the cell.
    fn jump_to_finding(&mut self, index: usize) {
        let Some(f) = self.findings.get(index).cloned() else {
            return;
        };
        let side = match &self.screen {
            Screen::Compare { a, .. } if self.lib.entries.get(*a).is_some_and(|e| *e.path != *f.file) => Side::B,
            _ => Side::A,
        };
        let Some(key) = f.keys.iter().find(|k| table_of(k).is_some()) else {
            self.status = format!("{}: no table cell to show (a prose or metadata finding)", f.rule);
            return;
        };
        let table = table_of(key).unwrap_or(TableId::T2);
        let columns = match (&self.screen, key.split('.').nth(2)) {
            (
                Screen::Compare {
                    columns: Applicants::One(c),
                    ..
                },
                Some(col),
            ) if table == TableId::T2 && c != col => Some(Applicants::One(col.to_string())),
            _ => None,
        };
        self.reopen(table, columns);
        let Some(g) = &self.grid else { return };
        let found = catalog().id(key).and_then(|key| {
            g.find(Source {
                origin: Origin::Side(side),
                key,
            })
        });
        match found {
            Some(p) => {
                self.cursor = p;
                self.panel = None;
                self.status = format!("{} {}: {}", f.rule, key, f.message);
            }
            None => self.status = format!("{key} is not shown in this view"),
        }
    }

    /// Applies an action.
    pub fn update(&mut self, action: Action) {
        if self.help && !matches!(action, Action::Help | Action::Quit) {
            self.help = false;
            return;
        }
        if let Some(prompt) = self.prompt.take() {
            let keep_typing = matches!(prompt, Prompt::Search);
            match action {
                Action::Input(_) | Action::Backspace | Action::Open | Action::Back => {
                    if prompt == Prompt::Search && matches!(action, Action::Back | Action::Open) {
                        return;
                    }
                    self.prompt_input(prompt, action);
                    return;
                }
                // Other keys close the search line and act as usual.
                _ if keep_typing => {}
                _ => {
                    self.status = "cancelled".into();
                    return;
                }
            }
        }
        self.status.clear();
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.help = !self.help,
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(PAGE as isize)),
            Action::PageDown => self.move_by(PAGE as isize),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Left | Action::Right => {
                if self.grid.is_some() && matches!(self.screen, Screen::Report { .. } | Screen::Compare { .. }) {
                    self.cursor.1 = if action == Action::Left {
                        self.cursor.1.saturating_sub(1)
                    } else {
                        self.cursor.1 + 1
                    };
                    self.clamp_cursor();
                }
            }
            Action::Search => {
                self.screen = Screen::Browse;
                self.prompt = Some(Prompt::Search);
            }
            Action::Input(_) | Action::Backspace => {}
            Action::Back => match self.screen {
                _ if self.panel.is_some() => self.panel = None,
                Screen::Browse if !self.query.is_empty() => {
                    self.query.clear();
                    self.refilter();
                }
                Screen::Browse if self.filter.active() => {
                    self.filter = Filter::default();
                    self.refilter();
                    self.status = "filters cleared".into();
                }
                Screen::Browse => {}
                _ => {
                    self.screen = Screen::Browse;
                    self.grid = None;
                }
            },
            Action::Open => match self.screen {
                Screen::Browse => {
                    if let Some(i) = self.current() {
                        self.open_report(i, TableId::T2);
                    }
                }
                _ => {
                    if let Some(p) = self.panel {
                        self.jump_to_finding(p);
                    }
                }
            },
            Action::Mark => {
                if let (Screen::Browse, Some(i)) = (&self.screen, self.current()) {
                    self.marks = match self.marks {
                        (None, _) => (Some(i), None),
                        (Some(a), None) if a != i => (Some(a), Some(i)),
                        _ => (Some(i), None),
                    };
                    self.status = match self.marks {
                        (Some(_), None) => "marked A; mark B, then c to compare".into(),
                        _ => "marked B; c compares A and B".into(),
                    };
                }
            }
            Action::Compare => match self.marks {
                (Some(a), Some(b)) => self.open_compare(a, b, TableId::T2, Applicants::One("total".into())),
                _ => self.status = "mark two reports first (Space on each)".into(),
            },
            Action::ComparePrevious => {
                let i = match self.screen {
                    Screen::Report { entry, .. } => Some(entry),
                    Screen::Browse => self.current(),
                    Screen::Compare { b, .. } => Some(b),
                    Screen::BadFiles => None,
                };
                match i.and_then(|i| self.lib.previous_year(i).map(|p| (p, i))) {
                    Some((p, i)) => self.open_compare(p, i, TableId::T2, Applicants::One("total".into())),
                    None => self.status = "no report of the previous year for this agency".into(),
                }
            }
            Action::NextTable | Action::PrevTable => {
                let table = match &self.screen {
                    Screen::Report { table, .. } | Screen::Compare { table, .. } => *table,
                    _ => return,
                };
                let order = TableId::ALL;
                let pos = order.iter().position(|t| *t == table).unwrap_or(1);
                let next = if action == Action::NextTable {
                    pos + 1
                } else {
                    pos + order.len() - 1
                };
                let t = order.get(next % order.len()).copied().unwrap_or(TableId::T2);
                self.cursor = (0, 0);
                self.reopen(t, None);
            }
            Action::Columns => {
                if let Screen::Compare { table, columns, .. } = self.screen.clone() {
                    let next = match &columns {
                        Applicants::All => Applicants::One("total".into()),
                        Applicants::One(c) => match COLUMN_CYCLE.iter().position(|x| x == c) {
                            Some(p) if p + 1 < COLUMN_CYCLE.len() => {
                                Applicants::One(COLUMN_CYCLE.get(p + 1).copied().unwrap_or("total").into())
                            }
                            _ => Applicants::All,
                        },
                    };
                    self.status = match &next {
                        Applicants::All => "all seven columns (h/l scroll)".into(),
                        Applicants::One(c) => format!("column {c}"),
                    };
                    self.reopen(table, Some(next));
                } else {
                    self.status = "v switches table-2 columns on the compare screen".into();
                }
            }
            Action::NextFlag | Action::PrevFlag => {
                if self.grid.is_some() {
                    self.panel = None;
                    self.jump_flag(action == Action::NextFlag);
                }
            }
            Action::Findings => {
                if matches!(self.screen, Screen::Report { .. } | Screen::Compare { .. }) {
                    self.panel = match self.panel {
                        Some(_) => None,
                        None if self.findings.is_empty() => {
                            self.status = "no findings: every rule passes".into();
                            None
                        }
                        None => Some(0),
                    };
                }
            }
            Action::Export => self.prompt = Some(Prompt::ExportFormat),
            Action::Copy => self.request = Some(Request::Copy),
            Action::Thresholds => self.prompt = Some(Prompt::Thresholds(self.thresholds_text())),
            Action::FilterYear => {
                let years = self.distinct(|e| e.year.map(std::cmp::Reverse));
                let cur = self.filter.year.map(std::cmp::Reverse);
                self.filter.year = cycle(&years, &cur).map(|r| r.0);
                self.browse_filtered();
            }
            Action::FilterProvince => {
                let provinces = self.distinct(|e| e.province.as_deref().map(str::to_string));
                self.filter.province = cycle(&provinces, &self.filter.province);
                self.browse_filtered();
            }
            Action::FilterLevel => {
                let levels = self.distinct(|e| e.level);
                self.filter.level = cycle(&levels, &self.filter.level);
                self.browse_filtered();
            }
            Action::FilterErrors => {
                self.filter.errors = !self.filter.errors;
                self.browse_filtered();
            }
            Action::Sort => {
                self.sort = self.sort.next();
                self.screen = Screen::Browse;
                self.refilter();
                self.status = format!("sorted by {}", self.sort.as_str());
            }
            Action::BadFiles => {
                self.screen = if self.screen == Screen::BadFiles {
                    Screen::Browse
                } else {
                    self.scroll = 0;
                    Screen::BadFiles
                };
            }
        }
    }
}
