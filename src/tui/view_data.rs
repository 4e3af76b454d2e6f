//! The view on screen as data: what `e` exports and `y` copies (the same rows and columns).

use super::app::{App, ExportKind, Screen};
use crate::compare::grid::{Grid, GridCell, GridRow};
use crate::model::agency::Level;

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
            Screen::Browse | Screen::BadFiles => format!("xxgk-list.{ext}"),
        }
    }

    /// The view as a grid (the same rows and columns as on screen): the table on the report and
    /// compare screens, the list of reports on the browse screen.
    pub fn view_grid(&self) -> Option<Grid> {
        match self.screen {
            Screen::Report { .. } | Screen::Compare { .. } => self.grid.clone(),
            Screen::Browse | Screen::BadFiles => {
                let headers = [
                    "file", "agency", "year", "template", "province", "level", "errors", "warnings",
                ];
                let rows = self
                    .visible
                    .iter()
                    .filter_map(|&i| self.lib.entries.get(i))
                    .map(|e| GridRow {
                        label: e.path.to_string(),
                        cells: [
                            e.agency.as_deref().unwrap_or("").to_string(),
                            e.year.map_or(String::new(), |y| y.to_string()),
                            e.template.as_str().to_string(),
                            e.province.as_deref().unwrap_or("").to_string(),
                            e.level.map_or("", Level::as_str).to_string(),
                            e.errors.to_string(),
                            e.warnings.to_string(),
                        ]
                        .into_iter()
                        .map(|t| GridCell {
                            text: t,
                            value: None,
                            rule: None,
                            change: None,
                            source: None,
                        })
                        .collect(),
                    })
                    .collect();
                Some(Grid {
                    title: format!("reports ({})", self.visible.len()),
                    headers: headers.iter().map(|h| h.to_string()).collect(),
                    rows,
                    notes: Vec::new(),
                })
            }
        }
    }

    /// The view as tab-separated text (what `y` copies).
    pub fn view_text(&self) -> String {
        let Some(g) = self.view_grid() else {
            return String::new();
        };
        let mut out = g.headers.join("\t");
        out.push('\n');
        for r in &g.rows {
            out.push_str(&r.label);
            for c in &r.cells {
                out.push('\t');
                out.push_str(&c.text);
            }
            out.push('\n');
        }
        out
    }
}
