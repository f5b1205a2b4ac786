"""Spark SQL on local[2] with the generated functions (`wsclose sql --dialect spark`): the worked
example of docs/analytics.md, counts by category and by day over the partitioned Parquet data set
of the Dask test, with no Python UDF in the plan. Runs in `make test-sql`, which installs PySpark."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from _events import synthetic_events
from pyspark.sql import SparkSession

import wsclose
from wsclose import _sqlfiles


def define_functions(spark: Any, sql: str) -> int:
    """Runs every statement of the generated file; returns how many it ran."""
    count = 0
    for statement in sql.split(";\n"):
        body = "\n".join(line for line in statement.splitlines() if not line.startswith("--")).strip()
        if body:
            spark.sql(body)
            count += 1
    return count


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = (
        SparkSession.builder.master("local[2]")
        .appName("wsclose-test")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    try:
        assert define_functions(session, _sqlfiles.text("spark")) == 8
        yield session
    finally:
        session.stop()


def test_counts_by_category_and_day_with_no_python_in_the_plan(spark: Any, tmp_path: Path) -> None:
    events = synthetic_events(tmp_path)
    spark.read.parquet(str(tmp_path)).createOrReplaceTempView("events")
    by_category = spark.sql("SELECT wsclose_category(code) AS category, count(*) AS n FROM events GROUP BY 1")
    got = {row["category"]: row["n"] for row in by_category.collect()}
    assert got == dict(Counter(wsclose.info(int(code)).category.label for code in events.code))

    query = (
        "SELECT date_trunc('DAY', timestamp) AS day, wsclose_category(code) AS category, count(*) AS n "
        "FROM events GROUP BY 1, 2"
    )
    by_day = spark.sql(query)
    rows = by_day.collect()
    assert sum(row["n"] for row in rows) == len(events)
    second = events[events.timestamp.dt.floor("D") == pd.Timestamp("2026-11-02")]
    day_two = {row["category"]: row["n"] for row in rows if row["day"] == pd.Timestamp("2026-11-02")}
    assert day_two == dict(Counter(wsclose.info(int(code)).category.label for code in second.code))

    plan = by_day._jdf.queryExecution().executedPlan().toString()
    assert "CASE WHEN" in plan
    for python in ("BatchEvalPython", "ArrowEvalPython", "PythonUDF", "MapInArrow"):
        assert python not in plan, plan


def test_advice_and_nulls(spark: Any) -> None:
    rows = spark.sql(
        "SELECT wsclose_advice('discord-gateway', 4004) AS stop, wsclose_advice('centrifuge', 4401) AS retry, "
        "wsclose_category(NULL) AS null_code, wsclose_category(70000) AS too_big, wsclose_advice('nope', 4000) AS unknown"
    ).collect()[0]
    centrifuge = wsclose.Profile.by_name("centrifuge")
    assert centrifuge is not None
    assert (rows["stop"], rows["retry"]) == ("stop", centrifuge.advice(4401).label)
    assert (rows["null_code"], rows["too_big"], rows["unknown"]) == (None, None, None)
