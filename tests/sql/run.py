#!/usr/bin/env python3
"""The generated SQL (sql/wsclose.<dialect>.sql) and the SQLite extension in real engines.

Each engine that can run here defines the functions from the generated file (or loads the
extension), answers every function for every code 0..65535 plus -1, 65536 and NULL (and
``wsclose_advice`` for every profile and one unknown name), and writes the answers in the
differential's ``sql`` format; ``xtask differential-lines`` recomputes every line with the core.
The warehouse dialects (BigQuery, Snowflake, Trino), which cannot run here, are parsed by
sqlglot in their own dialect: every statement must parse, define the expected function, and
contain no unparsed fragment.

    python3 tests/sql/run.py --checker CMD --out DIR [--engine NAME]... [--sqlite-ext PATH]

Engines: duckdb, postgres (a server from Debian's postgresql package, started by this script in a
temporary directory on a Unix socket, and stopped), sqlite-shell (the sqlite3 command),
sqlite-python (Python's sqlite3 module in a Python built with loadable extensions, Debian's
python3), chdb (ClickHouse, embedded), spark (Spark SQL on local[2]), sqlglot (parses every
dialect). Exit status 0 when every engine's answers are the core's.
"""

from __future__ import annotations

import argparse
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SQL = ROOT / "sql"
CODE_FUNCTIONS = (
    "wsclose_category",
    "wsclose_name",
    "wsclose_sendable",
    "wsclose_local_only",
    "wsclose_browser_closeable",
    "wsclose_ok",
    "wsclose_reconnect",
)
PROFILES = ("centrifuge", "discord-gateway", "discord-voice", "graphql-transport-ws", "saltyrtc", "twitch-eventsub", "no-such-profile")
LOW, HIGH = -1, 65536  # every code in 0..65535 and one past each end; NULL is added


def norm(value: object) -> str:
    if value is None:
        return "NULL"
    if value is True or value == "t":
        return "true"
    if value is False or value == "f":
        return "false"
    return str(value)


def lines_of(rows: Iterable[tuple[object, ...]], functions: tuple[str, ...], profile: str = "-") -> Iterable[str]:
    """`sql` lines from rows of (code, answer per function)."""
    for row in rows:
        code = "NULL" if row[0] is None else str(row[0])
        for function, answer in zip(functions, row[1:]):
            yield f"sql\t{function}\t{profile}\t{code}\t{norm(answer)}"


def select_code_functions(code: str = "code") -> str:
    return ", ".join(f"{f}({code})" for f in CODE_FUNCTIONS)


def select_advice(code: str = "code") -> str:
    return ", ".join(f"wsclose_advice('{p}', {code})" for p in PROFILES)


def advice_lines(rows: Iterable[tuple[object, ...]]) -> Iterable[str]:
    for row in rows:
        code = "NULL" if row[0] is None else str(row[0])
        for profile, answer in zip(PROFILES, row[1:]):
            yield f"sql\twsclose_advice\t{profile}\t{code}\t{norm(answer)}"


# ---------------------------------------------------------------------------------------------
def run_duckdb() -> list[str]:
    import duckdb

    con = duckdb.connect()
    con.execute((SQL / "wsclose.duckdb.sql").read_text())
    con.execute(f"CREATE TABLE codes AS SELECT range AS code FROM range({LOW}, {HIGH + 1}) UNION ALL SELECT NULL")
    out = list(lines_of(con.execute(f"SELECT code, {select_code_functions()} FROM codes").fetchall(), CODE_FUNCTIONS))
    out += advice_lines(con.execute(f"SELECT code, {select_advice()} FROM codes").fetchall())
    return out


def run_postgres(tmp: Path) -> list[str]:
    bindir = Path("/usr/lib/postgresql")
    versions = sorted((p for p in bindir.glob("*/bin/initdb")), key=lambda p: int(p.parent.parent.name))
    if not versions:
        raise RuntimeError("no PostgreSQL server binaries under /usr/lib/postgresql (apt install postgresql)")
    bin_ = versions[-1].parent
    data, sock = tmp / "pgdata", tmp / "pgsock"
    sock.mkdir()
    # initdb and postgres refuse to run as root: run them as the package's postgres user.
    as_user: list[str] = []
    if os.geteuid() == 0:
        user = "postgres"
        pwd.getpwnam(user)
        shutil.chown(tmp, user)
        shutil.chown(sock, user)
        as_user = ["runuser", "-u", user, "--"]
    subprocess.run([*as_user, str(bin_ / "initdb"), "-D", str(data), "-A", "trust", "-U", "wsclose", "--no-sync"],
                   check=True, stdout=subprocess.DEVNULL)
    log = tmp / "postgres.log"
    subprocess.run([*as_user, str(bin_ / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-o",
                    f"-c listen_addresses='' -c unix_socket_directories={sock} -c fsync=off", "start"],
                   check=True, stdout=subprocess.DEVNULL)
    try:
        psql = ["psql", "-h", str(sock), "-U", "wsclose", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-X", "-q"]
        version = subprocess.run([*psql, "-Atc", "SHOW server_version"], check=True, capture_output=True, text=True).stdout.strip()
        print(f"  postgres: server {version} on {sock}")
        script = (SQL / "wsclose.postgres.sql").read_text()
        subprocess.run(psql, input=script, check=True, text=True, capture_output=True)
        codes = f"(SELECT g AS code FROM generate_series({LOW}, {HIGH}) AS g UNION ALL SELECT NULL) AS codes"

        def query(sql: str) -> list[tuple[str | None, ...]]:
            text = subprocess.run([*psql, "-At", "-F", "\t", "-P", "null=\\N", "-c", sql], check=True,
                                  capture_output=True, text=True).stdout
            return [tuple(None if f == "\\N" else f for f in line.split("\t")) for line in text.splitlines()]

        out = list(lines_of(query(f"SELECT code, {select_code_functions()} FROM {codes}"), CODE_FUNCTIONS))
        out += advice_lines(query(f"SELECT code, {select_advice()} FROM {codes}"))
        # The planner inlines the functions: the plan of a call shows the CASE, not a function call.
        plan = "\n".join(r[0] or "" for r in query("EXPLAIN (VERBOSE) SELECT wsclose_category(g) FROM generate_series(1, 3) g"))
        if "wsclose_category" in plan or "CASE" not in plan:
            raise RuntimeError(f"PostgreSQL did not inline wsclose_category:\n{plan}")
        return out
    finally:
        subprocess.run([*as_user, str(bin_ / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       check=False, stdout=subprocess.DEVNULL)


def sqlite_script(ext: Path) -> str:
    codes = (f"WITH RECURSIVE g(code) AS (SELECT {LOW} UNION ALL SELECT code + 1 FROM g WHERE code < {HIGH}), "
             "codes(code) AS (SELECT code FROM g UNION ALL SELECT NULL)")
    return (f".load {ext.with_suffix('')}\n.mode tabs\n.nullvalue {SHELL_NULL}\n"
            f"{codes} SELECT code, {select_code_functions()} FROM codes;\n"
            f"{codes} SELECT code, {select_advice()} FROM codes;\n")


SHELL_NULL = "<null>"  # what the sqlite3 shell prints for NULL (no name or label looks like it)


def parse_tabs(text: str, width: int) -> tuple[list[tuple[str | None, ...]], list[tuple[str | None, ...]]]:
    rows = [tuple(None if f in ("\\N", SHELL_NULL) else f for f in line.split("\t")) for line in text.splitlines()]
    split = HIGH - LOW + 2
    first, second = rows[:split], rows[split:]
    if len(first) != split or len(second) != split or any(len(r) != width for r in first):
        raise RuntimeError(f"unexpected output: {len(rows)} rows")
    return first, second


FLAG_COLUMNS = {CODE_FUNCTIONS.index(f) for f in ("wsclose_sendable", "wsclose_local_only", "wsclose_browser_closeable", "wsclose_ok")}


def as_bools(rows: Iterable[tuple[str | None, ...]], true: tuple[str, ...] = ("1",)) -> list[tuple[object, ...]]:
    """Rows of text from an engine without a boolean type in its output: the flag columns as bools."""
    return [
        (row[0], *[(None if v is None else v in true) if i in FLAG_COLUMNS else v for i, v in enumerate(row[1:])])
        for row in rows
    ]


def run_sqlite_shell(ext: Path) -> list[str]:
    text = subprocess.run(["sqlite3", ":memory:"], input=sqlite_script(ext), check=True, capture_output=True, text=True).stdout
    first, second = parse_tabs(text, 1 + len(CODE_FUNCTIONS))
    return list(lines_of(as_bools(first), CODE_FUNCTIONS)) + list(advice_lines(second))


SQLITE_PYTHON = r"""
import sqlite3, sys
con = sqlite3.connect(":memory:")
con.enable_load_extension(True)
con.load_extension(sys.argv[1])
con.enable_load_extension(False)
for sql in sys.stdin.read().split(";\n"):
    if sql.strip():
        for row in con.execute(sql):
            print("\t".join("\\N" if v is None else str(v) for v in row))
"""


def run_sqlite_python(ext: Path, python: str) -> list[str]:
    script = sqlite_script(ext).split("\n", 3)[3]  # the two queries, without the shell's dot-commands
    text = subprocess.run([python, "-c", SQLITE_PYTHON, str(ext.with_suffix(""))], input=script, check=True,
                          capture_output=True, text=True).stdout
    first, second = parse_tabs(text, 1 + len(CODE_FUNCTIONS))
    return list(lines_of(as_bools(first), CODE_FUNCTIONS)) + list(advice_lines(second))


def run_chdb() -> list[str]:
    from chdb import session

    s = session.Session()
    for statement in (SQL / "wsclose.clickhouse.sql").read_text().split(";\n"):
        body = "\n".join(l for l in statement.splitlines() if not l.startswith("--")).strip()
        if body:
            s.query(body)
    codes = f"(SELECT toInt64(number) + {LOW} AS code FROM numbers({HIGH - LOW + 1}) UNION ALL SELECT NULL)"

    def query(sql: str) -> list[tuple[str | None, ...]]:
        text = s.query(f"{sql} FORMAT TabSeparated", "TabSeparated").bytes().decode()
        return [tuple(None if f == "\\N" else f for f in line.split("\t")) for line in text.splitlines()]

    first = query(f"SELECT code, {select_code_functions()} FROM {codes}")
    return list(lines_of(as_bools(first, ("true", "1")), CODE_FUNCTIONS)) + list(advice_lines(query(f"SELECT code, {select_advice()} FROM {codes}")))


def run_spark() -> list[str]:
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").appName("wsclose-sql").config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", "2").getOrCreate())
    try:
        for statement in (SQL / "wsclose.spark.sql").read_text().split(";\n"):
            body = "\n".join(l for l in statement.splitlines() if not l.startswith("--")).strip()
            if body:
                spark.sql(body)
        spark.sql(f"SELECT CAST(id AS BIGINT) AS code FROM range({LOW}, {HIGH + 1}) UNION ALL SELECT CAST(NULL AS BIGINT)") \
            .createOrReplaceTempView("codes")
        first = [tuple(r) for r in spark.sql(f"SELECT code, {select_code_functions()} FROM codes").collect()]
        second = [tuple(r) for r in spark.sql(f"SELECT code, {select_advice()} FROM codes").collect()]
        return list(lines_of(first, CODE_FUNCTIONS)) + list(advice_lines(second))
    finally:
        spark.stop()


def run_sqlglot() -> list[str]:
    import sqlglot
    from sqlglot import exp

    problems: list[str] = []
    # Every dialect but PostgreSQL, whose real server runs the file here (sqlglot does not know
    # PARALLEL SAFE); the warehouses' files are checked by this alone.
    for dialect in ("duckdb", "clickhouse", "spark", "bigquery", "snowflake", "trino"):
        path = SQL / f"wsclose.{dialect}.sql"
        statements = [s for s in sqlglot.parse(path.read_text(), read=dialect, error_level=sqlglot.ErrorLevel.RAISE) if s]
        defined = set()
        for statement in statements:
            if isinstance(statement, exp.Command):
                problems.append(f"{path.name}: sqlglot could not parse a statement: {statement.sql()[:80]}")
                continue
            name = statement.this.this.name if isinstance(statement.this, exp.UserDefinedFunction) else statement.this.name
            defined.add(name)
        expected = set(CODE_FUNCTIONS) | {"wsclose_advice"}
        if defined != expected:
            problems.append(f"{path.name}: defines {sorted(defined)}, expected {sorted(expected)}")
        print(f"  sqlglot {sqlglot.__version__}: {path.name}: {len(statements)} statements parsed as {dialect}")
    if problems:
        raise RuntimeError("\n".join(problems))
    return []


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engine", action="append")
    ap.add_argument("--checker", required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--sqlite-ext", type=Path, default=ROOT / "build" / "sqlite" / "wsclose.so")
    ap.add_argument("--sqlite-python", default="/usr/bin/python3")
    args = ap.parse_args()
    engines = args.engine or ["sqlglot", "duckdb", "postgres", "sqlite-shell", "sqlite-python", "chdb", "spark"]
    args.out.mkdir(parents=True, exist_ok=True)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="wsclose-sql-") as tmp_name:
        tmp = Path(tmp_name)
        runners: dict[str, Callable[[], list[str]]] = {
            "duckdb": run_duckdb,
            "postgres": lambda: run_postgres(tmp),
            "sqlite-shell": lambda: run_sqlite_shell(args.sqlite_ext.resolve()),
            "sqlite-python": lambda: run_sqlite_python(args.sqlite_ext.resolve(), args.sqlite_python),
            "chdb": run_chdb,
            "spark": run_spark,
            "sqlglot": run_sqlglot,
        }
        for engine in engines:
            t0 = time.monotonic()
            try:
                lines = runners[engine]()
            except Exception as error:  # noqa: BLE001 - report and go on with the other engines
                print(f"FAIL {engine}: {type(error).__name__}: {error}", file=sys.stderr)
                failures += 1
                continue
            took = time.monotonic() - t0
            if engine == "sqlglot":
                print(f"[time] sql {engine}: {took:.1f} s")
                continue
            expected = (HIGH - LOW + 2) * (len(CODE_FUNCTIONS) + len(PROFILES))
            if len(lines) != expected:
                print(f"FAIL {engine}: {len(lines)} answers, expected {expected}", file=sys.stderr)
                failures += 1
                continue
            path = args.out / f"sql-{engine}.txt"
            path.write_text("\n".join(lines) + "\n")
            checked = subprocess.run([*args.checker.split(), str(path)], capture_output=True, text=True)
            if checked.returncode != 0:
                print(f"FAIL {engine}: answers differ from the core's:\n{checked.stderr[:4000]}", file=sys.stderr)
                failures += 1
            else:
                print(f"  {checked.stdout.strip()}")
            print(f"[time] sql {engine}: {took:.1f} s")
    if failures:
        print(f"sql tests: {failures} engines failed", file=sys.stderr)
        return 1
    print(f"sql tests: {', '.join(engines)}: every answer is the core's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
