//! What the detail view of the explorer says: the explanation of a finding or a cell, built
//! from the state as it is now (a report read in full since the view opened shows at once), and
//! its lines at the terminal's size.

use super::app::{App, Screen};
use super::detail::{self, Subject};
use crate::grid::explain::{self, Explanation};
use crate::grid::{Origin, Side};
use crate::model::Report;

impl App {
    /// The entry of a report file on screen (or anywhere in the library).
    fn entry_of_file(&self, file: &str) -> Option<usize> {
        let on_screen: &[usize] = match &self.screen {
            Screen::Report { entry, .. } => &[*entry],
            Screen::Compare { a, b, .. } => &[*a, *b],
            _ => &[],
        };
        on_screen
            .iter()
            .copied()
            .chain(self.on_screen())
            .chain(0..self.lib.entries.len())
            .find(|&i| self.lib.entries.get(i).is_some_and(|e| *e.path == *file))
    }

    /// An entry's report read in full, when it has been.
    fn full(&self, entry: Option<usize>) -> Option<&Report> {
        self.details.get(&entry?).and_then(|d| d.as_ref().ok())
    }

    /// The section explaining one finding on screen.
    fn explain_finding(&self, f: &crate::rules::Finding) -> explain::Section {
        let entry = self.entry_of_file(&f.file);
        let previous = entry.and_then(|e| self.lib.previous_year(e));
        explain::finding(
            f,
            self.full(entry),
            self.full(previous),
            self.side_of_file(&f.file).trim(),
            self.settings.lang,
        )
    }

    /// What the detail view says about its subject, from the state as it is now (a report read
    /// in full since it opened shows at once).
    pub fn explanation(&self, subject: Subject) -> Explanation {
        let lang = self.settings.lang;
        match subject {
            Subject::Finding(i) => {
                let Some(f) = self.sheet.findings.get(i) else {
                    return Explanation::default();
                };
                let entry = self.entry_of_file(&f.file);
                Explanation {
                    heading: format!(
                        "{}{}",
                        self.side_of_file(&f.file),
                        entry.map_or_else(|| f.file.clone(), |e| self.entry_label(e, " "))
                    ),
                    figures: Vec::new(),
                    sections: vec![self.explain_finding(f)],
                }
            }
            Subject::Cell(r, c) => {
                let g = &self.sheet.grid;
                let (Some(row), Some(col)) = (g.rows.get(r), g.columns.get(c)) else {
                    return Explanation::default();
                };
                // On a comparison the figure is a block of five cells (A, B, Δ, Δ%, flags).
                let compare = g.columns.iter().any(|c| c.side.is_some());
                let cells: Vec<usize> = if compare {
                    let start = c / 5 * 5;
                    (start..start + 5).filter(|&j| j < row.cells.len()).collect()
                } else {
                    vec![c]
                };
                let mut e = Explanation {
                    heading: format!("{} · {}", row.label, col.header),
                    ..Explanation::default()
                };
                let (mut a, mut b) = (None, None);
                for &j in &cells {
                    let Some(cell) = row.cells.get(j) else { continue };
                    if let Some(src) = cell.source {
                        let side = match src.origin {
                            Origin::Side(s) => s,
                            Origin::Year(_) => Side::A,
                        };
                        match side {
                            Side::A => a = cell.value,
                            Side::B => b = cell.value,
                        }
                        let entry = self.entry_of_origin(src.origin);
                        let who = match src.origin {
                            Origin::Year(y) => y.to_string(),
                            Origin::Side(_) if compare => side.letter().to_string(),
                            Origin::Side(_) => String::new(),
                        };
                        let report = self.full(entry);
                        e.figures.push(explain::figure(&who, src.key, report, lang));
                        let file = entry.and_then(|i| self.lib.entries.get(i)).map(|x| x.path.to_string());
                        for f in self.sheet.findings.iter().filter(|f| {
                            f.keys.iter().any(|k| k == src.key.name()) && file.as_deref().is_none_or(|p| p == f.file)
                        }) {
                            e.sections.push(self.explain_finding(f));
                        }
                    }
                }
                if let Some(change) = cells.iter().find_map(|&j| row.cells.get(j).and_then(|x| x.change)) {
                    e.sections.push(explain::change(
                        &row.label,
                        a,
                        b,
                        change,
                        &self.settings.thresholds,
                        lang,
                    ));
                }
                e
            }
        }
    }

    /// The detail view's lines at the current size, and how many fit.
    pub(super) fn detail_lines(&self) -> (Vec<detail::Line>, usize) {
        let Some(d) = self.detail else {
            return (Vec::new(), 0);
        };
        let (w, h) = detail_area(self.size);
        (
            detail::lines(&self.explanation(d.subject), usize::from(w), self.settings.lang),
            usize::from(h),
        )
    }
}

/// The inner size (columns, rows) of the detail view on a terminal of `size`: the body between
/// the title and the status line, inside its border.
pub(super) fn detail_area(size: (u16, u16)) -> (u16, u16) {
    (size.0.saturating_sub(2).max(1), size.1.saturating_sub(4).max(1))
}
