"""SQL functions in DuckDB (extra: duckdb): the generated macros, every code and every function."""

from __future__ import annotations

import duckdb
import pytest

import wsclose
import wsclose.duckdb
from wsclose import Profile


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    wsclose.duckdb.register(connection)
    return connection


def test_every_code_every_function(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.sql(
        "SELECT code, wsclose_category(code), wsclose_name(code), wsclose_sendable(code), wsclose_local_only(code), "
        "wsclose_browser_closeable(code), wsclose_ok(code), wsclose_reconnect(code) FROM range(65536) t(code) ORDER BY code"
    ).fetchall()
    assert len(rows) == 65536
    for row in rows:
        facts = wsclose.info(row[0])
        want = (
            row[0],
            facts.category.label,
            facts.name,
            facts.sendable,
            facts.local_only,
            facts.browser_closeable,
            facts.ok,
            facts.reconnect.label,
        )
        assert row == want


def test_advice_for_every_profile(con: duckdb.DuckDBPyConnection) -> None:
    for profile in Profile.ALL:
        rows = con.execute(
            "SELECT code, wsclose_advice(?, code) FROM range(65536) t(code) ORDER BY code", [profile.name]
        ).fetchall()
        assert [advice for _, advice in rows] == [profile.advice(code).label for code, _ in rows]
    assert con.sql("SELECT wsclose_advice('no-such-profile', 4000), wsclose_advice(NULL, 4000)").fetchall() == [
        (None, None)
    ]


def test_null_and_out_of_range_give_null(con: duckdb.DuckDBPyConnection) -> None:
    assert con.sql("SELECT wsclose_category(NULL::INTEGER), wsclose_ok(NULL::SMALLINT)").fetchall() == [(None, None)]
    for code in (-1, 65536, 70000, -(2**40)):
        assert con.execute(
            "SELECT wsclose_category(?), wsclose_name(?), wsclose_sendable(?), wsclose_reconnect(?), "
            "wsclose_advice('discord-gateway', ?)",
            [code] * 5,
        ).fetchall() == [(None, None, None, None, None)]
    con.sql("CREATE TABLE events AS SELECT * FROM (VALUES (1000::USMALLINT), (4000), (NULL), (1006)) t(code)")
    rows = con.sql("SELECT wsclose_category(code) AS c, count(*) FROM events GROUP BY c ORDER BY c NULLS LAST").fetchall()
    assert rows == [("private use", 1), ("standard", 2), (None, 1)]


def test_the_macros_are_planned_as_sql_not_python(con: duckdb.DuckDBPyConnection) -> None:
    plan = con.sql("EXPLAIN SELECT wsclose_category(code) FROM range(10) t(code)").fetchall()
    text = "\n".join(str(part) for row in plan for part in row)
    assert "CASE" in text and "PYTHON" not in text.upper()


def test_prefix(con: duckdb.DuckDBPyConnection) -> None:
    wsclose.duckdb.register(con, prefix="ws_")
    assert con.sql("SELECT ws_category(1000), ws_advice('discord-gateway', 4004)").fetchall() == [("standard", "stop")]
    with pytest.raises(ValueError, match="prefix must be a SQL identifier"):
        wsclose.duckdb.register(con, prefix="x; DROP TABLE t; --")
