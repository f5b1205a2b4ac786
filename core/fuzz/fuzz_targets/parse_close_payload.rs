#![no_main]
//! Any byte string: parsing never panics, accepted payloads obey the rules and re-encode to the
//! same bytes, and rejected ones name 1002 or 1007.

use libfuzzer_sys::fuzz_target;
use wsclose::{encode_close_payload, parse_close_payload, MAX_CLOSE_PAYLOAD};

fuzz_target!(|data: &[u8]| {
    match parse_close_payload(data) {
        Ok(close) if data.is_empty() => assert_eq!(close.code().as_u16(), 1005),
        Ok(close) => {
            assert!(data.len() >= 2 && data.len() <= MAX_CLOSE_PAYLOAD);
            assert!(close.code().is_sendable());
            let mut buf = [0u8; MAX_CLOSE_PAYLOAD];
            let len = encode_close_payload(close.code(), close.reason(), &mut buf).unwrap();
            assert_eq!(&buf[..len], data);
        }
        Err(err) => assert!(matches!(err.close_code().as_u16(), 1002 | 1007)),
    }
});
