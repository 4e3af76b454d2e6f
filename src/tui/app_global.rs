//! What an action does on any screen: moving between screens, marks, exports, the help.

use super::app::{Action, App, COLUMN_CYCLE, Prompt, Request, Screen};
use super::browse;
use super::sheet::Sheet;
use crate::grid::Applicants;
use crate::model::TableId;
use crate::tr;

impl App {
    /// What an action does on any screen (or on a screen that did not take it).
    pub(super) fn global(&mut self, action: Action) {
        if let Some((done, total)) = self.loading
            && !matches!(
                action,
                Action::Quit | Action::Redraw | Action::Help | Action::Search | Action::Back
            )
        {
            self.status = tr!(self.settings.lang, "status.loading", done = done, total = total);
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Redraw => self.redraw = true,
            Action::Help => self.help = !self.help,
            // On a table, `/` searches its rows; on the list, the reports. A new search starts
            // empty (as in less).
            Action::Search => match self.screen {
                Screen::Report { .. }
                | Screen::Compare { .. }
                | Screen::Trend { .. }
                | Screen::Rollup { .. }
                | Screen::Evaluator { .. }
                | Screen::Changes { .. }
                | Screen::GroupCompare { .. } => {
                    self.prompt = Some(Prompt::Find(String::new()));
                    self.status.clear();
                }
                Screen::Browse | Screen::BadFiles => {
                    self.screen = Screen::Browse;
                    self.browse.query.clear();
                    self.browse.type_search(&self.lib, None);
                    self.prompt = Some(Prompt::Search);
                }
            },
            // From two groups compared, back to their roll-up.
            Action::Back if matches!(self.screen, Screen::GroupCompare { .. }) => {
                if let Screen::GroupCompare { by, .. } = self.screen {
                    self.sheet.cursor = (0, 0);
                    self.open_rollup(by, None);
                }
            }
            Action::Back if self.screen != Screen::Browse => match (self.back_to.take(), &self.screen) {
                (Some((screen, cursor)), Screen::Report { .. } | Screen::Compare { .. }) => {
                    match screen {
                        Screen::Evaluator { sort } => self.open_evaluator(sort),
                        Screen::Changes { year } => self.open_changes(year),
                        _ => {}
                    }
                    self.sheet.cursor = cursor;
                }
                _ => {
                    self.screen = Screen::Browse;
                    self.sheet = Sheet::default();
                }
            },
            Action::Open => {
                if let (Screen::Browse, Some(i)) = (&self.screen, self.browse.current()) {
                    self.open_report(i, TableId::T2);
                }
            }
            Action::Compare => match self.browse.marks {
                (Some(a), Some(b)) => {
                    // A is the earlier year whatever the order of marking (Δ reads forward in time).
                    let year = |i: usize| self.lib.entries.get(i).and_then(|e| e.year);
                    let (a, b) = if year(b) < year(a) { (b, a) } else { (a, b) };
                    self.open_compare(a, b, TableId::T2, Applicants::One("total".into()));
                }
                _ => self.status = self.settings.lang.tr("status.mark_two").into_owned(),
            },
            Action::ComparePrevious => {
                let i = match self.screen {
                    Screen::Report { entry, .. } => Some(entry),
                    Screen::Browse => self.browse.current(),
                    Screen::Compare { b, .. } => Some(b),
                    Screen::Evaluator { .. } => self.row_entry(self.sheet.cursor.0),
                    Screen::Trend { .. } | Screen::Rollup { .. } | Screen::Changes { .. } => None,
                    Screen::GroupCompare { .. } | Screen::BadFiles => None,
                };
                match i.and_then(|i| self.lib.previous_year(i).map(|p| (p, i))) {
                    Some((p, i)) => self.open_compare(p, i, TableId::T2, Applicants::One("total".into())),
                    None => self.status = self.settings.lang.tr("status.no_previous").into_owned(),
                }
            }
            Action::Swap => match self.screen.clone() {
                Screen::Compare { a, b, table, columns } => {
                    self.open_compare(b, a, table, columns);
                    self.status = self.settings.lang.tr("status.swapped").into_owned();
                }
                _ => self.status = self.settings.lang.tr("status.swap_where").into_owned(),
            },
            Action::PrevYear | Action::NextYear => {
                let step = if action == Action::PrevYear { -1 } else { 1 };
                self.step_year(step);
            }
            Action::Trend => {
                let i = match self.screen {
                    Screen::Report { entry, .. } => Some(entry),
                    Screen::Browse => self.browse.current(),
                    Screen::Compare { b, .. } => Some(b),
                    Screen::Evaluator { .. } => self.row_entry(self.sheet.cursor.0),
                    Screen::Trend { .. }
                    | Screen::Rollup { .. }
                    | Screen::Changes { .. }
                    | Screen::GroupCompare { .. }
                    | Screen::BadFiles => None,
                };
                match i {
                    Some(i) => self.open_trend(i, TableId::T2, Applicants::One("total".into())),
                    None => self.status = self.settings.lang.tr("status.no_trend").into_owned(),
                }
            }
            Action::Order => match self.screen.clone() {
                Screen::Compare { table, .. } | Screen::Trend { table, .. } => {
                    self.by_change = !self.by_change;
                    self.sheet.cursor = (0, self.sheet.cursor.1);
                    self.reopen(table, None);
                    self.status = self
                        .settings
                        .lang
                        .tr(if self.by_change {
                            "status.by_change"
                        } else {
                            "status.in_order"
                        })
                        .into_owned();
                }
                // On the list: the listed agencies' largest changes of a year.
                Screen::Browse => {
                    // The year filtered on, or the latest year a listed report has a year before.
                    let year = self.browse.filter.year.or_else(|| {
                        let year = |i: usize| self.lib.entries.get(i).and_then(|e| e.year);
                        let visible = &self.browse.visible;
                        let paired = visible.iter().filter(|&&i| self.lib.previous_year(i).is_some());
                        paired
                            .filter_map(|&i| year(i))
                            .max()
                            .or_else(|| visible.iter().filter_map(|&i| year(i)).max())
                    });
                    match year {
                        Some(y) => {
                            self.sheet.cursor = (0, 0);
                            self.open_changes(y);
                        }
                        None => self.status = self.settings.lang.tr("status.order_where").into_owned(),
                    }
                }
                _ => self.status = self.settings.lang.tr("status.order_where").into_owned(),
            },
            Action::Rollup => {
                self.sheet.cursor = (0, 0);
                self.open_rollup(crate::grid::By::Province, None);
            }
            Action::Evaluator => {
                self.sheet.cursor = (0, 0);
                self.open_evaluator(None);
            }
            Action::NextTable | Action::PrevTable => {
                let table = match &self.screen {
                    Screen::Report { table, .. } | Screen::Compare { table, .. } | Screen::Trend { table, .. } => {
                        *table
                    }
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
                self.sheet.cursor = (0, 0);
                self.reopen(t, None);
            }
            Action::Columns => {
                let shown = match self.screen.clone() {
                    Screen::Compare { table, columns, .. } => Some((table, columns, true)),
                    Screen::Trend { table, columns, .. } => Some((table, columns, false)),
                    _ => None,
                };
                if let Some((table, columns, all)) = shown {
                    let next = match &columns {
                        Applicants::All => Applicants::One("total".into()),
                        Applicants::One(c) => match COLUMN_CYCLE.iter().position(|x| x == c) {
                            Some(p) if p + 1 < COLUMN_CYCLE.len() => {
                                Applicants::One(COLUMN_CYCLE.get(p + 1).copied().unwrap_or("total").into())
                            }
                            _ if all => Applicants::All,
                            _ => Applicants::One("total".into()),
                        },
                    };
                    self.status = match &next {
                        Applicants::All => self.settings.lang.tr("status.all_columns").into_owned(),
                        Applicants::One(_) => tr!(self.settings.lang, "status.column", col = next.label()),
                    };
                    self.reopen(table, Some(next));
                } else {
                    self.status = self.settings.lang.tr("status.columns_where").into_owned();
                }
            }
            Action::Export => self.prompt = Some(Prompt::ExportFormat),
            Action::Copy => self.request = Some(Request::Copy),
            Action::Thresholds => self.prompt = Some(Prompt::Thresholds(self.thresholds_text())),
            // The filters and the sort work from any screen and show the list.
            Action::FilterYear | Action::FilterProvince | Action::FilterLevel | Action::FilterErrors | Action::Sort => {
                self.screen = Screen::Browse;
                if let browse::Outcome::Status(s) = self.browse.update(&self.lib, action, self.settings.lang) {
                    self.status = s;
                }
            }
            Action::BadFiles => {
                self.screen = if self.screen == Screen::BadFiles {
                    Screen::Browse
                } else {
                    self.scroll = 0;
                    Screen::BadFiles
                };
            }
            _ => {}
        }
    }
}
