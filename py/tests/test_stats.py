"""`wsclose stats` on real files: gzip, CSV, JSON lines, stdin, bad lines, a multi-MB log."""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import BinaryIO, cast

import pytest

import wsclose
from wsclose import stats

SCRIPT = Path(sys.executable).parent / "wsclose"
CODES = [1000, 1006, 1000, 4000, 3000, 1001, 1000, 5000, 0]


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(SCRIPT), *args], input=stdin, capture_output=True, timeout=120, check=False)


def report(result: subprocess.CompletedProcess[bytes]) -> dict[str, object]:
    assert result.returncode in (0, 1), result.stderr.decode()
    parsed: dict[str, object] = json.loads(result.stdout)
    return parsed


def category_counts(codes: list[int]) -> dict[str, int]:
    counts = Counter(wsclose.info(code).category.name for code in codes)
    return {category.name: counts[category.name] for category in wsclose.Category}


def test_plain_gzip_and_stdin_agree(tmp_path: Path) -> None:
    text = "".join(f"{code}\n" for code in CODES).encode()
    plain = tmp_path / "codes.log"
    plain.write_bytes(text)
    zipped = tmp_path / "codes.weird-name"  # gzip is told by its magic bytes, not the name
    zipped.write_bytes(gzip.compress(text))
    results = [report(run("stats", "--output", "json", str(plain))), report(run("--json", "stats", str(zipped)))]
    results.append(report(run("stats", "--output", "json", "-", stdin=gzip.compress(text))))
    results.append(report(run("stats", "--output", "json", "-", stdin=text)))
    for result in results:
        assert result["total"] == len(CODES) and result["bad_lines"] == 0
        assert result["categories"] == category_counts(CODES)
        assert result["codes"][0] == {  # type: ignore[index]
            "code": 1000, "count": 3, "category": "STANDARD", "name": wsclose.info(1000).name,
        }


def test_csv_with_field_and_auto_detection(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["timestamp", "close_code", "reason"])
        for index, code in enumerate(CODES):
            writer.writerow([f"2026-11-0{1 + index % 3}T00:00:00Z", code, "bye, now" if index % 2 else ""])
    result = report(run("stats", "--field", "close_code", "--output", "json", str(path)))
    assert result["total"] == len(CODES) and result["categories"] == category_counts(CODES)
    missing = run("stats", "--format", "csv", str(path))
    assert missing.returncode == 2
    assert b"the CSV header has no column 'code'" in missing.stderr
    out = run("stats", "--field", "close_code", "--output", "csv", str(path))
    rows = list(csv.reader(io.StringIO(out.stdout.decode())))
    assert rows[0] == ["code", "count", "category", "name"]
    assert rows[1] == ["1000", "3", "STANDARD", wsclose.info(1000).name]


def test_jsonl_bad_lines_are_listed_and_counted(tmp_path: Path) -> None:
    lines = [
        json.dumps({"disconnectStatusCode": 1000, "at": 1}),
        json.dumps({"disconnectStatusCode": "4000"}),
        "{not json",
        json.dumps({"other": 1}),
        json.dumps({"disconnectStatusCode": 70000}),
        json.dumps({"disconnectStatusCode": True}),
        "",
        json.dumps({"disconnectStatusCode": 1006}),
    ]
    path = tmp_path / "events.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    result = run("stats", "--field", "disconnectStatusCode", "--show-bad", "3", str(path))
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == [
        f"wsclose: {path}:3: skipped: not JSON",
        f"wsclose: {path}:4: skipped: no key 'disconnectStatusCode'",
        f"wsclose: {path}:5: skipped: close code 70000 is out of range: close codes are 0 to 65535",
        f"wsclose: {path}: 1 more bad lines not listed",
    ]
    assert result.stdout.decode().splitlines()[-1] == "3 codes, 3 distinct, 4 bad lines skipped"


def test_bad_lines_in_plain_logs_keep_their_numbers() -> None:
    log = b"1000\n1006\n\n1000\nnot-a-code\n4000\n  1000  \n70000\n1006\n\xff\xfe\n-1\n"
    result = run("stats", "-", stdin=log)
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == [
        "wsclose: <stdin>:5: skipped: 'not-a-code' is not a close code (decimal digits, 0 to 65535)",
        "wsclose: <stdin>:8: skipped: close code 70000 is out of range: close codes are 0 to 65535",
        "wsclose: <stdin>:10: skipped: not UTF-8",
        "wsclose: <stdin>:11: skipped: '-1' is not a close code (decimal digits, 0 to 65535)",
    ]
    assert result.stdout.decode().splitlines()[-1] == "6 codes, 3 distinct, 4 bad lines skipped"


def test_no_progress_when_piped_and_progress_on_request(tmp_path: Path) -> None:
    path = tmp_path / "codes.log"
    path.write_bytes(b"1000\n" * 1000)
    piped = run("stats", str(path))
    assert piped.returncode == 0 and piped.stderr == b""
    forced = run("stats", "--progress", str(path))
    assert b"100%" in forced.stderr and b"MB/s" in forced.stderr


def test_plot_without_matplotlib_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "codes.log"
    path.write_text("1000\n")
    script = (
        "import sys; sys.modules['matplotlib'] = None\n"
        "from wsclose import stats\n"
        f"sys.exit(stats.main(['stats', '--plot', {str(tmp_path / 'x.png')!r}, {str(path)!r}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert "wsclose: --plot needs matplotlib: pip install 'wsclose[plot]'" in result.stderr


def test_multi_megabyte_log_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.log.gz"
    block = "".join(f"{code}\n" for code in (1000, 1001, 1006, 4000, 3000, 1011, 2999, 0)) * 4096
    repeats = 120  # 120 x 32,768 lines, about 18 MB of text
    with gzip.open(path, "wt", compresslevel=1) as handle:
        for _ in range(repeats):
            handle.write(block)
    size = len(block) * repeats
    # The process's peak RSS before and after counting, in a fresh interpreter.
    script = (
        "import resource, sys\n"
        "from wsclose import stats\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "found = stats.count(open(sys.argv[1], 'rb'))\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(found.total, found.codes[1000], found.bad_lines, (after - before) * 1024)\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=300, check=True)
    total, normal, bad, growth = map(int, result.stdout.split())
    assert (total, normal, bad) == (8 * 4096 * repeats, 4096 * repeats, 0)
    assert size > 15_000_000
    assert growth < 8_000_000, f"RSS grew by {growth} bytes counting a {size}-byte log"


@pytest.mark.parametrize("args", [["stats"], ["--json", "stats"]])
def test_usage(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2 and b"usage: wsclose [--json] stats FILE|-" in result.stderr


# --- Hostile input (issue 18, items 1-6): each reproduction, run through the real command. ---

NOT_A_CODE = "is not a close code (decimal digits, 0 to 65535)"


def sh(command: str, stdin: bytes = b"", timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    """``command`` in bash, with ``$W`` the wsclose script (for redirections such as ``<&-``)."""
    return subprocess.run(
        ["bash", "-c", command], input=stdin, capture_output=True, timeout=timeout, check=False,
        env={"W": str(SCRIPT), "PATH": "/usr/bin:/bin"},
    )


def test_csv_quoted_newline_is_one_record() -> None:
    result = run("stats", "--json", "-", stdin=b'code,reason\n1000,"see\n4000,x"\n')
    assert result.returncode == 0, result.stderr
    parsed = report(result)
    assert parsed["total"] == 1 and parsed["bad_lines"] == 0
    assert parsed["codes"] == [{"code": 1000, "count": 1, "category": "STANDARD", "name": "Normal Closure"}]


def test_csv_unterminated_quote_is_a_bad_record_never_counted() -> None:
    result = run("stats", "--json", "-", stdin=b'code,reason\n1000,ok\n1001,"see\n4000,x\n')
    assert result.returncode == 1
    parsed = report(result)
    assert parsed["total"] == 1 and parsed["bad_lines"] == 1
    assert parsed["first_bad_lines"] == [{"line": 3, "error": "a quoted field opened here is never closed"}]


def test_csv_rfc4180_quotes_bom_and_crlf() -> None:
    log = b'\xef\xbb\xbf"reason","code"\r\n"a ""quoted"", comma",1000\r\n"multi\r\nline",  4000 \r\nx,"10"06\r\n'
    result = run("stats", "--json", "-", stdin=log)
    parsed = report(result)
    assert (parsed["total"], parsed["bad_lines"]) == (2, 1)
    assert parsed["first_bad_lines"] == [{"line": 5, "error": "text after a closing quote"}]


def rss_of(args: list[str], stdin_path: Path | None = None) -> tuple[int, str, int]:
    """(exit status, stdout, peak RSS in bytes) of the wsclose command, measured in a fresh
    interpreter so no earlier child counts."""
    script = (
        "import resource, subprocess, sys\n"
        "stdin = open(sys.argv[1], 'rb') if sys.argv[1] else None\n"
        "done = subprocess.run(sys.argv[2:], stdin=stdin, capture_output=True, timeout=300)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024\n"
        "print(done.returncode, peak); print(done.stdout.decode())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(stdin_path or ""), str(SCRIPT), *args],
        capture_output=True, text=True, timeout=600, check=True,
    )
    first, _, rest = result.stdout.partition("\n")
    status, peak = map(int, first.split())
    return status, rest, peak


def test_endless_line_in_fixed_memory(tmp_path: Path) -> None:
    path = tmp_path / "one-line.log"
    with path.open("wb") as handle:
        for _ in range(200):
            handle.write(b"7" * 1_000_000)  # 200 MB, no newline
        handle.write(b"\n1000\n")
    status, out, peak = rss_of(["stats", "--json", "-"], path)
    parsed = json.loads(out)
    assert status == 1 and (parsed["total"], parsed["bad_lines"]) == (1, 1)
    assert parsed["first_bad_lines"] == [{"line": 1, "error": "line longer than 65536 bytes"}]
    assert peak < 80_000_000, f"peak RSS {peak} bytes for a 200 MB line"


def gzip_of_repeated(path: Path, block: bytes, times: int) -> None:
    import zlib

    packer = zlib.compressobj(1, zlib.DEFLATED, 31)
    with path.open("wb") as handle:
        for _ in range(times):
            handle.write(packer.compress(block))
        handle.write(packer.flush())


def test_gzip_bomb_in_fixed_memory(tmp_path: Path) -> None:
    bomb = tmp_path / "b.gz"
    gzip_of_repeated(bomb, bytes(1 << 20), 300)  # 300 MiB of NUL bytes
    assert bomb.stat().st_size < 2_000_000
    status, out, peak = rss_of(["stats", "--json", str(bomb)])
    parsed = json.loads(out)
    assert status == 1 and (parsed["total"], parsed["bad_lines"]) == (0, 1)
    assert peak < 80_000_000, f"peak RSS {peak} bytes for a gzip bomb"


def test_gzip_of_newlines_is_fast(tmp_path: Path) -> None:
    path = tmp_path / "n.gz"
    gzip_of_repeated(path, b"\n" * (1 << 20) + b"1000\n", 300)  # 300 MiB of blank lines
    started = time.monotonic()
    result = run("stats", "--json", str(path))
    seconds = time.monotonic() - started
    parsed = report(result)
    assert (parsed["total"], parsed["bad_lines"]) == (300, 0)
    # The line-by-line Python parser took over 100 s for this; the core takes about 1 s.
    assert seconds < 60, seconds


def test_truncated_gzip_is_unreadable_input_keeping_the_counts() -> None:
    data = gzip.compress(b"1000\n4000\n" * 200_000, 1)
    result = run("stats", "--json", "-", stdin=data[: len(data) // 2])
    assert result.returncode == 3
    parsed = json.loads(result.stdout)
    assert 0 < parsed["total"] < 400_000 and parsed["bad_lines"] == 0
    (message,) = result.stderr.decode().splitlines()
    assert message.startswith("wsclose: cannot read <stdin> to its end: the gzip stream is truncated")
    assert message.endswith("the counts above are of what was read")
    tiny = sh('printf "1000\\n" | gzip | head -c 15 | "$W" stats -')
    assert tiny.returncode == 3 and b"Traceback" not in tiny.stderr
    assert tiny.stdout.decode().splitlines()[-1] == "0 codes, 0 distinct, 0 bad lines skipped"


@pytest.mark.parametrize("damage", ["crc", "garbage", "corrupt"])
def test_damaged_gzip_is_unreadable_input(damage: str) -> None:
    data = bytearray(gzip.compress(b"1000\n4000\n" * 1000))
    if damage == "crc":
        data[-6] ^= 1
    elif damage == "garbage":
        data += b"this is not gzip"
    else:
        data[20:40] = b"\xff" * 20
    result = run("stats", "--json", "-", stdin=bytes(data))
    assert result.returncode == 3, result.stderr
    assert b"Traceback" not in result.stderr
    assert result.stderr.decode().startswith("wsclose: cannot read <stdin> to its end: ")
    json.loads(result.stdout)  # the counts so far are printed


def test_deeply_nested_json_is_a_bad_line() -> None:
    for depth in (1_000, 100_000):
        line = b'{"code": ' + b"[" * depth + b"]" * depth + b"}\n"
        result = run("stats", "--json", "-", stdin=line + b'{"code": 1000}\n')
        assert result.returncode == 1, result.stderr
        parsed = report(result)
        assert (parsed["total"], parsed["bad_lines"]) == (1, 1)
        error = parsed["first_bad_lines"][0]["error"]  # type: ignore[index]
        assert error in ("JSON nested deeper than 128 levels", "line longer than 65536 bytes")


def test_closed_stdin_is_unreadable_input() -> None:
    result = sh('"$W" stats - <&-')
    assert result.returncode == 3
    assert result.stderr == b"wsclose: cannot read <stdin>: standard input is closed\n"


def test_closed_or_full_stdout_is_an_output_error(tmp_path: Path) -> None:
    closed = sh('printf "1000\\n" | "$W" stats - >&-')
    assert closed.returncode == 4
    assert closed.stderr == b"wsclose: cannot write the output: stdout is closed\n"
    full = sh('printf "1000\\n" | "$W" stats - >/dev/full')
    assert full.returncode == 4
    assert full.stderr == b"wsclose: cannot write the output: No space left on device\n"
    every = tmp_path / "every.log"
    every.write_text("".join(f"{code}\n" for code in range(65536)))
    piped = sh(f'set -o pipefail; "$W" stats {every} | head -c 10 >/dev/null')
    assert piped.returncode == 4
    assert piped.stderr == b"wsclose: cannot write the output: Broken pipe\n"


def test_plot_problems_are_found_before_the_table(tmp_path: Path) -> None:
    log = tmp_path / "codes.log"
    log.write_text("1000\n")
    unknown = run("stats", "--plot", str(tmp_path / "chart.pdf"), str(log))
    assert unknown.returncode == 2 and unknown.stdout == b""
    assert unknown.stderr.decode() == f"wsclose: --plot {tmp_path / 'chart.pdf'}: the chart is written as .png or .svg, not '.pdf'\n"
    nowhere = tmp_path / "missing" / "chart.png"
    unwritable = run("stats", "--plot", str(nowhere), str(log))
    assert unwritable.returncode == 4 and unwritable.stdout == b""
    assert unwritable.stderr.decode() == f"wsclose: cannot write the chart {nowhere}: no directory {nowhere.parent}\n"


@pytest.mark.parametrize(
    "text",
    ["1_000", "-0", "+1006", "١٠٠٠", "１０００", "1e3", "1000.0", "0x3e8", "-1"],
)
def test_only_plain_decimal_codes_count(text: str) -> None:
    plain = run("stats", "--json", "-", stdin=f"{text}\n1000\n".encode())
    as_string = run("stats", "--json", "-", stdin=(json.dumps({"code": text}) + '\n{"code": 1000}\n').encode())
    for result in (plain, as_string):
        parsed = report(result)
        assert result.returncode == 1
        assert (parsed["total"], parsed["bad_lines"]) == (1, 1), (text, parsed)
        assert parsed["first_bad_lines"][0]["error"].endswith(NOT_A_CODE)  # type: ignore[index]


def test_issue_reproduction_of_signed_and_underscored_codes() -> None:
    parsed = report(run("stats", "--json", "-", stdin=b"1_000\n-0\n"))
    assert (parsed["total"], parsed["bad_lines"]) == (0, 2)


@pytest.mark.parametrize("number", ["-0", "1000.0", "1e3", "-1006", "1000.5"])
def test_json_numbers_that_are_not_plain_codes(number: str) -> None:
    parsed = report(run("stats", "--json", "-", stdin=f'{{"code": {number}}}\n{{"code": 4000}}\n'.encode()))
    assert (parsed["total"], parsed["bad_lines"]) == (1, 1)


def test_gzip_is_told_by_magic_bytes_however_the_pipe_delivers_them() -> None:
    data = gzip.compress(b"1000\n4000\n")
    process = subprocess.Popen([str(SCRIPT), "stats", "--json", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert process.stdin is not None
    process.stdin.write(data[:1])
    process.stdin.flush()
    time.sleep(0.3)
    process.stdin.write(data[1:])
    process.stdin.close()
    assert process.stdout is not None
    out = process.stdout.read()
    assert process.wait(timeout=60) == 0
    assert json.loads(out)["total"] == 2


def test_a_lone_gzip_magic_byte_is_text() -> None:
    result = run("stats", "--json", "-", stdin=b"\x1f")
    assert result.returncode == 1
    assert report(result)["bad_lines"] == 1


def test_help_lists_the_exit_statuses() -> None:
    result = run("stats", "--help")
    assert result.returncode == 0
    text = result.stdout.decode()
    assert stats.EXIT_STATUSES in text
    for status in ("0  ok", "1  bad records", "2  usage", "3  unreadable input", "4  output error"):
        assert status in text


@pytest.mark.parametrize("prefix", [b"\xef\xbb\xbf", b"\n", b"\r\n\r\n", b"\xef\xbb\xbf\n"])
def test_header_message_shows_the_real_header(prefix: bytes) -> None:
    result = run("stats", "--format", "csv", "-", stdin=prefix + b"when,close_code\r\nx,1000\n")
    assert result.returncode == 2
    assert result.stderr == b"wsclose: the CSV header has no column 'code' (it has when, close_code); use --field\n"
    for option in ("--field", "--column"):
        found = report(run("stats", option, "close_code", "--json", "-", stdin=prefix + b"when,close_code\r\nx,1000\n"))
        assert found["total"] == 1


def test_count_raises_unreadable_input_with_the_counts_so_far() -> None:
    data = gzip.compress(b"1000\n" * 100_000)
    with pytest.raises(stats.UnreadableInput) as caught:
        stats.count(io.BytesIO(data[:-4]))
    assert caught.value.stats.codes[1000] == 100_000  # all inflated; the length field is missing
    assert "truncated" in str(caught.value)


def _large_log(kind: str, rows: int) -> bytes:
    """A log of ``rows`` records of ``kind`` (tens of MB: large enough to be read by two
    threads), with bad records spread through it."""
    row = {
        "codes": "{code}\n",
        "csv": "2026-11-01T00:00:00Z,{code},going away\n",
        "jsonl": '{{"timestamp": "2026-11-01T00:00:00Z", "code": {code}, "reason": "going away"}}\n',
    }[kind]
    block = "".join(row.format(code=code) for code in CODES * 100)
    bad = {"codes": "1_000\n", "csv": "t,+1,x\n", "jsonl": '{"code": -0}\n'}[kind]
    parts = ["timestamp,code,reason\n" if kind == "csv" else ""]
    per_block = len(CODES) * 100
    for index in range(rows // per_block):
        parts.append(block)
        if index % 13 == 0:
            parts.append(bad)
    return "".join(parts).encode()


def _summary(result: stats.Stats) -> tuple[object, ...]:
    return (result.codes, result.categories, result.bad_lines, result.first_bad, result.lines)


@pytest.mark.parametrize("kind", ["codes", "csv", "jsonl"])
def test_a_large_file_read_by_two_threads_counts_as_a_stream(tmp_path: Path, kind: str) -> None:
    data = _large_log(kind, {"codes": 9_000_000, "csv": 1_200_000, "jsonl": 600_000}[kind])
    assert len(data) > 40 << 20
    path = tmp_path / f"big.{kind}"
    path.write_bytes(data)
    with path.open("rb") as handle:
        from_file = stats.count(handle, show_bad=1000)
    streamed = stats.count(io.BufferedReader(io.BytesIO(data)), show_bad=1000)
    assert _summary(from_file) == _summary(streamed)
    assert from_file.bad_lines > 10 and from_file.first_bad[-1][0] > from_file.lines // 2


def test_a_quoted_newline_at_the_middle_of_a_large_csv_is_read_in_order(tmp_path: Path) -> None:
    # A quoted field of a million lines around the middle: a cut there is inside the quotes, so
    # the second thread's work is thrown away and the rest is read in order.
    record = b"2026-11-01T00:00:00Z,1000,going away\n"
    half = record * 600_000
    data = b"timestamp,code,reason\n" + half + b't,4000,"' + b"a,1\n" * 1_000_000 + b'"\n' + half + b"t,5000\n"
    path = tmp_path / "quoted.csv"
    path.write_bytes(data)
    with path.open("rb") as handle:
        from_file = stats.count(handle)
    assert from_file.codes == Counter({1000: 1_200_000, 4000: 1, 5000: 1})
    assert from_file.lines == data.count(b"\n")
    assert _summary(from_file) == _summary(stats.count(io.BytesIO(data)))


def test_a_file_is_read_from_where_it_stands_and_progress_is_reported(tmp_path: Path) -> None:
    data = _large_log("codes", 9_000_000)
    path = tmp_path / "codes.log"
    path.write_bytes(b"junk\n" + data)
    shown = io.StringIO()
    with path.open("rb") as handle:
        handle.seek(5)
        result = stats.count(handle, progress_to=shown, size=len(data))
    assert _summary(result) == _summary(stats.count(io.BytesIO(data)))
    assert "100%" in shown.getvalue()


def test_a_gzip_file_is_read_whole(tmp_path: Path) -> None:
    data = _large_log("jsonl", 60_000)
    path = tmp_path / "events.jsonl.gz"
    path.write_bytes(gzip.compress(data, 1))
    with path.open("rb") as handle:
        result = stats.count(handle, show_bad=100)
    assert _summary(result) == _summary(stats.count(io.BytesIO(data), show_bad=100))


def test_a_wrapper_with_a_file_descriptor_is_read_through_its_own_read(tmp_path: Path) -> None:
    # A GzipFile has the file's descriptor but not its bytes: it is read by its own read().
    path = tmp_path / "codes.gz"
    path.write_bytes(gzip.compress(b"junk\n" + b"1000\n" * 10))
    with gzip.open(path, "rb") as handle:
        handle.read(5)
        result = stats.count(cast(BinaryIO, handle))
    assert result.codes == Counter({1000: 10}) and result.bad_lines == 0


def _reference_code(line: str) -> int | None:
    """The code of a JSON line by the documented rules, with the json module: a top-level
    object whose last ``code`` is a number written as plain digits (0 to 65535), or a string
    holding such digits between blanks (a string with an escape is not a code either; the code
    strings of the test below hold none). ``None``: a bad line."""

    class Number(str):
        pass

    try:
        value = json.loads(line, parse_int=Number, parse_float=Number, parse_constant=Number)
    except ValueError:
        return None
    if not isinstance(value, dict) or "code" not in value:
        return None
    code = value["code"]
    if isinstance(code, Number):
        text = str(code)
    elif isinstance(code, str):
        text = code.strip(" \t\r")
    else:
        return None
    if not text or not all("0" <= char <= "9" for char in text) or int(text) > 65535:
        return None
    return int(text)


def test_a_large_json_lines_log_of_several_shapes_counts_as_the_rules_say(tmp_path: Path) -> None:
    # Runs of lines of a few shapes (keys, order, spacing, line ends) with values of every kind:
    # most lines have the shape of the line before them, and the values that break it (escapes,
    # non-ASCII text, numbers that are not plain codes, other kinds) are spread through the log.
    rng = random.Random(20261203)
    values = ["1000", "4000", "65535", "65536", "0", "-0", "1.5", "1e3", "100000000", '"1006"', '" 3000 "',
              '"10a0"', '""', "null", "true", "[1000]", '{"code": 1}']
    reasons = ['"going away"', '"caf\u00e9"', '"a \\"quoted\\" \\u00e9"', '"tab\\there"', '""', "12", "null"]
    shapes = [
        '{{"timestamp": "2026-11-01T00:00:00Z", "code": {code}, "reason": {reason}}}\n',
        '{{"code":{code},"reason":{reason}}}\n',
        '{{"reason": {reason}, "code": {code}}}\r\n',
        ' {{ "code" : {code} , "code": {code} }}\n',
        '{{"reason": {reason}}}\n',
        "\n",
    ]
    lines: list[str] = []
    while len(lines) < 20_000:
        shape = rng.choice(shapes)
        for _ in range(rng.randint(1, 40)):
            # Mostly plain codes, as in a real log.
            code = rng.choice(values) if rng.random() < 0.1 else str(rng.randint(0, 70_000))
            reason = rng.choice(reasons) if rng.random() < 0.1 else '"going away"'
            lines.append(shape.format(code=code, reason=reason))
    block = "".join(lines)
    expected = Counter(found for line in lines if line.strip() and (found := _reference_code(line)) is not None)
    bad = sum(1 for line in lines if line.strip() and _reference_code(line) is None)
    repeats = (40 << 20) // len(block.encode()) + 1
    path = tmp_path / "events.jsonl"
    path.write_bytes(block.encode() * repeats)
    with path.open("rb") as handle:
        result = stats.count(handle, fmt="jsonl")
    assert result.codes == Counter({code: count * repeats for code, count in expected.items()})
    assert result.bad_lines == bad * repeats
    assert result.lines == len(lines) * repeats
