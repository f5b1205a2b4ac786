//! Application-protocol profiles: what the codes in 3000–4999 (and, where a protocol says so,
//! other codes) mean to one protocol, and whether its clients reconnect after them.
//!
//! The tables come from the data files in `core/profiles/`, compiled into static tables by
//! `core/build.rs`; nothing is parsed at run time.

use core::fmt;

use crate::category::Reconnect;
use crate::code::CloseCode;

/// What a client should do after a close, as a protocol profile sees it.
///
/// [`Reconnect`] answers for the standard alone and leaves 3000–4999 to the application
/// ([`Reconnect::AppDefined`]). A profile is that application knowledge, and it needs two things
/// `Reconnect` cannot say: that a protocol can pick up its old session after reconnecting
/// ([`Resume`](Advice::Resume), Discord's Gateway), and that it says nothing about a code
/// ([`Unspecified`](Advice::Unspecified)). "Fatal" is [`Stop`](Advice::Stop).
///
/// The discriminants are part of the ABI, like those of [`Reconnect`].
///
/// ```
/// use wsclose::{Advice, CloseCode, Profile};
///
/// assert_eq!(Profile::DISCORD_GATEWAY.advice(CloseCode::new(4004)), Advice::Stop);
/// assert_eq!(Profile::DISCORD_GATEWAY.advice(CloseCode::new(4000)), Advice::Resume);
/// assert_eq!(Profile::DISCORD_GATEWAY.advice(CloseCode::new(4999)), Advice::Unspecified);
/// assert_eq!(Advice::Resume.reconnects(), Some(true));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Advice {
    /// Fatal: reconnecting would fail the same way, or the peer asked the client to stay away.
    Stop = 0,
    /// Reconnect after a backoff delay and start afresh.
    Retry = 1,
    /// Reconnect after a backoff delay and resume the previous session, where the protocol
    /// has a way to do that (Discord's Gateway and voice gateway do).
    Resume = 2,
    /// Neither the profile nor the standard says: a code in 3000–4999 that the profile (or
    /// the absence of one) leaves undefined.
    Unspecified = 3,
}

impl Advice {
    /// Every advice, in discriminant order.
    pub const ALL: [Advice; 4] = [Advice::Stop, Advice::Retry, Advice::Resume, Advice::Unspecified];

    /// The advice with discriminant `value`, or `None` when `value > 3`.
    ///
    /// ```
    /// use wsclose::Advice;
    /// assert_eq!(Advice::from_u8(2), Some(Advice::Resume));
    /// assert_eq!(Advice::from_u8(4), None);
    /// ```
    #[must_use]
    pub const fn from_u8(value: u8) -> Option<Advice> {
        if (value as usize) < Advice::ALL.len() {
            Some(Advice::ALL[value as usize])
        } else {
            None
        }
    }

    /// The standard's advice in profile terms: [`Reconnect::Never`] is `Stop`,
    /// [`Reconnect::Backoff`] is `Retry`, [`Reconnect::AppDefined`] is `Unspecified`.
    ///
    /// ```
    /// use wsclose::{Advice, Reconnect};
    /// assert_eq!(Advice::from_reconnect(Reconnect::Backoff), Advice::Retry);
    /// ```
    #[must_use]
    pub const fn from_reconnect(reconnect: Reconnect) -> Advice {
        match reconnect {
            Reconnect::Never => Advice::Stop,
            Reconnect::Backoff => Advice::Retry,
            Reconnect::AppDefined => Advice::Unspecified,
        }
    }

    /// The advice without any profile: [`from_reconnect`](Advice::from_reconnect) of
    /// [`CloseCode::reconnect`].
    ///
    /// ```
    /// use wsclose::{Advice, CloseCode};
    /// assert_eq!(Advice::standard(CloseCode::ABNORMAL_CLOSURE), Advice::Retry);
    /// assert_eq!(Advice::standard(CloseCode::new(4000)), Advice::Unspecified);
    /// ```
    #[must_use]
    pub const fn standard(code: CloseCode) -> Advice {
        Advice::from_reconnect(code.reconnect())
    }

    /// Whether the client reconnects: `Some(false)` for `Stop`, `Some(true)` for `Retry` and
    /// `Resume`, `None` for `Unspecified`.
    ///
    /// ```
    /// use wsclose::Advice;
    /// assert_eq!(Advice::Stop.reconnects(), Some(false));
    /// assert_eq!(Advice::Unspecified.reconnects(), None);
    /// ```
    #[must_use]
    pub const fn reconnects(self) -> Option<bool> {
        match self {
            Advice::Stop => Some(false),
            Advice::Retry | Advice::Resume => Some(true),
            Advice::Unspecified => None,
        }
    }

    /// The word used in the profile data files, e.g. `"resume"`.
    ///
    /// ```
    /// use wsclose::Advice;
    /// assert_eq!(Advice::Stop.label(), "stop");
    /// ```
    #[must_use]
    pub const fn label(self) -> &'static str {
        ADVICE_TEXT[self as usize]
    }

    /// The identifier used in other languages, e.g. `"UNSPECIFIED"`.
    ///
    /// ```
    /// use wsclose::Advice;
    /// assert_eq!(Advice::Resume.const_name(), "RESUME");
    /// ```
    #[must_use]
    pub const fn const_name(self) -> &'static str {
        match self {
            Advice::Stop => "STOP",
            Advice::Retry => "RETRY",
            Advice::Resume => "RESUME",
            Advice::Unspecified => "UNSPECIFIED",
        }
    }
}

/// Per advice, in discriminant order: the label.
const ADVICE_TEXT: [&str; 4] = ["stop", "retry", "resume", "unspecified"];

impl fmt::Display for Advice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl From<Advice> for u8 {
    fn from(advice: Advice) -> u8 {
        advice as u8
    }
}

/// One named code of a profile, as returned by [`Profile::lookup`].
///
/// ```
/// use wsclose::{Advice, CloseCode, Profile};
/// let row = Profile::GRAPHQL_TRANSPORT_WS.lookup(CloseCode::new(4408)).unwrap();
/// assert_eq!(row.const_name(), "CONNECTION_INITIALISATION_TIMEOUT");
/// assert_eq!(row.name(), "Connection Initialisation Timeout");
/// assert_eq!(row.advice(), Advice::Retry);
/// assert!(row.source().contains("src/common.ts"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ProfileCode {
    code: CloseCode,
    advice: Advice,
    /// Index into `CODE_TEXT`; equal texts share one.
    text: u16,
}

/// The texts of a [`ProfileCode`], kept apart from the data [`Profile::advice`] reads.
struct CodeText {
    const_name: &'static str,
    name: &'static str,
    description: &'static str,
    source: &'static str,
}

impl ProfileCode {
    const fn text(&self) -> &'static CodeText {
        &CODE_TEXT[self.text as usize]
    }
}

impl fmt::Debug for ProfileCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProfileCode")
            .field("code", &self.code)
            .field("const_name", &self.const_name())
            .field("name", &self.name())
            .field("description", &self.description())
            .field("advice", &self.advice)
            .field("source", &self.source())
            .finish()
    }
}

impl ProfileCode {
    /// The code.
    ///
    /// ```
    /// use wsclose::{CloseCode, Profile};
    /// let row = Profile::SALTYRTC.lookup(CloseCode::new(3003)).unwrap();
    /// assert_eq!(row.code(), CloseCode::new(3003));
    /// ```
    #[must_use]
    pub const fn code(&self) -> CloseCode {
        self.code
    }

    /// An identifier for generated constants, e.g. `"AUTHENTICATION_FAILED"`.
    ///
    /// ```
    /// use wsclose::{CloseCode, Profile};
    /// let row = Profile::DISCORD_GATEWAY.lookup(CloseCode::new(4004)).unwrap();
    /// assert_eq!(row.const_name(), "AUTHENTICATION_FAILED");
    /// ```
    #[must_use]
    pub const fn const_name(&self) -> &'static str {
        self.text().const_name
    }

    /// The protocol's name for the code.
    ///
    /// ```
    /// use wsclose::{CloseCode, Profile};
    /// let row = Profile::SALTYRTC.lookup(CloseCode::new(3000)).unwrap();
    /// assert_eq!(row.name(), "Path Full");
    /// ```
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.text().name
    }

    /// What the code means in this protocol, in wsclose's words.
    ///
    /// ```
    /// use wsclose::{CloseCode, Profile};
    /// let row = Profile::CENTRIFUGE.lookup(CloseCode::new(3001)).unwrap();
    /// assert!(row.description().contains("shutting down"));
    /// ```
    #[must_use]
    pub const fn description(&self) -> &'static str {
        self.text().description
    }

    /// Whether the protocol's clients reconnect after this code; never
    /// [`Advice::Unspecified`].
    ///
    /// ```
    /// use wsclose::{Advice, CloseCode, Profile};
    /// let row = Profile::DISCORD_VOICE.lookup(CloseCode::new(4014)).unwrap();
    /// assert_eq!(row.advice(), Advice::Stop);
    /// ```
    #[must_use]
    pub const fn advice(&self) -> Advice {
        self.advice
    }

    /// Where the row comes from: path and line in the profile's source repository (see
    /// [`Profile::source`] for the repository and commit), and `advice: judgement` where the
    /// advice is wsclose's own because the source gives none.
    ///
    /// ```
    /// use wsclose::{CloseCode, Profile};
    /// let row = Profile::SALTYRTC.lookup(CloseCode::new(3007)).unwrap();
    /// assert!(row.source().starts_with("Protocol.md:"));
    /// ```
    #[must_use]
    pub const fn source(&self) -> &'static str {
        self.text().source
    }
}

/// A rule for a whole range of codes in a profile, e.g. Centrifuge's "3500–3999 are terminal".
/// Named codes ([`ProfileCode`]) take precedence over ranges; a profile's ranges never overlap.
///
/// ```
/// use wsclose::{Advice, CloseCode, Profile};
/// let rule = Profile::CENTRIFUGE.ranges()[2];
/// assert_eq!((rule.first().as_u16(), rule.last().as_u16()), (3500, 3999));
/// assert!(rule.contains(CloseCode::new(3999)));
/// assert_eq!(rule.advice(), Advice::Stop);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ProfileRange {
    first: CloseCode,
    last: CloseCode,
    advice: Advice,
    /// Index into `RANGE_TEXT`; equal texts share one.
    text: u16,
}

/// The texts of a [`ProfileRange`], kept apart from the data [`Profile::advice`] reads.
struct RangeText {
    description: &'static str,
    source: &'static str,
}

impl ProfileRange {
    const fn text(&self) -> &'static RangeText {
        &RANGE_TEXT[self.text as usize]
    }
}

impl fmt::Debug for ProfileRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProfileRange")
            .field("first", &self.first)
            .field("last", &self.last)
            .field("advice", &self.advice)
            .field("description", &self.description())
            .field("source", &self.source())
            .finish()
    }
}

impl ProfileRange {
    /// The first code of the range.
    ///
    /// ```
    /// use wsclose::Profile;
    /// assert_eq!(Profile::CENTRIFUGE.ranges()[1].first().as_u16(), 3000);
    /// ```
    #[must_use]
    pub const fn first(&self) -> CloseCode {
        self.first
    }

    /// The last code of the range (inclusive).
    ///
    /// ```
    /// use wsclose::Profile;
    /// assert_eq!(Profile::CENTRIFUGE.ranges()[1].last().as_u16(), 3499);
    /// ```
    #[must_use]
    pub const fn last(&self) -> CloseCode {
        self.last
    }

    /// Whether `code` lies in the range.
    ///
    /// ```
    /// use wsclose::{CloseCode, Profile};
    /// assert!(!Profile::CENTRIFUGE.ranges()[1].contains(CloseCode::new(3500)));
    /// ```
    #[must_use]
    pub const fn contains(&self, code: CloseCode) -> bool {
        self.first.as_u16() <= code.as_u16() && code.as_u16() <= self.last.as_u16()
    }

    /// The advice for codes in the range that have no row of their own; never
    /// [`Advice::Unspecified`].
    ///
    /// ```
    /// use wsclose::{Advice, Profile};
    /// assert_eq!(Profile::CENTRIFUGE.ranges()[1].advice(), Advice::Retry);
    /// ```
    #[must_use]
    pub const fn advice(&self) -> Advice {
        self.advice
    }

    /// What the rule says, in wsclose's words.
    ///
    /// ```
    /// use wsclose::Profile;
    /// assert!(Profile::CENTRIFUGE.ranges()[2].description().contains("Terminal"));
    /// ```
    #[must_use]
    pub const fn description(&self) -> &'static str {
        self.text().description
    }

    /// Where the rule comes from, as for [`ProfileCode::source`].
    ///
    /// ```
    /// use wsclose::Profile;
    /// assert!(Profile::CENTRIFUGE.ranges()[1].source().starts_with("disconnect.go:"));
    /// ```
    #[must_use]
    pub const fn source(&self) -> &'static str {
        self.text().source
    }
}

/// The data behind a [`Profile`].
struct ProfileData {
    name: &'static str,
    subprotocols: &'static [&'static str],
    codes: &'static [ProfileCode],
    ranges: &'static [ProfileRange],
    /// Index into `PROFILE_TEXT`.
    text: u8,
}

/// The title and source of a profile, kept apart from the data [`Profile::advice`] reads.
struct ProfileText {
    title: &'static str,
    source: &'static str,
}

/// The close codes of one application protocol: their names and whether its clients reconnect.
///
/// A `Profile` is a copyable handle to static tables. The built-in profiles are associated
/// consts; [`Profile::ALL`] lists them.
///
/// | const | [`name`](Profile::name) | [`subprotocols`](Profile::subprotocols) |
/// |-------|------|--------------|
/// | [`CENTRIFUGE`](Profile::CENTRIFUGE) | `centrifuge` | `centrifuge-json`, `centrifuge-protobuf` |
/// | [`DISCORD_GATEWAY`](Profile::DISCORD_GATEWAY) | `discord-gateway` | none |
/// | [`DISCORD_VOICE`](Profile::DISCORD_VOICE) | `discord-voice` | none |
/// | [`GRAPHQL_TRANSPORT_WS`](Profile::GRAPHQL_TRANSPORT_WS) | `graphql-transport-ws` | `graphql-transport-ws` |
/// | [`SALTYRTC`](Profile::SALTYRTC) | `saltyrtc` | `v1.saltyrtc.org` |
/// | [`TWITCH_EVENTSUB`](Profile::TWITCH_EVENTSUB) | `twitch-eventsub` | none |
///
/// ```
/// use wsclose::{Advice, CloseCode, Profile};
///
/// let profile = Profile::by_subprotocol("graphql-transport-ws").unwrap();
/// assert_eq!(profile, Profile::GRAPHQL_TRANSPORT_WS);
/// assert_eq!(profile.lookup(CloseCode::new(4403)).unwrap().name(), "Forbidden");
/// assert_eq!(profile.advice(CloseCode::new(4401)), Advice::Stop);
/// // graphql-ws treats 1011 as fatal, unlike the standard's advice.
/// assert_eq!(profile.advice(CloseCode::INTERNAL_ERROR), Advice::Stop);
/// assert_eq!(Advice::standard(CloseCode::INTERNAL_ERROR), Advice::Retry);
/// ```
#[derive(Clone, Copy)]
pub struct Profile(&'static ProfileData);

include!(concat!(env!("OUT_DIR"), "/profiles.rs"));

/// Byte-wise string equality usable in `const fn`.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl Profile {
    /// The profile called `name` (see [`Profile::name`]), compared exactly: names are lowercase.
    ///
    /// ```
    /// use wsclose::Profile;
    /// assert_eq!(Profile::by_name("discord-gateway"), Some(Profile::DISCORD_GATEWAY));
    /// assert_eq!(Profile::by_name("Discord-Gateway"), None);
    /// ```
    #[must_use]
    pub const fn by_name(name: &str) -> Option<Profile> {
        let mut i = 0;
        while i < Profile::ALL.len() {
            if same(Profile::ALL[i].0.name, name) {
                return Some(Profile::ALL[i]);
            }
            i += 1;
        }
        None
    }

    /// The profile whose protocol is selected by this `Sec-WebSocket-Protocol` value (one token,
    /// already split from the header's comma-separated list and trimmed).
    ///
    /// The comparison is exact and case-sensitive: RFC 6455 §4.1 has the server's choice be one
    /// of the values the client sent, and clients (browsers among them) check it byte for byte,
    /// so `Graphql-Transport-WS` is a different subprotocol. Discord and Twitch EventSub negotiate
    /// no subprotocol and are found only by name.
    ///
    /// ```
    /// use wsclose::Profile;
    /// assert_eq!(Profile::by_subprotocol("v1.saltyrtc.org"), Some(Profile::SALTYRTC));
    /// assert_eq!(Profile::by_subprotocol("centrifuge-protobuf"), Some(Profile::CENTRIFUGE));
    /// assert_eq!(Profile::by_subprotocol("GRAPHQL-TRANSPORT-WS"), None);
    /// // The legacy subscriptions-transport-ws protocol is another protocol.
    /// assert_eq!(Profile::by_subprotocol("graphql-ws"), None);
    /// ```
    #[must_use]
    pub const fn by_subprotocol(token: &str) -> Option<Profile> {
        let mut i = 0;
        while i < Profile::ALL.len() {
            let tokens = Profile::ALL[i].0.subprotocols;
            let mut j = 0;
            while j < tokens.len() {
                if same(tokens[j], token) {
                    return Some(Profile::ALL[i]);
                }
                j += 1;
            }
            i += 1;
        }
        None
    }

    /// The profile's identifier, lowercase with hyphens, e.g. `"twitch-eventsub"`.
    ///
    /// ```
    /// use wsclose::Profile;
    /// assert_eq!(Profile::TWITCH_EVENTSUB.name(), "twitch-eventsub");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        self.0.name
    }

    /// A human title, e.g. `"Discord Gateway"`.
    ///
    /// ```
    /// use wsclose::Profile;
    /// assert_eq!(Profile::DISCORD_GATEWAY.title(), "Discord Gateway");
    /// ```
    #[must_use]
    pub const fn title(self) -> &'static str {
        PROFILE_TEXT[self.0.text as usize].title
    }

    /// The `Sec-WebSocket-Protocol` tokens that select this protocol; empty when it negotiates
    /// none.
    ///
    /// ```
    /// use wsclose::Profile;
    /// assert_eq!(Profile::GRAPHQL_TRANSPORT_WS.subprotocols(), ["graphql-transport-ws"]);
    /// assert!(Profile::DISCORD_VOICE.subprotocols().is_empty());
    /// ```
    #[must_use]
    pub const fn subprotocols(self) -> &'static [&'static str] {
        self.0.subprotocols
    }

    /// The primary source the data was checked against: repository, paths and commit.
    ///
    /// ```
    /// use wsclose::Profile;
    /// assert!(Profile::SALTYRTC.source().contains("saltyrtc/saltyrtc-meta"));
    /// ```
    #[must_use]
    pub const fn source(self) -> &'static str {
        PROFILE_TEXT[self.0.text as usize].source
    }

    /// Every named code, in code order.
    ///
    /// ```
    /// use wsclose::Profile;
    /// let codes: Vec<u16> = Profile::SALTYRTC.codes().iter().map(|c| c.code().as_u16()).collect();
    /// assert_eq!(codes, (3000..=3008).collect::<Vec<_>>());
    /// ```
    #[must_use]
    pub const fn codes(self) -> &'static [ProfileCode] {
        self.0.codes
    }

    /// Every range rule, in code order; they never overlap.
    ///
    /// ```
    /// use wsclose::Profile;
    /// assert_eq!(Profile::CENTRIFUGE.ranges().len(), 6);
    /// assert!(Profile::SALTYRTC.ranges().is_empty());
    /// ```
    #[must_use]
    pub const fn ranges(self) -> &'static [ProfileRange] {
        self.0.ranges
    }

    /// The profile's row for `code`, if it names that code.
    ///
    /// ```
    /// use wsclose::{CloseCode, Profile};
    /// let row = Profile::CENTRIFUGE.lookup(CloseCode::new(3503)).unwrap();
    /// assert_eq!(row.name(), "Force Disconnect");
    /// assert!(Profile::CENTRIFUGE.lookup(CloseCode::new(3600)).is_none());
    /// ```
    #[must_use]
    pub const fn lookup(self, code: CloseCode) -> Option<&'static ProfileCode> {
        let codes = self.0.codes;
        let (mut low, mut high) = (0, codes.len());
        while low < high {
            let mid = low + (high - low) / 2;
            let at = codes[mid].code.as_u16();
            if at == code.as_u16() {
                return Some(&codes[mid]);
            } else if at < code.as_u16() {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        None
    }

    /// The range rule covering `code`, if any.
    ///
    /// ```
    /// use wsclose::{Advice, CloseCode, Profile};
    /// let rule = Profile::CENTRIFUGE.range_of(CloseCode::new(4700)).unwrap();
    /// assert_eq!(rule.advice(), Advice::Stop);
    /// ```
    #[must_use]
    pub const fn range_of(self, code: CloseCode) -> Option<&'static ProfileRange> {
        let ranges = self.0.ranges;
        let mut i = 0;
        while i < ranges.len() {
            if ranges[i].contains(code) {
                return Some(&ranges[i]);
            }
            i += 1;
        }
        None
    }

    /// What this protocol's clients do after `code`, for every one of the 65,536 codes: the
    /// named row's advice, else the covering range rule's, else [`Advice::standard`] (which is
    /// [`Advice::Unspecified`] only for 3000–4999).
    ///
    /// ```
    /// use wsclose::{Advice, CloseCode, Profile};
    /// let centrifuge = Profile::CENTRIFUGE;
    /// assert_eq!(centrifuge.advice(CloseCode::new(3011)), Advice::Retry); // named row
    /// assert_eq!(centrifuge.advice(CloseCode::new(4600)), Advice::Stop); // range rule
    /// assert_eq!(centrifuge.advice(CloseCode::GOING_AWAY), Advice::Retry); // the standard
    /// ```
    #[must_use]
    pub const fn advice(self, code: CloseCode) -> Advice {
        if let Some(row) = self.lookup(code) {
            return row.advice;
        }
        if let Some(rule) = self.range_of(code) {
            return rule.advice;
        }
        Advice::standard(code)
    }
}

impl PartialEq for Profile {
    fn eq(&self, other: &Profile) -> bool {
        self.0.name == other.0.name
    }
}

impl Eq for Profile {}

impl core::hash::Hash for Profile {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.0.name.hash(state);
    }
}

/// `Profile("discord-gateway")`.
impl fmt::Debug for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Profile").field(&self.0.name).finish()
    }
}

/// The profile's name, e.g. `discord-gateway`.
impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name)
    }
}

/// One row of the IANA table (`core/profiles/iana.tsv`): a registered code in 3000–3999 that
/// [`CloseCode::name`] and friends name.
#[derive(Clone, Copy)]
pub(crate) struct IanaRow {
    code: u16,
    pub(crate) const_name: &'static str,
    pub(crate) name: &'static str,
    pub(crate) description: &'static str,
}

/// The IANA row for `code`, by value (its fields are all `'static`).
#[inline]
pub(crate) const fn iana(code: u16) -> Option<IanaRow> {
    let mut i = 0;
    while i < IANA.len() {
        if IANA[i].code == code {
            return Some(IANA[i]);
        }
        i += 1;
    }
    None
}
