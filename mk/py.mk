# Python package (py/): the `wsclose` wheel built by maturin from the pyo3 crate wsclose-py.
# PY, PY_DIR, PY_MATURIN, VENV and DIFF_DIR are the Makefile's.
.PHONY: py-develop py-typecheck py-wheel-check test-py bench-py diff-python

PY_WHEELS := $(TARGET_DIR)/py-wheels
# The Cargo profile of the editable build: release for the tests and benchmarks; `make demo`
# passes dev, which builds quicker and is as correct.
PY_PROFILE ?= release

py-develop: ## build the extension with maturin and install it editable into .venv
	$(PY_MATURIN) develop --profile $(PY_PROFILE) --locked -m $(PY_DIR)/Cargo.toml

py-typecheck: py-develop ## mypy --strict and stubtest on the package
	cd $(PY_DIR) && $(PY) -m mypy
	cd $(PY_DIR) && $(PY) -m mypy.stubtest --mypy-config-file pyproject.toml --allowlist stubtest-allowlist.txt wsclose

# The release wheel, installed into a brand-new venv with no index: imports, works, is typed.
py-wheel-check: ## the release wheel in a brand-new venv: imports, works, is typed
	rm -rf $(PY_WHEELS)
	$(PY_MATURIN) build --release --locked -m $(PY_DIR)/Cargo.toml -o $(PY_WHEELS)
	PYTHON=$(PY) $(PY_DIR)/tools/check-wheel.sh $(PY_WHEELS)

# pytest runs last, so that its summary line closes the output of this target.
test-py: py-typecheck py-wheel-check ## py-typecheck, py-wheel-check, then pytest
	cd $(PY_DIR) && $(PY) -m pytest

bench-py: py-develop ## the package against HTTPStatus, dict.get and websockets -> docs/benchmarks.md
	$(PY) $(PY_DIR)/bench/bench.py --report $(ROOT)/docs/benchmarks.md

# The differential's Python column, through the public API of the package py-develop installed.
diff-python: py-develop ## the Python answers to the differential corpus
	mkdir -p $(DIFF_DIR)
	$(PY) $(PY_DIR)/tools/differential.py $(ROOT)/tests/differential $(DIFF_DIR)/python.txt

TEST_TARGETS += test-py
BENCH_TARGETS += bench-py
DIFF_TARGETS += diff-python
