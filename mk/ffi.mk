# C ABI (ffi-c/): libwsclose.so / libwsclose.a, the generated header include/wsclose.h, the C++
# header include/wsclose.hpp, install (pkg-config + CMake package), C/C++ tests, demo, bench.
#
#   make ffi-lib              release build: target/release/libwsclose.{so,a}
#   make ffi-install-local    install into build/prefix (PKG_CONFIG_PATH=build/prefix/lib/pkgconfig)
#   make install PREFIX=/p    install into a prefix (default /usr/local)
#   make ffi-header           regenerate include/wsclose.h after changing ffi-c/src/lib.rs
#   make test-ffi             everything below; bench-ffi
#   make ffi-abi-check        the exported ABI equals the committed baseline ffi-c/abi/wsclose.abi
#   make ffi-abi-update       rewrite the baseline after a deliberate, documented ABI change
#   make diff-c / diff-cpp    the differential's C and C++ answers (docs/differential.md)
#   make ffi-test-cpp-compile-fail   a raw integer for an enum class does not compile
.PHONY: ffi-abi-check ffi-abi-update diff-c diff-cpp ffi-asan-lib
.PHONY: ffi-lib ffi-header ffi-header-check ffi-install-local install ffi-rust-test ffi-exports \
        ffi-test-c ffi-test-cpp ffi-test-cpp-compile-fail ffi-test-asan ffi-test-valgrind \
        ffi-test-consumer ffi-test-readme test-ffi bench-ffi

PREFIX ?= /usr/local
FFI_BUILD := $(ROOT)/build/ffi
FFI_LOCAL_PREFIX := $(ROOT)/build/prefix
FFI_VECTORS := $(ROOT)/tests/vectors
FFI_WARN := -Wall -Wextra -Wpedantic -Werror
FFI_CC ?= gcc
FFI_CXX ?= g++
FFI_CLANGXX ?= clang++
FFI_CFLAGS := -std=c99 -O1 -g $(FFI_WARN) -I$(ROOT)/include
FFI_CXXFLAGS := -std=c++17 -O1 -g $(FFI_WARN) -I$(ROOT)/include
# The C++ tests: the vectors and C API (test_wsclose.cpp), every feature of wsclose.hpp
# (test_features.cpp).
FFI_CPP_TESTS := tests/cpp/test_wsclose.cpp tests/cpp/test_features.cpp
FFI_GTEST := -lgtest -lgtest_main -pthread
FFI_RPATH := -Wl,-rpath,$(FFI_LIBDIR)
FFI_STATIC_LIBS := -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc

# The soname link lets programs linked against target/release run from there (rpath).
ffi-lib: ## release build of libwsclose.{so,a} in target/release
	$(CARGO) build --release --locked -p wsclose-ffi
	ln -sfn libwsclose.so $(FFI_LIBDIR)/libwsclose.so.0

ffi-header: ## regenerate include/wsclose.h (pinned cbindgen)
	ffi-c/gen-header.sh include/wsclose.h

# The committed header must equal a fresh generation by the pinned cbindgen.
ffi-header-check: ## include/wsclose.h equals a fresh cbindgen run
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	ffi-c/gen-header.sh "$$tmp/wsclose.h"; \
	if ! diff -u include/wsclose.h "$$tmp/wsclose.h"; then \
	  echo "include/wsclose.h is stale: run 'make ffi-header' and commit it" >&2; exit 1; fi; \
	echo "ffi: include/wsclose.h matches a fresh cbindgen run"

install: ffi-lib ## install libwsclose, headers, pkg-config and CMake files into PREFIX
	ffi-c/install.sh "$(PREFIX)" "$(FFI_LIBDIR)"

ffi-install-local: ffi-lib
	ffi-c/install.sh "$(FFI_LOCAL_PREFIX)" "$(FFI_LIBDIR)"

ffi-rust-test:
	$(CARGO) test --locked -p wsclose-ffi

# Only wsclose_* may be exported, with the right soname.
ffi-exports: ffi-lib
	tests/c/check-exports.sh "$(FFI_LIBDIR)/libwsclose.so"

$(FFI_BUILD):
	mkdir -p $@

# The C ABI against its committed baseline (docs/c-abi.md, ABI stability): any removed, changed or
# added function signature, enum or #define value, or struct layout (LP64 and wasm32) fails; so
# does an export the header does not declare, in libwsclose.so or in the committed WebAssembly
# module the Go binding embeds. Record a deliberate change with ffi-abi-update.
FFI_ABI_BASELINE := ffi-c/abi/wsclose.abi
FFI_ABI_WASM := bindings/go/internal/wasmmod/wsclose.wasm
ffi-abi-check: ffi-lib
	python3 ffi-c/abi/abi.py check $(FFI_ABI_BASELINE) include/wsclose.h $(FFI_LIBDIR)/libwsclose.so $(FFI_ABI_WASM)

ffi-abi-update: ffi-lib ## rewrite the ABI baseline after a deliberate ABI change
	python3 ffi-c/abi/abi.py update $(FFI_ABI_BASELINE) include/wsclose.h $(FFI_LIBDIR)/libwsclose.so $(FFI_ABI_WASM)

# C99 test against the shared library.
ffi-test-c: ffi-lib | $(FFI_BUILD)
	$(FFI_CC) $(FFI_CFLAGS) tests/c/test_wsclose.c -o $(FFI_BUILD)/test_c \
	  -L$(FFI_LIBDIR) -lwsclose $(FFI_RPATH)
	$(FFI_BUILD)/test_c $(FFI_VECTORS)

# The GoogleTest program against the shared library: C++17 with g++ and C++20 with clang++
# (std::span in place of the C++17 view). The consumer test builds both standards with both
# compilers from the installed files.
ffi-test-cpp: ffi-lib | $(FFI_BUILD)
	$(FFI_CXX) $(FFI_CXXFLAGS) $(FFI_CPP_TESTS) -o $(FFI_BUILD)/test_cpp \
	  -L$(FFI_LIBDIR) -lwsclose $(FFI_RPATH) $(FFI_GTEST)
	WSCLOSE_VECTORS=$(FFI_VECTORS) $(FFI_BUILD)/test_cpp
	$(FFI_CLANGXX) $(subst -std=c++17,-std=c++20,$(FFI_CXXFLAGS)) $(FFI_CPP_TESTS) \
	  -o $(FFI_BUILD)/test_cpp20 -L$(FFI_LIBDIR) -lwsclose $(FFI_RPATH) $(FFI_GTEST)
	WSCLOSE_VECTORS=$(FFI_VECTORS) $(FFI_BUILD)/test_cpp20

# A raw integer where wsclose.hpp wants an enum class must not compile (and the same file without
# that line must build and run), with g++ and clang++, C++17 and C++20.
ffi-test-cpp-compile-fail: ffi-lib | $(FFI_BUILD)
	@for cxx in $(FFI_CXX) $(FFI_CLANGXX); do for std in c++17 c++20; do \
	  tests/cpp/compile-fail/run.sh $$cxx $$std $(ROOT)/include $(FFI_LIBDIR) $(FFI_BUILD)/compile-fail \
	    || exit 1; \
	done; done

# The C test again under ASan+UBSan, linked with a static library whose Rust code is itself
# instrumented (nightly -Zsanitizer=address; with the stable build ASan would only see the C side:
# an overread inside the Rust code went unnoticed in a trial). Needs the nightly toolchain that
# is on the machine; without it this fails rather than skips.
FFI_HOST = $(shell rustc -vV | sed -n 's/^host: //p')
# The sanitizer build flags and run settings of every ASan+UBSan test (these and mk/stack-*.mk);
# tests/c/check-sanitized.sh proves each program has them linked.
FFI_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FFI_SAN_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1
FFI_ASAN_LIB = $(TARGET_DIR)/ffi-asan/$(FFI_HOST)/release/libwsclose.a
# ffi-asan-lib builds that library (FFI_ASAN_LIB); the interop headers' sanitizer runs link it too.
ffi-asan-lib:
	RUSTFLAGS="-Zsanitizer=address" $(CARGO) +nightly build -q --release --locked -p wsclose-ffi \
	  --target $(FFI_HOST) --target-dir $(TARGET_DIR)/ffi-asan
	@nm $(FFI_ASAN_LIB) 2>/dev/null | grep '__asan_report_load' >/dev/null \
	  || { echo "ffi: $(FFI_ASAN_LIB) is not instrumented" >&2; exit 1; }

ffi-test-asan: ffi-asan-lib | $(FFI_BUILD)
	$(FFI_CC) $(FFI_CFLAGS) $(FFI_SAN) tests/c/test_wsclose.c -o $(FFI_BUILD)/test_c_asan \
	  $(FFI_ASAN_LIB) $(FFI_STATIC_LIBS)
	tests/c/check-sanitized.sh $(FFI_BUILD)/test_c_asan wsclose_classify
	$(FFI_SAN_ENV) $(FFI_BUILD)/test_c_asan $(FFI_VECTORS)
	$(FFI_CXX) $(FFI_CXXFLAGS) $(FFI_SAN) $(FFI_CPP_TESTS) -o $(FFI_BUILD)/test_cpp_asan \
	  $(FFI_ASAN_LIB) $(FFI_STATIC_LIBS) $(FFI_GTEST)
	tests/c/check-sanitized.sh $(FFI_BUILD)/test_cpp_asan wsclose_policy_decide
	$(FFI_SAN_ENV) WSCLOSE_VECTORS=$(FFI_VECTORS) $(FFI_BUILD)/test_cpp_asan

# The C and C++ tests under valgrind (shared library), zero errors and no leaks.
ffi-test-valgrind: ffi-test-c ffi-test-cpp
	valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	  --quiet $(FFI_BUILD)/test_c $(FFI_VECTORS)
	WSCLOSE_VECTORS=$(FFI_VECTORS) valgrind --error-exitcode=1 --leak-check=full \
	  --errors-for-leak-kinds=definite,indirect --quiet $(FFI_BUILD)/test_cpp

# Install into a temporary prefix; build with pkg-config and CMake from that prefix only.
ffi-test-consumer: ffi-lib
	tests/consumer/run.sh

# The C and C++ examples in the README compile and run as written.
ffi-test-readme: ffi-lib | $(FFI_BUILD)
	tests/c/readme-example.sh c $(ROOT)/README.md $(FFI_BUILD)
	tests/c/readme-example.sh cpp $(ROOT)/README.md $(FFI_BUILD)

test-ffi: ## header and ABI drift, exports, C/C++ tests (also ASan, valgrind), install, README example
test-ffi: ffi-header-check ffi-rust-test ffi-exports ffi-abi-check ffi-test-c ffi-test-cpp \
          ffi-test-cpp-compile-fail ffi-test-asan ffi-test-valgrind ffi-test-consumer ffi-test-readme
	@echo "ffi: all C ABI suites passed"

bench-ffi: ffi-lib | $(FFI_BUILD) ## wsclose_classify vs an inline C switch -> docs/benchmarks.md
	$(FFI_CC) -std=c99 -O2 $(FFI_WARN) -I$(ROOT)/include tests/c/bench.c -o $(FFI_BUILD)/bench \
	  -L$(FFI_LIBDIR) -lwsclose $(FFI_RPATH)
	$(FFI_BUILD)/bench | tee $(FFI_BUILD)/bench.txt
	tests/c/bench-report.sh $(FFI_BUILD)/bench.txt --report $(ROOT)/docs/benchmarks.md

# The C differential: every section through the public C API (code, parse, encode, encode16).
diff-c: ffi-lib | $(FFI_BUILD)
	@mkdir -p $(DIFF_DIR)
	$(FFI_CC) $(FFI_CFLAGS) tests/c/differential.c -o $(FFI_BUILD)/differential_c \
	  -L$(FFI_LIBDIR) -lwsclose $(FFI_RPATH)
	$(FFI_BUILD)/differential_c $(ROOT)/tests/differential $(DIFF_DIR)/c.txt

# The C++ differential through wsclose.hpp: every section, as for C.
diff-cpp: ffi-lib | $(FFI_BUILD)
	@mkdir -p $(DIFF_DIR)
	$(FFI_CXX) $(FFI_CXXFLAGS) tests/cpp/differential.cpp -o $(FFI_BUILD)/differential_cpp \
	  -L$(FFI_LIBDIR) -lwsclose $(FFI_RPATH)
	$(FFI_BUILD)/differential_cpp $(ROOT)/tests/differential $(DIFF_DIR)/cpp.txt

DIFF_TARGETS += diff-c diff-cpp
TEST_TARGETS += test-ffi
BENCH_TARGETS += bench-ffi
