//! [`CloseCode`] and the one table of standard codes.

use core::fmt;

use crate::category::{category_index, classify, Category, Reconnect};
use crate::profile::iana;

/// One row of the standard table; every per-code fact for 1000–1015 comes from here.
struct Row {
    name: &'static str,
    const_name: &'static str,
    description: &'static str,
    sendable: bool,
    local_only: bool,
    browser_closeable: bool,
    ok: bool,
    reconnect: Reconnect,
}

const FIRST_STANDARD: u16 = 1000;
const STANDARD_COUNT: usize = 16;

/// Generates the associated consts, the row table and the list of standard codes from one list.
macro_rules! standard_codes {
    ($(
        $(#[$doc:meta])*
        $value:literal $konst:ident $name:literal
            [send $send:literal, local $local:literal, browser $browser:literal, ok $ok:literal, $reconnect:ident]
            $description:literal;
    )+) => {
        impl CloseCode {
            $(
                $(#[$doc])*
                pub const $konst: CloseCode = CloseCode($value);
            )+

            /// The sixteen codes defined by the standard, 1000 to 1015, in order.
            pub const STANDARD: [CloseCode; STANDARD_COUNT] = [$(CloseCode::$konst),+];
        }

        const ROWS: [Row; STANDARD_COUNT] = [$(
            Row {
                name: $name,
                const_name: stringify!($konst),
                description: $description,
                sendable: $send,
                local_only: $local,
                browser_closeable: $browser,
                ok: $ok,
                reconnect: Reconnect::$reconnect,
            }
        ),+];

        // The macro input must list 1000..=1015 in order: the index math below relies on it.
        const _: () = {
            let values = [$($value),+];
            let mut i = 0;
            while i < STANDARD_COUNT {
                assert!(values[i] == FIRST_STANDARD + i as u16);
                i += 1;
            }
        };
    };
}

standard_codes! {
    /// 1000: the purpose of the connection was fulfilled.
    1000 NORMAL_CLOSURE "Normal Closure"
        [send true, local false, browser true, ok true, Never]
        "The endpoint is done with the connection and closes it on purpose; nothing went wrong.";
    /// 1001: an endpoint is going away (server shutdown, page navigation).
    1001 GOING_AWAY "Going Away"
        [send true, local false, browser false, ok true, Backoff]
        "The endpoint is leaving, for example a server shutting down or a browser tab navigating elsewhere.";
    /// 1002: the peer broke the WebSocket protocol.
    1002 PROTOCOL_ERROR "Protocol Error"
        [send true, local false, browser false, ok false, Never]
        "The endpoint received something that breaks the WebSocket framing rules and gives up on the connection.";
    /// 1003: a data type the endpoint cannot accept (e.g. binary to a text-only endpoint).
    1003 UNSUPPORTED_DATA "Unsupported Data"
        [send true, local false, browser false, ok false, Never]
        "A message arrived in a form this endpoint does not handle, such as binary data where only text is understood.";
    /// 1004: reserved by RFC 6455 without a meaning; never valid.
    1004 RESERVED "Reserved"
        [send false, local false, browser false, ok false, Never]
        "Set aside by the protocol with no meaning assigned; it must not appear in a Close frame.";
    /// 1005: no status code was present (reported locally, never sent).
    1005 NO_STATUS_RECEIVED "No Status Received"
        [send false, local true, browser false, ok true, Backoff]
        "Reported to the application when the peer's Close frame carried no code at all; never put on the wire.";
    /// 1006: the connection dropped without a Close frame (reported locally, never sent).
    1006 ABNORMAL_CLOSURE "Abnormal Closure"
        [send false, local true, browser false, ok false, Backoff]
        "Reported to the application when the connection ended without any closing handshake, for example a dropped TCP link; never put on the wire.";
    /// 1007: a message's data did not match its type (e.g. bad UTF-8 in a text message).
    1007 INVALID_PAYLOAD_DATA "Invalid Frame Payload Data"
        [send true, local false, browser false, ok false, Never]
        "A message's content contradicted its declared type, most often text that was not valid UTF-8.";
    /// 1008: a message broke the endpoint's policy.
    1008 POLICY_VIOLATION "Policy Violation"
        [send true, local false, browser false, ok false, Never]
        "A message broke a rule of the endpoint; used when no more specific code fits or the details are kept private.";
    /// 1009: a message was too big to process.
    1009 MESSAGE_TOO_BIG "Message Too Big"
        [send true, local false, browser false, ok false, Never]
        "A message exceeded the size this endpoint is willing to process.";
    /// 1010: the client needed an extension the server did not negotiate.
    1010 MANDATORY_EXTENSION "Mandatory Extension"
        [send true, local false, browser false, ok false, Never]
        "The client ends the connection because the server did not agree to an extension the client requires.";
    /// 1011: the server hit an unexpected condition.
    1011 INTERNAL_ERROR "Internal Error"
        [send true, local false, browser false, ok false, Backoff]
        "The server ran into an unexpected failure of its own while handling the connection.";
    /// 1012: the server is restarting.
    1012 SERVICE_RESTART "Service Restart"
        [send true, local false, browser false, ok false, Backoff]
        "The server is restarting; the client may connect again after a short, randomised pause.";
    /// 1013: the server is overloaded; try again later.
    1013 TRY_AGAIN_LATER "Try Again Later"
        [send true, local false, browser false, ok false, Backoff]
        "The server is temporarily overloaded or unable to serve the client; a later attempt may succeed.";
    /// 1014: a gateway or proxy got an invalid response from upstream.
    1014 BAD_GATEWAY "Bad Gateway"
        [send true, local false, browser false, ok false, Backoff]
        "A gateway or proxy in front of the service got an unusable response from the server behind it.";
    /// 1015: the TLS handshake failed (reported locally, never sent).
    1015 TLS_HANDSHAKE "TLS Handshake"
        [send false, local true, browser false, ok false, Never]
        "Reported to the application when the TLS handshake failed, for example because a certificate could not be verified; never put on the wire.";
}

/// A bit per standard code, bit `i` for code `1000 + i`, folded from the table at compile time.
macro_rules! mask {
    ($field:ident) => {{
        let mut bits = 0u16;
        let mut i = 0;
        while i < STANDARD_COUNT {
            if ROWS[i].$field {
                bits |= 1 << i;
            }
            i += 1;
        }
        bits
    }};
}

const SENDABLE: u16 = mask!(sendable);
const LOCAL_ONLY: u16 = mask!(local_only);
const BROWSER_CLOSEABLE: u16 = mask!(browser_closeable);
const OK: u16 = mask!(ok);
const BACKOFF: u16 = {
    let mut bits = 0u16;
    let mut i = 0;
    while i < STANDARD_COUNT {
        if matches!(ROWS[i].reconnect, Reconnect::Backoff) {
            bits |= 1 << i;
        }
        i += 1;
    }
    bits
};
// The branch-free `reconnect` knows only these two advices for standard codes.
const _: () = {
    let mut i = 0;
    while i < STANDARD_COUNT {
        assert!(matches!(ROWS[i].reconnect, Reconnect::Backoff | Reconnect::Never));
        i += 1;
    }
};

/// A WebSocket close status code: any 16-bit value, with its meaning under RFC 6455, the IANA
/// registry and the WHATWG WebSockets standard.
///
/// Every `u16` is a `CloseCode`; the predicates say what may be done with it.
///
/// ```
/// use wsclose::{Category, CloseCode};
///
/// let code = CloseCode::new(1006);
/// assert_eq!(code, CloseCode::ABNORMAL_CLOSURE);
/// assert_eq!(code.name(), Some("Abnormal Closure"));
/// assert!(code.is_local_only() && !code.is_sendable());
/// assert_eq!(code.category(), Category::Standard);
/// assert_eq!(code.to_string(), "1006 Abnormal Closure");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CloseCode(u16);

impl CloseCode {
    /// Wraps any 16-bit value.
    ///
    /// ```
    /// use wsclose::CloseCode;
    /// const GONE: CloseCode = CloseCode::new(4410);
    /// assert_eq!(GONE.as_u16(), 4410);
    /// ```
    #[inline]
    #[must_use]
    pub const fn new(code: u16) -> CloseCode {
        CloseCode(code)
    }

    /// The numeric value.
    ///
    /// ```
    /// use wsclose::CloseCode;
    /// assert_eq!(CloseCode::MESSAGE_TOO_BIG.as_u16(), 1009);
    /// ```
    #[inline]
    #[must_use]
    pub const fn as_u16(self) -> u16 {
        self.0
    }

    /// The range this code belongs to.
    ///
    /// ```
    /// use wsclose::{Category, CloseCode};
    /// assert_eq!(CloseCode::new(3008).category(), Category::Registered);
    /// ```
    #[inline]
    #[must_use]
    pub const fn category(self) -> Category {
        classify(self.0)
    }

    /// The row index for 1000–1015, else `None`.
    #[inline(always)]
    const fn standard_index(self) -> Option<usize> {
        let offset = self.0.wrapping_sub(FIRST_STANDARD);
        if (offset as usize) < STANDARD_COUNT {
            Some(offset as usize)
        } else {
            None
        }
    }

    /// Whether this standard code has its bit set in `bits`.
    #[inline(always)]
    const fn in_mask(self, bits: u16) -> bool {
        // Branch-free: `offset & 15` keeps the shift in range, and the range test is folded in
        // with `&` rather than `&&`, so no data-dependent jump is left (see benches/classify.rs).
        let offset = self.0.wrapping_sub(FIRST_STANDARD);
        ((offset < STANDARD_COUNT as u16) as u16 & (bits >> (offset & 15))) & 1 == 1
    }

    /// 3000–4999: registered and private codes.
    #[inline(always)]
    const fn is_application(self) -> bool {
        self.0.wrapping_sub(3000) < 2000
    }

    /// The standard name for 1000–1015 (e.g. `"Going Away"`), the IANA registry's name for
    /// 3000, 3003 and 3008 (`"Unauthorized"`, `"Forbidden"`, `"Timeout"`), else `None`.
    ///
    /// ```
    /// use wsclose::CloseCode;
    /// assert_eq!(CloseCode::new(1001).name(), Some("Going Away"));
    /// assert_eq!(CloseCode::new(3008).name(), Some("Timeout"));
    /// assert_eq!(CloseCode::new(4000).name(), None);
    /// ```
    #[must_use]
    pub const fn name(self) -> Option<&'static str> {
        match self.standard_index() {
            Some(i) => Some(ROWS[i].name),
            None => match iana(self.0) {
                Some(row) => Some(row.name),
                None => None,
            },
        }
    }

    /// The identifier of the associated const for 1000–1015 (e.g. `"GOING_AWAY"`) and for the
    /// IANA-registered 3000, 3003 and 3008 (`"UNAUTHORIZED"`, `"FORBIDDEN"`, `"TIMEOUT"`), else
    /// `None`. Bindings use it to generate their own constants.
    ///
    /// ```
    /// use wsclose::CloseCode;
    /// assert_eq!(CloseCode::new(1013).const_name(), Some("TRY_AGAIN_LATER"));
    /// assert_eq!(CloseCode::new(4000).const_name(), None);
    /// ```
    #[must_use]
    pub const fn const_name(self) -> Option<&'static str> {
        match self.standard_index() {
            Some(i) => Some(ROWS[i].const_name),
            None => match iana(self.0) {
                Some(row) => Some(row.const_name),
                None => None,
            },
        }
    }

    /// What the code means, in a sentence or two. Codes without a standard or IANA name get
    /// the description of their range.
    ///
    /// ```
    /// use wsclose::{Category, CloseCode};
    /// assert_eq!(CloseCode::new(4404).description(), Category::Private.description());
    /// ```
    #[must_use]
    pub const fn description(self) -> &'static str {
        match self.standard_index() {
            Some(i) => ROWS[i].description,
            None => match iana(self.0) {
                Some(row) => row.description,
                None => self.category().description(),
            },
        }
    }

    /// May appear in a Close frame on the wire (RFC 6455 §7.4): 1000–1003, 1007–1014 and
    /// 3000–4999. Receiving any other code is a protocol error.
    ///
    /// ```
    /// use wsclose::CloseCode;
    /// assert!(CloseCode::BAD_GATEWAY.is_sendable());
    /// assert!(!CloseCode::NO_STATUS_RECEIVED.is_sendable());
    /// assert!(!CloseCode::new(5000).is_sendable());
    /// ```
    #[inline]
    #[must_use]
    pub const fn is_sendable(self) -> bool {
        self.in_mask(SENDABLE) | self.is_application()
    }

    /// Only ever reported to the application, never sent: 1005, 1006 and 1015.
    ///
    /// ```
    /// use wsclose::CloseCode;
    /// assert!(CloseCode::TLS_HANDSHAKE.is_local_only());
    /// assert!(!CloseCode::NORMAL_CLOSURE.is_local_only());
    /// ```
    #[inline]
    #[must_use]
    pub const fn is_local_only(self) -> bool {
        self.in_mask(LOCAL_ONLY)
    }

    /// Accepted by a browser's `WebSocket.close(code)` (WHATWG): 1000 and 3000–4999. Any other
    /// code makes the browser throw `InvalidAccessError`.
    ///
    /// ```
    /// use wsclose::CloseCode;
    /// assert!(CloseCode::new(3000).is_browser_closeable());
    /// assert!(!CloseCode::GOING_AWAY.is_browser_closeable());
    /// ```
    #[inline]
    #[must_use]
    pub const fn is_browser_closeable(self) -> bool {
        self.in_mask(BROWSER_CLOSEABLE) | self.is_application()
    }

    /// The connection ended normally: 1000, 1001 and 1005.
    ///
    /// ```
    /// use wsclose::CloseCode;
    /// assert!(CloseCode::GOING_AWAY.is_ok());
    /// assert!(!CloseCode::ABNORMAL_CLOSURE.is_ok());
    /// ```
    #[inline]
    #[must_use]
    pub const fn is_ok(self) -> bool {
        self.in_mask(OK)
    }

    /// Whether a client should reconnect after a close with this code.
    ///
    /// ```
    /// use wsclose::{CloseCode, Reconnect};
    /// assert_eq!(CloseCode::TRY_AGAIN_LATER.reconnect(), Reconnect::Backoff);
    /// assert_eq!(CloseCode::new(2000).reconnect(), Reconnect::Never);
    /// ```
    #[inline]
    #[must_use]
    pub const fn reconnect(self) -> Reconnect {
        match self.reconnect_number() {
            0 => Reconnect::Never,
            1 => Reconnect::Backoff,
            _ => Reconnect::AppDefined,
        }
    }

    /// [`reconnect`](Self::reconnect) as its discriminant, in arithmetic alone (no table, no
    /// branch), so that a loop over many codes vectorises (`facts_many`). Bit 0 is "a standard
    /// code that advises backoff", bit 1 "an application code"; the two never both hold, so the
    /// bits are the discriminant: Never 0, Backoff 1, AppDefined 2.
    #[inline(always)]
    pub(crate) const fn reconnect_number(self) -> u8 {
        self.in_mask(BACKOFF) as u8 | (self.is_application() as u8) << 1
    }

    /// Every fact about this code in one value.
    ///
    /// ```
    /// use wsclose::{CloseCode, Reconnect};
    /// let info = CloseCode::SERVICE_RESTART.info();
    /// assert_eq!(info.name, Some("Service Restart"));
    /// assert!(info.sendable && !info.ok);
    /// assert_eq!(info.reconnect, Reconnect::Backoff);
    /// ```
    #[must_use]
    pub const fn info(self) -> CodeInfo {
        CodeInfo {
            code: self,
            category: self.category(),
            name: self.name(),
            description: self.description(),
            sendable: self.is_sendable(),
            local_only: self.is_local_only(),
            browser_closeable: self.is_browser_closeable(),
            ok: self.is_ok(),
            reconnect: self.reconnect(),
        }
    }
}

/// Everything wsclose knows about one code, as returned by [`CloseCode::info`].
///
/// ```
/// use wsclose::{Category, CloseCode};
/// let info = CloseCode::new(4001).info();
/// assert_eq!((info.category, info.name, info.sendable), (Category::Private, None, true));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CodeInfo {
    /// The code itself.
    pub code: CloseCode,
    /// Its range.
    pub category: Category,
    /// The standard name for 1000–1015, the IANA name for 3000, 3003 and 3008.
    pub name: Option<&'static str>,
    /// A sentence or two on what it means.
    pub description: &'static str,
    /// See [`CloseCode::is_sendable`].
    pub sendable: bool,
    /// See [`CloseCode::is_local_only`].
    pub local_only: bool,
    /// See [`CloseCode::is_browser_closeable`].
    pub browser_closeable: bool,
    /// See [`CloseCode::is_ok`].
    pub ok: bool,
    /// See [`CloseCode::reconnect`].
    pub reconnect: Reconnect,
}

impl From<u16> for CloseCode {
    #[inline]
    fn from(code: u16) -> CloseCode {
        CloseCode(code)
    }
}

impl From<CloseCode> for u16 {
    #[inline]
    fn from(code: CloseCode) -> u16 {
        code.0
    }
}

impl PartialEq<u16> for CloseCode {
    fn eq(&self, other: &u16) -> bool {
        self.0 == *other
    }
}

impl PartialEq<CloseCode> for u16 {
    fn eq(&self, other: &CloseCode) -> bool {
        *self == other.0
    }
}

/// `"1006 Abnormal Closure"`, or `"4000 (private use)"` for codes without a name.
impl fmt::Display for CloseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => write!(f, "{} {}", self.0, name),
            None => write!(f, "{} ({})", self.0, self.category().label()),
        }
    }
}

/// `CloseCode(1006 Abnormal Closure)`: the value and what it is.
impl fmt::Debug for CloseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CloseCode({self})")
    }
}

/// Guard against the table and the range arithmetic disagreeing.
const _: () = assert!(category_index(FIRST_STANDARD + STANDARD_COUNT as u16 - 1) == 1);
