//! A sheet written row by row: the same cells (values and marks) go to CSV (`csv` crate, UTF-8
//! with BOM by default), JSON (an array of objects) or XLSX (see [`super::xlsx`]).

use std::io::Write;

use super::ExportError;
use crate::compare::Change;
use crate::model::Num;
use crate::rules::{Finding, Severity};

/// A cell's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Nothing (a blank cell stays blank, never 0).
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Num(Num),
    /// A percentage, in percent (`12.5` is 12.5%): a plain number in CSV and JSON, a number
    /// with a percent format in XLSX.
    Percent(f64),
}

use crate::text::spreadsheet_safe;

/// A cell: its value, and why it stands out (a rule failure on it, a large change).
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// The value.
    pub value: Value,
    /// The worst rule finding naming this cell.
    pub rule: Option<Severity>,
    /// A large change against the compared report.
    pub change: Option<Change>,
}

impl Cell {
    /// A plain cell.
    pub fn new(value: Value) -> Cell {
        Cell {
            value,
            rule: None,
            change: None,
        }
    }

    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::new(Value::Text(s.into()))
    }

    /// A number cell, or an empty one.
    pub fn num(n: Option<Num>) -> Cell {
        Cell::new(n.map_or(Value::Empty, Value::Num))
    }
}

/// Something a sheet can be written to.
pub trait SheetWriter {
    /// The column names (once, first).
    fn header(&mut self, columns: &[String]) -> Result<(), ExportError>;
    /// One row.
    fn row(&mut self, cells: &[Cell]) -> Result<(), ExportError>;
    /// Ends the sheet; `findings` go to a second sheet where the format has one.
    fn finish(self: Box<Self>, findings: &[Finding]) -> Result<(), ExportError>;
}

fn text_of(v: &Value) -> String {
    match v {
        Value::Empty => String::new(),
        Value::Text(s) => spreadsheet_safe(s),
        Value::Num(n) => n.to_string(),
        Value::Percent(p) => format!("{p}"),
    }
}

/// CSV via the `csv` crate.
pub struct CsvSheet<W: Write> {
    w: csv::Writer<W>,
    done: Box<dyn FnOnce(W) -> Result<(), ExportError>>,
}

impl<W: Write> CsvSheet<W> {
    /// A CSV sheet; `bom` starts the file with a UTF-8 byte-order mark (Excel in Chinese locales
    /// needs it to read UTF-8). `done` receives the writer at the end (to commit a file).
    pub fn new(
        mut out: W,
        bom: bool,
        done: Box<dyn FnOnce(W) -> Result<(), ExportError>>,
    ) -> Result<Self, ExportError> {
        if bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        Ok(CsvSheet {
            w: csv::Writer::from_writer(out),
            done,
        })
    }
}

impl<W: Write> SheetWriter for CsvSheet<W> {
    fn header(&mut self, columns: &[String]) -> Result<(), ExportError> {
        self.w.write_record(columns.iter().map(|c| spreadsheet_safe(c)))?;
        Ok(())
    }

    fn row(&mut self, cells: &[Cell]) -> Result<(), ExportError> {
        self.w.write_record(cells.iter().map(|c| text_of(&c.value)))?;
        Ok(())
    }

    fn finish(self: Box<Self>, _findings: &[Finding]) -> Result<(), ExportError> {
        let this = *self;
        let out = this.w.into_inner().map_err(|e| ExportError::Io(e.into_error()))?;
        (this.done)(out)
    }
}

/// JSON: an array of objects keyed by column name (numbers as numbers, blanks as null).
pub struct JsonSheet<W: Write> {
    out: W,
    columns: Vec<String>,
    rows: usize,
    done: Box<dyn FnOnce(W) -> Result<(), ExportError>>,
}

impl<W: Write> JsonSheet<W> {
    /// A JSON sheet; `done` receives the writer at the end.
    pub fn new(out: W, done: Box<dyn FnOnce(W) -> Result<(), ExportError>>) -> Self {
        JsonSheet {
            out,
            columns: Vec::new(),
            rows: 0,
            done,
        }
    }
}

impl<W: Write> SheetWriter for JsonSheet<W> {
    fn header(&mut self, columns: &[String]) -> Result<(), ExportError> {
        self.columns = columns.to_vec();
        self.out.write_all(b"[")?;
        Ok(())
    }

    fn row(&mut self, cells: &[Cell]) -> Result<(), ExportError> {
        // Written by hand so the keys keep the column order.
        let json = |e: serde_json::Error| ExportError::Format(e.to_string());
        self.out.write_all(if self.rows == 0 { b"\n{" } else { b",\n{" })?;
        for (i, (name, c)) in self.columns.iter().zip(cells).enumerate() {
            if i > 0 {
                self.out.write_all(b",")?;
            }
            self.out
                .write_all(crate::text::json_compact(name).map_err(json)?.as_bytes())?;
            self.out.write_all(b":")?;
            match &c.value {
                Value::Empty => self.out.write_all(b"null")?,
                Value::Text(s) => self
                    .out
                    .write_all(crate::text::json_compact(s).map_err(json)?.as_bytes())?,
                Value::Num(n) => serde_json::to_writer(&mut self.out, n).map_err(json)?,
                Value::Percent(p) => serde_json::to_writer(&mut self.out, p).map_err(json)?,
            }
        }
        self.out.write_all(b"}")?;
        self.rows += 1;
        Ok(())
    }

    fn finish(self: Box<Self>, _findings: &[Finding]) -> Result<(), ExportError> {
        let mut this = *self;
        if this.columns.is_empty() {
            this.out.write_all(b"[")?;
        }
        this.out.write_all(b"\n]\n")?;
        (this.done)(this.out)
    }
}
