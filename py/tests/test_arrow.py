"""wsclose.arrays on Arrow arrays, pandas Series and (for out=) Polars Series (extras: arrow,
pandas, polars); the out= properties use the strategies of test_arrays_properties.py."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_arrays_properties import (
    CODE_DTYPES,
    FACT_NAMES,
    OutSpec,
    answer_values,
    codes_of_a_dtype,
    numpy_outcome,
    out_of_range_codes,
    out_rule,
    out_specs,
    run,
)

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


# --- out= on the Arrow, pandas and Polars routes (issue 18, items 7-9) -------------------------


def test_arrow_out_of_another_dtype_is_refused_like_numpy() -> None:
    """Item 7: a float64 out= was reinterpreted as bytes (out == [7.7e-304])."""
    codes = [1000] * 8
    out = np.zeros(1)
    with pytest.raises(TypeError, match="1-byte items") as from_numpy:
        arrays.category(np.array(codes, np.int32), out=out)
    with pytest.raises(TypeError, match="1-byte items") as from_arrow:
        arrays.category(pa.array(codes, pa.int32()), out=out)
    assert str(from_arrow.value) == str(from_numpy.value)
    assert out.tolist() == [0.0]
    wide = np.zeros(8, np.uint16)
    with pytest.raises(TypeError, match="not format 'H' with 2-byte items"):
        arrays.category(pa.array(codes, pa.int32()), out=wide)
    assert not wide.any()


def test_arrow_slice_into_wrong_size_out_is_refused() -> None:
    """Item 8: a slice of one code filled all five bytes of out=."""
    out = np.zeros(5, np.uint8)
    with pytest.raises(ValueError, match="1 codes but out= has room for 5; the lengths must match"):
        arrays.category(pa.array([0, 4000], pa.int32()).slice(1), out=out)
    assert not out.any()
    # The right size: the slice's own codes, from its offset, with or without nulls.
    fits = np.zeros(1, np.uint8)
    result = arrays.category(pa.array([0, 4000], pa.int32()).slice(1), out=fits)
    assert fits.tolist() == [4] and result.to_pylist() == ["PRIVATE"]
    with_nulls = pa.array([70000, None, 1006, 4000, None, 1000], pa.int32()).slice(1, 4)
    flags = bytearray(4)
    got = arrays.sendable(with_nulls, out=flags)
    assert got.to_pylist() == [None, False, True, None]
    assert list(flags) == [wsclose.info(c).sendable for c in (0, 1006, 4000, 0)]


def test_arrow_chunked_out_and_chunk_errors() -> None:
    chunked = pa.chunked_array([pa.array([1000, 4000], pa.uint16()), pa.array([None, 1006, 3000], pa.uint16())])
    out = np.zeros(5, np.uint8)
    result = arrays.reconnect(chunked, out=out)
    assert result.to_pylist() == [None if c is None else wsclose.info(c).reconnect.name for c in chunked.to_pylist()]
    assert out.tolist() == [int(wsclose.info(c).reconnect) for c in (1000, 4000, 0, 1006, 3000)]
    with pytest.raises(ValueError, match="5 codes but out= has room for 4"):
        arrays.reconnect(chunked, out=np.zeros(4, np.uint8))
    broken = pa.chunked_array([pa.array([1000, 1001], pa.int32()), pa.array([4000, 70000], pa.int32())])
    with pytest.raises(ValueError, match=r"close code 70000 at index 1 is out of range.*chunk that starts at index 2"):
        arrays.category(broken)


def test_pandas_out_takes_any_writable_buffer() -> None:
    """Item 9: bytearray out= failed with AttributeError (with and without nulls)."""
    plain = pd.Series([1000, 4000])
    nullable = pd.Series([1000, None], dtype="Int64")
    for series, codes in ((plain, [1000, 4000]), (nullable, [1000, 0])):
        for name in ("category", "sendable"):
            out = bytearray(2)
            result = arrays.fact(name, series, out=out)
            assert list(out) == [int(getattr(wsclose.info(c), name)) for c in codes]
            want = [getattr(wsclose.info(c), name) for c in codes]
            want = [w.name if name == "category" else w for w in want]
            got = [None if pd.isna(v) else v for v in result.tolist()]
            assert got == [w if not (series is nullable and i == 1) else None for i, w in enumerate(want)]
    with pytest.raises(TypeError, match="read-only"):
        arrays.category(plain, out=bytes(2))
    with pytest.raises(TypeError, match="not list"):
        arrays.category(plain, out=[0, 0])


def test_pandas_uint64_names_the_real_value() -> None:
    """Item 9: a UInt64 of 2**64-1 was reported as close code -1."""
    for dtype in ("UInt64", "uint64[pyarrow]", "uint64"):
        series = pd.Series([1000, 2**64 - 1], dtype=dtype)
        with pytest.raises(ValueError, match=f"close code {2**64 - 1} at index 1 is out of range"):
            ws(series).category()
    with pytest.raises(ValueError, match="close code -1 at index 0 is out of range"):
        ws(pd.Series([-1, None], dtype="Int64")).ok()


def test_other_integer_containers() -> None:
    sparse = pd.Series(pd.arrays.SparseArray([1000, 0, 4000]))
    assert arrays.category(sparse).tolist() == ["STANDARD", "UNUSED", "PRIVATE"]
    for wide in (pl.Int128, pl.UInt128):
        with pytest.raises(TypeError, match=f"dtype {wide}"):
            arrays.category(pl.Series([1000], dtype=wide))
    with pytest.raises(TypeError, match="integer Arrow array, not dictionary"):
        arrays.category(pa.array([1000, 4000]).dictionary_encode())


def test_polars_out_follows_the_same_rule() -> None:
    codes = pl.Series("code", [1000, None, 4000], dtype=pl.Int32)
    out = np.zeros(3, np.int8)
    result = arrays.category(codes, out=out)
    assert result.to_list() == ["STANDARD", None, "PRIVATE"] and out.tolist() == [1, 0, 4]
    with pytest.raises(TypeError, match="1-byte items"):
        arrays.category(codes, out=np.zeros(3))
    with pytest.raises(ValueError, match="2 codes but out= has room for 3"):
        arrays.category(codes.slice(1), out=np.zeros(3, np.uint8))


# Every route's codes, built from a numpy dtype name and codes with None for nulls.
PANDAS_NULLABLE = {name: name.replace("uint", "UInt").replace("int", "Int") for name in CODE_DTYPES}
POLARS_TYPES: dict[str, pl.DataType] = {
    "uint8": pl.UInt8(), "int8": pl.Int8(), "uint16": pl.UInt16(), "int16": pl.Int16(),
    "int32": pl.Int32(), "uint32": pl.UInt32(), "int64": pl.Int64(), "uint64": pl.UInt64(),
}


def _arrow_type(dtype: str) -> pa.DataType:
    return pa.from_numpy_dtype(np.dtype(dtype))


def _padding(dtype: str) -> list[int | None]:
    """Values around a slice, which a route must not read: a null and the dtype's largest
    value (out of range for every dtype wider than 16 bits)."""
    return [None, int(np.iinfo(np.dtype(dtype)).max)]


def _chunks(dtype: str, codes: list[int | None]) -> pa.ChunkedArray:
    cut = len(codes) // 3
    parts = [codes[:cut], codes[cut : 2 * cut], codes[2 * cut :]]
    return pa.chunked_array([pa.array(part, _arrow_type(dtype)) for part in parts], type=_arrow_type(dtype))


ROUTES: dict[str, Callable[[str, list[int | None]], object]] = {
    "arrow": lambda dtype, codes: pa.array(codes, _arrow_type(dtype)),
    "arrow-sliced": lambda dtype, codes: pa.array(_padding(dtype) + codes + _padding(dtype), _arrow_type(dtype)).slice(2, len(codes)),
    "arrow-chunked": _chunks,
    "pandas-nullable": lambda dtype, codes: pd.Series(codes, dtype=PANDAS_NULLABLE[dtype]),
    "pandas-arrow": lambda dtype, codes: pd.Series(codes, dtype=f"{dtype}[pyarrow]"),
    "polars": lambda dtype, codes: pl.Series("code", codes, dtype=POLARS_TYPES[dtype]),
    "polars-sliced": lambda dtype, codes: pl.Series("code", _padding(dtype) + codes, dtype=POLARS_TYPES[dtype]).slice(2),
}


def result_values(result: object) -> list[object]:
    """A route's result as a list: member names or bools, None for a null."""
    if isinstance(result, (pa.Array, pa.ChunkedArray)):
        return list(result.to_pylist())
    if isinstance(result, pd.Series):
        return [None if pd.isna(value) else value for value in result.tolist()]
    assert isinstance(result, pl.Series)
    return list(result.to_list())


# 150 examples per route (the profile's 300 for the single-route properties): 15 parametrized
# cases run these, each over the same small space of out= kinds.
@pytest.mark.parametrize("route", list(ROUTES))
@settings(max_examples=150)
@given(name=st.sampled_from(FACT_NAMES), drawn=codes_of_a_dtype(nulls=True), spec=out_specs())
def test_every_route_gives_the_numpy_answer(
    route: str, name: arrays.FactName, drawn: tuple[str, list[int | None]], spec: OutSpec
) -> None:
    """The same out= gives the same bytes or the same error type as on the numpy path (a null
    slot receives the answer for code 0 there); the result has the answers and the nulls."""
    dtype, codes = drawn
    want = numpy_outcome(name, dtype, codes, spec)
    container = ROUTES[route](dtype, codes)
    got = run(lambda out: arrays.fact(name, container, out=out), spec, len(codes))
    assert got.error is want.error and got.written == want.written, (got, want)
    expected = answer_values(name, codes)
    if got.error is None:
        assert result_values(got.result) == expected
    assert result_values(arrays.fact(name, container)) == expected


@pytest.mark.parametrize("route", ["pandas-numpy", *ROUTES])
@settings(max_examples=150)
@given(name=st.sampled_from(FACT_NAMES), drawn=out_of_range_codes(), spec=out_specs())
def test_every_route_refuses_out_of_range_like_numpy(
    route: str, name: arrays.FactName, drawn: tuple[str, list[int]], spec: OutSpec
) -> None:
    dtype, codes = drawn
    reference = np.array(codes, dtype=dtype)
    with pytest.raises((TypeError, ValueError)) as from_numpy:
        arrays.fact(name, reference, out=spec.build(len(codes)))
    if route == "pandas-numpy":
        container: object = pd.Series(reference)
    else:
        container = ROUTES[route](dtype, list(codes))
    with pytest.raises((TypeError, ValueError)) as from_route:
        arrays.fact(name, container, out=spec.build(len(codes)))
    assert from_route.type is from_numpy.type
    if route == "arrow-chunked" and from_route.type is ValueError and out_rule(spec, len(codes)) is None:
        # the index is counted from its chunk's start, which the message adds
        assert str(from_route.value).split(" at index")[0] == str(from_numpy.value).split(" at index")[0]
    else:
        assert str(from_route.value) == str(from_numpy.value)


@given(name=st.sampled_from(FACT_NAMES), drawn=codes_of_a_dtype(), spec=out_specs())
def test_numpy_backed_pandas_gives_the_numpy_answer(name: arrays.FactName, drawn: tuple[str, list[int]], spec: OutSpec) -> None:
    """A numpy-backed Series (it has no nulls): the numpy answer, byte for byte."""
    dtype, codes = drawn
    want = numpy_outcome(name, dtype, list(codes), spec)
    series = pd.Series(np.array(codes, dtype=dtype), name="code")
    got = run(lambda out: arrays.fact(name, series, out=out), spec, len(codes))
    assert got.error is want.error and got.written == want.written, (got, want)
    if got.error is None:
        assert result_values(got.result) == answer_values(name, codes)
        assert got.result.name == "code"
