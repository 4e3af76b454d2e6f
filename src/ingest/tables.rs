//! Tables 1 and 2: rows found by label, values assigned to the template's columns by position,
//! run-together digits (layout E) split under the table's arithmetic.

use std::collections::HashMap;
use std::ops::Range;

use super::columns::Columns;
use super::rows::{Ctx, Item, LabelText, RowRead, Span, find_anchors, read_span, span};
use super::split::{Splits, SumGroup, agreed, split};
use super::tokens::{Parsed, TokKind, Unit, parse_value};
use crate::model::catalog::{ColDef, RowKind, T1_BLOCKS, T1_ROWS, T2_COLS, T2_ROWS, t2_outcome_rows};
use crate::model::{
    CellState, ExtraRow, Figure, KeyId, Layout, Num, TableId, Template, ValueKind, Warning, WarningCode, catalog,
};

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

/// How a row was read, with its label token.
struct Found {
    read: RowRead,
    label_tok: usize,
}

/// Turns one value token into a figure for a column.
pub fn figure_from_tok(ctx: &Ctx<'_>, tok: usize, kind: ValueKind, key: KeyId, warnings: &mut Vec<Warning>) -> Figure {
    let raw = ctx.raw(tok).trim().to_string();
    let at = ctx.loc(tok);
    let unreadable = |warnings: &mut Vec<Warning>, raw: &str| {
        warnings.push(Warning::new(
            WarningCode::UnreadableValue,
            format!("cell `{raw}` for {} is not a number", key.name()),
            at.clone(),
        ));
        Figure::unknown(at.clone(), format!("unreadable cell `{raw}`"))
    };
    match ctx.kind(tok) {
        Some(TokKind::Null) => Figure::blank(Some(raw), at),
        Some(TokKind::Value) => match parse_value(ctx.text(tok)) {
            Parsed::Num(n, Unit::Yuan) if kind == ValueKind::Amount => match n.shifted_down(4) {
                Some(v) => Figure {
                    value: Some(v),
                    state: CellState::Read,
                    raw: Some(raw),
                    at,
                    note: Some("converted from 元 to 万元".into()),
                },
                None => unreadable(warnings, &raw),
            },
            Parsed::Num(n, _) => Figure {
                value: Some(n),
                state: CellState::Read,
                raw: Some(raw),
                at,
                note: None,
            },
            Parsed::Null => Figure::blank(Some(raw), at),
            Parsed::Bad => unreadable(warnings, &raw),
        },
        _ => unreadable(warnings, &raw),
    }
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
pub fn read_t1(ctx: &Ctx<'_>, region: &Range<usize>, tpl: Template, run_together: bool) -> TableOut {
    read_table(ctx, region, TableId::T1, &t1_specs(tpl), run_together, None)
}

/// Reads table 2 in a region of the document.
pub fn read_t2(ctx: &Ctx<'_>, region: &Range<usize>, tpl: Template, run_together: bool) -> TableOut {
    read_table(ctx, region, TableId::T2, &t2_specs(tpl), run_together, Some(tpl))
}

const T2_ROW_SUM: [SumGroup; 1] = [SumGroup { start: 0, len: 7 }];

fn read_table(
    ctx: &Ctx<'_>,
    region: &Range<usize>,
    table: TableId,
    specs: &[Spec],
    run_together: bool,
    t2_tpl: Option<Template>,
) -> TableOut {
    let mut out = TableOut::default();
    let toks = ctx.token_range(region);
    let lt = LabelText::build(ctx, toks.clone(), region);
    let items: Vec<Item> = specs.iter().map(|s| s.item).collect();
    let anchors = find_anchors(&lt, &items);
    let spans: Vec<Span> = anchors
        .iter()
        .enumerate()
        .map(|(j, a)| span(ctx, a.tok, anchors.get(j + 1).map_or(toks.end, |n| n.tok)))
        .collect();
    // In a PDF, the columns of table 2 are where the numbers of its complete rows stand.
    let columns = if ctx.doc.layout == Layout::Pdf && table == TableId::T2 {
        let value_spans: Vec<&Span> = anchors
            .iter()
            .zip(&spans)
            .filter(|(a, _)| specs.get(a.item).is_some_and(|s| !s.cols.is_empty()))
            .map(|(_, sp)| sp)
            .collect();
        let header_end = anchors.first().map_or(toks.end, |a| a.tok);
        Columns::learn(ctx, &value_spans, T2_COLS.len()).or_else(|| {
            let heads = ["自然人", "商业", "科研", "社会", "法律", "其他", "总计"];
            Columns::from_header(ctx, toks.start..header_end, &heads)
        })
    } else {
        None
    };
    let mut found: HashMap<usize, Found> = HashMap::new();
    for (a, sp) in anchors.iter().zip(spans) {
        let Some(spec) = specs.get(a.item) else { continue };
        if spec.cols.is_empty() {
            if !sp.slots.is_empty() {
                out.extra.push(ExtraRow {
                    table,
                    label: spec.label.to_string(),
                    values: sp.slots.iter().map(|&t| ctx.raw(t)).collect(),
                    group: Some(spec.item.key.to_string()),
                    at: ctx.loc(a.tok),
                });
            }
            continue;
        }
        let placed = match &columns {
            Some(c) if !sp.slots.is_empty() && sp.slots.len() < spec.cols.len() => c.place(ctx, &sp.slots),
            _ => None,
        };
        let read = match placed {
            Some(cells) => RowRead::Placed(cells),
            None => read_row(ctx, a.tok, spec, &sp, table, run_together, &mut out),
        };
        found.insert(a.item, Found { read, label_tok: a.tok });
    }
    if let Some(tpl) = t2_tpl {
        resolve_by_balance(ctx, specs, &mut found, tpl, &mut out.warnings);
    }
    for (i, spec) in specs.iter().enumerate() {
        if spec.cols.is_empty() {
            continue;
        }
        let keys: Vec<(KeyId, ValueKind)> = spec
            .cols
            .iter()
            .filter_map(|c| catalog().cell(table, spec.item.key, c.key).map(|k| (k, c.kind)))
            .collect();
        match found.remove(&i) {
            None => {
                out.warnings.push(Warning::new(
                    WarningCode::RowNotFound,
                    format!("{table} row `{}` not found", spec.label),
                    None,
                ));
                for (k, _) in keys {
                    out.figures.push((k, Figure::unknown(None, "row not found")));
                }
            }
            Some(f) => assign(ctx, spec, f, &keys, &mut out),
        }
    }
    out
}

fn read_row(
    ctx: &Ctx<'_>,
    label_tok: usize,
    spec: &Spec,
    sp: &Span,
    table: TableId,
    run_together: bool,
    out: &mut TableOut,
) -> RowRead {
    let expected = spec.cols.len();
    let values: Vec<usize> = sp
        .slots
        .iter()
        .copied()
        .filter(|&t| ctx.kind(t) == Some(TokKind::Value))
        .collect();
    if run_together && !values.is_empty() && values.len() == sp.slots.len() && values.len() < expected {
        let chunks: Vec<&str> = values.iter().map(|&t| ctx.text(t)).collect();
        let groups: &[SumGroup] = if table == TableId::T2 { &T2_ROW_SUM } else { &[] };
        let cands = match split(&chunks, expected, groups) {
            Splits::All(v) if v.is_empty() && !groups.is_empty() => match split(&chunks, expected, &[]) {
                Splits::All(v) if v.len() == 1 => v,
                _ => Vec::new(),
            },
            Splits::All(v) => v,
            Splits::TooMany => Vec::new(),
        };
        if cands.is_empty() {
            out.warnings.push(Warning::new(
                WarningCode::AmbiguousSplit,
                format!(
                    "row `{}`: run-together digits `{}` do not split into {expected} cells; left blank",
                    spec.label,
                    chunks.join(" ")
                ),
                ctx.loc(label_tok),
            ));
            return RowRead::Unplaced;
        }
        return RowRead::Split { cands, toks: values };
    }
    let (read, rest) = read_span(ctx, label_tok, spec.label, sp, expected, &mut out.warnings);
    if let Some(rest) = rest {
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
            values,
            group: None,
            at,
        });
    }
    read
}

fn assign(ctx: &Ctx<'_>, spec: &Spec, f: Found, keys: &[(KeyId, ValueKind)], out: &mut TableOut) {
    match f.read {
        RowRead::Cells(toks) => {
            for (&(k, kind), &t) in keys.iter().zip(toks.iter()) {
                let fig = figure_from_tok(ctx, t, kind, k, &mut out.warnings);
                out.figures.push((k, fig));
            }
        }
        RowRead::Blank => {
            for &(k, _) in keys {
                out.figures.push((k, Figure::blank(None, ctx.loc(f.label_tok))));
            }
        }
        RowRead::Placed(cells) => {
            for (&(k, kind), cell) in keys.iter().zip(cells) {
                let fig = match cell {
                    Some(t) => figure_from_tok(ctx, t, kind, k, &mut out.warnings),
                    None => Figure {
                        note: Some("empty at this column's position".into()),
                        ..Figure::blank(None, ctx.loc(f.label_tok))
                    },
                };
                out.figures.push((k, fig));
            }
        }
        RowRead::Unplaced => {
            for &(k, _) in keys {
                out.figures.push((
                    k,
                    Figure::unknown(ctx.loc(f.label_tok), "row values could not be placed"),
                ));
            }
        }
        RowRead::Split { cands, toks } => {
            let chunk_text: Vec<String> = toks.iter().map(|&t| ctx.raw(t)).collect();
            let chunk_text = chunk_text.join(" ");
            let at = toks.first().and_then(|&t| ctx.loc(t));
            let what = format!("row `{}`", spec.label);
            push_split(&cands, keys, &chunk_text, at, &what, out);
        }
    }
}

/// Figures from the admissible splits of run-together digits: a cell every split agrees on is
/// read (with a note saying how), any other is unknown, with one warning for the row.
pub fn push_split(
    cands: &[Vec<u64>],
    keys: &[(KeyId, ValueKind)],
    chunk_text: &str,
    at: Option<crate::model::Location>,
    what: &str,
    out: &mut TableOut,
) {
    let agreed = agreed(cands, keys.len());
    if cands.is_empty() || agreed.iter().any(Option::is_none) {
        out.warnings.push(Warning::new(
            WarningCode::AmbiguousSplit,
            format!(
                "{what}: run-together digits `{chunk_text}` split in {} ways; undecided cells left blank",
                cands.len()
            ),
            at.clone(),
        ));
    }
    for (&(k, _), v) in keys.iter().zip(agreed) {
        let fig = match v.and_then(|v| i64::try_from(v).ok()) {
            Some(v) => Figure {
                value: Some(Num::int(v)),
                state: CellState::Read,
                raw: Some(chunk_text.to_string()),
                at: at.clone(),
                note: Some("split from run-together digits".into()),
            },
            None => Figure::unknown(
                at.clone(),
                format!("run-together digits `{chunk_text}` do not split uniquely"),
            ),
        };
        out.figures.push((k, fig));
    }
}

/// Most combinations of ambiguous rows tried against the table balance.
const MAX_COMBOS: usize = 100_000;

/// Layout E, table 2: rows whose digits split in several ways are decided by the per-column
/// balance (E1) and outcome sum (E3) when exactly one choice satisfies them.
fn resolve_by_balance(
    ctx: &Ctx<'_>,
    specs: &[Spec],
    found: &mut HashMap<usize, Found>,
    tpl: Template,
    warnings: &mut Vec<Warning>,
) {
    let index: HashMap<&str, usize> = specs.iter().enumerate().map(|(i, s)| (s.item.key, i)).collect();
    let ambiguous: Vec<usize> = found
        .iter()
        .filter(|(_, f)| matches!(&f.read, RowRead::Split { cands, .. } if cands.len() > 1))
        .map(|(&i, _)| i)
        .collect();
    if ambiguous.is_empty() {
        return;
    }
    let mut sizes = Vec::new();
    let mut combos: usize = 1;
    for &i in &ambiguous {
        let n = match found.get(&i).map(|f| &f.read) {
            Some(RowRead::Split { cands, .. }) => cands.len(),
            _ => 1,
        };
        sizes.push(n);
        combos = combos.saturating_mul(n);
    }
    if combos > MAX_COMBOS {
        return;
    }
    // Known rows as numbers (blank counts as 0; unknown rows make a rule unevaluable).
    let mut fixed: HashMap<usize, [i128; 7]> = HashMap::new();
    for (&i, f) in found.iter() {
        if let Some(v) = row_numbers(ctx, &f.read) {
            fixed.insert(i, v);
        }
    }
    let outcome: Vec<usize> = t2_outcome_rows(tpl)
        .iter()
        .filter_map(|k| index.get(k).copied())
        .collect();
    let balance = ["new_received", "carried_in", "results_total", "carried_out"].map(|k| index.get(k).copied());
    let results_total = index.get("results_total").copied();
    let mut survivors: Vec<Vec<usize>> = Vec::new();
    let mut choice = vec![0usize; ambiguous.len()];
    for _ in 0..combos {
        let mut rows = fixed.clone();
        for (slot, &i) in ambiguous.iter().enumerate() {
            if let Some(RowRead::Split { cands, .. }) = found.get(&i).map(|f| &f.read)
                && let Some(c) = choice.get(slot).and_then(|&c| cands.get(c))
            {
                let mut arr = [0i128; 7];
                for (a, v) in arr.iter_mut().zip(c) {
                    *a = i128::from(*v);
                }
                rows.insert(i, arr);
            }
        }
        if holds(&rows, balance, results_total, &outcome) {
            survivors.push(choice.clone());
        }
        // Next combination (odometer).
        for (slot, c) in choice.iter_mut().enumerate() {
            *c += 1;
            if *c < sizes.get(slot).copied().unwrap_or(1) {
                break;
            }
            *c = 0;
        }
    }
    if survivors.is_empty() {
        warnings.push(Warning::new(
            WarningCode::AmbiguousSplit,
            "table 2: no split of the run-together rows satisfies the column balance".to_string(),
            None,
        ));
        return;
    }
    for (slot, &i) in ambiguous.iter().enumerate() {
        if let Some(f) = found.get_mut(&i)
            && let RowRead::Split { cands, .. } = &mut f.read
        {
            let mut kept: Vec<Vec<u64>> = Vec::new();
            for s in &survivors {
                if let Some(c) = s.get(slot).and_then(|&c| cands.get(c))
                    && !kept.contains(c)
                {
                    kept.push(c.clone());
                }
            }
            *cands = kept;
        }
    }
}

fn row_numbers(ctx: &Ctx<'_>, read: &RowRead) -> Option<[i128; 7]> {
    let mut arr = [0i128; 7];
    match read {
        RowRead::Blank => Some(arr),
        RowRead::Cells(toks) => {
            for (a, &t) in arr.iter_mut().zip(toks) {
                *a = match ctx.kind(t) {
                    Some(TokKind::Null) => 0,
                    Some(TokKind::Value) => match parse_value(ctx.text(t)) {
                        Parsed::Num(n, _) => i128::from(n.as_i64()?),
                        Parsed::Null => 0,
                        Parsed::Bad => return None,
                    },
                    _ => return None,
                };
            }
            Some(arr)
        }
        RowRead::Split { cands, .. } if cands.len() == 1 => {
            for (a, v) in arr.iter_mut().zip(cands.first()?) {
                *a = i128::from(*v);
            }
            Some(arr)
        }
        _ => None,
    }
}

fn holds(
    rows: &HashMap<usize, [i128; 7]>,
    balance: [Option<usize>; 4],
    total: Option<usize>,
    outcome: &[usize],
) -> bool {
    let get = |i: Option<usize>| i.and_then(|i| rows.get(&i));
    if let [Some(a), Some(b), Some(c), Some(d)] = balance.map(get)
        && a.iter().zip(b).zip(c).zip(d).any(|(((a, b), c), d)| a + b != c + d)
    {
        return false;
    }
    if let Some(t) = get(total) {
        let parts: Option<Vec<&[i128; 7]>> = outcome.iter().map(|&i| rows.get(&i)).collect();
        if let Some(parts) = parts {
            let mut sum = [0i128; 7];
            for p in parts {
                for (s, v) in sum.iter_mut().zip(p) {
                    *s += v;
                }
            }
            if sum != *t {
                return false;
            }
        }
    }
    true
}
