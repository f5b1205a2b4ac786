"""`wsclose stats` on real files: gzip, CSV, JSON lines, stdin, bad lines, a multi-MB log."""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

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
        f"wsclose: {path}:3: skipped: not JSON (Expecting property name enclosed in double quotes)",
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
        "wsclose: <stdin>:5: skipped: 'not-a-code' is not a number",
        "wsclose: <stdin>:8: skipped: close code 70000 is out of range: close codes are 0 to 65535",
        "wsclose: <stdin>:10: skipped: not UTF-8 (invalid start byte at byte 0)",
        "wsclose: <stdin>:11: skipped: close code -1 is out of range: close codes are 0 to 65535",
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
