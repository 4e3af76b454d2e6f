//! Cross-year rules over reports of one agency in consecutive years: 上年结转 against last
//! year's 结转下年度 (W1), 现行有效 continuity (W2), 2019→2020 item counts (W4).

use super::{Finding, RuleId, finding};
use crate::model::agency::group_by_identity;
use crate::model::catalog::{T2_COLS, t1_row_label, t2_key};
use crate::model::{CellState, KeyId, Num, Report, TableId, Template, catalog};
use crate::msg;

/// A cell for arithmetic: blank counts as 0, unread cells as unknown.
fn val(r: &Report, key: Option<KeyId>) -> Option<Num> {
    let f = r.figures.get(key?)?;
    match (f.value, f.state) {
        (Some(v), _) => Some(v),
        (None, CellState::Blank) => Some(Num::ZERO),
        _ => None,
    }
}

/// The last component of a path (either separator).
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn t1(row: &str, col: &str) -> Option<KeyId> {
    catalog().cell(TableId::T1, row, col)
}

/// Whether the cross-year rules read a cell (`上年结转`/`结转下年度` and table 1): a report
/// holding only these cells gives the same cross-year findings as the whole report.
pub fn reads(key: KeyId) -> bool {
    let d = key.def();
    d.table == TableId::T1 || (d.table == TableId::T2 && matches!(d.row, "carried_in" | "carried_out"))
}

/// Whether a report can take part in the cross-year rules at all.
pub fn eligible(template: Template, agency: Option<&str>, year: Option<u16>) -> bool {
    template != Template::Pre2019 && agency.is_some() && year.is_some()
}

/// Consecutive-year pairs (earlier, later) of the same agency, as indices into `reports`.
pub fn consecutive_pairs(reports: &[Report]) -> Vec<(usize, usize)> {
    let items: Vec<(String, Option<String>, Option<u16>, usize)> = reports
        .iter()
        .enumerate()
        .filter(|(_, r)| eligible(r.meta.template, r.meta.agency.as_deref(), r.meta.year))
        .filter_map(|(i, r)| Some((r.meta.agency.clone()?, r.meta.division_code.clone(), r.meta.year, i)))
        .collect();
    let mut pairs = Vec::new();
    for group in group_by_identity(&items) {
        for &a in &group {
            for &b in &group {
                let (Some(ya), Some(yb)) = (
                    reports.get(a).and_then(|r| r.meta.year),
                    reports.get(b).and_then(|r| r.meta.year),
                ) else {
                    continue;
                };
                if yb == ya + 1 {
                    pairs.push((a, b));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

/// The cross-year rules over every consecutive pair.
pub fn run(reports: &[Report]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (a, b) in consecutive_pairs(reports) {
        if let (Some(prev), Some(cur)) = (reports.get(a), reports.get(b)) {
            out.extend(check_pair(prev, cur));
        }
    }
    out
}

/// The cross-year rules for one pair (last year, this year); findings belong to this year.
pub fn check_pair(prev: &Report, cur: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    let prev_name = file_name(&prev.meta.source.path);
    let prev_year = prev.meta.year.map_or_else(|| "?".to_string(), |y| y.to_string());
    // W1: per column.
    for col in T2_COLS.iter().map(|c| c.key) {
        let (kin, kout) = (t2_key("carried_in", col), t2_key("carried_out", col));
        let (Some(now), Some(then)) = (val(cur, kin), val(prev, kout)) else {
            continue;
        };
        if now != then {
            let message = msg!(
                "msg.xy_carry",
                col = crate::model::catalog::t2_col_label(col),
                now = now,
                year = prev_year.as_str(),
                file = prev_name,
                then = then,
            );
            let keys = kin.map(|k| vec![k.name().to_string()]).unwrap_or_default();
            out.push(finding(cur, RuleId::XyCarry, keys, Some(then), Some(now), message));
        }
    }
    out.extend(super::prose::copied(prev, cur, &prev_year, prev_name));
    let both = |t: Template| prev.meta.template == t && cur.meta.template == t;
    // W2: both on the 2021 template.
    if both(Template::Tpl2021) {
        for row in ["regulations", "normative_docs"] {
            let (Some(before), Some(issued), Some(repealed), Some(now)) = (
                val(prev, t1(row, "in_force")),
                val(cur, t1(row, "issued")),
                val(cur, t1(row, "repealed")),
                val(cur, t1(row, "in_force")),
            ) else {
                continue;
            };
            let Some(expected) = before.checked_add(issued).and_then(|x| x.checked_sub(repealed)) else {
                continue;
            };
            if now != expected {
                let message = msg!(
                    "msg.xy_in_force",
                    row = t1_row_label(row, cur.meta.template),
                    now = now,
                    before = before,
                    issued = issued,
                    repealed = repealed,
                    expected = expected,
                );
                let keys = ["issued", "repealed", "in_force"]
                    .iter()
                    .filter_map(|c| t1(row, c).map(|k| k.name().to_string()))
                    .collect();
                out.push(finding(
                    cur,
                    RuleId::XyInForce,
                    keys,
                    Some(expected),
                    Some(now),
                    message,
                ));
            }
        }
    }
    // W4: both on the 2019 template.
    if both(Template::Tpl2019) {
        let rows = [
            ("art20_5", "admin_licensing"),
            ("art20_5", "other_external_services"),
            ("art20_6", "admin_penalty"),
            ("art20_6", "admin_coercion"),
            ("art20_8", "admin_fees"),
        ];
        for (_, row) in rows {
            let (Some(prev_items), Some(change), Some(now)) = (
                val(prev, t1(row, "prev_year_items")),
                val(prev, t1(row, "items_change")),
                val(cur, t1(row, "prev_year_items")),
            ) else {
                continue;
            };
            let Some(expected) = prev_items.checked_add(change) else {
                continue;
            };
            if now != expected {
                let message = msg!(
                    "msg.xy_items_2019",
                    row = t1_row_label(row, cur.meta.template),
                    now = now,
                    before = prev_items,
                    change = change,
                    expected = expected,
                );
                let keys = t1(row, "prev_year_items")
                    .map(|k| vec![k.name().to_string()])
                    .unwrap_or_default();
                out.push(finding(
                    cur,
                    RuleId::XyItems2019,
                    keys,
                    Some(expected),
                    Some(now),
                    message,
                ));
            }
        }
    }
    out
}
