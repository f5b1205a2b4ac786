"""Counts by day and category over a partitioned Parquet data set of close events, three ways:

- Spark SQL on local[2] with the generated functions (`wsclose sql --dialect spark`): no Python
  in the plan;
- Spark SQL with a PySpark Python UDF that asks wsclose per row (what a Spark user writes today);
- the Dask route (`wsclose.dask.with_facts` on a LocalCluster of two worker processes);
plus DuckDB with the generated macros on the same files, for scale. Each route's counts are
checked to equal the others' before timing. rows/s = rows / best of 3 wall-clock runs.

    python py/bench/bench_sql.py [--rows N] [--report docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

import dask.dataframe as dd
import duckdb
import numpy as np
import pandas as pd
import pyspark
from distributed import Client, LocalCluster
from pyspark.sql import SparkSession
from pyspark.sql.functions import udf

import wsclose
import wsclose.dask
import wsclose.duckdb
from wsclose import _sqlfiles

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_analytics import write_section  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
# The Python UDF's workers run this interpreter (with wsclose installed), not whatever python3 is first on PATH.
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)


def events(directory: Path, rows: int, files: int = 8) -> None:
    """`files` Parquet files (one per day) of close events: code, timestamp, connection."""
    rng = np.random.default_rng(7)
    directory.mkdir(parents=True, exist_ok=True)
    valid = np.array([1000, 1001, 1006, 1011, 1012, 1013, 3000, 3008, 4000, 4321, 4404])
    for day in range(files):
        n = rows // files
        codes = np.where(rng.random(n) < 0.8, rng.choice(valid, n), rng.integers(0, 65536, n)).astype(np.uint16)
        start = np.datetime64("2026-11-01") + np.timedelta64(day, "D")
        pd.DataFrame(
            {
                "code": codes,
                "timestamp": start + rng.integers(0, 86_400_000, n).astype("timedelta64[ms]"),
                "connection": rng.integers(0, 1 << 40, n),
            }
        ).to_parquet(directory / f"day-{day}.parquet", index=False)


def best(function: Callable[[], Any], repeats: int = 3) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - t0)
    return min(times), result


def counts(rows: list[tuple[Any, str, int]]) -> dict[tuple[str, str], int]:
    return {(pd.Timestamp(day).strftime("%Y-%m-%d"), category): int(n) for day, category, n in rows}


def run(rows: int, data: Path) -> list[tuple[str, str, float]]:
    events(data, rows)
    results: list[tuple[str, str, float]] = []
    spark = (
        SparkSession.builder.master("local[2]").appName("wsclose-bench").config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2").getOrCreate()
    )
    try:
        for statement in _sqlfiles.text("spark").split(";\n"):
            body = "\n".join(line for line in statement.splitlines() if not line.startswith("--")).strip()
            if body:
                spark.sql(body)
        spark.read.parquet(str(data)).createOrReplaceTempView("events")
        label = udf(lambda code: wsclose.info(int(code)).category.label, "string")
        spark.udf.register("py_category", label)
        query = "SELECT date_trunc('DAY', timestamp) AS day, {f}(code) AS category, count(*) AS n FROM events GROUP BY 1, 2"
        sql_time, sql_rows = best(lambda: [tuple(r) for r in spark.sql(query.format(f="wsclose_category")).collect()])
        udf_time, udf_rows = best(lambda: [tuple(r) for r in spark.sql(query.format(f="py_category")).collect()], 1)
        assert counts(sql_rows) == counts(udf_rows)
        plan = spark.sql(query.format(f="wsclose_category"))._jdf.queryExecution().executedPlan().toString()
        assert "BatchEvalPython" not in plan and "ArrowEvalPython" not in plan
        results.append(("Spark SQL, local[2]", "generated SQL functions: `wsclose_category(code)`", sql_time))
        results.append(("Spark SQL, local[2]", "PySpark Python UDF: `udf(lambda c: wsclose.info(c)...)`", udf_time))
    finally:
        spark.stop()

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster):
        def dask_counts() -> list[tuple[Any, str, int]]:
            frame = wsclose.dask.with_facts(dd.read_parquet(str(data)), "code", ["category"])
            frame = frame.assign(day=frame.timestamp.dt.floor("D"))
            series = frame.groupby(["day", "category"], observed=True).size().compute()
            return [(day, str(category), int(n)) for (day, category), n in series.items()]

        dask_time, dask_rows = best(dask_counts)
    by_name = {c.name: c.label for c in wsclose.Category}
    assert counts([(d, by_name[c], n) for d, c, n in dask_rows]) == counts(sql_rows)
    results.append(("Dask, LocalCluster (2 processes)", "`wsclose.dask.with_facts` + groupby", dask_time))

    con = duckdb.connect()
    wsclose.duckdb.register(con)
    duck_query = (f"SELECT date_trunc('day', timestamp) AS day, wsclose_category(code) AS category, count(*) "
                  f"FROM '{data}/*.parquet' GROUP BY 1, 2")
    duck_time, duck_rows = best(lambda: con.sql(duck_query).fetchall())
    assert counts(duck_rows) == counts(sql_rows)
    results.append(("DuckDB (one process)", "generated macros: `wsclose_category(code)`", duck_time))
    return results


def section(rows: int, results: list[tuple[str, str, float]]) -> str:
    versions = (f"pyspark {pyspark.__version__}, dask {metadata.version('dask')}, duckdb {duckdb.__version__}, "
                f"wsclose {wsclose.__version__}")
    lines = [
        "### Counts by day and category: Spark SQL, a PySpark UDF, Dask, DuckDB",
        "",
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores; {date.today().isoformat()}; "
        f"{versions}. Command: `python py/bench/bench_sql.py --rows {rows} --report docs/benchmarks.md`. "
        f"{rows:,} close events in 8 Parquet files (80 % common codes, 20 % any 16-bit value); the query is "
        "counts by day and category; each route's counts are checked equal before timing; rows/s from the best "
        "of 3 runs (the Python UDF: 1 run).",
        "",
        "| engine | route | seconds | rows/s |",
        "|--------|-------|--------:|-------:|",
    ]
    for engine, route, seconds in results:
        lines.append(f"| {engine} | {route} | {seconds:.2f} | {rows / seconds / 1e6:,.2f} M |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=8_000_000)
    parser.add_argument("--data", type=Path, default=ROOT / "build" / "bench-sql" / "events")
    parser.add_argument("--report", type=Path, metavar="FILE")
    options = parser.parse_args()
    text = section(options.rows, run(options.rows, options.data))
    print(text)
    if options.report is not None:
        write_section(options.report, text, "sql")


if __name__ == "__main__":
    main()
