# Release artefacts (docs/release.md): `make dist` writes dist/, `make test-dist` installs each
# artefact the way its users do, from nothing in the checkout, and runs a consumer against it.
#
#   make dist          every artefact below, then dist/SHA256SUMS
#   make test-dist     make dist, the version drift check, then every consumer test (timed)
#   make dist-python   wsclose-V-cp311-abi3-manylinux_2_17 wheel (maturin --zig) + sdist; twine check
#   make dist-rust     wsclose-V.crate (cargo package) and cargo publish --dry-run
#   make dist-c        wsclose-V-linux-x86_64.tar.gz, libwsclose0_V_amd64.deb, libwsclose-dev_V_amd64.deb
#   make dist-node     wsclose-V.tgz (npm pack): bindings/js over WebAssembly, ESM + CommonJS + types
#   make dist-go       dist/goproxy/: the Go module as a GOPROXY serves it (list, .info, .mod, .zip)
#   make dist-java     wsclose-V.jar (+ pom) with libwsclose.so inside
.PHONY: dist dist-clean dist-python dist-rust dist-c dist-node dist-go dist-java dist-sums \
        test-dist dist-version-check test-dist-python test-dist-rust test-dist-c test-dist-node \
        test-dist-go test-dist-java

DIST_DIR := $(ROOT)/dist
DIST_WORK := $(ROOT)/build/dist
# Recursive (=): cargo metadata runs only when a dist recipe needs the version.
DIST_VERSION = $(shell $(ROOT)/ffi-c/version.sh)
DIST_STAGES := python rust c node go java

# Each stage installs what it uses (make setup-dist, setup-js, setup-go, setup-java: the Makefile
# says which), so `make dist` works in a fresh clone.
dist-clean: ## remove dist/ and build/dist
	rm -rf $(DIST_DIR) $(DIST_WORK)

# Each stage prints its time; SHA256SUMS is written last over everything in dist/.
dist: ## every release artefact into dist/, then dist/SHA256SUMS
	@mkdir -p $(DIST_DIR); for stage in $(DIST_STAGES); do start=$$(date +%s); \
	  $(MAKE) dist-$$stage || { echo "make dist: dist-$$stage FAILED" >&2; exit 1; }; \
	  echo "[time] dist-$$stage: $$(( $$(date +%s) - start )) s"; done
	@$(MAKE) dist-sums

dist-sums:
	@mkdir -p $(DIST_WORK)
	cd $(DIST_DIR) && rm -f SHA256SUMS && find . -type f -printf '%P\n' | LC_ALL=C sort \
	  | xargs sha256sum >$(DIST_WORK)/SHA256SUMS && mv $(DIST_WORK)/SHA256SUMS SHA256SUMS && sha256sum -c --quiet SHA256SUMS
	@echo "dist: $$(wc -l <$(DIST_DIR)/SHA256SUMS) files in $(DIST_DIR)/SHA256SUMS"

# --- Python ------------------------------------------------------------------------------------
# One abi3 wheel linked by zig against glibc 2.17 (manylinux2014), in its own target directory so
# that it never invalidates the py-develop build (maturin finds zig as `python -m ziglang` of the
# venv, hence PATH); the tag is verified by auditwheel, not assumed.
dist-python:
	# (the C tarball, wsclose-V-linux-ARCH.tar.gz, is dist-c's)
	rm -f $(DIST_DIR)/wsclose-*.whl
	find $(DIST_DIR) -maxdepth 1 -name 'wsclose-*.tar.gz' ! -name 'wsclose-*-linux-*' -delete 2>/dev/null || true
	PATH=$(VENV)/bin:$$PATH $(PY_MATURIN) build --release --locked -m $(PY_DIR)/Cargo.toml \
	  --compatibility manylinux2014 --zig \
	  --target-dir $(TARGET_DIR)/dist -o $(DIST_DIR)
	$(PY_MATURIN) sdist -m $(PY_DIR)/Cargo.toml -o $(DIST_DIR)
	@wheel=$$(ls $(DIST_DIR)/wsclose-$(DIST_VERSION)-cp311-abi3-manylinux2014_x86_64.manylinux_2_17_x86_64.whl); \
	  $(VENV)/bin/auditwheel show "$$wheel" | tr '\n' ' ' | grep 'consistent with the following platform tag: "manylinux_2_17_x86_64"' >/dev/null \
	  || { $(VENV)/bin/auditwheel show "$$wheel"; echo "dist: $$wheel is not manylinux_2_17" >&2; exit 1; }; \
	  echo "dist: auditwheel: $$(basename $$wheel) is manylinux_2_17_x86_64"
	$(VENV)/bin/twine check --strict $(DIST_DIR)/wsclose-$(DIST_VERSION)*.whl $(DIST_DIR)/wsclose-$(DIST_VERSION).tar.gz

test-dist-python:
	tests/dist/python.sh $(DIST_DIR) $(DIST_VERSION)

# --- Rust -------------------------------------------------------------------------------------
# --allow-dirty: dist/ and build/ are ignored, but a developer's uncommitted edits must not stop
# `make test`; .cargo_vcs_info.json inside the .crate records whether the tree was dirty.
dist-rust:
	$(CARGO) package -p wsclose --locked --allow-dirty -q
	cp $(TARGET_DIR)/package/wsclose-$(DIST_VERSION).crate $(DIST_DIR)/
	$(CARGO) publish -p wsclose --dry-run --no-verify --allow-dirty -q

test-dist-rust:
	WSCLOSE_DIST_CARGO_TARGET=$(ROOT)/build/dist-cache/rust-consumer tests/dist/rust.sh $(DIST_DIR) $(DIST_VERSION)

# --- C/C++ ------------------------------------------------------------------------------------
dist-c: ffi-lib
	scripts/dist/c.sh $(DIST_DIR) $(FFI_LIBDIR) $(DIST_WORK)/c

test-dist-c:
	tests/dist/c.sh $(DIST_DIR) $(DIST_VERSION)

# --- JavaScript --------------------------------------------------------------------------------
dist-node: js-build
	scripts/dist/npm.sh $(DIST_DIR) $(DIST_WORK)/npm $(DIST_VERSION)

test-dist-node:
	tests/dist/node.sh $(DIST_DIR) $(DIST_VERSION)

# --- Go ---------------------------------------------------------------------------------------
# A real release tags bindings/go/vX.Y.Z (the module lives in a subdirectory); here the proxy
# files are written from the tree, so the consumer test needs no tag and no network. The zip
# carries the committed internal/wasmmod/wsclose.wasm, checked against a fresh wasm-build first.
dist-go: go-wasm-check
	rm -rf $(DIST_DIR)/goproxy
	python3 scripts/dist/goproxy.py $(ROOT) $(DIST_DIR)/goproxy $(DIST_VERSION)

test-dist-go:
	WSCLOSE_DIST_GOCACHE=$(ROOT)/build/dist-cache/gocache tests/dist/go.sh $(DIST_DIR) $(DIST_VERSION)

# --- Java -------------------------------------------------------------------------------------
# The jar of bindings/java built with the `dist` profile, which adds libwsclose.so under
# native/linux-x86_64/ (Native.java loads it when no path is given); tests are make test-java's.
dist-java: ffi-lib
	rm -rf $(DIST_WORK)/java-native && mkdir -p $(DIST_WORK)/java-native
	cp $(FFI_LIBDIR)/libwsclose.so $(DIST_WORK)/java-native/libwsclose.so
	$(JAVA_ENV); $(JAVA_MVN) -Pdist -Dwsclose.native.dir=$(DIST_WORK)/java-native -DskipTests clean package
	cp $(JAVA_DIR)/target/wsclose-$(DIST_VERSION).jar $(DIST_DIR)/
	cp $(JAVA_DIR)/pom.xml $(DIST_DIR)/wsclose-$(DIST_VERSION).pom

test-dist-java:
	tests/dist/java.sh $(DIST_DIR) $(DIST_VERSION)

# --- all --------------------------------------------------------------------------------------
dist-version-check:
	tests/dist/check-version.sh $(DIST_DIR)
	tests/dist/check-licenses.sh $(DIST_DIR)

test-dist: dist ## make dist, the version check, then each artefact installed and used as its users do
	@$(MAKE) dist-version-check
	@total=$$(date +%s); for stage in $(DIST_STAGES); do start=$$(date +%s); \
	  $(MAKE) test-dist-$$stage || { echo "make test-dist: test-dist-$$stage FAILED" >&2; exit 1; }; \
	  echo "[time] test-dist-$$stage: $$(( $$(date +%s) - start )) s"; done; \
	  echo "[time] test-dist consumers: $$(( $$(date +%s) - total )) s"

TEST_TARGETS += test-dist
