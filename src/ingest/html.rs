//! HTML → document: text blocks in reading order, and each leaf `<table>` expanded to a grid
//! (rowspan/colspan) whose origin cells become pieces located by table, row and column.
//!
//! Tables that contain tables are page layout, not data: they are walked like any container.

use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::pieces::{Doc, DocBuilder};
use crate::model::{Layout, Location};

/// Largest rowspan/colspan honoured (hostile pages cannot make the grid explode).
const MAX_SPAN: u32 = 200;
/// Deepest element nesting walked.
const MAX_DEPTH: usize = 256;

/// The sum of the depths of all elements a page may have: html5ever checks the scope of each
/// start tag against the open elements, so its time grows with this sum (10^8 is about half a
/// second; a real report page is under 10^6).
const MAX_WORK: u64 = 100_000_000;

/// Checks before parsing that a page is not nested deeper than [`MAX_DEPTH`] elements (nor so
/// deep over so many elements that parsing would take long): a linear scan of the tags. Void
/// elements and those whose end tag may be left out (`p`, `li`, `td`, …) are not counted.
pub fn nesting_ok(src: &str) -> Result<(), super::IngestErrorKind> {
    let b = src.as_bytes();
    let (mut i, mut depth, mut work) = (0usize, 0usize, 0u64);
    let too_deep = || super::IngestErrorKind::Nested(MAX_DEPTH);
    while let Some(off) = b.get(i..).and_then(|r| memchr::memchr(b'<', r)) {
        i += off + 1;
        let rest = b.get(i..).unwrap_or_default();
        if rest.starts_with(b"!--") {
            i += memchr::memmem::find(rest, b"-->").map_or(rest.len(), |p| p + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_at = usize::from(closing);
        let name_len = rest
            .get(name_at..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !rest.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        // Lower-cased in a small buffer: a longer name is none of the uncounted ones.
        let mut buf = [0u8; 8];
        let raw = rest.get(name_at..name_at + name_len).unwrap_or_default();
        let name = match buf.get_mut(..raw.len()) {
            Some(n) => {
                n.copy_from_slice(raw);
                n.make_ascii_lowercase();
                &n[..]
            }
            None => &b"-"[..],
        };
        let end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
        let self_closing = end > 0 && rest.get(end - 1) == Some(&b'/');
        i += end;
        if not_counted(name) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        if !self_closing {
            depth += 1;
            work += depth as u64;
            if depth > MAX_DEPTH || work > MAX_WORK {
                return Err(too_deep());
            }
        }
        // Raw text: no tags inside.
        if matches!(name, b"script" | b"style" | b"textarea" | b"title" | b"xmp") {
            let rest = b.get(i..).unwrap_or_default();
            i += memchr::memmem::find_iter(rest, b"</")
                .find(|&p| {
                    rest.get(p + 2..p + 2 + name.len())
                        .is_some_and(|n| n.eq_ignore_ascii_case(name))
                })
                .unwrap_or(rest.len());
        }
    }
    Ok(())
}

fn not_counted(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"tr"
            | b"td"
            | b"th"
            | b"option"
            | b"optgroup"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"colgroup"
            | b"caption"
            | b"rb"
            | b"rt"
            | b"rtc"
            | b"rp"
    )
}

/// Builds a document from HTML source.
pub fn from_html(src: &str) -> Doc {
    let html = Html::parse_document(src);
    let mut w = Walker::default();
    w.walk(*html.root_element(), 0);
    w.flush();
    w.b.finish(Layout::Html, Vec::new())
}

#[derive(Default)]
struct Walker {
    b: DocBuilder,
    line: String,
    blocks: u32,
    tables: u32,
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "tr"
            | "td"
            | "th"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "dd"
            | "dt"
            | "dl"
            | "blockquote"
            | "pre"
            | "center"
            | "title"
            | "table"
            | "tbody"
            | "thead"
            | "form"
            | "main"
            | "nav"
            | "aside"
            | "hr"
    )
}

fn skipped(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "noscript" | "template" | "svg" | "iframe" | "object" | "select"
    )
}

fn has_nested_table(node: NodeRef<'_, Node>) -> bool {
    node.descendants()
        .skip(1)
        .any(|d| matches!(d.value(), Node::Element(e) if e.name() == "table"))
}

impl Walker {
    fn flush(&mut self) {
        let t = self.line.split_whitespace().collect::<Vec<_>>().join(" ");
        self.line.clear();
        if !t.is_empty() {
            self.blocks += 1;
            self.b.push(&t, Location::line(self.blocks), 0, false);
        }
    }

    fn walk(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match node.value() {
            Node::Text(t) => {
                self.line.push_str(&t.text);
            }
            Node::Element(e) => {
                let name = e.name();
                if skipped(name) {
                    return;
                }
                if name == "br" {
                    self.flush();
                    return;
                }
                if name == "meta" {
                    if let Some(line) = meta_line(e) {
                        self.flush();
                        self.line.push_str(&line);
                        self.flush();
                    }
                    return;
                }
                if name == "table" && !has_nested_table(node) {
                    self.flush();
                    self.table(node);
                    return;
                }
                let block = is_block(name);
                if block {
                    self.flush();
                }
                for c in node.children() {
                    self.walk(c, depth + 1);
                }
                if block {
                    self.flush();
                }
            }
            _ => {
                for c in node.children() {
                    self.walk(c, depth + 1);
                }
            }
        }
    }

    fn table(&mut self, table: NodeRef<'_, Node>) {
        self.tables += 1;
        let tno = self.tables;
        let mut covered = Covered::default();
        let rows = table
            .descendants()
            .filter(|d| matches!(d.value(), Node::Element(e) if e.name() == "tr"));
        for (ri, tr) in rows.enumerate() {
            let r = u32::try_from(ri + 1).unwrap_or(u32::MAX);
            let mut c = 1u32;
            for cell in tr.children() {
                let Node::Element(e) = cell.value() else { continue };
                if e.name() != "td" && e.name() != "th" {
                    continue;
                }
                c = covered.free_from(r, c);
                let span = |a: &str| {
                    e.attr(a)
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .unwrap_or(1)
                        .clamp(1, MAX_SPAN)
                };
                let (rs, cs) = (span("rowspan"), span("colspan"));
                if rs > 1 {
                    covered.cover(c, c.saturating_add(cs), r.saturating_add(rs));
                }
                let text = cell_text(cell);
                self.b.push(
                    &text,
                    Location::Cell {
                        table: tno,
                        row: r,
                        col: c,
                    },
                    0,
                    true,
                );
                c = c.saturating_add(cs);
            }
        }
    }
}

/// The columns that cells of rows above reach down into, as a step function over columns:
/// `(first column, rows covered up to (exclusive))`, sorted by column, the first at column 1 and
/// the last always uncovered. A cell one row tall needs no entry (the cells after it in its row
/// start past it), so a table of plain cells keeps a single step. Only the first
/// [`MAX_COVERED_COL`] columns are tracked: a wider table is no report's, and the bound keeps
/// every step of a hostile page (thousands of 200×200 cells) to a short memmove.
struct Covered(Vec<(u32, u32)>);

/// Columns past this are never covered from above.
const MAX_COVERED_COL: u32 = 1000;

impl Default for Covered {
    fn default() -> Covered {
        Covered(vec![(1, 0)])
    }
}

impl Covered {
    /// The step holding column `c`.
    fn step(&self, c: u32) -> usize {
        self.0.partition_point(|s| s.0 <= c).saturating_sub(1)
    }

    /// The first column at or after `c` that no cell above covers in row `r`.
    fn free_from(&self, r: u32, mut c: u32) -> u32 {
        let mut i = self.step(c);
        while self.0.get(i).is_some_and(|s| s.1 > r) {
            match self.0.get(i + 1) {
                Some(&(next, _)) => c = c.max(next),
                None => break,
            }
            i += 1;
        }
        c
    }

    /// Starts a step at column `c` (same coverage as the step it splits); its index.
    fn split(&mut self, c: u32) -> usize {
        let i = self.step(c);
        match self.0.get(i) {
            Some(&(start, _)) if start == c => i,
            Some(&(_, until)) => {
                self.0.insert(i + 1, (c, until));
                i + 1
            }
            None => i,
        }
    }

    /// Columns `from..to` are covered down to row `until` (exclusive) at least.
    fn cover(&mut self, from: u32, to: u32, until: u32) {
        let to = to.min(MAX_COVERED_COL + 1);
        if from >= to {
            return;
        }
        let a = self.split(from);
        let b = self.split(to);
        for s in self.0.get_mut(a..b).unwrap_or_default() {
            s.1 = s.1.max(until);
        }
        // Neighbouring steps with the same coverage become one, from the step before `a` to
        // step `b`: the steps outside were merged before.
        let lo = a.saturating_sub(1);
        let hi = (b + 1).min(self.0.len());
        let mut w = lo;
        for i in lo + 1..hi {
            if let (Some(&kept), Some(&s)) = (self.0.get(w), self.0.get(i))
                && s.1 != kept.1
            {
                w += 1;
                if let Some(slot) = self.0.get_mut(w) {
                    *slot = s;
                }
            }
        }
        self.0.drain((w + 1).min(hi)..hi);
    }
}

/// A page's metadata tag as a line of the document, labelled as the report's own fields are:
/// `<meta name="SiteIDCode" content="3213220037">` → `网站标识码:3213220037`, `PubDate` →
/// `发布日期:…`, `ArticleTitle` → `标题:…`, `ContentSource` → `来源:…`.
fn meta_line(e: &scraper::node::Element) -> Option<String> {
    let key = e.attr("name").or_else(|| e.attr("property"))?.to_ascii_lowercase();
    let content = e.attr("content")?.split_whitespace().collect::<Vec<_>>().join(" ");
    if content.is_empty() || content.chars().count() > 200 {
        return None;
    }
    let label = match key.as_str() {
        "siteidcode" => "网站标识码",
        "pubdate" | "publishdate" | "firstpublishedtime" | "article:published_time" => "发布日期",
        "articletitle" => "标题",
        "contentsource" => "来源",
        _ => return None,
    };
    Some(format!("{label}:{content}"))
}

fn cell_text(cell: NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for d in cell.descendants() {
        match d.value() {
            Node::Text(t) => s.push_str(&t.text),
            Node::Element(e) if e.name() == "br" || e.name() == "p" => s.push(' '),
            _ => {}
        }
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_with_spans() {
        let d = from_html(
            "<p>标题</p><table><tr><td rowspan=2>A</td><td colspan=2>B</td></tr>\
             <tr><td>1</td><td>&nbsp;</td></tr></table><p>尾</p>",
        );
        let cells: Vec<(String, String)> = d
            .pieces
            .iter()
            .map(|p| (d.raw(p).to_string(), p.loc.to_string()))
            .collect();
        assert_eq!(cells.first().map(|c| c.0.as_str()), Some("标题"));
        assert!(cells.contains(&("1".into(), "table 1 row 2 col 2".into())), "{cells:?}");
        assert!(cells.contains(&("".into(), "table 1 row 2 col 3".into())), "{cells:?}");
        assert_eq!(cells.last().map(|c| c.0.as_str()), Some("尾"));
    }

    fn placed(src: &str) -> Vec<String> {
        let d = from_html(src);
        d.pieces.iter().map(|p| format!("{}@{}", d.raw(p), p.loc)).collect()
    }

    #[test]
    fn spans_over_rows_place_later_cells_after_them() {
        let got = placed(
            "<table><tr><td rowspan=3>a</td><td>b</td><td colspan=2 rowspan=2>c</td><td>d</td></tr>\
             <tr><td>e</td><td>f</td></tr><tr><td colspan=3>g</td><td>h</td></tr>\
             <tr><td>i</td><td rowspan=0>j</td><td colspan=x>k</td></tr></table>",
        );
        let want = [
            "a@table 1 row 1 col 1",
            "b@table 1 row 1 col 2",
            "c@table 1 row 1 col 3",
            "d@table 1 row 1 col 5",
            "e@table 1 row 2 col 2",
            "f@table 1 row 2 col 5",
            "g@table 1 row 3 col 2",
            "h@table 1 row 3 col 5",
            "i@table 1 row 4 col 1",
            "j@table 1 row 4 col 2",
            "k@table 1 row 4 col 3",
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn overlapping_spans_keep_their_first_owner() {
        // Row 2's wide cell starts left of row 1's tall one and runs over it (a table-model
        // error real pages make): the next cell goes after both.
        let got = placed(
            "<table><tr><td>a</td><td rowspan=2>b</td><td>c</td></tr>\
             <tr><td colspan=2>d</td><td>e</td><td>f</td></tr></table>",
        );
        assert_eq!(
            got,
            [
                "a@table 1 row 1 col 1",
                "b@table 1 row 1 col 2",
                "c@table 1 row 1 col 3",
                "d@table 1 row 2 col 1",
                "e@table 1 row 2 col 3",
                "f@table 1 row 2 col 4",
            ]
        );
    }

    #[test]
    fn many_wide_tall_cells_are_placed_quickly() {
        // 5,000 cells each 200×200: marking every covered (row, col) pair one by one took a
        // minute on this 170 KB page. Past column 1000 nothing is covered from above.
        let row = "<tr>".to_string() + &"<td rowspan=200 colspan=200>1</td>".repeat(50) + "</tr>";
        let d = from_html(&format!("<table>{}</table>", row.repeat(100)));
        assert_eq!(d.pieces.len(), 5_000);
        let last = d.pieces.last().map(|p| p.loc.to_string());
        assert_eq!(last.as_deref(), Some("table 1 row 100 col 10801"));
    }

    /// Cells' (row, col) by marking every covered pair, as the grid was placed before
    /// [`Covered`]: its specification.
    fn place_by_pairs(rows: &[Vec<(u32, u32)>]) -> Vec<(u32, u32)> {
        let mut taken = std::collections::HashSet::new();
        let mut out = vec![];
        for (r, row) in (1u32..).zip(rows) {
            let mut c = 1u32;
            for &(rs, cs) in row {
                while taken.contains(&(r, c)) {
                    c += 1;
                }
                for dr in 0..rs {
                    for dc in 0..cs {
                        taken.insert((r + dr, c + dc));
                    }
                }
                out.push((r, c));
                c += cs;
            }
        }
        out
    }

    fn place_by_steps(rows: &[Vec<(u32, u32)>]) -> Vec<(u32, u32)> {
        let mut covered = Covered::default();
        let mut out = vec![];
        for (r, row) in (1u32..).zip(rows) {
            let mut c = 1u32;
            for &(rs, cs) in row {
                c = covered.free_from(r, c);
                if rs > 1 {
                    covered.cover(c, c + cs, r + rs);
                }
                out.push((r, c));
                c += cs;
            }
        }
        out
    }

    #[test]
    fn steps_place_cells_as_marking_every_pair_does() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            u32::try_from(seed % n).unwrap_or(0)
        };
        for _ in 0..20_000 {
            let rows: Vec<Vec<(u32, u32)>> = (0..1 + next(9))
                .map(|_| (0..next(7)).map(|_| (1 + next(4), 1 + next(4))).collect())
                .collect();
            assert_eq!(place_by_steps(&rows), place_by_pairs(&rows), "{rows:?}");
        }
    }

    #[test]
    fn page_metadata_becomes_labelled_lines() {
        let d = from_html(
            "<html><head><meta name=\"SiteIDCode\" content=\"3213220037\"><meta name=\"PubDate\" content=\"2022-01-13 11:47\">\
             <meta name=\"keywords\" content=\"x\"></head><body><p>正文</p></body></html>",
        );
        let raws: Vec<&str> = d.pieces.iter().map(|p| d.raw(p)).collect();
        assert_eq!(raws, ["网站标识码:3213220037", "发布日期:2022-01-13 11:47", "正文"]);
    }

    #[test]
    fn layout_tables_are_walked() {
        let d = from_html(
            "<table><tr><td><p>一、总体情况</p><table><tr><td>规章</td><td>3</td></tr></table></td></tr></table>",
        );
        let raws: Vec<&str> = d.pieces.iter().map(|p| d.raw(p)).collect();
        assert_eq!(raws, ["一、总体情况", "规章", "3"]);
    }
}
