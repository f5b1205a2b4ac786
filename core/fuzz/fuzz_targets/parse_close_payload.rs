#![no_main]
//! Any byte string: parsing never panics, accepted payloads obey the rules and re-encode to the
//! same bytes, and rejected ones name 1002 or 1007. Encoding the same bytes as a reason (and as
//! UTF-16 code units) never panics, and both encoders agree whenever the bytes are UTF-8.
//! The corpus in `corpus/parse_close_payload` also feeds the cross-language differential.

use libfuzzer_sys::fuzz_target;
use wsclose::{encode_close_payload, encode_close_payload_utf16, parse_close_payload, CloseCode, MAX_CLOSE_PAYLOAD};

fuzz_target!(|data: &[u8]| {
    let mut buf = [0u8; MAX_CLOSE_PAYLOAD];
    match parse_close_payload(data) {
        Ok(close) if data.is_empty() => assert_eq!(close.code().as_u16(), 1005),
        Ok(close) => {
            assert!(data.len() >= 2 && data.len() <= MAX_CLOSE_PAYLOAD);
            assert!(close.code().is_sendable());
            let len = encode_close_payload(close.code(), close.reason().as_bytes(), &mut buf).unwrap();
            assert_eq!(&buf[..len], data);
        }
        Err(err) => assert!(matches!(err.close_code().map(CloseCode::as_u16), Some(1002 | 1007))),
    }
    if let [high, low, reason @ ..] = data {
        let code = CloseCode::new(u16::from_be_bytes([*high, *low]));
        let from_bytes = encode_close_payload(code, reason, &mut buf).map(|n| buf[..n].to_vec());
        if let Ok(text) = core::str::from_utf8(reason) {
            let units: Vec<u16> = text.encode_utf16().collect();
            let mut buf16 = [0u8; MAX_CLOSE_PAYLOAD];
            let from_units = encode_close_payload_utf16(code, &units, &mut buf16).map(|n| buf16[..n].to_vec());
            assert_eq!(from_units, from_bytes);
        }
    }
});
