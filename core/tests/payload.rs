//! The Close payload codec: boundaries, UTF-8 corner cases, errors, and property tests.

use proptest::prelude::*;
use wsclose::{
    encode_close_payload, encode_close_payload_utf16, parse_close_payload, Close, CloseCode,
    PayloadErrorKind, MAX_CLOSE_PAYLOAD, MAX_REASON_LEN,
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
                assert_eq!(err.close_code(), Some(CloseCode::PROTOCOL_ERROR));
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
                assert_eq!(err.code(), Some(CloseCode::new(code)));
                assert_eq!(err.close_code(), Some(CloseCode::PROTOCOL_ERROR));
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
        assert_eq!(err.close_code(), Some(CloseCode::INVALID_PAYLOAD_DATA));
        assert_eq!(err.valid_up_to(), Some(valid_up_to), "{reason:02x?}");
        assert_eq!(
            err.code(),
            Some(CloseCode::NORMAL_CLOSURE),
            "the code travels with the error"
        );
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
        encode_close_payload(CloseCode::NORMAL_CLOSURE, reason_123.as_bytes(), &mut buf),
        Ok(125)
    );
    let err = encode_close_payload(CloseCode::NORMAL_CLOSURE, &[b'r'; 124], &mut buf).unwrap_err();
    assert_eq!(err.kind(), PayloadErrorKind::ReasonTooLong);
    assert_eq!(
        err.to_string(),
        "close reason is 124 bytes long; at most 123 fit in a Close frame"
    );
    let err = encode_close_payload(CloseCode::ABNORMAL_CLOSURE, b"", &mut buf).unwrap_err();
    assert_eq!(err.kind(), PayloadErrorKind::InvalidCode);
    assert_eq!(
        err.to_string(),
        "close code 1006 Abnormal Closure may not be sent on the wire"
    );
    let mut small = [0u8; 4];
    let err = encode_close_payload(CloseCode::NORMAL_CLOSURE, b"hello", &mut small).unwrap_err();
    assert_eq!(err.kind(), PayloadErrorKind::BufferTooSmall);
    assert_eq!(small, [0; 4], "untouched on error");
    assert_eq!(encode_close_payload(CloseCode::new(4000), b"", &mut small), Ok(2));
    assert_eq!(small[..2], [0x0f, 0xa0]);
}

/// The one fixed order of every encode: reason length, code, UTF-8, buffer; the same for bytes
/// and for UTF-16 input.
#[test]
fn encode_checks_run_in_one_order() {
    let mut buf = [0u8; MAX_CLOSE_PAYLOAD];
    let utf16 = |bytes: &[u8]| -> Vec<u16> { String::from_utf8_lossy(bytes).encode_utf16().collect() };
    // (code, reason bytes, the reason as UTF-16 when it has one, expected kind)
    let long_bad_code = [b'a'; 124];
    type Case<'a> = (u16, &'a [u8], Option<Vec<u16>>, Option<PayloadErrorKind>);
    let cases: [Case; 6] = [
        (
            1006,
            &long_bad_code,
            Some(utf16(&long_bad_code)),
            Some(PayloadErrorKind::ReasonTooLong),
        ),
        (
            1006,
            b"a\xed\xa0\x80b",
            Some(vec![0x61, 0xd800, 0x62]),
            Some(PayloadErrorKind::InvalidCode),
        ),
        (
            1000,
            b"a\xed\xa0\x80b",
            Some(vec![0x61, 0xd800, 0x62]),
            Some(PayloadErrorKind::InvalidUtf8),
        ),
        (
            1000,
            b"\xed\xb0\x80",
            Some(vec![0xdc00]),
            Some(PayloadErrorKind::InvalidUtf8),
        ),
        (1000, "\u{1f600}".as_bytes(), Some(vec![0xd83d, 0xde00]), None),
        (5000, b"", Some(vec![]), Some(PayloadErrorKind::InvalidCode)),
    ];
    for (code, bytes, units, expected) in cases {
        let code = CloseCode::new(code);
        let from_bytes = encode_close_payload(code, bytes, &mut buf).map(|n| buf[..n].to_vec());
        assert_eq!(
            from_bytes.as_ref().err().map(|e| e.kind()),
            expected,
            "{code} {bytes:02x?}"
        );
        if let Some(units) = units {
            let mut buf16 = [0u8; MAX_CLOSE_PAYLOAD];
            let from_units =
                encode_close_payload_utf16(code, &units, &mut buf16).map(|n| buf16[..n].to_vec());
            assert_eq!(
                from_units, from_bytes,
                "UTF-16 and bytes agree for {code} {units:04x?}"
            );
        }
    }
    // A lone surrogate counts 3 bytes, as in its WTF-8 form: 41 of them are 123 bytes.
    let mut lone = vec![0xd800u16; 41];
    let err = encode_close_payload_utf16(CloseCode::NORMAL_CLOSURE, &lone, &mut buf).unwrap_err();
    assert_eq!(
        (err.kind(), err.valid_up_to()),
        (PayloadErrorKind::InvalidUtf8, Some(0))
    );
    lone.push(0x61);
    let err = encode_close_payload_utf16(CloseCode::NORMAL_CLOSURE, &lone, &mut buf).unwrap_err();
    assert_eq!(err.kind(), PayloadErrorKind::ReasonTooLong);
    assert_eq!(
        err.to_string(),
        "close reason is 124 bytes long; at most 123 fit in a Close frame"
    );
    // Encode errors carry the code and answer with the code of their kind.
    let err = encode_close_payload(CloseCode::new(4000), b"\xff", &mut buf).unwrap_err();
    assert_eq!(err.code(), Some(CloseCode::new(4000)));
    assert_eq!(err.close_code(), Some(CloseCode::INVALID_PAYLOAD_DATA));
    let err = encode_close_payload(CloseCode::new(4000), b"abc", &mut buf[..4]).unwrap_err();
    assert_eq!(
        (err.kind(), err.needed_len(), err.close_code()),
        (PayloadErrorKind::BufferTooSmall, Some(5), None)
    );
    let err = encode_close_payload_utf16(CloseCode::new(4000), &[0x20ac], &mut buf[..4]).unwrap_err();
    assert_eq!(
        (err.kind(), err.needed_len()),
        (PayloadErrorKind::BufferTooSmall, Some(5))
    );
}

#[test]
fn every_kind_has_a_fixed_message() {
    for kind in PayloadErrorKind::ALL {
        assert!(!kind.message().is_empty());
    }
    let err = parse_close_payload(b"\x03\xe8\xff").unwrap_err();
    assert_eq!(err.message(), "close reason is not valid UTF-8");
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
                let code = err.close_code().map(CloseCode::as_u16);
                prop_assert!(code == Some(1002) || code == Some(1007));
            }
        }
    }

    /// encode → parse gives back the code and the reason.
    #[test]
    fn encode_then_parse_round_trips(code in any::<u16>(), reason in "\\PC{0,60}") {
        let mut buf = [0u8; MAX_CLOSE_PAYLOAD];
        let code = CloseCode::new(code);
        match encode_close_payload(code, reason.as_bytes(), &mut buf) {
            Ok(len) => {
                let close = parse_close_payload(&buf[..len]).unwrap();
                prop_assert_eq!(close.code(), code);
                prop_assert_eq!(close.reason(), reason.as_str());
            }
            Err(err) => prop_assert!(!code.is_sendable() || reason.len() > MAX_REASON_LEN, "{}", err),
        }
    }

    /// Any UTF-16 input (lone surrogates included) gives what its WTF-8 bytes give.
    #[test]
    fn utf16_agrees_with_bytes(code in any::<u16>(), units in proptest::collection::vec(any::<u16>(), 0..70)) {
        let mut wtf8 = Vec::new();
        for ch in char::decode_utf16(units.iter().copied()) {
            match ch {
                Ok(ch) => wtf8.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes()),
                Err(lone) => {
                    let unit = lone.unpaired_surrogate();
                    wtf8.extend_from_slice(&[0xe0 | (unit >> 12) as u8, 0x80 | ((unit >> 6) & 0x3f) as u8, 0x80 | (unit & 0x3f) as u8]);
                }
            }
        }
        let code = CloseCode::new(code);
        let (mut a, mut b) = ([0u8; MAX_CLOSE_PAYLOAD], [0u8; MAX_CLOSE_PAYLOAD]);
        let from_bytes = encode_close_payload(code, &wtf8, &mut a).map(|n| a[..n].to_vec());
        let from_units = encode_close_payload_utf16(code, &units, &mut b).map(|n| b[..n].to_vec());
        prop_assert_eq!(from_units, from_bytes);
    }
}
