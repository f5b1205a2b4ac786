//! The fast paths of [`LogParser`](super::LogParser): the common shapes of a CSV record and a JSON
//! line, read in one pass. Each claims a record only when the general parser would count the
//! same code for it; anything else (a quote, an escape, nesting, a bad code...) is left to the
//! general parser, which then gives the answer. `fast_paths_agree_with_the_general_parser` in
//! the tests checks this on random logs cut at random places.

use super::{equal_bytes, find_byte, parse_code, CodeSink, MAX_LINE_LEN, MAX_VALUE_LEN};

const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// The high bit of each byte of `word` below 0x20 or above 0x7F (exact: adding 0x60 to seven
/// bits never carries into the next byte).
#[inline]
fn control_or_high(word: u64) -> u64 {
    (!((word & LOW7) + 0x6060_6060_6060_6060) | word) & HIGH
}

/// The next `,`, newline or `"` at or after `from` (`data.len()` when none).
#[inline]
fn find_csv_special(data: &[u8], from: usize) -> usize {
    find_byte(
        data,
        from,
        |word| equal_bytes(word, b',') | equal_bytes(word, b'\n') | equal_bytes(word, b'"'),
        |byte| matches!(byte, b',' | b'\n' | b'"'),
    )
}

/// The CSV records at the start of `data` (which starts a record, after the header) that have
/// no quote, end with a newline inside `data` and hold a code in column `column`: each is
/// counted, and `lines` advanced. Returns where the first other record starts (or
/// `data.len()`).
///
/// Such a record is split at its commas only, and its code column is exactly the field's
/// bytes: the general parser counts the same code for it.
pub(super) fn csv_records(data: &[u8], column: usize, lines: &mut u64, sink: &mut impl CodeSink) -> usize {
    let mut at = 0;
    loop {
        let start = at;
        let mut pos = start;
        for _ in 0..column {
            pos = find_csv_special(data, pos);
            if data.get(pos) != Some(&b',') {
                return start;
            }
            pos += 1;
        }
        let field_start = pos;
        let mut value: u32 = 0;
        while pos < data.len() && pos - field_start < 5 && data[pos].is_ascii_digit() {
            value = value * 10 + u32::from(data[pos] - b'0');
            pos += 1;
        }
        let code = if pos > field_start && value <= 65535 && matches!(data.get(pos), Some(b',' | b'\n')) {
            // In range by the check above.
            value as u16
        } else {
            // Padding, a CRLF line end, leading zeros...: the field up to its end, parsed as the
            // general parser parses it.
            pos = find_csv_special(data, field_start);
            if pos == data.len() || data[pos] == b'"' || pos - field_start > MAX_VALUE_LEN {
                return start;
            }
            match parse_code(&data[field_start..pos]) {
                Ok(code) => code,
                Err(_) => return start,
            }
        };
        let end = if data[pos] == b'\n' {
            pos
        } else {
            find_byte(
                data,
                pos + 1,
                |word| equal_bytes(word, b'\n') | equal_bytes(word, b'"'),
                |byte| byte == b'\n' || byte == b'"',
            )
        };
        if data.get(end) != Some(&b'\n') {
            return start;
        }
        *lines += 1;
        sink.code(code);
        at = end + 1;
    }
}

/// Whether `a` and `b` hold the same bytes (short keys: cheaper than a call to `memcmp`).
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |differ, (x, y)| differ | (x ^ y)) == 0
}

/// A reader of JSON lines that are flat objects: keys without escapes, values that are strings,
/// numbers, `true`, `false` or `null`.
struct Flat<'a> {
    text: &'a [u8],
    at: usize,
    /// Whether a byte above 0x7F was seen (in a string): UTF-8 is then checked at the end.
    high: bool,
}

impl Flat<'_> {
    #[inline]
    fn skip_space(&mut self) {
        // JSON's white space but the newline, which ends the line. Most bytes met here are
        // above the space, which ends the loop with one comparison.
        while let Some(&byte) = self.text.get(self.at) {
            if byte > b' ' || !matches!(byte, b' ' | b'\t' | b'\r') {
                break;
            }
            self.at += 1;
        }
    }

    #[inline]
    fn next_is(&mut self, byte: u8) -> Option<()> {
        if self.text.get(self.at) == Some(&byte) {
            self.at += 1;
            Some(())
        } else {
            None
        }
    }

    /// A string whose opening quote is at `at - 1`: the index of its closing quote, and whether
    /// it has escapes (all valid). `None` when it is not a valid JSON string.
    #[inline]
    fn string(&mut self, escapes_allowed: bool) -> Option<(usize, bool)> {
        let mut escaped = false;
        loop {
            self.at = find_byte(
                self.text,
                self.at,
                |word| equal_bytes(word, b'"') | equal_bytes(word, b'\\') | control_or_high(word),
                |byte| byte == b'"' || byte == b'\\' || !(0x20..0x80).contains(&byte),
            );
            match *self.text.get(self.at)? {
                b'"' => {
                    self.at += 1;
                    return Some((self.at - 1, escaped));
                }
                b'\\' if escapes_allowed => {
                    escaped = true;
                    match *self.text.get(self.at + 1)? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => self.at += 2,
                        b'u' => {
                            let hex = self.text.get(self.at + 2..self.at + 6)?;
                            if !hex.iter().all(u8::is_ascii_hexdigit) {
                                return None;
                            }
                            self.at += 6;
                        }
                        _ => return None,
                    }
                }
                0x80..=0xff => {
                    self.high = true;
                    self.at += 1;
                }
                _ => return None,
            }
        }
    }

    /// Digits from `at`: how many.
    #[inline]
    fn digits(&mut self) -> usize {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.text.get(self.at) {
            self.at += 1;
        }
        self.at - start
    }

    /// A JSON number at `at`.
    #[inline]
    fn number(&mut self) -> Option<()> {
        if self.text.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let first = self.text.get(self.at).copied();
        let count = self.digits();
        if count == 0 || (first == Some(b'0') && count > 1) {
            return None;
        }
        if self.text.get(self.at) == Some(&b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return None;
            }
        }
        if let Some(b'e' | b'E') = self.text.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.text.get(self.at) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        Some(())
    }

    #[inline]
    fn literal(&mut self, word: &[u8]) -> Option<()> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Some(())
        } else {
            None
        }
    }

    /// The whole line as a flat object: the span of the value at `key` (the last one).
    fn object(&mut self, key: &[u8]) -> Option<(usize, usize)> {
        self.next_is(b'{')?;
        self.skip_space();
        let mut found = None;
        loop {
            self.next_is(b'"')?;
            let key_start = self.at;
            let (key_end, _) = self.string(false)?;
            self.skip_space();
            self.next_is(b':')?;
            self.skip_space();
            let value_start = self.at;
            match *self.text.get(self.at)? {
                b'"' => {
                    self.at += 1;
                    self.string(true)?;
                }
                b'-' | b'0'..=b'9' => self.number()?,
                b't' => self.literal(b"true")?,
                b'f' => self.literal(b"false")?,
                b'n' => self.literal(b"null")?,
                _ => return None,
            }
            if same(&self.text[key_start..key_end], key) {
                found = Some((value_start, self.at));
            }
            self.skip_space();
            match *self.text.get(self.at)? {
                b',' => {
                    self.at += 1;
                    self.skip_space();
                }
                b'}' => {
                    self.at += 1;
                    return found;
                }
                _ => return None,
            }
        }
    }
}

/// The JSON lines at the start of `data` that are flat objects holding a code at `key` and end
/// with a newline inside `data`: each is counted, and `lines` advanced. Returns where the first
/// other line starts (or `data.len()`).
///
/// Such a line is valid JSON and UTF-8, and its code is read as the general parser reads it.
pub(super) fn json_records(data: &[u8], key: &[u8], lines: &mut u64, sink: &mut impl CodeSink) -> usize {
    let mut at = 0;
    loop {
        let mut flat = Flat {
            text: data,
            at,
            high: false,
        };
        let Some(code) = flat.record(key) else {
            return at;
        };
        // A line longer than a line may be is a bad line (`flat.at` is past its newline).
        if flat.at - at - 1 > MAX_LINE_LEN || (flat.high && core::str::from_utf8(&data[at..flat.at]).is_err())
        {
            return at;
        }
        *lines += 1;
        sink.code(code);
        at = flat.at;
    }
}

impl Flat<'_> {
    /// A whole line from `at`, through its newline: its code.
    #[inline]
    fn record(&mut self, key: &[u8]) -> Option<u16> {
        self.skip_space();
        let (start, end) = self.object(key)?;
        self.skip_space();
        self.next_is(b'\n')?;
        let value = &self.text[start..end];
        match value[0] {
            b'"' => {
                let inner = &value[1..value.len() - 1];
                if inner.contains(&b'\\') {
                    return None;
                }
                parse_code(inner).ok()
            }
            // A valid JSON number: digits only is a code when at most 65535.
            b'0'..=b'9' if value.len() <= 5 && value.iter().all(u8::is_ascii_digit) => {
                let number = value
                    .iter()
                    .fold(0u32, |number, &digit| number * 10 + u32::from(digit - b'0'));
                // In range by the check.
                (number <= 65535).then_some(number as u16)
            }
            b'0'..=b'9' => parse_code(value).ok(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    use std::vec::Vec;

    use proptest::prelude::*;

    use super::super::{BadRecord, BadRecordKind, CodeSink, LogError, LogFormat, LogParser};

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

    /// Pieces of logs: whole common records (which the fast paths take) and every kind of
    /// fragment that must send a record to the general parser.
    const PIECES: &[&str] = &[
        "2026-11-01T00:00:00Z,1000,going away\n",
        "t,4000,x\n",
        "t,65535\n",
        "t,1001\r\n",
        "t, 1002 ,x\n",
        "t,00042,x\n",
        "t,65536,x\n",
        "t,,x\n",
        "t\n",
        "t,\"1003\",x\n",
        "t,1004,\"a\nb\"\n",
        "\"t,\n1\",1005\n",
        "t,1_000\n",
        "t,+1,x\n",
        "{\"timestamp\": \"2026-11-01T00:00:00Z\", \"code\": 1000, \"reason\": \"going away\"}\n",
        "{\"code\":4000}\n",
        "{\"code\": \"1001\"}\n",
        "{\"code\": \" 1001 \"}\n",
        "{\"code\": 1000, \"code\": 2000}\n",
        "{\"code\": 1000, \"codes\": 2000, \"cod\": 3000}\n",
        "{\"codes\": 1000}\n",
        "{\"code\": 1000, \"c\\u006fde\": 3000}\n",
        "{\"code\": 1.5}\n",
        "{\"code\": 1e3}\n",
        "{\"code\": -0}\n",
        "{\"code\": 01}\n",
        "{\"code\": 70000}\n",
        "{\"code\": true, \"x\": null, \"y\": false}\n",
        "{\"code\": 1000, \"r\": \"\\\"quoted\\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u00e9\"}\n",
        "{\"code\": 1000, \"r\": \"caf\u{e9}\"}\n",
        "{\"code\": 1000, \"r\": \"\\x\"}\n",
        "{\"code\": 1000, \"n\": {\"code\": 2000}}\n",
        "{\"code\": 1000, \"a\": [1, 2]}\n",
        "{\"code\": 1000,}\n",
        "{\"code\" 1000}\n",
        "{}\n",
        "[1000]\n",
        "1000\n",
        "  1001\t\n",
        "\n",
        "\r\n",
        " ",
        "\t",
        ",",
        "\"",
        "\"\"",
        "\\",
        "\\u12",
        "{",
        "}",
        "[",
        ":",
        "\"code\"",
        "1000",
        "1e3",
        "-",
        "tru",
        "x",
        "\u{e9}",
        "\u{feff}",
        "\0",
        "\x7f",
    ];

    fn run(
        fast: bool,
        format: Option<LogFormat>,
        field: Option<&[u8]>,
        log: &[u8],
        cuts: &[usize],
    ) -> (Tally, Result<(), LogError>, u64) {
        let mut parser = LogParser::new(format, field).unwrap();
        parser.csv.fast = fast;
        let mut tally = Tally::default();
        let mut start = 0;
        let mut result = Ok(());
        for &cut in cuts.iter().chain([log.len()].iter()) {
            let cut = cut.clamp(start, log.len());
            result = parser.feed(&log[start..cut], &mut tally);
            start = cut;
            if result.is_err() {
                break;
            }
        }
        if result.is_ok() {
            result = parser.finish(&mut tally);
        }
        (tally, result, parser.lines())
    }

    fn log_of(pieces: &[usize], bytes: &[u8]) -> Vec<u8> {
        let mut log: Vec<u8> = pieces.iter().flat_map(|&index| PIECES[index].bytes()).collect();
        // A few raw bytes (invalid UTF-8 among them) at the front.
        log.splice(0..0, bytes.iter().copied());
        log
    }

    fn settings() -> impl Strategy<Value = (Vec<usize>, Vec<u8>, Vec<usize>, usize)> {
        (
            prop::collection::vec(0..PIECES.len(), 0..40),
            prop::collection::vec(
                prop::sample::select(&[0xffu8, 0xc3, 0xa9, b',', b'\n', b'c'][..]),
                0..3,
            ),
            prop::collection::vec(0..400usize, 0..6),
            0..6usize,
        )
    }

    fn options(which: usize) -> (Option<LogFormat>, Option<&'static [u8]>) {
        [
            (None, None),
            (Some(LogFormat::Csv), None),
            (Some(LogFormat::Csv), Some(&b"t"[..])),
            (Some(LogFormat::JsonLines), None),
            (Some(LogFormat::Codes), None),
            (None, Some(&b"code"[..])),
        ][which]
    }

    /// A header then records, for CSV; the same pieces without one otherwise.
    fn headed(log: Vec<u8>, format: Option<LogFormat>) -> Vec<u8> {
        if format == Some(LogFormat::Csv) {
            let mut headed = b"t,code,reason\n".to_vec();
            headed.extend(log);
            headed
        } else {
            log
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn fast_paths_agree_with_the_general_parser((pieces, bytes, mut cuts, which) in settings()) {
            let (format, field) = options(which);
            let log = headed(log_of(&pieces, &bytes), format);
            cuts.sort_unstable();
            let general = run(false, format, field, &log, &[]);
            prop_assert_eq!(&run(true, format, field, &log, &[]), &general);
            prop_assert_eq!(&run(true, format, field, &log, &cuts), &general);
        }

        #[test]
        fn a_continuation_from_a_record_boundary_reads_the_rest_as_the_parser_would((pieces, bytes, cuts, which) in settings()) {
            let (format, field) = options(which);
            let log = headed(log_of(&pieces, &bytes), format);
            let whole = run(true, format, field, &log, &[]);
            // Cut just after a newline, as `wsclose stats` does for a large file.
            let newlines: Vec<usize> = (0..log.len()).filter(|&at| log[at] == b'\n').map(|at| at + 1).collect();
            prop_assume!(!newlines.is_empty());
            let cut = newlines[cuts.first().copied().unwrap_or(0) % newlines.len()];
            let mut first = LogParser::new(format, field).unwrap();
            let mut tally = Tally::default();
            prop_assume!(first.feed(&log[..cut], &mut tally).is_ok());
            let Some(mut second) = first.continuation() else {
                return Ok(());
            };
            let mut later = Tally::default();
            let result = second.feed(&log[cut..], &mut later).and_then(|()| second.finish(&mut later));
            if !first.at_record_start() {
                // A cut inside a quoted field: the caller reads the rest again, in order.
                prop_assert_eq!(format.or(first.format()), Some(LogFormat::Csv));
                return Ok(());
            }
            let lines_before = first.lines();
            second.add_lines(lines_before);
            tally.codes.extend(later.codes);
            tally.bad.extend(later.bad.into_iter().map(|(line, kind, text)| (line + lines_before, kind, text)));
            prop_assert_eq!((tally, result, second.lines()), whole);
        }
    }

    #[test]
    fn control_or_high_is_exact_for_every_byte_at_every_position() {
        for value in 0..=255u8 {
            for position in 0..8 {
                for background in [0u8, 0x20, 0x7f, 0x80, 0xff, b'a'] {
                    let mut bytes = [background; 8];
                    bytes[position] = value;
                    let expected = bytes
                        .iter()
                        .enumerate()
                        .filter(|(_, &b)| !(0x20..0x80).contains(&b))
                        .fold(0u64, |mask, (i, _)| mask | 0x80 << (8 * i));
                    assert_eq!(super::control_or_high(u64::from_le_bytes(bytes)), expected);
                }
            }
        }
    }

    #[test]
    fn the_common_shapes_take_the_fast_paths() {
        // Each counted code of these logs comes from a fast path: with them off, the same codes.
        let csv = b"t,code,r\n2026-11-01T00:00:00Z,1000,going away\nt,4000,x\n";
        let mut parser = LogParser::new(None, None).unwrap();
        let mut tally = Tally::default();
        parser.feed(csv, &mut tally).unwrap();
        parser.finish(&mut tally).unwrap();
        assert_eq!(tally.codes, [1000, 4000]);
        assert_eq!(
            super::csv_records(b"t,1000,x\nt,\"4000\",x\n", 1, &mut 0, &mut Tally::default()),
            9
        );
        let json = |line: &[u8]| {
            let mut tally = Tally::default();
            let used = super::json_records(line, b"code", &mut 0, &mut tally);
            (used == line.len()).then(|| tally.codes[0])
        };
        assert_eq!(
            json(b"{\"timestamp\": \"x\", \"code\": 1000, \"r\": \"going away\"}\n"),
            Some(1000)
        );
        assert_eq!(json(b"{\"code\": 1000, \"n\": {\"code\": 2000}}\n"), None);
        assert_eq!(
            json(b"{\"code\": \"4000\", \"r\": \"caf\\u00e9\"} \r\n"),
            Some(4000)
        );
        assert_eq!(
            json("{\"code\": 1000, \"r\": \"caf\u{e9}\"}\n".as_bytes()),
            Some(1000)
        );
        assert_eq!(json(b"{\"code\": 1000, \"r\": \"caf\xe9\"}\n"), None);
        assert_eq!(json(b"{\"code\": 1000}"), None);
    }
}
