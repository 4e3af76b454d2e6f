//! Table 2's identities across rows: which readings of its rows can stand together.
//!
//! Per column c: `new_received + carried_in = results_total + carried_out` (E1) and
//! `results_total = Σ outcome rows` (E3). The outcome rows are walked once, keeping the distinct
//! partial sums they reach (a row with one reading adds one sum); the readings that take part
//! in at least one full solution are then marked by walking back from the sums that close.

use std::collections::HashMap;

use super::{Cell, Reading};

type Sums = [Option<i128>; 7];

/// What the table's identities say about the rows' readings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// For each row, whether each of its readings is part of at least one solution.
    Viable(Vec<Vec<bool>>),
    /// No combination of readings satisfies the identities.
    NoSolution,
    /// More combinations than the engine examines.
    TooLarge,
}

/// Most distinct partial sums kept while walking the outcome rows.
const MAX_STATES: usize = 200_000;
/// Most combinations of the closing rows examined.
const MAX_CLOSING: usize = 5_000_000;

fn sums(r: &[Cell]) -> Sums {
    let mut v = [None; 7];
    for (slot, c) in v.iter_mut().zip(r) {
        *slot = c.val.count();
    }
    v
}

fn add(a: &Sums, b: &Sums) -> Sums {
    let mut v = [None; 7];
    for ((slot, x), y) in v.iter_mut().zip(a).zip(b) {
        *slot = match (x, y) {
            (Some(x), Some(y)) => x.checked_add(*y),
            _ => None,
        };
    }
    v
}

/// Equal in every column where both are known.
fn agree(a: &Sums, b: &Sums) -> bool {
    a.iter().zip(b).all(|(x, y)| match (x, y) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    })
}

/// The candidate sums of a row; a row not found (no readings) can be anything.
fn candidates(row: &[Reading]) -> Vec<Sums> {
    if row.is_empty() {
        vec![[None; 7]]
    } else {
        row.iter().map(|r| sums(r)).collect()
    }
}

/// Marks, for table 2's rows in template order — `new_received`, `carried_in`, the outcome rows,
/// `results_total`, `carried_out` — the readings that satisfy E1 and E3 together. A row given
/// with no readings takes part as unknown.
pub fn balance(rows: &[&[Reading]]) -> Verdict {
    let (Some(new), Some(cin), Some(rt), Some(co)) = (
        rows.first(),
        rows.get(1),
        rows.len().checked_sub(2).and_then(|i| rows.get(i)),
        rows.last(),
    ) else {
        return Verdict::NoSolution;
    };
    let outcomes = rows.get(2..rows.len().saturating_sub(2)).unwrap_or(&[]);
    let (new, cin, rt, co) = (candidates(new), candidates(cin), candidates(rt), candidates(co));
    let mut viable: Vec<Vec<bool>> = rows.iter().map(|r| vec![false; r.len().max(1)]).collect();

    // new_received + carried_in, with the pairs that give each sum.
    let mut opening: HashMap<Sums, Vec<(usize, usize)>> = HashMap::new();
    for (i, a) in new.iter().enumerate() {
        for (j, b) in cin.iter().enumerate() {
            opening.entry(add(a, b)).or_default().push((i, j));
        }
    }

    // Forward over the outcome rows: each layer's distinct sums, with (previous sum, reading).
    type Layer = Vec<(Sums, Vec<(usize, usize)>)>;
    let mut layers: Vec<Layer> = Vec::with_capacity(outcomes.len());
    let mut current: Layer = vec![([Some(0); 7], Vec::new())];
    for row in outcomes {
        let cands = candidates(row);
        let mut index: HashMap<Sums, usize> = HashMap::new();
        let mut next: Layer = Vec::new();
        for (si, (s, _)) in current.iter().enumerate() {
            for (ci, v) in cands.iter().enumerate() {
                let t = add(s, v);
                let at = *index.entry(t).or_insert_with(|| {
                    next.push((t, Vec::new()));
                    next.len() - 1
                });
                if let Some((_, edges)) = next.get_mut(at) {
                    edges.push((si, ci));
                }
            }
            if next.len() > MAX_STATES {
                return Verdict::TooLarge;
            }
        }
        layers.push(std::mem::replace(&mut current, next));
    }
    layers.push(current);

    // Close: the outcome sum equals results_total, and new + carried_in equals results_total +
    // carried_out.
    let Some(last) = layers.last() else {
        return Verdict::NoSolution;
    };
    let mut good = vec![false; last.len()];
    let mut work = 0usize;
    let mut any = false;
    for (fi, (s, _)) in last.iter().enumerate() {
        for (ri, r) in rt.iter().enumerate() {
            if !agree(s, r) {
                continue;
            }
            for (oi, o) in co.iter().enumerate() {
                let closing = add(r, o);
                for (a, pairs) in &opening {
                    work += 1;
                    if work > MAX_CLOSING {
                        return Verdict::TooLarge;
                    }
                    if !agree(a, &closing) {
                        continue;
                    }
                    any = true;
                    if let Some(g) = good.get_mut(fi) {
                        *g = true;
                    }
                    mark(&mut viable, 0, pairs.iter().map(|p| p.0));
                    mark(&mut viable, 1, pairs.iter().map(|p| p.1));
                    mark(&mut viable, rows.len() - 2, [ri]);
                    mark(&mut viable, rows.len() - 1, [oi]);
                }
            }
        }
    }
    if !any {
        return Verdict::NoSolution;
    }

    // Back from the closing sums: the readings on some path to them are viable.
    for row in (0..outcomes.len()).rev() {
        // The edges of outcome row `row` lead into layer `row + 1`.
        let layer_at = row + 1;
        let Some(layer) = layers.get(layer_at) else { break };
        let mut prev_good = vec![false; layers.get(layer_at - 1).map_or(0, Vec::len)];
        for (state, (_, edges)) in layer.iter().enumerate() {
            if !good.get(state).copied().unwrap_or(false) {
                continue;
            }
            for &(p, c) in edges {
                mark(&mut viable, row + 2, [c]);
                if let Some(g) = prev_good.get_mut(p) {
                    *g = true;
                }
            }
        }
        good = prev_good;
    }
    Verdict::Viable(viable)
}

fn mark(viable: &mut [Vec<bool>], row: usize, cands: impl IntoIterator<Item = usize>) {
    if let Some(v) = viable.get_mut(row) {
        for c in cands {
            if let Some(x) = v.get_mut(c) {
                *x = true;
            }
        }
    }
}

/// For each of `n` columns, the cell every reading agrees on (its value; the first reading's
/// source), or `None` where they differ or there is no reading.
pub fn agreed<'a>(readings: &[&'a Reading], n: usize) -> Vec<Option<&'a Cell>> {
    (0..n)
        .map(|i| {
            let first = readings.first()?.get(i)?;
            readings
                .iter()
                .all(|r| r.get(i).is_some_and(|c| c.val == first.val))
                .then_some(first)
        })
        .collect()
}
