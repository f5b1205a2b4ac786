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
import compileall
import os
import platform
import shlex
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

import dask
import dask.dataframe as dd
import duckdb
from duckdb.func import PythonUDFType
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


def best_interleaved(functions: list[Callable[[], object]], repeats: int = 7) -> list[float]:
    """The best time of each function, running them in turn (a, b, a, b, ...) so that a load spike
    on a shared machine hits every one of them alike."""
    times: list[list[float]] = [[] for _ in functions]
    for _ in range(repeats):
        for function, spent in zip(functions, times):
            start = time.perf_counter()
            function()
            spent.append(time.perf_counter() - start)
    return [min(spent) for spent in times]


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

    # DuckDB: a hand-written CASE over the ranges, the generated macros (wsclose.duckdb.register),
    # and the vectorised Python UDF that register() used to add (defined here, for the comparison).
    con = duckdb.connect()
    wsclose.duckdb.register(con)
    arrow_table = pa.table({"code": pa.array(codes.astype(np.int64))})
    con.register("events", arrow_table)
    case = "CASE " + " ".join(
        f"WHEN code BETWEEN {c.range.start} AND {c.range.stop - 1} THEN '{c.label}'" for c in Category
    ) + " END"

    def udf(batch: Any) -> Any:
        answers = arrays.fact("category", batch)
        if isinstance(answers, pa.ChunkedArray):
            answers = answers.combine_chunks()
        return answers.dictionary_decode()

    con.create_function("udf_category", udf, ["BIGINT"], "VARCHAR", type=PythonUDFType.ARROW, side_effects=False)
    label = {c.name: c.label for c in Category}
    query_case = f"SELECT {case} AS category, count(*) FROM events GROUP BY 1 ORDER BY 1"
    query_ours = "SELECT wsclose_category(code) AS category, count(*) FROM events GROUP BY 1 ORDER BY 1"
    query_udf = "SELECT udf_category(code) AS category, count(*) FROM events GROUP BY 1 ORDER BY 1"
    assert con.sql(query_case).fetchall() == con.sql(query_ours).fetchall()
    assert sorted((label[c], n) for c, n in con.sql(query_udf).fetchall()) == con.sql(query_ours).fetchall()
    t_case, t_ours = best_interleaved([lambda: con.sql(query_case).fetchall(), lambda: con.sql(query_ours).fetchall()])
    results.append(
        ("DuckDB (group by category)", "`CASE WHEN code BETWEEN ...`", "`wsclose_category(code)` (macro)",
         t_case, t_ours)
    )
    results.append(
        ("DuckDB (group by category)", "Python UDF over `wsclose.arrays` (before)", "`wsclose_category(code)` (macro)",
         best(lambda: con.sql(query_udf).fetchall(), 1), t_ours)
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


ROOT = Path(__file__).resolve().parents[2]
STATS_DIR = ROOT / "build" / "bench-stats"
"""Where the stats benchmark writes its logs (not committed; reused when the size matches)."""

AWK_END = "END {for (c in n) print c, n[c]}"


def stats_logs(megabytes: int) -> dict[str, Path]:
    """The same codes (the mix above) as plain codes, CSV and JSON lines, each about
    ``megabytes`` MB, written once into build/bench-stats/."""
    STATS_DIR.mkdir(parents=True, exist_ok=True)
    formats = {
        "codes": ("codes.log", "", "{}\n"),
        "csv": ("events.csv", "timestamp,code,reason\n", "2026-11-01T00:00:00Z,{},going away\n"),
        "jsonl": ("events.jsonl", "", '{{"timestamp": "2026-11-01T00:00:00Z", "code": {}, "reason": "going away"}}\n'),
    }
    paths = {}
    for name, (file_name, header, row) in formats.items():
        path = STATS_DIR / f"{megabytes}mb-{file_name}"
        paths[name] = path
        if path.exists():
            continue
        rows_per_mb = 1_000_000 // len(row.format(1000))
        block = codes_mix(rows_per_mb).tolist()
        text = "".join(row.format(code) for code in block).encode()
        partial = path.with_suffix(".partial")
        with partial.open("wb") as handle:
            handle.write(header.encode())
            for _ in range(megabytes):
                handle.write(text)
        partial.rename(path)
    return paths


def stats_commands(script: str, name: str, path: Path) -> list[tuple[str, str, list[str]]]:
    """(label, output kind, command) for wsclose stats and the two shell baselines on one log."""
    awk = {
        "codes": ["awk", "{n[$1]++} " + AWK_END, str(path)],
        "csv": ["awk", "-F,", "NR > 1 {n[$2]++} " + AWK_END, str(path)],
        "jsonl": ["awk", "-F", '"code": ', "{split($2, v, /[,}]/); n[v[1]]++} " + AWK_END, str(path)],
    }[name]
    sort = {
        "codes": f"LC_ALL=C sort {path} | uniq -c",
        "csv": f"tail -n +2 {path} | cut -d, -f2 | LC_ALL=C sort | uniq -c",
        "jsonl": f"grep -o '\"code\": [0-9]*' {path} | LC_ALL=C sort | uniq -c",
    }[name]
    return [
        (f"`wsclose stats --output csv {path.name}`", "wsclose", [script, "stats", "--output", "csv", str(path)]),
        (f"`{shlex.join(awk[:-1])} {path.name}`", "awk", awk),
        (f"`{sort.replace(str(path), path.name)}`", "uniq", ["bash", "-c", sort]),
    ]


def bench_stats(megabytes: int, repeats: int = 1) -> list[tuple[str, str, float, float]]:
    """(format, command, seconds, MB/s): wsclose stats, awk and sort | uniq -c on the same logs,
    in one run. Each command ``repeats`` times, the best kept (a shared machine slows some runs);
    the count of every code is checked to be the same in the three answers."""
    script = str(Path(sys.executable).parent / "wsclose")
    # The package's modules compiled to bytecode, as installing a wheel does: an editable
    # install run with PYTHONDONTWRITEBYTECODE set would compile the changed ones on every run.
    compileall.compile_dir(Path(wsclose.__file__).parent, quiet=1)
    out = []
    for name, path in stats_logs(megabytes).items():
        size = path.stat().st_size
        answers: dict[str, dict[int, int]] = {}
        for label, kind, command in stats_commands(script, name, path):
            times = []
            for _ in range(repeats):
                _read_through(path)
                start = time.perf_counter()
                done = subprocess.run(command, stdout=subprocess.PIPE, check=True)
                times.append(time.perf_counter() - start)
                print(f"{name}: {label}: {times[-1]:.2f} s", file=sys.stderr)
            seconds = min(times)
            answers[label] = _counts(done.stdout.decode(), kind)
            counted = sum(answers[label].values())
            out.append((name, f"{label} → {counted:,} codes", seconds, size / seconds / 1e6))
        first, *others = answers.items()
        for label, counts in others:
            if counts != first[1]:
                raise SystemExit(f"{name}: {label} counts differently from {first[0]}")
    return out


def _read_through(path: Path) -> None:
    """Reads ``path`` once, so that the command timed next reads it from the page cache as the
    others do (a machine may page out a file it has not read for a while)."""
    with path.open("rb") as handle:
        while handle.read(16 << 20):
            pass


def _counts(output: str, kind: str) -> dict[int, int]:
    """The count of each code in a command's output: wsclose's CSV rows (`code,count,...` after
    a header), awk's `code count` lines, or uniq's `count code` lines (`count "code": N` for
    JSON lines)."""
    lines = output.splitlines()[1:] if kind == "wsclose" else output.splitlines()
    counts: dict[int, int] = {}
    for line in lines:
        fields = line.split(",") if kind == "wsclose" else line.split()
        code, count = (fields[-1], fields[0]) if kind == "uniq" else (fields[0], fields[1])
        counts[int(code)] = counts.get(int(code), 0) + int(count)
    return counts


def stats_section(megabytes: int, stats_rows: list[tuple[str, str, float, float]], repeats: int = 1) -> str:
    lines = [
        "### `wsclose stats` vs awk and sort | uniq -c",
        "",
        f"Machine: {machine()}. Command: `python py/bench/bench_analytics.py --stats-only --stats-mb {megabytes} "
        f"{f'--stats-repeats {repeats} ' if repeats > 1 else ''}--report docs/benchmarks.md`. ",
        f"Date: {date.today()}. The same codes (the mix above) as three logs of about {megabytes} MB each, generated",
        "into build/bench-stats/ (not committed): plain codes, CSV (`timestamp,code,reason`) and JSON lines. Every",
        f"command ran {'once' if repeats == 1 else f'{repeats} times (the best time is shown)'}, in the same run, "
        "each time right after the log was read",
        "through (so that it reads the log from the page cache), output to a pipe; the codes each one counted are",
        "shown, and the count of every code was checked to be the same in the three answers. wsclose reads a large",
        "plain file with two threads, one per half; awk is one process, and `sort` may sort with several threads.",
        "The wsclose package's modules were compiled to bytecode first, as installing it does.",
        "",
        "| log | command | seconds | MB/s | time vs wsclose |",
        "|-----|---------|--------:|-----:|----------------:|",
    ]
    ours = {name: seconds for name, label, seconds, _ in stats_rows if label.startswith("`wsclose")}
    for name, label, seconds, rate in stats_rows:
        cell = label.replace("|", "\\|")  # a pipe inside a table cell, even in a code span
        lines.append(f"| {name} | {cell} | {seconds:.2f} | {rate:,.1f} | {seconds / ours[name]:.1f}× |")
    return "\n".join(lines)


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


def section(rows: int, results: list[tuple[str, str, str, float, float]]) -> str:
    versions = (
        f"numpy {np.__version__}, pandas {pd.__version__}, pyarrow {pa.__version__}, polars {pl.__version__}, "
        f"duckdb {duckdb.__version__}, dask {metadata.version('dask')}"
    )
    lines = [
        "### Analytics: idiomatic vs wsclose in each library",
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
    return "\n".join(lines)


def write_section(path: Path, text: str, block_name: str = "analytics") -> None:
    start, end = f"<!-- bench:{block_name} -->", f"<!-- /bench:{block_name} -->"
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
    parser.add_argument("--stats-mb", type=int, default=256, help="size of each stats log in MB (default 256)")
    parser.add_argument("--stats-only", action="store_true", help="only the wsclose stats benchmark")
    parser.add_argument("--no-stats", action="store_true", help="only the library benchmarks, not wsclose stats")
    parser.add_argument(
        "--stats-repeats", type=int, default=1, metavar="N", help="run each stats command N times, keep the best"
    )
    parser.add_argument(
        "--report", type=Path, metavar="FILE", help="replace the analytics and stats sections of this markdown file"
    )
    options = parser.parse_args()
    if not options.stats_only:
        results = run(options.rows)
        text = section(options.rows, results)
        print(text)
        if options.report is not None:
            write_section(options.report, text)
    if options.no_stats:
        return
    stats_text = stats_section(
        options.stats_mb, bench_stats(options.stats_mb, options.stats_repeats), options.stats_repeats
    )
    print(stats_text)
    if options.report is not None:
        write_section(options.report, stats_text, "stats")
        print(f"\nwrote the benchmark sections of {options.report}")


if __name__ == "__main__":
    main()
