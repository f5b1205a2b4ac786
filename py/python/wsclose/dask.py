"""Dask: the facts of a code column across partitions (``pip install wsclose[dask]``).

>>> import dask.dataframe as dd
>>> import wsclose.dask
>>> events = dd.read_parquet("events/")                        # doctest: +SKIP
>>> events = wsclose.dask.with_facts(events, "code", ["category", "reconnect"])  # doctest: +SKIP
>>> events.groupby("category", observed=True).size().compute()  # doctest: +SKIP

:func:`with_facts` is ``map_partitions`` over :mod:`wsclose.arrays`: each worker classifies a
whole partition (a pandas DataFrame) in one call into the core, so it scales with the cluster
(``distributed.LocalCluster`` or a real one) like any other column operation. Workers need
``wsclose`` installed, as they need pandas.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from . import arrays

__all__ = ["add_facts", "with_facts"]


def add_facts(frame: pd.DataFrame, column: str, facts: Sequence[arrays.FactName]) -> pd.DataFrame:
    """``frame`` with one new column per fact of ``frame[column]`` (pandas; one partition)."""
    return frame.assign(**{name: arrays.fact(name, frame[column]) for name in facts})


def with_facts(frame: Any, column: str = "code", facts: Sequence[arrays.FactName] = ("category",)) -> Any:
    """A Dask DataFrame with a column per fact (``category``, ``sendable``, ...) of ``column``."""
    meta = add_facts(frame._meta, column, facts)
    return frame.map_partitions(add_facts, column, tuple(facts), meta=meta)
