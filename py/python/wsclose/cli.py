"""The ``wsclose`` command: explain close codes, or count them in a log.

Exit status: 0 on success; 1 when ``stats`` skipped bad lines (the table is still printed);
2 for bad arguments (a bad code, an unreadable file, a usage error).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from . import CodeInfo, __version__, info

EXIT_OK = 0
EXIT_BAD_LINES = 1
EXIT_USAGE = 2

_USAGE = """\
wsclose [--json | --short] CODE [CODE ...]
       wsclose [--json] stats FILE|-"""

_EPILOG = """\
examples:
  wsclose 1006                 explain a code
  wsclose --json 1000 4000     one JSON object per line, for machines
  wsclose --short 1000 4000    one line per code
  wsclose stats codes.log      count the codes in a log ('-' reads stdin; wsclose stats --help)

exit status: 0 ok, 1 stats skipped bad lines, 2 bad arguments"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wsclose",
        usage=_USAGE,
        description="Explain WebSocket close status codes (0-65535), or count them in a log.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    style = parser.add_mutually_exclusive_group()
    style.add_argument("--json", action="store_true", help="print JSON instead of text")
    style.add_argument("--short", action="store_true", help="one line per code")
    parser.add_argument("--version", action="version", version=f"wsclose {__version__}")
    parser.add_argument("args", nargs="+", metavar="CODE", help="close codes, or: stats FILE|-")
    return parser


def parse_code(text: str) -> int:
    """A decimal close code in 0..65535; ``ValueError`` with a readable message otherwise."""
    try:
        code = int(text.strip(), 10)
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a number") from None
    info(code)  # raises ValueError naming the value when out of range
    return code


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _title(facts: CodeInfo) -> str:
    if facts.name is not None:
        return f"{int(facts.code)} {facts.name}"
    return f"{int(facts.code)} ({facts.category.label})"


def describe(code: int) -> str:
    """A few lines explaining ``code`` to a person."""
    facts = info(code)
    span = facts.category.range
    rows = [
        ("category", f"{facts.category.label} ({span.start}-{span.stop - 1})"),
        ("meaning", facts.description),
        ("sendable", _yes_no(facts.sendable) + ("" if facts.sendable else " (never in a Close frame)")),
        ("local only", _yes_no(facts.local_only)),
        ("browser close()", _yes_no(facts.browser_closeable)),
        ("clean close", _yes_no(facts.ok)),
        ("reconnect", facts.reconnect.label),
    ]
    width = max(len(key) for key, _ in rows)
    return "\n".join([_title(facts)] + [f"  {key:<{width}}  {value}" for key, value in rows])


def one_line(code: int) -> str:
    """``describe`` in one line."""
    facts = info(code)
    return (
        f"{_title(facts):<31} category={facts.category.label:<12} sendable={_yes_no(facts.sendable):<3} "
        f"local_only={_yes_no(facts.local_only):<3} browser_closeable={_yes_no(facts.browser_closeable):<3} "
        f"ok={_yes_no(facts.ok):<3} reconnect={facts.reconnect.label}"
    )


def as_json(code: int) -> dict[str, object]:
    """The facts about ``code`` as a JSON-ready dict."""
    facts = info(code)
    return {
        "code": int(facts.code),
        "name": facts.name,
        "category": facts.category.name,
        "description": facts.description,
        "sendable": facts.sendable,
        "local_only": facts.local_only,
        "browser_closeable": facts.browser_closeable,
        "ok": facts.ok,
        "reconnect": facts.reconnect.name,
    }


def _explain(raw: Sequence[str], use_json: bool, short: bool, out: TextIO, err: TextIO) -> int:
    codes: list[int] = []
    bad = False
    for text in raw:
        try:
            codes.append(parse_code(text))
        except ValueError as exc:
            print(f"wsclose: bad code: {exc}", file=err)
            bad = True
    if bad:
        return EXIT_USAGE
    for index, code in enumerate(codes):
        if use_json:
            print(json.dumps(as_json(code)), file=out)
        elif short:
            print(one_line(code), file=out)
        else:
            if index:
                print(file=out)
            print(describe(code), file=out)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit status."""
    if (args := list(sys.argv[1:] if argv is None else argv))[:1] == ["stats"] or args[:2] == ["--json", "stats"]:
        from . import stats  # `wsclose [--json] stats ...` parses its own options

        return stats.main(args)
    parser = _parser()
    options = parser.parse_args(argv)
    raw: list[str] = options.args
    use_json: bool = options.json
    short: bool = options.short
    return _explain(raw, use_json, short, sys.stdout, sys.stderr)


def entry_point() -> None:
    """The ``wsclose`` console script."""
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (e.g. `wsclose stats big.log | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        status = EXIT_OK
    sys.exit(status)
