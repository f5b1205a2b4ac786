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
        "wsclose: <stdin>:5: skipped: 'not-a-code' is not a close code (decimal digits, 0 to 65535)",
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


def test_stats_output_into_a_closed_pipe_is_an_output_error() -> None:
    # The table of 21,846 codes is far larger than a pipe's buffer, so the write must fail once
    # the reader has gone: exit status 4 (output error, docs/analytics.md) with one line, no traceback.
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
    assert producer.wait(timeout=60) == 4
    assert producer.stderr.read() == "wsclose: cannot write the output: Broken pipe\n"
    producer.stderr.close()


# --- profiles and explain ----------------------------------------------------------------------


def test_code_with_a_profile() -> None:
    profile = wsclose.Profile.ALL[1]
    row = profile.codes[0]
    result = run(str(row.code), "--profile", profile.name)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == run(str(row.code)).stdout.splitlines()[0]  # the standard facts come first
    assert f"  profile          {profile.title} ({profile.name})" in lines
    assert f"  profile name     {row.name} ({row.const_name})" in lines
    assert f"  profile meaning  {row.description}" in lines
    assert f"  profile advice   {row.advice.label}" in lines


def test_code_with_a_profile_as_json_and_short() -> None:
    profile = wsclose.Profile.ALL[0]
    row = profile.codes[-1]
    rule = profile.range_of(row.code)
    report = json.loads(run("--json", "--profile", profile.name, str(row.code)).stdout)
    assert report["code"] == row.code
    assert report["profile"] == {
        "profile": profile.name,
        "name": row.name,
        "const_name": row.const_name,
        "description": row.description,
        "range": None if rule is None else {"first": rule.first, "last": rule.last, "description": rule.description},
        "advice": row.advice.name,
    }
    short = run("--short", "--profile", profile.name, str(row.code)).stdout
    assert short.rstrip("\n").endswith(f"{profile.name}={row.const_name} {profile.name}_advice={row.advice.label}")


def test_unknown_profile_exits_2_naming_the_profiles() -> None:
    result = run("--profile", "nope", "4000")
    assert result.returncode == 2 and result.stdout == ""
    names = ", ".join(profile.name for profile in wsclose.Profile.ALL)
    assert result.stderr.splitlines() == [f"wsclose: no profile 'nope' (profiles: {names})"]


def test_profiles_lists_every_profile() -> None:
    result = run("profiles")
    assert result.returncode == 0, result.stderr
    for profile in wsclose.Profile.ALL:
        assert f"{profile.name} ({profile.title})" in result.stdout.splitlines()
        assert f"  subprotocols  {', '.join(profile.subprotocols) or 'none'}" in result.stdout.splitlines()
        assert f"  source        {profile.source}" in result.stdout.splitlines()
    listed = [json.loads(line) for line in run("--json", "profiles").stdout.splitlines()]
    assert [entry["name"] for entry in listed] == [profile.name for profile in wsclose.Profile.ALL]
    assert listed[0]["subprotocols"] == list(wsclose.Profile.ALL[0].subprotocols)


def test_profiles_name_lists_its_codes_and_ranges() -> None:
    for profile in wsclose.Profile.ALL:
        lines = run("profiles", profile.name).stdout.splitlines()
        assert lines[0] == f"{profile.name} ({profile.title})"
        for row in profile.codes:
            assert f"{row.code:>5}  {row.advice.label:<11}  {row.name} ({row.const_name}): {row.description}" in lines
        for rule in profile.ranges:
            assert f"{f'{rule.first}-{rule.last}':>9}  {rule.advice.label:<11}  {rule.description}" in lines
        detail = json.loads(run("--json", "profiles", profile.name).stdout)
        assert [entry["code"] for entry in detail["codes"]] == [row.code for row in profile.codes]
        assert [entry["advice"] for entry in detail["ranges"]] == [rule.advice.name for rule in profile.ranges]
    assert run("profiles", "nope").returncode == 2
    assert run("profiles", "a", "b").returncode == 2


def test_explain_lists_causes_with_what_to_check() -> None:
    result = run("explain", "1006", "--unclean")
    assert result.returncode == 0, result.stderr
    explanation = wsclose.explain(1006, False)
    assert result.stdout == f"{explanation}see {EXPLAINER}#code=1006&clean=0\n"
    for cause in explanation.causes:
        assert cause.check in result.stdout
    clean = json.loads(run("--json", "explain", "--clean", "1006").stdout)
    assert clean == {
        "code": 1006,
        "was_clean": True,
        "causes": [
            {"cause": cause.name, "summary": cause.summary, "check": cause.check}
            for cause in wsclose.explain(1006, True).causes
        ],
    }
    short = run("--short", "explain", "1005", "4000").stdout.splitlines()
    assert short == [
        f"{code} {','.join(cause.name for cause in wsclose.explain(code).causes)}" for code in (1005, 4000)
    ]


@pytest.mark.parametrize(
    "args",
    [["explain"], ["explain", "70000"], ["--clean", "1000"], ["--unclean", "profiles"], ["--profile", "x", "explain", "1"]],
)
def test_explain_and_profile_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2 and result.stdout == ""


EXPLAINER = "https://wsclose.github.io/wsclose/explainer.html"


def test_explain_and_codes_print_the_explainer_deep_link() -> None:
    # The fragment is the one the explainer page reads (tests/site loads these same views).
    assert run("explain", "1006").stdout.endswith(f"see {EXPLAINER}#code=1006\n")
    assert run("explain", "--clean", "1000").stdout.endswith(f"see {EXPLAINER}#code=1000&clean=1\n")
    lines = run("4004", "--profile", "discord-gateway").stdout.splitlines()
    assert lines[-1].split() == ["explainer", f"{EXPLAINER}#code=4004&profile=discord-gateway"]
    assert run("1011").stdout.splitlines()[-1].split() == ["explainer", f"{EXPLAINER}#code=1011"]
    # One link per code, each naming its own code.
    both = run("explain", "1001", "4000").stdout
    assert [line for line in both.splitlines() if line.startswith("see ")] == [
        f"see {EXPLAINER}#code=1001",
        f"see {EXPLAINER}#code=4000",
    ]


def test_the_explainer_link_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from wsclose.cli import explainer_link

    monkeypatch.setenv("WSCLOSE_EXPLAINER_URL", "file:///tmp/site/explainer.html")
    assert explainer_link(1006, False) == "file:///tmp/site/explainer.html#code=1006&clean=0"
    monkeypatch.delenv("WSCLOSE_EXPLAINER_URL")
    assert explainer_link(4004, True, wsclose.Profile.by_name("discord-gateway")) == (
        f"{EXPLAINER}#code=4004&profile=discord-gateway&clean=1"
    )


def test_advise_lists_the_ranges_of_an_intent() -> None:
    result = run("advise", "--profile", "centrifuge", "--intent", "stop")
    assert result.returncode == 0, result.stderr
    profile = wsclose.Profile.by_name("centrifuge")
    assert profile is not None
    ranges = profile.codes_for(wsclose.Intent.STOP)
    assert ranges, "centrifuge has codes that stop its clients"
    for rule in ranges:
        span = str(rule.first) if rule.first == rule.last else f"{rule.first}-{rule.last}"
        assert f"{span:>9}  {rule.advice.label}" in result.stdout.splitlines()
    as_json = run("--json", "advise", "--profile", "centrifuge", "--intent", "retry")
    assert as_json.returncode == 0, as_json.stderr
    document = json.loads(as_json.stdout)
    assert document["intent"] == "RETRY"
    assert [(r["first"], r["last"]) for r in document["ranges"]] == [
        (r.first, r.last) for r in profile.codes_for(wsclose.Intent.RETRY)
    ]


def test_advise_with_a_code_that_does_not_do_what_was_intended() -> None:
    result = run("advise", "--profile", "centrifuge", "--intent", "stop", "4401")
    assert result.returncode == 1, result.stderr
    assert "reconnect after 4401" in result.stdout
    assert "3999 (below), 4500 (above)" in result.stdout
    ok = run("advise", "--profile", "centrifuge", "--intent", "stop", "4501")
    assert ok.returncode == 0, ok.stderr
    assert "as intended" in ok.stdout
    unsendable = run("--json", "advise", "--profile", "centrifuge", "--intent", "stop", "1006")
    assert unsendable.returncode == 1
    assert json.loads(unsendable.stdout)["sendable"] is False


def test_advise_usage_errors() -> None:
    assert run("advise", "--profile", "nope", "--intent", "stop").returncode == 2
    assert run("advise", "--profile", "centrifuge").returncode == 2
    assert run("advise", "--profile", "centrifuge", "--intent", "later").returncode == 2
    assert run("advise", "--profile", "centrifuge", "--intent", "stop", "70000").returncode == 2
    assert run("--intent", "stop", "1000").returncode == 2


def test_sql_prints_the_generated_file_of_each_dialect() -> None:
    # The files are the ones xtask generates from the core (drift-checked against sql/ in the
    # repository); here, what the installed package prints for each dialect.
    functions = (
        "wsclose_category", "wsclose_name", "wsclose_sendable", "wsclose_local_only",
        "wsclose_browser_closeable", "wsclose_ok", "wsclose_reconnect", "wsclose_advice",
    )
    for dialect in ("bigquery", "clickhouse", "duckdb", "postgres", "snowflake", "spark", "trino"):
        result = run("sql", "--dialect", dialect)
        assert result.returncode == 0, result.stderr
        assert f"`wsclose sql --dialect {dialect}` prints this file" in result.stdout
        created = [line for line in result.stdout.splitlines() if line.startswith("CREATE ")]
        assert len(created) == len(functions), created
        for function, line in zip(functions, created):
            assert f" {function}" in line, (dialect, function, line)
    refused = run("sql", "--dialect", "oracle")
    assert refused.returncode == 2 and "invalid choice: 'oracle'" in refused.stderr
    assert run("sql").returncode == 2
