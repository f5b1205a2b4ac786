//! WebSocket close status codes, all 65,536 of them.
//!
//! A Close frame carries a 16-bit code (RFC 6455 §7.4, the IANA "WebSocket Close Code Number
//! Registry" and the WHATWG `CloseEvent.code` rules). This crate says what any such code means
//! and what may be done with it, and parses and builds Close frame payloads.
//!
//! | range       | [`Category`]              | on the wire              |
//! |-------------|---------------------------|--------------------------|
//! | 0–999       | [`Category::Unused`]      | never                    |
//! | 1000–1015   | [`Category::Standard`]    | all but 1004, 1005, 1006, 1015 |
//! | 1016–2999   | [`Category::Reserved`]    | never                    |
//! | 3000–3999   | [`Category::Registered`]  | yes                      |
//! | 4000–4999   | [`Category::Private`]     | yes                      |
//! | 5000–65535  | [`Category::OutOfRange`]  | never                    |
//!
//! ```
//! use wsclose::{classify, parse_close_payload, Category, CloseCode, Reconnect};
//!
//! assert_eq!(classify(4000), Category::Private);
//!
//! let close = parse_close_payload(b"\x03\xf5overloaded")?;
//! assert_eq!(close.code(), CloseCode::TRY_AGAIN_LATER);
//! assert_eq!(close.code().reconnect(), Reconnect::Backoff);
//! # Ok::<(), wsclose::PayloadError>(())
//! ```
//!
//! [`Engine`] models what a web page sees when a WebSocket closes in Chromium and Firefox, and
//! what their `WebSocket.close(code, reason)` sends or throws (measured; see `docs/browser.md`).
//!
//! `no_std`, no `unsafe`, no dependencies. The `std` feature is accepted for compatibility and
//! changes nothing: the error types implement `core::error::Error`. The `tungstenite` feature
//! (off by default) adds the module `interop::tungstenite`: `From`/`TryFrom` conversions between
//! this crate's `CloseCode` and `Close` and tungstenite's `CloseCode`, `CloseFrame` and
//! `Message`, the frames checked by the core's rules; it depends on tungstenite (without its
//! default features), which needs `std`.
#![no_std]
#![forbid(unsafe_code)]

mod browser;
mod bulk;
mod category;
mod code;
mod explain;
mod intent;
#[cfg(feature = "tungstenite")]
pub mod interop;
mod payload;
mod policy;
mod profile;
mod stats;

pub use browser::{CloseEvent, DomException, Engine, Received, Reply, SentClose};
pub use bulk::{classify_many, facts_many, Fact, LengthMismatch};
pub use category::{classify, Category, Reconnect};
pub use code::{CloseCode, CodeInfo};
pub use explain::{explain, Cause, Explanation};
pub use intent::{Intent, IntentMismatch, IntentRange, IntentRanges};
pub use payload::{
    encode_close_payload, encode_close_payload_utf16, parse_close_payload, Close, ClosePayload, PayloadError,
    PayloadErrorKind, MAX_CLOSE_PAYLOAD, MAX_REASON_LEN,
};
pub use policy::{Decision, OverridesFull, ReconnectPolicy};
pub use profile::{Advice, Profile, ProfileCode, ProfileRange};
pub use stats::{
    parse_code, BadRecord, BadRecordKind, CodeSink, LogError, LogFormat, LogParser, MAX_FIELD_NAME_LEN,
    MAX_JSON_DEPTH, MAX_LINE_LEN,
};

/// The Rust example in the README, compiled and run by `cargo test --doc`.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeExample;
