//! `explain`: why a connection may have closed with a given code, and what to check.
//!
//! A page or client sees a number; the causes behind it are few and well known, but each stack
//! hides them differently. 1006 alone means a dropped TCP link, a proxy's idle timeout, a
//! Close frame the browser rejected, or a failed TLS or HTTP handshake. [`explain`] lists the
//! likely causes of a close as the receiving application saw it, each with what to check.

use core::fmt;

use crate::category::Category;
use crate::code::CloseCode;

/// One likely cause of a close. The end-to-end tests reproduce each one against real browsers
/// and check that [`explain`] lists it for what the page saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
#[non_exhaustive]
pub enum Cause {
    /// The TCP connection ended without a closing handshake: the peer process died, the
    /// network went away, or the peer closed the socket without sending a Close frame.
    ConnectionDropped = 0,
    /// A proxy or load balancer between the two ends closed an idle connection.
    IdleTimeout = 1,
    /// The peer's Close frame broke the protocol (a 1-byte payload, a reason that is not
    /// UTF-8, a payload over 125 bytes, or a code that may not be sent), so the receiving
    /// stack failed the connection instead of finishing the handshake.
    MalformedClose = 2,
    /// The TLS handshake failed (certificate not trusted, name mismatch, protocol versions).
    TlsHandshake = 3,
    /// The HTTP upgrade was refused or never answered (wrong path, 4xx/5xx, no
    /// `Sec-WebSocket-Accept`, a proxy that does not pass `Upgrade`).
    HandshakeRejected = 4,
    /// The peer put a code on the wire that only an endpoint may report locally (1005, 1006,
    /// 1015); some receivers pass it through as if it were a real close code.
    LocalOnlyCodeSent = 5,
    /// The peer sent a Close frame with no status code at all (an empty payload).
    NoStatusCode = 6,
    /// The peer sent a code outside every range the protocol allows on the wire (0–999,
    /// 1004, 1016–2999, 5000 and above); browsers still hand it to the page.
    InvalidCodeSent = 7,
    /// The peer closed on purpose with this code; its meaning is the code's own.
    PeerClosed = 8,
}

impl Cause {
    /// Every cause, in discriminant order.
    pub const ALL: [Cause; 9] = [
        Cause::ConnectionDropped,
        Cause::IdleTimeout,
        Cause::MalformedClose,
        Cause::TlsHandshake,
        Cause::HandshakeRejected,
        Cause::LocalOnlyCodeSent,
        Cause::NoStatusCode,
        Cause::InvalidCodeSent,
        Cause::PeerClosed,
    ];

    /// The identifier used in other languages, e.g. `"IDLE_TIMEOUT"`.
    ///
    /// ```
    /// assert_eq!(wsclose::Cause::TlsHandshake.const_name(), "TLS_HANDSHAKE");
    /// ```
    #[must_use]
    pub const fn const_name(self) -> &'static str {
        TEXT[self as usize].0
    }

    /// What happened, in a sentence.
    ///
    /// ```
    /// assert!(wsclose::Cause::IdleTimeout.summary().contains("load balancer"));
    /// ```
    #[must_use]
    pub const fn summary(self) -> &'static str {
        TEXT[self as usize].1
    }

    /// What to check to confirm or rule out this cause.
    ///
    /// ```
    /// assert!(wsclose::Cause::IdleTimeout.check().contains("ping"));
    /// ```
    #[must_use]
    pub const fn check(self) -> &'static str {
        TEXT[self as usize].2
    }
}

impl Cause {
    /// The cause with discriminant `value`.
    ///
    /// ```
    /// assert_eq!(wsclose::Cause::from_u8(1), Some(wsclose::Cause::IdleTimeout));
    /// ```
    #[must_use]
    pub const fn from_u8(value: u8) -> Option<Cause> {
        if (value as usize) < Cause::ALL.len() {
            Some(Cause::ALL[value as usize])
        } else {
            None
        }
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.summary())
    }
}

type Text = &'static str;

const TEXT: [(Text, Text, Text); 9] = [
    (
        "CONNECTION_DROPPED",
        "The TCP connection ended without a closing handshake: the other side crashed or was killed, the network path went away, or the other side closed its socket without sending a Close frame.",
        "Look at the other side's logs and process restarts around that time; compare with network errors (resets, timeouts) on both hosts; make sure servers send a Close frame before they exit.",
    ),
    (
        "IDLE_TIMEOUT",
        "A proxy or load balancer between the two ends closed a connection that carried no traffic for a while.",
        "Compare how long the connection lived with the idle timeout of every proxy and load balancer on the path (often 60 s); send pings or application heartbeats more often than that.",
    ),
    (
        "MALFORMED_CLOSE",
        "The other side's Close frame broke the protocol (a 1-byte payload, a reason that is not UTF-8, more than 125 bytes, or a code that may not be sent), so the receiver failed the connection instead of finishing the closing handshake.",
        "Capture the Close frame the server sends (or check its close code and reason against wsclose's parse_close_payload); Chromium reports such a close as 1006 and answers 1002.",
    ),
    (
        "TLS_HANDSHAKE",
        "The TLS handshake failed before the WebSocket opened: the certificate is not trusted or does not match the host name, or the two ends share no protocol version or cipher.",
        "Open the same wss:// URL with curl or openssl s_client and read the certificate chain and the error; check the clock, the host name and intermediate certificates.",
    ),
    (
        "HANDSHAKE_REJECTED",
        "The HTTP upgrade to WebSocket was refused or never answered: wrong path, an HTTP error status, a missing Sec-WebSocket-Accept, or a proxy that strips the Upgrade header.",
        "Look at the HTTP status of the upgrade request (the browser's network panel, or the server's access log); check the path, authentication and the proxy's WebSocket support.",
    ),
    (
        "LOCAL_ONLY_CODE_SENT",
        "The other side put 1005, 1006 or 1015 in a Close frame, codes that an endpoint may only report locally; some receivers hand them on as if they were real close codes.",
        "Find where the server chooses its close code; it must send a code it may send (1000 for a normal close), never 1005, 1006 or 1015.",
    ),
    (
        "NO_STATUS_CODE",
        "The other side sent a Close frame with an empty payload, so there is no status code to report.",
        "This is a normal way to close; if you expected a code, make the other side send one. In Firefox a 1-byte payload is reported the same way.",
    ),
    (
        "INVALID_CODE_SENT",
        "The other side sent a code that may not appear on the wire (0–999, 1004, 1016–2999, or 5000 and above); browsers still hand it to the page as a clean close.",
        "Find where the server chooses this code; applications should use 4000–4999 (private) or a registered 3000–3999 code.",
    ),
    (
        "PEER_CLOSED",
        "The other side closed the connection on purpose with this code.",
        "Read the code's meaning and the close reason; for 3000–4999 the application protocol (its profile) defines what it means and whether to reconnect.",
    ),
];

/// The likely causes of a close as the receiving application saw it.
///
/// ```
/// use wsclose::{explain, Cause, CloseCode};
/// let why = explain(CloseCode::ABNORMAL_CLOSURE, Some(false));
/// assert!(why.causes().contains(&Cause::IdleTimeout));
/// assert!(why.causes().contains(&Cause::MalformedClose));
/// assert_eq!(explain(CloseCode::new(4000), Some(true)).causes(), [Cause::PeerClosed]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Explanation {
    code: CloseCode,
    was_clean: Option<bool>,
    causes: &'static [Cause],
}

impl Explanation {
    /// The code that was explained.
    #[must_use]
    pub const fn code(&self) -> CloseCode {
        self.code
    }

    /// Whether the close was clean, as given to [`explain`] (`None`: not known).
    #[must_use]
    pub const fn was_clean(&self) -> Option<bool> {
        self.was_clean
    }

    /// The likely causes, most likely first; never empty.
    #[must_use]
    pub const fn causes(&self) -> &'static [Cause] {
        self.causes
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {}", self.code, self.code.description())?;
        for (i, cause) in self.causes.iter().enumerate() {
            writeln!(f, "{}. {}\n   Check: {}", i + 1, cause.summary(), cause.check())?;
        }
        Ok(())
    }
}

/// The likely causes of a close with `code`, as the receiving application (a page's
/// `CloseEvent`, a client library) reported it; `was_clean` is `CloseEvent.wasClean` when known.
///
/// - 1006 unclean: a dropped connection, a proxy's idle timeout, a malformed Close from the
///   server (Chromium), a failed TLS or HTTP handshake. 1006 clean: the server sent 1006
///   (Firefox passes it through).
/// - 1005: the server sent an empty Close (or, in Firefox, a 1-byte payload).
/// - 1015: a TLS failure, or a server that sent 1015.
/// - a code that may not be sent (0–999, 1004, 1016–2999, ≥ 5000): the server sent it anyway.
/// - any other code: the peer closed with it on purpose.
///
/// ```
/// use wsclose::{explain, Cause, CloseCode};
/// assert_eq!(explain(CloseCode::ABNORMAL_CLOSURE, Some(true)).causes(), [Cause::LocalOnlyCodeSent]);
/// assert_eq!(explain(CloseCode::new(1004), None).causes(), [Cause::InvalidCodeSent]);
/// ```
#[must_use]
pub const fn explain(code: CloseCode, was_clean: Option<bool>) -> Explanation {
    use Cause::*;
    const UNCLEAN_1006: &[Cause] = &[
        ConnectionDropped,
        IdleTimeout,
        MalformedClose,
        TlsHandshake,
        HandshakeRejected,
    ];
    const ANY_1006: &[Cause] = &[
        ConnectionDropped,
        IdleTimeout,
        MalformedClose,
        TlsHandshake,
        HandshakeRejected,
        LocalOnlyCodeSent,
    ];
    let causes: &'static [Cause] = match (code.as_u16(), was_clean) {
        (1006, Some(false)) => UNCLEAN_1006,
        (1006, Some(true)) => &[LocalOnlyCodeSent],
        (1006, None) => ANY_1006,
        (1005, _) => &[NoStatusCode, MalformedClose, LocalOnlyCodeSent],
        (1015, Some(true)) => &[LocalOnlyCodeSent],
        (1015, _) => &[TlsHandshake, LocalOnlyCodeSent],
        _ if !code.is_sendable() => &[InvalidCodeSent],
        _ => match code.category() {
            Category::Standard | Category::Registered | Category::Private => &[PeerClosed],
            // Every code outside those categories is not sendable (handled above).
            _ => &[InvalidCodeSent],
        },
    };
    Explanation {
        code,
        was_clean,
        causes,
    }
}
