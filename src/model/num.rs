//! Exact decimal numbers: counts, signed changes and amounts such as `2192.76779` 万元.
//!
//! Figures are kept exactly as printed (no binary floating point), so that `2192.76779` reads,
//! prints and sums back to the same digits. Arithmetic is checked: a sum that would overflow is
//! `None`, never a wrapped value.

use std::cmp::Ordering;
use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Largest number of decimal places kept.
const MAX_SCALE: u8 = 9;
/// Largest number of significant digits accepted (keeps every operation inside `i64`).
const MAX_DIGITS: usize = 15;

/// An exact decimal: `mantissa × 10^-scale`, normalised (no trailing zero decimals).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Num {
    mantissa: i64,
    scale: u8,
}

impl Num {
    /// Zero.
    pub const ZERO: Num = Num { mantissa: 0, scale: 0 };

    /// An integer.
    pub fn int(v: i64) -> Num {
        Num { mantissa: v, scale: 0 }
    }

    /// Builds `mantissa × 10^-scale`, normalised. `None` when the scale is out of range.
    pub fn new(mantissa: i64, scale: u8) -> Option<Num> {
        if scale > MAX_SCALE {
            return None;
        }
        Some(Num { mantissa, scale }.normalised())
    }

    fn normalised(mut self) -> Num {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        if self.mantissa == 0 {
            self.scale = 0;
        }
        self
    }

    /// Parses plain decimal text: optional sign, digits, optional `.` and digits.
    /// Thousands separators must already be removed. `None` for anything else.
    pub fn parse(text: &str) -> Option<Num> {
        let (neg, body) = match text.as_bytes().first()? {
            b'-' => (true, text.get(1..)?),
            b'+' => (false, text.get(1..)?),
            _ => (false, text),
        };
        let (int_part, frac_part) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if body.contains('.') && (frac_part.is_empty() || !frac_part.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let frac = frac_part.trim_end_matches('0');
        let int = int_part.trim_start_matches('0');
        if int.len() + frac.len() > MAX_DIGITS || frac.len() > usize::from(MAX_SCALE) {
            return None;
        }
        let mut m: i64 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            m = m.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
        }
        let scale = u8::try_from(frac.len()).ok()?;
        Num::new(if neg { -m } else { m }, scale)
    }

    /// Mantissa and scale: the value is `mantissa × 10^-scale`.
    pub fn parts(self) -> (i64, u8) {
        (self.mantissa, self.scale)
    }

    /// Whether the number has no decimal part.
    pub fn is_integer(self) -> bool {
        self.scale == 0
    }

    /// Whether the number is below zero.
    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    /// Whether the number is zero.
    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    /// Number of decimal places.
    pub fn scale(self) -> u8 {
        self.scale
    }

    /// The value as an integer, when it is one.
    pub fn as_i64(self) -> Option<i64> {
        self.is_integer().then_some(self.mantissa)
    }

    /// The value as a float (for display ratios only, never for sums).
    pub fn to_f64(self) -> f64 {
        self.mantissa as f64 / 10f64.powi(i32::from(self.scale))
    }

    fn rescaled(self, scale: u8) -> Option<i64> {
        let diff = scale.checked_sub(self.scale)?;
        self.mantissa.checked_mul(10i64.checked_pow(u32::from(diff))?)
    }

    /// Exact sum; `None` on overflow.
    pub fn checked_add(self, other: Num) -> Option<Num> {
        let scale = self.scale.max(other.scale);
        Num::new(self.rescaled(scale)?.checked_add(other.rescaled(scale)?)?, scale)
    }

    /// Exact difference; `None` on overflow.
    pub fn checked_sub(self, other: Num) -> Option<Num> {
        self.checked_add(Num {
            mantissa: other.mantissa.checked_neg()?,
            scale: other.scale,
        })
    }

    /// Divides by a power of ten (used to turn 元 into 万元). `None` if precision would be lost.
    pub fn shifted_down(self, places: u8) -> Option<Num> {
        let scale = self.scale.checked_add(places)?;
        Num::new(self.mantissa, scale)
    }

    /// Sum of many numbers; `None` on overflow.
    pub fn sum<I: IntoIterator<Item = Num>>(items: I) -> Option<Num> {
        items.into_iter().try_fold(Num::ZERO, Num::checked_add)
    }
}

impl PartialOrd for Num {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Num {
    fn cmp(&self, other: &Self) -> Ordering {
        let scale = self.scale.max(other.scale);
        match (self.rescaled(scale), other.rescaled(scale)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.to_f64().total_cmp(&other.to_f64()),
        }
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.mantissa);
        }
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let abs = self.mantissa.unsigned_abs();
        let div = 10u64.pow(u32::from(self.scale));
        write!(
            f,
            "{sign}{}.{:0width$}",
            abs / div,
            abs % div,
            width = usize::from(self.scale)
        )
    }
}

impl From<i64> for Num {
    fn from(v: i64) -> Num {
        Num::int(v)
    }
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.scale == 0 {
            s.serialize_i64(self.mantissa)
        } else {
            // Shortest round-trip float formatting prints the same digits back (≤ 15 significant).
            s.serialize_f64(self.to_f64())
        }
    }
}

struct NumVisitor;

impl Visitor<'_> for NumVisitor {
    type Value = Num;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Num, E> {
        Ok(Num::int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Num, E> {
        i64::try_from(v)
            .map(Num::int)
            .map_err(|_| E::custom("number too large"))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Num, E> {
        Num::parse(&format!("{v}")).ok_or_else(|| E::custom(format!("unrepresentable number {v}")))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Num, E> {
        Num::parse(v).ok_or_else(|| E::custom(format!("not a number: {v}")))
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Num, D::Error> {
        d.deserialize_any(NumVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_exactly() {
        for s in ["0", "59", "2192.76779", "587.4072", "-8", "49050.9", "24252.311082"] {
            assert_eq!(Num::parse(s).map(|n| n.to_string()), Some(s.to_string()), "{s}");
        }
        assert_eq!(Num::parse("+1036"), Some(Num::int(1036)));
        assert_eq!(Num::parse("007"), Some(Num::int(7)));
        assert_eq!(Num::parse("1.50").map(|n| n.to_string()).as_deref(), Some("1.5"));
        for bad in ["", "-", "1.", ".5", "1e5", "1,000", "abc", "12345678901234567890"] {
            assert_eq!(Num::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn sums_and_units() {
        let a = Num::parse("0.1").unwrap_or(Num::ZERO);
        let b = Num::parse("0.2").unwrap_or(Num::ZERO);
        assert_eq!(a.checked_add(b), Num::parse("0.3"));
        assert_eq!(Num::int(251000).shifted_down(4), Num::parse("25.1"));
        assert_eq!(Num::int(i64::MAX).checked_add(Num::int(1)), None);
        assert!(Num::parse("2.5").unwrap_or(Num::ZERO) > Num::int(2));
    }

    #[test]
    fn json_round_trip() {
        for s in ["0", "2192.76779", "-8", "25.1"] {
            let n = Num::parse(s).unwrap_or(Num::ZERO);
            let j = serde_json::to_string(&n).unwrap_or_default();
            assert_eq!(j, s);
            let back: Num = serde_json::from_str(&j).unwrap_or(Num::ZERO);
            assert_eq!(back, n);
        }
    }
}
