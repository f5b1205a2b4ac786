"""Polars: the ``wsclose`` expression and Series namespaces (``pip install wsclose[polars]``).

>>> import polars as pl
>>> import wsclose.polars  # registers the namespaces
>>> df = pl.DataFrame({"code": [1000, 4000, 1006]})
>>> df.select(pl.col("code").wsclose.category(), pl.col("code").wsclose.sendable().alias("sendable")).rows()
[('STANDARD', True), ('PRIVATE', True), ('STANDARD', False)]

Each method is ``map_batches`` over :mod:`wsclose.arrays`: one call into the core per batch,
no per-row Python. Categories and reconnect advice are ``pl.Categorical`` of member names (:data:`CATEGORY_DTYPE`,
:data:`RECONNECT_DTYPE`), predicates ``pl.Boolean``; nulls stay null.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from . import arrays

__all__ = ["CATEGORY_DTYPE", "RECONNECT_DTYPE", "WscloseExpr", "WscloseSeries"]

# Categorical, not Enum: the core's answers arrive as an Arrow dictionary array, which Polars
# takes as a Categorical at 400+ M rows/s; casting that to pl.Enum ran at 42 M rows/s (make
# bench-analytics, Polars 2.1), ten times the cost of everything else. Cast to
# pl.Enum(arrays.CATEGORY_NAMES) yourself if you want the fixed order.
CATEGORY_DTYPE: Final = pl.Categorical()
"""The dtype of ``.wsclose.category()``: Categorical of Category member names."""
RECONNECT_DTYPE: Final = pl.Categorical()
"""The dtype of ``.wsclose.reconnect()``."""

_DTYPES: Final[dict[arrays.FactName, pl.DataType]] = {
    "category": CATEGORY_DTYPE,
    "sendable": pl.Boolean(),
    "local_only": pl.Boolean(),
    "browser_closeable": pl.Boolean(),
    "ok": pl.Boolean(),
    "reconnect": RECONNECT_DTYPE,
}


def _series(name: arrays.FactName, codes: pl.Series) -> pl.Series:
    result: pl.Series = arrays.fact(name, codes)
    return result


@pl.api.register_expr_namespace("wsclose")
class WscloseExpr:
    """``pl.col("code").wsclose.<fact>()``."""

    def __init__(self, expr: pl.Expr) -> None:
        self._expr = expr

    def _fact(self, name: arrays.FactName) -> pl.Expr:
        return self._expr.map_batches(lambda codes: _series(name, codes), return_dtype=_DTYPES[name])

    def category(self) -> pl.Expr:
        """The Category of each code, as ``pl.Categorical`` of member names."""
        return self._fact("category")

    def sendable(self) -> pl.Expr:
        """Whether each code may be sent in a Close frame."""
        return self._fact("sendable")

    def local_only(self) -> pl.Expr:
        """Whether each code only reports a close locally."""
        return self._fact("local_only")

    def browser_closeable(self) -> pl.Expr:
        """Whether a browser's ``WebSocket.close(code)`` accepts each code."""
        return self._fact("browser_closeable")

    def ok(self) -> pl.Expr:
        """Whether each code means a clean close."""
        return self._fact("ok")

    def reconnect(self) -> pl.Expr:
        """The Reconnect advice for each code, as ``pl.Categorical`` of member names."""
        return self._fact("reconnect")


@pl.api.register_series_namespace("wsclose")
class WscloseSeries:
    """``series.wsclose.<fact>()``."""

    def __init__(self, series: pl.Series) -> None:
        self._series = series

    def category(self) -> pl.Series:
        """The Category of each code."""
        return _series("category", self._series)

    def sendable(self) -> pl.Series:
        """Whether each code may be sent."""
        return _series("sendable", self._series)

    def local_only(self) -> pl.Series:
        """Whether each code only reports a close locally."""
        return _series("local_only", self._series)

    def browser_closeable(self) -> pl.Series:
        """Whether a browser's ``close(code)`` accepts each code."""
        return _series("browser_closeable", self._series)

    def ok(self) -> pl.Series:
        """Whether each code means a clean close."""
        return _series("ok", self._series)

    def reconnect(self) -> pl.Series:
        """The Reconnect advice for each code."""
        return _series("reconnect", self._series)
