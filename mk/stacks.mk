# The C/C++ WebSocket stacks (docs/peers.md, docs/autobahn.md): the optional header-only interop
# headers in include/wsclose/ (beast.hpp, lws.h, websocketpp.hpp), each tested against the real
# stack from Debian, with g++ and clang++ and -Wall -Wextra -Werror. Each stack's fragment
# (mk/stack-<name>.mk, included before this file) appends its test targets to STACK_TESTS.
#
#   make test-stacks      every interop header against its stack
# Setup (Debian's libboost-dev, libwebsockets-dev, libwebsocketpp-dev): make setup-autobahn.
.PHONY: test-stacks

test-stacks: $(STACK_TESTS) ## the interop headers (include/wsclose/) against Beast, libwebsockets, websocketpp
	@[ -n "$(strip $(STACK_TESTS))" ] || { echo "test-stacks: no stack tests are defined" >&2; exit 1; }
	@echo "test-stacks: passed ($(STACK_TESTS))"

TEST_TARGETS += test-stacks
