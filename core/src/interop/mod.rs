//! Conversions to and from the types of other WebSocket crates, each behind a feature of the
//! same name. Conversion only: every check is the core's.

#[cfg(feature = "tungstenite")]
pub mod tungstenite;
