# Close-event analytics (docs/analytics.md): wsclose.arrays and the pandas, Arrow, Polars, DuckDB
# and Dask integrations, and `wsclose stats`. The optional libraries are pinned in
# py/requirements-analytics.txt and installed into .venv once (a stamp makes a second run a
# no-op); the package itself depends on none of them.
#
#   make test-analytics    install the extras (once), mypy --strict, pytest on the analytics tests
#   make bench-analytics   rows/s per library, idiomatic vs wsclose; `wsclose stats` MB/s vs awk
#                          and sort | uniq -c (results: docs/benchmarks.md, analytics section)
.PHONY: analytics-deps test-analytics bench-analytics

ANALYTICS_REQS := $(PY_DIR)/requirements-analytics.txt
ANALYTICS_STAMP := $(VENV)/.wsclose-analytics-requirements
# The modules and tests that need the extras; test-py's mypy and pytest leave them out.
ANALYTICS_MYPY := python/wsclose/arrays.py python/wsclose/stats.py python/wsclose/pandas.py \
  python/wsclose/polars.py python/wsclose/duckdb.py python/wsclose/dask.py \
  tests/test_arrays.py tests/test_arrow.py tests/test_polars.py tests/test_duckdb.py \
  tests/test_dask.py tests/test_stats.py tests/test_plot.py bench/bench_analytics.py
ANALYTICS_TESTS := tests/test_arrays.py tests/test_arrow.py tests/test_polars.py tests/test_duckdb.py \
  tests/test_dask.py tests/test_stats.py tests/test_plot.py

analytics-deps:
	@want=$$(sha256sum $(ANALYTICS_REQS) | cut -d' ' -f1); \
	if [[ -f $(ANALYTICS_STAMP) && "$$(cat $(ANALYTICS_STAMP))" == "$$want" ]]; then \
	  echo "[time] analytics extras: already installed"; \
	else \
	  start=$$(date +%s); \
	  $(PY) -m pip install -q --disable-pip-version-check -r $(ANALYTICS_REQS); \
	  echo "$$want" > $(ANALYTICS_STAMP); \
	  echo "[time] analytics extras installed: $$(( $$(date +%s) - start )) s"; \
	fi

test-analytics: analytics-deps py-develop ## the analytics extras (once), mypy --strict, their tests
	@start=$$(date +%s); cd $(PY_DIR) && $(PY) -m mypy $(ANALYTICS_MYPY); \
	  echo "[time] analytics mypy: $$(( $$(date +%s) - start )) s"
	@start=$$(date +%s); cd $(PY_DIR) && $(PY) -m pytest -o addopts="-ra --strict-markers" $(ANALYTICS_TESTS); \
	  echo "[time] analytics tests: $$(( $$(date +%s) - start )) s"

bench-analytics: analytics-deps py-develop ## rows/s per library, wsclose stats vs awk -> docs/benchmarks.md
	$(PY) $(PY_DIR)/bench/bench_analytics.py --report $(ROOT)/docs/benchmarks.md

TEST_TARGETS += test-analytics
BENCH_TARGETS += bench-analytics
