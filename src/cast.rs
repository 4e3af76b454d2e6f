//! Saturating conversions between integer widths, for counts and positions that fit in
//! practice (a column of a line, a key's index, a list length on screen) but whose type does
//! not say so. A bare `as` that could truncate or wrap is refused by the lints in `Cargo.toml`.

/// `n` as `u16`, or `u16::MAX` when larger.
pub fn u16_sat(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// `n` as `u32`, or `u32::MAX` when larger.
pub fn u32_sat(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// `n` as `i64`, or `i64::MAX` when larger.
pub fn i64_sat(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saturates() {
        assert_eq!(u16_sat(70_000), u16::MAX);
        assert_eq!(u16_sat(7), 7);
        assert_eq!(u32_sat(usize::MAX), u32::MAX);
        assert_eq!(i64_sat(usize::MAX), i64::MAX);
    }
}
