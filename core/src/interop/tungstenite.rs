//! [`tungstenite`] (feature `tungstenite`): its `CloseCode` and `CloseFrame` to and from
//! wsclose's [`CloseCode`] and [`Close`].
//!
//! - `CloseCode` both ways with [`From`]: both are every `u16`, so no value is lost.
//! - a received `CloseFrame` to a [`Close`] with [`TryFrom`], checked by [`Close::new`]'s rules
//!   (a code that may be sent, a reason of at most 123 bytes); tungstenite hands an empty Close
//!   payload over as `None`, which [`close_from_message`] reads as 1005, as
//!   [`parse_close_payload`] does.
//! - a [`Close`] to what tungstenite sends: `Option<CloseFrame>` (or a `Message`), `None` for a
//!   [`Close`] parsed from an empty payload (1005, never sent as a code).
//!
//! ```
//! use tungstenite::protocol::frame::coding::CloseCode as TCode;
//! use tungstenite::protocol::CloseFrame;
//! use wsclose::{Close, CloseCode, PayloadErrorKind};
//!
//! assert_eq!(CloseCode::from(TCode::Away), CloseCode::GOING_AWAY);
//! assert_eq!(TCode::from(CloseCode::new(4000)), TCode::Library(4000));
//!
//! let frame = CloseFrame { code: TCode::Again, reason: "overloaded".into() };
//! let close = Close::try_from(&frame)?;
//! assert_eq!((close.code(), close.reason()), (CloseCode::TRY_AGAIN_LATER, "overloaded"));
//!
//! let bad = CloseFrame { code: TCode::Abnormal, reason: "".into() };
//! assert_eq!(Close::try_from(&bad).unwrap_err().kind(), PayloadErrorKind::InvalidCode);
//!
//! let frame: Option<CloseFrame> = Close::new(CloseCode::GOING_AWAY, "bye")?.into();
//! assert_eq!(frame, Some(CloseFrame { code: TCode::Away, reason: "bye".into() }));
//! # Ok::<(), wsclose::PayloadError>(())
//! ```

use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
use tungstenite::protocol::CloseFrame;
use tungstenite::Message;

use crate::{parse_close_payload, Close, CloseCode, PayloadError};

impl From<TungsteniteCode> for CloseCode {
    fn from(code: TungsteniteCode) -> CloseCode {
        CloseCode::new(u16::from(code))
    }
}

impl From<CloseCode> for TungsteniteCode {
    fn from(code: CloseCode) -> TungsteniteCode {
        TungsteniteCode::from(code.as_u16())
    }
}

/// A received frame as a [`Close`], by the rules of [`Close::new`]: a code that may be sent (not
/// 1005, 1006, 1015, nor one outside 1000–1014 and 3000–4999) and a reason of at most 123 bytes.
impl<'a> TryFrom<&'a CloseFrame> for Close<'a> {
    type Error = PayloadError;

    fn try_from(frame: &'a CloseFrame) -> Result<Close<'a>, PayloadError> {
        Close::new(CloseCode::from(frame.code), frame.reason.as_str())
    }
}

/// What tungstenite sends for `close`: `None` (an empty payload) for 1005, else the frame.
impl From<Close<'_>> for Option<CloseFrame> {
    fn from(close: Close<'_>) -> Option<CloseFrame> {
        if close.code() == CloseCode::NO_STATUS_RECEIVED {
            return None;
        }
        Some(CloseFrame {
            code: close.code().into(),
            reason: close.reason().into(),
        })
    }
}

/// The `Message::Close` that sends `close`.
impl From<Close<'_>> for Message {
    fn from(close: Close<'_>) -> Message {
        Message::Close(close.into())
    }
}

/// The [`Close`] tungstenite received as `Message::Close(frame)`: 1005 with no reason for
/// `None` (an empty payload), else the frame checked as [`TryFrom<&CloseFrame>`] does.
///
/// ```
/// use wsclose::interop::tungstenite::close_from_message;
/// use wsclose::CloseCode;
/// assert_eq!(close_from_message(None)?.code(), CloseCode::NO_STATUS_RECEIVED);
/// # Ok::<(), wsclose::PayloadError>(())
/// ```
pub fn close_from_message(frame: Option<&CloseFrame>) -> Result<Close<'_>, PayloadError> {
    match frame {
        None => parse_close_payload(b""),
        Some(frame) => Close::try_from(frame),
    }
}
