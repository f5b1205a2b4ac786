#!/usr/bin/env bash
# Autobahn|Testsuite case 7 (Close handling) against the wslay echo server of examples/c-wslay,
# whose Close decisions come from libwsclose. Builds the server against the libwsclose installed
# in build/prefix (make ffi-install-local), starts it on a free loopback port, runs
#   wstest -m fuzzingclient -s fuzzingclient.json     ("cases": ["7.*"])
# and fails unless all 37 cases are OK or INFORMATIONAL (behavior and close behavior).
# Everything it writes goes to build/autobahn/ (reports: build/autobahn/reports/servers/).
# Usage: tests/autobahn/run.sh          (make test-autobahn runs the setup first)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/build/autobahn"
venv="$out/venv27"
cases='7.*'
expected_cases=37
export PKG_CONFIG_PATH="$root/build/prefix/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"

[[ -x "$venv/bin/wstest" ]] || { echo "autobahn: $venv/bin/wstest is missing: run `make setup-autobahn`" >&2; exit 1; }
[[ -f "$root/build/prefix/lib/pkgconfig/wsclose.pc" ]] || { echo "autobahn: no libwsclose in build/prefix: run make ffi-install-local" >&2; exit 1; }
mkdir -p "$out"

t=$(date +%s%N)
stage() { # stage NAME: prints how long the stage since the previous call took
  local now ms; now=$(date +%s%N); ms=$(( (now - t) / 1000000 ))
  printf '[time] autobahn %s: %d.%03d s\n' "$1" $((ms / 1000)) $((ms % 1000))
  t=$now
}

# 1. Build the example with its own Makefile, as a user of the installed library would.
make -s -C "$root/examples/c-wslay" OUT="$out"
stage build

# 2. Start it on a free port (it binds 127.0.0.1:0 and prints the port).
server_pid=
cleanup() { [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true; }
trap cleanup EXIT
"$out/wsclose-echo" -p 0 >"$out/server.out" 2>"$out/server.log" &
server_pid=$!
port=
for _ in $(seq 100); do
  port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$out/server.out")
  [[ -n $port ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$out/server.log" >&2; echo "autobahn: the server did not start" >&2; exit 1; }
  sleep 0.05
done
[[ -n $port ]] || { echo "autobahn: the server printed no port" >&2; exit 1; }
echo "autobahn: $(cat "$out/server.out")"
stage "server start"

# 3. The fuzzing client: one server, case 7 only.
rm -rf "$out/reports"
cat >"$out/fuzzingclient.json" <<JSON
{
  "outdir": "./reports/servers",
  "servers": [{"agent": "wsclose-echo", "url": "ws://127.0.0.1:$port"}],
  "cases": ["$cases"],
  "exclude-cases": [],
  "exclude-agent-cases": {}
}
JSON
(cd "$out" && PYTHONWARNINGS=ignore timeout 900 "$venv/bin/wstest" -m fuzzingclient -s fuzzingclient.json) \
  >"$out/wstest.log" 2>&1 || { tail -30 "$out/wstest.log" >&2; echo "autobahn: wstest failed (log: $out/wstest.log)" >&2; exit 1; }
stage "wstest (cases $cases)"

# 4. The server must stop cleanly on SIGTERM.
kill -TERM "$server_pid"
rc=0; wait "$server_pid" || rc=$?
server_pid=
[[ $rc == 0 ]] || { echo "autobahn: the server exited with $rc on SIGTERM" >&2; exit 1; }
stage "server stop (SIGTERM)"

# 5. The verdict, from reports/servers/index.json.
python3 - "$out/reports/servers/index.json" "$expected_cases" <<'PY'
import html, json, os, re, sys
path, expected = sys.argv[1], int(sys.argv[2])
outdir = os.path.dirname(path)
report = json.load(open(path))
if list(report) != ["wsclose-echo"]:
    sys.exit(f"autobahn: unexpected agents in {path}: {list(report)}")
results = report["wsclose-echo"]
def key(case):
    return tuple(int(p) for p in case.split("."))
good = {"OK", "INFORMATIONAL"}
print(f"{'case':<8} {'behavior':<14} {'close':<14} {'remote code':>11} {'ms':>5}")
failed = []
for case in sorted(results, key=key):
    r = results[case]
    code = r.get("remoteCloseCode")
    print(f"{case:<8} {r['behavior']:<14} {r['behaviorClose']:<14} {str(code):>11} {r.get('duration', 0):>5}")
    if r["behavior"] not in good or r["behaviorClose"] not in good:
        failed.append(case)
# The same table in Markdown, with each case's description, for docs/autobahn.md.
with open(os.path.join(outdir, "..", "..", "summary.md"), "w") as md:
    md.write("| case | what the client does | behavior | close behavior | server's close code |\n")
    md.write("|---|---|---|---|---:|\n")
    for case in sorted(results, key=key):
        r = results[case]
        with open(os.path.join(outdir, r["reportfile"])) as f:
            desc = json.load(f)["description"]
        desc = html.unescape(re.sub(r"<[^>]+>", "", desc)).replace("\n", " ").strip()
        code = r.get("remoteCloseCode")
        md.write(f"| {case} | {desc} | {r['behavior']} | {r['behaviorClose']} | "
                 f"{'(empty Close)' if code is None else code} |\n")
counts = {}
for r in results.values():
    counts[r["behavior"]] = counts.get(r["behavior"], 0) + 1
print("behaviors:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
if len(results) != expected:
    sys.exit(f"autobahn: {len(results)} cases ran, expected {expected}")
print(f"autobahn: {len(results) - len(failed)} passed, {len(failed)} failed")
if failed:
    sys.exit("autobahn: not OK/INFORMATIONAL: " + " ".join(failed) + f" (see {path.rsplit('/', 1)[0]})")
PY
stage verdict
