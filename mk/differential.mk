# The cross-language differential (docs/differential.md): every binding answers the same corpus
# (tests/differential/ and all 65,536 codes) into build/differential/<language>.txt, and one
# checker (`xtask differential`) compares each file with the core, byte for byte. Each language's
# fragment appends its writer target to DIFF_TARGETS; this file is included last.
#
#   make test-differential            all ten answer files (Java twice: FFM and JNA; Go twice: cgo
#                                     and wazero), then the checker
#   make diff-rust / diff-c / ...     one language's answers
.PHONY: test-differential diff-rust

DIFF_DIR := $(ROOT)/build/differential

$(DIFF_DIR):
	mkdir -p $@

diff-rust: | $(DIFF_DIR)
	$(CARGO) run -q --release --locked -p wsclose --example differential -- \
	  $(ROOT)/tests/differential $(DIFF_DIR)/rust.txt

DIFF_TARGETS += diff-rust

test-differential: $(DIFF_TARGETS)
	$(CARGO) run -q --locked -p xtask -- differential $(DIFF_DIR)

TEST_TARGETS += test-differential
