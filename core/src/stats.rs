//! Counting close codes in a log: see [`LogParser`](crate::LogParser).

mod fast;

/// The longest line (plain codes, JSON lines) the parser keeps; a longer one is a bad record.
pub const MAX_LINE_LEN: usize = 64 * 1024;
/// The longest CSV column or JSON key name [`LogParser::new`] accepts, in bytes.
pub const MAX_FIELD_NAME_LEN: usize = 256;
/// The deepest nesting of arrays and objects in a JSON line (the line's own object counts as
/// one); a deeper line is a bad record.
pub const MAX_JSON_DEPTH: usize = 128;

/// The longest code field kept (a code is at most 5 digits, plus padding); longer is bad.
const MAX_VALUE_LEN: usize = 64;
/// How much of the CSV header is kept for [`LogParser::header`].
const MAX_HEADER_PREVIEW: usize = 240;
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The layout of a log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LogFormat {
    /// One decimal code per line.
    Codes,
    /// Comma-separated values (RFC 4180) with a header row.
    Csv,
    /// One JSON object per line.
    JsonLines,
}

/// Why a record was not counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BadRecordKind {
    /// A plain line that is not UTF-8.
    NotUtf8,
    /// Not a plain decimal number (`1_000`, `+1006`, `-0`, `abc`, `1.0`).
    NotACode,
    /// A decimal number above 65535.
    OutOfRange,
    /// A line longer than [`MAX_LINE_LEN`].
    TooLong,
    /// A JSON line that is not valid JSON.
    NotJson,
    /// A JSON line nested deeper than [`MAX_JSON_DEPTH`].
    TooDeep,
    /// A JSON line whose value is not an object.
    NotAnObject,
    /// A JSON object without the key.
    NoKey,
    /// The JSON value at the key is not a number or a string (`true`, `null`, an array...).
    NotANumberOrString,
    /// A CSV record with fewer columns than the header's code column.
    NoColumn,
    /// A CSV quoted field still open at the end of the input.
    UnterminatedQuote,
    /// A CSV quoted field followed by text before the next comma or newline.
    TextAfterQuote,
}

impl BadRecordKind {
    /// What the kind means, in a few words.
    pub const fn description(self) -> &'static str {
        match self {
            BadRecordKind::NotUtf8 => "not UTF-8",
            BadRecordKind::NotACode => "not a close code (decimal digits only, 0 to 65535)",
            BadRecordKind::OutOfRange => "out of range: close codes are 0 to 65535",
            BadRecordKind::TooLong => "line too long",
            BadRecordKind::NotJson => "not JSON",
            BadRecordKind::TooDeep => "JSON nested too deep",
            BadRecordKind::NotAnObject => "not a JSON object",
            BadRecordKind::NoKey => "no such key",
            BadRecordKind::NotANumberOrString => "the value is not a number or a string",
            BadRecordKind::NoColumn => "no such column in this record",
            BadRecordKind::UnterminatedQuote => "unterminated quoted field",
            BadRecordKind::TextAfterQuote => "text after a closing quote",
        }
    }
}

/// A record that was not counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadRecord<'a> {
    /// The 1-based line the record starts on.
    pub line: u64,
    /// Why it was not counted.
    pub kind: BadRecordKind,
    /// The offending text when there is one (the line, the field or the JSON value; at most
    /// [`MAX_LINE_LEN`] bytes), else empty.
    pub text: &'a [u8],
}

/// What a [`LogParser`] reports to.
pub trait CodeSink {
    /// A record holding `code`.
    fn code(&mut self, code: u16);
    /// A record that was not counted.
    fn bad(&mut self, record: BadRecord<'_>);
}

/// Why a log cannot be read at all (as opposed to a bad record, which is skipped).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LogError {
    /// The field name is empty or longer than [`MAX_FIELD_NAME_LEN`].
    FieldName,
    /// The CSV header has no column of that name ([`LogParser::header`] shows the header).
    NoColumn,
}

impl core::fmt::Display for LogError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            LogError::FieldName => "the field name must be 1 to 256 bytes long",
            LogError::NoColumn => "the CSV header has no such column",
        })
    }
}

impl core::error::Error for LogError {}

/// The code in `text`: ASCII digits only, after trimming spaces, tabs and `\r`.
pub fn parse_code(text: &[u8]) -> Result<u16, BadRecordKind> {
    let text = trim(text);
    if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
        return Err(BadRecordKind::NotACode);
    }
    let mut value: u32 = 0;
    for &digit in text {
        value = value * 10 + u32::from(digit - b'0');
        if value > 65535 {
            return Err(BadRecordKind::OutOfRange);
        }
    }
    // In range by the check above.
    Ok(value as u16)
}

fn is_blank(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r')
}

const ONES: u64 = 0x0101_0101_0101_0101;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// The high bit of each byte of `word` that equals `byte` (exact, no carries between bytes).
#[inline]
fn equal_bytes(word: u64, byte: u8) -> u64 {
    let diff = word ^ (ONES * u64::from(byte));
    !(((diff & LOW7) + LOW7) | diff | LOW7)
}

/// The high bit of each byte of `word` below `limit` (at most 128).
#[inline]
fn bytes_below(word: u64, limit: u8) -> u64 {
    !(((word & LOW7) + ONES * u64::from(128 - limit)) | word) & !LOW7
}

/// The word of `bytes` at `at` (8 bytes, little-endian).
#[inline]
fn word_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

/// The index of the first byte at or after `from` for which `wanted` holds (`data.len()` when
/// none), eight bytes at a time: `mask` gives the high bit of each wanted byte of a word.
#[inline]
fn find_byte(data: &[u8], from: usize, mask: impl Fn(u64) -> u64, wanted: impl Fn(u8) -> bool) -> usize {
    let mut at = from;
    while at + 8 <= data.len() {
        let found = mask(word_at(data, at));
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < data.len() && !wanted(data[at]) {
        at += 1;
    }
    at
}

/// The index of the first newline in `data`, eight bytes at a time.
#[inline]
fn find_newline(data: &[u8]) -> Option<usize> {
    let at = find_byte(data, 0, |word| equal_bytes(word, b'\n'), |byte| byte == b'\n');
    (at < data.len()).then_some(at)
}

/// Skips the blank lines at the start of `data`: how many newlines, and the rest (from just after
/// the last of them). Fast on long runs of blank lines (a gigabyte of newlines).
fn skip_blank_lines(data: &[u8]) -> (u64, &[u8]) {
    let mut newlines = 0u64;
    let mut after = 0;
    for (index, &byte) in data.iter().enumerate() {
        match byte {
            b'\n' => {
                newlines += 1;
                after = index + 1;
            }
            // A blank line longer than a line may be is a bad line, as when it is buffered.
            b' ' | b'\t' | b'\r' if index - after < MAX_LINE_LEN => {}
            _ => break,
        }
    }
    (newlines, &data[after..])
}

fn trim(mut text: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = text {
        if !is_blank(*first) {
            break;
        }
        text = rest;
    }
    while let [rest @ .., last] = text {
        if !is_blank(*last) {
            break;
        }
        text = rest;
    }
    text
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Detect,
    Lines(LogFormat),
    Csv,
    Failed,
}

/// The line being assembled across chunks (plain codes, JSON lines, and format detection).
struct LineBuffer {
    bytes: [u8; MAX_LINE_LEN],
    len: usize,
    overlong: bool,
}

impl LineBuffer {
    fn push(&mut self, data: &[u8]) {
        let room = MAX_LINE_LEN - self.len;
        if data.len() > room {
            self.bytes[self.len..].copy_from_slice(&data[..room]);
            self.len = MAX_LINE_LEN;
            self.overlong = true;
        } else {
            self.bytes[self.len..self.len + data.len()].copy_from_slice(data);
            self.len += data.len();
        }
    }

    fn is_empty(&self) -> bool {
        self.len == 0 && !self.overlong
    }

    fn clear(&mut self) {
        self.len = 0;
        self.overlong = false;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CsvState {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: the end of the field, or the first of a doubled quote.
    QuoteInQuoted,
}

/// The RFC 4180 state machine. Only the code column is kept (and a preview of the header).
struct Csv {
    state: CsvState,
    /// The index of the field being read.
    field: usize,
    /// Whether the header record has been read.
    header_done: bool,
    /// The code column (found in the header).
    column: Option<usize>,
    /// The code column's text in this record.
    value: [u8; MAX_VALUE_LEN],
    value_len: usize,
    value_overlong: bool,
    /// Whether the code column was reached in this record.
    value_seen: bool,
    /// Whether the record has anything but blanks (a comma, a quote, a character).
    record_started: bool,
    record_line: u64,
    text_after_quote: bool,
    /// Header: whether the field read so far equals the key, and how much of it matched.
    key_match: bool,
    key_pos: usize,
    header: [u8; MAX_HEADER_PREVIEW],
    header_len: usize,
    header_truncated: bool,
    /// Whether whole records are read by [`fast::csv_records`] when it can.
    fast: bool,
}

/// A push parser counting close codes in a log: plain codes, CSV (RFC 4180) and JSON lines.
///
/// [`LogParser`] is fed byte chunks of any size, split anywhere, and reports each record to a
/// [`CodeSink`]: a code, or a bad record with its line number and why. It allocates nothing and
/// keeps at most [`MAX_LINE_LEN`] bytes of a line, so memory is fixed whatever the input: a line
/// longer than that (one endless line, a gigabyte of NUL bytes) is one bad record, not a buffer.
///
/// A code is only a plain ASCII decimal number in 0..=65535: `1000` (surrounding spaces and
/// tabs are allowed, and a `\r` before the newline). `1_000`, `+1006`, `-0`, `1e3` and digits of
/// other scripts are bad records, in every format.
///
/// - [`LogFormat::Codes`]: one code per line; blank lines are skipped.
/// - [`LogFormat::Csv`]: RFC 4180. The first non-blank record is the header; the code is in the
///   column named by the field name. Quoted fields may hold commas, newlines and doubled quotes.
///   A record whose code column is missing, a quote followed by other text, and an unterminated
///   quoted field (reported at the end) are bad records. Blank lines are skipped.
/// - [`LogFormat::JsonLines`]: each non-blank line is a JSON object (checked in full, nested at
///   most [`MAX_JSON_DEPTH`] deep); the code is the value at the field name, a number or a
///   string holding a code. If the key occurs twice, the last one counts.
///
/// A UTF-8 byte order mark at the very start is skipped. With no format given, the first
/// non-blank line decides: `{` means JSON lines, a comma (or a field name given) means CSV, else
/// plain codes.
///
/// ```
/// use wsclose::{BadRecord, CodeSink, LogFormat, LogParser};
///
/// #[derive(Default)]
/// struct Tally { codes: Vec<u16>, bad: Vec<u64> }
/// impl CodeSink for Tally {
///     fn code(&mut self, code: u16) { self.codes.push(code) }
///     fn bad(&mut self, record: BadRecord<'_>) { self.bad.push(record.line) }
/// }
///
/// let mut parser = LogParser::new(None, None)?;
/// let mut tally = Tally::default();
/// parser.feed(b"code,reason\n1000,\"see\n4000,x\"\n10", &mut tally)?;
/// parser.feed(b"06,\"unterminated\n", &mut tally)?;
/// parser.finish(&mut tally)?;
/// assert_eq!(parser.format(), Some(LogFormat::Csv));
/// assert_eq!(tally.codes, [1000]);
/// assert_eq!(tally.bad, [4]); // the record from line 4 never closes its quote
/// # Ok::<(), wsclose::LogError>(())
/// ```
pub struct LogParser {
    mode: Mode,
    format: Option<LogFormat>,
    key: [u8; MAX_FIELD_NAME_LEN],
    key_len: usize,
    key_given: bool,
    /// How many bytes of a byte order mark were seen at the start (3 when past the start).
    bom: usize,
    /// Lines ended so far.
    line: u64,
    buffer: LineBuffer,
    csv: Csv,
    /// Scratch space of the JSON lines fast path.
    marks: fast::Marks,
}

impl LogParser {
    /// A parser for `format` (`None`: detected from the first non-blank line), with the code at
    /// CSV column or JSON key `field` (`None`: `code`).
    pub fn new(format: Option<LogFormat>, field: Option<&[u8]>) -> Result<LogParser, LogError> {
        let name = field.unwrap_or(b"code");
        if name.is_empty() || name.len() > MAX_FIELD_NAME_LEN {
            return Err(LogError::FieldName);
        }
        let mut key = [0u8; MAX_FIELD_NAME_LEN];
        key[..name.len()].copy_from_slice(name);
        Ok(LogParser {
            mode: match format {
                None => Mode::Detect,
                Some(LogFormat::Csv) => Mode::Csv,
                Some(other) => Mode::Lines(other),
            },
            format,
            key,
            key_len: name.len(),
            key_given: field.is_some(),
            bom: 0,
            line: 0,
            buffer: LineBuffer {
                bytes: [0; MAX_LINE_LEN],
                len: 0,
                overlong: false,
            },
            marks: fast::NO_MARKS,
            csv: Csv {
                state: CsvState::FieldStart,
                field: 0,
                header_done: false,
                column: None,
                value: [0; MAX_VALUE_LEN],
                value_len: 0,
                value_overlong: false,
                value_seen: false,
                record_started: false,
                record_line: 1,
                text_after_quote: false,
                key_match: true,
                key_pos: 0,
                header: [0; MAX_HEADER_PREVIEW],
                header_len: 0,
                header_truncated: false,
                fast: true,
            },
        })
    }

    /// The format, once known (given, or detected from the first non-blank line).
    pub fn format(&self) -> Option<LogFormat> {
        self.format
    }

    /// The lines ended so far (newlines seen, plus a last line without one after
    /// [`finish`](Self::finish)).
    pub fn lines(&self) -> u64 {
        self.line
    }

    /// Whether the input so far ends where a record ends: no line or record is half read, and
    /// the format (and for CSV the header) is known. The rest of the log can then be read by a
    /// [`continuation`](Self::continuation) instead of by this parser, with the same result.
    pub fn at_record_start(&self) -> bool {
        match self.mode {
            Mode::Lines(_) => self.buffer.is_empty() && self.bom == BOM.len(),
            Mode::Csv => {
                self.csv.header_done
                    && self.csv.column.is_some()
                    && self.csv.state == CsvState::FieldStart
                    && self.csv.field == 0
                    && !self.csv.record_started
                    && self.bom == BOM.len()
            }
            Mode::Detect | Mode::Failed => false,
        }
    }

    /// A parser for a later part of the same log that starts where a record starts (just after
    /// a newline that ends a record): this parser's format, field and CSV header, counting lines
    /// from 0. `None` until the format (and for CSV the header) is known.
    ///
    /// Two parts can be read at once: this parser reads up to the cut, the continuation from it.
    /// If this parser then ends [`at_record_start`](Self::at_record_start), the continuation's
    /// records are the log's records (its line numbers plus this parser's [`lines`](Self::lines);
    /// [`add_lines`](Self::add_lines) rebases it to go on as the log's parser). If it does not
    /// (the cut is inside a quoted field), the continuation's work is wrong and is thrown away.
    pub fn continuation(&self) -> Option<LogParser> {
        match self.mode {
            Mode::Lines(_) => {}
            Mode::Csv if self.csv.header_done && self.csv.column.is_some() => {}
            _ => return None,
        }
        let mut next = LogParser::new(self.format, Some(&self.key[..self.key_len])).ok()?;
        next.mode = self.mode;
        next.key_given = self.key_given;
        next.bom = BOM.len();
        next.csv.fast = self.csv.fast;
        next.csv.header_done = true;
        next.csv.column = self.csv.column;
        next.csv.header = self.csv.header;
        next.csv.header_len = self.csv.header_len;
        next.csv.header_truncated = self.csv.header_truncated;
        Some(next)
    }

    /// Counts `lines` more lines before everything read so far: a
    /// [`continuation`](Self::continuation) becomes the log's parser once the lines before its
    /// start are known.
    pub fn add_lines(&mut self, lines: u64) {
        self.line += lines;
        self.csv.record_line += lines;
    }

    /// The CSV header's column names read so far, joined by `", "` (the first 240 bytes; a
    /// longer header ends in `...`), for the message of [`LogError::NoColumn`].
    pub fn header(&self) -> &[u8] {
        &self.csv.header[..self.csv.header_len]
    }

    /// Reads the next chunk of the log. After an error the parser stays failed and reads nothing.
    pub fn feed(&mut self, mut data: &[u8], sink: &mut impl CodeSink) -> Result<(), LogError> {
        if self.bom < BOM.len() {
            data = self.skip_bom(data, sink)?;
        }
        self.feed_body(data, sink)
    }

    /// Ends the log: reports a last line without a newline and an unterminated quoted field.
    pub fn finish(&mut self, sink: &mut impl CodeSink) -> Result<(), LogError> {
        if self.bom < BOM.len() {
            // Fewer bytes than a byte order mark, all of them matching one so far: they are text.
            let seen = self.bom;
            self.bom = BOM.len();
            self.feed_body(&BOM[..seen], sink)?;
        }
        match self.mode {
            Mode::Failed => Err(LogError::NoColumn),
            Mode::Detect => {
                if self.buffer.is_empty() {
                    return Ok(());
                }
                self.decide(sink)?;
                self.finish(sink)
            }
            Mode::Lines(format) => {
                if !self.buffer.is_empty() {
                    self.end_line(format, sink);
                }
                Ok(())
            }
            Mode::Csv => {
                if self.csv.state == CsvState::Quoted {
                    let line = self.csv.record_line;
                    sink.bad(BadRecord {
                        line,
                        kind: BadRecordKind::UnterminatedQuote,
                        text: b"",
                    });
                    self.csv.reset_record(line);
                    self.line += 1;
                    return Ok(());
                }
                if self.csv.record_started || self.csv.field > 0 {
                    self.line += 1;
                    let line = self.line;
                    let key = &self.key[..self.key_len];
                    return self
                        .csv
                        .end_record(key, line, sink)
                        .inspect_err(|_| self.mode = Mode::Failed);
                }
                Ok(())
            }
        }
    }

    fn skip_bom<'a>(&mut self, data: &'a [u8], sink: &mut impl CodeSink) -> Result<&'a [u8], LogError> {
        let mut rest = data;
        while self.bom < BOM.len() {
            match rest.split_first() {
                None => return Ok(rest),
                Some((&byte, tail)) if byte == BOM[self.bom] => {
                    self.bom += 1;
                    rest = tail;
                }
                Some(_) => {
                    // Not a byte order mark: what matched of it is text.
                    let seen = self.bom;
                    self.bom = BOM.len();
                    self.feed_body(&BOM[..seen], sink)?;
                    return Ok(rest);
                }
            }
        }
        Ok(rest)
    }

    fn feed_body(&mut self, data: &[u8], sink: &mut impl CodeSink) -> Result<(), LogError> {
        match self.mode {
            Mode::Failed => Err(LogError::NoColumn),
            Mode::Csv => {
                let key = &self.key[..self.key_len];
                self.csv
                    .feed(data, key, &mut self.line, sink)
                    .inspect_err(|_| self.mode = Mode::Failed)
            }
            Mode::Lines(format) => {
                self.feed_lines(format, data, sink);
                Ok(())
            }
            Mode::Detect => self.feed_detect(data, sink),
        }
    }

    fn feed_detect(&mut self, mut data: &[u8], sink: &mut impl CodeSink) -> Result<(), LogError> {
        while self.mode == Mode::Detect {
            if self.buffer.is_empty() {
                let (newlines, rest) = skip_blank_lines(data);
                self.line += newlines;
                data = rest;
            }
            match find_newline(data) {
                None => {
                    self.buffer.push(data);
                    if self.buffer.overlong {
                        // No newline within a whole buffer: decide on what there is.
                        self.decide(sink)?;
                    }
                    return Ok(());
                }
                Some(end) => {
                    self.buffer.push(&data[..end]);
                    data = &data[end + 1..];
                    if trim(&self.buffer.bytes[..self.buffer.len]).is_empty() && !self.buffer.overlong {
                        self.buffer.clear();
                        self.line += 1;
                        continue;
                    }
                    self.decide(sink)?;
                    // The line is complete: end it in the format decided.
                    match self.mode {
                        Mode::Lines(format) => self.end_line(format, sink),
                        _ => self.feed_body(b"\n", sink)?,
                    }
                }
            }
        }
        self.feed_body(data, sink)
    }

    /// Picks the format from the buffered first non-blank line. For CSV, replays the buffer into
    /// the CSV machine (which keeps no line); for the others, the buffer stays the current line.
    fn decide(&mut self, sink: &mut impl CodeSink) -> Result<(), LogError> {
        let text = trim(&self.buffer.bytes[..self.buffer.len]);
        let format = if text.first() == Some(&b'{') {
            LogFormat::JsonLines
        } else if self.key_given || text.contains(&b',') {
            LogFormat::Csv
        } else {
            LogFormat::Codes
        };
        self.format = Some(format);
        if format == LogFormat::Csv {
            self.mode = Mode::Csv;
            let key = &self.key[..self.key_len];
            let replay = &self.buffer.bytes[..self.buffer.len];
            let result = self.csv.feed(replay, key, &mut self.line, sink);
            self.buffer.clear();
            result.inspect_err(|_| self.mode = Mode::Failed)
        } else {
            self.mode = Mode::Lines(format);
            Ok(())
        }
    }

    fn feed_lines(&mut self, format: LogFormat, mut data: &[u8], sink: &mut impl CodeSink) {
        if !self.buffer.is_empty() {
            match find_newline(data) {
                None => {
                    self.buffer.push(data);
                    return;
                }
                Some(end) => {
                    self.buffer.push(&data[..end]);
                    data = &data[end + 1..];
                    self.end_line(format, sink);
                }
            }
        }
        // Whole lines straight from the chunk, without a copy.
        loop {
            if self.csv.fast {
                match format {
                    LogFormat::Codes => data = self.fast_codes(data, sink),
                    LogFormat::JsonLines => {
                        data = &data[fast::json_records(
                            data,
                            &self.key[..self.key_len],
                            &mut self.line,
                            sink,
                            &mut self.marks,
                        )..]
                    }
                    LogFormat::Csv => {}
                }
            }
            if data.first() == Some(&b'\n') {
                let (newlines, rest) = skip_blank_lines(data);
                self.line += newlines;
                data = rest;
            }
            let Some(end) = find_newline(data) else {
                break;
            };
            self.line += 1;
            if end > MAX_LINE_LEN {
                // Too long, as when it is buffered across chunks.
                sink.bad(BadRecord {
                    line: self.line,
                    kind: BadRecordKind::TooLong,
                    text: &data[..MAX_LINE_LEN],
                });
            } else {
                line(format, &data[..end], self.line, &self.key[..self.key_len], sink);
            }
            data = &data[end + 1..];
        }
        if !data.is_empty() {
            self.buffer.push(data);
        }
    }

    /// The common case of plain codes in one pass: digits right up to the newline. Returns the
    /// rest of `data` from the first line that is not that simple (or the unfinished last line).
    fn fast_codes<'a>(&mut self, data: &'a [u8], sink: &mut impl CodeSink) -> &'a [u8] {
        let mut at = 0;
        loop {
            let start = at;
            let mut value: u32 = 0;
            while at < data.len() && at - start < 5 && data[at].is_ascii_digit() {
                value = value * 10 + u32::from(data[at] - b'0');
                at += 1;
            }
            if at > start && value <= 65535 && data.get(at) == Some(&b'\n') {
                self.line += 1;
                // In range by the check above.
                sink.code(value as u16);
                at += 1;
            } else {
                return &data[start..];
            }
        }
    }

    /// Ends the buffered line.
    fn end_line(&mut self, format: LogFormat, sink: &mut impl CodeSink) {
        self.line += 1;
        let text = &self.buffer.bytes[..self.buffer.len];
        if self.buffer.overlong {
            sink.bad(BadRecord {
                line: self.line,
                kind: BadRecordKind::TooLong,
                text,
            });
        } else {
            line(format, text, self.line, &self.key[..self.key_len], sink);
        }
        self.buffer.clear();
    }
}

/// One whole line of plain codes or JSON.
fn line(format: LogFormat, text: &[u8], number: u64, key: &[u8], sink: &mut impl CodeSink) {
    let trimmed = trim(text);
    if trimmed.is_empty() {
        return;
    }
    let result = match format {
        LogFormat::JsonLines => json_code(trimmed, key),
        _ => parse_code(trimmed).map_err(|kind| {
            let kind = if kind == BadRecordKind::NotACode && core::str::from_utf8(trimmed).is_err() {
                BadRecordKind::NotUtf8
            } else {
                kind
            };
            (kind, trimmed)
        }),
    };
    match result {
        Ok(code) => sink.code(code),
        Err((kind, text)) => sink.bad(BadRecord {
            line: number,
            kind,
            text,
        }),
    }
}

impl Csv {
    fn reset_record(&mut self, next_line: u64) {
        self.state = CsvState::FieldStart;
        self.field = 0;
        self.value_len = 0;
        self.value_overlong = false;
        self.value_seen = false;
        self.record_started = false;
        self.record_line = next_line;
        self.text_after_quote = false;
        self.key_match = true;
        self.key_pos = 0;
    }

    /// A byte of the current field's text.
    #[inline]
    fn push(&mut self, byte: u8, key: &[u8]) {
        if !self.header_done {
            if self.key_match {
                if key.get(self.key_pos) == Some(&byte) {
                    self.key_pos += 1;
                } else {
                    self.key_match = false;
                }
            }
            self.preview(&[byte]);
            return;
        }
        match self.column {
            Some(column) if column == self.field => {
                if self.value_len < MAX_VALUE_LEN {
                    self.value[self.value_len] = byte;
                    self.value_len += 1;
                } else {
                    self.value_overlong = true;
                }
            }
            _ => {}
        }
    }

    fn preview(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            if self.header_len < MAX_HEADER_PREVIEW - 3 {
                self.header[self.header_len] = byte;
                self.header_len += 1;
            } else if !self.header_truncated {
                self.header_truncated = true;
                self.header[self.header_len..self.header_len + 3].copy_from_slice(b"...");
                self.header_len += 3;
            }
        }
    }

    fn feed(
        &mut self,
        data: &[u8],
        key: &[u8],
        line: &mut u64,
        sink: &mut impl CodeSink,
    ) -> Result<(), LogError> {
        let mut index = 0;
        while index < data.len() {
            if self.fast && self.state == CsvState::FieldStart && self.field == 0 && !self.record_started {
                if let (true, Some(column)) = (self.header_done, self.column) {
                    let before = *line;
                    index += fast::csv_records(&data[index..], column, line, sink);
                    if *line != before {
                        self.record_line = *line + 1;
                    }
                    if index == data.len() {
                        break;
                    }
                }
            }
            // A field other than the code column: only its end matters, so jump to it.
            if self.header_done && self.column != Some(self.field) {
                let end = match self.state {
                    CsvState::Unquoted => find_byte(
                        data,
                        index,
                        |word| equal_bytes(word, b',') | equal_bytes(word, b'\n'),
                        |byte| byte == b',' || byte == b'\n',
                    ),
                    CsvState::Quoted => find_byte(
                        data,
                        index,
                        |word| equal_bytes(word, b'"') | equal_bytes(word, b'\n'),
                        |byte| byte == b'"' || byte == b'\n',
                    ),
                    _ => index,
                };
                if !self.record_started && data[index..end].iter().any(|&byte| !is_blank(byte)) {
                    self.record_started = true;
                }
                index = end;
                if index == data.len() {
                    break;
                }
            }
            let byte = data[index];
            index += 1;
            match self.state {
                CsvState::FieldStart => match byte {
                    b'"' => {
                        self.state = CsvState::Quoted;
                        self.record_started = true;
                    }
                    b',' => self.next_field(key),
                    b'\n' => {
                        *line += 1;
                        self.end_record(key, *line, sink)?;
                    }
                    _ => {
                        if !is_blank(byte) {
                            self.record_started = true;
                        }
                        self.state = CsvState::Unquoted;
                        self.unquoted_byte(byte, key);
                    }
                },
                CsvState::Unquoted => match byte {
                    b',' => self.next_field(key),
                    b'\n' => {
                        *line += 1;
                        self.end_record(key, *line, sink)?;
                    }
                    _ => {
                        if !is_blank(byte) {
                            self.record_started = true;
                        }
                        self.unquoted_byte(byte, key);
                    }
                },
                CsvState::Quoted => match byte {
                    b'"' => self.state = CsvState::QuoteInQuoted,
                    b'\n' => {
                        *line += 1;
                        self.push(byte, key);
                    }
                    _ => self.push(byte, key),
                },
                CsvState::QuoteInQuoted => match byte {
                    b'"' => {
                        self.push(b'"', key);
                        self.state = CsvState::Quoted;
                    }
                    b',' => self.next_field(key),
                    b'\n' => {
                        *line += 1;
                        self.end_record(key, *line, sink)?;
                    }
                    b'\r' => {}
                    _ => {
                        self.text_after_quote = true;
                        self.state = CsvState::Unquoted;
                        self.push(byte, key);
                    }
                },
            }
        }
        Ok(())
    }

    /// A byte of an unquoted field. In the header a `\r` (of a CRLF line end) is not part of a
    /// name; in data fields, surrounding blanks are trimmed when the code is parsed.
    #[inline]
    fn unquoted_byte(&mut self, byte: u8, key: &[u8]) {
        if byte == b'\r' && !self.header_done {
            return;
        }
        self.push(byte, key);
    }

    /// Ends a header field: the first one named `key` is the code column.
    fn header_field_done(&mut self, key: &[u8]) {
        if self.column.is_none() && self.key_match && self.key_pos == key.len() {
            self.column = Some(self.field);
        }
    }

    fn next_field(&mut self, key: &[u8]) {
        self.record_started = true;
        if !self.header_done {
            self.header_field_done(key);
            self.preview(b", ");
            self.key_match = true;
            self.key_pos = 0;
        } else if self.column == Some(self.field) {
            self.value_seen = true;
        }
        self.field += 1;
        self.state = CsvState::FieldStart;
    }

    fn end_record(&mut self, key: &[u8], line: u64, sink: &mut impl CodeSink) -> Result<(), LogError> {
        let start = self.record_line;
        if !self.record_started && self.field == 0 {
            // A blank line: skipped, before the header and after it.
            self.reset_record(line + 1);
            return Ok(());
        }
        match (self.header_done, self.column) {
            (false, _) => {
                self.header_field_done(key);
                self.header_done = true;
                if self.column.is_none() {
                    self.state = CsvState::FieldStart;
                    return Err(LogError::NoColumn);
                }
            }
            (true, None) => return Err(LogError::NoColumn),
            (true, Some(column)) => {
                if column == self.field {
                    self.value_seen = true;
                }
                let value = &self.value[..self.value_len];
                if self.text_after_quote {
                    sink.bad(BadRecord {
                        line: start,
                        kind: BadRecordKind::TextAfterQuote,
                        text: value,
                    });
                } else if !self.value_seen {
                    sink.bad(BadRecord {
                        line: start,
                        kind: BadRecordKind::NoColumn,
                        text: b"",
                    });
                } else if self.value_overlong {
                    sink.bad(BadRecord {
                        line: start,
                        kind: BadRecordKind::NotACode,
                        text: value,
                    });
                } else {
                    match parse_code(value) {
                        Ok(code) => sink.code(code),
                        Err(kind) => sink.bad(BadRecord {
                            line: start,
                            kind,
                            text: trim(value),
                        }),
                    }
                }
            }
        }
        self.reset_record(line + 1);
        Ok(())
    }
}

/// The code at `key` in a JSON line (trimmed, not blank), or why not with the text to show.
fn json_code<'a>(text: &'a [u8], key: &[u8]) -> Result<u16, (BadRecordKind, &'a [u8])> {
    if core::str::from_utf8(text).is_err() {
        return Err((BadRecordKind::NotUtf8, text));
    }
    let mut json = Json { text, at: 0 };
    let found = json.object(key).map_err(|kind| (kind, text))?;
    json.skip_space();
    if json.at != text.len() {
        return Err((BadRecordKind::NotJson, text));
    }
    let (start, end) = found.ok_or((BadRecordKind::NoKey, &b""[..]))?;
    let value = &text[start..end];
    match value.first() {
        Some(b'"') => {
            let inner = &value[1..value.len() - 1];
            if inner.contains(&b'\\') {
                return Err((BadRecordKind::NotACode, value));
            }
            parse_code(inner).map_err(|kind| (kind, value))
        }
        Some(b'0'..=b'9') => parse_code(value).map_err(|kind| (kind, value)),
        Some(b'-') => Err((BadRecordKind::NotACode, value)),
        _ => Err((BadRecordKind::NotANumberOrString, value)),
    }
}

/// A JSON checker over one line (already valid UTF-8), without recursion.
struct Json<'a> {
    text: &'a [u8],
    at: usize,
}

impl Json<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), BadRecordKind> {
        self.skip_space();
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(BadRecordKind::NotJson)
        }
    }

    /// The top-level object; the span of the value at `key` (the last one, if repeated).
    fn object(&mut self, key: &[u8]) -> Result<Option<(usize, usize)>, BadRecordKind> {
        self.skip_space();
        match self.peek() {
            Some(b'{') => self.at += 1,
            Some(b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n') => {
                // Valid JSON or not, it is not an object.
                return Err(BadRecordKind::NotAnObject);
            }
            _ => return Err(BadRecordKind::NotJson),
        }
        let mut found = None;
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(None);
        }
        loop {
            self.skip_space();
            let (start, end, escaped) = self.string()?;
            self.expect(b':')?;
            self.skip_space();
            let value_start = self.at;
            self.value()?;
            if key_equals(&self.text[start + 1..end - 1], escaped, key) {
                found = Some((value_start, self.at));
            }
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(found);
                }
                _ => return Err(BadRecordKind::NotJson),
            }
        }
    }

    /// A string at `at`: its span with the quotes, and whether it has escapes.
    fn string(&mut self) -> Result<(usize, usize, bool), BadRecordKind> {
        let start = self.at;
        if self.peek() != Some(b'"') {
            return Err(BadRecordKind::NotJson);
        }
        self.at += 1;
        let mut escaped = false;
        loop {
            match self.peek() {
                None => return Err(BadRecordKind::NotJson),
                Some(b'"') => {
                    self.at += 1;
                    return Ok((start, self.at, escaped));
                }
                Some(b'\\') => {
                    escaped = true;
                    match self.text.get(self.at + 1) {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.at += 2,
                        Some(b'u') => {
                            let hex = self
                                .text
                                .get(self.at + 2..self.at + 6)
                                .ok_or(BadRecordKind::NotJson)?;
                            if !hex.iter().all(u8::is_ascii_hexdigit) {
                                return Err(BadRecordKind::NotJson);
                            }
                            self.at += 6;
                        }
                        _ => return Err(BadRecordKind::NotJson),
                    }
                }
                Some(0..=0x1f) => return Err(BadRecordKind::NotJson),
                Some(_) => {
                    self.at = find_byte(
                        self.text,
                        self.at + 1,
                        |word| equal_bytes(word, b'"') | equal_bytes(word, b'\\') | bytes_below(word, 0x20),
                        |byte| byte == b'"' || byte == b'\\' || byte < 0x20,
                    )
                }
            }
        }
    }

    fn number(&mut self) -> Result<(), BadRecordKind> {
        let digits = |json: &mut Self| {
            let start = json.at;
            while let Some(b'0'..=b'9') = json.peek() {
                json.at += 1;
            }
            if json.at == start {
                Err(BadRecordKind::NotJson)
            } else {
                Ok(json.at - start)
            }
        };
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let first = self.peek();
        let count = digits(self)?;
        if first == Some(b'0') && count > 1 {
            return Err(BadRecordKind::NotJson);
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            digits(self)?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            digits(self)?;
        }
        Ok(())
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), BadRecordKind> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(())
        } else {
            Err(BadRecordKind::NotJson)
        }
    }

    /// Any value, nested at most `MAX_JSON_DEPTH - 1` deep (it is inside the line's object).
    fn value(&mut self) -> Result<(), BadRecordKind> {
        // Bit `n` of `arrays` says whether nesting level `n` is an array (else an object).
        let mut arrays: u128 = 0;
        let mut depth = 0usize;
        loop {
            // A value starts here.
            self.skip_space();
            let mut opened = false;
            match self.peek() {
                Some(b'{') | Some(b'[') => {
                    let array = self.peek() == Some(b'[');
                    depth += 1;
                    if depth >= MAX_JSON_DEPTH {
                        return Err(BadRecordKind::TooDeep);
                    }
                    arrays = if array {
                        arrays | 1 << depth
                    } else {
                        arrays & !(1 << depth)
                    };
                    self.at += 1;
                    self.skip_space();
                    let close = if array { b']' } else { b'}' };
                    if self.peek() == Some(close) {
                        self.at += 1;
                        depth -= 1;
                    } else {
                        opened = true;
                        if !array {
                            self.string()?;
                            self.expect(b':')?;
                        }
                    }
                }
                Some(b'"') => {
                    self.string()?;
                }
                Some(b'-' | b'0'..=b'9') => self.number()?,
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                _ => return Err(BadRecordKind::NotJson),
            }
            if opened {
                continue;
            }
            // After a value: close containers until one goes on with a comma.
            loop {
                if depth == 0 {
                    return Ok(());
                }
                let array = arrays & (1 << depth) != 0;
                self.skip_space();
                match self.peek() {
                    Some(b',') => {
                        self.at += 1;
                        if !array {
                            self.skip_space();
                            self.string()?;
                            self.expect(b':')?;
                        }
                        break;
                    }
                    Some(b']') if array => {
                        self.at += 1;
                        depth -= 1;
                    }
                    Some(b'}') if !array => {
                        self.at += 1;
                        depth -= 1;
                    }
                    _ => return Err(BadRecordKind::NotJson),
                }
            }
        }
    }
}

/// Whether the JSON string contents `raw` (between the quotes) decode to `key`.
fn key_equals(raw: &[u8], escaped: bool, key: &[u8]) -> bool {
    if !escaped {
        return raw == key;
    }
    let mut decoded = [0u8; MAX_FIELD_NAME_LEN + 4];
    let mut len = 0;
    let mut at = 0;
    let hex = |at: usize| -> Option<u32> {
        let digits = core::str::from_utf8(raw.get(at..at + 4)?).ok()?;
        u32::from_str_radix(digits, 16).ok()
    };
    while at < raw.len() {
        if len > key.len() {
            return false;
        }
        let byte = raw[at];
        if byte != b'\\' {
            decoded[len] = byte;
            len += 1;
            at += 1;
            continue;
        }
        let unit = match raw[at + 1] {
            b'u' => {
                let Some(first) = hex(at + 2) else { return false };
                at += 6;
                if (0xD800..0xDC00).contains(&first) && raw.get(at..at + 2) == Some(b"\\u") {
                    match hex(at + 2) {
                        Some(second) if (0xDC00..0xE000).contains(&second) => {
                            at += 6;
                            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                        }
                        _ => first,
                    }
                } else {
                    first
                }
            }
            other => {
                at += 2;
                u32::from(match other {
                    b'b' => 0x08,
                    b'f' => 0x0c,
                    b'n' => b'\n',
                    b'r' => b'\r',
                    b't' => b'\t',
                    other => other,
                })
            }
        };
        // A lone surrogate matches no key (a key is UTF-8).
        let Some(ch) = char::from_u32(unit) else {
            return false;
        };
        let mut utf8 = [0u8; 4];
        let encoded = ch.encode_utf8(&mut utf8).as_bytes();
        if len + encoded.len() > decoded.len() {
            return false;
        }
        decoded[len..len + encoded.len()].copy_from_slice(encoded);
        len += encoded.len();
    }
    &decoded[..len] == key
}

#[cfg(test)]
mod tests {
    use super::{bytes_below, equal_bytes, find_byte};

    #[test]
    fn word_masks_are_exact_for_every_byte_at_every_position() {
        for value in 0..=255u8 {
            for position in 0..8 {
                for background in [0u8, 0x20, 0x7f, 0x80, 0xff, b','] {
                    let mut bytes = [background; 8];
                    bytes[position] = value;
                    let word = u64::from_le_bytes(bytes);
                    for needle in [b',', b'\n', b'"', b'\\', 0, 0x80, 0xff] {
                        let expected = bytes
                            .iter()
                            .enumerate()
                            .filter(|(_, &b)| b == needle)
                            .fold(0u64, |mask, (i, _)| mask | 0x80 << (8 * i));
                        assert_eq!(equal_bytes(word, needle), expected);
                    }
                    let below = bytes
                        .iter()
                        .enumerate()
                        .filter(|(_, &b)| b < 0x20)
                        .fold(0u64, |mask, (i, _)| mask | 0x80 << (8 * i));
                    assert_eq!(bytes_below(word, 0x20), below);
                    let first = bytes.iter().position(|&b| b == b',').unwrap_or(8);
                    let found = find_byte(&bytes, 0, |w| equal_bytes(w, b','), |b| b == b',');
                    assert_eq!(found, first);
                }
            }
        }
    }
}
