//! Figures stated in the prose (format-spec §4.2 W9): `收到申请774件`, `办结730件`,
//! `44件转下一年度`, `行政复议15件`, `行政诉讼5件`, `予以公开及部分公开258件`. Each claim keeps
//! the clause that states it, so a mismatch can be quoted.

use super::pattern::{Class, N, Pat, WS, digits, lazy, run};
use super::sections::Sections;
use crate::model::{Claim, ClaimTopic, Num};

/// `\s*([0-9]{1,7})\s*件`: the figure of a claim.
const NUM: N = N::Alt(&[&[WS, N::Cap(1, &[digits(1, 7)]), WS, N::Lit("件")]]);
/// Within a clause: not `。；;，,`.
const CLAUSE: Class = Class::not("。；;，,");
const RECEIVE: N = N::Any(&["收到", "受理", "接收", "接到"]);

static PATTERNS: [(ClaimTopic, Pat); 10] = [
    (
        ClaimTopic::Received,
        Pat::new(
            r"(?:收到|受理|接收|接到)[^。；;，,]{0,24}?申请[^。；;，,0-9]{0,4}?(?:共计|共|合计)?\s*([0-9]{1,7})\s*件",
            &[
                RECEIVE,
                lazy(CLAUSE, 0, 24),
                N::Lit("申请"),
                lazy(CLAUSE.digits(), 0, 4),
                N::Opt(&[N::Any(&["共计", "共", "合计"])]),
                NUM,
            ],
        ),
    ),
    (
        ClaimTopic::Received,
        Pat::new(
            r"(?:收到|受理|接收|接到)(?:各类)?\s*([0-9]{1,7})\s*件(?:政府信息公开)?申请",
            &[
                RECEIVE,
                N::Opt(&[N::Lit("各类")]),
                NUM,
                N::Opt(&[N::Lit("政府信息公开")]),
                N::Lit("申请"),
            ],
        ),
    ),
    (
        ClaimTopic::Received,
        Pat::new(
            r"(?:收到|受理)依申请公开(?:信息)?\s*([0-9]{1,7})\s*件",
            &[
                N::Any(&["收到", "受理"]),
                N::Lit("依申请公开"),
                N::Opt(&[N::Lit("信息")]),
                NUM,
            ],
        ),
    ),
    (
        ClaimTopic::Received,
        Pat::new(
            r"(?:向|提出|提交)[^。；;，,0-9]{0,6}政府信息公开申请\s*([0-9]{1,7})\s*件",
            &[
                N::Any(&["向", "提出", "提交"]),
                run(CLAUSE.digits(), 0, 6),
                N::Lit("政府信息公开申请"),
                NUM,
            ],
        ),
    ),
    (
        ClaimTopic::Completed,
        Pat::new(
            r"(?:办结|答复|办理完毕)[^。；;，,0-9]{0,16}?(?:共计|共)?\s*([0-9]{1,7})\s*件",
            &[
                N::Any(&["办结", "答复", "办理完毕"]),
                lazy(CLAUSE.digits(), 0, 16),
                N::Opt(&[N::Any(&["共计", "共"])]),
                NUM,
            ],
        ),
    ),
    (
        ClaimTopic::CarriedIn,
        Pat::new(
            r"(?:上年度?|[0-9]{4}\s*年)结转(?:申请)?\s*([0-9]{1,7})\s*件",
            &[
                N::Alt(&[
                    &[N::Lit("上年"), N::Opt(&[N::Lit("度")])],
                    &[digits(4, 4), WS, N::Lit("年")],
                ]),
                N::Lit("结转"),
                N::Opt(&[N::Lit("申请")]),
                NUM,
            ],
        ),
    ),
    (
        ClaimTopic::CarriedOut,
        Pat::new(
            r"([0-9]{1,7})\s*件[^。；;，,0-9]{0,10}?(?:结转|转入?|顺延)[^。；;，,0-9]{0,6}?下一?年度",
            &[
                N::Cap(1, &[digits(1, 7)]),
                WS,
                N::Lit("件"),
                lazy(CLAUSE.digits(), 0, 10),
                N::Alt(&[
                    &[N::Lit("结转")],
                    &[N::Lit("转"), N::Opt(&[N::Lit("入")])],
                    &[N::Lit("顺延")],
                ]),
                lazy(CLAUSE.digits(), 0, 6),
                N::Lit("下"),
                N::Opt(&[N::Lit("一")]),
                N::Lit("年度"),
            ],
        ),
    ),
    (
        ClaimTopic::ReviewTotal,
        Pat::new(
            r"行政复议(?:申请|案件)?\s*([0-9]{1,7})\s*件",
            &[N::Lit("行政复议"), N::Opt(&[N::Any(&["申请", "案件"])]), NUM],
        ),
    ),
    (
        ClaimTopic::LitigationTotal,
        Pat::new(
            r"(?:行政)?诉讼(?:案件)?\s*([0-9]{1,7})\s*件",
            &[
                N::Opt(&[N::Lit("行政")]),
                N::Lit("诉讼"),
                N::Opt(&[N::Lit("案件")]),
                NUM,
            ],
        ),
    ),
    (
        ClaimTopic::GrantedOrPartial,
        Pat::new(
            r"予以公开(?:及|和|与|或)部分公开\s*([0-9]{1,7})\s*件",
            &[
                N::Lit("予以公开"),
                N::Any(&["及", "和", "与", "或"]),
                N::Lit("部分公开"),
                NUM,
            ],
        ),
    ),
];

/// `未收到…申请`: the prose says there were none.
static NONE_RECEIVED: Pat = Pat::new(
    r"(?:未|没有)(?:收到|受理|接到)[^。；;，,]{0,12}?申请",
    &[
        N::Any(&["未", "没有"]),
        N::Any(&["收到", "受理", "接到"]),
        lazy(CLAUSE, 0, 12),
        N::Lit("申请"),
    ],
);

/// Longest quote kept, in chars.
const QUOTE_CHARS: usize = 60;

/// Byte bounds of the sentence around a match.
fn sentence_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let is_stop = |c: char| matches!(c, '。' | '；' | ';' | '\n' | '！' | '？');
    let s = text
        .get(..start)
        .and_then(|h| {
            h.char_indices()
                .rev()
                .find(|&(_, c)| is_stop(c))
                .map(|(i, c)| i + c.len_utf8())
        })
        .unwrap_or(0);
    let e = text
        .get(end..)
        .and_then(|t| t.char_indices().find(|&(_, c)| is_stop(c)).map(|(i, _)| end + i))
        .unwrap_or(text.len());
    (s, e)
}

/// The sentence around a match, clipped to a short quote centred on the match.
fn quote(text: &str, start: usize, end: usize) -> (String, bool) {
    let (s, e) = sentence_bounds(text, start, end);
    let sentence = text.get(s..e).unwrap_or("");
    let around = text.get(s..start).map_or(0, |h| h.chars().count());
    (clip(sentence, around), sentence.contains("申请"))
}

fn clip(s: &str, around: usize) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    if chars.len() <= QUOTE_CHARS {
        return chars.into_iter().collect();
    }
    let from = around.saturating_sub(QUOTE_CHARS / 2).min(chars.len() - QUOTE_CHARS);
    let mut q: String = chars.iter().skip(from).take(QUOTE_CHARS).collect();
    if from > 0 {
        q.insert(0, '…');
    }
    if from + QUOTE_CHARS < chars.len() {
        q.push('…');
    }
    q
}

/// Finds the claims in the narrative parts of the folded document text. `wrapped` joins lines
/// first (text taken from PDFs breaks lines anywhere, even inside `答复`).
pub fn extract(text: &str, secs: &Sections, wrapped: bool) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    for range in secs.narrative(text.len()) {
        let Some(part) = text.get(range) else { continue };
        let joined;
        let part = if wrapped {
            joined = part.replace('\n', "");
            joined.as_str()
        } else {
            part
        };
        for (topic, r) in &PATTERNS {
            // A topic keeps its first claim: once it has one, its later matches are not read.
            if out.iter().any(|x| x.topic == *topic) {
                continue;
            }
            for c in r.captures_iter(part) {
                let (Some(m), Some(num)) = (c.get(0), c.get(1)) else {
                    continue;
                };
                let (quote, about_requests) = quote(part, m.start(), m.end());
                // Application figures only count in a sentence about applications
                // (not `累计办结4600393件` of a service portal).
                if matches!(topic, ClaimTopic::Completed | ClaimTopic::CarriedOut) && !about_requests {
                    continue;
                }
                let Some(value) = Num::parse(num.as_str()) else {
                    continue;
                };
                out.push(Claim {
                    topic: *topic,
                    value,
                    quote,
                    at: None,
                });
                break;
            }
        }
        if !out.iter().any(|x| x.topic == ClaimTopic::Received)
            && let Some(m) = NONE_RECEIVED.find(part)
        {
            out.push(Claim {
                topic: ClaimTopic::Received,
                value: Num::ZERO,
                quote: quote(part, m.start(), m.end()).0,
                at: None,
            });
        }
    }
    out
}

/// What a report calls the 信息处理费 (or fees at large, in a sentence that says none were
/// charged): `(?:信息处理费|信息公开处理费|公开处理费|处理费|信息费|任何费用|费用)`.
const FEE: N = N::Any(&[
    "信息处理费",
    "信息公开处理费",
    "公开处理费",
    "处理费",
    "信息费",
    "任何费用",
    "费用",
]);
/// Within a sentence, no digit: `[^。；;0-9]`.
const SENTENCE_WORDS: Class = Class::not("。；;").digits();

/// `未收取信息处理费`, `无收取信息处理费情况`, `未出现…而收取信息处理费的情况`.
static FEE_NONE: Pat = Pat::new(
    r"(?:未|无|没有|不存在|并未|均未|不)[^。；;]{0,40}?(?:收取|产生|发生|收缴)[^。；;0-9]{0,16}?(?:信息处理费|信息公开处理费|公开处理费|处理费|信息费|任何费用|费用)",
    &[
        N::Any(&["未", "无", "没有", "不存在", "并未", "均未", "不"]),
        lazy(Class::not("。；;"), 0, 40),
        N::Any(&["收取", "产生", "发生", "收缴"]),
        lazy(SENTENCE_WORDS, 0, 16),
        FEE,
    ],
);

/// `收取信息处理费3940元`, `收取政府信息公开信息处理费共计0.12万元`.
static FEE_CHARGED: Pat = Pat::new(
    r"收取[^。；;0-9]{0,20}?(?:信息处理费|信息公开处理费|公开处理费|处理费|信息费|任何费用|费用)[^。；;0-9]{0,12}?([0-9]{1,9}(?:\.[0-9]{1,4})?)\s*(万元|元)",
    &[
        N::Lit("收取"),
        lazy(SENTENCE_WORDS, 0, 20),
        FEE,
        lazy(SENTENCE_WORDS, 0, 12),
        N::Cap(1, &[digits(1, 9), N::Opt(&[N::Lit("."), digits(1, 4)])]),
        WS,
        N::Cap(2, &[N::Any(&["万元", "元"])]),
    ],
);

/// Ranges of the text outside the tables.
fn outside_tables(secs: &Sections, len: usize) -> Vec<std::ops::Range<usize>> {
    let mut cuts: Vec<std::ops::Range<usize>> = [&secs.t1, &secs.t2, &secs.t3]
        .iter()
        .filter_map(|r| (*r).clone())
        .collect();
    cuts.sort_by_key(|r| r.start);
    let mut out = Vec::new();
    let mut pos = 0;
    for c in cuts {
        if c.start > pos {
            out.push(pos..c.start.min(len));
        }
        pos = pos.max(c.end);
    }
    if pos < len {
        out.push(pos..len);
    }
    out
}

/// What the prose says of the 信息处理费 charged in the year (the 2021 format asks for it
/// under 六): an amount in 元, or 0 when it says none was charged. A stated amount wins over a
/// sentence saying none.
pub fn fee(text: &str, secs: &Sections, wrapped: bool) -> Option<Claim> {
    let mut none: Option<Claim> = None;
    for range in outside_tables(secs, text.len()) {
        let Some(part) = text.get(range) else { continue };
        let joined;
        let part = if wrapped {
            joined = part.replace('\n', "");
            joined.as_str()
        } else {
            part
        };
        {
            for c in FEE_CHARGED.captures_iter(part) {
                let (Some(m), Some(num), Some(unit)) = (c.get(0), c.get(1), c.get(2)) else {
                    continue;
                };
                // A negation earlier in the sentence (`未收取…`) is the other statement.
                let (s, _) = sentence_bounds(part, m.start(), m.end());
                let before = part.get(s..m.start()).unwrap_or("");
                if ["未", "无", "没有", "不"].iter().any(|n| before.ends_with(n)) {
                    continue;
                }
                let Some(mut value) = Num::parse(num.as_str()) else {
                    continue;
                };
                if unit.as_str() == "万元" {
                    // × 10,000: four places of the scale, the rest on the mantissa.
                    let (m, scale) = value.parts();
                    let shifted = match scale.checked_sub(4) {
                        Some(s) => Num::new(m, s),
                        None => 10i64
                            .checked_pow(u32::from(4 - scale))
                            .and_then(|p| m.checked_mul(p))
                            .map(Num::int),
                    };
                    let Some(v) = shifted else { continue };
                    value = v;
                }
                return Some(Claim {
                    topic: ClaimTopic::FeeCharged,
                    value,
                    quote: quote(part, m.start(), m.end()).0,
                    at: None,
                });
            }
        }
        if none.is_none()
            && let Some(m) = FEE_NONE.find(part)
        {
            none = Some(Claim {
                topic: ClaimTopic::FeeCharged,
                value: Num::ZERO,
                quote: quote(part, m.start(), m.end()).0,
                at: None,
            });
        }
    }
    none
}

/// This module's patterns, for the tests that hold them to their regexes.
#[cfg(test)]
pub(crate) fn patterns() -> Vec<&'static Pat> {
    PATTERNS
        .iter()
        .map(|(_, p)| p)
        .chain([&NONE_RECEIVED, &FEE_NONE, &FEE_CHARGED])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_patterns_are_their_regexes_on_every_real_report() {
        let texts = crate::ingest::pattern::oracle::texts();
        for p in patterns() {
            crate::ingest::pattern::oracle::agree(p, &texts);
        }
    }

    fn claims(text: &str) -> Vec<(ClaimTopic, String)> {
        let secs = Sections::default();
        extract(text, &secs, false)
            .into_iter()
            .map(|c| (c.topic, c.value.to_string()))
            .collect()
    }

    fn fee_of(text: &str) -> Option<String> {
        fee(text, &Sections::default(), false).map(|c| c.value.to_string())
    }

    #[test]
    fn reads_what_the_prose_says_of_the_fee() {
        assert_eq!(
            fee_of("六、其他需要报告的事项\n2023年未收取政府信息公开信息处理费。"),
            Some("0".into())
        );
        assert_eq!(fee_of("2022年，无收取信息处理费情况。"), Some("0".into()));
        assert_eq!(
            fee_of("2023年未出现因申请人申请公开政府信息超出一定\n数量或者频次范围而收取信息处理费的情况。"),
            Some("0".into())
        );
        assert_eq!(
            fee_of("（一）收取信息处理费情况\n2023年，我局共收到20份依申请公开，未收取任何费用。"),
            Some("0".into())
        );
        assert_eq!(fee_of("全年收取政府信息公开信息处理费 3940 元。"), Some("3940".into()));
        assert_eq!(fee_of("共收取信息处理费0.12万元。"), Some("1200".into()));
        assert_eq!(fee_of("（一）收取信息处理费情况\n（二）行政规范性文件"), None);
    }

    #[test]
    fn finds_the_usual_phrasings() {
        let c = claims("2023年,全市收到申请774件(含2022年结转15件),依法办结730件,44件转下一年度办理。");
        assert!(c.contains(&(ClaimTopic::Received, "774".into())));
        assert!(c.contains(&(ClaimTopic::CarriedIn, "15".into())));
        assert!(c.contains(&(ClaimTopic::Completed, "730".into())));
        assert!(c.contains(&(ClaimTopic::CarriedOut, "44".into())));
        let c = claims(
            "全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度答复）。政府信息公开行政复议 351件。行政诉讼 46 件。",
        );
        assert!(c.contains(&(ClaimTopic::Received, "3119".into())));
        assert!(c.contains(&(ClaimTopic::Completed, "3050".into())));
        assert!(c.contains(&(ClaimTopic::CarriedIn, "34".into())));
        assert!(c.contains(&(ClaimTopic::CarriedOut, "103".into())));
        assert!(c.contains(&(ClaimTopic::ReviewTotal, "351".into())));
        assert!(c.contains(&(ClaimTopic::LitigationTotal, "46".into())));
        let c = claims("本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。");
        assert_eq!(c.len(), 3, "{c:?}");
    }

    #[test]
    fn ignores_figures_not_about_requests() {
        let c = claims("“张家港微门户”累计收件4808236件、累计办结4600393件、办结率95%。");
        assert!(c.is_empty(), "{c:?}");
        let c = claims("2018年未收到有关政府信息公开申请。");
        assert_eq!(c, vec![(ClaimTopic::Received, "0".into())]);
    }
}
