//! The Close frame payload: a big-endian code and a UTF-8 reason (RFC 6455 §5.5.1, §7.1.5, §7.1.6).

use core::fmt;
use core::ops::Deref;

use crate::code::CloseCode;

/// The largest Close payload: control frames carry at most 125 bytes.
pub const MAX_CLOSE_PAYLOAD: usize = 125;

/// The longest reason that fits beside the two-byte code.
pub const MAX_REASON_LEN: usize = MAX_CLOSE_PAYLOAD - 2;

/// A decoded Close frame payload; the reason borrows from the payload.
///
/// ```
/// use wsclose::{parse_close_payload, CloseCode};
/// let close = parse_close_payload(b"\x03\xe9bye")?;
/// assert_eq!(close.code(), CloseCode::GOING_AWAY);
/// assert_eq!(close.reason(), "bye");
/// # Ok::<(), wsclose::PayloadError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Close<'a> {
    code: CloseCode,
    reason: &'a str,
}

impl<'a> Close<'a> {
    /// A Close to send: `reason` must be at most 123 bytes and `code` sendable, checked in that
    /// order (the order [`parse_close_payload`] checks a received payload in).
    ///
    /// ```
    /// use wsclose::{Close, CloseCode, PayloadErrorKind};
    /// assert!(Close::new(CloseCode::NORMAL_CLOSURE, "done").is_ok());
    /// let err = Close::new(CloseCode::ABNORMAL_CLOSURE, "").unwrap_err();
    /// assert_eq!(err.kind(), PayloadErrorKind::InvalidCode);
    /// ```
    pub const fn new(code: CloseCode, reason: &'a str) -> Result<Close<'a>, PayloadError> {
        match check_code_and_len(code, reason.len()) {
            Some(err) => Err(err),
            None => Ok(Close { code, reason }),
        }
    }

    /// The status code; 1005 (No Status Received) when the payload was empty.
    ///
    /// ```
    /// use wsclose::{parse_close_payload, CloseCode};
    /// assert_eq!(parse_close_payload(b"\x03\xe8")?.code(), CloseCode::NORMAL_CLOSURE);
    /// # Ok::<(), wsclose::PayloadError>(())
    /// ```
    #[must_use]
    pub const fn code(&self) -> CloseCode {
        self.code
    }

    /// The reason text, possibly empty.
    ///
    /// ```
    /// use wsclose::parse_close_payload;
    /// assert_eq!(parse_close_payload(b"\x03\xe8caf\xc3\xa9")?.reason(), "caf\u{e9}");
    /// # Ok::<(), wsclose::PayloadError>(())
    /// ```
    #[must_use]
    pub const fn reason(&self) -> &'a str {
        self.reason
    }

    /// The payload bytes for this Close, on the stack. A Close parsed from an empty payload
    /// (code 1005) encodes back to an empty payload.
    ///
    /// ```
    /// use wsclose::{Close, CloseCode};
    /// let payload = Close::new(CloseCode::GOING_AWAY, "bye")?.encode();
    /// assert_eq!(&*payload, b"\x03\xe9bye");
    /// # Ok::<(), wsclose::PayloadError>(())
    /// ```
    #[must_use]
    pub fn encode(&self) -> ClosePayload {
        let mut payload = ClosePayload {
            bytes: [0; MAX_CLOSE_PAYLOAD],
            len: 0,
        };
        if self.code != CloseCode::NO_STATUS_RECEIVED {
            payload.len = write_payload(self.code, self.reason, &mut payload.bytes) as u8;
        }
        payload
    }
}

/// An encoded Close payload held inline (no allocation); dereferences to the bytes.
///
/// ```
/// use wsclose::{Close, CloseCode};
/// let payload = Close::new(CloseCode::new(4000), "")?.encode();
/// assert_eq!(payload.as_ref(), [0x0f, 0xa0]);
/// # Ok::<(), wsclose::PayloadError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClosePayload {
    bytes: [u8; MAX_CLOSE_PAYLOAD],
    len: u8,
}

impl Deref for ClosePayload {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }
}

impl AsRef<[u8]> for ClosePayload {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl fmt::Debug for ClosePayload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ClosePayload").field(&&**self).finish()
    }
}

/// Decodes a Close frame payload, applying every rule of RFC 6455.
///
/// - empty: code 1005 with an empty reason, which is what the application is told;
/// - 1 byte, over 125 bytes, or a code that may not be sent: error, answer with 1002;
/// - a reason that is not UTF-8: error, answer with 1007.
///
/// No copy and no allocation: the reason borrows from `payload`.
///
/// ```
/// use wsclose::{parse_close_payload, CloseCode, PayloadErrorKind};
/// assert_eq!(parse_close_payload(b"")?.code(), CloseCode::NO_STATUS_RECEIVED);
/// let err = parse_close_payload(b"\x03\xe8\xff").unwrap_err();
/// assert_eq!(err.kind(), PayloadErrorKind::InvalidUtf8);
/// assert_eq!(err.close_code(), Some(CloseCode::INVALID_PAYLOAD_DATA));
/// # Ok::<(), wsclose::PayloadError>(())
/// ```
pub const fn parse_close_payload(payload: &[u8]) -> Result<Close<'_>, PayloadError> {
    match payload {
        [] => Ok(Close {
            code: CloseCode::NO_STATUS_RECEIVED,
            reason: "",
        }),
        [_] => Err(PayloadError::new(PayloadErrorKind::OneByte, 1)),
        _ if payload.len() > MAX_CLOSE_PAYLOAD => {
            Err(PayloadError::new(PayloadErrorKind::TooLong, payload.len()))
        }
        [high, low, reason @ ..] => {
            let code = CloseCode::new(u16::from_be_bytes([*high, *low]));
            if !code.is_sendable() {
                return Err(PayloadError::with_code(PayloadErrorKind::InvalidCode, 0, code));
            }
            match core::str::from_utf8(reason) {
                Ok(reason) => Ok(Close { code, reason }),
                Err(err) => Err(PayloadError::with_code(
                    PayloadErrorKind::InvalidUtf8,
                    err.valid_up_to(),
                    code,
                )),
            }
        }
    }
}

/// Encodes `code` and the reason bytes into `out` and returns the number of bytes written.
///
/// This is the one encoder every binding calls. The checks run in a fixed order, the order in
/// which [`parse_close_payload`] would reject the payload it produces, so the same input gives
/// the same error everywhere:
///
/// 1. [`ReasonTooLong`](PayloadErrorKind::ReasonTooLong): more than 123 reason bytes;
/// 2. [`InvalidCode`](PayloadErrorKind::InvalidCode): `code` may not be sent;
/// 3. [`InvalidUtf8`](PayloadErrorKind::InvalidUtf8): the reason is not UTF-8;
/// 4. [`BufferTooSmall`](PayloadErrorKind::BufferTooSmall): `out` is shorter than
///    `2 + reason.len()`.
///
/// `out` is untouched on error.
///
/// ```
/// use wsclose::{encode_close_payload, CloseCode, PayloadErrorKind, MAX_CLOSE_PAYLOAD};
/// let mut buf = [0u8; MAX_CLOSE_PAYLOAD];
/// let n = encode_close_payload(CloseCode::new(4000), b"app", &mut buf)?;
/// assert_eq!(&buf[..n], b"\x0f\xa0app");
/// let err = encode_close_payload(CloseCode::ABNORMAL_CLOSURE, b"\xff", &mut buf).unwrap_err();
/// assert_eq!(err.kind(), PayloadErrorKind::InvalidCode); // the code is checked before UTF-8
/// # Ok::<(), wsclose::PayloadError>(())
/// ```
pub fn encode_close_payload(code: CloseCode, reason: &[u8], out: &mut [u8]) -> Result<usize, PayloadError> {
    if let Some(err) = check_code_and_len(code, reason.len()) {
        return Err(err);
    }
    if let Err(err) = core::str::from_utf8(reason) {
        return Err(PayloadError::with_code(
            PayloadErrorKind::InvalidUtf8,
            err.valid_up_to(),
            code,
        ));
    }
    let len = 2 + reason.len();
    let out = check_buffer(code, out, len)?;
    out[..2].copy_from_slice(&code.as_u16().to_be_bytes());
    out[2..].copy_from_slice(reason);
    Ok(len)
}

/// Encodes `code` and a reason given as UTF-16 code units (a JavaScript, Java or C# string)
/// into `out`, as UTF-8, and returns the number of bytes written.
///
/// Strict: a lone surrogate is [`InvalidUtf8`](PayloadErrorKind::InvalidUtf8), never replaced by
/// U+FFFD. The checks and their order are those of [`encode_close_payload`]; lengths and
/// [`valid_up_to`](PayloadError::valid_up_to) count the bytes of the reason's generalised UTF-8
/// form (WTF-8), where a lone surrogate takes 3 bytes, exactly as the bytes a Python
/// `str.encode("utf-8", "surrogatepass")` gives and [`encode_close_payload`] rejects.
///
/// ```
/// use wsclose::{encode_close_payload_utf16, CloseCode, PayloadErrorKind, MAX_CLOSE_PAYLOAD};
/// let mut buf = [0u8; MAX_CLOSE_PAYLOAD];
/// let reason: Vec<u16> = "caf\u{e9}".encode_utf16().collect();
/// let n = encode_close_payload_utf16(CloseCode::NORMAL_CLOSURE, &reason, &mut buf)?;
/// assert_eq!(&buf[..n], b"\x03\xe8caf\xc3\xa9");
/// let lone = [0x61, 0xd800, 0x62]; // "a\u{d800}b" in JavaScript
/// let err = encode_close_payload_utf16(CloseCode::NORMAL_CLOSURE, &lone, &mut buf).unwrap_err();
/// assert_eq!(err.kind(), PayloadErrorKind::InvalidUtf8);
/// assert_eq!(err.valid_up_to(), Some(1));
/// # Ok::<(), wsclose::PayloadError>(())
/// ```
pub fn encode_close_payload_utf16(
    code: CloseCode,
    reason: &[u16],
    out: &mut [u8],
) -> Result<usize, PayloadError> {
    // First pass: the length of the WTF-8 form and the offset of the first lone surrogate.
    let (reason_len, first_lone) = wtf8_len(reason);
    if let Some(err) = check_code_and_len(code, reason_len) {
        return Err(err);
    }
    if let Some(offset) = first_lone {
        return Err(PayloadError::with_code(
            PayloadErrorKind::InvalidUtf8,
            offset,
            code,
        ));
    }
    let len = 2 + reason_len;
    let out = check_buffer(code, out, len)?;
    out[..2].copy_from_slice(&code.as_u16().to_be_bytes());
    let mut at = 2;
    for ch in char::decode_utf16(reason.iter().copied()) {
        // No lone surrogate is left (checked above), so every item is a char.
        let ch = ch.unwrap_or(char::REPLACEMENT_CHARACTER);
        at += ch.encode_utf8(&mut out[at..]).len();
    }
    debug_assert_eq!(at, len);
    Ok(len)
}

/// The length of the generalised UTF-8 (WTF-8) form of UTF-16 code units, and the offset in
/// that form of the first lone surrogate, if any.
fn wtf8_len(units: &[u16]) -> (usize, Option<usize>) {
    let mut len = 0;
    let mut first_lone = None;
    let mut i = 0;
    while i < units.len() {
        let (width, step) = match units[i] {
            0..=0x7f => (1, 1),
            0x80..=0x7ff => (2, 1),
            0xd800..=0xdbff if matches!(units.get(i + 1), Some(0xdc00..=0xdfff)) => (4, 2),
            0xd800..=0xdfff => {
                first_lone.get_or_insert(len);
                (3, 1)
            }
            _ => (3, 1),
        };
        len += width;
        i += step;
    }
    (len, first_lone)
}

/// The first two checks of every encode, in their fixed order: reason length, then code.
const fn check_code_and_len(code: CloseCode, reason_len: usize) -> Option<PayloadError> {
    if reason_len > MAX_REASON_LEN {
        Some(PayloadError::with_code(
            PayloadErrorKind::ReasonTooLong,
            reason_len,
            code,
        ))
    } else if !code.is_sendable() {
        Some(PayloadError::with_code(PayloadErrorKind::InvalidCode, 0, code))
    } else {
        None
    }
}

/// The last check of every encode: `out` holds `len` bytes. Returns exactly that prefix.
fn check_buffer(code: CloseCode, out: &mut [u8], len: usize) -> Result<&mut [u8], PayloadError> {
    match out.get_mut(..len) {
        Some(out) => Ok(out),
        None => Err(PayloadError::with_code(
            PayloadErrorKind::BufferTooSmall,
            len,
            code,
        )),
    }
}

/// Writes a validated code and reason; `out` must hold `2 + reason.len()` bytes.
fn write_payload(code: CloseCode, reason: &str, out: &mut [u8]) -> usize {
    let len = 2 + reason.len();
    out[..2].copy_from_slice(&code.as_u16().to_be_bytes());
    out[2..len].copy_from_slice(reason.as_bytes());
    len
}

/// What was wrong with a Close payload.
///
/// The discriminants number the kinds in [`PayloadErrorKind::ALL`] order; the stable numbers
/// the C ABI returns are [`PayloadErrorKind::result_number`], which do not follow that order.
///
/// ```
/// use wsclose::{parse_close_payload, PayloadErrorKind};
/// assert_eq!(parse_close_payload(&[0x03]).unwrap_err().kind(), PayloadErrorKind::OneByte);
/// assert_eq!(PayloadErrorKind::OneByte as u8, 1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
#[non_exhaustive]
pub enum PayloadErrorKind {
    /// Exactly one byte: too short for a code, yet not empty.
    OneByte = 1,
    /// Longer than the 125 bytes a control frame may carry.
    TooLong = 2,
    /// The code may not appear on the wire (see [`CloseCode::is_sendable`]).
    InvalidCode = 3,
    /// The reason is not valid UTF-8.
    InvalidUtf8 = 4,
    /// Encoding only: the reason is longer than 123 bytes.
    ReasonTooLong = 5,
    /// Encoding only: the output buffer is shorter than the payload.
    BufferTooSmall = 6,
}

impl PayloadErrorKind {
    /// Every kind, in discriminant order.
    pub const ALL: [PayloadErrorKind; 6] = [
        PayloadErrorKind::OneByte,
        PayloadErrorKind::TooLong,
        PayloadErrorKind::InvalidCode,
        PayloadErrorKind::InvalidUtf8,
        PayloadErrorKind::ReasonTooLong,
        PayloadErrorKind::BufferTooSmall,
    ];

    /// The kind with discriminant `value`, or `None` for a number no kind has.
    ///
    /// ```
    /// use wsclose::PayloadErrorKind;
    /// assert_eq!(PayloadErrorKind::from_u8(4), Some(PayloadErrorKind::InvalidUtf8));
    /// assert_eq!(PayloadErrorKind::from_u8(0), None);
    /// ```
    #[must_use]
    pub const fn from_u8(value: u8) -> Option<PayloadErrorKind> {
        match value {
            1..=6 => Some(PayloadErrorKind::ALL[value as usize - 1]),
            _ => None,
        }
    }

    /// The code to close the connection with when a received payload has this defect: 1007 for
    /// bad UTF-8, 1002 for the framing and code errors, `None` for the kinds only encoding
    /// reports (nothing was received, so there is no one to answer).
    ///
    /// ```
    /// use wsclose::{CloseCode, PayloadErrorKind};
    /// assert_eq!(PayloadErrorKind::InvalidUtf8.close_code(), Some(CloseCode::INVALID_PAYLOAD_DATA));
    /// assert_eq!(PayloadErrorKind::ReasonTooLong.close_code(), None);
    /// ```
    #[must_use]
    pub const fn close_code(self) -> Option<CloseCode> {
        match self {
            PayloadErrorKind::InvalidUtf8 => Some(CloseCode::INVALID_PAYLOAD_DATA),
            PayloadErrorKind::OneByte | PayloadErrorKind::TooLong | PayloadErrorKind::InvalidCode => {
                Some(CloseCode::PROTOCOL_ERROR)
            }
            PayloadErrorKind::ReasonTooLong | PayloadErrorKind::BufferTooSmall => None,
        }
    }

    /// A fixed one-line message for this kind, the same in every language (bindings return it
    /// as their error message; [`PayloadError`]'s `Display` adds the details).
    ///
    /// ```
    /// use wsclose::PayloadErrorKind;
    /// assert_eq!(PayloadErrorKind::InvalidUtf8.message(), "close reason is not valid UTF-8");
    /// ```
    #[must_use]
    pub const fn message(self) -> &'static str {
        KIND_MESSAGES[self as usize - 1]
    }

    /// The kind's result number in the C ABI (`wsclose_result`) and in every binding built on
    /// it. Stable: each number is assigned once and never moves or gets reused. Payload errors
    /// take the block −101…−199 (the C ABI keeps −201… for its own argument errors and −901 for
    /// a caught panic); a kind added later takes the next free number in the block.
    ///
    /// ```
    /// use wsclose::PayloadErrorKind;
    /// assert_eq!(PayloadErrorKind::InvalidUtf8.result_number(), -104);
    /// assert_eq!(PayloadErrorKind::from_result_number(-104), Some(PayloadErrorKind::InvalidUtf8));
    /// ```
    #[must_use]
    pub const fn result_number(self) -> i32 {
        match self {
            PayloadErrorKind::OneByte => -101,
            PayloadErrorKind::TooLong => -102,
            PayloadErrorKind::InvalidCode => -103,
            PayloadErrorKind::InvalidUtf8 => -104,
            PayloadErrorKind::ReasonTooLong => -105,
            PayloadErrorKind::BufferTooSmall => -106,
        }
    }

    /// The kind whose [`result_number`](PayloadErrorKind::result_number) is `number`.
    ///
    /// ```
    /// use wsclose::PayloadErrorKind;
    /// assert_eq!(PayloadErrorKind::from_result_number(-1), None);
    /// ```
    #[must_use]
    pub const fn from_result_number(number: i32) -> Option<PayloadErrorKind> {
        let mut i = 0;
        while i < PayloadErrorKind::ALL.len() {
            if PayloadErrorKind::ALL[i].result_number() == number {
                return Some(PayloadErrorKind::ALL[i]);
            }
            i += 1;
        }
        None
    }

    /// Whether an error of this kind carries the status code (see [`PayloadError::code`]):
    /// every kind but the two framing errors, where parsing stops before reading the code.
    ///
    /// ```
    /// use wsclose::PayloadErrorKind;
    /// assert!(!PayloadErrorKind::OneByte.carries_code());
    /// assert!(PayloadErrorKind::InvalidUtf8.carries_code());
    /// ```
    #[must_use]
    pub const fn carries_code(self) -> bool {
        !matches!(self, PayloadErrorKind::OneByte | PayloadErrorKind::TooLong)
    }

    /// The identifier used in other languages and in the golden vectors, e.g. `"INVALID_UTF8"`.
    ///
    /// ```
    /// use wsclose::PayloadErrorKind;
    /// assert_eq!(PayloadErrorKind::TooLong.const_name(), "TOO_LONG");
    /// ```
    #[must_use]
    pub const fn const_name(self) -> &'static str {
        match self {
            PayloadErrorKind::OneByte => "ONE_BYTE",
            PayloadErrorKind::TooLong => "TOO_LONG",
            PayloadErrorKind::InvalidCode => "INVALID_CODE",
            PayloadErrorKind::InvalidUtf8 => "INVALID_UTF8",
            PayloadErrorKind::ReasonTooLong => "REASON_TOO_LONG",
            PayloadErrorKind::BufferTooSmall => "BUFFER_TOO_SMALL",
        }
    }
}

/// The messages of the kinds, in discriminant order.
const KIND_MESSAGES: [&str; 6] = [
    "close payload is 1 byte long; a status code needs 2",
    "close payload is longer than the 125 bytes a control frame may carry",
    "close code may not be sent on the wire",
    "close reason is not valid UTF-8",
    "close reason is longer than the 123 bytes that fit in a Close frame",
    "output buffer is too small for the close payload",
];

/// A Close payload that breaks the protocol, or one that cannot be encoded.
///
/// [`close_code`](PayloadError::close_code) is the code to answer the peer with, and
/// [`code`](PayloadError::code) the status code the payload carried (or was to carry).
///
/// ```
/// use wsclose::{parse_close_payload, CloseCode};
/// let err = parse_close_payload(b"\x03\xed").unwrap_err(); // 1005 may not be sent
/// assert_eq!(err.close_code(), Some(CloseCode::PROTOCOL_ERROR));
/// assert_eq!(err.code(), Some(CloseCode::NO_STATUS_RECEIVED));
/// assert_eq!(err.to_string(), "close code 1005 No Status Received may not be sent on the wire");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PayloadError {
    kind: PayloadErrorKind,
    // A length or a byte offset, depending on `kind`.
    detail: usize,
    // The status code the payload carried or was to carry, when there was one.
    code: Option<CloseCode>,
}

impl PayloadError {
    const fn new(kind: PayloadErrorKind, detail: usize) -> PayloadError {
        PayloadError {
            kind,
            detail,
            code: None,
        }
    }

    const fn with_code(kind: PayloadErrorKind, detail: usize, code: CloseCode) -> PayloadError {
        PayloadError {
            kind,
            detail,
            code: Some(code),
        }
    }

    /// Which rule was broken.
    ///
    /// ```
    /// use wsclose::{parse_close_payload, PayloadErrorKind};
    /// let err = parse_close_payload(&[0u8; 126]).unwrap_err();
    /// assert_eq!(err.kind(), PayloadErrorKind::TooLong);
    /// ```
    #[must_use]
    pub const fn kind(&self) -> PayloadErrorKind {
        self.kind
    }

    /// The code to close the connection with when a received payload has this defect: 1007 for
    /// a reason that is not UTF-8, 1002 (Protocol Error) for the framing and code errors, `None`
    /// for the kinds only encoding reports. A function of [`kind`](PayloadError::kind) alone
    /// (see [`PayloadErrorKind::close_code`]), so every language and the C result numbers agree.
    ///
    /// ```
    /// use wsclose::{encode_close_payload, parse_close_payload, CloseCode};
    /// let err = parse_close_payload(b"\x03\xe8\xc0\x80").unwrap_err(); // overlong UTF-8
    /// assert_eq!(err.close_code(), Some(CloseCode::INVALID_PAYLOAD_DATA));
    /// let err = encode_close_payload(CloseCode::NORMAL_CLOSURE, &[b'x'; 124], &mut []).unwrap_err();
    /// assert_eq!(err.close_code(), None); // reason too long: nothing was received
    /// ```
    #[must_use]
    pub const fn close_code(&self) -> Option<CloseCode> {
        self.kind.close_code()
    }

    /// The status code the payload carried (parsing) or was to carry (encoding); `None` when
    /// parsing stopped before the code was read (a 1-byte or an over-long payload).
    ///
    /// ```
    /// use wsclose::{parse_close_payload, CloseCode};
    /// let err = parse_close_payload(&[0x13, 0x88]).unwrap_err();
    /// assert_eq!(err.code(), Some(CloseCode::new(5000)));
    /// assert_eq!(parse_close_payload(&[0x13]).unwrap_err().code(), None);
    /// ```
    #[must_use]
    pub const fn code(&self) -> Option<CloseCode> {
        self.code
    }

    /// The fixed message of this error's kind ([`PayloadErrorKind::message`]); `Display` adds
    /// the details.
    ///
    /// ```
    /// use wsclose::parse_close_payload;
    /// let err = parse_close_payload(&[0x03]).unwrap_err();
    /// assert_eq!(err.message(), "close payload is 1 byte long; a status code needs 2");
    /// ```
    #[must_use]
    pub const fn message(&self) -> &'static str {
        self.kind.message()
    }

    /// For [`PayloadErrorKind::BufferTooSmall`], the number of bytes the payload needs.
    ///
    /// ```
    /// use wsclose::{encode_close_payload, CloseCode};
    /// let err = encode_close_payload(CloseCode::NORMAL_CLOSURE, b"bye", &mut [0u8; 4]).unwrap_err();
    /// assert_eq!(err.needed_len(), Some(5));
    /// ```
    #[must_use]
    pub const fn needed_len(&self) -> Option<usize> {
        match self.kind {
            PayloadErrorKind::BufferTooSmall => Some(self.detail),
            _ => None,
        }
    }

    /// For [`PayloadErrorKind::InvalidUtf8`], how many leading bytes of the reason are valid.
    ///
    /// ```
    /// use wsclose::parse_close_payload;
    /// let err = parse_close_payload(b"\x03\xe8ok\xff").unwrap_err();
    /// assert_eq!(err.valid_up_to(), Some(2));
    /// ```
    #[must_use]
    pub const fn valid_up_to(&self) -> Option<usize> {
        match self.kind {
            PayloadErrorKind::InvalidUtf8 => Some(self.detail),
            _ => None,
        }
    }
}

impl fmt::Display for PayloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.detail;
        match (self.kind, self.code) {
            (PayloadErrorKind::TooLong, _) => write!(
                f,
                "close payload is {n} bytes long; control frames carry at most {MAX_CLOSE_PAYLOAD}"
            ),
            (PayloadErrorKind::InvalidCode, Some(code)) => {
                write!(f, "close code {code} may not be sent on the wire")
            }
            (PayloadErrorKind::InvalidUtf8, _) => write!(
                f,
                "close reason is not valid UTF-8 (first bad byte at offset {n} of the reason)"
            ),
            (PayloadErrorKind::ReasonTooLong, _) => write!(
                f,
                "close reason is {n} bytes long; at most {MAX_REASON_LEN} fit in a Close frame"
            ),
            (PayloadErrorKind::BufferTooSmall, _) => {
                write!(f, "output buffer is too small: the payload needs {n} bytes")
            }
            (kind, _) => f.write_str(kind.message()),
        }
    }
}

impl core::error::Error for PayloadError {}
