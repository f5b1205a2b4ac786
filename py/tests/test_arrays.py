"""wsclose.arrays on numpy arrays, plain buffers and lists: every code agrees with info()."""

from __future__ import annotations

import array
import subprocess
import sys
from typing import Any

import numpy as np
import pytest

import wsclose
from wsclose import Category, Reconnect, arrays

ALL = np.arange(65536, dtype=np.uint16)
PREDICATES = ("sendable", "local_only", "browser_closeable", "ok")


def expected(name: str) -> np.ndarray[Any, Any]:
    """The scalar API's answer for every code (the reference the bulk answers must match)."""
    infos = [wsclose.info(code) for code in range(65536)]
    if name == "category":
        return np.array([int(i.category) for i in infos], dtype=np.uint8)
    if name == "reconnect":
        return np.array([int(i.reconnect) for i in infos], dtype=np.uint8)
    return np.array([getattr(i, name) for i in infos], dtype=np.bool_)


@pytest.fixture(scope="module")
def truth() -> dict[str, np.ndarray[Any, Any]]:
    return {name: expected(name) for name in arrays.FACTS}


def test_facts_are_the_cores() -> None:
    assert list(arrays.FACTS) == ["category", "sendable", "local_only", "browser_closeable", "ok", "reconnect"]
    assert arrays.CATEGORY_NAMES == tuple(member.name for member in sorted(Category))
    assert arrays.RECONNECT_NAMES == tuple(member.name for member in sorted(Reconnect))


@pytest.mark.parametrize("name", list(arrays.FACTS))
def test_every_code_agrees_with_info(name: arrays.FactName, truth: dict[str, np.ndarray[Any, Any]]) -> None:
    got = arrays.fact(name, ALL)
    assert got.dtype == truth[name].dtype and got.shape == (65536,)
    np.testing.assert_array_equal(got, truth[name])
    assert getattr(arrays, name)(ALL).tolist() == got.tolist()


@pytest.mark.parametrize("dtype", ["uint16", "int32", "int64", "uint32", "uint64", "int16", ">u2", "<i8", ">i4"])
def test_any_integer_dtype(dtype: str, truth: dict[str, np.ndarray[Any, Any]]) -> None:
    wide = np.arange(0, 65536, 7)
    wide = wide[wide <= np.iinfo(np.dtype(dtype)).max]
    values = wide.astype(dtype)
    np.testing.assert_array_equal(arrays.category(values), truth["category"][wide])
    np.testing.assert_array_equal(arrays.ok(values), truth["ok"][wide])


def test_small_dtypes_and_2d_and_strided(truth: dict[str, np.ndarray[Any, Any]]) -> None:
    small = np.arange(256, dtype=np.uint8)
    np.testing.assert_array_equal(arrays.category(small), truth["category"][:256])
    grid = ALL.reshape(256, 256)
    assert arrays.category(grid).shape == (256, 256)
    np.testing.assert_array_equal(arrays.category(grid).ravel(), truth["category"])
    np.testing.assert_array_equal(arrays.sendable(ALL[::3]), truth["sendable"][::3])


@pytest.mark.parametrize("bad", [[1000, 65536, 1], [1000, -1], [70000]])
def test_out_of_range_raises_with_index(bad: list[int]) -> None:
    index = next(i for i, code in enumerate(bad) if not 0 <= code <= 65535)
    with pytest.raises(ValueError, match=rf"close code {bad[index]} at index {index} is out of range"):
        arrays.category(np.array(bad, dtype=np.int64))


def test_non_integer_arrays_are_type_errors() -> None:
    with pytest.raises(TypeError, match="integer codes"):
        arrays.category(np.array([1000.0]))
    with pytest.raises(TypeError, match="not str"):
        arrays.category("1000")
    with pytest.raises(ValueError, match="no fact"):
        arrays.fact("colour", ALL)  # type: ignore[call-overload]


def test_out_is_filled_and_returned(truth: dict[str, np.ndarray[Any, Any]]) -> None:
    out = np.full(65536, 99, dtype=np.uint8)
    assert arrays.reconnect(ALL, out=out) is out
    np.testing.assert_array_equal(out, truth["reconnect"])
    flags = np.zeros(65536, dtype=np.bool_)
    assert arrays.browser_closeable(ALL, out=flags) is flags
    np.testing.assert_array_equal(flags, truth["browser_closeable"])
    with pytest.raises(ValueError, match="65536 codes but out= has room for 3"):
        arrays.category(ALL, out=np.zeros(3, dtype=np.uint8))
    with pytest.raises(TypeError, match="1-byte items"):
        arrays.category(ALL, out=np.zeros(65536, dtype=np.uint16))
    with pytest.raises(ValueError, match="contiguous"):
        arrays.category(ALL, out=np.zeros(2 * 65536, dtype=np.uint8)[::2])
    readonly = np.zeros(65536, dtype=np.uint8)
    readonly.flags.writeable = False
    with pytest.raises(TypeError, match="writable"):
        arrays.category(ALL, out=readonly)


def test_buffers_and_lists(truth: dict[str, np.ndarray[Any, Any]]) -> None:
    codes = array.array("H", range(65536))
    view = arrays.category(codes)
    assert isinstance(view, memoryview) and view.format == "B"
    assert bytes(view) == truth["category"].tobytes()
    flags = arrays.sendable(array.array("i", [1000, 1006, 3000]))
    assert isinstance(flags, memoryview) and flags.tolist() == [True, False, True]
    assert arrays.category([1000, 4000]).tolist() == [Category.STANDARD, Category.PRIVATE]
    out = bytearray(2)
    assert arrays.ok([1000, 1006], out=out) is out and list(out) == [int(wsclose.info(1000).ok), int(wsclose.info(1006).ok)]
    with pytest.raises(ValueError, match="0 to 65535"):
        arrays.category([1 << 70])


def test_zero_d_arrays_and_numpy_scalars_stay_0d() -> None:
    """Issue 18, item 9: a 0-d array gave shape (1,). numpy's own functions keep 0-d."""
    for codes in (np.array(4000), np.array(4000, dtype=np.uint16), np.uint16(4000), np.int64(4000)):
        got = arrays.category(codes)
        assert isinstance(got, np.ndarray) and got.shape == () and got.dtype == np.uint8
        assert int(got) == Category.PRIVATE
        flag = arrays.sendable(codes)
        assert flag.shape == () and flag.dtype == np.bool_ and bool(flag) is wsclose.info(4000).sendable
    out = np.zeros((), dtype=np.uint8)
    assert arrays.category(np.array(1000), out=out) is out and int(out) == Category.STANDARD
    with pytest.raises(ValueError, match="1 codes but out= has room for 2"):
        arrays.category(np.array(1000), out=np.zeros(2, dtype=np.uint8))
    with pytest.raises(ValueError, match="close code 70000 at index 0"):
        arrays.category(np.array(70000))


def test_out_formats_and_empty_shapes() -> None:
    codes = np.array([1000, 4000], dtype=np.uint16)
    for dtype in ("S1", "V1", "float64", ">u2"):
        with pytest.raises(TypeError, match="1-byte items"):
            arrays.category(codes, out=np.zeros(2, dtype=dtype))
    with pytest.raises(TypeError, match="not list"):
        arrays.category(codes, out=[0, 0])
    grid = np.zeros((1, 2), dtype=np.int8)
    assert arrays.category(codes, out=grid) is grid and grid.tolist() == [[1, 4]]
    assert arrays.category(np.zeros(0, np.uint16), out=np.zeros((3, 0), np.uint8)).shape == (3, 0)


def test_masked_arrays_are_refused() -> None:
    """Their buffer holds the masked slots' stale values, which would be answered."""
    with pytest.raises(TypeError, match="masked array"):
        arrays.category(np.ma.masked_array([1000, 70000], mask=[False, True]))


def test_lists_name_the_code_that_does_not_fit() -> None:
    with pytest.raises(ValueError, match=f"close code {1 << 70} at index 1 is out of range"):
        arrays.category([1000, 1 << 70])
    with pytest.raises(ValueError, match=f"close code {2**64 - 1} at index 0 is out of range"):
        arrays.category([2**64 - 1])
    with pytest.raises(TypeError, match="1-byte items"):
        arrays.category([1 << 70], out=np.zeros(1))  # out= is judged first, as on every route
    with pytest.raises(TypeError, match="not int"):
        arrays.category(1000)
    assert arrays.category(iter([1000, 4000])).tolist() == [Category.STANDARD, Category.PRIVATE]


def test_importing_wsclose_imports_no_array_library() -> None:
    script = (
        "import sys, wsclose, wsclose.arrays, wsclose.stats, wsclose.cli\n"
        "heavy = sorted(m for m in ('numpy', 'pyarrow', 'pandas', 'polars', 'duckdb', 'dask', 'matplotlib') if m in sys.modules)\n"
        "print(heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"
