//! Synthetic reports for benchmarks and tests: many agencies over many years, both templates,
//! consistent tables with a chosen share made inconsistent on purpose. Deterministic by seed.

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
