//! A document as pieces of text with locations: cells of scraped text lines, HTML table cells,
//! paragraphs. All later stages (sections, tokens, metadata) work on this one shape.

use super::normalize::fold_line_into;
use super::pattern::{Class, MANY, N, Pat, WS, WS1, digits, run};
use crate::model::{Layout, Location};

/// A piece of the document: a cell, a line or a paragraph.
#[derive(Clone, Debug)]
pub struct Piece {
    /// Byte offset of the piece in [`Doc::text`].
    pub start: usize,
    /// Byte end of the piece in [`Doc::text`].
    pub end: usize,
    /// The raw text when folding changed it (same chars as the folded text, one for one);
    /// `None` when it is the folded text (most pieces): see [`Doc::raw`].
    pub raw: Option<String>,
    /// Where it is.
    pub loc: Location,
    /// Char column of the piece in its source line (0-based), for text inputs.
    pub col0: u32,
    /// True when the piece is one table cell (HTML, markdown, pipe layouts), so text mixed with
    /// a number in it is an unreadable cell rather than a label next to a value.
    pub is_cell: bool,
    /// For PDF lines: the x position of each char (empty otherwise).
    pub xs: Vec<f32>,
    /// A table's header cell (a markdown row above its `|---|` line): all label, never a value.
    pub header: bool,
}

/// A document ready for reading: folded text with the pieces it is made of.
#[derive(Clone, Debug)]
pub struct Doc {
    /// Folded text of all pieces, separated by `\n`.
    pub text: String,
    /// The pieces in reading order.
    pub pieces: Vec<Piece>,
    /// The table layout recognised.
    pub layout: Layout,
    /// Lines dropped as page furniture (PDF page footers), for the record.
    pub dropped_lines: Vec<u32>,
}

impl Doc {
    /// The raw text of a piece as printed in the source.
    pub fn raw<'a>(&'a self, p: &'a Piece) -> &'a str {
        match &p.raw {
            Some(raw) => raw,
            None => self.text.get(p.start..p.end).unwrap_or(""),
        }
    }
}

/// Builds a [`Doc`] piece by piece.
#[derive(Default)]
pub struct DocBuilder {
    text: String,
    pieces: Vec<Piece>,
}

impl DocBuilder {
    /// Adds a piece of raw text (it is folded here).
    pub fn push(&mut self, raw: &str, loc: Location, col0: u32, is_cell: bool) {
        self.push_with(raw, loc, col0, is_cell, Vec::new());
    }

    /// Adds a table's header cell (read as a label whatever it holds: `数据1`, `2023年`).
    pub fn push_header(&mut self, raw: &str, loc: Location, col0: u32) {
        self.push_with(raw, loc, col0, true, Vec::new());
        if let Some(p) = self.pieces.last_mut() {
            p.header = true;
        }
    }

    /// Adds a PDF line with the x position of each of its chars.
    pub fn push_positioned(&mut self, raw: &str, loc: Location, xs: Vec<f32>) {
        self.push_with(raw, loc, 0, false, xs);
    }

    fn push_with(&mut self, raw: &str, loc: Location, col0: u32, is_cell: bool, xs: Vec<f32>) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        let start = self.text.len();
        let changed = fold_line_into(raw, &mut self.text);
        let end = self.text.len();
        self.pieces.push(Piece {
            start,
            end,
            raw: changed.then(|| raw.replace('\n', " ")),
            loc,
            col0,
            is_cell,
            xs,
            header: false,
        });
    }

    /// Finishes the document.
    pub fn finish(self, layout: Layout, dropped_lines: Vec<u32>) -> Doc {
        Doc {
            text: self.text,
            pieces: self.pieces,
            layout,
            dropped_lines,
        }
    }
}

/// `:?-{3,}:?` with the spaces after it: one cell of a Markdown table's separator line.
const MD_CELL: N = N::Alt(&[&[
    N::Opt(&[N::Lit(":")]),
    run(Class::of("-"), 3, MANY),
    N::Opt(&[N::Lit(":")]),
    WS,
]]);
static MD_SEPARATOR: Pat = Pat::new(
    r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$",
    &[
        N::Start,
        WS,
        N::Opt(&[N::Lit("|")]),
        WS,
        MD_CELL,
        N::Rep(&[N::Cap(1, &[N::Lit("|"), WS, MD_CELL])], 1, MANY),
        N::Opt(&[N::Lit("|")]),
        WS,
        N::End,
    ],
);
/// A dash of a page number: `[-—–]`.
const DASH: N = run(Class::of("-—–"), 1, 1);
static PAGE_FOOTER: Pat = Pat::new(
    r"^\s*(?:[-—–]\s*[0-9]{1,4}\s*[-—–]|第\s*[0-9]{1,4}\s*页(?:\s*[,，/]?\s*共\s*[0-9]{1,4}\s*页)?|[0-9]{1,4}\s*/\s*[0-9]{1,4})\s*$",
    &[
        N::Start,
        WS,
        N::Alt(&[
            &[DASH, WS, digits(1, 4), WS, DASH],
            &[
                N::Lit("第"),
                WS,
                digits(1, 4),
                WS,
                N::Lit("页"),
                N::Opt(&[
                    WS,
                    N::Opt(&[N::Any(&[",", "，", "/"])]),
                    WS,
                    N::Lit("共"),
                    WS,
                    digits(1, 4),
                    WS,
                    N::Lit("页"),
                ]),
            ],
            &[digits(1, 4), WS, N::Lit("/"), WS, digits(1, 4)],
        ]),
        WS,
        N::End,
    ],
);
/// `[0-9][0-9.]*`: a figure as a PDF's text layer prints it.
const PDF_FIGURE: N = N::Alt(&[&[digits(1, 1), run(Class::of(".").digits(), 0, MANY)]]);
static PDF_ROW: Pat = Pat::new(
    r"[\p{Han})）]\s+[0-9][0-9.]*(?:\s+[0-9][0-9.]*){2,}\s*$",
    &[
        run(Class::of(")）").han(), 1, 1),
        WS1,
        PDF_FIGURE,
        N::Rep(&[WS1, PDF_FIGURE], 2, MANY),
        WS,
        N::End,
    ],
);

/// Whether a line is a page footer or page number (`- 3 -`, `第 3 页`, `3/12`).
pub fn is_page_footer(line: &str) -> bool {
    is_match(&PAGE_FOOTER, line)
}

fn is_match(re: &Pat, s: &str) -> bool {
    re.is_match(s)
}

/// Recognises the layout of scraped text from the shape of its lines.
pub fn classify_text(lines: &[&str]) -> Layout {
    let mut md_sep = 0;
    let mut lead_pipe = 0;
    let mut trail_pipe = 0;
    let mut trail_padding = 0;
    let mut pdf_rows = 0;
    let mut footers = 0;
    let mut blank = 0;
    for l in lines {
        let t = l.trim();
        if t.is_empty() {
            blank += 1;
            continue;
        }
        if is_match(&MD_SEPARATOR, t) {
            md_sep += 1;
        }
        if t.starts_with('|') && t.trim_start_matches('|').trim().chars().any(|c| !c.is_whitespace()) {
            lead_pipe += 1;
        }
        if t.ends_with('|') && !t.starts_with('|') {
            trail_pipe += 1;
            if t.contains(" | |") || t.contains("| ||") {
                trail_padding += 1;
            }
        }
        if is_match(&PDF_ROW, t) {
            pdf_rows += 1;
        }
        if is_match(&PAGE_FOOTER, t) {
            footers += 1;
        }
    }
    if md_sep > 0 && lead_pipe >= 3 {
        Layout::Markdown
    } else if lead_pipe >= 10 && lead_pipe > trail_pipe {
        Layout::D
    } else if trail_pipe >= 10 {
        if trail_padding >= 3 { Layout::B } else { Layout::A }
    } else if pdf_rows >= 5 || (pdf_rows >= 2 && footers >= 1) {
        Layout::PdfText
    } else if blank * 3 >= lines.len() {
        Layout::C
    } else {
        // Few lines, no delimiters: run-together text is told apart later (see `tables`).
        Layout::C
    }
}

/// Splits scraped text into pieces: pipe-delimited cells become pieces of their own, other lines
/// are one piece each. PDF page footers are dropped (and recorded).
pub fn from_text(text: &str) -> Doc {
    let lines: Vec<&str> = text.lines().collect();
    let layout = classify_text(&lines);
    let mut b = DocBuilder::default();
    let mut dropped = Vec::new();
    let markdown = layout == Layout::Markdown;
    for (i, line) in lines.iter().enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if line.trim().is_empty() {
            continue;
        }
        if layout == Layout::Markdown && is_match(&MD_SEPARATOR, line) {
            continue;
        }
        if is_match(&PAGE_FOOTER, line) && layout != Layout::Markdown {
            dropped.push(n);
            continue;
        }
        if !line.contains('|') {
            let lead = line.chars().take_while(|c| c.is_whitespace()).count();
            b.push(line.trim(), Location::line(n), crate::cast::u32_sat(lead), false);
            continue;
        }
        let header = markdown && lines.get(i + 1).is_some_and(|next| is_match(&MD_SEPARATOR, next));
        push_pipe_cells(&mut b, line, n, markdown, header);
    }
    b.finish(layout, dropped)
}

/// Splits one line on `|`. Empty segments are padding, except inside a markdown row, where an
/// empty cell between two pipes is an explicit blank.
fn push_pipe_cells(b: &mut DocBuilder, line: &str, n: u32, markdown: bool, header: bool) {
    let segments: Vec<(usize, &str)> = {
        let mut v = Vec::new();
        let mut col = 0usize;
        for seg in line.split('|') {
            v.push((col, seg));
            col += seg.chars().count() + 1;
        }
        v
    };
    let last = segments.len().saturating_sub(1);
    for (idx, (col, seg)) in segments.iter().enumerate() {
        let t = seg.trim();
        if t.is_empty() {
            let interior = idx > 0 && idx < last;
            if markdown && interior {
                b.push("", Location::line(n), crate::cast::u32_sat(*col), true);
            }
            continue;
        }
        let lead = seg.chars().take_while(|c| c.is_whitespace()).count();
        if header {
            b.push_header(t, Location::line(n), crate::cast::u32_sat(col + lead));
        } else {
            b.push(t, Location::line(n), crate::cast::u32_sat(col + lead), true);
        }
    }
}

/// This module's patterns, for the tests that hold them to their regexes.
#[cfg(test)]
pub(crate) fn patterns() -> Vec<&'static Pat> {
    vec![&MD_SEPARATOR, &PAGE_FOOTER, &PDF_ROW]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_patterns_are_their_regexes_on_every_real_report() {
        let texts = crate::ingest::pattern::oracle::texts();
        for p in patterns() {
            crate::ingest::pattern::oracle::agree(p, &texts);
        }
    }

    #[test]
    fn pipe_cells_and_padding() {
        let d = from_text("规章 |\n0 |\n|||\n7 | ||\n");
        let raws: Vec<&str> = d.pieces.iter().map(|p| d.raw(p)).collect();
        assert_eq!(raws, ["规章", "0", "7"]);
    }

    #[test]
    fn markdown_blanks_are_cells() {
        let d = from_text("| a | b | c |\n|---|---|---|\n| 规章 |  | 3 |\n| x | 1 | 2 |\n| y | 1 | 2 |\n");
        assert_eq!(d.layout, Layout::Markdown);
        let raws: Vec<&str> = d.pieces.iter().map(|p| d.raw(p)).collect();
        assert_eq!(&raws[3..6], ["规章", "", "3"]);
    }

    #[test]
    fn footers_dropped() {
        let d = from_text("规章 1 0 11\n- 3 -\n行政许可 5\n");
        assert_eq!(d.dropped_lines, vec![2]);
    }
}
