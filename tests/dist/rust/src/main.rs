//! A program a crates.io user would write, built against the packaged `wsclose` crate only
//! (tests/dist/rust.sh serves dist/wsclose-VERSION.crate as the crates.io source, offline).

use wsclose::{classify, encode_close_payload, parse_close_payload, Category, CloseCode, PayloadErrorKind, Reconnect};

fn main() {
    assert_eq!(classify(4000), Category::Private);
    let close = parse_close_payload(b"\x03\xf5overloaded").expect("a valid payload");
    assert_eq!(close.code(), CloseCode::TRY_AGAIN_LATER);
    assert_eq!(close.code().reconnect(), Reconnect::Backoff);

    let err = parse_close_payload(b"\x03\xe8\xff").expect_err("the reason is not UTF-8");
    assert_eq!(err.kind(), PayloadErrorKind::InvalidUtf8);
    assert_eq!(err.close_code(), Some(CloseCode::new(1007)));

    let mut out = [0u8; 125];
    let n = encode_close_payload(CloseCode::GOING_AWAY, b"bye", &mut out).expect("encodable");
    assert_eq!(&out[..n], b"\x03\xe9bye");
    println!("wsclose {} from the packaged crate: ok", env!("WSCLOSE_CONSUMER_VERSION"));
}
