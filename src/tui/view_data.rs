//! The view on screen as data: what `e` exports and `y` copies (the same rows and columns).

use super::app::{App, Screen};
use super::request::ExportKind;
use crate::grid::{Grid, bad_files, reports_list};

impl App {
    /// The file name an export of the view proposes.
    pub fn export_name(&self, kind: ExportKind) -> String {
        let ext = if kind == ExportKind::Xlsx { "xlsx" } else { "csv" };
        match &self.screen {
            // The table-2 column shown is part of the name: the 总计 and 自然人 views of one pair
            // no longer collide.
            Screen::Compare { a, b, table, columns } => crate::export::grid::proposed_name(
                &self.entry_label(*a, ""),
                &self.entry_label(*b, ""),
                &table_and_column(*table, columns),
                ext,
            ),
            Screen::Report { entry, table } => {
                let name: String = self
                    .entry_label(*entry, "")
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == '-')
                    .collect();
                format!("{name}_{}.{ext}", table.as_str())
            }
            Screen::Trend { group, table, columns } => {
                let first = self.lib.groups.get(*group).and_then(|g| g.first()).copied();
                let name: String = first
                    .and_then(|i| self.lib.entries.get(i))
                    .and_then(|e| e.agency.as_deref())
                    .unwrap_or("agency")
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == '-')
                    .collect();
                format!("{name}_trend_{}.{ext}", table_and_column(*table, columns))
            }
            Screen::Rollup { by, .. } => format!("xxgk-rollup-{by:?}.{ext}").to_lowercase(),
            Screen::Evaluator { .. } => format!("xxgk-evaluator.{ext}"),
            Screen::Changes { year } => format!("xxgk-changes-{year}.{ext}"),
            Screen::GroupCompare { a, b, .. } => {
                let clean = |s: &str| {
                    s.chars()
                        .filter(|c| c.is_alphanumeric() || *c == '-')
                        .collect::<String>()
                };
                format!("xxgk-rollup-{}_vs_{}.{ext}", clean(a), clean(b))
            }
            Screen::Browse => format!("xxgk-list.{ext}"),
            Screen::BadFiles => format!("xxgk-bad-files.{ext}"),
        }
    }

    /// The view as a grid (the same rows and columns as on screen): the table on the report and
    /// compare screens, the list of reports on the browse screen, the files that could not be
    /// read on the bad-files screen.
    pub fn view_grid(&self) -> Option<Grid> {
        match self.screen {
            Screen::Report { .. }
            | Screen::Compare { .. }
            | Screen::Trend { .. }
            | Screen::Rollup { .. }
            | Screen::Evaluator { .. }
            | Screen::Changes { .. }
            | Screen::GroupCompare { .. } => Some(self.sheet.grid.clone()),
            Screen::Browse => Some(reports_list(&self.lib, &self.browse.visible, self.settings.lang)),
            Screen::BadFiles => Some(bad_files(&self.lib, self.settings.lang)),
        }
    }

    /// The grid an export writes: the view, saying what it holds — on a comparison, the A and B
    /// columns named by agency and year; on a comparison or trend, the table, the table-2 column
    /// and the thresholds in force as notes.
    pub fn export_grid(&self) -> Option<Grid> {
        let mut g = self.view_grid()?;
        let lang = self.settings.lang;
        let t = &self.settings.thresholds;
        let (table, columns) = match &self.screen {
            Screen::Compare { a, b, table, columns } => {
                for c in &mut g.columns {
                    let who = match c.side {
                        Some(crate::grid::Side::A) => self.entry_label(*a, " "),
                        Some(crate::grid::Side::B) => self.entry_label(*b, " "),
                        None => continue,
                    };
                    c.header = format!("{} {who}", c.header);
                }
                (*table, columns)
            }
            Screen::Trend { table, columns, .. } => (*table, columns),
            _ => return Some(g),
        };
        g.notes.push(crate::tr!(
            lang,
            "grid.export_what",
            table = table.as_str(),
            column = columns.label()
        ));
        g.notes.push(crate::tr!(
            lang,
            "grid.export_thresholds",
            abs = t.min_abs,
            rel = t.min_rel * 100.0,
            base = t.min_base
        ));
        Some(g)
    }

    /// The findings an export's findings sheet lists: those of the reports on screen.
    pub fn export_findings(&self) -> &[crate::rules::Finding] {
        match self.screen {
            Screen::Report { .. } | Screen::Compare { .. } | Screen::Trend { .. } => &self.sheet.findings,
            _ => &[],
        }
    }

    /// The view as tab-separated text (what `y` copies).
    pub fn view_text(&self) -> String {
        self.view_grid().map(|g| g.to_tsv()).unwrap_or_default()
    }
}

/// `t2` with the table-2 column when it is not the default 总计: `t2_自然人`, `t2_全部申请人`.
fn table_and_column(table: crate::model::TableId, columns: &crate::grid::Applicants) -> String {
    match columns {
        crate::grid::Applicants::One(c) if c == "total" => table.as_str().to_string(),
        _ if table != crate::model::TableId::T2 => table.as_str().to_string(),
        other => format!("{}_{}", table.as_str(), other.label()),
    }
}
