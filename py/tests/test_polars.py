"""The Polars namespaces (extra: polars)."""

from __future__ import annotations

import polars as pl
import pytest

import wsclose
import wsclose.polars
from wsclose import arrays


def ws(expr: pl.Expr) -> wsclose.polars.WscloseExpr:
    """``expr.wsclose``, typed (the stubs cannot know a registered namespace)."""
    namespace = getattr(expr, "wsclose")
    assert isinstance(namespace, wsclose.polars.WscloseExpr)
    return namespace


def wss(series: pl.Series) -> wsclose.polars.WscloseSeries:
    namespace = getattr(series, "wsclose")
    assert isinstance(namespace, wsclose.polars.WscloseSeries)
    return namespace


def test_expression_namespace_every_fact() -> None:
    codes = [1000, 1006, None, 4000, 3003, 0, 5000, 65535]
    frame = pl.DataFrame({"code": codes}, schema={"code": pl.Int64})
    result = frame.select(**{name: getattr(ws(pl.col("code")), name)() for name in arrays.FACTS})
    assert result.schema["category"] == wsclose.polars.CATEGORY_DTYPE
    assert result.schema["reconnect"] == wsclose.polars.RECONNECT_DTYPE
    assert result.schema["sendable"] == pl.Boolean
    for name in arrays.FACTS:
        want: list[object] = []
        for code in codes:
            if code is None:
                want.append(None)
                continue
            value = getattr(wsclose.info(code), name)
            want.append(value.name if name in ("category", "reconnect") else value)
        assert result[name].to_list() == want, name


def test_group_by_category_lazy_and_series() -> None:
    frame = pl.LazyFrame({"code": pl.Series([1000, 1000, 4000, 1006, 3000], dtype=pl.UInt16)})
    counts = frame.group_by(ws(pl.col("code")).category().alias("category")).len().sort("category").collect()
    assert dict(zip(counts["category"].cast(pl.String), counts["len"])) == {"STANDARD": 3, "REGISTERED": 1, "PRIVATE": 1}
    series = pl.Series("code", [1000, 1006], dtype=pl.Int32)
    assert wss(series).sendable().to_list() == [True, False]
    assert wss(series).reconnect().to_list() == [wsclose.info(1000).reconnect.name, wsclose.info(1006).reconnect.name]


def test_out_of_range_is_an_error() -> None:
    frame = pl.DataFrame({"code": [1000, 70000]})
    with pytest.raises(Exception, match="close code 70000 at index 1 is out of range"):
        frame.select(ws(pl.col("code")).category())
