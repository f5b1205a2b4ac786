# The cross-language differential (docs/differential.md): every binding answers the same corpus
# (tests/differential/ and all 65,536 codes) into build/differential/<language>.txt, and one
# checker (`xtask differential`) compares each file with the core, byte for byte. Each language's
# fragment appends its writer target to DIFF_TARGETS (a Makefile variable, as is DIFF_DIR); the
# recipe below reads the list when it runs, so the fragments' include order does not matter.
#
#   make test-differential            every language's answer file, then the checker
#   make diff-rust / diff-c / ...     one language's answers
.PHONY: test-differential diff-rust

$(DIFF_DIR):
	mkdir -p $@

diff-rust: | $(DIFF_DIR) ## the core's own answers to the differential corpus
	$(CARGO) run -q --release --locked -p wsclose --example differential -- \
	  $(ROOT)/tests/differential $(DIFF_DIR)/rust.txt

DIFF_TARGETS += diff-rust

test-differential: ## every language answers the corpus; xtask compares each file with the core
	@for target in $(DIFF_TARGETS); do $(MAKE) $$target || { echo "make test-differential: $$target FAILED" >&2; exit 1; }; done
	$(CARGO) run -q --locked -p xtask -- differential $(DIFF_DIR)

TEST_TARGETS += test-differential
