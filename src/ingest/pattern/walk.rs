//! The backtracking walk of one search: the pattern's nodes matched at a place, leftmost-first
//! like the regex crate, within a step budget linear in the text.

use std::cell::{Cell, RefCell};

use super::{Class, Greed, MANY, N, Slots};

/// The walk of one search: the text and what is left of its step budget.
pub(super) struct Walk<'h> {
    pub(super) hay: &'h str,
    pub(super) steps: Cell<u64>,
    /// The pattern's own nodes (not a group's).
    pub(super) top: &'static [N],
    /// For an unbounded greedy run among `top` (by index): a stretch `start..end` of the text
    /// the run covered whole, from any point of which the rest of the pattern is known to fail.
    /// Without it `^\s*…` over thousands of blank lines retries every line start.
    pub(super) failed: RefCell<[Option<(usize, usize)>; MEMO]>,
}

/// How many of a pattern's own nodes `Walk::failed` remembers.
pub(super) const MEMO: usize = 16;

pub(super) type Cont<'a> = &'a mut dyn FnMut(usize, &mut Slots) -> bool;

impl Walk<'_> {
    /// Spends one step; false once the budget is gone (the whole search is then abandoned).
    pub(super) fn step(&self) -> bool {
        let s = self.steps.get();
        if s == 0 {
            return false;
        }
        self.steps.set(s - 1);
        true
    }

    pub(super) fn char_at(&self, pos: usize) -> Option<char> {
        self.hay.get(pos..).and_then(|s| s.chars().next())
    }

    pub(super) fn char_before(&self, pos: usize) -> Option<char> {
        self.hay.get(..pos).and_then(|s| s.chars().next_back())
    }

    /// Matches `ns` at `pos`, then the continuation `k` with where it ended.
    pub(super) fn seq(&self, ns: &[N], pos: usize, s: &mut Slots, k: Cont<'_>) -> bool {
        if !self.step() {
            return false;
        }
        let Some((n, rest)) = ns.split_first() else {
            return k(pos, s);
        };
        let here = self.hay.get(pos..).unwrap_or("");
        match *n {
            N::Lit(l) => here.starts_with(l) && self.seq(rest, pos + l.len(), s, k),
            N::Any(ls) => ls
                .iter()
                .any(|l| here.starts_with(l) && self.seq(rest, pos + l.len(), s, &mut *k)),
            N::Run(c, min, max, greed) => {
                let top = (max == MANY && greed == Greed::Greedy && ns.len() <= self.top.len())
                    .then(|| self.top.len() - ns.len())
                    .filter(|&i| i < MEMO && self.top.get(i..).is_some_and(|t| std::ptr::eq(t.as_ptr(), ns.as_ptr())));
                let Some(i) = top else {
                    return self.run(c, min, max, greed, rest, pos, s, k);
                };
                let known = self.failed.borrow().get(i).copied().flatten();
                if known.is_some_and(|(a, b)| a <= pos && pos <= b) {
                    return false;
                }
                if self.run(c, min, max, greed, rest, pos, s, k) {
                    return true;
                }
                // From here the run reached its end and every end failed.
                let end = pos
                    + self
                        .hay
                        .get(pos..)
                        .unwrap_or("")
                        .chars()
                        .take_while(|&ch| c.has(ch))
                        .map(char::len_utf8)
                        .sum::<usize>();
                if self.steps.get() > 0
                    && let Some(slot) = self.failed.borrow_mut().get_mut(i)
                {
                    *slot = Some((pos, end));
                }
                false
            }
            N::Opt(inner) => {
                self.seq(inner, pos, s, &mut |p, s| self.seq(rest, p, s, &mut *k)) || self.seq(rest, pos, s, k)
            }
            N::Alt(alts) => alts
                .iter()
                .any(|a| self.seq(a, pos, s, &mut |p, s| self.seq(rest, p, s, &mut *k))),
            N::Cap(i, inner) => self.seq(inner, pos, s, &mut |p, s| {
                let Some(slot) = s.get_mut(i) else { return false };
                let old = slot.replace((pos, p));
                if self.seq(rest, p, s, &mut *k) {
                    return true;
                }
                if let Some(slot) = s.get_mut(i) {
                    *slot = old;
                }
                false
            }),
            N::Rep(inner, min, max) => self.rep(inner, 0, min, max, rest, pos, s, k),
            N::Bol => matches!(self.char_before(pos), None | Some('\n')) && self.seq(rest, pos, s, k),
            N::Eol => matches!(self.char_at(pos), None | Some('\n')) && self.seq(rest, pos, s, k),
            N::Start => pos == 0 && self.seq(rest, pos, s, k),
            N::End => pos == self.hay.len() && self.seq(rest, pos, s, k),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn run(
        &self,
        c: Class,
        min: u32,
        max: u32,
        greed: Greed,
        rest: &[N],
        pos: usize,
        s: &mut Slots,
        k: Cont<'_>,
    ) -> bool {
        match greed {
            Greed::Greedy => {
                let (mut end, mut count) = (pos, 0u32);
                for ch in self.hay.get(pos..).unwrap_or("").chars() {
                    if count == max || !c.has(ch) || !self.step() {
                        break;
                    }
                    end += ch.len_utf8();
                    count += 1;
                }
                while count >= min {
                    if self.seq(rest, end, s, &mut *k) {
                        return true;
                    }
                    if count == 0 || !self.step() {
                        break;
                    }
                    end -= self.char_before(end).map_or(0, char::len_utf8);
                    count -= 1;
                }
                false
            }
            Greed::Lazy => {
                let mut chars = self.hay.get(pos..).unwrap_or("").chars();
                let (mut end, mut count) = (pos, 0u32);
                while count < min {
                    match chars.next() {
                        Some(ch) if c.has(ch) => {
                            end += ch.len_utf8();
                            count += 1;
                        }
                        _ => return false,
                    }
                }
                loop {
                    if self.seq(rest, end, s, &mut *k) {
                        return true;
                    }
                    if count == max {
                        return false;
                    }
                    match chars.next() {
                        Some(ch) if c.has(ch) && self.step() => {
                            end += ch.len_utf8();
                            count += 1;
                        }
                        _ => return false,
                    }
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn rep(
        &self,
        inner: &[N],
        done: u32,
        min: u32,
        max: u32,
        rest: &[N],
        pos: usize,
        s: &mut Slots,
        k: Cont<'_>,
    ) -> bool {
        if done < max {
            let more = self.seq(inner, pos, s, &mut |p, s| {
                // An iteration that matched nothing cannot lead anywhere new.
                p != pos && self.rep(inner, done + 1, min, max, rest, p, s, &mut *k)
            });
            if more {
                return true;
            }
        }
        done >= min && self.seq(rest, pos, s, k)
    }
}
