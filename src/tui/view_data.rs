//! The view on screen as data: what `e` exports and `y` copies (the same rows and columns).

use super::app::{App, Screen};
use super::request::ExportKind;
use crate::grid::{Grid, bad_files, reports_list};

impl App {
    /// The file name an export of the view proposes.
    pub fn export_name(&self, kind: ExportKind) -> String {
        let ext = if kind == ExportKind::Xlsx { "xlsx" } else { "csv" };
        match &self.screen {
            Screen::Compare { a, b, table, .. } => crate::export::grid::proposed_name(
                &self.entry_label(*a, ""),
                &self.entry_label(*b, ""),
                table.as_str(),
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
            Screen::Trend { group, table, .. } => {
                let first = self.lib.groups.get(*group).and_then(|g| g.first()).copied();
                let name: String = first
                    .and_then(|i| self.lib.entries.get(i))
                    .and_then(|e| e.agency.as_deref())
                    .unwrap_or("agency")
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == '-')
                    .collect();
                format!("{name}_trend_{}.{ext}", table.as_str())
            }
            Screen::Rollup { by, .. } => format!("xxgk-rollup-{by:?}.{ext}").to_lowercase(),
            Screen::Browse => format!("xxgk-list.{ext}"),
            Screen::BadFiles => format!("xxgk-bad-files.{ext}"),
        }
    }

    /// The view as a grid (the same rows and columns as on screen): the table on the report and
    /// compare screens, the list of reports on the browse screen, the files that could not be
    /// read on the bad-files screen.
    pub fn view_grid(&self) -> Option<Grid> {
        match self.screen {
            Screen::Report { .. } | Screen::Compare { .. } | Screen::Trend { .. } | Screen::Rollup { .. } => {
                Some(self.sheet.grid.clone())
            }
            Screen::Browse => Some(reports_list(&self.lib, &self.browse.visible, self.settings.lang)),
            Screen::BadFiles => Some(bad_files(&self.lib, self.settings.lang)),
        }
    }

    /// The view as tab-separated text (what `y` copies).
    pub fn view_text(&self) -> String {
        self.view_grid().map(|g| g.to_tsv()).unwrap_or_default()
    }
}
