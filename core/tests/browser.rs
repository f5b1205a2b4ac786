//! The browser model (core/src/browser.rs) against the rules it is derived from and the facts
//! measured by tests/e2e in Chromium 156 and Firefox 153 ESR.

use wsclose::{
    parse_close_payload, CloseCode, CloseEvent, DomException, Engine, Received, Reply, MAX_CLOSE_PAYLOAD,
};

const CHROMIUM: Engine = Engine::Chromium;
const FIREFOX: Engine = Engine::Firefox;

fn event(engine: Engine, payload: &[u8]) -> CloseEvent<'_> {
    engine.close_event(Received::Payload(payload))
}

fn failed(event: &CloseEvent<'_>) -> bool {
    event.code == 1006 && event.reason.is_empty() && !event.was_clean && event.error_fired
}

fn utf16(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

fn sent_code(engine: Engine, code: f64) -> Result<Option<u16>, DomException> {
    engine
        .close(Some(code), None)
        .map(|sent| sent.code().map(CloseCode::as_u16))
}

#[test]
fn every_code_received_without_reason() {
    for code in 0..=u16::MAX {
        let payload = code.to_be_bytes();
        let local_only = CloseCode::new(code).is_local_only();
        for engine in Engine::ALL {
            let event = event(engine, &payload);
            if engine == CHROMIUM && local_only {
                assert!(failed(&event), "{engine:?} {code}: {event:?}");
                assert_eq!(
                    event.reply,
                    Some(Reply::Close {
                        code: 1002,
                        reason: ""
                    })
                );
                continue;
            }
            assert_eq!((event.code, event.reason), (code, ""), "{engine:?} {code}");
            assert!(event.was_clean && !event.error_fired, "{engine:?} {code}");
            let empty_reply = engine == FIREFOX && (code == 0 || local_only);
            let want = if empty_reply {
                Reply::Empty
            } else {
                Reply::Close { code, reason: "" }
            };
            assert_eq!(event.reply, Some(want), "{engine:?} {code}");
        }
    }
}

#[test]
fn whatever_rfc_6455_accepts_reaches_the_page_unchanged() {
    let payloads: [&[u8]; 6] = [
        b"",
        b"\x03\xe8",
        b"\x03\xe9bye",
        b"\x0f\xa0h\xc3\xa9",
        b"\x0b\xb8\x00",
        &[0x13, 0x87],
    ];
    for payload in payloads {
        let close = parse_close_payload(payload).unwrap();
        for engine in Engine::ALL {
            let event = event(engine, payload);
            assert_eq!((event.close_code(), event.reason), (close.code(), close.reason()));
            assert!(event.was_clean && !event.error_fired);
            let reply = event.reply.unwrap();
            let mut buf = [0u8; MAX_CLOSE_PAYLOAD];
            let n = reply.write(&mut buf);
            assert_eq!(&buf[..n], payload, "{engine:?} echoes {payload:?}");
            assert_eq!(reply.len(), n);
        }
    }
}

#[test]
fn malformed_payloads() {
    let long: Vec<u8> = [&b"\x03\xe8"[..], &[b'a'; 124]].concat();
    let longest = &long[..125];
    for engine in Engine::ALL {
        // 125 bytes is the longest Close payload; 126 fails the connection.
        assert_eq!(event(engine, longest).reason.len(), 123);
        assert!(failed(&event(engine, &long)), "{engine:?}");
        for bad in [
            &b"\x03\xe8\xff"[..],
            b"\x03\xe8\xed\xa0\x80",
            b"\x03\xe8\xc0\xaf",
            b"\x03\xe7\xff",
        ] {
            assert!(failed(&event(engine, bad)), "{engine:?} {bad:?}");
        }
        // NUL is valid UTF-8.
        assert_eq!(event(engine, b"\x03\xe8a\x00b").reason, "a\0b");
    }
    assert_eq!(
        event(CHROMIUM, &long).reply,
        Some(Reply::Close {
            code: 1002,
            reason: "WebSocket Protocol Error"
        })
    );
    assert_eq!(
        event(CHROMIUM, b"\x03\xe8\xff").reply,
        Some(Reply::Close {
            code: 1002,
            reason: "Invalid UTF-8 in Close frame"
        })
    );
    assert_eq!(event(FIREFOX, &long).reply, None);
    assert_eq!(event(FIREFOX, b"\x03\xe8\xff").reply, None);

    // One byte: Chromium fails with a bare 1002; Firefox reports 1005 and answers an empty Close.
    for one in [[0x03], [0x00], [0xff]] {
        let chromium = event(CHROMIUM, &one);
        assert!(failed(&chromium));
        assert_eq!(
            chromium.reply,
            Some(Reply::Close {
                code: 1002,
                reason: ""
            })
        );
        let firefox = event(FIREFOX, &one);
        assert_eq!(
            (firefox.code, firefox.was_clean, firefox.error_fired),
            (1005, true, false)
        );
        assert_eq!(firefox.reply, Some(Reply::Empty));
    }

    // A local-only code with a reason: Chromium refuses the code before looking at the reason.
    assert_eq!(
        event(CHROMIUM, b"\x03\xedx").reply,
        Some(Reply::Close {
            code: 1002,
            reason: ""
        })
    );
    let firefox = event(FIREFOX, b"\x03\xedx");
    assert_eq!(
        (firefox.code, firefox.reason, firefox.reply),
        (1005, "x", Some(Reply::Empty))
    );
    // Unsendable but not local-only: delivered with its reason, echoed.
    let e = event(CHROMIUM, b"\x13\x88bye");
    assert_eq!(
        (e.code, e.reason, e.reply),
        (
            5000,
            "bye",
            Some(Reply::Close {
                code: 5000,
                reason: "bye"
            })
        )
    );
}

#[test]
fn dropped_connection() {
    for engine in Engine::ALL {
        let event = engine.close_event(Received::Dropped);
        assert_eq!(event.close_code(), CloseCode::ABNORMAL_CLOSURE);
        assert!(!event.was_clean && !event.error_fired && event.reply.is_none());
    }
}

#[test]
fn reset_connection() {
    // Measured: Firefox fires `error` before `close` for an RST, Chromium does not.
    for (engine, error_fired) in [(Engine::Chromium, false), (Engine::Firefox, true)] {
        let event = engine.close_event(Received::Reset);
        assert_eq!(event.close_code(), CloseCode::ABNORMAL_CLOSURE, "{engine:?}");
        assert_eq!(event.reason, "", "{engine:?}");
        assert!(!event.was_clean && event.reply.is_none(), "{engine:?}");
        assert_eq!(event.error_fired, error_fired, "{engine:?}");
        // Everything else is what a FIN gives.
        let fin = engine.close_event(Received::Dropped);
        assert_eq!(CloseEvent { error_fired, ..fin }, event, "{engine:?}");
    }
}

#[test]
fn close_with_every_integer_code() {
    for code in 0..=u16::MAX {
        let closeable = CloseCode::new(code).is_browser_closeable();
        for engine in Engine::ALL {
            match engine.close(Some(f64::from(code)), None) {
                Ok(sent) => {
                    assert!(closeable, "{engine:?} {code}");
                    let close = sent.close().unwrap();
                    assert_eq!(&*close.encode(), code.to_be_bytes());
                }
                Err(err) => {
                    assert!(!closeable, "{engine:?} {code}");
                    assert_eq!(err, DomException::InvalidAccess);
                }
            }
        }
    }
}

#[test]
fn fractional_and_odd_codes() {
    let ia = Err(DomException::InvalidAccess);
    // (value, Chromium, Firefox)
    let cases = [
        (999.6, ia, Ok(Some(1000))),
        (999.5, ia, Ok(Some(1000))),
        (999.4, ia, ia),
        (1000.5, Ok(Some(1000)), Ok(Some(1000))),
        (1000.6, Ok(Some(1000)), ia),
        (2999.5, ia, Ok(Some(3000))),
        (3000.5, Ok(Some(3000)), Ok(Some(3000))),
        (4000.7, Ok(Some(4000)), Ok(Some(4001))),
        (4999.6, Ok(Some(4999)), ia),
        (-0.0, ia, ia),
        (-1.0, ia, ia),
        (f64::NAN, ia, ia),
        (f64::INFINITY, ia, ia),
        (f64::NEG_INFINITY, ia, ia),
        (66536.0, ia, ia),
        (4_294_968_296.0, ia, ia),
        (1e300, ia, ia),
    ];
    for (value, chromium, firefox) in cases {
        assert_eq!(sent_code(CHROMIUM, value), chromium, "Chromium {value}");
        assert_eq!(sent_code(FIREFOX, value), firefox, "Firefox {value}");
    }
    assert_eq!(FIREFOX.convert_code(65534.5), 65534);
    assert_eq!(FIREFOX.convert_code(65534.6), 65535);
    assert_eq!(CHROMIUM.convert_code(65535.9), 65535);
    assert_eq!(FIREFOX.convert_code(0.5), 0);
    assert_eq!(FIREFOX.convert_code(1.5), 2);
}

#[test]
fn reasons() {
    for engine in Engine::ALL {
        let close = |units: &[u16]| engine.close(Some(4000.0), Some(units));
        assert_eq!(close(&utf16(&"a".repeat(123))).unwrap().reason().len(), 123);
        assert_eq!(close(&utf16(&"a".repeat(124))), Err(DomException::Syntax));
        assert_eq!(close(&utf16(&"é".repeat(61))).unwrap().reason().len(), 122);
        assert_eq!(close(&utf16(&"é".repeat(62))), Err(DomException::Syntax));
        assert_eq!(close(&utf16(&"😀".repeat(30))).unwrap().reason().len(), 120);
        assert_eq!(close(&utf16(&"😀".repeat(31))), Err(DomException::Syntax));
        // Lone surrogates become U+FFFD (3 bytes) before the count; pairs stay one 4-byte char.
        assert_eq!(close(&[0xD800]).unwrap().reason(), "\u{FFFD}");
        assert_eq!(close(&[0x61, 0xD83D]).unwrap().reason(), "a\u{FFFD}");
        assert_eq!(close(&[0xDE00, 0xD83D]).unwrap().reason(), "\u{FFFD}\u{FFFD}");
        assert_eq!(close(&[0xD83D, 0xDE00]).unwrap().reason(), "😀");
        assert_eq!(close(&[0xD800; 41]).unwrap().reason().len(), 123);
        assert_eq!(close(&[0xD800; 42]), Err(DomException::Syntax));
        assert_eq!(close(&[0]).unwrap().reason(), "\0");
        // The code is checked first.
        assert_eq!(
            engine.close(Some(5000.0), Some(&[0x61; 200])),
            Err(DomException::InvalidAccess)
        );
        // Empty reason and no reason send the same frame.
        assert_eq!(
            engine.close(Some(1000.0), Some(&[])),
            engine.close(Some(1000.0), None)
        );
        // No code, no reason: an empty Close.
        let sent = engine.close(None, None).unwrap();
        assert!(sent.code().is_none() && sent.close().is_none() && sent.reason().is_empty());
    }
    // 999.6 with a 124-byte reason: Chromium stops at the code, Firefox (code 1000) at the reason.
    let long = [0x61; 124];
    assert_eq!(
        CHROMIUM.close(Some(999.6), Some(&long)),
        Err(DomException::InvalidAccess)
    );
    assert_eq!(FIREFOX.close(Some(999.6), Some(&long)), Err(DomException::Syntax));
}

#[test]
fn reason_without_code() {
    let bye = utf16("bye");
    assert_eq!(CHROMIUM.close(None, Some(&bye)), Err(DomException::InvalidAccess));
    assert_eq!(CHROMIUM.close(None, Some(&[])), Err(DomException::InvalidAccess));
    let sent = FIREFOX.close(None, Some(&bye)).unwrap();
    assert!(sent.code().is_none() && sent.close().is_none() && sent.reason().is_empty());
    assert_eq!(FIREFOX.close(None, Some(&[0x61; 124])), Err(DomException::Syntax));
}
