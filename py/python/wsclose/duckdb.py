"""DuckDB: SQL functions ``wsclose_category(code)`` and friends (``pip install wsclose[duckdb]``).

>>> import duckdb
>>> import wsclose.duckdb
>>> con = duckdb.connect()
>>> wsclose.duckdb.register(con)
>>> con.sql("SELECT wsclose_category(4000) AS c, wsclose_sendable(1006) AS s").fetchall()
[('PRIVATE', False)]

The functions are vectorised Python UDFs of type ``'arrow'``: DuckDB hands a whole vector of
codes to :mod:`wsclose.arrays` as an Arrow array, and the core answers it in one call.
``wsclose_category`` and ``wsclose_reconnect`` return the member name as ``VARCHAR``
(e.g. ``'PRIVATE'``, ``'BACKOFF'``); the predicates return ``BOOLEAN``. A NULL code gives
NULL; a code outside 0..65535 is an error, like in :mod:`wsclose.arrays`.
"""

from __future__ import annotations

from typing import Any, Final

import duckdb
import pyarrow as pa
from duckdb.func import PythonUDFType

from . import arrays

__all__ = ["FUNCTIONS", "register"]

FUNCTIONS: Final[tuple[arrays.FactName, ...]] = (
    "category",
    "sendable",
    "local_only",
    "browser_closeable",
    "ok",
    "reconnect",
)
"""The facts registered, each as the SQL function ``wsclose_<fact>``."""


def _udf(name: arrays.FactName) -> Any:
    def udf(codes: Any) -> Any:
        answers = arrays.fact(name, codes)
        if isinstance(answers, pa.ChunkedArray):
            answers = answers.combine_chunks()
        if name in ("category", "reconnect"):
            return answers.dictionary_decode()
        return answers

    return udf


def register(con: duckdb.DuckDBPyConnection, *, prefix: str = "wsclose_") -> None:
    """Adds ``<prefix><fact>(code)`` for every fact in :data:`FUNCTIONS` to ``con``."""
    for name in FUNCTIONS:
        returns = "VARCHAR" if name in ("category", "reconnect") else "BOOLEAN"
        con.create_function(
            prefix + name,
            _udf(name),
            ["BIGINT"],
            returns,
            type=PythonUDFType.ARROW,
            side_effects=False,
        )
