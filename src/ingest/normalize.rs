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
    let mut from = 0;
    for (i, c) in s.char_indices() {
        // ASCII printable and ideographs fold to themselves: skip the table.
        if (' '..='~').contains(&c) || ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            continue;
        }
        let f = if c == '\n' { ' ' } else { fold_char(c) };
        if f != c {
            out.push_str(s.get(from..i).unwrap_or(""));
            out.push(f);
            from = i + c.len_utf8();
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
