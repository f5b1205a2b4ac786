# End-to-end (tests/e2e): what headless Chromium and Firefox do when a WebSocket closes, for all
# 65,536 codes in both directions plus malformed payloads, compared case by case with the core's
# model (core/src/browser.rs, printed by the browser_model example); the WebAssembly module in
# both browsers (shared vectors, the differential's code/parse/explain sections checked by
# `xtask differential ... --sections`, close() against isBrowserCloseable); and every cause
# `explain` names, reproduced. Needs Debian's chromium and firefox-esr
# (make setup-browsers) and openssl. Results and browser logs: target/e2e/.
#
#   make test-e2e                       both browsers, side by side
#   make test-e2e E2E_BROWSERS=firefox  one of them
.PHONY: test-e2e

E2E_BROWSERS ?= chromium firefox
E2E_MODEL := $(TARGET_DIR)/debug/examples/browser_model
E2E_CHECKER := $(TARGET_DIR)/debug/xtask differential

test-e2e: js-build ## Chromium and Firefox against the core's browser model, all 65,536 codes
	$(CARGO) build -q --locked -p wsclose --example browser_model
	$(CARGO) build -q --locked -p xtask
	python3 tests/e2e/harness.py --out $(TARGET_DIR)/e2e --model $(E2E_MODEL) \
	  --checker "$(E2E_CHECKER)" --diff-dir $(ROOT)/build/differential-browser \
	  $(addprefix --browser ,$(E2E_BROWSERS))

TEST_TARGETS += test-e2e
