//! Layout E: cells run together (`640020470` is 64|0|0|2|0|4|70). Enumerates the ways a row's
//! digit chunks split into cells, under the table's own arithmetic, within a work budget.
//!
//! A split never guesses: callers keep a cell only when every admissible split agrees on it.

/// A sum rule inside one row: the part at `start + len - 1` equals the sum of the parts before it
/// in the group (`six applicant cells sum to 总计`; `four outcomes sum to 总计` in table 3).
#[derive(Clone, Copy, Debug)]
pub struct SumGroup {
    /// Index of the first part of the group.
    pub start: usize,
    /// Number of parts in the group, the total included.
    pub len: usize,
}

/// Result of enumerating splits.
#[derive(Debug, PartialEq, Eq)]
pub enum Splits {
    /// All admissible splits (possibly none).
    All(Vec<Vec<u64>>),
    /// More admissible splits, or more work, than the budget allows.
    TooMany,
}

/// Longest digit run accepted as one cell.
const MAX_PART_DIGITS: usize = 12;
/// Most splits kept before giving up.
const MAX_SPLITS: usize = 256;
/// Most search steps before giving up.
const MAX_STEPS: u32 = 2_000_000;

struct Search<'a> {
    chunks: &'a [Vec<u8>],
    n: usize,
    groups: &'a [SumGroup],
    parts: Vec<u64>,
    lens: Vec<usize>,
    out: Vec<Vec<u64>>,
    steps: u32,
    overflow: bool,
}

/// Splits digit chunks (separated by spaces in the source, so cells never span two chunks) into
/// exactly `n` integers without leading zeros, each chunk giving at least one part, such that every
/// sum group holds. Chunks must be ASCII digits only; otherwise there is no split.
pub fn split(chunks: &[&str], n: usize, groups: &[SumGroup]) -> Splits {
    if chunks.is_empty()
        || chunks
            .iter()
            .any(|c| c.is_empty() || !c.bytes().all(|b| b.is_ascii_digit()))
    {
        return Splits::All(Vec::new());
    }
    let digits: usize = chunks.iter().map(|c| c.len()).sum();
    if n < chunks.len() || n > digits {
        return Splits::All(Vec::new());
    }
    let chunks: Vec<Vec<u8>> = chunks.iter().map(|c| c.bytes().map(|b| b - b'0').collect()).collect();
    let mut s = Search {
        chunks: &chunks,
        n,
        groups,
        parts: Vec::with_capacity(n),
        lens: Vec::with_capacity(n),
        out: Vec::new(),
        steps: 0,
        overflow: false,
    };
    s.go(0, 0);
    if s.overflow {
        Splits::TooMany
    } else {
        Splits::All(s.out)
    }
}

impl Search<'_> {
    fn remaining_digits(&self, ci: usize, pos: usize) -> usize {
        let here = self.chunks.get(ci).map_or(0, |c| c.len().saturating_sub(pos));
        here + self.chunks.iter().skip(ci + 1).map(Vec::len).sum::<usize>()
    }

    /// The group whose total sits at part index `i`, if any.
    fn group_ending_at(&self, i: usize) -> Option<SumGroup> {
        self.groups.iter().copied().find(|g| g.start + g.len == i + 1)
    }

    /// Fewest digits the parts still to place need: one each, and every open group's total at
    /// least as long as the longest part placed in its group (a total is never below its parts).
    fn min_digits_needed(&self) -> usize {
        let placed = self.parts.len();
        let mut need = self.n.saturating_sub(placed);
        for g in self
            .groups
            .iter()
            .filter(|g| g.start < placed && g.start + g.len > placed)
        {
            let longest = self
                .lens
                .get(g.start..placed)
                .map_or(0, |l| l.iter().copied().max().unwrap_or(0));
            need += longest.saturating_sub(1);
        }
        need
    }

    fn go(&mut self, ci: usize, pos: usize) {
        if self.overflow {
            return;
        }
        self.steps += 1;
        if self.steps > MAX_STEPS {
            self.overflow = true;
            return;
        }
        let k = self.parts.len();
        let Some(chunk) = self.chunks.get(ci) else {
            if k == self.n {
                self.out.push(self.parts.clone());
                if self.out.len() > MAX_SPLITS {
                    self.overflow = true;
                }
            }
            return;
        };
        if k == self.n {
            return;
        }
        let parts_left = self.n - k;
        let chunks_left = self.chunks.len() - ci;
        if parts_left < chunks_left || parts_left > self.remaining_digits(ci, pos) {
            return;
        }
        let Some(&first) = chunk.get(pos) else { return };
        let max_len = if first == 0 {
            1
        } else {
            MAX_PART_DIGITS.min(chunk.len() - pos)
        };
        for len in 1..=max_len {
            let value = chunk
                .get(pos..pos + len)
                .map_or(0, |d| d.iter().fold(0u64, |a, &x| a * 10 + u64::from(x)));
            self.parts.push(value);
            self.lens.push(len);
            let ok = match self.group_ending_at(k) {
                Some(g) => {
                    let sum: u64 = self.parts.get(g.start..k).map_or(0, |p| p.iter().sum());
                    sum == value
                }
                None => self.remaining_digits(ci, pos + len) >= self.min_digits_needed(),
            };
            if ok {
                if pos + len == chunk.len() {
                    self.go(ci + 1, 0);
                } else {
                    self.go(ci, pos + len);
                }
            }
            self.parts.pop();
            self.lens.pop();
            if self.overflow {
                return;
            }
        }
    }
}

/// For each position, the value all splits agree on (None where they differ or there are none).
pub fn agreed(splits: &[Vec<u64>], n: usize) -> Vec<Option<u64>> {
    (0..n)
        .map(|i| {
            let first = splits.first()?.get(i).copied()?;
            splits.iter().all(|s| s.get(i) == Some(&first)).then_some(first)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROW: [SumGroup; 1] = [SumGroup { start: 0, len: 7 }];
    const T3: [SumGroup; 3] = [
        SumGroup { start: 0, len: 5 },
        SumGroup { start: 5, len: 5 },
        SumGroup { start: 10, len: 5 },
    ];

    fn all(s: Splits) -> Vec<Vec<u64>> {
        match s {
            Splits::All(v) => v,
            Splits::TooMany => Vec::new(),
        }
    }

    #[test]
    fn unique_row_split() {
        assert_eq!(all(split(&["640020470"], 7, &ROW)), vec![vec![64, 0, 0, 2, 0, 4, 70]]);
        assert_eq!(
            all(split(&["230", "000023"], 7, &ROW)),
            vec![vec![23, 0, 0, 0, 0, 0, 23]]
        );
        assert_eq!(all(split(&["0000000"], 7, &ROW)), vec![vec![0; 7]]);
    }

    #[test]
    fn ambiguous_row_split() {
        let s = all(split(&["270020130"], 7, &ROW));
        assert!(s.contains(&vec![27, 0, 0, 2, 0, 1, 30]));
        assert!(s.contains(&vec![2, 7, 0, 0, 20, 1, 30]));
        assert_eq!(agreed(&s, 7).last(), Some(&Some(30)));
    }

    #[test]
    fn table3_groups() {
        assert_eq!(
            all(split(&["10203120001200000"], 15, &T3)),
            vec![vec![1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]]
        );
    }

    #[test]
    fn no_sum_rule_is_ambiguous() {
        assert!(all(split(&["3960181"], 3, &[])).len() > 1);
        assert_eq!(all(split(&["000"], 3, &[])), vec![vec![0, 0, 0]]);
    }

    #[test]
    fn bounded_on_long_input() {
        let long = "1".repeat(200);
        let r = split(&[long.as_str()], 15, &T3);
        assert!(matches!(r, Splits::All(_) | Splits::TooMany));
        assert_eq!(all(split(&["12a"], 3, &[])), Vec::<Vec<u64>>::new());
    }
}
