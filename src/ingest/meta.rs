//! Metadata (format-spec §5): report year, agency, region, publication date, division code and
//! province, from the title, the preamble, the page chrome and the prose, in that priority.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::pattern::{Caps, Class, MANY, N, Pat, WS, digits, lazy, run};
use super::sections::Sections;
use crate::model::agency::{has_admin_suffix, normalize_agency, region_of};
use crate::model::regions::{place_names, province_of_abbrev, province_of_code, province_of_place};
use crate::model::{Warning, WarningCode};

/// Metadata read from a document.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct MetaOut {
    /// Reporting agency, normalised (`鞍山市政府` → `鞍山市人民政府`).
    pub agency: Option<String>,
    /// Region of the agency (`开原市`, `西安市雁塔区`).
    pub region: Option<String>,
    /// Report year.
    pub year: Option<u16>,
    /// Publication date `YYYY-MM-DD`.
    pub published: Option<String>,
    /// 6-digit division code.
    pub division_code: Option<String>,
    /// Province short name.
    pub province: Option<String>,
    /// Problems met.
    pub warnings: Vec<Warning>,
}

/// `\s*年度?\s*政府信息公开(?:工作)?(?:年度)?报告`: what follows the year in a title.
const REPORT: N = N::Alt(&[&[
    WS,
    N::Lit("年"),
    N::Opt(&[N::Lit("度")]),
    WS,
    N::Lit("政府信息公开"),
    N::Opt(&[N::Lit("工作")]),
    N::Opt(&[N::Lit("年度")]),
    N::Lit("报告"),
]]);
const YEAR: N = N::Cap(2, &[digits(4, 4)]);
/// `:?` and `[:|]?` after a label.
const COLON: N = N::Opt(&[N::Any(&[":", "|"])]);

/// Title patterns: (pattern, year comes first).
static TITLES: [(Pat, bool); 6] = [
    (
        Pat::new(
            r"标题\s*:?\s*([^\n]{2,60}?)([0-9]{4})\s*年度?\s*政府信息公开(?:工作)?(?:年度)?报告",
            &[
                N::Lit("标题"),
                WS,
                N::Opt(&[N::Lit(":")]),
                WS,
                N::Cap(1, &[lazy(Class::not("\n"), 2, 60)]),
                YEAR,
                REPORT,
            ],
        ),
        false,
    ),
    (
        Pat::new(
            r"(?m)^\s*([^\n,。;:《》]{2,60}?)([0-9]{4})\s*年度?\s*政府信息公开(?:工作)?(?:年度)?报告",
            &[
                N::Bol,
                WS,
                N::Cap(1, &[lazy(Class::not("\n,。;:《》"), 2, 60)]),
                YEAR,
                REPORT,
            ],
        ),
        false,
    ),
    (
        Pat::new(
            r"(?m)^\s*([0-9]{4})\s*年度?([^\n\s,。;:《》]{2,40}?)政府信息公开(?:工作)?年度报告",
            &[
                N::Bol,
                WS,
                N::Cap(1, &[digits(4, 4)]),
                WS,
                N::Lit("年"),
                N::Opt(&[N::Lit("度")]),
                N::Cap(2, &[lazy(Class::not("\n,。;:《》").space(), 2, 40)]),
                N::Lit("政府信息公开"),
                N::Opt(&[N::Lit("工作")]),
                N::Lit("年度报告"),
            ],
        ),
        true,
    ),
    (
        Pat::new(
            r"《([^《》\n]{0,40}?)([0-9]{4})\s*年度?\s*政府信息公开(?:工作)?(?:年度)?报告》",
            &[
                N::Lit("《"),
                N::Cap(1, &[lazy(Class::not("《》\n"), 0, 40)]),
                YEAR,
                REPORT,
                N::Lit("》"),
            ],
        ),
        false,
    ),
    (
        Pat::new(
            r"现(?:公布|发布|予以公布)\s*《?([^《》\n,。]{2,40}?)([0-9]{4})\s*年度?\s*政府信息公开(?:工作)?(?:年度)?报告",
            &[
                N::Lit("现"),
                N::Any(&["公布", "发布", "予以公布"]),
                WS,
                N::Opt(&[N::Lit("《")]),
                N::Cap(1, &[lazy(Class::not("《》\n,。"), 2, 40)]),
                YEAR,
                REPORT,
            ],
        ),
        false,
    ),
    (
        Pat::new(
            r"(?m)^\s*([^\n\s]{2,40})\s*\n\s*([0-9]{4})\s*年度?\s*政府信息公开(?:工作)?(?:年度)?报告",
            &[
                N::Bol,
                WS,
                N::Cap(1, &[run(Class::not("\n").space(), 2, 40)]),
                WS,
                N::Lit("\n"),
                WS,
                YEAR,
                REPORT,
            ],
        ),
        false,
    ),
];
static STATS_YEAR: Pat = Pat::new(
    r"统计(?:期限|时限|时间|区间|周期|口径)[^0-9\n]{0,12}([0-9]{4})\s*年",
    &[
        N::Lit("统计"),
        N::Any(&["期限", "时限", "时间", "区间", "周期", "口径"]),
        run(Class::not("\n").digits(), 0, 12),
        N::Cap(1, &[digits(4, 4)]),
        WS,
        N::Lit("年"),
    ],
);
static SELF_YEAR: Pat = Pat::new(
    r"([0-9]{4})\s*年度?\s*[,，]?\s*(?:我县|我市|我区|我镇|我乡|我旗|我州|我省|我街道|我局|我委|我办|本机关|全县|全市|全区)",
    &[
        N::Cap(1, &[digits(4, 4)]),
        WS,
        N::Lit("年"),
        N::Opt(&[N::Lit("度")]),
        WS,
        N::Opt(&[N::Any(&[",", "，"])]),
        WS,
        N::Any(&[
            "我县",
            "我市",
            "我区",
            "我镇",
            "我乡",
            "我旗",
            "我州",
            "我省",
            "我街道",
            "我局",
            "我委",
            "我办",
            "本机关",
            "全县",
            "全市",
            "全区",
        ]),
    ],
);
static LEAD_YEAR: Pat = Pat::new(
    r"^\s*([0-9]{4})\s*年",
    &[N::Start, WS, N::Cap(1, &[digits(4, 4)]), WS, N::Lit("年")],
);
static INDEX_YEAR: Pat = Pat::new(
    r"索引号[\s:|]*[^\n]{0,30}?([0-9]{4})-[0-9]{3,6}",
    &[
        N::Lit("索引号"),
        run(Class::of(":|").space(), 0, MANY),
        lazy(Class::not("\n"), 0, 30),
        N::Cap(1, &[digits(4, 4)]),
        N::Lit("-"),
        digits(3, 6),
    ],
);
static PUBLISHED: Pat = Pat::new(
    r"(?:(?:发布|公开|成文|发文|印发)(?:时间|日期)|时间|日期)[\s:|]*([0-9]{4})\s*([-/.年])\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})",
    &[
        N::Alt(&[
            &[
                N::Any(&["发布", "公开", "成文", "发文", "印发"]),
                N::Any(&["时间", "日期"]),
            ],
            &[N::Lit("时间")],
            &[N::Lit("日期")],
        ]),
        run(Class::of(":|").space(), 0, MANY),
        N::Cap(1, &[digits(4, 4)]),
        WS,
        N::Cap(2, &[run(Class::of("-/.年"), 1, 1)]),
        WS,
        N::Cap(3, &[digits(1, 2)]),
        WS,
        run(Class::of("-/.月"), 1, 1),
        WS,
        N::Cap(4, &[digits(1, 2)]),
    ],
);
static BARE_DATE: Pat = Pat::new(
    r"(?m)^\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\s*$",
    &[
        N::Bol,
        WS,
        N::Cap(1, &[digits(4, 4)]),
        N::Lit("-"),
        N::Cap(2, &[digits(1, 2)]),
        N::Lit("-"),
        N::Cap(3, &[digits(1, 2)]),
        WS,
        N::Eol,
    ],
);
static SIGNED_DATE: Pat = Pat::new(
    r"(?m)^\s*([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日\s*$",
    &[
        N::Bol,
        WS,
        N::Cap(1, &[digits(4, 4)]),
        WS,
        N::Lit("年"),
        WS,
        N::Cap(2, &[digits(1, 2)]),
        WS,
        N::Lit("月"),
        WS,
        N::Cap(3, &[digits(1, 2)]),
        WS,
        N::Lit("日"),
        WS,
        N::Eol,
    ],
);
static SITE_CODE: Pat = Pat::new(
    r"网站标识码\s*[:|]?\s*([0-9]{10})",
    &[N::Lit("网站标识码"), WS, COLON, WS, N::Cap(1, &[digits(10, 10)])],
);
static POLICE_CODE: Pat = Pat::new(
    r"公网安备\s*([0-9]{14})",
    &[N::Lit("公网安备"), WS, N::Cap(1, &[digits(14, 14)])],
);
static ICP: Pat = Pat::new(
    r"(\p{Han})(?:ICP|公网安)备",
    &[
        N::Cap(1, &[run(Class::HAN, 1, 1)]),
        N::Any(&["ICP", "公网安"]),
        N::Lit("备"),
    ],
);
static OFFICE: Pat = Pat::new(
    r"(?:主办|主办单位|来源|发布机构)\s*[:|]?\s*([^\s|:,。]{2,30}?)(?:人民政府办公室|人民政府办公厅|政府办公室)",
    &[
        N::Any(&["主办", "主办单位", "来源", "发布机构"]),
        WS,
        COLON,
        WS,
        N::Cap(1, &[lazy(Class::not("|:,。").space(), 2, 30)]),
        N::Any(&["人民政府办公室", "人民政府办公厅", "政府办公室"]),
    ],
);
static SELF_REF: Pat = Pat::new(
    r"我(?:县|市|区|旗|镇|乡|州|省)|本(?:县|市|区)政府",
    &[N::Alt(&[
        &[N::Lit("我"), N::Any(&["县", "市", "区", "旗", "镇", "乡", "州", "省"])],
        &[N::Lit("本"), N::Any(&["县", "市", "区"]), N::Lit("政府")],
    ])],
);
static NOTICE_ISSUER: Pat = Pat::new(
    r"《([^《》\n]{2,16}?)(?:办公厅|办公室)关于",
    &[
        N::Lit("《"),
        N::Cap(1, &[lazy(Class::not("《》\n"), 2, 16)]),
        N::Any(&["办公厅", "办公室"]),
        N::Lit("关于"),
    ],
);

fn cap<'a>(c: &Caps<'a>, i: usize) -> &'a str {
    c.get(i).map_or("", |m| m.as_str())
}

fn plausible_year(y: u16) -> bool {
    (2007..=2100).contains(&y)
}

fn parse_year(s: &str) -> Option<u16> {
    s.parse().ok().filter(|y| plausible_year(*y))
}

struct Title {
    pos: usize,
    name: String,
    year: Option<u16>,
}

fn titles(text: &str) -> Vec<Title> {
    let mut out = Vec::new();
    for (r, year_first) in &TITLES {
        for c in r.captures_iter(text).take(8) {
            let pos = c.get(0).map_or(0, |m| m.start());
            let (y, n) = if *year_first {
                (cap(&c, 1), cap(&c, 2))
            } else {
                (cap(&c, 2), cap(&c, 1))
            };
            let name = n
                .trim()
                .trim_start_matches(['《', ':', ' ', '#', '*'])
                .trim_end_matches(['*', ' ']);
            let mut name = name;
            for verb in ["现予公布", "现公布", "现发布", "特编制", "现将", "编制"] {
                name = name.strip_prefix(verb).unwrap_or(name);
            }
            let name = name.trim_start_matches('《').to_string();
            if name.contains("关于") || name.contains("通知") || name.contains('。') {
                continue;
            }
            out.push(Title {
                pos,
                name,
                year: parse_year(y),
            });
        }
    }
    out.sort_by_key(|t| t.pos);
    out
}

fn first_cap(r: &Pat, text: &str, i: usize) -> Option<String> {
    r.captures(text).map(|c| cap(&c, i).to_string())
}

fn date(y: &str, m: &str, d: &str) -> Option<String> {
    let (y, m, d): (u16, u8, u8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    (plausible_year(y) && (1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// How much a date's label says it is the page's publication date: 0 for 发布/公开 (the page's
/// own field), 1 for 成文/发文/印发, 2 for a bare 时间/日期 (which may be anything).
fn date_rank(label: &str) -> u8 {
    if label.contains("发布") || label.contains("公开") {
        0
    } else if label.contains("成文") || label.contains("发文") || label.contains("印发") {
        1
    } else {
        2
    }
}

/// Dates that are not the report's: when a page was captured, visited or printed.
fn is_capture_date(text: &str, at: usize) -> bool {
    let from = (at.saturating_sub(12)..=at)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(at);
    text.get(from..at).is_some_and(|before| {
        ["采集", "抓取", "爬取", "访问", "下载", "打印", "当前", "更新", "浏览"]
            .iter()
            .any(|w| before.contains(w))
    })
}

fn published(text: &str, head_end: usize) -> Option<String> {
    let head = text.get(..head_end.min(text.len())).unwrap_or(text);
    {
        let r = &PUBLISHED;
        let mut best: Option<(u8, String)> = None;
        for c in r.captures_iter(head) {
            let whole = cap(&c, 0);
            // `时间`/`日期` alone need a numeric date (not 2023年1月1日 of a statistics period).
            if cap(&c, 2) == "年" && !whole.contains("发布") && !whole.contains("成文") {
                continue;
            }
            if c.get(0).is_some_and(|m| is_capture_date(head, m.start())) {
                continue;
            }
            let rank = date_rank(whole.split(|ch: char| ch.is_ascii_digit()).next().unwrap_or(""));
            if best.as_ref().is_some_and(|(b, _)| *b <= rank) {
                continue;
            }
            if let Some(d) = date(cap(&c, 1), cap(&c, 3), cap(&c, 4)) {
                best = Some((rank, d));
            }
        }
        if let Some((_, d)) = best {
            return Some(d);
        }
    }
    if let Some(c) = BARE_DATE.captures(head)
        && let Some(d) = date(cap(&c, 1), cap(&c, 2), cap(&c, 3))
    {
        return Some(d);
    }
    // A signature date on its own line at the end of the report.
    let tail_start = text.len().saturating_sub(2000);
    let tail = (tail_start..text.len())
        .find(|&i| text.is_char_boundary(i))
        .and_then(|i| text.get(i..))
        .unwrap_or("");
    let c = SIGNED_DATE.captures_iter(tail).last()?;
    date(cap(&c, 1), cap(&c, 2), cap(&c, 3))
}

fn division_code(text: &str) -> Option<String> {
    [&SITE_CODE, &POLICE_CODE]
        .iter()
        .filter_map(|r| first_cap(r, text, 1))
        .map(|c| c.chars().take(6).collect::<String>())
        .find(|c| province_of_code(c).is_some())
}

/// Every place name (province, prefecture) in one automaton, with its province.
static PLACES: LazyLock<Option<(aho_corasick::AhoCorasick, Vec<&'static str>)>> = LazyLock::new(|| {
    let (names, provs): (Vec<String>, Vec<&'static str>) = place_names().unzip();
    aho_corasick::AhoCorasick::new(&names).ok().map(|ac| (ac, provs))
});

fn province_from_prose(text: &str) -> Option<&'static str> {
    let sample = text
        .char_indices()
        .nth(20_000)
        .map_or(text, |(i, _)| text.get(..i).unwrap_or(text));
    let (places, provs) = PLACES.as_ref()?;
    // Each name's occurrences, counted as a search per name would (names never overlap
    // themselves), and where the province is first named; one pass over the text.
    let mut counts: HashMap<&'static str, (usize, usize)> = HashMap::new();
    for m in places.find_overlapping_iter(sample) {
        if let Some(&prov) = provs.get(m.pattern().as_usize()) {
            let e = counts.entry(prov).or_insert((0, usize::MAX));
            e.0 += 1;
            e.1 = e.1.min(m.start());
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
        .map(|(p, _)| p)
}

/// Reads the metadata of a document from its folded text.
pub fn extract(text: &str, secs: &Sections) -> MetaOut {
    let mut m = MetaOut::default();
    let first_table = [&secs.t1, &secs.t2, &secs.t3]
        .iter()
        .filter_map(|r| r.as_ref().map(|r| r.start))
        .min()
        .unwrap_or(text.len());
    let head_end = secs.overview.map_or(first_table, |o| o.max(first_table.min(o + 4000)));
    let head = text.get(..first_table).unwrap_or(text);

    let ts = titles(head);
    let title = ts.iter().find(|t| !t.name.is_empty());
    let title_year = ts.iter().find_map(|t| t.year);
    let stats_year = first_cap(&STATS_YEAR, text, 1).and_then(|y| parse_year(&y));
    m.published = published(text, head_end);
    // The later sources are searched only when the earlier ones gave no year.
    let lead_year = || {
        secs.overview
            .and_then(|o| text.get(o..))
            .and_then(|s| s.split_once('、').map(|x| x.1))
            .and_then(|s| s.get(s.find('\n').map_or(0, |i| i + 1)..))
            .and_then(|s| first_cap(&LEAD_YEAR, s, 1))
            .and_then(|y| parse_year(&y))
    };
    let self_year = || first_cap(&SELF_YEAR, text, 1).and_then(|y| parse_year(&y));
    let pub_year = || {
        m.published
            .as_deref()
            .and_then(|d| d.get(..4))
            .and_then(parse_year)
            .map(|y| y - 1)
    };
    let index_year = || {
        first_cap(&INDEX_YEAR, head, 1)
            .and_then(|y| parse_year(&y))
            .map(|y| y - 1)
    };
    m.year = title_year
        .or(stats_year)
        .or_else(lead_year)
        .or_else(self_year)
        .or_else(pub_year)
        .or_else(index_year);
    if let (Some(a), Some(b)) = (title_year, stats_year)
        && a != b
    {
        m.warnings.push(Warning::new(
            WarningCode::MetaConflict,
            format!("the title says {a} but the statistics period says {b}; using {a}"),
            None,
        ));
    }
    if m.year.is_none() {
        m.warnings
            .push(Warning::new(WarningCode::MetaMissing, "report year not found", None));
    }

    let office_region = first_cap(&OFFICE, head, 1);
    let self_ref = SELF_REF.is_match(text);
    m.agency = match (title, &office_region) {
        (Some(t), _) => Some(normalize_agency(&t.name)),
        (None, Some(r)) if self_ref => Some(normalize_agency(&format!("{r}人民政府"))),
        _ => None,
    };
    match &m.agency {
        None => m.warnings.push(Warning::new(
            WarningCode::MetaMissing,
            "reporting agency not found",
            None,
        )),
        Some(a) if !has_admin_suffix(a) => m.warnings.push(Warning::new(
            WarningCode::SuspectText,
            format!("agency name `{a}` has no administrative suffix"),
            None,
        )),
        Some(_) => {}
    }
    m.region = m.agency.as_deref().and_then(region_of).or(office_region);
    {
        let r = &NOTICE_ISSUER;
        let mut seen: Vec<&str> = Vec::new();
        for c in r.captures_iter(text).take(16) {
            let issuer = cap(&c, 1);
            if seen.contains(&issuer) {
                continue;
            }
            seen.push(issuer);
            let official = [
                "省",
                "市",
                "县",
                "区",
                "国务院",
                "政府",
                "州",
                "旗",
                "委",
                "局",
                "部",
                "厅",
            ]
            .iter()
            .any(|s| issuer.contains(s));
            if !official {
                m.warnings.push(Warning::new(
                    WarningCode::SuspectText,
                    format!("`{issuer}` in a cited notice is not an official body (text injected by a mirror site?)"),
                    None,
                ));
            }
        }
    }

    m.division_code = division_code(text);
    let abbrev = || {
        ICP.captures_iter(text)
            .find_map(|c| cap(&c, 1).chars().next().and_then(province_of_abbrev))
    };
    m.province = m
        .division_code
        .as_deref()
        .and_then(province_of_code)
        .or_else(|| m.agency.as_deref().and_then(province_of_place))
        .or_else(|| m.region.as_deref().and_then(province_of_place))
        .or_else(abbrev)
        .or_else(|| province_from_prose(text))
        .map(str::to_string);
    m
}

/// This module's patterns, for the tests that hold them to their regexes.
#[cfg(test)]
pub(crate) fn patterns() -> Vec<&'static Pat> {
    TITLES
        .iter()
        .map(|(p, _)| p)
        .chain([
            &STATS_YEAR,
            &SELF_YEAR,
            &LEAD_YEAR,
            &INDEX_YEAR,
            &PUBLISHED,
            &BARE_DATE,
            &SIGNED_DATE,
            &SITE_CODE,
            &POLICE_CODE,
            &ICP,
            &OFFICE,
            &SELF_REF,
            &NOTICE_ISSUER,
        ])
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

    #[test]
    fn agency_names() {
        assert_eq!(normalize_agency("鞍山市政府"), "鞍山市人民政府");
        assert_eq!(normalize_agency("开原市"), "开原市人民政府");
        assert_eq!(normalize_agency("平潭综合实验区"), "平潭综合实验区");
        assert_eq!(normalize_agency("上海市人民政府办公厅"), "上海市人民政府办公厅");
        assert_eq!(
            normalize_agency("西安市雁塔区漳浒寨街道办事处"),
            "西安市雁塔区漳浒寨街道办事处"
        );
        assert_eq!(normalize_agency("开原市教育局"), "开原市教育局");
        assert_eq!(
            region_of("西安市雁塔区漳浒寨街道办事处").as_deref(),
            Some("西安市雁塔区")
        );
        assert_eq!(region_of("开原市市场监督管理局").as_deref(), Some("开原市"));
        assert_eq!(region_of("平潭综合实验区").as_deref(), Some("平潭综合实验区"));
        assert_eq!(region_of("莆田市城市管理局").as_deref(), Some("莆田市"));
    }

    #[test]
    fn title_with_year_first_and_two_lines() {
        let t = titles("2019年上海市人民政府办公厅政府信息公开工作年度报告\n发布日期:2020-01-31");
        assert_eq!(
            t.first().map(|t| (t.name.as_str(), t.year)),
            Some(("上海市人民政府办公厅", Some(2019)))
        );
        let t = titles("淮安市人民政府\n2024 年政府信息公开工作年度报告\n本报告");
        assert_eq!(
            t.first().map(|t| (t.name.as_str(), t.year)),
            Some(("淮安市人民政府", Some(2024)))
        );
        let t = titles(
            "《即时比分办公厅关于做好2019年度政府信息公开工作报告编制发布等工作的通知》特编制《鞍山市政府2019年度政府信息公开工作报告》",
        );
        assert_eq!(t.first().map(|t| t.name.as_str()), Some("鞍山市政府"));
    }

    #[test]
    fn dates() {
        assert_eq!(published("时间:2024-01-25", 100).as_deref(), Some("2024-01-25"));
        assert_eq!(published("公开日期\n2022-02-08", 100).as_deref(), Some("2022-02-08"));
        assert_eq!(published("统计时间为2023年1月1日至12月31日", 100), None);
        // The page's own field wins over a date found earlier on the page.
        assert_eq!(
            published("时间:2025-06-01 09:00\n标题:x\n发布日期:2022-01-13", 200).as_deref(),
            Some("2022-01-13")
        );
        assert_eq!(
            published("采集时间:2025-06-01\n公开日期:2022-02-08", 200).as_deref(),
            Some("2022-02-08")
        );
        assert_eq!(published("抓取时间:2025-06-01", 200), None);
    }
}
