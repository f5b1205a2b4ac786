# Reconnecting clients (tests/reconnect): wsclose's ReconnectingWebSocket (bindings/js,
# `wsclose/reconnect`) against a real `ws` server on loopback that closes with final codes of
# three profiles, retry codes, 1001, or drops the TCP connection. In Node.js side by side with
# partysocket, reconnecting-websocket and sockette on a fake clock (60 s of policy time per run);
# in headless Chromium and Firefox ESR (puppeteer-core, Debian's browsers), including "offline".
# Results: target/reconnect/{node,browser}.{json,tsv}; docs/reconnect.md explains the table.
# npm packages: scripts/setup.d/55-reconnect.sh.
#
#   make test-reconnect                               both parts
#   make test-reconnect RECONNECT_BROWSERS=chromium   one browser
.PHONY: setup-reconnect test-reconnect

RECONNECT_DIR := $(ROOT)/tests/reconnect
RECONNECT_OUT := $(TARGET_DIR)/reconnect
RECONNECT_BROWSERS ?= chromium firefox

setup-reconnect: ## npm packages of tests/reconnect (ws, partysocket, reconnecting-websocket, sockette, fake-timers, puppeteer-core)
	$(call setup-step,55-reconnect)
deps: setup-reconnect
test-reconnect: setup-reconnect setup-browsers

test-reconnect: js-build ## wsclose's ReconnectingWebSocket vs partysocket, reconnecting-websocket, sockette (Node.js, fake clock) and in Chromium + Firefox
	@echo "== Reconnecting clients (tests/reconnect) =="
	@start=$$(date +%s); cd $(RECONNECT_DIR) && RECONNECT_OUT=$(RECONNECT_OUT) $(NODE) --test side-by-side.test.mjs; \
	  echo "[time] test-reconnect, Node.js side by side: $$(( $$(date +%s) - start )) s"
	@start=$$(date +%s); cd $(RECONNECT_DIR) && RECONNECT_OUT=$(RECONNECT_OUT) RECONNECT_BROWSERS="$(RECONNECT_BROWSERS)" \
	  $(NODE) --test browser.test.mjs; \
	  echo "[time] test-reconnect, browsers ($(RECONNECT_BROWSERS)): $$(( $$(date +%s) - start )) s"

TEST_TARGETS += test-reconnect
