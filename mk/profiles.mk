# Application-protocol profiles checked against the real reference clients (docs/profiles.md,
# "Checked against the real clients"): for every close code, core/examples/profile_advice.rs prints
# the profile's advice and tests/profiles-js/ drives the npm clients (graphql-ws, centrifuge) with
# a fake WebSocket and compares what they do.
#
#   make test-profiles-js    npm ci when node_modules is missing or stale, advice files, node --test
.PHONY: test-profiles-js profiles-js-deps profiles-js-advice

PROFILES_JS_DIR := $(ROOT)/tests/profiles-js
PROFILES_JS_OUT := $(ROOT)/build/profiles-js
PROFILES_JS_NAMES := graphql-transport-ws centrifuge
# sha256 of the package-lock.json node_modules was installed from.
PROFILES_JS_STAMP := $(PROFILES_JS_DIR)/node_modules/.wsclose-lock-stamp

profiles-js-deps:
	@cd $(PROFILES_JS_DIR) && want=$$(sha256sum package-lock.json | cut -d' ' -f1) \
	  && if [ -d node_modules ] && [ "$$(cat $(PROFILES_JS_STAMP) 2>/dev/null)" = "$$want" ]; then \
	    echo "profiles-js: node_modules up to date"; \
	  else \
	    echo "profiles-js: npm ci (node_modules missing or installed from another package-lock.json)"; \
	    $(NPM) ci --ignore-scripts --no-audit --no-fund && echo "$$want" > $(PROFILES_JS_STAMP); \
	  fi

profiles-js-advice:
	@mkdir -p $(PROFILES_JS_OUT)
	@for name in $(PROFILES_JS_NAMES); do \
	  $(CARGO) run -q --release --locked -p wsclose --example profile_advice -- $$name > $(PROFILES_JS_OUT)/$$name.txt.tmp \
	    && mv $(PROFILES_JS_OUT)/$$name.txt.tmp $(PROFILES_JS_OUT)/$$name.txt || exit 1; \
	done

test-profiles-js: ## the profiles against the real graphql-ws and centrifuge clients
	@echo "== profiles against the real clients (tests/profiles-js) =="
	@start=$$(date +%s.%N); \
	  $(MAKE) profiles-js-deps; t1=$$(date +%s.%N); \
	  $(MAKE) profiles-js-advice; t2=$$(date +%s.%N); \
	  cd $(PROFILES_JS_DIR) && WSCLOSE_PROFILE_ADVICE_DIR=$(PROFILES_JS_OUT) $(NODE) --test *.test.js; t3=$$(date +%s.%N); \
	  awk -v a=$$start -v b=$$t1 -v c=$$t2 -v d=$$t3 'BEGIN { printf "test-profiles-js: passed in %.1f s (npm: %.1f s, advice: %.1f s, node --test: %.1f s)\n", d-a, b-a, c-b, d-c }'

TEST_TARGETS += test-profiles-js
