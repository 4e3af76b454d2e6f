//! XLSX via `rust_xlsxwriter`: the sheet in constant-memory mode (rows streamed), frozen header
//! row and label columns, numbers as numbers, cells with rule failures filled (red for errors,
//! yellow for warnings), large changes in coloured bold (blue up, orange down), and a second
//! sheet listing the findings.

use std::io::{Seek, Write};

use rust_xlsxwriter::{Color, Format, Workbook, Worksheet};

use super::ExportError;
use super::sheet::{Cell, SheetWriter, Value};
use crate::compare::Change;
use crate::rules::{FINDING_COLUMNS, Finding, Severity};

fn xerr(e: rust_xlsxwriter::XlsxError) -> ExportError {
    ExportError::Format(e.to_string())
}

/// An XLSX workbook written to `W` when finished.
pub struct XlsxSheet<W: Write + Seek + Send> {
    book: Workbook,
    row: u32,
    frozen_cols: u16,
    out: Option<W>,
    done: Box<dyn FnOnce(W) -> Result<(), ExportError>>,
}

impl<W: Write + Seek + Send> XlsxSheet<W> {
    /// A workbook whose first `frozen_cols` columns (labels) stay in view.
    pub fn new(
        out: W,
        frozen_cols: u16,
        done: Box<dyn FnOnce(W) -> Result<(), ExportError>>,
    ) -> Result<Self, ExportError> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet_with_constant_memory().map_err(xerr)?;
        sheet.set_name("reports").map_err(xerr)?;
        Ok(XlsxSheet {
            book,
            row: 0,
            frozen_cols,
            out: Some(out),
            done,
        })
    }

    fn sheet(&mut self) -> Result<&mut Worksheet, ExportError> {
        self.book.worksheet_from_index(0).map_err(xerr)
    }
}

fn format_for(c: &Cell) -> Option<Format> {
    if c.rule.is_none() && c.change.is_none() {
        return None;
    }
    let mut f = Format::new();
    match c.rule {
        Some(Severity::Error) => f = f.set_background_color(Color::RGB(0xF4CCCC)),
        Some(Severity::Warning) => f = f.set_background_color(Color::RGB(0xFFF2CC)),
        None => {}
    }
    match c.change {
        Some(Change::Increase) => f = f.set_bold().set_font_color(Color::RGB(0x1F4E79)),
        Some(Change::Decrease) => f = f.set_bold().set_font_color(Color::RGB(0xC55A11)),
        None => {}
    }
    Some(f)
}

impl<W: Write + Seek + Send> SheetWriter for XlsxSheet<W> {
    fn header(&mut self, columns: &[String]) -> Result<(), ExportError> {
        let bold = Format::new().set_bold();
        let frozen = self.frozen_cols;
        let sheet = self.sheet()?;
        for (i, name) in columns.iter().enumerate() {
            let col = u16::try_from(i).map_err(|_| ExportError::Format("too many columns".into()))?;
            sheet
                .write_string_with_format(0, col, crate::text::spreadsheet_safe(name), &bold)
                .map_err(xerr)?;
        }
        sheet.set_freeze_panes(1, frozen).map_err(xerr)?;
        self.row = 1;
        Ok(())
    }

    fn row(&mut self, cells: &[Cell]) -> Result<(), ExportError> {
        quietly(|| self.write_row(cells))?
    }

    fn finish(self: Box<Self>, findings: &[Finding]) -> Result<(), ExportError> {
        quietly(move || (*self).write_all(findings))?
    }
}

/// `rust_xlsxwriter` in constant-memory mode streams rows to a temporary file and panics when
/// that write fails (a full disk): the panic is caught and becomes one clear error.
fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, ExportError> {
    crate::ingest::guard::quietly(f)
        .map_err(|why| ExportError::Format(format!("cannot write the workbook (is the disk full?): {why}")))
}

impl<W: Write + Seek + Send> XlsxSheet<W> {
    fn write_row(&mut self, cells: &[Cell]) -> Result<(), ExportError> {
        let r = self.row;
        let sheet = self.sheet()?;
        for (i, c) in cells.iter().enumerate() {
            let col = u16::try_from(i).map_err(|_| ExportError::Format("too many columns".into()))?;
            let format = format_for(c);
            match (&c.value, &format) {
                (Value::Empty, None) => {}
                (Value::Empty, Some(f)) => {
                    sheet.write_blank(r, col, f).map_err(xerr)?;
                }
                (Value::Text(s), None) => {
                    sheet
                        .write_string(r, col, crate::text::spreadsheet_safe(s))
                        .map_err(xerr)?;
                }
                (Value::Text(s), Some(f)) => {
                    sheet
                        .write_string_with_format(r, col, crate::text::spreadsheet_safe(s), f)
                        .map_err(xerr)?;
                }
                (Value::Percent(p), f) => {
                    let f = f.clone().unwrap_or_default().set_num_format("0.0%");
                    sheet.write_number_with_format(r, col, p / 100.0, &f).map_err(xerr)?;
                }
                (Value::Num(n), None) => {
                    sheet.write_number(r, col, n.to_f64()).map_err(xerr)?;
                }
                (Value::Num(n), Some(f)) => {
                    sheet.write_number_with_format(r, col, n.to_f64(), f).map_err(xerr)?;
                }
            }
        }
        self.row = r
            .checked_add(1)
            .ok_or_else(|| ExportError::Format("too many rows for a sheet".into()))?;
        if self.row > 1_048_575 {
            return Err(ExportError::Format(
                "more rows than an XLSX sheet holds (1,048,576)".into(),
            ));
        }
        Ok(())
    }

    fn write_all(mut self, findings: &[Finding]) -> Result<(), ExportError> {
        let bold = Format::new().set_bold();
        let sheet = self.book.add_worksheet();
        sheet.set_name("findings").map_err(xerr)?;
        for (i, h) in FINDING_COLUMNS.iter().enumerate() {
            sheet
                .write_string_with_format(0, crate::cast::u16_sat(i), *h, &bold)
                .map_err(xerr)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xerr)?;
        for (i, f) in findings.iter().enumerate() {
            let r = u32::try_from(i + 1).map_err(|_| ExportError::Format("too many findings".into()))?;
            if r > 1_048_575 {
                break;
            }
            let text = crate::text::spreadsheet_safe;
            sheet.write_string(r, 0, text(&f.file)).map_err(xerr)?;
            sheet
                .write_string(r, 1, text(f.agency.as_deref().unwrap_or("")))
                .map_err(xerr)?;
            if let Some(y) = f.year {
                sheet.write_number(r, 2, f64::from(y)).map_err(xerr)?;
            }
            sheet.write_string(r, 3, f.rule.as_str()).map_err(xerr)?;
            sheet.write_string(r, 4, f.severity.as_str()).map_err(xerr)?;
            sheet.write_string(r, 5, f.keys.join(";")).map_err(xerr)?;
            if let Some(v) = f.expected {
                sheet.write_number(r, 6, v.to_f64()).map_err(xerr)?;
            }
            if let Some(v) = f.actual {
                sheet.write_number(r, 7, v.to_f64()).map_err(xerr)?;
            }
            sheet
                .write_string(r, 8, text(&f.message.render(crate::i18n::Lang::En)))
                .map_err(xerr)?;
        }
        let mut out = self
            .out
            .take()
            .ok_or_else(|| ExportError::Format("workbook written twice".into()))?;
        // The zip is built in memory and then written: a write error (a full disk) is then one
        // error of ours, never the zip writer's own message from its drop.
        let mut zip = std::io::Cursor::new(Vec::new());
        self.book.save_to_writer(&mut zip).map_err(xerr)?;
        out.write_all(zip.get_ref())?;
        (self.done)(out)
    }
}
