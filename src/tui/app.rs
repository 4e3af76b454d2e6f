//! The explorer's state and what each action does to it: plain data, no terminal, no I/O.
//! What needs the file system (exports, the clipboard, reading a report's provenance) is asked
//! for through [`App::request`] and [`App::wanted_detail`] and carried out by the event loop.

use std::collections::HashMap;

use crate::grid::{Applicants, FigureRef, Origin, Side, compare, order_by_change, single};
use crate::library::Library;
use crate::model::{Report, TableId, catalog};

pub use super::action::Action;
use super::browse::{self, Browse};
pub use super::browse::{Filter, Sort};
use super::config::Settings;
use super::detail::{self, Subject};
pub use super::prompt::Prompt;
pub use super::request::{ExportKind, Request};
use super::sheet::{self, Sheet};

use crate::tr;

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
    /// Every year of one agency.
    Trend {
        /// The agency's group in the library.
        group: usize,
        /// Table shown.
        table: TableId,
        /// Table-2 column shown.
        columns: Applicants,
    },
    /// The listed reports summed by province, city or level.
    Rollup {
        /// How they are grouped.
        by: crate::grid::By,
        /// The column the groups are ranked by (largest first), if any.
        sort: Option<usize>,
    },
    /// The evaluator's list of the listed reports.
    Evaluator {
        /// The column the reports are ranked by, if any.
        sort: Option<usize>,
    },
    /// The largest year-on-year changes of the listed agencies' figures.
    Changes {
        /// To this year from the one before.
        year: u16,
    },
    /// Two groups of a roll-up side by side.
    GroupCompare {
        /// How the roll-up groups.
        by: crate::grid::By,
        /// Group A's name.
        a: String,
        /// Group B's name.
        b: String,
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

/// A report read in full from its file (with provenance), or why it could not be.
pub type Detail = Result<Report, String>;

/// The explorer: the library, the screen, and the state of each screen.
pub struct App {
    /// The reports.
    pub lib: Library,
    /// Settings (thresholds, colours, borders, keys).
    pub settings: Settings,
    /// A line shown once on the browse screen (e.g. "built-in samples: …").
    pub notice: Option<String>,
    /// Current screen.
    pub screen: Screen,
    /// The browse list (kept while other screens are open).
    pub browse: Browse,
    /// The grid of the report or compare screen.
    pub sheet: Sheet,
    /// Scroll of the bad-files screen.
    pub scroll: usize,
    /// The open prompt, if any (keys go to it).
    pub prompt: Option<Prompt>,
    /// Reports read in full for provenance, by entry.
    pub details: HashMap<usize, Detail>,
    /// One-line message for the status bar.
    pub status: String,
    /// Help shown.
    pub help: bool,
    /// Comparison and trend rows ordered by the size of their change (`o`).
    pub by_change: bool,
    /// The detail view (why a cell is flagged), when open.
    pub detail: Option<detail::Detail>,
    /// The whole screen is to be drawn again (`Ctrl-L`), not only what changed.
    pub redraw: bool,
    /// The terminal's size (columns, rows), as last drawn.
    pub size: (u16, u16),
    /// Set when the user quits.
    pub quit: bool,
    /// Work for the event loop.
    pub request: Option<Request>,
    /// The list a report or comparison was opened from (the evaluator's list or the changes,
    /// with its cursor): `Esc` there goes back to it.
    pub back_to: Option<(Screen, (usize, usize))>,
    /// The roll-up groups marked A and B (by name: ranking moves the rows).
    pub group_marks: (Option<String>, Option<String>),
    /// Files read so far and in all while the directory is still loading: the library then
    /// holds the reports read so far, the list can be searched and filtered, and whatever
    /// reads across reports (opening, comparing, totals) waits for the end.
    pub loading: Option<(usize, usize)>,
}

pub(super) const COLUMN_CYCLE: [&str; 7] = [
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
        App {
            browse: Browse::new(&lib),
            lib,
            settings,
            notice: None,
            screen: Screen::Browse,
            sheet: Sheet::default(),
            scroll: 0,
            prompt: None,
            details: HashMap::new(),
            status: String::new(),
            help: false,
            detail: None,
            by_change: false,
            back_to: None,
            group_marks: (None, None),
            redraw: false,
            size: (80, 24),
            quit: false,
            request: None,
            loading: None,
        }
    }

    /// Whether keys go to a prompt.
    pub fn typing(&self) -> bool {
        self.prompt.is_some()
    }

    /// The summary line of the library.
    pub fn summary(&self) -> String {
        // While loading, bad files and duplicates are not known yet.
        if self.loading.is_some() {
            return tr!(
                self.settings.lang,
                "ui.summary_loading",
                reports = self.lib.entries.len(),
                agencies = self.lib.groups.len()
            );
        }
        tr!(
            self.settings.lang,
            "ui.summary",
            reports = self.lib.entries.len(),
            agencies = self.lib.groups.len(),
            bad = self.lib.errors.len(),
            dups = self.lib.duplicates.len()
        )
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

    /// An entry whose full report (with provenance) the screen wants and has not got: the
    /// reports on screen, and last year's while the detail view is open (cross-year rules).
    pub fn wanted_detail(&self) -> Option<usize> {
        let mut want: Vec<usize> = match &self.screen {
            Screen::Report { entry, .. } => vec![*entry],
            Screen::Compare { a, b, .. } => vec![*a, *b],
            Screen::Trend { .. } => self.on_screen(),
            _ => Vec::new(),
        };
        if self.detail.is_some() {
            let previous: Vec<usize> = want.iter().filter_map(|&i| self.lib.previous_year(i)).collect();
            want.extend(previous);
        }
        want.into_iter().find(|i| !self.details.contains_key(i))
    }

    pub(super) fn report(&self, i: usize) -> Option<Report> {
        self.lib.entries.get(i).map(|e| e.to_report())
    }

    pub(super) fn open_report(&mut self, entry: usize, table: TableId) {
        let Some(r) = self.report(entry) else { return };
        // The same findings as the list counts: the report's own and the cross-year ones.
        let findings = self.lib.findings_of(entry);
        let keep = matches!(&self.screen, Screen::Report { entry: e, .. } if *e == entry);
        self.sheet
            .replace(single(&r, &findings, table, self.settings.lang), findings, keep);
        self.screen = Screen::Report { entry, table };
    }

    /// The entries of the agency on a trend screen, in library order.
    pub(super) fn on_screen(&self) -> Vec<usize> {
        match &self.screen {
            Screen::Trend { group, .. } => self.lib.groups.get(*group).cloned().unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// The entry whose figure a cell shows.
    pub fn entry_of_origin(&self, origin: Origin) -> Option<usize> {
        match (&self.screen, origin) {
            (Screen::Report { entry, .. }, _) => Some(*entry),
            (Screen::Compare { a, .. }, Origin::Side(Side::A)) => Some(*a),
            (Screen::Compare { b, .. }, Origin::Side(Side::B)) => Some(*b),
            (Screen::Trend { .. }, Origin::Year(y)) => self
                .on_screen()
                .into_iter()
                .find(|&i| self.lib.entries.get(i).is_some_and(|e| e.year == Some(y))),
            _ => None,
        }
    }

    pub(super) fn open_compare(&mut self, a: usize, b: usize, table: TableId, columns: Applicants) {
        let (Some(ra), Some(rb)) = (self.report(a), self.report(b)) else {
            return;
        };
        let (grid, findings) = compare(
            &[ra, rb],
            table,
            &columns,
            &self.settings.thresholds,
            self.settings.lang,
        );
        let grid = if self.by_change { order_by_change(grid) } else { grid };
        let keep = matches!(&self.screen, Screen::Compare { a: x, b: y, .. } if (*x, *y) == (a, b));
        self.sheet.replace(grid, findings, keep);
        self.screen = Screen::Compare { a, b, table, columns };
        self.status.clear();
    }

    /// Moves the report shown, or both reports compared, `step` years (each within its agency);
    /// when one of them has no report that year, nothing moves and the status says which.
    pub(super) fn step_year(&mut self, step: i32) {
        let lang = self.settings.lang;
        let missing = |app: &App, i: usize| {
            let e = app.lib.entries.get(i);
            let year = e.and_then(|e| e.year).map(|y| (i32::from(y) + step).to_string());
            tr!(
                lang,
                "status.no_year",
                agency = e.and_then(|e| e.agency.as_deref()).unwrap_or("?"),
                year = year.unwrap_or_else(|| "?".into())
            )
        };
        match self.screen.clone() {
            Screen::Compare { a, b, table, columns } => {
                match (self.lib.year_step(a, step), self.lib.year_step(b, step)) {
                    (Some(x), Some(y)) => self.open_compare(x, y, table, columns),
                    (None, _) => self.status = missing(self, a),
                    (_, None) => self.status = missing(self, b),
                }
            }
            Screen::Report { entry, table } => match self.lib.year_step(entry, step) {
                Some(x) => self.open_report(x, table),
                None => self.status = missing(self, entry),
            },
            _ => self.status = lang.tr("status.swap_where").into_owned(),
        }
    }

    /// Rebuilds the grid of the screen (after a table, column or threshold change).
    pub(super) fn reopen(&mut self, table: TableId, columns: Option<Applicants>) {
        match self.screen.clone() {
            Screen::Report { entry, .. } => self.open_report(entry, table),
            Screen::Compare { a, b, columns: c, .. } => self.open_compare(a, b, table, columns.unwrap_or(c)),
            Screen::Trend { group, columns: c, .. } => {
                if let Some(&entry) = self.lib.groups.get(group).and_then(|g| g.first()) {
                    self.open_trend(entry, table, columns.unwrap_or(c));
                }
            }
            _ => {}
        }
    }

    /// Jumps to the cell of a finding: its table (and table-2 column), then the cell.
    fn jump_to_finding(&mut self, index: usize) {
        let Some(f) = self.sheet.findings.get(index).cloned() else {
            return;
        };
        let side = match &self.screen {
            Screen::Compare { a, .. } if self.lib.entries.get(*a).is_some_and(|e| *e.path != *f.file) => Side::B,
            _ => Side::A,
        };
        let Some(key) = f.keys.iter().find(|k| table_of(k).is_some()) else {
            self.status = tr!(self.settings.lang, "status.no_cell", rule = f.rule);
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
        let found = catalog().id(key).and_then(|key| {
            self.sheet.grid.find(FigureRef {
                origin: Origin::Side(side),
                key,
            })
        });
        match found {
            Some(p) => {
                self.sheet.put(p);
                self.status = format!(
                    "{}: {}",
                    crate::rules::rule_title(f.rule, self.settings.lang),
                    f.text(self.settings.lang)
                );
            }
            None => self.status = tr!(self.settings.lang, "status.not_shown", key = key),
        }
    }

    /// Applies an action: an open prompt takes it first, then the screen's own state, then
    /// what applies on every screen.
    pub fn update(&mut self, action: Action) {
        if self.help && !matches!(action, Action::Help | Action::Quit) {
            self.help = false;
            return;
        }
        if !self.help
            && let Some(mut d) = self.detail
        {
            let (lines, height) = self.detail_lines();
            match d.update(action, lines.len(), height) {
                detail::Outcome::Open => self.detail = Some(d),
                detail::Outcome::Closed => self.detail = None,
                detail::Outcome::Ignored => self.global(action),
            }
            return;
        }
        let action = match self.prompt.take() {
            Some(prompt) => match self.prompt_step(prompt, action) {
                Some(action) => action,
                None => return,
            },
            None => action,
        };
        self.status.clear();
        match self.screen {
            Screen::Browse => match self.browse.update(&self.lib, action, self.settings.lang) {
                browse::Outcome::Ignored => {}
                browse::Outcome::Done => return,
                browse::Outcome::Status(s) => {
                    self.status = s;
                    return;
                }
            },
            Screen::BadFiles => {
                let max = (self.lib.errors.len() + self.lib.duplicates.len()).saturating_sub(1);
                if let Some(delta) = action.rows() {
                    self.scroll = self.scroll.saturating_add_signed(delta).min(max);
                    return;
                }
            }
            Screen::Rollup { by, .. } if matches!(action, Action::Mark | Action::Compare) => {
                self.mark_or_compare_groups(by, action);
                return;
            }
            Screen::Rollup { by, sort } if matches!(action, Action::Sort | Action::Columns) => {
                if action == Action::Sort {
                    let c = self.sheet.cursor.1;
                    self.open_rollup(by, if sort == Some(c) { None } else { Some(c) });
                } else {
                    self.sheet.cursor = (0, 0);
                    self.open_rollup(by.next(), None);
                    self.status = tr!(
                        self.settings.lang,
                        "status.rollup_by",
                        by = by.next().label(self.settings.lang)
                    );
                }
                return;
            }
            Screen::Evaluator { sort } if action == Action::Sort => {
                let c = self.sheet.cursor.1;
                let next = if sort == Some(c) { None } else { Some(c) };
                self.open_evaluator(next);
                let lang = self.settings.lang;
                self.status = match next.and_then(|c| self.sheet.grid.columns.get(c)) {
                    Some(col) => tr!(lang, "status.evaluator_sorted", column = col.header.as_str()),
                    None => lang.tr("status.evaluator_unsorted").into_owned(),
                };
                return;
            }
            Screen::Report { .. }
            | Screen::Compare { .. }
            | Screen::Trend { .. }
            | Screen::Rollup { .. }
            | Screen::Evaluator { .. }
            | Screen::Changes { .. }
            | Screen::GroupCompare { .. } => {
                match self.sheet.update(action, self.settings.lang) {
                    sheet::Outcome::Ignored => {}
                    sheet::Outcome::Done => return,
                    sheet::Outcome::Status(s) => {
                        self.status = s;
                        return;
                    }
                    sheet::Outcome::JumpTo(i) => {
                        self.jump_to_finding(i);
                        return;
                    }
                    // On the evaluator's list, Enter opens the report of the row.
                    sheet::Outcome::Explain(detail::Subject::Cell(row, _))
                        if matches!(self.screen, Screen::Evaluator { .. }) =>
                    {
                        if let Some(i) = self.row_entry(row) {
                            self.back_to = Some((self.screen.clone(), self.sheet.cursor));
                            self.open_report(i, TableId::T2);
                        }
                        return;
                    }
                    // On the changes, Enter compares the two years on the row's figure.
                    sheet::Outcome::Explain(detail::Subject::Cell(row, _))
                        if matches!(self.screen, Screen::Changes { .. }) =>
                    {
                        self.open_change(row);
                        return;
                    }
                    sheet::Outcome::Explain(detail::Subject::Cell(row, _))
                        if matches!(self.screen, Screen::Rollup { .. }) =>
                    {
                        if let Screen::Rollup { by, .. } = self.screen {
                            self.open_group(by, row);
                        }
                        return;
                    }
                    sheet::Outcome::Explain(subject) => {
                        if let Subject::Finding(i) = subject {
                            // The cursor goes to the finding's cell; the list stays open behind.
                            self.jump_to_finding(i);
                            self.sheet.panel = Some(i);
                        }
                        self.detail = Some(detail::Detail { subject, scroll: 0 });
                        return;
                    }
                }
            }
        }
        self.global(action);
    }

    /// Puts a library in place of the one shown (more of the directory read, or all of it),
    /// keeping the search, filters, order, the selected report and the marks. Only the list
    /// is open while loading, so no other screen holds a place in the old library.
    pub fn replace_library(&mut self, lib: Library) {
        self.browse.rebase(&self.lib, &lib);
        self.details.clear();
        self.back_to = None;
        self.lib = lib;
    }
}
