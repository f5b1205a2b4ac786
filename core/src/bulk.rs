//! Classifying many codes at once.

use core::fmt;

use crate::category::category_index;

/// Writes the [`Category`](crate::Category) number of each code in `codes` to the same index
/// of `out`. The loop has no branches, so the compiler vectorises it.
///
/// ```
/// use wsclose::{classify_many, Category};
/// let mut out = [0u8; 3];
/// classify_many(&[999, 1000, 4000], &mut out)?;
/// assert_eq!(out, [Category::Unused as u8, Category::Standard as u8, Category::Private as u8]);
/// # Ok::<(), wsclose::LengthMismatch>(())
/// ```
pub fn classify_many(codes: &[u16], out: &mut [u8]) -> Result<(), LengthMismatch> {
    if codes.len() != out.len() {
        return Err(LengthMismatch {
            codes: codes.len(),
            out: out.len(),
        });
    }
    for (slot, &code) in out.iter_mut().zip(codes) {
        *slot = category_index(code);
    }
    Ok(())
}

/// [`classify_many`] was given slices of different lengths.
///
/// ```
/// use wsclose::classify_many;
/// let err = classify_many(&[1000, 1001], &mut [0u8; 1]).unwrap_err();
/// assert_eq!(err.to_string(), "2 codes but room for 1 categories; the lengths must match");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LengthMismatch {
    codes: usize,
    out: usize,
}

impl fmt::Display for LengthMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} codes but room for {} categories; the lengths must match",
            self.codes, self.out
        )
    }
}

impl core::error::Error for LengthMismatch {}
