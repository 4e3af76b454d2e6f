//! Table 3 (行政复议、行政诉讼): 15 values in order after the header (format-spec §2.3: header
//! cells are too often truncated to be matched, so values are assigned by position), read by the
//! placement engine under the table's three sums (four results make each 总计).

use std::ops::Range;

use super::assign::{RowFigures, row_figures};
use super::normalize::label_key;
use super::place::readings;
use super::rows::Ctx;
use super::split::SumGroup;
use super::tables::TableOut;
use super::tokens::{TokKind, Unit};
use crate::model::catalog::{T3_COLS, t3_key};
use crate::model::{Figure, Warning, WarningCode};

const COLS: usize = 15;
const GROUPS: [SumGroup; 3] = [
    SumGroup { start: 0, len: 5 },
    SumGroup { start: 5, len: 5 },
    SumGroup { start: 10, len: 5 },
];

/// A run of value positions uninterrupted by labels.
struct Run {
    slots: Vec<usize>,
    after_label: Option<usize>,
}

fn runs(ctx: &Ctx<'_>, toks: Range<usize>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut last_label = None;
    let mut open = false;
    for i in toks {
        match ctx.kind(i) {
            Some(TokKind::Label) => {
                last_label = Some(i);
                open = false;
            }
            Some(_) => {
                if !open {
                    out.push(Run {
                        slots: Vec::new(),
                        after_label: last_label,
                    });
                    open = true;
                }
                if let Some(r) = out.last_mut() {
                    r.slots.push(i);
                }
            }
            None => {}
        }
    }
    out
}

/// Values such as `5件` come from prose, not from a table cell.
fn is_prose(ctx: &Ctx<'_>, run: &Run) -> bool {
    run.slots
        .iter()
        .any(|&t| ctx.text(t).ends_with(['件', '项', '个', '元']))
}

fn after_header(ctx: &Ctx<'_>, run: &Run) -> bool {
    run.after_label.is_some_and(|l| {
        let k = label_key(ctx.text(l));
        k.ends_with(['计', '结', '果', '持', '正'])
    })
}

/// Reads table 3 in a region of the document.
pub fn read_t3(ctx: &Ctx<'_>, region: &Range<usize>) -> TableOut {
    let mut out = TableOut::default();
    let all = runs(ctx, ctx.token_range(region));
    let table_runs: Vec<&Run> = all.iter().filter(|r| !is_prose(ctx, r)).collect();
    let chosen = table_runs
        .iter()
        .position(|r| after_header(ctx, r))
        .or_else(|| table_runs.iter().position(|r| r.slots.len() >= COLS))
        .or(if table_runs.is_empty() { None } else { Some(0) });
    let keys: Vec<_> = T3_COLS
        .iter()
        .filter_map(|c| t3_key(c.key).map(|k| (k, c.kind)))
        .collect();
    let Some(ci) = chosen else {
        out.warnings.push(Warning::new(
            WarningCode::ShortRow,
            "table 3: no values found after its header",
            ctx.loc(ctx.token_range(region).start),
        ));
        for &(k, _) in &keys {
            out.figures.push((k, Figure::unknown(None, "no values found")));
        }
        return out;
    };
    for r in table_runs.iter().skip(ci + 1) {
        let vals: Vec<String> = r.slots.iter().map(|&t| ctx.raw(t)).collect();
        if r.slots.iter().any(|&t| ctx.kind(t) == Some(TokKind::Value)) {
            out.warnings.push(Warning::new(
                WarningCode::StrayValues,
                format!("values `{}` after table 3 belong to no cell", vals.join(" ")),
                r.slots.first().and_then(|&t| ctx.loc(t)),
            ));
        }
    }
    let Some(run) = table_runs.get(ci) else { return out };
    let slots: Vec<_> = run.slots.iter().map(|&t| ctx.slot(t)).collect();
    let read = readings(&slots, COLS, ctx.channel, &GROUPS, false);
    let units = [Unit::Plain; COLS];
    let row = RowFigures {
        label: "table 3",
        at: run.slots.first().and_then(|&t| ctx.loc(t)),
        keys: &keys,
        units: &units,
        toks: &run.slots,
        readings: &read,
        viable: None,
        note: None,
    };
    row_figures(ctx, &row, &mut out);
    out
}
