# A real WebSocket stack on wsclose (docs/autobahn.md): the C echo server on wslay in
# examples/c-wslay, run through Autobahn|Testsuite case 7 (Close handling); and the Python
# (websockets) and Node (ws) examples, each tested end to end on loopback.
#
#   make test-autobahn     build the server against build/prefix, wstest case 7.*, all 37 OK
#   make test-examples     examples/python-websockets and examples/node-ws against real clients
# Setup (Debian's libwslay-dev, the Python 2.7 venv with wstest): make setup-autobahn.
.PHONY: test-autobahn test-examples

test-autobahn: ffi-install-local ## the echo servers (tests/autobahn/servers) through Autobahn|Testsuite case 7
	tests/autobahn/run.sh $(AUTOBAHN_SERVERS)

TEST_TARGETS += test-autobahn

# The Python example runs in the project venv (websockets is pinned in py/requirements-dev.txt,
# wsclose installed by py-develop); the Node one uses the npm package (bindings/js, js-build, a
# `file:` dependency) and its own locked `ws` (examples/node-ws/package-lock.json, installed by
# the setup script).
test-examples: py-develop js-build ## examples/python-websockets and examples/node-ws against real clients
	@echo "== examples/node-ws (ws server, wsclose npm package) =="
	cd examples/node-ws && $(NODE) --test test.mjs
	@echo "== examples/python-websockets (websockets server, wsclose Python package) =="
	cd examples/python-websockets && $(PY) -m pytest -q -p no:cacheprovider test_server.py

TEST_TARGETS += test-examples
