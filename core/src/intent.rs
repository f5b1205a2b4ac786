//! For servers: which codes make a profile's clients do what the server intends.
//!
//! A server that closes a connection wants the client either to stay away ([`Intent::Stop`]) or
//! to come back ([`Intent::Retry`]). [`Profile::codes_for`] lists the codes that do that under
//! one profile, and [`Profile::check_intent`] checks one code, naming the nearest codes that
//! would do what was intended when it does not. Both read the profile's advice
//! ([`Profile::advice`]) and the wire rule ([`CloseCode::is_sendable`]); nothing here is a rule of
//! its own.

use core::fmt;

use crate::code::CloseCode;
use crate::profile::{Advice, Profile};

/// What a server wants a profile's clients to do after it closes the connection.
///
/// The discriminants are part of the ABI, like those of [`Advice`].
///
/// ```
/// use wsclose::{Advice, Intent};
/// assert!(Intent::Stop.is_met_by(Advice::Stop));
/// assert!(Intent::Retry.is_met_by(Advice::Resume));
/// assert!(!Intent::Retry.is_met_by(Advice::Unspecified));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Intent {
    /// The clients stop reconnecting: met by [`Advice::Stop`].
    Stop = 0,
    /// The clients reconnect: met by [`Advice::Retry`] and [`Advice::Resume`].
    Retry = 1,
}

impl Intent {
    /// Every intent, in discriminant order.
    pub const ALL: [Intent; 2] = [Intent::Stop, Intent::Retry];

    /// The intent with discriminant `value`, or `None` when `value > 1`.
    ///
    /// ```
    /// use wsclose::Intent;
    /// assert_eq!(Intent::from_u8(1), Some(Intent::Retry));
    /// assert_eq!(Intent::from_u8(2), None);
    /// ```
    #[must_use]
    pub const fn from_u8(value: u8) -> Option<Intent> {
        match value {
            0 => Some(Intent::Stop),
            1 => Some(Intent::Retry),
            _ => None,
        }
    }

    /// Whether clients that follow `advice` do what this intent wants: `Stop` is met by
    /// [`Advice::Stop`], `Retry` by [`Advice::Retry`] and [`Advice::Resume`] (both reconnect);
    /// [`Advice::Unspecified`] meets neither.
    #[must_use]
    pub const fn is_met_by(self, advice: Advice) -> bool {
        match self {
            Intent::Stop => matches!(advice, Advice::Stop),
            Intent::Retry => matches!(advice, Advice::Retry | Advice::Resume),
        }
    }

    /// The word for the intent, e.g. `"stop"`.
    ///
    /// ```
    /// use wsclose::Intent;
    /// assert_eq!(Intent::Retry.label(), "retry");
    /// ```
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Intent::Stop => "stop",
            Intent::Retry => "retry",
        }
    }

    /// The identifier used in other languages, e.g. `"STOP"`.
    #[must_use]
    pub const fn const_name(self) -> &'static str {
        match self {
            Intent::Stop => "STOP",
            Intent::Retry => "RETRY",
        }
    }
}

impl fmt::Display for Intent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl From<Intent> for u8 {
    fn from(intent: Intent) -> u8 {
        intent as u8
    }
}

/// Consecutive codes `first..=last` that a server can send and that one profile gives one
/// advice, as [`Profile::codes_for`] yields them.
///
/// ```
/// use wsclose::{Advice, CloseCode, Intent, Profile};
/// let first = Profile::CENTRIFUGE.codes_for(Intent::Stop).next().unwrap();
/// assert_eq!((first.first().as_u16(), first.last().as_u16()), (1009, 1009));
/// assert_eq!(first.advice(), Advice::Stop);
/// assert!(first.contains(CloseCode::new(1009)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IntentRange {
    first: CloseCode,
    last: CloseCode,
    advice: Advice,
}

impl IntentRange {
    /// The first code of the range.
    #[must_use]
    pub const fn first(&self) -> CloseCode {
        self.first
    }

    /// The last code of the range (inclusive).
    #[must_use]
    pub const fn last(&self) -> CloseCode {
        self.last
    }

    /// The profile's advice for every code of the range.
    #[must_use]
    pub const fn advice(&self) -> Advice {
        self.advice
    }

    /// Whether `code` lies in the range.
    #[must_use]
    pub const fn contains(&self, code: CloseCode) -> bool {
        self.first.as_u16() <= code.as_u16() && code.as_u16() <= self.last.as_u16()
    }
}

/// A run of consecutive sendable codes with one advice under one profile.
#[derive(Clone, Copy)]
struct Run {
    first: u16,
    last: u16,
    advice: Advice,
}

const NO_RUN: Run = Run {
    first: 0,
    last: 0,
    advice: Advice::Unspecified,
};

/// How many stretches of consecutive sendable codes there are.
const SEGMENT_COUNT: usize = segments_of_sendable().1;

/// The stretches of consecutive sendable codes ([`CloseCode::is_sendable`]), in code order,
/// found by asking the wire rule about every code once, at compile time.
const SEGMENTS: [(u16, u16); SEGMENT_COUNT] = {
    let (all, count) = segments_of_sendable();
    let mut out = [(0u16, 0u16); SEGMENT_COUNT];
    let mut i = 0;
    while i < count {
        out[i] = all[i];
        i += 1;
    }
    out
};

/// Room for the segments before their number is known: the wire rule has only a few.
const SEGMENT_ROOM: usize = 16;

const fn segments_of_sendable() -> ([(u16, u16); SEGMENT_ROOM], usize) {
    let mut out = [(0u16, 0u16); SEGMENT_ROOM];
    let mut count = 0;
    let mut code: u32 = 0;
    let mut inside = false;
    while code <= 0xffff {
        let sendable = CloseCode::new(code as u16).is_sendable();
        if sendable && !inside {
            assert!(
                count < SEGMENT_ROOM,
                "more stretches of sendable codes than SEGMENT_ROOM"
            );
            out[count].0 = code as u16;
        }
        if !sendable && inside {
            out[count].1 = (code - 1) as u16;
            count += 1;
        }
        inside = sendable;
        code += 1;
    }
    if inside {
        out[count].1 = 0xffff;
        count += 1;
    }
    (out, count)
}

const PROFILES: usize = Profile::ALL.len();

/// The runs of profile `p` and their number.
const fn runs_of(p: usize) -> ([Run; MAX_RUNS], usize) {
    let mut out = [NO_RUN; MAX_RUNS];
    let profile = Profile::ALL[p];
    let mut count = 0;
    let mut s = 0;
    while s < SEGMENT_COUNT {
        let (first, last) = SEGMENTS[s];
        let mut previous = Advice::Unspecified;
        let mut code = first as u32;
        while code <= last as u32 {
            let advice = profile.advice(CloseCode::new(code as u16));
            if code > first as u32 && advice as u8 == previous as u8 {
                out[count - 1].last = code as u16;
            } else {
                out[count] = Run {
                    first: code as u16,
                    last: code as u16,
                    advice,
                };
                count += 1;
            }
            previous = advice;
            code += 1;
        }
        s += 1;
    }
    (out, count)
}

/// The number of runs of each profile.
const RUN_COUNTS: [usize; PROFILES] = {
    let mut counts = [0; PROFILES];
    let mut p = 0;
    while p < PROFILES {
        counts[p] = runs_of_counting(p);
        p += 1;
    }
    counts
};

/// The number of runs [`runs_of`] finds, counted before their room is known.
const fn runs_of_counting(p: usize) -> usize {
    let profile = Profile::ALL[p];
    let mut count = 0;
    let mut s = 0;
    while s < SEGMENT_COUNT {
        let (first, last) = SEGMENTS[s];
        let mut previous = Advice::Unspecified;
        let mut code = first as u32;
        while code <= last as u32 {
            let advice = profile.advice(CloseCode::new(code as u16));
            if code == first as u32 || advice as u8 != previous as u8 {
                count += 1;
            }
            previous = advice;
            code += 1;
        }
        s += 1;
    }
    count
}

const MAX_RUNS: usize = {
    let mut max = 0;
    let mut p = 0;
    while p < PROFILES {
        if RUN_COUNTS[p] > max {
            max = RUN_COUNTS[p];
        }
        p += 1;
    }
    max
};

/// Every profile's runs, computed at compile time from [`Profile::advice`] and the wire rule.
const RUNS: [[Run; MAX_RUNS]; PROFILES] = {
    let mut all = [[NO_RUN; MAX_RUNS]; PROFILES];
    let mut p = 0;
    while p < PROFILES {
        let (runs, count) = runs_of(p);
        assert!(count == RUN_COUNTS[p]);
        all[p] = runs;
        p += 1;
    }
    all
};

/// The ranges of codes that do what one intent wants under one profile, in code order, from
/// [`Profile::codes_for`].
#[derive(Clone, Debug)]
pub struct IntentRanges {
    runs: &'static [Run],
    intent: Intent,
}

impl fmt::Debug for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..={} {}", self.first, self.last, self.advice)
    }
}

impl IntentRanges {
    /// `run` as a range, when its advice does what the intent wants.
    fn range(&self, run: &Run) -> Option<IntentRange> {
        self.intent.is_met_by(run.advice).then(|| IntentRange {
            first: CloseCode::new(run.first),
            last: CloseCode::new(run.last),
            advice: run.advice,
        })
    }
}

impl Iterator for IntentRanges {
    type Item = IntentRange;

    fn next(&mut self) -> Option<IntentRange> {
        while let Some((run, rest)) = self.runs.split_first() {
            self.runs = rest;
            if let Some(range) = self.range(run) {
                return Some(range);
            }
        }
        None
    }
}

impl DoubleEndedIterator for IntentRanges {
    fn next_back(&mut self) -> Option<IntentRange> {
        while let Some((run, rest)) = self.runs.split_last() {
            self.runs = rest;
            if let Some(range) = self.range(run) {
                return Some(range);
            }
        }
        None
    }
}

impl core::iter::FusedIterator for IntentRanges {}

/// A code that does not do what the server intended, from [`Profile::check_intent`]: what the
/// clients do instead, and the nearest codes below and above that would do what was intended.
///
/// ```
/// use wsclose::{Advice, CloseCode, Intent, Profile};
/// let miss = Profile::CENTRIFUGE.check_intent(CloseCode::new(4401), Intent::Stop).unwrap_err();
/// assert_eq!(miss.advice(), Some(Advice::Retry));
/// assert_eq!(miss.below().map(CloseCode::as_u16), Some(3999));
/// assert_eq!(miss.above().map(CloseCode::as_u16), Some(4500));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IntentMismatch {
    code: CloseCode,
    intent: Intent,
    advice: Option<Advice>,
    below: Option<CloseCode>,
    above: Option<CloseCode>,
}

impl IntentMismatch {
    /// The code that was checked.
    #[must_use]
    pub const fn code(&self) -> CloseCode {
        self.code
    }

    /// What was intended.
    #[must_use]
    pub const fn intent(&self) -> Intent {
        self.intent
    }

    /// What the profile's clients do after the code instead, or `None` when the code cannot be
    /// sent at all ([`CloseCode::is_sendable`]).
    #[must_use]
    pub const fn advice(&self) -> Option<Advice> {
        self.advice
    }

    /// Whether the code may be sent; when it may not, no client ever receives it.
    #[must_use]
    pub const fn is_sendable(&self) -> bool {
        self.advice.is_some()
    }

    /// The highest code below [`code`](IntentMismatch::code) that does what was intended.
    #[must_use]
    pub const fn below(&self) -> Option<CloseCode> {
        self.below
    }

    /// The lowest code above [`code`](IntentMismatch::code) that does what was intended.
    #[must_use]
    pub const fn above(&self) -> Option<CloseCode> {
        self.above
    }
}

impl fmt::Display for IntentMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.advice {
            None => write!(f, "{} cannot be sent", self.code.as_u16())?,
            Some(advice) => write!(
                f,
                "{} does not make the clients {}: their advice is {advice}",
                self.code.as_u16(),
                self.intent
            )?,
        }
        let nearest = |code: Option<CloseCode>| code.map(CloseCode::as_u16);
        match (nearest(self.below), nearest(self.above)) {
            (Some(below), Some(above)) => write!(f, "; nearest codes that do: {below} and {above}"),
            (Some(one), None) | (None, Some(one)) => write!(f, "; nearest code that does: {one}"),
            (None, None) => write!(f, "; no code does"),
        }
    }
}

impl core::error::Error for IntentMismatch {}

impl Profile {
    fn runs(self) -> &'static [Run] {
        let index = Profile::ALL
            .iter()
            .position(|p| *p == self)
            .expect("a Profile is one of Profile::ALL");
        &RUNS[index][..RUN_COUNTS[index]]
    }

    /// The codes a server can send (see [`CloseCode::is_sendable`]) that make this profile's
    /// clients do what `intent` wants, as maximal ranges of consecutive codes with one advice, in
    /// code order.
    ///
    /// ```
    /// use wsclose::{Intent, Profile};
    /// let stop: Vec<(u16, u16)> = Profile::CENTRIFUGE
    ///     .codes_for(Intent::Stop)
    ///     .map(|r| (r.first().as_u16(), r.last().as_u16()))
    ///     .collect();
    /// assert!(stop.contains(&(3500, 3999)));
    /// assert!(stop.contains(&(4500, 4999)));
    /// ```
    #[must_use]
    pub fn codes_for(self, intent: Intent) -> IntentRanges {
        IntentRanges {
            runs: self.runs(),
            intent,
        }
    }

    /// `Ok` when sending `code` makes this profile's clients do what `intent` wants; otherwise
    /// what they do instead (or that the code cannot be sent) and the nearest codes below and
    /// above that would do what was intended.
    ///
    /// ```
    /// use wsclose::{CloseCode, Intent, Profile};
    /// assert!(Profile::CENTRIFUGE.check_intent(CloseCode::new(4501), Intent::Stop).is_ok());
    /// let miss = Profile::CENTRIFUGE.check_intent(CloseCode::new(1006), Intent::Retry).unwrap_err();
    /// assert!(!miss.is_sendable());
    /// ```
    pub fn check_intent(self, code: CloseCode, intent: Intent) -> Result<(), IntentMismatch> {
        let sendable = code.is_sendable();
        let advice = self.advice(code);
        if sendable && intent.is_met_by(advice) {
            return Ok(());
        }
        let value = code.as_u16();
        let mut below = None;
        let mut above = None;
        for range in self.codes_for(intent) {
            if range.first.as_u16() < value {
                below = Some(CloseCode::new(range.last.as_u16().min(value - 1)));
            }
            if range.last.as_u16() > value {
                above = Some(CloseCode::new(range.first.as_u16().max(value + 1)));
                break;
            }
        }
        Err(IntentMismatch {
            code,
            intent,
            advice: sendable.then_some(advice),
            below,
            above,
        })
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::vec::Vec;

    use super::*;

    /// For every profile, intent and code: `check_intent` agrees with membership in
    /// `codes_for`, the ranges are maximal and ordered, and the nearest codes are the nearest.
    #[test]
    fn check_intent_agrees_with_codes_for_everywhere() {
        for profile in Profile::ALL {
            for intent in Intent::ALL {
                let ranges: Vec<IntentRange> = profile.codes_for(intent).collect();
                let mut member = std::vec![None; 65536];
                for (i, range) in ranges.iter().enumerate() {
                    assert!(range.first <= range.last);
                    if i > 0 {
                        let before = ranges[i - 1];
                        assert!(before.last < range.first, "{profile} {intent}: ordered");
                        assert!(
                            before.last.as_u16() + 1 < range.first.as_u16() || before.advice != range.advice,
                            "{profile} {intent}: {before:?} and {range:?} are one range"
                        );
                    }
                    for value in range.first.as_u16()..=range.last.as_u16() {
                        member[usize::from(value)] = Some(range.advice);
                    }
                }
                for value in 0..=u16::MAX {
                    let code = CloseCode::new(value);
                    let does = code.is_sendable() && intent.is_met_by(profile.advice(code));
                    let want = does.then(|| profile.advice(code));
                    assert_eq!(member[usize::from(value)], want, "{profile} {intent} {value}");
                }
                let mut last_below = None;
                let mut next_above: Vec<Option<u16>> = std::vec![None; 65536];
                let mut seen = None;
                for value in (0..=u16::MAX).rev() {
                    next_above[usize::from(value)] = seen;
                    if member[usize::from(value)].is_some() {
                        seen = Some(value);
                    }
                }
                for value in 0..=u16::MAX {
                    let code = CloseCode::new(value);
                    let verdict = profile.check_intent(code, intent);
                    match member[usize::from(value)] {
                        Some(_) => assert_eq!(verdict, Ok(()), "{profile} {intent} {value}"),
                        None => {
                            let miss = verdict.expect_err("not a member");
                            assert_eq!(miss.code(), code);
                            assert_eq!(miss.intent(), intent);
                            assert_eq!(miss.is_sendable(), code.is_sendable());
                            if code.is_sendable() {
                                assert_eq!(miss.advice(), Some(profile.advice(code)));
                            } else {
                                assert_eq!(miss.advice(), None);
                            }
                            assert_eq!(
                                miss.below().map(CloseCode::as_u16),
                                last_below,
                                "{profile} {intent} {value}"
                            );
                            assert_eq!(
                                miss.above().map(CloseCode::as_u16),
                                next_above[usize::from(value)],
                                "{profile} {intent} {value}"
                            );
                        }
                    }
                    if member[usize::from(value)].is_some() {
                        last_below = Some(value);
                    }
                }
            }
        }
    }

    #[test]
    fn the_centrifuge_case_of_the_issue() {
        let miss = Profile::CENTRIFUGE
            .check_intent(CloseCode::new(4401), Intent::Stop)
            .unwrap_err();
        assert_eq!(miss.advice(), Some(Advice::Retry));
        assert!(Profile::CENTRIFUGE
            .check_intent(CloseCode::new(4501), Intent::Stop)
            .is_ok());
        let text = std::format!("{miss}");
        assert!(text.contains("3999") && text.contains("4500"), "{text}");
        assert_eq!(Intent::from_u8(2), None);
        for intent in Intent::ALL {
            assert_eq!(Intent::from_u8(intent as u8), Some(intent));
        }
    }
}
