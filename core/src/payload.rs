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
    /// A Close to send: `code` must be sendable and `reason` at most 123 bytes.
    ///
    /// ```
    /// use wsclose::{Close, CloseCode, PayloadErrorKind};
    /// assert!(Close::new(CloseCode::NORMAL_CLOSURE, "done").is_ok());
    /// let err = Close::new(CloseCode::ABNORMAL_CLOSURE, "").unwrap_err();
    /// assert_eq!(err.kind(), PayloadErrorKind::InvalidCode);
    /// ```
    pub const fn new(code: CloseCode, reason: &'a str) -> Result<Close<'a>, PayloadError> {
        if !code.is_sendable() {
            return Err(PayloadError::new(
                PayloadErrorKind::InvalidCode,
                code.as_u16() as usize,
            ));
        }
        if reason.len() > MAX_REASON_LEN {
            return Err(PayloadError::new(PayloadErrorKind::ReasonTooLong, reason.len()));
        }
        Ok(Close { code, reason })
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
/// assert_eq!(err.close_code(), CloseCode::INVALID_PAYLOAD_DATA);
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
                return Err(PayloadError::new(
                    PayloadErrorKind::InvalidCode,
                    code.as_u16() as usize,
                ));
            }
            match core::str::from_utf8(reason) {
                Ok(reason) => Ok(Close { code, reason }),
                Err(err) => Err(PayloadError::new(
                    PayloadErrorKind::InvalidUtf8,
                    err.valid_up_to(),
                )),
            }
        }
    }
}

/// Encodes `code` and `reason` into `out` and returns the number of bytes written.
///
/// Refuses codes that may not be sent, reasons over 123 bytes and an `out` shorter than
/// `2 + reason.len()`; `out` is untouched on error.
///
/// ```
/// use wsclose::{encode_close_payload, CloseCode, MAX_CLOSE_PAYLOAD};
/// let mut buf = [0u8; MAX_CLOSE_PAYLOAD];
/// let n = encode_close_payload(CloseCode::new(4000), "app", &mut buf)?;
/// assert_eq!(&buf[..n], b"\x0f\xa0app");
/// # Ok::<(), wsclose::PayloadError>(())
/// ```
pub fn encode_close_payload(code: CloseCode, reason: &str, out: &mut [u8]) -> Result<usize, PayloadError> {
    let close = Close::new(code, reason)?;
    let needed = 2 + reason.len();
    if out.len() < needed {
        return Err(PayloadError::new(PayloadErrorKind::BufferTooSmall, needed));
    }
    Ok(write_payload(close.code, close.reason, out))
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
/// The discriminants are part of the ABI: the C API returns them as negative result codes.
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

/// A Close payload that breaks the protocol, or one that cannot be encoded.
///
/// [`close_code`](PayloadError::close_code) is the code to answer the peer with.
///
/// ```
/// use wsclose::{parse_close_payload, CloseCode};
/// let err = parse_close_payload(b"\x03\xed").unwrap_err(); // 1005 may not be sent
/// assert_eq!(err.close_code(), CloseCode::PROTOCOL_ERROR);
/// assert_eq!(err.to_string(), "close code 1005 No Status Received may not be sent on the wire");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PayloadError {
    kind: PayloadErrorKind,
    // A length, a code or a byte offset, depending on `kind`.
    detail: usize,
}

impl PayloadError {
    const fn new(kind: PayloadErrorKind, detail: usize) -> PayloadError {
        PayloadError { kind, detail }
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

    /// The code to close the connection with: 1007 for a reason that is not UTF-8, 1002
    /// (Protocol Error) for everything else (see [`PayloadErrorKind::close_code`]).
    ///
    /// ```
    /// use wsclose::{parse_close_payload, CloseCode};
    /// let err = parse_close_payload(b"\x03\xe8\xc0\x80").unwrap_err(); // overlong UTF-8
    /// assert_eq!(err.close_code(), CloseCode::INVALID_PAYLOAD_DATA);
    /// ```
    #[must_use]
    pub const fn close_code(&self) -> CloseCode {
        match self.kind.close_code() {
            Some(code) => code,
            None => CloseCode::PROTOCOL_ERROR,
        }
    }

    /// For [`PayloadErrorKind::BufferTooSmall`], the number of bytes the payload needs.
    ///
    /// ```
    /// use wsclose::{encode_close_payload, CloseCode};
    /// let err = encode_close_payload(CloseCode::NORMAL_CLOSURE, "bye", &mut [0u8; 4]).unwrap_err();
    /// assert_eq!(err.needed_len(), Some(5));
    /// ```
    #[must_use]
    pub const fn needed_len(&self) -> Option<usize> {
        match self.kind {
            PayloadErrorKind::BufferTooSmall => Some(self.detail),
            _ => None,
        }
    }

    /// The offending code, for [`PayloadErrorKind::InvalidCode`].
    ///
    /// ```
    /// use wsclose::{parse_close_payload, CloseCode};
    /// let err = parse_close_payload(&[0x13, 0x88]).unwrap_err();
    /// assert_eq!(err.invalid_code(), Some(CloseCode::new(5000)));
    /// ```
    #[must_use]
    pub const fn invalid_code(&self) -> Option<CloseCode> {
        match self.kind {
            PayloadErrorKind::InvalidCode => Some(CloseCode::new(self.detail as u16)),
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
        match self.kind {
            PayloadErrorKind::OneByte => f.write_str("close payload is 1 byte long; a status code needs 2"),
            PayloadErrorKind::TooLong => {
                write!(
                    f,
                    "close payload is {n} bytes long; control frames carry at most {MAX_CLOSE_PAYLOAD}"
                )
            }
            PayloadErrorKind::InvalidCode => {
                write!(
                    f,
                    "close code {} may not be sent on the wire",
                    CloseCode::new(n as u16)
                )
            }
            PayloadErrorKind::InvalidUtf8 => {
                write!(
                    f,
                    "close reason is not valid UTF-8 (first bad byte at offset {n} of the reason)"
                )
            }
            PayloadErrorKind::ReasonTooLong => {
                write!(
                    f,
                    "close reason is {n} bytes long; at most {MAX_REASON_LEN} fit in a Close frame"
                )
            }
            PayloadErrorKind::BufferTooSmall => {
                write!(f, "output buffer is too small: the payload needs {n} bytes")
            }
        }
    }
}

impl core::error::Error for PayloadError {}
