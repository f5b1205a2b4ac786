//! The `tungstenite` feature's conversions (wsclose::interop::tungstenite), checked against
//! tungstenite's own types and a real tungstenite client and server exchanging Close frames over
//! a loopback TCP connection. Run by `make test-core` with `--features tungstenite`.
#![cfg(feature = "tungstenite")]

use std::net::{TcpListener, TcpStream};
use std::thread;

use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
use tungstenite::protocol::{CloseFrame, Role, WebSocket};
use tungstenite::{Error, Message};
use wsclose::interop::tungstenite::close_from_message;
use wsclose::{Close, CloseCode, PayloadErrorKind};

#[test]
fn every_code_converts_both_ways_unchanged() {
    for value in 0..=u16::MAX {
        let theirs = TungsteniteCode::from(value);
        let ours = CloseCode::from(theirs);
        assert_eq!(ours.as_u16(), value);
        assert_eq!(TungsteniteCode::from(ours), theirs);
        assert_eq!(u16::from(TungsteniteCode::from(CloseCode::new(value))), value);
    }
}

#[test]
fn frames_are_checked_by_the_core_rules() {
    for value in 0..=u16::MAX {
        let code = CloseCode::new(value);
        let frame = CloseFrame {
            code: code.into(),
            reason: "why".into(),
        };
        let converted = Close::try_from(&frame);
        // The same answer as the core's constructor, for every code.
        assert_eq!(converted, Close::new(code, "why"), "code {value}");
        assert_eq!(converted.is_ok(), code.is_sendable(), "code {value}");
    }
    let long = "x".repeat(124);
    let frame = CloseFrame {
        code: TungsteniteCode::Normal,
        reason: long.as_str().into(),
    };
    assert_eq!(
        Close::try_from(&frame).unwrap_err().kind(),
        PayloadErrorKind::ReasonTooLong
    );
    let longest = "é".repeat(61) + "x"; // 123 bytes
    let frame = CloseFrame {
        code: TungsteniteCode::Normal,
        reason: longest.as_str().into(),
    };
    assert_eq!(Close::try_from(&frame).map(|close| close.reason().len()), Ok(123));
}

#[test]
fn a_close_becomes_what_tungstenite_sends() {
    let close = Close::new(CloseCode::new(4004), "Authentication failed").unwrap();
    assert_eq!(
        Message::from(close),
        Message::Close(Some(CloseFrame {
            code: TungsteniteCode::Library(4004),
            reason: "Authentication failed".into(),
        }))
    );
    let empty = wsclose::parse_close_payload(b"").unwrap();
    assert_eq!(Message::from(empty), Message::Close(None));
    assert_eq!(close_from_message(None), Ok(empty));
}

/// Sends `message` from a tungstenite client to a tungstenite server over loopback TCP; returns
/// what the server received and what the client read back (tungstenite echoes a Close).
fn exchange(message: Message) -> (Message, Message) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let server = thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut socket = WebSocket::from_raw_socket(stream, Role::Server, None);
        let received = socket.read().unwrap();
        // The echo is written by the read above; flush it, then wait for the client to go.
        loop {
            match socket.read() {
                Err(Error::ConnectionClosed | Error::AlreadyClosed) => break,
                Err(Error::Io(_)) => break,
                Ok(_) => {}
                Err(err) => panic!("server: {err}"),
            }
        }
        received
    });
    let stream = TcpStream::connect(address).unwrap();
    let mut client = WebSocket::from_raw_socket(stream, Role::Client, None);
    client.send(message).unwrap();
    let echoed = client.read().unwrap();
    drop(client);
    (server.join().unwrap(), echoed)
}

#[test]
fn a_real_client_and_server_exchange_a_close() {
    let sent = Close::new(CloseCode::new(4004), "Authentication failed").unwrap();
    let (received, echoed) = exchange(Message::from(sent));
    let Message::Close(frame) = &received else {
        panic!("the server received {received:?}")
    };
    let close = close_from_message(frame.as_ref()).unwrap();
    assert_eq!(close, sent);
    assert_eq!(close.code().reconnect(), CloseCode::new(4004).reconnect());
    let Message::Close(echo) = &echoed else {
        panic!("the client read {echoed:?}")
    };
    assert_eq!(
        close_from_message(echo.as_ref()).unwrap().code(),
        CloseCode::new(4004)
    );
}

#[test]
fn a_real_empty_close_is_1005() {
    let (received, _) = exchange(Message::Close(None));
    let Message::Close(frame) = &received else {
        panic!("the server received {received:?}")
    };
    let close = close_from_message(frame.as_ref()).unwrap();
    assert_eq!(close.code(), CloseCode::NO_STATUS_RECEIVED);
    assert_eq!(close.reason(), "");
}
