//! [`ReconnectPolicy`]: whether and when to reconnect after a close, with exponential backoff
//! and full jitter. `no_std`, no allocation; the caller supplies the random numbers.

use core::fmt;
use core::hash::{Hash, Hasher};

use crate::code::CloseCode;
use crate::profile::{Advice, Profile};

/// What to do after a close, as answered by [`ReconnectPolicy::decide`].
///
/// ```
/// use wsclose::Decision;
/// assert_eq!(Decision::RetryAfter(250).delay_ms(), Some(250));
/// assert_eq!(Decision::Stop.delay_ms(), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Decision {
    /// Do not reconnect.
    Stop,
    /// Reconnect after this many milliseconds.
    RetryAfter(u64),
}

impl Decision {
    /// The delay in milliseconds, or `None` for [`Decision::Stop`].
    ///
    /// ```
    /// use wsclose::Decision;
    /// assert_eq!(Decision::RetryAfter(0).delay_ms(), Some(0));
    /// ```
    #[must_use]
    pub const fn delay_ms(self) -> Option<u64> {
        match self {
            Decision::Stop => None,
            Decision::RetryAfter(ms) => Some(ms),
        }
    }
}

/// Returned by [`ReconnectPolicy::try_override`] when [`ReconnectPolicy::MAX_OVERRIDES`] codes
/// already have an override.
///
/// ```
/// use wsclose::{Advice, CloseCode, ReconnectPolicy};
/// let mut policy = ReconnectPolicy::new();
/// for code in 0..ReconnectPolicy::MAX_OVERRIDES as u16 {
///     policy.try_override(CloseCode::new(4000 + code), Advice::Stop)?;
/// }
/// assert!(policy.try_override(CloseCode::new(4999), Advice::Stop).is_err());
/// # Ok::<(), wsclose::OverridesFull>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OverridesFull;

impl fmt::Display for OverridesFull {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a reconnect policy holds at most {} overrides",
            ReconnectPolicy::MAX_OVERRIDES
        )
    }
}

impl core::error::Error for OverridesFull {}

/// Whether and when a client reconnects after the connection closed.
///
/// [`decide`](ReconnectPolicy::decide) takes the close code, whether the close was clean, and
/// the number of reconnect attempts already made since the connection last worked (`0` for
/// the first reconnect), and answers [`Decision::Stop`] or [`Decision::RetryAfter`].
///
/// **Which codes stop.** In this order:
///
/// 1. An override set with [`with_override`](ReconnectPolicy::with_override) for the code as
///    reported wins.
/// 2. An unclean close (`was_clean == false`: no completed closing handshake) whose code could
///    not have come from the peer's Close frame, that is any code that is not
///    [sendable](CloseCode::is_sendable) other than 1015, is treated as 1006 (Abnormal Closure):
///    the transport failed, and 1005, 0 or any other value a stack reports is no message from
///    the peer. A code the peer may have sent (1000–1003, 1007–1014, 3000–4999) keeps its
///    meaning when the close was unclean: the peer said it, even if the TCP teardown then went
///    wrong. 1015 (TLS handshake) keeps its own advice, clean or not: a certificate problem
///    does not go away by itself.
/// 3. The profile's [`advice`](Profile::advice), or without a profile
///    [`Advice::standard`]. The local-only codes thus follow the table: 1005 and 1006 retry,
///    1015 stops, unless the profile says otherwise.
/// 4. [`Advice::Unspecified`] (an application code nobody defined) becomes `Retry`, or `Stop`
///    after [`with_retry_unspecified(false)`](ReconnectPolicy::with_retry_unspecified).
///
/// `Retry` and `Resume` both retry; [`advice`](ReconnectPolicy::advice) tells them apart for a
/// client that can resume. Once [`max_attempts`](ReconnectPolicy::with_max_attempts) attempts
/// were made, the decision is `Stop` as well.
///
/// **How long to wait.** Exponential backoff with full jitter: the delay for attempt `n` is
/// uniform in `0..=min(cap, base·2ⁿ)` milliseconds, computed without overflow for any `n`
/// (`2ⁿ` saturates). The caller supplies the randomness as a `FnMut() -> u64` returning
/// uniformly distributed values; it is called once per `RetryAfter` and never for `Stop`.
///
/// ```
/// use wsclose::{Advice, CloseCode, Decision, Profile, ReconnectPolicy};
///
/// const POLICY: ReconnectPolicy = ReconnectPolicy::new()
///     .with_profile(Profile::DISCORD_GATEWAY)
///     .with_base_ms(1_000)
///     .with_cap_ms(60_000)
///     .with_override(CloseCode::new(4008), Advice::Stop);
///
/// let mut state = 0x9e37_79b9_7f4a_7c15_u64;
/// let mut random = move || {
///     state ^= state << 13;
///     state ^= state >> 7;
///     state ^= state << 17;
///     state
/// };
/// // 4004 Authentication failed: Discord says not to reconnect.
/// assert_eq!(POLICY.decide(CloseCode::new(4004), true, 0, &mut random), Decision::Stop);
/// // 4000 Unknown error: reconnect (and resume) after up to 1 s, then 2 s, 4 s, ...
/// match POLICY.decide(CloseCode::new(4000), true, 0, &mut random) {
///     Decision::RetryAfter(ms) => assert!(ms <= 1_000),
///     Decision::Stop => unreachable!(),
/// }
/// assert_eq!(POLICY.advice(CloseCode::new(4000), true), Advice::Resume);
/// // The override: stop on 4008 Rate limited.
/// assert_eq!(POLICY.decide(CloseCode::new(4008), true, 0, &mut random), Decision::Stop);
/// // Attempt 40 is capped at 60 s.
/// assert!(POLICY.decide(CloseCode::ABNORMAL_CLOSURE, false, 40, &mut random).delay_ms() <= Some(60_000));
/// ```
///
/// Two policies are equal when their settings are, whatever order their overrides were set in:
/// the overrides are a map of code to advice, and the order changes no decision.
///
/// ```
/// use wsclose::{Advice, CloseCode, ReconnectPolicy};
/// let a = ReconnectPolicy::new()
///     .with_override(CloseCode::new(4000), Advice::Stop)
///     .with_override(CloseCode::new(4001), Advice::Retry);
/// let b = ReconnectPolicy::new()
///     .with_override(CloseCode::new(4001), Advice::Retry)
///     .with_override(CloseCode::new(4000), Advice::Stop);
/// assert_eq!(a, b);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ReconnectPolicy {
    profile: Option<Profile>,
    base_ms: u64,
    cap_ms: u64,
    max_attempts: Option<u32>,
    retry_unspecified: bool,
    overrides: [(CloseCode, Advice); ReconnectPolicy::MAX_OVERRIDES],
    override_count: usize,
}

impl ReconnectPolicy {
    /// The overrides sorted by code: the order they were set in is not part of the policy.
    fn sorted_overrides(&self) -> [(CloseCode, Advice); ReconnectPolicy::MAX_OVERRIDES] {
        let mut sorted = self.overrides;
        sorted[..self.override_count].sort_unstable_by_key(|&(code, _)| code);
        sorted
    }
}

impl PartialEq for ReconnectPolicy {
    fn eq(&self, other: &ReconnectPolicy) -> bool {
        self.profile == other.profile
            && self.base_ms == other.base_ms
            && self.cap_ms == other.cap_ms
            && self.max_attempts == other.max_attempts
            && self.retry_unspecified == other.retry_unspecified
            && self.override_count == other.override_count
            && self.sorted_overrides()[..self.override_count]
                == other.sorted_overrides()[..other.override_count]
    }
}

impl Eq for ReconnectPolicy {}

impl Hash for ReconnectPolicy {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.profile.hash(state);
        self.base_ms.hash(state);
        self.cap_ms.hash(state);
        self.max_attempts.hash(state);
        self.retry_unspecified.hash(state);
        self.sorted_overrides()[..self.override_count].hash(state);
    }
}

impl Default for ReconnectPolicy {
    fn default() -> ReconnectPolicy {
        ReconnectPolicy::new()
    }
}

impl ReconnectPolicy {
    /// How many codes can have an override.
    pub const MAX_OVERRIDES: usize = 8;
    /// The default backoff base: 1 second.
    pub const DEFAULT_BASE_MS: u64 = 1_000;
    /// The default backoff cap: 30 seconds.
    pub const DEFAULT_CAP_MS: u64 = 30_000;

    /// No profile, base [`DEFAULT_BASE_MS`](ReconnectPolicy::DEFAULT_BASE_MS), cap
    /// [`DEFAULT_CAP_MS`](ReconnectPolicy::DEFAULT_CAP_MS), unlimited attempts, unspecified
    /// codes retried, no overrides.
    ///
    /// ```
    /// use wsclose::{CloseCode, Decision, ReconnectPolicy};
    /// let policy = ReconnectPolicy::new();
    /// assert_eq!(policy.decide(CloseCode::PROTOCOL_ERROR, true, 0, || 0), Decision::Stop);
    /// assert_eq!(policy.decide(CloseCode::TRY_AGAIN_LATER, true, 0, || 0), Decision::RetryAfter(0));
    /// ```
    #[must_use]
    pub const fn new() -> ReconnectPolicy {
        ReconnectPolicy {
            profile: None,
            base_ms: ReconnectPolicy::DEFAULT_BASE_MS,
            cap_ms: ReconnectPolicy::DEFAULT_CAP_MS,
            max_attempts: None,
            retry_unspecified: true,
            overrides: [(CloseCode::new(0), Advice::Unspecified); ReconnectPolicy::MAX_OVERRIDES],
            override_count: 0,
        }
    }

    /// Uses `profile`'s advice instead of the standard's.
    ///
    /// ```
    /// use wsclose::{CloseCode, Decision, Profile, ReconnectPolicy};
    /// let policy = ReconnectPolicy::new().with_profile(Profile::CENTRIFUGE);
    /// assert_eq!(policy.decide(CloseCode::new(3500), true, 0, || 0), Decision::Stop);
    /// ```
    #[must_use]
    pub const fn with_profile(mut self, profile: Profile) -> ReconnectPolicy {
        self.profile = Some(profile);
        self
    }

    /// Sets the backoff base in milliseconds: the largest delay of attempt 0.
    ///
    /// ```
    /// use wsclose::{CloseCode, ReconnectPolicy};
    /// let policy = ReconnectPolicy::new().with_base_ms(100);
    /// assert_eq!(policy.ceiling_ms(3), 800);
    /// ```
    #[must_use]
    pub const fn with_base_ms(mut self, base_ms: u64) -> ReconnectPolicy {
        self.base_ms = base_ms;
        self
    }

    /// Sets the backoff cap in milliseconds: no delay is longer.
    ///
    /// ```
    /// use wsclose::ReconnectPolicy;
    /// let policy = ReconnectPolicy::new().with_cap_ms(5_000);
    /// assert_eq!(policy.ceiling_ms(10), 5_000);
    /// ```
    #[must_use]
    pub const fn with_cap_ms(mut self, cap_ms: u64) -> ReconnectPolicy {
        self.cap_ms = cap_ms;
        self
    }

    /// Stops once `attempts` reconnect attempts were made (`None`: never for that reason).
    ///
    /// ```
    /// use wsclose::{CloseCode, Decision, ReconnectPolicy};
    /// let policy = ReconnectPolicy::new().with_max_attempts(Some(2));
    /// assert!(policy.decide(CloseCode::GOING_AWAY, true, 1, || 0).delay_ms().is_some());
    /// assert_eq!(policy.decide(CloseCode::GOING_AWAY, true, 2, || 0), Decision::Stop);
    /// ```
    #[must_use]
    pub const fn with_max_attempts(mut self, attempts: Option<u32>) -> ReconnectPolicy {
        self.max_attempts = attempts;
        self
    }

    /// Whether a code with [`Advice::Unspecified`] is retried (the default) or stops.
    ///
    /// ```
    /// use wsclose::{CloseCode, Decision, ReconnectPolicy};
    /// let policy = ReconnectPolicy::new().with_retry_unspecified(false);
    /// assert_eq!(policy.decide(CloseCode::new(4321), true, 0, || 0), Decision::Stop);
    /// ```
    #[must_use]
    pub const fn with_retry_unspecified(mut self, retry: bool) -> ReconnectPolicy {
        self.retry_unspecified = retry;
        self
    }

    /// Makes `code` answer `advice`, whatever the profile and the standard say. Setting a code
    /// again replaces its override; `Advice::Unspecified` sends the code to the
    /// [`with_retry_unspecified`](ReconnectPolicy::with_retry_unspecified) setting.
    ///
    /// # Panics
    ///
    /// When [`MAX_OVERRIDES`](ReconnectPolicy::MAX_OVERRIDES) other codes already have one (at
    /// compile time when used in a `const`). [`try_override`](ReconnectPolicy::try_override)
    /// returns an error instead.
    ///
    /// ```
    /// use wsclose::{Advice, CloseCode, Decision, ReconnectPolicy};
    /// let policy = ReconnectPolicy::new().with_override(CloseCode::INTERNAL_ERROR, Advice::Stop);
    /// assert_eq!(policy.decide(CloseCode::INTERNAL_ERROR, true, 0, || 0), Decision::Stop);
    /// ```
    #[must_use]
    pub const fn with_override(mut self, code: CloseCode, advice: Advice) -> ReconnectPolicy {
        let mut i = 0;
        while i < self.override_count {
            if self.overrides[i].0.as_u16() == code.as_u16() {
                self.overrides[i].1 = advice;
                return self;
            }
            i += 1;
        }
        assert!(
            self.override_count < ReconnectPolicy::MAX_OVERRIDES,
            "a reconnect policy holds at most MAX_OVERRIDES overrides"
        );
        self.overrides[self.override_count] = (code, advice);
        self.override_count += 1;
        self
    }

    /// [`with_override`](ReconnectPolicy::with_override) in place, with an error instead of a
    /// panic when the policy is full.
    ///
    /// # Errors
    ///
    /// [`OverridesFull`] when `code` has no override yet and
    /// [`MAX_OVERRIDES`](ReconnectPolicy::MAX_OVERRIDES) codes do.
    ///
    /// ```
    /// use wsclose::{Advice, CloseCode, ReconnectPolicy};
    /// let mut policy = ReconnectPolicy::new();
    /// policy.try_override(CloseCode::new(4001), Advice::Stop)?;
    /// assert_eq!(policy.advice(CloseCode::new(4001), true), Advice::Stop);
    /// # Ok::<(), wsclose::OverridesFull>(())
    /// ```
    pub fn try_override(&mut self, code: CloseCode, advice: Advice) -> Result<(), OverridesFull> {
        let taken = self.override_count;
        if let Some(slot) = self.overrides[..taken].iter_mut().find(|slot| slot.0 == code) {
            slot.1 = advice;
            return Ok(());
        }
        if taken == ReconnectPolicy::MAX_OVERRIDES {
            return Err(OverridesFull);
        }
        self.overrides[taken] = (code, advice);
        self.override_count += 1;
        Ok(())
    }

    /// The profile, if one was set.
    ///
    /// ```
    /// use wsclose::{Profile, ReconnectPolicy};
    /// assert_eq!(ReconnectPolicy::new().profile(), None);
    /// ```
    #[must_use]
    pub const fn profile(&self) -> Option<Profile> {
        self.profile
    }

    /// The backoff base in milliseconds.
    ///
    /// ```
    /// use wsclose::ReconnectPolicy;
    /// assert_eq!(ReconnectPolicy::new().base_ms(), ReconnectPolicy::DEFAULT_BASE_MS);
    /// ```
    #[must_use]
    pub const fn base_ms(&self) -> u64 {
        self.base_ms
    }

    /// The backoff cap in milliseconds.
    ///
    /// ```
    /// use wsclose::ReconnectPolicy;
    /// assert_eq!(ReconnectPolicy::new().cap_ms(), ReconnectPolicy::DEFAULT_CAP_MS);
    /// ```
    #[must_use]
    pub const fn cap_ms(&self) -> u64 {
        self.cap_ms
    }

    /// The attempt limit, if any.
    ///
    /// ```
    /// use wsclose::ReconnectPolicy;
    /// assert_eq!(ReconnectPolicy::new().max_attempts(), None);
    /// ```
    #[must_use]
    pub const fn max_attempts(&self) -> Option<u32> {
        self.max_attempts
    }

    /// The overrides, in the order they were first set.
    ///
    /// ```
    /// use wsclose::{Advice, CloseCode, ReconnectPolicy};
    /// let policy = ReconnectPolicy::new().with_override(CloseCode::new(4000), Advice::Stop);
    /// assert_eq!(policy.overrides(), [(CloseCode::new(4000), Advice::Stop)]);
    /// ```
    #[must_use]
    pub fn overrides(&self) -> &[(CloseCode, Advice)] {
        &self.overrides[..self.override_count]
    }

    /// The advice after a close, resolved as the type documentation describes; never
    /// [`Advice::Unspecified`]. Ignores the attempt limit.
    ///
    /// ```
    /// use wsclose::{Advice, CloseCode, Profile, ReconnectPolicy};
    /// let policy = ReconnectPolicy::new().with_profile(Profile::GRAPHQL_TRANSPORT_WS);
    /// // A clean 1002 is fatal to graphql-ws ...
    /// assert_eq!(policy.advice(CloseCode::PROTOCOL_ERROR, true), Advice::Stop);
    /// // ... an unclean 1005 is a dropped connection, handled as 1006.
    /// assert_eq!(policy.advice(CloseCode::NO_STATUS_RECEIVED, false), Advice::Retry);
    /// ```
    #[must_use]
    pub const fn advice(&self, code: CloseCode, was_clean: bool) -> Advice {
        let mut advice = None;
        let mut i = 0;
        while i < self.override_count {
            if self.overrides[i].0.as_u16() == code.as_u16() {
                advice = Some(self.overrides[i].1);
            }
            i += 1;
        }
        let advice = match advice {
            Some(advice) => advice,
            None => {
                let code = if !was_clean && !code.is_sendable() && code.as_u16() != 1015 {
                    CloseCode::ABNORMAL_CLOSURE
                } else {
                    code
                };
                match self.profile {
                    Some(profile) => profile.advice(code),
                    None => Advice::standard(code),
                }
            }
        };
        match advice {
            Advice::Unspecified if self.retry_unspecified => Advice::Retry,
            Advice::Unspecified => Advice::Stop,
            other => other,
        }
    }

    /// The largest delay of attempt `attempt`: `min(cap, base·2^attempt)` milliseconds, without
    /// overflow.
    ///
    /// ```
    /// use wsclose::ReconnectPolicy;
    /// let policy = ReconnectPolicy::new().with_base_ms(500).with_cap_ms(u64::MAX);
    /// assert_eq!(policy.ceiling_ms(0), 500);
    /// assert_eq!(policy.ceiling_ms(4), 8_000);
    /// assert_eq!(policy.ceiling_ms(200), u64::MAX);
    /// ```
    #[must_use]
    pub const fn ceiling_ms(&self, attempt: u32) -> u64 {
        let factor = if attempt < u64::BITS {
            1u64 << attempt
        } else {
            u64::MAX
        };
        let ceiling = self.base_ms.saturating_mul(factor);
        if ceiling < self.cap_ms {
            ceiling
        } else {
            self.cap_ms
        }
    }

    /// The delay of attempt `attempt` for one uniformly distributed `random` value: in
    /// `0..=ceiling_ms(attempt)`, `0` for `random == 0` and the ceiling for `u64::MAX`
    /// (`random · (ceiling + 1) / 2⁶⁴`, rounded down).
    ///
    /// ```
    /// use wsclose::ReconnectPolicy;
    /// let policy = ReconnectPolicy::new();
    /// assert_eq!(policy.delay_ms(0, 0), 0);
    /// assert_eq!(policy.delay_ms(0, u64::MAX), 1_000);
    /// assert_eq!(policy.delay_ms(0, u64::MAX / 2 + 1), 500);
    /// ```
    #[must_use]
    pub const fn delay_ms(&self, attempt: u32, random: u64) -> u64 {
        let ceiling = self.ceiling_ms(attempt) as u128;
        ((random as u128 * (ceiling + 1)) >> 64) as u64
    }

    /// Stop or retry after a close with `code`, `was_clean` as reported by the WebSocket stack,
    /// when `attempt` reconnect attempts were already made. Calls `random` once when the answer
    /// is [`Decision::RetryAfter`].
    ///
    /// ```
    /// use wsclose::{CloseCode, Decision, ReconnectPolicy};
    /// let policy = ReconnectPolicy::new();
    /// let decision = policy.decide(CloseCode::ABNORMAL_CLOSURE, false, 2, || u64::MAX);
    /// assert_eq!(decision, Decision::RetryAfter(4_000));
    /// ```
    pub fn decide(
        &self,
        code: CloseCode,
        was_clean: bool,
        attempt: u32,
        mut random: impl FnMut() -> u64,
    ) -> Decision {
        if matches!(self.advice(code, was_clean), Advice::Stop) {
            return Decision::Stop;
        }
        if let Some(max) = self.max_attempts {
            if attempt >= max {
                return Decision::Stop;
            }
        }
        Decision::RetryAfter(self.delay_ms(attempt, random()))
    }
}
