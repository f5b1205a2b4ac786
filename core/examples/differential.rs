//! The Rust column of the cross-language differential (`docs/differential.md`): reads the corpus
//! in `tests/differential/` and writes this crate's answers, through its public API, in the
//! neutral format every binding writes. `make test-differential` compares them with the core.
//!
//! Usage: `cargo run --example differential -- CORPUS_DIR OUT_FILE`

use std::fmt::Write as _;

use wsclose::{
    encode_close_payload, encode_close_payload_utf16, parse_close_payload, CloseCode, PayloadError,
    MAX_CLOSE_PAYLOAD,
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
    std::fs::write(out_file, out).expect("write answers");
}
