//! A region's, a level's or a year's totals: the reports of the library grouped by province, by
//! city (the first four digits of the division code) or by level, with the sums of tables 2 and
//! 3, how many reports are behind each sum and how many of them fail a hard rule, and the rates
//! evaluators use. A sum with a report that could not give its figure is marked `*` and not
//! ranked (its value is `None`); a rate over a base under the minimum is shown in brackets and
//! not ranked. Sums over reports with errors are marked as errors.

use super::{Cell, Column, ColumnKind, Grid, Row, RowKind};
use crate::i18n::Lang;
use crate::library::Library;
use crate::model::agency::Level;
use crate::model::catalog::{T2_COLS, t2_group_items, t2_key};
use crate::model::{CellState, KeyId, Num, Template, key};
use crate::rules::Severity;
use crate::tr;

/// How reports are grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    /// By province.
    Province,
    /// By city: the first four digits of the division code (reports without one are apart).
    City,
    /// By level (省级, 市级, 县级, 乡镇（街道）, 部门).
    Level,
}

impl By {
    /// The next grouping (the explorer's `v`).
    pub fn next(self) -> By {
        match self {
            By::Province => By::City,
            By::City => By::Level,
            By::Level => By::Province,
        }
    }

    /// Its name in a language.
    pub fn label(self, lang: Lang) -> String {
        lang.tr(match self {
            By::Province => "rollup.by_province",
            By::City => "rollup.by_city",
            By::Level => "rollup.by_level",
        })
        .into_owned()
    }
}

/// A summed figure: the catalogue key of its header and the cells whose values it adds.
struct Sum {
    header: &'static str,
    keys: fn(Template) -> Vec<KeyId>,
}

fn one(name: &'static str) -> Vec<KeyId> {
    key(name).into_iter().collect()
}

fn items(group: &str, tpl: Template) -> Vec<KeyId> {
    t2_group_items(group, tpl)
        .into_iter()
        .filter_map(|r| t2_key(r, "total"))
        .collect()
}

/// The sums, in column order (their positions are used by the rates below).
const SUMS: [Sum; 12] = [
    Sum {
        header: "rollup.new_received",
        keys: |_| one("t2.new_received.total"),
    },
    Sum {
        header: "rollup.carried_in",
        keys: |_| one("t2.carried_in.total"),
    },
    Sum {
        header: "rollup.granted",
        keys: |_| one("t2.granted.total"),
    },
    Sum {
        header: "rollup.partially_granted",
        keys: |_| one("t2.partially_granted.total"),
    },
    Sum {
        header: "rollup.denied",
        keys: |t| items("denied", t),
    },
    Sum {
        header: "rollup.unable",
        keys: |t| items("unable", t),
    },
    Sum {
        header: "rollup.results_total",
        keys: |_| one("t2.results_total.total"),
    },
    Sum {
        header: "rollup.carried_out",
        keys: |_| one("t2.carried_out.total"),
    },
    Sum {
        header: "rollup.review",
        keys: |_| one("t3.review_total"),
    },
    Sum {
        header: "rollup.review_corrected",
        keys: |_| one("t3.review_corrected"),
    },
    Sum {
        header: "rollup.litigation",
        keys: |_| [one("t3.lit_direct_total"), one("t3.lit_after_review_total")].concat(),
    },
    Sum {
        header: "rollup.litigation_corrected",
        keys: |_| [one("t3.lit_direct_corrected"), one("t3.lit_after_review_corrected")].concat(),
    },
];

/// A rate: its header key, the sums (by position) over the sums of its base.
struct Rate {
    header: &'static str,
    top: &'static [usize],
    base: &'static [usize],
}

/// 实质公开率 = (予以公开 + 部分公开) / （七）总计; 不予公开率; 无法提供率; 行政复议纠错率 = 纠正 /
/// (维持 + 纠正 + 其他); 行政诉讼纠错率 likewise; 结转率 = 结转下年度 / (本年新收 + 上年结转).
/// Positions 12 and 13 are the decided cases of [`decided`].
const RATES: [Rate; 6] = [
    Rate {
        header: "rollup.rate_open",
        top: &[2, 3],
        base: &[6],
    },
    Rate {
        header: "rollup.rate_denied",
        top: &[4],
        base: &[6],
    },
    Rate {
        header: "rollup.rate_unable",
        top: &[5],
        base: &[6],
    },
    Rate {
        header: "rollup.rate_review",
        top: &[9],
        base: &[12],
    },
    Rate {
        header: "rollup.rate_litigation",
        top: &[11],
        base: &[13],
    },
    Rate {
        header: "rollup.rate_carried",
        top: &[7],
        base: &[0, 1],
    },
];

/// The decided cases of table 3 (维持 + 纠正 + 其他), appended after the sums: the bases of the
/// 纠错率.
fn decided() -> [Vec<KeyId>; 2] {
    let keys = |names: &[&str]| names.iter().filter_map(|n| key(n)).collect::<Vec<KeyId>>();
    [
        keys(&["t3.review_upheld", "t3.review_corrected", "t3.review_other"]),
        keys(&[
            "t3.lit_direct_upheld",
            "t3.lit_direct_corrected",
            "t3.lit_direct_other",
            "t3.lit_after_review_upheld",
            "t3.lit_after_review_corrected",
            "t3.lit_after_review_other",
        ]),
    ]
}

/// One group's running totals.
#[derive(Default)]
struct Acc {
    reports: usize,
    with_errors: usize,
    /// Per sum (and the two decided-case totals): the total of what was read, and whether some
    /// report could not give its part.
    sums: Vec<(Num, bool)>,
}

impl Acc {
    fn add(&mut self, values: &[Option<Num>], errors: bool) {
        if self.sums.len() < values.len() {
            self.sums.resize(values.len(), (Num::ZERO, false));
        }
        self.reports += 1;
        self.with_errors += usize::from(errors);
        for (slot, v) in self.sums.iter_mut().zip(values) {
            match v.and_then(|v| slot.0.checked_add(v)) {
                Some(total) => slot.0 = total,
                None => slot.1 = true,
            }
        }
    }

    fn sum(&self, i: usize) -> Option<Num> {
        self.sums.get(i).filter(|s| !s.1).map(|s| s.0)
    }
}

/// A report's value for a sum: blank counts as 0, an unreadable or absent cell makes it unknown.
/// A blank table-2 总计 is the sum of its row's six applicant cells (reports that leave the total
/// column empty still say their numbers).
fn value_of(figures: &crate::model::Figures, keys: &[KeyId]) -> Option<Num> {
    if keys.is_empty() {
        return None;
    }
    keys.iter().try_fold(Num::ZERO, |acc, &k| {
        let f = figures.get(k)?;
        let v = match (f.value, f.state) {
            (Some(v), _) => v,
            (None, CellState::Blank) => blank_total(figures, k)?,
            _ => return None,
        };
        acc.checked_add(v)
    })
}

/// The value of a blank cell: for a table-2 总计 the sum of its row's applicant cells, else 0.
fn blank_total(figures: &crate::model::Figures, k: KeyId) -> Option<Num> {
    let d = k.def();
    if d.table != crate::model::TableId::T2 || d.col != "total" {
        return Some(Num::ZERO);
    }
    T2_COLS
        .iter()
        .filter(|c| c.key != "total")
        .try_fold(Num::ZERO, |acc, c| {
            let f = figures.get(t2_key(d.row, c.key)?)?;
            match (f.value, f.state) {
                (Some(v), _) => acc.checked_add(v),
                (None, CellState::Blank) => Some(acc),
                _ => None,
            }
        })
}

/// A rate in percent, `None` when a part is unknown or the base is 0.
pub fn rate(top: &[Option<Num>], base: &[Option<Num>]) -> Option<f64> {
    let t: f64 = top.iter().map(|v| v.map(|v| v.to_f64())).sum::<Option<f64>>()?;
    let b: f64 = base.iter().map(|v| v.map(|v| v.to_f64())).sum::<Option<f64>>()?;
    (b > 0.0).then(|| t / b * 100.0)
}

/// The name of a report's group.
fn group_name(lib: &Library, i: usize, by: By, lang: Lang) -> String {
    let Some(e) = lib.entries.get(i) else {
        return "?".into();
    };
    match by {
        By::Province => e.province.as_deref().unwrap_or("?").to_string(),
        By::Level => e.level.map_or("?".into(), |l: Level| {
            lang.tr(&format!("level.{}", l.as_str())).into_owned()
        }),
        By::City => e.division_code.as_deref().and_then(|c| c.get(..4)).map_or_else(
            || lang.tr("rollup.no_code").into_owned(),
            |prefix| {
                let province = e.province.as_deref().unwrap_or("");
                format!("{province} {prefix}")
            },
        ),
    }
}

/// The formula of a rate column with the group's own sums, for the line under the roll-up:
/// `实质公开率 = (予以公开 80 + 部分公开 35) / 办理结果总计 248 = 46.4%`. `None` for a column that
/// is not a rate.
pub fn rate_formula(row: &Row, column: usize, lang: Lang) -> Option<String> {
    let r = RATES.get(column.checked_sub(2 + SUMS.len())?)?;
    let part = |i: usize| -> String {
        match SUMS.get(i) {
            Some(s) => {
                let v = row.cells.get(2 + i).map_or("", |c| c.text.as_str());
                format!("{} {v}", lang.tr(s.header))
            }
            // The decided cases of table 3 are not columns: named, not counted here.
            None if i == SUMS.len() => lang.tr("rollup.decided_review").into_owned(),
            None => lang.tr("rollup.decided_litigation").into_owned(),
        }
    };
    let sum = |idx: &[usize]| {
        let parts: Vec<String> = idx.iter().map(|&i| part(i)).collect();
        if parts.len() > 1 {
            format!("({})", parts.join(" + "))
        } else {
            parts.join("")
        }
    };
    let value = row.cells.get(column).map_or("", |c| c.text.as_str());
    let value = if value.is_empty() { "—" } else { value };
    Some(format!(
        "{} = {} / {} = {value}",
        lang.tr(r.header),
        sum(r.top),
        sum(r.base)
    ))
}

/// The roll-up of the reports `visible` (the browse list's, filters applied) of one year (or all).
pub fn rollup(lib: &Library, visible: &[usize], by: By, year: Option<u16>, min_base: f64, lang: Lang) -> Grid {
    let mut groups: Vec<(String, Acc)> = Vec::new();
    let sum_keys = |tpl: Template| -> Vec<Vec<KeyId>> {
        let mut all: Vec<Vec<KeyId>> = SUMS.iter().map(|s| (s.keys)(tpl)).collect();
        all.extend(decided());
        all
    };
    // One report per agency and year: of two files of the same report, the first counts.
    let repeated: std::collections::HashSet<usize> = lib
        .duplicates
        .iter()
        .flat_map(|d| {
            let first = d.iter().copied().min();
            d.iter().copied().filter(move |&i| Some(i) != first)
        })
        .collect();
    // Per template: the keys of each sum, and which cells to decode (with the six applicant
    // cells of each table-2 row, for a blank 总计), as a table indexed by key id.
    let plan = |tpl: Template| {
        let keys = sum_keys(tpl);
        let mut wanted = vec![false; crate::model::catalog().len()];
        for k in keys.iter().flatten() {
            let d = k.def();
            let row: Vec<KeyId> = if d.table == crate::model::TableId::T2 {
                T2_COLS.iter().filter_map(|c| t2_key(d.row, c.key)).collect()
            } else {
                vec![*k]
            };
            for r in row {
                if let Some(w) = wanted.get_mut(usize::from(r.0)) {
                    *w = true;
                }
            }
        }
        (keys, wanted)
    };
    let (plan_2021, plan_2019) = (plan(Template::Tpl2021), plan(Template::Tpl2019));
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for &i in visible {
        let Some(e) = lib.entries.get(i) else { continue };
        if year.is_some() && e.year != year || e.template == Template::Pre2019 || repeated.contains(&i) {
            continue;
        }
        let (keys, wanted) = match e.template {
            Template::Tpl2019 => &plan_2019,
            _ => &plan_2021,
        };
        let figures = e.figures_where(|k| wanted.get(usize::from(k.0)).copied().unwrap_or(false));
        let values: Vec<Option<Num>> = keys.iter().map(|k| value_of(&figures, k)).collect();
        let name = group_name(lib, i, by, lang);
        let pos = match index.get(&name) {
            Some(&p) => p,
            None => {
                index.insert(name.clone(), groups.len());
                groups.push((name, Acc::default()));
                groups.len() - 1
            }
        };
        if let Some((_, acc)) = groups.get_mut(pos) {
            acc.add(&values, e.errors > 0);
        }
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    let mut total = Acc::default();
    for (_, acc) in &groups {
        total.reports += acc.reports;
        total.with_errors += acc.with_errors;
        if total.sums.len() < acc.sums.len() {
            total.sums.resize(acc.sums.len(), (Num::ZERO, false));
        }
        for (t, s) in total.sums.iter_mut().zip(&acc.sums) {
            match t.0.checked_add(s.0) {
                Some(v) => *t = (v, t.1 || s.1),
                None => t.1 = true,
            }
        }
    }
    let mut columns = vec![
        Column::new(lang.tr("rollup.reports"), ColumnKind::Count),
        Column::new(lang.tr("rollup.with_errors"), ColumnKind::Count),
    ];
    columns.extend(SUMS.iter().map(|s| Column::new(lang.tr(s.header), ColumnKind::Value)));
    columns.extend(
        RATES
            .iter()
            .map(|r| Column::new(lang.tr(r.header), ColumnKind::Percent)),
    );
    let row = |name: String, acc: &Acc, kind: RowKind| {
        let mark = (acc.with_errors > 0).then_some(Severity::Error);
        let mut cells = vec![
            Cell::number(Some(Num::int(i64::try_from(acc.reports).unwrap_or(i64::MAX)))),
            Cell::number(Some(Num::int(i64::try_from(acc.with_errors).unwrap_or(i64::MAX)))),
        ];
        for i in 0..SUMS.len() {
            let (v, incomplete) = acc.sums.get(i).copied().unwrap_or((Num::ZERO, true));
            cells.push(Cell {
                text: if incomplete { format!("{v}*") } else { v.to_string() },
                value: (!incomplete).then_some(v),
                rule: mark,
                ..Cell::default()
            });
        }
        let get = |i: usize| acc.sum(i);
        for r in &RATES {
            let top: Vec<Option<Num>> = r.top.iter().map(|&i| get(i)).collect();
            let base: Vec<Option<Num>> = r.base.iter().map(|&i| get(i)).collect();
            let base_total: f64 = base.iter().flatten().map(|v| v.to_f64()).sum();
            let cell = match rate(&top, &base) {
                Some(p) if base_total >= min_base => Cell {
                    text: format!("{p:.1}%"),
                    value: Num::parse(&format!("{p:.1}")),
                    ..Cell::default()
                },
                // Over a small base: shown, in brackets, never ranked.
                Some(p) => Cell::text(format!("({p:.1}%)")),
                None => Cell::default(),
            };
            cells.push(cell);
        }
        Row {
            kind,
            label: name,
            cells,
        }
    };
    let mut rows: Vec<Row> = groups
        .iter()
        .map(|(n, acc)| row(n.clone(), acc, RowKind::Figure))
        .collect();
    rows.push(row(lang.tr("rollup.total").into_owned(), &total, RowKind::Figure));
    let mut notes = vec![tr!(lang, "rollup.note_rates", min = min_base)];
    if groups.iter().any(|(_, a)| a.sums.iter().any(|s| s.1)) {
        notes.push(lang.tr("rollup.note_incomplete").into_owned());
    }
    Grid {
        title: tr!(
            lang,
            "rollup.title",
            by = by.label(lang),
            year = year.map_or_else(|| lang.tr("rollup.all_years").into_owned(), |y| y.to_string())
        ),
        label_header: by.label(lang),
        columns,
        rows,
        notes,
    }
}

/// Two groups of a roll-up side by side (the compare view of two regions or levels): one row per
/// column of the roll-up — reports, reports with errors, each sum, each rate — with A, B, Δ,
/// Δ% and the large-change mark of the sums. A sum that is incomplete (`123*`) has no Δ; the Δ
/// of a rate is in percentage points and has no Δ%. `None` when a row is not in the grid.
pub fn compare_groups(g: &Grid, a: &str, b: &str, t: &crate::compare::Thresholds, lang: Lang) -> Option<Grid> {
    use super::Side;
    use crate::compare::{Change, delta};
    let find = |name: &str| g.rows.iter().find(|r| r.label == name);
    let (ra, rb) = (find(a)?, find(b)?);
    let side = |header: &str, s: Side| Column {
        side: Some(s),
        ..Column::new(format!("{} {header}", s.letter()), ColumnKind::Value)
    };
    let columns = vec![
        side(a, Side::A),
        side(b, Side::B),
        Column::new("Δ", ColumnKind::Delta),
        Column::new("Δ%", ColumnKind::Percent),
        Column::new(lang.tr("grid.flags"), ColumnKind::Flags),
    ];
    let rows = g
        .columns
        .iter()
        .enumerate()
        .map(|(c, col)| {
            let (ca, cb) = (
                ra.cells.get(c).cloned().unwrap_or_default(),
                rb.cells.get(c).cloned().unwrap_or_default(),
            );
            let (d, pct) = delta(ca.value, cb.value);
            let rate = col.kind == ColumnKind::Percent;
            let change = if rate { None } else { t.flag(ca.value, cb.value) };
            let delta_cell = Cell {
                text: match (d, rate) {
                    (Some(d), true) => format!("{:+.1}", d.to_f64()),
                    (Some(d), false) => d.to_string(),
                    (None, _) => String::new(),
                },
                value: d,
                change,
                ..Cell::default()
            };
            let pct_cell = match (pct, rate) {
                (Some(p), false) => Cell::text(format!("{p:+.1}%")),
                _ => Cell::default(),
            };
            let flags = Cell::text(match change {
                Some(Change::Increase) => "UP",
                Some(Change::Decrease) => "DOWN",
                None => "",
            });
            Row {
                kind: RowKind::Figure,
                label: col.header.clone(),
                cells: vec![ca, cb, delta_cell, pct_cell, flags],
            }
        })
        .collect();
    let mut notes = g.notes.clone();
    notes.insert(0, tr!(lang, "rollup.compare_note", title = g.title.as_str()));
    Some(Grid {
        title: tr!(lang, "rollup.compare_title", a = a, b = b),
        label_header: lang.tr("grid.row").into_owned(),
        columns,
        rows,
        notes,
    })
}
