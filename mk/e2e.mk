# End-to-end (tests/e2e): what headless Chromium and Firefox do when a WebSocket closes, for all
# 65,536 codes in both directions plus malformed payloads, compared case by case with the core's
# model (core/src/browser.rs, printed by the browser_model example). Needs Debian's chromium and
# firefox-esr (scripts/setup.d/80-browsers.sh). Results and browser logs: target/e2e/.
#
#   make test-e2e                       both browsers
#   make test-e2e E2E_BROWSERS=firefox  one of them
.PHONY: test-e2e

E2E_BROWSERS ?= chromium firefox
E2E_MODEL := $(TARGET_DIR)/debug/examples/browser_model

test-e2e:
	@bash scripts/setup.d/80-browsers.sh
	$(CARGO) build -q --locked -p wsclose --example browser_model
	python3 tests/e2e/harness.py --out $(TARGET_DIR)/e2e --model $(E2E_MODEL) \
	  $(addprefix --browser ,$(E2E_BROWSERS))

TEST_TARGETS += test-e2e
