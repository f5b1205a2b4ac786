# The documentation as a site (docs/book.toml): mdBook, pinned in scripts/setup.d/70-site.sh,
# builds docs/ into site/; the explainer page (tools/explainer: TypeScript over the npm package
# `wsclose`, one self-contained HTML file with the WebAssembly module inlined) is one of its
# pages; tools/site/build.py checks every link. tests/site drives Debian's Chromium and Firefox
# ESR with Puppeteer over the explainer and the book.
#
#   make site        build site/ (open site/index.html, or serve the folder from any static host)
#   make test-site   the explainer in both browsers: the corpus typed into the form and checked
#                    with the core (xtask differential-lines), deep links served and from file://,
#                    keyboard, phone width, axe-core; screenshots in target/site/screenshots/
.PHONY: explainer site test-site

EXPLAINER_HTML := $(ROOT)/build/explainer/explainer.html
SITE_BROWSERS ?= chromium firefox

explainer: js-build ## the explainer page, one self-contained HTML file (build/explainer/)
	cd $(ROOT) && $(JS_DIR)/node_modules/.bin/tsc -p tools/explainer/tsconfig.json
	$(NODE) $(ROOT)/tools/explainer/build.mjs $(EXPLAINER_HTML)

site: explainer ## the documentation as a site in site/ (mdBook), links checked
	python3 $(ROOT)/tools/site/build.py --mdbook mdbook --explainer $(EXPLAINER_HTML) --out $(ROOT)/site

test-site: site ## the explainer and the book in headless Chromium and Firefox (Puppeteer), axe-core, screenshots
	@echo "== Site (explainer in $(SITE_BROWSERS)) =="
	$(CARGO) build -q --locked -p xtask
	@start=$$(date +%s); $(NODE) $(ROOT)/tests/site/run.mjs --site $(ROOT)/site --out $(TARGET_DIR)/site \
	  --checker "$(TARGET_DIR)/debug/xtask differential-lines" $(addprefix --browser ,$(SITE_BROWSERS)); \
	  status=$$?; echo "[time] test-site: $$(( $$(date +%s) - start )) s"; exit $$status

TEST_TARGETS += test-site
