//! Rows by label (format-spec §7.2 steps 2–3): the row labels of a table are found in order in
//! the table's label text, and the values between one row label and the next belong to that row.
//!
//! Label signatures are matched over the concatenated label text of the table (whitespace, `?`
//! and value tokens removed), so labels wrapped over lines or split around their numbers (PDF
//! text) are still found. Among all occurrences, the longest chain in template order is kept:
//! one mangled label costs one row, never the rows after it.

use std::ops::Range;

use super::normalize::label_key;
use super::pieces::Doc;
use super::place::{Channel, Slot, Val};
use super::tokens::{Parsed, TokKind, Token, parse_value};
use crate::model::Location;

/// The document and its tokens.
pub struct Ctx<'a> {
    /// The document.
    pub doc: &'a Doc,
    /// Its tokens.
    pub toks: &'a [Token],
    /// Whether locations carry a char column (several cells share a line).
    pub with_col: bool,
    /// How the source may have altered its tables.
    pub channel: Channel,
}

impl Ctx<'_> {
    /// Location of a token.
    pub fn loc(&self, tok: usize) -> Option<Location> {
        self.toks.get(tok).map(|t| t.loc(self.doc, self.with_col))
    }

    /// Folded text of a token.
    pub fn text(&self, tok: usize) -> &str {
        self.toks.get(tok).map_or("", |t| t.text(self.doc))
    }

    /// Raw text of a token.
    pub fn raw(&self, tok: usize) -> String {
        self.toks.get(tok).map(|t| t.raw(self.doc)).unwrap_or_default()
    }

    /// Kind of a token.
    pub fn kind(&self, tok: usize) -> Option<TokKind> {
        self.toks.get(tok).map(|t| t.kind)
    }

    /// Whether a token is the only one of its piece (a line or a cell of its own).
    pub fn alone(&self, tok: usize) -> bool {
        let Some(piece) = self.toks.get(tok).map(|t| t.piece) else {
            return false;
        };
        let before = tok.checked_sub(1).and_then(|i| self.toks.get(i)).map(|t| t.piece);
        let after = self.toks.get(tok + 1).map(|t| t.piece);
        before != Some(piece) && after != Some(piece)
    }

    /// A value position as the placement engine reads it.
    pub fn slot(&self, tok: usize) -> Slot {
        let text = self.text(tok).trim();
        let val = match self.kind(tok) {
            Some(TokKind::Null) => Val::Blank,
            Some(TokKind::Value) => match parse_value(text) {
                Parsed::Num(n, _) => Val::Num(n),
                Parsed::Null => Val::Blank,
                Parsed::Bad => Val::Unreadable,
            },
            _ => Val::Unreadable,
        };
        let digits = (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.to_string());
        Slot {
            tok,
            val,
            digits,
            alone: self.alone(tok),
        }
    }

    /// Indices of the tokens overlapping a byte range of the document text.
    pub fn token_range(&self, r: &Range<usize>) -> Range<usize> {
        let from = self.toks.partition_point(|t| t.end <= r.start);
        let to = self.toks.partition_point(|t| t.start < r.end);
        from..to.max(from)
    }
}

/// Label text of a table region, with the token owning each byte.
pub struct LabelText {
    /// Normalised label text.
    pub text: String,
    owner: Vec<u32>,
}

impl LabelText {
    /// Builds the label text of the tokens in `toks`, clipped to the byte range `clip`.
    pub fn build(ctx: &Ctx<'_>, toks: Range<usize>, clip: &Range<usize>) -> LabelText {
        let mut text = String::new();
        let mut owner = Vec::new();
        for i in toks {
            let Some(t) = ctx.toks.get(i) else { continue };
            if t.kind != TokKind::Label {
                continue;
            }
            let (s, e) = (t.start.max(clip.start), t.end.min(clip.end));
            let Some(slice) = ctx.doc.text.get(s..e) else { continue };
            let key = label_key(slice);
            text.push_str(&key);
            owner.resize(text.len(), crate::cast::u32_sat(i));
        }
        LabelText { text, owner }
    }

    /// The token owning a byte of the label text.
    pub fn token_at(&self, byte: usize) -> Option<usize> {
        self.owner.get(byte).map(|&t| t as usize)
    }

    /// Whether a fragment occurs.
    pub fn contains(&self, s: &str) -> bool {
        self.text.contains(s)
    }
}

/// Something to find in the label text: a value row, or a group/block title.
#[derive(Clone, Copy, Debug)]
pub struct Item {
    /// Row key (`new_received`) or block key (`art20_1`).
    pub key: &'static str,
    /// Signatures; any one locates the item.
    pub sigs: &'static [&'static str],
    /// Whether it carries values (weight in the chain).
    pub is_value: bool,
}

/// An item found: its index in the item list and the token holding the start of its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// Index into the item list.
    pub item: usize,
    /// Token holding the first char of the matched signature.
    pub tok: usize,
}

/// Most occurrences of one signature considered (bounds the work on hostile input).
const MAX_OCCURRENCES: usize = 64;

/// Every signature of a list of items, in one automaton: `owners[p]` are the items whose
/// signatures include pattern `p` (a signature may serve several items).
struct Signatures {
    ac: Option<aho_corasick::AhoCorasick>,
    owners: Vec<Vec<usize>>,
}

impl Signatures {
    fn of(items: &[Item]) -> Signatures {
        let mut patterns: Vec<&'static str> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        for (i, it) in items.iter().enumerate() {
            for &sig in it.sigs.iter().filter(|s| !s.is_empty()) {
                match patterns.iter().position(|&p| p == sig) {
                    Some(p) => owners.get_mut(p).into_iter().for_each(|o| o.push(i)),
                    None => {
                        patterns.push(sig);
                        owners.push(vec![i]);
                    }
                }
            }
        }
        Signatures {
            // A contiguous NFA: quick to build (a one-file process builds it for one search).
            ac: aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(&patterns)
                .ok(),
            owners,
        }
    }
}

/// For each item, where its signatures occur in `text`: per signature, the occurrences a
/// left-to-right search finds (not overlapping one another), the first `MAX_OCCURRENCES`; in
/// one pass over the text for all the signatures (a search per signature took ~7% of ingest).
/// The automaton of a list of items is built once per thread.
pub(crate) fn occurrences(text: &str, items: &[Item]) -> Vec<Vec<(usize, usize)>> {
    type Key = Vec<(usize, usize)>;
    thread_local! {
        static BUILT: std::cell::RefCell<std::collections::HashMap<Key, std::rc::Rc<Signatures>>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    // The items' signature lists are static: their addresses name the list.
    let key: Key = items
        .iter()
        .map(|it| (it.sigs.as_ptr() as usize, it.sigs.len()))
        .collect();
    let sigs = BUILT.with(|b| {
        std::rc::Rc::clone(
            b.borrow_mut()
                .entry(key)
                .or_insert_with(|| std::rc::Rc::new(Signatures::of(items))),
        )
    });
    let mut found: Vec<Vec<(usize, usize)>> = vec![Vec::new(); items.len()];
    let Some(ac) = &sigs.ac else { return found };
    // Per pattern: where its last counted occurrence ended, and how many were counted.
    let mut last: Vec<(usize, usize)> = vec![(0, 0); sigs.owners.len()];
    // Overlapping matches come by increasing end; one pattern's (of one length) also by start.
    for m in ac.find_overlapping_iter(text) {
        let p = m.pattern().as_usize();
        let Some(l) = last.get_mut(p) else { continue };
        if m.start() < l.0 || l.1 >= MAX_OCCURRENCES {
            continue;
        }
        *l = (m.end(), l.1 + 1);
        for &i in sigs.owners.get(p).map_or(&[][..], Vec::as_slice) {
            if let Some(f) = found.get_mut(i) {
                f.push((m.start(), m.end()));
            }
        }
    }
    found
}

/// Finds the items in order: the chain of occurrences, increasing in position and in item order,
/// that locates the most value rows (then the most group titles).
pub fn find_anchors(lt: &LabelText, items: &[Item]) -> Vec<Anchor> {
    struct Cand {
        item: usize,
        s: usize,
        e: usize,
        score: u32,
        prev: Option<usize>,
    }
    let mut cands: Vec<Cand> = Vec::new();
    for (i, mut found) in occurrences(&lt.text, items).into_iter().enumerate() {
        found.sort_unstable();
        found.dedup_by_key(|x| x.0);
        for (s, e) in found {
            cands.push(Cand {
                item: i,
                s,
                e,
                score: 0,
                prev: None,
            });
        }
    }
    for c in 0..cands.len() {
        let (item, s) = match cands.get(c) {
            Some(x) => (x.item, x.s),
            None => continue,
        };
        let weight = if items.get(item).is_some_and(|x| x.is_value) {
            2
        } else {
            1
        };
        let mut best: (u32, Option<usize>) = (0, None);
        for (p, pc) in cands.iter().enumerate().take(c) {
            if pc.item < item && pc.e <= s && pc.score > best.0 {
                best = (pc.score, Some(p));
            }
        }
        if let Some(x) = cands.get_mut(c) {
            x.score = best.0 + weight;
            x.prev = best.1;
        }
    }
    let mut end: Option<usize> = None;
    let mut top = 0;
    for (i, c) in cands.iter().enumerate() {
        if c.score > top {
            top = c.score;
            end = Some(i);
        }
    }
    let mut out = Vec::new();
    while let Some(i) = end {
        let Some(c) = cands.get(i) else { break };
        if let Some(tok) = lt.token_at(c.s) {
            out.push(Anchor { item: c.item, tok });
        }
        end = c.prev;
    }
    out.reverse();
    out
}

/// The value positions after a row label, up to the next row label.
#[derive(Debug, Default)]
pub struct Span {
    /// Tokens that are values, blanks or unreadable cells, in order.
    pub slots: Vec<usize>,
    /// For each slot, whether a label token came between it and the previous slot.
    pub label_before: Vec<bool>,
}

/// Collects the value positions in tokens `(from, to)` (both exclusive).
pub fn span(ctx: &Ctx<'_>, from: usize, to: usize) -> Span {
    let mut sp = Span::default();
    let mut label = false;
    for i in from.saturating_add(1)..to {
        match ctx.kind(i) {
            Some(TokKind::Label) => label = true,
            Some(_) => {
                sp.slots.push(i);
                sp.label_before.push(label && sp.slots.len() > 1);
                label = false;
            }
            None => {}
        }
    }
    sp
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::pieces::from_text;
    use crate::ingest::tokens::tokenize;

    #[test]
    fn chain_skips_a_mangled_label() {
        let d = from_text("本年新收 1\n上年结转 2\n予以公开 3\n其他 4\n总计 5\n");
        let toks = tokenize(&d);
        let ctx = Ctx {
            doc: &d,
            toks: &toks,
            with_col: true,
            channel: Channel::default(),
        };
        let lt = LabelText::build(&ctx, 0..toks.len(), &(0..d.text.len()));
        let items = [
            Item {
                key: "a",
                sigs: &["本年新收"],
                is_value: true,
            },
            Item {
                key: "missing",
                sigs: &["部分公开"],
                is_value: true,
            },
            Item {
                key: "b",
                sigs: &["予以公开"],
                is_value: true,
            },
            Item {
                key: "c",
                sigs: &["其他"],
                is_value: true,
            },
            Item {
                key: "d",
                sigs: &["总计"],
                is_value: true,
            },
        ];
        let a = find_anchors(&lt, &items);
        let keys: Vec<&str> = a.iter().filter_map(|x| items.get(x.item).map(|i| i.key)).collect();
        assert_eq!(keys, ["a", "b", "c", "d"]);
    }
}
