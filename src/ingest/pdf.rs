//! PDF → document, offline: the characters of the text layer with their positions (lopdf +
//! pdf-extract), rebuilt into lines (same baseline, left to right, a space where the gap is wide),
//! with each character's x kept so every figure has a page and a position. The lines then go
//! through the same reading as text taken from PDFs (wrapped labels, page footers…).
//!
//! Refused with a clear error: corrupt files, files that need a password, scanned PDFs with no
//! text layer, and decompression bombs (checked before any parsing).

use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::IngestErrorKind;
use super::guard::quietly;
use super::pieces::{Doc, DocBuilder, is_page_footer};
use crate::model::{Layout, Location};

/// Largest decompressed size of one stream.
const MAX_STREAM: u64 = 256 * 1024 * 1024;
/// Largest decompressed size of all streams together.
const MAX_TOTAL: u64 = 1024 * 1024 * 1024;
/// Fewer printable characters than this on all pages: a scan without a text layer.
const MIN_TEXT_CHARS: usize = 40;

#[derive(Clone, Copy, Debug)]
struct Ch {
    page: u32,
    x: f32,
    y: f32,
    size: f32,
    c: char,
}

/// How long one PDF may take to read, in milliseconds (0: no limit).
static TIME_LIMIT_MS: AtomicU64 = AtomicU64::new(10_000);

/// Sets how long one PDF may take to read before it is abandoned with an error (`None`: no
/// limit). The default is 10 s; a real government report of 20 pages takes well under one.
pub fn set_time_limit(limit: Option<Duration>) {
    let ms = limit.map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX).max(1));
    TIME_LIMIT_MS.store(ms, Ordering::Relaxed);
}

fn deadline() -> Option<(Instant, u64)> {
    let ms = TIME_LIMIT_MS.load(Ordering::Relaxed);
    (ms > 0).then(|| (Instant::now() + Duration::from_millis(ms), ms.div_ceil(1000)))
}

#[derive(Default)]
struct Collector {
    chars: Vec<Ch>,
    page: u32,
    height: f64,
    pages: u32,
    /// When the reading is abandoned (checked on every page and every 1,024 characters).
    deadline: Option<Instant>,
    timed_out: bool,
    calls: u32,
}

impl Collector {
    fn check_time(&mut self) -> Result<(), OutputError> {
        if self.deadline.is_some_and(|d| Instant::now() > d) {
            self.timed_out = true;
            return Err(OutputError::IoError(io::Error::from(io::ErrorKind::TimedOut)));
        }
        Ok(())
    }
}

impl OutputDev for Collector {
    fn begin_page(&mut self, n: u32, mb: &MediaBox, _art: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        self.check_time()?;
        self.page = n;
        self.pages += 1;
        self.height = mb.ury - mb.lly;
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    // Positions and sizes in points: f32 holds them to far under a point.
    #[allow(clippy::cast_possible_truncation)]
    fn output_character(
        &mut self,
        trm: &Transform,
        _width: f64,
        _spacing: f64,
        font_size: f64,
        s: &str,
    ) -> Result<(), OutputError> {
        self.calls = self.calls.wrapping_add(1);
        if self.calls.is_multiple_of(1024) {
            self.check_time()?;
        }
        let scale = (trm.m11 * trm.m11 + trm.m12 * trm.m12).sqrt();
        let size = (font_size * scale).abs();
        let size = if size.is_finite() && size > 0.5 {
            size as f32
        } else {
            10.0
        };
        let (x, y) = (trm.m31 as f32, (self.height - trm.m32) as f32);
        if !x.is_finite() || !y.is_finite() {
            return Ok(());
        }
        for c in s.chars().filter(|c| !c.is_whitespace() && !c.is_control()) {
            self.chars.push(Ch {
                page: self.page,
                x,
                y,
                size,
                c,
            });
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Counts the bytes a reader yields, up to a limit.
fn inflated_len(data: &[u8], limit: u64) -> u64 {
    let mut z = flate2::read::ZlibDecoder::new(data).take(limit + 1);
    io::copy(&mut z, &mut io::sink()).unwrap_or(0)
}

/// Refuses decompression bombs: every stream body is inflated (without keeping it) under a cap
/// before any PDF parser sees the file.
fn check_streams(bytes: &[u8]) -> Result<(), IngestErrorKind> {
    check_streams_within(bytes, MAX_STREAM, MAX_TOTAL)
}

fn check_streams_within(bytes: &[u8], max_stream: u64, max_total: u64) -> Result<(), IngestErrorKind> {
    let mut total: u64 = 0;
    let mut pos = 0;
    while let Some(i) = find(bytes, b"stream", pos) {
        pos = i + 6;
        if i >= 3 && bytes.get(i - 3..i) == Some(b"end") {
            continue;
        }
        let mut start = pos;
        if bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if bytes.get(start) != Some(&b'\n') {
            continue;
        }
        start += 1;
        let end = find(bytes, b"endstream", start).unwrap_or(bytes.len());
        let body = bytes.get(start..end).unwrap_or(&[]);
        let n = inflated_len(body, max_stream);
        if n > max_stream {
            return Err(IngestErrorKind::Unsupported(format!(
                "PDF refused: a stream inflates to more than {} MB (decompression bomb?)",
                max_stream / (1024 * 1024)
            )));
        }
        total += n;
        if total > max_total {
            return Err(IngestErrorKind::Unsupported(format!(
                "PDF refused: its streams inflate to more than {} MB (decompression bomb?)",
                max_total / (1024 * 1024)
            )));
        }
        pos = end;
    }
    Ok(())
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn extract(bytes: &[u8]) -> Result<Collector, IngestErrorKind> {
    let limit = deadline();
    let outcome = quietly(|| -> Result<Collector, IngestErrorKind> {
        let mut doc =
            lopdf::Document::load_mem(bytes).map_err(|e| IngestErrorKind::Unsupported(format!("corrupt PDF ({e})")))?;
        if doc.is_encrypted() && doc.decrypt("").is_err() {
            return Err(IngestErrorKind::Unsupported(
                "encrypted PDF: it needs a password".into(),
            ));
        }
        if let Some((d, secs)) = limit
            && Instant::now() > d
        {
            return Err(IngestErrorKind::TimedOut(secs));
        }
        let mut c = Collector {
            deadline: limit.map(|(d, _)| d),
            ..Collector::default()
        };
        if let Err(e) = pdf_extract::output_doc(&doc, &mut c) {
            return Err(match (c.timed_out, limit) {
                (true, Some((_, secs))) => IngestErrorKind::TimedOut(secs),
                _ => IngestErrorKind::Unsupported(format!("unreadable PDF ({e})")),
            });
        }
        Ok(c)
    });
    match outcome {
        Ok(r) => r,
        Err(panic) => Err(IngestErrorKind::Unsupported(format!(
            "the PDF reader failed on this file ({panic})"
        ))),
    }
}

fn is_wide(c: char) -> bool {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(1) > 1
}

/// Builds lines from positioned characters: one piece per line, with each character's x.
fn lines(chars: &mut [Ch]) -> DocBuilder {
    chars.sort_by(|a, b| a.page.cmp(&b.page).then(a.y.total_cmp(&b.y)).then(a.x.total_cmp(&b.x)));
    let mut b = DocBuilder::default();
    let mut i = 0;
    while let Some(first) = chars.get(i).copied() {
        let mut j = i;
        while chars
            .get(j)
            .is_some_and(|c| c.page == first.page && (c.y - first.y).abs() <= 0.5 * first.size)
        {
            j += 1;
        }
        let mut line: Vec<Ch> = chars.get(i..j).map(<[Ch]>::to_vec).unwrap_or_default();
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        // Overprinted characters (fake bold) appear twice at nearly the same place.
        line.dedup_by(|b, a| a.c == b.c && (a.x - b.x).abs() < 0.2 * a.size);
        let mut text = String::new();
        let mut xs = Vec::new();
        let mut prev: Option<Ch> = None;
        for c in &line {
            if let Some(p) = prev {
                let advance = if is_wide(p.c) { p.size } else { 0.55 * p.size };
                if c.x - p.x - advance > 0.35 * p.size {
                    text.push(' ');
                    xs.push(c.x);
                }
            }
            text.push(c.c);
            xs.push(c.x);
            prev = Some(*c);
        }
        i = j;
        if text.is_empty() || is_page_footer(&text) {
            continue;
        }
        let loc = Location::Page {
            page: first.page,
            x: line.first().map_or(first.x, |c| c.x),
            y: first.y,
        };
        b.push_positioned(&text, loc, xs);
    }
    b
}

/// Reads a PDF's text layer into a document.
pub fn from_pdf(bytes: &[u8]) -> Result<Doc, IngestErrorKind> {
    check_streams(bytes)?;
    let mut c = extract(bytes)?;
    if c.pages == 0 {
        return Err(IngestErrorKind::Unsupported("PDF without pages".into()));
    }
    if c.chars.len() < MIN_TEXT_CHARS {
        return Err(IngestErrorKind::Unsupported(format!(
            "scanned PDF: {} pages but no text layer (run OCR first)",
            c.pages
        )));
    }
    Ok(lines(&mut c.chars).finish(Layout::Pdf, Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn refuses_a_bomb() {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..3 {
            let _ = z.write_all(&zeros);
        }
        let body = z.finish().unwrap_or_default();
        let mut pdf = b"%PDF-1.4\n1 0 obj << /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend_from_slice(&body);
        pdf.extend_from_slice(b"\nendstream\nendobj\n");
        // 3 MB of zeros in a few KB: over a 2 MB cap (the real cap is 256 MB per stream).
        let e = check_streams_within(&pdf, 2 * 1024 * 1024, 8 * 1024 * 1024)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("decompression bomb"), "{e}");
        assert!(check_streams_within(&pdf, 4 * 1024 * 1024, 8 * 1024 * 1024).is_ok());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for b in [
            &b"%PDF-1.7\n"[..],
            b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF",
        ] {
            assert!(from_pdf(b).is_err());
        }
    }
}
