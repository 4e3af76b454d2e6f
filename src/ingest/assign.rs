//! The placement engine's readings → figures: a cell is placed where every surviving reading
//! agrees on it, with its source token(s) and a note saying how it was placed; any other cell is
//! unknown, and the row gets one warning naming it.

use super::place::solve::agreed;
use super::place::{Cell, Reading, RowReadings, Src, Val};
use super::rows::Ctx;
use super::tables::TableOut;
use super::tokens::{Parsed, TokKind, Unit, parse_value};
use crate::model::{CellState, Figure, KeyId, Location, Num, ValueKind, Warning, WarningCode};

/// One row to turn into figures.
pub struct RowFigures<'a> {
    /// The row's label as the template prints it (for messages).
    pub label: &'a str,
    /// Where the row's label is.
    pub at: Option<Location>,
    /// Key and kind of each column.
    pub keys: &'a [(KeyId, ValueKind)],
    /// The unit each column's header gives its plain numbers (`采购总金额（元）`).
    pub units: &'a [Unit],
    /// The row's value tokens, as printed (for messages).
    pub toks: &'a [usize],
    /// What the engine made of them.
    pub readings: &'a RowReadings,
    /// Which readings the table's identities leave standing (`None`: all of them).
    pub viable: Option<&'a [bool]>,
    /// Said of every placed cell of the row (how its tokens were found).
    pub note: Option<&'a str>,
}

/// Adds the figures of one row (and its warning, if any) to `out`.
pub fn row_figures(ctx: &Ctx<'_>, row: &RowFigures<'_>, out: &mut TableOut) {
    let first = out.figures.len();
    place_row(ctx, row, out);
    if let Some(note) = row.note {
        for (_, f) in out.figures.iter_mut().skip(first) {
            if f.state != CellState::Unknown {
                f.note = Some(match f.note.take() {
                    Some(old) => format!("{old}; {note}"),
                    None => note.to_string(),
                });
            }
        }
    }
}

fn place_row(ctx: &Ctx<'_>, row: &RowFigures<'_>, out: &mut TableOut) {
    let n = row.keys.len();
    // The row's values as printed, for notes and warnings (built only when one says it).
    let once = std::cell::OnceCell::new();
    let printed = || -> &str {
        once.get_or_init(|| {
            let raws: Vec<String> = row.toks.iter().map(|&t| ctx.raw(t)).collect();
            raws.join(" ")
        })
    };
    let run_together = ctx.channel.run_together;
    // Run-together digits are located where the digits are, other rows at their label.
    let at = if run_together {
        row.toks.first().and_then(|&t| ctx.loc(t)).or_else(|| row.at.clone())
    } else {
        row.at.clone()
    };
    match row.readings {
        RowReadings::Fits(r) => {
            for (i, (&(k, kind), cell)) in row.keys.iter().zip(r).enumerate() {
                let fig = match &cell.src {
                    Src::Omitted => Figure {
                        note: Some("empty at this column's position".into()),
                        ..Figure::blank(None, row.at.clone())
                    },
                    _ => cell_figure(
                        ctx,
                        cell,
                        kind,
                        unit(row, i),
                        k,
                        row,
                        &printed,
                        false,
                        &mut out.warnings,
                    ),
                };
                out.figures.push((k, fig));
            }
        }
        RowReadings::Readings(all) => {
            let chosen: Vec<&Reading> = match row.viable {
                Some(v) if v.iter().any(|&x| x) => {
                    all.iter().zip(v).filter(|(_, keep)| **keep).map(|(r, _)| r).collect()
                }
                _ => all.iter().collect(),
            };
            let cells = agreed(&chosen, n);
            let undecided = cells.iter().filter(|c| c.is_none()).count();
            if undecided > 0 {
                let printed = printed();
                let (code, msg) = if run_together {
                    (
                        WarningCode::AmbiguousSplit,
                        format!(
                            "{}: run-together digits `{printed}` split in {} ways; undecided cells left blank",
                            what(row),
                            chosen.len()
                        ),
                    )
                } else {
                    (
                        WarningCode::AmbiguousPlacement,
                        format!(
                            "{}: {} readings of its values `{printed}` fit the table's sums; {undecided} of its {n} cells differ between them and are left blank",
                            what(row),
                            chosen.len()
                        ),
                    )
                };
                out.warnings.push(Warning::new(code, msg, at.clone()));
            }
            let several = chosen.len() > 1;
            for (i, (&(k, kind), cell)) in row.keys.iter().zip(&cells).enumerate() {
                let fig = match cell {
                    Some(c) => cell_figure(ctx, c, kind, unit(row, i), k, row, &printed, several, &mut out.warnings),
                    None if run_together => Figure::unknown(
                        at.clone(),
                        format!("run-together digits `{}` do not split uniquely", printed()),
                    ),
                    None => Figure::unknown(
                        row.at.clone(),
                        format!(
                            "{} readings of the row's values fit the table's sums and differ in this cell",
                            chosen.len()
                        ),
                    ),
                };
                out.figures.push((k, fig));
            }
        }
        RowReadings::None | RowReadings::TooMany => {
            let printed = printed();
            let k = row.toks.len();
            let msg = if matches!(row.readings, RowReadings::TooMany) {
                format!(
                    "{}: its values `{printed}` can be read in too many ways to decide; left unplaced",
                    what(row)
                )
            } else if run_together {
                format!(
                    "{}: run-together digits `{printed}` do not split into {n} cells; left blank",
                    what(row)
                )
            } else {
                let rel = if k > n { "more" } else { "fewer" };
                format!(
                    "{} has {k} values, {rel} than its {n} columns ({printed}), and no reading of them adds up; left unplaced",
                    what(row)
                )
            };
            let code = match row.readings {
                RowReadings::TooMany => WarningCode::AmbiguousPlacement,
                _ if run_together => WarningCode::AmbiguousSplit,
                _ if k > n => WarningCode::LongRow,
                _ => WarningCode::ShortRow,
            };
            out.warnings.push(Warning::new(code, msg, at.clone()));
            for &(key, _) in row.keys {
                out.figures
                    .push((key, Figure::unknown(at.clone(), "row values could not be placed")));
            }
        }
    }
}

fn what(row: &RowFigures<'_>) -> String {
    if row.label.starts_with("table") {
        row.label.to_string()
    } else {
        format!("row `{}`", row.label)
    }
}

fn unit(row: &RowFigures<'_>, i: usize) -> Unit {
    row.units.get(i).copied().unwrap_or(Unit::Plain)
}

/// The figure of a placed cell, with a note saying how it was placed.
#[allow(clippy::too_many_arguments)]
fn cell_figure<'p>(
    ctx: &Ctx<'_>,
    cell: &Cell,
    kind: ValueKind,
    unit: Unit,
    key: KeyId,
    row: &RowFigures<'_>,
    printed: &dyn Fn() -> &'p str,
    several: bool,
    warnings: &mut Vec<Warning>,
) -> Figure {
    let by_sums = if several {
        "; placed by the table's sums, which every reading of the row agrees on here"
    } else {
        ""
    };
    let with_note = |mut f: Figure, note: String| {
        f.note = Some(match f.note.take() {
            Some(old) => format!("{old}; {note}"),
            None => note,
        });
        f
    };
    match &cell.src {
        Src::Printed(t) => {
            let f = figure_from_tok(ctx, *t, kind, unit, key, warnings);
            if matches!(row.readings, RowReadings::Readings(_)) {
                let n = row.keys.len();
                let k = row.toks.len();
                with_note(
                    f,
                    format!("position decided by the table's sums ({k} values printed for {n} columns){by_sums}"),
                )
            } else {
                f
            }
        }
        Src::Repeated { tok, of } => with_note(
            figure_from_tok(ctx, *tok, kind, unit, key, warnings),
            format!("printed once for {of} equal cells in a row (the source merges repeated lines){by_sums}"),
        ),
        Src::Joined(toks) => {
            let raws: Vec<String> = toks.iter().map(|&t| ctx.raw(t)).collect();
            Figure {
                value: match &cell.val {
                    Val::Num(n) => Some(*n),
                    _ => None,
                },
                state: CellState::Read,
                raw: Some(raws.join(" ")),
                at: toks.first().and_then(|&t| ctx.loc(t)),
                note: Some(format!(
                    "one number printed over {} lines (`{}`), joined by the table's sums{by_sums}",
                    toks.len(),
                    raws.join("` `")
                )),
            }
        }
        Src::Split(toks) => match &cell.val {
            Val::Num(n) => Figure {
                value: Some(*n),
                state: CellState::Read,
                raw: Some(printed().to_string()),
                at: toks.first().and_then(|&t| ctx.loc(t)),
                note: Some(crate::model::SPLIT_NOTE.into()),
            },
            _ => Figure::unknown(row.at.clone(), crate::model::unsplit_note(printed())),
        },
        Src::Omitted => with_note(
            Figure::blank(None, row.at.clone()),
            format!("not printed: a blank cell, its position decided by the table's sums{by_sums}"),
        ),
        Src::EmptyRow => Figure::blank(None, row.at.clone()),
    }
}

/// Turns one value token into a figure for a column; `unit` is what the column's header says
/// plain numbers are in.
pub fn figure_from_tok(
    ctx: &Ctx<'_>,
    tok: usize,
    kind: ValueKind,
    unit: Unit,
    key: KeyId,
    warnings: &mut Vec<Warning>,
) -> Figure {
    let mut raw = ctx.raw(tok);
    if raw.trim().len() != raw.len() {
        raw = raw.trim().to_string();
    }
    let at = ctx.loc(tok);
    let unreadable = |warnings: &mut Vec<Warning>, raw: &str| {
        warnings.push(Warning::new(
            WarningCode::UnreadableValue,
            format!("cell `{raw}` for {} is not a number", key.name()),
            at.clone(),
        ));
        Figure::unknown(at.clone(), format!("unreadable cell `{raw}`"))
    };
    let read = |value: Num, note: Option<String>| Figure {
        value: Some(value),
        state: CellState::Read,
        raw: Some(raw.clone()),
        at: at.clone(),
        note,
    };
    match ctx.kind(tok) {
        Some(TokKind::Null) => Figure::blank(Some(raw), at),
        Some(TokKind::Value) => match parse_value(ctx.text(tok)) {
            Parsed::Num(n, Unit::Yuan) if kind == ValueKind::Amount => match n.shifted_down(4) {
                Some(v) => read(v, Some("converted from 元 to 万元".into())),
                None => unreadable(warnings, &raw),
            },
            Parsed::Num(n, Unit::Plain) if kind == ValueKind::Amount && unit == Unit::Yuan => match n.shifted_down(4) {
                Some(v) => read(v, Some("converted from 元 (the column's header) to 万元".into())),
                None => unreadable(warnings, &raw),
            },
            Parsed::Num(n, _) => read(n, None),
            Parsed::Null => Figure::blank(Some(raw), at),
            Parsed::Bad => unreadable(warnings, &raw),
        },
        _ => unreadable(warnings, &raw),
    }
}
