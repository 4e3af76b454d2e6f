//! Which template a report's tables follow, from their content (format-spec §3.5, §6), not from
//! the year: late adopters and copy-pasted reports exist.

use super::rows::{Ctx, LabelText};
use super::sections::Sections;
use crate::model::{Template, Warning, WarningCode};

const T1_2021: [&str; 5] = [
    "本年制发件数",
    "本年废止件数",
    "现行有效件",
    "本年收费金额",
    "本年处理决定数量",
];
const T1_2019: [&str; 7] = [
    "本年新",
    "对外公开总数",
    "上一年项目数量",
    "本年增/减",
    "第二十条第(九)项",
    "政府集中采购",
    "其他对外管理服务",
];

/// Template suggested by table 1's labels.
pub fn t1_fingerprint(labels: &str) -> Option<Template> {
    let a = T1_2021.iter().filter(|s| labels.contains(*s)).count();
    let b = T1_2019.iter().filter(|s| labels.contains(*s)).count();
    match a.cmp(&b) {
        std::cmp::Ordering::Greater => Some(Template::Tpl2021),
        std::cmp::Ordering::Less => Some(Template::Tpl2019),
        std::cmp::Ordering::Equal => None,
    }
}

/// Template suggested by table 2: the three items under （六）其他处理 exist only in 2021.
pub fn t2_fingerprint(labels: &str) -> Option<Template> {
    if ["逾期不补正", "未按收费", "无正当理由逾期"]
        .iter()
        .any(|s| labels.contains(s))
    {
        Some(Template::Tpl2021)
    } else if labels.contains("其他处理") {
        Some(Template::Tpl2019)
    } else {
        None
    }
}

/// Whether text looks like a pre-2019 report (format-spec §6).
pub fn looks_pre2019(text: &str) -> bool {
    [
        "统计指标",
        "指标名称",
        "主动公开政府信息数",
        "依申请公开政府信息情况",
        "收费及减免情况",
        "同意公开答复数",
        "否决公开答复",
        "政府信息公开情况统计表",
    ]
    .iter()
    .any(|s| text.contains(s))
}

/// The template decision for a report and for each of its tables.
#[derive(Debug, Clone)]
pub struct Choice {
    /// The report's template.
    pub report: Template,
    /// Template used to read table 1.
    pub t1: Template,
    /// Template used to read table 2.
    pub t2: Template,
    /// Set when the tables disagree.
    pub warning: Option<Warning>,
}

/// Decides the templates from table content, falling back to the year.
pub fn choose(ctx: &Ctx<'_>, secs: &Sections, year: Option<u16>) -> Choice {
    let labels = |r: &Option<std::ops::Range<usize>>| {
        r.as_ref()
            .map(|r| LabelText::build(ctx, ctx.token_range(r), r).text)
            .unwrap_or_default()
    };
    let f1 = t1_fingerprint(&labels(&secs.t1));
    let f2 = t2_fingerprint(&labels(&secs.t2));
    let by_year = match year {
        Some(y) if y <= 2020 => Template::Tpl2019,
        _ => Template::Tpl2021,
    };
    let report = f1.or(f2).unwrap_or(by_year);
    let warning = match (f1, f2) {
        (Some(a), Some(b)) if a != b => Some(Warning::new(
            WarningCode::TemplateMixed,
            format!("table 1 follows {a} but table 2 follows {b}; each is read with its own"),
            None,
        )),
        _ => None,
    };
    Choice {
        report,
        t1: f1.unwrap_or(report),
        t2: f2.unwrap_or(report),
        warning,
    }
}
