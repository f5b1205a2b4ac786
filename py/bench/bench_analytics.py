"""Analytics benchmarks: the idiomatic way in each library vs wsclose in the same library, and
`wsclose stats` vs awk and sort | uniq -c on the same log.

    python py/bench/bench_analytics.py [--rows N] [--report docs/benchmarks.md]

The baselines are what a user writes without wsclose: pandas ``.map(dict)``, a Polars
``when/then`` chain, a DuckDB ``CASE`` expression, a Dask ``.map(dict)``. Their tables and
ranges are built from wsclose's own API (``info``, ``Category.range``), so both sides compute the
same answer; each pair is checked equal before it is timed. Not a test: nothing asserts a time.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

import dask
import dask.dataframe as dd
import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa

import wsclose
import wsclose.dask
import wsclose.duckdb
import wsclose.pandas  # noqa: F401  (the accessor)
import wsclose.polars  # noqa: F401  (the namespace)
from wsclose import Category, arrays

SEED = 20261127


def codes_mix(rows: int) -> np.ndarray[Any, np.dtype[np.uint16]]:
    """Half uniform over 0-65535, a quarter 1000-1015, a quarter 3000-4999 (as bench.py)."""
    rng = np.random.default_rng(SEED)
    parts = [
        rng.integers(0, 65536, rows // 2),
        rng.integers(1000, 1016, rows // 4),
        rng.integers(3000, 5000, rows - rows // 2 - rows // 4),
    ]
    mixed = np.concatenate(parts).astype(np.uint16)
    rng.shuffle(mixed)
    return mixed


def best(function: Callable[[], object], repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def category_names() -> list[str]:
    return [wsclose.info(code).category.name for code in range(65536)]


def run(rows: int) -> list[tuple[str, str, str, float, float]]:
    """(library, idiomatic, wsclose, idiomatic s, wsclose s) for each library."""
    codes = codes_mix(rows)
    names = category_names()
    table = dict(enumerate(names))
    results: list[tuple[str, str, str, float, float]] = []

    # numpy: a lookup table indexed by code vs the core.
    lookup = np.array([int(wsclose.info(code).category) for code in range(65536)], dtype=np.uint8)
    assert np.array_equal(lookup[codes], arrays.category(codes))
    results.append(
        ("numpy", "`lookup[codes]` (65,536-entry table)", "`arrays.category(codes)`",
         best(lambda: lookup[codes]), best(lambda: arrays.category(codes)))
    )

    # pandas
    series = pd.Series(codes.astype(np.int64), name="code")
    assert series.map(table).tolist()[:1000] == getattr(series, "wsclose").category().astype(str).tolist()[:1000]
    results.append(
        ("pandas", "`s.map(dict)`", "`s.wsclose.category()`",
         best(lambda: series.map(table)), best(lambda: getattr(series, "wsclose").category()))
    )

    # Polars: when/then over the category ranges.
    frame = pl.DataFrame({"code": codes.astype(np.int64)})
    column = pl.col("code")
    chain: Any = pl.when(column.is_between(Category(0).range.start, Category(0).range.stop - 1)).then(pl.lit(Category(0).name))
    for category in list(Category)[1:]:
        chain = chain.when(column.is_between(category.range.start, category.range.stop - 1)).then(pl.lit(category.name))
    idiomatic = chain.otherwise(None).alias("category")
    ours = getattr(column, "wsclose").category().alias("category")
    assert frame.select(idiomatic)["category"].to_list() == frame.select(ours)["category"].cast(pl.String).to_list()
    results.append(
        ("Polars", "`when/then` chain", "`pl.col('code').wsclose.category()`",
         best(lambda: frame.select(idiomatic)), best(lambda: frame.select(ours)))
    )
    raw = codes.astype(np.int64)
    results.append(
        ("Polars (map_batches overhead)", "`arrays.category(numpy int64)`", "`pl.col('code').wsclose.category()`",
         best(lambda: arrays.category(raw)), best(lambda: frame.select(ours)))
    )

    # DuckDB: CASE over the ranges vs the Arrow UDF.
    con = duckdb.connect()
    wsclose.duckdb.register(con)
    arrow_table = pa.table({"code": pa.array(codes.astype(np.int64))})
    con.register("events", arrow_table)
    case = "CASE " + " ".join(
        f"WHEN code BETWEEN {c.range.start} AND {c.range.stop - 1} THEN '{c.name}'" for c in Category
    ) + " END"
    query_case = f"SELECT {case} AS category, count(*) FROM events GROUP BY 1 ORDER BY 1"
    query_ours = "SELECT wsclose_category(code) AS category, count(*) FROM events GROUP BY 1 ORDER BY 1"
    assert con.sql(query_case).fetchall() == con.sql(query_ours).fetchall()
    results.append(
        ("DuckDB (group by category)", "`CASE WHEN code BETWEEN ...`", "`wsclose_category(code)`",
         best(lambda: con.sql(query_case).fetchall()), best(lambda: con.sql(query_ours).fetchall()))
    )

    # Dask (threaded scheduler, 8 partitions).
    ddf = dd.from_pandas(pd.DataFrame({"code": codes.astype(np.int64)}), npartitions=8)
    with dask.config.set(scheduler="threads"):
        plain = ddf.code.map(table, meta=("code", "object"))
        ours_dask = wsclose.dask.with_facts(ddf, "code", ["category"]).category
        results.append(
            ("Dask (8 partitions, threads)", "`ddf.code.map(dict)`", "`wsclose.dask.with_facts(...)`",
             best(lambda: plain.compute()), best(lambda: ours_dask.compute()))
        )
    return results


def bench_stats(megabytes: int) -> list[tuple[str, float, float]]:
    """(tool, seconds, MB/s) counting the codes of one plain log."""
    rows = megabytes * 1_000_000 // 5
    codes = codes_mix(rows)
    work = Path(tempfile.mkdtemp(prefix="wsclose-bench-"))
    try:
        log = work / "codes.log"
        log.write_bytes(("\n".join(map(str, codes.tolist())) + "\n").encode())
        size = log.stat().st_size
        zipped = work / "codes.log.gz"
        zipped.write_bytes(gzip.compress(log.read_bytes(), 6))
        script = str(Path(sys.executable).parent / "wsclose")
        commands = [
            ("`wsclose stats --output csv codes.log`", [script, "stats", "--output", "csv", str(log)]),
            ("`wsclose stats --output csv codes.log.gz`", [script, "stats", "--output", "csv", str(zipped)]),
            ("`awk '{n[$1]++} END {for (c in n) print c, n[c]}'`", ["awk", "{n[$1]++} END {for (c in n) print c, n[c]}", str(log)]),
            ("`sort codes.log | uniq -c`", ["bash", "-c", f"LC_ALL=C sort {log} | uniq -c"]),
        ]
        out = []
        for label, command in commands:
            seconds = best(lambda: subprocess.run(command, stdout=subprocess.DEVNULL, check=True), repeats=2)
            out.append((label, seconds, size / seconds / 1e6))
        return out
    finally:
        shutil.rmtree(work)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0]
    return f"{cpu}, {os.cpu_count()} cores, load average {load:.1f}; CPython {platform.python_version()}"


def section(rows: int, results: list[tuple[str, str, str, float, float]], stats_rows: list[tuple[str, float, float]], megabytes: int) -> str:
    versions = (
        f"numpy {np.__version__}, pandas {pd.__version__}, pyarrow {pa.__version__}, polars {pl.__version__}, "
        f"duckdb {duckdb.__version__}, dask {metadata.version('dask')}"
    )
    lines = [
        "### Analytics: idiomatic vs wsclose in each library; `wsclose stats` vs awk",
        "",
        f"Machine: {machine()}. Command: `make bench-analytics` (`py/bench/bench_analytics.py`). Date: {date.today()}.",
        f"Libraries: {versions}. Input: {rows:,} codes (half uniform over 0–65535, a quarter 1000–1015, a quarter",
        "3000–4999; fixed seed); the category of each code; best of 3. The baselines' tables and ranges come",
        "from wsclose's API, and each pair is checked to give the same answer before it is timed. What the",
        "Polars and DuckDB rows mean (and why no native Polars plugin): docs/analytics.md, Measurements.",
        "",
        "| library | idiomatic | wsclose | idiomatic rows/s | wsclose rows/s | speed-up |",
        "|---------|-----------|---------|-----------------:|---------------:|---------:|",
    ]
    for library, idiomatic, ours, t_idiomatic, t_ours in results:
        lines.append(
            f"| {library} | {idiomatic} | {ours} | {rows / t_idiomatic / 1e6:,.1f} M | {rows / t_ours / 1e6:,.1f} M | "
            f"{t_idiomatic / t_ours:.1f}× |"
        )
    lines += [
        "",
        f"`wsclose stats` on a {megabytes} MB log of one code per line (same mix), output to /dev/null, best of 2:",
        "",
        "| command | seconds | MB/s |",
        "|---------|--------:|-----:|",
    ]
    for label, seconds, rate in stats_rows:
        lines.append(f"| {label} | {seconds:.2f} | {rate:.1f} |")
    return "\n".join(lines)


def write_section(path: Path, text: str) -> None:
    start, end = "<!-- bench:analytics -->", "<!-- /bench:analytics -->"
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{start}\n{text}\n{end}"
    if start in current and end in current:
        current = current[: current.index(start)] + block + current[current.index(end) + len(end) :]
    else:
        current = current.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(current, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--stats-mb", type=int, default=10)
    parser.add_argument(
        "--report", type=Path, metavar="FILE", help="replace the analytics section of this markdown file"
    )
    options = parser.parse_args()
    results = run(options.rows)
    stats_rows = bench_stats(options.stats_mb)
    text = section(options.rows, results, stats_rows, options.stats_mb)
    print(text)
    if options.report is not None:
        write_section(options.report, text)
        print(f"\nwrote the analytics section of {options.report}")


if __name__ == "__main__":
    main()
