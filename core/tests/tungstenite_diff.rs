//! Differential tests against tungstenite, the Rust peer most users would otherwise pick.
//!
//! Where wsclose deliberately differs, the difference is listed in `KNOWN_DIFFERENCES` with the
//! reason; every other code must agree.

use std::io::{self, Cursor, Read, Write};

use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
use tungstenite::protocol::{Role, WebSocket};
use tungstenite::{Error, Message};
use wsclose::{parse_close_payload, CloseCode};

/// 1014 Bad Gateway was added to the IANA registry after RFC 6455; tungstenite's table stops at
/// 1013 and files 1014 under "bad". wsclose follows the registry (as do Python websockets, Node ws,
/// Boost.Beast and Jetty).
const KNOWN_DIFFERENCES: [u16; 1] = [1014];

#[test]
fn wire_validity_of_every_code() {
    let mut differences = Vec::new();
    for value in 0..=u16::MAX {
        let ours = CloseCode::new(value).is_sendable();
        let theirs = TungsteniteCode::from(value).is_allowed();
        if ours != theirs {
            differences.push(value);
        }
    }
    assert_eq!(
        differences, KNOWN_DIFFERENCES,
        "codes where wsclose and tungstenite disagree"
    );
    assert!(CloseCode::new(1014).is_sendable() && !TungsteniteCode::from(1014).is_allowed());
}

/// A server-side tungstenite socket reading one masked Close frame from memory.
struct Loopback {
    input: Cursor<Vec<u8>>,
}

impl Read for Loopback {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.input.read(buf)
    }
}

impl Write for Loopback {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// What tungstenite makes of a Close frame with this payload: `Ok(Some((code, reason)))`,
/// `Ok(None)` for an empty payload, or `Err` when it rejects the frame.
fn tungstenite_reads(payload: &[u8]) -> Result<Option<(u16, String)>, String> {
    let mask = [0x37, 0xfa, 0x21, 0x3d];
    let mut frame = vec![0x88, 0x80 | payload.len() as u8];
    frame.extend_from_slice(&mask);
    frame.extend(payload.iter().enumerate().map(|(i, byte)| byte ^ mask[i % 4]));
    let mut socket = WebSocket::from_raw_socket(
        Loopback {
            input: Cursor::new(frame),
        },
        Role::Server,
        None,
    );
    match socket.read() {
        Ok(Message::Close(Some(close))) => Ok(Some((u16::from(close.code), close.reason.to_string()))),
        Ok(Message::Close(None)) => Ok(None),
        Ok(other) => Err(format!("unexpected message {other:?}")),
        Err(Error::Protocol(err)) => Err(format!("protocol error: {err}")),
        Err(Error::Utf8(err)) => Err(format!("utf-8 error: {err}")),
        Err(err) => Err(format!("other error: {err}")),
    }
}

#[test]
fn close_frames_read_by_a_real_tungstenite_socket() {
    let mut payloads: Vec<Vec<u8>> = vec![vec![], vec![0x03]];
    for code in [
        0u16, 999, 1000, 1001, 1004, 1005, 1006, 1011, 1013, 1015, 1016, 2999, 3000, 4999, 5000,
    ] {
        payloads.push(code.to_be_bytes().to_vec());
        let mut with_reason = code.to_be_bytes().to_vec();
        with_reason.extend_from_slice("r\u{e9}ason".as_bytes());
        payloads.push(with_reason);
    }
    for bad in [
        &b"\xff"[..],
        b"\xc0\x80",
        b"\xed\xa0\x80",
        b"\xf4\x90\x80\x80",
        b"ok\xe2\x82",
    ] {
        let mut payload = 1000u16.to_be_bytes().to_vec();
        payload.extend_from_slice(bad);
        payloads.push(payload);
    }
    let mut largest = 1000u16.to_be_bytes().to_vec();
    largest.extend_from_slice(&[b'a'; 123]);
    payloads.push(largest);

    for payload in &payloads {
        let ours = parse_close_payload(payload);
        let theirs = tungstenite_reads(payload);
        match (&ours, &theirs) {
            // tungstenite reports an empty payload as "no frame"; wsclose as 1005, like the RFC.
            (Ok(close), Ok(None)) => {
                assert!(payload.is_empty(), "{payload:02x?}");
                assert_eq!(close.code(), CloseCode::NO_STATUS_RECEIVED);
            }
            (Ok(close), Ok(Some((code, reason)))) => {
                assert_eq!(close.code().as_u16(), *code, "{payload:02x?}");
                assert_eq!(close.reason(), reason, "{payload:02x?}");
            }
            (Err(_), Err(_)) => {}
            // tungstenite answers a bad code by closing with 1002 and hands that frame back.
            (Err(err), Ok(Some((1002, reason)))) if reason == "Protocol violation" => {
                assert_eq!(
                    err.close_code(),
                    Some(CloseCode::PROTOCOL_ERROR),
                    "{payload:02x?}"
                );
            }
            _ => panic!("disagree on {payload:02x?}: wsclose {ours:?}, tungstenite {theirs:?}"),
        }
    }
}
