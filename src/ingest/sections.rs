//! Locating the three tables in a document (format-spec §1, §7.2): anchored on table content
//! (`第二十条第（…）项`, `勾稽关系`) and bounded by the numbered section headings.

use super::pattern::{Class, N, Pat, WS, lazy, run};
use std::ops::Range;

static T1_ANCHOR: Pat = Pat::new(
    r"第二十条\s*第\s*\(",
    &[N::Lit("第二十条"), WS, N::Lit("第"), WS, N::Lit("(")],
);
static T2_ANCHOR: Pat = Pat::new(
    r"勾稽关系|申请人情况|本年新收政府信息公开申请|新收政府信息公开申请数量",
    &[N::Any(&[
        "勾稽关系",
        "申请人情况",
        "本年新收政府信息公开申请",
        "新收政府信息公开申请数量",
    ])],
);
static H3: Pat = Pat::new(
    r"三、\s*收到和处理政府信息公开申请",
    &[N::Lit("三、"), WS, N::Lit("收到和处理政府信息公开申请")],
);
/// Not `。` nor a line break.
const IN_LINE: Class = Class::not("。\n");
static H4: Pat = Pat::new(
    r"四、\s*[^。\n]{0,16}?复议[^。\n]{0,10}?诉讼",
    &[
        N::Lit("四、"),
        WS,
        lazy(IN_LINE, 0, 16),
        N::Lit("复议"),
        lazy(IN_LINE, 0, 10),
        N::Lit("诉讼"),
    ],
);
static T3_FALLBACK: Pat = Pat::new(
    r"行政复议[\s|]{0,8}行政诉讼",
    &[
        N::Lit("行政复议"),
        run(Class::of("|").space(), 0, 8),
        N::Lit("行政诉讼"),
    ],
);
static H5: Pat = Pat::new(
    r"五、\s*[^。\n]{0,14}?(?:存在的?主要问题|存在问题|问题及改进|问题和改进)",
    &[
        N::Lit("五、"),
        WS,
        lazy(IN_LINE, 0, 14),
        N::Alt(&[
            &[N::Lit("存在"), N::Opt(&[N::Lit("的")]), N::Lit("主要问题")],
            &[N::Lit("存在问题")],
            &[N::Lit("问题及改进")],
            &[N::Lit("问题和改进")],
        ]),
    ],
);
static H6: Pat = Pat::new(
    r"(?:六)?、\s*其他需要报告的?事项",
    &[
        N::Opt(&[N::Lit("六")]),
        N::Lit("、"),
        WS,
        N::Lit("其他需要报告"),
        N::Opt(&[N::Lit("的")]),
        N::Lit("事项"),
    ],
);
static H1: Pat = Pat::new(
    r"一、\s*(?:总体(?:公开)?情况|概述)",
    &[
        N::Lit("一、"),
        WS,
        N::Alt(&[
            &[N::Lit("总体"), N::Opt(&[N::Lit("公开")]), N::Lit("情况")],
            &[N::Lit("概述")],
        ]),
    ],
);

fn find_from(p: &Pat, text: &str, from: usize) -> Option<Range<usize>> {
    let hay = text.get(from..)?;
    p.find(hay).map(|m| from + m.start()..from + m.end())
}

/// Byte ranges of the document text holding each table, and of the narrative.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sections {
    /// Table 1, from its first block title to section 三.
    pub t1: Option<Range<usize>>,
    /// Table 2, from its header to section 四.
    pub t2: Option<Range<usize>>,
    /// Table 3, from section 四 to section 五.
    pub t3: Option<Range<usize>>,
    /// Start of section 一 (overview), when found.
    pub overview: Option<usize>,
    /// Start of section 五 (problems), when found.
    pub problems: Option<usize>,
}

impl Sections {
    /// Whether any standard table was located.
    pub fn any_table(&self) -> bool {
        self.t1.is_some() || self.t2.is_some() || self.t3.is_some()
    }

    /// Ranges of the text outside the tables and before section 五: the prose where a report
    /// states its figures.
    pub fn narrative(&self, len: usize) -> Vec<Range<usize>> {
        let end = self.problems.unwrap_or(len).min(len);
        let mut cuts: Vec<Range<usize>> = [&self.t1, &self.t2, &self.t3]
            .iter()
            .filter_map(|r| (*r).clone())
            .collect();
        cuts.sort_by_key(|r| r.start);
        let mut out = Vec::new();
        let mut pos = 0;
        for c in cuts {
            if c.start > pos {
                out.push(pos..c.start.min(end));
            }
            pos = pos.max(c.end);
        }
        if pos < end {
            out.push(pos..end);
        }
        out.retain(|r| r.start < r.end);
        out
    }
}

/// Finds the tables in folded document text.
pub fn locate(text: &str) -> Sections {
    let len = text.len();
    let t1_anchor = find_from(&T1_ANCHOR, text, 0);
    let after_t1 = t1_anchor.as_ref().map_or(0, |r| r.start);
    let t2_anchor = find_from(&T2_ANCHOR, text, after_t1);
    let h3 = find_from(&H3, text, after_t1);
    let t2_start = t2_anchor.as_ref().map(|r| r.start).or(h3.as_ref().map(|r| r.start));
    let after_t2 = t2_start.unwrap_or(after_t1);
    let h4 = find_from(&H4, text, after_t2).or_else(|| {
        // No heading: the table-3 header itself (行政复议 next to 行政诉讼) starts the table.
        t2_start.and_then(|s| find_from(&T3_FALLBACK, text, s))
    });
    let after_h4 = h4.as_ref().map_or(after_t2, |r| r.start);
    let h5 = find_from(&H5, text, after_h4);
    let h6 = find_from(&H6, text, after_h4);
    let end_of_tables = match (&h5, &h6) {
        (Some(a), Some(b)) => a.start.min(b.start),
        (Some(a), None) => a.start,
        (None, Some(b)) => b.start,
        (None, None) => len,
    };

    let t1 = t1_anchor.map(|a| {
        let end = [h3.as_ref().map(|r| r.start), t2_start, h4.as_ref().map(|r| r.start)]
            .into_iter()
            .flatten()
            .filter(|&e| e > a.start)
            .min()
            .unwrap_or(end_of_tables);
        a.start..end
    });
    let t2 = t2_start.map(|s| {
        let end = h4.as_ref().map(|r| r.start).filter(|&e| e > s).unwrap_or(end_of_tables);
        s..end.max(s)
    });
    let t3 = h4.map(|h| h.start..end_of_tables.max(h.end));
    Sections {
        t1,
        t2,
        t3,
        overview: find_from(&H1, text, 0).map(|r| r.start),
        problems: h5.map(|r| r.start),
    }
}

/// This module's patterns, for the tests that hold them to their regexes.
#[cfg(test)]
pub(crate) fn patterns() -> Vec<&'static Pat> {
    vec![&T1_ANCHOR, &T2_ANCHOR, &H3, &H4, &T3_FALLBACK, &H5, &H6, &H1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tables_in_run_together_text() {
        let t = "报告包括总体情况、收到和处理政府信息公开申请情况。二、主动公开政府信息情况 第二十条第(一)项信息内容规章000\
                 三、收到和处理政府信息公开申请情况(本列数据的勾稽关系为:…)一、本年新收政府信息公开申请数量640020470\
                 四、政府信息公开行政法复议、行政诉讼情况行政复议行政诉讼总计10203120001200000五、存在的主要问题及改进情况";
        let s = locate(t);
        let slice = |r: &Option<Range<usize>>| r.as_ref().and_then(|r| t.get(r.clone())).unwrap_or("");
        assert!(slice(&s.t1).starts_with("第二十条第(一)项"));
        assert!(slice(&s.t1).ends_with("000"));
        assert!(slice(&s.t2).starts_with("勾稽关系"));
        assert!(slice(&s.t3).starts_with("四、政府信息公开行政法复议"));
        assert!(slice(&s.t3).ends_with("200000"));
    }

    #[test]
    fn no_tables() {
        assert!(!locate("一、概述\n本年度……").any_table());
    }
}

#[cfg(test)]
mod pattern_tests {
    use super::*;

    #[test]
    fn the_patterns_are_their_regexes_on_every_real_report() {
        let texts = crate::ingest::pattern::oracle::texts();
        for p in patterns() {
            crate::ingest::pattern::oracle::agree(p, &texts);
        }
    }
}
