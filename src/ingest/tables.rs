//! Tables 1 and 2: rows found by label, and each row's values read into the template's columns
//! by the placement engine ([`super::place`]) under the table's own arithmetic: the row total
//! for every row of table 2, then the column balance and the result sums across its rows.

use std::ops::Range;

use super::assign::{RowFigures, row_figures};
use super::columns::Columns;
use super::normalize::label_key;
use super::place::solve::{Verdict, balance};
use super::place::{Cell, Reading, RowReadings, Src, Val, readings};
use super::rows::{Anchor, Ctx, Item, LabelText, Span, find_anchors, span};
use super::segment::{Part, resegment};
use super::split::SumGroup;
use super::tokens::{Parsed, TokKind, Unit, parse_value};
use crate::model::Num;
use crate::model::catalog::{ColDef, RowKind, T1_BLOCKS, T1_ROWS, T2_COLS, T2_ROWS, t2_outcome_rows};
use crate::model::{ExtraRow, Figure, KeyId, Layout, TableId, Template, ValueKind, Warning, WarningCode, catalog};

/// What reading one table gave.
#[derive(Debug, Default)]
pub struct TableOut {
    /// Standard cells.
    pub figures: Vec<(KeyId, Figure)>,
    /// Labelled rows outside the template, and values printed on group rows.
    pub extra: Vec<ExtraRow>,
    /// Problems met.
    pub warnings: Vec<Warning>,
}

/// One row to look for.
struct Spec {
    item: Item,
    label: &'static str,
    cols: &'static [ColDef],
}

fn t1_specs(tpl: Template) -> Vec<Spec> {
    let mut out = Vec::new();
    for (block, title) in T1_BLOCKS {
        let rows: Vec<&'static crate::model::catalog::T1Row> = T1_ROWS
            .iter()
            .filter(|r| r.row.block == block && !r.cols(tpl).is_empty())
            .collect();
        if rows.is_empty() {
            continue;
        }
        out.push(Spec {
            item: Item {
                key: block,
                sigs: block_sigs(block),
                is_value: false,
            },
            label: title,
            cols: &[],
        });
        for r in rows {
            out.push(Spec {
                item: Item {
                    key: r.row.key,
                    sigs: r.row.signatures,
                    is_value: true,
                },
                label: r.row.label,
                cols: r.cols(tpl),
            });
        }
    }
    out
}

fn block_sigs(block: &str) -> &'static [&'static str] {
    match block {
        "art20_1" => &["第二十条第(一)项", "第(一)项"],
        "art20_5" => &["第二十条第(五)项", "第(五)项"],
        "art20_6" => &["第二十条第(六)项", "第(六)项"],
        "art20_8" => &["第二十条第(八)项", "第(八)项"],
        "art20_9" => &["第二十条第(九)项", "第(九)项"],
        _ => &[],
    }
}

fn t2_specs(tpl: Template) -> Vec<Spec> {
    T2_ROWS
        .iter()
        .filter(|r| r.kind(tpl) != RowKind::Absent)
        .map(|r| {
            let is_value = r.kind(tpl) == RowKind::Value;
            Spec {
                item: Item {
                    key: r.key,
                    sigs: r.signatures,
                    is_value,
                },
                label: r.label,
                cols: if is_value { &T2_COLS } else { &[] },
            }
        })
        .collect()
}

/// Reads table 1 in a region of the document.
pub fn read_t1(ctx: &Ctx<'_>, region: &Range<usize>, tpl: Template) -> TableOut {
    read_table(ctx, region, TableId::T1, &t1_specs(tpl), None)
}

/// Reads table 2 in a region of the document.
pub fn read_t2(ctx: &Ctx<'_>, region: &Range<usize>, tpl: Template) -> TableOut {
    read_table(ctx, region, TableId::T2, &t2_specs(tpl), Some(tpl))
}

const T2_ROW_SUM: [SumGroup; 1] = [SumGroup { start: 0, len: 7 }];

/// A value row found, and what the engine made of its tokens.
struct Found {
    spec: usize,
    label_tok: usize,
    toks: Vec<usize>,
    readings: RowReadings,
    units: Vec<Unit>,
    moved_in: bool,
}

fn read_table(
    ctx: &Ctx<'_>,
    region: &Range<usize>,
    table: TableId,
    specs: &[Spec],
    t2_tpl: Option<Template>,
) -> TableOut {
    let mut out = TableOut::default();
    let toks = ctx.token_range(region);
    let lt = LabelText::build(ctx, toks.clone(), region);
    let items: Vec<Item> = specs.iter().map(|s| s.item).collect();
    let anchors = find_anchors(&lt, &items);
    let mut spans: Vec<Span> = anchors
        .iter()
        .enumerate()
        .map(|(j, a)| span(ctx, a.tok, anchors.get(j + 1).map_or(toks.end, |n| n.tok)))
        .collect();
    // Which rows got their numbers from the line before their label.
    let mut moved_in = vec![false; anchors.len()];
    if matches!(ctx.doc.layout, Layout::PdfText | Layout::Pdf) {
        resplit(ctx, table, specs, &anchors, &mut spans, &mut moved_in, toks.clone());
    }
    let columns = pdf_columns(ctx, table, specs, &anchors, &spans, toks.clone());
    let groups: &[SumGroup] = if table == TableId::T2 { &T2_ROW_SUM } else { &[] };
    let mut found: Vec<Found> = Vec::new();
    let mut header_unit = Unit::Plain;
    let mut prev_end = toks.start;
    for (j, (a, sp)) in anchors.iter().zip(&spans).enumerate() {
        let Some(spec) = specs.get(a.item) else { continue };
        if spec.cols.is_empty() {
            // A block title starts a new header; its unit applies to the block's rows.
            header_unit = Unit::Plain;
            // A lone `/` in a header (`本年增` `/` `减`) is not a value of the group.
            if sp.slots.iter().any(|&t| ctx.kind(t) == Some(TokKind::Value)) {
                out.extra.push(ExtraRow {
                    table,
                    label: spec.label.to_string(),
                    values: sp.slots.iter().map(|&t| ctx.raw(t)).collect(),
                    read: sp.slots.iter().map(|&t| read_number(&ctx.raw(t))).collect(),
                    group: Some(spec.item.key.to_string()),
                    at: ctx.loc(a.tok),
                });
            }
            prev_end = a.tok;
            continue;
        }
        if table == TableId::T1 {
            header_unit = header_unit_between(ctx, prev_end, a.tok).unwrap_or(header_unit);
        }
        prev_end = sp.slots.last().map_or(a.tok, |&t| t + 1);
        let n = spec.cols.len();
        let mut slots: Vec<usize> = sp.slots.clone();
        while slots.len() > n && slots.last().is_some_and(|&t| ctx.kind(t) == Some(TokKind::Null)) {
            slots.pop();
        }
        // Values after a label that interrupts a row (`…数量 3 0 3 (注：…) 5`) belong to no row.
        if slots.len() > n && sp.label_before.get(n).copied().unwrap_or(false) {
            let first_break = sp.label_before.iter().skip(1).position(|&b| b).map(|p| p + 1);
            if first_break == Some(n) {
                let rest = slots.split_off(n);
                extra_after(ctx, table, spec, &rest, &mut out);
            }
        }
        let placed = match &columns {
            Some(c) if !slots.is_empty() && slots.len() < n => c.place(ctx, &slots),
            _ => None,
        };
        let row = match placed {
            Some(cells) => RowReadings::Fits(
                cells
                    .iter()
                    .map(|c| match c {
                        Some(t) => ctx.slot(*t).printed(),
                        None => Cell {
                            val: Val::Blank,
                            src: Src::Omitted,
                        },
                    })
                    .collect(),
            ),
            None => {
                let engine_slots: Vec<_> = slots.iter().map(|&t| ctx.slot(t)).collect();
                let drop_last = bare_item_number_follows(ctx, specs, &anchors, j, &slots);
                readings(&engine_slots, n, ctx.channel, groups, drop_last)
            }
        };
        let units = spec
            .cols
            .iter()
            .map(|c| {
                if c.kind == ValueKind::Amount {
                    header_unit
                } else {
                    Unit::Plain
                }
            })
            .collect();
        found.push(Found {
            spec: a.item,
            label_tok: a.tok,
            toks: slots,
            readings: row,
            units,
            moved_in: moved_in.get(j).copied().unwrap_or(false),
        });
    }
    let viable = match t2_tpl {
        Some(tpl) => t2_balance(specs, &found, tpl, &mut out.warnings),
        None => Vec::new(),
    };
    for (i, spec) in specs.iter().enumerate() {
        if spec.cols.is_empty() {
            continue;
        }
        let keys: Vec<(KeyId, ValueKind)> = spec
            .cols
            .iter()
            .filter_map(|c| catalog().cell(table, spec.item.key, c.key).map(|k| (k, c.kind)))
            .collect();
        let Some((fi, f)) = found.iter().enumerate().find(|(_, f)| f.spec == i) else {
            out.warnings.push(Warning::new(
                WarningCode::RowNotFound,
                format!("{table} row `{}` not found", spec.label),
                None,
            ));
            for (k, _) in keys {
                out.figures.push((k, Figure::unknown(None, "row not found")));
            }
            continue;
        };
        let row = RowFigures {
            label: spec.label,
            at: ctx.loc(f.label_tok),
            keys: &keys,
            units: &f.units,
            toks: &f.toks,
            readings: &f.readings,
            viable: viable.get(fi).and_then(|v| v.as_deref()),
            note: f
                .moved_in
                .then_some("its numbers stand on the line before its label (text taken from a PDF)"),
        };
        row_figures(ctx, &row, &mut out);
    }
    out
}

/// Text taken from a PDF: lets lines of numbers that stand before their row's label move to it
/// (see [`super::segment`]); the figures of those rows say so in their note.
fn resplit(
    ctx: &Ctx<'_>,
    table: TableId,
    specs: &[Spec],
    anchors: &[Anchor],
    spans: &mut Vec<Span>,
    moved_in: &mut [bool],
    toks: Range<usize>,
) {
    let header = span(
        ctx,
        toks.start.wrapping_sub(1),
        anchors.first().map_or(toks.end, |a| a.tok),
    );
    let mut parts = vec![Part {
        span: &header,
        cells: 0,
        row_total: false,
    }];
    for (a, sp) in anchors.iter().zip(spans.iter()) {
        let cells = specs.get(a.item).map_or(0, |s| s.cols.len());
        parts.push(Part {
            span: sp,
            cells,
            row_total: table == TableId::T2 && cells > 0,
        });
    }
    let Some((new, moves)) = resegment(ctx, &parts) else {
        return;
    };
    // Part i + 1 is anchor i: a move out of part i is a move into anchor i.
    for (slot, m) in moved_in.iter_mut().zip(&moves) {
        *slot = *m;
    }
    *spans = new.into_iter().skip(1).collect();
}

/// In a PDF, the columns of table 2 are where the numbers of its complete rows stand.
fn pdf_columns(
    ctx: &Ctx<'_>,
    table: TableId,
    specs: &[Spec],
    anchors: &[Anchor],
    spans: &[Span],
    toks: Range<usize>,
) -> Option<Columns> {
    if ctx.doc.layout != Layout::Pdf || table != TableId::T2 {
        return None;
    }
    let value_spans: Vec<&Span> = anchors
        .iter()
        .zip(spans)
        .filter(|(a, _)| specs.get(a.item).is_some_and(|s| !s.cols.is_empty()))
        .map(|(_, sp)| sp)
        .collect();
    let header_end = anchors.first().map_or(toks.end, |a| a.tok);
    Columns::learn(ctx, &value_spans, T2_COLS.len()).or_else(|| {
        let heads = ["自然人", "商业", "科研", "社会", "法律", "其他", "总计"];
        Columns::from_header(ctx, toks.start..header_end, &heads)
    })
}

/// The unit a header between two tokens gives its amounts: `（元）`, `(单位：元)` → 元;
/// `万元` → 万元 (the template's own unit).
fn header_unit_between(ctx: &Ctx<'_>, from: usize, to: usize) -> Option<Unit> {
    let mut text = String::new();
    for t in from..to {
        if ctx.kind(t) == Some(TokKind::Label) {
            text.push_str(&label_key(ctx.text(t)));
        }
    }
    if text.contains("万元") {
        Some(Unit::WanYuan)
    } else if text.contains("(元)") || text.contains("单位:元") || text.contains("金额元") || text.ends_with('元')
    {
        Some(Unit::Yuan)
    } else {
        None
    }
}

/// The number a cell's text holds, as printed (no unit conversion), for an extra row.
fn read_number(raw: &str) -> Option<Num> {
    match parse_value(raw) {
        Parsed::Num(n, _) => Some(n),
        Parsed::Null | Parsed::Bad => None,
    }
}

fn extra_after(ctx: &Ctx<'_>, table: TableId, spec: &Spec, rest: &[usize], out: &mut TableOut) {
    let at = rest.first().and_then(|&t| ctx.loc(t));
    let values: Vec<String> = rest.iter().map(|&t| ctx.raw(t)).collect();
    out.warnings.push(Warning::new(
        WarningCode::UnmatchedLabel,
        format!(
            "values `{}` after row `{}` belong to no standard row; kept as an extra row",
            values.join(" "),
            spec.label
        ),
        at.clone(),
    ));
    out.extra.push(ExtraRow {
        table,
        label: format!("(after {})", spec.label),
        read: values.iter().map(|v| read_number(v)).collect(),
        values,
        group: None,
        at,
    });
}

/// The item number a template label starts with (`2.其他法律…` → 2).
fn item_number(label: &str) -> Option<&str> {
    let end = label.find(['.', '、'])?;
    let n = label.get(..end)?;
    (!n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit())).then_some(n)
}

/// Whether the row's last value is the next row's item number printed apart from its label
/// (`0` `2` then `其他法律行政法规禁止公开`): then the row may be read without it.
fn bare_item_number_follows(ctx: &Ctx<'_>, specs: &[Spec], anchors: &[Anchor], j: usize, slots: &[usize]) -> bool {
    let Some(next) = anchors.get(j + 1) else { return false };
    let Some(number) = specs.get(next.item).and_then(|s| item_number(s.label)) else {
        return false;
    };
    let label_has_number = ctx
        .text(next.tok)
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit());
    let Some(&last) = slots.last() else { return false };
    !label_has_number && ctx.alone(last) && ctx.text(last).trim() == number
}

/// Table 2's rows in the order of its identities: new_received, carried_in, the outcome rows,
/// results_total, carried_out. For each found row (by index into `found`), which of its readings
/// the identities leave standing; `None` for rows that had nothing to decide.
fn t2_balance(specs: &[Spec], found: &[Found], tpl: Template, warnings: &mut Vec<Warning>) -> Vec<Option<Vec<bool>>> {
    let mut out: Vec<Option<Vec<bool>>> = vec![None; found.len()];
    let undecided: Vec<&Found> = found
        .iter()
        .filter(|f| matches!(&f.readings, RowReadings::Readings(v) if v.len() > 1))
        .collect();
    if undecided.is_empty() {
        return out;
    }
    let mut order: Vec<&str> = vec!["new_received", "carried_in"];
    order.extend(t2_outcome_rows(tpl));
    order.extend(["results_total", "carried_out"]);
    let index: Vec<Option<usize>> = order
        .iter()
        .map(|key| {
            found
                .iter()
                .position(|f| specs.get(f.spec).is_some_and(|s| s.item.key == *key))
        })
        .collect();
    let empty: &[Reading] = &[];
    let rows: Vec<&[Reading]> = index
        .iter()
        .map(|i| i.and_then(|i| found.get(i)).map_or(empty, |f| f.readings.all()))
        .collect();
    match balance(&rows) {
        Verdict::Viable(v) => {
            for (i, keep) in index.iter().zip(v) {
                if let Some(slot) = i.and_then(|i| out.get_mut(i)) {
                    *slot = Some(keep);
                }
            }
        }
        verdict => {
            let names: Vec<String> = undecided
                .iter()
                .filter_map(|f| specs.get(f.spec).map(|s| format!("`{}`", s.label)))
                .collect();
            let why = if verdict == Verdict::TooLarge {
                "too many combinations to examine"
            } else {
                "no combination of their readings satisfies the column balance and the result sums"
            };
            warnings.push(Warning::new(
                WarningCode::AmbiguousPlacement,
                format!("table 2: rows {} were decided row by row only: {why}", names.join(", ")),
                None,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The signatures found in one pass are those a search per signature finds (not
    /// overlapping one another, the first 64), on every real text held and on repeats.
    #[test]
    fn one_pass_finds_what_a_search_per_signature_finds() {
        let mut texts = crate::ingest::pattern::oracle::texts();
        texts.push("其他其他其他".repeat(50));
        texts.push("总计".repeat(100));
        for tpl in [Template::Tpl2019, Template::Tpl2021] {
            for specs in [t1_specs(tpl), t2_specs(tpl)] {
                let items: Vec<Item> = specs.iter().map(|s| s.item).collect();
                for text in &texts {
                    let naive: Vec<Vec<(usize, usize)>> = items
                        .iter()
                        .map(|it| {
                            let mut f: Vec<(usize, usize)> = it
                                .sigs
                                .iter()
                                .filter(|s| !s.is_empty())
                                .flat_map(|sig| text.match_indices(sig).take(64).map(|(s, m)| (s, s + m.len())))
                                .collect();
                            f.sort_unstable();
                            f
                        })
                        .collect();
                    let mut fast = crate::ingest::rows::occurrences(text, &items);
                    fast.iter_mut().for_each(|f| f.sort_unstable());
                    assert_eq!(fast, naive);
                }
            }
        }
    }
}
