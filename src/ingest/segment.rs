//! Text taken from a PDF prints a table row's numbers on one line, but not always after the row's
//! label: when a label wraps, its numbers may stand on the line before it (or between its two
//! halves). Read label by label, such a row gives its numbers to the row above, and the row above
//! has twice its cells while this one has none — or, down a chain of such rows, each row gets
//! the next row's numbers and only the last row is short.
//!
//! A line that holds only numbers belongs to the label before it or to the label after it. The
//! split of such lines between labels is chosen so that as many rows as possible get exactly
//! their number of cells (and group titles none); the split as printed is kept when it does as
//! well, and any other only when it is the single best one and every row it changes adds up.

use super::rows::{Ctx, Span};
use super::tokens::TokKind;

/// One anchor's part in the choice: its slots and how many it should have.
pub struct Part<'a> {
    /// The anchor's span.
    pub span: &'a Span,
    /// Cells expected (0 for a group title or the table's header).
    pub cells: usize,
    /// Whether the row's numbers must add up (the row total of table 2).
    pub row_total: bool,
}

/// The last line of a span when it holds numbers only: (its first slot index, its length).
fn free_tail(ctx: &Ctx<'_>, span: &Span, has_label: &dyn Fn(usize) -> bool) -> Option<(usize, usize)> {
    let &last = span.slots.last()?;
    let piece = ctx.toks.get(last)?.piece;
    if has_label(piece) {
        return None;
    }
    let start = span
        .slots
        .iter()
        .rposition(|&t| ctx.toks.get(t).is_none_or(|x| x.piece != piece))
        .map_or(0, |i| i + 1);
    Some((start, span.slots.len() - start))
}

fn cost(count: usize, cells: usize) -> u32 {
    if count == cells {
        0
    } else if cells > 0 && count == 0 {
        1
    } else {
        2
    }
}

/// The spans re-split, when a better split than the printed one exists (see the module), with
/// which parts' tails moved to the next part.
pub fn resegment(ctx: &Ctx<'_>, parts: &[Part<'_>]) -> Option<(Vec<Span>, Vec<bool>)> {
    let mut labelled = std::collections::HashSet::new();
    for t in ctx.toks {
        if t.kind == TokKind::Label {
            labelled.insert(t.piece);
        }
    }
    let has_label = |p: usize| labelled.contains(&p);
    // The numbers-only last line of each part, which may move to the next part.
    let tails: Vec<Option<(usize, usize)>> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i + 1 < parts.len() {
                free_tail(ctx, p.span, &has_label)
            } else {
                None
            }
        })
        .collect();
    // DP over parts: state = whether the previous part's tail moved in. Each state keeps its
    // best cost, how many choices reach it, and the choice that led there.
    const NONE: u32 = u32::MAX;
    let mut best = [(0u32, 1u32), (NONE, 0u32)];
    let mut back: Vec<[Option<bool>; 2]> = Vec::with_capacity(parts.len());
    for (i, p) in parts.iter().enumerate() {
        let own = p.span.slots.len();
        let incoming = i
            .checked_sub(1)
            .and_then(|j| tails.get(j).copied().flatten())
            .map_or(0, |t| t.1);
        let tail = tails.get(i).copied().flatten().map_or(0, |t| t.1);
        let mut next = [(NONE, 0u32), (NONE, 0u32)];
        let mut choice = [None, None];
        for (moved_in, &(c, ways)) in best.iter().enumerate() {
            if c == NONE {
                continue;
            }
            for move_out in [false, true] {
                if move_out && tail == 0 {
                    continue;
                }
                let count = own + if moved_in == 1 { incoming } else { 0 } - if move_out { tail } else { 0 };
                let total = c + cost(count, p.cells);
                let slot = usize::from(move_out);
                let (Some(n), Some(ch)) = (next.get_mut(slot), choice.get_mut(slot)) else {
                    continue;
                };
                if total < n.0 {
                    *n = (total, ways);
                    *ch = Some(moved_in == 1);
                } else if total == n.0 {
                    n.1 = n.1.saturating_add(ways);
                }
            }
        }
        best = next;
        back.push(choice);
    }
    // The printed split costs …
    let printed: u32 = parts.iter().map(|p| cost(p.span.slots.len(), p.cells)).sum();
    let (top, ways) = best[0];
    if top == NONE || top >= printed || ways != 1 {
        return None;
    }
    // Walk back the single best split.
    let mut moves = vec![false; parts.len()];
    let mut state = 0usize;
    for i in (0..parts.len()).rev() {
        if let Some(m) = moves.get_mut(i) {
            *m = state == 1;
        }
        let Some(prev) = back.get(i).and_then(|c| c.get(state).copied().flatten()) else {
            break;
        };
        state = usize::from(prev);
    }
    let mut spans: Vec<Span> = parts.iter().map(|p| clone_span(p.span)).collect();
    for i in (0..parts.len()).rev() {
        if !moves.get(i).copied().unwrap_or(false) {
            continue;
        }
        let Some((start, _)) = tails.get(i).copied().flatten() else {
            continue;
        };
        let moved: Vec<usize> = spans.get_mut(i).map(|s| {
            s.label_before.truncate(start);
            s.slots.split_off(start)
        })?;
        if let Some(next) = spans.get_mut(i + 1) {
            let k = moved.len();
            next.slots.splice(0..0, moved);
            next.label_before.splice(0..0, std::iter::repeat_n(false, k));
        }
    }
    // Every row the new split changes must add up.
    for (i, (p, s)) in parts.iter().zip(&spans).enumerate() {
        let moved = |j: usize| moves.get(j).copied().unwrap_or(false);
        let changed = moved(i) || i.checked_sub(1).is_some_and(moved);
        if changed && p.row_total && !adds_up(ctx, &s.slots) {
            return None;
        }
    }
    Some((spans, moves))
}

fn clone_span(s: &Span) -> Span {
    Span {
        slots: s.slots.clone(),
        label_before: s.label_before.clone(),
    }
}

/// Whether the last value is the sum of the others (all readable).
fn adds_up(ctx: &Ctx<'_>, slots: &[usize]) -> bool {
    let vals: Option<Vec<i128>> = slots.iter().map(|&t| ctx.slot(t).val.count()).collect();
    match vals.as_deref().and_then(|v| v.split_last()) {
        Some((total, parts)) => parts.iter().sum::<i128>() == *total,
        None => false,
    }
}
