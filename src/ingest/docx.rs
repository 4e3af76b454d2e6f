//! Word (.docx) → document: the paragraphs and tables of `word/document.xml`, tables expanded to
//! a grid (`gridSpan` as colspan, `vMerge` as rowspan) like HTML, cells located by table, row
//! and column. The zip entry is read under a size cap (a decompression bomb is refused).

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::IngestErrorKind;
use super::guard::quietly;
use super::pieces::{Doc, DocBuilder};
use crate::model::{Layout, Location};

/// Largest `word/document.xml` read (inflated).
const MAX_XML: u64 = 64 * 1024 * 1024;

#[derive(Default)]
struct CellRaw {
    text: String,
    span: u32,
    continues: bool,
}

#[derive(Default)]
struct RowRaw {
    before: u32,
    cells: Vec<CellRaw>,
}

#[derive(Default)]
struct TableRaw {
    rows: Vec<RowRaw>,
    /// Holds other tables: page layout, streamed as paragraphs instead of a grid.
    container: bool,
}

fn unzip_document(bytes: &[u8]) -> Result<String, IngestErrorKind> {
    let outcome = quietly(|| -> Result<String, IngestErrorKind> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| IngestErrorKind::Unsupported(format!("corrupt .docx ({e})")))?;
        let mut entry = zip
            .by_name("word/document.xml")
            .map_err(|_| IngestErrorKind::Unsupported("a zip without word/document.xml: not a Word file".into()))?;
        if entry.size() > MAX_XML {
            return Err(IngestErrorKind::Unsupported(format!(
                ".docx refused: its document inflates to {} MB (decompression bomb?)",
                entry.size() / (1024 * 1024)
            )));
        }
        let mut xml = Vec::new();
        (&mut entry)
            .take(MAX_XML + 1)
            .read_to_end(&mut xml)
            .map_err(|e| IngestErrorKind::Unsupported(format!("corrupt .docx ({e})")))?;
        if xml.len() as u64 > MAX_XML {
            return Err(IngestErrorKind::Unsupported(
                ".docx refused: its document inflates past the size limit (decompression bomb?)".into(),
            ));
        }
        String::from_utf8(xml).map_err(|_| IngestErrorKind::Unsupported("corrupt .docx (not UTF-8 XML)".into()))
    });
    outcome.unwrap_or_else(|panic| Err(IngestErrorKind::Unsupported(format!("the zip reader failed ({panic})"))))
}

fn attr_val(e: &BytesStart<'_>) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == "w:val")
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

struct Walker {
    b: DocBuilder,
    tables: Vec<TableRaw>,
    line: String,
    paragraphs: u32,
    table_no: u32,
    in_text: bool,
}

impl Walker {
    /// The cell text collects into, unless the innermost table is a layout container.
    fn cell(&mut self) -> Option<&mut CellRaw> {
        self.tables
            .last_mut()
            .filter(|t| !t.container)
            .and_then(|t| t.rows.last_mut())
            .and_then(|r| r.cells.last_mut())
    }

    fn text(&mut self, s: &str) {
        if !self.in_text {
            return;
        }
        match self.cell() {
            Some(cell) => cell.text.push_str(s),
            None => self.line.push_str(s),
        }
    }

    fn paragraph_end(&mut self) {
        if let Some(cell) = self.cell() {
            cell.text.push(' ');
            return;
        }
        let t = self.line.split_whitespace().collect::<Vec<_>>().join(" ");
        self.line.clear();
        if !t.is_empty() {
            self.paragraphs += 1;
            self.b.push(&t, Location::line(self.paragraphs), 0, false);
        }
    }

    fn start(&mut self, e: &BytesStart<'_>) {
        match e.name().as_ref() {
            "w:tbl" => {
                // A table inside a table cell: the outer tables are layout. What their current
                // cell holds so far is flushed as a paragraph, in reading order.
                if let Some(outer) = self.tables.last_mut()
                    && !outer.container
                {
                    outer.container = true;
                    let pending = outer
                        .rows
                        .last_mut()
                        .and_then(|r| r.cells.last_mut())
                        .map(|c| std::mem::take(&mut c.text))
                        .unwrap_or_default();
                    self.line.push_str(&pending);
                    self.paragraph_end();
                }
                // Every table below the innermost is a container already (each was marked when
                // the next was opened inside it): no walk over the stack, linear in the depth.
                self.tables.push(TableRaw::default());
            }
            "w:tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(RowRaw::default());
                }
            }
            "w:tc" => {
                if let Some(r) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    r.cells.push(CellRaw {
                        span: 1,
                        ..CellRaw::default()
                    });
                }
            }
            "w:t" => self.in_text = true,
            _ => self.property(e),
        }
    }

    fn property(&mut self, e: &BytesStart<'_>) {
        let row = self.tables.last_mut().and_then(|t| t.rows.last_mut());
        match e.name().as_ref() {
            "w:gridSpan" => {
                if let Some(c) = row.and_then(|r| r.cells.last_mut()) {
                    c.span = attr_val(e).and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 200);
                }
            }
            "w:vMerge" => {
                if let Some(c) = row.and_then(|r| r.cells.last_mut()) {
                    c.continues = attr_val(e).is_none_or(|v| v == "continue");
                }
            }
            "w:gridBefore" => {
                if let Some(r) = row {
                    r.before = attr_val(e).and_then(|v| v.parse().ok()).unwrap_or(0).min(200);
                }
            }
            "w:tab" | "w:br" | "w:cr" => {
                let was = self.in_text;
                self.in_text = true;
                self.text(" ");
                self.in_text = was;
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "w:t" => self.in_text = false,
            "w:p" => self.paragraph_end(),
            "w:tbl" => {
                if let Some(t) = self.tables.pop() {
                    if t.container {
                        self.paragraph_end();
                    } else {
                        self.emit(t);
                    }
                }
            }
            _ => {}
        }
    }

    /// Emits a table's origin cells in grid order (vertically merged continuations are not cells).
    fn emit(&mut self, t: TableRaw) {
        self.table_no += 1;
        for (ri, row) in t.rows.into_iter().enumerate() {
            let r = u32::try_from(ri + 1).unwrap_or(u32::MAX);
            let mut col = 1 + row.before;
            for cell in row.cells {
                if !cell.continues {
                    let text = cell.text.split_whitespace().collect::<Vec<_>>().join(" ");
                    self.b.push(
                        &text,
                        Location::Cell {
                            table: self.table_no,
                            row: r,
                            col,
                        },
                        0,
                        true,
                    );
                }
                col = col.saturating_add(cell.span);
            }
        }
    }
}

/// Reads a .docx file into a document.
pub fn from_docx(bytes: &[u8]) -> Result<Doc, IngestErrorKind> {
    let xml = unzip_document(bytes)?;
    let mut reader = Reader::from_str(&xml);
    let mut w = Walker {
        b: DocBuilder::default(),
        tables: Vec::new(),
        line: String::new(),
        paragraphs: 0,
        table_no: 0,
        in_text: false,
    };
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => w.start(&e),
            Ok(Event::Empty(e)) => {
                w.start(&e);
                w.end(e.name().as_ref());
            }
            Ok(Event::End(e)) => w.end(e.name().as_ref()),
            Ok(Event::Text(t)) => w.text(&t.xml10_content()),
            Ok(Event::CData(t)) => w.text(&t.into_inner()),
            Ok(Event::GeneralRef(r)) => {
                let name = r.xml10_content();
                let s = match name.as_ref() {
                    "amp" => "&".to_string(),
                    "lt" => "<".into(),
                    "gt" => ">".into(),
                    "quot" => "\"".into(),
                    "apos" => "'".into(),
                    n => n
                        .strip_prefix("#x")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32)
                        .map(String::from)
                        .unwrap_or_default(),
                };
                w.text(&s);
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(IngestErrorKind::Unsupported(format!("corrupt .docx XML ({e})"))),
        }
    }
    while let Some(t) = w.tables.pop() {
        w.emit(t);
    }
    w.paragraph_end();
    Ok(w.b.finish(Layout::Docx, Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn docx(document_xml: &str) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default();
            let _ = z.start_file("word/document.xml", opts);
            let _ = z.write_all(document_xml.as_bytes());
            let _ = z.finish();
        }
        buf.into_inner()
    }

    #[test]
    fn grid_span_and_vertical_merge() {
        let xml = r#"<w:document><w:body><w:p><w:r><w:t>标题 &amp; 说明</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc>
            <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>
            <w:tc><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>"#;
        let Ok(d) = from_docx(&docx(xml)) else {
            unreachable!("the test document reads")
        };
        let cells: Vec<(String, String)> = d
            .pieces
            .iter()
            .map(|p| (d.raw(p).to_string(), p.loc.to_string()))
            .collect();
        assert_eq!(
            cells,
            [
                ("标题 & 说明".to_string(), "line 1".to_string()),
                ("A".into(), "table 1 row 1 col 1".into()),
                ("B".into(), "table 1 row 1 col 2".into()),
                ("1".into(), "table 1 row 2 col 2".into()),
                ("".into(), "table 1 row 2 col 3".into()),
            ]
        );
    }

    #[test]
    fn not_a_word_file() {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let _ = z.start_file("x.txt", zip::write::SimpleFileOptions::default());
            let _ = z.write_all(b"x");
            let _ = z.finish();
        }
        assert!(from_docx(&buf.into_inner()).is_err());
        assert!(from_docx(b"PK\x03\x04garbage").is_err());
    }
}
