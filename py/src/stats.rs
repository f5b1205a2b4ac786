//! `wsclose._wsclose.StatsCounter`: the engine of `wsclose stats`. Bytes in (any chunking),
//! gzip told by its magic bytes and inflated here, records parsed by the core's
//! [`wsclose::LogParser`], codes counted into a fixed table of 65,536 counters. Memory is fixed
//! whatever the input; the Python side only reads the file and prints.

use std::fs::File;
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use flate2::write::MultiGzDecoder;
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyList;
use wsclose::{
    BadRecord, BadRecordKind, Category, CodeSink, LogError, LogFormat, LogParser, MAX_JSON_DEPTH,
    MAX_LINE_LEN,
};

create_exception!(
    _wsclose,
    StatsInputError,
    PyValueError,
    "The input cannot be read to its end (a truncated or corrupt gzip stream)."
);
create_exception!(
    _wsclose,
    StatsHeaderError,
    PyValueError,
    "The CSV header has no column of the field name."
);

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// How much of a bad record a message quotes, in characters.
const QUOTE_CHARS: usize = 40;

/// `text` the way Python's `repr()` shows a short `str`: quoted, escaped, cut at 40 characters.
fn quote(text: &[u8]) -> String {
    let text = String::from_utf8_lossy(text);
    let mut shown: String = text.chars().take(QUOTE_CHARS).collect();
    if shown.len() < text.len() {
        shown.push_str("...");
    }
    let mut out = String::with_capacity(shown.len() + 2);
    out.push('\'');
    for ch in shown.chars() {
        match ch {
            '\'' => out.push_str("\\'"),
            '"' => out.push('"'),
            ch => out.extend(ch.escape_debug()),
        }
    }
    out.push('\'');
    out
}

/// A regular file is read in chunks of this many bytes by `feed_file`: small enough that the
/// chunk a thread reads stays in its core's cache while the parser reads it (a larger one makes
/// the copy out of the page cache slower).
const FILE_CHUNK: usize = 128 << 10;
/// The rest of a file is read by two threads when it is at least this long.
const SPLIT_MIN: u64 = 32 << 20;
/// Every this many chunks, `feed_file` checks for signals (Ctrl-C) and reports progress.
const CHECK_EVERY: u32 = 64;

/// The counts, and the first bad records with their messages.
struct Tally {
    counts: Box<[u64; 1 << 16]>,
    bad: u64,
    first_bad: Vec<(u64, String)>,
    show_bad: usize,
    key: String,
}

impl Tally {
    fn message(&self, record: &BadRecord<'_>) -> String {
        let key = quote(self.key.as_bytes());
        let text = record.text;
        match record.kind {
            BadRecordKind::NotUtf8 => "not UTF-8".to_owned(),
            BadRecordKind::NotACode => {
                format!("{} is not a close code (decimal digits, 0 to 65535)", quote(text))
            }
            BadRecordKind::OutOfRange => {
                let digits = text
                    .strip_prefix(b"\"")
                    .and_then(|t| t.strip_suffix(b"\""))
                    .unwrap_or(text);
                let digits = String::from_utf8_lossy(digits);
                let shown: String = digits.trim().chars().take(QUOTE_CHARS).collect();
                let more = if shown.len() < digits.trim().len() {
                    "..."
                } else {
                    ""
                };
                format!("close code {shown}{more} is out of range: close codes are 0 to 65535")
            }
            BadRecordKind::TooLong => format!("line longer than {MAX_LINE_LEN} bytes"),
            BadRecordKind::NotJson => "not JSON".to_owned(),
            BadRecordKind::TooDeep => format!("JSON nested deeper than {MAX_JSON_DEPTH} levels"),
            BadRecordKind::NotAnObject => "not a JSON object".to_owned(),
            BadRecordKind::NoKey => format!("no key {key}"),
            BadRecordKind::NotANumberOrString => format!("{key} is {}, not a code", quote(text)),
            BadRecordKind::NoColumn => format!("no column {key} in this record"),
            BadRecordKind::UnterminatedQuote => "a quoted field opened here is never closed".to_owned(),
            BadRecordKind::TextAfterQuote => "text after a closing quote".to_owned(),
            _ => record.kind.description().to_owned(),
        }
    }
}

impl Tally {
    fn new(show_bad: usize, key: String) -> Tally {
        Tally {
            counts: vec![0u64; 1 << 16]
                .into_boxed_slice()
                .try_into()
                .expect("65,536 counters"),
            bad: 0,
            first_bad: Vec::new(),
            show_bad,
            key,
        }
    }

    /// Adds the tally of the part of the log after this one's, whose lines are numbered from
    /// `lines_before` + 1.
    fn absorb(&mut self, later: Tally, lines_before: u64) {
        for (count, more) in self.counts.iter_mut().zip(later.counts.iter()) {
            *count += more;
        }
        self.bad += later.bad;
        let room = self.show_bad.saturating_sub(self.first_bad.len());
        self.first_bad.extend(
            later
                .first_bad
                .into_iter()
                .take(room)
                .map(|(line, message)| (line + lines_before, message)),
        );
    }
}

impl CodeSink for Tally {
    #[inline]
    fn code(&mut self, code: u16) {
        self.counts[usize::from(code)] += 1;
    }

    fn bad(&mut self, record: BadRecord<'_>) {
        self.bad += 1;
        if self.first_bad.len() < self.show_bad {
            let message = self.message(&record);
            self.first_bad.push((record.line, message));
        }
    }
}

/// The parser and the tally, as the `Write` the gzip decoder inflates into.
struct Feed {
    parser: Box<LogParser>,
    tally: Tally,
    error: Option<LogError>,
}

impl Feed {
    fn take(&mut self, data: &[u8]) {
        if self.error.is_none() {
            if let Err(err) = self.parser.feed(data, &mut self.tally) {
                self.error = Some(err);
            }
        }
    }
}

impl Write for Feed {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.take(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

enum Stage {
    /// Fewer than two bytes seen: gzip or not is not known yet.
    Sniff(Feed, Vec<u8>),
    Plain(Feed),
    Gzip(Box<MultiGzDecoder<Feed>>),
    /// Only while moving between the others.
    Moving,
}

impl Stage {
    fn feed(&mut self) -> &mut Feed {
        match self {
            Stage::Sniff(feed, _) | Stage::Plain(feed) => feed,
            Stage::Gzip(decoder) => decoder.get_mut(),
            Stage::Moving => unreachable!("a stats counter is never left moving"),
        }
    }

    fn feed_ref(&self) -> &Feed {
        match self {
            Stage::Sniff(feed, _) | Stage::Plain(feed) => feed,
            Stage::Gzip(decoder) => decoder.get_ref(),
            Stage::Moving => unreachable!("a stats counter is never left moving"),
        }
    }
}

/// Counts close codes in a byte stream fed in chunks: `feed(data)` any number of times, then
/// `finish()`. Plain or gzip (told by the first two bytes, however they are split).
#[pyclass(module = "wsclose._wsclose", name = "StatsCounter")]
pub(crate) struct StatsCounter {
    stage: Stage,
    bytes_in: u64,
    /// Set when the input cannot be read on: every later call raises it again.
    failed: Option<String>,
    finished: bool,
}

impl StatsCounter {
    fn inflate(&mut self, data: &[u8]) -> Result<(), String> {
        let Stage::Gzip(decoder) = &mut self.stage else {
            self.stage.feed().take(data);
            return Ok(());
        };
        decoder.write_all(data).map_err(|err| {
            let why = err.to_string();
            let why = why
                .strip_prefix("corrupt gzip stream ")
                .unwrap_or(&why)
                .to_owned();
            format!("corrupt gzip stream ({why}), or data after its end")
        })
    }

    fn push(&mut self, data: &[u8]) -> Result<(), String> {
        if let Stage::Sniff(_, head) = &mut self.stage {
            head.extend_from_slice(data);
            if head.len() < 2 {
                return Ok(());
            }
            let Stage::Sniff(feed, head) = std::mem::replace(&mut self.stage, Stage::Moving) else {
                unreachable!()
            };
            self.stage = if head[..2] == GZIP_MAGIC {
                Stage::Gzip(Box::new(MultiGzDecoder::new(feed)))
            } else {
                Stage::Plain(feed)
            };
            return self.inflate(&head);
        }
        self.inflate(data)
    }

    fn check(&mut self, result: Result<(), String>) -> PyResult<()> {
        if let Err(message) = result {
            self.failed = Some(message);
        }
        if let Some(message) = &self.failed {
            return Err(StatsInputError::new_err(message.clone()));
        }
        let feed = self.stage.feed_ref();
        match feed.error {
            None => Ok(()),
            Some(LogError::NoColumn) => {
                let header = String::from_utf8_lossy(feed.parser.header()).into_owned();
                Err(StatsHeaderError::new_err(format!(
                    "the CSV header has no column {} (it has {header}); use --field",
                    quote(feed.tally.key.as_bytes())
                )))
            }
            Some(other) => Err(StatsHeaderError::new_err(other.to_string())),
        }
    }
}

/// Why `feed_file` stopped early.
enum FileError {
    /// The bytes cannot be read on (a corrupt gzip stream): the counter's input error.
    Input(String),
    /// A read error.
    Io(std::io::Error),
    /// A signal (Ctrl-C), or the progress callback raised.
    Python(PyErr),
}

impl From<std::io::Error> for FileError {
    fn from(err: std::io::Error) -> FileError {
        FileError::Io(err)
    }
}

/// Reads `file` at `at` into `buf`, retrying when interrupted.
#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> std::io::Result<usize> {
    use std::os::unix::fs::FileExt;
    loop {
        match file.read_at(buf, at) {
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// Checks for a signal and reports `bytes_in` to `progress`, holding the GIL for a moment.
fn report(progress: Option<&Py<PyAny>>, bytes_in: u64) -> Result<(), FileError> {
    Python::attach(|py| {
        py.check_signals()?;
        if let Some(progress) = progress {
            progress.call1(py, (bytes_in,))?;
        }
        Ok(())
    })
    .map_err(FileError::Python)
}

/// Feeds `file` from `from` up to `to` (or its end) into `feed`, counting into `bytes_in`;
/// `check(bytes)` every few chunks. Stops early when `stop` is set or the parser fails. Returns
/// where it stopped.
#[cfg(unix)]
fn read_part(
    file: &File,
    from: u64,
    to: Option<u64>,
    feed: &mut Feed,
    bytes_in: &mut u64,
    stop: &AtomicBool,
    mut check: impl FnMut(u64) -> Result<(), FileError>,
) -> Result<u64, FileError> {
    let mut buf = vec![0u8; FILE_CHUNK];
    let mut at = from;
    let mut chunks = 0u32;
    while !stop.load(Ordering::Relaxed) && feed.error.is_none() {
        let want = match to {
            // Bounded by FILE_CHUNK.
            Some(to) => (to - at).min(FILE_CHUNK as u64) as usize,
            None => FILE_CHUNK,
        };
        if want == 0 {
            break;
        }
        let read = read_at(file, &mut buf[..want], at)?;
        if read == 0 {
            break;
        }
        at += read as u64;
        *bytes_in += read as u64;
        feed.take(&buf[..read]);
        chunks += 1;
        if chunks % CHECK_EVERY == 0 {
            check(*bytes_in)?;
        }
    }
    Ok(at)
}

#[cfg(unix)]
impl StatsCounter {
    fn read_file(&mut self, file: &File, offset: u64, progress: Option<&Py<PyAny>>) -> Result<(), FileError> {
        let mut buf = vec![0u8; FILE_CHUNK];
        let mut at = offset;
        let mut chunks = 0u32;
        let mut split_tried = false;
        loop {
            if !split_tried {
                if let Stage::Plain(feed) = &self.stage {
                    if feed.parser.continuation().is_some() {
                        split_tried = true;
                        if let Some(next) = self.read_split(file, at, progress)? {
                            at = next;
                        }
                    }
                }
            }
            let read = read_at(file, &mut buf, at)?;
            if read == 0 {
                return Ok(());
            }
            at += read as u64;
            self.bytes_in += read as u64;
            self.push(&buf[..read]).map_err(FileError::Input)?;
            chunks += 1;
            if chunks % CHECK_EVERY == 0 {
                report(progress, self.bytes_in)?;
            }
        }
    }

    /// Reads the rest of a plain file from `at` with two threads: this one up to a newline near
    /// the middle, a second one from there with a continuation of the parser. The second part's
    /// counts are kept when the first part ends at a record boundary (always for plain codes and
    /// JSON lines; for CSV unless the newline is inside a quoted field); else that part is read
    /// again, in order. Returns where reading goes on (`None`: the file is too short to split).
    fn read_split(
        &mut self,
        file: &File,
        at: u64,
        progress: Option<&Py<PyAny>>,
    ) -> Result<Option<u64>, FileError> {
        let size = file.metadata()?.len();
        if size < at.saturating_add(SPLIT_MIN) {
            return Ok(None);
        }
        let middle = at + (size - at) / 2;
        let mut probe = vec![0u8; 64 << 10];
        let read = read_at(file, &mut probe, middle)?;
        let Some(newline) = probe[..read].iter().position(|&byte| byte == b'\n') else {
            return Ok(None);
        };
        let cut = middle + newline as u64 + 1;
        let Stage::Plain(feed) = &mut self.stage else {
            return Ok(None);
        };
        let Some(parser) = feed.parser.continuation() else {
            return Ok(None);
        };
        let mut later = Feed {
            parser: Box::new(parser),
            tally: Tally::new(feed.tally.show_bad, feed.tally.key.clone()),
            error: None,
        };
        let stop = AtomicBool::new(false);
        let later_done = AtomicU64::new(0);
        let mut later_bytes = 0u64;
        let bytes_in = &mut self.bytes_in;
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| {
                read_part(file, cut, None, &mut later, &mut later_bytes, &stop, |done| {
                    later_done.store(done, Ordering::Relaxed);
                    Ok(())
                })
            });
            let first = read_part(file, at, Some(cut), feed, bytes_in, &stop, |done| {
                report(progress, done + later_done.load(Ordering::Relaxed))
            });
            if first.is_err() {
                stop.store(true, Ordering::Relaxed);
            }
            (first, second.join())
        });
        let first_end = first?;
        let merge = first_end == cut
            && feed.error.is_none()
            && later.error.is_none()
            && feed.parser.at_record_start()
            && matches!(second, Ok(Ok(_)));
        if !merge {
            return Ok(Some(first_end));
        }
        let Ok(Ok(second_end)) = second else {
            return Ok(Some(first_end));
        };
        let lines_before = feed.parser.lines();
        later.parser.add_lines(lines_before);
        feed.tally.absorb(later.tally, lines_before);
        feed.parser = later.parser;
        self.bytes_in += later_bytes;
        Ok(Some(second_end))
    }
}

#[pymethods]
impl StatsCounter {
    #[new]
    #[pyo3(signature = (format = None, field = None, show_bad = 10))]
    fn new(format: Option<&str>, field: Option<&str>, show_bad: usize) -> PyResult<StatsCounter> {
        let format = match format {
            None => None,
            Some("codes") => Some(LogFormat::Codes),
            Some("csv") => Some(LogFormat::Csv),
            Some("jsonl") => Some(LogFormat::JsonLines),
            Some(other) => {
                return Err(PyValueError::new_err(format!(
                    "format must be 'codes', 'csv' or 'jsonl', not {}",
                    quote(other.as_bytes())
                )))
            }
        };
        let parser = LogParser::new(format, field.map(str::as_bytes))
            .map_err(|err| PyValueError::new_err(format!("bad field name: {err}")))?;
        let tally = Tally::new(show_bad, field.unwrap_or("code").to_owned());
        let feed = Feed {
            parser: Box::new(parser),
            tally,
            error: None,
        };
        Ok(StatsCounter {
            stage: Stage::Sniff(feed, Vec::with_capacity(2)),
            bytes_in: 0,
            failed: None,
            finished: false,
        })
    }

    /// Reads the next chunk of the input (the bytes as read, compressed or not).
    #[pyo3(signature = (data, /))]
    fn feed(&mut self, py: Python<'_>, data: &[u8]) -> PyResult<()> {
        if self.finished {
            return Err(PyValueError::new_err("feed() after finish()"));
        }
        self.check(Ok(()))?;
        self.bytes_in += data.len() as u64;
        let result = py.detach(|| self.push(data));
        self.check(result)
    }

    /// Reads the open regular file `fd` from byte `offset` to its end, as `feed` would be given
    /// it (the file's position does not move). A large plain file is read by two threads, each
    /// from its own half, when that gives the same answer (see `LogParser::continuation`).
    /// `progress(bytes_in)` is called now and then. Returns False where this is not supported
    /// (then nothing was read).
    #[pyo3(signature = (fd, offset, progress = None))]
    fn feed_file(
        &mut self,
        py: Python<'_>,
        fd: i32,
        offset: u64,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<bool> {
        if self.finished {
            return Err(PyValueError::new_err("feed() after finish()"));
        }
        self.check(Ok(()))?;
        #[cfg(unix)]
        {
            use std::os::fd::BorrowedFd;
            // SAFETY: the caller's file object holds `fd` open during this call, and it is
            // duplicated at once (the duplicate is closed when `file` drops).
            let file = File::from(unsafe { BorrowedFd::borrow_raw(fd) }.try_clone_to_owned()?);
            let result = py.detach(|| self.read_file(&file, offset, progress.as_ref()));
            match result {
                Ok(()) => self.check(Ok(())).map(|()| true),
                Err(FileError::Input(message)) => self.check(Err(message)).map(|()| true),
                Err(FileError::Io(err)) => Err(err.into()),
                Err(FileError::Python(err)) => Err(err),
            }
        }
        #[cfg(not(unix))]
        {
            let _ = (py, fd, offset, progress);
            Ok(false)
        }
    }

    /// Ends the input: a last line without a newline, an unterminated quote, a gzip stream that
    /// stops short.
    fn finish(&mut self) -> PyResult<()> {
        if self.finished {
            return self.check(Ok(()));
        }
        self.finished = true;
        self.check(Ok(()))?;
        let result = match std::mem::replace(&mut self.stage, Stage::Moving) {
            Stage::Sniff(feed, head) => {
                self.stage = Stage::Plain(feed);
                self.inflate(&head)
            }
            Stage::Gzip(mut decoder) => {
                let result = decoder.try_finish().map_err(|err| {
                    format!(
                        "the gzip stream is truncated, fails its checksum, or is followed by data that is not \
                         gzip ({err})"
                    )
                });
                self.stage = Stage::Gzip(decoder);
                result
            }
            other => {
                self.stage = other;
                Ok(())
            }
        };
        self.check(result)?;
        let feed = self.stage.feed();
        if feed.error.is_none() {
            if let Err(err) = feed.parser.finish(&mut feed.tally) {
                feed.error = Some(err);
            }
        }
        self.check(Ok(()))
    }

    /// `(code, count)` for every code seen, in code order.
    fn codes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let counts = &self.stage.feed_ref().tally.counts;
        let rows = counts
            .iter()
            .enumerate()
            .filter(|(_, &count)| count > 0)
            .map(|(code, &count)| (code, count));
        PyList::new(py, rows)
    }

    /// The count of each category, indexed by `Category` number (the core's classification).
    fn categories(&self) -> Vec<u64> {
        let mut out = vec![0u64; Category::ALL.len()];
        for (code, &count) in self.stage.feed_ref().tally.counts.iter().enumerate() {
            if count > 0 {
                // `code` < 65536 by the table's size.
                out[wsclose::classify(code as u16) as usize] += count;
            }
        }
        out
    }

    /// Records not counted.
    #[getter]
    fn bad_lines(&self) -> u64 {
        self.stage.feed_ref().tally.bad
    }

    /// `(line, message)` of the first `show_bad` records not counted.
    #[getter]
    fn first_bad(&self) -> Vec<(u64, String)> {
        self.stage.feed_ref().tally.first_bad.clone()
    }

    /// Lines read so far (after `finish()`, a last line without a newline counts).
    #[getter]
    fn lines(&self) -> u64 {
        self.stage.feed_ref().parser.lines()
    }

    /// The format, given or detected: `'codes'`, `'csv'`, `'jsonl'`, or `None` before any line.
    #[getter]
    fn format(&self) -> Option<&'static str> {
        self.stage.feed_ref().parser.format().map(|format| match format {
            LogFormat::Codes => "codes",
            LogFormat::Csv => "csv",
            LogFormat::JsonLines => "jsonl",
        })
    }

    /// Whether the input is gzip (`None` until two bytes have been read).
    #[getter]
    fn gzip(&self) -> Option<bool> {
        match self.stage {
            Stage::Sniff(..) => None,
            Stage::Gzip(_) => Some(true),
            _ => Some(false),
        }
    }

    /// Bytes fed so far (as read, before inflating).
    #[getter]
    fn bytes_in(&self) -> u64 {
        self.bytes_in
    }
}

/// Adds `StatsCounter` and its exceptions to the module.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    module.add_class::<StatsCounter>()?;
    module.add("StatsInputError", py.get_type::<StatsInputError>())?;
    module.add("StatsHeaderError", py.get_type::<StatsHeaderError>())?;
    Ok(())
}
