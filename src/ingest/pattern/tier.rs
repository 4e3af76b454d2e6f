//! Which engine a pattern searches with in a batch: its backtracker or the regex crate's, by
//! timing both on the batch's first text (see the module above).

use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::time::Instant;

use regex::Regex;

use super::Pat;

/// Text searched untimed, then over which each engine of a pattern is timed (after which
/// compiling the regex may pay, ~0.1–0.5 ms each): a batch settles its patterns within its
/// first few reports, a one-file `xxgk show` compiles and times none.
pub(super) const TRIAL: u64 = 256 * 1024;

/// Backtracking untimed (a one-file process never leaves this), trying the backtracker, trying
/// the regex, or settled on one (`Tier::state`).
pub(super) const WARM: u8 = 0;
pub(super) const TRY_BACK: u8 = 1;
pub(super) const TRY_REGEX: u8 = 2;
pub(super) const BACK: u8 = 3;
pub(super) const REGEX: u8 = 4;

/// Which engine a pattern uses: the text searched before the trials, and during each trial
/// the text searched and the time taken (backtracking first, then the regex), summed over
/// threads.
pub(super) struct Tier {
    pub(super) state: AtomicU8,
    warm: AtomicU64,
    bytes: [AtomicU64; 2],
    nanos: [AtomicU64; 2],
}

/// The engine a pattern keeps after its trials, from each one's time and text (backtracking
/// first): backtracking only when it took under two thirds of the regex's time per byte. A
/// trial is short and noisy, and a batch's first reports may not be like the rest: the regex
/// (the DFA, linear on any text) is left only for a clear gain.
pub(super) fn settle(nanos: [u64; 2], bytes: [u64; 2]) -> u8 {
    // back/bb < (2/3)·regex/rb, as 3·back·rb < 2·regex·bb, without dividing.
    let [bn, rn] = nanos.map(u128::from);
    let [bb, rb] = bytes.map(|b| u128::from(b.max(1)));
    if 3 * bn * rb < 2 * rn * bb { BACK } else { REGEX }
}

/// Where a search's time goes while its engine is on trial.
pub(super) type Clock<'p> = Option<&'p AtomicU64>;

/// Adds the time since `t` to a trial's clock.
pub(super) fn clock_in(clock: Clock<'_>, t: Option<Instant>) {
    if let (Some(c), Some(t)) = (clock, t) {
        c.fetch_add(
            u64::try_from(t.elapsed().as_nanos()).unwrap_or(u64::MAX),
            Ordering::Relaxed,
        );
    }
}

/// An iterator whose `next` is timed while its engine is on trial.
pub(super) struct Timed<'p, I> {
    pub(super) inner: I,
    pub(super) clock: Clock<'p>,
}

impl<I: Iterator> Iterator for Timed<'_, I> {
    type Item = I::Item;
    fn next(&mut self) -> Option<I::Item> {
        let t = self.clock.map(|_| Instant::now());
        let item = self.inner.next();
        clock_in(self.clock, t);
        item
    }
}

impl Tier {
    pub(super) const fn new() -> Tier {
        Tier {
            state: AtomicU8::new(WARM),
            warm: AtomicU64::new(0),
            bytes: [AtomicU64::new(0), AtomicU64::new(0)],
            nanos: [AtomicU64::new(0), AtomicU64::new(0)],
        }
    }
}

impl Pat {
    /// The engine of the next search of `len` bytes (the regex, or `None` to backtrack) and
    /// the trial's clock when that engine is on trial. Settles the pattern at the end of the
    /// second trial: the regex when it took less time per byte than backtracking.
    pub(super) fn engine(&self, len: usize) -> (Option<&Regex>, Clock<'_>) {
        let tier = &self.tier;
        let len = u64::try_from(len).unwrap_or(u64::MAX);
        match tier.state.load(Ordering::Relaxed) {
            BACK => (None, None),
            REGEX => (self.regex(), None),
            // Timing costs two clock reads a search: only a batch pays them.
            WARM => {
                if tier.warm.fetch_add(len, Ordering::Relaxed).saturating_add(len) >= TRIAL {
                    let _ = tier
                        .state
                        .compare_exchange(WARM, TRY_BACK, Ordering::Relaxed, Ordering::Relaxed);
                }
                (None, None)
            }
            TRY_BACK => {
                if tier.bytes[0].fetch_add(len, Ordering::Relaxed).saturating_add(len) >= TRIAL {
                    let _ = tier
                        .state
                        .compare_exchange(TRY_BACK, TRY_REGEX, Ordering::Relaxed, Ordering::Relaxed);
                }
                (None, Some(&tier.nanos[0]))
            }
            _ => {
                let Some(re) = self.regex() else {
                    tier.state.store(BACK, Ordering::Relaxed);
                    return (None, None);
                };
                if tier.bytes[1].fetch_add(len, Ordering::Relaxed).saturating_add(len) >= TRIAL {
                    let load = |a: &[AtomicU64; 2]| a.each_ref().map(|x| x.load(Ordering::Relaxed));
                    tier.state
                        .store(settle(load(&tier.nanos), load(&tier.bytes)), Ordering::Relaxed);
                }
                (Some(re), Some(&tier.nanos[1]))
            }
        }
    }

    /// The compiled regex (compiled on first use).
    pub(super) fn regex(&self) -> Option<&Regex> {
        self.fallback.get_or_init(|| Regex::new(self.source).ok()).as_ref()
    }
}
