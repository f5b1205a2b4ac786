//! Every predicate over all 65,536 codes, against the rules written out here independently of
//! the crate's table.

use wsclose::{classify, Category, CloseCode, Reconnect};

fn all_codes() -> impl Iterator<Item = CloseCode> {
    (0..=u16::MAX).map(CloseCode::new)
}

const NAMES: [(u16, &str); 16] = [
    (1000, "Normal Closure"),
    (1001, "Going Away"),
    (1002, "Protocol Error"),
    (1003, "Unsupported Data"),
    (1004, "Reserved"),
    (1005, "No Status Received"),
    (1006, "Abnormal Closure"),
    (1007, "Invalid Frame Payload Data"),
    (1008, "Policy Violation"),
    (1009, "Message Too Big"),
    (1010, "Mandatory Extension"),
    (1011, "Internal Error"),
    (1012, "Service Restart"),
    (1013, "Try Again Later"),
    (1014, "Bad Gateway"),
    (1015, "TLS Handshake"),
];

/// The IANA registry's names in 3000–3999, typed from the registry listing, with the const names.
const IANA_NAMES: [(u16, &str, &str); 3] = [
    (3000, "Unauthorized", "UNAUTHORIZED"),
    (3003, "Forbidden", "FORBIDDEN"),
    (3008, "Timeout", "TIMEOUT"),
];

#[test]
fn classify_follows_the_ranges() {
    for code in 0..=u16::MAX {
        let expected = match code {
            0..=999 => Category::Unused,
            1000..=1015 => Category::Standard,
            1016..=2999 => Category::Reserved,
            3000..=3999 => Category::Registered,
            4000..=4999 => Category::Private,
            5000..=u16::MAX => Category::OutOfRange,
        };
        assert_eq!(classify(code), expected, "classify({code})");
        assert_eq!(CloseCode::new(code).category(), expected, "category of {code}");
        assert!(expected.range().contains(&code), "{code} in {expected:?}.range()");
    }
}

#[test]
fn category_numbers_are_the_abi() {
    let numbered = [
        (Category::Unused, 0),
        (Category::Standard, 1),
        (Category::Reserved, 2),
        (Category::Registered, 3),
        (Category::Private, 4),
        (Category::OutOfRange, 5),
    ];
    for (category, number) in numbered {
        assert_eq!(category as u8, number);
        assert_eq!(Category::from_u8(number), Some(category));
    }
    assert_eq!(Category::from_u8(6), None);
    assert_eq!(Category::from_u8(255), None);
    assert_eq!(Reconnect::Never as u8, 0);
    assert_eq!(Reconnect::Backoff as u8, 1);
    assert_eq!(Reconnect::AppDefined as u8, 2);
    assert_eq!(Reconnect::from_u8(3), None);
}

#[test]
fn ranges_cover_every_code_exactly_once() {
    let total: u32 = Category::ALL
        .iter()
        .map(|c| u32::from(c.range().end() - c.range().start()) + 1)
        .sum();
    assert_eq!(total, 65_536);
}

#[test]
fn sendable_is_rfc_6455_section_7_4() {
    for code in all_codes() {
        let v = code.as_u16();
        let expected = matches!(v, 1000..=1003 | 1007..=1014 | 3000..=4999);
        assert_eq!(code.is_sendable(), expected, "is_sendable({v})");
    }
}

#[test]
fn local_only_is_1005_1006_1015() {
    for code in all_codes() {
        let v = code.as_u16();
        assert_eq!(
            code.is_local_only(),
            matches!(v, 1005 | 1006 | 1015),
            "is_local_only({v})"
        );
        assert!(
            !(code.is_local_only() && code.is_sendable()),
            "{v} cannot be both"
        );
    }
}

#[test]
fn browser_closeable_is_whatwg() {
    for code in all_codes() {
        let v = code.as_u16();
        let expected = v == 1000 || (3000..=4999).contains(&v);
        assert_eq!(code.is_browser_closeable(), expected, "is_browser_closeable({v})");
    }
}

#[test]
fn ok_is_1000_1001_1005() {
    for code in all_codes() {
        let v = code.as_u16();
        assert_eq!(code.is_ok(), matches!(v, 1000 | 1001 | 1005), "is_ok({v})");
    }
}

#[test]
fn reconnect_advice() {
    for code in all_codes() {
        let v = code.as_u16();
        let expected = match v {
            1001 | 1005 | 1006 | 1011..=1014 => Reconnect::Backoff,
            3000..=4999 => Reconnect::AppDefined,
            _ => Reconnect::Never,
        };
        assert_eq!(code.reconnect(), expected, "reconnect({v})");
    }
}

#[test]
fn names_and_descriptions() {
    for code in all_codes() {
        let v = code.as_u16();
        let expected = NAMES
            .iter()
            .find(|(n, _)| *n == v)
            .map(|(_, name)| *name)
            .or_else(|| {
                IANA_NAMES
                    .iter()
                    .find(|(n, _, _)| *n == v)
                    .map(|(_, name, _)| *name)
            });
        assert_eq!(code.name(), expected, "name({v})");
        let description = code.description();
        assert!(
            description.len() > 20 && description.ends_with('.'),
            "description({v}) = {description:?}"
        );
        if expected.is_none() {
            assert_eq!(
                description,
                code.category().description(),
                "unnamed {v} uses its range text"
            );
        }
    }
}

#[test]
fn standard_descriptions_are_distinct() {
    let mut seen: Vec<&str> = CloseCode::STANDARD.iter().map(|c| c.description()).collect();
    seen.extend(
        IANA_NAMES
            .iter()
            .map(|(n, _, _)| CloseCode::new(*n).description()),
    );
    seen.extend(Category::ALL.iter().map(|c| c.description()));
    let count = seen.len();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), count, "every description is its own text");
}

#[test]
fn consts_match_their_numbers() {
    let consts = [
        (CloseCode::NORMAL_CLOSURE, 1000, "NORMAL_CLOSURE"),
        (CloseCode::GOING_AWAY, 1001, "GOING_AWAY"),
        (CloseCode::PROTOCOL_ERROR, 1002, "PROTOCOL_ERROR"),
        (CloseCode::UNSUPPORTED_DATA, 1003, "UNSUPPORTED_DATA"),
        (CloseCode::RESERVED, 1004, "RESERVED"),
        (CloseCode::NO_STATUS_RECEIVED, 1005, "NO_STATUS_RECEIVED"),
        (CloseCode::ABNORMAL_CLOSURE, 1006, "ABNORMAL_CLOSURE"),
        (CloseCode::INVALID_PAYLOAD_DATA, 1007, "INVALID_PAYLOAD_DATA"),
        (CloseCode::POLICY_VIOLATION, 1008, "POLICY_VIOLATION"),
        (CloseCode::MESSAGE_TOO_BIG, 1009, "MESSAGE_TOO_BIG"),
        (CloseCode::MANDATORY_EXTENSION, 1010, "MANDATORY_EXTENSION"),
        (CloseCode::INTERNAL_ERROR, 1011, "INTERNAL_ERROR"),
        (CloseCode::SERVICE_RESTART, 1012, "SERVICE_RESTART"),
        (CloseCode::TRY_AGAIN_LATER, 1013, "TRY_AGAIN_LATER"),
        (CloseCode::BAD_GATEWAY, 1014, "BAD_GATEWAY"),
        (CloseCode::TLS_HANDSHAKE, 1015, "TLS_HANDSHAKE"),
    ];
    for (i, (code, number, ident)) in consts.into_iter().enumerate() {
        assert_eq!(code.as_u16(), number);
        assert_eq!(CloseCode::STANDARD[i], code);
        assert_eq!(code.const_name(), Some(ident));
    }
    assert_eq!(CloseCode::new(1016).const_name(), None);
    let iana = [CloseCode::UNAUTHORIZED, CloseCode::FORBIDDEN, CloseCode::TIMEOUT];
    for (code, (number, name, ident)) in iana.into_iter().zip(IANA_NAMES) {
        assert_eq!(code.as_u16(), number);
        assert_eq!(code.const_name(), Some(ident));
        assert_eq!(code.name(), Some(name));
        assert_eq!(
            code.category(),
            Category::Registered,
            "IANA codes stay Registered"
        );
        assert_eq!(
            code.reconnect(),
            Reconnect::AppDefined,
            "the registry gives no advice"
        );
        assert_ne!(code.description(), Category::Registered.description());
    }
    for code in (0..=u16::MAX).map(CloseCode::new) {
        let named =
            code.category() == Category::Standard || IANA_NAMES.iter().any(|(n, _, _)| *n == code.as_u16());
        assert_eq!(
            code.const_name().is_some(),
            named,
            "const_name({})",
            code.as_u16()
        );
    }
}

#[test]
fn info_agrees_with_the_methods() {
    for code in all_codes() {
        let info = code.info();
        assert_eq!(info.code, code);
        assert_eq!(info.category, code.category());
        assert_eq!(info.name, code.name());
        assert_eq!(info.description, code.description());
        assert_eq!(info.sendable, code.is_sendable());
        assert_eq!(info.local_only, code.is_local_only());
        assert_eq!(info.browser_closeable, code.is_browser_closeable());
        assert_eq!(info.ok, code.is_ok());
        assert_eq!(info.reconnect, code.reconnect());
    }
}

#[test]
fn conversions_and_formatting() {
    for v in [0u16, 999, 1000, 1006, 4000, 65535] {
        let code = CloseCode::from(v);
        assert_eq!(u16::from(code), v);
        assert_eq!(code, v);
        assert_eq!(v, code);
    }
    assert_eq!(CloseCode::ABNORMAL_CLOSURE.to_string(), "1006 Abnormal Closure");
    assert_eq!(CloseCode::new(4000).to_string(), "4000 (private use)");
    assert_eq!(CloseCode::new(3008).to_string(), "3008 Timeout");
    assert_eq!(CloseCode::new(3001).to_string(), "3001 (registered)");
    assert_eq!(CloseCode::new(70).to_string(), "70 (unused)");
    assert_eq!(
        format!("{:?}", CloseCode::GOING_AWAY),
        "CloseCode(1001 Going Away)"
    );
    assert_eq!(Category::OutOfRange.to_string(), "out of range");
    assert_eq!(Reconnect::AppDefined.to_string(), "app-defined");
    assert!(CloseCode::new(999) < CloseCode::NORMAL_CLOSURE);
}

#[test]
fn classify_is_usable_in_const_context() {
    const CATEGORY: Category = classify(4321);
    const SENDABLE: [bool; 2] = [
        CloseCode::new(1014).is_sendable(),
        CloseCode::new(1015).is_sendable(),
    ];
    assert_eq!(CATEGORY, Category::Private);
    assert_eq!(SENDABLE, [true, false]);
}

/// `facts_many` gives, for every fact and every code, the byte of the per-code function.
#[test]
fn facts_many_matches_the_per_code_functions() {
    let codes: Vec<u16> = (0..=u16::MAX).collect();
    let mut out = vec![0xAAu8; codes.len()];
    for fact in wsclose::Fact::ALL {
        wsclose::facts_many(fact, &codes, &mut out).unwrap();
        for (&code, &got) in codes.iter().zip(&out) {
            let c = CloseCode::new(code);
            let want = match fact {
                wsclose::Fact::Category => c.category() as u8,
                wsclose::Fact::Sendable => c.is_sendable() as u8,
                wsclose::Fact::LocalOnly => c.is_local_only() as u8,
                wsclose::Fact::BrowserCloseable => c.is_browser_closeable() as u8,
                wsclose::Fact::Ok => c.is_ok() as u8,
                wsclose::Fact::Reconnect => c.reconnect() as u8,
            };
            assert_eq!(got, want, "{fact:?} of {code}");
        }
    }
    assert!(wsclose::facts_many(wsclose::Fact::Ok, &codes[..3], &mut out[..2]).is_err());
}

/// `explain` is total, never empty, and names the causes the docs promise.
#[test]
fn explain_covers_every_code() {
    use wsclose::{explain, Cause};
    for code in 0..=u16::MAX {
        for clean in [None, Some(true), Some(false)] {
            let why = explain(CloseCode::new(code), clean);
            assert!(!why.causes().is_empty(), "{code} {clean:?}");
            let sendable = CloseCode::new(code).is_sendable();
            if !sendable && !matches!(code, 1005 | 1006 | 1015) {
                assert_eq!(why.causes(), [Cause::InvalidCodeSent], "{code}");
            }
            if sendable {
                assert_eq!(why.causes(), [Cause::PeerClosed], "{code}");
            }
        }
    }
    let dropped = explain(CloseCode::ABNORMAL_CLOSURE, Some(false));
    for cause in [
        Cause::ConnectionDropped,
        Cause::IdleTimeout,
        Cause::MalformedClose,
        Cause::TlsHandshake,
    ] {
        assert!(dropped.causes().contains(&cause), "{cause:?}");
    }
    assert!(explain(CloseCode::NO_STATUS_RECEIVED, Some(true))
        .causes()
        .contains(&Cause::NoStatusCode));
    assert!(explain(CloseCode::TLS_HANDSHAKE, Some(false))
        .causes()
        .contains(&Cause::TlsHandshake));
    for cause in Cause::ALL {
        assert!(!cause.summary().is_empty() && !cause.check().is_empty());
    }
}
