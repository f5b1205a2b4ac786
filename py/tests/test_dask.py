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


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, Client(cluster) as connected:
        yield connected


def synthetic_events(directory: Path, days: int = 4, per_day: int = 5000) -> pd.DataFrame:
    """Close events written as one Parquet file per day: code, timestamp, connection id."""
    rng = np.random.default_rng(13)
    common = np.array([1000, 1001, 1006, 1011, 1012, 1013, 3000, 3008, 4000, 4321, 999, 2000, 5000])
    frames = []
    for day in range(days):
        start = np.datetime64("2026-11-01") + np.timedelta64(day, "D")
        frame = pd.DataFrame(
            {
                "code": rng.choice(common, per_day).astype(np.uint16),
                "timestamp": start + rng.integers(0, 86_400_000, per_day).astype("timedelta64[ms]"),
                "connection": rng.integers(0, 1 << 40, per_day),
            }
        )
        frame.to_parquet(directory / f"day-{day}.parquet", index=False)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


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
