//! The shared golden vectors in tests/vectors/, read the way every binding reads them.

use std::path::Path;

use wsclose::{encode_close_payload, parse_close_payload, CloseCode, MAX_CLOSE_PAYLOAD};

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
                assert_eq!(row[2], err.close_code().as_u16().to_string(), "{row:?}");
            }
        }
    }
}

#[test]
fn encode_vectors() {
    let rows = rows("encode.tsv", "code\treason_hex\tresult\tpayload_hex");
    let mut checked = 0;
    for row in rows {
        let Ok(reason) = String::from_utf8(unhex(&row[1])) else {
            continue; // A &str cannot hold these; the C and bytes-based bindings check them.
        };
        let mut buf = [0u8; MAX_CLOSE_PAYLOAD];
        match encode_close_payload(CloseCode::new(row[0].parse().unwrap()), &reason, &mut buf) {
            Ok(len) => assert_eq!(
                (row[2].as_str(), unhex(&row[3])),
                ("OK", buf[..len].to_vec()),
                "{row:?}"
            ),
            Err(err) => assert_eq!(row[2], err.kind().const_name(), "{row:?}"),
        }
        checked += 1;
    }
    assert!(checked > 40, "only {checked} encode vectors checked");
}
