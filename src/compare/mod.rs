//! Comparing reports: when a change is large enough to flag (the side-by-side view is
//! [`crate::grid`]).
//!
//! A cell is flagged when |Δ| ≥ an absolute minimum AND, for a base of at least `min_base`,
//! |Δ%| ≥ a relative threshold, so that 1 → 3 is not a "+200%" alarm while 0 → 50 still is.

use serde::{Deserialize, Serialize};

use crate::model::Num;

/// Thresholds for a large change.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// Smallest absolute change flagged.
    pub min_abs: f64,
    /// Smallest relative change flagged (0.5 = 50%), for bases of at least `min_base`.
    pub min_rel: f64,
    /// Below this base, only the absolute change counts.
    pub min_base: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            min_abs: 10.0,
            min_rel: 0.5,
            min_base: 5.0,
        }
    }
}

/// The direction of a large change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// A large increase.
    Increase,
    /// A large decrease.
    Decrease,
}

impl Thresholds {
    /// Whether going from `a` to `b` is a large change, and which way.
    pub fn flag(&self, a: Option<Num>, b: Option<Num>) -> Option<Change> {
        let (a, b) = (a?.to_f64(), b?.to_f64());
        let delta = b - a;
        if delta.abs() < self.min_abs || delta == 0.0 {
            return None;
        }
        if a.abs() >= self.min_base && (delta / a).abs() < self.min_rel {
            return None;
        }
        Some(if delta > 0.0 {
            Change::Increase
        } else {
            Change::Decrease
        })
    }
}

/// Δ and Δ% between two values (Δ% is `None` when the base is 0).
pub fn delta(a: Option<Num>, b: Option<Num>) -> (Option<Num>, Option<f64>) {
    match (a, b) {
        (Some(a), Some(b)) => {
            let d = b.checked_sub(a);
            let pct = (!a.is_zero()).then(|| (b.to_f64() - a.to_f64()) / a.to_f64().abs() * 100.0);
            (d, pct)
        }
        _ => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: i64) -> Option<Num> {
        Some(Num::int(v))
    }

    #[test]
    fn large_changes() {
        let t = Thresholds::default();
        assert_eq!(t.flag(n(1), n(3)), None, "small base, small change");
        assert_eq!(t.flag(n(0), n(50)), Some(Change::Increase));
        assert_eq!(t.flag(n(100), n(120)), None, "+20% is not large");
        assert_eq!(t.flag(n(100), n(40)), Some(Change::Decrease));
        assert_eq!(t.flag(n(100), None), None);
        assert_eq!(delta(n(4), n(6)), (n(2), Some(50.0)));
        assert_eq!(delta(n(0), n(6)).1, None);
    }
}
