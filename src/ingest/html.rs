//! HTML → document: text blocks in reading order, and each leaf `<table>` expanded to a grid
//! (rowspan/colspan) whose origin cells become pieces located by table, row and column.
//!
//! Tables that contain tables are page layout, not data: they are walked like any container.

use std::collections::HashSet;

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
    while let Some(off) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'<')) {
        i += off + 1;
        let rest = b.get(i..).unwrap_or_default();
        if rest.starts_with(b"!--") {
            i += rest.windows(3).position(|w| w == b"-->").map_or(rest.len(), |p| p + 3);
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
        let end = rest.iter().position(|&c| c == b'>').unwrap_or(rest.len());
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
            i += rest
                .windows(name.len() + 2)
                .position(|w| w.starts_with(b"</") && w.get(2..).is_some_and(|n| n.eq_ignore_ascii_case(name)))
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
        let mut taken: HashSet<(u32, u32)> = HashSet::new();
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
                while taken.contains(&(r, c)) {
                    c = c.saturating_add(1);
                }
                let span = |a: &str| {
                    e.attr(a)
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .unwrap_or(1)
                        .clamp(1, MAX_SPAN)
                };
                let (rs, cs) = (span("rowspan"), span("colspan"));
                for dr in 0..rs {
                    for dc in 0..cs {
                        taken.insert((r.saturating_add(dr), c.saturating_add(dc)));
                    }
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
