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

/// Removes control characters and terminal escape sequences from untrusted text before it is
/// shown anywhere (terminal, TSV). Tabs and newlines become spaces.
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
        if c == '\t' || c == '\n' || c == '\r' {
            out.push(' ');
        } else if c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        {
            // Control chars and bidi overrides are dropped.
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
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
    }
}
