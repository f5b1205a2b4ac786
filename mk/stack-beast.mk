# Boost.Beast (Debian libboost-dev, docs/cpp-stacks.md): include/wsclose/beast.hpp tested against
# the real Beast, and the cost of wsclose beside Beast's own close handling.
#
#   make test-stack-beast   tests/cpp/stacks/beast: g++ C++17 (also under valgrind), clang++ C++20,
#                           g++ C++20 under ASan+UBSan (libwsclose.a built with -Zsanitizer=address)
#   make bench-beast        ns per close: Beast alone, Beast + wsclose, wsclose alone
# The example server examples/cpp-beast runs under Autobahn (tests/autobahn/servers/beast.sh).
.PHONY: test-stack-beast bench-beast

BEAST_BUILD := $(ROOT)/build/stack-beast
BEAST_TESTS := tests/cpp/stacks/beast/test_beast.cpp
BEAST_CXXFLAGS := -O1 -g $(FFI_WARN) -I$(ROOT)/include -pthread

$(BEAST_BUILD):
	mkdir -p $@

test-stack-beast: ffi-lib ffi-asan-lib | $(BEAST_BUILD) ## include/wsclose/beast.hpp against Boost.Beast (g++/clang++, ASan+UBSan, valgrind)
	@start=$$(date +%s); \
	set -e; \
	tests/cpp/stacks/beast/doc-example.sh docs/cpp-stacks.md $(BEAST_TESTS); \
	echo "== beast.hpp: g++ -std=c++17, clang++ -std=c++20, g++ -std=c++20 with ASan+UBSan (built side by side)"; \
	$(FFI_CXX) -std=c++17 $(BEAST_CXXFLAGS) $(BEAST_TESTS) -o $(BEAST_BUILD)/test_beast17 \
	  -L$(FFI_LIBDIR) -lwsclose $(FFI_RPATH) $(FFI_GTEST) & gxx=$$!; \
	$(FFI_CLANGXX) -std=c++20 $(BEAST_CXXFLAGS) $(BEAST_TESTS) -o $(BEAST_BUILD)/test_beast20 \
	  -L$(FFI_LIBDIR) -lwsclose $(FFI_RPATH) $(FFI_GTEST) & clangxx=$$!; \
	$(FFI_CXX) -std=c++20 $(BEAST_CXXFLAGS) $(FFI_SAN) $(BEAST_TESTS) \
	  -o $(BEAST_BUILD)/test_beast20_asan $(FFI_ASAN_LIB) $(FFI_STATIC_LIBS) $(FFI_GTEST) & asan=$$!; \
	wait $$gxx || { echo "beast: the g++ C++17 build failed" >&2; exit 1; }; \
	wait $$clangxx || { echo "beast: the clang++ C++20 build failed" >&2; exit 1; }; \
	wait $$asan || { echo "beast: the ASan+UBSan build failed" >&2; exit 1; }; \
	echo "== beast.hpp: g++ -std=c++17"; \
	$(BEAST_BUILD)/test_beast17; \
	echo "== beast.hpp: the same under valgrind"; \
	valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	  $(BEAST_BUILD)/test_beast17 --gtest_brief=1; \
	echo "== beast.hpp: clang++ -std=c++20"; \
	$(BEAST_BUILD)/test_beast20 --gtest_brief=1; \
	echo "== beast.hpp: g++ -std=c++20, ASan+UBSan, libwsclose.a instrumented"; \
	tests/c/check-sanitized.sh $(BEAST_BUILD)/test_beast20_asan wsclose_parse_close_payload; \
	$(FFI_SAN_ENV) $(BEAST_BUILD)/test_beast20_asan; \
	echo "[time] test-stack-beast: $$(( $$(date +%s) - start )) s"

STACK_TESTS += test-stack-beast

bench-beast: ffi-lib | $(BEAST_BUILD) ## ns per close: Beast's own close handling, + wsclose, wsclose alone -> docs/benchmarks.md
	$(FFI_CXX) -std=c++17 -O2 -g $(FFI_WARN) -I$(ROOT)/include -pthread \
	  tests/cpp/stacks/beast/bench_beast.cpp -o $(BEAST_BUILD)/bench_beast \
	  -L$(FFI_LIBDIR) -lwsclose $(FFI_RPATH)
	$(BEAST_BUILD)/bench_beast | tee $(BEAST_BUILD)/bench.txt
	tests/cpp/stacks/beast/bench-report.sh $(BEAST_BUILD)/bench.txt docs/benchmarks.md

BENCH_TARGETS += bench-beast
