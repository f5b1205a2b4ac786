//! The shared golden vectors in tests/vectors/, read the way every binding reads them.

use std::path::Path;

use wsclose::{
    encode_close_payload, encode_close_payload_utf16, parse_close_payload, CloseCode, MAX_CLOSE_PAYLOAD,
};

/// Data rows of a vector file: comments dropped, header checked, at least one row.
fn rows(file: &str, header: &str) -> Vec<Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines().filter(|line| !line.starts_with('#'));
    assert_eq!(lines.next(), Some(header), "{file} header");
    let rows: Vec<Vec<String>> = lines
        .map(|line| line.split('\t').map(String::from).collect())
        .collect();
    assert!(!rows.is_empty(), "{file} has no rows");
    rows
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

fn flag(value: bool) -> &'static str {
    if value {
        "1"
    } else {
        "0"
    }
}

#[test]
fn codes_vectors() {
    let rows = rows(
        "codes.tsv",
        "code\tcategory\tname\tsendable\tlocal_only\tbrowser_closeable\tok\treconnect\tconst_name",
    );
    assert!(rows.len() >= 16);
    for row in rows {
        let code = CloseCode::new(row[0].parse().unwrap());
        assert_eq!(row[1], (code.category() as u8).to_string(), "{row:?}");
        assert_eq!(row[2], code.name().unwrap_or("-"), "{row:?}");
        assert_eq!(row[3], flag(code.is_sendable()), "{row:?}");
        assert_eq!(row[4], flag(code.is_local_only()), "{row:?}");
        assert_eq!(row[5], flag(code.is_browser_closeable()), "{row:?}");
        assert_eq!(row[6], flag(code.is_ok()), "{row:?}");
        assert_eq!(row[7], (code.reconnect() as u8).to_string(), "{row:?}");
        assert_eq!(row[8], code.const_name().unwrap_or("-"), "{row:?}");
    }
}

#[test]
fn parse_vectors() {
    let rows = rows("parse.tsv", "payload_hex\tresult\tcode\treason_hex");
    assert!(rows.iter().any(|row| row[1] == "INVALID_UTF8"));
    for row in rows {
        let payload = unhex(&row[0]);
        match parse_close_payload(&payload) {
            Ok(close) => {
                assert_eq!(row[1], "OK", "{row:?}");
                assert_eq!(row[2], close.code().as_u16().to_string(), "{row:?}");
                assert_eq!(unhex(&row[3]), close.reason().as_bytes(), "{row:?}");
            }
            Err(err) => {
                assert_eq!(row[1], err.kind().const_name(), "{row:?}");
                let answer = err.close_code().expect("parse errors answer").as_u16();
                assert_eq!(row[2], answer.to_string(), "{row:?}");
            }
        }
    }
}

fn unhex16(text: &str) -> Option<Vec<u16>> {
    match text {
        "x" => None,
        "-" => Some(Vec::new()),
        _ => Some(
            (0..text.len())
                .step_by(4)
                .map(|i| u16::from_str_radix(&text[i..i + 4], 16).unwrap())
                .collect(),
        ),
    }
}

#[test]
fn encode_vectors() {
    let rows = rows(
        "encode.tsv",
        "code\treason_hex\treason_utf16\tresult\tanswer_code\tpayload_hex",
    );
    let mut checked = 0;
    for row in &rows {
        let code = CloseCode::new(row[0].parse().unwrap());
        let mut buf = [0u8; MAX_CLOSE_PAYLOAD];
        let from_bytes = encode_close_payload(code, &unhex(&row[1]), &mut buf).map(|len| buf[..len].to_vec());
        let mut answers = vec![from_bytes];
        if let Some(units) = unhex16(&row[2]) {
            let mut buf = [0u8; MAX_CLOSE_PAYLOAD];
            answers.push(encode_close_payload_utf16(code, &units, &mut buf).map(|len| buf[..len].to_vec()));
        }
        for answer in answers {
            match answer {
                Ok(payload) => assert_eq!(
                    (row[3].as_str(), row[4].as_str(), unhex(&row[5])),
                    ("OK", "-", payload),
                    "{row:?}"
                ),
                Err(err) => {
                    assert_eq!(row[3], err.kind().const_name(), "{row:?}");
                    let answer = err
                        .close_code()
                        .map_or("-".to_string(), |c| c.as_u16().to_string());
                    assert_eq!(row[4], answer, "{row:?}");
                    assert_eq!(row[5], "-", "{row:?}");
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 80, "only {checked} encode vectors checked");
    assert!(
        rows.iter().any(|row| row[3] == "INVALID_UTF8" && row[2] != "x"),
        "a lone surrogate row"
    );
}
