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

Codes are read in place from numpy arrays of any integer dtype, Arrow integer arrays
(UInt16/Int32/Int64 and the other integer types, through their data buffer) and anything with
the buffer protocol, item by item as its format says (so ``bytes`` are one-byte codes, unlike
``classify_many``'s raw pairs: pass ``memoryview(data).cast("H")`` for 16-bit codes in bytes). A code outside 0..65535 raises ``ValueError`` naming its index and value:
a close code of 70000 or -1 is a broken log, not an unknown fact, so it is not turned into a
null. Nulls (Arrow validity, pandas ``NA``) give nulls. ``out=`` takes a writable contiguous
array of one-byte items (``uint8``, ``int8`` or ``bool``) of the same length, which receives
the answer bytes; the result is built over it without a copy where the library allows
(numpy: ``out`` itself; Arrow: the data buffer of the result).

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
    if module == "numpy" and kind.__name__ == "ndarray":
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
    return _buffer(name, number, codes, out)


def _into(number: int, codes: Any, out: Any) -> None:
    """The core's answers for ``codes`` written into ``out`` (both buffers; the extension checks
    them: integer codes in 0..65535, one writable byte per code)."""
    _wsclose._facts_into(number, codes, out)


def _is_enum(name: str) -> bool:
    return name in _ENUM_NAMES


def _buffer(name: str, number: int, codes: object, out: Any) -> Any:
    if isinstance(codes, str):
        raise TypeError("wsclose.arrays needs an array of integer codes, not str")
    try:
        view = memoryview(codes)  # type: ignore[arg-type]
    except TypeError:
        # An iterable of ints (a list): one typed copy, then the same path. array('q') raises
        # OverflowError for ints beyond 64 bits and TypeError for non-ints.
        try:
            view = memoryview(array.array("q", codes))  # type: ignore[call-overload]
        except OverflowError as exc:
            raise ValueError(f"close codes are 0 to 65535: {exc}") from None
    count = view.nbytes // max(view.itemsize, 1)
    target = memoryview(bytearray(count)) if out is None else memoryview(out)
    _into(number, view, target)
    if out is not None:
        return out
    return target if _is_enum(name) else target.cast("?")


def _numpy(name: str, number: int, codes: Any, out: Any) -> Any:
    import numpy as np

    source = np.ascontiguousarray(codes)
    target: Any
    if out is None:
        target = np.empty(source.shape, dtype=np.uint8 if _is_enum(name) else np.bool_)
    else:
        target = out
    # Both go in as they are: the extension reads any C-contiguous shape, and refuses an `out`
    # that is not contiguous (a reshaped copy would silently receive the answers instead).
    _into(number, source, target)
    return target


def _arrow(name: str, number: int, codes: Any, out: Any) -> Any:
    import numpy as np
    import pyarrow as pa

    if isinstance(codes, pa.ChunkedArray):
        if out is not None:
            raise TypeError("wsclose.arrays: out= is not supported for a ChunkedArray (pass its chunks)")
        chunks = [_arrow(name, number, chunk, None) for chunk in codes.chunks]
        return pa.chunked_array(chunks, type=_arrow_type(name))
    if not pa.types.is_integer(codes.type):
        raise TypeError(f"wsclose.arrays needs an integer Arrow array, not {codes.type}")
    count, offset = len(codes), codes.offset
    validity, data = codes.buffers()[0], codes.buffers()[1]
    # The codes in place: the array's data buffer, as numpy of its type (offset included, so
    # the answers line up with the validity bitmap, which is reused as it is).
    values = np.frombuffer(data, dtype=codes.type.to_pandas_dtype(), count=offset + count) if data else None
    if values is None:
        values = np.zeros(offset + count, dtype=np.uint16)
    if codes.null_count:
        # A null slot may hold any value: answer 0 for it (the slot stays null).
        values = values.copy()
        mask = np.asarray(codes.is_null(), dtype=bool)
        values[offset:][mask] = 0
    if out is None:
        answers = np.empty(offset + count, dtype=np.uint8)
        target = answers[offset:]
    else:
        target = np.frombuffer(memoryview(out).cast("B"), dtype=np.uint8)
        if offset:
            answers = np.empty(offset + count, dtype=np.uint8)
            target = answers[offset:]
        else:
            answers = target
    _into(number, values[offset:], target)
    if out is not None and offset:
        np.frombuffer(memoryview(out).cast("B"), dtype=np.uint8)[:] = target
    nulls = codes.null_count
    if _is_enum(name):
        indices = pa.Array.from_buffers(pa.uint8(), count, [validity if nulls else None, pa.py_buffer(answers)], nulls, offset)
        return pa.DictionaryArray.from_arrays(indices, pa.array(_ENUM_NAMES[name], pa.string()))
    # Arrow booleans are bits: packing the answer bytes is the one copy.
    packed = pa.array(answers.view(np.bool_), pa.bool_())
    return pa.Array.from_buffers(pa.bool_(), count, [validity if nulls else None, packed.buffers()[1]], nulls, offset)


def _arrow_type(name: str) -> Any:
    import pyarrow as pa

    return pa.dictionary(pa.uint8(), pa.string()) if _is_enum(name) else pa.bool_()


def _pandas(name: str, number: int, codes: Any, out: Any) -> Any:
    import numpy as np
    import pandas as pd

    if isinstance(codes.dtype, np.dtype) and codes.dtype.kind in "iu":
        # A numpy-backed integer Series: its values in place.
        source = codes.to_numpy()
        mask = None
    else:
        if not pd.api.types.is_integer_dtype(codes.dtype):
            raise TypeError(f"wsclose.arrays needs integer codes, not a Series of dtype {codes.dtype}")
        mask = codes.isna().to_numpy()
        source = codes.to_numpy(dtype=np.int64, na_value=0)
    if _is_enum(name):
        numbers = np.empty(len(source), dtype=np.int8) if out is None else out
        _into(number, source, numbers)
        if mask is not None and mask.any():
            numbers = numbers.astype(np.int8, copy=False)
            numbers[mask] = -1  # pandas' code for a missing category
        dtype = pd.CategoricalDtype(list(_ENUM_NAMES[name]), ordered=False)
        values = pd.Categorical.from_codes(numbers, dtype=dtype, validate=False)
        return pd.Series(values, index=codes.index, name=codes.name, copy=False)
    flags = np.empty(len(source), dtype=np.bool_) if out is None else out
    _into(number, source, flags)
    if mask is not None and mask.any():
        return pd.Series(pd.arrays.BooleanArray(flags.view(np.bool_), mask), index=codes.index, name=codes.name)
    return pd.Series(flags.view(np.bool_), index=codes.index, name=codes.name, copy=False)


def _polars(name: str, number: int, codes: Any, out: Any) -> Any:
    import polars as pl

    if not codes.dtype.is_integer():
        raise TypeError(f"wsclose.arrays needs integer codes, not a Series of dtype {codes.dtype}")
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
