//! Who a report is from: the agency's identity across name variants, and its level
//! (province, city, county, township/street, department).
//!
//! `鞍山市政府`, `鞍山市人民政府` and `鞍山市` are one body; `X人民政府` and `X人民政府办公室` are
//! taken as one body across years unless both publish in the same year (see [`group_by_identity`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::regions::{PROVINCES, province_of_place};

/// Admin suffixes that end an agency name.
const AGENCY_SUFFIXES: [&str; 24] = [
    "人民政府",
    "办公厅",
    "办公室",
    "办事处",
    "管委会",
    "管理委员会",
    "委员会",
    "局",
    "厅",
    "委",
    "署",
    "中心",
    "院",
    "部",
    "所",
    "站",
    "队",
    "会",
    "处",
    "社",
    "馆",
    "行",
    "司",
    "办",
];
/// Region names governed by a 管委会 rather than an 人民政府.
const ZONE_SUFFIXES: [&str; 10] = [
    "实验区",
    "开发区",
    "高新区",
    "示范区",
    "试验区",
    "新区",
    "合作区",
    "园区",
    "管理区",
    "保税区",
];

/// Normalises an agency name: `鞍山市政府` → `鞍山市人民政府`, a bare region `开原市` →
/// `开原市人民政府` (the report of the region's own government), `…街道` → `…街道办事处`.
pub fn normalize_agency(name: &str) -> String {
    let n: String = name
        .chars()
        .filter(|c| !c.is_whitespace() && !"《》“”\"'「」:|".contains(*c))
        .collect();
    if n.ends_with("人民政府") || (AGENCY_SUFFIXES.iter().any(|s| n.ends_with(s)) && !n.ends_with("政府")) {
        return n;
    }
    if let Some(base) = n.strip_suffix("政府") {
        return format!("{base}人民政府");
    }
    if ZONE_SUFFIXES.iter().any(|s| n.ends_with(s)) {
        return n;
    }
    if n.ends_with("街道") {
        return format!("{n}办事处");
    }
    if n.ends_with(['市', '县', '区', '旗', '州', '盟', '省', '镇', '乡']) {
        return format!("{n}人民政府");
    }
    n
}

/// The region of an agency: the name up to its last 省/市/区/县/旗/州/盟 before the agency part
/// (`西安市雁塔区漳浒寨街道办事处` → `西安市雁塔区`).
pub fn region_of(agency: &str) -> Option<String> {
    let stops = [
        "人民政府",
        "政府",
        "街道",
        "管委会",
        "管理委员会",
        "办公",
        "委员会",
        "市场",
        // Words that end in a place suffix but name no place (`莆田市城市管理局`).
        "城市",
        "市政",
        "市民",
        "区划",
    ];
    let cut = stops
        .iter()
        .filter_map(|s| agency.find(s))
        .min()
        .unwrap_or(agency.len());
    let head = agency.get(..cut)?;
    let mut end = None;
    for (i, c) in head.char_indices() {
        if "省市区县旗州盟".contains(c) {
            end = Some(i + c.len_utf8());
        }
    }
    // A township (镇/乡) keeps its county-level region.
    let region = head.get(..end.unwrap_or(cut))?;
    (region.chars().count() >= 2).then(|| region.to_string())
}

/// Whether a name ends like an agency or a zone.
pub fn has_admin_suffix(name: &str) -> bool {
    AGENCY_SUFFIXES.iter().any(|s| name.ends_with(s)) || ZONE_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// The administrative level of a reporting agency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// A province-level government (省、自治区、直辖市).
    Province,
    /// A prefecture-level government (设区的市、自治州、盟).
    City,
    /// A county-level government (县、县级市、市辖区、旗, and zones run by a 管委会).
    County,
    /// A township or street office (乡、镇、街道).
    Township,
    /// A department of a government (局、委、办…), or a central department.
    Department,
}

impl Level {
    /// Short English name.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
            Level::Township => "township",
            Level::Department => "department",
        }
    }
}

const DEPARTMENT_SUFFIXES: [&str; 16] = [
    "局",
    "委员会",
    "委",
    "厅",
    "办公室",
    "办",
    "中心",
    "院",
    "署",
    "部",
    "所",
    "站",
    "队",
    "会",
    "馆",
    "社",
];

/// Whether a region name is a province (`辽宁省`, `上海市`, `广西壮族自治区`).
fn is_province(region: &str) -> bool {
    PROVINCES.iter().any(|(_, n, _)| {
        let rest = region.strip_prefix(n);
        rest == Some("省")
            || (matches!(*n, "北京" | "天津" | "上海" | "重庆") && rest == Some("市"))
            || (rest.is_some() && region.ends_with("自治区") && region.chars().count() <= 12)
    })
}

/// Whether a region name is a prefecture-level place (`鞍山市`, `辽宁省鞍山市`, `延边朝鲜族自治州`).
fn is_prefecture(region: &str) -> bool {
    let r = PROVINCES
        .iter()
        .find_map(|(_, n, _)| region.strip_prefix(n).and_then(|r| r.strip_prefix('省')))
        .unwrap_or(region);
    if r.is_empty() || r.contains('区') && !r.ends_with("地区") || r.contains('县') {
        return false;
    }
    if r.ends_with("自治州") || r.ends_with('盟') || r.ends_with("地区") {
        return true;
    }
    let Some(base) = r.strip_suffix('市') else {
        return false;
    };
    !base.contains('市') && province_of_place(base).is_some() && !is_province(region)
}

/// The level of an agency, from its name and region.
pub fn level(agency: &str, region: Option<&str>) -> Option<Level> {
    let a = agency;
    if a.ends_with("街道办事处") || a.ends_with("街道") || a.ends_with("镇人民政府") || a.ends_with("乡人民政府")
    {
        return Some(Level::Township);
    }
    let government = a.ends_with("人民政府") || a.ends_with("管委会") || a.ends_with("管理委员会") || region == Some(a);
    if !government && DEPARTMENT_SUFFIXES.iter().any(|s| a.ends_with(s)) {
        return Some(Level::Department);
    }
    let region = region?;
    if is_province(region) {
        Some(Level::Province)
    } else if is_prefecture(region) {
        Some(Level::City)
    } else {
        Some(Level::County)
    }
}

/// Whether the agency may make 规章 (立法法: 国务院部门, and the governments of provinces and of
/// 设区的市/自治州), or is the office that publishes them for such a government.
pub fn may_make_regulations(agency: &str, region: Option<&str>) -> bool {
    let own_office = ["人民政府办公厅", "人民政府办公室", "政府办公厅"]
        .iter()
        .any(|s| agency.ends_with(s));
    match level(agency, region) {
        Some(Level::Province | Level::City) => true,
        Some(Level::Department) if own_office => region.is_some_and(|r| is_province(r) || is_prefecture(r)),
        // A central department has no region in its name.
        Some(Level::Department) => region.is_none() && province_of_place(agency).is_none(),
        _ => false,
    }
}

/// The key under which reports of one body are grouped: the normalised name without a trailing
/// 办公室/办公厅 of a government.
pub fn identity_key(agency: &str) -> String {
    let n = normalize_agency(agency);
    for office in ["人民政府办公室", "人民政府办公厅"] {
        if let Some(base) = n.strip_suffix(office) {
            return format!("{base}人民政府");
        }
    }
    n
}

/// Groups reports by agency identity. `items` are (agency name, division code, year, index).
/// Name variants share a group; a group splits by full name when two of its names publish in the
/// same year (two bodies), and by division code when both codes are known and differ.
pub fn group_by_identity(items: &[(String, Option<String>, Option<u16>, usize)]) -> Vec<Vec<usize>> {
    // Names repeat (one per year): each distinct name is normalised once.
    let mut keys: std::collections::HashMap<&str, (String, String)> = std::collections::HashMap::new();
    for (name, ..) in items {
        keys.entry(name.as_str())
            .or_insert_with(|| (identity_key(name), normalize_agency(name)));
    }
    let key_of = |m: usize| items.get(m).and_then(|i| keys.get(i.0.as_str()));
    let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for pos in 0..items.len() {
        if let Some((k, _)) = key_of(pos) {
            by_key.entry(k.as_str()).or_default().push(pos);
        }
    }
    let mut out = Vec::new();
    for (_, members) in by_key {
        // Split by division code where codes conflict.
        let mut by_code: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
        for &m in &members {
            let code = items.get(m).and_then(|i| i.1.as_deref());
            by_code.entry(code).or_default().push(m);
        }
        let known = by_code.keys().filter(|k| k.is_some()).count();
        let groups: Vec<Vec<usize>> = if known <= 1 {
            vec![members]
        } else {
            // Codes disagree: one group per code (reports without a code form their own group).
            by_code.into_values().collect()
        };
        for g in groups {
            let name = |m: usize| key_of(m).map_or("", |(_, n)| n.as_str());
            let year = |m: usize| items.get(m).and_then(|i| i.2);
            // Two different names publishing for the same year are two bodies.
            let clash = g.iter().any(|&a| {
                g.iter()
                    .any(|&b| a != b && year(a).is_some() && year(a) == year(b) && name(a) != name(b))
            });
            if clash {
                let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
                for m in g {
                    by_name.entry(name(m)).or_default().push(m);
                }
                out.extend(by_name.into_values());
            } else {
                out.push(g);
            }
        }
    }
    out.into_iter()
        .map(|g| g.into_iter().filter_map(|p| items.get(p).map(|i| i.3)).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels() {
        assert_eq!(level("鞍山市人民政府", Some("鞍山市")), Some(Level::City));
        assert_eq!(level("开原市人民政府", Some("开原市")), Some(Level::County));
        assert_eq!(level("上海市人民政府", Some("上海市")), Some(Level::Province));
        assert_eq!(level("上海市人民政府办公厅", Some("上海市")), Some(Level::Department));
        assert_eq!(
            level("西安市雁塔区漳浒寨街道办事处", Some("西安市雁塔区")),
            Some(Level::Township)
        );
        assert_eq!(level("西安市雁塔区人民政府", Some("西安市雁塔区")), Some(Level::County));
        assert_eq!(level("平潭综合实验区", Some("平潭综合实验区")), Some(Level::County));
        assert_eq!(level("开原市教育局", Some("开原市")), Some(Level::Department));
    }

    #[test]
    fn regulation_power() {
        assert!(may_make_regulations("鞍山市人民政府", Some("鞍山市")));
        assert!(may_make_regulations("上海市人民政府办公厅", Some("上海市")));
        assert!(may_make_regulations("工业和信息化部", None));
        assert!(!may_make_regulations(
            "西安市雁塔区漳浒寨街道办事处",
            Some("西安市雁塔区")
        ));
        assert!(!may_make_regulations("开原市人民政府", Some("开原市")));
        assert!(!may_make_regulations("开原市教育局", Some("开原市")));
    }

    #[test]
    fn identity_survives_variants_without_merging_bodies() {
        let it = |n: &str, y: u16, i: usize| (n.to_string(), None, Some(y), i);
        let g = group_by_identity(&[
            it("鞍山市政府", 2019, 0),
            it("鞍山市人民政府", 2020, 1),
            it("鞍山市人民政府办公室", 2021, 2),
            it("鞍山市", 2022, 3),
        ]);
        assert_eq!(g, vec![vec![0, 1, 2, 3]]);
        // Government and its office both publish for 2023: two bodies.
        let g = group_by_identity(&[
            it("上海市人民政府", 2023, 0),
            it("上海市人民政府办公厅", 2023, 1),
            it("上海市人民政府", 2022, 2),
        ]);
        assert_eq!(g.len(), 2);
        assert!(g.contains(&vec![0, 2]));
        // Same name, different division codes: different places.
        let g = group_by_identity(&[
            ("朝阳区人民政府".into(), Some("110105".into()), Some(2022), 0),
            ("朝阳区人民政府".into(), Some("220104".into()), Some(2023), 1),
        ]);
        assert_eq!(g.len(), 2);
    }
}
