//! The placement engine: the value tokens of a table row, read into the template's cells.
//!
//! A source can alter a printed table in known ways: a crawler that merges identical
//! consecutive lines (one `0` for a run of equal cells), digits of one cell broken over two lines
//! (`1` / `62` for 162), cells run together (`640020470`), blank cells that leave no trace. Each
//! is a way of *reading* the tokens, never of changing them. [`readings`] lists every reading of a
//! row that the document's [`Channel`] allows and that satisfies the row's own sums; [`solve`]
//! keeps the readings of table 2 that satisfy the table's balance together. A cell is placed
//! only where every surviving reading agrees on it; elsewhere it stays unknown, with a warning.
//!
//! A row whose tokens fit its columns exactly is read as printed: the engine never reads a
//! printed row differently to make a report add up (real reports do not always add up).

pub mod solve;

use super::split::{Splits, SumGroup, split};
use crate::model::Num;

/// A cell's value in a reading (the sums treat a blank as 0).
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    /// Nothing in the cell: an explicit blank marker, or a cell the source did not print.
    Blank,
    /// A number.
    Num(Num),
    /// Text that is not a number.
    Unreadable,
}

impl Val {
    /// The value for the sums: blank is 0; `None` when it cannot take part (unreadable, or not
    /// an integer).
    pub fn count(&self) -> Option<i128> {
        match self {
            Val::Blank => Some(0),
            Val::Num(n) => n.is_integer().then(|| n.as_i64().map(i128::from)).flatten(),
            Val::Unreadable => None,
        }
    }
}

/// Where a placed cell comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Src {
    /// One token, as printed.
    Printed(usize),
    /// One token standing for `of` equal cells (the source merged repeated lines).
    Repeated {
        /// The token.
        tok: usize,
        /// How many cells it stands for.
        of: u8,
    },
    /// One number printed over several tokens (`1` / `62` for 162).
    Joined(Vec<usize>),
    /// Part of digits run together with other cells (the tokens of the whole row).
    Split(Vec<usize>),
    /// Not printed at all: a blank cell whose position follows from the sums.
    Omitted,
    /// The row has no values at all.
    EmptyRow,
}

/// One cell of a reading.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// The value.
    pub val: Val,
    /// Where it comes from.
    pub src: Src,
}

/// A reading of a row: one cell per column.
pub type Reading = Vec<Cell>;

/// A value position of a row, as the engine needs it.
#[derive(Clone, Debug)]
pub struct Slot {
    /// The token.
    pub tok: usize,
    /// Its value.
    pub val: Val,
    /// Its digits, when the token is plain ASCII digits (only those can be joined or split).
    pub digits: Option<String>,
    /// Whether it stands alone in its piece (a line or a cell of its own): only such tokens can
    /// be the broken halves of one number.
    pub alone: bool,
}

impl Slot {
    /// The slot read as printed, in a cell of its own.
    pub fn printed(&self) -> Cell {
        printed(self)
    }
}

/// How the source may have altered the printed table (decided once per document).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Channel {
    /// Identical consecutive lines were merged into one (crawler text): a token may stand for
    /// a run of equal cells.
    pub collapsed: bool,
    /// Blank cells leave no trace (text without delimiters): a short row's missing cells are
    /// blanks somewhere.
    pub omits_blanks: bool,
    /// One cell's digits may be broken over consecutive tokens of their own.
    pub joins: bool,
    /// Cells are run together without separators (layout E).
    pub run_together: bool,
}

/// What the engine made of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum RowReadings {
    /// The tokens fit the columns: read as printed (one reading, not checked against sums).
    Fits(Reading),
    /// The tokens do not fit: every admissible reading that satisfies the row's sums.
    Readings(Vec<Reading>),
    /// No admissible reading satisfies the row's sums.
    None,
    /// More readings than the engine examines: left undecided.
    TooMany,
}

impl RowReadings {
    /// The readings, whatever kind.
    pub fn all(&self) -> &[Reading] {
        match self {
            RowReadings::Fits(r) => std::slice::from_ref(r),
            RowReadings::Readings(v) => v,
            RowReadings::None | RowReadings::TooMany => &[],
        }
    }
}

/// Most readings of one row examined before giving up.
const MAX_READINGS: usize = 20_000;
/// Most tokens joined into one number.
const MAX_JOIN: usize = 3;

/// Every reading of a row's slots as `n` cells under the channel, keeping those whose sum groups
/// hold. `drop_last` also tries the row without its last slot (a bare item number of the next
/// row's label, printed on a line of its own).
pub fn readings(slots: &[Slot], n: usize, ch: Channel, groups: &[SumGroup], drop_last: bool) -> RowReadings {
    let mut slots = slots;
    while slots.len() > n && slots.last().is_some_and(|s| s.val == Val::Blank) {
        slots = slots.split_last().map_or(slots, |(_, rest)| rest);
    }
    if slots.is_empty() {
        let cell = Cell {
            val: Val::Blank,
            src: Src::EmptyRow,
        };
        return RowReadings::Fits(vec![cell; n]);
    }
    if slots.len() == n {
        return RowReadings::Fits(slots.iter().map(printed).collect());
    }
    let mut g = Gen {
        n,
        ch,
        out: Vec::new(),
        overflow: false,
    };
    if ch.run_together && slots.len() < n && slots.iter().all(|s| s.digits.is_some()) {
        let chunks: Vec<&str> = slots.iter().filter_map(|s| s.digits.as_deref()).collect();
        let toks: Vec<usize> = slots.iter().map(|s| s.tok).collect();
        let as_reading = |parts: &Vec<u64>| -> Reading {
            parts
                .iter()
                .map(|&v| Cell {
                    val: i64::try_from(v).map_or(Val::Unreadable, |v| Val::Num(Num::int(v))),
                    src: Src::Split(toks.clone()),
                })
                .collect()
        };
        return match split(&chunks, n, groups) {
            Splits::All(v) if v.is_empty() && !groups.is_empty() => match split(&chunks, n, &[]) {
                // The only way to cut the digits, though the row does not add up: as printed.
                Splits::All(v) if v.len() == 1 => v
                    .first()
                    .map_or(RowReadings::None, |p| RowReadings::Fits(as_reading(p))),
                _ => RowReadings::None,
            },
            Splits::All(v) if v.is_empty() => RowReadings::None,
            Splits::All(v) => RowReadings::Readings(v.iter().map(as_reading).collect()),
            Splits::TooMany => RowReadings::TooMany,
        };
    }
    g.atoms(slots);
    if drop_last && let Some((_, rest)) = slots.split_last() {
        g.atoms(rest);
    }
    if g.overflow {
        return RowReadings::TooMany;
    }
    let mut kept: Vec<Reading> = Vec::new();
    for r in g.out {
        if holds(&r, groups) && !kept.iter().any(|k| same_values(k, &r)) {
            kept.push(r);
        }
    }
    if kept.is_empty() {
        RowReadings::None
    } else {
        RowReadings::Readings(kept)
    }
}

fn printed(s: &Slot) -> Cell {
    Cell {
        val: s.val.clone(),
        src: Src::Printed(s.tok),
    }
}

/// Whether two readings hold the same values (whatever their sources).
pub fn same_values(a: &[Cell], b: &[Cell]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.val == y.val)
}

/// Whether every sum group of a reading holds (a group with an unreadable cell is not checked).
pub fn holds(r: &[Cell], groups: &[SumGroup]) -> bool {
    groups.iter().all(|g| {
        let Some(cells) = r.get(g.start..g.start + g.len) else {
            return false;
        };
        let Some((total, parts)) = cells.split_last() else {
            return true;
        };
        let parts: Option<i128> = parts.iter().map(|c| c.val.count()).sum();
        match (parts, total.val.count()) {
            (Some(p), Some(t)) => p == t,
            _ => true,
        }
    })
}

/// An atom: one or more consecutive slots read as one printed cell.
#[derive(Clone, Debug)]
struct Atom {
    val: Val,
    toks: Vec<usize>,
}

struct Gen {
    n: usize,
    ch: Channel,
    out: Vec<Reading>,
    overflow: bool,
}

impl Gen {
    fn push(&mut self, r: Reading) {
        if self.out.len() >= MAX_READINGS {
            self.overflow = true;
        } else {
            self.out.push(r);
        }
    }

    /// Every way of grouping the slots into atoms (joins only where the channel allows them),
    /// then every way of laying the atoms over the cells.
    fn atoms(&mut self, slots: &[Slot]) {
        let mut atoms = Vec::with_capacity(slots.len());
        self.partition(slots, &mut atoms);
    }

    fn partition(&mut self, rest: &[Slot], atoms: &mut Vec<Atom>) {
        if self.overflow {
            return;
        }
        if rest.is_empty() {
            self.lay(atoms);
            return;
        }
        let longest = if self.ch.joins { MAX_JOIN.min(rest.len()) } else { 1 };
        for len in 1..=longest {
            let Some(group) = rest.get(..len) else { break };
            let atom = if len == 1 {
                group.first().map(|s| Atom {
                    val: s.val.clone(),
                    toks: vec![s.tok],
                })
            } else {
                joined(group)
            };
            let Some(atom) = atom else { break };
            atoms.push(atom);
            self.partition(rest.get(len..).unwrap_or(&[]), atoms);
            atoms.pop();
        }
    }

    /// Lays atoms over the `n` cells: one each when they are as many; otherwise as runs of
    /// equal cells (collapsed source) or with blanks between them (blanks leave no trace).
    fn lay(&mut self, atoms: &[Atom]) {
        let a = atoms.len();
        if a == self.n {
            let r = atoms.iter().map(single).collect();
            self.push(r);
        } else if a < self.n && a > 0 {
            if self.ch.collapsed {
                let mut runs = Vec::with_capacity(a);
                self.runs(atoms, self.n, &mut runs);
            }
            if self.ch.omits_blanks {
                let mut at = Vec::with_capacity(a);
                self.positions(atoms, 0, &mut at);
            }
        }
    }

    /// Run lengths (each ≥ 1, summing to `left`) for the atoms still to place.
    fn runs(&mut self, atoms: &[Atom], left: usize, runs: &mut Vec<usize>) {
        if self.overflow {
            return;
        }
        let placed = runs.len();
        let remaining = atoms.len() - placed;
        if remaining == 0 {
            if left == 0 {
                let mut r = Vec::with_capacity(self.n);
                for (atom, &len) in atoms.iter().zip(runs.iter()) {
                    for _ in 0..len {
                        r.push(repeated(atom, len));
                    }
                }
                self.push(r);
            }
            return;
        }
        let max = left.saturating_sub(remaining - 1);
        // A run of several cells is only possible for a single printed token.
        let one_token = atoms.get(placed).is_some_and(|x| x.toks.len() == 1);
        let max = if one_token { max } else { max.min(1) };
        for len in 1..=max {
            runs.push(len);
            self.runs(atoms, left - len, runs);
            runs.pop();
        }
    }

    /// Cell positions (increasing) for the atoms; the cells left over are blanks not printed.
    fn positions(&mut self, atoms: &[Atom], from: usize, at: &mut Vec<usize>) {
        if self.overflow {
            return;
        }
        let placed = at.len();
        if placed == atoms.len() {
            let mut r: Reading = (0..self.n)
                .map(|_| Cell {
                    val: Val::Blank,
                    src: Src::Omitted,
                })
                .collect();
            for (atom, &p) in atoms.iter().zip(at.iter()) {
                if let Some(c) = r.get_mut(p) {
                    *c = single(atom);
                }
            }
            self.push(r);
            return;
        }
        let remaining = atoms.len() - placed;
        for p in from..=self.n.saturating_sub(remaining) {
            at.push(p);
            self.positions(atoms, p + 1, at);
            at.pop();
        }
    }
}

/// Slots read as one number broken over lines: each alone in its piece, plain digits, and the
/// first not starting with `0` (a number never does).
fn joined(group: &[Slot]) -> Option<Atom> {
    let mut digits = String::new();
    for s in group {
        if !s.alone {
            return None;
        }
        digits.push_str(s.digits.as_deref()?);
    }
    if digits.starts_with('0') || digits.len() > 15 {
        return None;
    }
    let v: i64 = digits.parse().ok()?;
    Some(Atom {
        val: Val::Num(Num::int(v)),
        toks: group.iter().map(|s| s.tok).collect(),
    })
}

fn single(atom: &Atom) -> Cell {
    Cell {
        val: atom.val.clone(),
        src: match atom.toks.as_slice() {
            [t] => Src::Printed(*t),
            many => Src::Joined(many.to_vec()),
        },
    }
}

fn repeated(atom: &Atom, len: usize) -> Cell {
    match atom.toks.as_slice() {
        [t] if len > 1 => Cell {
            val: atom.val.clone(),
            src: Src::Repeated {
                tok: *t,
                of: u8::try_from(len).unwrap_or(u8::MAX),
            },
        },
        _ => single(atom),
    }
}

#[cfg(test)]
mod tests;
