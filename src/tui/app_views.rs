//! The explorer's multi-report views: the roll-up of the listed reports, a group's reports, an
//! agency's trend, and rows ordered by their change.

use super::app::{App, Screen};
use crate::tr;

/// The changes listed at most on the explorer's changes screen.
const CHANGES_SHOWN: usize = 1000;
use crate::grid::{Applicants, order_by_change, trend};
use crate::model::{Report, TableId};

impl App {
    /// The listed reports (filters applied) summed by group.
    pub(super) fn open_rollup(&mut self, by: crate::grid::By, sort: Option<usize>) {
        let mut grid = crate::grid::rollup(
            &self.lib,
            &self.browse.visible,
            by,
            self.browse.filter.year,
            self.settings.min_base,
            self.settings.lang,
        );
        if let Some(c) = sort {
            // Largest first; what is not ranked (no value) last; the total row stays last.
            let total = grid.rows.pop();
            crate::grid::rank_by(&mut grid.rows, c);
            grid.rows.extend(total);
        }
        let keep = matches!(self.screen, Screen::Rollup { by: b, .. } if b == by);
        self.sheet.replace(grid, Vec::new(), keep);
        self.screen = Screen::Rollup { by, sort };
    }

    /// The evaluator's list of the listed reports (filters applied), ranked by a column or in
    /// the list's order.
    pub(super) fn open_evaluator(&mut self, sort: Option<usize>) {
        let grid = crate::grid::evaluator(&self.lib, &self.browse.visible, sort, self.settings.lang);
        let keep = matches!(self.screen, Screen::Evaluator { .. });
        self.sheet.replace(grid, Vec::new(), keep);
        self.screen = Screen::Evaluator { sort };
    }

    /// The largest changes from the year before to `year` of the listed agencies (the list's
    /// filters apply; the thresholds in force).
    pub(super) fn open_changes(&mut self, year: u16) {
        let grid = crate::grid::changes(
            &self.lib,
            Some(&self.browse.visible),
            year,
            &self.settings.thresholds,
            CHANGES_SHOWN,
            self.settings.lang,
        );
        let keep = matches!(self.screen, Screen::Changes { year: y } if y == year);
        self.sheet.replace(grid, Vec::new(), keep);
        self.screen = Screen::Changes { year };
    }

    /// The comparison behind a row of the changes, with the cursor on the row's figure.
    pub(super) fn open_change(&mut self, row: usize) {
        let Screen::Changes { year } = self.screen else { return };
        let Some(r) = self.sheet.grid.rows.get(row) else { return };
        let key = r.cells.iter().find_map(|c| c.source.map(|s| s.key));
        let (Some(key), Some((a, b))) = (key, crate::grid::changes::pair_of(&self.lib, &r.label, year)) else {
            return;
        };
        let d = key.def();
        let columns = if d.table == TableId::T2 {
            Applicants::One(d.col.to_string())
        } else {
            Applicants::One("total".into())
        };
        self.back_to = Some((self.screen.clone(), self.sheet.cursor));
        self.sheet.cursor = (0, 0);
        self.open_compare(a, b, d.table, columns);
        let at = self.sheet.grid.find(crate::grid::FigureRef {
            origin: crate::grid::Origin::Side(crate::grid::Side::B),
            key,
        });
        if let Some(at) = at {
            self.sheet.cursor = at;
        }
    }

    /// `Space` on a roll-up marks the group under the cursor as A, then B (a third mark starts
    /// again at A); `c` compares the two.
    pub(super) fn mark_or_compare_groups(&mut self, by: crate::grid::By, action: crate::tui::action::Action) {
        let lang = self.settings.lang;
        if action == crate::tui::action::Action::Compare {
            match self.group_marks.clone() {
                (Some(a), Some(b)) => {
                    self.sheet.cursor = (0, 0);
                    self.open_group_compare(by, &a, &b);
                }
                _ => self.status = lang.tr("status.mark_two_groups").into_owned(),
            }
            return;
        }
        let Some(name) = self.sheet.grid.rows.get(self.sheet.cursor.0).map(|r| r.label.clone()) else {
            return;
        };
        self.group_marks = match std::mem::take(&mut self.group_marks) {
            (Some(a), None) if a != name => (Some(a), Some(name)),
            _ => (Some(name), None),
        };
        self.status = match &self.group_marks {
            (Some(a), Some(b)) => tr!(lang, "status.group_marked_b", a = a.as_str(), b = b.as_str()),
            (Some(a), None) => tr!(lang, "status.group_marked_a", name = a.as_str()),
            _ => String::new(),
        };
    }

    /// Two groups of the roll-up (by `by`, of the listed reports) side by side.
    pub(super) fn open_group_compare(&mut self, by: crate::grid::By, a: &str, b: &str) {
        let g = crate::grid::rollup(
            &self.lib,
            &self.browse.visible,
            by,
            self.browse.filter.year,
            self.settings.min_base,
            self.settings.lang,
        );
        let Some(grid) = crate::grid::rollup::compare_groups(&g, a, b, &self.settings.thresholds, self.settings.lang)
        else {
            self.status = self.settings.lang.tr("status.mark_two_groups").into_owned();
            return;
        };
        let keep = matches!(&self.screen, Screen::GroupCompare { a: x, b: y, .. } if x == a && y == b);
        self.sheet.replace(grid, Vec::new(), keep);
        self.screen = Screen::GroupCompare {
            by,
            a: a.to_string(),
            b: b.to_string(),
        };
    }

    /// The library entry of a row of the sheet (a row of the evaluator's list).
    pub(super) fn row_entry(&self, row: usize) -> Option<usize> {
        match self.sheet.grid.rows.get(row).map(|r| r.kind) {
            Some(crate::grid::RowKind::Item(i)) => i,
            _ => None,
        }
    }

    /// The list of the reports of a roll-up's group (by province or level; a city has no filter).
    pub(super) fn open_group(&mut self, by: crate::grid::By, row: usize) {
        let Some(label) = self.sheet.grid.rows.get(row).map(|r| r.label.clone()) else {
            return;
        };
        let lang = self.settings.lang;
        match by {
            crate::grid::By::Province => self.browse.filter.province = Some(label),
            crate::grid::By::Level => {
                use crate::model::agency::Level;
                let level = [
                    Level::Province,
                    Level::City,
                    Level::County,
                    Level::Township,
                    Level::Department,
                ]
                .into_iter()
                .find(|l| lang.tr(&format!("level.{}", l.as_str())) == label);
                match level {
                    Some(l) => self.browse.filter.level = Some(l),
                    None => return,
                }
            }
            crate::grid::By::City => {
                self.status = lang.tr("status.city_no_filter").into_owned();
                return;
            }
        }
        self.browse.refilter(&self.lib, false);
        self.screen = Screen::Browse;
    }

    /// Every year of an entry's agency, one table.
    pub(super) fn open_trend(&mut self, entry: usize, table: TableId, columns: Applicants) {
        let Some(group) = self.lib.group_of.get(entry).map(|&g| g as usize) else {
            return;
        };
        let members = self.lib.groups.get(group).cloned().unwrap_or_default();
        let reports: Vec<Report> = members.iter().filter_map(|&i| self.report(i)).collect();
        let findings: Vec<crate::rules::Finding> = members.iter().flat_map(|&i| self.lib.findings_of(i)).collect();
        let grid = trend(
            &reports,
            &findings,
            table,
            &columns,
            self.settings.ascii,
            self.settings.lang,
        );
        let grid = if self.by_change { order_by_change(grid) } else { grid };
        let keep = matches!(&self.screen, Screen::Trend { group: g, .. } if *g == group);
        self.sheet.replace(grid, findings, keep);
        if !keep {
            // Start on the latest year.
            self.sheet.cursor.1 = self.sheet.grid.columns.len().saturating_sub(2);
        }
        self.screen = Screen::Trend { group, table, columns };
    }
}
