# websocketpp (docs/cpp-stacks.md): include/wsclose/websocketpp.hpp against Debian's
# libwebsocketpp-dev 0.8.2 (Boost.Asio): every code through the converters and websocketpp's own
# rules, a loopback server and client, and websocketpp's answers to Autobahn case 7's Close frames
# (docs/peers.md); g++ C++17, clang++ C++20, ASan+UBSan (with libwsclose.a instrumented by the
# nightly -Zsanitizer=address, as ffi-test-asan), valgrind; built against the installed prefix
# through pkg-config.
#
#   make test-stack-websocketpp
.PHONY: test-stack-websocketpp

test-stack-websocketpp: ffi-install-local ffi-asan-lib ## wsclose/websocketpp.hpp against websocketpp 0.8.2
	PKG_CONFIG_PATH=$(FFI_LOCAL_PREFIX)/lib/pkgconfig tests/cpp/stacks/websocketpp/run.sh \
	  $(ROOT)/docs/cpp-stacks.md $(ROOT)/build/stacks/websocketpp $(FFI_ASAN_LIB)

STACK_TESTS += test-stack-websocketpp
