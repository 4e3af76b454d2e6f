//! The ingest's text patterns, matched without a compile step (issue 15).
//!
//! Every pattern here is written twice: as a sequence of [`N`] nodes that a small backtracking
//! matcher walks, and as the `regex` it stands for (its `source`). The matcher gives the regex
//! crate's leftmost-first answer (the same match and the same groups: greedy runs try longest
//! first, lazy ones shortest first, alternatives left to right), and the tests check that
//! against the regex crate on every real report we hold. What it saves is compiling: the
//! regex crate builds an automaton per pattern (0.05–0.5 ms each, ~7 ms of a one-file `xxgk
//! show` for the ~40 patterns), while most of the matching here starts at a literal.
//!
//! Backtracking can be slow on hostile text (a `《` with no `》` after it, thousands of times):
//! each search has a step budget proportional to the text, and a search that runs out of it is
//! answered by the regex crate instead (compiled then, once per pattern), so no input can make a
//! search slower than linear by more than the budget, and the answer is the same either way.
//!
//! A batch tries both: a pattern times its backtracking over its first `TRIAL` bytes searched,
//! then compiles its regex and times it over as many, and keeps the regex for the rest of the
//! process unless backtracking was clearly faster per byte (`settle`). Neither wins everywhere: the regex crate's DFA is several times faster
//! on patterns tried at many places (a number, a section heading at every line start), and
//! several times slower on a bounded run of a large class (`[^\n,。;:《》]{2,60}?` before a
//! literal, a title), where its lazy DFA keeps building states. One file pays no compile.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;
use std::time::Instant;

use regex::Regex;

/// Most groups a pattern may have (group 0 is the whole match).
const SLOTS: usize = 5;

type Slots = [Option<(usize, usize)>; SLOTS];

/// Unbounded repetition.
pub const MANY: u32 = u32::MAX;

/// A set of characters: `chars`, ASCII digits, Unicode white space (`\s`), Han (`\p{Han}`),
/// or everything but those (`neg`).
#[derive(Clone, Copy, Debug)]
pub struct Class {
    neg: bool,
    space: bool,
    han: bool,
    chars: &'static str,
    /// The ASCII members (bit per code point), digits and ASCII white space included.
    ascii: u128,
}

/// Bits of ASCII white space (`\t\n\v\f\r` and space).
const ASCII_SPACE: u128 = (1 << 9) | (1 << 10) | (1 << 11) | (1 << 12) | (1 << 13) | (1 << 32);
/// Bits of `0`–`9`.
const ASCII_DIGITS: u128 = 0x3FF << 48;

/// The ASCII characters of `chars` as bits.
const fn ascii_bits(chars: &str) -> u128 {
    let mut b = chars.as_bytes();
    let mut bits = 0u128;
    while let [first, rest @ ..] = b {
        if *first < 128 {
            bits |= 1 << *first;
        }
        b = rest;
    }
    bits
}

impl Class {
    /// `[chars]`.
    pub const fn of(chars: &'static str) -> Self {
        Class {
            neg: false,
            space: false,
            han: false,
            chars,
            ascii: ascii_bits(chars),
        }
    }
    /// `[^chars]`.
    pub const fn not(chars: &'static str) -> Self {
        Class {
            neg: true,
            ..Class::of(chars)
        }
    }
    /// `[0-9]`.
    pub const DIGIT: Class = Class::of("").digits();
    /// `\s`.
    pub const SPACE: Class = Class::of("").space();
    /// `\p{Han}`.
    pub const HAN: Class = Class::of("").han();
    /// The same set with ASCII digits added (or, for a negated set, also excluded).
    pub const fn digits(self) -> Self {
        Class {
            ascii: self.ascii | ASCII_DIGITS,
            ..self
        }
    }
    /// The same set with white space added (or, for a negated set, also excluded).
    pub const fn space(self) -> Self {
        Class {
            space: true,
            ascii: self.ascii | ASCII_SPACE,
            ..self
        }
    }
    /// The same set with Han characters added.
    pub const fn han(self) -> Self {
        Class { han: true, ..self }
    }

    /// Whether every member is white space.
    fn only_space(&self) -> bool {
        !self.neg && !self.han && self.ascii & !ASCII_SPACE == 0 && self.chars.chars().all(|c| c.is_whitespace())
    }

    #[inline]
    fn has(&self, c: char) -> bool {
        let code = u32::from(c);
        let m = if code < 128 {
            self.ascii & (1u128 << code) != 0
        } else {
            (self.space && c.is_whitespace())
                || (self.han && is_han(c))
                || (!self.chars.is_ascii() && self.chars.chars().any(|x| x == c))
        };
        m != self.neg
    }
}

/// Unicode's Han script (`\p{Han}` of the regex crate, Unicode 15/16).
pub fn is_han(c: char) -> bool {
    matches!(u32::from(c),
        0x2E80..=0x2E99 | 0x2E9B..=0x2EF3 | 0x2F00..=0x2FD5 | 0x3005 | 0x3007 | 0x3021..=0x3029
        | 0x3038..=0x303B | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFA6D | 0xFA70..=0xFAD9
        | 0x16FE2 | 0x16FE3 | 0x16FF0..=0x16FF1 | 0x20000..=0x2A6DF | 0x2A700..=0x2B739
        | 0x2B740..=0x2B81D | 0x2B820..=0x2CEA1 | 0x2CEB0..=0x2EBE0 | 0x2EBF0..=0x2EE5D
        | 0x2F800..=0x2FA1D | 0x30000..=0x3134A | 0x31350..=0x323AF)
}

/// One step of a pattern.
#[derive(Clone, Copy, Debug)]
pub enum N {
    /// A literal.
    Lit(&'static str),
    /// One of these literals, tried in order (`(?:a|b)`).
    Any(&'static [&'static str]),
    /// Characters of a class, `min..=max` of them (`MANY`: no limit), greedy or lazy.
    Run(Class, u32, u32, Greed),
    /// An optional group, greedy (`(?:…)?`).
    Opt(&'static [N]),
    /// Alternatives, tried in order (`(?:…|…)`).
    Alt(&'static [&'static [N]]),
    /// A capturing group with its number.
    Cap(usize, &'static [N]),
    /// A group repeated `min..=max` times, greedy (`(?:…){m,n}`, `(?:…)*`, `(?:…)+`).
    Rep(&'static [N], u32, u32),
    /// `(?m:^)`: the start of the text or of a line.
    Bol,
    /// `(?m:$)`: the end of the text or of a line.
    Eol,
    /// `^` outside multi-line mode: the start of the text.
    Start,
    /// `$` outside multi-line mode: the end of the text.
    End,
}

/// Greedy (longest first) or lazy (shortest first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Greed {
    /// `*`, `+`, `{m,n}`.
    Greedy,
    /// `*?`, `+?`, `{m,n}?`.
    Lazy,
}

/// `\s*`.
pub const WS: N = N::Run(Class::SPACE, 0, MANY, Greed::Greedy);
/// `\s+`.
pub const WS1: N = N::Run(Class::SPACE, 1, MANY, Greed::Greedy);

/// `[0-9]{min,max}`, greedy.
pub const fn digits(min: u32, max: u32) -> N {
    N::Run(Class::DIGIT, min, max, Greed::Greedy)
}
/// `class{min,max}`, greedy.
pub const fn run(class: Class, min: u32, max: u32) -> N {
    N::Run(class, min, max, Greed::Greedy)
}
/// `class{min,max}?`, lazy.
pub const fn lazy(class: Class, min: u32, max: u32) -> N {
    N::Run(class, min, max, Greed::Lazy)
}

/// A pattern: its nodes and the regex they stand for.
pub struct Pat {
    nodes: &'static [N],
    source: &'static str,
    fallback: OnceLock<Option<Regex>>,
    lead: OnceLock<Lead>,
    /// Which engine searches, and the trial's measures.
    tier: Tier,
}

/// A match and its groups, like `regex::Captures`.
#[derive(Clone, Debug)]
pub struct Caps<'h> {
    hay: &'h str,
    slots: Slots,
}

/// One group's place in the text, like `regex::Match`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Span<'h> {
    /// Byte offset of the start.
    pub fn start(&self) -> usize {
        self.start
    }
    /// Byte offset of the end.
    pub fn end(&self) -> usize {
        self.end
    }
    /// The text matched.
    pub fn as_str(&self) -> &'h str {
        self.hay.get(self.start..self.end).unwrap_or("")
    }
    /// The byte range.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

impl<'h> Caps<'h> {
    /// Group `i` (0: the whole match), when it took part in the match.
    pub fn get(&self, i: usize) -> Option<Span<'h>> {
        let (start, end) = (*self.slots.get(i)?)?;
        Some(Span {
            hay: self.hay,
            start,
            end,
        })
    }
    fn whole(&self) -> (usize, usize) {
        self.slots.first().copied().flatten().unwrap_or((0, 0))
    }
}

/// A search that ran out of its step budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OutOfSteps;

impl Pat {
    /// A pattern from its nodes and the regex they stand for.
    pub const fn new(source: &'static str, nodes: &'static [N]) -> Self {
        Pat {
            nodes,
            source,
            fallback: OnceLock::new(),
            lead: OnceLock::new(),
            tier: Tier::new(),
        }
    }

    /// The regex this pattern stands for.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// The first match starting at or after `from`, with its groups (as `Regex::captures_at`).
    pub fn captures_at<'h>(&self, hay: &'h str, from: usize) -> Option<Caps<'h>> {
        let (re, clock) = self.engine(hay.len().saturating_sub(from));
        let t = clock.map(|_| Instant::now());
        let c = match re {
            Some(_) => self.slow(hay, from),
            None => match self.search(hay, from) {
                Ok(c) => c,
                Err(OutOfSteps) => self.slow(hay, from),
            },
        };
        clock_in(clock, t);
        c
    }

    /// A backtracking walk over `hay` from `from`, with its step budget: linear in the text,
    /// and far above what any real report needs (the tests check that no real report we hold
    /// runs out).
    fn walk<'h>(&self, hay: &'h str, from: usize) -> Walk<'h> {
        let budget = 4_096 + 64 * u64::try_from(hay.len().saturating_sub(from)).unwrap_or(u64::MAX / 128);
        Walk {
            hay,
            steps: Cell::new(budget),
            top: self.nodes,
            failed: RefCell::new([None; MEMO]),
        }
    }

    /// The backtracking search, or `OutOfSteps` when its budget ran out.
    pub(crate) fn search<'h>(&self, hay: &'h str, from: usize) -> Result<Option<Caps<'h>>, OutOfSteps> {
        if from > hay.len() || !hay.is_char_boundary(from) {
            return Ok(None);
        }
        let walk = self.walk(hay, from);
        let lead = self.lead.get_or_init(|| Lead::of(self.nodes));
        if lead.need != 0
            && !hay
                .as_bytes()
                .get(from..)
                .unwrap_or(&[])
                .iter()
                .any(|&b| b < 128 && lead.need & (1u128 << b) != 0)
        {
            return Ok(None);
        }
        let mut starts = Starts::new(hay, lead);
        let mut pos = from;
        loop {
            let start = starts.at_or_after(pos);
            let Some(start) = start else { return Ok(None) };
            let mut slots: Slots = [None; SLOTS];
            let mut found = None;
            let hit = walk.seq(self.nodes, start, &mut slots, &mut |end, s| {
                found = Some((end, *s));
                true
            });
            if hit && let Some((end, mut s)) = found {
                if let Some(z) = s.first_mut() {
                    *z = Some((start, end));
                }
                return Ok(Some(Caps { hay, slots: s }));
            }
            if walk.steps.get() == 0 {
                return Err(OutOfSteps);
            }
            // The next character.
            match walk.char_at(start) {
                Some(c) => pos = start + c.len_utf8(),
                None => return Ok(None),
            }
        }
    }

    /// The end of the match that starts exactly at `start`, if one does (an anchored `find`:
    /// leftmost-first, so it is the match `find` gives from `start` when that starts there).
    pub fn match_at(&self, hay: &str, start: usize) -> Option<usize> {
        if start > hay.len() || !hay.is_char_boundary(start) {
            return None;
        }
        let walk = self.walk(hay, start);
        let mut slots: Slots = [None; SLOTS];
        let mut found = None;
        if walk.seq(self.nodes, start, &mut slots, &mut |end, _| {
            found = Some(end);
            true
        }) {
            return found;
        }
        if walk.steps.get() == 0 {
            return self
                .slow_find(hay, start)
                .map(|c| c.whole())
                .and_then(|(s, e)| (s == start).then_some(e));
        }
        None
    }

    /// The regex crate's first match at or after `from`, whole only.
    fn slow_find<'h>(&self, hay: &'h str, from: usize) -> Option<Caps<'h>> {
        let re = self.fallback.get_or_init(|| Regex::new(self.source).ok()).as_ref()?;
        let m = re.find_at(hay, from)?;
        let mut slots: Slots = [None; SLOTS];
        if let Some(z) = slots.first_mut() {
            *z = Some((m.start(), m.end()));
        }
        Some(Caps { hay, slots })
    }

    /// The regex crate's answer (for a search that ran out of steps, or a hot pattern).
    fn slow<'h>(&self, hay: &'h str, from: usize) -> Option<Caps<'h>> {
        let re = self.fallback.get_or_init(|| Regex::new(self.source).ok()).as_ref()?;
        re.captures_at(hay, from).map(|c| caps_of(hay, &c))
    }

    /// The first match, with its groups.
    pub fn captures<'h>(&self, hay: &'h str) -> Option<Caps<'h>> {
        self.captures_at(hay, 0)
    }

    /// The first match.
    pub fn find<'h>(&self, hay: &'h str) -> Option<Span<'h>> {
        let (re, clock) = self.engine(hay.len());
        let t = clock.map(|_| Instant::now());
        let m = match re {
            Some(_) => self.slow_find(hay, 0),
            None => self.search(hay, 0).unwrap_or_else(|OutOfSteps| self.slow(hay, 0)),
        };
        clock_in(clock, t);
        m.and_then(|c| c.get(0))
    }

    /// Whether the text holds a match.
    pub fn is_match(&self, hay: &str) -> bool {
        let (re, clock) = self.engine(hay.len());
        let t = clock.map(|_| Instant::now());
        let found = match re {
            Some(re) => re.is_match(hay),
            None => self
                .search(hay, 0)
                .unwrap_or_else(|OutOfSteps| self.slow(hay, 0))
                .is_some(),
        };
        clock_in(clock, t);
        found
    }

    /// Every match, left to right, not overlapping (as `Regex::captures_iter`).
    pub fn captures_iter<'p, 'h>(&'p self, hay: &'h str) -> impl Iterator<Item = Caps<'h>> + use<'p, 'h> {
        self.matches(hay, true, self.engine(hay.len()))
    }

    /// Every match found by backtracking alone (the regex only past the step budget): what the
    /// tests hold to the regex crate's answer.
    #[cfg(test)]
    pub(crate) fn backtracking_iter<'p, 'h>(&'p self, hay: &'h str) -> impl Iterator<Item = Caps<'h>> + use<'p, 'h> {
        self.matches(hay, true, (None, None))
    }

    /// Every match; `groups`: with the groups (or the whole match only).
    fn matches<'p, 'h>(
        &'p self,
        hay: &'h str,
        groups: bool,
        (re, clock): (Option<&'p Regex>, Clock<'p>),
    ) -> impl Iterator<Item = Caps<'h>> + use<'p, 'h> {
        Timed {
            inner: self.matches_by(hay, groups, re),
            clock,
        }
    }

    /// [`Pat::matches`] untimed, by the regex when given (its own iterators, one cache for the
    /// whole walk), else by backtracking.
    fn matches_by<'p, 'h>(
        &'p self,
        hay: &'h str,
        groups: bool,
        re: Option<&'p Regex>,
    ) -> impl Iterator<Item = Caps<'h>> + use<'p, 'h> {
        if let Some(re) = re {
            return if groups {
                Either::A(Either::A(re.captures_iter(hay).map(move |c| caps_of(hay, &c))))
            } else {
                Either::A(Either::B(re.find_iter(hay).map(move |m| {
                    let mut slots: Slots = [None; SLOTS];
                    if let Some(z) = slots.first_mut() {
                        *z = Some((m.start(), m.end()));
                    }
                    Caps { hay, slots }
                })))
            };
        }
        let mut at = Some(0);
        let mut last_end: Option<usize> = None;
        // Once a search runs out of steps: the regex crate for the rest.
        let mut slow = false;
        let slow_at = move |from: usize| {
            if groups {
                self.slow(hay, from)
            } else {
                self.slow_find(hay, from)
            }
        };
        Either::B(std::iter::from_fn(move || {
            loop {
                let from = at?;
                let c = if slow {
                    slow_at(from)
                } else {
                    match self.search(hay, from) {
                        Ok(c) => c,
                        Err(OutOfSteps) => {
                            slow = true;
                            slow_at(from)
                        }
                    }
                }?;
                let (s, e) = c.whole();
                at = if e > s {
                    Some(e)
                } else {
                    // An empty match: go on one character later.
                    hay.get(e..).and_then(|h| h.chars().next()).map(|ch| e + ch.len_utf8())
                };
                // The regex crate skips an empty match where the previous one ended.
                if e == s && last_end == Some(e) {
                    continue;
                }
                last_end = Some(e);
                return Some(c);
            }
        }))
    }

    /// Every match, left to right, not overlapping (as `Regex::find_iter`).
    pub fn find_iter<'p, 'h>(&'p self, hay: &'h str) -> impl Iterator<Item = Span<'h>> + use<'p, 'h> {
        let (re, clock) = self.engine(hay.len());
        if let Some(re) = re {
            return Either::A(Timed {
                inner: re.find_iter(hay).map(move |m| Span {
                    hay,
                    start: m.start(),
                    end: m.end(),
                }),
                clock,
            });
        }
        Either::B(self.matches(hay, false, (None, clock)).filter_map(|c| c.get(0)))
    }
}

/// A regex crate match with its groups as [`Caps`].
fn caps_of<'h>(hay: &'h str, c: &regex::Captures<'h>) -> Caps<'h> {
    let mut slots: Slots = [None; SLOTS];
    for (i, slot) in slots.iter_mut().enumerate() {
        *slot = c.get(i).map(|m| (m.start(), m.end()));
    }
    Caps { hay, slots }
}

/// One of two iterators of the same items.
enum Either<A, B> {
    A(A),
    B(B),
}

impl<T, A: Iterator<Item = T>, B: Iterator<Item = T>> Iterator for Either<A, B> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        match self {
            Either::A(a) => a.next(),
            Either::B(b) => b.next(),
        }
    }
}

impl std::fmt::Debug for Pat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Pat").field(&self.source).finish()
    }
}

mod lead;
mod tier;
mod walk;

use lead::{Lead, Starts};
use tier::{Clock, Tier, Timed, clock_in};
use walk::{MEMO, Walk};

#[cfg(test)]
pub(crate) mod oracle;
#[cfg(test)]
mod tests;
