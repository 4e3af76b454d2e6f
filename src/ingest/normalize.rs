//! Character-level normalisation (format-spec §7.1), one char in, one char out.
//!
//! Folding maps every char to exactly one char, so an offset in folded text is the same char
//! offset in the raw text and the raw cell text can always be recovered for provenance.

/// Folds one char: full-width ASCII to ASCII (`（）：，` and digits), every kind of space,
/// zero-width and control char to a plain space. Everything else is kept.
pub fn fold_char(c: char) -> char {
    match c {
        '\n' => '\n',
        // Full-width ASCII block.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}'
        | '\u{00A0}'
        | '\u{2000}'..='\u{200F}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{FEFF}'
        | '\u{2060}' => ' ',
        c if c.is_control() => ' ',
        c => c,
    }
}

/// Folds a string char by char (see [`fold_char`]).
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Normalises label text for matching: folded, whitespace and stray `?` removed, quotes unified.
pub fn label_key(s: &str) -> String {
    s.chars()
        .map(fold_char)
        .filter(|c| !c.is_whitespace() && *c != '?')
        .map(|c| match c {
            '“' | '”' | '「' | '」' | '『' | '』' | '\'' | '‘' | '’' => '"',
            '〔' => '[',
            '〕' => ']',
            c => c,
        })
        .collect()
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
    fn folds_one_to_one() {
        let s = "（一）予以公开：１２３，\u{a0}x\u{3000}y";
        let f = fold(s);
        assert_eq!(f, "(一)予以公开:123, x y");
        assert_eq!(f.chars().count(), s.chars().count());
    }

    #[test]
    fn label_keys_ignore_spacing_and_quotes() {
        assert_eq!(label_key("商业 企业"), "商业企业");
        assert_eq!(label_key("3.危及「三安全一稳定」"), "3.危及\"三安全一稳定\"");
        assert_eq!(label_key("一、总体公开情况?"), "一、总体公开情况");
    }

    #[test]
    fn sanitize_strips_escapes() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(sanitize("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(sanitize("t\tab\u{0}z\u{202e}"), "t abz");
    }
}
