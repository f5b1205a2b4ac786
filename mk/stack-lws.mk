# include/wsclose/lws.h against Debian's libwebsockets 4.1 (docs/cpp-stacks.md), built as a user
# builds it: the installed build/prefix found by pkg-config (wsclose, libwebsockets).
#
#   make test-stacks-lws   tests/c/stacks/lws: gcc -std=c99 (lws's rule on all 65,536 codes),
#                          clang -std=c11, g++ C++17 and clang++ C++20, ASan+UBSan, valgrind;
#                          examples/c-libwebsockets built with gcc and clang
# The sanitizer and valgrind runs take the "sample" sweep (the edges of every range), the gcc run
# the "full" one (65,536 loopback connections, most of the stage's time).
.PHONY: test-stacks-lws

STACK_LWS_BUILD := $(ROOT)/build/stacks/lws
STACK_LWS_SRC := $(ROOT)/tests/c/stacks/lws
STACK_LWS_PKG := PKG_CONFIG_PATH=$(ROOT)/build/prefix/lib/pkgconfig pkg-config
STACK_LWS_WARN := -O1 -g $(FFI_WARN)
# Deferred: build/prefix exists only once ffi-install-local ran.
STACK_LWS_CFLAGS = $(shell $(STACK_LWS_PKG) --cflags wsclose libwebsockets)
STACK_LWS_LIBS = $(shell $(STACK_LWS_PKG) --libs wsclose libwebsockets) \
  -Wl,-rpath,$(shell $(STACK_LWS_PKG) --variable=libdir wsclose)

test-stacks-lws: ffi-install-local ## include/wsclose/lws.h against libwebsockets: gcc, clang, C++, ASan+UBSan, valgrind
	@start=$$(date +%s); mkdir -p $(STACK_LWS_BUILD); \
	echo "== lws.h: gcc -std=c99, lws's rule on every code"; \
	gcc -std=c99 $(STACK_LWS_WARN) $(STACK_LWS_CFLAGS) $(STACK_LWS_SRC)/test_lws.c \
	  -o $(STACK_LWS_BUILD)/test_lws_gcc $(STACK_LWS_LIBS); \
	$(STACK_LWS_BUILD)/test_lws_gcc full; \
	echo "== lws.h: clang -std=c11"; \
	clang -std=c11 $(STACK_LWS_WARN) $(STACK_LWS_CFLAGS) $(STACK_LWS_SRC)/test_lws.c \
	  -o $(STACK_LWS_BUILD)/test_lws_clang $(STACK_LWS_LIBS); \
	$(STACK_LWS_BUILD)/test_lws_clang sample; \
	echo "== lws.h as C++: g++ -std=c++17, clang++ -std=c++20"; \
	g++ -std=c++17 $(STACK_LWS_WARN) $(STACK_LWS_CFLAGS) $(STACK_LWS_SRC)/test_lws_cxx.cpp \
	  -o $(STACK_LWS_BUILD)/test_lws_cxx17 $(STACK_LWS_LIBS); \
	$(STACK_LWS_BUILD)/test_lws_cxx17; \
	clang++ -std=c++20 $(STACK_LWS_WARN) $(STACK_LWS_CFLAGS) $(STACK_LWS_SRC)/test_lws_cxx.cpp \
	  -o $(STACK_LWS_BUILD)/test_lws_cxx20 $(STACK_LWS_LIBS); \
	$(STACK_LWS_BUILD)/test_lws_cxx20; \
	echo "== lws.h: ASan+UBSan (gcc)"; \
	gcc -std=c99 $(STACK_LWS_WARN) $(FFI_SAN) $(STACK_LWS_CFLAGS) $(STACK_LWS_SRC)/test_lws.c \
	  -o $(STACK_LWS_BUILD)/test_lws_asan $(STACK_LWS_LIBS); \
	tests/c/check-sanitized.sh $(STACK_LWS_BUILD)/test_lws_asan; \
	$(FFI_SAN_ENV) $(STACK_LWS_BUILD)/test_lws_asan sample; \
	echo "== lws.h: valgrind"; \
	valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	  $(STACK_LWS_BUILD)/test_lws_gcc sample; \
	echo "== examples/c-libwebsockets: gcc and clang"; \
	for cc in gcc clang; do mkdir -p $(STACK_LWS_BUILD)/example-$$cc; \
	  PKG_CONFIG_PATH=$(ROOT)/build/prefix/lib/pkgconfig $(MAKE) -s -B -C $(ROOT)/examples/c-libwebsockets \
	    CC=$$cc OUT=$(STACK_LWS_BUILD)/example-$$cc; done; \
	echo "[time] test-stacks-lws: $$(( $$(date +%s) - start )) s"

STACK_TESTS += test-stacks-lws
