"""pandas: the ``wsclose`` Series accessor (``pip install wsclose[pandas]``).

>>> import pandas as pd
>>> import wsclose.pandas  # registers the accessor
>>> pd.Series([1000, 4000, 1006]).wsclose.category().tolist()
['STANDARD', 'PRIVATE', 'STANDARD']

Each method is one call of :mod:`wsclose.arrays` on the Series' values (no ``.map``, no
per-row Python): categories come back as a ``category`` Series, predicates as ``bool`` (or the
nullable ``boolean`` when the codes have ``NA``); the index and name are kept.
"""

from __future__ import annotations

import pandas as pd

from . import arrays

__all__ = ["WscloseAccessor"]


@pd.api.extensions.register_series_accessor("wsclose")
class WscloseAccessor:
    """``series.wsclose.<fact>()``."""

    def __init__(self, series: pd.Series) -> None:
        self._series = series

    def _fact(self, name: arrays.FactName) -> pd.Series:
        result: pd.Series = arrays.fact(name, self._series)
        return result

    def category(self) -> pd.Series:
        """The Category of each code, as a ``category`` Series of member names."""
        return self._fact("category")

    def sendable(self) -> pd.Series:
        """Whether each code may be sent in a Close frame."""
        return self._fact("sendable")

    def local_only(self) -> pd.Series:
        """Whether each code only reports a close locally."""
        return self._fact("local_only")

    def browser_closeable(self) -> pd.Series:
        """Whether a browser's ``WebSocket.close(code)`` accepts each code."""
        return self._fact("browser_closeable")

    def ok(self) -> pd.Series:
        """Whether each code means a clean close."""
        return self._fact("ok")

    def reconnect(self) -> pd.Series:
        """The Reconnect advice for each code, as a ``category`` Series."""
        return self._fact("reconnect")
