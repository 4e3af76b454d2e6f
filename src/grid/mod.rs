//! The one view-model of every table a person sees: the report and compare screens, the list of
//! reports, the files that could not be read, `xxgk diff` and `show`, and every export of them.
//! The screen draws a [`Grid`]; `e` exports and `y` copies the same `Grid`; the CLI prints it.
//!
//! A grid carries its structure in types: each column has a [`ColumnKind`] (value, Δ, Δ%,
//! flags, text), an optional [`Group`] (a table-2 applicant column, a year) and the [`Side`] it
//! shows; each row has a [`RowKind`] (section heading, figure, note, list item); each figure cell
//! knows the report figure behind it ([`FigureRef`]). Nothing downstream parses header strings.

pub mod changes;
pub mod evaluator;
pub mod explain;
mod lists;
pub mod print;
pub mod rollup;
mod tables;
pub mod trend;

use serde::Serialize;
use serde::ser::SerializeStruct;

pub use changes::changes;
pub use evaluator::evaluator;
pub use lists::{bad_files, reports_list};
pub use rollup::{By, rollup};
pub use tables::{Applicants, compare, compare_checked, single};
pub use trend::trend;

use crate::compare::Change;
use crate::model::catalog::T2_COLS;
use crate::model::{KeyId, Num};
use crate::rules::Severity;

/// Which of two compared reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Side {
    /// The first (older, or marked first).
    A,
    /// The second.
    B,
}

impl Side {
    /// `A` or `B`.
    pub fn letter(self) -> &'static str {
        match self {
            Side::A => "A",
            Side::B => "B",
        }
    }
}

/// Whose figure a cell shows: one side of a comparison, or one year of a multi-year view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Origin {
    /// A side of a comparison (a single report is side A).
    Side(Side),
    /// A year of an agency's reports.
    Year(u16),
}

/// The report figure behind a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FigureRef {
    /// Whose figure.
    pub origin: Origin,
    /// Which figure.
    pub key: KeyId,
}

impl Serialize for FigureRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("FigureRef", 2)?;
        st.serialize_field("origin", &self.origin)?;
        st.serialize_field("key", self.key.name())?;
        st.end()
    }
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnKind {
    /// Report figures.
    Value,
    /// The change B − A.
    Delta,
    /// The change in percent of A.
    Percent,
    /// Rule ids and large-change marks.
    Flags,
    /// Words (a file name, a reason, a province).
    Text,
    /// Counts (errors, warnings, a year).
    Count,
}

impl ColumnKind {
    /// Whether cells are right-aligned (numbers).
    pub fn numeric(self) -> bool {
        matches!(
            self,
            ColumnKind::Value | ColumnKind::Delta | ColumnKind::Percent | ColumnKind::Count
        )
    }
}

/// A set of adjacent columns that belong together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Group {
    /// One of table 2's applicant columns (its key, e.g. `natural_person`).
    Applicant(&'static str),
    /// One year of a multi-year view.
    Year(u16),
}

impl Group {
    /// The group's name over its columns.
    pub fn label(self) -> String {
        match self {
            Group::Applicant(key) => T2_COLS
                .iter()
                .find(|c| c.key == key)
                .map_or_else(|| key.to_string(), |c| c.label.to_string()),
            Group::Year(y) => y.to_string(),
        }
    }
}

/// One column after the label column.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Column {
    /// Its own header (`A`, `Δ`, `总计`, `errors`).
    pub header: String,
    /// What it holds.
    pub kind: ColumnKind,
    /// The group it belongs to, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<Group>,
    /// The side whose figures it shows (value columns of a comparison).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
}

impl Column {
    /// A column of a kind with a header.
    pub fn new(header: impl Into<String>, kind: ColumnKind) -> Column {
        Column {
            header: header.into(),
            kind,
            group: None,
            side: None,
        }
    }

    /// The header with its group, as one line of a file: `自然人 A`.
    pub fn full_header(&self) -> String {
        match self.group {
            Some(g) => format!("{} {}", g.label(), self.header),
            None => self.header.clone(),
        }
    }
}

/// What a row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "item", rename_all = "lowercase")]
pub enum RowKind {
    /// A section heading (（三）不予公开): a label, empty cells, not selectable.
    Heading,
    /// A row of figures.
    Figure,
    /// A line of explanation.
    Note,
    /// An item of a list: the library entry it stands for, if any (a file that could not be
    /// read has none).
    Item(Option<usize>),
}

/// One cell of the view.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Cell {
    /// The text shown.
    pub text: String,
    /// The number behind it.
    pub value: Option<Num>,
    /// Worst rule finding on the cell.
    pub rule: Option<Severity>,
    /// Large change (on Δ cells).
    pub change: Option<Change>,
    /// The report figure behind the cell, for provenance and jumps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<FigureRef>,
}

impl Cell {
    /// A cell of plain text.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    /// A cell with a number.
    pub fn number(value: Option<Num>) -> Cell {
        Cell {
            text: value.map_or_else(String::new, |v| v.to_string()),
            value,
            ..Cell::default()
        }
    }

    /// Whether the cell carries a rule finding or a large change.
    pub fn flagged(&self) -> bool {
        self.rule.is_some() || self.change.is_some()
    }
}

/// One row of the view.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// What the row is.
    #[serde(flatten)]
    pub kind: RowKind,
    /// The row label (frozen while scrolling).
    pub label: String,
    /// The cells after the label, one per column.
    pub cells: Vec<Cell>,
}

impl Row {
    /// A section heading with `n` empty cells (every row has every column in exports).
    pub fn heading(label: impl Into<String>, n: usize) -> Row {
        Row {
            kind: RowKind::Heading,
            label: label.into(),
            cells: vec![Cell::default(); n],
        }
    }

    /// Whether the cursor may rest on the row.
    pub fn selectable(&self) -> bool {
        !matches!(self.kind, RowKind::Heading | RowKind::Note)
    }
}

/// Ranks rows by one column: larger values first, rows without a value (not ranked) last; ties
/// keep their order.
pub fn rank_by(rows: &mut [Row], column: usize) {
    rows.sort_by(|a, b| {
        let v = |r: &Row| r.cells.get(column).and_then(|x| x.value);
        match (v(a), v(b)) {
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
    });
}

/// The view.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    /// What is shown.
    pub title: String,
    /// The label column's header.
    pub label_header: String,
    /// The columns after the label.
    pub columns: Vec<Column>,
    /// Rows.
    pub rows: Vec<Row>,
    /// Notes (crosswalk used, consecutive years…).
    pub notes: Vec<String>,
}

impl Serialize for Grid {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Grid", 5)?;
        st.serialize_field("title", &self.title)?;
        st.serialize_field("headers", &self.headers())?;
        st.serialize_field("columns", &self.columns)?;
        st.serialize_field("rows", &self.rows)?;
        st.serialize_field("notes", &self.notes)?;
        st.end()
    }
}

/// The cells of one compared figure: A, B, Δ, Δ% and flags of a row within a group.
#[derive(Clone, Copy, Debug, Default)]
pub struct Compared<'a> {
    /// Side A's figure.
    pub a: Option<&'a Cell>,
    /// Side B's figure.
    pub b: Option<&'a Cell>,
    /// B − A.
    pub delta: Option<&'a Cell>,
    /// Δ in percent.
    pub percent: Option<&'a Cell>,
    /// Rule ids and marks.
    pub flags: Option<&'a Cell>,
}

impl Grid {
    /// Every header as one line of a file, the label column's first.
    pub fn headers(&self) -> Vec<String> {
        std::iter::once(self.label_header.clone())
            .chain(self.columns.iter().map(Column::full_header))
            .collect()
    }

    /// Whether any column belongs to a group (the screen draws group names over them).
    pub fn grouped(&self) -> bool {
        self.columns.iter().any(|c| c.group.is_some())
    }

    /// The columns of the same group as column `c` (all columns when ungrouped).
    pub fn group_span(&self, c: usize) -> std::ops::Range<usize> {
        let group = self.columns.get(c).and_then(|x| x.group);
        let mut start = c.min(self.columns.len());
        while start > 0 && self.columns.get(start - 1).and_then(|x| x.group) == group {
            start -= 1;
        }
        let mut end = start;
        while end < self.columns.len() && self.columns.get(end).and_then(|x| x.group) == group {
            end += 1;
        }
        start..end
    }

    /// The compared cells of `row` in the group of column `c`.
    pub fn compared(&self, row: usize, c: usize) -> Compared<'_> {
        let mut out = Compared::default();
        let Some(r) = self.rows.get(row) else { return out };
        for i in self.group_span(c) {
            let (Some(col), Some(cell)) = (self.columns.get(i), r.cells.get(i)) else {
                continue;
            };
            match (col.kind, col.side) {
                (ColumnKind::Value, Some(Side::A)) => out.a = Some(cell),
                (ColumnKind::Value, Some(Side::B)) => out.b = Some(cell),
                (ColumnKind::Delta, _) => out.delta = Some(cell),
                (ColumnKind::Percent, _) => out.percent = Some(cell),
                (ColumnKind::Flags, _) => out.flags = Some(cell),
                _ => {}
            }
        }
        out
    }

    /// Whether the grid compares two reports (it has value columns of side B).
    pub fn is_comparison(&self) -> bool {
        self.columns.iter().any(|c| c.side == Some(Side::B))
    }

    /// The position of the cell showing a figure.
    pub fn find(&self, source: FigureRef) -> Option<(usize, usize)> {
        self.rows
            .iter()
            .enumerate()
            .find_map(|(r, row)| row.cells.iter().position(|c| c.source == Some(source)).map(|c| (r, c)))
    }

    /// The view as tab-separated text (what `y` copies): headers, then one line per row.
    pub fn to_tsv(&self) -> String {
        // What the screen shows, and nothing a spreadsheet would run when it is pasted there.
        let clean = |s: &str| crate::text::spreadsheet_safe(s).replace('\t', " ");
        let mut out = self.headers().iter().map(|h| clean(h)).collect::<Vec<_>>().join("\t");
        out.push('\n');
        for r in &self.rows {
            out.push_str(&clean(&r.label));
            for c in &r.cells {
                out.push('\t');
                out.push_str(&clean(&c.text));
            }
            out.push('\n');
        }
        out
    }
}

/// The figure rows of a comparison or a trend by the size of their change, largest first (the
/// section headings go: the order is no longer the table's). A comparison's change is its first
/// Δ column; a trend's the last year against the year before it that has a value. Rows without
/// a change come last, in table order.
pub fn order_by_change(mut grid: Grid) -> Grid {
    let delta = grid.columns.iter().position(|c| c.kind == ColumnKind::Delta);
    let years: Vec<usize> = grid
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == ColumnKind::Value && c.side.is_none())
        .map(|(i, _)| i)
        .collect();
    let size = |row: &Row| -> Option<f64> {
        match delta {
            Some(d) => row.cells.get(d).and_then(|c| c.value).map(|v| v.to_f64().abs()),
            None => {
                let values: Vec<f64> = years
                    .iter()
                    .filter_map(|&i| row.cells.get(i).and_then(|c| c.value))
                    .map(|v| v.to_f64())
                    .collect();
                match values.as_slice() {
                    [.., a, b] => Some((b - a).abs()),
                    _ => None,
                }
            }
        }
    };
    grid.rows.retain(|r| r.kind != RowKind::Heading);
    let mut keyed: Vec<(Option<f64>, Row)> = grid.rows.into_iter().map(|r| (size(&r), r)).collect();
    keyed.sort_by(|(a, _), (b, _)| match (a, b) {
        (Some(x), Some(y)) => y.total_cmp(x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    grid.rows = keyed.into_iter().map(|(_, r)| r).collect();
    grid
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(kind: ColumnKind, group: Option<Group>, side: Option<Side>) -> Column {
        Column {
            header: "x".into(),
            kind,
            group,
            side,
        }
    }

    #[test]
    fn groups_and_compared_cells_come_from_column_types() {
        let g1 = Some(Group::Applicant("natural_person"));
        let g2 = Some(Group::Applicant("total"));
        let mut columns = Vec::new();
        for g in [g1, g2] {
            columns.push(col(ColumnKind::Value, g, Some(Side::A)));
            columns.push(col(ColumnKind::Value, g, Some(Side::B)));
            columns.push(col(ColumnKind::Delta, g, None));
            columns.push(col(ColumnKind::Percent, g, None));
            columns.push(col(ColumnKind::Flags, g, None));
        }
        let cells = (0..10).map(|i| Cell::text(i.to_string())).collect();
        let g = Grid {
            title: String::new(),
            label_header: "row".into(),
            columns,
            rows: vec![Row {
                kind: RowKind::Figure,
                label: "r".into(),
                cells,
            }],
            notes: Vec::new(),
        };
        assert_eq!(g.group_span(7), 5..10);
        assert_eq!(g.group_span(0), 0..5);
        let c = g.compared(0, 8);
        assert_eq!(c.a.map(|c| c.text.as_str()), Some("5"));
        assert_eq!(c.flags.map(|c| c.text.as_str()), Some("9"));
        assert_eq!(g.headers().get(1).map(String::as_str), Some("自然人 x"));
        assert!(g.is_comparison());
    }
}
