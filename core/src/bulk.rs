//! Classifying many codes at once.

use core::fmt;

use crate::category::category_index;
use crate::code::CloseCode;

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

/// A per-code fact that [`facts_many`] computes for many codes at once. Each answer is one byte:
/// the category or reconnect number, or 0/1 for a predicate.
///
/// ```
/// use wsclose::Fact;
/// assert_eq!(Fact::from_u8(1), Some(Fact::Sendable));
/// assert_eq!(Fact::Reconnect.const_name(), "RECONNECT");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Fact {
    /// [`Category`](crate::Category) number, as [`classify_many`] writes it.
    Category = 0,
    /// [`CloseCode::is_sendable`](crate::CloseCode::is_sendable), 0 or 1.
    Sendable = 1,
    /// [`CloseCode::is_local_only`](crate::CloseCode::is_local_only), 0 or 1.
    LocalOnly = 2,
    /// [`CloseCode::is_browser_closeable`](crate::CloseCode::is_browser_closeable), 0 or 1.
    BrowserCloseable = 3,
    /// [`CloseCode::is_ok`](crate::CloseCode::is_ok), 0 or 1.
    Ok = 4,
    /// [`Reconnect`](crate::Reconnect) number.
    Reconnect = 5,
}

impl Fact {
    /// Every fact, in discriminant order.
    pub const ALL: [Fact; 6] = [
        Fact::Category,
        Fact::Sendable,
        Fact::LocalOnly,
        Fact::BrowserCloseable,
        Fact::Ok,
        Fact::Reconnect,
    ];

    /// The fact with discriminant `value`.
    #[must_use]
    pub const fn from_u8(value: u8) -> Option<Fact> {
        if (value as usize) < Fact::ALL.len() {
            Some(Fact::ALL[value as usize])
        } else {
            None
        }
    }

    /// The identifier used in other languages, e.g. `"BROWSER_CLOSEABLE"`.
    #[must_use]
    pub const fn const_name(self) -> &'static str {
        match self {
            Fact::Category => "CATEGORY",
            Fact::Sendable => "SENDABLE",
            Fact::LocalOnly => "LOCAL_ONLY",
            Fact::BrowserCloseable => "BROWSER_CLOSEABLE",
            Fact::Ok => "OK",
            Fact::Reconnect => "RECONNECT",
        }
    }

    /// This fact of one code, as the byte [`facts_many`] writes.
    ///
    /// ```
    /// use wsclose::Fact;
    /// assert_eq!(Fact::Sendable.of(1006), 0);
    /// assert_eq!(Fact::Category.of(4000), 4);
    /// ```
    #[inline(always)]
    #[must_use]
    pub const fn of(self, code: u16) -> u8 {
        let code = CloseCode::new(code);
        match self {
            Fact::Category => category_index(code.as_u16()),
            Fact::Sendable => code.is_sendable() as u8,
            Fact::LocalOnly => code.is_local_only() as u8,
            Fact::BrowserCloseable => code.is_browser_closeable() as u8,
            Fact::Ok => code.is_ok() as u8,
            Fact::Reconnect => code.reconnect_number(),
        }
    }
}

/// Writes `fact` of every code into `out`, one byte per code (see [`Fact`]). The choice of fact
/// is made once, outside the loop, and every fact is branch-free, so the loops vectorise.
///
/// ```
/// use wsclose::{facts_many, Fact};
/// let mut out = [9u8; 4];
/// facts_many(Fact::Sendable, &[1000, 1006, 3000, 5000], &mut out)?;
/// assert_eq!(out, [1, 0, 1, 0]);
/// # Ok::<(), wsclose::LengthMismatch>(())
/// ```
pub fn facts_many(fact: Fact, codes: &[u16], out: &mut [u8]) -> Result<(), LengthMismatch> {
    if codes.len() != out.len() {
        return Err(LengthMismatch {
            codes: codes.len(),
            out: out.len(),
        });
    }
    #[inline(always)]
    fn fill(codes: &[u16], out: &mut [u8], fact: Fact) {
        for (slot, &code) in out.iter_mut().zip(codes) {
            *slot = fact.of(code);
        }
    }
    // One monomorphic loop per fact (the match is hoisted out of the loop).
    match fact {
        Fact::Category => fill(codes, out, Fact::Category),
        Fact::Sendable => fill(codes, out, Fact::Sendable),
        Fact::LocalOnly => fill(codes, out, Fact::LocalOnly),
        Fact::BrowserCloseable => fill(codes, out, Fact::BrowserCloseable),
        Fact::Ok => fill(codes, out, Fact::Ok),
        Fact::Reconnect => fill(codes, out, Fact::Reconnect),
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
