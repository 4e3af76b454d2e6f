//! Searches written out as byte scans: the most-run searches of ingest, each held equal to the
//! pattern that specifies it (leftmost-first, as the regex crate answers) by the tests below, on
//! every real text held and on generated strings.

#[cfg(test)]
use super::pattern::{Class, MANY, N, Pat, digits, run};

/// The figures of a word, as `(start, end)` byte spans, non-overlapping, left to right: each is
/// the leftmost-first match of `VALUE_RE` (held equal to it by the tests on every real word).
/// Written out because it is the most-run search of ingest (~11% of a real report's time through
/// the regex crate): a figure is a digit run, extended back over a sign and a `增(加)`/`减(少)`
/// and forward over `,ddd` groups, a decimal part and a unit.
pub(super) fn figures(word: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = word.as_bytes();
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let d = at + b.get(at..)?.iter().position(u8::is_ascii_digit)?;
        // Back: the sign, then the longest of 增加 / 增 / 减少 / 减, never before `at`.
        let mut s = d;
        if s > at && matches!(b.get(s - 1), Some(b'+' | b'-')) {
            s -= 1;
        }
        let ends = |s: usize, w: &str| s >= at + w.len() && b.get(s - w.len()..s) == Some(w.as_bytes());
        for w in ["增加", "减少", "增", "减"] {
            if ends(s, w) {
                s -= w.len();
                break;
            }
        }
        // Forward: greedy digits, `,ddd` groups, `.d+`, a unit.
        let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
        let mut e = d;
        while digit(e) {
            e += 1;
        }
        while b.get(e) == Some(&b',') && digit(e + 1) && digit(e + 2) && digit(e + 3) {
            e += 4;
        }
        if b.get(e) == Some(&b'.') && digit(e + 1) {
            e += 1;
            while digit(e) {
                e += 1;
            }
        }
        if let Some(u) = ["万元", "元", "件", "项", "个"]
            .iter()
            .find(|u| b.get(e..e + u.len()) == Some(u.as_bytes()))
        {
            e += u.len();
        }
        at = e;
        Some((s, e))
    })
}

/// A figure with what may come with it: `增加12`, `-3`, `1,234.5`, `20万元`, `7件`. The
/// specification of [`figures`], which is what ingest runs.
#[cfg(test)]
static VALUE_RE: Pat = Pat::new(
    r"(?:增加?|减少?)?[+-]?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?:万元|元|件|项|个)?",
    &[
        N::Opt(&[N::Alt(&[
            &[N::Lit("增"), N::Opt(&[N::Lit("加")])],
            &[N::Lit("减"), N::Opt(&[N::Lit("少")])],
        ])]),
        N::Opt(&[N::Any(&["+", "-"])]),
        digits(1, MANY),
        N::Rep(&[N::Lit(","), digits(3, 3)], 0, MANY),
        N::Opt(&[N::Lit("."), digits(1, MANY)]),
        N::Opt(&[N::Any(&["万元", "元", "件", "项", "个"])]),
    ],
);
/// The spans of a piece's text whose numbers are part of a label, not figures: `(二)`, `(3)`,
/// `《条例》`, `第二十条`. Each is the leftmost-first match of `PROTECTED_RE` (held equal to it
/// by the tests on every real text), written out: a parenthesis to the first parenthesis after
/// it when that closes it and holds a Han char, `(` one or two digits `)`, `《` to the first `》`,
/// `第` digits and one of `条项款`.
pub(super) fn protected(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0usize;
    while let Some(i) = b
        .get(at..)
        .and_then(|r| r.iter().position(|&x| matches!(x, b'(' | 0xE3 | 0xE7)))
    {
        let i = at + i;
        let rest = text.get(i..).unwrap_or("");
        let end = if rest.starts_with('(') {
            let inner = rest.get(1..).unwrap_or("");
            let digits = inner.bytes().take(2).take_while(u8::is_ascii_digit).count();
            match inner.find(['(', ')']) {
                Some(j)
                    if inner.as_bytes().get(j) == Some(&b')')
                        && inner.get(..j).is_some_and(|x| x.chars().any(super::pattern::is_han)) =>
                {
                    Some(i + 1 + j + 1)
                }
                _ if digits > 0 && inner.as_bytes().get(digits) == Some(&b')') => Some(i + 1 + digits + 1),
                _ => None,
            }
        } else if let Some(inner) = rest.strip_prefix('《') {
            inner.find('》').map(|j| i + '《'.len_utf8() + j + '》'.len_utf8())
        } else if let Some(inner) = rest.strip_prefix('第') {
            let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
            let after = inner.get(digits..).unwrap_or("");
            (digits > 0 && after.starts_with(['条', '项', '款']))
                .then(|| i + '第'.len_utf8() + digits + '条'.len_utf8())
        } else {
            None
        };
        match end {
            Some(e) => {
                out.push((i, e));
                at = e;
            }
            None => at = i + 1,
        }
    }
    out
}

/// Numbers that are part of a label, not figures: `(二)`, `(3)`, `《条例》`, `第二十条`. The
/// specification of [`protected`], which is what ingest runs.
#[cfg(test)]
static PROTECTED_RE: Pat = Pat::new(
    r"\([^()]*\p{Han}[^()]*\)|\([0-9]{1,2}\)|《[^》]*》|第[0-9]+[条项款]",
    &[N::Alt(&[
        &[
            N::Lit("("),
            run(Class::not("()"), 0, MANY),
            run(Class::HAN, 1, 1),
            run(Class::not("()"), 0, MANY),
            N::Lit(")"),
        ],
        &[N::Lit("("), digits(1, 2), N::Lit(")")],
        &[N::Lit("《"), run(Class::not("》"), 0, MANY), N::Lit("》")],
        &[N::Lit("第"), digits(1, MANY), run(Class::of("条项款"), 1, 1)],
    ])],
);

/// The words of a text split on white space (`char::is_whitespace`), as byte spans. Only the
/// lead bytes of white space chars beyond ASCII (U+0085…U+3000) are decoded.
pub(super) fn words(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut start) = (0usize, None::<usize>);
    while let Some(&x) = b.get(i) {
        let (space, len) = match x {
            b'\t'..=b'\r' | b' ' => (true, 1),
            0xC2 | 0xE1 | 0xE2 | 0xE3 => match text.get(i..).and_then(|r| r.chars().next()) {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => (false, 1),
            },
            _ => (false, 1),
        };
        if space {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
        i += len;
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// This module's patterns, for the tests that hold them to their regexes.
#[cfg(test)]
pub(crate) fn patterns() -> Vec<&'static Pat> {
    vec![&VALUE_RE, &PROTECTED_RE]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_regex(word: &str) -> Vec<(usize, usize)> {
        VALUE_RE.find_iter(word).map(|m| (m.start(), m.end())).collect()
    }

    #[test]
    fn the_patterns_are_their_regexes_on_every_real_report() {
        let texts = crate::ingest::pattern::oracle::texts();
        for p in patterns() {
            crate::ingest::pattern::oracle::agree(p, &texts);
        }
    }
    #[test]
    fn figures_are_the_value_pattern_on_every_real_word() {
        let texts = crate::ingest::pattern::oracle::texts();
        let mut words = 0;
        for text in &texts {
            // Whole lines too: spans far from the start, runs of several figures.
            for w in text.split_whitespace().chain(text.lines()) {
                assert_eq!(figures(w).collect::<Vec<_>>(), by_regex(w), "{w:?}");
                words += 1;
            }
        }
        assert!(words > 10_000, "{words} words");
    }

    #[test]
    fn figures_are_the_value_pattern_on_generated_words() {
        // Every string over the pattern's own alphabet, up to length 5, then random longer ones.
        let alphabet = [
            "1", "0", ",", ".", "+", "-", "增", "加", "减", "少", "万", "元", "件", "项", "个", "x",
        ];
        let mut words = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..5 {
            words = words
                .iter()
                .flat_map(|w| alphabet.iter().map(move |a| format!("{w}{a}")))
                .collect();
            all.extend(words.iter().cloned());
        }
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..200_000 {
            let mut w = String::new();
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                w.push_str(alphabet.get((seed % 16) as usize).unwrap_or(&"1"));
            }
            all.push(w);
        }
        for w in &all {
            assert_eq!(figures(w).collect::<Vec<_>>(), by_regex(w), "{w:?}");
        }
    }

    #[test]
    fn protected_spans_are_their_pattern() {
        let by_regex =
            |t: &str| -> Vec<(usize, usize)> { PROTECTED_RE.find_iter(t).map(|m| (m.start(), m.end())).collect() };
        let texts = crate::ingest::pattern::oracle::texts();
        for text in &texts {
            for t in text.lines().chain([text.as_str()]) {
                assert_eq!(protected(t), by_regex(t), "{t:?}");
            }
        }
        let alphabet = [
            "(", ")", "1", "2", "中", "x", "《", "》", "第", "条", "款", " ", "〇", "\n",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..300_000 {
            let mut t = String::new();
            for _ in 0..(seed % 20) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push_str(alphabet.get((seed % 14) as usize).unwrap_or(&"x"));
            }
            assert_eq!(protected(&t), by_regex(&t), "{t:?}");
        }
    }

    #[test]
    fn words_split_on_every_white_space() {
        let by_chars = |t: &str| -> Vec<(usize, usize)> {
            let mut out = Vec::new();
            let mut start = None;
            for (i, c) in t.char_indices() {
                if c.is_whitespace() {
                    if let Some(s) = start.take() {
                        out.push((s, i));
                    }
                } else if start.is_none() {
                    start = Some(i);
                }
            }
            if let Some(s) = start {
                out.push((s, t.len()));
            }
            out
        };
        let mut samples: Vec<String> = crate::ingest::pattern::oracle::texts();
        // Every white space char of Unicode, and chars sharing their lead bytes.
        let mut all = String::new();
        for c in (0u32..0x3100).filter_map(char::from_u32) {
            all.push(c);
            all.push('字');
        }
        samples.push(all);
        for t in &samples {
            assert_eq!(words(t), by_chars(t));
        }
    }
}
