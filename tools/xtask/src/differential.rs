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
    encode_close_payload, encode_close_payload_utf16, parse_close_payload, CloseCode, PayloadError,
    MAX_CLOSE_PAYLOAD,
};

use crate::hex;

/// The eight languages, and the sections each must answer. `encode` takes reason bytes,
/// `encode16` a reason string of UTF-16 code units (or, in Python, a `str`).
pub const LANGUAGES: [(&str, &[&str]); 8] = [
    ("rust", &["code", "parse", "encode", "encode16"]),
    ("c", &["code", "parse", "encode", "encode16"]),
    ("cpp", &["code", "parse", "encode"]),
    ("python", &["code", "parse", "encode", "encode16"]),
    ("go", &["code", "parse", "encode"]),
    ("node", &["code", "parse", "encode16"]),
    ("java", &["code", "parse", "encode", "encode16"]),
    ("wasm", &["code", "parse", "encode", "encode16"]),
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
    sections
}

/// Compares `dir/<language>.txt` for every language with the core's answers. Returns the
/// number of languages that differ (each difference printed), or an error for a missing file.
pub fn check(root: &Path, dir: &Path, only: Option<&str>) -> Result<(), String> {
    let expected = expected(root);
    let mut failures = Vec::new();
    let mut compared = 0usize;
    for (language, required) in LANGUAGES {
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
        println!(
            "differential: {languages} language(s) agree with the core on {compared} answers ({} code, {} parse, {} encode, {} encode16 expected per language)",
            expected["code"].len(),
            expected["parse"].len(),
            expected["encode"].len(),
            expected["encode16"].len()
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
