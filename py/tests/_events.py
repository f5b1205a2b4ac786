"""The partitioned Parquet data set of synthetic close events that the Dask and Spark tests share."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd


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
