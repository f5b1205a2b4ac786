"""Per-code facts for whole arrays: arrays in, arrays out, one call into the core per array.

>>> import numpy as np
>>> from wsclose import arrays, Category
>>> arrays.category(np.array([1000, 4000, 1006], dtype=np.uint16))
array([1, 4, 1], dtype=uint8)
>>> arrays.sendable(np.array([1000, 1006]))
array([ True, False])

Each function (:func:`category`, :func:`sendable`, :func:`local_only`,
:func:`browser_closeable`, :func:`ok`, :func:`reconnect`) takes an array of integer codes and
returns the same kind of array, computed by the core's ``facts_many`` (no rule lives here):

======================  ==========================================  ==========================
codes                   category / reconnect                        predicates
======================  ==========================================  ==========================
numpy array (any int)   ``uint8`` array of enum numbers             ``bool`` array
pyarrow Array/Chunked   dictionary array (uint8 -> const name)      ``bool`` array
pandas Series           ``category`` Series (const names)           ``bool`` (``boolean`` w/ NA)
polars Series           ``Categorical`` Series (names)             ``Boolean`` Series
other buffer / list     ``memoryview`` of format ``B`` (numbers)    ``memoryview`` format ``?``
======================  ==========================================  ==========================

The numbers are those of :class:`wsclose.Category` and :class:`wsclose.Reconnect` (IntEnums,
so ``result == Category.PRIVATE`` works on a numpy result); the dictionary and categorical
values are their member names (``"PRIVATE"``, ``"BACKOFF"``), listed in number order in
:data:`CATEGORY_NAMES` and :data:`RECONNECT_NAMES`.

Codes are read in place from numpy arrays of any integer dtype and shape (a 0-d array or a numpy
scalar gives a 0-d answer), Arrow integer arrays (UInt16/Int32/Int64 and the other integer types,
through their data buffer, from their offset) and anything with the buffer protocol, item by
item as its format says (so ``bytes`` are one-byte codes, unlike ``classify_many``'s raw pairs:
pass ``memoryview(data).cast("H")`` for 16-bit codes in bytes). A code outside 0..65535 raises
``ValueError`` naming its index and value: a close code of 70000 or -1 is a broken log, not an
unknown fact, so it is not turned into a null. Nulls (Arrow validity, pandas ``NA``) give nulls.
A numpy masked array is refused (``TypeError``): its masked slots hold stale values.

``out=`` follows one rule on every route, checked before anything is written: a writable,
C-contiguous buffer of one-byte ``uint8``, ``int8`` or ``bool`` items (numpy array of any shape,
``bytearray``, ``memoryview``, ``array('B')``), exactly one item per code. Anything else is a
``TypeError`` (not a buffer, another item format, read-only) or a ``ValueError`` (strided, or
another size, naming both). It receives the answer bytes; a null slot receives the answer for
code 0 (the result marks it null); a code out of range stops the call, and ``out`` may then hold
some answers. numpy and plain buffers return ``out`` itself; an Arrow
category result uses ``out`` as its data buffer when the array has no nulls or no offset (else
one copy); a ChunkedArray's chunks fill consecutive runs of ``out``; pandas and Polars results
are built from it.

Importing this module imports no third-party library; each library is imported when one of its
arrays is passed.
"""

from __future__ import annotations

import array
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias, overload

from . import _wsclose
from ._constants import Category, Reconnect

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "CATEGORY_NAMES",
    "FACTS",
    "RECONNECT_NAMES",
    "browser_closeable",
    "category",
    "fact",
    "local_only",
    "ok",
    "reconnect",
    "sendable",
]

FactName: TypeAlias = Literal["category", "sendable", "local_only", "browser_closeable", "ok", "reconnect"]

FACTS: Final[dict[str, int]] = {name.lower(): number for number, name in _wsclose.facts()}
"""The core's fact numbers by name, e.g. ``{"category": 0, "sendable": 1, ...}``."""


def _names(members: list[Category] | list[Reconnect]) -> tuple[str, ...]:
    names = tuple(member.name for member in members)
    if [int(member) for member in members] != list(range(len(members))):
        raise RuntimeError("wsclose: enum numbers are not 0..n-1; dictionary arrays need them to be")
    return names


CATEGORY_NAMES: Final[tuple[str, ...]] = _names(sorted(Category))
"""Category member names indexed by category number: the dictionary of category arrays."""
RECONNECT_NAMES: Final[tuple[str, ...]] = _names(sorted(Reconnect))
"""Reconnect member names indexed by number: the dictionary of reconnect arrays."""

_ENUM_NAMES: Final[dict[str, tuple[str, ...]]] = {"category": CATEGORY_NAMES, "reconnect": RECONNECT_NAMES}


def _library(obj: object) -> str:
    """Which library ``obj`` comes from, by its type's module: no import needed to tell."""
    kind = type(obj)
    module = kind.__module__.partition(".")[0]
    if module == "pyarrow" and kind.__name__.endswith("Array"):
        return "arrow"
    if module == "pandas" and kind.__name__ == "Series":
        return "pandas"
    if module == "polars" and kind.__name__ == "Series":
        return "polars"
    if kind.__module__.startswith("numpy.ma"):
        return "masked"
    if module == "numpy":
        # ndarray and its subclasses (memmap, matrix) and numpy scalars (a 0-d answer).
        return "numpy"
    return "buffer"


@overload
def fact(name: FactName, codes: npt.NDArray[np.integer[Any]], *, out: Any = None) -> npt.NDArray[Any]: ...
@overload
def fact(name: FactName, codes: object, *, out: Any = None) -> Any: ...
def fact(name: FactName, codes: object, *, out: Any = None) -> Any:
    """The fact ``name`` (a key of :data:`FACTS`) of every code in ``codes``."""
    try:
        number = FACTS[name]
    except KeyError:
        raise ValueError(f"no fact {name!r}; the facts are {', '.join(FACTS)}") from None
    library = _library(codes)
    if library == "numpy":
        return _numpy(name, number, codes, out)
    if library == "arrow":
        return _arrow(name, number, codes, out)
    if library == "pandas":
        return _pandas(name, number, codes, out)
    if library == "polars":
        return _polars(name, number, codes, out)
    if library == "masked":
        # Its buffer holds the masked slots' stale values: reading it would answer them.
        raise TypeError(
            "wsclose.arrays does not take a numpy masked array: pass codes.filled(0) and apply the "
            "mask to the answers, or codes.compressed(), or an Arrow/pandas array with nulls"
        )
    return _buffer(name, number, codes, out)


_OUT_FORMATS: Final = frozenset({"B", "b", "?"})
"""The item formats ``out=`` may have: ``uint8``, ``int8``, ``bool`` (with any byte-order mark)."""


def _out_bytes(out: object, count: int) -> memoryview:
    """``out=`` as a flat writable view of ``count`` bytes, or the error every route raises.

    The one rule for ``out=``, checked before any route (numpy, Arrow, pandas, Polars, buffers)
    writes a byte, so that each route accepts and refuses the same ``out`` with the same error:
    any object with the buffer protocol whose items are one-byte integers or booleans
    (``TypeError`` otherwise), writable (``TypeError``), C-contiguous (``ValueError``: a
    strided view would not receive the answers in order) and of exactly ``count`` items
    (``ValueError`` naming both sizes); its shape does not matter.
    """
    what = "wsclose.arrays: out= must be a writable buffer of 1-byte items (uint8, int8 or bool)"
    try:
        view = memoryview(out)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"{what}, not {type(out).__name__}") from None
    if view.itemsize != 1 or view.format.lstrip("@=<>!|") not in _OUT_FORMATS:
        raise TypeError(f"{what}, not format {view.format!r} with {view.itemsize}-byte items")
    if view.readonly:
        raise TypeError(f"{what}; this one is read-only, not writable")
    if not view.c_contiguous:
        raise ValueError("wsclose.arrays: out= must be contiguous (a strided view would not receive the answers)")
    if view.nbytes != count:
        raise ValueError(f"wsclose.arrays: {count} codes but out= has room for {view.nbytes}; the lengths must match")
    # Always a fresh flat view with unit strides (a one-item slice of a strided view is
    # contiguous but keeps its stride, and slices of it would not be). memoryview cannot cast
    # a shape with a 0 in it: there is nothing to write then.
    return view.cast("B") if count else memoryview(bytearray())


def _out_array(out: object, count: int) -> npt.NDArray[np.uint8]:
    """:func:`_out_bytes` as a ``uint8`` numpy array over ``out``'s memory (no copy)."""
    import numpy as np

    return np.frombuffer(_out_bytes(out, count), dtype=np.uint8)


def _into(number: int, codes: Any, out: Any) -> None:
    """The core's answers for ``codes`` written into ``out`` (a view from :func:`_out_bytes` or
    a fresh array; the extension checks the codes: integers in 0..65535, one per answer byte)."""
    _wsclose._facts_into(number, codes, out)


def _is_enum(name: str) -> bool:
    return name in _ENUM_NAMES


def _buffer(name: str, number: int, codes: object, out: Any) -> Any:
    if isinstance(codes, str):
        raise TypeError("wsclose.arrays needs an array of integer codes, not str")
    try:
        view = memoryview(codes)  # type: ignore[arg-type]
    except TypeError:
        return _iterable(name, number, codes, out)
    if view.ndim == 0:
        # One code (a ctypes scalar, say): as a 1-d view, which the extension needs.
        try:
            octets: Any = view.cast("B")  # a format known only at run time
            view = octets.cast(view.format)
        except (TypeError, ValueError):
            raise TypeError(
                f"wsclose.arrays: one code in a 0-d buffer of format {view.format!r} cannot be read "
                "as an array; pass a 1-d array (or a numpy array, which may be 0-d)"
            ) from None
    count = view.nbytes // max(view.itemsize, 1)
    target = memoryview(bytearray(count)) if out is None else _out_bytes(out, count)
    _into(number, view, target)
    if out is not None:
        return out
    return target if _is_enum(name) else target.cast("?")


def _iterable(name: str, number: int, codes: object, out: Any) -> Any:
    """An iterable of ints (a list): one typed copy, then the buffer path."""
    try:
        items = list(codes)  # type: ignore[call-overload]
    except TypeError:
        raise TypeError(f"wsclose.arrays needs an array of integer codes, not {type(codes).__name__}") from None
    if out is not None:
        _out_bytes(out, len(items))  # out= is judged first, as on every route
    try:
        # array('q') raises OverflowError for ints beyond 64 bits and TypeError for non-ints.
        typed = array.array("q", items)
    except OverflowError:
        index, value = next((i, v) for i, v in enumerate(items) if not -(1 << 63) <= v < 1 << 63)
        raise ValueError(f"close code {value} at index {index} is out of range: close codes are 0 to 65535") from None
    return _buffer(name, number, typed, out)


def _numpy(name: str, number: int, codes: Any, out: Any) -> Any:
    import numpy as np

    # A 0-d array (or a numpy scalar) gives a 0-d answer, as numpy's own functions do. The
    # extension reads any C-contiguous buffer of at least one dimension: both sides go in as
    # flat views of the same memory (reshape(-1) of a contiguous array is no copy).
    source = np.asarray(codes)
    if not source.flags.c_contiguous:
        source = np.ascontiguousarray(source)
    if out is not None:
        _into(number, source.reshape(-1), _out_bytes(out, source.size))
        return out
    target: npt.NDArray[Any] = np.empty(source.shape, dtype=np.uint8 if _is_enum(name) else np.bool_)
    _into(number, source.reshape(-1), target.reshape(-1))
    return target


def _arrow(name: str, number: int, codes: Any, out: Any) -> Any:
    import numpy as np
    import pyarrow as pa

    if isinstance(codes, pa.ChunkedArray):
        # out= is checked against the whole array, then each chunk fills its own run of it.
        whole = None if out is None else _out_bytes(out, len(codes))
        chunks, start = [], 0
        for chunk in codes.chunks:
            part = None if whole is None else whole[start : start + len(chunk)]
            try:
                chunks.append(_arrow(name, number, chunk, part))
            except ValueError as exc:
                # The extension counts from the chunk's start; say where that is.
                raise ValueError(f"{exc} (in the chunk that starts at index {start})") from None
            start += len(chunk)
        return pa.chunked_array(chunks, type=_arrow_type(name))
    if not pa.types.is_integer(codes.type):
        raise TypeError(f"wsclose.arrays needs an integer Arrow array, not {codes.type}")
    count, offset, nulls = len(codes), codes.offset, codes.null_count
    validity, data = codes.buffers()[0], codes.buffers()[1]
    # The codes in place: the array's data buffer from its offset, as numpy of its type.
    dtype = np.dtype(codes.type.to_pandas_dtype())
    values = np.frombuffer(data, dtype=dtype, count=offset + count)[offset:] if data else np.zeros(count, dtype)
    if nulls:
        # A null slot may hold any value: answer 0 for it (the slot stays null).
        values = values.copy()
        values[np.asarray(codes.is_null(), dtype=bool)] = 0
    # With nulls the result reuses the input's validity bitmap, which is indexed from the
    # input's offset, so the answers sit at that offset too; without nulls they start at 0.
    start = offset if nulls else 0
    if out is None:
        answers = np.zeros(start + count, dtype=np.uint8)
        target = answers[start:]
        _into(number, values, target)
    else:
        target = _out_array(out, count)
        _into(number, values, target)
        if start:
            answers = np.zeros(start + count, dtype=np.uint8)
            answers[start:] = target
        else:
            answers = target
    bitmap = validity if nulls else None
    if _is_enum(name):
        indices = pa.Array.from_buffers(pa.uint8(), count, [bitmap, pa.py_buffer(answers)], nulls, start)
        return pa.DictionaryArray.from_arrays(indices, pa.array(_ENUM_NAMES[name], pa.string()))
    # Arrow booleans are bits: packing the answer bytes is the one copy.
    packed = pa.array(answers.view(np.bool_), pa.bool_())
    return pa.Array.from_buffers(pa.bool_(), count, [bitmap, packed.buffers()[1]], nulls, start)


def _arrow_type(name: str) -> Any:
    import pyarrow as pa

    return pa.dictionary(pa.uint8(), pa.string()) if _is_enum(name) else pa.bool_()


def _pandas(name: str, number: int, codes: Any, out: Any) -> Any:
    import numpy as np
    import pandas as pd

    if isinstance(codes.dtype, np.dtype) and codes.dtype.kind in "iu":
        # A numpy-backed integer Series: its values in place.
        source = np.ascontiguousarray(codes.to_numpy())
        mask = None
    else:
        if not pd.api.types.is_integer_dtype(codes.dtype):
            raise TypeError(f"wsclose.arrays needs integer codes, not a Series of dtype {codes.dtype}")
        # Nullable (Int64, UInt64) and Arrow-backed integers: converted once to their own numpy
        # type (not int64, which would turn a UInt64 of 2**64-1 into -1), NA as 0.
        # (SparseDtype names its numpy type `subtype`.)
        own = getattr(codes.dtype, "numpy_dtype", None) or getattr(codes.dtype, "subtype", None)
        if own is None or np.dtype(own).kind not in "iu":
            raise TypeError(f"wsclose.arrays cannot read a Series of dtype {codes.dtype}; cast it to int64 first")
        mask = codes.isna().to_numpy(dtype=np.bool_)
        source = codes.to_numpy(dtype=own, na_value=0)
    count = len(source)
    target = np.empty(count, dtype=np.uint8) if out is None else _out_array(out, count)
    _into(number, source, target)
    if mask is not None and not mask.any():
        mask = None
    if _is_enum(name):
        numbers = target.view(np.int8)
        if mask is not None:
            numbers = numbers.copy()  # out= keeps the answers; -1 is pandas' missing category
            numbers[mask] = -1
        dtype = pd.CategoricalDtype(list(_ENUM_NAMES[name]), ordered=False)
        values = pd.Categorical.from_codes(numbers, dtype=dtype, validate=False)
        return pd.Series(values, index=codes.index, name=codes.name, copy=False)
    flags = target.view(np.bool_)
    if mask is not None:
        return pd.Series(pd.arrays.BooleanArray(flags, mask), index=codes.index, name=codes.name)
    return pd.Series(flags, index=codes.index, name=codes.name, copy=False)


def _polars(name: str, number: int, codes: Any, out: Any) -> Any:
    import polars as pl

    if not codes.dtype.is_integer():
        raise TypeError(f"wsclose.arrays needs integer codes, not a Series of dtype {codes.dtype}")
    if codes.dtype in (pl.Int128, pl.UInt128):
        # Arrow has no 128-bit integer type to hand them over in.
        raise TypeError(f"wsclose.arrays cannot read a Series of dtype {codes.dtype}; cast it to Int64 first")
    answers = _arrow(name, number, codes.to_arrow(), out)
    # A dictionary array becomes a Categorical (see wsclose.polars for why not an Enum).
    return pl.Series(codes.name, answers)


def category(codes: Any, *, out: Any = None) -> Any:
    """The :class:`~wsclose.Category` of each code (see the module docs for the result types)."""
    return fact("category", codes, out=out)


def sendable(codes: Any, *, out: Any = None) -> Any:
    """Whether each code may be sent in a Close frame."""
    return fact("sendable", codes, out=out)


def local_only(codes: Any, *, out: Any = None) -> Any:
    """Whether each code only reports a close locally and is never sent on the wire."""
    return fact("local_only", codes, out=out)


def browser_closeable(codes: Any, *, out: Any = None) -> Any:
    """Whether a browser's ``WebSocket.close(code)`` accepts each code."""
    return fact("browser_closeable", codes, out=out)


def ok(codes: Any, *, out: Any = None) -> Any:
    """Whether each code means a clean, expected close."""
    return fact("ok", codes, out=out)


def reconnect(codes: Any, *, out: Any = None) -> Any:
    """The :class:`~wsclose.Reconnect` advice for each code."""
    return fact("reconnect", codes, out=out)
