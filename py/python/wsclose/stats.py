"""``wsclose stats``: count the close codes in a log of any size.

    wsclose stats codes.log                      one code per line
    wsclose stats --field disconnectStatusCode events.jsonl.gz
    zcat events.csv.gz | wsclose stats --format csv --field code --output json -
    wsclose stats --plot categories.svg codes.log

Input: a file or ``-`` (stdin), gzip-compressed or not (told by its first two bytes, ``1f 8b``,
however the pipe delivers them). Formats (``--format``, else detected from the first non-blank
line): ``codes`` (one decimal code per line, blank lines ignored), ``csv`` (RFC 4180, a header
row; the code is in column ``--field``, default ``code``), ``jsonl`` (one JSON object per line;
the code is at key ``--field``, default ``code``). The parsing runs in Rust: the bytes are fed
in chunks to :class:`wsclose._wsclose.StatsCounter` (which inflates gzip and runs the core's
``LogParser``), so memory is fixed whatever the input, even one endless line.

A code is a plain ASCII decimal number 0-65535. Bad records (``1_000``, ``+1006``, ``-0``, not
JSON, no such key or column, a line longer than 64 KiB, an unterminated quote...) are counted
and never dropped silently: the first ``--show-bad`` are listed on stderr with their line
numbers, the total is in every output format, and the exit status is 1.

Output (``--output``): ``table`` (default), ``json`` or ``csv``. ``--plot FILE.png|FILE.svg``
also draws a bar chart of the categories (needs ``pip install 'wsclose[plot]'``). A progress
line is drawn on stderr when stderr is a terminal, never when it is piped.

Exit status: 0 ok; 1 bad records skipped; 2 usage (bad arguments, a FILE that cannot be opened,
a CSV header without the column); 3 unreadable input (a truncated or corrupt gzip stream, a read
error, a closed stdin: the counts made so far are printed); 4 output error (stdout closed or
full, a broken pipe, a chart that cannot be written).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import stat
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import BinaryIO, Final, Literal, TextIO, TypeAlias

from . import _wsclose, info
from ._constants import Category

__all__ = ["Stats", "UnreadableInput", "count", "main"]

EXIT_OK: Final = 0
EXIT_BAD_LINES: Final = 1
EXIT_USAGE: Final = 2
EXIT_UNREADABLE: Final = 3
EXIT_OUTPUT: Final = 4

EXIT_STATUSES: Final = """\
exit status:
  0  ok
  1  bad records were skipped (counted, and the first --show-bad listed on stderr)
  2  usage: bad arguments, a FILE that cannot be opened, a CSV header without the column
  3  unreadable input: a truncated or corrupt gzip stream, a read error, a closed stdin
     (the counts made before it are printed)
  4  output error: stdout closed or full, a broken pipe, a --plot file that cannot be written"""

Format: TypeAlias = Literal["codes", "csv", "jsonl"]

_READ_BYTES: Final = 1 << 20
"""The input is read (and fed to the core) in chunks of at most this many bytes."""
_PLOT_SUFFIXES: Final = (".png", ".svg")


@dataclass
class Stats:
    """What :func:`count` found: code counts, category counts and the bad records."""

    codes: Counter[int] = field(default_factory=Counter)
    categories: Counter[int] = field(default_factory=Counter)
    """Counts by Category number (the core's classification of each code counted)."""
    bad_lines: int = 0
    first_bad: list[tuple[int, str]] = field(default_factory=list)
    """``(line number, message)`` of the first bad records (up to the ``show_bad`` asked for)."""
    lines: int = 0

    @property
    def total(self) -> int:
        return sum(self.codes.values())


class UnreadableInput(Exception):
    """The input could not be read to its end; ``stats`` holds the counts made before."""

    def __init__(self, message: str, stats: Stats) -> None:
        super().__init__(message)
        self.stats = stats


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


def _stats_of(counter: _wsclose.StatsCounter) -> Stats:
    return Stats(
        codes=Counter(dict(counter.codes())),
        categories=Counter({number: n for number, n in enumerate(counter.categories()) if n}),
        bad_lines=counter.bad_lines,
        first_bad=counter.first_bad,
        lines=counter.lines,
    )


def count(
    raw: BinaryIO,
    *,
    fmt: Format | None = None,
    field_name: str | None = None,
    show_bad: int = 10,
    progress_to: TextIO | None = None,
    size: int | None = None,
) -> Stats:
    """Counts the codes in the byte stream ``raw`` (see the module docs for the formats).

    Raises :class:`UnreadableInput` (with the counts made so far) when the stream cannot be read
    to its end, and ``ValueError`` when a CSV header has no column ``field_name``."""
    counter = _wsclose.StatsCounter(fmt, field_name, max(show_bad, 0))
    progress = _Progress(progress_to or sys.stderr, size, progress_to is not None)
    read = getattr(raw, "read1", None) or raw.read
    try:
        start = _regular_file_at(raw)
        if start is None or not counter.feed_file(
            raw.fileno(), start, progress.update if progress.enabled else None
        ):
            while data := read(_READ_BYTES):
                counter.feed(data)
                progress.update(counter.bytes_in)
        counter.finish()
    except _wsclose.StatsHeaderError as exc:
        raise _UsageError(str(exc)) from None
    except _wsclose.StatsInputError as exc:
        raise UnreadableInput(f"{exc} after {counter.bytes_in:,} bytes", _stats_of(counter)) from None
    except (OSError, ValueError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UnreadableInput(f"read error after {counter.bytes_in:,} bytes: {why}", _stats_of(counter)) from None
    finally:
        progress.finish(counter.bytes_in)
    return _stats_of(counter)


def _regular_file_at(raw: BinaryIO) -> int | None:
    """Where ``raw`` stands when it is a plain binary file object over a regular file (which the
    core then reads itself, from that offset, with two threads when large), else ``None``. Any
    other object with a ``fileno()`` (a ``gzip.GzipFile``, a wrapper) is read through its own
    ``read``, since its bytes are not the file's."""
    if type(raw) not in (io.BufferedReader, io.BufferedRandom, io.FileIO):
        return None
    try:
        if not stat.S_ISREG(os.fstat(raw.fileno()).st_mode) or not raw.seekable():
            return None
        return raw.tell()
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return None


class _UsageError(Exception):
    pass


def _rows(stats: Stats) -> list[tuple[int, int, Category, str | None]]:
    """``(code, count, category, name)`` of each code counted, the most frequent first (then by
    code): the order of every output format."""
    # Codes are distinct: by code, then (a stable sort) by count, highest first.
    by_count = sorted(sorted(stats.codes.items(), key=itemgetter(0)), key=itemgetter(1), reverse=True)
    rows = []
    for code, how_many in by_count:
        facts = info(code)
        rows.append((code, how_many, facts.category, facts.name))
    return rows


def _write_table(stats: Stats, out: TextIO) -> None:
    labels = {category: category.label for category in Category}
    lines = [f"{'code':>5}  {'count':>8}  {'category':<12}  name\n"]
    lines.extend(
        f"{code:>5}  {how_many:>8}  {labels[category]:<12}  {name or '-'}\n"
        for code, how_many, category, name in _rows(stats)
    )
    lines.append(f"\n{'category':<12}  {'count':>8}\n")
    lines.extend(f"{labels[category]:<12}  {stats.categories[category]:>8}\n" for category in Category)
    lines.append(f"\n{stats.total} codes, {len(stats.codes)} distinct, {stats.bad_lines} bad lines skipped\n")
    out.write("".join(lines))


def _write_json(stats: Stats, out: TextIO) -> None:
    names = {category: category.name for category in Category}
    report = {
        "total": stats.total,
        "bad_lines": stats.bad_lines,
        "first_bad_lines": [{"line": number, "error": message} for number, message in stats.first_bad],
        "codes": [
            {"code": code, "count": how_many, "category": names[category], "name": name}
            for code, how_many, category, name in _rows(stats)
        ],
        "categories": {category.name: stats.categories[category] for category in Category},
    }
    out.write(json.dumps(report) + "\n")


def _write_csv(stats: Stats, out: TextIO) -> None:
    names = {category: category.name for category in Category}
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["code", "count", "category", "name"])
    for code, how_many, category, name in _rows(stats):
        if name is None:
            # What the writer writes for this row (digits, an identifier, an empty field).
            out.write(f"{code},{how_many},{names[category]},\n")
        else:
            writer.writerow([code, how_many, names[category], name])


def _check_plot(path: str) -> tuple[int, str] | None:
    """Why ``--plot path`` cannot work, decided before any counting: ``(exit status, message)``."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in _PLOT_SUFFIXES:
        return EXIT_USAGE, f"--plot {path}: the chart is written as .png or .svg, not {suffix or 'a file without an extension'!r}"
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        return EXIT_OUTPUT, f"cannot write the chart {path}: it is a directory"
    if not os.path.isdir(folder):
        return EXIT_OUTPUT, f"cannot write the chart {path}: no directory {folder}"
    target = path if os.path.exists(path) else folder
    if not os.access(target, os.W_OK):
        return EXIT_OUTPUT, f"cannot write the chart {path}: permission denied"
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return EXIT_USAGE, "--plot needs matplotlib: pip install 'wsclose[plot]'"
    return None


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
    try:
        figure.savefig(path)
    finally:
        plt.close(figure)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wsclose stats",
        description="Count the WebSocket close codes in a log (plain codes, CSV or JSON lines; gzip or not).",
        epilog=EXIT_STATUSES,
        # argparse makes a formatter for each option it adds (to check its metavar); one of
        # fixed width will do for that, and does not ask the terminal's width, which imports
        # shutil (a few ms of every run). Help and usage get the real one, set below.
        formatter_class=lambda prog: argparse.RawDescriptionHelpFormatter(prog, width=80),
    )
    parser.add_argument("path", metavar="FILE", help="the log; '-' reads stdin")
    parser.add_argument("--format", choices=["auto", "codes", "csv", "jsonl"], default="auto")
    parser.add_argument(
        "--field", "--column", dest="field", default=None,
        help="the CSV column or JSON key holding the code (default: code)",
    )
    parser.add_argument("--output", choices=["table", "json", "csv"], default=None)
    parser.add_argument("--json", action="store_true", help="same as --output json")
    parser.add_argument("--plot", metavar="FILE", default=None, help="write a bar chart (.png or .svg; needs matplotlib)")
    parser.add_argument("--show-bad", type=int, default=10, metavar="N", help="list the first N bad records (default 10)")
    progress = parser.add_mutually_exclusive_group()
    progress.add_argument("--progress", dest="progress", action="store_true", default=None)
    progress.add_argument("--no-progress", dest="progress", action="store_false")
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    return parser


def _silence_stdout(out: TextIO) -> None:
    """After an output error on the process's stdout, point fd 1 at /dev/null, so the flush at
    interpreter exit does not fail a second time with a traceback."""
    if out is not sys.stdout:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass


def _write_all(text: str, out: TextIO) -> None:
    """Writes ``text`` to ``out`` in full or raises. A stream with a file descriptor is written
    with ``os.write`` until every byte is out: a text stream's own write may accept a partial
    write to a pipe whose reader went away and report nothing, which would end in exit 0 with
    the output cut short."""
    out.flush()
    try:
        fd = out.fileno()
    except (AttributeError, OSError, io.UnsupportedOperation):
        out.write(text)
        out.flush()
        return
    view = memoryview(text.encode(out.encoding or "utf-8", out.errors or "strict"))
    while view:
        view = view[os.write(fd, view):]


def _emit(text: str, out: TextIO | None) -> str | None:
    """Writes ``text`` to ``out`` and flushes it; why not, when it cannot."""
    if out is None:
        return "stdout is closed"
    try:
        _write_all(text, out)
    except (OSError, ValueError) as exc:
        _silence_stdout(out)
        if isinstance(exc, OSError) and exc.strerror:
            return exc.strerror
        return str(exc)
    return None


def main(argv: Sequence[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    """``wsclose [--json] stats ARGS``: ``argv`` is everything after ``wsclose``."""
    stdout: TextIO | None = out if out is not None else sys.stdout
    err = err or sys.stderr or io.StringIO()
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
    # What can be decided before reading is decided before reading.
    if stdout is None:
        print("wsclose: cannot write the output: stdout is closed", file=err)
        return EXIT_OUTPUT
    if options.plot:
        plot_problem = _check_plot(options.plot)
        if plot_problem is not None:
            print(f"wsclose: {plot_problem[1]}", file=err)
            return plot_problem[0]
    failure: str | None = None
    try:
        if source == "-":
            name = "<stdin>"
            stdin = sys.stdin
            if stdin is None:
                print("wsclose: cannot read <stdin>: standard input is closed", file=err)
                return EXIT_UNREADABLE
            stats = count(
                stdin.buffer, fmt=fmt, field_name=options.field, show_bad=options.show_bad,
                progress_to=err if show_progress else None,
            )
        else:
            name = source
            try:
                handle = open(source, "rb")
            except OSError as exc:
                print(f"wsclose: cannot read {source}: {exc.strerror or exc}", file=err)
                return EXIT_USAGE
            with handle:
                try:
                    size: int | None = os.fstat(handle.fileno()).st_size or None
                except OSError:
                    size = None
                stats = count(
                    handle, fmt=fmt, field_name=options.field, show_bad=options.show_bad,
                    progress_to=err if show_progress else None, size=size,
                )
    except UnreadableInput as exc:
        stats, failure = exc.stats, str(exc)
    except _UsageError as exc:
        print(f"wsclose: {exc}", file=err)
        return EXIT_USAGE
    for number, message in stats.first_bad:
        print(f"wsclose: {name}:{number}: skipped: {message}", file=err)
    if stats.bad_lines > len(stats.first_bad):
        print(f"wsclose: {name}: {stats.bad_lines - len(stats.first_bad)} more bad lines not listed", file=err)
    text = io.StringIO()
    {"table": _write_table, "json": _write_json, "csv": _write_csv}[output](stats, text)
    problem = _emit(text.getvalue(), stdout)
    if problem is not None:
        print(f"wsclose: cannot write the output: {problem}", file=err)
        if failure is not None:
            print(f"wsclose: cannot read {name} to its end: {failure}", file=err)
        return EXIT_OUTPUT
    if failure is not None:
        print(f"wsclose: cannot read {name} to its end: {failure}; the counts above are of what was read", file=err)
        return EXIT_UNREADABLE
    if options.plot:
        try:
            plot(stats, options.plot)
        except _UsageError as exc:
            print(f"wsclose: {exc}", file=err)
            return EXIT_USAGE
        except OSError as exc:
            print(f"wsclose: cannot write the chart {options.plot}: {exc.strerror or exc}", file=err)
            return EXIT_OUTPUT
    return EXIT_BAD_LINES if stats.bad_lines else EXIT_OK
