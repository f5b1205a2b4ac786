//! The fast paths of [`LogParser`](super::LogParser): the common shapes of a CSV record and a JSON
//! line, read in one pass. Each claims a record only when the general parser would count the
//! same code for it; anything else (a quote, an escape, nesting, a bad code...) is left to the
//! general parser, which then gives the answer. A JSON line with the shape of the line before
//! it is read by its values alone (see [`Shape`]). `fast_paths_agree_with_the_general_parser`
//! and `the_json_fast_path_agrees_with_the_general_parser_on_long_logs` in the tests check this
//! on random logs cut at random places.

use super::{
    bytes_below, equal_bytes, find_byte, parse_code, word_at, CodeSink, LOW7, MAX_LINE_LEN, MAX_VALUE_LEN,
    ONES,
};

const HIGH: u64 = 0x8080_8080_8080_8080;

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

/// The kind of a value of a flat object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    String,
    Number,
    /// `true`, `false` or `null`.
    Literal,
}

/// The most values a line may hold for its [`Shape`] to be kept.
const MAX_VALUES: usize = 16;

/// Where the values of a flat object are, as [`Flat::object`] reads them: a string's contents
/// (between its quotes), or a whole number or literal.
struct Spans {
    /// `(start, end, kind)` of the first values.
    values: [(usize, usize, Kind); MAX_VALUES],
    /// How many values the object has (it may have more than are kept).
    count: usize,
    /// The index of the value at the key (the last one).
    key: usize,
}

impl Spans {
    const NONE: Spans = Spans {
        values: [(0, 0, Kind::Literal); MAX_VALUES],
        count: 0,
        key: 0,
    };

    #[inline]
    fn push(&mut self, start: usize, end: usize, kind: Kind) {
        if let Some(slot) = self.values.get_mut(self.count) {
            *slot = (start, end, kind);
        }
        self.count += 1;
    }
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

    /// The whole line as a flat object: the span of each value into `spans`, and the span of
    /// the value at `key` (the last one).
    fn object(&mut self, key: &[u8], spans: &mut Spans) -> Option<(usize, usize)> {
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
                    let (end, _) = self.string(true)?;
                    spans.push(value_start + 1, end, Kind::String);
                }
                b'-' | b'0'..=b'9' => {
                    self.at = number_end(self.text, self.at)?;
                    spans.push(value_start, self.at, Kind::Number);
                }
                first => {
                    self.at = literal_end(self.text, self.at, first)?;
                    spans.push(value_start, self.at, Kind::Literal);
                }
            }
            if same(&self.text[key_start..key_end], key) {
                found = Some((value_start, self.at));
                spans.key = spans.count - 1;
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

    /// A whole line from `at`, through its newline: its code.
    #[inline]
    fn record(&mut self, key: &[u8], spans: &mut Spans) -> Option<u16> {
        self.skip_space();
        let (start, end) = self.object(key, spans)?;
        self.skip_space();
        self.next_is(b'\n')?;
        code_of(&self.text[start..end])
    }
}

/// Where the digits from `at` end.
#[inline]
fn digits_end(text: &[u8], mut at: usize) -> usize {
    while let Some(b'0'..=b'9') = text.get(at) {
        at += 1;
    }
    at
}

/// Where the JSON number at `at` ends (`None`: not a JSON number).
#[inline]
fn number_end(text: &[u8], mut at: usize) -> Option<usize> {
    if text.get(at) == Some(&b'-') {
        at += 1;
    }
    let first = text.get(at).copied();
    let end = digits_end(text, at);
    if end == at || (first == Some(b'0') && end - at > 1) {
        return None;
    }
    at = end;
    if text.get(at) == Some(&b'.') {
        let end = digits_end(text, at + 1);
        if end == at + 1 {
            return None;
        }
        at = end;
    }
    if let Some(b'e' | b'E') = text.get(at) {
        at += 1;
        if let Some(b'+' | b'-') = text.get(at) {
            at += 1;
        }
        let end = digits_end(text, at);
        if end == at {
            return None;
        }
        at = end;
    }
    Some(at)
}

/// Where the literal (`true`, `false`, `null`) at `at`, whose first byte is `first`, ends.
#[inline]
fn literal_end(text: &[u8], at: usize, first: u8) -> Option<usize> {
    let word: &[u8] = match first {
        b't' => b"true",
        b'f' => b"false",
        b'n' => b"null",
        _ => return None,
    };
    text[at..].starts_with(word).then_some(at + word.len())
}

/// The JSON number at `at`: where it ends, and its value when it is 1 to 7 digits alone (the
/// common case, read from one word without a branch per digit).
#[inline]
fn number(text: &[u8], at: usize) -> Option<(usize, Option<u32>)> {
    if let Some(chunk) = text.get(at..at + 8) {
        let digits = word_at(chunk, 0) ^ (ONES * u64::from(b'0'));
        // The first byte that is not a digit.
        let count = ((!bytes_below(digits, 10) & HIGH).trailing_zeros() / 8) as usize;
        if (1..8).contains(&count)
            && !matches!(chunk[count], b'.' | b'e' | b'E')
            && (count == 1 || chunk[0] != b'0')
        {
            return Some((at + count, Some(decimal(digits << (8 * (8 - count))))));
        }
    }
    Some((number_end(text, at)?, None))
}

/// The number written by the digits of `digits` (each byte 0 to 9, the first digit in the
/// lowest byte; leading zero bytes count as zero digits).
#[inline]
fn decimal(digits: u64) -> u32 {
    // Pairs of digits in every other byte, then pairs of pairs, then the whole.
    let pairs = digits.wrapping_mul(10).wrapping_add(digits >> 8);
    let mask = 0x0000_00ff_0000_00ff;
    let high = (pairs & mask).wrapping_mul(100 + (1_000_000 << 32));
    let low = ((pairs >> 16) & mask).wrapping_mul(1 + (10_000 << 32));
    // At most 99,999,999.
    (high.wrapping_add(low) >> 32) as u32
}

/// The code of a JSON value (a valid number, or a valid string with its quotes), as the general
/// parser reads it.
#[inline]
fn code_of(value: &[u8]) -> Option<u16> {
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

/// The JSON lines fast path marks the bytes of at most this much of a log at a time.
pub(super) const JSON_WINDOW: usize = 8 * 1024;
/// The first window of each call (then twice as long each time, up to [`JSON_WINDOW`]): a log
/// whose lines leave the fast path often marks little ahead.
const FIRST_WINDOW: usize = 512;
/// How many set marks follow a window's marks (one word), to stop a search at its end.
const SENTINEL: usize = 8;

// A line of a window is never longer than a line may be.
const _: () = assert!(JSON_WINDOW <= MAX_LINE_LEN);

/// Scratch space of [`json_records`]: one mark per byte of a window, then the sentinel.
pub(super) type Marks = [u8; JSON_WINDOW + SENTINEL];
/// Marks to start with (any value will do: [`json_records`] marks a window before it reads it).
pub(super) const NO_MARKS: Marks = [0; JSON_WINDOW + SENTINEL];

/// Marks each byte of `text` that a string cannot hold as it is: a quote, a backslash, a
/// control character (the newline among them) or a byte above 0x7F (nonzero: marked), then
/// sets the sentinel after them. One pass, which the compiler turns into vector compares.
#[inline]
fn mark(text: &[u8], marks: &mut Marks) {
    for (mark, &byte) in marks.iter_mut().zip(text) {
        *mark = u8::from(!(0x20..0x80).contains(&byte) || byte == b'"' || byte == b'\\');
    }
    marks[text.len()..text.len() + SENTINEL].fill(1);
}

/// The first mark at or after `from`, a word at a time (a mark is a byte of 1, so a word's
/// marks are the word itself; the sentinel ends every search that starts inside the window).
#[inline]
fn next_mark(marks: &[u8], from: usize) -> usize {
    find_byte(marks, from, |word| word, |mark| mark != 0)
}

/// The index of the last newline in `text`, eight bytes at a time from the end.
#[inline]
fn last_newline(text: &[u8]) -> Option<usize> {
    let mut end = text.len();
    while end >= 8 {
        let found = equal_bytes(word_at(text, end - 8), b'\n');
        if found != 0 {
            // The highest byte found is the last newline.
            return Some(end - 8 + (63 - found.leading_zeros() as usize) / 8);
        }
        end -= 8;
    }
    text[..end].iter().rposition(|&byte| byte == b'\n')
}

/// Whether `a` and `b` (of the same length) hold the same bytes, a word at a time.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    if len < 8 {
        return same(a, b);
    }
    let mut at = 0;
    while at + 8 < len {
        if word_at(a, at) != word_at(b, at) {
            return false;
        }
        at += 8;
    }
    // The last word, which may overlap the one before.
    word_at(a, len - 8) == word_at(b, len - 8)
}

/// Bytes around the values of a line (a span of the log), with its first 16 bytes kept as two
/// words to compare in one step.
#[derive(Clone, Copy)]
struct Piece {
    start: usize,
    len: usize,
    /// The first 16 bytes (zero past the end).
    words: [u64; 2],
    /// All ones over the bytes of `words` that are the piece's.
    masks: [u64; 2],
}

impl Piece {
    const EMPTY: Piece = Piece {
        start: 0,
        len: 0,
        words: [0; 2],
        masks: [0; 2],
    };

    fn new(data: &[u8], start: usize, len: usize) -> Piece {
        let mut bytes = [0u8; 16];
        let mut masks = [0u8; 16];
        let head = len.min(16);
        bytes[..head].copy_from_slice(&data[start..start + head]);
        masks[..head].fill(0xff);
        Piece {
            start,
            len,
            words: [word_at(&bytes, 0), word_at(&bytes, 8)],
            masks: [word_at(&masks, 0), word_at(&masks, 8)],
        }
    }

    /// Whether `text` holds this piece (whose bytes are in `data`) at `at`: where it ends.
    #[inline]
    fn find(&self, text: &[u8], data: &[u8], at: usize) -> Option<usize> {
        let end = at + self.len;
        let Some(chunk) = text.get(at..at + 16) else {
            // Near the end of the window.
            return same_bytes(text.get(at..end)?, &data[self.start..self.start + self.len]).then_some(end);
        };
        let differ = ((word_at(chunk, 0) ^ self.words[0]) & self.masks[0])
            | ((word_at(chunk, 8) ^ self.words[1]) & self.masks[1]);
        if differ != 0 {
            return None;
        }
        if self.len > 16
            && !same_bytes(
                text.get(at + 16..end)?,
                &data[self.start + 16..self.start + self.len],
            )
        {
            return None;
        }
        Some(end)
    }
}

/// The structure of a line that [`Flat`] read: the bytes around its values (the keys, the
/// punctuation, the white space, the quotes around strings, the newline), as spans of the log,
/// and the kind of each value. A later line made of the same bytes around values of the same
/// kinds is the same flat object with other values: [`Shape::read`] checks only the values.
struct Shape {
    /// Piece `i` comes before value `i`; the last one ends the line.
    pieces: [Piece; MAX_VALUES + 1],
    kinds: [Kind; MAX_VALUES],
    /// How many values (0: no shape).
    count: usize,
    /// The index of the value at the key.
    key: usize,
}

impl Shape {
    const NONE: Shape = Shape {
        pieces: [Piece::EMPTY; MAX_VALUES + 1],
        kinds: [Kind::Literal; MAX_VALUES],
        count: 0,
        key: 0,
    };

    /// The shape of the line of `data` from `start` to `end` (just after its newline).
    fn learn(&mut self, data: &[u8], start: usize, end: usize, spans: &Spans) {
        if spans.count == 0 || spans.count > MAX_VALUES {
            self.count = 0;
            return;
        }
        let mut from = start;
        for (index, &(value_start, value_end, kind)) in spans.values[..spans.count].iter().enumerate() {
            self.pieces[index] = Piece::new(data, from, value_start - from);
            self.kinds[index] = kind;
            from = value_end;
        }
        self.pieces[spans.count] = Piece::new(data, from, end - from);
        self.count = spans.count;
        self.key = spans.key;
    }

    /// The line of `data` from `at` when it has this shape (the shape's line is in `data`):
    /// its code and where the next line starts. The line must end before `end`, where the
    /// window marked in `marks` (from `base`) ends.
    #[inline]
    fn read(&self, data: &[u8], at: usize, base: usize, end: usize, marks: &[u8]) -> Option<(u16, usize)> {
        if self.count == 0 {
            return None;
        }
        let text = &data[..end];
        let mut at = at;
        let mut value = (0, 0, None);
        for (index, (piece, &kind)) in self.pieces.iter().zip(&self.kinds[..self.count]).enumerate() {
            at = piece.find(text, data, at)?;
            let start = at;
            let mut number = None;
            match kind {
                // The next piece starts with the closing quote: a string holding any marked
                // byte (an escape...) is not this shape.
                Kind::String => at = base + next_mark(marks, at - base),
                Kind::Number => (at, number) = self::number(text, at)?,
                Kind::Literal => at = literal_end(text, at, *text.get(at)?)?,
            }
            if index == self.key {
                value = (start, at, number);
            }
        }
        at = self.pieces[self.count].find(text, data, at)?;
        let code = match (value.2, self.kinds[self.key]) {
            (Some(number), _) => u16::try_from(number).ok()?,
            // No escape, no blank but the space (marked).
            (None, Kind::String) => parse_code(&data[value.0..value.1]).ok()?,
            (None, Kind::Number) => code_of(&data[value.0..value.1])?,
            (None, Kind::Literal) => return None,
        };
        Some((code, at))
    }
}

/// The line of `data` from `at` read by [`Flat`]: its code and where the next line starts. Its
/// shape is learnt.
#[inline]
fn flat_line(data: &[u8], at: usize, key: &[u8], shape: &mut Shape) -> Option<(u16, usize)> {
    let mut flat = Flat {
        text: data,
        at,
        high: false,
    };
    let mut spans = Spans::NONE;
    let code = flat.record(key, &mut spans)?;
    // A line longer than a line may be is a bad line (`flat.at` is past its newline).
    if flat.at - at - 1 > MAX_LINE_LEN || (flat.high && core::str::from_utf8(&data[at..flat.at]).is_err()) {
        return None;
    }
    shape.learn(data, at, flat.at, &spans);
    Some((code, flat.at))
}

/// The JSON lines at the start of `data` that are flat objects holding a code at `key` and end
/// with a newline inside `data`: each is counted, and `lines` advanced. Returns where the first
/// other line starts (or `data.len()`). `marks` is scratch space.
///
/// Such a line is valid JSON and UTF-8, and its code is read as the general parser reads it.
/// A line is read by [`Flat`], unless it has the shape of the last line `Flat` read: then only
/// its values are read, strings in a window of marks.
pub(super) fn json_records(
    data: &[u8],
    key: &[u8],
    lines: &mut u64,
    sink: &mut impl CodeSink,
    marks: &mut Marks,
) -> usize {
    let mut at = 0;
    let mut window = FIRST_WINDOW;
    let mut shape = Shape::NONE;
    while at < data.len() {
        let limit = data.len().min(at + window);
        // A window ends just after a newline.
        let Some(last) = last_newline(&data[at..limit]) else {
            if limit < data.len() && window < JSON_WINDOW {
                window *= 2;
                continue;
            }
            // A line longer than a window, or the unfinished last one.
            let Some((code, next)) = flat_line(data, at, key, &mut shape) else {
                return at;
            };
            *lines += 1;
            sink.code(code);
            at = next;
            continue;
        };
        let base = at;
        let end = at + last + 1;
        mark(&data[base..end], marks);
        let marks = &marks[..end - base + SENTINEL];
        while at < end {
            let (code, next) = match shape.read(data, at, base, end, marks) {
                Some(read) => read,
                None => match flat_line(data, at, key, &mut shape) {
                    Some(read) => read,
                    None => return at,
                },
            };
            *lines += 1;
            sink.code(code);
            at = next;
        }
        window = (window * 2).min(JSON_WINDOW);
    }
    at
}

#[cfg(test)]
mod tests {
    extern crate std;

    use std::format;
    use std::string::{String, ToString};
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
        #![proptest_config(ProptestConfig { max_global_rejects: 10_000, ..ProptestConfig::with_cases(3000) })]

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

    /// A JSON value of any kind, valid or not: plain numbers (some out of range, some longer
    /// than a word), other numbers, literals, strings holding quotes, escapes, tabs and
    /// non-ASCII characters.
    fn json_value() -> impl Strategy<Value = String> {
        let string_char =
            prop::sample::select(&['1', '0', 'a', ' ', '"', '\\', '\t', '\u{e9}', 'u', 'n'][..]);
        prop_oneof![
            4 => (0..70_000u32).prop_map(|n| n.to_string()),
            1 => (0..1_000_000_000u64).prop_map(|n| n.to_string()),
            1 => prop::sample::select(&["0", "01", "-0", "-5", "1.5", "1e3", "-", "1.", "00", "true", "false", "null", "nul", "[1]", ""][..])
                .prop_map(ToString::to_string),
            2 => prop::collection::vec(string_char, 0..10).prop_map(|chars| format!("\"{}\"", chars.into_iter().collect::<String>())),
        ]
    }

    /// Logs of lines of a few shapes, each with values of every kind: most lines have the shape
    /// of the line before them (read from marked windows by `Shape::read`), and a value that
    /// does not fit is left to `Flat`, then to the general parser.
    fn shaped_log() -> impl Strategy<Value = Vec<u8>> {
        let line = (0..5usize, json_value(), json_value()).prop_map(|(shape, a, b)| match shape {
            0 => format!("{{\"timestamp\": \"2026-11-01T00:00:00Z\", \"code\": {a}, \"reason\": {b}}}\n"),
            1 => format!("{{\"code\":{a},\"r\":{b}}}\n"),
            2 => format!(" {{ \"code\" :\t{a} , \"code\": {b} }}\t\r\n"),
            3 => format!(
                "{{\"r\": {b}, \"a rather long key, longer than a word or two\": 1, \"code\": {a}}}\n"
            ),
            _ => format!("{{\"r\": {b}, \"code\": {a}, \"s\": {b}}}"),
        });
        (prop::collection::vec((line, 0..4usize), 0..120), 0..3usize).prop_map(|(lines, repeat)| {
            let mut log = Vec::new();
            for (line, times) in lines {
                // Runs of lines of one shape, as in a real log.
                for _ in 0..=times * repeat {
                    log.extend_from_slice(line.as_bytes());
                }
                if !line.ends_with('\n') {
                    log.push(b'\n');
                }
            }
            log
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn the_json_fast_path_agrees_with_the_general_parser_on_long_logs(log in shaped_log(), mut cuts in prop::collection::vec(0..20_000usize, 0..4)) {
            cuts.sort_unstable();
            for field in [None, Some(&b"r"[..])] {
                let general = run(false, Some(LogFormat::JsonLines), field, &log, &[]);
                prop_assert_eq!(&run(true, Some(LogFormat::JsonLines), field, &log, &[]), &general);
                prop_assert_eq!(&run(true, Some(LogFormat::JsonLines), field, &log, &cuts), &general);
            }
        }

        #[test]
        fn decimal_reads_one_to_seven_digits(digits in prop::collection::vec(0..10u8, 1..8)) {
            let mut word = [b'x'; 8];
            word[..digits.len()].copy_from_slice(&digits.iter().map(|d| d + b'0').collect::<Vec<u8>>());
            let expected = digits.iter().fold(0u32, |n, &d| n * 10 + u32::from(d));
            let leading_zero = digits.len() > 1 && digits[0] == 0;
            let read = super::number(&word, 0);
            if leading_zero {
                prop_assert_eq!(read, None);
            } else {
                prop_assert_eq!(read, Some((digits.len(), Some(expected))));
            }
        }
    }

    #[test]
    fn json_lines_longer_than_a_window_agree_with_the_general_parser() {
        let mut log = Vec::new();
        for (index, long) in [0usize, 3_000, 9_000, 20_000, 70_000, 0, 100, 8_150, 8_200]
            .iter()
            .enumerate()
        {
            for code in [1000, 70_000, 4000] {
                let reason = "x".repeat(*long);
                log.extend_from_slice(
                    format!("{{\"code\": {code}, \"r\": \"{reason}\", \"i\": {index}}}\n").as_bytes(),
                );
            }
        }
        let general = run(false, Some(LogFormat::JsonLines), None, &log, &[]);
        // The lines of 70,000 bytes are too long: bad, whatever their code.
        assert_eq!(general.0.codes.len(), 16);
        assert_eq!(general.0.bad.len(), 11);
        for cuts in [&[][..], &[5_000, 40_000, 100_000], &[8_192, 16_384, 131_072]] {
            assert_eq!(run(true, Some(LogFormat::JsonLines), None, &log, cuts), general);
        }
    }

    #[test]
    fn last_newline_finds_the_last_one_at_every_position() {
        for len in 0..40 {
            for first in 0..=len {
                for second in first..=len {
                    let mut text = std::vec![b'a'; len];
                    for at in [first, second] {
                        if at < len {
                            text[at] = b'\n';
                        }
                    }
                    let expected = text.iter().rposition(|&byte| byte == b'\n');
                    assert_eq!(super::last_newline(&text), expected, "{text:?}");
                }
            }
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
            let used = super::json_records(line, b"code", &mut 0, &mut tally, &mut { super::NO_MARKS });
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
