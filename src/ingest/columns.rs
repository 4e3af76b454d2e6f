//! PDF tables: column positions learnt from the rows that fill every column, used to place the
//! numbers of rows with empty cells (an empty cell in a PDF is just empty space).

use super::rows::{Ctx, Span};
use super::tokens::TokKind;
use crate::model::Location;

/// The x centre of each column, left to right.
#[derive(Clone, Debug, PartialEq)]
pub struct Columns {
    centres: Vec<f32>,
}

/// Page and horizontal centre of a token (from the x of its first and last chars).
fn position(ctx: &Ctx<'_>, tok: usize) -> Option<(u32, f32)> {
    let t = ctx.toks.get(tok)?;
    let piece = ctx.doc.pieces.get(t.piece)?;
    let Location::Page { page, .. } = piece.loc else {
        return None;
    };
    let first = piece.xs.get(t.char_off as usize)?;
    let last = piece
        .xs
        .get((t.char_off + t.nchars.saturating_sub(1)) as usize)
        .unwrap_or(first);
    Some((page, (first + last) / 2.0))
}

fn median(v: &mut [f32]) -> Option<f32> {
    v.sort_by(f32::total_cmp);
    v.get(v.len() / 2).copied()
}

impl Columns {
    /// Learns `n` column centres from the spans that have exactly `n` numbers.
    pub fn learn(ctx: &Ctx<'_>, spans: &[&Span], n: usize) -> Option<Columns> {
        let mut per_col: Vec<Vec<f32>> = vec![Vec::new(); n];
        for sp in spans.iter().filter(|s| s.slots.len() == n) {
            if sp.slots.iter().any(|&t| ctx.kind(t) != Some(TokKind::Value)) {
                continue;
            }
            let xs: Option<Vec<f32>> = sp.slots.iter().map(|&t| position(ctx, t).map(|p| p.1)).collect();
            if let Some(xs) = xs {
                for (col, x) in per_col.iter_mut().zip(xs) {
                    col.push(x);
                }
            }
        }
        let centres: Option<Vec<f32>> = per_col.iter_mut().map(|c| median(c)).collect();
        let centres = centres?;
        let increasing = centres.windows(2).all(|w| matches!(w, [a, b] if b > a));
        (increasing && centres.len() == n).then_some(Columns { centres })
    }

    /// Column centres from the header labels (`自然人`, `商业…`, … `总计`) among the label tokens
    /// of `toks` (wrapped header cells come in any line order); each prefix must start a token,
    /// and the columns must come out left to right.
    pub fn from_header(ctx: &Ctx<'_>, toks: std::ops::Range<usize>, prefixes: &[&str]) -> Option<Columns> {
        let mut centres = Vec::with_capacity(prefixes.len());
        for prefix in prefixes {
            let found = toks.clone().find(|&t| {
                ctx.kind(t) == Some(TokKind::Label) && super::normalize::label_key(ctx.text(t)).starts_with(prefix)
            })?;
            centres.push(position(ctx, found)?.1);
        }
        let increasing = centres.windows(2).all(|w| matches!(w, [a, b] if b > a));
        increasing.then_some(Columns { centres })
    }

    /// Places each token of a short row in its column by position: `Some(columns)` where every
    /// token is clearly nearest one column, in order, no two in the same column.
    pub fn place(&self, ctx: &Ctx<'_>, slots: &[usize]) -> Option<Vec<Option<usize>>> {
        let spacing = self
            .centres
            .windows(2)
            .filter_map(|w| match w {
                [a, b] => Some(b - a),
                _ => None,
            })
            .fold(f32::INFINITY, f32::min);
        let tolerance = 0.45 * spacing;
        let mut out: Vec<Option<usize>> = vec![None; self.centres.len()];
        let mut last: Option<usize> = None;
        for &t in slots {
            let (_, x) = position(ctx, t)?;
            let (col, d) = self
                .centres
                .iter()
                .enumerate()
                .map(|(i, c)| (i, (x - c).abs()))
                .min_by(|a, b| a.1.total_cmp(&b.1))?;
            if d > tolerance || last.is_some_and(|l| col <= l) {
                return None;
            }
            if let Some(slot) = out.get_mut(col) {
                *slot = Some(t);
            }
            last = Some(col);
        }
        Some(out)
    }
}
