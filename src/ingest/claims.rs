//! Figures stated in the prose (format-spec §4.2 W9): `收到申请774件`, `办结730件`,
//! `44件转下一年度`, `行政复议15件`, `行政诉讼5件`, `予以公开及部分公开258件`. Each claim keeps
//! the clause that states it, so a mismatch can be quoted.

use std::sync::LazyLock;

use regex::Regex;

use super::sections::Sections;
use crate::model::{Claim, ClaimTopic, Num};

fn re(p: &str) -> Option<Regex> {
    Regex::new(p).ok()
}

const N: &str = r"\s*([0-9]{1,7})\s*件";

static PATTERNS: LazyLock<Vec<(ClaimTopic, Regex)>> = LazyLock::new(|| {
    let p = [
        (
            ClaimTopic::Received,
            format!(r"(?:收到|受理|接收|接到)[^。；;，,]{{0,24}}?申请[^。；;，,0-9]{{0,4}}?(?:共计|共|合计)?{N}"),
        ),
        (
            ClaimTopic::Received,
            format!(r"(?:收到|受理|接收|接到)(?:各类)?{N}(?:政府信息公开)?申请"),
        ),
        (ClaimTopic::Received, format!(r"(?:收到|受理)依申请公开(?:信息)?{N}")),
        (
            ClaimTopic::Received,
            format!(r"(?:向|提出|提交)[^。；;，,0-9]{{0,6}}政府信息公开申请{N}"),
        ),
        (
            ClaimTopic::Completed,
            format!(r"(?:办结|答复|办理完毕)[^。；;，,0-9]{{0,16}}?(?:共计|共)?{N}"),
        ),
        (
            ClaimTopic::CarriedIn,
            format!(r"(?:上年度?|[0-9]{{4}}\s*年)结转(?:申请)?{N}"),
        ),
        (
            ClaimTopic::CarriedOut,
            r"([0-9]{1,7})\s*件[^。；;，,0-9]{0,10}?(?:结转|转入?|顺延)[^。；;，,0-9]{0,6}?下一?年度".to_string(),
        ),
        (ClaimTopic::ReviewTotal, format!(r"行政复议(?:申请|案件)?{N}")),
        (ClaimTopic::LitigationTotal, format!(r"(?:行政)?诉讼(?:案件)?{N}")),
        (
            ClaimTopic::GrantedOrPartial,
            format!(r"予以公开(?:及|和|与|或)部分公开{N}"),
        ),
    ];
    p.into_iter().filter_map(|(t, s)| re(&s).map(|r| (t, r))).collect()
});

/// `未收到…申请`: the prose says there were none.
static NONE_RECEIVED: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"(?:未|没有)(?:收到|受理|接到)[^。；;，,]{0,12}?申请"));

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
        for (topic, r) in PATTERNS.iter() {
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
                if out.iter().any(|x| x.topic == *topic) {
                    continue;
                }
                out.push(Claim {
                    topic: *topic,
                    value,
                    quote,
                    at: None,
                });
            }
        }
        if !out.iter().any(|x| x.topic == ClaimTopic::Received)
            && let Some(m) = NONE_RECEIVED.as_ref().and_then(|r| r.find(part))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(text: &str) -> Vec<(ClaimTopic, String)> {
        let secs = Sections::default();
        extract(text, &secs, false)
            .into_iter()
            .map(|c| (c.topic, c.value.to_string()))
            .collect()
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
