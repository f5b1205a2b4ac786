//! The log parser behind `wsclose stats`: formats, bad records, fixed memory, and the property
//! that matters most for a push parser: the answer does not depend on how the input is split.

use proptest::prelude::*;
use wsclose::{parse_code, BadRecord, BadRecordKind, CodeSink, LogError, LogFormat, LogParser, MAX_LINE_LEN};

#[derive(Debug, Default, PartialEq, Eq)]
struct Tally {
    codes: Vec<u16>,
    bad: Vec<(u64, BadRecordKind, Vec<u8>)>,
}

impl CodeSink for Tally {
    fn code(&mut self, code: u16) {
        self.codes.push(code);
    }
    fn bad(&mut self, record: BadRecord<'_>) {
        self.bad.push((record.line, record.kind, record.text.to_vec()));
    }
}

fn run_split(
    format: Option<LogFormat>,
    field: Option<&[u8]>,
    chunks: &[&[u8]],
) -> (Tally, Result<(), LogError>, Option<LogFormat>) {
    let mut parser = LogParser::new(format, field).unwrap();
    let mut tally = Tally::default();
    let mut result = Ok(());
    for chunk in chunks {
        result = parser.feed(chunk, &mut tally);
        if result.is_err() {
            break;
        }
    }
    if result.is_ok() {
        result = parser.finish(&mut tally);
    }
    (tally, result, parser.format())
}

fn run(format: Option<LogFormat>, field: Option<&[u8]>, input: &[u8]) -> Tally {
    let (tally, result, _) = run_split(format, field, &[input]);
    result.unwrap();
    tally
}

fn kinds(tally: &Tally) -> Vec<(u64, BadRecordKind)> {
    tally.bad.iter().map(|(line, kind, _)| (*line, *kind)).collect()
}

#[test]
fn plain_codes_only_decimal_digits() {
    let tally = run(
        None,
        None,
        "1000\n  1006 \r\n\n1_000\n-0\n+1006\n١٠٠٠\n70000\n0\n65535\n1e3\n\u{FF11}\n0001000".as_bytes(),
    );
    assert_eq!(tally.codes, [1000, 1006, 0, 65535, 1000]);
    use BadRecordKind::*;
    assert_eq!(
        kinds(&tally),
        [
            (4, NotACode),
            (5, NotACode),
            (6, NotACode),
            (7, NotACode),
            (8, OutOfRange),
            (11, NotACode),
            (12, NotACode)
        ]
    );
    assert_eq!(tally.bad[0].2, b"1_000");
}

#[test]
fn not_utf8_is_named() {
    let tally = run(None, None, b"1000\n\xff\xfe\n");
    assert_eq!(kinds(&tally), [(2, BadRecordKind::NotUtf8)]);
}

#[test]
fn csv_quoted_newlines_count_as_one_record() {
    let (tally, result, format) = run_split(None, None, &[b"code,reason\n1000,\"see\n4000,x\"\n"]);
    result.unwrap();
    assert_eq!(format, Some(LogFormat::Csv));
    assert_eq!(tally.codes, [1000]);
    assert!(tally.bad.is_empty());
}

#[test]
fn csv_unterminated_quote_is_one_bad_record() {
    let tally = run(None, None, b"code,reason\n1000,ok\n1001,\"open\n4000,x\n4001,y\n");
    assert_eq!(tally.codes, [1000]);
    assert_eq!(kinds(&tally), [(3, BadRecordKind::UnterminatedQuote)]);
}

#[test]
fn csv_rfc4180_details() {
    let input = b"\xEF\xBB\xBF\n\"re\"\"ason\",\"code\"\r\n\"a,\"\"b\",\"1000\"\r\nx, 4000 \r\n\r\ny,\"10\"06\nz\n\"w\"x,1000\n,\n";
    let tally = run(None, Some(b"code"), input);
    assert_eq!(tally.codes, [1000, 4000]);
    use BadRecordKind::*;
    assert_eq!(
        kinds(&tally),
        [
            (6, TextAfterQuote),
            (7, NoColumn),
            (8, TextAfterQuote),
            (9, NotACode)
        ]
    );
}

#[test]
fn csv_header_errors_show_the_real_header() {
    for input in [
        &b"\xEF\xBB\xBFtime,close\r\n1000,1\n"[..],
        b"\n\ntime,close\n1000,1\n",
    ] {
        let mut parser = LogParser::new(Some(LogFormat::Csv), None).unwrap();
        let mut tally = Tally::default();
        assert_eq!(parser.feed(input, &mut tally), Err(LogError::NoColumn));
        assert_eq!(parser.header(), b"time, close");
        assert_eq!(parser.finish(&mut tally), Err(LogError::NoColumn));
    }
}

#[test]
fn jsonl_codes_and_bad_lines() {
    let lines = [
        r#"{"code": 1000}"#,
        r#"{"code": "4000", "x": [1, {"y": null}]}"#,
        r#"{"code": "1_000"}"#,
        r#"{"code": -0}"#,
        r#"{"code": 1000.0}"#,
        r#"{"code": "+1006"}"#,
        r#"{"code": true}"#,
        r#"{"other": 1}"#,
        r#"[1000]"#,
        r#"{"code": 1000"#,
        r#"{"code": 1000} x"#,
        r#"{"code": 1, "code": 1001}"#,
        r#"{"\u0063ode": 3000}"#,
        r#"{"code": "\u0031000"}"#,
        r#"{"code": 70000}"#,
        r#"{"code": "١٠٠٠"}"#,
    ];
    let text = lines.join("\n");
    let tally = run(None, None, text.as_bytes());
    assert_eq!(tally.codes, [1000, 4000, 1001, 3000]);
    use BadRecordKind::*;
    assert_eq!(
        kinds(&tally),
        [
            (3, NotACode),
            (4, NotACode),
            (5, NotACode),
            (6, NotACode),
            (7, NotANumberOrString),
            (8, NoKey),
            (9, NotAnObject),
            (10, NotJson),
            (11, NotJson),
            (14, NotACode),
            (15, OutOfRange),
            (16, NotACode),
        ]
    );
}

#[test]
fn deep_json_is_a_bad_line() {
    let mut line = b"{\"code\": 1000, \"x\": ".to_vec();
    line.extend(std::iter::repeat_n(b'[', 1000));
    line.extend(std::iter::repeat_n(b']', 1000));
    line.extend(b"}\n{\"code\": 1001, \"x\": [[[]]]}\n");
    let tally = run(Some(LogFormat::JsonLines), None, &line);
    assert_eq!(tally.codes, [1001]);
    assert_eq!(kinds(&tally), [(1, BadRecordKind::TooDeep)]);
    // 100,000 levels: longer than a line may be, so a bad line too.
    let mut line = b"{\"code\": ".to_vec();
    line.extend(std::iter::repeat_n(b'[', 100_000));
    let tally = run(None, None, &line);
    assert_eq!(kinds(&tally), [(1, BadRecordKind::TooLong)]);
}

#[test]
fn endless_line_is_one_bad_record_in_fixed_memory() {
    let mut parser = LogParser::new(None, None).unwrap();
    let mut tally = Tally::default();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..64 {
        parser.feed(&zeros, &mut tally).unwrap();
    }
    parser.feed(b"\n1000\n", &mut tally).unwrap();
    parser.finish(&mut tally).unwrap();
    assert_eq!(tally.codes, [1000]);
    assert_eq!(kinds(&tally), [(1, BadRecordKind::TooLong)]);
    assert_eq!(tally.bad[0].2.len(), MAX_LINE_LEN);
    assert!(std::mem::size_of::<LogParser>() < 2 * MAX_LINE_LEN);
}

#[test]
fn field_name_is_checked() {
    assert_eq!(LogParser::new(None, Some(b"")).err(), Some(LogError::FieldName));
    assert_eq!(
        LogParser::new(None, Some(&[b'a'; 257])).err(),
        Some(LogError::FieldName)
    );
}

#[test]
fn bom_alone_and_short_inputs() {
    assert_eq!(run(None, None, b"\xEF\xBB").bad.len(), 1);
    assert_eq!(run(None, None, b"\xEF\xBB\xBF").codes, [] as [u16; 0]);
    assert_eq!(run(None, None, b"\xEF\xBB\xBF1000").codes, [1000]);
}

/// A line of a log, as the generator below writes it.
fn log_line() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..70000).prop_map(|code| code.to_string()),
        Just(String::new()),
        "[ -~]{0,12}",
        Just("\"a,\"\"b\"\"\nc\"".to_owned()),
        Just("{\"code\": 1000}".to_owned()),
        Just("1_000".to_owned()),
    ]
}

proptest! {
    #[test]
    fn any_split_gives_the_same_answer(lines in prop::collection::vec(log_line(), 0..40), cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..8), csv in any::<bool>()) {
        let body = lines.join("\n");
        let text = if csv { format!("x,code\n{}", lines.iter().map(|l| format!("a,{l}")).collect::<Vec<_>>().join("\n")) } else { body };
        let bytes = text.as_bytes();
        let whole = run_split(None, None, &[bytes]);
        let mut points: Vec<usize> = cuts.iter().map(|index| index.index(bytes.len() + 1)).collect();
        points.sort_unstable();
        let mut chunks = Vec::new();
        let mut last = 0;
        for point in points {
            chunks.push(&bytes[last..point]);
            last = point;
        }
        chunks.push(&bytes[last..]);
        let split = run_split(None, None, &chunks);
        prop_assert_eq!(&whole.0, &split.0);
        prop_assert_eq!(whole.1, split.1);
        prop_assert_eq!(whole.2, split.2);
    }

    #[test]
    fn plain_codes_match_a_reference(lines in prop::collection::vec(log_line(), 1..40)) {
        let text = lines.join("\n");
        let tally = run(Some(LogFormat::Codes), None, text.as_bytes());
        let mut expected = Vec::new();
        for line in text.split('\n') {
            let trimmed = line.trim_matches([' ', '\t', '\r']);
            if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit()) {
                if let Ok(code) = trimmed.parse::<u16>() {
                    expected.push(code);
                }
            }
        }
        prop_assert_eq!(tally.codes, expected);
    }

    #[test]
    fn parse_code_agrees_with_u16_parse(text in "[0-9]{1,8}|[ -~]{0,8}") {
        let expected = if text.trim_matches([' ', '\t']).bytes().all(|b| b.is_ascii_digit()) {
            text.trim_matches([' ', '\t']).parse::<u16>().ok()
        } else {
            None
        };
        prop_assert_eq!(parse_code(text.as_bytes()).ok(), expected);
    }
}

#[test]
fn long_fields_and_strings_are_skipped_exactly() {
    // The word-at-a-time skips must stop on exactly the right byte, at any offset.
    for pad in 0..20 {
        let filler = "x".repeat(pad);
        let csv = format!("a,code,b\n{filler},1000,{filler}\n\"{filler}\n{filler}\",4000,\"{filler}\"\"\"\n{filler},\"3000\",\n");
        let tally = run(None, None, csv.as_bytes());
        assert_eq!(tally.codes, [1000, 4000, 3000], "{csv:?}");
        assert!(tally.bad.is_empty());
        let json = format!("{{\"a\": \"{filler}\\\"{filler}\", \"code\": 1001, \"b\": \"{filler}\\u0041\"}}\n{{\"code\": \"{filler}\u{1}\"}}\n");
        let tally = run(None, None, json.as_bytes());
        assert_eq!(tally.codes, [1001], "{json:?}");
        assert_eq!(kinds(&tally), [(2, BadRecordKind::NotJson)]);
    }
}

#[test]
fn a_line_longer_than_a_line_may_be_is_bad_however_the_input_is_split() {
    let padded = |head: &[u8], fill: u8, tail: &[u8], len: usize| {
        let mut line = head.to_vec();
        line.resize(len - tail.len(), fill);
        line.extend(tail);
        line
    };
    let cases: [(Option<LogFormat>, Vec<u8>, usize); 6] = [
        // A valid JSON line, a blank line and a padded code: bad when longer than MAX_LINE_LEN.
        (
            Some(LogFormat::JsonLines),
            padded(b"{\"code\": 1000, \"r\": \"", b'x', b"\"}", MAX_LINE_LEN + 1),
            0,
        ),
        (
            Some(LogFormat::JsonLines),
            padded(b"{\"code\": 1000, \"r\": \"", b'x', b"\"}", MAX_LINE_LEN),
            1,
        ),
        (
            Some(LogFormat::Codes),
            padded(b"1000", b' ', b"", MAX_LINE_LEN + 1),
            0,
        ),
        (
            Some(LogFormat::Codes),
            padded(b"1000", b' ', b"", MAX_LINE_LEN),
            1,
        ),
        (None, padded(b"", b' ', b"", MAX_LINE_LEN + 1), 0),
        (None, padded(b"", b' ', b"", MAX_LINE_LEN), 0),
    ];
    for (format, long, counted) in cases {
        for before in [&b""[..], b"\n", b"1001\n"] {
            let mut log = before.to_vec();
            log.extend(&long);
            log.extend(b"\n1002\n");
            let whole = run_split(format, None, &[&log]);
            let lines = log.len() - 3 - long.len().min(3);
            for cut in [
                1,
                before.len(),
                before.len() + 1,
                lines / 2,
                log.len() - 7,
                log.len() - 6,
            ] {
                let (left, right) = log.split_at(cut.min(log.len()));
                assert_eq!(run_split(format, None, &[left, right]), whole, "cut at {cut}");
            }
            // The short lines are codes (bad lines in a JSON lines log).
            let short = usize::from(before == b"1001\n") + 1;
            let expected = counted
                + if format == Some(LogFormat::JsonLines) {
                    0
                } else {
                    short
                };
            assert_eq!(
                whole.0.codes.len(),
                expected,
                "{format:?} {} before {before:?}",
                long.len()
            );
            let too_long = usize::from(long.len() > MAX_LINE_LEN);
            assert_eq!(
                whole
                    .0
                    .bad
                    .iter()
                    .filter(|bad| bad.1 == BadRecordKind::TooLong)
                    .count(),
                too_long
            );
        }
    }
}
