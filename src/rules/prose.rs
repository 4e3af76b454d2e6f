//! The evaluator's rules on the report's text rather than its tables: the six sections of the
//! format present and in order (`six_sections`), the 信息处理费 the prose states (`fee_vs_prose`),
//! and a section's prose copied from the same agency's previous year (`xy_copied_prose`, run
//! with the other cross-year rules).

use std::sync::atomic::{AtomicU8, Ordering};

use super::{Check, Finding, RuleId, finding};
use crate::i18n::Arg;
use crate::model::{ClaimTopic, Num, Report, Section};
use crate::msg;

/// The format's headings (format-spec §1), by number.
pub const OFFICIAL_HEADINGS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// The official heading of a section number (1–6).
pub fn official_heading(number: u8) -> &'static str {
    OFFICIAL_HEADINGS
        .get(usize::from(number).wrapping_sub(1))
        .copied()
        .unwrap_or("")
}

/// Sections whose prose the copied-text rule compares: 一, 五, 六 (二–四 are the tables).
pub const NARRATIVE_SECTIONS: [u8; 3] = [1, 5, 6];

/// Prose shorter than this (normalised characters) is not compared: `本年度无其他需要报告的事项`
/// is the same every year and rightly so.
pub const COPIED_MIN_CHARS: u32 = 100;

/// The copied-text threshold when neither the command line nor the config sets one (percent).
pub const DEFAULT_COPIED_SHARE: u8 = 80;

static COPIED_SHARE: AtomicU8 = AtomicU8::new(DEFAULT_COPIED_SHARE);

/// The share (percent) of a section's text found again the next year from which the section
/// counts as copied (`--copied-share`, config `[rules] copied_share`; default 80; 0 turns
/// the rule off).
pub fn set_copied_share(percent: u8) {
    COPIED_SHARE.store(percent.min(100), Ordering::Relaxed);
}

/// The current copied-text threshold, in percent.
pub fn copied_share() -> u8 {
    COPIED_SHARE.load(Ordering::Relaxed)
}

/// The single-report rules on the text.
pub(super) fn run(c: &mut Check<'_>) {
    six_sections(c);
    fee(c);
}

/// What `six_sections` finds in a report's outline: the section numbers not found, and each
/// pair of headings printed out of order (later, earlier).
pub struct OutlineProblems<'a> {
    /// Numbers 1–6 with no heading.
    pub missing: Vec<u8>,
    /// A heading printed after one it should come before.
    pub out_of_order: Vec<(&'a Section, &'a Section)>,
}

/// The outline's problems; `None` where `six_sections` does not assess: 2019 and before, whose
/// notice (国办公开办函〔2019〕60号) let reports follow their own outline, and a text in which no
/// heading at all was found (a table-only extract: nothing to say about its prose).
pub fn outline_problems(sections: &[Section], year: Option<u16>) -> Option<OutlineProblems<'_>> {
    if sections.is_empty() || year.is_some_and(|y| y <= 2019) {
        return None;
    }
    Some(OutlineProblems {
        missing: (1..=6u8).filter(|n| !sections.iter().any(|s| s.number == *n)).collect(),
        out_of_order: sections
            .windows(2)
            .filter_map(|w| match w {
                [a, b] if b.number < a.number => Some((b, a)),
                _ => None,
            })
            .collect(),
    })
}

/// `six_sections`: every heading there, in order (see [`outline_problems`]).
fn six_sections(c: &mut Check<'_>) {
    let r = c.report;
    if !c.applies(RuleId::SixSections) {
        return;
    }
    let Some(p) = outline_problems(&r.sections, r.meta.year) else {
        return;
    };
    if !p.missing.is_empty() {
        let n = p.missing.len();
        let sections: Vec<Arg> = p
            .missing
            .iter()
            .map(|&n| Arg::Text(official_heading(n).to_string()))
            .collect();
        c.push(
            RuleId::SixSections,
            &[],
            None,
            None,
            msg!("msg.six_sections_missing", n = n, sections = sections),
        );
    }
    for (later, earlier) in p.out_of_order {
        c.push(
            RuleId::SixSections,
            &[],
            None,
            None,
            msg!(
                "msg.six_sections_order",
                later = later.heading.as_str(),
                earlier = earlier.heading.as_str()
            ),
        );
    }
}

/// `fee_vs_prose`: the 2021 format asks section 六 for the 信息处理费 charged; the prose should
/// say it (checked where the text has that section), and a fee charged needs information
/// provided (予以公开 or 部分公开 in table 2).
fn fee(c: &mut Check<'_>) {
    let r = c.report;
    if !c.applies(RuleId::FeeVsProse) || r.sections.is_empty() {
        return;
    }
    match r.claims.iter().find(|cl| cl.topic == ClaimTopic::FeeCharged) {
        // Without a section 六 in the text, `six_sections` has said so already: one finding
        // for one gap (and a table-only extract is not faulted for its missing prose twice).
        None if r.sections.iter().any(|s| s.number == 6) => {
            c.push(RuleId::FeeVsProse, &[], None, None, msg!("msg.fee_unstated"));
        }
        None => {}
        Some(cl) if cl.value > Num::ZERO => {
            let granted = super::context::row_total(c, "granted");
            let partial = super::context::row_total(c, "partially_granted");
            if let (Some(g), Some(p)) = (granted, partial)
                && g.is_zero()
                && p.is_zero()
            {
                let value = cl.value;
                let message = msg!("msg.fee_without_grant", amount = value, quote = cl.quote.as_str());
                c.push_named(
                    RuleId::FeeVsProse,
                    vec!["t2.granted.total".into(), "t2.partially_granted.total".into()],
                    None,
                    Some(value),
                    message,
                );
            }
        }
        Some(_) => {}
    }
}

/// `xy_copied_prose` for one pair (last year, this year): each narrative section whose prose is
/// at least the threshold's share the same as last year's.
pub fn copied(prev: &Report, cur: &Report, prev_year: &str, prev_file: &str) -> Vec<Finding> {
    let threshold = f64::from(copied_share()) / 100.0;
    let mut out = Vec::new();
    let section = |r: &'_ Report, n: u8| -> Option<Section> { r.sections.iter().find(|s| s.number == n).cloned() };
    for n in NARRATIVE_SECTIONS {
        let (Some(a), Some(b)) = (section(prev, n), section(cur, n)) else {
            continue;
        };
        if a.chars < COPIED_MIN_CHARS || b.chars < COPIED_MIN_CHARS {
            continue;
        }
        let Some(share) = a.similarity(&b) else { continue };
        if share >= threshold && threshold > 0.0 {
            let percent = (share * 100.0).round();
            let message = msg!(
                "msg.xy_copied_prose",
                section = b.heading.as_str(),
                share = format!("{percent:.0}"),
                year = prev_year,
                file = prev_file,
            );
            out.push(finding(cur, RuleId::XyCopiedProse, Vec::new(), None, None, message));
        }
    }
    out
}
