"""wsclose.arrays on Arrow arrays and pandas Series (extras: arrow, pandas)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import wsclose
import wsclose.pandas
from wsclose import arrays

def ws(series: pd.Series) -> wsclose.pandas.WscloseAccessor:
    """``series.wsclose``, typed (the stubs cannot know a registered accessor)."""
    accessor = getattr(series, "wsclose")
    assert isinstance(accessor, wsclose.pandas.WscloseAccessor)
    return accessor


CODES = [1000, 1006, None, 4000, 3000, 0, 5000, 1015]


def info_or_none(code: int | None, name: str) -> object:
    if code is None:
        return None
    facts = wsclose.info(code)
    value = getattr(facts, name)
    return value.name if name in ("category", "reconnect") else value


@pytest.mark.parametrize("arrow_type", [pa.uint16(), pa.int32(), pa.int64()])
@pytest.mark.parametrize("name", list(arrays.FACTS))
def test_arrow_nulls_give_nulls(arrow_type: pa.DataType, name: arrays.FactName) -> None:
    codes = pa.array(CODES, arrow_type)
    got = arrays.fact(name, codes)
    assert len(got) == len(CODES) and got.null_count == 1
    if name in ("category", "reconnect"):
        assert got.type == pa.dictionary(pa.uint8(), pa.string())
    else:
        assert got.type == pa.bool_()
    assert got.to_pylist() == [info_or_none(code, name) for code in CODES]


def test_arrow_slices_chunked_and_zero_copy_indices() -> None:
    codes = pa.array(list(range(65536)), pa.int64())
    sliced = codes.slice(999, 20)
    assert arrays.category(sliced).to_pylist() == [wsclose.info(c).category.name for c in range(999, 1019)]
    with_nulls = pa.array(CODES, pa.int32()).slice(1, 5)
    assert arrays.sendable(with_nulls).to_pylist() == [info_or_none(c, "sendable") for c in CODES[1:6]]
    chunked = pa.chunked_array([pa.array([1000, 4000], pa.uint16()), pa.array([None, 1006], pa.uint16())])
    result = arrays.category(chunked)
    assert isinstance(result, pa.ChunkedArray) and result.num_chunks == 2
    assert result.to_pylist() == ["STANDARD", "PRIVATE", None, "STANDARD"]
    # out= becomes the data buffer of the result: no copy.
    out = np.empty(65536, dtype=np.uint8)
    result = arrays.category(codes, out=out)
    assert result.indices.buffers()[1].address == out.ctypes.data


def test_arrow_errors() -> None:
    with pytest.raises(ValueError, match="close code 65536 at index 1 is out of range"):
        arrays.category(pa.array([1000, 65536], pa.int64()))
    with pytest.raises(ValueError, match="close code -5 at index 0"):
        arrays.ok(pa.array([-5], pa.int32()))
    with pytest.raises(TypeError, match="integer Arrow array"):
        arrays.category(pa.array(["1000"]))


def test_pandas_series_and_accessor() -> None:
    series = pd.Series([1000, 4000, 1006], index=["a", "b", "c"], name="code")
    category = ws(series).category()
    assert isinstance(category.dtype, pd.CategoricalDtype)
    assert list(category.cat.categories) == list(arrays.CATEGORY_NAMES)
    assert category.tolist() == ["STANDARD", "PRIVATE", "STANDARD"]
    assert category.index.tolist() == ["a", "b", "c"] and category.name == "code"
    assert ws(series).sendable().tolist() == [wsclose.info(c).sendable for c in series]
    assert ws(series).reconnect().tolist() == [wsclose.info(c).reconnect.name for c in series]
    for name in ("local_only", "browser_closeable", "ok"):
        assert getattr(ws(series), name)().tolist() == [getattr(wsclose.info(c), name) for c in series]


def test_pandas_nullable_and_arrow_backed() -> None:
    series = pd.Series([1000, None, 1006], dtype="Int64")
    assert ws(series).category().tolist()[0] == "STANDARD"
    assert pd.isna(ws(series).category()[1])
    flags = ws(series).sendable()
    assert str(flags.dtype) == "boolean" and flags.tolist() == [True, pd.NA, False]
    backed = pd.Series([4000, 1000], dtype="int32[pyarrow]")
    assert ws(backed).category().tolist() == ["PRIVATE", "STANDARD"]
    with pytest.raises(TypeError, match="integer codes"):
        ws(pd.Series([1.5])).category()


def test_pandas_groupby_counts() -> None:
    frame = pd.DataFrame({"code": np.array([1000, 1000, 4000, 1006, 3000], dtype=np.int64)})
    counts = frame.groupby(ws(frame["code"]).category(), observed=True).size()
    assert counts.to_dict() == {"STANDARD": 3, "REGISTERED": 1, "PRIVATE": 1}
