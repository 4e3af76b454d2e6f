//! Pieces → tokens: labels, values, explicit blanks (format-spec §7.2 step 1), and cell values
//! → numbers (§7.3).

use super::pieces::Doc;
use super::scan::{figures, protected, words};
use crate::model::{Location, Num};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    /// Text that is not a number.
    Label,
    /// A number (possibly several run together, in layout E).
    Value,
    /// An explicit blank cell (`-`, `—`, `/`, `无`, `?`, an empty HTML or markdown cell).
    Null,
    /// A table cell mixing a number with other text: a value position that cannot be read.
    Mixed,
}

/// A token: a span of [`Doc::text`].
#[derive(Clone, Debug)]
pub struct Token {
    /// Kind.
    pub kind: TokKind,
    /// Byte start in the document text.
    pub start: usize,
    /// Byte end in the document text.
    pub end: usize,
    /// Index of the piece it belongs to.
    pub piece: usize,
    /// Char offset of the token in its piece.
    pub char_off: u32,
    /// Length in chars.
    pub nchars: u32,
}

impl Token {
    /// The folded text of the token.
    pub fn text<'a>(&self, doc: &'a Doc) -> &'a str {
        doc.text.get(self.start..self.end).unwrap_or("")
    }

    /// The raw text of the token as printed in the source.
    pub fn raw(&self, doc: &Doc) -> String {
        match doc.pieces.get(self.piece) {
            // Unchanged by folding: the span of the text.
            Some(p) if p.raw.is_none() => self.text(doc).to_string(),
            Some(p) => doc
                .raw(p)
                .chars()
                .skip(self.char_off as usize)
                .take(self.nchars as usize)
                .collect(),
            None => String::new(),
        }
    }

    /// Where the token is. `with_col` adds the char column for lines holding several cells.
    pub fn loc(&self, doc: &Doc, with_col: bool) -> Location {
        match doc.pieces.get(self.piece) {
            Some(p) => match &p.loc {
                Location::Line { line, .. } if with_col => Location::Line {
                    line: *line,
                    col: Some(p.col0 + self.char_off + 1),
                },
                Location::Page { page, x, y } => Location::Page {
                    page: *page,
                    x: p.xs.get(self.char_off as usize).copied().unwrap_or(*x),
                    y: *y,
                },
                other => other.clone(),
            },
            None => Location::line(0),
        }
    }
}

const NULL_MARKERS: [&str; 12] = ["-", "--", "—", "——", "–", "/", "无", "?", "——-", "—-", "\\", "－"];

/// Whether a whole cell text is a blank marker.
pub fn is_null_marker(s: &str) -> bool {
    let t = s.trim();
    t.is_empty() || NULL_MARKERS.contains(&t) || t.chars().all(|c| c == '?')
}

/// Splits every piece of the document into tokens, in reading order.
#[cfg(test)]
pub fn tokenize(doc: &Doc) -> Vec<Token> {
    let everything = 0..usize::MAX;
    tokenize_within(doc, std::slice::from_ref(&everything))
}

/// Splits the pieces of the document that overlap one of `regions` (byte ranges of
/// [`Doc::text`]) into tokens, in reading order. Everything that reads tokens reads them in the
/// tables' regions, whole pieces at a time; the prose around the tables (most of a report) is not
/// tokenized.
pub fn tokenize_within(doc: &Doc, regions: &[std::ops::Range<usize>]) -> Vec<Token> {
    let mut out = Vec::new();
    for (pi, piece) in doc.pieces.iter().enumerate() {
        if !regions.iter().any(|r| piece.start < r.end && piece.end > r.start) {
            continue;
        }
        let Some(text) = doc.text.get(piece.start..piece.end) else {
            continue;
        };
        let first = out.len();
        if (piece.header || is_placeholder_header(text)) && !text.trim().is_empty() {
            out.push(Token {
                kind: TokKind::Label,
                start: piece.start,
                end: piece.end,
                piece: pi,
                char_off: 0,
                nchars: crate::cast::u32_sat(text.chars().count()),
            });
            continue;
        }
        if piece.is_cell && text.trim().is_empty() {
            out.push(Token {
                kind: TokKind::Null,
                start: piece.start,
                end: piece.end,
                piece: pi,
                char_off: 0,
                nchars: 0,
            });
            continue;
        }
        tokenize_piece(text, piece.start, pi, &mut out);
        if piece.is_cell {
            let toks = out.get(first..).unwrap_or(&[]);
            let has_value = toks.iter().any(|t| t.kind == TokKind::Value);
            let has_label = toks.iter().any(|t| t.kind == TokKind::Label);
            if has_value && has_label {
                out.truncate(first);
                out.push(Token {
                    kind: TokKind::Mixed,
                    start: piece.start,
                    end: piece.end,
                    piece: pi,
                    char_off: 0,
                    nchars: crate::cast::u32_sat(text.chars().count()),
                });
            }
        }
    }
    out
}

fn tokenize_piece(text: &str, base: usize, piece: usize, out: &mut Vec<Token>) {
    let protected = protected(text);
    // Spans are sorted and disjoint: binary search.
    let is_protected = |b: usize| {
        let i = protected.partition_point(|&(s, _)| s <= b);
        i > 0 && protected.get(i - 1).is_some_and(|&(_, e)| b < e)
    };
    // Tokens come in increasing order, so char offsets are counted incrementally.
    let mut cursor = (0usize, 0u32);
    let mut push = |kind: TokKind, s: usize, e: usize, out: &mut Vec<Token>| {
        if s >= e || s < cursor.0 {
            return;
        }
        let (Some(gap), Some(slice)) = (text.get(cursor.0..s), text.get(s..e)) else {
            return;
        };
        let char_off = cursor.1 + crate::cast::u32_sat(gap.chars().count());
        let nchars = crate::cast::u32_sat(slice.chars().count());
        cursor = (e, char_off + nchars);
        out.push(Token {
            kind,
            start: base + s,
            end: base + e,
            piece,
            char_off,
            nchars,
        });
    };
    // Words: split on whitespace; a word of only `?` is a blank cell, other `?` are noise.
    for (ws, we) in words(text) {
        let word = text.get(ws..we).unwrap_or("");
        if NULL_MARKERS.contains(&word) || word.bytes().all(|c| c == b'?') {
            push(TokKind::Null, ws, we, out);
            continue;
        }
        if is_item_number(word) {
            // `2.` standing alone: the number of the next row's label, printed on a line (or in
            // a cell) of its own.
            push(TokKind::Label, ws, we, out);
            continue;
        }
        // Sub-words between stray `?`.
        let mut sub_start = ws;
        for i in word
            .bytes()
            .enumerate()
            .filter(|&(_, c)| c == b'?')
            .map(|(i, _)| i)
            .chain([word.len()])
        {
            let (s, e) = (sub_start, ws + i);
            if s < e {
                scan_word(text, s, e, &is_protected, &mut |k, a, b| push(k, a, b, out));
            }
            sub_start = ws + i + 1;
        }
    }
}

/// Whether a cell is a converter's placeholder column name (`数据1`, `列2`, `Column 3`,
/// `Unnamed: 4`): a header, not a value.
pub fn is_placeholder_header(text: &str) -> bool {
    let t = text.trim();
    let digits = t.trim_end_matches(|c: char| c.is_ascii_digit());
    if digits.len() == t.len() || t.len() - digits.len() > 3 {
        return false;
    }
    let name = digits.trim_end_matches([' ', '_', ':']);
    [
        "数据", "列", "字段", "栏", "Column", "column", "Col", "col", "Unnamed", "Field", "field",
    ]
    .contains(&name)
}

/// Whether a word is an item number on its own: `2.`, `2、`, `（2）` (after folding `(2)`).
pub fn is_item_number(word: &str) -> bool {
    let body = word
        .strip_suffix(['.', '、'])
        .or_else(|| word.strip_prefix('(').and_then(|w| w.strip_suffix(')')));
    body.is_some_and(|b| (1..=2).contains(&b.len()) && b.bytes().all(|c| c.is_ascii_digit()))
}

/// Scans one word for numbers; the rest is label text.
fn scan_word(
    text: &str,
    s: usize,
    e: usize,
    is_protected: &dyn Fn(usize) -> bool,
    emit: &mut dyn FnMut(TokKind, usize, usize),
) {
    let Some(word) = text.get(s..e) else { return };
    let mut label_from = s;
    // Every figure holds a digit: a word without one (most labels) is not searched.
    for (fs, fe) in figures(word) {
        let (ms, mut me) = (s + fs, s + fe);
        if is_protected(ms) {
            continue;
        }
        // `2.其他…`: a digit followed by `.`/`、` and a non-digit numbers the next label.
        let mut after = text.get(me..e).unwrap_or("").chars();
        let numbering = matches!(after.next(), Some('.' | '、'))
            && after.next().is_some_and(|c| !c.is_ascii_digit())
            && text
                .get(ms..me)
                .is_some_and(|v| v.ends_with(|c: char| c.is_ascii_digit()));
        if numbering {
            me -= 1;
            let body = text.get(ms..me).unwrap_or("");
            if !body.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
        }
        if label_from < ms {
            emit(TokKind::Label, label_from, ms);
        }
        emit(TokKind::Value, ms, me);
        label_from = me;
    }
    if label_from < e {
        emit(TokKind::Label, label_from, e);
    }
}

/// The unit printed with a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// No unit.
    Plain,
    /// 万元.
    WanYuan,
    /// 元 (converted to 万元 for amounts).
    Yuan,
}

/// A cell's text read as a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parsed {
    /// A number with its unit.
    Num(Num, Unit),
    /// An explicit blank.
    Null,
    /// Not a number.
    Bad,
}

/// Reads one cell's text: `59`, `1,234`, `2192.76779`, `增63`, `减8`, `+1036`, `-8`,
/// `49050.9万元`, `251000元`, `5件`, blank markers. Full-width digits must already be folded.
pub fn parse_value(s: &str) -> Parsed {
    let t: String = s.chars().filter(|c| !c.is_whitespace() && *c != '?').collect();
    if is_null_marker(&t) {
        return Parsed::Null;
    }
    let mut body = t.as_str();
    let mut unit = Unit::Plain;
    if let Some(b) = body.strip_suffix("万元") {
        body = b;
        unit = Unit::WanYuan;
    } else if let Some(b) = body.strip_suffix('元') {
        body = b;
        unit = Unit::Yuan;
    } else if let Some(b) = body.strip_suffix(['件', '项', '个']) {
        body = b;
    }
    let mut neg = false;
    for (prefix, is_neg) in [("增加", false), ("减少", true), ("增", false), ("减", true)] {
        if let Some(b) = body.strip_prefix(prefix) {
            body = b;
            neg = is_neg;
            break;
        }
    }
    let digits: String = if body.contains(',') {
        let ok = body.split(',').enumerate().all(|(i, part)| {
            let int = part.split('.').next().unwrap_or("");
            let n = int.trim_start_matches(['+', '-']).len();
            if i == 0 { (1..=3).contains(&n) } else { n == 3 }
        });
        if !ok {
            return Parsed::Bad;
        }
        body.replace(',', "")
    } else {
        body.to_string()
    };
    match Num::parse(&digits) {
        Some(n) if neg => match Num::ZERO.checked_sub(n) {
            Some(v) if !n.is_negative() => Parsed::Num(v, unit),
            _ => Parsed::Bad,
        },
        Some(n) => Parsed::Num(n, unit),
        None => Parsed::Bad,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::ingest::pieces::from_text;

    #[test]
    fn a_token_keeps_its_printed_text_whether_folding_changed_its_piece_or_not() {
        // Full-width digits and parentheses fold to ASCII; the second line has nothing to fold.
        let d = from_text("（一）予以公开 １２ 3\n(二)部分公开 45 6\n");
        assert!(d.pieces.first().is_some_and(|p| p.raw.is_some()));
        assert!(d.pieces.get(1).is_some_and(|p| p.raw.is_none()));
        let got: Vec<(String, String)> = tokenize(&d)
            .iter()
            .map(|t| (t.text(&d).to_string(), t.raw(&d)))
            .collect();
        let want = [
            ("(一)予以公开", "（一）予以公开"),
            ("12", "１２"),
            ("3", "3"),
            ("(二)部分公开", "(二)部分公开"),
            ("45", "45"),
            ("6", "6"),
        ];
        assert_eq!(got.len(), want.len(), "{got:?}");
        for (g, w) in got.iter().zip(want) {
            assert_eq!((g.0.as_str(), g.1.as_str()), w);
        }
    }

    fn kinds(text: &str) -> Vec<(TokKind, String)> {
        let d = from_text(text);
        tokenize(&d).iter().map(|t| (t.kind, t.text(&d).to_string())).collect()
    }

    #[test]
    fn run_together_numbering() {
        let k = kinds("1.属于国家秘密00000002.其他法律行政法规禁止公开0000000");
        let want = [
            (TokKind::Label, "1.属于国家秘密"),
            (TokKind::Value, "0000000"),
            (TokKind::Label, "2.其他法律行政法规禁止公开"),
            (TokKind::Value, "0000000"),
        ];
        assert_eq!(k.len(), want.len());
        for (g, w) in k.iter().zip(want) {
            assert_eq!((g.0, g.1.as_str()), w);
        }
    }

    #[test]
    fn headers_and_item_numbers_are_labels() {
        let k = kinds("| 数据1 | 数据2 |\n|---|---|\n| 规章 | 3 |\n| 数据1 | Unnamed: 2 |\n");
        let values: Vec<&str> = k
            .iter()
            .filter(|x| x.0 == TokKind::Value)
            .map(|x| x.1.as_str())
            .collect();
        assert_eq!(values, ["3"]);
        let k = kinds("2.\n其他法律行政法规禁止公开\n0\n(3)\n");
        let values: Vec<&str> = k
            .iter()
            .filter(|x| x.0 == TokKind::Value)
            .map(|x| x.1.as_str())
            .collect();
        assert_eq!(values, ["0"]);
        assert!(!is_placeholder_header("2023"));
        assert!(!is_placeholder_header("数据"));
    }

    #[test]
    fn stray_question_marks_and_blanks() {
        let k = kinds("| ?30 \n | ? \n | 0? \n");
        let v: Vec<_> = k.iter().map(|(k, t)| (*k, t.as_str())).collect();
        assert_eq!(v, [(TokKind::Value, "30"), (TokKind::Null, "?"), (TokKind::Value, "0")]);
    }

    #[test]
    fn protected_parentheses_stay_labels() {
        let k = kinds("本年增/减(指2020年增加或减少的事项数,减用负值表示,如-8)");
        assert!(k.iter().all(|(k, _)| *k == TokKind::Label), "{k:?}");
    }

    #[test]
    fn mixed_cells() {
        let k = kinds("规章 |\n5(含转办) |\n");
        assert_eq!(k.get(1).map(|x| x.0), Some(TokKind::Mixed));
        let k = kinds("规章 |\n5 转办 |\n");
        assert_eq!(k.get(1).map(|x| x.0), Some(TokKind::Mixed));
    }

    #[test]
    fn values() {
        let n = |s: &str| Num::parse(s).unwrap_or(Num::ZERO);
        assert_eq!(parse_value("增63"), Parsed::Num(n("63"), Unit::Plain));
        assert_eq!(parse_value("减8"), Parsed::Num(n("-8"), Unit::Plain));
        assert_eq!(parse_value("+1036"), Parsed::Num(n("1036"), Unit::Plain));
        assert_eq!(parse_value("49050.9万元"), Parsed::Num(n("49050.9"), Unit::WanYuan));
        assert_eq!(parse_value("251000元"), Parsed::Num(n("251000"), Unit::Yuan));
        assert_eq!(parse_value("1,234"), Parsed::Num(n("1234"), Unit::Plain));
        assert_eq!(parse_value("12,34"), Parsed::Bad);
        assert_eq!(parse_value("—"), Parsed::Null);
        assert_eq!(parse_value("无"), Parsed::Null);
        assert_eq!(parse_value("?"), Parsed::Null);
        assert_eq!(parse_value("十二"), Parsed::Bad);
    }
}
