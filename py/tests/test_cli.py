"""The ``wsclose`` command end to end, as a subprocess: the console script and ``python -m``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import wsclose

SCRIPT = Path(sys.executable).parent / "wsclose"


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args], input=stdin, capture_output=True, text=True, timeout=60, check=False
    )


def test_console_script_is_installed() -> None:
    assert SCRIPT.is_file(), f"console script missing at {SCRIPT}"


def test_explain_one_code() -> None:
    result = run("1006")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "1006 Abnormal Closure"
    assert "  category         standard (1000-1015)" in lines
    assert "  sendable         no (never in a Close frame)" in lines
    assert "  local only       yes" in lines
    assert "  reconnect        backoff" in lines
    assert result.stderr == ""


def test_explain_codes_without_names() -> None:
    result = run("4000", "5000", "0")
    assert result.returncode == 0
    titles = [line for line in result.stdout.splitlines() if line and not line.startswith(" ")]
    assert titles == ["4000 (private use)", "5000 (out of range)", "0 (unused)"]
    assert "  reconnect        app-defined" in result.stdout


def test_json() -> None:
    result = run("--json", "1000", "4321")
    assert result.returncode == 0
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first == {
        "code": 1000,
        "name": "Normal Closure",
        "category": "STANDARD",
        "description": first["description"],
        "sendable": True,
        "local_only": False,
        "browser_closeable": True,
        "ok": True,
        "reconnect": "NEVER",
    }
    assert first["description"]
    assert second["name"] is None and second["category"] == "PRIVATE" and second["reconnect"] == "APP_DEFINED"


def test_short() -> None:
    result = run("--short", "1000", "4000")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "1000 Normal Closure             category=standard     sendable=yes local_only=no  "
        "browser_closeable=yes ok=yes reconnect=never",
        "4000 (private use)              category=private use  sendable=yes local_only=no  "
        "browser_closeable=yes ok=no  reconnect=app-defined",
    ]
    assert run("--short", "--json", "1000").returncode == 2


def test_python_dash_m_is_the_same_command() -> None:
    module = subprocess.run(
        [sys.executable, "-m", "wsclose", "--json", "1014"], capture_output=True, text=True, timeout=60, check=False
    )
    assert module.returncode == 0
    assert module.stdout == run("--json", "1014").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["70000"], "wsclose: bad code: close code 70000 is out of range: close codes are 0 to 65535"),
        (["-1"], "wsclose: bad code: close code -1 is out of range: close codes are 0 to 65535"),
        (["1000", "abc"], "wsclose: bad code: 'abc' is not a number"),
        (["stats"], "wsclose: usage: wsclose [--json] stats FILE|-"),
        (["stats", "/nonexistent/codes.log"], "wsclose: cannot read /nonexistent/codes.log: No such file or directory"),
    ],
)
def test_bad_arguments_exit_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr.splitlines()


def test_no_arguments_and_unknown_option_exit_2() -> None:
    assert run().returncode == 2
    result = run("--nope", "1000")
    assert result.returncode == 2 and "usage: wsclose" in result.stderr


LOG = "1000\n1006\n\n1000\nnot-a-code\n4000\n  1000  \n70000\n1006\n"


def test_stats_from_stdin_reports_bad_lines_and_goes_on() -> None:
    result = run("stats", "-", stdin=LOG)
    assert result.returncode == 1  # some lines were skipped; the table is still printed
    assert result.stderr.splitlines() == [
        "wsclose: <stdin>:5: skipped: 'not-a-code' is not a number",
        "wsclose: <stdin>:8: skipped: close code 70000 is out of range: close codes are 0 to 65535",
    ]
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        " code     count  category      name",
        " 1000         3  standard      Normal Closure",
        " 1006         2  standard      Abnormal Closure",
        " 4000         1  private use   -",
    ]
    assert "standard" + " " * 13 + "5" in lines
    assert "private use" + " " * 10 + "1" in lines
    assert "unused" + " " * 15 + "0" in lines
    assert lines[-1] == "6 codes, 3 distinct, 2 bad lines skipped"


def test_stats_from_file_json(tmp_path: Path) -> None:
    log = tmp_path / "codes.log"
    log.write_text("3000\n1001\n3000\n")
    result = run("--json", "stats", str(log))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["total"] == 3 and report["bad_lines"] == 0
    assert report["codes"] == [
        {"code": 3000, "count": 2, "category": "REGISTERED", "name": wsclose.info(3000).name},
        {"code": 1001, "count": 1, "category": "STANDARD", "name": wsclose.info(1001).name},
    ]
    assert report["categories"] == {
        "UNUSED": 0,
        "STANDARD": 1,
        "RESERVED": 0,
        "REGISTERED": 2,
        "PRIVATE": 0,
        "OUT_OF_RANGE": 0,
    }


def test_stats_output_into_a_closed_pipe_is_quiet() -> None:
    producer = subprocess.Popen(
        [str(SCRIPT), "stats", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert producer.stdin is not None and producer.stdout is not None and producer.stderr is not None
    producer.stdin.write("".join(f"{code}\n" for code in range(0, 65536, 3)))
    producer.stdin.close()
    producer.stdout.readline()
    producer.stdout.close()
    assert producer.wait(timeout=60) == 0
    assert "Traceback" not in producer.stderr.read()
    producer.stderr.close()
