//! Where a match may start: a pattern's leading literals (found with memchr's `memmem`, one
//! searcher per literal), its leading ASCII bytes, line starts, or any character of its first class.

use super::{Class, MANY, N};

/// Most literals a pattern's start is sought by (more: it is sought everywhere).
const LEAD_LITS: usize = 32;

/// Where a match can start: at one of these literals, at one of these ASCII bytes, at a line
/// start, or (when `anywhere`) at any character (of the class `first`, when known).
pub(super) struct Lead {
    lits: Vec<&'static str>,
    /// Finds the first of `lits`.
    finder: Option<Finder>,
    /// ASCII bytes a match may start with (single-byte literals, ASCII classes).
    bytes: [bool; 128],
    any_bytes: bool,
    lines: bool,
    /// Only at the start of the text (`^`).
    start: bool,
    /// One character before one of `lits` (a pattern that starts with one character of a
    /// class, then a literal: `(\p{Han})(?:ICP|公网安)备`).
    behind: bool,
    anywhere: bool,
    /// For `anywhere`: the class the first character must be in.
    first: Option<Class>,
    /// For `anywhere` with a one-character first node: the class the second must be in.
    second: Option<Class>,
    /// ASCII characters of which every match holds one (`[0-9]` of `…[0-9]…`), when known.
    pub(super) need: u128,
    /// Literals every match holds after a bounded stretch (none, one or two).
    needles: Vec<Needle>,
}

/// A literal every match holds, with at most `before` characters other than white space
/// between the match's start and it (`政府信息公开` of `^\s*([^\n]{2,60}?)[0-9]{4}\s*年政府信息公开`:
/// 64). No match starts before the `before`-th such character back from the literal's next
/// occurrence, so the starts before it are skipped, and none is tried once it occurs no more.
struct Needle {
    before: usize,
    finder: memchr::memmem::Finder<'static>,
}

impl Default for Lead {
    fn default() -> Self {
        Lead {
            lits: Vec::new(),
            finder: None,
            bytes: [false; 128],
            any_bytes: false,
            lines: false,
            start: false,
            behind: false,
            anywhere: false,
            first: None,
            second: None,
            need: 0,
            needles: Vec::new(),
        }
    }
}

impl Lead {
    pub(super) fn of(ns: &[N]) -> Self {
        let mut l = Self::starts_of(ns);
        if !l.start {
            l.needles = Needle::of(ns);
        }
        l
    }

    /// Where a match can start, from its first nodes.
    fn starts_of(ns: &[N]) -> Self {
        let mut l = Lead::default();
        if let Some(N::Start) = ns.first() {
            l.start = true;
            return l;
        }
        if l.collect(ns) && !l.lits.iter().any(|x| x.is_empty()) && l.lits.len() <= LEAD_LITS {
            l.finder = Finder::new(&l.lits);
            return l;
        }
        l = Lead::default();
        // `(\p{Han})备`: the literal after a one-character start.
        let (first, rest) = match ns.split_first() {
            Some((N::Run(c, min, _, _), rest)) if *min >= 1 => (Some(*c), (*min == 1).then_some(rest)),
            Some((N::Cap(_, [N::Run(c, min, _, _)]), rest)) if *min >= 1 => (Some(*c), (*min == 1).then_some(rest)),
            _ => (None, None),
        };
        if let Some(rest) = rest
            && matches!(ns.first(), Some(N::Run(_, 1, 1, _) | N::Cap(_, [N::Run(_, 1, 1, _)])))
            && l.collect(rest)
            && !l.any_bytes
            && !l.lines
            && !l.lits.is_empty()
            && l.lits.len() <= LEAD_LITS
            && !l.lits.iter().any(|x| x.is_empty())
        {
            l.behind = true;
            l.finder = Finder::new(&l.lits);
            return l;
        }
        let second = match ns {
            [
                N::Run(_, 1, 1, _) | N::Cap(_, [N::Run(_, 1, 1, _)]),
                N::Run(c, min, _, _),
                ..,
            ] if *min >= 1 => Some(*c),
            _ => None,
        };
        Lead {
            anywhere: true,
            first,
            second,
            need: needed(ns),
            ..Lead::default()
        }
    }

    fn byte(&mut self, b: u8) {
        if let Some(x) = self.bytes.get_mut(usize::from(b)) {
            *x = true;
            self.any_bytes = true;
        }
    }

    /// Adds where a match of `ns` can start; false when it can start anywhere.
    fn collect(&mut self, ns: &[N]) -> bool {
        let Some((n, rest)) = ns.split_first() else {
            return false;
        };
        match *n {
            N::Lit(l) => {
                self.lit(l);
                true
            }
            N::Any(ls) => {
                ls.iter().for_each(|l| self.lit(l));
                true
            }
            N::Run(c, min, _, _) if !c.neg && !c.space && !c.han && c.chars.is_ascii() => {
                (0u8..128)
                    .filter(|&b| c.ascii & (1u128 << b) != 0)
                    .for_each(|b| self.byte(b));
                min > 0 || self.collect(rest)
            }
            N::Bol => {
                self.lines = true;
                true
            }
            N::Alt(alts) => alts.iter().all(|a| self.collect_then(a, rest)),
            N::Cap(_, inner) => self.collect_then(inner, rest),
            N::Opt(inner) => self.collect(inner) && self.collect(rest),
            N::Rep(inner, min, _) => self.collect_then(inner, rest) && (min > 0 || self.collect(rest)),
            _ => false,
        }
    }

    /// A literal: a single ASCII byte goes to the byte table.
    fn lit(&mut self, l: &'static str) {
        match l.as_bytes() {
            [b] if b.is_ascii() => self.byte(*b),
            _ => self.lits.push(l),
        }
    }

    /// `collect` of a group followed by `rest` (the rest too when the group can match nothing).
    fn collect_then(&mut self, inner: &[N], rest: &[N]) -> bool {
        self.collect(inner) && (!nullable(inner) || self.collect(rest))
    }
}

/// ASCII characters of which every match of `ns` holds one: a run of an ASCII class or an ASCII
/// literal among its own nodes (0: none known).
fn needed(ns: &[N]) -> u128 {
    ns.iter()
        .find_map(|n| match *n {
            N::Run(c, min, _, _) if min > 0 && !c.neg && !c.space && !c.han && c.chars.is_ascii() => Some(c.ascii),
            N::Lit(l) => l.bytes().next().filter(u8::is_ascii).map(|b| 1u128 << b),
            N::Alt(&[one]) | N::Cap(_, one) => Some(needed(one)).filter(|&b| b != 0),
            _ => None,
        })
        .unwrap_or(0)
}

impl Needle {
    /// The longest literal of the pattern's own nodes (or of its groups that must match) with a
    /// bounded count before it, and the last such (often the rarer: `报告` after
    /// `政府信息公开`); none that is the pattern's first node (sought anyway) or shorter than
    /// two bytes.
    fn of(ns: &[N]) -> Vec<Needle> {
        let mut found: Vec<(&'static str, usize, bool)> = Vec::new();
        candidates(ns, Some(0), &mut found, true);
        found.retain(|&(l, _, first)| !first && l.len() >= 2);
        let longest = found
            .iter()
            .max_by_key(|&&(l, before, _)| (l.len(), std::cmp::Reverse(before)))
            .copied();
        let last = found.last().copied();
        let mut out: Vec<Needle> = longest.into_iter().map(Needle::new).collect();
        if let Some(last) = last
            && Some(last) != longest
        {
            out.push(Needle::new(last));
        }
        out
    }

    fn new((lit, before, _): (&'static str, usize, bool)) -> Needle {
        Needle {
            before,
            finder: memchr::memmem::Finder::new(lit.as_bytes()),
        }
    }

    /// Where no match whose needle is at `at` can start before: `before` characters other than
    /// white space back from `at`; or `floor` when it is not that far back (then nothing is
    /// skipped, and the walk never goes below `floor`).
    fn lowest_start(&self, hay: &str, at: usize, floor: usize) -> usize {
        let mut count = 0usize;
        let mut pos = at;
        let Some(behind) = hay.get(floor..at) else {
            return floor;
        };
        for c in behind.chars().rev() {
            if !Class::SPACE.has(c) {
                if count == self.before {
                    return pos;
                }
                count += 1;
            }
            pos -= c.len_utf8();
        }
        floor
    }
}

/// The literals of `ns` that every match holds, each with the most characters other than white
/// space a match can have before it (from `at`, what the nodes before `ns` may hold; `None`:
/// no bound); `first`: whether `ns` starts the pattern.
fn candidates(
    ns: &[N],
    mut at: Option<usize>,
    out: &mut Vec<(&'static str, usize, bool)>,
    first: bool,
) -> Option<usize> {
    for (i, n) in ns.iter().enumerate() {
        let first = first && i == 0;
        match *n {
            N::Lit(l) => {
                if let Some(b) = at {
                    out.push((l, b, first));
                }
            }
            N::Cap(_, inner) | N::Alt(&[inner]) => {
                at = candidates(inner, at, out, first);
                continue;
            }
            _ => {}
        }
        at = at.and_then(|a| a.checked_add(most(std::slice::from_ref(n))?));
    }
    at
}

/// How many characters of `l` are not white space.
fn solid(l: &str) -> usize {
    l.chars().filter(|&c| !Class::SPACE.has(c)).count()
}

/// The most characters other than white space a match of `ns` can hold (`None`: no bound).
fn most(ns: &[N]) -> Option<usize> {
    ns.iter().try_fold(0usize, |sum, n| {
        let m = match *n {
            N::Lit(l) => solid(l),
            N::Any(ls) => ls.iter().map(|l| solid(l)).max().unwrap_or(0),
            N::Run(c, _, max, _) => {
                if c.only_space() {
                    0
                } else if max == MANY {
                    return None;
                } else {
                    usize::try_from(max).ok()?
                }
            }
            N::Opt(inner) | N::Cap(_, inner) => most(inner)?,
            N::Alt(alts) => alts.iter().map(|a| most(a)).try_fold(0usize, |m, x| Some(m.max(x?)))?,
            N::Rep(inner, _, max) => {
                let one = most(inner)?;
                if one == 0 {
                    0
                } else if max == MANY {
                    return None;
                } else {
                    one.checked_mul(usize::try_from(max).ok()?)?
                }
            }
            N::Bol | N::Eol | N::Start | N::End => 0,
        };
        sum.checked_add(m)
    })
}

/// Whether the nodes can match the empty string.
fn nullable(ns: &[N]) -> bool {
    ns.iter().all(|n| match *n {
        N::Lit(l) => l.is_empty(),
        N::Any(ls) => ls.iter().any(|l| l.is_empty()),
        N::Run(_, min, _, _) => min == 0,
        N::Opt(_) | N::Bol | N::Eol | N::Start | N::End => true,
        N::Alt(alts) => alts.iter().any(|a| nullable(a)),
        N::Cap(_, inner) => nullable(inner),
        N::Rep(inner, min, _) => min == 0 || nullable(inner),
    })
}

/// Texts up to this many bytes are scanned for literals plainly.
const SHORT: usize = 64;

/// The first occurrence of any of a pattern's leading literals: a `memmem` searcher per
/// literal (an Aho-Corasick automaton over a pattern's few literals took ~20 µs each to build,
/// ~0.2 ms of a one-file `xxgk show`; these take nanoseconds).
struct Finder(Vec<memchr::memmem::Finder<'static>>);

/// Per literal: where it was last sought from and its first occurrence at or after that
/// (`None`: none before the end it was sought to).
type Seen = [Option<(usize, usize, Option<usize>)>; LEAD_LITS];

impl Finder {
    fn new(lits: &[&'static str]) -> Option<Self> {
        (!lits.is_empty()).then(|| Finder(lits.iter().map(|l| memchr::memmem::Finder::new(l.as_bytes())).collect()))
    }

    /// Where the first of the literals at or after `from` starts. `seen` keeps each literal's
    /// last search, so that a literal is sought again only past where it was last sought, and
    /// only up to the nearest occurrence of the others found so far: a search costs about as
    /// many bytes per literal as lie before the first match.
    fn find(&self, hay: &str, from: usize, lits: &[&str], seen: &mut Seen) -> Option<usize> {
        let rest = hay.as_bytes().get(from..)?;
        if rest.len() <= SHORT {
            // A word or a line: a plain scan costs less than setting up a search.
            return (0..rest.len())
                .find(|&i| {
                    rest.get(i..)
                        .is_some_and(|r| lits.iter().any(|l| r.starts_with(l.as_bytes())))
                })
                .map(|i| from + i);
        }
        let mut best: Option<usize> = None;
        for (f, seen) in self.0.iter().zip(seen.iter_mut()) {
            let known = match *seen {
                // Sought from at or before `from`: its occurrence still stands if not behind.
                Some((at, _, Some(hit))) if at <= from && hit >= from => Some(Some(hit)),
                // None in what it was sought over: so none before `best` either, when that
                // reaches no further (or it was sought to the end).
                Some((at, end, None))
                    if at <= from && (end == hay.len() || best.is_some_and(|b| b + f.needle().len() <= end)) =>
                {
                    Some(None)
                }
                _ => None,
            };
            let hit = match known {
                Some(hit) => hit,
                None => {
                    // Sought only as far as a match of the others already found (plus its own
                    // length, so that a literal starting before that match is seen whole).
                    let end = best.map_or(hay.len(), |b| (b + f.needle().len()).min(hay.len()));
                    let hit = hay.as_bytes().get(from..end).and_then(|h| f.find(h)).map(|i| from + i);
                    *seen = Some((from, end, hit));
                    hit
                }
            };
            if let Some(h) = hit
                && best.is_none_or(|b| h < b)
            {
                best = Some(h);
            }
        }
        best
    }
}

/// The next place at or after `pos` where a match may start.
pub(super) struct Starts<'h, 'l> {
    hay: &'h str,
    lead: &'l Lead,
    /// Per needle: where it was last sought from, and its first occurrence there (`None`:
    /// none).
    needle_at: [Option<(usize, Option<usize>)>; 2],
    /// The leading literals' last searches.
    seen: Seen,
}

impl<'h, 'l> Starts<'h, 'l> {
    pub(super) fn new(hay: &'h str, lead: &'l Lead) -> Self {
        Starts {
            hay,
            lead,
            needle_at: [None; 2],
            seen: [None; LEAD_LITS],
        }
    }

    pub(super) fn at_or_after(&mut self, mut pos: usize) -> Option<usize> {
        loop {
            let start = self.lead_at_or_after(pos)?;
            let mut lowest = start;
            for (needle, cache) in self.lead.needles.iter().zip(self.needle_at.iter_mut()) {
                // The needle's first occurrence at or after `start`.
                let at = match *cache {
                    Some((from, Some(at))) if from <= start && at >= start => at,
                    Some((from, None)) if from <= start => return None,
                    _ => {
                        let found = self
                            .hay
                            .as_bytes()
                            .get(start..)
                            .and_then(|h| needle.finder.find(h))
                            .map(|i| start + i);
                        *cache = Some((start, found));
                        found?
                    }
                };
                lowest = lowest.max(needle.lowest_start(self.hay, at, start));
            }
            if lowest <= start {
                return Some(start);
            }
            pos = lowest;
        }
    }

    /// The next place at or after `pos` where the pattern's first nodes may start.
    fn lead_at_or_after(&mut self, pos: usize) -> Option<usize> {
        let hay = self.hay;
        let lead = self.lead;
        if lead.anywhere {
            let rest = hay.get(pos..)?;
            return match (lead.first, lead.second) {
                (Some(c), Some(d)) => {
                    let mut it = rest.char_indices().peekable();
                    while let Some((i, ch)) = it.next() {
                        if c.has(ch) && it.peek().is_some_and(|&(_, n)| d.has(n)) {
                            return Some(pos + i);
                        }
                    }
                    None
                }
                (Some(c), None) => rest.char_indices().find(|&(_, ch)| c.has(ch)).map(|(i, _)| pos + i),
                _ => Some(pos),
            };
        }
        if lead.start {
            return (pos == 0).then_some(0);
        }
        // A literal found `behind` is sought one character on, its start one character back.
        let skip = if lead.behind {
            hay.get(pos..).and_then(|h| h.chars().next()).map_or(1, char::len_utf8)
        } else {
            0
        };
        let mut best = lead
            .finder
            .as_ref()
            .and_then(|f| f.find(hay, pos + skip, &lead.lits, &mut self.seen));
        if lead.behind {
            return best.and_then(|q| {
                hay.get(..q)
                    .and_then(|h| h.chars().next_back())
                    .map(|c| q - c.len_utf8())
            });
        }
        if lead.any_bytes {
            let limit = best.unwrap_or(hay.len());
            let bytes = hay.as_bytes().get(pos..limit).unwrap_or(&[]);
            if let Some(i) = bytes
                .iter()
                .position(|&b| lead.bytes.get(usize::from(b)).copied().unwrap_or(false))
            {
                best = Some(pos + i);
            }
        }
        if lead.lines {
            let limit = best.unwrap_or(hay.len());
            if pos == 0 || hay.get(..pos).is_some_and(|h| h.ends_with('\n')) {
                best = Some(pos);
            } else if let Some(i) = hay.as_bytes().get(pos..limit).and_then(|h| memchr::memchr(b'\n', h)) {
                best = Some(pos + i + 1);
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Class, N, WS, digits, lazy, run};
    use super::{Lead, Starts};

    const TITLE: &[N] = &[
        N::Bol,
        WS,
        N::Cap(1, &[lazy(Class::not("\n"), 2, 60)]),
        digits(4, 4),
        WS,
        N::Lit("年"),
        WS,
        N::Lit("政府信息公开"),
    ];

    #[test]
    fn the_needle_is_the_longest_literal_with_what_may_come_before_it() {
        let lead = Lead::of(TITLE);
        let befores: Vec<usize> = lead.needles.iter().map(|n| n.before).collect();
        // 60 + 4 + `年`; the runs of white space count nothing. The last literal is the longest.
        assert_eq!(befores, [65]);
        let befores: Vec<usize> = Lead::of(&[N::Lit("甲"), run(Class::DIGIT, 1, 3), N::Lit("政府"), N::Lit("报告")])
            .needles
            .iter()
            .map(|n| n.before)
            .collect();
        assert_eq!(befores, [4, 6]);
        // Unbounded before it: no needle.
        assert!(
            Lead::of(&[
                N::Lit("甲"),
                WS,
                run(Class::not("\n"), 0, super::MANY),
                N::Lit("政府信息公开")
            ])
            .needles
            .is_empty()
        );
        // Its own first node: sought by the lead already.
        assert!(
            Lead::of(&[N::Lit("政府信息公开"), N::Lit("报告")])
                .needles
                .iter()
                .map(|n| n.before)
                .eq([6])
        );
        assert!(Lead::of(&[N::Lit("政府信息公开")]).needles.is_empty());
    }

    #[test]
    fn starts_too_far_before_the_needle_are_skipped() {
        let lead = Lead::of(TITLE);
        let lines = "甲乙丙丁\n".repeat(1000);
        // No needle: no start at all.
        assert_eq!(Starts::new(&lines, &lead).at_or_after(0), None);
        // The needle after 1000 lines: the first line start within 65 characters of it
        // (white space not counted) back from it.
        let hay = format!("{lines}2023年政府信息公开");
        let at = hay.find("2023").unwrap_or(0);
        let first = Starts::new(&hay, &lead).at_or_after(0);
        // 65 back: `2023年` is 5, then 60 of the lines before (4 a line, newlines not counted)
        // reach 15 lines back, and the first line start after that.
        let line = "甲乙丙丁\n".len();
        assert_eq!(first, Some(at - 15 * line));
        // Spaces before the needle are free: a wide gap of them changes nothing.
        let gap = format!("{lines}2023  \u{3000}\t{}年政府信息公开", " ".repeat(5000));
        let at = gap.find("2023").unwrap_or(0);
        assert_eq!(Starts::new(&gap, &lead).at_or_after(0), Some(at - 15 * line));
    }

    #[test]
    fn the_first_of_several_literals_is_the_plain_search_whatever_was_sought_before() {
        // Literals that overlap one another, one a prefix of another, one that never occurs;
        // texts past the length scanned plainly; positions sought forward, again, and back.
        let lits: &[&'static str] = &["甲乙", "乙", "乙丙甲", "丁", "a b", "丙丙丙"];
        let finder = super::Finder::new(lits).expect("literals");
        let alphabet = ['甲', '乙', '丙', 'a', ' ', 'b', '\n'];
        let mut state = 7u64;
        for round in 0..200 {
            let len = 30 + round % 170;
            let hay: String = (0..len)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    alphabet[usize::try_from(state >> 33).unwrap_or(0) % alphabet.len()]
                })
                .collect();
            let bounds: Vec<usize> = (0..=hay.len()).filter(|&i| hay.is_char_boundary(i)).collect();
            let plain = |from: usize| lits.iter().filter_map(|l| hay[from..].find(l).map(|i| from + i)).min();
            let mut seen = [None; super::LEAD_LITS];
            let mut order: Vec<usize> = bounds.clone();
            // Forward over every boundary, then a few jumps back and forth.
            order.extend(bounds.iter().rev().step_by(3));
            order.extend(bounds.iter().step_by(7));
            for from in order {
                assert_eq!(
                    finder.find(&hay, from, lits, &mut seen),
                    plain(from),
                    "from {from} in {hay:?}"
                );
            }
        }
    }
}
