"""DuckDB: SQL functions ``wsclose_category(code)`` and friends (``pip install wsclose[duckdb]``).

>>> import duckdb
>>> import wsclose.duckdb
>>> con = duckdb.connect()
>>> wsclose.duckdb.register(con)
>>> con.sql("SELECT wsclose_category(4000) AS c, wsclose_sendable(1006) AS s").fetchall()
[('private use', False)]

The functions are DuckDB macros generated from the core (``wsclose sql --dialect duckdb`` prints
them; the same file is ``sql/wsclose.duckdb.sql`` in the repository): each is one ``CASE`` over the
code that DuckDB plans and vectorises like a hand-written one, with no Python call per row or per
vector. They answer every code exactly as the core does:

- ``wsclose_category(code)``: the category label (``'standard'``, ``'private use'``, ...);
- ``wsclose_name(code)``: the standard or registered name, or NULL;
- ``wsclose_sendable``, ``wsclose_local_only``, ``wsclose_browser_closeable``, ``wsclose_ok``:
  ``BOOLEAN``;
- ``wsclose_reconnect(code)``: ``'never'``, ``'backoff'`` or ``'app-defined'``;
- ``wsclose_advice(profile, code)``: a profile's advice (``'stop'``, ``'retry'``, ``'resume'``,
  ``'unspecified'``).

A NULL code, a code outside 0..65535 and an unknown profile give NULL, never a wrong label.
"""

from __future__ import annotations

import re
from typing import Final

import duckdb

from . import _sqlfiles

__all__ = ["FUNCTIONS", "register"]

FUNCTIONS: Final[tuple[str, ...]] = (
    "category",
    "name",
    "sendable",
    "local_only",
    "browser_closeable",
    "ok",
    "reconnect",
    "advice",
)
"""The functions registered, each as the SQL macro ``<prefix><name>``."""

_PREFIX = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def register(con: duckdb.DuckDBPyConnection, *, prefix: str = "wsclose_") -> None:
    """Defines ``<prefix><name>(...)`` for every name in :data:`FUNCTIONS` on ``con`` (as macros)."""
    if not isinstance(prefix, str) or not _PREFIX.match(prefix):
        raise ValueError(f"prefix must be a SQL identifier, got {prefix!r}")
    text = _sqlfiles.text("duckdb")
    if prefix != "wsclose_":
        text = text.replace("CREATE OR REPLACE MACRO wsclose_", f"CREATE OR REPLACE MACRO {prefix}")
    con.execute(text)
