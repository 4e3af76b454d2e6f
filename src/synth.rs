//! Synthetic reports for benchmarks and tests: many agencies over many years, both templates,
//! consistent tables with a chosen share made inconsistent on purpose. Deterministic by seed.

#![allow(clippy::cast_possible_truncation)] // generated years and indices, bounded by construction

use crate::model::agency::region_of;
use crate::model::catalog::{T2_COLS, T3_COLS, t2_key, t2_outcome_rows, t3_key};
use crate::model::{
    CellState, Figure, Figures, KeyId, Layout, Meta, Num, Report, Source, SourceFormat, TableId, Template, ValueKind,
    catalog, parser_id,
};

/// A small deterministic random generator (xorshift64*).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is replaced by a fixed odd constant).
    pub fn new(seed: u64) -> Rng {
        Rng(if seed == 0 { 0x9E37_79B9_7F4A_7C15 } else { seed })
    }

    /// Next raw value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A value in `0..n` (0 when n is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// True with probability `p` per mille.
    pub fn per_mille(&mut self, p: u64) -> bool {
        self.below(1000) < p
    }
}

const PLACES: [&str; 24] = [
    "开原市",
    "鞍山市",
    "淳化县",
    "张家港市",
    "淮安市",
    "铁岭市",
    "咸阳市",
    "苏州市",
    "西安市雁塔区",
    "平潭综合实验区",
    "沈阳市和平区",
    "大连市",
    "昆山市",
    "常熟市",
    "宝鸡市",
    "渭南市",
    "抚顺市",
    "本溪市",
    "丹东市",
    "锦州市",
    "营口市",
    "阜新市",
    "辽阳市",
    "盘锦市",
];
const BODIES: [&str; 8] = [
    "人民政府",
    "教育局",
    "公安局",
    "财政局",
    "自然资源局",
    "生态环境局",
    "卫生健康委员会",
    "市场监督管理局",
];

/// The name of synthetic agency number `i` (stable; many agencies reuse real place names).
pub fn agency_name(i: usize) -> String {
    let place = PLACES.get(i % PLACES.len()).copied().unwrap_or("测试市");
    let body = BODIES
        .get((i / PLACES.len()) % BODIES.len())
        .copied()
        .unwrap_or("人民政府");
    let round = i / (PLACES.len() * BODIES.len());
    if round == 0 {
        format!("{place}{body}")
    } else {
        format!("{place}第{round}{body}")
    }
}

fn value(v: Num) -> Figure {
    Figure {
        value: Some(v),
        state: CellState::Read,
        raw: None,
        at: None,
        note: None,
    }
}

fn put(f: &mut Figures, k: Option<KeyId>, v: u64) {
    if let Some(k) = k {
        f.insert(k, value(Num::int(i64::try_from(v).unwrap_or(i64::MAX))));
    }
}

fn consistent_t2(f: &mut Figures, tpl: Template, rng: &mut Rng) {
    let outcomes = t2_outcome_rows(tpl);
    let cols: Vec<&str> = T2_COLS.iter().take(6).map(|c| c.key).collect();
    let mut totals = [0u64; 5]; // new, carried_in, results, carried_out, (unused)
    let mut per_outcome = vec![0u64; outcomes.len()];
    for (ci, col) in cols.iter().enumerate() {
        let scale = if ci == 0 { 200 } else { 10 };
        let new = rng.below(scale);
        let carried_in = rng.below(scale / 10 + 1);
        let carried_out = rng.below((new + carried_in) / 5 + 1).min(new + carried_in);
        let results = new + carried_in - carried_out;
        put(f, t2_key("new_received", col), new);
        put(f, t2_key("carried_in", col), carried_in);
        put(f, t2_key("carried_out", col), carried_out);
        put(f, t2_key("results_total", col), results);
        let mut left = results;
        for (oi, row) in outcomes.iter().enumerate() {
            let v = if oi + 1 == outcomes.len() {
                left
            } else {
                rng.below(left / 3 + 1)
            };
            left -= v;
            put(f, t2_key(row, col), v);
            if let Some(x) = per_outcome.get_mut(oi) {
                *x += v;
            }
        }
        if let Some(t) = totals.get_mut(..4) {
            for (t, v) in t.iter_mut().zip([new, carried_in, results, carried_out]) {
                *t += v;
            }
        }
    }
    for (i, row) in ["new_received", "carried_in", "results_total", "carried_out"]
        .iter()
        .enumerate()
    {
        put(f, t2_key(row, "total"), totals.get(i).copied().unwrap_or(0));
    }
    for (oi, row) in outcomes.iter().enumerate() {
        put(f, t2_key(row, "total"), per_outcome.get(oi).copied().unwrap_or(0));
    }
}

fn consistent_t3(f: &mut Figures, rng: &mut Rng) {
    for g in 0..3 {
        let mut total = 0;
        for c in T3_COLS.iter().skip(g * 5).take(4) {
            let v = rng.below(6);
            total += v;
            put(f, t3_key(c.key), v);
        }
        put(f, T3_COLS.get(g * 5 + 4).and_then(|c| t3_key(c.key)), total);
    }
}

fn t1(f: &mut Figures, tpl: Template, rng: &mut Rng) {
    for k in catalog()
        .ids()
        .filter(|k| k.def().table == TableId::T1 && k.def().in_template(tpl))
    {
        let v = match k.def().kind {
            ValueKind::Amount => Num::new(i64::try_from(rng.below(10_000_000)).unwrap_or(0), 2),
            ValueKind::Signed => Some(Num::int(i64::try_from(rng.below(40)).unwrap_or(0) - 20)),
            ValueKind::Count => Some(Num::int(i64::try_from(rng.below(5000)).unwrap_or(0))),
        };
        if let Some(v) = v {
            f.insert(k, value(v));
        }
    }
}

/// One synthetic report of agency `agency` for `year`; `broken` perturbs one table-2 cell so
/// that the table's arithmetic fails.
pub fn report(agency: usize, year: u16, broken: bool, rng: &mut Rng) -> Report {
    let tpl = if year <= 2020 {
        Template::Tpl2019
    } else {
        Template::Tpl2021
    };
    let mut f = Figures::default();
    t1(&mut f, tpl, rng);
    consistent_t2(&mut f, tpl, rng);
    consistent_t3(&mut f, rng);
    if broken {
        let outcomes = t2_outcome_rows(tpl);
        let row = outcomes
            .get(rng.below(outcomes.len() as u64) as usize)
            .copied()
            .unwrap_or("granted");
        if let Some(k) = t2_key(row, "natural_person") {
            let v = f.value(k).unwrap_or(Num::ZERO);
            put(&mut f, Some(k), v.as_i64().map_or(1, |x| x.unsigned_abs() + 1));
        }
    }
    let name = agency_name(agency);
    Report {
        schema: 1,
        parser: parser_id(),
        meta: Meta {
            region: region_of(&name),
            agency: Some(name),
            year: Some(year),
            template: tpl,
            published: Some(format!("{}-01-{:02}", year + 1, 10 + rng.below(18))),
            division_code: None,
            province: None,
            source: Source {
                path: format!("synthetic/{agency:06}-{year}.json"),
                format: SourceFormat::Text,
                layout: Some(Layout::A),
                encoding: None,
                sha256: String::new(),
                bytes: 0,
            },
        },
        figures: f,
        extra_rows: Vec::new(),
        claims: Vec::new(),
        sections: Vec::new(),
        warnings: Vec::new(),
    }
}

/// `n` synthetic reports over `n / years` agencies and consecutive years from 2019, with
/// `broken_per_mille` of them inconsistent on purpose.
pub fn corpus(n: usize, years: u16, broken_per_mille: u64, seed: u64) -> Vec<Report> {
    let mut rng = Rng::new(seed);
    let years = years.max(1);
    (0..n)
        .map(|i| {
            let agency = i / usize::from(years);
            let year = 2019 + (i % usize::from(years)) as u16;
            let broken = rng.per_mille(broken_per_mille);
            report(agency, year, broken, &mut rng)
        })
        .collect()
}

/// A piece of a rendered report: a line of text or a table (rows of cells).
enum Piece {
    Line(String),
    Table(Vec<Vec<String>>),
}

fn cell_text(r: &Report, key: Option<crate::model::KeyId>) -> String {
    key.and_then(|k| r.figures.get(k))
        .and_then(|f| f.value)
        .map_or_else(String::new, |v| v.to_string())
}

/// The report as a published page would carry it: title and date, section headings, the three
/// tables with their header rows (a filler line stands for the prose).
fn pieces(r: &Report) -> Vec<Piece> {
    use crate::model::catalog::{RowKind, T1_BLOCKS, T1_ROWS, T2_COLS, T2_ROWS, T3_COLS};
    let tpl = r.meta.template;
    let agency = r.meta.agency.clone().unwrap_or_default();
    let year = r.meta.year.map_or(String::new(), |y| y.to_string());
    let mut out = vec![
        Piece::Line(format!("{agency}{year}年政府信息公开工作年度报告")),
        Piece::Line(format!("发布日期：{}", r.meta.published.clone().unwrap_or_default())),
        Piece::Line("一、总体情况".into()),
        Piece::Line("（合成报告：正文从略。）".into()),
        Piece::Line("二、主动公开政府信息情况".into()),
    ];
    let mut t1 = Vec::new();
    for (block, title) in T1_BLOCKS {
        let rows: Vec<_> = T1_ROWS
            .iter()
            .filter(|x| x.row.block == block && !x.cols(tpl).is_empty())
            .collect();
        let Some(first) = rows.first() else { continue };
        t1.push(vec![title.to_string()]);
        let mut head = vec!["信息内容".to_string()];
        head.extend(first.cols(tpl).iter().map(|c| c.label.to_string()));
        t1.push(head);
        for x in rows {
            let mut row = vec![x.label(tpl).to_string()];
            row.extend(
                x.cols(tpl)
                    .iter()
                    .map(|c| cell_text(r, catalog().id(&format!("t1.{block}.{}.{}", x.row.key, c.key)))),
            );
            t1.push(row);
        }
    }
    out.push(Piece::Table(t1));
    out.push(Piece::Line("三、收到和处理政府信息公开申请情况".into()));
    let mut t2 = vec![
        vec![
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）".to_string(),
            "申请人情况".to_string(),
        ],
        vec!["自然人".into(), "法人或其他组织".into(), "总计".into()],
        T2_COLS.iter().skip(1).take(5).map(|c| c.label.to_string()).collect(),
    ];
    for row in &T2_ROWS {
        match row.kind(tpl) {
            RowKind::Group => t2.push(vec![row.label.to_string()]),
            RowKind::Value => {
                let mut cells = vec![row.label.to_string()];
                cells.extend(T2_COLS.iter().map(|c| cell_text(r, t2_key(row.key, c.key))));
                t2.push(cells);
            }
            RowKind::Absent => {}
        }
    }
    out.push(Piece::Table(t2));
    out.push(Piece::Line("四、政府信息公开行政复议、行政诉讼情况".into()));
    let parts = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut third: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
    third.extend(parts.iter().chain(parts.iter()).map(|p| p.to_string()));
    let mut second: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
    second.extend(["未经复议直接起诉".to_string(), "复议后起诉".to_string()]);
    out.push(Piece::Table(vec![
        vec!["行政复议".into(), "行政诉讼".into()],
        second,
        third.into_iter().skip(5).collect(),
        T3_COLS.iter().map(|c| cell_text(r, t3_key(c.key))).collect(),
    ]));
    out.push(Piece::Line("五、政府信息公开工作存在的主要问题及改进情况".into()));
    out.push(Piece::Line("（合成报告：正文从略。）".into()));
    out
}

/// A synthetic report rendered as a raw input of a layout (format-spec §7.2): an HTML page, or
/// scraped text in layout A (cell per line with ` |`), C (cell per paragraph) or E (cells run
/// together). Returns the file extension and the bytes; `None` for layouts not rendered.
pub fn raw(r: &Report, layout: Layout) -> Option<(&'static str, Vec<u8>)> {
    let pieces = pieces(r);
    let mut s = String::new();
    match layout {
        Layout::Html => {
            s.push_str("<html><head><meta charset=\"utf-8\"></head><body>\n");
            for p in &pieces {
                match p {
                    Piece::Line(l) => s.push_str(&format!("<p>{l}</p>\n")),
                    Piece::Table(rows) => {
                        s.push_str("<table>\n");
                        for row in rows {
                            s.push_str("<tr>");
                            for c in row {
                                s.push_str(&format!("<td>{}</td>", if c.is_empty() { "&nbsp;" } else { c }));
                            }
                            s.push_str("</tr>\n");
                        }
                        s.push_str("</table>\n");
                    }
                }
            }
            s.push_str("</body></html>\n");
            return Some(("html", s.into_bytes()));
        }
        Layout::A | Layout::C | Layout::E => {}
        _ => return None,
    }
    for p in &pieces {
        match p {
            Piece::Line(l) => {
                s.push_str(l);
                s.push_str(if layout == Layout::C { "\n\n" } else { "\n" });
            }
            Piece::Table(rows) => {
                for row in rows {
                    match layout {
                        Layout::A => {
                            for c in row {
                                s.push_str(&format!("{c} |\n"));
                            }
                        }
                        Layout::C => {
                            for c in row.iter().filter(|c| !c.is_empty()) {
                                s.push_str(&format!("{c}\n\n"));
                            }
                        }
                        _ => s.push_str(&row.concat()),
                    }
                }
                if layout == Layout::E {
                    s.push('\n');
                }
            }
        }
    }
    Some(("txt", s.into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Severity, check_report};

    #[test]
    fn consistent_unless_broken() {
        let mut rng = Rng::new(7);
        for i in 0..40 {
            let year = 2019 + (i % 5) as u16;
            let ok = report(i, year, false, &mut rng);
            let errors: Vec<_> = check_report(&ok)
                .into_iter()
                .filter(|f| f.severity == Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{errors:?}");
            let bad = report(i, year, true, &mut rng);
            assert!(check_report(&bad).iter().any(|f| f.severity == Severity::Error));
        }
    }
}

#[cfg(test)]
mod raw_tests {
    use super::*;

    /// Rendered in each layout and read back, a synthetic report gives back its figures. In
    /// layout E (cells run together) table 1's multi-column rows have no sum to split them by:
    /// they may stay blank (never guessed), but nothing read may be wrong.
    #[test]
    fn every_layout_reads_back() {
        let mut rng = Rng::new(11);
        for layout in [Layout::Html, Layout::A, Layout::C, Layout::E] {
            let mut wrong = Vec::new();
            for i in 0..30 {
                let year = 2019 + (i % 5) as u16;
                let broken = layout != Layout::E && i % 4 == 0;
                let r = report(i, year, broken, &mut rng);
                let Some((ext, bytes)) = raw(&r, layout) else { continue };
                let back = match crate::ingest::ingest_bytes(&bytes, &format!("synthetic.{ext}")) {
                    Ok(b) => b,
                    Err(e) => {
                        wrong.push(format!("{layout:?} #{i}: {}", e.kind));
                        continue;
                    }
                };
                assert_eq!(back.meta.agency, r.meta.agency, "{layout:?} #{i}");
                assert_eq!(back.meta.year, r.meta.year, "{layout:?} #{i}");
                for (k, f) in r.figures.iter() {
                    let got = back.figures.get(k).and_then(|g| g.value);
                    let undecidable = layout == Layout::E && k.def().table == TableId::T1 && got.is_none();
                    if got != f.value && !undecidable {
                        wrong.push(format!("{layout:?} #{i} {}: {:?} read as {:?}", k.name(), f.value, got));
                    }
                }
            }
            assert!(
                wrong.is_empty(),
                "{} differences, first: {:?}",
                wrong.len(),
                wrong.iter().take(8).collect::<Vec<_>>()
            );
        }
    }
}
