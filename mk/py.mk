# Python package (py/): the `wsclose` wheel built by maturin from the pyo3 crate wsclose-py.
#
#   make py-develop   build the extension (release) and install it editable into .venv
#   make test-py      build, mypy --strict, stubtest, the wheel in a clean venv, pytest
#   make demo-py      the `wsclose` command on a few codes
#   make bench-py     classify / info / member attributes / parse / classify_many against
#                     HTTPStatus, dict.get and websockets; rewrites the python section of
#                     docs/benchmarks.md
#   make diff-python  the Python answers to the differential corpus (build/differential/python.txt)
.PHONY: py-venv py-develop py-typecheck py-wheel-check test-py demo-py bench-py diff-python

PY_DIR := $(ROOT)/py
PY_WHEELS := $(TARGET_DIR)/py-wheels
PY_MATURIN := VIRTUAL_ENV=$(VENV) $(VENV)/bin/maturin

# The venv and the pinned tools (a quick no-op when they are there).
py-venv:
	@bash scripts/setup.d/20-python.sh

py-develop: py-venv
	$(PY_MATURIN) develop --release --locked -m $(PY_DIR)/Cargo.toml

py-typecheck: py-develop
	cd $(PY_DIR) && $(PY) -m mypy
	cd $(PY_DIR) && $(PY) -m mypy.stubtest --mypy-config-file pyproject.toml --allowlist stubtest-allowlist.txt wsclose

# The release wheel, installed into a brand-new venv with no index: imports, works, is typed.
py-wheel-check: py-venv
	rm -rf $(PY_WHEELS)
	$(PY_MATURIN) build --release --locked -m $(PY_DIR)/Cargo.toml -o $(PY_WHEELS)
	PYTHON=$(PY) $(PY_DIR)/tools/check-wheel.sh $(PY_WHEELS)

# pytest runs last, so that its summary line closes the output of this target.
test-py: py-typecheck py-wheel-check
	cd $(PY_DIR) && $(PY) -m pytest

demo-py: py-develop
	@echo "== Python =="
	$(VENV)/bin/wsclose --short 1000 1006 1014 3000 4999 5000
	$(VENV)/bin/wsclose 1014

bench-py: py-develop
	$(PY) $(PY_DIR)/bench/bench.py --write $(ROOT)/docs/benchmarks.md

# The differential's Python column, through the public API of the package py-develop installed.
# (DIFF_DIR comes from mk/differential.mk, included after this file: only recipes may use it.)
diff-python: py-develop
	mkdir -p $(DIFF_DIR)
	$(PY) $(PY_DIR)/tools/differential.py $(ROOT)/tests/differential $(DIFF_DIR)/python.txt

DEMO_TARGETS += demo-py
TEST_TARGETS += test-py
BENCH_TARGETS += bench-py
DIFF_TARGETS += diff-python
