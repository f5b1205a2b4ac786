"""Property tests for ``wsclose.arrays`` with ``out=``: numpy arrays (any shape, 0-d), numpy
scalars, ``array.array``, lists.

The rule for ``out=`` is written once below (:func:`out_rule`) from the module's documentation;
the numpy path must follow it, and every other route must give what the numpy path gives: the
same bytes in ``out``, or the same error type (and an ``out`` that is refused is not written).
The Arrow, pandas and Polars routes are held to the same numpy answers in ``test_arrow.py``
(they need the analytics extras), with the strategies and helpers of this file.
"""

from __future__ import annotations

import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wsclose
from wsclose import arrays

FACT_NAMES: tuple[arrays.FactName, ...] = ("category", "sendable", "local_only", "browser_closeable", "ok", "reconnect")
CODE_DTYPES = ("uint8", "int8", "uint16", "int16", "int32", "uint32", "int64", "uint64")
# numpy dtypes for out=: the three one-byte ones the rule accepts (twice, so that most examples
# reach the size and layout checks), then wider and non-integer one-byte ones it refuses.
OUT_DTYPES = ("uint8", "int8", "bool", "uint8", "int8", "bool", "uint16", ">u2", "float64", "S1", "V1")
# array.array typecodes for out=, by the same plan.
OUT_TYPECODES = ("B", "b", "B", "H", "d")
SENTINEL = 7


def answer_bytes(name: str, codes: list[int]) -> bytes:
    """What the core answers for ``codes``, one byte each, through the scalar API."""
    facts = [wsclose.info(code) for code in codes]
    return bytes(int(getattr(fact, name)) for fact in facts)


def answer_values(name: str, codes: Sequence[int | None]) -> list[object]:
    """The answers as library results show them: member names or bools, ``None`` for a null."""
    values: list[object] = []
    for code in codes:
        if code is None:
            values.append(None)
            continue
        value = getattr(wsclose.info(code), name)
        values.append(value.name if name in ("category", "reconnect") else value)
    return values


@dataclass(frozen=True)
class OutSpec:
    """How to build an ``out=`` for ``count`` codes."""

    kind: str  # "numpy", "bytearray", "memoryview", "bytes", "array" or "list" (not a buffer)
    dtype: str  # numpy dtype (kind "numpy") or array typecode (kind "array")
    delta: int  # its size minus the number of codes
    shape: str  # numpy: "flat", "row" (1, n), "column" (n, 1) or "0d" (when its size is 1)
    strided: bool  # every other item of a buffer twice the size (numpy, memoryview)
    lead: int  # it starts this many items into a larger buffer (numpy, memoryview)
    readonly: bool

    def size(self, count: int) -> int:
        return max(count + self.delta, 0)

    def build(self, count: int) -> Any:
        size = self.size(count)
        step = 2 if self.strided else 1
        if self.kind == "numpy":
            base = np.zeros(self.lead + size * step, dtype=self.dtype)
            base.view(np.uint8).fill(SENTINEL)
            out = base[self.lead :][::step]
            if self.shape == "row":
                out = out.reshape(1, size)
            elif self.shape == "column":
                out = out.reshape(size, 1)
            elif self.shape == "0d" and size == 1:
                out = out.reshape(())
            if self.readonly:
                out.flags.writeable = False
            return out
        if self.kind == "bytearray":
            return bytes([SENTINEL] * size) if self.readonly else bytearray([SENTINEL] * size)
        if self.kind == "memoryview":
            view = memoryview(bytearray([SENTINEL] * (self.lead + size * step)))[self.lead :][::step]
            return view.toreadonly() if self.readonly else view
        if self.kind == "bytes":
            return bytes([SENTINEL] * size)
        if self.kind == "array":
            return array.array(self.dtype, [SENTINEL] * size)
        return [SENTINEL] * size


def out_rule(spec: OutSpec, count: int) -> type[Exception] | None:
    """The documented rule for ``out=``: a writable, C-contiguous buffer of one-byte integer or
    bool items (uint8, int8, bool), as many as there are codes, in any shape; otherwise a
    ``TypeError`` (not such a buffer, or read-only) or a ``ValueError`` (strided, wrong size)."""
    size = spec.size(count)
    if spec.kind == "list":
        return TypeError
    if spec.kind == "numpy" and spec.dtype not in ("uint8", "int8", "bool"):
        return TypeError
    if spec.kind == "array" and spec.dtype not in ("B", "b"):
        return TypeError
    if spec.kind == "bytes" or (spec.readonly and spec.kind in ("numpy", "bytearray", "memoryview")):
        return TypeError
    if spec.strided and spec.kind in ("numpy", "memoryview") and size > 1:
        return ValueError
    if size != count:
        return ValueError
    return None


@st.composite
def out_specs(draw: st.DrawFn) -> OutSpec:
    kind = draw(st.sampled_from(("numpy", "numpy", "numpy", "bytearray", "memoryview", "bytes", "array", "list")))
    dtype = draw(st.sampled_from(OUT_TYPECODES if kind == "array" else OUT_DTYPES))
    return OutSpec(
        kind=kind,
        dtype=dtype,
        delta=draw(st.sampled_from((0, 0, 0, 0, 1, -1, 5))),
        shape=draw(st.sampled_from(("flat", "flat", "row", "column", "0d"))),
        strided=draw(st.sampled_from((False, False, False, True))),
        lead=draw(st.sampled_from((0, 0, 1, 3))),
        readonly=draw(st.sampled_from((False, False, False, True))),
    )


@st.composite
def codes_of_a_dtype(draw: st.DrawFn, nulls: bool = False, max_size: int = 24) -> tuple[str, list[int | None]]:
    """An integer dtype and codes in 0..65535 that it holds (with ``None`` for nulls if asked)."""
    dtype = draw(st.sampled_from(CODE_DTYPES))
    top = min(65535, int(np.iinfo(np.dtype(dtype)).max))
    code = st.integers(0, top)
    item = st.one_of(st.none(), code) if nulls else code
    return dtype, draw(st.lists(item, max_size=max_size))


@st.composite
def out_of_range_codes(draw: st.DrawFn) -> tuple[str, list[int]]:
    """An integer dtype and its values, one of them at least outside 0..65535."""
    dtype = draw(st.sampled_from(("int8", "int16", "int32", "uint32", "int64", "uint64")))
    info = np.iinfo(np.dtype(dtype))
    low, high = int(info.min), int(info.max)
    bad = st.one_of(st.integers(low, -1) if low < 0 else st.nothing(), st.integers(65536, high) if high > 65535 else st.nothing())
    codes = draw(st.lists(st.integers(0, min(65535, high)), max_size=12))
    codes.insert(draw(st.integers(0, len(codes))), draw(bad))
    return dtype, draw(st.permutations(codes)) if draw(st.booleans()) else codes


def contents(out: Any) -> object:
    """What ``out`` holds, byte by byte (or the list itself, for a list)."""
    try:
        return memoryview(out).tobytes()
    except TypeError:
        return list(out)


@dataclass(frozen=True)
class Outcome:
    """What one call with ``out=`` did: the error type, or the bytes ``out`` then held."""

    error: type[Exception] | None
    written: object
    result: Any = None


def run(call: Callable[[Any], Any], spec: OutSpec, count: int) -> Outcome:
    """``call(out)`` with a fresh ``out`` built from ``spec``; a refused ``out`` is unwritten."""
    out = spec.build(count)
    before = contents(out)
    try:
        result = call(out)
    except (TypeError, ValueError) as exc:
        assert contents(out) == before, f"out= was written before {type(exc).__name__}: {exc}"
        return Outcome(type(exc), None)
    return Outcome(None, contents(out), result)


def numpy_outcome(name: arrays.FactName, dtype: str, codes: Sequence[int | None], spec: OutSpec) -> Outcome:
    """The numpy path's answer, the reference for every route (a null is read as code 0)."""
    filled = [0 if code is None else code for code in codes]
    return run(lambda out: arrays.fact(name, np.array(filled, dtype=dtype), out=out), spec, len(codes))


# --- the numpy path follows the rule ---------------------------------------------------------


@given(name=st.sampled_from(FACT_NAMES), drawn=codes_of_a_dtype(), spec=out_specs())
def test_numpy_out_follows_the_rule(name: arrays.FactName, drawn: tuple[str, list[int]], spec: OutSpec) -> None:
    dtype, codes = drawn
    outcome = numpy_outcome(name, dtype, list(codes), spec)
    assert outcome.error is out_rule(spec, len(codes))
    if outcome.error is None:
        assert outcome.written == answer_bytes(name, codes)
        # out= itself comes back, whatever its shape
        assert type(outcome.result) is type(spec.build(len(codes)))


@given(name=st.sampled_from(FACT_NAMES), drawn=codes_of_a_dtype())
def test_numpy_shapes_are_kept(name: arrays.FactName, drawn: tuple[str, list[int]]) -> None:
    dtype, codes = drawn
    flat = np.array(codes, dtype=dtype)
    want = answer_bytes(name, codes)
    for shape in ((len(codes),), (1, len(codes)), (len(codes), 1)):
        got = arrays.fact(name, flat.reshape(shape))
        assert got.shape == shape and got.tobytes() == want
    strided = np.repeat(flat, 2)[::2]
    assert arrays.fact(name, strided).tobytes() == want


# --- other routes give the numpy path's answer ------------------------------------------------


@given(name=st.sampled_from(FACT_NAMES), drawn=codes_of_a_dtype(), spec=out_specs())
def test_buffers_and_lists_match_numpy(name: arrays.FactName, drawn: tuple[str, list[int]], spec: OutSpec) -> None:
    dtype, codes = drawn
    want = numpy_outcome(name, dtype, list(codes), spec)
    typed = array.array(np.dtype(dtype).char, codes)
    for route in (typed, memoryview(typed), list(codes)):
        got = run(lambda out: arrays.fact(name, route, out=out), spec, len(codes))
        assert got.error is want.error and got.written == want.written, (route, got, want)
        if got.error is None:
            assert type(got.result) is type(spec.build(len(codes)))


@given(name=st.sampled_from(FACT_NAMES), dtype=st.sampled_from(CODE_DTYPES), code=st.integers(0, 65535), spec=out_specs())
def test_zero_d_matches_one_code(name: arrays.FactName, dtype: str, code: int, spec: OutSpec) -> None:
    """A 0-d array (or a numpy scalar) is one code: its answer is 0-d, and out= is held to
    the rule for one code."""
    code = min(code, int(np.iinfo(np.dtype(dtype)).max))
    want = numpy_outcome(name, dtype, [code], spec)
    zero_d = np.array(code, dtype=dtype)
    for route in (zero_d, zero_d[()], zero_d.data):
        got = run(lambda out: arrays.fact(name, route, out=out), spec, 1)
        assert got.error is want.error and got.written == want.written, (route, got, want)
    answer = arrays.fact(name, zero_d)
    assert isinstance(answer, np.ndarray) and answer.shape == () and answer.tobytes() == answer_bytes(name, [code])
    scalar = arrays.fact(name, zero_d[()])
    assert isinstance(scalar, np.ndarray) and scalar.shape == () and scalar.tobytes() == answer_bytes(name, [code])


@given(name=st.sampled_from(FACT_NAMES), drawn=out_of_range_codes(), spec=out_specs())
def test_out_of_range_codes_same_error_everywhere(name: arrays.FactName, drawn: tuple[str, list[int]], spec: OutSpec) -> None:
    """A code outside 0..65535 is a ValueError naming its index and value on every route; an
    out= that breaks the rule is reported first, as the same error."""
    dtype, codes = drawn
    index = next(i for i, code in enumerate(codes) if not 0 <= code <= 65535)
    message = f"close code {codes[index]} at index {index} is out of range"
    typed = array.array(np.dtype(dtype).char, codes)
    for route in (np.array(codes, dtype=dtype), typed, list(codes)):
        with pytest.raises((TypeError, ValueError)) as raised:
            arrays.fact(name, route, out=spec.build(len(codes)))
        rule = out_rule(spec, len(codes))
        assert raised.type is (rule or ValueError), (route, raised.value)
        if rule is None:
            assert message in str(raised.value)
