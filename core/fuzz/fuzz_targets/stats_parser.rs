#![no_main]
//! The log parser behind `wsclose stats`, on any bytes: it never panics, and its answer (codes,
//! bad records, format, error) does not depend on where the input is split into chunks. The
//! first byte picks the format and the field name; the second, where the input is cut.

use libfuzzer_sys::fuzz_target;
use wsclose::{BadRecord, BadRecordKind, CodeSink, LogError, LogFormat, LogParser, MAX_LINE_LEN};

#[derive(Debug, Default, PartialEq)]
struct Tally {
    codes: Vec<u16>,
    bad: Vec<(u64, BadRecordKind, usize)>,
}

impl CodeSink for Tally {
    fn code(&mut self, code: u16) {
        self.codes.push(code);
    }
    fn bad(&mut self, record: BadRecord<'_>) {
        assert!(record.line >= 1 && record.text.len() <= MAX_LINE_LEN);
        self.bad.push((record.line, record.kind, record.text.len()));
    }
}

fn run(format: Option<LogFormat>, field: Option<&[u8]>, chunks: &[&[u8]]) -> (Tally, Result<(), LogError>, u64) {
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
    (tally, result, parser.lines())
}

fuzz_target!(|data: &[u8]| {
    let [select, cut, input @ ..] = data else { return };
    let format = match select % 4 {
        0 => None,
        1 => Some(LogFormat::Codes),
        2 => Some(LogFormat::Csv),
        _ => Some(LogFormat::JsonLines),
    };
    let field: Option<&[u8]> = if select & 4 != 0 { Some(b"c") } else { None };
    let whole = run(format, field, &[input]);
    let at = usize::from(*cut) % (input.len() + 1);
    let (left, right) = input.split_at(at);
    let split = run(format, field, &[left, &[], right]);
    let bytewise: Vec<&[u8]> = input.chunks(1).collect();
    let single = run(format, field, &bytewise);
    assert_eq!(whole, split);
    assert_eq!(whole, single);
    let newlines = input.iter().filter(|&&b| b == b'\n').count() as u64;
    if whole.1.is_ok() {
        assert!(whole.2 == newlines || whole.2 == newlines + 1);
    }
});
