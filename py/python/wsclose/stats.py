"""``wsclose stats``: count the close codes in a log of any size.

    wsclose stats codes.log                      one code per line
    wsclose stats --field disconnectStatusCode events.jsonl.gz
    zcat events.csv.gz | wsclose stats --format csv --field code --output json -
    wsclose stats --plot categories.svg codes.log

Input: a file or ``-`` (stdin), gzip-compressed or not (told by its magic bytes, not its name).
Formats (``--format``, else detected from the first non-blank line): ``codes`` (one decimal
code per line, blank lines ignored), ``csv`` (a header row; the code is in column ``--field``,
default ``code``), ``jsonl`` (one JSON object per line; the code is at key ``--field``, default
``code``). The input is read in chunks of lines; each chunk's codes go through the core in one
call (:func:`wsclose._wsclose._facts_into`), so memory stays bounded by the chunk size and the
number of distinct codes (at most 65,536), whatever the size of the input.

Bad lines (not a number, a code outside 0..65535, a JSON line without the field, ...) are
counted and never dropped silently: the first ``--show-bad`` are listed on stderr with their
line numbers, the total is in every output format, and the exit status is 1.

Output (``--output``): ``table`` (default), ``json`` or ``csv``. ``--plot FILE.png|FILE.svg``
also draws a bar chart of the categories (needs ``pip install 'wsclose[plot]'``). A progress
line is drawn on stderr when stderr is a terminal, never when it is piped.
"""

from __future__ import annotations

import argparse
import array
import csv
import gzip
import io
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO, Final, Literal, TextIO, TypeAlias

from . import _wsclose, info
from ._constants import Category

__all__ = ["Stats", "count", "main"]

EXIT_OK: Final = 0
EXIT_BAD_LINES: Final = 1
EXIT_USAGE: Final = 2

Format: TypeAlias = Literal["codes", "csv", "jsonl"]

_GZIP_MAGIC: Final = b"\x1f\x8b"
_CHUNK_BYTES: Final = 1 << 17
"""Lines are read in chunks of about this many bytes (one call into the core per chunk)."""
_CATEGORY: Final = {name.lower(): number for number, name in _wsclose.facts()}["category"]


@dataclass
class Stats:
    """What :func:`count` found: code counts, category counts and the bad lines."""

    codes: Counter[int] = field(default_factory=Counter)
    categories: Counter[int] = field(default_factory=Counter)
    """Counts by Category number, summed chunk by chunk from the core's answers."""
    bad_lines: int = 0
    first_bad: list[tuple[int, str]] = field(default_factory=list)
    """``(line number, message)`` of the first bad lines (up to the ``show_bad`` asked for)."""
    lines: int = 0

    @property
    def total(self) -> int:
        return sum(self.codes.values())


class _Progress:
    """A one-line progress report on stderr, redrawn at most five times a second."""

    def __init__(self, err: TextIO, total: int | None, enabled: bool) -> None:
        self.err, self.total, self.enabled = err, total, enabled
        self.last = 0.0
        self.started = time.monotonic()

    def update(self, done: int, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.2:
            return
        self.last = now
        rate = done / max(now - self.started, 1e-9) / 1e6
        if self.total:
            share = min(done / self.total, 1.0)
            bar = "#" * int(share * 30)
            text = f"\r[{bar:<30}] {share:4.0%} {done / 1e6:,.1f} of {self.total / 1e6:,.1f} MB, {rate:,.1f} MB/s"
        else:
            text = f"\r{done / 1e6:,.1f} MB read, {rate:,.1f} MB/s"
        self.err.write(text)
        self.err.flush()

    def finish(self, done: int) -> None:
        if self.enabled:
            self.update(done, force=True)
            self.err.write("\n")
            self.err.flush()


class _Counted(io.RawIOBase):
    """A readable byte stream that counts what it read (of the file, before gunzip)."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.read_bytes += len(data)
        return len(data)


def _open(raw: BinaryIO) -> tuple[io.BufferedIOBase, _Counted]:
    """``raw`` as a buffered byte stream, gunzipped when it starts with the gzip magic."""
    counted = _Counted(raw)
    buffered = io.BufferedReader(counted, buffer_size=1 << 16)
    if buffered.peek(2)[:2] == _GZIP_MAGIC:
        return gzip.GzipFile(fileobj=buffered, mode="rb"), counted
    return buffered, counted


def _detect(first: bytes, field_given: bool) -> Format:
    text = first.strip()
    if text.startswith(b"{"):
        return "jsonl"
    if b"," in text or field_given:
        return "csv"
    return "codes"


def _record_bad(stats: Stats, number: int, message: str, show_bad: int) -> None:
    stats.bad_lines += 1
    if len(stats.first_bad) < show_bad:
        stats.first_bad.append((number, message))


def _code_of(text: str) -> int:
    """A decimal code from a line or a field; ``ValueError`` saying why not."""
    try:
        return int(text.strip(), 10)
    except ValueError:
        raise ValueError(f"{text.strip()[:40]!r} is not a number") from None


def _classify_chunk(stats: Stats, codes: array.array[int], numbers: Sequence[int], bad: list[tuple[int, str]]) -> None:
    """Counts a chunk of parsed codes. The core converts and classifies them in one call; if a
    code is out of range, the chunk is split at it, the line is reported, and the rest goes on."""
    start = 0
    while start < len(codes):
        view = memoryview(codes)[start:]
        answers = bytearray(len(view))
        try:
            _wsclose._facts_into(_CATEGORY, view, answers)
        except ValueError:
            # Find the first bad code the same way for the message (the core's range check).
            for index in range(start, len(codes)):
                try:
                    info(codes[index])
                except ValueError as exc:
                    good = codes[start:index]
                    if good:
                        _classify_chunk(stats, good, numbers[start:index], bad)
                    bad.append((numbers[index], str(exc)))
                    start = index + 1
                    break
            else:  # pragma: no cover - the core and info() agree on the range
                raise
            continue
        stats.codes.update(view.tolist())
        for category, how_many in Counter(answers).items():
            stats.categories[category] += how_many
        return


def _lines(stream: io.BufferedIOBase) -> Iterator[list[bytes]]:
    while True:
        chunk = stream.readlines(_CHUNK_BYTES)
        if not chunk:
            return
        yield chunk


def count(
    raw: BinaryIO,
    *,
    fmt: Format | None = None,
    field_name: str | None = None,
    show_bad: int = 10,
    progress_to: TextIO | None = None,
    size: int | None = None,
) -> Stats:
    """Counts the codes in the byte stream ``raw`` (see the module docs for the formats)."""
    stream, counted = _open(raw)
    progress = _Progress(progress_to or sys.stderr, size, progress_to is not None)
    stats = Stats()
    key = field_name or "code"
    column: int | None = None
    line_number = 0
    for chunk in _lines(stream):
        if fmt == "codes":
            # The fast path: a chunk of clean lines is parsed by int() in C, no loop in Python.
            # Any blank or bad line sends the chunk through the line-by-line path below.
            try:
                fast = array.array("q", map(int, chunk))
            except (ValueError, OverflowError):
                pass
            else:
                first = line_number + 1
                line_number += len(chunk)
                fast_bad: list[tuple[int, str]] = []
                _classify_chunk(stats, fast, range(first, line_number + 1), fast_bad)
                for number, message in fast_bad:
                    _record_bad(stats, number, message, show_bad)
                progress.update(counted.read_bytes)
                continue
        codes = array.array("q")
        numbers: list[int] = []
        bad: list[tuple[int, str]] = []
        for line in chunk:
            line_number += 1
            if fmt is None:
                if not line.strip():
                    continue
                fmt = _detect(line, field_name is not None)
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                bad.append((line_number, f"not UTF-8 ({exc.reason} at byte {exc.start})"))
                continue
            if fmt == "csv" and column is None:
                header = next(csv.reader([text]))
                if key not in header:
                    raise _UsageError(f"the CSV header has no column {key!r} (it has {', '.join(header)}); use --field")
                column = header.index(key)
                continue
            if not text.strip():
                continue
            try:
                if fmt == "codes":
                    code = _code_of(text)
                elif fmt == "csv":
                    row = next(csv.reader([text]))
                    if column is None or column >= len(row):
                        raise ValueError(f"no column {key!r} in this row")
                    code = _code_of(row[column])
                else:
                    code = _json_code(text, key)
            except ValueError as exc:
                bad.append((line_number, str(exc)))
                continue
            if not -(1 << 63) <= code < 1 << 63:
                try:
                    info(code)  # too big for the chunk's int64 array: the core's message says why
                except ValueError as exc:
                    bad.append((line_number, str(exc)))
                continue
            codes.append(code)
            numbers.append(line_number)
        _classify_chunk(stats, codes, numbers, bad)
        # The chunk's bad lines in line order (the core's range errors come after parsing).
        for number, message in sorted(bad):
            _record_bad(stats, number, message, show_bad)
        progress.update(counted.read_bytes)
    stats.lines = line_number
    progress.finish(counted.read_bytes)
    return stats


def _json_code(text: str, key: str) -> int:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg})") from None
    if not isinstance(record, dict) or key not in record:
        raise ValueError(f"no key {key!r}")
    value = record[key]
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"{key!r} is {json.dumps(value)[:40]}, not a code")
    return value if isinstance(value, int) else _code_of(value)


class _UsageError(Exception):
    pass


def _rows(stats: Stats) -> list[tuple[int, int]]:
    return sorted(stats.codes.items(), key=lambda item: (-item[1], item[0]))


def _write_table(stats: Stats, out: TextIO) -> None:
    print(f"{'code':>5}  {'count':>8}  {'category':<12}  name", file=out)
    for code, how_many in _rows(stats):
        facts = info(code)
        print(f"{code:>5}  {how_many:>8}  {facts.category.label:<12}  {facts.name or '-'}", file=out)
    print(file=out)
    print(f"{'category':<12}  {'count':>8}", file=out)
    for category in Category:
        print(f"{category.label:<12}  {stats.categories[category]:>8}", file=out)
    print(file=out)
    print(f"{stats.total} codes, {len(stats.codes)} distinct, {stats.bad_lines} bad lines skipped", file=out)


def _write_json(stats: Stats, out: TextIO) -> None:
    report = {
        "total": stats.total,
        "bad_lines": stats.bad_lines,
        "first_bad_lines": [{"line": number, "error": message} for number, message in stats.first_bad],
        "codes": [
            {"code": code, "count": how_many, "category": info(code).category.name, "name": info(code).name}
            for code, how_many in _rows(stats)
        ],
        "categories": {category.name: stats.categories[category] for category in Category},
    }
    print(json.dumps(report), file=out)


def _write_csv(stats: Stats, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["code", "count", "category", "name"])
    for code, how_many in _rows(stats):
        facts = info(code)
        writer.writerow([code, how_many, facts.category.name, facts.name or ""])


def plot(stats: Stats, path: str) -> None:
    """A bar chart of the counts per category, written to ``path`` (``.png`` or ``.svg``)."""
    try:
        import matplotlib
    except ImportError:
        raise _UsageError("--plot needs matplotlib: pip install 'wsclose[plot]'") from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 4))
    labels = [category.label for category in Category]
    values = [stats.categories[category] for category in Category]
    axes.bar(labels, values, color="#4477aa")
    axes.set_ylabel("close events")
    axes.set_title(f"{stats.total:,} close codes by category")
    for index, value in enumerate(values):
        axes.annotate(f"{value:,}", (index, value), ha="center", va="bottom", fontsize=8)
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wsclose stats",
        description="Count the WebSocket close codes in a log (plain codes, CSV or JSON lines; gzip or not).",
    )
    parser.add_argument("path", metavar="FILE", help="the log; '-' reads stdin")
    parser.add_argument("--format", choices=["auto", "codes", "csv", "jsonl"], default="auto")
    parser.add_argument("--field", default=None, help="the CSV column or JSON key holding the code (default: code)")
    parser.add_argument("--output", choices=["table", "json", "csv"], default=None)
    parser.add_argument("--json", action="store_true", help="same as --output json")
    parser.add_argument("--plot", metavar="FILE", default=None, help="write a bar chart (.png or .svg; needs matplotlib)")
    parser.add_argument("--show-bad", type=int, default=10, metavar="N", help="list the first N bad lines (default 10)")
    progress = parser.add_mutually_exclusive_group()
    progress.add_argument("--progress", dest="progress", action="store_true", default=None)
    progress.add_argument("--no-progress", dest="progress", action="store_false")
    return parser


def main(argv: Sequence[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    """``wsclose [--json] stats ARGS``: ``argv`` is everything after ``wsclose``."""
    out = out or sys.stdout
    err = err or sys.stderr
    args = list(argv)
    leading_json = bool(args) and args[0] == "--json"
    if leading_json:
        args.pop(0)
    if args and args[0] == "stats":
        args.pop(0)
    parser = _parser()
    if not args:
        print("wsclose: usage: wsclose [--json] stats FILE|-", file=err)
        return EXIT_USAGE
    options = parser.parse_args(args)
    output: str = options.output or ("json" if options.json or leading_json else "table")
    fmt: Format | None = None if options.format == "auto" else options.format
    source: str = options.path
    show_progress = err.isatty() if options.progress is None else bool(options.progress)
    try:
        if source == "-":
            stats = count(
                sys.stdin.buffer, fmt=fmt, field_name=options.field, show_bad=options.show_bad,
                progress_to=err if show_progress else None,
            )
            name = "<stdin>"
        else:
            name = source
            try:
                handle = open(source, "rb")
            except OSError as exc:
                print(f"wsclose: cannot read {source}: {exc.strerror or exc}", file=err)
                return EXIT_USAGE
            with handle:
                stats = count(
                    handle, fmt=fmt, field_name=options.field, show_bad=options.show_bad,
                    progress_to=err if show_progress else None, size=os.fstat(handle.fileno()).st_size,
                )
        for number, message in stats.first_bad:
            print(f"wsclose: {name}:{number}: skipped: {message}", file=err)
        if stats.bad_lines > len(stats.first_bad):
            print(f"wsclose: {name}: {stats.bad_lines - len(stats.first_bad)} more bad lines not listed", file=err)
        {"table": _write_table, "json": _write_json, "csv": _write_csv}[output](stats, out)
        if options.plot:
            plot(stats, options.plot)
    except _UsageError as exc:
        print(f"wsclose: {exc}", file=err)
        return EXIT_USAGE
    return EXIT_BAD_LINES if stats.bad_lines else EXIT_OK
