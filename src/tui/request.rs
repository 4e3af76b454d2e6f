//! Work the state asks of the event loop because it touches files or the terminal.

/// Export formats offered by `e`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// CSV, UTF-8 with BOM (or as configured).
    Csv,
    /// CSV without a BOM.
    CsvNoBom,
    /// Excel.
    Xlsx,
}

/// Work for the event loop.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// Write the view; `overwrite` after the user said yes.
    Export {
        /// Format.
        kind: ExportKind,
        /// Replace an existing file.
        overwrite: bool,
    },
    /// Put the view on the clipboard.
    Copy,
}
