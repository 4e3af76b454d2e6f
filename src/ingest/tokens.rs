//! Pieces → tokens: labels, values, explicit blanks (format-spec §7.2 step 1), and cell values
//! → numbers (§7.3).

#[cfg(test)]
use super::pattern::{Class, MANY, N, Pat, digits, run};
use super::pieces::Doc;
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

/// The figures of a word, as `(start, end)` byte spans, non-overlapping, left to right: each is
/// the leftmost-first match of [`VALUE_RE`] (held equal to it by the tests on every real word).
/// Written out because it is the most-run search of ingest (~11% of a real report's time through
/// the regex crate): a figure is a digit run, extended back over a sign and a `增(加)`/`减(少)`
/// and forward over `,ddd` groups, a decimal part and a unit.
pub(crate) fn figures(word: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = word.as_bytes();
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let d = at + b.get(at..)?.iter().position(u8::is_ascii_digit)?;
        // Back: the sign, then the longest of 增加 / 增 / 减少 / 减, never before `at`.
        let mut s = d;
        if s > at && matches!(b.get(s - 1), Some(b'+' | b'-')) {
            s -= 1;
        }
        let ends = |s: usize, w: &str| s >= at + w.len() && b.get(s - w.len()..s) == Some(w.as_bytes());
        for w in ["增加", "减少", "增", "减"] {
            if ends(s, w) {
                s -= w.len();
                break;
            }
        }
        // Forward: greedy digits, `,ddd` groups, `.d+`, a unit.
        let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
        let mut e = d;
        while digit(e) {
            e += 1;
        }
        while b.get(e) == Some(&b',') && digit(e + 1) && digit(e + 2) && digit(e + 3) {
            e += 4;
        }
        if b.get(e) == Some(&b'.') && digit(e + 1) {
            e += 1;
            while digit(e) {
                e += 1;
            }
        }
        if let Some(u) = ["万元", "元", "件", "项", "个"]
            .iter()
            .find(|u| b.get(e..e + u.len()) == Some(u.as_bytes()))
        {
            e += u.len();
        }
        at = e;
        Some((s, e))
    })
}

/// A figure with what may come with it: `增加12`, `-3`, `1,234.5`, `20万元`, `7件`. The
/// specification of [`figures`], which is what ingest runs.
#[cfg(test)]
static VALUE_RE: Pat = Pat::new(
    r"(?:增加?|减少?)?[+-]?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?:万元|元|件|项|个)?",
    &[
        N::Opt(&[N::Alt(&[
            &[N::Lit("增"), N::Opt(&[N::Lit("加")])],
            &[N::Lit("减"), N::Opt(&[N::Lit("少")])],
        ])]),
        N::Opt(&[N::Any(&["+", "-"])]),
        digits(1, MANY),
        N::Rep(&[N::Lit(","), digits(3, 3)], 0, MANY),
        N::Opt(&[N::Lit("."), digits(1, MANY)]),
        N::Opt(&[N::Any(&["万元", "元", "件", "项", "个"])]),
    ],
);
/// The spans of a piece's text whose numbers are part of a label, not figures: `(二)`, `(3)`,
/// `《条例》`, `第二十条`. Each is the leftmost-first match of [`PROTECTED_RE`] (held equal to it
/// by the tests on every real text), written out: a parenthesis to the first parenthesis after
/// it when that closes it and holds a Han char, `(` one or two digits `)`, `《` to the first `》`,
/// `第` digits and one of `条项款`.
fn protected(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0usize;
    while let Some(i) = b
        .get(at..)
        .and_then(|r| r.iter().position(|&x| matches!(x, b'(' | 0xE3 | 0xE7)))
    {
        let i = at + i;
        let rest = text.get(i..).unwrap_or("");
        let end = if rest.starts_with('(') {
            let inner = rest.get(1..).unwrap_or("");
            let digits = inner.bytes().take(2).take_while(u8::is_ascii_digit).count();
            match inner.find(['(', ')']) {
                Some(j)
                    if inner.as_bytes().get(j) == Some(&b')')
                        && inner.get(..j).is_some_and(|x| x.chars().any(super::pattern::is_han)) =>
                {
                    Some(i + 1 + j + 1)
                }
                _ if digits > 0 && inner.as_bytes().get(digits) == Some(&b')') => Some(i + 1 + digits + 1),
                _ => None,
            }
        } else if let Some(inner) = rest.strip_prefix('《') {
            inner.find('》').map(|j| i + '《'.len_utf8() + j + '》'.len_utf8())
        } else if let Some(inner) = rest.strip_prefix('第') {
            let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
            let after = inner.get(digits..).unwrap_or("");
            (digits > 0 && after.starts_with(['条', '项', '款']))
                .then(|| i + '第'.len_utf8() + digits + '条'.len_utf8())
        } else {
            None
        };
        match end {
            Some(e) => {
                out.push((i, e));
                at = e;
            }
            None => at = i + 1,
        }
    }
    out
}

/// Numbers that are part of a label, not figures: `(二)`, `(3)`, `《条例》`, `第二十条`. The
/// specification of [`protected`], which is what ingest runs.
#[cfg(test)]
static PROTECTED_RE: Pat = Pat::new(
    r"\([^()]*\p{Han}[^()]*\)|\([0-9]{1,2}\)|《[^》]*》|第[0-9]+[条项款]",
    &[N::Alt(&[
        &[
            N::Lit("("),
            run(Class::not("()"), 0, MANY),
            run(Class::HAN, 1, 1),
            run(Class::not("()"), 0, MANY),
            N::Lit(")"),
        ],
        &[N::Lit("("), digits(1, 2), N::Lit(")")],
        &[N::Lit("《"), run(Class::not("》"), 0, MANY), N::Lit("》")],
        &[N::Lit("第"), digits(1, MANY), run(Class::of("条项款"), 1, 1)],
    ])],
);

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

/// The words of a text split on white space (`char::is_whitespace`), as byte spans. Only the
/// lead bytes of white space chars beyond ASCII (U+0085…U+3000) are decoded.
fn words(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut start) = (0usize, None::<usize>);
    while let Some(&x) = b.get(i) {
        let (space, len) = match x {
            b'\t'..=b'\r' | b' ' => (true, 1),
            0xC2 | 0xE1 | 0xE2 | 0xE3 => match text.get(i..).and_then(|r| r.chars().next()) {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => (false, 1),
            },
            _ => (false, 1),
        };
        if space {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
        i += len;
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
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

/// This module's patterns, for the tests that hold them to their regexes.
#[cfg(test)]
pub(crate) fn patterns() -> Vec<&'static Pat> {
    vec![&VALUE_RE, &PROTECTED_RE]
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
    use crate::ingest::pieces::from_text;

    fn by_regex(word: &str) -> Vec<(usize, usize)> {
        VALUE_RE.find_iter(word).map(|m| (m.start(), m.end())).collect()
    }

    #[test]
    fn figures_are_the_value_pattern_on_every_real_word() {
        let texts = crate::ingest::pattern::oracle::texts();
        let mut words = 0;
        for text in &texts {
            // Whole lines too: spans far from the start, runs of several figures.
            for w in text.split_whitespace().chain(text.lines()) {
                assert_eq!(figures(w).collect::<Vec<_>>(), by_regex(w), "{w:?}");
                words += 1;
            }
        }
        assert!(words > 10_000, "{words} words");
    }

    #[test]
    fn words_split_on_every_white_space() {
        let by_chars = |t: &str| -> Vec<(usize, usize)> {
            let mut out = Vec::new();
            let mut start = None;
            for (i, c) in t.char_indices() {
                if c.is_whitespace() {
                    if let Some(s) = start.take() {
                        out.push((s, i));
                    }
                } else if start.is_none() {
                    start = Some(i);
                }
            }
            if let Some(s) = start {
                out.push((s, t.len()));
            }
            out
        };
        let mut samples: Vec<String> = crate::ingest::pattern::oracle::texts();
        // Every white space char of Unicode, and chars sharing their lead bytes.
        let mut all = String::new();
        for c in (0u32..0x3100).filter_map(char::from_u32) {
            all.push(c);
            all.push('字');
        }
        samples.push(all);
        for t in &samples {
            assert_eq!(words(t), by_chars(t));
        }
    }

    #[test]
    fn protected_spans_are_their_pattern() {
        let by_regex =
            |t: &str| -> Vec<(usize, usize)> { PROTECTED_RE.find_iter(t).map(|m| (m.start(), m.end())).collect() };
        let texts = crate::ingest::pattern::oracle::texts();
        for text in &texts {
            for t in text.lines().chain([text.as_str()]) {
                assert_eq!(protected(t), by_regex(t), "{t:?}");
            }
        }
        let alphabet = [
            "(", ")", "1", "2", "中", "x", "《", "》", "第", "条", "款", " ", "〇", "\n",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..300_000 {
            let mut t = String::new();
            for _ in 0..(seed % 20) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push_str(alphabet.get((seed % 14) as usize).unwrap_or(&"x"));
            }
            assert_eq!(protected(&t), by_regex(&t), "{t:?}");
        }
    }

    #[test]
    fn figures_are_the_value_pattern_on_generated_words() {
        // Every string over the pattern's own alphabet, up to length 5, then random longer ones.
        let alphabet = [
            "1", "0", ",", ".", "+", "-", "增", "加", "减", "少", "万", "元", "件", "项", "个", "x",
        ];
        let mut words = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..5 {
            words = words
                .iter()
                .flat_map(|w| alphabet.iter().map(move |a| format!("{w}{a}")))
                .collect();
            all.extend(words.iter().cloned());
        }
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..200_000 {
            let mut w = String::new();
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                w.push_str(alphabet.get((seed % 16) as usize).unwrap_or(&"1"));
            }
            all.push(w);
        }
        for w in &all {
            assert_eq!(figures(w).collect::<Vec<_>>(), by_regex(w), "{w:?}");
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
