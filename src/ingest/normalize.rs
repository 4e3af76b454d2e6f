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
#[cfg(test)]
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Appends `s` folded (see [`fold_char`]) to `out`, with `'\n'` as a space: a piece's text.
/// Runs of chars that fold to themselves (nearly all of a report) are copied whole. Returns
/// whether any char changed.
pub fn fold_line_into(s: &str, out: &mut String) -> bool {
    let bytes = s.as_bytes();
    let mut from = 0;
    let mut at = 0;
    // Only these bytes start a char that may fold: ASCII controls, and the lead bytes of
    // U+0080–U+00BF (C1 controls, no-break space), U+2000–U+2FFF (spaces, separators),
    // U+3000–U+3FFF (ideographic space) and U+F000–U+FFFF (full-width forms, BOM). The rest
    // (ASCII printable, ideographs, continuation bytes) is skipped byte by byte.
    while let Some(i) = bytes.get(at..).and_then(|b| {
        b.iter()
            .position(|&x| x < 0x20 || x == 0x7F || matches!(x, 0xC2 | 0xE2 | 0xE3 | 0xEF))
    }) {
        let i = at + i;
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        at = i + c.len_utf8();
        let f = if c == '\n' { ' ' } else { fold_char(c) };
        if f != c {
            out.push_str(s.get(from..i).unwrap_or(""));
            out.push(f);
            from = at;
        }
    }
    out.push_str(s.get(from..).unwrap_or(""));
    from > 0
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
    fn every_char_folds_in_a_line_as_it_does_alone() {
        for code in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(code) else { continue };
            let s = format!("a{c}一");
            let mut out = String::new();
            let changed = fold_line_into(&s, &mut out);
            let f = if c == '\n' { ' ' } else { fold_char(c) };
            assert_eq!(out, format!("a{f}一"), "U+{code:04X}");
            assert_eq!(changed, f != c, "U+{code:04X}");
        }
    }

    #[test]
    fn a_line_folds_as_its_chars() {
        for s in [
            "（一）予以公开：１２３，\u{a0}x\u{3000}y\n第二行\r\t",
            "",
            "abc",
            "\n\n",
            "全角ＡＢ\u{feff}",
        ] {
            let mut out = String::from("前");
            let changed = fold_line_into(s, &mut out);
            assert_eq!(out, format!("前{}", fold(s).replace('\n', " ")));
            assert_eq!(changed, out != format!("前{s}"));
        }
    }

    #[test]
    fn label_keys_ignore_spacing_and_quotes() {
        assert_eq!(label_key("商业 企业"), "商业企业");
        assert_eq!(label_key("3.危及「三安全一稳定」"), "3.危及\"三安全一稳定\"");
        assert_eq!(label_key("一、总体公开情况?"), "一、总体公开情况");
    }
}
