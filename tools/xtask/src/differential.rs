//! The cross-language differential: one corpus (`tests/differential/`), every binding's answers
//! in one neutral format, and the checker that compares them with the core byte for byte.
//!
//! Format of an answers file (UTF-8, one line per answer, tab-separated, `docs/differential.md`):
//!
//! ```text
//! code     <code> <CATEGORY> <category label> <name|-> <CONST|-> <sendable> <local_only> <browser_closeable> <ok> <RECONNECT> <reconnect label> <description>
//! parse    <payload hex|-> ok <code> <reason hex|->
//! parse    <payload hex|-> err <KIND> <answer code|-> <code|-> <result number> <message>
//! encode   <code> <reason hex|-> ok <payload hex>
//! encode   <code> <reason hex|-> err <KIND> <answer code|-> <code|-> <result number> <message>
//! encode16 <code> <reason UTF-16 hex|-> (then as encode)
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use wsclose::{
    encode_close_payload, encode_close_payload_utf16, explain, parse_close_payload, Advice, CloseCode,
    Decision, Engine, Intent, PayloadError, Profile, Received, ReconnectPolicy, Reply, MAX_CLOSE_PAYLOAD,
};

use crate::hex;

/// Every section, in the order of the answer files.
const EVERY_SECTION: &[&str] = &[
    "code",
    "parse",
    "encode",
    "encode16",
    "advice",
    "policy",
    "explain",
    "event",
    "pageclose",
    "profile",
    "intent",
];
/// Go has no UTF-16 strings: every section but `encode16`.
const NO_ENCODE16: &[&str] = &[
    "code",
    "parse",
    "encode",
    "advice",
    "policy",
    "explain",
    "event",
    "pageclose",
    "profile",
    "intent",
];

/// The answer files: the languages, Java twice (`java` on JDK 25 through FFM, `java-jna`
/// the same jar on JDK 17 through JNA), Go twice (`go` through cgo and libwsclose, `go-wasm` with
/// CGO_ENABLED=0 through the WebAssembly module under wazero), JavaScript under Node.js (`node`:
/// the npm package `wsclose`, bindings/js; the same package in Chromium and Firefox writes
/// `chromium` and `firefox` from tests/e2e, checked with `--sections`), and the sections each must
/// answer.
/// `encode` takes reason bytes, `encode16` a reason string of UTF-16 code units (or, in Python, a
/// `str`).
pub const LANGUAGES: [(&str, &[&str]); 9] = [
    ("rust", EVERY_SECTION),
    ("c", EVERY_SECTION),
    ("cpp", EVERY_SECTION),
    ("python", EVERY_SECTION),
    ("go", NO_ENCODE16),
    ("go-wasm", NO_ENCODE16),
    ("node", EVERY_SECTION),
    ("java", EVERY_SECTION),
    ("java-jna", EVERY_SECTION),
];

fn bit(value: bool) -> u8 {
    u8::from(value)
}

fn or_dash<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| "-".to_string(), |v| v.to_string())
}

pub fn code_line(value: u16) -> String {
    let code = CloseCode::new(value);
    let info = code.info();
    format!(
        "code\t{value}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
        info.category.const_name(),
        info.category.label(),
        info.name.unwrap_or("-"),
        code.const_name().unwrap_or("-"),
        bit(info.sendable),
        bit(info.local_only),
        bit(info.browser_closeable),
        bit(info.ok),
        info.reconnect.const_name(),
        info.reconnect.label(),
        info.description,
    )
}

fn error_fields(err: &PayloadError) -> String {
    format!(
        "err\t{}\t{}\t{}\t{}\t{}",
        err.kind().const_name(),
        or_dash(err.close_code().map(CloseCode::as_u16)),
        or_dash(err.code().map(CloseCode::as_u16)),
        err.kind().result_number(),
        err.message(),
    )
}

pub fn parse_line(payload: &[u8]) -> String {
    let answer = match parse_close_payload(payload) {
        Ok(close) => format!(
            "ok\t{}\t{}",
            close.code().as_u16(),
            hex(close.reason().as_bytes())
        ),
        Err(err) => error_fields(&err),
    };
    format!("parse\t{}\t{answer}", hex(payload))
}

fn encode_answer(result: Result<usize, PayloadError>, buf: &[u8]) -> String {
    match result {
        Ok(len) => format!("ok\t{}", hex(&buf[..len])),
        Err(err) => error_fields(&err),
    }
}

pub fn encode_line(code: u16, reason: &[u8]) -> String {
    let mut buf = [0u8; MAX_CLOSE_PAYLOAD];
    let result = encode_close_payload(CloseCode::new(code), reason, &mut buf);
    format!("encode\t{code}\t{}\t{}", hex(reason), encode_answer(result, &buf))
}

pub fn encode16_line(code: u16, units: &[u16]) -> String {
    let mut buf = [0u8; MAX_CLOSE_PAYLOAD];
    let result = encode_close_payload_utf16(CloseCode::new(code), units, &mut buf);
    format!(
        "encode16\t{code}\t{}\t{}",
        hex16(units),
        encode_answer(result, &buf)
    )
}

pub fn hex16(units: &[u16]) -> String {
    if units.is_empty() {
        return "-".into();
    }
    units.iter().fold(String::new(), |mut out, unit| {
        let _ = write!(out, "{unit:04x}");
        out
    })
}

/// Decodes generalised UTF-8 (WTF-8: UTF-8 that may also encode surrogate code points) into
/// UTF-16 code units; `None` for bytes that are not WTF-8 (a JS or Java string cannot hold them).
pub fn wtf8_to_utf16(bytes: &[u8]) -> Option<Vec<u16>> {
    let mut units = Vec::new();
    let mut after_high = false; // the previous item was a high surrogate (3 bytes)
    let mut i = 0;
    while i < bytes.len() {
        let b0 = u32::from(bytes[i]);
        let (len, min, init) = match b0 {
            0x00..=0x7f => (1, 0, b0),
            0xc2..=0xdf => (2, 0x80, b0 & 0x1f),
            0xe0..=0xef => (3, 0x800, b0 & 0x0f),
            0xf0..=0xf4 => (4, 0x10000, b0 & 0x07),
            _ => return None,
        };
        let tail = bytes.get(i + 1..i + len)?;
        let mut scalar = init;
        for &b in tail {
            if b & 0xc0 != 0x80 {
                return None;
            }
            scalar = (scalar << 6) | u32::from(b & 0x3f);
        }
        if scalar < min || scalar > 0x10ffff {
            return None;
        }
        // A surrogate pair spelled as two 3-byte sequences (CESU-8) is not WTF-8.
        let is_low = (0xdc00..0xe000).contains(&scalar);
        if after_high && is_low {
            return None;
        }
        after_high = (0xd800..0xdc00).contains(&scalar);
        if scalar >= 0x10000 {
            let s = scalar - 0x10000;
            units.push(0xd800 | (s >> 10) as u16);
            units.push(0xdc00 | (s & 0x3ff) as u16);
        } else {
            units.push(scalar as u16);
        }
        i += len;
    }
    Some(units)
}

pub fn unhex(text: &str) -> Vec<u8> {
    if text == "-" {
        return Vec::new();
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

pub fn unhex16(text: &str) -> Vec<u16> {
    if text == "-" {
        return Vec::new();
    }
    (0..text.len())
        .step_by(4)
        .map(|i| u16::from_str_radix(&text[i..i + 4], 16).expect("hex"))
        .collect()
}

fn corpus_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
}

/// The expected answers, section by section, for the committed corpus.
pub fn expected(root: &Path) -> BTreeMap<&'static str, Vec<String>> {
    let dir = root.join("tests/differential");
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{}/{name}: {e}", dir.display()))
    };
    let parse_corpus = read("parse.txt");
    let encode_corpus = read("encode.tsv");
    let mut sections = BTreeMap::new();
    sections.insert("code", (0..=u16::MAX).map(code_line).collect());
    sections.insert(
        "parse",
        corpus_lines(&parse_corpus)
            .map(|l| parse_line(&unhex(l)))
            .collect(),
    );
    let mut encode = Vec::new();
    let mut encode16 = Vec::new();
    for line in corpus_lines(&encode_corpus) {
        let fields: Vec<&str> = line.split('\t').collect();
        let code: u16 = fields[0].parse().expect("code");
        encode.push(encode_line(code, &unhex(fields[1])));
        if fields[2] != "x" {
            encode16.push(encode16_line(code, &unhex16(fields[2])));
        }
    }
    sections.insert("encode", encode);
    sections.insert("encode16", encode16);
    let mut advice = Vec::new();
    for profile in Profile::ALL {
        for code in 0..=u16::MAX {
            advice.push(advice_line(profile, code));
        }
    }
    sections.insert("advice", advice);
    let policy_corpus = read("policy.tsv");
    sections.insert("policy", corpus_lines(&policy_corpus).map(policy_line).collect());
    let mut explain = Vec::new();
    for code in 0..=u16::MAX {
        for clean in ["-", "0", "1"] {
            explain.push(explain_line(code, clean));
        }
    }
    sections.insert("explain", explain);
    let mut event = Vec::new();
    for engine in Engine::ALL {
        event.push(event_line(engine, Received::Dropped));
        event.push(event_line(engine, Received::Reset));
        for line in corpus_lines(&parse_corpus) {
            event.push(event_line(engine, Received::Payload(&unhex(line))));
        }
    }
    // An engine number that is no engine (`#7`) is refused, in every language.
    for input in INVALID_ENGINE_INPUTS {
        event.push(format!("event\t#{INVALID_ENGINE}\t{input}\trefused"));
    }
    sections.insert("event", event);
    let page_corpus = read("pageclose.tsv");
    let mut pageclose = Vec::new();
    for engine in Engine::ALL {
        for line in corpus_lines(&page_corpus) {
            pageclose.push(pageclose_line(engine, line));
        }
    }
    sections.insert("pageclose", pageclose);
    let profile_corpus = read("profile.txt");
    sections.insert(
        "profile",
        corpus_lines(&profile_corpus)
            .map(|l| profile_line(&unhex(l)))
            .collect(),
    );
    let intent_corpus = read("intent.txt");
    let codes: Vec<u16> = corpus_lines(&intent_corpus)
        .map(|l| l.parse().expect("a code"))
        .collect();
    let mut intent = Vec::new();
    for profile in Profile::ALL {
        for wanted in Intent::ALL {
            intent.extend(intent_lines(profile, wanted, &codes));
        }
    }
    sections.insert("intent", intent);
    sections
}

/// The engine number of the `event` rows that name no engine, and their inputs.
pub const INVALID_ENGINE: u8 = 7;
pub const INVALID_ENGINE_INPUTS: [&str; 3] = ["dropped", "reset", "03e8"];

/// The `intent` lines of one profile and intent: the number of ranges, each range, then the
/// verdict for every code of the corpus.
///
/// ```text
/// intent <profile> <INTENT> ranges <count>
/// intent <profile> <INTENT> range <first> <last> <ADVICE>
/// intent <profile> <INTENT> check <code> ok
/// intent <profile> <INTENT> check <code> advice <ADVICE> <below|-> <above|->
/// intent <profile> <INTENT> check <code> unsendable <below|-> <above|->
/// ```
pub fn intent_lines(profile: Profile, intent: Intent, codes: &[u16]) -> Vec<String> {
    let head = format!("intent\t{}\t{}", profile.name(), intent.const_name());
    let ranges: Vec<_> = profile.codes_for(intent).collect();
    let mut out = vec![format!("{head}\tranges\t{}", ranges.len())];
    for range in ranges {
        out.push(format!(
            "{head}\trange\t{}\t{}\t{}",
            range.first().as_u16(),
            range.last().as_u16(),
            range.advice().const_name()
        ));
    }
    for &code in codes {
        let near = |c: Option<CloseCode>| or_dash(c.map(CloseCode::as_u16));
        let verdict = match profile.check_intent(CloseCode::new(code), intent) {
            Ok(()) => "ok".to_string(),
            Err(miss) => match miss.advice() {
                Some(advice) => format!(
                    "advice\t{}\t{}\t{}",
                    advice.const_name(),
                    near(miss.below()),
                    near(miss.above())
                ),
                None => format!("unsendable\t{}\t{}", near(miss.below()), near(miss.above())),
            },
        };
        out.push(format!("{head}\tcheck\t{code}\t{verdict}"));
    }
    out
}

/// The intent corpus: one code per line, every code some profile names, the edges of every
/// profile range rule and of every range `codes_for` lists, and the edges of the wire set.
pub fn intent_corpus() -> String {
    let mut out = String::from(
        "# Generated by `make generate` (tools/xtask). Do not edit.\n\
         # a close code (decimal) that the intent section checks under every profile and intent\n",
    );
    let mut codes: std::collections::BTreeSet<u16> = [
        0u16, 999, 1000, 1003, 1004, 1005, 1006, 1007, 1014, 1015, 2999, 3000, 4999, 5000, 65535,
    ]
    .into_iter()
    .collect();
    let mut edges = |first: u16, last: u16| {
        codes.extend([first.saturating_sub(1), first, last, last.saturating_add(1)]);
    };
    for profile in Profile::ALL {
        for row in profile.codes() {
            let code = row.code().as_u16();
            edges(code, code);
        }
        for rule in profile.ranges() {
            edges(rule.first().as_u16(), rule.last().as_u16());
        }
        for intent in Intent::ALL {
            for range in profile.codes_for(intent) {
                edges(range.first().as_u16(), range.last().as_u16());
            }
        }
    }
    for code in codes {
        let _ = writeln!(out, "{code}");
    }
    out
}

/// `profile <name WTF-8 hex|-> <profile by that name|-> <profile by that subprotocol|->`: a
/// name that is not valid Unicode (a lone surrogate) finds no profile, in every language.
pub fn profile_line(name: &[u8]) -> String {
    let text = std::str::from_utf8(name).ok();
    let by_name = text.and_then(Profile::by_name).map(Profile::name);
    let by_subprotocol = text.and_then(Profile::by_subprotocol).map(Profile::name);
    format!(
        "profile\t{}\t{}\t{}",
        hex(name),
        or_dash(by_name),
        or_dash(by_subprotocol)
    )
}

/// The profile lookup corpus, one name per line as WTF-8 hex (`-` = empty): every profile name
/// and subprotocol, near misses, and names with lone surrogates (the WTF-8 spelling of a string
/// of UTF-16 code units, which every language's driver turns into its own string).
pub fn profile_corpus() -> String {
    let mut out = String::from(
        "# Generated by `make generate` (tools/xtask). Do not edit.\n\
         # a profile name or subprotocol token as WTF-8 hex (- = empty); only WTF-8 (every row is a JS/Java string)\n",
    );
    let wtf8 = |units: &[u16]| -> Vec<u8> {
        let mut bytes = Vec::new();
        for item in char::decode_utf16(units.iter().copied()) {
            match item {
                Ok(ch) => bytes.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes()),
                Err(lone) => {
                    let unit = u32::from(lone.unpaired_surrogate());
                    bytes.extend([
                        0xe0 | (unit >> 12) as u8,
                        0x80 | ((unit >> 6) & 0x3f) as u8,
                        0x80 | (unit & 0x3f) as u8,
                    ]);
                }
            }
        }
        bytes
    };
    let mut names: Vec<Vec<u16>> = vec![Vec::new(), "nope".encode_utf16().collect()];
    for profile in Profile::ALL {
        let mut texts = vec![profile.name()];
        texts.extend(profile.subprotocols());
        for text in texts {
            let units: Vec<u16> = text.encode_utf16().collect();
            names.push(units.clone());
            names.push(text.to_uppercase().encode_utf16().collect());
            for lone in [0xd800u16, 0xdbff, 0xdc00, 0xdfff] {
                names.push([units.as_slice(), &[lone]].concat());
                names.push([&[lone], units.as_slice()].concat());
            }
            names.push([units.as_slice(), &[0xfffd]].concat());
            names.push([units.as_slice(), &[0xd83d, 0xde00]].concat());
        }
    }
    names.extend([
        vec![0xd800],
        vec![0xdc00],
        vec![0xdc00, 0xd800],
        vec![0xd83d, 0xde00],
        vec![0xfffd],
    ]);
    for units in names {
        let bytes = wtf8(&units);
        assert_eq!(wtf8_to_utf16(&bytes).as_deref(), Some(units.as_slice()));
        let _ = writeln!(out, "{}", hex(&bytes));
    }
    out
}

pub fn advice_line(profile: Profile, code: u16) -> String {
    format!(
        "advice\t{}\t{code}\t{}",
        profile.name(),
        profile.advice(CloseCode::new(code)).const_name()
    )
}

/// `profile|- <TAB> base_ms <TAB> cap_ms <TAB> max_attempts|- <TAB> retry_unspecified 0|1 <TAB>
/// overrides (code:ADVICE,...|-) <TAB> code <TAB> was_clean 0|1 <TAB> attempt <TAB> random (u64)`
pub fn policy_line(input: &str) -> String {
    let f: Vec<&str> = input.split('\t').collect();
    let mut policy = ReconnectPolicy::new()
        .with_base_ms(f[1].parse().expect("base"))
        .with_cap_ms(f[2].parse().expect("cap"))
        .with_max_attempts(if f[3] == "-" {
            None
        } else {
            Some(f[3].parse().expect("max"))
        })
        .with_retry_unspecified(f[4] == "1");
    if f[0] != "-" {
        policy = policy.with_profile(Profile::by_name(f[0]).expect("profile"));
    }
    if f[5] != "-" {
        for item in f[5].split(',') {
            let (code, advice) = item.split_once(':').expect("code:ADVICE");
            // `#N`: the raw advice number N; a number that is no advice is refused when the
            // policy is built, in every language.
            let advice = match advice.strip_prefix('#') {
                Some(number) => match Advice::from_u8(number.parse().expect("advice number")) {
                    Some(advice) => advice,
                    None => return format!("policy\t{input}\trefused\t-"),
                },
                None => Advice::ALL
                    .into_iter()
                    .find(|a| a.const_name() == advice)
                    .expect("advice"),
            };
            policy
                .try_override(CloseCode::new(code.parse().expect("code")), advice)
                .expect("room");
        }
    }
    let random: u64 = f[9].parse().expect("random");
    let decision = policy.decide(
        CloseCode::new(f[6].parse().expect("code")),
        f[7] == "1",
        f[8].parse().expect("attempt"),
        || random,
    );
    let answer = match decision {
        Decision::Stop => "stop\t-".to_string(),
        Decision::RetryAfter(ms) => format!("retry\t{ms}"),
    };
    format!("policy\t{input}\t{answer}")
}

pub fn explain_line(code: u16, clean: &str) -> String {
    let was_clean = match clean {
        "0" => Some(false),
        "1" => Some(true),
        _ => None,
    };
    let causes: Vec<&str> = explain(CloseCode::new(code), was_clean)
        .causes()
        .iter()
        .map(|c| c.const_name())
        .collect();
    format!("explain\t{code}\t{clean}\t{}", causes.join(","))
}

/// The input field is `dropped` (FIN), `reset` (RST) or the payload's hex.
pub fn event_line(engine: Engine, received: Received<'_>) -> String {
    let input = match received {
        Received::Dropped => "dropped".to_string(),
        Received::Reset => "reset".to_string(),
        Received::Payload(bytes) => hex(bytes),
    };
    let event = engine.close_event(received);
    let reply = match event.reply {
        None => "none".to_string(),
        Some(Reply::Empty) => "empty".to_string(),
        Some(Reply::Close { code, reason }) => format!("{code}:{}", hex(reason.as_bytes())),
    };
    format!(
        "event\t{}\t{input}\t{}\t{}\t{}\t{}\t{reply}",
        engine.name(),
        event.code,
        bit(event.was_clean),
        bit(event.error_fired),
        hex(event.reason.as_bytes()),
    )
}

/// `code (a JavaScript number literal, or undefined) <TAB> reason (UTF-16 hex, - empty, or undefined)`
pub fn pageclose_line(engine: Engine, input: &str) -> String {
    let (code, reason) = input.split_once('\t').expect("two fields");
    let number = match code {
        "undefined" => None,
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        _ => Some(code.parse::<f64>().expect("a number")),
    };
    let units = (reason != "undefined").then(|| unhex16(reason));
    let answer = match engine.close(number, units.as_deref()) {
        Ok(sent) => format!(
            "ok\t{}\t{}",
            sent.code().map_or("-".to_string(), |c| c.as_u16().to_string()),
            hex(sent.reason().as_bytes())
        ),
        Err(exception) => format!("throw\t{}", exception.name()),
    };
    format!("pageclose\t{}\t{input}\t{answer}", engine.name())
}

/// The policy corpus: a few configurations against codes, cleanliness, attempts and randoms.
pub fn policy_corpus() -> String {
    let mut out = String::from(
        "# Generated by `make generate` (tools/xtask). Do not edit.\n\
         # profile|- base_ms cap_ms max_attempts|- retry_unspecified(0|1) overrides(code:ADVICE,...|-) code was_clean attempt random\n",
    );
    let configs = [
        "-\t1000\t30000\t-\t1\t-",
        "-\t250\t5000\t3\t0\t-",
        "discord-gateway\t1000\t60000\t-\t1\t-",
        "graphql-transport-ws\t1000\t30000\t5\t1\t4403:STOP,1011:RETRY",
        "centrifuge\t500\t20000\t-\t0\t3500:RETRY",
        // One code given twice: the later advice wins and the code counts once against the
        // limit (eight distinct codes in nine entries fit).
        "-\t1000\t30000\t-\t1\t4000:RETRY,4000:STOP",
        "-\t1000\t30000\t-\t1\t1000:RETRY,1001:STOP,1002:RETRY,3000:STOP,3500:STOP,4000:RETRY,4004:STOP,4403:RETRY,4000:STOP",
        "saltyrtc\t1\t18446744073709551615\t-\t1\t-",
    ];
    let codes = [
        0u16, 1000, 1001, 1002, 1005, 1006, 1011, 1012, 1015, 3000, 3500, 4000, 4004, 4403, 4500, 4999, 5000,
    ];
    let randoms = [0u64, 1, 1 << 63, u64::MAX];
    // Overrides with an advice number that is no advice (`#N`): refused when the policy is built.
    for row in [
        "-\t1000\t30000\t-\t1\t4000:#9\t4000\t1\t0\t0",
        "-\t1000\t30000\t-\t1\t4000:#4\t1000\t0\t1\t1",
        "-\t1000\t30000\t-\t1\t4000:#255\t4000\t1\t0\t0",
        "centrifuge\t500\t20000\t-\t0\t3500:RETRY,4000:#9\t3500\t1\t0\t0",
        "-\t1000\t30000\t-\t1\t1000:STOP,4000:#3\t4000\t1\t0\t0",
    ] {
        let _ = writeln!(out, "{row}");
    }
    for config in configs {
        for code in codes {
            for clean in [0, 1] {
                for (i, attempt) in [0u32, 1, 4, 63, 64, u32::MAX].into_iter().enumerate() {
                    let random = randoms[(usize::from(code % 7) + i + clean) % randoms.len()];
                    let _ = writeln!(out, "{config}\t{code}\t{clean}\t{attempt}\t{random}");
                }
            }
        }
    }
    out
}

/// The page `close()` corpus: codes as JavaScript numbers (integers around every edge,
/// fractions, NaN, infinities, -0, huge values, undefined) and reasons as UTF-16.
pub fn pageclose_corpus() -> String {
    let mut out = String::from(
        "# Generated by `make generate` (tools/xtask). Do not edit.\n\
         # code (JavaScript number or undefined) <TAB> reason (UTF-16 hex, - = empty, or undefined)\n",
    );
    let codes = [
        "undefined",
        "0",
        "-0",
        "999",
        "999.4",
        "999.5",
        "999.6",
        "1000",
        "1000.4",
        "1000.5",
        "1000.6",
        "1001",
        "1004",
        "1005",
        "1006",
        "1015",
        "2999",
        "2999.5",
        "3000",
        "3999.9",
        "4000",
        "4999",
        "4999.4",
        "4999.5",
        "4999.6",
        "5000",
        "65535",
        "65536",
        "66536",
        "4294968296",
        "-1",
        "-3000",
        "NaN",
        "Infinity",
        "-Infinity",
        "1e300",
    ];
    let lone = "d800";
    let reasons: [String; 7] = [
        "undefined".into(),
        "-".into(),
        "006200790065".into(),
        format!("0061{lone}0062"),
        "0061".repeat(123),
        "0061".repeat(124),
        format!("{}{lone}", "0061".repeat(120)),
    ];
    for code in codes {
        for reason in &reasons {
            let _ = writeln!(out, "{code}\t{reason}");
        }
    }
    out
}

/// Compares `dir/<language>.txt` for every language with the core's answers. Returns the
/// number of languages that differ (each difference printed), or an error for a missing file.
///
/// `sections` (with `only`) checks one file under any name, e.g. `chromium` (the npm package
/// answering inside a browser, `tests/e2e`), for exactly these sections, each required.
pub fn check(root: &Path, dir: &Path, only: Option<&str>, sections: Option<&[&str]>) -> Result<(), String> {
    let expected = expected(root);
    let mut failures = Vec::new();
    let mut compared = 0usize;
    let custom: Vec<(&str, &[&str])> = match (only, sections) {
        (Some(only), Some(sections)) => {
            if let Some(unknown) = sections.iter().find(|s| !expected.contains_key(**s)) {
                return Err(format!("no such section `{unknown}`"));
            }
            vec![(only, sections)]
        }
        (None, Some(_)) => return Err("--sections needs a LANGUAGE".to_owned()),
        _ => LANGUAGES.to_vec(),
    };
    for (language, required) in custom {
        if only.is_some_and(|only| only != language) {
            continue;
        }
        let path = dir.join(format!("{language}.txt"));
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) => {
                failures.push(format!("{language}: no answers at {} ({err})", path.display()));
                continue;
            }
        };
        let mut got: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for line in text.lines() {
            let section = line.split('\t').next().unwrap_or("");
            got.entry(section).or_default().push(line);
        }
        for section in got.keys() {
            if !required.contains(section) {
                failures.push(format!("{language}: unexpected section `{section}`"));
            }
        }
        for &section in required {
            let want = &expected[section];
            let have = got.get(section).cloned().unwrap_or_default();
            if have.is_empty() {
                // Every language answers every section it is listed with: a missing one fails.
                failures.push(format!("{language}: section `{section}` is missing"));
                continue;
            }
            let mut shown = 0;
            for i in 0..want.len().max(have.len()) {
                let (w, h) = (want.get(i).map(String::as_str), have.get(i).copied());
                if w != h {
                    if shown < 5 {
                        failures.push(format!(
                            "{language}: {section} line {}:\n    core: {}\n    {language}: {}",
                            i + 1,
                            w.unwrap_or("(nothing)"),
                            h.unwrap_or("(nothing)")
                        ));
                    }
                    shown += 1;
                }
            }
            if shown > 5 {
                failures.push(format!("{language}: {section}: {} differing lines in all", shown));
            }
            compared += have.len();
        }
    }
    if failures.is_empty() {
        let languages = only.map_or(LANGUAGES.len(), |_| 1);
        let per_section: Vec<String> = expected
            .iter()
            .map(|(name, lines)| format!("{} {name}", lines.len()))
            .collect();
        println!(
            "differential: {languages} language(s) agree with the core on {compared} answers (expected per language: {})",
            per_section.join(", ")
        );
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}

/// The hostile parse corpus: every vector payload, boundary lengths around 0–126 bytes for
/// codes inside and outside the wire set, lone surrogates, overlong and truncated UTF-8, NUL
/// bytes, and the seeds of the fuzz corpus (`core/fuzz/corpus/parse_close_payload`).
pub fn parse_corpus(root: &Path, vector_payloads: &[Vec<u8>]) -> String {
    let mut out = String::from(
        "# Generated by `make generate` (tools/xtask). Do not edit. One Close payload per line, hex (`-` = empty).\n",
    );
    let mut seen = std::collections::BTreeSet::new();
    let mut push = |payload: Vec<u8>, out: &mut String| {
        if seen.insert(payload.clone()) {
            let _ = writeln!(out, "{}", hex(&payload));
        }
    };
    for payload in vector_payloads {
        push(payload.clone(), &mut out);
    }
    let codes = [
        0u16, 999, 1000, 1004, 1005, 1006, 1012, 1014, 1015, 1016, 2999, 3000, 4999, 5000, 65535,
    ];
    for code in codes {
        for total in [2usize, 3, 123, 124, 125, 126, 127] {
            let mut payload = code.to_be_bytes().to_vec();
            payload.resize(total, b'a');
            push(payload, &mut out);
        }
    }
    push(vec![], &mut out);
    push(vec![0x00], &mut out);
    push(vec![0xff], &mut out);
    let reasons: [&[u8]; 16] = [
        b"\xed\xa0\x80",
        b"a\xed\xa0\x80b",
        b"\xed\xbf\xbf",
        b"\xed\xa0\xbd\xed\xb2\xa9",
        b"\xc0\x80",
        b"\xc1\xbf",
        b"\xe0\x80\x80",
        b"\xf0\x80\x80\x80",
        b"\xf4\x90\x80\x80",
        b"\xc3",
        b"\xe2\x82",
        b"\xf0\x9f\x98",
        b"\0",
        b"a\0b\0",
        b"\xef\xbf\xbd",
        b"\xfe\xff",
    ];
    for reason in reasons {
        for code in [1000u16, 1006, 4000] {
            let mut payload = code.to_be_bytes().to_vec();
            payload.extend_from_slice(reason);
            push(payload, &mut out);
        }
    }
    // 125 bytes whose last character is cut, and 126 whose last character is whole.
    let mut cut = vec![0x03, 0xe8];
    cut.resize(122, b'a');
    cut.extend_from_slice(b"\xf0\x9f\x98");
    push(cut, &mut out);
    let mut whole = vec![0x03, 0xe8];
    whole.resize(122, b'a');
    whole.extend_from_slice("\u{1f600}".as_bytes());
    push(whole, &mut out);
    let fuzz = root.join("core/fuzz/corpus/parse_close_payload");
    let mut files: Vec<_> = std::fs::read_dir(&fuzz)
        .map(|dir| dir.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    assert!(!files.is_empty(), "no fuzz corpus at {}", fuzz.display());
    for file in files {
        push(std::fs::read(&file).expect("fuzz corpus file"), &mut out);
    }
    out
}

/// The encode corpus: `code <TAB> reason hex <TAB> reason as UTF-16 hex (`x`: not a string)`.
pub fn encode_corpus() -> String {
    let mut out = String::from(
        "# Generated by `make generate` (tools/xtask). Do not edit.\n\
         # code <TAB> reason bytes (hex, - = empty) <TAB> the same reason as UTF-16 code units (hex, x = no string holds it)\n",
    );
    let mut reasons: Vec<Vec<u8>> = vec![
        vec![],
        b"bye".to_vec(),
        "caf\u{e9}".as_bytes().to_vec(),
        "\u{20ac}".as_bytes().to_vec(),
        "\u{1f600}".as_bytes().to_vec(),
        b"a\0b".to_vec(),
        b"\xed\xa0\x80".to_vec(),
        b"a\xed\xa0\x80b".to_vec(),
        b"\xed\xb0\x80".to_vec(),
        b"\xed\xa0\xbd\xed\xb2\xa9".to_vec(),
        b"\xff".to_vec(),
        b"\xc0\x80".to_vec(),
        b"ok\xc3".to_vec(),
        vec![b'r'; 122],
        vec![b'r'; 123],
        vec![b'r'; 124],
        vec![b'r'; 200],
    ];
    let mut euro = vec![b'a'; 120];
    euro.extend_from_slice("\u{20ac}".as_bytes());
    reasons.push(euro.clone());
    euro.push(b'a');
    reasons.push(euro);
    let mut lone_at_end = vec![b'a'; 120];
    lone_at_end.extend_from_slice(b"\xed\xa0\x80");
    reasons.push(lone_at_end.clone());
    lone_at_end.push(b'a');
    reasons.push(lone_at_end);
    let codes = [
        0u16, 999, 1000, 1001, 1004, 1005, 1006, 1011, 1014, 1015, 1016, 2999, 3000, 4000, 4999, 5000, 65535,
    ];
    for code in codes {
        for reason in &reasons {
            let units = wtf8_to_utf16(reason).map_or_else(|| "x".to_string(), |u| hex16(&u));
            let _ = writeln!(out, "{code}\t{}\t{units}", hex(reason));
        }
    }
    out
}

/// `sql <function> <profile|-> <code|NULL> <answer|NULL>`: a SQL engine's answer for one call of a
/// generated function (`sql/`); booleans are `true`/`false`. A NULL code, a code outside
/// 0..65535 and an unknown profile give NULL. None for a function this check does not know.
pub fn sql_line(function: &str, profile: &str, code: &str) -> Option<String> {
    let value = code
        .parse::<i64>()
        .ok()
        .and_then(|c| u16::try_from(c).ok())
        .map(CloseCode::new);
    let flag = |f: fn(CloseCode) -> bool| value.map(|c| f(c).to_string());
    let answer: Option<String> = match function {
        "wsclose_category" => value.map(|c| c.category().label().to_string()),
        "wsclose_name" => value.and_then(|c| c.name()).map(str::to_string),
        "wsclose_sendable" => flag(CloseCode::is_sendable),
        "wsclose_local_only" => flag(CloseCode::is_local_only),
        "wsclose_browser_closeable" => flag(CloseCode::is_browser_closeable),
        "wsclose_ok" => flag(CloseCode::is_ok),
        "wsclose_reconnect" => value.map(|c| c.reconnect().label().to_string()),
        "wsclose_advice" => Profile::by_name(profile)
            .zip(value)
            .map(|(p, c)| p.advice(c).label().to_string()),
        _ => return None,
    };
    Some(format!(
        "sql\t{function}\t{profile}\t{code}\t{}",
        answer.as_deref().unwrap_or("NULL")
    ))
}

/// Checks answers that name their own inputs (a page that answered only some cases, e.g. the
/// explainer in a browser): each line of the `code`, `event`, `explain` and `advice` sections is
/// recomputed by the core from its input fields and must match byte for byte. Returns how many
/// lines matched; a file with none is an error, so an empty run cannot pass.
pub fn check_lines(text: &str) -> Result<usize, String> {
    let mut failures = Vec::new();
    let mut matched = 0usize;
    for (number, line) in text.lines().enumerate().filter(|(_, l)| !l.is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let field = |i: usize| f.get(i).copied().unwrap_or("");
        let expected = match field(0) {
            "code" => field(1).parse::<u16>().ok().map(code_line),
            "event" => Engine::ALL
                .into_iter()
                .find(|e| e.name() == field(1))
                .map(|engine| match field(2) {
                    "dropped" => event_line(engine, Received::Dropped),
                    "reset" => event_line(engine, Received::Reset),
                    payload => event_line(engine, Received::Payload(&unhex(payload))),
                }),
            "explain" if matches!(field(2), "-" | "0" | "1") => {
                field(1).parse::<u16>().ok().map(|c| explain_line(c, field(2)))
            }
            "advice" => Profile::by_name(field(1))
                .zip(field(2).parse::<u16>().ok())
                .map(|(p, c)| advice_line(p, c)),
            "sql" => sql_line(field(1), field(2), field(3)),
            _ => None,
        };
        match expected {
            Some(expected) if expected == line => matched += 1,
            Some(expected) => failures.push(format!(
                "line {}:\n    got      {line}\n    expected {expected}",
                number + 1
            )),
            None => failures.push(format!(
                "line {}: not a line this check understands: {line}",
                number + 1
            )),
        }
    }
    if matched == 0 && failures.is_empty() {
        failures.push("no answers at all".to_owned());
    }
    if failures.is_empty() {
        Ok(matched)
    } else {
        Err(failures.join("\n"))
    }
}
