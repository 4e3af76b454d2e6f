//! Rules on single values and table 1: kinds of numbers (E8–E10), blank cells (W7), 现行有效
//! floor (W3), 2019 publication counts (W5), the fee's unit (W10).

use super::{Arg, Check, RuleId, more};
use crate::model::agency::{Level, level};
use crate::model::catalog::{t1_row_label, t2_row_label};
use crate::model::{CellState, KeyId, Num, TableId, ValueKind, catalog, key};
use crate::msg;

/// Runs the value rules.
pub fn run(c: &mut Check<'_>) {
    kinds(c);
    blank_cells(c);
    if c.applies(RuleId::InForceFloor) {
        in_force_floor(c);
    }
    if c.applies(RuleId::PublishedLeTotal) {
        published_le_total(c);
    }
    if c.applies(RuleId::FeeUnit) {
        fee_unit(c);
    }
}

/// E8 (counts: integers ≥ 0), E9 (amounts ≥ 0), E10 (signed changes: integers).
fn kinds(c: &mut Check<'_>) {
    let cells: Vec<(KeyId, Num, ValueKind)> = c
        .report
        .figures
        .iter()
        .filter_map(|(k, f)| f.value.map(|v| (k, v, k.def().kind)))
        .collect();
    for (k, v, kind) in cells {
        let (rule, ok, what) = match kind {
            ValueKind::Count => (RuleId::NonnegInt, v.is_integer() && !v.is_negative(), "msg.must_count"),
            ValueKind::Amount => (RuleId::NonnegDecimal, !v.is_negative(), "msg.must_amount"),
            ValueKind::Signed => (RuleId::SignedInt, v.is_integer(), "msg.must_signed"),
        };
        if !ok && c.applies(rule) {
            c.push(
                rule,
                &[k],
                None,
                Some(v),
                msg!("msg.value_kind", cell = k.label(c.tpl), value = v, what = msg!(what)),
            );
        }
    }
}

/// W7: the blank cells of each table, once per table.
fn blank_cells(c: &mut Check<'_>) {
    let tpl = c.tpl;
    let all_blanks: Vec<KeyId> = c
        .report
        .figures
        .iter()
        .filter(|(k, f)| f.value.is_none() && f.state == CellState::Blank && k.def().in_template(tpl))
        .map(|(k, _)| k)
        .collect();
    for t in TableId::ALL {
        let blanks: Vec<KeyId> = all_blanks.iter().copied().filter(|k| k.def().table == t).collect();
        if blanks.is_empty() {
            continue;
        }
        let mut rows: Vec<String> = Vec::new();
        for k in &blanks {
            let d = k.def();
            let r = match t {
                TableId::T3 => d.col_label.to_string(),
                TableId::T2 => t2_row_label(d.row, tpl),
                TableId::T1 => t1_row_label(d.row, tpl).to_string(),
            };
            if !rows.contains(&r) {
                rows.push(r);
            }
        }
        let shown: Vec<Arg> = rows.iter().take(5).map(|r| Arg::Text(r.clone())).collect();
        let message = msg!(
            "msg.blank_cells",
            n = blanks.len(),
            table = t.as_str(),
            title = t.title(),
            rows = shown,
            more = more(rows.len(), 5),
        );
        c.push(RuleId::BlankCells, &blanks, None, None, message);
    }
}

fn t1(row: &str, col: &str) -> Option<KeyId> {
    catalog().cell(TableId::T1, row, col)
}

/// W3: 现行有效 ≥ 本年制发 − 本年废止.
fn in_force_floor(c: &mut Check<'_>) {
    for row in ["regulations", "normative_docs"] {
        let keys: Vec<KeyId> = ["issued", "repealed", "in_force"]
            .iter()
            .filter_map(|col| t1(row, col))
            .collect();
        let label = t1_row_label(row, c.tpl);
        let Some(v) = c.values(RuleId::InForceFloor, label, &keys) else {
            continue;
        };
        let [issued, repealed, in_force] = v.as_slice() else {
            continue;
        };
        let Some(floor) = issued.checked_sub(*repealed) else {
            continue;
        };
        if *in_force < floor {
            let message = msg!(
                "msg.in_force_floor",
                row = label,
                in_force = *in_force,
                issued = *issued,
                repealed = *repealed,
                floor = floor,
            );
            c.push(RuleId::InForceFloor, &keys, Some(floor), Some(*in_force), message);
        }
    }
}

/// W5: 本年新公开 ≤ 对外公开总数, and usually ≤ 本年新制作.
fn published_le_total(c: &mut Check<'_>) {
    for row in ["regulations", "normative_docs"] {
        for (other, name) in [("total_published", "对外公开总数"), ("newly_made", "本年新制作")] {
            let keys: Vec<KeyId> = ["newly_published", other]
                .iter()
                .filter_map(|col| t1(row, col))
                .collect();
            let label = t1_row_label(row, c.tpl);
            let Some(v) = c.values(RuleId::PublishedLeTotal, label, &keys) else {
                continue;
            };
            let [published, bound] = v.as_slice() else { continue };
            if published > bound {
                let message = msg!(
                    "msg.published_le_total",
                    row = label,
                    published = *published,
                    name = name,
                    bound = *bound,
                );
                c.push(RuleId::PublishedLeTotal, &keys, Some(*bound), Some(*published), message);
            }
        }
    }
}

/// W10: 收费金额 in 元 rather than 万元, implausibly large for the level, or over 4 decimals.
fn fee_unit(c: &mut Check<'_>) {
    let Some(k) = key("t1.art20_8.admin_fees.amount_wan_yuan") else {
        return;
    };
    let Some(fig) = c.report.figures.get(k) else { return };
    let Some(v) = fig.value else { return };
    let raw = fig.raw.clone().unwrap_or_default();
    let m = &c.report.meta;
    let limit_wan = match m.agency.as_deref().and_then(|a| level(a, m.region.as_deref())) {
        Some(Level::Province) => 100_000_000,
        Some(Level::City) => 10_000_000,
        _ => 1_000_000,
    };
    let mut why = Vec::new();
    if raw.contains('元') && !raw.contains("万元") {
        why.push(Arg::Msg(msg!("msg.fee_in_yuan", raw = raw.as_str())));
    }
    if v > Num::int(limit_wan) {
        why.push(Arg::Msg(msg!("msg.fee_large", value = v)));
    }
    if v.scale() > 4 {
        why.push(Arg::Msg(msg!(
            "msg.fee_decimals",
            value = v,
            n = usize::from(v.scale())
        )));
    }
    if !why.is_empty() {
        let message = msg!("msg.fee_unit", why = why);
        c.push(RuleId::FeeUnit, &[k], None, Some(v), message);
    }
}
