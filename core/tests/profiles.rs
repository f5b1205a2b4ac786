//! Profiles and the reconnect policy.
//!
//! The Discord, Twitch and SaltyRTC tables below are a second transcription, typed from the
//! source documents (see docs/profiles.md for repository, path and commit), not copied from
//! core/profiles/*.tsv. The graphql-ws and Centrifuge rules are written out as the code of their
//! clients reads, and checked over all 65,536 codes.

use std::collections::HashSet;
use std::path::Path;

use wsclose::{Advice, CloseCode, Decision, Profile, ReconnectPolicy};

const STOP: Advice = Advice::Stop;
const RETRY: Advice = Advice::Retry;
const RESUME: Advice = Advice::Resume;

fn all_codes() -> impl Iterator<Item = CloseCode> {
    (0..=u16::MAX).map(CloseCode::new)
}

/// Checks a profile's named codes against an independent list, exactly: the same codes, names
/// and advice, nothing more.
fn check_rows(profile: Profile, expected: &[(u16, &str, Advice)]) {
    let codes: Vec<u16> = profile.codes().iter().map(|row| row.code().as_u16()).collect();
    let wanted: Vec<u16> = expected.iter().map(|(code, _, _)| *code).collect();
    assert_eq!(codes, wanted, "{profile}: the named codes");
    for (code, name, advice) in expected {
        let row = profile.lookup(CloseCode::new(*code)).unwrap();
        assert_eq!(row.name(), *name, "{profile} {code}");
        assert_eq!(row.advice(), *advice, "{profile} {code}");
        assert_eq!(profile.advice(CloseCode::new(*code)), *advice, "{profile} {code}");
    }
}

// Discord: developers/topics/opcodes-and-status-codes.mdx, "Gateway Close Event Codes".
// true → resume, except "start a new session" → retry; false → stop.
const DISCORD_GATEWAY: [(u16, &str, Advice); 15] = [
    (1005, "No Status Received", RESUME), // gateway.mdx: disconnected without any close code
    (1006, "Abnormal Closure", RESUME),
    (4000, "Unknown Error", RESUME),
    (4001, "Unknown Opcode", RESUME),
    (4002, "Decode Error", RESUME),
    (4003, "Not Authenticated", RESUME),
    (4004, "Authentication Failed", STOP),
    (4005, "Already Authenticated", RESUME),
    (4007, "Invalid Seq", RETRY),
    (4008, "Rate Limited", RESUME),
    (4009, "Session Timed Out", RETRY),
    (4010, "Invalid Shard", STOP),
    (4011, "Sharding Required", STOP),
    (4012, "Invalid API Version", STOP),
    (4013, "Invalid Intents", STOP),
];

// Discord: "Voice Close Event Codes". Only 4014/4021/4022 (do not reconnect) and 4015 (resume)
// carry advice in the source; the rest is wsclose's judgement, repeated here on purpose.
const DISCORD_VOICE: [(u16, &str, Advice); 15] = [
    (4001, "Unknown Opcode", STOP),
    (4002, "Failed to Decode Payload", STOP),
    (4003, "Not Authenticated", STOP),
    (4004, "Authentication Failed", STOP),
    (4005, "Already Authenticated", STOP),
    (4006, "Session No Longer Valid", RETRY),
    (4009, "Session Timeout", RETRY),
    (4011, "Server Not Found", STOP),
    (4012, "Unknown Protocol", STOP),
    (4014, "Disconnected", STOP),
    (4015, "Voice Server Crashed", RESUME),
    (4016, "Unknown Encryption Mode", STOP),
    (4017, "E2EE/DAVE Protocol Required", STOP),
    (4020, "Bad Request", STOP),
    (4021, "Disconnected: Rate Limited", STOP),
];

// twitch-cli internal/events/websocket/mock_server/close_messages.go.
const TWITCH: [(u16, &str, Advice); 8] = [
    (4000, "Internal Server Error", RETRY),
    (4001, "Client Sent Inbound Traffic", STOP),
    (4002, "Client Failed Ping-Pong", RETRY),
    (4003, "Connection Unused", RETRY),
    (4004, "Reconnect Grace Time Expired", RETRY),
    (4005, "Network Timeout", RETRY),
    (4006, "Network Error", RETRY),
    (4007, "Invalid Reconnect", RETRY),
];

// saltyrtc-meta Protocol.md, "Close Code Enumeration". Advice is wsclose's judgement.
const SALTYRTC: [(u16, &str, Advice); 9] = [
    (3000, "Path Full", RETRY),
    (3001, "Protocol Error", STOP),
    (3002, "Internal Error", RETRY),
    (3003, "Handover of the Signalling Channel", STOP),
    (3004, "Dropped by Initiator", STOP),
    (3005, "Initiator Could Not Decrypt", STOP),
    (3006, "No Shared Task Found", STOP),
    (3007, "Invalid Key", STOP),
    (3008, "Timeout", RETRY),
];

#[test]
fn discord_gateway_row_by_row() {
    let mut expected = DISCORD_GATEWAY.to_vec();
    expected.push((4014, "Disallowed Intents", STOP));
    check_rows(Profile::DISCORD_GATEWAY, &expected);
    assert!(
        Profile::DISCORD_GATEWAY.lookup(CloseCode::new(4006)).is_none(),
        "there is no 4006"
    );
    assert!(Profile::DISCORD_GATEWAY.ranges().is_empty());
}

#[test]
fn discord_voice_row_by_row() {
    let mut expected = DISCORD_VOICE.to_vec();
    expected.push((4022, "Disconnected: Call Terminated", STOP));
    check_rows(Profile::DISCORD_VOICE, &expected);
    assert!(Profile::DISCORD_VOICE.ranges().is_empty());
}

#[test]
fn twitch_eventsub_row_by_row() {
    check_rows(Profile::TWITCH_EVENTSUB, &TWITCH);
    assert!(Profile::TWITCH_EVENTSUB.ranges().is_empty());
}

#[test]
fn saltyrtc_row_by_row() {
    check_rows(Profile::SALTYRTC, &SALTYRTC);
    assert!(Profile::SALTYRTC.ranges().is_empty());
}

/// graphql-ws src/client.ts: `isFatalInternalCloseCode` and the list in
/// `shouldRetryConnectOrThrow`; everything else is retried (default `shouldRetry`).
fn graphql_ws_client(code: u16) -> Advice {
    let fatal_internal =
        (1000..=1999).contains(&code) && ![1000, 1001, 1006, 1005, 1012, 1013, 1014].contains(&code);
    let fatal_listed = [4500, 4005, 4400, 4004, 4401, 4406, 4409, 4429].contains(&code);
    if fatal_internal || fatal_listed {
        STOP
    } else {
        RETRY
    }
}

#[test]
fn graphql_transport_ws_matches_the_client_over_every_code() {
    let profile = Profile::GRAPHQL_TRANSPORT_WS;
    for code in all_codes() {
        assert_eq!(profile.advice(code), graphql_ws_client(code.as_u16()), "{code}");
    }
    let named: Vec<(u16, &str)> = profile
        .codes()
        .iter()
        .filter(|row| row.code().as_u16() >= 4000)
        .map(|row| (row.code().as_u16(), row.const_name()))
        .collect();
    // src/common.ts enum CloseCode, plus the client's synthetic 4499.
    assert_eq!(
        named,
        [
            (4004, "BAD_RESPONSE"),
            (4005, "INTERNAL_CLIENT_ERROR"),
            (4400, "BAD_REQUEST"),
            (4401, "UNAUTHORIZED"),
            (4403, "FORBIDDEN"),
            (4406, "SUBPROTOCOL_NOT_ACCEPTABLE"),
            (4408, "CONNECTION_INITIALISATION_TIMEOUT"),
            (4409, "SUBSCRIBER_ALREADY_EXISTS"),
            (4429, "TOO_MANY_INITIALISATION_REQUESTS"),
            (4499, "TERMINATED"),
            (4500, "INTERNAL_SERVER_ERROR"),
            (4504, "CONNECTION_ACKNOWLEDGEMENT_TIMEOUT"),
        ]
    );
    assert_eq!(profile.subprotocols(), ["graphql-transport-ws"]);
}

/// centrifuge disconnect.go: reconnect on 3000–3499, 4000–4499 and ≥ 5000; 3500–3999 and
/// 4500–4999 are terminal; below 3000 centrifuge-js (src/centrifuge.ts:1043-1078) reconnects on
/// every close code but 1009.
fn centrifuge_rule(code: CloseCode) -> Advice {
    match code.as_u16() {
        1009 => STOP,
        0..=2999 | 3000..=3499 | 4000..=4499 | 5000..=u16::MAX => RETRY,
        3500..=3999 | 4500..=4999 => STOP,
    }
}

#[test]
fn centrifuge_follows_its_ranges_over_every_code() {
    for code in all_codes() {
        assert_eq!(Profile::CENTRIFUGE.advice(code), centrifuge_rule(code), "{code}");
    }
    let named: Vec<u16> = Profile::CENTRIFUGE
        .codes()
        .iter()
        .map(|r| r.code().as_u16())
        .collect();
    let mut expected: Vec<u16> = vec![
        1009, 3000, 3001, 3004, 3005, 3006, 3008, 3009, 3010, 3011, 3012, 3013, 3014,
    ];
    expected.extend(3500..=3509);
    assert_eq!(named, expected);
    let row = Profile::CENTRIFUGE.lookup(CloseCode::new(3503)).unwrap();
    assert_eq!(
        (row.const_name(), row.name()),
        ("FORCE_NO_RECONNECT", "Force Disconnect")
    );
}

#[test]
fn every_row_is_well_formed() {
    let mut names = HashSet::new();
    for profile in Profile::ALL {
        assert!(names.insert(profile.name()));
        assert_eq!(Profile::by_name(profile.name()), Some(profile));
        assert!(profile.source().contains("github.com/") && profile.source().contains("commit"));
        for token in profile.subprotocols() {
            assert_eq!(Profile::by_subprotocol(token), Some(profile));
        }
        let mut consts = HashSet::new();
        let mut previous = None;
        for row in profile.codes() {
            let code = row.code();
            assert!(previous < Some(code), "{profile}: codes in order, once each");
            previous = Some(code);
            assert!(
                consts.insert(row.const_name()),
                "{profile}: {} twice",
                row.const_name()
            );
            assert!(!row.name().is_empty() && row.description().ends_with('.'));
            assert_ne!(row.advice(), Advice::Unspecified);
            assert!(!row.source().is_empty());
            let same = profile.lookup(code).unwrap();
            assert!(std::ptr::eq(same, row));
            assert_eq!(profile.advice(code), row.advice());
        }
        for pair in profile.ranges().windows(2) {
            assert!(pair[0].last() < pair[1].first(), "{profile}: ranges overlap");
        }
        for rule in profile.ranges() {
            assert!(rule.first() < rule.last());
            assert_ne!(rule.advice(), Advice::Unspecified);
        }
    }
    assert_eq!(Profile::ALL.len(), 6);
}

#[test]
fn advice_is_total_and_falls_back_to_the_standard() {
    for profile in Profile::ALL {
        let mut unspecified = 0;
        for code in all_codes() {
            let advice = profile.advice(code);
            let expected = match (profile.lookup(code), profile.range_of(code)) {
                (Some(row), _) => row.advice(),
                (None, Some(rule)) => rule.advice(),
                (None, None) => Advice::standard(code),
            };
            assert_eq!(advice, expected, "{profile} {code}");
            if advice == Advice::Unspecified {
                unspecified += 1;
                assert!((3000..=4999).contains(&code.as_u16()), "{profile} {code}");
            }
        }
        // Every profile leaves something to the application, except those with range rules
        // covering 3000–4999.
        let covered = profile
            .ranges()
            .iter()
            .map(|r| u32::from(r.last().as_u16() - r.first().as_u16()) + 1);
        assert!(unspecified > 0 || covered.sum::<u32>() >= 2000, "{profile}");
    }
}

#[test]
fn lookup_by_name_and_subprotocol() {
    assert_eq!(Profile::by_name("centrifuge"), Some(Profile::CENTRIFUGE));
    assert_eq!(Profile::by_name("CENTRIFUGE"), None);
    assert_eq!(Profile::by_name(""), None);
    assert_eq!(
        Profile::by_subprotocol("graphql-transport-ws"),
        Some(Profile::GRAPHQL_TRANSPORT_WS)
    );
    assert_eq!(
        Profile::by_subprotocol("centrifuge-json"),
        Some(Profile::CENTRIFUGE)
    );
    assert_eq!(
        Profile::by_subprotocol("centrifuge-protobuf"),
        Some(Profile::CENTRIFUGE)
    );
    assert_eq!(
        Profile::by_subprotocol("v1.saltyrtc.org"),
        Some(Profile::SALTYRTC)
    );
    assert_eq!(Profile::by_subprotocol("V1.SALTYRTC.ORG"), None, "case-sensitive");
    assert_eq!(
        Profile::by_subprotocol(" graphql-transport-ws"),
        None,
        "no trimming"
    );
    assert_eq!(Profile::by_subprotocol("graphql-ws"), None);
    assert_eq!(format!("{:?}", Profile::SALTYRTC), "Profile(\"saltyrtc\")");
    assert_eq!(Profile::TWITCH_EVENTSUB.to_string(), "twitch-eventsub");
    const FOUND: Option<Profile> = Profile::by_name("discord-voice");
    assert_eq!(FOUND, Some(Profile::DISCORD_VOICE));
}

#[test]
fn advice_numbers_are_the_abi() {
    for (advice, number, label, ident) in [
        (Advice::Stop, 0, "stop", "STOP"),
        (Advice::Retry, 1, "retry", "RETRY"),
        (Advice::Resume, 2, "resume", "RESUME"),
        (Advice::Unspecified, 3, "unspecified", "UNSPECIFIED"),
    ] {
        assert_eq!(advice as u8, number);
        assert_eq!(Advice::from_u8(number), Some(advice));
        assert_eq!((advice.label(), advice.const_name()), (label, ident));
        assert_eq!(advice.to_string(), label);
    }
    assert_eq!(Advice::from_u8(4), None);
}

#[test]
fn iana_clashes() {
    // SaltyRTC and Centrifuge use registered codes for their own meanings.
    for (code, iana, salty) in [
        (3000, "Unauthorized", "Path Full"),
        (3003, "Forbidden", "Handover of the Signalling Channel"),
        (3008, "Timeout", "Timeout"),
    ] {
        let code = CloseCode::new(code);
        assert_eq!(code.name(), Some(iana));
        assert_eq!(Profile::SALTYRTC.lookup(code).unwrap().name(), salty);
    }
    assert_eq!(
        Profile::CENTRIFUGE.lookup(CloseCode::new(3008)).unwrap().name(),
        "Slow"
    );
}

// ---- the policy ----

/// A deterministic random source: a counter through SplitMix64.
fn splitmix(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

#[test]
fn jitter_stays_within_the_ceiling_and_reaches_both_ends() {
    let policy = ReconnectPolicy::new().with_base_ms(100).with_cap_ms(10_000);
    let mut random = splitmix(1);
    for attempt in 0..12 {
        let ceiling = (100u64 << attempt).min(10_000);
        assert_eq!(policy.ceiling_ms(attempt), ceiling);
        let mut seen_low = false;
        let mut seen_high = false;
        for _ in 0..2_000 {
            let ms = policy
                .decide(CloseCode::GOING_AWAY, true, attempt, &mut random)
                .delay_ms()
                .unwrap();
            assert!(ms <= ceiling, "attempt {attempt}: {ms} > {ceiling}");
            seen_low |= ms < ceiling / 4;
            seen_high |= ms > ceiling / 4 * 3;
        }
        assert!(
            seen_low && seen_high,
            "attempt {attempt}: jitter covers the range"
        );
        assert_eq!(policy.delay_ms(attempt, 0), 0);
        assert_eq!(policy.delay_ms(attempt, u64::MAX), ceiling);
    }
}

#[test]
fn the_same_random_numbers_give_the_same_delays() {
    let policy = ReconnectPolicy::new();
    let run = |seed| -> Vec<Decision> {
        let mut random = splitmix(seed);
        (0..10)
            .map(|a| policy.decide(CloseCode::ABNORMAL_CLOSURE, false, a, &mut random))
            .collect()
    };
    assert_eq!(run(7), run(7));
    assert_ne!(run(7), run(8));
}

#[test]
fn large_attempts_do_not_overflow() {
    for (base, cap) in [
        (1, u64::MAX),
        (1_000, u64::MAX),
        (u64::MAX, u64::MAX),
        (1_000, 30_000),
        (0, 5),
    ] {
        let policy = ReconnectPolicy::new().with_base_ms(base).with_cap_ms(cap);
        for attempt in [0, 1, 31, 32, 53, 62, 63, 64, 65, 100, 1_000, u32::MAX] {
            let ceiling = policy.ceiling_ms(attempt);
            let exact = u128::from(base) << attempt.min(100);
            let expected = if attempt >= 64 && base > 0 {
                cap
            } else {
                exact.min(u128::from(cap)) as u64
            };
            assert_eq!(ceiling, expected, "base {base} cap {cap} attempt {attempt}");
            assert!(policy.delay_ms(attempt, u64::MAX) <= ceiling);
            assert_eq!(policy.delay_ms(attempt, u64::MAX), ceiling);
        }
    }
}

#[test]
fn the_random_source_is_used_only_for_retries() {
    let policy = ReconnectPolicy::new();
    let mut calls = 0;
    let mut counting = || {
        calls += 1;
        0
    };
    assert_eq!(
        policy.decide(CloseCode::POLICY_VIOLATION, true, 0, &mut counting),
        Decision::Stop
    );
    assert_eq!(
        policy.decide(CloseCode::SERVICE_RESTART, true, 0, &mut counting),
        Decision::RetryAfter(0)
    );
    assert_eq!(calls, 1);
}

#[test]
fn policy_without_profile_follows_the_standard() {
    let policy = ReconnectPolicy::new();
    for code in all_codes() {
        let expected = match Advice::standard(code) {
            Advice::Unspecified => RETRY,
            advice => advice,
        };
        assert_eq!(policy.advice(code, true), expected, "{code}");
        let stops = policy.decide(code, true, 0, || 0) == Decision::Stop;
        assert_eq!(stops, expected == STOP, "{code}");
    }
    let strict = policy.with_retry_unspecified(false);
    assert_eq!(strict.advice(CloseCode::new(4000), true), STOP);
    assert_eq!(strict.advice(CloseCode::UNAUTHORIZED, true), STOP);
}

#[test]
fn unclean_closes() {
    let policy = ReconnectPolicy::new().with_profile(Profile::GRAPHQL_TRANSPORT_WS);
    for code in all_codes() {
        let unclean = policy.advice(code, false);
        let expected = if code.is_sendable() || code.as_u16() == 1015 {
            policy.advice(code, true)
        } else {
            policy.advice(CloseCode::ABNORMAL_CLOSURE, true)
        };
        assert_eq!(unclean, expected, "{code}");
    }
    // A clean 1004 is fatal to graphql-ws; an unclean one is a dropped connection.
    assert_eq!(policy.advice(CloseCode::RESERVED, true), STOP);
    assert_eq!(policy.advice(CloseCode::RESERVED, false), RETRY);
    // The peer's own code survives an unclean teardown.
    assert_eq!(policy.advice(CloseCode::new(4401), false), STOP);
    // 1015: a TLS failure stops, clean or not.
    let plain = ReconnectPolicy::new();
    assert_eq!(plain.advice(CloseCode::TLS_HANDSHAKE, false), STOP);
    assert_eq!(plain.advice(CloseCode::TLS_HANDSHAKE, true), STOP);
    assert_eq!(plain.advice(CloseCode::new(0), false), RETRY);
    assert_eq!(plain.advice(CloseCode::new(0), true), STOP);
    assert_eq!(plain.advice(CloseCode::new(5000), false), RETRY);
}

#[test]
fn profiles_and_overrides() {
    let discord = ReconnectPolicy::new().with_profile(Profile::DISCORD_GATEWAY);
    assert_eq!(discord.profile(), Some(Profile::DISCORD_GATEWAY));
    for (code, _, advice) in DISCORD_GATEWAY {
        assert_eq!(discord.advice(CloseCode::new(code), true), advice, "{code}");
        let stops = discord.decide(CloseCode::new(code), true, 3, || 0) == Decision::Stop;
        assert_eq!(stops, advice == STOP, "{code}");
    }

    let tuned = discord
        .with_override(CloseCode::new(4004), RETRY)
        .with_override(CloseCode::new(4000), STOP)
        .with_override(CloseCode::new(4000), RESUME)
        .with_override(CloseCode::ABNORMAL_CLOSURE, STOP)
        .with_override(CloseCode::new(4999), Advice::Unspecified);
    assert_eq!(tuned.overrides().len(), 4, "setting a code twice replaces");
    assert_eq!(tuned.advice(CloseCode::new(4004), true), RETRY);
    assert_eq!(tuned.advice(CloseCode::new(4000), true), RESUME);
    assert_eq!(tuned.advice(CloseCode::ABNORMAL_CLOSURE, false), STOP);
    // An unclean 1005 is handled as 1006 by the profile, not by 1006's override: overrides
    // match the code as reported.
    assert_eq!(tuned.advice(CloseCode::NO_STATUS_RECEIVED, false), RESUME);
    assert_eq!(tuned.advice(CloseCode::new(4999), true), RETRY);
    assert_eq!(
        tuned
            .with_retry_unspecified(false)
            .advice(CloseCode::new(4999), true),
        STOP
    );
    // Codes the override does not touch keep the profile's advice.
    assert_eq!(tuned.advice(CloseCode::new(4010), true), STOP);

    let mut policy = ReconnectPolicy::new();
    for i in 0..ReconnectPolicy::MAX_OVERRIDES as u16 {
        policy.try_override(CloseCode::new(4000 + i), STOP).unwrap();
    }
    assert_eq!(
        policy.try_override(CloseCode::new(4000), RETRY),
        Ok(()),
        "replacing still works"
    );
    assert!(policy.try_override(CloseCode::new(4500), RETRY).is_err());
    assert_eq!(policy.advice(CloseCode::new(4000), true), RETRY);
    assert_eq!(policy.advice(CloseCode::new(4001), true), STOP);
}

#[test]
#[should_panic(expected = "MAX_OVERRIDES")]
fn with_override_panics_when_full() {
    let mut policy = ReconnectPolicy::new();
    for i in 0..=ReconnectPolicy::MAX_OVERRIDES as u16 {
        policy = policy.with_override(CloseCode::new(4000 + i), STOP);
    }
}

#[test]
fn attempt_limit() {
    let policy = ReconnectPolicy::new().with_max_attempts(Some(3));
    assert_eq!(policy.max_attempts(), Some(3));
    for attempt in 0..3 {
        assert!(matches!(
            policy.decide(CloseCode::GOING_AWAY, true, attempt, || 0),
            Decision::RetryAfter(_)
        ));
    }
    assert_eq!(
        policy.decide(CloseCode::GOING_AWAY, true, 3, || 0),
        Decision::Stop
    );
    assert_eq!(
        policy
            .with_max_attempts(Some(0))
            .decide(CloseCode::GOING_AWAY, true, 0, || 0),
        Decision::Stop
    );
}

// ---- docs/profiles.md ----

/// The generated part of docs/profiles.md, rendered from the library.
fn render_tables() -> String {
    let mut out = String::new();
    for profile in Profile::ALL {
        out.push_str(&format!("### {} (`{}`)\n\n", profile.title(), profile.name()));
        let subprotocols = if profile.subprotocols().is_empty() {
            "none".to_string()
        } else {
            profile
                .subprotocols()
                .iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push_str(&format!(
            "Subprotocols: {subprotocols}. Source: {}.\n\n",
            profile.source()
        ));
        out.push_str("| code | constant | name | advice | description | source |\n");
        out.push_str("|-----:|----------|------|--------|-------------|--------|\n");
        for row in profile.codes() {
            out.push_str(&format!(
                "| {} | `{}` | {} | {} | {} | {} |\n",
                row.code().as_u16(),
                row.const_name(),
                row.name(),
                row.advice(),
                row.description(),
                row.source()
            ));
        }
        if !profile.ranges().is_empty() {
            out.push_str("\n| range | advice | rule | source |\n|-------|--------|------|--------|\n");
            for rule in profile.ranges() {
                out.push_str(&format!(
                    "| {}–{} | {} | {} | {} |\n",
                    rule.first().as_u16(),
                    rule.last().as_u16(),
                    rule.advice(),
                    rule.description(),
                    rule.source()
                ));
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn docs_profiles_md_is_current() {
    const BEGIN: &str =
        "<!-- BEGIN tables generated by core/tests/profiles.rs (WSCLOSE_BLESS=1 rewrites) -->\n";
    const END: &str = "<!-- END tables -->\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/profiles.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find(BEGIN).expect("begin marker") + BEGIN.len();
    let end = text.find(END).expect("end marker");
    let rendered = render_tables();
    if std::env::var_os("WSCLOSE_BLESS").is_some() {
        std::fs::write(&path, format!("{}{rendered}{}", &text[..start], &text[end..])).unwrap();
    } else {
        assert!(
            text[start..end] == rendered,
            "docs/profiles.md is out of date: run WSCLOSE_BLESS=1 cargo test -p wsclose --test profiles"
        );
    }
}

/// Equality and hashing do not depend on the order the overrides were set in; they do depend on
/// which codes and which advice (and a code set twice counts once, with its later advice).
#[test]
fn policy_equality_ignores_override_order() {
    use std::collections::hash_map::DefaultHasher;
    use std::hash::{Hash, Hasher};
    fn hash(policy: &ReconnectPolicy) -> u64 {
        let mut hasher = DefaultHasher::new();
        policy.hash(&mut hasher);
        hasher.finish()
    }
    let codes: Vec<CloseCode> = (4000..4008).map(CloseCode::new).collect();
    let forward = codes
        .iter()
        .fold(ReconnectPolicy::new(), |p, &c| p.with_override(c, STOP));
    let backward = codes
        .iter()
        .rev()
        .fold(ReconnectPolicy::new(), |p, &c| p.with_override(c, STOP));
    assert_ne!(forward.overrides(), backward.overrides());
    assert_eq!(forward, backward);
    assert_eq!(hash(&forward), hash(&backward));
    let twice = backward
        .with_override(codes[0], RETRY)
        .with_override(codes[0], STOP);
    assert_eq!(twice, forward);
    assert_ne!(forward.with_override(codes[0], RETRY), forward);
    let fewer = codes[1..]
        .iter()
        .fold(ReconnectPolicy::new(), |p, &c| p.with_override(c, STOP));
    assert_ne!(fewer, forward);
    assert_ne!(fewer.with_override(CloseCode::new(4999), STOP), forward);
    assert_ne!(forward.with_base_ms(1), forward);
}
