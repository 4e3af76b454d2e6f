//! The explorer's state and what each action does to it: plain data, no terminal, no I/O.

use crate::compare::Thresholds;
use crate::compare::grid::{Columns, Grid, build};
use crate::library::Library;
use crate::model::{Report, TableId};
use crate::rules::check_all;

/// What the user does (every key maps to one of these; see `keymap`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Move the selection (or scroll) up.
    Up,
    /// Move down.
    Down,
    /// A page up.
    PageUp,
    /// A page down.
    PageDown,
    /// To the top.
    Top,
    /// To the bottom.
    Bottom,
    /// Start typing a search.
    Search,
    /// A character typed into the search.
    Input(char),
    /// Delete the last search character.
    Backspace,
    /// Back / clear.
    Back,
    /// Open the selected report.
    Open,
    /// Mark the selected report as A, then B.
    Mark,
    /// Compare the marked pair.
    Compare,
    /// Compare the selected report with the previous year of its agency.
    ComparePrevious,
    /// Next table.
    NextTable,
    /// Previous table.
    PrevTable,
    /// Cycle the table-2 column (总计 → each applicant column → all).
    NextColumn,
    /// Export the comparison on screen to CSV.
    Export,
    /// Show or hide the help.
    Help,
    /// Quit.
    Quit,
}

/// The screen shown.
#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    /// The list of reports.
    Browse,
    /// One report (entry index).
    Report(usize),
    /// Two reports side by side.
    Compare {
        /// Entry A.
        a: usize,
        /// Entry B.
        b: usize,
        /// Table shown.
        table: TableId,
        /// Table-2 columns shown.
        columns: Columns,
    },
}

/// The explorer.
pub struct App {
    /// The reports.
    pub lib: Library,
    /// The search text.
    pub query: String,
    /// Whether keys go to the search line.
    pub typing: bool,
    /// Entries shown in the list, in order.
    pub visible: Vec<usize>,
    /// Selected row of the list.
    pub selected: usize,
    /// Marked A and B.
    pub marks: (Option<usize>, Option<usize>),
    /// Current screen.
    pub screen: Screen,
    /// Vertical scroll of the report and compare screens.
    pub scroll: usize,
    /// The comparison view, built when a comparison opens.
    pub grid: Option<Grid>,
    /// One-line message for the status bar.
    pub status: String,
    /// Help shown.
    pub help: bool,
    /// Set when the user quits.
    pub quit: bool,
    /// An export the event loop should carry out (file I/O stays out of `update`).
    pub export_request: bool,
    /// A file the user was told exists; exporting to it again replaces it.
    pub confirm_overwrite: Option<String>,
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

impl App {
    /// An explorer over a library.
    pub fn new(lib: Library) -> App {
        let visible = (0..lib.entries.len()).collect();
        let status = format!(
            "{} reports, {} agencies, {} files could not be read",
            lib.entries.len(),
            lib.groups.len(),
            lib.errors.len()
        );
        App {
            lib,
            query: String::new(),
            typing: false,
            visible,
            selected: 0,
            marks: (None, None),
            screen: Screen::Browse,
            scroll: 0,
            grid: None,
            status,
            help: false,
            quit: false,
            export_request: false,
            confirm_overwrite: None,
        }
    }

    /// The file name the export of the current comparison proposes.
    pub fn export_name(&self) -> Option<String> {
        let (Screen::Compare { a, b, table, .. }, Some(_)) = (&self.screen, &self.grid) else {
            return None;
        };
        let name = |i: usize| {
            self.lib.entries.get(i).map_or_else(String::new, |e| {
                format!(
                    "{}{}",
                    e.agency.as_deref().unwrap_or("?"),
                    e.year.map_or(String::new(), |y| y.to_string())
                )
            })
        };
        Some(crate::export::grid::proposed_name(
            &name(*a),
            &name(*b),
            table.as_str(),
            "csv",
        ))
    }

    /// The entry under the cursor in the list.
    pub fn current(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    fn refilter(&mut self) {
        self.visible = if self.query.is_empty() {
            (0..self.lib.entries.len()).collect()
        } else {
            self.lib.find(&self.query)
        };
        self.selected = 0;
    }

    fn report(&self, i: usize) -> Option<Report> {
        self.lib.entries.get(i).map(|e| e.to_report())
    }

    fn open_compare(&mut self, a: usize, b: usize, table: TableId, columns: Columns) {
        let (Some(ra), Some(rb)) = (self.report(a), self.report(b)) else {
            return;
        };
        let reports = [ra, rb];
        let findings = check_all(&reports);
        let [ra, rb] = &reports;
        self.grid = Some(build(ra, rb, &findings, table, &columns, &Thresholds::default()));
        self.screen = Screen::Compare { a, b, table, columns };
        self.scroll = 0;
        self.status.clear();
    }

    fn move_by(&mut self, delta: isize) {
        match self.screen {
            Screen::Browse => {
                let max = self.visible.len().saturating_sub(1);
                self.selected = self.selected.saturating_add_signed(delta).min(max);
            }
            _ => self.scroll = self.scroll.saturating_add_signed(delta),
        }
    }

    /// Applies an action.
    pub fn update(&mut self, action: Action) {
        if self.help && !matches!(action, Action::Help | Action::Quit) {
            self.help = false;
            return;
        }
        if self.typing {
            match action {
                Action::Input(c) => {
                    self.query.push(c);
                    self.refilter();
                    return;
                }
                Action::Backspace => {
                    self.query.pop();
                    self.refilter();
                    return;
                }
                Action::Back | Action::Open => {
                    self.typing = false;
                    return;
                }
                _ => self.typing = false,
            }
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Export => match self.screen {
                Screen::Compare { .. } => self.export_request = true,
                _ => self.status = "e exports a comparison: open one first".into(),
            },
            Action::Help => self.help = !self.help,
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(PAGE as isize)),
            Action::PageDown => self.move_by(PAGE as isize),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Search => {
                self.screen = Screen::Browse;
                self.typing = true;
            }
            Action::Input(_) | Action::Backspace => {}
            Action::Back => match self.screen {
                Screen::Browse if !self.query.is_empty() => {
                    self.query.clear();
                    self.refilter();
                }
                Screen::Browse => {}
                _ => {
                    self.screen = Screen::Browse;
                    self.scroll = 0;
                }
            },
            Action::Open => {
                if let (Screen::Browse, Some(i)) = (&self.screen, self.current()) {
                    self.screen = Screen::Report(i);
                    self.scroll = 0;
                }
            }
            Action::Mark => {
                if let Some(i) = self.current() {
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
                (Some(a), Some(b)) => self.open_compare(a, b, TableId::T2, Columns::One("total".into())),
                _ => self.status = "mark two reports first (Space on each)".into(),
            },
            Action::ComparePrevious => {
                let i = match self.screen {
                    Screen::Report(i) => Some(i),
                    Screen::Browse => self.current(),
                    Screen::Compare { b, .. } => Some(b),
                };
                match i.and_then(|i| self.lib.previous_year(i).map(|p| (p, i))) {
                    Some((p, i)) => self.open_compare(p, i, TableId::T2, Columns::One("total".into())),
                    None => self.status = "no report of the previous year for this agency".into(),
                }
            }
            Action::NextTable | Action::PrevTable => {
                if let Screen::Compare { a, b, table, columns } = self.screen.clone() {
                    let order = TableId::ALL;
                    let pos = order.iter().position(|t| *t == table).unwrap_or(1);
                    let next = if action == Action::NextTable {
                        pos + 1
                    } else {
                        pos + order.len() - 1
                    };
                    let t = order.get(next % order.len()).copied().unwrap_or(TableId::T2);
                    self.open_compare(a, b, t, columns);
                }
            }
            Action::NextColumn => {
                if let Screen::Compare { a, b, table, columns } = self.screen.clone() {
                    let next = match &columns {
                        Columns::All => Columns::One("total".into()),
                        Columns::One(c) => match COLUMN_CYCLE.iter().position(|x| x == c) {
                            Some(p) if p + 1 < COLUMN_CYCLE.len() => {
                                Columns::One(COLUMN_CYCLE.get(p + 1).copied().unwrap_or("total").into())
                            }
                            _ => Columns::All,
                        },
                    };
                    self.open_compare(a, b, table, next);
                }
            }
        }
    }
}
