//! The Rust column of the cross-language differential (`docs/differential.md`): reads the corpus
//! in `tests/differential/` and writes this crate's answers, through its public API, in the
//! neutral format every binding writes. `make test-differential` compares them with the core.
//!
//! Usage: `cargo run --example differential -- CORPUS_DIR OUT_FILE`

use std::fmt::Write as _;

use wsclose::{
    encode_close_payload, encode_close_payload_utf16, explain, parse_close_payload, Advice, CloseCode,
    Decision, Engine, Intent, PayloadError, Profile, Received, ReconnectPolicy, Reply, MAX_CLOSE_PAYLOAD,
};

fn hex(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "-".into();
    }
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn unhex(text: &str) -> Vec<u8> {
    if text == "-" {
        return Vec::new();
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn unhex16(text: &str) -> Vec<u16> {
    if text == "-" {
        return Vec::new();
    }
    (0..text.len())
        .step_by(4)
        .map(|i| u16::from_str_radix(&text[i..i + 4], 16).unwrap())
        .collect()
}

fn dash(value: Option<CloseCode>) -> String {
    value.map_or("-".into(), |c| c.as_u16().to_string())
}

fn error(err: &PayloadError) -> String {
    format!(
        "err\t{}\t{}\t{}\t{}\t{}",
        err.kind().const_name(),
        dash(err.close_code()),
        dash(err.code()),
        err.kind().result_number(),
        err.message()
    )
}

fn encoded(result: Result<usize, PayloadError>, buf: &[u8]) -> String {
    match result {
        Ok(len) => format!("ok\t{}", hex(&buf[..len])),
        Err(err) => error(&err),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [corpus, out_file] = args.as_slice() else {
        eprintln!("usage: differential CORPUS_DIR OUT_FILE");
        std::process::exit(2);
    };
    let read = |name: &str| std::fs::read_to_string(format!("{corpus}/{name}")).expect("corpus file");
    let data_lines = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(String::from)
            .collect()
    };
    let mut out = String::new();
    for value in 0..=u16::MAX {
        let code = CloseCode::new(value);
        let b = |v: bool| u8::from(v);
        let _ = writeln!(
            out,
            "code\t{value}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            code.category().const_name(),
            code.category().label(),
            code.name().unwrap_or("-"),
            code.const_name().unwrap_or("-"),
            b(code.is_sendable()),
            b(code.is_local_only()),
            b(code.is_browser_closeable()),
            b(code.is_ok()),
            code.reconnect().const_name(),
            code.reconnect().label(),
            code.description()
        );
    }
    for line in data_lines(&read("parse.txt")) {
        let payload = unhex(&line);
        let answer = match parse_close_payload(&payload) {
            Ok(close) => format!(
                "ok\t{}\t{}",
                close.code().as_u16(),
                hex(close.reason().as_bytes())
            ),
            Err(err) => error(&err),
        };
        let _ = writeln!(out, "parse\t{line}\t{answer}");
    }
    let encode_rows: Vec<Vec<String>> = data_lines(&read("encode.tsv"))
        .iter()
        .map(|l| l.split('\t').map(String::from).collect())
        .collect();
    let mut buf = [0u8; MAX_CLOSE_PAYLOAD];
    for row in &encode_rows {
        let code = CloseCode::new(row[0].parse().unwrap());
        let result = encode_close_payload(code, &unhex(&row[1]), &mut buf);
        let _ = writeln!(out, "encode\t{}\t{}\t{}", row[0], row[1], encoded(result, &buf));
    }
    for row in encode_rows.iter().filter(|row| row[2] != "x") {
        let code = CloseCode::new(row[0].parse().unwrap());
        let result = encode_close_payload_utf16(code, &unhex16(&row[2]), &mut buf);
        let _ = writeln!(out, "encode16\t{}\t{}\t{}", row[0], row[2], encoded(result, &buf));
    }
    for profile in Profile::ALL {
        for value in 0..=u16::MAX {
            let advice = profile.advice(CloseCode::new(value));
            let _ = writeln!(
                out,
                "advice\t{}\t{value}\t{}",
                profile.name(),
                advice.const_name()
            );
        }
    }
    for row in data_lines(&read("policy.tsv")) {
        let _ = writeln!(out, "policy\t{row}\t{}", policy(&row));
    }
    for value in 0..=u16::MAX {
        for (clean, was_clean) in [("-", None), ("0", Some(false)), ("1", Some(true))] {
            let names: Vec<&str> = explain(CloseCode::new(value), was_clean)
                .causes()
                .iter()
                .map(|c| c.const_name())
                .collect();
            let _ = writeln!(out, "explain\t{value}\t{clean}\t{}", names.join(","));
        }
    }
    let payloads = data_lines(&read("parse.txt"));
    for engine in Engine::ALL {
        let unhexed: Vec<Vec<u8>> = payloads.iter().map(|p| unhex(p)).collect();
        let inputs = [
            ("dropped".to_string(), Received::Dropped),
            ("reset".to_string(), Received::Reset),
        ]
        .into_iter()
        .chain(unhexed.iter().map(|bytes| (hex(bytes), Received::Payload(bytes))));
        for (input, received) in inputs {
            let event = engine.close_event(received);
            let reply = match event.reply {
                None => "none".to_string(),
                Some(Reply::Empty) => "empty".to_string(),
                Some(Reply::Close { code, reason }) => format!("{code}:{}", hex(reason.as_bytes())),
            };
            let _ = writeln!(
                out,
                "event\t{}\t{input}\t{}\t{}\t{}\t{}\t{reply}",
                engine.name(),
                event.code,
                u8::from(event.was_clean),
                u8::from(event.error_fired),
                hex(event.reason.as_bytes())
            );
        }
    }
    // An engine number that is no engine: the core's engines are `Engine::ALL`, so it finds none.
    for input in ["dropped", "reset", "03e8"] {
        assert!(Engine::ALL.get(7).is_none());
        let _ = writeln!(out, "event\t#7\t{input}\trefused");
    }
    let page_rows = data_lines(&read("pageclose.tsv"));
    for engine in Engine::ALL {
        for row in &page_rows {
            let (code, reason) = row.split_once('\t').expect("two fields");
            let number = match code {
                "undefined" => None,
                "NaN" => Some(f64::NAN),
                "Infinity" => Some(f64::INFINITY),
                "-Infinity" => Some(f64::NEG_INFINITY),
                _ => Some(code.parse::<f64>().expect("a number")),
            };
            let units = (reason != "undefined").then(|| unhex16(reason));
            let answer = match engine.close(number, units.as_deref()) {
                Ok(sent) => format!("ok\t{}\t{}", dash(sent.code()), hex(sent.reason().as_bytes())),
                Err(exception) => format!("throw\t{}", exception.name()),
            };
            let _ = writeln!(out, "pageclose\t{}\t{row}\t{answer}", engine.name());
        }
    }
    // Profile lookups by name and subprotocol. A Rust `str` cannot hold a lone surrogate: a name
    // whose WTF-8 bytes are not UTF-8 is looked up as no name at all, so it finds no profile.
    for row in data_lines(&read("profile.txt")) {
        let bytes = unhex(&row);
        let text = std::str::from_utf8(&bytes).ok();
        let found = |profile: Option<Profile>| profile.map_or("-", Profile::name);
        let _ = writeln!(
            out,
            "profile\t{row}\t{}\t{}",
            found(text.and_then(Profile::by_name)),
            found(text.and_then(Profile::by_subprotocol))
        );
    }
    let codes: Vec<u16> = data_lines(&read("intent.txt"))
        .iter()
        .map(|l| l.parse().unwrap())
        .collect();
    for profile in Profile::ALL {
        for intent in Intent::ALL {
            let head = format!("intent\t{}\t{}", profile.name(), intent.const_name());
            let ranges: Vec<_> = profile.codes_for(intent).collect();
            let _ = writeln!(out, "{head}\tranges\t{}", ranges.len());
            for range in ranges {
                let _ = writeln!(
                    out,
                    "{head}\trange\t{}\t{}\t{}",
                    range.first().as_u16(),
                    range.last().as_u16(),
                    range.advice().const_name()
                );
            }
            for &code in &codes {
                let verdict = match profile.check_intent(CloseCode::new(code), intent) {
                    Ok(()) => "ok".to_string(),
                    Err(miss) => match miss.advice() {
                        Some(advice) => format!(
                            "advice\t{}\t{}\t{}",
                            advice.const_name(),
                            dash(miss.below()),
                            dash(miss.above())
                        ),
                        None => format!("unsendable\t{}\t{}", dash(miss.below()), dash(miss.above())),
                    },
                };
                let _ = writeln!(out, "{head}\tcheck\t{code}\t{verdict}");
            }
        }
    }
    std::fs::write(out_file, out).expect("write answers");
}

/// One `policy.tsv` row: configure a policy through the public builder and decide.
fn policy(row: &str) -> String {
    let f: Vec<&str> = row.split('\t').collect();
    let mut policy = ReconnectPolicy::new()
        .with_base_ms(f[1].parse().unwrap())
        .with_cap_ms(f[2].parse().unwrap())
        .with_max_attempts(if f[3] == "-" {
            None
        } else {
            Some(f[3].parse().unwrap())
        })
        .with_retry_unspecified(f[4] == "1");
    if let Some(profile) = Profile::by_name(f[0]) {
        policy = policy.with_profile(profile);
    }
    for item in f[5].split(',').filter(|item| *item != "-") {
        let (code, name) = item.split_once(':').unwrap();
        // `#N`: the raw advice number N; `Advice::from_u8` refuses a number that is no advice.
        let advice = match name.strip_prefix('#') {
            Some(number) => match Advice::from_u8(number.parse().unwrap()) {
                Some(advice) => advice,
                None => return "refused\t-".to_string(),
            },
            None => Advice::ALL.into_iter().find(|a| a.const_name() == name).unwrap(),
        };
        policy
            .try_override(CloseCode::new(code.parse().unwrap()), advice)
            .unwrap();
    }
    let random: u64 = f[9].parse().unwrap();
    match policy.decide(
        CloseCode::new(f[6].parse().unwrap()),
        f[7] == "1",
        f[8].parse().unwrap(),
        || random,
    ) {
        Decision::Stop => "stop\t-".to_string(),
        Decision::RetryAfter(ms) => format!("retry\t{ms}"),
    }
}
