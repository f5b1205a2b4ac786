//! `make demo` (examples/demo/run.sh): the stories only wsclose tells, from the core's rules.
//!
//! - `wsclose-demo story`: a Chromium and a Firefox page seeing the same server close
//!   differently, `explain` for an unclean 1006, and a Discord Gateway 4004 against a 4000 under
//!   the reconnect policy.
//! - `wsclose-demo line CODE...`: one line of answers (category, reconnect advice, Discord
//!   Gateway advice per code), which `demo.c` and `demo.py` print too; run.sh compares them.

use std::process::ExitCode;

use wsclose::{
    classify, explain, CloseCode, CloseEvent, Decision, Engine, Profile, Received, ReconnectPolicy, Reply,
};

/// Server closes that two engines report differently: (what the server sent, the payload).
const CLOSES: [(&str, &[u8]); 2] = [
    ("a 1-byte payload (0x03)", b"\x03"),
    ("1000, reason not UTF-8 (0x03 0xe8 0xff)", b"\x03\xe8\xff"),
];

/// The random number the policy gets in the demo: half of 2^64, so each delay is half its ceiling.
const HALF: u64 = 1 << 63;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.split_first() {
        Some((verb, [])) if verb == "story" => {
            browsers();
            unclean_1006();
            discord();
            ExitCode::SUCCESS
        }
        Some((verb, codes)) if verb == "line" && !codes.is_empty() => line(codes),
        _ => {
            eprintln!("usage: wsclose-demo story | wsclose-demo line CODE...");
            ExitCode::from(2)
        }
    }
}

fn reply(event: &CloseEvent<'_>) -> String {
    match event.reply {
        None => "closes TCP, sends no Close frame".to_string(),
        Some(Reply::Empty) => "replies with an empty Close frame".to_string(),
        Some(Reply::Close { code, reason }) => format!("replies Close {code} {reason:?}"),
    }
}

fn browsers() {
    println!("1. One server close, two browsers (core/src/browser.rs; make test-e2e checks it in real ones)");
    for (what, payload) in CLOSES {
        println!("   the server closes with {what}:");
        for engine in Engine::ALL {
            let event = engine.close_event(Received::Payload(payload));
            let error = if event.error_fired {
                " after an error event"
            } else {
                ""
            };
            println!(
                "     {:<8}  CloseEvent {{ code: {}, reason: {:?}, wasClean: {} }}{}; {}",
                engine.name(),
                event.code,
                event.reason,
                event.was_clean,
                error,
                reply(&event),
            );
        }
    }
    println!();
}

fn unclean_1006() {
    let why = explain(CloseCode::ABNORMAL_CLOSURE, Some(false));
    println!("2. explain: a page saw code 1006, wasClean false. Likely causes, most likely first:");
    for (i, cause) in why.causes().iter().enumerate() {
        println!("   {}. {:<19} {}", i + 1, cause.const_name(), cause.summary());
    }
    if let Some(first) = why.causes().first() {
        println!("   what to check first: {}", first.check());
    }
    println!();
}

fn decision(decision: Decision) -> String {
    match decision {
        Decision::Stop => "stop".to_string(),
        Decision::RetryAfter(ms) => format!("retry after {ms} ms"),
    }
}

fn discord() {
    let profile = Profile::DISCORD_GATEWAY;
    let policy = ReconnectPolicy::new().with_profile(profile);
    println!(
        "3. Reconnect policy with the {} profile (exponential backoff, full jitter; random = 2^63 here)",
        profile.name()
    );
    for code in [4004, 4000].map(CloseCode::new) {
        let name = profile.lookup(code).map_or("?", |row| row.name());
        let attempts: Vec<String> = (0..3)
            .map(|attempt| decision(policy.decide(code, true, attempt, || HALF)))
            .collect();
        println!(
            "   {} {:<22} advice {:<7} attempts 0, 1, 2: {}",
            code.as_u16(),
            name,
            profile.advice(code).label(),
            attempts.join(", ")
        );
    }
    println!();
}

fn line(codes: &[String]) -> ExitCode {
    let profile = Profile::DISCORD_GATEWAY;
    let mut fields = Vec::new();
    for arg in codes {
        let Ok(value) = arg.parse::<u16>() else {
            eprintln!("{arg:?} is not a close code (0-65535)");
            return ExitCode::from(2);
        };
        let code = CloseCode::new(value);
        fields.push(format!(
            "{value} {}/{}/{}",
            classify(value).label(),
            code.reconnect().label(),
            profile.advice(code).label()
        ));
    }
    println!("{}", fields.join("; "));
    ExitCode::SUCCESS
}
