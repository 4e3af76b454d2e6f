//! The matcher's own tests, and against the regex crate on generated near misses.

use super::tier::{BACK, REGEX, TRIAL, TRY_BACK, TRY_REGEX, settle};
use super::*;
use std::sync::atomic::Ordering;

static HEADING: Pat = Pat::new(
    r"(?m)^\s*([0-9]{4})\s*年(?:度)?([^\n]{2,8}?)报告",
    &[
        N::Bol,
        WS,
        N::Cap(1, &[digits(4, 4)]),
        WS,
        N::Lit("年"),
        N::Opt(&[N::Lit("度")]),
        N::Cap(2, &[lazy(Class::not("\n"), 2, 8)]),
        N::Lit("报告"),
    ],
);
static VALUE: Pat = Pat::new(
    r"(?:增加?|减少?)?[+-]?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?",
    &[
        N::Opt(&[N::Alt(&[
            &[N::Lit("增"), N::Opt(&[N::Lit("加")])],
            &[N::Lit("减"), N::Opt(&[N::Lit("少")])],
        ])]),
        N::Opt(&[N::Any(&["+", "-"])]),
        digits(1, MANY),
        N::Rep(&[N::Lit(","), digits(3, 3)], 0, MANY),
        N::Opt(&[N::Lit("."), digits(1, MANY)]),
    ],
);
static BRACKETS: Pat = Pat::new(
    r"《[^》]*》",
    &[N::Lit("《"), run(Class::not("》"), 0, MANY), N::Lit("》")],
);
static HAN_PAREN: Pat = Pat::new(
    r"\([^()]*\p{Han}[^()]*\)",
    &[
        N::Lit("("),
        run(Class::not("()"), 0, MANY),
        run(Class::HAN, 1, 1),
        run(Class::not("()"), 0, MANY),
        N::Lit(")"),
    ],
);

fn same(p: &Pat, hay: &str) {
    let re = Regex::new(p.source()).unwrap();
    let ours: Vec<Vec<Option<(usize, usize)>>> = p
        .backtracking_iter(hay)
        .map(|c| (0..3).map(|i| c.get(i).map(|m| (m.start(), m.end()))).collect())
        .collect();
    let theirs: Vec<Vec<Option<(usize, usize)>>> = re
        .captures_iter(hay)
        .map(|c| (0..3).map(|i| c.get(i).map(|m| (m.start(), m.end()))).collect())
        .collect();
    assert_eq!(ours, theirs, "{} on {hay:?}", p.source());
}

#[test]
fn agrees_with_the_regex_crate_on_small_cases() {
    for hay in [
        "2023年度某某县报告\n 2022年 甲乙丙丁报告",
        "x2023年甲报告",
        "\n\n2021年度甲乙丙丁戊己庚辛壬癸报告 2020年乙丙报告",
        "增加1,234.5件，减少-3，+12,34,567 与 1,2345",
        "增 减少 增加 5",
        "《甲》《乙《丙》 《",
        "(第一)(12)(甲(乙)) (abc) (a甲",
        "",
    ] {
        same(&HEADING, hay);
        same(&VALUE, hay);
        same(&BRACKETS, hay);
        same(&HAN_PAREN, hay);
    }
}

#[test]
fn a_search_out_of_steps_gives_the_regex_crates_answer() {
    // 20,000 `《` with no `》`: quadratic for a backtracker, answered by the fallback.
    let hay = format!("{}》末", "《".repeat(20_000));
    let t = std::time::Instant::now();
    let m = BRACKETS.find(&hay).map(|m| m.range());
    assert_eq!(m, Some(0..hay.len() - "末".len()));
    let hay = "《".repeat(20_000);
    assert!(BRACKETS.find(&hay).is_none());
    // Not a timing test: the bound is loose (quadratic would take minutes).
    assert!(t.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn a_hot_pattern_answers_as_before_through_the_regex() {
    static P: Pat = Pat::new(
        r"(?m)^\s*([0-9]{4})\s*年(?:度)?([^\n]{2,8}?)报告",
        &[
            N::Bol,
            WS,
            N::Cap(1, &[digits(4, 4)]),
            WS,
            N::Lit("年"),
            N::Opt(&[N::Lit("度")]),
            N::Cap(2, &[lazy(Class::not("\n"), 2, 8)]),
            N::Lit("报告"),
        ],
    );
    let hay = "2023年度某某县报告\n 2022年 甲乙丙丁报告\n2021年甲报告";
    let answers = || {
        let all: Vec<_> = P
            .captures_iter(hay)
            .map(|c| (0..3).map(|i| c.get(i).map(|m| m.range())).collect::<Vec<_>>())
            .collect();
        let spans: Vec<_> = P.find_iter(hay).map(|m| m.range()).collect();
        let first = P.find(hay).map(|m| m.range());
        let second = P.captures_at(hay, 1).and_then(|c| c.get(1)).map(|m| m.as_str());
        (all, spans, first, second, P.is_match(hay), P.is_match("报告"))
    };
    let cold = answers();
    assert_eq!(cold.0.len(), 2);
    assert_eq!(cold.1, cold.0.iter().filter_map(|c| c[0].clone()).collect::<Vec<_>>());
    assert_eq!(cold.2, cold.0[0][0].clone());
    assert_eq!(cold.3, Some("2022"));
    assert!(cold.4 && !cold.5);
    assert!(P.fallback.get().is_none(), "not compiled for a small text");
    // Past the first trial, the regex is compiled and tried; past the second, one is kept.
    let big = "甲".repeat(usize::try_from(TRIAL).unwrap_or(0) / 3 + 1);
    assert!(P.find(&big).is_none());
    assert_eq!(P.tier.state.load(Ordering::Relaxed), TRY_BACK);
    assert!(P.fallback.get().is_none(), "not compiled before its trial");
    assert!(P.find(&big).is_none());
    assert_eq!(P.tier.state.load(Ordering::Relaxed), TRY_REGEX);
    assert_eq!(answers(), cold);
    assert!(P.fallback.get().is_some(), "compiled for its trial");
    assert!(P.find(&big).is_none());
    assert!(matches!(P.tier.state.load(Ordering::Relaxed), BACK | REGEX));
    for settled in [BACK, REGEX] {
        P.tier.state.store(settled, Ordering::Relaxed);
        assert_eq!(answers(), cold);
    }
}

#[test]
fn the_faster_engine_per_byte_is_kept() {
    // Backtracking 1 ns a byte against the regex's 2: backtracking; 3 against 2: the regex.
    assert_eq!(settle([100, 400], [100, 200]), BACK);
    assert_eq!(settle([300, 400], [100, 200]), REGEX);
    // A small gain, a tie or nothing measured keeps the regex.
    assert_eq!(settle([180, 400], [100, 200]), REGEX);
    assert_eq!(settle([200, 200], [100, 100]), REGEX);
    assert_eq!(settle([0, 0], [0, 0]), REGEX);
}

#[test]
fn han_is_the_regex_crates_han() {
    let re = Regex::new(r"\p{Han}").unwrap();
    for c in (0u32..0x40000).filter_map(char::from_u32) {
        let mut b = [0u8; 4];
        assert_eq!(is_han(c), re.is_match(c.encode_utf8(&mut b)), "{:X}", u32::from(c));
    }
}

mod random {

    //! The matcher against the regex crate on generated text: pieces of each pattern's own
    //! literals, digits, white space of several kinds and stray characters, so that near
    //! misses (a bound one past, a literal cut short, a space where a digit should be) are
    //! tried, not only what real reports happen to hold.
    use super::{N, Pat};
    use regex::Regex;

    fn all() -> Vec<&'static Pat> {
        use crate::ingest::{claims, meta, outline, pieces, scan, sections};
        [
            claims::patterns(),
            meta::patterns(),
            outline::patterns(),
            pieces::patterns(),
            sections::patterns(),
            scan::patterns(),
        ]
        .concat()
    }

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            usize::try_from(self.next() % u64::try_from(n.max(1)).unwrap_or(1)).unwrap_or(0)
        }
    }

    /// Text shaped by the pattern itself (its literals, runs near their bounds, alternatives
    /// at random), in among stray characters.
    fn shaped(ns: &[N], pool: &[char], rng: &mut Rng, out: &mut String) {
        for n in ns {
            match *n {
                N::Lit(l) => {
                    if rng.below(20) == 0 {
                        out.extend(l.chars().take(rng.below(l.chars().count())));
                    } else {
                        out.push_str(l);
                    }
                }
                N::Any(ls) => out.push_str(ls[rng.below(ls.len())]),
                N::Run(c, min, max, _) => {
                    let members: Vec<char> = pool.iter().copied().filter(|&ch| c.has(ch)).collect();
                    let min = usize::try_from(min).unwrap_or(0);
                    let max = usize::try_from(max).unwrap_or(usize::MAX).min(min + 70);
                    let mut k = min + rng.below(max - min + 1);
                    if rng.below(8) == 0 {
                        k = if rng.below(2) == 0 {
                            k.saturating_sub(1)
                        } else {
                            max + 1
                        };
                    }
                    for _ in 0..k {
                        if members.is_empty() {
                            break;
                        }
                        out.push(members[rng.below(members.len())]);
                    }
                }
                N::Opt(inner) => {
                    if rng.below(2) == 0 {
                        shaped(inner, pool, rng, out);
                    }
                }
                N::Alt(alts) => shaped(alts[rng.below(alts.len())], pool, rng, out),
                N::Cap(_, inner) => shaped(inner, pool, rng, out),
                N::Rep(inner, min, _) => {
                    for _ in 0..usize::try_from(min).unwrap_or(0) + rng.below(4) {
                        shaped(inner, pool, rng, out);
                    }
                }
                N::Bol | N::Eol => {
                    if rng.below(2) == 0 {
                        out.push('\n');
                    }
                }
                N::Start | N::End => {}
            }
        }
    }

    #[test]
    fn agrees_with_the_regex_crate_on_generated_near_misses() {
        let extra: Vec<char> = "0123456789 \t\n\u{3000}\u{a0}甲乙,，。；;:|()（）《》、-—/.年月日件xX"
            .chars()
            .collect();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let pats = all();
        assert!(pats.len() >= 40, "{} patterns", pats.len());
        let mut unmatched = Vec::new();
        for pat in pats {
            let re = Regex::new(pat.source()).expect("a pattern's source is a regex");
            let pool: Vec<char> = pat.source().chars().chain(extra.iter().copied()).collect();
            let mut matched = 0;
            for _ in 0..2000 {
                let mut t = String::new();
                for _ in 0..1 + rng.below(3) {
                    for _ in 0..rng.below(4) {
                        t.push(pool[rng.below(pool.len())]);
                    }
                    shaped(pat.nodes, &pool, &mut rng, &mut t);
                }
                // A stray edit: a character dropped, doubled or replaced.
                if rng.below(3) == 0 {
                    let cs: Vec<(usize, char)> = t.char_indices().collect();
                    if let Some(&(i, c)) = cs.get(rng.below(cs.len())) {
                        let with = pool[rng.below(pool.len())];
                        match rng.below(3) {
                            0 => t.replace_range(i..i + c.len_utf8(), ""),
                            1 => t.insert(i, c),
                            _ => t.replace_range(i..i + c.len_utf8(), with.encode_utf8(&mut [0; 4])),
                        }
                    }
                }
                let ours: Vec<Vec<Option<(usize, usize)>>> = pat
                    .backtracking_iter(&t)
                    .map(|c| (0..5).map(|i| c.get(i).map(|m| (m.start(), m.end()))).collect())
                    .collect();
                let theirs: Vec<Vec<Option<(usize, usize)>>> = re
                    .captures_iter(&t)
                    .map(|c| (0..5).map(|i| c.get(i).map(|m| (m.start(), m.end()))).collect())
                    .collect();
                assert_eq!(ours, theirs, "pattern {} on {t:?}", pat.source());
                matched += theirs.len();
            }
            if matched < 100 {
                unmatched.push((pat.source(), matched));
            }
        }
        // Every pattern met matches, not only misses.
        assert!(unmatched.is_empty(), "{unmatched:?}");
    }
}
