//! Bytes → format and text: sniffing the kind of file, and the text encoding
//! (BOM, `<meta charset>`, UTF-8, or detection for GBK/GB2312/GB18030).

use encoding_rs::{Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

use super::IngestErrorKind;

/// Files above this size are refused (reports are a few MB at most).
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The kind of input, from its bytes and name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Plain or scraped text.
    Text,
    /// HTML page or fragment.
    Html,
    /// A PDF file.
    Pdf,
    /// A Word .docx file.
    Docx,
    /// A report already parsed by xxgk (JSON).
    Json,
}

/// Text decoded from bytes.
#[derive(Debug)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Name of the encoding used (`utf-8`, `gbk`, `gb18030`, `utf-16le`).
    pub encoding: &'static str,
    /// Number of invalid byte sequences replaced by U+FFFD.
    pub replaced: usize,
}

fn ext_of(path: &str) -> String {
    std::path::Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

/// Decides what kind of file the bytes are. Errors for empty and binary files.
pub fn sniff(bytes: &[u8], path: &str) -> Result<Kind, IngestErrorKind> {
    let ext = ext_of(path);
    let trimmed = trim_ascii_start(strip_utf8_bom(bytes));
    if trimmed.is_empty() {
        return Err(IngestErrorKind::Empty);
    }
    if bytes.starts_with(b"%PDF-") || trimmed.starts_with(b"%PDF-") {
        return Ok(Kind::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return if ext == "docx" || contains(bytes, b"word/document.xml") {
            Ok(Kind::Docx)
        } else {
            Err(IngestErrorKind::Binary("a zip archive that is not a .docx file".into()))
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(IngestErrorKind::Unsupported(
            "legacy Word/Excel (.doc/.xls) file; save it as .docx".into(),
        ));
    }
    for (magic, what) in [
        (&b"\x89PNG"[..], "a PNG image"),
        (&b"\xFF\xD8\xFF"[..], "a JPEG image"),
        (&b"GIF8"[..], "a GIF image"),
        (&b"\x1F\x8B"[..], "gzip-compressed data"),
        (&b"\x7FELF"[..], "an executable"),
    ] {
        if bytes.starts_with(magic) {
            return Err(IngestErrorKind::Binary(what.into()));
        }
    }
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if !utf16 && looks_binary(bytes) {
        return Err(IngestErrorKind::Binary("control bytes throughout".into()));
    }
    if ext == "json" || (trimmed.first() == Some(&b'{') && contains(head(trimmed, 256), b"\"schema\"")) {
        return Ok(Kind::Json);
    }
    if matches!(
        ext.as_str(),
        "html" | "htm" | "shtml" | "xhtml" | "jsp" | "asp" | "aspx" | "php"
    ) {
        return Ok(Kind::Html);
    }
    if matches!(ext.as_str(), "txt" | "md" | "text") {
        return Ok(Kind::Text);
    }
    Ok(if looks_html(head(bytes, 16 * 1024)) {
        Kind::Html
    } else {
        Kind::Text
    })
}

fn head(b: &[u8], n: usize) -> &[u8] {
    b.get(..n.min(b.len())).unwrap_or(b)
}

fn strip_utf8_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(b)
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    b.get(n..).unwrap_or(&[])
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = head(bytes, 8192);
    // One pass: a NUL byte, or control bytes (not line breaks, tab, form feed, escape). The
    // allowed ones as a bit mask: a loop the compiler vectorises.
    const ALLOWED: u32 = 1 << b'\n' | 1 << b'\r' | 1 << b'\t' | 1 << 0x0C | 1 << 0x1B;
    let (mut nul, mut ctrl) = (false, 0usize);
    for &b in sample {
        nul |= b == 0;
        ctrl += usize::from(b < 0x20 && (ALLOWED >> (b & 31)) & 1 == 0);
    }
    nul || ctrl * 20 > sample.len().max(1)
}

fn looks_html(sample: &[u8]) -> bool {
    let lower: Vec<u8> = sample.iter().map(u8::to_ascii_lowercase).collect();
    let tags = [
        &b"<html"[..],
        b"<table",
        b"<p>",
        b"<p ",
        b"<div",
        b"<body",
        b"<td",
        b"<br",
        b"<!doctype",
        b"<meta",
    ];
    let hits: usize = tags.iter().filter(|t| contains(&lower, t)).count();
    hits >= 2 || contains(&lower, b"<html") || contains(&lower, b"<table")
}

/// Finds `charset=...` in the head of an HTML document.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = head(bytes, 4096);
    let lower: Vec<u8> = sample.iter().map(u8::to_ascii_lowercase).collect();
    let pos = lower.windows(8).position(|w| w == b"charset=")?;
    let rest = lower.get(pos + 8..)?;
    let rest = trim_ascii_start(rest);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_'))
        .unwrap_or(rest.len());
    Encoding::for_label(rest.get(..end)?)
}

fn decode_with(bytes: &[u8], enc: &'static Encoding) -> (String, usize) {
    let (text, _, had_errors) = enc.decode(bytes);
    let replaced = if had_errors {
        text.chars().filter(|&c| c == '\u{FFFD}').count()
    } else {
        0
    };
    (text.into_owned(), replaced)
}

/// Whether GBK-family bytes use GB18030's four-byte sequences (lead byte, then an ASCII digit).
fn uses_gb18030_four_byte(bytes: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            i += 1;
            continue;
        }
        if bytes.get(i + 1).is_some_and(|n| n.is_ascii_digit()) {
            return true;
        }
        i += 2;
    }
    false
}

fn name_of(enc: &'static Encoding) -> &'static str {
    if enc == UTF_8 {
        "utf-8"
    } else if enc == GBK {
        "gbk"
    } else if enc == GB18030 {
        "gb18030"
    } else if enc == UTF_16LE {
        "utf-16le"
    } else if enc == UTF_16BE {
        "utf-16be"
    } else {
        enc.name()
    }
}

/// Decodes text bytes. For HTML, a declared charset is tried first; a BOM always wins.
/// Fails when the text is mostly invalid in every candidate encoding.
pub fn decode(bytes: &[u8], html: bool) -> Result<Decoded, IngestErrorKind> {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        let (text, replaced) = decode_with(bytes, enc);
        return finish(text, name_of(enc), replaced);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return finish(s.to_string(), "utf-8", 0);
    }
    let mut candidates: Vec<&'static Encoding> = Vec::new();
    if html && let Some(enc) = declared_charset(bytes) {
        candidates.push(enc);
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    candidates.push(det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow));
    candidates.push(GB18030);
    candidates.push(UTF_8);
    let mut best: Option<(String, &'static Encoding, usize)> = None;
    for enc in candidates {
        let (text, replaced) = decode_with(bytes, enc);
        let better = best.as_ref().is_none_or(|(_, _, r)| replaced < *r);
        if better {
            best = Some((text, enc, replaced));
        }
        if replaced == 0 {
            break;
        }
    }
    match best {
        Some((text, enc, replaced)) => {
            // encoding_rs decodes GBK with the GB18030 decoder; name the superset when it is used.
            let name = if (enc == GBK || enc == GB18030) && uses_gb18030_four_byte(bytes) {
                "gb18030"
            } else {
                name_of(enc)
            };
            finish(text, name, replaced)
        }
        None => Err(IngestErrorKind::Encoding),
    }
}

fn finish(text: String, encoding: &'static str, replaced: usize) -> Result<Decoded, IngestErrorKind> {
    // More than 2% unreadable characters: this is not text in any encoding we know.
    if replaced > 0 && replaced * 50 > text.chars().count().max(1) {
        return Err(IngestErrorKind::Encoding);
    }
    Ok(Decoded {
        text,
        encoding,
        replaced,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_gbk_and_bom() {
        let (gbk, _, _) = GBK.encode("二、主动公开政府信息情况 第二十条第（一）项 规章 1 0 11");
        let d = decode(&gbk, false).map_err(|e| e.to_string());
        assert_eq!(d.as_ref().map(|d| d.encoding), Ok("gbk"));
        assert!(d.map(|d| d.text.contains("主动公开")).unwrap_or(false));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("规章".as_bytes());
        assert_eq!(decode(&bom, false).map(|d| d.text).ok().as_deref(), Some("规章"));
    }

    #[test]
    fn declared_charset_is_read() {
        let html = b"<html><head><meta charset=\"gb2312\"></head>";
        assert_eq!(declared_charset(html), Some(GBK));
        let html = b"<meta http-equiv=Content-Type content='text/html; charset=GB18030'>";
        assert_eq!(declared_charset(html), Some(GB18030));
    }

    #[test]
    fn sniffs_kinds() {
        assert_eq!(sniff(b"%PDF-1.7\n", "a.pdf").ok(), Some(Kind::Pdf));
        assert!(matches!(sniff(b"", "a.txt"), Err(IngestErrorKind::Empty)));
        assert!(matches!(sniff(b"  \n ", "a.txt"), Err(IngestErrorKind::Empty)));
        assert!(matches!(
            sniff(b"\x89PNG\r\n", "a.txt"),
            Err(IngestErrorKind::Binary(_))
        ));
        assert!(matches!(sniff(b"ab\0cd", "a.txt"), Err(IngestErrorKind::Binary(_))));
        assert_eq!(sniff(b"<p>x</p><table>", "page").ok(), Some(Kind::Html));
        assert_eq!(sniff("规章 1".as_bytes(), "page").ok(), Some(Kind::Text));
    }
}
