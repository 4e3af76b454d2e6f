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

use std::collections::HashSet;

use super::split::{Splits, SumGroup, split};
use crate::model::Num;

/// A cell's value in a reading (the sums treat a blank as 0).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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

/// Most readings of one row that satisfy its sums kept before giving up.
const MAX_READINGS: usize = 20_000;
/// Most tokens joined into one number.
const MAX_JOIN: usize = 3;
/// Most steps of the search for one row (groupings and layouts tried).
const MAX_STEPS: u32 = 2_000_000;

/// Every reading of a row's slots as `n` cells under the channel, keeping those whose sum groups
/// hold. `drop_last` also tries the row without its last slot (a bare item number of the next
/// row's label, printed on a line of its own).
pub fn readings(slots: &[Slot], n: usize, ch: Channel, groups: &[SumGroup], drop_last: bool) -> RowReadings {
    let mut slots = slots;
    // Blank padding (empty cells of a header or a spanned cell) around more values than cells.
    while slots.len() > n && slots.last().is_some_and(|s| s.val == Val::Blank) {
        slots = slots.split_last().map_or(slots, |(_, rest)| rest);
    }
    while slots.len() > n && slots.first().is_some_and(|s| s.val == Val::Blank) {
        slots = slots.split_first().map_or(slots, |(_, rest)| rest);
    }
    if slots.is_empty() {
        let cell = Cell {
            val: Val::Blank,
            src: Src::EmptyRow,
        };
        return RowReadings::Fits(vec![cell; n]);
    }
    let plain: Option<Reading> = (slots.len() == n).then(|| slots.iter().map(printed).collect());
    if let Some(p) = &plain {
        // As printed. Only a collapsed source can print a row in exactly as many tokens as cells
        // though it merged a run and broke a number; there, a printed row that does not add up
        // is read the other ways too, and kept as printed if none of them adds up either.
        if !(ch.collapsed && ch.joins && !holds(p, groups)) {
            return RowReadings::Fits(p.clone());
        }
    }
    let mut g = Gen {
        n,
        ch,
        groups,
        out: Vec::new(),
        seen: HashSet::new(),
        overflow: false,
        steps: 0,
        cells: Vec::with_capacity(n),
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
    if !g.overflow && g.out.is_empty() && ch.collapsed && !ch.omits_blanks {
        // A crawler that merges lines also drops empty cells: only when no reading with every
        // cell printed adds up are blanks that left no trace considered too.
        g.ch.omits_blanks = true;
        g.steps = 0;
        g.atoms(slots);
        if drop_last && let Some((_, rest)) = slots.split_last() {
            g.atoms(rest);
        }
    }
    match plain {
        Some(p) if g.overflow || g.out.is_empty() => RowReadings::Fits(p),
        _ if g.overflow => RowReadings::TooMany,
        _ if g.out.is_empty() => RowReadings::None,
        _ => RowReadings::Readings(g.out),
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

struct Gen<'g> {
    n: usize,
    ch: Channel,
    groups: &'g [SumGroup],
    out: Vec<Reading>,
    seen: HashSet<Vec<Val>>,
    overflow: bool,
    steps: u32,
    /// The reading being built.
    cells: Reading,
}

impl Gen<'_> {
    /// Counts a step; false (and overflow) once the budget is spent.
    fn step(&mut self) -> bool {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            self.overflow = true;
        }
        !self.overflow
    }

    /// Whether the groups that end among the cells from `from` on hold.
    fn partial_ok(&self, from: usize) -> bool {
        let built = self.cells.len();
        self.groups
            .iter()
            .filter(|g| {
                let last = g.start + g.len - 1;
                last >= from && last < built
            })
            .all(|g| holds(&self.cells, std::slice::from_ref(g)))
    }

    /// Keeps the finished reading (once per distinct values).
    fn finish(&mut self) {
        if self.cells.len() != self.n || !holds(&self.cells, self.groups) {
            return;
        }
        let key: Vec<Val> = self.cells.iter().map(|c| c.val.clone()).collect();
        if !self.seen.insert(key) {
            return;
        }
        if self.out.len() >= MAX_READINGS {
            self.overflow = true;
        } else {
            self.out.push(self.cells.clone());
        }
    }

    /// Every way of grouping the slots into atoms (joins only where the channel allows them),
    /// then every way of laying the atoms over the cells.
    fn atoms(&mut self, slots: &[Slot]) {
        let mut atoms = Vec::with_capacity(slots.len());
        self.partition(slots, &mut atoms);
    }

    fn partition(&mut self, rest: &[Slot], atoms: &mut Vec<Atom>) {
        if !self.step() {
            return;
        }
        if rest.is_empty() {
            self.lay(atoms);
            return;
        }
        let longest = if self.ch.joins { MAX_JOIN.min(rest.len()) } else { 1 };
        // Too many atoms already, whatever is joined next; or (with every cell printed) too few
        // even if nothing more is joined.
        let fewest_more = rest.len().div_ceil(longest);
        let spread = self.ch.collapsed || self.ch.omits_blanks;
        if atoms.len() + fewest_more > self.n || (!spread && atoms.len() + rest.len() < self.n) {
            return;
        }
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
    /// equal cells (collapsed source), with blanks between them (blanks leave no trace), or
    /// both.
    fn lay(&mut self, atoms: &[Atom]) {
        let a = atoms.len();
        self.cells.clear();
        if a == self.n {
            self.cells.extend(atoms.iter().map(single));
            self.finish();
        } else if a < self.n && a > 0 && (self.ch.collapsed || self.ch.omits_blanks) {
            self.spread(atoms);
        }
    }

    /// For each atom in turn: the blanks before it (if blanks leave no trace) and the cells it
    /// covers (several only in a collapsed source); the cells left at the end are blanks.
    fn spread(&mut self, atoms: &[Atom]) {
        if !self.step() {
            return;
        }
        let from = self.cells.len();
        let omitted = || Cell {
            val: Val::Blank,
            src: Src::Omitted,
        };
        let Some((atom, rest)) = atoms.split_first() else {
            if self.ch.omits_blanks {
                self.cells.resize_with(self.n, omitted);
            }
            if self.partial_ok(from) {
                self.finish();
            }
            self.cells.truncate(from);
            return;
        };
        let left = self.n - from;
        let room = left.saturating_sub(rest.len());
        let max_gap = if self.ch.omits_blanks {
            room.saturating_sub(1)
        } else {
            0
        };
        for gap in 0..=max_gap {
            // A run of several cells is only possible for a single printed token.
            let max_len = if self.ch.collapsed && atom.toks.len() == 1 {
                room - gap
            } else {
                1
            };
            for len in 1..=max_len {
                self.cells.truncate(from);
                self.cells.resize_with(from + gap, omitted);
                for _ in 0..len {
                    self.cells.push(repeated(atom, len));
                }
                if self.partial_ok(from) {
                    self.spread(rest);
                }
                if self.overflow {
                    self.cells.truncate(from);
                    return;
                }
            }
        }
        self.cells.truncate(from);
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
