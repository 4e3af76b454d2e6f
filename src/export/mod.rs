//! Data out: reports (and views) as CSV, XLSX or JSON, written row by row to a file that appears
//! atomically and is never overwritten without asking.

pub mod grid;
pub mod reports;
pub mod sheet;
pub mod xlsx;

use std::path::Path;

use crate::fsio::AtomicFile;
use sheet::{CsvSheet, JsonSheet, SheetWriter};
use xlsx::XlsxSheet;

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing the file failed (or it exists and may not be overwritten).
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The format's writer failed.
    #[error("{0}")]
    Format(String),
}

impl From<csv::Error> for ExportError {
    fn from(e: csv::Error) -> Self {
        // An I/O error stays one (a closed pipe is told apart from a bad record).
        if e.is_io_error() {
            if let csv::ErrorKind::Io(io) = e.into_kind() {
                return ExportError::Io(io);
            }
            return ExportError::Format("I/O error".into());
        }
        ExportError::Format(e.to_string())
    }
}

/// File formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values (UTF-8, BOM by default).
    Csv,
    /// An Excel workbook.
    Xlsx,
    /// A JSON array of objects.
    Json,
}

impl Format {
    /// The format a file name asks for (`.xlsx`, `.json`, otherwise CSV).
    pub fn from_path(p: &Path) -> Format {
        match p
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("xlsx") => Format::Xlsx,
            Some("json") => Format::Json,
            _ => Format::Csv,
        }
    }
}

/// Opens a sheet writer onto a stream (`export --out -`: standard output). The stream is
/// flushed at the end; an XLSX workbook is built in memory and written whole.
///
/// # Errors
/// When the BOM or the workbook cannot be started.
pub fn open_stream(
    mut out: Box<dyn std::io::Write + Send>,
    format: Format,
    bom: bool,
    frozen_cols: u16,
) -> Result<Box<dyn SheetWriter>, ExportError> {
    Ok(match format {
        Format::Csv => Box::new(CsvSheet::new(
            out,
            bom,
            Box::new(|mut w: Box<dyn std::io::Write + Send>| Ok(w.flush()?)),
        )?),
        Format::Json => Box::new(JsonSheet::new(
            out,
            Box::new(|mut w: Box<dyn std::io::Write + Send>| Ok(w.flush()?)),
        )),
        // A workbook is a zip, written whole at the end: built in memory, then copied out.
        Format::Xlsx => {
            let done = Box::new(move |c: std::io::Cursor<Vec<u8>>| -> Result<(), ExportError> {
                out.write_all(c.get_ref())?;
                Ok(out.flush()?)
            });
            Box::new(XlsxSheet::new(std::io::Cursor::new(Vec::new()), frozen_cols, done)?)
        }
    })
}

/// Opens a sheet writer onto a file (created atomically; `overwrite` to replace an existing
/// one; see [`open_stream`] for a pipe).
///
/// # Errors
/// When the file cannot be created (or exists without `overwrite`).
pub fn open(
    path: &Path,
    format: Format,
    bom: bool,
    overwrite: bool,
    frozen_cols: u16,
) -> Result<Box<dyn SheetWriter>, ExportError> {
    let file = AtomicFile::create(path, overwrite)?;
    let commit: Box<dyn FnOnce(AtomicFile) -> Result<(), ExportError>> = Box::new(|f: AtomicFile| Ok(f.commit()?));
    Ok(match format {
        Format::Csv => Box::new(CsvSheet::new(file, bom, commit)?),
        Format::Json => Box::new(JsonSheet::new(file, commit)),
        Format::Xlsx => Box::new(XlsxSheet::new(file, frozen_cols, commit)?),
    })
}
