//! What a web page sees when a WebSocket closes, per browser engine.
//!
//! Two directions, both derived from the crate's own rules ([`parse_close_payload`] and
//! [`CloseCode::is_browser_closeable`]) plus a few engine-specific deltas:
//!
//! - server → page: [`Engine::close_event`] says which `CloseEvent` the page gets for a Close
//!   frame (any bytes, malformed ones included) or a dropped TCP connection, whether an `error`
//!   event fires first, and what the browser sends back;
//! - page → wire: [`Engine::close`] says what `WebSocket.close(code, reason)` does: throw a
//!   [`DomException`] or send a Close frame ([`SentClose`]).
//!
//! Every engine-specific fact below was measured by `tests/e2e` (`make test-e2e`) on
//! Chromium 156.0.8078.108 and Firefox 153.7.0esr (Debian 12 packages, headless, loopback), which
//! compares all 65,536 codes and a set of malformed payloads with this model; see
//! `docs/browser.md`. Source references name the file that implements the behaviour:
//!
//! - Chromium `net/websockets/websocket_channel.cc`, `WebSocketChannel::ParseClose`
//!   (chromium/chromium at 017c1ba7a05804728927f4959a8aefc0bf81bcb0): only 1005, 1006 and 1015
//!   are refused as received codes; invalid UTF-8 fails the channel with 1002
//!   "Invalid UTF-8 in Close frame".
//! - Chromium `third_party/blink/renderer/modules/websockets/websocket_common.cc`,
//!   `WebSocketCommon::CloseInternal` (chromium/chromium at
//!   bff8bae8a84929c74c66a0f498e734312983f956): 1000 or 3000–4999, then at most 123 UTF-8 bytes.
//! - Firefox `netwerk/protocol/websocket/WebSocketChannel.cpp` (mozilla/gecko-dev; several
//!   versions agree): `WebSocketChannel::ProcessInput` fails the connection for a control frame
//!   over 125 bytes or a reason that is not UTF-8, leaves the code at 1005 for a 1-byte payload
//!   and refuses no received code; `PrimeNewOutgoingMessage` sends an empty Close when the code
//!   to send is 0 (read at 222b5602f99513c30a23058c985dc33a8633136b).
//! - Firefox `dom/websocket/WebSocket.cpp`, `WebSocket::Close` (mozilla/gecko-dev at
//!   11cd73d7a786f5b313d1cc893fad67432d991aad): the same code range; the reason is checked even
//!   when no code is given.
//!
//! ```
//! use wsclose::{Engine, Received};
//!
//! // A server closes with 1005 on the wire, which RFC 6455 forbids.
//! let chromium = Engine::Chromium.close_event(Received::Payload(b"\x03\xed"));
//! assert_eq!((chromium.code, chromium.was_clean, chromium.error_fired), (1006, false, true));
//! let firefox = Engine::Firefox.close_event(Received::Payload(b"\x03\xed"));
//! assert_eq!((firefox.code, firefox.was_clean, firefox.error_fired), (1005, true, false));
//! ```

use core::fmt;

use crate::code::CloseCode;
use crate::payload::{parse_close_payload, Close, PayloadErrorKind, MAX_REASON_LEN};

/// A browser engine whose WebSocket behaviour is modelled.
///
/// ```
/// use wsclose::Engine;
/// assert_eq!(Engine::ALL.map(Engine::name), ["chromium", "firefox"]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Engine {
    /// Chromium's Blink and network stack (Chrome, Edge, Opera, ...). Measured: Chromium 156.
    Chromium,
    /// Firefox's Gecko and Necko. Measured: Firefox 153 ESR.
    Firefox,
}

/// How the server ended the connection, as the browser received it.
///
/// ```
/// use wsclose::Received;
/// let close = Received::Payload(b"\x03\xe8bye");
/// assert_ne!(close, Received::Dropped);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Received<'a> {
    /// A Close frame carrying exactly these bytes, whatever they are: empty, one byte, over 125
    /// bytes (sent with an extended length), any code, any reason bytes.
    Payload(&'a [u8]),
    /// The TCP connection closed in order (FIN) without a Close frame.
    Dropped,
    /// The TCP connection was reset (RST) without a Close frame: the server aborted it, for
    /// example a close with `SO_LINGER` set to zero, or a peer that crashed with unread data.
    Reset,
}

/// What the page observes when the connection ends: the `close` event's fields, whether an
/// `error` event fired before it, and what the browser sent back to the server.
///
/// ```
/// use wsclose::{Engine, Received, Reply};
/// let event = Engine::Firefox.close_event(Received::Payload(b"\x0f\xa0busy"));
/// assert_eq!((event.code, event.reason, event.was_clean), (4000, "busy", true));
/// assert!(!event.error_fired);
/// assert_eq!(event.reply, Some(Reply::Close { code: 4000, reason: "busy" }));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CloseEvent<'a> {
    /// `CloseEvent.code`.
    pub code: u16,
    /// `CloseEvent.reason`: borrowed from the received payload, or empty.
    pub reason: &'a str,
    /// `CloseEvent.wasClean`.
    pub was_clean: bool,
    /// Whether an `error` event fired before the `close` event.
    pub error_fired: bool,
    /// The Close frame the browser sent in answer; `None` when it sent none (it closed TCP, or
    /// the server had dropped the connection).
    pub reply: Option<Reply<'a>>,
}

/// The Close frame a browser sends back.
///
/// ```
/// use wsclose::Reply;
/// let mut buf = [0u8; wsclose::MAX_CLOSE_PAYLOAD];
/// let n = Reply::Close { code: 1002, reason: "" }.write(&mut buf);
/// assert_eq!(&buf[..n], b"\x03\xea");
/// assert_eq!(Reply::Empty.write(&mut buf), 0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reply<'a> {
    /// A Close frame with an empty payload.
    Empty,
    /// A Close frame with this code and reason (the reason is at most 123 bytes).
    Close {
        /// The code, in the first two payload bytes.
        code: u16,
        /// The reason, after the code.
        reason: &'a str,
    },
}

impl Reply<'_> {
    /// The payload length: 0, or 2 plus the reason's length.
    ///
    /// ```
    /// use wsclose::Reply;
    /// assert_eq!(Reply::Close { code: 1000, reason: "ok" }.len(), 4);
    /// ```
    #[must_use]
    #[allow(clippy::len_without_is_empty)]
    pub const fn len(&self) -> usize {
        match self {
            Reply::Empty => 0,
            Reply::Close { reason, .. } => 2 + reason.len(),
        }
    }

    /// Writes the payload into `out` and returns its length.
    ///
    /// # Panics
    ///
    /// When `out` is shorter than [`Reply::len`]; [`MAX_CLOSE_PAYLOAD`](crate::MAX_CLOSE_PAYLOAD)
    /// bytes always suffice.
    ///
    /// ```
    /// use wsclose::Reply;
    /// let mut buf = [0u8; 8];
    /// let n = Reply::Close { code: 4000, reason: "ok" }.write(&mut buf);
    /// assert_eq!(&buf[..n], b"\x0f\xa0ok");
    /// ```
    pub fn write(&self, out: &mut [u8]) -> usize {
        match self {
            Reply::Empty => 0,
            Reply::Close { code, reason } => {
                out[..2].copy_from_slice(&code.to_be_bytes());
                out[2..2 + reason.len()].copy_from_slice(reason.as_bytes());
                2 + reason.len()
            }
        }
    }
}

/// Why a received Close frame makes an engine fail the connection.
#[derive(Clone, Copy)]
enum Failure {
    /// Exactly one byte (Chromium only).
    OneByte,
    /// Over 125 bytes: refused by the frame parser before the payload is looked at.
    TooLong,
    /// A code only reported locally (1005, 1006, 1015) appeared on the wire (Chromium only).
    LocalOnlyCode,
    /// The reason is not UTF-8.
    InvalidUtf8,
}

impl<'a> CloseEvent<'a> {
    /// The event for a clean closing handshake.
    const fn clean(code: u16, reason: &'a str, reply: Reply<'a>) -> CloseEvent<'a> {
        CloseEvent {
            code,
            reason,
            was_clean: true,
            error_fired: false,
            reply: Some(reply),
        }
    }

    /// `CloseEvent.code` as a [`CloseCode`], for its name, category and reconnect advice.
    ///
    /// ```
    /// use wsclose::{CloseCode, Engine, Received};
    /// let event = Engine::Chromium.close_event(Received::Dropped);
    /// assert_eq!(event.close_code(), CloseCode::ABNORMAL_CLOSURE);
    /// ```
    #[must_use]
    pub const fn close_code(&self) -> CloseCode {
        CloseCode::new(self.code)
    }
}

impl Engine {
    /// Both engines, in declaration order.
    pub const ALL: [Engine; 2] = [Engine::Chromium, Engine::Firefox];

    /// The engine's name in lower case: `"chromium"` or `"firefox"`.
    ///
    /// ```
    /// assert_eq!(wsclose::Engine::Firefox.name(), "firefox");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
        }
    }

    /// What the page sees when the server ends the connection with `received`.
    ///
    /// The starting point is [`parse_close_payload`], the RFC 6455 rules. A payload it accepts
    /// reaches the page as a clean close in both engines. Where it refuses one, the engines
    /// differ from it and from each other:
    ///
    /// | received                  | RFC 6455 (this crate) | Chromium      | Firefox        |
    /// |---------------------------|-----------------------|---------------|----------------|
    /// | empty payload             | 1005                  | 1005, clean   | 1005, clean    |
    /// | 1 byte                    | fail (1002)           | fail          | 1005, clean    |
    /// | over 125 bytes            | fail (1002)           | fail          | fail           |
    /// | 1005, 1006, 1015          | fail (1002)           | fail          | that code, clean |
    /// | any other unsendable code (0–999, 1004, 1016–2999, ≥ 5000) | fail (1002) | that code, clean | that code, clean |
    /// | reason not UTF-8          | fail (1007)           | fail          | fail           |
    /// | TCP closed (FIN), no Close | 1006                 | 1006, not clean, no `error` | same |
    /// | TCP reset (RST), no Close | 1006                  | 1006, not clean, no `error` | 1006, not clean, `error` |
    ///
    /// "fail" is what the page sees when the engine fails the connection: code 1006, empty
    /// reason, `wasClean` false, and an `error` event before the `close` event. Chromium then
    /// sends a 1002 Close (with reason "WebSocket Protocol Error" for a payload over 125 bytes,
    /// "Invalid UTF-8 in Close frame" for a bad reason, no reason for one byte or a local-only
    /// code); Firefox closes TCP without a Close frame.
    ///
    /// The reply to a clean close echoes the received code and reason in both engines, with an
    /// empty Close for an empty payload; Firefox also answers an empty Close when it reports
    /// code 0, 1005 (a 1-byte payload included), 1006 or 1015.
    ///
    /// ```
    /// use wsclose::{Engine, Received, Reply};
    ///
    /// // 999 may not be sent (RFC 6455 §7.4.2), yet both engines hand it to the page.
    /// let event = Engine::Chromium.close_event(Received::Payload(b"\x03\xe7bye"));
    /// assert_eq!((event.code, event.reason, event.was_clean), (999, "bye", true));
    /// assert_eq!(event.reply, Some(Reply::Close { code: 999, reason: "bye" }));
    ///
    /// // A reason that is not UTF-8 fails the connection in both.
    /// for engine in Engine::ALL {
    ///     let event = engine.close_event(Received::Payload(b"\x03\xe8\xff"));
    ///     assert_eq!((event.code, event.was_clean, event.error_fired), (1006, false, true));
    /// }
    ///
    /// // One byte: Chromium fails, Firefox reports 1005 (No Status Received).
    /// assert_eq!(Engine::Chromium.close_event(Received::Payload(b"\x03")).code, 1006);
    /// assert_eq!(Engine::Firefox.close_event(Received::Payload(b"\x03")).code, 1005);
    ///
    /// // No Close frame: a FIN fires no `error` in either engine; an RST does in Firefox.
    /// assert!(!Engine::Firefox.close_event(Received::Dropped).error_fired);
    /// assert!(Engine::Firefox.close_event(Received::Reset).error_fired);
    /// assert!(!Engine::Chromium.close_event(Received::Reset).error_fired);
    /// ```
    #[must_use]
    pub const fn close_event(self, received: Received<'_>) -> CloseEvent<'_> {
        let payload = match received {
            Received::Payload(payload) => payload,
            // Measured: no `error` event in either engine, and nothing to reply to.
            Received::Dropped => return Self::abnormal(false),
            // Measured: Firefox fires `error` before `close` for a reset, Chromium does not;
            // otherwise as for a FIN.
            Received::Reset => return Self::abnormal(matches!(self, Engine::Firefox)),
        };
        let err = match parse_close_payload(payload) {
            Ok(close) => return self.clean_close(payload, close.code().as_u16(), close.reason()),
            Err(err) => err,
        };
        match err.kind() {
            PayloadErrorKind::OneByte => match self {
                Engine::Chromium => self.fail(Failure::OneByte),
                // Firefox reads a code only from two bytes or more and keeps its initial 1005.
                Engine::Firefox => self.clean_close(&[], CloseCode::NO_STATUS_RECEIVED.as_u16(), ""),
            },
            PayloadErrorKind::InvalidCode => {
                // An InvalidCode error always carries the code it refused.
                let code = match err.code() {
                    Some(code) => code,
                    None => CloseCode::new(u16::from_be_bytes([payload[0], payload[1]])),
                };
                if code.is_local_only() && matches!(self, Engine::Chromium) {
                    return self.fail(Failure::LocalOnlyCode);
                }
                // Neither engine refuses any other code: the reason decides, as for a valid code.
                let (_, reason) = payload.split_at(2);
                match core::str::from_utf8(reason) {
                    Ok(reason) => self.clean_close(payload, code.as_u16(), reason),
                    Err(_) => self.fail(Failure::InvalidUtf8),
                }
            }
            PayloadErrorKind::InvalidUtf8 => self.fail(Failure::InvalidUtf8),
            // TooLong; the encoding-only kinds never come out of parsing.
            _ => self.fail(Failure::TooLong),
        }
    }

    /// A clean close with `code` and `reason`; `payload` is what was received.
    const fn clean_close<'a>(self, payload: &[u8], code: u16, reason: &'a str) -> CloseEvent<'a> {
        let echo = match self {
            // Measured: Chromium echoes code and reason.
            Engine::Chromium => true,
            // Measured: Firefox echoes code and reason too, except for code 0 and the local-only
            // codes, which it answers with an empty Close.
            Engine::Firefox => code != 0 && !CloseCode::new(code).is_local_only(),
        };
        let reply = if payload.is_empty() || !echo {
            Reply::Empty // both answer "no status" with no status
        } else {
            Reply::Close { code, reason }
        };
        CloseEvent::clean(code, reason, reply)
    }

    /// The TCP connection ended without a Close frame: 1006, not clean, nothing to reply to.
    const fn abnormal(error_fired: bool) -> CloseEvent<'static> {
        CloseEvent {
            code: CloseCode::ABNORMAL_CLOSURE.as_u16(),
            reason: "",
            was_clean: false,
            error_fired,
            reply: None,
        }
    }

    /// The connection failed: 1006, not clean, `error` first; Chromium's 1002 or Firefox's silence.
    const fn fail(self, why: Failure) -> CloseEvent<'static> {
        let reply = match self {
            Engine::Chromium => Some(Reply::Close {
                code: CloseCode::PROTOCOL_ERROR.as_u16(),
                // `ParseClose` gives no reason for a short payload or a local-only code; the frame
                // parser's protocol error and the UTF-8 check come with one.
                reason: match why {
                    Failure::OneByte | Failure::LocalOnlyCode => "",
                    Failure::TooLong => "WebSocket Protocol Error",
                    Failure::InvalidUtf8 => "Invalid UTF-8 in Close frame",
                },
            }),
            Engine::Firefox => None,
        };
        CloseEvent {
            code: CloseCode::ABNORMAL_CLOSURE.as_u16(),
            reason: "",
            was_clean: false,
            error_fired: true,
            reply,
        }
    }
}

/// The exception `WebSocket.close()` throws.
///
/// ```
/// use wsclose::DomException;
/// assert_eq!(DomException::InvalidAccess.name(), "InvalidAccessError");
/// assert_eq!(DomException::Syntax.to_string(), "SyntaxError");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DomException {
    /// `InvalidAccessError`: the code is neither 1000 nor in 3000–4999.
    InvalidAccess,
    /// `SyntaxError`: the reason is over 123 bytes once encoded as UTF-8.
    Syntax,
}

impl DomException {
    /// The exception's `name`, as a page reads it.
    ///
    /// ```
    /// assert_eq!(wsclose::DomException::Syntax.name(), "SyntaxError");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            DomException::InvalidAccess => "InvalidAccessError",
            DomException::Syntax => "SyntaxError",
        }
    }
}

impl fmt::Display for DomException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl core::error::Error for DomException {}

/// The Close frame `WebSocket.close()` sends: a code and a UTF-8 reason, or nothing at all.
///
/// The reason is stored inline (at most 123 bytes), so this type needs no allocation.
///
/// ```
/// use wsclose::{CloseCode, Engine};
/// let units: Vec<u16> = "bye".encode_utf16().collect();
/// let sent = Engine::Chromium.close(Some(4000.0), Some(&units))?;
/// assert_eq!(sent.code(), Some(CloseCode::new(4000)));
/// assert_eq!(sent.reason(), "bye");
/// assert_eq!(&*sent.close().unwrap().encode(), b"\x0f\xa0bye");
/// # Ok::<(), wsclose::DomException>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SentClose {
    code: Option<CloseCode>,
    reason: [u8; MAX_REASON_LEN],
    len: u8,
}

impl SentClose {
    /// The code sent; `None` for a Close frame with an empty payload.
    ///
    /// ```
    /// use wsclose::Engine;
    /// assert_eq!(Engine::Firefox.close(None, None)?.code(), None);
    /// # Ok::<(), wsclose::DomException>(())
    /// ```
    #[must_use]
    pub const fn code(&self) -> Option<CloseCode> {
        self.code
    }

    /// The reason sent, after USVString conversion (each lone surrogate became U+FFFD).
    ///
    /// ```
    /// use wsclose::Engine;
    /// let sent = Engine::Firefox.close(Some(1000.0), Some(&[0xD800]))?;
    /// assert_eq!(sent.reason(), "\u{FFFD}");
    /// # Ok::<(), wsclose::DomException>(())
    /// ```
    #[must_use]
    pub fn reason(&self) -> &str {
        // Only ever filled with whole UTF-8 encoded chars, so this never falls back.
        core::str::from_utf8(&self.reason[..self.len as usize]).unwrap_or("")
    }

    /// The frame as a [`Close`] (for [`Close::encode`]); `None` when the payload is empty.
    ///
    /// ```
    /// use wsclose::Engine;
    /// let sent = Engine::Chromium.close(Some(1000.0), None)?;
    /// assert_eq!(&*sent.close().unwrap().encode(), b"\x03\xe8");
    /// assert!(Engine::Chromium.close(None, None)?.close().is_none());
    /// # Ok::<(), wsclose::DomException>(())
    /// ```
    #[must_use]
    pub fn close(&self) -> Option<Close<'_>> {
        // The code is 1000 or 3000–4999 and the reason at most 123 bytes: `Close::new` accepts.
        Close::new(self.code?, self.reason()).ok()
    }
}

impl fmt::Debug for SentClose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SentClose")
            .field("code", &self.code)
            .field("reason", &self.reason())
            .finish()
    }
}

impl Engine {
    /// The `unsigned short` a JavaScript number becomes as `close()`'s `code` argument.
    ///
    /// `code` is the value after JavaScript's ToNumber (`"1000"` is 1000, `null` is 0, `true` is
    /// 1, `undefined` and `NaN` are NaN). The WHATWG IDL declares `optional [Clamp] unsigned short
    /// code`; measured:
    ///
    /// - Firefox follows WebIDL `[Clamp]`: NaN becomes 0, the value is clamped to 0–65535 and
    ///   rounded to the nearest integer, ties to even (999.6 → 1000, 4999.6 → 5000).
    /// - Chromium clamps the same way (65536 + 1000 → 65535, not 1000) but truncates toward zero
    ///   (999.6 → 999, 4999.6 → 4999) where WebIDL asks for rounding.
    ///
    /// ```
    /// use wsclose::Engine;
    /// assert_eq!(Engine::Firefox.convert_code(999.6), 1000);
    /// assert_eq!(Engine::Chromium.convert_code(999.6), 999);
    /// assert_eq!(Engine::Firefox.convert_code(1000.5), 1000); // tie: to even
    /// assert_eq!(Engine::Chromium.convert_code(66536.0), 65535); // clamped, not wrapped
    /// assert_eq!(Engine::Firefox.convert_code(f64::NAN), 0);
    /// ```
    #[must_use]
    pub fn convert_code(self, code: f64) -> u16 {
        // `as` saturates to 0..=65535, maps NaN to 0 and truncates toward zero: Chromium exactly.
        let truncated = code as u16;
        match self {
            Engine::Chromium => truncated,
            Engine::Firefox => {
                if !(0.0..65535.0).contains(&code) {
                    return truncated; // clamped, or NaN → 0
                }
                // 0 <= code < 65535: the fraction is exact, and `truncated + 1` fits.
                let fraction = code - f64::from(truncated);
                if fraction > 0.5 || (fraction == 0.5 && truncated % 2 == 1) {
                    truncated + 1
                } else {
                    truncated
                }
            }
        }
    }

    /// What `ws.close(code, reason)` does on an open WebSocket: throw, or send a Close frame.
    ///
    /// - `code`: `None` when the argument is omitted or `undefined`, else its number (see
    ///   [`Engine::convert_code`]).
    /// - `reason`: `None` when omitted or `undefined`, else the string's UTF-16 code units.
    ///
    /// In order: the code converts per engine and must pass
    /// [`CloseCode::is_browser_closeable`] (1000 or 3000–4999), else
    /// [`DomException::InvalidAccess`]; the reason becomes a USVString (each lone surrogate →
    /// U+FFFD) and must encode to at most 123 UTF-8 bytes, else [`DomException::Syntax`].
    ///
    /// Engine deltas when a reason is given without a code (`close(undefined, "bye")`):
    /// Chromium converts the missing code like `undefined` (to 0) and throws `InvalidAccessError`;
    /// Firefox checks the reason's length, then sends an empty Close (the reason is dropped).
    /// Without code and reason, both send an empty Close.
    ///
    /// ```
    /// use wsclose::{CloseCode, DomException, Engine};
    ///
    /// let bye: Vec<u16> = "bye".encode_utf16().collect();
    /// assert_eq!(Engine::Chromium.close(None, Some(&bye)), Err(DomException::InvalidAccess));
    /// assert_eq!(Engine::Firefox.close(None, Some(&bye))?.code(), None);
    ///
    /// // 4999.6 is 4999 in Chromium and 5000 in Firefox.
    /// assert_eq!(Engine::Chromium.close(Some(4999.6), None)?.code(), Some(CloseCode::new(4999)));
    /// assert_eq!(Engine::Firefox.close(Some(4999.6), None), Err(DomException::InvalidAccess));
    ///
    /// // 41 lone surrogates are 41 × U+FFFD, 123 bytes: accepted.
    /// let lone = [0xD800; 41];
    /// assert_eq!(Engine::Firefox.close(Some(4000.0), Some(&lone))?.reason().len(), 123);
    /// let long = [0x61; 124];
    /// assert_eq!(Engine::Chromium.close(Some(4000.0), Some(&long)), Err(DomException::Syntax));
    /// # Ok::<(), DomException>(())
    /// ```
    pub fn close(self, code: Option<f64>, reason: Option<&[u16]>) -> Result<SentClose, DomException> {
        let code = match (self, code, reason) {
            // Measured: Chromium converts a code omitted before a reason like `undefined` (to 0).
            (Engine::Chromium, None, Some(_)) => Some(f64::NAN),
            _ => code,
        };
        let code = match code {
            Some(code) => {
                let code = CloseCode::new(self.convert_code(code));
                if !code.is_browser_closeable() {
                    return Err(DomException::InvalidAccess);
                }
                Some(code)
            }
            None => None,
        };
        let mut sent = SentClose {
            code,
            reason: [0; MAX_REASON_LEN],
            len: 0,
        };
        let mut len = 0;
        for unit in char::decode_utf16(reason.unwrap_or(&[]).iter().copied()) {
            let ch = unit.unwrap_or(char::REPLACEMENT_CHARACTER);
            let end = len + ch.len_utf8();
            if end > MAX_REASON_LEN {
                return Err(DomException::Syntax);
            }
            ch.encode_utf8(&mut sent.reason[len..end]);
            len = end;
        }
        if code.is_none() {
            len = 0; // no code, no reason: an empty Close frame
        }
        sent.len = len as u8;
        Ok(sent)
    }
}
