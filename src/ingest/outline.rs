//! The format's six numbered sections (format-spec §1) as a report prints them: which headings
//! are there and in what order, and a sketch of each narrative section's prose (一, 五, 六) for
//! the copied-text rule (`xy_copied_prose`).
//!
//! A heading is `一、` … `六、` followed by its title, variants tolerated (和/及, 总体公开情况,
//! 存在问题); a heading whose numeral the scraper dropped (`、其他需要报告事项`) counts only at
//! the start of a line, so the table of contents in a report's first sentence is not taken for
//! headings. Headings are looked for in order, each after the one before; one found only
//! before its predecessor is recorded where it is, so the rule can say the order is wrong.

use std::ops::Range;

use super::pattern::{Class, MANY, N, Pat, WS, lazy, run};
use super::sections::Sections;
use crate::model::{EMPTY_BIN, SKETCH_BINS, Section};

/// Not `。` nor a line break.
const IN_LINE: Class = Class::not("。\n");
/// The numeral's place: `一` (or the section's numeral), or a line start with only spaces
/// before the `、` (a scraper that dropped the numeral).
macro_rules! numbered {
    ($n:literal) => {
        N::Alt(&[&[N::Lit($n)], &[N::Bol, run(Class::of(" \t"), 0, MANY)]])
    };
}

/// Each heading's numeral, as [`HEADINGS`] begin.
const NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

/// The six section headings, variants included (folded text), each `(?:{n}|(?m:^)[ \t]*)、\s*(?:{title})`.
static HEADINGS: [Pat; 6] = [
    Pat::new(
        r"(?:一|(?m:^)[ \t]*)、\s*(?:总体(?:公开|工作)?情况|概述|基本情况)",
        &[
            numbered!("一"),
            N::Lit("、"),
            WS,
            N::Alt(&[
                &[N::Lit("总体"), N::Opt(&[N::Any(&["公开", "工作"])]), N::Lit("情况")],
                &[N::Lit("概述")],
                &[N::Lit("基本情况")],
            ]),
        ],
    ),
    Pat::new(
        r"(?:二|(?m:^)[ \t]*)、\s*(?:主动公开(?:政府)?信息(?:的)?情况|主动公开情况)",
        &[
            numbered!("二"),
            N::Lit("、"),
            WS,
            N::Alt(&[
                &[
                    N::Lit("主动公开"),
                    N::Opt(&[N::Lit("政府")]),
                    N::Lit("信息"),
                    N::Opt(&[N::Lit("的")]),
                    N::Lit("情况"),
                ],
                &[N::Lit("主动公开情况")],
            ]),
        ],
    ),
    Pat::new(
        r"(?:三|(?m:^)[ \t]*)、\s*(?:收到(?:和|及|与)处理(?:政府信息公开)?申请|依申请公开(?:政府信息)?(?:的)?情况)",
        &[
            numbered!("三"),
            N::Lit("、"),
            WS,
            N::Alt(&[
                &[
                    N::Lit("收到"),
                    N::Any(&["和", "及", "与"]),
                    N::Lit("处理"),
                    N::Opt(&[N::Lit("政府信息公开")]),
                    N::Lit("申请"),
                ],
                &[
                    N::Lit("依申请公开"),
                    N::Opt(&[N::Lit("政府信息")]),
                    N::Opt(&[N::Lit("的")]),
                    N::Lit("情况"),
                ],
            ]),
        ],
    ),
    Pat::new(
        r"(?:四|(?m:^)[ \t]*)、\s*(?:[^。\n]{0,16}?复议[^。\n]{0,10}?诉讼)",
        &[
            numbered!("四"),
            N::Lit("、"),
            WS,
            lazy(IN_LINE, 0, 16),
            N::Lit("复议"),
            lazy(IN_LINE, 0, 10),
            N::Lit("诉讼"),
        ],
    ),
    Pat::new(
        r"(?:五|(?m:^)[ \t]*)、\s*(?:[^。\n]{0,14}?(?:存在的?主要问题|存在的?问题|问题)(?:(?:及|和|与)(?:其?改进|整改)(?:措施|情况|方向)?)?)",
        &[
            numbered!("五"),
            N::Lit("、"),
            WS,
            lazy(IN_LINE, 0, 14),
            N::Alt(&[
                &[N::Lit("存在"), N::Opt(&[N::Lit("的")]), N::Lit("主要问题")],
                &[N::Lit("存在"), N::Opt(&[N::Lit("的")]), N::Lit("问题")],
                &[N::Lit("问题")],
            ]),
            N::Opt(&[
                N::Any(&["及", "和", "与"]),
                N::Alt(&[&[N::Opt(&[N::Lit("其")]), N::Lit("改进")], &[N::Lit("整改")]]),
                N::Opt(&[N::Any(&["措施", "情况", "方向"])]),
            ]),
        ],
    ),
    Pat::new(
        r"(?:六|(?m:^)[ \t]*)、\s*(?:其他需要报告的?事项)",
        &[
            numbered!("六"),
            N::Lit("、"),
            WS,
            N::Lit("其他需要报告"),
            N::Opt(&[N::Lit("的")]),
            N::Lit("事项"),
        ],
    ),
];

/// Text that ends a report's last section: the web page's or the attachment's furniture.
static FOOTER: Pat = Pat::new(
    r"附件下载|相关附件|网站标识码|主办单位|版权所有|ICP备|扫一扫|打印本页|关闭窗口|分享到|回到顶部",
    &[N::Any(&[
        "附件下载",
        "相关附件",
        "网站标识码",
        "主办单位",
        "版权所有",
        "ICP备",
        "扫一扫",
        "打印本页",
        "关闭窗口",
        "分享到",
        "回到顶部",
    ])],
);

/// Normalised prose shorter than this gets no sketch: too little text to call it copied.
pub const SKETCH_MIN_CHARS: usize = 50;

/// The sections of a report, in document order.
pub fn outline(text: &str, secs: &Sections) -> Vec<Section> {
    let mut found: Vec<(Range<usize>, u8)> = Vec::new();
    let mut pos = 0;
    for (i, re) in HEADINGS.iter().enumerate() {
        let number = u8::try_from(i + 1).unwrap_or(0);
        let numeral = NUMERALS.get(i).copied().unwrap_or("");
        match first_heading(re, numeral, text, pos, text.len()) {
            Some(r) => {
                pos = r.end;
                found.push((r, number));
            }
            None => {
                if let Some(r) = first_heading(re, numeral, text, 0, pos) {
                    found.push((r, number));
                }
            }
        }
    }
    found.sort_by_key(|(r, _)| r.start);
    let table_starts: Vec<usize> = [&secs.t1, &secs.t2, &secs.t3]
        .iter()
        .filter_map(|r| r.as_ref().map(|r| r.start))
        .collect();
    let mut out = Vec::with_capacity(found.len());
    for (i, (r, number)) in found.iter().enumerate() {
        let next_heading = found.get(i + 1).map_or(text.len(), |(n, _)| n.start);
        let next_table = table_starts
            .iter()
            .copied()
            .filter(|&s| s >= r.end)
            .min()
            .unwrap_or(text.len());
        let mut end = next_heading.min(next_table).max(r.end);
        if i + 1 == found.len()
            && let Some(f) = text.get(r.end..end).and_then(|t| FOOTER.find(t))
        {
            end = r.end + f.start();
        }
        let prose = text.get(r.end..end).unwrap_or("");
        let norm = normalise(prose);
        let narrative = matches!(number, 1 | 5 | 6);
        out.push(Section {
            number: *number,
            heading: heading_text(text, r),
            chars: u32::try_from(norm.len()).unwrap_or(u32::MAX),
            sketch: if narrative && norm.len() >= SKETCH_MIN_CHARS {
                sketch(&norm)
            } else {
                String::new()
            },
        });
    }
    out
}

/// The first match of a heading pattern in `text[from..to]` that is not an item of a list
/// (`本报告由总体情况、主动公开政府信息情况、…组成`: a title followed by `、`, `，` or `等`).
///
/// Every match holds a `、` right after its numeral, or after a line start and spaces: the
/// pattern is tried only there, at each `、` in turn, as its own search would meet them
/// ([`first_heading_by_search`] is the specification).
fn first_heading(re: &Pat, numeral: &str, text: &str, from: usize, to: usize) -> Option<Range<usize>> {
    let hay = text.get(from..to)?;
    let mut last_end = 0;
    for (p, _) in hay.match_indices('、') {
        let before = hay.get(..p).unwrap_or("");
        let start = if before.ends_with(numeral) {
            p - numeral.len()
        } else {
            // Only spaces back to a line start (or the start of the searched text).
            let line = before.trim_end_matches([' ', '\t']).len();
            if line > 0 && !before.get(..line).is_some_and(|b| b.ends_with('\n')) {
                continue;
            }
            line
        };
        // A search goes on after the end of the match before (taken or not).
        if start < last_end {
            continue;
        }
        let Some(end) = re.match_at(hay, start) else { continue };
        last_end = end;
        let r = from + start..from + end;
        if !is_list_item(text, &r) {
            return Some(r);
        }
    }
    None
}

/// A heading's title followed by `、`, `，`, `等` (or, numeral dropped, by 及/和): an item of a
/// list of titles, not a heading.
fn is_list_item(text: &str, r: &Range<usize>) -> bool {
    let after = text.get(r.end..).unwrap_or("");
    let after = after
        .strip_prefix("的情况")
        .or_else(|| after.strip_prefix("情况"))
        .unwrap_or(after);
    let after = after.trim_start_matches([' ', '\t']);
    // Without its numeral a heading is also not one joined to the next title by 及/和.
    let bare = text.get(r.clone()).is_some_and(|m| m.trim_start().starts_with('、'));
    after.starts_with(['、', '，', ',', '等']) || bare && after.starts_with(['及', '和'])
}

/// [`first_heading`] as the pattern's own search finds it: its specification.
#[cfg(test)]
fn first_heading_by_search(re: &Pat, text: &str, from: usize, to: usize) -> Option<Range<usize>> {
    let hay = text.get(from..to)?;
    re.find_iter(hay)
        .map(|m| from + m.start()..from + m.end())
        .find(|r| !is_list_item(text, r))
}

/// The heading as printed: the match, and the rest of its title up to `情况`/`事项` when that
/// follows closely on the same line; at most 40 characters, spaces collapsed.
fn heading_text(text: &str, r: &Range<usize>) -> String {
    let mut end = r.end;
    let whole = text
        .get(r.clone())
        .is_some_and(|m| m.ends_with("情况") || m.ends_with("事项"));
    if !whole && let Some(rest) = text.get(r.end..) {
        let line: String = rest.chars().take_while(|&c| c != '\n' && c != '。').take(12).collect();
        for word in ["情况", "事项"] {
            if let Some(i) = line.find(word) {
                end = r.end + i + word.len();
                break;
            }
        }
    }
    let raw = text.get(r.start..end).unwrap_or("");
    raw.chars()
        .filter(|&c| !c.is_whitespace() && !crate::text::unsafe_char(c))
        .take(40)
        .collect()
}

/// Letters and ideographs of a text, lower-cased; a run of digits becomes one `0` (this year's
/// figures in last year's sentences are still last year's sentences).
pub fn normalise(s: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len() / 3);
    let mut digits = false;
    for c in s.chars() {
        if c.is_ascii_digit() {
            if !digits {
                out.push('0');
                digits = true;
            }
            continue;
        }
        digits = false;
        // The common ideographs first: the general test searches Unicode's tables.
        if is_common_ideograph(c) || c.is_alphabetic() {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// CJK Unified Ideographs and their Extension A: every one is alphabetic (tested).
fn is_common_ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One-permutation MinHash of the text's character 4-grams: each 4-gram is hashed once, its
/// top 6 bits choose a bin, and each bin keeps its least hash, one byte of it in the sketch
/// ([`EMPTY_BIN`] for a bin no 4-gram fell into). Stable across builds and machines.
pub fn sketch(norm: &[char]) -> String {
    let mut mins = [u64::MAX; SKETCH_BINS];
    for w in norm.windows(4) {
        let mut h: u64 = 0xCBF2_9CE4_8422_2325;
        for &c in w {
            h = (h ^ u64::from(u32::from(c))).wrapping_mul(0x0100_0000_01B3);
        }
        let h = mix(h);
        let bin = usize::try_from(h >> 58).unwrap_or(0);
        let rest = h & ((1 << 58) - 1);
        if let Some(m) = mins.get_mut(bin) {
            *m = (*m).min(rest);
        }
    }
    let mut out = String::with_capacity(SKETCH_BINS * 2);
    for m in mins {
        let b = if m == u64::MAX {
            EMPTY_BIN
        } else {
            u8::try_from(m % 255).unwrap_or(0)
        };
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// This module's patterns, for the tests that hold them to their regexes.
#[cfg(test)]
pub(crate) fn patterns() -> Vec<&'static Pat> {
    HEADINGS.iter().chain([&FOOTER]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`first_heading`] against its specification over `text`, whole and in parts.
    fn same_headings(text: &str) {
        let cuts: Vec<usize> = [0, text.len() / 3, text.len() / 2, text.len()]
            .into_iter()
            .map(|mut c| {
                while !text.is_char_boundary(c) {
                    c -= 1;
                }
                c
            })
            .collect();
        for (re, numeral) in HEADINGS.iter().zip(NUMERALS) {
            for &from in &cuts {
                for &to in cuts.iter().filter(|&&to| to >= from) {
                    assert_eq!(
                        first_heading(re, numeral, text, from, to),
                        first_heading_by_search(re, text, from, to),
                        "{numeral} in {from}..{to} of {text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn headings_are_found_as_the_patterns_search_finds_them() {
        let texts = crate::ingest::pattern::oracle::texts();
        assert!(texts.len() > 20, "{}", texts.len());
        for t in &texts {
            same_headings(t);
        }
        let words: [&str; 26] = [
            "、",
            "一",
            "二",
            "三",
            "四",
            "五",
            "六",
            "\n",
            " ",
            "\t",
            "　",
            "总体情况",
            "概述",
            "主动公开情况",
            "主动公开政府信息的情况",
            "收到和处理政府信息公开申请情况",
            "存在的主要问题",
            "及",
            "和",
            "等",
            "，",
            "的情况",
            "其他需要报告事项",
            "改进情况",
            "x",
            "。",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..30_000 {
            let mut t = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = 1 + seed % 14;
            for _ in 0..n {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let pick = usize::try_from(seed % 26).unwrap_or(0);
                t.push_str(words.get(pick).copied().unwrap_or(""));
            }
            same_headings(&t);
        }
    }

    #[test]
    fn the_common_ideographs_are_alphabetic() {
        for c in ('\u{3000}'..='\u{A000}').filter(|&c| is_common_ideograph(c)) {
            assert!(c.is_alphabetic(), "{:X}", u32::from(c));
        }
    }

    #[test]
    fn the_patterns_are_their_regexes_on_every_real_report() {
        let texts = crate::ingest::pattern::oracle::texts();
        for p in patterns() {
            crate::ingest::pattern::oracle::agree(p, &texts);
        }
    }

    fn numbers(t: &str) -> Vec<u8> {
        outline(t, &Sections::default()).iter().map(|s| s.number).collect()
    }

    #[test]
    fn finds_the_six_headings_with_variants_and_not_the_table_of_contents() {
        let t = "本报告由总体情况、主动公开政府信息情况、其他需要报告的事项等组成。\n、主动公开政府信息情况、\n一、\n总体公开情况\n正文\n\
                 二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n三、本年度办理结果\n\
                 四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题和改进情况\n正文\n、其他需要报告事项\n无。";
        let s = outline(t, &Sections::default());
        assert_eq!(s.iter().map(|s| s.number).collect::<Vec<_>>(), vec![1, 2, 3, 4, 5, 6]);
        assert_eq!(s.first().map(|s| s.heading.as_str()), Some("一、总体公开情况"), "{s:?}");
        assert_eq!(s.last().map(|s| s.heading.as_str()), Some("、其他需要报告事项"));
        assert_eq!(
            s.get(4).map(|s| s.heading.as_str()),
            Some("五、存在的主要问题和改进情况")
        );
    }

    #[test]
    fn a_missing_section_is_absent_and_one_out_of_order_is_where_it_is() {
        assert_eq!(
            numbers("一、总体情况\n二、主动公开政府信息情况\n六、其他需要报告的事项\n"),
            vec![1, 2, 6]
        );
        assert_eq!(
            numbers("一、总体情况\n六、其他需要报告的事项\n五、存在的主要问题及改进情况\n"),
            vec![1, 6, 5]
        );
    }

    #[test]
    fn sketches_agree_on_copies_and_not_on_other_text() {
        let a = "本机关坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，\
                 围绕中心工作，进一步加大主动公开力度，规范依申请公开办理，强化平台建设和监督保障，全年主动公开政府信息1234条。";
        let b = a.replace("1234", "987");
        let c = "今年我们在乡村振兴、营商环境、食品安全、生态环境保护、安全生产等重点领域深化信息公开，开展政策解读二十余次，\
                 组织政务开放日活动三场，邀请人大代表、政协委员和群众代表走进机关，听取意见建议并逐条反馈办理情况和结果。";
        let sec = |t: &str| Section {
            number: 1,
            heading: String::new(),
            chars: 0,
            sketch: sketch(&normalise(t)),
        };
        assert_eq!(sec(a).similarity(&sec(&b)), Some(1.0));
        assert!(sec(a).similarity(&sec(c)).is_some_and(|s| s < 0.2));
        let half = format!("{}{c}", a.chars().take(a.chars().count() / 2).collect::<String>());
        let s = sec(a).similarity(&sec(&half)).unwrap_or(0.0);
        assert!(s > 0.1 && s < 0.8, "{s}");
    }
}
