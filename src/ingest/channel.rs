//! How a document's source may have altered its tables, decided once from the document's shape
//! (see [`Channel`]): the placement engine then considers only the readings that shape allows.

use super::pieces::Doc;
use super::place::Channel;
use super::sections::Sections;
use super::tokens::{TokKind, Token};
use crate::model::Layout;

/// The channel of a document whose tables were located in `secs`.
pub fn detect(doc: &Doc, toks: &[Token], secs: &Sections) -> Channel {
    let run_together = is_run_together(doc, toks, secs);
    let text_layout = matches!(doc.layout, Layout::A | Layout::B | Layout::C | Layout::E);
    let shape = if text_layout {
        value_lines(doc, toks, secs)
    } else {
        ValueLines::default()
    };
    let one_per_line = shape.values >= 10 && shape.alone * 5 >= shape.values * 4;
    // A crawler that merges identical consecutive lines leaves no two equal value lines in a row;
    // a document that prints its cells one per line otherwise has many (runs of `0`).
    let collapsed = !run_together && one_per_line && shape.equal_neighbours == 0;
    Channel {
        collapsed,
        omits_blanks: !run_together
            && !collapsed
            && matches!(doc.layout, Layout::A | Layout::B | Layout::C | Layout::PdfText),
        joins: !run_together && one_per_line,
        run_together,
    }
}

#[derive(Default)]
struct ValueLines {
    /// Value tokens in the tables.
    values: usize,
    /// Of them, those alone in their piece.
    alone: usize,
    /// Consecutive pieces that are the same single value.
    equal_neighbours: usize,
}

fn value_lines(doc: &Doc, toks: &[Token], secs: &Sections) -> ValueLines {
    let mut out = ValueLines::default();
    let regions: Vec<_> = [&secs.t1, &secs.t2, &secs.t3].into_iter().flatten().collect();
    let in_tables = |t: &Token| regions.iter().any(|r| t.start >= r.start && t.start < r.end);
    let mut prev: Option<(usize, &str)> = None;
    for (i, t) in toks.iter().enumerate() {
        if !in_tables(t) {
            prev = None;
            continue;
        }
        let alone = i
            .checked_sub(1)
            .and_then(|j| toks.get(j))
            .is_none_or(|p| p.piece != t.piece)
            && toks.get(i + 1).is_none_or(|n| n.piece != t.piece);
        if t.kind == TokKind::Value {
            out.values += 1;
            if alone {
                out.alone += 1;
            }
        }
        let text = t.text(doc).trim();
        if alone && matches!(t.kind, TokKind::Value | TokKind::Null) {
            if prev.is_some_and(|(p, s)| p + 1 == t.piece && s == text) {
                out.equal_neighbours += 1;
            }
            prev = Some((t.piece, text));
        } else {
            prev = None;
        }
    }
    out
}

/// Layout E: table-2 rows whose label runs straight into a long digit run (`数量640020470`).
pub fn is_run_together(doc: &Doc, toks: &[Token], secs: &Sections) -> bool {
    let Some(r) = &secs.t2 else { return false };
    let mut glued = 0;
    for w in toks.windows(2) {
        let [a, b] = w else { continue };
        if b.start < r.start || b.start >= r.end {
            continue;
        }
        let same_piece = a.piece == b.piece;
        let digits = b.text(doc);
        if same_piece
            && a.kind == TokKind::Label
            && b.kind == TokKind::Value
            && digits.len() >= 7
            && digits.bytes().all(|c| c.is_ascii_digit())
        {
            glued += 1;
        }
    }
    glued >= 3
}
