"""SQL functions in DuckDB (extra: duckdb)."""

from __future__ import annotations

import duckdb
import pytest

import wsclose
import wsclose.duckdb
from wsclose import arrays


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    wsclose.duckdb.register(connection)
    return connection


def test_every_code_every_fact(con: duckdb.DuckDBPyConnection) -> None:
    columns = ", ".join(f"wsclose_{name}(code)" for name in arrays.FACTS)
    rows = con.sql(f"SELECT code, {columns} FROM range(65536) t(code) ORDER BY code").fetchall()
    assert len(rows) == 65536
    for row in rows[::97] + rows[990:1020] + rows[2990:3010]:
        facts = wsclose.info(row[0])
        want = []
        for name in arrays.FACTS:
            value = getattr(facts, name)
            want.append(value.name if name in ("category", "reconnect") else value)
        assert list(row[1:]) == want


def test_nulls_types_and_errors(con: duckdb.DuckDBPyConnection) -> None:
    assert con.sql("SELECT wsclose_category(NULL::INTEGER), wsclose_ok(NULL::SMALLINT)").fetchall() == [(None, None)]
    con.sql("CREATE TABLE events AS SELECT * FROM (VALUES (1000::USMALLINT), (4000), (NULL), (1006)) t(code)")
    rows = con.sql("SELECT wsclose_category(code) AS c, count(*) FROM events GROUP BY c ORDER BY c NULLS LAST").fetchall()
    assert rows == [("PRIVATE", 1), ("STANDARD", 2), (None, 1)]
    with pytest.raises(duckdb.Error, match="close code 70000 at index 0 is out of range"):
        con.sql("SELECT wsclose_category(70000)").fetchall()
