"""Dask on a LocalCluster over a partitioned Parquet data set of synthetic close events."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest
from distributed import Client, LocalCluster

import wsclose
import wsclose.dask
from _events import synthetic_events


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, Client(cluster) as connected:
        yield connected


def test_counts_by_category_and_day_on_a_cluster(client: Client, tmp_path: Path) -> None:
    events = synthetic_events(tmp_path)
    frame = dd.read_parquet(str(tmp_path))
    assert frame.npartitions == 4
    frame = wsclose.dask.with_facts(frame, "code", ["category", "reconnect", "ok"])
    frame = frame.assign(day=frame.timestamp.dt.floor("D"))
    by_category = frame.groupby("category", observed=True).size().compute()
    want = Counter(wsclose.info(int(code)).category.name for code in events.code)
    assert {str(key): int(value) for key, value in by_category.items()} == dict(want)
    by_day = frame.groupby(["day", "category"], observed=True).size().compute()
    assert int(by_day.sum()) == len(events)
    day_one = {str(category): int(n) for (day, category), n in by_day.items() if day == pd.Timestamp("2026-11-02")}
    first = events[events.timestamp.dt.floor("D") == pd.Timestamp("2026-11-02")]
    assert day_one == dict(Counter(wsclose.info(int(code)).category.name for code in first.code))
    clean = frame.ok.sum().compute()
    assert int(clean) == sum(wsclose.info(int(code)).ok for code in events.code)
    assert len(client.scheduler_info()["workers"]) == 2
