//! Table 2 arithmetic (E1–E4) and missing totals (W8), with table 3's group sums (E5–E7).

use super::{Check, RuleId, Term, sum};
use crate::model::catalog::{
    T2_COLS, T3_COLS, t2_col_label, t2_grid, t2_group_items, t2_key, t2_outcome_rows, t2_row_ids, t2_row_label, t3_key,
};
use crate::model::{KeyId, Num, TableId};
use crate::msg;

const COLS: usize = 7;

fn col_keys() -> impl Iterator<Item = &'static str> {
    T2_COLS.iter().map(|c| c.key)
}

/// Runs the table-2 and table-3 sum rules.
pub fn run(c: &mut Check<'_>) {
    if !c.report.figures.has_table(TableId::T2) {
        not_assessable_table(c, TableId::T2);
    } else {
        missing_totals_t2(c);
        row_totals(c);
        column_balance(c);
        results_total(c);
        group_subtotals(c);
    }
    if !c.report.figures.has_table(TableId::T3) {
        not_assessable_table(c, TableId::T3);
    } else {
        t3_sums(c);
    }
}

fn not_assessable_table(c: &mut Check<'_>, t: TableId) {
    let message = msg!("msg.table_absent", table = t.as_str(), title = t.title());
    c.push_named(RuleId::NotAssessable, Vec::new(), None, None, message);
}

fn is_nonzero(c: &Check<'_>, k: KeyId) -> bool {
    matches!(c.cell(k), Term::Val(v) if !v.is_zero())
}

/// W8 for table 2: a blank 总计 with non-zero parts (per row), and a blank （七）总计 with
/// non-zero outcome cells (per column). The blank total is marked incomplete.
fn missing_totals_t2(c: &mut Check<'_>) {
    let tpl = c.tpl;
    for (_, ids) in t2_grid(tpl) {
        let Some((&total, parts)) = ids.split_last() else {
            continue;
        };
        if c.cell(total) != Term::Blank {
            continue;
        }
        if parts.iter().any(|&k| is_nonzero(c, k)) {
            report_missing_total(c, total, parts);
        }
    }
    let outcomes = outcome_ids(tpl);
    let Some(totals) = t2_row_ids(tpl, "results_total") else {
        return;
    };
    for (ci, &total) in totals.iter().enumerate() {
        if c.cell(total) != Term::Blank {
            continue;
        }
        let parts: Vec<KeyId> = outcomes.iter().filter_map(|ids| ids.get(ci).copied()).collect();
        if parts.iter().any(|&k| is_nonzero(c, k)) {
            report_missing_total(c, total, &parts);
        }
    }
}

/// The key ids of the outcome rows of a template, row by row (computed once per template).
fn outcome_ids(tpl: crate::model::Template) -> &'static [[KeyId; COLS]] {
    use std::sync::LazyLock;
    fn build(tpl: crate::model::Template) -> Vec<[KeyId; COLS]> {
        let outcomes = t2_outcome_rows(tpl);
        t2_grid(tpl)
            .iter()
            .filter(|(k, _)| outcomes.contains(k))
            .map(|(_, ids)| *ids)
            .collect()
    }
    static O2021: LazyLock<Vec<[KeyId; COLS]>> = LazyLock::new(|| build(crate::model::Template::Tpl2021));
    static O2019: LazyLock<Vec<[KeyId; COLS]>> = LazyLock::new(|| build(crate::model::Template::Tpl2019));
    match tpl {
        crate::model::Template::Tpl2021 => &O2021,
        crate::model::Template::Tpl2019 => &O2019,
        crate::model::Template::Pre2019 => &[],
    }
}

fn report_missing_total(c: &mut Check<'_>, total: KeyId, parts: &[KeyId]) {
    let nums: Vec<Num> = parts
        .iter()
        .filter_map(|&k| match c.cell(k) {
            Term::Val(v) => Some(v),
            _ => None,
        })
        .collect();
    let s = sum(&nums);
    c.mark_incomplete(total);
    let mut keys = vec![total];
    keys.extend(parts.iter().copied().filter(|&k| is_nonzero(c, k)));
    let message = msg!(
        "msg.total_missing",
        total = total.label(c.tpl),
        sum = s.map_or("?".into(), |v| v.to_string()),
    );
    c.push(RuleId::TotalMissing, &keys, s, None, message);
}

/// E2: 总计 = the six applicant columns, per row.
fn row_totals(c: &mut Check<'_>) {
    for (row, ids) in t2_grid(c.tpl) {
        let keys: &[KeyId] = ids;
        let label = t2_row_label(row, c.tpl);
        let Some(v) = c.values(RuleId::T2RowTotal, &label, keys) else {
            continue;
        };
        let (Some((&total, parts)), Some(_)) = (v.split_last(), keys.last()) else {
            continue;
        };
        let Some(s) = sum(parts) else { continue };
        if s != total {
            let message = msg!(
                "msg.t2_row_total",
                row = label,
                total = total,
                parts = join(parts),
                sum = s
            );
            c.push(RuleId::T2RowTotal, keys, Some(s), Some(total), message);
        }
    }
}

/// E1: per column, 本年新收 + 上年结转 = （七）总计 + 结转下年度.
fn column_balance(c: &mut Check<'_>) {
    let rows: Vec<[KeyId; COLS]> = ["new_received", "carried_in", "results_total", "carried_out"]
        .iter()
        .filter_map(|r| t2_row_ids(c.tpl, r))
        .collect();
    for (ci, col) in col_keys().enumerate() {
        let keys: Vec<KeyId> = rows.iter().filter_map(|ids| ids.get(ci).copied()).collect();
        let Some(v) = c.values(RuleId::T2ColBalance, t2_col_label(col), &keys) else {
            continue;
        };
        let [a, b, r, o] = v.as_slice() else { continue };
        let (Some(lhs), Some(rhs)) = (a.checked_add(*b), r.checked_add(*o)) else {
            continue;
        };
        if lhs != rhs {
            let message = msg!(
                "msg.t2_col_balance",
                col = t2_col_label(col),
                a = *a,
                b = *b,
                lhs = lhs,
                r = *r,
                o = *o,
                rhs = rhs,
            );
            c.push(RuleId::T2ColBalance, &keys, Some(rhs), Some(lhs), message);
        }
    }
}

/// E3: per column, （七）总计 = the sum of the outcome rows.
fn results_total(c: &mut Check<'_>) {
    let outcomes = outcome_ids(c.tpl);
    let Some(totals) = t2_row_ids(c.tpl, "results_total") else {
        return;
    };
    for (ci, (col, &total)) in col_keys().zip(totals.iter()).enumerate() {
        let mut keys = vec![total];
        keys.extend(outcomes.iter().filter_map(|ids| ids.get(ci).copied()));
        let Some(v) = c.values(RuleId::T2ResultsTotal, t2_col_label(col), &keys) else {
            continue;
        };
        let Some((&t, parts)) = v.split_first() else { continue };
        let Some(s) = sum(parts) else { continue };
        if s != t {
            let message = msg!(
                "msg.t2_results_total",
                col = t2_col_label(col),
                total = t,
                n = parts.len(),
                sum = s,
            );
            c.push(RuleId::T2ResultsTotal, &keys, Some(s), Some(t), message);
        }
    }
}

/// E4: a value printed on a group row equals the sum of its items, per column.
fn group_subtotals(c: &mut Check<'_>) {
    let tpl = c.tpl;
    let groups: Vec<(String, Vec<Option<Num>>)> = c
        .report
        .extra_rows
        .iter()
        .filter(|e| e.table == TableId::T2)
        .filter_map(|e| e.group.clone().map(|g| (g, e.read.clone())))
        .collect();
    for (group, values) in groups {
        if values.len() != COLS {
            continue;
        }
        let items = if group == "results" {
            t2_outcome_rows(tpl)
        } else {
            t2_group_items(&group, tpl)
        };
        if items.is_empty() {
            continue;
        }
        for (col, read) in col_keys().zip(&values) {
            // A blank or unreadable cell of the group row states nothing to check.
            let Some(printed) = *read else { continue };
            let keys: Vec<KeyId> = items.iter().filter_map(|r| t2_key(r, col)).collect();
            let group_label = t2_row_label(&group, tpl);
            let scope = format!("{group_label}/{}", t2_col_label(col));
            let Some(v) = c.values(RuleId::T2GroupSubtotal, &scope, &keys) else {
                continue;
            };
            let Some(s) = sum(&v) else { continue };
            if s != printed {
                let mut names = vec![format!("t2.{group}.{col}")];
                names.extend(keys.iter().map(|k| k.name().to_string()));
                let message = msg!(
                    "msg.t2_group_subtotal",
                    group = group_label,
                    col = t2_col_label(col),
                    printed = printed,
                    sum = s,
                );
                c.push_named(RuleId::T2GroupSubtotal, names, Some(s), Some(printed), message);
            }
        }
    }
}

/// E5–E7: each table-3 group's 总计 = its four outcome cells (W8 when the total is blank).
fn t3_sums(c: &mut Check<'_>) {
    let groups = [
        (RuleId::T3ReviewSum, 0usize, "行政复议"),
        (RuleId::T3LitDirectSum, 5, "未经复议直接起诉"),
        (RuleId::T3LitAfterSum, 10, "复议后起诉"),
    ];
    for (rule, start, name) in groups {
        let keys: Vec<KeyId> = T3_COLS
            .iter()
            .skip(start)
            .take(5)
            .filter_map(|col| t3_key(col.key))
            .collect();
        let (Some(&total), Some(parts)) = (keys.last(), keys.get(..4)) else {
            continue;
        };
        if c.cell(total) == Term::Blank && parts.iter().any(|&k| is_nonzero(c, k)) {
            let parts = parts.to_vec();
            report_missing_total(c, total, &parts);
            continue;
        }
        let Some(v) = c.values(rule, name, &keys) else { continue };
        let Some((&t, parts)) = v.split_last() else { continue };
        let Some(s) = sum(parts) else { continue };
        if s != t {
            let message = msg!("msg.t3_sum", group = name, total = t, parts = join(parts), sum = s);
            c.push(rule, &keys, Some(s), Some(t), message);
        }
    }
}

/// Numbers as a sum: `1 + 0 + 2`.
fn join(v: &[Num]) -> String {
    v.iter().map(ToString::to_string).collect::<Vec<_>>().join(" + ")
}
