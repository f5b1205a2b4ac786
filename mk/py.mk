# Python package (py/): the `wsclose` wheel built by maturin from the pyo3 crate wsclose-py.
# PY, PY_DIR, PY_MATURIN, VENV and DIFF_DIR are the Makefile's.
.PHONY: py-develop py-typecheck py-wheel-check test-py test-py-websockets bench-py diff-python

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

# wsclose.websockets and info()'s close objects against every websockets version the extra allows:
# the lowest (the extra's lower bound, installed with pip --target into its own directory and put
# first on PYTHONPATH) and the highest (the pin in requirements-dev.txt, in .venv), each run
# asserting the version it imported; plus aiohttp (requirements-websockets.txt, once, stamped).
# mypy --strict checks the module against both (the lowest through MYPYPATH; its own sources are
# not ours to check, hence --follow-imports=silent).
PY_WS_REQS := $(PY_DIR)/requirements-websockets.txt
PY_WS_STAMP := $(VENV)/.wsclose-websockets-requirements
PY_WS_TESTS := tests/test_websockets.py tests/test_interop.py tests/test_interop_aiohttp.py

test-py-websockets: py-develop ## wsclose.websockets + info() interop vs the lowest and highest websockets the extra allows
	@start=$$(date +%s); \
	  want=$$(sha256sum $(PY_WS_REQS) | cut -d' ' -f1); \
	  if [[ ! -f $(PY_WS_STAMP) || "$$(cat $(PY_WS_STAMP))" != "$$want" ]]; then \
	    $(PY) -m pip install -q --disable-pip-version-check -r $(PY_WS_REQS) && echo "$$want" > $(PY_WS_STAMP); fi; \
	  bounds=$$(sed -n 's/^websockets = \["websockets>=\([0-9.]*\),<\([0-9]*\)"\]$$/\1 \2/p' $(PY_DIR)/pyproject.toml); \
	  read -r lowest below <<< "$$bounds"; \
	  highest=$$(sed -n 's/^websockets==//p' $(PY_DIR)/requirements-dev.txt); \
	  [[ -n $$lowest && -n $$below && -n $$highest ]] || { echo "test-py-websockets: cannot read the extra's bounds or the dev pin" >&2; exit 1; }; \
	  (( $${highest%%.*} < below )) || { echo "test-py-websockets: the dev pin websockets==$$highest is outside the extra (<$$below)" >&2; exit 1; }; \
	  low_dir=$(TARGET_DIR)/py-websockets-$$lowest; \
	  [[ -d $$low_dir/websockets ]] || $(PY) -m pip install -q --disable-pip-version-check --no-deps --target $$low_dir websockets==$$lowest; \
	  cd $(PY_DIR) && $(PY) -m mypy $(PY_WS_TESTS) python/wsclose/websockets.py; \
	  echo "test-py-websockets: mypy --strict against websockets $$lowest"; \
	  MYPYPATH=$$low_dir $(PY) -m mypy --follow-imports=silent python/wsclose/websockets.py tests/_ws_server.py \
	    tests/test_websockets.py tests/test_interop.py; \
	  for run in "$$lowest $$low_dir" "$$highest -"; do \
	    read -r version dir <<< "$$run"; path=$$([[ $$dir == - ]] || echo "$$dir"); \
	    echo "test-py-websockets: websockets $$version ($${path:-.venv})"; \
	    WSCLOSE_EXPECT_WEBSOCKETS=$$version PYTHONPATH=$$path $(PY) -m pytest -q -o addopts="-ra --strict-markers" $(PY_WS_TESTS); \
	  done; \
	  echo "[time] test-py-websockets: $$(( $$(date +%s) - start )) s"

bench-py: py-develop ## the package against HTTPStatus, dict.get and websockets -> docs/benchmarks.md
	$(PY) $(PY_DIR)/bench/bench.py --report $(ROOT)/docs/benchmarks.md

# The differential's Python column, through the public API of the package py-develop installed.
diff-python: py-develop ## the Python answers to the differential corpus
	mkdir -p $(DIFF_DIR)
	$(PY) $(PY_DIR)/tools/differential.py $(ROOT)/tests/differential $(DIFF_DIR)/python.txt

TEST_TARGETS += test-py test-py-websockets
BENCH_TARGETS += bench-py
DIFF_TARGETS += diff-python
