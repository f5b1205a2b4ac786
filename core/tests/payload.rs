//! The Close payload codec: boundaries, UTF-8 corner cases, errors, and property tests.

use proptest::prelude::*;
use wsclose::{
    encode_close_payload, parse_close_payload, Close, CloseCode, PayloadErrorKind, MAX_CLOSE_PAYLOAD,
    MAX_REASON_LEN,
};

fn payload(code: u16, reason: &[u8]) -> Vec<u8> {
    let mut out = code.to_be_bytes().to_vec();
    out.extend_from_slice(reason);
    out
}

#[test]
fn empty_payload_is_no_status_received() {
    let close = parse_close_payload(&[]).unwrap();
    assert_eq!(close.code(), CloseCode::NO_STATUS_RECEIVED);
    assert_eq!(close.reason(), "");
    assert!(close.encode().is_empty(), "and encodes back to nothing");
}

#[test]
fn payload_lengths_around_the_limits() {
    for len in [0usize, 1, 2, 3, 124, 125, 126, 127, 200, 65_535] {
        let bytes = if len < 2 {
            vec![0x03; len]
        } else {
            payload(1000, &vec![b'a'; len - 2])
        };
        let result = parse_close_payload(&bytes);
        match len {
            0 => assert_eq!(result.unwrap().code(), CloseCode::NO_STATUS_RECEIVED),
            1 => assert_eq!(result.unwrap_err().kind(), PayloadErrorKind::OneByte),
            2..=125 => assert_eq!(result.unwrap().reason().len(), len - 2),
            _ => {
                let err = result.unwrap_err();
                assert_eq!(err.kind(), PayloadErrorKind::TooLong, "len {len}");
                assert_eq!(err.close_code(), CloseCode::PROTOCOL_ERROR);
                assert_eq!(
                    err.to_string(),
                    format!("close payload is {len} bytes long; control frames carry at most 125")
                );
            }
        }
    }
}

#[test]
fn every_code_on_the_wire() {
    for code in 0..=u16::MAX {
        let bytes = payload(code, b"x");
        let result = parse_close_payload(&bytes);
        let sendable = matches!(code, 1000..=1003 | 1007..=1014 | 3000..=4999);
        match result {
            Ok(close) => {
                assert!(sendable, "{code} accepted");
                assert_eq!(close.code().as_u16(), code);
            }
            Err(err) => {
                assert!(!sendable, "{code} rejected");
                assert_eq!(err.kind(), PayloadErrorKind::InvalidCode);
                assert_eq!(err.invalid_code(), Some(CloseCode::new(code)));
                assert_eq!(err.close_code(), CloseCode::PROTOCOL_ERROR);
            }
        }
    }
}

#[test]
fn bad_utf8_answers_1007() {
    let cases: [(&[u8], usize); 10] = [
        (b"\xff", 0),
        (b"\x80", 0),
        (b"\xc0\x80", 0),
        (b"\xe0\x80\xaf", 0),
        (b"\xed\xa0\x80", 0),
        (b"\xed\xbf\xbf", 0),
        (b"\xf4\x90\x80\x80", 0),
        (b"ok\xc3", 2),
        (b"\xf0\x9f\x98", 0),
        (b"caf\xc3\xa9\xff", 5),
    ];
    for (reason, valid_up_to) in cases {
        let err = parse_close_payload(&payload(1000, reason)).unwrap_err();
        assert_eq!(err.kind(), PayloadErrorKind::InvalidUtf8, "{reason:02x?}");
        assert_eq!(err.close_code(), CloseCode::INVALID_PAYLOAD_DATA);
        assert_eq!(err.valid_up_to(), Some(valid_up_to), "{reason:02x?}");
        assert_eq!(err.invalid_code(), None);
    }
}

#[test]
fn checks_run_in_order_length_code_utf8() {
    let long_and_bad_code = payload(1005, &[b'a'; 124]);
    assert_eq!(
        parse_close_payload(&long_and_bad_code).unwrap_err().kind(),
        PayloadErrorKind::TooLong
    );
    let bad_code_and_utf8 = payload(1006, b"\xff");
    assert_eq!(
        parse_close_payload(&bad_code_and_utf8).unwrap_err().kind(),
        PayloadErrorKind::InvalidCode
    );
}

#[test]
fn valid_multibyte_reasons() {
    for reason in ["caf\u{e9}", "\u{20ac}", "\u{1f600}", "\u{10ffff}", "a\0b", ""] {
        let bytes = payload(4000, reason.as_bytes());
        let close = parse_close_payload(&bytes).unwrap();
        assert_eq!(close.reason(), reason);
    }
}

#[test]
fn encode_limits() {
    let mut buf = [0u8; MAX_CLOSE_PAYLOAD];
    let reason_123 = "r".repeat(MAX_REASON_LEN);
    assert_eq!(
        encode_close_payload(CloseCode::NORMAL_CLOSURE, &reason_123, &mut buf),
        Ok(125)
    );
    let err = encode_close_payload(CloseCode::NORMAL_CLOSURE, &"r".repeat(124), &mut buf).unwrap_err();
    assert_eq!(err.kind(), PayloadErrorKind::ReasonTooLong);
    assert_eq!(
        err.to_string(),
        "close reason is 124 bytes long; at most 123 fit in a Close frame"
    );
    let err = encode_close_payload(CloseCode::ABNORMAL_CLOSURE, "", &mut buf).unwrap_err();
    assert_eq!(err.kind(), PayloadErrorKind::InvalidCode);
    assert_eq!(
        err.to_string(),
        "close code 1006 Abnormal Closure may not be sent on the wire"
    );
    let mut small = [0u8; 4];
    let err = encode_close_payload(CloseCode::NORMAL_CLOSURE, "hello", &mut small).unwrap_err();
    assert_eq!(err.kind(), PayloadErrorKind::BufferTooSmall);
    assert_eq!(small, [0; 4], "untouched on error");
    assert_eq!(encode_close_payload(CloseCode::new(4000), "", &mut small), Ok(2));
    assert_eq!(small[..2], [0x0f, 0xa0]);
}

#[test]
fn close_new_validates() {
    assert_eq!(
        Close::new(CloseCode::new(5000), "").unwrap_err().kind(),
        PayloadErrorKind::InvalidCode
    );
    assert_eq!(
        Close::new(CloseCode::new(999), "").unwrap_err().kind(),
        PayloadErrorKind::InvalidCode
    );
    let close = Close::new(CloseCode::BAD_GATEWAY, "upstream").unwrap();
    assert_eq!(&*close.encode(), b"\x03\xf6upstream");
    assert_eq!(parse_close_payload(&close.encode()).unwrap(), close);
}

#[test]
fn errors_are_std_errors() {
    fn takes(_: &dyn std::error::Error) {}
    takes(&parse_close_payload(&[1]).unwrap_err());
    assert_eq!(
        parse_close_payload(&[1]).unwrap_err().to_string(),
        "close payload is 1 byte long; a status code needs 2"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    /// No input panics, and an accepted payload is exactly what the rules allow.
    #[test]
    fn parse_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        match parse_close_payload(&bytes) {
            Ok(close) => {
                prop_assert!(bytes.len() <= 125 && bytes.len() != 1);
                if !bytes.is_empty() {
                    prop_assert!(close.code().is_sendable());
                    prop_assert_eq!(close.reason().as_bytes(), &bytes[2..]);
                    prop_assert_eq!(&*close.encode(), &bytes[..]);
                }
            }
            Err(err) => {
                let code = err.close_code().as_u16();
                prop_assert!(code == 1002 || code == 1007);
            }
        }
    }

    /// encode → parse gives back the code and the reason.
    #[test]
    fn encode_then_parse_round_trips(code in any::<u16>(), reason in "\\PC{0,60}") {
        let mut buf = [0u8; MAX_CLOSE_PAYLOAD];
        let code = CloseCode::new(code);
        match encode_close_payload(code, &reason, &mut buf) {
            Ok(len) => {
                let close = parse_close_payload(&buf[..len]).unwrap();
                prop_assert_eq!(close.code(), code);
                prop_assert_eq!(close.reason(), reason.as_str());
            }
            Err(err) => prop_assert!(!code.is_sendable() || reason.len() > MAX_REASON_LEN, "{}", err),
        }
    }
}
