//! Text for people: measuring and cutting it in terminal cells (Han characters are two wide),
//! and cleaning untrusted text (from reports and file names) before it reaches a terminal, the
//! clipboard or a human-readable file. Every printer and the explorer use these.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The width of text in terminal cells.
pub fn width(s: &str) -> usize {
    s.width()
}

/// Truncates text to a width in terminal cells, with `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Keeps the end of text (a path) within `width` cells: `…/000/00009.html`.
pub fn shorten_left(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut tail: Vec<char> = Vec::new();
    let mut w = 1; // the `…`
    for c in s.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width {
            break;
        }
        tail.push(c);
        w += cw;
    }
    let mut out = String::from("…");
    out.extend(tail.iter().rev());
    out
}

/// Wraps text to lines of at most `width` cells, continuing lines after `indent` spaces. A run
/// of non-space narrow characters (a number, `1+0=1`, a Latin word) is never split unless it
/// is wider than a line by itself; a wide (Han) character may end a line anywhere.
pub fn wrap(s: &str, width: usize, indent: usize) -> Vec<String> {
    let width = width.max(indent + 2);
    // Units: a run of narrow non-space characters, one wide character, or one space.
    let mut units: Vec<String> = Vec::new();
    let mut run = String::new();
    for c in s.chars() {
        let narrow = c.width().unwrap_or(0) <= 1;
        if narrow && !c.is_whitespace() {
            run.push(c);
            continue;
        }
        if !run.is_empty() {
            units.push(std::mem::take(&mut run));
        }
        units.push(if c.is_whitespace() { " ".into() } else { c.to_string() });
    }
    if !run.is_empty() {
        units.push(run);
    }
    let mut lines = Vec::new();
    // The current line as units, so that a closing mark never starts a line (it takes the
    // unit before it along, as Chinese typesetting does).
    let mut line: Vec<String> = Vec::new();
    let mut w = 0;
    let start = |lines: &Vec<String>| if lines.is_empty() { 0 } else { indent };
    let text = |line: &[String]| line.concat().trim_end().to_string();
    for u in units {
        let uw = u.width();
        if u == " " && w == start(&lines) {
            continue; // no space at the start of a line
        }
        if w + uw > width && w > start(&lines) {
            let mut carried = Vec::new();
            if closing(&u) && line.len() > 2 && line.last().is_some_and(|l| l != " ") {
                carried.extend(line.pop());
            }
            lines.push(text(&line));
            line = vec![" ".repeat(indent)];
            w = indent + carried.iter().map(|c| c.width()).sum::<usize>();
            line.extend(carried);
            if u == " " {
                continue;
            }
        }
        if w + uw > width {
            // A unit wider than a line: cut it, the only place anything is cut.
            for c in u.chars() {
                let cw = c.width().unwrap_or(0);
                if w + cw > width {
                    lines.push(text(&line));
                    line = vec![" ".repeat(indent)];
                    w = indent;
                }
                line.push(c.to_string());
                w += cw;
            }
            continue;
        }
        line.push(u);
        w += uw;
    }
    let line = line.concat();
    if !line.trim().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Marks that do not start a line: closing brackets and quotes, and the pause and stop marks.
fn closing(unit: &str) -> bool {
    matches!(
        unit,
        "，" | "。"
            | "、"
            | "；"
            | "："
            | "）"
            | "」"
            | "”"
            | "’"
            | "》"
            | "！"
            | "？"
            | ")"
            | ","
            | "."
            | ";"
            | ":"
    )
}

/// Pads (or truncates) to exactly `width` cells, left-aligned.
pub fn pad(s: &str, width: usize) -> String {
    let f = fit(s, width);
    let w = f.width();
    format!("{f}{}", " ".repeat(width.saturating_sub(w)))
}

/// Right-aligns within `width` cells.
pub fn rpad(s: &str, width: usize) -> String {
    let f = fit(s, width);
    let w = f.width();
    format!("{}{f}", " ".repeat(width.saturating_sub(w)))
}

/// Characters that are invisible or change the layout of the text around them: zero-width
/// spaces and joiners, bidi marks, overrides and isolates, the word joiner and invisible
/// operators, the byte-order mark, the soft hyphen, the Arabic letter mark, Hangul fillers,
/// variation selectors, tag characters, the Mongolian vowel separator, the combining grapheme
/// joiner, interlinear annotation marks. Text from reports and file names never needs them, and
/// each can hide or reorder what a reader sees.
pub fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}')
}

/// Whether a character must not reach a terminal, clipboard or human-readable file as it is:
/// controls (C0, DEL, C1), line and paragraph separators, and [`invisible`] characters.
pub fn unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') || invisible(c)
}

/// Text for a JSON document: serde's output with every [`unsafe_char`] it leaves raw (C1
/// controls, bidi overrides, separators, invisible characters) written as a `\uXXXX` escape.
/// Outside strings JSON is ASCII, so this only touches string contents, and no data is lost.
pub fn json_escape_unsafe(json: String) -> String {
    let Some(first) = first_to_escape(&json) else {
        return json;
    };
    let (head, rest) = json.split_at(first);
    let mut out = String::with_capacity(json.len() + 16);
    out.push_str(head);
    for c in rest.chars() {
        if to_escape(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// An [`unsafe_char`] that JSON text does not keep as it is (line breaks and tabs stay).
fn to_escape(c: char) -> bool {
    unsafe_char(c) && !matches!(c, '\n' | '\t' | '\r')
}

/// Where the first character [`to_escape`] is. Printable ASCII (most of a JSON document: keys,
/// numbers, punctuation) is skipped 16 bytes at a time, in a loop the compiler vectorises; only
/// the other characters are decoded and tested (`xxgk parse` spent 9% of its time testing
/// every character).
fn first_to_escape(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let printable = |x: u8| x.wrapping_sub(0x20) < 0x5F;
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if let Some(chunk) = b.get(i..i + 16)
            && chunk.iter().fold(true, |ok, &x| ok & printable(x))
        {
            i += 16;
            continue;
        }
        if printable(x) || matches!(x, b'\n' | b'\t' | b'\r') {
            i += 1;
            continue;
        }
        let c = s.get(i..).and_then(|r| r.chars().next())?;
        if to_escape(c) {
            return Some(i);
        }
        i += c.len_utf8();
    }
    None
}

/// Text as a spreadsheet cell or a CSV field holds it: [`sanitize`]d, and
/// neutralised as OWASP recommends — text that begins with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'`, so no spreadsheet takes it for a formula. A signed
/// number (`-3`, `+12.5%`, a Δ) runs nothing and stays as it is, so numbers stay numbers.
pub fn spreadsheet_safe(s: &str) -> String {
    let clean = sanitize(s);
    let body = clean.trim().trim_start_matches(['+', '-']);
    let number = !body.is_empty()
        && body.starts_with(|c: char| c.is_ascii_digit())
        && body.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%'));
    let risky = s.starts_with(['\t', '\r'])
        || !number
            && clean
                .trim_start()
                .starts_with(['=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}']);
    if risky { format!("'{clean}") } else { clean }
}

/// Pretty JSON with [`json_escape_unsafe`] applied: the form of every JSON xxgk prints or writes.
pub fn json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    serde_json::to_string_pretty(value).map(json_escape_unsafe)
}

/// Compact JSON with [`json_escape_unsafe`] applied.
pub fn json_compact<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    serde_json::to_string(value).map(json_escape_unsafe)
}

/// Removes control characters, invisible characters and terminal escape sequences from
/// untrusted text before it is shown anywhere (terminal, clipboard, CSV, XLSX, TSV). Tabs,
/// newlines and line/paragraph separators become spaces.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // Skip an escape sequence: ESC [ ... final byte, ESC ] ... BEL/ST, or ESC + one char.
            match chars.peek() {
                Some('[') => {
                    chars.next();
                    for d in chars.by_ref() {
                        if ('@'..='~').contains(&d) {
                            break;
                        }
                    }
                }
                Some(']') => {
                    chars.next();
                    while let Some(d) = chars.next() {
                        if d == '\u{7}' || (d == '\u{1b}' && chars.peek() == Some(&'\\')) {
                            if d == '\u{1b}' {
                                chars.next();
                            }
                            break;
                        }
                    }
                }
                _ => {
                    chars.next();
                }
            }
            continue;
        }
        if matches!(c, '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}') {
            out.push(' ');
        } else if unsafe_char(c) {
            // Control, invisible and layout-changing characters are dropped.
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn wrap_never_splits_a_number_and_keeps_to_the_width() {
        let s =
            "勾稽关系不平：自然人一列本年新收 12345 + 上年结转 0 = 12345，办理结果总计 12340 + 结转下年度 0 = 12340";
        for width in 8..40 {
            let lines = wrap(s, width, 2);
            for l in &lines {
                assert!(l.width() <= width, "{width}: {l}");
            }
            let joined: String = lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
            for n in ["12345", "12340"] {
                assert!(lines.iter().any(|l| l.contains(n)), "{width}: {joined}");
            }
        }
        assert_eq!(wrap("", 10, 2), vec![String::new()]);
        assert_eq!(shorten_left("/a/b/c/report.html", 12), "…report.html");
        assert_eq!(shorten_left("short", 12), "short");
    }

    use super::*;

    #[test]
    fn widths_in_cells() {
        assert_eq!(fit("法律服务机构", 7), "法律服…");
        assert_eq!(pad("规章", 6), "规章  ");
        assert_eq!(rpad("12", 4), "  12");
        assert_eq!(fit("abc", 3), "abc");
    }

    #[test]
    fn sanitize_strips_escapes() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(sanitize("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(sanitize("t\tab\u{0}z\u{202e}"), "t abz");
        // Invisible and layout-changing characters (they shifted the explorer's columns).
        assert_eq!(
            sanitize("a\u{2028}b\u{2029}c\u{2060}d\u{feff}e\u{ad}f\u{61c}g\u{3164}h\u{fe0f}i\u{e0041}j\u{9b}k"),
            "a b cdefghijk"
        );
        // Visible text is kept: Chinese, full-width forms, the ideographic space.
        assert_eq!(sanitize("开原市（２０２３）　年报"), "开原市（２０２３）　年报");
    }

    /// The fast search finds what testing every character finds, wherever it is: in and out
    /// of 16-byte runs of printable ASCII, after Chinese text, at the very end.
    #[test]
    fn the_fast_search_finds_what_every_character_finds() {
        let specials = [
            "\u{0}",
            "\u{1b}",
            "\u{7f}",
            "\u{80}",
            "\u{9b}",
            "\u{ad}",
            "\u{34f}",
            "\u{61c}",
            "\u{115f}",
            "\u{180e}",
            "\u{200b}",
            "\u{2028}",
            "\u{2029}",
            "\u{202e}",
            "\u{2066}",
            "\u{3164}",
            "\u{fe0f}",
            "\u{feff}",
            "\u{ffa0}",
            "\u{fffb}",
            "\u{e0041}",
            "\u{e01ef}",
        ];
        let plain = [
            "a",
            "\n",
            "\t",
            "\r",
            "开",
            "（",
            "　",
            "“",
            "\u{3000}",
            "\u{ff0c}",
            "\u{1f600}",
            "é",
            "\u{2030}",
        ];
        for lead in 0..40 {
            for tail in ["", "x", "开原市", "0123456789abcdefghij"] {
                for sp in specials.iter().chain(plain.iter()) {
                    let mut t = String::new();
                    for k in 0..lead {
                        t.push_str(plain.get(k % 3).copied().unwrap_or("a"));
                        if k % 7 == 6 {
                            t.push_str("abcdefghijklmnopq");
                        }
                    }
                    t.push_str(sp);
                    t.push_str(tail);
                    let slow = t.char_indices().find(|&(_, c)| to_escape(c)).map(|(i, _)| i);
                    assert_eq!(first_to_escape(&t), slow, "{t:?}");
                }
            }
        }
    }

    #[test]
    fn json_escapes_what_sanitize_would_drop() {
        let json = serde_json::to_string("a\u{9b}b\u{202e}c\u{e0041}d\u{1b}e\n").unwrap_or_default();
        let safe = json_escape_unsafe(json);
        assert_eq!(safe, r#""a\u009bb\u202ec\udb40\udc41d\u001be\n""#);
        assert_eq!(
            serde_json::from_str::<String>(&safe).ok().as_deref(),
            Some("a\u{9b}b\u{202e}c\u{e0041}d\u{1b}e\n")
        );
    }
}
