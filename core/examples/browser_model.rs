//! The browser model's answers for the end-to-end corpus, for `tests/e2e/harness.py` to compare
//! with what Chromium and Firefox did.
//!
//! Reads the corpus on stdin, one case a line, tab-separated:
//!
//! ```text
//! recv <id> <payload hex | drop | reset>
//! send <id> <code: number | inf | -inf | NaN | undefined> <reason: UTF-16 units, 4 hex digits each | ->
//! ```
//!
//! and prints, for each engine and case, the line the harness records for a browser:
//!
//! ```text
//! <engine> recv <id> <code> <reason hex> <wasClean 0|1> <error 0|1> <close:<payload hex> | none | ->
//! <engine> send <id> <throw:<exception name> | sent:<payload hex>>
//! ```
//!
//! `none`: the browser closed TCP without a Close frame; `-`: the server had closed or reset it.
//!
//! Run: `cargo run -q -p wsclose --example browser_model < target/e2e/corpus.tsv`

use std::fmt::Write as _;
use std::io::{self, BufRead, BufWriter, Write};

use wsclose::{Engine, Received, MAX_CLOSE_PAYLOAD};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("payload hex"))
        .collect()
}

fn recv(engine: Engine, payload: &str) -> String {
    let bytes;
    let received = if payload == "drop" {
        Received::Dropped
    } else if payload == "reset" {
        Received::Reset
    } else {
        bytes = unhex(payload);
        Received::Payload(&bytes)
    };
    let event = engine.close_event(received);
    let reply = match (event.reply, received) {
        (Some(reply), _) => {
            let mut buf = [0u8; MAX_CLOSE_PAYLOAD];
            let n = reply.write(&mut buf);
            format!("close:{}", hex(&buf[..n]))
        }
        (None, Received::Dropped | Received::Reset) => "-".to_owned(),
        (None, Received::Payload(_)) => "none".to_owned(),
    };
    format!(
        "{}\t{}\t{}\t{}\t{}",
        event.code,
        hex(event.reason.as_bytes()),
        u8::from(event.was_clean),
        u8::from(event.error_fired),
        reply
    )
}

fn send(engine: Engine, code: &str, reason: &str) -> String {
    let code = match code {
        "undefined" => None,
        number => Some(number.parse::<f64>().expect("code number")),
    };
    let units: Option<Vec<u16>> = match reason {
        "-" => None,
        units => Some(
            (0..units.len())
                .step_by(4)
                .map(|i| u16::from_str_radix(&units[i..i + 4], 16).expect("reason hex"))
                .collect(),
        ),
    };
    match engine.close(code, units.as_deref()) {
        Err(exception) => format!("throw:{}", exception.name()),
        Ok(sent) => match sent.close() {
            Some(close) => format!("sent:{}", hex(&close.encode())),
            None => "sent:".to_owned(),
        },
    }
}

fn main() -> io::Result<()> {
    let lines: Vec<String> = io::stdin().lock().lines().collect::<Result<_, _>>()?;
    let mut out = BufWriter::new(io::stdout().lock());
    for engine in Engine::ALL {
        for line in &lines {
            let fields: Vec<&str> = line.split('\t').collect();
            let answer = match fields.as_slice() {
                ["recv", _, payload] => recv(engine, payload),
                ["send", _, code, reason] => send(engine, code, reason),
                _ => panic!("bad corpus line: {line:?}"),
            };
            writeln!(out, "{}\t{}\t{}\t{}", engine.name(), fields[0], fields[1], answer)?;
        }
    }
    out.flush()
}
